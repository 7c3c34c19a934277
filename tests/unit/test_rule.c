/*
 * generator/rule.h: the rules' names, levels, the list messages show,
 * and switching a rule off.
 */
#include <stdio.h>

#include "../../common/buf.h"
#include "../../common/msg.h"
#include "../../generator/rule.h"
#include "check.h"

static void
test_rule_names(void)
{
	char list[RULE_MSG_MAX];
	buf all;
	int r;

	buf_init(&all, 4096);
	for (r = 0; r < RULE_NRULES; r++) {
		CHECK(rule_find(rule_name((rule_id)r)) == r);
		if (r > 0)
			buf_puts(&all, ", ");
		buf_puts(&all, rule_name((rule_id)r));
	}
	/* The list that messages show names every rule, in order. */
	CHECK_STR(rule_list(list, sizeof list), all.data);
	CHECK(rule_find("phrase-longue") == RULE_SENTENCE);
	CHECK(rule_find("image-alt") == RULE_IMAGE_ALT);
	CHECK(rule_find("Phrase-longue") == -1);
	CHECK(rule_find("") == -1);
	CHECK(rule_find(RULE_EXTERNAL_NAME) == -1);
	/* Every rule has a bit in an unsigned mask. */
	CHECK(RULE_NRULES <= 32);
	/* A list cut short is still a string. */
	CHECK_STR(rule_list(list, 6), "ancre");
	buf_free(&all);
}

static void
test_rule_levels(void)
{
	CHECK(rule_level(RULE_ANCHOR) == DIAG_ERROR);
	CHECK(rule_level(RULE_TABLE) == DIAG_ERROR);
	CHECK(rule_level(RULE_SENTENCE) == DIAG_WARNING);
	CHECK(rule_level(RULE_IMAGE_SIZE) == DIAG_WARNING);
}

static void
test_rule_switch_off(void)
{
	char err[RULE_MSG_MAX];
	unsigned off = 0;

	msg_set_language("en");
	CHECK(rule_switch_off(&off, "sigle", "known", RULE_IN_PAGE, err) == 0);
	CHECK(rule_switch_off(&off, "duree", "later", RULE_IN_SITE_LUA,
	    err) == 0);
	CHECK(off == (RULE_BIT(RULE_ACRONYM) | RULE_BIT(RULE_DURATION)));
	CHECK(rule_switch_off(&off, "nope", "x", RULE_IN_PAGE, err) == -1);
	CHECK(strstr(err, "checks: unknown rule \"nope\" (rules: ancre, ") ==
	    err);
	CHECK(rule_switch_off(&off, "sigle", " \t", RULE_IN_PAGE, err) == -1);
	CHECK(strstr(err, "for example sigle: ") != NULL);
	CHECK(rule_switch_off(&off, "sigle", NULL, RULE_IN_SITE_LUA,
	    err) == -1);
	CHECK(strstr(err, "for example [\"sigle\"] = ") != NULL);
	CHECK(off == (RULE_BIT(RULE_ACRONYM) | RULE_BIT(RULE_DURATION)));
	msg_set_language("fr");
}

int
main(void)
{
	RUN(test_rule_names);
	RUN(test_rule_levels);
	RUN(test_rule_switch_off);
	CHECK_EXIT();
}
