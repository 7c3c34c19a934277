/* Link targets written by authors: decoding, resolving inside content/,
 * slugs (Eystime's and GitHub's), glossary folding, the distance of
 * "voulez-vous dire" hints. */
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
		buf_reset(&dec);
		slug_github(&dec, s, size);
		if (dec.len > SLUG_MAX_GITHUB || utf8_valid(dec.data,
		    dec.len) != dec.len)
			abort();
	}
	/* Hints compare the input with a path of its own length: the
	 * distance is bounded, symmetric and 0 to itself. */
	if (size <= URL_DIST_MAX_LEN) {
		int d1 = url_distance(s, "module/lecon", 8);

		if (d1 < 0 || d1 > 9 || d1 != url_distance("module/lecon", s,
		    8) || (strlen(s) == size && url_distance(s, s, 0) != 0))
			abort();
	}
	buf_free(&dec);
	buf_free(&res);
	free(s);
	return 0;
}
