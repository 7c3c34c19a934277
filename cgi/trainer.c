#include "trainer.h"

#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../common/msg.h"
#include "../common/text.h"
#include "export.h"
#include "follow.h"
#include "gate.h"
#include "quiz.h"
#include "talk.h"
#include "io.h"
#include "participant.h"
#include "qr.h"
#include "valid.h"

#define FAIL_WINDOW 3600      /* failures older than this are forgiven */
#define FREE_PER_LOGIN 3      /* of one login from one address, before
                               * a delay */
#define FREE_PER_ADDR 20      /* of one address (a training room) */
#define FREE_ALL 100          /* of the whole site, in FAIL_WINDOW */
#define CARDS_MAX 60          /* cards made by one POST */
#define CARDS_MAX_TEXT "60"
#define DAY (24 * 3600LL)     /* seconds */
#define MAX_MEMBERS 500       /* participants shown per group */
#define MOD_LIMIT 100         /* messages per moderation list */
#define TRAINER_NAME_SIZE STORE_NAME_SIZE /* a group's name, copied */
#define TRAINER_CODE_SIZE 16  /* its join code */
#define TRAINER_PATH_SIZE 128 /* a path of the trainer space */

/* ------------------------------------------------------------------ */
/* Pure helpers (unit tested) */

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
/* Pieces of the trainer's pages */

/* <form method="post" action="…"> with the token. */
static void
S_form(web_ctx *c, buf *b, const char *cls, const char *path)
{
	char csrf[AUTH_CSRF_SIZE];

	web_csrf(c, csrf);
	buf_printf(b, "<form method=\"post\" class=\"%s\" action=\"", cls);
	web_api_link(c, b, "/trainer%s", path);
	buf_printf(b, "\">\n<input type=\"hidden\" name=\"csrf\" "
	    "value=\"%s\">\n", csrf);
}

/* ------------------------------------------------------------------ */
/* Log in, log out */

void
trainer_login_page(web_ctx *c, int status, const char *problem)
{
	buf b;

	buf_init(&b, WEB_FORM_PAGE);
	buf_printf(&b, "<h1>%s</h1>\n", msg("Espace formateur",
	    "Trainer space"));
	if (problem != NULL) {
		buf_puts(&b, "<p class=\"error\" role=\"alert\">");
		web_esc(&b, problem);
		buf_puts(&b, "</p>\n");
	}
	buf_printf(&b, "<p>%s</p>\n", msg("Suivez la progression de vos "
	    "groupes, imprimez les cartes de connexion et veillez aux "
	    "discussions.", "Follow your groups' progress, print login "
	    "cards and look after the discussions."));
	buf_puts(&b, "<form method=\"post\" class=\"join trainer-login\" "
	    "action=\"");
	web_api_link(c, &b, "/trainer%s", "/login");
	buf_printf(&b, "\">\n<p><label for=\"login\">%s</label>\n"
	    "<input id=\"login\" name=\"login\" type=\"text\" required "
	    "maxlength=\"%d\" "
	    "autocomplete=\"username\" autocapitalize=\"none\" "
	    "spellcheck=\"false\"></p>\n"
	    "<p><label for=\"password\">%s</label>\n"
	    "<input id=\"password\" name=\"password\" type=\"password\" "
	    "required maxlength=\"%d\" autocomplete=\"current-password\">"
	    "</p>\n<p><button type=\"submit\">%s</button></p>\n</form>\n"
	    "<p>%s</p>\n", msg("Identifiant", "Login"), AUTH_LOGIN_MAX,
	    msg("Mot de passe", "Password"), AUTH_PW_MAX,
	    msg("Me connecter", "Log in"),
	    msg("Pas de compte ? L'hébergeur du site le crée pour vous.",
	    "No account? The site's host creates it for you."));
	web_page(c, status, msg("Espace formateur", "Trainer space"), b.data);
	buf_free(&b);
}

/* A login, limited OWASP's way (issue 18, item 2): per login and
 * address (so that an attacker's failures from one address never lock
 * the trainer out from hers), per address (one address trying many
 * logins), and for the whole site (a network of addresses); the try is
 * counted before the password is checked (item 12). */
static void
S_login_try(web_ctx *c, const char *login, const char *pw,
	const char *addr)
{
	char kl[AUTH_LOGIN_MAX + INET6_ADDRSTRLEN + 32];
	char ka[INET6_ADDRSTRLEN + 8];
	char hash[crypto_pwhash_STRBYTES + 1], fresh[crypto_pwhash_STRBYTES];
	char cookie[AUTH_TOKEN_TEXT];
	web_limit lim[3];
	long long wait, tid = 0, ids[3];
	int rc = STORE_OK, known, rehash = 0, good;
	buf why;

	snprintf(kl, sizeof kl, "login:%s@%s", login, addr);
	snprintf(ka, sizeof ka, "addr:%s", addr);
	lim[0].key = kl;
	lim[0].free = FREE_PER_LOGIN;
	lim[1].key = ka;
	lim[1].free = FREE_PER_ADDR;
	lim[2].key = "login:*";
	lim[2].free = FREE_ALL;
	buf_init(&why, WEB_SMALL);
	rc = web_try(c, lim, 3, FAIL_WINDOW, &wait, &why, ids);
	if (rc == STORE_LIMIT) {
		io_log("429 login %s: %lld s to wait", auth_login_ok(login) ?
		    login : "(not a login)", wait);
		trainer_login_page(c, 429, why.data);
		http_header(c->res, "Retry-After: %lld", wait);
	}
	buf_free(&why);
	if (rc != STORE_OK)
		return;
	known = auth_login_ok(login) && strlen(pw) <= AUTH_PW_MAX &&
	    (rc = store_trainer_find(c->a->db, login, &tid, hash,
	    sizeof hash)) == STORE_OK;
	if (!known && rc != STORE_OK && rc != STORE_NONE) {
		web_store_fail(c, rc);
		return;
	}
	/* The same work and the same answer for a wrong login as for a
	 * wrong password. */
	good = auth_pw_verify(known ? hash : auth_dummy_hash(),
	    strlen(pw) <= AUTH_PW_MAX ? pw : "", &rehash) == 0 && known;
	if (!good) {
		/* Counted already; the delay runs from the answer, not from
		 * the request: the check itself takes time (argon2id). */
		if ((rc = store_fail_move(c->a->db, ids, 3,
		    (long long)time(NULL))) != STORE_OK) {
			web_store_fail(c, rc);
			return;
		}
		/* Only a login's own characters reach the log. */
		io_log("401 login failed for %s", auth_login_ok(login) ?
		    login : "(not a login)");
		trainer_login_page(c, 401, msg("Identifiant ou mot de passe "
		    "incorrect.", "Wrong login or password."));
		return;
	}
	store_fail_forget(c->a->db, ids, 3);
	store_login_clear(c->a->db, kl);
	if (rehash && auth_pw_hash(fresh, pw, AUTH_PW_OPS,
	    AUTH_PW_MEM) == 0)
		store_trainer_passwd(c->a->db, tid, fresh, NULL);
	/* A new session id at each login; the one the browser had ends. */
	web_session(c);
	if (c->role == WEB_ROLE_TRAINER)
		store_tsession_end(c->a->db, c->hash);
	auth_token_new(cookie, c->hash);
	if ((rc = store_tsession_add(c->a->db, c->hash, tid, c->now)) !=
	    STORE_OK) {
		web_store_fail(c, rc);
		return;
	}
	web_cookie(c, cookie, STORE_TSESSION_LIFE);
	web_redirect_api(c, "%s", "/trainer");
}

void
trainer_login(web_ctx *c)
{
	const char *login_in = web_str(c, "login"),
	    *pw = web_str(c, "password");
	char login[AUTH_LOGIN_MAX + 16], addr[INET6_ADDRSTRLEN];
	int slot;
	size_t i;

	/* Normalised: logins are lower case; anything that cannot be a
	 * login is an unknown one, answered the same way. */
	text_copy(login, sizeof login, login_in);
	for (i = 0; login[i] != '\0'; i++)
		if (login[i] >= 'A' && login[i] <= 'Z')
			login[i] = (char)(login[i] - 'A' + 'a');
	if (pw == NULL)
		pw = "";
	auth_addr_key(c->req->addr, addr, sizeof addr);
	/* Few password checks at once: past them, 503 at once, and the
	 * participants keep their workers (issue 18, item 5). */
	if ((slot = gate_enter()) < 0) {
		io_log("503 login: %d password checks already running",
		    GATE_SLOTS);
		trainer_login_page(c, 503, msg("Trop de connexions en même "
		    "temps. Réessayez dans quelques secondes.", "Too many logins "
		    "at once. Try again in a few seconds."));
		http_header(c->res, "Retry-After: %d", GATE_RETRY);
		return;
	}
	/* Made before anything else, so that no first try of a worker
	 * takes longer for an unknown login than for a known one. */
	(void)auth_dummy_hash();
	S_login_try(c, login, pw, addr);
	gate_leave(slot);
}

void
trainer_logout(web_ctx *c)
{
	if (c->role == WEB_ROLE_TRAINER)
		store_tsession_end(c->a->db, c->hash);
	web_cookie(c, "", 0);
	web_redirect_api(c, "%s", "/trainer");
}

/* ------------------------------------------------------------------ */
/* My groups */

typedef struct list_ctx {
	web_ctx *c;
	buf *b;
	int n;
} list_ctx;

static int
S_group_item(void *p, const store_group *g)
{
	list_ctx *x = p;

	x->n++;
	buf_puts(x->b, "<li><a href=\"");
	web_api_link(x->c, x->b, "/trainer/groups/%lld", g->id);
	buf_puts(x->b, "\">");
	web_esc(x->b, g->name);
	buf_printf(x->b, "</a> · %s <strong class=\"join-code\">%s</strong> · "
	    "%lld %s%s</li>\n", msg("code", "code"), g->code, g->members,
	    g->members > 1 ? msg("participants", "participants") :
	    msg("participant", "participant"), g->archived ?
	    msg(" · archivé", " · archived") : "");
	return 0;
}

void
trainer_home(web_ctx *c)
{
	list_ctx x;
	buf b;
	int rc;

	/* Not logged in, or the session ended: the login form. */
	if (c->role != WEB_ROLE_TRAINER) {
		trainer_login_page(c, 200, NULL);
		return;
	}

	buf_init(&b, WEB_LIST_PAGE);
	buf_printf(&b, "<h1>%s</h1>\n<p>", msg("Espace formateur",
	    "Trainer space"));
	buf_printf(&b, msg("Connecté avec l'identifiant %s", "Logged in as "
	    "%s"), "");
	buf_puts(&b, "<strong>");
	web_esc(&b, c->login);
	buf_puts(&b, "</strong>.</p>\n");
	S_form(c, &b, "logout", "/logout");
	buf_printf(&b, "<p><button type=\"submit\">%s</button></p>\n</form>\n",
	    msg("Me déconnecter", "Log out"));
	buf_printf(&b, "<h2>%s</h2>\n<ul class=\"trainer-groups\">\n",
	    msg("Mes groupes", "My groups"));
	x.c = c;
	x.b = &b;
	x.n = 0;
	if ((rc = store_trainer_groups(c->a->db, c->tid, S_group_item, &x)) !=
	    STORE_OK) {
		buf_free(&b);
		web_store_fail(c, rc);
		return;
	}
	buf_puts(&b, "</ul>\n");
	if (x.n == 0)
		buf_printf(&b, "<p>%s</p>\n", msg("Pas encore de groupe : "
		    "créez-en un ci-dessous.", "No group yet: create one "
		    "below."));
	buf_printf(&b, "<h2>%s</h2>\n", msg("Créer un groupe",
	    "Create a group"));
	S_form(c, &b, "group-new", "/groups");
	buf_printf(&b, "<p><label for=\"gname\">%s</label>\n<input id=\"gname\" "
	    "type=\"text\" name=\"name\" required maxlength=\"%d\"></p>\n"
	    "<p><button type=\"submit\">%s</button></p>\n</form>\n",
	    msg("Nom du groupe", "Group name"), VALID_GROUP_MAX,
	    msg("Créer", "Create"));
	web_page(c, 200, msg("Espace formateur", "Trainer space"), b.data);
	buf_free(&b);
}

void
trainer_group_new(web_ctx *c)
{
	const char *name = web_str(c, "name");
	char code[AUTH_CODE_SIZE];
	long long gid = 0;
	int rc = STORE_TAKEN, tries;

	for (tries = 0; tries < AUTH_CODE_TRIES && rc == STORE_TAKEN;
	    tries++) {
		auth_new_code(code);
		rc = store_group_create(c->a->db, c->tid, name, code, &gid);
	}
	if (rc != STORE_OK) {
		web_store_fail(c, rc);
		return;
	}
	web_redirect_api(c, "/trainer/groups/%lld", gid);
}

/* ------------------------------------------------------------------ */
/* One group: progress, participants, settings */

typedef struct member {
	long long pid;
	char *name;
	long long last_seen;
	int has_card;       /* she has a personal code (a card) already */
} member;

typedef struct grid {
	web_ctx *c;
	member *m;          /* participants, by name */
	int nm;
	long long *at;      /* nm × nl: when lesson l was done, or 0 */
	int nl;
} grid;

static int
S_member(void *p, const store_member *sm)
{
	grid *g = p;

	g->m = mem_alloc(g->m, ((size_t)g->nm + 1) * sizeof *g->m);
	g->m[g->nm].pid = sm->pid;
	g->m[g->nm].name = mem_strdup(sm->name);
	g->m[g->nm].last_seen = sm->last_seen;
	g->m[g->nm].has_card = sm->has_card;
	g->nm++;
	return 0;
}

static int
S_done(void *p, long long pid, const char *lesson, long long at)
{
	grid *g = p;
	const course_item *l = course_lesson(&g->c->a->site, lesson);
	int i;

	if (l == NULL)
		return 0;
	for (i = 0; i < g->nm; i++)
		if (g->m[i].pid == pid) {
			g->at[(size_t)i * (size_t)g->nl +
			    (size_t)course_index(&g->c->a->site, l)] = at;
			break;
		}
	return 0;
}

static void
S_grid_free(grid *g)
{
	int i;

	for (i = 0; i < g->nm; i++)
		free(g->m[i].name);
	free(g->m);
	free(g->at);
}

static int
S_grid(web_ctx *c, long long gid, grid *g)
{
	int rc;

	memset(g, 0, sizeof *g);
	g->c = c;
	g->nl = c->a->site.nl;
	if ((rc = store_members(c->a->db, gid, MAX_MEMBERS, S_member, g)) !=
	    STORE_OK)
		return rc;
	g->at = mem_alloc(NULL, ((size_t)g->nm * (size_t)g->nl + 1) *
	    sizeof *g->at);
	memset(g->at, 0, ((size_t)g->nm * (size_t)g->nl + 1) * sizeof *g->at);
	return store_group_done(c->a->db, gid, S_done, g);
}

/* The group of the path, if this trainer follows it; else 404. */
static int
S_group(web_ctx *c, long long gid, store_group *g, char *name, size_t namesz,
	char *code, size_t codesz)
{
	int rc = store_trainer_group(c->a->db, c->tid, gid, g, name, namesz,
	    code, codesz);

	if (rc == STORE_NONE)
		web_not_found(c);
	else if (rc != STORE_OK)
		web_store_fail(c, rc);
	return rc;
}

static int
S_count(void *p, const store_msg *m)
{
	(void)m;
	(*(int *)p)++;
	return 0;
}

static void
S_settings(web_ctx *c, buf *b, const store_group *gr)
{
	char path[TRAINER_PATH_SIZE];

	snprintf(path, sizeof path, "/groups/%lld", gr->id);
	buf_printf(b, "<h2>%s</h2>\n", msg("Réglages du groupe",
	    "Group settings"));
	S_form(c, b, "group-rename", path);
	buf_printf(b, "<p><label for=\"gname\">%s</label>\n<input id=\"gname\" "
	    "type=\"text\" name=\"name\" required maxlength=\"%d\" value=\"",
	    msg("Nom du groupe", "Group name"), VALID_GROUP_MAX);
	web_esc(b, gr->name);
	buf_printf(b, "\">\n<button type=\"submit\" name=\"action\" "
	    "value=\"rename\">%s</button></p>\n</form>\n",
	    msg("Renommer", "Rename"));
	S_form(c, b, "group-code", path);
	buf_printf(b, "<p><button type=\"submit\" name=\"action\" "
	    "value=\"code\">%s</button> %s</p>\n</form>\n",
	    msg("Changer le code", "Change the code"), msg("(l'ancien code "
	    "ne permettra plus de rejoindre le groupe)", "(the old code will "
	    "no longer let anyone join)"));
	S_form(c, b, "group-hold", path);
	buf_printf(b, "<p>%s <strong>%s</strong>.</p>\n<p><button "
	    "type=\"submit\" name=\"action\" value=\"%s\">%s</button></p>\n"
	    "</form>\n", msg("Messages avec un lien retenus jusqu'à ma "
	    "validation :", "Messages with a link held until I approve them:"),
	    gr->hold_links ? msg("oui", "yes") : msg("non", "no"),
	    gr->hold_links ? "hold-off" : "hold-on", gr->hold_links ?
	    msg("Ne plus les retenir", "Stop holding them") :
	    msg("Les retenir", "Hold them"));
	S_form(c, b, "group-photos", path);
	buf_printf(b, "<p>%s <strong>%s</strong>.</p>\n<p><button "
	    "type=\"submit\" name=\"action\" value=\"%s\">%s</button></p>\n"
	    "</form>\n", msg("Photos avec les messages :", "Photos with "
	    "messages:"), gr->photos ? msg("oui", "yes") : msg("non", "no"),
	    gr->photos ? "photos-off" : "photos-on", gr->photos ?
	    msg("Ne plus accepter de photos", "Stop accepting photos") :
	    msg("Accepter les photos", "Accept photos"));
	follow_settings(c, b, gr);
	S_form(c, b, "group-archive", path);
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

void
trainer_group(web_ctx *c)
{
	long long gid = c->id[0];
	store_group gr;
	char name[TRAINER_NAME_SIZE], code[TRAINER_CODE_SIZE];
	buf b;
	int rc, nreported = 0, nheld = 0, nm;

	if (S_group(c, gid, &gr, name, sizeof name, code, sizeof code) !=
	    STORE_OK)
		return;
	if ((rc = store_mod_list(c->a->db, gid, STORE_MOD_REPORTED, MOD_LIMIT,
	    S_count, &nreported)) != STORE_OK ||
	    (rc = store_mod_list(c->a->db, gid, STORE_MOD_HELD, MOD_LIMIT,
	    S_count, &nheld)) != STORE_OK) {
		web_store_fail(c, rc);
		return;
	}
	nm = (int)gr.members;
	buf_init(&b, WEB_BIG_PAGE);
	buf_printf(&b, "<p class=\"kicker\">%s</p>\n<h1>", msg("Groupe",
	    "Group"));
	web_esc(&b, gr.name);
	buf_printf(&b, "</h1>\n<p>%s <strong class=\"join-code\">%s</strong>"
	    " · %d %s%s</p>\n", msg("Code pour rejoindre :", "Join code:"),
	    gr.code, nm, nm > 1 ? msg("participants", "participants") :
	    msg("participant", "participant"), gr.archived ?
	    msg(" · groupe archivé", " · archived group") : "");
	participant_alarm(c, &b, gid);
	buf_printf(&b, "<nav class=\"trainer-links\" aria-label=\"%s\">\n<ul>\n"
	    "<li><a href=\"", msg("Ce groupe", "This group"));
	web_api_link(c, &b, "/trainer/groups/%lld/cards", gid);
	buf_printf(&b, "\">%s</a></li>\n<li><a href=\"",
	    msg("Cartes pour revenir, à imprimer (QR)", "Cards to come back, "
	    "to print (QR)"));
	web_api_link(c, &b, "/trainer/groups/%lld/progress.csv", gid);
	buf_printf(&b, "\">%s</a></li>\n<li><a href=\"",
	    msg("Progression en tableur (CSV)", "Progress as a spreadsheet "
	    "(CSV)"));
	web_api_link(c, &b, "/trainer/groups/%lld/talk", gid);
	buf_printf(&b, "\">%s</a></li>\n<li><a href=\"",
	    msg("Discussions du groupe : répondre, épingler une annonce",
	    "The group's discussions: reply, pin an announcement"));
	web_api_link(c, &b, "/trainer/groups/%lld/messages", gid);
	buf_printf(&b, "\">%s</a> (%d %s, %d %s)</li>\n<li><a href=\"",
	    msg("Messages du groupe", "Group messages"), nreported,
	    msg("signalé(s)", "reported"), nheld, msg("en attente",
	    "waiting"));
	web_api_link(c, &b, "%s", "/trainer");
	buf_printf(&b, "\">%s</a></li>\n</ul>\n</nav>\n",
	    msg("Tous mes groupes", "All my groups"));

	if ((rc = follow_group(c, &b, &gr)) != STORE_OK) {
		buf_free(&b);
		web_store_fail(c, rc);
		return;
	}
	if ((rc = quiz_group(c, &b, gid)) != STORE_OK) {
		buf_free(&b);
		web_store_fail(c, rc);
		return;
	}
	buf_puts(&b, "<div class=\"no-print\">\n");
	S_settings(c, &b, &gr);
	buf_puts(&b, "</div>\n");
	web_page(c, 200, gr.name, b.data);
	buf_free(&b);
}

void
trainer_group_post(web_ctx *c)
{
	long long gid = c->id[0];
	const char *newname = web_str(c, "name");
	store_group gr;
	char name[TRAINER_NAME_SIZE], code[TRAINER_CODE_SIZE];
	char fresh[AUTH_CODE_SIZE];
	int rc = STORE_OK, tries;

	if (S_group(c, gid, &gr, name, sizeof name, code, sizeof code) !=
	    STORE_OK)
		return;
	switch (web_num(c, "action")) {
	case VALID_GROUP_RENAME:
		if (newname == NULL) {
			web_fail(c, 400, msg("Le nom du groupe fait de 1 à 100 "
			    "caractères.", "A group name is 1 to 100 "
			    "characters."));
			return;
		}
		rc = store_group_rename(c->a->db, gid, newname);
		break;
	case VALID_GROUP_CODE:
		rc = STORE_TAKEN;
		for (tries = 0; tries < AUTH_CODE_TRIES && rc == STORE_TAKEN;
		    tries++) {
			auth_new_code(fresh);
			rc = store_group_code(c->a->db, gid, fresh);
		}
		break;
	case VALID_GROUP_HOLD_ON:
	case VALID_GROUP_HOLD_OFF:
		rc = store_group_hold(c->a->db, gid,
		    web_num(c, "action") == VALID_GROUP_HOLD_ON);
		break;
	case VALID_GROUP_PHOTOS_ON:
	case VALID_GROUP_PHOTOS_OFF:
		rc = store_group_photos(c->a->db, gid,
		    web_num(c, "action") == VALID_GROUP_PHOTOS_ON);
		break;
	default:
		rc = store_group_archive(c->a->db, gid,
		    web_num(c, "action") == VALID_GROUP_ARCHIVE);
		break;
	}
	if (rc != STORE_OK) {
		web_store_fail(c, rc);
		return;
	}
	web_redirect_api(c, "/trainer/groups/%lld", gid);
}

/* ------------------------------------------------------------------ */
/* Progress as CSV */

void
trainer_csv(web_ctx *c)
{
	long long gid = c->id[0];
	const course *site = &c->a->site;
	store_group gr;
	char name[TRAINER_NAME_SIZE], code[TRAINER_CODE_SIZE];
	grid g;
	buf b, cell;
	int rc, k, i, done;

	if (S_group(c, gid, &gr, name, sizeof name, code, sizeof code) !=
	    STORE_OK)
		return;
	if ((rc = S_grid(c, gid, &g)) != STORE_OK) {
		S_grid_free(&g);
		web_store_fail(c, rc);
		return;
	}
	buf_init(&b, WEB_BIG_PAGE);
	buf_init(&cell, WEB_SMALL);
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
		web_day(&b, g.m[k].last_seen, 1);
		for (i = 0, done = 0; i < site->nl; i++) {
			long long at = g.at[(size_t)k * (size_t)g.nl +
			    (size_t)i];

			buf_putc(&b, ';');
			if (at != 0) {
				done++;
				web_day(&b, at, 1);
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
	S_grid_free(&g);
	buf_free(&cell);
	if (b.overflow) {
		buf_free(&b);
		web_fail(c, 500, msg("Tableau trop grand.", "Table too large."));
		return;
	}
	web_body(c, "text/csv; charset=utf-8", &b);
	http_header(c->res, "Content-Disposition: attachment; "
	    "filename=\"progression-groupe-%lld.csv\"", gid);
	buf_free(&b);
}

/* ------------------------------------------------------------------ */
/* Cards to come back, printed for the group or for one participant */

/* The members the cards are for: all of the group (pid 0) or one. */
static int
S_card_members(web_ctx *c, long long gid, long long pid, grid *g)
{
	int rc, k, n = 0;

	memset(g, 0, sizeof *g);
	g->c = c;
	if ((rc = store_members(c->a->db, gid, MAX_MEMBERS, S_member, g)) !=
	    STORE_OK) {
		S_grid_free(g);
		web_store_fail(c, rc);
		return -1;
	}
	for (k = 0; k < g->nm; k++)
		if (pid == 0 || g->m[k].pid == pid)
			g->m[n++] = g->m[k];
		else
			free(g->m[k].name);
	g->nm = n;
	if (pid != 0 && n == 0) {
		S_grid_free(g);
		web_not_found(c);
		return -1;
	}
	if (n > CARDS_MAX) {
		S_grid_free(g);
		web_fail(c, 400, msg("Plus de " CARDS_MAX_TEXT " personnes : "
		    "faites leurs cartes une par une, depuis la page du groupe.",
		    "More than " CARDS_MAX_TEXT " people: make their cards one "
		    "by one, from the group's page."));
		return -1;
	}
	return 0;
}

/* "Awa, Zoé" into b: the members who have a card already. */
static int
S_card_holders(buf *b, const grid *g)
{
	int k, n = 0;

	for (k = 0; k < g->nm; k++) {
		if (!g->m[k].has_card)
			continue;
		if (n++ > 0)
			buf_puts(b, ", ");
		web_esc(b, g->m[k].name);
	}
	return n;
}

/* The page's top: what it is, the group, and the way back. */
static void
S_cards_head(buf *b, const store_group *gr)
{
	buf_printf(b, "<div class=\"no-print\">\n<p class=\"kicker\">%s</p>\n"
	    "<h1>", msg("Cartes pour revenir", "Cards to come back"));
	web_esc(b, gr->name);
	buf_puts(b, "</h1>\n");
}

/* GET: who the cards would be for, and which cards they would replace;
 * the button that makes them. Showing it changes nothing. */
void
trainer_cards(web_ctx *c)
{
	long long gid = c->id[0], pid = web_num(c, "p");
	char name[TRAINER_NAME_SIZE], code[TRAINER_CODE_SIZE], path[64];
	store_group gr;
	grid g;
	buf b;
	int k;

	if (S_group(c, gid, &gr, name, sizeof name, code, sizeof code) !=
	    STORE_OK || S_card_members(c, gid, pid, &g) < 0)
		return;
	buf_init(&b, WEB_FORM_PAGE);
	S_cards_head(&b, &gr);
	buf_printf(&b, "<p>%s</p>\n", msg("Chaque carte porte le prénom, le "
	    "code du groupe, le code personnel de la personne et un code QR. "
	    "Avec elle, on revient à son parcours sur n'importe quel "
	    "téléphone, même sans appareil photo. Faire une carte donne un "
	    "nouveau code personnel : la carte d'avant ne marche plus.",
	    "Each card holds the first name, the group's code, the person's "
	    "personal code and a QR code. With it one comes back to one's "
	    "progress on any phone, even without a camera. Making a card "
	    "gives a new personal code: the card before it stops working."));
	if (g.nm == 0) {
		buf_printf(&b, "<p>%s</p>\n", msg("Personne n'a encore rejoint "
		    "ce groupe.", "Nobody joined this group yet."));
	} else {
		buf_printf(&b, "<p>%s ", g.nm > 1 ? msg("Cartes pour :",
		    "Cards for:") : msg("Carte pour :", "Card for:"));
		for (k = 0; k < g.nm; k++) {
			if (k > 0)
				buf_puts(&b, ", ");
			web_esc(&b, g.m[k].name);
		}
		buf_printf(&b, " (%d).</p>\n<p class=\"replaces\">", g.nm);
		buf_printf(&b, "%s ", msg("Elles remplacent les cartes d'avant "
		    "de :", "They replace the cards before of:"));
		if (S_card_holders(&b, &g) == 0)
			buf_puts(&b, msg("personne", "nobody"));
		buf_puts(&b, ".</p>\n");
		snprintf(path, sizeof path, "/groups/%lld/cards", gid);
		S_form(c, &b, "cards", path);
		if (pid != 0)
			buf_printf(&b, "<input type=\"hidden\" name=\"p\" "
			    "value=\"%lld\">\n", pid);
		buf_printf(&b, "<p><button type=\"submit\">%s</button></p>\n"
		    "</form>\n", g.nm > 1 ? msg("Faire les cartes et les "
		    "imprimer", "Make the cards and print them") :
		    msg("Faire la carte et l'imprimer", "Make the card and "
		    "print it"));
	}
	buf_puts(&b, "<p><a href=\"");
	web_api_link(c, &b, "/trainer/groups/%lld", gid);
	buf_printf(&b, "\">%s</a></p>\n</div>\n", msg("Retour au groupe",
	    "Back to the group"));
	S_grid_free(&g);
	web_page(c, 200, msg("Cartes pour revenir", "Cards to come back"),
	    b.data);
	buf_free(&b);
}

/* POST (the cards page, or "Nouvelle carte pour revenir" under one
 * participant): a new personal code for each, and the page of their
 * cards, eight to an A4 sheet; it says whose cards it replaced. Only
 * the codes' hashes are kept: the codes are shown here, once. */
static void
S_cards_make(web_ctx *c, long long gid, long long pid)
{
	char name[TRAINER_NAME_SIZE], code[TRAINER_CODE_SIZE];
	char fresh[AUTH_CODE_SIZE];
	store_group gr;
	grid g;
	buf b, cards;
	int k;

	if (S_group(c, gid, &gr, name, sizeof name, code, sizeof code) !=
	    STORE_OK || S_card_members(c, gid, pid, &g) < 0)
		return;
	buf_init(&cards, WEB_BIG_PAGE);
	for (k = 0; k < g.nm; k++) {
		if (participant_new_pcode(c, g.m[k].pid, fresh) != STORE_OK) {
			buf_free(&cards);
			S_grid_free(&g);
			web_store_fail(c, STORE_ERROR);
			return;
		}
		buf_puts(&cards, "<li>");
		participant_card_html(c, &cards, gr.code, g.m[k].name, fresh,
		    g.m[k].pid);
		buf_puts(&cards, "</li>\n");
	}
	sodium_memzero(fresh, sizeof fresh);
	buf_init(&b, WEB_BIG_PAGE);
	S_cards_head(&b, &gr);
	if (g.nm == 0) {
		buf_printf(&b, "<p>%s</p>\n", msg("Personne n'a encore rejoint "
		    "ce groupe.", "Nobody joined this group yet."));
	} else {
		buf_printf(&b, "<p>%s</p>\n<p class=\"replaces\">%s ",
		    msg("Imprimez cette page sur du papier A4 (8 cartes par "
		    "page) et découpez les cartes, ou laissez chacun·e prendre "
		    "sa carte en photo. Ses leçons et ses messages restent.",
		    "Print this page on A4 paper (8 cards a page) and cut the "
		    "cards out, or let each person take a photo of their card. "
		    "Their lessons and messages stay."),
		    msg("Ces cartes remplacent les cartes d'avant de :",
		    "These cards replace the cards before of:"));
		if (S_card_holders(&b, &g) == 0)
			buf_puts(&b, msg("personne", "nobody"));
		buf_puts(&b, ".</p>\n");
	}
	buf_puts(&b, "<p><a href=\"");
	if (pid != 0)
		web_api_link(c, &b, "/trainer/groups/%lld#p%lld", gid, pid);
	else
		web_api_link(c, &b, "/trainer/groups/%lld", gid);
	buf_printf(&b, "\">%s</a></p>\n</div>\n<ul class=\"cards-qr\">\n%s"
	    "</ul>\n", msg("Retour au groupe", "Back to the group"),
	    cards.data ? cards.data : "");
	S_grid_free(&g);
	web_page(c, 200, msg("Cartes pour revenir", "Cards to come back"),
	    b.data);
	buf_free(&b);
	sodium_memzero(cards.data, cards.len);
	buf_free(&cards);
}

void
trainer_cards_post(web_ctx *c)
{
	S_cards_make(c, c->id[0], web_num(c, "p"));
}

/* ------------------------------------------------------------------ */
/* Moderation */

typedef struct mod_ctx {
	web_ctx *c;
	buf *b;
	long long gid;
	int n;
} mod_ctx;

static void
S_mod_button(buf *b, const char *action, const char *label)
{
	buf_printf(b, "<button type=\"submit\" name=\"action\" value=\"%s\">"
	    "%s</button>\n", action, label);
}

static int
S_mod_one(void *p, const store_msg *m)
{
	mod_ctx *x = p;
	web_ctx *c = x->c;
	const course_item *l = course_lesson(&c->a->site, m->lesson);
	char path[TRAINER_PATH_SIZE];

	x->n++;
	buf_printf(x->b, "<article class=\"message message-%s\">\n"
	    "<p class=\"message-meta\"><strong>", m->kind);
	web_esc(x->b, m->erased ? msg("Message supprimé", "Deleted message") :
	    m->tid != 0 && *m->author == '\0' ? msg("Formatrice ou formateur",
	    "Trainer") : m->author);
	buf_puts(x->b, "</strong> · ");
	web_date(x->b, m->created);
	if (l != NULL) {
		buf_printf(x->b, " · %s ", msg("sur", "on"));
		web_esc(x->b, l->title);
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
	if (m->erased)
		buf_printf(x->b, "<p class=\"message-erased\">%s</p>\n",
		    msg("message supprimé", "message deleted"));
	else
		web_render_text(x->b, m->body);
	/* Its photo, which moderation covers too: hidden or deleted with
	 * the message (the trainers still see a hidden one). */
	if (m->photo != 0 && !m->erased) {
		buf_puts(x->b, "<p class=\"photo\"><img src=\"");
		web_api_link(c, x->b, "/trainer/groups/%lld/photos/%lld",
		    x->gid, m->photo);
		buf_printf(x->b, "\" width=\"%d\" height=\"%d\" alt=\"",
		    m->photo_w, m->photo_h);
		if (*m->photo_alt != '\0')
			web_esc(x->b, m->photo_alt);
		else if (*m->author == '\0')
			buf_puts(x->b, msg("Photo envoyée par l'équipe de "
			    "formation", "Photo sent by the trainers"));
		else {
			buf_puts(x->b, msg("Photo envoyée par ",
			    "Photo sent by "));
			web_esc(x->b, m->author);
		}
		buf_puts(x->b, "\" loading=\"lazy\" decoding=\"async\"></p>\n");
	}
	if (l != NULL && !m->erased && m->state == STORE_MSG_SHOWN) {
		buf_puts(x->b, "<p><a href=\"");
		web_api_link(c, x->b, "/trainer/groups/%lld/talk?lesson=",
		    x->gid);
		web_esc(x->b, l->id);
		buf_printf(x->b, "&amp;reply=%lld#reponse\">%s</a></p>\n",
		    m->id, msg("Répondre", "Reply"));
	}
	snprintf(path, sizeof path, "/groups/%lld/messages", x->gid);
	S_form(c, x->b, "moderate", path);
	buf_printf(x->b, "<input type=\"hidden\" name=\"msg\" value=\"%lld\">\n"
	    "<p>", m->id);
	if (m->state == STORE_MSG_HELD)
		S_mod_button(x->b, "approve", msg("Valider", "Approve"));
	else if (m->state == STORE_MSG_HIDDEN)
		S_mod_button(x->b, "show", msg("Afficher de nouveau",
		    "Show again"));
	else
		S_mod_button(x->b, "hide", msg("Masquer", "Hide"));
	if (m->reports > 0 && m->state == STORE_MSG_SHOWN)
		S_mod_button(x->b, "dismiss", msg("Garder (ignorer le "
		    "signalement)", "Keep (dismiss the report)"));
	S_mod_button(x->b, "delete", msg("Supprimer", "Delete"));
	buf_puts(x->b, "</p>\n</form>\n</article>\n");
	return 0;
}

static int
S_mod_section(web_ctx *c, buf *b, long long gid, int which, const char *title,
	const char *none)
{
	mod_ctx x;
	int rc;

	buf_printf(b, "<h2>%s</h2>\n", title);
	x.c = c;
	x.b = b;
	x.gid = gid;
	x.n = 0;
	if ((rc = store_mod_list(c->a->db, gid, which, MOD_LIMIT, S_mod_one,
	    &x)) != STORE_OK)
		return rc;
	if (x.n == 0)
		buf_printf(b, "<p>%s</p>\n", none);
	return STORE_OK;
}

void
trainer_messages(web_ctx *c)
{
	long long gid = c->id[0];
	store_group gr;
	char name[TRAINER_NAME_SIZE], code[TRAINER_CODE_SIZE];
	buf b;
	int rc;

	if (S_group(c, gid, &gr, name, sizeof name, code, sizeof code) !=
	    STORE_OK)
		return;
	buf_init(&b, WEB_BIG_PAGE);
	buf_printf(&b, "<p class=\"kicker\">%s</p>\n<h1>", msg("Messages du "
	    "groupe", "Group messages"));
	web_esc(&b, gr.name);
	buf_puts(&b, "</h1>\n<p><a href=\"");
	web_api_link(c, &b, "/trainer/groups/%lld", gid);
	buf_printf(&b, "\">%s</a></p>\n", msg("Retour au groupe",
	    "Back to the group"));
	if ((rc = S_mod_section(c, &b, gid, STORE_MOD_REPORTED,
	    msg("Messages signalés", "Reported messages"),
	    msg("Aucun message signalé.", "No reported message."))) !=
	    STORE_OK || (rc = S_mod_section(c, &b, gid, STORE_MOD_HELD,
	    msg("En attente de validation (liens)", "Waiting for approval "
	    "(links)"), msg("Aucun message en attente.", "No message "
	    "waiting."))) != STORE_OK || (rc = S_mod_section(c, &b, gid,
	    STORE_MOD_ALL, msg("Tous les messages (les 100 derniers)",
	    "All messages (the latest 100)"), msg("Pas encore de message.",
	    "No message yet."))) != STORE_OK) {
		buf_free(&b);
		web_store_fail(c, rc);
		return;
	}
	web_page(c, 200, msg("Messages du groupe", "Group messages"), b.data);
	buf_free(&b);
}

/* "Supprimer ce message ?": the page before store_mod_delete. */
static void
S_confirm_mod_delete(web_ctx *c, long long gid, long long mid)
{
	web_confirm_page p = { 0 };
	char action[TRAINER_PATH_SIZE], back[WEB_SMALL], id[32];
	buf b;

	buf_init(&b, WEB_SMALL);
	/* store_mod_delete deletes: its answers go with it (cascade). */
	buf_printf(&b, "<p>%s</p>\n<p>%s</p>\n", msg("Si vous continuez, ce "
	    "message, sa photo et les réponses qu'il a reçues sont effacés "
	    "pour toujours, pour tout le groupe.", "If you go on, this "
	    "message, its photo and the answers it got are erased for ever, "
	    "for the whole group."),
	    msg("Pour le cacher sans l'effacer, choisissez plutôt « Masquer ».",
	    "To hide it without erasing it, choose \"Hide\" instead."));
	snprintf(action, sizeof action, "/trainer/groups/%lld/messages", gid);
	snprintf(back, sizeof back, "%s/trainer/groups/%lld/messages",
	    c->a->site.api, gid);
	snprintf(id, sizeof id, "%lld", mid);
	p.title = msg("Supprimer ce message ?", "Delete this message?");
	p.lost = b.data;
	p.action = action;
	p.hidden[0].name = "msg";
	p.hidden[0].value = id;
	p.hidden[1].name = "action";
	p.hidden[1].value = "delete";
	p.go = msg("Oui, supprimer", "Yes, delete");
	p.keep = msg("Non, garder le message", "No, keep the message");
	p.back = back;
	web_confirm(c, &p);
	buf_free(&b);
}

void
trainer_messages_post(web_ctx *c)
{
	long long gid = c->id[0];
	long long mid = web_num(c, "msg");
	store_group gr;
	char name[TRAINER_NAME_SIZE], code[TRAINER_CODE_SIZE];
	int rc;

	if (S_group(c, gid, &gr, name, sizeof name, code, sizeof code) !=
	    STORE_OK)
		return;
	switch (web_num(c, "action")) {
	case VALID_MOD_HIDE:
		rc = store_mod_state(c->a->db, mid, gid, STORE_MSG_HIDDEN);
		break;
	case VALID_MOD_SHOW:
	case VALID_MOD_APPROVE:
		rc = store_mod_state(c->a->db, mid, gid, STORE_MSG_SHOWN);
		break;
	case VALID_MOD_DELETE:
		if (!web_confirmed(c)) {
			S_confirm_mod_delete(c, gid, mid);
			return;
		}
		rc = store_mod_delete(c->a->db, mid, gid);
		break;
	default:
		rc = store_mod_dismiss(c->a->db, mid, gid);
		break;
	}
	if (rc == STORE_NONE) {
		web_not_found(c);
		return;
	}
	if (rc != STORE_OK) {
		web_store_fail(c, rc);
		return;
	}
	web_redirect_api(c, "/trainer/groups/%lld/messages", gid);
}

/* ------------------------------------------------------------------ */
/* The group's conversation, as a trainer (talk.c) */

static int
S_talk_view(web_ctx *c, talk_view *v, store_group *gr, char *path,
	size_t pathsz, char *name, size_t namesz)
{
	char code[TRAINER_CODE_SIZE];

	if (S_group(c, c->id[0], gr, name, namesz, code, sizeof code) !=
	    STORE_OK)
		return -1;
	memset(v, 0, sizeof *v);
	v->gid = c->id[0];
	v->tid = c->tid;
	v->photos = gr->photos;
	v->group = gr->name;
	snprintf(path, pathsz, "/trainer/groups/%lld/talk", v->gid);
	v->home = path;
	return 0;
}

void
trainer_talk(web_ctx *c)
{
	char path[TRAINER_PATH_SIZE], name[TRAINER_NAME_SIZE];
	store_group gr;
	talk_view v;

	if (S_talk_view(c, &v, &gr, path, sizeof path, name, sizeof name) == 0)
		talk_discussion(c, &v, web_lesson(c, "lesson"));
}

void
trainer_talk_post(web_ctx *c)
{
	char path[TRAINER_PATH_SIZE], name[TRAINER_NAME_SIZE];
	store_group gr;
	talk_view v;

	if (S_talk_view(c, &v, &gr, path, sizeof path, name, sizeof name) == 0)
		talk_post(c, &v, web_lesson(c, "lesson"));
}

void
trainer_talk_invalid(web_ctx *c, int status, const char *why)
{
	char path[TRAINER_PATH_SIZE], name[TRAINER_NAME_SIZE];
	store_group gr;
	talk_view v;

	if (status != 400 || c->req->nfiles == 0 ||
	    c->role != WEB_ROLE_TRAINER) {
		web_fail(c, status, why);
		return;
	}
	if (S_talk_view(c, &v, &gr, path, sizeof path, name, sizeof name) == 0)
		talk_refused(c, &v, web_lesson(c, "lesson"), why);
}

/* A photo of one of my groups; 404 to anyone else, no session too. */
void
trainer_photo(web_ctx *c)
{
	char name[TRAINER_NAME_SIZE], code[TRAINER_CODE_SIZE];
	store_group gr;
	talk_view v;

	if (c->role != WEB_ROLE_TRAINER) {
		web_not_found(c);
		return;
	}
	if (S_group(c, c->id[0], &gr, name, sizeof name, code, sizeof code) !=
	    STORE_OK)
		return;
	memset(&v, 0, sizeof v);
	v.gid = c->id[0];
	v.tid = c->tid;
	talk_photo(c, &v, c->id[1]);
}

/* ------------------------------------------------------------------ */
/* One participant: rename, remove, export */

static int
S_participant(web_ctx *c, long long gid, long long pid, store_who *who)
{
	store_group gr;
	char name[TRAINER_NAME_SIZE], code[TRAINER_CODE_SIZE];
	int rc;

	if (S_group(c, gid, &gr, name, sizeof name, code, sizeof code) !=
	    STORE_OK)
		return STORE_NONE;
	rc = store_member_get(c->a->db, gid, pid, who);
	if (rc == STORE_NONE)
		web_not_found(c);
	else if (rc != STORE_OK)
		web_store_fail(c, rc);
	return rc;
}

/* "Retirer et effacer ses données ?": the page before store_forget. */
static void
S_confirm_remove(web_ctx *c, long long gid, const store_who *who)
{
	web_confirm_page p = { 0 };
	char action[TRAINER_PATH_SIZE], back[WEB_SMALL];
	buf b;

	buf_init(&b, WEB_SMALL);
	buf_printf(&b, "<p>%s <strong>", msg("Si vous continuez,",
	    "If you go on,"));
	web_esc(&b, who->name);
	buf_printf(&b, "</strong> %s</p>\n<ul>\n<li>%s</li>\n<li>%s</li>\n"
	    "<li>%s</li>\n</ul>\n<p>%s</p>\n", msg("quitte le groupe et tout "
	    "ceci est effacé pour toujours :", "leaves the group and all of "
	    "this is erased for ever:"), msg("son prénom et ses leçons "
	    "terminées ;", "their first name and lessons done;"),
	    msg("ses messages et ses photos (le groupe verra « message "
	    "supprimé ») ;", "their messages and photos (the group will see "
	    "\"message deleted\");"), msg("sa carte et ses connexions.",
	    "their card and sessions."), msg("On ne peut pas revenir en "
	    "arrière. Pour garder une trace, téléchargez d'abord ses données.",
	    "This cannot be undone. To keep a record, download their data "
	    "first."));
	snprintf(action, sizeof action, "/trainer/groups/%lld/participants/"
	    "%lld", gid, who->pid);
	snprintf(back, sizeof back, "%s/trainer/groups/%lld#p%lld",
	    c->a->site.api, gid, who->pid);
	p.title = msg("Retirer et effacer ses données ?",
	    "Remove and erase their data?");
	p.lost = b.data;
	p.action = action;
	p.hidden[0].name = "action";
	p.hidden[0].value = "remove";
	p.go = msg("Oui, retirer et tout effacer",
	    "Yes, remove and erase everything");
	p.keep = msg("Non, garder cette personne", "No, keep this person");
	p.back = back;
	web_confirm(c, &p);
	buf_free(&b);
}

/* Merging two participants (one person who joined twice), in three
 * steps, each a POST: choose whom to merge with (a list of the
 * others), then a page that says what happens (the safe choice first),
 * then merge with confirm=1. */
typedef struct merge_ctx {
	web_ctx *c;
	buf *b;
	long long pid;
	int n;
} merge_ctx;

static int
S_merge_choice(void *p, const store_member *m)
{
	merge_ctx *x = p;

	if (m->pid == x->pid)
		return 0;
	buf_printf(x->b, "<li><label><input type=\"radio\" name=\"into\" "
	    "value=\"%lld\" required> ", m->pid);
	web_esc(x->b, m->name);
	buf_puts(x->b, "</label></li>\n");
	x->n++;
	return 0;
}

static void
S_merge(web_ctx *c, long long gid, long long pid, const store_who *who)
{
	long long into = web_num(c, "into");
	char path[TRAINER_PATH_SIZE];
	store_who other;
	merge_ctx x = { c, NULL, pid, 0 };
	buf b;
	int rc;

	snprintf(path, sizeof path, "/groups/%lld/participants/%lld", gid,
	    pid);
	if (into != 0 && web_confirmed(c)) {
		if ((rc = store_merge(c->a->db, gid, pid, into)) == STORE_NONE)
			web_not_found(c);
		else if (rc != STORE_OK)
			web_store_fail(c, rc);
		else
			web_redirect_api(c, "/trainer/groups/%lld#p%lld", gid,
			    into);
		return;
	}
	if (into != 0 && (into == pid || (rc = store_member_get(c->a->db, gid,
	    into, &other)) == STORE_NONE)) {
		web_not_found(c);
		return;
	}
	if (into != 0 && rc != STORE_OK) {
		web_store_fail(c, rc);
		return;
	}
	buf_init(&b, WEB_LIST_PAGE);
	x.b = &b;
	buf_printf(&b, "<p class=\"kicker\">%s</p>\n<h1>", msg("Fusionner "
	    "deux participants", "Merge two participants"));
	web_esc(&b, who->name);
	buf_puts(&b, "</h1>\n");
	S_form(c, &b, "merge", path);
	buf_puts(&b, "<input type=\"hidden\" name=\"action\" "
	    "value=\"merge\">\n");
	if (into == 0) {
		buf_printf(&b, "<fieldset>\n<legend>%s</legend>\n"
		    "<ul class=\"people\">\n", msg("C'est la même personne "
		    "que :", "It is the same person as:"));
		if ((rc = store_members(c->a->db, gid, MAX_MEMBERS,
		    S_merge_choice, &x)) != STORE_OK) {
			buf_free(&b);
			web_store_fail(c, rc);
			return;
		}
		buf_printf(&b, "</ul>\n</fieldset>\n<p><button type=\"submit\">%s"
		    "</button></p>\n</form>\n", msg("Continuer", "Continue"));
	} else {
		web_confirm_page cp = { 0 };
		char back[WEB_SMALL], into_s[24];

		/* What happens, on the shared confirmation page. */
		buf_reset(&b);
		buf_printf(&b, "<p>%s <strong>", msg("Tout ce qu'a fait",
		    "Everything"));
		web_esc(&b, who->name);
		buf_printf(&b, "</strong> %s <strong>", msg("passe à", "did goes "
		    "to"));
		web_esc(&b, other.name);
		buf_printf(&b, "</strong> : %s <strong>", msg("ses leçons terminées "
		    "(comptées une fois), ses messages et leurs photos, ses "
		    "réactions et ses appareils. Ensuite,", "their lessons done "
		    "(counted once), their messages and photos, their reactions "
		    "and their devices. Then,"));
		web_esc(&b, who->name);
		buf_printf(&b, "</strong> %s</p>\n", msg("n'existe plus dans le "
		    "groupe. On ne peut pas revenir en arrière.", "no longer "
		    "exists in the group. It cannot be undone."));
		snprintf(back, sizeof back, "%s/trainer/groups/%lld#p%lld",
		    c->a->site.api, gid, pid);
		snprintf(into_s, sizeof into_s, "%lld", into);
		cp.title = msg("Fusionner deux participants ?", "Merge two "
		    "participants?");
		cp.lost = b.data;
		cp.action = path;
		cp.hidden[0].name = "action";
		cp.hidden[0].value = "merge";
		cp.hidden[1].name = "into";
		cp.hidden[1].value = into_s;
		cp.go = msg("Fusionner", "Merge");
		cp.keep = msg("Annuler", "Cancel");
		cp.back = back;
		web_confirm(c, &cp);
		buf_free(&b);
		return;
	}
	if (into == 0 && x.n == 0) {
		buf_free(&b);
		web_fail(c, 400, msg("Personne d'autre dans le groupe.",
		    "Nobody else in the group."));
		return;
	}
	web_page(c, 200, msg("Fusionner deux participants", "Merge two "
	    "participants"), b.data);
	buf_free(&b);
}

void
trainer_participant_post(web_ctx *c)
{
	long long gid = c->id[0], pid = c->id[1];
	const char *name = web_str(c, "name");
	store_who who;
	int rc;

	if (S_participant(c, gid, pid, &who) != STORE_OK)
		return;
	if (web_num(c, "action") == VALID_MEMBER_REMOVE &&
	    !web_confirmed(c)) {
		S_confirm_remove(c, gid, &who);
		return;
	}
	if (web_num(c, "action") == VALID_MEMBER_CARD) {
		S_cards_make(c, gid, pid);
		return;
	}
	if (web_num(c, "action") == VALID_MEMBER_MERGE) {
		S_merge(c, gid, pid, &who);
		return;
	}
	if (web_num(c, "action") == VALID_MEMBER_REMOVE) {
		rc = store_forget(c->a->db, pid);
	} else if (name == NULL) {
		web_fail(c, 400, msg("Un prénom fait de 1 à 40 lettres, sans "
		    "caractère invisible.", "A first name is 1 to 40 letters, "
		    "with no invisible character."));
		return;
	} else if ((rc = store_member_rename(c->a->db, gid, pid, name)) ==
	    STORE_TAKEN) {
		web_fail(c, 400, msg("Ce prénom est déjà pris dans le groupe.",
		    "This first name is already taken in the group."));
		return;
	}
	if (rc != STORE_OK) {
		web_store_fail(c, rc);
		return;
	}
	web_redirect_api(c, "/trainer/groups/%lld", gid);
}

void
trainer_participant_export(web_ctx *c)
{
	long long gid = c->id[0], pid = c->id[1];
	store_who who;
	buf b;
	int rc;

	if (S_participant(c, gid, pid, &who) != STORE_OK)
		return;
	buf_init(&b, WEB_BIG_PAGE);
	if ((rc = export_participant(c->a->db, &b, &who)) != STORE_OK ||
	    b.overflow) {
		buf_free(&b);
		web_store_fail(c, rc != STORE_OK ? rc : STORE_ERROR);
		return;
	}
	web_body(c, "application/json", &b);
	http_header(c->res, "Content-Disposition: attachment; "
	    "filename=\"donnees-participant-%lld.json\"", pid);
	buf_free(&b);
}

