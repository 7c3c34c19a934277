/*
 * participant: the handlers of the participants' routes (DESIGN.md
 * section 5, docs/cgi.md): join, lessons done, my progress, the group's
 * discussions, my data, QR cards. app.c's route table calls them once
 * the fields are validated (read them with web_str, web_num,
 * web_lesson) and the role is checked: a handler of a route that needs
 * a participant finds c->who set.
 */
#ifndef EYSTIME_PARTICIPANT_H
#define EYSTIME_PARTICIPANT_H

#include "web.h"

/* POST /join: code, name, next. */
void participant_join(web_ctx *c);
/* /join's fields failed validation: its form again, with the reason. */
void participant_join_invalid(web_ctx *c, int status, const char *why);
/* The route needs a participant: the join form (200), or 401
 * {"error":"join"} for JSON; having joined, back to next. */
void participant_need_join(web_ctx *c, const char *next);

void participant_done(web_ctx *c);          /* POST /done */
/* GET /done?lesson=ID: "C'est noté ✓", the next lesson, the way to undo. */
void participant_done_page(web_ctx *c);
void participant_progress(web_ctx *c);      /* GET /progress */
void participant_me(web_ctx *c);            /* GET /me */
void participant_comments(web_ctx *c);      /* GET /comments */
void participant_comments_post(web_ctx *c); /* POST /comments */
void participant_photo(web_ctx *c);         /* GET /photos/:id */
/* The route table's `invalid` of POST /comments (a photo refused). */
void participant_comments_invalid(web_ctx *c, int status, const char *why);
void participant_feed(web_ctx *c);          /* GET /feed: to /group */
void participant_group(web_ctx *c);         /* GET /group */
void participant_group_stats(web_ctx *c);   /* GET /group/stats */
void participant_export(web_ctx *c);        /* GET /me/export */
void participant_delete(web_ctx *c);        /* POST /me/delete */
void participant_logout(web_ctx *c);        /* POST /logout */
void participant_card(web_ctx *c);          /* GET /card */
void participant_card_post(web_ctx *c);     /* POST /card */
void participant_back(web_ctx *c);          /* GET /back: a card's link */
void participant_my_card(web_ctx *c);       /* GET /me/card */
void participant_my_card_post(web_ctx *c);  /* POST /me/card: a new one */
void participant_devices_post(web_ctx *c);  /* POST /me/devices */
/* The card that brings participant `name` back, the one card Eystime
 * prints (trainer.c prints it too; pid > 0: its id "card-PID"), and a
 * new personal code for pid: its hash kept, the old one ended; pcode
 * gets it, to show once. */
void participant_card_html(web_ctx *c, buf *b, const char *code,
	const char *name, const char *pcode, long long pid);
/* The trainer's notice on group gid's page (trainer_group): someone may
 * be guessing codes (the site's budget of wrong codes is spent), or many
 * joined the group in the last hour. Nothing when all is calm. */
void participant_alarm(web_ctx *c, buf *b, long long gid);
int participant_new_pcode(web_ctx *c, long long pid,
	char pcode[AUTH_CODE_SIZE]);

#endif
