/*
 * generator/fm.h: the front matter of a Markdown file, its tree, the line
 * of every node, and the messages for what is wrong.
 */
#include <stdlib.h>

#include "../../common/buf.h"
#include "../../generator/diag.h"
#include "../../generator/fm.h"
#include "check.h"

/* Parse the C string src as file "x.md". */
static int
S_parse(const char *src, diag *d, fm_doc *doc)
{
	return fm_parse(src, strlen(src), "content/x.md", d, doc);
}

/* The one message of d, or NULL when there is not exactly one. */
static const diag_msg *
S_only(const diag *d)
{
	return d->n == 1 ? &d->a[0] : NULL;
}

static void
test_fm_none(void)
{
	diag d;
	fm_doc doc;
	static const char *const no_fm[] = {
		"# Titre\n\nTexte.\n",
		"",
		"--",
		"---",           /* no newline: not an opening line */
		"----\ntitle: x\n----\n",
		"--- \ntitle: x\n---\n",
		"Texte\n---\ntitle: x\n---\n",
		" ---\ntitle: x\n---\n",
	};
	size_t i;

	msg_set_language("fr");
	for (i = 0; i < sizeof no_fm / sizeof no_fm[0]; i++) {
		diag_init(&d);
		doc.root = (fm_node *)&doc; /* must be overwritten */
		doc.body_off = 99;
		doc.body_line = 99;
		CHECK(S_parse(no_fm[i], &d, &doc) == 0);
		CHECK(doc.root == NULL);
		CHECK(doc.body_off == 0);
		CHECK(doc.body_line == 1);
		CHECK(d.n == 0);
		diag_free(&d);
	}
}

static void
test_fm_normal(void)
{
	const char *src =
	    "---\n"                     /* 1 */
	    "title: Bonjour le monde\n" /* 2 */
	    "weight: 3\n"               /* 3 */
	    "tags:\n"                   /* 4 */
	    "  - un\n"                  /* 5 */
	    "  - deux\n"                /* 6 */
	    "meta:\n"                   /* 7 */
	    "  author: Zoé\n"           /* 8 */
	    "  year: 2026\n"            /* 9 */
	    "---\n"                     /* 10 */
	    "Corps du texte\n";         /* 11 */
	diag d;
	fm_doc doc;
	const fm_node *v, *tags, *meta;

	diag_init(&d);
	CHECK(S_parse(src, &d, &doc) == 0);
	CHECK(d.n == 0);
	CHECK(doc.root != NULL);
	if (doc.root == NULL) {
		diag_free(&d);
		return;
	}
	CHECK(doc.root->type == FM_MAP);
	CHECK(doc.root->n == 8); /* 4 pairs */
	CHECK(doc.root->line == 2);
	CHECK(doc.body_off == (size_t)(strstr(src, "Corps") - src));
	CHECK(doc.body_line == 11);

	/* Keys, in order, each at its line. */
	CHECK_STR(doc.root->kids[0]->str, "title");
	CHECK(doc.root->kids[0]->line == 2);
	CHECK_STR(doc.root->kids[2]->str, "weight");
	CHECK(doc.root->kids[2]->line == 3);
	CHECK_STR(doc.root->kids[4]->str, "tags");
	CHECK(doc.root->kids[4]->line == 4);
	CHECK_STR(doc.root->kids[6]->str, "meta");
	CHECK(doc.root->kids[6]->line == 7);

	v = fm_get(doc.root, "title");
	CHECK(v != NULL && v->type == FM_SCALAR);
	CHECK(v != NULL && v->line == 2);
	CHECK_STR(v ? v->str : NULL, "Bonjour le monde");
	v = fm_get(doc.root, "weight");
	CHECK(v != NULL && v->type == FM_SCALAR && v->line == 3);
	CHECK_STR(v ? v->str : NULL, "3");

	tags = fm_get(doc.root, "tags");
	CHECK(tags != NULL && tags->type == FM_SEQ);
	if (tags != NULL && tags->type == FM_SEQ) {
		CHECK(tags->line == 5);
		CHECK(tags->n == 2);
		CHECK_STR(tags->kids[0]->str, "un");
		CHECK(tags->kids[0]->line == 5);
		CHECK_STR(tags->kids[1]->str, "deux");
		CHECK(tags->kids[1]->line == 6);
	}
	meta = fm_get(doc.root, "meta");
	CHECK(meta != NULL && meta->type == FM_MAP);
	if (meta != NULL && meta->type == FM_MAP) {
		CHECK(meta->line == 8);
		v = fm_get(meta, "author");
		CHECK_STR(v ? v->str : NULL, "Zoé");
		CHECK(v != NULL && v->line == 8);
		v = fm_get(meta, "year");
		CHECK_STR(v ? v->str : NULL, "2026");
		CHECK(v != NULL && v->line == 9);
		/* fm_get looks one level only. */
		CHECK(fm_get(doc.root, "author") == NULL);
	}
	CHECK(fm_get(doc.root, "missing") == NULL);
	CHECK(fm_get(tags, "un") == NULL); /* not a mapping */
	CHECK(fm_get(NULL, "title") == NULL);
	fm_free(doc.root);
	fm_free(NULL);
	diag_free(&d);
}

static void
test_fm_body_position(void)
{
	diag d;
	fm_doc doc;
	const char *src;

	diag_init(&d);
	/* No newline after the closing line: the body is empty, at the end. */
	src = "---\ntitle: A\n---";
	CHECK(S_parse(src, &d, &doc) == 0);
	CHECK(doc.root != NULL);
	CHECK(doc.body_off == strlen(src));
	CHECK(doc.body_line == 3);
	fm_free(doc.root);

	/* Blanks after the closing --- are allowed; CRLF files work. */
	src = "---\r\ntitle: A\r\n---  \r\n\r\nTexte\r\n";
	CHECK(S_parse(src, &d, &doc) == 0);
	CHECK(doc.root != NULL);
	CHECK_STR(doc.root ? fm_get(doc.root, "title")->str : NULL, "A");
	CHECK(doc.body_off == (size_t)(strstr(src, "\r\nTexte") - src));
	CHECK(doc.body_line == 4);
	fm_free(doc.root);

	/* An empty front matter: no root, but the body starts after it. */
	src = "---\n---\nTexte\n";
	CHECK(S_parse(src, &d, &doc) == 0);
	CHECK(doc.root == NULL);
	CHECK(doc.body_off == 8);
	CHECK(doc.body_line == 3);

	/* Only comments: the same. */
	src = "---\n# rien\n---\nTexte\n";
	CHECK(S_parse(src, &d, &doc) == 0);
	CHECK(doc.root == NULL);
	CHECK(doc.body_off == (size_t)(strstr(src, "Texte") - src));
	CHECK(doc.body_line == 4);

	/* A --- inside a value is not the end: the first line of only
	 * dashes is. */
	src = "---\ntitle: a --- b\n---\nx\n---\n";
	CHECK(S_parse(src, &d, &doc) == 0);
	CHECK_STR(doc.root ? fm_get(doc.root, "title")->str : NULL,
	    "a --- b");
	CHECK(doc.body_line == 4);
	fm_free(doc.root);
	CHECK(d.n == 0);
	diag_free(&d);
}

static void
test_fm_bom(void)
{
	const char *src = "\xef\xbb\xbf---\ntitle: Avec BOM\n---\nCorps\n";
	diag d;
	fm_doc doc;
	const fm_node *v;

	diag_init(&d);
	CHECK(S_parse(src, &d, &doc) == 0);
	CHECK(d.n == 0);
	v = fm_get(doc.root, "title");
	CHECK_STR(v ? v->str : NULL, "Avec BOM");
	CHECK(v != NULL && v->line == 2);
	CHECK(doc.body_off == (size_t)(strstr(src, "Corps") - src));
	CHECK(doc.body_line == 4);
	fm_free(doc.root);

	/* A BOM and no front matter: the body starts after the BOM. */
	src = "\xef\xbb\xbf# Titre\n";
	CHECK(S_parse(src, &d, &doc) == 0);
	CHECK(doc.root == NULL);
	CHECK(doc.body_off == 3);
	CHECK(doc.body_line == 1);

	/* Errors after a BOM keep the right line. */
	src = "\xef\xbb\xbf---\ntitle: a\ntitle: b\n---\n";
	CHECK(S_parse(src, &d, &doc) == -1);
	CHECK(S_only(&d) != NULL && S_only(&d)->line == 3);
	diag_free(&d);
}

static void
test_fm_dots_close(void)
{
	const char *src = "---\ntitle: Points\n...\nCorps\n";
	diag d;
	fm_doc doc;

	diag_init(&d);
	CHECK(S_parse(src, &d, &doc) == 0);
	CHECK(d.n == 0);
	CHECK_STR(doc.root ? fm_get(doc.root, "title")->str : NULL, "Points");
	CHECK(doc.body_off == (size_t)(strstr(src, "Corps") - src));
	CHECK(doc.body_line == 4);
	fm_free(doc.root);
	diag_free(&d);
}

static void
test_fm_unclosed(void)
{
	diag d;
	fm_doc doc;

	msg_set_language("fr");
	diag_init(&d);
	CHECK(S_parse("---\ntitle: Pas fini\n\nCorps du texte\n", &d,
	    &doc) == -1);
	CHECK(doc.root == NULL);
	CHECK(d.nerrors == 1);
	CHECK(S_only(&d) != NULL);
	if (S_only(&d) != NULL) {
		CHECK(d.a[0].level == DIAG_ERROR);
		CHECK_STR(d.a[0].path, "content/x.md");
		CHECK(d.a[0].line == 1);
		CHECK(strstr(d.a[0].text, "pas fermé") != NULL);
		CHECK(strstr(d.a[0].text, "---") != NULL);
	}
	diag_free(&d);

	/* "---" then the end of the file. */
	diag_init(&d);
	CHECK(S_parse("---\n", &d, &doc) == -1);
	CHECK(d.nerrors == 1 && d.a[0].line == 1);
	diag_free(&d);

	msg_set_language("en");
	diag_init(&d);
	CHECK(S_parse("---\ntitle: x\n", &d, &doc) == -1);
	CHECK(S_only(&d) != NULL &&
	    strstr(d.a[0].text, "not closed") != NULL);
	diag_free(&d);
	msg_set_language("fr");
}

static void
test_fm_syntax_error(void)
{
	diag d;
	fm_doc doc;

	msg_set_language("fr");
	diag_init(&d);
	CHECK(S_parse("---\ntitle: Bad: colon\n---\nCorps\n", &d, &doc) == -1);
	CHECK(doc.root == NULL);
	CHECK(S_only(&d) != NULL);
	if (S_only(&d) != NULL) {
		CHECK_STR(d.a[0].path, "content/x.md");
		CHECK(d.a[0].line == 2);
		CHECK(strstr(d.a[0].text, "guillemets") != NULL);
	}
	diag_free(&d);

	msg_set_language("en");
	diag_init(&d);
	CHECK(S_parse("---\nweight: 1\nsummary: a: b\n---\n", &d, &doc) == -1);
	CHECK(S_only(&d) != NULL);
	if (S_only(&d) != NULL) {
		CHECK(d.a[0].line == 3);
		CHECK(strstr(d.a[0].text, "quotes") != NULL);
	}
	diag_free(&d);
	msg_set_language("fr");

	/* A tab where YAML wants spaces, and a stray sign. */
	diag_init(&d);
	CHECK(S_parse("---\ntitle: x\nlist:\n\t- a\n---\n", &d, &doc) == -1);
	CHECK(d.nerrors == 1 && d.a[0].line == 4);
	CHECK(d.nerrors == 1 && strstr(d.a[0].text, "YAML") != NULL);
	diag_free(&d);
	diag_init(&d);
	CHECK(S_parse("---\ntitle: x\nnote: @moi\n---\n", &d, &doc) == -1);
	CHECK(d.nerrors == 1 && d.a[0].line == 3);
	CHECK(d.nerrors == 1 && strstr(d.a[0].text, "guillemets") != NULL);
	diag_free(&d);

	/* Other problems still say it is the YAML header and where. */
	diag_init(&d);
	CHECK(S_parse("---\ntitle: x\nlist: [a, b\n---\n", &d, &doc) == -1);
	CHECK(d.nerrors == 1);
	CHECK(d.nerrors == 1 && d.a[0].line >= 3 && d.a[0].line <= 4);
	CHECK(d.nerrors == 1 && strstr(d.a[0].text, "YAML") != NULL);
	diag_free(&d);
}

static void
test_fm_duplicate_key(void)
{
	diag d;
	fm_doc doc;

	msg_set_language("fr");
	diag_init(&d);
	CHECK(S_parse("---\ntitle: A\nweight: 1\ntitle: B\n---\n", &d,
	    &doc) == -1);
	CHECK(doc.root == NULL);
	CHECK(S_only(&d) != NULL);
	if (S_only(&d) != NULL) {
		CHECK(d.a[0].line == 4);
		CHECK(strstr(d.a[0].text, "title") != NULL);
		CHECK(strstr(d.a[0].text, "deux fois") != NULL);
	}
	diag_free(&d);

	/* In a nested mapping too. */
	diag_init(&d);
	CHECK(S_parse("---\ntitle: A\nmeta:\n  a: 1\n  a: 2\n---\n", &d,
	    &doc) == -1);
	CHECK(d.nerrors == 1 && d.a[0].line == 5);
	diag_free(&d);

	/* The same key in two different mappings is fine. */
	diag_init(&d);
	CHECK(S_parse("---\na: 1\nm:\n  a: 2\n---\n", &d, &doc) == 0);
	CHECK(d.n == 0);
	fm_free(doc.root);
	diag_free(&d);
}

static void
test_fm_alias_refused(void)
{
	diag d;
	fm_doc doc;

	msg_set_language("fr");
	diag_init(&d);
	CHECK(S_parse("---\nbase: &x 1\nautre: *x\n---\n", &d, &doc) == -1);
	CHECK(doc.root == NULL);
	CHECK(S_only(&d) != NULL);
	if (S_only(&d) != NULL) {
		CHECK(d.a[0].line == 3);
		CHECK(strstr(d.a[0].text, "alias") != NULL);
	}
	diag_free(&d);

	/* Inside a list, and a "billion laughs" attempt, are refused the
	 * same way. */
	diag_init(&d);
	CHECK(S_parse("---\na: &a [1, 1]\nb: [*a, *a]\n---\n", &d, &doc) ==
	    -1);
	CHECK(d.nerrors == 1 && d.a[0].line == 3);
	diag_free(&d);
}

static void
test_fm_top_level_not_map(void)
{
	diag d;
	fm_doc doc;

	msg_set_language("fr");
	diag_init(&d);
	CHECK(S_parse("---\n- a\n- b\n---\nCorps\n", &d, &doc) == -1);
	CHECK(doc.root == NULL);
	CHECK(S_only(&d) != NULL);
	if (S_only(&d) != NULL) {
		CHECK(d.a[0].line == 2);
		CHECK(strstr(d.a[0].text, "clé") != NULL);
	}
	diag_free(&d);

	/* A lone scalar neither. */
	diag_init(&d);
	CHECK(S_parse("---\n\nJuste du texte\n---\n", &d, &doc) == -1);
	CHECK(d.nerrors == 1 && d.a[0].line == 3);
	diag_free(&d);

	/* A key that is not a plain word. */
	diag_init(&d);
	CHECK(S_parse("---\n? [a, b]\n: c\n---\n", &d, &doc) == -1);
	CHECK(d.nerrors == 1 && d.a[0].line == 2);
	diag_free(&d);
}

static void
test_fm_plain_and_quoted(void)
{
	const char *src =
	    "---\n"
	    "a: 1\n"
	    "b: \"1\"\n"
	    "c: '1'\n"
	    "d: oui\n"
	    "e: \"deux: points\"\n"
	    "f: |\n"
	    "  ligne 1\n"
	    "  ligne 2\n"
	    "g:\n"
	    "h: \"\"\n"
	    "---\n";
	diag d;
	fm_doc doc;
	const fm_node *v;

	diag_init(&d);
	CHECK(S_parse(src, &d, &doc) == 0);
	CHECK(d.n == 0);
	v = fm_get(doc.root, "a");
	CHECK(v != NULL && v->plain == 1);
	CHECK_STR(v ? v->str : NULL, "1");
	v = fm_get(doc.root, "b");
	CHECK(v != NULL && v->plain == 0);
	CHECK_STR(v ? v->str : NULL, "1");
	v = fm_get(doc.root, "c");
	CHECK(v != NULL && v->plain == 0);
	CHECK_STR(v ? v->str : NULL, "1");
	v = fm_get(doc.root, "d");
	CHECK(v != NULL && v->plain == 1);
	v = fm_get(doc.root, "e");
	CHECK(v != NULL && v->plain == 0);
	CHECK_STR(v ? v->str : NULL, "deux: points");
	v = fm_get(doc.root, "f");
	CHECK(v != NULL && v->plain == 0 && v->line == 7);
	CHECK_STR(v ? v->str : NULL, "ligne 1\nligne 2\n");
	/* An empty value is a plain empty scalar; "" is a quoted one. */
	v = fm_get(doc.root, "g");
	CHECK(v != NULL && v->type == FM_SCALAR && v->plain == 1);
	CHECK_STR(v ? v->str : NULL, "");
	v = fm_get(doc.root, "h");
	CHECK(v != NULL && v->plain == 0);
	CHECK_STR(v ? v->str : NULL, "");
	/* Keys are scalars too. */
	CHECK(doc.root != NULL && doc.root->kids[0]->type == FM_SCALAR);
	fm_free(doc.root);
	diag_free(&d);
}

static void
test_fm_limits(void)
{
	diag d;
	fm_doc doc;
	buf b;
	int i;

	/* Deep nesting is refused, without a crash. */
	diag_init(&d);
	buf_init(&b, BUF_UNBOUNDED);
	buf_puts(&b, "---\na: ");
	for (i = 0; i < 40; i++)
		buf_putc(&b, '[');
	for (i = 0; i < 40; i++)
		buf_putc(&b, ']');
	buf_puts(&b, "\n---\n");
	CHECK(fm_parse(b.data, b.len, "x.md", &d, &doc) == -1);
	CHECK(doc.root == NULL);
	CHECK(d.nerrors == 1 && d.a[0].line == 2);
	diag_free(&d);

	/* So is a huge list. */
	diag_init(&d);
	buf_reset(&b);
	buf_puts(&b, "---\na: [");
	for (i = 0; i < 6000; i++)
		buf_puts(&b, "1,");
	buf_puts(&b, "1]\n---\n");
	CHECK(fm_parse(b.data, b.len, "x.md", &d, &doc) == -1);
	CHECK(doc.root == NULL);
	CHECK(d.nerrors == 1);
	diag_free(&d);

	/* A reasonable nesting is fine. */
	diag_init(&d);
	buf_reset(&b);
	buf_puts(&b, "---\na: [[[[1]]]]\n---\n");
	CHECK(fm_parse(b.data, b.len, "x.md", &d, &doc) == 0);
	CHECK(doc.root != NULL && d.n == 0);
	fm_free(doc.root);
	diag_free(&d);
	buf_free(&b);
}

int
main(void)
{
	RUN(test_fm_none);
	RUN(test_fm_normal);
	RUN(test_fm_body_position);
	RUN(test_fm_bom);
	RUN(test_fm_dots_close);
	RUN(test_fm_unclosed);
	RUN(test_fm_syntax_error);
	RUN(test_fm_duplicate_key);
	RUN(test_fm_alias_refused);
	RUN(test_fm_top_level_not_map);
	RUN(test_fm_plain_and_quoted);
	RUN(test_fm_limits);
	CHECK_EXIT();
}
