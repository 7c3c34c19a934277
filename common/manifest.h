/*
 * manifest: the contract between the generator, which writes these files
 * into the built site (generator/build.c), and eystime-cgi, which reads
 * them through EYSTIME_SITE (cgi/course.c). The format is described for
 * people in docs/manifest.md; this header is its one statement in code.
 * Change both sides and the doc together, and raise MANIFEST_VERSION when
 * an old reader would misread the new files.
 *
 * Only constants: nothing to link, nothing to free.
 */
#ifndef EYSTIME_MANIFEST_H
#define EYSTIME_MANIFEST_H

/* The folder of the built site that holds them; no page may be there. */
#define MANIFEST_DIR "_eystime"

/* The lesson manifest and the page shell, from the site's root. */
#define MANIFEST_FILE MANIFEST_DIR "/lessons.tsv"
#define MANIFEST_SHELL_FILE MANIFEST_DIR "/shell.html"

/*
 * The first line: MANIFEST_MAGIC, a space, the version. A reader refuses
 * another name or another version ("# eystime manifest 10" is not 1).
 * MANIFEST_VERSION_TEXT must be MANIFEST_VERSION written out.
 */
#define MANIFEST_MAGIC "# eystime manifest"
#define MANIFEST_VERSION 1
#define MANIFEST_VERSION_TEXT "1"
#define MANIFEST_HEADER MANIFEST_MAGIC " " MANIFEST_VERSION_TEXT

/* Lines starting with this are comments. */
#define MANIFEST_COMMENT '#'
/* Fields are separated by one tab; a line ends with a newline. */
#define MANIFEST_SEP '\t'

/* The kinds of line (field MANIFEST_F_KIND). The site line comes first,
 * then each module followed by its lessons, in course order. */
#define MANIFEST_KIND_SITE "site"
#define MANIFEST_KIND_MODULE "module"
#define MANIFEST_KIND_LESSON "lesson"
/* A quiz of the lesson whose line comes just before (after the lesson,
 * its quizzes in page order). A reader that does not know quizzes skips
 * these lines, as any line of a kind it does not know. */
#define MANIFEST_KIND_QUIZ "quiz"

/* The fields of a module or lesson line, in order. */
enum manifest_field {
	MANIFEST_F_KIND,   /* MANIFEST_KIND_MODULE or _LESSON */
	MANIFEST_F_ID,     /* "budget", or "budget/01-depenses" */
	MANIFEST_F_MODULE, /* the module's id (a module's own) */
	MANIFEST_F_URL,    /* the page's folder from the root, "budget/" */
	MANIFEST_F_TITLE,  /* controls written as spaces */
	MANIFEST_NFIELDS   /* a reader needs these, and ignores fields after
	                    * the ones it knows */
};

/* Fields after the ones every reader needs: an old manifest lacks them,
 * and a reader takes a missing one as its default. A lesson line's
 * duration in minutes, from its front matter's `duration`; 0 (the
 * default) when the lesson gives none. */
#define MANIFEST_F_MINUTES MANIFEST_NFIELDS
/* The fields of a quiz line, in order; then its MANIFEST_F_QUIZ_N
 * answers, one field each (controls written as spaces). A reader
 * ignores fields after them. */
enum manifest_quiz_field {
	MANIFEST_F_QUIZ_LESSON = 1, /* the lesson's id */
	MANIFEST_F_QUIZ_ID,     /* stable in the lesson: "budget-1" */
	MANIFEST_F_QUIZ_RIGHT,  /* the right answers from 1: "2", "1,3" */
	MANIFEST_F_QUIZ_N,      /* how many answers: 2 to MANIFEST_QUIZ_MAX */
	MANIFEST_F_QUIZ_TEXT,   /* the question */
	MANIFEST_F_QUIZ_WHY,    /* the explanation, or empty */
	MANIFEST_F_QUIZ_CHOICE  /* the first answer's text */
};
/* The most answers a quiz has (generator/md.h MD_QUIZ_MAX_CHOICES). */
#define MANIFEST_QUIZ_MAX 16
/* The most bytes of a quiz's id. */
#define MANIFEST_QUIZ_ID_MAX 48

/* The fields of the site line, in order (after MANIFEST_F_KIND). */
enum manifest_site_field {
	MANIFEST_F_LANGUAGE = 1, /* "fr" */
	MANIFEST_F_API,          /* where the CGI answers, "/api" */
	MANIFEST_F_ROOT,         /* the site's path on its host, "/" */
	MANIFEST_F_SITE_TITLE    /* the site's title */
};

/*
 * The page shell is the theme's template shell.html rendered with links
 * from the site's path. The CGI puts the page's title (escaped) in place
 * of MANIFEST_MARK_TITLE and its content in place of MANIFEST_MARK_MAIN,
 * which a shell must hold. Both begin with MANIFEST_MARK_PREFIX.
 */
#define MANIFEST_MARK_PREFIX "@@eystime-"
#define MANIFEST_MARK_TITLE MANIFEST_MARK_PREFIX "title@@"
#define MANIFEST_MARK_MAIN MANIFEST_MARK_PREFIX "main@@"
/* Optional: the participants' menu between these two. The CGI puts the
 * trainer's own menu in its place on the trainer's pages, and keeps it
 * (without the markers) on the participants'. */
#define MANIFEST_MARK_NAV MANIFEST_MARK_PREFIX "nav@@"
#define MANIFEST_MARK_NAV_END MANIFEST_MARK_PREFIX "nav-end@@"

#endif
