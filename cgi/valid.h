/*
 * valid: the field validators of the route table (cgi/app.c), in the
 * manner of kcgi's `struct kvalid`. Each takes one field whose value
 * http.c has already decoded and checked (UTF-8, no control character
 * but newlines in bodies), and returns NULL when it is valid, else the
 * reason to answer with, in the site's language. A validator may set
 * v->n (a number, an enum's index), v->p (what the value names) and
 * replace v->s with a cleaned copy it keeps in v->own (freed with the
 * request).
 */
#ifndef EYSTIME_VALID_H
#define EYSTIME_VALID_H

#include <stddef.h>

#include "web.h"

#define VALID_NAME_MAX 40     /* characters of a participant's first name */
#define VALID_GROUP_MAX 100   /* characters of a group's name */
#define VALID_BODY_MAX 2000   /* characters of a message */
#define VALID_ID_DIGITS 15    /* digits of a row id */
#define VALID_PAGE_MAX 100000 /* ?page=N of a discussion */
#define VALID_ALT_MAX 300     /* characters of a photo's description */

typedef const char *(*valid_fn)(const web_ctx *c, web_value *v);

/* A lesson of the manifest; v->p is its course_item. */
const char *valid_lesson(const web_ctx *c, web_value *v);
/* A quiz of the lesson of the route's `lesson` field (validated
 * before it); v->p is its course_quiz. */
const char *valid_quiz(const web_ctx *c, web_value *v);
/* The answers ticked in the route's `quiz` (validated before it): every
 * form field of this name (checkboxes send one each), each a number
 * from 1 to the quiz's answers, none twice, one alone for a quiz with
 * one right answer; v->n their bits (bit i: answer i + 1), v->s "1,3". */
const char *valid_choices(const web_ctx *c, web_value *v);
/* A row id: 1 to 15 digits, not 0; v->n. */
const char *valid_id(const web_ctx *c, web_value *v);
/* `next`: a path of this site (http_safe_next). */
const char *valid_next(const web_ctx *c, web_value *v);
/* "1" or "0" (undo); v->n. */
const char *valid_flag(const web_ctx *c, web_value *v);
/* A personal code as typed: spaces and dashes dropped, upper case. */
const char *valid_pcode(const web_ctx *c, web_value *v);
/* A message's kind: question, astuce, ressource (v->n 0 to 2), or a
 * reaction's: moi-aussi, merci, aide (v->n 3 to 5). */
const char *valid_kind(const web_ctx *c, web_value *v);
/* A page number, 1 to VALID_PAGE_MAX; v->n. */
const char *valid_page(const web_ctx *c, web_value *v);
/* A message: trimmed, 1 to VALID_BODY_MAX characters. */
const char *valid_body(const web_ctx *c, web_value *v);
/* A first name: trimmed, 1 to VALID_NAME_MAX characters, nothing
 * invisible: no control, invisible or direction character. */
const char *valid_first_name(const web_ctx *c, web_value *v);
/* A group's name: trimmed, 1 to VALID_GROUP_MAX characters, nothing
 * invisible. */
const char *valid_group_name(const web_ctx *c, web_value *v);
/* A join code as typed; v->s becomes the clean code (auth_clean_code). */
const char *valid_code(const web_ctx *c, web_value *v);
/* A session or card token (auth_token_hash can read it). */
const char *valid_token(const web_ctx *c, web_value *v);
/* Any text (http.c's checks are enough: a login, a password). */
const char *valid_any(const web_ctx *c, web_value *v);
/* A file field (F_FILE in app.c; v->p the http_file, v->s its name): a
 * photo sent, of at most IMAGE_MAX_IN bytes, JPEG, PNG or WebP by its
 * first bytes. Not decoded here: the handler calls image_reencode. */
const char *valid_photo(const web_ctx *c, web_value *v);
/* A photo's description ("Décrivez la photo"): trimmed, 0 to
 * VALID_ALT_MAX characters on one line, nothing invisible. */
const char *valid_alt(const web_ctx *c, web_value *v);

/* The trainer's actions, each an enum whose index goes to v->n, in the
 * order of the VALID_* constants below. */
const char *valid_group_action(const web_ctx *c, web_value *v);
enum { VALID_GROUP_RENAME, VALID_GROUP_CODE, VALID_GROUP_HOLD_ON,
	VALID_GROUP_HOLD_OFF, VALID_GROUP_ARCHIVE, VALID_GROUP_UNARCHIVE,
	VALID_GROUP_PHOTOS_ON, VALID_GROUP_PHOTOS_OFF };
const char *valid_mod_action(const web_ctx *c, web_value *v);
enum { VALID_MOD_HIDE, VALID_MOD_SHOW, VALID_MOD_APPROVE, VALID_MOD_DELETE,
	VALID_MOD_DISMISS };
const char *valid_member_action(const web_ctx *c, web_value *v);
enum { VALID_MEMBER_RENAME, VALID_MEMBER_REMOVE, VALID_MEMBER_CARD,
	VALID_MEMBER_MERGE };

/* Days without activity before "Qui a besoin d'aide" names someone
 * (groups.idle_days): 1 to VALID_IDLE_MAX; v->n. */
#define VALID_IDLE_MAX 90
const char *valid_idle_days(const web_ctx *c, web_value *v);

/* The names of the kinds of messages, in valid_kind's order. */
extern const char *const valid_kinds[3];
/* The reactions, in store_react's order (valid_kind's 3 to 5). */
extern const char *const valid_reactions[3];

/* A row id: 1 to VALID_ID_DIGITS digits, else 0. */
long long valid_id_parse(const char *s);

/* A day as YYYY-MM-DD (a day of the calendar, 1970 to 9999): v->n is
 * its first second, local time (valid_day_parse). */
const char *valid_day(const web_ctx *c, web_value *v);
/* A group's id, or "" for all of them (v->n 0). */
const char *valid_group_or_all(const web_ctx *c, web_value *v);
/* The first second of day s (YYYY-MM-DD, local time) into *t, and of
 * the day after it into *next (NULL: not wanted); -1 when s is not a
 * day of the calendar. */
int valid_day_parse(const char *s, long long *t, long long *next);

#endif
