/*
 * talk: the group's conversation, as participants and trainers see it
 * (issue 14): a lesson's discussion (questions, their answers one level
 * deep, reactions, "Résolu", pinned messages, pages), "Mon groupe" and
 * its counters, and what their forms send. participant.c and trainer.c
 * check who asks, fill a talk_view and call these; everything goes out
 * through web_*.
 */
#ifndef EYSTIME_TALK_H
#define EYSTIME_TALK_H

#include "web.h"

#define TALK_PAGE 30     /* questions per page of a discussion */
#define TALK_REPLIES 100 /* the newest replies shown under a question */

/* Who reads, and where the page's forms go. */
typedef struct talk_view {
	long long gid;       /* the group */
	long long pid;       /* the participant who reads, or 0 */
	long long tid;       /* the trainer who reads, or 0 */
	int hold_links;      /* a participant's links wait for a trainer */
	int photos;          /* the group takes photos: the forms offer one */
	const char *group;   /* the group's name */
	/* The discussion's path under the API ("/comments" or
	 * "/trainer/groups/ID/talk"): its GET shows it, its POST acts. */
	const char *home;
} talk_view;

/* A lesson's discussion (l NULL: a trainer's page of the group's own
 * messages), read fields: edit, reply, page. Records the visit. */
void talk_discussion(web_ctx *c, const talk_view *v, const course_item *l);
/* What a discussion's form sent (lesson, kind, body, edit, delete,
 * report, reply, react, solve, helpful, undo, pin, photo, alt). A new
 * message or an answer may carry a photo: re-encoded (image_reencode)
 * and stored with it; refused, a 400 gives the reason above the form
 * filled in again with what was typed. */
void talk_post(web_ctx *c, const talk_view *v, const course_item *l);
/* A message with a photo refused (by the route's validators or by
 * image_reencode): 400, the reason, and the writing form again with
 * what was typed (the file itself cannot be given back). */
void talk_refused(web_ctx *c, const talk_view *v, const course_item *l,
	const char *why);
/* A photo of the group's, for who reads (v->pid a participant of
 * v->gid, or v->tid one of its trainers): the JPEG, private to the
 * phone's cache; else the same 404 as an unknown id. A photo of a hidden
 * message goes to trainers only, of a held one to its author too. */
void talk_photo(web_ctx *c, const talk_view *v, long long id);
/* GET /group: "Mon groupe" (field page). Records the visit. */
void talk_group(web_ctx *c, const talk_view *v);
/* GET /group/stats (field lesson): the counters as JSON. */
void talk_stats(web_ctx *c, const talk_view *v, const course_item *l);

#endif
