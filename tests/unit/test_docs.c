/*
 * The docs agree with the tables in the code: docs/content.md's
 * front-matter table names every field of site_fields (site.h) and no
 * other, its tables of rules name every rule of rule.h, errors first, in
 * the order of the enum; docs/templates.md shows every helper of
 * tpl_helpers (tpl.h). Run from the top of the repository (tests/run
 * does).
 */
#include <stdio.h>
#include <stdlib.h>

#include "../../common/buf.h"
#include "../../generator/fs.h"
#include "../../generator/rule.h"
#include "../../generator/site.h"
#include "../../generator/tpl.h"
#include "check.h"

#define S_DOC "docs/content.md"
#define S_TPL_DOC "docs/templates.md"

/*
 * The names of the table rows ("| `name` |") of section `title` of the
 * doc (from its "## " line to the next), up to a line starting with
 * stop (or the section's end), joined with ", " into out.
 */
static void
S_rows(const char *doc, const char *title, const char *stop, buf *out)
{
	const char *p = strstr(doc, title), *eol, *end;

	buf_reset(out);
	if (p == NULL)
		return;
	/* From the newline that ends the title line. */
	for (p += strlen(title) - 1; *p == '\n' && p[1] != '\0'; p = eol) {
		p++;
		eol = strchr(p, '\n');
		if (eol == NULL)
			eol = p + strlen(p);
		if (strncmp(p, "## ", 3) == 0 ||
		    (stop != NULL && strncmp(p, stop, strlen(stop)) == 0))
			return;
		if (strncmp(p, "| `", 3) != 0 ||
		    (end = memchr(p + 3, '`', (size_t)(eol - p - 3))) == NULL)
			continue;
		if (out->len > 0)
			buf_puts(out, ", ");
		buf_add(out, p + 3, (size_t)(end - p - 3));
	}
}

static void
S_read_file(buf *doc, const char *path)
{
	FILE *f = fopen(path, "rb");
	char tmp[4096];
	size_t n;

	CHECK(f != NULL);
	if (f == NULL)
		return;
	while ((n = fread(tmp, 1, sizeof tmp, f)) > 0)
		buf_add(doc, tmp, n);
	fclose(f);
}

static void
S_read_doc(buf *doc)
{
	S_read_file(doc, S_DOC);
}

static void
test_docs_front_matter(void)
{
	const site_field *f;
	buf doc, rows, want;

	buf_init(&doc, BUF_UNBOUNDED);
	buf_init(&rows, BUF_UNBOUNDED);
	buf_init(&want, BUF_UNBOUNDED);
	S_read_doc(&doc);
	S_rows(doc.data, "\n## Front matter\n", NULL, &rows);
	/* In the doc's order, which is the reader's: same set, each once. */
	for (f = site_fields; f->name != NULL; f++) {
		buf_reset(&want);
		buf_printf(&want, "`%s`", f->name);
		CHECK(strstr(doc.data, want.data) != NULL);
	}
	{
		char *copy = mem_strdup(rows.data), *tok, *save = NULL;
		int n = 0;

		for (tok = strtok_r(copy, ", ", &save); tok != NULL;
		    tok = strtok_r(NULL, ", ", &save)) {
			if (site_field_find(tok) == NULL)
				printf("#   %s lists %s, which site_fields does "
				    "not know\n", S_DOC, tok);
			CHECK(site_field_find(tok) != NULL);
			n++;
		}
		for (f = site_fields; f->name != NULL; f++)
			n--;
		if (n != 0)
			printf("#   %s lists: %s\n", S_DOC, rows.data);
		CHECK(n == 0);
		free(copy);
	}
	buf_free(&doc);
	buf_free(&rows);
	buf_free(&want);
}

static void
test_docs_rules(void)
{
	char list[RULE_MSG_MAX];
	buf doc, rows;

	buf_init(&doc, BUF_UNBOUNDED);
	buf_init(&rows, BUF_UNBOUNDED);
	S_read_doc(&doc);
	S_rows(doc.data, "\n## Checks\n", "### ", &rows);
	/* Errors then warnings, in the order of the enum: rule_list. */
	CHECK_STR(rows.data, rule_list(list, sizeof list));
	buf_free(&doc);
	buf_free(&rows);
}

/* docs/templates.md shows every helper of tpl_helpers called, url(…) or
 * layout "base"; those named _x_ are the compiled templates' own. */
static void
test_docs_helpers(void)
{
	const tpl_helper *h;
	buf doc, call, stmt;
	int shown;

	buf_init(&doc, BUF_UNBOUNDED);
	buf_init(&call, BUF_UNBOUNDED);
	buf_init(&stmt, BUF_UNBOUNDED);
	S_read_file(&doc, S_TPL_DOC);
	for (h = tpl_helpers; h->name != NULL; h++) {
		if (h->name[0] == '_')
			continue;
		buf_reset(&call);
		buf_reset(&stmt);
		buf_printf(&call, "`%s(", h->name);
		buf_printf(&stmt, " %s \"", h->name);
		shown = strstr(doc.data, call.data) != NULL ||
		    strstr(doc.data, stmt.data) != NULL;
		if (!shown)
			printf("#   %s does not show %s\n", S_TPL_DOC, h->name);
		CHECK(shown);
	}
	buf_free(&doc);
	buf_free(&call);
	buf_free(&stmt);
}

int
main(void)
{
	RUN(test_docs_front_matter);
	RUN(test_docs_rules);
	RUN(test_docs_helpers);
	CHECK_EXIT();
}
