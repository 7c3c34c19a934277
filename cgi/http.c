#include "http.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../common/msg.h"
#include "../common/text.h"
#include "io.h"

#define HTTP_MAX_FIELD 8192
#define HTTP_DRAIN_CHUNK 16384         /* bytes read at once to drain */
/* A body drained, at most: what the web servers of docs/deploy.md let
 * through on the photo routes (11 MB), so that an answer refusing it
 * still reaches the client under plain CGI. */
#define HTTP_DRAIN_MAX (11L << 20)
#define HTTP_HEADERS_MAX 16384         /* the handlers' extra headers */
#define HTTP_RESPONSE_MAX (16u << 20)  /* a response body */
#define HTTP_HEAD_MAX 32768            /* all the header lines */
#define HTTP_NEXT_MAX 1024             /* bytes of a `next` path */

static int
S_hex(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = tolower(c);
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* Decode one URL-encoded component s[0..n) into a new string; NULL when
 * it holds a bad escape or a NUL. */
static char *
S_decode(const char *s, size_t n)
{
	char *out = mem_alloc(NULL, n + 1), *o = out;
	size_t i;
	int hi, lo;

	for (i = 0; i < n; i++) {
		if (s[i] == '+') {
			*o++ = ' ';
		} else if (s[i] == '%') {
			if (i + 2 >= n)
				goto bad;
			hi = S_hex((unsigned char)s[i + 1]);
			lo = S_hex((unsigned char)s[i + 2]);
			if (hi < 0 || lo < 0 || (hi == 0 && lo == 0))
				goto bad;
			*o++ = (char)(hi * 16 + lo);
			i += 2;
		} else if (s[i] == '\0') {
			goto bad;
		} else {
			*o++ = s[i];
		}
	}
	*o = '\0';
	return out;
bad:
	free(out);
	return NULL;
}

int
http_parse_form(const char *s, size_t n, http_field *f, int *nf,
	int multiline, size_t max_len)
{
	const char *end = s + n, *amp, *eq;
	char *name, *value;

	while (s < end) {
		amp = memchr(s, '&', (size_t)(end - s));
		if (amp == NULL)
			amp = end;
		if (amp == s) {
			s++;
			continue;
		}
		if (*nf >= HTTP_MAX_FIELDS)
			return -1;
		eq = memchr(s, '=', (size_t)(amp - s));
		if (eq == NULL)
			eq = amp;
		/* A decoded byte is at most 3 encoded ones (%XX): the
		 * limit is the decoded one (1,400 Cyrillic letters are 2,800
		 * bytes, 8,400 encoded); this only stops a huge field early. */
		if ((size_t)(amp - s) > 3 * max_len + 64)
			return -1;
		name = S_decode(s, (size_t)(eq - s));
		value = S_decode(eq < amp ? eq + 1 : amp,
		    eq < amp ? (size_t)(amp - eq - 1) : 0);
		if (name == NULL || value == NULL ||
		    !text_clean(name, strlen(name), 0) ||
		    !text_clean(value, strlen(value), multiline) ||
		    strlen(value) > max_len) {
			free(name);
			free(value);
			return -1;
		}
		f[*nf].name = name;
		f[*nf].value = value;
		(*nf)++;
		s = amp + 1;
	}
	return 0;
}

int
http_parse_cookie(const char *header, const char *name, char *out,
	size_t outsz)
{
	size_t nlen = strlen(name), k;
	const char *p = header;

	while (p != NULL && *p != '\0') {
		while (*p == ' ' || *p == ';')
			p++;
		if (strncmp(p, name, nlen) == 0 && p[nlen] == '=') {
			p += nlen + 1;
			for (k = 0; k + 1 < outsz && (isalnum((unsigned char)p[k])
			    || p[k] == '-' || p[k] == '_'); k++)
				out[k] = p[k];
			if (p[k] != '\0' && p[k] != ';' && p[k] != ' ')
				return -1;
			out[k] = '\0';
			return k > 0 ? 0 : -1;
		}
		p = strchr(p, ';');
	}
	return -1;
}

static const char *
S_env(const char *name)
{
	const char *v = getenv(name);

	return v != NULL ? v : "";
}

static void
S_fail(http_req *req, int status, const char *why)
{
	if (req->status == 0) {
		req->status = status;
		req->why = why;
	}
}

/*
 * Read and drop a body that will not be used (too long, wrong type): a
 * plain CGI that answers before reading its input can see the web server
 * reset the connection and lose the answer. Bounded: past
 * HTTP_DRAIN_MAX the web server itself should have refused it.
 */
static void
S_drain(long n)
{
	char tmp[HTTP_DRAIN_CHUNK];
	size_t k;

	if (n > HTTP_DRAIN_MAX)
		n = HTTP_DRAIN_MAX;
	while (n > 0 && (k = io_read(tmp, n < (long)sizeof tmp ? (size_t)n :
	    sizeof tmp)) > 0)
		n -= (long)k;
}

int
http_parse_multipart(http_req *req, const char *ct, const char *body,
	size_t n, const char **why)
{
	multipart_part parts[MULTIPART_MAX_PARTS];
	char boundary[MULTIPART_MAX_BOUNDARY + 1];
	int nparts, i;

	if (multipart_boundary(ct, boundary, sizeof boundary, why) < 0 ||
	    multipart_parse(body, n, boundary, parts, MULTIPART_MAX_PARTS,
	    &nparts, HTTP_MAX_FIELD, why) < 0)
		return -1;
	for (i = 0; i < nparts; i++) {
		if (parts[i].is_file) {
			if (parts[i].filename[0] == '\0' && parts[i].len == 0)
				continue;
			if (req->nfiles >= HTTP_MAX_FILES) {
				*why = msg("formulaire : trop de fichiers",
				    "form: too many files");
				return -1;
			}
			req->files[req->nfiles++] = parts[i];
			continue;
		}
		if (req->nform >= HTTP_MAX_FIELDS) {
			*why = msg("formulaire : trop de champs",
			    "form: too many fields");
			return -1;
		}
		req->form[req->nform].name = mem_strdup(parts[i].name);
		req->form[req->nform].value = mem_strndup(parts[i].data,
		    parts[i].len);
		req->nform++;
	}
	return 0;
}

/* A multipart/form-data body of n bytes (a form with a photo): read
 * whole, up to HTTP_MAX_UPLOAD, kept in req->upload. */
static void
S_read_multipart(http_req *req, const char *ct, long n)
{
	size_t len = (size_t)n, got = 0, k;
	const char *why;

	if (n > HTTP_MAX_UPLOAD) {
		S_fail(req, 413, msg("envoi trop lourd (10 Mo au plus)",
		    "upload too large (10 MB at most)"));
		S_drain(n);
		return;
	}
	req->upload = mem_alloc(NULL, len + 1);
	while (got < len && (k = io_read(req->upload + got, len - got)) > 0)
		got += k;
	req->upload[got] = '\0';
	if (got != len) {
		S_fail(req, 400, msg("demande incomplète",
		    "incomplete request"));
		return;
	}
	if (http_parse_multipart(req, ct, req->upload, len, &why) < 0)
		S_fail(req, 400, why);
}

void
http_read(http_req *req)
{
	const char *m = S_env("REQUEST_METHOD"), *q = S_env("QUERY_STRING"),
	    *ct = S_env("CONTENT_TYPE"), *cl = S_env("CONTENT_LENGTH"),
	    *accept = S_env("HTTP_ACCEPT"), *scheme = S_env("REQUEST_SCHEME");
	char *body = NULL;
	size_t len = 0, got = 0, k;
	long n;
	char *end;

	memset(req, 0, sizeof *req);
	req->path = S_env("PATH_INFO");
	if (*req->path == '\0')
		req->path = "/";
	req->origin = getenv("HTTP_ORIGIN");
	req->referer = getenv("HTTP_REFERER");
	req->agent = S_env("HTTP_USER_AGENT");
	req->addr = S_env("REMOTE_ADDR");
	req->https = strcasecmp(S_env("HTTPS"), "on") == 0 ||
	    strcasecmp(scheme, "https") == 0;
	req->wants_json = strstr(accept, "application/json") != NULL;
	if (strcmp(m, "GET") == 0)
		req->method = HTTP_GET;
	else if (strcmp(m, "HEAD") == 0)
		req->method = HTTP_HEAD;
	else if (strcmp(m, "POST") == 0)
		req->method = HTTP_POST;
	else
		req->method = HTTP_OTHER;
	req->method_name = m;
	n = strtol(cl, &end, 10);
	if (*cl == '\0' || *end != '\0' || n < 0)
		n = -1;
	if (strlen(req->path) > HTTP_MAX_URI || strlen(q) > HTTP_MAX_URI) {
		S_fail(req, 414, msg("adresse trop longue", "address too long"));
		S_drain(n);
		return;
	}
	if (http_parse_cookie(S_env("HTTP_COOKIE"), HTTP_COOKIE_PARTICIPANT,
	    req->cookie, sizeof req->cookie) < 0)
		req->cookie[0] = '\0';
	if (http_parse_cookie(S_env("HTTP_COOKIE"), HTTP_COOKIE_TRAINER,
	    req->tcookie, sizeof req->tcookie) < 0)
		req->tcookie[0] = '\0';
	if (http_parse_form(q, strlen(q), req->query, &req->nquery, 0,
	    HTTP_MAX_FIELD) < 0)
		S_fail(req, 400, msg("paramètre d'adresse invalide",
		    "invalid address parameter"));
	if (req->method != HTTP_POST) {
		S_drain(n);
		return;
	}

	/* The body: urlencoded, at most HTTP_MAX_BODY bytes. */
	if (n < 0) {
		S_fail(req, 411, msg("longueur de la demande manquante",
		    "missing request length"));
		return;
	}
	if (strncasecmp(ct, "multipart/form-data", 19) == 0) {
		S_read_multipart(req, ct, n);
		return;
	}
	if (n > HTTP_MAX_BODY) {
		S_fail(req, 413, msg("message trop long (16 Ko au plus)",
		    "message too long (16 KB at most)"));
		S_drain(n);
		return;
	}
	if (strncasecmp(ct, "application/x-www-form-urlencoded", 33) != 0) {
		S_fail(req, 415, msg("format de formulaire non accepté",
		    "form format not accepted"));
		S_drain(n);
		return;
	}
	len = (size_t)n;
	body = mem_alloc(NULL, len + 1);
	while (got < len && (k = io_read(body + got, len - got)) > 0)
		got += k;
	if (got != len) {
		free(body);
		S_fail(req, 400, msg("demande incomplète",
		    "incomplete request"));
		return;
	}
	if (http_parse_form(body, len, req->form, &req->nform, 1,
	    HTTP_MAX_FIELD) < 0)
		S_fail(req, 400, msg("formulaire invalide (caractères "
		    "illisibles ou trop de champs)", "invalid form (unreadable "
		    "characters or too many fields)"));
	free(body);
}

static void
S_fields_free(http_field *f, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		free(f[i].name);
		free(f[i].value);
	}
}

void
http_req_free(http_req *req)
{
	S_fields_free(req->query, req->nquery);
	S_fields_free(req->form, req->nform);
	req->nquery = req->nform = req->nfiles = 0;
	free(req->upload);
	req->upload = NULL;
}

static const char *
S_get(const http_field *f, int n, const char *name)
{
	int i;

	for (i = 0; i < n; i++)
		if (strcmp(f[i].name, name) == 0)
			return f[i].value;
	return NULL;
}

const char *
http_query(const http_req *req, const char *name)
{
	return S_get(req->query, req->nquery, name);
}

const char *
http_form(const http_req *req, const char *name)
{
	return S_get(req->form, req->nform, name);
}

const http_file *
http_file_get(const http_req *req, const char *name)
{
	int i;

	for (i = 0; i < req->nfiles; i++)
		if (strcmp(req->files[i].name, name) == 0)
			return &req->files[i];
	return NULL;
}

void
http_res_init(http_res *res)
{
	res->status = 200;
	res->type = "text/html; charset=utf-8";
	res->cache = NULL;
	buf_init(&res->headers, HTTP_HEADERS_MAX);
	buf_init(&res->body, HTTP_RESPONSE_MAX);
}

void
http_res_free(http_res *res)
{
	buf_free(&res->headers);
	buf_free(&res->body);
}

void
http_header(http_res *res, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(&res->headers, fmt, ap);
	va_end(ap);
	buf_puts(&res->headers, "\r\n");
}

/* Reason phrase of a status. */
static const char *
S_reason(int status)
{
	switch (status) {
	case 200: return "OK";
	case 303: return "See Other";
	case 400: return "Bad Request";
	case 403: return "Forbidden";
	case 401: return "Unauthorized";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 411: return "Length Required";
	case 413: return "Payload Too Large";
	case 414: return "URI Too Long";
	case 410: return "Gone";
	case 415: return "Unsupported Media Type";
	case 429: return "Too Many Requests";
	case 500: return "Internal Server Error";
	case 503: return "Service Unavailable";
	}
	return "Unknown";
}

void
http_send(const http_req *req, http_res *res)
{
	buf h;

	buf_init(&h, HTTP_HEAD_MAX);
	buf_printf(&h, "Status: %d %s\r\n", res->status,
	    S_reason(res->status));
	buf_printf(&h, "Content-Type: %s\r\n", res->type);
	buf_printf(&h, "Content-Length: %zu\r\n", res->body.len);
	buf_printf(&h, "Cache-Control: %s\r\n", res->cache != NULL ?
	    res->cache : "private, no-store");
	buf_puts(&h, "X-Content-Type-Options: nosniff\r\n"
	    "Referrer-Policy: same-origin\r\n"
	    "X-Frame-Options: DENY\r\n"
	    "Content-Security-Policy: default-src 'self'; img-src 'self' "
	    "data:; style-src 'self'; script-src 'self'; "
	    "frame-ancestors 'none'; form-action 'self'; base-uri 'none'\r\n");
	buf_add(&h, res->headers.data, res->headers.len);
	buf_puts(&h, "\r\n");
	io_write(h.data, h.len);
	if (req->method != HTTP_HEAD)
		io_write(res->body.data, res->body.len);
	buf_free(&h);
}

int
http_safe_next(const char *s)
{
	const char *p;

	if (s == NULL || s[0] != '/' || s[1] == '/' || s[1] == '\\')
		return 0;
	for (p = s; *p != '\0'; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f || *p == '\\')
			return 0;
	return strlen(s) <= HTTP_NEXT_MAX;
}

void
http_location(http_res *res, const char *to)
{
	const unsigned char *p;

	buf_puts(&res->headers, "Location: ");
	for (p = (const unsigned char *)to; *p != '\0'; p++)
		if (*p <= 0x20 || *p >= 0x7f || *p == '"')
			buf_printf(&res->headers, "%%%02X", *p);
		else
			buf_putc(&res->headers, (char)*p);
	buf_puts(&res->headers, "\r\n");
}

int
http_origin_ok(const char *s)
{
	const char *p;
	size_t n;

	if (strncmp(s, "https://", 8) == 0)
		p = s + 8;
	else if (strncmp(s, "http://", 7) == 0)
		p = s + 7;
	else
		return 0;
	if (*p == '[') {
		n = strspn(p + 1, "0123456789abcdefABCDEF:.");
		if (n == 0 || p[1 + n] != ']')
			return 0;
		p += n + 2;
	} else {
		n = strspn(p, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
		    "0123456789-.");
		if (n == 0 || p[0] == '.' || p[0] == '-')
			return 0;
		p += n;
	}
	if (*p == ':') {
		n = strspn(p + 1, "0123456789");
		if (n == 0 || n > 5 || atoi(p + 1) > 65535)
			return 0;
		p += n + 1;
	}
	return *p == '\0';
}
