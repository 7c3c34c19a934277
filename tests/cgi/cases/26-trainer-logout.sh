#!/bin/bash
# 26-trainer-logout: trainers: log out; admin trainer remove and passwd.
# Run it alone with: bash tests/cgi/run 26
. "$(dirname "$0")/../lib.sh"

groups3
trainer_add marie motdepasse-marie "$G1ID"
trainer_add paul motdepasse-paul "$G2ID"
tlogin marie motdepasse-marie; tk=$TK
tlogin paul motdepasse-paul; tp=$TK
GT=$G1ID

tget ""
tok_m=$(csrf)
tpost /logout "csrf=0000" -b "eystime_trainer=$tk"
t "trainer log out with a wrong token → 403" '[ "$code" = 403 ]'
tpost /logout "csrf=$tok_m" -b "eystime_trainer=$tk"
t "trainer log out → 303, cookie cleared" '[ "$code" = 303 ] && hdr Set-Cookie | grep -q "^eystime_trainer=;"'
tget "/groups/$GT"
t "after log out the old cookie opens nothing (401)" '[ "$code" = 401 ]'
admin trainer remove paul >/dev/null 2>&1
rmc=$?
request -b "eystime_trainer=$tp" "$N/api/trainer"
t "admin trainer remove ends the trainer's sessions" \
	'[ "$rmc" = 0 ] && has "action=\"/api/trainer/login\"" && ! has "Mes groupes"'
printf 'nouveau-motdepasse\n' | admin trainer passwd marie >/dev/null 2>&1
dbq "DELETE FROM login_failures"
tlogin marie motdepasse-marie; old=$TK
tlogin marie nouveau-motdepasse; new=$TK
tq "admin trainer passwd: the old password no longer works, the new one does" '[ -z "$old" ] && [ -n "$new" ]'
dbq "DELETE FROM login_failures"

finish
