#include "sbx.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>
#include <lualib.h>

#include "../common/buf.h"

typedef struct sbx_mem {
	size_t used; /* bytes the state holds */
	size_t max;  /* ceiling */
} sbx_mem;

static void *
S_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
	sbx_mem *m = ud;
	void *p;

	if (ptr == NULL)
		osize = 0;
	if (nsize == 0) {
		free(ptr);
		m->used -= osize;
		return NULL;
	}
	if (nsize > osize && nsize - osize > m->max - m->used)
		return NULL;
	p = realloc(ptr, nsize);
	if (p != NULL)
		m->used = m->used - osize + nsize;
	return p;
}

static int
S_panic(lua_State *L)
{
	const char *s = lua_tostring(L, -1);

	fprintf(stderr, "eystime: lua: %s\n", s ? s : "?");
	abort();
}

static void
S_hook(lua_State *L, lua_Debug *ar)
{
	(void)ar;
	luaL_error(L, "%s", msg("trop long à exécuter (boucle sans fin ?)",
	    "takes too long to run (endless loop?)"));
}

void
sbx_budget(lua_State *L, int n)
{
	lua_sethook(L, S_hook, LUA_MASKCOUNT, n * 1000000);
}

lua_State *
sbx_newstate(size_t max_mem)
{
	static const luaL_Reg libs[] = {
		{ LUA_GNAME, luaopen_base },
		{ LUA_STRLIBNAME, luaopen_string },
		{ LUA_TABLIBNAME, luaopen_table },
		{ LUA_MATHLIBNAME, luaopen_math },
		{ LUA_UTF8LIBNAME, luaopen_utf8 },
		{ NULL, NULL },
	};
	sbx_mem *m = mem_alloc(NULL, sizeof *m);
	lua_State *L;
	const luaL_Reg *lib;

	m->used = 0;
	m->max = max_mem;
	L = lua_newstate(S_alloc, m);
	if (L == NULL) {
		free(m);
		return NULL;
	}
	lua_atpanic(L, S_panic);
	for (lib = libs; lib->func != NULL; lib++) {
		luaL_requiref(L, lib->name, lib->func, 1);
		lua_pop(L, 1);
	}
	return L;
}

void
sbx_close(lua_State *L)
{
	void *ud;

	if (L == NULL)
		return;
	lua_getallocf(L, &ud);
	lua_close(L);
	free(ud);
}

/*
 * Find the position in a Lua message "path:line: text": the path may hold
 * colons, the line is the first ":digits: ". Returns 1 and sets *pathlen,
 * *line and *text when there is one.
 */
static int
S_split(const char *err, size_t *pathlen, long *line, const char **text)
{
	const char *p, *q;

	for (p = err; *p != '\0'; p++) {
		if (*p != ':' || p[1] < '0' || p[1] > '9')
			continue;
		for (q = p + 1; *q >= '0' && *q <= '9'; q++)
			;
		if (*q == ':' && q[1] == ' ') {
			*pathlen = (size_t)(p - err);
			*line = strtol(p + 1, NULL, 10);
			*text = q + 2;
			return 1;
		}
	}
	return 0;
}

/* Add a Lua error message "path:line: text" to d as a diagnostic. */
static void
S_report(diag *d, const char *err, const char *page)
{
	const char *text;
	size_t pathlen;
	long line;
	char *path;

	if (!S_split(err, &pathlen, &line, &text)) {
		if (page != NULL)
			diag_add_page(d, DIAG_ERROR, NULL, NULL, 0, page, "%s",
			    err);
		else
			diag_add(d, DIAG_ERROR, NULL, 0, "%s", err);
		return;
	}
	path = mem_strndup(err, pathlen);
	if (page != NULL)
		diag_add_page(d, DIAG_ERROR, NULL, path, (int)line, page, "%s",
		    text);
	else
		diag_add(d, DIAG_ERROR, path, (int)line, "%s", text);
	free(path);
}

/*
 * Lua cuts chunk names to 60 bytes in its messages, so chunks are named
 * "@#N" and N finds the real path in the registry table eystime.paths.
 */
static void
S_push_fixed(lua_State *L, const char *m)
{
	const char *p;
	lua_Integer n = 0;

	if (m[0] != '#' || m[1] < '0' || m[1] > '9') {
		lua_pushstring(L, m);
		return;
	}
	for (p = m + 1; *p >= '0' && *p <= '9'; p++)
		n = n * 10 + (*p - '0');
	lua_getfield(L, LUA_REGISTRYINDEX, "eystime.paths");
	if (lua_istable(L, -1) && lua_rawgeti(L, -1, n) == LUA_TSTRING) {
		lua_pushfstring(L, "%s%s", lua_tostring(L, -1), p);
		lua_replace(L, -3);
		lua_pop(L, 1);
		return;
	}
	lua_pop(L, lua_istable(L, -1) ? 2 : 1);
	lua_pushstring(L, m);
}

int
sbx_load(lua_State *L, const char *src, size_t n, const char *path,
	int envidx, diag *d)
{
	char name[32];
	lua_Integer id;
	int rc;

	envidx = lua_absindex(L, envidx);
	if (lua_getfield(L, LUA_REGISTRYINDEX, "eystime.paths") != LUA_TTABLE) {
		lua_pop(L, 1);
		lua_newtable(L);
		lua_pushvalue(L, -1);
		lua_setfield(L, LUA_REGISTRYINDEX, "eystime.paths");
	}
	id = (lua_Integer)lua_rawlen(L, -1) + 1;
	lua_pushstring(L, path);
	lua_rawseti(L, -2, id);
	lua_pop(L, 1);
	snprintf(name, sizeof name, "@#%lld", (long long)id);
	rc = luaL_loadbufferx(L, src, n, name, "t");
	if (rc != LUA_OK) {
		buf msgb;

		S_push_fixed(L, lua_tostring(L, -1));
		/* Lua says where; add what to look at, in plain words. */
		buf_init(&msgb, BUF_MAX_TEXT);
		buf_printf(&msgb, "%s %s", lua_tostring(L, -1), msg(
		    "(syntaxe : vérifiez les guillemets, virgules, parenthèses "
		    "et les « end »)", "(syntax: check quotes, commas, "
		    "brackets and \"end\")"));
		S_report(d, msgb.data, NULL);
		buf_free(&msgb);
		lua_pop(L, 2);
		return -1;
	}
	lua_pushvalue(L, envidx);
	lua_setupvalue(L, -2, 1);
	return 0;
}

/*
 * Message handler: an error raised inside a C helper has no position, so
 * take the line of the nearest Lua function on the stack.
 */
static int
S_msgh(lua_State *L)
{
	const char *m = lua_tostring(L, 1), *text;
	lua_Debug ar;
	size_t pathlen;
	long line;
	int level;

	if (m == NULL)
		m = msg("erreur sans message", "error without a message");
	if (!S_split(m, &pathlen, &line, &text)) {
		for (level = 1; lua_getstack(L, level, &ar); level++) {
			lua_getinfo(L, "Sl", &ar);
			if (ar.currentline > 0 && ar.source[0] == '@') {
				lua_pushfstring(L, "%s:%d: %s", ar.source + 1,
				    ar.currentline, m);
				S_push_fixed(L, lua_tostring(L, -1));
				return 1;
			}
		}
	}
	S_push_fixed(L, m);
	return 1;
}

int
sbx_call(lua_State *L, int nargs, int nresults, diag *d)
{
	return sbx_call_page(L, nargs, nresults, d, NULL);
}

int
sbx_call_page(lua_State *L, int nargs, int nresults, diag *d,
	const char *page)
{
	int base = lua_gettop(L) - nargs, rc;

	lua_pushcfunction(L, S_msgh);
	lua_insert(L, base);
	rc = lua_pcall(L, nargs, nresults, base);
	lua_remove(L, base);
	if (rc != LUA_OK) {
		S_report(d, lua_tostring(L, -1), page);
		lua_pop(L, 1);
		return -1;
	}
	return 0;
}

int
sbx_copy(lua_State *from, int idx, lua_State *to, int depth)
{
	size_t n;
	const char *s;
	int rc = 0;

	idx = lua_absindex(from, idx);
	if (!lua_checkstack(from, 4) || !lua_checkstack(to, 4)) {
		lua_pushnil(to);
		return -1;
	}
	switch (lua_type(from, idx)) {
	case LUA_TSTRING:
		s = lua_tolstring(from, idx, &n);
		lua_pushlstring(to, s, n);
		return 0;
	case LUA_TNUMBER:
		if (lua_isinteger(from, idx))
			lua_pushinteger(to, lua_tointeger(from, idx));
		else
			lua_pushnumber(to, lua_tonumber(from, idx));
		return 0;
	case LUA_TBOOLEAN:
		lua_pushboolean(to, lua_toboolean(from, idx));
		return 0;
	case LUA_TTABLE:
		if (depth > 32)
			break;
		lua_newtable(to);
		lua_pushnil(from);
		while (lua_next(from, idx) != 0) {
			/* A key or value that cannot be copied is left out. */
			if (sbx_copy(from, -2, to, depth + 1) < 0) {
				lua_pop(to, 1);
				rc = -1;
			} else if (sbx_copy(from, -1, to, depth + 1) < 0) {
				lua_pop(to, 2);
				rc = -1;
			} else {
				lua_rawset(to, -3);
			}
			lua_pop(from, 1);
		}
		return rc;
	default:
		break;
	}
	lua_pushnil(to);
	return -1;
}

const char *
sbx_plain(lua_State *L, int idx, int depth)
{
	const char *bad = NULL;
	int t;

	idx = lua_absindex(L, idx);
	t = lua_type(L, idx);
	if (t == LUA_TSTRING || t == LUA_TNUMBER || t == LUA_TBOOLEAN)
		return NULL;
	if (t != LUA_TTABLE)
		return lua_typename(L, t);
	if (depth > 32 || !lua_checkstack(L, 4))
		return msg("tables trop imbriquées", "tables nested too deep");
	lua_pushnil(L);
	while (bad == NULL && lua_next(L, idx) != 0) {
		if (lua_type(L, -2) != LUA_TSTRING &&
		    lua_type(L, -2) != LUA_TNUMBER)
			bad = lua_typename(L, lua_type(L, -2));
		else
			bad = sbx_plain(L, -1, depth + 1);
		lua_pop(L, 1);
	}
	if (bad != NULL)
		lua_pop(L, 1);
	return bad;
}
