/*
 * multipart: an RFC 7578 multipart/form-data body, already in memory,
 * cut into its parts.
 *
 * Nothing is allocated: each part's name, file name and type are copied
 * into fixed arrays of the part, its bytes point into the body (which
 * must outlive the parts). Every count and size is capped; a body that
 * passes a cap, or that breaks the grammar, is refused whole with a
 * reason in plain words (msg(): French, or English). Text fields (parts
 * without filename=) are checked as URL-encoded fields are (text_clean:
 * UTF-8, no control character but tab and newlines; names single-line).
 */
#ifndef EYSTIME_MULTIPART_H
#define EYSTIME_MULTIPART_H

#include <stddef.h>

#define MULTIPART_MAX_BOUNDARY 70  /* RFC 2046's limit */
#define MULTIPART_MAX_PARTS 32     /* parts of one body */
#define MULTIPART_MAX_HEAD 2048    /* header bytes of one part */
#define MULTIPART_MAX_NAME 64      /* bytes of a field's name */
#define MULTIPART_MAX_FILENAME 255 /* bytes of a file's name */
#define MULTIPART_MAX_TYPE 127     /* bytes of a part's Content-Type */

typedef struct multipart_part {
	char name[MULTIPART_MAX_NAME + 1];  /* form field name, never "" */
	char filename[MULTIPART_MAX_FILENAME + 1]; /* "" for a text field */
	char type[MULTIPART_MAX_TYPE + 1];  /* declared Content-Type or "" */
	int is_file;         /* filename= was given (even empty) */
	const char *data;    /* the content, inside the body */
	size_t len;          /* its bytes */
} multipart_part;

/*
 * The boundary of a Content-Type header value ("multipart/form-data;
 * boundary=…", the parameter quoted or not), copied to out (NUL too, so
 * outsz > MULTIPART_MAX_BOUNDARY). Returns 0, or -1 with *why set when
 * the type is not multipart/form-data or the boundary is missing, empty,
 * longer than 70 bytes or holds a character RFC 2046 does not allow.
 */
int multipart_boundary(const char *content_type, char *out, size_t outsz,
	const char **why);

/*
 * Cut body[0..n) into at most maxparts parts (≤ MULTIPART_MAX_PARTS),
 * stored in parts[0..*nparts). A text field's value is at most max_text
 * bytes; a file's bytes are not looked at. Returns 0, or -1 with *why
 * set (and *nparts meaningless): a missing or misplaced delimiter, a
 * line that does not end with CRLF, a part without Content-Disposition:
 * form-data or without a name, a header, a name or a value too long or
 * not clean text, too many parts, a missing closing delimiter.
 */
int multipart_parse(const char *body, size_t n, const char *boundary,
	multipart_part *parts, int maxparts, int *nparts, size_t max_text,
	const char **why);

#endif
