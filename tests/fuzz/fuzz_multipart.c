/* The multipart/form-data parser (cgi/multipart.c) through
 * http_parse_multipart, as http_read calls it. Input: a Content-Type
 * and a body. Aborts when a result breaks what the
 * handlers rely on: fields clean and bounded, files inside the body.
 * Input starting with "multipart/": its first line is the Content-Type,
 * the rest the body; else all of it is the body, under boundary "B". */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../cgi/http.h"
#include "../../common/text.h"

#define FUZZ_CT_MAX 200

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char ct[FUZZ_CT_MAX + 1] = "multipart/form-data; boundary=B";
	const uint8_t *nl = size >= 10 && memcmp(data, "multipart/", 10) == 0 ?
	    memchr(data, '\n', size < FUZZ_CT_MAX ? size : FUZZ_CT_MAX) : NULL;
	const char *why = NULL, *body;
	size_t n = size, k;
	char *copy;
	http_req req;
	int i;

	if (nl != NULL) {
		k = (size_t)(nl - data);
		memcpy(ct, data, k);
		ct[k] = '\0';
		if (strlen(ct) != k)
			return 0; /* a NUL: getenv could not have given it */
		data = nl + 1;
		n = size - k - 1;
	}
	/* An exact copy: ASan sees any read past the end. */
	copy = malloc(n ? n : 1);
	memcpy(copy, data, n);
	body = copy;
	memset(&req, 0, sizeof req);
	if (http_parse_multipart(&req, ct, body, n, &why) < 0) {
		if (why == NULL || *why == '\0')
			abort();
	} else {
		if (req.nform > HTTP_MAX_FIELDS || req.nfiles > HTTP_MAX_FILES)
			abort();
		for (i = 0; i < req.nform; i++)
			if (!text_clean(req.form[i].name,
			    strlen(req.form[i].name), 0) ||
			    !text_clean(req.form[i].value,
			    strlen(req.form[i].value), 1) ||
			    strlen(req.form[i].value) > 8192 ||
			    req.form[i].name[0] == '\0')
				abort();
		for (i = 0; i < req.nfiles; i++) {
			const http_file *f = &req.files[i];

			if (f->data < body || f->data + f->len > body + n ||
			    !f->is_file || f->name[0] == '\0' ||
			    !text_clean(f->filename, strlen(f->filename), 0) ||
			    !text_clean(f->type, strlen(f->type), 0))
				abort();
		}
	}
	http_req_free(&req);
	free(copy);
	return 0;
}
