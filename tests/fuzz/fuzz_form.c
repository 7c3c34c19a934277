/* The CGI's parsers of request data (cgi/http.c): http_parse_form for
 * URL-encoded bodies (multiline) and for QUERY_STRING (single-line, the
 * same function in its other mode), the Cookie header, `next`. Each
 * result is checked against what the handlers rely on. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../cgi/http.h"
#include "../../common/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
S_check_field(const char *s, int multiline)
{
	size_t n = strlen(s), i;

	if (utf8_valid(s, n) != n)
		abort();
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == 0x7f || (c < 0x20 && !(multiline && (c == '\t' ||
		    c == '\n' || c == '\r'))))
			abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	http_field f[HTTP_MAX_FIELDS];
	char cookie[64], *s, *p;
	int n, i, multiline;

	for (multiline = 0; multiline < 2; multiline++) {
		n = 0;
		if (http_parse_form((const char *)data, size, f, &n, multiline,
		    8192) == 0 && n > HTTP_MAX_FIELDS)
			abort();
		for (i = 0; i < n; i++) {
			S_check_field(f[i].name, 0);
			S_check_field(f[i].value, multiline);
			free(f[i].name);
			free(f[i].value);
		}
	}
	s = malloc(size + 1);
	memcpy(s, data, size);
	s[size] = '\0';
	if (http_parse_cookie(s, "eystime", cookie, sizeof cookie) == 0)
		for (p = cookie; *p != '\0'; p++)
			if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOP"
			    "QRSTUVWXYZ0123456789-_", *p))
				abort();
	/* A `next` we accept never leaves the site nor breaks a header. */
	if (http_safe_next(s) && (s[0] != '/' || s[1] == '/' || s[1] == '\\' ||
	    strpbrk(s, "\r\n\\") != NULL))
		abort();
	free(s);
	return 0;
}
