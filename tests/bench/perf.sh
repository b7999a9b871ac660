#!/usr/bin/env bash
# perf.sh - `make bench`: narrate against espeak-ng | lame, the CPU-bound limit, first audio,
# --jobs scaling and peak memory, each a ratio measured in this one run.
set -eu
BUILD=${1:-build}
cd "$(dirname "$0")/../.."
N=$PWD/$BUILD/narrate
TMP=$(mktemp -d "${TMPDIR:-/tmp}/narrate-perf-XXXXXX")
trap 'rm -rf "$TMP"' EXIT
CORES=$(nproc)
BITRATE=64 QUALITY=5   # narrate's defaults (src/mp3.c, include/narrate.h)

body() { awk 'h { print; next } /^$/ { h = 1 }' "$1"; }   # the text after the header block
wall() { local t0 t1; t0=$(date +%s%N); "$@" >/dev/null 2>&1; t1=$(date +%s%N); echo $(( (t1 - t0) / 1000 )); }
cpu() { /usr/bin/time -f '%U %S' "$@" 2>&1 >/dev/null | tail -1 | awk '{ printf "%d", ($1 + $2) * 1e6 }'; }
rss() { /usr/bin/time -v "$@" 2>&1 >/dev/null | awk '/Maximum resident/ { print $6 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a / b }'; }
first4k() {   # microseconds until 4096 bytes of MP3 reach a pipe, cold cache
    local t0 t1; t0=$(date +%s%N)
    "$N" render "$1" -o - --no-cache -q 2>/dev/null | head -c 4096 >/dev/null
    t1=$(date +%s%N); echo $(( (t1 - t0) / 1000 ))
}

# A 50,000-word article: the long sample ten times over.
{ echo "Title: Fifty thousand words"; echo; for i in $(seq 10); do body samples/long.txt; echo; done; } >"$TMP/huge.txt"
head -c 3200 samples/short.txt >/dev/null
{ echo "Title: Five hundred words"; echo; body samples/seed.txt; } >"$TMP/w500.txt"

echo "machine: $(nproc) cores; narrate $("$N" --version | cut -d' ' -f2); LAME -q $QUALITY, $BITRATE kbps CBR mono 22050 Hz"
printf '%-10s %7s %9s %10s %9s %8s %9s %8s %9s\n' sample words narrate_s pipeline_s vs_pipe limit_s vs_limit first4k jobs1/2
for f in samples/seed.txt samples/long.txt "$TMP/huge.txt"; do
    body "$f" >"$TMP/body.txt"
    words=$(wc -w <"$TMP/body.txt")
    t_n=$(wall "$N" render "$f" -o "$TMP/n.mp3" --no-cache -q)
    t_p=$(wall sh -c "espeak-ng -f '$TMP/body.txt' --stdout | lame -r -s 22.05 -m m --signed --bitwidth 16 -b $BITRATE -q $QUALITY --quiet - '$TMP/p.mp3'")
    c_e=$(cpu sh -c "espeak-ng -f '$TMP/body.txt' --stdout >'$TMP/e.wav'")
    c_l=$(cpu lame -r -s 22.05 -m m --signed --bitwidth 16 -b $BITRATE -q $QUALITY --quiet "$TMP/e.wav" "$TMP/l.mp3")
    limit=$(( (c_e + c_l) / CORES ))
    t_f=$(first4k "$f")
    t_1=$(wall "$N" render "$f" -o "$TMP/j1.mp3" --no-cache -q --jobs 1)
    t_2=$(wall "$N" render "$f" -o "$TMP/j2.mp3" --no-cache -q --jobs 2)
    printf '%-10s %7d %9.2f %10.2f %9s %8.2f %9s %8s %9s\n' "$(basename "$f" .txt)" "$words" \
        "$(ratio "$t_n" 1e6)" "$(ratio "$t_p" 1e6)" "$(ratio "$t_n" "$t_p")" "$(ratio "$limit" 1e6)" \
        "$(ratio "$t_n" "$limit")" "$(ratio "$t_f" "$t_n")" "$(ratio "$t_1" "$t_2")"
done
echo "(vs_pipe: narrate / pipeline wall time; vs_limit: narrate / ((espeak-ng CPU + lame CPU) / cores);"
echo " first4k: time to the first 4 KiB on stdout / full render; jobs1/2: --jobs 1 wall / --jobs 2 wall)"
r500=$(rss "$N" render "$TMP/w500.txt" -o "$TMP/r1.mp3" --no-cache -q)
r50k=$(rss "$N" render "$TMP/huge.txt" -o "$TMP/r2.mp3" --no-cache -q)
echo "peak RSS of narrate: 500 words $r500 kB, 50,000 words $r50k kB, ratio $(ratio "$r50k" "$r500")"
