#!/bin/bash
# 65-confirm-erase: "Effacer mes données" first asks (web_confirm): the
# POST without confirm=1 answers the page and changes nothing in the
# database; with it everything of hers goes and a page says so.
# Run it alone with: bash tests/cgi/run 65
. "$(dirname "$0")/../lib.sh"

dump() { dbq .dump; }

groups3
bea=$(join Bea "$G1")
dora=$(join Dora "$G1")
npost /api/done "lesson=$L1&next=/" -b "eystime=$dora"
request -b "eystime=$dora" "$N/api/comments?lesson=$L1"
tok=$(csrf)
npost /api/comments "csrf=$tok&lesson=$L1&kind=astuce&body=$(urlenc 'Astuce de Dora')" -b "eystime=$dora"
request -b "eystime=$dora" "$N/api/me"
tok=$(csrf)
t "\"Mon parcours\" has the \"Effacer mes données\" form" \
	'has "action=\"/api/me/delete\"" && has "Effacer mes données"'

dump >"$C/before.sql"
npost /api/me/delete "csrf=$tok" -b "eystime=$dora"
cp "$BD" "$C/confirm.html"
dump >"$C/after.sql"
t "POST /api/me/delete without confirm=1 → 200, the confirmation page" \
	'[ "$code" = 200 ] && has "<h1>Effacer toutes vos données ?</h1>" && has "<strong>Dora</strong>" && has "vos leçons terminées" && has "vos messages et vos photos"'
t "… the safe choice is the primary button (a link back to /api/me), first" \
	'grep -q "<p class=\"confirm-choices\"><a class=\"button\" href=\"/api/me\">Non, garder mes données</a>" "$BD"'
t "… the destructive one is styled dangerous and posts confirm=1 with the token" \
	'has "<button type=\"submit\" class=\"danger\">Oui, tout effacer</button>" && has "name=\"confirm\" value=\"1\"" && has "name=\"csrf\" value=\"$tok\""'
tq "… and the database is unchanged (sqlite3 .dump before and after)" \
	'cmp -s "$C/before.sql" "$C/after.sql"' || diff "$C/before.sql" "$C/after.sql" | head -10 | sed 's/^/#   /'
t "… the session cookie is kept" '! hdr Set-Cookie | grep -q .'

npost /api/me/delete "csrf=$tok&confirm=0" -b "eystime=$dora"
dump >"$C/after0.sql"
t "confirm=0 → the same page, nothing erased" \
	'[ "$code" = 200 ] && has "Effacer toutes vos données ?" && cmp -s "$C/before.sql" "$C/after0.sql"'
npost /api/me/delete "csrf=$tok&confirm=oui" -b "eystime=$dora"
dump >"$C/after1.sql"
t "confirm=oui → 400, nothing erased" '[ "$code" = 400 ] && cmp -s "$C/before.sql" "$C/after1.sql"'
npost /api/me/delete "csrf=$tok" -b "eystime=$dora" -H "Accept: application/json"
dump >"$C/after2.sql"
t "without confirm=1, asked for JSON → 409 {\"error\":\"confirm\"}, nothing erased" \
	'[ "$code" = 409 ] && [ "$(cat "$BD")" = "{\"error\":\"confirm\"}" ] && cmp -s "$C/before.sql" "$C/after2.sql"'
npost /api/me/delete "confirm=1" -b "eystime=$dora"
dump >"$C/after3.sql"
t "confirm=1 without the form token → 403, nothing erased" '[ "$code" = 403 ] && cmp -s "$C/before.sql" "$C/after3.sql"'

dpid=$(dbq "SELECT id FROM participants WHERE name = 'Dora'")
npost /api/me/delete "csrf=$tok&confirm=1" -b "eystime=$dora"
cp "$BD" "$C/erased.html"
t "with confirm=1 → 200 \"Vos données sont effacées. Il ne reste rien\", cookie cleared" \
	'[ "$code" = 200 ] && has "<h1>Vos données sont effacées</h1>" && has "Il ne reste rien" && cookie_attr Max-Age=0'
t "… the page leads home, not back into her space" 'has "<a class=\"button\" href=\"$ROOTP\">Aller à l'"'"'accueil</a>"'
left=$(dbq "SELECT (SELECT count(*) FROM participants WHERE id = $dpid) + (SELECT count(*) FROM completions WHERE participant_id = $dpid) + (SELECT count(*) FROM sessions WHERE participant_id = $dpid) + (SELECT count(*) FROM messages WHERE participant_id = $dpid OR body LIKE '%Dora%')")
tq "… nothing of hers is left: participant, lessons, sessions, messages" '[ "$left" = 0 ]' || echo "#   $left rows left"
tq "… and nobody else was touched (Bea is there)" '[ "$(dbq "SELECT count(*) FROM participants WHERE name = '"'Bea'"'")" = 1 ]'
request -b "eystime=$dora" "$N/api/progress"
t "… the old cookie no longer knows her" '[ "$code" = 200 ] && has "\"joined\":false"'

if [ -x tests/node_modules/.bin/html-validate ]; then
	tq "the confirmation and erased pages pass html-validate" \
		'tests/node_modules/.bin/html-validate --config tests/htmlvalidate.json "$C/confirm.html" "$C/erased.html" >"$C/hv.log" 2>&1' ||
		sed 's/^/#   /' "$C/hv.log" | head -20
else
	not_ok "html-validate is installed (make test)"
fi

finish
