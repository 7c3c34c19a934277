#include "falc.h"

#include <ctype.h>
#include <string.h>

#include "../common/text.h"

/* ------------------------------------------------------------------ */
/* Letters, in the UTF-8 that libxml2 hands out. */

int
falc_is_space(unsigned cp)
{
	return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' ||
	    cp == 0xa0 || cp == 0x202f || cp == 0x2009 || cp == 0x2007;
}

/* Capitals of Latin (with accents), Greek and Cyrillic. */
static int
S_is_upper(unsigned cp)
{
	if (cp < 0x80)
		return cp >= 'A' && cp <= 'Z';
	if (cp >= 0xc0 && cp <= 0xde)
		return cp != 0xd7;
	if (cp >= 0x100 && cp <= 0x137)
		return cp % 2 == 0;
	if (cp >= 0x139 && cp <= 0x148)
		return cp % 2 == 1;
	if (cp >= 0x14a && cp <= 0x177)
		return cp % 2 == 0;
	if (cp >= 0x178 && cp <= 0x17e)
		return cp == 0x178 || cp % 2 == 1;
	return (cp >= 0x391 && cp <= 0x3a9) || (cp >= 0x400 && cp <= 0x42f);
}

static int
S_is_lower(unsigned cp)
{
	if (cp < 0x80)
		return cp >= 'a' && cp <= 'z';
	if (cp >= 0xdf && cp <= 0xff)
		return cp != 0xf7;
	if (cp >= 0x100 && cp <= 0x17f)
		return !S_is_upper(cp);
	return (cp >= 0x3b1 && cp <= 0x3c9) || (cp >= 0x430 && cp <= 0x45f);
}

/* Letters and digits: what words are made of. Above Latin, anything but
 * punctuation and symbols counts, so that other scripts have words. */
static int
S_is_alnum(unsigned cp)
{
	if (cp < 0x80)
		return isalnum((int)cp);
	if (cp < 0xc0)
		return 0;
	if (cp <= 0x24f)
		return cp != 0xd7 && cp != 0xf7;
	return !(cp >= 0x2000 && cp <= 0x2bff) &&
	    !(cp >= 0x3000 && cp <= 0x303f) &&
	    !(cp >= 0xfe30 && cp <= 0xfe4f) &&
	    !(cp >= 0xff00 && cp <= 0xff0f) && cp != 0xfffd;
}

static unsigned
S_cp(const char *s, size_t n, size_t i, size_t *len)
{
	return utf8_decode(s + i, n - i, len);
}

size_t
falc_skip_spaces(const char *s, size_t n, size_t i)
{
	size_t l;

	while (i < n && falc_is_space(S_cp(s, n, i, &l)))
		i += l;
	return i;
}

/* ------------------------------------------------------------------ */
/* Sentences and words. */

static int
S_is_end_mark(unsigned cp)
{
	return cp == '.' || cp == '!' || cp == '?' || cp == 0x2026;
}

static int
S_is_closer(unsigned cp)
{
	return cp == ')' || cp == ']' || cp == '"' || cp == '\'' ||
	    cp == 0xbb || cp == 0x201d || cp == 0x2019;
}

static int
S_is_opener(unsigned cp)
{
	return cp == '(' || cp == '[' || cp == '"' || cp == 0xab ||
	    cp == 0x201c || cp == 0x2018 || cp == 0x2014 || cp == 0x2013 ||
	    cp == '-';
}

/* A capital, a digit, or an opening quote before one: what can start a
 * sentence after a full stop. */
static int
S_starts_sentence(const char *s, size_t n, size_t i)
{
	size_t l;
	unsigned cp = S_cp(s, n, i, &l);

	if (S_is_opener(cp)) {
		i = falc_skip_spaces(s, n, i + l);
		if (i >= n)
			return 0;
		cp = S_cp(s, n, i, &l);
	}
	return S_is_upper(cp) || (cp >= '0' && cp <= '9');
}

/*
 * The word before the full stop at s[dot] is an abbreviation that does
 * not end a sentence even before a capital ("M. Martin", "J. Dupont",
 * "p. 12"). "etc." is not one of them: it ends a sentence when a capital
 * follows.
 */
static int
S_abbreviation(const char *s, size_t dot)
{
	static const char *const words[] = {
		"M", "MM", "Mme", "Mmes", "Mlle", "Mlles", "Me", "Mgr", "Dr",
		"Pr", "St", "Ste", "cf", "Cf", "p", "pp", "ex", "Ex", "env",
		"av", "bd", "chap", "fig", "vol", "art", "tél", "Tél", "n",
		"no", "N", "No", "c.-à-d", "Mr", "Mrs", "Ms", "vs", "e.g",
		"i.e", NULL,
	};
	size_t start = dot, len;
	int k;

	/* Back over letters, and the dots and hyphens of "c.-à-d.". */
	while (start > 0 && ((unsigned char)s[start - 1] >= 0x80 ||
	    isalpha((unsigned char)s[start - 1]) || s[start - 1] == '.' ||
	    s[start - 1] == '-'))
		start--;
	len = dot - start;
	if (len == 1 && isupper((unsigned char)s[start]))
		return 1;
	for (k = 0; words[k] != NULL; k++)
		if (strlen(words[k]) == len && memcmp(words[k], s + start,
		    len) == 0)
			return 1;
	return 0;
}

size_t
falc_sentence_end(const char *s, size_t n, size_t i)
{
	size_t l, j, k, m;
	unsigned cp;

	while (i < n) {
		cp = S_cp(s, n, i, &l);
		if (!S_is_end_mark(cp)) {
			i += l;
			continue;
		}
		/* "?!", "...": one ending. */
		j = i + l;
		while (j < n && S_is_end_mark(S_cp(s, n, j, &l)))
			j += l;
		/* Closing quotes and brackets belong to the sentence,
		 * « like this. » with a no-break space before the quote. */
		k = j;
		for (;;) {
			m = falc_skip_spaces(s, n, k);
			if (m >= n || !S_is_closer(S_cp(s, n, m, &l)))
				break;
			if (m > k && S_cp(s, n, m, &l) != 0xbb)
				break;
			k = m + l;
		}
		if (k >= n)
			return n;
		/* 10.30, 1.5, www.caf.fr: no blank after the dot. */
		if (!falc_is_space(S_cp(s, n, k, &l))) {
			i = j;
			continue;
		}
		m = falc_skip_spaces(s, n, k);
		if (m >= n)
			return n;
		if (!S_starts_sentence(s, n, m) ||
		    (j == i + 1 && s[i] == '.' && S_abbreviation(s, i))) {
			i = j;
			continue;
		}
		return k;
	}
	return n;
}

int
falc_words(const char *s, size_t n)
{
	size_t i = 0, l;
	int words = 0, in = 0, alnum = 0;
	unsigned cp;

	for (i = 0; i <= n; i += l) {
		if (i == n) {
			cp = ' ';
			l = 1;
		} else {
			cp = S_cp(s, n, i, &l);
		}
		if (falc_is_space(cp)) {
			if (in && alnum)
				words++;
			in = alnum = 0;
			continue;
		}
		in = 1;
		if (S_is_alnum(cp))
			alnum = 1;
	}
	return words;
}

/* "la CAF (caisse d'allocations familiales)" or "caisse d'allocations
 * familiales (CAF)": the word at s[a..b) is explained right there. */
int
falc_explained(const char *s, size_t n, size_t a, size_t b)
{
	size_t i = falc_skip_spaces(s, n, b), l, j;
	const char *close;
	unsigned before = 0;

	if (i < n && s[i] == '(' && (close = memchr(s + i, ')', n - i)) !=
	    NULL) {
		for (j = i + 1; s + j < close; j += l)
			if (S_is_lower(S_cp(s, n, j, &l)))
				return 1;
	}
	/* The character before the word, blanks aside. */
	for (j = a; j > 0 && (before == 0 || falc_is_space(before)); ) {
		j--;
		while (j > 0 && ((unsigned char)s[j] & 0xc0) == 0x80)
			j--;
		before = S_cp(s, n, j, &l);
	}
	return before == '(' && i < n && s[i] == ')';
}

int
falc_next_word(const char *s, size_t n, size_t *i, size_t *start,
	falc_kind *kind)
{
	size_t l, a;
	int up = 0, acc = 0, low = 0;
	unsigned cp;

	while (*i < n && !S_is_alnum(S_cp(s, n, *i, &l)))
		*i += l;
	if (*i >= n)
		return 0;
	/* One word: a run of letters and digits. */
	a = *i;
	while (*i < n && S_is_alnum(cp = S_cp(s, n, *i, &l))) {
		if (cp >= 'A' && cp <= 'Z')
			up++;
		else if (S_is_upper(cp))
			acc++;
		else if (cp < '0' || cp > '9')
			low++;
		*i += l;
	}
	*start = a;
	*kind = FALC_WORD;
	/* Roman numbers (XIV) are no acronyms. */
	if (low > 0 || up + acc < 2 || strspn(s + a, "IVX") == *i - a)
		return 1;
	if (acc == 0 && up <= FALC_MAX_ACRONYM)
		*kind = FALC_ACRONYM;
	else if (up + acc >= 3)
		*kind = FALC_CAPITALS;
	return 1;
}
