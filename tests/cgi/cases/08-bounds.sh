#!/bin/bash
# 08-bounds: bounds and validation: body size, UTF-8, control characters, name
# length.
# Run it alone with: bash tests/cgi/run 08
. "$(dirname "$0")/../lib.sh"

groups3
awa=$(join Awa "$G1")

big17k
npost /api/done "@$C/big17k" -b "eystime=$awa"
t "a body over 16 KB → 413" '[ "$code" = 413 ]'
sc=$(slow_post "$N" /api/done "$C/big17k")
tq "a body over 16 KB sent slowly (two parts) → 413" '[ "$sc" = 413 ]' ||
	echo "#   got $sc"
npost /api/join "code=$G1&name=%C3%28&next=/"
t "bad UTF-8 in a field (%C3%28) → 400" '[ "$code" = 400 ] && [ -z "$(cookie)" ]'
npost /api/join "code=$G1&name=A%00b&next=/"
t "a NUL byte in a field → 400" '[ "$code" = 400 ] && [ -z "$(cookie)" ]'
npost /api/join "code=$G1&name=Ab%01c&next=/"
t "a control character (U+0001) in the name → 400" \
	'[ "$code" = 400 ] && [ -z "$(cookie)" ]'
npost /api/join "code=$G1&name=Ab%0Ac&next=/"
t "a line break inside the name → 400" '[ "$code" = 400 ] && [ -z "$(cookie)" ]'
npost /api/join "code=$G1&name=Ab%09c&next=/"
t "a tab inside the name → 400" '[ "$code" = 400 ] && [ -z "$(cookie)" ]'
npost /api/join "code=$G1&name=$(printf 'a%.0s' $(seq 1 41))&next=/"
t "a name of 41 characters → 400" '[ "$code" = 400 ] && [ -z "$(cookie)" ]'
npost /api/join "code=$G1&name=$(printf '%%C3%%A9%.0s' $(seq 1 41))&next=/"
t "a name of 41 accented letters → 400" '[ "$code" = 400 ] && [ -z "$(cookie)" ]'
npost /api/join "code=$G1&name=$(printf '%%C3%%A9%.0s' $(seq 1 40))&next=/"
t "a name of 40 accented letters (80 bytes) is accepted" \
	'card_made && [ -n "$(cookie)" ]'
request -b "eystime=$awa" "$N/api/comments?lesson=%C3%28"
t "bad UTF-8 in the query string → 400" '[ "$code" = 400 ]'

finish
