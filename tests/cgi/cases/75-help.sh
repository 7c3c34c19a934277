#!/bin/bash
# 75-help: "Qui a besoin d'aide" on the group page (issue 16): nothing
# done for the group's N days (default 10, a setting), a question
# unanswered after 48 h, stopped in the middle of a module (her latest
# lesson done is in a module she has not finished, and no lesson for
# N/2 days, rounded up). Time is moved by writing the dates in the
# database. The people and the reasons, exactly.
# Run it alone with: bash tests/cgi/run 75
. "$(dirname "$0")/../lib.sh"

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
n1=${#M1[@]}
T1=$(sed -n "s/^module\t${MODS[0]}\t[^\t]*\t[^\t]*\t//p" "$MANIFEST")

groups3
trainer_add marie motdepasse-marie "$G1ID"
trainer_add paul motdepasse-paul "$G2ID"
tlogin marie motdepasse-marie; tk=$TK
tlogin paul motdepasse-paul; tp=$TK
trainer_group "Atelier du mardi"

NAMES=(Awa Bruno Chloé Driss Emma Farid Gisèle Hugo Inès Jules Karim Léa)
declare -A CK PID
for nm in "${NAMES[@]}"; do
	CK[$nm]=$(join "$nm" "$CT")
	PID[$nm]=$(dbq "SELECT id FROM participants WHERE name = '$nm' AND group_id = $GT")
done
ago() { echo "strftime('%s','now') - $1 * 86400"; }
# Everyone joined 20 days ago.
dbq "UPDATE participants SET created = $(ago 20) WHERE group_id = $GT"
done_ago() { # NAME DAYS LESSON…
	local nm=$1 d=$2 l
	shift 2
	for l in "$@"; do
		npost /api/done "lesson=$l&next=/" -b "eystime=${CK[$nm]}"
		dbq "UPDATE completions SET done_at = $(ago "$d") WHERE participant_id = ${PID[$nm]} AND lesson = '$l'"
	done
}
ask() { # NAME DAYS TEXT: a question on the first lesson, DAYS ago; its id in $q
	request -b "eystime=${CK[$1]}" "$N/api/comments?lesson=${M1[0]}"
	npost /api/comments "csrf=$(csrf)&lesson=${M1[0]}&kind=question&body=$(urlenc "$3")" -b "eystime=${CK[$1]}"
	q=$(mid)
	dbq "UPDATE messages SET created = $(ago "$2") WHERE id = ${q:-0}"
}
answer() { # NAME QUESTION TEXT
	request -b "eystime=${CK[$1]}" "$N/api/comments?lesson=${M1[0]}"
	npost /api/comments "csrf=$(csrf)&lesson=${M1[0]}&reply=$2&body=$(urlenc "$3")" -b "eystime=${CK[$1]}"
}

# Awa: one lesson of the first module, 12 days ago: idle, and stopped midway.
done_ago Awa 12 "${M1[0]}"
# Bruno: nothing since he joined (20 days); looking at pages is no activity.
request -b "eystime=${CK[Bruno]}" "$N/api/me"
request -b "eystime=${CK[Bruno]}" "$N/api/comments?lesson=${M1[0]}"
# Chloé: two lessons of the first module, 6 days ago: stopped midway.
done_ago Chloé 6 "${M1[0]}" "${M1[1]}"
# Driss: two lessons of the first module, 2 days ago: on her way.
done_ago Driss 2 "${M1[0]}" "${M1[1]}"
# Emma: the whole second module, 6 days ago: finished it, not stopped.
done_ago Emma 6 "${M2[@]}"
# Farid: a lesson 7 days ago, then an answer 1 day ago: active (the
# message), but stopped midway in his lessons.
done_ago Farid 7 "${M1[0]}"
# Questions: Gisèle's, 3 days old, unanswered; Hugo's, 1 day old; Inès's,
# 3 days, answered by Jules; Karim's, 3 days, answered by himself only;
# Léa's, 3 days, solved by her; Farid's answer to Hugo.
ask Gisèle 3 "Comment je fais pour grossir le texte ?"
qg=$q
ask Hugo 1 "Où est le réglage du wifi ?"
qh=$q
answer Farid "$qh" "Dans les réglages, en haut."
dbq "UPDATE messages SET created = $(ago 1) WHERE parent_id = $qh"
ask Inès 3 "Mon écran est tout noir, que faire ?"
qi=$q
answer Jules "$qi" "Appuie longtemps sur le bouton du côté."
ask Karim 3 "Je ne trouve pas l'application."
qk=$q
answer Karim "$qk" "Je précise : c'est pour la banque."
ask Léa 3 "Comment on éteint ?"
ql=$q
request -b "eystime=${CK[Léa]}" "$N/api/comments?lesson=${M1[0]}"
npost /api/comments "csrf=$(csrf)&lesson=${M1[0]}&solve=$ql" -b "eystime=${CK[Léa]}"
# Jules, Karim, Gisèle, Hugo, Inès, Léa wrote now: active.
for nm in Gisèle Hugo Inès Jules Karim Léa; do
	dbq "UPDATE messages SET created = $(ago 1) WHERE participant_id = ${PID[$nm]} AND parent_id IS NOT NULL"
done

# The help list as "class pid-or-message" lines, sorted.
items() {
	sed -n '/<section class="help/,/<\/section>/p' "$BD" | grep '<li class="help-' |
		sed 's/^<li class="\(help-[a-z]*\)"\( data-msg="\([0-9]*\)"\)\{0,1\}><a href="[^"]*\/participants\/\([0-9]*\)".*/\1 p\4/; s/^<li class="\(help-question\)" data-msg="\([0-9]*\)".*/\1 m\2/' |
		sort
}
expect() { printf '%s\n' "$@" | sort; }

tget "/groups/$GT"
cp "$BD" "$C/group-10.html"
got=$(items)
want=$(expect "help-idle p${PID[Awa]}" "help-idle p${PID[Bruno]}" \
	"help-stopped p${PID[Chloé]}" "help-stopped p${PID[Farid]}" \
	"help-question m$qg" "help-question m$qk")
tq "N = 10 (the default): exactly Awa and Bruno (idle), Chloé and Farid (stopped midway), Gisèle's and Karim's questions" \
	'[ "$got" = "$want" ]' || { echo "#   got:"; echo "$got" | sed 's/^/#     /'; echo "#   want:"; echo "$want" | sed 's/^/#     /'; }
li() { sed -n '/<section class="help/,/<\/section>/p' "$BD" | grep -F "$1" | head -1 | sed 's/<[^>]*>//g'; }
t "Awa: nothing for 12 days, her last activity, stopped in the first module" \
	'[ "$(li "participants/${PID[Awa]}\"")" = "Awa : rien fait depuis 12 jours (dernière activité le $(date -d "-12 days" +%d/%m)) ; arrêt au milieu du module « $T1 » (1 leçon sur $n1)." ]'
t "Bruno: nothing since joining, 20 days ago (his page views do not count)" \
	'[ "$(li "participants/${PID[Bruno]}\"")" = "Bruno : rien fait depuis son arrivée, il y a 20 jours." ]'
t "Chloé: stopped in the middle of the first module, 2 lessons of $n1, none since that day" \
	'[ "$(li "participants/${PID[Chloé]}\"")" = "Chloé : arrêt au milieu du module « $T1 » (2 leçons sur $n1, aucune leçon terminée depuis le $(date -d "-6 days" +%d/%m))." ]'
t "Gisèle's question: unanswered for 3 days, its lesson and its words, a link to the discussion" \
	'li "data-msg=\"$qg\"" | grep -qF "Question de Gisèle sans réponse depuis 3 jours (leçon « " && li "data-msg=\"$qg\"" | grep -qF "») : « Comment je fais pour grossir le texte ? »." && has "href=\"/api/trainer/groups/$GT/talk?lesson=${M1[0]}#m$qg\">Question de Gisèle</a>"'
t "the rule is said under the list: 10 days, 48 h" 'has "Rien fait : 10 jours sans terminer de leçon ni écrire de message"'
t "the group's settings: the number of days, 10" \
	'has "action=\"/api/trainer/groups/$GT/idle\"" && has "name=\"days\" type=\"number\" min=\"1\" max=\"90\" required inputmode=\"numeric\" value=\"10\""'

# The group's N: 5 days.
tok=$(csrf)
tpost "/groups/$GT/idle" "csrf=$tok&days=5" -b "eystime_trainer=$tk"
t "setting N to 5: 303 back to the list" '[ "$code" = 303 ] && [ "$(hdr Location)" = "/api/trainer/groups/$GT#aide" ]'
tq "… stored in groups.idle_days" '[ "$(dbq "SELECT idle_days FROM groups WHERE id = $GT")" = 5 ]'
tget "/groups/$GT"
cp "$BD" "$C/group-5.html"
got=$(items)
want=$(expect "help-idle p${PID[Awa]}" "help-idle p${PID[Bruno]}" \
	"help-idle p${PID[Chloé]}" "help-idle p${PID[Emma]}" \
	"help-stopped p${PID[Farid]}" "help-question m$qg" "help-question m$qk")
tq "N = 5: Chloé and Emma (6 days) are idle now; Farid still stopped (his answer is recent); Driss (2 days) not" \
	'[ "$got" = "$want" ]' || { echo "#   got:"; echo "$got" | sed 's/^/#     /'; echo "#   want:"; echo "$want" | sed 's/^/#     /'; }
t "Chloé is listed once, idle with the module she stopped in" \
	'[ "$(li "participants/${PID[Chloé]}\"")" = "Chloé : rien fait depuis 6 jours (dernière activité le $(date -d "-6 days" +%d/%m)) ; arrêt au milieu du module « $T1 » (2 leçons sur $n1)." ]'
t "the form shows 5" 'has "inputmode=\"numeric\" value=\"5\""'

# Bad values, other trainers.
for v in 0 91 abc ""; do
	tpost "/groups/$GT/idle" "csrf=$tok&days=$v" -b "eystime_trainer=$tk"
	t "days=$v: 400 with the reason" '[ "$code" = 400 ] && has "Un nombre de jours, de 1 à 90."'
done
tpost "/groups/$GT/idle" "days=7" -b "eystime_trainer=$tk"
t "without the form token: 403" '[ "$code" = 403 ]'
tpost "/groups/$GT/idle" "csrf=$tok&days=7" -b "eystime_trainer=$tp"
t "another group's trainer: 404 (or the token refused)" '[ "$code" = 404 ] || [ "$code" = 403 ]'
tq "… N is still 5" '[ "$(dbq "SELECT idle_days FROM groups WHERE id = $GT")" = 5 ]'

# Answering and solving take a question off the list.
tget "/groups/$GT/talk?lesson=${M1[0]}"
tpost "/groups/$GT/talk" "csrf=$(csrf)&lesson=${M1[0]}&reply=$qg&body=$(urlenc 'Dans Réglages, Affichage.')" -b "eystime_trainer=$tk"
tget "/groups/$GT"
t "a trainer's answer takes Gisèle's question off the list; Karim's stays" \
	'! has "data-msg=\"$qg\"" && has "data-msg=\"$qk\""'
finish
