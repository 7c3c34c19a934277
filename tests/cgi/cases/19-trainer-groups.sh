#!/bin/bash
# 19-trainer-groups: trainers: a new group, its join code, renaming,
# archiving.
# Run it alone with: bash tests/cgi/run 19
. "$(dirname "$0")/../lib.sh"

groups3
trainer_add marie motdepasse-marie "$G1ID"
tlogin marie motdepasse-marie; tk=$TK
tget ""
tok_m=$(csrf)

tpost /groups "csrf=$tok_m&name=$(urlenc 'Atelier <b>test</b>')" -b "eystime_trainer=$tk"
GT=$(hdr Location | sed -n 's|^/api/trainer/groups/\([0-9][0-9]*\)$|\1|p')
t "creating a group → 303 to its page" '[ "$code" = 303 ] && [ -n "$GT" ]'
tget "/groups/$GT"
CT=$(sed -n 's/.*Code pour rejoindre : <strong class="join-code">\([A-Z0-9]*\)<.*/\1/p' "$BD")
t "the new group's page: escaped name, a join code without 0/O/1/l/I" \
	'[ "$code" = 200 ] && has "Atelier &lt;b&gt;test&lt;/b&gt;" && echo "$CT" | grep -qx "[ABCDEFGHJKMNPQRSTUVWXYZ23456789]\{8\}"'

# Two participants of the new group.
zoe=$(join "Zoé" "$CT")
absent=$(join 'Absent' "$CT")
zpid=$(dbq "SELECT id FROM participants WHERE name = 'Zoé'")

# Group settings.
tpost "/groups/$GT" "csrf=$tok_m&action=code" -b "eystime_trainer=$tk"
CT2=$(dbq "SELECT code FROM groups WHERE id = $GT")
npost /api/join "code=$CT&name=Tard&next=/"
t "a renewed code: the old one no longer joins" \
	'[ "$code" = 400 ] && [ "$CT2" != "$CT" ] && echo "$CT2" | grep -qx "[ABCDEFGHJKMNPQRSTUVWXYZ23456789]\{8\}"'
tpost "/groups/$GT" "csrf=$tok_m&action=rename&name=$(urlenc 'Atelier du lundi')" -b "eystime_trainer=$tk"
t "rename the group" '[ "$code" = 303 ] && [ "$(dbq "SELECT name FROM groups WHERE id = $GT")" = "Atelier du lundi" ]'
tpost "/groups/$GT/participants/$zpid" "csrf=$tok_m&action=rename&name=Absent" -b "eystime_trainer=$tk"
t "renaming a participant to a name taken in the group → 400" '[ "$code" = 400 ]'
tpost "/groups/$GT/participants/$zpid" "csrf=$tok_m&action=rename&name=$(urlenc 'Zoé B.')" -b "eystime_trainer=$tk"
t "rename a participant" '[ "$code" = 303 ] && [ "$(dbq "SELECT name FROM participants WHERE id = $zpid")" = "Zoé B." ]'
tpost "/groups/$GT" "csrf=$tok_m&action=archive" -b "eystime_trainer=$tk"
arch=$code
request -b "eystime=$zoe" "$N/api/progress"
t "archive: the group's sessions stop" '[ "$arch" = 303 ] && has "\"joined\":false"'
tpost "/groups/$GT" "csrf=$tok_m&action=unarchive" -b "eystime_trainer=$tk"
request -b "eystime=$zoe" "$N/api/progress"
t "reopen: they work again" 'has "\"joined\":true"'

finish
