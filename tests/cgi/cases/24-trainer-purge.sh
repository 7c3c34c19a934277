#!/bin/bash
# 24-trainer-purge: admin purge: the retention period, expired links and
# sessions.
# Run it alone with: bash tests/cgi/run 24
. "$(dirname "$0")/../lib.sh"

groups3
trainer_add marie motdepasse-marie "$G1ID"
# A trainer session past its 8 hours, and a live one.
tlogin marie motdepasse-marie; tk=$TK
dbq "UPDATE trainer_sessions SET created = created - 28801"
tlogin marie motdepasse-marie; tk=$TK
zoe=$(join "Zoé" "$G1")
absent=$(join 'Absent' "$G1")
zpid=$(dbq "SELECT id FROM participants WHERE name = 'Zoé'")

dbq "UPDATE participants SET last_seen = strftime('%s','now') - 400 * 86400 WHERE name = 'Absent'"
dbq "INSERT INTO login_links(token_hash, participant_id, expires) VALUES (randomblob(32), $zpid, strftime('%s','now') - 10)"
admin purge --months 24 --yes >"$C/purge1.out" 2>&1
p1=$?
n_abs1=$(dbq "SELECT count(*) FROM participants WHERE name = 'Absent'")
EYSTIME_RETENTION_MONTHS=zero admin purge >"$C/purge0.out" 2>&1
p0=$?
admin purge --yes >"$C/purge2.out" 2>&1
p2=$?
n_abs2=$(dbq "SELECT count(*) FROM participants WHERE name = 'Absent'")
n_zoe=$(dbq "SELECT count(*) FROM participants WHERE id = $zpid")
tq "admin purge --months 24 keeps a participant seen 400 days ago" '[ "$p1" = 0 ] && [ "$n_abs1" = 1 ]' ||
	sed 's/^/#   /' "$C/purge1.out"
tq "admin purge refuses a bad EYSTIME_RETENTION_MONTHS" '[ "$p0" = 2 ]'
tq "admin purge (12 months by default) erases them, keeps the others" \
	'[ "$p2" = 0 ] && [ "$n_abs2" = 0 ] && [ "$n_zoe" = 1 ] && grep -q "purged: 1 participants" "$C/purge2.out"' ||
	sed 's/^/#   /' "$C/purge2.out"
tq "admin purge removes expired login links and trainer sessions" \
	'[ "$(dbq "SELECT count(*) FROM login_links WHERE expires <= strftime('"'%s'"','"'now'"')")" = 0 ] && [ "$(dbq "SELECT count(*) FROM trainer_sessions WHERE created < strftime('"'%s'"','"'now'"') - 28800")" = 0 ]'

finish
