/*
 * eystime: turns a folder of Markdown course modules into a static site.
 * See eystime(1) and docs/.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "build.h"
#include "import.h"
#include "new.h"
#include "serve.h"
#include "theme.h"
#include "diag.h"

#ifndef EYSTIME_VERSION
#define EYSTIME_VERSION "0.1.0"
#endif

static void
S_usage(FILE *f)
{
	fputs(msg(
	    "Utilisation : eystime COMMANDE [OPTIONS]\n"
	    "\n"
	    "Commandes :\n"
	    "  build   construit le site dans public/ (s'arrête sur une erreur)\n"
	    "  check   construit le site sans l'écrire et le vérifie : liens,\n"
	    "          images, titres, facile à lire (voir docs/content.md)\n"
	    "  serve   aperçu sur http://127.0.0.1:1313/ (-p PORT), qui se met\n"
	    "          à jour à chaque enregistrement\n"
	    "  new module \"Titre\"          crée content/<titre>/_index.md\n"
	    "  new lesson MODULE \"Titre\"   crée la leçon suivante du module\n"
	    "  import SRC [-d SITE]        fait un site Eystime (SITE, . par\n"
	    "                              défaut) des pages Markdown de SRC\n"
	    "                              (Hugo, Jekyll, Eleventy…) ; n'écrase\n"
	    "                              rien\n"
	    "  theme export DOSSIER        écrit le thème par défaut (qui est\n"
	    "                              dans eystime) dans DOSSIER, pour le\n"
	    "                              changer ; n'écrase rien\n"
	    "\n"
	    "Options :\n"
	    "  -s, --source DOSSIER       le site (site.lua, content/), . par défaut\n"
	    "  -d, --destination DOSSIER  (build) où écrire le site, DOSSIER/public\n"
	    "                             par défaut\n"
	    "  -D, --drafts               inclut les pages marquées draft: true\n"
	    "  -j, --jobs N               pages construites en parallèle (nombre de cœurs)\n"
	    "  -q, --quiet                sans ligne de résumé\n"
	    "      --ignoreCache          (build) ignore le cache : reconstruit et\n"
	    "                             réécrit tout le site\n"
	    "      --strict               (check) les avertissements sont des erreurs\n"
	    "      --external             (check) liste les liens vers d'autres sites\n"
	    "      --format text|json     (check) messages en texte ou en JSON\n"
	    "\n"
	    "  -h, --help                 cette aide\n"
	    "  -V, --version              la version\n",
	    "Usage: eystime COMMAND [OPTIONS]\n"
	    "\n"
	    "Commands:\n"
	    "  build   build the site into public/ (stops on an error)\n"
	    "  check   build the site without writing it and check it: links,\n"
	    "          pictures, headings, easy to read (see docs/content.md)\n"
	    "  serve   preview on http://127.0.0.1:1313/ (-p PORT), updated at\n"
	    "          each save\n"
	    "  new module \"Title\"          make content/<title>/_index.md\n"
	    "  new lesson MODULE \"Title\"   make the module's next lesson\n"
	    "  import SRC [-d SITE]        make an Eystime site (SITE, . by\n"
	    "                              default) of SRC's Markdown pages\n"
	    "                              (Hugo, Jekyll, Eleventy…); overwrites\n"
	    "                              nothing\n"
	    "  theme export DIR            write the default theme (held inside\n"
	    "                              eystime) into DIR, to change it;\n"
	    "                              overwrites nothing\n"
	    "\n"
	    "Options:\n"
	    "  -s, --source DIR           the site (site.lua, content/), . by default\n"
	    "  -d, --destination DIR      (build) where to write the site, DIR/public\n"
	    "                             by default\n"
	    "  -D, --drafts               include pages marked draft: true\n"
	    "  -j, --jobs N               pages built in parallel (number of cores)\n"
	    "  -q, --quiet                no summary line\n"
	    "      --ignoreCache          (build) ignore the cache: build and write\n"
	    "                             the whole site again\n"
	    "      --strict               (check) warnings are errors\n"
	    "      --external             (check) list the links to other sites\n"
	    "      --format text|json     (check) messages as text or JSON\n"
	    "\n"
	    "  -h, --help                 this help\n"
	    "  -V, --version              the version\n"), f);
}

/* Options from OPT_STRICT on go with check only. */
enum { OPT_IGNORE_CACHE = 255, OPT_STRICT = 256, OPT_EXTERNAL, OPT_FORMAT };

/* eystime build and eystime check: the same pipeline (build.c). */
static int
S_build(int argc, char **argv, int check)
{
	static const struct option longopts[] = {
		{ "source", required_argument, NULL, 's' },
		{ "destination", required_argument, NULL, 'd' },
		{ "drafts", no_argument, NULL, 'D' },
		{ "buildDrafts", no_argument, NULL, 'D' },
		{ "jobs", required_argument, NULL, 'j' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ "strict", no_argument, NULL, OPT_STRICT },
		{ "external", no_argument, NULL, OPT_EXTERNAL },
		{ "format", required_argument, NULL, OPT_FORMAT },
		{ "ignoreCache", no_argument, NULL, OPT_IGNORE_CACHE },
		{ NULL, 0, NULL, 0 },
	};
	build_opts o;
	long n, cores = sysconf(_SC_NPROCESSORS_ONLN);
	char *end;
	const char *themes = getenv("EYSTIME_THEMES");
	int c;

	memset(&o, 0, sizeof o);
	o.site_dir = ".";
	o.check = check;
	o.jobs = cores > 0 ? (int)(cores > 64 ? 64 : cores) : 1;
	o.themes = themes;
	while ((c = getopt_long(argc, argv, "s:d:Dj:qh", longopts,
	    NULL)) != -1) {
		/* check writes nothing; --strict and the others are its. */
		if (check && c == 'd') {
			fputs(msg("eystime: check n'écrit pas le site : pas de -d\n",
			    "eystime: check does not write the site: no -d\n"),
			    stderr);
			return 2;
		}
		if (!check && c >= OPT_STRICT) {
			fputs(msg("eystime: --strict, --external et --format vont "
			    "avec check\n", "eystime: --strict, --external and "
			    "--format go with check\n"), stderr);
			return 2;
		}
		switch (c) {
		case 's':
			o.site_dir = optarg;
			break;
		case 'd':
			o.out_dir = optarg;
			break;
		case 'D':
			o.drafts = 1;
			break;
		case 'j':
			n = strtol(optarg, &end, 10);
			if (*end != '\0' || n < 1 || n > 64) {
				fprintf(stderr, "%s", msg(
				    "eystime: --jobs attend un nombre de 1 à 64\n",
				    "eystime: --jobs takes a number from 1 to 64\n"));
				return 2;
			}
			o.jobs = (int)n;
			break;
		case 'q':
			o.quiet = 1;
			break;
		case OPT_IGNORE_CACHE:
			o.ignore_cache = 1;
			break;
		case OPT_STRICT:
			o.strict = 1;
			break;
		case OPT_EXTERNAL:
			o.external = 1;
			break;
		case OPT_FORMAT:
			if (strcmp(optarg, "json") != 0 &&
			    strcmp(optarg, "text") != 0) {
				fprintf(stderr, "%s", msg(
				    "eystime: --format vaut text ou json\n",
				    "eystime: --format is text or json\n"));
				return 2;
			}
			o.json = strcmp(optarg, "json") == 0;
			break;
		case 'h':
			S_usage(stdout);
			return 0;
		default:
			S_usage(stderr);
			return 2;
		}
	}
	if (optind < argc) {
		fprintf(stderr, msg("eystime: argument en trop : %s\n",
		    "eystime: unexpected argument: %s\n"), argv[optind]);
		return 2;
	}
	/* Messages read "site/content/…", not "site//content/…". */
	n = (long)strlen(o.site_dir);
	while (n > 1 && o.site_dir[n - 1] == '/')
		((char *)o.site_dir)[--n] = '\0';
	return build_run(&o);
}

int
main(int argc, char **argv)
{
	const char *lang = getenv("LANG");

	/* Messages before site.lua is read follow the environment. */
	msg_set_language(lang && strncmp(lang, "en", 2) == 0 ? "en" : "fr");
	if (argc < 2) {
		S_usage(stderr);
		return 2;
	}
	if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0 ||
	    strcmp(argv[1], "help") == 0) {
		S_usage(stdout);
		return 0;
	}
	if (strcmp(argv[1], "-V") == 0 || strcmp(argv[1], "--version") == 0 ||
	    strcmp(argv[1], "version") == 0) {
		printf("eystime %s\n", EYSTIME_VERSION);
		return 0;
	}
	if (strcmp(argv[1], "new") == 0) {
		const char *themes = getenv("EYSTIME_THEMES"), *dir = ".";
		int k = 2;

		if (argc > 3 && (strcmp(argv[2], "-s") == 0 ||
		    strcmp(argv[2], "--source") == 0)) {
			dir = argv[3];
			k = 4;
		}
		return new_run(dir, themes, argc - k, argv + k);
	}
	if (strcmp(argv[1], "import") == 0) {
		const char *site = ".";

		if (argc == 5 && (strcmp(argv[3], "-d") == 0 ||
		    strcmp(argv[3], "--destination") == 0))
			site = argv[4];
		else if (argc != 3 || argv[2][0] == '-') {
			fputs(msg("Utilisation : eystime import SRC [-d SITE]\n",
			    "Usage: eystime import SRC [-d SITE]\n"), stderr);
			return 2;
		}
		return import_run(argv[2], site);
	}
	if (strcmp(argv[1], "theme") == 0) {
		if (argc != 4 || strcmp(argv[2], "export") != 0) {
			fputs(msg("Utilisation : eystime theme export DOSSIER\n",
			    "Usage: eystime theme export DIR\n"), stderr);
			return 2;
		}
		return theme_export(argv[3]);
	}
	if (strcmp(argv[1], "serve") == 0) {
		build_opts o;
		const char *themes = getenv("EYSTIME_THEMES");
		long port = 1313, cores = sysconf(_SC_NPROCESSORS_ONLN);
		int k;

		memset(&o, 0, sizeof o);
		o.site_dir = ".";
		o.themes = themes;
		o.jobs = cores > 0 ? (int)(cores > 64 ? 64 : cores) : 1;
		for (k = 2; k < argc; k++) {
			if ((strcmp(argv[k], "-s") == 0 ||
			    strcmp(argv[k], "--source") == 0) && k + 1 < argc)
				o.site_dir = argv[++k];
			else if ((strcmp(argv[k], "-p") == 0 ||
			    strcmp(argv[k], "--port") == 0) && k + 1 < argc)
				port = strtol(argv[++k], NULL, 10);
			else if (strcmp(argv[k], "-D") == 0 ||
			    strcmp(argv[k], "--drafts") == 0)
				o.drafts = 1;
			else
				break;
		}
		if (k < argc || port < 1 || port > 65535) {
			fputs(msg("Utilisation : eystime serve [-s DOSSIER] "
			    "[-p PORT] [--drafts]\n", "Usage: eystime serve "
			    "[-s DIR] [-p PORT] [--drafts]\n"), stderr);
			return 2;
		}
		return serve_run(&o, (int)port);
	}
	if (strcmp(argv[1], "build") == 0)
		return S_build(argc - 1, argv + 1, 0);
	if (strcmp(argv[1], "check") == 0)
		return S_build(argc - 1, argv + 1, 1);
	fprintf(stderr, msg("eystime: commande inconnue : %s\n",
	    "eystime: unknown command: %s\n"), argv[1]);
	S_usage(stderr);
	return 2;
}
