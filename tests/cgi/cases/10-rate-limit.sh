#!/bin/bash
# 10-rate-limit: five messages a minute, then 429.
# Run it alone with: bash tests/cgi/run 10
. "$(dirname "$0")/../lib.sh"

groups3

rami=$(join Rami "$G1")
request -b "eystime=$rami" "$N/api/comments?lesson=$L2"
tok=$(csrf)
codes=""
for i in 1 2 3 4 5 6; do
	npost /api/comments "csrf=$tok&lesson=$L2&kind=astuce&body=Message+$i" \
		-b "eystime=$rami"
	codes="$codes $code"
done
tq "a 6th message within a minute → 429 with Retry-After" \
	'[ "$codes" = " 303 303 303 303 303 429" ] && [ -n "$(hdr Retry-After)" ]' ||
	echo "#   codes:$codes"

finish
