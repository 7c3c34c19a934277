#include "url.h"

#include <ctype.h>
#include <string.h>

int
url_is_external(const char *u)
{
	const char *p = u;

	if (u[0] == '/' && u[1] == '/')
		return 1;
	if (!isalpha((unsigned char)*p))
		return 0;
	while (isalnum((unsigned char)*p) || *p == '+' || *p == '-' ||
	    *p == '.')
		p++;
	return *p == ':';
}

static int
S_hex(char c)
{
	return isdigit((unsigned char)c) ? c - '0' :
	    tolower((unsigned char)c) - 'a' + 10;
}

int
url_decode(buf *out, const char *s, size_t n)
{
	size_t i;
	int hi, lo;

	for (i = 0; i < n; i++) {
		if (s[i] == '%' && i + 2 < n &&
		    isxdigit((unsigned char)s[i + 1])
		    && isxdigit((unsigned char)s[i + 2])) {
			hi = S_hex(s[i + 1]);
			lo = S_hex(s[i + 2]);
			if (hi == 0 && lo == 0)
				return -1;
			buf_putc(out, (char)(hi * 16 + lo));
			i += 2;
		} else {
			buf_putc(out, s[i]);
		}
	}
	return 0;
}

void
url_encode(buf *out, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	unsigned char c;

	for (; *s != '\0'; s++) {
		c = (unsigned char)*s;
		if ((c < 0x80 && isalnum(c)) ||
		    (c != 0 && strchr("-._~/!$&'()*+,;=:@", c) != NULL)) {
			buf_putc(out, (char)c);
		} else {
			buf_putc(out, '%');
			buf_putc(out, hex[c >> 4]);
			buf_putc(out, hex[c & 15]);
		}
	}
}

int
url_resolve(buf *out, const char *src, const char *path)
{
	const char *seg, *end, *slash;
	size_t seglen, keep;

	buf_reset(out);
	if (path[0] == '/') {
		path++;
	} else if ((slash = strrchr(src, '/')) != NULL) {
		buf_add(out, src, (size_t)(slash - src + 1));
	}
	for (seg = path; *seg != '\0'; seg = *end ? end + 1 : end) {
		end = strchr(seg, '/');
		if (end == NULL)
			end = seg + strlen(seg);
		seglen = (size_t)(end - seg);
		if (seglen == 0 || (seglen == 1 && seg[0] == '.'))
			continue;
		if (seglen == 2 && seg[0] == '.' && seg[1] == '.') {
			if (out->len == 0)
				return -1;
			/* Drop the last folder: out ends with "/". */
			keep = out->len - 1;
			while (keep > 0 && out->data[keep - 1] != '/')
				keep--;
			buf_truncate(out, keep);
			continue;
		}
		buf_add(out, seg, seglen);
		if (*end == '/')
			buf_putc(out, '/');
	}
	return 0;
}

void
url_relative(buf *out, const char *from, const char *to)
{
	const char *f = from, *t = to, *p;
	size_t common = 0, i;

	/* Skip the folders both share. */
	for (i = 0; f[i] != '\0' && f[i] == t[i]; i++)
		if (f[i] == '/')
			common = i + 1;
	for (p = from + common; *p != '\0'; p++)
		if (*p == '/')
			buf_puts(out, "../");
	buf_puts(out, to + common);
	if (out->len == 0 || (from[common] == '\0' && to[common] == '\0'))
		buf_puts(out, "./");
}

int
url_distance(const char *a, const char *b, int max)
{
	int row[2][URL_DIST_MAX_LEN + 1];
	int na = (int)strlen(a), nb = (int)strlen(b), i, j, lo, hi, best;
	int *prev = row[0], *cur = row[1], *t, far = max + 1;

	if (max < 0 || na > URL_DIST_MAX_LEN || nb > URL_DIST_MAX_LEN ||
	    na - nb > max || nb - na > max)
		return far;
	/* Only the band |i - j| <= max can hold a distance <= max: the
	 * cells outside it count as far. */
	for (j = 0; j <= nb; j++)
		prev[j] = j <= max ? j : far;
	for (i = 1; i <= na; i++) {
		lo = i - max > 1 ? i - max : 1;
		hi = i + max < nb ? i + max : nb;
		for (j = 0; j <= nb; j++)
			cur[j] = far;
		if (i <= max)
			cur[0] = i;
		best = cur[0];
		for (j = lo; j <= hi; j++) {
			int v = prev[j - 1] + (a[i - 1] != b[j - 1]);

			if (prev[j] + 1 < v)
				v = prev[j] + 1;
			if (cur[j - 1] + 1 < v)
				v = cur[j - 1] + 1;
			cur[j] = v < far ? v : far;
			if (cur[j] < best)
				best = cur[j];
		}
		if (best > max)
			return far;
		t = prev;
		prev = cur;
		cur = t;
	}
	return prev[nb] <= max ? prev[nb] : far;
}
