/*
 * libfcgi's stdio layer redefines printf, fread, stdin, stdout, stderr…
 * as macros; it is included here only, behind a plain interface.
 */
#include "io.h"

/* After io.h: its format(printf) attribute must see the real printf. */
#include <fcgi_stdio.h>
#include <stdarg.h>
#include <stdint.h>

#define IO_LOG_LINE 1024 /* a longer log line is cut */

int
io_accept(void)
{
	return FCGI_Accept() >= 0;
}

size_t
io_read(void *p, size_t n)
{
	return fread(p, 1, n, stdin);
}

void
io_write(const void *p, size_t n)
{
	/* FCGI_fwrite takes a non-const pointer but does not write to it. */
	fwrite((void *)(uintptr_t)p, 1, n, stdout);
}

void
io_log(const char *fmt, ...)
{
	char line[IO_LOG_LINE];
	va_list ap;

	char *p;

	va_start(ap, fmt);
	vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	/* One event, one line: a path with a newline must not forge
	 * another line in the web server's log. */
	for (p = line; *p != '\0'; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = '?';
	fprintf(stderr, "eystime-cgi: %s\n", line);
	fflush(stderr);
}
