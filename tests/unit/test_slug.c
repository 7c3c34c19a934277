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

int
main(void)
{
	RUN(test_slug_accents);
	RUN(test_slug_empty);
	RUN(test_slug_bounded);
	CHECK_EXIT();
}
