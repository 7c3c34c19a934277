/*
 * md: one page's Markdown to HTML with cmark-gfm and its core extensions
 * (table, strikethrough, autolink, tagfilter, tasklist, footnotes), plus
 * what Eystime adds: links between .md files rewritten to the pages'
 * relative addresses and checked, stable heading ids and a table of
 * contents, GitHub alerts (> [!TIP]) turned into callouts, and ```quiz
 * blocks turned into quizzes that work without JavaScript. It also keeps,
 * for the checks, where each line of the HTML comes from in the Markdown
 * (cmark's source positions, taken out of the HTML itself), and marks
 * images whose description is "décorative" as such (alt="").
 */
#ifndef EYSTIME_MD_H
#define EYSTIME_MD_H

#include "../common/buf.h"
#include "../common/manifest.h"
#include "site.h"

/* Callout kinds, in the order of md_labels.callout. */
enum { MD_NOTE, MD_TIP, MD_IMPORTANT, MD_WARNING, MD_CAUTION, MD_NCALLOUT };

typedef struct md_labels {
	const char *callout[MD_NCALLOUT]; /* titles shown on callouts */
	const char *footnote_back;        /* aria-label of footnote returns */
	const char *quiz_show;            /* "Voir la réponse" */
	const char *quiz_answer;          /* "Bonne réponse :" */
	const char *table_label; /* a table's region: "Tableau %d : %s" (its
	                          * number, then its column heads) */
	const char *quiz_check;  /* "Vérifier", the quiz form's button
	                          * (NULL: "Check") */
} md_labels;

typedef struct md_heading {
	int level;  /* 1 to 6 */
	int toc;    /* an h2 or h3 of the page itself (not in a quote…) */
	int line;   /* line in the Markdown file */
	char *id;   /* unique in the page: {#id} when the author wrote one,
	             * else Eystime's (slug_make, then -2, -3…) */
	char *alias[3]; /* other ids that lead to it, unique in the page, or
	                 * NULL: Eystime's own when {#id} replaced it, GitHub's
	                 * (slug_github) and GitHub's without hyphens at
	                 * either end; printed as empty <span id> in it */
	char *text; /* the heading as plain text */
} md_heading;

/*
 * Where the content's lines come from, for the checks (check.c): line
 * `html` of the content (1-based) starts a block written at line `md` of
 * the Markdown file, and the lines after it, up to the next entry, follow
 * it one for one (cmark keeps a paragraph's line breaks).
 */
typedef struct md_pos {
	int html;
	int md;
} md_pos;

/* The most answers a quiz may have (the CGI keeps them as bits). */
#define MD_QUIZ_MAX_CHOICES MANIFEST_QUIZ_MAX
/* The most bytes of an id an author writes (`id: budget-1`). */
#define MD_QUIZ_MAX_ID 40

/*
 * A quiz of a page, for the manifest (docs/manifest.md): its id, stable
 * while the text around it changes (the author's `id:` line, else made
 * from the question's own words: docs/content.md), its question, the
 * explanation, the answers and which are right. Owned by md_out.
 */
typedef struct md_quiz {
	char *id;        /* "budget-1", or "que-prouve-ce-cadenas-3fa2" */
	char *question;  /* plain text, lines joined by spaces */
	char *why;       /* the explanation ("> "), "" when none */
	char *choice[MD_QUIZ_MAX_CHOICES]; /* the answers, plain text */
	int n;           /* answers: 2 to MD_QUIZ_MAX_CHOICES */
	unsigned right;  /* bit i set: answer i + 1 is right */
} md_quiz;

typedef struct md_out {
	buf html;        /* the content, to be printed raw */
	md_heading *h;   /* every heading, in order */
	int nh;
	md_pos *pos;     /* block starts, in the order of `html` */
	int npos;
	int *noalt;      /* lines of images with no description that are not
	                  * marked ![décorative](…): cmark writes alt="" for
	                  * both, so only md.c can tell them apart */
	int nnoalt;
	int nquiz;       /* ```quiz blocks made into quizzes (page.has_quiz) */
	md_quiz *quiz;   /* those quizzes, in page order (nquiz of them) */
} md_out;

/* Register cmark-gfm's extensions, once whatever the threads: call it
 * before any parse (md_render, title_render). */
void md_init(void);

/*
 * Render page p of s, whose Markdown is body[0..n). Bad links go to s->d
 * at their line; rendering goes on so that all of them are reported.
 * Returns 0. The caller frees out with md_out_free.
 */
int md_render(const site *s, const page *p, const char *body, size_t n,
	const md_labels *labels, md_out *out);
void md_out_free(md_out *out);

/* The Markdown file line of line `line` of out->html (1-based), or 0 when
 * no block starts before it. */
int md_line_of(const md_out *out, int line);

#endif
