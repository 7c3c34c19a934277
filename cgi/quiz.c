#include "quiz.h"

#include <stdlib.h>
#include <string.h>

#include "../common/msg.h"
#include "../common/text.h"
#include "io.h"

/* ------------------------------------------------------------------ */
/* Pieces */

/* Append "<root><lesson url>#quiz-<id>", escaped for an attribute
 * (esc), or as it is (a Location). */
static void
S_back_path(const web_ctx *c, buf *b, const course_quiz *z, int esc)
{
	const course_item *l = &c->a->site.l[z->lesson];

	if (!esc) {
		buf_printf(b, "%s%s#quiz-%s", c->a->site.root, l->url, z->id);
		return;
	}
	web_esc(b, c->a->site.root);
	web_esc(b, l->url);
	buf_puts(b, "#quiz-");
	web_esc(b, z->id);
}

/* Append the texts of the answers whose bits are set, " ; " between. */
static void
S_choices(buf *b, const course_quiz *z, unsigned bits)
{
	int i, n = 0;

	for (i = 0; i < z->n; i++) {
		if (!(bits & (1u << i)))
			continue;
		if (n++ > 0)
			buf_puts(b, " ; ");
		web_esc(b, z->choice[i]);
	}
}

/* "1,3" as kept by the store, as bits; 0 when malformed. */
static unsigned
S_bits(const char *s, int n)
{
	unsigned bits = 0;
	long long k;

	while (*s != '\0') {
		for (k = 0; *s >= '0' && *s <= '9' && k <= n; s++)
			k = k * 10 + (*s - '0');
		if (k < 1 || k > n || (*s != ',' && *s != '\0'))
			return 0;
		bits |= 1u << (k - 1);
		if (*s == ',')
			s++;
	}
	return bits;
}

/*
 * The answer judged, as a page: "Bonne réponse ✓" or "Pas tout à
 * fait", the question, her answer; right, the explanation; wrong, the
 * right answer behind "Voir la bonne réponse" and "Réessayer". Not
 * joined (`joined` 0): a word that nothing was kept, and the way to
 * join that comes back to the lesson.
 */
static void
S_result(web_ctx *c, const course_quiz *z, unsigned bits, int joined)
{
	const course_item *l = &c->a->site.l[z->lesson];
	int right = bits == z->right;
	buf b;

	buf_init(&b, WEB_FORM_PAGE);
	buf_printf(&b, "<section class=\"quiz-result %s\">\n<h1>%s</h1>\n"
	    "<p><strong>%s</strong> ", right ? "ok" : "ko", right ?
	    msg("Bonne réponse ✓", "Right answer ✓") : msg("Pas tout à fait",
	    "Not quite"), msg("La question :", "The question:"));
	web_esc(&b, z->text);
	buf_printf(&b, "</p>\n<p><strong>%s</strong> ", msg("Votre réponse :",
	    "Your answer:"));
	S_choices(&b, z, bits);
	buf_puts(&b, "</p>\n");
	if (right && z->why[0] != '\0') {
		buf_puts(&b, "<p>");
		web_esc(&b, z->why);
		buf_puts(&b, "</p>\n");
	} else if (!right) {
		buf_printf(&b, "<p>%s</p>\n<details>\n<summary>%s</summary>\n"
		    "<p><strong>%s</strong> ", msg("Ce n'est pas grave : "
		    "relisez la question et essayez encore.", "It does not "
		    "matter: read the question again and try once more."),
		    msg("Voir la bonne réponse", "Show the right answer"),
		    msg("Bonne réponse :", "Right answer:"));
		S_choices(&b, z, z->right);
		buf_puts(&b, "</p>\n");
		if (z->why[0] != '\0') {
			buf_puts(&b, "<p>");
			web_esc(&b, z->why);
			buf_puts(&b, "</p>\n");
		}
		buf_puts(&b, "</details>\n");
	}
	if (!joined) {
		buf_printf(&b, "<p class=\"join-offer\">%s <a href=\"",
		    msg("Votre réponse n'est pas gardée : vous n'avez pas "
		    "rejoint de groupe.", "Your answer is not kept: you have "
		    "not joined a group."));
		web_api_link(c, &b, "/me?next=%s%s", c->a->site.root, l->url);
		buf_printf(&b, "\">%s</a></p>\n", msg("Rejoindre mon groupe",
		    "Join my group"));
	}
	buf_puts(&b, "<p><a class=\"button\" href=\"");
	S_back_path(c, &b, z, 1);
	buf_printf(&b, "\">%s</a></p>\n<p>%s ", right ? msg("Revenir à la "
	    "leçon", "Back to the lesson") : msg("Réessayer", "Try again"),
	    msg("Leçon :", "Lesson:"));
	web_link(c, &b, l);
	buf_puts(&b, "</p>\n</section>\n");
	web_page(c, 200, right ? msg("Bonne réponse", "Right answer") :
	    msg("Pas tout à fait", "Not quite"), b.data);
	buf_free(&b);
}

/* ------------------------------------------------------------------ */
/* The routes */

void
quiz_post(web_ctx *c)
{
	const web_value *q = web_field(c, "quiz"), *ch = web_field(c, "c");
	const course_quiz *z = q->p;
	unsigned bits = (unsigned)ch->n;
	int right = bits == z->right, joined = c->role ==
	    WEB_ROLE_PARTICIPANT, rc;
	const course_item *l = &c->a->site.l[z->lesson];
	buf b;

	if (joined && (rc = store_quiz_answer(c->a->db, c->who.pid,
	    c->who.gid, l->id, z->id, ch->s, right, c->now)) != STORE_OK) {
		if (rc == STORE_LIMIT)
			web_fail(c, 429, msg("Vous avez déjà beaucoup répondu à "
			    "cette question : relisez la leçon, ou demandez de "
			    "l'aide au groupe.", "You have answered this "
			    "question many times already: read the lesson "
			    "again, or ask the group for help."));
		else
			web_store_fail(c, rc);
		return;
	}
	if (c->req->wants_json) {
		buf_init(&b, WEB_SMALL);
		buf_puts(&b, "{\"quiz\":\"");
		json_escape(&b, z->id);
		buf_printf(&b, "\",\"correct\":%s,\"recorded\":%s}",
		    right ? "true" : "false", joined ? "true" : "false");
		web_json(c, 200, b.data);
		buf_free(&b);
		return;
	}
	/* Not joined: judged here, nothing kept. Joined: the answer is
	 * kept, and its page is a GET (a reload sends nothing again). */
	if (!joined) {
		S_result(c, z, bits, 0);
		return;
	}
	buf_init(&b, WEB_SMALL);
	web_urlenc(&b, l->id);
	buf_puts(&b, "&quiz=");
	web_urlenc(&b, z->id);
	web_redirect_api(c, "/quiz?lesson=%s", b.data);
	buf_free(&b);
}

void
quiz_invalid(web_ctx *c, int status, const char *why)
{
	const web_value *q = web_field(c, "quiz");
	buf b;

	if (c->req->wants_json || q == NULL || q->p == NULL) {
		web_fail(c, status, why);
		return;
	}
	io_log("%d %s %s: %s", status, c->req->method_name, c->req->path, why);
	buf_init(&b, WEB_FORM_PAGE);
	buf_printf(&b, "<h1>%s</h1>\n<p>", msg("Réponse non reçue",
	    "Answer not received"));
	web_esc(&b, why);
	buf_puts(&b, "</p>\n<p><a class=\"button\" href=\"");
	S_back_path(c, &b, q->p, 1);
	buf_printf(&b, "\">%s</a></p>\n", msg("Revenir à la question",
	    "Back to the question"));
	web_page(c, status, msg("Réponse non reçue", "Answer not received"),
	    b.data);
	buf_free(&b);
}

void
quiz_page(web_ctx *c)
{
	const course_quiz *z = web_field(c, "quiz")->p;
	char choices[STORE_QUIZ_CHOICES];
	int correct = 0, tries = 0, rc = STORE_NONE;
	unsigned bits = 0;
	buf b;

	if (c->role == WEB_ROLE_PARTICIPANT)
		rc = store_quiz_last(c->a->db, c->who.pid,
		    c->a->site.l[z->lesson].id, z->id, choices,
		    sizeof choices, &correct, &tries);
	if (rc != STORE_OK && rc != STORE_NONE) {
		web_store_fail(c, rc);
		return;
	}
	if (rc == STORE_OK)
		bits = S_bits(choices, z->n);
	if (bits == 0) {
		buf_init(&b, WEB_SMALL);
		S_back_path(c, &b, z, 0);
		web_redirect(c, b.data);
		buf_free(&b);
		return;
	}
	S_result(c, z, bits, 1);
}

/* ------------------------------------------------------------------ */
/* The trainer's "Questions difficiles" */

/* Participants of a group listed with their names, at most: */
#define QUIZ_MEMBERS 10000

/* Who failed a quiz twice and has not got it right since
 * (store_quiz_struggling), to name under its question. */
typedef struct struggle {
	long long pid;
	char *lesson;
	char *question;
} struggle;

typedef struct stats_ctx {
	web_ctx *c;
	buf *b;
	int n;
	struggle *s;        /* by participant */
	int ns;
	store_member *m;    /* the group's, names copied */
	int nm;
} stats_ctx;

static void
S_struggle(void *p, long long pid, const char *lesson, const char *question)
{
	stats_ctx *x = p;

	x->s = mem_alloc(x->s, (size_t)(x->ns + 1) * sizeof *x->s);
	x->s[x->ns].pid = pid;
	x->s[x->ns].lesson = mem_strdup(lesson);
	x->s[x->ns].question = mem_strdup(question);
	x->ns++;
}

static int
S_member(void *p, const store_member *m)
{
	stats_ctx *x = p;

	x->m = mem_alloc(x->m, (size_t)(x->nm + 1) * sizeof *x->m);
	x->m[x->nm] = *m;
	x->m[x->nm].name = mem_strdup(m->name);
	x->nm++;
	return 0;
}

static const char *
S_name(const stats_ctx *x, long long pid)
{
	int i;

	for (i = 0; i < x->nm; i++)
		if (x->m[i].pid == pid)
			return x->m[i].name;
	return NULL;
}

static int
S_stat(void *p, const char *lesson, const char *question, int answered,
	int right)
{
	stats_ctx *x = p;
	const course_item *l = course_lesson(&x->c->a->site, lesson);
	const char *name;
	int i, k;
	const course_quiz *z = course_quiz_find(&x->c->a->site, l, question);

	/* A quiz since removed from the course (or whose question was
	 * rewritten, so that its id changed) is not shown. */
	if (z == NULL || answered <= 0)
		return 0;
	if (x->n++ == 0)
		buf_puts(x->b, "<ol class=\"quiz-stats\">\n");
	buf_printf(x->b, "<li><strong>%d %s %d</strong> %s (%d %%) · ", right,
	    msg("sur", "of"), answered, msg("du premier coup",
	    "right the first time"), (int)(100LL * right / answered));
	web_esc(x->b, z->text);
	buf_printf(x->b, "<br><span class=\"meta\">%s ", msg("Leçon :",
	    "Lesson:"));
	web_link(x->c, x->b, l);
	buf_puts(x->b, "</span>");
	/* Who is stuck on it: wrong twice, not right since. */
	for (i = 0, k = 0; i < x->ns; i++) {
		if (strcmp(x->s[i].lesson, lesson) != 0 ||
		    strcmp(x->s[i].question, question) != 0 ||
		    (name = S_name(x, x->s[i].pid)) == NULL)
			continue;
		buf_puts(x->b, k++ ? ", " : "<br><span class=\"stuck\">");
		if (k == 1)
			buf_printf(x->b, "%s ", msg("Deux erreurs, pas encore "
			    "trouvé :", "Wrong twice, not found yet:"));
		web_esc(x->b, name);
	}
	if (k > 0)
		buf_puts(x->b, "</span>");
	buf_puts(x->b, "</li>\n");
	return 0;
}

int
quiz_group(web_ctx *c, buf *b, long long gid)
{
	stats_ctx x;
	size_t start = b->len;
	int rc, i;

	memset(&x, 0, sizeof x);
	x.c = c;
	x.b = b;
	buf_printf(b, "<section class=\"quiz-group\" aria-labelledby=\"quiz-"
	    "hard\">\n<h2 id=\"quiz-hard\">%s</h2>\n<p>%s</p>\n",
	    msg("Questions difficiles", "Difficult questions"), msg("Pour "
	    "chaque question des quiz : combien ont trouvé la bonne réponse "
	    "du premier coup, sur combien ont répondu. Les plus difficiles "
	    "d'abord.", "For each quiz question: how many found the right "
	    "answer the first time, out of how many answered. The hardest "
	    "first."));
	if ((rc = store_quiz_struggling(c->a->db, gid, S_struggle, &x)) !=
	    STORE_OK || (x.ns > 0 && (rc = store_members(c->a->db, gid,
	    QUIZ_MEMBERS, S_member, &x)) != STORE_OK) ||
	    (rc = store_quiz_stats(c->a->db, gid, S_stat, &x)) != STORE_OK) {
		buf_truncate(b, start);
		goto out;
	}
	if (x.n == 0)
		buf_printf(b, "<p>%s</p>\n", msg("Personne n'a encore répondu "
		    "à un quiz.", "Nobody has answered a quiz yet."));
	else
		buf_puts(b, "</ol>\n");
	buf_puts(b, "</section>\n");
out:
	for (i = 0; i < x.ns; i++) {
		free(x.s[i].lesson);
		free(x.s[i].question);
	}
	free(x.s);
	for (i = 0; i < x.nm; i++)
		free((char *)x.m[i].name);
	free(x.m);
	return rc;
}
