#!/bin/bash
# 84-logs-and-limits: the "Info" findings of issue 18. A logged value
# cannot forge a log line within itself (a login such as
# `x" accepted; …`) nor put raw bytes that are not UTF-8 (0xff from
# PATH_INFO) in the error log; a message's 2,000-character limit counts
# characters once decoded (1,400 Cyrillic letters are 8,400 bytes
# encoded); the CSP has base-uri.
# Run it alone with: bash tests/cgi/run 84
. "$(dirname "$0")/../lib.sh"

groups3
trainer_add marie motdepasse-marie "$G1ID"
# cgi METHOD PATH BODY: one request to the program as plain CGI; its
# answer in $C/cgi.out, what it logs (stderr) in $C/cgi.err.
cgi() {
	local body=$3
	printf '%s' "$body" | env -i PATH=/usr/bin:/bin EYSTIME_DB="$DB" \
		EYSTIME_SITE="$OUT/site" EYSTIME_ORIGIN="$N" \
		GATEWAY_INTERFACE=CGI/1.1 SERVER_PROTOCOL=HTTP/1.1 \
		REQUEST_METHOD="$1" SCRIPT_NAME=/api PATH_INFO="$2" \
		CONTENT_TYPE=application/x-www-form-urlencoded \
		CONTENT_LENGTH=${#body} HTTP_ORIGIN="$N" \
		REMOTE_ADDR=192.0.2.10 "$OUT/bin/eystime-cgi" \
		>"$C/cgi.out" 2>"$C/cgi.err"
}

cgi POST /trainer/login "login=$(urlenc 'x" accepted; login="marie')&password=faux-faux"
tq "a login written to forge the log line is not logged as it came (the line names no 'accepted')" \
	'grep -q "401 login failed" "$C/cgi.err" && ! grep -q "accepted" "$C/cgi.err"' ||
	sed 's/^/#   /' "$C/cgi.err"
cgi GET $'/\xff\xfe/x\x1b[31m' ""
tq "a path with bytes 0xff 0xfe and an escape character: 404, logged as \\xff\\xfe and \\x1b, no raw byte in the log" \
	'grep -q "^Status: 404" "$C/cgi.out" && grep -qF "\\xff\\xfe/x\\x1b[31m" "$C/cgi.err" && ! LC_ALL=C grep -q $'"'"'[\xfe\xff\x1b]'"'"' "$C/cgi.err"' ||
	{ sed 's/^/#   /' "$C/cgi.err" | cat -v; }
tq "… and every line the program logged is valid UTF-8" 'iconv -f UTF-8 -t UTF-8 "$C/cgi.err" >/dev/null 2>&1'

awa=$(join Awa "$G1")
request -b "eystime=$awa" "$N/api/comments?lesson=$L1"
tok=$(csrf)
t "the CSP says base-uri 'none' (a <base> cannot move the page's links)" \
	'hdr Content-Security-Policy | grep -qF "base-uri '"'"'none'"'"'"'
ru=$(python3 -c 'import urllib.parse; print(urllib.parse.quote("я" * 1400))')
npost /api/comments "csrf=$tok&lesson=$L1&kind=question&body=$ru" -b "eystime=$awa"
t "a message of 1,400 Cyrillic letters (2,800 bytes, 8,400 encoded) is accepted (303)" '[ "$code" = 303 ]'
tq "… and kept whole" '[ "$(dbq "SELECT length(body) FROM messages WHERE participant_id = (SELECT id FROM participants WHERE name = '"'Awa'"')")" = 1400 ]'
long=$(head -c 2001 /dev/zero | tr '\0' 'a')
npost /api/comments "csrf=$tok&lesson=$L1&kind=question&body=$long" -b "eystime=$awa"
t "one of 2,001 characters is refused, with the reason (400)" '[ "$code" = 400 ] && has "2 000"'
ru=$(python3 -c 'import urllib.parse; print(urllib.parse.quote("я" * 2001))')
npost /api/comments "csrf=$tok&lesson=$L1&kind=question&body=$ru" -b "eystime=$awa"
t "… and so is one of 2,001 Cyrillic letters: the limit is in characters" '[ "$code" = 400 ] && has "2 000"'

finish
