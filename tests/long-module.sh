#!/bin/sh
# Issue 17, case 7: a lesson page's size does not grow with its module.
# Builds, with the default theme, one module of 30 lessons and one of
# 3,500 lessons, alike but for their number, and checks from the output's
# bytes that no lesson page of the long module is larger than the
# smallest of the short one's. Past TPL_LESSON_LIST (30, generator/tpl.h)
# a lesson page lists the 21 lessons around it and links to its module.
#   tests/long-module.sh EYSTIME OUT
# No timing threshold: the times are printed, for people to read.
set -u
EYSTIME=$1
OUT=$2
themes=$(cd "$(dirname "$0")/.." && pwd)/themes

# site DIR N: a site whose module "mod" holds N lessons.
site() {
	rm -rf "$1"
	mkdir -p "$1/content/mod"
	printf 'title = "Un long module"\n' >"$1/site.lua"
	printf -- '---\ntitle: "Accueil"\n---\nBienvenue dans le cours.\n' \
		>"$1/content/_index.md"
	printf -- '---\ntitle: "Le module"\n---\nToutes les leçons du module.\n' \
		>"$1/content/mod/_index.md"
	awk -v n="$2" -v dir="$1/content/mod" 'BEGIN {
		for (i = 1; i <= n; i++) {
			f = sprintf("%s/l%04d.md", dir, i)
			printf "---\ntitle: \"Leçon %04d\"\nweight: %d\n---\n", i, i > f
			print "Une leçon courte. On lit, puis on passe à la suite." > f
			close(f)
		}
	}'
}

status=0
site "$OUT/short" 30
site "$OUT/long" 3500
for s in short long; do
	start=$(date +%s.%N)
	if ! EYSTIME_THEMES=$themes "$EYSTIME" build -s "$OUT/$s" \
		-d "$OUT/$s/public" -q --ignoreCache; then
		echo "the $s module does not build"
		exit 1
	fi
	end=$(date +%s.%N)
	echo "# $s module: built in $(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", b - a }') s"
done
sizes() {
	find "$OUT/$1/public/mod" -mindepth 2 -name index.html \
		-exec wc -c {} + | grep -v ' total$' | awk '{ print $1 }' | sort -n
}
short_min=$(sizes short | head -1)
long_max=$(sizes long | tail -1)
echo "# smallest lesson page of 30: $short_min B; largest of 3,500: $long_max B"
if [ "$(sizes long | wc -l)" -ne 3500 ]; then
	echo "the long module has not 3,500 lesson pages"
	status=1
fi
if [ "$long_max" -gt "$short_min" ]; then
	echo "a lesson page of the 3,500-lesson module is larger ($long_max B)" \
		"than one of the 30-lesson module ($short_min B)"
	status=1
fi
# The short module's pages list all 30 lessons, with no link to more.
p=$OUT/short/public/mod/l0015/index.html
if [ "$(grep -c 'data-lesson="mod/' "$p")" -ne 30 ] ||
	grep -q 'class="all-lessons"' "$p"; then
	echo "$p: the 30 lessons are not all listed"
	status=1
fi
# A long module's page lists the 21 around it, numbered as in the module,
# and links to the module page; at the ends, still 21.
p=$OUT/long/public/mod/l1750/index.html
if [ "$(grep -c 'data-lesson="mod/' "$p")" -ne 21 ] ||
	! grep -q '<ol class="lessons" start="1740"' "$p" ||
	! grep -q 'data-lesson="mod/l1760"' "$p" ||
	! grep -q '<p class="all-lessons"><a href="../index.html">Voir les 3500 leçons du module</a>' "$p"; then
	echo "$p: not the 21 lessons around it and the link to the module"
	status=1
fi
for l in l0001 l3500; do
	p=$OUT/long/public/mod/$l/index.html
	if [ "$(grep -c 'data-lesson="mod/' "$p")" -ne 21 ]; then
		echo "$p: not 21 lessons listed"
		status=1
	fi
done
# The module page itself lists them all.
if [ "$(grep -c 'data-lesson="mod/' "$OUT/long/public/mod/index.html")" -ne 3500 ]; then
	echo "the module page does not list its 3,500 lessons"
	status=1
fi
[ -n "${KEEP:-}" ] || rm -rf "$OUT/short" "$OUT/long"
exit $status
