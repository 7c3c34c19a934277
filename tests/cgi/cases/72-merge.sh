#!/bin/bash
# 72-merge: a trainer merges "Awa 2" into "Awa" (issue 15): three POSTs
# (choose, a page that says what happens with the safe choice first,
# then confirm=1); progress, messages, reactions, photos and devices are
# kept, nothing counted twice; the matrix and the CSV show one row.
# Run it alone with: bash tests/cgi/run 72
. "$(dirname "$0")/../lib.sh"

groups3
awa=$(join Awa "$G1")
awa2=$(join Awa "$G1")
bruno=$(join Bruno "$G1")
carl=$(join Carl "$G2")
p1=$(dbq "SELECT id FROM participants WHERE name = 'Awa'")
p2=$(dbq "SELECT id FROM participants WHERE name = 'Awa 2'")
pb=$(dbq "SELECT id FROM participants WHERE name = 'Bruno'")
pc=$(dbq "SELECT id FROM participants WHERE name = 'Carl'")
npost /api/done "lesson=$L1" -b "eystime=$awa"
npost /api/done "lesson=$L2" -b "eystime=$awa"
npost /api/done "lesson=$L2" -b "eystime=$awa2"
npost /api/done "lesson=$L3" -b "eystime=$awa2"
# token COOKIE: that participant's form token, from the discussion.
token() { request -b "eystime=$1" "$N/api/comments?lesson=$L1"; csrf; }
tok=$(token "$bruno")
npost /api/comments "csrf=$tok&lesson=$L1&kind=question&body=$(urlenc 'Question de Bruno')" -b "eystime=$bruno"
qb=$(mid)
tok1=$(token "$awa")
tok2=$(token "$awa2")
npost /api/comments "csrf=$tok1&lesson=$L1&react=$qb&kind=merci" -b "eystime=$awa"
npost /api/comments "csrf=$tok2&lesson=$L1&react=$qb&kind=merci" -b "eystime=$awa2"
npost /api/comments "csrf=$tok2&lesson=$L1&react=$qb&kind=moi-aussi" -b "eystime=$awa2"
request -H "Origin: $N" -b "eystime=$awa2" -F "csrf=$tok2" -F "lesson=$L1" -F kind=astuce \
	-F "body=Le message d'Awa 2" -F "photo=@tests/fixtures/photo-exif-gps.jpg;type=image/jpeg" "$N/api/comments"
m2=$(mid)
ph=$(dbq "SELECT id FROM photos WHERE message_id = ${m2:-0}")
tq "before: Awa 2 has 2 lessons, a message with a photo and 2 reactions; Awa 2 lessons and 1 reaction" \
	'[ -n "$ph" ] && [ "$(dbq "SELECT count(*) FROM completions WHERE participant_id = $p2")" = 2 ] && [ "$(dbq "SELECT count(*) FROM reactions WHERE participant_id = $p2")" = 2 ]'

trainer_add lina motdepasse-lina "$G1ID"
trainer_add paul motdepasse-paul "$G2ID"
tlogin lina motdepasse-lina; tk=$TK
tlogin paul motdepasse-paul; tp=$TK
P2="/groups/$G1ID/participants/$p2"
tget "$P2"
tok_t=$(csrf)
t "the participant's page has \"Fusionner…\"" 'has "value=\"merge\" class=\"button secondary\">Fusionner…</button>"'
sqlite3 "$DB" .dump >"$C/before.sql"
tpost "$P2" "csrf=$tok_t&action=merge" -b "eystime_trainer=$tk"
t "step 1: whom with — the others of the group as a choice, not Awa 2 herself, not another group's" \
	'[ "$code" = 200 ] && has "value=\"$p1\" required> Awa</label>" && has "value=\"$pb\"" && ! has "value=\"$p2\" required" && ! has "value=\"$pc\""'
tpost "$P2" "csrf=$tok_t&action=merge&into=$p1" -b "eystime_trainer=$tk"
t "step 2: the page says what moves and that it cannot be undone; \"Annuler\" is the main button, \"Fusionner\" the dangerous one" \
	'[ "$code" = 200 ] && has "ne peut pas revenir en arrière" && has "<a class=\"button\" href=\"/api/trainer/groups/$G1ID#p$p2\">Annuler</a>" && has "class=\"danger\">Fusionner</button>" && has "name=\"confirm\" value=\"1\"" && has "name=\"into\" value=\"$p1\""'
sqlite3 "$DB" .dump >"$C/after.sql"
tq "… and neither step changed the database" 'cmp -s "$C/before.sql" "$C/after.sql"'
tpost "$P2" "csrf=$tok_t&action=merge&into=$pc&confirm=1" -b "eystime_trainer=$tk"
t "into a participant of another group → 404, nothing merged" '[ "$code" = 404 ] && [ "$(dbq "SELECT count(*) FROM participants WHERE id = $p2")" = 1 ]'
tpost "$P2" "csrf=$tok_t&action=merge&into=$p2&confirm=1" -b "eystime_trainer=$tk"
t "into herself → 404" '[ "$code" = 404 ]'
request -b "eystime_trainer=$tp" -H "Origin: $N" -H "$FORM" --data-binary "csrf=$tok_t&action=merge&into=$p1&confirm=1" "$N/api/trainer$P2"
t "another group's trainer → 404 (or the form token refused), nothing merged" '[ "$code" = 404 ] || [ "$code" = 403 ]; [ "$(dbq "SELECT count(*) FROM participants WHERE id = $p2")" = 1 ]'
tpost "$P2" "csrf=$tok_t&action=merge&into=$p1&confirm=1" -b "eystime_trainer=$tk"
t "step 3: confirm=1 → 303 to the group, at Awa" '[ "$code" = 303 ] && [ "$(hdr Location)" = "/api/trainer/groups/$G1ID#p$p1" ]'
tq "Awa 2 is gone" '[ "$(dbq "SELECT count(*) FROM participants WHERE id = $p2")" = 0 ]'
tq "Awa has the union of the lessons, each once: L1, L2, L3" \
	'[ "$(dbq "SELECT group_concat(lesson, \" \") FROM (SELECT lesson FROM completions WHERE participant_id = $p1 ORDER BY lesson)")" = "$(printf "%s\n" "$L1" "$L2" "$L3" | sort | tr "\n" " " | sed "s/ $//")" ]'
tq "the message and its photo are Awa's" \
	'[ "$(dbq "SELECT participant_id FROM messages WHERE id = $m2")" = "$p1" ] && [ "$(dbq "SELECT count(*) FROM photos WHERE id = $ph")" = 1 ]'
tq "\"Merci\" on Bruno's question counts once, \"Moi aussi\" moved" \
	'[ "$(dbq "SELECT count(*) FROM reactions WHERE message_id = $qb AND kind = 1")" = 1 ] && [ "$(dbq "SELECT count(*) FROM reactions WHERE message_id = $qb AND kind = 0 AND participant_id = $p1")" = 1 ]'
request -b "eystime=$awa2" "$N/api/me"
t "Awa 2's phone is now logged in as Awa, with 3 lessons" 'has "Bonjour Awa !" && has "Leçons terminées : 3 /"'
tget "/groups/$G1ID/participants/$p1"
t "Awa's page: 3 lessons done; Awa 2 is no longer in the overview" \
	'[ "$(grep -c "<li class=\"done\">" "$BD")" = 3 ] && tget "/groups/$G1ID" && has "<tr id=\"p$p1\">" && ! has "<tr id=\"p$p2\">"'
request -b "eystime_trainer=$tk" "$N/api/trainer/groups/$G1ID/progress.csv"
t "the CSV: one row for Awa with the total 3, none for Awa 2" \
	'[ "$(grep -c "^Awa;" "$BD")" = 1 ] && ! grep -q "^Awa 2;" "$BD" && grep "^Awa;" "$BD" | tr -d "\r" | grep -q ";3$"'
request -b "eystime=$bruno" "$N/api/photos/$ph"
t "the photo is still served to the group" '[ "$code" = 200 ]'
tq "the database passes its foreign key check" '[ -z "$(dbq "PRAGMA foreign_key_check")" ]'

finish
