/*
 * http: one request in, one response out, both bounded.
 *
 * The request comes from CGI variables (getenv) and the body; every field
 * is validated here before a handler sees it: forms and query strings are
 * URL-decoded into a small table of name/value pairs, each checked for
 * UTF-8 and control characters. The response is built in memory and sent
 * once, with the headers every answer carries.
 */
#ifndef EYSTIME_HTTP_H
#define EYSTIME_HTTP_H

#include <stddef.h>

#include "../common/buf.h"
#include "multipart.h"

#define HTTP_MAX_BODY (16 * 1024)  /* 413 above */
/* A multipart/form-data POST (a form with a photo) may be this long;
 * every other body keeps HTTP_MAX_BODY. */
#define HTTP_MAX_UPLOAD (10 * 1024 * 1024)
#define HTTP_MAX_FILES 2     /* file parts of one request */
#define HTTP_MAX_FIELDS 32
#define HTTP_MAX_URI 4096
#define HTTP_COOKIE_MAX 64   /* bytes of a session cookie's value, NUL too */
/* The session cookies: a participant's, a trainer's. */
#define HTTP_COOKIE_PARTICIPANT "eystime"
#define HTTP_COOKIE_TRAINER "eystime_trainer"

typedef enum { HTTP_GET, HTTP_HEAD, HTTP_POST, HTTP_OTHER } http_method;

typedef struct http_field {
	char *name;  /* decoded, NUL-terminated */
	char *value; /* decoded, valid UTF-8, NUL-terminated */
} http_field;

/* A file part of a multipart/form-data POST: its name, file name and
 * declared type (checked single-line text; the type is the client's
 * word only), its bytes inside http_req's upload body. */
typedef multipart_part http_file;

typedef struct http_req {
	http_method method;
	const char *method_name; /* REQUEST_METHOD, for logs */
	const char *path;    /* PATH_INFO, "/" when empty */
	const char *origin;  /* HTTP_ORIGIN or NULL */
	const char *referer; /* HTTP_REFERER or NULL */
	const char *agent;   /* HTTP_USER_AGENT, "" when absent */
	const char *addr;    /* REMOTE_ADDR or "" */
	int https;           /* HTTPS=on or REQUEST_SCHEME=https */
	int wants_json;      /* Accept names application/json */
	char cookie[HTTP_COOKIE_MAX];  /* the session cookie's value, or "" */
	char tcookie[HTTP_COOKIE_MAX]; /* the trainer session cookie's, or "" */
	http_field query[HTTP_MAX_FIELDS]; /* QUERY_STRING */
	int nquery;
	http_field form[HTTP_MAX_FIELDS];  /* the POST's text fields
	                                    * (urlencoded or multipart) */
	int nform;
	http_file files[HTTP_MAX_FILES]; /* a multipart POST's files, those
	                                  * sent with bytes or a name */
	int nfiles;
	char *upload;        /* a multipart body, which files[] point in */
	int status;          /* 0, or the 4xx that parsing found */
	const char *why;     /* reason for that status, in plain words */
} http_req;

typedef struct http_res {
	int status;        /* 200 unless set */
	const char *type;  /* Content-Type */
	const char *cache; /* Cache-Control; NULL: "private, no-store" (a photo:
	                    * "private, max-age=86400") */
	buf headers;       /* extra header lines, each ending with \r\n */
	buf body;
} http_res;

/* Read the current request. Parsing problems leave req->status set (400,
 * 405, 413…) with req->why; the caller answers with them. */
void http_read(http_req *req);
void http_req_free(http_req *req);

/* A field's value, or NULL. For duplicated names the first one counts. */
const char *http_query(const http_req *req, const char *name);
const char *http_form(const http_req *req, const char *name);
/* The file part named name, or NULL (the first one). */
const http_file *http_file_get(const http_req *req, const char *name);

/*
 * Fill req->form and req->files from a multipart/form-data body
 * (body[0..n), kept by the caller while req is used) of Content-Type ct.
 * Text fields land in req->form as a urlencoded body's would (same
 * checks, same caps); a file part with an empty file name and no bytes
 * (a file input left empty) is dropped. Returns 0, or -1 with the
 * reason in *why. Exposed for the tests and the fuzzer.
 */
int http_parse_multipart(http_req *req, const char *ct, const char *body,
	size_t n, const char **why);

/*
 * Parse "a=1&b=%C3%A9" into fields (appended after *n, at most
 * HTTP_MAX_FIELDS). Returns 0, or -1 for a field that is not valid UTF-8,
 * holds a control character (tab and newlines are allowed in values only
 * when multiline), or exceeds max_len bytes. Exposed for the fuzzer.
 */
int http_parse_form(const char *s, size_t n, http_field *f, int *nf,
	int multiline, size_t max_len);
/* The value of cookie `name` in a Cookie header, copied to out (at most
 * outsz - 1 bytes of [A-Za-z0-9_-]); 0 when found. */
int http_parse_cookie(const char *header, const char *name, char *out,
	size_t outsz);

void http_res_init(http_res *res);
void http_res_free(http_res *res);
void http_header(http_res *res, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Send the response; HEAD requests get the headers only. */
void http_send(const http_req *req, http_res *res);

/* Add "Location: to", with bytes outside printable ASCII (UTF-8 of a
 * lesson's path, spaces, controls) percent-encoded: the header is one
 * line of ASCII whatever `to` holds. */
void http_location(http_res *res, const char *to);

/* 1 when s is an origin: "http://" or "https://", a host of letters,
 * digits, '-' and '.' (or an IPv6 address in brackets), an optional
 * ":port", and nothing after it. */
int http_origin_ok(const char *s);


/* 1 when s is a path of this site to go back to: starts with one "/",
 * then no "/" or "\" as second character, no scheme, no control
 * characters. */
int http_safe_next(const char *s);

#endif
