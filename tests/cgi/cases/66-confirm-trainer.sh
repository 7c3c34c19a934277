#!/bin/bash
# 66-confirm-trainer: the trainer's "Retirer et effacer ses données" and
# the moderation's "Supprimer" first ask (web_confirm): without confirm=1
# the database is unchanged; with it the participant or message is gone.
# Run it alone with: bash tests/cgi/run 66
. "$(dirname "$0")/../lib.sh"

dump() { dbq .dump; }

groups3
trainer_add marie motdepasse-marie "$G1ID"
tlogin marie motdepasse-marie; tk=$TK
hugo=$(join Hugo "$G1")
zoe=$(join Zoé "$G1")
npost /api/done "lesson=$L1&next=/" -b "eystime=$hugo"
request -b "eystime=$zoe" "$N/api/comments?lesson=$L1"
npost /api/comments "csrf=$(csrf)&lesson=$L1&kind=question&body=$(urlenc 'Question de Zoé')" -b "eystime=$zoe"
mz=$(mid)
hpid=$(dbq "SELECT id FROM participants WHERE name = 'Hugo'")

tget "/groups/$G1ID/participants/$hpid"
tok=$(csrf)
cp "$BD" "$C/participant.html"
t "the participant's page's \"Retirer et effacer ses données\" is styled dangerous, not primary" \
	'has "<button type=\"submit\" class=\"danger\" name=\"action\" value=\"remove\">Retirer et effacer ses données</button>"'

dump >"$C/before.sql"
tpost "/groups/$G1ID/participants/$hpid" "csrf=$tok&action=remove" -b "eystime_trainer=$tk"
cp "$BD" "$C/remove.html"
dump >"$C/after.sql"
t "remove without confirm=1 → 200, a page naming Hugo and what is lost" \
	'[ "$code" = 200 ] && has "<h1>Retirer et effacer ses données ?</h1>" && has "<strong>Hugo</strong>" && has "ses leçons terminées" && has "class=\"trainer\""'
t "… \"Non, garder cette personne\" is the primary button, back to the group" \
	'has "<a class=\"button\" href=\"/api/trainer/groups/$G1ID#p$hpid\">Non, garder cette personne</a>"'
t "… the form posts action=remove and confirm=1 to the same address" \
	'has "action=\"/api/trainer/groups/$G1ID/participants/$hpid\"" && has "name=\"action\" value=\"remove\"" && has "name=\"confirm\" value=\"1\"" && has "class=\"danger\">Oui, retirer et tout effacer</button>"'
tq "… and the database is unchanged (sqlite3 .dump)" 'cmp -s "$C/before.sql" "$C/after.sql"' ||
	diff "$C/before.sql" "$C/after.sql" | head -10 | sed 's/^/#   /'
tpost "/groups/$G1ID/participants/$hpid" "csrf=$tok&action=rename&name=Hugo2" -b "eystime_trainer=$tk"
t "rename needs no confirmation (303)" '[ "$code" = 303 ]'
dump >"$C/before2.sql"
tpost "/groups/$G1ID/participants/$hpid" "csrf=$tok&action=remove&confirm=1" -b "eystime_trainer=$tk"
n=$(dbq "SELECT (SELECT count(*) FROM participants WHERE id = $hpid) + (SELECT count(*) FROM completions WHERE participant_id = $hpid) + (SELECT count(*) FROM sessions WHERE participant_id = $hpid)")
t "remove with confirm=1 → 303 to the group, Hugo, his lessons and sessions gone" \
	'[ "$code" = 303 ] && [ "$(hdr Location)" = "/api/trainer/groups/$G1ID" ] && [ "$n" = 0 ]'

# Moderation: "Supprimer".
dump >"$C/before3.sql"
tpost "/groups/$G1ID/messages" "csrf=$tok&msg=$mz&action=delete" -b "eystime_trainer=$tk"
cp "$BD" "$C/moddel.html"
dump >"$C/after3.sql"
t "moderation delete without confirm=1 → 200, \"Supprimer ce message ?\"" \
	'[ "$code" = 200 ] && has "<h1>Supprimer ce message ?</h1>" && has "Masquer" && has "name=\"msg\" value=\"$mz\"" && has "name=\"action\" value=\"delete\""'
t "… \"Non, garder le message\" first, as the primary button" \
	'has "<a class=\"button\" href=\"/api/trainer/groups/$G1ID/messages\">Non, garder le message</a>"'
tq "… and the database is unchanged" 'cmp -s "$C/before3.sql" "$C/after3.sql"'
tpost "/groups/$G1ID/messages" "csrf=$tok&msg=$mz&action=hide" -b "eystime_trainer=$tk"
t "hide needs no confirmation (303)" '[ "$code" = 303 ]'
tpost "/groups/$G1ID/messages" "csrf=$tok&msg=$mz&action=delete&confirm=1" -b "eystime_trainer=$tk"
n=$(dbq "SELECT count(*) FROM messages WHERE id = $mz AND body LIKE '%Zoé%'")
t "with confirm=1 → 303, the message is gone" '[ "$code" = 303 ] && [ "$n" = 0 ]'
tpost "/groups/$G2ID/messages" "csrf=$tok&msg=$mz&action=delete" -b "eystime_trainer=$tk"
t "another group's moderation → 404 before any confirmation page" '[ "$code" = 404 ] && ! has "Supprimer ce message ?"'

if [ -x tests/node_modules/.bin/html-validate ]; then
	tq "the trainer's confirmation pages pass html-validate" \
		'tests/node_modules/.bin/html-validate --config tests/htmlvalidate.json "$C/remove.html" "$C/moddel.html" "$C/group.html" >"$C/hv.log" 2>&1' ||
		sed 's/^/#   /' "$C/hv.log" | head -20
else
	not_ok "html-validate is installed (make test)"
fi

finish
