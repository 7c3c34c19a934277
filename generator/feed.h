/*
 * feed: sitemap.xml and an Atom feed.xml, written with libxml2's
 * xmlwriter. Both need the site's full address (base_url).
 */
#ifndef EYSTIME_FEED_H
#define EYSTIME_FEED_H

#include "../common/buf.h"
#include "site.h"

/* Append the documents to out. Return 0, or -1 when libxml2 fails. */
int feed_sitemap(const site *s, buf *out);
int feed_atom(const site *s, buf *out);

/* How many lessons the feed lists at most, newest first. */
#define FEED_MAX_ENTRIES 50

#endif
