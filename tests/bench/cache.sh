#!/usr/bin/env bash
# cache.sh - `make bench`: CLI cache hit vs miss on the seed, paired and alternating runs, in one run.
set -eu
BUILD=${1:-build}
PAIRS=${PAIRS:-9}
cd "$(dirname "$0")/../.."
TMP=$(mktemp -d "${TMPDIR:-/tmp}/narrate-bench-XXXXXX")
trap 'rm -rf "$TMP"' EXIT
# Microseconds a command takes, from bash's own clock (no extra process).
us() { local t0=$EPOCHREALTIME; "$@"; local t1=$EPOCHREALTIME; echo $(( ${t1/./} - ${t0/./} )); }
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
"$BUILD/narrate" --cache "$TMP/warm" render samples/seed.txt -o "$TMP/h.mp3" -q
# A miss then a hit, PAIRS times: load on the machine moves both alike, and the
# ratio of each pair is taken before the median.
for i in $(seq "$PAIRS"); do
    m=$(us "$BUILD/narrate" --cache "$TMP/miss$i" render samples/seed.txt -o "$TMP/m.mp3" -q)
    h=$(us "$BUILD/narrate" --cache "$TMP/warm" render samples/seed.txt -o "$TMP/h.mp3" -q)
    rm -rf "$TMP/miss$i"
    echo "$m" >>"$TMP/miss"
    echo "$h" >>"$TMP/hit"
    awk -v m="$m" -v h="$h" 'BEGIN { printf "%.4f\n", 100 * h / m }' >>"$TMP/ratio"
done
miss=$(median <"$TMP/miss") hit=$(median <"$TMP/hit") ratio=$(median <"$TMP/ratio")
best=$(sort -n "$TMP/hit" | head -1)
awk -v m="$miss" -v h="$hit" -v r="$ratio" -v b="$best" -v n="$PAIRS" -v l="$(cut -d' ' -f1-3 /proc/loadavg)" \
    'BEGIN { printf "CLI on the seed, %d paired runs (load %s): miss %.1f ms, hit %.1f ms (best %.1f), hit/miss = %.2f%% (median of the pairs)\n", n, l, m / 1000, h / 1000, b / 1000, r }'
printf 'shared libraries mapped: narrate %s, narrate-serve %s\n' \
    "$(ldd "$BUILD/narrate" | wc -l)" "$(ldd "$BUILD/narrate-serve" | wc -l)"
"$BUILD/cache-bench" "$BUILD/narrate-worker" voices "$TMP/lib" samples/seed.txt
