#!/bin/bash
# 05-my-progress: "Mon parcours" (/api/me).
# Run it alone with: bash tests/cgi/run 05
. "$(dirname "$0")/../lib.sh"

groups3
awa=$(join Awa "$G1")
npost /api/done "lesson=$L1&next=/" -b "eystime=$awa"

request -b "eystime=$awa" "$N/api/me"
t "/api/me shows \"Mon parcours\"" '[ "$code" = 200 ] && has "<h1>Mon parcours</h1>"'
t "/api/me ticks the lesson done (✓)" \
	'grep -F "<li class=\"done\"><a href=\"$U1\">" "$BD" | grep -q "✓"'
t "/api/me shows the next lesson" \
	'has "<p class=\"next-lesson\">Ma prochaine leçon : <a href=\"$U2\">"'
request "$N/api/me"
t "/api/me without a session → the join form" \
	'[ "$code" = 200 ] && has "action=\"/api/join\""'

finish
