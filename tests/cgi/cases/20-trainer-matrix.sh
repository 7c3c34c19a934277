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
zrow=$(grep -F '<tr><th scope="row">Zoé</th>' "$BD" | head -1)
hrow=$(grep -F '<tr><th scope="row">=HYPERLINK(&quot;http://x&quot;)</th>' "$BD" | head -1)
foot=$(grep -F '<tr><th scope="row">Total</th>' "$BD" | head -1)
t "the matrix: Zoé has two lessons ticked ✓ with their date" \
	'[ "$(echo "$zrow" | grep -o "class=\"done\">✓" | wc -l)" = 2 ] && echo "$zrow" | grep -q "$(date +%d/%m)"'
t "the matrix: a name that looks like a formula is escaped, one lesson done" \
	'[ "$(echo "$hrow" | grep -o "class=\"done\"" | wc -l)" = 1 ]'
t "the matrix: totals per lesson (2 of 4 did the first)" \
	'echo "$foot" | grep -q "<td class=\"total\">2/4</td><td class=\"total\">1/4</td>"'
t "the matrix: totals per participant (Zoé 2/…)" 'echo "$zrow" | grep -q "class=\"total\">2/"'
t "who has not come back for 7 days is listed" \
	'sed -n "/class=\"away\"/,/<\/div>/p" "$BD" | grep -q "<li>Absent" && ! sed -n "/class=\"away\"/,/<\/div>/p" "$BD" | grep -q "Zoé"'
t "the participant list shows the last visit" 'has "<strong>Zoé</strong> · dernière visite"'

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
