#include "slug.h"

#include <ctype.h>
#include <string.h>

#include "../common/text.h"

#define SLUG_MAX 80

/* Latin-1 Supplement and Latin Extended-A, U+00C0..U+017F, folded. */
static const char *const S_fold_tab[] = {
	/* C0 */ "a", "a", "a", "a", "a", "a", "ae", "c",
	/* C8 */ "e", "e", "e", "e", "i", "i", "i", "i",
	/* D0 */ "d", "n", "o", "o", "o", "o", "o", NULL,
	/* D8 */ "o", "u", "u", "u", "u", "y", "th", "ss",
	/* E0 */ "a", "a", "a", "a", "a", "a", "ae", "c",
	/* E8 */ "e", "e", "e", "e", "i", "i", "i", "i",
	/* F0 */ "d", "n", "o", "o", "o", "o", "o", NULL,
	/* F8 */ "o", "u", "u", "u", "u", "y", "th", "y",
	/* 100 */ "a", "a", "a", "a", "a", "a", "c", "c",
	/* 108 */ "c", "c", "c", "c", "c", "c", "d", "d",
	/* 110 */ "d", "d", "e", "e", "e", "e", "e", "e",
	/* 118 */ "e", "e", "e", "e", "g", "g", "g", "g",
	/* 120 */ "g", "g", "g", "g", "h", "h", "h", "h",
	/* 128 */ "i", "i", "i", "i", "i", "i", "i", "i",
	/* 130 */ "i", "i", "ij", "ij", "j", "j", "k", "k",
	/* 138 */ "k", "l", "l", "l", "l", "l", "l", "l",
	/* 140 */ "l", "l", "l", "n", "n", "n", "n", "n",
	/* 148 */ "n", "n", "n", "n", "o", "o", "o", "o",
	/* 150 */ "o", "o", "oe", "oe", "r", "r", "r", "r",
	/* 158 */ "r", "r", "s", "s", "s", "s", "s", "s",
	/* 160 */ "s", "s", "t", "t", "t", "t", "t", "t",
	/* 168 */ "u", "u", "u", "u", "u", "u", "u", "u",
	/* 170 */ "u", "u", "u", "u", "w", "w", "y", "y",
	/* 178 */ "y", "z", "z", "z", "z", "z", "z", "s",
};

const char *
slug_fold(unsigned cp)
{
	if (cp >= 0xc0 && cp <= 0x17f)
		return S_fold_tab[cp - 0xc0];
	return NULL;
}

void
slug_make(buf *out, const char *s, size_t n)
{
	size_t i = 0, len, start = out->len;
	int hyphen = 0; /* a hyphen is owed before the next letter */
	unsigned cp;
	const char *f;
	char c;

	while (i < n) {
		cp = utf8_decode(s + i, n - i, &len);
		i += len;
		if (cp < 0x80 && isalnum((int)cp)) {
			c = (char)tolower((int)cp);
			f = NULL;
		} else if ((f = slug_fold(cp)) == NULL) {
			hyphen = out->len > start;
			continue;
		} else {
			c = 0;
		}
		if (out->len - start + (size_t)hyphen +
		    (f != NULL ? strlen(f) : 1) > SLUG_MAX)
			break;
		if (hyphen)
			buf_putc(out, '-');
		hyphen = 0;
		if (f != NULL)
			buf_puts(out, f);
		else
			buf_putc(out, c);
	}
}

/* The lowercase of a Latin letter (U+0000..U+017F), else cp itself. */
static unsigned
S_lower(unsigned cp)
{
	if (cp < 0x80)
		return (unsigned)tolower((int)cp);
	if (cp >= 0xc0 && cp <= 0xde && cp != 0xd7)
		return cp + 0x20;
	if (cp == 0x130)
		return 'i';
	if (cp == 0x178)
		return 0xff;
	if ((cp >= 0x100 && cp <= 0x137 && cp % 2 == 0) ||
	    (cp >= 0x139 && cp <= 0x148 && cp % 2 == 1) ||
	    (cp >= 0x14a && cp <= 0x177 && cp % 2 == 0) ||
	    (cp >= 0x179 && cp <= 0x17e && cp % 2 == 1))
		return cp + 1;
	return cp;
}

/* 1 when github-slugger keeps code point cp (a letter or a digit of
 * some script), 0 when it drops it (punctuation, symbols, spaces other
 * than ASCII's). */
static int
S_github_keeps(unsigned cp)
{
	if (cp < 0x80)
		return isalnum((int)cp) || cp == '-' || cp == '_';
	if (cp < 0xc0)
		return cp == 0xaa || cp == 0xb2 || cp == 0xb3 || cp == 0xb5 ||
		    cp == 0xb9 || cp == 0xba || (cp >= 0xbc && cp <= 0xbe);
	if (cp == 0xd7 || cp == 0xf7)
		return 0;
	/* General punctuation, symbols and arrows, CJK punctuation,
	 * variation selectors, half-width forms' punctuation, emoji. */
	if ((cp >= 0x2000 && cp <= 0x2bff) || (cp >= 0x3000 && cp <= 0x303f) ||
	    (cp >= 0xfe00 && cp <= 0xfe6f) || (cp >= 0xff00 && cp <= 0xff0f) ||
	    cp >= 0x1f000)
		return 0;
	return 1;
}

static void
S_put_utf8(buf *out, unsigned cp)
{
	if (cp < 0x80) {
		buf_putc(out, (char)cp);
	} else if (cp < 0x800) {
		buf_putc(out, (char)(0xc0 | (cp >> 6)));
		buf_putc(out, (char)(0x80 | (cp & 0x3f)));
	} else if (cp < 0x10000) {
		buf_putc(out, (char)(0xe0 | (cp >> 12)));
		buf_putc(out, (char)(0x80 | ((cp >> 6) & 0x3f)));
		buf_putc(out, (char)(0x80 | (cp & 0x3f)));
	} else {
		buf_putc(out, (char)(0xf0 | (cp >> 18)));
		buf_putc(out, (char)(0x80 | ((cp >> 12) & 0x3f)));
		buf_putc(out, (char)(0x80 | ((cp >> 6) & 0x3f)));
		buf_putc(out, (char)(0x80 | (cp & 0x3f)));
	}
}

void
slug_github(buf *out, const char *s, size_t n)
{
	size_t i = 0, len, start = out->len;
	unsigned cp;

	while (i < n) {
		cp = utf8_decode(s + i, n - i, &len);
		i += len;
		if (cp == ' ')
			cp = '-';
		else if (!S_github_keeps(cp))
			continue;
		if (out->len - start + 4 > SLUG_MAX_GITHUB)
			break;
		S_put_utf8(out, S_lower(cp));
	}
}
