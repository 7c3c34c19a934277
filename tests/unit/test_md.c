/*
 * generator/site.h and generator/md.h: a real content/ folder scanned into
 * pages, then Markdown rendered for those pages, with links rewritten and
 * checked, heading ids, callouts and the GFM extensions.
 */
#include <stdlib.h>

#include "../../common/buf.h"
#include "../../common/text.h"
#include "../../generator/diag.h"
#include "../../generator/fs.h"
#include "../../generator/md.h"
#include "../../generator/site.h"
#include "check.h"

typedef struct fixture {
	char dir[64]; /* the site folder, under /tmp */
	site s;
	diag d;
	int rc;       /* what site_scan returned */
} fixture;

static const md_labels S_labels = {
	{ "À savoir", "Astuce", "Important", "Attention", "Danger" },
	"Retour au texte", "Voir la réponse", "Bonne réponse :",
	"Tableau %d : %s", "Vérifier",
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

/* A fresh empty site folder. */
static void
S_open(fixture *f)
{
	memset(f, 0, sizeof *f);
	memcpy(f->dir, "/tmp/eystime-md-XXXXXX", 23);
	CHECK(mkdtemp(f->dir) != NULL);
	diag_init(&f->d);
	msg_set_language("fr");
}

static void
S_scan(fixture *f, int drafts)
{
	f->s.dir = f->dir;
	f->s.d = &f->d;
	f->s.drafts = drafts;
	f->rc = site_scan(&f->s, 1);
}

static void
S_close(fixture *f)
{
	site_free(&f->s);
	diag_free(&f->d);
	CHECK(fs_rmtree(f->dir) == 0);
	CHECK(!fs_exists(f->dir));
}

/* The small site most tests use. */
static void
S_small_site(fixture *f)
{
	S_open(f);
	S_write(f->dir, "content/_index.md",
	    "---\ntitle: Accueil\n---\nBienvenue\n");
	S_write(f->dir, "content/mod/_index.md",
	    "---\ntitle: Module\n---\nIntro\n");
	S_write(f->dir, "content/mod/01-a.md", "---\ntitle: A\n---\n# A\n");
	S_write(f->dir, "content/mod/02-b.md",
	    "---\ntitle: B\n---\n## Étape 2\n");
	S_write(f->dir, "content/mod/img.svg",
	    "<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n");
	S_write(f->dir, "content/page.md", "---\ntitle: Page\n---\nTexte\n");
	S_write(f->dir, "content/mod/03-c.md",
	    "---\ntitle: C\ndraft: true\n---\n");
	S_scan(f, 0);
}

static const page *
S_page(const fixture *f, const char *src)
{
	int i = site_find(&f->s, src);

	CHECK(i >= 0);
	return i >= 0 ? &f->s.pages[i] : &f->s.pages[0];
}

/* Render md as the body of page src; the caller frees out. */
static const char *
S_render(fixture *f, const char *src, const char *md, md_out *out)
{
	CHECK(md_render(&f->s, S_page(f, src), md, strlen(md), &S_labels,
	    out) == 0);
	CHECK(out->html.data != NULL);
	return out->html.data != NULL ? out->html.data : "";
}

/* The html of md rendered in page src contains want. */
static int
S_has(fixture *f, const char *src, const char *md, const char *want)
{
	md_out out;
	int ok;

	ok = strstr(S_render(f, src, md, &out), want) != NULL;
	if (!ok)
		printf("#   want %s\n#   in   %s", want, out.html.data);
	md_out_free(&out);
	return ok;
}

/* ------------------------------------------------------------------ */

static void
test_site_scan(void)
{
	fixture f;
	const page *p;
	int home, mod, a, b, pg;

	S_small_site(&f);
	CHECK(f.rc == 0);
	CHECK(f.d.n == 0);
	CHECK(f.s.npages == 5);
	CHECK(f.s.nmodules == 1);
	CHECK(f.s.nplain == 1);
	CHECK(f.s.nassets == 1);
	CHECK_STR(f.s.nassets == 1 ? f.s.assets[0] : NULL, "mod/img.svg");

	home = site_find(&f.s, "_index.md");
	mod = site_find(&f.s, "mod/_index.md");
	a = site_find(&f.s, "mod/01-a.md");
	b = site_find(&f.s, "mod/02-b.md");
	pg = site_find(&f.s, "page.md");
	/* Reading order: home, the module and its lessons, plain pages. */
	CHECK(home == 0 && mod == 1 && a == 2 && b == 3 && pg == 4);
	CHECK(f.s.home == home);
	CHECK(f.s.modules[0] == mod);
	CHECK(f.s.plain[0] == pg);
	CHECK(site_find(&f.s, "mod/03-c.md") == -1);
	CHECK(site_find(&f.s, "") == -1);
	CHECK(site_find(&f.s, "mod/img.svg") == -1);
	CHECK(site_find(&f.s, "zzz.md") == -1);
	CHECK(site_has_asset(&f.s, "mod/img.svg"));
	CHECK(!site_has_asset(&f.s, "img.svg"));
	CHECK(!site_has_asset(&f.s, "mod/01-a.md"));
	if (f.s.npages != 5) {
		S_close(&f);
		return;
	}

	p = &f.s.pages[home];
	CHECK(p->kind == PAGE_HOME);
	CHECK_STR(p->id, "");
	CHECK_STR(p->url, "");
	CHECK_STR(p->title, "Accueil");
	CHECK_STR(p->src, "_index.md");
	CHECK(strstr(p->path, "content/_index.md") != NULL);
	CHECK(p->module == -1);

	p = &f.s.pages[mod];
	CHECK(p->kind == PAGE_MODULE);
	CHECK_STR(p->id, "mod");
	CHECK_STR(p->url, "mod/");
	CHECK_STR(p->title, "Module");
	CHECK(p->nlessons == 2);
	CHECK(p->nlessons == 2 && p->lessons[0] == a && p->lessons[1] == b);

	p = &f.s.pages[a];
	CHECK(p->kind == PAGE_LESSON);
	CHECK_STR(p->id, "mod/01-a");
	CHECK_STR(p->url, "mod/01-a/");
	CHECK_STR(p->title, "A");
	CHECK(p->module == mod);
	CHECK(p->prev == -1 && p->next == b);
	CHECK(p->body_line == 4);
	CHECK(p->body_off == strlen("---\ntitle: A\n---\n"));
	CHECK(!p->broken && !p->draft);
	CHECK(p->fm != NULL);

	p = &f.s.pages[b];
	CHECK(p->module == mod && p->prev == a && p->next == -1);

	p = &f.s.pages[pg];
	CHECK(p->kind == PAGE_PLAIN);
	CHECK_STR(p->id, "page");
	CHECK_STR(p->url, "page/");
	CHECK(p->module == -1 && p->prev == -1 && p->next == -1);
	CHECK_STR(site_kind_name(PAGE_HOME), "home");
	CHECK_STR(site_kind_name(PAGE_MODULE), "module");
	CHECK_STR(site_kind_name(PAGE_LESSON), "lesson");
	CHECK_STR(site_kind_name(PAGE_PLAIN), "page");
	S_close(&f);
}

/* Reading the pages on several threads gives the same site. */
static void
test_site_scan_jobs(void)
{
	fixture one, many;
	int i, k, same = 1;

	S_small_site(&one);
	S_open(&many);
	for (k = 0; k < 40; k++) {
		char rel[64], text[64];

		snprintf(rel, sizeof rel, "content/m%02d/_index.md", k % 7);
		snprintf(text, sizeof text, "---\ntitle: M%d\n---\n", k % 7);
		S_write(many.dir, rel, text);
		snprintf(rel, sizeof rel, "content/m%02d/l%02d.md", k % 7, k);
		snprintf(text, sizeof text, "---\ntitle: L%d\nweight: %d\n---\n",
		    k, 40 - k);
		S_write(many.dir, rel, text);
	}
	/* Its address is that of m03/l03.md: one error, one page less. */
	S_write(many.dir, "content/m03/L03.md", "---\ntitle: x\n---\n");
	many.s.dir = many.dir;
	many.s.d = &many.d;
	many.rc = site_scan(&many.s, 4);
	CHECK(many.rc == -1 && many.d.nerrors == 1);
	CHECK(many.s.npages == 47 && many.s.nmodules == 7);
	/* Same order as one thread would give. */
	{
		fixture again;

		S_open(&again);
		again.s.dir = many.dir;
		again.s.d = &again.d;
		again.rc = site_scan(&again.s, 1);
		CHECK(again.s.npages == many.s.npages);
		for (i = 0; i < many.s.npages && i < again.s.npages; i++)
			if (strcmp(many.s.pages[i].src, again.s.pages[i].src) != 0 ||
			    many.s.pages[i].prev != again.s.pages[i].prev)
				same = 0;
		CHECK(same);
		/* Lessons by weight: l39 (weight 1) comes first in m04. */
		CHECK_STR(many.s.pages[many.s.pages[many.s.modules[4]].lessons[0]]
		    .src, "m04/l39.md");
		site_free(&again.s);
		diag_free(&again.d);
		CHECK(fs_rmtree(again.dir) == 0);
	}
	S_close(&many);
	S_close(&one);
}

static void
test_site_fields(void)
{
	fixture f;
	const page *p;

	S_open(&f);
	S_write(f.dir, "content/mod/_index.md", "---\ntitle: M\n---\n");
	S_write(f.dir, "content/mod/a.md",
	    "---\n"
	    "title: \"Titre\\tavec tab\"\n"
	    "summary: Résumé\n"
	    "level: débutant\n"
	    "date: 2026-10-05\n"
	    "duration: 20\n"
	    "weight: -3\n"
	    "draft: false\n"
	    "couleur: bleu\n"
	    "---\n");
	S_scan(&f, 0);
	CHECK(f.rc == 0 && f.d.n == 0);
	p = S_page(&f, "mod/a.md");
	CHECK_STR(p->title, "Titre avec tab");
	CHECK_STR(p->summary, "Résumé");
	CHECK_STR(p->level, "débutant");
	CHECK_STR(p->date, "2026-10-05");
	CHECK(p->duration == 20);
	CHECK(p->has_weight && p->weight == -3);
	CHECK(p->draft == 0);
	CHECK(fm_get(p->fm, "couleur") != NULL);
	S_close(&f);
}

static void
test_site_order(void)
{
	fixture f;
	const page *m;
	static const char *const want[] = {
		"m2/c.md", "m2/d.md", "m2/a.md", "m2/b.md", "m2/e.md",
	};
	int k;

	S_open(&f);
	S_write(f.dir, "content/m1/_index.md", "---\ntitle: M1\nweight: 2\n---\n");
	S_write(f.dir, "content/m2/_index.md", "---\ntitle: M2\nweight: 1\n---\n");
	S_write(f.dir, "content/m3/_index.md", "---\ntitle: M3\n---\n");
	S_write(f.dir, "content/m0/_index.md", "---\ntitle: M0\n---\n");
	S_write(f.dir, "content/m2/a.md", "---\ntitle: a\nweight: 2\n---\n");
	S_write(f.dir, "content/m2/b.md", "---\ntitle: b\n---\n");
	S_write(f.dir, "content/m2/c.md", "---\ntitle: c\nweight: 1\n---\n");
	S_write(f.dir, "content/m2/d.md", "---\ntitle: d\nweight: 1\n---\n");
	S_write(f.dir, "content/m2/e.md", "---\ntitle: e\n---\n");
	S_write(f.dir, "content/m1/x.md", "---\ntitle: x\n---\n");
	S_write(f.dir, "content/y.md", "---\ntitle: y\n---\n");
	S_write(f.dir, "content/z.md", "---\ntitle: z\nweight: 1\n---\n");
	S_scan(&f, 0);
	CHECK(f.rc == 0 && f.d.n == 0);
	/* No home page: that is allowed. */
	CHECK(f.s.home == -1);
	CHECK(f.s.nmodules == 4);
	if (f.s.nmodules != 4) {
		S_close(&f);
		return;
	}
	/* Weighted first by weight, then the others by name. */
	CHECK_STR(f.s.pages[f.s.modules[0]].id, "m2");
	CHECK_STR(f.s.pages[f.s.modules[1]].id, "m1");
	CHECK_STR(f.s.pages[f.s.modules[2]].id, "m0");
	CHECK_STR(f.s.pages[f.s.modules[3]].id, "m3");
	m = &f.s.pages[f.s.modules[0]];
	CHECK(m->nlessons == 5);
	for (k = 0; k < m->nlessons && k < 5; k++) {
		const page *l = &f.s.pages[m->lessons[k]];

		CHECK_STR(l->src, want[k]);
		CHECK(l->module == f.s.modules[0]);
		CHECK(l->prev == (k > 0 ? m->lessons[k - 1] : -1));
		CHECK(l->next == (k < 4 ? m->lessons[k + 1] : -1));
	}
	/* The module with one lesson: no neighbours. */
	m = &f.s.pages[f.s.modules[1]];
	CHECK(m->nlessons == 1);
	CHECK(m->nlessons == 1 && f.s.pages[m->lessons[0]].prev == -1 &&
	    f.s.pages[m->lessons[0]].next == -1);
	CHECK(f.s.pages[f.s.modules[2]].nlessons == 0);
	/* Lessons follow their module in pages[]. */
	CHECK(m->nlessons == 1 && m->lessons[0] == f.s.modules[1] + 1);
	CHECK(f.s.nplain == 2);
	CHECK_STR(f.s.pages[f.s.plain[0]].id, "z");
	CHECK_STR(f.s.pages[f.s.plain[1]].id, "y");
	S_close(&f);

	/* Names without a weight in natural order: 10-2 before 10-14. */
	S_open(&f);
	S_write(f.dir, "content/m/_index.md", "---\ntitle: M\n---\n");
	S_write(f.dir, "content/m/10-14.md", "---\ntitle: a\n---\n");
	S_write(f.dir, "content/m/10-2.md", "---\ntitle: b\n---\n");
	S_write(f.dir, "content/m/9.md", "---\ntitle: c\n---\n");
	S_write(f.dir, "content/m/010-3.md", "---\ntitle: d\n---\n");
	S_write(f.dir, "content/m/10-2-b.md", "---\ntitle: e\n---\n");
	S_scan(&f, 0);
	CHECK(f.rc == 0 && f.s.nmodules == 1);
	if (f.s.nmodules == 1) {
		static const char *const nat[] = { "m/9.md", "m/10-2.md",
			"m/10-2-b.md", "m/010-3.md", "m/10-14.md" };

		m = &f.s.pages[f.s.modules[0]];
		CHECK(m->nlessons == 5);
		for (k = 0; k < m->nlessons && k < 5; k++)
			CHECK_STR(f.s.pages[m->lessons[k]].src, nat[k]);
	}
	S_close(&f);
}

static void
test_site_drafts(void)
{
	fixture f;
	int drafts;

	for (drafts = 0; drafts <= 1; drafts++) {
		S_open(&f);
		S_write(f.dir, "content/mod/_index.md", "---\ntitle: M\n---\n");
		S_write(f.dir, "content/mod/a.md", "---\ntitle: a\n---\n");
		S_write(f.dir, "content/mod/b.md",
		    "---\ntitle: b\ndraft: true\n---\n");
		S_write(f.dir, "content/mod/c.md", "---\ntitle: c\n---\n");
		S_write(f.dir, "content/brouillon/_index.md",
		    "---\ntitle: D\ndraft: oui\n---\n");
		S_write(f.dir, "content/brouillon/x.md", "---\ntitle: x\n---\n");
		S_write(f.dir, "content/p.md", "---\ntitle: p\ndraft: yes\n---\n");
		S_scan(&f, drafts);
		CHECK(f.rc == 0 && f.d.n == 0);
		if (!drafts) {
			CHECK(f.s.npages == 3);
			CHECK(site_find(&f.s, "mod/b.md") == -1);
			CHECK(site_find(&f.s, "p.md") == -1);
			/* A draft module takes its lessons with it. */
			CHECK(site_find(&f.s, "brouillon/_index.md") == -1);
			CHECK(site_find(&f.s, "brouillon/x.md") == -1);
			CHECK(f.s.nmodules == 1);
			/* Neighbours skip the draft. */
			CHECK(f.s.pages[site_find(&f.s, "mod/a.md")].next ==
			    site_find(&f.s, "mod/c.md"));
		} else {
			CHECK(f.s.npages == 7);
			CHECK(site_find(&f.s, "mod/b.md") >= 0);
			CHECK(f.s.pages[site_find(&f.s, "mod/b.md")].draft);
			CHECK(f.s.pages[site_find(&f.s, "brouillon/x.md")].draft);
			CHECK(f.s.pages[site_find(&f.s, "mod/a.md")].next ==
			    site_find(&f.s, "mod/b.md"));
			CHECK(f.s.nmodules == 2);
			CHECK(f.s.nplain == 1);
		}
		S_close(&f);
	}
}

/* The message of f whose path ends with suffix, or NULL. */
static const diag_msg *
S_msg_for(const fixture *f, const char *suffix)
{
	size_t i, n = strlen(suffix), k;

	for (i = 0; i < f->d.n; i++) {
		k = strlen(f->d.a[i].path);
		if (k >= n && strcmp(f->d.a[i].path + k - n, suffix) == 0)
			return &f->d.a[i];
	}
	return NULL;
}

static void
test_site_errors(void)
{
	fixture f;
	const diag_msg *m;

	S_open(&f);
	S_write(f.dir, "content/mod/_index.md", "---\ntitle: M\n---\n");
	S_write(f.dir, "content/mod/ok.md", "---\ntitle: ok\n---\n");
	S_write(f.dir, "content/orphan/01-x.md", "---\ntitle: x\n---\n");
	S_write(f.dir, "content/mod/Étape 1.md", "---\ntitle: e\n---\n");
	S_write(f.dir, "content/mod/etape-1.md", "---\ntitle: e\n---\n");
	S_write(f.dir, "content/mod/Ma leçon.md", "---\ntitle: l\n---\n");
	S_write(f.dir, "content/mod/criteres-1.1.md", "---\ntitle: c\n---\n");
	S_write(f.dir, "content/Mon Module/_index.md", "---\ntitle: M\n---\n");
	S_write(f.dir, "content/Mon Module/Un.md", "---\ntitle: u\n---\n");
	S_write(f.dir, "content/mod/«».md", "---\ntitle: q\n---\n");
	S_write(f.dir, "content/Static.md", "---\ntitle: s\n---\n");
	S_write(f.dir, "content/Autre/_index.md", "---\ntitle: A\n---\n");
	S_write(f.dir, "content/autre/_index.md", "---\ntitle: a\n---\n");
	S_write(f.dir, "content/mod/sub/deep.md", "---\ntitle: d\n---\n");
	S_write(f.dir, "content/static.md", "---\ntitle: s\n---\n");
	S_write(f.dir, "content/mod/notitle.md", "---\nweight: 1\n---\n");
	S_write(f.dir, "content/mod/badweight.md",
	    "---\ntitle: w\n\nweight: deux\n---\n");
	S_write(f.dir, "content/mod/baddate.md",
	    "---\ntitle: w\ndate: 2026-13-01\n---\n");
	S_write(f.dir, "content/mod/badyaml.md",
	    "---\ntitle: a: b\n---\n");
	S_write(f.dir, "content/mod/latin1.md",
	    "---\ntitle: x\n---\nligne\ncaf\xe9\n");
	S_scan(&f, 0);
	CHECK(f.rc == -1);
	CHECK(f.d.nerrors >= 9);

	m = S_msg_for(&f, "content/orphan/01-x.md");
	CHECK(m != NULL);
	CHECK(m != NULL && strstr(m->text, "content/orphan/_index.md") != NULL);
	CHECK(site_find(&f.s, "orphan/01-x.md") == -1);

	/* Any name is a page, published at its slug (issue 17, case 10);
	 * two names that slug alike are an error naming both. */
	m = S_msg_for(&f, "content/mod/Étape 1.md");
	CHECK(m != NULL);
	CHECK(m != NULL && strstr(m->text, "(mod/etape-1/)") != NULL &&
	    strstr(m->text, "content/mod/etape-1.md") != NULL);
	CHECK(site_find(&f.s, "mod/Étape 1.md") == -1);
	CHECK(site_find(&f.s, "mod/etape-1.md") >= 0);
	CHECK(site_find(&f.s, "mod/Ma leçon.md") >= 0 &&
	    strcmp(f.s.pages[site_find(&f.s, "mod/Ma leçon.md")].url,
	    "mod/ma-lecon/") == 0);
	CHECK(site_find_url(&f.s, "mod/criteres-1-1/") ==
	    site_find(&f.s, "mod/criteres-1.1.md"));
	CHECK(site_find(&f.s, "Mon Module/Un.md") >= 0 &&
	    strcmp(f.s.pages[site_find(&f.s, "Mon Module/Un.md")].id,
	    "mon-module/un") == 0);
	CHECK(site_find(&f.s, "Mon Module/Un.md") >= 0 &&
	    f.s.pages[site_find(&f.s, "Mon Module/Un.md")].module ==
	    site_find(&f.s, "Mon Module/_index.md"));
	m = S_msg_for(&f, "content/mod/«».md");
	CHECK(m != NULL && strstr(m->text, "ni lettre ni chiffre") != NULL);
	m = S_msg_for(&f, "content/Static.md");
	CHECK(m != NULL && strstr(m->text, "réservé") != NULL);
	m = S_msg_for(&f, "content/autre/_index.md");
	CHECK(m != NULL && strstr(m->text, "content/Autre/_index.md") != NULL &&
	    strstr(m->text, "dossiers") != NULL);
	CHECK(site_find(&f.s, "Autre/_index.md") >= 0);
	CHECK(site_find(&f.s, "autre/_index.md") == -1);

	m = S_msg_for(&f, "content/mod/sub/deep.md");
	CHECK(m != NULL && strstr(m->text, "dossiers") != NULL);
	m = S_msg_for(&f, "content/static.md");
	CHECK(m != NULL && strstr(m->text, "réservé") != NULL);

	m = S_msg_for(&f, "content/mod/notitle.md");
	CHECK(m != NULL && strstr(m->text, "title") != NULL);
	CHECK(m != NULL && m->line == 1);
	/* A page whose title is missing stays known, but broken. */
	CHECK(site_find(&f.s, "mod/notitle.md") >= 0);
	CHECK(site_find(&f.s, "mod/notitle.md") >= 0 &&
	    f.s.pages[site_find(&f.s, "mod/notitle.md")].broken);

	m = S_msg_for(&f, "content/mod/badweight.md");
	CHECK(m != NULL && m->line == 4 && strstr(m->text, "weight") != NULL);
	m = S_msg_for(&f, "content/mod/baddate.md");
	CHECK(m != NULL && m->line == 3 && strstr(m->text, "date") != NULL);
	m = S_msg_for(&f, "content/mod/badyaml.md");
	CHECK(m != NULL && m->line == 2);
	m = S_msg_for(&f, "content/mod/latin1.md");
	CHECK(m != NULL && m->line == 5 && strstr(m->text, "UTF-8") != NULL);

	/* The good pages are all there. */
	CHECK(site_find(&f.s, "mod/ok.md") >= 0);
	CHECK(site_find(&f.s, "mod/_index.md") >= 0);
	S_close(&f);

	/* No content/ folder at all. */
	S_open(&f);
	S_scan(&f, 0);
	CHECK(f.rc == -1);
	CHECK(f.d.nerrors == 1 && strstr(f.d.a[0].text, "content/") != NULL);
	CHECK(f.s.npages == 0);
	S_close(&f);
}

/* ------------------------------------------------------------------ */

static void
test_md_links(void)
{
	fixture f;

	md_init();
	S_small_site(&f);
	CHECK(f.rc == 0);
	CHECK(S_has(&f, "mod/01-a.md", "[x](02-b.md)\n",
	    "<a href=\"../02-b/\">x</a>"));
	CHECK(S_has(&f, "mod/01-a.md", "[x](02-b.md#etape-2)\n",
	    "href=\"../02-b/#etape-2\""));
	CHECK(S_has(&f, "mod/01-a.md", "[x](02-b.md?v=1#top)\n",
	    "href=\"../02-b/?v=1#top\""));
	CHECK(S_has(&f, "mod/01-a.md", "[x](../page.md)\n",
	    "href=\"../../page/\""));
	CHECK(S_has(&f, "mod/01-a.md", "[x](/mod/_index.md)\n",
	    "href=\"../\""));
	CHECK(S_has(&f, "mod/01-a.md", "[x](_index.md)\n", "href=\"../\""));
	CHECK(S_has(&f, "mod/01-a.md", "[x](/mod/)\n", "href=\"../\""));
	CHECK(S_has(&f, "mod/01-a.md", "[x](02-b)\n", "href=\"../02-b/\""));
	CHECK(S_has(&f, "mod/01-a.md", "[x](/)\n", "href=\"../../\""));
	CHECK(S_has(&f, "mod/01-a.md", "[x](../_index.md)\n",
	    "href=\"../../\""));
	CHECK(S_has(&f, "mod/01-a.md", "[x](01-a.md)\n", "href=\"./\""));
	CHECK(S_has(&f, "mod/01-a.md", "[x](0%32-b.md)\n",
	    "href=\"../02-b/\""));
	CHECK(S_has(&f, "mod/01-a.md", "![a](img.svg)\n",
	    "<img src=\"../img.svg\" alt=\"a\" />"));
	CHECK(S_has(&f, "mod/01-a.md", "[fichier](img.svg)\n",
	    "href=\"../img.svg\""));
	CHECK(S_has(&f, "_index.md", "[x](mod/01-a.md) ![i](mod/img.svg)\n",
	    "href=\"mod/01-a/\""));
	CHECK(S_has(&f, "_index.md", "![i](mod/img.svg)\n",
	    "src=\"mod/img.svg\""));
	CHECK(S_has(&f, "_index.md", "[x](page.md)\n", "href=\"page/\""));
	CHECK(S_has(&f, "page.md", "[x](mod/)\n", "href=\"../mod/\""));
	CHECK(S_has(&f, "mod/_index.md", "[x](01-a.md)\n",
	    "href=\"01-a/\""));
	CHECK(S_has(&f, "mod/_index.md", "[x](img.svg)\n",
	    "href=\"img.svg\""));
	/* Reference links too. */
	CHECK(S_has(&f, "mod/01-a.md", "[x][r]\n\n[r]: 02-b.md\n",
	    "href=\"../02-b/\""));

	/* Links that leave the site, or stay in the page, are untouched. */
	CHECK(S_has(&f, "mod/01-a.md", "[x](https://example.org/a.md)\n",
	    "href=\"https://example.org/a.md\""));
	CHECK(S_has(&f, "mod/01-a.md", "[x](mailto:a@example.org)\n",
	    "href=\"mailto:a@example.org\""));
	CHECK(S_has(&f, "mod/01-a.md", "[x](#anchor)\n", "href=\"#anchor\""));
	CHECK(S_has(&f, "mod/01-a.md", "[x](?q=1)\n", "href=\"?q=1\""));
	CHECK(S_has(&f, "mod/01-a.md", "[x](//cdn.example.org/x.js)\n",
	    "href=\"//cdn.example.org/x.js\""));
	CHECK(S_has(&f, "mod/01-a.md", "![x](https://example.org/i.png)\n",
	    "src=\"https://example.org/i.png\""));
	CHECK(f.d.n == 0);
	S_close(&f);
}

static void
test_md_link_errors(void)
{
	fixture f;
	md_out out;
	const diag_msg *m;

	md_init();
	S_small_site(&f);
	/* Line 3 of the Markdown is line 3 + 4 - 1 of 01-a.md, whose body
	 * starts on line 4. */
	S_render(&f, "mod/01-a.md", "Texte\n\n[x](nope.md)\n", &out);
	md_out_free(&out);
	CHECK(f.d.nerrors == 1);
	m = f.d.n == 1 ? &f.d.a[0] : NULL;
	CHECK(m != NULL);
	if (m != NULL) {
		CHECK(strstr(m->path, "content/mod/01-a.md") != NULL);
		CHECK(m->line == 6);
		CHECK(strstr(m->text, "nope.md") != NULL);
		CHECK(strstr(m->text, "n'existe pas") != NULL);
	}
	diag_free(&f.d);
	diag_init(&f.d);

	S_render(&f, "mod/01-a.md", "# T\n\nx\n\n![a](nope.png)\n", &out);
	md_out_free(&out);
	m = f.d.n == 1 ? &f.d.a[0] : NULL;
	CHECK(m != NULL);
	if (m != NULL) {
		CHECK(m->line == 8);
		CHECK(strstr(m->text, "image") != NULL);
		CHECK(strstr(m->text, "nope.png") != NULL);
	}
	diag_free(&f.d);
	diag_init(&f.d);

	/* Leaving content/, written plainly or %-encoded. */
	S_render(&f, "mod/01-a.md", "[x](../../../etc/passwd)\n"
	    "[y](..%2F..%2Fetc%2Fpasswd)\n"
	    "[z](a%00.md)\n"
	    "[w](..\\..\\x)\n", &out);
	md_out_free(&out);
	CHECK(f.d.nerrors == 4);
	if (f.d.n == 4) {
		CHECK(f.d.a[0].line == 4);
		CHECK(strstr(f.d.a[0].text, "sort du dossier") != NULL);
		CHECK(f.d.a[1].line == 5);
		CHECK(strstr(f.d.a[1].text, "sort du dossier") != NULL);
		CHECK(f.d.a[2].line == 6);
		CHECK(f.d.a[3].line == 7);
	}
	diag_free(&f.d);
	diag_init(&f.d);

	msg_set_language("en");
	S_render(&f, "mod/01-a.md", "[x](../../../etc/passwd)\n", &out);
	md_out_free(&out);
	CHECK(f.d.n == 1 && strstr(f.d.a[0].text, "leaves") != NULL);
	msg_set_language("fr");
	diag_free(&f.d);
	diag_init(&f.d);

	/* Every bad link is reported, the rest still rendered. */
	S_render(&f, "mod/01-a.md", "[a](x.md) [b](02-b.md)\n[c](y.md)\n",
	    &out);
	CHECK(f.d.nerrors == 2);
	CHECK(strstr(out.html.data, "href=\"../02-b/\"") != NULL);
	md_out_free(&out);
	diag_free(&f.d);
	diag_init(&f.d);

	/* A link to a draft says so (the page will not be published). */
	S_render(&f, "mod/01-a.md", "[c](03-c.md)\n", &out);
	md_out_free(&out);
	CHECK(f.d.nerrors == 1 && f.d.a[0].line == 4);
	CHECK(f.d.nerrors == 1 && strstr(f.d.a[0].text, "brouillon") != NULL);
	diag_free(&f.d);
	diag_init(&f.d);

	/* An image whose address is a page is an error, but the page is no
	 * draft. */
	S_render(&f, "mod/01-a.md", "![a](02-b.md)\n", &out);
	md_out_free(&out);
	CHECK(f.d.nerrors == 1 && f.d.a[0].line == 4);
	/* An image pointing at a published page is not called a draft. */
	CHECK(f.d.nerrors == 1 && strstr(f.d.a[0].text, "brouillon") == NULL);
	S_close(&f);
}

/* Links written as published addresses, the way Hugo, Jekyll or a
 * browser's address bar write them (issue 17, case 1). */
static void
test_md_links_by_address(void)
{
	static char root[] = "/formation/";
	fixture f;

	md_init();
	S_small_site(&f);
	CHECK(f.rc == 0);
	CHECK(S_has(&f, "mod/01-a.md", "[x](/mod/02-b/)\n",
	    "href=\"../02-b/\""));
	CHECK(S_has(&f, "mod/01-a.md", "[x](/mod/02-b.html)\n",
	    "href=\"../02-b/\""));
	CHECK(S_has(&f, "mod/01-a.md", "[x](/mod/02-b/index.html#etape-2)\n",
	    "href=\"../02-b/#etape-2\""));
	/* Relative to where the page is published: mod/01-a/. */
	CHECK(S_has(&f, "mod/01-a.md", "[x](../02-b/)\n",
	    "href=\"../02-b/\""));
	CHECK(S_has(&f, "mod/01-a.md", "[x](../../page/)\n",
	    "href=\"../../page/\""));
	CHECK(S_has(&f, "mod/01-a.md", "![i](../img.svg)\n",
	    "src=\"../img.svg\""));
	CHECK(S_has(&f, "mod/_index.md", "[x](02-b/index.html)\n",
	    "href=\"02-b/\""));
	CHECK(S_has(&f, "mod/_index.md", "[x](02-b.html)\n",
	    "href=\"02-b/\""));
	CHECK(S_has(&f, "page.md", "[x](../mod/02-b/)\n",
	    "href=\"../mod/02-b/\""));
	CHECK(S_has(&f, "_index.md", "[x](index.html)\n", "href=\"./\""));
	CHECK(S_has(&f, "mod/01-a.md", "[x](/index.html)\n",
	    "href=\"../../\""));
	CHECK(f.d.n == 0);

	/* With the site's path on its host (base_url). */
	f.s.config.root = root;
	CHECK(S_has(&f, "mod/01-a.md", "[x](/formation/mod/02-b/)\n",
	    "href=\"../02-b/\""));
	CHECK(S_has(&f, "mod/01-a.md", "![i](/formation/mod/img.svg)\n",
	    "src=\"../img.svg\""));
	CHECK(S_has(&f, "mod/01-a.md", "[x](/formation/)\n",
	    "href=\"../../\""));
	CHECK(f.d.n == 0);

	/* From a USB stick (file://): index.html after the folder. */
	f.s.config.index_links = 1;
	CHECK(S_has(&f, "mod/01-a.md", "[x](/mod/02-b.html#etape-2)\n",
	    "href=\"../02-b/index.html#etape-2\""));
	CHECK(f.d.n == 0);
	f.s.config.root = NULL;
	f.s.config.index_links = 0;
	S_close(&f);
}

/* A link to nothing names the nearest pages or files. */
static void
test_md_link_hints(void)
{
	fixture f;
	md_out out;

	md_init();
	S_small_site(&f);
	S_render(&f, "mod/01-a.md", "[x](/mod/02-c/)\n\n[y](../page.md)\n"
	    "\n![i](imgs.svg)\n\n[z](/tout-autre-chose/)\n\n[d](/mod/03-c/)\n",
	    &out);
	md_out_free(&out);
	CHECK(f.d.nerrors == 4);
	if (f.d.n == 4) {
		CHECK(strstr(f.d.a[0].text, "page qui n'existe pas : /mod/02-c/ "
		    "; voulez-vous dire content/mod/02-b.md ou "
		    "content/mod/01-a.md ?") != NULL);
		CHECK(strstr(f.d.a[1].text, "imgs.svg ; voulez-vous dire "
		    "content/mod/img.svg ?") != NULL);
		CHECK(strstr(f.d.a[2].text, "/tout-autre-chose/") != NULL);
		CHECK(strstr(f.d.a[2].text, "voulez-vous") == NULL);
		CHECK(strstr(f.d.a[3].text, "brouillon") != NULL);
	}
	S_close(&f);
}

/* The autolink extension runs on the text inside the author's raw <a>:
 * its link must give way, never nest one <a> in another (case 3). */
static void
test_md_no_nested_anchors(void)
{
	fixture f;
	md_out out;
	const char *html;

	md_init();
	S_small_site(&f);
	CHECK(S_has(&f, "mod/01-a.md", "Écrivez à <a href=\"mailto:contact@x.fr\">"
	    "contact@x.fr</a>.\n", "<a href=\"mailto:contact@x.fr\">contact@x.fr"
	    "</a>."));
	CHECK(S_has(&f, "mod/01-a.md", "<A HREF=\"https://x.fr\">https://x.fr"
	    "</A> et www.y.fr\n", "<A HREF=\"https://x.fr\">https://x.fr</A> et "
	    "<a href=\"http://www.y.fr\">www.y.fr</a>"));
	CHECK(S_has(&f, "mod/01-a.md", "<a href=\"../02-b/\">le site www.x.fr, "
	    "bien</a>\n", "<a href=\"../02-b/\">le site www.x.fr, bien</a>"));
	/* After the author's </a>, autolinks work again. */
	CHECK(S_has(&f, "mod/01-a.md", "<a href=\"02-b.md\">a</a> b@x.fr\n",
	    "</a> <a href=\"mailto:b@x.fr\">b@x.fr</a>"));
	CHECK(f.d.n == 0);
	/* A Markdown link inside is the author's mistake: said, and its
	 * text kept. */
	html = S_render(&f, "mod/01-a.md", "x\n\n<a href=\"02-b.md\">voir "
	    "[la page](02-b.md)</a>\n", &out);
	CHECK(strstr(html, "<a href=\"../02-b/\">voir la page</a>") != NULL);
	CHECK(f.d.nerrors == 1 && f.d.a[0].line == 6 &&
	    strstr(f.d.a[0].text, "lien dans un lien") != NULL);
	md_out_free(&out);
	S_close(&f);
}

/* Addresses in the author's raw HTML are checked and rewritten as
 * Markdown's are, and the rest of that HTML stays byte for byte
 * (case 2). */
static void
test_md_raw_html_links(void)
{
	fixture f;
	md_out out;
	const char *html;

	md_init();
	S_small_site(&f);
	/* A block: only the values change, quotes and all else kept. */
	CHECK(S_has(&f, "mod/01-a.md", "<figure class=x>\n"
	    "  <IMG  SRC='img.svg' alt=\"a &amp; b\">\n"
	    "  <figcaption><a href=\"/mod/02-b/#etape-2\" title=t>B</a>"
	    "</figcaption>\n</figure>\n",
	    "<figure class=x>\n"
	    "  <IMG  SRC='../img.svg' alt=\"a &amp; b\">\n"
	    "  <figcaption><a href=\"../02-b/#etape-2\" title=t>B</a>"
	    "</figcaption>\n</figure>\n"));
	CHECK(S_has(&f, "mod/01-a.md", "<video controls>\n<source src=img.svg>"
	    "\n</video>\n", "<source src=\"../img.svg\">"));
	/* Inline tags. */
	CHECK(S_has(&f, "mod/01-a.md", "Voir <a href=\"02-b.md\">B</a> et "
	    "<img src=\"/mod/img.svg\" alt=\"i\">.\n",
	    "Voir <a href=\"../02-b/\">B</a> et <img src=\"../img.svg\" "
	    "alt=\"i\">."));
	/* External, in-page and %-encoded addresses. */
	CHECK(S_has(&f, "mod/01-a.md", "<a href=\"https://x.fr/a?b=1&amp;c=2\">"
	    "x</a> <a href=\"#haut\">h</a> <a href=\"0%32-b.md\">b</a>\n",
	    "<a href=\"https://x.fr/a?b=1&amp;c=2\">x</a> <a href=\"#haut\">h</a>"
	    " <a href=\"../02-b/\">b</a>"));
	CHECK(f.d.n == 0);

	/* A missing target is reported at the line of its value. */
	html = S_render(&f, "mod/01-a.md", "x\n\n<div>\n<p>\n"
	    "<a href=\"/nope.pdf\">doc</a>\n</p>\n</div>\n\n"
	    "y <img src=\"/mod/imgs.svg\" alt=\"i\">\n", &out);
	CHECK(strstr(html, "<a href=\"/nope.pdf\">doc</a>") != NULL);
	CHECK(f.d.nerrors == 2);
	if (f.d.n == 2) {
		CHECK(f.d.a[0].line == 8);
		CHECK(strstr(f.d.a[0].text, "/nope.pdf") != NULL);
		CHECK(f.d.a[1].line == 12);
		CHECK(strstr(f.d.a[1].text, "content/mod/img.svg") != NULL);
	}
	md_out_free(&out);
	S_close(&f);
}

/* "> [!ATENTION]" is a typo: an error names the nearest callout
 * (case 13). */
static void
test_md_callout_typo(void)
{
	fixture f;
	md_out out;

	md_init();
	S_small_site(&f);
	S_render(&f, "mod/01-a.md", "x\n\n> [!ATENTION]\n> Prudence.\n\n"
	    "> [!astuse]\n> Un conseil.\n\n> [!BIDULE]\n> Rien.\n\n"
	    "> [!TIP]\n> Bon.\n\n> [pas un encadré]\n", &out);
	md_out_free(&out);
	CHECK(f.d.nerrors == 3);
	if (f.d.n == 3) {
		CHECK(f.d.a[0].line == 6);
		CHECK(strstr(f.d.a[0].text, "encadré inconnu « [!ATENTION] » : "
		    "voulez-vous dire [!ATTENTION] ?") != NULL);
		CHECK(f.d.a[1].line == 9);
		CHECK(strstr(f.d.a[1].text, "voulez-vous dire [!ASTUCE] ?") !=
		    NULL);
		CHECK(f.d.a[2].line == 12);
		CHECK(strstr(f.d.a[2].text, "voulez-vous") == NULL);
		CHECK(strstr(f.d.a[2].text, "[!NOTE]") != NULL);
	}
	S_close(&f);
}

static void
test_md_headings(void)
{
	fixture f;
	md_out out;
	const char *html;

	md_init();
	S_small_site(&f);
	html = S_render(&f, "mod/01-a.md",
	    "# Intro\n"                   /* 1 */
	    "\n"
	    "## Étape 2 : ouvrir\n"       /* 3 */
	    "\n"
	    "## Étape 2 : ouvrir\n"       /* 5 */
	    "\n"
	    "> ## Cité\n"                 /* 7 */
	    "\n"
	    "### Sous-partie\n"           /* 9 */
	    "\n"
	    "#### Quatre\n"               /* 11 */
	    "\n"
	    "## Le `code` *fort*\n"       /* 13 */
	    "\n"
	    "## !!!\n"                    /* 15 */
	    "\n"
	    "Titre Setext\n"              /* 17 */
	    "------------\n"
	    "\n"
	    "- ## Dans une liste\n",      /* 20 */
	    &out);
	CHECK(out.nh == 10);
	if (out.nh == 10) {
		CHECK_STR(out.h[0].id, "intro");
		CHECK(out.h[0].level == 1 && out.h[0].toc == 0);
		CHECK(out.h[0].line == 4);
		CHECK_STR(out.h[1].id, "etape-2-ouvrir");
		CHECK_STR(out.h[1].text, "Étape 2 : ouvrir");
		CHECK(out.h[1].level == 2 && out.h[1].toc == 1);
		CHECK(out.h[1].line == 6);
		CHECK_STR(out.h[2].id, "etape-2-ouvrir-2");
		CHECK(out.h[2].toc == 1);
		CHECK_STR(out.h[3].id, "cite");
		CHECK(out.h[3].level == 2 && out.h[3].toc == 0);
		CHECK_STR(out.h[4].id, "sous-partie");
		CHECK(out.h[4].level == 3 && out.h[4].toc == 1);
		CHECK(out.h[4].line == 12);
		CHECK_STR(out.h[5].id, "quatre");
		CHECK(out.h[5].level == 4 && out.h[5].toc == 0);
		CHECK_STR(out.h[6].id, "le-code-fort");
		CHECK_STR(out.h[6].text, "Le code fort");
		CHECK_STR(out.h[7].id, "section");
		CHECK_STR(out.h[8].id, "titre-setext");
		CHECK(out.h[8].level == 2 && out.h[8].toc == 1);
		CHECK_STR(out.h[9].id, "dans-une-liste");
		CHECK(out.h[9].toc == 0);
	}
	/* The ids are in the HTML, on the right headings. */
	CHECK(strstr(html, "<h1 id=\"intro\">Intro</h1>") != NULL);
	CHECK(strstr(html, "<h2 id=\"etape-2-ouvrir\">") != NULL);
	CHECK(strstr(html, "<h2 id=\"etape-2-ouvrir-2\">") != NULL);
	CHECK(strstr(html, "<h2 id=\"cite\"><span id=\"cité\"></span>Cité"
	    "</h2>") != NULL);
	CHECK(strstr(html, "<h3 id=\"sous-partie\">") != NULL);
	CHECK(strstr(html, "<h4 id=\"quatre\">") != NULL);
	CHECK(strstr(html, "<h2 id=\"le-code-fort\">Le <code>code</code> "
	    "<em>fort</em></h2>") != NULL);
	CHECK(strstr(html, "<h2 id=\"section\">") != NULL);
	CHECK(strstr(html, "<h2 id=\"titre-setext\">") != NULL);
	CHECK(strstr(html, "<h2 id=\"dans-une-liste\">") != NULL);
	CHECK(strstr(html, "data-sourcepos") == NULL);
	md_out_free(&out);

	/* Ids that an earlier suffix already took. */
	html = S_render(&f, "mod/01-a.md", "## A\n\n## A 2\n\n## A\n", &out);
	CHECK(out.nh == 3);
	if (out.nh == 3) {
		CHECK_STR(out.h[0].id, "a");
		CHECK_STR(out.h[1].id, "a-2");
		CHECK_STR(out.h[2].id, "a-3");
	}
	md_out_free(&out);

	/* Two identical headings on identical source positions in
	 * different containers get their own ids. */
	html = S_render(&f, "mod/01-a.md", "> # X\n\n> # X\n", &out);
	CHECK(out.nh == 2);
	CHECK(strstr(html, "id=\"x\"") != NULL);
	CHECK(strstr(html, "id=\"x-2\"") != NULL);
	md_out_free(&out);

	/* An id is at most 80 bytes (slug.h), before any -2 suffix. */
	html = S_render(&f, "mod/01-a.md", "## Un titre vraiment très long qui "
	    "dépasse de loin les quatre-vingts caractères permis pour un "
	    "identifiant\n", &out);
	CHECK(out.nh == 1 && strlen(out.h[0].id) <= 80);
	CHECK(out.nh == 1 && out.h[0].id[strlen(out.h[0].id) - 1] != '-');
	md_out_free(&out);
	html = S_render(&f, "mod/01-a.md", "## aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa æ\n", &out);
	CHECK(out.nh == 1);
	/* 79 letters + " æ": the hyphen and "ae" do not fit in 80. */
	CHECK(out.nh == 1 && strlen(out.h[0].id) <= 80);
	md_out_free(&out);

	/* No heading, no table of contents. */
	S_render(&f, "mod/01-a.md", "Texte.\n", &out);
	CHECK(out.nh == 0 && out.h == NULL);
	md_out_free(&out);
	CHECK(f.d.n == 0);
	S_close(&f);
}

static void
test_md_callouts(void)
{
	fixture f;
	md_out out;
	const char *html;

	md_init();
	S_small_site(&f);
	html = S_render(&f, "mod/01-a.md", "> [!ASTUCE]\n> texte\n", &out);
	CHECK(strstr(html, "<div class=\"callout callout-tip\" role=\"note\">")
	    != NULL);
	CHECK(strstr(html, "<p class=\"callout-title\">Astuce</p>") != NULL);
	CHECK(strstr(html, "<p>texte</p>") != NULL);
	CHECK(strstr(html, "</div>") != NULL);
	CHECK(strstr(html, "[!ASTUCE]") == NULL);
	CHECK(strstr(html, "blockquote") == NULL);
	md_out_free(&out);

	CHECK(S_has(&f, "mod/01-a.md", "> [!WARNING]\n> Prudence.\n",
	    "<div class=\"callout callout-warning\" role=\"note\">\n"
	    "<p class=\"callout-title\">Attention</p>"));
	CHECK(S_has(&f, "mod/01-a.md", "> [!NOTE]\n> Info.\n",
	    "<div class=\"callout callout-note\" role=\"note\">\n"
	    "<p class=\"callout-title\">À savoir</p>"));
	CHECK(S_has(&f, "mod/01-a.md", "> [!TIP]\n> x\n", "callout-tip"));
	CHECK(S_has(&f, "mod/01-a.md", "> [!IMPORTANT]\n> x\n",
	    "callout-important"));
	CHECK(S_has(&f, "mod/01-a.md", "> [!CAUTION]\n> x\n",
	    "<p class=\"callout-title\">Danger</p>"));
	CHECK(S_has(&f, "mod/01-a.md", "> [!DANGER]\n> x\n",
	    "callout-caution"));
	CHECK(S_has(&f, "mod/01-a.md", "> [!ATTENTION]\n> x\n",
	    "callout-warning"));
	CHECK(S_has(&f, "mod/01-a.md", "> [!note]\n> x\n", "callout-note"));

	/* The body keeps its Markdown: paragraphs, lists, links. */
	html = S_render(&f, "mod/01-a.md",
	    "> [!NOTE]\n> Premier\n>\n> - un\n> - [lien](02-b.md)\n>\n"
	    "> ## Dedans\n", &out);
	CHECK(strstr(html, "<p>Premier</p>") != NULL);
	CHECK(strstr(html, "<li>un</li>") != NULL);
	CHECK(strstr(html, "href=\"../02-b/\"") != NULL);
	CHECK(strstr(html, "<h2 id=\"dedans\">Dedans</h2>") != NULL);
	CHECK(out.nh == 1 && out.h[0].toc == 0);
	md_out_free(&out);

	/* The marker alone, with nothing after it. */
	html = S_render(&f, "mod/01-a.md", "> [!NOTE]\n", &out);
	CHECK(strstr(html, "callout-note") != NULL);
	CHECK(strstr(html, "[!NOTE]") == NULL);
	md_out_free(&out);

	/* A plain quote, or a marker not alone on its line, stays a quote. */
	html = S_render(&f, "mod/01-a.md", "> juste une citation\n", &out);
	CHECK(strstr(html, "<blockquote>") != NULL);
	CHECK(strstr(html, "callout") == NULL);
	md_out_free(&out);
	html = S_render(&f, "mod/01-a.md", "> [!NOTE] suite\n", &out);
	CHECK(strstr(html, "<blockquote>") != NULL);
	CHECK(strstr(html, "callout") == NULL);
	md_out_free(&out);
	html = S_render(&f, "mod/01-a.md", "> [!INCONNU]\n> x\n", &out);
	CHECK(strstr(html, "<blockquote>") != NULL);
	CHECK(strstr(html, "[!INCONNU]") != NULL);
	md_out_free(&out);
	html = S_render(&f, "mod/01-a.md", "> *[!NOTE]*\n> x\n", &out);
	CHECK(strstr(html, "callout") == NULL);
	md_out_free(&out);

	/* Nested: a callout inside a quote. */
	html = S_render(&f, "mod/01-a.md", "> > [!TIP]\n> > x\n", &out);
	CHECK(strstr(html, "<blockquote>") != NULL);
	CHECK(strstr(html, "callout-tip") != NULL);
	md_out_free(&out);
	/* Only the unknown name is reported (test_md_callout_typo). */
	CHECK(f.d.n == 1 && strstr(f.d.a[0].text, "[!INCONNU]") != NULL);
	S_close(&f);
}

static void
test_md_callout_label_escaped(void)
{
	fixture f;
	md_out out;
	md_labels l = S_labels;
	const char *html;

	md_init();
	S_small_site(&f);
	l.callout[MD_TIP] = "<b>Tip & \"co\"</b>";
	CHECK(md_render(&f.s, S_page(&f, "mod/01-a.md"), "> [!TIP]\n> x\n",
	    14, &l, &out) == 0);
	html = out.html.data;
	CHECK(strstr(html, "&lt;b&gt;Tip &amp; &quot;co&quot;&lt;/b&gt;") !=
	    NULL);
	CHECK(strstr(html, "<b>") == NULL);
	md_out_free(&out);
	S_close(&f);
}

static void
test_md_gfm(void)
{
	fixture f;
	md_out out;
	const char *html;

	md_init();
	S_small_site(&f);
	html = S_render(&f, "mod/01-a.md",
	    "- [ ] à faire\n- [x] fait\n", &out);
	/* Task boxes can be ticked, each in a label with its line. */
	CHECK(strstr(html, "<li><label class=\"task\"><input type=\"checkbox\" />"
	    " à faire</label></li>") != NULL);
	CHECK(strstr(html, "<li><label class=\"task\"><input type=\"checkbox\" "
	    "checked=\"\" /> fait</label></li>") != NULL);
	CHECK(strstr(html, "disabled") == NULL);
	md_out_free(&out);
	/* A loose list and a nested list: the label stops at the line. */
	html = S_render(&f, "mod/01-a.md",
	    "- [ ] un **gras**\n\n  suite\n- [ ] deux\n  - [x] dedans\n", &out);
	CHECK(strstr(html, "<label class=\"task\"><input type=\"checkbox\" /> un "
	    "<strong>gras</strong></label>\n<p>suite</p>") != NULL);
	CHECK(strstr(html, "<label class=\"task\"><input type=\"checkbox\" /> "
	    "deux</label>\n<ul>") != NULL);
	CHECK(strstr(html, "checked=\"\" /> dedans</label></li>") != NULL);
	md_out_free(&out);

	html = S_render(&f, "mod/01-a.md",
	    "| a | b |\n|---|--:|\n| 1 | 2 |\n", &out);
	CHECK(strstr(html, "<table>") != NULL);
	CHECK(strstr(html, "<th>a</th>") != NULL);
	CHECK(strstr(html, "<td>1</td>") != NULL);
	CHECK(strstr(html, "<td align=\"right\">2</td>") != NULL);
	md_out_free(&out);

	/* Each table in a named region the keyboard reaches, without
	 * JavaScript too; the label's %d and %s are the table's number and
	 * its column heads, escaped; the label is never a format. */
	html = S_render(&f, "mod/01-a.md",
	    "| a & \"b\" | %n |\n|---|---|\n| 1 | 2 |\n\n| c |\n|---|\n| 3 |\n",
	    &out);
	CHECK(strstr(html, "<section class=\"scroll\" "
	    "tabindex=\"0\" aria-label=\"Tableau 1 : a &amp; &quot;b&quot;, %n\">\n"
	    "<table>") != NULL);
	CHECK(strstr(html, "aria-label=\"Tableau 2 : c\">") != NULL);
	CHECK(strstr(html, "</table>\n</section>") != NULL);
	md_out_free(&out);

	CHECK(S_has(&f, "mod/01-a.md", "~~barré~~\n", "<del>barré</del>"));
	CHECK(S_has(&f, "mod/01-a.md", "voir https://example.org/x ici\n",
	    "<a href=\"https://example.org/x\">https://example.org/x</a>"));
	CHECK(S_has(&f, "mod/01-a.md", "voir www.example.org ici\n",
	    "<a href=\"http://www.example.org\">www.example.org</a>"));

	/* Footnotes, with the return link labelled in the site's language. */
	html = S_render(&f, "mod/01-a.md",
	    "Texte[^1].\n\n[^1]: La note.\n", &out);
	CHECK(strstr(html, "<sup class=\"footnote-ref\">") != NULL);
	CHECK(strstr(html, "href=\"#fn-1\"") != NULL);
	CHECK(strstr(html, "<section class=\"footnotes\"") != NULL);
	CHECK(strstr(html, "La note.") != NULL);
	CHECK(strstr(html, "href=\"#fnref-1\"") != NULL);
	CHECK(strstr(html, "aria-label=\"Retour au texte\"") != NULL);
	CHECK(strstr(html, "Back to") == NULL);
	md_out_free(&out);

	/* Raw HTML passes, but tagfilter neutralises the dangerous tags. */
	html = S_render(&f, "mod/01-a.md",
	    "<script>alert(1)</script>\n\n<span class=\"x\">ok</span>\n"
	    "\n<iframe src=\"x\"></iframe>\n\n<style>p{}</style>\n", &out);
	CHECK(strstr(html, "<script") == NULL);
	CHECK(strstr(html, "&lt;script>") != NULL);
	CHECK(strstr(html, "&lt;iframe") != NULL);
	CHECK(strstr(html, "&lt;style>") != NULL);
	CHECK(strstr(html, "<span class=\"x\">ok</span>") != NULL);
	md_out_free(&out);

	/* Code keeps its language as GitHub writes it. */
	CHECK(S_has(&f, "mod/01-a.md", "```lua\nx = 1\n```\n",
	    "<pre lang=\"lua\"><code>x = 1\n</code></pre>"));
	CHECK(f.d.n == 0);
	S_close(&f);
}

static void
test_md_no_sourcepos(void)
{
	fixture f;
	md_out out;
	const char *html;

	md_init();
	S_small_site(&f);
	html = S_render(&f, "mod/01-a.md",
	    "# T\n\nPara *em*\n\n> q\n\n- a\n- b\n\n1. c\n\n```\ncode\n```\n\n"
	    "---\n\n| a |\n|---|\n| 1 |\n\n> [!NOTE]\n> n\n\nx[^1]\n\n"
	    "[^1]: f\n\n<div>raw</div>\n", &out);
	CHECK(strstr(html, "data-sourcepos") == NULL);
	CHECK(strstr(html, "sourcepos") == NULL);
	CHECK(strstr(html, "<p>Para <em>em</em></p>") != NULL);
	CHECK(strstr(html, "<hr />") != NULL);
	CHECK(strstr(html, "<ol>") != NULL);
	/* Text that looks like the attribute is left alone. */
	md_out_free(&out);
	html = S_render(&f, "mod/01-a.md",
	    "Le texte ` data-sourcepos=\"1:1-1:1\"` reste.\n", &out);
	CHECK(strstr(html, "data-sourcepos=&quot;1:1-1:1&quot;") != NULL);
	md_out_free(&out);
	S_close(&f);
}

static void
test_md_empty_and_odd(void)
{
	fixture f;
	md_out out;

	md_init();
	S_small_site(&f);
	CHECK_STR(S_render(&f, "mod/01-a.md", "", &out), "");
	CHECK(out.nh == 0);
	md_out_free(&out);
	/* A NUL byte in the middle is replaced, never cuts the page. */
	CHECK(md_render(&f.s, S_page(&f, "mod/01-a.md"), "a\0b", 3, &S_labels,
	    &out) == 0);
	CHECK(strstr(out.html.data, "a") != NULL &&
	    strstr(out.html.data, "b") != NULL);
	md_out_free(&out);
	/* Deeply nested quotes and lists do not crash. */
	{
		buf b;
		int i;

		buf_init(&b, BUF_UNBOUNDED);
		for (i = 0; i < 2000; i++)
			buf_putc(&b, '>');
		buf_puts(&b, " [!NOTE]\n");
		for (i = 0; i < 2000; i++)
			buf_puts(&b, "[");
		buf_puts(&b, "x](02-b.md)\n");
		CHECK(md_render(&f.s, S_page(&f, "mod/01-a.md"), b.data, b.len,
		    &S_labels, &out) == 0);
		md_out_free(&out);
		buf_free(&b);
	}
	S_close(&f);
}

/* Dates and durations as authors write them (issue 17, case 9). */
static void
test_site_date_parse(void)
{
	static const struct {
		const char *in, *want; /* want NULL: refused */
	} cases[] = {
		{ "2024-01-05", "2024-01-05" },
		{ "2024-01-05T10:00:00Z", "2024-01-05" },
		{ "2024-01-05T10:00:00+01:00", "2024-01-05" },
		{ "2024-01-05 10:00:00 +0100", "2024-01-05" },
		{ "2024-01-05T10:00", "2024-01-05" },
		{ "2024-01-05T10:00:00.123Z", "2024-01-05" },
		{ "2020/12/21", "2020-12-21" },
		{ "2024-1-5", "2024-01-05" },
		{ "21/12/2020", "2020-12-21" },
		{ "21.12.2020", "2020-12-21" },
		{ "2024-02-29", "2024-02-29" },
		{ "2026-02-29", NULL },
		{ "2026-13-01", NULL },
		{ "2026-12-21x", NULL },
		{ "2020/12-21", NULL },
		{ "2024-01-05T25:00:00Z", NULL },
		{ "2024-01-05Tmidi", NULL },
		{ "12/21/2020", NULL },
		{ "septembre 2026", NULL },
		{ "", NULL },
	};
	char out[11];
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		int rc = site_date_parse(cases[i].in, out);

		if (cases[i].want == NULL) {
			if (rc != -1)
				printf("#   %s: accepted as %s\n", cases[i].in,
				    out);
			CHECK(rc == -1);
		} else {
			CHECK(rc == 0);
			if (rc == 0)
				CHECK_STR(out, cases[i].want);
		}
	}
}

static void
test_site_duration_parse(void)
{
	static const struct {
		const char *in;
		long want; /* -1: refused */
	} cases[] = {
		{ "90", 90 }, { "45 min", 45 }, { "45min", 45 },
		{ "45 minutes", 45 }, { "45 mn", 45 }, { "1 h 30", 90 },
		{ "1h30", 90 }, { "1 h 30 min", 90 }, { "1h30min", 90 },
		{ "2 h", 120 }, { "2h", 120 }, { "2 heures", 120 },
		{ "1 heure", 60 }, { "2 H", 120 }, { "1,5 h", 90 },
		{ "1.5h", 90 }, { "1:30", 90 }, { "PT1H30M", 90 },
		{ "PT45M", 45 }, { "0", 0 },
		{ "longue", -1 }, { "45 secondes", -1 }, { "30 min 1 h", -1 },
		{ "1 h 75", -1 }, { "1,5 min", -1 }, { "-5", -1 },
		{ "", -1 }, { "1:5", -1 }, { "999999 h", -1 }, { "1 h h", -1 },
	};
	size_t i;
	long got;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		got = -1;
		if (site_duration_parse(cases[i].in, &got) < 0)
			got = -1;
		if (got != cases[i].want)
			printf("#   \"%s\": got %ld, want %ld\n", cases[i].in,
			    got, cases[i].want);
		CHECK(got == cases[i].want);
	}
}

static void
test_site_date_ok(void)
{
	CHECK(site_date_ok("2026-10-05"));
	CHECK(site_date_ok("2024-02-29"));
	CHECK(site_date_ok("2000-02-29"));
	CHECK(!site_date_ok("2026-02-29"));
	CHECK(!site_date_ok("1900-02-29"));
	CHECK(!site_date_ok("2026-04-31"));
	CHECK(!site_date_ok("2026-10-99"));
	CHECK(!site_date_ok("2026-13-01"));
	CHECK(!site_date_ok("2026-10-05x"));
	CHECK(!site_date_ok("2026-1-05"));
	CHECK(!site_date_ok("14/09/2026"));
	CHECK(!site_date_ok(""));
}

/* The Markdown line that the line holding needle in out's HTML comes
 * from. */
static int
S_md_line(const md_out *out, const char *needle)
{
	const char *hit = strstr(out->html.data, needle);

	if (hit == NULL) {
		printf("#   no %s in\n%s", needle, out->html.data);
		return -1;
	}
	return md_line_of(out, text_line_of(out->html.data,
	    (size_t)(hit - out->html.data)));
}

static void
test_md_positions(void)
{
	fixture f;
	md_out out;
	const char *html;

	md_init();
	S_small_site(&f);
	/* mod/01-a.md starts its body on line 4. */
	html = S_render(&f, "mod/01-a.md",
	    "Un paragraphe\n"         /* 4 */
	    "sur deux lignes.\n"      /* 5 */
	    "\n"
	    "<div>\n"                 /* 7 */
	    "brut\n"                  /* 8 */
	    "</div>\n"
	    "\n"
	    "> [!TIP]\n"              /* 11 */
	    "> Astuce ici.\n"         /* 12 */
	    "\n"
	    "```quiz\n"               /* 14 */
	    "Question ?\n"            /* 15 */
	    "- [ ] a\n"               /* 16 */
	    "- [x] b\n"               /* 17 */
	    "> parce que\n"           /* 18 */
	    "```\n"
	    "\n"
	    "- [ ] un\n"              /* 21 */
	    "\n"
	    "  suite\n", &out);       /* 23 */
	/* The positions leave no trace in the HTML. */
	CHECK(strstr(html, "sourcepos") == NULL);
	CHECK(strstr(html, "eystime-line") == NULL);
	CHECK(S_md_line(&out, "Un paragraphe") == 4);
	CHECK(S_md_line(&out, "sur deux lignes") == 5);
	CHECK(S_md_line(&out, "brut") == 8);
	CHECK(S_md_line(&out, "Astuce ici") == 12);
	CHECK(S_md_line(&out, "Question ?") == 15);
	CHECK(S_md_line(&out, "> a</label>") == 16);
	CHECK(S_md_line(&out, "> b</label>") == 17);
	CHECK(S_md_line(&out, "parce que") == 18);
	CHECK(S_md_line(&out, "> un</label>") == 21);
	CHECK(S_md_line(&out, "suite") == 23);
	/* One quiz made: the theme's page.has_quiz. */
	CHECK(out.nquiz == 1);
	md_out_free(&out);
	S_close(&f);
}

static void
test_md_image_text(void)
{
	fixture f;
	md_out out;
	const char *html;

	md_init();
	S_small_site(&f);
	html = S_render(&f, "mod/01-a.md",
	    "![décorative](img.svg)\n"      /* 4 */
	    "![Décoratif](img.svg)\n"       /* 5 */
	    "![](img.svg)\n"                /* 6 */
	    "\n"
	    "![ ](img.svg)\n"               /* 8 */
	    "![Un schéma](img.svg)\n", &out);
	/* Decorative: alt="" for screen readers to skip it. */
	CHECK(strstr(html, "<img src=\"../img.svg\" alt=\"\" />\n"
	    "<img src=\"../img.svg\" alt=\"\" />") != NULL);
	CHECK(strstr(html, "alt=\"Un schéma\"") != NULL);
	CHECK(strstr(html, "corati") == NULL);
	/* Without a description: noted for the checks, at their line. */
	CHECK(out.nnoalt == 2);
	CHECK(out.nnoalt == 2 && out.noalt[0] == 6 && out.noalt[1] == 8);
	/* No quiz here. */
	CHECK(out.nquiz == 0);
	md_out_free(&out);
	S_close(&f);
}


/* A quiz's id stays when the text around it changes: quizzes added
 * before it, paragraphs edited, its question re-wrapped or its
 * capitals and punctuation changed; an `id:` line names it; in a lesson
 * it is a form to <api>/quiz, on a plain page a block. */
static void
test_md_quiz_ids(void)
{
	fixture f;
	md_out a, b, c;
	const char *html;
	char *id;

	md_init();
	S_small_site(&f);
	S_render(&f, "mod/01-a.md",
	    "Intro.\n\n```quiz\nQue prouve le cadenas ?\n- [ ] a\n- [x] b\n"
	    "```\n", &a);
	CHECK(a.nquiz == 1 && f.d.n == 0);
	id = a.nquiz == 1 ? a.quiz[0].id : (char *)"";
	CHECK(strncmp(id, "que-prouve-le-cadenas-", 22) == 0 &&
	    strlen(id) == 26);
	CHECK(a.nquiz == 1 && a.quiz[0].n == 2 && a.quiz[0].right == 2u);
	html = S_render(&f, "mod/01-a.md",
	    "Un autre début, tout changé.\n\n```quiz\nid: avant\nAjoutée "
	    "avant ?\n- [x] oui\n- [ ] non\n```\n\nIntro modifiée.\n\n"
	    "```quiz\nque prouve\nle CADENAS ?!\n- [ ] a\n- [x] b\n- [x] c\n"
	    "```\n", &b);
	CHECK(f.d.n == 0);
	CHECK(b.nquiz == 2 && strcmp(b.quiz[0].id, "avant") == 0);
	CHECK(b.nquiz == 2 && strcmp(b.quiz[1].id, id) == 0);
	CHECK(b.nquiz == 2 && b.quiz[1].n == 3 && b.quiz[1].right == 6u);
	CHECK(strstr(html, "<form class=\"quiz\" id=\"quiz-avant\" "
	    "method=\"post\" action=\"") != NULL);
	CHECK(strstr(html, "name=\"lesson\" value=\"mod/01-a\"><input "
	    "type=\"hidden\" name=\"quiz\" value=\"avant\">") != NULL);
	CHECK(strstr(html, "type=\"checkbox\" name=\"c\" value=\"2\"") != NULL);
	CHECK(strstr(html, ">Vérifier</button>") != NULL);
	/* A plain page: no form, no button; the script checks it. */
	html = S_render(&f, "page.md",
	    "```quiz\nQuestion ?\n- [x] a\n- [ ] b\n```\n", &c);
	CHECK(strstr(html, "<div class=\"quiz\" id=\"quiz-question-") != NULL);
	CHECK(strstr(html, "<form") == NULL && strstr(html, "<button") == NULL);
	CHECK(strstr(html, "name=\"quiz-question-") != NULL);
	md_out_free(&a);
	md_out_free(&b);
	md_out_free(&c);
	S_close(&f);
}

int
main(void)
{
	RUN(test_site_date_ok);
	RUN(test_site_date_parse);
	RUN(test_site_duration_parse);
	RUN(test_site_scan);
	RUN(test_site_scan_jobs);
	RUN(test_site_fields);
	RUN(test_site_order);
	RUN(test_site_drafts);
	RUN(test_site_errors);
	RUN(test_md_links);
	RUN(test_md_link_errors);
	RUN(test_md_links_by_address);
	RUN(test_md_link_hints);
	RUN(test_md_no_nested_anchors);
	RUN(test_md_raw_html_links);
	RUN(test_md_callout_typo);
	RUN(test_md_headings);
	RUN(test_md_callouts);
	RUN(test_md_callout_label_escaped);
	RUN(test_md_gfm);
	RUN(test_md_no_sourcepos);
	RUN(test_md_empty_and_odd);
	RUN(test_md_positions);
	RUN(test_md_image_text);
	RUN(test_md_quiz_ids);
	CHECK_EXIT();
}
