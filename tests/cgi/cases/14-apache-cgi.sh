#!/bin/bash
# 14-apache-cgi: the program behind Apache as plain CGI (mod_cgid), and the
# 300 KB limit.
# Run it alone with: bash tests/cgi/run 14
. "$(dirname "$0")/../lib.sh"

groups3
big17k
# Ines joins and ticks a lesson through mod_fcgid.
apost /api/join "code=$G2&name=Ines&next=$(urlenc "$U1")"
ines=$(cookie)
apost /api/done "lesson=$L2&next=$(urlenc "$U2")" -b "eystime=$ines"

request "$A/cgi-api/health"
t "Apache plain CGI: GET /cgi-api/health → 200" '[ "$code" = 200 ] && has ok'
request -b "eystime=$ines" "$A/cgi-api/progress"
t "Apache plain CGI: progress shows what was done through mod_fcgid" \
	'[ "$code" = 200 ] && has "\"joined\":true" && has "\"$L2\""'
apost /cgi-api/done "lesson=$L3&next=/" -b "eystime=$ines"
done_code=$code
request -b "eystime=$ines" "$A/cgi-api/progress"
t "Apache plain CGI: done → 303, then in progress" \
	'[ "$done_code" = 303 ] && has "\"$L3\""'
request "$A/cgi-api/no-such-route"
t "Apache plain CGI: unknown route → 404 page" '[ "$code" = 404 ] && has "Page introuvable"'
# The program answers 413 without reading the body. Under mod_cgid, when
# the rest of the body arrives after the program has answered and exited,
# the answer is lost (connection reset); a phone on a slow link does just
# that. (At full speed the answer is lost now and then only.)
c1=""
for i in 1 2 3 4 5; do
	c1="$c1 $(slow_post "$A" /cgi-api/done "$C/big17k")"
done
tq "Apache plain CGI: a body over 16 KB sent slowly (two parts) → 413 (5 tries)" \
	'[ "$c1" = " 413 413 413 413 413" ]' || echo "#   got:$c1"
{
	printf 'lesson=%s&body=' "$L1"
	head -c 300000 /dev/zero | tr '\0' 'a'
} >"$C/big300k"
c1="" c2=""
for i in 1 2 3; do
	apost /cgi-api/done "@$C/big300k" -b "eystime=$ines"
	c1="$c1 $code"
	apost /api/done "@$C/big300k" -b "eystime=$ines"
	c2="$c2 $code"
done
n3=$(dbq "SELECT count(*) FROM completions c JOIN participants p ON p.id = c.participant_id WHERE p.name = 'Ines' AND c.lesson = '$L1'")
tq "Apache: a 300 KB body is refused (LimitRequestBody; plain CGI: 413)" \
	'[ "$c1" = " 413 413 413" ] && [ -z "$(echo $c2 | tr " " "\n" | grep -v "^4")" ] && [ "$n3" = 0 ]' ||
	echo "#   plain CGI:$c1; mod_fcgid:$c2"

finish
