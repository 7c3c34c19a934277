/*
 * gate: how many password checks (argon2id, 64 MiB, about 0.1 s of a
 * core) run at once across every worker process of the program. Past
 * the bound a login is answered 503 at once, so that a flood of logins
 * never takes every worker from the participants (issue 18, item 5).
 *
 * The slots are byte locks of one file beside the database (Linux open
 * file description locks): a worker that dies releases its slot.
 */
#ifndef EYSTIME_GATE_H
#define EYSTIME_GATE_H

/* Password checks at once, for the whole site: one keeps 64 MiB and one
 * core for them, about 10 logins a second (docs/security.md). */
#define GATE_SLOTS 1
#define GATE_RETRY 2 /* seconds, the Retry-After of a login turned away */

/* Open (create) the lock file of database db ("<db>-logins.lock") for
 * this process; -1 when it cannot be (the gate then lets all pass,
 * and says so in the log). */
int gate_open(const char *db);
/* Take a free slot: its number (0 or more; GATE_SLOTS when there is no
 * gate), or -1 when all are taken. */
int gate_enter(void);
/* Give slot back (a number gate_enter gave; -1 is ignored). */
void gate_leave(int slot);
void gate_close(void);

#endif
