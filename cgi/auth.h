/*
 * auth: who is asking. Passwords (argon2id), session and card tokens,
 * form (CSRF) tokens, join codes, and the keys of the rate limits.
 * Pure functions on bytes: no request, no database.
 */
#ifndef EYSTIME_AUTH_H
#define EYSTIME_AUTH_H

#include <stddef.h>

#include <sodium.h>

#define AUTH_TOKEN_LEN 32     /* bytes of a session or card token */
#define AUTH_HASH_LEN 32      /* its BLAKE2b-256 hash, what the store keeps */
#define AUTH_TOKEN_TEXT 64    /* its base64url text with the NUL (44 used) */
#define AUTH_CSRF_HEX 32      /* hex digits of a form token */
#define AUTH_CSRF_SIZE (AUTH_CSRF_HEX + 1)
/* A group's join code: 8 characters of a 31-symbol alphabet, 31^8 =
 * 8.5e11 codes (issue 18: 6 were brute-forced over IPv6 in hours; with
 * 8 and the site-wide budget of wrong codes, docs/security.md counts
 * thousands of years from a /32). Codes made before keep working. */
#define AUTH_CODE_LEN 8       /* characters of a new join code */
#define AUTH_CODE_SIZE 12     /* a buffer for one, with the NUL */
#define AUTH_PCODE_LEN 6      /* characters of a personal code */
#define AUTH_CODE_TYPED 16    /* characters of a code as typed, at most */
#define AUTH_CODE_MIN 4       /* characters of a code as typed, at least */
#define AUTH_CODE_TRIES 20    /* new codes tried before giving up */

/* A participant's session ends after this many days without a visit
 * (sliding: each visit moves the end); the host sets it with
 * EYSTIME_SESSION_DAYS, 1 to AUTH_SESSION_DAYS_MAX (browsers keep a
 * cookie 400 days at most). admin purge removes ended sessions. */
#define AUTH_SESSION_DAYS 180
#define AUTH_SESSION_DAYS_MAX 400
#define AUTH_DAY (24LL * 3600)

/* A personal code ("votre code personnel"): AUTH_PCODE_LEN characters
 * of the join codes' alphabet, hashed lightly (argon2id at libsodium's
 * minimum: the code is throttled, per participant and overall). */
#define AUTH_PCODE_OPS 1ULL
#define AUTH_PCODE_MEM ((size_t)8 << 20)

/* Passwords: argon2id (libsodium crypto_pwhash_str). These are the
 * parameters new hashes get; OWASP's minimum is 19 MiB and 2 passes. */
#define AUTH_PW_OPS 2ULL
#define AUTH_PW_MEM ((size_t)64 << 20)
#define AUTH_PW_MIN 8        /* bytes of a password, at least */
#define AUTH_PW_MAX 1024     /* bytes of a password, at most */
#define AUTH_LOGIN_MAX 64    /* characters of a trainer's login */

/* Hash pw into out; 0, or -1 when out of memory. */
int auth_pw_hash(char out[crypto_pwhash_STRBYTES], const char *pw,
	unsigned long long ops, size_t mem);
/* 0 when pw matches hash; *rehash is then 1 when hash was made with
 * weaker parameters than AUTH_PW_OPS and AUTH_PW_MEM. */
int auth_pw_verify(const char *hash, const char *pw, int *rehash);
/* A hash to check a password against when the login does not exist, so
 * that a wrong login takes as long as a wrong password. Made once per
 * process; static storage. */
const char *auth_dummy_hash(void);

/* 1 when s is a login: 1 to 64 of a-z 0-9 . _ @ - (lower case). */
int auth_login_ok(const char *s);

/* Seconds to wait before the next try after n failures, when the first
 * `free` failures cost nothing: 2, 4, 8… up to 15 minutes. */
long long auth_delay(long long n, int free);

/* A new random token: its text for a cookie or a link, and its hash. */
void auth_token_new(char text[AUTH_TOKEN_TEXT],
	unsigned char hash[AUTH_HASH_LEN]);
/* The hash of the token written as text (a cookie, a card's t=); 0, or
 * -1 when text is not a token. */
int auth_token_hash(const char *text, unsigned char hash[AUTH_HASH_LEN]);

/* The form token of a session (hash: its token's hash), for one purpose
 * ("csrf", "trainer-csrf"): AUTH_CSRF_HEX hex digits into out. */
void auth_csrf(const char *purpose, const unsigned char hash[AUTH_HASH_LEN],
	char out[AUTH_CSRF_SIZE]);
/* 1 when got (a form's csrf field, or NULL) is that token. */
int auth_csrf_ok(const char *got, const char *purpose,
	const unsigned char hash[AUTH_HASH_LEN]);

/* The session lifetime in seconds from EYSTIME_SESSION_DAYS (NULL:
 * the default); -1 when it is not a number of days in range. */
long long auth_session_life(const char *days);

/* A new join code: AUTH_CODE_LEN characters from an alphabet without
 * 0/O, 1/l/I, easy to read aloud and to type. */
void auth_new_code(char out[AUTH_CODE_SIZE]);
/* A new personal code: AUTH_PCODE_LEN characters of the same alphabet
 * (throttled per participant: shorter, as it sits on her card). */
void auth_new_pcode(char out[AUTH_CODE_SIZE]);
/* A code as typed (spaces and hyphens dropped, upper-cased) into out;
 * 0, or -1 when it cannot be a code. */
int auth_clean_code(const char *in, char *out, size_t outsz);

/* The key of an address for rate limits: an IPv4 address as it is, an
 * IPv6 address by its /64, which one home or one device may hold whole;
 * an IPv4-mapped one (::ffff:a.b.c.d, a dual-stack socket) as its IPv4
 * address, not as the one /64 all of IPv4 would share. */
void auth_addr_key(const char *addr, char *out, size_t outsz);

#endif
