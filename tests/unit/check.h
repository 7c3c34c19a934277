/*
 * A very small test harness: each test file has TEST functions listed in
 * main with RUN(). A failed CHECK prints where and what; RUN prints one
 * TAP-like line per test ("ok - name" or "not ok - name") that tests/run
 * counts. The process exits non-zero when any test failed.
 */
#ifndef EYSTIME_CHECK_H
#define EYSTIME_CHECK_H

#include <stdio.h>
#include <string.h>

static int check_failed; /* checks failed in the current test */
static int check_tests_failed;

#define CHECK(cond) do { \
	if (!(cond)) { \
		printf("#   %s:%d: CHECK(%s) failed\n", __FILE__, __LINE__, \
		    #cond); \
		check_failed++; \
	} \
} while (0)

#define CHECK_STR(got, want) do { \
	const char *check_g = (got), *check_w = (want); \
	if (check_g == NULL || strcmp(check_g, check_w) != 0) { \
		printf("#   %s:%d: got \"%s\", want \"%s\"\n", __FILE__, \
		    __LINE__, check_g ? check_g : "(null)", check_w); \
		check_failed++; \
	} \
} while (0)

#define RUN(fn) do { \
	check_failed = 0; \
	fn(); \
	printf("%s - %s\n", check_failed ? "not ok" : "ok", #fn); \
	if (check_failed) \
		check_tests_failed++; \
} while (0)

#define CHECK_EXIT() return check_tests_failed ? 1 : 0

#endif
