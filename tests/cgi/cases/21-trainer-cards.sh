#!/bin/bash
# 21-trainer-cards: trainers: printed cards with a QR code that logs a
# participant in once.
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

# QR cards.
zpid=$(dbq "SELECT id FROM participants WHERE name = 'Zoé'")
tget "/groups/$GT/cards"
cp "$BD" "$TV/cards.html"
ncards=$(grep -c 'class="card-qr"' "$BD")
t "the cards page: one card per participant, each with an inline SVG QR code" \
	'[ "$code" = 200 ] && [ "$ncards" = 4 ] && [ "$(grep -c "<svg class=\"qr\"" "$BD")" = 4 ] && has "aria-label=\"Code QR de connexion de Zoé\""'
# qr_decode: the first QR code of the card of participant $1 in the last
# answer, drawn as a picture (rsvg-convert, else Chromium) and read back
# by zbarimg (Debian zbar-tools); prints what it holds.
qr_decode() {
	sed -n "/id=\"card-$1\"/,/<\/li>/p" "$BD" | grep -o '<svg class="qr".*</svg>' |
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
qr_url=$(qr_decode "$zpid")
tq "zbarimg decodes Zoé's QR code: an absolute login link from EYSTIME_ORIGIN" \
	'case "$qr_url" in "$N/api/card?t="?*) true ;; *) false ;; esac' ||
	{ echo "#   decoded: $qr_url"; sed 's/^/#   /' "$C/qr.err" | head -5; }
request "$qr_url"
t "opening the link shows whose card it is, and a button" \
	'[ "$code" = 200 ] && has "<strong>Zoé</strong>" && has "action=\"/api/card\""'
qr_t=${qr_url#*t=}
npost /api/card "t=$qr_t"
zoe_qr=$(cookie)
t "the card's button logs Zoé in (303 to /api/me, a session cookie)" \
	'[ "$code" = 303 ] && [ "$(hdr Location)" = /api/me ] && [ -n "$zoe_qr" ]'
request -b "eystime=$zoe_qr" "$N/api/me"
t "… as Zoé" 'has "Bonjour Zoé !"'
npost /api/card "t=$qr_t"
t "the same card a second time → 410, no session" '[ "$code" = 410 ] && [ -z "$(cookie)" ]'
request "$qr_url"
t "… and its link says so (410)" '[ "$code" = 410 ]'
request -H "Origin: http://evil.example" -H "$FORM" --data-binary "t=$qr_t" "$N/api/card"
t "a card POST from another origin → 403" '[ "$code" = 403 ]'
tget "/groups/$GT/cards?p=$zpid"
t "one card alone (?p=ID)" \
	'[ "$code" = 200 ] && [ "$(grep -c "class=\"card-qr\"" "$BD")" = 1 ] && has "id=\"card-$zpid\""'
nlinks=$(dbq "SELECT count(*) FROM login_links WHERE participant_id = $zpid AND expires BETWEEN strftime('%s','now') + 29*86400 AND strftime('%s','now') + 31*86400")
tq "a participant has one live link at a time, valid 30 days" '[ "$nlinks" = 1 ]' || echo "#   $nlinks"
apid=$(dbq "SELECT id FROM participants WHERE name = 'Awa'")
tget "/groups/$GT/cards?p=$apid"
t "a card for a participant of another group → 404" '[ "$code" = 404 ]'
tget "/groups/$GT/cards?p=$zpid"
qr2=$(qr_decode "$zpid")
tget "/groups/$GT/cards?p=$zpid"
qr3=$(qr_decode "$zpid")
npost /api/card "t=${qr2#*t=}"
t "printing a card again replaces the previous one (410)" \
	'[ -n "$qr2" ] && [ "$code" = 410 ]'
dbq "UPDATE login_links SET expires = strftime('%s','now') - 1"
npost /api/card "t=${qr3#*t=}"
t "a card past its 30 days → 410" '[ -n "$qr3" ] && [ "$code" = 410 ]'

finish
