#!/bin/sh
# Issue 17, case 4, with the default theme: the titles of tests/sites/
# title-md in Markdown are inline HTML in the h1, the breadcrumb, the
# lesson list, prev/next and the footer, and plain text in <title>, the
# feed, the search index and the manifest eystime-cgi reads.
#   tests/title-markdown.sh EYSTIME OUT
set -u
EYSTIME=$1
OUT=$2
top=$(cd "$(dirname "$0")/.." && pwd)
site=$OUT/title-markdown
rm -rf "$site"
mkdir -p "$site"
cp -R "$top/tests/sites/title-md/content" "$site/"
grep -v '^theme' "$top/tests/sites/title-md/site.lua" >"$site/site.lua"
if ! EYSTIME_THEMES=$top/themes "$EYSTIME" build -s "$site" -d "$site/public" -q; then
	echo "the site does not build with the default theme"
	exit 1
fi
status=0
# has FILE TEXT: FILE holds TEXT as it is.
has() {
	if ! grep -qF -- "$2" "$site/public/$1"; then
		echo "$1: no $2"
		status=1
	fi
}
l=mod/02-liste/index.html
has "$l" '<h1>1. Début &amp; <del>fin</del> CAF</h1>'
has "$l" '<title>1. Début &amp; fin CAF · Titres en Markdown</title>'
has "$l" '<li aria-current="page">1. Début &amp; <del>fin</del> CAF</li>'
has "$l" 'rel="prev"><span>Leçon précédente</span> Le <strong>gras</strong> et lien</a>'
has "$l" '<a href="../index.html">Le module <code>code</code></a>'
has "$l" '<h2 id="module-lessons">Le module <code>code</code></h2>'
has "$l" '<a class="title" href="../03-titre/index.html"># Pas un titre, *une étoile* et <em>souligné</em></a>'
has mod/index.html '<h1>Le module <code>code</code></h1>'
has index.html '<h1>Accueil <em>du</em> cours</h1>'
has index.html '<h3><a href="mod/index.html">Le module <code>code</code></a></h3>'
has feed.xml '<title>Le gras et lien</title>'
has recherche/index.json '["Le gras et lien","mod/01-gras/","lesson","Le module code"]'
has _eystime/lessons.tsv "$(printf 'lesson\tmod/02-liste\tmod\tmod/02-liste/\t1. Début & fin CAF')"
# Nothing of the Markdown is left raw where it was written.
if grep -rlF -e '**gras**' -e '`code`' -e '~~fin~~' -e '[lien](#x)' "$site/public"; then
	echo "Markdown left raw in the files above"
	status=1
fi
# No link inside a link, nothing out of place: valid HTML.
hv=$top/tests/node_modules/.bin/html-validate
if [ -x "$hv" ] && ! "$hv" --config "$top/tests/htmlvalidate.json" \
	"$site/public/**/*.html"; then
	echo "the pages are not valid HTML"
	status=1
fi
rm -rf "$site"
exit $status
