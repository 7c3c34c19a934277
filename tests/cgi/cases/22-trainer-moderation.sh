#!/bin/bash
# 22-trainer-moderation: reporting a message, and what a trainer does with it;
# links held for approval.
# Run it alone with: bash tests/cgi/run 22
. "$(dirname "$0")/../lib.sh"

groups3
trainer_add marie motdepasse-marie "$G1ID"
trainer_add paul motdepasse-paul "$G2ID"
tlogin marie motdepasse-marie; tk=$TK
tlogin paul motdepasse-paul; tp=$TK
request -b "eystime_trainer=$tp" "$N/api/trainer"
tok_p=$(csrf)
trainer_group 'Atelier <b>test</b>'
zoe=$(join "Zoé" "$CT")
hyp=$(join '=HYPERLINK("http://x")' "$CT")
# Rami, of "Groupe du mardi", and a message of that group.
rami=$(join Rami "$G1")
request -b "eystime=$rami" "$N/api/comments?lesson=$L2"
tok=$(csrf)
npost /api/comments "csrf=$tok&lesson=$L2&kind=astuce&body=Message+1" -b "eystime=$rami"
TV=$C/trainer-pages
mkdir -p "$TV"

# Moderation.
request -b "eystime=$zoe" "$N/api/comments?lesson=$L1"
tok_z=$(csrf)
npost /api/comments "csrf=$tok_z&lesson=$L1&kind=question&body=$(urlenc 'Message de Zoé à signaler')" -b "eystime=$zoe"
mz=$(mid)
request -b "eystime=$hyp" "$N/api/comments?lesson=$L1"
tok_h=$(csrf)
t "another participant sees a \"Signaler\" button on Zoé's message" \
	'has "name=\"report\" value=\"$mz\"" && has ">Signaler</button>"'
npost /api/comments "csrf=$tok_h&lesson=$L1&report=$mz" -b "eystime=$hyp"
t "Signaler → 303 back to the message" '[ "$code" = 303 ] && [ "$(hdr Location)" = "/api/comments?lesson=$L1#m$mz" ]'
request -b "eystime=$hyp" "$N/api/comments?lesson=$L1"
t "… then \"Vous l'avez signalé\" instead of the button" \
	'has "avez signalé aux formateurs" && ! has "name=\"report\" value=\"$mz\""'
npost /api/comments "csrf=$tok_z&lesson=$L1&report=$mz" -b "eystime=$zoe"
t "one cannot report one's own message (404)" '[ "$code" = 404 ]'
npost /api/comments "csrf=$tok&lesson=$L2&report=$mz" -b "eystime=$rami"
t "a participant of another group cannot report it (404)" '[ "$code" = 404 ]'
tget "/groups/$GT/messages"
cp "$BD" "$TV/messages.html"
t "the trainer's queue of reported messages lists it" \
	'sed -n "/<h2>Messages signalés/,/<h2>En attente/p" "$BD" | grep -q "Message de Zoé à signaler" && has "signalé 1 fois"'
tok_m=$(csrf)
tpost "/groups/$GT/messages" "csrf=$tok_m&msg=$mz&action=hide" -b "eystime_trainer=$tk"
hide_code=$code
request -b "eystime=$hyp" "$N/api/comments?lesson=$L1"
t "hide → 303; the group no longer sees the message" \
	'[ "$hide_code" = 303 ] && ! has "Message de Zoé à signaler"'
request -b "eystime=$zoe" "$N/api/comments?lesson=$L1"
t "… its author sees it marked hidden" 'has "Message de Zoé à signaler" && has "Masqué par un formateur"'
tpost "/groups/$GT/messages" "csrf=$tok_m&msg=$mz&action=show" -b "eystime_trainer=$tk"
request -b "eystime=$hyp" "$N/api/comments?lesson=$L1"
t "show again → the group sees it, the report is answered" \
	'has "Message de Zoé à signaler" && [ "$(dbq "SELECT count(*) FROM reports WHERE message_id = $mz")" = 0 ]'
mo=$(dbq "SELECT m.id FROM messages m JOIN participants p ON p.id = m.participant_id WHERE p.group_id = $G1ID LIMIT 1")
tpost "/groups/$GT/messages" "csrf=$tok_m&msg=$mo&action=hide" -b "eystime_trainer=$tk"
t "hiding a message of another group through this group → 404" \
	'[ "$code" = 404 ] && [ "$(dbq "SELECT state FROM messages WHERE id = $mo")" = 0 ]'
tpost "/groups/$G1ID/messages" "csrf=$tok_p&msg=$mo&action=delete&confirm=1" -b "eystime_trainer=$tp"
t "deleting a message of a group one does not follow → 404" \
	'[ "$code" = 404 ] && [ -n "$(dbq "SELECT id FROM messages WHERE id = $mo")" ]'

tpost "/groups/$GT" "csrf=$tok_m&action=hold-on" -b "eystime_trainer=$tk"
t "hold links: switched on (303)" '[ "$code" = 303 ] && [ "$(dbq "SELECT hold_links FROM groups WHERE id = $GT")" = 1 ]'
npost /api/comments "csrf=$tok_z&lesson=$L1&kind=ressource&body=$(urlenc 'Voir www.exemple-lien.org')" -b "eystime=$zoe"
ml=$(mid)
request -b "eystime=$hyp" "$N/api/comments?lesson=$L1"
t "a message with a link is held: the group does not see it" \
	'[ -n "$ml" ] && ! has "exemple-lien.org"'
request -b "eystime=$zoe" "$N/api/comments?lesson=$L1"
t "… its author sees it waiting" 'has "exemple-lien.org" && has "En attente"'
npost /api/comments "csrf=$tok_z&lesson=$L1&kind=question&body=$(urlenc 'Sans lien')" -b "eystime=$zoe"
me=$(mid)
npost /api/comments "csrf=$tok_z&lesson=$L1&edit=$me&body=$(urlenc 'Avec https://exemple-edit.org')" -b "eystime=$zoe"
request -b "eystime=$hyp" "$N/api/comments?lesson=$L1"
t "a link added by editing is held too" '! has "exemple-edit.org" && has "Message de Zoé"'
tget "/groups/$GT/messages"
t "the trainer sees both under \"En attente\"" \
	'sed -n "/<h2>En attente/,/<h2>Tous/p" "$BD" | grep -q "exemple-lien.org" && sed -n "/<h2>En attente/,/<h2>Tous/p" "$BD" | grep -q "exemple-edit.org"'
tpost "/groups/$GT/messages" "csrf=$tok_m&msg=$ml&action=approve" -b "eystime_trainer=$tk"
request -b "eystime=$hyp" "$N/api/comments?lesson=$L1"
t "approved → the group sees it, with its link" 'has "href=\"https://www.exemple-lien.org\""'
tpost "/groups/$GT/messages" "csrf=$tok_m&msg=$me&action=delete&confirm=1" -b "eystime_trainer=$tk"
t "delete → 303, the message is gone" '[ "$code" = 303 ] && [ -z "$(dbq "SELECT id FROM messages WHERE id = $me")" ]'
tpost "/groups/$GT/messages" "csrf=$tok_m&msg=$ml&action=explode" -b "eystime_trainer=$tk"
t "an unknown moderation action → 400" '[ "$code" = 400 ]'

finish
