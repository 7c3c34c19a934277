#!/bin/bash
# 33-pages: a discussion and "Mon groupe" with 1,000 messages: each page
# is bounded (30 questions, 100 answers under one), "Messages plus anciens"
# chains the pages and every message is on exactly one.
# Run it alone with: bash tests/cgi/run 33
. "$(dirname "$0")/../lib.sh"

groups3
awa=$(join Awa "$G1")
pid=$(dbq "SELECT id FROM participants WHERE name = 'Awa'")
dbq "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000)
INSERT INTO messages(group_id, participant_id, lesson, kind, body, created)
SELECT $G1ID, $pid, '$L1', 'question', 'Question numéro ' || i, strftime('%s','now') - 5000 + i FROM n;"
tq "1,000 messages in the discussion" '[ "$(dbq "SELECT count(*) FROM messages")" = 1000 ]'
MAXB=200000

# walk PATH: follow rel="next" from PATH; pages in $pages, ids in $C/ids.
walk() {
	local next=$1
	pages=0
	: >"$C/ids"
	big=0
	while [ -n "$next" ] && [ "$pages" -lt 60 ]; do
		request -b "eystime=$awa" "$N$next"
		[ "$code" = 200 ] || { echo "# $next: $code"; break; }
		pages=$((pages + 1))
		[ "$(wc -c <"$BD")" -le "$MAXB" ] || big=$((big + 1))
		main_of "$BD" | grep -o '<article class="message[^"]*" id="m[0-9]*"' |
			sed 's/.*id="m//; s/"//' >>"$C/ids"
		next=$(grep -o 'href="[^"]*" rel="next"' "$BD" | sed 's/href="//; s/" rel="next"//; s/&amp;/\&/g')
	done
}
walk "/api/comments?lesson=$L1"
request -b "eystime=$awa" "$N/api/comments?lesson=$L1"
n1=$(main_of "$BD" | grep -c '<article class="message')
t "page 1 of the discussion: 30 questions, under $MAXB bytes, a \"Messages plus anciens\" link" \
	'[ "$n1" = 30 ] && [ "$(wc -c <"$BD")" -le $MAXB ] && has "rel=\"next\">Messages plus anciens</a>"'
tq "the pages chain: 34 pages, each under $MAXB bytes" '[ "$pages" = 34 ] && [ "$big" = 0 ]' || echo "# pages $pages, too big $big"
tq "… and every message is on exactly one page" \
	'[ "$(wc -l <"$C/ids")" = 1000 ] && [ "$(sort -u "$C/ids" | wc -l)" = 1000 ]'
request -b "eystime=$awa" "$N/api/comments?lesson=$L1&page=2"
t "page 2 links back to the newer messages" 'has "rel=\"prev\">Messages plus récents</a>"'
request -b "eystime=$awa" "$N/api/comments?lesson=$L1&page=35"
t "a page past the last → 404" '[ "$code" = 404 ]'
for p in 0 -1 abc 100001 1e3; do
	request -b "eystime=$awa" "$N/api/comments?lesson=$L1&page=$p"
	t "page=$p → 404" '[ "$code" = 404 ]'
done

walk "/api/group"
tq "\"Mon groupe\": 34 pages, each under $MAXB bytes, every message once" \
	'[ "$pages" = 34 ] && [ "$big" = 0 ] && [ "$(sort -u "$C/ids" | wc -l)" = 1000 ]' || echo "# pages $pages"

q=$(dbq "SELECT max(id) FROM messages")
dbq "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000)
INSERT INTO messages(group_id, participant_id, lesson, kind, body, created, parent_id)
SELECT $G1ID, $pid, '$L1', 'question', 'Réponse numéro ' || i, strftime('%s','now'), $q FROM n;"
request -b "eystime=$awa" "$N/api/comments?lesson=$L1"
nr=$(main_of "$BD" | grep -c 'Réponse numéro')
t "1,000 answers to one question: the newest 100 shown, the page bounded" \
	'[ "$nr" = 100 ] && has "Réponse numéro 1000<" && ! has "Réponse numéro 900<" && [ "$(wc -c <"$BD")" -le $((MAXB * 2)) ]'
request -b "eystime=$awa" "$N/api/group"
nr=$(main_of "$BD" | grep -c 'Réponse numéro')
t "… and 5 of them on \"Mon groupe\"" '[ "$nr" = 5 ]'

finish
