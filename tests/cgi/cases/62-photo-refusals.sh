#!/bin/bash
# 62-photo-refusals: what a photo may be. PNG and WebP are taken (a big
# one comes back within 1,280 px and 200 KB); SVG, GIF, a text file named
# .jpg, a pixel bomb and a 12 MB body are refused with the reason, the
# message typed kept in the form, nothing written.
# Run it alone with: bash tests/cgi/run 62
. "$(dirname "$0")/../lib.sh"

groups3
awa=$(join Awa "$G1")
CP="/api/comments?lesson=$L1"
request -b "eystime=$awa" "$N$CP"
tok=$(csrf)
mpost() {
	request -H "Origin: $N" -b "eystime=$awa" "$@" "$N/api/comments"
}
# The images, made here (python3's zlib: no image library needed).
python3 - "$C" <<'PY'
import os, struct, sys, zlib
d = sys.argv[1]
def png(path, w, h, rows):
    def chunk(t, b):
        c = struct.pack(">I", len(b)) + t + b
        return c + struct.pack(">I", zlib.crc32(t + b) & 0xffffffff)
    ihdr = struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) +
                chunk(b"IDAT", zlib.compress(rows, 1)) + chunk(b"IEND", b""))
# 1,600 × 1,200 of noise: about 5.8 MB that no JPEG of 1,280 px holds in
# 200 KB at the first quality.
w, h = 1600, 1200
png(os.path.join(d, "big.png"), w, h,
    b"".join(b"\0" + os.urandom(w * 3) for _ in range(h)))
png(os.path.join(d, "small.png"), 40, 30, b"".join(
    b"\0" + b"".join(bytes([x * 6, y * 8, 90]) for x in range(40))
    for y in range(30)))
# A pixel bomb: a header of 30,000 × 30,000 px (900 Mpx) over a few bytes.
png(os.path.join(d, "bomb.png"), 30000, 30000, b"\0" * 64)
open(os.path.join(d, "anim.gif"), "wb").write(
    b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04"
    b"\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D"
    b"\x01\x00;")
open(os.path.join(d, "dessin.svg"), "w").write(
    '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" '
    'width="10" height="10"><script>alert(1)</script></svg>\n')
open(os.path.join(d, "notes.jpg"), "w").write("Ceci est un texte, pas une photo.\n" * 20)
with open(os.path.join(d, "huge.jpg"), "wb") as f:
    f.write(b"\xff\xd8\xff\xe0" + os.urandom(12 * 1024 * 1024))
PY

mpost -F "csrf=$tok" -F "lesson=$L1" -F kind=question -F "body=Une grande PNG" \
	-F "photo=@$C/big.png;type=image/png;filename=capture.png"
m=$(mid)
row=$(dbq "SELECT width, height, bytes FROM photos WHERE message_id = ${m:-0}")
IFS='|' read -r w h b <<<"$row"
t "a 1,600 × 1,200 PNG (5.8 MB of noise) is taken (303)" '[ "$code" = 303 ] && [ -n "$row" ]'
tq "… stored within 1,280 px and 200 KB (got ${w}×${h}, $b bytes)" \
	'[ "$w" -le 1280 ] && [ "$h" -le 1280 ] && [ "$w" -ge "$h" ] && [ "$b" -le 204800 ] && [ "$b" -gt 1000 ]'
P=$(dbq "SELECT id FROM photos WHERE message_id = ${m:-0}")
request -b "eystime=$awa" "$N/api/photos/$P"
magic=$(head -c 3 "$BD" | od -An -tx1 | tr -d ' \n')
t "… served as a JPEG, whatever was sent" '[ "$code" = 200 ] && [ "$magic" = ffd8ff ] && [ "$(stat -c %s "$BD")" = "$b" ]'

mpost -F "csrf=$tok" -F "lesson=$L1" -F kind=astuce -F "body=Une petite PNG" \
	-F "photo=@$C/small.png;type=image/png;filename=p.png"
row=$(dbq "SELECT width || 'x' || height FROM photos WHERE message_id = $(mid)")
t "a small PNG is taken at its size (40x30)" '[ "$code" = 303 ] && [ "$row" = 40x30 ]'
mpost -F "csrf=$tok" -F "lesson=$L1" -F kind=astuce -F "body=Une WebP" \
	-F "photo=@tests/fixtures/photo.webp;type=image/webp;filename=p.webp"
row=$(dbq "SELECT width || 'x' || height FROM photos WHERE message_id = $(mid)")
t "a WebP is taken (80x60)" '[ "$code" = 303 ] && [ "$row" = 80x60 ]'

n0=$(dbq "SELECT count(*) FROM messages")
# refused NAME FILE TYPE REASON: posted with a message, refused with REASON.
refused() {
	local what=$1 why=$4
	mpost -F "csrf=$tok" -F "lesson=$L1" -F kind=ressource \
		-F "body=Mon texte à garder <b>$1</b>" -F "alt=Ma description $1" \
		-F "photo=@$2;type=$3;filename=$(basename "$2")"
	t "$1 → 400 with the reason: \"$4\"" '[ "$code" = 400 ] && has "$why"'
	t "… the form comes back with the message and the description typed (escaped), kind kept" \
		'has "Mon texte à garder &lt;b&gt;$what&lt;/b&gt;</textarea>" && has "value=\"Ma description $what\"" && has "value=\"ressource\" checked" && has "enctype=\"multipart/form-data\""'
}
refused "an SVG" "$C/dessin.svg" image/svg+xml "Les images SVG ne sont pas acceptées"
refused "a GIF" "$C/anim.gif" image/gif "Les images GIF ne sont pas acceptées"
refused "a text file named .jpg" "$C/notes.jpg" image/jpeg "Ce fichier n&#39;est pas une photo acceptée"
refused "a pixel bomb (30,000 × 30,000 px in a few bytes)" "$C/bomb.png" image/png "Photo trop grande (40 millions de pixels au plus)"
n1=$(dbq "SELECT count(*) FROM messages")
tq "… and none of them wrote a message" '[ "$n0" = "$n1" ]'

mpost -F "csrf=$tok" -F "lesson=$L1" -F kind=question -F "body=Trop lourd" \
	-F "photo=@$C/huge.jpg;type=image/jpeg;filename=huge.jpg"
t "a 12 MB body → 413 with the reason (the web server's bound for photo routes)" \
	'[ "$code" = 413 ] && has "10 Mo au plus"'
n2=$(dbq "SELECT count(*) FROM messages")
tq "… nothing written" '[ "$n2" = "$n1" ]'

# Apache lets the photo routes through at 11 MB too (LocationMatch,
# FcgidMaxRequestLen), through mod_fcgid and as plain CGI.
for base in /api /cgi-api; do
	request -H "Origin: $A" -b "eystime=$awa" -F "csrf=$tok" -F "lesson=$L1" \
		-F kind=question -F "body=Par Apache $base" \
		-F "photo=@$C/big.png;type=image/png;filename=capture.png" "$A$base/comments"
	n=$(dbq "SELECT count(*) FROM photos p JOIN messages m ON m.id = p.message_id WHERE m.body = 'Par Apache $base'")
	t "Apache $base: a 5.8 MB PNG with a message is taken (303, stored)" '[ "$code" = 303 ] && [ "$n" = 1 ]'
done

# The larger bound is for the photo routes only.
head -c 300000 /dev/zero | tr '\0' 'a' >"$C/big300k"
request -H "Origin: $N" -b "eystime=$awa" -F "csrf=$tok" -F "lesson=$L1" \
	-F "photo=@$C/big300k;type=image/jpeg;filename=x.jpg" "$N/api/done"
t "a 300 KB multipart body on a route without photos (/done) → 413 (64 KB there)" \
	'[ "$code" = 413 ]'

finish
