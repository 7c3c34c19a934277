/*
 * title: a page's title as its author wrote it, in Markdown, made into
 * inline HTML for where HTML goes (a heading, a link's text) and into
 * plain text for everywhere else (<title>, the feed, the search index,
 * the manifest eystime-cgi reads, the messages): Hugo's markdownify and
 * plainify.
 *
 * Only inline Markdown counts: emphasis, strong, code spans,
 * strikethrough, backslash escapes and entities. A link or a picture
 * gives its text (a title is printed inside other pages' links, where a
 * link cannot go), raw HTML tags are dropped and the text between them
 * kept, and a title that looks like the start of a block ("1. Début",
 * "# Titre", "- x") stays as written. The plain text is always the text
 * of the HTML, so a check reading the page's HTML sees the same words.
 */
#ifndef EYSTIME_TITLE_H
#define EYSTIME_TITLE_H

/* Render md. Returns 0 with *html and *plain (both the caller's, never
 * empty when md holds more than blanks), or -1 (out of memory in
 * cmark-gfm, or a title over BUF_MAX_TEXT) with both NULL. */
int title_render(const char *md, char **html, char **plain);

/* Register cmark-gfm's core extensions, once whatever the threads (md_init
 * calls it too): before any cmark parse. */
void title_cmark_init(void);

#endif
