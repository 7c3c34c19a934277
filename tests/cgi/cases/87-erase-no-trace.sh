#!/bin/bash
# 87-erase-no-trace: after an erase (/me/delete, a trainer's remove,
# admin purge) the erased name and message text are in no file of the
# database: not eystime.db, not eystime.db-wal, not eystime.db-shm
# (issue 18, item 9: secure_delete and a TRUNCATE checkpoint).
# Run it alone with: bash tests/cgi/run 87
. "$(dirname "$0")/../lib.sh"

groups3
trainer_add marie motdepasse-marie "$G1ID"
tlogin marie motdepasse-marie; tk=$TK
# (A first write of this case's own, so the WAL is there.)
keep=$(join "Gardee" "$G1")

# bytes_left WORD…: how many of the database's files hold any WORD.
bytes_left() {
	local n=0 f w
	for f in "$DB" "$DB-wal" "$DB-shm"; do
		[ -e "$f" ] || continue
		for w in "$@"; do
			if [ "$(LC_ALL=C grep -c -a -F -- "$w" "$f")" != 0 ]; then
				echo "#   $w is in $(basename "$f")"
				n=$((n + 1))
			fi
		done
	done
	echo "$n" >"$C/left"
}
# say NAME BODY COOKIE: a message from that participant.
say() {
	request -b "eystime=$3" "$N/api/comments?lesson=$L1"
	npost /api/comments "csrf=$(csrf)&lesson=$L1&kind=astuce&body=$(urlenc "$2")" -b "eystime=$3"
}

# 1. She erases herself (/me/delete).
q=$(join "Quillonettezz" "$G1")
say Quillonettezz "Xylophage-secret-8472 du jour" "$q"
t "her message is in" '[ "$code" = 303 ]'
bytes_left Quillonettezz Xylophage-secret-8472 >/dev/null
tq "before the erase, her name and message are on disk (the check can see them)" \
	'[ "$(cat "$C/left")" != 0 ]'
request -b "eystime=$q" "$N/api/me"
npost /api/me/delete "csrf=$(csrf)&confirm=1" -b "eystime=$q"
t "/me/delete with confirm=1 → 200" '[ "$code" = 200 ] && has "Vos données sont effacées"'
bytes_left Quillonettezz Xylophage-secret-8472
tq "after /me/delete: her name and message are in no database file (db, -wal, -shm)" \
	'[ "$(cat "$C/left")" = 0 ]'

# 2. The trainer removes and erases a participant.
r=$(join "Rutabagueline" "$G1")
say Rutabagueline "Zinzolin-secret-5519 pour tous" "$r"
rpid=$(dbq "SELECT id FROM participants WHERE name = 'Rutabagueline'")
tget ""
tpost "/groups/$G1ID/participants/$rpid" "csrf=$(csrf)&action=remove&confirm=1" -b "eystime_trainer=$tk"
t "the trainer removes and erases her (303)" '[ "$code" = 303 ]'
bytes_left Rutabagueline Zinzolin-secret-5519
tq "after a trainer's remove: her name and message are in no database file" \
	'[ "$(cat "$C/left")" = 0 ]'

# 3. admin purge erases someone inactive for more than a year.
p=$(join "Pimprenellix" "$G1")
say Pimprenellix "Opopanax-secret-7730 oublie" "$p"
dbq "UPDATE participants SET last_seen = strftime('%s','now') - 400 * 86400 WHERE name = 'Pimprenellix'"
admin purge --yes >"$C/purge.out" 2>&1
tq "admin purge erases her" 'grep -q "purged: 1 participants" "$C/purge.out"' || sed 's/^/#   /' "$C/purge.out"
bytes_left Pimprenellix Opopanax-secret-7730
tq "after admin purge: her name and message are in no database file" \
	'[ "$(cat "$C/left")" = 0 ]'

request -b "eystime=$keep" "$N/api/me"
t "the others are untouched (Gardee still has her space)" '[ "$code" = 200 ] && has "Gardee"'

finish
