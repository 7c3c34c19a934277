#include "participant.h"

#include <arpa/inet.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "../common/msg.h"
#include "../common/text.h"
#include "export.h"
#include "io.h"
#include "qr.h"
#include "talk.h"
#include "valid.h"

#define PARTICIPANT_JOIN_WINDOW (10 * 60) /* seconds, for the next one */
/* Joins from one address in it: a whole room behind one box. */
#define PARTICIPANT_JOINS_PER_WINDOW 100
/* Wrong personal codes: of one participant before a delay (doubling,
 * auth_delay), of everyone before a delay for all; forgiven after the
 * window. */
#define PARTICIPANT_PCODE_FREE 5
#define PARTICIPANT_PCODE_FREE_ALL 100
#define PARTICIPANT_PCODE_WINDOW 3600
/* Wrong join codes of the whole site, whatever the address (issue 18,
 * item 1: a /48 rotates /64s past the per-address limit): free in the
 * window, then auth_delay's doubling for everyone. */
#define PARTICIPANT_JOIN_FAIL_FREE 300
#define PARTICIPANT_JOIN_FAIL_WINDOW 3600
/* Joins to one group in the window that make its trainer's page say
 * so (the code may have leaked or been guessed). */
#define PARTICIPANT_JOIN_BURST 30
#define PARTICIPANT_DEVICES 20 /* devices listed on "Mon parcours" */

/* ------------------------------------------------------------------ */
/* Joining */

/* The join form, for pages that need a participant. */
static void
S_join_form(web_ctx *c, buf *b, const char *next, const char *problem)
{
	buf_printf(b, "<h1>%s</h1>\n", msg("Rejoindre mon groupe",
	    "Join my group"));
	if (problem != NULL) {
		buf_puts(b, "<p class=\"error\" role=\"alert\">");
		web_esc(b, problem);
		buf_puts(b, "</p>\n");
	}
	buf_printf(b, "<p>%s</p>\n", msg("Votre formateur ou formatrice vous "
	    "donne le code du groupe. Vous n'avez besoin que de votre "
	    "prénom.", "Your trainer gives you the group's code. You only "
	    "need your first name."));
	buf_puts(b, "<form method=\"post\" action=\"");
	web_esc(b, c->a->site.api);
	buf_puts(b, "/join\" class=\"join\">\n");
	buf_printf(b, "<p><label for=\"code\">%s</label>\n"
	    "<input id=\"code\" name=\"code\" required maxlength=\"%d\" "
	    "autocomplete=\"off\" autocapitalize=\"characters\"></p>\n",
	    msg("Code du groupe", "Group code"), AUTH_CODE_TYPED);
	buf_printf(b, "<p><label for=\"name\">%s</label>\n"
	    "<input id=\"name\" name=\"name\" required maxlength=\"%d\" "
	    "autocomplete=\"given-name\"></p>\n", msg("Votre prénom",
	    "Your first name"), VALID_NAME_MAX);
	buf_puts(b, "<input type=\"hidden\" name=\"next\" value=\"");
	web_esc(b, web_next(c, next));
	buf_printf(b, "\">\n<p><button type=\"submit\">%s</button></p>\n"
	    "</form>\n", msg("Rejoindre", "Join"));
	buf_printf(b, "<p class=\"trainer-way\">%s <a href=\"",
	    msg("Vous êtes formatrice ou formateur ?", "Are you a trainer?"));
	web_api_link(c, b, "%s", "/trainer");
	buf_printf(b, "\">%s</a></p>\n", msg("Connectez-vous ici pour "
	    "répondre à vos groupes.", "Log in here to answer your groups."));
}

/* The page asked for needs a participant: show the join form, then come
 * back to `next`. */
void
participant_need_join(web_ctx *c, const char *next)
{
	buf b;

	if (c->req->wants_json) {
		web_json(c, 401, "{\"error\":\"join\"}");
		return;
	}
	buf_init(&b, WEB_FORM_PAGE);
	S_join_form(c, &b, next, NULL);
	web_page(c, 200, msg("Rejoindre mon groupe", "Join my group"), b.data);
	buf_free(&b);
}

/* /join's fields failed: its form again, with the reason. */
void
participant_join_invalid(web_ctx *c, int status, const char *why)
{
	buf b;

	buf_init(&b, WEB_FORM_PAGE);
	S_join_form(c, &b, web_str(c, "next"), why);
	web_page(c, status, msg("Rejoindre mon groupe", "Join my group"),
	    b.data);
	buf_free(&b);
}

/* The card that brings her back, the one card Eystime prints: her name,
 * the group's code and her personal code, the QR code of the link that
 * fills them in (GET /back: a form, never a session by itself), where to
 * type them without the camera, and the day it was made (it replaces
 * the cards before it). Shown once, when it is made: only the code's
 * hash is kept. pid > 0 gives the card the id "card-PID". */
void
participant_card_html(web_ctx *c, buf *b, const char *code,
	const char *name, const char *pcode, long long pid)
{
	buf url, label;

	buf_init(&url, WEB_SMALL);
	buf_init(&label, WEB_SMALL);
	buf_printf(&url, "%s%s/back?g=", c->a->origin, c->a->site.api);
	web_urlenc(&url, code);
	buf_puts(&url, "&n=");
	web_urlenc(&url, name);
	buf_puts(&url, "&k=");
	web_urlenc(&url, pcode);
	buf_printf(&label, msg("Code QR pour revenir, de %s", "QR code to "
	    "come back, of %s"), name);
	buf_puts(b, "<div class=\"card-qr return-card\"");
	if (pid > 0)
		buf_printf(b, " id=\"card-%lld\"", pid);
	buf_puts(b, ">\n<p class=\"card-name\">");
	web_esc(b, name);
	buf_printf(b, "</p>\n<dl>\n<dt>%s</dt><dd class=\"join-code\">",
	    msg("Code du groupe", "Group code"));
	web_esc(b, code);
	buf_printf(b, "</dd>\n<dt>%s</dt><dd class=\"pcode\">%.3s %s</dd>\n"
	    "</dl>\n", msg("Code personnel", "Personal code"), pcode,
	    strlen(pcode) > 3 ? pcode + 3 : "");
	if (qr_svg(b, url.data, label.data) < 0)
		buf_printf(b, "<p>%s</p>\n", msg("Lien trop long pour un code "
		    "QR.", "Link too long for a QR code."));
	buf_printf(b, "\n<p class=\"card-help\">%s ", msg("Pour revenir : "
	    "visez le carré avec l'appareil photo, ou allez sur",
	    "To come back: aim the camera at the square, or go to"));
	web_esc(b, c->a->origin);
	web_esc(b, c->a->site.root);
	buf_printf(b, " %s</p>\n<p class=\"card-until\">%s ",
	    msg("et rejoignez le groupe avec ces deux codes.", "and join the "
	    "group with these two codes."), msg("Carte du", "Card of"));
	web_longday(b, c->now);
	buf_printf(b, "%s</p>\n</div>\n", msg(" : elle remplace les cartes "
	    "d'avant.", ": it replaces the cards before it."));
	buf_free(&url);
	buf_free(&label);
}

/* A new personal code for participant pid, into pcode; its hash kept. */
int
participant_new_pcode(web_ctx *c, long long pid, char pcode[AUTH_CODE_SIZE])
{
	char hash[crypto_pwhash_STRBYTES];
	int rc;

	auth_new_pcode(pcode);
	if (auth_pw_hash(hash, pcode, AUTH_PCODE_OPS, AUTH_PCODE_MEM) < 0)
		return STORE_ERROR;
	if ((rc = store_part_code(c->a->db, pid, hash)) != STORE_OK)
		io_log("personal code for %lld: %s", pid,
		    store_error(c->a->db));
	return rc;
}

/* The page that gives her card, then the way on. */
static void
S_card_made(web_ctx *c, const char *pcode, const char *next)
{
	buf b;

	buf_init(&b, WEB_FORM_PAGE);
	buf_printf(&b, "<h1>%s</h1>\n<p>", msg("Votre carte pour revenir",
	    "Your card to come back"));
	buf_printf(&b, msg("Bienvenue, %s", "Welcome, %s"), "");
	web_esc(&b, c->who.name);
	buf_printf(&b, " ! <strong>%s</strong> %s</p>\n", msg("Prenez cette "
	    "carte en photo", "Take a photo of this card"), msg("ou recopiez "
	    "ses deux codes sur un papier. Avec elle, vous retrouvez vos "
	    "leçons et vos messages sur un autre téléphone, ou si le "
	    "navigateur vous oublie.", "or copy its two codes on paper. With "
	    "it, you find your lessons and messages again on another phone, "
	    "or if the browser forgets you."));
	participant_card_html(c, &b, c->who.code, c->who.name, pcode, 0);
	buf_printf(&b, "<p>%s</p>\n<p><a class=\"button\" href=\"",
	    msg("Gardez-la pour vous : avec ce code personnel, on entre dans "
	    "votre parcours.", "Keep it to yourself: with this personal "
	    "code, one enters your progress."));
	web_esc(&b, web_next(c, next));
	buf_printf(&b, "\">%s</a></p>\n", msg("Continuer", "Continue"));
	web_page(c, 200, msg("Votre carte pour revenir", "Your card to come "
	    "back"), b.data);
	buf_free(&b);
}

/* "Vous êtes déjà dans le groupe ?": her personal code, or "Ce n'est
 * pas moi". pcode fills the field (from the card's link), or NULL. */
static void
S_rejoin_form(web_ctx *c, int status, const char *code, const char *name,
	const char *next, const char *pcode, const char *problem)
{
	buf b;
	int k;

	buf_init(&b, WEB_FORM_PAGE);
	buf_printf(&b, "<h1>%s</h1>\n", msg("Vous êtes déjà dans le groupe ?",
	    "Are you already in the group?"));
	if (problem != NULL) {
		buf_puts(&b, "<p class=\"error\" role=\"alert\">");
		web_esc(&b, problem);
		buf_puts(&b, "</p>\n");
	}
	buf_printf(&b, "<p>%s <strong>", msg("Le groupe a déjà un ou une",
	    "The group already has someone called"));
	web_esc(&b, name);
	buf_printf(&b, "</strong>. %s</p>\n", msg("Si c'est vous, entrez votre "
	    "code personnel : il est sur votre carte.", "If it is you, enter "
	    "your personal code: it is on your card."));
	for (k = 0; k < 2; k++) {
		buf_puts(&b, "<form method=\"post\" action=\"");
		web_api_link(c, &b, "%s", "/join");
		buf_printf(&b, "\" class=\"%s\">\n<input type=\"hidden\" "
		    "name=\"code\" value=\"", k == 0 ? "join rejoin" :
		    "join not-me");
		web_esc(&b, code);
		buf_puts(&b, "\">\n<input type=\"hidden\" name=\"name\" value=\"");
		web_esc(&b, name);
		buf_puts(&b, "\">\n<input type=\"hidden\" name=\"next\" value=\"");
		web_esc(&b, web_next(c, next));
		buf_puts(&b, "\">\n");
		if (k == 0) {
			buf_printf(&b, "<p><label for=\"pcode\">%s</label>\n"
			    "<input id=\"pcode\" name=\"pcode\" required "
			    "maxlength=\"%d\" autocomplete=\"off\" "
			    "autocapitalize=\"characters\" spellcheck=\"false\"",
			    msg("Votre code personnel", "Your personal code"),
			    AUTH_CODE_TYPED);
			if (pcode != NULL) {
				buf_puts(&b, " value=\"");
				web_esc(&b, pcode);
				buf_puts(&b, "\"");
			}
			buf_printf(&b, "></p>\n<p><button type=\"submit\">%s"
			    "</button></p>\n</form>\n", msg("Retrouver mon "
			    "parcours", "Find my progress"));
			buf_printf(&b, "<h2>%s</h2>\n", msg("Ce n'est pas vous ?",
			    "It is not you?"));
			continue;
		}
		buf_printf(&b, "<input type=\"hidden\" name=\"other\" "
		    "value=\"1\">\n<p><button type=\"submit\" "
		    "class=\"button secondary\">%s</button></p>\n</form>\n<p>%s</p>\n",
		    msg("Ce n'est pas moi", "It is not me"), msg("Vous "
		    "commencez un nouveau parcours, avec un numéro après votre "
		    "prénom.", "You start a new progress, with a number after "
		    "your first name."));
	}
	buf_printf(&b, "<p>%s</p>\n", msg("Vous avez perdu votre carte ? "
	    "Votre formatrice ou formateur vous en donne une nouvelle.",
	    "Lost your card? Your trainer gives you a new one."));
	web_page(c, status, msg("Vous êtes déjà dans le groupe ?", "Are you "
	    "already in the group?"), b.data);
	buf_free(&b);
}

/* Her personal code, throttled per participant (whatever the address)
 * and for everyone: per-address limits alone let a network of
 * addresses guess. Right: a new session, her own progress. */
static void
S_come_back(web_ctx *c, long long pid, const char *hash, const char *code,
	const char *name, const char *pcode, const char *next)
{
	char kp[48], cookie[AUTH_TOKEN_TEXT], device[WEB_DEVICE_SIZE];
	long long wait, ids[2];
	web_limit lim[2];
	int rc, rehash = 0;
	buf why;

	snprintf(kp, sizeof kp, "pcode:%lld", pid);
	lim[0].key = kp;
	lim[0].free = PARTICIPANT_PCODE_FREE;
	lim[1].key = "pcode:*";
	lim[1].free = PARTICIPANT_PCODE_FREE_ALL;
	buf_init(&why, WEB_SMALL);
	/* Counted before the check, in one transaction with the count:
	 * concurrent workers get no extra try (issue 18, item 12). */
	rc = web_try(c, lim, 2, PARTICIPANT_PCODE_WINDOW, &wait, &why, ids);
	if (rc == STORE_LIMIT) {
		io_log("429 personal code of %lld: %lld s to wait", pid, wait);
		S_rejoin_form(c, 429, code, name, next, NULL, why.data);
		http_header(c->res, "Retry-After: %lld", wait);
	}
	buf_free(&why);
	if (rc != STORE_OK)
		return;
	if (hash[0] == '\0' || auth_pw_verify(hash, pcode, &rehash) != 0) {
		if ((rc = store_fail_move(c->a->db, ids, 2,
		    (long long)time(NULL))) != STORE_OK) {
			web_store_fail(c, rc);
			return;
		}
		io_log("401 personal code of %lld", pid);
		S_rejoin_form(c, 401, code, name, next, NULL, hash[0] == '\0' ?
		    msg("Ce prénom n'a pas encore de code personnel. Demandez "
		    "une carte à votre formatrice ou formateur.", "This name "
		    "has no personal code yet. Ask your trainer for a card.") :
		    msg("Ce code personnel ne correspond pas. Vérifiez-le sur "
		    "votre carte.", "This personal code does not match. Check "
		    "it on your card."));
		return;
	}
	store_fail_forget(c->a->db, ids, 2);
	store_login_clear(c->a->db, kp);
	auth_token_new(cookie, c->hash);
	web_device(c->req->agent, device, sizeof device);
	if ((rc = store_rejoin(c->a->db, pid, c->hash, c->now, device,
	    &c->who)) != STORE_OK) {
		web_store_fail(c, rc);
		return;
	}
	web_cookie(c, cookie, c->a->session_life);
	web_redirect(c, web_next(c, next));
}

void
participant_join(web_ctx *c)
{
	const char *code = web_str(c, "code"), *name = web_str(c, "name"),
	    *next = web_str(c, "next"), *pcode = web_str(c, "pcode");
	char cookie[AUTH_TOKEN_TEXT], key[INET6_ADDRSTRLEN];
	char hash[crypto_pwhash_STRBYTES + 1], fresh[AUTH_CODE_SIZE];
	char device[WEB_DEVICE_SIZE];
	long long gid, pid, wait, fid;
	web_limit lim;
	int rc;
	buf why;

	/* Counted before the code is looked up: guessing codes costs. */
	auth_addr_key(c->req->addr, key, sizeof key);
	rc = store_join_attempt(c->a->db, key, c->now, c->now -
	    PARTICIPANT_JOIN_WINDOW, PARTICIPANT_JOINS_PER_WINDOW);
	if (rc == STORE_LIMIT) {
		web_fail(c, 429, msg("Trop d'essais depuis cette connexion. "
		    "Attendez quelques minutes.", "Too many tries from this "
		    "connection. Wait a few minutes."));
		return;
	}
	if (rc != STORE_OK) {
		web_store_fail(c, rc);
		return;
	}
	/* Counted as wrong until the code is found: no oracle for a
	 * network of addresses. */
	lim.key = "join:*";
	lim.free = PARTICIPANT_JOIN_FAIL_FREE;
	buf_init(&why, WEB_SMALL);
	rc = web_try(c, &lim, 1, PARTICIPANT_JOIN_FAIL_WINDOW, &wait, &why,
	    &fid);
	buf_free(&why);
	if (rc == STORE_LIMIT) {
		io_log("429 join: %lld s to wait (wrong codes of the site)",
		    wait);
		buf_init(&why, WEB_SMALL);
		buf_printf(&why, msg("Trop de codes faux sur le site en ce "
		    "moment. Attendez %lld secondes avant de réessayer.",
		    "Too many wrong codes on the site right now. Wait %lld "
		    "seconds before trying again."), wait);
		participant_join_invalid(c, 429, why.data);
		http_header(c->res, "Retry-After: %lld", wait);
		buf_free(&why);
		return;
	}
	if (rc != STORE_OK)
		return;
	if ((rc = store_group_find(c->a->db, code, &gid)) == STORE_NONE) {
		participant_join_invalid(c, 400, msg("Ce code de groupe "
		    "n'existe pas. Vérifiez-le avec votre formateur.", "This "
		    "group code does not exist. Check it with your trainer."));
		return;
	}
	if (rc != STORE_OK) {
		web_store_fail(c, rc);
		return;
	}
	store_fail_forget(c->a->db, &fid, 1);
	/* A name the group has: is it her? ("Ce n'est pas moi": no.) */
	if (web_num(c, "other") != 1) {
		rc = store_part_find(c->a->db, gid, name, &pid, hash,
		    sizeof hash);
		if (rc == STORE_OK && pcode == NULL) {
			S_rejoin_form(c, 200, code, name, next, NULL, NULL);
			return;
		}
		if (rc == STORE_OK) {
			S_come_back(c, pid, hash, code, name, pcode, next);
			return;
		}
		if (rc != STORE_NONE) {
			web_store_fail(c, rc);
			return;
		}
	}
	auth_token_new(cookie, c->hash);
	web_device(c->req->agent, device, sizeof device);
	if ((rc = store_join(c->a->db, gid, name, c->hash, device,
	    &c->who)) != STORE_OK) {
		web_store_fail(c, rc);
		return;
	}
	text_copy(c->who.code, sizeof c->who.code, code);
	web_cookie(c, cookie, c->a->session_life);
	if (participant_new_pcode(c, c->who.pid, fresh) != STORE_OK) {
		/* In, without a card: "Mon parcours" makes one. */
		web_redirect(c, web_next(c, next));
		return;
	}
	S_card_made(c, fresh, next);
}

void
participant_alarm(web_ctx *c, buf *b, long long gid)
{
	long long wrong = 0, last = 0, joined = 0;

	if (store_login_failures(c->a->db, "join:*", c->now -
	    PARTICIPANT_JOIN_FAIL_WINDOW, &wrong, &last) != STORE_OK ||
	    store_group_recent(c->a->db, gid, c->now -
	    PARTICIPANT_JOIN_FAIL_WINDOW, &joined) != STORE_OK)
		return;
	if (wrong < PARTICIPANT_JOIN_FAIL_FREE &&
	    joined < PARTICIPANT_JOIN_BURST)
		return;
	buf_puts(b, "<div class=\"error join-alarm\" role=\"status\">\n");
	if (wrong >= PARTICIPANT_JOIN_FAIL_FREE)
		buf_printf(b, msg("<p><strong>Quelqu'un essaie peut-être de "
		    "deviner les codes des groupes</strong> : %lld codes faux "
		    "sur le site depuis une heure. Rejoindre le site est "
		    "ralenti pour tout le monde.</p>\n", "<p><strong>Someone "
		    "may be trying to guess the groups' codes</strong>: %lld "
		    "wrong codes on the site in the last hour. Joining is "
		    "slowed down for everyone.</p>\n"), wrong);
	if (joined >= PARTICIPANT_JOIN_BURST)
		buf_printf(b, msg("<p><strong>%lld personnes ont rejoint ce "
		    "groupe depuis une heure.</strong></p>\n", "<p><strong>%lld "
		    "people joined this group in the last hour."
		    "</strong></p>\n"), joined);
	buf_printf(b, "<p>%s</p>\n</div>\n", msg("Si vous ne reconnaissez "
	    "pas les prénoms du groupe, changez son code (plus bas) : "
	    "l'ancien ne servira plus.", "If you do not know the names in "
	    "the group, change its code (below): the old one will stop "
	    "working."));
}

/* GET /back?g=&n=&k=: the card's link. A form to send, never a session
 * by itself (a link preview must not log anyone in). */
void
participant_back(web_ctx *c)
{
	S_rejoin_form(c, 200, web_str(c, "g"), web_str(c, "n"), NULL,
	    web_str(c, "k"), NULL);
}

void
participant_done(web_ctx *c)
{
	const course_item *l = web_lesson(c, "lesson");
	const char *next = web_str(c, "next");
	int rc, undo = web_num(c, "undo") == 1;
	buf b;

	rc = store_done(c->a->db, c->who.pid, l->id, undo, c->now);
	if (rc != STORE_OK) {
		web_store_fail(c, rc);
		return;
	}
	if (c->req->wants_json) {
		buf_init(&b, WEB_SMALL);
		buf_puts(&b, "{\"lesson\":\"");
		json_escape(&b, l->id);
		buf_printf(&b, "\",\"done\":%s}", undo ? "false" : "true");
		web_json(c, 200, b.data);
		buf_free(&b);
		return;
	}
	/* Without the script: "C'est noté ✓" and the next lesson. */
	if (!undo) {
		web_redirect_api(c, "/done?lesson=%s", l->id);
		return;
	}
	if (next == NULL) {
		buf_init(&b, WEB_SMALL);
		buf_printf(&b, "%s%s", c->a->site.root, l->url);
		web_redirect(c, b.data);
		buf_free(&b);
		return;
	}
	web_redirect(c, next);
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
S_load_done(web_ctx *c, done_set *d, buf *json)
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
		web_store_fail(c, rc);
	}
	return rc;
}

void
participant_progress(web_ctx *c)
{
	done_set d;
	buf b;

	buf_init(&b, WEB_LIST_PAGE);
	if (c->role != WEB_ROLE_PARTICIPANT) {
		web_json(c, 200, "{\"joined\":false,\"done\":[]}");
		buf_free(&b);
		return;
	}
	buf_puts(&b, "{\"joined\":true,\"name\":\"");
	json_escape(&b, c->who.name);
	buf_puts(&b, "\",\"done\":[");
	if (S_load_done(c, &d, &b) == STORE_OK) {
		buf_puts(&b, "]}");
		web_json(c, 200, b.data);
		free(d.done);
		free(d.at);
	}
	buf_free(&b);
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

/* After l: the next lesson of the course not done, else the first not
 * done anywhere; NULL when all are done. */
static const course_item *
S_after(const course *site, const course_item *l, const unsigned char *done)
{
	int i;

	for (i = course_index(site, l) + 1; i < site->nl; i++)
		if (!done[i])
			return &site->l[i];
	return S_next_lesson(site, done);
}

/* GET /done?lesson=ID: where POST /done without the script lands. */
void
participant_done_page(web_ctx *c)
{
	const course *site = &c->a->site;
	const course_item *l = web_lesson(c, "lesson"), *next;
	done_set d;
	buf b;

	if (S_load_done(c, &d, NULL) != STORE_OK)
		return;
	buf_init(&b, WEB_FORM_PAGE);
	if (!d.done[course_index(site, l)]) {
		buf_printf(&b, "%s%s", site->root, l->url);
		web_redirect(c, b.data);
		goto out;
	}
	next = S_after(site, l, d.done);
	buf_printf(&b, "<section class=\"noted\">\n<h1>%s</h1>\n<p>%s ",
	    msg("C'est noté ✓", "Noted ✓"), msg("Leçon terminée :",
	    "Lesson done:"));
	web_link(c, &b, l);
	buf_puts(&b, "</p>\n");
	if (next != NULL) {
		buf_printf(&b, "<p class=\"next-lesson\">%s <a class=\"button\" "
		    "rel=\"next\" href=\"", msg("Leçon suivante :",
		    "Next lesson:"));
		web_esc(&b, site->root);
		web_esc(&b, next->url);
		buf_puts(&b, "\">");
		web_esc(&b, next->title);
		buf_puts(&b, "</a></p>\n");
	} else {
		buf_printf(&b, "<p>%s</p>\n", msg("Bravo : vous avez terminé "
		    "toutes les leçons !", "Well done: you finished every "
		    "lesson!"));
	}
	buf_printf(&b, "<p><a href=\"");
	web_api_link(c, &b, "%s", "/me");
	buf_printf(&b, "\">%s</a></p>\n<form method=\"post\" class=\"undo\" "
	    "action=\"", msg("Voir mon parcours", "See my progress"));
	web_api_link(c, &b, "%s", "/done");
	buf_puts(&b, "\">\n<input type=\"hidden\" name=\"lesson\" value=\"");
	web_esc(&b, l->id);
	buf_puts(&b, "\">\n<input type=\"hidden\" name=\"undo\" value=\"1\">"
	    "\n<input type=\"hidden\" name=\"next\" value=\"");
	web_esc(&b, site->root);
	web_esc(&b, l->url);
	buf_printf(&b, "\">\n<p>%s <button type=\"submit\" "
	    "class=\"secondary\">%s</button></p>\n</form>\n</section>\n",
	    msg("Vous n'aviez pas fini ?", "Not finished after all?"),
	    msg("Annuler : pas encore terminée", "Undo: not done yet"));
	web_page(c, 200, msg("C'est noté", "Noted"), b.data);
out:
	free(d.done);
	free(d.at);
	buf_free(&b);
}

/* "Mes appareils": each device she is logged in on, the latest first,
 * with "Déconnecter cet appareil", and "Déconnecter partout". */
typedef struct devices_ctx {
	web_ctx *c;
	buf *b;
	const char *csrf;
	int n;
} devices_ctx;

static void
S_device_form(devices_ctx *x, const char *field, long long v,
	const char *label)
{
	buf_puts(x->b, "<form method=\"post\" action=\"");
	web_api_link(x->c, x->b, "%s", "/me/devices");
	buf_printf(x->b, "\" class=\"device-end\">\n<input type=\"hidden\" "
	    "name=\"csrf\" value=\"%s\">\n<input type=\"hidden\" name=\"%s\" "
	    "value=\"%lld\">\n<button type=\"submit\" class=\"button secondary\">%s"
	    "</button>\n</form>\n", x->csrf, field, v, label);
}

static int
S_device(void *p, const store_device *d)
{
	devices_ctx *x = p;
	buf *b = x->b;

	buf_puts(b, "<li><strong>");
	web_esc(b, d->device[0] != '\0' ? d->device : msg("Appareil",
	    "Device"));
	buf_puts(b, "</strong>");
	if (d->current)
		buf_printf(b, " (%s)", msg("cet appareil", "this device"));
	buf_printf(b, " · %s ", msg("dernière visite le", "last visit on"));
	web_date(b, d->seen);
	buf_puts(b, "\n");
	S_device_form(x, "device", d->id, d->current ? msg("Me déconnecter "
	    "ici", "Log out here") : msg("Déconnecter cet appareil", "Log "
	    "this device out"));
	buf_puts(b, "</li>\n");
	x->n++;
	return 0;
}

static int
S_devices(web_ctx *c, buf *b, const char *csrf)
{
	devices_ctx x = { c, b, csrf, 0 };
	int rc;

	buf_printf(b, "<section class=\"my-devices\" id=\"appareils\">\n"
	    "<h2>%s</h2>\n<p>%s</p>\n<ul class=\"devices\">\n",
	    msg("Mes appareils", "My devices"), msg("Vous êtes connectée ou "
	    "connecté sur ces appareils. Un appareil que vous n'utilisez "
	    "plus ? Déconnectez-le.", "You are logged in on these devices. "
	    "One you no longer use? Log it out."));
	rc = store_devices(c->a->db, c->who.pid, c->hash, c->now -
	    c->a->session_life, PARTICIPANT_DEVICES, S_device, &x);
	if (rc != STORE_OK) {
		web_store_fail(c, rc);
		return rc;
	}
	buf_puts(b, "</ul>\n");
	if (x.n > 1)
		S_device_form(&x, "all", 1, msg("Déconnecter partout",
		    "Log out everywhere"));
	buf_puts(b, "</section>\n");
	return STORE_OK;
}

void
participant_me(web_ctx *c)
{
	const course *site = &c->a->site;
	const course_item *next = NULL;
	done_set d;
	char csrf[AUTH_CSRF_SIZE];
	int m, i, ndone, total = 0, alldone = 0;
	buf b;

	if (S_load_done(c, &d, NULL) != STORE_OK)
		return;
	buf_init(&b, WEB_LIST_PAGE);
	for (i = 0; i < site->nl; i++) {
		total++;
		alldone += d.done[i];
	}
	next = S_next_lesson(site, d.done);
	buf_printf(&b, "<h1>%s</h1>\n<p>", msg("Mon parcours", "My progress"));
	buf_printf(&b, msg("Bonjour %s", "Hello %s"), "");
	web_esc(&b, c->who.name);
	buf_printf(&b, msg(" ! Vous êtes dans le groupe « %s", " ! You are "
	    "in the group \"%s"), "");
	web_esc(&b, c->who.group);
	buf_printf(&b, "%s</p>\n", msg(" ».", "\"."));
	buf_printf(&b, "<p>%s %d / %d</p>\n", msg("Leçons terminées :",
	    "Lessons done:"), alldone, total);
	buf_puts(&b, "<p class=\"my-group\"><a href=\"");
	web_api_link(c, &b, "%s", "/group");
	buf_printf(&b, "\">%s</a> · %s</p>\n", msg("Mon groupe", "My group"),
	    msg("les questions et les nouveaux messages", "questions and new "
	    "messages"));
	if (next != NULL) {
		buf_printf(&b, "<p class=\"next-lesson\">%s ",
		    msg("Ma prochaine leçon :", "My next lesson:"));
		web_link(c, &b, next);
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
		web_link(c, &b, &site->m[m]);
		buf_printf(&b, "</h2>\n<p>%d / %d %s</p>\n<ul>\n", ndone, nl,
		    msg("leçons terminées", "lessons done"));
		for (i = 0; i < site->nl; i++) {
			if (site->l[i].module_index != m)
				continue;
			buf_printf(&b, "<li%s>", d.done[i] ?
			    " class=\"done\"" : "");
			web_link(c, &b, &site->l[i]);
			if (d.done[i]) {
				buf_printf(&b, " <span class=\"done-mark\">✓ "
				    "%s ", msg("terminée le", "done on"));
				web_date(&b, d.at[i]);
				buf_puts(&b, "</span>");
			}
			buf_puts(&b, " · <a href=\"");
			web_api_link(c, &b, "%s", "/comments?lesson=");
			web_esc(&b, site->l[i].id);
			buf_printf(&b, "\">%s</a></li>\n",
			    msg("discussion", "discussion"));
		}
		buf_puts(&b, "</ul>\n</section>\n");
	}
	web_csrf(c, csrf);
	buf_printf(&b, "<section class=\"my-card\">\n<h2>%s</h2>\n<p>%s "
	    "<a href=\"", msg("Revenir sur un autre appareil", "Come back on "
	    "another device"), msg("Votre carte pour revenir a votre code "
	    "personnel. Perdue ?", "Your card to come back has your personal "
	    "code. Lost it?"));
	web_api_link(c, &b, "%s", "/me/card");
	buf_printf(&b, "\">%s</a></p>\n</section>\n", msg("Ma carte pour "
	    "revenir", "My card to come back"));
	if (S_devices(c, &b, csrf) != STORE_OK) {
		free(d.done);
		free(d.at);
		buf_free(&b);
		return;
	}
	buf_printf(&b, "<section class=\"my-data\">\n<h2>%s</h2>\n",
	    msg("Mes données", "My data"));

	buf_puts(&b, "<p><a href=\"");
	web_api_link(c, &b, "%s", "/me/export");
	buf_printf(&b, "\">%s</a></p>\n", msg("Télécharger mes données",
	    "Download my data"));
	buf_puts(&b, "<form method=\"post\" action=\"");
	web_api_link(c, &b, "%s", "/logout");
	buf_printf(&b, "\">\n<input type=\"hidden\" name=\"csrf\" "
	    "value=\"%s\">\n<p><button type=\"submit\">%s</button> %s</p>\n"
	    "</form>\n", csrf, msg("Me déconnecter", "Log out"),
	    msg("(sur un ordinateur partagé, à la fin de la séance)",
	    "(on a shared computer, at the end of the session)"));
	buf_puts(&b, "<form method=\"post\" action=\"");
	web_api_link(c, &b, "%s", "/me/delete");
	buf_printf(&b, "\">\n<input type=\"hidden\" name=\"csrf\" "
	    "value=\"%s\">\n<p><button type=\"submit\">%s</button> %s</p>\n"
	    "</form>\n</section>\n", csrf, msg("Effacer mes données",
	    "Erase my data"), msg("(votre prénom, vos leçons terminées et "
	    "vos messages ; c'est définitif)", "(your first name, your "
	    "lessons done and your messages; it cannot be undone)"));
	web_page(c, 200, msg("Mon parcours", "My progress"), b.data);
	free(d.done);
	free(d.at);
	buf_free(&b);
}

/* ------------------------------------------------------------------ */
/* The group's conversation (talk.c) */

static void
S_view(web_ctx *c, talk_view *v)
{
	memset(v, 0, sizeof *v);
	v->gid = c->who.gid;
	v->pid = c->who.pid;
	v->hold_links = c->who.hold_links;
	v->photos = c->who.photos;
	v->group = c->who.group;
	v->home = "/comments";
}

void
participant_comments(web_ctx *c)
{
	talk_view v;

	S_view(c, &v);
	talk_discussion(c, &v, web_lesson(c, "lesson"));
}

void
participant_comments_post(web_ctx *c)
{
	talk_view v;

	S_view(c, &v);
	talk_post(c, &v, web_lesson(c, "lesson"));
}

/* The fields of a POST with a photo failed: the reason above the form,
 * what she typed kept. Without a photo, or a session, as any route. */
void
participant_comments_invalid(web_ctx *c, int status, const char *why)
{
	talk_view v;

	if (status != 400 || c->req->nfiles == 0 ||
	    c->role != WEB_ROLE_PARTICIPANT) {
		web_fail(c, status, why);
		return;
	}
	S_view(c, &v);
	talk_refused(c, &v, web_lesson(c, "lesson"), why);
}

void
participant_photo(web_ctx *c)
{
	talk_view v;

	if (c->role != WEB_ROLE_PARTICIPANT) {
		web_not_found(c);
		return;
	}
	S_view(c, &v);
	talk_photo(c, &v, c->id[0]);
}

/* The old group feed is "Mon groupe" now. */
void
participant_feed(web_ctx *c)
{
	web_redirect_api(c, "%s", "/group");
}

void
participant_group(web_ctx *c)
{
	talk_view v;

	S_view(c, &v);
	talk_group(c, &v);
}

void
participant_group_stats(web_ctx *c)
{
	talk_view v;

	/* Asked by every page's script: without a session, a plain answer
	 * (as /progress gives), never a 401 in the reader's console. */
	if (c->role != WEB_ROLE_PARTICIPANT) {
		web_json(c, 200, "{\"joined\":false}");
		return;
	}
	S_view(c, &v);
	talk_stats(c, &v, web_lesson(c, "lesson"));
}

void
participant_export(web_ctx *c)
{
	buf b;
	int rc;

	buf_init(&b, WEB_BIG_PAGE);
	rc = export_participant(c->a->db, &b, &c->who);
	if (rc != STORE_OK) {
		web_store_fail(c, rc);
	} else {
		web_json(c, 200, b.data);
		http_header(c->res, "Content-Disposition: attachment; "
		    "filename=\"mes-donnees-eystime.json\"");
	}
	buf_free(&b);
}

void
participant_delete(web_ctx *c)
{
	web_confirm_page p = { 0 };
	char back[WEB_SMALL];
	int rc;
	buf b;

	if (!web_confirmed(c)) {
		buf_init(&b, WEB_SMALL);
		buf_printf(&b, "<p>%s</p>\n<ul>\n<li>%s <strong>", msg(
		    "Si vous continuez, tout ceci est effacé pour toujours :",
		    "If you go on, all of this is erased for ever:"),
		    msg("votre prénom :", "your first name:"));
		web_esc(&b, c->who.name);
		buf_printf(&b, "</strong> ;</li>\n<li>%s</li>\n<li>%s</li>\n"
		    "</ul>\n<p>%s</p>\n", msg("vos leçons terminées ;",
		    "your lessons done;"), msg("vos messages et vos photos "
		    "(le groupe verra « message supprimé »).", "your messages "
		    "and photos (the group will see \"message deleted\")."),
		    msg("On ne peut pas revenir en arrière.", "This cannot be "
		    "undone."));
		snprintf(back, sizeof back, "%s/me", c->a->site.api);
		p.title = msg("Effacer toutes vos données ?",
		    "Erase all your data?");
		p.lost = b.data;
		p.action = "/me/delete";
		p.go = msg("Oui, tout effacer", "Yes, erase everything");
		p.keep = msg("Non, garder mes données", "No, keep my data");
		p.back = back;
		web_confirm(c, &p);
		buf_free(&b);
		return;
	}
	if ((rc = store_forget(c->a->db, c->who.pid)) != STORE_OK) {
		web_store_fail(c, rc);
		return;
	}
	web_cookie(c, "", 0);
	buf_init(&b, WEB_SMALL);
	buf_printf(&b, "<section class=\"confirm\">\n<h1>%s</h1>\n<p>%s</p>\n"
	    "<p>%s</p>\n<p><a class=\"button\" href=\"", msg("Vos données "
	    "sont effacées", "Your data is erased"), msg("Il ne reste rien : "
	    "ni votre prénom, ni vos leçons terminées, ni vos messages, ni "
	    "vos photos. Ce téléphone ne vous connaît plus.", "Nothing is "
	    "left: not your first name, your lessons done, your messages nor "
	    "your photos. This phone no longer knows you."), msg("Pour "
	    "reprendre un jour, demandez le code du groupe à votre formateur.",
	    "To start again one day, ask your trainer for the group's code."));
	web_esc(&b, c->a->site.root);
	buf_printf(&b, "\">%s</a></p>\n</section>\n", msg("Aller à "
	    "l'accueil", "Go to the home page"));
	web_page(c, 200, msg("Vos données sont effacées",
	    "Your data is erased"), b.data);
	buf_free(&b);
}

/* Log out: this session ends, the others (another phone) stay. */
void
participant_logout(web_ctx *c)
{
	int rc;

	if (c->role == WEB_ROLE_PARTICIPANT &&
	    (rc = store_logout(c->a->db, c->hash)) != STORE_OK) {
		web_store_fail(c, rc);
		return;
	}
	web_cookie(c, "", 0);
	web_redirect(c, c->a->site.root);
}

/* ------------------------------------------------------------------ */
/* QR cards: a trainer prints a card whose link logs one participant in,
 * once. The link (GET) only asks; the button (POST) spends it, so that
 * a phone's link preview cannot use the card up. */

static void
S_card_gone(web_ctx *c)
{
	web_fail(c, 410, msg("Cette carte a déjà servi ou n'est plus valable. "
	    "Demandez une nouvelle carte à votre formateur, ou entrez avec "
	    "le code du groupe.", "This card was already used or is no "
	    "longer valid. Ask your trainer for a new card, or join with the "
	    "group's code."));
}

void
participant_card(web_ctx *c)
{
	const char *t = web_str(c, "t");
	unsigned char hash[AUTH_HASH_LEN];
	store_who who;
	int rc;
	buf b;

	/* valid_token read it already. */
	(void)auth_token_hash(t, hash);
	if ((rc = store_link_peek(c->a->db, hash, c->now, &who)) ==
	    STORE_NONE) {
		S_card_gone(c);
		return;
	}
	if (rc != STORE_OK) {
		web_store_fail(c, rc);
		return;
	}
	buf_init(&b, WEB_FORM_PAGE);
	buf_printf(&b, "<h1>%s</h1>\n<p>", msg("Bienvenue", "Welcome"));
	buf_printf(&b, msg("Cette carte est celle de %s", "This card is %s"),
	    "");
	buf_puts(&b, "<strong>");
	web_esc(&b, who.name);
	buf_printf(&b, "</strong>%s", msg(", du groupe « ", ", of the group "
	    "\""));
	web_esc(&b, who.group);
	buf_printf(&b, "%s</p>\n<form method=\"post\" action=\"",
	    msg(" ».", "\"."));
	web_api_link(c, &b, "%s", "/card");
	buf_puts(&b, "\" class=\"join\">\n<input type=\"hidden\" name=\"t\" "
	    "value=\"");
	web_esc(&b, t);
	buf_printf(&b, "\">\n<p><button type=\"submit\">%s</button></p>\n"
	    "</form>\n<p>%s</p>\n", msg("Entrer", "Enter"),
	    msg("La carte ne sert qu'une fois : ensuite, ce téléphone se "
	    "souvient de vous.", "The card works once: then this phone "
	    "remembers you."));
	web_page(c, 200, msg("Bienvenue", "Welcome"), b.data);
	buf_free(&b);
}

void
participant_card_post(web_ctx *c)
{
	unsigned char hash[AUTH_HASH_LEN];
	char cookie[AUTH_TOKEN_TEXT], device[WEB_DEVICE_SIZE];
	int rc;

	(void)auth_token_hash(web_str(c, "t"), hash);
	auth_token_new(cookie, c->hash);
	web_device(c->req->agent, device, sizeof device);
	rc = store_link_use(c->a->db, hash, c->hash, c->now, device, &c->who);
	if (rc == STORE_NONE) {
		S_card_gone(c);
		return;
	}
	if (rc != STORE_OK) {
		web_store_fail(c, rc);
		return;
	}
	web_cookie(c, cookie, c->a->session_life);
	web_redirect_api(c, "%s", "/me");
}


/* GET /me/card: what the card is; making one is a POST (the old code
 * then stops working), because only its hash is kept. */
void
participant_my_card(web_ctx *c)
{
	char csrf[AUTH_CSRF_SIZE];
	buf b;

	web_csrf(c, csrf);
	buf_init(&b, WEB_FORM_PAGE);
	buf_printf(&b, "<h1>%s</h1>\n<p>%s</p>\n<p>%s</p>\n",
	    msg("Ma carte pour revenir", "My card to come back"),
	    msg("Avec votre carte, vous retrouvez vos leçons et vos messages "
	    "sur un autre téléphone, ou si le navigateur vous oublie : le "
	    "code du groupe, votre prénom et votre code personnel.", "With "
	    "your card, you find your lessons and messages again on another "
	    "phone, or if the browser forgets you: the group's code, your "
	    "first name and your personal code."),
	    msg("Le code personnel n'est montré qu'une fois. Perdu ? Faites "
	    "une nouvelle carte : l'ancienne ne marchera plus.", "The "
	    "personal code is shown only once. Lost it? Make a new card: the "
	    "old one will no longer work."));
	buf_puts(&b, "<form method=\"post\" action=\"");
	web_api_link(c, &b, "%s", "/me/card");
	buf_printf(&b, "\">\n<input type=\"hidden\" name=\"csrf\" "
	    "value=\"%s\">\n<p><button type=\"submit\">%s</button></p>\n"
	    "</form>\n<p><a href=\"", csrf, msg("Faire ma nouvelle carte",
	    "Make my new card"));
	web_api_link(c, &b, "%s", "/me");
	buf_printf(&b, "\">%s</a></p>\n", msg("Retour à « Mon parcours »",
	    "Back to \"My progress\""));
	web_page(c, 200, msg("Ma carte pour revenir", "My card to come back"),
	    b.data);
	buf_free(&b);
}

void
participant_my_card_post(web_ctx *c)
{
	char fresh[AUTH_CODE_SIZE];
	int rc;

	if ((rc = participant_new_pcode(c, c->who.pid, fresh)) != STORE_OK) {
		web_store_fail(c, rc);
		return;
	}
	S_card_made(c, fresh, "");
}

/* POST /me/devices: device=ID ends that session of hers (this one
 * too: then she is logged out here), all=1 every one. */
void
participant_devices_post(web_ctx *c)
{
	long long id = web_num(c, "device");
	int all = web_num(c, "all") == 1, rc, here;
	store_who me;

	if (id == 0 && !all) {
		web_fail(c, 400, msg("Quel appareil ?", "Which device?"));
		return;
	}
	rc = store_device_end(c->a->db, c->who.pid, all ? 0 : id);
	if (rc == STORE_NONE) {
		web_not_found(c);
		return;
	}
	if (rc != STORE_OK) {
		web_store_fail(c, rc);
		return;
	}
	/* Was this device's session among them? */
	here = store_session(c->a->db, c->hash, c->now, c->a->session_life,
	    NULL, &me) == STORE_NONE;
	if (here) {
		web_cookie(c, "", 0);
		web_redirect(c, c->a->site.root);
		return;
	}
	web_redirect_api(c, "%s", "/me#appareils");
}
