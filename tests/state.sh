# tests/state.sh: sourced by the server-based suites (tests/cgi/run,
# faults, hostile, browser).
#
# eystime-cgi drops root to www-data, and the web servers' workers run as
# www-data too: they must reach the built site, the database and the
# sockets. A checkout may sit in a folder they cannot enter (/root is
# 0700, so is a `mktemp -d` folder), or in a path with blanks, which the
# servers' configuration files cannot hold. So the state a suite shares
# with the servers lives in a fresh folder under /tmp, mode 755, that the
# suite removes when it ends (KEEP_STATE=1 keeps it, to look inside).

# state_dir NAME: make that folder and print its path.
state_dir() {
	local d
	d=$(mktemp -d "/tmp/eystime-$1.XXXXXX") || return 1
	chmod 755 "$d" || return 1
	echo "$d"
}

# state_rm DIR: remove a folder made by state_dir (nothing else), unless
# KEEP_STATE=1.
state_rm() {
	[ -n "$1" ] || return 0
	case "$1" in /tmp/eystime-*) ;; *) return 0 ;; esac
	if [ "${KEEP_STATE:-}" = 1 ]; then
		echo "# kept $1 (KEEP_STATE=1)"
		return 0
	fi
	rm -rf "$1"
}
