#!/bin/bash
# 68-purge-confirm: `admin purge` by hand without --yes only says what
# would go (at a terminal) or refuses (elsewhere: cron, a script);
# --yes erases.
# Run it alone with: bash tests/cgi/run 68
. "$(dirname "$0")/../lib.sh"

dump() { dbq .dump; }

groups3
zoe=$(join Zoé "$G1")
absent=$(join Absent "$G1")
dbq "UPDATE participants SET last_seen = strftime('%s','now') - 400 * 86400 WHERE name = 'Absent'"

dump >"$C/before.sql"
admin purge </dev/null >"$C/p1.out" 2>"$C/p1.err"
s1=$?
dump >"$C/after1.sql"
tq "purge without --yes, not at a terminal → exit 2, \"add --yes\", nothing erased" \
	'[ "$s1" = 2 ] && grep -q "add --yes (nothing was erased)" "$C/p1.err" && cmp -s "$C/before.sql" "$C/after1.sql"' ||
	sed 's/^/#   /' "$C/p1.out" "$C/p1.err"

# At a terminal (script(1) gives it one): what would go, and --yes.
if command -v script >/dev/null 2>&1; then
	if [ -n "$DB_OWNER" ]; then
		cmd="runuser -u $DB_OWNER -- $OUT/bin/eystime-cgi admin --db $DB purge"
	else
		cmd="$OUT/bin/eystime-cgi admin --db $DB purge"
	fi
	script -qec "$cmd" /dev/null >"$C/p2.out" 2>&1 </dev/null
	s2=$?
	dump >"$C/after2.sql"
	tq "purge without --yes at a terminal → exit 1, \"would purge: 1 participants\", \"run it again with --yes\"" \
		'[ "$s2" = 1 ] && grep -q "would purge: 1 participants" "$C/p2.out" && grep -q "run it again with --yes" "$C/p2.out"' ||
		sed 's/^/#   /' "$C/p2.out"
	tq "… and nothing was erased (sqlite3 .dump)" 'cmp -s "$C/before.sql" "$C/after2.sql"'
else
	not_ok "script(1) is installed (util-linux)"
fi

admin purge --yes --months 1 --months 2 >"$C/p3.out" 2>&1
s3=$?
tq "purge --months twice → usage (exit 2)" '[ "$s3" = 2 ]'
admin purge --yes </dev/null >"$C/p4.out" 2>&1
s4=$?
n=$(dbq "SELECT group_concat(name) FROM participants")
tq "purge --yes → exit 0, \"purged: 1 participants\", Absent gone, Zoé kept" \
	'[ "$s4" = 0 ] && grep -q "purged: 1 participants" "$C/p4.out" && [ "$n" = "Zoé" ]' ||
	sed 's/^/#   /' "$C/p4.out"
admin purge --months 24 --yes >"$C/p5.out" 2>&1
s5=$?
tq "purge --months 24 --yes (either order) → exit 0" '[ "$s5" = 0 ] && grep -q "purged: 0 participants inactive for 24 months" "$C/p5.out"'

finish
