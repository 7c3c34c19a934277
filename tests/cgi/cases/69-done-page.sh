#!/bin/bash
# 69-done-page: without JavaScript, "J'ai terminé" lands on "C'est noté ✓"
# with the next lesson and the way to undo; with JSON it stays as it was.
# Run it alone with: bash tests/cgi/run 69
. "$(dirname "$0")/../lib.sh"

groups3
awa=$(join Awa "$G1")
U3=$ROOTP${LURL[2]}

npost /api/done "lesson=$L1&next=$(urlenc "$U1")" -b "eystime=$awa"
t "POST /done (form) → 303 to /api/done?lesson=…" \
	'[ "$code" = 303 ] && [ "$(hdr Location)" = "/api/done?lesson=$L1" ]'
request -b "eystime=$awa" "$N/api/done?lesson=$L1"
cp "$BD" "$C/noted.html"
t "GET /api/done?lesson=… → 200 \"C'est noté ✓\" naming the lesson" \
	'[ "$code" = 200 ] && has "<h1>C'"'"'est noté ✓</h1>" && has "Leçon terminée : <a href=\"$U1\">"'
t "… \"Leçon suivante :\" links the next lesson of the course" \
	'has "Leçon suivante : <a class=\"button\" rel=\"next\" href=\"$U2\">"'
t "… and the way to undo: a form posting undo=1 back to the lesson" \
	'has "action=\"/api/done\"" && has "name=\"lesson\" value=\"$L1\"" && has "name=\"undo\" value=\"1\"" && has "name=\"next\" value=\"$U1\"" && has "Annuler : pas encore terminée"'
npost /api/done "lesson=$L2" -b "eystime=$awa"
request -b "eystime=$awa" "$N/api/done?lesson=$L1"
t "lesson 2 done too: the next one after lesson 1 is lesson 3" \
	'has "rel=\"next\" href=\"$U3\""'
npost /api/done "lesson=$L1&undo=1&next=$(urlenc "$U1")" -b "eystime=$awa"
t "undo (form) → 303 back to the lesson" '[ "$code" = 303 ] && [ "$(hdr Location)" = "$U1" ]'
n=$(dbq "SELECT count(*) FROM completions WHERE lesson = '$L1'")
tq "… and the lesson is no longer done" '[ "$n" = 0 ]'
request -b "eystime=$awa" "$N/api/done?lesson=$L1"
t "GET /api/done for a lesson not done → 303 to the lesson, no \"C'est noté\"" \
	'[ "$code" = 303 ] && [ "$(hdr Location)" = "$U1" ]'
npost /api/done "lesson=$L1" -b "eystime=$awa" -H "Accept: application/json"
t "with the script (JSON) → 200 {\"lesson\":…,\"done\":true}, as before" \
	'[ "$code" = 200 ] && [ "$(cat "$BD")" = "{\"lesson\":\"$L1\",\"done\":true}" ]'
request -b "eystime=$awa" "$N/api/done?lesson=no-such/lesson"
t "GET /api/done for an unknown lesson → 404" '[ "$code" = 404 ]'
request -b "eystime=$awa" "$N/api/done"
t "GET /api/done without a lesson → 404 (a page of no lesson)" '[ "$code" = 404 ]'
request "$N/api/done?lesson=$L1"
t "GET /api/done without a session → the join form" '[ "$code" = 200 ] && has "action=\"/api/join\""'
request -X PUT -b "eystime=$awa" "$N/api/done?lesson=$L1"
t "PUT /api/done → 405, Allow lists GET and POST" \
	'[ "$code" = 405 ] && hdr Allow | grep -q GET && hdr Allow | grep -q POST'

# Every lesson done: no next lesson, "Bravo".
for l in "${LID[@]}"; do npost /api/done "lesson=$l" -b "eystime=$awa" -H "Accept: application/json"; done
request -b "eystime=$awa" "$N/api/done?lesson=$LP"
cp "$BD" "$C/last.html"
t "all done → \"vous avez terminé toutes les leçons\", no next link" \
	'[ "$code" = 200 ] && has "toutes les leçons" && ! has "rel=\"next\""'

if [ -x tests/node_modules/.bin/html-validate ]; then
	tq "the \"C'est noté\" pages pass html-validate" \
		'tests/node_modules/.bin/html-validate --config tests/htmlvalidate.json "$C/noted.html" "$C/last.html" >"$C/hv.log" 2>&1' ||
		sed 's/^/#   /' "$C/hv.log" | head -20
else
	not_ok "html-validate is installed (make test)"
fi

finish
