#include "diag.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "../common/buf.h"
#include "../common/text.h"

void
diag_init(diag *d)
{
	memset(d, 0, sizeof *d);
	pthread_mutex_init(&d->lock, NULL);
}

static void
S_clear(diag *d)
{
	size_t i;

	for (i = 0; i < d->n; i++) {
		free(d->a[i].path);
		free(d->a[i].text);
	}
	d->n = 0;
	d->nerrors = 0;
	d->nwarnings = 0;
}

void
diag_free(diag *d)
{
	S_clear(d);
	free(d->a);
	pthread_mutex_destroy(&d->lock);
}

static void
S_vadd(diag *d, diag_level level, const char *rule, const char *path,
	int line, const char *page, const char *fmt, va_list ap)
{
	buf b;
	diag_msg *m;
	size_t same = 0;

	buf_init(&b, BUF_MAX_SHORT);
	buf_vprintf(&b, fmt, ap);
	if (page != NULL) {
		same = b.len;
		buf_printf(&b, msg(" (page %s)", " (page %s)"), page);
	}
	if (level == DIAG_WARNING && d->strict)
		level = DIAG_ERROR;

	pthread_mutex_lock(&d->lock);
	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 16;
		d->a = mem_alloc(d->a, d->cap * sizeof *d->a);
	}
	m = &d->a[d->n++];
	m->level = level;
	m->rule = rule;
	m->path = mem_strdup(path ? path : "");
	m->line = line;
	m->text = buf_detach(&b);
	m->same = same;
	if (level == DIAG_ERROR)
		d->nerrors++;
	else if (level == DIAG_WARNING)
		d->nwarnings++;
	pthread_mutex_unlock(&d->lock);
	buf_free(&b);
}

void
diag_add(diag *d, diag_level level, const char *path, int line,
	const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	S_vadd(d, level, NULL, path, line, NULL, fmt, ap);
	va_end(ap);
}

void
diag_add_rule(diag *d, diag_level level, const char *rule, const char *path,
	int line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	S_vadd(d, level, rule, path, line, NULL, fmt, ap);
	va_end(ap);
}

void
diag_add_page(diag *d, diag_level level, const char *rule, const char *path,
	int line, const char *page, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	S_vadd(d, level, rule, path, line, page, fmt, ap);
	va_end(ap);
}

static int
S_cmp(const void *pa, const void *pb)
{
	const diag_msg *a = pa, *b = pb;
	int c = strcmp(a->path, b->path);

	if (c != 0)
		return c;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	/* The repeats of a theme's message side by side: its text first,
	 * then the page. */
	if (a->same > 0 && b->same > 0) {
		size_t n = a->same < b->same ? a->same : b->same;

		if ((c = memcmp(a->text, b->text, n)) != 0)
			return c;
		if (a->same != b->same)
			return a->same < b->same ? -1 : 1;
	}
	return strcmp(a->text, b->text);
}

/* Sort; then S_repeat tells the messages to skip. */
static void
S_sort(diag *d)
{
	if (d->n > 1)
		qsort(d->a, d->n, sizeof *d->a, S_cmp);
}

/* A template error repeats on every page that uses it. */
static int
S_repeat(const diag *d, size_t i)
{
	const diag_msg *a, *b;

	if (i == 0)
		return 0;
	a = &d->a[i];
	b = &d->a[i - 1];
	if (a->level != b->level)
		return 0;
	if (a->same > 0 && a->same == b->same)
		return strcmp(a->path, b->path) == 0 && a->line == b->line &&
		    memcmp(a->text, b->text, a->same) == 0;
	return S_cmp(a, b) == 0;
}

void
diag_counts(diag *d, int *nerrors, int *nwarnings)
{
	size_t i;

	*nerrors = *nwarnings = 0;
	S_sort(d);
	for (i = 0; i < d->n; i++) {
		if (S_repeat(d, i))
			continue;
		if (d->a[i].level == DIAG_ERROR)
			(*nerrors)++;
		else if (d->a[i].level == DIAG_WARNING)
			(*nwarnings)++;
	}
}

static const char *
S_level_word(diag_level level)
{
	switch (level) {
	case DIAG_ERROR: return msg("erreur", "error");
	case DIAG_WARNING: return msg("attention", "warning");
	case DIAG_NOTE: return msg("note", "note");
	}
	return "";
}

int
diag_print(diag *d, FILE *f)
{
	size_t i, shown = 0;
	int nerrors = d->nerrors;
	const char *what;

	S_sort(d);
	for (i = 0; i < d->n && shown < DIAG_MAX_SHOWN; i++) {
		diag_msg *m = &d->a[i];

		if (S_repeat(d, i))
			continue;
		shown++;

		what = S_level_word(m->level);
		if (m->line > 0)
			fprintf(f, "%s:%d: %s: %s\n", m->path, m->line, what,
			    m->text);
		else if (m->path[0] != '\0')
			fprintf(f, "%s: %s: %s\n", m->path, what, m->text);
		else
			fprintf(f, "eystime: %s: %s\n", what, m->text);
	}
	if (i < d->n)
		fprintf(f, msg("… et d'autres messages (%zu en tout).\n",
		    "… and more messages (%zu in all).\n"), d->n);
	S_clear(d);
	return nerrors;
}

int
diag_print_json(diag *d, FILE *f)
{
	static const char *const levels[] = { "error", "warning", "note" };
	size_t i;
	int nerrors = d->nerrors, first = 1;
	buf out;

	S_sort(d);
	buf_init(&out, BUF_UNBOUNDED);
	buf_putc(&out, '[');
	for (i = 0; i < d->n; i++) {
		const diag_msg *m = &d->a[i];

		if (S_repeat(d, i))
			continue;
		buf_puts(&out, first ? "\n{\"path\":\"" : ",\n{\"path\":\"");
		first = 0;
		json_escape(&out, m->path);
		buf_printf(&out, "\",\"line\":%d,\"level\":\"%s\",\"rule\":",
		    m->line, levels[m->level]);
		if (m->rule != NULL) {
			buf_putc(&out, '"');
			json_escape(&out, m->rule);
			buf_putc(&out, '"');
		} else {
			buf_puts(&out, "null");
		}
		buf_puts(&out, ",\"message\":\"");
		json_escape(&out, m->text);
		buf_puts(&out, "\"}");
	}
	buf_puts(&out, first ? "]\n" : "\n]\n");
	fwrite(out.data, 1, out.len, f);
	buf_free(&out);
	S_clear(d);
	return nerrors;
}
