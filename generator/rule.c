#include "rule.h"

#include <stdio.h>
#include <string.h>

#include "../common/msg.h"

static const struct {
	const char *name;
	diag_level level;
} S_rules[RULE_NRULES] = {
	[RULE_ANCHOR] = { "ancre", DIAG_ERROR },
	[RULE_IMAGE_ALT] = { "image-alt", DIAG_ERROR },
	[RULE_LINK_TEXT] = { "lien-texte", DIAG_ERROR },
	[RULE_HEADING_ORDER] = { "titres-ordre", DIAG_ERROR },
	[RULE_H1] = { "titre-h1", DIAG_ERROR },
	[RULE_ID] = { "id-double", DIAG_ERROR },
	[RULE_LANG] = { "langue", DIAG_ERROR },
	[RULE_TITLE] = { "titre-page", DIAG_ERROR },
	[RULE_TABLE] = { "tableau-entete", DIAG_ERROR },
	[RULE_SENTENCE] = { "phrase-longue", DIAG_WARNING },
	[RULE_PARAGRAPH] = { "paragraphe-long", DIAG_WARNING },
	[RULE_CAPS] = { "majuscules", DIAG_WARNING },
	[RULE_ACRONYM] = { "sigle", DIAG_WARNING },
	[RULE_OBJECTIVES] = { "objectifs", DIAG_WARNING },
	[RULE_DURATION] = { "duree", DIAG_WARNING },
	[RULE_IMAGE_SIZE] = { "image-lourde", DIAG_WARNING },
	[RULE_PLACEHOLDER] = { "texte-modele", DIAG_WARNING },
};

_Static_assert(RULE_NRULES <= 32, "every rule needs a bit in an unsigned");

int
rule_find(const char *name)
{
	int r;

	for (r = 0; r < RULE_NRULES; r++)
		if (strcmp(name, S_rules[r].name) == 0)
			return r;
	return -1;
}

const char *
rule_name(rule_id r)
{
	return S_rules[r].name;
}

diag_level
rule_level(rule_id r)
{
	return S_rules[r].level;
}

char *
rule_list(char *out, size_t size)
{
	size_t len = 0;
	int r, n;

	if (size == 0)
		return out;
	out[0] = '\0';
	for (r = 0; r < RULE_NRULES && len < size; r++) {
		n = snprintf(out + len, size - len, "%s%s", r > 0 ? ", " : "",
		    S_rules[r].name);
		if (n < 0)
			break;
		len += (size_t)n;
	}
	return out;
}

int
rule_switch_off(unsigned *off, const char *name, const char *why,
	rule_where where, char err[RULE_MSG_MAX])
{
	char list[RULE_MSG_MAX / 2];
	int r;

	if ((r = rule_find(name)) < 0) {
		snprintf(err, RULE_MSG_MAX, msg(
		    "checks : règle inconnue « %s » (règles : %s)",
		    "checks: unknown rule \"%s\" (rules: %s)"), name,
		    rule_list(list, sizeof list));
		return -1;
	}
	if (why == NULL || why[strspn(why, " \t")] == '\0') {
		if (where == RULE_IN_SITE_LUA)
			snprintf(err, RULE_MSG_MAX, msg(
			    "checks : dites pourquoi la règle « %s » est coupée, "
			    "par exemple [\"%s\"] = \"une citation à garder "
			    "telle quelle\"", "checks: say why the rule \"%s\" "
			    "is off, for example [\"%s\"] = \"a quotation to "
			    "keep as it is\""), name, name);
		else
			snprintf(err, RULE_MSG_MAX, msg(
			    "checks : dites pourquoi la règle « %s » est coupée, "
			    "par exemple %s: \"une citation à garder telle "
			    "quelle\"", "checks: say why the rule \"%s\" is off, "
			    "for example %s: \"a quotation to keep as it is\""),
			    name, name);
		return -1;
	}
	*off |= RULE_BIT(r);
	return 0;
}
