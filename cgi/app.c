#include "app.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "../common/msg.h"
#include "../common/text.h"
#include "io.h"
#include "trainer.h"

#define COOKIE "eystime"
#define TOKEN_LEN 32
#define NAME_MAX_CHARS 40
#define BODY_MAX_CHARS 2000
#define EDIT_WINDOW (15 * 60)
#define MSG_PER_MINUTE 5
#define JOIN_WINDOW (10 * 60)
#define JOIN_PER_WINDOW 100  /* one address: a whole room behind one box */
#define FEED_LIMIT 50
#define LESSON_LIMIT 200  /* the newest messages shown under a lesson */

/* One request being answered. */
typedef struct ctx {
	app *a;
	http_req *req;
	http_res *res;
	store_who who;      /* the participant, when joined */
	int joined;         /* who is set */
	unsigned char hash[STORE_HASH_LEN]; /* of the session token */
	long long now;
} ctx;

/* ------------------------------------------------------------------ */

static void
S_esc(buf *b, const char *s)
{
	html_escape(b, s, strlen(s));
}

long long
app_id(const char *s)
{
	long long v = 0;
	int n = 0;

	if (s == NULL)
		return 0;
	for (; *s >= '0' && *s <= '9' && n < 15; s++, n++)
		v = v * 10 + (*s - '0');
	return *s == '\0' && n > 0 ? v : 0;
}

/* Count the code points of valid UTF-8 text. */
size_t
app_chars(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return n;
}

/* A copy of s without blanks at either end. */
char *
app_trim(const char *s)
{
	const char *e;

	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n' ||
	    e[-1] == '\r'))
		e--;
	return mem_strndup(s, (size_t)(e - s));
}

const char *
app_month(int mon)
{
	static const char *const fr[] = { "janvier", "février", "mars",
		"avril", "mai", "juin", "juillet", "août", "septembre",
		"octobre", "novembre", "décembre" };
	static const char *const en[] = { "January", "February", "March",
		"April", "May", "June", "July", "August", "September",
		"October", "November", "December" };

	if (mon < 0 || mon > 11)
		return "";
	return msg_is_en() ? en[mon] : fr[mon];
}

void
app_date(buf *b, long long t)
{
	time_t tt = (time_t)t;
	struct tm tm;

	localtime_r(&tt, &tm);
	if (msg_is_en())
		buf_printf(b, "%s %d, %d:%02d", app_month(tm.tm_mon),
		    tm.tm_mday, tm.tm_hour, tm.tm_min);
	else
		buf_printf(b, "%d %s à %d h %02d", tm.tm_mday,
		    app_month(tm.tm_mon), tm.tm_hour, tm.tm_min);
}

/* The CSRF token of the forms this program renders: tied to the
 * session, unknown to another site. */
void
app_csrf(const char *purpose, const unsigned char hash[STORE_HASH_LEN],
	char out[33])
{
	unsigned char mac[16];

	crypto_generichash(mac, sizeof mac, (const unsigned char *)purpose,
	    strlen(purpose), hash, STORE_HASH_LEN);
	sodium_bin2hex(out, 33, mac, sizeof mac);
}

int
app_csrf_ok(const http_req *req, const char *purpose,
	const unsigned char hash[STORE_HASH_LEN])
{
	const char *got = http_form(req, "csrf");
	char want[33];

	app_csrf(purpose, hash, want);
	return got != NULL && strlen(got) == 32 &&
	    sodium_memcmp(got, want, 32) == 0;
}

static void
S_csrf(const ctx *c, char out[33])
{
	app_csrf("csrf", c->hash, out);
}

static int
S_csrf_ok(const ctx *c)
{
	return app_csrf_ok(c->req, "csrf", c->hash);
}

/* ------------------------------------------------------------------ */
/* Answers */

static void
S_page(ctx *c, int status, const char *title, const char *main)
{
	c->res->status = status;
	c->res->type = "text/html; charset=utf-8";
	buf_reset(&c->res->body);
	course_page(&c->a->site, &c->res->body, title, main);
	/* Never a 200 with its content missing. */
	if (c->res->body.overflow) {
		io_log("page too large: %s", c->req->path);
		c->res->status = 500;
		buf_reset(&c->res->body);
		buf_puts(&c->res->body, msg("Page trop longue.\n",
		    "Page too long.\n"));
		c->res->type = "text/plain; charset=utf-8";
	}
}

static void
S_json(ctx *c, int status, const char *json)
{
	c->res->status = status;
	c->res->type = "application/json";
	buf_reset(&c->res->body);
	if (buf_puts(&c->res->body, json) < 0) {
		io_log("answer too large: %s", c->req->path);
		c->res->status = 500;
		buf_reset(&c->res->body);
		buf_puts(&c->res->body, "{\"error\":\"too large\"}");
	}
}

/* A 4xx or 5xx: a short page in plain words (JSON when asked), and one
 * line in the log. */
static void
S_fail(ctx *c, int status, const char *why)
{
	buf b;

	io_log("%d %s %s: %s", status, c->req->method_name, c->req->path, why);
	buf_init(&b, 1 << 16);
	if (c->req->wants_json) {
		buf_puts(&b, "{\"error\":\"");
		json_escape(&b, why);
		buf_puts(&b, "\"}");
		S_json(c, status, b.data);
	} else {
		buf_puts(&b, "<h1>");
		S_esc(&b, status == 404 ? msg("Page introuvable",
		    "Page not found") : status >= 500 ? msg("Service "
		    "indisponible", "Service unavailable") : msg("Demande "
		    "refusée", "Request refused"));
		buf_puts(&b, "</h1>\n<p>");
		S_esc(&b, why);
		buf_puts(&b, "</p>\n<p><a href=\"");
		S_esc(&b, c->a->site.root);
		buf_printf(&b, "\">%s</a></p>\n", msg("Revenir à l'accueil",
		    "Back to the home page"));
		S_page(c, status, msg("Erreur", "Error"), b.data);
	}
	if (status == 429 || status == 503)
		http_header(c->res, "Retry-After: 60");
	buf_free(&b);
}

static void
S_store_fail(ctx *c, int rc)
{
	if (rc == STORE_BUSY) {
		S_fail(c, 503, msg("Le serveur est très occupé. Réessayez "
		    "dans une minute.", "The server is very busy. Try again "
		    "in a minute."));
		return;
	}
	io_log("store: %s", store_error(c->a->db));
	if (rc == STORE_FULL) {
		S_fail(c, 503, msg("Le serveur n'a plus de place pour "
		    "enregistrer. Réessayez plus tard ; prévenez la personne "
		    "qui anime l'atelier.", "The server has no room left to "
		    "save. Try again later; tell your trainer."));
		return;
	}
	S_fail(c, 503, msg("Enregistrement impossible pour le moment. "
	    "Réessayez plus tard.", "Cannot save right now. Try again "
	    "later."));
}

static void
S_redirect(ctx *c, const char *to)
{
	c->res->status = 303;
	http_location(c->res, to);
	buf_reset(&c->res->body);
}

/* Where to go back to: `next` when it is a path of this site, else the
 * site's home. */
static const char *
S_next(ctx *c, const char *next)
{
	return http_safe_next(next) ? next : c->a->site.root;
}

/* ------------------------------------------------------------------ */
/* Sessions */

static void
S_session(ctx *c)
{
	unsigned char token[TOKEN_LEN];
	size_t len;

	if (c->req->cookie[0] == '\0')
		return;
	if (sodium_base642bin(token, sizeof token, c->req->cookie,
	    strlen(c->req->cookie), NULL, &len, NULL,
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 ||
	    len != TOKEN_LEN)
		return;
	crypto_generichash(c->hash, sizeof c->hash, token, sizeof token,
	    NULL, 0);
	if (store_session(c->a->db, c->hash, c->now, &c->who) == STORE_OK)
		c->joined = 1;
}

static void
S_cookie(ctx *c, const char *value, long max_age)
{
	http_header(c->res, "Set-Cookie: " COOKIE "=%s; Path=%s; Max-Age=%ld; "
	    "HttpOnly; SameSite=Lax%s", value, c->a->site.api, max_age,
	    c->req->https || strncmp(c->a->origin, "https://", 8) == 0 ?
	    "; Secure" : "");
}

/* The join form, for pages that need a participant. */
static void
S_join_form(ctx *c, buf *b, const char *next, const char *problem)
{
	buf_printf(b, "<h1>%s</h1>\n", msg("Rejoindre mon groupe",
	    "Join my group"));
	if (problem != NULL) {
		buf_puts(b, "<p class=\"error\" role=\"alert\">");
		S_esc(b, problem);
		buf_puts(b, "</p>\n");
	}
	buf_printf(b, "<p>%s</p>\n", msg("Votre formateur ou formatrice vous "
	    "donne le code du groupe. Vous n'avez besoin que de votre "
	    "prénom.", "Your trainer gives you the group's code. You only "
	    "need your first name."));
	buf_puts(b, "<form method=\"post\" action=\"");
	S_esc(b, c->a->site.api);
	buf_puts(b, "/join\" class=\"join\">\n");
	buf_printf(b, "<p><label for=\"code\">%s</label>\n"
	    "<input id=\"code\" name=\"code\" required maxlength=\"16\" "
	    "autocomplete=\"off\" autocapitalize=\"characters\"></p>\n",
	    msg("Code du groupe", "Group code"));
	buf_printf(b, "<p><label for=\"name\">%s</label>\n"
	    "<input id=\"name\" name=\"name\" required maxlength=\"40\" "
	    "autocomplete=\"given-name\"></p>\n", msg("Votre prénom",
	    "Your first name"));
	buf_puts(b, "<input type=\"hidden\" name=\"next\" value=\"");
	S_esc(b, S_next(c, next));
	buf_printf(b, "\">\n<p><button type=\"submit\">%s</button></p>\n"
	    "</form>\n", msg("Rejoindre", "Join"));
}

/* The page asked for needs a participant: show the join form, then come
 * back to `next`. */
static void
S_need_join(ctx *c, const char *next)
{
	buf b;

	if (c->req->wants_json) {
		S_json(c, 401, "{\"error\":\"join\"}");
		return;
	}
	buf_init(&b, 1 << 16);
	S_join_form(c, &b, next, NULL);
	S_page(c, 200, msg("Rejoindre mon groupe", "Join my group"), b.data);
	buf_free(&b);
}

/* ------------------------------------------------------------------ */
/* Routes */

/*
 * A first name shows beside others: no control characters (C0, C1) and
 * none of Unicode's invisible or direction-changing ones, with which
 * "Awa\u200b" would pass for "Awa".
 */
int
app_name_ok(const char *s)
{
	size_t n = strlen(s), i = 0, len;
	unsigned cp;

	while (i < n) {
		cp = utf8_decode(s + i, n - i, &len);
		i += len;
		if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || cp == 0xad ||
		    (cp >= 0x200b && cp <= 0x200f) ||
		    (cp >= 0x2028 && cp <= 0x202e) ||
		    (cp >= 0x2060 && cp <= 0x206f) || cp == 0xfeff ||
		    (cp >= 0xfff9 && cp <= 0xfffb))
			return 0;
	}
	return 1;
}

/*
 * The key of an address for the join limit: an IPv4 address as it is, an
 * IPv6 address by its /64, which one home or one device may hold whole.
 */
void
app_addr_key(const char *addr, char *out, size_t outsz)
{
	unsigned char a6[16];

	if (strchr(addr, ':') != NULL && inet_pton(AF_INET6, addr, a6) == 1) {
		memset(a6 + 8, 0, 8);
		if (inet_ntop(AF_INET6, a6, out, (socklen_t)outsz) != NULL)
			return;
	}
	snprintf(out, outsz, "%.*s", (int)outsz - 1, addr);
}

/* The group code as typed: letters and digits kept, upper-cased. */
static int
S_clean_code(const char *in, char *out, size_t outsz)
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
	return k >= 4 ? 0 : -1;
}

static void
S_join(ctx *c)
{
	const char *code_in = http_form(c->req, "code"),
	    *name_in = http_form(c->req, "name"),
	    *next = http_form(c->req, "next");
	unsigned char token[TOKEN_LEN];
	char code[17], cookie[64], *name = NULL, key[INET6_ADDRSTRLEN];
	long long gid;
	int rc;
	buf b;

	buf_init(&b, 1 << 16);
	app_addr_key(c->req->addr, key, sizeof key);
	rc = store_join_attempt(c->a->db, key, c->now, c->now - JOIN_WINDOW,
	    JOIN_PER_WINDOW);
	if (rc != STORE_OK && rc != STORE_LIMIT) {
		S_store_fail(c, rc);
		goto out;
	}
	if (rc == STORE_LIMIT) {
		S_fail(c, 429, msg("Trop d'essais depuis cette connexion. "
		    "Attendez quelques minutes.", "Too many tries from this "
		    "connection. Wait a few minutes."));
		goto out;
	}
	name = app_trim(name_in ? name_in : "");
	if (code_in == NULL || S_clean_code(code_in, code, sizeof code) < 0 ||
	    (rc = store_group_find(c->a->db, code, &gid)) == STORE_NONE) {
		S_join_form(c, &b, next, msg("Ce code de groupe n'existe pas. "
		    "Vérifiez-le avec votre formateur.", "This group code does "
		    "not exist. Check it with your trainer."));
		S_page(c, 400, msg("Rejoindre mon groupe", "Join my group"),
		    b.data);
		goto out;
	}
	if (rc != STORE_OK) {
		S_store_fail(c, rc);
		goto out;
	}
	if (*name == '\0' || app_chars(name) > NAME_MAX_CHARS ||
	    !app_name_ok(name)) {
		S_join_form(c, &b, next, msg("Écrivez votre prénom (40 "
		    "lettres au plus).", "Write your first name (40 letters at "
		    "most)."));
		S_page(c, 400, msg("Rejoindre mon groupe", "Join my group"),
		    b.data);
		goto out;
	}
	randombytes_buf(token, sizeof token);
	crypto_generichash(c->hash, sizeof c->hash, token, sizeof token,
	    NULL, 0);
	if ((rc = store_join(c->a->db, gid, name, c->hash, &c->who)) !=
	    STORE_OK) {
		S_store_fail(c, rc);
		goto out;
	}
	sodium_bin2base64(cookie, sizeof cookie, token, sizeof token,
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	S_cookie(c, cookie, 400L * 24 * 3600);
	S_redirect(c, S_next(c, next));
out:
	free(name);
	buf_free(&b);
}

static void
S_done(ctx *c)
{
	const char *lesson = http_form(c->req, "lesson"),
	    *undo = http_form(c->req, "undo"), *next = http_form(c->req, "next");
	const course_item *l;
	int rc, is_undo = undo != NULL && strcmp(undo, "1") == 0;
	buf b;

	if (lesson == NULL || (l = course_lesson(&c->a->site, lesson)) ==
	    NULL) {
		S_fail(c, 400, msg("Cette leçon n'existe pas.",
		    "This lesson does not exist."));
		return;
	}
	if (!c->joined) {
		S_need_join(c, next);
		return;
	}
	rc = store_done(c->a->db, c->who.pid, l->id, is_undo, c->now);
	if (rc != STORE_OK) {
		S_store_fail(c, rc);
		return;
	}
	if (c->req->wants_json) {
		buf_init(&b, 4096);
		buf_puts(&b, "{\"lesson\":\"");
		json_escape(&b, l->id);
		buf_printf(&b, "\",\"done\":%s}", is_undo ? "false" : "true");
		S_json(c, 200, b.data);
		buf_free(&b);
		return;
	}
	if (!http_safe_next(next)) {
		buf_init(&b, 4096);
		buf_printf(&b, "%s%s", c->a->site.root, l->url);
		S_redirect(c, b.data);
		buf_free(&b);
		return;
	}
	S_redirect(c, next);
}

typedef struct done_set {
	const course *site;
	unsigned char *done; /* one flag per lesson of the manifest */
	long long *at;       /* when */
	buf *json;           /* for /progress */
	int n;
} done_set;

static int
S_collect(void *p, const char *lesson, long long at)
{
	done_set *d = p;
	const course_item *l = course_lesson(d->site, lesson);

	/* A lesson removed from the site since stays in the database but
	 * is not shown. */
	if (l == NULL)
		return 0;
	d->done[course_index(d->site, l)] = 1;
	d->at[course_index(d->site, l)] = at;
	if (d->json != NULL) {
		buf_puts(d->json, d->n ? ",\"" : "\"");
		json_escape(d->json, lesson);
		buf_putc(d->json, '"');
	}
	d->n++;
	return 0;
}

static int
S_load_done(ctx *c, done_set *d, buf *json)
{
	int nl = c->a->site.nl, rc;

	d->site = &c->a->site;
	d->done = mem_alloc(NULL, (size_t)nl + 1);
	d->at = mem_alloc(NULL, ((size_t)nl + 1) * sizeof *d->at);
	memset(d->done, 0, (size_t)nl + 1);
	d->json = json;
	d->n = 0;
	rc = store_done_list(c->a->db, c->who.pid, S_collect, d);
	if (rc != STORE_OK) {
		free(d->done);
		free(d->at);
		S_store_fail(c, rc);
	}
	return rc;
}

static void
S_progress(ctx *c)
{
	done_set d;
	buf b;

	buf_init(&b, 1 << 20);
	if (!c->joined) {
		S_json(c, 200, "{\"joined\":false,\"done\":[]}");
		buf_free(&b);
		return;
	}
	buf_puts(&b, "{\"joined\":true,\"name\":\"");
	json_escape(&b, c->who.name);
	buf_puts(&b, "\",\"done\":[");
	if (S_load_done(c, &d, &b) == STORE_OK) {
		buf_puts(&b, "]}");
		S_json(c, 200, b.data);
		free(d.done);
		free(d.at);
	}
	buf_free(&b);
}

static void
S_link(ctx *c, buf *b, const course_item *it)
{
	buf_puts(b, "<a href=\"");
	S_esc(b, c->a->site.root);
	S_esc(b, it->url);
	buf_puts(b, "\">");
	S_esc(b, it->title);
	buf_puts(b, "</a>");
}

static void
S_api_link(ctx *c, buf *b, const char *path)
{
	S_esc(b, c->a->site.api);
	S_esc(b, path);
}

/*
 * My next lesson, as the theme's script chooses it: in the first module
 * begun and not finished, its first lesson not done; else the first
 * lesson not done of the course. NULL when all are done.
 */
static const course_item *
S_next_lesson(const course *site, const unsigned char *done)
{
	int m, i, begun, open;

	for (m = 0; m < site->nm; m++) {
		begun = open = 0;
		for (i = 0; i < site->nl; i++) {
			if (site->l[i].module_index != m)
				continue;
			begun |= done[i];
			open |= !done[i];
		}
		if (!begun || !open)
			continue;
		for (i = 0; i < site->nl; i++)
			if (site->l[i].module_index == m && !done[i])
				return &site->l[i];
	}
	for (i = 0; i < site->nl; i++)
		if (!done[i])
			return &site->l[i];
	return NULL;
}

static void
S_me(ctx *c)
{
	const course *site = &c->a->site;
	const course_item *next = NULL;
	done_set d;
	char csrf[33];
	int m, i, ndone, total = 0, alldone = 0;
	buf b;

	if (!c->joined) {
		const char *back = http_query(c->req, "next");

		/* Having joined, come back here, unless asked otherwise. */
		buf_init(&b, 4096);
		buf_printf(&b, "%s/me", site->api);
		S_need_join(c, back != NULL ? back : b.data);
		buf_free(&b);
		return;
	}
	if (S_load_done(c, &d, NULL) != STORE_OK)
		return;
	buf_init(&b, 1 << 20);
	for (i = 0; i < site->nl; i++) {
		total++;
		alldone += d.done[i];
	}
	next = S_next_lesson(site, d.done);
	buf_printf(&b, "<h1>%s</h1>\n<p>", msg("Mon parcours", "My progress"));
	buf_printf(&b, msg("Bonjour %s", "Hello %s"), "");
	S_esc(&b, c->who.name);
	buf_printf(&b, msg(" ! Vous êtes dans le groupe « %s", " ! You are "
	    "in the group \"%s"), "");
	S_esc(&b, c->who.group);
	buf_printf(&b, "%s</p>\n", msg(" ».", "\"."));
	buf_printf(&b, "<p>%s %d / %d</p>\n", msg("Leçons terminées :",
	    "Lessons done:"), alldone, total);
	if (next != NULL) {
		buf_printf(&b, "<p class=\"next-lesson\">%s ",
		    msg("Ma prochaine leçon :", "My next lesson:"));
		S_link(c, &b, next);
		buf_puts(&b, "</p>\n");
	}
	for (m = 0; m < site->nm; m++) {
		int nl = 0;

		for (i = 0, ndone = 0; i < site->nl; i++)
			if (site->l[i].module_index == m) {
				nl++;
				ndone += d.done[i];
			}
		buf_puts(&b, "<section class=\"module-progress\">\n<h2>");
		S_link(c, &b, &site->m[m]);
		buf_printf(&b, "</h2>\n<p>%d / %d %s</p>\n<ul>\n", ndone, nl,
		    msg("leçons terminées", "lessons done"));
		for (i = 0; i < site->nl; i++) {
			if (site->l[i].module_index != m)
				continue;
			buf_printf(&b, "<li%s>", d.done[i] ?
			    " class=\"done\"" : "");
			S_link(c, &b, &site->l[i]);
			if (d.done[i]) {
				buf_printf(&b, " <span class=\"done-mark\">✓ "
				    "%s ", msg("terminée le", "done on"));
				app_date(&b, d.at[i]);
				buf_puts(&b, "</span>");
			}
			buf_puts(&b, " · <a href=\"");
			S_api_link(c, &b, "/comments?lesson=");
			S_esc(&b, site->l[i].id);
			buf_printf(&b, "\">%s</a></li>\n",
			    msg("discussion", "discussion"));
		}
		buf_puts(&b, "</ul>\n</section>\n");
	}
	S_csrf(c, csrf);
	buf_printf(&b, "<section class=\"my-data\">\n<h2>%s</h2>\n",
	    msg("Mes données", "My data"));
	buf_puts(&b, "<p><a href=\"");
	S_api_link(c, &b, "/feed");
	buf_printf(&b, "\">%s</a></p>\n", msg("Les derniers messages du groupe",
	    "The group's latest messages"));
	buf_puts(&b, "<p><a href=\"");
	S_api_link(c, &b, "/me/export");
	buf_printf(&b, "\">%s</a></p>\n", msg("Télécharger mes données",
	    "Download my data"));
	buf_puts(&b, "<form method=\"post\" action=\"");
	S_api_link(c, &b, "/logout");
	buf_printf(&b, "\">\n<input type=\"hidden\" name=\"csrf\" "
	    "value=\"%s\">\n<p><button type=\"submit\">%s</button> %s</p>\n"
	    "</form>\n", csrf, msg("Me déconnecter", "Log out"),
	    msg("(sur un ordinateur partagé, à la fin de la séance)",
	    "(on a shared computer, at the end of the session)"));
	buf_puts(&b, "<form method=\"post\" action=\"");
	S_api_link(c, &b, "/me/delete");
	buf_printf(&b, "\">\n<input type=\"hidden\" name=\"csrf\" "
	    "value=\"%s\">\n<p><button type=\"submit\">%s</button> %s</p>\n"
	    "</form>\n</section>\n", csrf, msg("Effacer mes données",
	    "Erase my data"), msg("(votre prénom, vos leçons terminées et "
	    "vos messages ; c'est définitif)", "(your first name, your "
	    "lessons done and your messages; it cannot be undone)"));
	S_page(c, 200, msg("Mon parcours", "My progress"), b.data);
	free(d.done);
	free(d.at);
	buf_free(&b);
}

/* ------------------------------------------------------------------ */
/* Messages */

static const char *
S_kind_label(const char *kind)
{
	if (strcmp(kind, "question") == 0)
		return msg("Question", "Question");
	if (strcmp(kind, "astuce") == 0)
		return msg("Astuce", "Tip");
	return msg("Ressource", "Resource");
}

static int
S_kind_ok(const char *kind)
{
	return kind != NULL && (strcmp(kind, "question") == 0 ||
	    strcmp(kind, "astuce") == 0 || strcmp(kind, "ressource") == 0);
}

/* Length of the address starting at s ("https://…", "www.…"), without
 * the punctuation that usually ends a sentence. */
static size_t
S_url_len(const char *s, const char *end)
{
	size_t n = 0;

	while (s + n < end && !isspace((unsigned char)s[n]) && s[n] != '<' &&
	    s[n] != '>' && s[n] != '"' && s[n] != '\'')
		n++;
	while (n > 0 && strchr(".,;:!?)]", s[n - 1]) != NULL)
		n--;
	return n;
}

static int
S_url_start(const char *text, const char *p)
{
	if (p > text && (isalnum((unsigned char)p[-1]) || p[-1] == '/' ||
	    p[-1] == '.'))
		return 0;
	return strncmp(p, "https://", 8) == 0 || strncmp(p, "http://", 7) == 0 ||
	    strncmp(p, "www.", 4) == 0;
}

void
app_render_text(buf *out, const char *text)
{
	const char *p, *start, *end = text + strlen(text), *q;
	size_t n;

	/* Blank lines and spaces at either end say nothing. */
	while (*text == '\n' || *text == '\r' || *text == ' ' || *text == '\t')
		text++;
	while (end > text && (end[-1] == '\n' || end[-1] == '\r' ||
	    end[-1] == ' ' || end[-1] == '\t'))
		end--;
	buf_puts(out, "<p>");
	for (p = start = text; p < end;) {
		if (*p == '\r') {
			html_escape(out, start, (size_t)(p - start));
			start = ++p;
			continue;
		}
		if (*p == '\n') {
			html_escape(out, start, (size_t)(p - start));
			/* A blank line ends a paragraph; a newline is a break. */
			for (q = p + 1; q < end && (*q == ' ' || *q == '\t' ||
			    *q == '\r'); q++)
				;
			if (q < end && *q == '\n') {
				while (q < end && (*q == '\n' || *q == ' ' ||
				    *q == '\t' || *q == '\r'))
					q++;
				buf_puts(out, "</p>\n<p>");
				p = start = q;
			} else {
				buf_puts(out, "<br>\n");
				p = start = p + 1;
			}
			continue;
		}
		if (S_url_start(text, p) && (n = S_url_len(p, end)) > 4) {
			html_escape(out, start, (size_t)(p - start));
			buf_puts(out, "<a href=\"");
			if (*p == 'w')
				buf_puts(out, "https://");
			html_escape(out, p, n);
			buf_puts(out, "\" rel=\"nofollow ugc noopener\">");
			html_escape(out, p, n);
			buf_puts(out, "</a>");
			p = start = p + n;
			continue;
		}
		p++;
	}
	html_escape(out, start, (size_t)(p - start));
	buf_puts(out, "</p>\n");
}

int
app_has_link(const char *text)
{
	const char *p, *end = text + strlen(text);

	for (p = text; p < end; p++)
		if (S_url_start(text, p) && S_url_len(p, end) > 4)
			return 1;
	return 0;
}

typedef struct msg_ctx {
	ctx *c;
	buf *b;
	long long edit;  /* id of the message being edited, or 0 */
	int n;
	int feed;        /* show the lesson of each message */
} msg_ctx;

static void
S_msg_form(ctx *c, buf *b, const char *lesson, long long edit,
	const char *body, const char *kind)
{
	static const char *const kinds[] = { "question", "astuce",
		"ressource" };
	char csrf[33];
	int k;

	S_csrf(c, csrf);
	buf_puts(b, "<form method=\"post\" action=\"");
	S_api_link(c, b, "/comments");
	buf_printf(b, "\" class=\"message-form\">\n"
	    "<input type=\"hidden\" name=\"csrf\" value=\"%s\">\n"
	    "<input type=\"hidden\" name=\"lesson\" value=\"", csrf);
	S_esc(b, lesson);
	buf_puts(b, "\">\n");
	if (edit > 0)
		buf_printf(b, "<input type=\"hidden\" name=\"edit\" "
		    "value=\"%lld\">\n", edit);
	buf_printf(b, "<fieldset>\n<legend>%s</legend>\n",
	    msg("C'est…", "This is…"));
	for (k = 0; k < 3; k++)
		buf_printf(b, "<label><input type=\"radio\" name=\"kind\" "
		    "value=\"%s\"%s> %s</label>\n", kinds[k],
		    strcmp(kind, kinds[k]) == 0 ? " checked" : "",
		    S_kind_label(kinds[k]));
	buf_printf(b, "</fieldset>\n<p><label for=\"body\">%s</label>\n"
	    "<textarea id=\"body\" name=\"body\" rows=\"5\" maxlength=\"2000\" "
	    "required>", edit ? msg("Mon message", "My message") :
	    msg("Écrire au groupe", "Write to the group"));
	S_esc(b, body);
	buf_printf(b, "</textarea></p>\n<p><button type=\"submit\">%s</button>"
	    "</p>\n</form>\n", edit ? msg("Enregistrer", "Save") :
	    msg("Envoyer", "Send"));
}

static int
S_msg_one(void *p, const store_msg *m)
{
	msg_ctx *x = p;
	ctx *c = x->c;
	buf *b = x->b;
	char csrf[33];
	const course_item *l;

	x->n++;
	buf_printf(b, "<article class=\"message message-%s\" id=\"m%lld\">\n"
	    "<p class=\"message-meta\"><strong>", m->kind, m->id);
	S_esc(b, m->pid == 0 ? msg("Message supprimé", "Deleted message") :
	    m->author);
	buf_printf(b, "</strong> · %s · ", S_kind_label(m->kind));
	app_date(b, m->created);
	if (m->edited)
		buf_printf(b, " (%s)", msg("modifié", "edited"));
	if (x->feed && (l = course_lesson(&c->a->site, m->lesson)) != NULL) {
		buf_printf(b, " · %s <a href=\"", msg("sur", "on"));
		S_api_link(c, b, "/comments?lesson=");
		S_esc(b, l->id);
		buf_printf(b, "#m%lld\">", m->id);
		S_esc(b, l->title);
		buf_puts(b, "</a>");
	}
	buf_puts(b, "</p>\n");
	if (m->state == STORE_MSG_HELD)
		buf_printf(b, "<p class=\"message-state\">%s</p>\n",
		    msg("En attente : il contient un lien, un formateur doit "
		    "le valider avant que le groupe le voie.", "Waiting: it "
		    "holds a link, a trainer must approve it before the group "
		    "sees it."));
	else if (m->state == STORE_MSG_HIDDEN)
		buf_printf(b, "<p class=\"message-state\">%s</p>\n",
		    msg("Masqué par un formateur : le groupe ne le voit plus.",
		    "Hidden by a trainer: the group no longer sees it."));
	if (m->pid == 0) {
		buf_printf(b, "<p class=\"message-erased\">%s</p>\n",
		    msg("message supprimé", "message deleted"));
	} else if (x->edit == m->id && m->pid == c->who.pid &&
	    m->created >= c->now - EDIT_WINDOW) {
		S_msg_form(c, b, m->lesson, m->id, m->body, m->kind);
	} else {
		app_render_text(b, m->body);
	}
	/* My own message, for 15 minutes: change or erase it. */
	if (!x->feed && m->pid == c->who.pid &&
	    m->created >= c->now - EDIT_WINDOW && x->edit != m->id) {
		S_csrf(c, csrf);
		buf_puts(b, "<p class=\"message-actions\"><a href=\"");
		S_api_link(c, b, "/comments?lesson=");
		S_esc(b, m->lesson);
		buf_printf(b, "&amp;edit=%lld#m%lld\">%s</a></p>\n"
		    "<form method=\"post\" action=\"", m->id, m->id,
		    msg("Modifier", "Edit"));
		S_api_link(c, b, "/comments");
		buf_printf(b, "\">\n<input type=\"hidden\" name=\"csrf\" "
		    "value=\"%s\">\n<input type=\"hidden\" name=\"lesson\" "
		    "value=\"", csrf);
		S_esc(b, m->lesson);
		buf_printf(b, "\">\n<input type=\"hidden\" name=\"delete\" "
		    "value=\"%lld\">\n<p><button type=\"submit\">%s</button>"
		    "</p>\n</form>\n", m->id, msg("Supprimer", "Delete"));
	}
	/* Someone else's message: tell the trainers something is wrong. */
	if (!x->feed && m->pid != 0 && m->pid != c->who.pid &&
	    m->state == STORE_MSG_SHOWN) {
		if (m->mine_reported) {
			buf_printf(b, "<p class=\"message-actions\">%s</p>\n",
			    msg("Vous l'avez signalé aux formateurs.",
			    "You reported it to the trainers."));
		} else {
			S_csrf(c, csrf);
			buf_puts(b, "<form method=\"post\" action=\"");
			S_api_link(c, b, "/comments");
			buf_printf(b, "\" class=\"report\">\n<input type=\"hidden\" "
			    "name=\"csrf\" value=\"%s\">\n<input type=\"hidden\" "
			    "name=\"lesson\" value=\"", csrf);
			S_esc(b, m->lesson);
			buf_printf(b, "\">\n<input type=\"hidden\" name=\"report\" "
			    "value=\"%lld\">\n<p><button type=\"submit\">%s"
			    "</button></p>\n</form>\n", m->id,
			    msg("Signaler", "Report"));
		}
	}
	buf_puts(b, "</article>\n");
	return 0;
}

static void
S_comments_get(ctx *c)
{
	const char *id = http_query(c->req, "lesson"),
	    *edit = http_query(c->req, "edit");
	const course_item *l;
	msg_ctx x;
	buf b, self;
	int rc;

	if (id == NULL || (l = course_lesson(&c->a->site, id)) == NULL) {
		S_fail(c, 404, msg("Cette leçon n'existe pas.",
		    "This lesson does not exist."));
		return;
	}
	if (!c->joined) {
		buf_init(&self, 4096);
		buf_printf(&self, "%s/comments?lesson=%s", c->a->site.api,
		    l->id);
		S_need_join(c, self.data);
		buf_free(&self);
		return;
	}
	buf_init(&b, 16u << 20);
	buf_printf(&b, "<p class=\"kicker\">%s</p>\n<h1>",
	    msg("Discussion du groupe", "Group discussion"));
	S_esc(&b, l->title);
	buf_puts(&b, "</h1>\n<p>");
	S_link(c, &b, l);
	buf_printf(&b, " · %s</p>\n", msg("visible seulement par votre groupe "
	    "et vos formateurs", "seen only by your group and your "
	    "trainers"));
	x.c = c;
	x.b = &b;
	x.n = 0;
	x.feed = 0;
	x.edit = edit ? strtoll(edit, NULL, 10) : 0;
	rc = store_msg_list(c->a->db, c->who.gid, l->id, LESSON_LIMIT,
	    c->who.pid, S_msg_one, &x);
	if (rc != STORE_OK) {
		buf_free(&b);
		S_store_fail(c, rc);
		return;
	}
	if (x.n == 0)
		buf_printf(&b, "<p>%s</p>\n", msg("Pas encore de message. "
		    "Posez la première question !", "No message yet. Ask the "
		    "first question!"));
	if (x.edit == 0) {
		buf_printf(&b, "<h2>%s</h2>\n", msg("Écrire au groupe",
		    "Write to the group"));
		S_msg_form(c, &b, l->id, 0, "", "question");
	}
	S_page(c, 200, l->title, b.data);
	buf_free(&b);
}

static void
S_comments_post(ctx *c)
{
	const char *id = http_form(c->req, "lesson"),
	    *kind = http_form(c->req, "kind"), *body_in = http_form(c->req,
	    "body"), *edit = http_form(c->req, "edit"),
	    *del = http_form(c->req, "delete"),
	    *report = http_form(c->req, "report");
	const course_item *l;
	long long mid = 0;
	char *body = NULL;
	int rc;
	buf to;

	if (id == NULL || (l = course_lesson(&c->a->site, id)) == NULL) {
		S_fail(c, 400, msg("Cette leçon n'existe pas.",
		    "This lesson does not exist."));
		return;
	}
	if (!c->joined) {
		S_need_join(c, NULL);
		return;
	}
	if (!S_csrf_ok(c)) {
		S_fail(c, 403, msg("Formulaire expiré : revenez à la "
		    "discussion et réessayez.", "Expired form: go back to the "
		    "discussion and try again."));
		return;
	}
	buf_init(&to, 4096);
	buf_printf(&to, "%s/comments?lesson=%s", c->a->site.api, l->id);
	if (del != NULL) {
		rc = store_msg_delete(c->a->db, strtoll(del, NULL, 10),
		    c->who.pid, c->now - EDIT_WINDOW);
		if (rc == STORE_NONE)
			S_fail(c, 403, msg("Ce message ne peut plus être "
			    "supprimé (15 minutes après l'envoi).", "This "
			    "message can no longer be deleted (15 minutes "
			    "after sending)."));
		else if (rc != STORE_OK)
			S_store_fail(c, rc);
		else
			S_redirect(c, to.data);
		goto out;
	}
	if (report != NULL) {
		mid = app_id(report);
		rc = store_msg_report(c->a->db, mid, c->who.gid, c->who.pid,
		    c->now);
		if (rc == STORE_NONE)
			S_fail(c, 404, msg("Ce message n'existe pas.",
			    "This message does not exist."));
		else if (rc != STORE_OK)
			S_store_fail(c, rc);
		else {
			buf_printf(&to, "#m%lld", mid);
			S_redirect(c, to.data);
		}
		goto out;
	}
	body = app_trim(body_in ? body_in : "");
	if (*body == '\0' || app_chars(body) > BODY_MAX_CHARS) {
		S_fail(c, 400, msg("Le message doit faire entre 1 et 2 000 "
		    "caractères.", "A message must be 1 to 2,000 characters "
		    "long."));
		goto out;
	}
	if (edit != NULL) {
		mid = strtoll(edit, NULL, 10);
		rc = store_msg_edit(c->a->db, mid, c->who.pid,
		    c->now - EDIT_WINDOW, body, c->who.hold_links &&
		    app_has_link(body), c->now);
		if (rc == STORE_NONE)
			S_fail(c, 403, msg("Ce message ne peut plus être "
			    "modifié (15 minutes après l'envoi).", "This "
			    "message can no longer be edited (15 minutes "
			    "after sending)."));
		else if (rc != STORE_OK)
			S_store_fail(c, rc);
		else {
			buf_printf(&to, "#m%lld", mid);
			S_redirect(c, to.data);
		}
		goto out;
	}
	if (!S_kind_ok(kind)) {
		S_fail(c, 400, msg("Choisissez : question, astuce ou ressource.",
		    "Choose: question, tip or resource."));
		goto out;
	}
	rc = store_msg_add(c->a->db, c->who.gid, c->who.pid, l->id, kind,
	    body, c->who.hold_links && app_has_link(body) ? STORE_MSG_HELD :
	    STORE_MSG_SHOWN, c->now, c->now - 60, MSG_PER_MINUTE, &mid);
	if (rc == STORE_LIMIT) {
		S_fail(c, 429, msg("Vous avez envoyé beaucoup de messages. "
		    "Attendez une minute.", "You sent many messages. Wait a "
		    "minute."));
		goto out;
	}
	if (rc != STORE_OK) {
		S_store_fail(c, rc);
		goto out;
	}
	buf_printf(&to, "#m%lld", mid);
	S_redirect(c, to.data);
out:
	free(body);
	buf_free(&to);
}

static void
S_feed(ctx *c)
{
	msg_ctx x;
	buf b;
	int rc;

	if (!c->joined) {
		buf_init(&b, 4096);
		buf_printf(&b, "%s/feed", c->a->site.api);
		S_need_join(c, b.data);
		buf_free(&b);
		return;
	}
	buf_init(&b, 16u << 20);
	buf_printf(&b, "<h1>%s</h1>\n", msg("Les derniers messages du groupe",
	    "The group's latest messages"));
	x.c = c;
	x.b = &b;
	x.n = 0;
	x.edit = 0;
	x.feed = 1;
	rc = store_msg_list(c->a->db, c->who.gid, NULL, FEED_LIMIT,
	    c->who.pid, S_msg_one, &x);
	if (rc != STORE_OK) {
		buf_free(&b);
		S_store_fail(c, rc);
		return;
	}
	if (x.n == 0)
		buf_printf(&b, "<p>%s</p>\n", msg("Pas encore de message.",
		    "No message yet."));
	S_page(c, 200, msg("Messages du groupe", "Group messages"), b.data);
	buf_free(&b);
}

/* ------------------------------------------------------------------ */
/* Data rights */

typedef struct export_ctx {
	buf *b;
	int n;
	long long pid;
} export_ctx;

static int
S_export_done(void *p, const char *lesson, long long at)
{
	export_ctx *x = p;

	buf_puts(x->b, x->n++ ? ",{\"lesson\":\"" : "{\"lesson\":\"");
	json_escape(x->b, lesson);
	buf_printf(x->b, "\",\"at\":%lld}", at);
	return 0;
}

static int
S_export_msg(void *p, const store_msg *m)
{
	export_ctx *x = p;

	if (m->pid != x->pid)
		return 0;
	buf_puts(x->b, x->n++ ? ",{\"lesson\":\"" : "{\"lesson\":\"");
	json_escape(x->b, m->lesson);
	buf_puts(x->b, "\",\"kind\":\"");
	json_escape(x->b, m->kind);
	buf_puts(x->b, "\",\"body\":\"");
	json_escape(x->b, m->body);
	buf_printf(x->b, "\",\"created\":%lld}", m->created);
	return 0;
}

int
app_export(app *a, buf *b, const store_who *who)
{
	export_ctx x;
	int rc;

	buf_puts(b, "{\"name\":\"");
	json_escape(b, who->name);
	buf_puts(b, "\",\"group\":\"");
	json_escape(b, who->group);
	buf_puts(b, "\",\"completions\":[");
	x.b = b;
	x.n = 0;
	x.pid = who->pid;
	rc = store_done_list(a->db, who->pid, S_export_done, &x);
	buf_puts(b, "],\"messages\":[");
	x.n = 0;
	if (rc == STORE_OK)
		rc = store_msg_list(a->db, who->gid, NULL, 1000000, who->pid,
		    S_export_msg, &x);
	buf_puts(b, "]}\n");
	return rc;
}

static void
S_export(ctx *c)
{
	buf b;
	int rc;

	if (!c->joined) {
		S_need_join(c, NULL);
		return;
	}
	buf_init(&b, 16u << 20);
	rc = app_export(c->a, &b, &c->who);
	if (rc != STORE_OK) {
		S_store_fail(c, rc);
	} else {
		S_json(c, 200, b.data);
		http_header(c->res, "Content-Disposition: attachment; "
		    "filename=\"mes-donnees-eystime.json\"");
	}
	buf_free(&b);
}

/* The forms of "Mon parcours" (log out, erase) carry its token. */
static void
S_fail_expired_me(ctx *c)
{
	S_fail(c, 403, msg("Formulaire expiré : revenez à « Mon parcours » "
	    "et réessayez.", "Expired form: go back to \"My progress\" and "
	    "try again."));
}

static void
S_delete(ctx *c)
{
	int rc;

	if (!c->joined) {
		S_need_join(c, NULL);
		return;
	}
	if (!S_csrf_ok(c)) {
		S_fail_expired_me(c);
		return;
	}
	if ((rc = store_forget(c->a->db, c->who.pid)) != STORE_OK) {
		S_store_fail(c, rc);
		return;
	}
	S_cookie(c, "", 0);
	S_redirect(c, c->a->site.root);
}

/* Log out: this session ends, the others (another phone) stay. */
static void
S_logout(ctx *c)
{
	int rc;

	if (c->joined && !S_csrf_ok(c)) {
		S_fail_expired_me(c);
		return;
	}
	if (c->joined && (rc = store_logout(c->a->db, c->hash)) != STORE_OK) {
		S_store_fail(c, rc);
		return;
	}
	S_cookie(c, "", 0);
	S_redirect(c, c->a->site.root);
}

/* ------------------------------------------------------------------ */
/* QR cards: a trainer prints a card whose link logs one participant in,
 * once. The link (GET) only asks; the button (POST) spends it, so that
 * a phone's link preview cannot use the card up. */

static int
S_card_token(const char *t, unsigned char hash[STORE_HASH_LEN])
{
	unsigned char token[TOKEN_LEN];
	size_t len;

	if (t == NULL || strlen(t) > 64 || sodium_base642bin(token,
	    sizeof token, t, strlen(t), NULL, &len, NULL,
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 || len != TOKEN_LEN)
		return -1;
	crypto_generichash(hash, STORE_HASH_LEN, token, sizeof token, NULL,
	    0);
	return 0;
}

static void
S_card_gone(ctx *c)
{
	S_fail(c, 410, msg("Cette carte a déjà servi ou n'est plus valable. "
	    "Demandez une nouvelle carte à votre formateur, ou entrez avec "
	    "le code du groupe.", "This card was already used or is no "
	    "longer valid. Ask your trainer for a new card, or join with the "
	    "group's code."));
}

static void
S_card_get(ctx *c)
{
	const char *t = http_query(c->req, "t");
	unsigned char hash[STORE_HASH_LEN];
	store_who who;
	int rc;
	buf b;

	if (S_card_token(t, hash) < 0) {
		S_fail(c, 400, msg("Ce lien de carte est incomplet.",
		    "This card link is incomplete."));
		return;
	}
	if ((rc = store_link_peek(c->a->db, hash, c->now, &who)) ==
	    STORE_NONE) {
		S_card_gone(c);
		return;
	}
	if (rc != STORE_OK) {
		S_store_fail(c, rc);
		return;
	}
	buf_init(&b, 1 << 16);
	buf_printf(&b, "<h1>%s</h1>\n<p>", msg("Bienvenue", "Welcome"));
	buf_printf(&b, msg("Cette carte est celle de %s", "This card is %s"),
	    "");
	buf_puts(&b, "<strong>");
	S_esc(&b, who.name);
	buf_printf(&b, "</strong>%s", msg(", du groupe « ", ", of the group "
	    "\""));
	S_esc(&b, who.group);
	buf_printf(&b, "%s</p>\n<form method=\"post\" action=\"",
	    msg(" ».", "\"."));
	S_api_link(c, &b, "/card");
	buf_puts(&b, "\" class=\"join\">\n<input type=\"hidden\" name=\"t\" "
	    "value=\"");
	S_esc(&b, t);
	buf_printf(&b, "\">\n<p><button type=\"submit\">%s</button></p>\n"
	    "</form>\n<p>%s</p>\n", msg("Entrer", "Enter"),
	    msg("La carte ne sert qu'une fois : ensuite, ce téléphone se "
	    "souvient de vous.", "The card works once: then this phone "
	    "remembers you."));
	S_page(c, 200, msg("Bienvenue", "Welcome"), b.data);
	buf_free(&b);
}

static void
S_card_post(ctx *c)
{
	unsigned char hash[STORE_HASH_LEN], token[TOKEN_LEN];
	char cookie[64];
	int rc;
	buf to;

	if (S_card_token(http_form(c->req, "t"), hash) < 0) {
		S_fail(c, 400, msg("Ce lien de carte est incomplet.",
		    "This card link is incomplete."));
		return;
	}
	randombytes_buf(token, sizeof token);
	crypto_generichash(c->hash, sizeof c->hash, token, sizeof token,
	    NULL, 0);
	rc = store_link_use(c->a->db, hash, c->hash, c->now, &c->who);
	if (rc == STORE_NONE) {
		S_card_gone(c);
		return;
	}
	if (rc != STORE_OK) {
		S_store_fail(c, rc);
		return;
	}
	sodium_bin2base64(cookie, sizeof cookie, token, sizeof token,
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	S_cookie(c, cookie, 400L * 24 * 3600);
	buf_init(&to, 4096);
	buf_printf(&to, "%s/me", c->a->site.api);
	S_redirect(c, to.data);
	buf_free(&to);
}

/* ------------------------------------------------------------------ */

/* POSTs come from our own pages only: the Origin header (or, lacking
 * it, the Referer) must be the site's. */
static int
S_same_origin(const ctx *c)
{
	const char *o = c->a->origin, *r = c->req->referer;
	size_t n = strlen(o);

	if (c->req->origin != NULL)
		return strcmp(c->req->origin, o) == 0;
	return r != NULL && strncmp(r, o, n) == 0 && (r[n] == '/' ||
	    r[n] == '\0');
}

int
app_open(app *a)
{
	/* The process's own settings, read before libfcgi replaces the
	 * environment with each request's parameters: a retry (the site
	 * built after the worker started) must still see them. */
	static char *start_db, *start_site, *start_origin;
	static int read_start;
	const char *db, *site, *origin;
	static char err[1024];
	size_t n;

	if (!read_start) {
		read_start = 1;
		if ((db = getenv("EYSTIME_DB")) != NULL)
			start_db = mem_strdup(db);
		if ((site = getenv("EYSTIME_SITE")) != NULL)
			start_site = mem_strdup(site);
		if ((origin = getenv("EYSTIME_ORIGIN")) != NULL)
			start_origin = mem_strdup(origin);
	}
	db = start_db ? start_db : getenv("EYSTIME_DB");
	site = start_site ? start_site : getenv("EYSTIME_SITE");
	origin = start_origin ? start_origin : getenv("EYSTIME_ORIGIN");

	memset(a, 0, sizeof *a);
	if (sodium_init() < 0) {
		a->error = "libsodium";
		return -1;
	}
	if (db == NULL || site == NULL || origin == NULL) {
		a->error = "EYSTIME_DB, EYSTIME_SITE and EYSTIME_ORIGIN must be "
		    "set (docs/deploy.md)";
		return -1;
	}
	a->origin = mem_strdup(origin);
	n = strlen(a->origin);
	while (n > 0 && a->origin[n - 1] == '/')
		a->origin[--n] = '\0';
	if (!http_origin_ok(a->origin)) {
		app_close(a);
		a->error = "EYSTIME_ORIGIN must be scheme://host[:port], "
		    "http or https, with no path (docs/deploy.md)";
		return -1;
	}
	if (course_load(&a->site, site, err, sizeof err) < 0 ||
	    store_open(&a->db, db, err, sizeof err) != STORE_OK) {
		app_close(a);
		a->error = err;
		return -1;
	}
	msg_set_language(a->site.language);
	return 0;
}

void
app_close(app *a)
{
	store_close(a->db);
	course_free(&a->site);
	free(a->origin);
	memset(a, 0, sizeof *a);
}

/* The routes (DESIGN.md section 5), but /health, which needs no session
 * and no Origin. */
static const struct route {
	const char *path;
	int post;              /* POST, else GET or HEAD */
	void (*fn)(ctx *);
} S_routes[] = {
	{ "/join", 1, S_join },
	{ "/done", 1, S_done },
	{ "/progress", 0, S_progress },
	{ "/me", 0, S_me },
	{ "/comments", 0, S_comments_get },
	{ "/comments", 1, S_comments_post },
	{ "/feed", 0, S_feed },
	{ "/me/export", 0, S_export },
	{ "/me/delete", 1, S_delete },
	{ "/logout", 1, S_logout },
	{ "/card", 0, S_card_get },
	{ "/card", 1, S_card_post },
	{ NULL, 0, NULL },
};

static int
S_route_post(const char *path)
{
	const struct route *r;

	for (r = S_routes; r->path != NULL; r++)
		if (strcmp(r->path, path) == 0)
			return r->post;
	return 0;
}

static void
S_route(ctx *c)
{
	const char *p = c->req->path;
	int post = c->req->method == HTTP_POST;
	int get = c->req->method == HTTP_GET || c->req->method == HTTP_HEAD;
	const struct route *r;
	int known = 0;

	if (strcmp(p, "/health") == 0 && get) {
		if (store_health(c->a->db) == STORE_OK) {
			c->res->type = "text/plain; charset=utf-8";
			buf_puts(&c->res->body, "ok\n");
		} else {
			S_fail(c, 503, "database");
		}
		return;
	}
	if (post && !S_same_origin(c)) {
		S_fail(c, 403, msg("Envoi refusé : il ne vient pas de ce site.",
		    "Refused: it does not come from this site."));
		return;
	}
	/* The trainer space has its own sessions: a participant's never
	 * opens it. */
	if (strncmp(p, "/trainer", 8) == 0 && (p[8] == '\0' || p[8] == '/')) {
		trainer_handle(c->a, c->req, c->res, c->now);
		return;
	}
	S_session(c);
	for (r = S_routes; r->path != NULL; r++) {
		if (strcmp(p, r->path) != 0)
			continue;
		known = 1;
		if (r->post ? post : get) {
			r->fn(c);
			return;
		}
	}
	if (known) {
		/* Every route has one method: GET (and HEAD) or POST, and
		 * /comments both. */
		http_header(c->res, "Allow: %s", strcmp(p, "/comments") == 0 ||
		    strcmp(p, "/card") == 0 ?
		    "GET, HEAD, POST" : S_route_post(p) ? "POST" : "GET, HEAD");
		S_fail(c, 405, msg("Méthode non acceptée ici.",
		    "Method not allowed here."));
	} else {
		S_fail(c, 404, msg("Cette page n'existe pas.",
		    "This page does not exist."));
	}
}

void
app_handle(app *a)
{
	http_req req;
	http_res res;
	ctx c;

	http_read(&req);
	http_res_init(&res);
	memset(&c, 0, sizeof c);
	c.a = a;
	c.req = &req;
	c.res = &res;
	c.now = (long long)time(NULL);
	/* The configuration may come with the request, as FastCGI
	 * parameters of the same names (libfcgi makes them the
	 * environment). */
	if (a->error != NULL && app_open(a) == 0)
		io_log("started with the request's configuration");
	if (a->error != NULL) {
		io_log("not configured: %s", a->error);
		res.status = 503;
		res.type = "text/plain; charset=utf-8";
		http_header(&res, "Retry-After: 60");
		/* The reason is in the log, for the host, not here. */
		buf_puts(&res.body, "eystime-cgi: service not configured or "
		    "unavailable; see the server's log. Service indisponible "
		    "pour le moment.\n");
	} else {
		course_refresh(&a->site);
		if (req.status != 0)
			S_fail(&c, req.status, req.why);
		else
			S_route(&c);
	}
	http_send(&req, &res);
	http_req_free(&req);
	http_res_free(&res);
}
