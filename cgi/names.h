/*
 * names: people's and groups' names as Unicode sees them, with ICU
 * (Debian's libicu): NFC, the characters that show nothing, and the
 * confusable skeleton of Unicode TS #39 by which two names of a group
 * are "the same name" ("Bob", a Cyrillic "Воb", a full-width "Ｂｏｂ").
 * names_init loads ICU's data; the workers call it before the seccomp
 * filter (cgi/main.c), like image_init.
 */
#ifndef EYSTIME_NAMES_H
#define EYSTIME_NAMES_H

#include <stddef.h>

#define NAMES_SKELETON_SIZE 1024 /* a 100-character name's skeleton */

/* 0, or -1 with the reason in err. Once is enough; again is free. */
int names_init(char *err, size_t errsz);
/* s (valid UTF-8) in NFC, a new string the caller frees; NULL when ICU
 * fails (not ready, out of memory). */
char *names_nfc(const char *s);
/* 1 when s (valid UTF-8) has no character that shows nothing: controls,
 * format characters (Cf), default-ignorable code points (U+034F,
 * U+115F, U+3164, U+FE0F, tags…), U+2800, spaces other than U+0020,
 * private use; and at least one character that is not a mark or space. */
int names_visible(const char *s);
/* The skeleton of s into out (n bytes, NUL too): 0, or -1 when ICU
 * fails or it does not fit. */
int names_skeleton(const char *s, char *out, size_t n);

#endif
