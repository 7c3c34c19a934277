#!/bin/bash
# 25-trainer-pages: the trainer pages pass html-validate.
# Run it alone with: bash tests/cgi/run 25
. "$(dirname "$0")/../lib.sh"

groups3
trainer_add marie motdepasse-marie "$G1ID"
TV=$C/trainer-pages
mkdir -p "$TV"
request "$N/api/trainer"
cp "$BD" "$TV/login.html"
tlogin marie motdepasse-marie; tk=$TK
tget ""
cp "$BD" "$TV/home.html"
trainer_group 'Atelier <b>test</b>'
# Participants, lessons done, one away for 8 days, their cards.
zoe=$(join "Zoé" "$CT")
hyp=$(join '=HYPERLINK("http://x")' "$CT")
absent=$(join 'Absent' "$CT")
npost /api/done "lesson=$L1&next=/" -b "eystime=$zoe"
npost /api/done "lesson=$L1&next=/" -b "eystime=$hyp"
dbq "UPDATE participants SET last_seen = strftime('%s','now') - 8 * 86400 WHERE name = 'Absent'"
tget "/groups/$GT/cards"
cp "$BD" "$TV/cards.html"
tpost "/groups/$GT/cards" "csrf=$(csrf)" -b "eystime_trainer=$tk"
cp "$BD" "$TV/cards-made.html"
# A reported message, and a message held for its link.
request -b "eystime=$zoe" "$N/api/comments?lesson=$L1"
tok_z=$(csrf)
npost /api/comments "csrf=$tok_z&lesson=$L1&kind=question&body=$(urlenc 'Message de Zoé à signaler')" -b "eystime=$zoe"
mz=$(mid)
request -b "eystime=$hyp" "$N/api/comments?lesson=$L1"
npost /api/comments "csrf=$(csrf)&lesson=$L1&report=$mz" -b "eystime=$hyp"
tget ""
tpost "/groups/$GT" "csrf=$(csrf)&action=hold-on" -b "eystime_trainer=$tk"
npost /api/comments "csrf=$tok_z&lesson=$L1&kind=ressource&body=$(urlenc 'Voir www.exemple-lien.org')" -b "eystime=$zoe"

tget "/groups/$GT"
cp "$BD" "$TV/group.html"
tget "/groups/$GT/messages"
cp "$BD" "$TV/messages.html"
tget "/groups/$GT/participants/$(dbq "SELECT id FROM participants WHERE name = 'Zoé'")"
cp "$BD" "$TV/participant.html"
tget "/messages"
cp "$BD" "$TV/all-messages.html"
if [ -x tests/node_modules/.bin/html-validate ]; then
	if tests/node_modules/.bin/html-validate --config tests/htmlvalidate.json \
		"$TV"/*.html >"$C/hv.log" 2>&1; then
		ok "trainer pages pass html-validate (login, groups, group, cards, cards made, messages, participant, all messages)"
	else
		not_ok "trainer pages pass html-validate (login, groups, group, cards, cards made, messages, participant, all messages)"
		sed 's/^/#   /' "$C/hv.log" | head -30
	fi
else
	not_ok "html-validate is installed (make test)"
fi

finish
