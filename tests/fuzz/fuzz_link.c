/* Link targets written by authors: decoding, resolving inside content/,
 * slugs and glossary folding. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../common/buf.h"
#include "../../common/text.h"
#include "../../generator/gloss.h"
#include "../../generator/md.h"
#include "../../generator/slug.h"
#include "../../generator/url.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	buf dec, res;
	char *s = malloc(size + 1);

	memcpy(s, data, size);
	s[size] = '\0';
	buf_init(&dec, 1 << 16);
	buf_init(&res, 1 << 16);
	if (url_decode(&dec, s, size) == 0 && !dec.overflow &&
	    url_resolve(&res, "module/lecon.md", dec.data) == 0) {
		/* A resolved path never climbs out of content/. */
		if (strncmp(res.data, "../", 3) == 0 ||
		    strstr(res.data, "/../") != NULL)
			abort();
	}
	/* The text functions want valid UTF-8, as the generator gives them. */
	if (utf8_valid(s, size) == size) {
		buf_reset(&dec);
		slug_make(&dec, s, size);
		if (dec.len > 80)
			abort();
		buf_reset(&dec);
		gloss_fold(&dec, s, size);
	}
	buf_free(&dec);
	buf_free(&res);
	free(s);
	return 0;
}
