#!/bin/bash
# 71-sessions-end: sessions end on the server (issue 15): a sliding
# lifetime (EYSTIME_SESSION_DAYS, 180 days by default), the cookie's
# end moved with it, ended sessions purged; each device named from its
# browser; a trainer's new card for one participant (POST; GET shows).
# Run it alone with: bash tests/cgi/run 71
. "$(dirname "$0")/../lib.sh"

groups3
UA="Mozilla/5.0 (Linux; Android 13; SM-A135F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/119.0 Mobile Safari/537.36"
request -A "$UA" -H "Origin: $N" -H "$FORM" --data-binary "code=$G1&name=Awa&next=/" "$N/api/join"
awa=$(cookie)
t "the join cookie lasts the session's lifetime: Max-Age = 180 days" 'cookie_attr "Max-Age=15552000"'
pid=$(dbq "SELECT id FROM participants WHERE name = 'Awa'")
tq "the device is named from its browser: \"Android · Chrome\"" \
	'[ "$(dbq "SELECT device FROM sessions WHERE participant_id = $pid")" = "Android · Chrome" ]'
request -b "eystime=$awa" "$N/api/me"
t "… and listed so on \"Mon parcours\", as this device" 'has "<strong>Android · Chrome</strong> (cet appareil)"'

# Sliding: a visit after 5 minutes moves the end, and sends the cookie again.
dbq "UPDATE sessions SET last_seen = last_seen - 100 * 86400"
request -b "eystime=$awa" "$N/api/progress"
seen=$(dbq "SELECT strftime('%s','now') - last_seen FROM sessions WHERE participant_id = $pid")
t "a visit 100 days later: still in, the session seen now, the cookie sent again for 180 days" \
	'has "\"name\":\"Awa\"" && [ "$seen" -lt 60 ] && cookie_attr "Max-Age=15552000"'
request -b "eystime=$awa" "$N/api/progress"
t "… the next visit within 5 minutes sends no cookie (no write)" '[ -z "$(cookie)" ]'
dbq "UPDATE sessions SET last_seen = last_seen - 181 * 86400"
request -b "eystime=$awa" "$N/api/me"
t "181 days without a visit: the session has ended (the join form)" 'has "action=\"/api/join\"" && ! has "Bonjour Awa"'
tq "… and is gone from the database" '[ "$(dbq "SELECT count(*) FROM sessions WHERE participant_id = $pid")" = 0 ]'

# admin purge removes ended sessions; the host's lifetime is read.
bruno=$(join Bruno "$G1")
bpid=$(dbq "SELECT id FROM participants WHERE name = 'Bruno'")
dbq "UPDATE sessions SET last_seen = last_seen - 40 * 86400 WHERE participant_id = $bpid"
EYSTIME_SESSION_DAYS=zero admin purge --yes >"$C/p0.out" 2>&1
p0=$?
tq "admin purge refuses a bad EYSTIME_SESSION_DAYS" '[ "$p0" = 2 ] && grep -q EYSTIME_SESSION_DAYS "$C/p0.out"'
admin purge --yes >"$C/p1.out" 2>&1
tq "admin purge keeps a session seen 40 days ago (180 days by default)" \
	'[ "$(dbq "SELECT count(*) FROM sessions WHERE participant_id = $bpid")" = 1 ]' || sed 's/^/#   /' "$C/p1.out"
EYSTIME_SESSION_DAYS=30 admin purge --yes >"$C/p2.out" 2>&1
tq "… and with EYSTIME_SESSION_DAYS=30 removes it" \
	'[ "$(dbq "SELECT count(*) FROM sessions WHERE participant_id = $bpid")" = 0 ]' || sed 's/^/#   /' "$C/p2.out"

# A trainer's new card for one participant.
trainer_add lina motdepasse-lina "$G1ID"
tlogin lina motdepasse-lina; tk=$TK
h0=$(dbq "SELECT code_hash FROM participants WHERE id = $pid")
tget "/groups/$G1ID/participants/$pid"
tok=$(csrf)
t "her page (the trainer's) has \"Nouvelle carte pour revenir\", as a POST form" \
	'has "value=\"card\">Nouvelle carte pour revenir</button>"'
tq "… showing the page changed no code" '[ "$(dbq "SELECT code_hash FROM participants WHERE id = $pid")" = "$h0" ]'
tpost "/groups/$G1ID/participants/$pid" "csrf=$tok&action=card" -b "eystime_trainer=$tk"
pc=$(sed -n 's/.*<dd class="pcode">\([A-Z0-9]\{3\}\) \([A-Z0-9]\{3\}\)<\/dd>.*/\1\2/p' "$BD" | head -1)
t "POST action=card → a printable card with Awa's name, the group's code and a new personal code" \
	'[ "$code" = 200 ] && has "<p class=\"card-name\">Awa</p>" && has "<dd class=\"join-code\">$G1</dd>" && [ -n "$pc" ] && [ "$(dbq "SELECT code_hash FROM participants WHERE id = $pid")" != "$h0" ]'
npost /api/join "code=$G1&name=Awa&next=/&pcode=$pc"
t "… with which Awa comes back, to her own progress" '[ "$code" = 303 ] && [ -n "$(cookie)" ] && [ "$(dbq "SELECT count(*) FROM participants WHERE name LIKE '"'"'Awa%'"'"'")" = 1 ]'
trainer_add paul motdepasse-paul "$G2ID"
tlogin paul motdepasse-paul; tp=$TK
request -b "eystime_trainer=$tp" "$N/api/trainer/groups/$G2ID"
tokp=$(csrf)
npost "/api/trainer/groups/$G1ID/participants/$pid" "csrf=$tokp&action=card" -b "eystime_trainer=$tp"
t "another group's trainer cannot make her card (404), her code unchanged" \
	'[ "$code" = 404 ] && ! has "pcode"'

finish
