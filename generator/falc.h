/*
 * falc: easy-to-read French ("facile à lire et à comprendre"), as text:
 * where sentences end, what words are, which words are acronyms or
 * written in capitals, and whether an acronym is explained where it
 * stands. check.c walks the pages, finds the text of each paragraph and
 * list item, and reports what these say against the limits below (rules
 * phrase-longue, paragraphe-long, majuscules, sigle: docs/content.md).
 *
 * Text is UTF-8, as libxml2 hands it out; nothing here allocates.
 */
#ifndef EYSTIME_GENERATOR_FALC_H
#define EYSTIME_GENERATOR_FALC_H

#include <stddef.h>

/* Limits of the easy-to-read rules. */
#define FALC_MAX_WORDS 20     /* per sentence */
#define FALC_MAX_SENTENCES 5  /* per paragraph */
#define FALC_MAX_ACRONYM 6    /* capitals in an acronym; more is shouting */

/* 1 for the blanks of French text, no-break spaces included. */
int falc_is_space(unsigned cp);
/* The first byte at or after s[i] that is not a blank, or n. */
size_t falc_skip_spaces(const char *s, size_t n, size_t i);

/*
 * Where the sentence that starts at s[i] ends (just after its final
 * punctuation and closing quote), or n. French habits: a sentence ends at
 * . ! ? or … followed by a blank and a capital letter, a digit or an
 * opening quote; not after an abbreviation (M., Mme., p.), an initial
 * (J.), nor inside 1,5, 10.30 or www.caf.fr, and "etc." ends one only
 * when a capital follows.
 */
size_t falc_sentence_end(const char *s, size_t n, size_t i);

/* Words in s[0..n): runs between blanks with a letter or a digit in
 * them ("l'ordinateur" is one word, "–" none). */
int falc_words(const char *s, size_t n);

typedef enum falc_kind {
	FALC_WORD,     /* anything else */
	FALC_ACRONYM,  /* 2 to FALC_MAX_ACRONYM capitals without accent,
	                * digits allowed: CAF, CM2 (not XIV) */
	FALC_CAPITALS  /* a word in capitals that is no acronym: ATTENTION,
	                * TRÈS */
} falc_kind;

/*
 * The next run of letters and digits of s[0..n) at or after s[*i]: sets
 * *start to where it begins, *i to just after it, *kind to what it is.
 * Returns 1, or 0 when there is none left.
 */
int falc_next_word(const char *s, size_t n, size_t *i, size_t *start,
	falc_kind *kind);

/* 1 when the word s[a..b) is explained right where it stands: "la CAF
 * (caisse d'allocations familiales)" or "caisse d'allocations familiales
 * (CAF)". */
int falc_explained(const char *s, size_t n, size_t a, size_t b);

#endif
