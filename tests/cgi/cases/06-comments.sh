#!/bin/bash
# 06-comments: comments under a lesson: post, escape, links, edit, delete, who
# sees what, the feed.
# Run it alone with: bash tests/cgi/run 06
. "$(dirname "$0")/../lib.sh"

groups3
awa=$(join Awa "$G1")
bea=$(join Bea "$G1")

CP="/api/comments?lesson=$L1"
request -b "eystime=$awa" "$N$CP"
tok_awa=$(csrf)
t "GET /api/comments shows the form with a csrf token" \
	'[ "$code" = 200 ] && [ "${#tok_awa}" -eq 32 ]'
npost /api/comments "csrf=$tok_awa&lesson=$L1&kind=question&body=$(urlenc '<script>alert(1)</script> Bonjour')" \
	-b "eystime=$awa"
m1=$(mid)
t "POST /api/comments with the token → 303 to the message" \
	'[ "$code" = 303 ] && [ -n "$m1" ] && [ "$(hdr Location)" = "$CP#m$m1" ]'
request -b "eystime=$awa" "$N$CP"
t "<script> in a message is shown escaped, never raw" \
	'has "&lt;script&gt;alert(1)&lt;/script&gt; Bonjour" && ! has "<script>alert(1)"'
npost /api/comments "csrf=$tok_awa&lesson=$L1&kind=ressource&body=$(urlenc "Voir https://example.org/aide?x=1&y=2 pour l'aide.")" \
	-b "eystime=$awa"
m2=$(mid)
request -b "eystime=$awa" "$N$CP"
t "a link becomes <a … rel=\"nofollow ugc noopener\">" \
	'[ -n "$m2" ] && has "Voir <a href=\"https://example.org/aide?x=1&amp;y=2\" rel=\"nofollow ugc noopener\">https://example.org/aide?x=1&amp;y=2</a> pour l&#39;aide."'
request -b "eystime=$awa" "$N$CP&edit=$m2"
t "edit=ID shows my message in an edit form" \
	'[ "$code" = 200 ] && has "name=\"edit\" value=\"$m2\"" && has "Voir https://example.org/aide?x=1&amp;y=2"'
npost /api/comments "csrf=$tok_awa&lesson=$L1&edit=$m2&body=$(urlenc 'Texte corrigé par Awa')" \
	-b "eystime=$awa"
t "editing my message within 15 minutes → 303" \
	'[ "$code" = 303 ] && [ "$(hdr Location)" = "$CP#m$m2" ]'
request -b "eystime=$awa" "$N$CP"
t "the edited message shows the new text and (modifié)" \
	'has "Texte corrigé par Awa" && has "(modifié)" && ! has "example.org/aide"'

request -b "eystime=$bea" "$N$CP"
tok_bea=$(csrf)
t "another participant of the group sees the message" \
	'[ "$code" = 200 ] && has "Texte corrigé par Awa"'
t "… without edit or delete controls for it" \
	'! has "edit=$m1" && ! has "name=\"delete\" value=\"$m1\""'
npost /api/comments "csrf=$tok_bea&lesson=$L1&edit=$m1&body=pirate" -b "eystime=$bea"
t "another participant cannot edit it (403)" '[ "$code" = 403 ]'
npost /api/comments "csrf=$tok_bea&lesson=$L1&delete=$m1" -b "eystime=$bea"
t "another participant cannot delete it (403)" '[ "$code" = 403 ]'
npost /api/comments "csrf=$tok_awa&lesson=$L1&kind=question&body=vol" -b "eystime=$bea"
t "another participant's csrf token is refused (403)" '[ "$code" = 403 ]'
request -b "eystime=$awa" "$N$CP"
t "the message is unchanged after those tries" \
	'has "&lt;script&gt;alert(1)" && ! has "pirate" && ! has ">vol<"'

carl=$(join Carl "$G2")
request -b "eystime=$carl" "$N$CP"
t "a participant of another group does not see it on the lesson page" \
	'[ -n "$carl" ] && [ "$code" = 200 ] && ! has "alert(1)" && ! has "Texte corrigé"'
request -b "eystime=$carl" "$N/api/feed"
t "/api/feed leads to \"Mon groupe\" (303 to /api/group)" '[ "$code" = 303 ] && [ "$(hdr Location)" = /api/group ]'
request -b "eystime=$carl" "$N/api/group"
t "… nor in /api/group" '[ "$code" = 200 ] && ! has "alert(1)" && ! has "Texte corrigé"'
request -b "eystime=$bea" "$N/api/group"
t "/api/group lists the message for the same group" \
	'[ "$code" = 200 ] && has "Texte corrigé par Awa" && has "/api/comments?lesson=$L1#m$m2"'

npost /api/comments "csrf=$tok_awa&lesson=$L1&delete=$m1&confirm=1" -b "eystime=$awa"
t "deleting my message → 303" '[ "$code" = 303 ] && [ "$(hdr Location)" = "$CP" ]'
request -b "eystime=$awa" "$N$CP"
t "the deleted message is gone" '! has "alert(1)" && has "Texte corrigé"'

npost /api/comments "lesson=$L1&kind=question&body=sans-jeton" -b "eystime=$awa"
t "comments POST without a csrf token → 403" '[ "$code" = 403 ]'
npost /api/comments "csrf=00000000000000000000000000000000&lesson=$L1&kind=question&body=faux" \
	-b "eystime=$awa"
t "comments POST with a wrong csrf token → 403" '[ "$code" = 403 ]'
request -b "eystime=$awa" "$N/api/comments?lesson=no-such/lesson"
t "comments of an unknown lesson → 404" '[ "$code" = 404 ]'

finish
