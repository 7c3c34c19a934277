#include "buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void *
mem_alloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);

	if (q == NULL) {
		fputs("eystime: out of memory\n", stderr);
		abort();
	}
	return q;
}

char *
mem_strndup(const char *s, size_t n)
{
	char *d = mem_alloc(NULL, n + 1);

	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

char *
mem_strdup(const char *s)
{
	return mem_strndup(s, strlen(s));
}

void
buf_init(buf *b, size_t max)
{
	b->cap = 64;
	b->data = mem_alloc(NULL, b->cap);
	b->data[0] = '\0';
	b->len = 0;
	b->max = max;
	b->overflow = 0;
}

void
buf_free(buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

void
buf_reset(buf *b)
{
	b->len = 0;
	b->overflow = 0;
	if (b->data != NULL)
		b->data[0] = '\0';
}

char *
buf_detach(buf *b)
{
	char *s = b->data;

	if (s == NULL)
		s = mem_strdup("");
	b->data = NULL;
	b->len = b->cap = 0;
	b->overflow = 0;
	return s;
}

/*
 * Make room for n more bytes plus the NUL. Grows by 1.5x like luaL_Buffer,
 * with the overflow checks done before any arithmetic can wrap.
 */
static int
S_grow(buf *b, size_t n)
{
	size_t need, cap;

	if (n > b->max - b->len) {
		b->overflow = 1;
		return -1;
	}
	need = b->len + n + 1;
	if (need <= b->cap)
		return 0;
	cap = b->cap ? b->cap : 64;
	while (cap < need)
		cap = cap + cap / 2 + 16;
	b->data = mem_alloc(b->data, cap);
	b->cap = cap;
	return 0;
}

int
buf_add(buf *b, const void *p, size_t n)
{
	if (S_grow(b, n) < 0)
		return -1;
	memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
	return 0;
}

int
buf_puts(buf *b, const char *s)
{
	return buf_add(b, s, strlen(s));
}

int
buf_putc(buf *b, char c)
{
	return buf_add(b, &c, 1);
}

int
buf_vprintf(buf *b, const char *fmt, va_list ap)
{
	va_list ap2;
	int n;

	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0 || S_grow(b, (size_t)n) < 0)
		return -1;
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
	return 0;
}

int
buf_printf(buf *b, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = buf_vprintf(b, fmt, ap);
	va_end(ap);
	return rc;
}

void
buf_truncate(buf *b, size_t n)
{
	if (n < b->len) {
		b->len = n;
		b->data[n] = '\0';
	}
}
