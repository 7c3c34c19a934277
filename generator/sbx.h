/*
 * sbx: Lua states for code an author or a theme wrote (site.lua, i18n files,
 * templates). Each state has a memory ceiling and an instruction budget, and
 * its chunks see only the globals the caller gives them.
 */
#ifndef EYSTIME_SBX_H
#define EYSTIME_SBX_H

#include <stddef.h>

#include <lua.h>

#include "diag.h"

/* A new state with the base, string, table, math and utf8 libraries
 * opened, at most max_mem bytes, or NULL when out of memory. */
lua_State *sbx_newstate(size_t max_mem);
/* Close a state made by sbx_newstate. */
void sbx_close(lua_State *L);

/* Give the running code a fresh budget of about `n` million instructions;
 * past it the code fails with "trop long (boucle sans fin ?)". */
void sbx_budget(lua_State *L, int n);

/*
 * Load the text chunk src[0..n) named `path` (shown in messages) and leave
 * it on the stack with env as its _ENV (env is the table at index envidx).
 * Returns 0, or -1 after adding the syntax error to d.
 */
int sbx_load(lua_State *L, const char *src, size_t n, const char *path,
	int envidx, diag *d);

/* Call the function below its nargs arguments; on failure add the error to
 * d at the position Lua gave, and return -1. Pushes nothing on success
 * but the nresults. */
int sbx_call(lua_State *L, int nargs, int nresults, diag *d);
/* The same for a template rendering a page: the message also names the
 * page (diag_add_page), as the author reaches it; page may be NULL. */
int sbx_call_page(lua_State *L, int nargs, int nresults, diag *d,
	const char *page);

/*
 * Push onto `to` a deep copy of the value at idx in `from`: strings,
 * numbers, booleans and tables of them. Returns 0, or -1 (pushing nil)
 * for any other value or past 32 levels.
 */
int sbx_copy(lua_State *from, int idx, lua_State *to, int depth);

/* Check that the value at idx holds only what sbx_copy copies; returns
 * NULL or a short description of the first bad key path. */
const char *sbx_plain(lua_State *L, int idx, int depth);

#endif
