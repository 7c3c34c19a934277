#!/bin/bash
# tests/browser/w3m.sh SITE_DIR [THREAD_HTML]: lessons in a text browser (w3m -dump):
# the content comes in reading order (title, objectives, then the steps
# in order) and navigation is not in the way (the title within the first
# 15 lines; pager, module list and footer after the content). With
# THREAD_HTML (a discussion of eystime-cgi as served, which
# group-life.mjs saves): the whole thread reads in order, the marks as
# words (Épinglé, Résolu, Réponse, Formatrice, "Cette réponse a aidé.").
# Prints
# "ok - …" / "not ok - …"; exit status 1 on any failure.

set -u
site=${1:?usage: w3m.sh SITE_DIR [THREAD_HTML]}
thread=${2:-}
fail=0
ok() { echo "ok - $1"; }
not_ok() { echo "not ok - $1"; fail=1; }

if ! command -v w3m >/dev/null 2>&1; then
	not_ok "w3m is installed (apt-get install w3m)"
	exit 1
fi
dump() { w3m -dump -cols 80 -I UTF-8 -O UTF-8 -T text/html "$1"; }
# line FILE TEXT: the number of the first line holding TEXT (fixed string), or 0.
line() { grep -n -F -m1 -- "$2" "$1" | cut -d: -f1 | grep . || echo 0; }

# One lesson in detail.
lesson=achats/01-choisir-un-site-marchand-fiable
out=$(mktemp)
trap 'rm -f "$out"' EXIT
dump "$site/$lesson/index.html" >"$out"
order="Choisir un site marchand fiable|À la fin, je sais|vérifier les informations obligatoires|Étape 1 : vérifier l'adresse|Regardez l'adresse|Étape 2 : chercher|Étape 3 : lire les avis|Les signes d'alerte|Pour vérifier|Exercice|Ensuite, apprenez|J'ai terminé cette leçon|Leçon suivante|Mentions légales"
prev=0 bad=""
# Title and objectives from the top; steps after the table of contents.
IFS='|' read -r -a steps <<<"$order"
for s in "${steps[@]}"; do
	# After the first match of the table of contents, look for headings
	# in the text itself: the last occurrence for "Étape" lines.
	case "$s" in
	Étape* | "Les signes d'alerte" | "Pour vérifier" | Exercice)
		n=$(grep -n -F -- "$s" "$out" | grep -v '^[0-9]*:  *•' | head -1 | cut -d: -f1) ;;
	"Choisir un site marchand fiable") # the <h1>: a line of its own
		n=$(grep -n -x -F -- "$s" "$out" | head -1 | cut -d: -f1) ;;
	*) n=$(line "$out" "$s") ;;
	esac
	n=${n:-0}
	if [ "$n" -eq 0 ]; then
		bad="$bad; missing \"$s\""
	elif [ "$n" -le "$prev" ]; then
		bad="$bad; \"$s\" (line $n) before line $prev"
	fi
	[ "$n" -gt 0 ] && prev=$n
done
if [ -z "$bad" ]; then
	ok "w3m: $lesson reads in order (title, objectives, steps, exercise, then navigation)"
else
	not_ok "w3m: $lesson reads in order:${bad#;}"
	sed 's/^/#   /' "$out" | head -30
fi

# Every lesson: its title (the <h1>) within the first 15 lines.
late=""
n=0
for page in "$site"/*/*/index.html; do
	grep -q 'class="lesson"' "$page" || continue
	n=$((n + 1))
	title=$(sed -n 's:.*<h1>\(.*\)</h1>.*:\1:p' "$page" | head -1 | sed "s/&#39;/'/g; s/&amp;/\\&/g; s/&quot;/\"/g")
	at=$(dump "$page" | grep -n -x -F -- "$title" | head -1 | cut -d: -f1)
	if [ -z "$at" ] || [ "$at" -gt 15 ]; then
		late="$late ${page#"$site"/}(${at:-absent})"
	fi
done
if [ -n "$late" ]; then
	not_ok "w3m: the title comes within the first 15 lines:$late"
else
	ok "w3m: on all $n lessons the title comes within the first 15 lines"
fi
# A discussion: question, two answers, the trainer's answer, in order.
if [ -n "$thread" ]; then
	dump "$thread" >"$out"
	order="Épinglé|Awa · Question|✓ Résolu|Je n'arrive pas à me connecter au wifi|Moi aussi 1|Bruno · Réponse|Moi, j'ai demandé le mot de passe|Chantal · Réponse|Pareil pour moi|Formatrice · Réponse|Ouvrez Réglages, puis Wi-Fi|Cette réponse a aidé.|Écrire au groupe"
	# Each text after the end of the one before, in the whole dump.
	bad=$(awk -v order="$order" '{ t = t $0 "\n" }
		END { n = split(order, s, "|"); at = 1
		      for (i = 1; i <= n; i++) { k = index(substr(t, at), s[i])
		          if (k == 0) { printf("; \"%s\" missing after \"%s\"", s[i], (i > 1 ? s[i - 1] : "the top")); continue }
		          at += k - 1 + length(s[i]) } }' "$out")
	if [ -z "$bad" ]; then
		ok "w3m: the discussion reads in order (Épinglé, the question, Résolu, two answers, Formatrice's answer, \"Cette réponse a aidé.\", then the form)"
	else
		not_ok "w3m: the discussion reads in order:${bad#;}"
		sed 's/^/#   /' "$out" | head -60
	fi
fi
exit $fail
