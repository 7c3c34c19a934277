#!/bin/bash
# 15-shared-hosting: Apache as on shared hosting: the .htaccess and api script
# of docs/deploy.md.
# Run it alone with: bash tests/cgi/run 15
. "$(dirname "$0")/../lib.sh"

groups3

request "$S/api/health"
t "shared hosting (.htaccess): GET /api/health → 200" '[ "$code" = 200 ] && has ok'
request -H "Origin: $S" -H "$FORM" --data-binary "code=$G1&name=Jade&next=$(urlenc "$U1")" \
	"$S/api/join"
jade=$(cookie)
t "shared hosting: join → her card and the session cookie" \
	'card_made && [ "$(continue_to)" = "$U1" ] && [ -n "$jade" ] && cookie_attr Path=/api'
request -H "Origin: $S" -H "$FORM" --data-binary "lesson=$L1&next=$(urlenc "$U1")" \
	-b "eystime=$jade" "$S/api/done"
done_code=$code
request -b "eystime=$jade" "$S/api/progress"
t "shared hosting: done → 303, then in /api/progress" \
	'[ "$done_code" = 303 ] && has "\"joined\":true" && has "\"$L1\""'
request "$S/api"
t "shared hosting: the api script is run, never shown" \
	'[ "$code" = 404 ] && has "Page introuvable" && ! has EYSTIME_DB'
request "$S/_eystime/lessons.tsv"
t "shared hosting: _eystime/ is not served" '[ "$code" = 404 ]'
request "$S/"
t "shared hosting: the site's home page" '[ "$code" = 200 ] && has "<html lang=\"fr\""'

finish
