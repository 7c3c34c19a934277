#!/bin/bash
# 03-join: joining a group: the code, the cookie, names taken twice, HTTPS.
# Run it alone with: bash tests/cgi/run 03
. "$(dirname "$0")/../lib.sh"

groups3

npost /api/join "code=$G1&name=Awa&next=$(urlenc "$U1")"
awa=$(cookie)
t "join with the right code → her card, then \"Continuer\" to next" \
	'card_made && [ "$(continue_to)" = "$U1" ]'
t "join sets eystime=… with HttpOnly, SameSite=Lax, Path=/api" \
	'[ -n "$awa" ] && cookie_attr HttpOnly && cookie_attr SameSite=Lax && cookie_attr Path=/api'
t "the cookie is not Secure over plain HTTP" '! cookie_attr Secure'
npost /api/join "code=ZZZZ99&name=Awa&next=$(urlenc "$U1")"
t "join with a wrong code → 400 page with the join form, no cookie" \
	'[ "$code" = 400 ] && has "action=\"/api/join\"" && has "name=\"code\"" && has "role=\"alert\"" && [ -z "$(cookie)" ]'
lc=$(printf '%s' "$G1" | tr 'A-Z' 'a-z')
npost /api/join "code=${lc:0:3}-${lc:3}&name=Bea&next=/"
bea=$(cookie)
t "a code typed in lower case with a dash is accepted" \
	'card_made && [ -n "$bea" ]'
awa2=$(join Awa "$G1")
request -b "eystime=$awa2" "$N/api/me"
t "a second \"Awa\" in the same group is \"Awa 2\" (on /api/me)" \
	'[ "$code" = 200 ] && has "Bonjour Awa 2 !"'
request -b "eystime=$awa2" "$N/api/progress"
t "… and \"Awa 2\" on /api/progress" 'has "\"name\":\"Awa 2\""'
request -H "Origin: $N" -H "$FORM" --data-binary "code=$G1&name=Tina&next=/" \
	"$N/tls-api/join"
t "behind HTTPS (the server passes HTTPS=on) the cookie is Secure" \
	'card_made && cookie_attr Secure'

finish
