/*
 * url: the addresses written in pages, as plain strings: external or not,
 * %XX decoding, resolving a link against the page it is written in, and
 * the relative address from one page to another. Nothing here knows the
 * site: which page or file an address names is md.c's and check.c's
 * business (site_find, site_has_asset).
 */
#ifndef EYSTIME_GENERATOR_URL_H
#define EYSTIME_GENERATOR_URL_H

#include <stddef.h>

#include "../common/buf.h"

/* 1 when the address has a scheme ("https:", "mailto:") or starts with
 * "//": a link that leaves the site. */
int url_is_external(const char *u);

/* Decode %XX escapes of s[0..n) into out (appended); fails (-1) on a
 * NUL byte. */
int url_decode(buf *out, const char *s, size_t n);

/* Append s to out with %XX for every byte an address cannot hold as it
 * is (a blank, "%", a quote, "<", non-ASCII…): "Mon Module/é.png" →
 * "Mon%20Module/%C3%A9.png". "/" and the other URL delimiters stay. */
void url_encode(buf *out, const char *s);

/*
 * Resolve the link target `path` written in the page whose source is src
 * (under content/): relative to src's folder, or to content/ when it starts
 * with "/". Writes the clean path under content/ to out (reset first).
 * Returns -1 when the path leaves content/.
 */
int url_resolve(buf *out, const char *src, const char *path);

/*
 * Append to out the relative address from the folder `from` (a page url,
 * "" for the root) to `to` (a url or a file path from the root).
 * "budget/01-a/" to "budget/02-b/" is "../02-b/"; to itself is "./".
 */
void url_relative(buf *out, const char *from, const char *to);

/* The longest path url_distance compares; longer ones are never near. */
#define URL_DIST_MAX_LEN 255

/*
 * How far apart two paths are, for "voulez-vous dire …" hints: the
 * Levenshtein distance on bytes (one insertion, deletion or substitution
 * costs 1), computed only up to max: any distance above max, or a path
 * longer than URL_DIST_MAX_LEN, gives max + 1. Costs O(max * length).
 */
int url_distance(const char *a, const char *b, int max);

#endif
