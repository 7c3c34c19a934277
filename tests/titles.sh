#!/bin/sh
# Every page built from content/ carries its front-matter title in <title>.
out=$1
status=0
for md in $(find content -name '*.md' | sort); do
	title=$(sed -n 's/^title: *"\{0,1\}\([^"]*\)"\{0,1\} *$/\1/p' "$md" | head -1)
	rel=${md#content/}
	case $rel in
	_index.md) html=$out/index.html ;;
	*/_index.md) html=$out/${rel%/_index.md}/index.html ;;
	*) html=$out/${rel%.md}/index.html ;;
	esac
	if ! grep -q "<title>" "$html" 2>/dev/null; then
		echo "$html: missing"
		status=1
		continue
	fi
	esc=$(printf '%s' "$title" | sed "s/&/\&amp;/g; s/</\&lt;/g; s/>/\&gt;/g; s/'/\&#39;/g")
	if ! grep -F -q "$esc" "$html"; then
		echo "$html: title \"$title\" not found"
		status=1
	fi
done
exit $status
