/*
 * app: the routes of eystime-cgi (DESIGN.md section 5, docs/cgi.md),
 * from one table: a method, a path pattern, the role it needs, its
 * fields with their validators, its handler. One web_app per process;
 * app_handle answers one request.
 */
#ifndef EYSTIME_APP_H
#define EYSTIME_APP_H

#include "web.h"

/*
 * Open the database and read the site named by the environment
 * (EYSTIME_DB, EYSTIME_SITE, EYSTIME_ORIGIN). Returns 0, or -1 with
 * a->error set: the process then answers 503 with that reason.
 */
int app_open(web_app *a);
void app_close(web_app *a);
/* Answer one request (read from the CGI environment). */
void app_handle(web_app *a);

#endif
