/* The funders' report's pieces that need no web server (issue 16): a
 * lesson's minutes read from the manifest (a sixth field; older
 * manifests without it read as 0), the dates the report takes, and
 * report_compute on a real store: a module counts once its last lesson
 * is done in the period, lessons outside it do not count. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../../cgi/course.h"
#include "../../cgi/report.h"
#include "../../cgi/store.h"
#include "../../cgi/valid.h"
#include "../../common/msg.h"
#include "check.h"

static void
test_manifest_minutes(void)
{
	char text[] = "# eystime manifest 1\n"
	    "site\tfr\t/api\t/\tEystime\n"
	    "module\tm\tm\tm/\tUn module\n"
	    "lesson\tm/a\tm\tm/a/\tA\t20\n"
	    "lesson\tm/b\tm\tm/b/\tB\n"
	    "lesson\tm/c\tm\tm/c/\tC\tvingt\n"
	    "lesson\tm/d\tm\tm/d/\tD\t90\tplus tard\n";
	char err[256];
	course c;

	memset(&c, 0, sizeof c);
	CHECK(course_parse(&c, text, err, sizeof err) == 0);
	CHECK(c.nl == 4);
	if (c.nl == 4) {
		CHECK(c.l[0].minutes == 20);
		/* A manifest written before the field: 0 minutes. */
		CHECK(c.l[1].minutes == 0);
		CHECK_STR(c.l[1].title, "B");
		CHECK(c.l[2].minutes == 0);
		/* Fields after the ones known are ignored. */
		CHECK(c.l[3].minutes == 90);
		CHECK_STR(c.l[3].title, "D");
	}
	course_free(&c);
}

static void
test_days(void)
{
	long long t, next;

	CHECK(valid_day_parse("2026-03-31", &t, &next) == 0);
	CHECK(next - t >= 23 * 3600 && next - t <= 25 * 3600);
	CHECK(valid_day_parse("2026-02-30", &t, NULL) < 0);
	CHECK(valid_day_parse("2026-13-01", &t, NULL) < 0);
	CHECK(valid_day_parse("31/03/2026", &t, NULL) < 0);
	CHECK(valid_day_parse("2026-3-31", &t, NULL) < 0);
	CHECK(valid_day_parse("1969-12-31", &t, NULL) < 0);
	CHECK(valid_day_parse("", &t, NULL) < 0);
}

static void
test_rows(void)
{
	report_row r[REPORT_NROWS];
	report_figures f;
	int i, hours = -1, minutes = -1;

	memset(&f, 0, sizeof f);
	f.minutes = 95;
	msg_set_language("fr");
	report_rows(&f, r);
	for (i = 0; i < REPORT_NROWS; i++) {
		if (strcmp(r[i].key, "hours") == 0)
			hours = i;
		if (strcmp(r[i].key, "minutes") == 0)
			minutes = i;
	}
	CHECK(hours >= 0 && minutes >= 0);
	if (hours >= 0 && minutes >= 0) {
		/* 95 minutes: 1.58 h, one decimal, rounded. */
		CHECK_STR(r[hours].value, "1,6");
		CHECK_STR(r[minutes].value, "95");
	}
	msg_set_language("en");
	report_rows(&f, r);
	if (hours >= 0)
		CHECK_STR(r[hours].value, "1.6");
	msg_set_language("fr");
}

static void
test_compute(void)
{
	char text[] = "# eystime manifest 1\n"
	    "site\tfr\t/api\t/\tEystime\n"
	    "module\tm\tm\tm/\tUn\n"
	    "lesson\tm/a\tm\tm/a/\tA\t30\n"
	    "lesson\tm/b\tm\tm/b/\tB\t15\n"
	    "module\tn\tn\tn/\tDeux\n"
	    "lesson\tn/a\tn\tn/a/\tC\t60\n";
	char dir[] = "/tmp/eystime-test-report-XXXXXX", path[256],
	    err[512];
	unsigned char hash[STORE_HASH_LEN];
	/* store_join dates a joining now: the period is around now. */
	long long now = (long long)time(NULL), gid, pid1, pid2;
	long long from = now - 100000, to = now + 100000;
	store_scope sc;
	report_figures f;
	course c;
	store *db;

	memset(&c, 0, sizeof c);
	memset(hash, 1, sizeof hash);
	CHECK(mkdtemp(dir) != NULL);
	snprintf(path, sizeof path, "%s/t.db", dir);
	CHECK(course_parse(&c, text, err, sizeof err) == 0);
	CHECK(store_open(&db, path, err, sizeof err) == STORE_OK);
	CHECK(store_group_add(db, "G", "ABCDEF", &gid) == STORE_OK);
	/* Two participants, joined now; done_at is the time given to
	 * store_done. */
	{
		store_who who;

		hash[0] = 1;
		CHECK(store_join(db, gid, "Awa", hash, "", &who) == STORE_OK);
		pid1 = who.pid;
		hash[0] = 2;
		CHECK(store_join(db, gid, "Bea", hash, "", &who) == STORE_OK);
		pid2 = who.pid;
	}
	/* Awa: module m, its first lesson before the period, its last in
	 * it: a module completed; n/a at the period's end: out. */
	CHECK(store_done(db, pid1, "m/a", 0, from - 1) == STORE_OK);
	CHECK(store_done(db, pid1, "m/b", 0, now) == STORE_OK);
	CHECK(store_done(db, pid1, "n/a", 0, to) == STORE_OK);
	/* Bea: a lesson no longer in the course, in the period. */
	CHECK(store_done(db, pid2, "old/x", 0, now) == STORE_OK);
	memset(&sc, 0, sizeof sc);
	sc.gid = gid;
	CHECK(report_compute(db, &c, &sc, from, to, &f) == STORE_OK);
	CHECK(f.lessons == 1);
	CHECK(f.minutes == 15);
	CHECK(f.modules == 1);
	/* Bea did something (a lesson, even one removed since). */
	CHECK(f.active == 2);
	CHECK(f.groups == 1);
	CHECK(f.joined == 2);
	/* Another group: nothing. */
	sc.gid = gid + 1;
	CHECK(report_compute(db, &c, &sc, from, to, &f) == STORE_OK);
	CHECK(f.active == 0 && f.lessons == 0 && f.modules == 0);
	store_close(db);
	course_free(&c);
	snprintf(path, sizeof path, "rm -rf '%s'", dir);
	CHECK(system(path) == 0);
}

int
main(void)
{
	RUN(test_manifest_minutes);
	RUN(test_days);
	RUN(test_rows);
	RUN(test_compute);
	return check_tests_failed ? 1 : 0;
}
