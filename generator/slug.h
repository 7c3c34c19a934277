/*
 * slug: stable ids and file names made from French text.
 * "Étape 2 : ouvrir" → "etape-2-ouvrir": accents folded, letters lowercased,
 * every other run of characters one hyphen, no hyphen at either end.
 */
#ifndef EYSTIME_SLUG_H
#define EYSTIME_SLUG_H

#include <stddef.h>

#include "../common/buf.h"

/* Append the slug of s[0..n) (valid UTF-8) to out; appends nothing when s
 * has no letter or digit. At most 80 bytes are appended. */
void slug_make(buf *out, const char *s, size_t n);

/* The ASCII letters for a Latin code point with an accent ("é" → "e",
 * "œ" → "oe"), or NULL when there is none. */
const char *slug_fold(unsigned cp);

#endif
