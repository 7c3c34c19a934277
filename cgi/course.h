/*
 * course: what eystime-cgi knows of the built site, read from
 * EYSTIME_SITE/_eystime/: the lesson manifest (docs/manifest.md) and the
 * page shell. Both are read again when a new build replaced them.
 */
#ifndef EYSTIME_COURSE_H
#define EYSTIME_COURSE_H

#include <stddef.h>
#include <sys/types.h>
#include <time.h>

#include "../common/buf.h"

typedef struct course_item {
	char *id;     /* "budget/01-x", or the module id */
	char *module; /* the module's id */
	char *url;    /* from the site's root: "budget/01-x/" */
	char *title;
	int module_index; /* a lesson's module in course.m */
	int minutes;      /* a lesson's duration; 0 when the manifest has none */
	int quiz0;        /* a lesson's quizzes: course.q[quiz0 .. +nquiz) */
	int nquiz;
} course_item;

/* A quiz of a lesson (a "quiz" line of the manifest). */
typedef struct course_quiz {
	char *id;         /* stable in its lesson: "budget-1" */
	char *text;       /* the question */
	char *why;        /* the explanation, "" when none */
	char **choice;    /* the n answers' texts */
	int n;            /* 2 to MANIFEST_QUIZ_MAX */
	unsigned right;   /* bit i: answer i + 1 is right */
	int lesson;       /* its lesson's index in course.l */
} course_quiz;

typedef struct course {
	char *dir;          /* EYSTIME_SITE */
	char *language;     /* the site's language */
	char *api;          /* "/api" */
	char *root;         /* the site's path: "/" */
	char *title;        /* the site's title */
	course_item *m;     /* modules, in course order */
	int nm;
	course_item *l;     /* lessons, in course order */
	int nl;
	int *by_id;         /* lesson indexes sorted by id */
	course_quiz *q;     /* the lessons' quizzes, in course order */
	int nq;
	char *shell;        /* the page frame */
	time_t stamp;       /* mtime of the manifest when read */
	ino_t inode;        /* its inode: a new build renames a new file in */
} course;

/* Read the site at dir. Returns 0, or -1 with a reason in err. */
int course_load(course *c, const char *dir, char *err, size_t errsz);
/* Parse manifest text (modified in place) into c, which must be zeroed
 * or hold only dir. Returns 0, or -1 with a reason in err; c is freed
 * with course_free either way. Exposed for the fuzzer. */
int course_parse(course *c, char *text, char *err, size_t errsz);
/* Read again when the site was rebuilt; keeps the old one on failure. */
void course_refresh(course *c);
void course_free(course *c);
/* The lesson with that id, or NULL. */
const course_item *course_lesson(const course *c, const char *id);
/* The quiz of lesson l with that id, or NULL. */
const course_quiz *course_quiz_find(const course *c, const course_item *l,
	const char *id);
/* Index of lesson l in c->l. */
int course_index(const course *c, const course_item *l);

/* Append the shell with title (escaped here) and main (HTML) in place of
 * its markers. */
void course_page(const course *c, buf *out, const char *title,
	const char *main);
/* The same; nav (HTML), when not NULL, replaces what the shell holds
 * between MANIFEST_MARK_NAV and MANIFEST_MARK_NAV_END (the participants'
 * menu; a shell without them gets nav at the start of main). NULL keeps
 * the menu, without its markers. */
void course_page_nav(const course *c, buf *out, const char *title,
	const char *main, const char *nav);

#endif
