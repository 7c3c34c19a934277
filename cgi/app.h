/*
 * app: the routes of eystime-cgi (DESIGN.md section 5) and the pages it
 * shows. One app per process; app_handle answers one request.
 */
#ifndef EYSTIME_APP_H
#define EYSTIME_APP_H

#include "../common/buf.h"
#include "course.h"
#include "http.h"
#include "store.h"

typedef struct app {
	store *db;          /* the SQLite store */
	course site;        /* the built site: manifest and page shell */
	char *origin;       /* EYSTIME_ORIGIN: "https://host" */
	const char *error;  /* set when the process could not start */
} app;

/*
 * Open the database and read the site named by the environment
 * (EYSTIME_DB, EYSTIME_SITE, EYSTIME_ORIGIN). Returns 0, or -1 with
 * a->error set: the process then answers 503 with that reason.
 */
int app_open(app *a);
void app_close(app *a);
/* Answer one request (read from the CGI environment). */
void app_handle(app *a);

/* Render a message as HTML: escaped, paragraphs kept, links clickable
 * with rel="nofollow ugc noopener". Exposed for the fuzzer. */
void app_render_text(buf *out, const char *text);

#endif
