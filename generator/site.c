#include "site.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <sodium.h>

#include "../common/manifest.h"
#include "../common/text.h"
#include "fs.h"
#include "inc.h"
#include "par.h"
#include "rule.h"
#include "slug.h"
#include "title.h"
#include "url.h"

static int
S_ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);

	return n >= k && strcmp(s + n - k, suffix) == 0;
}

/* A file or folder name that can stand in an address as it is. */
static int
S_good_name(const char *s, size_t n)
{
	size_t i;

	if (n == 0 || s[0] == '-' || s[0] == '_')
		return 0;
	for (i = 0; i < n; i++)
		if (!islower((unsigned char)s[i]) &&
		    !isdigit((unsigned char)s[i]) && s[i] != '-' && s[i] != '_')
			return 0;
	return 1;
}

/* Names the generator writes at the root of the output. */
static int
S_reserved(const char *s, size_t n)
{
	return (n == 6 && memcmp(s, "static", 6) == 0) ||
	    (n == strlen(MANIFEST_DIR) && memcmp(s, MANIFEST_DIR, n) == 0) ||
	    (n == 3 && memcmp(s, "404", 3) == 0);
}

/*
 * Append to out the part of an address that the file or folder name
 * s[0..n) gives: the name itself when it can stand there
 * ("02-tableau"), else its slug ("Ma leçon" → "ma-lecon",
 * "criteres-1.1" → "criteres-1-1"). Returns 0, or -1 after a message when
 * the name has no letter or digit to make one of.
 */
static int
S_name(site *s, const page *p, buf *out, const char *name, size_t n)
{
	size_t start = out->len;

	if (S_good_name(name, n)) {
		buf_add(out, name, n);
		return 0;
	}
	slug_make(out, name, n);
	if (out->len > start)
		return 0;
	diag_add(s->d, DIAG_ERROR, p->path, 0, msg(
	    "nom à changer : « %.*s » n'a ni lettre ni chiffre pour faire "
	    "son adresse", "name to change: \"%.*s\" has no letter or digit "
	    "to make its address of"), (int)n, name);
	return -1;
}

/*
 * Turn content/ path src into a page: kind, id and url. Returns 0, or -1
 * after a message when the file is not where a page can be.
 */
static int
S_classify(site *s, page *p)
{
	const char *src = p->src, *slash = strchr(src, '/');
	size_t n = strlen(src) - 3; /* without ".md" */
	size_t mod_n;
	buf id;
	int rc = -1;

	buf_init(&id, BUF_MAX_PATH);
	if (slash == NULL) {
		if (strcmp(src, "_index.md") == 0) {
			p->kind = PAGE_HOME;
			p->id = mem_strdup("");
			p->url = mem_strdup("");
			rc = 0;
			goto out;
		}
		if (S_name(s, p, &id, src, n) < 0)
			goto out;
		if (S_reserved(id.data, id.len)) {
			diag_add(s->d, DIAG_ERROR, p->path, 0, "%s", msg(
			    "ce nom est réservé par eystime : choisissez-en "
			    "un autre", "this name is reserved by eystime: "
			    "choose another one"));
			goto out;
		}
		p->kind = PAGE_PLAIN;
		goto url;
	}
	if (strchr(slash + 1, '/') != NULL) {
		diag_add(s->d, DIAG_ERROR, p->path, 0, "%s", msg(
		    "trop de dossiers : une leçon se range dans "
		    "content/<module>/<leçon>.md",
		    "too many folders: a lesson goes in "
		    "content/<module>/<lesson>.md"));
		goto out;
	}
	mod_n = (size_t)(slash - src);
	if (S_name(s, p, &id, src, mod_n) < 0)
		goto out;
	if (S_reserved(id.data, id.len)) {
		diag_add(s->d, DIAG_ERROR, p->path, 0, "%s", msg(
		    "ce nom de dossier est réservé par eystime : choisissez-en "
		    "un autre", "this folder name is reserved by eystime: "
		    "choose another one"));
		goto out;
	}
	if (strcmp(slash + 1, "_index.md") == 0) {
		p->kind = PAGE_MODULE;
		goto url;
	}
	buf_putc(&id, '/');
	if (S_name(s, p, &id, slash + 1, n - mod_n - 1) < 0)
		goto out;
	p->kind = PAGE_LESSON;
url:
	p->id = mem_strndup(id.data, id.len);
	p->url = mem_alloc(NULL, id.len + 2);
	memcpy(p->url, id.data, id.len);
	memcpy(p->url + id.len, "/", 2);
	rc = 0;
out:
	buf_free(&id);
	return rc;
}

static const char *
S_scalar(site *s, const page *p, const char *key)
{
	const fm_node *v = fm_get(p->fm, key);

	if (v == NULL)
		return NULL;
	if (v->type != FM_SCALAR) {
		diag_add(s->d, DIAG_ERROR, p->path, v->line, msg(
		    "%s doit être une simple valeur, pas une liste",
		    "%s must be a single value, not a list"), key);
		return NULL;
	}
	return v->str;
}

static int
S_integer(site *s, const page *p, const char *key, long *out, long max)
{
	const fm_node *v = fm_get(p->fm, key);
	const char *str = S_scalar(s, p, key);
	char *end;
	long n;

	if (str == NULL)
		return 0;
	errno = 0;
	n = strtol(str, &end, 10);
	if (errno != 0 || end == str || *end != '\0' || n < -max || n > max) {
		diag_add(s->d, DIAG_ERROR, p->path, v->line, msg(
		    "%s doit être un nombre entier, par exemple %s: 2",
		    "%s must be a whole number, for example %s: 2"), key, key);
		return 0;
	}
	*out = n;
	return 1;
}

int
site_date_ok(const char *s)
{
	static const int days[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31,
		30, 31 };
	int y, m, d, n;

	if (sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &n) != 3 || s[n] != '\0' ||
	    n != 10 || m < 1 || m > 12 || d < 1 || d > days[m - 1])
		return 0;
	/* February 29th only in leap years. */
	return !(m == 2 && d == 29 && (y % 4 != 0 ||
	    (y % 100 == 0 && y % 400 != 0)));
}

/* Read 1 to max digits at *p into *out; 0 when there is none. */
static int
S_digits(const char **p, int max, int *out)
{
	int n = 0, v = 0;

	while (n < max && isdigit((unsigned char)**p)) {
		v = v * 10 + (**p - '0');
		(*p)++;
		n++;
	}
	*out = v;
	return n;
}

/* A time after a date: "10:00", "10:00:00", "10:00:00.5", then "Z",
 * "+01:00", "+0100" or " +01:00", checked only for its shape. 1 when the
 * whole of p is one. */
static int
S_time_ok(const char *p)
{
	int h, m, sec, n;

	if (S_digits(&p, 2, &h) < 1 || h > 23 || *p++ != ':' ||
	    S_digits(&p, 2, &m) != 2 || m > 59)
		return 0;
	if (*p == ':') {
		p++;
		if (S_digits(&p, 2, &sec) != 2 || sec > 60)
			return 0;
		if (*p == '.' || *p == ',') {
			p++;
			if (S_digits(&p, 9, &n) < 1)
				return 0;
			while (isdigit((unsigned char)*p))
				p++;
		}
	}
	if (*p == ' ')
		p++;
	if (*p == 'Z' || *p == 'z')
		return p[1] == '\0';
	if (*p == '+' || *p == '-') {
		p++;
		if (S_digits(&p, 2, &h) != 2 || h > 14)
			return 0;
		if (*p == ':')
			p++;
		if (*p != '\0' && (S_digits(&p, 2, &m) != 2 || m > 59))
			return 0;
	}
	return *p == '\0';
}

int
site_date_parse(const char *s, char out[11])
{
	const char *p = s;
	int y, m, d, a;
	char sep, tmp[40];

	while (*p == ' ')
		p++;
	a = S_digits(&p, 4, &y);
	if (a == 4) {
		/* 2024-01-05, 2020/12/21, then maybe a time. */
		sep = *p;
		if ((sep != '-' && sep != '/') || (p++, S_digits(&p, 2, &m)) <
		    1 || *p++ != sep || S_digits(&p, 2, &d) < 1)
			return -1;
		if (*p == 'T' || *p == 't' || *p == ' ') {
			p++;
			if (!S_time_ok(p))
				return -1;
		} else if (*p != '\0') {
			return -1;
		}
	} else if (a >= 1 && a <= 2) {
		/* 21/12/2020, 21.12.2020: day first, as in France. */
		d = y;
		sep = *p;
		if ((sep != '/' && sep != '.' && sep != '-') ||
		    (p++, S_digits(&p, 2, &m)) < 1 || *p++ != sep ||
		    S_digits(&p, 4, &y) != 4 || *p != '\0')
			return -1;
	} else {
		return -1;
	}
	if (y < 1 || m < 1 || m > 12 || d < 1 || d > 31)
		return -1;
	snprintf(tmp, sizeof tmp, "%04d-%02d-%02d", y, m, d);
	memcpy(out, tmp, 11);
	return site_date_ok(out) ? 0 : -1;
}

/* The unit word at *p ("h", "heures", "min", "minutes"…), skipped: 60
 * for hours, 1 for minutes, 0 when there is none. */
static int
S_unit(const char **p)
{
	static const struct {
		const char *word;
		int mult;
	} units[] = {
		{ "heures", 60 }, { "heure", 60 }, { "hours", 60 },
		{ "hour", 60 }, { "hrs", 60 }, { "hr", 60 }, { "h", 60 },
		{ "minutes", 1 }, { "minute", 1 }, { "mins", 1 }, { "min", 1 },
		{ "mn", 1 }, { "m", 1 },
	};
	size_t i, n;

	for (i = 0; i < sizeof units / sizeof units[0]; i++) {
		n = strlen(units[i].word);
		if (strncasecmp(*p, units[i].word, n) == 0 &&
		    !isalpha((unsigned char)(*p)[n])) {
			*p += n;
			if (**p == '.')
				(*p)++;
			return units[i].mult;
		}
	}
	return 0;
}

int
site_duration_parse(const char *s, long *minutes)
{
	const char *p = s;
	long total = 0, v;
	int unit, last = 0, parts = 0, n, frac;

	while (*p == ' ')
		p++;
	/* ISO 8601, as some generators write it: PT1H30M, PT45M. */
	if ((p[0] == 'P' || p[0] == 'p') && (p[1] == 'T' || p[1] == 't')) {
		p += 2;
		while (*p != '\0') {
			if (S_digits(&p, 6, &n) < 1)
				return -1;
			if (*p == 'H' || *p == 'h')
				total += 60L * n;
			else if (*p == 'M' || *p == 'm')
				total += n;
			else
				return -1;
			p++;
			parts++;
		}
		goto out;
	}
	/* 1:30 */
	if (isdigit((unsigned char)*p) && strchr(p, ':') != NULL) {
		if (S_digits(&p, 4, &n) < 1 || *p++ != ':' ||
		    S_digits(&p, 2, &unit) != 2 || unit > 59 || *p != '\0')
			return -1;
		total = 60L * n + unit;
		parts = 1;
		goto out;
	}
	/* 90, 45 min, 2 h, 1 h 30, 1h30, 1 h 30 min, 1,5 h */
	while (*p != '\0') {
		if (S_digits(&p, 6, &n) < 1)
			return -1;
		v = n;
		frac = -1;
		if ((*p == '.' || *p == ',') && isdigit((unsigned char)p[1])) {
			p++;
			if (S_digits(&p, 1, &frac) != 1 ||
			    isdigit((unsigned char)*p))
				return -1;
		}
		while (*p == ' ')
			p++;
		unit = S_unit(&p);
		/* After hours, a bare number is minutes: "1 h 30". */
		if (unit == 0)
			unit = last == 60 ? 1 : parts == 0 ? 1 : 0;
		if (unit == 0 || (last != 0 && unit >= last) ||
		    (frac >= 0 && unit != 60) || (last == 60 && v > 59))
			return -1;
		total += v * unit + (frac >= 0 ? frac * 6 : 0);
		last = unit;
		parts++;
		while (*p == ' ')
			p++;
	}
out:
	if (parts == 0 || total < 0 || total > SITE_MAX_DURATION)
		return -1;
	*minutes = total;
	return 0;
}

/*
 * checks: { phrase-longue: "why" }: rules switched off for this page,
 * each with its reason, so that the next author knows why.
 */
static void
S_checks(site *s, page *p, const fm_node *v)
{
	char err[RULE_MSG_MAX];
	size_t i;

	if (v->type != FM_MAP) {
		diag_add(s->d, DIAG_ERROR, p->path, v->line, "%s", msg(
		    "checks est une liste de lignes « règle: pourquoi »",
		    "checks is a list of lines \"rule: why\""));
		return;
	}
	for (i = 0; i + 1 < v->n; i += 2) {
		const fm_node *name = v->kids[i], *why = v->kids[i + 1];

		if (rule_switch_off(&p->checks_off, name->str,
		    why->type == FM_SCALAR ? why->str : NULL, RULE_IN_PAGE,
		    err) < 0)
			diag_add(s->d, DIAG_ERROR, p->path, name->line, "%s",
			    err);
	}
}

/* Set p's title from md, on one line: Markdown (title.h) when markdown,
 * else as it is (a file's name). */
static void
S_set_title(page *p, const char *md, int markdown)
{
	char *line = mem_strdup(md);
	buf esc;

	for (char *c = line; *c != '\0'; c++)
		if (*c == '\n' || *c == '\t' || *c == '\r')
			*c = ' ';
	if (markdown && title_render(line, &p->title_html, &p->title) == 0) {
		free(line);
		return;
	}
	buf_init(&esc, BUF_UNBOUNDED);
	html_escape(&esc, line, strlen(line));
	p->title_html = buf_detach(&esc);
	p->title = line;
}

/*
 * The readers of the front-matter fields Eystime knows, one per row of
 * site_fields: each reads its field (maybe absent) into the page, or says
 * what is wrong with it.
 */
static void
S_field_title(site *s, page *p, const site_field *f)
{
	const char *str = S_scalar(s, p, f->name);

	if (str == NULL || *str == '\0' || strspn(str, " \t") == strlen(str)) {
		if (fm_get(p->fm, f->name) == NULL)
			diag_add(s->d, DIAG_ERROR, p->path, 1, "%s", msg(
			    "title manque : ajoutez en haut du fichier la ligne "
			    "title: \"Titre de la page\" entre deux lignes ---",
			    "title is missing: add at the top of the file the "
			    "line title: \"Page title\" between two lines ---"));
		else if (str != NULL)
			diag_add(s->d, DIAG_ERROR, p->path,
			    fm_get(p->fm, f->name)->line, "%s", msg(
			    "title est vide", "title is empty"));
		return;
	}
	S_set_title(p, str, 1);
}

static void
S_field_weight(site *s, page *p, const site_field *f)
{
	long n;

	if (S_integer(s, p, f->name, &n, SITE_MAX_WEIGHT)) {
		p->weight = n;
		p->has_weight = 1;
	}
}

static void
S_field_duration(site *s, page *p, const site_field *f)
{
	const char *str = S_scalar(s, p, f->name);
	long n;

	if (str == NULL)
		return;
	if (site_duration_parse(str, &n) < 0)
		diag_add(s->d, DIAG_ERROR, p->path,
		    fm_get(p->fm, f->name)->line, msg(
		    "duration « %s » : écrivez un nombre de minutes (45) ou une "
		    "durée comme « 45 min », « 1 h 30 », « 2 h »",
		    "duration \"%s\": write a number of minutes (45) or a "
		    "duration such as \"45 min\", \"1 h 30\", \"2 h\""), str);
	else
		p->duration = (int)n;
}

static void
S_field_summary(site *s, page *p, const site_field *f)
{
	const char *str = S_scalar(s, p, f->name);

	if (str != NULL)
		p->summary = mem_strdup(str);
}

static void
S_field_level(site *s, page *p, const site_field *f)
{
	const char *str = S_scalar(s, p, f->name);

	if (str != NULL)
		p->level = mem_strdup(str);
}

static void
S_field_date(site *s, page *p, const site_field *f)
{
	const char *str = S_scalar(s, p, f->name);
	char day[11];

	if (str == NULL)
		return;
	if (site_date_parse(str, day) < 0)
		diag_add(s->d, DIAG_ERROR, p->path,
		    fm_get(p->fm, f->name)->line, msg(
		    "date « %s » : écrivez-la \"AAAA-MM-JJ\", par exemple "
		    "\"2026-09-14\" (ou 2026/09/14, 14/09/2026, "
		    "2026-09-14T10:00:00Z)", "date \"%s\": write it "
		    "\"YYYY-MM-DD\", for example \"2026-09-14\" (or "
		    "2026/09/14, 14/09/2026, 2026-09-14T10:00:00Z)"), str);
	else
		p->date = mem_strdup(day);
}

static void
S_field_draft(site *s, page *p, const site_field *f)
{
	const char *str = S_scalar(s, p, f->name);

	if (str == NULL)
		return;
	if (strcmp(str, "true") == 0 || strcmp(str, "yes") == 0 ||
	    strcmp(str, "oui") == 0)
		p->draft = 1;
	else if (strcmp(str, "false") != 0 && strcmp(str, "no") != 0 &&
	    strcmp(str, "non") != 0)
		diag_add(s->d, DIAG_ERROR, p->path,
		    fm_get(p->fm, f->name)->line, "%s", msg(
		    "draft vaut true ou false", "draft is true or false"));
}

/* objectives stays in the front matter: templates make the list from it
 * (tpl.c), the checks read it (check.c). */
static void
S_field_objectives(site *s, page *p, const site_field *f)
{
	const fm_node *v = fm_get(p->fm, f->name);

	if (v != NULL && v->type == FM_MAP)
		diag_add(s->d, DIAG_ERROR, p->path, v->line, "%s", msg(
		    "objectives est une liste de lignes qui commencent par "
		    "« - »", "objectives is a list of lines starting "
		    "with \"- \""));
}

static void
S_field_checks(site *s, page *p, const site_field *f)
{
	const fm_node *v = fm_get(p->fm, f->name);

	if (v != NULL)
		S_checks(s, p, v);
}

/* glossary stays in the front matter too: site_glossary gathers it. */
static void
S_field_glossary(site *s, page *p, const site_field *f)
{
	const fm_node *v = fm_get(p->fm, f->name);

	if (v != NULL && v->type != FM_MAP)
		diag_add(s->d, DIAG_ERROR, p->path, v->line, "%s", msg(
		    "glossary est une liste de lignes « mot: définition »",
		    "glossary is a list of lines \"term: definition\""));
}

/*
 * Every front-matter field Eystime knows, in the order they are read;
 * any other key reaches templates in page.params. A new field is one row
 * here, its reader above, its place in struct page (site.h) when it is
 * read into one, and its line in docs/content.md and docs/templates.md
 * (docs/hacking.md). test_tpl.c checks that templates see each field
 * where the row says.
 */
const site_field site_fields[] = {
	{ "title", SITE_TPL_SUMMARY, S_field_title },
	{ "weight", SITE_TPL_SUMMARY, S_field_weight },
	{ "duration", SITE_TPL_SUMMARY, S_field_duration },
	{ "summary", SITE_TPL_SUMMARY, S_field_summary },
	{ "level", SITE_TPL_SUMMARY, S_field_level },
	{ "date", SITE_TPL_SUMMARY, S_field_date },
	{ "draft", SITE_TPL_SUMMARY, S_field_draft },
	{ "objectives", SITE_TPL_LAZY, S_field_objectives },
	{ "checks", SITE_TPL_NONE, S_field_checks },
	{ "glossary", SITE_TPL_LAZY, S_field_glossary },
	{ NULL, SITE_TPL_NONE, NULL },
};

const site_field *
site_field_find(const char *name)
{
	const site_field *f;

	for (f = site_fields; f->name != NULL; f++)
		if (strcmp(f->name, name) == 0)
			return f;
	return NULL;
}

/* Read the fields Eystime knows; the rest stays for page.params. */
static void
S_fields(site *s, page *p)
{
	const site_field *f;

	for (f = site_fields; f->name != NULL; f++)
		f->read(s, p, f);
}

typedef struct scan_ctx {
	site *s;
	page *a; /* every .md found, in file order */
} scan_ctx;

/* One page: read, check UTF-8, parse the front matter. Runs in parallel. */
static void
S_read_one(void *ctx, int worker, long i)
{
	scan_ctx *c = ctx;
	site *s = c->s;
	page *p = &c->a[i];
	fm_doc doc;
	buf file, path;
	size_t bad;

	(void)worker;
	if (S_classify(s, p) < 0)
		return;
	buf_init(&file, SITE_MAX_MD);
	buf_init(&path, BUF_MAX_PATH);
	buf_printf(&path, "%s/%s", s->content_dir, p->src);
	p->has_st = stat(path.data, &p->st) == 0;
	if (p->has_st && s->known != NULL && s->known(s->known_ctx, p,
	    &p->st)) {
		p->known = 1;
		S_fields(s, p);
		goto out;
	}
	if (fs_read(path.data, SITE_MAX_MD, &file) < 0) {
		diag_add(s->d, DIAG_ERROR, p->path, 0, msg(
		    "lecture impossible : %s", "cannot read: %s"),
		    errno == EFBIG ? msg("fichier de plus de 4 Mo",
		    "file over 4 MB") : strerror(errno));
		goto out;
	}
	crypto_generichash(p->hash, sizeof p->hash,
	    (const unsigned char *)file.data, file.len, NULL, 0);
	memcpy(p->fm_hash, p->hash, sizeof p->fm_hash);
	bad = utf8_valid(file.data, file.len);
	if (bad < file.len || memchr(file.data, '\0', file.len) != NULL) {
		diag_add(s->d, DIAG_ERROR, p->path,
		    text_line_of(file.data, bad), "%s", msg(
		    "caractère illisible : enregistrez le fichier en UTF-8",
		    "unreadable character: save the file as UTF-8"));
		goto out;
	}
	if (fm_parse(file.data, file.len, p->path, s->d, &doc) < 0)
		goto out;
	p->fm = doc.root;
	p->body_off = doc.body_off;
	crypto_generichash(p->fm_hash, sizeof p->fm_hash,
	    (const unsigned char *)file.data, doc.body_off, NULL, 0);
	p->body_line = doc.body_line;
	S_fields(s, p);
out:
	buf_free(&file);
	buf_free(&path);
}

/*
 * Natural order of names: a run of digits compares as the number it
 * writes ("10-2" before "10-14", "2" before "10"), the rest byte for
 * byte. Names equal that way ("02" and "2") fall back to bytes, so that
 * the order is total.
 */
static int
S_natural_cmp(const char *a, const char *b)
{
	const char *x = a, *y = b, *dx, *dy;
	size_t nx, ny;
	int c;

	while (*x != '\0' && *y != '\0') {
		if (isdigit((unsigned char)*x) && isdigit((unsigned char)*y)) {
			while (*x == '0' && isdigit((unsigned char)x[1]))
				x++;
			while (*y == '0' && isdigit((unsigned char)y[1]))
				y++;
			for (dx = x; isdigit((unsigned char)*dx); dx++)
				;
			for (dy = y; isdigit((unsigned char)*dy); dy++)
				;
			nx = (size_t)(dx - x);
			ny = (size_t)(dy - y);
			if (nx != ny)
				return nx < ny ? -1 : 1;
			if ((c = memcmp(x, y, nx)) != 0)
				return c;
			x = dx;
			y = dy;
			continue;
		}
		if (*x != *y)
			return (unsigned char)*x < (unsigned char)*y ? -1 : 1;
		x++;
		y++;
	}
	if (*x != *y)
		return *x == '\0' ? -1 : 1;
	return strcmp(a, b);
}

/* Sort key: weighted pages first by weight, then by name (the id, without
 * ".md") in natural order. */
static int
S_page_cmp(const page *a, const page *b)
{
	int c;

	if (a->has_weight != b->has_weight)
		return a->has_weight ? -1 : 1;
	if (a->has_weight && a->weight != b->weight)
		return a->weight < b->weight ? -1 : 1;
	c = S_natural_cmp(a->id ? a->id : a->src, b->id ? b->id : b->src);
	return c != 0 ? c : strcmp(a->src, b->src);
}

static const page *S_sort_base;

static int
S_idx_cmp(const void *x, const void *y)
{
	return S_page_cmp(&S_sort_base[*(const int *)x],
	    &S_sort_base[*(const int *)y]);
}

static int
S_src_cmp(const void *x, const void *y)
{
	return strcmp(S_sort_base[*(const int *)x].src,
	    S_sort_base[*(const int *)y].src);
}

static int
S_url_cmp(const void *x, const void *y)
{
	return strcmp(S_sort_base[*(const int *)x].url,
	    S_sort_base[*(const int *)y].url);
}

static void
S_page_free(page *p)
{
	free(p->src);
	free(p->path);
	free(p->id);
	free(p->url);
	free(p->title);
	free(p->title_html);
	free(p->summary);
	free(p->level);
	free(p->date);
	free(p->lessons);
	if (p->known)
		free(p->fm); /* one block (site_fm_load) */
	else
		fm_free(p->fm);
}

static int
S_id_cmp(const void *x, const void *y)
{
	return strcmp(S_sort_base[*(const int *)x].id,
	    S_sort_base[*(const int *)y].id);
}

/*
 * Set the module (an index into a) of every lesson among a[0..n), or -1
 * when its folder has no _index.md. O(n log modules).
 */
static void
S_link_modules(page *a, long n)
{
	int *mods = mem_alloc(NULL, (size_t)(n + 1) * sizeof *mods), nm = 0;
	long i;

	for (i = 0; i < n; i++)
		if (a[i].kind == PAGE_MODULE)
			mods[nm++] = (int)i;
	S_sort_base = a;
	qsort(mods, (size_t)nm, sizeof *mods, S_id_cmp);
	for (i = 0; i < n; i++) {
		int lo = 0, hi = nm - 1, mid, c;
		size_t mlen;

		if (a[i].kind != PAGE_LESSON)
			continue;
		a[i].module = -1;
		mlen = (size_t)(strchr(a[i].id, '/') - a[i].id);
		while (lo <= hi) {
			const char *mid_id;

			mid = (lo + hi) / 2;
			mid_id = a[mods[mid]].id;
			c = strncmp(mid_id, a[i].id, mlen);
			if (c == 0 && mid_id[mlen] != '\0')
				c = 1;
			if (c == 0) {
				a[i].module = mods[mid];
				break;
			}
			if (c < 0)
				lo = mid + 1;
			else
				hi = mid - 1;
		}
	}
	free(mods);
}

/* Lessons sort by their module's place, then weight and name. */
static int *S_module_rank;

static int
S_lesson_cmp(const void *x, const void *y)
{
	const page *a = &S_sort_base[*(const int *)x];
	const page *b = &S_sort_base[*(const int *)y];
	int ra = S_module_rank[a->module], rb = S_module_rank[b->module];

	if (ra != rb)
		return ra < rb ? -1 : 1;
	return S_page_cmp(a, b);
}

/*
 * Put the pages in reading order: home, each module followed by its
 * lessons, then the plain pages. Fills module, prev, next and lessons.
 * Takes the pages of a[0..n) (lessons already linked to their module).
 */
static void
S_order(site *s, page *a, long n)
{
	int *mods, *plain, *les, nm = 0, np = 0, nl = 0, k, j;
	int out = 0;
	long i;

	mods = mem_alloc(NULL, (size_t)(n + 1) * sizeof *mods);
	plain = mem_alloc(NULL, (size_t)(n + 1) * sizeof *plain);
	les = mem_alloc(NULL, (size_t)(n + 1) * sizeof *les);
	S_module_rank = mem_alloc(NULL, (size_t)(n + 1) * sizeof(int));
	for (i = 0; i < n; i++) {
		if (a[i].kind == PAGE_MODULE)
			mods[nm++] = (int)i;
		else if (a[i].kind == PAGE_PLAIN)
			plain[np++] = (int)i;
		else if (a[i].kind == PAGE_LESSON)
			les[nl++] = (int)i;
	}
	S_sort_base = a;
	qsort(mods, (size_t)nm, sizeof *mods, S_idx_cmp);
	qsort(plain, (size_t)np, sizeof *plain, S_idx_cmp);
	for (k = 0; k < nm; k++)
		S_module_rank[mods[k]] = k;
	qsort(les, (size_t)nl, sizeof *les, S_lesson_cmp);

	s->pages = mem_alloc(NULL, (size_t)(n + 1) * sizeof *s->pages);
	s->modules = mem_alloc(NULL, (size_t)(nm + 1) * sizeof *s->modules);
	s->plain = mem_alloc(NULL, (size_t)(np + 1) * sizeof *s->plain);
	for (i = 0; i < n; i++)
		if (a[i].kind == PAGE_HOME) {
			s->home = out;
			s->pages[out++] = a[i];
		}
	for (k = 0, j = 0; k < nm; k++) {
		page *m;
		int first, c;

		s->modules[k] = out;
		s->pages[out] = a[mods[k]];
		m = &s->pages[out++];
		first = out;
		for (; j < nl && a[les[j]].module == mods[k]; j++) {
			s->pages[out] = a[les[j]];
			s->pages[out].module = s->modules[k];
			out++;
		}
		m->nlessons = out - first;
		m->lessons = mem_alloc(NULL, (size_t)(m->nlessons + 1) *
		    sizeof *m->lessons);
		for (c = 0; c < m->nlessons; c++) {
			page *l = &s->pages[first + c];

			m->lessons[c] = first + c;
			l->prev = c > 0 ? first + c - 1 : -1;
			l->next = c + 1 < m->nlessons ? first + c + 1 : -1;
		}
	}
	for (k = 0; k < np; k++) {
		s->plain[k] = out;
		s->pages[out++] = a[plain[k]];
	}
	s->npages = out;
	s->nmodules = nm;
	s->nplain = np;

	s->by_src = mem_alloc(NULL, (size_t)(out + 1) * sizeof *s->by_src);
	for (k = 0; k < out; k++)
		s->by_src[k] = k;
	S_sort_base = s->pages;
	qsort(s->by_src, (size_t)out, sizeof *s->by_src, S_src_cmp);
	s->by_url = mem_alloc(NULL, (size_t)(out + 1) * sizeof *s->by_url);
	for (k = 0; k < out; k++)
		s->by_url[k] = k;
	qsort(s->by_url, (size_t)out, sizeof *s->by_url, S_url_cmp);
	free(mods);
	free(plain);
	free(les);
	free(S_module_rank);
	S_module_rank = NULL;
}

static int
S_id_src_cmp(const void *x, const void *y)
{
	const page *a = &S_sort_base[*(const int *)x];
	const page *b = &S_sort_base[*(const int *)y];
	int c = strcmp(a->id, b->id);

	return c != 0 ? c : strcmp(a->src, b->src);
}

/*
 * Two files whose names make the same address ("Ma leçon.md" and
 * "ma-lecon.md", or "m.md" and "m/_index.md"): the later one in byte
 * order gets an error naming both and is not a page. O(n log n).
 */
static void
S_clashes(site *s, page *a, long n)
{
	int *idx = mem_alloc(NULL, (size_t)(n + 1) * sizeof *idx), k = 0, i;
	long j;

	for (j = 0; j < n; j++)
		if (a[j].id != NULL)
			idx[k++] = (int)j;
	S_sort_base = a;
	qsort(idx, (size_t)k, sizeof *idx, S_id_src_cmp);
	for (i = 1; i < k; i++) {
		page *first, *p = &a[idx[i]];
		int f = i - 1, folders;

		/* Three alike: each later one names the first. */
		while (f > 0 && a[idx[f]].id == NULL)
			f--;
		first = &a[idx[f]];
		if (first->id == NULL || strcmp(first->id, p->id) != 0)
			continue;
		folders = p->kind == PAGE_MODULE &&
		    first->kind == PAGE_MODULE;
		diag_add(s->d, DIAG_ERROR, p->path, 0, msg(
		    "ce nom donne la même adresse (%s) que %s : renommez l'un "
		    "des deux %s", "this name gives the same address "
		    "(%s) as %s: rename one of the two %s"),
		    p->url[0] ? p->url : "/", first->path, folders ?
		    msg("dossiers", "folders") : msg("fichiers", "files"));
		free(p->id);
		free(p->url);
		p->id = p->url = NULL;
		p->kind = PAGE_HOME; /* as a file that cannot be a page */
	}
	free(idx);
}

int
site_scan(site *s, int jobs)
{
	char **files = NULL;
	long nfiles, i, nmd = 0, nkeep = 0;
	scan_ctx c;
	page *a;
	buf path;

	s->home = -1;
	/* Pages are hashed as they are read (incremental builds). */
	if (sodium_init() < 0)
		return -1;
	buf_init(&path, BUF_MAX_PATH);
	if (strcmp(s->dir, ".") != 0)
		buf_printf(&path, "%s/", s->dir);
	buf_puts(&path, "content");
	s->content_dir = buf_detach(&path);
	nfiles = fs_list(s->content_dir, &files);
	if (nfiles < 0) {
		diag_add(s->d, DIAG_ERROR, s->content_dir, 0, "%s", msg(
		    "dossier content/ introuvable : les pages du site vont "
		    "dans ce dossier", "folder content/ not found: the site's "
		    "pages go in that folder"));
		buf_free(&path);
		return -1;
	}
	a = mem_alloc(NULL, (size_t)(nfiles + 1) * sizeof *a);
	s->assets = mem_alloc(NULL, (size_t)(nfiles + 1) * sizeof *s->assets);
	for (i = 0; i < nfiles; i++) {
		if (!S_ends_with(files[i], ".md")) {
			s->assets[s->nassets++] = files[i];
			continue;
		}
		memset(&a[nmd], 0, sizeof a[nmd]);
		a[nmd].src = files[i];
		buf_reset(&path);
		buf_printf(&path, "%s/%s", s->content_dir, files[i]);
		a[nmd].path = buf_detach(&path);
		a[nmd].module = a[nmd].prev = a[nmd].next = -1;
		nmd++;
	}
	buf_free(&path);
	free(files);

	c.s = s;
	c.a = a;
	par_for(nmd, jobs, S_read_one, &c);
	S_clashes(s, a, nmd);

	/* Lessons need their module; drafts go unless asked for. */
	S_link_modules(a, nmd);
	for (i = 0; i < nmd; i++) {
		int m = a[i].module;

		if (a[i].kind != PAGE_LESSON)
			continue;
		if (m < 0) {
			size_t mlen = (size_t)(strchr(a[i].src, '/') - a[i].src);

			diag_add(s->d, DIAG_ERROR, a[i].path, 0, msg(
			    "ce dossier n'a pas de page de module : créez "
			    "content/%.*s/_index.md avec son titre",
			    "this folder has no module page: create "
			    "content/%.*s/_index.md with its title"),
			    (int)mlen, a[i].src);
		} else if (a[m].draft) {
			a[i].draft = 1;
		}
	}
	/*
	 * Go on with what can be read, so that one run reports every
	 * mistake: a page whose front matter failed stays (other pages may
	 * link to it) but is not rendered; a file that cannot be a page goes.
	 */
	for (i = 0; i < nmd; i++) {
		if (a[i].id == NULL ||
		    (a[i].kind == PAGE_LESSON && a[i].module < 0) ||
		    (a[i].draft && !s->drafts)) {
			if (a[i].id == NULL || (a[i].kind == PAGE_LESSON &&
			    a[i].module < 0))
				s->nrefused++;
			else
				s->ndrafts++;
			S_page_free(&a[i]);
			continue;
		}
		if (a[i].title == NULL) {
			a[i].broken = 1;
			S_set_title(&a[i], a[i].src, 0);
		}
		a[nkeep++] = a[i];
	}
	S_link_modules(a, nkeep);
	S_order(s, a, nkeep);
	free(a);
	return s->d->nerrors > 0 ? -1 : 0;
}

void
site_free(site *s)
{
	int i;
	long k;

	for (i = 0; i < s->npages; i++)
		S_page_free(&s->pages[i]);
	for (k = 0; k < s->nassets; k++)
		free(s->assets[k]);
	free(s->assets);
	free(s->pages);
	free(s->modules);
	free(s->plain);
	free(s->by_src);
	free(s->by_url);
	gloss_free(&s->glossary);
	free(s->content_dir);
	free(s->theme_dir);
	s->pages = NULL;
	s->npages = 0;
}

void
site_glossary(site *s)
{
	gloss_page *a = mem_alloc(NULL, (size_t)(s->npages + 1) * sizeof *a);
	int k;

	for (k = 0; k < s->npages; k++) {
		const page *p = &s->pages[k];

		a[k].path = p->path;
		a[k].terms = fm_get(p->fm, "glossary");
		a[k].is_glossary = p->kind == PAGE_PLAIN &&
		    (strcmp(p->id, "glossaire") == 0 ||
		    strcmp(p->id, "glossary") == 0);
	}
	gloss_build(&s->glossary, a, s->npages, s->d);
	free(a);
}

int
site_find(const site *s, const char *src)
{
	int lo = 0, hi = s->npages - 1, mid, c;

	while (lo <= hi) {
		mid = (lo + hi) / 2;
		c = strcmp(s->pages[s->by_src[mid]].src, src);
		if (c == 0)
			return s->by_src[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return -1;
}

int
site_find_url(const site *s, const char *url)
{
	int lo = 0, hi = s->npages - 1, mid, c;

	if (s->by_url == NULL)
		return -1;
	while (lo <= hi) {
		mid = (lo + hi) / 2;
		c = strcmp(s->pages[s->by_url[mid]].url, url);
		if (c == 0)
			return s->by_url[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return -1;
}

static int
S_strpcmp(const void *key, const void *elem)
{
	return strcmp(key, *(char *const *)elem);
}

int
site_has_asset(const site *s, const char *src)
{
	return bsearch(src, s->assets, (size_t)s->nassets, sizeof *s->assets,
	    S_strpcmp) != NULL;
}

/* Append to out the address `to`, with index.html before its "#" or "?"
 * when it names a folder and the site wants it. */
static void
S_with_index(const site *s, buf *out, size_t start)
{
	size_t cut = start, n;
	char *tail;

	if (!s->config.index_links)
		return;
	while (cut < out->len && out->data[cut] != '#' && out->data[cut] != '?')
		cut++;
	if (cut > start && out->data[cut - 1] != '/')
		return;
	n = out->len - cut;
	tail = mem_strndup(out->data + cut, n);
	buf_truncate(out, cut);
	buf_puts(out, "index.html");
	buf_add(out, tail, n);
	free(tail);
}

void
site_link(const site *s, buf *out, const char *from, const char *to)
{
	size_t start = out->len;

	url_relative(out, from, to);
	S_with_index(s, out, start);
}

void
site_link_abs(const site *s, buf *out, const char *to)
{
	size_t start = out->len;

	buf_puts(out, to);
	S_with_index(s, out, start);
}

const char *
site_kind_name(page_kind k)
{
	switch (k) {
	case PAGE_HOME: return "home";
	case PAGE_MODULE: return "module";
	case PAGE_LESSON: return "lesson";
	case PAGE_PLAIN: return "page";
	}
	return "page";
}

/* ------------------------------------------------------------------ */
/* Front matter trees in the build cache */

void
site_fm_save(const fm_node *n, buf *out)
{
	size_t i;

	inc_put_u32(out, (uint32_t)n->type);
	inc_put_u32(out, (uint32_t)n->line);
	inc_put_u32(out, (uint32_t)n->plain);
	inc_put_u32(out, n->str != NULL);
	if (n->str != NULL)
		inc_put_str(out, n->str);
	inc_put_u32(out, (uint32_t)n->n);
	for (i = 0; i < n->n; i++)
		site_fm_save(n->kids[i], out);
}

/* As deep as fm.c lets a front matter be, and a little more. */
#define SITE_FM_DEPTH 64

/* The sizes of a serialized tree, checked as it is walked. */
typedef struct fm_count {
	size_t nodes, kids, chars;
} fm_count;

static void
S_fm_count(inc_rd *r, int depth, fm_count *c, int key)
{
	uint32_t type, k, i, has_str;
	size_t len;

	if (depth > SITE_FM_DEPTH) {
		r->bad = 1;
		return;
	}
	type = inc_get_u32(r);
	inc_get_u32(r); /* line */
	inc_get_u32(r); /* plain */
	has_str = inc_get_u32(r);
	if (has_str) {
		len = inc_get_u32(r);
		if (len > r->n - r->off || memchr(r->p + r->off, '\0',
		    len) != NULL)
			r->bad = 1;
		else
			r->off += len;
		c->chars += len + 1;
	}
	k = inc_get_u32(r);
	/* Each node takes at least 5 bytes: no huge count from a damaged
	 * file. */
	if (r->bad || k > (r->n - r->off) / 5 ||
	    (type == FM_SCALAR) != (has_str != 0) ||
	    (type == FM_SCALAR && k != 0) || (type == FM_MAP && k % 2 != 0) ||
	    (type != FM_SCALAR && type != FM_SEQ && type != FM_MAP) ||
	    (key && type != FM_SCALAR)) {
		r->bad = 1;
		return;
	}
	c->nodes++;
	c->kids += k;
	for (i = 0; i < k && !r->bad; i++)
		S_fm_count(r, depth + 1, c, type == FM_MAP && i % 2 == 0);
}

/* Build the tree S_fm_count checked, from the block's free parts. */
static fm_node *
S_fm_build(inc_rd *r, fm_node **node, fm_node ***kids, char **chars)
{
	fm_node *n = (*node)++;
	size_t i, len;

	n->type = (fm_type)inc_get_u32(r);
	n->line = (int)inc_get_u32(r);
	n->plain = (int)inc_get_u32(r);
	n->str = NULL;
	if (inc_get_u32(r)) {
		len = inc_get_u32(r);
		memcpy(*chars, r->p + r->off, len);
		(*chars)[len] = '\0';
		r->off += len;
		n->str = *chars;
		*chars += len + 1;
	}
	n->n = inc_get_u32(r);
	n->kids = n->n > 0 ? *kids : NULL;
	*kids += n->n;
	for (i = 0; i < n->n; i++)
		n->kids[i] = S_fm_build(r, node, kids, chars);
	return n;
}

fm_node *
site_fm_load(const char *data, size_t n)
{
	inc_rd r;
	fm_count c;
	char *block, *chars;
	fm_node *nodes;
	fm_node **kids;

	memset(&r, 0, sizeof r);
	memset(&c, 0, sizeof c);
	r.p = (const unsigned char *)data;
	r.n = n;
	S_fm_count(&r, 0, &c, 0);
	if (r.bad || r.off != r.n || c.nodes == 0)
		return NULL;
	/* One block: the nodes, then the kids arrays, then the strings. */
	block = mem_alloc(NULL, c.nodes * sizeof *nodes + c.kids *
	    sizeof *kids + c.chars);
	nodes = (fm_node *)(void *)block;
	kids = (fm_node **)(void *)(block + c.nodes * sizeof *nodes);
	chars = block + c.nodes * sizeof *nodes + c.kids * sizeof *kids;
	r.off = 0;
	return S_fm_build(&r, &nodes, &kids, &chars);
}
