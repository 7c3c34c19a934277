#include "../../common/buf.h"
#include "../../generator/slug.h"
#include "check.h"

static const char *
S_slug(buf *b, const char *s)
{
	buf_reset(b);
	slug_make(b, s, strlen(s));
	return b->data;
}

static void
test_slug_accents(void)
{
	buf b;

	buf_init(&b, 1024);
	CHECK_STR(S_slug(&b, "Étape 2 : ouvrir"), "etape-2-ouvrir");
	CHECK_STR(S_slug(&b, "Œuvre à l'école — ça marche"),
	    "oeuvre-a-l-ecole-ca-marche");
	CHECK_STR(S_slug(&b, "  --Déjà vu!!  "), "deja-vu");
	CHECK_STR(S_slug(&b, "ÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸ"), "aaaceeeeiioouuuy");
	buf_free(&b);
}

static void
test_slug_empty(void)
{
	buf b;

	buf_init(&b, 1024);
	CHECK_STR(S_slug(&b, ""), "");
	CHECK_STR(S_slug(&b, "!!! ???"), "");
	CHECK_STR(S_slug(&b, "日本語"), "");
	buf_free(&b);
}

static void
test_slug_bounded(void)
{
	buf b;
	char big[1000];

	memset(big, 'a', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	buf_init(&b, 4096);
	CHECK(strlen(S_slug(&b, big)) <= 80);
	buf_free(&b);
}

/* GitHub's heading ids, which Markdown written for GitHub links to. */
static void
test_slug_github(void)
{
	static const struct {
		const char *in, *want;
	} cases[] = {
		{ "Qu’est-ce que l’accessibilité ?",
		    "quest-ce-que-laccessibilité-" },
		{ "Méthodologie d’évaluation : étape 1",
		    "méthodologie-dévaluation--étape-1" },
		{ "ÉCOLE Ça Œuvre", "école-ça-œuvre" },
		{ "a_b  c", "a_b--c" },
		{ "« Citation » — fin…", "-citation---fin" },
		{ "WAI-ARIA 1.1", "wai-aria-11" },
		{ "", "" },
	};
	buf b;
	size_t i;

	buf_init(&b, 4096);
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		buf_reset(&b);
		slug_github(&b, cases[i].in, strlen(cases[i].in));
		CHECK_STR(b.data, cases[i].want);
	}
	buf_free(&b);
}

int
main(void)
{
	RUN(test_slug_accents);
	RUN(test_slug_github);
	RUN(test_slug_empty);
	RUN(test_slug_bounded);
	CHECK_EXIT();
}
