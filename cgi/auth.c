#include "auth.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ */
/* Passwords */

int
auth_pw_hash(char out[crypto_pwhash_STRBYTES], const char *pw,
	unsigned long long ops, size_t mem)
{
	return crypto_pwhash_str(out, pw, strlen(pw), ops, mem) == 0 ? 0 : -1;
}

int
auth_pw_verify(const char *hash, const char *pw, int *rehash)
{
	*rehash = 0;
	if (crypto_pwhash_str_verify(hash, pw, strlen(pw)) != 0)
		return -1;
	*rehash = crypto_pwhash_str_needs_rehash(hash, AUTH_PW_OPS,
	    AUTH_PW_MEM) != 0;
	return 0;
}

const char *
auth_dummy_hash(void)
{
	static char h[crypto_pwhash_STRBYTES];

	if (h[0] == '\0' && auth_pw_hash(h, "eystime: no such login",
	    AUTH_PW_OPS, AUTH_PW_MEM) < 0)
		h[0] = '\0';
	return h;
}

int
auth_login_ok(const char *s)
{
	size_t n = 0;

	for (; s[n] != '\0'; n++)
		if (!((s[n] >= 'a' && s[n] <= 'z') || (s[n] >= '0' &&
		    s[n] <= '9') || strchr("._@-", s[n]) != NULL) ||
		    n >= AUTH_LOGIN_MAX)
			return 0;
	return n > 0;
}

long long
auth_delay(long long n, int free)
{
	/* 2 << 9 passes the cap: from there on, the cap. */
	const long long cap = 15 * 60;
	long long k = n - free;

	if (k < 0)
		return 0;
	if (k >= 9)
		return cap;
	return (long long)2 << k < cap ? (long long)2 << k : cap;
}

/* ------------------------------------------------------------------ */
/* Tokens */

void
auth_token_new(char text[AUTH_TOKEN_TEXT], unsigned char hash[AUTH_HASH_LEN])
{
	unsigned char token[AUTH_TOKEN_LEN];

	randombytes_buf(token, sizeof token);
	crypto_generichash(hash, AUTH_HASH_LEN, token, sizeof token, NULL, 0);
	sodium_bin2base64(text, AUTH_TOKEN_TEXT, token, sizeof token,
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	sodium_memzero(token, sizeof token);
}

int
auth_token_hash(const char *text, unsigned char hash[AUTH_HASH_LEN])
{
	unsigned char token[AUTH_TOKEN_LEN];
	size_t len, n;

	if (text == NULL || (n = strlen(text)) == 0 || n >= AUTH_TOKEN_TEXT ||
	    sodium_base642bin(token, sizeof token, text, n, NULL, &len, NULL,
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 ||
	    len != AUTH_TOKEN_LEN)
		return -1;
	crypto_generichash(hash, AUTH_HASH_LEN, token, sizeof token, NULL, 0);
	return 0;
}

/* The CSRF token of the forms this program renders: tied to the
 * session, unknown to another site. */
void
auth_csrf(const char *purpose, const unsigned char hash[AUTH_HASH_LEN],
	char out[AUTH_CSRF_SIZE])
{
	unsigned char mac[AUTH_CSRF_HEX / 2];

	crypto_generichash(mac, sizeof mac, (const unsigned char *)purpose,
	    strlen(purpose), hash, AUTH_HASH_LEN);
	sodium_bin2hex(out, AUTH_CSRF_SIZE, mac, sizeof mac);
}

int
auth_csrf_ok(const char *got, const char *purpose,
	const unsigned char hash[AUTH_HASH_LEN])
{
	char want[AUTH_CSRF_SIZE];

	auth_csrf(purpose, hash, want);
	return got != NULL && strlen(got) == AUTH_CSRF_HEX &&
	    sodium_memcmp(got, want, AUTH_CSRF_HEX) == 0;
}

/* ------------------------------------------------------------------ */
/* Join codes */

static const char S_alphabet[] = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

static void
S_new_code(char *out, int n)
{
	int i;

	for (i = 0; i < n; i++)
		out[i] = S_alphabet[randombytes_uniform(sizeof S_alphabet - 1)];
	out[n] = '\0';
}

void
auth_new_code(char out[AUTH_CODE_SIZE])
{
	S_new_code(out, AUTH_CODE_LEN);
}

void
auth_new_pcode(char out[AUTH_CODE_SIZE])
{
	S_new_code(out, AUTH_PCODE_LEN);
}

int
auth_clean_code(const char *in, char *out, size_t outsz)
{
	size_t k = 0;

	for (; *in != '\0'; in++) {
		if (*in == ' ' || *in == '-')
			continue;
		if (!isalnum((unsigned char)*in) || k + 1 >= outsz)
			return -1;
		out[k++] = (char)toupper((unsigned char)*in);
	}
	out[k] = '\0';
	return k >= AUTH_CODE_MIN ? 0 : -1;
}

long long
auth_session_life(const char *days)
{
	char *end;
	long n;

	if (days == NULL || *days == '\0')
		return AUTH_SESSION_DAYS * AUTH_DAY;
	n = strtol(days, &end, 10);
	if (*end != '\0' || n < 1 || n > AUTH_SESSION_DAYS_MAX)
		return -1;
	return n * AUTH_DAY;
}

void
auth_addr_key(const char *addr, char *out, size_t outsz)
{
	unsigned char a6[16];

	if (strchr(addr, ':') != NULL && inet_pton(AF_INET6, addr, a6) == 1) {
		static const unsigned char mapped[12] = { 0, 0, 0, 0, 0, 0,
			0, 0, 0, 0, 0xff, 0xff };

		if (memcmp(a6, mapped, sizeof mapped) == 0 &&
		    inet_ntop(AF_INET, a6 + 12, out, (socklen_t)outsz) != NULL)
			return;
		memset(a6 + 8, 0, 8);
		if (inet_ntop(AF_INET6, a6, out, (socklen_t)outsz) != NULL)
			return;
	}
	snprintf(out, outsz, "%.*s", (int)outsz - 1, addr);
}
