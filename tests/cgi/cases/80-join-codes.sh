#!/bin/bash
# 80-join-codes: guessing join codes from many addresses (issue 18, item
# 1). New codes have 8 characters (31^8 = 8.5e11); codes made before
# (6) still work; wrong codes are counted for the whole site, whatever
# the address: a "/48" rotating addresses, each under the per-address
# limit, is stopped by the site-wide budget (300 wrong an hour, then a
# delay for every join, even with the right code); the trainer's group
# page then says someone may be guessing, and says so too when many
# joined the group within an hour.
# Run it alone with: bash tests/cgi/run 80
. "$(dirname "$0")/../lib.sh"

groups3
tq "a new join code has 8 characters of the alphabet without 0/O, 1/I/L" \
	'[[ "$G1" =~ ^[A-HJKMNP-Z2-9]{8}$ ]] && [[ "$G2" =~ ^[A-HJKMNP-Z2-9]{8}$ ]]' || echo "#   got '$G1' '$G2'"
trainer_add marie motdepasse-marie "$G1ID"
admin trainer follow marie "$G2ID" >>"$C/admin.out" 2>&1
tlogin marie motdepasse-marie; tk=$TK
trainer_group "Groupe du soir"
tq "… also one the trainer makes (\"Nouveau groupe\")" '[[ "$CT" =~ ^[A-HJKMNP-Z2-9]{8}$ ]]' || echo "#   got '$CT'"

# A code of before (6 characters) still opens its group.
dbq "UPDATE groups SET code = 'ABC234' WHERE id = $G3ID"
npost /api/join "code=abc-234&name=Ancien&next=/"
t "a 6-character code made before still works (typed in lower case, with a dash)" 'card_made'

# Many joins to one group within an hour: its trainer is told.
for i in $(seq 1 30); do
	npost /api/join "code=$G2&name=Inconnu$i&next=/" >/dev/null
done
n2=$(dbq "SELECT count(*) FROM participants WHERE group_id = $G2ID")
tget "/groups/$G2ID"
t "30 joins to a group within an hour: its page tells the trainer, and how to shut the door (change the code)" \
	'[ "$n2" = 30 ] && [ "$code" = 200 ] && has "30 personnes ont rejoint ce groupe depuis une heure" && has "changez son code"' ||
	echo "#   participants: $n2"
tget "/groups/$G1ID"
t "… a calm group's page says nothing of the sort" '[ "$code" = 200 ] && ! has "join-alarm"'

# The /48 rotating its /64s: here 4 addresses, 75 wrong codes each (the
# per-address limit is 100 in 10 minutes), 300 in all.
dbq "DELETE FROM login_failures"
: >"$C/codes"
for a in 2 3 4 5; do
	urls=()
	for i in $(seq 1 75); do urls+=("$N/api/join"); done
	curl -sS --max-time 60 --interface "127.0.0.$a" -o /dev/null -w '%{http_code}\n' \
		-H "Origin: $N" -H "$FORM" --data-binary "code=ZZZZ2222&name=Robot&next=/" \
		"${urls[@]}" >>"$C/codes" 2>>"$C/curl.err"
done
n400=$(grep -c '^400$' "$C/codes")
tq "300 wrong codes from 4 addresses, each under its own limit: all 400 (\"Ce code de groupe n'existe pas\")" \
	'[ "$n400" = 300 ]' || { echo "#   answers:"; sort "$C/codes" | uniq -c | sed 's/^/#   /'; }
# The delay runs from the last failure: moved ahead, a slow machine
# cannot outlast it.
dbq "UPDATE login_failures SET at = strftime('%s','now') + 1000 WHERE key = 'join:*'"
request --interface 127.0.0.6 -H "Origin: $N" -H "$FORM" --data-binary "code=YYYY3333&name=Robot&next=/" "$N/api/join"
t "the 301st wrong code, from a fifth address → 429 with Retry-After: the site-wide budget is spent" \
	'[ "$code" = 429 ] && [ "$(hdr Retry-After)" -gt 900 ] && has "Trop de codes faux sur le site"'
npost /api/join "code=$G1&name=Zoe&next=/"
t "… and while it lasts, even the right code waits (else a right guess would show): 429, no session" \
	'[ "$code" = 429 ] && [ -z "$(cookie)" ]'
tget "/groups/$G1ID"
t "the trainer's group page says someone may be guessing the codes" \
	'[ "$code" = 200 ] && has "Quelqu'"'"'un essaie peut-être de deviner les codes des groupes" && has "300 codes faux"'
# The delay passed.
dbq "UPDATE login_failures SET at = strftime('%s','now') - 3700 WHERE key = 'join:*'"
npost /api/join "code=$G1&name=Zoe&next=/"
t "once the hour has passed, the right code joins again" 'card_made'
tq "… and a right code leaves no failure counted" \
	'[ "$(dbq "SELECT count(*) FROM login_failures WHERE key = '"'join:*'"' AND at > strftime('"'%s'"','"'now'"') - 60")" = 0 ]'

finish
