#!/bin/bash
# 20-trainer-matrix: trainers: the group's progress matrix and progress.csv.
# Run it alone with: bash tests/cgi/run 20
. "$(dirname "$0")/../lib.sh"

groups3
trainer_add marie motdepasse-marie "$G1ID"
tlogin marie motdepasse-marie; tk=$TK
trainer_group 'Atelier <b>test</b>'
TV=$C/trainer-pages
mkdir -p "$TV"

zoe=$(join "Zoé" "$CT")
hyp=$(join '=HYPERLINK("http://x")' "$CT")
ats=$(join '@admin' "$CT")
absent=$(join 'Absent' "$CT")
npost /api/done "lesson=$L1&next=/" -b "eystime=$zoe"
npost /api/done "lesson=$L2&next=/" -b "eystime=$zoe"
npost /api/done "lesson=$L1&next=/" -b "eystime=$hyp"
dbq "UPDATE participants SET last_seen = strftime('%s','now') - 8 * 86400 WHERE name = 'Absent'"
tget "/groups/$GT"
cp "$BD" "$TV/group.html"
zpid=$(dbq "SELECT id FROM participants WHERE name = 'Zoé'")
hpid=$(dbq "SELECT id FROM participants WHERE name LIKE '=HYPERLINK%'")
zrow=$(grep -F "<tr id=\"p$zpid\">" "$BD" | head -1)
hrow=$(grep -F "<tr id=\"p$hpid\">" "$BD" | head -1)
foot=$(grep -F '<tr><th scope="row">Ont fini</th>' "$BD" | head -1)
t "the overview: Zoé has 2 lessons of the first module, her last activity today" \
	'echo "$zrow" | grep -q "<td class=\"part\">2/" && echo "$zrow" | grep -q "<td class=\"last\">$(date +%d/%m)</td>"'
t "the overview: a name that looks like a formula is escaped, one lesson done" \
	'echo "$hrow" | grep -qF ">=HYPERLINK(&quot;http://x&quot;)</a></th>" && echo "$hrow" | grep -q "<td class=\"part\">1/"'
t "the overview: nobody finished the first module (0/4 in the foot)" \
	'echo "$foot" | grep -q "^<tr><th scope=\"row\">Ont fini</th><td class=\"total\">0/4</td>"'
t "who has done nothing since joining is not yet in need of help (10 days)" \
	'! sed -n "/<section class=\"help/,/<\/section>/p" "$BD" | grep -q "Absent"'
dbq "UPDATE participants SET created = strftime('%s','now') - 11 * 86400 WHERE name = 'Absent'"
tget "/groups/$GT"
t "… after 11 days, \"Qui a besoin d'aide\" lists her, not Zoé" \
	'sed -n "/<section class=\"help/,/<\/section>/p" "$BD" | grep -q ">Absent</a> : rien fait depuis son arrivée" && ! sed -n "/<section class=\"help/,/<\/section>/p" "$BD" | grep -q "Zoé"'
tget "/groups/$GT/participants/$zpid"
t "Zoé's page shows her two lessons done" '[ "$(grep -c "<li class=\"done\">" "$BD")" = 2 ]'

request -b "eystime_trainer=$tk" "$N/api/trainer/groups/$GT/progress.csv"
cp "$BD" "$C/progress.csv"
t "progress.csv: text/csv, attachment, UTF-8 BOM" \
	'[ "$code" = 200 ] && type_is text/csv && hdr Content-Disposition | grep -q attachment && [ "$(head -c 3 "$BD" | od -An -tx1 | tr -d " ")" = efbbbf ]'
t "progress.csv: a formula-like name is quoted and neutralised" \
	'grep -q "^\"'"'"'=HYPERLINK(\"\"http://x\"\")\";" "$BD" && grep -q "^\"'"'"'@admin\";" "$BD" && ! grep -q "^=" "$BD"'
t "progress.csv: Zoé's row has two dates and the total 2" \
	'grep "^Zoé;" "$BD" | tr -d "\r" | grep -q ";$(date +%Y-%m-%d);$(date +%Y-%m-%d);.*;2$"'
t "progress.csv: one line per participant, a header and a total line, CRLF" \
	'[ "$(grep -c $'"'"'\r$'"'"' "$BD")" = 6 ]'
if command -v node >/dev/null 2>&1; then
	ncols=$(node -e '
		const s = require("fs").readFileSync(process.argv[1], "utf8").replace(/^\uFEFF/, "");
		const rows = []; let row = [], f = "", q = false;
		for (let i = 0; i < s.length; i++) {
			const c = s[i];
			if (q) { if (c === "\"") { if (s[i + 1] === "\"") { f += c; i++; } else q = false; } else f += c; }
			else if (c === "\"") q = true;
			else if (c === ";") { row.push(f); f = ""; }
			else if (c === "\n") { row.push(f.replace(/\r$/, "")); rows.push(row); row = []; f = ""; }
			else f += c;
		}
		const n = new Set(rows.map(r => r.length));
		const h = rows.find(r => r[0].startsWith("'"'"'=HYPERLINK"));
		console.log(n.size === 1 && h && h[0] === "'"'"'=HYPERLINK(\"http://x\")" ? "same" : "differ");' "$BD")
	tq "progress.csv parses: every row has the same number of fields" '[ "$ncols" = same ]' || echo "#   $ncols"
fi

finish
