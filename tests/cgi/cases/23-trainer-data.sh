#!/bin/bash
# 23-trainer-data: a participant's data rights, through the trainer: export,
# remove and erase.
# Run it alone with: bash tests/cgi/run 23
. "$(dirname "$0")/../lib.sh"

groups3
awa=$(join Awa "$G1")
bea=$(join Bea "$G1")
trainer_add marie motdepasse-marie "$G1ID"
trainer_add paul motdepasse-paul "$G2ID"
tlogin marie motdepasse-marie; tk=$TK
tlogin paul motdepasse-paul; tp=$TK
trainer_group 'Atelier <b>test</b>'
tget ""
tok_m=$(csrf)
# Zoé (two lessons, a message, renamed "Zoé B." by the trainer) and
# "=HYPERLINK(…)" in the new group.
zoe=$(join "Zoé" "$CT")
hyp=$(join '=HYPERLINK("http://x")' "$CT")
npost /api/done "lesson=$L1&next=/" -b "eystime=$zoe"
npost /api/done "lesson=$L2&next=/" -b "eystime=$zoe"
request -b "eystime=$zoe" "$N/api/comments?lesson=$L1"
npost /api/comments "csrf=$(csrf)&lesson=$L1&kind=question&body=$(urlenc 'Message de Zoé à signaler')" -b "eystime=$zoe"
zpid=$(dbq "SELECT id FROM participants WHERE name = 'Zoé'")
tpost "/groups/$GT/participants/$zpid" "csrf=$tok_m&action=rename&name=$(urlenc 'Zoé B.')" -b "eystime_trainer=$tk"
# Dora, of "Groupe du mardi", leaves a message under lesson 3, then
# erases her data herself (/api/me/delete).
dora=$(join Dora "$G1")
request -b "eystime=$dora" "$N/api/comments?lesson=$L3"
npost /api/comments "csrf=$(csrf)&lesson=$L3&kind=astuce&body=$(urlenc 'Astuce de Dora "citée"')" -b "eystime=$dora"
request -b "eystime=$dora" "$N/api/me"
npost /api/me/delete "csrf=$(csrf)&confirm=1" -b "eystime=$dora"

request -b "eystime_trainer=$tk" "$N/api/trainer/groups/$GT/participants/$zpid/export"
if command -v node >/dev/null 2>&1; then
	tx_ok() {
		node -e '
			const j = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
			process.exit(j.name === "Zoé B." && j.completions.length === 2 &&
				j.messages.some(m => m.body === "Message de Zoé à signaler") ? 0 : 1);' "$BD"
	}
else
	tx_ok() { has '"name":"Zoé B."'; }
fi
t "the trainer exports a participant's data as JSON" \
	'[ "$code" = 200 ] && type_is application/json && hdr Content-Disposition | grep -q attachment && tx_ok'
apid=$(dbq "SELECT id FROM participants WHERE name = 'Awa'")
request -b "eystime_trainer=$tk" "$N/api/trainer/groups/$GT/participants/$apid/export"
t "exporting a participant of another group through this group → 404" '[ "$code" = 404 ]'
request -b "eystime_trainer=$tp" "$N/api/trainer/groups/$G2ID/participants/$apid/export"
t "… or through one's own other group → 404" '[ "$code" = 404 ]'
request -b "eystime=$hyp" "$N/api/comments?lesson=$L1"
tok_h=$(csrf)
npost /api/comments "csrf=$tok_h&lesson=$L1&kind=astuce&body=$(urlenc 'Astuce de HYPERLINK')" -b "eystime=$hyp"
hpid=$(dbq "SELECT id FROM participants WHERE name LIKE '=HYPERLINK%'")
tpost "/groups/$GT/participants/$hpid" "csrf=$tok_m&action=remove&confirm=1" -b "eystime_trainer=$tk"
t "the trainer removes and erases a participant (303)" \
	'[ "$code" = 303 ] && [ -z "$(dbq "SELECT id FROM participants WHERE id = $hpid")" ] && [ "$(dbq "SELECT count(*) FROM completions WHERE participant_id = $hpid")" = 0 ]'
request -b "eystime=$zoe" "$N/api/comments?lesson=$L1"
t "… their messages stay as \"message supprimé\", text and name gone" \
	'has "message supprimé" && ! has "Astuce de HYPERLINK" && ! has "HYPERLINK"'
request -b "eystime=$hyp" "$N/api/progress"
t "… and their session is over" 'has "\"joined\":false"'
request -b "eystime=$bea" "$N/api/comments?lesson=$L3"
t "/me/delete (Dora, earlier): her message stays as \"message supprimé\"" \
	'has "message supprimé" && ! has "Astuce de Dora" && [ "$(dbq "SELECT count(*) FROM messages WHERE participant_id IS NULL AND body = '"''"'")" -ge 2 ]'

finish
