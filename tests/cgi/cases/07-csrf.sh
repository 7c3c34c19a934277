#!/bin/bash
# 07-csrf: POSTs from another site: Origin and Referer.
# Run it alone with: bash tests/cgi/run 07
. "$(dirname "$0")/../lib.sh"

groups3
awa=$(join Awa "$G1")

request -H "$FORM" --data-binary "lesson=$L2" -b "eystime=$awa" "$N/api/done"
t "POST without Origin and without Referer → 403" '[ "$code" = 403 ]'
request -H "Origin: http://evil.example" -H "$FORM" --data-binary "lesson=$L2" \
	-b "eystime=$awa" "$N/api/done"
t "POST with the Origin of another site → 403" '[ "$code" = 403 ]'
request -H "Origin: null" -H "$FORM" --data-binary "lesson=$L2" -b "eystime=$awa" "$N/api/done"
t "POST with Origin: null → 403" '[ "$code" = 403 ]'
request -H "Referer: http://evil.example$U2" -H "$FORM" --data-binary "lesson=$L2" \
	-b "eystime=$awa" "$N/api/done"
t "POST with no Origin and a Referer from another site → 403" '[ "$code" = 403 ]'
request -H "Referer: $N.evil.example/" -H "$FORM" --data-binary "lesson=$L2" \
	-b "eystime=$awa" "$N/api/done"
t "POST with a Referer that only starts like the site → 403" '[ "$code" = 403 ]'
request -H "Referer: $N$U2" -H "$FORM" --data-binary "lesson=$L2&next=$(urlenc "$U2")" \
	-b "eystime=$awa" "$N/api/done"
t "POST with no Origin but a Referer from the site → accepted (303)" \
	'[ "$code" = 303 ] && [ "$(hdr Location)" = "/api/done?lesson=$L2" ]'
request -H "Origin: http://evil.example" -H "$FORM" \
	--data-binary "code=$G1&name=Eve&next=/" "$N/api/join"
t "join from another site → 403, no cookie" '[ "$code" = 403 ] && [ -z "$(cookie)" ]'

finish
