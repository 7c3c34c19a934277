#include "diag.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "../common/buf.h"

void
diag_init(diag *d)
{
	memset(d, 0, sizeof *d);
	pthread_mutex_init(&d->lock, NULL);
}

static void
S_clear(diag *d)
{
	size_t i;

	for (i = 0; i < d->n; i++) {
		free(d->a[i].path);
		free(d->a[i].text);
	}
	d->n = 0;
	d->nerrors = 0;
}

void
diag_free(diag *d)
{
	S_clear(d);
	free(d->a);
	pthread_mutex_destroy(&d->lock);
}

void
diag_add(diag *d, diag_level level, const char *path, int line,
	const char *fmt, ...)
{
	va_list ap;
	buf b;
	diag_msg *m;

	buf_init(&b, 4096);
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);

	pthread_mutex_lock(&d->lock);
	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 16;
		d->a = mem_alloc(d->a, d->cap * sizeof *d->a);
	}
	m = &d->a[d->n++];
	m->level = level;
	m->path = mem_strdup(path ? path : "");
	m->line = line;
	m->text = buf_detach(&b);
	if (level == DIAG_ERROR)
		d->nerrors++;
	pthread_mutex_unlock(&d->lock);
	buf_free(&b);
}

static int
S_cmp(const void *pa, const void *pb)
{
	const diag_msg *a = pa, *b = pb;
	int c = strcmp(a->path, b->path);

	if (c != 0)
		return c;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	return strcmp(a->text, b->text);
}

int
diag_print(diag *d, FILE *f)
{
	size_t i, shown = 0;
	int nerrors = d->nerrors;
	const char *what;

	if (d->n > 1)
		qsort(d->a, d->n, sizeof *d->a, S_cmp);
	for (i = 0; i < d->n && shown < DIAG_MAX_SHOWN; i++) {
		diag_msg *m = &d->a[i];

		/* A template error repeats on every page that uses it. */
		if (i > 0 && S_cmp(m, &d->a[i - 1]) == 0 &&
		    m->level == d->a[i - 1].level)
			continue;
		shown++;

		what = m->level == DIAG_ERROR ? msg("erreur", "error") :
		    msg("attention", "warning");
		if (m->line > 0)
			fprintf(f, "%s:%d: %s: %s\n", m->path, m->line, what,
			    m->text);
		else if (m->path[0] != '\0')
			fprintf(f, "%s: %s: %s\n", m->path, what, m->text);
		else
			fprintf(f, "eystime: %s: %s\n", what, m->text);
	}
	if (i < d->n)
		fprintf(f, msg("… et d'autres messages (%zu en tout).\n",
		    "… and more messages (%zu in all).\n"), d->n);
	S_clear(d);
	return nerrors;
}
