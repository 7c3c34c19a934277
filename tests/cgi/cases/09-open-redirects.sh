#!/bin/bash
# 09-open-redirects: next= never leads to another site, nor injects a header.
# Run it alone with: bash tests/cgi/run 09
. "$(dirname "$0")/../lib.sh"

groups3
awa=$(join Awa "$G1")

i=0
for next in "//evil.example" '/\evil.example' "https://evil.example" \
	"$(printf '/\t/evil.example')" \
	"$(printf '/\r\nSet-Cookie: evil=1')"; do
	i=$((i + 1))
	npost /api/join "code=$G1&name=Redir$i&next=$(urlenc "$next")"
	label=${next//$'\r'/%0d}
	label=${label//$'\n'/%0a}
	label=${label//$'\t'/%09}
	t "join next=$label → \"Continuer\" leads to the site root, no injected header" \
		'card_made && [ "$(continue_to)" = "$ROOTP" ] && ! grep -qi "evil" "$H" && ! grep -qi "evil" "$BD"'
done
npost /api/done "lesson=$L1&undo=1&next=$(urlenc //evil.example)" -b "eystime=$awa"
t "done (undo) next=//evil.example → Location is the lesson's page" \
	'[ "$code" = 303 ] && [ "$(hdr Location)" = "$U1" ]'

finish
