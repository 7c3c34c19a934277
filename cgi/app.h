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
/* 1 when the text holds an address that app_render_text makes a link. */
int app_has_link(const char *text);

/* Helpers the trainer space shares with the participant pages. */
/* Code points of valid UTF-8 text. */
size_t app_chars(const char *s);
/* A copy of s without blanks at either end; the caller frees it. */
char *app_trim(const char *s);
/* "26 novembre à 9 h 05" (or English), local time. */
void app_date(buf *b, long long t);
/* The name of month mon (0 to 11) in the language of the request. */
const char *app_month(int mon);
/* 1 when a name has no control, invisible or direction character. */
int app_name_ok(const char *s);
/* The key of an address for rate limits (an IPv6 address by its /64). */
void app_addr_key(const char *addr, char *out, size_t outsz);
/* A row id from a form or query field: 1 to 15 digits, else 0. */
long long app_id(const char *s);
/* Append participant who's data as JSON (GET /me/export). Returns a
 * STORE_ code. */
int app_export(app *a, buf *b, const store_who *who);
/* The form token of a session (hash: its token's hash), for one purpose
 * ("csrf", "trainer-csrf"): 32 hex digits into out. */
void app_csrf(const char *purpose, const unsigned char hash[STORE_HASH_LEN],
	char out[33]);
/* 1 when the request's csrf field is that token. */
int app_csrf_ok(const http_req *req, const char *purpose,
	const unsigned char hash[STORE_HASH_LEN]);

#endif
