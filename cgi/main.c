/*
 * eystime-cgi: lesson completions and group discussions for an Eystime
 * site. Runs as FastCGI (spawn-fcgi, a systemd socket, mod_fcgid) or as
 * plain CGI with the same binary; `eystime-cgi admin …` for the host.
 * See docs/deploy.md.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "admin.h"
#include "app.h"
#include "image.h"
#include "io.h"
#include "names.h"
#include "sandbox.h"

#define MAIN_ERR_SIZE 512 /* a reason the sandbox gives */

#ifndef EYSTIME_VERSION
#define EYSTIME_VERSION "0.1.0"
#endif

/* 1 unless this is a plain CGI request (its method in the environment
 * at start) whose body is not multipart/form-data. */
static int
S_may_upload(void)
{
	const char *ct = getenv("CONTENT_TYPE");

	if (getenv("REQUEST_METHOD") == NULL)
		return 1; /* FastCGI: any request may come */
	return ct != NULL && strncasecmp(ct, "multipart/form-data", 19) == 0;
}

int
main(int argc, char **argv)
{
	web_app a;
	char err[MAIN_ERR_SIZE];

	if (argc > 1 && strcmp(argv[1], "admin") == 0)
		return admin_main(argc - 1, argv + 1);
	if (argc > 1 && (strcmp(argv[1], "--version") == 0 ||
	    strcmp(argv[1], "-V") == 0)) {
		printf("eystime-cgi %s\n", EYSTIME_VERSION);
		return 0;
	}
	if (argc > 1) {
		fputs("Usage: eystime-cgi            (run by the web server)\n"
		    "       eystime-cgi admin …      (see eystime-cgi admin "
		    "--help)\n", argc > 1 && strcmp(argv[1], "--help") == 0 ?
		    stdout : stderr);
		return strcmp(argv[1], "--help") == 0 ? 0 : 2;
	}
	/* A client that goes away must not kill the worker. */
	signal(SIGPIPE, SIG_IGN);
	/* A start-up failure is logged and answered with 503 on every
	 * request, rather than a crash loop in the web server. */
	/* Least privilege before anything is read or opened: as root,
	 * become EYSTIME_USER; that failing is fatal (docs/security.md). */
	if (sandbox_drop(err, sizeof err) < 0) {
		io_log("cannot start: %s", err);
		return 1;
	}
	/* ICU (names.c) loads its tables at first use: now, before the
	 * filter, even when app_open fails and is retried under it. */
	if (names_init(err, sizeof err) < 0)
		io_log("cannot start: %s", err);
	if (app_open(&a) < 0)
		io_log("cannot start: %s", a.error);
	/* libvips (photos) starts before the filter: it loads its modules.
	 * As plain CGI (one request, known now) only for a form that may
	 * carry a photo: the start costs tens of milliseconds. */
	if (S_may_upload() && image_init(argv[0], err, sizeof err) < 0)
		io_log("photos unavailable: %s", err);
	/* Then only the system calls serving needs (Linux). */
	if (sandbox_filter(err, sizeof err) < 0) {
		io_log("cannot start: %s", err);
		return 1;
	}
	while (io_accept())
		app_handle(&a);
	app_close(&a);
	return 0;
}
