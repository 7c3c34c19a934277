#include "new.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/buf.h"
#include "../common/text.h"
#include "build.h"
#include "config.h"
#include "diag.h"
#include "fs.h"
#include "slug.h"
#include "theme.h"

/* The title between double quotes in YAML: \ and " escaped. */
static void
S_yaml_title(buf *out, const char *title)
{
	for (; *title != '\0'; title++) {
		if (*title == '"' || *title == '\\')
			buf_putc(out, '\\');
		buf_putc(out, (unsigned char)*title < 0x20 ? ' ' : *title);
	}
}

/* The archetype with its placeholders filled. */
static int
S_fill(const char *theme_dir, const char *kind, const char *title,
	int weight, buf *out, diag *d)
{
	char *path;
	buf a, t;
	const char *p, *hit;
	int rc;

	buf_init(&a, BUF_MAX_BLOCK);
	buf_init(&t, BUF_MAX_TEXT);
	buf_printf(&t, "archetypes/%s.md", kind);
	path = build_join(theme_dir, t.data);
	rc = fs_read(path, BUF_MAX_BLOCK, &a);
	if (rc < 0)
		diag_add(d, DIAG_ERROR, path, 0, msg("lecture impossible : %s",
		    "cannot read: %s"), strerror(errno));
	for (p = a.data; rc == 0 && (hit = strstr(p, "{{ ")) != NULL;) {
		buf_add(out, p, (size_t)(hit - p));
		if (strncmp(hit, "{{ title }}", 11) == 0) {
			S_yaml_title(out, title);
			p = hit + 11;
		} else if (strncmp(hit, "{{ weight }}", 12) == 0) {
			buf_printf(out, "%d", weight);
			p = hit + 12;
		} else {
			buf_putc(out, '{');
			p = hit + 1;
		}
	}
	if (rc == 0)
		buf_puts(out, p);
	buf_free(&a);
	buf_free(&t);
	free(path);
	return rc;
}

/* The highest two-digit prefix ("07-x.md" → 7) of the .md files of a
 * module, or of the module folders of content/ when module is NULL (then
 * it counts folders holding an _index.md). */
static int
S_last(const char *dir, int folders)
{
	DIR *dd = opendir(dir);
	struct dirent *e;
	int last = 0, n;
	buf p;

	if (dd == NULL)
		return 0;
	buf_init(&p, BUF_MAX_PATH);
	while ((e = readdir(dd)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		if (folders) {
			buf_reset(&p);
			buf_printf(&p, "%s/%s/_index.md", dir, e->d_name);
			if (fs_exists(p.data))
				last++;
		} else if (e->d_name[0] >= '0' && e->d_name[0] <= '9' &&
		    strstr(e->d_name, ".md") != NULL) {
			n = atoi(e->d_name);
			if (n > last)
				last = n;
		}
	}
	closedir(dd);
	buf_free(&p);
	return last;
}

int
new_run(const char *site_dir, const char *themes, int argc, char **argv)
{
	const char *kind = argc > 0 ? argv[0] : "", *title, *module = NULL;
	char *cfgp, *content = NULL, *theme_dir = NULL, *dir = NULL;
	buf slug, rel, text, searched;
	cfg c;
	diag d;
	int status = 1, weight;
	size_t n;

	if (!((strcmp(kind, "module") == 0 && argc == 2) ||
	    (strcmp(kind, "lesson") == 0 && argc == 3))) {
		fputs(msg("Utilisation : eystime new module \"Titre\"\n"
		    "              eystime new lesson MODULE \"Titre\"\n",
		    "Usage: eystime new module \"Title\"\n"
		    "       eystime new lesson MODULE \"Title\"\n"), stderr);
		return 2;
	}
	title = argv[argc - 1];
	if (argc == 3)
		module = argv[1];
	diag_init(&d);
	buf_init(&slug, BUF_MAX_SHORT);
	buf_init(&rel, BUF_MAX_PATH);
	buf_init(&text, BUF_MAX_BLOCK);
	cfgp = build_join(site_dir, "site.lua");
	if (cfg_load(&c, cfgp, &d) < 0)
		goto out;
	n = strlen(title);
	if (n == 0 || n > 200 || utf8_valid(title, n) != n) {
		diag_add(&d, DIAG_ERROR, NULL, 0, "%s", msg(
		    "le titre doit être un texte de 1 à 200 caractères",
		    "the title must be 1 to 200 characters of text"));
		goto out;
	}
	slug_make(&slug, title, n);
	if (slug.len == 0)
		buf_puts(&slug, kind);
	buf_init(&searched, BUF_MAX_TEXT);
	theme_dir = theme_find(site_dir, themes, c.theme, &searched);
	if (theme_dir == NULL) {
		diag_add(&d, DIAG_ERROR, cfgp, 0, msg(
		    "thème « %s » introuvable ; cherché dans : %s",
		    "theme \"%s\" not found; looked in: %s"), c.theme,
		    searched.data);
		buf_free(&searched);
		goto out;
	}
	buf_free(&searched);
	content = build_join(site_dir, "content");
	if (module == NULL) {
		weight = S_last(content, 1) + 1;
		buf_printf(&rel, "%s/_index.md", slug.data);
	} else {
		buf_printf(&rel, "%s/_index.md", module);
		dir = build_join(content, rel.data);
		if (strchr(module, '/') != NULL || !fs_exists(dir)) {
			diag_add(&d, DIAG_ERROR, dir, 0, "%s", msg(
			    "ce module n'existe pas : créez-le avec eystime new "
			    "module", "this module does not exist: make it with "
			    "eystime new module"));
			goto out;
		}
		free(dir);
		dir = build_join(content, module);
		weight = S_last(dir, 0) + 1;
		buf_reset(&rel);
		buf_printf(&rel, "%s/%02d-%s.md", module, weight, slug.data);
	}
	free(dir);
	dir = build_join(content, rel.data);
	if (fs_exists(dir)) {
		diag_add(&d, DIAG_ERROR, dir, 0, "%s", msg(
		    "ce fichier existe déjà", "this file already exists"));
		goto out;
	}
	if (S_fill(theme_dir, kind, title, weight, &text, &d) < 0)
		goto out;
	if (fs_write(dir, text.data, text.len) < 0) {
		diag_add(&d, DIAG_ERROR, dir, 0, msg("écriture impossible : %s",
		    "cannot write: %s"), strerror(errno));
		goto out;
	}
	printf("%s\n", dir);
	status = 0;
out:
	diag_print(&d, stderr);
	diag_free(&d);
	cfg_free(&c);
	buf_free(&slug);
	buf_free(&rel);
	buf_free(&text);
	free(cfgp);
	free(content);
	free(theme_dir);
	free(dir);
	return status;
}
