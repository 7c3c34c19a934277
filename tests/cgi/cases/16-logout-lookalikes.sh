#!/bin/bash
# 16-logout-lookalikes: log out, twelve messages at once, names with invisible
# characters.
# Run it alone with: bash tests/cgi/run 16
. "$(dirname "$0")/../lib.sh"

groups3

lo=$(join "Lou" "$G1")
request -b "eystime=$lo" "$N/api/me"
tok_lo=$(csrf)
t "Mon parcours has a log-out form" 'has "/api/logout" && [ -n "$tok_lo" ]'
npost /api/logout "csrf=0000" -b "eystime=$lo"
t "log out with a wrong token → 403" '[ "$code" = 403 ]'
npost /api/logout "csrf=$tok_lo" -b "eystime=$lo"
t "log out → 303 and the cookie cleared" \
	'[ "$code" = 303 ] && hdr Set-Cookie | grep -q "^eystime=;"'
request -b "eystime=$lo" "$N/api/progress"
t "after log out the old cookie is no session" 'has "\"joined\":false"'
# Twelve messages at once from one participant: exactly five get in.
rq=$(join "Rapide" "$G1")
request -b "eystime=$rq" "$N/api/comments?lesson=$L1"
tok_rq=$(csrf)
for i in 1 2 3 4 5 6 7 8 9 10 11 12; do
	curl -s -o /dev/null -w '%{http_code}\n' --max-time 20 -H "Origin: $N" \
		-H "$FORM" -b "eystime=$rq" \
		--data-binary "csrf=$tok_rq&lesson=$L1&kind=question&body=parallel$i" \
		"$N/api/comments" >>"$C/par.codes" &
done
wait
n303=$(grep -c '^303$' "$C/par.codes")
n429=$(grep -c '^429$' "$C/par.codes")
stored=$(dbq "SELECT count(*) FROM messages m JOIN participants p ON p.id = m.participant_id WHERE p.name = 'Rapide'")
tq "12 parallel messages: 5 stored, 7 refused with 429" \
	'[ "$n303" = 5 ] && [ "$n429" = 7 ] && [ "$stored" = 5 ]' ||
	echo "#   303: $n303, 429: $n429, stored: $stored"
for bad in '%E2%80%8B' '%C2%85' '%E2%80%AE' '%EF%BB%BF'; do
	npost /api/join "code=$G1&name=Awa$bad&next=%2F"
	t "a name with an invisible character ($bad) → 400" '[ "$code" = 400 ]'
done

finish
