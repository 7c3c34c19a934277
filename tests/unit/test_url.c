/*
 * generator/url.h: addresses as strings: relative addresses between
 * pages, resolving a link inside content/, %XX decoding, external links.
 */
#include <stdio.h>

#include "../../common/buf.h"
#include "../../generator/url.h"
#include "check.h"

static void
test_url_relative(void)
{
	static const struct {
		const char *from, *to, *want;
	} cases[] = {
		{ "a/b/", "a/c/", "../c/" },
		{ "a/b/", "a/b/", "./" },
		{ "", "", "./" },
		{ "", "a/", "a/" },
		{ "", "a/b/", "a/b/" },
		{ "a/b/", "", "../../" },
		{ "a/", "", "../" },
		{ "a/b/", "a/img.svg", "../img.svg" },
		{ "a/b/", "a/", "../" },
		{ "a/", "a/b/", "b/" },
		{ "a/b/", "a/bc/", "../bc/" },
		{ "a/bc/", "a/b/", "../b/" },
		{ "a/b/", "x/y/", "../../x/y/" },
		{ "page/", "static/css/s.css", "../static/css/s.css" },
		{ "", "static/css/s.css", "static/css/s.css" },
		{ "a/b/", "a/b/c.svg", "c.svg" },
		{ "ab/", "a/", "../a/" },
		{ "a/", "ab/", "../ab/" },
	};
	buf b;
	size_t i;

	buf_init(&b, 4096);
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		buf_reset(&b);
		url_relative(&b, cases[i].from, cases[i].to);
		CHECK_STR(b.data, cases[i].want);
	}
	/* It appends. */
	buf_reset(&b);
	buf_puts(&b, "href=");
	url_relative(&b, "a/b/", "a/c/");
	CHECK_STR(b.data, "href=../c/");
	buf_reset(&b);
	buf_puts(&b, "href=");
	url_relative(&b, "a/b/", "a/b/");
	CHECK_STR(b.data, "href=./");
	buf_free(&b);
}

static void
test_url_resolve(void)
{
	static const struct {
		const char *src, *path, *want; /* want NULL: -1 */
	} cases[] = {
		{ "mod/01-a.md", "02-b.md", "mod/02-b.md" },
		{ "mod/01-a.md", "../page.md", "page.md" },
		{ "mod/01-a.md", "/mod/_index.md", "mod/_index.md" },
		{ "mod/01-a.md", "/", "" },
		{ "mod/01-a.md", "..", "" },
		{ "mod/01-a.md", ".", "mod/" },
		{ "mod/01-a.md", "./", "mod/" },
		{ "mod/01-a.md", "./x/../y.md", "mod/y.md" },
		{ "mod/01-a.md", "a//b.md", "mod/a/b.md" },
		{ "mod/01-a.md", "../other/", "other/" },
		{ "mod/01-a.md", "../../page.md", NULL },
		{ "mod/01-a.md", "../../../etc/passwd", NULL },
		{ "mod/01-a.md", "/../x.md", NULL },
		{ "mod/01-a.md", "x/../../../y", NULL },
		{ "page.md", "mod/02-b.md", "mod/02-b.md" },
		{ "page.md", "../x", NULL },
		{ "_index.md", "mod/", "mod/" },
		{ "_index.md", "", "" },
	};
	buf b;
	size_t i;
	int rc;

	buf_init(&b, 4096);
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		rc = url_resolve(&b, cases[i].src, cases[i].path);
		if (cases[i].want == NULL) {
			CHECK(rc == -1);
			if (rc != -1)
				printf("#   %s + %s gave %s\n", cases[i].src,
				    cases[i].path, b.data);
		} else {
			CHECK(rc == 0);
			CHECK_STR(b.data, cases[i].want);
		}
	}
	/* out is reset first, not appended to. */
	buf_reset(&b);
	buf_puts(&b, "junk");
	CHECK(url_resolve(&b, "mod/a.md", "b.md") == 0);
	CHECK_STR(b.data, "mod/b.md");
	buf_free(&b);
}

static void
test_url_decode(void)
{
	static const struct {
		const char *in, *want;
	} cases[] = {
		{ "a%20b", "a b" },
		{ "%41%7e%7E", "A~~" },
		{ "%C3%A9t%C3%A9", "été" },
		{ "%2e%2E/x", "../x" },
		{ "100%", "100%" },
		{ "%4", "%4" },
		{ "%zz", "%zz" },
		{ "a%", "a%" },
		{ "%%41", "%A" },
		{ "plain", "plain" },
		{ "", "" },
	};
	buf b;
	size_t i;

	buf_init(&b, 4096);
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		buf_reset(&b);
		CHECK(url_decode(&b, cases[i].in, strlen(cases[i].in)) == 0);
		CHECK_STR(b.data, cases[i].want);
	}
	/* Only n bytes are read, and an escape cut by n stays as is. */
	buf_reset(&b);
	CHECK(url_decode(&b, "ab%41", 4) == 0);
	CHECK_STR(b.data, "ab%4");
	buf_reset(&b);
	CHECK(url_decode(&b, "%41", 3) == 0);
	CHECK_STR(b.data, "A");
	/* A NUL byte would cut the path short: refused. */
	buf_reset(&b);
	CHECK(url_decode(&b, "a%00.md", 7) == -1);
	buf_free(&b);
}

static void
test_url_is_external(void)
{
	CHECK(url_is_external("https://www.caf.fr/"));
	CHECK(url_is_external("mailto:a@b.fr"));
	CHECK(url_is_external("//cdn.example/x.js"));
	CHECK(url_is_external("tel:+33612"));
	CHECK(!url_is_external("../l1/"));
	CHECK(!url_is_external("/m/l1/"));
	CHECK(!url_is_external("l1.md#x"));
	CHECK(!url_is_external("1http:x"));
	CHECK(!url_is_external(""));
}

static void
test_url_distance(void)
{
	static const struct {
		const char *a, *b;
		int max, want;
	} cases[] = {
		{ "m/l1", "m/l1", 3, 0 },
		{ "m/l2", "m/l1", 3, 1 },
		{ "m/l1", "m/l12", 3, 1 },
		{ "m/l12", "m/l1", 3, 1 },
		{ "", "abc", 3, 3 },
		{ "abc", "", 2, 3 },
		{ "kitten", "sitting", 3, 3 },
		{ "kitten", "sitting", 2, 3 },
		{ "budget/01-faire", "budget/10-fiare", 4, 4 },
		{ "abcdef", "badcfe", 9, 4 },
		{ "abcdef", "badcfe", 3, 4 },
		{ "a", "bcdefgh", 2, 3 },
	};
	char big[URL_DIST_MAX_LEN + 2];
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		int got = url_distance(cases[i].a, cases[i].b, cases[i].max);

		if (got != cases[i].want)
			printf("#   %s / %s: got %d, want %d\n", cases[i].a,
			    cases[i].b, got, cases[i].want);
		CHECK(got == cases[i].want);
	}
	/* Too long to compare: never near, even to itself. */
	memset(big, 'a', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	CHECK(url_distance(big, big, 5) == 6);
}

/* A file's name as an address: what an address cannot hold is %XX
 * (issue 17, case 10: any file name is accepted). */
static void
test_url_encode(void)
{
	buf b;

	buf_init(&b, 256);
	url_encode(&b, "../../Mon Module/sch\xc3\xa9ma 100%.png");
	CHECK_STR(b.data, "../../Mon%20Module/sch%C3%A9ma%20100%25.png");
	buf_reset(&b);
	url_encode(&b, "a-b_c.~/x(1)+y=z:@!$&'*,;\"<>");
	CHECK_STR(b.data, "a-b_c.~/x(1)+y=z:@!$&'*,;%22%3C%3E");
	buf_free(&b);
}

int
main(void)
{
	RUN(test_url_encode);
	RUN(test_url_distance);
	RUN(test_url_relative);
	RUN(test_url_resolve);
	RUN(test_url_decode);
	RUN(test_url_is_external);
	CHECK_EXIT();
}
