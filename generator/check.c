#include "check.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>

#include "../common/buf.h"
#include "../common/text.h"
#include "diag.h"
#include "falc.h"
#include "fs.h"
#include "gloss.h"
#include "inc.h"
#include "slug.h"
#include "url.h"

#define CHECK_HTML_OPTIONS (HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | \
	HTML_PARSE_NONET)

int
check_generic_link(const char *s)
{
	static const char *const vague[] = {
		"cliquez ici", "cliquer ici", "clique ici", "ici", "lien",
		"en savoir plus", "lire la suite", "voir plus", "click here",
		"here", "read more", "more", "link", NULL,
	};
	buf f;
	size_t a, b;
	int k, hit = 0;

	buf_init(&f, BUF_MAX_SHORT);
	gloss_fold(&f, s, strlen(s));
	/* Punctuation and arrows at either end: "Cliquez ici !", "→ ici". */
	for (a = 0; a < f.len && !isalnum((unsigned char)f.data[a]); a++)
		;
	for (b = f.len; b > a && !isalnum((unsigned char)f.data[b - 1]); b--)
		;
	for (k = 0; vague[k] != NULL && !hit; k++)
		hit = strlen(vague[k]) == b - a &&
		    memcmp(vague[k], f.data + a, b - a) == 0;
	buf_free(&f);
	return hit;
}

/* ------------------------------------------------------------------ */
/* What a page leaves for check_links. */

/* A link to an anchor. It is checked once every page is: the anchor may
 * be printed by the theme of the page it leads to. */
typedef struct ck_link {
	int target;  /* the page it leads to, maybe its own */
	char *frag;  /* the anchor, decoded */
	int line;    /* in the Markdown file; 0 for the theme's links */
	int theme;   /* printed by the theme */
} ck_link;

/* An id the content gives (a heading's, a raw HTML one). */
typedef struct ck_cid {
	char *id;
	int line;    /* in the Markdown file */
} ck_cid;

struct check_page_data {
	int sample;       /* its whole page is checked, theme included */
	int done;         /* its content is checked */
	int full;         /* its whole page is checked: theme_ids known */
	ck_cid *ids;      /* ids of the content, sorted */
	int nids;
	char **theme_ids; /* ids the theme prints on the page, sorted */
	int ntheme;
	ck_link *links;   /* its links to anchors */
	int nlinks;
};

/* Where a message points: the Markdown file and line, or the template. */
typedef struct ck_at {
	const char *path;
	int line;
	int theme; /* printed by the theme, not by the page's Markdown */
} ck_at;

typedef struct ck_id {
	const char *id; /* in the parsed document */
	int order;      /* rank in the page */
	ck_at at;
} ck_id;

/* An acronym of the page, from its first use on. */
typedef struct ck_acr {
	char *word;
	int line;       /* its first use */
	int first_ok;   /* explained at its first use */
	int later;      /* line where it is explained after, or 0 */
} ck_acr;

/* Where the text of a block comes from: text[off..] starts at line
 * `line` of the parsed HTML. */
typedef struct ck_mark {
	size_t off;
	int line;
} ck_mark;

/*
 * Each page is parsed once for its content (md.c's HTML alone: every
 * rule on what the author wrote, lines straight from md_line_of), and, for
 * the pages of the sample, once whole for what the theme prints around it
 * (lang, title, its headings, links, pictures and ids). libxml2's HTML
 * parser takes some 30 µs per KB of markup, and a theme's lists of
 * lessons are long: the whole page of every lesson of a large site would
 * cost more than building it.
 */
enum { PASS_CONTENT, PASS_PAGE };

typedef struct ck_walk {
	check_ctx *c;
	int pi;
	const page *p;
	const md_out *md;
	int pass;           /* PASS_CONTENT or PASS_PAGE */
	char *tpl;          /* the page's template, for what the theme prints */
	unsigned off;       /* rules switched off */
	int first, last;    /* PASS_PAGE: page lines of the content; first 0:
	                     * none, -1: the template changed it, not found */
	int prev_level;     /* the last heading's level, 0 before any */
	int theme_h1;       /* h1 the theme prints */
	int lang, title;    /* <html lang> and <title> seen */
	ck_id *ids;         /* every id met (borrowed from the document) */
	int nids, capids;
	char **same;        /* anchors the theme links to in its own page */
	int nsame, capsame;
	ck_link *links;     /* links to anchors, handed to check_links */
	int nlinks, caplinks;
	ck_acr *acr;        /* the acronyms of the content, in order */
	int nacr, capacr;
	buf text;           /* the text of a block */
	ck_mark *marks;     /* where the pieces of text came from */
	int nmarks, capmarks;
	buf tmp;            /* scratch, and the text of messages */
} ck_walk;

/* Grow an array of *cap elements of size sz to hold one more. */
static void *
S_grow(void *a, int n, int *cap, size_t sz)
{
	if (n < *cap)
		return a;
	*cap = *cap ? *cap * 2 : 16;
	return mem_alloc(a, (size_t)*cap * sz);
}

static void
S_report(ck_walk *w, rule_id r, ck_at at, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void
S_report(ck_walk *w, rule_id r, ck_at at, const char *fmt, ...)
{
	va_list ap;

	if (w->off & RULE_BIT(r))
		return;
	buf_reset(&w->tmp);
	va_start(ap, fmt);
	buf_vprintf(&w->tmp, fmt, ap);
	va_end(ap);
	/* The theme's mistake, seen in a page: both are named. */
	if (at.theme && at.line == 0 && w->p != NULL &&
	    strcmp(at.path, w->p->path) != 0)
		diag_add_page(w->c->s->d, rule_level(r), rule_name(r), at.path,
		    0, w->p->path, "%s", w->tmp.data);
	else
		diag_add_rule(w->c->s->d, rule_level(r), rule_name(r),
		    at.path, at.line, "%s", w->tmp.data);
}

/* Where line `line` of the parsed HTML comes from. */
static ck_at
S_at(const ck_walk *w, int line)
{
	ck_at at;

	at.path = w->p->path;
	at.theme = 0;
	if (w->pass == PASS_PAGE) {
		if (w->first < 0) {
			at.line = 0;
			at.theme = 1;
			return at;
		}
		if (w->first == 0 || line < w->first || line > w->last) {
			at.path = w->tpl;
			at.line = 0;
			at.theme = 1;
			return at;
		}
		line = line - w->first + 1;
	}
	at.line = md_line_of(w->md, line);
	if (at.line <= 0)
		at.line = w->p->body_line;
	return at;
}

static ck_at
S_at_node(const ck_walk *w, const xmlNode *n)
{
	return S_at(w, (int)xmlGetLineNo(n));
}

/* What this pass checks: the content, or what the theme prints. */
static int
S_mine(const ck_walk *w, ck_at at)
{
	return at.theme == (w->pass == PASS_PAGE);
}

/* The page lines that hold the content: the template prints it as md.c
 * made it, so it is found as it is. */
static void
S_content_lines(ck_walk *w, const char *html, size_t n)
{
	const buf *c = &w->md->html;
	const char *hit;
	size_t k, nl = 0;

	w->first = 0;
	w->last = -1;
	if (c->len == 0)
		return;
	hit = memmem(html, n, c->data, c->len);
	if (hit == NULL) {
		w->first = -1;
		return;
	}
	w->first = text_line_of(html, (size_t)(hit - html));
	for (k = 0; k < c->len; k++)
		if (c->data[k] == '\n' && k + 1 < c->len)
			nl++;
	w->last = w->first + (int)nl;
}

/* ------------------------------------------------------------------ */
/* The document. */

static int
S_is(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE &&
	    strcmp((const char *)n->name, name) == 0;
}

/* The value of attribute name of n, "" when it has none, NULL when n has
 * no such attribute. Borrowed from the document. */
static const char *
S_attr(const xmlNode *n, const char *name)
{
	const xmlAttr *a;

	for (a = n->properties; a != NULL; a = a->next) {
		if (strcmp((const char *)a->name, name) != 0)
			continue;
		if (a->children == NULL || a->children->content == NULL)
			return "";
		return (const char *)a->children->content;
	}
	return NULL;
}

static int
S_blank(const char *s)
{
	size_t n = strlen(s), i = falc_skip_spaces(s, n, 0);

	return i >= n;
}

/* The node after n in document order, staying under root; with skip, not
 * into n's children. */
static xmlNode *
S_next(xmlNode *n, const xmlNode *root, int skip)
{
	if (!skip && n->children != NULL)
		return n->children;
	while (n != root && n->next == NULL)
		n = n->parent;
	return n == root ? NULL : n->next;
}

static int
S_hidden(const xmlNode *n)
{
	const char *h = S_attr(n, "aria-hidden");

	return h != NULL && strcmp(h, "true") == 0;
}

/* The text of n's subtree into out. */
static void
S_text(const xmlNode *root, buf *out)
{
	xmlNode *k;
	int skip = 0;

	for (k = S_next((xmlNode *)root, root, 0); k != NULL;
	    k = S_next(k, root, skip)) {
		skip = 0;
		if (k->type == XML_TEXT_NODE && k->content != NULL)
			buf_puts(out, (const char *)k->content);
		else if (k->type == XML_ELEMENT_NODE && S_hidden(k))
			skip = 1;
	}
}

/* Blanks of b as single spaces, none at either end: a link's text as a
 * message shows it. */
static void
S_squeeze(buf *b)
{
	size_t i, o = 0, l;
	int blank = 1;

	for (i = 0; i < b->len; i += l) {
		if (falc_is_space(utf8_decode(b->data + i, b->len - i, &l))) {
			blank = 1;
			continue;
		}
		if (blank && o > 0)
			b->data[o++] = ' ';
		blank = 0;
		memmove(b->data + o, b->data + i, l);
		o += l;
	}
	buf_truncate(b, o);
}

/* What a screen reader says for a link: its aria-label, else its text
 * and the descriptions of its images. */
static void
S_link_name(const xmlNode *a, buf *out)
{
	const char *v;
	xmlNode *k;
	int skip = 0;

	if ((v = S_attr(a, "aria-label")) != NULL && !S_blank(v)) {
		buf_puts(out, v);
		return;
	}
	if ((v = S_attr(a, "aria-labelledby")) != NULL && !S_blank(v)) {
		/* Named elsewhere: trust it. */
		buf_puts(out, "…");
		return;
	}
	for (k = S_next((xmlNode *)a, a, 0); k != NULL;
	    k = S_next(k, a, skip)) {
		skip = 0;
		if (k->type == XML_TEXT_NODE && k->content != NULL)
			buf_puts(out, (const char *)k->content);
		else if (k->type == XML_ELEMENT_NODE && S_hidden(k))
			skip = 1;
		else if (S_is(k, "img") && (v = S_attr(k, "alt")) != NULL)
			buf_printf(out, " %s ", v);
	}
}

/* ------------------------------------------------------------------ */
/* Rules on elements. */

static void
S_id(ck_walk *w, const xmlNode *n, const char *id)
{
	w->ids = S_grow(w->ids, w->nids, &w->capids, sizeof *w->ids);
	w->ids[w->nids].id = id;
	w->ids[w->nids].order = w->nids;
	w->ids[w->nids].at = S_at_node(w, n);
	w->nids++;
}

/* Levels follow each other; the theme prints the page's title as the
 * only h1, so the content starts under it (prev_level 1). */
static void
S_heading(ck_walk *w, const xmlNode *n, int level)
{
	ck_at at = S_at_node(w, n);
	int prev = w->prev_level;

	w->prev_level = level;
	if (!S_mine(w, at))
		return;
	if (level == 1) {
		if (at.theme) {
			w->theme_h1++;
			return;
		}
		S_report(w, RULE_H1, at, "%s", msg(
		    "titre de niveau 1 (#) : le thème affiche déjà le titre de "
		    "la page, commencez vos titres par ##",
		    "level 1 heading (#): the theme already shows the page's "
		    "title, start your headings with ##"));
		return;
	}
	if (prev == 0 || level <= prev + 1)
		return;
	if (at.theme)
		S_report(w, RULE_HEADING_ORDER, at, msg(
		    "le thème passe d'un titre de niveau %d (h%d) à un titre de "
		    "niveau %d (h%d)", "the theme goes from a level %d heading "
		    "(h%d) to a level %d heading (h%d)"), prev, prev, level,
		    level);
	else
		S_report(w, RULE_HEADING_ORDER, at, msg(
		    "titre de niveau %d après un titre de niveau %d : écrivez "
		    "%.*s (niveau %d)", "level %d heading after a level %d "
		    "heading: write %.*s (level %d)"), level, prev, prev + 1,
		    "######", prev + 1);
}

/* qsort has no context argument; check_init runs on one thread. */
static const site *S_sort_site;

static int
S_by_url_cmp(const void *x, const void *y)
{
	return strcmp(S_sort_site->pages[*(const int *)x].url,
	    S_sort_site->pages[*(const int *)y].url);
}

/* The page whose url is url, or -1. */
static int
S_page_by_url(const check_ctx *c, const char *url)
{
	int lo = 0, hi = c->s->npages - 1, mid, r;

	while (lo <= hi) {
		mid = (lo + hi) / 2;
		r = strcmp(c->s->pages[c->by_url[mid]].url, url);
		if (r == 0)
			return c->by_url[mid];
		if (r < 0)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return -1;
}

/*
 * A link with an anchor, to this page or another of the site: kept for
 * check_links, which knows every page's ids. The theme's links to its own
 * page are checked at once, against the whole page. Links to missing
 * pages are md.c's business.
 */
static void
S_anchor(ck_walk *w, const char *href, ck_at at)
{
	const char *hash = strchr(href, '#');
	buf path, res, frag;
	size_t plen;
	int target = w->pi;

	if (hash == NULL || hash[1] == '\0' || href[0] == '/')
		return;
	buf_init(&path, BUF_MAX_PATH);
	buf_init(&res, BUF_MAX_PATH);
	buf_init(&frag, BUF_MAX_PATH);
	plen = strcspn(href, "?#");
	if (url_decode(&frag, hash + 1, strlen(hash + 1)) < 0 ||
	    frag.overflow || url_decode(&path, href, plen) < 0 ||
	    path.overflow)
		goto out;
	if (path.len > 0) {
		if (url_resolve(&res, w->p->url, path.data) < 0)
			goto out;
		if (res.len >= 10 && strcmp(res.data + res.len - 10,
		    "index.html") == 0)
			buf_truncate(&res, res.len - 10);
		if ((target = S_page_by_url(w->c, res.data)) < 0)
			goto out;
	}
	if (at.theme && target == w->pi) {
		w->same = S_grow(w->same, w->nsame, &w->capsame,
		    sizeof *w->same);
		w->same[w->nsame++] = buf_detach(&frag);
		goto out;
	}
	w->links = S_grow(w->links, w->nlinks, &w->caplinks, sizeof *w->links);
	w->links[w->nlinks].target = target;
	w->links[w->nlinks].frag = buf_detach(&frag);
	w->links[w->nlinks].line = at.theme ? 0 : at.line;
	w->links[w->nlinks].theme = at.theme;
	w->nlinks++;
out:
	buf_free(&path);
	buf_free(&res);
	buf_free(&frag);
}

/* The glossary term word[0..len) is, or -1. */
static int
S_glossary_term(ck_walk *w, const char *word, size_t len)
{
	const gloss *g = &w->c->s->glossary;
	int lo = 0, hi = g->n - 1, mid, r;

	buf_reset(&w->tmp);
	gloss_fold(&w->tmp, word, len);
	while (lo <= hi) {
		mid = (lo + hi) / 2;
		r = strcmp(g->a[mid].fold, w->tmp.data);
		if (r == 0)
			return mid;
		if (r < 0)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return -1;
}

/* A link md.c makes from a glossary term to its definition: its text is
 * the term, "lien" maybe, and says well where it leads. */
static int
S_term_link(ck_walk *w, const char *href, const char *text)
{
	const char *hash = strchr(href, '#');
	int k;

	if (hash == NULL || (k = S_glossary_term(w, text, strlen(text))) < 0)
		return 0;
	return strcmp(hash + 1, w->c->s->glossary.a[k].anchor) == 0;
}

/*
 * 1 when the theme's link `text` to href holds the title of the page it
 * leads to, or of this page: the theme prints it ("Suivant : Lien"), and
 * a lesson may well be called "Lien" or "Ici". The vague-link rule is
 * for the words an author writes.
 */
static int
S_theme_title_link(ck_walk *w, const char *href, const char *text)
{
	buf path, res;
	int target = -1;
	const char *title;

	if (strstr(text, w->p->title) != NULL)
		return 1;
	if (url_is_external(href) || href[0] == '/')
		return 0;
	buf_init(&path, BUF_MAX_PATH);
	buf_init(&res, BUF_MAX_PATH);
	if (url_decode(&path, href, strcspn(href, "?#")) == 0 &&
	    !path.overflow && url_resolve(&res, w->p->url, path.data) == 0) {
		if (res.len >= 10 && strcmp(res.data + res.len - 10,
		    "index.html") == 0)
			buf_truncate(&res, res.len - 10);
		target = S_page_by_url(w->c, res.data);
	}
	buf_free(&path);
	buf_free(&res);
	title = target >= 0 ? w->c->s->pages[target].title : NULL;
	return title != NULL && title[0] != '\0' && strstr(text, title) != NULL;
}

static void
S_link(ck_walk *w, const xmlNode *n)
{
	const char *href = S_attr(n, "href");
	ck_at at;

	if (href == NULL)
		return;
	at = S_at_node(w, n);
	if (!S_mine(w, at))
		return;
	buf_reset(&w->text);
	S_link_name(n, &w->text);
	S_squeeze(&w->text);
	if (S_blank(w->text.data) && at.theme)
		S_report(w, RULE_LINK_TEXT, at, "%s", msg(
		    "lien sans texte : le thème doit lui donner un texte ou un "
		    "aria-label", "link without text: the theme must give it "
		    "a text or an aria-label"));
	else if (S_blank(w->text.data))
		S_report(w, RULE_LINK_TEXT, at, "%s", msg(
		    "lien sans texte : écrivez entre les crochets où il mène, "
		    "[comme ceci](adresse)", "link without text: write "
		    "between the brackets where it leads, [like this](address)"));
	else if (check_generic_link(w->text.data) &&
	    !S_term_link(w, href, w->text.data) &&
	    !(at.theme && S_theme_title_link(w, href, w->text.data)))
		S_report(w, RULE_LINK_TEXT, at, msg(
		    "texte de lien trop vague (« %s ») : dites où il mène, "
		    "par exemple [le formulaire de la CAF](…)",
		    "link text too vague (\"%s\"): say where it leads, for "
		    "example [the tax form](…)"), w->text.data);
	if (url_is_external(href)) {
		if (w->c->o.external && !at.theme &&
		    (strncmp(href, "http", 4) == 0 || href[0] == '/'))
			diag_add_rule(w->c->s->d, DIAG_NOTE, RULE_EXTERNAL_NAME,
			    at.path, at.line, msg("lien externe : %s",
			    "external link: %s"), href);
		return;
	}
	S_anchor(w, href, at);
}

/* A picture of the content over CHECK_MAX_IMAGE. */
static void
S_image_size(ck_walk *w, const char *src, ck_at at)
{
	const site *s = w->c->s;
	buf dec, res;
	struct stat st;

	if (url_is_external(src) || src[0] == '/' || src[0] == '\0')
		return;
	buf_init(&dec, BUF_MAX_PATH);
	buf_init(&res, BUF_MAX_PATH);
	if (url_decode(&dec, src, strcspn(src, "?#")) == 0 &&
	    !dec.overflow && url_resolve(&res, w->p->url, dec.data) == 0 &&
	    site_has_asset(s, res.data)) {
		buf_reset(&dec);
		buf_printf(&dec, "%s/%s", s->content_dir, res.data);
		if (stat(dec.data, &st) == 0 && st.st_size > CHECK_MAX_IMAGE)
			S_report(w, RULE_IMAGE_SIZE, at, msg(
			    "image de %lld Ko (%s) : au-delà de %d Ko, elle "
			    "est lente à venir sur un téléphone ; réduisez sa "
			    "taille", "picture of %lld KB (%s): over %d KB, it "
			    "is slow to load on a phone; make it smaller"),
			    (long long)(st.st_size / 1024), res.data,
			    CHECK_MAX_IMAGE / 1024);
	}
	buf_free(&dec);
	buf_free(&res);
}

static void
S_image(ck_walk *w, const xmlNode *n)
{
	const char *src = S_attr(n, "src");
	ck_at at = S_at_node(w, n);

	if (!S_mine(w, at))
		return;
	if (S_attr(n, "alt") == NULL)
		S_report(w, RULE_IMAGE_ALT, at, "%s", msg(
		    "image sans texte alternatif (alt) : ajoutez alt=\"…\" "
		    "qui dit ce qu'elle montre",
		    "image without alternative text (alt): add alt=\"…\" "
		    "that says what it shows"));
	if (w->c->o.warnings && src != NULL && !at.theme)
		S_image_size(w, src, at);
}

static void
S_table(ck_walk *w, const xmlNode *t)
{
	xmlNode *k;

	if (!S_mine(w, S_at_node(w, t)))
		return;
	for (k = S_next((xmlNode *)t, t, 0); k != NULL; k = S_next(k, t, 0)) {
		if (!S_is(k, "th"))
			continue;
		buf_reset(&w->text);
		S_text(k, &w->text);
		if (!S_blank(w->text.data))
			return;
	}
	S_report(w, RULE_TABLE, S_at_node(w, t), "%s", msg(
	    "tableau sans en-tête : sa première ligne doit nommer les "
	    "colonnes, | Dépense | Montant |",
	    "table without header: its first row must name the columns, "
	    "| Expense | Amount |"));
}

/* ------------------------------------------------------------------ */
/* Easy-to-read French, on the text of paragraphs and list items. */

/* Elements whose text is not prose: it counts as one word. */
static int
S_not_prose(const xmlNode *n)
{
	static const char *const names[] = { "code", "kbd", "samp", "pre",
		"script", "style", "svg", "math", "textarea", "var", NULL };
	int k;

	for (k = 0; names[k] != NULL; k++)
		if (S_is(n, names[k]))
			return 1;
	return 0;
}

/* Blocks in a list item: their text is not the item's own. */
static int
S_is_block(const xmlNode *n)
{
	static const char *const names[] = { "p", "ul", "ol", "div", "table",
		"blockquote", "dl", "figure", "fieldset", "section", "details",
		"h1", "h2", "h3", "h4", "h5", "h6", "pre", "hr", NULL };
	int k;

	for (k = 0; names[k] != NULL; k++)
		if (S_is(n, names[k]))
			return 1;
	return 0;
}

static void
S_mark(ck_walk *w, int line)
{
	w->marks = S_grow(w->marks, w->nmarks, &w->capmarks, sizeof *w->marks);
	w->marks[w->nmarks].off = w->text.len;
	w->marks[w->nmarks].line = line;
	w->nmarks++;
}

static int
S_count_nl(const char *s)
{
	int n = 0;

	while ((s = strchr(s, '\n')) != NULL) {
		n++;
		s++;
	}
	return n;
}

static ck_acr *
S_acronym_find(ck_walk *w, const char *word, size_t len)
{
	int k;

	for (k = 0; k < w->nacr; k++)
		if (strlen(w->acr[k].word) == len &&
		    memcmp(w->acr[k].word, word, len) == 0)
			return &w->acr[k];
	return NULL;
}

/* Note a use of an acronym at Markdown line `line`, explained there or
 * not. */
static void
S_acronym_use(ck_walk *w, const char *word, size_t len, int line, int ok)
{
	ck_acr *a = S_acronym_find(w, word, len);

	if (a == NULL) {
		w->acr = S_grow(w->acr, w->nacr, &w->capacr, sizeof *w->acr);
		a = &w->acr[w->nacr++];
		a->word = mem_strndup(word, len);
		a->line = line;
		a->first_ok = ok;
		a->later = 0;
	} else if (ok && !a->first_ok && a->later == 0) {
		a->later = line;
	}
}

/*
 * The text of block n into w->text (a list item without its sub-lists),
 * with marks of the page line where each piece starts. Code counts as one
 * word; <abbr title> explains its acronym.
 */
static void
S_block_text(ck_walk *w, const xmlNode *blk, int item)
{
	xmlNode *k;
	int skip = 0, line = (int)xmlGetLineNo(blk);
	const char *t;

	buf_reset(&w->text);
	w->nmarks = 0;
	for (k = S_next((xmlNode *)blk, blk, 0); k != NULL;
	    k = S_next(k, blk, skip)) {
		skip = 0;
		if (k->type == XML_TEXT_NODE && k->content != NULL) {
			S_mark(w, line);
			buf_puts(&w->text, (const char *)k->content);
			line += S_count_nl((const char *)k->content);
			continue;
		}
		if (k->type != XML_ELEMENT_NODE)
			continue;
		line = (int)xmlGetLineNo(k);
		if ((item && S_is_block(k)) || S_hidden(k)) {
			skip = 1;
		} else if (S_not_prose(k)) {
			buf_reset(&w->tmp);
			S_text(k, &w->tmp);
			S_mark(w, line);
			buf_puts(&w->text, " code ");
			line += S_count_nl(w->tmp.data);
			skip = 1;
		} else if (S_is(k, "abbr") &&
		    (t = S_attr(k, "title")) != NULL && !S_blank(t)) {
			buf_reset(&w->tmp);
			S_text(k, &w->tmp);
			S_acronym_use(w, w->tmp.data, w->tmp.len,
			    S_at(w, line).line, 1);
		}
	}
}

/* The page line of w->text[off]. */
static int
S_text_line(const ck_walk *w, size_t off)
{
	int k, line;
	size_t i;

	for (k = w->nmarks - 1; k > 0 && w->marks[k].off > off; k--)
		;
	if (w->nmarks == 0)
		return 0;
	line = w->marks[k].line;
	for (i = w->marks[k].off; i < off && i < w->text.len; i++)
		if (w->text.data[i] == '\n')
			line++;
	return line;
}

/* The run of s[0..n) between blanks around s[a]: [*ta, *tb). */
static void
S_token(const char *s, size_t n, size_t a, size_t *ta, size_t *tb)
{
	*ta = a;
	while (*ta > 0 && !isspace((unsigned char)s[*ta - 1]))
		(*ta)--;
	*tb = a;
	while (*tb < n && !isspace((unsigned char)s[*tb]))
		(*tb)++;
}

/*
 * 1 when the blank-delimited run t[0..n) is no prose: an address
 * ("https://www.w3.org/TR/…", "w3.org/TR", "www.x.fr", "a@b.fr"), or a
 * placeholder of a date or a time ("JJ/MM/AAAA", "AAAA-MM-JJ", "HH:MM"):
 * runs of one repeated capital among J, M, A, H, S, D, Y, separated by
 * "/", "-", ".", ":". Its capitals are no acronyms.
 */
static int
S_not_words(const char *t, size_t n)
{
	size_t k, run = 0, runs = 0, seps = 0;
	char prev = 0;

	for (k = 0; k + 3 <= n; k++)
		if (memcmp(t + k, "://", 3) == 0)
			return 1;
	if ((n > 4 && strncmp(t, "www.", 4) == 0) || memchr(t, '@', n) != NULL)
		return 1;
	if (memchr(t, '/', n) != NULL && memchr(t, '.', n) != NULL &&
	    memchr(t, '/', n) > memchr(t, '.', n))
		return 1;
	/* A placeholder, brackets and end punctuation aside. */
	while (n > 0 && strchr("(«\"'", *t) != NULL) {
		t++;
		n--;
	}
	while (n > 0 && strchr(").,;!?»\"'", t[n - 1]) != NULL)
		n--;
	for (k = 0; k < n; k++) {
		if (strchr("JMAHSDY", t[k]) != NULL && t[k] != '\0') {
			if (run > 0 && t[k] != prev)
				return 0;
			if (run++ == 0)
				runs++;
			prev = t[k];
		} else if (strchr("/-.:", t[k]) != NULL && t[k] != '\0' &&
		    run > 0) {
			run = 0;
			seps++;
		} else {
			return 0;
		}
	}
	return runs >= 2 && seps == runs - 1 && run > 0;
}

/* Words in capitals and acronyms of w->text. */
static void
S_capitals(ck_walk *w)
{
	const char *s = w->text.data;
	size_t n = w->text.len, i = 0, a, glen, ta, tb, j, b;
	falc_kind kind, k2;
	int line;

	while (falc_next_word(s, n, &i, &a, &kind)) {
		/* A glossary term, or the start of one ("QR code"), is
		 * explained by the site. */
		if (kind == FALC_WORD ||
		    gloss_match(&w->c->s->glossary, s + a, n - a, &glen) >= 0)
			continue;
		S_token(s, n, a, &ta, &tb);
		if (S_not_words(s + ta, tb - ta)) {
			i = tb;
			continue;
		}
		/* "WAI-ARIA": acronyms joined by hyphens are one. */
		while (kind == FALC_ACRONYM && i + 1 < n && s[i] == '-') {
			j = i;
			if (!falc_next_word(s, n, &j, &b, &k2) || b != i + 1 ||
			    k2 != FALC_ACRONYM)
				break;
			i = j;
		}
		line = S_at(w, S_text_line(w, a)).line;
		if (kind == FALC_ACRONYM)
			S_acronym_use(w, s + a, i - a, line,
			    falc_explained(s, n, a, i));
		else
			S_report(w, RULE_CAPS, S_at(w, S_text_line(w, a)), msg(
			    "« %.*s » est écrit en majuscules, difficiles à "
			    "lire : écrivez-le en minuscules (en **gras** s'il "
			    "est important)", "\"%.*s\" is written in capitals, "
			    "hard to read: write it in lowercase (in **bold** "
			    "if it matters)"), (int)(i - a), s + a);
	}
}

/* Inside the answer of a quiz (md.c): its text repeats the choices. */
static int
S_in_quiz_answer(const xmlNode *n)
{
	const char *cl;

	for (; n != NULL && n->type == XML_ELEMENT_NODE; n = n->parent)
		if (S_is(n, "details") && (cl = S_attr(n, "class")) != NULL &&
		    strstr(cl, "quiz-answer") != NULL)
			return 1;
	return 0;
}

static void
S_prose(ck_walk *w, const xmlNode *n, int item)
{
	const char *s;
	size_t len, i, end;
	int sentences = 0, words;

	if (S_in_quiz_answer(n))
		return;
	S_block_text(w, n, item);
	s = w->text.data;
	len = w->text.len;
	for (i = falc_skip_spaces(s, len, 0); i < len;
	    i = falc_skip_spaces(s, len, end)) {
		end = falc_sentence_end(s, len, i);
		words = falc_words(s + i, end - i);
		if (words == 0)
			continue;
		sentences++;
		if (words > FALC_MAX_WORDS)
			S_report(w, RULE_SENTENCE, S_at(w, S_text_line(w, i)),
			    msg("phrase de %d mots : coupez-la en phrases de %d "
			    "mots au plus", "sentence of %d words: cut it into "
			    "sentences of at most %d words"), words,
			    FALC_MAX_WORDS);
	}
	if (!item && sentences > FALC_MAX_SENTENCES)
		S_report(w, RULE_PARAGRAPH, S_at_node(w, n), msg(
		    "paragraphe de %d phrases : coupez-le en paragraphes de %d "
		    "phrases au plus", "paragraph of %d sentences: cut it into "
		    "paragraphs of at most %d sentences"), sentences,
		    FALC_MAX_SENTENCES);
	S_capitals(w);
}

/* ------------------------------------------------------------------ */
/* The passes. */

static void
S_walk(ck_walk *w, xmlDoc *doc)
{
	xmlNode *root = (xmlNode *)doc, *n;
	const char *v;
	int whole = w->pass == PASS_PAGE;

	for (n = S_next(root, root, 0); n != NULL; n = S_next(n, root, 0)) {
		const char *name = (const char *)n->name;

		if (n->type != XML_ELEMENT_NODE)
			continue;
		if ((v = S_attr(n, "id")) != NULL && *v != '\0')
			S_id(w, n, v);
		if (name[0] == 'h' && name[1] >= '1' && name[1] <= '6' &&
		    name[2] == '\0')
			S_heading(w, n, name[1] - '0');
		else if (strcmp(name, "a") == 0)
			S_link(w, n);
		else if (strcmp(name, "img") == 0)
			S_image(w, n);
		else if (strcmp(name, "table") == 0)
			S_table(w, n);
		else if (whole && strcmp(name, "html") == 0)
			w->lang = (v = S_attr(n, "lang")) != NULL &&
			    !S_blank(v);
		else if (whole && strcmp(name, "title") == 0 && !w->title) {
			buf_reset(&w->text);
			S_text(n, &w->text);
			w->title = !S_blank(w->text.data);
		} else if (!whole && w->c->o.warnings &&
		    (strcmp(name, "p") == 0 || strcmp(name, "li") == 0))
			S_prose(w, n, name[0] == 'l');
	}
}

static int
S_id_cmp(const void *x, const void *y)
{
	const ck_id *a = x, *b = y;
	int c = strcmp(a->id, b->id);

	return c != 0 ? c : a->order - b->order;
}

static int
S_str_cmp(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

static int
S_cid_cmp(const void *x, const void *y)
{
	return strcmp(((const ck_cid *)x)->id, ((const ck_cid *)y)->id);
}

static int
S_has_id(char **ids, int n, const char *id)
{
	return n > 0 && bsearch(&id, ids, (size_t)n, sizeof *ids,
	    S_str_cmp) != NULL;
}

static int
S_has_cid(const ck_cid *ids, int n, const char *id)
{
	ck_cid key;

	key.id = (char *)id;
	key.line = 0;
	return n > 0 && bsearch(&key, ids, (size_t)n, sizeof *ids,
	    S_cid_cmp) != NULL;
}

/* Sort w->ids; then w->ids[a..b) is each group of one id. */
static int
S_id_group(const ck_walk *w, int a)
{
	int b;

	for (b = a + 1; b < w->nids && strcmp(w->ids[a].id,
	    w->ids[b].id) == 0; b++)
		;
	return b;
}

static void
S_missing_anchor(ck_walk *w, ck_at at, const char *frag, const page *to,
	const ck_cid *ids, int nids)
{
	size_t len = strlen(frag);
	const char *near = NULL;
	buf hint;
	int k;

	int d, best, max;

	/* A heading id that starts with it: what the author may have meant
	 * ("#etape-2" for "Étape 2 : ouvrir"). */
	for (k = 0; k < nids && near == NULL; k++)
		if (strncmp(ids[k].id, frag, len) == 0)
			near = ids[k].id;
	/* Else the nearest id to it, its accents folded as Eystime's ids
	 * are ("#méthodologie-dévaluation" for "methodologie-d-evaluation"),
	 * within a third of its length (url_distance). */
	buf_init(&hint, BUF_MAX_SHORT);
	if (utf8_valid(frag, len) == len)
		slug_make(&hint, frag, len);
	else
		buf_add(&hint, frag, len);
	max = (int)hint.len / 3 > 2 ? (int)hint.len / 3 : 2;
	best = max + 1;
	for (k = 0; k < nids && near == NULL; k++)
		if (strcmp(ids[k].id, hint.data) == 0)
			near = ids[k].id;
	for (k = 0; k < nids && near == NULL && hint.len > 0; k++)
		if ((d = url_distance(hint.data, ids[k].id, best - 1)) < best)
			best = d;
	for (k = 0; k < nids && near == NULL && best <= max; k++)
		if (url_distance(hint.data, ids[k].id, best) == best)
			near = ids[k].id;
	buf_reset(&hint);
	if (near != NULL)
		buf_printf(&hint, msg(" (voulez-vous dire #%s ?)",
		    " (did you mean #%s?)"), near);
	if (to == NULL)
		S_report(w, RULE_ANCHOR, at, msg(
		    "ancre introuvable : #%s n'est pas dans la page%s",
		    "anchor not found: #%s is not in the page%s"), frag,
		    hint.data);
	else
		S_report(w, RULE_ANCHOR, at, msg(
		    "ancre introuvable : #%s n'est pas dans %s%s",
		    "anchor not found: #%s is not in %s%s"), frag, to->src,
		    hint.data);
	buf_free(&hint);
}

/* The content's ids: the same one twice is an error; they are kept for
 * check_links. */
static void
S_content_ids(ck_walk *w, struct check_page_data *pd)
{
	int a, b, k;

	if (w->nids > 1)
		qsort(w->ids, (size_t)w->nids, sizeof *w->ids, S_id_cmp);
	pd->ids = mem_alloc(NULL, (size_t)(w->nids + 1) * sizeof *pd->ids);
	for (a = 0; a < w->nids; a = b) {
		b = S_id_group(w, a);
		pd->ids[pd->nids].id = mem_strdup(w->ids[a].id);
		pd->ids[pd->nids].line = w->ids[a].at.line;
		pd->nids++;
		for (k = a + 1; k < b; k++)
			S_report(w, RULE_ID, w->ids[k].at, msg(
			    "l'id « %s » est déjà dans la page (ligne %d) : "
			    "changez ce titre ou cet id", "the id \"%s\" is "
			    "already in the page (line %d): change this heading "
			    "or id"), w->ids[k].id, w->ids[a].at.line);
	}
}

/* Rules on the page as a whole, and the facts md.c noted. */
static void
S_content_rules(ck_walk *w)
{
	const page *p = w->p;
	const fm_node *v;
	ck_at at;
	int k;

	at.path = p->path;
	at.theme = 0;
	for (k = 0; k < w->md->nnoalt; k++) {
		at.line = w->md->noalt[k];
		S_report(w, RULE_IMAGE_ALT, at, "%s", msg(
		    "image sans texte alternatif : écrivez ce qu'elle montre "
		    "entre les crochets, ![Un tableau de deux colonnes](…), ou "
		    "![décorative](…) si elle n'apporte rien",
		    "image without alternative text: write what it shows "
		    "between the brackets, ![A table with two columns](…), or "
		    "![decorative](…) if it adds nothing"));
	}
	if (!w->c->o.warnings)
		return;
	for (k = 0; k < w->nacr; k++) {
		const ck_acr *a = &w->acr[k];

		at.line = a->line;
		if (a->first_ok)
			continue;
		if (a->later > 0)
			S_report(w, RULE_ACRONYM, at, msg(
			    "sigle « %s » expliqué plus loin (ligne %d) : "
			    "expliquez-le ici, à sa première utilisation",
			    "acronym \"%s\" explained further on (line %d): "
			    "explain it here, where it is first used"),
			    a->word, a->later);
		else
			S_report(w, RULE_ACRONYM, at, msg(
			    "sigle « %s » pas expliqué : écrivez la première "
			    "fois « %s (ce qu'il veut dire) », ou mettez-le dans "
			    "le glossaire ; si ce n'est pas un sigle, écrivez-le "
			    "en minuscules", "acronym \"%s\" not explained: "
			    "write the first time \"%s (what it stands for)\", "
			    "or put it in the glossary; if it is not an acronym, "
			    "write it in lowercase"), a->word, a->word);
	}
	if (p->kind != PAGE_LESSON)
		return;
	v = fm_get(p->fm, "objectives");
	if (v == NULL || (v->type == FM_SEQ && v->n == 0) ||
	    (v->type == FM_SCALAR && S_blank(v->str))) {
		at.line = v != NULL ? v->line : 1;
		S_report(w, RULE_OBJECTIVES, at, "%s", msg(
		    "leçon sans objectifs : ajoutez objectives: et, dessous, "
		    "ce que l'on saura faire à la fin (- \"remplir le "
		    "formulaire\")", "lesson without objectives: add "
		    "objectives: and, below, what one will be able to do at "
		    "the end (- \"fill in the form\")"));
	}
	if (p->duration <= 0) {
		v = fm_get(p->fm, "duration");
		at.line = v != NULL ? v->line : 1;
		S_report(w, RULE_DURATION, at, "%s", msg(
		    "leçon sans durée : ajoutez duration: 20 (en minutes)",
		    "lesson without duration: add duration: 20 (in minutes)"));
	}
}

/*
 * What the theme prints: its ids (twice the same is an error; the
 * content's are compared with them by check_links), its links to anchors
 * of the page, lang, title and h1.
 */
static void
S_theme_rules(ck_walk *w, struct check_page_data *pd)
{
	char **all;
	ck_at at;
	int a, b, k, nall = 0, ntheme;

	at.path = w->tpl;
	at.line = 0;
	at.theme = 1;
	if (w->nids > 1)
		qsort(w->ids, (size_t)w->nids, sizeof *w->ids, S_id_cmp);
	all = mem_alloc(NULL, (size_t)(w->nids + 1) * sizeof *all);
	pd->theme_ids = mem_alloc(NULL, (size_t)(w->nids + 1) *
	    sizeof *pd->theme_ids);
	for (a = 0; a < w->nids; a = b) {
		b = S_id_group(w, a);
		all[nall++] = (char *)w->ids[a].id;
		for (k = a, ntheme = 0; k < b; k++)
			ntheme += w->ids[k].at.theme;
		if (ntheme > 0)
			pd->theme_ids[pd->ntheme++] = mem_strdup(w->ids[a].id);
		if (ntheme > 1)
			S_report(w, RULE_ID, at, msg(
			    "le thème donne deux fois l'id « %s » dans la page",
			    "the theme gives the id \"%s\" twice in the page"),
			    w->ids[a].id);
	}
	for (k = 0; k < w->nsame; k++)
		if (!S_has_id(all, nall, w->same[k]))
			S_report(w, RULE_ANCHOR, at, msg(
			    "ancre introuvable : #%s n'est pas dans la page",
			    "anchor not found: #%s is not in the page"),
			    w->same[k]);
	free(all);
	if (!w->lang)
		S_report(w, RULE_LANG, at, "%s", msg(
		    "la page n'a pas de langue : le thème doit écrire "
		    "<html lang=\"…\">", "the page has no language: the "
		    "theme must write <html lang=\"…\">"));
	if (!w->title)
		S_report(w, RULE_TITLE, at, "%s", msg(
		    "la page n'a pas de titre <title> : le thème doit en "
		    "écrire un", "the page has no <title>: the theme must "
		    "write one"));
	if (w->theme_h1 > 1)
		S_report(w, RULE_H1, at, msg(
		    "le thème affiche %d titres de niveau 1 (h1) sur la page : "
		    "un seul", "the theme shows %d level 1 headings (h1) on "
		    "the page: one only"), w->theme_h1);
}

static void
S_walk_init(ck_walk *w, check_ctx *c, int pi, const md_out *md,
	const char *tpl, int pass)
{
	buf path;

	memset(w, 0, sizeof *w);
	w->c = c;
	w->pi = pi;
	w->p = &c->s->pages[pi];
	w->md = md;
	w->pass = pass;
	w->off = c->s->config.checks_off | w->p->checks_off;
	/* The content starts under the theme's h1. */
	w->prev_level = pass == PASS_CONTENT ? 1 : 0;
	buf_init(&path, BUF_MAX_PATH);
	buf_printf(&path, "%s/templates/%s.html", c->s->theme_dir, tpl);
	w->tpl = buf_detach(&path);
	buf_init(&w->text, BUF_UNBOUNDED);
	buf_init(&w->tmp, BUF_UNBOUNDED);
}

/* Hand the links over to the page's data and free the rest. */
static void
S_walk_free(ck_walk *w, struct check_page_data *pd)
{
	int k;

	if (pd != NULL && w->nlinks > 0) {
		pd->links = mem_alloc(pd->links, (size_t)(pd->nlinks +
		    w->nlinks) * sizeof *pd->links);
		memcpy(pd->links + pd->nlinks, w->links, (size_t)w->nlinks *
		    sizeof *w->links);
		pd->nlinks += w->nlinks;
	} else {
		for (k = 0; k < w->nlinks; k++)
			free(w->links[k].frag);
	}
	free(w->links);
	free(w->ids);
	for (k = 0; k < w->nsame; k++)
		free(w->same[k]);
	free(w->same);
	for (k = 0; k < w->nacr; k++)
		free(w->acr[k].word);
	free(w->acr);
	free(w->marks);
	free(w->tpl);
	buf_free(&w->text);
	buf_free(&w->tmp);
}

static xmlDoc *
S_parse(const char *html, size_t n)
{
	if (n > (size_t)0x7fffffff)
		n = 0x7fffffff;
	return htmlReadMemory(html, (int)n, NULL, "UTF-8", CHECK_HTML_OPTIONS);
}

/*
 * A page's content, as md_render made it. What cmark-gfm and md.c print
 * is well-formed XML (void elements end with "/>", text escaped with the
 * entities XML knows), and libxml2's XML parser reads it several times
 * faster than its HTML parser, which goes character by character: the
 * bench showed the HTML parser taking a third of a build. So the content
 * is read as XML inside a <body>, and only content that is not XML (an
 * author's raw HTML such as <br> or &nbsp;) goes through the HTML parser.
 * The walk sees the same elements, attributes, text and lines either way.
 */
#define CHECK_XML_OPTIONS (XML_PARSE_NONET | XML_PARSE_NOERROR | \
	XML_PARSE_NOWARNING | XML_PARSE_NOCDATA)

static xmlDoc *
S_parse_content(const buf *html)
{
	static const char open[] = "<body>", close[] = "</body>";
	xmlDoc *doc;
	buf b;

	if (html->len > (size_t)0x7fffffff - sizeof open - sizeof close)
		return S_parse(html->data, html->len);
	buf_init(&b, html->len + sizeof open + sizeof close);
	buf_add(&b, open, sizeof open - 1);
	buf_add(&b, html->data, html->len);
	buf_add(&b, close, sizeof close - 1);
	doc = xmlReadMemory(b.data, (int)b.len, NULL, "UTF-8",
	    CHECK_XML_OPTIONS);
	buf_free(&b);
	if (doc != NULL)
		return doc;
	return S_parse(html->data, html->len);
}

/*
 * The words of one line of Markdown or front matter, as compared with
 * the archetypes' (to b, reset first): without the blanks at either end,
 * list, quote and heading marks, task boxes, a front-matter key or list
 * dash and the quotes around a value.
 */
static void
S_holder_text(buf *b, const char *p, size_t n)
{
	const char *e = p + n, *k;
	int again = 1;

	while (again) {
		again = 0;
		while (p < e && (*p == ' ' || *p == '\t'))
			p++;
		while (e > p && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
			e--;
		if (e - p >= 2 && strchr("-*+>", *p) != NULL && p[1] == ' ') {
			p += 2;
			again = 1;
		} else if (e - p >= 3 && p[0] == '[' && strchr(" xX", p[1]) &&
		    p[2] == ']') {
			p += 3;
			again = 1;
		} else if (p < e && *p == '#') {
			while (p < e && *p == '#')
				p++;
			again = 1;
		} else if (p < e && isdigit((unsigned char)*p)) {
			for (k = p; k < e && isdigit((unsigned char)*k); k++)
				;
			if (k + 1 < e && (*k == '.' || *k == ')') &&
			    k[1] == ' ') {
				p = k + 2;
				again = 1;
			}
		} else if (p < e && isalpha((unsigned char)*p)) {
			for (k = p; k < e && (isalnum((unsigned char)*k) ||
			    *k == '_'); k++)
				;
			if (k < e && *k == ':' && (k + 1 == e || k[1] == ' ')) {
				p = k + 1;
				again = 1;
			}
		}
	}
	if (e - p >= 2 && (*p == '"' || *p == '\'') && e[-1] == *p) {
		p++;
		e--;
	}
	buf_reset(b);
	buf_add(b, p, (size_t)(e - p));
}

/* 1 when the archetype's line text t is something to replace: a
 * sentence or a phrase (two words at least, or ending with "…"), and not
 * one eystime new fills in ("{{ title }}") nor a callout's mark. */
static int
S_holder_worth(const char *t)
{
	size_t n = strlen(t);

	if (n == 0 || strstr(t, "{{") != NULL || t[0] == '[' ||
	    strcmp(t, "---") == 0)
		return 0;
	return strchr(t, ' ') != NULL || (n >= 3 &&
	    strcmp(t + n - 3, "\xe2\x80\xa6") == 0);
}

/* The texts of the theme's archetypes (the .md files of
 * themes/x/archetypes/). */
static void
S_holders_load(check_ctx *c)
{
	char **files = NULL;
	long nfiles, i, k;
	buf dir, file, t;
	const char *p, *eol;

	if (c->s->theme_dir == NULL)
		return;
	buf_init(&dir, BUF_MAX_PATH);
	buf_init(&file, SITE_MAX_MD);
	buf_init(&t, BUF_MAX_SHORT);
	buf_printf(&dir, "%s/archetypes", c->s->theme_dir);
	nfiles = fs_isdir(dir.data) ? fs_list(dir.data, &files) : 0;
	for (i = 0; i < nfiles; i++) {
		buf_reset(&file);
		buf_reset(&t);
		buf_printf(&t, "%s/%s", dir.data, files[i]);
		if (strlen(files[i]) > 3 && strcmp(files[i] +
		    strlen(files[i]) - 3, ".md") == 0 &&
		    fs_read(t.data, SITE_MAX_MD, &file) == 0) {
			for (p = file.data; p < file.data + file.len; p = eol + 1) {
				eol = memchr(p, '\n', (size_t)(file.data +
				    file.len - p));
				if (eol == NULL)
					eol = file.data + file.len;
				S_holder_text(&t, p, (size_t)(eol - p));
				if (!S_holder_worth(t.data))
					continue;
				for (k = 0; k < c->nholders && strcmp(
				    c->holders[k], t.data) != 0; k++)
					;
				if (k < c->nholders)
					continue;
				c->holders = mem_alloc(c->holders, (size_t)(
				    c->nholders + 1) * sizeof *c->holders);
				c->holders[c->nholders++] = mem_strdup(t.data);
			}
		}
		free(files[i]);
	}
	free(files);
	buf_free(&dir);
	buf_free(&file);
	buf_free(&t);
}

void
check_source(check_ctx *c, int pi, const char *text, size_t n)
{
	const page *p = &c->s->pages[pi];
	const char *l, *eol, *end = text + n;
	int line = 1, k;
	buf t;

	if (c->nholders == 0 || ((c->s->config.checks_off | p->checks_off) &
	    RULE_BIT(RULE_PLACEHOLDER)))
		return;
	buf_init(&t, BUF_MAX_SHORT);
	for (l = text; l < end; l = eol + 1, line++) {
		eol = memchr(l, '\n', (size_t)(end - l));
		if (eol == NULL)
			eol = end;
		S_holder_text(&t, l, (size_t)(eol - l));
		for (k = 0; k < c->nholders && t.len > 0; k++)
			if (strcmp(c->holders[k], t.data) == 0) {
				diag_add_rule(c->s->d, rule_level(
				    RULE_PLACEHOLDER), rule_name(
				    RULE_PLACEHOLDER), p->path, line, msg(
				    "texte du modèle laissé tel quel : « %s » : "
				    "remplacez-le par le vôtre", "text of the "
				    "template left as it is: \"%s\": replace it "
				    "with yours"), t.data);
				break;
			}
		if (eol == end)
			break;
	}
	buf_free(&t);
}

/* The pages whose whole page is checked: every one of a small site; of
 * a large one the first CHECK_SAMPLE of each template, then one in
 * CHECK_SAMPLE, and the glossary page (lessons link to its anchors). */
#define CHECK_SAMPLE 50

void
check_init(check_ctx *c, const site *s, const check_opts *o)
{
	int k, rank[4] = { 0, 0, 0, 0 }, r;

	memset(c, 0, sizeof *c);
	c->s = s;
	c->o = *o;
	/* libxml2's globals, before any thread parses. */
	xmlInitParser();
	c->pages = mem_alloc(NULL, (size_t)(s->npages + 1) * sizeof *c->pages);
	memset(c->pages, 0, (size_t)(s->npages + 1) * sizeof *c->pages);
	c->by_url = mem_alloc(NULL, (size_t)(s->npages + 1) * sizeof(int));
	for (k = 0; k < s->npages; k++) {
		c->by_url[k] = k;
		r = rank[s->pages[k].kind]++;
		c->pages[k].sample = r < CHECK_SAMPLE ||
		    r % CHECK_SAMPLE == 0 || k == s->glossary.page;
	}
	S_sort_site = s;
	qsort(c->by_url, (size_t)s->npages, sizeof *c->by_url, S_by_url_cmp);
	if (o->warnings)
		S_holders_load(c);
}

void
check_counts(const check_ctx *c, int *ncontent, int *nwhole)
{
	int k;

	*ncontent = *nwhole = 0;
	for (k = 0; c->pages != NULL && k < c->s->npages; k++) {
		*ncontent += c->pages[k].done;
		*nwhole += c->pages[k].done && c->pages[k].full;
	}
}

void
check_page(check_ctx *c, int pi, const char *tpl, const md_out *md,
	const char *html, size_t n)
{
	struct check_page_data *pd = &c->pages[pi];
	ck_walk w;
	xmlDoc *doc;

	S_walk_init(&w, c, pi, md, tpl, PASS_CONTENT);
	if ((doc = S_parse_content(&md->html)) != NULL) {
		S_walk(&w, doc);
		S_content_ids(&w, pd);
		S_content_rules(&w);
		xmlFreeDoc(doc);
		pd->done = 1;
	} else if (md->html.len == 0) {
		pd->done = 1;
	} else {
		diag_add(c->s->d, DIAG_ERROR, c->s->pages[pi].path, 0, "%s",
		    msg("le contenu de la page n'a pas pu être lu pour être "
		    "vérifié (HTML trop imbriqué ou abîmé ?) : elle n'est pas "
		    "vérifiée", "the page's content could not be read to be "
		    "checked (HTML nested too deep, or damaged?): it is not "
		    "checked"));
	}
	S_walk_free(&w, pd->done ? pd : NULL);
	if (!pd->done || !pd->sample)
		return;
	S_walk_init(&w, c, pi, md, tpl, PASS_PAGE);
	S_content_lines(&w, html, n);
	if ((doc = S_parse(html, n)) != NULL) {
		S_walk(&w, doc);
		S_theme_rules(&w, pd);
		xmlFreeDoc(doc);
		pd->full = 1;
	}
	S_walk_free(&w, pd);
}

/* Every id the theme prints on pages of template kind k, from the pages
 * checked whole, sorted and unique. The caller frees the array. */
static char **
S_theme_union(const check_ctx *c, page_kind k, int *n)
{
	char **u = NULL;
	int pi, j, cap = 0, out;

	*n = 0;
	for (pi = 0; pi < c->s->npages; pi++) {
		const struct check_page_data *pd = &c->pages[pi];

		if (c->s->pages[pi].kind != k || !pd->full)
			continue;
		for (j = 0; j < pd->ntheme; j++) {
			u = S_grow(u, *n, &cap, sizeof *u);
			u[(*n)++] = pd->theme_ids[j];
		}
	}
	if (*n > 1)
		qsort(u, (size_t)*n, sizeof *u, S_str_cmp);
	for (j = 0, out = 0; j < *n; j++)
		if (out == 0 || strcmp(u[out - 1], u[j]) != 0)
			u[out++] = u[j];
	*n = out;
	return u;
}

/* frag is the anchor of a glossary term on the glossary page, which
 * md.c links the terms of lessons to. */
static int
S_glossary_anchor(const check_ctx *c, int target, const char *frag)
{
	const gloss *g = &c->s->glossary;
	int k;

	if (target != g->page)
		return 0;
	for (k = 0; k < g->n; k++)
		if (strcmp(g->a[k].anchor, frag) == 0)
			return 1;
	return 0;
}

void
check_links(check_ctx *c)
{
	char **un[4];
	int nun[4], pi, k;
	ck_walk w;
	buf gpath;

	for (k = 0; k < 4; k++)
		un[k] = S_theme_union(c, (page_kind)k, &nun[k]);
	memset(&w, 0, sizeof w);
	w.c = c;
	buf_init(&w.tmp, BUF_UNBOUNDED);
	buf_init(&gpath, BUF_MAX_PATH);
	buf_printf(&gpath, "%s/templates/%s.html", c->s->theme_dir,
	    site_kind_name(PAGE_PLAIN));
	for (pi = 0; pi < c->s->npages; pi++) {
		const struct check_page_data *pd = &c->pages[pi];
		page_kind kind = c->s->pages[pi].kind;
		buf path;

		if (!pd->done)
			continue;
		w.p = &c->s->pages[pi];
		w.off = c->s->config.checks_off | w.p->checks_off;
		/* The theme's ids of this very page, or of its template. */
		for (k = 0; k < pd->nids; k++) {
			ck_at at;

			if (!(pd->full ? S_has_id(pd->theme_ids, pd->ntheme,
			    pd->ids[k].id) : S_has_id(un[kind], nun[kind],
			    pd->ids[k].id)))
				continue;
			at.path = w.p->path;
			at.line = pd->ids[k].line;
			at.theme = 0;
			S_report(&w, RULE_ID, at, msg(
			    "l'id « %s » est déjà pris par le thème : changez "
			    "ce titre ou cet id", "the id \"%s\" is already "
			    "taken by the theme: change this heading or id"),
			    pd->ids[k].id);
		}
		buf_init(&path, BUF_MAX_PATH);
		buf_printf(&path, "%s/templates/%s.html", c->s->theme_dir,
		    site_kind_name(kind));
		for (k = 0; k < pd->nlinks; k++) {
			const ck_link *l = &pd->links[k];
			const struct check_page_data *to = &c->pages[l->target];
			page_kind tk = c->s->pages[l->target].kind;
			ck_at at;

			if (!to->done || S_has_cid(to->ids, to->nids, l->frag) ||
			    (to->full ? S_has_id(to->theme_ids, to->ntheme,
			    l->frag) : S_has_id(un[tk], nun[tk], l->frag)))
				continue;
			at.path = l->theme ? path.data : w.p->path;
			at.line = l->line;
			at.theme = l->theme;
			if (S_glossary_anchor(c, l->target, l->frag)) {
				/* Not the author's: the theme's. */
				at.path = gpath.data;
				at.line = 0;
				S_report(&w, RULE_ANCHOR, at, msg(
				    "la page du glossaire n'affiche pas "
				    "l'ancre #%s : le thème doit donner à "
				    "chaque mot son ancre (id)", "the "
				    "glossary page does not show the anchor "
				    "#%s: the theme must give each term its "
				    "anchor (id)"), l->frag);
				continue;
			}
			S_missing_anchor(&w, at, l->frag, l->target == pi ? NULL :
			    &c->s->pages[l->target], to->ids, to->nids);
		}
		buf_free(&path);
	}
	for (k = 0; k < 4; k++)
		free(un[k]);
	buf_free(&w.tmp);
	buf_free(&gpath);
}

/* Empty a page's data, keeping its sample flag. */
static void
S_page_data_free(struct check_page_data *pd)
{
	int k;

	for (k = 0; k < pd->nids; k++)
		free(pd->ids[k].id);
	free(pd->ids);
	for (k = 0; k < pd->ntheme; k++)
		free(pd->theme_ids[k]);
	free(pd->theme_ids);
	for (k = 0; k < pd->nlinks; k++)
		free(pd->links[k].frag);
	free(pd->links);
	pd->ids = NULL;
	pd->theme_ids = NULL;
	pd->links = NULL;
	pd->nids = pd->ntheme = pd->nlinks = 0;
	pd->done = pd->full = 0;
}

void
check_free(check_ctx *c)
{
	int pi;

	for (pi = 0; c->pages != NULL && pi < c->s->npages; pi++) {
		S_page_data_free(&c->pages[pi]);
	}
	free(c->pages);
	free(c->by_url);
	for (pi = 0; pi < c->nholders; pi++)
		free(c->holders[pi]);
	free(c->holders);
	memset(c, 0, sizeof *c);
}

int
check_page_sampled(const check_ctx *c, int pi)
{
	return c->pages[pi].sample;
}

void
check_page_save(const check_ctx *c, int pi, buf *out)
{
	const struct check_page_data *pd = &c->pages[pi];
	int k;

	inc_put_u32(out, (uint32_t)pd->done);
	inc_put_u32(out, (uint32_t)pd->full);
	inc_put_u32(out, (uint32_t)pd->nids);
	for (k = 0; k < pd->nids; k++) {
		inc_put_str(out, pd->ids[k].id);
		inc_put_u32(out, (uint32_t)pd->ids[k].line);
	}
	inc_put_u32(out, (uint32_t)pd->ntheme);
	for (k = 0; k < pd->ntheme; k++)
		inc_put_str(out, pd->theme_ids[k]);
	inc_put_u32(out, (uint32_t)pd->nlinks);
	for (k = 0; k < pd->nlinks; k++) {
		const ck_link *l = &pd->links[k];

		/* By source: page indexes move when pages come and go. */
		inc_put_str(out, c->s->pages[l->target].src);
		inc_put_str(out, l->frag);
		inc_put_u32(out, (uint32_t)l->line);
		inc_put_u32(out, (uint32_t)l->theme);
	}
}

/* A count read from the data, bounded by what is left of it (each
 * element takes at least a byte), so that a damaged file cannot make a
 * huge allocation. */
static int
S_count(inc_rd *r)
{
	uint32_t n = inc_get_u32(r);

	if (r->bad || n > r->n - r->off) {
		r->bad = 1;
		return 0;
	}
	return (int)n;
}

int
check_page_load(check_ctx *c, int pi, const char *data, size_t n)
{
	struct check_page_data *pd = &c->pages[pi];
	inc_rd r;
	int k;

	memset(&r, 0, sizeof r);
	r.p = (const unsigned char *)data;
	r.n = n;
	pd->done = (int)inc_get_u32(&r);
	pd->full = (int)inc_get_u32(&r);
	pd->nids = S_count(&r);
	pd->ids = mem_alloc(NULL, (size_t)(pd->nids + 1) * sizeof *pd->ids);
	for (k = 0; k < pd->nids; k++) {
		pd->ids[k].id = inc_get_str(&r);
		pd->ids[k].line = (int)inc_get_u32(&r);
	}
	pd->ntheme = S_count(&r);
	pd->theme_ids = mem_alloc(NULL, (size_t)(pd->ntheme + 1) *
	    sizeof *pd->theme_ids);
	for (k = 0; k < pd->ntheme; k++)
		pd->theme_ids[k] = inc_get_str(&r);
	pd->nlinks = S_count(&r);
	pd->links = mem_alloc(NULL, (size_t)(pd->nlinks + 1) *
	    sizeof *pd->links);
	for (k = 0; k < pd->nlinks; k++) {
		ck_link *l = &pd->links[k];
		char *src = inc_get_str(&r);

		l->target = src ? site_find(c->s, src) : -1;
		if (l->target < 0)
			r.bad = 1;
		free(src);
		l->frag = inc_get_str(&r);
		l->line = (int)inc_get_u32(&r);
		l->theme = (int)inc_get_u32(&r);
	}
	if (!r.bad && r.off == r.n)
		return 0;
	S_page_data_free(pd);
	return -1;
}
