#!/bin/bash
# 88-passwd-revokes: admin trainer passwd ends the trainer's sessions
# (issue 18, item 10): a cookie from before the new password opens
# nothing; another trainer's session lives on; the command says so.
# Run it alone with: bash tests/cgi/run 88
. "$(dirname "$0")/../lib.sh"

groups3
trainer_add marie motdepasse-marie "$G1ID"
trainer_add paul motdepasse-paul "$G2ID"
tlogin marie motdepasse-marie; tk1=$TK
tlogin marie motdepasse-marie; tk2=$TK
tlogin paul motdepasse-paul; tp=$TK
tk=$tk1
tget "/groups/$G1ID"
t "before: marie's cookie opens her group" '[ "$code" = 200 ] && has "Groupe du mardi"'
printf 'nouveau-motdepasse\n' | admin trainer passwd marie >"$C/passwd.out" 2>&1; rc=$?
tq "admin trainer passwd says it ended marie's 2 sessions" \
	'[ $rc = 0 ] && [ "$(cat "$C/passwd.out")" = "new password set for trainer marie; 2 sessions ended (log in again with the new password)" ]' ||
	sed 's/^/#   /' "$C/passwd.out"
for k in "$tk1" "$tk2"; do
	tk=$k
	tget "/groups/$G1ID"
	t "after passwd: a cookie from before opens nothing (401)" '[ "$code" = 401 ]'
done
n=$(dbq "SELECT count(*) FROM trainer_sessions s JOIN trainers t ON t.id = s.trainer_id WHERE t.login = 'marie'")
tq "… and marie has no session row left" '[ "$n" = 0 ]' || echo "#   $n rows"
tk=$tp
tget "/groups/$G2ID"
t "paul's session is untouched" '[ "$code" = 200 ] && has "Groupe du jeudi"'
dbq "DELETE FROM login_failures"
tlogin marie nouveau-motdepasse; tk=$TK
tget "/groups/$G1ID"
t "marie logs in again with the new password" '[ -n "$tk" ] && [ "$code" = 200 ]'
# A second login (which may rehash the same password) ends no session.
tk_before=$tk
tlogin marie nouveau-motdepasse
tk=$tk_before
tget "/groups/$G1ID"
t "a second login leaves the first session open" '[ "$code" = 200 ]'

finish
