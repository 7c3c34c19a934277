/* cgi/multipart.c and http_parse_multipart: good bodies as browsers send
 * them, every refusal with its reason, the boundary split at every
 * offset, CRLF edge cases. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../cgi/http.h"
#include "../../cgi/multipart.h"
#include "../../common/msg.h"
#include "check.h"

#define B "----eystimeB0undary"
#define CT "multipart/form-data; boundary=" B

/* A photo form as Chromium sends it: two text fields, a file. */
static const char S_good[] =
    "--" B "\r\n"
    "Content-Disposition: form-data; name=\"lesson\"\r\n\r\n"
    "intro/bienvenue\r\n"
    "--" B "\r\n"
    "Content-Disposition: form-data; name=\"body\"\r\n\r\n"
    "Ligne un\r\nLigne deux é\r\n"
    "--" B "\r\n"
    "Content-Disposition: form-data; name=\"photo\"; "
    "filename=\"écran.jpg\"\r\n"
    "Content-Type: image/jpeg\r\n\r\n"
    "\xff\xd8\xff\x00\r\n\x01" "binary--" B "x\r\n"
    "--" B "--\r\n";

static int
S_parse(const char *body, size_t n, multipart_part *p, int *np,
	const char **why)
{
	*why = NULL;
	return multipart_parse(body, n, B, p, MULTIPART_MAX_PARTS, np, 8192,
	    why);
}

static void
test_boundary(void)
{
	char b[MULTIPART_MAX_BOUNDARY + 1];
	const char *why = NULL;
	char long71[128];

	CHECK(multipart_boundary(CT, b, sizeof b, &why) == 0);
	CHECK_STR(b, B);
	CHECK(multipart_boundary("Multipart/Form-Data;charset=utf-8; "
	    "BOUNDARY=\"a b'()+_,-./:=?\"", b, sizeof b, &why) == 0);
	CHECK_STR(b, "a b'()+_,-./:=?");
	CHECK(multipart_boundary("multipart/form-data; boundary=x;", b,
	    sizeof b, &why) == 0);
	CHECK_STR(b, "x");
	/* Refusals, each with its reason. */
	why = NULL;
	CHECK(multipart_boundary("multipart/mixed; boundary=x", b, sizeof b,
	    &why) == -1 && why != NULL);
	why = NULL;
	CHECK(multipart_boundary("multipart/form-datax; boundary=x", b,
	    sizeof b, &why) == -1 && why != NULL);
	why = NULL;
	CHECK(multipart_boundary("multipart/form-data", b, sizeof b, &why) ==
	    -1 && strstr(why, "manquant") != NULL);
	CHECK(multipart_boundary("multipart/form-data; boundary=", b,
	    sizeof b, &why) == -1 && strstr(why, "vide") != NULL);
	CHECK(multipart_boundary("multipart/form-data; boundary=\"\"", b,
	    sizeof b, &why) == -1 && strstr(why, "vide") != NULL);
	CHECK(multipart_boundary("multipart/form-data; boundary=\"ab \"", b,
	    sizeof b, &why) == -1);
	CHECK(multipart_boundary("multipart/form-data; boundary=a<b", b,
	    sizeof b, &why) == -1 && strstr(why, "interdit") != NULL);
	CHECK(multipart_boundary("multipart/form-data; boundary=\"a\"b\"", b,
	    sizeof b, &why) == -1);
	CHECK(multipart_boundary("multipart/form-data; boundary=a; "
	    "boundary=b", b, sizeof b, &why) == -1 &&
	    strstr(why, "deux") != NULL);
	CHECK(multipart_boundary("multipart/form-data; boundary=\"abc", b,
	    sizeof b, &why) == -1 && strstr(why, "mal formé") != NULL);
	CHECK(multipart_boundary("multipart/form-data; =x", b, sizeof b,
	    &why) == -1);
	memset(long71, 'a', 71);
	long71[71] = '\0';
	{
		char ct[160];

		snprintf(ct, sizeof ct, "multipart/form-data; boundary=%s",
		    long71);
		CHECK(multipart_boundary(ct, b, sizeof b, &why) == -1 &&
		    strstr(why, "trop long") != NULL);
		snprintf(ct, sizeof ct, "multipart/form-data; boundary=%s",
		    long71 + 1);
		CHECK(multipart_boundary(ct, b, sizeof b, &why) == 0);
		CHECK(strlen(b) == 70);
	}
}

static void
test_good(void)
{
	multipart_part p[MULTIPART_MAX_PARTS];
	const char *why;
	int n = -1;

	CHECK(S_parse(S_good, sizeof S_good - 1, p, &n, &why) == 0);
	CHECK(why == NULL);
	CHECK(n == 3);
	if (n != 3)
		return;
	CHECK_STR(p[0].name, "lesson");
	CHECK(!p[0].is_file && p[0].len == 15 &&
	    memcmp(p[0].data, "intro/bienvenue", 15) == 0);
	CHECK_STR(p[1].name, "body");
	CHECK(p[1].len == 23 && memcmp(p[1].data, "Ligne un\r\nLigne deux "
	    "\xc3\xa9", 23) == 0);
	CHECK_STR(p[2].name, "photo");
	CHECK(p[2].is_file);
	CHECK_STR(p[2].filename, "écran.jpg");
	CHECK_STR(p[2].type, "image/jpeg");
	/* The file's bytes as sent: NUL, CRLF, a near-boundary. */
	CHECK(p[2].len == 16 + strlen(B));
	CHECK(memcmp(p[2].data, "\xff\xd8\xff\x00\r\n\x01" "binary", 13) == 0);
}

/* Each body, and the reason it must give (a piece of the French). */
static const struct {
	const char *body;
	const char *why;
} S_bad[] = {
	{ "", "introuvable" },
	{ "hello", "introuvable" },
	{ "--" B, "mal terminé" },
	{ "--" B "x\r\n", "mal terminé" },
	{ "--" B "\n", "mal terminé" },           /* LF alone */
	{ "--" B "\r", "mal terminé" },
	{ "--" B "\r\n\r\nvalue\r\n--" B "--", "Content-Disposition "
	    "manquant" },
	{ "--" B "\r\nContent-Disposition: form-data; name=\"a\"\r\n",
	    "incomplets" },
	{ "--" B "\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nv",
	    "séparateur de fin" },
	{ "--" B "\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nv"
	    "\r\n--" B, "mal terminé" },
	{ "--" B "\r\nContent-Disposition: form-data; name=\"a\"\n\r\nv\r\n--"
	    B "--", "incomplets" },                   /* LF alone */
	{ "--" B "\r\nContent-Disposition: form-data; name=\"a\"\n"
	    "X: y\r\n\r\nv\r\n--" B "--", "CRLF" },
	{ "--" B "\r\nContent-Disposition: form-data; name=\"a\"\r\n"
	    "X-Bare: a\rb\r\n\r\nv\r\n--" B "--", "CRLF" },  /* CR alone */
	{ "--" B "\r\nContent-Disposition: form-data; name=\"a\"\r\n"
	    ": nameless\r\n\r\nv\r\n--" B "--", "mal formée" },
	{ "--" B "\r\nContent-Disposition: attachment; name=\"a\"\r\n\r\nv"
	    "\r\n--" B "--", "form-data" },
	{ "--" B "\r\nContent-Disposition: form-data\r\n\r\nv\r\n--" B "--",
	    "pas de nom" },
	{ "--" B "\r\nContent-Disposition: form-data; name=\"\"\r\n\r\nv"
	    "\r\n--" B "--", "nom de champ" },
	{ "--" B "\r\nContent-Disposition: form-data; name=\"a\"; "
	    "name=\"b\"\r\n\r\nv\r\n--" B "--", "nom de champ" },
	{ "--" B "\r\nContent-Disposition: form-data; name=\"a\x01\"\r\n"
	    "\r\nv\r\n--" B "--", "nom de champ" },
	{ "--" B "\r\nContent-Disposition: form-data; name=\"a\r\n\r\nv"
	    "\r\n--" B "--", "mal formé" },
	{ "--" B "\r\nContent-Disposition: form-data; name=\"a\"; "
	    "filename=\"x\x7f\"\r\n\r\nv\r\n--" B "--", "nom de fichier" },
	{ "--" B "\r\nContent-Disposition: form-data; name=\"a\"\r\n"
	    "Content-Disposition: form-data; name=\"a\"\r\n\r\nv\r\n--" B
	    "--", "deux" },
	{ "--" B "\r\nContent-Disposition: form-data; name=\"a\"\r\n"
	    "Content-Type:\r\n\r\nv\r\n--" B "--", "type de partie" },
	{ "--" B "\r\nContent-Disposition: form-data; name=\"a\"\r\n"
	    "Content-Transfer-Encoding: base64\r\n\r\nv\r\n--" B "--",
	    "encodage" },
	{ "--" B "\r\nContent-Disposition: form-data; name=\"a\"\r\n"
	    " folded\r\n\r\nv\r\n--" B "--", "mal formée" },
	{ "--" B "\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n"
	    "\xc3\x28\r\n--" B "--", "illisibles" },     /* bad UTF-8 */
	{ "--" B "\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n"
	    "a\x1b[31m\r\n--" B "--", "illisibles" },     /* ESC */
};

static void
test_refusals(void)
{
	multipart_part p[MULTIPART_MAX_PARTS];
	const char *why;
	size_t i, len;
	int n;

	for (i = 0; i < sizeof S_bad / sizeof *S_bad; i++) {
		len = strlen(S_bad[i].body);
		if (S_parse(S_bad[i].body, len, p, &n, &why) != -1 ||
		    why == NULL || strstr(why, S_bad[i].why) == NULL) {
			printf("#   case %zu: got %s, want …%s…\n", i,
			    why ? why : "(accepted)", S_bad[i].why);
			check_failed++;
		}
	}
}

static void
test_caps(void)
{
	multipart_part p[MULTIPART_MAX_PARTS];
	const char *why;
	char *body = malloc(1 << 20), *s;
	size_t n;
	int i, np;

	/* MULTIPART_MAX_PARTS parts pass, one more is refused. */
	for (s = body, i = 0; i < MULTIPART_MAX_PARTS + 1; i++)
		s += sprintf(s, "--" B "\r\nContent-Disposition: form-data; "
		    "name=\"f%d\"\r\n\r\nv\r\n", i);
	n = (size_t)(s - body);
	memcpy(s, "--" B "--", strlen(B) + 4);
	CHECK(S_parse(body, n + strlen(B) + 4, p, &np, &why) == -1 &&
	    strstr(why, "trop de parties") != NULL);
	/* Without the last part it fits. */
	s = strstr(body, "name=\"f32\"");
	s -= strlen("--" B "\r\nContent-Disposition: form-data; ");
	memcpy(s, "--" B "--", strlen(B) + 4);
	CHECK(S_parse(body, (size_t)(s - body) + strlen(B) + 4, p, &np,
	    &why) == 0 && np == MULTIPART_MAX_PARTS);
	/* Fewer allowed by the caller. */
	CHECK(multipart_parse(body, (size_t)(s - body) + strlen(B) + 4, B, p,
	    3, &np, 8192, &why) == -1);
	/* Headers: a long one is refused without being searched whole. */
	s = body + sprintf(body, "--" B "\r\nContent-Disposition: form-data; "
	    "name=\"a\"\r\nX-Long: ");
	memset(s, 'x', MULTIPART_MAX_HEAD * 4);
	s += MULTIPART_MAX_HEAD * 4;
	s += sprintf(s, "\r\n\r\nv\r\n--" B "--");
	CHECK(S_parse(body, (size_t)(s - body), p, &np, &why) == -1 &&
	    strstr(why, "trop longs") != NULL);
	/* A text field: 8192 bytes pass, 8193 do not; a file has no cap. */
	for (i = 0; i < 2; i++) {
		s = body + sprintf(body, "--" B "\r\nContent-Disposition: "
		    "form-data; name=\"a\"%s\r\n\r\n", i ? "; filename=\"f\"" :
		    "");
		memset(s, 'x', 8193);
		s += 8193;
		s += sprintf(s, "\r\n--" B "--");
		CHECK(S_parse(body, (size_t)(s - body), p, &np, &why) ==
		    (i ? 0 : -1));
		CHECK(multipart_parse(body, (size_t)(s - body), B, p, 4, &np,
		    8193, &why) == 0);
	}
	/* A name of 64 bytes passes, 65 do not. */
	sprintf(body, "--" B "\r\nContent-Disposition: form-data; name=\""
	    "%064d\"\r\n\r\nv\r\n--" B "--", 7);
	CHECK(S_parse(body, strlen(body), p, &np, &why) == 0 &&
	    strlen(p[0].name) == 64);
	sprintf(body, "--" B "\r\nContent-Disposition: form-data; name=\""
	    "%065d\"\r\n\r\nv\r\n--" B "--", 7);
	CHECK(S_parse(body, strlen(body), p, &np, &why) == -1);
	free(body);
}

static void
test_crlf_edges(void)
{
	multipart_part p[MULTIPART_MAX_PARTS];
	const char *why;
	int n;
	static const char empty_value[] = "--" B "\r\nContent-Disposition: "
	    "form-data; name=\"a\"\r\n\r\n\r\n--" B "--";
	static const char crlf_value[] = "--" B "\r\nContent-Disposition: "
	    "form-data; name=\"a\"\r\n\r\n\r\n\r\n\r\n--" B "--";
	static const char preamble[] = "ignored preamble\r\n--" B "\r\n"
	    "content-disposition:form-data;name=a\r\n\r\nv\r\n--" B
	    "--\r\nepilogue ignored";
	static const char padding[] = "--" B " \t\r\nContent-Disposition: "
	    "form-data; name=\"a\"  \r\n\r\nv\r\n--" B "--";
	static const char no_parts[] = "--" B "--\r\n";
	static const char nul[] = "--" B "\r\nContent-Disposition: "
	    "form-data; name=\"a\"\r\n\r\na\0z\r\n--" B "--";
	static const char bs_quote[] = "--" B "\r\nContent-Disposition: "
	    "form-data; name=\"a\\\"; filename=\"C:\\x\\y.png\"\r\n\r\nv"
	    "\r\n--" B "--";

	CHECK(S_parse(empty_value, sizeof empty_value - 1, p, &n, &why) == 0 &&
	    n == 1 && p[0].len == 0);
	CHECK(S_parse(crlf_value, sizeof crlf_value - 1, p, &n, &why) == 0 &&
	    n == 1 && p[0].len == 4 && memcmp(p[0].data, "\r\n\r\n", 4) == 0);
	CHECK(S_parse(preamble, sizeof preamble - 1, p, &n, &why) == 0 &&
	    n == 1 && strcmp(p[0].name, "a") == 0 && p[0].len == 1);
	CHECK(S_parse(padding, sizeof padding - 1, p, &n, &why) == 0 &&
	    n == 1);
	CHECK(S_parse(no_parts, sizeof no_parts - 1, p, &n, &why) == 0 &&
	    n == 0);
	/* A NUL in a text field: refused (in a file it is only a byte). */
	CHECK(S_parse(nul, sizeof nul - 1, p, &n, &why) == -1 &&
	    strstr(why, "illisibles") != NULL);
	/* No escapes in quoted values (the HTML standard): \ is kept. */
	CHECK(S_parse(bs_quote, sizeof bs_quote - 1, p, &n, &why) == 0 &&
	    n == 1);
	CHECK_STR(p[0].name, "a\\");
	CHECK_STR(p[0].filename, "C:\\x\\y.png");
}

/* Every prefix of a good body is refused (never read past its end:
 * a fresh copy of exactly that size each time, for ASan and valgrind),
 * and the whole body with its boundary cut at each offset is too. */
static void
test_split_everywhere(void)
{
	multipart_part p[MULTIPART_MAX_PARTS];
	const char *why;
	size_t n = sizeof S_good - 1, k;
	char *copy;
	int np, bad = 0;

	/* (The last two, "\r\n" after the closing "--", are optional.) */
	for (k = 0; k < n - 2; k++) {
		copy = malloc(k ? k : 1);
		memcpy(copy, S_good, k);
		if (S_parse(copy, k, p, &np, &why) != -1 || why == NULL) {
			printf("#   prefix of %zu bytes accepted\n", k);
			bad++;
		}
		free(copy);
	}
	CHECK(bad == 0);
	/* The closing delimiter, cut after each of its bytes. */
	bad = 0;
	for (k = 1; k < strlen(B) + 2; k++) {
		copy = malloc(n);
		memcpy(copy, S_good, n);
		/* "--" B "--\r\n": keep k bytes of "--" B, then "X--". */
		memcpy(copy + n - strlen(B) - 6 + k, "X", 1);
		if (S_parse(copy, n, p, &np, &why) != -1) {
			printf("#   closing boundary cut at %zu accepted\n", k);
			bad++;
		}
		free(copy);
	}
	CHECK(bad == 0);
}

static void
test_http(void)
{
	http_req req;
	const char *why = NULL;
	const http_file *f;
	static const char empty_file[] = "--" B "\r\n"
	    "Content-Disposition: form-data; name=\"body\"\r\n\r\nBonjour\r\n"
	    "--" B "\r\n"
	    "Content-Disposition: form-data; name=\"photo\"; filename=\"\"\r\n"
	    "Content-Type: application/octet-stream\r\n\r\n\r\n"
	    "--" B "--\r\n";
	static const char three_files[] = "--" B "\r\n"
	    "Content-Disposition: form-data; name=\"a\"; filename=\"1\"\r\n\r\n"
	    "x\r\n--" B "\r\n"
	    "Content-Disposition: form-data; name=\"b\"; filename=\"2\"\r\n\r\n"
	    "x\r\n--" B "\r\n"
	    "Content-Disposition: form-data; name=\"c\"; filename=\"3\"\r\n\r\n"
	    "x\r\n--" B "--\r\n";

	memset(&req, 0, sizeof req);
	CHECK(http_parse_multipart(&req, CT, S_good, sizeof S_good - 1,
	    &why) == 0);
	CHECK(req.nform == 2 && req.nfiles == 1);
	CHECK_STR(http_form(&req, "lesson"), "intro/bienvenue");
	CHECK_STR(http_form(&req, "body"), "Ligne un\r\nLigne deux é");
	CHECK(http_form(&req, "photo") == NULL);
	f = http_file_get(&req, "photo");
	CHECK(f != NULL && f->len == 16 + strlen(B) &&
	    strcmp(f->type, "image/jpeg") == 0);
	CHECK(http_file_get(&req, "body") == NULL);
	http_req_free(&req);

	/* A file input left empty: no file. */
	memset(&req, 0, sizeof req);
	CHECK(http_parse_multipart(&req, CT, empty_file, sizeof empty_file - 1,
	    &why) == 0);
	CHECK(req.nform == 1 && req.nfiles == 0);
	http_req_free(&req);

	memset(&req, 0, sizeof req);
	CHECK(http_parse_multipart(&req, CT, three_files,
	    sizeof three_files - 1, &why) == -1 &&
	    strstr(why, "trop de fichiers") != NULL);
	http_req_free(&req);

	memset(&req, 0, sizeof req);
	CHECK(http_parse_multipart(&req, "text/plain", S_good,
	    sizeof S_good - 1, &why) == -1);
	http_req_free(&req);
}

int
main(void)
{
	msg_set_language("fr");
	RUN(test_boundary);
	RUN(test_good);
	RUN(test_refusals);
	RUN(test_caps);
	RUN(test_crlf_edges);
	RUN(test_split_everywhere);
	RUN(test_http);
	return check_tests_failed != 0;
}
