#include "app.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "../common/msg.h"
#include "follow.h"
#include "gate.h"
#include "io.h"
#include "participant.h"
#include "report.h"
#include "quiz.h"
#include "trainer.h"
#include "valid.h"

/* ------------------------------------------------------------------ */
/* The route table */

/* Methods of a route. */
#define APP_GET 1u   /* GET, and HEAD */
#define APP_POST 2u

/* Where a field comes from, and what its failure means. */
#define F_QUERY 1u   /* the query string (else the urlencoded body) */
#define F_REQ 2u     /* required: absent, it fails as "" would */
#define F_DROP 4u    /* invalid: as if absent (`next`: home instead) */
#define F_PAGE 8u    /* it names the page: invalid, 404 (else 400) */
/* A file part of a multipart/form-data POST (http_file_get): v->s is
 * its file name, v->p the http_file. Only a route with such a field
 * accepts files: any other file part, on any route, is a 400. */
#define F_FILE 16u

/* Where the join form sends back a participant who had no session. */
enum { BACK_HOME, BACK_NEXT, BACK_NEXT_SELF, BACK_SELF };

/* A field of a route: kcgi's struct kvalid, with where it comes from. */
typedef struct app_field {
	const char *name;
	valid_fn valid;        /* NULL: the end of the list */
	unsigned flags;        /* F_* */
	const char *const *why; /* {fr, en}: this route's reason, in place
	                         * of the validator's, or NULL */
} app_field;

typedef struct app_route {
	unsigned methods;      /* APP_GET, APP_POST */
	const char *path;      /* "/trainer/groups/:id": :id a row id */
	web_role role;         /* what the session must be */
	void (*fn)(web_ctx *); /* the handler */
	app_field fields[WEB_MAX_FIELDS];
	/* The form token is needed (when there is a session): the reason
	 * when it is wrong, {fr, en}; NULL: no token (static pages). */
	const char *const *csrf;
	int back;              /* BACK_*, for WEB_ROLE_PARTICIPANT */
	/* The fields failed: this instead of web_fail (/join: its form). */
	void (*invalid)(web_ctx *, int status, const char *why);
} app_route;

static void S_health(web_ctx *c);

/* What a discussion's forms send (talk_post), after its lesson. */
#define TALK_POST_FIELDS \
	{ "kind", valid_kind, 0, NULL }, \
	{ "body", valid_body, 0, NULL }, \
	{ "edit", valid_id, 0, NULL }, \
	{ "delete", valid_id, 0, NULL }, \
	{ "report", valid_id, 0, NULL }, \
	{ "reply", valid_id, 0, NULL }, \
	{ "react", valid_id, 0, NULL }, \
	{ "solve", valid_id, 0, NULL }, \
	{ "helpful", valid_id, 0, NULL }, \
	{ "pin", valid_id, 0, NULL }, \
	{ "undo", valid_flag, 0, NULL }, \
	{ "photo", valid_photo, F_FILE, NULL }, \
	{ "alt", valid_alt, 0, NULL }, \
	{ "confirm", valid_flag, 0, NULL }

/* What the funders' report asks (report.c): a period, a group or "". */
#define REPORT_FIELDS { \
	{ "from", valid_day, F_QUERY, NULL }, \
	{ "to", valid_day, F_QUERY, NULL }, \
	{ "group", valid_group_or_all, F_QUERY, NULL } }

static const char *const S_expired_talk[2] = {
	"Formulaire expiré : revenez à la discussion et réessayez.",
	"Expired form: go back to the discussion and try again." };
static const char *const S_expired_me[2] = {
	"Formulaire expiré : revenez à « Mon parcours » et réessayez.",
	"Expired form: go back to \"My progress\" and try again." };
static const char *const S_expired_trainer[2] = {
	"Formulaire expiré : rechargez la page et réessayez.",
	"Expired form: reload the page and try again." };
static const char *const S_why_participant[2] = {
	"Participant inconnu.", "Unknown participant." };
static const char *const S_why_msg[2] = {
	"Action ou message manquant.", "Missing action or message." };

/*
 * Every route (DESIGN.md section 5, docs/cgi.md). A request goes to the
 * first row whose path and method match; its fields are validated, in
 * this order, before anything else, then its role, then its form token;
 * only then is its handler called. Paths under /trainer are the trainer
 * space: its cookie, its look, its login form.
 */
static const app_route S_routes[] = {
	{ APP_GET, "/health", WEB_ROLE_NONE, S_health,
	    .csrf = NULL },

	/* Participants (participant.c) */
	{ APP_POST, "/join", WEB_ROLE_ANY, participant_join, {
		{ "code", valid_code, F_REQ, NULL },
		{ "name", valid_first_name, F_REQ, NULL },
		{ "next", valid_next, F_DROP, NULL },
		{ "pcode", valid_pcode, 0, NULL },
		{ "other", valid_flag, 0, NULL } },
	    .invalid = participant_join_invalid },
	{ APP_GET, "/back", WEB_ROLE_ANY, participant_back, {
		{ "g", valid_code, F_QUERY | F_REQ, NULL },
		{ "n", valid_first_name, F_QUERY | F_REQ, NULL },
		{ "k", valid_pcode, F_QUERY | F_REQ, NULL } },
	    .csrf = NULL, .invalid = participant_join_invalid },
	{ APP_POST, "/done", WEB_ROLE_PARTICIPANT, participant_done, {
		{ "lesson", valid_lesson, F_REQ, NULL },
		{ "undo", valid_flag, 0, NULL },
		{ "next", valid_next, F_DROP, NULL } },
	    .back = BACK_NEXT },
	{ APP_GET, "/done", WEB_ROLE_PARTICIPANT, participant_done_page, {
		{ "lesson", valid_lesson, F_QUERY | F_REQ | F_PAGE, NULL } },
	    .back = BACK_SELF },
	/* A lesson's quiz (quiz.c): judged for anyone, kept for a
	 * participant; a static page's form, so no token (as /done). */
	{ APP_POST, "/quiz", WEB_ROLE_ANY, quiz_post, {
		{ "lesson", valid_lesson, F_REQ, NULL },
		{ "quiz", valid_quiz, F_REQ, NULL },
		{ "c", valid_choices, F_REQ, NULL } },
	    .csrf = NULL, .invalid = quiz_invalid },
	{ APP_GET, "/quiz", WEB_ROLE_ANY, quiz_page, {
		{ "lesson", valid_lesson, F_QUERY | F_REQ | F_PAGE, NULL },
		{ "quiz", valid_quiz, F_QUERY | F_REQ | F_PAGE, NULL } },
	    .csrf = NULL },
	{ APP_GET, "/progress", WEB_ROLE_ANY, participant_progress,
	    .csrf = NULL },
	{ APP_GET, "/me", WEB_ROLE_PARTICIPANT, participant_me, {
		{ "next", valid_next, F_QUERY | F_DROP, NULL } },
	    .back = BACK_NEXT_SELF },
	{ APP_GET, "/comments", WEB_ROLE_PARTICIPANT, participant_comments, {
		{ "lesson", valid_lesson, F_QUERY | F_REQ | F_PAGE, NULL },
		{ "edit", valid_id, F_QUERY, NULL },
		{ "reply", valid_id, F_QUERY, NULL },
		{ "page", valid_page, F_QUERY | F_PAGE, NULL } },
	    .back = BACK_SELF },
	{ APP_POST, "/comments", WEB_ROLE_PARTICIPANT,
	    participant_comments_post, {
		{ "lesson", valid_lesson, F_REQ, NULL },
		TALK_POST_FIELDS },
	    .csrf = S_expired_talk, .invalid = participant_comments_invalid },
	/* A photo of the group's (talk_photo): 404 without a session too,
	 * as for an unknown id. Trainers have their twin below, in the
	 * trainer space where their cookie goes. */
	{ APP_GET, "/photos/:id", WEB_ROLE_ANY, participant_photo,
	    .csrf = NULL },
	{ APP_GET, "/feed", WEB_ROLE_PARTICIPANT, participant_feed,
	    .back = BACK_SELF },
	{ APP_GET, "/group", WEB_ROLE_PARTICIPANT, participant_group, {
		{ "page", valid_page, F_QUERY | F_PAGE, NULL } },
	    .back = BACK_SELF },
	{ APP_GET, "/group/stats", WEB_ROLE_ANY,
	    participant_group_stats, {
		{ "lesson", valid_lesson, F_QUERY | F_PAGE, NULL } },
	    .back = BACK_HOME },
	{ APP_GET, "/me/export", WEB_ROLE_PARTICIPANT, participant_export,
	    .back = BACK_HOME },
	{ APP_POST, "/me/delete", WEB_ROLE_PARTICIPANT, participant_delete, {
		{ "confirm", valid_flag, 0, NULL } },
	    .csrf = S_expired_me },
	{ APP_GET, "/me/card", WEB_ROLE_PARTICIPANT, participant_my_card,
	    .back = BACK_SELF },
	{ APP_POST, "/me/card", WEB_ROLE_PARTICIPANT,
	    participant_my_card_post, .csrf = S_expired_me },
	{ APP_POST, "/me/devices", WEB_ROLE_PARTICIPANT,
	    participant_devices_post, {
		{ "device", valid_id, 0, NULL },
		{ "all", valid_flag, 0, NULL } },
	    .csrf = S_expired_me },
	{ APP_POST, "/logout", WEB_ROLE_ANY, participant_logout,
	    .csrf = S_expired_me },
	{ APP_GET, "/card", WEB_ROLE_ANY, participant_card, {
		{ "t", valid_token, F_QUERY | F_REQ, NULL } },
	    .csrf = NULL },
	{ APP_POST, "/card", WEB_ROLE_ANY, participant_card_post, {
		{ "t", valid_token, F_REQ, NULL } },
	    .csrf = NULL },

	/* Trainers (trainer.c) */
	{ APP_POST, "/trainer/login", WEB_ROLE_NONE, trainer_login, {
		{ "login", valid_any, 0, NULL },
		{ "password", valid_any, 0, NULL } },
	    .csrf = NULL },
	{ APP_POST, "/trainer/logout", WEB_ROLE_ANY, trainer_logout,
	    .csrf = S_expired_trainer },
	{ APP_GET, "/trainer", WEB_ROLE_ANY, trainer_home,
	    .csrf = NULL },
	{ APP_GET, "/trainer/", WEB_ROLE_ANY, trainer_home,
	    .csrf = NULL },
	{ APP_POST, "/trainer/groups", WEB_ROLE_TRAINER, trainer_group_new, {
		{ "name", valid_group_name, F_REQ, NULL } },
	    .csrf = S_expired_trainer },
	{ APP_GET, "/trainer/groups/:id", WEB_ROLE_TRAINER, trainer_group,
	    .csrf = NULL },
	{ APP_POST, "/trainer/groups/:id", WEB_ROLE_TRAINER,
	    trainer_group_post, {
		{ "action", valid_group_action, F_REQ, NULL },
		{ "name", valid_group_name, 0, NULL } },
	    .csrf = S_expired_trainer },
	{ APP_GET, "/trainer/groups/:id/progress.csv", WEB_ROLE_TRAINER,
	    trainer_csv, .csrf = NULL },
	{ APP_GET, "/trainer/groups/:id/cards", WEB_ROLE_TRAINER,
	    trainer_cards, {
		{ "p", valid_id, F_QUERY, S_why_participant } },
	    .csrf = NULL },
	{ APP_POST, "/trainer/groups/:id/cards", WEB_ROLE_TRAINER,
	    trainer_cards_post, {
		{ "p", valid_id, 0, S_why_participant } },
	    .csrf = S_expired_trainer },
	{ APP_GET, "/trainer/groups/:id/messages", WEB_ROLE_TRAINER,
	    trainer_messages, .csrf = NULL },
	{ APP_POST, "/trainer/groups/:id/messages", WEB_ROLE_TRAINER,
	    trainer_messages_post, {
		{ "msg", valid_id, F_REQ, S_why_msg },
		{ "action", valid_mod_action, F_REQ, NULL },
		{ "confirm", valid_flag, 0, NULL } },
	    .csrf = S_expired_trainer },
	{ APP_GET, "/trainer/groups/:id/talk", WEB_ROLE_TRAINER,
	    trainer_talk, {
		{ "lesson", valid_lesson, F_QUERY | F_PAGE, NULL },
		{ "reply", valid_id, F_QUERY, NULL },
		{ "page", valid_page, F_QUERY | F_PAGE, NULL } },
	    .csrf = NULL },
	{ APP_POST, "/trainer/groups/:id/talk", WEB_ROLE_TRAINER,
	    trainer_talk_post, {
		{ "lesson", valid_lesson, 0, NULL },
		TALK_POST_FIELDS },
	    .csrf = S_expired_trainer, .invalid = trainer_talk_invalid },
	{ APP_GET, "/trainer/groups/:id/photos/:id", WEB_ROLE_ANY,
	    trainer_photo, .csrf = NULL },
	{ APP_POST, "/trainer/groups/:id/participants/:id", WEB_ROLE_TRAINER,
	    trainer_participant_post, {
		{ "action", valid_member_action, F_REQ, NULL },
		{ "name", valid_first_name, 0, NULL },
		{ "into", valid_id, 0, S_why_participant },
		{ "confirm", valid_flag, 0, NULL } },
	    .csrf = S_expired_trainer },
	{ APP_GET, "/trainer/groups/:id/participants/:id/export",
	    WEB_ROLE_TRAINER, trainer_participant_export,
	    .csrf = NULL },
	/* The funders' report (report.c): a period, one group or all. */
	{ APP_GET, "/trainer/report", WEB_ROLE_TRAINER, report_page,
	    REPORT_FIELDS, .csrf = NULL },
	{ APP_GET, "/trainer/report.csv", WEB_ROLE_TRAINER, report_csv,
	    REPORT_FIELDS, .csrf = NULL },
	/* Following a group (follow.c) */
	{ APP_GET, "/trainer/groups/:id/participants/:id", WEB_ROLE_TRAINER,
	    follow_participant, .csrf = NULL },
	{ APP_POST, "/trainer/groups/:id/idle", WEB_ROLE_TRAINER,
	    follow_idle_post, {
		{ "days", valid_idle_days, F_REQ, NULL } },
	    .csrf = S_expired_trainer },
	{ APP_GET, "/trainer/messages", WEB_ROLE_TRAINER, follow_messages,
	    .csrf = NULL },
};

#define APP_NROUTES (sizeof S_routes / sizeof S_routes[0])
#define APP_ERR_SIZE 1024 /* why the process could not start */

/* GET /health: the database answers. No session is read. */
static void
S_health(web_ctx *c)
{
	if (store_health(c->a->db) != STORE_OK) {
		web_fail(c, 503, "database");
		return;
	}
	c->res->type = "text/plain; charset=utf-8";
	buf_puts(&c->res->body, "ok\n");
}

/* ------------------------------------------------------------------ */
/* Matching */

/* 1 when path matches pat, each ":id" a row id stored into c->id. */
static int
S_match(const char *pat, const char *path, web_ctx *c)
{
	char seg[VALID_ID_DIGITS + 2];
	size_t n;

	c->nid = 0;
	while (*pat != '\0' && *path != '\0') {
		if (strncmp(pat, ":id", 3) == 0 && (pat[3] == '/' ||
		    pat[3] == '\0')) {
			n = strcspn(path, "/");
			if (n == 0 || n >= sizeof seg || c->nid >= WEB_MAX_IDS)
				return 0;
			memcpy(seg, path, n);
			seg[n] = '\0';
			if ((c->id[c->nid++] = valid_id_parse(seg)) == 0)
				return 0;
			pat += 3;
			path += n;
			continue;
		}
		if (*pat++ != *path++)
			return 0;
	}
	return *pat == '\0' && *path == '\0';
}

static unsigned
S_method(const http_req *req)
{
	if (req->method == HTTP_GET || req->method == HTTP_HEAD)
		return APP_GET;
	return req->method == HTTP_POST ? APP_POST : 0;
}

/* POSTs come from our own pages only: the Origin header (or, lacking
 * it, the Referer) must be the site's. */
static int
S_same_origin(const web_ctx *c)
{
	const char *o = c->a->origin, *r = c->req->referer;
	size_t n = strlen(o);

	if (c->req->origin != NULL)
		return strcmp(c->req->origin, o) == 0;
	return r != NULL && strncmp(r, o, n) == 0 && (r[n] == '/' ||
	    r[n] == '\0');
}

/* ------------------------------------------------------------------ */
/* Fields */

/* Every file of the request is a F_FILE field of the route: 0, or -1
 * having answered 400. */
static int
S_files_ok(web_ctx *c, const app_route *r)
{
	const app_field *f;
	int i;

	for (i = 0; i < c->req->nfiles; i++) {
		for (f = r->fields; f < r->fields + WEB_MAX_FIELDS &&
		    f->valid != NULL; f++)
			if ((f->flags & F_FILE) &&
			    strcmp(f->name, c->req->files[i].name) == 0)
				break;
		if (f < r->fields + WEB_MAX_FIELDS && f->valid != NULL)
			continue;
		web_fail(c, 400, msg("Ce formulaire n'accepte pas de "
		    "fichier.", "This form does not accept files."));
		return -1;
	}
	return 0;
}

/* Validate the route's fields into c->val. Returns 0, or -1 having
 * answered 400 (404 for F_PAGE) with the reason. */
static int
S_fields(web_ctx *c, const app_route *r)
{
	const app_field *f;
	const http_file *hf;
	web_value *v;
	const char *why;
	int status;

	if (S_files_ok(c, r) < 0)
		return -1;
	for (f = r->fields; f < r->fields + WEB_MAX_FIELDS &&
	    f->valid != NULL; f++) {
		v = &c->val[c->nval++];
		memset(v, 0, sizeof *v);
		v->name = f->name;
		if (f->flags & F_FILE) {
			hf = http_file_get(c->req, f->name);
			v->p = hf;
			v->s = hf != NULL ? hf->filename : NULL;
		} else {
			v->s = f->flags & F_QUERY ? http_query(c->req,
			    f->name) : http_form(c->req, f->name);
		}
		if (v->s == NULL && !(f->flags & F_REQ))
			continue;
		if (v->s == NULL)
			v->s = "";
		if ((why = f->valid(c, v)) == NULL)
			continue;
		if (f->flags & F_DROP) {
			free(v->own);
			memset(v, 0, sizeof *v);
			v->name = f->name;
			continue;
		}
		if (f->why != NULL)
			why = msg(f->why[0], f->why[1]);
		status = f->flags & F_PAGE ? 404 : 400;
		if (r->invalid != NULL)
			r->invalid(c, status, why);
		else
			web_fail(c, status, why);
		return -1;
	}
	return 0;
}

static void
S_fields_free(web_ctx *c)
{
	int i;

	for (i = 0; i < c->nval; i++)
		free(c->val[i].own);
	c->nval = 0;
}

/* The page to come back to after joining (a route that needs a
 * participant was asked without a session), into b. */
static const char *
S_back(web_ctx *c, const app_route *r, buf *b)
{
	const char *next = web_str(c, "next");
	const course_item *l = web_lesson(c, "lesson");

	if (r->back == BACK_HOME)
		return NULL;
	if (r->back == BACK_NEXT || (r->back == BACK_NEXT_SELF &&
	    next != NULL))
		return next;
	buf_printf(b, "%s%s", c->a->site.api, c->req->path);
	if (l != NULL)
		buf_printf(b, "?lesson=%s", l->id);
	return b->data;
}

/* ------------------------------------------------------------------ */
/* Dispatch */

static void
S_route(web_ctx *c)
{
	const app_route *r, *hit = NULL;
	unsigned method = S_method(c->req), allow = 0;
	long long id[WEB_MAX_IDS];
	int nid = 0;
	buf back;

	if (method == APP_POST && !S_same_origin(c)) {
		web_fail(c, 403, msg("Envoi refusé : il ne vient pas de ce "
		    "site.", "Refused: it does not come from this site."));
		return;
	}
	for (r = S_routes; r < S_routes + APP_NROUTES; r++) {
		if (!S_match(r->path, c->req->path, c))
			continue;
		allow |= r->methods;
		if (hit == NULL && (r->methods & method) != 0) {
			hit = r;
			nid = c->nid;
			memcpy(id, c->id, sizeof id);
		}
	}
	if (allow == 0) {
		/* The trainer space shows nothing, not even what does not
		 * exist, before a login. */
		if (c->trainer) {
			web_session(c);
			if (c->role != WEB_ROLE_TRAINER) {
				trainer_login_page(c, 401, msg("Connectez-vous "
				    "pour voir cette page.", "Log in to see "
				    "this page."));
				return;
			}
		}
		web_not_found(c);
		return;
	}
	if (hit == NULL) {
		http_header(c->res, "Allow: %s", allow == (APP_GET | APP_POST) ?
		    "GET, HEAD, POST" : allow == APP_GET ? "GET, HEAD" :
		    "POST");
		web_fail(c, 405, msg("Méthode non acceptée ici.",
		    "Method not allowed here."));
		return;
	}
	c->nid = nid;
	memcpy(c->id, id, sizeof id);
	if (hit->role != WEB_ROLE_NONE)
		web_session(c);
	if (S_fields(c, hit) < 0)
		goto out;
	if (hit->role == WEB_ROLE_PARTICIPANT &&
	    c->role != WEB_ROLE_PARTICIPANT) {
		buf_init(&back, WEB_SMALL);
		participant_need_join(c, S_back(c, hit, &back));
		buf_free(&back);
		goto out;
	}
	if (hit->role == WEB_ROLE_TRAINER && c->role != WEB_ROLE_TRAINER) {
		trainer_login_page(c, 401, msg("Connectez-vous pour voir cette "
		    "page.", "Log in to see this page."));
		goto out;
	}
	if (hit->csrf != NULL && c->role != WEB_ROLE_NONE &&
	    !web_csrf_ok(c)) {
		web_fail(c, 403, msg(hit->csrf[0], hit->csrf[1]));
		goto out;
	}
	hit->fn(c);
out:
	S_fields_free(c);
}

/* ------------------------------------------------------------------ */
/* The process */

int
app_open(web_app *a)
{
	/* The process's own settings, read before libfcgi replaces the
	 * environment with each request's parameters: a retry (the site
	 * built after the worker started) must still see them. */
	static char *start_db, *start_site, *start_origin, *start_days;
	static int read_start;
	const char *db, *site, *origin;
	static char err[APP_ERR_SIZE];
	size_t n;

	if (!read_start) {
		read_start = 1;
		if ((db = getenv("EYSTIME_DB")) != NULL)
			start_db = mem_strdup(db);
		if ((site = getenv("EYSTIME_SITE")) != NULL)
			start_site = mem_strdup(site);
		if ((origin = getenv("EYSTIME_ORIGIN")) != NULL)
			start_origin = mem_strdup(origin);
		if ((db = getenv("EYSTIME_SESSION_DAYS")) != NULL)
			start_days = mem_strdup(db);
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
	if ((a->session_life = auth_session_life(start_days ? start_days :
	    getenv("EYSTIME_SESSION_DAYS"))) < 0) {
		a->error = "EYSTIME_SESSION_DAYS must be a number of days, "
		    "1 to 400 (docs/deploy.md)";
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
	gate_open(db);
	return 0;
}

void
app_close(web_app *a)
{
	store_close(a->db);
	gate_close();
	course_free(&a->site);
	free(a->origin);
	memset(a, 0, sizeof *a);
}

void
app_handle(web_app *a)
{
	http_req req;
	http_res res;
	web_ctx c;

	http_read(&req);
	http_res_init(&res);
	memset(&c, 0, sizeof c);
	c.a = a;
	c.req = &req;
	c.res = &res;
	c.now = (long long)time(NULL);
	c.trainer = strncmp(req.path, "/trainer", 8) == 0 &&
	    (req.path[8] == '\0' || req.path[8] == '/');
	/* The configuration may come with the request, as FastCGI
	 * parameters of the same names (libfcgi makes them the
	 * environment), or what failed at the start (a folder's rights, a
	 * missing site) may have been fixed since: try again. */
	if (a->error != NULL && app_open(a) == 0)
		io_log("the database and the site open now (settings from "
		    "this request, or fixed since the start): serving");
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
			web_fail(&c, req.status, req.why);
		else
			S_route(&c);
	}
	http_send(&req, &res);
	http_req_free(&req);
	http_res_free(&res);
}
