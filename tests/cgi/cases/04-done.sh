#!/bin/bash
# 04-done: ticking a lesson done (form and JSON), undo, /api/progress.
# Run it alone with: bash tests/cgi/run 04
. "$(dirname "$0")/../lib.sh"

groups3
awa=$(join Awa "$G1")

npost /api/done "lesson=$L1&next=$(urlenc "$U1")" -b "eystime=$awa"
t "done (form) → 303 to the \"noted\" page (/api/done?lesson=…)" \
	'[ "$code" = 303 ] && [ "$(hdr Location)" = "/api/done?lesson=$L1" ]'
request -b "eystime=$awa" "$N/api/progress"
t "GET /api/progress lists the lesson (JSON)" \
	'[ "$code" = 200 ] && type_is application/json && has "\"joined\":true" && has "\"done\":[\"$L1\"]"'
npost /api/done "lesson=$L1&undo=1&next=$(urlenc "$U1")" -b "eystime=$awa"
undo_code=$code
request -b "eystime=$awa" "$N/api/progress"
t "undo=1 → 303, and the lesson leaves /api/progress" \
	'[ "$undo_code" = 303 ] && has "\"done\":[]"'
npost /api/done "lesson=$L1" -b "eystime=$awa" -H "Accept: application/json"
t "done with Accept: application/json → 200 JSON" \
	'[ "$code" = 200 ] && type_is application/json && [ "$(cat "$BD")" = "{\"lesson\":\"$L1\",\"done\":true}" ]'
npost /api/done "lesson=no-such/lesson&next=/" -b "eystime=$awa"
t "done for an unknown lesson → 400" '[ "$code" = 400 ]'
n0=$(dbq "SELECT count(*) FROM completions")
npost /api/done "lesson=$L2&next=$(urlenc "$U2")"
n1=$(dbq "SELECT count(*) FROM completions")
t "done without a session → the join form, nothing recorded" \
	'[ "$code" = 200 ] && has "action=\"/api/join\"" && has "value=\"$U2\"" && [ -n "$n0" ] && [ "$n0" = "$n1" ]'
npost /api/done "lesson=$L2" -H "Accept: application/json"
t "done (JSON) without a session → 401 {\"error\":\"join\"}" \
	'[ "$code" = 401 ] && has "\"error\":\"join\""'

finish
