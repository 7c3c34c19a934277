#!/bin/bash
# 28-replies: "Répondre" on any message, answers under their question one
# level deep, the reply form without JavaScript, bad reply fields.
# Run it alone with: bash tests/cgi/run 28
. "$(dirname "$0")/../lib.sh"

groups3
awa=$(join Awa "$G1")
bruno=$(join Bruno "$G1")
carl=$(join Carl "$G2")
CP="/api/comments?lesson=$L1"

request -b "eystime=$awa" "$N$CP"
tok_a=$(csrf)
npost /api/comments "csrf=$tok_a&lesson=$L1&kind=question&body=$(urlenc 'Comment ouvrir mes mails ?')" -b "eystime=$awa"
q=$(mid)
request -b "eystime=$bruno" "$N$CP"
tok_b=$(csrf)
t "every message has a \"Répondre\" link to its reply form (no JavaScript)" \
	'[ -n "$q" ] && has "id=\"m$q\"" && has "reply=$q#reponse\">Répondre</a>"'
request -b "eystime=$bruno" "$N$CP&reply=$q"
t "?reply=ID shows the reply form under that message, at #reponse" \
	'[ "$code" = 200 ] && has "<div id=\"reponse\">" && has "name=\"reply\" value=\"$q\"" && has "<label for=\"body$q\">Ma réponse</label>"'
npost /api/comments "csrf=$tok_b&lesson=$L1&reply=$q&body=$(urlenc 'Touchez l’enveloppe en bas.')" -b "eystime=$bruno"
r1=$(mid)
t "POST reply=ID → 303 to the answer" '[ "$code" = 303 ] && [ -n "$r1" ] && [ "$(hdr Location)" = "$CP#m$r1" ]'
npost /api/comments "csrf=$tok_a&lesson=$L1&reply=$r1&body=$(urlenc 'Merci Bruno, ça marche.')" -b "eystime=$awa"
r2=$(mid)
p2=$(dbq "SELECT parent_id FROM messages WHERE id = $r2")
t "a reply to an answer goes under its question (one level)" '[ "$code" = 303 ] && [ "$p2" = "$q" ]'
request -b "eystime=$awa" "$N$CP"
main_of "$BD" >"$C/thread.html"
order=$(grep -o 'id="m[0-9]*"' "$C/thread.html" | tr -d '"' | tr '\n' ' ')
tq "the answers come after their question, in order: m$q m$r1 m$r2" \
	'[ "$order" = "id=m$q id=m$r1 id=m$r2 " ]' || echo "# got: $order"
t "… inside a section of answers, marked \"Réponse\"" \
	'has "<section class=\"replies\" aria-label=\"Réponses\">" && has "Bruno</strong> · Réponse"'
npost /api/comments "csrf=$tok_a&lesson=$L1&reply=$q&kind=astuce&body=x" -b "eystime=$awa"
k=$(dbq "SELECT kind FROM messages WHERE id = $(mid)")
tq "an answer takes its question's kind (the form's kind is ignored)" '[ "$k" = question ]'

request -b "eystime=$carl" "$N/api/comments?lesson=$L1"
tok_c=$(csrf)
npost /api/comments "csrf=$tok_c&lesson=$L1&reply=$q&body=intrus" -b "eystime=$carl"
t "replying to another group's message → 404" '[ "$code" = 404 ]'
n=$(dbq "SELECT count(*) FROM messages WHERE body = 'intrus'")
tq "… and nothing is written" '[ "$n" = 0 ]'
npost /api/comments "csrf=$tok_b&lesson=$L1&reply=999999&body=perdu" -b "eystime=$bruno"
t "replying to a message that does not exist → 404" '[ "$code" = 404 ]'
npost /api/comments "csrf=$tok_b&lesson=$L1&reply=abc&body=x" -b "eystime=$bruno"
t "reply=abc → 400 with the reason" '[ "$code" = 400 ] && has "Ce numéro n&#39;est pas valable"'
request -b "eystime=$bruno" "$N$CP&reply=0"
t "GET ?reply=0 → 400" '[ "$code" = 400 ]'
npost /api/comments "csrf=$tok_b&lesson=$L1&reply=$q" -b "eystime=$bruno"
t "a reply without a body → 400" '[ "$code" = 400 ]'
dbq "UPDATE messages SET state = 1 WHERE id = $r1"
npost /api/comments "csrf=$tok_a&lesson=$L1&reply=$r1&body=cache" -b "eystime=$awa"
t "replying to a hidden message → 404" '[ "$code" = 404 ]'
request -b "eystime=$awa" "$N$CP"
t "a hidden answer is not shown to the others" '! has "Touchez l’enveloppe"'

# Deleting one's question within its 15 minutes never takes the others'
# answers with it: it becomes "message supprimé", they stay.
npost /api/comments "csrf=$tok_a&lesson=$L1&kind=question&body=$(urlenc 'Question à effacer')" -b "eystime=$awa"
qd=$(mid)
npost /api/comments "csrf=$tok_b&lesson=$L1&reply=$qd&body=$(urlenc 'Réponse qui doit rester')" -b "eystime=$bruno"
rd=$(mid)
npost /api/comments "csrf=$tok_a&lesson=$L1&delete=$qd&confirm=1" -b "eystime=$awa"
t "deleting my question that has an answer → 303" '[ "$code" = 303 ]'
nq=$(dbq "SELECT count(*) FROM messages WHERE id = $qd AND participant_id IS NULL AND body = ''")
nr=$(dbq "SELECT count(*) FROM messages WHERE id = $rd AND parent_id = $qd")
tq "… the question is emptied (\"message supprimé\"), Bruno's answer kept under it" '[ "$nq" = 1 ] && [ "$nr" = 1 ]'
request -b "eystime=$bruno" "$N$CP"
t "… the thread shows \"message supprimé\" then the answer" 'has "message supprimé" && has "Réponse qui doit rester" && ! has "Question à effacer"'
npost /api/comments "csrf=$tok_a&lesson=$L1&kind=question&body=$(urlenc 'Seule')" -b "eystime=$awa"
qs=$(mid)
npost /api/comments "csrf=$tok_a&lesson=$L1&delete=$qs&confirm=1" -b "eystime=$awa"
n=$(dbq "SELECT count(*) FROM messages WHERE id = $qs")
t "a question without answers is deleted outright" '[ "$code" = 303 ] && [ "$n" = 0 ]'
npost /api/comments "csrf=$tok_a&lesson=$L1&delete=$qd&confirm=1" -b "eystime=$awa"
t "… and the emptied one is no longer hers to delete (403)" '[ "$code" = 403 ]'

finish
