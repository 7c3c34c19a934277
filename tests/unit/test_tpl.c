/*
 * generator/tpl.h: templates compiled to Lua and rendered for real pages of
 * a small site (content/, site.lua and a theme with i18n/fr.lua, all in a
 * temporary folder).
 */
#include <pthread.h>
#include <stdlib.h>

#include <lauxlib.h>

#include "../../common/buf.h"
#include "../../generator/config.h"
#include "../../generator/diag.h"
#include "../../generator/fs.h"
#include "../../generator/md.h"
#include "../../generator/sbx.h"
#include "../../generator/site.h"
#include "../../generator/tpl.h"
#include "check.h"

/* Page indexes in the small site, in reading order. */
enum { P_HOME, P_MOD, P_A, P_B, P_PAGE, P_N };

typedef struct fixture {
	char dir[64];   /* the site folder, under /tmp */
	char theme[96]; /* dir/themes/t */
	site s;
	diag d;
} fixture;

static char S_from0[] = "css/style.css";
static char S_to0[] = "static/css/style.0a1b2c3d4e.css";
static char *S_from[] = { S_from0 };
static char *S_to[] = { S_to0 };
static const tpl_assets S_assets = { 1, S_from, S_to };

static const md_labels S_labels = {
	{ "À savoir", "Astuce", "Important", "Attention", "Danger" },
	"Retour au texte", "Voir la réponse", "Bonne réponse :",
	"Tableau %d : %s", "Vérifier",
};

/* Templates every test has, beside its own "t". */
static const char *const S_common[][2] = {
	{ "base", "<main>{{& content }}</main>" },
	{ "mid", "{% layout(\"base\") %}<div>{{& content }}</div>" },
	{ "partials/p", "[{{ arg }}|{{ page.title }}]" },
	{ "partials/bad", "ok\n\n{{ nil_table.x }}" },
	{ "partials/list",
	  "{% for _, l in ipairs(arg.lessons) do %}\n"
	  "<li>{{ l.number }}. {{ l.title }}</li>\n"
	  "{% end %}\n" },
	{ "again", "{% layout(\"again\") %}x" },
};

static void
S_write(const char *dir, const char *rel, const char *text)
{
	buf p;

	buf_init(&p, 4096);
	buf_printf(&p, "%s/%s", dir, rel);
	CHECK(fs_write(p.data, text, strlen(text)) == 0);
	buf_free(&p);
}

static const char S_fr[] =
	"home = \"Accueil\"\n"
	"lessons = { one = \"%d leçon\", other = \"%d leçons\" }\n"
	"lesson_of = \"Leçon %d sur %d\"\n"
	"date_format = \"{d} {month} {y}\"\n"
	"months = { \"janvier\", \"février\", \"mars\", \"avril\", \"mai\", "
	"\"juin\", \"juillet\", \"août\", \"septembre\", \"octobre\", "
	"\"novembre\", \"décembre\" }\n";

static const char S_en[] =
	"home = \"Home\"\n"
	"lessons = { one = \"%d lesson\", other = \"%d lessons\" }\n"
	"date_format = \"{month} {d}, {y}\"\n"
	"months = { \"January\", \"February\", \"March\", \"April\", \"May\", "
	"\"June\", \"July\", \"August\", \"September\", \"October\", "
	"\"November\", \"December\" }\n";

/*
 * The small site: home, a module with two lessons, a plain page; site.lua
 * from site_lua, i18n files from fr and en.
 */
static int
S_open_with(fixture *f, const char *site_lua, const char *fr, const char *en)
{
	buf p;
	int rc = 0;

	memset(f, 0, sizeof *f);
	memcpy(f->dir, "/tmp/eystime-tpl-XXXXXX", 24);
	CHECK(mkdtemp(f->dir) != NULL);
	snprintf(f->theme, sizeof f->theme, "%s/themes/t", f->dir);
	diag_init(&f->d);
	msg_set_language("fr");
	S_write(f->dir, "site.lua", site_lua);
	S_write(f->theme, "i18n/fr.lua", fr);
	S_write(f->theme, "i18n/en.lua", en);
	S_write(f->dir, "content/_index.md",
	    "---\ntitle: Accueil\n---\nBienvenue\n");
	S_write(f->dir, "content/mod/_index.md",
	    "---\ntitle: Module <1>\nsummary: Le résumé\n---\nIntro\n");
	S_write(f->dir, "content/mod/01-a.md",
	    "---\n"
	    "title: \"A & co\"\n"
	    "weight: 1\n"
	    "duration: 20\n"
	    "date: 2026-10-05\n"
	    "objectives:\n"
	    "  - Lire\n"
	    "  - Écrire\n"
	    "glossary:\n"
	    "  mot: définition\n"
	    "  autre: sens\n"
	    "couleur: rouge\n"
	    "count: 12\n"
	    "ratio: 0.5\n"
	    "phone: 0612\n"
	    "flag: true\n"
	    "quoted: \"12\"\n"
	    "nested:\n"
	    "  k: v\n"
	    "---\n"
	    "# A\n");
	S_write(f->dir, "content/mod/02-b.md",
	    "---\ntitle: B\nweight: 2\nobjectives: Une seule\n---\n");
	S_write(f->dir, "content/mod/img.svg", "<svg/>\n");
	S_write(f->dir, "content/page.md", "---\ntitle: Page\n---\nTexte\n");

	buf_init(&p, 4096);
	buf_printf(&p, "%s/site.lua", f->dir);
	if (cfg_load(&f->s.config, p.data, &f->d) < 0 ||
	    cfg_i18n(&f->s.config, f->theme, &f->d) < 0)
		rc = -1;
	buf_free(&p);
	f->s.dir = f->dir;
	f->s.d = &f->d;
	if (site_scan(&f->s, 1) < 0)
		rc = -1;
	CHECK(f->s.npages == P_N);
	return rc;
}

static void
S_open(fixture *f)
{
	/* Folder addresses here; test_tpl_index_links has the default. */
	CHECK(S_open_with(f, "title = \"Cours <test>\"\nindex_links = false\n"
	    "params = { color = \"bleu\", n = 2 }\n", S_fr, S_en) == 0);
	CHECK(f->d.n == 0);
}

static void
S_close(fixture *f)
{
	site_free(&f->s);
	cfg_free(&f->s.config);
	diag_free(&f->d);
	CHECK(fs_rmtree(f->dir) == 0);
}

/* Add template name (compiled from src) to set; 0 or -1. */
static int
S_add(tpl_set *set, const char *name, const char *src, diag *d)
{
	buf lua, path;
	int rc;

	buf_init(&lua, BUF_UNBOUNDED);
	buf_init(&path, 4096);
	buf_printf(&path, "themes/t/templates/%s.html", name);
	rc = tpl_compile(src, strlen(src), path.data, &lua, d);
	if (rc == 0) {
		set->name = mem_alloc(set->name, (size_t)(set->n + 1) *
		    sizeof *set->name);
		set->path = mem_alloc(set->path, (size_t)(set->n + 1) *
		    sizeof *set->path);
		set->lua = mem_alloc(set->lua, (size_t)(set->n + 1) *
		    sizeof *set->lua);
		set->name[set->n] = mem_strdup(name);
		set->path[set->n] = buf_detach(&path);
		set->lua[set->n] = buf_detach(&lua);
		set->n++;
	}
	buf_free(&lua);
	buf_free(&path);
	return rc;
}

/* The common templates plus "t" from src. */
static void
S_set(tpl_set *set, const char *src, diag *d)
{
	size_t i;

	memset(set, 0, sizeof *set);
	for (i = 0; i < sizeof S_common / sizeof S_common[0]; i++)
		CHECK(S_add(set, S_common[i][0], S_common[i][1], d) == 0);
	CHECK(S_add(set, "t", src, d) == 0);
}

/* Render src as template "t" for page pi; out holds the HTML. */
static int
S_render_md(fixture *f, const char *src, int pi, const md_out *md, buf *out)
{
	tpl_set set;
	tpl_engine e;
	int rc;

	S_set(&set, src, &f->d);
	buf_reset(out);
	rc = tpl_engine_init(&e, &f->s, &set, &S_assets);
	if (rc == 0)
		rc = tpl_render(&e, "t", pi, md, NULL, out);
	tpl_engine_free(&e);
	tpl_set_free(&set);
	return rc;
}

static int
S_render(fixture *f, const char *src, int pi, buf *out)
{
	return S_render_md(f, src, pi, NULL, out);
}

/* Render src for page pi and compare with want, printing both when they
 * differ. */
static int
S_gives(fixture *f, const char *src, int pi, const char *want)
{
	buf out;
	int ok;

	buf_init(&out, BUF_UNBOUNDED);
	ok = S_render(f, src, pi, &out) == 0 && out.data != NULL &&
	    strcmp(out.data, want) == 0;
	if (!ok) {
		printf("#   template: %s\n#   want: [%s]\n#   got:  [%s]\n", src,
		    want, out.data ? out.data : "(null)");
		if (f->d.n > 0)
			printf("#   %s:%d: %s\n", f->d.a[0].path, f->d.a[0].line,
			    f->d.a[0].text);
	}
	buf_free(&out);
	return ok;
}

/* Render src for page pi, expecting a failure; returns the first
 * message (kept in f->d until the next S_clear). */
static const diag_msg *
S_fails(fixture *f, const char *src, int pi)
{
	buf out;
	int rc;

	buf_init(&out, BUF_UNBOUNDED);
	rc = S_render(f, src, pi, &out);
	CHECK(rc == -1);
	if (rc != -1)
		printf("#   template %s gave [%s]\n", src, out.data);
	buf_free(&out);
	CHECK(f->d.nerrors >= 1);
	return f->d.n > 0 ? &f->d.a[0] : NULL;
}

static void
S_clear(fixture *f)
{
	diag_free(&f->d);
	diag_init(&f->d);
}

/* ------------------------------------------------------------------ */

static void
test_tpl_compile_errors(void)
{
	diag d;
	buf lua;

	msg_set_language("fr");
	diag_init(&d);
	buf_init(&lua, BUF_UNBOUNDED);
	CHECK(tpl_compile("a\nb {{ x\nc\n", 11, "t.html", &lua, &d) == -1);
	CHECK(d.nerrors == 1);
	if (d.n == 1) {
		CHECK_STR(d.a[0].path, "t.html");
		CHECK(d.a[0].line == 2);
		CHECK(strstr(d.a[0].text, "{{") != NULL);
		CHECK(strstr(d.a[0].text, "}}") != NULL);
	}
	diag_free(&d);

	diag_init(&d);
	buf_reset(&lua);
	CHECK(tpl_compile("{{ a }}\n\n{% if x then\n", 20, "u.html", &lua,
	    &d) == -1);
	CHECK(d.nerrors == 1 && d.a[0].line == 3);
	CHECK(d.nerrors == 1 && strstr(d.a[0].text, "%}") != NULL);
	diag_free(&d);

	diag_init(&d);
	buf_reset(&lua);
	CHECK(tpl_compile("{# note", 7, "v.html", &lua, &d) == -1);
	CHECK(d.nerrors == 1 && d.a[0].line == 1);
	CHECK(d.nerrors == 1 && strstr(d.a[0].text, "#}") != NULL);
	diag_free(&d);

	/* A "}}" never closes a "{%". */
	diag_init(&d);
	buf_reset(&lua);
	CHECK(tpl_compile("x\n{% a }}", 9, "w.html", &lua, &d) == -1);
	CHECK(d.nerrors == 1 && d.a[0].line == 2);
	diag_free(&d);

	/* Good templates compile to something, with no message. */
	diag_init(&d);
	buf_reset(&lua);
	CHECK(tpl_compile("", 0, "e.html", &lua, &d) == 0);
	CHECK(lua.len > 0);
	CHECK(tpl_compile("a { b } c {", 11, "e.html", &lua, &d) == 0);
	CHECK(d.n == 0);
	diag_free(&d);
	buf_free(&lua);
}

static void
test_tpl_escape(void)
{
	fixture f;

	S_open(&f);
	CHECK(S_gives(&f, "{% local x = \"<b>\\\"&'\" %}{{ x }}", P_A,
	    "&lt;b&gt;&quot;&amp;&#39;"));
	CHECK(S_gives(&f, "{% local x = \"<b>\\\"&'\" %}{{& x }}", P_A,
	    "<b>\"&'"));
	CHECK(S_gives(&f, "[{{ nothing }}][{{& nothing }}]", P_A, "[][]"));
	CHECK(S_gives(&f, "{{ 3 }} {{ 1.5 }} {{ true }} {{ false }} {{ 2^53 }}",
	    P_A, "3 1.5 true false 9.007199254741e+15"));
	CHECK(S_gives(&f, "{{page.title}}", P_A, "A &amp; co"));
	CHECK(S_gives(&f, "{{ escape(\"<i>\") }}", P_A, "&amp;lt;i&amp;gt;"));
	CHECK(S_gives(&f, "{{& escape(\"<i>\") }}", P_A, "&lt;i&gt;"));
	/* An expression over several lines. */
	CHECK(S_gives(&f, "{{ 1 +\n 2 }}", P_A, "3"));
	/* Printing a table is an error, not "table: 0x…". */
	CHECK(S_fails(&f, "{{ page }}", P_A) != NULL);
	S_clear(&f);
	CHECK(S_fails(&f, "{{& site.modules }}", P_A) != NULL);
	S_close(&f);
}

static void
test_tpl_text(void)
{
	fixture f;

	S_open(&f);
	/* Text goes through byte for byte, whatever Lua would make of it. */
	CHECK(S_gives(&f, "a \"q\" \\n \\\\ ]] ]=] [[x]] 'é' \x01\x7f\t\r\n",
	    P_A, "a \"q\" \\n \\\\ ]] ]=] [[x]] 'é' \x01\x7f\t\r\n"));
	CHECK(S_gives(&f, "a { b } {c} }} %} #} {", P_A,
	    "a { b } {c} }} %} #} {"));
	CHECK(S_gives(&f, "\x01" "5 \\0015", P_A, "\x01" "5 \\0015"));
	CHECK(S_gives(&f, "", P_A, ""));
	CHECK(S_gives(&f, "\n\n", P_A, "\n\n"));
	S_close(&f);
}

static void
test_tpl_statements(void)
{
	fixture f;

	S_open(&f);
	CHECK(S_gives(&f, "{% for i = 1, 3 do %}{{ i }},{% end %}", P_A,
	    "1,2,3,"));
	CHECK(S_gives(&f, "{% if page.prev then %}p{% else %}no prev{% end %}",
	    P_A, "no prev"));
	/* A line holding only a statement or a comment leaves no line. */
	CHECK(S_gives(&f, "a\n{% if true then %}\nb\n{% end %}\nc\n", P_A,
	    "a\nb\nc\n"));
	CHECK(S_gives(&f, "<ul>\n  {% for i = 1, 2 do %}  \n  <li>{{ i }}</li>\n"
	    "  {% end %}\n</ul>\n", P_A,
	    "<ul>\n  <li>1</li>\n  <li>2</li>\n</ul>\n"));
	CHECK(S_gives(&f, "a\n{# note #}\nb", P_A, "a\nb"));
	CHECK(S_gives(&f, "{% local x = 1 %}\nx={{ x }}", P_A, "x=1"));
	/* The last line, without a newline. */
	CHECK(S_gives(&f, "a\n{% local x = 1 %}", P_A, "a\n"));
	/* A {{ }} alone on its line keeps its line. */
	CHECK(S_gives(&f, "a\n{{ 1 }}\nb", P_A, "a\n1\nb"));
	/* A statement with text on its line keeps the line. */
	CHECK(S_gives(&f, "a {% if true then %}b{% end %}\nc", P_A, "a b\nc"));
	/* Comments disappear wherever they are, even with code in them. */
	CHECK(S_gives(&f, "a{# {{ x }} {% y %} #}b", P_A, "ab"));
	CHECK(S_gives(&f, "a{# deux\nlignes #}b", P_A, "ab"));
	/* A Lua comment in a statement does not swallow what follows. */
	CHECK(S_gives(&f, "{% local x = 2 -- deux %}{{ x }}", P_A, "2"));
	/* A CRLF template: the \r stays on text lines. */
	CHECK(S_gives(&f, "a\r\n{% if true then %}\r\nb\r\n{% end %}\r\n", P_A,
	    "a\r\nb\r\n"));
	S_close(&f);
}

/*
 * A statement that follows other tags on the same line is not alone on
 * its line, yet it takes the line's newline.
 */
static void
test_tpl_statement_after_tag(void)
{
	fixture f;
	buf out;

	S_open(&f);
	buf_init(&out, BUF_UNBOUNDED);
	CHECK(S_render(&f, "{% for i = 1, 2 do %}{{ i }} {% end %}\n<p>\n",
	    P_A, &out) == 0);
	/* "{% end %}" after "{{ i }} " is not alone on its line. */
	CHECK_STR(out.data, "1 2 \n<p>\n");
	/* Text before the tag on the same line keeps the newline. */
	CHECK(S_render(&f, "<ol>{% for i = 1, 2 do %}<li>{{ i }}</li>{% end %}\n"
	    "</ol>\n", P_A, &out) == 0);
	CHECK_STR(out.data, "<ol><li>1</li><li>2</li>\n</ol>\n");
	CHECK(S_render(&f, "{{ 1 }} {% local x = 1 %}\nb", P_A, &out) == 0);
	CHECK_STR(out.data, "1 \nb");
	buf_free(&out);
	S_close(&f);
}

static void
test_tpl_lua_comment_in_expression(void)
{
	fixture f;
	buf out;
	int rc;

	S_open(&f);
	buf_init(&out, BUF_UNBOUNDED);
	rc = S_render(&f, "{{ page.title -- le titre\n}}", P_A, &out);
	CHECK(rc == 0 && strcmp(out.data, "A &amp; co") == 0);
	S_clear(&f);
	/* On one line, the comment would swallow the closing ")" that
	 * tpl_compile adds after the expression. */
	rc = S_render(&f, "{{ page.title -- le titre }}", P_A, &out);
	/* The comment is blanked: the ")" after it stays code. */
	CHECK(rc == 0);
	CHECK_STR(out.data, "A &amp; co");
	buf_free(&out);
	S_close(&f);
}

static void
test_tpl_layout_partial(void)
{
	fixture f;

	S_open(&f);
	CHECK(S_gives(&f, "{% layout(\"base\") %}hi", P_A, "<main>hi</main>"));
	CHECK(S_gives(&f, "{% layout \"base\" %}\nhi\n", P_A,
	    "<main>hi\n</main>"));
	/* A layout may call layout: t → mid → base. */
	CHECK(S_gives(&f, "{% layout(\"mid\") %}x", P_A,
	    "<main><div>x</div></main>"));
	/* The last layout() call wins. */
	CHECK(S_gives(&f, "{% layout(\"mid\") layout(\"base\") %}x", P_A,
	    "<main>x</main>"));
	CHECK(S_gives(&f, "{{& partial(\"p\", \"X<\") }}", P_A,
	    "[X&lt;|A &amp; co]"));
	CHECK(S_gives(&f, "{{& partial(\"p\") }}", P_B, "[|B]"));
	CHECK(S_gives(&f, "{{& partial(\"list\", page.module) }}", P_B,
	    "<li>1. A &amp; co</li>\n<li>2. B</li>\n"));
	/* A partial's output escaped by mistake shows its tags. */
	CHECK(S_gives(&f, "{{ partial(\"p\", 1) }}", P_A,
	    "[1|A &amp;amp; co]"));
	/* Endless layouts stop. */
	CHECK(S_fails(&f, "{% layout(\"again\") %}", P_A) != NULL);
	CHECK(f.d.n > 0 && strstr(f.d.a[0].text, "layout") != NULL);
	S_clear(&f);
	/* Unknown names are errors. */
	CHECK(S_fails(&f, "{% layout(\"nope\") %}x", P_A) != NULL);
	CHECK(f.d.n > 0 && strstr(f.d.a[0].text, "nope") != NULL);
	S_clear(&f);
	CHECK(S_fails(&f, "{{& partial(\"nope\") }}", P_A) != NULL);
	CHECK(f.d.n > 0 && strstr(f.d.a[0].text, "partials/nope") != NULL);
	S_close(&f);
}

static void
test_tpl_url_asset(void)
{
	fixture f;

	S_open(&f);
	CHECK(S_gives(&f, "{{ url(\"mod/02-b/\") }}", P_A, "../02-b/"));
	CHECK(S_gives(&f, "{{ url(page.next) }}", P_A, "../02-b/"));
	CHECK(S_gives(&f, "{{ url(page.module) }}", P_A, "../"));
	CHECK(S_gives(&f, "{{ url(page) }}", P_A, "./"));
	CHECK(S_gives(&f, "{{ url(\"\") }}", P_A, "../../"));
	CHECK(S_gives(&f, "{{ url(\"/\") }}", P_A, "../../"));
	CHECK(S_gives(&f, "{{ url(site.home) }}", P_A, "../../"));
	CHECK(S_gives(&f, "{{ url(\"feed.xml\") }}", P_A, "../../feed.xml"));
	CHECK(S_gives(&f, "{{ url(\"/mod/img.svg\") }}", P_A, "../img.svg"));
	CHECK(S_gives(&f, "{{ url(\"mod/01-a/\") }}", P_HOME, "mod/01-a/"));
	CHECK(S_gives(&f, "{{ url(\"\") }}", P_HOME, "./"));
	CHECK(S_gives(&f, "{{ url(site.pages[1]) }}", P_MOD, "../page/"));
	CHECK(S_gives(&f, "{{ asset(\"css/style.css\") }}", P_A,
	    "../../static/css/style.0a1b2c3d4e.css"));
	CHECK(S_gives(&f, "{{ asset(\"css/style.css\") }}", P_HOME,
	    "static/css/style.0a1b2c3d4e.css"));
	CHECK(S_fails(&f, "{{ asset(\"css/nope.css\") }}", P_A) != NULL);
	CHECK(f.d.n > 0 && strstr(f.d.a[0].text, "static/css/nope.css"));
	S_clear(&f);
	CHECK(S_fails(&f, "{{ url(nil) }}", P_A) != NULL);
	S_close(&f);
}

static void
test_tpl_404(void)
{
	fixture f;
	tpl_set set;
	tpl_engine e;
	buf out;

	S_open(&f);
	S_set(&set, "{{ page.title }}|{{ page.kind }}|{{ url(\"mod/\") }}|"
	    "{{ asset(\"css/style.css\") }}", &f.d);
	buf_init(&out, BUF_UNBOUNDED);
	CHECK(tpl_engine_init(&e, &f.s, &set, &S_assets) == 0);
	e.abs_base = "/cours/";
	CHECK(tpl_render(&e, "t", -1, NULL, "Page <introuvable>", &out) == 0);
	/* A page outside the content has its template's name as kind. */
	CHECK_STR(out.data, "Page &lt;introuvable&gt;|t|/cours/mod/|"
	    "/cours/static/css/style.0a1b2c3d4e.css");
	/* Without a base, addresses are relative to the root. */
	e.abs_base = NULL;
	buf_reset(&out);
	CHECK(tpl_render(&e, "t", -1, NULL, "X", &out) == 0);
	CHECK_STR(out.data, "X|t|mod/|static/css/style.0a1b2c3d4e.css");
	tpl_engine_free(&e);
	tpl_set_free(&set);
	buf_free(&out);
	S_close(&f);
}

static void
test_tpl_i18n_helpers(void)
{
	fixture f;

	S_open(&f);
	CHECK(S_gives(&f, "{{ t(\"home\") }}", P_A, "Accueil"));
	CHECK(S_gives(&f, "{{ t(\"lessons\", 1) }}", P_A, "1 leçon"));
	CHECK(S_gives(&f, "{{ t(\"lessons\", 0) }}", P_A, "0 leçon"));
	CHECK(S_gives(&f, "{{ t(\"lessons\", 3, 3) }}", P_A, "3 leçons"));
	CHECK(S_gives(&f, "{{ t(\"lessons\", 2) }}", P_A, "2 leçons"));
	CHECK(S_gives(&f, "{{ t(\"lesson_of\", 2, 5) }}", P_A,
	    "Leçon 2 sur 5"));
	CHECK(S_fails(&f, "x\n{{ t(\"missing_key\") }}", P_A) != NULL);
	CHECK(f.d.n > 0 && strstr(f.d.a[0].text, "missing_key") != NULL);
	CHECK(f.d.n > 0 && f.d.a[0].line == 2);
	S_clear(&f);
	/* A plural text needs its number. */
	CHECK(S_fails(&f, "{{ t(\"lessons\") }}", P_A) != NULL);
	S_clear(&f);

	CHECK(S_gives(&f, "{{ date(\"2026-10-05\") }}", P_A, "5 octobre 2026"));
	CHECK(S_gives(&f, "{{ date(\"2026-01-31\") }}", P_A, "31 janvier 2026"));
	CHECK(S_gives(&f, "{{ date(page.date) }}", P_A, "5 octobre 2026"));
	CHECK(S_fails(&f, "{{ date(\"2026-13-01\") }}", P_A) != NULL);
	S_clear(&f);
	CHECK(S_fails(&f, "{{ date(\"demain\") }}", P_A) != NULL);
	S_clear(&f);

	CHECK(S_gives(&f, "{{ duration(20) }}", P_A, "20 min"));
	CHECK(S_gives(&f, "{{ duration(90) }}", P_A, "1 h 30"));
	CHECK(S_gives(&f, "{{ duration(60) }}", P_A, "1 h"));
	CHECK(S_gives(&f, "{{ duration(125) }}", P_A, "2 h 05"));
	CHECK(S_gives(&f, "{{ duration(page.duration) }}", P_A, "20 min"));
	CHECK(S_fails(&f, "{{ duration(\"x\") }}", P_A) != NULL);
	S_close(&f);
}

static void
test_tpl_i18n_english(void)
{
	fixture f;

	CHECK(S_open_with(&f, "title = \"Course\"\nlanguage = \"en\"\n", S_fr,
	    S_en) == 0);
	CHECK(S_gives(&f, "{{ t(\"home\") }}", P_A, "Home"));
	CHECK(S_gives(&f, "{{ t(\"lessons\", 1) }}", P_A, "1 lesson"));
	CHECK(S_gives(&f, "{{ t(\"lessons\", 2) }}", P_A, "2 lessons"));
	CHECK(S_gives(&f, "{{ date(\"2026-10-05\") }}", P_A, "October 5, 2026"));
	/* English says "0 lessons" (French says "0 leçon"). */
	CHECK(S_gives(&f, "{{ t(\"lessons\", 0) }}", P_A, "0 lessons"));
	msg_set_language("fr");
	S_close(&f);
}

static void
test_tpl_page(void)
{
	fixture f;

	S_open(&f);
	CHECK(S_gives(&f, "{{ page.title }}|{{ page.kind }}|{{ page.id }}|"
	    "{{ page.url }}|{{ page.source }}|{{ page.weight }}|"
	    "{{ page.duration }}|{{ page.date }}|{{ page.number }}|"
	    "{{ page.draft }}", P_A,
	    "A &amp; co|lesson|mod/01-a|mod/01-a/|mod/01-a.md|1|20|2026-10-05|"
	    "1|false"));
	CHECK(S_gives(&f, "{{ page.number }}|{{ page.summary }}|{{ page.level }}",
	    P_B, "2||"));
	CHECK(S_gives(&f, "{{ page.module.title }}|{{ page.module.summary }}|"
	    "{{ page.module.kind }}", P_A, "Module &lt;1&gt;|Le résumé|module"));
	CHECK(S_gives(&f, "{{ page.prev }}|{{ page.next.title }}", P_A, "|B"));
	CHECK(S_gives(&f, "{{ page.prev.title }}|{{ page.next }}", P_B, "A &amp; co|"));
	CHECK(S_gives(&f, "{% for _, l in ipairs(page.lessons) do %}{{ l.title }};"
	    "{% end %}", P_A, "A &amp; co;B;"));
	CHECK(S_gives(&f, "{% for _, l in ipairs(page.lessons) do %}{{ l.title }};"
	    "{% end %}", P_MOD, "A &amp; co;B;"));
	CHECK(S_gives(&f, "{{ #page.lessons }}|{{ page.module }}", P_PAGE, "0|"));
	CHECK(S_gives(&f, "{{ page.kind }}|{{ page.id }}|{{ page.url }}",
	    P_HOME, "home||"));
	CHECK(S_gives(&f, "{{ page.kind }}", P_PAGE, "page"));
	/* The same page reached two ways is the same table. */
	CHECK(S_gives(&f, "{{ page.next.prev.title }}|"
	    "{{ rawequal(page.module, page.next.module) }}", P_A,
	    "A &amp; co|true"));
	/* objectives: a list, a lone text made a list, or empty. */
	CHECK(S_gives(&f, "{% for _, o in ipairs(page.objectives) do %}{{ o }};"
	    "{% end %}", P_A, "Lire;Écrire;"));
	CHECK(S_gives(&f, "{% for _, o in ipairs(page.objectives) do %}{{ o }};"
	    "{% end %}", P_B, "Une seule;"));
	CHECK(S_gives(&f, "{{ #page.objectives }}", P_MOD, "0"));
	/* glossary: the author's order. */
	CHECK(S_gives(&f, "{% for _, g in ipairs(page.glossary) do %}"
	    "{{ g.term }}={{ g.definition }};{% end %}", P_A,
	    "mot=définition;autre=sens;"));
	CHECK(S_gives(&f, "{{ #page.glossary }}", P_B, "0"));
	S_close(&f);
}

static void
test_tpl_page_params(void)
{
	fixture f;

	S_open(&f);
	CHECK(S_gives(&f, "{{ page.params.couleur }}", P_A, "rouge"));
	/* Plain numbers become numbers, quoted ones and "0612" stay text. */
	CHECK(S_gives(&f, "{{ page.params.count + 1 }}|"
	    "{{ math.type(page.params.count) }}", P_A, "13|integer"));
	CHECK(S_gives(&f, "{{ page.params.ratio * 2 }}", P_A, "1.0"));
	CHECK(S_gives(&f, "{{ type(page.params.phone) }}:{{ page.params.phone }}",
	    P_A, "string:0612"));
	CHECK(S_gives(&f, "{{ type(page.params.quoted) }}", P_A, "string"));
	CHECK(S_gives(&f, "{{ page.params.flag == true }}", P_A, "true"));
	CHECK(S_gives(&f, "{{ page.params.nested.k }}", P_A, "v"));
	/* Only the keys Eystime does not know. */
	CHECK(S_gives(&f, "{% for k in spairs(page.params) do %}{{ k }},"
	    "{% end %}", P_A, "couleur,count,flag,nested,phone,quoted,ratio,"));
	CHECK(S_gives(&f, "{{ page.params.title }}{{ page.params.weight }}"
	    "{{ page.params.objectives }}{{ page.params.glossary }}", P_A, ""));
	/* A page without other keys has empty params. */
	CHECK(S_gives(&f, "{% for k in pairs(page.params) do %}{{ k }}"
	    "{% end %}", P_B, ""));
	S_close(&f);
}

/* Which front-matter keys a theme shows, from its templates' text
 * (issue 17, case 9: the note on the keys no template shows). */
static void
test_tpl_params_named(void)
{
	static const struct {
		const char *src, *key;
		int want;
	} cases[] = {
		{ "{{ page.params.steps }}", "steps", 1 },
		{ "{{ page.params.steps_more }}", "steps", 0 },
		{ "{{ page.params[\"steps\"] }}", "steps", 1 },
		{ "{{ page.params['tags'] }}", "steps", 0 },
		{ "{% for k, v in spairs(page.params) do %}{% end %}", "x", 1 },
		{ "{% local p = page.params %}{{ p.x }}", "y", 1 },
		{ "{{ page.params[k] }}", "y", 1 },
		{ "{{ site.params.color }}", "steps", 0 },
		{ "{{ page.myparams }} {{ page.title }}", "steps", 0 },
		{ "<p>steps</p>", "steps", 0 },
	};
	tpl_set set;
	diag d;
	size_t i;

	diag_init(&d);
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		memset(&set, 0, sizeof set);
		CHECK(S_add(&set, "t", cases[i].src, &d) == 0);
		if (tpl_params_named(&set, cases[i].key) != cases[i].want)
			printf("#   %s, %s: want %d\n", cases[i].src,
			    cases[i].key, cases[i].want);
		CHECK(tpl_params_named(&set, cases[i].key) == cases[i].want);
		tpl_set_free(&set);
	}
	diag_free(&d);
}

static void
test_tpl_site(void)
{
	fixture f;

	S_open(&f);
	CHECK(S_gives(&f, "{{ site.title }}|{{ site.language }}|{{ site.api }}|"
	    "{{ site.base_url }}", P_A, "Cours &lt;test&gt;|fr|/api|"));
	CHECK(S_gives(&f, "{{ site.params.color }}|{{ site.params.n * 2 }}", P_A,
	    "bleu|4"));
	CHECK(S_gives(&f, "{{ #site.modules }}:{% for _, m in "
	    "ipairs(site.modules) do %}{{ m.title }}({{ #m.lessons }}){% end %}",
	    P_A, "1:Module &lt;1&gt;(2)"));
	CHECK(S_gives(&f, "{{ site.home.title }}|{{ #site.pages }}|"
	    "{{ site.pages[1].title }}", P_A, "Accueil|1|Page"));
	CHECK(S_gives(&f, "{% for k, v in spairs({ b = 1, a = 2, [1] = 3 }) do "
	    "%}{{ k }}={{ v }};{% end %}", P_A, "1=3;a=2;b=1;"));
	S_close(&f);
}

static void
test_tpl_content_and_toc(void)
{
	fixture f;
	md_out md;
	buf out;
	const char *body = "Intro\n\n## Un\n\n### Deux\n\n#### Trois\n\n"
	    "[B](02-b.md)\n";

	md_init();
	S_open(&f);
	buf_init(&out, BUF_UNBOUNDED);
	CHECK(md_render(&f.s, &f.s.pages[P_A], body, strlen(body), &S_labels,
	    &md) == 0);
	CHECK(S_render_md(&f, "{{& page.content }}", P_A, &md, &out) == 0);
	CHECK(strstr(out.data, "<h2 id=\"un\">Un</h2>") != NULL);
	CHECK(strstr(out.data, "<a href=\"../02-b/\">B</a>") != NULL);
	CHECK(S_render_md(&f, "{% for _, h in ipairs(page.toc) do %}"
	    "{{ h.level }}:{{ h.id }}:{{ h.text }};{% end %}", P_A, &md,
	    &out) == 0);
	CHECK_STR(out.data, "2:un:Un;3:deux:Deux;");
	/* Without Markdown, no content and no toc. */
	CHECK(S_render(&f, "[{{& page.content }}][{{ page.toc }}]", P_A,
	    &out) == 0);
	CHECK_STR(out.data, "[][]");
	md_out_free(&md);
	buf_free(&out);
	CHECK(f.d.n == 0);
	S_close(&f);
}

static void
test_tpl_runtime_errors(void)
{
	fixture f;
	const diag_msg *m;

	S_open(&f);
	m = S_fails(&f, "a\n\n{{ nil_table.x }}\n", P_A);
	CHECK(m != NULL);
	if (m != NULL) {
		CHECK_STR(m->path, "themes/t/templates/t.html");
		CHECK(m->line == 3);
		CHECK(strstr(m->text, "nil_table") != NULL);
	}
	CHECK(f.d.nerrors == 1);
	S_clear(&f);

	/* Lines stay right after statements over several lines and after
	 * comments. */
	m = S_fails(&f, "{%\n local a = 1\n%}\n{# x\n y #}\n{{ a.b.c }}", P_A);
	CHECK(m != NULL && m->line == 6);
	S_clear(&f);
	m = S_fails(&f, "x\ny{{ \"a--b\" }}\n{{ nil_table.x }}", P_A);
	CHECK(m != NULL && m->line == 3);
	S_clear(&f);
	/* A "--" comment in a tag must neither swallow the code after it
	 * nor move the lines. */
	m = S_fails(&f, "{{ 1 }}{% -- a comment\n%}{{ nil_table.x }}", P_A);
	/* Comments are blanked, no line is added: the line stays right. */
	CHECK(m != NULL && m->line == 2);
	CHECK(m != NULL && strstr(m->text, "nil_table") != NULL);
	S_clear(&f);
	m = S_fails(&f, "{{ \"a--b\" }}{{ nil_table.x }}", P_A);
	CHECK(m != NULL && m->line == 1);
	CHECK(m != NULL && strstr(m->text, "nil_table") != NULL);
	S_clear(&f);

	/* An error in a partial names the partial. */
	m = S_fails(&f, "a\n{{& partial(\"bad\") }}", P_A);
	CHECK(m != NULL);
	if (m != NULL) {
		CHECK_STR(m->path, "themes/t/templates/partials/bad.html");
		CHECK(m->line == 3);
	}
	S_clear(&f);

	/* A Lua syntax error in a template is found at load time. */
	{
		tpl_set set;
		tpl_engine e;

		S_set(&set, "a\n{% if x then %}\nb\n", &f.d);
		CHECK(tpl_engine_init(&e, &f.s, &set, &S_assets) == -1);
		CHECK(f.d.nerrors == 1);
		CHECK(f.d.n == 1 && strcmp(f.d.a[0].path,
		    "themes/t/templates/t.html") == 0);
		tpl_engine_free(&e);
		tpl_set_free(&set);
	}
	S_clear(&f);

	/* error() from a template. */
	m = S_fails(&f, "\n{% error(\"stop\") %}", P_A);
	CHECK(m != NULL && m->line == 2 && strstr(m->text, "stop") != NULL);
	S_close(&f);
}

static void
test_tpl_sandbox(void)
{
	static const char *const code[] = {
		"{{ os.time() }}",
		"{% os.exit(1) %}",
		"{% io.open(\"/tmp/eystime-tpl-pwned\", \"w\") %}",
		"{% require(\"os\") %}",
		"{% load(\"return 1\")() %}",
		"{% loadstring(\"return 1\")() %}",
		"{% dofile(\"/etc/passwd\") %}",
		"{% loadfile(\"/etc/passwd\") %}",
		"{% debug.getinfo(1) %}",
		"{% setmetatable({}, {}) %}",
		"{% getmetatable(\"\").__index = nil %}",
		"{% collectgarbage() %}",
		"{% pcall(error) %}",
		"{% print(1) %}",
		"{% package.loaded.os.exit() %}",
		"{{ (\"x\"):rep(1 << 30) }}",
	};
	fixture f;
	size_t i;

	S_open(&f);
	for (i = 0; i < sizeof code / sizeof code[0]; i++) {
		const diag_msg *m = S_fails(&f, code[i], P_A);

		CHECK(m != NULL);
		S_clear(&f);
	}
	CHECK(!fs_exists("/tmp/eystime-tpl-pwned"));
	S_close(&f);
}

static void
test_tpl_endless_loop(void)
{
	fixture f;
	tpl_set set;
	tpl_engine e;
	buf out;

	S_open(&f);
	S_set(&set, "a\n{% while true do end %}", &f.d);
	CHECK(S_add(&set, "ok", "fine {{ page.title }}", &f.d) == 0);
	CHECK(S_add(&set, "rec", "{% local function r() return r() + 1 end "
	    "r() %}", &f.d) == 0);
	buf_init(&out, BUF_UNBOUNDED);
	CHECK(tpl_engine_init(&e, &f.s, &set, &S_assets) == 0);
	CHECK(tpl_render(&e, "t", P_A, NULL, NULL, &out) == -1);
	CHECK(f.d.nerrors == 1);
	if (f.d.n == 1) {
		CHECK(strstr(f.d.a[0].text, "boucle") != NULL);
		CHECK_STR(f.d.a[0].path, "themes/t/templates/t.html");
		CHECK(f.d.a[0].line == 2);
	}
	/* The engine still works afterwards, with a fresh budget. */
	buf_reset(&out);
	CHECK(tpl_render(&e, "ok", P_A, NULL, NULL, &out) == 0);
	CHECK_STR(out.data, "fine A &amp; co");
	CHECK(tpl_render(&e, "rec", P_A, NULL, NULL, &out) == -1);
	buf_reset(&out);
	CHECK(tpl_render(&e, "ok", P_B, NULL, NULL, &out) == 0);
	CHECK_STR(out.data, "fine B");
	CHECK(tpl_render(&e, "nope", P_B, NULL, NULL, &out) == -1);
	tpl_engine_free(&e);
	tpl_set_free(&set);
	buf_free(&out);
	S_close(&f);
}

/*
 * Renders on one engine should not see each other: with --jobs N a page
 * lands on any worker, so what one render changes in the shared tables
 * makes the output depend on the order of work.
 */
static void
test_tpl_renders_independent(void)
{
	fixture f;
	tpl_set set;
	tpl_engine e;
	buf out;

	S_open(&f);
	S_set(&set, "{% x = 1 %}", &f.d);
	CHECK(S_add(&set, "show", "{{ x }}|{{ site.title }}|{% for _, m in "
	    "ipairs(site.modules[1].lessons) do %}{{ m.title }};{% end %}",
	    &f.d) == 0);
	CHECK(S_add(&set, "mutate", "{% site.title = \"changé\" "
	    "table.sort(site.modules[1].lessons, function(a, b) "
	    "return a.title < b.title end) %}", &f.d) == 0);
	buf_init(&out, BUF_UNBOUNDED);
	CHECK(tpl_engine_init(&e, &f.s, &set, &S_assets) == 0);
	CHECK(tpl_render(&e, "t", P_A, NULL, NULL, &out) == 0);
	/* Globals a template sets die with its render. */
	CHECK(tpl_render(&e, "show", P_A, NULL, NULL, &out) == 0);
	CHECK_STR(out.data, "|Cours &lt;test&gt;|A &amp; co;B;");
	buf_reset(&out);
	/* site and the page summaries are read-only: the render that tries
	 * to change them fails, and the next page sees them unchanged. */
	CHECK(tpl_render(&e, "mutate", P_HOME, NULL, NULL, &out) == -1);
	CHECK(f.d.nerrors == 1 && f.d.n == 1 &&
	    strstr(f.d.a[0].text, "lecture seule") != NULL);
	S_clear(&f);
	buf_reset(&out);
	CHECK(tpl_render(&e, "show", P_A, NULL, NULL, &out) == 0);
	CHECK_STR(out.data, "|Cours &lt;test&gt;|A &amp; co;B;");
	tpl_engine_free(&e);
	tpl_set_free(&set);
	buf_free(&out);
	S_close(&f);
}

static void
test_tpl_load_dir(void)
{
	fixture f;
	tpl_set set;
	buf dir;

	S_open(&f);
	buf_init(&dir, 4096);
	buf_printf(&dir, "%s/templates", f.theme);
	S_write(dir.data, "home.html", "{{ page.title }}\n");
	S_write(dir.data, "partials/nav.html", "<nav></nav>\n");
	S_write(dir.data, "notes.txt", "not a template {{");
	S_write(dir.data, ".hidden.html", "{{");
	S_write(dir.data, "b.html", "x");
	CHECK(tpl_load_dir(&set, dir.data, &f.d) == 0);
	CHECK(f.d.n == 0);
	CHECK(set.n == 3);
	if (set.n == 3) {
		CHECK_STR(set.name[0], "b");
		CHECK_STR(set.name[1], "home");
		CHECK_STR(set.name[2], "partials/nav");
		CHECK(strstr(set.path[2], "templates/partials/nav.html") != NULL);
		CHECK(set.lua[1] != NULL && strlen(set.lua[1]) > 0);
	}
	CHECK(tpl_has(&set, "home"));
	CHECK(tpl_has(&set, "partials/nav"));
	CHECK(!tpl_has(&set, "notes"));
	CHECK(!tpl_has(&set, "nav"));
	CHECK(!tpl_has(&set, ".hidden"));
	/* What was loaded renders. */
	{
		tpl_engine e;
		buf out;

		buf_init(&out, BUF_UNBOUNDED);
		CHECK(tpl_engine_init(&e, &f.s, &set, &S_assets) == 0);
		CHECK(tpl_render(&e, "home", P_HOME, NULL, NULL, &out) == 0);
		CHECK_STR(out.data, "Accueil\n");
		tpl_engine_free(&e);
		buf_free(&out);
	}
	tpl_set_free(&set);
	CHECK(set.n == 0 && set.name == NULL);

	/* Every broken template is reported in one run, good ones kept. */
	S_write(dir.data, "bad1.html", "a\n{{ x");
	S_write(dir.data, "bad2.html", "a\nb\n{% if x then %}");
	CHECK(tpl_load_dir(&set, dir.data, &f.d) == -1);
	CHECK(f.d.nerrors == 2);
	if (f.d.n == 2) {
		CHECK(strstr(f.d.a[0].path, "bad1.html") != NULL);
		CHECK(f.d.a[0].line == 2);
		CHECK(strstr(f.d.a[1].path, "bad2.html") != NULL);
	}
	CHECK(tpl_has(&set, "home") && !tpl_has(&set, "bad1"));
	tpl_set_free(&set);
	S_clear(&f);

	/* No folder. */
	buf_puts(&dir, "/nope");
	CHECK(tpl_load_dir(&set, dir.data, &f.d) == -1);
	CHECK(f.d.nerrors == 1);
	tpl_set_free(&set);
	buf_free(&dir);
	S_close(&f);
}

/*
 * The theme's i18n file may hold text, numbers, booleans and tables of
 * them; anything else (a function) is refused when the file is read.
 */
static void
test_tpl_odd_i18n(void)
{
	fixture f;
	buf out;
	static const char fr[] =
	    "home = \"Accueil\"\n"
	    "deep = { a = { b = { c = \"profond\" } } }\n";
	static const char bad_value[] =
	    "home = \"Accueil\"\nfn = function() end\n";
	static const char bad_key[] =
	    "home = \"Accueil\"\nx = { [function() end] = 1 }\n";

	CHECK(S_open_with(&f, "title = \"T\"\n", fr, S_en) == 0);
	buf_init(&out, BUF_UNBOUNDED);
	CHECK(S_render(&f, "{{ t(\"home\") }}|{{ type(t) }}", P_A, &out) == 0);
	CHECK_STR(out.data, "Accueil|function");
	buf_free(&out);
	S_close(&f);
	CHECK(S_open_with(&f, "title = \"T\"\n", bad_value, S_en) == -1);
	S_close(&f);
	CHECK(S_open_with(&f, "title = \"T\"\n", bad_key, S_en) == -1);
	S_close(&f);
}

/* The default: links to pages end with index.html, for file://. */
static void
test_tpl_index_links(void)
{
	fixture f;

	CHECK(S_open_with(&f, "title = \"T\"\n", S_fr, S_en) == 0);
	CHECK(S_gives(&f, "{{ url(page.next) }}", P_A, "../02-b/index.html"));
	CHECK(S_gives(&f, "{{ url(\"\") }}", P_A, "../../index.html"));
	CHECK(S_gives(&f, "{{ url(page) }}", P_A, "./index.html"));
	CHECK(S_gives(&f, "{{ url(\"mod/#x\") }}", P_A, "../index.html#x"));
	CHECK(S_gives(&f, "{{ url(\"feed.xml\") }}", P_A, "../../feed.xml"));
	CHECK(S_gives(&f, "{{ asset(\"css/style.css\") }}", P_A,
	    "../../static/css/style.0a1b2c3d4e.css"));
	S_close(&f);
}

/*
 * A state starts afresh every few hundred pages (S_recycle), in each
 * worker while the others render: the pages come out the same, and
 * states made at the same time from the one configuration do not get in
 * each other's way.
 */
typedef struct recycle_job {
	tpl_engine e;
	int pages, bad;
} recycle_job;

#define RECYCLE_SHOW "{{ site.params.color }}|{{ t(\"home\") }}|" \
	"{% for _, m in ipairs(site.modules[1].lessons) do %}" \
	"{{ m.title }};{% end %}"
#define RECYCLE_WANT "bleu|Accueil|A &amp; co;B;"

static void *
S_recycle_run(void *arg)
{
	recycle_job *j = arg;
	buf out;
	int k;

	buf_init(&out, BUF_UNBOUNDED);
	for (k = 0; k < j->pages; k++) {
		buf_reset(&out);
		if (tpl_render(&j->e, "show", P_A, NULL, NULL, &out) != 0 ||
		    out.data == NULL || strcmp(out.data, RECYCLE_WANT) != 0)
			j->bad++;
	}
	buf_free(&out);
	return NULL;
}

static void
test_tpl_recycle(void)
{
	fixture f;
	tpl_set set;
	recycle_job j[3];
	pthread_t t[3];
	int k;

	S_open(&f);
	S_set(&set, "", &f.d);
	CHECK(S_add(&set, "show", RECYCLE_SHOW, &f.d) == 0);
	for (k = 0; k < 3; k++) {
		CHECK(tpl_engine_init(&j[k].e, &f.s, &set, &S_assets) == 0);
		j[k].pages = 20000;
		j[k].bad = 0;
	}
	for (k = 0; k < 3; k++)
		CHECK(pthread_create(&t[k], NULL, S_recycle_run, &j[k]) == 0);
	for (k = 0; k < 3; k++) {
		pthread_join(t[k], NULL);
		CHECK(j[k].bad == 0);
		tpl_engine_free(&j[k].e);
	}
	CHECK(f.d.n == 0);
	tpl_set_free(&set);
	S_close(&f);
}

/* Templates see each front-matter field where site_fields says: in
 * page, not in page.params; checks in neither. */
static void
test_tpl_fields_table(void)
{
	const site_field *sf;
	fixture f;
	buf src;
	int pi, seen = 0;

	S_open(&f);
	buf_init(&src, 4096);
	for (sf = site_fields; sf->name != NULL; sf++) {
		CHECK(site_field_find(sf->name) == sf);
		for (pi = 0; pi < P_N; pi++) {
			if (fm_get(f.s.pages[pi].fm, sf->name) == NULL)
				continue;
			buf_reset(&src);
			buf_printf(&src, "{{ page[\"%s\"] ~= nil }}|"
			    "{{ page.params[\"%s\"] ~= nil }}", sf->name,
			    sf->name);
			CHECK(S_gives(&f, src.data, pi, sf->tpl ==
			    SITE_TPL_NONE ? "false|false" : "true|false"));
			seen++;
		}
	}
	/* title on every page, and the fields of 01-a.md and the module. */
	CHECK(seen >= P_N + 6);
	CHECK(site_field_find("couleur") == NULL);
	CHECK(S_gives(&f, "{{ page.params.couleur }}", P_A, "rouge"));
	buf_free(&src);
	S_close(&f);
}

/* ------------------------------------------------------------------ */
/* Helpers that run out of memory: the error longjmps out of them, and
 * what they had malloc'ed must not leak (STYLE.md rule 2). Under
 * AddressSanitizer (make asan) LeakSanitizer fails this program at exit
 * if any did. */

/* The ceiling of the states below. */
#define S_OOM_MEM ((size_t)1 << 20)

/* fill(n): a userdata of n bytes, which uses up the state's memory. */
static int
S_fill(lua_State *L)
{
	lua_newuserdatauv(L, (size_t)lua_tointeger(L, 1), 0);
	return 1;
}

/*
 * In a fresh state, helper name(arg) with all but about `fill` bytes of
 * the state's memory free. Returns what lua_pcall returned (LUA_OK or
 * LUA_ERRMEM), or -1 when the filler itself did not fit.
 */
static int
S_call_filled(tpl_engine *e, const char *name, const char *arg, size_t fill)
{
	const tpl_helper *h;
	lua_State *L;
	int rc;

	for (h = tpl_helpers; h->name != NULL && strcmp(h->name, name) != 0;
	    h++)
		;
	/* The helpers tried here read no i18n texts. */
	CHECK(h->name != NULL && h->up != TPL_UP_I18N &&
	    h->up != TPL_UP_I18N_PLURAL);
	if (h->name == NULL || (L = sbx_newstate(S_OOM_MEM)) == NULL)
		return -1;
	lua_gc(L, LUA_GCSTOP);
	/* Everything that needs memory before the filler: after it, only
	 * the protected call may fail. */
	tpl_push_helper(L, e, h, 0);
	lua_pushstring(L, arg);
	lua_pushcfunction(L, S_fill);
	lua_pushinteger(L, (lua_Integer)fill);
	if (lua_pcall(L, 1, 1, 0) != LUA_OK) {
		sbx_close(L);
		return -1;
	}
	lua_insert(L, 1);
	rc = lua_pcall(L, 1, 1, 0);
	sbx_close(L);
	return rc;
}

/* The largest filler that fits, by bisection. */
static size_t
S_fill_max(tpl_engine *e, const char *name, const char *arg)
{
	size_t lo = 0, hi = S_OOM_MEM, mid;

	while (lo + 1 < hi) {
		mid = lo + (hi - lo) / 2;
		if (S_call_filled(e, name, arg, mid) == -1)
			hi = mid;
		else
			lo = mid;
	}
	return lo;
}

static void
test_tpl_helpers_out_of_memory(void)
{
	static const struct {
		const char *name, *arg;
	} cases[] = {
		{ "escape", NULL },  /* arg: S_lt below */
		{ "url", "mod/02-b/" },
		{ "asset", "css/style.css" },
		{ "az_index", "" },
	};
	char lt[2001];
	fixture f;
	tpl_set set;
	tpl_engine e;
	size_t i, fill, top;
	int rc, ok, oom;

	memset(lt, '<', sizeof lt - 1);
	lt[sizeof lt - 1] = '\0';
	S_open(&f);
	S_set(&set, "x", &f.d);
	CHECK(tpl_engine_init(&e, &f.s, &set, &S_assets) == 0);
	e.cur_url = f.s.pages[P_A].url;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const char *arg = cases[i].arg != NULL ? cases[i].arg : lt;

		/* From no room at all to enough: every allocation the helper
		 * makes fails once, each time in a state of its own. */
		top = S_fill_max(&e, cases[i].name, arg);
		ok = oom = 0;
		for (fill = top; fill + 12000 > top && fill > 0; fill -= 8) {
			rc = S_call_filled(&e, cases[i].name, arg, fill);
			ok += rc == LUA_OK;
			oom += rc == LUA_ERRMEM;
			CHECK(rc == LUA_OK || rc == LUA_ERRMEM || rc == -1);
		}
		if (ok == 0 || oom == 0)
			printf("#   %s: %d ok, %d out of memory\n", cases[i].name,
			    ok, oom);
		CHECK(ok > 0 && oom > 0);
	}
	tpl_engine_free(&e);
	tpl_set_free(&set);
	S_close(&f);
}

int
main(void)
{
	RUN(test_tpl_index_links);
	RUN(test_tpl_compile_errors);
	RUN(test_tpl_escape);
	RUN(test_tpl_text);
	RUN(test_tpl_statements);
	RUN(test_tpl_statement_after_tag);
	RUN(test_tpl_lua_comment_in_expression);
	RUN(test_tpl_layout_partial);
	RUN(test_tpl_url_asset);
	RUN(test_tpl_404);
	RUN(test_tpl_i18n_helpers);
	RUN(test_tpl_i18n_english);
	RUN(test_tpl_page);
	RUN(test_tpl_page_params);
	RUN(test_tpl_params_named);
	RUN(test_tpl_site);
	RUN(test_tpl_content_and_toc);
	RUN(test_tpl_runtime_errors);
	RUN(test_tpl_sandbox);
	RUN(test_tpl_endless_loop);
	RUN(test_tpl_renders_independent);
	RUN(test_tpl_load_dir);
	RUN(test_tpl_odd_i18n);
	RUN(test_tpl_recycle);
	RUN(test_tpl_fields_table);
	RUN(test_tpl_helpers_out_of_memory);
	CHECK_EXIT();
}
