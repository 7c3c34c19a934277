/*
 * fm: front matter. Splits the YAML block at the top of a Markdown file and
 * parses it with libyaml into a small tree that keeps the line of every
 * value, so that each later complaint can point at it.
 */
#ifndef EYSTIME_FM_H
#define EYSTIME_FM_H

#include <stddef.h>

#include "diag.h"

typedef enum { FM_SCALAR, FM_SEQ, FM_MAP } fm_type;

typedef struct fm_node {
	fm_type type;
	int line;              /* 1-based line in the Markdown file */
	int plain;             /* a scalar written without quotes */
	char *str;             /* a scalar's text (NUL-terminated) */
	size_t n;              /* items of a sequence; 2 x pairs of a mapping */
	struct fm_node **kids; /* sequence items, or key, value, key, value… */
} fm_node;

typedef struct fm_doc {
	fm_node *root;   /* a mapping, or NULL when there is no front matter */
	size_t body_off; /* where the Markdown starts in the file */
	int body_line;   /* the file line of body_off */
} fm_doc;

/*
 * Parse the front matter of src[0..n). path names the file in messages.
 * Returns 0, or -1 after adding an error to d (doc->root is then NULL).
 * The caller frees doc->root with fm_free.
 */
int fm_parse(const char *src, size_t n, const char *path, diag *d,
	fm_doc *doc);
void fm_free(fm_node *node);

/* The value of key in a mapping, or NULL. */
const fm_node *fm_get(const fm_node *map, const char *key);

#endif
