/*
 * text: escaping and UTF-8 checks shared by the generator and the CGI.
 */
#ifndef EYSTIME_TEXT_H
#define EYSTIME_TEXT_H

#include <stddef.h>

#include "buf.h"

/* Append s[0..n) escaped for HTML text and attribute values (& < > " ').
 * Returns buf_add's result. */
int html_escape(buf *b, const char *s, size_t n);
/* How many bytes at the start of s[0..n) html_escape leaves as they are
 * (n: nothing to escape). */
size_t html_plain_len(const char *s, size_t n);

/*
 * Check that s[0..n) is well-formed UTF-8 (no overlongs, no surrogates, no
 * code point above U+10FFFF). Returns the length when valid, else the byte
 * offset of the first bad sequence.
 */
size_t utf8_valid(const char *s, size_t n);

/*
 * 1 when s[0..n) is a clean form field: valid UTF-8, no NUL, no DEL and
 * no control character but \t \n \r when multiline. The one check of
 * every field the CGI reads (URL-encoded and multipart alike).
 */
int text_clean(const char *s, size_t n, int multiline);

/* Decode one code point at s (at most n bytes, already validated);
 * store its length in *len. */
unsigned utf8_decode(const char *s, size_t n, size_t *len);

/*
 * Copy src into dst (n bytes, NUL included), cut when too long at the
 * last whole UTF-8 character that fits: a cut never splits one (a group
 * name of 100 emoji in a short buffer stays valid UTF-8). src NULL
 * copies "". Returns the bytes copied, 0 when n is 0.
 */
size_t text_copy(char *dst, size_t n, const char *src);

/* Append s escaped for a JSON string (without the quotes); < > & too,
 * so that the JSON can sit in HTML. */
void json_escape(buf *b, const char *s);

/* 1-based line number of byte offset off in s. */
int text_line_of(const char *s, size_t off);

#endif
