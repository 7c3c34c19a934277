/*
 * store: everything Eystime keeps, behind one narrow interface. All SQL
 * lives in store.c (SQLite, WAL, prepared once per process); another
 * engine could stand behind these functions.
 *
 * Functions return STORE_OK, STORE_NONE (no such row), STORE_TAKEN (a
 * unique value exists), STORE_BUSY (the database stayed locked past the
 * busy timeout: answer 503) or STORE_ERROR (logged).
 * Strings handed to callbacks live until the callback returns.
 */
#ifndef EYSTIME_STORE_H
#define EYSTIME_STORE_H

#include <stddef.h>

#include "../common/buf.h"

enum { STORE_OK = 0, STORE_NONE, STORE_TAKEN, STORE_BUSY, STORE_ERROR,
	STORE_LIMIT, STORE_FULL /* the disk is full: answer 503 */ };

/* A name as the store copies it, NUL too: a group's name of 100
 * characters (valid_group_name) of up to 4 bytes each fits whole;
 * anything longer is cut on a character boundary (text_copy). */
#define STORE_NAME_SIZE 512
/* Session tokens are kept as BLAKE2b-256 hashes (AUTH_HASH_LEN). */
#define STORE_HASH_LEN 32
#define STORE_CODE_SIZE 24 /* a join code, NUL too */
#define STORE_TSESSION_IDLE (30 * 60)  /* a trainer session idle this long ends */
#define STORE_SEEN_EVERY 300         /* "last visit" written at most this often */
#define STORE_TSESSION_LIFE (8 * 3600) /* and ends this long after login */

typedef struct store store;

typedef struct store_who {
	long long pid;      /* participant */
	long long gid;      /* their group */
	char name[STORE_NAME_SIZE];  /* first name as the group sees it */
	char group[STORE_NAME_SIZE]; /* group name */
	int hold_links;     /* the group holds messages with links */
	int photos;         /* the group takes photos (a trainer's choice) */
	long long seen;     /* this session's last visit, before this one */
	char code[STORE_CODE_SIZE]; /* the group's join code */
} store_who;

/* One of a participant's sessions: a device she is logged in on. */
typedef struct store_device {
	long long id;       /* sessions.id: how a page names it */
	const char *device; /* "Android · Chrome", from its browser, or "" */
	long long created;  /* unix time */
	long long seen;     /* last visit, unix time (5 minutes' precision) */
	int current;        /* the session of this request */
} store_device;

typedef struct store_msg {
	long long id;
	long long pid;       /* author, 0 when erased */
	const char *author;  /* author's name */
	const char *lesson;  /* lesson id */
	const char *kind;    /* question, astuce, ressource */
	const char *body;    /* plain text as written */
	long long created;   /* unix time */
	long long edited;    /* unix time, 0 when never */
	int state;           /* STORE_MSG_SHOWN, _HIDDEN or _HELD */
	int reports;         /* how many participants reported it */
	int mine_reported;   /* the viewer reported it */
	long long parent;    /* the question it answers, 0 for a question */
	long long tid;       /* the trainer who wrote it, or 0 */
	int erased;          /* author erased: no participant, no trainer */
	long long solved;    /* when marked solved (unix time), or 0 */
	long long helpful;   /* the reply that helped, or 0 */
	int pinned;          /* 1: shown first (an announcement) */
	int react[3];        /* reactions: moi-aussi, merci, aide */
	int mine_react;      /* the viewer's, one bit per kind */
	int replies;         /* shown replies to it */
	long long photo;     /* its photo's id, or 0 */
	int photo_w;         /* the photo's size in px */
	int photo_h;
	const char *photo_alt; /* its description, "" when none */
	long long photo_bytes; /* the JPEG's length */
} store_msg;

/* A message's state: shown to the group, hidden by a trainer, or held
 * (it has a link and its group holds those) until a trainer approves. */
enum { STORE_MSG_SHOWN = 0, STORE_MSG_HIDDEN = 1, STORE_MSG_HELD = 2 };

typedef struct store_group {
	long long id;
	const char *name;
	const char *code;
	long long members;
	int archived;       /* 1: join code and sessions no longer work */
	int hold_links;     /* 1: messages with links wait for a trainer */
	int photos;         /* 1: messages may carry a photo (the default) */
} store_group;

/* One participant of a group, for trainers. */
typedef struct store_member {
	long long pid;
	const char *name;
	long long created;   /* joined, unix time */
	long long last_seen; /* last visit, unix time */
	int has_card;        /* a personal code was made for her (a card) */
} store_member;

/* What `store_purge` removed. */
typedef struct store_purged {
	long long participants; /* inactive past the retention */
	long long sessions;     /* participant sessions past their cookie */
	long long trainer_sessions;
	long long links;        /* expired login links of QR cards */
	long long attempts;     /* old join and login attempts */
} store_purged;

/* Open (creating and migrating) the database at path. On failure *err
 * holds a reason. */
int store_open(store **out, const char *path, char *err, size_t errsz);
void store_close(store *s);
/* The message of the last error, for logs. */
const char *store_error(const store *s);
int store_health(store *s);

int store_group_add(store *s, const char *name, const char *code,
	long long *id);
int store_group_find(store *s, const char *code, long long *gid);
int store_group_list(store *s, int (*fn)(void *, const store_group *),
	void *ctx);

/*
 * Add participant `name` to group gid with a session whose token hash is
 * hash; when the name is taken in the group, "Awa 2", "Awa 3"… is used.
 * The final name goes to who.
 */
int store_join(store *s, long long gid, const char *name,
	const unsigned char hash[STORE_HASH_LEN], const char *device,
	store_who *who);
/* The participant of a session, marking it (and its device, when not
 * "") seen. A session unused for `life` seconds ends: deleted, and
 * STORE_NONE. */
int store_session(store *s, const unsigned char hash[STORE_HASH_LEN],
	long long now, long long life, const char *device, store_who *who);
/* Participant `name` of group gid (exactly that name): its id and its
 * personal code's hash ("" when it has none); STORE_NONE without. */
int store_part_find(store *s, long long gid, const char *name,
	long long *pid, char *code_hash, size_t size);
/* Set participant pid's personal code hash: the old one, and her
 * one-time login cards, stop working. */
int store_part_code(store *s, long long pid, const char *code_hash);
/* A new session for participant pid (she came back with her code). */
int store_rejoin(store *s, long long pid,
	const unsigned char hash[STORE_HASH_LEN], long long now,
	const char *device, store_who *who);
/* Participant pid's sessions seen since `since`, the latest first, at
 * most `limit`; `current` marks the one whose hash is given. */
int store_devices(store *s, long long pid,
	const unsigned char current[STORE_HASH_LEN], long long since,
	int limit, int (*fn)(void *, const store_device *), void *ctx);
/* End participant pid's session id (0: all of hers); STORE_NONE when
 * none was hers. */
int store_device_end(store *s, long long pid, long long id);
/* Merge participant `from` into `into` (both of group gid): lessons
 * (each once, at its first date), messages and their photos,
 * reactions, reports, visits, sessions, quiz answers; `from` is gone. STORE_NONE when
 * either is not of the group, or they are the same. */
int store_merge(store *s, long long gid, long long from, long long into);
/* End one session (log out). */
int store_logout(store *s, const unsigned char hash[STORE_HASH_LEN]);
/* Erase a participant: sessions, completions, reports, photos, quiz
 * answers; their
 * messages stay, emptied and without author ("message supprimé"), so
 * that the threads they were part of stay readable. */
int store_forget(store *s, long long pid);

int store_done(store *s, long long pid, const char *lesson, int undo,
	long long now);
int store_done_list(store *s, long long pid,
	int (*fn)(void *, const char *lesson, long long at), void *ctx);

/* Messages of the group that participant `viewer` may see (shown ones,
 * and their own in any state), oldest first: of one lesson, or (lesson
 * NULL) the newest `limit` across lessons, newest first. Erased authors
 * come with pid 0 and an empty author and body. */
int store_msg_list(store *s, long long gid, const char *lesson, int limit,
	long long viewer, int (*fn)(void *, const store_msg *), void *ctx);
/* Change or erase the author's own message, if written after `since`;
 * with hold, a shown message becomes held (a link, in a group that
 * holds links). */
int store_msg_edit(store *s, long long id, long long pid, long long since,
	const char *body, int hold, long long now);
/* The author deletes their message written after `since`; one that has
 * answers is emptied instead ("message supprimé", its answers kept). */
int store_msg_delete(store *s, long long id, long long pid, long long since);
/* STORE_OK when store_msg_delete would delete it (hers, in time), else
 * STORE_NONE; nothing is changed. */
int store_msg_deletable(store *s, long long id, long long pid,
	long long since);

/* Count the join attempts from addr since `since` and, below max,
 * record this one; STORE_LIMIT at max (nothing written then). */
int store_join_attempt(store *s, const char *addr, long long now,
	long long since, int max);

/* Participant pid reports message id of group gid (once; not their
 * own): STORE_NONE when no such shown message is in the group. */
int store_msg_report(store *s, long long id, long long gid, long long pid,
	long long now);

/* ---- Trainers (cgi/trainer.c, cgi/admin.c) ---- */

/* `hash` is a libsodium crypto_pwhash_str string. STORE_TAKEN when the
 * login exists. */
int store_trainer_add(store *s, const char *login, const char *hash,
	long long *tid);
/* The trainer of that login and their password hash (copied). */
int store_trainer_find(store *s, const char *login, long long *tid,
	char *hash, size_t hashsz);
/* A new password hash; the trainer's sessions end with it, in the same
 * transaction (*revoked: how many). revoked NULL: the same password
 * hashed anew (a login's rehash), the sessions stay. */
int store_trainer_passwd(store *s, long long tid, const char *hash,
	long long *revoked);
/* Remove a trainer and their sessions; STORE_NONE when unknown. */
int store_trainer_remove(store *s, const char *login);
/* Let trainer tid follow group gid; STORE_NONE when no such group. */
int store_trainer_follow(store *s, long long tid, long long gid);

/* Trainer sessions: idle after `idle` seconds, over `life` seconds
 * after login; an expired session is deleted and answers STORE_NONE.
 * A live one is marked seen at `now`. */
int store_tsession_add(store *s, const unsigned char hash[STORE_HASH_LEN],
	long long tid, long long now);
int store_tsession(store *s, const unsigned char hash[STORE_HASH_LEN],
	long long now, long long idle, long long life, long long *tid,
	char *login, size_t loginsz);
int store_tsession_end(store *s, const unsigned char hash[STORE_HASH_LEN]);

/* Failed logins, by key ("login:x", "addr:y"): how many since `since`
 * and when the last one was. */
int store_login_failures(store *s, const char *key, long long since,
	long long *n, long long *last);
/* Record one failure under both keys (and forget those of a day ago). */
int store_login_failed(store *s, const char *key1, const char *key2,
	long long now);
int store_login_clear(store *s, const char *key);

/* One try under limits, counted before it is made (issue 18, item 12:
 * workers that count after the password check each got one more try).
 * In one transaction (BEGIN IMMEDIATE): each key's failures since
 * `since` (how many, the last one's time) go to decide(); when it says
 * go (1), one failure is counted at `now` under every key, the rows'
 * ids in id[] (the try succeeded: store_fail_forget; it failed at a
 * later time: store_fail_move). STORE_LIMIT when decide said no (then
 * nothing is counted). */
#define STORE_FAIL_KEYS 4
typedef int (*store_fail_decide)(void *p, const long long n[],
	const long long last[]);
int store_fail_try(store *s, const char *const key[], int nkey,
	long long since, long long now, store_fail_decide decide, void *p,
	long long id[]);
int store_fail_forget(store *s, const long long id[], int n);
int store_fail_move(store *s, const long long id[], int n, long long at);
/* Participants of group gid who joined since `since`, in *n. */
int store_group_recent(store *s, long long gid, long long since,
	long long *n);

/* The groups trainer tid follows, open ones first, by name. */
int store_trainer_groups(store *s, long long tid,
	int (*fn)(void *, const store_group *), void *ctx);
/* Group gid if trainer tid follows it (strings copied into name and
 * code); STORE_NONE otherwise. */
int store_trainer_group(store *s, long long tid, long long gid,
	store_group *g, char *name, size_t namesz, char *code, size_t codesz);
/* A new group followed by trainer tid; STORE_TAKEN when the code is. */
int store_group_create(store *s, long long tid, const char *name,
	const char *code, long long *gid);
int store_group_rename(store *s, long long gid, const char *name);
int store_group_archive(store *s, long long gid, int archived);
/* STORE_TAKEN when another group has that code. */
int store_group_code(store *s, long long gid, const char *code);
int store_group_hold(store *s, long long gid, int hold);
/* Let the group's messages carry photos, or not (those sent stay). */
int store_group_photos(store *s, long long gid, int on);

/* Participants of group gid by name (at most `limit`). */
int store_members(store *s, long long gid, int limit,
	int (*fn)(void *, const store_member *), void *ctx);
/* Every completion of the group's participants. */
int store_group_done(store *s, long long gid,
	int (*fn)(void *, long long pid, const char *lesson, long long at),
	void *ctx);
/* Participant pid if in group gid; STORE_NONE otherwise. */
int store_member_get(store *s, long long gid, long long pid, store_who *who);
/* STORE_TAKEN when the name, or a look-alike of it (the same
 * skeleton), is another participant's in the group. */
int store_member_rename(store *s, long long gid, long long pid,
	const char *name);

/* Login links of the one-time QR cards printed before the cards to
 * come back (nothing issues them now; a new personal code ends them):
 * store_link_peek says whose a live link is; store_link_use spends it
 * (once) on a new session whose token hash is `session`. */
int store_link_peek(store *s, const unsigned char hash[STORE_HASH_LEN],
	long long now, store_who *who);
int store_link_use(store *s, const unsigned char hash[STORE_HASH_LEN],
	const unsigned char session[STORE_HASH_LEN], long long now,
	const char *device, store_who *who);

/* Moderation of group gid's messages. list: `which` 0 all, 1 reported,
 * 2 held; newest first, at most limit. */
enum { STORE_MOD_ALL = 0, STORE_MOD_REPORTED = 1, STORE_MOD_HELD = 2 };
int store_mod_list(store *s, long long gid, int which, int limit,
	int (*fn)(void *, const store_msg *), void *ctx);
/* Set a message's state (STORE_MSG_*); approving or showing it also
 * clears its reports. STORE_NONE when not in the group. */
int store_mod_state(store *s, long long id, long long gid, int state);
int store_mod_delete(store *s, long long id, long long gid);
/* Keep the message as it is, forget its reports. */
int store_mod_dismiss(store *s, long long id, long long gid);

/* Erase participants not seen since `inactive_before` (their messages
 * stay as "message supprimé"), participant sessions created before
 * `sessions_before`, trainer sessions past their limits, expired login
 * links, attempts older than a day. */
int store_purge(store *s, long long inactive_before,
	long long sessions_before, long long now, store_purged *out);
/* What store_purge would remove, counted; nothing is changed. */
int store_purge_preview(store *s, long long inactive_before,
	long long sessions_before, long long now, store_purged *out);

/* ---- The group's conversation (cgi/talk.c) ---- */

/* A new message: of participant pid or trainer tid (the other 0), an
 * answer to `parent` (then it goes under parent's question, in its
 * lesson, of its kind) or a question in `lesson` ("" the group's own
 * place). */
typedef struct store_post {
	long long gid;
	long long pid;
	long long tid;
	long long parent;
	const char *lesson;
	const char *kind;
	const char *body;
	int state;          /* STORE_MSG_* */
	/* Its photo, or jpeg NULL: image_reencode's output only, stored in
	 * the message's transaction. */
	const unsigned char *jpeg;
	size_t jpeg_len;
	int photo_w;
	int photo_h;
	const char *alt;    /* "Décrivez la photo", "" or NULL: none */
} store_post;

/* What the group's counters say to one participant. */
typedef struct store_stats {
	long long unread;   /* group's messages since "Mon groupe", not mine */
	long long messages; /* visible messages of the lesson */
	long long fresh;    /* of those, newer than my last visit, not mine */
	long long done;     /* members who completed the lesson */
} store_stats;

/* Add p unless p->pid wrote `max` or more since `since` (STORE_LIMIT;
 * max 0: no limit). STORE_NONE: parent is not a visible message of
 * the group. */
int store_msg_post(store *s, const store_post *p, long long now,
	long long since, int max, long long *id);
/* Messages without a parent that `viewer` may see, newest first, at
 * most limit after offset: of one lesson (pinned ones apart), or (lesson
 * NULL) "Mon groupe"'s order: open questions first, then by last
 * activity. */
int store_msg_roots(store *s, long long gid, const char *lesson, int limit,
	int offset, long long viewer, int (*fn)(void *, const store_msg *),
	void *ctx);
/* Pinned messages of a lesson (NULL: of the whole group). */
int store_msg_pinned(store *s, long long gid, const char *lesson, int limit,
	long long viewer, int (*fn)(void *, const store_msg *), void *ctx);
/* The newest `limit` replies to root, oldest first. */
int store_msg_replies(store *s, long long root, int limit, long long viewer,
	int (*fn)(void *, const store_msg *), void *ctx);
/* Participant pid gives, or takes back, reaction `kind` (0-2) on shown
 * message id of group gid; the new count and whether it is theirs. */
int store_react(store *s, long long id, long long gid, long long pid, int kind,
	long long now, int *count, int *mine);
/* First names of who gave reaction kind, oldest first. */
int store_reactors(store *s, long long id, int kind, int limit,
	int (*fn)(void *, const char *name), void *ctx);
/* Mark question id solved at `when` (0: open again), optionally with
 * one of its replies as the helpful one; asker 0 for a trainer, else
 * only the asker may. STORE_NONE when not allowed or not found. */
int store_msg_solve(store *s, long long id, long long gid, long long asker,
	long long helpful, long long when);
int store_msg_pin(store *s, long long id, long long gid, int pinned);
/* The last message id pid saw at `place` (a lesson, "" for "Mon
 * groupe") into *last; with gid, then record the place's newest one. */
int store_visit(store *s, long long pid, long long gid, const char *place,
	long long *last);
/* The counters of /group/stats (lesson NULL: unread only). */
int store_group_stats(store *s, long long gid, long long pid,
	const char *lesson, store_stats *out);
/* The newest members first. */
int store_joined(store *s, long long gid, int limit,
	int (*fn)(void *, const store_member *), void *ctx);
/* A trainer's visible title ("" when never set). */
int store_trainer_title(store *s, long long tid, char *title, size_t n);
int store_trainer_title_set(store *s, const char *login, const char *title);
/* Lessons of the group with messages, the latest active first. */
int store_msg_lessons(store *s, long long gid, int limit,
	int (*fn)(void *, const char *lesson, long long n), void *ctx);

/* ---- Photos (migration 5) ---- */

/* A photo and what serving it needs to know of its message. */
typedef struct store_photo {
	long long id;
	long long mid;      /* its message */
	long long gid;      /* the message's group */
	long long pid;      /* the message's author, 0 for a trainer or erased */
	int state;          /* the message's STORE_MSG_* */
	int width;
	int height;
	long long bytes;
} store_photo;

/* Photo id into ph, its JPEG appended to jpeg (NULL: not read).
 * STORE_NONE when there is no such photo. */
int store_photo_get(store *s, long long id, store_photo *ph, buf *jpeg);

/* ---- Accounts (cgi/admin.c, migration 7) ---- */

/* Every trainer by login: the ids of the groups they follow ("1,3",
 * "" for none), their last login (0: none recorded). The strings are
 * valid during the call only. */
int store_trainer_list(store *s, int (*fn)(void *, const char *login,
	const char *groups, long long last_login), void *ctx);
/* How many trainers follow group gid. */
int store_group_followers(store *s, long long gid, long long *n);

/* ---- The funders' report (cgi/report.c) ---- */

/* The groups a report counts: group gid; else (gid 0) the groups
 * trainer tid follows; else (both 0) every group. */
typedef struct store_scope {
	long long gid;
	long long tid;
} store_scope;

/* What SQL counts for a report, over [from, to) (seconds). */
typedef struct store_counts {
	long long active;    /* participants with a lesson done or a message */
	long long groups;    /* groups with at least one of them */
	long long joined;    /* participants who joined */
	long long messages;  /* participants' messages (replies too) */
	long long questions; /* participants' questions (not replies) */
	long long solved;    /* questions marked solved */
} store_counts;

int store_report_counts(store *s, const store_scope *sc, long long from,
	long long to, store_counts *out);
/* Every lesson done before `to` by the participants of the scope, one
 * participant after the other (the lesson id is valid during the call
 * only). */
int store_report_done(store *s, const store_scope *sc, long long to,
	int (*fn)(void *, long long pid, const char *lesson, long long at),
	void *ctx);
/* ---- Quiz answers (migration 7) ---- */

/* Bytes of the choices of an answer as kept: "1,3", NUL too. */
#define STORE_QUIZ_CHOICES 64

/* Tries of one participant at one quiz that are kept. */
#define STORE_QUIZ_TRIES 50

/* Record one try of participant pid (of group gid) at quiz `question`
 * of `lesson`: the choices ticked ("1,3") and whether it was right.
 * STORE_LIMIT (nothing written) past STORE_QUIZ_TRIES tries of hers at
 * it. */
int store_quiz_answer(store *s, long long pid, long long gid,
	const char *lesson, const char *question, const char *choices,
	int correct, long long now);
/* Her latest try at that quiz: its choices (copied into choices, n
 * bytes), whether it was right, and how many tries she made.
 * STORE_NONE when she never answered it. */
int store_quiz_last(store *s, long long pid, const char *lesson,
	const char *question, char *choices, size_t n, int *correct,
	int *tries);
/* Per quiz the group answered: how many participants answered it and
 * how many of them were right at their first try; the lowest share of
 * first tries right first ("questions difficiles"), then the most
 * answered. fn returns non-zero to stop. */
int store_quiz_stats(store *s, long long gid, int (*fn)(void *,
	const char *lesson, const char *question, int answered, int right),
	void *ctx);
/* Each (participant, lesson, quiz) of the group where she was wrong at
 * least twice since her last right answer (or ever): she failed it
 * twice and has not got it right since. By participant id. */
int store_quiz_struggling(store *s, long long gid, void (*fn)(void *,
	long long pid, const char *lesson, const char *question), void *arg);
/* Every try of hers, oldest first (the export). */
int store_quiz_list(store *s, long long pid, int (*fn)(void *,
	const char *lesson, const char *question, const char *choices,
	int correct, long long at), void *ctx);
/* ---- Following a group (cgi/follow.c, migration 7) ---- */

#define STORE_IDLE_DAYS 10 /* groups.idle_days's default */

/* After how many days without doing anything a participant of group
 * gid needs help (groups.idle_days). */
int store_group_idle(store *s, long long gid, int *days);
int store_group_idle_set(store *s, long long gid, int days);
/* Each participant of group gid: when she joined and when she last did
 * something (a lesson done, a message written; 0: nothing yet). Pages
 * she only looked at do not count. */
int store_group_activity(store *s, long long gid,
	int (*fn)(void *, long long pid, long long joined, long long at),
	void *ctx);
/* Questions of group gid's participants asked at or before `before`,
 * shown, not solved, that nobody but their author answered; the oldest
 * first, at most limit. */
int store_unanswered(store *s, long long gid, long long before, int limit,
	int (*fn)(void *, const store_msg *), void *ctx);
/* Participant pid's messages in group gid (every state), newest first,
 * at most limit. */
int store_member_msgs(store *s, long long gid, long long pid, int limit,
	int (*fn)(void *, const store_msg *), void *ctx);

/* Copy the whole database to path (online backup). */
int store_backup(store *s, const char *path);

#endif
