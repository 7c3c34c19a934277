#include "follow.h"

#include <stdlib.h>
#include <string.h>

#include "../common/msg.h"
#include "../common/text.h"
#include "valid.h"

#define DAY (24 * 3600LL)          /* seconds */
#define FOLLOW_MAX_MEMBERS 500     /* participants of a group shown */
#define FOLLOW_QUESTION_HOURS 48   /* a question unanswered this long */
#define FOLLOW_MAX_QUESTIONS 20    /* of them, listed */
#define FOLLOW_MAX_MESSAGES 50     /* a participant's, on her page */
#define FOLLOW_EXCERPT 120         /* bytes of a message shown */
#define FOLLOW_NAME_SIZE STORE_NAME_SIZE
#define FOLLOW_CODE_SIZE 16        /* a join code, copied */
#define FOLLOW_PATH_SIZE 128       /* a path of the trainer space */
#define FOLLOW_MAX_GROUPS 100      /* groups on "Messages" */

/* ------------------------------------------------------------------ */
/* A group's participants and what they did */

typedef struct person {
	long long pid;
	char *name;
	long long joined;    /* unix time */
	long long at;        /* last activity (done, message), 0: none */
	long long last_done; /* her latest lesson done, 0: none */
	int last_lesson;     /* its index in the course, -1: none */
} person;

typedef struct group_data {
	web_ctx *c;
	long long gid;
	int idle_days;       /* groups.idle_days */
	person *p;           /* by name */
	int np;
	long long *done;     /* np × nl: when lesson l was done, or 0 */
	int nl;
} group_data;

static int
S_person(void *arg, const store_member *m)
{
	group_data *g = arg;
	person *p;

	g->p = mem_alloc(g->p, ((size_t)g->np + 1) * sizeof *g->p);
	p = &g->p[g->np++];
	memset(p, 0, sizeof *p);
	p->pid = m->pid;
	p->name = mem_strdup(m->name);
	p->joined = m->created;
	p->last_lesson = -1;
	return 0;
}

static person *
S_find(group_data *g, long long pid, int *k)
{
	int i;

	for (i = 0; i < g->np; i++)
		if (g->p[i].pid == pid) {
			*k = i;
			return &g->p[i];
		}
	return NULL;
}

static int
S_done(void *arg, long long pid, const char *lesson, long long at)
{
	group_data *g = arg;
	const course_item *l = course_lesson(&g->c->a->site, lesson);
	person *p;
	int k, i;

	if (l == NULL || (p = S_find(g, pid, &k)) == NULL)
		return 0;
	i = course_index(&g->c->a->site, l);
	g->done[(size_t)k * (size_t)g->nl + (size_t)i] = at;
	if (at > p->last_done) {
		p->last_done = at;
		p->last_lesson = i;
	}
	return 0;
}

static int
S_activity(void *arg, long long pid, long long joined, long long at)
{
	group_data *g = arg;
	person *p;
	int k;

	(void)joined;
	if ((p = S_find(g, pid, &k)) != NULL)
		p->at = at;
	return 0;
}

static void
S_data_free(group_data *g)
{
	int i;

	for (i = 0; i < g->np; i++)
		free(g->p[i].name);
	free(g->p);
	free(g->done);
	memset(g, 0, sizeof *g);
}

static int
S_data(web_ctx *c, long long gid, group_data *g)
{
	size_t n;
	int rc;

	memset(g, 0, sizeof *g);
	g->c = c;
	g->gid = gid;
	g->nl = c->a->site.nl;
	g->idle_days = STORE_IDLE_DAYS;
	if ((rc = store_group_idle(c->a->db, gid, &g->idle_days)) !=
	    STORE_OK || (rc = store_members(c->a->db, gid,
	    FOLLOW_MAX_MEMBERS, S_person, g)) != STORE_OK)
		return rc;
	n = (size_t)g->np * (size_t)g->nl + 1;
	g->done = mem_alloc(NULL, n * sizeof *g->done);
	memset(g->done, 0, n * sizeof *g->done);
	if ((rc = store_group_done(c->a->db, gid, S_done, g)) != STORE_OK)
		return rc;
	return store_group_activity(c->a->db, gid, S_activity, g);
}

/* Lessons of module m done by person k, and the module's lessons. */
static int
S_module_done(const group_data *g, int k, int m, int *total)
{
	const course *site = &g->c->a->site;
	int i, n = 0;

	*total = 0;
	for (i = 0; i < site->nl; i++) {
		if (site->l[i].module_index != m)
			continue;
		(*total)++;
		n += g->done[(size_t)k * (size_t)g->nl + (size_t)i] != 0;
	}
	return n;
}

/* ------------------------------------------------------------------ */
/* Pieces */

/* <form method="post" action="<api>/trainer…"> with the token. */
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

/* The group of the path, if this trainer follows it; else answered
 * (404, or the store's failure). */
static int
S_group(web_ctx *c, long long gid, store_group *g, char *name,
	size_t namesz, char *code, size_t codesz)
{
	int rc = store_trainer_group(c->a->db, c->tid, gid, g, name, namesz,
	    code, codesz);

	if (rc == STORE_NONE)
		web_not_found(c);
	else if (rc != STORE_OK)
		web_store_fail(c, rc);
	return rc;
}

static void
S_person_link(const web_ctx *c, buf *b, long long gid, long long pid)
{
	web_api_link(c, b, "/trainer/groups/%lld/participants/%lld", gid, pid);
}

/* A message's first words, on one line, cut at a character. */
static void
S_excerpt(buf *b, const char *body)
{
	buf one;
	size_t n = strlen(body), cut = n, len;
	const char *s;

	if (n > FOLLOW_EXCERPT) {
		cut = 0;
		for (s = body; (size_t)(s - body) < FOLLOW_EXCERPT; s += len) {
			if (utf8_decode(s, n - (size_t)(s - body), &len) == 0 ||
			    len == 0)
				break;
			if ((size_t)(s - body) + len > FOLLOW_EXCERPT)
				break;
			cut = (size_t)(s - body) + len;
		}
	}
	buf_init(&one, WEB_SMALL);
	for (s = body; (size_t)(s - body) < cut; s++)
		buf_putc(&one, *s == '\n' || *s == '\r' || *s == '\t' ? ' ' :
		    *s);
	web_esc(b, one.data);
	if (cut < n)
		buf_puts(b, "…");
	buf_free(&one);
}

/* Whole days from t to now. */
static long long
S_days(const web_ctx *c, long long t)
{
	return t >= c->now ? 0 : (c->now - t) / DAY;
}

static void
S_days_text(buf *b, long long days)
{
	if (days <= 1)
		buf_printf(b, "%lld %s", days, msg("jour", "day"));
	else
		buf_printf(b, "%lld %s", days, msg("jours", "days"));
}

/* "2 leçons sur 4". */
static void
S_lessons_of(buf *b, int done, int total)
{
	buf_printf(b, "%d %s %d", done, done > 1 ? msg("leçons sur",
	    "lessons of") : msg("leçon sur", "lesson of"), total);
}

/* ------------------------------------------------------------------ */
/* "Qui a besoin d'aide": one function a rule, in S_rules */

typedef struct help_ctx {
	web_ctx *c;
	const group_data *g;
	buf *b;
	int n;               /* items written */
} help_ctx;

/* Not doing anything for the group's N days: since her last activity,
 * or since she joined when she has done nothing yet. */
static int
S_is_idle(const help_ctx *x, const person *p)
{
	long long since = p->at > p->joined ? p->at : p->joined;

	return x->c->now - since >= (long long)x->g->idle_days * DAY;
}

/* She stopped in the middle of a module: her latest lesson done is in
 * a module she has not finished, and she has done no lesson for half
 * the group's N days (rounded up). The module in *m, its counts. */
static int
S_is_stopped(const help_ctx *x, int k, int *m, int *done, int *total)
{
	const person *p = &x->g->p[k];
	long long wait = ((long long)x->g->idle_days + 1) / 2 * DAY;

	if (p->last_lesson < 0 || x->c->now - p->last_done < wait)
		return 0;
	*m = x->c->a->site.l[p->last_lesson].module_index;
	*done = S_module_done(x->g, k, *m, total);
	return *done > 0 && *done < *total;
}

static void
S_item_start(help_ctx *x, const char *cls, long long pid)
{
	if (x->n++ == 0)
		buf_puts(x->b, "<ul class=\"help-list\">\n");
	buf_printf(x->b, "<li class=\"%s\"><a href=\"", cls);
	S_person_link(x->c, x->b, x->g->gid, pid);
	buf_puts(x->b, "\">");
}

static int
S_rule_idle(help_ctx *x)
{
	const course *site = &x->c->a->site;
	int k, m, done, total;

	for (k = 0; k < x->g->np; k++) {
		const person *p = &x->g->p[k];

		if (!S_is_idle(x, p))
			continue;
		S_item_start(x, "help-idle", p->pid);
		web_esc(x->b, p->name);
		buf_puts(x->b, "</a> : ");
		if (p->at == 0) {
			buf_puts(x->b, msg("rien fait depuis son arrivée, il y "
			    "a ", "nothing done since joining, "));
			S_days_text(x->b, S_days(x->c, p->joined));
			buf_puts(x->b, msg("", " ago"));
		} else {
			buf_puts(x->b, msg("rien fait depuis ",
			    "nothing done for "));
			S_days_text(x->b, S_days(x->c, p->at));
			buf_puts(x->b, msg(" (dernière activité le ",
			    " (last activity on "));
			web_day(x->b, p->at, 0);
			buf_puts(x->b, ")");
		}
		if (S_is_stopped(x, k, &m, &done, &total)) {
			buf_puts(x->b, msg(" ; arrêt au milieu du module « ",
			    "; stopped in the middle of the module \""));
			web_esc(x->b, site->m[m].title);
			buf_puts(x->b, msg(" » (", "\" ("));
			S_lessons_of(x->b, done, total);
			buf_puts(x->b, ")");
		}
		buf_puts(x->b, ".</li>\n");
	}
	return STORE_OK;
}

static int
S_rule_stopped(help_ctx *x)
{
	const course *site = &x->c->a->site;
	int k, m, done, total;

	for (k = 0; k < x->g->np; k++) {
		const person *p = &x->g->p[k];

		/* Listed as idle already, with the module. */
		if (S_is_idle(x, p) || !S_is_stopped(x, k, &m, &done,
		    &total))
			continue;
		S_item_start(x, "help-stopped", p->pid);
		web_esc(x->b, p->name);
		buf_puts(x->b, msg("</a> : arrêt au milieu du module « ",
		    "</a>: stopped in the middle of the module \""));
		web_esc(x->b, site->m[m].title);
		buf_puts(x->b, msg(" » (", "\" ("));
		S_lessons_of(x->b, done, total);
		buf_puts(x->b, msg(", aucune leçon terminée depuis le ",
		    ", no lesson done since "));
		web_day(x->b, p->last_done, 0);
		buf_puts(x->b, ").</li>\n");
	}
	return STORE_OK;
}

static int
S_question(void *arg, const store_msg *m)
{
	help_ctx *x = arg;
	const course_item *l = course_lesson(&x->c->a->site, m->lesson);

	if (x->n++ == 0)
		buf_puts(x->b, "<ul class=\"help-list\">\n");
	buf_printf(x->b, "<li class=\"help-question\" data-msg=\"%lld\">"
	    "<a href=\"", m->id);
	if (l != NULL) {
		web_api_link(x->c, x->b, "/trainer/groups/%lld/talk?lesson=",
		    x->g->gid);
		web_esc(x->b, l->id);
		buf_printf(x->b, "#m%lld", m->id);
	} else {
		S_person_link(x->c, x->b, x->g->gid, m->pid);
	}
	buf_printf(x->b, "\">%s ", msg("Question de", "Question from"));
	web_esc(x->b, m->author);
	buf_printf(x->b, "</a> %s ", msg("sans réponse depuis",
	    "unanswered for"));
	S_days_text(x->b, S_days(x->c, m->created));
	if (l != NULL) {
		buf_printf(x->b, " (%s « ", msg("leçon", "lesson"));
		web_esc(x->b, l->title);
		buf_puts(x->b, msg(" »)", "\")"));
	}
	buf_puts(x->b, " : « ");
	S_excerpt(x->b, m->body);
	buf_puts(x->b, " ».</li>\n");
	return 0;
}

static int
S_rule_question(help_ctx *x)
{
	return store_unanswered(x->c->a->db, x->g->gid, x->c->now -
	    FOLLOW_QUESTION_HOURS * 3600LL, FOLLOW_MAX_QUESTIONS, S_question,
	    x);
}

/* A quiz question she got wrong twice and not right since (cgi/quiz.c,
 * store_quiz_struggling). */
static void
S_quiz_item(void *arg, long long pid, const char *lesson,
	const char *question)
{
	help_ctx *x = arg;
	const course_item *l = course_lesson(&x->c->a->site, lesson);
	const course_quiz *z = l != NULL ? course_quiz_find(&x->c->a->site, l,
	    question) : NULL;
	person *p;
	int k;

	if ((p = S_find((group_data *)x->g, pid, &k)) == NULL)
		return;
	S_item_start(x, "help-quiz", pid);
	web_esc(x->b, p->name);
	buf_puts(x->b, msg("</a> : s'est trompé deux fois à la question « ",
	    "</a>: wrong twice at the question \""));
	web_esc(x->b, z != NULL ? z->text : question);
	buf_puts(x->b, msg(" » du quiz", "\" of the quiz"));
	if (l != NULL) {
		buf_puts(x->b, msg(" de la leçon « ", " of the lesson \""));
		web_esc(x->b, l->title);
		buf_puts(x->b, msg(" »", "\""));
	}
	buf_puts(x->b, ".</li>\n");
}

static int
S_rule_quiz(help_ctx *x)
{
	return store_quiz_struggling(x->c->a->db, x->g->gid, S_quiz_item, x);
}

/* The rules, in the order the list shows them: adding one is a line
 * here and its function above. */
static int (*const S_rules[])(help_ctx *) = {
	S_rule_idle,
	S_rule_question,
	S_rule_stopped,
	S_rule_quiz,
};

static int
S_help(web_ctx *c, buf *b, const group_data *g)
{
	help_ctx x = { c, g, b, 0 };
	size_t i;
	int rc;

	buf_printf(b, "<section class=\"help no-print\" "
	    "aria-labelledby=\"aide\">\n<h2 id=\"aide\">%s</h2>\n",
	    msg("Qui a besoin d'aide", "Who needs help"));
	for (i = 0; i < sizeof S_rules / sizeof S_rules[0]; i++)
		if ((rc = S_rules[i](&x)) != STORE_OK)
			return rc;
	if (x.n > 0)
		buf_puts(b, "</ul>\n");
	else
		buf_printf(b, "<p>%s</p>\n", msg("Personne pour le moment.",
		    "Nobody for now."));
	buf_printf(b, "<p class=\"meta\">%s ", msg("Rien fait :", "Nothing "
	    "done:"));
	S_days_text(b, g->idle_days);
	buf_printf(b, " %s</p>\n</section>\n", msg("sans terminer de leçon "
	    "ni écrire de message (réglage du groupe, plus bas). Une question "
	    "est signalée après 48 h sans réponse.", "without finishing a "
	    "lesson or writing a message (the group's setting, below). A "
	    "question shows after 48 h without an answer."));
	return STORE_OK;
}

/* ------------------------------------------------------------------ */
/* The overview: participants × modules */

static void
S_overview(web_ctx *c, buf *b, const group_data *g)
{
	const course *site = &c->a->site;
	int m, k, n, total, full;

	buf_printf(b, "<h2 id=\"apercu\">%s</h2>\n", msg("Progression",
	    "Progress"));
	if (g->np == 0) {
		buf_printf(b, "<p>%s</p>\n", msg("Personne n'a encore rejoint "
		    "ce groupe : donnez le code, ou imprimez les cartes quand "
		    "les participants ont rejoint.", "Nobody joined this group "
		    "yet: give out the code."));
		return;
	}
	buf_printf(b, "<section class=\"matrix overview\" "
	    "aria-labelledby=\"apercu\" tabindex=\"0\">\n<table>\n<thead>\n"
	    "<tr><th scope=\"col\">%s</th>", msg("Participant",
	    "Participant"));
	for (m = 0; m < site->nm; m++) {
		buf_printf(b, "<th scope=\"col\"><span aria-hidden=\"true\">%d"
		    "</span><span class=\"vh\">", m + 1);
		web_esc(b, site->m[m].title);
		buf_puts(b, "</span></th>");
	}
	buf_printf(b, "<th scope=\"col\">%s</th></tr>\n</thead>\n<tbody>\n",
	    msg("Dernière activité", "Last activity"));
	for (k = 0; k < g->np; k++) {
		buf_printf(b, "<tr id=\"p%lld\"><th scope=\"row\"><a href=\"",
		    g->p[k].pid);
		S_person_link(c, b, g->gid, g->p[k].pid);
		buf_puts(b, "\">");
		web_esc(b, g->p[k].name);
		buf_puts(b, "</a></th>");
		for (m = 0; m < site->nm; m++) {
			n = S_module_done(g, k, m, &total);
			if (total > 0 && n == total)
				buf_printf(b, "<td class=\"full\">%d/%d<span "
				    "aria-hidden=\"true\"> ✓</span></td>", n,
				    total);
			else
				buf_printf(b, "<td class=\"%s\">%d/%d</td>",
				    n > 0 ? "part" : "none", n, total);
		}
		buf_puts(b, "<td class=\"last\">");
		if (g->p[k].at != 0)
			web_day(b, g->p[k].at, 0);
		else
			buf_printf(b, "%s", msg("aucune", "none"));
		buf_puts(b, "</td></tr>\n");
	}
	buf_printf(b, "</tbody>\n<tfoot>\n<tr><th scope=\"row\">%s</th>",
	    msg("Ont fini", "Finished"));
	for (m = 0; m < site->nm; m++) {
		for (k = 0, full = 0; k < g->np; k++) {
			n = S_module_done(g, k, m, &total);
			full += total > 0 && n == total;
		}
		buf_printf(b, "<td class=\"total\">%d/%d</td>", full, g->np);
	}
	buf_puts(b, "<td></td></tr>\n</tfoot>\n</table>\n</section>\n");
	/* The legend: what a cell says, then the modules' names. */
	buf_printf(b, "<div class=\"legend\">\n<p><strong>%s</strong> %s</p>\n"
	    "<ul>\n<li><span class=\"full\">4/4 ✓</span> %s</li>\n"
	    "<li><span class=\"part\">2/4</span> %s</li>\n"
	    "<li><span class=\"none\">0/4</span> %s</li>\n</ul>\n<p>%s</p>\n"
	    "<ol class=\"modules\">\n", msg("Comment lire :", "How to read:"),
	    msg("chaque case donne les leçons terminées sur les leçons du "
	    "module.", "each cell gives the lessons done out of the module's "
	    "lessons."), msg("module terminé (en gras, coché) ;",
	    "module finished (bold, ticked);"), msg("module commencé ;",
	    "module started;"), msg("pas commencé (en gris).",
	    "not started (grey)."), msg("« Dernière activité » : la dernière "
	    "leçon terminée ou le dernier message écrit. « Ont fini » : "
	    "combien ont terminé le module. Les modules :", "\"Last activity\": "
	    "the last lesson done or message written. \"Finished\": how many "
	    "finished the module. The modules:"));
	for (m = 0; m < site->nm; m++) {
		buf_puts(b, "<li>");
		web_esc(b, site->m[m].title);
		buf_puts(b, "</li>\n");
	}
	buf_puts(b, "</ol>\n</div>\n");
}

int
follow_group(web_ctx *c, buf *b, const store_group *gr)
{
	group_data g;
	int rc;

	if ((rc = S_data(c, gr->id, &g)) == STORE_OK &&
	    (rc = S_help(c, b, &g)) == STORE_OK)
		S_overview(c, b, &g);
	S_data_free(&g);
	return rc;
}

void
follow_settings(web_ctx *c, buf *b, const store_group *gr)
{
	char path[FOLLOW_PATH_SIZE];
	int days = STORE_IDLE_DAYS;

	if (store_group_idle(c->a->db, gr->id, &days) != STORE_OK)
		days = STORE_IDLE_DAYS;
	snprintf(path, sizeof path, "/groups/%lld/idle", gr->id);
	S_form(c, b, "group-idle", path);
	buf_printf(b, "<p><label for=\"idle-days\">%s</label>\n"
	    "<input id=\"idle-days\" name=\"days\" type=\"number\" min=\"1\" "
	    "max=\"%d\" required inputmode=\"numeric\" value=\"%d\">\n"
	    "<button type=\"submit\">%s</button></p>\n</form>\n",
	    msg("« Qui a besoin d'aide » signale qui n'a rien fait depuis "
	    "(en jours) :", "\"Who needs help\" shows who has done nothing "
	    "for (days):"), VALID_IDLE_MAX, days, msg("Enregistrer", "Save"));
}

void
follow_idle_post(web_ctx *c)
{
	long long gid = c->id[0];
	store_group gr;
	char name[FOLLOW_NAME_SIZE], code[FOLLOW_CODE_SIZE];
	int rc;

	if (S_group(c, gid, &gr, name, sizeof name, code, sizeof code) !=
	    STORE_OK)
		return;
	if ((rc = store_group_idle_set(c->a->db, gid,
	    (int)web_num(c, "days"))) != STORE_OK) {
		web_store_fail(c, rc);
		return;
	}
	web_redirect_api(c, "/trainer/groups/%lld#aide", gid);
}

/* ------------------------------------------------------------------ */
/* One participant's page */

typedef struct msgs_ctx {
	web_ctx *c;
	buf *b;
	long long gid;
	int n;
} msgs_ctx;

static int
S_her_message(void *arg, const store_msg *m)
{
	msgs_ctx *x = arg;
	const course_item *l = course_lesson(&x->c->a->site, m->lesson);

	if (x->n++ == 0)
		buf_puts(x->b, "<ul class=\"her-messages\">\n");
	buf_printf(x->b, "<li id=\"m%lld\"><p class=\"message-meta\">", m->id);
	buf_puts(x->b, m->parent != 0 ? msg("Réponse", "Answer") :
	    strcmp(m->kind, "question") == 0 ? msg("Question", "Question") :
	    strcmp(m->kind, "astuce") == 0 ? msg("Astuce", "Tip") :
	    msg("Ressource", "Resource"));
	buf_puts(x->b, " · ");
	web_date(x->b, m->created);
	if (l != NULL) {
		buf_printf(x->b, " · %s ", msg("leçon", "lesson"));
		web_esc(x->b, l->title);
	}
	if (m->state == STORE_MSG_HIDDEN)
		buf_printf(x->b, " · <strong>%s</strong>", msg("masqué",
		    "hidden"));
	else if (m->state == STORE_MSG_HELD)
		buf_printf(x->b, " · <strong>%s</strong>", msg("en attente",
		    "waiting"));
	if (m->parent == 0 && strcmp(m->kind, "question") == 0)
		buf_printf(x->b, " · %s", m->solved ? msg("résolue",
		    "solved") : msg("ouverte", "open"));
	buf_puts(x->b, "</p>\n<p>« ");
	S_excerpt(x->b, m->body);
	buf_puts(x->b, " »");
	if (l != NULL) {
		buf_puts(x->b, " <a href=\"");
		web_api_link(x->c, x->b, "/trainer/groups/%lld/talk?lesson=",
		    x->gid);
		web_esc(x->b, l->id);
		buf_printf(x->b, "#m%lld\">%s</a>", m->parent != 0 ? m->parent :
		    m->id, msg("Voir la discussion", "See the discussion"));
	}
	buf_puts(x->b, "</p>\n</li>\n");
	return 0;
}

/* Every lesson of the course, module by module, with its date. */
static void
S_her_lessons(web_ctx *c, buf *b, const group_data *g, int k)
{
	const course *site = &c->a->site;
	int m, i, n, total;
	long long at;

	buf_printf(b, "<h2 id=\"lecons\">%s</h2>\n", msg("Ses leçons",
	    "Their lessons"));
	for (m = 0; m < site->nm; m++) {
		n = S_module_done(g, k, m, &total);
		if (total == 0)
			continue;
		buf_puts(b, "<h3>");
		web_esc(b, site->m[m].title);
		buf_printf(b, " <span class=\"meta\">%d/%d%s</span></h3>\n"
		    "<ol class=\"her-lessons\">\n", n, total, n == total ?
		    " ✓" : "");
		for (i = 0; i < site->nl; i++) {
			if (site->l[i].module_index != m)
				continue;
			at = g->done[(size_t)k * (size_t)g->nl + (size_t)i];
			buf_printf(b, "<li class=\"%s\">", at ? "done" : "todo");
			web_esc(b, site->l[i].title);
			if (at != 0) {
				buf_printf(b, " — <strong>%s ", msg("terminée "
				    "le", "done on"));
				web_longday(b, at);
				buf_puts(b, "</strong>");
			} else {
				buf_printf(b, " — %s", msg("pas encore",
				    "not yet"));
			}
			buf_puts(b, "</li>\n");
		}
		buf_puts(b, "</ol>\n");
	}
}

/* The actions on her, each a POST of trainer_participant_post
 * (removing and merging ask first: web_confirm). */
static void
S_her_actions(web_ctx *c, buf *b, const group_data *g, int k)
{
	long long pid = g->p[k].pid;
	char path[FOLLOW_PATH_SIZE];

	snprintf(path, sizeof path, "/groups/%lld/participants/%lld", g->gid,
	    pid);
	buf_printf(b, "<h2 id=\"actions\" class=\"no-print\">%s</h2>\n",
	    msg("Actions", "Actions"));
	S_form(c, b, "rename", path);
	buf_printf(b, "<p><label for=\"name-%lld\">%s</label>\n"
	    "<input id=\"name-%lld\" type=\"text\" name=\"name\" required "
	    "maxlength=\"%d\" value=\"", pid, msg("Prénom", "First name"),
	    pid, VALID_NAME_MAX);
	web_esc(b, g->p[k].name);
	buf_printf(b, "\">\n<button type=\"submit\" name=\"action\" "
	    "value=\"rename\">%s</button></p>\n</form>\n<p class=\"no-print\">",
	    msg("Renommer", "Rename"));
	buf_puts(b, "<a href=\"");
	web_api_link(c, b, "/trainer/groups/%lld/cards?p=%lld", g->gid, pid);
	buf_printf(b, "\">%s</a> · <a href=\"", msg("Imprimer sa carte",
	    "Print their card"));
	web_api_link(c, b, "/trainer%s/export", path);
	buf_printf(b, "\">%s</a></p>\n", msg("Ses données (JSON)",
	    "Their data (JSON)"));
	S_form(c, b, "card", path);
	buf_printf(b, "<p><button type=\"submit\" name=\"action\" "
	    "value=\"card\">%s</button> %s</p>\n</form>\n",
	    msg("Nouvelle carte pour revenir", "New card to come back"),
	    msg("(son code personnel a été perdu : le nouveau le remplace)",
	    "(their personal code was lost: the new one replaces it)"));
	if (g->np > 1) {
		S_form(c, b, "merge", path);
		buf_printf(b, "<p><button type=\"submit\" name=\"action\" "
		    "value=\"merge\" class=\"button secondary\">%s</button> %s"
		    "</p>\n</form>\n", msg("Fusionner…", "Merge…"),
		    msg("(la même personne a rejoint deux fois)", "(the same "
		    "person joined twice)"));
	}
	S_form(c, b, "remove", path);
	buf_printf(b, "<p><button type=\"submit\" class=\"danger\" "
	    "name=\"action\" value=\"remove\">%s</button> %s</p>\n</form>\n",
	    msg("Retirer et effacer ses données", "Remove and erase their "
	    "data"), msg("(ses messages deviennent « message supprimé » ; "
	    "c'est définitif)", "(their messages become \"message deleted\"; "
	    "it cannot be undone)"));
}

void
follow_participant(web_ctx *c)
{
	long long gid = c->id[0], pid = c->id[1];
	store_group gr;
	char name[FOLLOW_NAME_SIZE], code[FOLLOW_CODE_SIZE];
	group_data g;
	msgs_ctx x;
	buf b;
	int rc, k;

	if (S_group(c, gid, &gr, name, sizeof name, code, sizeof code) !=
	    STORE_OK)
		return;
	if ((rc = S_data(c, gid, &g)) != STORE_OK) {
		S_data_free(&g);
		web_store_fail(c, rc);
		return;
	}
	if (S_find(&g, pid, &k) == NULL) {
		S_data_free(&g);
		web_not_found(c);
		return;
	}
	buf_init(&b, WEB_BIG_PAGE);
	buf_printf(&b, "<p class=\"kicker\">%s · ", msg("Participant",
	    "Participant"));
	web_esc(&b, gr.name);
	buf_puts(&b, "</p>\n<h1>");
	web_esc(&b, g.p[k].name);
	buf_printf(&b, "</h1>\n<p>%s ", msg("A rejoint le groupe le",
	    "Joined the group on"));
	web_longday(&b, g.p[k].joined);
	buf_printf(&b, " · %s ", msg("dernière activité :", "last activity:"));
	if (g.p[k].at != 0)
		web_longday(&b, g.p[k].at);
	else
		buf_puts(&b, msg("aucune", "none"));
	buf_puts(&b, "</p>\n<p class=\"no-print\"><a href=\"");
	web_api_link(c, &b, "/trainer/groups/%lld#p%lld", gid, pid);
	buf_printf(&b, "\">%s</a></p>\n", msg("Retour au groupe",
	    "Back to the group"));
	S_her_lessons(c, &b, &g, k);
	/* QUIZ: her quiz results (helper Q's data) go here; the lead wires it. */
	buf_printf(&b, "<h2 id=\"messages\">%s</h2>\n", msg("Ses messages",
	    "Their messages"));
	x.c = c;
	x.b = &b;
	x.gid = gid;
	x.n = 0;
	if ((rc = store_member_msgs(c->a->db, gid, pid, FOLLOW_MAX_MESSAGES,
	    S_her_message, &x)) != STORE_OK) {
		S_data_free(&g);
		buf_free(&b);
		web_store_fail(c, rc);
		return;
	}
	if (x.n > 0)
		buf_puts(&b, "</ul>\n");
	else
		buf_printf(&b, "<p>%s</p>\n", msg("Pas encore de message.",
		    "No message yet."));
	S_her_actions(c, &b, &g, k);
	web_page(c, 200, g.p[k].name, b.data);
	S_data_free(&g);
	buf_free(&b);
}

/* ------------------------------------------------------------------ */
/* "Messages": the discussions of my groups */

typedef struct mgroup {
	long long id;
	char *name;
	int archived;
} mgroup;

typedef struct mgroups {
	mgroup *a;
	int n;
} mgroups;

static int
S_mgroup(void *arg, const store_group *g)
{
	mgroups *x = arg;

	if (x->n >= FOLLOW_MAX_GROUPS)
		return 1;
	x->a = mem_alloc(x->a, ((size_t)x->n + 1) * sizeof *x->a);
	x->a[x->n].id = g->id;
	x->a[x->n].name = mem_strdup(g->name);
	x->a[x->n].archived = g->archived;
	x->n++;
	return 0;
}

static int
S_count(void *arg, const store_msg *m)
{
	(void)m;
	(*(int *)arg)++;
	return 0;
}

void
follow_messages(web_ctx *c)
{
	mgroups gs = { NULL, 0 };
	int rc, i, reported, held, open;
	buf b;

	buf_init(&b, WEB_LIST_PAGE);
	buf_printf(&b, "<h1>%s</h1>\n<p>%s</p>\n", msg("Messages", "Messages"),
	    msg("Les discussions de vos groupes : les questions qui attendent "
	    "une réponse, les messages à regarder.", "Your groups' "
	    "discussions: the questions waiting for an answer, the messages "
	    "to look at."));
	if ((rc = store_trainer_groups(c->a->db, c->tid, S_mgroup, &gs)) !=
	    STORE_OK)
		goto fail;
	for (i = 0; i < gs.n; i++) {
		reported = held = open = 0;
		if ((rc = store_mod_list(c->a->db, gs.a[i].id,
		    STORE_MOD_REPORTED, FOLLOW_MAX_MEMBERS, S_count,
		    &reported)) != STORE_OK || (rc = store_mod_list(c->a->db,
		    gs.a[i].id, STORE_MOD_HELD, FOLLOW_MAX_MEMBERS, S_count,
		    &held)) != STORE_OK || (rc = store_unanswered(c->a->db,
		    gs.a[i].id, c->now, FOLLOW_MAX_MEMBERS, S_count, &open)) !=
		    STORE_OK)
			goto fail;
		buf_puts(&b, "<h2>");
		web_esc(&b, gs.a[i].name);
		buf_printf(&b, "%s</h2>\n<ul>\n<li><a href=\"", gs.a[i].archived ?
		    msg(" (archivé)", " (archived)") : "");
		web_api_link(c, &b, "/trainer/groups/%lld/talk", gs.a[i].id);
		buf_printf(&b, "\">%s</a> · %d %s</li>\n<li><a href=\"",
		    msg("Discussions du groupe", "The group's discussions"),
		    open, open > 1 ? msg("questions sans réponse",
		    "unanswered questions") : msg("question sans réponse",
		    "unanswered question"));
		web_api_link(c, &b, "/trainer/groups/%lld/messages",
		    gs.a[i].id);
		buf_printf(&b, "\">%s</a> · %d %s, %d %s</li>\n</ul>\n",
		    msg("Modération", "Moderation"), reported,
		    msg("signalé(s)", "reported"), held, msg("en attente",
		    "waiting"));
	}
	if (gs.n == 0)
		buf_printf(&b, "<p>%s</p>\n", msg("Pas encore de groupe.",
		    "No group yet."));
	web_page(c, 200, msg("Messages", "Messages"), b.data);
	rc = STORE_OK;
fail:
	if (rc != STORE_OK)
		web_store_fail(c, rc);
	for (i = 0; i < gs.n; i++)
		free(gs.a[i].name);
	free(gs.a);
	buf_free(&b);
}
