#!/bin/bash
# 27-browser-nojs: in Chromium with JavaScript off: a participant joins, ticks
# a lesson, posts a message.
# Run it alone with: bash tests/cgi/run 27
. "$(dirname "$0")/../lib.sh"

groups3

if [ -x /usr/bin/chromium ] && [ -d tests/node_modules/playwright-core ]; then
	bcode=$G3
	node tests/browser/cgi-nojs.mjs "$N" "$bcode" >"$C/browser.log" 2>&1
	grep -E '^(ok|not ok) - |^#   ' "$C/browser.log"
	bline=$(grep '^# browser: [0-9]* passed, [0-9]* failed$' "$C/browser.log")
	if [ -n "$bline" ]; then
		p=$(echo "$bline" | sed 's/^# browser: \([0-9]*\) passed.*/\1/')
		f=$(echo "$bline" | sed 's/.* \([0-9]*\) failed$/\1/')
		pass=$((pass + p))
		fail=$((fail + f))
	else
		not_ok "the no-JavaScript browser test runs"
		tail -5 "$C/browser.log" | sed 's/^/#   /'
	fi
else
	not_ok "Chromium and playwright-core are installed (make test)"
fi

finish
