#include "valid.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../common/msg.h"
#include "../common/text.h"
#include "image.h"
#include "names.h"

const char *const valid_kinds[3] = { "question", "astuce", "ressource" };
const char *const valid_reactions[3] = { "moi-aussi", "merci", "aide" };

/* ------------------------------------------------------------------ */
/* Text helpers */

/* Code points of valid UTF-8 text. */
static size_t
S_chars(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return n;
}

/* A copy of s without blanks at either end; the caller frees it. */
static char *
S_trim(const char *s)
{
	const char *e;

	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n' ||
	    e[-1] == '\r'))
		e--;
	return mem_strndup(s, (size_t)(e - s));
}

/*
 * A first name shows beside others: no control characters (C0, C1) and
 * none of Unicode's invisible or direction-changing ones, with which
 * "Awa\u200b" would pass for "Awa".
 */
static int
S_name_ok(const char *s)
{
	size_t n = strlen(s), i = 0, len;
	unsigned cp;

	while (i < n) {
		cp = utf8_decode(s + i, n - i, &len);
		i += len;
		if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || cp == 0xad ||
		    (cp >= 0x200b && cp <= 0x200f) ||
		    (cp >= 0x2028 && cp <= 0x202e) ||
		    (cp >= 0x2060 && cp <= 0x206f) || cp == 0xfeff ||
		    (cp >= 0xfff9 && cp <= 0xfffb))
			return 0;
	}
	return 1;
}

long long
valid_id_parse(const char *s)
{
	long long v = 0;
	int n = 0;

	if (s == NULL)
		return 0;
	for (; *s >= '0' && *s <= '9' && n < VALID_ID_DIGITS; s++, n++)
		v = v * 10 + (*s - '0');
	return *s == '\0' && n > 0 ? v : 0;
}

/* Trim v->s into v->own; NULL when the result is not 1 to max
 * characters without an invisible one. */
static int
S_trimmed(web_value *v, size_t max, int names)
{
	v->own = S_trim(v->s);
	v->s = v->own;
	return *v->s != '\0' && S_chars(v->s) <= max &&
	    (!names || S_name_ok(v->s));
}

/*
 * A name (a first name, a group's): trimmed, in NFC (a "Zoé" typed
 * decomposed is the same "Zoé"), 1 to max characters, none that shows
 * nothing (names_visible: ICU's default-ignorable code points, format
 * characters, fillers). 0, or the reason's index: 1 the length, 2 an
 * invisible character.
 */
static int
S_name(web_value *v, size_t max)
{
	char *nfc;

	v->own = S_trim(v->s);
	v->s = v->own;
	if (*v->s == '\0')
		return 1;
	if (!S_name_ok(v->s) || !names_visible(v->s))
		return 2;
	if ((nfc = names_nfc(v->s)) == NULL)
		return 2;
	free(v->own);
	v->own = nfc;
	v->s = nfc;
	return *v->s != '\0' && S_chars(v->s) <= max ? 0 : 1;
}

/* The index of v->s in list (n names), in v->n; -1 when not there. */
static int
S_enum(web_value *v, const char *const *list, int n)
{
	int i;

	for (i = 0; i < n; i++)
		if (strcmp(v->s, list[i]) == 0) {
			v->n = i;
			return 0;
		}
	return -1;
}

/* ------------------------------------------------------------------ */
/* Validators */

const char *
valid_lesson(const web_ctx *c, web_value *v)
{
	if ((v->p = course_lesson(&c->a->site, v->s)) == NULL)
		return msg("Cette leçon n'existe pas.",
		    "This lesson does not exist.");
	return NULL;
}

const char *
valid_quiz(const web_ctx *c, web_value *v)
{
	if ((v->p = course_quiz_find(&c->a->site, web_lesson(c, "lesson"),
	    v->s)) == NULL)
		return msg("Cette question n'existe pas dans la leçon.",
		    "This question does not exist in the lesson.");
	return NULL;
}

const char *
valid_choices(const web_ctx *c, web_value *v)
{
	const web_value *q = web_field(c, "quiz");
	const course_quiz *z = q != NULL ? q->p : NULL;
	unsigned bits = 0, one;
	long long k;
	int i, n = 0;
	buf b;

	if (z == NULL)
		return msg("Question inconnue.", "Unknown question.");
	for (i = 0; i < c->req->nform; i++) {
		if (strcmp(c->req->form[i].name, v->name) != 0)
			continue;
		k = valid_id_parse(c->req->form[i].value);
		if (k < 1 || k > z->n)
			return msg("Cette réponse n'existe pas.",
			    "This answer does not exist.");
		one = 1u << (k - 1);
		if (bits & one)
			return msg("La même réponse est envoyée deux fois.",
			    "The same answer is sent twice.");
		bits |= one;
		n++;
	}
	if (n == 0)
		return msg("Choisissez au moins une réponse.",
		    "Choose at least one answer.");
	/* One right answer: radio buttons, which send one. */
	if (n > 1 && (z->right & (z->right - 1)) == 0)
		return msg("Une seule réponse pour cette question.",
		    "Only one answer for this question.");
	buf_init(&b, WEB_SMALL);
	for (i = 0; i < z->n; i++)
		if (bits & (1u << i))
			buf_printf(&b, b.len ? ",%d" : "%d", i + 1);
	v->n = bits;
	v->own = buf_detach(&b);
	v->s = v->own;
	return NULL;
}

const char *
valid_id(const web_ctx *c, web_value *v)
{
	(void)c;
	if ((v->n = valid_id_parse(v->s)) == 0)
		return msg("Ce numéro n'est pas valable.",
		    "This number is not valid.");
	return NULL;
}

const char *
valid_next(const web_ctx *c, web_value *v)
{
	(void)c;
	if (!http_safe_next(v->s))
		return msg("Cette adresse de retour n'est pas de ce site.",
		    "This return address is not of this site.");
	return NULL;
}

const char *
valid_flag(const web_ctx *c, web_value *v)
{
	static const char *const flags[] = { "0", "1" };

	(void)c;
	if (S_enum(v, flags, 2) < 0)
		return msg("Valeur attendue : 0 ou 1.", "Expected: 0 or 1.");
	return NULL;
}

/* A code as typed (a group's, a personal one): blanks and dashes out,
 * upper case (auth_clean_code), or `why`. */
static const char *
S_code(web_value *v, const char *why)
{
	char code[AUTH_CODE_TYPED + 1];

	if (auth_clean_code(v->s, code, sizeof code) < 0)
		return why;
	v->own = mem_strdup(code);
	v->s = v->own;
	return NULL;
}

const char *
valid_pcode(const web_ctx *c, web_value *v)
{
	(void)c;
	return S_code(v, msg("Un code personnel a 6 lettres ou chiffres : "
	    "recopiez celui de votre carte.", "A personal code has 6 "
	    "letters or digits: copy the one on your card."));
}

const char *
valid_kind(const web_ctx *c, web_value *v)
{
	/* The form of a reaction names its kind in the same field. */
	static const char *const all[6] = { "question", "astuce",
		"ressource", "moi-aussi", "merci", "aide" };

	(void)c;
	if (S_enum(v, all, 6) < 0)
		return msg("Choisissez : question, astuce ou ressource.",
		    "Choose: question, tip or resource.");
	return NULL;
}

const char *
valid_idle_days(const web_ctx *c, web_value *v)
{
	(void)c;
	if ((v->n = valid_id_parse(v->s)) == 0 || v->n > VALID_IDLE_MAX)
		return msg("Un nombre de jours, de 1 à 90.",
		    "A number of days, 1 to 90.");
	return NULL;
}

const char *
valid_page(const web_ctx *c, web_value *v)
{
	(void)c;
	if ((v->n = valid_id_parse(v->s)) == 0 || v->n > VALID_PAGE_MAX)
		return msg("Cette page n'existe pas.",
		    "This page does not exist.");
	return NULL;
}

const char *
valid_body(const web_ctx *c, web_value *v)
{
	(void)c;
	if (!S_trimmed(v, VALID_BODY_MAX, 0))
		return msg("Le message doit faire entre 1 et 2 000 "
		    "caractères.", "A message must be 1 to 2,000 characters "
		    "long.");
	return NULL;
}

const char *
valid_first_name(const web_ctx *c, web_value *v)
{
	int why;

	(void)c;
	if ((why = S_name(v, VALID_NAME_MAX)) == 2)
		return msg("Ce prénom a un caractère invisible ou spécial. "
		    "Tapez-le avec les lettres du clavier, sans caractère "
		    "invisible.", "This first name has an invisible or special "
		    "character. Type it with the keyboard's letters.");
	/* (The join form's words: "Votre prénom".) */
	if (why != 0)
		return msg("Écrivez votre prénom (40 lettres au plus).",
		    "Write your first name (40 letters at most).");
	return NULL;
}

const char *
valid_group_name(const web_ctx *c, web_value *v)
{
	int why;

	(void)c;
	if ((why = S_name(v, VALID_GROUP_MAX)) == 2)
		return msg("Ce nom de groupe a un caractère invisible ou "
		    "spécial. Tapez-le avec les lettres du clavier.", "This "
		    "group name has an invisible or special character. Type "
		    "it with the keyboard's letters.");
	if (why != 0)
		return msg("Le nom du groupe fait de 1 à 100 caractères.",
		    "A group name is 1 to 100 characters.");
	return NULL;
}

const char *
valid_code(const web_ctx *c, web_value *v)
{
	(void)c;
	return S_code(v, msg("Ce code de groupe n'existe pas. Vérifiez-le "
	    "avec votre formateur.", "This group code does not exist. Check "
	    "it with your trainer."));
}

const char *
valid_token(const web_ctx *c, web_value *v)
{
	unsigned char hash[AUTH_HASH_LEN];

	(void)c;
	if (auth_token_hash(v->s, hash) < 0)
		return msg("Ce lien de carte est incomplet.",
		    "This card link is incomplete.");
	return NULL;
}

const char *
valid_any(const web_ctx *c, web_value *v)
{
	(void)c;
	(void)v;
	return NULL;
}

const char *
valid_group_action(const web_ctx *c, web_value *v)
{
	/* In the order of VALID_GROUP_*. */
	static const char *const actions[] = { "rename", "code", "hold-on",
		"hold-off", "archive", "unarchive", "photos-on", "photos-off" };

	(void)c;
	if (S_enum(v, actions, 8) < 0)
		return msg("Action inconnue.", "Unknown action.");
	return NULL;
}

const char *
valid_mod_action(const web_ctx *c, web_value *v)
{
	/* In the order of VALID_MOD_*. */
	static const char *const actions[] = { "hide", "show", "approve",
		"delete", "dismiss" };

	(void)c;
	if (S_enum(v, actions, 5) < 0)
		return msg("Action inconnue.", "Unknown action.");
	return NULL;
}

const char *
valid_member_action(const web_ctx *c, web_value *v)
{
	/* In the order of VALID_MEMBER_*. */
	static const char *const actions[] = { "rename", "remove", "card",
	    "merge" };

	(void)c;
	if (S_enum(v, actions, 4) < 0)
		return msg("Action inconnue.", "Unknown action.");
	return NULL;
}

const char *
valid_alt(const web_ctx *c, web_value *v)
{
	(void)c;
	v->own = S_trim(v->s);
	v->s = v->own;
	if (S_chars(v->s) > VALID_ALT_MAX || !S_name_ok(v->s))
		return msg("La description de la photo fait 300 caractères "
		    "au plus, sur une ligne.", "A photo's description is 300 "
		    "characters at most, on one line.");
	return NULL;
}

const char *
valid_photo(const web_ctx *c, web_value *v)
{
	const http_file *f = v->p;
	const char *why;

	(void)c;
	if (f == NULL || f->len == 0)
		return msg("Choisissez une photo.", "Choose a photo.");
	if (image_check((const unsigned char *)f->data, f->len, &why) < 0)
		return why;
	return NULL;
}

int
valid_day_parse(const char *s, long long *t, long long *next)
{
	struct tm tm;
	time_t start, after;
	int i, y, m, d;

	if (s == NULL || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return -1;
	y = atoi(s);
	m = atoi(s + 5);
	d = atoi(s + 8);
	if (y < 1970 || m < 1 || m > 12 || d < 1 || d > 31)
		return -1;
	memset(&tm, 0, sizeof tm);
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d;
	tm.tm_isdst = -1;
	if ((start = mktime(&tm)) == (time_t)-1)
		return -1;
	/* mktime moves 2026-02-30 to March: not a day. */
	if (tm.tm_year != y - 1900 || tm.tm_mon != m - 1 || tm.tm_mday != d)
		return -1;
	*t = (long long)start;
	if (next != NULL) {
		memset(&tm, 0, sizeof tm);
		tm.tm_year = y - 1900;
		tm.tm_mon = m - 1;
		tm.tm_mday = d + 1;
		tm.tm_isdst = -1;
		if ((after = mktime(&tm)) == (time_t)-1)
			return -1;
		*next = (long long)after;
	}
	return 0;
}

const char *
valid_day(const web_ctx *c, web_value *v)
{
	(void)c;
	if (valid_day_parse(v->s, &v->n, NULL) < 0)
		return msg("Date non valable : écrivez-la comme 2026-01-31 "
		    "(année, mois, jour).", "Not a valid date: write it as "
		    "2026-01-31 (year, month, day).");
	return NULL;
}

const char *
valid_group_or_all(const web_ctx *c, web_value *v)
{
	(void)c;
	if (v->s[0] == '\0') {
		v->n = 0;
		return NULL;
	}
	if ((v->n = valid_id_parse(v->s)) == 0)
		return msg("Ce groupe n'est pas valable.",
		    "This group is not valid.");
	return NULL;
}
