/*
 * import: `eystime import SRC [-d SITE]` turns a folder of Markdown with
 * front matter, from any generator (Hugo, Jekyll, Eleventy…), into an
 * Eystime site:
 *   - SRC/content is the source when SRC has no _config.yml (Hugo, and
 *     Eleventy sites whose input is content/), else SRC itself; folders
 *     whose name starts with "_" (but _posts, Jekyll's collections with
 *     output: true under its collections_dir, and its include), Jekyll's
 *     exclude, node_modules, vendor, layouts, themes, public, resources
 *     and Hugo's static/ are not content;
 *   - top folders become modules, deeper levels are flattened into the
 *     lesson's name ("a/b/c.md" → "a/b-c.md"), every name made a slug
 *     (slug.c); a folder's index.md or _index.md is its page; the mapping
 *     is printed;
 *   - titles from the front matter's title, else the first heading, else
 *     the file name; weight (or nav_order), draft (or published: false),
 *     a YYYY-MM-DD date and summary (or description) are kept, the rest of
 *     the front matter stays in it as YAML comments;
 *   - headings go one level down when the text has level-1 headings (the
 *     theme prints the title as the page's one h1);
 *   - pictures and documents beside the pages are copied; those elsewhere
 *     (Hugo's static/, Jekyll's assets/) when a page links to them; links
 *     between pages and to files are rewritten to the new paths: relative,
 *     from the site's root, after {{ site.baseurl }}, a page's permalink
 *     (or Hugo's url, or a Jekyll collection's pattern), and at last the
 *     one page whose file, folder, slug or title's slug is the address's
 *     last part (addresses Eleventy computes);
 *   - Hugo, Jekyll and Eleventy codes left in the text ({{< … >}},
 *     {{% … %}}, {% … %}, {{ … }}, kramdown's {: … }) are listed with
 *     path:line for the author.
 * It never overwrites: when a file it would write exists, it writes
 * nothing. An existing site.lua is kept.
 */
#ifndef EYSTIME_IMPORT_H
#define EYSTIME_IMPORT_H

#include <stddef.h>

#include "../common/buf.h"

/* Returns the exit status: 0, 1 after messages on stderr, 2 on usage. */
int import_run(const char *src, const char *site_dir);

/*
 * One page's bytes data[0..n) as import writes it (front matter, title,
 * headings), alone: no other file known, links kept, nothing printed.
 * Appends to out; returns 0, or -1 when the bytes are not UTF-8 text.
 * For the fuzzer (tests/fuzz/fuzz_import.c) and tests.
 */
int import_convert(const char *data, size_t n, buf *out);

#endif
