#!/bin/bash
# 85-lookalike-names: names are NFC; invisible and default-ignorable
# characters are refused with a reason; within a group, names compare by
# their confusable skeleton (Unicode TS #39, ICU's uspoof), so "Bob" and
# a Cyrillic "Воb" are one name (issue 18, item 7).
# Run it alone with: bash tests/cgi/run 85
. "$(dirname "$0")/../lib.sh"

groups3
trainer_add marie motdepasse-marie "$G1ID"
bob=$(join "Bob" "$G1")
tq "Bob joins" '[ -n "$bob" ]'

# Bob + one invisible character, each refused with the reason.
# U+034F CGJ, U+061C ALM, U+115F and U+3164 Hangul fillers, U+180E MVS,
# U+2800 Braille blank, U+FE0F VS16, U+E0041 tag A, U+FFA0, U+00A0.
for bad in '%CD%8F' '%D8%9C' '%E1%85%9F' '%E3%85%A4' '%E1%A0%8E' \
	'%E2%A0%80' '%EF%B8%8F' '%F3%A0%81%81' '%EF%BE%A0' '%C2%A0'; do
	npost /api/join "code=$G1&name=Bob$bad&next=%2F"
	t "Bob + $bad → 400 with the reason" \
		'[ "$code" = 400 ] && has "caractère invisible"'
done
npost /api/join "code=$G1&name=%E3%85%A4&next=%2F"
t "a name of one Hangul filler (U+3164) alone → 400" '[ "$code" = 400 ]'
n=$(dbq "SELECT count(*) FROM participants WHERE group_id = $G1ID")
tq "… and none of them joined" '[ "$n" = 1 ]' || echo "#   $n participants"

# Look-alikes of Bob: "Are you already in the group?", as Bob again.
npost /api/join "code=$G1&name=Bob&next=%2F"
t "Bob again → \"Vous êtes déjà dans le groupe ?\"" \
	'[ "$code" = 200 ] && has "Vous êtes déjà dans le groupe ?"'
for look in '%D0%92%D0%BEb' '%EF%BC%A2%EF%BD%8F%EF%BD%82'; do
	npost /api/join "code=$G1&name=$look&next=%2F"
	t "look-alike $look (Cyrillic, full width) → \"Vous êtes déjà dans le groupe ?\"" \
		'[ "$code" = 200 ] && has "Vous êtes déjà dans le groupe ?"'
done
n=$(dbq "SELECT count(*) FROM participants WHERE group_id = $G1ID")
tq "… and no second Bob was made" '[ "$n" = 1 ]' || echo "#   $n participants"
# "Ce n'est pas moi": a new participant, numbered like "Bob 2".
npost /api/join "code=$G1&name=%D0%92%D0%BEb&next=%2F&other=1"
pname=$(dbq "SELECT name FROM participants WHERE group_id = $G1ID ORDER BY id DESC LIMIT 1")
t "Cyrillic \"Воb\", not Bob → joins as \"Воb 2\"" \
	'[ "$code" = 200 ] && [ "$pname" = "Воb 2" ]' || echo "#   name: $pname"
# The skeleton is per group: Воb is free in another group.
npost /api/join "code=$G2&name=%D0%92%D0%BEb&next=%2F"
t "\"Воb\" in another group joins (a card)" '[ "$code" = 200 ] && card_made'

# NFC: "Zoé" typed decomposed (e + U+0301) is stored composed, and then
# is the same name as "Zoé" typed composed.
npost /api/join "code=$G1&name=Zoe%CC%81&next=%2F"
hex=$(dbq "SELECT hex(name) FROM participants WHERE group_id = $G1ID ORDER BY id DESC LIMIT 1")
t "NFD Zoé joins, stored in NFC (5A6FC3A9)" '[ "$code" = 200 ] && [ "$hex" = 5A6FC3A9 ]' ||
	echo "#   hex: $hex"
npost /api/join "code=$G1&name=Zo%C3%A9&next=%2F"
t "NFC Zoé → \"Vous êtes déjà dans le groupe ?\"" \
	'[ "$code" = 200 ] && has "Vous êtes déjà dans le groupe ?"'

# Group names: NFC, nothing invisible.
tlogin marie motdepasse-marie; tk=$TK
tget ""
tok=$(csrf)
tpost /groups "csrf=$tok&name=Mardi%E3%85%A4" -b "eystime_trainer=$tk"
t "a group name with U+3164 → 400 with the reason" '[ "$code" = 400 ] && has "caractère invisible"'
tpost /groups "csrf=$tok&name=Caf%C3%A9%20de%20l%27apre%CC%80s-midi" -b "eystime_trainer=$tk"
gid=$(hdr Location | sed -n 's|^/api/trainer/groups/\([0-9][0-9]*\)$|\1|p')
hex=$(dbq "SELECT hex(name) FROM groups WHERE id = ${gid:-0}")
t "a group name typed decomposed is stored in NFC" \
	'[ "$code" = 303 ] && [ "$hex" = "$(printf "Café de l'"'"'après-midi" | od -An -tx1 | tr -d " \n" | tr a-f A-F)" ]' ||
	echo "#   hex: $hex"

# A trainer's rename to a look-alike of another's name: taken.
zpid=$(dbq "SELECT id FROM participants WHERE group_id = $G1ID AND name = 'Zoé'")
tget "/groups/$G1ID"
tok=$(csrf)
tpost "/groups/$G1ID/participants/$zpid" "csrf=$tok&action=rename&name=%D0%92%D0%BEb" -b "eystime_trainer=$tk"
t "the trainer renames Zoé \"Воb\", a look-alike of Bob → 400 \"déjà pris\"" \
	'[ "$code" = 400 ] && has "déjà pris"'
tpost "/groups/$G1ID/participants/$zpid" "csrf=$tok&action=rename&name=Zo%C3%A9%20B." -b "eystime_trainer=$tk"
t "… and to \"Zoé B.\" → 303" '[ "$code" = 303 ]'

finish
