#!/bin/bash
# 82-cookie-secure: both cookies get Secure from one rule (issue 18, item
# 3): EYSTIME_ORIGIN https, or the server says TLS (HTTPS=on). Behind a
# proxy that ends TLS and talks plain HTTP to the web server there is no
# HTTPS variable: the program is run here as plain CGI with exactly the
# variables such a server passes.
# Run it alone with: bash tests/cgi/run 82
. "$(dirname "$0")/../lib.sh"

groups3
trainer_add marie motdepasse-marie "$G1ID"
# cgi ORIGIN PATH BODY [VAR=value…]: one POST to the program as plain
# CGI, from the site's origin; headers and body in $C/cgi.out.
cgi() {
	local origin=$1 path=$2 body=$3
	shift 3
	printf '%s' "$body" | env -i PATH=/usr/bin:/bin EYSTIME_DB="$DB" \
		EYSTIME_SITE="$OUT/site" EYSTIME_ORIGIN="$origin" \
		GATEWAY_INTERFACE=CGI/1.1 SERVER_PROTOCOL=HTTP/1.1 \
		REQUEST_METHOD=POST SCRIPT_NAME=/api PATH_INFO="$path" \
		CONTENT_TYPE=application/x-www-form-urlencoded \
		CONTENT_LENGTH=${#body} HTTP_ORIGIN="$origin" \
		REMOTE_ADDR=192.0.2.10 "$@" "$OUT/bin/eystime-cgi" \
		>"$C/cgi.out" 2>"$C/cgi.err"
}
# The Set-Cookie line of the last run, for cookie NAME.
setcookie() { tr -d '\r' <"$C/cgi.out" | grep -i "^Set-Cookie: $1=" | head -1; }
# secure LINE: 1 when that Set-Cookie line has the Secure attribute.
secure() { printf '%s\n' "$1" | tr ';' '\n' | sed 's/^ *//' | grep -qx Secure; }

P=https://cours.example.org
cgi "$P" /join "code=$G1&name=Awa&next=/"
pc=$(setcookie eystime)
cgi "$P" /trainer/login "login=marie&password=motdepasse-marie"
tc=$(setcookie eystime_trainer)
tq "EYSTIME_ORIGIN https and no HTTPS variable: the participant's cookie has Secure" \
	'[ -n "$pc" ] && secure "$pc"' || echo "#   $pc"
tq "… and the trainer's too" '[ -n "$tc" ] && secure "$tc"' ||
	{ echo "#   $tc"; head -3 "$C/cgi.out" | sed 's/^/#   /'; }

P=http://127.0.0.1:9
cgi "$P" /join "code=$G1&name=Bea&next=/" HTTPS=on
pc=$(setcookie eystime)
cgi "$P" /trainer/login "login=marie&password=motdepasse-marie" HTTPS=on
tc=$(setcookie eystime_trainer)
tq "EYSTIME_ORIGIN http but HTTPS=on: both cookies have Secure" \
	'[ -n "$pc" ] && secure "$pc" && [ -n "$tc" ] && secure "$tc"' || echo "#   $pc | $tc"
cgi "$P" /join "code=$G1&name=Cleo&next=/"
pc=$(setcookie eystime)
cgi "$P" /trainer/login "login=marie&password=motdepasse-marie"
tc=$(setcookie eystime_trainer)
tq "plain HTTP everywhere (the tests' servers): neither has Secure (a browser would drop it)" \
	'[ -n "$pc" ] && ! secure "$pc" && [ -n "$tc" ] && ! secure "$tc"' || echo "#   $pc | $tc"

finish
