/*
 * gloss: the site's glossary, gathered from the `glossary:` front matter of
 * every page (and the glossary page, content/glossaire.md or
 * glossary.md). Lessons link the first use of each term to its
 * definition; templates list the terms; search indexes them.
 */
#ifndef EYSTIME_GLOSS_H
#define EYSTIME_GLOSS_H

#include <stddef.h>

#include "../common/buf.h"
#include "diag.h"
#include "fm.h"

typedef struct gloss_term {
	char *term;   /* as the author wrote it */
	char *def;    /* its definition */
	char *fold;   /* lowercased, accents folded, blanks as one space */
	char *anchor; /* id on the glossary page, unique */
	int page;     /* the page that defines it */
} gloss_term;

typedef struct gloss {
	gloss_term *a; /* in alphabetical order (of fold) */
	int n;
	int *by_len;   /* indexes by first byte of fold, then longest first */
	int first[257]; /* by_len[first[c]..first[c+1]) start with byte c */
	int page;      /* the glossary page, or -1 */
} gloss;

/* What gloss_build reads of one page (site_glossary fills them). */
typedef struct gloss_page {
	const char *path;    /* for messages */
	const fm_node *terms; /* its `glossary:` front matter, or NULL */
	int is_glossary;     /* the glossary page itself */
} gloss_page;

/* Gather the terms of pages[0..n), in course order. Two definitions of
 * one term: the first page wins, and a warning to d names the other.
 * gloss_free frees. */
void gloss_build(gloss *g, const gloss_page *pages, int n, diag *d);
void gloss_free(gloss *g);

/* Append the folded form of s[0..n): what matching and sorting use. */
void gloss_fold(buf *out, const char *s, size_t n);

/*
 * The term that starts at text[0..n) (the caller is at a word start), the
 * longest when several do; sets *len to the bytes it covers. Returns its
 * index, or -1.
 */
int gloss_match(const gloss *g, const char *text, size_t n, size_t *len);

#endif
