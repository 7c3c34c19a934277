/*
 * serve: `eystime serve`, the author's preview. A libmicrohttpd server on
 * 127.0.0.1 serves the site built into SITE/.eystime-serve/public, runs
 * eystime-cgi as a plain CGI under the api prefix with a development
 * database beside it, watches content/, themes/ and site.lua (inotify),
 * rebuilds, and reloads the open pages (server-sent events; the reload
 * script is added to pages as they are served, never written in a build).
 * A build error is shown in the browser, and the page comes back by itself
 * once the file is fixed.
 */
#ifndef EYSTIME_SERVE_H
#define EYSTIME_SERVE_H

#include "build.h"

/* Runs until SIGINT or SIGTERM; returns the exit status. o->site_dir,
 * themes and jobs are used; the output folder is serve's own. */
int serve_run(const build_opts *o, int port);

#endif
