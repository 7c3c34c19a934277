/*
 * build: the whole of `eystime build`. Reads the site, renders every page
 * in parallel into a staging folder next to the output, and swaps it into
 * place only when nothing failed, so the previous output stays whole.
 *
 * Incremental builds: beside the output, a build cache (inc.h,
 * OUT_PARENT/.OUT_NAME.eystime-cache) records what each output file was
 * made from. When it is there and the output is as it left it, only the
 * pages whose inputs changed are rendered, only files whose bytes changed
 * are written (into the staging folder), and they are moved into the
 * output once every page rendered and passed its checks: a failed build
 * still leaves the previous output untouched. The result is the same,
 * byte for byte, as a clean build's (docs/performance.md, "Incremental").
 */
#ifndef EYSTIME_BUILD_H
#define EYSTIME_BUILD_H

#include <stdio.h>

typedef struct build_opts {
	const char *site_dir; /* holds site.lua, content/, themes/ */
	const char *out_dir;  /* NULL: site_dir/public */
	const char *themes;   /* $EYSTIME_THEMES, or NULL (theme.h says
	                       * where a theme is looked for) */
	int drafts;           /* include pages marked draft */
	int jobs;             /* worker threads, >= 1 */
	int quiet;            /* no summary line */
	int check;            /* eystime check: every rule, and no output:
	                       * the site is built in a temporary folder */
	int strict;           /* warnings are errors */
	int external;         /* list the links that leave the site */
	int json;             /* messages as JSON on stdout */
	int ignore_cache;     /* --ignoreCache: a clean build, whatever the
	                       * build cache says (build.c, incremental) */
	FILE *log;            /* where messages go: stderr when NULL */
} build_opts;

/* dir/rel, without a leading "./" so that messages show what the author
 * typed. The caller frees. */
char *build_join(const char *dir, const char *rel);

/* Returns the process exit status: 0, or 1 after printing messages
 * (errors; with strict, warnings too). */
int build_run(const build_opts *o);

#endif
