#!/bin/bash
# 76-accounts: trainer accounts from the shell (issue 16): every admin
# command says what it did; admin trainer list (login, groups, last
# login); a second trainer follows the same group and sees it on every
# trainer route, a third does not; admin trainer remove refuses an
# unknown login, ends the account's sessions and says what becomes of
# its groups (they stay, with their participants).
# Run it alone with: bash tests/cgi/run 76
. "$(dirname "$0")/../lib.sh"

groups3
printf 'motdepasse-marie\n' | admin trainer add marie --group "$G1ID" >"$C/add1.out" 2>&1; rc=$?
tq "admin trainer add says what it did: \"added trainer marie, following group $G1ID\"" \
	'[ $rc = 0 ] && [ "$(cat "$C/add1.out")" = "added trainer marie, following group $G1ID" ]' || sed 's/^/#   /' "$C/add1.out"
printf 'motdepasse-lina\n' | admin trainer add lina --group "$G1ID" --group "$G2ID" >"$C/add2.out" 2>&1
tq "… with several groups: \"following groups $G1ID, $G2ID\"" \
	'[ "$(cat "$C/add2.out")" = "added trainer lina, following groups $G1ID, $G2ID" ]' || sed 's/^/#   /' "$C/add2.out"
trainer_add paul motdepasse-paul "$G3ID"
trainer_add zoe motdepasse-zoe "$G2ID"
admin trainer follow paul "$G1ID" >"$C/follow.out" 2>&1; rc=$?
tq "admin trainer follow: a second trainer for group 1, said" \
	'[ $rc = 0 ] && [ "$(cat "$C/follow.out")" = "trainer paul follows group $G1ID" ]' || sed 's/^/#   /' "$C/follow.out"
admin trainer follow nobody "$G1ID" >"$C/follow2.out" 2>&1; rc=$?
tq "… an unknown login is refused (exit 1), said" '[ $rc = 1 ] && grep -q "no trainer nobody" "$C/follow2.out"'
admin trainer title marie "Marie, formatrice" >"$C/title.out" 2>&1
tq "admin trainer title says what it did" 'grep -q "marie.s messages now show \"Marie, formatrice\"" "$C/title.out"'
printf 'nouveau-motdepasse\n' | admin trainer passwd lina >"$C/passwd.out" 2>&1
tq "admin trainer passwd says what it did" '[ "$(cat "$C/passwd.out")" = "new password set for trainer lina; 0 sessions ended (log in again with the new password)" ]' || sed 's/^/#   /' "$C/passwd.out"
# (Beside the database: a folder its owner may write.)
BK=$(dirname "$DB")/backup-76.db
rm -f "$BK"
admin backup "$BK" >"$C/backup.out" 2>&1
tq "admin backup says what it did" '[ "$(cat "$C/backup.out")" = "backup written to $BK" ]' || sed 's/^/#   /' "$C/backup.out"
rm -f "$BK"

# The list, before and after a login.
admin trainer list >"$C/list1.out" 2>&1; rc=$?
tq "admin trainer list: one line per trainer by login: login, group ids, never logged in" \
	'[ $rc = 0 ] && [ "$(cat "$C/list1.out")" = "$(printf "lina\t%s,%s\tnever\nmarie\t%s\tnever\npaul\t%s,%s\tnever\nzoe\t%s\tnever" "$G1ID" "$G2ID" "$G1ID" "$G1ID" "$G3ID" "$G2ID")" ]' ||
	sed 's/^/#   /' "$C/list1.out"
tlogin marie motdepasse-marie; tm=$TK
tlogin paul motdepasse-paul; tp=$TK
tlogin zoe motdepasse-zoe; tz=$TK
admin trainer list >"$C/list2.out" 2>&1
tq "… after logging in, marie's last login is today" \
	'grep -qx "$(printf "marie\t%s\t%s" "$G1ID" "$(date +%Y-%m-%d)")" "$C/list2.out" && grep -q "^lina.*never$" "$C/list2.out"' ||
	sed 's/^/#   /' "$C/list2.out"
admin trainer list extra >/dev/null 2>&1; rc=$?
tq "admin trainer list with an argument: a usage error (exit 2)" '[ $rc = 2 ]'

# Group 1 has two trainers: both see it everywhere, zoe (group 2) nowhere.
awa=$(join Awa "$G1")
pid=$(dbq "SELECT id FROM participants WHERE name = 'Awa'")
request -b "eystime=$awa" "$N/api/comments?lesson=$L1"
npost /api/comments "csrf=$(csrf)&lesson=$L1&kind=question&body=$(urlenc 'Une question pour les deux')" -b "eystime=$awa"
npost /api/done "lesson=$L1&next=/" -b "eystime=$awa"
ROUTES="/groups/$G1ID /groups/$G1ID/progress.csv /groups/$G1ID/messages /groups/$G1ID/talk?lesson=$L1 /groups/$G1ID/participants/$pid/export /report?group=$G1ID /report.csv?group=$G1ID"
for who in marie paul zoe; do
	case $who in marie) tk=$tm ;; paul) tk=$tp ;; zoe) tk=$tz ;; esac
	seen="" hidden=""
	for r in $ROUTES; do
		tget "$r"
		if [ "$code" = 200 ]; then seen="$seen $r"; else hidden="$hidden $r:$code"; fi
	done
	if [ "$who" = zoe ]; then
		tq "zoe (group 2 only) gets 404 on every route of group 1" \
			'[ -z "$seen" ] && [ "$(echo "$hidden" | tr " " "\n" | grep -c ":404$")" = 7 ]' || echo "# seen:$seen"
	else
		tq "$who sees group 1 on every trainer route (page, CSV, messages, talk, export, report)" \
			'[ -z "$hidden" ]' || echo "# refused:$hidden"
	fi
done
tk=$tp
tget "/groups/$G1ID/talk?lesson=$L1"
t "… the second trainer reads Awa's question" 'has "Une question pour les deux"'
tget ""
t "… and has group 1 among \"Mes groupes\", beside his own" 'has "/api/trainer/groups/$G1ID\"" && has "/api/trainer/groups/$G3ID\""'
tok=$(csrf)
tpost "/groups/$G1ID" "csrf=$tok&action=rename&name=$(urlenc 'Mardi, deux formateurs')" -b "eystime_trainer=$tp"
t "… and may change it (rename: 303)" '[ "$code" = 303 ] && [ "$(dbq "SELECT name FROM groups WHERE id = $G1ID")" = "Mardi, deux formateurs" ]'
tk=$tz
tget ""
tokz=$(csrf)
tpost "/groups/$G1ID" "csrf=$tokz&action=rename&name=Pris" -b "eystime_trainer=$tz"
t "zoe cannot (404), the name unchanged" '[ "$code" = 404 ] && [ "$(dbq "SELECT name FROM groups WHERE id = $G1ID")" = "Mardi, deux formateurs" ]'
tget "/groups/$G1ID/cards"
t "… nor see its cards (404)" '[ "$code" = 404 ] && ! has "card-qr"'

# Removing accounts.
admin trainer remove nobody >"$C/rm0.out" 2>&1; rc=$?
tq "admin trainer remove of an unknown login: exit 1, says so" '[ $rc = 1 ] && grep -q "no trainer nobody" "$C/rm0.out"'
tq "… and removes no one" '[ "$(dbq "SELECT count(*) FROM trainers")" = 4 ]'
tk=$tp
tget "/groups/$G3ID"
t "paul is logged in (his group 3)" '[ "$code" = 200 ]'
admin trainer remove paul >"$C/rm1.out" 2>&1; rc=$?
tq "admin trainer remove paul: exit 0, said, with what becomes of his groups" \
	'[ $rc = 0 ] && grep -qx "removed trainer paul and its sessions" "$C/rm1.out" && grep -qx "group $G1ID stays, followed by 2 other trainers" "$C/rm1.out" && grep -q "^group $G3ID stays, with its participants, but no trainer follows it now: admin trainer follow LOGIN $G3ID$" "$C/rm1.out"' ||
	sed 's/^/#   /' "$C/rm1.out"
tq "… his sessions are gone from the database" \
	'[ "$(dbq "SELECT count(*) FROM trainer_sessions s LEFT JOIN trainers t ON t.id = s.trainer_id WHERE t.id IS NULL")" = 0 ] && [ "$(dbq "SELECT count(*) FROM trainer_sessions")" = 2 ]'
tget "/groups/$G3ID"
t "… his cookie no longer opens anything: the login form (401)" '[ "$code" = 401 ] && has "name=\"password\""'
tlogin paul motdepasse-paul
t "… nor can he log in again (401)" '[ "$code" = 401 ] && [ -z "$TK" ]'
tq "his groups stay: group 3 and group 1, with Awa and her question" \
	'[ "$(dbq "SELECT count(*) FROM groups WHERE id IN ($G1ID, $G3ID)")" = 2 ] && [ "$(dbq "SELECT count(*) FROM messages WHERE participant_id = $pid")" = 1 ]'
tk=$tm
tget "/groups/$G1ID"
t "marie still follows group 1" '[ "$code" = 200 ] && has "Awa"'
request -b "eystime=$awa" "$N/api/me"
t "Awa still comes in" '[ "$code" = 200 ] && has "Awa"'
admin trainer follow marie "$G3ID" >/dev/null 2>&1
tget "/groups/$G3ID"
t "the host gives group 3 to marie (trainer follow): she sees it" '[ "$code" = 200 ]'
admin trainer list >"$C/list3.out" 2>&1
tq "admin trainer list no longer has paul" '! grep -q "^paul" "$C/list3.out" && grep -q "^marie	$G1ID,$G3ID	" "$C/list3.out"' || sed 's/^/#   /' "$C/list3.out"

finish
