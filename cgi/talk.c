#include "talk.h"

#include <string.h>

#include "../common/msg.h"
#include "../common/text.h"
#include "image.h"
#include "io.h"
#include "valid.h"

#define TALK_EDIT_WINDOW (15 * 60) /* one's message can change */
#define TALK_MSG_WINDOW 60         /* seconds, for the next one */
#define TALK_MSGS_PER_WINDOW 5     /* messages in it, at most */
#define TALK_PINNED 10             /* pinned messages shown */
#define TALK_REACTORS 50           /* names under "Qui ?" */
#define TALK_JOINED 10             /* newest members on "Mon groupe" */
#define TALK_WALL_REPLIES 5        /* replies under a message there */
#define TALK_LESSONS 100           /* lessons listed on a trainer's page */

/* One page being written. */
typedef struct talk_ctx {
	web_ctx *c;
	buf *b;
	const talk_view *v;
	const char *lesson;  /* the place of the forms ("" the group's) */
	long long seen;      /* ids above it are "nouveau"; -1: none */
	long long edit;      /* the message being edited, or 0 */
	long long reply;     /* the message whose reply form is open */
	int wall;            /* "Mon groupe": links, not forms */
	int n;               /* roots written */
	int more;            /* one more root than a page: older ones exist */
	int pinned;          /* pinned threads written */
	const store_msg *root; /* the question of the replies being written */
	int rc;              /* a store error inside a callback */
} talk_ctx;

static const char *
S_kind_label(const store_msg *m)
{
	if (m->parent != 0)
		return msg("Réponse", "Answer");
	if (strcmp(m->kind, "question") == 0)
		return msg("Question", "Question");
	if (strcmp(m->kind, "astuce") == 0)
		return msg("Astuce", "Tip");
	return msg("Ressource", "Resource");
}

static const char *
S_react_label(int k)
{
	if (k == 0)
		return msg("Moi aussi", "Me too");
	if (k == 1)
		return msg("Merci", "Thanks");
	return msg("Ça m'a aidé", "It helped me");
}

/* <form …> to the discussion, with the token and the place; multipart
 * for a form that may carry a photo. */
static void
S_form_as(talk_ctx *x, const char *cls, int multipart)
{
	char csrf[AUTH_CSRF_SIZE];

	web_csrf(x->c, csrf);
	buf_printf(x->b, "<form class=\"%s\" method=\"post\"%s action=\"",
	    cls, multipart ? " enctype=\"multipart/form-data\"" : "");
	web_api_link(x->c, x->b, "%s", x->v->home);
	buf_printf(x->b, "\">\n<input type=\"hidden\" name=\"csrf\" "
	    "value=\"%s\">\n", csrf);
	if (*x->lesson != '\0') {
		buf_puts(x->b, "<input type=\"hidden\" name=\"lesson\" "
		    "value=\"");
		web_esc(x->b, x->lesson);
		buf_puts(x->b, "\">\n");
	}
}

static void
S_form(talk_ctx *x, const char *cls)
{
	S_form_as(x, cls, 0);
}

/* The discussion's address, escaped: with its lesson and what follows. */
static void
S_self(talk_ctx *x, const char *lesson, const char *tail)
{
	web_api_link(x->c, x->b, "%s", x->v->home);
	if (*lesson != '\0') {
		buf_puts(x->b, "?lesson=");
		web_esc(x->b, lesson);
		if (*tail == '?')
			tail++, buf_puts(x->b, "&amp;");
	}
	buf_puts(x->b, tail);
}

/* The writing form: a new question (edit 0, parent 0), an answer to
 * parent, or my message being changed; a new one or an answer may
 * carry a photo when the group takes them (alt: its description as
 * typed, when the form comes back refused). */
static void
S_write_form(talk_ctx *x, long long edit, long long parent,
	const char *body, const char *kind, const char *alt)
{
	buf *b = x->b;
	char id[32];
	int k, photo = edit == 0 && x->v->photos;

	S_form_as(x, "message-form", photo);
	if (edit > 0)
		buf_printf(b, "<input type=\"hidden\" name=\"edit\" "
		    "value=\"%lld\">\n", edit);
	if (parent > 0)
		buf_printf(b, "<input type=\"hidden\" name=\"reply\" "
		    "value=\"%lld\">\n", parent);
	if (edit == 0 && parent == 0) {
		buf_printf(b, "<fieldset>\n<legend>%s</legend>\n",
		    msg("C'est…", "This is…"));
		for (k = 0; k < 3; k++) {
			store_msg m;

			memset(&m, 0, sizeof m);
			m.kind = valid_kinds[k];
			buf_printf(b, "<label><input type=\"radio\" "
			    "name=\"kind\" value=\"%s\"%s> %s</label>\n",
			    valid_kinds[k], strcmp(kind, valid_kinds[k]) == 0 ?
			    " checked" : "", S_kind_label(&m));
		}
		buf_puts(b, "</fieldset>\n");
	}
	/* The new message's box is #body (the theme's script finds it);
	 * an answer's or an edit's carries the message's id. */
	if (edit + parent == 0)
		snprintf(id, sizeof id, "body");
	else
		snprintf(id, sizeof id, "body%lld", edit + parent);
	buf_printf(b, "<p><label for=\"%s\">%s</label>\n"
	    "<textarea id=\"%s\" name=\"body\" rows=\"5\" "
	    "maxlength=\"%d\" required>", id, edit ?
	    msg("Mon message", "My message") : parent ? msg("Ma réponse",
	    "My answer") : msg("Écrire au groupe", "Write to the group"),
	    id, VALID_BODY_MAX);
	web_esc(b, body);
	buf_puts(b, "</textarea></p>\n");
	if (photo) {
		/* accept="image/…": a phone offers its camera, no script. */
		buf_printf(b, "<p><label for=\"photo%lld\">%s</label>\n"
		    "<input type=\"file\" id=\"photo%lld\" name=\"photo\" "
		    "accept=\"image/*\"></p>\n<p><label for=\"alt%lld\">%s"
		    "</label>\n<input type=\"text\" id=\"alt%lld\" "
		    "name=\"alt\" maxlength=\"%d\" value=\"", parent,
		    msg("Ajouter une photo de votre écran (facultatif)",
		    "Add a photo of your screen (optional)"), parent, parent,
		    msg("Décrivez la photo (facultatif)", "Describe the photo "
		    "(optional)"), parent, VALID_ALT_MAX);
		web_esc(b, alt != NULL ? alt : "");
		buf_puts(b, "\"></p>\n");
	}
	buf_printf(b, "<p><button type=\"submit\">%s</button>"
	    "</p>\n</form>\n", edit ? msg("Enregistrer", "Save") : parent ?
	    msg("Répondre", "Reply") : msg("Envoyer", "Send"));
}

static int
S_name(void *p, const char *name)
{
	talk_ctx *x = p;

	buf_puts(x->b, "<li>");
	web_esc(x->b, name);
	buf_puts(x->b, "</li>\n");
	return 0;
}

/* The three reactions: a button each for a participant (not on their
 * own message), the counts for everyone, who on demand. */
static void
S_reactions(talk_ctx *x, const store_msg *m)
{
	buf *b = x->b;
	int k, any = 0, mine;

	buf_puts(b, "<div class=\"reactions\">\n");
	for (k = 0; k < 3; k++) {
		mine = (m->mine_react >> k) & 1;
		any |= m->react[k] > 0;
		if (x->v->pid == 0 || x->wall || m->pid == x->v->pid ||
		    m->state != STORE_MSG_SHOWN) {
			if (m->react[k] > 0)
				buf_printf(b, "<p class=\"react-count\">%s "
				    "<span class=\"count\">%d</span></p>\n",
				    S_react_label(k), m->react[k]);
			continue;
		}
		S_form(x, "react");
		buf_printf(b, "<input type=\"hidden\" name=\"react\" "
		    "value=\"%lld\">\n<input type=\"hidden\" name=\"kind\" "
		    "value=\"%s\">\n<button type=\"submit\" "
		    "aria-pressed=\"%s\">%s <span class=\"count\">%d</span>"
		    "</button>\n</form>\n", m->id, valid_reactions[k],
		    mine ? "true" : "false", S_react_label(k), m->react[k]);
	}
	if (any) {
		buf_printf(b, "<details class=\"reactors\">\n<summary>%s"
		    "</summary>\n", msg("Qui a réagi ?", "Who reacted?"));
		for (k = 0; k < 3; k++) {
			if (m->react[k] == 0)
				continue;
			buf_printf(b, "<p>%s :</p>\n<ul>\n", S_react_label(k));
			if ((x->rc = store_reactors(x->c->a->db, m->id, k,
			    TALK_REACTORS, S_name, x)) != STORE_OK)
				break;
			buf_puts(b, "</ul>\n");
		}
		buf_puts(b, "</details>\n");
	}
	buf_puts(b, "</div>\n");
}

/* A button in its own form: name=value, with the label. */
static void
S_button(talk_ctx *x, const char *name, long long id, long long helpful,
	int undo, const char *label)
{
	S_form(x, name);
	buf_printf(x->b, "<input type=\"hidden\" name=\"%s\" value=\"%lld\">\n",
	    name, id);
	if (helpful != 0)
		buf_printf(x->b, "<input type=\"hidden\" name=\"helpful\" "
		    "value=\"%lld\">\n", helpful);
	if (undo)
		buf_puts(x->b, "<input type=\"hidden\" name=\"undo\" "
		    "value=\"1\">\n");
	buf_printf(x->b, "<p><button type=\"submit\">%s</button></p>\n"
	    "</form>\n", label);
}

/* The actions under a message, for who reads. */
static void
S_actions(talk_ctx *x, const store_msg *m)
{
	web_ctx *c = x->c;
	buf *b = x->b;
	const store_msg *q = m->parent != 0 ? x->root : m;
	long long root = m->parent != 0 ? m->parent : m->id;
	int asker = x->v->pid != 0 && q != NULL && q->pid == x->v->pid;
	int mine = x->v->pid != 0 && m->pid == x->v->pid;
	int shown = m->state == STORE_MSG_SHOWN && !m->erased;

	if (x->wall) {
		const course_item *l = course_lesson(&c->a->site, m->lesson);

		if (l == NULL)
			return;
		buf_puts(b, "<p class=\"message-actions\"><a href=\"");
		web_api_link(c, b, "%s", "/comments?lesson=");
		web_esc(b, l->id);
		buf_printf(b, "&amp;reply=%lld#reponse\">%s</a></p>\n", m->id,
		    msg("Répondre", "Reply"));
		return;
	}
	if (shown && x->reply != m->id && (*x->lesson != '\0' ||
	    x->v->tid != 0)) {
		buf_puts(b, "<p class=\"message-actions\"><a href=\"");
		S_self(x, x->lesson, "");
		buf_printf(b, "%sreply=%lld#reponse\">%s</a></p>\n",
		    *x->lesson != '\0' ? "&amp;" : "?", m->id,
		    msg("Répondre", "Reply"));
	}
	if (mine && m->created >= c->now - TALK_EDIT_WINDOW &&
	    x->edit != m->id) {
		buf_puts(b, "<p class=\"message-actions\"><a href=\"");
		S_self(x, x->lesson, "");
		buf_printf(b, "&amp;edit=%lld#m%lld\">%s</a></p>\n", m->id,
		    m->id, msg("Modifier", "Edit"));
		S_button(x, "delete", m->id, 0, 0, msg("Supprimer", "Delete"));
	}
	/* Someone else's message: tell the trainers something is wrong. */
	if (x->v->pid != 0 && !mine && shown && m->pid != 0) {
		if (m->mine_reported)
			buf_printf(b, "<p class=\"message-actions\">%s</p>\n",
			    msg("Vous l'avez signalé aux formateurs.",
			    "You reported it to the trainers."));
		else
			S_button(x, "report", m->id, 0, 0,
			    msg("Signaler", "Report"));
	}
	/* The asker or a trainer: solved, and by which answer. */
	if ((asker || x->v->tid != 0) && q != NULL && shown &&
	    strcmp(q->kind, "question") == 0) {
		if (m->parent == 0 && m->solved == 0)
			S_button(x, "solve", root, 0, 0, msg("C'est résolu",
			    "It is solved"));
		else if (m->parent == 0)
			S_button(x, "solve", root, 0, 1, msg("Rouvrir la "
			    "question", "Open the question again"));
		else if (q->helpful != m->id)
			S_button(x, "solve", root, m->id, 0, asker ?
			    msg("Résolu : cette réponse m'a aidé", "Solved: "
			    "this answer helped me") : msg("Résolu par cette "
			    "réponse", "Solved by this answer"));
	}
	if (x->v->tid != 0 && m->parent == 0 && shown)
		S_button(x, "pin", m->id, 0, m->pinned, m->pinned ?
		    msg("Ne plus épingler", "Unpin") : msg("Épingler en haut",
		    "Pin at the top"));
}

static int S_reply(void *p, const store_msg *m);

/* A message's photo: served by the CGI to the group and its trainers
 * (talk_photo), at its size so that the page does not jump; the alt
 * text its description, or whose photo it is. */
static void
S_photo(talk_ctx *x, const store_msg *m)
{
	buf *b = x->b;

	/* Hidden: its author still sees the message, not its photo. */
	if (m->state == STORE_MSG_HIDDEN && x->v->tid == 0) {
		buf_printf(b, "<p class=\"photo-hidden\">%s</p>\n",
		    msg("(photo masquée)", "(photo hidden)"));
		return;
	}
	buf_puts(b, "<p class=\"photo\"><img src=\"");
	if (x->v->tid != 0)
		web_api_link(x->c, b, "/trainer/groups/%lld/photos/%lld",
		    x->v->gid, m->photo);
	else
		web_api_link(x->c, b, "/photos/%lld", m->photo);
	buf_printf(b, "\" width=\"%d\" height=\"%d\" alt=\"", m->photo_w,
	    m->photo_h);
	if (m->photo_alt != NULL && *m->photo_alt != '\0') {
		web_esc(b, m->photo_alt);
	} else if (*m->author == '\0') {
		/* A trainer who has no title yet. */
		buf_puts(b, msg("Photo envoyée par l'équipe de formation",
		    "Photo sent by the trainers"));
	} else {
		buf_puts(b, msg("Photo envoyée par ", "Photo sent by "));
		web_esc(b, m->author);
	}
	buf_puts(b, "\" loading=\"lazy\" decoding=\"async\"></p>\n");
}

/* One message (a question or an answer). */
static void
S_message(talk_ctx *x, const store_msg *m)
{
	web_ctx *c = x->c;
	buf *b = x->b;
	const course_item *l;
	int fresh = x->seen >= 0 && m->id > x->seen && (x->v->pid == 0 ||
	    m->pid != x->v->pid);

	buf_printf(b, "<article class=\"message message-%s%s%s%s\" "
	    "id=\"m%lld\">\n<p class=\"message-meta\">", m->parent ? "reply" :
	    m->kind, fresh ? " new" : "", m->solved ? " solved" : "",
	    m->pinned ? " pinned" : "", m->id);
	if (fresh)
		buf_printf(b, "<strong class=\"new-mark\">%s</strong> ",
		    msg("nouveau", "new"));
	if (m->pinned)
		buf_printf(b, "<strong class=\"pin-mark\">%s</strong> ",
		    msg("Épinglé", "Pinned"));
	if (m->erased) {
		buf_printf(b, "<strong>%s</strong>", msg("Message supprimé",
		    "Deleted message"));
	} else if (m->tid != 0) {
		buf_puts(b, "<strong class=\"role\">");
		web_esc(b, *m->author != '\0' ? m->author :
		    msg("Formatrice ou formateur", "Trainer"));
		buf_puts(b, "</strong>");
	} else {
		buf_puts(b, "<strong>");
		web_esc(b, m->author);
		buf_puts(b, "</strong>");
	}
	buf_printf(b, " · %s · ", S_kind_label(m));
	web_date(b, m->created);
	if (m->edited)
		buf_printf(b, " (%s)", msg("modifié", "edited"));
	if (x->wall && (l = course_lesson(&c->a->site, m->lesson)) != NULL) {
		buf_printf(b, " · %s <a href=\"", msg("sur", "on"));
		web_api_link(c, b, "%s", "/comments?lesson=");
		web_esc(b, l->id);
		buf_printf(b, "#m%lld\">", m->id);
		web_esc(b, l->title);
		buf_puts(b, "</a>");
	}
	if (m->solved && m->parent == 0)
		buf_printf(b, " · <strong class=\"badge solved-mark\">✓ %s"
		    "</strong>", msg("Résolu", "Solved"));
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
	if (m->erased)
		buf_printf(b, "<p class=\"message-erased\">%s</p>\n",
		    msg("message supprimé", "message deleted"));
	else if (x->edit == m->id && x->v->pid != 0 && m->pid == x->v->pid &&
	    m->created >= c->now - TALK_EDIT_WINDOW)
		S_write_form(x, m->id, 0, m->body, m->kind, NULL);
	else
		web_render_text(b, m->body);
	if (m->photo != 0 && !m->erased)
		S_photo(x, m);
	if (m->parent != 0 && x->root != NULL && x->root->helpful == m->id)
		buf_printf(b, "<p class=\"helpful-mark\"><strong>✓ %s</strong>"
		    "</p>\n", msg("Cette réponse a aidé.", "This answer "
		    "helped."));
	if (!m->erased)
		S_reactions(x, m);
	S_actions(x, m);
	if (x->reply == m->id && !x->wall) {
		buf_printf(b, "<div id=\"reponse\">\n<h3>%s</h3>\n",
		    msg("Répondre", "Reply"));
		S_write_form(x, 0, m->parent ? m->parent : m->id, "", "",
		    NULL);
		buf_puts(b, "</div>\n");
	}
	buf_puts(b, "</article>\n");
}

static int
S_reply(void *p, const store_msg *m)
{
	S_message(p, m);
	return ((talk_ctx *)p)->rc != STORE_OK;
}

/* A question and its answers. */
static int
S_thread(void *p, const store_msg *m)
{
	talk_ctx *x = p;

	if (x->n == TALK_PAGE) {
		x->more = 1;
		return 1;
	}
	x->n++;
	x->root = m;
	buf_puts(x->b, "<div class=\"thread\">\n");
	S_message(x, m);
	if (x->rc == STORE_OK && m->replies > 0) {
		buf_printf(x->b, "<section class=\"replies\" aria-label=\"%s\">"
		    "\n", msg("Réponses", "Answers"));
		x->rc = store_msg_replies(x->c->a->db, m->id, x->wall ?
		    TALK_WALL_REPLIES : TALK_REPLIES, x->v->pid, S_reply, x);
		buf_puts(x->b, "</section>\n");
	}
	buf_puts(x->b, "</div>\n");
	x->root = NULL;
	return x->rc != STORE_OK;
}

/* Pinned messages are threads too, but never count for the page. */
static int
S_pinned(void *p, const store_msg *m)
{
	talk_ctx *x = p;
	int n = x->n, rc;

	x->n = 0;
	x->pinned++;
	rc = S_thread(p, m);
	x->n = n;
	return rc;
}

static void
S_init(talk_ctx *x, web_ctx *c, buf *b, const talk_view *v,
	const char *lesson)
{
	memset(x, 0, sizeof *x);
	x->c = c;
	x->b = b;
	x->v = v;
	x->lesson = lesson;
	x->seen = -1;
	x->rc = STORE_OK;
}

/* "Messages plus récents" / "Messages plus anciens". */
static void
S_pages(talk_ctx *x, const char *path, const char *lesson, long long page)
{
	buf *b = x->b;

	if (page <= 1 && !x->more)
		return;
	buf_printf(b, "<nav class=\"pages\" aria-label=\"%s\">\n<p>",
	    msg("Pages des messages", "Message pages"));
	if (page > 1) {
		buf_puts(b, "<a href=\"");
		web_api_link(x->c, b, "%s", path);
		buf_puts(b, lesson != NULL ? "?lesson=" : "");
		if (lesson != NULL)
			web_esc(b, lesson);
		buf_printf(b, "%spage=%lld\" rel=\"prev\">%s</a> ", lesson ?
		    "&amp;" : "?", page - 1, msg("Messages plus récents",
		    "Newer messages"));
	}
	if (x->more) {
		buf_puts(b, "<a href=\"");
		web_api_link(x->c, b, "%s", path);
		buf_puts(b, lesson != NULL ? "?lesson=" : "");
		if (lesson != NULL)
			web_esc(b, lesson);
		buf_printf(b, "%spage=%lld\" rel=\"next\">%s</a>", lesson ?
		    "&amp;" : "?", page + 1, msg("Messages plus anciens",
		    "Older messages"));
	}
	buf_puts(b, "</p>\n</nav>\n");
}

static int
S_lesson_item(void *p, const char *id, long long n)
{
	talk_ctx *x = p;
	const course_item *l = course_lesson(&x->c->a->site, id);

	if (l == NULL)
		return 0;
	buf_puts(x->b, "<li><a href=\"");
	S_self(x, l->id, "");
	buf_puts(x->b, "\">");
	web_esc(x->b, l->title);
	buf_printf(x->b, "</a> (%lld %s)</li>\n", n, n > 1 ?
	    msg("messages", "messages") : msg("message", "message"));
	return 0;
}

/* A trainer's page of the group: any lesson's discussion (a form
 * without JavaScript), those with messages, then the group's own. */
static int
S_lessons(talk_ctx *x)
{
	const course *site = &x->c->a->site;
	buf *b = x->b;
	int i, rc;

	buf_puts(b, "<form method=\"get\" action=\"");
	web_api_link(x->c, b, "%s", x->v->home);
	buf_printf(b, "\" class=\"lesson-pick\">\n<p><label for=\"lesson\">%s"
	    "</label>\n<select id=\"lesson\" name=\"lesson\">\n",
	    msg("Écrire dans la discussion d'une leçon :", "Write in a "
	    "lesson's discussion:"));
	for (i = 0; i < site->nl; i++) {
		buf_puts(b, "<option value=\"");
		web_esc(b, site->l[i].id);
		buf_puts(b, "\">");
		web_esc(b, site->l[i].title);
		buf_puts(b, "</option>\n");
	}
	buf_printf(b, "</select>\n<button type=\"submit\">%s</button></p>\n"
	    "</form>\n<h2>%s</h2>\n<ul class=\"talk-lessons\">\n",
	    msg("Ouvrir", "Open"), msg("Les discussions des leçons",
	    "The lessons' discussions"));
	rc = store_msg_lessons(x->c->a->db, x->v->gid, TALK_LESSONS,
	    S_lesson_item, x);
	buf_printf(b, "</ul>\n<h2>%s</h2>\n<p>%s</p>\n",
	    msg("Les messages au groupe", "Messages to the group"),
	    msg("Ils s'affichent sur la page « Mon groupe » des "
	    "participants ; épinglez une annonce pour la garder en haut.",
	    "They show on the participants' \"My group\" page; pin an "
	    "announcement to keep it at the top."));
	return rc;
}

void
talk_discussion(web_ctx *c, const talk_view *v, const course_item *l)
{
	const char *lesson = l != NULL ? l->id : "";
	long long page = web_num(c, "page"), seen_group = 0, seen = 0;
	talk_ctx x;
	buf b;
	int rc;

	if (page == 0)
		page = 1;
	if (v->pid != 0 && ((rc = store_visit(c->a->db, v->pid, 0, "",
	    &seen_group)) != STORE_OK || (rc = store_visit(c->a->db, v->pid,
	    v->gid, lesson, &seen)) != STORE_OK)) {
		web_store_fail(c, rc);
		return;
	}
	buf_init(&b, WEB_BIG_PAGE);
	S_init(&x, c, &b, v, lesson);
	if (v->pid != 0)
		x.seen = seen > seen_group ? seen : seen_group;
	x.edit = web_num(c, "edit");
	x.reply = web_num(c, "reply");
	buf_printf(&b, "<p class=\"kicker\">%s</p>\n<h1>",
	    msg("Discussion du groupe", "Group discussion"));
	web_esc(&b, l != NULL ? l->title : v->group);
	buf_puts(&b, "</h1>\n<p>");
	if (l != NULL) {
		web_link(c, &b, l);
		buf_puts(&b, " · ");
	}
	buf_printf(&b, "%s · <a href=\"", msg("visible seulement par votre "
	    "groupe et vos formateurs", "seen only by your group and your "
	    "trainers"));
	if (v->tid != 0)
		web_api_link(c, &b, "/trainer/groups/%lld", v->gid);
	else
		web_api_link(c, &b, "%s", "/group");
	buf_printf(&b, "\">%s</a></p>\n", v->tid != 0 ? msg("Retour au groupe",
	    "Back to the group") : msg("Mon groupe", "My group"));
	rc = l == NULL ? S_lessons(&x) : STORE_OK;
	if (rc == STORE_OK && page == 1)
		rc = store_msg_pinned(c->a->db, v->gid, lesson, TALK_PINNED,
		    v->pid, S_pinned, &x);
	if (rc == STORE_OK && x.rc == STORE_OK)
		rc = store_msg_roots(c->a->db, v->gid, lesson, TALK_PAGE + 1,
		    (int)((page - 1) * TALK_PAGE), v->pid, S_thread, &x);
	if (rc == STORE_OK)
		rc = x.rc;
	if (rc != STORE_OK) {
		buf_free(&b);
		web_store_fail(c, rc);
		return;
	}
	if (x.n == 0 && page == 1 && x.pinned > 0)
		buf_printf(&b, "<p>%s</p>\n", msg("Pas d'autre message.",
		    "No other message."));
	else if (x.n == 0 && page == 1)
		buf_printf(&b, "<p>%s</p>\n", msg("Pas encore de message. "
		    "Posez la première question !", "No message yet. Ask the "
		    "first question!"));
	else if (x.n == 0) {
		buf_free(&b);
		web_not_found(c);
		return;
	}
	S_pages(&x, v->home, l != NULL ? l->id : NULL, page);
	if (x.edit == 0 && x.reply == 0) {
		buf_printf(&b, "<h2>%s</h2>\n", msg("Écrire au groupe",
		    "Write to the group"));
		S_write_form(&x, 0, 0, "", "question", NULL);
	}
	web_page(c, 200, l != NULL ? l->title : v->group, b.data);
	buf_free(&b);
}

/* Back to the discussion, at message id (0: its top). */
static void
S_back(web_ctx *c, const talk_view *v, const course_item *l, long long id)
{
	buf to;

	buf_init(&to, WEB_SMALL);
	buf_printf(&to, "%s%s", c->a->site.api, v->home);
	if (l != NULL)
		buf_printf(&to, "?lesson=%s", l->id);
	if (id != 0)
		buf_printf(&to, "#m%lld", id);
	web_redirect(c, to.data);
	buf_free(&to);
}

static void
S_react(web_ctx *c, const talk_view *v, const course_item *l, long long id)
{
	long long k = web_num(c, "kind") - 3;
	int rc, count = 0, mine = 0;
	buf j;

	if (web_str(c, "kind") == NULL || k < 0 || v->pid == 0) {
		web_fail(c, 400, msg("Choisissez : Moi aussi, Merci ou Ça m'a "
		    "aidé.", "Choose: Me too, Thanks or It helped me."));
		return;
	}
	rc = store_react(c->a->db, id, v->gid, v->pid, (int)k, c->now, &count,
	    &mine);
	if (rc == STORE_NONE) {
		web_fail(c, 404, msg("Ce message n'existe pas.",
		    "This message does not exist."));
		return;
	}
	if (rc != STORE_OK) {
		web_store_fail(c, rc);
		return;
	}
	if (c->req->wants_json) {
		buf_init(&j, WEB_SMALL);
		buf_printf(&j, "{\"id\":%lld,\"kind\":\"%s\",\"count\":%d,"
		    "\"mine\":%s}", id, valid_reactions[k], count,
		    mine ? "true" : "false");
		web_json(c, 200, j.data);
		buf_free(&j);
		return;
	}
	S_back(c, v, l, id);
}

void
talk_refused(web_ctx *c, const talk_view *v, const course_item *l,
	const char *why)
{
	/* As sent (http.c checked them: UTF-8, no control character), for
	 * the route's validators may have stopped before them; escaped. */
	const char *body = http_form(c->req, "body"),
	    *kind = http_form(c->req, "kind"), *alt = http_form(c->req, "alt");
	long long reply = valid_id_parse(http_form(c->req, "reply"));
	talk_ctx x;
	int k;
	buf b;

	if (c->req->wants_json) {
		web_fail(c, 400, why);
		return;
	}
	io_log("400 %s %s: %s", c->req->method_name, c->req->path, why);
	buf_init(&b, WEB_BIG_PAGE);
	S_init(&x, c, &b, v, l != NULL ? l->id : "");
	buf_printf(&b, "<h1>%s</h1>\n<p class=\"problem\" role=\"alert\">",
	    msg("Photo refusée", "Photo refused"));
	web_esc(&b, why);
	buf_printf(&b, "</p>\n<p>%s</p>\n", msg("Votre message n'est pas "
	    "encore envoyé : le voici, choisissez une autre photo ou "
	    "envoyez-le sans photo.", "Your message is not sent yet: here it "
	    "is, choose another photo or send it without one."));
	for (k = 0; k < 3 && kind != NULL; k++)
		if (strcmp(kind, valid_kinds[k]) == 0)
			break;
	S_write_form(&x, 0, reply, body != NULL ? body : "", kind != NULL &&
	    k < 3 ? kind : "question", alt);
	buf_puts(&b, "<p><a href=\"");
	S_self(&x, x.lesson, "");
	buf_printf(&b, "\">%s</a></p>\n", msg("Revenir à la discussion",
	    "Back to the discussion"));
	web_page(c, 400, msg("Photo refusée", "Photo refused"), b.data);
	buf_free(&b);
}

/* The photo sent with a new message, if any, re-encoded into p (img
 * then holds the JPEG to free). 0, or -1 having answered 400. */
static int
S_take_photo(web_ctx *c, const talk_view *v, const course_item *l,
	store_post *p, image_out *img)
{
	const web_value *f = web_field(c, "photo");
	const http_file *hf = f != NULL ? f->p : NULL;
	const char *why = NULL;

	if (hf == NULL)
		return 0;
	if (!v->photos) {
		talk_refused(c, v, l, msg("Les photos sont désactivées pour ce "
		    "groupe par ses formateurs : envoyez le message sans "
		    "photo.", "Photos are turned off for this group by its "
		    "trainers: send the message without one."));
		return -1;
	}
	if (image_reencode((const unsigned char *)hf->data, hf->len, 0, img,
	    &why) < 0) {
		talk_refused(c, v, l, why);
		return -1;
	}
	p->jpeg = (const unsigned char *)img->jpeg.data;
	p->jpeg_len = img->jpeg.len;
	p->photo_w = img->width;
	p->photo_h = img->height;
	p->alt = web_str(c, "alt");
	return 0;
}

/* The answer of a store call that names one message: back to it, 404
 * or 403 (why), or 503. */
static void
S_done(web_ctx *c, const talk_view *v, const course_item *l, long long id,
	int rc, int status, const char *why)
{
	if (rc == STORE_NONE)
		web_fail(c, status, why);
	else if (rc != STORE_OK)
		web_store_fail(c, rc);
	else
		S_back(c, v, l, id);
}

/* "Supprimer votre message ?": the page before store_msg_delete. */
static void
S_confirm_delete(web_ctx *c, const talk_view *v, const course_item *l,
	long long id)
{
	web_confirm_page p = { 0 };
	char back[WEB_SMALL], num[32];
	buf b;

	buf_init(&b, WEB_SMALL);
	buf_printf(&b, "<p>%s</p>\n<p>%s</p>\n", msg("Si vous continuez, "
	    "votre message et sa photo sont effacés pour toujours. S'il a des "
	    "réponses, elles restent, et le groupe voit « message supprimé » "
	    "à sa place.", "If you go on, your message and its photo are "
	    "erased for ever. If it has answers, they stay, and the group sees "
	    "\"message deleted\" in its place."), msg("On ne peut pas revenir en arrière.",
	    "This cannot be undone."));
	snprintf(back, sizeof back, "%s%s%s%s#m%lld", c->a->site.api, v->home,
	    l != NULL ? "?lesson=" : "", l != NULL ? l->id : "", id);
	snprintf(num, sizeof num, "%lld", id);
	p.title = msg("Supprimer votre message ?", "Delete your message?");
	p.lost = b.data;
	p.action = v->home;
	p.hidden[0].name = "delete";
	p.hidden[0].value = num;
	if (l != NULL) {
		p.hidden[1].name = "lesson";
		p.hidden[1].value = l->id;
	}
	p.go = msg("Oui, supprimer", "Yes, delete");
	p.keep = msg("Non, garder mon message", "No, keep my message");
	p.back = back;
	web_confirm(c, &p);
	buf_free(&b);
}

void
talk_post(web_ctx *c, const talk_view *v, const course_item *l)
{
	const char *kind = web_str(c, "kind"), *body = web_str(c, "body");
	const char *gone = msg("Ce message n'existe pas.",
	    "This message does not exist.");
	long long id = 0, edit = web_num(c, "edit"), del = web_num(c, "delete"),
	    report = web_num(c, "report"), reply = web_num(c, "reply"),
	    react = web_num(c, "react"), solve = web_num(c, "solve"),
	    pin = web_num(c, "pin"), undo = web_num(c, "undo") == 1;
	store_post p;
	image_out img;
	int rc, hold = v->hold_links && v->pid != 0 && body != NULL &&
	    web_has_link(body);

	if (react != 0) {
		S_react(c, v, l, react);
		return;
	}
	if (solve != 0) {
		rc = store_msg_solve(c->a->db, solve, v->gid, v->pid,
		    web_num(c, "helpful"), undo ? 0 : c->now);
		S_done(c, v, l, solve, rc, 403, msg("Seule la personne qui a "
		    "posé la question, ou un formateur, peut dire qu'elle est "
		    "résolue.", "Only who asked, or a trainer, can mark the "
		    "question solved."));
		return;
	}
	if (pin != 0 && v->tid != 0) {
		rc = store_msg_pin(c->a->db, pin, v->gid, !undo);
		S_done(c, v, l, pin, rc, 404, gone);
		return;
	}
	if (v->pid != 0 && del != 0 && !web_confirmed(c)) {
		rc = store_msg_deletable(c->a->db, del, v->pid,
		    c->now - TALK_EDIT_WINDOW);
		if (rc == STORE_OK)
			S_confirm_delete(c, v, l, del);
		else
			S_done(c, v, l, 0, rc, 403, msg("Ce message ne peut "
			    "plus être supprimé (15 minutes après l'envoi).",
			    "This message can no longer be deleted (15 minutes "
			    "after sending)."));
		return;
	}
	if (v->pid != 0 && del != 0) {
		rc = store_msg_delete(c->a->db, del, v->pid,
		    c->now - TALK_EDIT_WINDOW);
		S_done(c, v, l, 0, rc, 403, msg("Ce message ne peut plus être "
		    "supprimé (15 minutes après l'envoi).", "This message can "
		    "no longer be deleted (15 minutes after sending)."));
		return;
	}
	if (v->pid != 0 && report != 0) {
		rc = store_msg_report(c->a->db, report, v->gid, v->pid, c->now);
		S_done(c, v, l, report, rc, 404, gone);
		return;
	}
	/* What is left of those is not the reader's to do (a trainer
	 * neither edits, deletes nor reports here: moderation does). */
	if (del != 0 || report != 0 || pin != 0 || (edit != 0 &&
	    v->pid == 0)) {
		web_fail(c, 403, msg("Cette action n'est pas permise ici.",
		    "This action is not allowed here."));
		return;
	}
	/* Adding or editing: a body is needed (valid_body checked it). */
	if (body == NULL) {
		web_fail(c, 400, msg("Le message doit faire entre 1 et 2 000 "
		    "caractères.", "A message must be 1 to 2,000 characters "
		    "long."));
		return;
	}
	if (edit != 0 && v->pid != 0) {
		rc = store_msg_edit(c->a->db, edit, v->pid,
		    c->now - TALK_EDIT_WINDOW, body, hold, c->now);
		S_done(c, v, l, edit, rc, 403, msg("Ce message ne peut plus "
		    "être modifié (15 minutes après l'envoi).", "This message "
		    "can no longer be edited (15 minutes after sending)."));
		return;
	}
	if (reply == 0 && (kind == NULL || web_num(c, "kind") > 2)) {
		web_fail(c, 400, msg("Choisissez : question, astuce ou "
		    "ressource.", "Choose: question, tip or resource."));
		return;
	}
	memset(&p, 0, sizeof p);
	if (S_take_photo(c, v, l, &p, &img) < 0)
		return;
	p.gid = v->gid;
	p.pid = v->pid;
	p.tid = v->tid;
	p.parent = reply;
	p.lesson = l != NULL ? l->id : "";
	p.kind = reply != 0 ? "question" : kind;
	p.body = body;
	p.state = hold ? STORE_MSG_HELD : STORE_MSG_SHOWN;
	rc = store_msg_post(c->a->db, &p, c->now, c->now - TALK_MSG_WINDOW,
	    v->pid != 0 ? TALK_MSGS_PER_WINDOW : 0, &id);
	if (p.jpeg != NULL)
		buf_free(&img.jpeg);
	if (rc == STORE_LIMIT) {
		web_fail(c, 429, msg("Vous avez envoyé beaucoup de messages. "
		    "Attendez une minute.", "You sent many messages. Wait a "
		    "minute."));
		return;
	}
	S_done(c, v, l, id, rc, 404, gone);
}

/* ------------------------------------------------------------------ */
/* "Mon groupe" */

static int
S_joined(void *p, const store_member *m)
{
	talk_ctx *x = p;

	buf_puts(x->b, "<li>");
	web_esc(x->b, m->name);
	buf_puts(x->b, " · ");
	web_longday(x->b, m->created);
	buf_puts(x->b, "</li>\n");
	return 0;
}

void
talk_group(web_ctx *c, const talk_view *v)
{
	long long page = web_num(c, "page"), seen = 0;
	store_stats st;
	talk_ctx x;
	buf b;
	int rc;

	if (page == 0)
		page = 1;
	if ((rc = store_group_stats(c->a->db, v->gid, v->pid, NULL, &st)) !=
	    STORE_OK || (rc = store_visit(c->a->db, v->pid, v->gid, "",
	    &seen)) != STORE_OK) {
		web_store_fail(c, rc);
		return;
	}
	buf_init(&b, WEB_BIG_PAGE);
	S_init(&x, c, &b, v, "");
	x.wall = 1;
	x.seen = seen;
	buf_printf(&b, "<p class=\"kicker\">%s</p>\n<h1>", msg("Mon groupe",
	    "My group"));
	web_esc(&b, v->group);
	buf_printf(&b, "</h1>\n<p>%s</p>\n", msg("Les questions et les "
	    "messages de votre groupe. Seuls votre groupe et vos formateurs "
	    "les voient.", "Your group's questions and messages. Only your "
	    "group and your trainers see them."));
	if (st.unread > 0)
		buf_printf(&b, "<p class=\"unread\"><strong>%lld %s</strong>"
		    "</p>\n", st.unread, st.unread > 1 ? msg("nouveaux "
		    "messages depuis votre dernière visite", "new messages "
		    "since your last visit") : msg("nouveau message depuis "
		    "votre dernière visite", "new message since your last "
		    "visit"));
	rc = STORE_OK;
	if (page == 1) {
		buf_printf(&b, "<h2>%s</h2>\n", msg("Épinglé par les "
		    "formateurs", "Pinned by the trainers"));
		x.n = 0;
		rc = store_msg_pinned(c->a->db, v->gid, NULL, TALK_PINNED,
		    v->pid, S_pinned, &x);
		if (rc == STORE_OK && x.pinned == 0)
			buf_printf(&b, "<p>%s</p>\n", msg("Rien d'épinglé.",
			    "Nothing pinned."));
	}
	if (rc == STORE_OK && x.rc == STORE_OK) {
		buf_printf(&b, "<h2>%s</h2>\n", msg("Questions et messages "
		    "(les questions ouvertes d'abord)", "Questions and "
		    "messages (open questions first)"));
		x.n = 0;
		rc = store_msg_roots(c->a->db, v->gid, NULL, TALK_PAGE + 1,
		    (int)((page - 1) * TALK_PAGE), v->pid, S_thread, &x);
	}
	if (rc == STORE_OK)
		rc = x.rc;
	if (rc == STORE_OK && x.n == 0)
		buf_printf(&b, "<p>%s</p>\n", x.pinned > 0 ? msg("Pas d'autre "
		    "message.", "No other message.") : msg("Pas encore de "
		    "message.", "No message yet."));
	if (rc == STORE_OK)
		S_pages(&x, "/group", NULL, page);
	if (rc == STORE_OK && page == 1) {
		buf_printf(&b, "<h2>%s</h2>\n<ul class=\"joined\">\n",
		    msg("Ils ont rejoint le groupe", "They joined the group"));
		rc = store_joined(c->a->db, v->gid, TALK_JOINED, S_joined, &x);
		buf_puts(&b, "</ul>\n");
	}
	if (rc != STORE_OK) {
		buf_free(&b);
		web_store_fail(c, rc);
		return;
	}
	web_page(c, 200, msg("Mon groupe", "My group"), b.data);
	buf_free(&b);
}

void
talk_stats(web_ctx *c, const talk_view *v, const course_item *l)
{
	store_stats st;
	buf j;
	int rc;

	rc = store_group_stats(c->a->db, v->gid, v->pid, l != NULL ? l->id :
	    NULL, &st);
	if (rc != STORE_OK) {
		web_store_fail(c, rc);
		return;
	}
	buf_init(&j, WEB_SMALL);
	buf_printf(&j, "{\"unread\":%lld", st.unread);
	if (l != NULL)
		buf_printf(&j, ",\"messages\":%lld,\"new\":%lld,\"done\":%lld",
		    st.messages, st.fresh, st.done);
	buf_puts(&j, "}");
	web_json(c, 200, j.data);
	buf_free(&j);
}

/* ------------------------------------------------------------------ */
/* Photos */

void
talk_photo(web_ctx *c, const talk_view *v, long long id)
{
	store_photo ph;
	buf jpeg;
	int rc;

	buf_init(&jpeg, IMAGE_MAX_OUT + 1);
	rc = store_photo_get(c->a->db, id, &ph, &jpeg);
	if (rc == STORE_OK && (ph.gid != v->gid || (v->tid == 0 &&
	    (v->pid == 0 || (ph.state != STORE_MSG_SHOWN &&
	    !(ph.state == STORE_MSG_HELD && ph.pid == v->pid))))))
		rc = STORE_NONE;
	if (rc == STORE_NONE)
		web_not_found(c);
	else if (rc != STORE_OK)
		web_store_fail(c, rc);
	else {
		web_body(c, "image/jpeg", &jpeg);
		c->res->cache = "private, max-age=86400";
		http_header(c->res, "Content-Disposition: inline");
	}
	buf_free(&jpeg);
}
