#!/bin/bash
# 30-reactions: "Moi aussi", "Merci", "Ça m'a aidé": the contract's form and
# JSON, one tap to give and one to take back, counts, who reacted.
# Run it alone with: bash tests/cgi/run 30
. "$(dirname "$0")/../lib.sh"

groups3
awa=$(join Awa "$G1")
bruno=$(join Bruno "$G1")
chantal=$(join Chantal "$G1")
carl=$(join Carl "$G2")
CP="/api/comments?lesson=$L1"
# jpost DATA [curl options…]: POST /api/comments asking for JSON, as site.js does.
jpost() { local d=$1; shift; npost /api/comments "$d" -H "Accept: application/json" "$@"; }
request -b "eystime=$awa" "$N$CP"
tok_a=$(csrf)
npost /api/comments "csrf=$tok_a&lesson=$L1&kind=question&body=$(urlenc 'Mon écran est noir')" -b "eystime=$awa"
q=$(mid)

request -b "eystime=$chantal" "$N$CP"
tok_c=$(csrf)
main_of "$BD" >"$C/d.html"
form=$(tr '\n' ' ' <"$C/d.html" | grep -o '<form class="react" method="post" action="/api/comments"> <input type="hidden" name="csrf" value="[0-9a-f]*"> <input type="hidden" name="lesson" value="[^"]*"> <input type="hidden" name="react" value="'"$q"'"> <input type="hidden" name="kind" value="moi-aussi"> <button type="submit" aria-pressed="false">Moi aussi <span class="count">0</span></button> </form>')
tq "each message has the contract's reaction forms (react, kind, aria-pressed, count)" '[ -n "$form" ]'
t "… three of them: Moi aussi, Merci, Ça m'a aidé" \
	'has "value=\"merci\"" && has "value=\"aide\"" && has "a aidé <span class=\"count\">0</span></button>"'
npost /api/comments "csrf=$tok_c&lesson=$L1&react=$q&kind=moi-aussi" -b "eystime=$chantal"
t "without JavaScript: 303 back to the message" '[ "$code" = 303 ] && [ "$(hdr Location)" = "$CP#m$q" ]'
request -b "eystime=$chantal" "$N$CP"
t "… the button is pressed, the count 1" 'has "aria-pressed=\"true\">Moi aussi <span class=\"count\">1</span>"'
t "who reacted, on demand (<details>)" 'has "<summary>Qui a réagi ?</summary>" && has "<li>Chantal</li>"'
jpost "csrf=$tok_c&lesson=$L1&react=$q&kind=moi-aussi" -b "eystime=$chantal"
t "tapped again (JSON): taken back, {\"id\":…,\"kind\":\"moi-aussi\",\"count\":0,\"mine\":false}" \
	'[ "$code" = 200 ] && type_is application/json && [ "$(cat "$BD")" = "{\"id\":$q,\"kind\":\"moi-aussi\",\"count\":0,\"mine\":false}" ]'
jpost "csrf=$tok_c&lesson=$L1&react=$q&kind=merci" -b "eystime=$chantal"
t "JSON: {\"id\":…,\"kind\":\"merci\",\"count\":1,\"mine\":true}" \
	'[ "$code" = 200 ] && [ "$(cat "$BD")" = "{\"id\":$q,\"kind\":\"merci\",\"count\":1,\"mine\":true}" ]'
request -b "eystime=$bruno" "$N$CP"
tok_b=$(csrf)
jpost "csrf=$tok_b&lesson=$L1&react=$q&kind=merci" -b "eystime=$bruno"
t "two people: count 2" '[ "$(cat "$BD")" = "{\"id\":$q,\"kind\":\"merci\",\"count\":2,\"mine\":true}" ]'
request -b "eystime=$awa" "$N$CP"
t "the author sees the counts, without buttons on her own message" \
	'has "Merci <span class=\"count\">2</span>" && ! has "name=\"react\" value=\"$q\""'
npost /api/comments "csrf=$tok_c&lesson=$L1&react=$q&kind=question" -b "eystime=$chantal"
t "kind=question with react → 400" '[ "$code" = 400 ]'
npost /api/comments "csrf=$tok_c&lesson=$L1&react=$q&kind=bravo" -b "eystime=$chantal"
t "an unknown reaction → 400" '[ "$code" = 400 ]'
npost /api/comments "csrf=$tok_c&lesson=$L1&react=$q" -b "eystime=$chantal"
t "react without a kind → 400" '[ "$code" = 400 ]'
request -b "eystime=$carl" "$N$CP"
tok_k=$(csrf)
jpost "csrf=$tok_k&lesson=$L1&react=$q&kind=merci" -b "eystime=$carl"
t "another group's participant → 404, nothing counted" \
	'[ "$code" = 404 ] && [ "$(dbq "SELECT count(*) FROM reactions")" = 2 ]'
jpost "lesson=$L1&react=$q&kind=merci"
t "no session (JSON) → 401 {\"error\":\"join\"}" '[ "$code" = 401 ] && has "\"error\":\"join\""'
jpost "csrf=00000000000000000000000000000000&lesson=$L1&react=$q&kind=merci" -b "eystime=$bruno"
t "a wrong form token → 403" '[ "$code" = 403 ]'

finish
