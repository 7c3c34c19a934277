/*
 * generator/check.h: vague link texts, and whole pages checked the way
 * build.c does it, with the messages and lines an author reads.
 */
#include <stdlib.h>

#include "../../common/buf.h"
#include "../../generator/check.h"
#include "../../generator/diag.h"
#include "../../generator/fs.h"
#include "../../generator/md.h"
#include "../../generator/site.h"
#include "check.h"

static void
test_check_generic_links(void)
{
	CHECK(check_generic_link("Cliquez ici"));
	CHECK(check_generic_link("ICI"));
	CHECK(check_generic_link("  ici !"));
	CHECK(check_generic_link("En savoir plus…"));
	CHECK(check_generic_link("en  savoir   plus"));
	CHECK(check_generic_link("Click here."));
	CHECK(check_generic_link("→ Lire la suite"));
	CHECK(check_generic_link("lien"));
	CHECK(check_generic_link("Cliquéz ici"));
	CHECK(check_generic_link("Read more"));
	CHECK(!check_generic_link("cliquez ici pour le formulaire"));
	CHECK(!check_generic_link("le formulaire de la CAF"));
	CHECK(!check_generic_link("Lien vers la leçon 2"));
	CHECK(!check_generic_link("icier"));
	CHECK(!check_generic_link(""));
}

static void
test_md_line_of(void)
{
	md_pos pos[] = { { 1, 5 }, { 3, 9 }, { 3, 10 }, { 7, 20 } };
	md_out out;

	memset(&out, 0, sizeof out);
	CHECK(md_line_of(&out, 4) == 0);
	out.pos = pos;
	out.npos = 4;
	CHECK(md_line_of(&out, 1) == 5);
	CHECK(md_line_of(&out, 2) == 6);
	/* Two blocks on one line: the inner one, which comes last. */
	CHECK(md_line_of(&out, 3) == 10);
	CHECK(md_line_of(&out, 5) == 12);
	CHECK(md_line_of(&out, 7) == 20);
	CHECK(md_line_of(&out, 9) == 22);
	pos[0].html = 2;
	CHECK(md_line_of(&out, 1) == 0);
}

/* ------------------------------------------------------------------ */
/* Whole pages: a site in /tmp, each page rendered with md_render into a
 * small page the way a theme would, then checked as build.c does. */

typedef struct fixture {
	char dir[64];
	site s;
	diag d;
	check_ctx c;
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

/* files: pairs of path under the site, text; NULL at the end. */
static void
S_site(fixture *f, const char *const *files, int warnings)
{
	check_opts o;
	int i;

	memset(f, 0, sizeof *f);
	memcpy(f->dir, "/tmp/eystime-tcheck-XXXXXX", 27);
	CHECK(mkdtemp(f->dir) != NULL);
	diag_init(&f->d);
	msg_set_language("fr");
	md_init();
	for (i = 0; files[i] != NULL; i += 2)
		S_write(f->dir, files[i], files[i + 1]);
	f->s.dir = f->dir;
	f->s.d = &f->d;
	f->s.theme_dir = mem_strdup("themes/t");
	CHECK(site_scan(&f->s, 1) == 0);
	site_glossary(&f->s);
	memset(&o, 0, sizeof o);
	o.warnings = warnings;
	check_init(&f->c, &f->s, &o);
}

/* Render and check every page of the site, in a page frame with one h1:
 * what build.c does, without files. */
static void
S_check_all(fixture *f)
{
	int i, k;

	for (i = 0; i < f->s.npages; i++) {
		page *p = &f->s.pages[i];
		buf file, path, html;
		md_out md;

		buf_init(&file, BUF_UNBOUNDED);
		buf_init(&path, 4096);
		buf_init(&html, BUF_UNBOUNDED);
		buf_printf(&path, "%s/content/%s", f->dir, p->src);
		CHECK(fs_read(path.data, 1 << 20, &file) == 0);
		md_render(&f->s, p, file.data + p->body_off,
		    file.len - p->body_off, &S_labels, &md);
		buf_printf(&html, "<!DOCTYPE html>\n<html lang=\"fr\">\n<head>"
		    "<title>%s</title></head>\n<body>\n<main id=\"contenu\">\n"
		    "<h1>%s</h1>\n%s", p->title, p->title, md.html.data);
		/* The glossary page lists the terms with their anchors. */
		for (k = 0; i == f->s.glossary.page && k < f->s.glossary.n; k++)
			buf_printf(&html, "<dt id=\"%s\">%s</dt>\n",
			    f->s.glossary.a[k].anchor, f->s.glossary.a[k].term);
		buf_puts(&html, "</main>\n</body>\n</html>\n");
		check_page(&f->c, i, site_kind_name(p->kind), &md, html.data,
		    html.len);
		md_out_free(&md);
		buf_free(&file);
		buf_free(&path);
		buf_free(&html);
	}
	check_links(&f->c);
}

/* The messages, one a line, sorted, without the folder of the site. */
static char *
S_messages(fixture *f)
{
	char *out = NULL;
	size_t len = 0, k, skip = strlen(f->dir) + 1;
	FILE *m = open_memstream(&out, &len);
	buf b;

	diag_print(&f->d, m);
	fclose(m);
	buf_init(&b, BUF_UNBOUNDED);
	for (k = 0; k < len; k++) {
		if (strncmp(out + k, f->dir, skip - 1) == 0 &&
		    out[k + skip - 1] == '/') {
			k += skip - 1;
			continue;
		}
		buf_putc(&b, out[k]);
	}
	free(out);
	return buf_detach(&b);
}

static void
S_close(fixture *f)
{
	check_free(&f->c);
	site_free(&f->s);
	diag_free(&f->d);
	CHECK(fs_rmtree(f->dir) == 0);
}

static void
test_check_page_errors(void)
{
	static const char *const files[] = {
		"content/_index.md", "---\ntitle: Accueil\n---\nBienvenue.\n",
		"content/mod/_index.md", "---\ntitle: Module\n---\nIntro.\n",
		"content/mod/img.png", "x",
		"content/mod/01-a.md",
		"---\n"
		"title: A\n"
		"---\n"
		"## Étape 1\n"                             /* 4 */
		"\n"
		"Un paragraphe\n"                          /* 6 */
		"sur deux lignes avec [](02-b.md) ici.\n"  /* 7 */
		"\n"
		"- [ ] une tâche\n"                        /* 9 */
		"- [ici](02-b.md#etape-2)\n"               /* 10 */
		"\n"
		"> [!NOTE]\n"                              /* 12 */
		"> Voir [en haut](#contenu) et [là](#rien).\n" /* 13 */
		"\n"
		"<div>\n"                                  /* 15 */
		"<img src=\"img.png\">\n"                  /* 16 */
		"</div>\n"
		"\n"
		"##### Trop bas\n"                         /* 19 */
		"\n"
		"```quiz\n"                                /* 21 */
		"Une question ?\n"
		"- [ ] oui\n"
		"- [x] non\n"
		"```\n"
		"\n"
		"![](img.png) et ![décorative](img.png)\n" /* 27 */
		"\n"
		"## Contenu\n",                            /* 29 */
		"content/mod/02-b.md",
		"---\ntitle: B\n---\n## Étape 2 : ouvrir\n\n# Titre\n",
		NULL,
	};
	fixture f;
	char *got;

	S_site(&f, files, 0);
	S_check_all(&f);
	got = S_messages(&f);
	CHECK_STR(got,
	    "content/mod/01-a.md:7: erreur: lien sans texte : écrivez entre "
	    "les crochets où il mène, [comme ceci](adresse)\n"
	    "content/mod/01-a.md:10: erreur: ancre introuvable : #etape-2 "
	    "n'est pas dans mod/02-b.md (voulez-vous dire #etape-2-ouvrir ?)\n"
	    "content/mod/01-a.md:10: erreur: texte de lien trop vague (« ici »)"
	    " : dites où il mène, par exemple [le formulaire de la CAF](…)\n"
	    "content/mod/01-a.md:13: erreur: ancre introuvable : #rien n'est "
	    "pas dans la page\n"
	    "content/mod/01-a.md:16: erreur: image sans texte alternatif (alt) "
	    ": ajoutez alt=\"…\" qui dit ce qu'elle montre\n"
	    "content/mod/01-a.md:19: erreur: titre de niveau 5 après un titre "
	    "de niveau 2 : écrivez ### (niveau 3)\n"
	    "content/mod/01-a.md:27: erreur: image sans texte alternatif : "
	    "écrivez ce qu'elle montre entre les crochets, ![Un tableau de "
	    "deux colonnes](…), ou ![décorative](…) si elle n'apporte rien\n"
	    "content/mod/01-a.md:29: erreur: l'id « contenu » est déjà pris "
	    "par le thème : changez ce titre ou cet id\n"
	    "content/mod/02-b.md:6: erreur: titre de niveau 1 (#) : le thème "
	    "affiche déjà le titre de la page, commencez vos titres par ##\n");
	free(got);
	S_close(&f);
}

/* GitHub's heading ids and {#id} lead to the heading; Eystime's own ids
 * stay; a dead anchor names the nearest id (issue 17, case 5). */
static void
test_check_anchors(void)
{
	static const char *const files[] = {
		"content/_index.md", "---\ntitle: Accueil\n---\nBienvenue.\n",
		"content/mod/_index.md", "---\ntitle: Module\n---\nIntro.\n",
		"content/mod/01-a.md",
		"---\n"
		"title: A\n"
		"---\n"
		"## Qu’est-ce que l’accessibilité ?\n"                 /* 4 */
		"\n"
		"## Méthodologie d’évaluation {#methode}\n"             /* 6 */
		"\n"
		"Voir [ceci](#quest-ce-que-laccessibilité), "
		"[cela](#quest-ce-que-laccessibilité-), "
		"[la méthode](#methode), "
		"[l'ancienne](#methodologie-d-evaluation) et "
		"[la suite](02-b.md#étape-2--ouvrir).\n"                /* 8 */
		"\n"
		"Mais [pas ceci](02-b.md#etape-2-ouvir) ni "
		"[cela](#méthodologie-dévaluatoin).\n",                /* 10 */
		"content/mod/02-b.md",
		"---\ntitle: B\n---\n## Étape 2 : ouvrir\n",
		NULL,
	};
	static const char body[] = "## Qu’est-ce que l’accessibilité ?\n\n"
	    "## Titre {#mon-id}\n\n## Titre\n";
	fixture f;
	char *got;
	md_out md;
	const page *p;

	S_site(&f, files, 0);
	S_check_all(&f);
	got = S_messages(&f);
	CHECK_STR(got,
	    "content/mod/01-a.md:10: erreur: ancre introuvable : "
	    "#etape-2-ouvir n'est pas dans mod/02-b.md (voulez-vous dire "
	    "#etape-2-ouvrir ?)\n"
	    "content/mod/01-a.md:10: erreur: ancre introuvable : "
	    "#méthodologie-dévaluatoin n'est pas dans la page (voulez-vous "
	    "dire #methodologie-d-evaluation ?)\n");
	free(got);
	/* The ids as printed: Eystime's, then the aliases. */
	p = &f.s.pages[site_find(&f.s, "mod/01-a.md")];
	md_render(&f.s, p, body, strlen(body), &S_labels, &md);
	CHECK(strstr(md.html.data, "<h2 id=\"qu-est-ce-que-l-accessibilite\">"
	    "<span id=\"quest-ce-que-laccessibilité-\"></span>"
	    "<span id=\"quest-ce-que-laccessibilité\"></span>Qu’est-ce") != NULL);
	CHECK(strstr(md.html.data, "<h2 id=\"mon-id\"><span id=\"titre\">"
	    "</span>Titre</h2>\n<h2 id=\"titre-2\">Titre</h2>") != NULL);
	md_out_free(&md);
	S_close(&f);
}

/* Addresses, code and date placeholders are not prose; an acronym made
 * of two joined by a hyphen is one (issue 17, case 12). */
static void
test_check_acronyms_not_prose(void)
{
	static const char *const files[] = {
		"content/_index.md", "---\ntitle: Accueil\n---\nBienvenue.\n",
		"content/mod/_index.md", "---\ntitle: Module\n---\nIntro.\n",
		"content/mod/01-a.md",
		"---\n"
		"title: A\n"
		"objectives:\n  - lire\n"
		"duration: 5\n"
		"---\n"
		"Lisez https://www.w3.org/TR/WCAG21/ et w3.org/TR/x aussi.\n" /* 7 */
		"\n"
		"Écrivez la date (JJ/MM/AAAA) puis l'heure HH:MM.\n"        /* 9 */
		"\n"
		"Le code `NIR` et la norme WAI-ARIA.\n"                      /* 11 */
		"\n"
		"Écrivez à contact@CAF.fr ou à ABC.\n",                      /* 13 */
		NULL,
	};
	fixture f;
	char *got;

	S_site(&f, files, 1);
	S_check_all(&f);
	got = S_messages(&f);
	CHECK_STR(got,
	    "content/mod/01-a.md:11: attention: sigle « WAI-ARIA » pas "
	    "expliqué : écrivez la première fois « WAI-ARIA (ce qu'il veut "
	    "dire) », ou mettez-le dans le glossaire ; si ce n'est pas un "
	    "sigle, écrivez-le en minuscules\n"
	    "content/mod/01-a.md:13: attention: sigle « ABC » pas expliqué : "
	    "écrivez la première fois « ABC (ce qu'il veut dire) », ou "
	    "mettez-le dans le glossaire ; si ce n'est pas un sigle, "
	    "écrivez-le en minuscules\n");
	free(got);
	S_close(&f);
}

static void
test_check_page_text(void)
{
	static const char *const files[] = {
		"content/_index.md", "---\ntitle: Accueil\n---\nBienvenue.\n",
		"content/glossaire.md",
		"---\ntitle: Glossaire\nglossary:\n  ENT: \"Espace numérique\"\n"
		"  QR code: \"Un carré de points\"\n---\nLes mots.\n",
		"content/mod/_index.md", "---\ntitle: Module\n---\nIntro.\n",
		"content/mod/01-a.md",
		"---\n"
		"title: A\n"
		"duration: 5\n"
		"objectives:\n"
		"  - lire\n"
		"---\n"
		"Un deux trois quatre cinq six sept huit neuf dix.\n"   /* 7 */
		"Un deux trois quatre cinq six sept huit neuf dix\n"    /* 8 */
		"onze douze treize quatorze quinze seize dix-sept\n"    /* 9 */
		"dix-huit dix-neuf vingt vingt-et-un. Fin.\n"           /* 10 */
		"\n"
		"L'ENT et le QR code. La CAF (caisse d'allocations "     /* 12 */
		"familiales).\n"
		"Plus tard la CPAM. Puis la caisse primaire (CPAM).\n"  /* 13 */
		"Le RIB et la MSA, en `CODE`.\n"                        /* 14 */
		"\n"
		"Un. Deux. Trois. Quatre. Cinq. Six. ATTENTION.\n"      /* 16 */
		"\n"
		"- Une liste : ÉTAPE un, puis le "                      /* 18 */
		"<abbr title=\"numéro\">NIR</abbr>.\n",
		"content/mod/02-b.md",
		"---\ntitle: B\nduration: 5\nobjectives: [lire]\nchecks:\n"
		"  sigle: \"des sigles connus de tous\"\n---\nLe RSA et la CAF.\n",
		NULL,
	};
	fixture f;
	char *got;

	S_site(&f, files, 1);
	S_check_all(&f);
	got = S_messages(&f);
	CHECK_STR(got,
	    "content/mod/01-a.md:8: attention: phrase de 21 mots : coupez-la "
	    "en phrases de 20 mots au plus\n"
	    "content/mod/01-a.md:13: attention: sigle « CPAM » expliqué plus "
	    "loin (ligne 13) : expliquez-le ici, à sa première utilisation\n"
	    "content/mod/01-a.md:14: attention: sigle « MSA » pas expliqué : "
	    "écrivez la première fois « MSA (ce qu'il veut dire) », ou "
	    "mettez-le dans le glossaire ; si ce n'est pas un sigle, écrivez-le"
	    " en minuscules\n"
	    "content/mod/01-a.md:14: attention: sigle « RIB » pas expliqué : "
	    "écrivez la première fois « RIB (ce qu'il veut dire) », ou "
	    "mettez-le dans le glossaire ; si ce n'est pas un sigle, écrivez-le"
	    " en minuscules\n"
	    "content/mod/01-a.md:16: attention: paragraphe de 7 phrases : "
	    "coupez-le en paragraphes de 5 phrases au plus\n"
	    "content/mod/01-a.md:16: attention: « ATTENTION » est écrit en "
	    "majuscules, difficiles à lire : écrivez-le en minuscules (en "
	    "**gras** s'il est important)\n"
	    "content/mod/01-a.md:18: attention: « ÉTAPE » est écrit en "
	    "majuscules, difficiles à lire : écrivez-le en minuscules (en "
	    "**gras** s'il est important)\n");
	free(got);
	S_close(&f);
}

int
main(void)
{
	RUN(test_check_generic_links);
	RUN(test_md_line_of);
	RUN(test_check_page_errors);
	RUN(test_check_anchors);
	RUN(test_check_acronyms_not_prose);
	RUN(test_check_page_text);
	CHECK_EXIT();
}
