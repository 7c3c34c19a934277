#include "title.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>

#include "../common/buf.h"
#include "../common/text.h"

/*
 * cmark-gfm keeps the special characters of the extensions in one global
 * table while it parses inlines (md.c says more): titles parse one at a
 * time. They parse in site_scan, which ends before any page renders, so
 * they never meet md_render's documents.
 */
static pthread_mutex_t S_lock = PTHREAD_MUTEX_INITIALIZER;

static void
S_register(void)
{
	cmark_gfm_core_extensions_ensure_registered();
}

/* cmark-gfm's own guard is a plain flag: two threads parsing their first
 * titles at once (site_scan) registered the extensions twice and leaked
 * one set, so every caller goes through this pthread_once. */
void
title_cmark_init(void)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;

	pthread_once(&once, S_register);
}

/* Parse md (n bytes); the document, or NULL. */
static cmark_node *
S_parse(const char *md, size_t n)
{
	cmark_syntax_extension *strike;
	cmark_parser *parser;
	cmark_node *doc;

	title_cmark_init();
	parser = cmark_parser_new(CMARK_OPT_DEFAULT);
	if (parser == NULL)
		return NULL;
	strike = cmark_find_syntax_extension("strikethrough");
	if (strike != NULL)
		cmark_parser_attach_syntax_extension(parser, strike);
	cmark_parser_feed(parser, md, n);
	pthread_mutex_lock(&S_lock);
	doc = cmark_parser_finish(parser);
	pthread_mutex_unlock(&S_lock);
	cmark_parser_free(parser);
	return doc;
}

/* The document's one paragraph, or NULL when md made blocks of another
 * kind ("1. Début" is a list). */
static cmark_node *
S_paragraph(cmark_node *doc)
{
	cmark_node *p = doc != NULL ? cmark_node_first_child(doc) : NULL;

	if (p == NULL || cmark_node_next(p) != NULL ||
	    cmark_node_get_type(p) != CMARK_NODE_PARAGRAPH)
		return NULL;
	return p;
}

/* Where a backslash keeps t[0..n) from starting a block: before its first
 * character when that is ASCII punctuation ("# x", "- x", "> x"), before
 * the '.' or ')' after leading digits ("1. x"); else n. */
static size_t
S_block_mark(const char *t, size_t n)
{
	size_t i = 0;

	if (n > 0 && strchr("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", t[0]) != NULL)
		return 0;
	while (i < n && t[i] >= '0' && t[i] <= '9')
		i++;
	if (i > 0 && i < n && (t[i] == '.' || t[i] == ')'))
		return i;
	return n;
}

/* The inline HTML and the text of paragraph para, less the first skip
 * bytes of its first text. */
static void
S_walk(cmark_node *para, size_t skip, buf *html, buf *plain)
{
	cmark_iter *it = cmark_iter_new(para);
	cmark_event_type ev;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		int enter = ev == CMARK_EVENT_ENTER;
		const char *lit = cmark_node_get_literal(n);
		const char *tag = NULL;

		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_TEXT:
			if (skip > 0) {
				lit += strlen(lit) < skip ? strlen(lit) : skip;
				skip = 0;
			}
			html_escape(html, lit, strlen(lit));
			buf_puts(plain, lit);
			break;
		case CMARK_NODE_CODE:
			buf_puts(html, "<code>");
			html_escape(html, lit, strlen(lit));
			buf_puts(html, "</code>");
			buf_puts(plain, lit);
			break;
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK:
			buf_putc(html, ' ');
			buf_putc(plain, ' ');
			break;
		case CMARK_NODE_EMPH:
			tag = "em";
			break;
		case CMARK_NODE_STRONG:
			tag = "strong";
			break;
		default:
			/* Links and pictures give their text; raw HTML goes. */
			if (strcmp(cmark_node_get_type_string(n),
			    "strikethrough") == 0)
				tag = "del";
			break;
		}
		if (tag != NULL)
			buf_printf(html, enter ? "<%s>" : "</%s>", tag);
	}
	cmark_iter_free(it);
}

static void
S_blank_controls(char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			*s = ' ';
}

int
title_render(const char *md, char **html, char **plain)
{
	size_t start = strspn(md, " \t\r\n"), n = strlen(md + start), at;
	const char *t = md + start;
	cmark_node *doc, *para;
	size_t skip = 0;
	buf h, p, esc;

	*html = *plain = NULL;
	while (n > 0 && strchr(" \t\r\n", t[n - 1]) != NULL)
		n--;
	if (n > BUF_MAX_TEXT)
		return -1;
	buf_init(&h, BUF_MAX_TEXT * 4);
	buf_init(&p, BUF_MAX_TEXT);
	buf_init(&esc, BUF_MAX_TEXT + 1);
	doc = S_parse(t, n);
	para = S_paragraph(doc);
	if (doc != NULL && para == NULL && t[0] == '<') {
		/* An HTML block ("<div>…"): a letter before it makes it
		 * inline HTML, whose tags go as in any title. */
		cmark_node_free(doc);
		buf_putc(&esc, 'x');
		buf_add(&esc, t, n);
		doc = S_parse(esc.data, esc.len);
		para = S_paragraph(doc);
		skip = 1;
	} else if (doc != NULL && para == NULL &&
	    (at = S_block_mark(t, n)) < n) {
		cmark_node_free(doc);
		buf_add(&esc, t, at);
		buf_putc(&esc, '\\');
		buf_add(&esc, t + at, n - at);
		doc = S_parse(esc.data, esc.len);
		para = S_paragraph(doc);
	}
	if (para != NULL)
		S_walk(para, skip, &h, &p);
	/* Nothing left of it ("<br>"), or blocks all the same: as written. */
	if (p.len == 0 || strspn(p.data, " ") == p.len) {
		buf_reset(&h);
		buf_reset(&p);
		html_escape(&h, t, n);
		buf_add(&p, t, n);
	}
	if (doc != NULL)
		cmark_node_free(doc);
	buf_free(&esc);
	if (doc == NULL || h.overflow || p.overflow) {
		buf_free(&h);
		buf_free(&p);
		return -1;
	}
	*html = buf_detach(&h);
	*plain = buf_detach(&p);
	/* A title is one line: a control character, written or from an
	 * entity (`&#10;`), is a blank, so that no tab or line break
	 * reaches lessons.tsv, a <title> or the feed. */
	S_blank_controls(*html);
	S_blank_controls(*plain);
	return 0;
}
