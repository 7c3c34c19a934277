/*
 * diag: the messages an author reads, `path:line: erreur: message`.
 *
 * Workers add messages from any thread; diag_print sorts them (path, line,
 * text) so the output does not depend on --jobs, and prints at most
 * DIAG_MAX_SHOWN of them with a count of the rest. diag_print_json prints
 * all of them as JSON, for editors and CI.
 */
#ifndef EYSTIME_DIAG_H
#define EYSTIME_DIAG_H

#include <pthread.h>
#include <stdio.h>

#include "../common/msg.h"

#define DIAG_MAX_SHOWN 100

/* A note informs (eystime check --external lists links that way); it
 * never fails anything. */
typedef enum { DIAG_ERROR, DIAG_WARNING, DIAG_NOTE } diag_level;

typedef struct diag_msg {
	diag_level level;
	const char *rule; /* the check's name ("image-alt"), static; or NULL */
	char *path; /* file the author can open, as given on the command line */
	int line;   /* 1-based, 0 when the whole file is meant */
	char *text; /* plain words, in the site's language */
	size_t same; /* repeats are told apart by text[0..same) only (a
	              * theme's message, whatever page it is seen in), or 0
	              * for the whole text */
} diag_msg;

typedef struct diag {
	pthread_mutex_t lock;
	diag_msg *a;   /* messages, in the order they came */
	size_t n;      /* number of messages */
	size_t cap;    /* allocated slots */
	int nerrors;   /* messages of level DIAG_ERROR */
	int nwarnings; /* messages of level DIAG_WARNING */
	int strict;    /* warnings are stored as errors (check --strict) */
} diag;

void diag_init(diag *d);
void diag_free(diag *d);
void diag_add(diag *d, diag_level level, const char *path, int line,
	const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* The same for a message of a named check (rule must outlive d). */
void diag_add_rule(diag *d, diag_level level, const char *rule,
	const char *path, int line, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));
/*
 * A message of a theme's template seen in a page: " (page …)" after the
 * text names the page (as the author reaches it); the same message seen
 * in other pages is a repeat, and the first page in order is shown.
 */
void diag_add_page(diag *d, diag_level level, const char *rule,
	const char *path, int line, const char *page, const char *fmt, ...)
	__attribute__((format(printf, 7, 8)));
/* Sort and print every message to f (errors and warnings mixed, in file
 * order); returns the number of errors. Empties the list. */
int diag_print(diag *d, FILE *f);
/* How many different errors and warnings there are (a message repeated
 * on every page that uses a template counts once). */
void diag_counts(diag *d, int *nerrors, int *nwarnings);
/* The same as a JSON array of {path, line, level, rule, message}, every
 * message, no limit. Returns the number of errors; empties the list. */
int diag_print_json(diag *d, FILE *f);

#endif
