#include "build.h"

#include <errno.h>
#include <malloc.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <lauxlib.h>
#include <sodium.h>

#include "../common/buf.h"
#include "../common/manifest.h"
#include "../common/text.h"
#include "check.h"
#include "config.h"
#include "diag.h"
#include "feed.h"
#include "fs.h"
#include "inc.h"
#include "md.h"
#include "par.h"
#include "site.h"
#include "theme.h"
#include "tpl.h"


typedef struct build_ctx {
	site s;
	tpl_set set;
	tpl_assets assets;
	tpl_engine *engines;   /* one per worker */
	md_labels labels;
	check_ctx check;       /* what the checks gather across pages */
	char *stage;           /* the staging folder */
	atomic_long done;      /* pages rendered, for the progress line */
	int progress;          /* print a progress line */
	long nfiles;           /* files other than pages written */
	/* The build cache (inc.h); none of it for eystime check. */
	int use_inc;           /* keep records of what is written */
	int incremental;       /* a previous build's records are in old:
	                        * write only what differs from out */
	const char *out;       /* the output folder */
	inc_cache cur;         /* this build's records, in build order */
	inc_cache old;         /* the previous build's */
	inc_kind kind;         /* of what S_write writes now */
	inc_rec *prec;         /* one per page, filled by its worker */
	char **quiz;           /* per page: its quiz lines of the manifest
	                        * (S_quiz_lines), or NULL */
	int *todo;             /* the pages to render */
	long ntodo;
} build_ctx;

/* dir/rel, without a leading "./" so messages show what the author
 * typed. The caller frees. */
char *
build_join(const char *dir, const char *rel)
{
	buf b;

	buf_init(&b, BUF_UNBOUNDED);
	if (strcmp(dir, ".") != 0)
		buf_printf(&b, "%s/", dir);
	buf_puts(&b, rel);
	return buf_detach(&b);
}

/* A text from the theme's i18n table, or dflt. */
static char *
S_i18n(const cfg *c, const char *key, const char *dflt)
{
	const char *s;
	char *r;

	lua_rawgeti(c->L, LUA_REGISTRYINDEX, c->i18n_ref);
	lua_getfield(c->L, -1, key);
	s = lua_tostring(c->L, -1);
	r = mem_strdup(s ? s : dflt);
	lua_pop(c->L, 2);
	return r;
}

static void
S_labels(build_ctx *b)
{
	static const char *const keys[MD_NCALLOUT] = {
		"callout_note", "callout_tip", "callout_important",
		"callout_warning", "callout_caution",
	};
	static const char *const dflt[MD_NCALLOUT] = {
		"Note", "Tip", "Important", "Warning", "Caution",
	};
	int k;

	for (k = 0; k < MD_NCALLOUT; k++)
		b->labels.callout[k] = S_i18n(&b->s.config, keys[k], dflt[k]);
	b->labels.footnote_back = S_i18n(&b->s.config, "footnote_back",
	    "Back to content");
	b->labels.quiz_show = S_i18n(&b->s.config, "quiz_show",
	    "Show the answer");
	b->labels.quiz_answer = S_i18n(&b->s.config, "quiz_answer",
	    "Right answer:");
	b->labels.table_label = S_i18n(&b->s.config, "table_label",
	    "Table %d: %s");
	b->labels.quiz_check = S_i18n(&b->s.config, "quiz_check", "Check");
}

static void
S_labels_free(md_labels *l)
{
	int k;

	for (k = 0; k < MD_NCALLOUT; k++)
		free((char *)l->callout[k]);
	free((char *)l->footnote_back);
	free((char *)l->quiz_show);
	free((char *)l->quiz_answer);
	free((char *)l->table_label);
	free((char *)l->quiz_check);
}

/* 1 when the file at path holds exactly data[0..n); *st is its stat. */
static int
S_same_bytes(const char *path, const char *data, size_t n, struct stat *st)
{
	char tmp[BUF_CHUNK];
	size_t off = 0;
	ssize_t k;
	int fd = open(path, O_RDONLY | O_CLOEXEC), same = 0;

	if (fd < 0)
		return 0;
	if (fstat(fd, st) < 0 || !S_ISREG(st->st_mode) ||
	    (uint64_t)st->st_size != (uint64_t)n)
		goto out;
	while ((k = read(fd, tmp, sizeof tmp)) > 0) {
		if ((size_t)k > n - off || memcmp(tmp, data + off,
		    (size_t)k) != 0)
			goto out;
		off += (size_t)k;
	}
	same = k == 0 && off == n;
out:
	close(fd);
	return same;
}

/*
 * Write rel into the staging folder. In an incremental build, a file of
 * the output that already holds these bytes is left as it is (its time
 * too): r then records it as it is. r (NULL for eystime check) notes what
 * was done.
 */
static int
S_put(build_ctx *b, inc_rec *r, const char *rel, const char *data, size_t n)
{
	char *path;
	int rc;

	if (r != NULL && b->incremental) {
		struct stat st;

		path = build_join(b->out, rel);
		rc = S_same_bytes(path, data, n, &st);
		free(path);
		if (rc) {
			inc_set_stat(r, &st);
			r->pending = 0;
			return 0;
		}
	}
	path = build_join(b->stage, rel);
	rc = fs_write(path, data, n);
	if (rc < 0)
		diag_add(b->s.d, DIAG_ERROR, path, 0, msg(
		    "écriture impossible : %s", "cannot write: %s"),
		    strerror(errno));
	free(path);
	if (r != NULL)
		r->pending = 1;
	return rc;
}

/* S_put for files other than pages (main thread only). */
static int
S_write(build_ctx *b, const char *rel, const char *data, size_t n)
{
	inc_rec *r = NULL;

	if (b->use_inc) {
		r = inc_add(&b->cur, rel);
		r->kind = b->kind;
	}
	return S_put(b, r, rel, data, n);
}

/*
 * A theme's stylesheet as browsers need it: its comments, the indents
 * and the empty lines dropped (lesson pages have a weight budget; the
 * theme's source keeps its comments). Strings are kept as they are.
 */
static void
S_css_strip(buf *d)
{
	size_t i = 0, o = 0, n = d->len;
	char *s = d->data, q = 0;
	int bol = 1;

	while (i < n) {
		if (q == 0 && s[i] == '/' && i + 1 < n && s[i + 1] == '*') {
			for (i += 2; i + 1 < n && !(s[i] == '*' && s[i + 1] ==
			    '/'); i++)
				;
			i = i + 2 < n ? i + 2 : n;
			continue;
		}
		if (q == 0 && bol && (s[i] == ' ' || s[i] == '\t' ||
		    s[i] == '\n')) {
			i++;
			continue;
		}
		if (q != 0 && s[i] == '\\' && i + 1 < n) {
			s[o++] = s[i++];
		} else if (q != 0 && s[i] == q) {
			q = 0;
		} else if (q == 0 && (s[i] == '"' || s[i] == '\'')) {
			q = s[i];
		}
		bol = s[i] == '\n';
		s[o++] = s[i++];
	}
	d->len = o;
	if (d->data != NULL)
		d->data[o] = '\0';
}

/*
 * Theme files go to static/ with a hash of their content in the name, so a
 * browser may keep them for ever: style.css → style.1a2b3c4d5e.css.
 * Stylesheets lose their comments on the way (S_css_strip).
 */
static int
S_theme_static(build_ctx *b)
{
	char **files = NULL, *dir = build_join(b->s.theme_dir, "static");
	long n, i;
	buf data, path, to;
	unsigned char h[8];
	const char *dot, *slash;
	int rc = 0;

	memset(&b->assets, 0, sizeof b->assets);
	b->kind = INC_FILE;
	n = fs_list(dir, &files);
	if (n < 0) {
		free(dir);
		return 0;
	}
	b->assets.from = mem_alloc(NULL, (size_t)(n + 1) * sizeof(char *));
	b->assets.to = mem_alloc(NULL, (size_t)(n + 1) * sizeof(char *));
	buf_init(&data, BUF_UNBOUNDED);
	buf_init(&path, BUF_UNBOUNDED);
	buf_init(&to, BUF_UNBOUNDED);
	for (i = 0; i < n; i++) {
		buf_reset(&data);
		buf_reset(&path);
		buf_reset(&to);
		buf_printf(&path, "%s/%s", dir, files[i]);
		if (fs_read(path.data, FS_MAX_FILE, &data) < 0) {
			diag_add(b->s.d, DIAG_ERROR, path.data, 0, msg(
			    "lecture impossible : %s", "cannot read: %s"),
			    strerror(errno));
			rc = -1;
			free(files[i]);
			continue;
		}
		dot = strrchr(files[i], '.');
		if (dot != NULL && strcmp(dot, ".css") == 0)
			S_css_strip(&data);
		crypto_generichash(h, sizeof h, (const unsigned char *)data.data,
		    data.len, NULL, 0);
		slash = strrchr(files[i], '/');
		dot = strrchr(slash ? slash : files[i], '.');
		if (dot == NULL || dot == (slash ? slash + 1 : files[i]))
			dot = files[i] + strlen(files[i]);
		buf_printf(&to, "static/%.*s.%02x%02x%02x%02x%02x%s",
		    (int)(dot - files[i]), files[i], h[0], h[1], h[2], h[3],
		    h[4], dot);
		if (S_write(b, to.data, data.data, data.len) < 0)
			rc = -1;
		b->assets.from[b->assets.n] = files[i];
		b->assets.to[b->assets.n] = buf_detach(&to);
		b->assets.n++;
		b->nfiles++;
	}
	free(files);
	free(dir);
	buf_free(&data);
	buf_free(&path);
	buf_free(&to);
	return rc;
}

/* 1 when the files at a and b hold the same bytes; *st is b's stat. */
static int
S_same_files(const char *a, const char *bpath, struct stat *st)
{
	buf x;
	int same;

	if (stat(a, st) < 0 || stat(bpath, st) < 0 || !S_ISREG(st->st_mode))
		return 0;
	buf_init(&x, BUF_UNBOUNDED);
	same = fs_read(a, BUF_UNBOUNDED, &x) == 0 &&
	    S_same_bytes(bpath, x.data, x.len, st);
	buf_free(&x);
	return same;
}

/*
 * In an incremental build, whether the copy of `from` at rel in the output
 * can stay: the source and the copy are as the cache saw them, or hold the
 * same bytes. Fills r's source and copy stats.
 */
static int
S_copy_kept(build_ctx *b, inc_rec *r, const char *from, const char *rel)
{
	const inc_rec *o;
	inc_rec src;
	struct stat st;
	char *to;
	int kept = 0;

	if (stat(from, &st) < 0)
		return 0;
	inc_set_stat(&src, &st);
	r->ssize = src.size;
	r->smtime_ns = src.mtime_ns;
	r->sino = src.ino;
	if (!b->incremental)
		return 0;
	to = build_join(b->out, rel);
	o = inc_find(&b->old, rel);
	if (o != NULL && o->kind == INC_COPY && o->ssize == src.size &&
	    o->smtime_ns == src.mtime_ns && o->sino == src.ino &&
	    lstat(to, &st) == 0 && inc_same_stat(o, &st)) {
		inc_set_stat(r, &st);
		kept = 1;
	} else if (S_same_files(from, to, &st)) {
		inc_set_stat(r, &st);
		kept = 1;
	}
	free(to);
	return kept;
}

/* Copy files[0..n) (paths under dir) to the same paths in the staging
 * folder. */
static int
S_copy_files(build_ctx *b, const char *dir, char *const *files, long n)
{
	long i;
	int rc = 0;

	for (i = 0; i < n; i++) {
		char *from = build_join(dir, files[i]);
		char *to;

		if (b->use_inc) {
			inc_rec *r = inc_add(&b->cur, files[i]);

			r->kind = INC_COPY;
			if (S_copy_kept(b, r, from, files[i])) {
				b->nfiles++;
				free(from);
				continue;
			}
			r->pending = 1;
		}
		to = build_join(b->stage, files[i]);
		if (fs_copy(from, to) < 0) {
			diag_add(b->s.d, DIAG_ERROR, from, 0, msg(
			    "copie impossible : %s", "cannot copy: %s"),
			    strerror(errno));
			rc = -1;
		}
		b->nfiles++;
		free(from);
		free(to);
	}
	return rc;
}

/*
 * Theme files that must keep their name and sit at the site's root: a
 * service worker (its scope is its folder), robots.txt, favicon.ico.
 * Files of the content with the same name win: they are copied after.
 */
static int
S_theme_root(build_ctx *b)
{
	char **files = NULL, *dir = build_join(b->s.theme_dir, "root");
	long n = fs_list(dir, &files), i;
	int rc = S_copy_files(b, dir, files, n);

	for (i = 0; i < n; i++)
		free(files[i]);
	free(files);
	free(dir);
	return rc;
}

static const char *
S_template_for(page_kind k)
{
	switch (k) {
	case PAGE_HOME: return "home";
	case PAGE_MODULE: return "module";
	case PAGE_LESSON: return "lesson";
	case PAGE_PLAIN: return "page";
	}
	return "page";
}

static void S_tsv(buf *out, const char *s);

/*
 * A lesson's quizzes as lines of the manifest (common/manifest.h, enum
 * manifest_quiz_field): kind, lesson, id, right answers, how many, the
 * question, the explanation, then each answer. NULL when it has none.
 * The caller frees.
 */
static char *
S_quiz_lines(const page *p, const md_out *md)
{
	buf out;
	int i, k, first;

	if (p->kind != PAGE_LESSON || md->nquiz == 0)
		return NULL;
	buf_init(&out, BUF_UNBOUNDED);
	for (i = 0; i < md->nquiz; i++) {
		const md_quiz *z = &md->quiz[i];

		buf_printf(&out, "%s\t%s\t%s\t", MANIFEST_KIND_QUIZ, p->id,
		    z->id);
		for (k = 0, first = 1; k < z->n; k++)
			if (z->right & (1u << k)) {
				buf_printf(&out, first ? "%d" : ",%d", k + 1);
				first = 0;
			}
		buf_printf(&out, "\t%d\t", z->n);
		S_tsv(&out, z->question);
		buf_putc(&out, '\t');
		S_tsv(&out, z->why);
		for (k = 0; k < z->n; k++) {
			buf_putc(&out, '\t');
			S_tsv(&out, z->choice[k]);
		}
		buf_putc(&out, '\n');
	}
	return buf_detach(&out);
}

/* One page, on worker w: Markdown, template, file. */
static void
S_render_one(void *ctx, int w, long i)
{
	build_ctx *b = ctx;
	page *p = &b->s.pages[i];
	buf file, html, rel;
	md_out md;
	long done;

	if (p->broken)
		return;
	buf_init(&file, SITE_MAX_MD);
	buf_init(&html, BUF_UNBOUNDED);
	buf_init(&rel, BUF_UNBOUNDED);
	if (fs_read(p->path, SITE_MAX_MD, &file) < 0) {
		diag_add(b->s.d, DIAG_ERROR, p->path, 0, msg(
		    "lecture impossible : %s", "cannot read: %s"),
		    strerror(errno));
		goto out;
	}
	if (p->body_off > file.len)
		p->body_off = file.len;
	check_source(&b->check, (int)i, file.data, file.len);
	md_render(&b->s, p, file.data + p->body_off, file.len - p->body_off,
	    &b->labels, &md);
	/* Each worker writes only its own page's slots. */
	b->quiz[i] = S_quiz_lines(p, &md);
	if (b->use_inc && b->quiz[i] != NULL) {
		b->prec[i].quiz = mem_strdup(b->quiz[i]);
		b->prec[i].nquiz = strlen(b->quiz[i]);
	}
	if (tpl_render(&b->engines[w], S_template_for(p->kind), (int)i, &md,
	    NULL, &html) == 0) {
		inc_rec *r = b->use_inc ? &b->prec[i] : NULL;

		check_page(&b->check, (int)i, S_template_for(p->kind), &md,
		    html.data, html.len);
		buf_printf(&rel, "%sindex.html", p->url);
		S_put(b, r, rel.data, html.data, html.len);
		if (r != NULL) {
			buf cd;

			buf_init(&cd, BUF_UNBOUNDED);
			check_page_save(&b->check, (int)i, &cd);
			r->ncheck = cd.len;
			r->check = buf_detach(&cd);
		}
	}
	md_out_free(&md);
out:
	buf_free(&file);
	buf_free(&html);
	buf_free(&rel);
	done = atomic_fetch_add(&b->done, 1) + 1;
	if (b->progress && w == 0 && done % 256 == 0)
		fprintf(stderr, "\r%ld/%d pages", done, b->s.npages);
}

/* Page todo[i], for par_for. */
static void
S_render_todo(void *ctx, int w, long i)
{
	build_ctx *b = ctx;

	S_render_one(ctx, w, b->todo[i]);
}

/*
 * Pages that are not in the content are served at other depths: 404.html
 * anywhere, the page shell by eystime-cgi under the api prefix (it puts
 * its title and content in place of the markers, docs/cgi.md). Their
 * links start from the site's path (base_url's, or "/").
 */
static void
S_render_special(build_ctx *b, const char *name, const char *title,
	const char *out)
{
	tpl_engine *e = &b->engines[0];
	buf html;

	e->abs_base = b->s.config.root;
	buf_init(&html, BUF_UNBOUNDED);
	if (tpl_render(e, name, -1, NULL, title, &html) == 0)
		S_write(b, out, html.data, html.len);
	e->abs_base = NULL;
	buf_free(&html);
}

/* A module folder or a plain page of that name exists. */
static int
S_reserved_clash(const site *s, const char *slug)
{
	int i;

	for (i = 0; i < s->npages; i++)
		if (strcmp(s->pages[i].id, slug) == 0)
			return 1;
	return 0;
}

/* S_params_note names the S_NOTE_SHOWN keys most pages have, and knows
 * up to S_NOTE_KEYS distinct ones. */
#define S_NOTE_SHOWN 8
#define S_NOTE_KEYS 256

typedef struct note_key {
	const char *key;
	int pages;
	int shown; /* a template names it (tpl_params_named) */
} note_key;

/* Keys no template shows first, most pages first, then by name. */
static int
S_note_cmp(const void *x, const void *y)
{
	const note_key *a = x, *b = y;

	if (a->shown != b->shown)
		return a->shown ? 1 : -1;
	if (a->pages != b->pages)
		return a->pages > b->pages ? -1 : 1;
	return strcmp(a->key, b->key);
}

/*
 * Front matter that no template shows is not lost without a word (issue
 * 17, case 9): one note for the whole site lists the keys of page.params
 * that the theme's templates never name (tpl_params_named), with how many
 * pages have each, at the first page that has one. The templates are read
 * once per distinct key: O(keys in all pages × S_NOTE_KEYS) besides.
 */
static void
S_params_note(build_ctx *b)
{
	const site *s = &b->s;
	note_key keys[S_NOTE_KEYS];
	const page *first = NULL;
	int nkeys = 0, nhidden = 0, npages = 0, line = 0, i, k, seen;
	size_t j;
	buf m;

	for (i = 0; i < s->npages; i++) {
		const fm_node *fm = s->pages[i].fm;

		seen = 0;
		for (j = 0; fm != NULL && j + 1 < fm->n; j += 2) {
			const char *key = fm->kids[j]->str;

			if (site_field_find(key) != NULL)
				continue;
			for (k = 0; k < nkeys && strcmp(keys[k].key, key); k++)
				;
			if (k == nkeys) {
				if (nkeys == S_NOTE_KEYS)
					continue;
				keys[k].key = key;
				keys[k].pages = 0;
				keys[k].shown = tpl_params_named(&b->set, key);
				nhidden += !keys[k].shown;
				nkeys++;
			}
			if (keys[k].shown)
				continue;
			keys[k].pages++;
			if (first == NULL) {
				first = &s->pages[i];
				line = fm->kids[j]->line;
			}
			seen = 1;
		}
		npages += seen;
	}
	if (first == NULL)
		return;
	buf_init(&m, BUF_MAX_SHORT);
	buf_printf(&m, msg("%d page%s %s dans l'en-tête des champs que le "
	    "thème n'affiche pas : ", "%d page%s %s front-matter fields that "
	    "the theme does not show: "), npages, npages > 1 ? "s" : "",
	    npages > 1 ? msg("ont", "have") : msg("a", "has"));
	qsort(keys, (size_t)nkeys, sizeof *keys, S_note_cmp);
	for (k = 0; k < nhidden && k < S_NOTE_SHOWN; k++)
		buf_printf(&m, "%s%s (%d)", k ? ", " : "", keys[k].key,
		    keys[k].pages);
	if (nhidden > S_NOTE_SHOWN)
		buf_printf(&m, msg(" et %s%d autre%s", " and %s%d other%s"),
		    nkeys == S_NOTE_KEYS ? msg("au moins ", "at least ") : "",
		    nhidden - S_NOTE_SHOWN, nhidden - S_NOTE_SHOWN > 1 ? "s" :
		    "");
	buf_puts(&m, msg(". Ils restent pour les gabarits (page.params) ; "
	    "pour qu'on les lise, écrivez-les dans le texte de la page, ou "
	    "montrez-les dans un gabarit du thème",
	    ". They are kept for templates (page.params); for readers to "
	    "see them, write them in the page's text, or show them in a "
	    "template of the theme"));
	diag_add(s->d, DIAG_NOTE, first->path, line, "%s", m.data);
	buf_free(&m);
}

/* A TSV field: tabs, newlines and other controls become spaces. */
static void
S_tsv(buf *out, const char *s)
{
	for (; s != NULL && *s != '\0'; s++)
		buf_putc(out, (unsigned char)*s < 0x20 ? ' ' : *s);
}

/*
 * The manifest the CGI reads (docs/manifest.md, common/manifest.h): one
 * line per module and lesson, in course order: kind, id, module id, url,
 * title; a lesson's duration in minutes after them; after a lesson, its
 * quizzes. Written once the pages are
 * rendered (the quizzes are in their Markdown), at each build, and left
 * as it is in the output when its bytes did not change.
 */
static void
S_manifest(build_ctx *b)
{
	const site *s = &b->s;
	buf out;
	int i;

	buf_init(&out, BUF_UNBOUNDED);
	buf_puts(&out, MANIFEST_HEADER "\n");
	/* In the order of enum manifest_site_field. */
	buf_printf(&out, "%s\t%s\t%s\t%s\t", MANIFEST_KIND_SITE,
	    s->config.language, s->config.api, s->config.root);
	S_tsv(&out, s->config.title);
	buf_putc(&out, '\n');
	for (i = 0; i < s->npages; i++) {
		const page *p = &s->pages[i];

		if (p->kind != PAGE_MODULE && p->kind != PAGE_LESSON)
			continue;
		/* In the order of enum manifest_field. */
		buf_printf(&out, "%s\t%s\t%s\t%s\t",
		    p->kind == PAGE_MODULE ? MANIFEST_KIND_MODULE :
		    MANIFEST_KIND_LESSON, p->id,
		    p->kind == PAGE_LESSON ? s->pages[p->module].id : p->id,
		    p->url);
		S_tsv(&out, p->title);
		/* MANIFEST_F_MINUTES: after the title, so that a reader that
		 * knows only the first five fields ignores it. */
		if (p->kind == PAGE_LESSON)
			buf_printf(&out, "\t%d", p->duration);
		buf_putc(&out, '\n');
		if (b->quiz[i] != NULL)
			buf_puts(&out, b->quiz[i]);
	}
	S_write(b, MANIFEST_FILE, out.data, out.len);
	b->nfiles++;
	buf_free(&out);
}

/*
 * The search page, when the theme has a search template: at the address
 * the theme's i18n names (search_slug, "recherche" in French), with its
 * index beside it for the instant search: index.json, a list of
 * [title, url from the root, kind, context].
 */
static void
S_search(build_ctx *b)
{
	const site *s = &b->s;
	char *slug, *title;
	buf path, json;
	int i, n = 0;

	if (!tpl_has(&b->set, "search"))
		return;
	slug = S_i18n(&s->config, "search_slug", "search");
	title = S_i18n(&s->config, "search_title", "Search");
	buf_init(&path, BUF_MAX_PATH);
	buf_printf(&path, "%s.md", slug);
	if (site_find(s, path.data) >= 0 || S_reserved_clash(s, slug)) {
		diag_add(s->d, DIAG_ERROR, path.data, 0, "%s", msg(
		    "ce nom est pris par la page de recherche du thème : "
		    "choisissez-en un autre", "this name is taken by the "
		    "theme's search page: choose another one"));
		goto out;
	}
	buf_reset(&path);
	buf_printf(&path, "%s/", slug);
	b->engines[0].special_url = path.data;
	buf_init(&json, BUF_UNBOUNDED);
	if (tpl_render(&b->engines[0], "search", -1, NULL, title,
	    &json) == 0) {
		buf_puts(&path, "index.html");
		S_write(b, path.data, json.data, json.len);
		b->nfiles++;
	}
	b->engines[0].special_url = NULL;
	buf_reset(&json);
	buf_putc(&json, '[');
	for (i = 0; i < s->npages; i++) {
		const page *p = &s->pages[i];

		if (p->kind != PAGE_LESSON && p->kind != PAGE_MODULE)
			continue;
		buf_puts(&json, n++ ? ",\n[\"" : "\n[\"");
		json_escape(&json, p->title);
		buf_puts(&json, "\",\"");
		json_escape(&json, p->url);
		buf_printf(&json, "\",\"%s\",\"", site_kind_name(p->kind));
		json_escape(&json, p->kind == PAGE_LESSON ?
		    s->pages[p->module].title : p->summary ? p->summary : "");
		buf_puts(&json, "\"]");
	}
	for (i = 0; s->glossary.page >= 0 && i < s->glossary.n; i++) {
		const gloss_term *t = &s->glossary.a[i];

		buf_puts(&json, n++ ? ",\n[\"" : "\n[\"");
		json_escape(&json, t->term);
		buf_puts(&json, "\",\"");
		json_escape(&json, s->pages[s->glossary.page].url);
		buf_putc(&json, '#');
		json_escape(&json, t->anchor);
		buf_puts(&json, "\",\"term\",\"");
		json_escape(&json, t->def);
		buf_puts(&json, "\"]");
	}
	buf_puts(&json, "\n]\n");
	buf_reset(&path);
	buf_printf(&path, "%s/index.json", slug);
	S_write(b, path.data, json.data, json.len);
	b->nfiles++;
	buf_free(&json);
out:
	buf_free(&path);
	free(slug);
	free(title);
}

static void
S_xml(build_ctx *b)
{
	buf out;

	if (b->s.config.base_url == NULL)
		return;
	buf_init(&out, BUF_UNBOUNDED);
	if (feed_sitemap(&b->s, &out) == 0)
		S_write(b, "sitemap.xml", out.data, out.len);
	buf_reset(&out);
	if (feed_atom(&b->s, &out) == 0)
		S_write(b, "feed.xml", out.data, out.len);
	b->nfiles += 2;
	buf_free(&out);
}

/*
 * The output may be replaced only when it does not exist, is an empty
 * folder, or was made by eystime: `-d ~` must never wipe a home folder.
 */
static int
S_replaceable(const char *out)
{
	char *marker;
	int ok;

	if (!fs_exists(out))
		return 1;
	marker = build_join(out, MANIFEST_FILE);
	ok = fs_exists(marker);
	free(marker);
	return ok || rmdir(out) == 0;
}

/* Put the staging folder in the output's place in one step. */
static int
S_swap(build_ctx *b, const char *out)
{
	if (!fs_exists(out))
		return rename(b->stage, out);
	if (renameat2(AT_FDCWD, b->stage, AT_FDCWD, out, RENAME_EXCHANGE) < 0)
		return -1;
	/* The staging path now holds the previous output. */
	return fs_rmtree(b->stage);
}

/* eystime check writes the site in a temporary folder, then drops it:
 * it never touches the output. The caller frees; NULL on failure. */
static char *
S_check_stage(void)
{
	const char *tmp = getenv("TMPDIR");
	buf b;

	buf_init(&b, BUF_UNBOUNDED);
	buf_printf(&b, "%s/eystime-check-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (mkdtemp(b.data) == NULL) {
		buf_free(&b);
		return NULL;
	}
	return buf_detach(&b);
}

/* ".NAME.what" beside out (NAME its last part), on the same file
 * system: the staging folder, the build cache. The caller frees. */
static char *
S_beside(const char *out, const char *what)
{
	const char *slash = strrchr(out, '/');
	buf b;

	buf_init(&b, BUF_UNBOUNDED);
	if (slash != NULL)
		buf_printf(&b, "%.*s/.%s.%s", (int)(slash - out), out,
		    slash + 1, what);
	else
		buf_printf(&b, ".%s.%s", out, what);
	return buf_detach(&b);
}

/* A staging folder beside out. */
static char *
S_stage_path(const char *out)
{
	char what[64];

	snprintf(what, sizeof what, "staging-%ld", (long)getpid());
	return S_beside(out, what);
}

static double
S_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int
S_check_templates(build_ctx *b)
{
	static const char *const need[] = {
		"home", "module", "lesson", "page", "404", "shell", NULL,
	};
	int k, rc = 0;

	for (k = 0; need[k] != NULL; k++) {
		if (tpl_has(&b->set, need[k]))
			continue;
		diag_add(b->s.d, DIAG_ERROR, b->s.theme_dir, 0, msg(
		    "le thème n'a pas de gabarit templates/%s.html",
		    "the theme has no template templates/%s.html"), need[k]);
		rc = -1;
	}
	return rc;
}

/* ------------------------------------------------------------------ */
/* Incremental builds */

/* The build cache of out: beside it, on the same file system, so that it
 * is never part of the site. The caller frees. */
static char *
S_cache_path(const char *out)
{
	return S_beside(out, "eystime-cache");
}

static void
S_hash_file(buf *h, const char *path)
{
	buf data;

	buf_init(&data, BUF_UNBOUNDED);
	inc_put_str(h, path);
	if (fs_read(path, FS_MAX_FILE, &data) < 0)
		inc_put_u32(h, 0xffffffffu);
	else
		inc_put_u32(h, (uint32_t)data.len);
	buf_add(h, data.data, data.len);
	buf_free(&data);
}

/*
 * The digest of what every page may see, into b->cur.global: this
 * program, the options, site.lua, every file of the theme (templates,
 * partials, layouts, i18n, static, root), and of every page what other
 * pages can read of it through `site` (templates may walk all of it):
 * its place, kind and front matter, the order and neighbours, the
 * glossary (made of front matters), the content's other files' names.
 * Bodies are not in it: only the page itself reads its body.
 */
static void
S_global(build_ctx *b, const build_opts *o, const char *cfg_path)
{
	const site *s = &b->s;
	struct stat st;
	char **files = NULL;
	long n, i;
	int k;
	buf h;

	buf_init(&h, BUF_UNBOUNDED);
	buf_puts(&h, "eystime " EYSTIME_VERSION "\n");
	/* Another build of eystime may render differently. */
	if (stat("/proc/self/exe", &st) == 0) {
		inc_rec x;

		inc_set_stat(&x, &st);
		buf_add(&h, &x.size, sizeof x.size);
		buf_add(&h, &x.mtime_ns, sizeof x.mtime_ns);
		buf_add(&h, &x.ino, sizeof x.ino);
	}
	inc_put_u32(&h, (uint32_t)o->drafts);
	S_hash_file(&h, cfg_path);
	inc_put_str(&h, s->theme_dir);
	/* Read by its name, even when it is a link (fs_list skips links). */
	{
		buf i18n;

		buf_init(&i18n, BUF_UNBOUNDED);
		buf_printf(&i18n, "%s/i18n/%s.lua", s->theme_dir,
		    s->config.language);
		S_hash_file(&h, i18n.data);
		buf_free(&i18n);
	}
	n = fs_list(s->theme_dir, &files);
	for (i = 0; i < n; i++) {
		char *path = build_join(s->theme_dir, files[i]);

		S_hash_file(&h, path);
		free(path);
		free(files[i]);
	}
	free(files);
	inc_put_u32(&h, (uint32_t)s->npages);
	for (k = 0; k < s->npages; k++) {
		const page *p = &s->pages[k];
		int j;

		inc_put_str(&h, p->src);
		inc_put_u32(&h, (uint32_t)p->kind);
		inc_put_u32(&h, (uint32_t)p->broken);
		inc_put_u32(&h, (uint32_t)p->draft);
		buf_add(&h, p->fm_hash, sizeof p->fm_hash);
		inc_put_u32(&h, (uint32_t)p->module);
		inc_put_u32(&h, (uint32_t)p->prev);
		inc_put_u32(&h, (uint32_t)p->next);
		inc_put_u32(&h, (uint32_t)p->nlessons);
		for (j = 0; j < p->nlessons; j++)
			inc_put_u32(&h, (uint32_t)p->lessons[j]);
	}
	inc_put_u32(&h, (uint32_t)s->home);
	inc_put_u32(&h, (uint32_t)s->nmodules);
	for (k = 0; k < s->nmodules; k++)
		inc_put_u32(&h, (uint32_t)s->modules[k]);
	inc_put_u32(&h, (uint32_t)s->nplain);
	for (k = 0; k < s->nplain; k++)
		inc_put_u32(&h, (uint32_t)s->plain[k]);
	inc_put_u32(&h, (uint32_t)s->nassets);
	for (i = 0; i < s->nassets; i++)
		inc_put_str(&h, s->assets[i]);
	crypto_generichash(b->cur.global, INC_HASH,
	    (const unsigned char *)h.data, h.len, NULL, 0);
	buf_free(&h);
}

/* The time of st's last change, in ns. */
static uint64_t
S_ctime_ns(const struct stat *st)
{
	return (uint64_t)st->st_ctim.tv_sec * 1000000000u +
	    (uint64_t)st->st_ctim.tv_nsec;
}

/*
 * site.known: page p's file is as the previous build read it (the same
 * size, times and inode), and it had not changed for a while when that
 * build began, so it could not change again within the same tick of the
 * file system's clock unseen (git's "racily clean" entries). Then what
 * that build read of it comes back, and the file is not read again.
 */
#define BUILD_RACY_NS 200000000u /* 0.2 s */

static int
S_known(void *ctx, page *p, const struct stat *st)
{
	build_ctx *b = ctx;
	const inc_rec *o;
	inc_rec now;
	buf rel;

	buf_init(&rel, BUF_UNBOUNDED);
	buf_printf(&rel, "%sindex.html", p->url);
	o = inc_find(&b->old, rel.data);
	buf_free(&rel);
	inc_set_stat(&now, st);
	if (o == NULL || o->kind != INC_PAGE || o->src == NULL ||
	    strcmp(o->src, p->src) != 0 || o->fm == NULL ||
	    o->ssize != now.size || o->smtime_ns != now.mtime_ns ||
	    o->sino != now.ino || o->sctime_ns != S_ctime_ns(st) ||
	    o->sctime_ns + BUILD_RACY_NS >= b->old.scan_ns ||
	    o->smtime_ns + BUILD_RACY_NS >= b->old.scan_ns)
		return 0;
	if ((p->fm = site_fm_load(o->fm, o->nfm)) == NULL)
		return 0;
	memcpy(p->hash, o->hash, sizeof p->hash);
	memcpy(p->fm_hash, o->fm_hash, sizeof p->fm_hash);
	p->body_off = o->body_off;
	p->body_line = (int)o->body_line;
	return 1;
}

/* A page's inputs: the site-wide digest, its source and whole file, and
 * whether it is checked whole. */
static void
S_page_digest(build_ctx *b, int pi, unsigned char *out)
{
	const page *p = &b->s.pages[pi];
	crypto_generichash_state st;
	unsigned char sample = (unsigned char)check_page_sampled(&b->check,
	    pi);

	crypto_generichash_init(&st, NULL, 0, INC_HASH);
	crypto_generichash_update(&st, b->cur.global, INC_HASH);
	crypto_generichash_update(&st, (const unsigned char *)p->src,
	    strlen(p->src) + 1);
	crypto_generichash_update(&st, p->hash, sizeof p->hash);
	crypto_generichash_update(&st, &sample, 1);
	crypto_generichash_final(&st, out, INC_HASH);
}

/*
 * Which pages to render: in a clean build all of them; in an incremental
 * one those whose inputs changed, whose file in the output is not as the
 * cache left it, or whose check data cannot be put back.
 */
static void
S_plan_one(void *ctx, int w, long i)
{
	build_ctx *b = ctx;
	int pi = (int)i;
	const page *p = &b->s.pages[pi];
	inc_rec *r = &b->prec[pi], *o, now;
	struct stat st;
	buf rel, path;

	(void)w;
	buf_init(&rel, BUF_UNBOUNDED);
	buf_init(&path, BUF_UNBOUNDED);
	r->kind = INC_PAGE;
	r->src = mem_strdup(p->src);
	S_page_digest(b, pi, r->digest);
	buf_printf(&rel, "%sindex.html", p->url);
	r->rel = mem_strdup(rel.data);
	o = b->incremental ? inc_find(&b->old, rel.data) : NULL;
	/* What the next build may take instead of reading the file:
	 * the previous build's record when this one took it from there
	 * (S_known), else made anew. */
	if (p->known && o != NULL && o->fm != NULL) {
		r->ssize = o->ssize;
		r->smtime_ns = o->smtime_ns;
		r->sino = o->sino;
		r->sctime_ns = o->sctime_ns;
		memcpy(r->hash, o->hash, INC_HASH);
		memcpy(r->fm_hash, o->fm_hash, INC_HASH);
		r->body_off = o->body_off;
		r->body_line = o->body_line;
		r->fm = o->fm;
		r->nfm = o->nfm;
		o->fm = NULL;
		o->nfm = 0;
	} else if (p->has_st && p->fm != NULL) {
		buf fm;

		inc_set_stat(&now, &p->st);
		r->ssize = now.size;
		r->smtime_ns = now.mtime_ns;
		r->sino = now.ino;
		r->sctime_ns = S_ctime_ns(&p->st);
		memcpy(r->hash, p->hash, INC_HASH);
		memcpy(r->fm_hash, p->fm_hash, INC_HASH);
		r->body_off = (uint32_t)p->body_off;
		r->body_line = (uint32_t)p->body_line;
		buf_init(&fm, BUF_UNBOUNDED);
		site_fm_save(p->fm, &fm);
		r->nfm = fm.len;
		r->fm = buf_detach(&fm);
	}
	if (o == NULL || o->kind != INC_PAGE || o->src == NULL ||
	    strcmp(o->src, p->src) != 0 ||
	    memcmp(o->digest, r->digest, INC_HASH) != 0)
		goto render;
	buf_printf(&path, "%s/%s", b->out, rel.data);
	if (lstat(path.data, &st) < 0 || !inc_same_stat(o, &st) ||
	    check_page_load(&b->check, pi, o->check, o->ncheck) < 0)
		goto render;
	inc_set_stat(r, &st);
	r->check = o->check;
	r->ncheck = o->ncheck;
	o->check = NULL;
	o->ncheck = 0;
	/* Not rendered: its quizzes, for the manifest, from the cache. */
	r->quiz = o->quiz;
	r->nquiz = o->nquiz;
	o->quiz = NULL;
	o->nquiz = 0;
	b->quiz[pi] = r->quiz != NULL ? mem_strdup(r->quiz) : NULL;
	goto out;
render:
	r->pending = 1; /* to render (S_put sets it again) */
out:
	buf_free(&rel);
	buf_free(&path);
}

/* Each page is planned on its own (in parallel: a stat, a digest, its
 * check data); then the list of those to render, in page order. */
static void
S_plan(build_ctx *b, int jobs)
{
	int pi;

	b->prec = mem_alloc(NULL, ((size_t)b->s.npages + 1) * sizeof *b->prec);
	memset(b->prec, 0, ((size_t)b->s.npages + 1) * sizeof *b->prec);
	b->todo = mem_alloc(NULL, ((size_t)b->s.npages + 1) * sizeof(int));
	par_for(b->s.npages, jobs, S_plan_one, b);
	for (pi = 0; pi < b->s.npages; pi++)
		if (b->prec[pi].pending)
			b->todo[b->ntodo++] = pi;
}

/* The pages' records join this build's, in page order. */
static void
S_merge_pages(build_ctx *b)
{
	int pi;

	for (pi = 0; pi < b->s.npages; pi++) {
		inc_rec *d;

		if (b->prec[pi].rel == NULL)
			continue;
		d = inc_add(&b->cur, b->prec[pi].rel);
		free(d->rel);
		*d = b->prec[pi];
		memset(&b->prec[pi], 0, sizeof b->prec[pi]);
	}
}

/*
 * The files made from the site-wide inputs alone (404, shell, manifest,
 * search, sitemap, feed) can stay when those inputs did not change and
 * the files are as the cache left them: their records are carried over.
 */
static int
S_keep_globals(build_ctx *b)
{
	long i, n = 0;
	struct stat st;
	int ok = 1;

	if (!b->incremental || memcmp(b->old.global, b->cur.global,
	    INC_HASH) != 0)
		return 0;
	for (i = 0; ok && i < b->old.n; i++) {
		const inc_rec *o = &b->old.a[i];
		char *path;

		if (o->kind != INC_GLOBAL)
			continue;
		path = build_join(b->out, o->rel);
		ok = lstat(path, &st) == 0 && inc_same_stat(o, &st);
		free(path);
		n++;
	}
	/* Every build makes some (404.html at least). */
	ok = ok && n > 0;
	for (i = 0; ok && i < b->old.n; i++) {
		const inc_rec *o = &b->old.a[i];
		inc_rec *r;

		if (o->kind != INC_GLOBAL)
			continue;
		r = inc_add(&b->cur, o->rel);
		r->kind = INC_GLOBAL;
		r->size = o->size;
		r->mtime_ns = o->mtime_ns;
		r->ino = o->ino;
	}
	return ok;
}

/* Record the output's files as they now are. */
static int
S_stat_outputs(build_ctx *b)
{
	struct stat st;
	long i;
	int rc = 0;

	for (i = 0; i < b->cur.n; i++) {
		inc_rec *r = &b->cur.a[i];
		char *path;

		if (!r->pending || !inc_is_winner(&b->cur, i))
			continue;
		path = build_join(b->out, r->rel);
		if (lstat(path, &st) == 0)
			inc_set_stat(r, &st);
		else
			rc = -1;
		free(path);
	}
	return rc;
}

/* Remove rel's folders under out that are left empty. */
static void
S_prune(const char *out, const char *rel)
{
	buf path;
	char *slash;

	buf_init(&path, BUF_UNBOUNDED);
	buf_printf(&path, "%s/%s", out, rel);
	while ((slash = strrchr(path.data, '/')) != NULL &&
	    (size_t)(slash - path.data) > strlen(out)) {
		*slash = '\0';
		if (rmdir(path.data) < 0)
			break;
	}
	buf_free(&path);
}

/*
 * eystime check's last line: how many pages were checked, and of those
 * not, how many and why, so that no page is left out without a word.
 */
static void
S_summary(build_ctx *b, int nerr, int nwarn)
{
	int ncontent, nwhole, broken = 0, k, left;

	check_counts(&b->check, &ncontent, &nwhole);
	for (k = 0; k < b->s.npages; k++)
		broken += b->s.pages[k].broken;
	printf(msg("%d pages vérifiées : %d %s, %d %s", "%d pages checked: "
	    "%d %s, %d %s"), ncontent, nerr, msg(nerr > 1 ? "erreurs" :
	    "erreur", nerr == 1 ? "error" : "errors"), nwarn, msg(nwarn > 1 ?
	    "avertissements" : "avertissement", nwarn == 1 ? "warning" :
	    "warnings"));
	left = b->s.npages - ncontent - broken;
	if (left < 0)
		left = 0;
	if (broken > 0 || b->s.nrefused > 0 || left > 0) {
		k = broken + b->s.nrefused + left;
		printf(k > 1 ? msg(" ; %d non vérifiées :", "; %d not "
		    "checked:") : msg(" ; %d non vérifiée :", "; %d not "
		    "checked:"), k);
		if (broken > 0)
			printf(msg(" %d à l'en-tête (front matter) fautive,",
			    " %d with a faulty front matter,"), broken);
		if (b->s.nrefused > 0)
			printf(b->s.nrefused > 1 ? msg(" %d fichiers .md qui ne "
			    "peuvent pas être des pages,", " %d .md files that "
			    "cannot be pages,") : msg(" %d fichier .md qui ne "
			    "peut pas être une page,", " %d .md file that cannot "
			    "be a page,"), b->s.nrefused);
		if (left > 0)
			printf(msg(" %d au contenu illisible,",
			    " %d whose content could not be read,"), left);
		printf("%s", msg(" voir leurs erreurs", " see their errors"));
	}
	if (b->s.ndrafts > 0)
		printf(b->s.ndrafts > 1 ? msg(" ; %d brouillons (draft) "
		    "laissés de côté", "; %d drafts left out") : msg(" ; %d "
		    "brouillon (draft) laissé de côté", "; %d draft left out"),
		    b->s.ndrafts);
	if (nwhole < ncontent)
		printf(msg(" ; le thème vérifié sur %d d'entre elles (un "
		    "échantillon)", "; the theme checked on %d of them (a "
		    "sample)"), nwhole);
	printf("\n");
}

/*
 * Put an incremental build in place: remove the files the site no longer
 * has, move the written ones from the staging folder into the output.
 * Every page rendered and was checked before this. The cache goes first,
 * so that if this is cut short the next build is a clean one.
 */
static int
S_commit(build_ctx *b, const char *cache)
{
	long i;
	long nw = 0;
	int rc = 0;

	if (unlink(cache) < 0 && errno != ENOENT)
		return -1;
	for (i = 0; i < b->old.n; i++) {
		const inc_rec *o = &b->old.a[i];
		char *path;

		if (inc_find(&b->cur, o->rel) != NULL)
			continue;
		path = build_join(b->out, o->rel);
		if (unlink(path) == 0)
			S_prune(b->out, o->rel);
		free(path);
	}
	for (i = 0; i < b->cur.n; i++) {
		inc_rec *r = &b->cur.a[i];
		char *from, *to, *slash;

		if (!r->pending || !inc_is_winner(&b->cur, i))
			continue;
		from = build_join(b->stage, r->rel);
		to = build_join(b->out, r->rel);
		if ((slash = strrchr(to, '/')) != NULL) {
			*slash = '\0';
			fs_mkdirs(to);
			*slash = '/';
		}
		if (rename(from, to) < 0) {
			diag_add(b->s.d, DIAG_ERROR, to, 0, msg(
			    "remplacement impossible : %s",
			    "cannot replace: %s"), strerror(errno));
			rc = -1;
		}
		nw++;
		free(from);
		free(to);
	}
	b->nfiles = nw;
	return rc;
}

int
build_run(const build_opts *o)
{
	build_ctx b;
	diag d;
	check_opts co;
	char *cfg_path, *out, *tdir, *cache = NULL;
	buf searched;
	double t0 = S_now();
	long pi;
	int k, nengines = 0, status = 1, checked = 0, nerr, nwarn;

	memset(&b, 0, sizeof b);
	diag_init(&d);
	d.strict = o->strict;
	b.s.d = &d;
	b.s.dir = mem_strdup(o->site_dir);
	b.s.drafts = o->drafts;
	out = o->out_dir ? mem_strdup(o->out_dir) : build_join(o->site_dir,
	    "public");
	/* "-d out/" is out: its cache and staging folder sit beside it. */
	for (pi = (long)strlen(out); pi > 1 && out[pi - 1] == '/'; pi--)
		out[pi - 1] = '\0';
	b.out = out;
	inc_init(&b.cur);
	inc_init(&b.old);
	cfg_path = build_join(o->site_dir, "site.lua");
	if (sodium_init() < 0 || cfg_load(&b.s.config, cfg_path, &d) < 0)
		goto done;
	buf_init(&searched, BUF_MAX_TEXT);
	b.s.theme_dir = theme_find(o->site_dir, o->themes, b.s.config.theme,
	    &searched);
	if (b.s.theme_dir == NULL) {
		diag_add(&d, DIAG_ERROR, cfg_path, 0, msg(
		    "thème « %s » introuvable ; cherché dans : %s",
		    "theme \"%s\" not found; looked in: %s"),
		    b.s.config.theme, searched.data);
		buf_free(&searched);
		goto done;
	}
	buf_free(&searched);
	if (cfg_i18n(&b.s.config, b.s.theme_dir, &d) < 0)
		goto done;
	tdir = build_join(b.s.theme_dir, "templates");
	k = tpl_load_dir(&b.set, tdir, &d);
	free(tdir);
	if (k < 0 || S_check_templates(&b) < 0)
		goto done;
	if (!o->check) {
		char *marker = build_join(out, MANIFEST_FILE);
		struct timespec ts;

		cache = S_cache_path(out);
		b.incremental = !o->ignore_cache && fs_exists(marker) &&
		    inc_load(&b.old, cache) == 0;
		free(marker);
		if (b.incremental) {
			b.s.known = S_known;
			b.s.known_ctx = &b;
		}
		clock_gettime(CLOCK_REALTIME, &ts);
		b.cur.scan_ns = (uint64_t)ts.tv_sec * 1000000000u +
		    (uint64_t)ts.tv_nsec;
	}
	site_scan(&b.s, o->jobs);
	site_glossary(&b.s);
	S_params_note(&b);
	memset(&co, 0, sizeof co);
	co.warnings = o->check;
	co.external = o->external;
	check_init(&b.check, &b.s, &co);
	if (o->check) {
		if ((b.stage = S_check_stage()) == NULL) {
			diag_add(&d, DIAG_ERROR, NULL, 0, msg(
			    "dossier temporaire impossible : %s",
			    "cannot make a temporary folder: %s"),
			    strerror(errno));
			goto done;
		}
	} else if (!S_replaceable(out)) {
		diag_add(&d, DIAG_ERROR, out, 0, "%s", msg(
		    "ce dossier existe et n'a pas été fait par eystime : "
		    "je ne le remplace pas. Choisissez un autre dossier avec -d.",
		    "this folder exists and was not made by eystime: it is not "
		    "replaced. Choose another folder with -d."));
		goto done;
	} else {
		b.stage = S_stage_path(out);
		fs_rmtree(b.stage);
		b.use_inc = 1;
	}
	if (fs_mkdirs(b.stage) < 0) {
		diag_add(&d, DIAG_ERROR, b.stage, 0, msg(
		    "création impossible : %s", "cannot create: %s"),
		    strerror(errno));
		goto done;
	}
	b.quiz = mem_alloc(NULL, ((size_t)b.s.npages + 1) * sizeof *b.quiz);
	memset(b.quiz, 0, ((size_t)b.s.npages + 1) * sizeof *b.quiz);
	if (b.use_inc) {
		S_global(&b, o, cfg_path);
		S_plan(&b, o->jobs);
	}
	S_labels(&b);
	if (S_theme_static(&b) < 0 || S_theme_root(&b) < 0 ||
	    S_copy_files(&b, b.s.content_dir, b.s.assets, b.s.nassets) < 0)
		goto done;

	md_init();
	b.engines = mem_alloc(NULL, (size_t)o->jobs * sizeof *b.engines);
	for (nengines = 0; nengines < o->jobs; nengines++)
		if (tpl_engine_init(&b.engines[nengines], &b.s, &b.set,
		    &b.assets) < 0) {
			nengines++;
			goto done;
		}
	/*
	 * The files made from the whole site (404, page shell, manifest,
	 * search page and index, sitemap, feed) come first: they need only
	 * what the scan found, and the search page, which lists every page,
	 * is the largest render of all (12 MB of Lua at 10,000 lessons):
	 * done before the pages' check data piles up, it no longer sets the
	 * build's peak memory. The state that made it starts afresh.
	 */
	b.kind = INC_GLOBAL;
	if (!S_keep_globals(&b)) {
		char *title = S_i18n(&b.s.config, "not_found_title", "404");

		S_render_special(&b, "404", title, "404.html");
		free(title);
		S_render_special(&b, "shell", MANIFEST_MARK_TITLE,
		    MANIFEST_SHELL_FILE);
		S_search(&b);
		S_xml(&b);
		if (tpl_engine_trim(&b.engines[0]) < 0)
			goto done;
	}
	b.progress = !o->quiet && isatty(2) && b.s.npages >= 2000;
	atomic_init(&b.done, 0);
	if (b.use_inc) {
		par_for(b.ntodo, o->jobs, S_render_todo, &b);
		S_merge_pages(&b);
	} else {
		par_for(b.s.npages, o->jobs, S_render_one, &b);
	}
	if (b.progress)
		fputs("\r\033[K", stderr);
	/* The manifest holds the lessons' quizzes: after the pages. */
	b.kind = INC_FILE;
	S_manifest(&b);
	/* The pages are rendered: the workers' Lua states and what they
	 * cached go now, and the memory back to the system. */
	for (k = 0; k < nengines; k++)
		tpl_engine_free(&b.engines[k]);
	malloc_trim(0);
	check_links(&b.check);
	checked = 1;
	inc_index(&b.cur);
	if (d.nerrors > 0)
		goto done;
	if (o->check) {
		/* Nothing to publish: done drops the temporary folder. */
		status = 0;
		goto done;
	}
	if (b.incremental) {
		if (S_commit(&b, cache) < 0)
			goto done;
	} else if (S_swap(&b, out) < 0) {
		diag_add(&d, DIAG_ERROR, out, 0, msg(
		    "remplacement impossible : %s", "cannot replace: %s"),
		    strerror(errno));
		goto done;
	} else {
		free(b.stage);
		b.stage = NULL;
	}
	/* Without its cache the next build is a clean one: no harm. */
	if (S_stat_outputs(&b) < 0 || inc_save(&b.cur, cache) < 0)
		unlink(cache);
	status = 0;
	if (!o->quiet && b.incremental)
		printf(msg("%d pages, %ld fichiers écrits en %.2f s "
		    "(incrémental : %ld pages refaites)\n",
		    "%d pages, %ld files written in %.2f s "
		    "(incremental: %ld pages rendered)\n"), b.s.npages + 1,
		    b.nfiles, S_now() - t0, b.ntodo);
	else if (!o->quiet)
		printf(msg("%d pages, %ld fichiers en %.2f s\n",
		    "%d pages, %ld files in %.2f s\n"), b.s.npages + 1,
		    b.nfiles, S_now() - t0);
	fflush(stdout);
done:
	if (b.stage != NULL) {
		fs_rmtree(b.stage);
		free(b.stage);
	}
	diag_counts(&d, &nerr, &nwarn);
	if ((o->json ? diag_print_json(&d, stdout) : diag_print(&d,
	    o->log ? o->log : stderr)) > 0)
		status = 1;
	if (o->check && checked && !o->quiet && !o->json)
		S_summary(&b, nerr, nwarn);
	check_free(&b.check);
	for (k = 0; k < nengines; k++)
		tpl_engine_free(&b.engines[k]);
	free(b.engines);
	if (b.labels.footnote_back != NULL)
		S_labels_free(&b.labels);
	for (k = 0; k < b.assets.n; k++) {
		free(b.assets.from[k]);
		free(b.assets.to[k]);
	}
	free(b.assets.from);
	free(b.assets.to);
	tpl_set_free(&b.set);
	for (pi = 0; b.prec != NULL && pi < b.s.npages; pi++) {
		free(b.prec[pi].rel);
		free(b.prec[pi].src);
		free(b.prec[pi].check);
		free(b.prec[pi].fm);
		free(b.prec[pi].quiz);
	}
	for (pi = 0; b.quiz != NULL && pi < b.s.npages; pi++)
		free(b.quiz[pi]);
	free(b.quiz);
	site_free(&b.s);
	cfg_free(&b.s.config);
	free(b.s.dir);
	free(b.prec);
	free(b.todo);
	inc_free(&b.cur);
	inc_free(&b.old);
	free(cache);
	free(cfg_path);
	free(out);
	diag_free(&d);
	return status;
}
