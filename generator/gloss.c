#include "gloss.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "../common/text.h"
#include "slug.h"

/* The folded form of one code point: ASCII lowered, Latin letters without
 * their accent, blanks as a space, the rest as it is. */
static const char *
S_fold_cp(unsigned cp, char tmp[5], const char *raw, size_t len)
{
	const char *f;

	if (cp < 0x80) {
		tmp[0] = (char)(isspace((int)cp) ? ' ' : tolower((int)cp));
		tmp[1] = '\0';
		return tmp;
	}
	if (cp == 0xa0 || cp == 0x202f)
		return " ";
	if ((f = slug_fold(cp)) != NULL)
		return f;
	memcpy(tmp, raw, len);
	tmp[len] = '\0';
	return tmp;
}

void
gloss_fold(buf *out, const char *s, size_t n)
{
	size_t i = 0, len;
	unsigned cp;
	char tmp[5];
	const char *f;

	while (i < n) {
		cp = utf8_decode(s + i, n - i, &len);
		f = S_fold_cp(cp, tmp, s + i, len);
		i += len;
		/* One space for any run of blanks, none at the ends. */
		if (f[0] == ' ' && (out->len == 0 ||
		    out->data[out->len - 1] == ' '))
			continue;
		buf_puts(out, f);
	}
	while (out->len > 0 && out->data[out->len - 1] == ' ')
		buf_truncate(out, out->len - 1);
}

static int
S_word_char(unsigned cp)
{
	return cp >= 0x80 || isalnum((int)cp);
}

int
gloss_match(const gloss *g, const char *text, size_t n, size_t *len)
{
	unsigned char c0;
	unsigned cp;
	size_t l;
	char tmp0[5];
	int k;

	if (n == 0 || g->n == 0)
		return -1;
	cp = utf8_decode(text, n, &l);
	c0 = (unsigned char)S_fold_cp(cp, tmp0, text, l)[0];
	for (k = g->first[c0]; k < g->first[c0 + 1]; k++) {
		const gloss_term *t = &g->a[g->by_len[k]];
		const char *f = t->fold;
		size_t i = 0;
		char tmp[5];

		/* Walk the text, folding, while it matches the term. */
		while (*f != '\0' && i < n) {
			const char *c;
			size_t cl;

			cp = utf8_decode(text + i, n - i, &l);
			c = S_fold_cp(cp, tmp, text + i, l);
			cl = strlen(c);
			if (strncmp(f, c, cl) != 0)
				break;
			f += cl;
			i += l;
		}
		if (*f != '\0')
			continue;
		/* The term must end at a word's end. */
		if (i < n) {
			cp = utf8_decode(text + i, n - i, &l);
			if (S_word_char(cp))
				continue;
		}
		*len = i;
		return g->by_len[k];
	}
	return -1;
}

static int
S_fold_cmp(const void *x, const void *y)
{
	const gloss_term *a = x, *b = y;
	int c = strcmp(a->fold, b->fold);

	return c != 0 ? c : a->page - b->page;
}

static const gloss *S_sort;

static int
S_len_cmp(const void *x, const void *y)
{
	const gloss_term *a = &S_sort->a[*(const int *)x];
	const gloss_term *b = &S_sort->a[*(const int *)y];
	size_t la = strlen(a->fold), lb = strlen(b->fold);

	if (a->fold[0] != b->fold[0])
		return (unsigned char)a->fold[0] < (unsigned char)b->fold[0] ?
		    -1 : 1;
	if (la != lb)
		return la > lb ? -1 : 1;
	return strcmp(a->fold, b->fold);
}

void
gloss_build(gloss *g, const gloss_page *pages, int npages, diag *d)
{
	buf fold, anchor;
	size_t i;
	int p, k, out;

	memset(g, 0, sizeof *g);
	g->page = -1;
	buf_init(&fold, BUF_MAX_TEXT);
	buf_init(&anchor, BUF_MAX_TEXT);
	for (p = 0; p < npages; p++) {
		const fm_node *v = pages[p].terms;

		if (pages[p].is_glossary)
			g->page = p;
		if (v == NULL || v->type != FM_MAP)
			continue;
		for (i = 0; i + 1 < v->n; i += 2) {
			const fm_node *def = v->kids[i + 1];
			gloss_term *t;

			buf_reset(&fold);
			gloss_fold(&fold, v->kids[i]->str,
			    strlen(v->kids[i]->str));
			if (fold.len == 0 || def->type != FM_SCALAR)
				continue;
			g->a = mem_alloc(g->a, (size_t)(g->n + 1) * sizeof *g->a);
			t = &g->a[g->n++];
			t->term = mem_strdup(v->kids[i]->str);
			t->def = mem_strdup(def->str);
			t->fold = buf_detach(&fold);
			t->anchor = NULL;
			t->page = p;
		}
	}
	if (g->n > 1)
		qsort(g->a, (size_t)g->n, sizeof *g->a, S_fold_cmp);
	/* One definition per term: the first page in course order. */
	for (k = 0, out = 0; k < g->n; k++) {
		if (out > 0 && strcmp(g->a[out - 1].fold, g->a[k].fold) == 0) {
			if (strcmp(g->a[out - 1].def, g->a[k].def) != 0)
				diag_add(d, DIAG_WARNING,
				    pages[g->a[k].page].path, 0, msg(
				    "« %s » est déjà défini dans %s : cette "
				    "définition-ci n'est pas utilisée",
				    "\"%s\" is already defined in %s: this "
				    "definition is not used"), g->a[k].term,
				    pages[g->a[out - 1].page].path);
			free(g->a[k].term);
			free(g->a[k].def);
			free(g->a[k].fold);
			continue;
		}
		g->a[out++] = g->a[k];
	}
	g->n = out;
	for (k = 0; k < g->n; k++) {
		buf_reset(&anchor);
		buf_puts(&anchor, "terme-");
		slug_make(&anchor, g->a[k].term, strlen(g->a[k].term));
		/* Terms that fold alike but differ ("C++", "C#") stay apart. */
		if (k > 0 && strcmp(anchor.data, g->a[k - 1].anchor) == 0)
			buf_printf(&anchor, "-%d", k);
		g->a[k].anchor = buf_detach(&anchor);
	}
	g->by_len = mem_alloc(NULL, (size_t)(g->n + 1) * sizeof *g->by_len);
	for (k = 0; k < g->n; k++)
		g->by_len[k] = k;
	S_sort = g;
	qsort(g->by_len, (size_t)g->n, sizeof *g->by_len, S_len_cmp);
	/* Bucket starts: first[c] is the first term whose fold starts with
	 * a byte >= c. */
	for (k = 0, out = 0; out <= 256; out++) {
		while (k < g->n &&
		    (unsigned char)g->a[g->by_len[k]].fold[0] < out)
			k++;
		g->first[out] = k;
	}
	buf_free(&fold);
	buf_free(&anchor);
}

void
gloss_free(gloss *g)
{
	int k;

	for (k = 0; k < g->n; k++) {
		free(g->a[k].term);
		free(g->a[k].def);
		free(g->a[k].fold);
		free(g->a[k].anchor);
	}
	free(g->a);
	free(g->by_len);
	memset(g, 0, sizeof *g);
}
