#include "multipart.h"

#include <string.h>
#include <strings.h>

#include "../common/msg.h"
#include "../common/text.h"


/* RFC 2046's bchars, space allowed but not last. */
static const char S_bchars[] = "0123456789abcdefghijklmnopqrstuvwxyz"
    "ABCDEFGHIJKLMNOPQRSTUVWXYZ'()+_,-./:=? ";
/* RFC 9110's tchar: a header's or a parameter's name. */
static const char S_tchars[] = "0123456789abcdefghijklmnopqrstuvwxyz"
    "ABCDEFGHIJKLMNOPQRSTUVWXYZ!#$%&'*+-.^_`|~";

static const char *
S_skip_ws(const char *s, const char *end)
{
	while (s < end && (*s == ' ' || *s == '\t'))
		s++;
	return s;
}

/*
 * One parameter of a header value at *ps ("; name=value" or
 * "; name=\"value\""), its name and value as spans. The quoted form has
 * no escapes: browsers percent-encode '"' and CR LF in names (the HTML
 * standard) and send '\' as it is. Returns 1, 0 at the end, -1 when
 * malformed.
 */
static int
S_param(const char **ps, const char *end, const char **pn, size_t *nn,
	const char **pv, size_t *nv)
{
	const char *s = S_skip_ws(*ps, end), *q;

	if (s == end)
		return 0;
	if (*s++ != ';')
		return -1;
	s = S_skip_ws(s, end);
	if (s == end)
		return 0; /* a trailing ';' */
	*pn = s;
	while (s < end && strchr(S_tchars, *s) != NULL)
		s++;
	*nn = (size_t)(s - *pn);
	s = S_skip_ws(s, end);
	if (*nn == 0 || s == end || *s++ != '=')
		return -1;
	s = S_skip_ws(s, end);
	if (s < end && *s == '"') {
		q = memchr(s + 1, '"', (size_t)(end - s - 1));
		if (q == NULL)
			return -1;
		*pv = s + 1;
		*nv = (size_t)(q - s - 1);
		s = q + 1;
	} else {
		*pv = s;
		while (s < end && *s != ';' && *s != ' ' && *s != '\t')
			s++;
		*nv = (size_t)(s - *pv);
	}
	*ps = s;
	return 1;
}

int
multipart_boundary(const char *ct, char *out, size_t outsz,
	const char **why)
{
	const char *end = ct + strlen(ct), *s = S_skip_ws(ct, end), *pn, *pv;
	size_t nn, nv, i;
	int rc, found = 0;

	if (strncasecmp(s, "multipart/form-data", 19) != 0 ||
	    (s[19] != '\0' && s[19] != ';' && s[19] != ' ' &&
	    s[19] != '\t')) {
		*why = msg("format de formulaire non accepté",
		    "form format not accepted");
		return -1;
	}
	s += 19;
	while ((rc = S_param(&s, end, &pn, &nn, &pv, &nv)) > 0) {
		if (nn != 8 || strncasecmp(pn, "boundary", 8) != 0)
			continue;
		if (found++) {
			*why = msg("formulaire : deux séparateurs",
			    "form: two boundaries");
			return -1;
		}
		if (nv == 0 || nv > MULTIPART_MAX_BOUNDARY || nv >= outsz ||
		    pv[nv - 1] == ' ') {
			*why = msg("formulaire : séparateur vide ou trop long",
			    "form: boundary empty or too long");
			return -1;
		}
		for (i = 0; i < nv; i++)
			if (pv[i] == '\0' || strchr(S_bchars, pv[i]) == NULL) {
				*why = msg("formulaire : caractère interdit "
				    "dans le séparateur", "form: character "
				    "not allowed in the boundary");
				return -1;
			}
		memcpy(out, pv, nv);
		out[nv] = '\0';
	}
	if (rc < 0) {
		*why = msg("formulaire : type de contenu mal formé",
		    "form: malformed content type");
		return -1;
	}
	if (!found) {
		*why = msg("formulaire : séparateur manquant",
		    "form: missing boundary");
		return -1;
	}
	return 0;
}

/* Copy span s[0..n) into out[outsz] when it fits and is clean single-line
 * text; 0, else -1. */
static int
S_copy(char *out, size_t outsz, const char *s, size_t n)
{
	if (n >= outsz || !text_clean(s, n, 0))
		return -1;
	memcpy(out, s, n);
	out[n] = '\0';
	return 0;
}

/* Content-Disposition: form-data; name="…"[; filename="…"]. */
static const char *
S_disposition(multipart_part *p, const char *s, const char *end)
{
	const char *pn, *pv;
	size_t nn, nv;
	int rc, names = 0, files = 0;

	if ((size_t)(end - s) < 9 || strncasecmp(s, "form-data", 9) != 0 ||
	    (s + 9 < end && s[9] != ';' && s[9] != ' ' && s[9] != '\t'))
		return msg("formulaire : une partie n'est pas form-data",
		    "form: a part is not form-data");
	s += 9;
	while ((rc = S_param(&s, end, &pn, &nn, &pv, &nv)) > 0) {
		if (nn == 4 && strncasecmp(pn, "name", 4) == 0) {
			if (names++ || nv == 0 || S_copy(p->name,
			    sizeof p->name, pv, nv) < 0)
				return msg("formulaire : nom de champ "
				    "invalide", "form: invalid field name");
		} else if (nn == 8 && strncasecmp(pn, "filename", 8) == 0) {
			if (files++ || S_copy(p->filename, sizeof p->filename,
			    pv, nv) < 0)
				return msg("formulaire : nom de fichier "
				    "invalide", "form: invalid file name");
			p->is_file = 1;
		}
	}
	if (rc < 0)
		return msg("formulaire : en-tête de partie mal formé",
		    "form: malformed part header");
	if (!names)
		return msg("formulaire : une partie n'a pas de nom",
		    "form: a part has no name");
	return NULL;
}

/* The header lines of one part, hs[0..n) (each ending with CRLF). */
static const char *
S_headers(multipart_part *p, const char *hs, size_t n)
{
	const char *end = hs + n, *eol, *colon, *v, *ve, *why;
	int disp = 0;

	while (hs < end) {
		eol = memchr(hs, '\r', (size_t)(end - hs));
		if (eol == NULL || eol + 1 >= end || eol[1] != '\n' ||
		    memchr(hs, '\n', (size_t)(eol - hs)) != NULL)
			return msg("formulaire : ligne d'en-tête sans CRLF",
			    "form: header line without CRLF");
		colon = hs;
		while (colon < eol && strchr(S_tchars, *colon) != NULL)
			colon++;
		if (colon == hs || colon == eol || *colon != ':')
			return msg("formulaire : ligne d'en-tête mal formée",
			    "form: malformed header line");
		v = S_skip_ws(colon + 1, eol);
		ve = eol;
		while (ve > v && (ve[-1] == ' ' || ve[-1] == '\t'))
			ve--;
		if (colon - hs == 19 &&
		    strncasecmp(hs, "Content-Disposition", 19) == 0) {
			if (disp++)
				return msg("formulaire : deux "
				    "Content-Disposition", "form: two "
				    "Content-Disposition");
			if ((why = S_disposition(p, v, ve)) != NULL)
				return why;
		} else if (colon - hs == 12 &&
		    strncasecmp(hs, "Content-Type", 12) == 0) {
			if (p->type[0] != '\0' || S_copy(p->type,
			    sizeof p->type, v, (size_t)(ve - v)) < 0 ||
			    ve == v)
				return msg("formulaire : type de partie "
				    "invalide", "form: invalid part type");
		} else if (colon - hs == 25 && strncasecmp(hs,
		    "Content-Transfer-Encoding", 25) == 0) {
			/* RFC 7578 4.7: deprecated; only the identities. */
			if (!((ve - v == 6 && strncasecmp(v, "binary", 6) == 0)
			    || (ve - v == 4 && (strncasecmp(v, "8bit", 4) == 0
			    || strncasecmp(v, "7bit", 4) == 0))))
				return msg("formulaire : encodage de partie "
				    "non accepté", "form: part encoding not "
				    "accepted");
		}
		hs = eol + 2;
	}
	if (!disp)
		return msg("formulaire : Content-Disposition manquant",
		    "form: missing Content-Disposition");
	return NULL;
}

int
multipart_parse(const char *body, size_t n, const char *boundary,
	multipart_part *parts, int maxparts, int *nparts, size_t max_text,
	const char **why)
{
	char delim[MULTIPART_MAX_BOUNDARY + 5]; /* CRLF "--" boundary */
	size_t blen = strlen(boundary), dlen, p, hlen;
	const char *hit, *end = body + n, *s;
	multipart_part *part;

	*nparts = 0;
	if (maxparts > MULTIPART_MAX_PARTS)
		maxparts = MULTIPART_MAX_PARTS;
	if (blen == 0 || blen > MULTIPART_MAX_BOUNDARY) {
		*why = msg("formulaire : séparateur vide ou trop long",
		    "form: boundary empty or too long");
		return -1;
	}
	memcpy(delim, "\r\n--", 4);
	memcpy(delim + 4, boundary, blen);
	dlen = blen + 4;
	/* The first delimiter: at the start, or after a preamble. */
	if (n >= dlen - 2 && memcmp(body, delim + 2, dlen - 2) == 0) {
		p = dlen - 2;
	} else if ((hit = memmem(body, n, delim, dlen)) != NULL) {
		p = (size_t)(hit - body) + dlen;
	} else {
		*why = msg("formulaire : séparateur introuvable",
		    "form: boundary not found");
		return -1;
	}
	for (;;) {
		/* After a delimiter: "--" closes, else padding and CRLF. */
		if (n - p >= 2 && body[p] == '-' && body[p + 1] == '-')
			return 0;
		s = S_skip_ws(body + p, end);
		if (end - s < 2 || s[0] != '\r' || s[1] != '\n') {
			*why = msg("formulaire : séparateur mal terminé",
			    "form: boundary line badly ended");
			return -1;
		}
		p = (size_t)(s - body) + 2;
		if (*nparts >= maxparts) {
			*why = msg("formulaire : trop de parties",
			    "form: too many parts");
			return -1;
		}
		part = &parts[*nparts];
		memset(part, 0, sizeof *part);
		/* The headers, up to the empty line. */
		hlen = n - p < MULTIPART_MAX_HEAD + 4 ? n - p :
		    MULTIPART_MAX_HEAD + 4;
		if (hlen >= 2 && body[p] == '\r' && body[p + 1] == '\n') {
			*why = msg("formulaire : Content-Disposition manquant",
			    "form: missing Content-Disposition");
			return -1;
		}
		if ((hit = memmem(body + p, hlen, "\r\n\r\n", 4)) == NULL) {
			*why = msg(hlen > MULTIPART_MAX_HEAD ?
			    "formulaire : en-têtes de partie trop longs" :
			    "formulaire : en-têtes de partie incomplets",
			    hlen > MULTIPART_MAX_HEAD ?
			    "form: part headers too long" :
			    "form: incomplete part headers");
			return -1;
		}
		if ((*why = S_headers(part, body + p,
		    (size_t)(hit - body) + 2 - p)) != NULL)
			return -1;
		p = (size_t)(hit - body) + 4;
		/* The content, up to CRLF "--" boundary. */
		if ((hit = memmem(body + p, n - p, delim, dlen)) == NULL) {
			*why = msg("formulaire incomplet : séparateur de fin "
			    "manquant", "incomplete form: closing boundary "
			    "missing");
			return -1;
		}
		part->data = body + p;
		part->len = (size_t)(hit - body) - p;
		if (!part->is_file && (part->len > max_text ||
		    !text_clean(part->data, part->len, 1))) {
			*why = msg("formulaire invalide (caractères illisibles "
			    "ou texte trop long)", "invalid form (unreadable "
			    "characters or text too long)");
			return -1;
		}
		(*nparts)++;
		p = (size_t)(hit - body) + dlen;
	}
}
