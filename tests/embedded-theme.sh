#!/bin/sh
# The default theme inside the binary (issue 17, case 14): a site with only
# site.lua and content/ builds with build/eystime before any make install,
# from any folder; a site's own themes/ still wins; `eystime theme export`
# writes the theme out and never overwrites; a theme not found names every
# place looked in. Ends with "# embedded-theme: N passed, N failed".
# Run from the top of the repository (tests/run does): B=build by default.
B=${B:-build}
EYSTIME=$PWD/$B/eystime
T=$(mktemp -d)
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
		sed 's/^/#   /' "$T/last.log" | head -20
	fi
}

# A bare site: site.lua and content/, no themes/; no theme installed or
# configured (EYSTIME_THEMES unset, the cache folder new and empty).
mkdir -p "$T/site/content/mod" "$T/elsewhere"
printf 'title = "Essai"\n' >"$T/site/site.lua"
printf -- '---\ntitle: "Accueil"\n---\n\nBonjour.\n' >"$T/site/content/_index.md"
printf -- '---\ntitle: "Un module"\n---\n\nLe module.\n' \
	>"$T/site/content/mod/_index.md"
printf -- '---\ntitle: "Une leçon"\nduration: 10\nobjectives:\n  - "lire"\n---\n\nUn texte court.\n' \
	>"$T/site/content/mod/01-une-lecon.md"
run() { (cd "$T/elsewhere" && env -u EYSTIME_THEMES XDG_CACHE_HOME="$T/cache" \
	"$EYSTIME" "$@"); }

check "a site with only site.lua and content/ builds with the embedded theme, from another folder" \
	run build -s ../site -q
check "its lesson page uses the default theme's stylesheet" \
	grep -q 'static/css/style' "$T/site/public/mod/01-une-lecon/index.html"
check "eystime check passes on it" run check -s ../site -q
check "eystime new takes the embedded theme's archetypes" sh -c \
	"cd '$T/elsewhere' && env -u EYSTIME_THEMES XDG_CACHE_HOME='$T/cache' '$EYSTIME' new -s ../site module 'Un autre' >/dev/null &&
	grep -q '^title: \"Un autre\"' '$T/site/content/un-autre/_index.md' &&
	rm -r '$T/site/content/un-autre'"
# The same site with themes/default copied from the repository: the same
# output, byte for byte.
cp -R "$T/site" "$T/copy"
rm -rf "$T/copy/public" "$T"/.copy* "$T/copy"/.public*
mkdir -p "$T/copy/themes"
cp -R themes/default "$T/copy/themes/"
check "the embedded theme builds what themes/default builds" sh -c \
	"env -u EYSTIME_THEMES XDG_CACHE_HOME=$T/cache '$EYSTIME' build -s '$T/copy' -q &&
	diff -r '$T/site/public' '$T/copy/public'"
# A theme changed by hand in the cache is written again.
f=$(find "$T/cache" -name base.html | head -1)
echo '<!-- changed -->' >>"$f"
run build -s ../site -q
check "a changed copy of the embedded theme in the cache is written again" \
	sh -c "test -n '$f' && ! grep -q 'changed' '$f' && ! grep -rq 'changed' '$T/site/public'"
# The site's own themes/default wins over the embedded one.
echo '<!-- site theme -->' >>"$T/copy/themes/default/templates/lesson.html"
check "a site's own themes/default wins over the embedded theme" sh -c \
	"env -u EYSTIME_THEMES XDG_CACHE_HOME=$T/cache '$EYSTIME' build -s '$T/copy' -q &&
	grep -q 'site theme' '$T/copy/public/mod/01-une-lecon/index.html'"
# A theme named in site.lua that exists nowhere: every place is named.
printf 'title = "Essai"\ntheme = "autre"\n' >"$T/site/site.lua"
run build -s ../site -q >"$T/notfound.out" 2>&1
rc=$?
check "a theme found nowhere fails (status 1) and names every place looked in" sh -c \
	"test $rc -eq 1 && grep -qF 'thème « autre » introuvable ; cherché dans : ../site/themes/autre, ' '$T/notfound.out' &&
	grep -qF '/share/eystime/themes/autre' '$T/notfound.out'"
# EYSTIME_THEMES, when set, is looked in before the embedded theme.
mkdir -p "$T/themes"
cp -R themes/default "$T/themes/autre"
echo '<!-- from EYSTIME_THEMES -->' >>"$T/themes/autre/templates/lesson.html"
check "a theme under EYSTIME_THEMES is found" sh -c \
	"cd '$T/elsewhere' && EYSTIME_THEMES='$T/themes' XDG_CACHE_HOME='$T/cache' '$EYSTIME' build -s ../site -q &&
	grep -q 'from EYSTIME_THEMES' '$T/site/public/mod/01-une-lecon/index.html'"
# eystime theme export.
check "theme export writes the embedded theme, the same as themes/default" sh -c \
	"'$EYSTIME' theme export '$T/exported' >/dev/null && diff -r themes/default '$T/exported'"
echo 'mine' >"$T/exported/templates/base.html"
rm "$T/exported/templates/lesson.html"
"$EYSTIME" theme export "$T/exported" >"$T/export.out" 2>&1
rc=$?
check "theme export never overwrites: status 1, the file named, nothing written" sh -c \
	"test $rc -eq 1 && grep -q 'templates/base.html: erreur: ce fichier existe déjà' '$T/export.out' &&
	grep -qx mine '$T/exported/templates/base.html' && test ! -e '$T/exported/templates/lesson.html'"
check "theme without export is refused with status 2" sh -c \
	"'$EYSTIME' theme '$T/x' 2>/dev/null; test \$? -eq 2"

rm -rf "$T"
echo "# embedded-theme: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
