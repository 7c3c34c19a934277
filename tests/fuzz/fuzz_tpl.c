/* The template compiler, then Lua's own parser on what it made: any
 * template must give Lua source that loads or a clean error. */
#include <stddef.h>
#include <stdint.h>

#include <lauxlib.h>

#include "../../common/buf.h"
#include "../../generator/diag.h"
#include "../../generator/sbx.h"
#include "../../generator/tpl.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	diag d;
	buf lua;
	lua_State *L;

	diag_init(&d);
	buf_init(&lua, BUF_UNBOUNDED);
	if (tpl_compile((const char *)data, size, "fuzz.html", &lua, &d) == 0) {
		L = sbx_newstate(64u << 20);
		lua_newtable(L);
		if (sbx_load(L, lua.data, lua.len, "fuzz.html", 1, &d) == 0)
			lua_pop(L, 1);
		sbx_close(L);
	}
	buf_free(&lua);
	diag_free(&d);
	return 0;
}
