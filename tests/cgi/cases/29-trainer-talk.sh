#!/bin/bash
# 29-trainer-talk: a trainer in the conversation: the way in from the join
# form, writing and replying in a lesson's discussion of their group under
# their title, from the moderation page too, messages to the group, pins.
# Run it alone with: bash tests/cgi/run 29
. "$(dirname "$0")/../lib.sh"

groups3
trainer_add marie motdepasse-marie "$G1ID"
trainer_add paul motdepasse-paul "$G2ID"
admin trainer title marie Formatrice
tq "admin trainer title sets the title" '[ "$(dbq "SELECT title FROM trainers WHERE login = '"'"'marie'"'"'")" = Formatrice ]'
admin trainer title marie "$(printf 'a\tb')" 2>/dev/null
rc=$?
tq "admin trainer title refuses a control character" '[ $rc -ne 0 ] && [ "$(dbq "SELECT title FROM trainers WHERE login = '"'"'marie'"'"'")" = Formatrice ]'
tlogin marie motdepasse-marie; tk=$TK
tlogin paul motdepasse-paul; tp=$TK
awa=$(join Awa "$G1")
CP="/api/comments?lesson=$L1"
TT="/groups/$G1ID/talk"

request -b "eystime_trainer=$tk" "$N$CP"
t "a trainer on a participant's discussion gets the join form with the trainer's way in" \
	'has "Vous êtes formatrice ou formateur ?" && has "href=\"/api/trainer\""'
request -b "eystime=$awa" "$N$CP"
tok_a=$(csrf)
npost /api/comments "csrf=$tok_a&lesson=$L1&kind=question&body=$(urlenc 'Où est le bouton ?')" -b "eystime=$awa"
q=$(mid)

tget "/groups/$G1ID"
t "the group's page links its discussions" 'has "href=\"/api/trainer$TT\""'
tget "$TT"
tok_t=$(csrf)
t "the trainer's page of the group: any lesson's discussion, without JavaScript" \
	'[ "$code" = 200 ] && has "<select id=\"lesson\" name=\"lesson\">" && has "<option value=\"$L1\">" && has "/api/trainer$TT?lesson=$L1\">"'
tget "$TT?lesson=$L1"
t "the trainer reads the lesson's discussion" '[ "$code" = 200 ] && has "Où est le bouton ?" && has "reply=$q#reponse"'
tpost "$TT" "csrf=$tok_t&lesson=$L1&reply=$q&body=$(urlenc 'En haut à droite.')" -b "eystime_trainer=$tk"
r=$(mid)
t "the trainer replies → 303 to the answer" '[ "$code" = 303 ] && [ -n "$r" ] && [ "$(hdr Location)" = "/api/trainer$TT?lesson=$L1#m$r" ]'
row=$(dbq "SELECT coalesce(participant_id, 'null'), trainer_id IS NOT NULL, parent_id FROM messages WHERE id = $r")
tq "… stored as the trainer's, under the question" '[ "$row" = "null|1|$q" ]' || echo "# $row"
request -b "eystime=$awa" "$N$CP"
t "the group sees the answer under the trainer's title, not \"message supprimé\"" \
	'has "<strong class=\"role\">Formatrice</strong> · Réponse" && has "En haut à droite." && ! has "message supprimé"'
tpost "$TT" "csrf=$tok_t&lesson=$L1&kind=astuce&body=$(urlenc 'Astuce de la formatrice')" -b "eystime_trainer=$tk"
t "the trainer writes a new message in a lesson" '[ "$code" = 303 ]'
tpost "$TT" "csrf=$tok_t&kind=astuce&body=$(urlenc 'Atelier jeudi 14 h')" -b "eystime_trainer=$tk"
ann=$(mid)
t "… and a message to the whole group (no lesson)" '[ "$code" = 303 ] && [ "$(hdr Location)" = "/api/trainer$TT#m$ann" ]'
tpost "$TT" "csrf=$tok_t&pin=$ann" -b "eystime_trainer=$tk"
t "the trainer pins it" '[ "$code" = 303 ] && [ "$(dbq "SELECT pinned FROM messages WHERE id = $ann")" = 1 ]'
request -b "eystime=$awa" "$N/api/group"
main_of "$BD" >"$C/group.html"
t "\"Mon groupe\" shows the pinned announcement first" \
	'has "Atelier jeudi 14 h" && has "Épinglé</strong>" && [ "$(grep -n "Atelier jeudi" "$C/group.html" | head -1 | cut -d: -f1)" -lt "$(grep -n "Où est le bouton" "$C/group.html" | head -1 | cut -d: -f1)" ]'
tpost "$TT" "csrf=$tok_t&pin=$ann&undo=1" -b "eystime_trainer=$tk"
t "… and unpins it" '[ "$code" = 303 ] && [ "$(dbq "SELECT pinned FROM messages WHERE id = $ann")" = 0 ]'
tpost "$TT" "csrf=$tok_t&lesson=$L1&edit=$q&kind=astuce&body=change" -b "eystime_trainer=$tk"
t "a trainer cannot edit a participant's message here (403)" '[ "$code" = 403 ] && [ "$(dbq "SELECT count(*) FROM messages WHERE body = '"'"'change'"'"'")" = 0 ]'
npost /api/comments "csrf=$tok_a&lesson=$L1&pin=$q" -b "eystime=$awa"
t "a participant cannot pin (403)" '[ "$code" = 403 ] && [ "$(dbq "SELECT pinned FROM messages WHERE id = $q")" = 0 ]'

tget "/groups/$G1ID/messages"
t "the moderation page has a \"Répondre\" link to the discussion" \
	'has "/api/trainer$TT?lesson=$L1&amp;reply=$q#reponse\">Répondre</a>"'

request -b "eystime_trainer=$tp" "$N/api/trainer$TT?lesson=$L1"
t "another group's trainer: 404, nothing of the group" '[ "$code" = 404 ] && ! has "Où est le bouton"'
request -b "eystime_trainer=$tp" "$N/api/trainer/groups/$G2ID/talk"
tok_p=$(csrf)
npost "/api/trainer$TT" "csrf=$tok_p&lesson=$L1&reply=$q&body=intrus" -b "eystime_trainer=$tp"
t "… cannot write in it (404)" '[ "$code" = 404 ] && [ "$(dbq "SELECT count(*) FROM messages WHERE body = '"'"'intrus'"'"'")" = 0 ]'
npost "/api/trainer/groups/$G2ID/talk" "csrf=$tok_p&lesson=$L1&reply=$q&body=intrus" -b "eystime_trainer=$tp"
t "… nor reply to it from their own group (404)" '[ "$code" = 404 ] && [ "$(dbq "SELECT count(*) FROM messages WHERE body = '"'"'intrus'"'"'")" = 0 ]'
request "$N/api/trainer$TT?lesson=$L1"
t "no session: the login form (401), nothing of the group" '[ "$code" = 401 ] && ! has "Où est le bouton"'
request -b "eystime=$awa" "$N/api/trainer$TT?lesson=$L1"
t "a participant's cookie: the login form (401)" '[ "$code" = 401 ] && ! has "Où est le bouton"'
tget "$TT?lesson=no-such"
t "an unknown lesson → 404" '[ "$code" = 404 ]'

# Only a pinned message in a lesson: it is not "no message yet".
carl=$(join Carl "$G2")
TP="/api/trainer/groups/$G2ID/talk"
npost "$TP" "csrf=$tok_p&lesson=$L2&kind=astuce&body=$(urlenc 'Annonce seule')" -b "eystime_trainer=$tp"
solo=$(mid)
npost "$TP" "csrf=$tok_p&lesson=$L2&pin=$solo" -b "eystime_trainer=$tp"
request -b "eystime=$carl" "$N/api/comments?lesson=$L2"
t "a lesson whose only message is pinned: it shows, then \"Pas d'autre message.\", never \"Pas encore de message\"" \
	'has "Annonce seule" && has "Pas d'"'"'autre message." && ! has "Pas encore de message"'

admin trainer remove marie >/dev/null
request -b "eystime=$awa" "$N$CP"
t "a removed trainer's messages show as \"message supprimé\"" '! has "En haut à droite." && has "message supprimé"'

finish
