#!/bin/bash
# 86-long-names-utf8: a group named "A" + 99 emoji (397 bytes, within
# valid_group_name's 100 characters) and a participant of 40 emoji: every
# page, JSON and CSV that shows them is valid UTF-8 and shows them whole
# (issue 18, item 8: 256-byte buffers cut them inside a character).
# Run it alone with: bash tests/cgi/run 86
. "$(dirname "$0")/../lib.sh"

groups3
trainer_add marie motdepasse-marie "$G1ID"
tlogin marie motdepasse-marie; tk=$TK
GNAME=A$(printf '🌻%.0s' $(seq 99))
PNAME=$(printf '🦔%.0s' $(seq 40))
trainer_group "$GNAME"
p=$(join "$PNAME" "$CT")
tq "a participant of 40 emoji joins the group of 100 characters" '[ -n "$p" ]'
request -b "eystime=$p" "$N/api/comments?lesson=$L1"
npost /api/comments "csrf=$(csrf)&lesson=$L1&kind=question&body=$(urlenc "Bonjour $GNAME")" -b "eystime=$p"
pid=$(dbq "SELECT id FROM participants WHERE group_id = $GT")

# utf8_ok NAME: the last answer is 2xx, valid UTF-8 (python3's strict
# decoder) and holds the whole group name.
utf8_ok() {
	local what=$1 whole=${2:-$GNAME}
	cp "$BD" "$C/$(echo "$what" | tr -c 'a-z0-9\n' '_').out"
	t "$what: valid UTF-8" \
		'[ "${code#2}" != "$code" ] && python3 -c "import sys; open(sys.argv[1], \"rb\").read().decode(\"utf-8\")" "$BD" 2>/dev/null'
	tq "$what: the whole name, not cut" 'grep -qF -- "$whole" "$BD"'
}

request -b "eystime=$p" "$N/api/me"
utf8_ok "/me"
request -b "eystime=$p" "$N/api/me/export"
utf8_ok "/me/export (JSON)"
request -b "eystime=$p" "$N/api/group"
utf8_ok "/group"
request -b "eystime=$p" "$N/api/progress"
utf8_ok "/progress (JSON)" "$PNAME"
request -b "eystime=$p" "$N/api/comments?lesson=$L1"
utf8_ok "/comments" "$PNAME"
tget ""
utf8_ok "trainer home"
tget "/groups/$GT"
utf8_ok "trainer group page"
tget "/groups/$GT/progress.csv"
utf8_ok "trainer progress.csv" "$PNAME"
tget "/groups/$GT/cards"
utf8_ok "trainer cards"
tget "/groups/$GT/messages"
utf8_ok "trainer messages"
tget "/groups/$GT/talk"
utf8_ok "trainer talk"
tget "/groups/$GT/participants/$pid/export"
utf8_ok "trainer participant export (JSON)"
tget "/report?group=$GT"
utf8_ok "trainer report"
tget "/report.csv?group=$GT"
utf8_ok "trainer report.csv"

finish
