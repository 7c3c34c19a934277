#!/bin/bash
# 74-overview: a group's overview (issue 16): 12 participants who
# joined, lessons done by script; each cell "done/lessons of the module",
# the last activity (lessons done, messages; never page views), the
# legend; a participant's page (every lesson with its date, her
# messages, the actions); another group's trainer refused; the trainer's
# own header; the CSV still there.
# Run it alone with: bash tests/cgi/run 74
. "$(dirname "$0")/../lib.sh"

# The course's modules and their lessons, from the manifest.
MODS=()
declare -A MLESSONS
while IFS=$'\t' read -r kind id mod rest; do
	case $kind in
	module) MODS+=("$id") ;;
	lesson) MLESSONS[$mod]+="$id " ;;
	esac
done <"$MANIFEST"
read -r -a M1 <<<"${MLESSONS[${MODS[0]}]}"
read -r -a M2 <<<"${MLESSONS[${MODS[1]}]}"
n1=${#M1[@]} n2=${#M2[@]} nmods=${#MODS[@]}

groups3
trainer_add marie motdepasse-marie "$G1ID"
trainer_add paul motdepasse-paul "$G2ID"
tlogin marie motdepasse-marie; tk=$TK
tlogin paul motdepasse-paul; tp=$TK
tk=${tk:?}
trainer_group "Atelier du lundi"

NAMES=(Awa Bruno Chloé Driss Emma Farid Gisèle Hugo Inès Jules Karim Léa)
declare -A CK PID
for i in "${!NAMES[@]}"; do
	nm=${NAMES[$i]}
	CK[$nm]=$(join "$nm" "$CT")
	PID[$nm]=$(dbq "SELECT id FROM participants WHERE name = '$nm' AND group_id = $GT")
done
tq "12 participants joined the group" \
	'[ "$(dbq "SELECT count(*) FROM participants WHERE group_id = $GT")" = 12 ]'

# Participant i (0 to 11) does the first i % (n1 + 1) lessons of the
# first module; the odd ones the whole second module.
declare -A WANT1 WANT2
for i in "${!NAMES[@]}"; do
	nm=${NAMES[$i]}
	k=$((i % (n1 + 1)))
	for ((j = 0; j < k; j++)); do
		npost /api/done "lesson=${M1[$j]}&next=/" -b "eystime=${CK[$nm]}"
	done
	WANT1[$nm]=$k
	WANT2[$nm]=0
	if [ $((i % 2)) = 1 ]; then
		for l in "${M2[@]}"; do
			npost /api/done "lesson=$l&next=/" -b "eystime=${CK[$nm]}"
		done
		WANT2[$nm]=$n2
	fi
done
# Dates: Bruno's lessons on 20 November, then a message on 25 November:
# his last activity is the message. Awa has done nothing.
dbq "UPDATE completions SET done_at = strftime('%s', '2026-11-20 12:00:00') WHERE participant_id = ${PID[Bruno]}"
request -b "eystime=${CK[Bruno]}" "$N/api/comments?lesson=${M1[0]}"
npost /api/comments "csrf=$(csrf)&lesson=${M1[0]}&kind=question&body=$(urlenc 'Comment on agrandit le texte ? Je ne vois pas le réglage dans mon téléphone, il est tout petit et je dois mettre mes lunettes pour lire les messages de ma fille.')" -b "eystime=${CK[Bruno]}"
mb=$(mid)
dbq "UPDATE messages SET created = strftime('%s', '2026-11-25 12:00:00') WHERE id = ${mb:-0}"
# Looking at pages is no activity: Chloé's visit now changes nothing.
dbq "UPDATE completions SET done_at = strftime('%s', '2026-11-18 12:00:00') WHERE participant_id = ${PID[Chloé]}"
request -b "eystime=${CK[Chloé]}" "$N/api/me"

tget "/groups/$GT"
cp "$BD" "$C/group.html"
t "the group page: 200, one overview table, no table per module any more" \
	'[ "$code" = 200 ] && [ "$(grep -c "<table>" "$BD")" = 1 ] && has "class=\"matrix overview\"" && ! has "id=\"module-0\""'
row() { grep -F "<tr id=\"p${PID[$1]}\">" "$BD" | head -1; }
# The n-th cell (1: the first module) of a row, without its tags.
cell() { row "$1" | sed 's/<td/\n<td/g' | grep '^<td' | sed -n "${2}p" | sed 's/<[^>]*>//g; s/ ✓//'; }
bad=""
for nm in "${NAMES[@]}"; do
	[ "$(cell "$nm" 1)" = "${WANT1[$nm]}/$n1" ] || bad+=" $nm:1=$(cell "$nm" 1)"
	[ "$(cell "$nm" 2)" = "${WANT2[$nm]}/$n2" ] || bad+=" $nm:2=$(cell "$nm" 2)"
	[ "$(row "$nm" | grep -o "<td" | wc -l)" = $((nmods + 1)) ] || bad+=" $nm:cells"
done
tq "every participant's cells: lessons done / lessons of the module, a cell per module and the last activity" '[ -z "$bad" ]' ||
	echo "#  $bad"
t "each name links to the participant's page" \
	'row Bruno | grep -qF "<a href=\"/api/trainer/groups/$GT/participants/${PID[Bruno]}\">Bruno</a>"'
t "a finished module is bold and ticked (not colour alone), one not started is marked none" \
	'row Bruno | grep -qF "<td class=\"full\">$n2/$n2<span aria-hidden=\"true\"> ✓</span></td>" && row Awa | grep -qF "<td class=\"none\">0/$n1</td>"'
t "a module started: class part" 'row Bruno | grep -qF "<td class=\"part\">1/$n1</td>"'
t "last activity: Bruno's message (25/11), after his lessons (20/11)" \
	'[ "$(row Bruno | sed "s/.*<td class=\"last\">\([^<]*\)<.*/\1/")" = "25/11" ]'
t "last activity: Chloé's lessons (18/11); her visit of a page does not count" \
	'[ "$(row Chloé | sed "s/.*<td class=\"last\">\([^<]*\)<.*/\1/")" = "18/11" ]'
t "last activity: Awa did nothing: aucune" \
	'[ "$(row Awa | sed "s/.*<td class=\"last\">\([^<]*\)<.*/\1/")" = "aucune" ]'
full1=0
for nm in "${NAMES[@]}"; do [ "${WANT1[$nm]}" = "$n1" ] && full1=$((full1 + 1)); done
foot=$(grep -F '<tr><th scope="row">Ont fini</th>' "$BD")
t "the foot: how many finished each module ($full1/12 the first, 6/12 the second)" \
	'echo "$foot" | grep -qF "<td class=\"total\">$full1/12</td><td class=\"total\">6/12</td>"'
t "the legend says how to read a cell and names every module" \
	'has "Comment lire :" && has "module terminé" && has "pas commencé" && [ "$(sed -n "/<ol class=\"modules\">/,/<\/ol>/p" "$BD" | grep -c "<li>")" = "$nmods" ]'
t "the trainer's header: Mes groupes, Messages, Rapport, Se déconnecter (a POST form); not Mon parcours" \
	'has "<nav class=\"trainer-nav\"" && has ">Mes groupes</a>" && has "href=\"/api/trainer/messages\">Messages</a>" && has "href=\"/api/trainer/report\">Rapport</a>" && has "class=\"logout-nav\" action=\"/api/trainer/logout\"" && has ">Se déconnecter</button>" && ! has "class=\"my-progress\"" && ! has "Mon parcours"'
request -b "eystime=${CK[Awa]}" "$N/api/me"
t "a participant's page keeps the participants' menu, without the trainer's" \
	'has "class=\"my-progress\"" && ! has "trainer-nav" && ! has "@@eystime"'

# A participant's page.
P="/groups/$GT/participants/${PID[Bruno]}"
tget "$P"
cp "$BD" "$C/bruno.html"
nl=${#LID[@]}
ndone=$((WANT1[Bruno] + WANT2[Bruno]))
t "Bruno's page: 200, his name, every lesson of the course ($nl), $ndone done" \
	'[ "$code" = 200 ] && has "<h1>Bruno</h1>" && [ "$(grep -c "<li class=\"done\">" "$BD")" = "$ndone" ] && [ "$(grep -c "<li class=\"todo\">" "$BD")" = $((nl - ndone)) ]'
t "… each lesson done with its date (20 novembre 2026), the others \"pas encore\"" \
	'[ "$(grep "<li class=\"done\">" "$BD" | grep -c "terminée le 20 novembre 2026")" = "$ndone" ] && grep "<li class=\"todo\">" "$BD" | head -1 | grep -q "pas encore"'
t "… his message: lesson, date, excerpt, a link to the discussion" \
	'has "<li id=\"m$mb\">" && has "25 novembre à" && has "« Comment on agrandit le texte ?" && has "href=\"/api/trainer/groups/$GT/talk?lesson=${M1[0]}#m$mb\">Voir la discussion</a>"'
t "… the excerpt is cut with …" 'grep -A1 "<li id=\"m$mb\">" "$BD" | grep -q "… »"'
t "… the actions: rename, new card, print the card, merge, remove (danger), export" \
	'has "value=\"rename\">Renommer</button>" && has "value=\"card\">Nouvelle carte pour revenir</button>" && has "cards?p=${PID[Bruno]}" && has "value=\"merge\" class=\"button secondary\">Fusionner…</button>" && has "class=\"danger\" name=\"action\" value=\"remove\"" && has "/participants/${PID[Bruno]}/export"'
t "… the forms post to the participant's address with the form token" \
	'[ "$(grep -c "action=\"/api/trainer$P\"" "$BD")" -ge 4 ] && [ -n "$(csrf)" ]'
tget "/groups/$GT/participants/${PID[Awa]}"
t "Awa's page: no lesson done, no message" \
	'[ "$code" = 200 ] && ! has "<li class=\"done\">" && has "Pas encore de message."'
# Removal still asks first.
tok=$(csrf)
tpost "$P" "csrf=$tok&action=remove" -b "eystime_trainer=$tk"
t "remove from the participant's page: the confirmation page first (200), Bruno still there" \
	'[ "$code" = 200 ] && has "Retirer et effacer ses données ?" && [ "$(dbq "SELECT count(*) FROM participants WHERE id = ${PID[Bruno]}")" = 1 ]'

# Refusals.
request -b "eystime_trainer=$tp" "$N/api/trainer$P"
t "another group's trainer: 404" '[ "$code" = 404 ] && ! has "Bruno"'
request -b "eystime_trainer=$tp" "$N/api/trainer/groups/$GT"
t "… and the group page: 404" '[ "$code" = 404 ]'
other=$(join "Zora" "$G2")
zpid=$(dbq "SELECT id FROM participants WHERE name = 'Zora'")
tget "/groups/$GT/participants/$zpid"
t "a participant of another group under my group's path: 404" '[ "$code" = 404 ]'
tget "/groups/$GT/participants/99999"
t "an unknown participant: 404" '[ "$code" = 404 ]'
request -b "eystime=${CK[Bruno]}" "$N/api/trainer$P"
t "a participant's session: the login form (401)" '[ "$code" = 401 ] && has "name=\"password\""'
request "$N/api/trainer$P"
t "no session: the login form (401)" '[ "$code" = 401 ]'
request -b "eystime_trainer=$tk" "$N/api/trainer$P/x"
t "a path under it: 404" '[ "$code" = 404 ]'

# "Messages": my groups' discussions.
tget "/messages"
t "Messages: 200, the group with its discussions and its unanswered question" \
	'[ "$code" = 200 ] && has "<h2>Atelier du lundi</h2>" && has "href=\"/api/trainer/groups/$GT/talk\">Discussions du groupe</a> · 1 question sans réponse" && has "aria-current=\"page\">Messages</a>"'

# The CSV is unchanged: a header, 12 participants, a total.
request -b "eystime_trainer=$tk" "$N/api/trainer/groups/$GT/progress.csv"
t "progress.csv still works: 14 lines, Bruno's total $ndone" \
	'[ "$code" = 200 ] && type_is text/csv && [ "$(grep -c $'"'"'\r$'"'"' "$BD")" = 14 ] && grep "^Bruno;" "$BD" | tr -d "\r" | grep -q ";$ndone$"'

finish
