/*
 * msg: the language of what Eystime says to people, French unless the site
 * says otherwise. Set once at start-up, before any thread runs; msg() picks
 * the text to show. Every message is written in both languages where it is
 * used, so a reader of the code sees both.
 */
#ifndef EYSTIME_MSG_H
#define EYSTIME_MSG_H

void msg_set_language(const char *lang);
const char *msg(const char *fr, const char *en);
/* 1 when messages are in English. */
int msg_is_en(void);

#endif
