/*
 * import: another generator's Markdown folder made an Eystime site
 * (import.h says what it does).
 */
#include "import.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/buf.h"
#include "../common/msg.h"
#include "../common/text.h"
#include "diag.h"
#include "fm.h"
#include "fs.h"
#include "site.h"
#include "slug.h"
#include "url.h"

/* The most files one import takes. */
#define IMPORT_MAX_FILES 100000

typedef enum { K_PAGE, K_ASSET, K_SKIP } item_kind;

typedef struct item {
	char *src;       /* path under the source root ("a/b/c.md"); for
	                  * Hugo's static/, "/" + its path ("/img/x.png") */
	char *file;      /* where it is read, under the root (or static/):
	                  * src but for Jekyll's collections and includes */
	char *dst;       /* path under content/ ("a/b-c.md"), NULL: not yet */
	item_kind kind;
	int orphan;      /* an asset outside every module: copied only when
	                  * a page links to it */
	int used;        /* a page links to it */
	int made;        /* an _index.md import writes (no source) */
	char *permalink; /* Jekyll's address of the page, without the
	                  * slashes at either end nor ".html", or NULL */
	char *slug;      /* the slug of its front matter's slug (or
	                  * Eleventy's slugOverride), or NULL */
	char *tslug;     /* the slug of its title, or NULL */
	char *title;     /* for made pages */
} item;

typedef struct importer {
	const char *src;     /* SRC as given */
	char *root;          /* where the content is: SRC or SRC/content */
	char *static_dir;    /* Hugo's SRC/static, or NULL */
	const char *site;    /* SITE */
	int jekyll;          /* SRC has a _config.yml */
	int quiet;           /* import_convert: nothing printed */
	char *cdir;          /* Jekyll's collections_dir, or NULL */
	char **colls;        /* Jekyll's collections with output: true, and
	                      * "posts"; NULL-terminated */
	char **incl, **excl; /* Jekyll's include and exclude; NULL-ended */
	char **pnames;       /* Jekyll's collections with a permalink… */
	char **ppats;        /* …and that permalink ("/x/:title.html") */
	item *a;
	size_t n, cap;
	long codes;          /* generator codes listed */
} importer;

static const char *const S_md_ext[] = { ".md", ".markdown", ".mdown", NULL };
static const char *const S_asset_ext[] = {
	".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".avif", ".pdf",
	".odt", ".ods", ".odp", ".doc", ".docx", ".xls", ".xlsx", ".ppt",
	".pptx", ".txt", ".csv", ".zip", ".mp3", ".mp4", ".webm", ".ogg",
	".epub", NULL };
static const char *const S_not_content[] = { "node_modules", "vendor",
	"layouts", "themes", "public", "resources", NULL };

static int
S_ends(const char *s, const char *const *exts)
{
	size_t n = strlen(s);

	for (; *exts != NULL; exts++) {
		size_t k = strlen(*exts);

		if (n > k && strcasecmp(s + n - k, *exts) == 0)
			return 1;
	}
	return 0;
}

static int
S_in(const char *s, size_t n, const char *const *list)
{
	for (; *list != NULL; list++)
		if (strlen(*list) == n && memcmp(*list, s, n) == 0)
			return 1;
	return 0;
}

static item *
S_add(importer *im, const char *src, item_kind kind)
{
	item *it;

	if (im->n == im->cap) {
		im->cap = im->cap ? im->cap * 2 : 64;
		im->a = mem_alloc(im->a, im->cap * sizeof *im->a);
	}
	it = &im->a[im->n++];
	memset(it, 0, sizeof *it);
	it->src = mem_strdup(src);
	it->file = mem_strdup(src);
	it->kind = kind;
	return it;
}

/* The slug of s[0..n), or `dflt` when it has no letter or digit. */
static void
S_slug(buf *out, const char *s, size_t n, const char *dflt)
{
	size_t before = out->len;

	slug_make(out, s, n);
	if (out->len == before)
		buf_puts(out, dflt);
}

/* 1 when dst is taken by another item already. */
static int
S_taken(const importer *im, const char *dst)
{
	for (size_t i = 0; i < im->n; i++)
		if (im->a[i].dst != NULL && strcmp(im->a[i].dst, dst) == 0)
			return 1;
	return 0;
}

/* The longest name import gives a flattened file (before "-2" and the
 * extension): far below the 255 bytes of a file name. */
#define IMPORT_MAX_NAME 120

/* Give it the path base + ext under content/, or base-2, base-3… A name
 * too long loses its first folders: the end names the file. */
static void
S_place(importer *im, item *it, const char *base, const char *ext)
{
	const char *slash = strrchr(base, '/');
	const char *name = slash ? slash + 1 : base, *tail = name;
	int dir = (int)(name - base);
	buf b;

	if (strlen(name) > IMPORT_MAX_NAME) {
		tail = name + strlen(name) - IMPORT_MAX_NAME;
		while (*tail != '\0' && tail[-1] != '-')
			tail++;
		if (*tail == '\0')
			tail = name + strlen(name) - IMPORT_MAX_NAME;
	}
	buf_init(&b, BUF_MAX_PATH);
	buf_printf(&b, "%.*s%s%s", dir, base, tail, ext);
	for (int k = 2; S_taken(im, b.data); k++) {
		buf_reset(&b);
		buf_printf(&b, "%.*s%s-%d%s", dir, base, tail, k, ext);
	}
	it->dst = buf_detach(&b);
}

/* The stem of a file name (without folders nor extension), and whether it
 * names a folder's own page. */
static void
S_stem(const char *path, const char **stem, size_t *n, int *index)
{
	const char *slash = strrchr(path, '/'), *dot;

	*stem = slash ? slash + 1 : path;
	dot = strrchr(*stem, '.');
	*n = dot && dot > *stem ? (size_t)(dot - *stem) : strlen(*stem);
	*index = (*n == 5 && memcmp(*stem, "index", 5) == 0) ||
	    (*n == 6 && memcmp(*stem, "_index", 6) == 0);
}

/* The module slug of the top folder of src into out; 0 when src is at the
 * root. */
static int
S_module(buf *out, const char *src)
{
	const char *slash = strchr(src, '/');

	if (slash == NULL)
		return 0;
	S_slug(out, src, (size_t)(slash - src), "module");
	if (strcmp(out->data, "static") == 0 || strcmp(out->data, "404") == 0 ||
	    strcmp(out->data, "_eystime") == 0)
		buf_puts(out, "-contenu");
	return 1;
}

/*
 * The name of src inside its module, its folders below the top one and its
 * stem each made a slug and joined with "-" ("a/b/c.md" → "b-c"); index
 * files stand for their folder.
 */
static void
S_flat(buf *out, const char *src, int skip_top, const char *dflt)
{
	const char *p = src, *stem, *slash;
	size_t n;
	int index, first = 1;

	S_stem(src, &stem, &n, &index);
	if (skip_top && (slash = strchr(p, '/')) != NULL)
		p = slash + 1;
	while ((slash = strchr(p, '/')) != NULL) {
		if (!first)
			buf_putc(out, '-');
		S_slug(out, p, (size_t)(slash - p), "dossier");
		first = 0;
		p = slash + 1;
	}
	if (index && !first)
		return;
	if (!first)
		buf_putc(out, '-');
	S_slug(out, stem, n, dflt);
}

static int
S_has_module_page(const importer *im, const char *mod)
{
	size_t k = strlen(mod);

	for (size_t i = 0; i < im->n; i++)
		if (im->a[i].kind == K_PAGE && im->a[i].dst != NULL &&
		    strncmp(im->a[i].dst, mod, k) == 0 && im->a[i].dst[k] == '/')
			return 1;
	return 0;
}

/* "mon-module" → "Mon module". */
static char *
S_title_of(const char *slug)
{
	char *t = mem_strdup(slug);

	for (char *c = t; *c; c++)
		if (*c == '-' || *c == '_')
			*c = ' ';
	t[0] = (char)toupper((unsigned char)t[0]);
	return t;
}

static char *S_site_title(const importer *im);
static void S_norm_url(buf *out, const char *u);

/* Every file's place under content/ (import.h says which goes where). */
static void
S_map(importer *im)
{
	buf mod, name;
	size_t i, n0 = im->n;

	buf_init(&mod, BUF_MAX_PATH);
	buf_init(&name, BUF_MAX_PATH);
	/* Folders' own pages first, so that they get _index.md. */
	for (int pass = 0; pass < 3; pass++)
		for (i = 0; i < n0; i++) {
			item *it = &im->a[i];
			const char *stem;
			size_t n;
			int index, in_mod, top_index;

			if (it->kind != K_PAGE || it->dst != NULL)
				continue;
			S_stem(it->src, &stem, &n, &index);
			buf_reset(&mod);
			buf_reset(&name);
			in_mod = it->src[0] != '/' && S_module(&mod, it->src);
			top_index = index && (!in_mod ||
			    strchr(strchr(it->src, '/') + 1, '/') == NULL);
			if (pass == 0 && top_index) {
				if (in_mod)
					buf_printf(&name, "%s/_index", mod.data);
				else
					buf_puts(&name, "_index");
				buf_puts(&name, ".md");
				if (!S_taken(im, name.data)) {
					it->dst = buf_detach(&name);
					buf_init(&name, BUF_MAX_PATH);
				}
				continue;
			}
			if (pass < 2)
				continue;
			if (in_mod) {
				S_flat(&name, it->src, 1, "page");
				buf_printf(&mod, "/%s", name.data);
				S_place(im, it, mod.data, ".md");
			} else {
				S_flat(&name, it->src, 0, "page");
				if (strcmp(name.data, "404") == 0 ||
				    strcmp(name.data, "static") == 0 ||
				    strcmp(name.data, "recherche") == 0 ||
				    strcmp(name.data, "search") == 0)
					buf_puts(&name, "-page");
				S_place(im, it, name.data, ".md");
			}
		}
	/* A root page named as a module is that module's page (Jekyll's
	 * guide.md beside guide/); modules without a page get one. */
	for (i = 0; i < n0; i++) {
		item *it = &im->a[i];

		if (it->kind != K_PAGE || it->dst == NULL ||
		    strchr(it->dst, '/') == NULL)
			continue;
		buf_reset(&mod);
		buf_add(&mod, it->dst, (size_t)(strchr(it->dst, '/') -
		    it->dst));
		buf_reset(&name);
		buf_printf(&name, "%s/_index.md", mod.data);
		if (S_taken(im, name.data))
			continue;
		for (size_t j = 0; j < n0; j++) {
			buf same;

			buf_init(&same, BUF_MAX_PATH);
			buf_printf(&same, "%s.md", mod.data);
			if (im->a[j].kind == K_PAGE && im->a[j].dst != NULL &&
			    strcmp(im->a[j].dst, same.data) == 0) {
				free(im->a[j].dst);
				im->a[j].dst = mem_strdup(name.data);
			}
			buf_free(&same);
		}
		if (!S_taken(im, name.data)) {
			item *made = S_add(im, "", K_PAGE);

			made->dst = mem_strdup(name.data);
			made->made = 1;
			made->title = S_title_of(mod.data);
		}
	}
	if (!S_taken(im, "_index.md")) {
		item *made = S_add(im, "", K_PAGE);

		made->dst = mem_strdup("_index.md");
		made->made = 1;
		made->title = S_site_title(im);
	}
	/* Assets: beside their page when their top folder is a module, at the
	 * root otherwise. */
	for (i = 0; i < n0; i++) {
		item *it = &im->a[i];
		const char *dot;

		if (it->kind != K_ASSET)
			continue;
		dot = strrchr(it->src, '.');
		buf_reset(&mod);
		buf_reset(&name);
		if (it->src[0] != '/' && S_module(&mod, it->src) &&
		    S_has_module_page(im, mod.data)) {
			S_flat(&name, it->src, 1, "fichier");
			buf_printf(&mod, "/%s", name.data);
			buf_reset(&name);
			buf_puts(&name, mod.data);
		} else {
			S_flat(&name, it->src[0] == '/' ? it->src + 1 : it->src,
			    0, "fichier");
			it->orphan = strchr(it->src + 1, '/') != NULL ||
			    it->src[0] == '/';
		}
		buf_reset(&mod);
		for (const char *c = dot; *c; c++)
			buf_putc(&mod, (char)tolower((unsigned char)*c));
		S_place(im, it, name.data, mod.data);
	}
	buf_free(&mod);
	buf_free(&name);
}

/*
 * The page an address of the old site stands for when its path is computed
 * (Eleventy's permalink functions, Hugo's sections): the one page whose
 * name, folder (for an index), slug or title's slug is the address's last
 * part, among the pages of its first part's folder when it names one.
 * NULL when none or several.
 */
static item *
S_guess(importer *im, const char *path)
{
	buf last, first;
	const char *p = path, *e;
	item *found = NULL;
	int count = 0;

	while (*p == '/')
		p++;
	e = p + strlen(p);
	while (e > p && e[-1] == '/')
		e--;
	buf_init(&last, BUF_MAX_PATH);
	buf_init(&first, BUF_MAX_PATH);
	for (const char *s = e; s > p; s--)
		if (s[-1] == '/') {
			buf_add(&last, s, (size_t)(e - s));
			buf_add(&first, p, strcspn(p, "/"));
			break;
		}
	if (last.len == 0)
		buf_add(&last, p, (size_t)(e - p));
	if (last.len == 0 || strchr(last.data, '.') != NULL)
		goto out;
	for (int scoped = first.len > 0; scoped >= 0 && count != 1; scoped--) {
		found = NULL;
		count = 0;
		for (size_t i = 0; i < im->n; i++) {
			item *it = &im->a[i];
			const char *stem;
			size_t n;
			int index, hit;

			if (it->kind != K_PAGE || it->made || (scoped &&
			    (strncmp(it->src, first.data, first.len) != 0 ||
			    it->src[first.len] != '/')))
				continue;
			S_stem(it->src, &stem, &n, &index);
			if (index && stem > it->src) {
				const char *d = stem - 1;

				while (d > it->src && d[-1] != '/')
					d--;
				stem = d;
				n = (size_t)(it->src + strlen(it->src) -
				    strlen(strrchr(it->src, '/')) - d);
			}
			hit = (n == last.len && memcmp(stem, last.data, n) == 0) ||
			    (it->slug && strcmp(it->slug, last.data) == 0) ||
			    (it->tslug && strcmp(it->tslug, last.data) == 0);
			if (hit && found != it) {
				found = it;
				count++;
			}
		}
		if (!scoped)
			break;
	}
out:
	buf_free(&last);
	buf_free(&first);
	return count == 1 ? found : NULL;
}

/* The item whose source path is p, or NULL. */
static item *
S_by_src(importer *im, const char *p)
{
	for (size_t i = 0; i < im->n; i++)
		if (!im->a[i].made && im->a[i].kind != K_SKIP &&
		    strcmp(im->a[i].src, p) == 0)
			return &im->a[i];
	return NULL;
}

/* The item a link written in page `from` (its source path) points at:
 * the file, or the page behind a pretty address ("x/", "x.html"). */
static item *
S_target(importer *im, const char *from, const char *path)
{
	static const char *const tails[] = { "", ".md", "/index.md",
		"/_index.md", ".markdown", NULL };
	buf res, cand;
	item *it = NULL;
	size_t n = strlen(path);

	buf_init(&res, BUF_MAX_PATH);
	buf_init(&cand, BUF_MAX_PATH);
	if (path[0] == '/') {
		S_norm_url(&cand, path);
		for (size_t i = 0; i < im->n && it == NULL; i++)
			if (im->a[i].permalink != NULL &&
			    strcmp(im->a[i].permalink, cand.data) == 0)
				it = &im->a[i];
	}
	for (int pass = 0; it == NULL && pass < 3; pass++) {
		const char *base = from;
		char *bundle = NULL;

		if (pass == 1) {
			/* Hugo: a page foo.md is at foo/, its relative links
			 * start there. */
			buf b;

			if (path[0] == '/')
				continue;
			buf_init(&b, BUF_MAX_PATH);
			buf_add(&b, from, strlen(from) - (strrchr(from, '.') ?
			    strlen(strrchr(from, '.')) : 0));
			buf_puts(&b, "/x");
			bundle = buf_detach(&b);
			base = bundle;
		}
		if (pass == 2) {
			/* Hugo's static/: "/img/x.png" */
			if (path[0] != '/')
				continue;
			it = S_by_src(im, path);
			break;
		}
		for (const char *const *t = tails; it == NULL && *t; t++) {
			buf_reset(&cand);
			if (n > 5 && strcmp(path + n - 5, ".html") == 0)
				buf_add(&cand, path, n - 5);
			else
				buf_add(&cand, path, n);
			while (cand.len > 1 && cand.data[cand.len - 1] == '/' &&
			    (*t)[0] != '\0')
				cand.data[--cand.len] = '\0';
			buf_puts(&cand, *t);
			if (url_resolve(&res, base, cand.data) == 0)
				it = S_by_src(im, res.data);
		}
		free(bundle);
	}
	if (it == NULL && path[0] == '/')
		it = S_guess(im, path);
	buf_free(&res);
	buf_free(&cand);
	return it;
}

/* The relative path from the content/ file `from` to `to`. */
static void
S_rel(buf *out, const char *from, const char *to)
{
	const char *slash = strrchr(from, '/');
	size_t d = slash ? (size_t)(slash - from) : 0;

	if (d == 0)
		buf_puts(out, to);
	else if (strncmp(to, from, d) == 0 && to[d] == '/')
		buf_puts(out, to + d + 1);
	else
		buf_printf(out, "../%s", to);
}

/* The item read from the file f (its path under the root), or whose file
 * ends with "/" + f when `tail`; NULL when none. */
static item *
S_by_file(importer *im, const char *f, int tail)
{
	size_t n = strlen(f);

	for (size_t i = 0; i < im->n; i++) {
		const char *g = im->a[i].file;
		size_t k = strlen(g);

		if (im->a[i].made || im->a[i].kind == K_SKIP)
			continue;
		if (strcmp(g, f) == 0 || (tail && k > n && g[k - n - 1] == '/' &&
		    strcmp(g + k - n, f) == 0))
			return &im->a[i];
	}
	return NULL;
}

/* A Liquid tag's argument without the tag's end stuck to it ("a.md%}"). */
static void
S_unclose(char *a)
{
	char *e = strstr(a, "%}");

	if (e != NULL) {
		if (e > a && e[-1] == '-')
			e--;
		*e = '\0';
	}
}

/*
 * Jekyll's Liquid in a link target p: "{% link X %}" and
 * "{% post_url X %}" give their file's item; "{{ 'X' | relative_url }}"
 * (or absolute_url) and "{{ site.baseurl }}X" leave X in p. NULL when p
 * names no item itself.
 */
static item *
S_liquid(importer *im, buf *p)
{
	char arg[BUF_MAX_PATH];
	const char *s = p->data;
	item *it = NULL;

	if (strncmp(s, "{{ site.baseurl }}", 18) == 0 ||
	    strncmp(s, "{{site.baseurl}}", 16) == 0) {
		memmove(p->data, strchr(s, '}') + 2, strlen(strchr(s, '}') + 2) + 1);
		p->len = strlen(p->data);
		return NULL;
	}
	if (sscanf(s, "{%%%*[ -]link %1023s", arg) == 1) {
		S_unclose(arg);
		it = S_by_file(im, arg, 0);
	} else if (sscanf(s, "{%%%*[ -]post_url %1023s", arg) == 1) {
		S_unclose(arg);
		buf f;

		buf_init(&f, BUF_MAX_PATH);
		buf_printf(&f, "%s.md", arg);
		it = S_by_file(im, f.data, 1);
		if (it == NULL) {
			buf_reset(&f);
			buf_printf(&f, "%s.markdown", arg);
			it = S_by_file(im, f.data, 1);
		}
		buf_free(&f);
	} else if (strncmp(s, "{{", 2) == 0) {
		const char *q = s + 2, *e;

		while (*q == ' ')
			q++;
		if ((*q == '\'' || *q == '"') && (e = strchr(q + 1, *q)) != NULL &&
		    (strstr(e, "relative_url") != NULL ||
		    strstr(e, "absolute_url") != NULL) &&
		    (size_t)(e - q - 1) < sizeof arg) {
			memcpy(arg, q + 1, (size_t)(e - q - 1));
			arg[e - q - 1] = '\0';
			buf_reset(p);
			buf_puts(p, arg);
		}
	}
	return it;
}

/*
 * Rewrite the link target t[0..n) written in page `it` into out: the new
 * path when it points at an imported file, else as it was.
 */
static void
S_link(importer *im, const item *it, buf *out, const char *t, size_t n)
{
	buf path, dec;
	size_t k = 0;
	item *to;

	while (k < n && t[k] != '#' && t[k] != '?')
		k++;
	buf_init(&path, BUF_MAX_PATH);
	buf_init(&dec, BUF_MAX_PATH);
	buf_add(&path, t, k);
	to = path.len > 2 && path.data[0] == '{' ? S_liquid(im, &path) : NULL;
	if (to != NULL)
		goto found;
	if (k == 0 || url_is_external(path.data) ||
	    url_decode(&dec, path.data, path.len) < 0 ||
	    (to = S_target(im, it->src, dec.data)) == NULL) {
		buf_add(out, t, n);
		goto out;
	}
found:
	to->used = 1;
	S_rel(out, it->dst, to->dst);
	buf_add(out, t + k, n - k);
out:
	buf_free(&path);
	buf_free(&dec);
}

/* Lines of the Markdown body, with what import changes in them. */
typedef struct body {
	int fence;     /* inside a fenced code block: its char, else 0 */
	size_t flen;   /* the length of its fence */
	int demote;    /* headings go one level down */
} body;

/* 1 when the line opens or closes a code fence (and updates b). */
static int
S_fence(body *b, const char *l, size_t n)
{
	size_t i = 0, k = 0;

	while (i < n && i < 3 && l[i] == ' ')
		i++;
	if (i >= n || (l[i] != '`' && l[i] != '~'))
		return 0;
	while (i + k < n && l[i + k] == l[i])
		k++;
	if (k < 3)
		return 0;
	if (b->fence == 0) {
		b->fence = l[i];
		b->flen = k;
	} else if (b->fence == l[i] && k >= b->flen) {
		b->fence = 0;
	} else {
		return 0;
	}
	return 1;
}

/* The level of an ATX heading line, or 0. */
static int
S_heading(const char *l, size_t n)
{
	size_t i = 0;

	while (i < n && i < 3 && l[i] == ' ')
		i++;
	size_t h = 0;
	while (i + h < n && l[i + h] == '#')
		h++;
	if (h == 0 || h > 6 || (i + h < n && l[i + h] != ' ' &&
	    l[i + h] != '\t'))
		return 0;
	return (int)h;
}

/* Where raw HTML's <hN or </hN starts in l[0..n) from i, N's offset; 0
 * when none. */
static size_t
S_html_h(const char *l, size_t n, size_t i)
{
	size_t k = i + 1;

	if (l[i] != '<')
		return 0;
	if (k < n && l[k] == '/')
		k++;
	if (k + 2 < n && (l[k] == 'h' || l[k] == 'H') && l[k + 1] >= '1' &&
	    l[k + 1] <= '6' && (l[k + 2] == '>' || l[k + 2] == ' '))
		return k + 1;
	return 0;
}

/* Report the generator codes left in a line (outside code spans):
 * Hugo's {{< … >}} and {{% … %}}, Liquid's and Nunjucks' {% … %} and
 * {{ … }}, kramdown's {: … }. */
static void
S_codes(importer *im, const item *it, int line, const char *l, size_t n)
{
	int tick = 0;

	for (size_t i = 0; i + 1 < n; i++) {
		const char *close, *kind;
		size_t k, cn;

		if (l[i] == '`') {
			tick = !tick;
			continue;
		}
		if (tick || l[i] != '{')
			continue;
		if (l[i + 1] == '{') {
			close = "}}";
			kind = i + 2 < n && (l[i + 2] == '<' || l[i + 2] == '%') ?
			    "Hugo" : msg("Jekyll, Eleventy ou Hugo",
			    "Jekyll, Eleventy or Hugo");
		} else if (l[i + 1] == '%') {
			close = "%}";
			kind = msg("Jekyll ou Eleventy", "Jekyll or Eleventy");
		} else if (l[i + 1] == ':') {
			close = "}";
			kind = "kramdown (Jekyll)";
		} else {
			continue;
		}
		cn = strlen(close);
		for (k = i + 2; k + cn <= n && k < i + 300; k++)
			if (memcmp(l + k, close, cn) == 0)
				break;
		if (k + cn > n || k >= i + 300)
			continue;
		k += cn;
		im->codes++;
		if (im->quiet) {
			i = k - 1;
			continue;
		}
		fprintf(stderr, msg("%s/content/%s:%d: à revoir : code de %s "
		    "laissé tel quel : %.*s\n", "%s/content/%s:%d: to review: "
		    "%s code left as it is: %.*s\n"), im->site, it->dst, line,
		    kind, (int)(k - i), l + i);
		i = k - 1;
	}
}

/* One body line, changed, into out. */
static void
S_line(importer *im, const item *it, body *b, int line, const char *l,
    size_t n, buf *out)
{
	size_t i = 0;

	if (S_fence(b, l, n) || b->fence) {
		buf_add(out, l, n);
		return;
	}
	size_t start = out->len;

	if (b->demote && S_heading(l, n) > 0 && S_heading(l, n) < 6)
		buf_putc(out, '#');
	while (i < n) {
		size_t k, j;
		int attr = 0;

		if (l[i] == ']' && i + 1 < n && l[i + 1] == '(')
			k = i + 2;
		else if ((n - i > 5 && strncmp(l + i, "src=\"", 5) == 0) ||
		    (n - i > 6 && strncmp(l + i, "href=\"", 6) == 0)) {
			k = i + (l[i] == 's' ? 5 : 6);
			attr = 1;
		} else {
			buf_putc(out, l[i++]);
			continue;
		}
		buf_add(out, l + i, k - i);
		if (!attr && k < n && l[k] == '<')
			buf_putc(out, l[k++]);
		j = k;
		/* "{{ site.baseurl }}/x": the code's blanks are the link's */
		if (j + 1 < n && l[j] == '{' && (l[j + 1] == '{' ||
		    l[j + 1] == '%')) {
			const char *e = strstr(l + j, l[j + 1] == '{' ? "}}" :
			    "%}");

			if (e != NULL && e < l + n)
				j = (size_t)(e - l) + 2;
		}
		while (j < n && (attr ? l[j] != '"' : (l[j] != ')' &&
		    l[j] != ' ' && l[j] != '>')))
			j++;
		S_link(im, it, out, l + k, j - k);
		i = j;
	}
	if (b->demote)
		for (i = start; i < out->len; i++) {
			size_t d = S_html_h(out->data, out->len, i);

			if (d > 0 && out->data[d] < '6')
				out->data[d]++;
		}
	S_codes(im, it, line, out->data + start, out->len - start);
}

/* YAML's double-quoted form of s, control characters made spaces. */
static void
S_quote(buf *out, const char *s)
{
	buf_putc(out, '"');
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			buf_putc(out, '\\');
		buf_putc(out, (unsigned char)*s < 0x20 ? ' ' : *s);
	}
	buf_putc(out, '"');
}

/* A scalar of the source front matter, or NULL. */
static const char *
S_fm(const fm_node *root, const char *key)
{
	const fm_node *v = root ? fm_get(root, key) : NULL;

	return v != NULL && v->type == FM_SCALAR && v->str[0] != '\0' ?
	    v->str : NULL;
}

/*
 * Hugo's TOML front matter (between "+++" lines) as the YAML that fm reads,
 * for its plain `key = value` lines; a table or array ends what is read.
 */
static void
S_toml(buf *yaml, const char *s, size_t n)
{
	const char *end = s + n;

	while (s < end) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		const char *e = nl ? nl : end, *eq = memchr(s, '=', (size_t)(e - s));

		if (*s == '[')
			break;
		if (eq != NULL && isalpha((unsigned char)*s)) {
			const char *k = eq, *v = eq + 1;

			while (k > s && (k[-1] == ' ' || k[-1] == '\t'))
				k--;
			while (v < e && (*v == ' ' || *v == '\t'))
				v++;
			if (v < e && *v != '[' && *v != '{') {
				buf_add(yaml, s, (size_t)(k - s));
				buf_puts(yaml, ": ");
				if (*v == '\'')
					buf_putc(yaml, '"');
				buf_add(yaml, v + (*v == '\''), (size_t)(e - v) -
				    (*v == '\'') * 2);
				if (*v == '\'')
					buf_putc(yaml, '"');
				buf_putc(yaml, '\n');
			}
		}
		s = nl ? nl + 1 : end;
	}
}

/* Split src[0..n) into its front matter (as YAML into yaml, and as
 * written into raw) and its body; returns the body's offset. */
static size_t
S_split(const char *s, size_t n, buf *yaml, buf *raw)
{
	const char *mark;
	const char *p, *close;
	size_t k;

	if (n >= 4 && (strncmp(s, "---\n", 4) == 0 || strncmp(s, "---\r\n", 5) == 0))
		mark = "---";
	else if (n >= 4 && (strncmp(s, "+++\n", 4) == 0 || strncmp(s, "+++\r\n", 5) == 0))
		mark = "+++";
	else
		return 0;
	p = strchr(s, '\n') + 1;
	for (close = p; close < s + n; ) {
		const char *nl = memchr(close, '\n', (size_t)(s + n - close));

		if (strncmp(close, mark, 3) == 0 && (close + 3 == s + n ||
		    close[3] == '\n' || close[3] == '\r' || close[3] == ' '))
			break;
		if (nl == NULL) {
			close = s + n;
			break;
		}
		close = nl + 1;
	}
	if (close >= s + n)
		return 0;
	k = (size_t)(close - p);
	buf_add(raw, p, k);
	if (mark[0] == '+')
		S_toml(yaml, p, k);
	else
		buf_add(yaml, p, k);
	close = memchr(close, '\n', (size_t)(s + n - close));
	return close ? (size_t)(close + 1 - s) : n;
}

/* The first ATX heading of the body (outside code) into out, its line
 * index into *at (-1: none). */
static void
S_first_heading(const char *s, size_t n, buf *out, long *at)
{
	body b = { 0, 0, 0 };
	const char *p = s, *end = s + n;
	long line = 0;

	*at = -1;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t len = (size_t)((nl ? nl : end) - p);
		int h;

		if (!S_fence(&b, p, len) && !b.fence &&
		    (h = S_heading(p, len)) > 0) {
			const char *t = p + h, *e = p + len;

			while (t < e && (*t == ' ' || *t == '#'))
				t++;
			while (e > t && (e[-1] == ' ' || e[-1] == '#' ||
			    e[-1] == '\r'))
				e--;
			if (e > t) {
				buf_add(out, t, (size_t)(e - t));
				if (h == 1)
					*at = line;
				else
					*at = -2 - line;
				return;
			}
		}
		line++;
		p = nl ? nl + 1 : end;
	}
}

/* 1 when the body has a level-1 heading other than line `skip`. */
static int
S_has_h1(const char *s, size_t n, long skip)
{
	body b = { 0, 0, 0 };
	const char *p = s, *end = s + n;

	for (long line = 0; p < end; line++) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t len = (size_t)((nl ? nl : end) - p);

		if (!S_fence(&b, p, len) && !b.fence && line != skip &&
		    S_heading(p, len) == 1)
			return 1;
		for (size_t i = 0; !b.fence && i < len; i++) {
			size_t d = S_html_h(p, len, i);

			if (d > 0 && p[d] == '1' && p[d - 2] == '<')
				return 1;
		}
		p = nl ? nl + 1 : end;
	}
	return 0;
}

/* The page `it` as Eystime Markdown into out; -1 after a message. */
static int
S_page(importer *im, item *it, const char *bytes, size_t nbytes, buf *out)
{
	buf file, yaml, raw, title, path;
	const char *s, *v;
	fm_doc doc = { NULL, 0, 0 };
	diag d;
	size_t off;
	long h1, weight;
	int line, rc = -1;
	body b = { 0, 0, 0 };
	char *end;

	if (it->made) {
		buf_puts(out, "---\ntitle: ");
		S_quote(out, it->title);
		buf_puts(out, "\n---\n");
		return 0;
	}
	buf_init(&file, SITE_MAX_MD);
	buf_init(&yaml, SITE_MAX_MD);
	buf_init(&raw, SITE_MAX_MD);
	buf_init(&title, BUF_MAX_TEXT);
	buf_init(&path, BUF_MAX_PATH);
	diag_init(&d);
	buf_printf(&path, "%s/%s", it->src[0] == '/' ? im->static_dir :
	    im->root, it->file);
	errno = 0;
	if ((bytes != NULL ? (nbytes > SITE_MAX_MD ? (errno = EFBIG, -1) :
	    buf_add(&file, bytes, nbytes)) : fs_read(path.data, SITE_MAX_MD,
	    &file)) < 0 || utf8_valid(file.data, file.len) != file.len ||
	    memchr(file.data, '\0', file.len) != NULL) {
		if (!im->quiet)
			fprintf(stderr, msg("%s: erreur: lecture impossible : "
			    "%s\n", "%s: error: cannot read: %s\n"), path.data,
			    errno == EFBIG ? msg("fichier de plus de 4 Mo",
			    "file over 4 MB") : errno ? strerror(errno) :
			    msg("pas en UTF-8", "not UTF-8"));
		goto out;
	}
	off = S_split(file.data, file.len, &yaml, &raw);
	if (yaml.len > 0) {
		buf fmtext;

		buf_init(&fmtext, SITE_MAX_MD);
		buf_printf(&fmtext, "---\n%s\n---\n", yaml.data);
		if (fm_parse(fmtext.data, fmtext.len, path.data, &d, &doc) < 0)
			doc.root = NULL;
		buf_free(&fmtext);
	}
	s = file.data + off;
	S_first_heading(s, file.len - off, &title, &h1);
	v = S_fm(doc.root, "title");
	if (v != NULL) {
		/* The same title again as the text's first heading goes. */
		if (h1 < 0 || strcmp(v, title.data) != 0)
			h1 = -1;
		buf_reset(&title);
		buf_puts(&title, v);
	} else if (title.len == 0) {
		const char *stem;
		size_t n;
		int index;
		char *t;

		S_stem(it->src, &stem, &n, &index);
		buf_add(&title, stem, n);
		t = S_title_of(title.data);
		buf_reset(&title);
		buf_puts(&title, t);
		free(t);
		h1 = -1;
	} else if (h1 < -1) {
		h1 = -1; /* a level-2 heading gives the title, and stays */
	}
	b.demote = S_has_h1(s, file.len - off, h1);
	buf_puts(out, "---\ntitle: ");
	S_quote(out, title.data);
	buf_putc(out, '\n');
	line = 3;
	v = S_fm(doc.root, "weight");
	if (v == NULL)
		v = S_fm(doc.root, "nav_order");
	if (v != NULL && (weight = strtol(v, &end, 10), *end == '\0') &&
	    weight >= 0 && weight <= SITE_MAX_WEIGHT) {
		buf_printf(out, "weight: %ld\n", weight);
		line++;
	}
	v = S_fm(doc.root, "summary");
	if (v == NULL)
		v = S_fm(doc.root, "description");
	if (v != NULL) {
		buf_puts(out, "summary: ");
		S_quote(out, v);
		buf_putc(out, '\n');
		line++;
	}
	v = S_fm(doc.root, "date");
	if (v != NULL && strlen(v) >= 10 && isdigit((unsigned char)v[0]) &&
	    (v[4] == '-' || v[4] == '/') && v[7] == v[4]) {
		buf_printf(out, "date: \"%.4s-%.2s-%.2s\"\n", v, v + 5, v + 8);
		line++;
	}
	v = S_fm(doc.root, "draft");
	if ((v != NULL && strcmp(v, "true") == 0) ||
	    ((v = S_fm(doc.root, "published")) != NULL &&
	    strcmp(v, "false") == 0)) {
		buf_puts(out, "draft: true\n");
		line++;
	}
	if (raw.len > 0) {
		const char *p = raw.data, *e = raw.data + raw.len;

		buf_printf(out, msg("# En-tête d'origine (%s), gardé pour "
		    "mémoire :\n", "# Original front matter (%s), kept for "
		    "the record:\n"), it->src[0] == '/' ? it->src + 1 :
		    it->src);
		line++;
		while (p < e) {
			const char *nl = memchr(p, '\n', (size_t)(e - p));
			size_t len = (size_t)((nl ? nl : e) - p);

			buf_puts(out, "# ");
			buf_add(out, p, len);
			buf_putc(out, '\n');
			line++;
			p = nl ? nl + 1 : e;
		}
	}
	buf_puts(out, "---\n");
	line++;
	for (long k = 0; s < file.data + file.len; k++) {
		const char *nl = memchr(s, '\n', (size_t)(file.data +
		    file.len - s));
		size_t len = (size_t)((nl ? nl : file.data + file.len) - s);

		if (k != h1) {
			S_line(im, it, &b, line, s, len, out);
			buf_putc(out, '\n');
			line++;
		}
		s = nl ? nl + 1 : file.data + file.len;
	}
	rc = 0;
out:
	fm_free(doc.root);
	diag_free(&d);
	buf_free(&file);
	buf_free(&yaml);
	buf_free(&raw);
	buf_free(&title);
	buf_free(&path);
	return rc;
}

/* The site's title from the source's configuration, or its folder's name. */
static char *
S_site_title(const importer *im)
{
	static const char *const cfgs[] = { "hugo.toml", "config.toml",
		"_config.yml", "hugo.yaml", "config.yaml", "_data/site.json",
		NULL };
	const char *base = strrchr(im->src, '/');
	buf f, path;
	char *t = NULL;

	buf_init(&f, FS_MAX_FILE);
	buf_init(&path, BUF_MAX_PATH);
	for (const char *const *c = cfgs; t == NULL && *c; c++) {
		const char *p;

		buf_reset(&f);
		buf_reset(&path);
		buf_printf(&path, "%s/%s", im->src, *c);
		if (fs_read(path.data, FS_MAX_FILE, &f) < 0 || f.len == 0)
			continue;
		for (p = f.data; p != NULL && t == NULL; p = strchr(p, '\n'),
		    p = p ? p + 1 : NULL) {
			const char *v, *e;

			if (strncmp(p, "title", 5) != 0)
				continue;
			v = p + 5;
			while (*v == ' ' || *v == '\t')
				v++;
			if (*v != ':' && *v != '=')
				continue;
			v++;
			while (*v == ' ' || *v == '\t')
				v++;
			e = v;
			while (*e && *e != '\n' && *e != '\r')
				e++;
			if (e > v && (*v == '"' || *v == '\'') && e[-1] == *v) {
				v++;
				e--;
			}
			if (e > v)
				t = mem_strndup(v, (size_t)(e - v));
		}
	}
	buf_free(&f);
	buf_free(&path);
	if (t == NULL || utf8_valid(t, strlen(t)) != strlen(t)) {
		free(t);
		t = mem_strdup(base && base[1] ? base + 1 : im->src);
	}
	return t;
}

static void
S_free_list(char **l)
{
	for (size_t i = 0; l != NULL && l[i] != NULL; i++)
		free(l[i]);
	free(l);
}

/* The scalars of a sequence, or the keys of a mapping whose value has
 * `key: true` (every key when key is NULL), as a NULL-ended list; extra
 * is added first when not NULL. */
static char **
S_list(const fm_node *v, const char *key, const char *extra)
{
	size_t n = 0, cap = (v ? v->n : 0) + 2;
	char **l = mem_alloc(NULL, cap * sizeof *l);

	if (extra != NULL)
		l[n++] = mem_strdup(extra);
	if (v != NULL && v->type == FM_SEQ) {
		for (size_t i = 0; i < v->n; i++)
			if (v->kids[i]->type == FM_SCALAR)
				l[n++] = mem_strdup(v->kids[i]->str);
	} else if (v != NULL && v->type == FM_MAP) {
		for (size_t i = 0; i + 1 < v->n; i += 2) {
			const char *o = key && v->kids[i + 1]->type == FM_MAP ?
			    S_fm(v->kids[i + 1], key) : NULL;

			if (key == NULL || (o != NULL && strcmp(o, "true") == 0))
				l[n++] = mem_strdup(v->kids[i]->str);
		}
	}
	l[n] = NULL;
	return l;
}

/* The collections that have a permalink pattern. */
static void
S_perm_patterns(importer *im, const fm_node *c)
{
	size_t n = 0, cap = (c && c->type == FM_MAP ? c->n / 2 : 0) + 1;

	im->pnames = mem_alloc(NULL, cap * sizeof *im->pnames);
	im->ppats = mem_alloc(NULL, cap * sizeof *im->ppats);
	for (size_t i = 0; c != NULL && c->type == FM_MAP && i + 1 < c->n;
	    i += 2) {
		const char *v = c->kids[i + 1]->type == FM_MAP ?
		    S_fm(c->kids[i + 1], "permalink") : NULL;

		if (v != NULL) {
			im->pnames[n] = mem_strdup(c->kids[i]->str);
			im->ppats[n++] = mem_strdup(v);
		}
	}
	im->pnames[n] = im->ppats[n] = NULL;
}

/* A site address without the slashes at either end, ".html" or a final
 * "index.html" into out ("/a/b.html" → "a/b"). */
static void
S_norm_url(buf *out, const char *u)
{
	size_t n;

	while (*u == '/')
		u++;
	buf_puts(out, u);
	n = out->len;
	if (n >= 10 && strcmp(out->data + n - 10, "index.html") == 0)
		n -= 10;
	else if (n >= 5 && strcmp(out->data + n - 5, ".html") == 0)
		n -= 5;
	while (n > 0 && out->data[n - 1] == '/')
		n--;
	out->data[n] = '\0';
	out->len = n;
}

/* Jekyll's :title and :name of a file: its stem, without a post's date. */
static void
S_perm_of(importer *im, item *it, const fm_node *root)
{
	const char *v = S_fm(root, "permalink"), *stem, *slash;
	buf pat, u;
	size_t n, k;
	int index;

	buf_init(&pat, BUF_MAX_PATH);
	buf_init(&u, BUF_MAX_PATH);
	slash = strchr(it->src, '/');
	if (v == NULL && slash != NULL)
		for (k = 0; im->pnames && im->pnames[k]; k++)
			if (strlen(im->pnames[k]) == (size_t)(slash - it->src) &&
			    memcmp(im->pnames[k], it->src, strlen(im->pnames[k]))
			    == 0)
				v = im->ppats[k];
	if (v == NULL)
		goto out;
	S_stem(it->src, &stem, &n, &index);
	if (strncmp(it->src, "posts/", 6) == 0 && n > 11 && stem[4] == '-' &&
	    stem[7] == '-' && stem[10] == '-') {
		stem += 11;
		n -= 11;
	}
	for (const char *p = v; *p; p++) {
		if (strncmp(p, ":title", 6) == 0 || strncmp(p, ":name", 5) == 0) {
			buf_add(&pat, stem, n);
			p += p[1] == 't' ? 5 : 4;
		} else {
			buf_putc(&pat, *p);
		}
	}
	S_norm_url(&u, pat.data);
	it->permalink = buf_detach(&u);
	buf_init(&u, BUF_MAX_PATH);
out:
	buf_free(&pat);
	buf_free(&u);
}

/* Jekyll's _config.yml: collections_dir, collections, include, exclude. */
static void
S_jekyll(importer *im)
{
	buf f, path;
	fm_doc doc = { NULL, 0, 0 };
	diag d;
	const char *v;

	buf_init(&f, FS_MAX_FILE);
	buf_init(&path, BUF_MAX_PATH);
	buf_printf(&path, "%s/_config.yml", im->src);
	buf_puts(&f, "---\n");
	im->jekyll = fs_read(path.data, FS_MAX_FILE, &f) == 0;
	buf_puts(&f, "\n---\n");
	diag_init(&d);
	if (im->jekyll && fm_parse(f.data, f.len, path.data, &d, &doc) < 0)
		doc.root = NULL;
	if (im->jekyll) {
		v = S_fm(doc.root, "collections_dir");
		im->cdir = v ? mem_strdup(v) : NULL;
		im->colls = S_list(doc.root ? fm_get(doc.root, "collections") :
		    NULL, "output", "posts");
		im->incl = S_list(doc.root ? fm_get(doc.root, "include") : NULL,
		    NULL, NULL);
		S_perm_patterns(im, doc.root ? fm_get(doc.root, "collections") :
		    NULL);
		im->excl = S_list(doc.root ? fm_get(doc.root, "exclude") : NULL,
		    NULL, NULL);
	}
	fm_free(doc.root);
	diag_free(&d);
	buf_free(&f);
	buf_free(&path);
}

static int
S_listed(char **l, const char *s, size_t n)
{
	for (size_t i = 0; l != NULL && l[i] != NULL; i++)
		if (strlen(l[i]) == n && memcmp(l[i], s, n) == 0)
			return 1;
	return 0;
}

/*
 * Where Jekyll puts the file f: "_mooc/x.md" (under collections_dir) is
 * "mooc/x.md" when mooc is a collection with output: true; an included
 * "_pages/x.md" is "x.md"; into out. Returns 0 when f is not content.
 */
static int
S_jekyll_path(const importer *im, const char *f, buf *out)
{
	const char *p = f, *slash = strchr(f, '/');
	size_t k = slash ? (size_t)(slash - f) : strlen(f);

	if (S_listed(im->excl, f, strlen(f)) || S_listed(im->excl, f, k))
		return 0;
	if (im->cdir != NULL && strncmp(f, im->cdir, strlen(im->cdir)) == 0 &&
	    f[strlen(im->cdir)] == '/')
		p = f + strlen(im->cdir) + 1;
	slash = strchr(p, '/');
	if (p[0] == '_' && slash != NULL &&
	    S_listed(im->colls, p + 1, (size_t)(slash - p - 1))) {
		buf_add(out, p + 1, strlen(p + 1));
		return 1;
	}
	if (f[0] == '_' && strchr(f, '/') != NULL && S_listed(im->incl, f, k)) {
		buf_puts(out, f + k + 1);
		return 1;
	}
	buf_puts(out, f);
	return 1;
}

/* Gather the source's files (import.h says which are content). */
static int
S_scan(importer *im)
{
	char **files = NULL;
	long n, i;

	n = fs_list(im->root, &files);
	if (n < 0)
		return -1;
	for (i = 0; i < n && im->n < IMPORT_MAX_FILES; i++) {
		const char *f = files[i], *p, *slash;
		int skip = 0, top = 1;
		buf logical;
		item *it;

		buf_init(&logical, BUF_MAX_PATH);
		if (im->jekyll && !S_jekyll_path(im, files[i], &logical))
			skip = 1;
		else if (!im->jekyll)
			buf_puts(&logical, files[i]);
		f = p = logical.data;

		while ((slash = strchr(p, '/')) != NULL) {
			size_t k = (size_t)(slash - p);

			if ((p[0] == '_' && !(top && k == 6 &&
			    memcmp(p, "_posts", 6) == 0)) ||
			    S_in(p, k, S_not_content))
				skip = 1;
			top = 0;
			p = slash + 1;
		}
		if (strchr(f, '/') == NULL && (strncasecmp(f, "README", 6) == 0 ||
		    strncasecmp(f, "LICENSE", 7) == 0 ||
		    strncasecmp(f, "CHANGELOG", 9) == 0 ||
		    strncasecmp(f, "CONTRIBUTING", 12) == 0 ||
		    strncasecmp(f, "404.", 4) == 0))
			skip = 1;
		it = S_add(im, f, skip ? K_SKIP : S_ends(f, S_md_ext) ? K_PAGE :
		    S_ends(f, S_asset_ext) ? K_ASSET : K_SKIP);
		free(it->file);
		it->file = mem_strdup(files[i]);
		buf_free(&logical);
	}
	for (i = 0; i < n; i++)
		free(files[i]);
	free(files);
	if (im->static_dir != NULL) {
		n = fs_list(im->static_dir, &files);
		for (i = 0; i < n && im->n < IMPORT_MAX_FILES; i++) {
			buf b;

			buf_init(&b, BUF_MAX_PATH);
			buf_printf(&b, "/%s", files[i]);
			S_add(im, b.data, S_ends(files[i], S_asset_ext) ?
			    K_ASSET : K_SKIP);
			buf_free(&b);
			free(files[i]);
		}
		free(files);
	}
	return 0;
}

/* Every page's own address (Jekyll's and Eleventy's permalink, Hugo's
 * url), for links written as addresses of the old site. */
static void
S_permalinks(importer *im)
{
	buf file, yaml, raw, path;

	buf_init(&file, SITE_MAX_MD);
	buf_init(&yaml, SITE_MAX_MD);
	buf_init(&raw, SITE_MAX_MD);
	buf_init(&path, BUF_MAX_PATH);
	for (size_t i = 0; i < im->n; i++) {
		item *it = &im->a[i];
		fm_doc doc = { NULL, 0, 0 };
		diag d;

		if (it->kind != K_PAGE || it->made)
			continue;
		buf_reset(&file);
		buf_reset(&yaml);
		buf_reset(&raw);
		buf_reset(&path);
		buf_printf(&path, "%s/%s", im->root, it->file);
		if (fs_read(path.data, SITE_MAX_MD, &file) < 0)
			continue;
		S_split(file.data, file.len, &yaml, &raw);
		diag_init(&d);
		if (yaml.len > 0) {
			buf_reset(&file);
			buf_printf(&file, "---\n%s\n---\n", yaml.data);
			if (fm_parse(file.data, file.len, path.data, &d, &doc) < 0)
				doc.root = NULL;
		}
		for (int k = 0; k < 2 && doc.root != NULL; k++) {
			const char *v = k == 0 ? S_fm(doc.root, "slug") : NULL;
			buf sl;

			if (k == 0 && v == NULL)
				v = S_fm(doc.root, "slugOverride");
			if (k == 1)
				v = S_fm(doc.root, "title");
			if (v == NULL)
				continue;
			buf_init(&sl, BUF_MAX_PATH);
			slug_make(&sl, v, strlen(v));
			if (k == 0)
				it->slug = buf_detach(&sl);
			else
				it->tslug = buf_detach(&sl);
		}
		if (doc.root != NULL && S_fm(doc.root, "permalink") == NULL &&
		    S_fm(doc.root, "url") != NULL) {
			/* Hugo's url: the same thing */
			buf u;

			buf_init(&u, BUF_MAX_PATH);
			S_norm_url(&u, S_fm(doc.root, "url"));
			it->permalink = buf_detach(&u);
		} else {
			S_perm_of(im, it, doc.root);
		}
		fm_free(doc.root);
		diag_free(&d);
	}
	buf_free(&file);
	buf_free(&yaml);
	buf_free(&raw);
	buf_free(&path);
}

int
import_run(const char *src, const char *site_dir)
{
	importer im;
	buf path, text, cfgp;
	long pages = 0, copied = 0, skipped = 0, there = 0, left = 0;
	long failed = 0;
	int status = 1;
	size_t i;

	memset(&im, 0, sizeof im);
	im.src = src;
	im.site = site_dir;
	buf_init(&path, BUF_MAX_PATH);
	buf_init(&text, SITE_MAX_MD * 2);
	buf_init(&cfgp, BUF_MAX_PATH);
	if (!fs_isdir(src)) {
		fprintf(stderr, msg("%s: erreur: dossier introuvable\n",
		    "%s: error: no such folder\n"), src);
		goto out;
	}
	S_jekyll(&im);
	buf_printf(&path, "%s/content", src);
	if (!im.jekyll && fs_isdir(path.data)) {
		/* A Hugo site: its pages are in content/, its static files
		 * in static/. */
		im.root = buf_detach(&path);
		buf_init(&path, BUF_MAX_PATH);
		buf_printf(&path, "%s/static", src);
		if (fs_isdir(path.data))
			im.static_dir = buf_detach(&path);
		else
			buf_free(&path);
		buf_init(&path, BUF_MAX_PATH);
	} else {
		im.root = mem_strdup(src);
	}
	if (S_scan(&im) < 0) {
		fprintf(stderr, msg("%s: erreur: lecture impossible : %s\n",
		    "%s: error: cannot read: %s\n"), im.root, strerror(errno));
		goto out;
	}
	S_map(&im);
	S_permalinks(&im);
	/* Never overwrite: every file it would write must be new. */
	for (i = 0; i < im.n; i++) {
		if (im.a[i].dst == NULL || im.a[i].kind == K_SKIP)
			continue;
		buf_reset(&path);
		buf_printf(&path, "%s/content/%s", site_dir, im.a[i].dst);
		if (fs_exists(path.data)) {
			fprintf(stderr, msg("%s: erreur: ce fichier existe déjà "
			    "(eystime n'écrase jamais un fichier)\n",
			    "%s: error: this file exists already (eystime "
			    "never overwrites a file)\n"), path.data);
			there++;
		}
	}
	if (there > 0) {
		fputs(msg("eystime: rien n'est importé : choisissez un dossier "
		    "nouveau (-d DOSSIER)\n", "eystime: nothing imported: "
		    "choose a new folder (-d DIR)\n"), stderr);
		goto out;
	}
	printf(msg("Correspondance des fichiers (%s → %s/content) :\n",
	    "Where the files go (%s → %s/content):\n"), im.root, site_dir);
	/* Pages first: their links mark the assets they use. */
	for (i = 0; i < im.n; i++) {
		item *it = &im.a[i];

		if (it->kind != K_PAGE)
			continue;
		buf_reset(&text);
		if (S_page(&im, it, NULL, 0, &text) < 0) {
			failed++;
			continue;
		}
		buf_reset(&path);
		buf_printf(&path, "%s/content/%s", site_dir, it->dst);
		if (fs_write(path.data, text.data, text.len) < 0) {
			fprintf(stderr, msg("%s: erreur: écriture impossible : "
			    "%s\n", "%s: error: cannot write: %s\n"),
			    path.data, strerror(errno));
			goto out;
		}
		if (it->made)
			printf(msg("  (nouveau)  → %s\n", "  (new)  → %s\n"),
			    it->dst);
		else
			printf("  %s → %s\n", it->file, it->dst);
		pages++;
	}
	for (i = 0; i < im.n; i++) {
		item *it = &im.a[i];
		const char *from = it->src[0] == '/' ? im.static_dir : im.root;

		if (it->kind != K_ASSET)
			continue;
		if (it->orphan && !it->used) {
			left++;
			continue;
		}
		buf_reset(&text);
		buf_printf(&text, "%s/%s", from, it->src[0] == '/' ?
		    it->src + 1 : it->file);
		buf_reset(&path);
		buf_printf(&path, "%s/content/%s", site_dir, it->dst);
		if (fs_copy(text.data, path.data) < 0) {
			fprintf(stderr, msg("%s: erreur: copie impossible : %s\n",
			    "%s: error: cannot copy: %s\n"), text.data,
			    strerror(errno));
			goto out;
		}
		printf("  %s%s → %s\n", it->src[0] == '/' ? "static" : "",
		    it->file, it->dst);
		copied++;
	}
	for (i = 0; i < im.n; i++)
		if (im.a[i].kind == K_SKIP)
			skipped++;
	buf_printf(&cfgp, "%s/site.lua", site_dir);
	if (!fs_exists(cfgp.data)) {
		char *t = S_site_title(&im);

		buf_reset(&text);
		buf_puts(&text, msg("-- Fait par eystime import depuis ",
		    "-- Made by eystime import from "));
		buf_puts(&text, src);
		buf_puts(&text, "\ntitle = ");
		S_quote(&text, t);
		buf_puts(&text, msg("\n-- Les pages importées n'ont ni durée ni "
		    "objectifs : ajoutez-les (duration:, objectives:),\n"
		    "-- puis enlevez ces deux règles.\n",
		    "\n-- The imported pages have no duration nor objectives: "
		    "add them (duration:, objectives:),\n-- then remove these "
		    "two rules.\n"));
		buf_puts(&text, "checks = {\n\tduree = \"pages importées, "
		    "durées à écrire\",\n\tobjectifs = \"pages importées, "
		    "objectifs à écrire\",\n}\n");
		free(t);
		if (fs_write(cfgp.data, text.data, text.len) < 0) {
			fprintf(stderr, msg("%s: erreur: écriture impossible : "
			    "%s\n", "%s: error: cannot write: %s\n"),
			    cfgp.data, strerror(errno));
			goto out;
		}
	}
	printf(msg("%ld pages écrites, %ld fichiers copiés, %ld fichiers "
	    "laissés de côté (ni Markdown, ni image, ni document), %ld images "
	    "ou documents qu'aucune page n'utilise ; %ld codes à revoir\n",
	    "%ld pages written, %ld files copied, %ld files left out (neither "
	    "Markdown, nor picture, nor document), %ld pictures or documents "
	    "no page uses; %ld codes to review\n"), pages, copied, skipped,
	    left, im.codes);
	status = failed > 0;
out:
	for (i = 0; i < im.n; i++) {
		free(im.a[i].src);
		free(im.a[i].file);
		free(im.a[i].permalink);
		free(im.a[i].slug);
		free(im.a[i].tslug);
		free(im.a[i].dst);
		free(im.a[i].title);
	}
	free(im.a);
	free(im.root);
	free(im.cdir);
	S_free_list(im.colls);
	S_free_list(im.incl);
	S_free_list(im.excl);
	S_free_list(im.pnames);
	S_free_list(im.ppats);
	free(im.static_dir);
	buf_free(&path);
	buf_free(&text);
	buf_free(&cfgp);
	return status;
}

int
import_convert(const char *data, size_t n, buf *out)
{
	importer im;
	item *it;
	int rc;

	memset(&im, 0, sizeof im);
	im.src = im.site = ".";
	im.root = mem_strdup(".");
	im.quiet = 1;
	it = S_add(&im, "page.md", K_PAGE);
	it->dst = mem_strdup("page.md");
	rc = S_page(&im, it, data, n, out);
	free(it->src);
	free(it->file);
	free(it->dst);
	free(im.a);
	free(im.root);
	return rc;
}
