/*
 * trainer: the handlers of the trainer space (routes under /trainer):
 * log in, follow one's groups' progress, print QR login cards, moderate
 * the messages, export or erase a participant. Trainers have their own
 * sessions (cookie eystime_trainer, Path=<api>/trainer,
 * SameSite=Strict); a participant's session never opens these pages.
 *
 * app.c's route table calls them once the fields are validated, the
 * role checked and, for POSTs, the form token: c->id[0] is the group of
 * the path, c->id[1] the participant. Each handler checks that the
 * trainer follows that group (404 otherwise).
 */
#ifndef EYSTIME_TRAINER_H
#define EYSTIME_TRAINER_H

#include "../common/buf.h"
#include "web.h"

/* The login form, with a problem (or NULL) above it. */
void trainer_login_page(web_ctx *c, int status, const char *problem);

void trainer_login(web_ctx *c);         /* POST /trainer/login */
void trainer_logout(web_ctx *c);        /* POST /trainer/logout */
void trainer_home(web_ctx *c);          /* GET /trainer: my groups */
void trainer_group_new(web_ctx *c);     /* POST /trainer/groups */
void trainer_group(web_ctx *c);         /* GET /trainer/groups/:id */
void trainer_group_post(web_ctx *c);    /* POST /trainer/groups/:id */
void trainer_csv(web_ctx *c);           /* GET …/:id/progress.csv */
void trainer_cards(web_ctx *c);         /* GET …/:id/cards: shows */
void trainer_cards_post(web_ctx *c);    /* POST …/:id/cards: makes */
void trainer_messages(web_ctx *c);      /* GET …/:id/messages */
void trainer_messages_post(web_ctx *c); /* POST …/:id/messages */
void trainer_talk(web_ctx *c);          /* GET …/:id/talk[?lesson=] */
void trainer_talk_post(web_ctx *c);     /* POST …/:id/talk */
void trainer_photo(web_ctx *c);         /* GET …/:id/photos/:id */
/* The route table's `invalid` of POST …/:id/talk (a photo refused). */
void trainer_talk_invalid(web_ctx *c, int status, const char *why);
void trainer_participant_post(web_ctx *c);   /* POST …/participants/:id */
void trainer_participant_export(web_ctx *c); /* GET …/:id/export */

/* Append one CSV field: quoted when it holds ; , " CR or LF, quotes
 * doubled, and a field starting with = + - @ tab or CR prefixed with '
 * so that no spreadsheet takes it for a formula. */
void trainer_csv_cell(buf *b, const char *s);

#endif
