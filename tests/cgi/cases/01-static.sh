#!/bin/bash
# 01-static: the static site, as nginx serves it.
# Run it alone with: bash tests/cgi/run 01
. "$(dirname "$0")/../lib.sh"

request "$N/"
t "nginx serves the site's home page" \
	'[ "$code" = 200 ] && has "<html lang=\"fr\""'
request "$N$U1"
t "nginx serves a lesson page ($U1)" '[ "$code" = 200 ]'
request "$N/no-such-page/"
t "nginx answers 404 for a missing page" '[ "$code" = 404 ]'
request "$N/_eystime/lessons.tsv"
t "nginx does not serve _eystime/ (for the program only)" '[ "$code" = 404 ]'

finish
