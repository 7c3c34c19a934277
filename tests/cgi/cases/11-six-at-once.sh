#!/bin/bash
# 11-six-at-once: six participants ticking a lesson at the same time.
# Run it alone with: bash tests/cgi/run 11
. "$(dirname "$0")/../lib.sh"

groups3

par=""
for i in 1 2 3 4 5 6; do
	par="$par $(join "Parallele$i" "$G3")"
done
i=0
for ck in $par; do
	i=$((i + 1))
	curl -sS --max-time 10 -o /dev/null -w '%{http_code}' -H "Origin: $N" \
		-H "$FORM" --data-binary "lesson=$LP&next=/" -b "eystime=$ck" \
		"$N/api/done" >"$C/par.$i" 2>&1 &
done
wait
pcodes=""
for i in 1 2 3 4 5 6; do
	pcodes="$pcodes$(cat "$C/par.$i") "
done
prog_ok=0
for ck in $par; do
	request -b "eystime=$ck" "$N/api/progress"
	has "\"$LP\"" && prog_ok=$((prog_ok + 1))
done
ndb=$(dbq "SELECT count(*) FROM completions c JOIN participants p ON p.id = c.participant_id WHERE c.lesson = '$LP' AND p.group_id = $G3ID")
tq "six participants posting done at once: all six recorded" \
	'[ "$(echo $par | wc -w)" = 6 ] && [ "$pcodes" = "303 303 303 303 303 303 " ] && [ "$prog_ok" = 6 ] && [ "$ndb" = 6 ]' ||
	echo "#   codes: $pcodes; in /api/progress: $prog_ok; in the database: $ndb"

finish
