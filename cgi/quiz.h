/*
 * quiz: the answers to the lessons' quizzes (docs/cgi.md, "Quizzes").
 * A lesson's quiz is a form (generator/md.c) that posts here: the
 * answer is judged against the manifest (course_quiz), recorded for a
 * participant who joined, and shown ("Bonne réponse ✓" / "Pas tout à
 * fait") without JavaScript; the theme's script sends the same form
 * with Accept: application/json. The trainer's group page shows, per
 * question, how many were right the first time ("Questions
 * difficiles").
 */
#ifndef EYSTIME_QUIZ_H
#define EYSTIME_QUIZ_H

#include "web.h"

/* POST /quiz: lesson, quiz, c (the answers ticked). */
void quiz_post(web_ctx *c);
/* The fields of POST /quiz failed: the reason, and the way back to the
 * question when the lesson and the quiz are known. */
void quiz_invalid(web_ctx *c, int status, const char *why);
/* GET /quiz?lesson=&quiz=: her latest answer to it, judged; no answer
 * (or no session): 303 to the quiz in its lesson. */
void quiz_page(web_ctx *c);

/* Append the group's "Questions difficiles" section to b (the trainer's
 * group page): per quiz of the course the group answered, the
 * participants right the first time out of those who answered, the
 * hardest first. Returns a STORE_* code (nothing answered yet on
 * failure: the caller answers web_store_fail). */
int quiz_group(web_ctx *c, buf *b, long long gid);

#endif
