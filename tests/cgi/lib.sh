# tests/cgi/lib.sh: sourced by every case in tests/cgi/cases/.
#
# tests/cgi/run starts the servers once (tests/cgi/servers.sh start OUT,
# one OUT per lane of CGI_JOBS), gives each case a fresh, empty database
# and fresh workers (servers.sh restart-db OUT), then runs the case as
#   OUT=… CASE=NN-name CASE_DIR=… bash tests/cgi/cases/NN-name.sh
# A case makes what it needs itself (groups, participants, trainers),
# sends real HTTP requests with curl, prints one "ok - …" or "not ok - …"
# line per check and ends with `finish`, which prints
# "# NN-name: N passed, N failed" (the runner reads it: a case that stops
# before it has crashed) and exits 1 on any failure.
#
# What a case gets from here:
#   N, A, S        the origins: nginx (+ spawn-fcgi), Apache (mod_fcgid at
#                  /api, plain CGI at /cgi-api), Apache as on shared hosting
#   DB, C          the database; the case's own folder for files
#   H, BD, code    the last answer's headers, body and status (request)
#   ROOTP, L1 U1, L2 U2, L3, LP   the course: the site's root path, the
#                  first lessons (id, page) and the last lesson's id
#   the helpers below: request, npost, apost, hdr, has, cookie, csrf,
#   join, dbq, admin, groups3, t, tq, and those of the trainer space.

set -u
cd "$(dirname "${BASH_SOURCE[0]}")/../.." || exit 2
: "${OUT:?OUT: the servers' folder (run the case through tests/cgi/run)}"
: "${CASE:?CASE: the case's name (run the case through tests/cgi/run)}"
pass=0
fail=0

ok() { pass=$((pass + 1)); echo "ok - $1"; }
not_ok() { fail=$((fail + 1)); echo "not ok - $1"; }
finish() {
	echo "# $CASE: $pass passed, $fail failed"
	[ "$fail" -eq 0 ]
	exit $?
}

. "$OUT/ports"
N=http://127.0.0.1:$NGINX_PORT
A=http://127.0.0.1:$APACHE_PORT
S=http://127.0.0.1:$SHARED_PORT
DB=$OUT/eystime.db
C=${CASE_DIR:-$OUT/cases/$CASE}
mkdir -p "$C"
H=$C/headers
BD=$C/body
FORM="Content-Type: application/x-www-form-urlencoded"
code=""

# The course, from the manifest the program reads (bash builtins only: a
# case starts 27 times a run, on machines that may be busy).
MANIFEST=$OUT/site/_eystime/lessons.tsv
ROOTP=""
LID=()
LURL=()
while IFS=$'\t' read -r kind f2 f3 f4 rest; do
	case $kind in
	site) [ -n "$ROOTP" ] || ROOTP=$f4 ;;
	lesson)
		LID+=("$f2")
		LURL+=("$f4")
		;;
	esac
done <"$MANIFEST"
if [ "${#LID[@]}" -lt 4 ]; then
	not_ok "the example course has at least 4 lessons"
	finish
fi
L1=${LID[0]} U1=$ROOTP${LURL[0]}
L2=${LID[1]} U2=$ROOTP${LURL[1]}
L3=${LID[2]}
LP=${LID[${#LID[@]} - 1]}

# --- Requests ---------------------------------------------------------------

# request [curl options…] URL: one request; $code, headers in $H, body in $BD.
request() {
	: >"$H"
	: >"$BD"
	code=$(curl -sS --max-time 10 -o "$BD" -D "$H" -w '%{http_code}' "$@" \
		2>"$C/curl.err") || true
	[ -n "$code" ] || code=000
}
# npost PATH DATA [curl options…]: a form POST through nginx, from the site.
npost() {
	local path=$1 data=$2
	shift 2
	request -H "Origin: $N" -H "$FORM" --data-binary "$data" "$@" "$N$path"
}
# apost PATH DATA [curl options…]: the same through Apache (port APACHE_PORT).
apost() {
	local path=$1 data=$2
	shift 2
	request -H "Origin: $A" -H "$FORM" --data-binary "$data" "$@" "$A$path"
}
# hdr NAME: the value of the first header NAME of the last answer.
hdr() {
	tr -d '\r' <"$H" | grep -i "^$1:" | head -1 | sed 's/^[^:]*: *//'
}
has() { grep -qF -- "$1" "$BD"; }
type_is() { case "$(hdr Content-Type)" in "$1"*) return 0 ;; esac; return 1; }
# The session cookie set by the last answer, and its attributes.
cookie() {
	tr -d '\r' <"$H" | sed -n 's/^[Ss]et-[Cc]ookie: eystime=\([^;]*\).*/\1/p' |
		head -1
}
cookie_attr() {
	hdr Set-Cookie | tr ';' '\n' | sed 's/^ *//' | grep -qix -- "$1"
}
csrf() {
	sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' "$BD" | head -1
}
# The message id a comments POST went back to (…#m12).
mid() { hdr Location | sed -n 's/.*#m\([0-9][0-9]*\)$/\1/p'; }
urlenc() {
	local LC_ALL=C s=$1 i c h out=""
	for ((i = 0; i < ${#s}; i++)); do
		c=${s:i:1}
		case $c in
		[a-zA-Z0-9._~-]) out+=$c ;;
		*)
			printf -v h '%%%02X' "'$c"
			out+=$h
			;;
		esac
	done
	printf '%s' "$out"
}
# slow_post BASE PATH FILE: a form POST whose body comes in two parts, 0.4 s
# apart, as from a phone on a slow link; prints the answer's status (000
# when none came).
slow_post() {
	local base=$1 path=$2 file=$3 port=${1##*:} len
	len=$(stat -c %s "$file")
	timeout 8 bash -c '
		exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
		printf "POST %s HTTP/1.1\r\nHost: 127.0.0.1:%s\r\nOrigin: %s\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: %s\r\nConnection: close\r\n\r\n" \
			"$2" "$1" "$3" "$4" >&3
		head -c 4000 "$5" >&3
		sleep 0.4
		tail -c +4001 "$5" >&3 2>/dev/null
		head -1 <&3
	' slow "$port" "$path" "$base" "$len" "$file" 2>/dev/null |
		sed -n 's/^HTTP\/1\.[01] \([0-9][0-9][0-9]\).*/\1/p' | grep . || echo 000
}
# big17k: $C/big17k, a form body over the 16 KB limit.
big17k() {
	{
		printf 'lesson=%s&body=' "$L1"
		head -c 17000 /dev/zero | tr '\0' 'a'
	} >"$C/big17k"
}
# join NAME CODE: join through nginx; prints the cookie (empty on failure).
join() {
	npost /api/join "code=$2&name=$(urlenc "$1")&next=$(urlenc "$ROOTP")&other=1"
	cookie
}
# After a first join: her card (200) and where its "Continuer" leads.
card_made() { [ "$code" = 200 ] && has "Prenez cette carte en photo"; }
continue_to() {
	sed -n 's/.*<a class="button" href="\([^"]*\)">Continuer<\/a>.*/\1/p' "$BD" | head -1
}

# --- The database --------------------------------------------------------------

# Who owns the case's database: as root, dbq and admin run as that user.
DB_OWNER=""
if [ "$EUID" -eq 0 ]; then
	DB_OWNER=$(stat -c %U "$DB")
	[ "$DB_OWNER" = root ] && DB_OWNER=""
fi
# The sqlite3 command line on the database, as the user that owns it.
dbq() {
	if [ -n "$DB_OWNER" ]; then
		runuser -u "$DB_OWNER" -- sqlite3 -batch -cmd '.timeout 5000' "$DB" "$1"
	else
		sqlite3 -batch -cmd '.timeout 5000' "$DB" "$1"
	fi
}
# admin ARGS…: eystime-cgi admin on the test database, as its owner.
admin() {
	if [ -n "$DB_OWNER" ]; then
		runuser -u "$DB_OWNER" -- "$OUT/bin/eystime-cgi" admin --db "$DB" "$@"
	else
		"$OUT/bin/eystime-cgi" admin --db "$DB" "$@"
	fi
}
# group_add NAME: a new group; its id in $GID, its join code in $GCODE.
group_add() {
	local line
	line=$(admin group add "$1") || { echo "# admin group add $1 failed" >&2; exit 2; }
	GID=${line%%[[:space:]]*}
	GCODE=${line##*[[:space:]]}
}
# groups3: the three groups of the example, as every case knows them:
# "Groupe du mardi" (code G1, id G1ID), "Groupe du jeudi" (G2, G2ID),
# "Groupe du samedi" (G3, G3ID).
groups3() {
	group_add "Groupe du mardi"
	G1=$GCODE G1ID=$GID
	group_add "Groupe du jeudi"
	G2=$GCODE G2ID=$GID
	group_add "Groupe du samedi"
	G3=$GCODE G3ID=$GID
}

# --- Checks --------------------------------------------------------------------

diag() {
	echo "#   got HTTP $code"
	tr -d '\r' <"$H" | grep -iE '^(location|set-cookie|allow|retry-after|content-type):' |
		sed 's/^/#   /'
	if grep -q '<main' "$BD"; then
		sed -n '/<main/,/<\/main>/p' "$BD" | head -12 | sed 's/^/#   /'
	else
		{ head -c 400 "$BD"; echo; } | sed '/^$/d; s/^/#   /'
	fi
	[ -s "$C/curl.err" ] && sed 's/^/#   curl: /' "$C/curl.err"
}
# t NAME CONDITION: one check on the last answer; CONDITION is evaluated
# by the shell. On failure, the answer is shown.
t() {
	local name=$1
	shift
	if eval "$*"; then
		ok "$name"
	else
		not_ok "$name"
		diag
		return 1
	fi
}
# tq NAME CONDITION: the same for a check that is not about the last
# answer (the caller prints what helps).
tq() {
	local name=$1
	shift
	if eval "$*"; then
		ok "$name"
	else
		not_ok "$name"
		return 1
	fi
}

# --- The trainer space ---------------------------------------------------------

# trainer_add LOGIN PASSWORD GROUP_ID: a trainer who follows that group.
trainer_add() {
	printf '%s\n' "$2" | admin trainer add "$1" --group "$3" >>"$C/admin.out" 2>&1 ||
		{ echo "# admin trainer add $1 failed:" >&2; cat "$C/admin.out" >&2; exit 2; }
}
# tpost PATH DATA [curl options…]: a POST to <api>/trainer PATH through nginx.
tpost() {
	local path=$1 data=$2
	shift 2
	npost "/api/trainer$path" "$data" "$@"
}
# tget PATH [curl options…]: a GET as trainer $tk.
tget() {
	local path=$1
	shift
	request -b "eystime_trainer=$tk" "$@" "$N/api/trainer$path"
}
tcookie() {
	tr -d '\r' <"$H" | sed -n 's/^[Ss]et-[Cc]ookie: eystime_trainer=\([^;]*\).*/\1/p' |
		head -1
}
# tlogin LOGIN PASSWORD: log in; the trainer cookie in $TK (empty on
# failure), the answer as for request.
tlogin() {
	tpost /login "login=$1&password=$(urlenc "$2")"
	TK=$(tcookie)
}
main_of() { sed -n '/<main/,/<\/main>/p' "$1"; }
# trainer_group NAME: trainer $tk creates a group through the trainer
# space; its id in $GT, its join code in $CT.
trainer_group() {
	tget ""
	tpost /groups "csrf=$(csrf)&name=$(urlenc "$1")" -b "eystime_trainer=$tk"
	GT=$(hdr Location | sed -n 's|^/api/trainer/groups/\([0-9][0-9]*\)$|\1|p')
	tget "/groups/$GT"
	CT=$(sed -n 's/.*Code pour rejoindre : <strong class="join-code">\([A-Z0-9]*\)<.*/\1/p' "$BD")
	[ -n "$GT" ] && [ -n "$CT" ] ||
		{ echo "# trainer_group $1: no group made" >&2; exit 2; }
}
