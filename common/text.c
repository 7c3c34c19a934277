#include "text.h"

#include <string.h>

/* What html_escape writes for c, or NULL when c stays as it is. */
static const char *
S_html_entity(char c)
{
	switch (c) {
	case '&': return "&amp;";
	case '<': return "&lt;";
	case '>': return "&gt;";
	case '"': return "&quot;";
	case '\'': return "&#39;";
	default: return NULL;
	}
}

size_t
html_plain_len(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n && S_html_entity(s[i]) == NULL; i++)
		;
	return i;
}

int
html_escape(buf *b, const char *s, size_t n)
{
	size_t k;

	for (;;) {
		k = html_plain_len(s, n);
		if (buf_add(b, s, k) < 0)
			return -1;
		if (k == n)
			return 0;
		if (buf_puts(b, S_html_entity(s[k])) < 0)
			return -1;
		s += k + 1;
		n -= k + 1;
	}
}

size_t
text_copy(char *dst, size_t n, const char *src)
{
	size_t len;

	if (n == 0)
		return 0;
	if (src == NULL)
		src = "";
	len = strlen(src);
	if (len >= n) {
		len = n - 1;
		/* Back to the first byte of the character the cut is in:
		 * continuation bytes are 10xxxxxx. */
		while (len > 0 && ((unsigned char)src[len] & 0xc0) == 0x80)
			len--;
	}
	memcpy(dst, src, len);
	dst[len] = '\0';
	return len;
}

size_t
utf8_valid(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0, len, k;
	unsigned cp, min;

	while (i < n) {
		if (s[i] < 0x80) {
			i++;
			continue;
		}
		if (s[i] >= 0xc2 && s[i] <= 0xdf) {
			len = 2; cp = s[i] & 0x1f; min = 0x80;
		} else if ((s[i] & 0xf0) == 0xe0) {
			len = 3; cp = s[i] & 0x0f; min = 0x800;
		} else if (s[i] >= 0xf0 && s[i] <= 0xf4) {
			len = 4; cp = s[i] & 0x07; min = 0x10000;
		} else {
			return i;
		}
		if (n - i < len)
			return i;
		for (k = 1; k < len; k++) {
			if ((s[i + k] & 0xc0) != 0x80)
				return i;
			cp = (cp << 6) | (s[i + k] & 0x3f);
		}
		if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			return i;
		i += len;
	}
	return n;
}

unsigned
utf8_decode(const char *str, size_t n, size_t *len)
{
	const unsigned char *s = (const unsigned char *)str;
	unsigned cp;
	size_t l, k;

	if (n == 0) {
		*len = 0;
		return 0;
	}
	if (s[0] < 0x80) {
		*len = 1;
		return s[0];
	}
	if ((s[0] & 0xe0) == 0xc0) {
		l = 2; cp = s[0] & 0x1f;
	} else if ((s[0] & 0xf0) == 0xe0) {
		l = 3; cp = s[0] & 0x0f;
	} else {
		l = 4; cp = s[0] & 0x07;
	}
	if (l > n) {
		*len = 1;
		return 0xfffd;
	}
	for (k = 1; k < l; k++)
		cp = (cp << 6) | (s[k] & 0x3f);
	*len = l;
	return cp;
}

int
text_line_of(const char *s, size_t off)
{
	int line = 1;
	size_t i;

	for (i = 0; i < off; i++)
		if (s[i] == '\n')
			line++;
	return line;
}

void
json_escape(buf *b, const char *s)
{
	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			buf_printf(b, "\\%c", c);
		else if (c < 0x20 || c == '<' || c == '>' || c == '&')
			buf_printf(b, "\\u%04x", c);
		else
			buf_putc(b, (char)c);
	}
}

int
text_clean(const char *s, size_t n, int multiline)
{
	size_t i;

	if (utf8_valid(s, n) != n)
		return 0;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == 0x7f)
			return 0;
		if (c < 0x20 && !(multiline && (c == '\t' || c == '\n' ||
		    c == '\r')))
			return 0;
	}
	return 1;
}
