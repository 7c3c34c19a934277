/*
 * diag: the messages an author reads, `path:line: erreur: message`.
 *
 * Workers add messages from any thread; diag_print sorts them (path, line,
 * text) so the output does not depend on --jobs, and prints at most
 * DIAG_MAX_SHOWN of them with a count of the rest.
 */
#ifndef EYSTIME_DIAG_H
#define EYSTIME_DIAG_H

#include <pthread.h>
#include <stdio.h>

#include "../common/msg.h"

#define DIAG_MAX_SHOWN 100

typedef enum { DIAG_ERROR, DIAG_WARNING } diag_level;

typedef struct diag_msg {
	diag_level level;
	char *path; /* file the author can open, as given on the command line */
	int line;   /* 1-based, 0 when the whole file is meant */
	char *text; /* plain words, in the site's language */
} diag_msg;

typedef struct diag {
	pthread_mutex_t lock;
	diag_msg *a;  /* messages, in the order they came */
	size_t n;     /* number of messages */
	size_t cap;   /* allocated slots */
	int nerrors;  /* messages of level DIAG_ERROR */
} diag;

void diag_init(diag *d);
void diag_free(diag *d);
void diag_add(diag *d, diag_level level, const char *path, int line,
	const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* Sort and print every message to f (errors and warnings mixed, in file
 * order); returns the number of errors. Empties the list. */
int diag_print(diag *d, FILE *f);

#endif
