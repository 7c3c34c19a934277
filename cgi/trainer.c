#include "trainer.h"

#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../common/msg.h"
#include "../common/text.h"
#include "admin.h"
#include "app.h"
#include "io.h"
#include "qr.h"

#define TCOOKIE "eystime_trainer"
#define TOKEN_LEN 32
#define FAIL_WINDOW 3600      /* failures older than this are forgiven */
#define FREE_PER_LOGIN 3      /* failures of one login before a delay */
#define FREE_PER_ADDR 20      /* of one address (a training room) */
#define AWAY_DAYS 7           /* "has not come back for 7 days" */
#define CARD_DAYS 30          /* a card's link is valid this long */
#define MAX_MEMBERS 500       /* participants shown per group */
#define MOD_LIMIT 100         /* messages per moderation list */
#define GROUP_NAME_MAX 100    /* characters */
#define NAME_MAX_CHARS 40     /* a participant's first name */

/* One request of the trainer space. */
typedef struct tctx {
	app *a;
	http_req *req;
	http_res *res;
	long long now;
	int in;                 /* a trainer is logged in */
	long long tid;          /* that trainer */
	char login[128];
	unsigned char hash[STORE_HASH_LEN]; /* of their session token */
	const char *rest;       /* the path after /trainer */
} tctx;

/* ------------------------------------------------------------------ */
/* Pure helpers (unit tested) */

int
trainer_pw_hash(char out[crypto_pwhash_STRBYTES], const char *pw,
	unsigned long long ops, size_t mem)
{
	return crypto_pwhash_str(out, pw, strlen(pw), ops, mem) == 0 ? 0 : -1;
}

int
trainer_pw_verify(const char *hash, const char *pw, int *rehash)
{
	*rehash = 0;
	if (crypto_pwhash_str_verify(hash, pw, strlen(pw)) != 0)
		return -1;
	*rehash = crypto_pwhash_str_needs_rehash(hash, TRAINER_PW_OPS,
	    TRAINER_PW_MEM) != 0;
	return 0;
}

int
trainer_login_ok(const char *s)
{
	size_t n = 0;

	for (; s[n] != '\0'; n++)
		if (!((s[n] >= 'a' && s[n] <= 'z') || (s[n] >= '0' &&
		    s[n] <= '9') || strchr("._@-", s[n]) != NULL) || n >= 64)
			return 0;
	return n > 0;
}

long long
trainer_delay(long long n, int free)
{
	long long k = n - free;

	if (k < 0)
		return 0;
	if (k >= 9)
		return 900;
	return (long long)2 << k < 900 ? (long long)2 << k : 900;
}

void
trainer_csv_cell(buf *b, const char *s)
{
	int neutral = s[0] == '=' || s[0] == '+' || s[0] == '-' ||
	    s[0] == '@' || s[0] == '\t' || s[0] == '\r';
	int quote = neutral || strpbrk(s, ";,\"\r\n") != NULL;

	if (quote)
		buf_putc(b, '"');
	if (neutral)
		buf_putc(b, '\'');
	for (; *s != '\0'; s++) {
		if (*s == '"')
			buf_putc(b, '"');
		buf_putc(b, *s);
	}
	if (quote)
		buf_putc(b, '"');
}

/* ------------------------------------------------------------------ */
/* Answers */

static void
T_esc(buf *b, const char *s)
{
	html_escape(b, s, strlen(s));
}

/* <api>/trainer + path, escaped for an attribute. */
static void
T_link(tctx *t, buf *b, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void
T_link(tctx *t, buf *b, const char *fmt, ...)
{
	va_list ap;
	buf p;

	buf_init(&p, 4096);
	buf_printf(&p, "%s/trainer", t->a->site.api);
	va_start(ap, fmt);
	buf_vprintf(&p, fmt, ap);
	va_end(ap);
	html_escape(b, p.data, p.len);
	buf_free(&p);
}

static void
T_page(tctx *t, int status, const char *title, const char *main)
{
	buf wrap;

	t->res->status = status;
	t->res->type = "text/html; charset=utf-8";
	buf_reset(&t->res->body);
	buf_init(&wrap, 16u << 20);
	buf_printf(&wrap, "<div class=\"trainer\">\n%s</div>\n", main);
	course_page(&t->a->site, &t->res->body, title, wrap.data);
	if (wrap.overflow)
		t->res->body.overflow = 1;
	buf_free(&wrap);
	if (t->res->body.overflow) {
		io_log("page too large: %s", t->req->path);
		t->res->status = 500;
		buf_reset(&t->res->body);
		buf_puts(&t->res->body, msg("Page trop longue.\n",
		    "Page too long.\n"));
		t->res->type = "text/plain; charset=utf-8";
	}
}

static void
T_fail(tctx *t, int status, const char *why)
{
	buf b;

	io_log("%d %s %s: %s", status, t->req->method_name, t->req->path, why);
	buf_init(&b, 1 << 16);
	buf_printf(&b, "<h1>%s</h1>\n<p>", status == 404 ?
	    msg("Page introuvable", "Page not found") : status >= 500 ?
	    msg("Service indisponible", "Service unavailable") :
	    msg("Demande refusée", "Request refused"));
	T_esc(&b, why);
	buf_puts(&b, "</p>\n<p><a href=\"");
	T_link(t, &b, "%s", "");
	buf_printf(&b, "\">%s</a></p>\n", msg("Revenir à l'espace formateur",
	    "Back to the trainer space"));
	T_page(t, status, msg("Erreur", "Error"), b.data);
	if (status == 503)
		http_header(t->res, "Retry-After: 60");
	buf_free(&b);
}

static void
T_store_fail(tctx *t, int rc)
{
	if (rc != STORE_BUSY)
		io_log("store: %s", store_error(t->a->db));
	T_fail(t, 503, rc == STORE_BUSY ? msg("Le serveur est très occupé. "
	    "Réessayez dans une minute.", "The server is very busy. Try "
	    "again in a minute.") : msg("Enregistrement impossible pour le "
	    "moment. Réessayez plus tard.", "Cannot save right now. Try "
	    "again later."));
}

static void
T_not_found(tctx *t)
{
	T_fail(t, 404, msg("Cette page n'existe pas, ou elle n'est pas à "
	    "vous.", "This page does not exist, or it is not yours."));
}

static void
T_redirect(tctx *t, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void
T_redirect(tctx *t, const char *fmt, ...)
{
	va_list ap;
	buf p;

	buf_init(&p, 4096);
	buf_printf(&p, "%s/trainer", t->a->site.api);
	va_start(ap, fmt);
	buf_vprintf(&p, fmt, ap);
	va_end(ap);
	t->res->status = 303;
	http_header(t->res, "Location: %s", p.data);
	buf_reset(&t->res->body);
	buf_free(&p);
}

static void
T_cookie(tctx *t, const char *value, long max_age)
{
	http_header(t->res, "Set-Cookie: " TCOOKIE "=%s; Path=%s/trainer; "
	    "Max-Age=%ld; HttpOnly; SameSite=Strict%s", value,
	    t->a->site.api, max_age, t->req->https ? "; Secure" : "");
}

/* The token of the forms of the trainer space, tied to the session. */
static void
T_csrf(const tctx *t, char out[33])
{
	app_csrf("trainer-csrf", t->hash, out);
}

static int
T_csrf_ok(const tctx *t)
{
	return app_csrf_ok(t->req, "trainer-csrf", t->hash);
}

/* <form method="post" action="…"> with the token. */
static void
T_form(tctx *t, buf *b, const char *cls, const char *path)
{
	char csrf[33];

	T_csrf(t, csrf);
	buf_printf(b, "<form method=\"post\" class=\"%s\" action=\"", cls);
	T_link(t, b, "%s", path);
	buf_printf(b, "\">\n<input type=\"hidden\" name=\"csrf\" "
	    "value=\"%s\">\n", csrf);
}

static void
T_day(buf *b, long long at, int iso)
{
	time_t tt = (time_t)at;
	struct tm tm;

	localtime_r(&tt, &tm);
	if (iso)
		buf_printf(b, "%04d-%02d-%02d", tm.tm_year + 1900,
		    tm.tm_mon + 1, tm.tm_mday);
	else
		buf_printf(b, "%02d/%02d", tm.tm_mday, tm.tm_mon + 1);
}

/* "26 décembre 2026" */
static void
T_longday(buf *b, long long at)
{
	time_t tt = (time_t)at;
	struct tm tm;

	localtime_r(&tt, &tm);
	if (msg_is_en())
		buf_printf(b, "%s %d, %d", app_month(tm.tm_mon), tm.tm_mday,
		    tm.tm_year + 1900);
	else
		buf_printf(b, "%d %s %d", tm.tm_mday, app_month(tm.tm_mon),
		    tm.tm_year + 1900);
}

/* ------------------------------------------------------------------ */
/* Log in, log out */

static void
T_session(tctx *t)
{
	unsigned char token[TOKEN_LEN];
	size_t len;

	if (t->req->tcookie[0] == '\0' ||
	    sodium_base642bin(token, sizeof token, t->req->tcookie,
	    strlen(t->req->tcookie), NULL, &len, NULL,
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 || len != TOKEN_LEN)
		return;
	crypto_generichash(t->hash, sizeof t->hash, token, sizeof token,
	    NULL, 0);
	if (store_tsession(t->a->db, t->hash, t->now, STORE_TSESSION_IDLE,
	    STORE_TSESSION_LIFE, &t->tid, t->login, sizeof t->login) ==
	    STORE_OK)
		t->in = 1;
}

static void
T_login_page(tctx *t, int status, const char *problem)
{
	buf b;

	buf_init(&b, 1 << 16);
	buf_printf(&b, "<h1>%s</h1>\n", msg("Espace formateur",
	    "Trainer space"));
	if (problem != NULL) {
		buf_puts(&b, "<p class=\"error\" role=\"alert\">");
		T_esc(&b, problem);
		buf_puts(&b, "</p>\n");
	}
	buf_printf(&b, "<p>%s</p>\n", msg("Suivez la progression de vos "
	    "groupes, imprimez les cartes de connexion et veillez aux "
	    "discussions.", "Follow your groups' progress, print login "
	    "cards and look after the discussions."));
	buf_puts(&b, "<form method=\"post\" class=\"join trainer-login\" "
	    "action=\"");
	T_link(t, &b, "%s", "/login");
	buf_printf(&b, "\">\n<p><label for=\"login\">%s</label>\n"
	    "<input id=\"login\" name=\"login\" type=\"text\" required "
	    "maxlength=\"64\" "
	    "autocomplete=\"username\" autocapitalize=\"none\" "
	    "spellcheck=\"false\"></p>\n"
	    "<p><label for=\"password\">%s</label>\n"
	    "<input id=\"password\" name=\"password\" type=\"password\" "
	    "required maxlength=\"1024\" autocomplete=\"current-password\">"
	    "</p>\n<p><button type=\"submit\">%s</button></p>\n</form>\n"
	    "<p>%s</p>\n", msg("Identifiant", "Login"),
	    msg("Mot de passe", "Password"), msg("Me connecter", "Log in"),
	    msg("Pas de compte ? L'hébergeur du site le crée pour vous.",
	    "No account? The site's host creates it for you."));
	T_page(t, status, msg("Espace formateur", "Trainer space"), b.data);
	buf_free(&b);
}

/* A hash to check a password against when the login does not exist, so
 * that a wrong login takes as long as a wrong password. */
static const char *
T_dummy_hash(void)
{
	static char h[crypto_pwhash_STRBYTES];

	if (h[0] == '\0' && trainer_pw_hash(h, "eystime: no such login",
	    TRAINER_PW_OPS, TRAINER_PW_MEM) < 0)
		h[0] = '\0';
	return h;
}

static void
T_login(tctx *t)
{
	const char *login_in = http_form(t->req, "login"),
	    *pw = http_form(t->req, "password");
	char login[80], kl[96], ka[INET6_ADDRSTRLEN + 8], addr[INET6_ADDRSTRLEN];
	char hash[crypto_pwhash_STRBYTES + 1], fresh[crypto_pwhash_STRBYTES];
	char cookie[64];
	unsigned char token[TOKEN_LEN];
	long long nl = 0, ll = 0, na = 0, la = 0, wait, w2, tid = 0;
	int rc, known, rehash = 0, good;
	size_t i;

	/* Made before anything else, so that no first try of a worker
	 * takes longer for an unknown login than for a known one. */
	(void)T_dummy_hash();
	/* Normalised: logins are lower case; anything that cannot be a
	 * login is an unknown one, answered the same way. */
	snprintf(login, sizeof login, "%s", login_in ? login_in : "");
	for (i = 0; login[i] != '\0'; i++)
		if (login[i] >= 'A' && login[i] <= 'Z')
			login[i] = (char)(login[i] - 'A' + 'a');
	if (pw == NULL)
		pw = "";
	app_addr_key(t->req->addr, addr, sizeof addr);
	snprintf(kl, sizeof kl, "login:%s", login);
	snprintf(ka, sizeof ka, "addr:%s", addr);
	if ((rc = store_login_failures(t->a->db, kl, t->now - FAIL_WINDOW,
	    &nl, &ll)) != STORE_OK || (rc = store_login_failures(t->a->db, ka,
	    t->now - FAIL_WINDOW, &na, &la)) != STORE_OK) {
		T_store_fail(t, rc);
		return;
	}
	wait = trainer_delay(nl, FREE_PER_LOGIN) - (t->now - ll);
	w2 = trainer_delay(na, FREE_PER_ADDR) - (t->now - la);
	if (w2 > wait)
		wait = w2;
	if (wait > 0) {
		buf b;

		buf_init(&b, 512);
		buf_printf(&b, msg("Trop d'essais. Attendez %lld secondes avant "
		    "de réessayer.", "Too many tries. Wait %lld seconds before "
		    "trying again."), wait);
		io_log("429 login %s: %lld s to wait", login, wait);
		T_login_page(t, 429, b.data);
		http_header(t->res, "Retry-After: %lld", wait);
		buf_free(&b);
		return;
	}
	known = trainer_login_ok(login) && strlen(pw) <= TRAINER_PW_MAX &&
	    (rc = store_trainer_find(t->a->db, login, &tid, hash,
	    sizeof hash)) == STORE_OK;
	if (!known && rc != STORE_OK && rc != STORE_NONE) {
		T_store_fail(t, rc);
		return;
	}
	/* The same work and the same answer for a wrong login as for a
	 * wrong password. */
	good = trainer_pw_verify(known ? hash : T_dummy_hash(),
	    strlen(pw) <= TRAINER_PW_MAX ? pw : "", &rehash) == 0 && known;
	if (!good) {
		if ((rc = store_login_failed(t->a->db, kl, ka, t->now)) !=
		    STORE_OK) {
			T_store_fail(t, rc);
			return;
		}
		io_log("401 login failed for \"%s\"", login);
		T_login_page(t, 401, msg("Identifiant ou mot de passe "
		    "incorrect.", "Wrong login or password."));
		return;
	}
	store_login_clear(t->a->db, kl);
	if (rehash && trainer_pw_hash(fresh, pw, TRAINER_PW_OPS,
	    TRAINER_PW_MEM) == 0)
		store_trainer_passwd(t->a->db, tid, fresh);
	/* A new session id at each login; the one the browser had ends. */
	T_session(t);
	if (t->in)
		store_tsession_end(t->a->db, t->hash);
	randombytes_buf(token, sizeof token);
	crypto_generichash(t->hash, sizeof t->hash, token, sizeof token,
	    NULL, 0);
	if ((rc = store_tsession_add(t->a->db, t->hash, tid, t->now)) !=
	    STORE_OK) {
		T_store_fail(t, rc);
		return;
	}
	sodium_bin2base64(cookie, sizeof cookie, token, sizeof token,
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	T_cookie(t, cookie, STORE_TSESSION_LIFE);
	T_redirect(t, "%s", "");
}

static void
T_logout(tctx *t)
{
	if (t->in) {
		if (!T_csrf_ok(t)) {
			T_fail(t, 403, msg("Formulaire expiré : rechargez la "
			    "page et réessayez.", "Expired form: reload the page "
			    "and try again."));
			return;
		}
		store_tsession_end(t->a->db, t->hash);
	}
	T_cookie(t, "", 0);
	T_redirect(t, "%s", "");
}

/* ------------------------------------------------------------------ */
/* My groups */

typedef struct list_ctx {
	tctx *t;
	buf *b;
	int n;
} list_ctx;

static int
T_group_item(void *p, const store_group *g)
{
	list_ctx *x = p;

	x->n++;
	buf_puts(x->b, "<li><a href=\"");
	T_link(x->t, x->b, "/groups/%lld", g->id);
	buf_puts(x->b, "\">");
	T_esc(x->b, g->name);
	buf_printf(x->b, "</a> · %s <strong class=\"join-code\">%s</strong> · "
	    "%lld %s%s</li>\n", msg("code", "code"), g->code, g->members,
	    g->members > 1 ? msg("participants", "participants") :
	    msg("participant", "participant"), g->archived ?
	    msg(" · archivé", " · archived") : "");
	return 0;
}

static void
T_home(tctx *t)
{
	list_ctx x;
	buf b;
	int rc;

	buf_init(&b, 1 << 20);
	buf_printf(&b, "<h1>%s</h1>\n<p>", msg("Espace formateur",
	    "Trainer space"));
	buf_printf(&b, msg("Connecté avec l'identifiant %s", "Logged in as "
	    "%s"), "");
	buf_puts(&b, "<strong>");
	T_esc(&b, t->login);
	buf_puts(&b, "</strong>.</p>\n");
	T_form(t, &b, "logout", "/logout");
	buf_printf(&b, "<p><button type=\"submit\">%s</button></p>\n</form>\n",
	    msg("Me déconnecter", "Log out"));
	buf_printf(&b, "<h2>%s</h2>\n<ul class=\"trainer-groups\">\n",
	    msg("Mes groupes", "My groups"));
	x.t = t;
	x.b = &b;
	x.n = 0;
	if ((rc = store_trainer_groups(t->a->db, t->tid, T_group_item, &x)) !=
	    STORE_OK) {
		buf_free(&b);
		T_store_fail(t, rc);
		return;
	}
	buf_puts(&b, "</ul>\n");
	if (x.n == 0)
		buf_printf(&b, "<p>%s</p>\n", msg("Pas encore de groupe : "
		    "créez-en un ci-dessous.", "No group yet: create one "
		    "below."));
	buf_printf(&b, "<h2>%s</h2>\n", msg("Créer un groupe",
	    "Create a group"));
	T_form(t, &b, "group-new", "/groups");
	buf_printf(&b, "<p><label for=\"gname\">%s</label>\n<input id=\"gname\" "
	    "type=\"text\" name=\"name\" required maxlength=\"100\"></p>\n"
	    "<p><button type=\"submit\">%s</button></p>\n</form>\n",
	    msg("Nom du groupe", "Group name"), msg("Créer", "Create"));
	T_page(t, 200, msg("Espace formateur", "Trainer space"), b.data);
	buf_free(&b);
}

/* A group or participant name from a form: trimmed, 1 to max
 * characters, nothing invisible. NULL when not; the caller frees. */
static char *
T_name(const char *in, size_t max)
{
	char *s = app_trim(in ? in : "");

	if (*s == '\0' || app_chars(s) > max || !app_name_ok(s)) {
		free(s);
		return NULL;
	}
	return s;
}

static void
T_group_new(tctx *t)
{
	char *name, code[8];
	long long gid = 0;
	int rc = STORE_TAKEN, tries;

	if (!T_csrf_ok(t)) {
		T_fail(t, 403, msg("Formulaire expiré : rechargez la page et "
		    "réessayez.", "Expired form: reload the page and try "
		    "again."));
		return;
	}
	if ((name = T_name(http_form(t->req, "name"), GROUP_NAME_MAX)) ==
	    NULL) {
		T_fail(t, 400, msg("Le nom du groupe fait de 1 à 100 "
		    "caractères.", "A group name is 1 to 100 characters."));
		return;
	}
	for (tries = 0; tries < 20 && rc == STORE_TAKEN; tries++) {
		admin_new_code(code);
		rc = store_group_create(t->a->db, t->tid, name, code, &gid);
	}
	free(name);
	if (rc != STORE_OK) {
		T_store_fail(t, rc);
		return;
	}
	T_redirect(t, "/groups/%lld", gid);
}

/* ------------------------------------------------------------------ */
/* One group: progress, participants, settings */

typedef struct member {
	long long pid;
	char *name;
	long long last_seen;
} member;

typedef struct grid {
	tctx *t;
	member *m;          /* participants, by name */
	int nm;
	long long *at;      /* nm × nl: when lesson l was done, or 0 */
	int nl;
} grid;

static int
T_member(void *p, const store_member *sm)
{
	grid *g = p;

	g->m = mem_alloc(g->m, ((size_t)g->nm + 1) * sizeof *g->m);
	g->m[g->nm].pid = sm->pid;
	g->m[g->nm].name = mem_strdup(sm->name);
	g->m[g->nm].last_seen = sm->last_seen;
	g->nm++;
	return 0;
}

static int
T_done(void *p, long long pid, const char *lesson, long long at)
{
	grid *g = p;
	const course_item *l = course_lesson(&g->t->a->site, lesson);
	int i;

	if (l == NULL)
		return 0;
	for (i = 0; i < g->nm; i++)
		if (g->m[i].pid == pid) {
			g->at[(size_t)i * (size_t)g->nl +
			    (size_t)course_index(&g->t->a->site, l)] = at;
			break;
		}
	return 0;
}

static void
T_grid_free(grid *g)
{
	int i;

	for (i = 0; i < g->nm; i++)
		free(g->m[i].name);
	free(g->m);
	free(g->at);
}

static int
T_grid(tctx *t, long long gid, grid *g)
{
	int rc;

	memset(g, 0, sizeof *g);
	g->t = t;
	g->nl = t->a->site.nl;
	if ((rc = store_members(t->a->db, gid, MAX_MEMBERS, T_member, g)) !=
	    STORE_OK)
		return rc;
	g->at = mem_alloc(NULL, ((size_t)g->nm * (size_t)g->nl + 1) *
	    sizeof *g->at);
	memset(g->at, 0, ((size_t)g->nm * (size_t)g->nl + 1) * sizeof *g->at);
	return store_group_done(t->a->db, gid, T_done, g);
}

/* The group of the path, if this trainer follows it; else 404. */
static int
T_group(tctx *t, long long gid, store_group *g, char *name, size_t namesz,
	char *code, size_t codesz)
{
	int rc = store_trainer_group(t->a->db, t->tid, gid, g, name, namesz,
	    code, codesz);

	if (rc == STORE_NONE)
		T_not_found(t);
	else if (rc != STORE_OK)
		T_store_fail(t, rc);
	return rc;
}

static int
T_count(void *p, const store_msg *m)
{
	(void)m;
	(*(int *)p)++;
	return 0;
}

static void
T_matrix(tctx *t, buf *b, const grid *g)
{
	const course *site = &t->a->site;
	int m, i, k, n, num, done;

	for (m = 0; m < site->nm; m++) {
		for (i = 0, n = 0; i < site->nl; i++)
			n += site->l[i].module_index == m;
		if (n == 0)
			continue;
		buf_printf(b, "<h3 id=\"module-%d\">", m);
		T_esc(b, site->m[m].title);
		buf_printf(b, "</h3>\n<section class=\"matrix\" "
		    "aria-labelledby=\"module-%d\" tabindex=\"0\">\n<table>\n"
		    "<thead>\n<tr><th scope=\"col\">%s</th>", m,
		    msg("Participant", "Participant"));
		for (i = 0, num = 0; i < site->nl; i++) {
			if (site->l[i].module_index != m)
				continue;
			buf_printf(b, "<th scope=\"col\"><span aria-hidden=\"true\">"
			    "%d</span><span class=\"vh\">", ++num);
			T_esc(b, site->l[i].title);
			buf_puts(b, "</span></th>");
		}
		buf_printf(b, "<th scope=\"col\">%s</th></tr>\n</thead>\n"
		    "<tbody>\n", msg("Total", "Total"));
		for (k = 0; k < g->nm; k++) {
			buf_puts(b, "<tr><th scope=\"row\">");
			T_esc(b, g->m[k].name);
			buf_puts(b, "</th>");
			for (i = 0, done = 0; i < site->nl; i++) {
				long long at = g->at[(size_t)k * (size_t)g->nl +
				    (size_t)i];

				if (site->l[i].module_index != m)
					continue;
				if (at == 0) {
					buf_printf(b, "<td class=\"todo\"><span "
					    "class=\"vh\">%s</span></td>",
					    msg("pas encore", "not yet"));
					continue;
				}
				done++;
				buf_printf(b, "<td class=\"done\">✓ <span "
				    "class=\"vh\">%s</span>", msg("terminée le",
				    "done on"));
				T_day(b, at, 0);
				buf_puts(b, "</td>");
			}
			buf_printf(b, "<td class=\"total\">%d/%d</td></tr>\n",
			    done, n);
		}
		buf_printf(b, "</tbody>\n<tfoot>\n<tr><th scope=\"row\">%s</th>",
		    msg("Total", "Total"));
		for (i = 0; i < site->nl; i++) {
			if (site->l[i].module_index != m)
				continue;
			for (k = 0, done = 0; k < g->nm; k++)
				done += g->at[(size_t)k * (size_t)g->nl +
				    (size_t)i] != 0;
			buf_printf(b, "<td class=\"total\">%d/%d</td>", done,
			    g->nm);
		}
		buf_puts(b, "<td></td></tr>\n</tfoot>\n</table>\n</section>\n"
		    "<ol class=\"matrix-legend\">\n");
		for (i = 0; i < site->nl; i++) {
			if (site->l[i].module_index != m)
				continue;
			buf_puts(b, "<li>");
			T_esc(b, site->l[i].title);
			buf_puts(b, "</li>\n");
		}
		buf_puts(b, "</ol>\n");
	}
}

static void
T_members(tctx *t, buf *b, long long gid, const grid *g)
{
	int k;
	char path[128];

	buf_printf(b, "<h2>%s</h2>\n", msg("Participants", "Participants"));
	if (g->nm == 0) {
		buf_printf(b, "<p>%s</p>\n", msg("Personne n'a encore rejoint "
		    "ce groupe.", "Nobody joined this group yet."));
		return;
	}
	buf_printf(b, "<ul class=\"people\">\n");
	for (k = 0; k < g->nm; k++) {
		long long pid = g->m[k].pid;

		snprintf(path, sizeof path, "/groups/%lld/participants/%lld",
		    gid, pid);
		buf_printf(b, "<li id=\"p%lld\">\n<p><strong>", pid);
		T_esc(b, g->m[k].name);
		buf_printf(b, "</strong> · %s ", msg("dernière visite",
		    "last visit"));
		app_date(b, g->m[k].last_seen);
		buf_puts(b, "</p>\n");
		T_form(t, b, "rename", path);
		buf_printf(b, "<p><label for=\"name-%lld\">%s</label>\n"
		    "<input id=\"name-%lld\" type=\"text\" name=\"name\" required "
		    "maxlength=\"40\" value=\"", pid, msg("Prénom", "First name"),
		    pid);
		T_esc(b, g->m[k].name);
		buf_printf(b, "\">\n<button type=\"submit\" name=\"action\" "
		    "value=\"rename\">%s</button></p>\n</form>\n<p>",
		    msg("Renommer", "Rename"));
		buf_puts(b, "<a href=\"");
		T_link(t, b, "/groups/%lld/cards?p=%lld", gid, pid);
		buf_printf(b, "\">%s</a> · <a href=\"", msg("Imprimer sa carte",
		    "Print their card"));
		T_link(t, b, "%s/export", path);
		buf_printf(b, "\">%s</a></p>\n", msg("Ses données (JSON)",
		    "Their data (JSON)"));
		T_form(t, b, "remove", path);
		buf_printf(b, "<p><button type=\"submit\" name=\"action\" "
		    "value=\"remove\">%s</button> %s</p>\n</form>\n</li>\n",
		    msg("Retirer et effacer ses données", "Remove and erase "
		    "their data"), msg("(ses messages deviennent « message "
		    "supprimé » ; c'est définitif)", "(their messages become "
		    "\"message deleted\"; it cannot be undone)"));
	}
	buf_puts(b, "</ul>\n");
}

static void
T_settings(tctx *t, buf *b, const store_group *gr)
{
	char path[64];

	snprintf(path, sizeof path, "/groups/%lld", gr->id);
	buf_printf(b, "<h2>%s</h2>\n", msg("Réglages du groupe",
	    "Group settings"));
	T_form(t, b, "group-rename", path);
	buf_printf(b, "<p><label for=\"gname\">%s</label>\n<input id=\"gname\" "
	    "type=\"text\" name=\"name\" required maxlength=\"100\" value=\"",
	    msg("Nom du groupe", "Group name"));
	T_esc(b, gr->name);
	buf_printf(b, "\">\n<button type=\"submit\" name=\"action\" "
	    "value=\"rename\">%s</button></p>\n</form>\n",
	    msg("Renommer", "Rename"));
	T_form(t, b, "group-code", path);
	buf_printf(b, "<p><button type=\"submit\" name=\"action\" "
	    "value=\"code\">%s</button> %s</p>\n</form>\n",
	    msg("Changer le code", "Change the code"), msg("(l'ancien code "
	    "ne permettra plus de rejoindre le groupe)", "(the old code will "
	    "no longer let anyone join)"));
	T_form(t, b, "group-hold", path);
	buf_printf(b, "<p>%s <strong>%s</strong>.</p>\n<p><button "
	    "type=\"submit\" name=\"action\" value=\"%s\">%s</button></p>\n"
	    "</form>\n", msg("Messages avec un lien retenus jusqu'à ma "
	    "validation :", "Messages with a link held until I approve them:"),
	    gr->hold_links ? msg("oui", "yes") : msg("non", "no"),
	    gr->hold_links ? "hold-off" : "hold-on", gr->hold_links ?
	    msg("Ne plus les retenir", "Stop holding them") :
	    msg("Les retenir", "Hold them"));
	T_form(t, b, "group-archive", path);
	buf_printf(b, "<p><button type=\"submit\" name=\"action\" "
	    "value=\"%s\">%s</button> %s</p>\n</form>\n",
	    gr->archived ? "unarchive" : "archive", gr->archived ?
	    msg("Rouvrir le groupe", "Reopen the group") :
	    msg("Archiver le groupe", "Archive the group"), gr->archived ?
	    "" : msg("(à la fin de la formation : le code et les sessions "
	    "des participants ne marchent plus, leurs données restent)",
	    "(at the end of the course: the code and the participants' "
	    "sessions stop working, their data stays)"));
}

static void
T_group_page(tctx *t, long long gid)
{
	store_group gr;
	char name[256], code[16];
	grid g;
	buf b;
	int rc, k, nreported = 0, nheld = 0, away = 0;

	if (T_group(t, gid, &gr, name, sizeof name, code, sizeof code) !=
	    STORE_OK)
		return;
	if ((rc = T_grid(t, gid, &g)) != STORE_OK ||
	    (rc = store_mod_list(t->a->db, gid, STORE_MOD_REPORTED, MOD_LIMIT,
	    T_count, &nreported)) != STORE_OK ||
	    (rc = store_mod_list(t->a->db, gid, STORE_MOD_HELD, MOD_LIMIT,
	    T_count, &nheld)) != STORE_OK) {
		T_grid_free(&g);
		T_store_fail(t, rc);
		return;
	}
	buf_init(&b, 16u << 20);
	buf_printf(&b, "<p class=\"kicker\">%s</p>\n<h1>", msg("Groupe",
	    "Group"));
	T_esc(&b, gr.name);
	buf_printf(&b, "</h1>\n<p>%s <strong class=\"join-code\">%s</strong>"
	    " · %d %s%s</p>\n", msg("Code pour rejoindre :", "Join code:"),
	    gr.code, g.nm, g.nm > 1 ? msg("participants", "participants") :
	    msg("participant", "participant"), gr.archived ?
	    msg(" · groupe archivé", " · archived group") : "");
	buf_printf(&b, "<nav class=\"trainer-links\" aria-label=\"%s\">\n<ul>\n"
	    "<li><a href=\"", msg("Ce groupe", "This group"));
	T_link(t, &b, "/groups/%lld/cards", gid);
	buf_printf(&b, "\">%s</a></li>\n<li><a href=\"",
	    msg("Cartes de connexion à imprimer (QR)", "Login cards to print "
	    "(QR)"));
	T_link(t, &b, "/groups/%lld/progress.csv", gid);
	buf_printf(&b, "\">%s</a></li>\n<li><a href=\"",
	    msg("Progression en tableur (CSV)", "Progress as a spreadsheet "
	    "(CSV)"));
	T_link(t, &b, "/groups/%lld/messages", gid);
	buf_printf(&b, "\">%s</a> (%d %s, %d %s)</li>\n<li><a href=\"",
	    msg("Messages du groupe", "Group messages"), nreported,
	    msg("signalé(s)", "reported"), nheld, msg("en attente",
	    "waiting"));
	T_link(t, &b, "%s", "");
	buf_printf(&b, "\">%s</a></li>\n</ul>\n</nav>\n",
	    msg("Tous mes groupes", "All my groups"));

	buf_printf(&b, "<h2>%s</h2>\n", msg("Progression", "Progress"));
	for (k = 0; k < g.nm; k++) {
		if (t->now - g.m[k].last_seen < AWAY_DAYS * 86400LL)
			continue;
		if (away++ == 0)
			buf_printf(&b, "<div class=\"away\">\n<p><strong>%s"
			    "</strong></p>\n<ul>\n", msg("Pas revenus depuis "
			    "7 jours :", "Not back for 7 days:"));
		buf_puts(&b, "<li>");
		T_esc(&b, g.m[k].name);
		buf_printf(&b, " (%s ", msg("dernière visite", "last visit"));
		app_date(&b, g.m[k].last_seen);
		buf_puts(&b, ")</li>\n");
	}
	if (away)
		buf_puts(&b, "</ul>\n</div>\n");
	if (g.nm == 0)
		buf_printf(&b, "<p>%s</p>\n", msg("Personne n'a encore rejoint "
		    "ce groupe : donnez le code, ou imprimez les cartes quand "
		    "les participants ont rejoint.", "Nobody joined this group "
		    "yet: give out the code."));
	else
		T_matrix(t, &b, &g);
	T_members(t, &b, gid, &g);
	T_settings(t, &b, &gr);
	T_page(t, 200, gr.name, b.data);
	T_grid_free(&g);
	buf_free(&b);
}

static void
T_group_post(tctx *t, long long gid)
{
	const char *action = http_form(t->req, "action");
	store_group gr;
	char name[256], code[16], fresh[8], *newname;
	int rc = STORE_OK, tries;

	if (T_group(t, gid, &gr, name, sizeof name, code, sizeof code) !=
	    STORE_OK)
		return;
	if (action == NULL) {
		T_fail(t, 400, msg("Action inconnue.", "Unknown action."));
		return;
	}
	if (strcmp(action, "rename") == 0) {
		if ((newname = T_name(http_form(t->req, "name"),
		    GROUP_NAME_MAX)) == NULL) {
			T_fail(t, 400, msg("Le nom du groupe fait de 1 à 100 "
			    "caractères.", "A group name is 1 to 100 "
			    "characters."));
			return;
		}
		rc = store_group_rename(t->a->db, gid, newname);
		free(newname);
	} else if (strcmp(action, "code") == 0) {
		rc = STORE_TAKEN;
		for (tries = 0; tries < 20 && rc == STORE_TAKEN; tries++) {
			admin_new_code(fresh);
			rc = store_group_code(t->a->db, gid, fresh);
		}
	} else if (strcmp(action, "hold-on") == 0 ||
	    strcmp(action, "hold-off") == 0) {
		rc = store_group_hold(t->a->db, gid, action[6] == 'n');
	} else if (strcmp(action, "archive") == 0 ||
	    strcmp(action, "unarchive") == 0) {
		rc = store_group_archive(t->a->db, gid, action[0] == 'a');
	} else {
		T_fail(t, 400, msg("Action inconnue.", "Unknown action."));
		return;
	}
	if (rc != STORE_OK) {
		T_store_fail(t, rc);
		return;
	}
	T_redirect(t, "/groups/%lld", gid);
}

/* ------------------------------------------------------------------ */
/* Progress as CSV */

static void
T_csv(tctx *t, long long gid)
{
	const course *site = &t->a->site;
	store_group gr;
	char name[256], code[16];
	grid g;
	buf b, cell;
	int rc, k, i, done;

	if (T_group(t, gid, &gr, name, sizeof name, code, sizeof code) !=
	    STORE_OK)
		return;
	if ((rc = T_grid(t, gid, &g)) != STORE_OK) {
		T_grid_free(&g);
		T_store_fail(t, rc);
		return;
	}
	buf_init(&b, 16u << 20);
	buf_init(&cell, 4096);
	/* The BOM tells spreadsheet programs the file is UTF-8. */
	buf_puts(&b, "\xEF\xBB\xBF");
	trainer_csv_cell(&b, msg("Participant", "Participant"));
	buf_putc(&b, ';');
	trainer_csv_cell(&b, msg("Dernière visite", "Last visit"));
	for (i = 0; i < site->nl; i++) {
		buf_reset(&cell);
		buf_printf(&cell, "%s — %s",
		    site->m[site->l[i].module_index].title, site->l[i].title);
		buf_putc(&b, ';');
		trainer_csv_cell(&b, cell.data);
	}
	buf_putc(&b, ';');
	trainer_csv_cell(&b, msg("Leçons terminées", "Lessons done"));
	buf_puts(&b, "\r\n");
	for (k = 0; k < g.nm; k++) {
		trainer_csv_cell(&b, g.m[k].name);
		buf_putc(&b, ';');
		T_day(&b, g.m[k].last_seen, 1);
		for (i = 0, done = 0; i < site->nl; i++) {
			long long at = g.at[(size_t)k * (size_t)g.nl +
			    (size_t)i];

			buf_putc(&b, ';');
			if (at != 0) {
				done++;
				T_day(&b, at, 1);
			}
		}
		buf_printf(&b, ";%d\r\n", done);
	}
	trainer_csv_cell(&b, msg("Total", "Total"));
	buf_putc(&b, ';');
	for (i = 0; i < site->nl; i++) {
		for (k = 0, done = 0; k < g.nm; k++)
			done += g.at[(size_t)k * (size_t)g.nl + (size_t)i] != 0;
		buf_printf(&b, ";%d", done);
	}
	buf_puts(&b, ";\r\n");
	T_grid_free(&g);
	buf_free(&cell);
	if (b.overflow) {
		buf_free(&b);
		T_fail(t, 500, msg("Tableau trop grand.", "Table too large."));
		return;
	}
	t->res->status = 200;
	t->res->type = "text/csv; charset=utf-8";
	buf_reset(&t->res->body);
	buf_add(&t->res->body, b.data, b.len);
	http_header(t->res, "Content-Disposition: attachment; "
	    "filename=\"progression-groupe-%lld.csv\"", gid);
	buf_free(&b);
}

/* ------------------------------------------------------------------ */
/* QR login cards */

static void
T_card(tctx *t, buf *b, const store_group *gr, long long pid,
	const char *name)
{
	unsigned char token[TOKEN_LEN], hash[STORE_HASH_LEN];
	char tok[64];
	buf url, label;
	int rc;

	randombytes_buf(token, sizeof token);
	crypto_generichash(hash, sizeof hash, token, sizeof token, NULL, 0);
	if ((rc = store_link_issue(t->a->db, pid, hash, t->now +
	    CARD_DAYS * 86400LL)) != STORE_OK) {
		io_log("card for %lld: %s", pid, store_error(t->a->db));
		return;
	}
	sodium_bin2base64(tok, sizeof tok, token, sizeof token,
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	buf_init(&url, 4096);
	buf_init(&label, 4096);
	/* Absolute: the phone that scans it knows nothing else. */
	buf_printf(&url, "%s%s/card?t=%s", t->a->origin, t->a->site.api, tok);
	buf_printf(&label, msg("Code QR de connexion de %s", "Login QR code "
	    "of %s"), name);
	buf_printf(b, "<li class=\"card-qr\" id=\"card-%lld\">\n"
	    "<p class=\"card-name\">", pid);
	T_esc(b, name);
	buf_puts(b, "</p>\n");
	if (qr_svg(b, url.data, label.data) < 0)
		buf_printf(b, "<p>%s</p>\n", msg("Lien trop long pour un code "
		    "QR.", "Link too long for a QR code."));
	buf_printf(b, "\n<p class=\"card-help\">%s ",
	    msg("Visez le carré avec l'appareil photo du téléphone. Sinon, "
	    "allez sur", "Aim the phone's camera at the square. Or go to"));
	T_esc(b, t->a->origin);
	T_esc(b, t->a->site.root);
	buf_printf(b, " %s <strong class=\"join-code\">", msg("avec le code",
	    "with the code"));
	T_esc(b, gr->code);
	buf_printf(b, "</strong>.</p>\n<p class=\"card-until\">%s ",
	    msg("Carte valable une fois, jusqu'au", "Card valid once, until"));
	T_longday(b, t->now + CARD_DAYS * 86400LL);
	buf_puts(b, ".</p>\n</li>\n");
	buf_free(&url);
	buf_free(&label);
}

static void
T_cards(tctx *t, long long gid)
{
	const char *only = http_query(t->req, "p");
	long long pid = only ? app_id(only) : 0;
	store_group gr;
	char name[256], code[16];
	grid g;
	buf b;
	int rc, k, n = 0;

	if (T_group(t, gid, &gr, name, sizeof name, code, sizeof code) !=
	    STORE_OK)
		return;
	if (only != NULL && pid == 0) {
		T_fail(t, 400, msg("Participant inconnu.", "Unknown "
		    "participant."));
		return;
	}
	memset(&g, 0, sizeof g);
	g.t = t;
	if ((rc = store_members(t->a->db, gid, MAX_MEMBERS, T_member, &g)) !=
	    STORE_OK) {
		T_grid_free(&g);
		T_store_fail(t, rc);
		return;
	}
	buf_init(&b, 16u << 20);
	buf_printf(&b, "<div class=\"no-print\">\n<p class=\"kicker\">%s</p>\n"
	    "<h1>", msg("Cartes de connexion", "Login cards"));
	T_esc(&b, gr.name);
	buf_printf(&b, "</h1>\n<p>%s</p>\n<p><a href=\"", msg("Imprimez cette "
	    "page sur du papier A4 et découpez les cartes. Chaque carte "
	    "connecte son participant une seule fois, pendant 30 jours ; "
	    "afficher de nouveau cette page remplace les cartes pas encore "
	    "utilisées.", "Print this page on A4 paper and cut the cards "
	    "out. Each card logs its participant in once, for 30 days; "
	    "showing this page again replaces the cards not used yet."));
	T_link(t, &b, "/groups/%lld", gid);
	buf_printf(&b, "\">%s</a></p>\n</div>\n<ul class=\"cards-qr\">\n",
	    msg("Retour au groupe", "Back to the group"));
	for (k = 0; k < g.nm; k++) {
		if (pid != 0 && g.m[k].pid != pid)
			continue;
		n++;
		T_card(t, &b, &gr, g.m[k].pid, g.m[k].name);
	}
	buf_puts(&b, "</ul>\n");
	T_grid_free(&g);
	if (pid != 0 && n == 0) {
		buf_free(&b);
		T_not_found(t);
		return;
	}
	if (n == 0)
		buf_printf(&b, "<p>%s</p>\n", msg("Personne n'a encore rejoint "
		    "ce groupe.", "Nobody joined this group yet."));
	T_page(t, 200, msg("Cartes de connexion", "Login cards"), b.data);
	buf_free(&b);
}

/* ------------------------------------------------------------------ */
/* Moderation */

typedef struct mod_ctx {
	tctx *t;
	buf *b;
	long long gid;
	int n;
} mod_ctx;

static void
T_mod_button(buf *b, const char *action, const char *label)
{
	buf_printf(b, "<button type=\"submit\" name=\"action\" value=\"%s\">"
	    "%s</button>\n", action, label);
}

static int
T_mod_one(void *p, const store_msg *m)
{
	mod_ctx *x = p;
	tctx *t = x->t;
	const course_item *l = course_lesson(&t->a->site, m->lesson);
	char path[96];

	x->n++;
	buf_printf(x->b, "<article class=\"message message-%s\">\n"
	    "<p class=\"message-meta\"><strong>", m->kind);
	T_esc(x->b, m->pid == 0 ? msg("Message supprimé", "Deleted message") :
	    m->author);
	buf_puts(x->b, "</strong> · ");
	app_date(x->b, m->created);
	if (l != NULL) {
		buf_printf(x->b, " · %s ", msg("sur", "on"));
		T_esc(x->b, l->title);
	}
	if (m->state == STORE_MSG_HIDDEN)
		buf_printf(x->b, " · <strong>%s</strong>", msg("masqué",
		    "hidden"));
	else if (m->state == STORE_MSG_HELD)
		buf_printf(x->b, " · <strong>%s</strong>", msg("en attente",
		    "waiting"));
	if (m->reports > 0)
		buf_printf(x->b, " · <strong>%s %d %s</strong>",
		    msg("signalé", "reported"), m->reports,
		    m->reports > 1 ? msg("fois", "times") : msg("fois", "time"));
	buf_puts(x->b, "</p>\n");
	if (m->pid == 0)
		buf_printf(x->b, "<p class=\"message-erased\">%s</p>\n",
		    msg("message supprimé", "message deleted"));
	else
		app_render_text(x->b, m->body);
	snprintf(path, sizeof path, "/groups/%lld/messages", x->gid);
	T_form(t, x->b, "moderate", path);
	buf_printf(x->b, "<input type=\"hidden\" name=\"msg\" value=\"%lld\">\n"
	    "<p>", m->id);
	if (m->state == STORE_MSG_HELD)
		T_mod_button(x->b, "approve", msg("Valider", "Approve"));
	else if (m->state == STORE_MSG_HIDDEN)
		T_mod_button(x->b, "show", msg("Afficher de nouveau",
		    "Show again"));
	else
		T_mod_button(x->b, "hide", msg("Masquer", "Hide"));
	if (m->reports > 0 && m->state == STORE_MSG_SHOWN)
		T_mod_button(x->b, "dismiss", msg("Garder (ignorer le "
		    "signalement)", "Keep (dismiss the report)"));
	T_mod_button(x->b, "delete", msg("Supprimer", "Delete"));
	buf_puts(x->b, "</p>\n</form>\n</article>\n");
	return 0;
}

static int
T_mod_section(tctx *t, buf *b, long long gid, int which, const char *title,
	const char *none)
{
	mod_ctx x;
	int rc;

	buf_printf(b, "<h2>%s</h2>\n", title);
	x.t = t;
	x.b = b;
	x.gid = gid;
	x.n = 0;
	if ((rc = store_mod_list(t->a->db, gid, which, MOD_LIMIT, T_mod_one,
	    &x)) != STORE_OK)
		return rc;
	if (x.n == 0)
		buf_printf(b, "<p>%s</p>\n", none);
	return STORE_OK;
}

static void
T_messages(tctx *t, long long gid)
{
	store_group gr;
	char name[256], code[16];
	buf b;
	int rc;

	if (T_group(t, gid, &gr, name, sizeof name, code, sizeof code) !=
	    STORE_OK)
		return;
	buf_init(&b, 16u << 20);
	buf_printf(&b, "<p class=\"kicker\">%s</p>\n<h1>", msg("Messages du "
	    "groupe", "Group messages"));
	T_esc(&b, gr.name);
	buf_puts(&b, "</h1>\n<p><a href=\"");
	T_link(t, &b, "/groups/%lld", gid);
	buf_printf(&b, "\">%s</a></p>\n", msg("Retour au groupe",
	    "Back to the group"));
	if ((rc = T_mod_section(t, &b, gid, STORE_MOD_REPORTED,
	    msg("Messages signalés", "Reported messages"),
	    msg("Aucun message signalé.", "No reported message."))) !=
	    STORE_OK || (rc = T_mod_section(t, &b, gid, STORE_MOD_HELD,
	    msg("En attente de validation (liens)", "Waiting for approval "
	    "(links)"), msg("Aucun message en attente.", "No message "
	    "waiting."))) != STORE_OK || (rc = T_mod_section(t, &b, gid,
	    STORE_MOD_ALL, msg("Tous les messages (les 100 derniers)",
	    "All messages (the latest 100)"), msg("Pas encore de message.",
	    "No message yet."))) != STORE_OK) {
		buf_free(&b);
		T_store_fail(t, rc);
		return;
	}
	T_page(t, 200, msg("Messages du groupe", "Group messages"), b.data);
	buf_free(&b);
}

static void
T_messages_post(tctx *t, long long gid)
{
	const char *action = http_form(t->req, "action");
	long long mid = app_id(http_form(t->req, "msg"));
	store_group gr;
	char name[256], code[16];
	int rc;

	if (T_group(t, gid, &gr, name, sizeof name, code, sizeof code) !=
	    STORE_OK)
		return;
	if (action == NULL || mid == 0) {
		T_fail(t, 400, msg("Action ou message manquant.",
		    "Missing action or message."));
		return;
	}
	if (strcmp(action, "hide") == 0)
		rc = store_mod_state(t->a->db, mid, gid, STORE_MSG_HIDDEN);
	else if (strcmp(action, "show") == 0 || strcmp(action, "approve") == 0)
		rc = store_mod_state(t->a->db, mid, gid, STORE_MSG_SHOWN);
	else if (strcmp(action, "delete") == 0)
		rc = store_mod_delete(t->a->db, mid, gid);
	else if (strcmp(action, "dismiss") == 0)
		rc = store_mod_dismiss(t->a->db, mid, gid);
	else {
		T_fail(t, 400, msg("Action inconnue.", "Unknown action."));
		return;
	}
	if (rc == STORE_NONE) {
		T_not_found(t);
		return;
	}
	if (rc != STORE_OK) {
		T_store_fail(t, rc);
		return;
	}
	T_redirect(t, "/groups/%lld/messages", gid);
}

/* ------------------------------------------------------------------ */
/* One participant: rename, remove, export */

static int
T_participant(tctx *t, long long gid, long long pid, store_who *who)
{
	store_group gr;
	char name[256], code[16];
	int rc;

	if (T_group(t, gid, &gr, name, sizeof name, code, sizeof code) !=
	    STORE_OK)
		return STORE_NONE;
	rc = store_member_get(t->a->db, gid, pid, who);
	if (rc == STORE_NONE)
		T_not_found(t);
	else if (rc != STORE_OK)
		T_store_fail(t, rc);
	return rc;
}

static void
T_participant_post(tctx *t, long long gid, long long pid)
{
	const char *action = http_form(t->req, "action");
	store_who who;
	char *name;
	int rc;

	if (T_participant(t, gid, pid, &who) != STORE_OK)
		return;
	if (action != NULL && strcmp(action, "rename") == 0) {
		if ((name = T_name(http_form(t->req, "name"),
		    NAME_MAX_CHARS)) == NULL) {
			T_fail(t, 400, msg("Un prénom fait de 1 à 40 lettres, "
			    "sans caractère invisible.", "A first name is 1 to "
			    "40 letters, with no invisible character."));
			return;
		}
		rc = store_member_rename(t->a->db, gid, pid, name);
		free(name);
		if (rc == STORE_TAKEN) {
			T_fail(t, 400, msg("Ce prénom est déjà pris dans le "
			    "groupe.", "This first name is already taken in "
			    "the group."));
			return;
		}
	} else if (action != NULL && strcmp(action, "remove") == 0) {
		rc = store_forget(t->a->db, pid);
	} else {
		T_fail(t, 400, msg("Action inconnue.", "Unknown action."));
		return;
	}
	if (rc != STORE_OK) {
		T_store_fail(t, rc);
		return;
	}
	T_redirect(t, "/groups/%lld", gid);
}

static void
T_participant_export(tctx *t, long long gid, long long pid)
{
	store_who who;
	buf b;
	int rc;

	if (T_participant(t, gid, pid, &who) != STORE_OK)
		return;
	buf_init(&b, 16u << 20);
	if ((rc = app_export(t->a, &b, &who)) != STORE_OK || b.overflow) {
		buf_free(&b);
		T_store_fail(t, rc != STORE_OK ? rc : STORE_ERROR);
		return;
	}
	t->res->status = 200;
	t->res->type = "application/json";
	buf_reset(&t->res->body);
	buf_add(&t->res->body, b.data, b.len);
	http_header(t->res, "Content-Disposition: attachment; "
	    "filename=\"donnees-participant-%lld.json\"", pid);
	buf_free(&b);
}

/* ------------------------------------------------------------------ */
/* Routes */

/* Read a number path segment at *p ("12/…"): its value, and *p moved
 * past it; 0 when there is none. */
static long long
T_segment(const char **p)
{
	char seg[20];
	size_t n = strcspn(*p, "/");

	if (n == 0 || n >= sizeof seg)
		return 0;
	memcpy(seg, *p, n);
	seg[n] = '\0';
	*p += n;
	return app_id(seg);
}

static void
T_method(tctx *t, const char *allow)
{
	http_header(t->res, "Allow: %s", allow);
	T_fail(t, 405, msg("Méthode non acceptée ici.",
	    "Method not allowed here."));
}

/* /groups/ID…, for a logged-in trainer. */
static void
T_group_routes(tctx *t, int get, int post)
{
	const char *p = t->rest + strlen("/groups");
	long long gid, pid;

	if (*p == '\0') {
		if (post)
			T_group_new(t);
		else
			T_method(t, "POST");
		return;
	}
	if (*p++ != '/' || (gid = T_segment(&p)) == 0) {
		T_not_found(t);
		return;
	}
	if (*p == '\0') {
		if (get)
			T_group_page(t, gid);
		else
			T_group_post(t, gid);
	} else if (strcmp(p, "/progress.csv") == 0) {
		if (get)
			T_csv(t, gid);
		else
			T_method(t, "GET, HEAD");
	} else if (strcmp(p, "/cards") == 0) {
		if (get)
			T_cards(t, gid);
		else
			T_method(t, "GET, HEAD");
	} else if (strcmp(p, "/messages") == 0) {
		if (get)
			T_messages(t, gid);
		else
			T_messages_post(t, gid);
	} else if (strncmp(p, "/participants/", 14) == 0) {
		p += 14;
		if ((pid = T_segment(&p)) == 0) {
			T_not_found(t);
		} else if (*p == '\0') {
			if (post)
				T_participant_post(t, gid, pid);
			else
				T_method(t, "POST");
		} else if (strcmp(p, "/export") == 0) {
			if (get)
				T_participant_export(t, gid, pid);
			else
				T_method(t, "GET, HEAD");
		} else {
			T_not_found(t);
		}
	} else {
		T_not_found(t);
	}
}

void
trainer_handle(app *a, http_req *req, http_res *res, long long now)
{
	tctx t;
	int get = req->method == HTTP_GET || req->method == HTTP_HEAD;
	int post = req->method == HTTP_POST;

	memset(&t, 0, sizeof t);
	t.a = a;
	t.req = req;
	t.res = res;
	t.now = now;
	t.rest = req->path + strlen("/trainer");
	if (strcmp(t.rest, "/login") == 0) {
		if (post)
			T_login(&t);
		else
			T_method(&t, "POST");
		return;
	}
	T_session(&t);
	if (strcmp(t.rest, "/logout") == 0) {
		if (post)
			T_logout(&t);
		else
			T_method(&t, "POST");
		return;
	}
	if (!get && !post) {
		T_method(&t, "GET, HEAD, POST");
		return;
	}
	if (!t.in) {
		/* Not logged in, or the session ended: the login form, for
		 * every page of the space. */
		T_login_page(&t, *t.rest == '\0' || strcmp(t.rest, "/") == 0 ?
		    200 : 401, *t.rest == '\0' ? NULL : msg("Connectez-vous "
		    "pour voir cette page.", "Log in to see this page."));
		return;
	}
	if (post && !T_csrf_ok(&t)) {
		T_fail(&t, 403, msg("Formulaire expiré : rechargez la page et "
		    "réessayez.", "Expired form: reload the page and try "
		    "again."));
		return;
	}
	if (*t.rest == '\0' || strcmp(t.rest, "/") == 0) {
		if (get)
			T_home(&t);
		else
			T_method(&t, "GET, HEAD");
	} else if (strncmp(t.rest, "/groups", 7) == 0 &&
	    (t.rest[7] == '\0' || t.rest[7] == '/')) {
		T_group_routes(&t, get, post);
	} else {
		T_not_found(&t);
	}
}
