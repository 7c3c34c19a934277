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

/*
 * Append to out the id GitHub gives a heading of text s[0..n) (valid
 * UTF-8), as github-slugger makes it, for Latin text: letters lowercased
 * with their accents kept, ASCII spaces made hyphens (not merged),
 * letters, digits, "-" and "_" kept, punctuation and symbols dropped
 * ("Qu’est-ce que l’accessibilité ?" → "quest-ce-que-laccessibilité").
 * At most SLUG_MAX_GITHUB bytes are appended.
 */
#define SLUG_MAX_GITHUB 200
void slug_github(buf *out, const char *s, size_t n);

/* The ASCII letters for a Latin code point with an accent ("é" → "e",
 * "œ" → "oe"), or NULL when there is none. */
const char *slug_fold(unsigned cp);

#endif
