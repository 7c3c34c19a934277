/* The CGI's parsers of request data: forms and query strings (both
 * modes), the Cookie header, `next`. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../cgi/http.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	http_field f[HTTP_MAX_FIELDS];
	char cookie[64], *s;
	int n, i, multiline;

	for (multiline = 0; multiline < 2; multiline++) {
		n = 0;
		http_parse_form((const char *)data, size, f, &n, multiline, 8192);
		for (i = 0; i < n; i++) {
			free(f[i].name);
			free(f[i].value);
		}
	}
	s = malloc(size + 1);
	memcpy(s, data, size);
	s[size] = '\0';
	http_parse_cookie(s, "eystime", cookie, sizeof cookie);
	http_safe_next(s);
	free(s);
	return 0;
}
