#!/bin/bash
# 67-confirm-message: deleting one's own message first asks
# (web_confirm); someone else's message is refused before any page.
# Run it alone with: bash tests/cgi/run 67
. "$(dirname "$0")/../lib.sh"

dump() { dbq .dump; }

groups3
awa=$(join Awa "$G1")
bea=$(join Bea "$G1")
request -b "eystime=$awa" "$N/api/comments?lesson=$L1"
tok_a=$(csrf)
npost /api/comments "csrf=$tok_a&lesson=$L1&kind=astuce&body=$(urlenc 'Astuce à effacer')" -b "eystime=$awa"
m=$(mid)
request -b "eystime=$bea" "$N/api/comments?lesson=$L1"
tok_b=$(csrf)

dump >"$C/before.sql"
npost /api/comments "csrf=$tok_a&lesson=$L1&delete=$m" -b "eystime=$awa"
cp "$BD" "$C/confirm.html"
dump >"$C/after.sql"
t "deleting my message without confirm=1 → 200, \"Supprimer votre message ?\"" \
	'[ "$code" = 200 ] && has "<h1>Supprimer votre message ?</h1>" && has "message supprimé"'
t "… \"Non, garder mon message\" first, the primary button back to the message" \
	'has "<a class=\"button\" href=\"/api/comments?lesson=$L1#m$m\">Non, garder mon message</a>"'
t "… the form sends delete, lesson, confirm=1 and the token again" \
	'has "action=\"/api/comments\"" && has "name=\"delete\" value=\"$m\"" && has "name=\"lesson\" value=\"$L1\"" && has "name=\"confirm\" value=\"1\"" && has "name=\"csrf\" value=\"$tok_a\"" && has "class=\"danger\">Oui, supprimer</button>"'
tq "… and the database is unchanged" 'cmp -s "$C/before.sql" "$C/after.sql"' ||
	diff "$C/before.sql" "$C/after.sql" | head -10 | sed 's/^/#   /'
npost /api/comments "csrf=$tok_b&lesson=$L1&delete=$m" -b "eystime=$bea"
t "someone else's message → 403 at once, no confirmation page" '[ "$code" = 403 ] && ! has "Supprimer votre message ?"'
npost /api/comments "csrf=$tok_b&lesson=$L1&delete=$m&confirm=1" -b "eystime=$bea"
dump >"$C/after2.sql"
t "… and with confirm=1 too (403), nothing changed" '[ "$code" = 403 ] && cmp -s "$C/before.sql" "$C/after2.sql"'
npost /api/comments "csrf=$tok_a&lesson=$L1&delete=$m&confirm=1" -b "eystime=$awa"
n=$(dbq "SELECT count(*) FROM messages WHERE id = $m")
t "with confirm=1 → 303 to the discussion, the message is gone" \
	'[ "$code" = 303 ] && [ "$(hdr Location)" = "/api/comments?lesson=$L1" ] && [ "$n" = 0 ]'

if [ -x tests/node_modules/.bin/html-validate ]; then
	tq "the confirmation page passes html-validate" \
		'tests/node_modules/.bin/html-validate --config tests/htmlvalidate.json "$C/confirm.html" >"$C/hv.log" 2>&1' ||
		sed 's/^/#   /' "$C/hv.log" | head -20
else
	not_ok "html-validate is installed (make test)"
fi

finish
