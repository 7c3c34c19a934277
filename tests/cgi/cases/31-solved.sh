#!/bin/bash
# 31-solved: the asker or a trainer marks a question "Résolu", with the
# answer that helped; the badge; unsolved questions first on "Mon groupe".
# Run it alone with: bash tests/cgi/run 31
. "$(dirname "$0")/../lib.sh"

groups3
trainer_add marie motdepasse-marie "$G1ID"
tlogin marie motdepasse-marie; tk=$TK
awa=$(join Awa "$G1")
bruno=$(join Bruno "$G1")
CP="/api/comments?lesson=$L1"
request -b "eystime=$awa" "$N$CP"
tok_a=$(csrf)
npost /api/comments "csrf=$tok_a&lesson=$L1&kind=question&body=$(urlenc 'Question une')" -b "eystime=$awa"
q1=$(mid)
npost /api/comments "csrf=$tok_a&lesson=$L2&kind=question&body=$(urlenc 'Question deux')" -b "eystime=$awa"
q2=$(mid)
request -b "eystime=$bruno" "$N$CP"
tok_b=$(csrf)
npost /api/comments "csrf=$tok_b&lesson=$L1&reply=$q1&body=$(urlenc 'La bonne réponse')" -b "eystime=$bruno"
r=$(mid)
request -b "eystime=$bruno" "$N$CP"
t "someone else than the asker has no \"C'est résolu\" button" '! has "name=\"solve\""'
npost /api/comments "csrf=$tok_b&lesson=$L1&solve=$q1" -b "eystime=$bruno"
t "… and cannot mark it solved (403)" '[ "$code" = 403 ] && [ "$(dbq "SELECT solved_at IS NULL FROM messages WHERE id = $q1")" = 1 ]'
request -b "eystime=$awa" "$N$CP"
t "the asker has \"C'est résolu\" and, on each answer, \"cette réponse m'a aidé\"" \
	'has "name=\"solve\" value=\"$q1\"" && has "name=\"helpful\" value=\"$r\""'
npost /api/comments "csrf=$tok_a&lesson=$L1&solve=$q1&helpful=$r" -b "eystime=$awa"
t "the asker marks it solved by that answer → 303 to the question" '[ "$code" = 303 ] && [ "$(hdr Location)" = "$CP#m$q1" ]'
request -b "eystime=$bruno" "$N$CP"
t "the question shows the badge, the answer \"Cette réponse a aidé\"" \
	'has "message-question solved" && has "✓ Résolu</strong>" && has "Cette réponse a aidé."'
request -b "eystime=$bruno" "$N/api/group"
main_of "$BD" >"$C/g.html"
l1=$(grep -n "Question une" "$C/g.html" | head -1 | cut -d: -f1)
l2=$(grep -n "Question deux" "$C/g.html" | head -1 | cut -d: -f1)
tq "\"Mon groupe\": the open question comes before the solved one" '[ -n "$l1" ] && [ -n "$l2" ] && [ "$l2" -lt "$l1" ]' || echo "# $l1 $l2"
npost /api/comments "csrf=$tok_a&lesson=$L1&solve=$q1&helpful=$q2" -b "eystime=$awa"
t "a helpful answer that is not one of its answers → 403" '[ "$code" = 403 ]'
npost /api/comments "csrf=$tok_a&lesson=$L1&solve=$q1&undo=1" -b "eystime=$awa"
t "the asker opens it again" '[ "$code" = 303 ] && [ "$(dbq "SELECT solved_at IS NULL AND helpful_id IS NULL FROM messages WHERE id = $q1")" = 1 ]'
tget "/groups/$G1ID/talk?lesson=$L1"
t "a trainer's button on an answer says \"Résolu par cette réponse\", not the asker's \"m'a aidé\"" \
	'has "name=\"helpful\" value=\"$r\"" && has ">Résolu par cette réponse</button>" && ! has "a aidé</button>"'
tget "/groups/$G1ID/talk?lesson=$L2"
tok_t=$(csrf)
t "a trainer has \"C'est résolu\" on any question" 'has "name=\"solve\" value=\"$q2\""'
tpost "/groups/$G1ID/talk" "csrf=$tok_t&lesson=$L2&solve=$q2" -b "eystime_trainer=$tk"
t "… and marks it solved" '[ "$code" = 303 ] && [ "$(dbq "SELECT solved_at IS NOT NULL FROM messages WHERE id = $q2")" = 1 ]'
npost /api/comments "csrf=$tok_a&lesson=$L1&solve=$r" -b "eystime=$awa"
t "an answer cannot be marked solved itself (403)" '[ "$code" = 403 ]'
npost /api/comments "csrf=$tok_a&lesson=$L1&solve=x1" -b "eystime=$awa"
t "solve=x1 → 400" '[ "$code" = 400 ]'
npost /api/comments "csrf=$tok_a&lesson=$L1&solve=$q1&undo=2" -b "eystime=$awa"
t "undo=2 → 400" '[ "$code" = 400 ]'

finish
