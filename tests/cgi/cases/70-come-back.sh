#!/bin/bash
# 70-come-back: a participant comes back without a password (issue 15).
# Joining gives her card (the group's code, her name, a personal code, a
# QR code of its link); joining again with the same name asks "Vous êtes
# déjà dans le groupe ?"; the right personal code restores her (same
# participant, same lessons, same messages, a second device), "Ce n'est
# pas moi" gives "Awa 2"; wrong codes are throttled per participant,
# whatever the address, and the right one works afterwards from another.
# Run it alone with: bash tests/cgi/run 70
. "$(dirname "$0")/../lib.sh"

groups3
npost /api/join "code=$G1&name=Awa&next=$(urlenc "$U1")"
awa=$(cookie)
t "joining answers her card: \"Prenez cette carte en photo\", the two codes, a QR code, \"Continuer\" to where she was" \
	'[ "$code" = 200 ] && [ -n "$awa" ] && has "Prenez cette carte en photo" && has "<dd class=\"join-code\">$G1</dd>" && has "<svg" && has "href=\"$U1\">Continuer</a>"'
pc=$(sed -n 's/.*<dd class="pcode">\([A-Z0-9]\{3\}\) \([A-Z0-9]\{3\}\)<\/dd>.*/\1\2/p' "$BD" | head -1)
tq "… her personal code: 6 characters of the join codes' alphabet, shown in two halves" '[[ "$pc" =~ ^[A-HJKMNP-Z2-9]{6}$ ]]' || echo "#   got '$pc'"
h=$(dbq "SELECT code_hash FROM participants WHERE name = 'Awa'")
tq "… kept only as an argon2id hash" '[[ "$h" == \$argon2id\$* ]] && [[ "$h" != *"$pc"* ]]'
npost /api/done "lesson=$L1" -b "eystime=$awa"
npost /api/done "lesson=$L2" -b "eystime=$awa"
request -b "eystime=$awa" "$N/api/comments?lesson=$L1"
tok=$(csrf)
npost /api/comments "csrf=$tok&lesson=$L1&kind=question&body=$(urlenc 'Ma question à moi')" -b "eystime=$awa"
pid=$(dbq "SELECT id FROM participants WHERE name = 'Awa'")
tq "she has 2 lessons done and a message" '[ "$(dbq "SELECT count(*) FROM completions WHERE participant_id = $pid")" = 2 ] && [ "$(dbq "SELECT count(*) FROM messages WHERE participant_id = $pid")" = 1 ]'

# Her cookies are gone (a new phone): she joins again.
npost /api/join "code=$G1&name=Awa&next=$(urlenc "$U1")"
t "joining again as \"Awa\" asks \"Vous êtes déjà dans le groupe ?\" with her personal code, and gives no session" \
	'[ "$code" = 200 ] && has "Vous êtes déjà dans le groupe ?" && has "name=\"pcode\"" && [ -z "$(cookie)" ]'
t "… and offers \"Ce n'est pas moi\"" 'has "name=\"other\" value=\"1\""'
npost /api/join "code=$G1&name=Awa&next=$(urlenc "$U1")&pcode=$(echo "$pc" | tr A-Z a-z | sed 's/^\(...\)/\1 /')"
awa2=$(cookie)
t "the right code (typed in lower case, with a space) → 303 where she was, a new session" \
	'[ "$code" = 303 ] && [ "$(hdr Location)" = "$U1" ] && [ -n "$awa2" ] && [ "$awa2" != "$awa" ]'
request -b "eystime=$awa2" "$N/api/progress"
t "… the same participant: her 2 lessons" 'has "\"name\":\"Awa\"" && has "\"$L1\"" && has "\"$L2\""'
request -b "eystime=$awa2" "$N/api/comments?lesson=$L1"
t "… and her message, hers (she can edit it)" 'has "Ma question à moi" && has "edit="'
tq "… no second participant was made" '[ "$(dbq "SELECT count(*) FROM participants WHERE group_id = $G1ID")" = 1 ]'
request -b "eystime=$awa" "$N/api/me"
t "the first phone is still logged in: two devices on \"Mon parcours\"" \
	'[ "$code" = 200 ] && has "Mes appareils" && [ "$(grep -c "name=\"device\"" "$BD")" = 2 ] && has "Déconnecter partout"'

# "Ce n'est pas moi": another Awa.
npost /api/join "code=$G1&name=Awa&next=/&other=1"
other=$(cookie)
request -b "eystime=$other" "$N/api/me"
t "\"Ce n'est pas moi\" → \"Awa 2\", a new participant" '[ -n "$other" ] && has "Bonjour Awa 2 !"'

# Wrong codes: throttled for her, whatever the address.
wrong=ZZZZZZ
[ "$wrong" = "$pc" ] && wrong=YYYYYY
dbq "DELETE FROM login_failures"
for i in 1 2 3 4 5; do
	npost /api/join "code=$G1&name=Awa&next=/&pcode=$wrong"
done
t "a wrong personal code → 401, the form again with the reason, no session" \
	'[ "$code" = 401 ] && has "Ce code personnel ne correspond pas" && has "name=\"pcode\"" && [ -z "$(cookie)" ]'
# The delay runs from the last failure: moved ahead, a slow machine
# cannot outlast it.
dbq "UPDATE login_failures SET at = strftime('%s','now') + 1000"
for i in 6 7 8 9 10; do
	npost /api/join "code=$G1&name=Awa&next=/&pcode=$wrong"
done
npost /api/join "code=$G1&name=Awa&next=/&pcode=$pc"
t "after 10 wrong codes (5 of them during the delay) even the right one waits: 429 with Retry-After" \
	'[ "$code" = 429 ] && [ "$(hdr Retry-After)" -gt 0 ] && [ -z "$(cookie)" ]'
request --interface 127.0.0.2 -H "Origin: $N" -H "$FORM" --data-binary "code=$G1&name=Awa&next=/&pcode=$pc" "$N/api/join"
t "… from another address too (the limit is hers, not the address's)" '[ "$code" = 429 ]'
# The delay passed (the failures moved an hour back).
dbq "UPDATE login_failures SET at = at - 7200"
request --interface 127.0.0.2 -H "Origin: $N" -H "$FORM" --data-binary "code=$G1&name=Awa&next=/&pcode=$pc" "$N/api/join"
t "once the delay has passed, the right code works from another address" '[ "$code" = 303 ] && [ -n "$(cookie)" ]'
tq "… and her failures are forgiven" '[ "$(dbq "SELECT count(*) FROM login_failures WHERE key = '"'"'pcode:$pid'"'"'")" = 0 ]'

# Many participants' wrong codes: everyone waits (a network guessing).
dbq "DELETE FROM login_failures"
dbq "INSERT INTO login_failures(key, at) SELECT 'pcode:*', strftime('%s','now') FROM (WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 110) SELECT i FROM n)"
npost /api/join "code=$G1&name=Awa&next=/&pcode=$pc"
t "110 wrong codes across the site in the hour: every personal code waits (429)" '[ "$code" = 429 ]'
dbq "DELETE FROM login_failures"

# The card's link: a form, never a session by itself.
request "$N/api/back?g=$G1&n=Awa&k=$pc"
t "GET /back (the QR code's link) shows the form filled in, and no session" \
	'[ "$code" = 200 ] && has "value=\"$pc\"" && has "Retrouver mon parcours" && [ -z "$(cookie)" ]'
request "$N/api/back?g=$G1&n=Awa&k=%3Cb%3E"
t "… a bad code in it → 400 with the reason" '[ "$code" = 400 ] && has "role=\"alert\""'

# A new card from "Mon parcours": GET shows, POST makes it; the old code ends.
request -b "eystime=$awa2" "$N/api/me/card"
tok=$(csrf)
t "GET /me/card shows what the card is and a button; it changes nothing" \
	'[ "$code" = 200 ] && has "Faire ma nouvelle carte" && [ "$(dbq "SELECT code_hash FROM participants WHERE id = $pid")" = "$h" ]'
npost /api/me/card "csrf=$tok" -b "eystime=$awa2"
pc2=$(sed -n 's/.*<dd class="pcode">\([A-Z0-9]\{3\}\) \([A-Z0-9]\{3\}\)<\/dd>.*/\1\2/p' "$BD" | head -1)
t "POST /me/card: a new card, a new code" '[ "$code" = 200 ] && [ -n "$pc2" ] && has "Prenez cette carte en photo"'
npost /api/join "code=$G1&name=Awa&next=/&pcode=$pc"
t "… the old code no longer works" '[ "$code" = 401 ] || [ "$pc" = "$pc2" ]'
npost /api/join "code=$G1&name=Awa&next=/&pcode=$pc2"
t "… the new one does" '[ "$code" = 303 ]'

# Devices: log one out, then everywhere.
request -b "eystime=$awa2" "$N/api/me"
tok=$(csrf)
first=$(dbq "SELECT id FROM sessions WHERE participant_id = $pid ORDER BY id LIMIT 1")
npost /api/me/devices "csrf=$tok&device=$first" -b "eystime=$awa2"
t "\"Déconnecter cet appareil\" → 303 to \"Mes appareils\"" '[ "$code" = 303 ] && [ "$(hdr Location)" = "/api/me#appareils" ]'
request -b "eystime=$awa" "$N/api/me"
t "… that phone's session has ended (the join form)" 'has "action=\"/api/join\"" && ! has "Bonjour Awa !"'
oth=$(dbq "SELECT id FROM sessions WHERE participant_id = (SELECT id FROM participants WHERE name = 'Awa 2') LIMIT 1")
npost /api/me/devices "csrf=$tok&device=$oth" -b "eystime=$awa2"
t "another participant's device → 404, still logged in" '[ "$code" = 404 ] && [ "$(dbq "SELECT count(*) FROM sessions WHERE id = $oth")" = 1 ]'
npost /api/me/devices "csrf=$tok&all=1" -b "eystime=$awa2"
t "\"Déconnecter partout\" → home, the cookie cleared, no session of hers left" \
	'[ "$code" = 303 ] && [ "$(hdr Location)" = "$ROOTP" ] && cookie_attr "Max-Age=0" && [ "$(dbq "SELECT count(*) FROM sessions WHERE participant_id = $pid")" = 0 ]'

finish
