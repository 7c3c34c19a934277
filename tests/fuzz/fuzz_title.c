/*
 * A page title's inline Markdown (generator/title.c): its HTML holds no
 * tag but ours, and its text is the plain text, so that what a check
 * reads of a page is what the <title>, the feed and the search say.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../common/buf.h"
#include "../../generator/title.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const S_tags[] = {
	"<em>", "</em>", "<strong>", "</strong>", "<code>", "</code>",
	"<del>", "</del>",
};
static const char *const S_ents[][2] = {
	{ "&amp;", "&" }, { "&lt;", "<" }, { "&gt;", ">" },
	{ "&quot;", "\"" }, { "&#39;", "'" },
};

/* html less our tags, its entities decoded, into out; aborts on a tag
 * or an entity that is not ours. */
static void
S_text(const char *html, buf *out)
{
	const char *p = html;
	size_t i, n;

	while (*p != '\0') {
		if (*p == '<') {
			for (i = 0; i < sizeof S_tags / sizeof S_tags[0]; i++)
				if (strncmp(p, S_tags[i], strlen(S_tags[i])) == 0)
					break;
			if (i == sizeof S_tags / sizeof S_tags[0])
				abort();
			p += strlen(S_tags[i]);
		} else if (*p == '&') {
			for (i = 0; i < sizeof S_ents / sizeof S_ents[0]; i++)
				if (strncmp(p, S_ents[i][0],
				    strlen(S_ents[i][0])) == 0)
					break;
			if (i == sizeof S_ents / sizeof S_ents[0])
				abort();
			buf_puts(out, S_ents[i][1]);
			p += strlen(S_ents[i][0]);
		} else {
			n = strcspn(p, "<&");
			buf_add(out, p, n);
			p += n;
		}
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1), *html, *plain;
	buf text;

	memcpy(s, data, size);
	s[size] = '\0';
	if (title_render(s, &html, &plain) == 0) {
		if (strchr(plain, '\n') != NULL && strchr(s, '\n') == NULL)
			abort();
		buf_init(&text, BUF_UNBOUNDED);
		S_text(html, &text);
		if (strcmp(text.data, plain) != 0)
			abort();
		buf_free(&text);
		free(html);
		free(plain);
	} else if (html != NULL || plain != NULL) {
		abort();
	}
	free(s);
	return 0;
}
