#include "report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../common/msg.h"
#include "trainer.h"
#include "valid.h"

#define REPORT_DAY_SIZE 24    /* "2026-01-31", room for any int year */
#define REPORT_NAME_SIZE STORE_NAME_SIZE /* a group's name, copied */
#define REPORT_CODE_SIZE 16   /* its join code */

/* ------------------------------------------------------------------ */
/* The computation */

/* Lessons done, walked participant by participant (store_report_done):
 * per module of the one being read, how many of its lessons she has
 * done and when the last was. */
typedef struct done_walk {
	const course *site;
	report_figures *f;
	int *total;          /* lessons of each module of the course */
	int *count;          /* of them, done by the current participant */
	long long *last;     /* when she did the last of them */
	long long pid;       /* the current participant, 0 before the first */
} done_walk;

/* The current participant is read: count the modules she completed in
 * the period (all their lessons done, the last one in it). */
static void
S_flush(done_walk *w)
{
	int m;

	for (m = 0; m < w->site->nm; m++) {
		if (w->total[m] > 0 && w->count[m] == w->total[m] &&
		    w->last[m] >= w->f->from && w->last[m] < w->f->to)
			w->f->modules++;
		w->count[m] = 0;
		w->last[m] = 0;
	}
}

static int
S_done(void *p, long long pid, const char *lesson, long long at)
{
	done_walk *w = p;
	const course_item *l = course_lesson(w->site, lesson);
	int m;

	if (pid != w->pid) {
		S_flush(w);
		w->pid = pid;
	}
	/* A lesson no longer in the course: no module, no duration. */
	if (l == NULL || (m = l->module_index) < 0 || m >= w->site->nm)
		return 0;
	w->count[m]++;
	if (at > w->last[m])
		w->last[m] = at;
	if (at >= w->f->from && at < w->f->to) {
		w->f->lessons++;
		w->f->minutes += l->minutes;
	}
	return 0;
}

int
report_compute(store *db, const course *site, const store_scope *sc,
	long long from, long long to, report_figures *f)
{
	store_counts n;
	done_walk w;
	size_t nm = (size_t)site->nm + 1;
	int rc, i;

	memset(f, 0, sizeof *f);
	f->from = from;
	f->to = to;
	if ((rc = store_report_counts(db, sc, from, to, &n)) != STORE_OK)
		return rc;
	f->groups = n.groups;
	f->active = n.active;
	f->joined = n.joined;
	f->messages = n.messages;
	f->questions = n.questions;
	f->solved = n.solved;
	memset(&w, 0, sizeof w);
	w.site = site;
	w.f = f;
	w.total = mem_alloc(NULL, nm * sizeof *w.total);
	w.count = mem_alloc(NULL, nm * sizeof *w.count);
	w.last = mem_alloc(NULL, nm * sizeof *w.last);
	memset(w.total, 0, nm * sizeof *w.total);
	memset(w.count, 0, nm * sizeof *w.count);
	memset(w.last, 0, nm * sizeof *w.last);
	for (i = 0; i < site->nl; i++)
		if (site->l[i].module_index >= 0 &&
		    site->l[i].module_index < site->nm)
			w.total[site->l[i].module_index]++;
	rc = store_report_done(db, sc, to, S_done, &w);
	S_flush(&w);
	free(w.total);
	free(w.count);
	free(w.last);
	return rc;
}

void
report_rows(const report_figures *f, report_row r[REPORT_NROWS])
{
	/* Hours to one decimal, rounded: 95 minutes are 1,6 h. */
	long long tenths = (f->minutes * 10 + 30) / 60;
	int i = 0;

#define ROW(k, fr, en, v) do { r[i].key = (k); r[i].label = msg(fr, en); \
	snprintf(r[i].value, REPORT_VALUE_SIZE, "%lld", (long long)(v)); \
	i++; } while (0)
	ROW("groups", "Groupes actifs", "Active groups", f->groups);
	ROW("active", "Participants actifs", "Active participants",
	    f->active);
	ROW("joined", "Nouveaux participants", "New participants", f->joined);
	ROW("lessons", "Leçons terminées", "Lessons done", f->lessons);
	r[i].key = "hours";
	r[i].label = msg("Heures d'apprentissage", "Learning hours");
	snprintf(r[i].value, REPORT_VALUE_SIZE, "%lld%s%lld", tenths / 10,
	    msg(",", "."), tenths % 10);
	i++;
	ROW("minutes", "Minutes d'apprentissage", "Learning minutes",
	    f->minutes);
	ROW("modules", "Modules terminés", "Modules completed", f->modules);
	ROW("messages", "Messages écrits", "Messages written", f->messages);
	ROW("questions", "Questions posées", "Questions asked", f->questions);
	ROW("solved", "Questions résolues", "Questions solved", f->solved);
#undef ROW
}

/* ------------------------------------------------------------------ */
/* The page and the CSV */

/* What a request asks: the period and the group, checked. */
typedef struct report_ask {
	char from[REPORT_DAY_SIZE]; /* as the form shows them */
	char to[REPORT_DAY_SIZE];
	long long start, end;       /* [start, end) */
	long long gid;              /* 0: all my groups */
	char name[REPORT_NAME_SIZE]; /* the group's name, when one */
	store_scope scope;
} report_ask;

/* Fill a from the request (defaults: from the 1st of January of this
 * year to today). Returns 0, or -1 having answered. */
static int
S_ask(web_ctx *c, report_ask *a)
{
	const char *from = web_str(c, "from"), *to = web_str(c, "to");
	char code[REPORT_CODE_SIZE];
	long long to_start;
	store_group g;
	time_t now = (time_t)c->now;
	struct tm tm;
	int rc;

	memset(a, 0, sizeof *a);
	localtime_r(&now, &tm);
	if (from != NULL)
		snprintf(a->from, sizeof a->from, "%s", from);
	else
		snprintf(a->from, sizeof a->from, "%04d-01-01",
		    tm.tm_year + 1900);
	if (to != NULL)
		snprintf(a->to, sizeof a->to, "%s", to);
	else
		strftime(a->to, sizeof a->to, "%Y-%m-%d", &tm);
	if (valid_day_parse(a->from, &a->start, NULL) < 0 ||
	    valid_day_parse(a->to, &to_start, &a->end) < 0) {
		web_fail(c, 400, msg("Date non valable : écrivez-la comme "
		    "2026-01-31.", "Not a valid date: write it as 2026-01-31."));
		return -1;
	}
	if (a->start > to_start) {
		web_fail(c, 400, msg("La date de début (« Du ») est après la "
		    "date de fin (« Au ») : échangez-les.", "The start date "
		    "(\"From\") is after the end date (\"To\"): swap them."));
		return -1;
	}
	a->gid = web_num(c, "group");
	a->scope.tid = c->tid;
	a->scope.gid = a->gid;
	if (a->gid == 0)
		return 0;
	/* One of my groups only: another's is not found, as everywhere. */
	rc = store_trainer_group(c->a->db, c->tid, a->gid, &g, a->name,
	    sizeof a->name, code, sizeof code);
	if (rc == STORE_NONE)
		web_not_found(c);
	else if (rc != STORE_OK)
		web_store_fail(c, rc);
	return rc == STORE_OK ? 0 : -1;
}

/* The query string of a (for the CSV link), escaped for an attribute. */
static void
S_query(buf *b, const report_ask *a)
{
	buf_printf(b, "?from=%s&amp;to=%s&amp;group=", a->from, a->to);
	if (a->gid != 0)
		buf_printf(b, "%lld", a->gid);
}

typedef struct option_ctx {
	buf *b;
	long long gid;  /* the chosen one */
	int n;
} option_ctx;

static int
S_option(void *p, const store_group *g)
{
	option_ctx *x = p;

	x->n++;
	buf_printf(x->b, "<option value=\"%lld\"%s>", g->id, g->id == x->gid ?
	    " selected" : "");
	web_esc(x->b, g->name);
	if (g->archived)
		buf_puts(x->b, msg(" (archivé)", " (archived)"));
	buf_puts(x->b, "</option>\n");
	return 0;
}

/* How each figure is counted, in plain words (docs/guide-formateur.md
 * says the same). */
static void
S_how(buf *b)
{
	buf_printf(b, "<h2>%s</h2>\n<ul class=\"report-how\">\n", msg(
	    "Comment ces chiffres sont comptés", "How these figures are "
	    "counted"));
	buf_printf(b, "<li>%s</li>\n", msg("<strong>Participants actifs</strong> "
	    ": les personnes qui ont fait quelque chose pendant la période "
	    ": terminé une leçon ou écrit un message. Chaque personne compte "
	    "une fois.", "<strong>Active participants</strong>: the people "
	    "who did something during the period: finished a lesson or "
	    "wrote a message. Each person counts once."));
	buf_printf(b, "<li>%s</li>\n", msg("<strong>Groupes actifs</strong> "
	    ": les groupes où au moins une personne a été active.",
	    "<strong>Active groups</strong>: the groups where at least one "
	    "person was active."));
	buf_printf(b, "<li>%s</li>\n", msg("<strong>Nouveaux participants"
	    "</strong> : les personnes qui ont rejoint un groupe pendant la "
	    "période.", "<strong>New participants</strong>: the people who "
	    "joined a group during the period."));
	buf_printf(b, "<li>%s</li>\n", msg("<strong>Leçons terminées</strong> "
	    ": chaque leçon marquée « terminée » pendant la période, par "
	    "chaque personne, une fois. Une leçon retirée du cours ne compte "
	    "plus.", "<strong>Lessons done</strong>: each lesson marked "
	    "\"done\" during the period, by each person, once. A lesson "
	    "removed from the course no longer counts."));
	buf_printf(b, "<li>%s</li>\n", msg("<strong>Heures d'apprentissage"
	    "</strong> : la durée prévue de ces leçons (le champ « duration » "
	    "de chaque leçon), additionnée. Une leçon sans durée compte 0.",
	    "<strong>Learning hours</strong>: the planned duration of those "
	    "lessons (each lesson's \"duration\" field), added up. A lesson "
	    "without a duration counts 0."));
	buf_printf(b, "<li>%s</li>\n", msg("<strong>Modules terminés</strong> "
	    ": une personne a terminé toutes les leçons d'un module, et la "
	    "dernière pendant la période.", "<strong>Modules completed"
	    "</strong>: a person finished every lesson of a module, the last "
	    "one during the period."));
	buf_printf(b, "<li>%s</li>\n", msg("<strong>Messages écrits</strong> "
	    ": les messages des participants (questions, astuces, ressources "
	    "et réponses), même masqués ; <strong>questions posées</strong> "
	    ": les questions parmi eux ; <strong>questions résolues</strong> "
	    ": les questions marquées « résolue » pendant la période.",
	    "<strong>Messages written</strong>: the participants' messages "
	    "(questions, tips, resources and replies), hidden ones too; "
	    "<strong>questions asked</strong>: the questions among them; "
	    "<strong>questions solved</strong>: the questions marked "
	    "\"solved\" during the period."));
	buf_printf(b, "<li>%s</li>\n</ul>\n", msg("Une personne effacée (à sa "
	    "demande, par vous ou après la durée de conservation) n'est plus "
	    "comptée, ni ce qu'elle a fait.", "A person erased (at her "
	    "request, by you, or after the retention period) is no longer "
	    "counted, nor what she did."));
}

void
report_page(web_ctx *c)
{
	report_row rows[REPORT_NROWS];
	report_figures f;
	report_ask a;
	option_ctx x;
	buf b;
	int rc, i;

	if (S_ask(c, &a) < 0)
		return;
	if ((rc = report_compute(c->a->db, &c->a->site, &a.scope, a.start,
	    a.end, &f)) != STORE_OK) {
		web_store_fail(c, rc);
		return;
	}
	buf_init(&b, WEB_LIST_PAGE);
	buf_printf(&b, "<h1>%s</h1>\n<p class=\"no-print\">%s</p>\n",
	    msg("Rapport d'activité", "Activity report"),
	    msg("Les chiffres de vos groupes pour une période, à imprimer ou "
	    "à télécharger pour vos financeurs. Aucun nom n'y figure.",
	    "Your groups' figures for a period, to print or download for "
	    "your funders. No name appears in it."));
	buf_puts(&b, "<form method=\"get\" class=\"report-form\" action=\"");
	web_api_link(c, &b, "%s", "/trainer/report");
	buf_printf(&b, "\">\n<p><label for=\"from\">%s</label>\n"
	    "<input id=\"from\" name=\"from\" type=\"date\" required "
	    "value=\"%s\" pattern=\"[0-9]{4}-[0-9]{2}-[0-9]{2}\" "
	    "aria-describedby=\"day-hint\"></p>\n"
	    "<p><label for=\"to\">%s</label>\n"
	    "<input id=\"to\" name=\"to\" type=\"date\" required value=\"%s\" "
	    "pattern=\"[0-9]{4}-[0-9]{2}-[0-9]{2}\" "
	    "aria-describedby=\"day-hint\"></p>\n"
	    "<p id=\"day-hint\" class=\"meta\">%s</p>\n"
	    "<p><label for=\"group\">%s</label>\n<select id=\"group\" "
	    "name=\"group\">\n<option value=\"\">%s</option>\n",
	    msg("Du (premier jour)", "From (first day)"), a.from,
	    msg("Au (dernier jour, compris)", "To (last day, included)"), a.to,
	    msg("Si votre navigateur demande la date en texte, écrivez-la "
	    "année-mois-jour : 2026-01-31.", "If your browser asks for the "
	    "date as text, write it year-month-day: 2026-01-31."),
	    msg("Groupe", "Group"), msg("Tous mes groupes", "All my groups"));
	memset(&x, 0, sizeof x);
	x.b = &b;
	x.gid = a.gid;
	if ((rc = store_trainer_groups(c->a->db, c->tid, S_option, &x)) !=
	    STORE_OK) {
		buf_free(&b);
		web_store_fail(c, rc);
		return;
	}
	buf_printf(&b, "</select></p>\n<p><button type=\"submit\">%s</button>"
	    "</p>\n</form>\n", msg("Afficher le rapport", "Show the report"));

	buf_printf(&b, "<h2 id=\"report-title\">%s ", msg("Du", "From"));
	web_longday(&b, a.start);
	buf_printf(&b, " %s ", msg("au", "to"));
	web_longday(&b, a.end - 1);
	buf_puts(&b, " · ");
	if (a.gid != 0)
		web_esc(&b, a.name);
	else
		buf_printf(&b, "%s (%d)", msg("tous mes groupes",
		    "all my groups"), x.n);
	buf_printf(&b, "</h2>\n<table class=\"report\" "
	    "aria-labelledby=\"report-title\">\n<thead>\n<tr><th scope=\"col\">"
	    "%s</th><th scope=\"col\">%s</th></tr>\n</thead>\n<tbody>\n",
	    msg("Chiffre", "Figure"), msg("Valeur", "Value"));
	report_rows(&f, rows);
	for (i = 0; i < REPORT_NROWS; i++)
		buf_printf(&b, "<tr><th scope=\"row\">%s</th>"
		    "<td data-figure=\"%s\">%s</td></tr>\n", rows[i].label,
		    rows[i].key, rows[i].value);
	buf_puts(&b, "</tbody>\n</table>\n<p class=\"no-print\"><a href=\"");
	web_api_link(c, &b, "%s", "/trainer/report.csv");
	S_query(&b, &a);
	buf_printf(&b, "\">%s</a></p>\n", msg("Télécharger ces chiffres en "
	    "tableur (CSV)", "Download these figures as a spreadsheet (CSV)"));
	S_how(&b);
	web_page(c, 200, msg("Rapport d'activité", "Activity report"), b.data);
	buf_free(&b);
}

void
report_csv(web_ctx *c)
{
	report_row rows[REPORT_NROWS];
	report_figures f;
	report_ask a;
	buf b;
	int rc, i;

	if (S_ask(c, &a) < 0)
		return;
	if ((rc = report_compute(c->a->db, &c->a->site, &a.scope, a.start,
	    a.end, &f)) != STORE_OK) {
		web_store_fail(c, rc);
		return;
	}
	report_rows(&f, rows);
	buf_init(&b, WEB_FORM_PAGE);
	/* The BOM tells spreadsheet programs the file is UTF-8. */
	buf_puts(&b, "\xEF\xBB\xBF");
	trainer_csv_cell(&b, msg("Du", "From"));
	buf_putc(&b, ';');
	trainer_csv_cell(&b, msg("Au", "To"));
	buf_putc(&b, ';');
	trainer_csv_cell(&b, msg("Groupe", "Group"));
	for (i = 0; i < REPORT_NROWS; i++) {
		buf_putc(&b, ';');
		trainer_csv_cell(&b, rows[i].label);
	}
	buf_printf(&b, "\r\n%s;%s;", a.from, a.to);
	trainer_csv_cell(&b, a.gid != 0 ? a.name : msg("Tous mes groupes",
	    "All my groups"));
	for (i = 0; i < REPORT_NROWS; i++) {
		buf_putc(&b, ';');
		trainer_csv_cell(&b, rows[i].value);
	}
	buf_puts(&b, "\r\n");
	web_body(c, "text/csv; charset=utf-8", &b);
	http_header(c->res, "Content-Disposition: attachment; "
	    "filename=\"rapport-%s-%s.csv\"", a.from, a.to);
	buf_free(&b);
}
