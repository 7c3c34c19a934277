#!/bin/bash
# tests/cgi/servers.sh start|restart-db|stop OUTDIR
#
# Runs eystime-cgi behind real web servers, on 127.0.0.1 only:
#   - nginx at http://127.0.0.1:$NGINX_PORT: the static site, and /api/
#     through FastCGI to spawn-fcgi's workers (FCGI_WORKERS, 2; Unix socket);
#   - Apache 2 at http://127.0.0.1:$APACHE_PORT: the static site, /api
#     through mod_fcgid, /cgi-api through mod_cgid (plain CGI);
#   - the same Apache at http://127.0.0.1:$SHARED_PORT, as on a shared
#     host: a copy of the site with the .htaccess and "api" script of
#     docs/deploy.md (plain CGI at /api).
# Every server has its own configuration, pid file, logs and temporary
# folders under OUTDIR; no system configuration is read or changed, no
# system service is started or stopped, ports 80/443 are never used.
# Each origin (http://127.0.0.1:PORT) is the EYSTIME_ORIGIN of the
# program behind it; all share one database.
#
# OUTDIR after `start`:
#   site/          the example course, built with $B/eystime
#   shared/        its copy with .htaccess and api (shared-hosting variant)
#   eystime.db     the database (owned by the user the program runs as)
#   groups.tsv     id<TAB>join code<TAB>name of the groups created
#   ports          NGINX_PORT=, APACHE_PORT=, SHARED_PORT= (sourceable by sh)
#   bin/           the copy of $B/eystime-cgi that every server runs
#   fcgi/ nginx/ apache/   configurations, pid files, logs (error.log)
#
# Environment: B (build folder, default build); NGINX_PORT, APACHE_PORT,
# SHARED_PORT (default: the first free three of 18080-18082, 18083-18085…);
# SITE_SRC (the site to build, default the repository); EYSTIME_GROUPS
# (group names, one per line; set and empty: no group); RUN_USER (default
# www-data, see below); FCGI_WORKERS (spawn-fcgi's workers, default 2).
# As root, the program and the servers' workers run as RUN_USER, which
# must be able to reach OUTDIR; otherwise all runs as the calling user.
#
# `restart-db` gives the running servers of OUTDIR a fresh database: it
# stops every process of the program (spawn-fcgi's workers, mod_fcgid's),
# replaces eystime.db and groups.tsv with new ones (the groups of
# EYSTIME_GROUPS, as `start`), restarts Apache gracefully (mod_fcgid
# starts afresh) and spawn-fcgi's workers, and waits until both answer.
# The site, the ports and the servers' logs stay; it takes well under a
# second, where `start` takes seconds. tests/cgi/run calls it before each
# case. It exits 1 when OUTDIR has no servers started.
#
# `stop` stops what `start` started for OUTDIR, found by command lines
# that name OUTDIR's files (so it works even if the pid files are gone),
# waits for them (bounded), and is safe to call twice. `start` stops a
# previous run in OUTDIR first. Both exit 0 on success; `start` exits 1
# with the failing server's log when one does not come up.

set -u
umask 022

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
B=${B:-build}
# Ports given in the environment are used or refused; without them, the
# first three free ports from 18080/18081/18082 on, by steps of 3 (another
# run may hold those).
PORTS_GIVEN=${NGINX_PORT:+x}${APACHE_PORT:+x}${SHARED_PORT:+x}
NGINX_PORT=${NGINX_PORT:-18080}
APACHE_PORT=${APACHE_PORT:-$((NGINX_PORT + 1))}
SHARED_PORT=${SHARED_PORT:-$((APACHE_PORT + 1))}
SITE_SRC=${SITE_SRC:-$ROOT}
GROUPS_LIST=${EYSTIME_GROUPS-"Groupe du mardi
Groupe du jeudi
Groupe du samedi"}
APACHE_MODULES=${APACHE_MODULES:-/usr/lib/apache2/modules}
WAIT=${SERVERS_WAIT:-50}  # tenths of a second to wait for each server

die() {
	echo "servers.sh: $*" >&2
	exit 1
}

usage() {
	echo "usage: $0 start|restart-db|stop OUTDIR" >&2
	exit 2
}

[ $# -eq 2 ] || usage
cmd=$1
[ -n "$2" ] || usage
mkdir -p "$2" || die "cannot create $2"
OUTDIR=$(cd "$2" && pwd)
case "$OUTDIR" in
*[[:space:]\"\'\;\$\\]*) die "OUTDIR must not hold blanks, quotes, ';', '\$' or '\\': $OUTDIR" ;;
/) die "OUTDIR must not be /" ;;
esac

# ------------------------------------------------------------------------
# Stop

# Alive, and not a zombie (in a container, PID 1 may never reap them).
# (Builtins only, as in S_pids.)
S_alive() {
	local stat="" state
	read -r stat 2>/dev/null <"/proc/$1/stat" || return 1
	state=${stat##*) }
	state=${state:0:1}
	[ -n "$state" ] && [ "$state" != Z ]
}

# The processes this harness started for OUTDIR, found by their exact
# command line (it names OUTDIR's own files), so that nothing else is
# ever touched, even when the pid files were removed meanwhile:
#   S_pids nginx|apache|program
S_pids() {
	local p pid cmdline
	local -a argv
	for p in /proc/[0-9]*; do
		pid=${p#/proc/}
		[ "$pid" = "$$" ] && continue
		# (Builtins only: one fork per process would make this take
		# seconds on a busy machine.)
		argv=()
		mapfile -d '' -t argv 2>/dev/null <"$p/cmdline" || continue
		[ "${#argv[@]}" -gt 0 ] || continue
		cmdline="${argv[*]} "
		case "$1" in
		nginx)
			case "$cmdline" in
			"nginx: master process "*"-c $OUTDIR/nginx/nginx.conf"*) echo "$pid" ;;
			esac
			;;
		apache)
			case "$cmdline" in
			"apache2 -f $OUTDIR/apache/apache2.conf "*) echo "$pid" ;;
			esac
			;;
		program)
			[ "${argv[0]}" = "$OUTDIR/bin/eystime-cgi" ] && echo "$pid"
			;;
		esac
	done
}

# S_kill PIDS…: TERM, wait (bounded), then KILL what is left.
S_kill() {
	local pids="$*" pid i alive
	[ -n "$pids" ] || return 0
	for pid in $pids; do kill -TERM "$pid" 2>/dev/null; done
	for ((i = 0; i < 50; i++)); do
		alive=""
		for pid in $pids; do
			S_alive "$pid" && alive="$alive $pid"
		done
		pids=$alive
		[ -z "$pids" ] && return 0
		sleep 0.1
	done
	for pid in $pids; do kill -KILL "$pid" 2>/dev/null; done
}

stop() {
	# nginx first (no more requests), then Apache (and with it the
	# mod_fcgid and mod_cgid children), then every process left that
	# runs our copy of the program (the spawn-fcgi workers).
	S_kill $(S_pids nginx)
	S_kill $(S_pids apache)
	S_kill $(S_pids program)
	rm -f "$OUTDIR/nginx/nginx.pid" "$OUTDIR/apache/apache2.pid" \
		"$OUTDIR/fcgi/spawn.pid" "$OUTDIR/fcgi/eystime.sock"
	return 0
}

# ------------------------------------------------------------------------
# What start and restart-db share

DB=$OUTDIR/eystime.db
SOCK=$OUTDIR/fcgi/eystime.sock

# RUN_USER and RUN_GROUP: who runs the program and the servers' workers.
S_users() {
	if [ "$EUID" -eq 0 ]; then
		RUN_USER=${RUN_USER:-www-data}
		id "$RUN_USER" >/dev/null 2>&1 || die "no user $RUN_USER (set RUN_USER)"
		RUN_GROUP=$(id -gn "$RUN_USER")
	else
		RUN_USER=$(id -un)
		RUN_GROUP=$(id -gn)
	fi
}

# A new database and its groups (groups.tsv). SQLite writes DB-wal and
# DB-shm beside the database: the folder and the files belong to the user
# the program runs as.
S_make_db() {
	local name line
	rm -f "$DB" "$DB-wal" "$DB-shm" "$OUTDIR/groups.tsv"
	printf '' >"$OUTDIR/groups.tsv"
	while IFS= read -r name; do
		[ -n "$name" ] || continue
		line=$("$OUTDIR/bin/eystime-cgi" admin --db "$DB" group add "$name") ||
			die "eystime-cgi admin group add $name failed"
		set -- $line
		[ $# -eq 2 ] || die "admin group add printed: $line"
		printf '%s\t%s\t%s\n' "$1" "$2" "$name" >>"$OUTDIR/groups.tsv"
	done <<EOF
$GROUPS_LIST
EOF
	# No group: make the database all the same, owned by the right user.
	[ -f "$DB" ] || "$OUTDIR/bin/eystime-cgi" admin --db "$DB" group list >/dev/null ||
		die "eystime-cgi admin cannot make $DB"
	if [ "$EUID" -eq 0 ]; then
		chown "$RUN_USER:$RUN_GROUP" "$OUTDIR" "$DB"*
	fi
}

# S_wait URL LOG WHAT: wait (bounded) for URL to answer 200, or fail with
# the server's error log.
S_wait() {
	local url=$1 log=$2 what=$3 i code
	for ((i = 0; i < WAIT; i++)); do
		code=$(curl -s -o /dev/null --max-time 2 -w '%{http_code}' "$url")
		[ "$code" = 200 ] && return 0
		sleep 0.1
	done
	echo "servers.sh: $what did not answer 200 at $url (last: $code)" >&2
	for f in $log; do
		[ -f "$f" ] || continue
		echo "--- $f" >&2
		tail -30 "$f" >&2
	done
	stop
	exit 1
}

# S_spawn: spawn-fcgi's FCGI_WORKERS workers (2) on a Unix socket, with
# only the variables they need.
S_spawn() {
	local spawn_user="" i
	rm -f "$SOCK" "$OUTDIR/fcgi/spawn.pid"
	[ "$EUID" -eq 0 ] && spawn_user="-u $RUN_USER -g $RUN_GROUP -U $RUN_USER -G $RUN_GROUP"
	# shellcheck disable=SC2086
	env -i PATH=/usr/bin:/bin \
		EYSTIME_DB="$DB" EYSTIME_SITE="$OUTDIR/site" \
		EYSTIME_ORIGIN="$NGINX_ORIGIN" \
		spawn-fcgi -s "$SOCK" -M 0660 -F "${FCGI_WORKERS:-2}" -P "$OUTDIR/fcgi/spawn.pid" \
		$spawn_user -- "$OUTDIR/bin/eystime-cgi" \
		>>"$OUTDIR/fcgi/spawn.log" 2>&1 ||
		{ cat "$OUTDIR/fcgi/spawn.log" >&2; stop; die "spawn-fcgi failed"; }
	for ((i = 0; i < WAIT; i++)); do
		[ -S "$SOCK" ] && break
		sleep 0.1
	done
	[ -S "$SOCK" ] || { cat "$OUTDIR/fcgi/spawn.log" >&2; stop; die "no socket $SOCK"; }
}

if [ "$cmd" = stop ]; then
	stop
	exit 0
fi

# ------------------------------------------------------------------------
# Restart with a fresh database

if [ "$cmd" = restart-db ]; then
	PATH=$PATH:/usr/sbin:/sbin
	[ -f "$OUTDIR/ports" ] && [ -f "$OUTDIR/apache/apache2.conf" ] &&
		[ -n "$(S_pids apache)" ] || die "no servers started in $OUTDIR"
	. "$OUTDIR/ports"
	NGINX_ORIGIN=http://127.0.0.1:$NGINX_PORT
	S_users
	# No request comes in meanwhile, so once these are gone no process
	# holds the old database open.
	S_kill $(S_pids program)
	S_make_db
	# A graceful restart empties mod_fcgid's table of processes: its next
	# request starts a new one at once (after a mere kill, mod_fcgid would
	# wait about a second for its next scan).
	apache2 -f "$OUTDIR/apache/apache2.conf" -k graceful \
		>>"$OUTDIR/apache/start.log" 2>&1 || die "apache2 -k graceful failed"
	S_spawn
	S_wait "http://127.0.0.1:$NGINX_PORT/api/health" \
		"$OUTDIR/nginx/error.log $OUTDIR/fcgi/spawn.log" nginx
	S_wait "http://127.0.0.1:$APACHE_PORT/api/health" \
		"$OUTDIR/apache/error.log" "apache (mod_fcgid)"
	exit 0
fi
[ "$cmd" = start ] || usage

# ------------------------------------------------------------------------
# Start

for p in nginx apache2 spawn-fcgi curl; do
	command -v "$p" >/dev/null 2>&1 ||
		PATH=$PATH:/usr/sbin:/sbin command -v "$p" >/dev/null 2>&1 ||
		die "$p is not installed (run: sh tools/deps.sh test)"
done
PATH=$PATH:/usr/sbin:/sbin
for m in mod_fcgid mod_cgid mod_mpm_event mod_alias mod_env mod_mime \
	mod_dir mod_authz_core; do
	[ -f "$APACHE_MODULES/$m.so" ] ||
		die "$APACHE_MODULES/$m.so is missing (run: sh tools/deps.sh test)"
done

case "$B" in /*) ;; *) [ -d "$B" ] || B=$ROOT/$B ;; esac
[ -x "$B/eystime" ] || die "$B/eystime is not built (make $B/eystime)"
[ -x "$B/eystime-cgi" ] || die "$B/eystime-cgi is not built (make $B/eystime-cgi)"
B=$(cd "$B" && pwd)

for port in "$NGINX_PORT" "$APACHE_PORT" "$SHARED_PORT"; do
	case "$port" in '' | *[!0-9]*) die "bad port: $port" ;; esac
	[ "$port" -gt 1024 ] && [ "$port" -lt 65536 ] ||
		die "port $port: pick a port from 1025 to 65535"
done
[ "$(printf '%s\n' "$NGINX_PORT" "$APACHE_PORT" "$SHARED_PORT" | sort -u | wc -l)" = 3 ] ||
	die "NGINX_PORT, APACHE_PORT and SHARED_PORT must differ"

stop

# Something else on our ports? Then pick others, or stop here.
S_busy() { timeout 2 bash -c ": <>/dev/tcp/127.0.0.1/$1" 2>/dev/null; }
if [ -z "$PORTS_GIVEN" ]; then
	for k in 1 2 3 4 5 6 7 8 9 10; do
		S_busy "$NGINX_PORT" || S_busy "$APACHE_PORT" ||
			S_busy "$SHARED_PORT" || break
		NGINX_PORT=$((18080 + 3 * k))
		APACHE_PORT=$((NGINX_PORT + 1))
		SHARED_PORT=$((NGINX_PORT + 2))
	done
fi
for port in "$NGINX_PORT" "$APACHE_PORT" "$SHARED_PORT"; do
	S_busy "$port" &&
		die "port $port on 127.0.0.1 is already in use (set NGINX_PORT, APACHE_PORT, SHARED_PORT)"
done

S_users

rm -rf "$OUTDIR/site" "$OUTDIR/shared" "$OUTDIR/bin" "$OUTDIR/fcgi" "$OUTDIR/nginx" \
	"$OUTDIR/apache" "$OUTDIR/eystime.db" "$OUTDIR/eystime.db-wal" \
	"$OUTDIR/eystime.db-shm" "$OUTDIR/groups.tsv" "$OUTDIR/ports"
mkdir -p "$OUTDIR/bin" "$OUTDIR/fcgi" "$OUTDIR/nginx/tmp" \
	"$OUTDIR/apache/run" || die "cannot write into $OUTDIR"

# The site and the program.
"$B/eystime" build -s "$SITE_SRC" -d "$OUTDIR/site" -q ||
	die "the site does not build ($B/eystime build -s $SITE_SRC)"
[ -f "$OUTDIR/site/_eystime/lessons.tsv" ] || die "no lesson manifest in $OUTDIR/site"
install -m 755 "$B/eystime-cgi" "$OUTDIR/bin/eystime-cgi" || die "cannot copy eystime-cgi"

S_make_db

printf 'NGINX_PORT=%s\nAPACHE_PORT=%s\nSHARED_PORT=%s\n' "$NGINX_PORT" \
	"$APACHE_PORT" "$SHARED_PORT" >"$OUTDIR/ports"

if [ "$EUID" -eq 0 ]; then
	if ! runuser -u "$RUN_USER" -- test -r "$OUTDIR/site/index.html" -a \
		-x "$OUTDIR/bin/eystime-cgi" -a -w "$OUTDIR"; then
		die "$RUN_USER cannot reach $OUTDIR: make its parent folders searchable (chmod o+x) or choose another OUTDIR"
	fi
fi

NGINX_ORIGIN=http://127.0.0.1:$NGINX_PORT
APACHE_ORIGIN=http://127.0.0.1:$APACHE_PORT
SHARED_ORIGIN=http://127.0.0.1:$SHARED_PORT

# The shared-hosting variant: the site, plus the .htaccess and api script
# of docs/deploy.md.
cp -a "$OUTDIR/site" "$OUTDIR/shared" || die "cannot copy the site"
cat >"$OUTDIR/shared/.htaccess" <<EOF
# Eystime: /api/... runs the script "api" (plain CGI) with PATH_INFO=/...
Options +ExecCGI
<Files "api">
	SetHandler cgi-script
</Files>
# The lesson list and page frame are for eystime-cgi only.
RedirectMatch 404 ^/_eystime(/|\$)
EOF
cat >"$OUTDIR/shared/api" <<EOF
#!/bin/sh
# Eystime: eystime-cgi as plain CGI, with its three settings.
EYSTIME_DB=$DB
EYSTIME_SITE=$OUTDIR/shared
EYSTIME_ORIGIN=$SHARED_ORIGIN
export EYSTIME_DB EYSTIME_SITE EYSTIME_ORIGIN
exec $OUTDIR/bin/eystime-cgi
EOF
chmod 755 "$OUTDIR/shared/api"

S_spawn

# ------------------------------------------------------------------------
# nginx
N=$OUTDIR/nginx
nginx_user=""
[ "$EUID" -eq 0 ] && nginx_user="user $RUN_USER $RUN_GROUP;"
cat >"$N/nginx.conf" <<EOF
# Written by tests/cgi/servers.sh; docs/deploy.md shows the same for a
# real host.
daemon on;
$nginx_user
worker_processes 2;
pid $N/nginx.pid;
error_log $N/error.log warn;
events {
	worker_connections 256;
}
http {
	include /etc/nginx/mime.types;
	default_type application/octet-stream;
	access_log $N/access.log;
	client_body_temp_path $N/tmp/body;
	fastcgi_temp_path $N/tmp/fastcgi;
	proxy_temp_path $N/tmp/proxy;
	scgi_temp_path $N/tmp/scgi;
	uwsgi_temp_path $N/tmp/uwsgi;
	server_tokens off;
	charset utf-8;
	# eystime-cgi refuses bodies over 16 KB itself (413); nginx refuses
	# bigger ones before they reach it.
	client_max_body_size 64k;

	server {
		listen 127.0.0.1:$NGINX_PORT;
		server_name 127.0.0.1;
		root $OUTDIR/site;
		index index.html;
		error_page 404 /404.html;

		location / {
			try_files \$uri \$uri/ =404;
		}
		# The lesson manifest and page shell are for eystime-cgi only.
		location /_eystime/ {
			return 404;
		}
		location /api/ {
			fastcgi_split_path_info ^(/api)(/.*)\$;
			include /etc/nginx/fastcgi_params;
			fastcgi_param PATH_INFO \$fastcgi_path_info;
			fastcgi_pass unix:$SOCK;
		}
		# The forms that may carry a photo (10 MB, docs/deploy.md): the
		# discussions, participant's and trainer's; every other route
		# keeps 64 KB. Past 11 MB nginx answers, with the reason.
		location ~ ^/api/(comments|trainer/groups/[0-9]+/talk)\$ {
			client_max_body_size 11m;
			error_page 413 @photo_too_big;
			fastcgi_split_path_info ^(/api)(/.*)\$;
			include /etc/nginx/fastcgi_params;
			fastcgi_param PATH_INFO \$fastcgi_path_info;
			fastcgi_pass unix:$SOCK;
		}
		location @photo_too_big {
			default_type "text/plain; charset=utf-8";
			return 413 "Envoi trop lourd : une photo fait 10 Mo au plus. Upload too large: a photo is 10 MB at most.";
		}
		# Test only: the same program as behind a TLS front (HTTPS=on),
		# for the Secure cookie flag.
		location /tls-api/ {
			fastcgi_split_path_info ^(/tls-api)(/.*)\$;
			include /etc/nginx/fastcgi_params;
			fastcgi_param PATH_INFO \$fastcgi_path_info;
			fastcgi_param HTTPS on;
			fastcgi_pass unix:$SOCK;
		}
	}
}
EOF
nginx -t -q -e "$N/error.log" -p "$N/" -c "$N/nginx.conf" >"$N/start.log" 2>&1 ||
	{ cat "$N/start.log" "$N/error.log" >&2; stop; die "nginx -t failed"; }
nginx -e "$N/error.log" -p "$N/" -c "$N/nginx.conf" >>"$N/start.log" 2>&1 ||
	{ cat "$N/start.log" "$N/error.log" >&2; stop; die "nginx did not start"; }
S_wait "$NGINX_ORIGIN/api/health" "$N/start.log $N/error.log $OUTDIR/fcgi/spawn.log" nginx

# ------------------------------------------------------------------------
# Apache: its own configuration only (no /etc/apache2/apache2.conf).
A=$OUTDIR/apache
apache_user=""
[ "$EUID" -eq 0 ] && apache_user="User $RUN_USER
Group $RUN_GROUP"
mkdir -p "$A/run/fcgid"
[ "$EUID" -eq 0 ] && chown "$RUN_USER:$RUN_GROUP" "$A/run/fcgid"
cat >"$A/apache2.conf" <<EOF
# Written by tests/cgi/servers.sh; docs/deploy.md shows the same for a
# real host.
ServerRoot $A
ServerName 127.0.0.1
Listen 127.0.0.1:$APACHE_PORT
Listen 127.0.0.1:$SHARED_PORT
PidFile $A/apache2.pid
ErrorLog $A/error.log
LogLevel warn
DefaultRuntimeDir $A/run
Mutex file:$A/run default
$apache_user

LoadModule mpm_event_module $APACHE_MODULES/mod_mpm_event.so
LoadModule authz_core_module $APACHE_MODULES/mod_authz_core.so
LoadModule mime_module $APACHE_MODULES/mod_mime.so
LoadModule dir_module $APACHE_MODULES/mod_dir.so
LoadModule alias_module $APACHE_MODULES/mod_alias.so
LoadModule env_module $APACHE_MODULES/mod_env.so
LoadModule cgid_module $APACHE_MODULES/mod_cgid.so
LoadModule fcgid_module $APACHE_MODULES/mod_fcgid.so

StartServers 1
ServerLimit 2
ThreadsPerChild 16
MaxRequestWorkers 32
MinSpareThreads 4
MaxSpareThreads 32

LogFormat "%h %l %u %t \"%r\" %>s %b" common
CustomLog $A/access.log common
TypesConfig /etc/mime.types
AddDefaultCharset utf-8
ServerTokens Prod
# eystime-cgi refuses bodies over 16 KB itself (413). Apache refuses
# bigger ones before they reach it: a CGI program that answers without
# reading a large body can see its answer lost (connection reset).
LimitRequestBody 65536
# But for the two forms that may carry a photo (docs/deploy.md, section 7),
# as plain CGI and FastCGI; mod_fcgid has its own bound (128 KB).
FcgidMaxRequestLen 11534336
<LocationMatch "^/(cgi-)?api/(comments|trainer/groups/[0-9]+/talk)\$">
	LimitRequestBody 11534336
</LocationMatch>

ScriptSock $A/run/cgid.sock
FcgidIPCDir $A/run/fcgid
FcgidProcessTableFile $A/run/fcgid-shm
FcgidMaxProcessesPerClass 2
FcgidInitialEnv EYSTIME_DB $DB
FcgidInitialEnv EYSTIME_SITE $OUTDIR/site
FcgidInitialEnv EYSTIME_ORIGIN $APACHE_ORIGIN

<Directory />
	AllowOverride None
	Require all denied
</Directory>

DirectoryIndex index.html

# The site, with /api through mod_fcgid and /cgi-api as plain CGI.
<VirtualHost 127.0.0.1:$APACHE_PORT>
	DocumentRoot $OUTDIR/site
	<Directory $OUTDIR/site>
		Require all granted
	</Directory>
	<Directory $OUTDIR/site/_eystime>
		Require all denied
	</Directory>

	# FastCGI (mod_fcgid): /api/done runs eystime-cgi with PATH_INFO=/done.
	Alias /api $OUTDIR/bin/eystime-cgi
	<Location /api>
		SetHandler fcgid-script
		Options +ExecCGI
		Require all granted
	</Location>

	# Plain CGI (mod_cgid): one process per request, same program.
	ScriptAlias /cgi-api $OUTDIR/bin/eystime-cgi
	<Location /cgi-api>
		Require all granted
		SetEnv EYSTIME_DB $DB
		SetEnv EYSTIME_SITE $OUTDIR/site
		SetEnv EYSTIME_ORIGIN $APACHE_ORIGIN
	</Location>
</VirtualHost>

# As on a shared host: a copy of the site whose .htaccess and api script
# (docs/deploy.md) make /api run eystime-cgi as plain CGI.
<VirtualHost 127.0.0.1:$SHARED_PORT>
	DocumentRoot $OUTDIR/shared
	<Directory $OUTDIR/shared>
		AllowOverride FileInfo Options=ExecCGI
		Require all granted
	</Directory>
</VirtualHost>
EOF
apache2 -f "$A/apache2.conf" -t >"$A/start.log" 2>&1 ||
	{ cat "$A/start.log" >&2; stop; die "apache2 -t failed"; }
apache2 -f "$A/apache2.conf" -k start >>"$A/start.log" 2>&1 ||
	{ cat "$A/start.log" "$A/error.log" >&2; stop; die "apache2 did not start"; }
S_wait "$APACHE_ORIGIN/api/health" "$A/start.log $A/error.log" "apache (mod_fcgid)"
S_wait "$APACHE_ORIGIN/cgi-api/health" "$A/start.log $A/error.log" "apache (plain CGI)"
S_wait "$SHARED_ORIGIN/api/health" "$A/start.log $A/error.log" "apache (.htaccess, plain CGI)"

echo "nginx:  $NGINX_ORIGIN/ (api: /api/, FastCGI via spawn-fcgi)"
echo "apache: $APACHE_ORIGIN/ (api: /api mod_fcgid, /cgi-api plain CGI)"
echo "apache: $SHARED_ORIGIN/ (as on shared hosting: .htaccess, /api plain CGI)"
echo "groups: $OUTDIR/groups.tsv; stop with: $0 stop $OUTDIR"
