#include <stdlib.h>
#include <string.h>

#include "../../generator/title.h"
#include "check.h"

/* Issue 17, case 4: a title's inline Markdown is HTML where HTML goes and
 * plain text elsewhere; the plain text is the HTML's text. */
static void
test_title_inline(void)
{
	static const struct {
		const char *md, *html, *plain;
	} cases[] = {
		{ "Le **gras** et [lien](#x)", "Le <strong>gras</strong> et lien",
		  "Le gras et lien" },
		{ "La commande `ls -l`", "La commande <code>ls -l</code>",
		  "La commande ls -l" },
		{ "_Vite_ et ~~mal~~", "<em>Vite</em> et <del>mal</del>",
		  "Vite et mal" },
		{ "Budget & \"reste\" < 10 €",
		  "Budget &amp; &quot;reste&quot; &lt; 10 €",
		  "Budget & \"reste\" < 10 €" },
		{ "Le <abbr>CAF</abbr> &amp; vous", "Le CAF &amp; vous",
		  "Le CAF & vous" },
		{ "Un \\*vrai\\* astérisque", "Un *vrai* astérisque",
		  "Un *vrai* astérisque" },
		{ "Photo ![un chat](chat.png)", "Photo un chat", "Photo un chat" },
		/* What would start a block stays as written. */
		{ "1. Début", "1. Début", "1. Début" },
		{ "2) **Suite**", "2) <strong>Suite</strong>", "2) Suite" },
		{ "# Pas un titre", "# Pas un titre", "# Pas un titre" },
		{ "- tiret", "- tiret", "- tiret" },
		{ "> citation", "&gt; citation", "> citation" },
		{ "<div>bloc</div>", "bloc", "bloc" },
		{ "<b>Gras</b> ici", "Gras ici", "Gras ici" },
		{ "  Espaces autour  ", "Espaces autour", "Espaces autour" },
		{ "<br>", "&lt;br&gt;", "<br>" },
		{ "---", "---", "---" },
	};
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *html, *plain;
		CHECK(title_render(cases[i].md, &html, &plain) == 0);
		CHECK_STR(html, cases[i].html);
		CHECK_STR(plain, cases[i].plain);
		free(html);
		free(plain);
	}
}

static void
test_title_bounded(void)
{
	size_t n = (1u << 16) + 10;
	char *big = malloc(n + 1), *html = (char *)"x", *plain = (char *)"x";

	memset(big, 'a', n);
	big[n] = '\0';
	CHECK(title_render(big, &html, &plain) == -1);
	CHECK(html == NULL && plain == NULL);
	free(big);
}

int
main(void)
{
	RUN(test_title_inline);
	RUN(test_title_bounded);
	CHECK_EXIT();
}
