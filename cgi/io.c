/*
 * libfcgi's stdio layer redefines printf, fread, stdin, stdout, stderr…
 * as macros; it is included here only, behind a plain interface.
 */
#include "io.h"
/* Before libfcgi's macros too (buf.h declares printf-like functions). */
#include "../common/text.h"

/* After io.h: its format(printf) attribute must see the real printf. */
#include <fcgi_stdio.h>
#include <stdarg.h>
#include <stdint.h>
#include <string.h>

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
	char line[IO_LOG_LINE], out[4 * IO_LOG_LINE + 1];
	size_t i = 0, n, k = 0, len;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	/* One event, one line, readable text: a control character (a
	 * newline would forge another line in the web server's log), a
	 * byte that is not UTF-8 (0xff from a path) and the backslash are
	 * written \xHH, so that what a request sent is shown, never
	 * obeyed by the terminal or the log reader (issue 18). */
	n = strlen(line);
	while (i < n) {
		unsigned char ch = (unsigned char)line[i];

		len = 1;
		if (ch >= 0x80 && utf8_valid(line + i, n - i) > 0)
			(void)utf8_decode(line + i, n - i, &len);
		else if (ch >= 0x80 || ch < 0x20 || ch == 0x7f || ch == '\\') {
			k += (size_t)snprintf(out + k, sizeof out - k, "\\x%02x",
			    ch);
			i++;
			continue;
		}
		memcpy(out + k, line + i, len);
		k += len;
		i += len;
	}
	out[k] = '\0';
	fprintf(stderr, "eystime-cgi: %s\n", out);
	fflush(stderr);
}
