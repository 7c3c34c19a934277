#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>

#include "../common/buf.h"
#include "fs.h"
#include "rule.h"
#include "sbx.h"

#define CFG_MAX_FILE (1 << 20)
#define CFG_MAX_MEM (64u << 20)

static int
S_is_lang(const char *s)
{
	size_t n = strlen(s);

	if (n != 2 && !(n == 5 && s[2] == '-'))
		return 0;
	return islower((unsigned char)s[0]) && islower((unsigned char)s[1]) &&
	    (n == 2 || (isalpha((unsigned char)s[3]) &&
	    isalpha((unsigned char)s[4])));
}

static int
S_is_name(const char *s)
{
	if (*s == '\0')
		return 0;
	for (; *s != '\0'; s++)
		if (!islower((unsigned char)*s) && !isdigit((unsigned char)*s) &&
		    *s != '-' && *s != '_')
			return 0;
	return 1;
}

/*
 * checks = { ["phrase-longue"] = "why", … }: each name a rule (rule.h),
 * each with its reason, so that the next author knows why it is off. Sets
 * *off to the rules switched off. Returns NULL, or a message for the
 * author, left on the Lua stack.
 */
static const char *
S_checks(lua_State *L, int idx, unsigned *off)
{
	const char *name, *why;
	char err[RULE_MSG_MAX];

	idx = lua_absindex(L, idx);
	*off = 0;
	lua_pushnil(L);
	while (lua_next(L, idx) != 0) {
		/* lua_tostring would turn a number key into a string and
		 * confuse lua_next: look at the types first. */
		name = lua_type(L, -2) == LUA_TSTRING ? lua_tostring(L, -2) :
		    NULL;
		why = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) :
		    NULL;
		if (name == NULL) {
			lua_pop(L, 2);
			return lua_pushfstring(L, "%s", msg(
			    "checks : chaque ligne s'écrit [\"règle\"] = "
			    "\"pourquoi\"", "checks: each line reads "
			    "[\"rule\"] = \"why\""));
		}
		if (rule_switch_off(off, name, why, RULE_IN_SITE_LUA, err) < 0) {
			lua_pop(L, 2);
			return lua_pushstring(L, err);
		}
		lua_pop(L, 1);
	}
	return NULL;
}

/*
 * __newindex of site.lua's environment: every setting is checked the moment
 * it is made, so the error points at its line, then kept in the table that
 * is upvalue 1.
 */
static int
S_setting(lua_State *L)
{
	const char *key = lua_tostring(L, 2), *s, *bad;
	int t = lua_type(L, 3);

	if (lua_type(L, 2) != LUA_TSTRING)
		return luaL_error(L, "%s", msg("nom de réglage invalide",
		    "invalid setting name"));
	s = t == LUA_TSTRING ? lua_tostring(L, 3) : NULL;
	if (strcmp(key, "title") == 0) {
		if (s == NULL || *s == '\0')
			return luaL_error(L, "%s", msg(
			    "title doit être un texte entre guillemets, "
			    "par exemple title = \"Mon site\"",
			    "title must be text between quotes, "
			    "for example title = \"My site\""));
	} else if (strcmp(key, "language") == 0) {
		if (s == NULL || !S_is_lang(s))
			return luaL_error(L, "%s", msg(
			    "language doit être un code de langue comme \"fr\" "
			    "ou \"en\"",
			    "language must be a language code such as \"fr\" "
			    "or \"en\""));
	} else if (strcmp(key, "theme") == 0) {
		if (s == NULL || !S_is_name(s))
			return luaL_error(L, "%s", msg(
			    "theme doit être le nom d'un dossier de themes/, "
			    "par exemple \"default\"",
			    "theme must be the name of a folder in themes/, "
			    "for example \"default\""));
	} else if (strcmp(key, "base_url") == 0) {
		if (s == NULL || (strncmp(s, "https://", 8) != 0 &&
		    strncmp(s, "http://", 7) != 0) || strpbrk(s, " \"<>") != NULL)
			return luaL_error(L, "%s", msg(
			    "base_url doit être une adresse complète, par exemple "
			    "\"https://cours.example.org/\"",
			    "base_url must be a full address, for example "
			    "\"https://courses.example.org/\""));
	} else if (strcmp(key, "api") == 0) {
		if (s == NULL || (s[0] != '/' && strncmp(s, "https://", 8) != 0
		    && strncmp(s, "http://", 7) != 0) || strpbrk(s, " \"<>"))
			return luaL_error(L, "%s", msg(
			    "api doit être un chemin comme \"/api\"",
			    "api must be a path such as \"/api\""));
	} else if (strcmp(key, "index_links") == 0) {
		if (t != LUA_TBOOLEAN)
			return luaL_error(L, "%s", msg(
			    "index_links vaut true ou false",
			    "index_links is true or false"));
	} else if (strcmp(key, "checks") == 0) {
		unsigned off;

		if (t != LUA_TTABLE)
			return luaL_error(L, "%s", msg(
			    "checks est une table : checks = { [\"phrase-longue\"] "
			    "= \"pourquoi\" }", "checks is a table: checks = { "
			    "[\"phrase-longue\"] = \"why\" }"));
		if ((bad = S_checks(L, 3, &off)) != NULL)
			return luaL_error(L, "%s", bad);
	} else if (strcmp(key, "params") == 0) {
		if (t != LUA_TTABLE)
			return luaL_error(L, "%s", msg(
			    "params doit être une table : params = { ... }",
			    "params must be a table: params = { ... }"));
		if ((bad = sbx_plain(L, 3, 0)) != NULL)
			return luaL_error(L, msg(
			    "params ne peut contenir que du texte, des nombres, "
			    "true/false et des tables (trouvé : %s)",
			    "params may hold only text, numbers, true/false and "
			    "tables (found: %s)"), bad);
	} else {
		return luaL_error(L, msg(
		    "réglage inconnu « %s » (réglages : title, language, "
		    "theme, base_url, api, index_links, checks, params)",
		    "unknown setting \"%s\" (settings: title, language, theme, "
		    "base_url, api, index_links, checks, params)"), key);
	}
	lua_rawset(L, lua_upvalueindex(1));
	return 0;
}

/* Run the file at path in a sandbox and push the table of what it set, or
 * return -1 with the error in d. Used for site.lua and i18n files;
 * `setter`, when not NULL, is the __newindex that checks each setting. */
static int
S_run(lua_State *L, const char *path, lua_CFunction setter, diag *d)
{
	buf src;

	buf_init(&src, CFG_MAX_FILE);
	if (fs_read(path, CFG_MAX_FILE, &src) < 0) {
		diag_add(d, DIAG_ERROR, path, 0, msg("lecture impossible : %s",
		    "cannot read: %s"), strerror(errno));
		buf_free(&src);
		return -1;
	}
	/* What the file sets. With a setter, the chunk's environment stays
	 * empty so that every assignment, even a second one to the same
	 * name, goes through the setter, which stores into this table. */
	lua_newtable(L);
	if (setter != NULL) {
		lua_newtable(L);
		lua_newtable(L);
		lua_pushvalue(L, -3);
		lua_pushcclosure(L, setter, 1);
		lua_setfield(L, -2, "__newindex");
		lua_pushvalue(L, -3);
		lua_setfield(L, -2, "__index");
		lua_setmetatable(L, -2);
	} else {
		lua_pushvalue(L, -1);
	}
	if (sbx_load(L, src.data, src.len, path, -1, d) < 0) {
		buf_free(&src);
		lua_pop(L, 2);
		return -1;
	}
	lua_remove(L, -2);
	buf_free(&src);
	sbx_budget(L, 50);
	if (sbx_call(L, 0, 0, d) < 0) {
		lua_sethook(L, NULL, 0, 0);
		lua_pop(L, 1);
		return -1;
	}
	lua_sethook(L, NULL, 0, 0);
	return 0;
}

static char *
S_get(lua_State *L, const char *key, const char *dflt)
{
	const char *s;

	lua_getfield(L, -1, key);
	s = lua_tostring(L, -1);
	if (s == NULL)
		s = dflt;
	lua_pop(L, 1);
	return s ? mem_strdup(s) : NULL;
}

int
cfg_load(cfg *c, const char *path, diag *d)
{
	const char *bad;
	size_t n;

	memset(c, 0, sizeof *c);
	c->params_ref = c->i18n_ref = LUA_NOREF;
	c->L = sbx_newstate(CFG_MAX_MEM);
	if (c->L == NULL)
		return -1;
	if (S_run(c->L, path, S_setting, d) < 0)
		return -1;
	c->title = S_get(c->L, "title", NULL);
	c->language = S_get(c->L, "language", "fr");
	c->theme = S_get(c->L, "theme", "default");
	c->base_url = S_get(c->L, "base_url", NULL);
	c->api = S_get(c->L, "api", "/api");
	lua_getfield(c->L, -1, "index_links");
	c->index_links = lua_isnil(c->L, -1) || lua_toboolean(c->L, -1);
	lua_pop(c->L, 1);
	lua_getfield(c->L, -1, "params");
	if (lua_isnil(c->L, -1)) {
		lua_pop(c->L, 1);
		lua_newtable(c->L);
	}
	/* Checked again: params.x = … after params = {} sets no setting. */
	if ((bad = sbx_plain(c->L, -1, 0)) != NULL) {
		diag_add(d, DIAG_ERROR, path, 0, msg(
		    "params ne peut contenir que du texte, des nombres, "
		    "true/false et des tables (trouvé : %s)",
		    "params may hold only text, numbers, true/false and "
		    "tables (found: %s)"), bad);
		lua_pop(c->L, 2);
		return -1;
	}
	c->params_ref = luaL_ref(c->L, LUA_REGISTRYINDEX);
	/* Checked again, like params: checks.x = … sets no setting. */
	lua_getfield(c->L, -1, "checks");
	if (lua_istable(c->L, -1) &&
	    (bad = S_checks(c->L, -1, &c->checks_off)) != NULL) {
		diag_add(d, DIAG_ERROR, path, 0, "%s", bad);
		lua_pop(c->L, 3);
		return -1;
	}
	lua_pop(c->L, 2);
	if (c->base_url != NULL && (n = strlen(c->base_url)) > 0 &&
	    c->base_url[n - 1] != '/') {
		c->base_url = mem_alloc(c->base_url, n + 2);
		memcpy(c->base_url + n, "/", 2);
	}
	n = strlen(c->api);
	while (n > 1 && c->api[n - 1] == '/')
		c->api[--n] = '\0';
	/* "https://host/path/" → "/path/" */
	{
		const char *p = c->base_url ? strstr(c->base_url, "://") : NULL;

		p = p ? strchr(p + 3, '/') : NULL;
		c->root = mem_strdup(p ? p : "/");
	}
	if (c->title == NULL) {
		diag_add(d, DIAG_ERROR, path, 0, "%s", msg(
		    "title manque : ajoutez une ligne title = \"Nom du site\"",
		    "title is missing: add a line title = \"Site name\""));
		return -1;
	}
	msg_set_language(c->language);
	return 0;
}

int
cfg_i18n(cfg *c, const char *theme_dir, diag *d)
{
	const char *bad;
	buf path;
	int rc;

	buf_init(&path, BUF_MAX_PATH);
	buf_printf(&path, "%s/i18n/%s.lua", theme_dir, c->language);
	if (!fs_exists(path.data)) {
		diag_add(d, DIAG_ERROR, path.data, 0, msg(
		    "le thème n'a pas de traductions pour la langue « %s »",
		    "the theme has no translations for the language \"%s\""),
		    c->language);
		buf_free(&path);
		return -1;
	}
	rc = S_run(c->L, path.data, NULL, d);
	if (rc == 0 && (bad = sbx_plain(c->L, -1, 0)) != NULL) {
		diag_add(d, DIAG_ERROR, path.data, 0, msg(
		    "les traductions ne peuvent contenir que du texte, des "
		    "nombres, true/false et des tables (trouvé : %s)",
		    "translations may hold only text, numbers, true/false and "
		    "tables (found: %s)"), bad);
		lua_pop(c->L, 1);
		rc = -1;
	}
	buf_free(&path);
	if (rc < 0)
		return -1;
	c->i18n_ref = luaL_ref(c->L, LUA_REGISTRYINDEX);
	return 0;
}

void
cfg_free(cfg *c)
{
	sbx_close(c->L);
	free(c->title);
	free(c->language);
	free(c->theme);
	free(c->base_url);
	free(c->api);
	free(c->root);
	memset(c, 0, sizeof *c);
}
