/* eystime import, one page: front matter (YAML, or Hugo's TOML), title
 * from the first heading, headings moved down, links and generator codes
 * scanned line by line. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "../../common/buf.h"
#include "../../generator/import.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	buf out;

	buf_init(&out, BUF_UNBOUNDED);
	import_convert((const char *)data, size, &out);
	buf_free(&out);
	return 0;
}
