#!/bin/bash
# 60-multipart: multipart/form-data POSTs (a form that may carry a photo,
# cgi/multipart.c): their text fields reach the same validators as a
# URL-encoded form's; a file is refused by a route without a file field;
# a malformed body gets 400 with its reason; the larger bound is read
# (HTTP_MAX_UPLOAD) and applies to multipart only.
# Run it alone with: bash tests/cgi/run 60
. "$(dirname "$0")/../lib.sh"

groups3
awa=$(join Awa "$G1")
CP="/api/comments?lesson=$L1"
request -b "eystime=$awa" "$N$CP"
tok=$(csrf)

# mpost PATH [curl -F options…]: a multipart POST through nginx.
mpost() {
	local path=$1
	shift
	request -H "Origin: $N" -b "eystime=$awa" "$@" "$N$path"
}

mpost /api/comments -F "csrf=$tok" -F "lesson=$L1" -F kind=question \
	-F "body=Bonjour en multipart é"
m=$(mid)
t "a multipart form without a file posts a message (303), as URL-encoded does" \
	'[ "$code" = 303 ] && [ -n "$m" ]'
request -b "eystime=$awa" "$N$CP"
t "its text arrived whole, UTF-8 kept" 'has "Bonjour en multipart é"'

mpost /api/comments -F "csrf=$tok" -F "lesson=$L1" -F kind=question \
	-F "body=$(printf 'a\001b')"
t "a control character in a multipart text field → 400" '[ "$code" = 400 ]'

mpost /api/comments -F "csrf=bad" -F "lesson=$L1" -F "body=x"
t "the form token is checked in a multipart form too (403)" \
	'[ "$code" = 403 ]'

mpost /api/comments -F "csrf=$tok" -F "lesson=nowhere/none" -F "body=x"
t "the lesson validator sees a multipart field (400)" '[ "$code" = 400 ]'

head -c 20000 /dev/urandom >"$C/photo.bin"
mpost /api/done -F "csrf=$tok" -F "lesson=$L1" \
	-F "photo=@$C/photo.bin;type=image/jpeg;filename=ecran.jpg"
t "a file sent to a route without a file field (/done) → 400, with the reason" \
	'[ "$code" = 400 ] && has "accepte pas de fichier"'

# An empty file input, as a browser sends it when no photo was chosen.
B=eystimeB
printf -- '--%s\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n%s\r\n--%s\r\nContent-Disposition: form-data; name="lesson"\r\n\r\n%s\r\n--%s\r\nContent-Disposition: form-data; name="kind"\r\n\r\nquestion\r\n--%s\r\nContent-Disposition: form-data; name="body"\r\n\r\nSans photo\r\n--%s\r\nContent-Disposition: form-data; name="photo"; filename=""\r\nContent-Type: application/octet-stream\r\n\r\n\r\n--%s--\r\n' \
	"$B" "$tok" "$B" "$L1" "$B" "$B" "$B" "$B" >"$C/empty-file"
mpost /api/comments -H "Content-Type: multipart/form-data; boundary=$B" \
	--data-binary "@$C/empty-file"
t "an empty file input (no photo chosen) is no file: the message posts (303)" \
	'[ "$code" = 303 ]'

mpost /api/comments -H "Content-Type: multipart/form-data" \
	--data-binary "@$C/empty-file"
t "multipart without a boundary → 400 \"séparateur manquant\"" \
	'[ "$code" = 400 ] && has "séparateur manquant"'
head -c $(($(stat -c %s "$C/empty-file") - 12)) "$C/empty-file" >"$C/cut"
mpost /api/comments -H "Content-Type: multipart/form-data; boundary=$B" \
	--data-binary "@$C/cut"
t "a multipart body cut before its closing boundary → 400" \
	'[ "$code" = 400 ] && has "séparateur de fin"'

# 20 KB of text in a URL-encoded body is over its 16 KB bound (413); in a
# multipart body it is read, and the field's own 8 KB bound answers.
head -c 20000 /dev/zero | tr '\0' 'a' >"$C/big"
mpost /api/comments -F "csrf=$tok" -F "lesson=$L1" -F "body=<$C/big"
t "a multipart body over 16 KB is read (400 for its 20 KB field, not 413)" \
	'[ "$code" = 400 ] && has "illisibles ou texte trop long"'

# Past HTTP_MAX_UPLOAD: 413 before reading. (Straight to the program as
# plain CGI: the web servers of the tests cap bodies lower.)
out=$(printf 'x' | env -i REQUEST_METHOD=POST PATH_INFO=/comments \
	CONTENT_TYPE="multipart/form-data; boundary=$B" \
	CONTENT_LENGTH=$((10 * 1024 * 1024 + 1)) GATEWAY_INTERFACE=CGI/1.1 \
	EYSTIME_DB="$DB" EYSTIME_SITE="$OUT/site" EYSTIME_ORIGIN="$N" \
	EYSTIME_NO_SECCOMP=1 "$OUT/bin/eystime-cgi" 2>/dev/null | head -1 |
	tr -d '\r')
t "a multipart body over 10 MB → 413 (plain CGI)" \
	'[ "$out" = "Status: 413 Payload Too Large" ]' || echo "#   got $out"

finish
