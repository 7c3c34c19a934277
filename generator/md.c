#include "md.h"

#include <ctype.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <sodium.h>

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
#include <gumbo.h>

#include "../common/text.h"
#include "title.h"
#include "fs.h"
#include "slug.h"
#include "url.h"

#define MD_OPTIONS (CMARK_OPT_SOURCEPOS | CMARK_OPT_UNSAFE | \
	CMARK_OPT_FOOTNOTES | CMARK_OPT_GITHUB_PRE_LANG)

/*
 * The blocks md.c writes itself carry a source position the way cmark
 * prints it (line of the Markdown body), so that S_finish_html records it
 * with the others, then takes it out.
 */
#define S_POS " data-sourcepos=\"%d:1-%d:1\""
/* Before a raw HTML block, which cmark prints without a position. */
#define S_MARK "<!--eystime-line:"

static const char *const S_extensions[] = {
	"table", "strikethrough", "autolink", "tagfilter", "tasklist",
};

/*
 * cmark-gfm keeps the inline special characters of extensions ('~' for
 * strikethrough…) in one global table, added at the start of inline
 * parsing and removed at its end (blocks.c, process_inlines): two threads
 * finishing documents at once would strip each other's '~'. So inline
 * parsing (cmark_parser_finish) runs one thread at a time; block parsing,
 * our tree walk, HTML rendering and templates stay parallel.
 */
static pthread_mutex_t S_inline_lock = PTHREAD_MUTEX_INITIALIZER;

void
md_init(void)
{
	title_cmark_init();
}

typedef struct md_ctx {
	const site *s;
	const page *p;
	const md_labels *labels;
	md_out *out;
	cmark_mem *mem;
	char **sourcepos; /* "l:c-l:c" of each heading, as cmark prints it */
	unsigned char *linked; /* glossary terms already linked on the page */
	int pos_cap;      /* slots allocated in out->pos */
	buf tmp;
} md_ctx;

void
md_out_free(md_out *out)
{
	int i, k;

	for (i = 0; i < out->nh; i++) {
		free(out->h[i].id);
		free(out->h[i].text);
		free(out->h[i].alias[0]);
		free(out->h[i].alias[1]);
		free(out->h[i].alias[2]);
	}
	free(out->h);
	free(out->pos);
	free(out->noalt);
	buf_free(&out->html);
	out->h = NULL;
	out->nh = 0;
	out->pos = NULL;
	out->npos = 0;
	out->noalt = NULL;
	out->nnoalt = 0;
	for (i = 0; i < out->nquiz; i++) {
		free(out->quiz[i].id);
		free(out->quiz[i].question);
		free(out->quiz[i].why);
		for (k = 0; k < out->quiz[i].n; k++)
			free(out->quiz[i].choice[k]);
	}
	free(out->quiz);
	out->quiz = NULL;
	out->nquiz = 0;
}

int
md_line_of(const md_out *out, int line)
{
	int lo = 0, hi = out->npos - 1, mid, k = -1;

	/* The last block that starts at or before line. */
	while (lo <= hi) {
		mid = (lo + hi) / 2;
		if (out->pos[mid].html <= line) {
			k = mid;
			lo = mid + 1;
		} else {
			hi = mid - 1;
		}
	}
	return k < 0 ? 0 : out->pos[k].md + (line - out->pos[k].html);
}

/* The user data of the nodes md.c makes, so that it knows them again. */
static int S_ours;

static int
S_line(const md_ctx *c, cmark_node *node)
{
	return c->p->body_line - 1 + cmark_node_get_start_line(node);
}

static int
S_ends_with(const char *s, size_t n, const char *suffix)
{
	size_t k = strlen(suffix);

	return n >= k && memcmp(s + n - k, suffix, k) == 0;
}

/* The page a link's clean path names: "x.md", "dir/" or "x" (no .md). */
static int
S_find_page(const site *s, buf *tmp, const char *r, size_t n)
{
	int idx;

	if (S_ends_with(r, n, ".md"))
		return site_find(s, r);
	buf_reset(tmp);
	buf_add(tmp, r, n);
	if (n == 0 || r[n - 1] == '/') {
		buf_puts(tmp, "_index.md");
		return site_find(s, tmp->data);
	}
	buf_puts(tmp, ".md");
	if ((idx = site_find(s, tmp->data)) >= 0)
		return idx;
	buf_truncate(tmp, n);
	buf_puts(tmp, "/_index.md");
	return site_find(s, tmp->data);
}

/* What S_target found, when not a page (an index >= 0). */
enum { S_NONE = -1, S_ASSET = -2, S_LEAVES = -3 };

/* How many "voulez-vous dire" candidates a message lists. */
#define S_MAX_HINTS 3

/* Take a final "index.html", ".html" or ".htm" off b: what a published
 * address names is then a folder or a page's name. */
static void
S_strip_html(buf *b)
{
	if (S_ends_with(b->data, b->len, "index.html") && (b->len == 10 ||
	    b->data[b->len - 11] == '/'))
		buf_truncate(b, b->len - 10);
	else if (S_ends_with(b->data, b->len, ".html"))
		buf_truncate(b, b->len - 5);
	else if (S_ends_with(b->data, b->len, ".htm"))
		buf_truncate(b, b->len - 4);
}

/*
 * The page published at address r[0..n) from the root, written as a
 * visitor or another generator would: "m/l1/", "m/l1", "m/l1.html",
 * "m/l1/index.html"; or -1.
 */
static int
S_find_addr(const site *s, buf *tmp, const char *r, size_t n)
{
	buf_reset(tmp);
	buf_add(tmp, r, n);
	S_strip_html(tmp);
	if (tmp->len > 0 && tmp->data[tmp->len - 1] != '/')
		buf_putc(tmp, '/');
	return site_find_url(s, tmp->data);
}

/* The page or file at clean path r from the root: a page's source (not
 * for an image), a file, or a page's published address. */
static int
S_find_any(md_ctx *c, const char *r, size_t n, int image)
{
	int idx;

	if (!image && (idx = S_find_page(c->s, &c->tmp, r, n)) >= 0)
		return idx;
	if (n > 0 && site_has_asset(c->s, r))
		return S_ASSET;
	if (!image && (idx = S_find_addr(c->s, &c->tmp, r, n)) >= 0)
		return idx;
	return S_NONE;
}

/*
 * What the decoded link path dec, written in page p, names: a page (its
 * index), a file (S_ASSET, its path under content/ in res), nothing
 * (S_NONE, res the path it would have from p's folder) or a path out of
 * content/ (S_LEAVES). In order: as a path from p's source folder (a .md
 * file, a folder, a file, an address); from the site's root with the
 * site's path on its host ("/formation/" of base_url) taken off; and as
 * an address relative to where p is published, its url ("../l1/" from
 * "m/l0/" is "m/l1/").
 */
static int
S_target(md_ctx *c, const char *dec, int image, buf *res)
{
	const char *root = c->s->config.root;
	size_t nroot = root != NULL ? strlen(root) : 0;
	buf alt;
	int k = S_NONE, left;

	left = url_resolve(res, c->p->src, dec) < 0;
	if (!left && (k = S_find_any(c, res->data, res->len, image)) != S_NONE)
		return k;
	buf_init(&alt, BUF_MAX_PATH);
	if (dec[0] == '/' && nroot > 1 && strncmp(dec, root, nroot) == 0) {
		if (url_resolve(&alt, "", dec + nroot - 1) == 0)
			k = S_find_any(c, alt.data, alt.len, image);
	} else if (dec[0] != '/' && url_resolve(&alt, c->p->url, dec) == 0) {
		k = S_find_any(c, alt.data, alt.len, image);
	}
	if (k != S_NONE) {
		buf_reset(res);
		buf_add(res, alt.data, alt.len);
	}
	buf_free(&alt);
	return k != S_NONE ? k : left ? S_LEAVES : S_NONE;
}

/* A page's name as links may write it: r without ".md", "_index.md",
 * "index.html", ".html" or a final "/" ("m/l1/" and "m/l1.md" are
 * "m/l1", a page's id). */
static void
S_page_key(buf *key, const char *r, size_t n)
{
	buf_reset(key);
	buf_add(key, r, n);
	S_strip_html(key);
	if (S_ends_with(key->data, key->len, ".md"))
		buf_truncate(key, key->len - 3);
	if (S_ends_with(key->data, key->len, "_index") && (key->len == 6 ||
	    key->data[key->len - 7] == '/'))
		buf_truncate(key, key->len - 6);
	while (key->len > 0 && key->data[key->len - 1] == '/')
		buf_truncate(key, key->len - 1);
}

/* Keep candidate `name` in the S_MAX_HINTS nearest so far (by distance,
 * then first seen). */
static void
S_hint_add(const char **best, int *dist, int *n, const char *name, int d)
{
	int i, j;

	for (i = 0; i < *n && dist[i] <= d; i++)
		;
	if (i >= S_MAX_HINTS)
		return;
	if (*n < S_MAX_HINTS)
		(*n)++;
	for (j = *n - 1; j > i; j--) {
		best[j] = best[j - 1];
		dist[j] = dist[j - 1];
	}
	best[i] = name;
	dist[i] = d;
}

/*
 * "voulez-vous dire content/m/l1.md ?": the published pages (or, for a
 * file, the files) whose name (a page's id, or its file's name) is
 * nearest to what the link names, by url_distance, within a third of its
 * length (at least 2). Appended to
 * out, or nothing when none is that near. One pass over the pages, each
 * compare bounded: O(pages × bound × length).
 */
static void
S_hints(md_ctx *c, buf *out, const char *r, size_t n, int file)
{
	const char *best[S_MAX_HINTS];
	int dist[S_MAX_HINTS], nbest = 0, max, d, d2, i;
	buf key, file_key;
	long k;

	buf_init(&key, BUF_MAX_PATH);
	if (file) {
		buf_add(&key, r, n);
	} else {
		S_page_key(&key, r, n);
	}
	max = (int)key.len / 3 > 2 ? (int)key.len / 3 : 2;
	if (file) {
		for (k = 0; k < c->s->nassets; k++)
			if ((d = url_distance(key.data, c->s->assets[k],
			    max)) <= max)
				S_hint_add(best, dist, &nbest,
				    c->s->assets[k], d);
	} else {
		/* By id ("m/ma-lecon"), and by file name for a link that
		 * writes one ("Mon Module/Ma lecon.md" is near
		 * "Mon Module/Ma leçon.md"). */
		buf_init(&file_key, BUF_MAX_PATH);
		buf_printf(&file_key, "%s.md", key.data);
		for (i = 0; i < c->s->npages; i++) {
			d = url_distance(key.data, c->s->pages[i].id, max);
			d2 = url_distance(file_key.data, c->s->pages[i].src,
			    max);
			if (d2 < d)
				d = d2;
			if (d <= max)
				S_hint_add(best, dist, &nbest,
				    c->s->pages[i].src, d);
		}
		buf_free(&file_key);
	}
	for (i = 0; i < nbest; i++) {
		buf_puts(out, i == 0 ? msg(" ; voulez-vous dire ",
		    "; did you mean ") : msg(" ou ", " or "));
		buf_printf(out, "content/%s", best[i]);
	}
	if (nbest > 0)
		buf_puts(out, msg(" ?", "?"));
	buf_free(&key);
}

/* 1 when r names a page rather than a file: ".md", ".html", a folder,
 * or a last part without a dot. */
static int
S_names_page(const char *r, size_t n)
{
	const char *last = r + n, *dot = NULL;

	if (n == 0 || r[n - 1] == '/' || S_ends_with(r, n, ".md") ||
	    S_ends_with(r, n, ".html") || S_ends_with(r, n, ".htm"))
		return 1;
	while (last > r && last[-1] != '/') {
		last--;
		if (*last == '.' && dot == NULL)
			dot = last;
	}
	return dot == NULL;
}

/* Report a link whose target S_target did not find: a draft, a page, a
 * file, with the nearest candidates. */
static void
S_link_missing(md_ctx *c, int line, const char *url, const buf *res,
	int image)
{
	const page *p = c->p;
	buf m, key;
	int page_like = S_names_page(res->data, res->len), draft = 0;

	buf_init(&m, BUF_MAX_SHORT);
	buf_init(&key, BUF_MAX_PATH);
	if (page_like) {
		S_page_key(&key, res->data, res->len);
		buf_reset(&c->tmp);
		buf_printf(&c->tmp, "%s/%s.md", c->s->content_dir, key.data);
		draft = fs_exists(c->tmp.data);
		buf_reset(&c->tmp);
		buf_printf(&c->tmp, "%s/%s%s_index.md", c->s->content_dir,
		    key.data, key.len > 0 ? "/" : "");
		draft = draft || fs_exists(c->tmp.data);
	}
	if (image && page_like && S_find_any(c, res->data, res->len, 0) >= 0)
		buf_printf(&m, msg("une image doit être un fichier image, pas "
		    "une page : %s", "an image must be a picture file, not a "
		    "page: %s"), url);
	else if (!image && page_like && draft)
		buf_printf(&m, msg("lien vers une page en brouillon (draft), "
		    "qui ne sera pas publiée : %s", "link to a draft page, "
		    "which will not be published: %s"), url);
	else if (!image && page_like)
		buf_printf(&m, msg("lien vers une page qui n'existe pas : %s",
		    "link to a page that does not exist: %s"), url);
	else
		buf_printf(&m, msg("%s vers un fichier qui n'existe pas : %s",
		    "%s to a file that does not exist: %s"),
		    image ? msg("image", "image") : msg("lien", "link"), url);
	if (!draft && !(image && page_like))
		S_hints(c, &m, res->data, res->len, image || !page_like);
	diag_add(c->s->d, DIAG_ERROR, p->path, line, "%s", m.data);
	buf_free(&m);
	buf_free(&key);
}

/*
 * Check the address `url` of a link or image written at `line` of page p,
 * and put in out (reset first) what the HTML must say instead: a page's
 * or file's address relative to p's. Returns 0 when out holds it, 1 when
 * url stays as it is (external, in the page), -1 after reporting it.
 */
static int
S_rewrite(md_ctx *c, const char *url, int image, int line, buf *out)
{
	const char *cut;
	buf dec, res;
	int k, rc = 0;

	if (url == NULL || url[0] == '\0' || url[0] == '#' || url[0] == '?' ||
	    url_is_external(url))
		return 1;
	cut = url + strcspn(url, "?#");
	buf_init(&dec, BUF_MAX_PATH);
	buf_init(&res, BUF_MAX_PATH);
	buf_reset(out);
	k = S_NONE;
	if (url_decode(&dec, url, (size_t)(cut - url)) < 0 || dec.overflow ||
	    strchr(dec.data, '\\') != NULL ||
	    (k = S_target(c, dec.data, image, &res)) == S_LEAVES) {
		diag_add(c->s->d, DIAG_ERROR, c->p->path, line, msg(
		    "le lien « %s » sort du dossier content/",
		    "the link \"%s\" leaves the content/ folder"), url);
		rc = -1;
	} else if (k >= 0) {
		site_link(c->s, out, c->p->url, c->s->pages[k].url);
	} else if (k == S_ASSET) {
		/* A file keeps its name, blanks and accents too: written
		 * %XX in the address (raw HTML gets no other escaping). */
		buf_reset(&dec);
		url_relative(&dec, c->p->url, res.data);
		url_encode(out, dec.data);
	} else {
		S_link_missing(c, line, url, &res, image);
		rc = -1;
	}
	if (rc == 0)
		buf_puts(out, cut);
	buf_free(&dec);
	buf_free(&res);
	return rc;
}

static void
S_link(md_ctx *c, cmark_node *node)
{
	buf out;

	if (cmark_node_get_user_data(node) == &S_ours)
		return;
	buf_init(&out, BUF_MAX_PATH);
	if (S_rewrite(c, cmark_node_get_url(node),
	    cmark_node_get_type(node) == CMARK_NODE_IMAGE, S_line(c, node),
	    &out) == 0)
		cmark_node_set_url(node, out.data);
	buf_free(&out);
}

/* The plain text of a node's inlines, for heading ids and the toc. */
static void
S_plain_text(buf *b, cmark_node *node)
{
	cmark_node *k;
	const char *lit;

	for (k = cmark_node_first_child(node); k; k = cmark_node_next(k)) {
		switch (cmark_node_get_type(k)) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE:
			if ((lit = cmark_node_get_literal(k)) != NULL)
				buf_puts(b, lit);
			break;
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK:
			buf_putc(b, ' ');
			break;
		default:
			S_plain_text(b, k);
		}
	}
}

/* 1 when id is a heading's id or alias on the page. */
static int
S_id_used(const md_out *out, const char *id)
{
	int i, k;

	for (i = 0; i < out->nh; i++) {
		if (strcmp(out->h[i].id, id) == 0)
			return 1;
		for (k = 0; k < 3; k++)
			if (out->h[i].alias[k] != NULL &&
			    strcmp(out->h[i].alias[k], id) == 0)
				return 1;
	}
	return 0;
}

/*
 * "## Titre {#mon-id}": the id the author chose, at the end of the
 * heading's last text (kramdown's and Pandoc's form). It is taken out
 * of the text and copied to b; returns 0 when there is none. An id is
 * made of anything but blanks, quotes, "<>&#{}" (HTML needs no more).
 */
static int
S_explicit_id(cmark_node *node, buf *b)
{
	cmark_node *last = cmark_node_last_child(node);
	const char *lit, *open, *end, *p;
	buf keep;

	if (last == NULL || cmark_node_get_type(last) != CMARK_NODE_TEXT ||
	    (lit = cmark_node_get_literal(last)) == NULL)
		return 0;
	end = lit + strlen(lit);
	while (end > lit && (end[-1] == ' ' || end[-1] == '\t'))
		end--;
	if (end - lit < 4 || end[-1] != '}' ||
	    (open = strrchr(lit, '{')) == NULL || open[1] != '#' ||
	    open + 2 >= end - 1)
		return 0;
	for (p = open + 2; p < end - 1; p++)
		if (strchr(" \t\"'<>&#{}", *p) != NULL)
			return 0;
	buf_add(b, open + 2, (size_t)(end - 1 - open - 2));
	while (open > lit && (open[-1] == ' ' || open[-1] == '\t'))
		open--;
	buf_init(&keep, BUF_MAX_SHORT);
	buf_add(&keep, lit, (size_t)(open - lit));
	cmark_node_set_literal(last, keep.data);
	buf_free(&keep);
	return 1;
}

/* The aliases of every heading, once all ids are known, so that none
 * is another heading's id (see md_heading). */
static void
S_aliases(md_out *out)
{
	buf gh;
	int i;

	buf_init(&gh, BUF_MAX_SHORT);
	for (i = 0; i < out->nh; i++) {
		md_heading *h = &out->h[i];
		const char *a;
		size_t n;

		buf_reset(&gh);
		slug_github(&gh, h->text, strlen(h->text));
		if (gh.len > 0 && !S_id_used(out, gh.data))
			h->alias[1] = mem_strdup(gh.data);
		a = gh.data;
		n = gh.len;
		while (n > 0 && *a == '-') {
			a++;
			n--;
		}
		while (n > 0 && a[n - 1] == '-')
			n--;
		if (n > 0 && n < gh.len) {
			char *t = mem_strndup(a, n);

			if (S_id_used(out, t))
				free(t);
			else
				h->alias[2] = t;
		}
	}
	buf_free(&gh);
}

static void
S_heading(md_ctx *c, cmark_node *node)
{
	md_out *out = c->out;
	md_heading *h;
	buf text, id, mine;
	size_t base;
	int n, explicit;

	buf_init(&text, BUF_MAX_SHORT);
	buf_init(&id, BUF_MAX_SHORT);
	buf_init(&mine, BUF_MAX_SHORT);
	explicit = S_explicit_id(node, &mine);
	if (explicit && S_id_used(out, mine.data)) {
		diag_add(c->s->d, DIAG_ERROR, c->p->path, S_line(c, node), msg(
		    "l'id « %s » est déjà celui d'un autre titre de la page",
		    "the id \"%s\" is already another heading's in the page"),
		    mine.data);
		explicit = 0;
	}
	S_plain_text(&text, node);
	slug_make(&id, text.data, text.len);
	if (id.len == 0)
		buf_puts(&id, "section");
	base = id.len;
	for (n = 2; S_id_used(out, id.data); n++) {
		buf_truncate(&id, base);
		buf_printf(&id, "-%d", n);
	}
	out->h = mem_alloc(out->h, (size_t)(out->nh + 1) * sizeof *out->h);
	c->sourcepos = mem_alloc(c->sourcepos,
	    (size_t)(out->nh + 1) * sizeof *c->sourcepos);
	h = &out->h[out->nh];
	memset(h, 0, sizeof *h);
	h->level = cmark_node_get_heading_level(node);
	h->toc = (h->level == 2 || h->level == 3) &&
	    cmark_node_get_type(cmark_node_parent(node)) == CMARK_NODE_DOCUMENT;
	h->line = S_line(c, node);
	if (explicit) {
		h->id = buf_detach(&mine);
		if (strcmp(id.data, h->id) != 0)
			h->alias[0] = buf_detach(&id);
	} else {
		h->id = buf_detach(&id);
	}
	buf_free(&mine);
	h->text = buf_detach(&text);
	buf_reset(&c->tmp);
	buf_printf(&c->tmp, "%d:%d-%d:%d", cmark_node_get_start_line(node),
	    cmark_node_get_start_column(node), cmark_node_get_end_line(node),
	    cmark_node_get_end_column(node));
	c->sourcepos[out->nh] = mem_strdup(c->tmp.data);
	out->nh++;
	buf_free(&text);
	buf_free(&id);
}

/* "[!TIP]" and friends, GitHub's and French names. */
static const struct {
	const char *name;
	int kind;
} S_callouts[] = {
	{ "[!NOTE]", MD_NOTE }, { "[!TIP]", MD_TIP },
	{ "[!ASTUCE]", MD_TIP }, { "[!IMPORTANT]", MD_IMPORTANT },
	{ "[!WARNING]", MD_WARNING }, { "[!ATTENTION]", MD_WARNING },
	{ "[!CAUTION]", MD_CAUTION }, { "[!DANGER]", MD_CAUTION },
};

/*
 * A quote that starts with "[!WORD]" where WORD is no callout's name:
 * a typo ("[!ATENTION]"), which would show as it is. An error names
 * the nearest name (url_distance, case aside, within half the word).
 */
static void
S_callout_typo(md_ctx *c, cmark_node *quote, const char *lit)
{
	const char *best = NULL;
	size_t n = strlen(lit), i;
	int d, bestd, max;
	buf up;

	if (n < 4 || strncmp(lit, "[!", 2) != 0 || lit[n - 1] != ']')
		return;
	for (i = 2; i + 1 < n; i++)
		if (!isalpha((unsigned char)lit[i]))
			return;
	buf_init(&up, BUF_MAX_NAME);
	for (i = 0; i < n; i++)
		buf_putc(&up, (char)toupper((unsigned char)lit[i]));
	max = (int)(n - 3) / 2 > 1 ? (int)(n - 3) / 2 : 1;
	bestd = max + 1;
	for (i = 0; i < sizeof S_callouts / sizeof S_callouts[0]; i++)
		if ((d = url_distance(up.data, S_callouts[i].name,
		    bestd - 1)) < bestd) {
			bestd = d;
			best = S_callouts[i].name;
		}
	if (best != NULL)
		diag_add(c->s->d, DIAG_ERROR, c->p->path, S_line(c, quote), msg(
		    "encadré inconnu « %s » : voulez-vous dire %s ? (les "
		    "encadrés : [!NOTE], [!ASTUCE], [!IMPORTANT], [!ATTENTION], "
		    "[!DANGER])", "unknown callout \"%s\": did you mean %s? "
		    "(the callouts: [!NOTE], [!TIP], [!IMPORTANT], [!WARNING], "
		    "[!CAUTION])"), lit, best);
	else
		diag_add(c->s->d, DIAG_ERROR, c->p->path, S_line(c, quote), msg(
		    "encadré inconnu « %s » : les encadrés sont [!NOTE], "
		    "[!ASTUCE], [!IMPORTANT], [!ATTENTION] et [!DANGER]",
		    "unknown callout \"%s\": the callouts are [!NOTE], "
		    "[!TIP], [!IMPORTANT], [!WARNING] and [!CAUTION]"), lit);
	buf_free(&up);
}

static int
S_callout_kind(const char *lit)
{
	size_t i;

	for (i = 0; i < sizeof S_callouts / sizeof S_callouts[0]; i++)
		if (strcasecmp(lit, S_callouts[i].name) == 0)
			return S_callouts[i].kind;
	return -1;
}

/*
 * A block quote whose first line is "[!TIP]" becomes a callout: a custom
 * block that prints its own opening and closing tags around the quote's
 * blocks. Returns the new node, or NULL when node is a plain quote.
 */
static cmark_node *
S_callout(md_ctx *c, cmark_node *quote)
{
	static const char *const classes[] = {
		"note", "tip", "important", "warning", "caution",
	};
	cmark_node *para = cmark_node_first_child(quote), *text, *brk, *box,
	    *k;
	const char *lit;
	int kind, line = cmark_node_get_start_line(quote);

	if (para == NULL || cmark_node_get_type(para) != CMARK_NODE_PARAGRAPH)
		return NULL;
	text = cmark_node_first_child(para);
	if (text == NULL || cmark_node_get_type(text) != CMARK_NODE_TEXT ||
	    (lit = cmark_node_get_literal(text)) == NULL)
		return NULL;
	if ((kind = S_callout_kind(lit)) < 0) {
		brk = cmark_node_next(text);
		if (brk == NULL || cmark_node_get_type(brk) ==
		    CMARK_NODE_SOFTBREAK || cmark_node_get_type(brk) ==
		    CMARK_NODE_LINEBREAK)
			S_callout_typo(c, quote, lit);
		return NULL;
	}
	brk = cmark_node_next(text);
	if (brk != NULL && cmark_node_get_type(brk) != CMARK_NODE_SOFTBREAK &&
	    cmark_node_get_type(brk) != CMARK_NODE_LINEBREAK)
		return NULL;
	cmark_node_free(text);
	if (brk != NULL)
		cmark_node_free(brk);
	if (cmark_node_first_child(para) == NULL) {
		cmark_node_free(para);
	} else {
		/* The paragraph now starts a line lower than cmark says. */
		k = cmark_node_new_with_mem(CMARK_NODE_HTML_INLINE, c->mem);
		buf_reset(&c->tmp);
		buf_printf(&c->tmp, S_MARK "%d-->",
		    cmark_node_get_start_line(para) + 1);
		cmark_node_set_literal(k, c->tmp.data);
		cmark_node_prepend_child(para, k);
	}

	box = cmark_node_new_with_mem(CMARK_NODE_CUSTOM_BLOCK, c->mem);
	buf_reset(&c->tmp);
	buf_printf(&c->tmp, "<div class=\"callout callout-%s\" role=\"note\""
	    S_POS ">\n<p class=\"callout-title\">", classes[kind], line, line);
	html_escape(&c->tmp, c->labels->callout[kind],
	    strlen(c->labels->callout[kind]));
	buf_puts(&c->tmp, "</p>");
	cmark_node_set_on_enter(box, c->tmp.data);
	cmark_node_set_on_exit(box, "</div>");
	while ((k = cmark_node_first_child(quote)) != NULL)
		cmark_node_append_child(box, k);
	cmark_node_replace(quote, box);
	cmark_node_free(quote);
	return box;
}

/* The name of a table's region: the theme's label with its first %d
 * made the table's number and its first %s the column heads (the label
 * is the theme's text, never a printf format). */
static void
S_table_name(md_ctx *c, buf *b, cmark_node *table, int n)
{
	const char *f = c->labels->table_label;
	cmark_node *row = cmark_node_first_child(table), *cell;
	buf heads;
	int num = 0, str = 0;

	buf_init(&heads, BUF_MAX_TEXT);
	for (cell = row ? cmark_node_first_child(row) : NULL; cell;
	    cell = cmark_node_next(cell)) {
		if (heads.len > 0)
			buf_puts(&heads, ", ");
		S_plain_text(&heads, cell);
	}
	for (; *f; f++) {
		if (f[0] == '%' && f[1] == 'd' && !num) {
			buf_printf(b, "%d", n);
			num = 1;
			f++;
		} else if (f[0] == '%' && f[1] == 's' && !str) {
			buf_puts(b, heads.data);
			str = 1;
			f++;
		} else {
			buf_putc(b, *f);
		}
	}
	buf_free(&heads);
}

/*
 * A table sits in a named region that the keyboard can reach and that
 * scrolls sideways on a narrow screen, so that it never makes the page
 * scroll (the theme's script does the same, for tables it finds outside
 * one). Returns the region, a custom block around the table.
 */
static cmark_node *
S_table(md_ctx *c, cmark_node *table, int n)
{
	cmark_node *box = cmark_node_new_with_mem(CMARK_NODE_CUSTOM_BLOCK,
	    c->mem);
	int line = cmark_node_get_start_line(table);
	buf name;

	buf_init(&name, BUF_MAX_TEXT);
	S_table_name(c, &name, table, n);
	buf_reset(&c->tmp);
	buf_puts(&c->tmp, "<section class=\"scroll\" "
	    "tabindex=\"0\" aria-label=\"");
	html_escape(&c->tmp, name.data, name.len);
	buf_printf(&c->tmp, "\"" S_POS ">", line, line);
	buf_free(&name);
	cmark_node_set_on_enter(box, c->tmp.data);
	cmark_node_set_on_exit(box, "</section>");
	cmark_node_set_user_data(box, &S_ours);
	cmark_node_insert_before(table, box);
	cmark_node_append_child(box, table);
	return box;
}

/* A copy of line[0..n) without blanks at either end. */
static void
S_trimmed(buf *b, const char *p, size_t n)
{
	while (n > 0 && (*p == ' ' || *p == '\t')) {
		p++;
		n--;
	}
	while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\t' ||
	    p[n - 1] == '\r'))
		n--;
	buf_add(b, p, n);
}

/* How many lines of a quiz are right answers ("- [x] …"). */
static int
S_quiz_rights(const char *p)
{
	int n = 0;

	for (; p != NULL && *p != '\0'; p = strchr(p, '\n'), p = p ? p + 1 :
	    NULL) {
		while (*p == ' ' || *p == '\t')
			p++;
		if ((p[0] == '-' || p[0] == '*') && p[1] == ' ' && p[2] == '[' &&
		    (p[3] == 'x' || p[3] == 'X') && p[4] == ']')
			n++;
	}
	return n;
}

/* Bytes of the question's words at the start of an id made from it. */
#define S_QUIZ_ID_WORDS 32

/*
 * The id of a quiz that has no `id:` line, made from its own question
 * only, so that quizzes added before it or paragraphs edited around it
 * leave it as it was: the question's slug, word by word (accents,
 * capitals and punctuation folded away, the whole question), cut after
 * S_QUIZ_ID_WORDS bytes at a hyphen, then 4 hex digits of its BLAKE2b
 * hash. "Un site a un cadenas. Que prouve ce cadenas ?" →
 * "un-site-a-un-cadenas-que-prouve-xxxx".
 */
static void
S_quiz_id(buf *id, const char *q, size_t n)
{
	const char *p = q, *e = q + n, *w;
	unsigned char h[2];
	size_t before, k;
	buf words;

	buf_init(&words, BUF_UNBOUNDED);
	while (p < e) {
		for (w = p; w < e && *w != ' '; w++)
			;
		before = words.len;
		if (before > 0)
			buf_putc(&words, '-');
		k = words.len;
		slug_make(&words, p, (size_t)(w - p));
		if (words.len == k)
			buf_truncate(&words, before);
		p = w < e ? w + 1 : w;
	}
	crypto_generichash(h, sizeof h, (const unsigned char *)
	    (words.data ? words.data : ""), words.len, NULL, 0);
	k = words.len;
	if (k > S_QUIZ_ID_WORDS) {
		for (k = S_QUIZ_ID_WORDS; k > 0 && words.data[k] != '-'; k--)
			;
		if (k == 0)
			k = S_QUIZ_ID_WORDS;
	}
	if (k > 0) {
		buf_add(id, words.data, k);
		buf_putc(id, '-');
	} else {
		buf_puts(id, "q-");
	}
	buf_printf(id, "%02x%02x", h[0], h[1]);
	buf_free(&words);
}

/* An id an author writes: a-z, 0-9, "-" and "_", starting with a letter
 * or a digit, at most MD_QUIZ_MAX_ID bytes. */
static int
S_quiz_id_ok(const char *s, size_t n)
{
	size_t i;

	if (n == 0 || n > MD_QUIZ_MAX_ID)
		return 0;
	for (i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' &&
		    s[i] <= '9') || (i > 0 && (s[i] == '-' || s[i] == '_'))))
			return 0;
	return 1;
}

/*
 * ```quiz blocks (docs/content.md):
 *
 *     id: budget-1            (optional: the quiz's id)
 *     Question, on one or more lines
 *     - [ ] a wrong answer
 *     - [x] a right answer
 *     > Why, shown with the answer.
 *
 * In a lesson, a form that posts to the CGI (POST <api>/quiz: the
 * answer is judged and recorded there, docs/cgi.md) with a "Vérifier"
 * button; elsewhere a block of choices. Both keep a <details> that
 * reveals the answer: readable and usable without JavaScript; the
 * theme's script checks the choices marked data-ok in the page. The
 * quiz is noted in c->out->quiz for the manifest. Returns the new node,
 * or NULL (and an error for the author) when the block is not a quiz
 * one can answer.
 */
static cmark_node *
S_quiz(md_ctx *c, cmark_node *node)
{
	const char *lit = cmark_node_get_literal(node), *p, *eol;
	int line = S_line(c, node) + 1, nright = 0, nchoice = 0, bad = 0;
	int multiple, fence = cmark_node_get_start_line(node), q_at = 0;
	int form = c->p->kind == PAGE_LESSON, first = 1, i, id_line = 0;
	/* Lines of the body for S_POS: file line - off. */
	int why_at = 0, off = c->p->body_line - 1;
	buf q, html, answer, why, item, id;
	cmark_node *block = NULL;
	md_quiz z;

	if (lit == NULL)
		return NULL;
	memset(&z, 0, sizeof z);
	/* One right answer: radio buttons; several: checkboxes. */
	multiple = S_quiz_rights(lit) > 1;
	buf_init(&q, BUF_MAX_TEXT);
	buf_init(&html, BUF_MAX_BLOCK);
	buf_init(&answer, BUF_MAX_TEXT);
	buf_init(&why, BUF_MAX_TEXT);
	buf_init(&item, BUF_MAX_TEXT);
	buf_init(&id, BUF_MAX_TEXT);
	for (p = lit; *p != '\0'; p = *eol ? eol + 1 : eol, line++) {
		eol = strchr(p, '\n');
		if (eol == NULL)
			eol = p + strlen(p);
		buf_reset(&item);
		S_trimmed(&item, p, (size_t)(eol - p));
		if (item.len == 0)
			continue;
		if (first && item.len >= 3 && memcmp(item.data, "id:", 3) == 0) {
			const char *v = item.data + 3;

			first = 0;
			while (*v == ' ' || *v == '\t')
				v++;
			if (!S_quiz_id_ok(v, strlen(v))) {
				diag_add(c->s->d, DIAG_ERROR, c->p->path, line,
				    msg("identifiant de quiz non valable : "
				    "« %s » (lettres minuscules sans accent, "
				    "chiffres, « - » et « _ », %d au plus)",
				    "quiz id not valid: \"%s\" (lower-case "
				    "letters without accents, digits, \"-\" and "
				    "\"_\", %d at most)"), v, MD_QUIZ_MAX_ID);
				bad = -1;
				break;
			}
			buf_puts(&id, v);
			id_line = line;
			continue;
		}
		first = 0;
		if ((item.data[0] == '-' || item.data[0] == '*') &&
		    item.len >= 5 && item.data[1] == ' ' && item.data[2] == '[' &&
		    item.data[4] == ']') {
			int ok = item.data[3] == 'x' || item.data[3] == 'X';
			const char *text = item.data + 5;

			while (*text == ' ')
				text++;
			if (q.len == 0 || why.len > 0) {
				bad = line;
				break;
			}
			if (nchoice == MD_QUIZ_MAX_CHOICES) {
				diag_add(c->s->d, DIAG_ERROR, c->p->path, line,
				    msg("un quiz a %d réponses au plus",
				    "a quiz has %d answers at most"),
				    MD_QUIZ_MAX_CHOICES);
				bad = -1;
				break;
			}
			if (nchoice == 0) {
				if (id.len == 0)
					S_quiz_id(&id, q.data, q.len);
				if (form) {
					buf_printf(&html, "<form class=\"quiz\" "
					    "id=\"quiz-%s\" method=\"post\" "
					    "action=\"", id.data);
					const char *api = c->s->config.api ?
					    c->s->config.api : "";

					html_escape(&html, api, strlen(api));
					buf_printf(&html, "/quiz\"" S_POS ">\n"
					    "<input type=\"hidden\" name=\"lesson\" "
					    "value=\"", fence, fence);
					html_escape(&html, c->p->id, strlen(c->p->id));
					buf_printf(&html, "\"><input type=\"hidden\" "
					    "name=\"quiz\" value=\"%s\">\n",
					    id.data);
				} else {
					buf_printf(&html, "<div class=\"quiz\" "
					    "id=\"quiz-%s\"" S_POS ">\n", id.data,
					    fence, fence);
				}
				buf_printf(&html, "<fieldset>\n<legend" S_POS ">",
				    q_at, q_at);
				html_escape(&html, q.data, q.len);
				buf_puts(&html, "</legend>\n<ul class=\"quiz-choices\">\n");
			}
			z.choice[nchoice] = mem_strdup(text);
			nchoice++;
			buf_printf(&html, "<li" S_POS "><label><input "
			    "type=\"%s\" name=\"%s%s\" value=\"%d\"%s%s /> ",
			    line - off, line - off, multiple ? "checkbox" :
			    "radio", form ? "c" : "quiz-", form ? "" : id.data,
			    nchoice, ok ? " data-ok=\"\"" : "", form &&
			    !multiple && nchoice == 1 ? " required" : "");
			html_escape(&html, text, strlen(text));
			buf_puts(&html, "</label></li>\n");
			if (ok) {
				z.right |= 1u << (nchoice - 1);
				if (nright++ > 0)
					buf_puts(&answer, " ; ");
				html_escape(&answer, text, strlen(text));
			}
		} else if (item.data[0] == '>') {
			if (nchoice == 0) {
				bad = line;
				break;
			}
			if (why.len > 0)
				buf_putc(&why, ' ');
			else
				why_at = line - off;
			S_trimmed(&why, item.data + 1, item.len - 1);
		} else {
			if (nchoice > 0) {
				bad = line;
				break;
			}
			if (q.len > 0)
				buf_putc(&q, ' ');
			else
				q_at = line - off;
			buf_add(&q, item.data, item.len);
		}
	}
	/* Two quizzes of a page with one id: the CGI could not tell their
	 * answers apart. */
	for (i = 0; bad == 0 && nchoice > 0 && i < c->out->nquiz; i++)
		if (strcmp(c->out->quiz[i].id, id.data) == 0) {
			diag_add(c->s->d, DIAG_ERROR, c->p->path, id_line ?
			    id_line : S_line(c, node), msg("deux quiz de la "
			    "page ont l'identifiant « %s » : donnez à l'un "
			    "une première ligne « id: … » qui lui est propre",
			    "two quizzes of the page have the id \"%s\": give "
			    "one a first line \"id: …\" of its own"), id.data);
			bad = -1;
		}
	if (bad > 0)
		diag_add(c->s->d, DIAG_ERROR, c->p->path, bad, "%s", msg(
		    "ligne de quiz non comprise : d'abord la question, puis les "
		    "réponses « - [ ] » et « - [x] », puis l'explication « > »",
		    "quiz line not understood: first the question, then the "
		    "answers \"- [ ]\" and \"- [x]\", then the explanation "
		    "\"> \""));
	else if (bad == 0 && (nchoice < 2 || nright == 0))
		diag_add(c->s->d, DIAG_ERROR, c->p->path, S_line(c, node), "%s",
		    msg("un quiz a besoin d'une question, d'au moins deux "
		    "réponses et d'une bonne réponse marquée « - [x] »",
		    "a quiz needs a question, at least two answers and a right "
		    "one marked \"- [x]\""));
	else if (bad == 0) {
		const char *check = c->labels->quiz_check ?
		    c->labels->quiz_check : "Check";

		buf_puts(&html, "</ul>\n</fieldset>\n");
		if (form) {
			buf_puts(&html, "<button type=\"submit\" class=\"button "
			    "secondary\">");
			html_escape(&html, check, strlen(check));
			buf_puts(&html, "</button>\n");
		}
		buf_puts(&html, "<details class=\"quiz-answer\">\n<summary>");
		html_escape(&html, c->labels->quiz_show,
		    strlen(c->labels->quiz_show));
		buf_puts(&html, "</summary>\n<p><strong>");
		html_escape(&html, c->labels->quiz_answer,
		    strlen(c->labels->quiz_answer));
		buf_printf(&html, "</strong> %s</p>\n", answer.data);
		if (why.len > 0) {
			buf_printf(&html, "<p" S_POS ">", why_at, why_at);
			html_escape(&html, why.data, why.len);
			buf_puts(&html, "</p>\n");
		}
		buf_printf(&html, "</details>\n</%s>\n", form ? "form" : "div");
		block = cmark_node_new_with_mem(CMARK_NODE_HTML_BLOCK, c->mem);
		cmark_node_set_literal(block, html.data);
		cmark_node_replace(node, block);
		cmark_node_free(node);
		z.id = buf_detach(&id);
		z.question = mem_strndup(q.data, q.len);
		z.why = mem_strndup(why.data ? why.data : "", why.len);
		z.n = nchoice;
		c->out->quiz = mem_alloc(c->out->quiz,
		    (size_t)(c->out->nquiz + 1) * sizeof *c->out->quiz);
		c->out->quiz[c->out->nquiz++] = z;
		memset(&z, 0, sizeof z);
	}
	for (i = 0; i < MD_QUIZ_MAX_CHOICES; i++)
		free(z.choice[i]);
	buf_free(&q);
	buf_free(&html);
	buf_free(&answer);
	buf_free(&why);
	buf_free(&item);
	buf_free(&id);
	return block;
}

/*
 * The first use of each glossary term on a lesson or module page links to
 * its definition; the link's title holds the definition, which the
 * theme's script shows as a tooltip. The rest of the text becomes a new
 * node that the walk visits next. Returns 1 when nodes were added.
 */
static int
S_terms(md_ctx *c, cmark_node *node)
{
	const gloss *g = &c->s->glossary;
	const char *lit = cmark_node_get_literal(node);
	size_t n, i, len;
	int k, prev_word = 0;
	cmark_node *link, *word, *rest;
	buf url;

	if (lit == NULL || g->page < 0)
		return 0;
	n = strlen(lit);
	for (i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)lit[i];
		int word_char = ch >= 0x80 || isalnum(ch);

		/* Only at a word's start (not inside a UTF-8 sequence). */
		if ((ch & 0xc0) == 0x80 || (word_char && prev_word)) {
			prev_word = prev_word || word_char;
			continue;
		}
		prev_word = word_char;
		if (!word_char || (k = gloss_match(g, lit + i, n - i,
		    &len)) < 0 || c->linked[k])
			continue;
		c->linked[k] = 1;
		buf_init(&url, BUF_MAX_PATH);
		site_link(c->s, &url, c->p->url, c->s->pages[g->page].url);
		buf_printf(&url, "#%s", g->a[k].anchor);
		link = cmark_node_new_with_mem(CMARK_NODE_LINK, c->mem);
		cmark_node_set_url(link, url.data);
		cmark_node_set_title(link, g->a[k].def);
		/* Ours, already relative: S_link leaves it. */
		cmark_node_set_user_data(link, &S_ours);
		word = cmark_node_new_with_mem(CMARK_NODE_TEXT, c->mem);
		buf_reset(&url);
		buf_add(&url, lit + i, len);
		cmark_node_set_literal(word, url.data);
		cmark_node_append_child(link, word);
		rest = NULL;
		if (i + len < n) {
			rest = cmark_node_new_with_mem(CMARK_NODE_TEXT, c->mem);
			cmark_node_set_literal(rest, lit + i + len);
		}
		cmark_node_insert_after(node, link);
		if (rest != NULL)
			cmark_node_insert_after(link, rest);
		buf_reset(&url);
		buf_add(&url, lit, i);
		cmark_node_set_literal(node, url.data);
		buf_free(&url);
		return 1;
	}
	return 0;
}

/*
 * An image's description is its alt text. "décorative" says that it
 * carries no information, so that screen readers skip it: it gets
 * alt="". An empty description is noted for the checks, since cmark
 * writes alt="" for it as well. Returns 1 when the node lost its text.
 */
static int
S_image_text(md_ctx *c, cmark_node *node)
{
	buf text, sl;
	cmark_node *k;
	int gone = 0;

	buf_init(&text, BUF_MAX_TEXT);
	buf_init(&sl, BUF_MAX_NAME);
	S_plain_text(&text, node);
	slug_make(&sl, text.data, text.len);
	if (strspn(text.data, " \t") == text.len) {
		c->out->noalt = mem_alloc(c->out->noalt,
		    (size_t)(c->out->nnoalt + 1) * sizeof *c->out->noalt);
		c->out->noalt[c->out->nnoalt++] = S_line(c, node);
	} else if (strcmp(sl.data, "decorative") == 0 ||
	    strcmp(sl.data, "decoratif") == 0) {
		while ((k = cmark_node_first_child(node)) != NULL)
			cmark_node_free(k);
		gone = 1;
	}
	buf_free(&text);
	buf_free(&sl);
	return gone;
}

/* One attribute value of the author's raw HTML that S_raw_links
 * rewrites: bytes [off, off + n) of the literal become `to`. */
typedef struct md_edit {
	size_t off, n;
	char *to;
} md_edit;

static int
S_edit_cmp(const void *x, const void *y)
{
	const md_edit *a = x, *b = y;

	return a->off < b->off ? -1 : a->off > b->off;
}

/* The attribute of element e that holds an address Eystime checks, and
 * whether it is a picture's (or a sound's, a video's): NULL when none. */
static GumboAttribute *
S_raw_attr(const GumboElement *e, int *image)
{
	*image = e->tag != GUMBO_TAG_A;
	switch (e->tag) {
	case GUMBO_TAG_A:
		return gumbo_get_attribute(&e->attributes, "href");
	case GUMBO_TAG_IMG:
	case GUMBO_TAG_SOURCE:
		return gumbo_get_attribute(&e->attributes, "src");
	default:
		return NULL;
	}
}

/*
 * The addresses in the author's raw HTML (a block or an inline tag):
 * <a href>, <img src>, <source src> are checked and rewritten exactly as
 * Markdown links are (S_rewrite). Gumbo, an HTML5 parser, finds them and
 * says where each value's bytes are in the literal, so that only those
 * bytes change, and that a message names the line of the value. The
 * walk of Gumbo's tree is a loop (parent and index), not recursion: the
 * author's nesting may be deep.
 */
static void
S_raw_links(md_ctx *c, cmark_node *node)
{
	const char *lit = cmark_node_get_literal(node);
	GumboOptions opt = kGumboDefaultOptions;
	GumboOutput *g;
	GumboNode *n;
	GumboAttribute *a;
	md_edit *ed = NULL;
	size_t ned = 0, i, at;
	buf out, html;
	int image;

	if (lit == NULL || strchr(lit, '<') == NULL)
		return;
	opt.max_errors = 0;
	opt.fragment_context = GUMBO_TAG_BODY;
	g = gumbo_parse_with_options(&opt, lit, strlen(lit));
	if (g == NULL)
		return;
	buf_init(&out, BUF_MAX_PATH);
	for (n = g->root; n != NULL;) {
		if (n->type == GUMBO_NODE_ELEMENT &&
		    (a = S_raw_attr(&n->v.element, &image)) != NULL &&
		    a->original_value.length > 0 &&
		    a->original_value.data >= lit &&
		    S_rewrite(c, a->value, image, S_line(c, node) +
		    (int)a->value_start.line - 1, &out) == 0) {
			char q = a->original_value.data[0];

			ed = mem_alloc(ed, (ned + 1) * sizeof *ed);
			ed[ned].off = (size_t)(a->original_value.data - lit);
			ed[ned].n = a->original_value.length;
			buf_init(&html, BUF_MAX_PATH);
			buf_putc(&html, q == '\'' ? q : '"');
			html_escape(&html, out.data, out.len);
			buf_putc(&html, q == '\'' ? q : '"');
			ed[ned].to = buf_detach(&html);
			ned++;
		}
		/* Next in document order: first child, else next sibling of
		 * the nearest ancestor that has one. */
		if (n->type == GUMBO_NODE_ELEMENT &&
		    n->v.element.children.length > 0) {
			n = n->v.element.children.data[0];
			continue;
		}
		while (n != NULL && n != g->root) {
			GumboNode *up = n->parent;

			if (up != NULL && n->index_within_parent + 1 <
			    up->v.element.children.length) {
				n = up->v.element.children.data[
				    n->index_within_parent + 1];
				break;
			}
			n = up;
		}
		if (n == g->root)
			n = NULL;
	}
	gumbo_destroy_output(&opt, g);
	buf_free(&out);
	if (ned == 0)
		return;
	/* Gumbo may clone an element (misnested tags): its value is then
	 * seen twice. In order, each range once. */
	qsort(ed, ned, sizeof *ed, S_edit_cmp);
	buf_init(&html, BUF_UNBOUNDED);
	for (i = 0, at = 0; i < ned; i++) {
		if (ed[i].off >= at && ed[i].off + ed[i].n <= strlen(lit)) {
			buf_add(&html, lit + at, ed[i].off - at);
			buf_puts(&html, ed[i].to);
			at = ed[i].off + ed[i].n;
		}
		free(ed[i].to);
	}
	buf_puts(&html, lit + at);
	free(ed);
	cmark_node_set_literal(node, html.data);
	buf_free(&html);
}

/* cmark prints raw HTML blocks without a source position: a marker
 * before it gives S_finish_html its line. */
static void
S_html_block(cmark_node *node)
{
	const char *lit = cmark_node_get_literal(node);
	buf b;

	buf_init(&b, BUF_UNBOUNDED);
	buf_printf(&b, S_MARK "%d-->%s", cmark_node_get_start_line(node),
	    lit ? lit : "");
	cmark_node_set_literal(node, b.data);
	buf_free(&b);
}

/* How an inline raw HTML tag changes the depth of <a> elements the
 * author opened in a block: +1 for "<a …>", -1 for "</a>", else 0. */
static int
S_raw_anchor(const char *lit)
{
	if (lit == NULL || lit[0] != '<')
		return 0;
	if ((lit[1] == 'a' || lit[1] == 'A') && (lit[2] == '>' ||
	    isspace((unsigned char)lit[2])))
		return 1;
	if (lit[1] == '/' && (lit[2] == 'a' || lit[2] == 'A') &&
	    (lit[3] == '>' || isspace((unsigned char)lit[3])))
		return -1;
	return 0;
}

/* 1 when link is one the autolink extension made from its text
 * ("contact@x.fr", "https://x.fr", "www.x.fr"), not one the author
 * wrote as [text](address). */
static int
S_is_autolink(cmark_node *link)
{
	cmark_node *k = cmark_node_first_child(link);
	const char *url = cmark_node_get_url(link), *lit;

	if (k == NULL || cmark_node_next(k) != NULL ||
	    cmark_node_get_type(k) != CMARK_NODE_TEXT || url == NULL ||
	    (lit = cmark_node_get_literal(k)) == NULL)
		return 0;
	return strcmp(url, lit) == 0 || (strncmp(url, "mailto:", 7) == 0 &&
	    strcmp(url + 7, lit) == 0) || (strncmp(url, "http://", 7) == 0 &&
	    strcmp(url + 7, lit) == 0);
}

/*
 * A link inside an <a> of the author's raw HTML would be an <a> inside
 * an <a>, which HTML forbids: the autolink extension makes one of
 * `<a href="mailto:x@y.fr">x@y.fr</a>`, since it runs on the text between
 * the tags. The link gives way to its text. One the author wrote in
 * Markdown is reported. The walk goes on with that text.
 */
static void
S_unwrap(md_ctx *c, cmark_iter *it, cmark_node *link)
{
	cmark_node *prev = cmark_node_previous(link), *up;
	cmark_node *k;

	up = cmark_node_parent(link);
	if (!S_is_autolink(link))
		diag_add(c->s->d, DIAG_ERROR, c->p->path, S_line(c, link), msg(
		    "lien dans un lien : ce lien Markdown est à l'intérieur "
		    "d'un <a> écrit en HTML ; gardez l'un des deux (%s)",
		    "a link in a link: this Markdown link is inside an <a> "
		    "written in HTML; keep one of them (%s)"),
		    cmark_node_get_url(link) ? cmark_node_get_url(link) : "");
	while ((k = cmark_node_first_child(link)) != NULL)
		cmark_node_insert_before(link, k);
	cmark_node_free(link);
	if (prev != NULL)
		cmark_iter_reset(it, prev, CMARK_EVENT_EXIT);
	else
		cmark_iter_reset(it, up, CMARK_EVENT_ENTER);
}

/* Walk the tree once: callouts, headings, links, quizzes. */
static void
S_walk(md_ctx *c, cmark_node *doc)
{
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	cmark_node *node, *box;
	cmark_node_type type;
	int inside = 0; /* in a link or heading: no glossary links there */
	int ntables = 0;
	int raw_a = 0; /* <a> the author's raw HTML opened in this block */
	int terms = c->s->glossary.n > 0 && c->s->glossary.page >= 0 &&
	    (c->p->kind == PAGE_LESSON || c->p->kind == PAGE_MODULE);

	if (terms)
		c->linked = mem_alloc(NULL, (size_t)c->s->glossary.n);
	if (terms)
		memset(c->linked, 0, (size_t)c->s->glossary.n);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		node = cmark_iter_get_node(it);
		type = cmark_node_get_type(node);
		if (ev == CMARK_EVENT_ENTER && type == CMARK_NODE_HTML_INLINE)
			raw_a += S_raw_anchor(cmark_node_get_literal(node));
		else if (ev == CMARK_EVENT_ENTER && ((unsigned)type &
		    CMARK_NODE_TYPE_MASK) == CMARK_NODE_TYPE_BLOCK)
			raw_a = 0;
		if (raw_a < 0)
			raw_a = 0;
		if (ev == CMARK_EVENT_ENTER && type == CMARK_NODE_LINK &&
		    raw_a > 0 && cmark_node_get_user_data(node) != &S_ours) {
			S_unwrap(c, it, node);
			continue;
		}
		if (type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE ||
		    type == CMARK_NODE_HEADING) {
			if (ev == CMARK_EVENT_EXIT)
				inside--;
			else
				inside++;
		}
		if (ev != CMARK_EVENT_ENTER)
			continue;
		switch (type) {
		case CMARK_NODE_TEXT:
			/* cmark's iterator has already chosen the next node:
			 * make it see the nodes just added. */
			if (terms && inside == 0 && raw_a == 0 &&
			    S_terms(c, node))
				cmark_iter_reset(it, node, CMARK_EVENT_ENTER);
			break;
		case CMARK_NODE_BLOCK_QUOTE:
			box = S_callout(c, node);
			if (box != NULL)
				cmark_iter_reset(it, box, CMARK_EVENT_ENTER);
			break;
		case CMARK_NODE_HEADING:
			S_heading(c, node);
			break;
		case CMARK_NODE_CODE_BLOCK: {
			const char *info = cmark_node_get_fence_info(node);

			if (info != NULL && strncmp(info, "quiz", 4) == 0 &&
			    (info[4] == '\0' || info[4] == ' ') &&
			    (box = S_quiz(c, node)) != NULL)
				cmark_iter_reset(it, box, CMARK_EVENT_ENTER);
			break;
		}
		case CMARK_NODE_LINK:
			S_link(c, node);
			break;
		case CMARK_NODE_IMAGE:
			S_link(c, node);
			/* Its text gone, the walk must not go into it. */
			if (S_image_text(c, node))
				cmark_iter_reset(it, node, CMARK_EVENT_ENTER);
			break;
		case CMARK_NODE_HTML_BLOCK:
			S_raw_links(c, node);
			S_html_block(node);
			break;
		case CMARK_NODE_HTML_INLINE:
			S_raw_links(c, node);
			break;
		default:
			/* A table (an extension's node type) not yet in its
			 * region: the walk goes on into the region. */
			if (strcmp(cmark_node_get_type_string(node), "table") ==
			    0 && cmark_node_get_user_data(
			    cmark_node_parent(node)) != &S_ours)
				cmark_iter_reset(it, S_table(c, node,
				    ++ntables), CMARK_EVENT_ENTER);
			break;
		}
	}
	cmark_iter_free(it);
	free(c->linked);
	c->linked = NULL;
}

/* Note that line `html` of the output starts a block at cmark's line
 * `body` of the Markdown body. */
static void
S_pos_add(md_ctx *c, int html, int body)
{
	md_out *out = c->out;

	if (out->npos == c->pos_cap) {
		c->pos_cap = c->pos_cap ? c->pos_cap * 2 : 32;
		out->pos = mem_alloc(out->pos, (size_t)c->pos_cap *
		    sizeof *out->pos);
	}
	out->pos[out->npos].html = html;
	out->pos[out->npos].md = c->p->body_line - 1 + body;
	out->npos++;
}

/* The next pat at or after p, or eos when there is none. `seen` is the
 * previous answer (or NULL), still good while it is not behind p: each
 * search then runs once over the page, not once per hit. */
static const char *
S_next(const char *p, const char *seen, const char *pat, const char *eos)
{
	const char *r;

	if (seen != NULL && seen >= p)
		return seen;
	r = strstr(p, pat);
	return r != NULL ? r : eos;
}

static int
S_newlines(const char *p, const char *end)
{
	int n = 0;

	while ((p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
		n++;
		p++;
	}
	return n;
}

/* After a heading's id: its aliases as empty <span id> at the start of
 * its text. *end is on the quote that ends the position, before the
 * tag's ">": it moves past that ">". */
static void
S_alias_spans(buf *out, const md_heading *h, const char **end)
{
	int k;

	if ((*end)[1] != '>' || (h->alias[0] == NULL && h->alias[1] == NULL &&
	    h->alias[2] == NULL))
		return;
	buf_putc(out, '>');
	for (k = 0; k < 3; k++)
		if (h->alias[k] != NULL) {
			buf_puts(out, "<span id=\"");
			html_escape(out, h->alias[k], strlen(h->alias[k]));
			buf_puts(out, "\"></span>");
		}
	(*end)++;
}

/*
 * cmark prints data-sourcepos="l:c-l:c" on every block, md.c's own blocks
 * too, and raw HTML blocks have a marker before them (S_html_block). Each
 * is noted in out->pos at the line where its block starts, then taken
 * out of the HTML; headings trade theirs for their id.
 */
static void
S_finish_html(md_ctx *c, const char *html)
{
	static const char attr[] = " data-sourcepos=\"";
	static const char back[] = "aria-label=\"Back to content\"";
	buf *out = &c->out->html;
	const char *p = html, *a = NULL, *f = NULL, *m = NULL, *hit, *q, *end;
	const char *eos = html + strlen(html);
	int next = 0, k, line = 1;

	for (;;) {
		a = S_next(p, a, attr, eos);
		f = S_next(p, f, back, eos);
		m = S_next(p, m, S_MARK, eos);
		hit = a < f ? a : f;
		hit = m < hit ? m : hit;
		if (hit == eos)
			break;
		line += S_newlines(p, hit);
		buf_add(out, p, (size_t)(hit - p));
		if (hit == f) {
			buf_puts(out, "aria-label=\"");
			html_escape(out, c->labels->footnote_back,
			    strlen(c->labels->footnote_back));
			buf_putc(out, '"');
			p = f + sizeof back - 1;
			continue;
		}
		q = hit + (hit == m ? strlen(S_MARK) : sizeof attr - 1);
		end = hit == m ? strstr(q, "-->") : strchr(q, '"');
		if (end == NULL) {
			p = q;
			break;
		}
		S_pos_add(c, line, atoi(q));
		if (hit == m) {
			p = end + 3;
			continue;
		}
		if (hit - html >= 3 && hit[-3] == '<' && hit[-2] == 'h' &&
		    hit[-1] >= '1' && hit[-1] <= '6') {
			for (k = next; k < c->out->nh; k++) {
				if (strlen(c->sourcepos[k]) == (size_t)(end - q) &&
				    memcmp(c->sourcepos[k], q,
				    (size_t)(end - q)) == 0) {
					buf_printf(out, " id=\"%s\"",
					    c->out->h[k].id);
					next = k + 1;
					S_alias_spans(out, &c->out->h[k], &end);
					break;
				}
			}
		}
		p = end + 1;
	}
	buf_puts(out, p);
}

/*
 * cmark-gfm prints task list boxes disabled and without a label. A
 * participant should be able to tick them (the theme's script remembers
 * them), and a screen reader should say what each one is: the box and the
 * item's first line go inside a <label>. Runs on cmark's HTML, source
 * positions still in. Returns 0 when there is no box (out untouched), else
 * 1 with the new HTML in out.
 */
static int
S_tasks(const char *html, buf *out)
{
	static const char box[] = "<input type=\"checkbox\" disabled=\"\" />";
	static const char boxon[] =
	    "<input type=\"checkbox\" checked=\"\" disabled=\"\" />";
	static const char *const ends[] = { "</li>", "</p>", "\n<ul", "\n<ol",
		"\n<p>", "\n<p " };
	const char *p, *hit, *on, *end, *e, *gt;
	size_t k;

	if (strstr(html, box) == NULL && strstr(html, boxon) == NULL)
		return 0;
	p = html;
	for (;;) {
		hit = strstr(p, box);
		on = strstr(p, boxon);
		if (hit == NULL || (on != NULL && on < hit))
			hit = on;
		if (hit == NULL)
			break;
		buf_add(out, p, (size_t)(hit - p));
		buf_printf(out, "<label class=\"task\"><input type=\"checkbox\"%s />",
		    hit == on ? " checked=\"\"" : "");
		p = hit + (hit == on ? sizeof boxon : sizeof box) - 1;
		/* In a loose list the text is in a paragraph: its words go in
		 * the label, without the <p>, which a label cannot hold. The
		 * item keeps the source position. */
		if (strncmp(p, " \n<p", 4) == 0 &&
		    (p[4] == '>' || p[4] == ' ') &&
		    (gt = strchr(p + 4, '>')) != NULL &&
		    (e = strstr(gt, "</p>")) != NULL) {
			buf_putc(out, ' ');
			buf_add(out, gt + 1, (size_t)(e - gt - 1));
			buf_puts(out, "</label>");
			p = e + 4;
			continue;
		}
		/* The label ends with the item's first line. */
		end = p + strlen(p);
		for (k = 0; k < sizeof ends / sizeof ends[0]; k++)
			if ((e = strstr(p, ends[k])) != NULL && e < end)
				end = e;
		buf_add(out, p, (size_t)(end - p));
		buf_puts(out, "</label>");
		p = end;
	}
	buf_puts(out, p);
	return 1;
}

int
md_render(const site *s, const page *p, const char *body, size_t n,
	const md_labels *labels, md_out *out)
{
	md_ctx c;
	cmark_parser *parser;
	cmark_node *doc;
	char *html;
	buf tasks;
	size_t i;
	int k;

	memset(&c, 0, sizeof c);
	memset(out, 0, sizeof *out);
	c.s = s;
	c.p = p;
	c.labels = labels;
	c.out = out;
	c.mem = cmark_get_default_mem_allocator();
	buf_init(&c.tmp, BUF_MAX_PATH);
	buf_init(&out->html, BUF_UNBOUNDED);

	parser = cmark_parser_new_with_mem(MD_OPTIONS, c.mem);
	for (i = 0; i < sizeof S_extensions / sizeof S_extensions[0]; i++)
		cmark_parser_attach_syntax_extension(parser,
		    cmark_find_syntax_extension(S_extensions[i]));
	cmark_parser_feed(parser, body, n);
	pthread_mutex_lock(&S_inline_lock);
	doc = cmark_parser_finish(parser);
	pthread_mutex_unlock(&S_inline_lock);
	S_walk(&c, doc);
	S_aliases(out);
	html = cmark_render_html_with_mem(doc, MD_OPTIONS,
	    cmark_parser_get_syntax_extensions(parser), c.mem);
	/* Labels first: they move text across lines, which would shift
	 * the line numbers S_finish_html notes. */
	buf_init(&tasks, BUF_UNBOUNDED);
	S_finish_html(&c, S_tasks(html, &tasks) ? tasks.data : html);
	buf_free(&tasks);
	c.mem->free(html);
	cmark_node_free(doc);
	cmark_parser_free(parser);
	for (k = 0; k < out->nh; k++)
		free(c.sourcepos[k]);
	free(c.sourcepos);
	buf_free(&c.tmp);
	return 0;
}
