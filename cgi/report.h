/*
 * report: the funders' report. Over a period and one group or several,
 * how many participants were active, the lessons they finished and the
 * learning hours those make, the modules completed, the messages and
 * the questions solved. Anonymous: only counts, never a name.
 *
 * One computation (report_compute) and one list of figures with their
 * labels (report_rows) make the three forms of it: the printable page
 * GET /trainer/report, its CSV GET /trainer/report.csv, and
 * `eystime-cgi admin report` (cgi/admin.c). How each figure is counted:
 * docs/cgi.md, "The funders' report".
 */
#ifndef EYSTIME_REPORT_H
#define EYSTIME_REPORT_H

#include "course.h"
#include "store.h"
#include "web.h"

/* The figures of one report. */
typedef struct report_figures {
	long long from;      /* the period's first second (local midnight) */
	long long to;        /* the first second after it */
	long long groups;    /* groups with at least one active participant */
	long long active;    /* participants who did something in the period */
	long long joined;    /* participants who joined in the period */
	long long lessons;   /* lessons done in it (lessons of the course) */
	long long minutes;   /* the durations of those lessons, summed */
	long long modules;   /* modules completed in it, by a participant */
	long long messages;  /* participants' messages written in it */
	long long questions; /* of them, questions (not replies) */
	long long solved;    /* questions marked solved in it */
} report_figures;

/* Count the figures of scope sc over [from, to) with the lessons and
 * durations of site. Returns STORE_OK or the store's error. */
int report_compute(store *db, const course *site, const store_scope *sc,
	long long from, long long to, report_figures *f);

/* One figure as every form of the report shows it: its label, in the
 * site's language (msg), and its value as text. */
#define REPORT_NROWS 10
#define REPORT_VALUE_SIZE 32
typedef struct report_row {
	const char *key;                /* "active": stable, for scripts */
	const char *label;              /* "Participants actifs" */
	char value[REPORT_VALUE_SIZE];  /* "12", "3,5" */
} report_row;

/* The figures of f as REPORT_NROWS rows, in the order they are shown. */
void report_rows(const report_figures *f, report_row rows[REPORT_NROWS]);

/* GET /trainer/report?from=&to=&group= and GET /trainer/report.csv:
 * the fields validated by app.c (valid_day, valid_group_or_all). */
void report_page(web_ctx *c);
void report_csv(web_ctx *c);

#endif
