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

/*
 * The caps of the usual kinds of bounded buffer: past them a write is
 * refused and `overflow` set, so an absurd input fails cleanly instead of
 * filling the memory.
 */
#define BUF_MAX_NAME 256           /* a file name's slug, a date */
#define BUF_MAX_SHORT 4096         /* a message, a hint, a link's text,
                                    * a heading's id, a slug */
#define BUF_MAX_PATH 8192          /* a file path, an address, a link */
#define BUF_MAX_TEXT (1u << 16)    /* a title, a term, a line, a query */
#define BUF_MAX_BLOCK (1u << 20)   /* a block of HTML made whole, a
                                    * scaffolded file */
/* The stack chunk files are read by. */
#define BUF_CHUNK 65536

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
