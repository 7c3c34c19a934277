/*
 * site: the content tree as pages. site_scan reads content/, parses every
 * front matter, drops drafts, orders modules and lessons, and links each
 * lesson to its module and neighbours. The result is read-only while pages
 * render in parallel.
 */
#ifndef EYSTIME_SITE_H
#define EYSTIME_SITE_H

#include <stdint.h>
#include <sys/stat.h>

#include "../common/buf.h"
#include "config.h"
#include "diag.h"
#include "fm.h"
#include "gloss.h"

typedef enum { PAGE_HOME, PAGE_MODULE, PAGE_LESSON, PAGE_PLAIN } page_kind;

typedef struct page {
	page_kind kind;
	char *src;        /* path under content/: "budget/02-tableau.md" */
	char *path;       /* as the author reaches it: "content/budget/…" */
	char *id;         /* "budget/02-tableau"; a module "budget"; home "" */
	char *url;        /* output folder from the root: "budget/02-tableau/" */
	char *title;      /* from the front matter, as plain text (its
	                   * Markdown made text: title.h), never empty */
	char *title_html; /* the same as inline HTML, escaped, never empty */
	char *summary;    /* or NULL */
	char *level;      /* or NULL */
	char *date;       /* "YYYY-MM-DD" or NULL */
	long weight;      /* order among siblings, when has_weight */
	int has_weight;   /* pages without a weight come after the others */
	int duration;     /* minutes, 0 when not given */
	int draft;        /* draft: true */
	int broken;       /* its front matter failed: known, not rendered */
	unsigned checks_off; /* rules its front matter switches off (RULE_BIT, rule.h) */
	fm_node *fm;      /* the whole front matter (params, objectives…) */
	size_t body_off;  /* where the Markdown starts in the file */
	int body_line;    /* the file line of body_off */
	int module;       /* a lesson's module page, else -1 */
	int prev, next;   /* neighbour lessons in the module, else -1 */
	int *lessons;     /* a module's lessons, in order */
	int nlessons;
	unsigned char hash[16];    /* BLAKE2b of the whole file, as read */
	unsigned char fm_hash[16]; /* of its front matter (the whole file
	                            * when that could not be read): what
	                            * other pages may see of it */
	struct stat st;   /* the file's, taken before it was read */
	int has_st;
	int known;        /* site.known gave what it holds: not read */
} page;

struct site;

/* How templates see a front-matter field (tpl.c). */
typedef enum site_field_tpl {
	SITE_TPL_SUMMARY, /* a field of every page, from struct page */
	SITE_TPL_LAZY,    /* made from the front matter on first use */
	SITE_TPL_NONE     /* the generator's alone (checks) */
} site_field_tpl;

/* A front-matter field Eystime knows (docs/content.md). */
typedef struct site_field {
	const char *name;    /* the key: "title" */
	site_field_tpl tpl;
	/* Read it (absent or not) into p, or add what is wrong to s->d. */
	void (*read)(struct site *s, page *p, const struct site_field *f);
} site_field;

/* Every field, in the order they are read, ending with a NULL name. */
extern const site_field site_fields[];
/* The field called name, or NULL: any other key is one of page.params. */
const site_field *site_field_find(const char *name);

/* The largest Markdown file: site_scan reads it, build.c again to
 * render it. */
#define SITE_MAX_MD (4u << 20)

/* Bounds of the whole-number fields. */
#define SITE_MAX_WEIGHT 1000000000L
#define SITE_MAX_DURATION 100000L /* minutes */

typedef struct site {
	char *dir;          /* the site folder as given ("." by default) */
	char *content_dir;  /* dir/content */
	char *theme_dir;    /* the theme in use */
	cfg config;         /* site.lua */
	int drafts;         /* --drafts */
	diag *d;            /* where messages go */
	page *pages;        /* home, each module then its lessons, plain pages */
	int npages;
	int home;           /* index of the home page, or -1 */
	int *modules;       /* module pages in order */
	int nmodules;
	int *plain;         /* plain pages in order */
	int nplain;
	char **assets;      /* other files under content/, sorted */
	long nassets;
	int *by_src;        /* page indexes sorted by src, for lookups */
	int *by_url;        /* page indexes sorted by url, for lookups */
	int nrefused;       /* .md files that cannot be pages (their error
	                     * is in d): not built, not checked */
	int ndrafts;        /* drafts left out (no --drafts) */
	gloss glossary;     /* every page's terms (after site_glossary) */
	/*
	 * Incremental builds (build.c): when not NULL, called before a page's
	 * file is read (p has its src, path, kind, id and url; st is the
	 * file's), from several threads at once. It returns 1 after setting
	 * p->fm, hash, fm_hash, body_off and body_line from what a previous
	 * build read of that very file, which is then not read again.
	 */
	int (*known)(void *ctx, page *p, const struct stat *st);
	void *known_ctx;
} site;

/* Read SITE_DIR's content. Returns 0, or -1 with messages in s->d; after
 * -1 the pages that could be read are there all the same, so that the
 * caller can look for more mistakes. The caller fills dir, config, drafts
 * and d first, and calls site_free. */
int site_scan(site *s, int jobs);
void site_free(site *s);

/* Gather the glossary of every page into s->glossary (gloss.h), once
 * site_scan is done. */
void site_glossary(site *s);

/* The page whose source is src (under content/), or -1. */
int site_find(const site *s, const char *src);
/* The page published at url ("m/l1/", "" for home), or -1. */
int site_find_url(const site *s, const char *url);
/* 1 when src (under content/) is a file copied as is. */
int site_has_asset(const site *s, const char *src);

/* 1 when s is a real date written YYYY-MM-DD (2026-02-29 is not). */
int site_date_ok(const char *s);

/*
 * A front matter's date as authors write it, into out as "YYYY-MM-DD":
 * "2024-01-05", "2024-1-5", "2020/12/21", an ISO datetime
 * ("2024-01-05T10:00:00Z", "2024-01-05 10:00:00 +01:00": the day is
 * kept, as written), or day first as in France ("21/12/2020",
 * "21.12.2020"). Returns 0, or -1 when s is none of those or no real day.
 */
int site_date_parse(const char *s, char out[11]);

/*
 * A front matter's duration as people write it, in minutes: "90",
 * "45 min", "45 minutes", "2 h", "2 heures", "1 h 30", "1h30",
 * "1 h 30 min", "1,5 h", "1:30", "PT1H30M". Returns 0, or -1 when s is
 * none of those, or over SITE_MAX_DURATION.
 */
int site_duration_parse(const char *s, long *minutes);

/*
 * url_relative (url.h), and for an address of a page (ending with "/", before any
 * "#" or "?") "index.html" after it when the site says index_links: a
 * browser opening the site from a USB stick (file://) shows a folder's
 * listing, not its index.html.
 */
void site_link(const site *s, buf *out, const char *from, const char *to);
/* The same for an address from the site's root, appended as it is. */
void site_link_abs(const site *s, buf *out, const char *to);

/* A front matter tree as bytes (appended to out), and back: NULL when
 * the bytes are damaged. The tree site_fm_load returns is one block of
 * memory: the caller frees it with free(), not fm_free. */
void site_fm_save(const fm_node *n, buf *out);
fm_node *site_fm_load(const char *data, size_t n);

/* A label for the kind of a page, as templates see it. */
const char *site_kind_name(page_kind k);

#endif
