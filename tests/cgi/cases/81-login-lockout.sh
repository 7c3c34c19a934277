#!/bin/bash
# 81-login-lockout: an attacker cannot lock a trainer out (issue 18, item
# 2), and concurrent workers give no extra guess (item 12). Failed logins
# count per (login, address), per address and for the whole site
# (OWASP's guidance): failures for "marie" from 127.0.0.2 slow 127.0.0.2,
# not marie at 127.0.0.1; a network of addresses spends the site-wide
# budget (100 an hour); 8 wrong passwords sent at once from one address
# get no more than the 3 free checks.
# Run it alone with: bash tests/cgi/run 81
. "$(dirname "$0")/../lib.sh"

groups3
trainer_add marie motdepasse-marie "$G1ID"
from() {
	local a=$1
	shift
	request --interface "127.0.0.$a" -H "Origin: $N" -H "$FORM" "$@"
}

dbq "DELETE FROM login_failures"
for i in 1 2 3; do
	from 2 --data-binary "login=marie&password=devine-$i" "$N/api/trainer/login"
done
c3=$code
# The delay runs from the last failure: moved ahead, as by an attacker
# who sends one more each time the delay runs out.
dbq "UPDATE login_failures SET at = strftime('%s','now') + 1000"
from 2 --data-binary "login=marie&password=devine-4" "$N/api/trainer/login"
t "3 wrong passwords for marie from 127.0.0.2, then the 4th from there waits (429, Retry-After)" \
	'[ "$c3" = 401 ] && [ "$code" = 429 ] && [ "$(hdr Retry-After)" -gt 900 ]'
from 2 --data-binary "login=marie&password=motdepasse-marie" "$N/api/trainer/login"
t "… even the right password from the attacker's address waits" '[ "$code" = 429 ] && [ -z "$(tcookie)" ]'
tlogin marie motdepasse-marie
t "marie's right password from her own address (127.0.0.1) logs her in: no lock-out" \
	'[ "$code" = 303 ] && [ -n "$TK" ]'
tq "… and the attacker's address still waits: its failures are not forgiven by her login" \
	'[ "$(dbq "SELECT count(*) FROM login_failures WHERE key = '"'login:marie@127.0.0.2'"'")" = 3 ]'

# A network of addresses: the site-wide budget.
dbq "DELETE FROM login_failures"
for i in $(seq 1 100); do
	echo "INSERT INTO login_failures(key, at) VALUES ('login:*', strftime('%s','now') + 1000);"
done >"$C/fails.sql"
dbq "$(cat "$C/fails.sql")"
from 3 --data-binary "login=marie&password=motdepasse-marie" "$N/api/trainer/login"
t "100 failures on the site within the hour (from anywhere): every login waits (429, Retry-After)" \
	'[ "$code" = 429 ] && [ "$(hdr Retry-After)" -gt 900 ] && [ -z "$(tcookie)" ]'

# Eight wrong passwords at once from one address, on two workers: the
# check and the count are one transaction, so at most the 3 free ones
# are checked (401); the others wait (429) or find the password checks
# busy (503).
dbq "DELETE FROM login_failures"
for i in 1 2 3 4 5 6 7 8; do
	curl -sS --max-time 30 --interface 127.0.0.4 -o /dev/null -w '%{http_code}\n' \
		-H "Origin: $N" -H "$FORM" --data-binary "login=marie&password=essai-$i" \
		"$N/api/trainer/login" >"$C/race.$i" 2>>"$C/curl.err" &
done
wait
n401=$(cat "$C"/race.* | grep -c '^401$')
nother=$(cat "$C"/race.* | grep -vcE '^(401|429|503)$')
nrows=$(dbq "SELECT count(*) FROM login_failures WHERE key = 'login:marie@127.0.0.4'")
tq "8 wrong passwords at once from one address: at most 3 checked (401), the others 429 or 503; as many failures counted as checked" \
	'[ "$n401" -ge 1 ] && [ "$n401" -le 3 ] && [ "$nother" = 0 ] && [ "$nrows" = "$n401" ]' ||
	{ echo "#   answers: $(cat "$C"/race.* | sort | uniq -c | tr '\n' ' '); rows: $nrows"; }

finish
