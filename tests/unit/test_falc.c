/*
 * generator/falc.h: easy-to-read French as text: sentences, words,
 * acronyms and words in capitals, acronyms explained in place.
 */
#include <stdio.h>

#include "../../generator/falc.h"
#include "check.h"

/* How many sentences falc_sentence_end finds in s. */
static int
S_sentences(const char *s)
{
	size_t n = strlen(s), i = 0, end;
	int count = 0;

	while (i < n) {
		while (i < n && (s[i] == ' ' || s[i] == '\n'))
			i++;
		if (i >= n)
			break;
		end = falc_sentence_end(s, n, i);
		if (end <= i) {
			printf("#   no progress at %zu in \"%s\"\n", i, s);
			return -1;
		}
		count++;
		i = end;
	}
	return count;
}

static int
S_count_is(const char *s, int want)
{
	int got = S_sentences(s);

	if (got != want)
		printf("#   %d sentences, want %d: \"%s\"\n", got, want, s);
	return got == want;
}

static void
test_falc_sentences(void)
{
	CHECK(S_count_is("", 0));
	CHECK(S_count_is("Fin.", 1));
	CHECK(S_count_is("Une phrase. Une autre.", 2));
	CHECK(S_count_is("Une phrase sans point", 1));
	/* Abbreviations and initials. */
	CHECK(S_count_is("M. Martin arrive. Il mange.", 2));
	CHECK(S_count_is("Mme Durand et M. Martin signent.", 1));
	CHECK(S_count_is("J. Dupont signe. Il part.", 2));
	CHECK(S_count_is("Voir p. 12 du livret, cf. Annexe 2.", 1));
	CHECK(S_count_is("C'est-à-dire, c.-à-d. Une autre façon.", 1));
	/* etc. ends a sentence only before a capital. */
	CHECK(S_count_is("Des pommes, des poires, etc. Ensuite le pain.", 2));
	CHECK(S_count_is("Des pommes, des poires, etc. et du pain.", 1));
	/* Numbers and addresses. */
	CHECK(S_count_is("Il pèse 1,5 kg. Il part à 10.30 ou à 10 h 30. Fin.",
	    3));
	CHECK(S_count_is("Allez sur www.caf.fr. Puis connectez-vous.", 2));
	CHECK(S_count_is("Allez sur www.caf.fr pour voir.", 1));
	CHECK(S_count_is("Le 14.09.2026 à 9 h. 30 personnes viennent.", 2));
	/* Ellipsis, question and exclamation marks. */
	CHECK(S_count_is("Attendez… Puis cliquez.", 2));
	CHECK(S_count_is("Attendez… puis cliquez.", 1));
	CHECK(S_count_is("Attendez... Puis cliquez.", 2));
	CHECK(S_count_is("Vraiment ? Oui ! D'accord.", 3));
	CHECK(S_count_is("Quoi ?! Encore ?", 2));
	/* Quotes and brackets close the sentence they end. */
	CHECK(S_count_is("Il dit « Bonjour. » Puis il part.", 2));
	CHECK(S_count_is("Il dit « Bonjour. » Puis il part.", 2));
	CHECK(S_count_is("Il dit \"Bonjour.\" Puis il part.", 2));
	CHECK(S_count_is("(Voir plus haut.) Ensuite, cliquez.", 2));
	CHECK(S_count_is("Fin. « Nouvelle » phrase.", 2));
	CHECK(S_count_is("Fin.\nSuite sur une autre ligne.", 2));
	/* Where the first sentence ends: after its closing quote. */
	CHECK(falc_sentence_end("Un. Deux.", 9, 0) == 3);
	CHECK(falc_sentence_end("Un. Deux.", 9, 4) == 9);
	CHECK(falc_sentence_end("« Oui. » Non.", strlen("« Oui. » Non."), 0)
	    == strlen("« Oui. »"));
}

static void
test_falc_words(void)
{
	CHECK(falc_words("", 0) == 0);
	CHECK(falc_words("   ", 3) == 0);
	CHECK(falc_words("l'ordinateur est là", 20) == 3);
	CHECK(falc_words("c'est-à-dire", strlen("c'est-à-dire")) == 1);
	CHECK(falc_words("20 €", strlen("20 €")) == 1);
	CHECK(falc_words("Un – deux : trois !", strlen("Un – deux : trois !"))
	    == 3);
	CHECK(falc_words(" a  b\n c ", 9) == 3);
	CHECK(falc_words("1 500 €", strlen("1 500 €")) == 2);
	CHECK(falc_words("« Bonjour »", strlen("« Bonjour »")) == 1);
}

/* What falc_next_word says of each word of s, as "W", "A" or "C". */
static const char *
S_kinds(const char *s)
{
	static char out[64];
	size_t n = strlen(s), i = 0, a, k = 0;
	falc_kind kind;

	while (k + 1 < sizeof out && falc_next_word(s, n, &i, &a, &kind))
		out[k++] = kind == FALC_ACRONYM ? 'A' :
		    kind == FALC_CAPITALS ? 'C' : 'W';
	out[k] = '\0';
	return out;
}

static void
test_falc_words_kinds(void)
{
	CHECK_STR(S_kinds(""), "");
	CHECK_STR(S_kinds("la CAF de Paris"), "WAWW");
	CHECK_STR(S_kinds("CM2, XIV, A, ATTENTION"), "AWWC");
	CHECK_STR(S_kinds("TRÈS bien, ÉA"), "CWW");
	CHECK_STR(S_kinds("ABCDEF ABCDEFG"), "AC");
	CHECK_STR(S_kinds("  …  "), "");
}

static void
test_falc_explained(void)
{
	const char *s = "la CAF (caisse d'allocations familiales) paie";
	const char *t = "caisse d'allocations familiales (CAF) paie";
	const char *u = "la CAF paie (PDF)";

	CHECK(falc_explained(s, strlen(s), 3, 6));
	CHECK(falc_explained(t, strlen(t), 33, 36));
	CHECK(!falc_explained(u, strlen(u), 3, 6));
	CHECK(falc_explained(u, strlen(u), 13, 16));
}

int
main(void)
{
	RUN(test_falc_sentences);
	RUN(test_falc_words);
	RUN(test_falc_words_kinds);
	RUN(test_falc_explained);
	CHECK_EXIT();
}
