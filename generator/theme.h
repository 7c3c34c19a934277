/*
 * theme: where a site's theme is found, and the default theme embedded in
 * the binary (as Hugo embeds its templates), so that a site with only
 * site.lua and content/ builds before any `make install`.
 *
 * A theme named NAME is looked for, in this order:
 *   1. the site's own themes/NAME;
 *   2. $EYSTIME_THEMES/NAME, when that variable is set;
 *   3. for "default", the theme inside the binary, written out once into
 *      the user's cache folder ($XDG_CACHE_HOME/eystime, else
 *      ~/.cache/eystime, else /tmp/eystime-UID) in a folder named by its
 *      content's hash, and checked file for file at each use;
 *   4. the installed themes, EYSTIME_DATADIR/themes/NAME (make install).
 */
#ifndef EYSTIME_THEME_H
#define EYSTIME_THEME_H

#include <stddef.h>

#include "../common/buf.h"

/* One file of the embedded theme (made by tools/embed.py from
 * themes/default at build time). */
typedef struct theme_file {
	const char *path;          /* relative: "templates/base.html" */
	const unsigned char *data; /* its bytes, NUL after the last */
	size_t len;                /* without that NUL */
} theme_file;

/* The embedded theme's files, sorted, ended by a row whose path is NULL;
 * and a hash of them all (hex). */
extern const theme_file theme_files[];
extern const char theme_files_hash[];

/*
 * The folder of theme `name` for the site in site_dir, by the order above;
 * `themes` is $EYSTIME_THEMES or NULL. Returns a string the caller frees,
 * or NULL when none was found: then `searched` (appended, may be NULL)
 * lists each place looked in, separated by ", ", with why the embedded
 * theme could not be used when that is the reason.
 */
char *theme_find(const char *site_dir, const char *themes, const char *name,
    buf *searched);

/*
 * `eystime theme export DIR`: write the embedded theme into DIR (DIR/
 * templates/…, DIR/static/…). Never overwrites: when any of its files
 * exists already, writes nothing and says which. Prints what it did;
 * returns the exit status (0, or 1).
 */
int theme_export(const char *dir);

#endif
