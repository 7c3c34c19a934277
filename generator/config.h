/*
 * config: site.lua, read in a sandbox (no io, os, require, nor binary
 * chunks), and the theme's i18n file for the site's language.
 */
#ifndef EYSTIME_CONFIG_H
#define EYSTIME_CONFIG_H

#include <lua.h>

#include "diag.h"

typedef struct cfg {
	char *title;     /* the site's name (required) */
	char *language;  /* "fr" unless set */
	char *theme;     /* folder name under themes/, "default" unless set */
	char *base_url;  /* "https://x/y/" with a final slash, or NULL */
	char *api;       /* where the CGI answers, "/api" unless set */
	char *root;      /* the site's path on its host: base_url's, or "/" */
	int index_links; /* links to pages end with index.html (file://) */
	unsigned checks_off; /* rules switched off (RULE_BIT, rule.h) */
	lua_State *L;    /* keeps params and i18n for copying to workers */
	int params_ref;  /* registry ref of the params table */
	int i18n_ref;    /* registry ref of the i18n table (after cfg_i18n) */
} cfg;

/* Read path (shown as is in messages). Returns 0, or -1 with messages in
 * d. The caller calls cfg_free in both cases. */
int cfg_load(cfg *c, const char *path, diag *d);
/* Read the theme's i18n/<language>.lua under theme_dir. */
int cfg_i18n(cfg *c, const char *theme_dir, diag *d);
void cfg_free(cfg *c);

#endif
