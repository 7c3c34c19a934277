/* What eystime-cgi reads of the built site (cgi/course.c): the lesson
 * manifest, then the page shell with its markers. The input is the
 * manifest, a NUL byte, then the shell (the shell is optional). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../cgi/course.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *nul = memchr(data, '\0', size);
	size_t n = nul != NULL ? (size_t)(nul - data) : size;
	char *text = malloc(n + 1), err[512];
	course c;
	buf out;
	int i;

	memcpy(text, data, n);
	text[n] = '\0';
	memset(&c, 0, sizeof c);
	if (course_parse(&c, text, err, sizeof err) == 0) {
		/* Every lesson is found by its id, in course order. */
		for (i = 0; i < c.nl; i++)
			if (course_lesson(&c, c.l[i].id) == NULL ||
			    strcmp(course_lesson(&c, c.l[i].id)->id,
			    c.l[i].id) != 0)
				abort();
		course_lesson(&c, "");
		if (nul != NULL) {
			c.shell = malloc(size - n);
			memcpy(c.shell, nul + 1, size - n - 1);
			c.shell[size - n - 1] = '\0';
			buf_init(&out, BUF_UNBOUNDED);
			course_page(&c, &out, c.nl > 0 ? c.l[0].title :
			    "<t>", "<main>");
			buf_free(&out);
		}
	}
	course_free(&c);
	free(text);
	return 0;
}
