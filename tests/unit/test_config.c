/*
 * generator/config.h (and the sandbox under it, generator/sbx.h): site.lua
 * and the theme's i18n file, read from real files in a temporary folder.
 */
#include <stdlib.h>
#include <unistd.h>

#include <lauxlib.h>
#include <lua.h>

#include "../../common/buf.h"
#include "../../generator/config.h"
#include "../../generator/diag.h"
#include "../../generator/fs.h"
#include "../../generator/rule.h"
#include "../../generator/sbx.h"
#include "check.h"

/* A temporary folder holding site.lua and maybe a theme. */
typedef struct fixture {
	char dir[64];   /* the folder */
	char path[128]; /* dir/site.lua */
	cfg c;
	diag d;
} fixture;

static void
S_write(const char *dir, const char *rel, const char *text)
{
	buf p;

	buf_init(&p, 4096);
	buf_printf(&p, "%s/%s", dir, rel);
	CHECK(fs_write(p.data, text, strlen(text)) == 0);
	buf_free(&p);
}

/* Make a folder with site.lua holding text, and load it. */
static int
S_load(fixture *f, const char *text)
{
	memset(f, 0, sizeof *f);
	memcpy(f->dir, "/tmp/eystime-cfg-XXXXXX", 24);
	CHECK(mkdtemp(f->dir) != NULL);
	snprintf(f->path, sizeof f->path, "%s/site.lua", f->dir);
	S_write(f->dir, "site.lua", text);
	diag_init(&f->d);
	msg_set_language("fr");
	return cfg_load(&f->c, f->path, &f->d);
}

static void
S_done(fixture *f)
{
	cfg_free(&f->c);
	diag_free(&f->d);
	CHECK(fs_rmtree(f->dir) == 0);
	CHECK(!fs_exists(f->dir));
}

/* The one error of f, at f's site.lua; NULL when not exactly one. */
static const diag_msg *
S_error(const fixture *f)
{
	if (f->d.n != 1 || f->d.nerrors != 1)
		return NULL;
	return &f->d.a[0];
}

static void
test_cfg_defaults(void)
{
	fixture f;

	CHECK(S_load(&f, "title = \"Mon cours\"\n") == 0);
	CHECK(f.d.n == 0);
	CHECK_STR(f.c.title, "Mon cours");
	CHECK_STR(f.c.language, "fr");
	CHECK_STR(f.c.theme, "default");
	CHECK_STR(f.c.api, "/api");
	CHECK(f.c.base_url == NULL);
	CHECK(f.c.L != NULL);
	CHECK(f.c.i18n_ref == LUA_NOREF);
	S_done(&f);

	/* Every setting given. */
	CHECK(S_load(&f, "-- réglages\n"
	    "title = \"Course\"\n"
	    "language = \"en\"\n"
	    "theme = \"my-theme_2\"\n"
	    "base_url = \"https://courses.example.org/intro/\"\n"
	    "api = \"https://api.example.org/v1\"\n") == 0);
	CHECK(f.d.n == 0);
	CHECK_STR(f.c.language, "en");
	CHECK_STR(f.c.theme, "my-theme_2");
	CHECK_STR(f.c.base_url, "https://courses.example.org/intro/");
	CHECK_STR(f.c.api, "https://api.example.org/v1");
	/* Messages now follow the site's language. */
	CHECK_STR(msg("fr", "en"), "en");
	S_done(&f);
	msg_set_language("fr");

	CHECK(S_load(&f, "title = \"T\"\nlanguage = \"fr-CA\"\n") == 0);
	CHECK_STR(f.c.language, "fr-CA");
	CHECK_STR(msg("fr", "en"), "fr");
	S_done(&f);
}

static void
test_cfg_base_url_and_api(void)
{
	fixture f;

	CHECK(S_load(&f, "title = \"T\"\n"
	    "base_url = \"https://x.example.org/cours\"\n") == 0);
	CHECK_STR(f.c.base_url, "https://x.example.org/cours/");
	S_done(&f);
	CHECK(S_load(&f, "title = \"T\"\n"
	    "base_url = \"http://x.example.org\"\n") == 0);
	CHECK_STR(f.c.base_url, "http://x.example.org/");
	S_done(&f);
	CHECK(S_load(&f, "title = \"T\"\napi = \"/api/\"\n") == 0);
	CHECK_STR(f.c.api, "/api");
	S_done(&f);
	CHECK(S_load(&f, "title = \"T\"\napi = \"/cgi/api///\"\n") == 0);
	CHECK_STR(f.c.api, "/cgi/api");
	S_done(&f);
	/* "/" alone stays: it is the root, not a trailing slash. */
	CHECK(S_load(&f, "title = \"T\"\napi = \"/\"\n") == 0);
	CHECK_STR(f.c.api, "/");
	S_done(&f);
}

static void
test_cfg_title_type(void)
{
	fixture f;
	const diag_msg *m;

	CHECK(S_load(&f, "title = 3\n") == -1);
	m = S_error(&f);
	CHECK(m != NULL);
	if (m != NULL) {
		CHECK_STR(m->path, f.path);
		CHECK(m->line == 1);
		CHECK(strstr(m->text, "title") != NULL);
		CHECK(strstr(m->text, "guillemets") != NULL);
	}
	S_done(&f);

	/* An empty title is no title. */
	CHECK(S_load(&f, "\n\ntitle = \"\"\n") == -1);
	CHECK(S_error(&f) != NULL && S_error(&f)->line == 3);
	S_done(&f);
	/* A table neither. */
	CHECK(S_load(&f, "title = { \"x\" }\n") == -1);
	CHECK(S_error(&f) != NULL && S_error(&f)->line == 1);
	S_done(&f);
}

static void
test_cfg_unknown_setting(void)
{
	fixture f;
	const diag_msg *m;

	CHECK(S_load(&f, "title = \"T\"\n\ntitel = \"x\"\n") == -1);
	m = S_error(&f);
	CHECK(m != NULL);
	if (m != NULL) {
		CHECK_STR(m->path, f.path);
		CHECK(m->line == 3);
		CHECK(strstr(m->text, "titel") != NULL);
		CHECK(strstr(m->text, "inconnu") != NULL);
	}
	S_done(&f);

	/* A local variable is no setting, and is fine. */
	CHECK(S_load(&f, "local name = \"Cours\"\ntitle = name .. \" 1\"\n") ==
	    0);
	CHECK_STR(f.c.title, "Cours 1");
	S_done(&f);
}

static void
test_cfg_bad_values(void)
{
	static const struct {
		const char *text;
		int line;
		const char *word; /* in the message */
	} cases[] = {
		{ "title = \"T\"\nlanguage = \"french\"\n", 2, "language" },
		{ "title = \"T\"\nlanguage = \"FR\"\n", 2, "language" },
		{ "title = \"T\"\nlanguage = 33\n", 2, "language" },
		{ "title = \"T\"\ntheme = \"../../etc\"\n", 2, "theme" },
		{ "title = \"T\"\ntheme = \"Mon Thème\"\n", 2, "theme" },
		{ "title = \"T\"\ntheme = \"\"\n", 2, "theme" },
		{ "title = \"T\"\nbase_url = \"ftp://x.org/\"\n", 2, "base_url" },
		{ "title = \"T\"\nbase_url = \"x.org\"\n", 2, "base_url" },
		{ "title = \"T\"\nbase_url = \"https://x.org/\\\"><script>\"\n",
		    2, "base_url" },
		{ "title = \"T\"\napi = \"api\"\n", 2, "api" },
		{ "title = \"T\"\napi = \"/a b\"\n", 2, "api" },
		{ "title = \"T\"\nparams = 3\n", 2, "params" },
		{ "title = \"T\"\n_ENV[1] = 3\n", 2, "1" },
	};
	fixture f;
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const diag_msg *m;

		CHECK(S_load(&f, cases[i].text) == -1);
		m = S_error(&f);
		CHECK(m != NULL);
		if (m != NULL) {
			CHECK(m->line == cases[i].line);
			CHECK(strstr(m->text, cases[i].word) != NULL);
			if (m->line != cases[i].line ||
			    strstr(m->text, cases[i].word) == NULL)
				printf("#   case %zu: %d: %s\n", i, m->line,
				    m->text);
		}
		S_done(&f);
	}
}

static void
test_cfg_missing_title(void)
{
	fixture f;
	const diag_msg *m;

	CHECK(S_load(&f, "language = \"fr\"\n") == -1);
	m = S_error(&f);
	CHECK(m != NULL);
	if (m != NULL) {
		CHECK_STR(m->path, f.path);
		CHECK(strstr(m->text, "title") != NULL);
		CHECK(strstr(m->text, "manque") != NULL);
	}
	S_done(&f);

	/* An empty file too. */
	CHECK(S_load(&f, "") == -1);
	CHECK(S_error(&f) != NULL);
	S_done(&f);
}

static void
test_cfg_syntax_error(void)
{
	fixture f;
	const diag_msg *m;

	CHECK(S_load(&f, "title = \"T\"\n\nlanguage = = \"fr\"\n") == -1);
	m = S_error(&f);
	CHECK(m != NULL);
	if (m != NULL) {
		CHECK_STR(m->path, f.path);
		CHECK(m->line == 3);
		CHECK(strstr(m->text, "syntaxe") != NULL);
	}
	S_done(&f);

	/* An unfinished string: Lua names the line it starts on. */
	CHECK(S_load(&f, "title = \"T\nlanguage = \"fr\"\n") == -1);
	CHECK(S_error(&f) != NULL && S_error(&f)->line == 1);
	S_done(&f);

	/* A binary chunk is refused (it could break the sandbox). */
	CHECK(S_load(&f, "\x1bLua") == -1);
	CHECK(f.d.nerrors == 1);
	S_done(&f);

	/* A file that is not there. */
	memset(&f, 0, sizeof f);
	diag_init(&f.d);
	CHECK(cfg_load(&f.c, "/nonexistent/eystime/site.lua", &f.d) == -1);
	CHECK(f.d.nerrors == 1);
	CHECK(f.d.nerrors == 1 && f.d.a[0].line == 0);
	CHECK(f.d.nerrors == 1 &&
	    strstr(f.d.a[0].text, "lecture impossible") != NULL);
	cfg_free(&f.c);
	diag_free(&f.d);
}

static void
test_cfg_sandbox(void)
{
	static const char *const code[] = {
		"os.exit(3)",
		"os.execute(\"touch /tmp/eystime-pwned\")",
		"io.open(\"/tmp/eystime-pwned\", \"w\")",
		"require(\"os\")",
		"dofile(\"/etc/passwd\")",
		"loadfile(\"/etc/passwd\")",
		"load(\"x = 1\")()",
		"debug.getregistry()",
		"package.loadlib(\"libc.so.6\", \"system\")",
		"collectgarbage(\"stop\")",
		"setmetatable(_ENV, nil)",
		"rawset(_ENV, \"titel\", 1)",
		"print(\"hello\")",
	};
	fixture f;
	buf text;
	size_t i;

	unlink("/tmp/eystime-pwned");
	buf_init(&text, 4096);
	for (i = 0; i < sizeof code / sizeof code[0]; i++) {
		const diag_msg *m;

		buf_reset(&text);
		buf_printf(&text, "title = \"T\"\n%s\n", code[i]);
		CHECK(S_load(&f, text.data) == -1);
		m = S_error(&f);
		CHECK(m != NULL);
		if (m != NULL) {
			CHECK_STR(m->path, f.path);
			CHECK(m->line == 2);
		} else {
			printf("#   not refused: %s\n", code[i]);
		}
		S_done(&f);
	}
	CHECK(!fs_exists("/tmp/eystime-pwned"));
	buf_free(&text);
}

static void
test_cfg_limits(void)
{
	fixture f;
	const diag_msg *m;

	/* An endless loop stops with a message at its line. */
	CHECK(S_load(&f, "title = \"T\"\nwhile true do end\n") == -1);
	m = S_error(&f);
	CHECK(m != NULL);
	if (m != NULL) {
		CHECK(strstr(m->text, "boucle") != NULL);
		CHECK(m->line == 2);
		CHECK_STR(m->path, f.path);
	}
	S_done(&f);

	/* Endless recursion is an error, not a crash. */
	CHECK(S_load(&f, "title = \"T\"\nlocal function f() return 1 + f() "
	    "end\nf()\n") == -1);
	CHECK(f.d.nerrors == 1);
	S_done(&f);

	/* Memory has a ceiling: a huge string fails, it does not abort. */
	CHECK(S_load(&f, "title = \"T\"\nlocal s = (\"x\"):rep(1 << 30)\n") ==
	    -1);
	CHECK(f.d.nerrors == 1);
	S_done(&f);
}

static void
test_cfg_params(void)
{
	fixture f;
	lua_State *L;

	CHECK(S_load(&f, "title = \"T\"\n"
	    "params = {\n"
	    "  color = \"bleu\",\n"
	    "  n = 3,\n"
	    "  ratio = 1.5,\n"
	    "  list = { \"a\", \"b\" },\n"
	    "  nested = { on = true },\n"
	    "}\n") == 0);
	CHECK(f.d.n == 0);
	L = f.c.L;
	CHECK(f.c.params_ref != LUA_NOREF && f.c.params_ref != LUA_REFNIL);
	CHECK(lua_rawgeti(L, LUA_REGISTRYINDEX, f.c.params_ref) ==
	    LUA_TTABLE);
	CHECK(lua_getfield(L, -1, "color") == LUA_TSTRING);
	CHECK_STR(lua_tostring(L, -1), "bleu");
	lua_pop(L, 1);
	CHECK(lua_getfield(L, -1, "n") == LUA_TNUMBER);
	CHECK(lua_isinteger(L, -1) && lua_tointeger(L, -1) == 3);
	lua_pop(L, 1);
	CHECK(lua_getfield(L, -1, "ratio") == LUA_TNUMBER);
	CHECK(lua_tonumber(L, -1) == 1.5);
	lua_pop(L, 1);
	CHECK(lua_getfield(L, -1, "list") == LUA_TTABLE);
	CHECK(lua_rawlen(L, -1) == 2);
	CHECK(lua_rawgeti(L, -1, 2) == LUA_TSTRING);
	CHECK_STR(lua_tostring(L, -1), "b");
	lua_pop(L, 2);
	CHECK(lua_getfield(L, -1, "nested") == LUA_TTABLE);
	CHECK(lua_getfield(L, -1, "on") == LUA_TBOOLEAN);
	CHECK(lua_toboolean(L, -1));
	lua_pop(L, 3);
	S_done(&f);

	/* No params: an empty table all the same. */
	CHECK(S_load(&f, "title = \"T\"\n") == 0);
	L = f.c.L;
	CHECK(lua_rawgeti(L, LUA_REGISTRYINDEX, f.c.params_ref) ==
	    LUA_TTABLE);
	lua_pushnil(L);
	CHECK(lua_next(L, -2) == 0);
	lua_pop(L, 1);
	S_done(&f);
}

static void
test_cfg_params_function_refused(void)
{
	fixture f;
	const diag_msg *m;

	CHECK(S_load(&f, "title = \"T\"\n"
	    "params = { ok = 1, f = function() end }\n") == -1);
	m = S_error(&f);
	CHECK(m != NULL);
	if (m != NULL) {
		CHECK(m->line == 2);
		CHECK(strstr(m->text, "function") != NULL);
		CHECK(strstr(m->text, "params") != NULL);
	}
	S_done(&f);

	/* Deep inside, too. */
	CHECK(S_load(&f, "title = \"T\"\n"
	    "params = { a = { b = { c = function() end } } }\n") == -1);
	CHECK(S_error(&f) != NULL && S_error(&f)->line == 2);
	S_done(&f);
	/* And as a key. */
	CHECK(S_load(&f, "title = \"T\"\n"
	    "params = { [function() end] = 1 }\n") == -1);
	CHECK(S_error(&f) != NULL && S_error(&f)->line == 2);
	S_done(&f);
}

/*
 * A setting is checked by __newindex, which Lua calls only when the key is
 * not yet in the table: a second assignment goes in unchecked.
 */
static void
test_cfg_reassignment_checked(void)
{
	fixture f;
	int rc;

	rc = S_load(&f, "title = \"T\"\ntheme = \"default\"\n"
	    "theme = \"../../../etc\"\n");
	/* A second assignment is checked like the first. */
	CHECK(rc == -1);
	CHECK(S_error(&f) != NULL && S_error(&f)->line == 3);
	S_done(&f);

	rc = S_load(&f, "title = \"T\"\ntitle = 3\n");
	CHECK(rc == -1);
	S_done(&f);

	rc = S_load(&f, "title = \"T\"\nparams = {}\n"
	    "params.f = function() end\n");
	/* params is checked again once the file has run. */
	CHECK(rc == -1);
	S_done(&f);
}

/* A theme folder with i18n/<lang>.lua holding text. */
static void
S_theme(const fixture *f, const char *lang, const char *text, buf *theme)
{
	buf rel;

	buf_init(&rel, 4096);
	buf_printf(&rel, "themes/t/i18n/%s.lua", lang);
	S_write(f->dir, rel.data, text);
	buf_free(&rel);
	buf_printf(theme, "%s/themes/t", f->dir);
}

/* checks = { [rule] = "why" }: rules switched off for the site, each
 * with its reason. */
static void
test_cfg_checks(void)
{
	fixture f;
	const diag_msg *m;

	CHECK(S_load(&f, "title = \"T\"\nchecks = {\n"
	    "  [\"phrase-longue\"] = \"des citations de lois\",\n"
	    "  duree = \"plus tard\",\n}\n") == 0);
	CHECK(f.d.n == 0);
	CHECK(f.c.checks_off == (RULE_BIT(RULE_SENTENCE) |
	    RULE_BIT(RULE_DURATION)));
	S_done(&f);

	CHECK(S_load(&f, "title = \"T\"\n") == 0);
	CHECK(f.c.checks_off == 0);
	S_done(&f);

	/* A rule without its reason. */
	CHECK(S_load(&f, "title = \"T\"\nchecks = { sigle = \"  \" }\n") == -1);
	m = S_error(&f);
	CHECK(m != NULL && m->line == 2 && strstr(m->text, "pourquoi") !=
	    NULL && strstr(m->text, "sigle") != NULL);
	S_done(&f);
	CHECK(S_load(&f, "title = \"T\"\nchecks = { sigle = true }\n") == -1);
	CHECK(S_error(&f) != NULL);
	S_done(&f);

	/* An unknown rule, named with the list of rules. */
	CHECK(S_load(&f, "title = \"T\"\nchecks = { siglee = \"x\" }\n") == -1);
	m = S_error(&f);
	CHECK(m != NULL && strstr(m->text, "siglee") != NULL &&
	    strstr(m->text, "phrase-longue") != NULL);
	S_done(&f);
	CHECK(S_load(&f, "title = \"T\"\nchecks = { \"sigle\" }\n") == -1);
	CHECK(S_error(&f) != NULL);
	S_done(&f);
	CHECK(S_load(&f, "title = \"T\"\nchecks = \"sigle\"\n") == -1);
	CHECK(S_error(&f) != NULL);
	S_done(&f);

	/* Set after the table: checked all the same. */
	CHECK(S_load(&f, "title = \"T\"\nchecks = {}\nchecks.x = \"y\"\n") ==
	    -1);
	m = S_error(&f);
	CHECK(m != NULL && strstr(m->text, "« x »") != NULL);
	S_done(&f);
}

static void
test_cfg_i18n(void)
{
	fixture f;
	buf theme;
	lua_State *L;

	buf_init(&theme, 4096);
	CHECK(S_load(&f, "title = \"T\"\n") == 0);
	S_theme(&f, "fr", "-- textes\n"
	    "home = \"Accueil\"\n"
	    "lessons = { one = \"%d leçon\", other = \"%d leçons\" }\n"
	    "months = { \"janvier\", \"février\", \"mars\", \"avril\", "
	    "\"mai\", \"juin\", \"juillet\", \"août\", \"septembre\", "
	    "\"octobre\", \"novembre\", \"décembre\" }\n", &theme);
	CHECK(cfg_i18n(&f.c, theme.data, &f.d) == 0);
	CHECK(f.d.n == 0);
	L = f.c.L;
	CHECK(f.c.i18n_ref != LUA_NOREF && f.c.i18n_ref != LUA_REFNIL);
	CHECK(lua_rawgeti(L, LUA_REGISTRYINDEX, f.c.i18n_ref) == LUA_TTABLE);
	CHECK(lua_getfield(L, -1, "home") == LUA_TSTRING);
	CHECK_STR(lua_tostring(L, -1), "Accueil");
	lua_pop(L, 1);
	CHECK(lua_getfield(L, -1, "lessons") == LUA_TTABLE);
	CHECK(lua_getfield(L, -1, "other") == LUA_TSTRING);
	CHECK_STR(lua_tostring(L, -1), "%d leçons");
	lua_pop(L, 2);
	CHECK(lua_getfield(L, -1, "months") == LUA_TTABLE);
	CHECK(lua_rawgeti(L, -1, 10) == LUA_TSTRING);
	CHECK_STR(lua_tostring(L, -1), "octobre");
	lua_pop(L, 3);
	/* params are still there, beside the i18n table. */
	CHECK(lua_rawgeti(L, LUA_REGISTRYINDEX, f.c.params_ref) ==
	    LUA_TTABLE);
	lua_pop(L, 1);
	S_done(&f);
	buf_reset(&theme);

	/* No file for the site's language. */
	CHECK(S_load(&f, "title = \"T\"\nlanguage = \"de\"\n") == 0);
	msg_set_language("fr");
	S_theme(&f, "fr", "home = \"Accueil\"\n", &theme);
	CHECK(cfg_i18n(&f.c, theme.data, &f.d) == -1);
	CHECK(S_error(&f) != NULL);
	if (S_error(&f) != NULL) {
		CHECK(strstr(f.d.a[0].path, "i18n/de.lua") != NULL);
		CHECK(strstr(f.d.a[0].text, "« de »") != NULL);
	}
	S_done(&f);
	buf_reset(&theme);

	/* A mistake in the i18n file names that file and line. */
	CHECK(S_load(&f, "title = \"T\"\n") == 0);
	S_theme(&f, "fr", "home = \"Accueil\"\nnext = \n", &theme);
	CHECK(cfg_i18n(&f.c, theme.data, &f.d) == -1);
	CHECK(S_error(&f) != NULL);
	if (S_error(&f) != NULL) {
		CHECK(strstr(f.d.a[0].path, "themes/t/i18n/fr.lua") != NULL);
		CHECK(f.d.a[0].line >= 2 && f.d.a[0].line <= 3);
	}
	S_done(&f);
	buf_reset(&theme);

	/* The i18n file runs in the same sandbox. */
	CHECK(S_load(&f, "title = \"T\"\n") == 0);
	S_theme(&f, "fr", "home = \"Accueil\"\nos.exit(1)\n", &theme);
	CHECK(cfg_i18n(&f.c, theme.data, &f.d) == -1);
	CHECK(S_error(&f) != NULL && S_error(&f)->line == 2);
	S_done(&f);
	buf_reset(&theme);

	CHECK(S_load(&f, "title = \"T\"\n") == 0);
	S_theme(&f, "fr", "repeat until false\n", &theme);
	CHECK(cfg_i18n(&f.c, theme.data, &f.d) == -1);
	CHECK(S_error(&f) != NULL &&
	    strstr(S_error(&f)->text, "boucle") != NULL);
	S_done(&f);
	buf_free(&theme);
}

static void
test_cfg_free_after_failure(void)
{
	fixture f;

	/* cfg_free is safe after a failed load, and twice. */
	CHECK(S_load(&f, "title = 3\n") == -1);
	cfg_free(&f.c);
	CHECK(f.c.L == NULL && f.c.title == NULL);
	S_done(&f);
}

/* Count the keys of the table at idx. */
static int
S_nkeys(lua_State *L, int idx)
{
	int n = 0;

	idx = lua_absindex(L, idx);
	lua_pushnil(L);
	while (lua_next(L, idx) != 0) {
		n++;
		lua_pop(L, 1);
	}
	return n;
}

static void
test_sbx_copy_and_plain(void)
{
	lua_State *from = sbx_newstate(8u << 20), *to = sbx_newstate(8u << 20);
	int top;

	CHECK(from != NULL && to != NULL);
	/* Plain data goes across whole. */
	CHECK(luaL_dostring(from, "return { s = 'x', n = 2, f = 1.5, "
	    "b = false, t = { 1, 2, { deep = 'y' } } }") == LUA_OK);
	CHECK(sbx_plain(from, -1, 0) == NULL);
	top = lua_gettop(to);
	CHECK(sbx_copy(from, -1, to, 0) == 0);
	CHECK(lua_gettop(to) == top + 1);
	CHECK(lua_istable(to, -1));
	CHECK(S_nkeys(to, -1) == 5);
	CHECK(lua_getfield(to, -1, "t") == LUA_TTABLE);
	CHECK(lua_rawgeti(to, -1, 3) == LUA_TTABLE);
	CHECK(lua_getfield(to, -1, "deep") == LUA_TSTRING);
	CHECK_STR(lua_tostring(to, -1), "y");
	lua_settop(to, top);
	lua_settop(from, 0);

	/* A function value: -1, and the rest is copied. */
	CHECK(luaL_dostring(from, "return { a = 1, f = print }") == LUA_OK);
	CHECK(sbx_plain(from, -1, 0) != NULL);
	CHECK_STR(sbx_plain(from, -1, 0), "function");
	CHECK(lua_gettop(from) == 1);
	top = lua_gettop(to);
	CHECK(sbx_copy(from, -1, to, 0) == -1);
	CHECK(lua_gettop(to) == top + 1);
	CHECK(lua_istable(to, -1) && S_nkeys(to, -1) == 1);
	lua_settop(to, top);
	lua_settop(from, 0);

	/* A function key: sbx_copy pushes one nil for the key, skips the
	 * value, then pops two, taking the table being built with it. */
	CHECK(luaL_dostring(from, "return { [print] = 1 }") == LUA_OK);
	CHECK(sbx_plain(from, -1, 0) != NULL);
	lua_pushinteger(to, 42); /* a value of the caller's */
	top = lua_gettop(to);
	CHECK(sbx_copy(from, -1, to, 0) == -1);
	/* The bad pair is left out; the stack keeps the caller's value. */
	CHECK(lua_gettop(to) == top + 1);
	CHECK(lua_istable(to, -1));
	CHECK(lua_tointeger(to, -2) == 42);
	lua_settop(to, 0);
	lua_settop(from, 0);

	/* A string key that needs no conversion; numbers stay integers. */
	CHECK(luaL_dostring(from, "return 7") == LUA_OK);
	CHECK(sbx_copy(from, -1, to, 0) == 0);
	CHECK(lua_isinteger(to, -1) && lua_tointeger(to, -1) == 7);
	lua_settop(to, 0);
	lua_settop(from, 0);

	/* Nesting a little deeper than the stack Lua guarantees (20 slots)
	 * works. */
	CHECK(luaL_dostring(from, "local t = 1 for i = 1, 12 do t = { a = t } "
	    "end return t") == LUA_OK);
	CHECK(sbx_plain(from, -1, 0) == NULL);
	CHECK(lua_gettop(from) == 1);
	CHECK(sbx_copy(from, -1, to, 0) == 0);
	CHECK(lua_gettop(to) == 1 && lua_istable(to, -1));
	lua_settop(to, 0);
	lua_settop(from, 0);

	/* A table that holds itself should stop at the depth limit (32).
	 * Both check the Lua stack as they go down, and stop at 32 levels.
	 */
	CHECK(luaL_dostring(from, "local t = {} t.t = t return t") ==
	    LUA_OK);
	CHECK(sbx_plain(from, -1, 0) != NULL);
	CHECK(sbx_copy(from, -1, to, 0) == -1);
	CHECK(lua_gettop(to) == 1);
	lua_settop(to, 0);
	sbx_close(from);
	sbx_close(to);
	sbx_close(NULL);
}

int
main(void)
{
	RUN(test_cfg_defaults);
	RUN(test_cfg_base_url_and_api);
	RUN(test_cfg_title_type);
	RUN(test_cfg_unknown_setting);
	RUN(test_cfg_bad_values);
	RUN(test_cfg_missing_title);
	RUN(test_cfg_syntax_error);
	RUN(test_cfg_sandbox);
	RUN(test_cfg_limits);
	RUN(test_cfg_params);
	RUN(test_cfg_params_function_refused);
	RUN(test_cfg_reassignment_checked);
	RUN(test_cfg_checks);
	RUN(test_cfg_i18n);
	RUN(test_cfg_free_after_failure);
	RUN(test_sbx_copy_and_plain);
	CHECK_EXIT();
}
