#!/bin/bash
# 77-report: the funders' report (issue 16). A group of 12 participants
# and two smaller ones do scripted things (lessons done, messages,
# questions solved) at dates the case sets; every event is also written
# to an events file, from which the case counts each figure itself.
# Those counts must be what the page (GET /trainer/report), its CSV and
# `admin report` say, for one group and for all groups, over a period
# that leaves some of the activity out. Bad dates answer 400.
# Run it alone with: bash tests/cgi/run 77
. "$(dirname "$0")/../lib.sh"

groups3
trainer_add marie motdepasse-marie "$G1ID"
admin trainer follow marie "$G2ID" >/dev/null
trainer_add paul motdepasse-paul "$G3ID"
tlogin marie motdepasse-marie; tk=$TK

# The course as the manifest says it: each lesson's module and minutes.
declare -A LMOD LMIN MODN
MODS=()
while IFS=$'\t' read -r kind id module url title minutes; do
	[ "$kind" = lesson ] || continue
	LMOD[$id]=$module
	LMIN[$id]=${minutes:-0}
	[ -n "${MODN[$module]:-}" ] || MODS+=("$module")
	MODN[$module]=$((${MODN[$module]:-0} + 1))
done <"$MANIFEST"
M0=${MODS[0]}
M0L=()
while IFS=$'\t' read -r kind id module rest; do
	[ "$kind" = lesson ] && [ "$module" = "$M0" ] && M0L+=("$id")
done <"$MANIFEST"
tq "the manifest gives lessons their minutes (the example's first lesson: ${LMIN[$L1]})" \
	'[ "${LMIN[$L1]}" -gt 0 ] && [ "${#M0L[@]}" -ge 2 ]'

T() { date -d "$1" +%s; }
EV=$C/events
: >"$EV"
declare -A PID CK
# person G NAME JOINED: NAME joins group G (its code); joined at JOINED.
person() {
	local gcode=$1 gid=$2 name=$3 when=$4
	CK[$name]=$(join "$name" "$gcode")
	PID[$name]=$(dbq "SELECT id FROM participants WHERE name = '$name'")
	dbq "UPDATE participants SET created = $(T "$when") WHERE id = ${PID[$name]}"
	echo "join $gid ${PID[$name]} $(T "$when")" >>"$EV"
}
# done NAME GID LESSON WHEN: NAME marks LESSON done, dated WHEN.
done_at() {
	local name=$1 gid=$2 lesson=$3 t
	t=$(T "$4")
	npost /api/done "lesson=$lesson&next=/" -b "eystime=${CK[$name]}"
	[ "$code" = 303 ] || echo "# done $name $lesson: HTTP $code"
	dbq "UPDATE completions SET done_at = $t WHERE participant_id = ${PID[$name]} AND lesson = '$lesson'"
	echo "done $gid ${PID[$name]} $lesson ${LMOD[$lesson]} ${LMIN[$lesson]} $t" >>"$EV"
}
# say NAME GID KIND WHEN [REPLY_TO]: a message; its id in $MID.
say() {
	local name=$1 gid=$2 kind=$3 t extra
	t=$(T "$4")
	request -b "eystime=${CK[$name]}" "$N/api/comments?lesson=$L1"
	if [ -n "${5:-}" ]; then
		extra="reply=$5"
		kind=reply
	else
		extra="kind=$kind"
	fi
	npost /api/comments "csrf=$(csrf)&lesson=$L1&$extra&body=$(urlenc "Message de $name")" -b "eystime=${CK[$name]}"
	MID=$(mid)
	[ -n "$MID" ] || echo "# message of $name: HTTP $code"
	dbq "UPDATE messages SET created = $t WHERE id = $MID"
	echo "msg $gid ${PID[$name]} $kind $t" >>"$EV"
}
# solve NAME GID QUESTION WHEN: the asker marks it solved, dated WHEN.
solve() {
	local t
	t=$(T "$4")
	request -b "eystime=${CK[$1]}" "$N/api/comments?lesson=$L1"
	npost /api/comments "csrf=$(csrf)&lesson=$L1&solve=$3" -b "eystime=${CK[$1]}"
	[ "$code" = 303 ] || echo "# solve $3: HTTP $code"
	dbq "UPDATE messages SET solved_at = $t WHERE id = $3"
	echo "solved $2 $3 $t" >>"$EV"
}

# Group 1: twelve participants.
for i in 01 02 03 04 05 06 07 08 09 10; do person "$G1" "$G1ID" "Prenom$i" "2026-02-15 10:00"; done
person "$G1" "$G1ID" Prenom11 "2026-03-05 10:00"
person "$G1" "$G1ID" Prenom12 "2026-03-31 23:30"
tq "group 1 has 12 participants" '[ "$(dbq "SELECT count(*) FROM participants WHERE group_id = $G1ID")" = 12 ]'
# 01–04 finish the first module in March; 05 finishes it on the 1st of
# April (its last lesson out of the period); 06 finished it in February.
for who in Prenom01 Prenom02 Prenom03 Prenom04; do
	d=2
	for l in "${M0L[@]}"; do done_at "$who" "$G1ID" "$l" "2026-03-0$d 14:00"; d=$((d + 1)); [ $d -gt 9 ] && d=9; done
done
n=0
for l in "${M0L[@]}"; do
	n=$((n + 1))
	if [ "$n" -lt "${#M0L[@]}" ]; then done_at Prenom05 "$G1ID" "$l" "2026-03-20 09:00"
	else done_at Prenom05 "$G1ID" "$l" "2026-04-01 00:30"; fi
done
for l in "${M0L[@]}"; do done_at Prenom06 "$G1ID" "$l" "2026-02-20 11:00"; done
# 07–09: two lessons in March, one of them on its last evening.
for who in Prenom07 Prenom08 Prenom09; do
	done_at "$who" "$G1ID" "$L1" "2026-03-12 15:00"
	done_at "$who" "$G1ID" "$L2" "2026-03-31 23:30"
done
# 10 asks in March, 07 answers, 08 gives a tip; 11 asked in February, it
# is solved in March; 10's is solved in March too. 12 does nothing.
say Prenom10 "$G1ID" question "2026-03-10 10:00"; q10=$MID
say Prenom07 "$G1ID" question "2026-03-10 11:00" "$q10"
say Prenom08 "$G1ID" astuce "2026-03-11 10:00"
say Prenom11 "$G1ID" question "2026-02-25 10:00"; q11=$MID
solve Prenom10 "$G1ID" "$q10" "2026-03-15 10:00"
solve Prenom11 "$G1ID" "$q11" "2026-03-02 10:00"
# Group 2 (marie's too): one active in March, one in February only.
person "$G2" "$G2ID" Autre01 "2026-02-01 10:00"
person "$G2" "$G2ID" Autre02 "2026-03-03 10:00"
done_at Autre01 "$G2ID" "$L1" "2026-03-18 10:00"
done_at Autre02 "$G2ID" "$L1" "2026-02-18 10:00"
say Autre02 "$G2ID" question "2026-04-02 10:00"
# Group 3 (paul's): the host's report counts it, marie's does not.
person "$G3" "$G3ID" Loin01 "2026-03-01 00:00"
done_at Loin01 "$G3ID" "$L1" "2026-03-01 00:00"
done_at Loin01 "$G3ID" "$L2" "2026-03-21 10:00"
done_at Loin01 "$G3ID" "$L3" "2026-02-28 23:59"

# expect GROUPS FROM TO: the case's own count, from its events file, as
# "key value" lines, for groups GROUPS ("1 2") over days FROM to TO.
mod_totals() { for m in "${MODS[@]}"; do echo "total $m ${MODN[$m]}"; done; }
expect() {
	local from to
	from=$(T "$2 00:00")
	to=$(T "$(date -d "$3 tomorrow" +%F) 00:00")
	{ mod_totals; cat "$EV"; } | awk -v gs=" $1 " -v from="$from" -v to="$to" '
		$1 == "total" { total[$2] = $3; next }
		index(gs, " " $2 " ") == 0 { next }
		$1 == "join" && $4 >= from && $4 < to { joined++ }
		$1 == "done" {
			t = $7
			if (t < to) { n[$3 SUBSEP $5]++; if (t > last[$3 SUBSEP $5]) last[$3 SUBSEP $5] = t; mods[$3 SUBSEP $5] = $5 }
			if (t >= from && t < to) { lessons++; minutes += $6; act[$3] = 1; grp[$2] = 1 }
		}
		$1 == "msg" && $5 >= from && $5 < to { messages++; if ($4 == "question") questions++; act[$3] = 1; grp[$2] = 1 }
		$1 == "solved" && $4 >= from && $4 < to { solved++ }
		END {
			for (k in n) if (n[k] == total[mods[k]] && last[k] >= from && last[k] < to) modules++
			for (p in act) active++
			for (g in grp) groups++
			printf "groups %d\nactive %d\njoined %d\nlessons %d\n", groups, active, joined, lessons
			tenths = int((minutes * 10 + 30) / 60)
			printf "hours %d,%d\nminutes %d\nmodules %d\n", int(tenths / 10), tenths % 10, minutes, modules
			printf "messages %d\nquestions %d\nsolved %d\n", messages, questions, solved
		}'
}
# The page's figures (td data-figure="key"), as "key value" lines.
page_figures() { sed -n 's/.*<td data-figure="\([a-z]*\)">\([^<]*\)<\/td>.*/\1 \2/p' "$BD"; }
# The CSV's second row against its first, as "key value" lines (in the
# order of the page's rows, after Du;Au;Groupe).
KEYS="groups active joined lessons hours minutes modules messages questions solved"
csv_figures() {
	tr -d '\r' <"$BD" | sed -n 2p | sed 's/"\([0-9]*\),\([0-9]\)"/\1,\2/g' |
		awk -F';' -v keys="$KEYS" '{ n = split(keys, k, " "); for (i = 1; i <= n; i++) print k[i], $(i + 3) }'
}
# admin report's lines, label → key by the page's order.
admin_figures() {
	tail -n +4 "$1" | awk -F'\t' -v keys="$KEYS" '{ split(keys, k, " "); print k[NR], $2 }'
}
same() {
	if diff <(echo "$2") <(echo "$3") >"$C/diff"; then ok "$1"; else
		not_ok "$1"; sed 's/^/#   /' "$C/diff"; fi
}

# March: some of the activity is before or after it.
E12=$(expect "$G1ID" 2026-03-01 2026-03-31)
tget "/report?from=2026-03-01&to=2026-03-31&group=$G1ID"
t "GET /trainer/report for group 1 in March: 200, the period and the group's name in the title" \
	'[ "$code" = 200 ] && has "Du 1 mars 2026 au 31 mars 2026 · Groupe du mardi"'
same "… its figures are the case's own count ($(echo "$E12" | tr '\n' ' '))" "$E12" "$(page_figures)"
tq "… which leaves out activity before and after March (12 lessons done in all, fewer counted)" \
	'[ "$(grep -c "^done $G1ID " "$EV")" -gt "$(echo "$E12" | sed -n "s/^lessons //p")" ]'
t "… anonymous: no participant's name on the page" '! grep -q "Prenom\|Autre0\|Loin0" "$BD"'
t "… the form works without a script: GET, date fields, a group choice with \"Tous mes groupes\"" \
	'has "<form method=\"get\" class=\"report-form\" action=\"/api/trainer/report\">" && has "type=\"date\"" && has "<option value=\"\">Tous mes groupes</option>" && has "<option value=\"$G1ID\" selected>"'
t "… marie's groups only in the choice (paul's is not there)" '! has "<option value=\"$G3ID\""'
t "… a link to the same figures as CSV" "has \"/api/trainer/report.csv?from=2026-03-01&amp;to=2026-03-31&amp;group=$G1ID\""
tget "/report.csv?from=2026-03-01&to=2026-03-31&group=$G1ID"
t "GET /trainer/report.csv: 200, text/csv, an attachment" \
	'[ "$code" = 200 ] && type_is text/csv && hdr Content-Disposition | grep -q "rapport-2026-03-01-2026-03-31.csv"'
same "… the same figures in the CSV" "$E12" "$(csv_figures)"
t "… with the period and the group, no participant's name" \
	'tr -d "\r" <"$BD" | sed -n 2p | grep -q "^2026-03-01;2026-03-31;Groupe du mardi;" && ! grep -q "Prenom" "$BD"'
admin --site "$OUT/site" report --from 2026-03-01 --to 2026-03-31 --group "$G1ID" >"$C/a1.out" 2>"$C/a1.err"; rc=$?
tq "admin report --group 1: exit 0, the period and the group first" \
	'[ $rc = 0 ] && [ "$(head -3 "$C/a1.out" | tr "\t\n" ":|")" = "Du:2026-03-01|Au:2026-03-31|Groupe:$G1ID|" ]' || sed 's/^/#   /' "$C/a1.out" "$C/a1.err"
same "… the same figures from admin report" "$E12" "$(admin_figures "$C/a1.out")"

# All of marie's groups (1 and 2); the host's every group (1, 2 and 3).
EM=$(expect "$G1ID $G2ID" 2026-03-01 2026-03-31)
tget "/report?from=2026-03-01&to=2026-03-31&group="
t "all my groups (group=\"\"): 200, \"tous mes groupes (2)\"" '[ "$code" = 200 ] && has "· tous mes groupes (2)</h2>"'
same "… figures of groups 1 and 2, as counted by the case" "$EM" "$(page_figures)"
tget "/report.csv?from=2026-03-01&to=2026-03-31"
same "… the same in the CSV (no group given)" "$EM" "$(csv_figures)"
EA=$(expect "$G1ID $G2ID $G3ID" 2026-03-01 2026-03-31)
admin --site "$OUT/site" report --from 2026-03-01 --to 2026-03-31 >"$C/a2.out" 2>&1
same "admin report without --group: every group (paul's too)" "$EA" "$(admin_figures "$C/a2.out")"
tq "… which differs from marie's (group 3 is counted)" '[ "$EA" != "$EM" ]'
EY=$(expect "$G1ID $G2ID $G3ID" 2026-01-01 2026-12-31)
EYSTIME_SITE=$OUT/site admin report --from 2026-01-01 --to 2026-12-31 >"$C/a3.out" 2>&1
same "admin report over the whole year (EYSTIME_SITE): everything counted" "$EY" "$(admin_figures "$C/a3.out")"
tget "/report?from=2026-03-31&to=2026-03-31&group=$G1ID"
same "one day (from = to = 31 March): that whole day, to 23:59" "$(expect "$G1ID" 2026-03-31 2026-03-31)" "$(page_figures)"

# Refusals.
tget "/report?from=2026-02-30&to=2026-03-31"
t "a day not in the calendar (2026-02-30) → 400 with the reason" '[ "$code" = 400 ] && has "Date non valable"'
tget "/report.csv?from=2026-03-01&to=31/03/2026"
t "a date written otherwise (31/03/2026), CSV too → 400" '[ "$code" = 400 ] && has "2026-01-31"'
tget "/report?from=2026-04-01&to=2026-03-01"
t "from after to → 400 that says so" '[ "$code" = 400 ] && has "est après la date de fin"'
tget "/report?from=2026-03-01&to=2026-03-31&group=abc"
t "group=abc → 400" '[ "$code" = 400 ]'
tget "/report?from=2026-03-01&to=2026-03-31&group=$G3ID"
t "another trainer's group → 404, no figure" '[ "$code" = 404 ] && ! has "data-figure"'
tget "/report.csv?group=$G3ID"
t "… its CSV too" '[ "$code" = 404 ]'
request "$N/api/trainer/report"
t "without a trainer session: the login form (401)" '[ "$code" = 401 ] && has "name=\"password\""'
request -b "eystime=${CK[Prenom01]}" "$N/api/trainer/report.csv"
t "a participant's session is not a trainer's (401)" '[ "$code" = 401 ] && ! has "data-figure"'
tget "/report"
y=$(date +%Y) today=$(date +%Y-%m-%d)
t "no dates given: this year to today" '[ "$code" = 200 ] && has "value=\"$y-01-01\"" && has "value=\"$today\""'
admin --site "$OUT/site" report --from 2026-03-01 --to 2026-02-01 >"$C/a4.out" 2>&1; rc=$?
tq "admin report: --from after --to → exit 2, said" '[ $rc = 2 ] && grep -q "is after" "$C/a4.out"'
admin --site "$OUT/site" report --from 2026-13-01 --to 2026-02-01 >"$C/a5.out" 2>&1; rc=$?
tq "admin report: month 13 → exit 2, said" '[ $rc = 2 ] && grep -q "YYYY-MM-DD" "$C/a5.out"'
admin --site "$OUT/site" report --from 2026-03-01 --to 2026-03-31 --group 99999 >"$C/a6.out" 2>&1; rc=$?
tq "admin report: an unknown group → exit 1, said" '[ $rc = 1 ] && grep -q "no group 99999" "$C/a6.out"'
EYSTIME_SITE= admin report --from 2026-03-01 --to 2026-03-31 >"$C/a7.out" 2>&1; rc=$?
tq "admin report without EYSTIME_SITE nor --site → exit 2, says what to set" '[ $rc = 2 ] && grep -q "EYSTIME_SITE" "$C/a7.out"'

finish
