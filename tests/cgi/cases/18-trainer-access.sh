#!/bin/bash
# 18-trainer-access: trainers: who may open which group, the trainer space's
# CSRF checks.
# Run it alone with: bash tests/cgi/run 18
. "$(dirname "$0")/../lib.sh"

groups3
awa=$(join Awa "$G1")
# A second Awa ("Awa 2"), whom no trainer of another group may see.
join Awa "$G1" >/dev/null
trainer_add marie motdepasse-marie "$G1ID"
trainer_add paul motdepasse-paul "$G2ID"
tlogin marie motdepasse-marie; tk=$TK
tlogin paul motdepasse-paul; tp=$TK

request -b "eystime=$awa" "$N/api/trainer/groups/$G1ID"
t "a participant's session never opens a trainer page (401, login form)" \
	'[ "$code" = 401 ] && has "action=\"/api/trainer/login\"" && ! has "Awa 2"'
request -b "eystime_trainer=$awa" "$N/api/trainer"
t "a participant's token as the trainer cookie is no trainer session" \
	'[ "$code" = 200 ] && has "action=\"/api/trainer/login\"" && ! has "Mes groupes"'
request -b "eystime_trainer=$tp" "$N/api/trainer/groups/$G1ID"
t "another trainer's group → 404" '[ "$code" = 404 ] && ! has "Awa 2"'
for sub in progress.csv cards messages; do
	request -b "eystime_trainer=$tp" "$N/api/trainer/groups/$G1ID/$sub"
	t "another trainer's group: $sub → 404" '[ "$code" = 404 ] && ! has "Awa"'
done
request -b "eystime_trainer=$tp" "$N/api/trainer"
tok_p=$(csrf)
tpost "/groups/$G1ID" "csrf=$tok_p&action=rename&name=Pirate" -b "eystime_trainer=$tp"
t "renaming another trainer's group → 404, nothing changed" \
	'[ "$code" = 404 ] && [ "$(dbq "SELECT name FROM groups WHERE id = $G1ID")" = "Groupe du mardi" ]'
request "$N/api/trainer/groups/999999" -b "eystime_trainer=$tk"
t "a group that does not exist → 404" '[ "$code" = 404 ]'
request "$N/api/trainer/groups/1x" -b "eystime_trainer=$tk"
t "a malformed group id → 404" '[ "$code" = 404 ]'

# CSRF.
tget ""
tok_m=$(csrf)
tpost /groups "name=Sans+jeton" -b "eystime_trainer=$tk"
t "a trainer POST without the csrf token → 403" '[ "$code" = 403 ]'
tpost /groups "csrf=$tok_p&name=Jeton+de+paul" -b "eystime_trainer=$tk"
t "a trainer POST with another session's token → 403" '[ "$code" = 403 ]'
request -H "Origin: http://evil.example" -H "$FORM" --data-binary "csrf=$tok_m&name=Evil" \
	-b "eystime_trainer=$tk" "$N/api/trainer/groups"
t "a trainer POST from another origin → 403" '[ "$code" = 403 ]'
request -H "Origin: $N" -H "$FORM" --data-binary "login=marie&password=motdepasse-marie" \
	-X PUT "$N/api/trainer/login"
t "PUT /api/trainer/login → 405" '[ "$code" = 405 ] && [ "$(hdr Allow)" = POST ]'
tq "no group was created by those" '[ "$(dbq "SELECT count(*) FROM groups WHERE name IN ('"'Sans jeton','Jeton de paul','Evil'"')")" = 0 ]'

finish
