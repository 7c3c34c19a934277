/*
 * follow: how trainers follow a group (issue 16): the overview of the
 * group page (participants × modules, "3/4" a cell, the last activity),
 * "Qui a besoin d'aide" (a list of rules, each a function: one line to
 * add one), a participant's page (her lessons with their dates, her
 * messages, the actions on her), the group's "days without activity"
 * setting, and "Messages" (the trainer's groups' discussions at a
 * glance).
 *
 * Only what participants do counts as activity: a lesson done, a
 * message written (a quiz answer once they are recorded). Pages they
 * look at are not read here.
 *
 * trainer.c calls follow_group and follow_settings on the group page;
 * app.c's route table calls the handlers. Everything written goes to
 * the buffer given or to c->res; nothing returned needs freeing.
 */
#ifndef EYSTIME_FOLLOW_H
#define EYSTIME_FOLLOW_H

#include "../common/buf.h"
#include "web.h"

/* "Qui a besoin d'aide" then the overview of group gr, into b. Returns
 * STORE_OK, or a store error (nothing answered: the caller does). */
int follow_group(web_ctx *c, buf *b, const store_group *gr);
/* The group's setting of days without activity (a form), into b. */
void follow_settings(web_ctx *c, buf *b, const store_group *gr);

void follow_participant(web_ctx *c); /* GET …/:id/participants/:id */
void follow_idle_post(web_ctx *c);   /* POST …/groups/:id/idle (days) */
void follow_messages(web_ctx *c);    /* GET /trainer/messages */

#endif
