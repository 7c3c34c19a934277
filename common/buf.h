/*
 * buf: the one growable byte buffer of Eystime.
 *
 * Invariants: once initialised, `data` ends with a NUL byte at data[len]
 * (it is NULL only after buf_detach, until the next write); `len` never
 * exceeds `max`. A write that would pass
 * `max` is refused, sets `overflow`, and leaves the content as it was, so a
 * bounded buffer can be filled blindly and checked once at the end.
 * Allocation failure aborts the process (mem_alloc): a generator or a CGI
 * worker that cannot get a few KB cannot do anything useful.
 */
#ifndef EYSTIME_BUF_H
#define EYSTIME_BUF_H

#include <stdarg.h>
#include <stddef.h>

#define BUF_UNBOUNDED ((size_t)1 << 40)

typedef struct buf {
	char *data;   /* the bytes, NUL-terminated; owned by the buffer */
	size_t len;   /* bytes used, not counting the NUL */
	size_t cap;   /* bytes allocated */
	size_t max;   /* largest len allowed */
	int overflow; /* set when a write was refused for passing max */
} buf;

/* All allocation goes through here: realloc that aborts on failure. */
void *mem_alloc(void *p, size_t n);
char *mem_strdup(const char *s);
char *mem_strndup(const char *s, size_t n);

void buf_init(buf *b, size_t max);
void buf_free(buf *b);
/* Empty the buffer, keeping its memory. */
void buf_reset(buf *b);
/* Take the string (never NULL); the caller frees it with free(). The
 * buffer is left empty, holding no memory, and may be written again. */
char *buf_detach(buf *b);

/* Each returns 0, or -1 when the write would pass max (then nothing is
 * written and overflow is set). */
int buf_add(buf *b, const void *p, size_t n);
int buf_puts(buf *b, const char *s);
int buf_putc(buf *b, char c);
int buf_printf(buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
int buf_vprintf(buf *b, const char *fmt, va_list ap);
/* Cut the content to n bytes (n <= len). */
void buf_truncate(buf *b, size_t n);

#endif
