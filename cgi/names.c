#include "names.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/uspoof.h>
#include <unicode/ustring.h>

#include "../common/text.h"

#define NAMES_U16 512 /* UTF-16 units of a name (100 characters, NFC) */

static const UNormalizer2 *S_nfc, *S_nfkc;
static USpoofChecker *S_spoof;

int
names_init(char *err, size_t errsz)
{
	UErrorCode e = U_ZERO_ERROR;
	char sk[NAMES_SKELETON_SIZE], *t;

	if (S_spoof != NULL)
		return 0;
	S_nfc = unorm2_getNFCInstance(&e);
	if (U_SUCCESS(e))
		S_nfkc = unorm2_getNFKCInstance(&e);
	if (U_SUCCESS(e))
		S_spoof = uspoof_open(&e);
	if (U_FAILURE(e) || S_nfc == NULL || S_nfkc == NULL ||
	    S_spoof == NULL) {
		snprintf(err, errsz, "ICU: %s", u_errorName(e));
		return -1;
	}
	/* Use each once: ICU loads its tables at first use, and a worker
	 * must not open a file after the seccomp filter. */
	t = names_nfc("Zoe\xcc\x81");
	if (t == NULL || names_skeleton("B\xd0\xbe" "b", sk, sizeof sk) < 0 ||
	    !names_visible("Zo\xc3\xa9")) {
		free(t);
		snprintf(err, errsz, "ICU: names do not normalise");
		return -1;
	}
	free(t);
	return 0;
}

/* UTF-8 in, UTF-16 out (n units): its length, or -1. */
static int32_t
S_u16(const char *s, UChar *out, int32_t n)
{
	UErrorCode e = U_ZERO_ERROR;
	int32_t len = 0;

	u_strFromUTF8(out, n, &len, s, -1, &e);
	return U_SUCCESS(e) && e != U_STRING_NOT_TERMINATED_WARNING ? len : -1;
}

/* s normalised by n (NFC, NFKC): a new string, or NULL. */
static char *
S_norm(const UNormalizer2 *norm, const char *s)
{
	UChar in[NAMES_U16], out[NAMES_U16];
	UErrorCode e = U_ZERO_ERROR;
	int32_t n, m, k = 0;
	char *r;

	if (norm == NULL || (n = S_u16(s, in, NAMES_U16)) < 0)
		return NULL;
	m = unorm2_normalize(norm, in, n, out, NAMES_U16, &e);
	if (U_FAILURE(e) || m >= NAMES_U16)
		return NULL;
	/* At most 3 bytes per UTF-16 unit. */
	if ((r = malloc((size_t)m * 3 + 1)) == NULL)
		return NULL;
	u_strToUTF8(r, m * 3 + 1, &k, out, m, &e);
	if (U_FAILURE(e)) {
		free(r);
		return NULL;
	}
	r[k] = '\0';
	return r;
}

char *
names_nfc(const char *s)
{
	return S_norm(S_nfc, s);
}

int
names_visible(const char *s)
{
	size_t n = strlen(s), i = 0, len;
	unsigned cp;
	int8_t t;
	int seen = 0;

	while (i < n) {
		cp = utf8_decode(s + i, n - i, &len);
		i += len;
		t = u_charType((UChar32)cp);
		if (t == U_CONTROL_CHAR || t == U_FORMAT_CHAR ||
		    t == U_PRIVATE_USE_CHAR || t == U_SURROGATE ||
		    t == U_LINE_SEPARATOR || t == U_PARAGRAPH_SEPARATOR ||
		    (t == U_SPACE_SEPARATOR && cp != 0x20) ||
		    u_hasBinaryProperty((UChar32)cp,
		    UCHAR_DEFAULT_IGNORABLE_CODE_POINT) ||
		    /* Blank, and not default-ignorable: Braille's blank,
		     * the Hangul fillers (also in the property). */
		    cp == 0x2800 || cp == 0x115f || cp == 0x1160 ||
		    cp == 0x3164 || cp == 0xffa0)
			return 0;
		if (t != U_NON_SPACING_MARK && t != U_ENCLOSING_MARK &&
		    t != U_COMBINING_SPACING_MARK && cp != 0x20)
			seen = 1;
	}
	return seen;
}

int
names_skeleton(const char *s, char *out, size_t n)
{
	UErrorCode e = U_ZERO_ERROR;
	int32_t k;
	char *t;

	if (S_spoof == NULL || n == 0 || n > INT32_MAX)
		return -1;
	/* NFKC first: TS #39's table leaves compatibility forms (a
	 * full-width "Ｂｏｂ", ligatures) to it. */
	if ((t = S_norm(S_nfkc, s)) == NULL)
		return -1;
	k = uspoof_getSkeletonUTF8(S_spoof, 0, t, -1, out, (int32_t)n, &e);
	free(t);
	if (U_FAILURE(e) || k < 0 || (size_t)k >= n)
		return -1;
	out[k] = '\0';
	return 0;
}
