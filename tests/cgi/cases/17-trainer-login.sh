#!/bin/bash
# 17-trainer-login: trainers: admin trainer add, logging in, delays after
# failures, session expiry.
# Run it alone with: bash tests/cgi/run 17
. "$(dirname "$0")/../lib.sh"

groups3

TV=$C/trainer-pages
mkdir -p "$TV"

printf 'motdepasse-marie\n' | admin trainer add marie --group "$G1ID" >"$C/admin.out" 2>&1
rc1=$?
printf 'court\n' | admin trainer add paul --group "$G2ID" >>"$C/admin.out" 2>&1
rc2=$?
printf 'motdepasse-paul\n' | admin trainer add paul --group "$G2ID" >>"$C/admin.out" 2>&1
rc3=$?
printf 'autre-motdepasse\n' | admin trainer add marie --group "$G2ID" >>"$C/admin.out" 2>&1
rc4=$?
printf 'motdepasse-zed\n' | admin trainer add zed --group 99999 >>"$C/admin.out" 2>&1
rc5=$?
tq "admin trainer add: accepted, a short password refused, an existing login refused, a missing group refused" \
	'[ "$rc1" = 0 ] && [ "$rc2" != 0 ] && [ "$rc3" = 0 ] && [ "$rc4" != 0 ] && [ "$rc5" != 0 ]' ||
	{ echo "#   $rc1 $rc2 $rc3 $rc4 $rc5"; sed 's/^/#   /' "$C/admin.out"; }
hashes=$(dbq "SELECT pwhash FROM trainers ORDER BY login")
tq "trainer passwords are stored as argon2id hashes (m=65536, t=2), never in clear" \
	'[ "$(echo "$hashes" | grep -cF "\$argon2id\$v=19\$m=65536,t=2,p=1\$")" = 2 ] && ! echo "$hashes" | grep -q motdepasse && [ -z "$(dbq "SELECT login FROM trainers WHERE login = '"'zed'"'")" ]' ||
	echo "#   $hashes"

request "$N/api/trainer"
cp "$BD" "$TV/login.html"
t "GET /api/trainer without a session → the login form" \
	'[ "$code" = 200 ] && has "action=\"/api/trainer/login\"" && has "type=\"password\"" && has "autocomplete=\"current-password\""'
dbq "DELETE FROM login_failures"
tlogin marie motdepasse-marie; tk=$TK
t "POST /api/trainer/login → 303, cookie HttpOnly, SameSite=Strict, Path=/api/trainer" \
	'[ "$code" = 303 ] && [ "$(hdr Location)" = /api/trainer ] && [ -n "$tk" ] && hdr Set-Cookie | grep -q "SameSite=Strict" && hdr Set-Cookie | grep -q "Path=/api/trainer;" && hdr Set-Cookie | grep -q HttpOnly'
tlogin marie motdepasse-marie; tk_b=$TK
t "each login gets a new session id" '[ -n "$tk_b" ] && [ "$tk_b" != "$tk" ]'
nsess=$(dbq "SELECT count(*) FROM trainer_sessions WHERE length(token_hash) = 32")
tq "trainer sessions are stored hashed" '[ "$nsess" = 2 ] && [ -z "$(dbq "SELECT 1 FROM trainer_sessions WHERE token_hash = '"'$tk'"'")" ]'
tget ""
cp "$BD" "$TV/home.html"
t "the trainer's page lists their groups only" \
	'[ "$code" = 200 ] && has "Groupe du mardi" && ! has "Groupe du jeudi" && has "/api/trainer/logout"'

dbq "DELETE FROM login_failures"
tpost /login "login=marie&password=pas-le-bon"
c_pw=$code
main_of "$BD" >"$C/wrong-pw"
tpost /login "login=personne&password=pas-le-bon"
c_lg=$code
main_of "$BD" >"$C/wrong-login"
t "a wrong password and a wrong login get the same answer (401, same page, no cookie)" \
	'[ "$c_pw" = 401 ] && [ "$c_lg" = 401 ] && cmp -s "$C/wrong-pw" "$C/wrong-login" && grep -q "Identifiant ou mot de passe incorrect" "$C/wrong-pw" && [ -z "$(tcookie)" ]'
# The delays never depend on how fast this machine answers: the failures
# are moved to a known time (well in the past, or T seconds ahead), and
# Retry-After must be the delay plus T minus the request's time, which
# lies between the seconds read before and after it.
tpost /login "login=marie&password=encore-faux"
tpost /login "login=marie&password=toujours-faux"
c3=$code
T=$(($(date +%s) + 1000))
dbq "UPDATE login_failures SET at = $T"
before=$(date +%s)
tpost /login "login=marie&password=motdepasse-marie"
after=$(date +%s)
ra1=$(hdr Retry-After)
t "after 3 failures for a login, even the right password waits (429, Retry-After: 2 s after the last failure)" \
	'[ "$c3" = 401 ] && [ "$code" = 429 ] && [ -n "$ra1" ] && [ "$ra1" -ge $((2 + T - after)) ] && [ "$ra1" -le $((2 + T - before)) ] && [ -z "$(tcookie)" ]' ||
	echo "#   Retry-After $ra1, T-before $((T - before)), T-after $((T - after))"
dbq "UPDATE login_failures SET at = strftime('%s','now') - 100"
tpost /login "login=marie&password=faux-encore"
c4=$code
T=$(($(date +%s) + 1000))
dbq "UPDATE login_failures SET at = $T"
before=$(date +%s)
tpost /login "login=marie&password=motdepasse-marie"
after=$(date +%s)
ra2=$(hdr Retry-After)
t "the delay grows with each failure (2 s, then 4 s)" \
	'[ "$c4" = 401 ] && [ "$code" = 429 ] && [ -n "$ra2" ] && [ "$ra2" -ge $((4 + T - after)) ] && [ "$ra2" -le $((4 + T - before)) ]' ||
	echo "#   Retry-After $ra2, T-before $((T - before)), T-after $((T - after))"
dbq "UPDATE login_failures SET at = strftime('%s','now') - 100"
tlogin marie motdepasse-marie; tk=$TK
t "once the delay is over, the right password logs in" '[ "$code" = 303 ] && [ -n "$tk" ]'
t "… and the login's failures are forgotten" \
	'[ "$(dbq "SELECT count(*) FROM login_failures WHERE key = '"'login:marie@127.0.0.1'"'")" = 0 ]'
for i in $(seq 1 20); do
	echo "INSERT INTO login_failures(key, at) VALUES ('addr:127.0.0.1', strftime('%s','now') + 1000);"
done >"$C/fails.sql"
dbq "$(cat "$C/fails.sql")"
tpost /login "login=paul&password=motdepasse-paul"
t "20 failures from one address delay every login from it (429)" '[ "$code" = 429 ] && [ -z "$(tcookie)" ]'
dbq "DELETE FROM login_failures"
tlogin paul motdepasse-paul; tp=$TK
t "paul logs in" '[ "$code" = 303 ] && [ -n "$tp" ]'

# Session expiry, by ageing the session rows.
dbq "UPDATE trainer_sessions SET last_seen = last_seen - 1801"
tget "/groups/$G1ID"
t "a trainer session idle for 30 minutes ends (401, the login form)" \
	'[ "$code" = 401 ] && has "action=\"/api/trainer/login\"" && ! has "Groupe du mardi"'
tlogin marie motdepasse-marie; tk=$TK
tlogin paul motdepasse-paul; tp=$TK
dbq "UPDATE trainer_sessions SET created = created - 28801"
tget "/groups/$G1ID"
t "a trainer session ends 8 hours after login, even when used" '[ "$code" = 401 ] && ! has "Groupe du mardi"'
tlogin marie motdepasse-marie; tk=$TK
tlogin paul motdepasse-paul; tp=$TK

finish
