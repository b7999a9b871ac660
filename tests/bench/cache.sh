#!/usr/bin/env bash
# cache.sh - `make bench`: CLI cache hit vs miss on the seed, medians of 5, in one run.
set -eu
BUILD=${1:-build}
cd "$(dirname "$0")/../.."
TMP=$(mktemp -d "${TMPDIR:-/tmp}/narrate-bench-XXXXXX")
trap 'rm -rf "$TMP"' EXIT
# Microseconds a command takes, from bash's own clock (no extra process).
us() { local t0=$EPOCHREALTIME; "$@"; local t1=$EPOCHREALTIME; echo $(( ${t1/./} - ${t0/./} )); }
median() { sort -n | sed -n 3p; }
for i in 1 2 3 4 5; do
    us "$BUILD/narrate" --cache "$TMP/miss$i" render samples/seed.txt -o "$TMP/m.mp3" -q >>"$TMP/miss"
done
for i in 1 2 3 4 5; do
    us "$BUILD/narrate" --cache "$TMP/miss1" render samples/seed.txt -o "$TMP/h.mp3" -q >>"$TMP/hit"
done
miss=$(median <"$TMP/miss") hit=$(median <"$TMP/hit")
awk -v m="$miss" -v h="$hit" 'BEGIN { printf "CLI on the seed: miss %.1f ms, hit %.1f ms, hit/miss = %.2f%%\n", m / 1000, h / 1000, 100 * h / m }'
"$BUILD/cache-bench" "$BUILD/narrate-worker" voices "$TMP/lib" samples/seed.txt
