#include "store.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "../common/buf.h"
#include "../common/text.h"
#include "names.h"

#define STORE_BUSY_MS 5000
#define STORE_PRAGMA_SIZE 64  /* one PRAGMA statement */
#define STORE_PATH_SIZE 4096  /* the -wal file's path */

/* The columns of a message row (S_row_msg); ?4 is the participant who
 * reads, for "reported by me" and "my reactions". A trainer's message
 * shows the trainer's title as its author. */
#define MSG_COLS "m.id, coalesce(m.participant_id, 0), CASE WHEN " \
	"m.trainer_id IS NOT NULL THEN coalesce(t.title, '') ELSE " \
	"coalesce(p.name, '') END, m.lesson, m.kind, m.body, m.created, " \
	"m.edited, m.state, " \
	"(SELECT count(*) FROM reports r WHERE r.message_id = m.id), " \
	"EXISTS (SELECT 1 FROM reports r WHERE r.message_id = m.id AND " \
	"r.participant_id = ?4), coalesce(m.parent_id, 0), " \
	"coalesce(m.trainer_id, 0), coalesce(m.solved_at, 0), " \
	"coalesce(m.helpful_id, 0), m.pinned, " \
	"(SELECT count(*) FROM reactions x WHERE x.message_id = m.id AND " \
	"x.kind = 0), (SELECT count(*) FROM reactions x WHERE " \
	"x.message_id = m.id AND x.kind = 1), (SELECT count(*) FROM " \
	"reactions x WHERE x.message_id = m.id AND x.kind = 2), " \
	"(SELECT coalesce(sum(1 << x.kind), 0) FROM reactions x WHERE " \
	"x.message_id = m.id AND x.participant_id = ?4), " \
	"(SELECT count(*) FROM messages c WHERE c.parent_id = m.id AND " \
	"c.state = 0), coalesce(ph.id, 0), coalesce(ph.width, 0), " \
	"coalesce(ph.height, 0), coalesce(ph.alt, ''), coalesce(ph.bytes, 0)"
#define MSG_FROM " FROM messages m LEFT JOIN participants p ON p.id = " \
	"m.participant_id LEFT JOIN trainers t ON t.id = m.trainer_id " \
	"LEFT JOIN photos ph ON ph.message_id = m.id "
/* Shown to participant ?4: shown messages, and their own in any state. */
#define MSG_SEEN "(m.state = 0 OR m.participant_id = ?4)"
/* The columns of a group row (S_row_group). */
/* The groups a report counts (store_scope): ?1 one group, else ?2 a
 * trainer's, else (both 0) every group; col is a group id column. */
#define REPORT_IN(col) "((?1 > 0 AND " col " = ?1) OR (?1 = 0 AND " \
	"(?2 = 0 OR " col " IN (SELECT group_id FROM trainer_groups WHERE " \
	"trainer_id = ?2))))"
/* ?3 <= col < ?4: within the report's period. */
#define REPORT_WHEN(col) " AND " col " >= ?3 AND " col " < ?4"
#define GROUP_COLS "g.id, g.name, g.code, (SELECT count(*) FROM " \
	"participants p WHERE p.group_id = g.id), g.archived, g.hold_links, " \
	"g.photos"

/* Every statement, prepared once when the store opens. */
enum {
	Q_BEGIN, Q_COMMIT, Q_ROLLBACK, Q_HEALTH,
	Q_GROUP_ADD, Q_GROUP_FIND, Q_GROUP_LIST,
	Q_NAME_TAKEN, Q_PART_ADD, Q_SESSION_ADD, Q_SESSION_GET,
	Q_SESSION_SEEN, Q_FORGET_MSG, Q_FORGET, Q_LOGOUT,
	Q_DONE_ADD, Q_DONE_DEL, Q_DONE_LIST,
	Q_MSG_LESSON, Q_MSG_GROUP, Q_MSG_EDIT,
	Q_MSG_DEL, Q_MSG_DEL_KEEP, Q_MSG_COUNT,
	Q_JOIN_ADD, Q_JOIN_COUNT, Q_JOIN_PURGE,
	Q_MSG_VISIBLE, Q_REPORT_ADD,
	Q_TRAINER_ADD, Q_TRAINER_FIND, Q_TRAINER_PASSWD, Q_TRAINER_REMOVE,
	Q_GROUP_EXISTS, Q_TRAINER_FOLLOW,
	Q_TSESSION_ADD, Q_TSESSION_GET, Q_TSESSION_SEEN, Q_TSESSION_DEL,
	Q_TSESSION_REVOKE, Q_NAME_LOOKALIKE,
	Q_FAIL_COUNT, Q_FAIL_ADD, Q_FAIL_CLEAR, Q_FAIL_PURGE,
	Q_TGROUPS, Q_TGROUP_GET, Q_GROUP_RENAME, Q_GROUP_ARCHIVE, Q_GROUP_CODE,
	Q_GROUP_HOLD,
	Q_MEMBERS, Q_GROUP_DONE, Q_MEMBER_GET, Q_MEMBER_RENAME,
	Q_LINK_CLEAR, Q_LINK_GET, Q_LINK_DEL,
	Q_MOD_LIST, Q_MSG_IN_GROUP, Q_MOD_STATE, Q_MOD_DELETE, Q_MOD_DISMISS,
	Q_PURGE_MSG, Q_PURGE_PEOPLE, Q_PURGE_SESSIONS, Q_PURGE_TSESSIONS,
	Q_PURGE_LINKS,
	Q_MSG_ROOT, Q_MSG_POST, Q_MSG_ROOTS, Q_MSG_PINNED, Q_MSG_REPLIES,
	Q_MSG_WALL, Q_REACT_DEL, Q_REACT_ADD, Q_REACT_COUNT, Q_REACTORS,
	Q_MSG_SOLVE, Q_MSG_PIN, Q_VISIT_GET, Q_VISIT_SET, Q_MAX_ID,
	Q_STAT_UNREAD, Q_STAT_LESSON, Q_STAT_NEW, Q_STAT_DONE, Q_JOINED,
	Q_TRAINER_TITLE, Q_TRAINER_TITLE_SET, Q_MSG_LESSONS,
	Q_PHOTO_ADD, Q_PHOTO_GET, Q_PHOTO_DEL_MSG, Q_FORGET_PHOTOS,
	Q_PURGE_PHOTOS, Q_GROUP_PHOTOS,
	Q_PART_FIND, Q_PART_CODE, Q_SESSION_TOUCH, Q_SESSION_EXPIRE,
	Q_SESSIONS, Q_SESSION_END_ID, Q_SESSION_END_ALL,
	Q_MERGE_CHECK, Q_MERGE_DONE, Q_MERGE_MSG, Q_MERGE_REACT, Q_MERGE_REPORT,
	Q_MERGE_VISIT, Q_MERGE_SESS, Q_MERGE_PART,
	Q_TRAINER_SEEN, Q_TRAINER_LIST, Q_GROUP_FOLLOWERS,
	Q_READ, Q_REPORT_ACTIVE, Q_REPORT_COUNTS, Q_REPORT_DONE,
	Q_QUIZ_ADD, Q_QUIZ_LAST, Q_QUIZ_STATS, Q_QUIZ_STRUGGLING, Q_QUIZ_LIST,
	Q_MERGE_QUIZ,
	Q_IDLE_GET, Q_IDLE_SET, Q_ACTIVITY, Q_UNANSWERED, Q_MEMBER_MSGS,
	Q_FAIL_FORGET, Q_FAIL_MOVE, Q_GROUP_RECENT,
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
	    "participants p WHERE p.group_id = g.id), g.archived, g.hold_links, "
	    "g.photos FROM groups g ORDER BY g.id",
	/* A name, or a look-alike of it (same skeleton), in the group. */
	[Q_NAME_TAKEN] = "SELECT 1 FROM participants WHERE group_id = ?1 AND "
	    "(name = ?2 OR skeleton = eystime_skeleton(?2))",
	[Q_PART_ADD] = "INSERT INTO participants(group_id, name, created, "
	    "last_seen, skeleton) VALUES (?1, ?2, ?3, ?3, "
	    "eystime_skeleton(?2))",
	[Q_SESSION_ADD] = "INSERT INTO sessions(token_hash, participant_id, "
	    "created, last_seen, device) VALUES (?1, ?2, ?3, ?3, ?4)",
	[Q_SESSION_GET] = "SELECT p.id, p.group_id, p.name, g.name, "
	    "p.last_seen, g.hold_links, g.photos, s.last_seen, g.code FROM "
	    "sessions s "
	    "JOIN participants p ON p.id = s.participant_id JOIN groups g ON "
	    "g.id = p.group_id WHERE s.token_hash = ?1 AND g.archived = 0",
	[Q_SESSION_SEEN] = "UPDATE participants SET last_seen = ?2 "
	    "WHERE id = ?1",
	[Q_FORGET_MSG] = "UPDATE messages SET participant_id = NULL, body = '', "
	    "edited = NULL WHERE participant_id = ?1",
	[Q_LOGOUT] = "DELETE FROM sessions WHERE token_hash = ?1",
	[Q_FORGET] = "DELETE FROM participants WHERE id = ?1",
	[Q_DONE_ADD] = "INSERT INTO completions(participant_id, lesson, "
	    "done_at) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING",
	[Q_DONE_DEL] = "DELETE FROM completions WHERE participant_id = ?1 "
	    "AND lesson = ?2",
	[Q_DONE_LIST] = "SELECT lesson, done_at FROM completions WHERE "
	    "participant_id = ?1 ORDER BY done_at, lesson",
	/* The newest ?3, oldest first: a flood of old messages must not
	 * hide a new question. ?4: the participant who reads. */
	[Q_MSG_LESSON] = "SELECT * FROM (SELECT " MSG_COLS MSG_FROM
	    "WHERE m.group_id = ?1 AND m.lesson = ?2 AND (m.state = 0 OR "
	    "m.participant_id = ?4) ORDER BY m.id DESC LIMIT ?3) ORDER BY 1",
	[Q_MSG_GROUP] = "SELECT " MSG_COLS MSG_FROM "WHERE m.group_id = ?1 "
	    "AND (m.state = 0 OR m.participant_id = ?4) "
	    "ORDER BY m.id DESC LIMIT ?3",
	/* ?6: the new text must wait for a trainer (a link, in a group
	 * that holds them); a hidden message stays hidden. */
	[Q_MSG_EDIT] = "UPDATE messages SET body = ?4, edited = ?5, state = "
	    "CASE WHEN ?6 AND state = 0 THEN 2 ELSE state END WHERE "
	    "id = ?1 AND participant_id = ?2 AND created >= ?3",
	[Q_MSG_DEL] = "DELETE FROM messages WHERE id = ?1 AND "
	    "participant_id = ?2 AND created >= ?3",
	/* A question that has answers is not deleted (its answers would
	 * go with it, ON DELETE CASCADE): it becomes "message supprimé". */
	[Q_MSG_DEL_KEEP] = "UPDATE messages SET participant_id = NULL, "
	    "body = '', edited = NULL WHERE id = ?1 AND participant_id = ?2 "
	    "AND created >= ?3 AND EXISTS (SELECT 1 FROM messages c WHERE "
	    "c.parent_id = ?1)",
	[Q_MSG_COUNT] = "SELECT count(*) FROM messages WHERE "
	    "participant_id = ?1 AND created >= ?2",
	[Q_JOIN_ADD] = "INSERT INTO join_attempts(addr, at) VALUES (?1, ?2)",
	[Q_JOIN_COUNT] = "SELECT count(*) FROM join_attempts WHERE addr = ?1 "
	    "AND at >= ?2",
	[Q_JOIN_PURGE] = "DELETE FROM join_attempts WHERE at < ?1",
	[Q_MSG_VISIBLE] = "SELECT coalesce(participant_id, 0) FROM messages "
	    "WHERE id = ?1 AND group_id = ?2 AND state = 0",
	[Q_REPORT_ADD] = "INSERT OR IGNORE INTO reports(message_id, "
	    "participant_id, at) VALUES (?1, ?2, ?3)",
	[Q_TRAINER_ADD] = "INSERT INTO trainers(login, pwhash, created) "
	    "VALUES (?1, ?2, strftime('%s','now'))",
	[Q_TRAINER_FIND] = "SELECT id, pwhash FROM trainers WHERE login = ?1",
	[Q_TRAINER_PASSWD] = "UPDATE trainers SET pwhash = ?2 WHERE id = ?1",
	[Q_TRAINER_REMOVE] = "DELETE FROM trainers WHERE login = ?1",
	[Q_GROUP_EXISTS] = "SELECT 1 FROM groups WHERE id = ?1",
	[Q_TRAINER_FOLLOW] = "INSERT OR IGNORE INTO trainer_groups(trainer_id, "
	    "group_id) VALUES (?1, ?2)",
	[Q_TSESSION_ADD] = "INSERT INTO trainer_sessions(token_hash, "
	    "trainer_id, created, last_seen) VALUES (?1, ?2, ?3, ?3)",
	[Q_TSESSION_GET] = "SELECT s.trainer_id, t.login, s.created, "
	    "s.last_seen FROM trainer_sessions s JOIN trainers t ON t.id = "
	    "s.trainer_id WHERE s.token_hash = ?1",
	[Q_TSESSION_SEEN] = "UPDATE trainer_sessions SET last_seen = ?2 "
	    "WHERE token_hash = ?1",
	[Q_TSESSION_DEL] = "DELETE FROM trainer_sessions WHERE token_hash = ?1",
	[Q_TSESSION_REVOKE] = "DELETE FROM trainer_sessions WHERE "
	    "trainer_id = ?1",
	[Q_FAIL_COUNT] = "SELECT count(*), coalesce(max(at), 0) FROM "
	    "login_failures WHERE key = ?1 AND at >= ?2",
	[Q_FAIL_ADD] = "INSERT INTO login_failures(key, at) VALUES (?1, ?2)",
	[Q_FAIL_CLEAR] = "DELETE FROM login_failures WHERE key = ?1",
	[Q_FAIL_PURGE] = "DELETE FROM login_failures WHERE at < ?1",
	[Q_TGROUPS] = "SELECT " GROUP_COLS " FROM groups g JOIN trainer_groups "
	    "t ON t.group_id = g.id WHERE t.trainer_id = ?1 "
	    "ORDER BY g.archived, g.name, g.id",
	[Q_TGROUP_GET] = "SELECT " GROUP_COLS " FROM groups g JOIN "
	    "trainer_groups t ON t.group_id = g.id WHERE t.trainer_id = ?1 "
	    "AND g.id = ?2",
	[Q_GROUP_RENAME] = "UPDATE groups SET name = ?2 WHERE id = ?1",
	[Q_GROUP_ARCHIVE] = "UPDATE groups SET archived = ?2 WHERE id = ?1",
	[Q_GROUP_CODE] = "UPDATE groups SET code = ?2 WHERE id = ?1",
	[Q_GROUP_HOLD] = "UPDATE groups SET hold_links = ?2 WHERE id = ?1",
	[Q_MEMBERS] = "SELECT id, name, created, last_seen, code_hash IS NOT "
	    "NULL FROM participants "
	    "WHERE group_id = ?1 ORDER BY name COLLATE NOCASE, id LIMIT ?2",
	[Q_GROUP_DONE] = "SELECT c.participant_id, c.lesson, c.done_at FROM "
	    "completions c JOIN participants p ON p.id = c.participant_id "
	    "WHERE p.group_id = ?1",
	[Q_MEMBER_GET] = "SELECT p.id, p.group_id, p.name, g.name, "
	    "p.last_seen, g.hold_links, g.photos FROM participants p JOIN "
	    "groups g ON "
	    "g.id = p.group_id WHERE p.id = ?1 AND p.group_id = ?2",
	/* Someone else of the group whose name looks the same. */
	[Q_NAME_LOOKALIKE] = "SELECT 1 FROM participants WHERE group_id = ?1 "
	    "AND id <> ?2 AND skeleton = eystime_skeleton(?3)",
	[Q_MEMBER_RENAME] = "UPDATE participants SET name = ?3, skeleton = "
	    "eystime_skeleton(?3) WHERE id = ?1 AND group_id = ?2",
	[Q_LINK_CLEAR] = "DELETE FROM login_links WHERE participant_id = ?1",
	[Q_LINK_GET] = "SELECT p.id, p.group_id, p.name, g.name, p.last_seen, "
	    "g.hold_links, g.photos FROM login_links l JOIN participants p ON p.id = "
	    "l.participant_id JOIN groups g ON g.id = p.group_id WHERE "
	    "l.token_hash = ?1 AND l.expires > ?2 AND g.archived = 0",
	[Q_LINK_DEL] = "DELETE FROM login_links WHERE token_hash = ?1",
	[Q_MOD_LIST] = "SELECT " MSG_COLS MSG_FROM "WHERE m.group_id = ?1 "
	    "AND (?2 = 0 OR (?2 = 1 AND EXISTS (SELECT 1 FROM reports r WHERE "
	    "r.message_id = m.id)) OR (?2 = 2 AND m.state = 2)) "
	    "ORDER BY m.id DESC LIMIT ?3",
	[Q_MSG_IN_GROUP] = "SELECT 1 FROM messages WHERE id = ?1 AND "
	    "group_id = ?2",
	[Q_MOD_STATE] = "UPDATE messages SET state = ?3 WHERE id = ?1 AND "
	    "group_id = ?2",
	[Q_MOD_DELETE] = "DELETE FROM messages WHERE id = ?1 AND group_id = ?2",
	[Q_MOD_DISMISS] = "DELETE FROM reports WHERE message_id = ?1",
	[Q_PURGE_MSG] = "UPDATE messages SET participant_id = NULL, body = '', "
	    "edited = NULL WHERE participant_id IN (SELECT id FROM "
	    "participants WHERE last_seen < ?1)",
	[Q_PURGE_PEOPLE] = "DELETE FROM participants WHERE last_seen < ?1",
	[Q_PURGE_SESSIONS] = "DELETE FROM sessions WHERE last_seen < ?1",
	[Q_PURGE_TSESSIONS] = "DELETE FROM trainer_sessions WHERE "
	    "last_seen < ?1 OR created < ?2",
	[Q_PURGE_LINKS] = "DELETE FROM login_links WHERE expires <= ?1",
	/* What a reply attaches to: the root of a visible message of the
	 * group (one level: a reply to a reply goes to its question). */
	[Q_MSG_ROOT] = "SELECT coalesce(parent_id, id), lesson, kind FROM "
	    "messages WHERE id = (SELECT coalesce(parent_id, id) FROM "
	    "messages WHERE id = ?1 AND group_id = ?2 AND state = 0) AND "
	    "state = 0",
	[Q_MSG_POST] = "INSERT INTO messages(group_id, participant_id, "
	    "trainer_id, parent_id, lesson, kind, body, created, state) "
	    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
	/* One page of a discussion's questions: the newest first, ?3 of
	 * them after ?5; pinned ones come apart (Q_MSG_PINNED). */
	[Q_MSG_ROOTS] = "SELECT " MSG_COLS MSG_FROM "WHERE m.group_id = ?1 "
	    "AND m.lesson = ?2 AND m.parent_id IS NULL AND m.pinned = 0 AND "
	    MSG_SEEN " ORDER BY m.id DESC LIMIT ?3 OFFSET ?5",
	/* ?2 NULL: the whole group's. */
	[Q_MSG_PINNED] = "SELECT " MSG_COLS MSG_FROM "WHERE m.group_id = ?1 "
	    "AND (?2 IS NULL OR m.lesson = ?2) AND m.parent_id IS NULL AND "
	    "m.pinned = 1 AND m.state = 0 ORDER BY m.id DESC LIMIT ?3",
	[Q_MSG_REPLIES] = "SELECT * FROM (SELECT " MSG_COLS MSG_FROM
	    "WHERE m.parent_id = ?1 AND " MSG_SEEN " ORDER BY m.id DESC "
	    "LIMIT ?3) ORDER BY 1",
	/* "Mon groupe": open questions first, then by last activity. */
	[Q_MSG_WALL] = "SELECT " MSG_COLS MSG_FROM "WHERE m.group_id = ?1 "
	    "AND m.parent_id IS NULL AND m.pinned = 0 AND m.state = 0 "
	    "ORDER BY (m.kind = 'question' AND m.solved_at IS NULL) DESC, "
	    "coalesce((SELECT max(c.id) FROM messages c WHERE c.parent_id = "
	    "m.id), m.id) DESC LIMIT ?3 OFFSET ?5",
	[Q_REACT_DEL] = "DELETE FROM reactions WHERE message_id = ?1 AND "
	    "participant_id = ?2 AND kind = ?3",
	[Q_REACT_ADD] = "INSERT INTO reactions(message_id, participant_id, "
	    "kind, at) VALUES (?1, ?2, ?3, ?4)",
	[Q_REACT_COUNT] = "SELECT count(*) FROM reactions WHERE "
	    "message_id = ?1 AND kind = ?2",
	[Q_REACTORS] = "SELECT p.name FROM reactions x JOIN participants p "
	    "ON p.id = x.participant_id WHERE x.message_id = ?1 AND "
	    "x.kind = ?2 ORDER BY x.at, p.id LIMIT ?3",
	/* ?3: the asker (0: a trainer, any question of the group); ?4 the
	 * helpful reply, one of this question's, or NULL; ?5 0 reopens. */
	[Q_MSG_SOLVE] = "UPDATE messages SET solved_at = CASE WHEN ?5 = 0 "
	    "THEN NULL ELSE ?5 END, helpful_id = CASE WHEN ?5 = 0 THEN NULL "
	    "ELSE ?4 END WHERE id = ?1 AND group_id = ?2 AND parent_id IS "
	    "NULL AND state = 0 AND (?3 = 0 OR participant_id = ?3) AND "
	    "(?4 IS NULL OR EXISTS (SELECT 1 FROM messages r WHERE r.id = ?4 "
	    "AND r.parent_id = ?1 AND r.state = 0))",
	[Q_MSG_PIN] = "UPDATE messages SET pinned = ?3 WHERE id = ?1 AND "
	    "group_id = ?2 AND parent_id IS NULL",
	[Q_VISIT_GET] = "SELECT last_id FROM visits WHERE participant_id = "
	    "?1 AND place = ?2",
	[Q_VISIT_SET] = "INSERT INTO visits(participant_id, place, last_id) "
	    "VALUES (?1, ?2, ?3) ON CONFLICT (participant_id, place) DO "
	    "UPDATE SET last_id = max(last_id, excluded.last_id)",
	/* The newest message of the group (?2 NULL) or of one lesson. */
	[Q_MAX_ID] = "SELECT coalesce(max(id), 0) FROM messages WHERE "
	    "group_id = ?1 AND (?2 IS NULL OR lesson = ?2)",
	[Q_STAT_UNREAD] = "SELECT count(*) FROM messages WHERE group_id = ?1 "
	    "AND state = 0 AND id > ?2 AND participant_id IS NOT ?3",
	[Q_STAT_LESSON] = "SELECT count(*) FROM messages WHERE group_id = ?1 "
	    "AND lesson = ?2 AND state = 0",
	[Q_STAT_NEW] = "SELECT count(*) FROM messages WHERE group_id = ?1 "
	    "AND lesson = ?2 AND state = 0 AND id > ?3 AND "
	    "participant_id IS NOT ?4",
	[Q_STAT_DONE] = "SELECT count(*) FROM completions c JOIN "
	    "participants p ON p.id = c.participant_id WHERE p.group_id = ?1 "
	    "AND c.lesson = ?2",
	[Q_JOINED] = "SELECT id, name, created, last_seen, code_hash IS NOT "
	    "NULL FROM participants "
	    "WHERE group_id = ?1 ORDER BY created DESC, id DESC LIMIT ?2",
	[Q_TRAINER_TITLE] = "SELECT coalesce(title, '') FROM trainers WHERE "
	    "id = ?1",
	[Q_TRAINER_TITLE_SET] = "UPDATE trainers SET title = ?2 WHERE "
	    "login = ?1",
	[Q_MSG_LESSONS] = "SELECT lesson, count(*), max(id) FROM messages "
	    "WHERE group_id = ?1 AND lesson <> '' GROUP BY lesson "
	    "ORDER BY max(id) DESC LIMIT ?2",
	/* Photos (migration 5): one per message, its group copied. */
	[Q_PHOTO_ADD] = "INSERT INTO photos(message_id, group_id, alt, width, "
	    "height, bytes, jpeg, created_at) VALUES (?1, ?2, ?3, ?4, ?5, "
	    "length(?6), ?6, ?7)",
	[Q_PHOTO_GET] = "SELECT ph.id, ph.message_id, ph.group_id, "
	    "coalesce(m.participant_id, 0), m.state, ph.width, ph.height, "
	    "ph.bytes, ph.jpeg FROM photos ph JOIN messages m ON m.id = "
	    "ph.message_id WHERE ph.id = ?1",
	[Q_PHOTO_DEL_MSG] = "DELETE FROM photos WHERE message_id = ?1",
	[Q_FORGET_PHOTOS] = "DELETE FROM photos WHERE message_id IN (SELECT "
	    "id FROM messages WHERE participant_id = ?1)",
	[Q_PURGE_PHOTOS] = "DELETE FROM photos WHERE message_id IN (SELECT "
	    "m.id FROM messages m JOIN participants p ON p.id = "
	    "m.participant_id WHERE p.last_seen < ?1)",
	[Q_GROUP_PHOTOS] = "UPDATE groups SET photos = ?2 WHERE id = ?1",
	/* Coming back (migration 6): a name in a group, its personal code. */
	/* The name itself first, else its look-alike. */
	[Q_PART_FIND] = "SELECT id, coalesce(code_hash, '') FROM participants "
	    "WHERE group_id = ?1 AND (name = ?2 OR skeleton = "
	    "eystime_skeleton(?2)) ORDER BY name = ?2 DESC, id LIMIT 1",
	[Q_PART_CODE] = "UPDATE participants SET code_hash = ?2 WHERE id = ?1",
	[Q_SESSION_TOUCH] = "UPDATE sessions SET last_seen = ?2, device = "
	    "CASE WHEN ?3 = '' THEN device ELSE ?3 END WHERE token_hash = ?1",
	[Q_SESSION_EXPIRE] = "DELETE FROM sessions WHERE token_hash = ?1",
	[Q_SESSIONS] = "SELECT id, device, created, last_seen, "
	    "token_hash = ?2 FROM sessions WHERE participant_id = ?1 AND "
	    "last_seen >= ?3 ORDER BY last_seen DESC LIMIT ?4",
	[Q_SESSION_END_ID] = "DELETE FROM sessions WHERE participant_id = ?1 "
	    "AND id = ?2",
	[Q_SESSION_END_ALL] = "DELETE FROM sessions WHERE participant_id = ?1",
	/* A trainer merges participant ?1 into ?2, both of group ?3: what
	 * both have is kept once (a lesson at its first date, a reaction
	 * once); what is left of ?1 goes with it (cascade). */
	[Q_MERGE_CHECK] = "SELECT count(*) FROM participants WHERE id IN "
	    "(?1, ?2) AND group_id = ?3",
	[Q_MERGE_DONE] = "INSERT INTO completions(participant_id, lesson, "
	    "done_at) SELECT ?2, lesson, done_at FROM completions WHERE "
	    "participant_id = ?1 ON CONFLICT (participant_id, lesson) DO "
	    "UPDATE SET done_at = min(done_at, excluded.done_at)",
	[Q_MERGE_MSG] = "UPDATE messages SET participant_id = ?2 WHERE "
	    "participant_id = ?1",
	[Q_MERGE_REACT] = "INSERT OR IGNORE INTO reactions(message_id, "
	    "participant_id, kind, at) SELECT message_id, ?2, kind, at FROM "
	    "reactions WHERE participant_id = ?1",
	[Q_MERGE_REPORT] = "INSERT OR IGNORE INTO reports(message_id, "
	    "participant_id, at) SELECT message_id, ?2, at FROM reports WHERE "
	    "participant_id = ?1",
	[Q_MERGE_VISIT] = "INSERT INTO visits(participant_id, place, last_id) "
	    "SELECT ?2, place, last_id FROM visits WHERE participant_id = ?1 "
	    "ON CONFLICT (participant_id, place) DO UPDATE SET last_id = "
	    "max(last_id, excluded.last_id)",
	[Q_MERGE_SESS] = "UPDATE sessions SET participant_id = ?2 WHERE "
	    "participant_id = ?1",
	[Q_MERGE_PART] = "UPDATE participants SET last_seen = max(last_seen, "
	    "(SELECT last_seen FROM participants WHERE id = ?1)), created = "
	    "min(created, (SELECT created FROM participants WHERE id = ?1)), "
	    "code_hash = coalesce(code_hash, (SELECT code_hash FROM "
	    "participants WHERE id = ?1)) WHERE id = ?2",
	/* Accounts (migration 7): the last login; the list for hosts. */
	[Q_TRAINER_SEEN] = "UPDATE trainers SET last_login = ?2 WHERE id = ?1",
	[Q_TRAINER_LIST] = "SELECT t.login, coalesce((SELECT "
	    "group_concat(group_id, ',') FROM (SELECT group_id FROM "
	    "trainer_groups WHERE trainer_id = t.id ORDER BY group_id)), ''), "
	    "coalesce(t.last_login, 0) FROM trainers t ORDER BY t.login",
	[Q_GROUP_FOLLOWERS] = "SELECT count(*) FROM trainer_groups WHERE "
	    "group_id = ?1",
	/* A read that must see one state of the database (no write lock). */
	[Q_READ] = "BEGIN DEFERRED",
	/* The funders' report (cgi/report.c): ?1 ?2 the scope, ?3 ?4 the
	 * period. Active: a participant who did something in it. */
	[Q_REPORT_ACTIVE] = "SELECT count(DISTINCT pid), count(DISTINCT gid) "
	    "FROM (SELECT c.participant_id AS pid, p.group_id AS gid FROM "
	    "completions c JOIN participants p ON p.id = c.participant_id "
	    "WHERE " REPORT_IN("p.group_id") REPORT_WHEN("c.done_at")
	    " UNION SELECT m.participant_id, m.group_id FROM messages m WHERE "
	    REPORT_IN("m.group_id") " AND m.participant_id IS NOT NULL"
	    REPORT_WHEN("m.created")
	    /* A quiz answer makes her active too. */
	    " UNION SELECT a.participant_id, a.group_id FROM quiz_answers a "
	    "WHERE " REPORT_IN("a.group_id") REPORT_WHEN("a.at")
	    ")",
	[Q_REPORT_COUNTS] = "SELECT (SELECT count(*) FROM participants p "
	    "WHERE " REPORT_IN("p.group_id") REPORT_WHEN("p.created") "), "
	    "(SELECT count(*) FROM messages m WHERE " REPORT_IN("m.group_id")
	    " AND m.participant_id IS NOT NULL" REPORT_WHEN("m.created") "), "
	    "(SELECT count(*) FROM messages m WHERE " REPORT_IN("m.group_id")
	    " AND m.participant_id IS NOT NULL AND m.parent_id IS NULL AND "
	    "m.kind = 'question'" REPORT_WHEN("m.created") "), "
	    "(SELECT count(*) FROM messages m WHERE " REPORT_IN("m.group_id")
	    " AND m.parent_id IS NULL AND m.kind = 'question'"
	    REPORT_WHEN("m.solved_at") ")",
	/* Every completion before the period's end, by participant: a
	 * module is completed when its last lesson is. */
	[Q_REPORT_DONE] = "SELECT c.participant_id, c.lesson, c.done_at FROM "
	    "completions c JOIN participants p ON p.id = c.participant_id "
	    "WHERE " REPORT_IN("p.group_id") " AND c.done_at < ?4 "
	    "ORDER BY c.participant_id",
	/* Quiz answers (migration 7): every try is a row; the first of a
	 * participant's tries at a question (lowest id) says whether she
	 * knew it; a merge moves them all. */
	/* At most ?8 tries of hers at one quiz: the table stays bounded by
	 * the course, whatever a script sends. */
	[Q_QUIZ_ADD] = "INSERT INTO quiz_answers(participant_id, group_id, "
	    "lesson, question, choices, correct, at) SELECT ?1, ?2, ?3, ?4, "
	    "?5, ?6, ?7 WHERE (SELECT count(*) FROM quiz_answers WHERE "
	    "participant_id = ?1 AND lesson = ?3 AND question = ?4) < ?8",
	[Q_QUIZ_LAST] = "SELECT choices, correct, (SELECT count(*) FROM "
	    "quiz_answers b WHERE b.participant_id = ?1 AND b.lesson = ?2 AND "
	    "b.question = ?3) FROM quiz_answers WHERE participant_id = ?1 AND "
	    "lesson = ?2 AND question = ?3 ORDER BY id DESC LIMIT 1",
	/* Per question: who answered, who was right the first time; the
	 * lowest rate of first tries right first. */
	[Q_QUIZ_STATS] = "SELECT lesson, question, count(*), sum(correct) FROM "
	    "quiz_answers a WHERE group_id = ?1 AND id = (SELECT min(b.id) "
	    "FROM quiz_answers b WHERE b.participant_id = a.participant_id "
	    "AND b.lesson = a.lesson AND b.question = a.question) GROUP BY "
	    "lesson, question ORDER BY CAST(sum(correct) AS REAL) / count(*), "
	    "count(*) DESC, lesson, question",
	/* Wrong at least twice since her last right answer (or ever). */
	[Q_QUIZ_STRUGGLING] = "SELECT participant_id, lesson, question FROM "
	    "quiz_answers a WHERE group_id = ?1 AND correct = 0 AND id > "
	    "coalesce((SELECT max(b.id) FROM quiz_answers b WHERE "
	    "b.participant_id = a.participant_id AND b.lesson = a.lesson AND "
	    "b.question = a.question AND b.correct = 1), 0) GROUP BY "
	    "participant_id, lesson, question HAVING count(*) >= 2 "
	    "ORDER BY participant_id, lesson, question",
	[Q_QUIZ_LIST] = "SELECT lesson, question, choices, correct, at FROM "
	    "quiz_answers WHERE participant_id = ?1 ORDER BY id",
	[Q_MERGE_QUIZ] = "UPDATE quiz_answers SET participant_id = ?2 WHERE "
	    "participant_id = ?1",
	/* Following a group (cgi/follow.c, migration 9). */
	[Q_IDLE_GET] = "SELECT idle_days FROM groups WHERE id = ?1",
	[Q_IDLE_SET] = "UPDATE groups SET idle_days = ?2 WHERE id = ?1",
	/* What each participant last did: a lesson done, a message
	 * written. Never a page seen (last_seen is not read). */
	[Q_ACTIVITY] = "SELECT p.id, p.created, max("
	    "coalesce((SELECT max(c.done_at) FROM completions c WHERE "
	    "c.participant_id = p.id), 0), "
	    "coalesce((SELECT max(m.created) FROM messages m WHERE "
	    "m.participant_id = p.id), 0), "
	    "coalesce((SELECT max(q.at) FROM quiz_answers q WHERE "
	    "q.participant_id = p.id), 0), "
	    "0) FROM participants p WHERE p.group_id = ?1",
	/* A participant's question, shown and open, asked before ?2, that
	 * nobody else answered (her own follow-ups are no answer). */
	[Q_UNANSWERED] = "SELECT " MSG_COLS MSG_FROM "WHERE m.group_id = ?1 "
	    "AND m.parent_id IS NULL AND m.kind = 'question' AND "
	    "m.state = 0 AND m.solved_at IS NULL AND m.participant_id IS NOT "
	    "NULL AND m.created <= ?2 AND NOT EXISTS (SELECT 1 FROM messages "
	    "r WHERE r.parent_id = m.id AND r.state = 0 AND "
	    "r.participant_id IS NOT m.participant_id) "
	    "ORDER BY m.created, m.id LIMIT ?3",
	[Q_MEMBER_MSGS] = "SELECT " MSG_COLS MSG_FROM "WHERE m.group_id = ?1 "
	    "AND m.participant_id = ?2 ORDER BY m.id DESC LIMIT ?3",
	[Q_FAIL_FORGET] = "DELETE FROM login_failures WHERE rowid = ?1",
	[Q_FAIL_MOVE] = "UPDATE login_failures SET at = ?2 WHERE rowid = ?1",
	[Q_GROUP_RECENT] = "SELECT count(*) FROM participants WHERE "
	    "group_id = ?1 AND created >= ?2",
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
	/* 3: the trainer space. Messages outlive their author's erasure
	 * ("message supprimé": participant_id NULL, body empty), may be
	 * hidden or held (state), and reported. */
	"CREATE TABLE messages_new ("
	"  id INTEGER PRIMARY KEY,"
	"  group_id INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,"
	"  participant_id INTEGER REFERENCES participants(id)"
	"    ON DELETE SET NULL,"
	"  lesson TEXT NOT NULL,"
	"  kind TEXT NOT NULL CHECK (kind IN ('question','astuce','ressource')),"
	"  body TEXT NOT NULL,"
	"  created INTEGER NOT NULL,"
	"  edited INTEGER,"
	"  state INTEGER NOT NULL DEFAULT 0 CHECK (state IN (0, 1, 2)));"
	"INSERT INTO messages_new(id, group_id, participant_id, lesson, kind,"
	"  body, created, edited) SELECT id, group_id, participant_id, lesson,"
	"  kind, body, created, edited FROM messages;"
	"DROP TABLE messages;"
	"ALTER TABLE messages_new RENAME TO messages;"
	"CREATE INDEX messages_lesson ON messages(group_id, lesson, id);"
	"CREATE INDEX messages_author ON messages(participant_id, created);"
	"CREATE TABLE reports ("
	"  message_id INTEGER NOT NULL REFERENCES messages(id)"
	"    ON DELETE CASCADE,"
	"  participant_id INTEGER NOT NULL REFERENCES participants(id)"
	"    ON DELETE CASCADE,"
	"  at INTEGER NOT NULL,"
	"  PRIMARY KEY (message_id, participant_id)) WITHOUT ROWID;"
	"CREATE INDEX reports_participant ON reports(participant_id);"
	"ALTER TABLE groups ADD COLUMN hold_links INTEGER NOT NULL DEFAULT 0;"
	"CREATE TABLE trainers ("
	"  id INTEGER PRIMARY KEY,"
	"  login TEXT NOT NULL UNIQUE,"
	"  pwhash TEXT NOT NULL,"
	"  created INTEGER NOT NULL);"
	"CREATE TABLE trainer_groups ("
	"  trainer_id INTEGER NOT NULL REFERENCES trainers(id)"
	"    ON DELETE CASCADE,"
	"  group_id INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,"
	"  PRIMARY KEY (trainer_id, group_id)) WITHOUT ROWID;"
	"CREATE INDEX trainer_groups_group ON trainer_groups(group_id);"
	"CREATE TABLE trainer_sessions ("
	"  token_hash BLOB PRIMARY KEY,"
	"  trainer_id INTEGER NOT NULL REFERENCES trainers(id)"
	"    ON DELETE CASCADE,"
	"  created INTEGER NOT NULL,"
	"  last_seen INTEGER NOT NULL) WITHOUT ROWID;"
	"CREATE INDEX trainer_sessions_trainer ON trainer_sessions(trainer_id);"
	"CREATE TABLE login_failures ("
	"  key TEXT NOT NULL,"
	"  at INTEGER NOT NULL);"
	"CREATE INDEX login_failures_key ON login_failures(key, at);"
	"CREATE INDEX login_failures_at ON login_failures(at);"
	"CREATE TABLE login_links ("
	"  token_hash BLOB PRIMARY KEY,"
	"  participant_id INTEGER NOT NULL REFERENCES participants(id)"
	"    ON DELETE CASCADE,"
	"  expires INTEGER NOT NULL) WITHOUT ROWID;"
	"CREATE INDEX login_links_participant ON login_links(participant_id);"
	"CREATE INDEX sessions_created ON sessions(created);"
	"CREATE INDEX participants_seen ON participants(last_seen);",
	/* 4: the group's conversation (issue 14). A reply has its question
	 * as parent (one level); a trainer's message has trainer_id and no
	 * participant_id, so "message supprimé" is now both NULL. A
	 * question may be solved (when) with a helpful reply; any message
	 * without a parent may be pinned. lesson '' is the group's own
	 * place ("Mon groupe"), where trainers post announcements. */
	"ALTER TABLE messages ADD COLUMN parent_id INTEGER REFERENCES "
	"  messages(id) ON DELETE CASCADE;"
	"ALTER TABLE messages ADD COLUMN trainer_id INTEGER REFERENCES "
	"  trainers(id) ON DELETE SET NULL;"
	"ALTER TABLE messages ADD COLUMN solved_at INTEGER;"
	"ALTER TABLE messages ADD COLUMN helpful_id INTEGER REFERENCES "
	"  messages(id) ON DELETE SET NULL;"
	"ALTER TABLE messages ADD COLUMN pinned INTEGER NOT NULL DEFAULT 0;"
	"CREATE INDEX messages_parent ON messages(parent_id, id);"
	"CREATE INDEX messages_group ON messages(group_id, id);"
	"CREATE INDEX messages_trainer ON messages(trainer_id);"
	"CREATE TABLE reactions ("
	"  message_id INTEGER NOT NULL REFERENCES messages(id)"
	"    ON DELETE CASCADE,"
	"  participant_id INTEGER NOT NULL REFERENCES participants(id)"
	"    ON DELETE CASCADE,"
	"  kind INTEGER NOT NULL CHECK (kind IN (0, 1, 2)),"
	"  at INTEGER NOT NULL,"
	"  PRIMARY KEY (message_id, kind, participant_id)) WITHOUT ROWID;"
	"CREATE INDEX reactions_participant ON reactions(participant_id);"
	"CREATE TABLE visits ("
	"  participant_id INTEGER NOT NULL REFERENCES participants(id)"
	"    ON DELETE CASCADE,"
	"  place TEXT NOT NULL,"
	"  last_id INTEGER NOT NULL,"
	"  PRIMARY KEY (participant_id, place)) WITHOUT ROWID;"
	"ALTER TABLE trainers ADD COLUMN title TEXT;",
	/* 5: a photo with a message (issue 14), in this same file so that
	 * a backup is still one thing to copy (docs/cgi.md, "Photos"): at
	 * most one per message, gone with it; its group copied so that
	 * serving checks the group without a join; a trainer turns photos
	 * off for a group. */
	"CREATE TABLE photos ("
	"  id INTEGER PRIMARY KEY,"
	"  message_id INTEGER NOT NULL UNIQUE"
	"    REFERENCES messages(id) ON DELETE CASCADE,"
	"  group_id INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,"
	"  alt TEXT NOT NULL DEFAULT '',"
	"  width INTEGER NOT NULL,"
	"  height INTEGER NOT NULL,"
	"  bytes INTEGER NOT NULL,"
	"  jpeg BLOB NOT NULL,"
	"  created_at INTEGER NOT NULL);"
	"CREATE INDEX photos_group ON photos(group_id);"
	"ALTER TABLE groups ADD COLUMN photos INTEGER NOT NULL DEFAULT 1;",
	/* 6: coming back and devices (issue 15). A participant's personal
	 * code, hashed (argon2id, light: the code is throttled); a session
	 * is one device, named from its browser, and ends after the host's
	 * lifetime without a visit (last_seen, now kept per session). The
	 * sessions table has a rowid: "déconnecter cet appareil" names a
	 * device by it, never by its token. */
	"ALTER TABLE participants ADD COLUMN code_hash TEXT;"
	"CREATE TABLE sessions_new ("
	"  id INTEGER PRIMARY KEY,"
	"  token_hash BLOB NOT NULL UNIQUE,"
	"  participant_id INTEGER NOT NULL REFERENCES participants(id)"
	"    ON DELETE CASCADE,"
	"  created INTEGER NOT NULL,"
	"  last_seen INTEGER NOT NULL,"
	"  device TEXT NOT NULL DEFAULT '');"
	"INSERT INTO sessions_new(token_hash, participant_id, created, "
	"  last_seen) SELECT token_hash, participant_id, created, last_seen "
	"  FROM sessions;"
	"DROP TABLE sessions;"
	"ALTER TABLE sessions_new RENAME TO sessions;"
	"CREATE INDEX sessions_participant ON sessions(participant_id);"
	"CREATE INDEX sessions_seen ON sessions(last_seen);",
	/* 7: accounts (issue 16): a trainer's last login, for `admin
	 * trainer list` (NULL: not since this migration). */
	"ALTER TABLE trainers ADD COLUMN last_login INTEGER;",
	/* 8: quiz answers (issue 16). Each try of a participant at a quiz
	 * of a lesson (question: its stable id, docs/content.md), with the
	 * choices ticked ("1,3") and whether that was right; gone with her
	 * (cascade). group_id is copied so that a group's counts read one
	 * index. */
	"CREATE TABLE quiz_answers ("
	"  id INTEGER PRIMARY KEY,"
	"  participant_id INTEGER NOT NULL REFERENCES participants(id)"
	"    ON DELETE CASCADE,"
	"  group_id INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,"
	"  lesson TEXT NOT NULL,"
	"  question TEXT NOT NULL,"
	"  choices TEXT NOT NULL,"
	"  correct INTEGER NOT NULL CHECK (correct IN (0, 1)),"
	"  at INTEGER NOT NULL);"
	"CREATE INDEX quiz_answers_who ON quiz_answers(participant_id, lesson,"
	"  question, id);"
	"CREATE INDEX quiz_answers_group ON quiz_answers(group_id);",
	/* 9: following a group (issue 16): after how many days without
	 * doing anything a participant shows in "Qui a besoin d'aide". */
	"ALTER TABLE groups ADD COLUMN idle_days INTEGER NOT NULL DEFAULT 10;",
	/* 10: look-alike names (issue 18, item 7): a participant's name's
	 * confusable skeleton (Unicode TS #39, eystime_skeleton(): ICU, see
	 * cgi/names.c), by which a group compares its names. */
	"ALTER TABLE participants ADD COLUMN skeleton TEXT;"
	"UPDATE participants SET skeleton = eystime_skeleton(name);"
	"CREATE INDEX participants_skeleton ON participants(group_id, "
	"  skeleton);",
};

/* SQL eystime_skeleton(text): names_skeleton; NULL for NULL or when it
 * cannot be made (no clash is found through NULL). */
static void
S_skeleton_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const unsigned char *t = sqlite3_value_text(argv[0]);
	char sk[NAMES_SKELETON_SIZE];

	(void)argc;
	if (t == NULL || names_skeleton((const char *)t, sk, sizeof sk) < 0) {
		sqlite3_result_null(ctx);
		return;
	}
	sqlite3_result_text(ctx, sk, -1, SQLITE_TRANSIENT);
}

struct store {
	sqlite3 *db;
	sqlite3_stmt *q[Q_COUNT];
	struct timespec busy_since; /* when the current wait began */
	/* Why the last store_backup failed (its copy's own connection is
	 * closed by then); cleared by the next statement. */
	char backup_err[512];
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
	if (s != NULL && s->backup_err[0] != '\0')
		return s->backup_err;
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
		char pragma[STORE_PRAGMA_SIZE];

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
	char wal[STORE_PATH_SIZE];
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

/* The name of a user (or group) id, read from /etc/passwd (or
 * /etc/group) by hand: getpwuid may ask nscd through a socket, which the
 * worker's system call filter refuses, and a start retried at the first
 * request runs under it. The number when there is no name. */
static void
S_id_name(const char *file, unsigned long id, char *out, size_t outsz)
{
	char line[1024], *p, *end;
	FILE *f = fopen(file, "re");

	snprintf(out, outsz, "%lu", id);
	if (f == NULL)
		return;
	while (fgets(line, sizeof line, f) != NULL) {
		/* name:password:id:... */
		if ((p = strchr(line, ':')) == NULL)
			continue;
		*p++ = '\0';
		if ((p = strchr(p, ':')) == NULL)
			continue;
		p++;
		if (*p >= '0' && *p <= '9' && strtoul(p, &end, 10) == id &&
		    *end == ':') {
			size_t n = strlen(line);

			n = n < outsz ? n : outsz - 1;
			memcpy(out, line, n);
			out[n] = '\0';
			break;
		}
	}
	fclose(f);
}

/* Owner, group and mode of path, as "eystime:eystime with mode 0750". */
static int
S_owner(const char *path, char *out, size_t outsz)
{
	char user[128], group[128];
	struct stat st;

	if (stat(path, &st) < 0)
		return -1;
	S_id_name("/etc/passwd", (unsigned long)st.st_uid, user, sizeof user);
	S_id_name("/etc/group", (unsigned long)st.st_gid, group, sizeof group);
	snprintf(out, outsz, "%s:%s with mode %04o", user, group,
	    (unsigned)(st.st_mode & 07777));
	return 0;
}

/*
 * The database cannot be opened or written: say which file, why (SQLite's
 * words and the system's), who the program runs as and who owns the
 * folder and the file, since that is nearly always the cause: SQLite
 * creates DB-wal and DB-shm beside the database, so the folder too must
 * be the program's.
 */
static void
S_open_failed(store *s, const char *path, const char *why, char *err,
	size_t errsz)
{
	char dir[1024], me[128], downer[300], fowner[300];
	const char *slash = strrchr(path, '/'), *belongs = "belongs to ";
	int e = s->db != NULL ? sqlite3_system_errno(s->db) : 0;

	if (slash == NULL)
		snprintf(dir, sizeof dir, ".");
	else
		snprintf(dir, sizeof dir, "%.*s", slash == path ? 1 :
		    (int)(slash - path), path);
	S_id_name("/etc/passwd", (unsigned long)geteuid(), me, sizeof me);
	if (S_owner(dir, downer, sizeof downer) < 0) {
		snprintf(err, errsz, "cannot open the database %s: %s%s%s%s; "
		    "the folder %s %s; eystime-cgi runs as %s (the folder "
		    "must belong to %s: docs/deploy.md, section 3)", path, why,
		    e ? " (" : "", e ? strerror(e) : "", e ? ")" : "", dir,
		    errno == ENOENT ? "does not exist" : "cannot be reached "
		    "(a folder above it is closed to this user)", me, me);
		return;
	}
	if (S_owner(path, fowner, sizeof fowner) < 0) {
		belongs = "";
		snprintf(fowner, sizeof fowner, "%s", errno == ENOENT ?
		    "is not there yet" : "cannot be seen by this user");
	}
	snprintf(err, errsz, "cannot open the database %s: %s%s%s%s; "
	    "eystime-cgi runs as %s, the folder %s belongs to %s, the file "
	    "%s%s (both must belong to the user the program runs as, here "
	    "%s: docs/deploy.md, section 3)", path, why,
	    e ? " (" : "", e ? strerror(e) : "", e ? ")" : "", me, dir,
	    downer, belongs, fowner, me);
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
		S_open_failed(s, path, store_error(s), err, errsz);
		store_close(s);
		return STORE_ERROR;
	}
	sqlite3_busy_handler(s->db, S_busy, s);
	/* eystime_skeleton(name): the statements and migration 8 compare
	 * names by it. */
	if (names_init(err, errsz) < 0) {
		store_close(s);
		return STORE_ERROR;
	}
	if (sqlite3_create_function(s->db, "eystime_skeleton", 1,
	    SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL, S_skeleton_fn, NULL,
	    NULL) != SQLITE_OK) {
		S_open_failed(s, path, store_error(s), err, errsz);
		store_close(s);
		return STORE_ERROR;
	}
	/* WAL: readers never wait for the writer. A commit is on disk
	 * before we answer, but flushed by S_commit_hook once the write
	 * lock is free (synchronous = NORMAL leaves that flush to us). */
	sqlite3_wal_hook(s->db, S_commit_hook, s);
	if (sqlite3_exec(s->db, "PRAGMA journal_mode = WAL;"
	    "PRAGMA synchronous = NORMAL;"
	    "PRAGMA secure_delete = ON;"
	    "PRAGMA foreign_keys = ON;", NULL, NULL, &e) != SQLITE_OK) {
		S_open_failed(s, path, e ? e : "?", err, errsz);
		sqlite3_free(e);
		store_close(s);
		return STORE_ERROR;
	}
	if (S_migrate(s, err, errsz) < 0) {
		switch (sqlite3_errcode(s->db) & 0xff) {
		case SQLITE_READONLY: case SQLITE_CANTOPEN: case SQLITE_PERM:
		case SQLITE_IOERR: case SQLITE_FULL:
			S_open_failed(s, path, sqlite3_errmsg(s->db), err,
			    errsz);
			break;
		}
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

	s->backup_err[0] = '\0';
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

static void
S_blob(sqlite3_stmt *st, int i, const unsigned char *h)
{
	sqlite3_bind_blob(st, i, h, STORE_HASH_LEN, SQLITE_TRANSIENT);
}

/* Run a one-row query: STORE_OK with the row left for the caller to
 * read (then reset it), STORE_NONE without. */
static int
S_row(sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);

	if (rc == SQLITE_ROW)
		return STORE_OK;
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? STORE_NONE : S_code(rc);
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
		g.archived = sqlite3_column_int(st, 4);
		g.hold_links = sqlite3_column_int(st, 5);
		g.photos = sqlite3_column_int(st, 6);
		if (fn(ctx, &g) != 0)
			break;
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? STORE_OK : S_code(rc);
}

/* A column's text into a fixed buffer, cut on a character boundary. */
static void
S_copy(char *dst, size_t n, const unsigned char *src)
{
	text_copy(dst, n, (const char *)src);
}

/* A new session (one device) for participant pid. */
static int
S_session_add(store *s, const unsigned char hash[STORE_HASH_LEN],
	long long pid, long long now, const char *device)
{
	sqlite3_stmt *st = S_q(s, Q_SESSION_ADD);

	S_blob(st, 1, hash);
	sqlite3_bind_int64(st, 2, pid);
	sqlite3_bind_int64(st, 3, now);
	S_text(st, 4, device != NULL ? device : "");
	return S_exec(st);
}

int
store_join(store *s, long long gid, const char *name,
	const unsigned char hash[STORE_HASH_LEN], const char *device,
	store_who *who)
{
	sqlite3_stmt *st;
	char try[STORE_NAME_SIZE]; /* a 40-character name: 160 bytes */
	long long now = (long long)time(NULL);
	int k, rc;

	if ((rc = S_begin(s)) != STORE_OK)
		return rc;
	/* Awa, then Awa 2, Awa 3… */
	for (k = 1; k < 1000; k++) {
		if (k == 1)
			text_copy(try, sizeof try, name);
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
	who->hold_links = 0;
	who->photos = 1;
	who->seen = now;
	return S_end(s, S_session_add(s, hash, who->pid, now, device));
}

int
store_session(store *s, const unsigned char hash[STORE_HASH_LEN],
	long long now, long long life, const char *device, store_who *who)
{
	sqlite3_stmt *st = S_q(s, Q_SESSION_GET);
	long long seen = 0;
	int rc;

	S_blob(st, 1, hash);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		who->pid = sqlite3_column_int64(st, 0);
		who->gid = sqlite3_column_int64(st, 1);
		S_copy(who->name, sizeof who->name, sqlite3_column_text(st, 2));
		S_copy(who->group, sizeof who->group,
		    sqlite3_column_text(st, 3));
		seen = sqlite3_column_int64(st, 4);
		who->hold_links = sqlite3_column_int(st, 5);
		who->photos = sqlite3_column_int(st, 6);
		who->seen = sqlite3_column_int64(st, 7);
		S_copy(who->code, sizeof who->code, sqlite3_column_text(st, 8));
	}
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return STORE_NONE;
	if (rc != SQLITE_ROW)
		return S_code(rc);
	/* Unused for the host's lifetime: it ends, here and now. */
	if (who->seen < now - life) {
		st = S_q(s, Q_SESSION_EXPIRE);
		S_blob(st, 1, hash);
		S_exec(st);
		return STORE_NONE;
	}
	/* "Last visit", of the person for trainers and of the device for
	 * her: a write at most every 5 minutes. */
	if (now - seen >= STORE_SEEN_EVERY) {
		st = S_q(s, Q_SESSION_SEEN);
		sqlite3_bind_int64(st, 1, who->pid);
		sqlite3_bind_int64(st, 2, now);
		S_exec(st);
	}
	if (now - who->seen >= STORE_SEEN_EVERY) {
		st = S_q(s, Q_SESSION_TOUCH);
		S_blob(st, 1, hash);
		sqlite3_bind_int64(st, 2, now);
		S_text(st, 3, device != NULL ? device : "");
		S_exec(st);
	}
	return STORE_OK;
}

int
store_part_find(store *s, long long gid, const char *name, long long *pid,
	char *code_hash, size_t size)
{
	sqlite3_stmt *st = S_q(s, Q_PART_FIND);
	int rc;

	sqlite3_bind_int64(st, 1, gid);
	S_text(st, 2, name);
	if ((rc = S_row(st)) != STORE_OK)
		return rc;
	*pid = sqlite3_column_int64(st, 0);
	S_copy(code_hash, size, sqlite3_column_text(st, 1));
	sqlite3_reset(st);
	return STORE_OK;
}

int
store_part_code(store *s, long long pid, const char *code_hash)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = S_begin(s)) != STORE_OK)
		return rc;
	st = S_q(s, Q_PART_CODE);
	sqlite3_bind_int64(st, 1, pid);
	S_text(st, 2, code_hash);
	if ((rc = S_exec(st)) == STORE_OK && sqlite3_changes(s->db) == 0)
		rc = STORE_NONE;
	if (rc != STORE_OK)
		return S_end(s, rc);
	/* Her one-time login cards (printed before the cards to come
	 * back) end with it. */
	st = S_q(s, Q_LINK_CLEAR);
	sqlite3_bind_int64(st, 1, pid);
	return S_end(s, S_exec(st));
}

int
store_rejoin(store *s, long long pid,
	const unsigned char hash[STORE_HASH_LEN], long long now,
	const char *device, store_who *who)
{
	int rc;

	if ((rc = S_begin(s)) != STORE_OK)
		return rc;
	if ((rc = S_session_add(s, hash, pid, now, device)) != STORE_OK)
		return S_end(s, rc);
	if ((rc = S_end(s, STORE_OK)) != STORE_OK)
		return rc;
	/* who from the session just made (a lifetime of `now`: it cannot
	 * have ended). */
	return store_session(s, hash, now, now, NULL, who);
}

int
store_devices(store *s, long long pid,
	const unsigned char current[STORE_HASH_LEN], long long since,
	int limit, int (*fn)(void *, const store_device *), void *ctx)
{
	sqlite3_stmt *st = S_q(s, Q_SESSIONS);
	store_device d;
	int rc;

	sqlite3_bind_int64(st, 1, pid);
	S_blob(st, 2, current);
	sqlite3_bind_int64(st, 3, since);
	sqlite3_bind_int(st, 4, limit);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		d.id = sqlite3_column_int64(st, 0);
		d.device = (const char *)sqlite3_column_text(st, 1);
		d.created = sqlite3_column_int64(st, 2);
		d.seen = sqlite3_column_int64(st, 3);
		d.current = sqlite3_column_int(st, 4);
		if (fn(ctx, &d) != 0)
			break;
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? STORE_OK : S_code(rc);
}

int
store_device_end(store *s, long long pid, long long id)
{
	sqlite3_stmt *st = S_q(s, id != 0 ? Q_SESSION_END_ID :
	    Q_SESSION_END_ALL);
	int rc;

	sqlite3_bind_int64(st, 1, pid);
	if (id != 0)
		sqlite3_bind_int64(st, 2, id);
	rc = S_exec(st);
	if (rc == STORE_OK && sqlite3_changes(s->db) == 0)
		return STORE_NONE;
	return rc;
}

/*
 * After an erase: what was deleted must leave the disk too. secure_delete
 * (set at open) zeroes the freed bytes in the database file, but the WAL
 * still holds the pages as they were before, name and messages included,
 * until a checkpoint overwrites it. TRUNCATE copies the WAL into the
 * database and empties the file. Best effort: a reader still on an old
 * snapshot makes it SQLITE_BUSY after the busy handler's wait; the next
 * erase or the next automatic checkpoint finishes it.
 */
static int
S_scrub(store *s, int rc)
{
	if (rc == STORE_OK)
		sqlite3_wal_checkpoint_v2(s->db, NULL,
		    SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
	return rc;
}

int
store_forget(store *s, long long pid)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = S_begin(s)) != STORE_OK)
		return rc;
	/* Their photos go: "message supprimé" keeps no picture either. */
	st = S_q(s, Q_FORGET_PHOTOS);
	sqlite3_bind_int64(st, 1, pid);
	if ((rc = S_exec(st)) != STORE_OK)
		return S_end(s, rc);
	st = S_q(s, Q_FORGET_MSG);
	sqlite3_bind_int64(st, 1, pid);
	if ((rc = S_exec(st)) != STORE_OK)
		return S_end(s, rc);
	/* Sessions and completions go with the participant (cascade). */
	st = S_q(s, Q_FORGET);
	sqlite3_bind_int64(st, 1, pid);
	return S_scrub(s, S_end(s, S_exec(st)));
}

int
store_merge(store *s, long long gid, long long from, long long into)
{
	static const int steps[] = { Q_MERGE_DONE, Q_MERGE_MSG, Q_MERGE_REACT,
	    Q_MERGE_REPORT, Q_MERGE_VISIT, Q_MERGE_SESS, Q_MERGE_QUIZ,
	    Q_MERGE_PART };
	sqlite3_stmt *st;
	long long n = 0;
	size_t i;
	int rc;

	if (from == into)
		return STORE_NONE;
	if ((rc = S_begin(s)) != STORE_OK)
		return rc;
	st = S_q(s, Q_MERGE_CHECK);
	sqlite3_bind_int64(st, 1, from);
	sqlite3_bind_int64(st, 2, into);
	sqlite3_bind_int64(st, 3, gid);
	if ((rc = S_count(st, &n)) != STORE_OK)
		return S_end(s, rc);
	if (n != 2) {
		S_end(s, STORE_ERROR);
		return STORE_NONE;
	}
	for (i = 0; i < sizeof steps / sizeof *steps; i++) {
		st = S_q(s, steps[i]);
		sqlite3_bind_int64(st, 1, from);
		sqlite3_bind_int64(st, 2, into);
		if ((rc = S_exec(st)) != STORE_OK)
			return S_end(s, rc);
	}
	st = S_q(s, Q_FORGET);
	sqlite3_bind_int64(st, 1, from);
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
	m->state = sqlite3_column_int(st, 8);
	m->reports = sqlite3_column_int(st, 9);
	m->mine_reported = sqlite3_column_int(st, 10);
	m->parent = sqlite3_column_int64(st, 11);
	m->tid = sqlite3_column_int64(st, 12);
	m->solved = sqlite3_column_int64(st, 13);
	m->helpful = sqlite3_column_int64(st, 14);
	m->pinned = sqlite3_column_int(st, 15);
	m->react[0] = sqlite3_column_int(st, 16);
	m->react[1] = sqlite3_column_int(st, 17);
	m->react[2] = sqlite3_column_int(st, 18);
	m->mine_react = sqlite3_column_int(st, 19);
	m->replies = sqlite3_column_int(st, 20);
	m->photo = sqlite3_column_int64(st, 21);
	m->photo_w = sqlite3_column_int(st, 22);
	m->photo_h = sqlite3_column_int(st, 23);
	m->photo_alt = (const char *)sqlite3_column_text(st, 24);
	m->photo_bytes = sqlite3_column_int64(st, 25);
	m->erased = m->pid == 0 && m->tid == 0;
}

int
store_msg_list(store *s, long long gid, const char *lesson, int limit,
	long long viewer, int (*fn)(void *, const store_msg *), void *ctx)
{
	sqlite3_stmt *st = S_q(s, lesson ? Q_MSG_LESSON : Q_MSG_GROUP);
	store_msg m;
	int rc;

	sqlite3_bind_int64(st, 1, gid);
	if (lesson != NULL)
		S_text(st, 2, lesson);
	sqlite3_bind_int(st, 3, limit);
	sqlite3_bind_int64(st, 4, viewer);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		S_row_msg(st, &m);
		if (fn(ctx, &m) != 0)
			break;
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? STORE_OK : S_code(rc);
}

int
store_msg_edit(store *s, long long id, long long pid, long long since,
	const char *body, int hold, long long now)
{
	sqlite3_stmt *st = S_q(s, Q_MSG_EDIT);
	int rc;

	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, pid);
	sqlite3_bind_int64(st, 3, since);
	S_text(st, 4, body);
	sqlite3_bind_int64(st, 5, now);
	sqlite3_bind_int(st, 6, hold != 0);
	rc = S_exec(st);
	if (rc == STORE_OK && sqlite3_changes(s->db) == 0)
		return STORE_NONE;
	return rc;
}

/* Delete (or empty) my message; `keep` 0 only tries, and rolls back. */
static int
S_msg_delete(store *s, long long id, long long pid, long long since,
	int keep)
{
	sqlite3_stmt *st;
	int rc, k;

	if ((rc = S_begin(s)) != STORE_OK)
		return rc;
	/* With answers, emptied ("message supprimé"); else deleted. */
	for (k = Q_MSG_DEL_KEEP; ; k = Q_MSG_DEL) {
		st = S_q(s, k);
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_int64(st, 2, pid);
		sqlite3_bind_int64(st, 3, since);
		if ((rc = S_exec(st)) != STORE_OK)
			return S_end(s, rc);
		if (sqlite3_changes(s->db) > 0 || k == Q_MSG_DEL)
			break;
	}
	if (sqlite3_changes(s->db) == 0 || !keep) {
		rc = sqlite3_changes(s->db) == 0 ? STORE_NONE : STORE_OK;
		S_end(s, STORE_ERROR);
		return rc;
	}
	/* Emptied, it keeps no photo (deleted, the cascade took it). */
	st = S_q(s, Q_PHOTO_DEL_MSG);
	sqlite3_bind_int64(st, 1, id);
	return S_end(s, S_exec(st));
}

int
store_msg_delete(store *s, long long id, long long pid, long long since)
{
	return S_msg_delete(s, id, pid, since, 1);
}

int
store_msg_deletable(store *s, long long id, long long pid, long long since)
{
	return S_msg_delete(s, id, pid, since, 0);
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

/* Keep the copy's error for store_error: SQLite's message, and the
 * system's when there is one ("unable to open database file" alone
 * does not say that the folder is missing or not ours). */
static void
S_backup_error(store *s, sqlite3 *dst, int rc)
{
	int e = dst != NULL ? sqlite3_system_errno(dst) : 0;
	const char *m = dst != NULL && sqlite3_errcode(dst) != SQLITE_OK ?
	    sqlite3_errmsg(dst) : sqlite3_errstr(rc);

	if (e != 0)
		snprintf(s->backup_err, sizeof s->backup_err, "%s (%s)", m,
		    strerror(e));
	else
		snprintf(s->backup_err, sizeof s->backup_err, "%s", m);
}

int
store_backup(store *s, const char *path)
{
	sqlite3 *dst = NULL;
	sqlite3_backup *b;
	int rc, waited = 0;

	s->backup_err[0] = '\0';
	if ((rc = sqlite3_open(path, &dst)) != SQLITE_OK) {
		S_backup_error(s, dst, rc);
		sqlite3_close(dst);
		return S_code(rc) == STORE_OK ? STORE_ERROR : S_code(rc);
	}
	b = sqlite3_backup_init(dst, "main", s->db, "main");
	if (b == NULL) {
		S_backup_error(s, dst, sqlite3_errcode(dst));
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
	if (rc != SQLITE_OK && rc != SQLITE_DONE)
		S_backup_error(s, dst, rc);
	/* Closing flushes the last pages: a full disk can show here. */
	if (sqlite3_close(dst) != SQLITE_OK && rc == SQLITE_OK) {
		rc = SQLITE_IOERR;
		snprintf(s->backup_err, sizeof s->backup_err, "the copy could "
		    "not be closed");
	}
	return S_code(rc);
}

/* ------------------------------------------------------------------ */
/* Reports, trainers, moderation, purge */


/* A statement that must change a row: STORE_NONE when it changed none. */
static int
S_change(store *s, sqlite3_stmt *st)
{
	int rc = S_exec(st);

	if (rc == STORE_OK && sqlite3_changes(s->db) == 0)
		return STORE_NONE;
	return rc;
}


int
store_msg_report(store *s, long long id, long long gid, long long pid,
	long long now)
{
	sqlite3_stmt *st;
	long long author;
	int rc;

	if ((rc = S_begin(s)) != STORE_OK)
		return rc;
	st = S_q(s, Q_MSG_VISIBLE);
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, gid);
	if ((rc = S_row(st)) != STORE_OK)
		return S_end(s, rc);
	author = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (author == pid || author == 0)
		return S_end(s, STORE_NONE);
	st = S_q(s, Q_REPORT_ADD);
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, pid);
	sqlite3_bind_int64(st, 3, now);
	return S_end(s, S_exec(st));
}

int
store_trainer_add(store *s, const char *login, const char *hash,
	long long *tid)
{
	sqlite3_stmt *st = S_q(s, Q_TRAINER_ADD);
	int rc;

	S_text(st, 1, login);
	S_text(st, 2, hash);
	if ((rc = S_exec(st)) == STORE_OK)
		*tid = sqlite3_last_insert_rowid(s->db);
	return rc;
}

int
store_trainer_find(store *s, const char *login, long long *tid, char *hash,
	size_t hashsz)
{
	sqlite3_stmt *st = S_q(s, Q_TRAINER_FIND);
	int rc;

	S_text(st, 1, login);
	if ((rc = S_row(st)) != STORE_OK)
		return rc;
	*tid = sqlite3_column_int64(st, 0);
	S_copy(hash, hashsz, sqlite3_column_text(st, 1));
	sqlite3_reset(st);
	return STORE_OK;
}

int
store_trainer_passwd(store *s, long long tid, const char *hash,
	long long *revoked)
{
	sqlite3_stmt *st;
	int rc;

	if (revoked == NULL) {
		st = S_q(s, Q_TRAINER_PASSWD);
		sqlite3_bind_int64(st, 1, tid);
		S_text(st, 2, hash);
		return S_change(s, st);
	}
	*revoked = 0;
	if ((rc = S_begin(s)) != STORE_OK)
		return rc;
	st = S_q(s, Q_TRAINER_PASSWD);
	sqlite3_bind_int64(st, 1, tid);
	S_text(st, 2, hash);
	if ((rc = S_change(s, st)) != STORE_OK)
		return S_end(s, rc);
	/* A new password ends every session opened with the old one. */
	st = S_q(s, Q_TSESSION_REVOKE);
	sqlite3_bind_int64(st, 1, tid);
	if ((rc = S_exec(st)) == STORE_OK)
		*revoked = sqlite3_changes(s->db);
	return S_end(s, rc);
}

int
store_trainer_remove(store *s, const char *login)
{
	sqlite3_stmt *st = S_q(s, Q_TRAINER_REMOVE);

	S_text(st, 1, login);
	return S_change(s, st);
}

int
store_trainer_follow(store *s, long long tid, long long gid)
{
	sqlite3_stmt *st = S_q(s, Q_GROUP_EXISTS);
	int rc;

	sqlite3_bind_int64(st, 1, gid);
	if ((rc = S_row(st)) != STORE_OK)
		return rc;
	sqlite3_reset(st);
	st = S_q(s, Q_TRAINER_FOLLOW);
	sqlite3_bind_int64(st, 1, tid);
	sqlite3_bind_int64(st, 2, gid);
	return S_exec(st);
}

int
store_tsession_add(store *s, const unsigned char hash[STORE_HASH_LEN],
	long long tid, long long now)
{
	sqlite3_stmt *st;
	int rc;

	/* A new session is a login: `admin trainer list` shows the last. */
	if ((rc = S_begin(s)) != STORE_OK)
		return rc;
	st = S_q(s, Q_TSESSION_ADD);
	S_blob(st, 1, hash);
	sqlite3_bind_int64(st, 2, tid);
	sqlite3_bind_int64(st, 3, now);
	if ((rc = S_exec(st)) != STORE_OK)
		return S_end(s, rc);
	st = S_q(s, Q_TRAINER_SEEN);
	sqlite3_bind_int64(st, 1, tid);
	sqlite3_bind_int64(st, 2, now);
	return S_end(s, S_exec(st));
}

int
store_trainer_list(store *s, int (*fn)(void *, const char *login,
	const char *groups, long long last_login), void *ctx)
{
	sqlite3_stmt *st = S_q(s, Q_TRAINER_LIST);
	int rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if (fn(ctx, (const char *)sqlite3_column_text(st, 0),
		    (const char *)sqlite3_column_text(st, 1),
		    sqlite3_column_int64(st, 2)) != 0)
			break;
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? STORE_OK : S_code(rc);
}

int
store_group_followers(store *s, long long gid, long long *n)
{
	sqlite3_stmt *st = S_q(s, Q_GROUP_FOLLOWERS);
	int rc;

	sqlite3_bind_int64(st, 1, gid);
	if ((rc = S_row(st)) != STORE_OK)
		return rc == STORE_NONE ? STORE_ERROR : rc;
	*n = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return STORE_OK;
}

/* Bind a report's scope and period to st. */
static void
S_scope(sqlite3_stmt *st, const store_scope *sc, long long from,
	long long to)
{
	sqlite3_bind_int64(st, 1, sc->gid);
	sqlite3_bind_int64(st, 2, sc->tid);
	sqlite3_bind_int64(st, 3, from);
	sqlite3_bind_int64(st, 4, to);
}

int
store_report_counts(store *s, const store_scope *sc, long long from,
	long long to, store_counts *out)
{
	sqlite3_stmt *st;
	int rc;

	memset(out, 0, sizeof *out);
	/* One read transaction: the figures agree with each other. */
	if ((rc = S_exec(S_q(s, Q_READ))) != STORE_OK)
		return rc;
	st = S_q(s, Q_REPORT_ACTIVE);
	S_scope(st, sc, from, to);
	if ((rc = S_row(st)) != STORE_OK)
		return S_end(s, rc == STORE_NONE ? STORE_ERROR : rc);
	out->active = sqlite3_column_int64(st, 0);
	out->groups = sqlite3_column_int64(st, 1);
	sqlite3_reset(st);
	st = S_q(s, Q_REPORT_COUNTS);
	S_scope(st, sc, from, to);
	if ((rc = S_row(st)) != STORE_OK)
		return S_end(s, rc == STORE_NONE ? STORE_ERROR : rc);
	out->joined = sqlite3_column_int64(st, 0);
	out->messages = sqlite3_column_int64(st, 1);
	out->questions = sqlite3_column_int64(st, 2);
	out->solved = sqlite3_column_int64(st, 3);
	sqlite3_reset(st);
	return S_end(s, STORE_OK);
}

int
store_report_done(store *s, const store_scope *sc, long long to,
	int (*fn)(void *, long long pid, const char *lesson, long long at),
	void *ctx)
{
	sqlite3_stmt *st = S_q(s, Q_REPORT_DONE);
	int rc;

	S_scope(st, sc, 0, to);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if (fn(ctx, sqlite3_column_int64(st, 0),
		    (const char *)sqlite3_column_text(st, 1),
		    sqlite3_column_int64(st, 2)) != 0)
			break;
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? STORE_OK : S_code(rc);
}

int
store_tsession(store *s, const unsigned char hash[STORE_HASH_LEN],
	long long now, long long idle, long long life, long long *tid,
	char *login, size_t loginsz)
{
	sqlite3_stmt *st = S_q(s, Q_TSESSION_GET);
	long long created, seen;
	int rc;

	S_blob(st, 1, hash);
	if ((rc = S_row(st)) != STORE_OK)
		return rc;
	*tid = sqlite3_column_int64(st, 0);
	S_copy(login, loginsz, sqlite3_column_text(st, 1));
	created = sqlite3_column_int64(st, 2);
	seen = sqlite3_column_int64(st, 3);
	sqlite3_reset(st);
	if (now - seen >= idle || now - created >= life) {
		store_tsession_end(s, hash);
		return STORE_NONE;
	}
	/* One write a minute at most keeps the idle timeout exact enough. */
	if (now - seen >= 60) {
		st = S_q(s, Q_TSESSION_SEEN);
		S_blob(st, 1, hash);
		sqlite3_bind_int64(st, 2, now);
		if ((rc = S_exec(st)) != STORE_OK)
			return rc;
	}
	return STORE_OK;
}

int
store_tsession_end(store *s, const unsigned char hash[STORE_HASH_LEN])
{
	sqlite3_stmt *st = S_q(s, Q_TSESSION_DEL);

	S_blob(st, 1, hash);
	return S_exec(st);
}

int
store_login_failures(store *s, const char *key, long long since,
	long long *n, long long *last)
{
	sqlite3_stmt *st = S_q(s, Q_FAIL_COUNT);
	int rc;

	S_text(st, 1, key);
	sqlite3_bind_int64(st, 2, since);
	if ((rc = S_row(st)) != STORE_OK)
		return rc == STORE_NONE ? STORE_ERROR : rc;
	*n = sqlite3_column_int64(st, 0);
	*last = sqlite3_column_int64(st, 1);
	sqlite3_reset(st);
	return STORE_OK;
}

int
store_login_failed(store *s, const char *key1, const char *key2,
	long long now)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = S_begin(s)) != STORE_OK)
		return rc;
	st = S_q(s, Q_FAIL_PURGE);
	sqlite3_bind_int64(st, 1, now - 24 * 3600);
	if ((rc = S_exec(st)) != STORE_OK)
		return S_end(s, rc);
	st = S_q(s, Q_FAIL_ADD);
	S_text(st, 1, key1);
	sqlite3_bind_int64(st, 2, now);
	if ((rc = S_exec(st)) != STORE_OK)
		return S_end(s, rc);
	st = S_q(s, Q_FAIL_ADD);
	S_text(st, 1, key2);
	sqlite3_bind_int64(st, 2, now);
	return S_end(s, S_exec(st));
}

int
store_fail_try(store *s, const char *const key[], int nkey, long long since,
	long long now, store_fail_decide decide, void *p, long long id[])
{
	long long n[STORE_FAIL_KEYS], last[STORE_FAIL_KEYS];
	sqlite3_stmt *st;
	int i, rc;

	if (nkey < 1 || nkey > STORE_FAIL_KEYS)
		return STORE_ERROR;
	/* BEGIN IMMEDIATE: no other worker counts between the count and
	 * the row that counts this try (issue 18, item 12). */
	if ((rc = S_begin(s)) != STORE_OK)
		return rc;
	for (i = 0; i < nkey; i++) {
		st = S_q(s, Q_FAIL_COUNT);
		S_text(st, 1, key[i]);
		sqlite3_bind_int64(st, 2, since);
		if ((rc = S_row(st)) != STORE_OK)
			return S_end(s, rc == STORE_NONE ? STORE_ERROR : rc);
		n[i] = sqlite3_column_int64(st, 0);
		last[i] = sqlite3_column_int64(st, 1);
		sqlite3_reset(st);
	}
	if (!decide(p, n, last))
		return S_end(s, STORE_LIMIT);
	st = S_q(s, Q_FAIL_PURGE);
	sqlite3_bind_int64(st, 1, now - 24 * 3600);
	if ((rc = S_exec(st)) != STORE_OK)
		return S_end(s, rc);
	for (i = 0; i < nkey; i++) {
		st = S_q(s, Q_FAIL_ADD);
		S_text(st, 1, key[i]);
		sqlite3_bind_int64(st, 2, now);
		if ((rc = S_exec(st)) != STORE_OK)
			return S_end(s, rc);
		id[i] = sqlite3_last_insert_rowid(s->db);
	}
	return S_end(s, STORE_OK);
}

int
store_fail_forget(store *s, const long long id[], int n)
{
	sqlite3_stmt *st;
	int i, rc = STORE_OK;

	for (i = 0; i < n && rc == STORE_OK; i++) {
		st = S_q(s, Q_FAIL_FORGET);
		sqlite3_bind_int64(st, 1, id[i]);
		rc = S_exec(st);
	}
	return rc;
}

int
store_fail_move(store *s, const long long id[], int n, long long at)
{
	sqlite3_stmt *st;
	int i, rc = STORE_OK;

	for (i = 0; i < n && rc == STORE_OK; i++) {
		st = S_q(s, Q_FAIL_MOVE);
		sqlite3_bind_int64(st, 1, id[i]);
		sqlite3_bind_int64(st, 2, at);
		rc = S_exec(st);
	}
	return rc;
}

int
store_group_recent(store *s, long long gid, long long since, long long *n)
{
	sqlite3_stmt *st = S_q(s, Q_GROUP_RECENT);
	int rc;

	sqlite3_bind_int64(st, 1, gid);
	sqlite3_bind_int64(st, 2, since);
	if ((rc = S_row(st)) != STORE_OK)
		return rc == STORE_NONE ? STORE_ERROR : rc;
	*n = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return STORE_OK;
}

int
store_login_clear(store *s, const char *key)
{
	sqlite3_stmt *st = S_q(s, Q_FAIL_CLEAR);

	S_text(st, 1, key);
	return S_exec(st);
}

static void
S_row_group(sqlite3_stmt *st, store_group *g)
{
	g->id = sqlite3_column_int64(st, 0);
	g->name = (const char *)sqlite3_column_text(st, 1);
	g->code = (const char *)sqlite3_column_text(st, 2);
	g->members = sqlite3_column_int64(st, 3);
	g->archived = sqlite3_column_int(st, 4);
	g->hold_links = sqlite3_column_int(st, 5);
	g->photos = sqlite3_column_int(st, 6);
}

int
store_trainer_groups(store *s, long long tid,
	int (*fn)(void *, const store_group *), void *ctx)
{
	sqlite3_stmt *st = S_q(s, Q_TGROUPS);
	store_group g;
	int rc;

	sqlite3_bind_int64(st, 1, tid);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		S_row_group(st, &g);
		if (fn(ctx, &g) != 0)
			break;
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? STORE_OK : S_code(rc);
}

int
store_trainer_group(store *s, long long tid, long long gid, store_group *g,
	char *name, size_t namesz, char *code, size_t codesz)
{
	sqlite3_stmt *st = S_q(s, Q_TGROUP_GET);
	int rc;

	sqlite3_bind_int64(st, 1, tid);
	sqlite3_bind_int64(st, 2, gid);
	if ((rc = S_row(st)) != STORE_OK)
		return rc;
	S_row_group(st, g);
	S_copy(name, namesz, (const unsigned char *)g->name);
	S_copy(code, codesz, (const unsigned char *)g->code);
	g->name = name;
	g->code = code;
	sqlite3_reset(st);
	return STORE_OK;
}

int
store_group_create(store *s, long long tid, const char *name,
	const char *code, long long *gid)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = S_begin(s)) != STORE_OK)
		return rc;
	if ((rc = store_group_add(s, name, code, gid)) != STORE_OK)
		return S_end(s, rc);
	st = S_q(s, Q_TRAINER_FOLLOW);
	sqlite3_bind_int64(st, 1, tid);
	sqlite3_bind_int64(st, 2, *gid);
	return S_end(s, S_exec(st));
}

/* UPDATE groups SET <k> = v WHERE id = gid. */
static int
S_group_set(store *s, int k, long long gid, const char *text, int v)
{
	sqlite3_stmt *st = S_q(s, k);

	sqlite3_bind_int64(st, 1, gid);
	if (text != NULL)
		S_text(st, 2, text);
	else
		sqlite3_bind_int(st, 2, v);
	return S_change(s, st);
}

int
store_group_rename(store *s, long long gid, const char *name)
{
	return S_group_set(s, Q_GROUP_RENAME, gid, name, 0);
}

int
store_group_archive(store *s, long long gid, int archived)
{
	return S_group_set(s, Q_GROUP_ARCHIVE, gid, NULL, archived != 0);
}

int
store_group_code(store *s, long long gid, const char *code)
{
	return S_group_set(s, Q_GROUP_CODE, gid, code, 0);
}

int
store_group_hold(store *s, long long gid, int hold)
{
	return S_group_set(s, Q_GROUP_HOLD, gid, NULL, hold != 0);
}

/* The rows of a members query (id, name, created, last seen) of group gid,
 * at most limit, to fn until it returns non-zero. */
static int
S_members(store *s, int q, long long gid, int limit,
	int (*fn)(void *, const store_member *), void *ctx)
{
	sqlite3_stmt *st = S_q(s, q);
	store_member m;
	int rc;

	sqlite3_bind_int64(st, 1, gid);
	sqlite3_bind_int(st, 2, limit);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		m.pid = sqlite3_column_int64(st, 0);
		m.name = (const char *)sqlite3_column_text(st, 1);
		m.created = sqlite3_column_int64(st, 2);
		m.last_seen = sqlite3_column_int64(st, 3);
		m.has_card = sqlite3_column_int(st, 4);
		if (fn(ctx, &m) != 0)
			break;
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? STORE_OK : S_code(rc);
}

int
store_members(store *s, long long gid, int limit,
	int (*fn)(void *, const store_member *), void *ctx)
{
	return S_members(s, Q_MEMBERS, gid, limit, fn, ctx);
}

int
store_group_done(store *s, long long gid,
	int (*fn)(void *, long long, const char *, long long), void *ctx)
{
	sqlite3_stmt *st = S_q(s, Q_GROUP_DONE);
	int rc;

	sqlite3_bind_int64(st, 1, gid);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if (fn(ctx, sqlite3_column_int64(st, 0),
		    (const char *)sqlite3_column_text(st, 1),
		    sqlite3_column_int64(st, 2)) != 0)
			break;
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? STORE_OK : S_code(rc);
}

/* A participant row (Q_MEMBER_GET, Q_LINK_GET) into who. */
static void
S_row_who(sqlite3_stmt *st, store_who *who)
{
	who->pid = sqlite3_column_int64(st, 0);
	who->gid = sqlite3_column_int64(st, 1);
	S_copy(who->name, sizeof who->name, sqlite3_column_text(st, 2));
	S_copy(who->group, sizeof who->group, sqlite3_column_text(st, 3));
	who->hold_links = sqlite3_column_int(st, 5);
	who->photos = sqlite3_column_int(st, 6);
}

int
store_member_get(store *s, long long gid, long long pid, store_who *who)
{
	sqlite3_stmt *st = S_q(s, Q_MEMBER_GET);
	int rc;

	sqlite3_bind_int64(st, 1, pid);
	sqlite3_bind_int64(st, 2, gid);
	if ((rc = S_row(st)) != STORE_OK)
		return rc;
	S_row_who(st, who);
	sqlite3_reset(st);
	return STORE_OK;
}

int
store_member_rename(store *s, long long gid, long long pid, const char *name)
{
	sqlite3_stmt *st = S_q(s, Q_NAME_LOOKALIKE);
	int rc;

	/* A look-alike of another's name is that name: taken. */
	sqlite3_bind_int64(st, 1, gid);
	sqlite3_bind_int64(st, 2, pid);
	S_text(st, 3, name);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return STORE_TAKEN;
	if (rc != SQLITE_DONE)
		return S_code(rc);
	st = S_q(s, Q_MEMBER_RENAME);
	sqlite3_bind_int64(st, 1, pid);
	sqlite3_bind_int64(st, 2, gid);
	S_text(st, 3, name);
	return S_change(s, st);
}

int
store_link_peek(store *s, const unsigned char hash[STORE_HASH_LEN],
	long long now, store_who *who)
{
	sqlite3_stmt *st = S_q(s, Q_LINK_GET);
	int rc;

	S_blob(st, 1, hash);
	sqlite3_bind_int64(st, 2, now);
	if ((rc = S_row(st)) != STORE_OK)
		return rc;
	S_row_who(st, who);
	sqlite3_reset(st);
	return STORE_OK;
}

int
store_link_use(store *s, const unsigned char hash[STORE_HASH_LEN],
	const unsigned char session[STORE_HASH_LEN], long long now,
	const char *device, store_who *who)
{
	sqlite3_stmt *st;
	int rc;

	/* One write transaction: two phones scanning the same card at once
	 * cannot both get in. */
	if ((rc = S_begin(s)) != STORE_OK)
		return rc;
	if ((rc = store_link_peek(s, hash, now, who)) != STORE_OK)
		return S_end(s, rc);
	st = S_q(s, Q_LINK_DEL);
	S_blob(st, 1, hash);
	if ((rc = S_exec(st)) != STORE_OK)
		return S_end(s, rc);
	return S_end(s, S_session_add(s, session, who->pid, now, device));
}

int
store_mod_list(store *s, long long gid, int which, int limit,
	int (*fn)(void *, const store_msg *), void *ctx)
{
	sqlite3_stmt *st = S_q(s, Q_MOD_LIST);
	store_msg m;
	int rc;

	sqlite3_bind_int64(st, 1, gid);
	sqlite3_bind_int(st, 2, which);
	sqlite3_bind_int(st, 3, limit);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		S_row_msg(st, &m);
		if (fn(ctx, &m) != 0)
			break;
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? STORE_OK : S_code(rc);
}

/* Inside a transaction: is message id in group gid? */
static int
S_msg_in_group(store *s, long long id, long long gid)
{
	sqlite3_stmt *st = S_q(s, Q_MSG_IN_GROUP);
	int rc;

	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, gid);
	if ((rc = S_row(st)) == STORE_OK)
		sqlite3_reset(st);
	return rc;
}

static int
S_dismiss(store *s, long long id)
{
	sqlite3_stmt *st = S_q(s, Q_MOD_DISMISS);

	sqlite3_bind_int64(st, 1, id);
	return S_exec(st);
}

int
store_mod_state(store *s, long long id, long long gid, int state)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = S_begin(s)) != STORE_OK)
		return rc;
	st = S_q(s, Q_MOD_STATE);
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, gid);
	sqlite3_bind_int(st, 3, state);
	if ((rc = S_change(s, st)) != STORE_OK)
		return S_end(s, rc);
	/* Shown by a trainer's decision: the reports are answered. */
	if (state == STORE_MSG_SHOWN)
		rc = S_dismiss(s, id);
	return S_end(s, rc);
}

int
store_mod_delete(store *s, long long id, long long gid)
{
	sqlite3_stmt *st = S_q(s, Q_MOD_DELETE);

	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, gid);
	return S_change(s, st);
}

int
store_mod_dismiss(store *s, long long id, long long gid)
{
	int rc;

	if ((rc = S_begin(s)) != STORE_OK)
		return rc;
	if ((rc = S_msg_in_group(s, id, gid)) != STORE_OK)
		return S_end(s, rc);
	return S_end(s, S_dismiss(s, id));
}

/* Run st with ?1 (and ?2 when b >= 0) bound; add the rows it changed. */
static int
S_purge_one(store *s, int k, long long a, long long b, long long *n)
{
	sqlite3_stmt *st = S_q(s, k);
	int rc;

	sqlite3_bind_int64(st, 1, a);
	if (b >= 0)
		sqlite3_bind_int64(st, 2, b);
	if ((rc = S_exec(st)) == STORE_OK && n != NULL)
		*n += sqlite3_changes(s->db);
	return rc;
}

/* The purge; `keep` 0 counts what would go and rolls it all back. */
static int
S_purge(store *s, long long inactive_before, long long sessions_before,
	long long now, store_purged *out, int keep)
{
	int rc;

	memset(out, 0, sizeof *out);
	if ((rc = S_begin(s)) != STORE_OK)
		return rc;
	if ((rc = S_purge_one(s, Q_PURGE_PHOTOS, inactive_before, -1,
	    NULL)) ||
	    (rc = S_purge_one(s, Q_PURGE_MSG, inactive_before, -1, NULL)) ||
	    (rc = S_purge_one(s, Q_PURGE_PEOPLE, inactive_before, -1,
	    &out->participants)) ||
	    (rc = S_purge_one(s, Q_PURGE_SESSIONS, sessions_before, -1,
	    &out->sessions)) ||
	    (rc = S_purge_one(s, Q_PURGE_TSESSIONS, now - STORE_TSESSION_IDLE,
	    now - STORE_TSESSION_LIFE, &out->trainer_sessions)) ||
	    (rc = S_purge_one(s, Q_PURGE_LINKS, now, -1, &out->links)) ||
	    (rc = S_purge_one(s, Q_FAIL_PURGE, now - 24 * 3600, -1,
	    &out->attempts)) ||
	    (rc = S_purge_one(s, Q_JOIN_PURGE, now - 24 * 3600, -1,
	    &out->attempts)))
		return S_end(s, rc);
	if (!keep) {
		S_exec(S_q(s, Q_ROLLBACK));
		return STORE_OK;
	}
	return S_scrub(s, S_end(s, STORE_OK));
}

int
store_purge(store *s, long long inactive_before, long long sessions_before,
	long long now, store_purged *out)
{
	return S_purge(s, inactive_before, sessions_before, now, out, 1);
}

int
store_purge_preview(store *s, long long inactive_before,
	long long sessions_before, long long now, store_purged *out)
{
	return S_purge(s, inactive_before, sessions_before, now, out, 0);
}

/* ------------------------------------------------------------------ */
/* The group's conversation: replies, reactions, solved, pinned, visits */

int
store_msg_post(store *s, const store_post *p, long long now,
	long long since, int max, long long *id)
{
	sqlite3_stmt *st;
	char kind[16];
	long long root = 0;
	const char *lesson = p->lesson, *k = p->kind;
	char lbuf[STORE_NAME_SIZE];
	int rc;

	if ((rc = S_begin(s)) != STORE_OK)
		return rc;
	if (p->pid != 0 && max > 0) {
		st = S_q(s, Q_MSG_COUNT);
		sqlite3_bind_int64(st, 1, p->pid);
		sqlite3_bind_int64(st, 2, since);
		if ((rc = S_limit(s, st, max)) != STORE_OK)
			return rc;
	}
	if (p->parent != 0) {
		st = S_q(s, Q_MSG_ROOT);
		sqlite3_bind_int64(st, 1, p->parent);
		sqlite3_bind_int64(st, 2, p->gid);
		if ((rc = S_row(st)) != STORE_OK)
			return S_end(s, rc);
		/* The reply lives where its question is, of its kind. */
		root = sqlite3_column_int64(st, 0);
		S_copy(lbuf, sizeof lbuf, sqlite3_column_text(st, 1));
		S_copy(kind, sizeof kind, sqlite3_column_text(st, 2));
		sqlite3_reset(st);
		lesson = lbuf;
		k = kind;
	}
	st = S_q(s, Q_MSG_POST);
	sqlite3_bind_int64(st, 1, p->gid);
	if (p->pid != 0)
		sqlite3_bind_int64(st, 2, p->pid);
	if (p->tid != 0)
		sqlite3_bind_int64(st, 3, p->tid);
	if (root != 0)
		sqlite3_bind_int64(st, 4, root);
	S_text(st, 5, lesson);
	S_text(st, 6, k);
	S_text(st, 7, p->body);
	sqlite3_bind_int64(st, 8, now);
	sqlite3_bind_int(st, 9, p->state);
	if ((rc = S_exec(st)) != STORE_OK)
		return S_end(s, rc);
	*id = sqlite3_last_insert_rowid(s->db);
	if (p->jpeg == NULL || p->jpeg_len == 0)
		return S_end(s, STORE_OK);
	/* Its photo, in the same transaction: both or neither. */
	st = S_q(s, Q_PHOTO_ADD);
	sqlite3_bind_int64(st, 1, *id);
	sqlite3_bind_int64(st, 2, p->gid);
	S_text(st, 3, p->alt != NULL ? p->alt : "");
	sqlite3_bind_int(st, 4, p->photo_w);
	sqlite3_bind_int(st, 5, p->photo_h);
	sqlite3_bind_blob64(st, 6, p->jpeg, (sqlite3_uint64)p->jpeg_len,
	    SQLITE_STATIC);
	sqlite3_bind_int64(st, 7, now);
	rc = S_exec(st);
	sqlite3_clear_bindings(st);
	return S_end(s, rc);
}

static int
S_msgs(store *s, sqlite3_stmt *st, int (*fn)(void *, const store_msg *),
	void *ctx)
{
	store_msg m;
	int rc;

	(void)s;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		S_row_msg(st, &m);
		if (fn(ctx, &m) != 0)
			break;
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? STORE_OK : S_code(rc);
}

int
store_msg_roots(store *s, long long gid, const char *lesson, int limit,
	int offset, long long viewer, int (*fn)(void *, const store_msg *),
	void *ctx)
{
	sqlite3_stmt *st = S_q(s, lesson != NULL ? Q_MSG_ROOTS : Q_MSG_WALL);

	sqlite3_bind_int64(st, 1, gid);
	if (lesson != NULL)
		S_text(st, 2, lesson);
	sqlite3_bind_int(st, 3, limit);
	sqlite3_bind_int64(st, 4, viewer);
	sqlite3_bind_int(st, 5, offset);
	return S_msgs(s, st, fn, ctx);
}

int
store_msg_pinned(store *s, long long gid, const char *lesson, int limit,
	long long viewer, int (*fn)(void *, const store_msg *), void *ctx)
{
	sqlite3_stmt *st = S_q(s, Q_MSG_PINNED);

	sqlite3_bind_int64(st, 1, gid);
	if (lesson != NULL)
		S_text(st, 2, lesson);
	sqlite3_bind_int(st, 3, limit);
	sqlite3_bind_int64(st, 4, viewer);
	return S_msgs(s, st, fn, ctx);
}

int
store_msg_replies(store *s, long long root, int limit, long long viewer,
	int (*fn)(void *, const store_msg *), void *ctx)
{
	sqlite3_stmt *st = S_q(s, Q_MSG_REPLIES);

	sqlite3_bind_int64(st, 1, root);
	sqlite3_bind_int(st, 3, limit);
	sqlite3_bind_int64(st, 4, viewer);
	return S_msgs(s, st, fn, ctx);
}

int
store_react(store *s, long long id, long long gid, long long pid, int kind,
	long long now, int *count, int *mine)
{
	sqlite3_stmt *st;
	long long n = 0;
	int rc;

	if ((rc = S_begin(s)) != STORE_OK)
		return rc;
	st = S_q(s, Q_MSG_VISIBLE);
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, gid);
	if ((rc = S_row(st)) != STORE_OK)
		return S_end(s, rc);
	sqlite3_reset(st);
	/* One tap gives it, the next takes it back. */
	st = S_q(s, Q_REACT_DEL);
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, pid);
	sqlite3_bind_int(st, 3, kind);
	if ((rc = S_change(s, st)) == STORE_NONE) {
		*mine = 1;
		st = S_q(s, Q_REACT_ADD);
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_int64(st, 2, pid);
		sqlite3_bind_int(st, 3, kind);
		sqlite3_bind_int64(st, 4, now);
		rc = S_exec(st);
	} else {
		*mine = 0;
	}
	if (rc != STORE_OK)
		return S_end(s, rc);
	st = S_q(s, Q_REACT_COUNT);
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int(st, 2, kind);
	if ((rc = S_count(st, &n)) != STORE_OK)
		return S_end(s, rc);
	*count = (int)n;
	return S_end(s, STORE_OK);
}

int
store_reactors(store *s, long long id, int kind, int limit,
	int (*fn)(void *, const char *name), void *ctx)
{
	sqlite3_stmt *st = S_q(s, Q_REACTORS);
	int rc;

	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int(st, 2, kind);
	sqlite3_bind_int(st, 3, limit);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if (fn(ctx, (const char *)sqlite3_column_text(st, 0)) != 0)
			break;
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? STORE_OK : S_code(rc);
}

int
store_msg_solve(store *s, long long id, long long gid, long long asker,
	long long helpful, long long when)
{
	sqlite3_stmt *st = S_q(s, Q_MSG_SOLVE);

	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, gid);
	sqlite3_bind_int64(st, 3, asker);
	if (helpful != 0)
		sqlite3_bind_int64(st, 4, helpful);
	sqlite3_bind_int64(st, 5, when);
	return S_change(s, st);
}

int
store_msg_pin(store *s, long long id, long long gid, int pinned)
{
	sqlite3_stmt *st = S_q(s, Q_MSG_PIN);

	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, gid);
	sqlite3_bind_int(st, 3, pinned != 0);
	return S_change(s, st);
}

int
store_visit(store *s, long long pid, long long gid, const char *place,
	long long *last)
{
	sqlite3_stmt *st = S_q(s, Q_VISIT_GET);
	long long newest = 0;
	int rc;

	*last = 0;
	sqlite3_bind_int64(st, 1, pid);
	S_text(st, 2, place);
	if ((rc = S_row(st)) == STORE_OK) {
		*last = sqlite3_column_int64(st, 0);
		sqlite3_reset(st);
	} else if (rc != STORE_NONE) {
		return rc;
	}
	if (gid == 0)
		return STORE_OK;
	st = S_q(s, Q_MAX_ID);
	sqlite3_bind_int64(st, 1, gid);
	if (*place != '\0')
		S_text(st, 2, place);
	if ((rc = S_count(st, &newest)) != STORE_OK)
		return rc;
	if (newest <= *last)
		return STORE_OK;
	st = S_q(s, Q_VISIT_SET);
	sqlite3_bind_int64(st, 1, pid);
	S_text(st, 2, place);
	sqlite3_bind_int64(st, 3, newest);
	return S_exec(st);
}

static int
S_count2(store *s, int k, long long gid, const char *text, long long a,
	long long b, long long *n)
{
	sqlite3_stmt *st = S_q(s, k);

	sqlite3_bind_int64(st, 1, gid);
	if (k == Q_STAT_UNREAD) {
		sqlite3_bind_int64(st, 2, a);
		sqlite3_bind_int64(st, 3, b);
	} else {
		S_text(st, 2, text);
		sqlite3_bind_int64(st, 3, a);
		sqlite3_bind_int64(st, 4, b);
	}
	return S_count(st, n);
}

int
store_group_stats(store *s, long long gid, long long pid, const char *lesson,
	store_stats *out)
{
	long long seen_group = 0, seen_lesson = 0;
	int rc;

	memset(out, 0, sizeof *out);
	if ((rc = store_visit(s, pid, 0, "", &seen_group)) != STORE_OK ||
	    (rc = S_count2(s, Q_STAT_UNREAD, gid, NULL, seen_group, pid,
	    &out->unread)) != STORE_OK || lesson == NULL)
		return rc;
	if ((rc = store_visit(s, pid, 0, lesson, &seen_lesson)) != STORE_OK)
		return rc;
	if (seen_lesson < seen_group)
		seen_lesson = seen_group;
	if ((rc = S_count2(s, Q_STAT_LESSON, gid, lesson, 0, 0,
	    &out->messages)) != STORE_OK ||
	    (rc = S_count2(s, Q_STAT_NEW, gid, lesson, seen_lesson, pid,
	    &out->fresh)) != STORE_OK)
		return rc;
	return S_count2(s, Q_STAT_DONE, gid, lesson, 0, 0, &out->done);
}

int
store_joined(store *s, long long gid, int limit,
	int (*fn)(void *, const store_member *), void *ctx)
{
	return S_members(s, Q_JOINED, gid, limit, fn, ctx);
}

int
store_trainer_title(store *s, long long tid, char *title, size_t n)
{
	sqlite3_stmt *st = S_q(s, Q_TRAINER_TITLE);
	int rc;

	sqlite3_bind_int64(st, 1, tid);
	if ((rc = S_row(st)) != STORE_OK)
		return rc;
	S_copy(title, n, sqlite3_column_text(st, 0));
	sqlite3_reset(st);
	return STORE_OK;
}

int
store_trainer_title_set(store *s, const char *login, const char *title)
{
	sqlite3_stmt *st = S_q(s, Q_TRAINER_TITLE_SET);

	S_text(st, 1, login);
	S_text(st, 2, title);
	return S_change(s, st);
}

int
store_msg_lessons(store *s, long long gid, int limit,
	int (*fn)(void *, const char *lesson, long long n), void *ctx)
{
	sqlite3_stmt *st = S_q(s, Q_MSG_LESSONS);
	int rc;

	sqlite3_bind_int64(st, 1, gid);
	sqlite3_bind_int(st, 2, limit);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if (fn(ctx, (const char *)sqlite3_column_text(st, 0),
		    sqlite3_column_int64(st, 1)) != 0)
			break;
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? STORE_OK : S_code(rc);
}

/* ------------------------------------------------------------------ */
/* Photos */

int
store_photo_get(store *s, long long id, store_photo *ph, buf *jpeg)
{
	sqlite3_stmt *st = S_q(s, Q_PHOTO_GET);
	const void *p;
	int rc, n;

	sqlite3_bind_int64(st, 1, id);
	if ((rc = S_row(st)) != STORE_OK)
		return rc;
	ph->id = sqlite3_column_int64(st, 0);
	ph->mid = sqlite3_column_int64(st, 1);
	ph->gid = sqlite3_column_int64(st, 2);
	ph->pid = sqlite3_column_int64(st, 3);
	ph->state = sqlite3_column_int(st, 4);
	ph->width = sqlite3_column_int(st, 5);
	ph->height = sqlite3_column_int(st, 6);
	ph->bytes = sqlite3_column_int64(st, 7);
	if (jpeg != NULL) {
		p = sqlite3_column_blob(st, 8);
		n = sqlite3_column_bytes(st, 8);
		if (p != NULL && n > 0)
			buf_add(jpeg, p, (size_t)n);
	}
	sqlite3_reset(st);
	return STORE_OK;
}

int
store_group_photos(store *s, long long gid, int on)
{
	sqlite3_stmt *st = S_q(s, Q_GROUP_PHOTOS);

	sqlite3_bind_int64(st, 1, gid);
	sqlite3_bind_int(st, 2, on != 0);
	return S_change(s, st);
}

/* ------------------------------------------------------------------ */
/* Quiz answers (migration 7) */

int
store_quiz_answer(store *s, long long pid, long long gid, const char *lesson,
	const char *question, const char *choices, int correct, long long now)
{
	sqlite3_stmt *st = S_q(s, Q_QUIZ_ADD);
	int rc;

	sqlite3_bind_int64(st, 1, pid);
	sqlite3_bind_int64(st, 2, gid);
	S_text(st, 3, lesson);
	S_text(st, 4, question);
	S_text(st, 5, choices);
	sqlite3_bind_int(st, 6, correct != 0);
	sqlite3_bind_int64(st, 7, now);
	sqlite3_bind_int(st, 8, STORE_QUIZ_TRIES);
	if ((rc = S_exec(st)) != STORE_OK)
		return rc;
	return sqlite3_changes(s->db) > 0 ? STORE_OK : STORE_LIMIT;
}

int
store_quiz_last(store *s, long long pid, const char *lesson,
	const char *question, char *choices, size_t n, int *correct,
	int *tries)
{
	sqlite3_stmt *st = S_q(s, Q_QUIZ_LAST);
	int rc;

	sqlite3_bind_int64(st, 1, pid);
	S_text(st, 2, lesson);
	S_text(st, 3, question);
	if ((rc = S_row(st)) != STORE_OK)
		return rc;
	S_copy(choices, n, sqlite3_column_text(st, 0));
	*correct = sqlite3_column_int(st, 1);
	*tries = sqlite3_column_int(st, 2);
	sqlite3_reset(st);
	return STORE_OK;
}

int
store_quiz_stats(store *s, long long gid, int (*fn)(void *,
	const char *lesson, const char *question, int answered, int right),
	void *ctx)
{
	sqlite3_stmt *st = S_q(s, Q_QUIZ_STATS);
	int rc;

	sqlite3_bind_int64(st, 1, gid);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if (fn(ctx, (const char *)sqlite3_column_text(st, 0),
		    (const char *)sqlite3_column_text(st, 1),
		    sqlite3_column_int(st, 2), sqlite3_column_int(st, 3)) != 0)
			break;
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? STORE_OK : S_code(rc);
}

int
store_quiz_struggling(store *s, long long gid, void (*fn)(void *,
	long long pid, const char *lesson, const char *question), void *arg)
{
	sqlite3_stmt *st = S_q(s, Q_QUIZ_STRUGGLING);
	int rc;

	sqlite3_bind_int64(st, 1, gid);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		fn(arg, sqlite3_column_int64(st, 0),
		    (const char *)sqlite3_column_text(st, 1),
		    (const char *)sqlite3_column_text(st, 2));
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? STORE_OK : S_code(rc);
}

int
store_quiz_list(store *s, long long pid, int (*fn)(void *,
	const char *lesson, const char *question, const char *choices,
	int correct, long long at), void *ctx)
{
	sqlite3_stmt *st = S_q(s, Q_QUIZ_LIST);
	int rc;

	sqlite3_bind_int64(st, 1, pid);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if (fn(ctx, (const char *)sqlite3_column_text(st, 0),
		    (const char *)sqlite3_column_text(st, 1),
		    (const char *)sqlite3_column_text(st, 2),
		    sqlite3_column_int(st, 3), sqlite3_column_int64(st, 4)) != 0)
			break;
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? STORE_OK : S_code(rc);
}

/* ------------------------------------------------------------------ */
/* Following a group (cgi/follow.c) */

int
store_group_idle(store *s, long long gid, int *days)
{
	sqlite3_stmt *st = S_q(s, Q_IDLE_GET);
	int rc;

	sqlite3_bind_int64(st, 1, gid);
	if ((rc = S_row(st)) != STORE_OK)
		return rc;
	*days = sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	return STORE_OK;
}

int
store_group_idle_set(store *s, long long gid, int days)
{
	sqlite3_stmt *st = S_q(s, Q_IDLE_SET);

	sqlite3_bind_int64(st, 1, gid);
	sqlite3_bind_int(st, 2, days);
	return S_change(s, st);
}

int
store_group_activity(store *s, long long gid,
	int (*fn)(void *, long long, long long, long long), void *ctx)
{
	sqlite3_stmt *st = S_q(s, Q_ACTIVITY);
	int rc;

	sqlite3_bind_int64(st, 1, gid);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if (fn(ctx, sqlite3_column_int64(st, 0),
		    sqlite3_column_int64(st, 1),
		    sqlite3_column_int64(st, 2)) != 0)
			break;
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? STORE_OK : S_code(rc);
}

int
store_unanswered(store *s, long long gid, long long before, int limit,
	int (*fn)(void *, const store_msg *), void *ctx)
{
	sqlite3_stmt *st = S_q(s, Q_UNANSWERED);

	sqlite3_bind_int64(st, 1, gid);
	sqlite3_bind_int64(st, 2, before);
	sqlite3_bind_int(st, 3, limit);
	sqlite3_bind_int64(st, 4, 0); /* the viewer: a trainer */
	return S_msgs(s, st, fn, ctx);
}

int
store_member_msgs(store *s, long long gid, long long pid, int limit,
	int (*fn)(void *, const store_msg *), void *ctx)
{
	sqlite3_stmt *st = S_q(s, Q_MEMBER_MSGS);

	sqlite3_bind_int64(st, 1, gid);
	sqlite3_bind_int64(st, 2, pid);
	sqlite3_bind_int(st, 3, limit);
	sqlite3_bind_int64(st, 4, 0); /* the viewer: a trainer */
	return S_msgs(s, st, fn, ctx);
}
