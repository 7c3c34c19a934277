#!/bin/sh
# eystime import (issue 17, case 15): a Hugo-style and a Jekyll-style tree,
# made here, are imported, then built without error; eystime check reports
# only the mistake each tree was given on purpose (a sentence too long);
# the codes the generators leave are listed with a path:line that points
# at them; import never overwrites. Ends with "# import: N passed, N failed".
# Run from the top of the repository (tests/run does): B=build by default.
B=${B:-build}
EYSTIME=$PWD/$B/eystime
SVG=$PWD/content/budget/tableau-budget.svg
T=$(mktemp -d)
export XDG_CACHE_HOME="$T/cache"
unset EYSTIME_THEMES
pass=0
fail=0
ok() { pass=$((pass + 1)); echo "ok - $1"; }
not_ok() { fail=$((fail + 1)); echo "not ok - $1"; }
check() {
	name=$1
	shift
	if "$@" >"$T/last.log" 2>&1; then
		ok "$name"
	else
		not_ok "$name"
		sed 's/^/#   /' "$T/last.log" | head -30
	fi
}
# Every "path:line: à revoir" message points at a line holding its code.
codes_point() {
	grep ': à revoir : ' "$1" | while IFS= read -r m; do
		f=${m%%:*}
		rest=${m#*:}
		n=${rest%%:*}
		code=${m#*laissé tel quel : }
		sed -n "${n}p" "$f" | grep -qF -- "$code" || {
			echo "$m: line $n of $f is: $(sed -n "${n}p" "$f")"
			return 1
		}
	done
}
long='Cette phrase est écrite beaucoup trop longue exprès pour le test, car elle dit une chose, puis une autre chose, puis encore une autre chose, et elle ne finit jamais vraiment avant que le lecteur ne se perde dans tous ses mots qui se suivent sans fin.'

# --- A Hugo site: content/ with TOML and YAML front matter, a page bundle
# with its picture, static/ pictures linked from the root, shortcodes. ---
h=$T/hugo
mkdir -p "$h/content/bases/avance/detail" "$h/static/img" "$h/layouts"
printf 'baseURL = "https://example.org/"\ntitle = "Cours Hugo"\n' >"$h/hugo.toml"
printf '<html></html>\n' >"$h/layouts/index.html"
printf '+++\ntitle = "Accueil du cours"\n+++\n\nBienvenue dans ce cours.\n' \
	>"$h/content/_index.md"
printf -- '---\ntitle: "Les bases"\nweight: 1\n---\n\nLes premières choses à savoir.\n' \
	>"$h/content/bases/_index.md"
cat >"$h/content/bases/premier.md" <<'MD'
---
title: "Le premier pas"
weight: 2
date: 2024-01-05T10:00:00Z
duration: "45 min"
tags: [debut, bases]
---

Voici le premier pas.

{{< figure src="/img/photo.svg" alt="Une photo" >}}

![Un schéma du cours](/img/schema.svg)

Lisez ensuite [la page suivante](../second/).

```
{{< ceci est du code, pas un code à revoir >}}
```
MD
cat >"$h/content/bases/second.md" <<MD
---
weight: 3
---

# Le second pas

Un texte simple.

$long

Revenez au [premier pas](premier.md).
MD
cat >"$h/content/bases/avance/detail/index.md" <<'MD'
---
title: "Un détail"
---

# Une partie

Le détail en images.

![Une image du détail](image.svg)

## Une sous-partie

Retour au [premier pas]({{< ref "premier.md" >}}).
MD
cp "$SVG" "$h/content/bases/avance/detail/image.svg"
cp "$SVG" "$h/static/img/schema.svg"
cp "$SVG" "$h/static/img/photo.svg"
cp "$SVG" "$h/static/img/inutile.svg"

hs=$T/hugo-site
"$EYSTIME" import "$h" -d "$hs" >"$T/hugo.out" 2>"$T/hugo.err"
rc=$?
check "import of a Hugo tree exits 0" sh -c "test $rc -eq 0"
check "the Hugo mapping is printed, deeper levels flattened" sh -c \
	"grep -qF 'bases/avance/detail/index.md → bases/avance-detail.md' '$T/hugo.out' &&
	grep -qF 'bases/premier.md → bases/premier.md' '$T/hugo.out' &&
	grep -qF '_index.md → _index.md' '$T/hugo.out'"
check "the Hugo shortcodes are listed with path:line, not those in code" sh -c \
	"grep -qF '$hs/content/bases/premier.md:' '$T/hugo.err' &&
	grep -qF 'code de Hugo laissé tel quel : {{< figure src=\"../img-photo.svg\" alt=\"Une photo\" >}}' '$T/hugo.err' &&
	grep -qF 'code de Hugo laissé tel quel : {{< ref \"premier.md\" >}}' '$T/hugo.err' &&
	! grep -q 'ceci est du code' '$T/hugo.err'"
check "each listed code is at the line given" codes_point "$T/hugo.err"
check "titles: from front matter, else the first heading (which goes)" sh -c \
	"grep -qx 'title: \"Le second pas\"' '$hs/content/bases/second.md' &&
	! grep -q '^# Le second pas' '$hs/content/bases/second.md' &&
	grep -qx 'title: \"Accueil du cours\"' '$hs/content/_index.md'"
check "headings go one level down when the text has level-1 headings" sh -c \
	"grep -qx '## Une partie' '$hs/content/bases/avance-detail.md' &&
	grep -qx '### Une sous-partie' '$hs/content/bases/avance-detail.md'"
check "the rest of the front matter is kept as comments; a datetime gives the date" sh -c \
	"grep -qx '# duration: \"45 min\"' '$hs/content/bases/premier.md' &&
	grep -qx 'date: \"2024-01-05\"' '$hs/content/bases/premier.md'"
check "pictures copied: beside the page, and those of static/ a page uses" sh -c \
	"test -f '$hs/content/bases/avance-detail-image.svg' &&
	test -f '$hs/content/img-schema.svg' && test ! -e '$hs/content/img-inutile.svg'"
check "links rewritten to the new paths" sh -c \
	"grep -qF '](../img-schema.svg)' '$hs/content/bases/premier.md' &&
	grep -qF '[la page suivante](second.md)' '$hs/content/bases/premier.md' &&
	grep -qF '](avance-detail-image.svg)' '$hs/content/bases/avance-detail.md'"
check "site.lua takes the Hugo site's title" \
	grep -qx 'title = "Cours Hugo"' "$hs/site.lua"
check "the imported Hugo site builds without error" \
	"$EYSTIME" build -s "$hs" -q
"$EYSTIME" check -s "$hs" >"$T/hugo.check" 2>&1
check "eystime check on it reports only the long sentence written on purpose" sh -c \
	"test \$(grep -c ': \(erreur\|attention\): ' '$T/hugo.check') -eq 1 &&
	grep -q 'bases/second.md:[0-9]*: attention: phrase' '$T/hugo.check' &&
	tail -1 '$T/hugo.check' | grep -q ': 0 erreur, 1 avertissement'"

# --- A Jekyll site: _config.yml, _posts, a page beside its folder, pages
# two levels down, assets/ linked through {{ site.baseurl }}, Liquid tags,
# kramdown attributes, a file name with a blank and an accent. ------------
j=$T/jekyll
mkdir -p "$j/_posts" "$j/_layouts" "$j/guide/outils" "$j/assets/img" "$j/assets/css" \
	"$j/_mooc" "$j/_authors" "$j/_pages"
cat >"$j/_config.yml" <<'YML'
title: "Cours Jekyll"
baseurl: "/cours"
include: ["_pages"]
exclude: ["brouillons"]
collections:
  mooc:
    output: true
    permalink: /formation/:title.html
  authors:
YML
mkdir -p "$j/brouillons"
printf -- '---\ntitle: Pas fini\n---\n\nPas encore.\n' >"$j/brouillons/idee.md"
printf -- '---\ntitle: Bob\n---\n\nUn auteur.\n' >"$j/_authors/bob.md"
cat >"$j/_mooc/seance-1.md" <<'MD'
---
title: La première séance
---

<h1>La première séance</h1>

<h2>Ce que vous verrez</h2>

Le programme de la séance. Voyez [qui nous sommes](/qui-sommes-nous/).
MD
cat >"$j/_pages/a-propos.md" <<'MD'
---
title: Qui sommes-nous
permalink: /qui-sommes-nous/
---

Une petite équipe. Suivez la [première séance](/formation/seance-1.html).
MD
printf 'source "https://rubygems.org"\n' >"$j/Gemfile"
printf '# Mon dépôt\n' >"$j/README.md"
printf '<html>{{ content }}</html>\n' >"$j/_layouts/default.html"
printf 'body { color: black; }\n' >"$j/assets/css/style.scss"
printf -- '---\nlayout: home\ntitle: Bienvenue\n---\n\nLe cours commence ici.\n' >"$j/index.md"
cat >"$j/_posts/2024-01-05-premier-article.md" <<MD
---
layout: post
title: "Un premier article"
date: 2024-01-05 10:00:00 +0100
---

Un article court.

{% include note.html texte="attention" %}

Une phrase en valeur.
{: .note}

Voir le [guide]({{ site.baseurl }}/guide/etapes/).
Voir la [liste]({% link guide/outils/liste.md %}), la [séance]({{ '/formation/seance-1.html' | relative_url }})
et le [second article]({% post_url 2024-02-01-second-article %}).
MD
printf -- '---\ntitle: "Un second article"\n---\n\nUn autre article.\n' \
	>"$j/_posts/2024-02-01-second-article.md"
printf -- '---\ntitle: Le guide\n---\n\nLe guide en deux parties.\n' >"$j/guide.md"
cat >"$j/guide/etapes.md" <<'MD'
---
title: Les étapes
nav_order: 1
---

Les étapes une à une.

![Le plan des étapes](/assets/img/plan.svg)
MD
cat >"$j/guide/outils/liste.md" <<MD
---
title: La liste des outils
nav_order: 2
published: true
---

Revoyez [les étapes](../etapes.md).

$long
MD
printf -- '---\ntitle: "Ma page"\n---\n\nUne page seule.\n' >"$j/Ma page.md"
cp "$SVG" "$j/assets/img/plan.svg"
cp "$SVG" "$j/assets/img/inutile.svg"

js=$T/jekyll-site
"$EYSTIME" import "$j" -d "$js" >"$T/jekyll.out" 2>"$T/jekyll.err"
rc=$?
check "import of a Jekyll tree exits 0" sh -c "test $rc -eq 0"
check "the Jekyll mapping: _posts a module, guide.md its folder's page, deeper levels flattened" sh -c \
	"grep -qF '_posts/2024-01-05-premier-article.md → posts/2024-01-05-premier-article.md' '$T/jekyll.out' &&
	grep -qF 'guide.md → guide/_index.md' '$T/jekyll.out' &&
	grep -qF 'guide/outils/liste.md → guide/outils-liste.md' '$T/jekyll.out' &&
	grep -qF 'Ma page.md → ma-page.md' '$T/jekyll.out'"
check "layouts, Gemfile, README and stylesheets are not imported" sh -c \
	"test ! -e '$js/content/readme.md' && ! grep -rq 'rubygems\|color: black' '$js/content'"
check "the Liquid tags and kramdown attributes are listed with path:line" sh -c \
	"grep -qF 'posts/2024-01-05-premier-article.md:' '$T/jekyll.err' &&
	grep -qF 'laissé tel quel : {% include note.html texte=\"attention\" %}' '$T/jekyll.err' &&
	grep -qF 'laissé tel quel : {: .note}' '$T/jekyll.err'"
check "each listed code is at the line given" codes_point "$T/jekyll.err"
check "{{ site.baseurl }} links and /assets/ pictures rewritten, the unused picture left" sh -c \
	"grep -qF '[guide](../guide/etapes.md)' '$js/content/posts/2024-01-05-premier-article.md' &&
	grep -qF '](../assets-img-plan.svg)' '$js/content/guide/etapes.md' &&
	test -f '$js/content/assets-img-plan.svg' && test ! -e '$js/content/assets-img-inutile.svg'"
check "Jekyll: collections with output become modules, an included _pages folder the root, excluded and data folders are left" sh -c \
	"test -f '$js/content/mooc/seance-1.md' && test -f '$js/content/a-propos.md' &&
	test ! -e '$js/content/authors' && ! grep -rq 'Pas encore' '$js/content'"
check "links written as permalinks (front matter, collection pattern) go to the pages" sh -c \
	"grep -qF '[qui nous sommes](../a-propos.md)' '$js/content/mooc/seance-1.md' &&
	grep -qF '[première séance](mooc/seance-1.md)' '$js/content/a-propos.md'"
check "HTML headings go one level down too, the text having an h1" sh -c \
	"grep -qx '<h2>La première séance</h2>' '$js/content/mooc/seance-1.md' &&
	grep -qx '<h3>Ce que vous verrez</h3>' '$js/content/mooc/seance-1.md'"
check "Liquid links ({% link %}, {% post_url %}, relative_url) go to the pages, and are not listed" sh -c \
	"grep -qF 'Voir la [liste](../guide/outils-liste.md), la [séance](../mooc/seance-1.md)' '$js/content/posts/2024-01-05-premier-article.md' &&
	grep -qF 'et le [second article](2024-02-01-second-article.md).' '$js/content/posts/2024-01-05-premier-article.md' &&
	! grep -q 'post_url\|{% link\|relative_url' '$T/jekyll.err'"
check "nav_order gives the weight" \
	grep -qx 'weight: 2' "$js/content/guide/outils-liste.md"
check "the imported Jekyll site builds without error" \
	"$EYSTIME" build -s "$js" -q
"$EYSTIME" check -s "$js" >"$T/jekyll.check" 2>&1
check "eystime check on it reports only the long sentence written on purpose" sh -c \
	"test \$(grep -c ': \(erreur\|attention\): ' '$T/jekyll.check') -eq 1 &&
	grep -q 'guide/outils-liste.md:[0-9]*: attention: phrase' '$T/jekyll.check' &&
	tail -1 '$T/jekyll.check' | grep -q ': 0 erreur, 1 avertissement'"

# --- An Eleventy site: addresses computed by JavaScript (a folder's data
# file), which import guesses from the last part of the address. ----------
e=$T/eleventy
mkdir -p "$e/_includes" "$e/_data" "$e/fr/blog/posts" "$e/fr/equipe"
printf 'module.exports = function () { return { dir: { input: "." } }; };\n' >"$e/eleventy.config.js"
printf '{ "title": "Cours Eleventy" }\n' >"$e/_data/site.json"
printf '<html>{{ content | safe }}</html>\n' >"$e/_includes/base.njk"
printf 'module.exports = { permalink: (d) => `/fr/blog/${d.page.fileSlug}/` };\n' \
	>"$e/fr/blog/posts/posts.11tydata.js"
cat >"$e/fr/blog/posts/premier.md" <<'MD'
---
title: Le premier billet
layout: base.njk
---

Lisez le [second billet](/fr/blog/second/) et voyez [notre équipe](/fr/notre-equipe/).
MD
printf -- '---\ntitle: Le second billet\n---\n\nUn texte court.\n' >"$e/fr/blog/posts/second.md"
printf -- '---\ntitle: Notre équipe\n---\n\nNous sommes trois.\n' >"$e/fr/equipe/index.md"
es=$T/eleventy-site
"$EYSTIME" import "$e" -d "$es" >"$T/eleventy.out" 2>"$T/eleventy.err"
check "Eleventy: links to computed addresses go to the page named by their last part (file name or title)" sh -c \
	"grep -qF '[second billet](blog-posts-second.md)' '$es/content/fr/blog-posts-premier.md' &&
	grep -qF '[notre équipe](equipe.md)' '$es/content/fr/blog-posts-premier.md'"
check "the imported Eleventy site builds without error" "$EYSTIME" build -s "$es" -q

# --- Valgrind: the three imports again, no invalid access, no leak. -------
if [ -z "$NO_VALGRIND" ] && command -v valgrind >/dev/null 2>&1; then
	for src in hugo jekyll eleventy; do
		check "import of the $src tree is clean under valgrind" \
			valgrind -q --error-exitcode=3 --leak-check=full \
			--errors-for-leak-kinds=definite,indirect \
			"$EYSTIME" import "$T/$src" -d "$T/vg-$src"
	done
fi

# --- Never overwrites. -----------------------------------------------------
(cd "$js" && find . -type f ! -path './public/*' -exec md5sum {} + | sort) >"$T/before"
"$EYSTIME" import "$j" -d "$js" >/dev/null 2>"$T/again.err"
rc=$?
(cd "$js" && find . -type f ! -path './public/*' -exec md5sum {} + | sort) >"$T/after"
check "a second import into the same site fails (status 1), naming the files, changing nothing" sh -c \
	"test $rc -eq 1 && grep -q 'guide/etapes.md: erreur: ce fichier existe déjà' '$T/again.err' &&
	diff '$T/before' '$T/after'"
mkdir -p "$T/own"
printf 'title = "Le mien"\n' >"$T/own/site.lua"
"$EYSTIME" import "$j" -d "$T/own" >/dev/null 2>&1
check "an existing site.lua is kept" grep -qx 'title = "Le mien"' "$T/own/site.lua"
check "import of a folder that does not exist fails (status 1)" sh -c \
	"'$EYSTIME' import '$T/nope' -d '$T/x' 2>/dev/null; test \$? -eq 1"
check "import without SRC is refused (status 2)" sh -c \
	"'$EYSTIME' import 2>/dev/null; test \$? -eq 2"

[ -n "$KEEP" ] || rm -rf "$T"
echo "# import: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
