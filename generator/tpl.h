/*
 * tpl: Eystime's templates, HTML with Lua inside.
 *
 *   {{ expr }}    the value, HTML-escaped (nil prints nothing)
 *   {{& expr }}   the value as it is (for HTML made by Eystime: content…)
 *   {% code %}    Lua statements: {% for _, l in ipairs(page.lessons) do %}
 *   {# note #}    a comment
 *
 * A line holding only a {% %} or {# #} tag leaves no blank line behind.
 * Each template compiles once to Lua source whose lines match the
 * template's, so an error names the template's path and line. Every worker
 * thread loads the compiled sources into its own Lua state (tpl_engine).
 * The language is in docs/templates.md.
 */
#ifndef EYSTIME_TPL_H
#define EYSTIME_TPL_H

#include <lua.h>

#include "../common/buf.h"
#include "diag.h"
#include "md.h"
#include "site.h"

/*
 * A lesson's `nearby` (docs/templates.md): its module's lessons when they
 * are TPL_LESSON_LIST or fewer, else the TPL_NEARBY before it and after
 * it (2 * TPL_NEARBY + 1 in all, shifted at the ends), so that a lesson
 * page printing them does not grow with its module.
 */
#define TPL_LESSON_LIST 30
#define TPL_NEARBY 10

typedef struct tpl_set {
	int n;
	char **name; /* "lesson", "partials/nav": path under templates/ less
	              * ".html" */
	char **path; /* the file, as shown in messages */
	char **lua;  /* the compiled Lua source */
} tpl_set;

/* Theme files renamed with their content hash, sorted by `from`. */
typedef struct tpl_assets {
	int n;
	char **from; /* "css/style.css" under static/ */
	char **to;   /* "static/css/style.1a2b3c4d.css" from the site root */
} tpl_assets;

/* Compile template text src[0..n) named path into Lua source (appended to
 * out). Returns 0, or -1 with a message in d. */
int tpl_compile(const char *src, size_t n, const char *path, buf *out,
	diag *d);
/* Compile every *.html under dir (the theme's templates/). */
int tpl_load_dir(tpl_set *set, const char *dir, diag *d);
void tpl_set_free(tpl_set *set);

typedef struct tpl_engine {
	lua_State *L;
	const site *s;
	const tpl_set *set;
	const tpl_assets *assets;
	int renders;          /* since the state was made (S_recycle) */
	int summaries;        /* page summaries made since then */
	const char *cur_url; /* the page being rendered */
	const char *special_url; /* where a page outside the content goes */
	const char *abs_base; /* not NULL on 404.html: the site's path, "/x/" */
	char *layout;         /* set by layout() while a template runs */
	int env_ref;          /* the render's _ENV, for partial() */
	int tpl_ref;          /* registry ref of name → function */
	int cache_ref;        /* registry ref of page index → summary */
} tpl_engine;

/* Make a Lua state holding the site, i18n, helpers and templates. Returns
 * 0, or -1 with messages in s->d. */
int tpl_engine_init(tpl_engine *e, const site *s, const tpl_set *set,
	const tpl_assets *assets);
void tpl_engine_free(tpl_engine *e);
/* Start e's Lua state afresh, dropping what its renders cached. */
int tpl_engine_trim(tpl_engine *e);

/*
 * Render template `name` for page index `pi` (or -1 for a page that is not
 * in the content, such as 404) with its Markdown output md (or NULL).
 * `extra` fields (title…) go to a page with no index. Appends the HTML to
 * out. Returns 0, or -1 with the error in s->d.
 */
int tpl_render(tpl_engine *e, const char *name, int pi, const md_out *md,
	const char *title, buf *out);

/* What a helper's upvalues hold. */
typedef enum tpl_up {
	TPL_UP_NONE,       /* nothing */
	TPL_UP_ENGINE,     /* the tpl_engine, a light userdata */
	TPL_UP_I18N,       /* the theme's i18n texts */
	TPL_UP_I18N_PLURAL /* those, and whether 0 is singular (French) */
} tpl_up;

/* A C function templates call (url, t, escape…: docs/templates.md). */
typedef struct tpl_helper {
	const char *name; /* the global it is, in every template */
	lua_CFunction fn;
	tpl_up up;
} tpl_helper;

/* Every helper, ending with a row whose name is NULL. */
extern const tpl_helper tpl_helpers[];

/*
 * Push helper h as templates of e see it, into L: e's own state (the
 * engine registers every helper so) or another one, such as a test's
 * under a small memory ceiling. i18n is the stack index of L's copy of
 * the theme's texts, for the helpers that read them (TPL_UP_I18N…).
 */
void tpl_push_helper(lua_State *L, tpl_engine *e, const tpl_helper *h,
	int i18n);

/*
 * 1 when a template of the set may show the front-matter key `key` of
 * page.params: it names it (params.steps, params["steps"]), or takes
 * params whole (spairs(page.params), local p = page.params, params[k]).
 * Read from the templates' text, so that builds reusing pages tell the
 * same.
 */
int tpl_params_named(const tpl_set *set, const char *key);

/* 1 when the set has a template of that name. */
int tpl_has(const tpl_set *set, const char *name);

#endif
