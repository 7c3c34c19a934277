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

enum { STORE_OK = 0, STORE_NONE, STORE_TAKEN, STORE_BUSY, STORE_ERROR,
	STORE_LIMIT, STORE_FULL /* the disk is full: answer 503 */ };

#define STORE_HASH_LEN 32 /* session tokens are kept as BLAKE2b-256 */

typedef struct store store;

typedef struct store_who {
	long long pid;      /* participant */
	long long gid;      /* their group */
	char name[256];     /* first name as the group sees it */
	char group[256];    /* group name */
} store_who;

typedef struct store_msg {
	long long id;
	long long pid;       /* author, 0 when erased */
	const char *author;  /* author's name */
	const char *lesson;  /* lesson id */
	const char *kind;    /* question, astuce, ressource */
	const char *body;    /* plain text as written */
	long long created;   /* unix time */
	long long edited;    /* unix time, 0 when never */
} store_msg;

typedef struct store_group {
	long long id;
	const char *name;
	const char *code;
	long long members;
} store_group;

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
	const unsigned char hash[STORE_HASH_LEN], store_who *who);
/* The participant of a session, marking it seen. */
int store_session(store *s, const unsigned char hash[STORE_HASH_LEN],
	long long now, store_who *who);
/* End one session (log out). */
int store_logout(store *s, const unsigned char hash[STORE_HASH_LEN]);
/* Erase a participant: sessions, completions and messages. */
int store_forget(store *s, long long pid);

int store_done(store *s, long long pid, const char *lesson, int undo,
	long long now);
int store_done_list(store *s, long long pid,
	int (*fn)(void *, const char *lesson, long long at), void *ctx);

/* Add a message unless pid wrote `max` or more since `since`
 * (STORE_LIMIT): the count and the insert are one transaction. */
int store_msg_add(store *s, long long gid, long long pid, const char *lesson,
	const char *kind, const char *body, long long now, long long since,
	int max, long long *id);
/* Messages of the group, oldest first: of one lesson, or (lesson NULL)
 * the newest `limit` across lessons, newest first. */
int store_msg_list(store *s, long long gid, const char *lesson, int limit,
	int (*fn)(void *, const store_msg *), void *ctx);
int store_msg_get(store *s, long long id, long long gid, store_msg *m,
	char *body, size_t bodysz);
/* Change or erase the author's own message, if written after `since`. */
int store_msg_edit(store *s, long long id, long long pid, long long since,
	const char *body, long long now);
int store_msg_delete(store *s, long long id, long long pid, long long since);

/* Count the join attempts from addr since `since` and, below max,
 * record this one; STORE_LIMIT at max (nothing written then). */
int store_join_attempt(store *s, const char *addr, long long now,
	long long since, int max);

/* Copy the whole database to path (online backup). */
int store_backup(store *s, const char *path);

#endif
