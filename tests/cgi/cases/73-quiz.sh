#!/bin/bash
# 73-quiz: a lesson's quizzes without JavaScript. The form posts to
# /api/quiz; the answer is judged against the manifest, kept for a
# participant who joined (303 to "Bonne réponse ✓" / "Pas tout à fait"),
# judged but not kept for a visitor; JSON for the script. The trainer's
# group page shows, per question, who was right the first time out of
# who answered, the hardest first, and who failed a question twice
# without finding it since (store_quiz_struggling). Export, erase and
# merge carry the answers; every bad field is a 400 with its reason.
# Run it alone with: bash tests/cgi/run 73
. "$(dirname "$0")/../lib.sh"

# The quizzes of the course, from the manifest: a lesson with two
# single-answer quizzes (QL: Q1, Q2) and a quiz with several right
# answers (checkboxes: Q3 of lesson ML).
QL="" Q1="" Q2="" R1="" R2="" N1=0 N2=0 T1="" T2=""
ML="" Q3="" R3="" N3=0 T3=""
while IFS=$'\t' read -r kind lesson qid right n text rest; do
	[ "$kind" = quiz ] || continue
	case $right in
	*,*) [ -n "$Q3" ] || { ML=$lesson Q3=$qid R3=$right N3=$n T3=$text; } ;;
	*)
		if [ -z "$QL" ]; then
			QL=$lesson Q1=$qid R1=$right N1=$n T1=$text
		elif [ "$lesson" = "$QL" ] && [ -z "$Q2" ]; then
			Q2=$qid R2=$right N2=$n T2=$text
		fi
		;;
	esac
done <"$MANIFEST"
tq "the manifest has quiz lines: two single-answer quizzes of one lesson and a checkbox one" \
	'[ -n "$Q1" ] && [ -n "$Q2" ] && [ -n "$Q3" ] && [ "$N1" -ge 2 ]' ||
	finish
QU="" MU=""
while IFS=$'\t' read -r kind id mod url rest; do
	[ "$kind" = lesson ] || continue
	[ "$id" = "$QL" ] && QU=$ROOTP$url
	[ "$id" = "$ML" ] && MU=$ROOTP$url
done <"$MANIFEST"
W1=$((R1 % N1 + 1)) # a wrong answer of Q1
W2=$((R2 % N2 + 1))
esc() { sed 's/&/\&amp;/g; s/</\&lt;/g; s/>/\&gt;/g; s/"/\&quot;/g; '"s/'/\\&#39;/g"; }
T1H=$(printf '%s' "$T1" | esc)
T2H=$(printf '%s' "$T2" | esc)
T3H=$(printf '%s' "$T3" | esc)

# The static page: a form per quiz, posting to the CGI.
page=$OUT/site/${QU#"$ROOTP"}index.html
tq "the lesson's quiz is a form posting lesson, quiz and c to /api/quiz" \
	'grep -qF "<form class=\"quiz\" id=\"quiz-$Q1\" method=\"post\" action=\"/api/quiz\"" "$page" &&
	grep -qF "<input type=\"hidden\" name=\"lesson\" value=\"$QL\"><input type=\"hidden\" name=\"quiz\" value=\"$Q1\">" "$page" &&
	grep -qF "type=\"radio\" name=\"c\" value=\"1\" required" "$page" &&
	grep -qF ">Vérifier</button>" "$page"'

groups3
q() { npost /api/quiz "lesson=$(urlenc "$1")&quiz=$2&$3" "${@:4}"; }
declare -A K
for who in Awa Bob Chloe Dan Eva; do
	K[$who]=$(join "$who" "$G1")
done
zoe=$(join Zoe "$G2")
tq "five participants joined the group, one another group" \
	'[ -n "${K[Awa]}" ] && [ -n "${K[Eva]}" ] && [ -n "$zoe" ]'

# --- Without the script: a form, a 303, the answer's page -------------------
q "$QL" "$Q1" "c=$R1" -b "eystime=${K[Awa]}"
t "POST /api/quiz (form), right → 303 to /api/quiz?lesson=…&quiz=…" \
	'[ "$code" = 303 ] && [ "$(hdr Location)" = "/api/quiz?lesson=$(urlenc "$QL")&quiz=$Q1" ]'
request -b "eystime=${K[Awa]}" "$N$(hdr Location)"
cp "$BD" "$C/right.html"
t "… its page: \"Bonne réponse ✓\", the question, \"Revenir à la leçon\" to the quiz" \
	'[ "$code" = 200 ] && has "<h1>Bonne réponse ✓</h1>" && has "$T1H" &&
	has "href=\"$QU#quiz-$Q1\">Revenir à la leçon</a>" && ! has "n'"'"'est pas gardée"'
q "$QL" "$Q1" "c=$W1" -b "eystime=${K[Bob]}"
request -b "eystime=${K[Bob]}" "$N$(hdr Location)"
cp "$BD" "$C/wrong.html"
t "a wrong answer's page: \"Pas tout à fait\", the right one behind \"Voir la bonne réponse\", \"Réessayer\"" \
	'[ "$code" = 200 ] && has "<h1>Pas tout à fait</h1>" && has "<summary>Voir la bonne réponse</summary>" &&
	has ">Réessayer</a>"'
n=$(dbq "SELECT count(*) FROM quiz_answers")
tq "two answers recorded" '[ "$n" = 2 ]'
request -b "eystime=${K[Chloe]}" "$N/api/quiz?lesson=$(urlenc "$QL")&quiz=$Q1"
t "GET /api/quiz of a question not answered → 303 to it in the lesson" \
	'[ "$code" = 303 ] && [ "$(hdr Location)" = "$QU#quiz-$Q1" ]'

# A visitor who has not joined: judged, a friendly word, nothing kept.
q "$QL" "$Q1" "c=$R1"
cp "$BD" "$C/visitor.html"
t "not joined: 200 \"Bonne réponse ✓\" and \"votre réponse n'est pas gardée\" with the way to join" \
	'[ "$code" = 200 ] && has "<h1>Bonne réponse ✓</h1>" && has "n'"'"'est pas gardée" &&
	has "href=\"/api/me?next=$QU\">Rejoindre mon groupe</a>"'
n=$(dbq "SELECT count(*) FROM quiz_answers")
tq "… and nothing recorded" '[ "$n" = 2 ]'

# --- With the script: JSON, still recorded ------------------------------------
q "$QL" "$Q1" "c=$W1" -b "eystime=${K[Bob]}" -H "Accept: application/json"
t "JSON: 200 {\"quiz\":…,\"correct\":false,\"recorded\":true}" \
	'[ "$code" = 200 ] && [ "$(cat "$BD")" = "{\"quiz\":\"$Q1\",\"correct\":false,\"recorded\":true}" ]'
q "$QL" "$Q1" "c=$R1" -H "Accept: application/json"
t "JSON without a session: judged, {\"recorded\":false}" \
	'[ "$code" = 200 ] && [ "$(cat "$BD")" = "{\"quiz\":\"$Q1\",\"correct\":true,\"recorded\":false}" ]'

# --- The scripted answers -----------------------------------------------------
# Q1: Awa right; Bob wrong, wrong (above); Chloé wrong then right; Dan
# wrong, wrong, right; Eva right → 2 of 5 the first time (40 %); Bob is
# stuck on it.
a() { q "$1" "$2" "c=$3" -b "eystime=${K[$4]}" -H "Accept: application/json"; }
a "$QL" "$Q1" "$W1" Chloe
a "$QL" "$Q1" "$R1" Chloe
a "$QL" "$Q1" "$W1" Dan
a "$QL" "$Q1" "$W1" Dan
a "$QL" "$Q1" "$R1" Dan
a "$QL" "$Q1" "$R1" Eva
# Q2: Awa wrong, wrong (stuck); Bob right → 1 of 2 (50 %).
a "$QL" "$Q2" "$W2" Awa
a "$QL" "$Q2" "$W2" Awa
a "$QL" "$Q2" "$R2" Bob
# Q3 (checkboxes): Chloé right at once, as c=1&c=2 → 1 of 1 (100 %).
q "$ML" "$Q3" "$(printf 'c=%s&' ${R3//,/ } | sed 's/&$//')" -b "eystime=${K[Chloe]}"
t "a checkbox quiz's answers as several c fields: recorded right" \
	'[ "$code" = 303 ] && [ "$(dbq "SELECT correct, choices FROM quiz_answers WHERE question = '"'"'$Q3'"'"'")" = "1|$R3" ]'
# The other group's answer counts in its group only.
q "$QL" "$Q1" "c=$W1" -b "eystime=$zoe"
n=$(dbq "SELECT count(*) FROM quiz_answers WHERE group_id = $G1ID")
tq "13 answers of the group recorded" '[ "$n" = 13 ]' || echo "#   got $n"

# --- The trainer's "Questions difficiles" --------------------------------------
trainer_add marie 'mot de passe 1' "$G1ID"
tlogin marie 'mot de passe 1'
tk=$TK
tget "/groups/$G1ID"
main_of "$BD" >"$C/group.html"
cp "$BD" "$C/group-page.html"
t "the group page has \"Questions difficiles\"" '[ "$code" = 200 ] && has "<h2 id=\"quiz-hard\">Questions difficiles</h2>"'
stats=$(sed -n '/<ol class="quiz-stats">/,/<\/ol>/p' "$C/group.html")
l1=$(printf '%s\n' "$stats" | grep -n -F "$T1H" | head -1 | cut -d: -f1)
l2=$(printf '%s\n' "$stats" | grep -n -F "$T2H" | head -1 | cut -d: -f1)
l3=$(printf '%s\n' "$stats" | grep -n -F "$T3H" | head -1 | cut -d: -f1)
tq "Q1: \"2 sur 5 du premier coup (40 %)\"" \
	'printf "%s\n" "$stats" | grep -F "$T1H" | grep -qF "<strong>2 sur 5</strong> du premier coup (40 %)"' ||
	printf '%s\n' "$stats" | sed 's/^/#   /'
tq "Q2: \"1 sur 2 (50 %)\"; Q3 \"1 sur 1 (100 %)\"" \
	'printf "%s\n" "$stats" | grep -F "$T2H" | grep -qF "<strong>1 sur 2</strong> du premier coup (50 %)" &&
	printf "%s\n" "$stats" | grep -F "$T3H" | grep -qF "<strong>1 sur 1</strong> du premier coup (100 %)"'
tq "the hardest first: Q1, then Q2, then Q3" '[ -n "$l1" ] && [ -n "$l2" ] && [ -n "$l3" ] && [ "$l1" -lt "$l2" ] && [ "$l2" -lt "$l3" ]'
tq "each with its lesson's link" \
	'printf "%s\n" "$stats" | grep -F "$T1H" | grep -qF "Leçon : <a href=\"$QU\">" &&
	printf "%s\n" "$stats" | grep -F "$T3H" | grep -qF "Leçon : <a href=\"$MU\">"'
# Stuck: Bob on Q1, Awa on Q2; not Chloé nor Dan (right since), nor Zoé.
tq "stuck (wrong twice, not right since): Bob under Q1, Awa under Q2, nobody else" \
	'printf "%s\n" "$stats" | grep -F "$T1H" | grep -qF "Deux erreurs, pas encore trouvé : Bob</span>" &&
	printf "%s\n" "$stats" | grep -F "$T2H" | grep -qF "Deux erreurs, pas encore trouvé : Awa</span>" &&
	[ "$(printf "%s\n" "$stats" | grep -c "class=\"stuck\"")" = 2 ]'
# store_quiz_struggling, as the SQL says it: the same two.
s=$(dbq "SELECT p.name || ' ' || a.question FROM quiz_answers a JOIN participants p ON p.id = a.participant_id WHERE a.group_id = $G1ID AND a.correct = 0 AND a.id > coalesce((SELECT max(b.id) FROM quiz_answers b WHERE b.participant_id = a.participant_id AND b.lesson = a.lesson AND b.question = a.question AND b.correct = 1), 0) GROUP BY a.participant_id, a.lesson, a.question HAVING count(*) >= 2 ORDER BY p.name" | tr '\n' ' ')
tq "the test's own count agrees: Awa on Q2, Bob on Q1" '[ "$s" = "Awa $Q2 Bob $Q1 " ]' || echo "#   got $s"
# Bob finds it: he is no longer stuck.
a "$QL" "$Q1" "$R1" Bob
tget "/groups/$G1ID"
stats=$(main_of "$BD" | sed -n '/<ol class="quiz-stats">/,/<\/ol>/p')
tq "Bob right at last: no longer listed, and Q1 still 2 sur 5 (first tries only)" \
	'! printf "%s\n" "$stats" | grep -qF "trouvé : Bob" &&
	printf "%s\n" "$stats" | grep -F "$T1H" | grep -qF "<strong>2 sur 5</strong>"'
tget "/groups/$G2ID"
tq "a group the trainer does not follow: 404" '[ "$code" = 404 ]'

# --- Bounds: every bad field a 400 with its reason -------------------------------
q "$QL" "no-such-quiz" "c=1" -b "eystime=${K[Awa]}"
t "an unknown quiz id → 400 \"Cette question n'existe pas dans la leçon.\"" \
	'[ "$code" = 400 ] && has "Cette question n&#39;existe pas dans la leçon."'
q "$ML" "$Q1" "c=1" -b "eystime=${K[Awa]}"
t "a quiz id of another lesson → 400" '[ "$code" = 400 ] && has "Cette question n&#39;existe pas"'
q "no-such/lesson" "$Q1" "c=1" -b "eystime=${K[Awa]}"
t "an unknown lesson → 400 \"Cette leçon n'existe pas.\"" '[ "$code" = 400 ] && has "Cette leçon n&#39;existe pas."'
q "$QL" "$Q1" "c=$((N1 + 1))" -b "eystime=${K[Awa]}"
t "a choice out of range (c=$((N1 + 1))) → 400 \"Cette réponse n'existe pas.\", with the way back" \
	'[ "$code" = 400 ] && has "Cette réponse n&#39;existe pas." && has "href=\"$QU#quiz-$Q1\">Revenir à la question</a>"'
for bad in "c=0" "c=-1" "c=abc" "c=1x" "c=" "c=99999999999999999999"; do
	q "$QL" "$Q1" "$bad" -b "eystime=${K[Awa]}"
	t "$bad → 400" '[ "$code" = 400 ]'
done
q "$QL" "$Q1" "" -b "eystime=${K[Awa]}"
t "no answer ticked → 400 \"Choisissez au moins une réponse.\"" \
	'[ "$code" = 400 ] && has "Choisissez au moins une réponse."'
q "$QL" "$Q1" "c=1&c=2" -b "eystime=${K[Awa]}"
t "two answers to a single-answer quiz → 400 \"Une seule réponse pour cette question.\"" \
	'[ "$code" = 400 ] && has "Une seule réponse pour cette question."'
q "$ML" "$Q3" "c=1&c=1" -b "eystime=${K[Awa]}"
t "the same answer twice → 400" '[ "$code" = 400 ] && has "La même réponse est envoyée deux fois."'
many=$(for i in $(seq 1 40); do printf 'c=1&'; done)
q "$ML" "$Q3" "${many%&}" -b "eystime=${K[Awa]}"
t "too many fields (40) → 400 with its reason" '[ "$code" = 400 ] && has "trop de champs"'
request -H "Origin: http://evil.example" -H "$FORM" -H "Accept: application/json" -b "eystime=${K[Awa]}" \
	--data-binary "lesson=$(urlenc "$QL")&quiz=$Q1&c=1" "$N/api/quiz"
t "from another site (Origin) → 403" '[ "$code" = 403 ]'
q "$QL" "no-such-quiz" "c=1" -b "eystime=${K[Awa]}" -H "Accept: application/json"
t "JSON: 400 {\"error\":…}" '[ "$code" = 400 ] && has "{\"error\":"'
request -b "eystime=${K[Awa]}" "$N/api/quiz?lesson=$(urlenc "$QL")&quiz=no-such"
t "GET /api/quiz of an unknown quiz → 404" '[ "$code" = 404 ]'
request -X PUT "$N/api/quiz"
t "PUT /api/quiz → 405" '[ "$code" = 405 ]'
n=$(dbq "SELECT count(*) FROM quiz_answers WHERE group_id = $G1ID")
tq "none of the refused ones recorded" '[ "$n" = 14 ]' || echo "#   got $n"

# --- Export, merge, erase -------------------------------------------------------
request -b "eystime=${K[Dan]}" "$N/api/me/export"
t "the export has her quiz answers, every try" \
	'[ "$code" = 200 ] && [ "$(grep -o "\"question\":\"$Q1\"" "$BD" | wc -l)" = 3 ] &&
	has "\"quiz_answers\":[{\"lesson\":\"$QL\",\"question\":\"$Q1\",\"choices\":\"$W1\",\"correct\":false,"'
python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$BD" 2>/dev/null
tq "… as valid JSON" '[ $? = 0 ]'
# Merge Eva (one right answer) into Dan: Dan's answers and hers.
pe=$(dbq "SELECT id FROM participants WHERE name = 'Eva' AND group_id = $G1ID")
pd=$(dbq "SELECT id FROM participants WHERE name = 'Dan' AND group_id = $G1ID")
tget "/groups/$G1ID"
tpost "/groups/$G1ID/participants/$pe" "csrf=$(csrf)&action=merge&into=$pd&confirm=1" -b "eystime_trainer=$tk"
n=$(dbq "SELECT count(*) FROM quiz_answers WHERE participant_id = $pd")
m=$(dbq "SELECT count(*) FROM quiz_answers WHERE participant_id = $pe")
tq "a merge moves her answers (Dan 3 + Eva 1 = 4)" '[ "$code" = 303 ] && [ "$n" = 4 ] && [ "$m" = 0 ]' ||
	echo "#   got $code, $n, $m"
request -b "eystime=${K[Awa]}" "$N/api/me"
npost /api/me/delete "csrf=$(csrf)&confirm=1" -b "eystime=${K[Awa]}"
pa=$(dbq "SELECT count(*) FROM participants WHERE name = 'Awa'")
n=$(dbq "SELECT count(*) FROM quiz_answers a WHERE NOT EXISTS (SELECT 1 FROM participants p WHERE p.id = a.participant_id)")
m=$(dbq "SELECT count(*) FROM quiz_answers WHERE group_id = $G1ID")
tq "erasing Awa erases her 3 answers, no answer left without its participant" \
	'[ "$pa" = 0 ] && [ "$n" = 0 ] && [ "$m" = 11 ]' || echo "#   got $pa, $n, $m"
tget "/groups/$G1ID"
stats=$(main_of "$BD" | sed -n '/<ol class="quiz-stats">/,/<\/ol>/p')
tq "the counts follow: Q1 0 sur 3 (Awa gone; Eva merged into Dan, whose first try was wrong)…" \
	'printf "%s\n" "$stats" | grep -F "$T1H" | grep -qF "<strong>0 sur 3</strong> du premier coup (0 %)"' ||
	printf '%s\n' "$stats" | sed 's/^/#   /'
tq "… Q2 1 sur 1 (Awa gone), nobody stuck" \
	'printf "%s\n" "$stats" | grep -F "$T2H" | grep -qF "<strong>1 sur 1</strong>" && ! printf "%s\n" "$stats" | grep -q "class=\"stuck\""'

# Bounded: 50 tries of one participant at one quiz are kept, then 429.
for i in $(seq 2 50); do
	q "$QL" "$Q1" "c=$W1" -b "eystime=$zoe" -H "Accept: application/json"
done
n=$(dbq "SELECT count(*) FROM quiz_answers WHERE group_id = $G2ID")
q "$QL" "$Q1" "c=$R1" -b "eystime=$zoe"
t "the 51st try at one quiz → 429 with its reason, nothing written" \
	'[ "$code" = 429 ] && has "déjà beaucoup répondu" && [ "$n" = 50 ] &&
	[ "$(dbq "SELECT count(*) FROM quiz_answers WHERE group_id = $G2ID")" = 50 ]'

if [ -x tests/node_modules/.bin/html-validate ]; then
	tq "the answer pages and the group page pass html-validate" \
		'tests/node_modules/.bin/html-validate --config tests/htmlvalidate.json "$C/right.html" "$C/wrong.html" "$C/visitor.html" "$C/group-page.html" >"$C/hv.log" 2>&1' ||
		sed 's/^/#   /' "$C/hv.log" | head -20
else
	not_ok "html-validate is installed (make test)"
fi

finish
