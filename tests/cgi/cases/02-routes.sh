#!/bin/bash
# 02-routes: the program's routes: health, 404, 405 and Allow, no session.
# Run it alone with: bash tests/cgi/run 02
. "$(dirname "$0")/../lib.sh"

request "$N/api/health"
t "GET /api/health → 200 ok" '[ "$code" = 200 ] && has ok'
request -I "$N/api/health"
t "HEAD /api/health → 200" '[ "$code" = 200 ] && [ "$(hdr Content-Length)" = 3 ]'
request "$N/api/no-such-route"
t "unknown route → 404 page in French" \
	'[ "$code" = 404 ] && type_is text/html && has "<html lang=\"fr\"" && has "Page introuvable"'
request "$N/api/join"
t "GET /api/join → 405 with Allow: POST" \
	'[ "$code" = 405 ] && [ "$(hdr Allow)" = POST ]'
request -X DELETE "$N/api/progress"
t "DELETE /api/progress → 405 with Allow: GET, HEAD" \
	'[ "$code" = 405 ] && [ "$(hdr Allow)" = "GET, HEAD" ]'
request "$N/api/progress"
t "GET /api/progress without a session → joined:false" \
	'[ "$code" = 200 ] && type_is application/json && has "\"joined\":false"'

finish
