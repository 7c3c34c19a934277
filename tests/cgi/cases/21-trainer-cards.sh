#!/bin/bash
# 21-trainer-cards: trainers: printed cards to come back, one per
# participant (name, group code, personal code, QR code). Showing the
# cards page issues nothing; a POST makes them and says whose cards they
# replace. The one-time login cards printed before still work once,
# until their 30 days end, and a new card ends them.
# Run it alone with: bash tests/cgi/run 21
. "$(dirname "$0")/../lib.sh"

groups3
awa=$(join Awa "$G1")
trainer_add marie motdepasse-marie "$G1ID"
tlogin marie motdepasse-marie; tk=$TK
trainer_group 'Atelier <b>test</b>'
zoe=$(join "Zoé" "$CT")
hyp=$(join '=HYPERLINK("http://x")' "$CT")
ats=$(join '@admin' "$CT")
absent=$(join 'Absent' "$CT")
TV=$C/trainer-pages
mkdir -p "$TV"
zpid=$(dbq "SELECT id FROM participants WHERE name = 'Zoé'")
dbq "UPDATE participants SET code_hash = NULL WHERE name = 'Absent'"
state() { dbq "SELECT id, coalesce(code_hash, '-') FROM participants ORDER BY id; SELECT * FROM login_links ORDER BY token_hash"; }

# GET shows who the cards are for and whose they replace; nothing changes.
before=$(state)
tget "/groups/$GT/cards"
tok=$(csrf)
t "GET …/cards: the four names, whose cards it replaces, a POST button; no card" \
	'[ "$code" = 200 ] && has "Zoé" && has "(4)" && has "Elles remplacent les cartes d'"'"'avant de : =HYPERLINK(&quot;http://x&quot;), @admin, Zoé." && has "method=\"post\"" && ! has "class=\"card-qr"'
tq "… and the database is unchanged (GET issues nothing)" '[ "$(state)" = "$before" ]'
request -I -b "eystime_trainer=$tk" "$N/api/trainer/groups/$GT/cards"
tq "… nor does HEAD" '[ "$(state)" = "$before" ]'
tget "/groups/$GT/cards?p=$zpid"
t "GET …/cards?p=ID: the same for one participant" \
	'[ "$code" = 200 ] && has "Carte pour : Zoé (1)" && has "name=\"p\" value=\"$zpid\""'
tq "… unchanged still" '[ "$(state)" = "$before" ]'

# POST makes them.
tpost "/groups/$GT/cards" "csrf=$tok" -b "eystime_trainer=$tk"
cp "$BD" "$TV/cards.html"
ncards=$(grep -c 'class="card-qr return-card"' "$BD")
t "POST …/cards: one card per participant, each with an inline SVG QR code" \
	'[ "$code" = 200 ] && [ "$ncards" = 4 ] && [ "$(grep -c "<svg class=\"qr\"" "$BD")" = 4 ] && has "aria-label=\"Code QR pour revenir, de Zoé\""'
t "… each card has the address, the group code and the date, and the page says whose it replaced" \
	'[ "$(grep -c "class=\"card-help\">Pour revenir : visez le carré avec l'"'"'appareil photo, ou allez sur $N/ et rejoignez" "$BD")" = 4 ] && [ "$(grep -c "<dd class=\"join-code\">$CT</dd>" "$BD")" = 4 ] && [ "$(grep -c "class=\"card-until\">Carte du " "$BD")" = 4 ] && has "Ces cartes remplacent les cartes d'"'"'avant de : =HYPERLINK(&quot;http://x&quot;), @admin, Zoé."'
tq "… every participant has a new personal code" \
	'[ "$(dbq "SELECT count(*) FROM participants WHERE group_id = $GT AND code_hash IS NOT NULL")" = 4 ] && [ "$(state)" != "$before" ]'
# qr_decode: the first QR code of the card of participant $1 in the last
# answer, drawn as a picture (rsvg-convert, else Chromium) and read back
# by zbarimg (Debian zbar-tools); prints what it holds.
qr_decode() {
	sed -n "/id=\"card-$1\"/,/<\/div>/p" "$BD" | grep -o '<svg class="qr".*</svg>' |
		head -1 >"$C/qr.svg"
	rm -f "$C/qr.png"
	if command -v rsvg-convert >/dev/null 2>&1; then
		rsvg-convert -w 400 -b white "$C/qr.svg" -o "$C/qr.png" 2>"$C/qr.err"
	else
		{ echo '<!doctype html><body style="margin:20px;background:#fff">'; cat "$C/qr.svg"; } >"$C/qr.html"
		timeout 60 chromium --headless --no-sandbox --disable-gpu --hide-scrollbars \
			--window-size=300,300 --screenshot="$C/qr.png" "file://$C/qr.html" >"$C/qr.err" 2>&1
	fi
	[ -s "$C/qr.png" ] && zbarimg -q --raw "$C/qr.png" 2>/dev/null | head -1
}
pcode_of() {
	sed -n "/id=\"card-$1\"/,/<\/div>/p" "$BD" |
		sed -n 's/.*<dd class="pcode">\([A-Z0-9]\{3\}\) \([A-Z0-9]\{3\}\)<\/dd>.*/\1\2/p' | head -1
}
qr_url=$(qr_decode "$zpid")
zpc=$(pcode_of "$zpid")
tq "zbarimg decodes Zoé's QR code: an absolute link to /back with her codes" \
	'[ "$qr_url" = "$N/api/back?g=$CT&n=Zo%C3%A9&k=$zpc" ]' ||
	{ echo "#   decoded: $qr_url"; sed 's/^/#   /' "$C/qr.err" | head -5; }
request "$qr_url"
t "opening the link shows the form filled in, and no session" \
	'[ "$code" = 200 ] && has "value=\"$zpc\"" && [ -z "$(cookie)" ]'
npost /api/join "code=$CT&name=Zo%C3%A9&next=/&pcode=$zpc"
zoe_qr=$(cookie)
t "her card brings Zoé back (303, a session)" '[ "$code" = 303 ] && [ -n "$zoe_qr" ]'
request -b "eystime=$zoe_qr" "$N/api/me"
t "… as Zoé, not a new participant" \
	'has "Bonjour Zoé !" && [ "$(dbq "SELECT count(*) FROM participants WHERE group_id = $GT")" = 4 ]'

# One card alone, from the cards page or the group page's button.
apid=$(dbq "SELECT id FROM participants WHERE name = 'Awa'")
tget "/groups/$GT/cards?p=$apid"
t "the cards page for a participant of another group → 404" '[ "$code" = 404 ]'
tpost "/groups/$GT/cards" "csrf=$tok&p=$apid" -b "eystime_trainer=$tk"
t "… and its POST → 404, her code unchanged" '[ "$code" = 404 ] && ! has "pcode"'
tpost "/groups/$GT/cards" "csrf=$tok&p=$zpid" -b "eystime_trainer=$tk"
zpc2=$(pcode_of "$zpid")
t "POST …/cards with p=ID: her card alone, a new code; it replaces hers" \
	'[ "$code" = 200 ] && [ "$(grep -c "class=\"card-qr return-card\"" "$BD")" = 1 ] && [ -n "$zpc2" ] && [ "$zpc2" != "$zpc" ] && has "remplacent les cartes d'"'"'avant de : Zoé."'
npost /api/join "code=$CT&name=Zo%C3%A9&next=/&pcode=$zpc"
t "… her previous card no longer works" '[ "$code" != 303 ] && [ -z "$(cookie)" ]'
tpost "/groups/$GT/cards" "p=$zpid" -b "eystime_trainer=$tk"
t "a POST without the form token → 403, nothing made" '[ "$code" = 403 ] && ! has "pcode"'

# A one-time card printed before (a login link): it works once, a new
# card ends it. Its hash is BLAKE2b-256 of the token's bytes.
legacy() {
	python3 -c 'import base64, hashlib, os, sys
t = os.urandom(32)
print(base64.urlsafe_b64encode(t).decode().rstrip("="), hashlib.blake2b(t, digest_size=32).hexdigest())'
}
read -r lt lh <<<"$(legacy)"
dbq "INSERT INTO login_links(token_hash, participant_id, expires) VALUES (x'$lh', $zpid, strftime('%s','now') + 86400)"
request "$N/api/card?t=$lt"
t "an old one-time card's link shows whose card it is, and a button" \
	'[ "$code" = 200 ] && has "<strong>Zoé</strong>" && has "action=\"/api/card\""'
npost /api/card "t=$lt"
t "its button logs Zoé in (303 to /api/me, a session cookie)" \
	'[ "$code" = 303 ] && [ "$(hdr Location)" = /api/me ] && [ -n "$(cookie)" ]'
npost /api/card "t=$lt"
t "the same card a second time → 410, no session" '[ "$code" = 410 ] && [ -z "$(cookie)" ]'
request -H "Origin: http://evil.example" -H "$FORM" --data-binary "t=$lt" "$N/api/card"
t "a card POST from another origin → 403" '[ "$code" = 403 ]'
read -r lt lh <<<"$(legacy)"
dbq "INSERT INTO login_links(token_hash, participant_id, expires) VALUES (x'$lh', $zpid, strftime('%s','now') - 1)"
npost /api/card "t=$lt"
t "an old card past its 30 days → 410" '[ "$code" = 410 ]'
read -r lt lh <<<"$(legacy)"
dbq "INSERT INTO login_links(token_hash, participant_id, expires) VALUES (x'$lh', $zpid, strftime('%s','now') + 86400)"
tpost "/groups/$GT/participants/$zpid" "csrf=$tok&action=card" -b "eystime_trainer=$tk"
t "the group page's \"Nouvelle carte pour revenir\" (POST) prints her card" \
	'[ "$code" = 200 ] && [ "$(grep -c "class=\"card-qr return-card\"" "$BD")" = 1 ] && has "id=\"card-$zpid\""'
npost /api/card "t=$lt"
t "… and ends her old one-time card (410)" '[ "$code" = 410 ]'

finish
