/*
 * check: what `eystime check` finds in the built pages, and `eystime build`
 * too for the errors (docs/content.md, "Checks").
 *
 * Each page is parsed with libxml2's HTML parser by the worker that
 * rendered it, right after rendering, from memory: the whole page, theme
 * included, as a participant's browser gets it. What needs every page
 * (links to an anchor of another page) is checked once all are rendered.
 *
 * Every message names the Markdown file and line: md.c keeps where each
 * line of the content comes from (md_out.pos), and the content is found
 * in the page. What the theme prints around it is blamed on the page's
 * template (line 0). The rules, their names and levels are in rule.h.
 */
#ifndef EYSTIME_GENERATOR_CHECK_H
#define EYSTIME_GENERATOR_CHECK_H

#include <stddef.h>

#include "md.h"
#include "rule.h"
#include "site.h"

/* The largest picture of the content that image-lourde lets by. */
#define CHECK_MAX_IMAGE (200 * 1024) /* bytes */

typedef struct check_opts {
	int warnings; /* the warning rules too (eystime check) */
	int external; /* list the links that leave the site, as notes */
} check_opts;

struct check_page_data;

typedef struct check_ctx {
	const site *s;
	check_opts o;
	struct check_page_data *pages; /* one per page, each written only
	                                * by the worker that renders it */
	int *by_url;                   /* page indexes sorted by url */
	char **holders;                /* the texts the theme's archetypes
	                                * (eystime new) write for the author
	                                * to replace, as S_holder_text makes
	                                * them */
	int nholders;
} check_ctx;

/* Before the pages render, on the main thread, once site_scan and
 * site_glossary are done. check_free frees. */
void check_init(check_ctx *c, const site *s, const check_opts *o);
/*
 * Check page pi, rendered through templates/<tpl>.html: md is its content
 * as md_render made it, html[0..n) the whole page. Messages go to the
 * site's diag. Any thread; two threads never check the same page.
 */
void check_page(check_ctx *c, int pi, const char *tpl, const md_out *md,
	const char *html, size_t n);
/* Once every page is checked: links to anchors of other pages. */
void check_links(check_ctx *c);
/*
 * Incremental builds (build.c): a page that is not rendered again keeps
 * what check_links needs of it from the previous build. check_page_save
 * appends page pi's data (after check_page) to out; check_page_load puts
 * it back in place of check_page, and returns -1 when the data is damaged
 * or links to a page that is gone (the page must then be rendered).
 * check_page_sampled: 1 when page pi is checked whole (theme included):
 * which pages are depends on their rank, so it is one of a page's inputs.
 */
void check_page_save(const check_ctx *c, int pi, buf *out);
int check_page_load(check_ctx *c, int pi, const char *data, size_t n);
int check_page_sampled(const check_ctx *c, int pi);
/*
 * The page's file as written, text[0..n): its lines that are still a
 * text of the theme's archetypes ("Une ou deux phrases pour commencer.")
 * are warned about (texte-modele), at their line. Any thread.
 */
void check_source(check_ctx *c, int pi, const char *text, size_t n);
/* How many pages had their content checked (*ncontent) and how many
 * their whole page, theme included (*nwhole), for the summary. */
void check_counts(const check_ctx *c, int *ncontent, int *nwhole);
/* Safe on a check_ctx that is all zeros. */
void check_free(check_ctx *c);

/* 1 when the link text s says nothing of where it leads ("cliquez ici",
 * "En savoir plus…"), case, accents and punctuation aside. */
int check_generic_link(const char *s);

#endif
