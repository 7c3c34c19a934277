#!/bin/bash
# 61-photos: a photo with a message, end to end (nginx, the binary,
# SQLite): the forms offer it (multipart, accept="image/*", "Décrivez la
# photo"), a JPEG with EXIF and GPS is stored re-encoded without any of
# them, shown at its size with its alt text, and served only to the
# group and its trainers (404 to anyone else and to no session).
# Run it alone with: bash tests/cgi/run 61
. "$(dirname "$0")/../lib.sh"

groups3
awa=$(join Awa "$G1")
bruno=$(join Bruno "$G1")
carl=$(join Carl "$G2")
trainer_add lina motdepasse-lina "$G1ID"
trainer_add paul motdepasse-paul "$G2ID"
tlogin lina motdepasse-lina; tl=$TK
tlogin paul motdepasse-paul; tp=$TK
CP="/api/comments?lesson=$L1"
FIX=tests/fixtures/photo-exif-gps.jpg

request -b "eystime=$awa" "$N$CP"
tok=$(csrf)
t "the new-message form is multipart/form-data, with a file field that offers the camera" \
	'has "enctype=\"multipart/form-data\"" && has "<input type=\"file\" id=\"photo0\" name=\"photo\" accept=\"image/*\">"'
t "… labelled \"Ajouter une photo de votre écran (facultatif)\", and \"Décrivez la photo\"" \
	'has "<label for=\"photo0\">Ajouter une photo de votre écran (facultatif)</label>" && has "<label for=\"alt0\">Décrivez la photo (facultatif)</label>" && has "name=\"alt\" maxlength=\"300\""'

# mpost COOKIE [curl -F options…]: a multipart POST of the discussion.
mpost() {
	local ck=$1
	shift
	request -H "Origin: $N" -b "eystime=$ck" "$@" "$N/api/comments"
}
mpost "$awa" -F "csrf=$tok" -F "lesson=$L1" -F kind=question \
	-F "body=Voici mon écran" -F "alt=Mon écran de mails" \
	-F "photo=@$FIX;type=image/jpeg;filename=IMG_0001.jpg"
m=$(mid)
t "Awa asks a question with a JPEG carrying EXIF and GPS → 303 to it" \
	'[ "$code" = 303 ] && [ -n "$m" ]'
row=$(dbq "SELECT id, group_id, width, height, bytes, length(jpeg), alt FROM photos WHERE message_id = ${m:-0}")
IFS='|' read -r P pg pw ph pb pl palt <<<"$row"
tq "… one photo row: the message's group, upright 48 × 96, bytes = length, its description" \
	'[ "$pg" = "$G1ID" ] && [ "$pw" = 48 ] && [ "$ph" = 96 ] && [ "$pb" = "$pl" ] && [ "$palt" = "Mon écran de mails" ]' ||
	echo "#   got $row"

request -b "eystime=$bruno" "$N$CP"
t "Bruno sees it in the message: <img> at its size, the description as alt, lazy" \
	'has "<img src=\"/api/photos/$P\" width=\"48\" height=\"96\" alt=\"Mon écran de mails\" loading=\"lazy\""'
tok_b=$(csrf)

request -b "eystime=$bruno" -o "$C/served.jpg" "$N/api/photos/$P"
t "GET /api/photos/ID as a participant of the group → 200 image/jpeg" \
	'[ "$code" = 200 ] && [ "$(hdr Content-Type)" = image/jpeg ]'
t "… Cache-Control: private, max-age=86400; nosniff" \
	'[ "$(hdr Cache-Control)" = "private, max-age=86400" ] && [ "$(hdr X-Content-Type-Options)" = nosniff ]'
cp "$BD" "$C/served.jpg"
sz=$(stat -c %s "$C/served.jpg")
magic=$(head -c 3 "$C/served.jpg" | od -An -tx1 | tr -d ' \n')
tq "… the bytes are the stored JPEG (FF D8 FF), at most 200 KB" \
	'[ "$magic" = ffd8ff ] && [ "$sz" = "$pb" ] && [ "$sz" -le 204800 ]' || echo "#   $magic $sz"
tq "… carrying no EXIF, XMP, IPTC or comment (by its bytes)" \
	'! grep -qaE "Exif|EystimeTestCam|SecretPhone|Awa Secret|secretkeyword|secret comment|http://ns.adobe.com" "$C/served.jpg"'
if command -v exiftool >/dev/null; then
	exiftool -a -G1 "$C/served.jpg" >"$C/exif.txt" 2>&1
	tq "… exiftool finds no GPS, no EXIF, no camera in it" \
		'! grep -qiE "^\[(GPS|EXIF|IFD0|XMP[^]]*|IPTC|ICC[^]]*)\]|Secret|EystimeTestCam|GPS Position" "$C/exif.txt" && grep -q "Image Size *: 48x96" "$C/exif.txt"' ||
		sed 's/^/#   /' "$C/exif.txt"
fi

request -b "eystime=$carl" "$N/api/photos/$P"
t "a participant of another group → 404" '[ "$code" = 404 ]'
request "$N/api/photos/$P"
t "no session → 404" '[ "$code" = 404 ]'
request -b "eystime=$tl" "$N/api/photos/$P"
t "a trainer's cookie on the participants' URL → 404 (the trainers' twin is theirs)" '[ "$code" = 404 ]'
request "$N/api/photos/999999" -b "eystime=$awa"
t "an unknown id → the same 404" '[ "$code" = 404 ]'
request -b "eystime_trainer=$tl" "$N/api/trainer/groups/$G1ID/photos/$P"
t "the group's trainer sees it at /trainer/groups/GID/photos/ID → 200 image/jpeg, same bytes" \
	'[ "$code" = 200 ] && [ "$(hdr Content-Type)" = image/jpeg ] && cmp -s "$BD" "$C/served.jpg"'
request -b "eystime_trainer=$tp" "$N/api/trainer/groups/$G1ID/photos/$P"
t "another group's trainer, through the group's URL → 404" '[ "$code" = 404 ]'
request -b "eystime_trainer=$tp" "$N/api/trainer/groups/$G2ID/photos/$P"
t "… through their own group's URL → 404" '[ "$code" = 404 ]'
request "$N/api/trainer/groups/$G1ID/photos/$P"
t "… and no trainer session → 404" '[ "$code" = 404 ]'
request -b "eystime=$awa" "$N/api/trainer/groups/$G1ID/photos/$P"
t "… a participant's cookie there → 404" '[ "$code" = 404 ]'
request -b "eystime_trainer=$tl" "$N/api/trainer/groups/$G1ID/talk?lesson=$L1"
t "the trainer's discussion shows the photo through the trainer URL" \
	'has "<img src=\"/api/trainer/groups/$G1ID/photos/$P\" width=\"48\" height=\"96\""'
t "… and the trainer's form takes a photo too" \
	'has "enctype=\"multipart/form-data\"" && has "name=\"photo\" accept=\"image/*\""'
ttok=$(csrf)

# A reply with a photo and no description: the alt says whose it is.
request -b "eystime=$bruno" "$N$CP&reply=$m"
t "the reply form offers a photo too" \
	'has "<input type=\"file\" id=\"photo$m\" name=\"photo\" accept=\"image/*\">"'
mpost "$bruno" -F "csrf=$tok_b" -F "lesson=$L1" -F "reply=$m" \
	-F "body=Chez moi pareil" -F "photo=@$FIX;type=image/jpeg;filename=a.jpg"
r=$(mid)
P2=$(dbq "SELECT id FROM photos WHERE message_id = ${r:-0}")
request -b "eystime=$awa" "$N$CP"
t "a reply with a photo, without description: alt \"Photo envoyée par Bruno\"" \
	'[ -n "$P2" ] && has "<img src=\"/api/photos/$P2\" width=\"48\" height=\"96\" alt=\"Photo envoyée par Bruno\""'

# The trainer posts a photo as well.
request -H "Origin: $N" -b "eystime_trainer=$tl" -F "csrf=$ttok" \
	-F "lesson=$L1" -F "reply=$m" -F "body=Regardez ici" \
	-F "photo=@$FIX;type=image/jpeg;filename=b.jpg" \
	"$N/api/trainer/groups/$G1ID/talk"
P3=$(dbq "SELECT p.id FROM photos p JOIN messages m ON m.id = p.message_id WHERE m.trainer_id IS NOT NULL")
t "the trainer answers with a photo (303), stored for the group" \
	'[ "$code" = 303 ] && [ -n "$P3" ]'
request -b "eystime=$bruno" "$N/api/photos/$P3"
t "… which the group's participants get" '[ "$code" = 200 ]'

n=$(dbq "SELECT count(*) FROM photos")
tq "three photos stored, no more" '[ "$n" = 3 ]'
finish
