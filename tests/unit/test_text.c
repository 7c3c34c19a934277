/*
 * common/buf.h and common/text.h: the bounded buffer, escaping, UTF-8
 * checks and line numbers.
 */
#include <stdlib.h>

#include "../../common/buf.h"
#include "../../common/text.h"
#include "check.h"

/* Escape s (a C string) with fn into a fresh buffer; the caller frees. */
static char *
S_esc(int (*fn)(buf *, const char *, size_t), const char *s, size_t n)
{
	buf b;
	char *r;

	buf_init(&b, 4096);
	CHECK(fn(&b, s, n) == 0);
	CHECK(b.len == strlen(b.data));
	r = buf_detach(&b);
	buf_free(&b); /* detach leaves b initialised again */
	return r;
}

static void
test_buf_growth(void)
{
	buf b;
	size_t i;
	int bad = 0;

	buf_init(&b, BUF_UNBOUNDED);
	CHECK(b.data != NULL);
	CHECK(b.len == 0);
	CHECK_STR(b.data, "");
	for (i = 0; i < 10000; i++)
		if (buf_putc(&b, (char)('a' + i % 26)) != 0)
			bad++;
	CHECK(bad == 0);
	CHECK(b.len == 10000);
	CHECK(b.cap > b.len);
	CHECK(b.data[b.len] == '\0');
	CHECK(strlen(b.data) == 10000);
	for (i = 0; i < 10000; i++)
		if (b.data[i] != (char)('a' + i % 26))
			bad++;
	CHECK(bad == 0);
	CHECK(b.overflow == 0);
	/* A big block at once. */
	{
		char big[5000];

		memset(big, 'x', sizeof big);
		CHECK(buf_add(&b, big, sizeof big) == 0);
		CHECK(b.len == 15000);
		CHECK(b.data[14999] == 'x');
		CHECK(b.data[15000] == '\0');
	}
	/* Embedded NUL bytes are kept: len, not strlen, is the truth. */
	buf_reset(&b);
	CHECK(buf_add(&b, "a\0b", 3) == 0);
	CHECK(b.len == 3);
	CHECK(memcmp(b.data, "a\0b", 4) == 0);
	buf_free(&b);
	CHECK(b.data == NULL);
}

static void
test_buf_max(void)
{
	buf b;

	buf_init(&b, 10);
	CHECK(buf_puts(&b, "12345") == 0);
	CHECK(b.overflow == 0);
	/* 5 + 6 > 10: refused whole, content kept, flag set. */
	CHECK(buf_puts(&b, "678901") == -1);
	CHECK(b.overflow == 1);
	CHECK(b.len == 5);
	CHECK_STR(b.data, "12345");
	/* Exactly up to max is fine; the flag stays for a single check at
	 * the end. */
	CHECK(buf_puts(&b, "67890") == 0);
	CHECK(b.len == 10);
	CHECK_STR(b.data, "1234567890");
	CHECK(b.overflow == 1);
	CHECK(buf_putc(&b, 'x') == -1);
	CHECK(buf_add(&b, "", 0) == 0);
	CHECK(buf_printf(&b, "%d", 1) == -1);
	CHECK_STR(b.data, "1234567890");
	CHECK(b.len == 10);
	/* reset clears the flag. */
	buf_reset(&b);
	CHECK(b.overflow == 0);
	CHECK(b.len == 0);
	CHECK_STR(b.data, "");
	/* A huge n must not wrap around the check. */
	CHECK(buf_add(&b, "x", (size_t)-1) == -1);
	CHECK(b.overflow == 1);
	CHECK(b.len == 0);
	buf_free(&b);

	buf_init(&b, 0);
	CHECK(buf_putc(&b, 'a') == -1);
	CHECK_STR(b.data, "");
	buf_free(&b);
}

static void
test_buf_printf(void)
{
	buf b;
	size_t i;

	buf_init(&b, 4096);
	CHECK(buf_printf(&b, "%s-%d-%c", "abc", 42, 'z') == 0);
	CHECK_STR(b.data, "abc-42-z");
	CHECK(b.len == 8);
	CHECK(buf_printf(&b, "|%05.1f|", 3.14159) == 0);
	CHECK_STR(b.data, "abc-42-z|003.1|");
	CHECK(buf_printf(&b, "%s", "") == 0);
	CHECK(b.len == 15);
	/* Past the first allocation (64 bytes) in one call. */
	buf_reset(&b);
	CHECK(buf_printf(&b, "%0300d", 7) == 0);
	CHECK(b.len == 300);
	CHECK(b.data[0] == '0' && b.data[299] == '7' && b.data[300] == '\0');
	/* A printf that would pass max changes nothing. */
	CHECK(buf_printf(&b, "%04000d", 1) == -1);
	CHECK(b.overflow);
	CHECK(b.len == 300);
	CHECK(b.data[300] == '\0');
	buf_free(&b);

	/* Many small appends, each past the last allocation at times. */
	buf_init(&b, BUF_UNBOUNDED);
	for (i = 0; i < 1000; i++)
		CHECK(buf_printf(&b, "%03zu", i) == 0);
	CHECK(b.len == 3000);
	CHECK(strlen(b.data) == 3000);
	CHECK(memcmp(b.data, "000001002", 9) == 0);
	CHECK(memcmp(b.data + 3 * 42, "042", 3) == 0);
	CHECK_STR(b.data + 3 * 999, "999");
	buf_free(&b);
}

static void
test_buf_detach_reuse(void)
{
	buf b;
	char *s, *t, *u;

	buf_init(&b, 100);
	buf_puts(&b, "first");
	s = buf_detach(&b);
	CHECK_STR(s, "first");
	/* The buffer is empty, keeps its bound, and can be written again. */
	CHECK(b.len == 0);
	CHECK(b.max == 100);
	CHECK(b.overflow == 0);
	CHECK(b.data != s);
	CHECK(buf_puts(&b, "second") == 0);
	CHECK_STR(b.data, "second");
	CHECK_STR(s, "first");
	t = buf_detach(&b);
	CHECK_STR(t, "second");
	/* The bound still holds after detach. */
	{
		char big[101];

		memset(big, 'y', sizeof big);
		CHECK(buf_add(&b, big, sizeof big) == -1);
		CHECK(b.overflow);
		CHECK(buf_add(&b, big, 100) == 0);
		CHECK(b.len == 100);
		CHECK(b.data[100] == '\0');
	}
	buf_reset(&b);
	/* An empty write after detach still gives a real empty string. */
	u = buf_detach(&b);
	CHECK_STR(u, "");
	CHECK(buf_puts(&b, "") == 0);
	CHECK_STR(b.data, "");
	buf_reset(&b);
	CHECK(buf_printf(&b, "%s", "") == 0);
	CHECK_STR(b.data, "");
	/* Detach of a buffer that holds nothing gives "" (never NULL). */
	free(u);
	u = buf_detach(&b);
	CHECK_STR(u, "");
	free(u);
	u = buf_detach(&b);
	CHECK_STR(u, "");
	free(s);
	free(t);
	free(u);
	buf_free(&b);
	buf_free(&b); /* twice is harmless */

	/* An overflowed buffer detaches with its flag cleared. */
	buf_init(&b, 3);
	buf_puts(&b, "abcd");
	CHECK(b.overflow);
	s = buf_detach(&b);
	CHECK_STR(s, "");
	CHECK(b.overflow == 0);
	free(s);
	buf_free(&b);
}

static void
test_buf_truncate(void)
{
	buf b;

	buf_init(&b, 100);
	buf_puts(&b, "hello world");
	buf_truncate(&b, 5);
	CHECK(b.len == 5);
	CHECK_STR(b.data, "hello");
	buf_truncate(&b, 5);
	CHECK_STR(b.data, "hello");
	/* n > len does not grow nor read past the end. */
	buf_truncate(&b, 50);
	CHECK(b.len == 5);
	CHECK_STR(b.data, "hello");
	buf_puts(&b, "!");
	CHECK_STR(b.data, "hello!");
	buf_truncate(&b, 0);
	CHECK(b.len == 0);
	CHECK_STR(b.data, "");
	buf_free(&b);
}

static void
test_mem_strdup(void)
{
	char *s = mem_strdup("abc"), *t = mem_strndup("abcdef", 2);

	CHECK_STR(s, "abc");
	CHECK_STR(t, "ab");
	free(s);
	free(t);
}

static void
test_html_escape(void)
{
	char *s;
	buf b;

	s = S_esc(html_escape, "a&b<c>d\"e'f", 11);
	CHECK_STR(s, "a&amp;b&lt;c&gt;d&quot;e&#39;f");
	free(s);
	s = S_esc(html_escape, "<<>>", 4);
	CHECK_STR(s, "&lt;&lt;&gt;&gt;");
	free(s);
	s = S_esc(html_escape, "plain é text", strlen("plain é text"));
	CHECK_STR(s, "plain é text");
	free(s);
	s = S_esc(html_escape, "", 0);
	CHECK_STR(s, "");
	free(s);
	/* Only n bytes are read. */
	s = S_esc(html_escape, "ab<cd", 3);
	CHECK_STR(s, "ab&lt;");
	free(s);
	/* An escape that passes the bound fails and says so. */
	buf_init(&b, 5);
	CHECK(html_escape(&b, "a<b", 3) == -1);
	CHECK(b.overflow);
	buf_free(&b);
}

#define VALID(lit) utf8_valid(lit, sizeof lit - 1)

static void
test_utf8_valid(void)
{
	/* Good text, from ASCII to 4-byte sequences and the edges. */
	CHECK(VALID("") == 0);
	CHECK(VALID("hello") == 5);
	CHECK(VALID("héllo € 𝄞 Œ") == sizeof "héllo € 𝄞 Œ" - 1);
	CHECK(VALID("\xc2\x80") == 2);             /* U+0080 */
	CHECK(VALID("\xdf\xbf") == 2);             /* U+07FF */
	CHECK(VALID("\xe0\xa0\x80") == 3);         /* U+0800 */
	CHECK(VALID("\xed\x9f\xbf") == 3);         /* U+D7FF */
	CHECK(VALID("\xee\x80\x80") == 3);         /* U+E000 */
	CHECK(VALID("\xef\xbf\xbf") == 3);         /* U+FFFF */
	CHECK(VALID("\xf0\x90\x80\x80") == 4);     /* U+10000 */
	CHECK(VALID("\xf4\x8f\xbf\xbf") == 4);     /* U+10FFFF */

	/* Overlongs. */
	CHECK(VALID("\xc0\xaf") == 0);
	CHECK(VALID("\xc1\xbf") == 0);
	CHECK(VALID("ab\xe0\x80\xaf") == 2);
	CHECK(VALID("\xe0\x9f\xbf") == 0);
	CHECK(VALID("\xf0\x80\x80\xaf") == 0);
	CHECK(VALID("\xf0\x8f\xbf\xbf") == 0);
	/* Surrogates. */
	CHECK(VALID("\xed\xa0\x80") == 0);
	CHECK(VALID("ok\xed\xbf\xbf") == 2);
	/* Truncated sequences, at the end or cut by ASCII. */
	CHECK(VALID("abc\xc3") == 3);
	CHECK(VALID("\xe2\x82") == 0);
	CHECK(VALID("x\xf0\x9d\x84") == 1);
	CHECK(VALID("\xc3(") == 0);
	CHECK(VALID("\xe2(\xa1") == 0);
	/* Above U+10FFFF, and bytes that never start anything. */
	CHECK(VALID("\xf4\x90\x80\x80") == 0);
	CHECK(VALID("\xf5\x80\x80\x80") == 0);
	CHECK(VALID("\xf7\xbf\xbf\xbf") == 0);
	CHECK(VALID("\xf8\x88\x80\x80\x80") == 0);
	CHECK(VALID("\xff") == 0);
	CHECK(VALID("ab\x80") == 2);
	CHECK(VALID("é\xbf") == 2);
	/* n bounds the check: a cut sequence inside a longer string. */
	CHECK(utf8_valid("é", 1) == 0);
	CHECK(utf8_valid("aé", 2) == 1);
}

static void
test_utf8_decode(void)
{
	size_t len;

	CHECK(utf8_decode("A", 1, &len) == 'A' && len == 1);
	CHECK(utf8_decode("é", 2, &len) == 0xe9 && len == 2);
	CHECK(utf8_decode("€", 3, &len) == 0x20ac && len == 3);
	CHECK(utf8_decode("𝄞", 4, &len) == 0x1d11e && len == 4);
	CHECK(utf8_decode("€", 2, &len) == 0xfffd && len == 1);
	CHECK(utf8_decode("", 0, &len) == 0 && len == 0);
}

static void
test_text_line_of(void)
{
	const char *s = "one\ntwo\n\nfour";

	CHECK(text_line_of(s, 0) == 1);
	CHECK(text_line_of(s, 2) == 1);
	CHECK(text_line_of(s, 3) == 1); /* the newline ends line 1 */
	CHECK(text_line_of(s, 4) == 2);
	CHECK(text_line_of(s, 8) == 3);
	CHECK(text_line_of(s, 9) == 4);
	CHECK(text_line_of(s, strlen(s)) == 4);
	CHECK(text_line_of("", 0) == 1);
	CHECK(text_line_of("\r\n\r\nx", 4) == 3);
}

int
main(void)
{
	RUN(test_buf_growth);
	RUN(test_buf_max);
	RUN(test_buf_printf);
	RUN(test_buf_detach_reuse);
	RUN(test_buf_truncate);
	RUN(test_mem_strdup);
	RUN(test_html_escape);
	RUN(test_utf8_valid);
	RUN(test_utf8_decode);
	RUN(test_text_line_of);
	CHECK_EXIT();
}
