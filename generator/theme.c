/*
 * theme: finding a site's theme; the default theme inside the binary.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../common/msg.h"
#include "fs.h"
#include "theme.h"

#ifndef EYSTIME_DATADIR
#define EYSTIME_DATADIR "/usr/local/share/eystime"
#endif
#ifndef EYSTIME_VERSION
#define EYSTIME_VERSION "0.1.0"
#endif

/* 1 when dir/<each embedded file> holds exactly its bytes. */
static int
S_same(const char *dir)
{
	const theme_file *f;
	buf path, have;
	int same = 1;

	buf_init(&path, BUF_MAX_PATH);
	buf_init(&have, FS_MAX_FILE);
	for (f = theme_files; same && f->path != NULL; f++) {
		path.len = 0;
		have.len = 0;
		buf_printf(&path, "%s/%s", dir, f->path);
		same = fs_read(path.data, FS_MAX_FILE, &have) == 0 &&
		    have.len == f->len && memcmp(have.data, f->data, f->len) == 0;
	}
	buf_free(&path);
	buf_free(&have);
	return same;
}

/* Write every embedded file under dir; -1 with errno on failure. */
static int
S_write(const char *dir)
{
	const theme_file *f;
	buf path;
	int rc = 0;

	buf_init(&path, BUF_MAX_PATH);
	for (f = theme_files; rc == 0 && f->path != NULL; f++) {
		path.len = 0;
		buf_printf(&path, "%s/%s", dir, f->path);
		rc = fs_write(path.data, f->data, f->len);
	}
	buf_free(&path);
	return rc;
}

/* The user's cache folder for eystime (not created). */
static char *
S_cache_root(void)
{
	const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
	buf b;

	buf_init(&b, BUF_MAX_PATH);
	if (xdg != NULL && xdg[0] == '/')
		buf_printf(&b, "%s/eystime", xdg);
	else if (home != NULL && home[0] == '/')
		buf_printf(&b, "%s/.cache/eystime", home);
	else
		buf_printf(&b, "/tmp/eystime-%lu", (unsigned long)getuid());
	return buf_detach(&b);
}

/* 1 when root is, or can be made, a real folder of ours: in /tmp another
 * user could have put a link there. */
static int
S_own_dir(const char *root)
{
	struct stat st;

	if (fs_mkdirs(root) < 0 && errno != EEXIST)
		return 0;
	return lstat(root, &st) == 0 && S_ISDIR(st.st_mode) &&
	    st.st_uid == getuid();
}

/*
 * The embedded theme as a folder: <cache>/theme-<version>-<hash>/default,
 * written through a temporary folder renamed into place, so that builds
 * running at once never see half a theme. A folder changed by hand is
 * written again. NULL with the reason in why.
 */
static char *
S_embedded(buf *why)
{
	char *root = S_cache_root();
	buf dir, tmp;

	buf_init(&dir, BUF_MAX_PATH);
	buf_init(&tmp, BUF_MAX_PATH);
	buf_printf(&dir, "%s/theme-%s-%s/default", root, EYSTIME_VERSION,
	    theme_files_hash);
	if (!S_own_dir(root)) {
		if (why != NULL)
			buf_printf(why, msg("%s (dossier à quelqu'un d'autre, "
			    "ou lien)", "%s (someone else's folder, or a link)"),
			    root);
		free(root);
		goto fail;
	}
	free(root);
	if (S_same(dir.data))
		goto out;
	buf_printf(&tmp, "%s.tmp%ld", dir.data, (long)getpid());
	if (fs_rmtree(tmp.data) < 0 || S_write(tmp.data) < 0) {
		if (why != NULL)
			buf_printf(why, msg("%s (écriture impossible : %s)",
			    "%s (cannot write: %s)"), tmp.data,
			    strerror(errno));
		fs_rmtree(tmp.data);
		goto fail;
	}
	if (rename(tmp.data, dir.data) < 0) {
		/* Another build put it there first, or a changed copy is in
		 * the way: that one goes. */
		if (!S_same(dir.data) && (fs_rmtree(dir.data) < 0 ||
		    rename(tmp.data, dir.data) < 0) && !S_same(dir.data)) {
			if (why != NULL)
				buf_printf(why, msg("%s (écriture impossible "
				    ": %s)", "%s (cannot write: %s)"),
				    dir.data, strerror(errno));
			fs_rmtree(tmp.data);
			goto fail;
		}
		fs_rmtree(tmp.data);
	}
out:
	buf_free(&tmp);
	return buf_detach(&dir);
fail:
	buf_free(&tmp);
	buf_free(&dir);
	return NULL;
}

/* path when it is a folder (then appended to nothing), else NULL with
 * path appended to searched. Takes path. */
static char *
S_try(char *path, buf *searched)
{
	if (fs_isdir(path))
		return path;
	if (searched != NULL)
		buf_printf(searched, "%s%s", searched->len > 0 ? ", " : "",
		    path);
	free(path);
	return NULL;
}

char *
theme_find(const char *site_dir, const char *themes, const char *name,
    buf *searched)
{
	buf b;
	char *found;

	buf_init(&b, BUF_MAX_PATH);
	if (strcmp(site_dir, ".") != 0)
		buf_printf(&b, "%s/", site_dir);
	buf_printf(&b, "themes/%s", name);
	if ((found = S_try(buf_detach(&b), searched)) != NULL)
		return found;
	if (themes != NULL && *themes != '\0') {
		buf_init(&b, BUF_MAX_PATH);
		buf_printf(&b, "%s/%s", themes, name);
		if ((found = S_try(buf_detach(&b), searched)) != NULL)
			return found;
	}
	if (strcmp(name, "default") == 0) {
		buf why;

		buf_init(&why, BUF_MAX_PATH);
		found = S_embedded(&why);
		if (found != NULL) {
			buf_free(&why);
			return found;
		}
		if (searched != NULL)
			buf_printf(searched, msg("%sle thème intégré, écrit "
			    "dans %s", "%sthe built-in theme, written to %s"),
			    searched->len > 0 ? ", " : "", why.data);
		buf_free(&why);
	}
	buf_init(&b, BUF_MAX_PATH);
	buf_printf(&b, "%s/themes/%s", EYSTIME_DATADIR, name);
	return S_try(buf_detach(&b), searched);
}

int
theme_export(const char *dir)
{
	const theme_file *f;
	buf path;
	long n = 0, there = 0;

	buf_init(&path, BUF_MAX_PATH);
	for (f = theme_files; f->path != NULL; f++) {
		path.len = 0;
		buf_printf(&path, "%s/%s", dir, f->path);
		if (fs_exists(path.data)) {
			fprintf(stderr, msg("%s: erreur: ce fichier existe déjà "
			    "(eystime n'écrase jamais un fichier)\n",
			    "%s: error: this file exists already (eystime "
			    "never overwrites a file)\n"), path.data);
			there++;
		}
	}
	if (there > 0) {
		fprintf(stderr, msg("eystime: rien n'est écrit : choisissez un "
		    "dossier nouveau, ou enlevez ces %ld fichiers\n",
		    "eystime: nothing written: choose a new folder, or remove "
		    "these %ld files\n"), there);
		buf_free(&path);
		return 1;
	}
	for (f = theme_files; f->path != NULL; f++, n++) {
		path.len = 0;
		buf_printf(&path, "%s/%s", dir, f->path);
		if (fs_write(path.data, f->data, f->len) < 0) {
			fprintf(stderr, msg("%s: erreur: écriture impossible : "
			    "%s\n", "%s: error: cannot write: %s\n"),
			    path.data, strerror(errno));
			buf_free(&path);
			return 1;
		}
	}
	printf(msg("%ld fichiers du thème par défaut écrits dans %s\n"
	    "Pour l'utiliser dans un site, il doit être le dossier "
	    "themes/NOM du site, et site.lua dire theme = \"NOM\" "
	    "(themes/default est pris sans rien dire).\n",
	    "%ld files of the default theme written to %s\n"
	    "To use it in a site, it must be the site's folder themes/NAME, "
	    "and site.lua say theme = \"NAME\" (themes/default is used "
	    "without saying).\n"), n, dir);
	buf_free(&path);
	return 0;
}
