#!/bin/bash
# 32-my-group: "Mon groupe" (/api/group): what is new since my last visit
# ("nouveau"), who joined; /api/group/stats exactly as the theme reads it.
# Run it alone with: bash tests/cgi/run 32
. "$(dirname "$0")/../lib.sh"

groups3
awa=$(join Awa "$G1")
bruno=$(join Bruno "$G1")
carl=$(join Carl "$G2")
CP="/api/comments?lesson=$L1"
stats() { request -H "Accept: application/json" -b "eystime=$1" "$N/api/group/stats$2"; }

request -b "eystime=$bruno" "$N/api/me"
t "\"Mon parcours\" links \"Mon groupe\"" 'has "href=\"/api/group\">Mon groupe</a>"'
request -b "eystime=$bruno" "$N/api/group"
t "\"Mon groupe\" answers 200 and lists who joined" \
	'[ "$code" = 200 ] && has "Ils ont rejoint le groupe" && has "<li>Awa · " && has "<li>Bruno · " && ! has "Carl"'
stats "$bruno" ""
t "stats with no new message: {\"unread\":0}, private, no-store" \
	'[ "$code" = 200 ] && [ "$(cat "$BD")" = "{\"unread\":0}" ] && [ "$(hdr Cache-Control)" = "private, no-store" ]'

request -b "eystime=$awa" "$N$CP"
tok_a=$(csrf)
npost /api/comments "csrf=$tok_a&lesson=$L1&kind=question&body=$(urlenc 'Nouvelle question')" -b "eystime=$awa"
q=$(mid)
npost /api/done "csrf=$tok_a&lesson=$L1" -b "eystime=$awa"
stats "$bruno" ""
t "Awa writes: Bruno has {\"unread\":1}" '[ "$(cat "$BD")" = "{\"unread\":1}" ]'
stats "$awa" ""
t "… Awa has {\"unread\":0} (her own message)" '[ "$(cat "$BD")" = "{\"unread\":0}" ]'
stats "$bruno" "?lesson=$L1"
t "with the lesson: {\"unread\":1,\"messages\":1,\"new\":1,\"done\":1}" \
	'[ "$(cat "$BD")" = "{\"unread\":1,\"messages\":1,\"new\":1,\"done\":1}" ]'
request -b "eystime=$bruno" "$N/api/group"
t "Bruno sees \"nouveau\" on \"Mon groupe\"" \
	'has "class=\"message message-question new\" id=\"m$q\"" && has "<strong class=\"new-mark\">nouveau</strong>" && has "1 nouveau message depuis votre dernière visite"'
request -b "eystime=$bruno" "$N/api/group"
t "… not at the next visit" '! has "class=\"new-mark\"" && ! has "nouveau message depuis"'
stats "$bruno" "?lesson=$L1"
t "… and the counts agree: {\"unread\":0,\"messages\":1,\"new\":0,\"done\":1}" \
	'[ "$(cat "$BD")" = "{\"unread\":0,\"messages\":1,\"new\":0,\"done\":1}" ]'
npost /api/comments "csrf=$tok_a&lesson=$L1&kind=astuce&body=deux" -b "eystime=$awa"
m2=$(mid)
request -b "eystime=$bruno" "$N$CP"
t "a new message is \"nouveau\" in the discussion too" 'has "message-astuce new\" id=\"m$m2\""'
stats "$bruno" "?lesson=$L1"
t "… seen there: new 0 for the lesson, unread 1 for \"Mon groupe\"" \
	'[ "$(cat "$BD")" = "{\"unread\":1,\"messages\":2,\"new\":0,\"done\":1}" ]'
stats "$carl" "?lesson=$L1"
t "another group: nothing of this one" '[ "$(cat "$BD")" = "{\"unread\":0,\"messages\":0,\"new\":0,\"done\":0}" ]'
stats "" "?lesson=$L1"
t "no session: 200 {\"joined\":false}, nothing of a group (every page's script asks: no 401 in the console)" '[ "$code" = 200 ] && [ "$(cat "$BD")" = "{\"joined\":false}" ]'
stats "$bruno" "?lesson=no-such"
t "unknown lesson: 404" '[ "$code" = 404 ]'
request "$N/api/group"
t "/api/group without a session: the join form, nothing of a group" \
	'[ "$code" = 200 ] && has "Rejoindre mon groupe" && ! has "Nouvelle question" && ! has "Awa"'
request -b "eystime=$carl" "$N/api/group"
t "/api/group of another group: nothing of this one" '[ "$code" = 200 ] && ! has "Nouvelle question" && ! has "Awa"'
request -b "eystime=$bruno" "$N/api/group?page=0"
t "/api/group?page=0 → 404" '[ "$code" = 404 ]'

finish
