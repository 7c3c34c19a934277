/*
 * trainer: the trainer space of eystime-cgi (routes under /trainer):
 * log in, follow one's groups' progress, print QR login cards, moderate
 * the messages, export or erase a participant. Trainers have their own
 * sessions (cookie eystime_trainer, Path=<api>/trainer, SameSite=Strict);
 * a participant's session never opens these pages.
 */
#ifndef EYSTIME_TRAINER_H
#define EYSTIME_TRAINER_H

#include <stddef.h>

#include <sodium.h>

#include "../common/buf.h"
#include "http.h"

struct app;

/* Answer a request whose path starts with /trainer. The caller has
 * already refused POSTs from another origin. */
void trainer_handle(struct app *a, http_req *req, http_res *res,
	long long now);

/* Passwords: argon2id (libsodium crypto_pwhash_str). These are the
 * parameters new hashes get; OWASP's minimum is 19 MiB and 2 passes. */
#define TRAINER_PW_OPS 2ULL
#define TRAINER_PW_MEM ((size_t)64 << 20)
#define TRAINER_PW_MAX 1024  /* bytes of a password */

/* Hash pw into out; 0, or -1 when out of memory. */
int trainer_pw_hash(char out[crypto_pwhash_STRBYTES], const char *pw,
	unsigned long long ops, size_t mem);
/* 0 when pw matches hash; *rehash is then 1 when hash was made with
 * weaker parameters than TRAINER_PW_OPS and TRAINER_PW_MEM. */
int trainer_pw_verify(const char *hash, const char *pw, int *rehash);

/* 1 when s is a login: 1 to 64 of a-z 0-9 . _ @ - (lower case). */
int trainer_login_ok(const char *s);

/* Seconds to wait before the next try after n failures, when the first
 * `free` failures cost nothing: 2, 4, 8… up to 15 minutes. */
long long trainer_delay(long long n, int free);

/* Append one CSV field: quoted when it holds ; , " CR or LF, quotes
 * doubled, and a field starting with = + - @ tab or CR prefixed with '
 * so that no spreadsheet takes it for a formula. */
void trainer_csv_cell(buf *b, const char *s);

#endif
