#include "participant.h"

#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>

#include "../common/msg.h"
#include "../common/text.h"
#include "export.h"
#include "talk.h"
#include "valid.h"

#define PARTICIPANT_JOIN_WINDOW (10 * 60) /* seconds, for the next one */
/* Joins from one address in it: a whole room behind one box. */
#define PARTICIPANT_JOINS_PER_WINDOW 100

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

void
participant_join(web_ctx *c)
{
	const char *code = web_str(c, "code"), *name = web_str(c, "name"),
	    *next = web_str(c, "next");
	char cookie[AUTH_TOKEN_TEXT], key[INET6_ADDRSTRLEN];
	long long gid;
	int rc;

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
	auth_token_new(cookie, c->hash);
	if ((rc = store_join(c->a->db, gid, name, c->hash, &c->who)) !=
	    STORE_OK) {
		web_store_fail(c, rc);
		return;
	}
	web_cookie(c, cookie, AUTH_SESSION_LIFE);
	web_redirect(c, web_next(c, next));
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
	char cookie[AUTH_TOKEN_TEXT];
	int rc;

	(void)auth_token_hash(web_str(c, "t"), hash);
	auth_token_new(cookie, c->hash);
	rc = store_link_use(c->a->db, hash, c->hash, c->now, &c->who);
	if (rc == STORE_NONE) {
		S_card_gone(c);
		return;
	}
	if (rc != STORE_OK) {
		web_store_fail(c, rc);
		return;
	}
	web_cookie(c, cookie, AUTH_SESSION_LIFE);
	web_redirect_api(c, "%s", "/me");
}

