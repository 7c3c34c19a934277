#include "feed.h"

#include <stdlib.h>
#include <string.h>

#include <libxml/xmlwriter.h>

typedef struct feed_w {
	xmlBufferPtr xb;
	xmlTextWriterPtr w;
	int rc; /* < 0 once any call failed */
} feed_w;

static int
S_open(feed_w *f)
{
	f->rc = 0;
	f->xb = xmlBufferCreate();
	if (f->xb == NULL)
		return -1;
	f->w = xmlNewTextWriterMemory(f->xb, 0);
	if (f->w == NULL) {
		xmlBufferFree(f->xb);
		return -1;
	}
	xmlTextWriterSetIndent(f->w, 1);
	xmlTextWriterSetIndentString(f->w, BAD_CAST "  ");
	if (xmlTextWriterStartDocument(f->w, NULL, "UTF-8", NULL) < 0)
		f->rc = -1;
	return 0;
}

static int
S_close(feed_w *f, buf *out)
{
	if (xmlTextWriterEndDocument(f->w) < 0)
		f->rc = -1;
	xmlFreeTextWriter(f->w);
	if (f->rc == 0)
		buf_add(out, xmlBufferContent(f->xb),
		    (size_t)xmlBufferLength(f->xb));
	xmlBufferFree(f->xb);
	return f->rc;
}

static void
S_start(feed_w *f, const char *name)
{
	if (xmlTextWriterStartElement(f->w, BAD_CAST name) < 0)
		f->rc = -1;
}

static void
S_end(feed_w *f)
{
	if (xmlTextWriterEndElement(f->w) < 0)
		f->rc = -1;
}

static void
S_attr(feed_w *f, const char *name, const char *value)
{
	if (xmlTextWriterWriteAttribute(f->w, BAD_CAST name,
	    BAD_CAST value) < 0)
		f->rc = -1;
}

static void
S_elem(feed_w *f, const char *name, const char *text)
{
	if (xmlTextWriterWriteElement(f->w, BAD_CAST name, BAD_CAST text) < 0)
		f->rc = -1;
}

static const char *
S_abs(buf *b, const site *s, const char *url)
{
	buf_reset(b);
	buf_puts(b, s->config.base_url);
	buf_puts(b, url);
	return b->data;
}

int
feed_sitemap(const site *s, buf *out)
{
	feed_w f;
	buf u;
	int i;

	if (S_open(&f) < 0)
		return -1;
	buf_init(&u, BUF_MAX_TEXT);
	S_start(&f, "urlset");
	S_attr(&f, "xmlns", "http://www.sitemaps.org/schemas/sitemap/0.9");
	for (i = 0; i < s->npages; i++) {
		S_start(&f, "url");
		S_elem(&f, "loc", S_abs(&u, s, s->pages[i].url));
		if (s->pages[i].date != NULL)
			S_elem(&f, "lastmod", s->pages[i].date);
		S_end(&f);
	}
	S_end(&f);
	buf_free(&u);
	return S_close(&f, out);
}

static const site *S_sort_site;

/* Newest first; the same date keeps the course order. */
static int
S_date_cmp(const void *x, const void *y)
{
	const page *a = &S_sort_site->pages[*(const int *)x];
	const page *b = &S_sort_site->pages[*(const int *)y];
	int c = strcmp(b->date, a->date);

	if (c != 0)
		return c;
	return *(const int *)x - *(const int *)y;
}

int
feed_atom(const site *s, buf *out)
{
	feed_w f;
	buf u, t;
	int *dated, n = 0, i;

	dated = mem_alloc(NULL, (size_t)(s->npages + 1) * sizeof *dated);
	for (i = 0; i < s->npages; i++)
		if (s->pages[i].kind == PAGE_LESSON && s->pages[i].date)
			dated[n++] = i;
	S_sort_site = s;
	qsort(dated, (size_t)n, sizeof *dated, S_date_cmp);
	if (n > FEED_MAX_ENTRIES)
		n = FEED_MAX_ENTRIES;
	if (S_open(&f) < 0) {
		free(dated);
		return -1;
	}
	buf_init(&u, BUF_MAX_TEXT);
	buf_init(&t, BUF_MAX_NAME);
	S_start(&f, "feed");
	S_attr(&f, "xmlns", "http://www.w3.org/2005/Atom");
	S_attr(&f, "xml:lang", s->config.language);
	S_elem(&f, "title", s->config.title);
	S_elem(&f, "id", s->config.base_url);
	S_start(&f, "link");
	S_attr(&f, "href", s->config.base_url);
	S_end(&f);
	S_start(&f, "link");
	S_attr(&f, "rel", "self");
	S_attr(&f, "href", S_abs(&u, s, "feed.xml"));
	S_end(&f);
	/* No build time: the feed changes only when the content does. */
	buf_printf(&t, "%sT00:00:00Z", n > 0 ? s->pages[dated[0]].date :
	    "1970-01-01");
	S_elem(&f, "updated", t.data);
	S_start(&f, "author");
	S_elem(&f, "name", s->config.title);
	S_end(&f);
	for (i = 0; i < n; i++) {
		const page *p = &s->pages[dated[i]];

		S_start(&f, "entry");
		S_elem(&f, "title", p->title);
		S_elem(&f, "id", S_abs(&u, s, p->url));
		S_start(&f, "link");
		S_attr(&f, "href", u.data);
		S_end(&f);
		buf_reset(&t);
		buf_printf(&t, "%sT00:00:00Z", p->date);
		S_elem(&f, "updated", t.data);
		if (p->summary != NULL)
			S_elem(&f, "summary", p->summary);
		S_end(&f);
	}
	S_end(&f);
	buf_free(&u);
	buf_free(&t);
	free(dated);
	return S_close(&f, out);
}
