#!/usr/bin/env bash
# manifest.sh - prints a JSONL manifest of N varied articles cut from samples/ (for batch tests and bench).
# usage: tests/manifest.sh N [SENTENCES] [PREFIX]
#   SENTENCES  body length: 0 (default) varies it from 3 to 14 sentences by article
#   PREFIX     ids are PREFIX-0001... (default art); every article's text differs, so no two share a key
set -eu
cd "$(dirname "$0")/.."
n=$1 len=${2:-0} prefix=${3:-art}
# Body sentences of the English samples (headers dropped), one per line.
for f in samples/seed.txt samples/long.txt samples/short.txt; do
    awk 'body { print } /^$/ { body = 1 }' "$f"
done | awk '{ gsub(/[.?!]["”]? /, "&\n"); print }' | awk 'NF >= 4' >"${TMPDIR:-/tmp}/narrate-sentences.$$"
trap 'rm -f "${TMPDIR:-/tmp}/narrate-sentences.$$"' EXIT
awk -v n="$n" -v len="$len" -v prefix="$prefix" '
function esc(s) { gsub(/\\/, "\\\\", s); gsub(/"/, "\\\"", s); gsub(/\t/, " ", s); gsub(/\r/, "", s); return s }
{ sent[m++] = $0 }
END {
    split("Maria Castellanos|James Thompson|Rachel Donovan|Ana Ruiz|Tom Becker|Li Wei", authors, "|")
    for (i = 1; i <= n; i++) {
        k = len > 0 ? len : 3 + (i * 7) % 12
        start = (i * 37) % m
        body = sprintf("This is bulletin number %d.", i)
        for (j = 0; j < k; j++)
            body = body (j % 3 == 2 ? "\\n\\n" : " ") esc(sent[(start + j) % m])
        split(sent[start], w, " ")
        title = sprintf("Bulletin %d: %s %s %s %s", i, w[1], w[2], w[3], w[4])
        printf "{\"id\":\"%s-%04d\",\"title\":\"%s\",\"author\":\"%s\",\"lang\":\"en\",", prefix, i, esc(title), authors[i % 6 + 1]
        printf "\"published\":\"2024-10-%02dT%02d:%02d:00Z\",\"body\":\"%s\"}\n", i % 28 + 1, i % 24, i % 60, body
    }
}' "${TMPDIR:-/tmp}/narrate-sentences.$$"
