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
