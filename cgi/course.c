#include "course.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../common/manifest.h"
#include "../common/text.h"
#include "io.h"

#define COURSE_MAX_FILE (16u << 20)
#define COURSE_MAX_MINUTES 100000 /* a lesson's duration, as the generator caps it */
/* Fields of a line split apart: a quiz's, its answers and one more
 * (the rest of the line, ignored). */
#define COURSE_MAX_FIELDS (MANIFEST_F_QUIZ_CHOICE + MANIFEST_QUIZ_MAX + 1)

static int
S_read(const char *path, buf *b)
{
	FILE *f = fopen(path, "rb");
	char tmp[65536];
	size_t n;

	if (f == NULL)
		return -1;
	while ((n = fread(tmp, 1, sizeof tmp, f)) > 0)
		if (buf_add(b, tmp, n) < 0) {
			fclose(f);
			errno = EFBIG;
			return -1;
		}
	fclose(f);
	return 0;
}

static void
S_items_free(course_item *a, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		free(a[i].id);
		free(a[i].module);
		free(a[i].url);
		free(a[i].title);
	}
	free(a);
}

static void
S_quizzes_free(course_quiz *a, int n)
{
	int i, k;

	for (i = 0; i < n; i++) {
		free(a[i].id);
		free(a[i].text);
		free(a[i].why);
		for (k = 0; k < a[i].n; k++)
			free(a[i].choice[k]);
		free(a[i].choice);
	}
	free(a);
}

void
course_free(course *c)
{
	S_quizzes_free(c->q, c->nq);
	S_items_free(c->m, c->nm);
	S_items_free(c->l, c->nl);
	free(c->by_id);
	free(c->dir);
	free(c->language);
	free(c->api);
	free(c->root);
	free(c->title);
	free(c->shell);
	memset(c, 0, sizeof *c);
}

/* Split a line into its tab-separated fields (at most max). */
static int
S_fields(char *line, char **f, int max)
{
	int n = 0;

	while (n < max) {
		f[n++] = line;
		line = strchr(line, MANIFEST_SEP);
		if (line == NULL)
			break;
		*line++ = '\0';
	}
	return n;
}

static const course *S_sort;

static int
S_by_id(const void *a, const void *b)
{
	return strcmp(S_sort->l[*(const int *)a].id,
	    S_sort->l[*(const int *)b].id);
}

/* A lesson's minutes (MANIFEST_F_MINUTES): 0 when missing (a manifest
 * written before the field) or not a number of minutes. */
static int
S_minutes(char **f, int n)
{
	char *end;
	long v;

	if (n <= MANIFEST_F_MINUTES)
		return 0;
	v = strtol(f[MANIFEST_F_MINUTES], &end, 10);
	if (end == f[MANIFEST_F_MINUTES] || (*end != '\0' && *end != '\r' &&
	    *end != MANIFEST_SEP) || v < 0 || v > COURSE_MAX_MINUTES)
		return 0;
	return (int)v;
}

static void
S_push(course_item **a, int *n, char **f, int nf)
{
	course_item *it;

	*a = mem_alloc(*a, (size_t)(*n + 1) * sizeof **a);
	it = &(*a)[(*n)++];
	it->id = mem_strdup(f[MANIFEST_F_ID]);
	it->module = mem_strdup(f[MANIFEST_F_MODULE]);
	it->url = mem_strdup(f[MANIFEST_F_URL]);
	it->title = mem_strdup(f[MANIFEST_F_TITLE]);
	it->module_index = -1;
	it->minutes = S_minutes(f, nf);
	it->quiz0 = 0;
	it->nquiz = 0;
}

/* A quiz's id: a-z, 0-9, "-", "_", 1 to MANIFEST_QUIZ_ID_MAX bytes. */
static int
S_quiz_id_ok(const char *s)
{
	size_t n = strlen(s), i;

	if (n == 0 || n > MANIFEST_QUIZ_ID_MAX)
		return 0;
	for (i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' &&
		    s[i] <= '9') || s[i] == '-' || s[i] == '_'))
			return 0;
	return 1;
}

/*
 * A quiz line of nf fields f, after the lesson line it belongs to (the
 * last lesson read). Returns 0, or -1 with the reason in err.
 */
static int
S_push_quiz(course *c, char **f, int nf, int lineno, char *err,
	size_t errsz)
{
	course_item *l = c->nl > 0 ? &c->l[c->nl - 1] : NULL;
	course_quiz *z;
	const char *p;
	char *end;
	unsigned right = 0;
	long n, k;
	int i;

	if (nf <= MANIFEST_F_QUIZ_WHY)
		goto bad;
	n = strtol(f[MANIFEST_F_QUIZ_N], &end, 10);
	if (*end != '\0' || n < 2 || n > MANIFEST_QUIZ_MAX ||
	    nf < MANIFEST_F_QUIZ_CHOICE + n || l == NULL ||
	    strcmp(l->id, f[MANIFEST_F_QUIZ_LESSON]) != 0 ||
	    !S_quiz_id_ok(f[MANIFEST_F_QUIZ_ID]))
		goto bad;
	for (p = f[MANIFEST_F_QUIZ_RIGHT]; ; p = end + 1) {
		k = strtol(p, &end, 10);
		if (end == p || k < 1 || k > n || (*end != ',' && *end != '\0'))
			goto bad;
		right |= 1u << (k - 1);
		if (*end == '\0')
			break;
	}
	for (i = 0; i < l->nquiz; i++)
		if (strcmp(c->q[l->quiz0 + i].id, f[MANIFEST_F_QUIZ_ID]) == 0)
			goto bad;
	if (l->nquiz == 0)
		l->quiz0 = c->nq;
	c->q = mem_alloc(c->q, (size_t)(c->nq + 1) * sizeof *c->q);
	z = &c->q[c->nq++];
	z->id = mem_strdup(f[MANIFEST_F_QUIZ_ID]);
	z->text = mem_strdup(f[MANIFEST_F_QUIZ_TEXT]);
	z->why = mem_strdup(f[MANIFEST_F_QUIZ_WHY]);
	z->n = (int)n;
	z->right = right;
	z->lesson = c->nl - 1;
	z->choice = mem_alloc(NULL, (size_t)n * sizeof *z->choice);
	for (i = 0; i < n; i++)
		z->choice[i] = mem_strdup(f[MANIFEST_F_QUIZ_CHOICE + i]);
	l->nquiz++;
	return 0;
bad:
	snprintf(err, errsz, "manifest line %d: a quiz line that is not "
	    "right after its lesson, or malformed", lineno);
	return -1;
}

int
course_parse(course *c, char *text, char *err, size_t errsz)
{
	char *line, *next, *f[COURSE_MAX_FIELDS];
	const size_t hlen = strlen(MANIFEST_HEADER);
	int n, lineno = 0, i;

	for (line = text; line != NULL && *line != '\0'; line = next) {
		next = strchr(line, '\n');
		if (next != NULL)
			*next++ = '\0';
		lineno++;
		if (lineno == 1) {
			/* Exactly this version: "# eystime manifest 10" is
			 * not 1. */
			if (strncmp(line, MANIFEST_HEADER, hlen) != 0 ||
			    (line[hlen] != '\0' && line[hlen] != ' ' &&
			    line[hlen] != '\t' && line[hlen] != '\r')) {
				snprintf(err, errsz, "manifest: not version %d",
				    MANIFEST_VERSION);
				return -1;
			}
			continue;
		}
		if (line[0] == MANIFEST_COMMENT || line[0] == '\0')
			continue;
		n = S_fields(line, f, COURSE_MAX_FIELDS);
		if (n < MANIFEST_NFIELDS) {
			snprintf(err, errsz, "manifest line %d: %d fields",
			    lineno, n);
			return -1;
		}
		if (strcmp(f[MANIFEST_F_KIND], MANIFEST_KIND_SITE) == 0) {
			/* A second site line replaces the first. */
			free(c->language);
			free(c->api);
			free(c->root);
			free(c->title);
			c->language = mem_strdup(f[MANIFEST_F_LANGUAGE]);
			c->api = mem_strdup(f[MANIFEST_F_API]);
			c->root = mem_strdup(f[MANIFEST_F_ROOT]);
			c->title = mem_strdup(f[MANIFEST_F_SITE_TITLE]);
		} else if (strcmp(f[MANIFEST_F_KIND],
		    MANIFEST_KIND_MODULE) == 0) {
			S_push(&c->m, &c->nm, f, 0);
		} else if (strcmp(f[MANIFEST_F_KIND],
		    MANIFEST_KIND_LESSON) == 0) {
			S_push(&c->l, &c->nl, f, n);
			c->l[c->nl - 1].module_index = c->nm - 1;
		} else if (strcmp(f[MANIFEST_F_KIND],
		    MANIFEST_KIND_QUIZ) == 0) {
			if (S_push_quiz(c, f, n, lineno, err, errsz) < 0)
				return -1;
		}
	}
	if (c->root == NULL) {
		snprintf(err, errsz, "manifest: no site line");
		return -1;
	}
	c->by_id = mem_alloc(NULL, (size_t)(c->nl + 1) * sizeof *c->by_id);
	for (i = 0; i < c->nl; i++)
		c->by_id[i] = i;
	S_sort = c;
	qsort(c->by_id, (size_t)c->nl, sizeof *c->by_id, S_by_id);
	return 0;
}

int
course_load(course *c, const char *dir, char *err, size_t errsz)
{
	buf path, text;
	struct stat st;
	int rc = -1;

	memset(c, 0, sizeof *c);
	c->dir = mem_strdup(dir);
	buf_init(&path, 8192);
	buf_init(&text, COURSE_MAX_FILE);
	buf_printf(&path, "%s/%s", dir, MANIFEST_FILE);
	if (stat(path.data, &st) < 0 || S_read(path.data, &text) < 0) {
		snprintf(err, errsz, "%s: %s (build the site first)",
		    path.data, strerror(errno));
		goto out;
	}
	c->stamp = st.st_mtime;
	c->inode = st.st_ino;
	if (course_parse(c, text.data, err, errsz) < 0)
		goto out;
	buf_reset(&text);
	buf_reset(&path);
	buf_printf(&path, "%s/%s", dir, MANIFEST_SHELL_FILE);
	if (S_read(path.data, &text) < 0) {
		snprintf(err, errsz, "%s: %s", path.data, strerror(errno));
		goto out;
	}
	if (strstr(text.data, MANIFEST_MARK_MAIN) == NULL) {
		snprintf(err, errsz, "%s: no %s marker", path.data, MANIFEST_MARK_MAIN);
		goto out;
	}
	c->shell = buf_detach(&text);
	rc = 0;
out:
	buf_free(&path);
	buf_free(&text);
	return rc;
}

void
course_refresh(course *c)
{
	struct stat st;
	course fresh;
	char err[512], path[4096];

	snprintf(path, sizeof path, "%s/%s", c->dir, MANIFEST_FILE);
	if (stat(path, &st) < 0 ||
	    (st.st_mtime == c->stamp && st.st_ino == c->inode))
		return;
	if (course_load(&fresh, c->dir, err, sizeof err) < 0) {
		/* Keep serving the course as it was; say so once per new
		 * manifest, and try again when the next build replaces it. */
		io_log("%s (keeping the course read before)", err);
		course_free(&fresh);
		c->stamp = st.st_mtime;
		c->inode = st.st_ino;
		return;
	}
	course_free(c);
	*c = fresh;
}

const course_item *
course_lesson(const course *c, const char *id)
{
	int lo = 0, hi = c->nl - 1, mid, cmp;

	while (lo <= hi) {
		mid = (lo + hi) / 2;
		cmp = strcmp(c->l[c->by_id[mid]].id, id);
		if (cmp == 0)
			return &c->l[c->by_id[mid]];
		if (cmp < 0)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return NULL;
}

const course_quiz *
course_quiz_find(const course *c, const course_item *l, const char *id)
{
	int i;

	for (i = 0; l != NULL && i < l->nquiz; i++)
		if (strcmp(c->q[l->quiz0 + i].id, id) == 0)
			return &c->q[l->quiz0 + i];
	return NULL;
}

int
course_index(const course *c, const course_item *l)
{
	return (int)(l - c->l);
}

void
course_page(const course *c, buf *out, const char *title, const char *main)
{
	course_page_nav(c, out, title, main, NULL);
}

void
course_page_nav(const course *c, buf *out, const char *title,
	const char *main, const char *nav)
{
	const char *p = c->shell, *hit, *end;
	int marked = strstr(p, MANIFEST_MARK_NAV) != NULL &&
	    strstr(p, MANIFEST_MARK_NAV_END) != NULL;

	while ((hit = strstr(p, MANIFEST_MARK_PREFIX)) != NULL) {
		buf_add(out, p, (size_t)(hit - p));
		if (strncmp(hit, MANIFEST_MARK_TITLE, strlen(MANIFEST_MARK_TITLE)) == 0) {
			html_escape(out, title, strlen(title));
			p = hit + strlen(MANIFEST_MARK_TITLE);
		} else if (strncmp(hit, MANIFEST_MARK_MAIN, strlen(MANIFEST_MARK_MAIN)) == 0) {
			if (nav != NULL && !marked)
				buf_puts(out, nav);
			buf_puts(out, main);
			p = hit + strlen(MANIFEST_MARK_MAIN);
		} else if (strncmp(hit, MANIFEST_MARK_NAV_END,
		    strlen(MANIFEST_MARK_NAV_END)) == 0) {
			p = hit + strlen(MANIFEST_MARK_NAV_END);
		} else if (strncmp(hit, MANIFEST_MARK_NAV,
		    strlen(MANIFEST_MARK_NAV)) == 0) {
			p = hit + strlen(MANIFEST_MARK_NAV);
			/* The trainer's menu instead of the participants'. */
			if (nav != NULL && (end = strstr(p,
			    MANIFEST_MARK_NAV_END)) != NULL) {
				buf_puts(out, nav);
				p = end + strlen(MANIFEST_MARK_NAV_END);
			}
		} else {
			buf_putc(out, *hit);
			p = hit + 1;
		}
	}
	buf_puts(out, p);
}
