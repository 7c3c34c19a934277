#!/bin/bash
# 64-photos-off: a trainer turns photos off for a group (its page's
# "Réglages du groupe"): the forms no longer offer a file, a photo sent
# anyway is refused (400, the reason, the text kept); the other group
# keeps them; turned on again, they come back.
# Run it alone with: bash tests/cgi/run 64
. "$(dirname "$0")/../lib.sh"

groups3
awa=$(join Awa "$G1")
carl=$(join Carl "$G2")
trainer_add lina motdepasse-lina "$G1ID"
trainer_add paul motdepasse-paul "$G2ID"
tlogin lina motdepasse-lina; tl=$TK
tlogin paul motdepasse-paul; tp=$TK
CP="/api/comments?lesson=$L1"
FIX=tests/fixtures/photo-exif-gps.jpg

request -b "eystime_trainer=$tl" "$N/api/trainer/groups/$G1ID"
t "the group's page says photos are on, with a button to turn them off" \
	'has "Photos avec les messages : <strong>oui</strong>" && has "name=\"action\" value=\"photos-off\">Ne plus accepter de photos</button>"'
tok_t=$(csrf)
request -b "eystime_trainer=$tp" "$N/api/trainer"
tpost "/groups/$G1ID" "csrf=$(csrf)&action=photos-off" -b "eystime_trainer=$tp"
t "another group's trainer cannot turn them off (404)" '[ "$code" = 404 ]'
tpost "/groups/$G1ID" "csrf=$tok_t&action=photos-off" -b "eystime_trainer=$tl"
v=$(dbq "SELECT photos FROM groups WHERE id = $G1ID")
t "the trainer turns photos off (303; groups.photos = 0)" '[ "$code" = 303 ] && [ "$v" = 0 ]'
request -b "eystime_trainer=$tl" "$N/api/trainer/groups/$G1ID"
t "… the page says so, with the button to turn them on" \
	'has "Photos avec les messages : <strong>non</strong>" && has "value=\"photos-on\">Accepter les photos</button>"'

request -b "eystime=$awa" "$N$CP"
tok=$(csrf)
t "photos off: the form has no file field, is not multipart" \
	'! has "type=\"file\"" && ! has "multipart/form-data" && ! has "Décrivez la photo"'
request -b "eystime_trainer=$tl" "$N/api/trainer/groups/$G1ID/talk?lesson=$L1"
t "… in the trainer's discussion of the group too" '! has "type=\"file\""'
request -H "Origin: $N" -b "eystime=$awa" -F "csrf=$tok" -F "lesson=$L1" \
	-F kind=question -F "body=Avec une photo quand même" \
	-F "photo=@$FIX;type=image/jpeg;filename=p.jpg" "$N/api/comments"
t "a photo sent anyway → 400 \"Les photos sont désactivées pour ce groupe\"" \
	'[ "$code" = 400 ] && has "Les photos sont désactivées pour ce groupe" && has "Avec une photo quand même</textarea>"'
n=$(dbq "SELECT count(*) FROM messages WHERE body LIKE 'Avec une photo%'")
tq "… nothing written" '[ "$n" = 0 ]'
npost /api/comments "csrf=$tok&lesson=$L1&kind=question&body=Sans+photo" -b "eystime=$awa"
t "a message without a photo still posts (303)" '[ "$code" = 303 ]'

request -b "eystime=$carl" "$N$CP"
t "the other group keeps its photos" 'has "name=\"photo\" accept=\"image/*\""'

tpost "/groups/$G1ID" "csrf=$tok_t&action=photos-on" -b "eystime_trainer=$tl"
request -b "eystime=$awa" "$N$CP"
t "turned on again, the field is back" '[ "$(dbq "SELECT photos FROM groups WHERE id = $G1ID")" = 1 ] && has "name=\"photo\" accept=\"image/*\""'
tpost "/groups/$G1ID" "csrf=$tok_t&action=photos-sideways" -b "eystime_trainer=$tl"
t "an unknown action → 400" '[ "$code" = 400 ]'

finish
