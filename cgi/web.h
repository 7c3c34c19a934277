/*
 * web: one request being answered, and the one family of helpers every
 * handler answers through: the theme's page shell, errors (HTML, or
 * JSON when asked), redirects, cookies, JSON, dates, links.
 *
 * A request goes: app (route table, field validators, role) → a handler
 * in participant.c or trainer.c → web_* to answer. Everything a web_*
 * function writes goes to c->res; nothing it returns needs freeing.
 */
#ifndef EYSTIME_WEB_H
#define EYSTIME_WEB_H

#include "../common/buf.h"
#include "auth.h"
#include "course.h"
#include "http.h"
#include "store.h"

/* Caps of the buffers pages are built in. */
#define WEB_SMALL (4 * 1024)         /* a path, a link, a label */
#define WEB_FORM_PAGE (64 * 1024)    /* a form, an error page */
#define WEB_LIST_PAGE (1024 * 1024)  /* a list of groups, my progress */
#define WEB_BIG_PAGE (16u << 20)     /* a discussion, a matrix, cards */

#define WEB_MAX_IDS 4      /* :id segments of a path */
#define WEB_MAX_FIELDS 16  /* validated fields of a route */
#define WEB_LOGIN_SIZE 128 /* a trainer's login as the store copies it */

/* The process: what every request reads. One per process (app_open). */
typedef struct web_app {
	store *db;          /* the SQLite store */
	course site;        /* the built site: manifest and page shell */
	char *origin;       /* EYSTIME_ORIGIN: "https://host" */
	long long session_life; /* EYSTIME_SESSION_DAYS, in seconds */
	const char *error;  /* set when the process could not start */
} web_app;

/* The roles a route needs, and that a session gives. */
typedef enum {
	WEB_ROLE_NONE,        /* anyone; no session is read */
	WEB_ROLE_ANY,         /* anyone; the session is read when there is one */
	WEB_ROLE_PARTICIPANT, /* a participant's session (cookie eystime) */
	WEB_ROLE_TRAINER      /* a trainer's session (cookie eystime_trainer) */
} web_role;

/* One field of the request, once validated. */
typedef struct web_value {
	const char *name;   /* the field's name */
	const char *s;      /* its value, NULL when absent */
	long long n;        /* a number or an enum's index, set by validators */
	const void *p;      /* what it names (a course_item for a lesson) */
	char *own;          /* a copy the validator made (s points in it) */
} web_value;

/* One request being answered. */
typedef struct web_ctx {
	web_app *a;
	http_req *req;
	http_res *res;
	long long now;       /* time of the request */
	int trainer;         /* the path is in the trainer space (/trainer…) */
	web_role role;       /* the session's: NONE, PARTICIPANT or TRAINER */
	unsigned char hash[AUTH_HASH_LEN]; /* the session token's hash */
	store_who who;       /* the participant, when role is PARTICIPANT */
	long long tid;       /* the trainer, when role is TRAINER */
	char login[WEB_LOGIN_SIZE]; /* their login */
	long long id[WEB_MAX_IDS]; /* the path's :id segments, in order */
	int nid;
	web_value val[WEB_MAX_FIELDS]; /* the route's fields, validated */
	int nval;
} web_ctx;

/* Validated fields (the handler reads nothing else of the request). */
const web_value *web_field(const web_ctx *c, const char *name);
/* Its value, or NULL when absent. */
const char *web_str(const web_ctx *c, const char *name);
/* Its number (an id, an enum's index), or 0 when absent. */
long long web_num(const web_ctx *c, const char *name);
/* The lesson a validated lesson field names, or NULL. */
const course_item *web_lesson(const web_ctx *c, const char *name);

/* Read the session cookie of the request's space into c->role, c->hash,
 * c->who or c->tid and c->login. */
void web_session(web_ctx *c);
/* Failed tries counted under two keys (login_failures) in the last
 * `window` seconds, each key with its free tries before auth_delay's
 * doubling delay: the seconds still to wait before another try (0: go
 * on) in *wait, and in why the sentence that says so. A store error
 * is answered here (web_store_fail) and returned. */
int web_wait(web_ctx *c, const char *k1, int free1, const char *k2,
	int free2, long long window, long long *wait, buf *why);
/* One key of a limit and its free tries (web_try). */
typedef struct web_limit {
	const char *key;  /* "login:x@addr", "join:*"… */
	int free;         /* failures in the window before auth_delay's */
} web_limit;
/* web_wait for n keys (at most STORE_FAIL_KEYS), and counted before the
 * try is made, in one transaction: STORE_OK when the try may go, one
 * failure then counted under every key (ids in id[]: forgive them with
 * store_fail_forget when the try succeeds, store_fail_move them to the
 * answer's time when it fails); STORE_LIMIT with the seconds to wait in
 * *wait and the sentence in why; another code after web_store_fail. */
int web_try(web_ctx *c, const web_limit *lim, int n, long long window,
	long long *wait, buf *why, long long id[]);
/* 1 when cookies get Secure: the request came over TLS (HTTPS=on,
 * REQUEST_SCHEME=https) or EYSTIME_ORIGIN is https (a proxy in front
 * ends TLS and talks plain HTTP to the web server). */
int web_secure(const web_ctx *c);
/* What a person calls her device, from its User-Agent: "Android ·
 * Chrome", "iPhone · Safari", "Windows · Firefox"…; "" when unknown. */
#define WEB_DEVICE_SIZE 48
/* s percent-encoded for a query string (RFC 3986 unreserved kept). */
void web_urlenc(buf *b, const char *s);
void web_device(const char *agent, char *out, size_t size);

/* ---- Answers: each replaces what c->res held ---- */

/* The theme's page shell with title and main (HTML) at its markers,
 * main wrapped for the trainer space. A page too large is a 500. */
void web_page(web_ctx *c, int status, const char *title, const char *main);
/* A JSON body (a complete document). */
void web_json(web_ctx *c, int status, const char *json);
/* A 4xx or 5xx: a short page in plain words, or {"error":why} when the
 * request asks for JSON; Retry-After on 429 and 503; one log line. */
void web_fail(web_ctx *c, int status, const char *why);
/* 503 for a store error (STORE_BUSY, STORE_FULL, STORE_ERROR), with the
 * words for each. */
void web_store_fail(web_ctx *c, int rc);
/* 404 in the words of the request's space. */
void web_not_found(web_ctx *c);
/* 303 See Other to `to` (a path). */
void web_redirect(web_ctx *c, const char *to);
/* 303 to <api> + the formatted path. */
void web_redirect_api(web_ctx *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Set the session cookie of the request's space (value "" and max_age 0
 * clear it): HttpOnly, Path and SameSite of that space, Secure when
 * web_secure says so (the same for both spaces). */
void web_cookie(web_ctx *c, const char *value, long long max_age);
/* The body as it is, with its type (CSV, JSON downloads). */
void web_body(web_ctx *c, const char *type, const buf *b);

/* One field a confirmation form sends again, as it came. */
typedef struct web_hidden {
	const char *name;
	const char *value;
} web_hidden;

#define WEB_MAX_HIDDEN 4 /* fields a confirmation form sends again */

/* "Are you sure?": what a destructive POST without confirm=1 answers. */
typedef struct web_confirm_page {
	const char *title; /* the question: "Effacer vos données ?" */
	const char *lost;  /* HTML, escaped: what will be lost, in plain words */
	const char *action; /* the form's path after the api prefix */
	web_hidden hidden[WEB_MAX_HIDDEN]; /* sent again (csrf and confirm
	                                    * are added); name NULL ends */
	const char *go;    /* the destructive button: "Oui, effacer…" */
	const char *keep;  /* the safe choice: "Non, garder mes données" */
	const char *back;  /* where keep leads: a full path (api included) */
} web_confirm_page;

/* 1 when the request's validated `confirm` field is 1: the person saw
 * the confirmation page and chose to go on. */
int web_confirmed(const web_ctx *c);
/* 200 with the confirmation page: the question, what will be lost, the
 * safe choice first as the primary button (a link back), the destructive
 * one a form (class danger) that posts the same fields with confirm=1.
 * A request for JSON gets 409 {"error":"confirm"}. Nothing is changed. */
void web_confirm(web_ctx *c, const web_confirm_page *p);

/* ---- Pieces of pages ---- */

/* Append s escaped for HTML. */
void web_esc(buf *b, const char *s);
/* Append <api> + the formatted path, escaped for an attribute. */
void web_api_link(const web_ctx *c, buf *b, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Append <a href="root + url">title</a> for a lesson or module. */
void web_link(const web_ctx *c, buf *b, const course_item *it);
/* `next` when it is a path of this site, else the site's home. */
const char *web_next(const web_ctx *c, const char *next);
/* The form token of the session, for the request's space. */
void web_csrf(const web_ctx *c, char out[AUTH_CSRF_SIZE]);
/* 1 when the request's csrf form field is that token. */
int web_csrf_ok(const web_ctx *c);

/* ---- Dates, in the site's language, local time ---- */

/* The name of month mon (0 to 11). */
const char *web_month(int mon);
/* "26 novembre à 9 h 05" or "November 26, 9:05". */
void web_date(buf *b, long long t);
/* "26 novembre 2026" or "November 26, 2026". */
void web_longday(buf *b, long long t);
/* "26/11", or with iso "2026-11-26". */
void web_day(buf *b, long long t, int iso);

/* ---- Participants' text ---- */

/* Render a message as HTML: escaped, paragraphs kept, links clickable
 * with rel="nofollow ugc noopener". */
void web_render_text(buf *out, const char *text);
/* 1 when the text holds an address that web_render_text makes a link. */
int web_has_link(const char *text);

#endif
