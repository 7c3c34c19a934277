#!/bin/bash
# 12-my-data: a participant's own data: export and erase.
# Run it alone with: bash tests/cgi/run 12
. "$(dirname "$0")/../lib.sh"

groups3
bea=$(join Bea "$G1")

dora=$(join Dora "$G1")
npost /api/done "lesson=$L3&next=/" -b "eystime=$dora"
request -b "eystime=$dora" "$N/api/comments?lesson=$L3"
tok_dora=$(csrf)
npost /api/comments "csrf=$tok_dora&lesson=$L3&kind=astuce&body=$(urlenc 'Astuce de Dora "citée"')" \
	-b "eystime=$dora"
request -b "eystime=$dora" "$N/api/me/export"
if command -v node >/dev/null 2>&1; then
	json_ok() {
		node -e '
			const j = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
			const ok = j.name === "Dora" && j.completions.length === 1 &&
				j.completions[0].lesson === process.argv[2] &&
				j.messages.length === 1 &&
				j.messages[0].body === "Astuce de Dora \"citée\"";
			process.exit(ok ? 0 : 1);' "$BD" "$L3"
	}
else
	json_ok() { has '"name":"Dora"' && has "\"lesson\":\"$L3\"" && has 'Astuce de Dora \"cit'; }
fi
t "/api/me/export → my data as JSON (name, lessons done, messages)" \
	'[ "$code" = 200 ] && type_is application/json && json_ok && hdr Content-Disposition | grep -q attachment'
request -b "eystime=$dora" "$N/api/me"
tok_dora=$(csrf)
npost /api/me/delete "x=1" -b "eystime=$dora"
t "POST /api/me/delete without the csrf token → 403" '[ "$code" = 403 ]'
npost /api/me/delete "csrf=$tok_dora&confirm=1" -b "eystime=$dora"
t "POST /api/me/delete with the token and confirm=1 → 200 \"Vos données sont effacées\", cookie cleared" \
	'[ "$code" = 200 ] && has "Vos données sont effacées" && cookie_attr Max-Age=0'
request -b "eystime=$dora" "$N/api/progress"
t "… then /api/progress with the old cookie shows joined:false" \
	'[ "$code" = 200 ] && has "\"joined\":false"'
request -b "eystime=$bea" "$N/api/group"
nd=$(dbq "SELECT count(*) FROM participants WHERE name = 'Dora'")
t "… and Dora's name and message are gone (feed, database)" \
	'! has "Dora" && [ "$nd" = 0 ]'

finish
