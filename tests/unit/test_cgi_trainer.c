/* The trainer space's pure parts: join codes, CSV cells, QR SVG, login
 * names, delays, password hashes, and the helpers it shares with the
 * participant pages. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <qrencode.h>
#include <sodium.h>

#include "../../cgi/auth.h"
#include "../../cgi/valid.h"
#include "../../cgi/web.h"
#include "../../cgi/qr.h"
#include "../../cgi/trainer.h"
#include "check.h"

static void
test_join_code_alphabet(void)
{
	char code[AUTH_CODE_SIZE];
	int i, k, seen[128] = { 0 }, distinct = 0;

	for (i = 0; i < 20000; i++) {
		auth_new_code(code);
		CHECK(strlen(code) == AUTH_CODE_LEN);
		for (k = 0; k < AUTH_CODE_LEN; k++) {
			unsigned char c = (unsigned char)code[k];

			if (strchr("0O1lI", c) != NULL ||
			    !((c >= 'A' && c <= 'Z') || (c >= '2' && c <= '9'))) {
				printf("#   bad character in %s\n", code);
				check_failed++;
				return;
			}
			seen[c]++;
		}
	}
	for (k = 0; k < 128; k++)
		distinct += seen[k] > 0;
	/* 31 characters: A-Z without I and O (24), 2-9 (8), minus none. */
	CHECK(distinct == 32 - 1);
}

static const char *
S_cell(const char *s)
{
	static buf b;

	buf_free(&b);
	buf_init(&b, 4096);
	trainer_csv_cell(&b, s);
	return b.data;
}

static void
test_csv_cell(void)
{
	CHECK_STR(S_cell("Awa"), "Awa");
	CHECK_STR(S_cell(""), "");
	CHECK_STR(S_cell("Zoé"), "Zoé");
	CHECK_STR(S_cell("a=b"), "a=b");
	CHECK_STR(S_cell("=HYPERLINK(\"http://x\")"),
	    "\"'=HYPERLINK(\"\"http://x\"\")\"");
	CHECK_STR(S_cell("+33 6 12"), "\"'+33 6 12\"");
	CHECK_STR(S_cell("-1+2"), "\"'-1+2\"");
	CHECK_STR(S_cell("@SUM(A1)"), "\"'@SUM(A1)\"");
	CHECK_STR(S_cell("\t=1"), "\"'\t=1\"");
	CHECK_STR(S_cell("\r=1"), "\"'\r=1\"");
	CHECK_STR(S_cell("a;b"), "\"a;b\"");
	CHECK_STR(S_cell("a,b"), "\"a,b\"");
	CHECK_STR(S_cell("a\"b"), "\"a\"\"b\"");
	CHECK_STR(S_cell("a\nb"), "\"a\nb\"");
	CHECK_STR(S_cell("a\r\nb"), "\"a\r\nb\"");
}

/* Draw the SVG's path back into modules and compare them with what
 * libqrencode encodes: the picture is the code. */
static void
test_qr_svg(void)
{
	const char *url = "https://cours.example.org/api/card?t="
	    "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abcde";
	QRcode *q = QRcode_encodeString(url, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	unsigned char *seen;
	const char *p;
	int n = 0, x, y, run, back, w, bad = 0;
	buf b;

	CHECK(q != NULL);
	if (q == NULL)
		return;
	w = q->width;
	buf_init(&b, 1 << 20);
	CHECK(qr_svg(&b, url, "Code de <Awa> & \"Bea\"") == 0);
	CHECK(strncmp(b.data, "<svg class=\"qr\" ", 16) == 0);
	CHECK(strstr(b.data, "role=\"img\"") != NULL);
	CHECK(strstr(b.data, "aria-label=\"Code de &lt;Awa&gt; &amp; "
	    "&quot;Bea&quot;\"") != NULL);
	CHECK(strstr(b.data, "<Awa>") == NULL);
	{
		char vb[64];

		snprintf(vb, sizeof vb, "viewBox=\"0 0 %d %d\"", w + 8, w + 8);
		CHECK(strstr(b.data, vb) != NULL);
	}
	/* The finder pattern's top row: 7 dark modules after the quiet
	 * zone. */
	CHECK(strstr(b.data, "d=\"M4 4h7v1h-7z") != NULL);
	seen = calloc((size_t)w * (size_t)w, 1);
	for (p = strstr(b.data, " d=\""); p != NULL &&
	    (p = strchr(p, 'M')) != NULL; p++) {
		if (sscanf(p, "M%d %dh%dv1h-%dz", &x, &y, &run, &back) != 4 ||
		    run != back || x < 4 || y < 4 || x - 4 + run > w ||
		    y - 4 >= w) {
			bad++;
			break;
		}
		for (; run > 0; run--, x++)
			seen[(y - 4) * w + (x - 4)]++;
		n++;
	}
	CHECK(bad == 0);
	CHECK(n > 0);
	for (y = 0; y < w; y++)
		for (x = 0; x < w; x++)
			if (seen[y * w + x] != (q->data[y * w + x] & 1))
				bad++;
	CHECK(bad == 0);
	free(seen);
	QRcode_free(q);

	/* Nothing is written for what cannot be encoded. */
	buf_reset(&b);
	CHECK(qr_svg(&b, "", "x") == -1);
	{
		char *big = malloc(3001);

		memset(big, 'a', 3000);
		big[3000] = '\0';
		CHECK(qr_svg(&b, big, "x") == -1);
		free(big);
	}
	CHECK(b.len == 0);
	buf_free(&b);
}

static void
test_login_ok(void)
{
	char s[70];

	CHECK(auth_login_ok("marie"));
	CHECK(auth_login_ok("m.dupont_2@asso-x"));
	CHECK(!auth_login_ok(""));
	CHECK(!auth_login_ok("Marie"));
	CHECK(!auth_login_ok("marie dupont"));
	CHECK(!auth_login_ok("zoé"));
	CHECK(!auth_login_ok("a'b"));
	memset(s, 'a', 64);
	s[64] = '\0';
	CHECK(auth_login_ok(s));
	s[64] = 'a';
	s[65] = '\0';
	CHECK(!auth_login_ok(s));
}

static void
test_delay(void)
{
	long long n, prev = 0;

	CHECK(auth_delay(0, 3) == 0);
	CHECK(auth_delay(2, 3) == 0);
	CHECK(auth_delay(3, 3) == 2);
	CHECK(auth_delay(4, 3) == 4);
	CHECK(auth_delay(5, 3) == 8);
	CHECK(auth_delay(19, 20) == 0);
	CHECK(auth_delay(20, 20) == 2);
	CHECK(auth_delay(1000000, 3) == 900);
	for (n = 0; n < 100; n++) {
		CHECK(auth_delay(n, 3) >= prev);
		CHECK(auth_delay(n, 3) <= 900);
		prev = auth_delay(n, 3);
	}
}

static void
test_password(void)
{
	char weak[crypto_pwhash_STRBYTES], strong[crypto_pwhash_STRBYTES];
	int rehash = -1;

	CHECK(auth_pw_hash(weak, "motdepasse", 1, 8192) == 0);
	CHECK(strncmp(weak, "$argon2id$", 10) == 0);
	CHECK(auth_pw_verify(weak, "motdepasse", &rehash) == 0);
	CHECK(rehash == 1);
	CHECK(auth_pw_verify(weak, "motdepass", &rehash) == -1);
	CHECK(auth_pw_hash(strong, "motdepasse", AUTH_PW_OPS,
	    AUTH_PW_MEM) == 0);
	CHECK(strstr(strong, "$m=65536,t=2,") != NULL);
	CHECK(auth_pw_verify(strong, "motdepasse", &rehash) == 0);
	CHECK(rehash == 0);
	CHECK(auth_pw_verify(strong, "", &rehash) == -1);
	CHECK(strcmp(weak, strong) != 0);
	/* The parameters meet OWASP's minimum for argon2id. */
	CHECK(AUTH_PW_OPS >= 2 && AUTH_PW_MEM >= ((size_t)19 << 20));
}

static void
test_has_link_and_id(void)
{
	CHECK(web_has_link("voir https://exemple.org/page"));
	CHECK(web_has_link("www.exemple.org"));
	CHECK(web_has_link("http://x.fr."));
	CHECK(!web_has_link("pas de lien ici"));
	CHECK(!web_has_link("le site exemple.org"));
	CHECK(!web_has_link("http"));
	CHECK(valid_id_parse("12") == 12);
	CHECK(valid_id_parse("0") == 0);
	CHECK(valid_id_parse("12a") == 0);
	CHECK(valid_id_parse("-3") == 0);
	CHECK(valid_id_parse("") == 0);
	CHECK(valid_id_parse(NULL) == 0);
	CHECK(valid_id_parse("123456789012345") == 123456789012345LL);
	CHECK(valid_id_parse("1234567890123456") == 0);
}

int
main(void)
{
	if (sodium_init() < 0)
		return 1;
	RUN(test_join_code_alphabet);
	RUN(test_csv_cell);
	RUN(test_qr_svg);
	RUN(test_login_ok);
	RUN(test_delay);
	RUN(test_password);
	RUN(test_has_link_and_id);
	CHECK_EXIT();
}
