#!/bin/bash
# 63-photo-moderation: moderation, report, export and erase cover photos.
# A hidden message's photo answers 404 to the group (its trainers still
# see it), a deleted one's row is gone; reported, the trainer sees the
# photo on the moderation page; the export says which photos are hers;
# /me/delete and the trainer's "remove" erase them.
# Run it alone with: bash tests/cgi/run 63
. "$(dirname "$0")/../lib.sh"

groups3
awa=$(join Awa "$G1")
bruno=$(join Bruno "$G1")
trainer_add lina motdepasse-lina "$G1ID"
tlogin lina motdepasse-lina; tl=$TK
CP="/api/comments?lesson=$L1"
FIX=tests/fixtures/photo-exif-gps.jpg
request -b "eystime=$awa" "$N$CP"
tok_a=$(csrf)
request -b "eystime=$bruno" "$N$CP"
tok_b=$(csrf)
# post COOKIE TOKEN BODY [ALT]: a question with the fixture; its message
# id in $M, its photo's in $P.
post() {
	request -H "Origin: $N" -b "eystime=$1" -F "csrf=$2" -F "lesson=$L1" \
		-F kind=question -F "body=$3" -F "alt=${4:-}" \
		-F "photo=@$FIX;type=image/jpeg;filename=p.jpg" "$N/api/comments"
	M=$(mid)
	P=$(dbq "SELECT id FROM photos WHERE message_id = ${M:-0}")
}
post "$awa" "$tok_a" "Photo à masquer" "Écran \"bleu\" <1>"; P1=$P M1=$M
post "$awa" "$tok_a" "Photo à supprimer"; P2=$P M2=$M
post "$bruno" "$tok_b" "Photo de Bruno"; P3=$P M3=$M
tq "three questions with a photo" '[ -n "$P1" ] && [ -n "$P2" ] && [ -n "$P3" ]'

# Report: the trainer sees the photo with the reported message.
npost /api/comments "csrf=$tok_b&lesson=$L1&report=$M1" -b "eystime=$bruno"
request -b "eystime_trainer=$tl" "$N/api/trainer/groups/$G1ID/messages"
t "reported, the message shows its photo on the trainer's moderation page (trainer URL, alt escaped)" \
	'has "<img src=\"/api/trainer/groups/$G1ID/photos/$P1\" width=\"48\" height=\"96\" alt=\"Écran &quot;bleu&quot; &lt;1&gt;\""'
tok_t=$(csrf)
tpost "/groups/$G1ID/messages" "csrf=$tok_t&msg=$M1&action=hide" -b "eystime_trainer=$tl"
t "the trainer hides it (303)" '[ "$code" = 303 ]'
request -b "eystime=$bruno" "$N/api/photos/$P1"
t "a hidden message's photo → 404 to the group" '[ "$code" = 404 ]'
request -b "eystime=$awa" "$N/api/photos/$P1"
t "… to its author too" '[ "$code" = 404 ]'
request -b "eystime=$awa" "$N$CP"
t "… whose page says \"(photo masquée)\" and has no <img> for it" \
	'has "(photo masquée)" && ! has "/api/photos/$P1\""'
request -b "eystime_trainer=$tl" "$N/api/trainer/groups/$G1ID/photos/$P1"
t "… the group's trainer still sees it (200)" '[ "$code" = 200 ]'
tpost "/groups/$G1ID/messages" "csrf=$tok_t&msg=$M1&action=show" -b "eystime_trainer=$tl"
request -b "eystime=$bruno" "$N/api/photos/$P1"
t "shown again → 200 to the group" '[ "$code" = 200 ]'

tpost "/groups/$G1ID/messages" "csrf=$tok_t&msg=$M2&action=delete&confirm=1" -b "eystime_trainer=$tl"
n=$(dbq "SELECT count(*) FROM photos WHERE id = $P2")
t "the trainer deletes a message: its photo row is gone" '[ "$code" = 303 ] && [ "$n" = 0 ]'
request -b "eystime=$awa" "$N/api/photos/$P2"
t "… and its URL → 404" '[ "$code" = 404 ]'

# A held message (a link, in a group that holds them): its author sees
# her photo, the group does not.
dbq "UPDATE groups SET hold_links = 1 WHERE id = $G1ID"
post "$awa" "$tok_a" "Voir https://exemple.fr"; P4=$P M4=$M
request -b "eystime=$awa" "$N/api/photos/$P4"
t "held, the photo goes to its author (200)" '[ -n "$P4" ] && [ "$code" = 200 ]'
request -b "eystime=$bruno" "$N/api/photos/$P4"
t "… not to the group (404)" '[ "$code" = 404 ]'
dbq "UPDATE groups SET hold_links = 0 WHERE id = $G1ID"

# Export: each of her photos said, not copied.
request -b "eystime=$awa" "$N/api/me/export"
t "/me/export lists her photos: id, size, bytes, description" \
	'has "\"photo\":{\"id\":$P1,\"width\":48,\"height\":96,\"bytes\":" && has "\"alt\":\"Écran \\\"bleu\\\" \\u003c1\\u003e\"}"'
t "… and not Bruno's" '! has "\"id\":$P3,"'

# Deleting her own question with its photo, within 15 minutes.
post "$awa" "$tok_a" "Je me suis trompée"; P5=$P M5=$M
npost /api/comments "csrf=$tok_a&lesson=$L1&delete=$M5&confirm=1" -b "eystime=$awa"
n=$(dbq "SELECT count(*) FROM photos WHERE id = ${P5:-0}")
t "deleting my message deletes its photo" '[ "$code" = 303 ] && [ -n "$P5" ] && [ "$n" = 0 ]'
post "$awa" "$tok_a" "Question avec réponse"; P6=$P M6=$M
npost /api/comments "csrf=$tok_b&lesson=$L1&reply=$M6&body=ok" -b "eystime=$bruno"
npost /api/comments "csrf=$tok_a&lesson=$L1&delete=$M6&confirm=1" -b "eystime=$awa"
n=$(dbq "SELECT count(*) FROM photos WHERE id = ${P6:-0}")
k=$(dbq "SELECT count(*) FROM messages WHERE parent_id = ${M6:-0}")
tq "… one with answers is emptied: its photo goes, the answer stays" '[ "$n" = 0 ] && [ "$k" = 1 ]'

# Erase: /me/delete, and the trainer's "remove".
npost /api/me/delete "csrf=$tok_a&confirm=1" -b "eystime=$awa"
n=$(dbq "SELECT count(*) FROM photos WHERE id IN (${P1:-0}, ${P4:-0})")
t "/me/delete erases her photos (rows gone)" '[ "$code" = 200 ] && [ "$n" = 0 ]'
request -b "eystime_trainer=$tl" "$N/api/trainer/groups/$G1ID/photos/$P1"
t "… their URL → 404, even to the trainer" '[ "$code" = 404 ]'
bpid=$(dbq "SELECT id FROM participants WHERE name = 'Bruno'")
request -b "eystime_trainer=$tl" "$N/api/trainer/groups/$G1ID"
tpost "/groups/$G1ID/participants/$bpid" "csrf=$(csrf)&action=remove&confirm=1" -b "eystime_trainer=$tl"
n=$(dbq "SELECT count(*) FROM photos")
t "the trainer removes Bruno: his photos are gone too (none left)" '[ "$code" = 303 ] && [ "$n" = 0 ]'

finish
