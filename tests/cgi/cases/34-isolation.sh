#!/bin/bash
# 34-isolation: nothing of a group's conversation reaches another group's
# participant, another group's trainer or no session, route by route.
# Run it alone with: bash tests/cgi/run 34
. "$(dirname "$0")/../lib.sh"

groups3
trainer_add marie motdepasse-marie "$G1ID"
trainer_add paul motdepasse-paul "$G2ID"
admin trainer title marie "Formatrice Secrète"
tlogin marie motdepasse-marie; tk=$TK
tlogin paul motdepasse-paul; tp=$TK
awa=$(join Awasecret "$G1")
bruno=$(join Brunosecret "$G1")
carl=$(join Carl "$G2")
request -b "eystime=$awa" "$N/api/comments?lesson=$L1"
tok_a=$(csrf)
npost /api/comments "csrf=$tok_a&lesson=$L1&kind=question&body=SECRET-QUESTION" -b "eystime=$awa"
q=$(mid)
request -b "eystime=$bruno" "$N/api/comments?lesson=$L1"
tok_b=$(csrf)
npost /api/comments "csrf=$tok_b&lesson=$L1&reply=$q&body=SECRET-ANSWER" -b "eystime=$bruno"
r=$(mid)
npost /api/comments "csrf=$tok_b&lesson=$L1&react=$q&kind=merci" -b "eystime=$bruno"
tget "/groups/$G1ID/talk"
tok_t=$(csrf)
tpost "/groups/$G1ID/talk" "csrf=$tok_t&kind=astuce&body=SECRET-ANNOUNCE" -b "eystime_trainer=$tk"
ann=$(mid)
tpost "/groups/$G1ID/talk" "csrf=$tok_t&pin=$ann" -b "eystime_trainer=$tk"
tq "the group's conversation is in place" '[ -n "$q" ] && [ -n "$r" ] && [ -n "$ann" ]'

leak() { grep -qE 'SECRET|secret|Secrète' "$BD"; }
# Every page of the conversation, as each outsider.
PAGES=("/api/comments?lesson=$L1" "/api/comments?lesson=$L1&reply=$q"
	"/api/comments?lesson=$L1&edit=$q" "/api/comments?lesson=$L1&page=1"
	"/api/group" "/api/group?page=1" "/api/group/stats?lesson=$L1"
	"/api/feed")
for p in "${PAGES[@]}"; do
	request -b "eystime=$carl" "$N$p"
	t "another group's participant: GET $p shows nothing of the group" '[ "$code" = 200 ] || [ "$code" = 303 ]; ! leak'
	request -b "eystime_trainer=$tk" "$N$p"
	t "a trainer's cookie (not a participant's): GET $p shows the join form (the stats: {\"joined\":false})" '! leak && { [ "$code" = 303 ] || has "Rejoindre mon groupe" || has "\"error\":\"join\"" || [ "$(cat "$BD")" = "{\"joined\":false}" ]; }'
	request "$N$p"
	t "no session: GET $p shows the join form (the stats: {\"joined\":false})" '! leak && { [ "$code" = 303 ] || has "Rejoindre mon groupe" || has "\"error\":\"join\"" || [ "$(cat "$BD")" = "{\"joined\":false}" ]; }'
done
request -b "eystime=$carl" "$N/api/group/stats?lesson=$L1"
t "another group's stats count nothing of the group" '[ "$(cat "$BD")" = "{\"unread\":0,\"messages\":0,\"new\":0,\"done\":0}" ]'

request -b "eystime=$carl" "$N/api/comments?lesson=$L1"
tok_c=$(csrf)
for f in "reply=$q&body=intrus" "react=$q&kind=merci" "react=$r&kind=aide" "solve=$q" "solve=$q&helpful=$r&undo=1" "report=$q" "edit=$q&body=intrus" "delete=$q" "pin=$ann"; do
	npost /api/comments "csrf=$tok_c&lesson=$L1&$f" -b "eystime=$carl"
	t "another group's participant: POST $f → 403 or 404, nothing of the group" '{ [ "$code" = 403 ] || [ "$code" = 404 ]; } && ! leak'
done
state=$(dbq "SELECT count(*), (SELECT count(*) FROM reactions), (SELECT count(*) FROM reports), (SELECT count(*) FROM messages WHERE solved_at IS NOT NULL OR body = 'intrus') FROM messages")
tq "… and nothing changed in the database" '[ "$state" = "3|1|0|0" ]' || echo "# $state"

TPAGES=("/groups/$G1ID/talk" "/groups/$G1ID/talk?lesson=$L1" "/groups/$G1ID/talk?lesson=$L1&reply=$q" "/groups/$G1ID/messages")
for p in "${TPAGES[@]}"; do
	request -b "eystime_trainer=$tp" "$N/api/trainer$p"
	t "another group's trainer: GET $p → 404, nothing of the group" '[ "$code" = 404 ] && ! leak'
	request -b "eystime=$awa" "$N/api/trainer$p"
	t "a participant of the group: GET $p → the login form (401)" '[ "$code" = 401 ] && ! leak'
	request "$N/api/trainer$p"
	t "no session: GET $p → the login form (401)" '[ "$code" = 401 ] && ! leak'
done
request -b "eystime_trainer=$tp" "$N/api/trainer"
tok_p=$(csrf)
for f in "lesson=$L1&reply=$q&body=intrus" "pin=$ann&undo=1" "solve=$q" "kind=astuce&body=intrus"; do
	npost "/api/trainer/groups/$G1ID/talk" "csrf=$tok_p&$f" -b "eystime_trainer=$tp"
	t "another group's trainer: POST talk $f → 404" '[ "$code" = 404 ] && ! leak'
	[ "$f" = "kind=astuce&body=intrus" ] && continue
	npost "/api/trainer/groups/$G2ID/talk" "csrf=$tok_p&$f" -b "eystime_trainer=$tp"
	t "… nor through their own group's talk (403 or 404)" '{ [ "$code" = 403 ] || [ "$code" = 404 ]; } && ! leak'
done
state=$(dbq "SELECT count(*), (SELECT pinned FROM messages WHERE id = $ann), (SELECT count(*) FROM messages WHERE solved_at IS NOT NULL OR body = 'intrus') FROM messages")
tq "… and nothing changed in the database" '[ "$state" = "3|1|0" ]' || echo "# $state"

finish
