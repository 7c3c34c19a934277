#!/bin/sh
# Install the Debian packages Eystime needs, only those missing.
# Usage: tools/deps.sh build|test|bench|fuzz
# Idempotent and instant when nothing is missing (one dpkg-query call).
set -eu

build="gcc make pkg-config libcmark-gfm-dev libcmark-gfm-extensions-dev
liblua5.4-dev libyaml-dev libxml2-dev libsodium-dev libsqlite3-dev libfcgi-dev
libmicrohttpd-dev libqrencode-dev libseccomp-dev libgumbo-dev libvips-dev
libicu-dev python3"
test="$build nodejs npm valgrind libxml2-utils nginx apache2-bin
libapache2-mod-fcgid media-types spawn-fcgi curl sqlite3 chromium w3m
libfcgi-bin zbar-tools librsvg2-bin python3 apache2 lighttpd cron
libimage-exiftool-perl poppler-utils"

bench="$test hugo wrk cmark-gfm time python3"
fuzz="$build clang libclang-rt-14-dev"

case "${1:-build}" in
build) want=$build ;;
test) want=$test ;;
bench) want=$bench ;;
fuzz) want=$fuzz ;;
*) echo "usage: $0 build|test|bench|fuzz" >&2; exit 2 ;;
esac

missing=""
for p in $want; do
	# Node.js and npm may come from another source than Debian's
	# packages (NodeSource bundles npm with nodejs): the commands do.
	case "$p" in
	nodejs) command -v node >/dev/null 2>&1 && continue ;;
	npm) command -v npm >/dev/null 2>&1 && continue ;;
	esac
	s=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
	case "$s" in
	*" installed") ;;
	*) missing="$missing $p" ;;
	esac
done
[ -z "$missing" ] && exit 0

echo "eystime: installing Debian packages:$missing"
if [ "$(id -u)" -eq 0 ]; then
	sudo=""
elif command -v sudo >/dev/null 2>&1; then
	sudo="sudo"
else
	echo "eystime: please install as root: apt-get install$missing" >&2
	exit 1
fi
export DEBIAN_FRONTEND=noninteractive
# The tests run their own web servers on 127.0.0.1: installing nginx,
# apache2 or lighttpd (tests/deploy/run checks that the guide's
# packages are there) must not start the system's on port 80, nor cron. policy-rc.d says "do not start
# services" to the packages' scripts while we install.
policy=""
if [ ! -e /usr/sbin/policy-rc.d ]; then
	policy=/usr/sbin/policy-rc.d
	printf '#!/bin/sh\nexit 101\n' | $sudo tee $policy >/dev/null
	$sudo chmod 755 $policy
	trap '$sudo rm -f $policy' EXIT
fi
$sudo apt-get update -qq
# shellcheck disable=SC2086
$sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
echo "eystime: packages installed."
