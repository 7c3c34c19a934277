#include "build.h"

#include <errno.h>
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
#include "../common/text.h"
#include "check.h"
#include "config.h"
#include "diag.h"
#include "feed.h"
#include "fs.h"
#include "md.h"
#include "par.h"
#include "site.h"
#include "tpl.h"

#define BUILD_MAX_MD (4u << 20)
#define MANIFEST_PATH "_eystime/lessons.tsv"
#define SHELL_PATH "_eystime/shell.html"
#define SHELL_TITLE "@@eystime-title@@"

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

char *
build_theme_dir(const char *site_dir, const char *themes, const char *theme)
{
	buf b;
	char *local;

	buf_init(&b, BUF_UNBOUNDED);
	buf_printf(&b, "themes/%s", theme);
	local = build_join(site_dir, b.data);
	buf_free(&b);
	if (fs_isdir(local) || themes == NULL)
		return local;
	buf_init(&b, BUF_UNBOUNDED);
	buf_printf(&b, "%s/%s", themes, theme);
	if (!fs_isdir(b.data)) {
		buf_free(&b);
		return local;
	}
	free(local);
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
}

static int
S_write(build_ctx *b, const char *rel, const char *data, size_t n)
{
	char *path = build_join(b->stage, rel);
	int rc = fs_write(path, data, n);

	if (rc < 0)
		diag_add(b->s.d, DIAG_ERROR, path, 0, msg(
		    "écriture impossible : %s", "cannot write: %s"),
		    strerror(errno));
	free(path);
	return rc;
}

/*
 * Theme files go to static/ with a hash of their content in the name, so a
 * browser may keep them for ever: style.css → style.1a2b3c4d5e.css.
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
		if (fs_read(path.data, 64u << 20, &data) < 0) {
			diag_add(b->s.d, DIAG_ERROR, path.data, 0, msg(
			    "lecture impossible : %s", "cannot read: %s"),
			    strerror(errno));
			rc = -1;
			free(files[i]);
			continue;
		}
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

/* Copy files[0..n) (paths under dir) to the same paths in the staging
 * folder. */
static int
S_copy_files(build_ctx *b, const char *dir, char *const *files, long n)
{
	long i;
	int rc = 0;

	for (i = 0; i < n; i++) {
		char *from = build_join(dir, files[i]);
		char *to = build_join(b->stage, files[i]);

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
	buf_init(&file, BUILD_MAX_MD);
	buf_init(&html, BUF_UNBOUNDED);
	buf_init(&rel, BUF_UNBOUNDED);
	if (fs_read(p->path, BUILD_MAX_MD, &file) < 0) {
		diag_add(b->s.d, DIAG_ERROR, p->path, 0, msg(
		    "lecture impossible : %s", "cannot read: %s"),
		    strerror(errno));
		goto out;
	}
	if (p->body_off > file.len)
		p->body_off = file.len;
	md_render(&b->s, p, file.data + p->body_off, file.len - p->body_off,
	    &b->labels, &md);
	if (tpl_render(&b->engines[w], S_template_for(p->kind), (int)i, &md,
	    NULL, &html) == 0) {
		check_page(&b->check, (int)i, S_template_for(p->kind), &md,
		    html.data, html.len);
		buf_printf(&rel, "%sindex.html", p->url);
		S_write(b, rel.data, html.data, html.len);
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

/* A TSV field: tabs, newlines and other controls become spaces. */
static void
S_tsv(buf *out, const char *s)
{
	for (; s != NULL && *s != '\0'; s++)
		buf_putc(out, (unsigned char)*s < 0x20 ? ' ' : *s);
}

/*
 * The manifest the CGI reads (docs/manifest.md): one line per module and
 * lesson, in course order: kind, id, module id, url, title.
 */
static void
S_manifest(build_ctx *b)
{
	const site *s = &b->s;
	buf out;
	int i;

	buf_init(&out, BUF_UNBOUNDED);
	buf_puts(&out, "# eystime manifest 1\n");
	buf_printf(&out, "site\t%s\t%s\t%s\t", s->config.language,
	    s->config.api, s->config.root);
	S_tsv(&out, s->config.title);
	buf_putc(&out, '\n');
	for (i = 0; i < s->npages; i++) {
		const page *p = &s->pages[i];

		if (p->kind != PAGE_MODULE && p->kind != PAGE_LESSON)
			continue;
		buf_printf(&out, "%s\t%s\t%s\t%s\t",
		    p->kind == PAGE_MODULE ? "module" : "lesson", p->id,
		    p->kind == PAGE_LESSON ? s->pages[p->module].id : p->id,
		    p->url);
		S_tsv(&out, p->title);
		buf_putc(&out, '\n');
	}
	S_write(b, MANIFEST_PATH, out.data, out.len);
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
	buf_init(&path, 8192);
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
	marker = build_join(out, MANIFEST_PATH);
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

/* A staging folder beside out, on the same file system. */
static char *
S_stage_path(const char *out)
{
	const char *slash = strrchr(out, '/');
	buf b;

	buf_init(&b, BUF_UNBOUNDED);
	if (slash != NULL)
		buf_printf(&b, "%.*s/.%s.staging-%ld", (int)(slash - out), out,
		    slash + 1, (long)getpid());
	else
		buf_printf(&b, ".%s.staging-%ld", out, (long)getpid());
	return buf_detach(&b);
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

int
build_run(const build_opts *o)
{
	build_ctx b;
	diag d;
	check_opts co;
	char *cfg_path, *out, *tdir;
	double t0 = S_now();
	int k, nengines = 0, status = 1, checked = 0, nerr, nwarn;

	memset(&b, 0, sizeof b);
	diag_init(&d);
	d.strict = o->strict;
	b.s.d = &d;
	b.s.dir = mem_strdup(o->site_dir);
	b.s.drafts = o->drafts;
	out = o->out_dir ? mem_strdup(o->out_dir) : build_join(o->site_dir,
	    "public");
	cfg_path = build_join(o->site_dir, "site.lua");
	if (sodium_init() < 0 || cfg_load(&b.s.config, cfg_path, &d) < 0)
		goto done;
	b.s.theme_dir = build_theme_dir(o->site_dir, o->themes,
	    b.s.config.theme);
	if (!fs_isdir(b.s.theme_dir)) {
		diag_add(&d, DIAG_ERROR, cfg_path, 0, msg(
		    "thème « %s » introuvable (cherché dans %s)",
		    "theme \"%s\" not found (looked in %s)"),
		    b.s.config.theme, b.s.theme_dir);
		goto done;
	}
	if (cfg_i18n(&b.s.config, b.s.theme_dir, &d) < 0)
		goto done;
	tdir = build_join(b.s.theme_dir, "templates");
	k = tpl_load_dir(&b.set, tdir, &d);
	free(tdir);
	if (k < 0 || S_check_templates(&b) < 0)
		goto done;
	site_scan(&b.s, o->jobs);
	gloss_build(&b.s.glossary, &b.s);
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
	}
	if (fs_mkdirs(b.stage) < 0) {
		diag_add(&d, DIAG_ERROR, b.stage, 0, msg(
		    "création impossible : %s", "cannot create: %s"),
		    strerror(errno));
		goto done;
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
	b.progress = !o->quiet && isatty(2) && b.s.npages >= 2000;
	atomic_init(&b.done, 0);
	par_for(b.s.npages, o->jobs, S_render_one, &b);
	if (b.progress)
		fputs("\r\033[K", stderr);
	check_links(&b.check);
	checked = 1;
	{
		char *title = S_i18n(&b.s.config, "not_found_title", "404");

		S_render_special(&b, "404", title, "404.html");
		free(title);
	}
	S_render_special(&b, "shell", SHELL_TITLE, SHELL_PATH);
	S_manifest(&b);
	S_search(&b);
	S_xml(&b);
	if (d.nerrors > 0)
		goto done;
	if (o->check) {
		/* Nothing to publish: done drops the temporary folder. */
		status = 0;
		goto done;
	}
	if (S_swap(&b, out) < 0) {
		diag_add(&d, DIAG_ERROR, out, 0, msg(
		    "remplacement impossible : %s", "cannot replace: %s"),
		    strerror(errno));
		goto done;
	}
	free(b.stage);
	b.stage = NULL;
	status = 0;
	if (!o->quiet)
		printf(msg("%d pages, %ld fichiers en %.2f s\n",
		    "%d pages, %ld files in %.2f s\n"), b.s.npages + 1,
		    b.nfiles, S_now() - t0);
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
		printf(msg("%d pages vérifiées : %d %s, %d %s\n",
		    "%d pages checked: %d %s, %d %s\n"), b.s.npages, nerr,
		    msg(nerr > 1 ? "erreurs" : "erreur", nerr == 1 ? "error" :
		    "errors"), nwarn, msg(nwarn > 1 ? "avertissements" :
		    "avertissement", nwarn == 1 ? "warning" : "warnings"));
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
	site_free(&b.s);
	cfg_free(&b.s.config);
	free(b.s.dir);
	free(cfg_path);
	free(out);
	diag_free(&d);
	return status;
}
