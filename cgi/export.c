#include "export.h"

#include "../common/text.h"

/* Every message of the group is looked at: the export keeps the
 * participant's own. */
#define EXPORT_MSG_LIMIT 1000000

typedef struct export_ctx {
	buf *b;
	int n;
	long long pid;
} export_ctx;

static int
S_done(void *p, const char *lesson, long long at)
{
	export_ctx *x = p;

	buf_puts(x->b, x->n++ ? ",{\"lesson\":\"" : "{\"lesson\":\"");
	json_escape(x->b, lesson);
	buf_printf(x->b, "\",\"at\":%lld}", at);
	return 0;
}

static int
S_msg(void *p, const store_msg *m)
{
	export_ctx *x = p;

	if (m->pid != x->pid)
		return 0;
	buf_puts(x->b, x->n++ ? ",{\"lesson\":\"" : "{\"lesson\":\"");
	json_escape(x->b, m->lesson);
	buf_puts(x->b, "\",\"kind\":\"");
	json_escape(x->b, m->kind);
	buf_puts(x->b, "\",\"body\":\"");
	json_escape(x->b, m->body);
	buf_printf(x->b, "\",\"created\":%lld", m->created);
	/* Its photo is said, not copied: she gets it at /photos/ID. */
	if (m->photo != 0) {
		buf_printf(x->b, ",\"photo\":{\"id\":%lld,\"width\":%d,"
		    "\"height\":%d,\"bytes\":%lld,\"alt\":\"", m->photo,
		    m->photo_w, m->photo_h, m->photo_bytes);
		json_escape(x->b, m->photo_alt);
		buf_puts(x->b, "\"}");
	}
	buf_puts(x->b, "}");
	return 0;
}

static int
S_quiz(void *p, const char *lesson, const char *question,
	const char *choices, int correct, long long at)
{
	export_ctx *x = p;

	buf_puts(x->b, x->n++ ? ",{\"lesson\":\"" : "{\"lesson\":\"");
	json_escape(x->b, lesson);
	buf_puts(x->b, "\",\"question\":\"");
	json_escape(x->b, question);
	buf_puts(x->b, "\",\"choices\":\"");
	json_escape(x->b, choices);
	buf_printf(x->b, "\",\"correct\":%s,\"at\":%lld}", correct ?
	    "true" : "false", at);
	return 0;
}

int
export_participant(store *db, buf *b, const store_who *who)
{
	export_ctx x;
	int rc;

	buf_puts(b, "{\"name\":\"");
	json_escape(b, who->name);
	buf_puts(b, "\",\"group\":\"");
	json_escape(b, who->group);
	buf_puts(b, "\",\"completions\":[");
	x.b = b;
	x.n = 0;
	x.pid = who->pid;
	rc = store_done_list(db, who->pid, S_done, &x);
	buf_puts(b, "],\"messages\":[");
	x.n = 0;
	if (rc == STORE_OK)
		rc = store_msg_list(db, who->gid, NULL, EXPORT_MSG_LIMIT,
		    who->pid, S_msg, &x);
	/* Her quiz answers, every try (the question by its id). */
	buf_puts(b, "],\"quiz_answers\":[");
	x.n = 0;
	if (rc == STORE_OK)
		rc = store_quiz_list(db, who->pid, S_quiz, &x);
	buf_puts(b, "]}\n");
	return rc;
}
