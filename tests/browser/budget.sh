#!/bin/bash
# tests/browser/budget.sh SITE_DIR: the weight of every lesson page.
# For each <module>/<lesson>/index.html: gzip -9 of its HTML, of the one
# stylesheet and of the scripts it references (images aside). Budget:
# HTML + CSS + JS <= 14 KB, JS <= 5 KB, exactly one stylesheet, no
# <style> element. Prints "ok - …" / "not ok - …" lines (the heaviest
# lesson's sizes in the names); exit status 1 on any failure.

set -u
site=${1:?usage: budget.sh SITE_DIR}
TOTAL_MAX=$((14 * 1024))
JS_MAX=$((5 * 1024))
fail=0

gz() { gzip -9c "$1" | wc -c; }
ok() { echo "ok - $1"; }
not_ok() { echo "not ok - $1"; fail=1; }

# The addresses of <link rel="stylesheet" href> and <script src> in a page.
refs() {
	grep -o "<$2[^>]*>" "$1" | grep "$3" | sed -n "s/.*$4=\"\\([^\"]*\\)\".*/\\1/p"
}

worst="" worst_total=0 worst_line=""
bad_css="" bad_js="" bad_total="" n=0
for page in "$site"/*/*/index.html; do
	[ -f "$page" ] || continue
	rel=${page#"$site"/}
	case "$rel" in _eystime/* | static/*) continue ;; esac
	grep -q 'class="lesson"' "$page" || continue
	n=$((n + 1))
	dir=$(dirname "$page")
	html=$(gz "$page")
	css_files=$(refs "$page" link 'rel="stylesheet"' href)
	js_files=$(refs "$page" script 'src=' src)
	ncss=$(printf '%s\n' "$css_files" | grep -c .)
	if [ "$ncss" -ne 1 ] || grep -q '<style' "$page"; then
		bad_css="$bad_css $rel($ncss)"
	fi
	css=0
	for f in $css_files; do
		[ -f "$dir/$f" ] || { not_ok "$rel: stylesheet $f exists"; continue; }
		css=$((css + $(gz "$dir/$f")))
	done
	js=0
	for f in $js_files; do
		[ -f "$dir/$f" ] || { not_ok "$rel: script $f exists"; continue; }
		js=$((js + $(gz "$dir/$f")))
	done
	total=$((html + css + js))
	[ "$js" -le "$JS_MAX" ] || bad_js="$bad_js $rel($js)"
	[ "$total" -le "$TOTAL_MAX" ] || bad_total="$bad_total $rel($total)"
	if [ "$total" -gt "$worst_total" ]; then
		worst_total=$total
		worst=$rel
		worst_line="HTML $html + CSS $css + JS $js"
	fi
done

if [ "$n" -eq 0 ]; then
	not_ok "budget: lesson pages found in $site"
	exit 1
fi
if [ -z "$bad_css" ]; then
	ok "budget: each of the $n lessons has exactly one stylesheet and no <style>"
else
	not_ok "budget: one stylesheet per lesson:$bad_css"
fi
if [ -z "$bad_js" ]; then
	ok "budget: JavaScript <= $JS_MAX B gzip on every lesson ($(echo "$worst_line" | sed 's/.*JS /JS /') B)"
else
	not_ok "budget: JavaScript <= $JS_MAX B gzip:$bad_js"
fi
if [ -z "$bad_total" ]; then
	ok "budget: HTML + CSS + JS <= $TOTAL_MAX B gzip on every lesson (heaviest: $worst, $worst_total B = $worst_line)"
else
	not_ok "budget: HTML + CSS + JS <= $TOTAL_MAX B gzip:$bad_total (heaviest: $worst, $worst_line)"
fi
exit $fail
