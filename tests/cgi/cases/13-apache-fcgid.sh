#!/bin/bash
# 13-apache-fcgid: the site and the program behind Apache with mod_fcgid.
# Run it alone with: bash tests/cgi/run 13
. "$(dirname "$0")/../lib.sh"

groups3
big17k

request "$A/"
t "Apache serves the site's home page" '[ "$code" = 200 ] && has "<html lang=\"fr\""'
request "$A/api/health"
t "Apache mod_fcgid: GET /api/health → 200" '[ "$code" = 200 ] && has ok'
apost /api/join "code=$G2&name=Ines&next=$(urlenc "$U1")"
ines=$(cookie)
t "Apache mod_fcgid: join → her card and the session cookie" \
	'card_made && [ "$(continue_to)" = "$U1" ] && [ -n "$ines" ] && cookie_attr HttpOnly'
apost /api/done "lesson=$L2&next=$(urlenc "$U2")" -b "eystime=$ines"
t "Apache mod_fcgid: done → 303 to \"C'est noté\"" '[ "$code" = 303 ] && [ "$(hdr Location)" = "/api/done?lesson=$L2" ]'
request -b "eystime=$ines" "$A/api/progress"
t "Apache mod_fcgid: /api/progress lists the lesson" \
	'[ "$code" = 200 ] && has "\"joined\":true" && has "\"$L2\""'
request -H "Origin: $N" -H "$FORM" --data-binary "lesson=$L1" -b "eystime=$ines" \
	"$A/api/done"
t "Apache mod_fcgid: a POST with another origin (nginx's) → 403" '[ "$code" = 403 ]'
request "$A/api/no-such-route"
t "Apache mod_fcgid: unknown route → 404 page" '[ "$code" = 404 ] && has "Page introuvable"'
apost /api/done "@$C/big17k" -b "eystime=$ines"
t "Apache mod_fcgid: a body over 16 KB → 413" '[ "$code" = 413 ]'
sc=$(slow_post "$A" /api/done "$C/big17k")
tq "Apache mod_fcgid: a body over 16 KB sent slowly (two parts) → 413" \
	'[ "$sc" = 413 ]' || echo "#   got $sc"

finish
