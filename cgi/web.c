#include "web.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "../common/msg.h"
#include "../common/text.h"
#include "io.h"

/* The store keeps the hashes auth makes. */
_Static_assert(AUTH_HASH_LEN == STORE_HASH_LEN, "token hash sizes");

#define WEB_RETRY_AFTER 60 /* seconds, on 429 and 503 */

/* ------------------------------------------------------------------ */
/* Fields and sessions */

const web_value *
web_field(const web_ctx *c, const char *name)
{
	int i;

	for (i = 0; i < c->nval; i++)
		if (strcmp(c->val[i].name, name) == 0)
			return &c->val[i];
	return NULL;
}

const char *
web_str(const web_ctx *c, const char *name)
{
	const web_value *v = web_field(c, name);

	return v != NULL ? v->s : NULL;
}

long long
web_num(const web_ctx *c, const char *name)
{
	const web_value *v = web_field(c, name);

	return v != NULL && v->s != NULL ? v->n : 0;
}

const course_item *
web_lesson(const web_ctx *c, const char *name)
{
	const web_value *v = web_field(c, name);

	return v != NULL && v->s != NULL ? v->p : NULL;
}

void
web_urlenc(buf *b, const char *s)
{
	for (; *s != '\0'; s++) {
		unsigned char ch = (unsigned char)*s;

		if (isalnum(ch) || ch == '-' || ch == '.' || ch == '_' ||
		    ch == '~')
			buf_putc(b, (char)ch);
		else
			buf_printf(b, "%%%02X", ch);
	}
}

void
web_device(const char *agent, char *out, size_t size)
{
	/* First match wins: the order matters (Chrome's agent names
	 * Safari, Edge's names Chrome, Android's names Linux). */
	static const char *const systems[][2] = {
		{ "iPhone", "iPhone" }, { "iPad", "iPad" },
		{ "Android", "Android" }, { "CrOS", "Chromebook" },
		{ "Windows", "Windows" }, { "Macintosh", "Mac" },
		{ "Linux", "Linux" },
	};
	static const char *const browsers[][2] = {
		{ "SamsungBrowser", "Samsung Internet" }, { "Edg", "Edge" },
		{ "OPR", "Opera" }, { "Firefox", "Firefox" },
		{ "FxiOS", "Firefox" }, { "CriOS", "Chrome" },
		{ "Chrome", "Chrome" }, { "Safari", "Safari" },
	};
	const char *sys = NULL, *br = NULL;
	size_t i;

	for (i = 0; agent != NULL && sys == NULL &&
	    i < sizeof systems / sizeof *systems; i++)
		if (strstr(agent, systems[i][0]) != NULL)
			sys = systems[i][1];
	for (i = 0; agent != NULL && br == NULL &&
	    i < sizeof browsers / sizeof *browsers; i++)
		if (strstr(agent, browsers[i][0]) != NULL)
			br = browsers[i][1];
	snprintf(out, size, "%s%s%s", sys ? sys : "", sys && br ? " · " : "",
	    br ? br : "");
}

int
web_wait(web_ctx *c, const char *k1, int free1, const char *k2,
	int free2, long long window, long long *wait, buf *why)
{
	long long n1 = 0, l1 = 0, n2 = 0, l2 = 0, w2;
	int rc;

	*wait = 0;
	if ((rc = store_login_failures(c->a->db, k1, c->now - window, &n1,
	    &l1)) != STORE_OK || (rc = store_login_failures(c->a->db, k2,
	    c->now - window, &n2, &l2)) != STORE_OK) {
		web_store_fail(c, rc);
		return rc;
	}
	*wait = auth_delay(n1, free1) - (c->now - l1);
	w2 = auth_delay(n2, free2) - (c->now - l2);
	if (w2 > *wait)
		*wait = w2;
	if (*wait > 0)
		buf_printf(why, msg("Trop d'essais. Attendez %lld secondes "
		    "avant de réessayer.", "Too many tries. Wait %lld seconds "
		    "before trying again."), *wait);
	return STORE_OK;
}

/* The longest wait the limits give, from each key's count and last
 * failure: what store_fail_try asks before it counts a try. */
typedef struct try_ctx {
	const web_limit *lim;
	int n;
	long long now;
	long long wait;
} try_ctx;

static int
S_try_decide(void *p, const long long n[], const long long last[])
{
	try_ctx *t = p;
	long long w;
	int i;

	t->wait = 0;
	for (i = 0; i < t->n; i++) {
		/* Within its free tries, a key makes no one wait. */
		if ((w = auth_delay(n[i], t->lim[i].free)) == 0)
			continue;
		w -= t->now - last[i];
		if (w > t->wait)
			t->wait = w;
	}
	return t->wait <= 0;
}

int
web_try(web_ctx *c, const web_limit *lim, int n, long long window,
	long long *wait, buf *why, long long id[])
{
	const char *key[STORE_FAIL_KEYS];
	try_ctx t;
	int i, rc;

	t.lim = lim;
	t.n = n;
	t.now = c->now;
	t.wait = 0;
	for (i = 0; i < n && i < STORE_FAIL_KEYS; i++)
		key[i] = lim[i].key;
	rc = store_fail_try(c->a->db, key, n, c->now - window, c->now,
	    S_try_decide, &t, id);
	*wait = t.wait;
	if (rc == STORE_LIMIT)
		buf_printf(why, msg("Trop d'essais. Attendez %lld secondes "
		    "avant de réessayer.", "Too many tries. Wait %lld seconds "
		    "before trying again."), *wait);
	else if (rc != STORE_OK)
		web_store_fail(c, rc);
	return rc;
}

int
web_secure(const web_ctx *c)
{
	return c->req->https || strncmp(c->a->origin, "https://", 8) == 0;
}

void
web_session(web_ctx *c)
{
	const char *cookie = c->trainer ? c->req->tcookie : c->req->cookie;

	c->role = WEB_ROLE_NONE;
	if (auth_token_hash(cookie, c->hash) < 0)
		return;
	if (c->trainer) {
		if (store_tsession(c->a->db, c->hash, c->now,
		    STORE_TSESSION_IDLE, STORE_TSESSION_LIFE, &c->tid,
		    c->login, sizeof c->login) == STORE_OK)
			c->role = WEB_ROLE_TRAINER;
	} else {
		char device[WEB_DEVICE_SIZE];

		web_device(c->req->agent, device, sizeof device);
		if (store_session(c->a->db, c->hash, c->now,
		    c->a->session_life, device, &c->who) != STORE_OK)
			return;
		c->role = WEB_ROLE_PARTICIPANT;
		/* Sliding: the cookie's end moves with the session's. */
		if (c->now - c->who.seen >= STORE_SEEN_EVERY)
			web_cookie(c, cookie, c->a->session_life);
	}
}

/* ------------------------------------------------------------------ */
/* Answers */

/* One link of the trainer's menu; aria-current on the page it names. */
static void
S_nav_link(const web_ctx *c, buf *b, const char *path, const char *label)
{
	const char *here = c->req->path;
	int current = strcmp(here, path) == 0 || (strcmp(path, "/trainer") ==
	    0 && strcmp(here, "/trainer/") == 0);

	buf_puts(b, "<a href=\"");
	web_api_link(c, b, "%s", path);
	buf_printf(b, "\"%s>%s</a>\n", current ? " aria-current=\"page\"" : "",
	    label);
}

/* The trainer's own menu, in place of the participants' ("Mon
 * parcours" means nothing here): empty before a login. */
static void
S_trainer_nav(const web_ctx *c, buf *b)
{
	char csrf[AUTH_CSRF_SIZE];

	if (c->role != WEB_ROLE_TRAINER)
		return;
	buf_printf(b, "<nav class=\"trainer-nav\" aria-label=\"%s\">\n",
	    msg("Espace formateur", "Trainer space"));
	S_nav_link(c, b, "/trainer", msg("Mes groupes", "My groups"));
	S_nav_link(c, b, "/trainer/messages", msg("Messages", "Messages"));
	S_nav_link(c, b, "/trainer/report", msg("Rapport", "Report"));
	web_csrf(c, csrf);
	buf_puts(b, "<form method=\"post\" class=\"logout-nav\" action=\"");
	web_api_link(c, b, "%s", "/trainer/logout");
	buf_printf(b, "\">\n<input type=\"hidden\" name=\"csrf\" value=\"%s\">\n"
	    "<button type=\"submit\">%s</button>\n</form>\n</nav>", csrf,
	    msg("Se déconnecter", "Log out"));
}

void
web_page(web_ctx *c, int status, const char *title, const char *main)
{
	buf wrap, nav;

	c->res->status = status;
	c->res->type = "text/html; charset=utf-8";
	buf_reset(&c->res->body);
	if (c->trainer) {
		buf_init(&wrap, WEB_BIG_PAGE);
		buf_init(&nav, WEB_SMALL);
		buf_printf(&wrap, "<div class=\"trainer\">\n%s</div>\n", main);
		S_trainer_nav(c, &nav);
		course_page_nav(&c->a->site, &c->res->body, title, wrap.data,
		    nav.data != NULL ? nav.data : "");
		if (wrap.overflow || nav.overflow)
			c->res->body.overflow = 1;
		buf_free(&wrap);
		buf_free(&nav);
	} else {
		course_page(&c->a->site, &c->res->body, title, main);
	}
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

void
web_json(web_ctx *c, int status, const char *json)
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

void
web_body(web_ctx *c, const char *type, const buf *b)
{
	c->res->status = 200;
	c->res->type = type;
	buf_reset(&c->res->body);
	if (buf_add(&c->res->body, b->data, b->len) < 0)
		web_fail(c, 500, msg("Réponse trop longue.",
		    "Answer too long."));
}

int
web_confirmed(const web_ctx *c)
{
	return web_num(c, "confirm") == 1;
}

void
web_confirm(web_ctx *c, const web_confirm_page *p)
{
	char csrf[AUTH_CSRF_SIZE];
	int i;
	buf b;

	if (c->req->wants_json) {
		web_json(c, 409, "{\"error\":\"confirm\"}");
		return;
	}
	web_csrf(c, csrf);
	buf_init(&b, WEB_FORM_PAGE);
	buf_puts(&b, "<section class=\"confirm\">\n<h1>");
	web_esc(&b, p->title);
	buf_printf(&b, "</h1>\n%s\n<form method=\"post\" action=\"",
	    p->lost);
	web_api_link(c, &b, "%s", p->action);
	buf_printf(&b, "\">\n<input type=\"hidden\" name=\"csrf\" "
	    "value=\"%s\">\n<input type=\"hidden\" name=\"confirm\" "
	    "value=\"1\">\n", csrf);
	for (i = 0; i < WEB_MAX_HIDDEN && p->hidden[i].name != NULL; i++) {
		buf_puts(&b, "<input type=\"hidden\" name=\"");
		web_esc(&b, p->hidden[i].name);
		buf_puts(&b, "\" value=\"");
		web_esc(&b, p->hidden[i].value);
		buf_puts(&b, "\">\n");
	}
	/* The safe choice first, and the primary one. */
	buf_puts(&b, "<p class=\"confirm-choices\"><a class=\"button\" "
	    "href=\"");
	web_esc(&b, p->back);
	buf_puts(&b, "\">");
	web_esc(&b, p->keep);
	buf_puts(&b, "</a>\n<button type=\"submit\" class=\"danger\">");
	web_esc(&b, p->go);
	buf_puts(&b, "</button></p>\n</form>\n</section>\n");
	web_page(c, 200, p->title, b.data);
	buf_free(&b);
}

void
web_fail(web_ctx *c, int status, const char *why)
{
	buf b;

	io_log("%d %s %s: %s", status, c->req->method_name, c->req->path, why);
	buf_init(&b, WEB_FORM_PAGE);
	if (c->req->wants_json) {
		buf_puts(&b, "{\"error\":\"");
		json_escape(&b, why);
		buf_puts(&b, "\"}");
		web_json(c, status, b.data);
	} else {
		buf_puts(&b, "<h1>");
		web_esc(&b, status == 404 ? msg("Page introuvable",
		    "Page not found") : status >= 500 ? msg("Service "
		    "indisponible", "Service unavailable") : msg("Demande "
		    "refusée", "Request refused"));
		buf_puts(&b, "</h1>\n<p>");
		web_esc(&b, why);
		buf_puts(&b, "</p>\n<p><a href=\"");
		if (c->trainer) {
			web_api_link(c, &b, "/trainer");
			buf_printf(&b, "\">%s</a></p>\n", msg("Revenir à "
			    "l'espace formateur", "Back to the trainer space"));
		} else {
			web_esc(&b, c->a->site.root);
			buf_printf(&b, "\">%s</a></p>\n", msg("Revenir à "
			    "l'accueil", "Back to the home page"));
		}
		web_page(c, status, msg("Erreur", "Error"), b.data);
	}
	if (status == 429 || status == 503)
		http_header(c->res, "Retry-After: %d", WEB_RETRY_AFTER);
	buf_free(&b);
}

void
web_store_fail(web_ctx *c, int rc)
{
	if (rc == STORE_BUSY) {
		web_fail(c, 503, msg("Le serveur est très occupé. Réessayez "
		    "dans une minute.", "The server is very busy. Try again "
		    "in a minute."));
		return;
	}
	io_log("store: %s", store_error(c->a->db));
	if (rc == STORE_FULL) {
		web_fail(c, 503, msg("Le serveur n'a plus de place pour "
		    "enregistrer. Réessayez plus tard ; prévenez la personne "
		    "qui anime l'atelier.", "The server has no room left to "
		    "save. Try again later; tell your trainer."));
		return;
	}
	web_fail(c, 503, msg("Enregistrement impossible pour le moment. "
	    "Réessayez plus tard.", "Cannot save right now. Try again "
	    "later."));
}

void
web_not_found(web_ctx *c)
{
	if (c->trainer)
		web_fail(c, 404, msg("Cette page n'existe pas, ou elle n'est "
		    "pas à vous.", "This page does not exist, or it is not "
		    "yours."));
	else
		web_fail(c, 404, msg("Cette page n'existe pas.",
		    "This page does not exist."));
}

void
web_redirect(web_ctx *c, const char *to)
{
	c->res->status = 303;
	http_location(c->res, to);
	buf_reset(&c->res->body);
}

void
web_redirect_api(web_ctx *c, const char *fmt, ...)
{
	va_list ap;
	buf p;

	buf_init(&p, WEB_SMALL);
	buf_puts(&p, c->a->site.api);
	va_start(ap, fmt);
	buf_vprintf(&p, fmt, ap);
	va_end(ap);
	web_redirect(c, p.data);
	buf_free(&p);
}

void
web_cookie(web_ctx *c, const char *value, long long max_age)
{
	const char *secure = web_secure(c) ? "; Secure" : "";

	/* A trainer's cookie goes to the trainer space only, and never
	 * with a request another site started. */
	if (c->trainer)
		http_header(c->res, "Set-Cookie: " HTTP_COOKIE_TRAINER "=%s; "
		    "Path=%s/trainer; Max-Age=%lld; HttpOnly; "
		    "SameSite=Strict%s", value, c->a->site.api, max_age,
		    secure);
	else
		http_header(c->res, "Set-Cookie: " HTTP_COOKIE_PARTICIPANT
		    "=%s; Path=%s; Max-Age=%lld; HttpOnly; SameSite=Lax%s",
		    value, c->a->site.api, max_age, secure);
}

/* ------------------------------------------------------------------ */
/* Pieces of pages */

void
web_esc(buf *b, const char *s)
{
	html_escape(b, s, strlen(s));
}

void
web_api_link(const web_ctx *c, buf *b, const char *fmt, ...)
{
	va_list ap;
	buf p;

	buf_init(&p, WEB_SMALL);
	buf_puts(&p, c->a->site.api);
	va_start(ap, fmt);
	buf_vprintf(&p, fmt, ap);
	va_end(ap);
	html_escape(b, p.data, p.len);
	buf_free(&p);
}

void
web_link(const web_ctx *c, buf *b, const course_item *it)
{
	buf_puts(b, "<a href=\"");
	web_esc(b, c->a->site.root);
	web_esc(b, it->url);
	buf_puts(b, "\">");
	web_esc(b, it->title);
	buf_puts(b, "</a>");
}

const char *
web_next(const web_ctx *c, const char *next)
{
	return http_safe_next(next) ? next : c->a->site.root;
}

/* Each space its own purpose: a participant's token never passes for
 * a trainer's. */
void
web_csrf(const web_ctx *c, char out[AUTH_CSRF_SIZE])
{
	auth_csrf(c->trainer ? "trainer-csrf" : "csrf", c->hash, out);
}

int
web_csrf_ok(const web_ctx *c)
{
	return auth_csrf_ok(http_form(c->req, "csrf"), c->trainer ?
	    "trainer-csrf" : "csrf", c->hash);
}

/* ------------------------------------------------------------------ */
/* Dates */

const char *
web_month(int mon)
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

static void
S_local(long long t, struct tm *tm)
{
	time_t tt = (time_t)t;

	localtime_r(&tt, tm);
}

void
web_date(buf *b, long long t)
{
	struct tm tm;

	S_local(t, &tm);
	if (msg_is_en())
		buf_printf(b, "%s %d, %d:%02d", web_month(tm.tm_mon),
		    tm.tm_mday, tm.tm_hour, tm.tm_min);
	else
		buf_printf(b, "%d %s à %d h %02d", tm.tm_mday,
		    web_month(tm.tm_mon), tm.tm_hour, tm.tm_min);
}

void
web_longday(buf *b, long long t)
{
	struct tm tm;

	S_local(t, &tm);
	if (msg_is_en())
		buf_printf(b, "%s %d, %d", web_month(tm.tm_mon), tm.tm_mday,
		    tm.tm_year + 1900);
	else
		buf_printf(b, "%d %s %d", tm.tm_mday, web_month(tm.tm_mon),
		    tm.tm_year + 1900);
}

void
web_day(buf *b, long long t, int iso)
{
	struct tm tm;

	S_local(t, &tm);
	if (iso)
		buf_printf(b, "%04d-%02d-%02d", tm.tm_year + 1900,
		    tm.tm_mon + 1, tm.tm_mday);
	else
		buf_printf(b, "%02d/%02d", tm.tm_mday, tm.tm_mon + 1);
}

/* ------------------------------------------------------------------ */
/* Participants' text */

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

/* An address shorter than this is not made a link ("www." alone). */
#define WEB_URL_MIN 5

void
web_render_text(buf *out, const char *text)
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
		if (S_url_start(text, p) && (n = S_url_len(p, end)) >=
		    WEB_URL_MIN) {
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
web_has_link(const char *text)
{
	const char *p, *end = text + strlen(text);

	for (p = text; p < end; p++)
		if (S_url_start(text, p) && S_url_len(p, end) >= WEB_URL_MIN)
			return 1;
	return 0;
}
