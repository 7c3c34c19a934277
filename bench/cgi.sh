#!/bin/bash
# The CGI part of make bench: wrk against nginx + eystime-cgi (spawn-fcgi,
# BENCH_WORKERS workers, 4 as docs/deploy.md advises) and against nginx serving a static file of the same size, in
# the same run, on 127.0.0.1. Appends to results.tsv:
#   name  size  rps  p50_ms  p99_ms  extra
# cgi-discussion: a lesson's discussion of 1,000 messages (250 questions
# with 3 answers each, inserted straight into the database), its first
# page (30 questions and their answers) as a participant reads it, beside
# nginx-static-discussion, a static file of that page's size.
set -u
OUT=$1
RES=$2
B=${B:-build}
S=$OUT/cgi
PORT=${BENCH_PORT:-18680}
DUR=${BENCH_DURATION:-10}
T=2
C=16
export FCGI_WORKERS=${BENCH_WORKERS:-4}
export NGINX_PORT=$PORT APACHE_PORT=$((PORT + 1)) SHARED_PORT=$((PORT + 2))
# The largest corpus: enough lessons for a distinct (participant, lesson)
# pair per POST, so that rows written can equal the answers received.
big=$(ls -d "$OUT"/corpus-* 2>/dev/null | sort -t- -k2 -n | tail -1)
[ -n "$big" ] && export SITE_SRC=$big EYSTIME_THEMES=$PWD/themes
trap 'bash tests/cgi/servers.sh stop "$S" >/dev/null 2>&1' EXIT
bash tests/cgi/servers.sh start "$S" >"$OUT/cgi-start.log" 2>&1 || {
	cat "$OUT/cgi-start.log" >&2
	exit 1
}
N=http://127.0.0.1:$PORT
code=$(head -1 "$S/groups.tsv" | cut -f2)
cookies=""
for name in Awa Binta Chantal Djamel Emma Farid Gisèle Hugo; do
	c=$(curl -s -o /dev/null -D - -H "Origin: $N" \
		--data-urlencode "code=$code" --data-urlencode "name=$name" \
		--data-urlencode "next=/" "$N/api/join" |
		sed -n 's/^Set-Cookie: eystime=\([^;]*\);.*/\1/p' | tr -d '\r')
	cookies="$cookies $c"
done
first=$(echo $cookies | cut -d' ' -f1)
sed -n 's/^lesson\t\([^\t]*\)\t.*/\1/p' "$S/site/_eystime/lessons.tsv" >"$OUT/lessons.txt"

# wrk's summary: Requests/sec and the 50% / 99% latency lines.
parse() {
	awk '/Requests\/sec/ { rps = $2 }
	     $1 == "50%" { p50 = $2 } $1 == "99%" { p99 = $2 }
	     function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0;
	                      if (v ~ /s$/) return v * 1000; return v }
	     END { printf "%s\t%.3f\t%.3f", rps, ms(p50), ms(p99) }' "$1"
}

# A static file as big as the /progress answer after a few completions.
for l in $(head -5 "$OUT/lessons.txt"); do
	curl -s -o /dev/null -H "Origin: $N" -b "eystime=$first" \
		--data "lesson=$l&next=/" "$N/api/done"
done
size=$(curl -s -b "eystime=$first" "$N/api/progress" | wc -c)
head -c "$size" /dev/zero | tr '\0' 'x' >"$S/site/static-$size.json"

wrk -t$T -c$C -d${DUR}s --latency "$N/static-$size.json" >"$OUT/wrk-static.txt" 2>&1
printf 'nginx-static\t%s\t%s\t\n' "$size" "$(parse "$OUT/wrk-static.txt")" >>"$RES"
wrk -t$T -c$C -d${DUR}s --latency -H "Cookie: eystime=$first" \
	"$N/api/progress" >"$OUT/wrk-progress.txt" 2>&1
printf 'cgi-progress\t%s\t%s\t\n' "$size" "$(parse "$OUT/wrk-progress.txt")" >>"$RES"

before=$(sqlite3 "$S/eystime.db" 'SELECT count(*) FROM completions')
BENCH_COOKIES="$cookies" BENCH_LESSONS="$OUT/lessons.txt" BENCH_THREADS=$T \
	BENCH_ORIGIN="$N" wrk -t$T -c$C -d${DUR}s --latency -s bench/done.lua \
	"$N/api/done" >"$OUT/wrk-done.txt" 2>&1
after=$(sqlite3 "$S/eystime.db" 'SELECT count(*) FROM completions')
acked=$(sed -n 's/^acknowledged //p' "$OUT/wrk-done.txt")
rss=$(ps -C eystime-cgi -o rss= | sort -n | tail -1 | tr -d " ")
pairs=$(( $(wc -l <"$OUT/lessons.txt") * $(echo $cookies | wc -w) ))
printf 'cgi-done\t%s\t%s\t%s\n' "$(wc -l <"$OUT/lessons.txt")" \
	"$(parse "$OUT/wrk-done.txt")" \
	"acked=$acked rows=$((after - before)) pairs=$pairs rss_kb=$rss" >>"$RES"

# A discussion of 1,000 messages: 250 questions, 3 answers each, by the
# eight participants, inserted into the real database (as its owner: the
# program's WAL files must stay its own), then its first page read by Awa.
owner=$(stat -c %U "$S/eystime.db")
as_owner() {
	if [ "$(id -u)" -eq 0 ] && [ "$owner" != "$(id -un)" ]; then
		runuser -u "$owner" -- "$@"
	else
		"$@"
	fi
}
gid=$(head -1 "$S/groups.tsv" | cut -f1)
dl=$(sed -n '2p' "$OUT/lessons.txt")
as_owner sqlite3 "$S/eystime.db" "
CREATE TEMP TABLE p AS SELECT id, row_number() OVER (ORDER BY id) - 1 AS r
  FROM participants WHERE group_id = $gid;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 250)
INSERT INTO messages(group_id, participant_id, lesson, kind, body, created)
SELECT $gid, p.id, '$dl', 'question', 'Question numéro ' || i ||
  ' : comment faire pour retrouver le réglage dont la formatrice a parlé ?',
  strftime('%s','now') - 100000 + i * 10
  FROM n JOIN p ON p.r = i % (SELECT count(*) FROM p);
WITH RECURSIVE k(j) AS (SELECT 1 UNION ALL SELECT j + 1 FROM k WHERE j < 3)
INSERT INTO messages(group_id, participant_id, lesson, kind, body, created, parent_id)
SELECT $gid, p.id, '$dl', 'question', 'Réponse ' || j ||
  ' : ouvrez les Réglages, puis Affichage, et regardez en bas de la page.',
  m.created + j, m.id
  FROM messages m JOIN k JOIN p ON p.r = (m.id + j) % (SELECT count(*) FROM p)
  WHERE m.lesson = '$dl' AND m.parent_id IS NULL;" ||
	echo "bench: the 1,000 messages were not inserted" >&2
nmsg=$(sqlite3 "$S/eystime.db" "SELECT count(*) FROM messages WHERE lesson = '$dl'")
durl="$N/api/comments?lesson=$dl"
dsize=$(curl -s -b "eystime=$first" "$durl" | wc -c)
shown=$(curl -s -b "eystime=$first" "$durl" | grep -c '<article class="message')
head -c "$dsize" /dev/zero | tr '\0' 'x' >"$S/site/static-$dsize.html"
wrk -t$T -c$C -d${DUR}s --latency "$N/static-$dsize.html" >"$OUT/wrk-static-discussion.txt" 2>&1
printf 'nginx-static-discussion\t%s\t%s\tbytes=%s\n' "$dsize" "$(parse "$OUT/wrk-static-discussion.txt")" "$dsize" >>"$RES"
wrk -t$T -c$C -d${DUR}s --latency -H "Cookie: eystime=$first" \
	"$durl" >"$OUT/wrk-discussion.txt" 2>&1
printf 'cgi-discussion\t%s\t%s\tmessages=%s shown=%s bytes=%s\n' "$dsize" \
	"$(parse "$OUT/wrk-discussion.txt")" "$nmsg" "$shown" "$dsize" >>"$RES"
