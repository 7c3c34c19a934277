/* The CGI's parsers of outside input: forms, cookies, `next`, and the
 * message renderer. */
#include <stdlib.h>

#include "../../cgi/web.h"
#include "../../cgi/http.h"
#include "../../common/text.h"
#include "check.h"

static void
S_free(http_field *f, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		free(f[i].name);
		free(f[i].value);
	}
}

static int
S_parse(const char *s, http_field *f, int *n, int multiline)
{
	*n = 0;
	return http_parse_form(s, strlen(s), f, n, multiline, 100);
}

static void
test_form_basic(void)
{
	http_field f[HTTP_MAX_FIELDS];
	int n;

	CHECK(S_parse("code=ABC123&name=Awa+Diop&next=%2Fbudget%2F", f, &n,
	    0) == 0);
	CHECK(n == 3);
	if (n == 3) {
		CHECK_STR(f[0].name, "code");
		CHECK_STR(f[0].value, "ABC123");
		CHECK_STR(f[1].value, "Awa Diop");
		CHECK_STR(f[2].value, "/budget/");
	}
	S_free(f, n);
	CHECK(S_parse("a=%C3%A9t%C3%A9&&b=&c", f, &n, 0) == 0);
	CHECK(n == 3);
	if (n == 3) {
		CHECK_STR(f[0].value, "été");
		CHECK_STR(f[1].value, "");
		CHECK_STR(f[2].name, "c");
		CHECK_STR(f[2].value, "");
	}
	S_free(f, n);
	CHECK(S_parse("", f, &n, 0) == 0 && n == 0);
}

static void
test_form_refused(void)
{
	http_field f[HTTP_MAX_FIELDS];
	int n;
	char big[300];

	/* Bad escapes, NUL, invalid UTF-8, control characters. */
	CHECK(S_parse("a=%G1", f, &n, 0) == -1);
	CHECK(S_parse("a=%4", f, &n, 0) == -1);
	CHECK(S_parse("a=%", f, &n, 0) == -1);
	CHECK(S_parse("a=%00", f, &n, 0) == -1);
	CHECK(S_parse("a=%C3%28", f, &n, 0) == -1);
	CHECK(S_parse("a=%ED%A0%80", f, &n, 0) == -1);
	CHECK(S_parse("a=x%0Dy", f, &n, 0) == -1);
	CHECK(S_parse("a=x%7Fy", f, &n, 0) == -1);
	CHECK(S_parse("n%0A=x", f, &n, 1) == -1);
	/* Newlines are fine in a multi-line value (a message). */
	CHECK(S_parse("body=l1%0D%0Al2%09t", f, &n, 1) == 0 && n == 1);
	S_free(f, n);
	/* Too long a value. */
	memset(big, 'a', sizeof big);
	memcpy(big, "v=", 2);
	big[sizeof big - 1] = '\0';
	CHECK(S_parse(big, f, &n, 0) == -1);
	/* Too many fields. */
	{
		char many[HTTP_MAX_FIELDS * 4 + 8];
		int k;

		many[0] = '\0';
		for (k = 0; k <= HTTP_MAX_FIELDS; k++)
			strcat(many, "a=1&");
		CHECK(S_parse(many, f, &n, 0) == -1);
		S_free(f, n);
	}
}

static void
test_cookie(void)
{
	char out[64];

	CHECK(http_parse_cookie("eystime=abc-_9", "eystime", out,
	    sizeof out) == 0);
	CHECK_STR(out, "abc-_9");
	CHECK(http_parse_cookie("a=1; eystime=XyZ; b=2", "eystime", out,
	    sizeof out) == 0);
	CHECK_STR(out, "XyZ");
	CHECK(http_parse_cookie("xeystime=1", "eystime", out,
	    sizeof out) == -1);
	CHECK(http_parse_cookie("eystime=", "eystime", out, sizeof out) == -1);
	CHECK(http_parse_cookie("eystime=a\"b", "eystime", out,
	    sizeof out) == -1);
	CHECK(http_parse_cookie("", "eystime", out, sizeof out) == -1);
	/* Longer than the buffer: refused, not cut. */
	CHECK(http_parse_cookie("eystime=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "eystime", out,
	    sizeof out) == -1);
}

static void
test_safe_next(void)
{
	CHECK(http_safe_next("/"));
	CHECK(http_safe_next("/budget/01-x/"));
	CHECK(http_safe_next("/api/comments?lesson=a/b"));
	CHECK(!http_safe_next(NULL));
	CHECK(!http_safe_next(""));
	CHECK(!http_safe_next("//evil.example"));
	CHECK(!http_safe_next("/\\evil.example"));
	CHECK(!http_safe_next("https://evil.example"));
	CHECK(!http_safe_next("javascript:alert(1)"));
	CHECK(!http_safe_next("budget/"));
	CHECK(!http_safe_next("/a\r\nSet-Cookie: x=1"));
	CHECK(!http_safe_next("/a\\b"));
}

static const char *
S_render(buf *b, const char *text)
{
	buf_reset(b);
	web_render_text(b, text);
	return b->data;
}

static void
test_render_text(void)
{
	buf b;

	buf_init(&b, 1 << 16);
	CHECK_STR(S_render(&b, "Bonjour"), "<p>Bonjour</p>\n");
	CHECK_STR(S_render(&b, "<script>alert(1)</script> & \"x\""),
	    "<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;"
	    "</p>\n");
	CHECK_STR(S_render(&b, "un\ndeux\n\ntrois"),
	    "<p>un<br>\ndeux</p>\n<p>trois</p>\n");
	CHECK_STR(S_render(&b, "a\r\n\r\n\r\nb\r\n"), "<p>a</p>\n<p>b</p>\n");
	CHECK_STR(S_render(&b, "Voir https://www.caf.fr/aides."),
	    "<p>Voir <a href=\"https://www.caf.fr/aides\" rel=\"nofollow ugc "
	    "noopener\">https://www.caf.fr/aides</a>.</p>\n");
	CHECK_STR(S_render(&b, "(www.impots.gouv.fr)"),
	    "<p>(<a href=\"https://www.impots.gouv.fr\" rel=\"nofollow ugc "
	    "noopener\">www.impots.gouv.fr</a>)</p>\n");
	/* No link out of an attribute-breaking address. */
	CHECK_STR(S_render(&b, "https://x.fr/\"onmouseover=alert(1)"),
	    "<p><a href=\"https://x.fr/\" rel=\"nofollow ugc noopener\">"
	    "https://x.fr/</a>&quot;onmouseover=alert(1)</p>\n");
	CHECK(strstr(S_render(&b, "javascript:alert(1)"), "<a") == NULL);
	CHECK(strstr(S_render(&b, "xhttps://a.b"), "<a") == NULL);
	buf_free(&b);
}

static void
test_json_escape(void)
{
	buf b;

	buf_init(&b, 1024);
	json_escape(&b, "a\"b\\c\n</script>é");
	CHECK_STR(b.data, "a\\\"b\\\\c\\u000a\\u003c/script\\u003eé");
	buf_free(&b);
}

static void
test_location(void)
{
	http_res res;

	http_res_init(&res);
	http_location(&res, "/api/me?next=/budget/é t/#m1");
	http_location(&res, "/a\r\nSet-Cookie: x=1");
	CHECK_STR(res.headers.data, "Location: /api/me?next=/budget/%C3%A9%20"
	    "t/#m1\r\nLocation: /a%0D%0ASet-Cookie:%20x=1\r\n");
	http_res_free(&res);
}

static void
test_origin(void)
{
	CHECK(http_origin_ok("https://eystime.example.org"));
	CHECK(http_origin_ok("http://127.0.0.1:18080"));
	CHECK(http_origin_ok("http://[::1]:8080"));
	CHECK(!http_origin_ok("https://x.org/eystime"));
	CHECK(!http_origin_ok("https://x.org?a"));
	CHECK(!http_origin_ok("ftp://x.org"));
	CHECK(!http_origin_ok("x.org"));
	CHECK(!http_origin_ok("https://"));
	CHECK(!http_origin_ok("https://x.org:"));
	CHECK(!http_origin_ok("https://x.org:99999"));
	CHECK(!http_origin_ok("https://user@x.org"));
	CHECK(!http_origin_ok("https://x.org\r\n"));
}

int
main(void)
{
	RUN(test_location);
	RUN(test_origin);
	RUN(test_form_basic);
	RUN(test_form_refused);
	RUN(test_cookie);
	RUN(test_safe_next);
	RUN(test_render_text);
	RUN(test_json_escape);
	CHECK_EXIT();
}
