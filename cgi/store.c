#include "store.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "../common/buf.h"

#define STORE_BUSY_MS 5000

/* Every statement, prepared once when the store opens. */
enum {
	Q_BEGIN, Q_COMMIT, Q_ROLLBACK, Q_HEALTH,
	Q_GROUP_ADD, Q_GROUP_FIND, Q_GROUP_LIST,
	Q_NAME_TAKEN, Q_PART_ADD, Q_SESSION_ADD, Q_SESSION_GET,
	Q_SESSION_SEEN, Q_FORGET_MSG, Q_FORGET, Q_LOGOUT,
	Q_DONE_ADD, Q_DONE_DEL, Q_DONE_LIST,
	Q_MSG_ADD, Q_MSG_LESSON, Q_MSG_GROUP, Q_MSG_GET, Q_MSG_EDIT,
	Q_MSG_DEL, Q_MSG_COUNT,
	Q_JOIN_ADD, Q_JOIN_COUNT, Q_JOIN_PURGE,
	Q_COUNT
};

static const char *const S_sql[Q_COUNT] = {
	[Q_BEGIN] = "BEGIN IMMEDIATE",
	[Q_COMMIT] = "COMMIT",
	[Q_ROLLBACK] = "ROLLBACK",
	[Q_HEALTH] = "SELECT count(*) FROM groups",
	[Q_GROUP_ADD] = "INSERT INTO groups(name, code, created) "
	    "VALUES (?1, ?2, strftime('%s','now'))",
	[Q_GROUP_FIND] = "SELECT id FROM groups WHERE code = ?1 AND "
	    "archived = 0",
	[Q_GROUP_LIST] = "SELECT g.id, g.name, g.code, (SELECT count(*) FROM "
	    "participants p WHERE p.group_id = g.id) FROM groups g "
	    "ORDER BY g.id",
	[Q_NAME_TAKEN] = "SELECT 1 FROM participants WHERE group_id = ?1 AND "
	    "name = ?2",
	[Q_PART_ADD] = "INSERT INTO participants(group_id, name, created, "
	    "last_seen) VALUES (?1, ?2, ?3, ?3)",
	[Q_SESSION_ADD] = "INSERT INTO sessions(token_hash, participant_id, "
	    "created, last_seen) VALUES (?1, ?2, ?3, ?3)",
	[Q_SESSION_GET] = "SELECT p.id, p.group_id, p.name, g.name, "
	    "s.last_seen FROM sessions s JOIN participants p ON p.id = "
	    "s.participant_id JOIN groups g ON g.id = p.group_id "
	    "WHERE s.token_hash = ?1 AND g.archived = 0",
	[Q_SESSION_SEEN] = "UPDATE participants SET last_seen = ?2 "
	    "WHERE id = ?1",
	[Q_FORGET_MSG] = "DELETE FROM messages WHERE participant_id = ?1",
	[Q_LOGOUT] = "DELETE FROM sessions WHERE token_hash = ?1",
	[Q_FORGET] = "DELETE FROM participants WHERE id = ?1",
	[Q_DONE_ADD] = "INSERT INTO completions(participant_id, lesson, "
	    "done_at) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING",
	[Q_DONE_DEL] = "DELETE FROM completions WHERE participant_id = ?1 "
	    "AND lesson = ?2",
	[Q_DONE_LIST] = "SELECT lesson, done_at FROM completions WHERE "
	    "participant_id = ?1 ORDER BY done_at, lesson",
	[Q_MSG_ADD] = "INSERT INTO messages(group_id, participant_id, lesson, "
	    "kind, body, created) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
	/* The newest ?3, oldest first: a flood of old messages must not
	 * hide a new question. */
	[Q_MSG_LESSON] = "SELECT * FROM (SELECT m.id, m.participant_id, "
	    "p.name, m.lesson, m.kind, m.body, m.created, m.edited FROM "
	    "messages m JOIN participants p ON p.id = m.participant_id WHERE "
	    "m.group_id = ?1 AND m.lesson = ?2 ORDER BY m.id DESC LIMIT ?3) "
	    "ORDER BY 1",
	[Q_MSG_GROUP] = "SELECT m.id, m.participant_id, p.name, m.lesson, "
	    "m.kind, m.body, m.created, m.edited FROM messages m JOIN "
	    "participants p ON p.id = m.participant_id WHERE m.group_id = ?1 "
	    "ORDER BY m.id DESC LIMIT ?3",
	[Q_MSG_GET] = "SELECT m.id, m.participant_id, p.name, m.lesson, "
	    "m.kind, m.body, m.created, m.edited FROM messages m JOIN "
	    "participants p ON p.id = m.participant_id WHERE m.id = ?1 AND "
	    "m.group_id = ?2",
	[Q_MSG_EDIT] = "UPDATE messages SET body = ?4, edited = ?5 WHERE "
	    "id = ?1 AND participant_id = ?2 AND created >= ?3",
	[Q_MSG_DEL] = "DELETE FROM messages WHERE id = ?1 AND "
	    "participant_id = ?2 AND created >= ?3",
	[Q_MSG_COUNT] = "SELECT count(*) FROM messages WHERE "
	    "participant_id = ?1 AND created >= ?2",
	[Q_JOIN_ADD] = "INSERT INTO join_attempts(addr, at) VALUES (?1, ?2)",
	[Q_JOIN_COUNT] = "SELECT count(*) FROM join_attempts WHERE addr = ?1 "
	    "AND at >= ?2",
	[Q_JOIN_PURGE] = "DELETE FROM join_attempts WHERE at < ?1",
};

/* Schema changes, numbered by PRAGMA user_version: never edit one that
 * has shipped, add the next. */
static const char *const S_migrations[] = {
	/* 1 */
	"CREATE TABLE groups ("
	"  id INTEGER PRIMARY KEY,"
	"  name TEXT NOT NULL,"
	"  code TEXT NOT NULL UNIQUE,"
	"  created INTEGER NOT NULL,"
	"  archived INTEGER NOT NULL DEFAULT 0);"
	"CREATE TABLE participants ("
	"  id INTEGER PRIMARY KEY,"
	"  group_id INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,"
	"  name TEXT NOT NULL,"
	"  created INTEGER NOT NULL,"
	"  last_seen INTEGER NOT NULL,"
	"  UNIQUE (group_id, name));"
	"CREATE TABLE sessions ("
	"  token_hash BLOB PRIMARY KEY,"
	"  participant_id INTEGER NOT NULL REFERENCES participants(id)"
	"    ON DELETE CASCADE,"
	"  created INTEGER NOT NULL,"
	"  last_seen INTEGER NOT NULL) WITHOUT ROWID;"
	"CREATE INDEX sessions_participant ON sessions(participant_id);"
	"CREATE TABLE completions ("
	"  participant_id INTEGER NOT NULL REFERENCES participants(id)"
	"    ON DELETE CASCADE,"
	"  lesson TEXT NOT NULL,"
	"  done_at INTEGER NOT NULL,"
	"  PRIMARY KEY (participant_id, lesson)) WITHOUT ROWID;"
	"CREATE TABLE messages ("
	"  id INTEGER PRIMARY KEY,"
	"  group_id INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,"
	"  participant_id INTEGER NOT NULL REFERENCES participants(id)"
	"    ON DELETE CASCADE,"
	"  lesson TEXT NOT NULL,"
	"  kind TEXT NOT NULL CHECK (kind IN ('question','astuce','ressource')),"
	"  body TEXT NOT NULL,"
	"  created INTEGER NOT NULL,"
	"  edited INTEGER);"
	"CREATE INDEX messages_lesson ON messages(group_id, lesson, id);"
	"CREATE INDEX messages_author ON messages(participant_id, created);"
	"CREATE TABLE join_attempts ("
	"  addr TEXT NOT NULL,"
	"  at INTEGER NOT NULL);"
	"CREATE INDEX join_attempts_addr ON join_attempts(addr, at);",
	/* 2: purging old attempts must not read the whole table. */
	"CREATE INDEX join_attempts_at ON join_attempts(at);",
};

struct store {
	sqlite3 *db;
	sqlite3_stmt *q[Q_COUNT];
	struct timespec busy_since; /* when the current wait began */
};

/*
 * When another worker holds the write lock: wait in short steps, up to
 * STORE_BUSY_MS in all. SQLite's own busy_timeout sleeps 1, 2, 5, 10…
 * up to 100 ms between tries, while a write here holds the lock for
 * well under a millisecond: under load a request slept for tens of
 * milliseconds behind a lock long free (the bench saw a p99 of 160 ms
 * for POST /done).
 */
static int
S_busy(void *arg, int n)
{
	store *s = arg;
	struct timespec now, nap;
	long long waited;

	clock_gettime(CLOCK_MONOTONIC, &now);
	if (n == 0)
		s->busy_since = now;
	waited = (long long)(now.tv_sec - s->busy_since.tv_sec) * 1000 +
	    (now.tv_nsec - s->busy_since.tv_nsec) / 1000000;
	if (waited >= STORE_BUSY_MS)
		return 0;
	/* 50 µs, growing to 1 ms. */
	nap.tv_sec = 0;
	nap.tv_nsec = 50000L * (n < 20 ? n + 1 : 20);
	nanosleep(&nap, NULL);
	return 1;
}

const char *
store_error(const store *s)
{
	return s && s->db ? sqlite3_errmsg(s->db) : "no database";
}

static int
S_code(int rc)
{
	switch (rc & 0xff) {
	case SQLITE_OK:
	case SQLITE_DONE:
	case SQLITE_ROW:
		return STORE_OK;
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return STORE_BUSY;
	case SQLITE_CONSTRAINT:
		return STORE_TAKEN;
	case SQLITE_FULL:
		return STORE_FULL;
	default:
		return STORE_ERROR;
	}
}

static int
S_migrate(store *s, char *err, size_t errsz)
{
	sqlite3_stmt *st;
	int version = 0, n = (int)(sizeof S_migrations / sizeof *S_migrations);
	char *e = NULL;

	/* Several workers may start at once: each migration reads the
	 * version inside its write transaction, so it runs once. */
	for (;;) {
		char pragma[64];

		if (sqlite3_exec(s->db, "BEGIN IMMEDIATE", NULL, NULL, &e)) {
			snprintf(err, errsz, "migration: %s", e ? e : "?");
			sqlite3_free(e);
			return -1;
		}
		if (sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &st,
		    NULL) != SQLITE_OK) {
			sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
			return -1;
		}
		version = sqlite3_step(st) == SQLITE_ROW ?
		    sqlite3_column_int(st, 0) : 0;
		sqlite3_finalize(st);
		if (version >= n) {
			sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL);
			if (version > n) {
				snprintf(err, errsz, "database version %d is "
				    "newer than this program (%d)", version, n);
				return -1;
			}
			return 0;
		}
		snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d",
		    version + 1);
		if (sqlite3_exec(s->db, S_migrations[version], NULL, NULL, &e) ||
		    sqlite3_exec(s->db, pragma, NULL, NULL, &e) ||
		    sqlite3_exec(s->db, "COMMIT", NULL, NULL, &e)) {
			snprintf(err, errsz, "migration %d: %s", version + 1,
			    e ? e : "?");
			sqlite3_free(e);
			sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
			return -1;
		}
	}
	return 0;
}

/*
 * After every commit, in the connection that made it, once SQLite has
 * written the commit's frames to the write-ahead log and let go of the
 * write lock: flush the log to the disk before the request is answered.
 *
 * With synchronous = FULL SQLite flushes while it holds the lock, so
 * workers flush one after another, one commit per flush (about 1 ms
 * here). Flushing after the lock is released lets the workers' flushes
 * overlap, and the file system folds overlapping flushes of one file
 * into one: a group commit, across processes, with every commit still
 * on disk before its answer. SQLite runs this hook only in WAL mode.
 *
 * The hook replaces SQLite's automatic checkpoint, so it checkpoints
 * too, at SQLite's default size (1000 pages). An error here reaches the
 * statement that committed: the request fails, it is not acknowledged.
 */
#define STORE_CHECKPOINT_PAGES 1000

static int
S_commit_hook(void *arg, sqlite3 *db, const char *name, int pages)
{
	const char *file = sqlite3_db_filename(db, name);
	char wal[4096];
	int fd, rc = SQLITE_OK;

	(void)arg;
	if (file == NULL || *file == '\0' ||
	    (size_t)snprintf(wal, sizeof wal, "%s-wal", file) >= sizeof wal)
		return SQLITE_IOERR_FSYNC;
	fd = open(wal, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || fdatasync(fd) < 0)
		rc = SQLITE_IOERR_FSYNC;
	if (fd >= 0)
		close(fd);
	if (rc == SQLITE_OK && pages >= STORE_CHECKPOINT_PAGES)
		sqlite3_wal_checkpoint_v2(db, name, SQLITE_CHECKPOINT_PASSIVE,
		    NULL, NULL);
	return rc;
}

int
store_open(store **out, const char *path, char *err, size_t errsz)
{
	store *s = mem_alloc(NULL, sizeof *s);
	char *e = NULL;
	int i;

	memset(s, 0, sizeof *s);
	*out = NULL;
	if (sqlite3_open_v2(path, &s->db, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		snprintf(err, errsz, "%s: %s", path, store_error(s));
		store_close(s);
		return STORE_ERROR;
	}
	sqlite3_busy_handler(s->db, S_busy, s);
	/* WAL: readers never wait for the writer. A commit is on disk
	 * before we answer, but flushed by S_commit_hook once the write
	 * lock is free (synchronous = NORMAL leaves that flush to us). */
	sqlite3_wal_hook(s->db, S_commit_hook, s);
	if (sqlite3_exec(s->db, "PRAGMA journal_mode = WAL;"
	    "PRAGMA synchronous = NORMAL;"
	    "PRAGMA foreign_keys = ON;", NULL, NULL, &e) != SQLITE_OK) {
		snprintf(err, errsz, "%s: %s", path, e ? e : "?");
		sqlite3_free(e);
		store_close(s);
		return STORE_ERROR;
	}
	if (S_migrate(s, err, errsz) < 0) {
		store_close(s);
		return STORE_ERROR;
	}
	for (i = 0; i < Q_COUNT; i++) {
		if (sqlite3_prepare_v3(s->db, S_sql[i], -1,
		    SQLITE_PREPARE_PERSISTENT, &s->q[i], NULL) != SQLITE_OK) {
			snprintf(err, errsz, "statement %d: %s", i,
			    store_error(s));
			store_close(s);
			return STORE_ERROR;
		}
	}
	*out = s;
	return STORE_OK;
}

void
store_close(store *s)
{
	int i;

	if (s == NULL)
		return;
	for (i = 0; i < Q_COUNT; i++)
		sqlite3_finalize(s->q[i]);
	sqlite3_close(s->db);
	free(s);
}

/* Reset a statement and bind its first parameters; returns it. */
static int S_count(sqlite3_stmt *st, long long *n);

static sqlite3_stmt *
S_q(store *s, int k)
{
	sqlite3_stmt *st = s->q[k];

	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return st;
}

/* Run a statement that returns no row. */
static int
S_exec(sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);

	sqlite3_reset(st);
	return S_code(rc);
}

static int
S_begin(store *s)
{
	return S_exec(S_q(s, Q_BEGIN));
}

static int
S_end(store *s, int rc)
{
	if (rc == STORE_OK && (rc = S_exec(S_q(s, Q_COMMIT))) == STORE_OK)
		return STORE_OK;
	S_exec(S_q(s, Q_ROLLBACK));
	return rc;
}

int
store_health(store *s)
{
	sqlite3_stmt *st = S_q(s, Q_HEALTH);
	int rc = sqlite3_step(st);

	sqlite3_reset(st);
	return rc == SQLITE_ROW ? STORE_OK : S_code(rc);
}

static void
S_text(sqlite3_stmt *st, int i, const char *v)
{
	sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT);
}

int
store_group_add(store *s, const char *name, const char *code,
	long long *id)
{
	sqlite3_stmt *st = S_q(s, Q_GROUP_ADD);
	int rc;

	S_text(st, 1, name);
	S_text(st, 2, code);
	rc = S_exec(st);
	if (rc == STORE_OK)
		*id = sqlite3_last_insert_rowid(s->db);
	return rc;
}

int
store_group_find(store *s, const char *code, long long *gid)
{
	sqlite3_stmt *st = S_q(s, Q_GROUP_FIND);
	int rc;

	S_text(st, 1, code);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*gid = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? STORE_OK : rc == SQLITE_DONE ? STORE_NONE :
	    S_code(rc);
}

int
store_group_list(store *s, int (*fn)(void *, const store_group *), void *ctx)
{
	sqlite3_stmt *st = S_q(s, Q_GROUP_LIST);
	store_group g;
	int rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		g.id = sqlite3_column_int64(st, 0);
		g.name = (const char *)sqlite3_column_text(st, 1);
		g.code = (const char *)sqlite3_column_text(st, 2);
		g.members = sqlite3_column_int64(st, 3);
		if (fn(ctx, &g) != 0)
			break;
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? STORE_OK : S_code(rc);
}

static void
S_copy(char *dst, size_t n, const unsigned char *src)
{
	snprintf(dst, n, "%s", src ? (const char *)src : "");
}

int
store_join(store *s, long long gid, const char *name,
	const unsigned char hash[STORE_HASH_LEN], store_who *who)
{
	sqlite3_stmt *st;
	char try[256]; /* a 40-character name is at most 160 bytes */
	long long now = (long long)time(NULL);
	int k, rc;

	if ((rc = S_begin(s)) != STORE_OK)
		return rc;
	/* Awa, then Awa 2, Awa 3… */
	for (k = 1; k < 1000; k++) {
		if (k == 1)
			snprintf(try, sizeof try, "%s", name);
		else
			snprintf(try, sizeof try, "%s %d", name, k);
		st = S_q(s, Q_NAME_TAKEN);
		sqlite3_bind_int64(st, 1, gid);
		S_text(st, 2, try);
		rc = sqlite3_step(st);
		sqlite3_reset(st);
		if (rc == SQLITE_DONE)
			break;
		if (rc != SQLITE_ROW)
			return S_end(s, S_code(rc));
	}
	st = S_q(s, Q_PART_ADD);
	sqlite3_bind_int64(st, 1, gid);
	S_text(st, 2, try);
	sqlite3_bind_int64(st, 3, now);
	if ((rc = S_exec(st)) != STORE_OK)
		return S_end(s, rc);
	who->pid = sqlite3_last_insert_rowid(s->db);
	who->gid = gid;
	S_copy(who->name, sizeof who->name, (const unsigned char *)try);
	who->group[0] = '\0';
	st = S_q(s, Q_SESSION_ADD);
	sqlite3_bind_blob(st, 1, hash, STORE_HASH_LEN, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, who->pid);
	sqlite3_bind_int64(st, 3, now);
	return S_end(s, S_exec(st));
}

int
store_session(store *s, const unsigned char hash[STORE_HASH_LEN],
	long long now, store_who *who)
{
	sqlite3_stmt *st = S_q(s, Q_SESSION_GET);
	long long seen = 0;
	int rc;

	sqlite3_bind_blob(st, 1, hash, STORE_HASH_LEN, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		who->pid = sqlite3_column_int64(st, 0);
		who->gid = sqlite3_column_int64(st, 1);
		S_copy(who->name, sizeof who->name, sqlite3_column_text(st, 2));
		S_copy(who->group, sizeof who->group,
		    sqlite3_column_text(st, 3));
		seen = sqlite3_column_int64(st, 4);
	}
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return STORE_NONE;
	if (rc != SQLITE_ROW)
		return S_code(rc);
	/* "Last visit" for trainers: a write at most every 5 minutes. */
	if (now - seen >= 300) {
		st = S_q(s, Q_SESSION_SEEN);
		sqlite3_bind_int64(st, 1, who->pid);
		sqlite3_bind_int64(st, 2, now);
		S_exec(st);
	}
	return STORE_OK;
}

int
store_forget(store *s, long long pid)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = S_begin(s)) != STORE_OK)
		return rc;
	st = S_q(s, Q_FORGET_MSG);
	sqlite3_bind_int64(st, 1, pid);
	if ((rc = S_exec(st)) != STORE_OK)
		return S_end(s, rc);
	/* Sessions and completions go with the participant (cascade). */
	st = S_q(s, Q_FORGET);
	sqlite3_bind_int64(st, 1, pid);
	return S_end(s, S_exec(st));
}

int
store_logout(store *s, const unsigned char hash[STORE_HASH_LEN])
{
	sqlite3_stmt *st = S_q(s, Q_LOGOUT);

	sqlite3_bind_blob(st, 1, hash, STORE_HASH_LEN, SQLITE_TRANSIENT);
	return S_exec(st);
}

int
store_done(store *s, long long pid, const char *lesson, int undo,
	long long now)
{
	sqlite3_stmt *st = S_q(s, undo ? Q_DONE_DEL : Q_DONE_ADD);

	sqlite3_bind_int64(st, 1, pid);
	S_text(st, 2, lesson);
	if (!undo)
		sqlite3_bind_int64(st, 3, now);
	return S_exec(st);
}

int
store_done_list(store *s, long long pid,
	int (*fn)(void *, const char *, long long), void *ctx)
{
	sqlite3_stmt *st = S_q(s, Q_DONE_LIST);
	int rc;

	sqlite3_bind_int64(st, 1, pid);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if (fn(ctx, (const char *)sqlite3_column_text(st, 0),
		    sqlite3_column_int64(st, 1)) != 0)
			break;
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? STORE_OK : S_code(rc);
}

/*
 * Inside a write transaction: run the count st; at max or more, end the
 * transaction writing nothing and return STORE_LIMIT (so that a refused
 * request costs no write); on a failure end it too.
 */
static int
S_limit(store *s, sqlite3_stmt *st, int max)
{
	long long n = 0;
	int rc;

	if ((rc = S_count(st, &n)) != STORE_OK)
		return S_end(s, rc);
	if (n >= max) {
		S_end(s, STORE_ERROR);
		return STORE_LIMIT;
	}
	return STORE_OK;
}

int
store_msg_add(store *s, long long gid, long long pid, const char *lesson,
	const char *kind, const char *body, long long now, long long since,
	int max, long long *id)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = S_begin(s)) != STORE_OK)
		return rc;
	st = S_q(s, Q_MSG_COUNT);
	sqlite3_bind_int64(st, 1, pid);
	sqlite3_bind_int64(st, 2, since);
	if ((rc = S_limit(s, st, max)) != STORE_OK)
		return rc;
	st = S_q(s, Q_MSG_ADD);
	sqlite3_bind_int64(st, 1, gid);
	sqlite3_bind_int64(st, 2, pid);
	S_text(st, 3, lesson);
	S_text(st, 4, kind);
	S_text(st, 5, body);
	sqlite3_bind_int64(st, 6, now);
	if ((rc = S_exec(st)) == STORE_OK)
		*id = sqlite3_last_insert_rowid(s->db);
	return S_end(s, rc);
}

static void
S_row_msg(sqlite3_stmt *st, store_msg *m)
{
	m->id = sqlite3_column_int64(st, 0);
	m->pid = sqlite3_column_int64(st, 1);
	m->author = (const char *)sqlite3_column_text(st, 2);
	m->lesson = (const char *)sqlite3_column_text(st, 3);
	m->kind = (const char *)sqlite3_column_text(st, 4);
	m->body = (const char *)sqlite3_column_text(st, 5);
	m->created = sqlite3_column_int64(st, 6);
	m->edited = sqlite3_column_int64(st, 7);
}

int
store_msg_list(store *s, long long gid, const char *lesson, int limit,
	int (*fn)(void *, const store_msg *), void *ctx)
{
	sqlite3_stmt *st = S_q(s, lesson ? Q_MSG_LESSON : Q_MSG_GROUP);
	store_msg m;
	int rc;

	sqlite3_bind_int64(st, 1, gid);
	if (lesson != NULL)
		S_text(st, 2, lesson);
	sqlite3_bind_int(st, 3, limit);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		S_row_msg(st, &m);
		if (fn(ctx, &m) != 0)
			break;
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? STORE_OK : S_code(rc);
}

int
store_msg_get(store *s, long long id, long long gid, store_msg *m,
	char *body, size_t bodysz)
{
	sqlite3_stmt *st = S_q(s, Q_MSG_GET);
	int rc;

	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, gid);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		S_row_msg(st, m);
		S_copy(body, bodysz, (const unsigned char *)m->body);
		m->body = body;
		m->author = m->lesson = m->kind = NULL;
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? STORE_OK : rc == SQLITE_DONE ? STORE_NONE :
	    S_code(rc);
}

int
store_msg_edit(store *s, long long id, long long pid, long long since,
	const char *body, long long now)
{
	sqlite3_stmt *st = S_q(s, Q_MSG_EDIT);
	int rc;

	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, pid);
	sqlite3_bind_int64(st, 3, since);
	S_text(st, 4, body);
	sqlite3_bind_int64(st, 5, now);
	rc = S_exec(st);
	if (rc == STORE_OK && sqlite3_changes(s->db) == 0)
		return STORE_NONE;
	return rc;
}

int
store_msg_delete(store *s, long long id, long long pid, long long since)
{
	sqlite3_stmt *st = S_q(s, Q_MSG_DEL);
	int rc;

	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, pid);
	sqlite3_bind_int64(st, 3, since);
	rc = S_exec(st);
	if (rc == STORE_OK && sqlite3_changes(s->db) == 0)
		return STORE_NONE;
	return rc;
}

static int
S_count(sqlite3_stmt *st, long long *n)
{
	int rc = sqlite3_step(st);

	if (rc == SQLITE_ROW)
		*n = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? STORE_OK : S_code(rc);
}

int
store_join_attempt(store *s, const char *addr, long long now,
	long long since, int max)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = S_begin(s)) != STORE_OK)
		return rc;
	st = S_q(s, Q_JOIN_PURGE);
	sqlite3_bind_int64(st, 1, since);
	if ((rc = S_exec(st)) != STORE_OK)
		return S_end(s, rc);
	st = S_q(s, Q_JOIN_COUNT);
	S_text(st, 1, addr);
	sqlite3_bind_int64(st, 2, since);
	if ((rc = S_limit(s, st, max)) != STORE_OK)
		return rc;
	st = S_q(s, Q_JOIN_ADD);
	S_text(st, 1, addr);
	sqlite3_bind_int64(st, 2, now);
	return S_end(s, S_exec(st));
}

int
store_backup(store *s, const char *path)
{
	sqlite3 *dst;
	sqlite3_backup *b;
	int rc, waited = 0;

	if (sqlite3_open(path, &dst) != SQLITE_OK) {
		sqlite3_close(dst);
		return STORE_ERROR;
	}
	b = sqlite3_backup_init(dst, "main", s->db, "main");
	if (b == NULL) {
		sqlite3_close(dst);
		return STORE_ERROR;
	}
	/* A destination held by another program must not make the backup
	 * wait forever: as long as the busy timeout, then STORE_BUSY. */
	do {
		rc = sqlite3_backup_step(b, 256);
		if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
			if ((waited += 50) > STORE_BUSY_MS)
				break;
			sqlite3_sleep(50);
		}
	} while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
	sqlite3_backup_finish(b);
	rc = rc == SQLITE_DONE ? sqlite3_errcode(dst) : rc;
	sqlite3_close(dst);
	return S_code(rc);
}
