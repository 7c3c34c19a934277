/*
 * rule: the check rules as data: their ids, short stable names (used by
 * --format json and to switch a rule off), levels, and the switching off
 * itself, which site.lua (config.c) and a page's front matter (site.c)
 * share. A new rule is one enum value and one row of the table in rule.c,
 * plus the code in check.c (or falc.c) that finds it (docs/hacking.md).
 *
 * Nothing here allocates: the table is static, and messages are written
 * into the caller's array.
 */
#ifndef EYSTIME_GENERATOR_RULE_H
#define EYSTIME_GENERATOR_RULE_H

#include <stddef.h>

#include "diag.h"

typedef enum rule_id {
	/* Errors: they fail `eystime build` too. */
	RULE_ANCHOR,        /* ancre: #x or page.md#x that is not there */
	RULE_IMAGE_ALT,     /* image-alt: an image without a description */
	RULE_LINK_TEXT,     /* lien-texte: no text, or "cliquez ici" */
	RULE_HEADING_ORDER, /* titres-ordre: ## then #### */
	RULE_H1,            /* titre-h1: # in Markdown, several h1 */
	RULE_ID,            /* id-double: one id twice in a page */
	RULE_LANG,          /* langue: <html> without lang */
	RULE_TITLE,         /* titre-page: no <title> */
	RULE_TABLE,         /* tableau-entete: a table without header */
	/* Warnings: `eystime check` only; errors with --strict. */
	RULE_SENTENCE,      /* phrase-longue: over 20 words */
	RULE_PARAGRAPH,     /* paragraphe-long: over 5 sentences */
	RULE_CAPS,          /* majuscules: a word in capitals */
	RULE_ACRONYM,       /* sigle: used before it is explained */
	RULE_OBJECTIVES,    /* objectifs: a lesson without objectives */
	RULE_DURATION,      /* duree: a lesson without duration */
	RULE_IMAGE_SIZE,    /* image-lourde: a picture over 200 KB */
	RULE_PLACEHOLDER,   /* texte-modele: eystime new's text left as is */
	RULE_NRULES
} rule_id;

/* The bit of rule r in the masks of switched-off rules (cfg.checks_off,
 * page.checks_off): every rule must fit in an unsigned. */
#define RULE_BIT(r) (1u << (r))

/* The name of the notes --external prints: not a rule one can switch
 * off (it finds nothing wrong), so rule_find does not know it. */
#define RULE_EXTERNAL_NAME "lien-externe"

/* The rule called name, or -1. */
int rule_find(const char *name);
/* The name of rule r: static, never freed. */
const char *rule_name(rule_id r);
/* DIAG_ERROR or DIAG_WARNING. */
diag_level rule_level(rule_id r);
/* Every rule's name, "ancre, image-alt, …", in the order of the enum,
 * for messages. Written into out[0..size), always NUL-terminated;
 * returns out. */
char *rule_list(char *out, size_t size);

/* Where a rule is switched off, for the example that messages give. */
typedef enum rule_where {
	RULE_IN_SITE_LUA, /* checks = { ["rule"] = "why" } */
	RULE_IN_PAGE      /* checks: in the front matter, rule: "why" */
} rule_where;

/* Room for a message of rule_switch_off: the list of every rule and a
 * rule name twice; a longer name is cut. */
#define RULE_MSG_MAX 1024

/*
 * Switch the rule called name off in *off, for the reason why (NULL when
 * the reason is not text). Returns 0; or -1 with the message for the
 * author in err[0..RULE_MSG_MAX) (an unknown rule, or no reason given),
 * and *off unchanged.
 */
int rule_switch_off(unsigned *off, const char *name, const char *why,
	rule_where where, char err[RULE_MSG_MAX]);

#endif
