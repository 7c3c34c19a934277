#!/bin/bash
# 83-login-burst: a burst of trainer logins does not starve participants
# (issue 18, item 5). Each password check (argon2id) takes 64 MiB and a
# core for about 0.1 s; at most GATE_SLOTS (1) run at once across the
# workers: a login past it gets 503 with Retry-After at once, and a
# participant's /progress is answered (200) during the burst. No timing
# is measured: only the answers.
# Run it alone with: bash tests/cgi/run 83
. "$(dirname "$0")/../lib.sh"

groups3
trainer_add marie motdepasse-marie "$G1ID"
awa=$(join Awa "$G1")
dbq "DELETE FROM login_failures"

for i in $(seq 1 16); do
	curl -sS --max-time 30 -o /dev/null -D "$C/burst.h$i" -w '%{http_code}\n' \
		-H "Origin: $N" -H "$FORM" --data-binary "login=marie&password=motdepasse-marie" \
		"$N/api/trainer/login" >"$C/burst.$i" 2>>"$C/curl.err" &
done
: >"$C/progress"
for i in 1 2 3 4 5 6; do
	curl -sS --max-time 10 -o /dev/null -w '%{http_code}\n' -b "eystime=$awa" \
		"$N/api/progress" >>"$C/progress" 2>>"$C/curl.err"
done
wait
n303=$(cat "$C"/burst.[0-9]* | grep -c '^303$')
n503=$(cat "$C"/burst.[0-9]* | grep -c '^503$')
nother=$(cat "$C"/burst.[0-9]* | grep -vcE '^(303|503)$')
ra_ok=1
for i in $(seq 1 16); do
	if grep -q '^503$' "$C/burst.$i"; then
		grep -qi '^Retry-After: [1-9]' "$C/burst.h$i" || ra_ok=0
	fi
done
tq "16 logins at once: some log in (303), those past the bound get 503 with Retry-After, nothing else" \
	'[ "$n303" -ge 1 ] && [ "$n503" -ge 1 ] && [ "$nother" = 0 ] && [ "$ra_ok" = 1 ]' ||
	echo "#   answers: $(cat "$C"/burst.[0-9]* | sort | uniq -c | tr '\n' ' ')"
tq "… and during the burst a participant's /progress answers 200, every time" \
	'[ "$(grep -c "^200$" "$C/progress")" = 6 ]' ||
	echo "#   /progress: $(sort "$C/progress" | uniq -c | tr '\n' ' ')"
tlogin marie motdepasse-marie
t "after the burst, a login goes through" '[ "$code" = 303 ] && [ -n "$TK" ]'

# The slot is a byte lock of <db>-logins.lock: held by another process,
# a login is turned away at once; that process killed, the lock goes
# with it (a worker killed during a password check frees its slot).
rm -f "$C/held"
python3 - "$DB-logins.lock" "$C/held" <<'PY' &
import fcntl, sys, time
f = open(sys.argv[1], "r+")
fcntl.lockf(f, fcntl.LOCK_EX | fcntl.LOCK_NB, 1, 0)
open(sys.argv[2], "w").close()
time.sleep(120)
PY
holder=$!
for i in $(seq 1 100); do [ -e "$C/held" ] && break; sleep 0.1; done
tlogin marie motdepasse-marie
t "the slot held by another process: a login is answered 503 with Retry-After and the reason, no session" \
	'[ -e "$C/held" ] && [ "$code" = 503 ] && [ "$(hdr Retry-After)" -ge 1 ] && has "Trop de connexions en même temps" && [ -z "$TK" ]'
kill -9 "$holder"
wait "$holder" 2>/dev/null
tlogin marie motdepasse-marie
t "… the holder killed (kill -9), its slot is free: the login goes through" '[ "$code" = 303 ] && [ -n "$TK" ]'

finish
