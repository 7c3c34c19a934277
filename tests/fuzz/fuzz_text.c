/* A participant's message rendered as HTML: never a tag of theirs. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../cgi/web.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	const char *p;
	buf out;

	memcpy(s, data, size);
	s[size] = '\0';
	buf_init(&out, BUF_UNBOUNDED);
	web_render_text(&out, s);
	/* Every '<' in the output starts one of ours. */
	for (p = out.data; (p = strchr(p, '<')) != NULL; p++)
		if (strncmp(p, "<p>", 3) && strncmp(p, "</p>", 4) &&
		    strncmp(p, "<br>", 4) && strncmp(p, "<a href=\"", 9) &&
		    strncmp(p, "</a>", 4))
			abort();
	buf_free(&out);
	free(s);
	return 0;
}
