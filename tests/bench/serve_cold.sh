#!/usr/bin/env bash
# serve_cold.sh - N listeners click play at once on N different uncached ~500-word articles: first audio, and streams behind playback.
set -u
BUILD=${1:-build}
cd "$(dirname "$0")/../.."
T=$(mktemp -d "${TMPDIR:-/tmp}/narrate-bench-cold-XXXXXX")
trap 'kill $(jobs -p) 2>/dev/null; wait; rm -rf "$T"' EXIT
export NARRATE_CACHE=$T/cache
CLICKS=${CLICKS:-20} RUNS=${RUNS:-1}
WORKERS=${WORKERS:-} # empty: serve's default (the online CPUs)

. tests/port.sh   # listening_port

# CLICKS different articles of seed.txt's size (516 words): its paragraphs rotated, one
# title each, so that no two share a cache key or a first sentence.
mkdir -p "$T/articles"
awk -v n="$CLICKS" -v dir="$T/articles" '
    NR <= 4 { if ($0 !~ /^Title:/) head = head $0 "\n"; next }
    /^$/ { next }
    { para[++np] = $0 }
    END {
        for (i = 1; i <= n; i++) {
            f = sprintf("%s/story%02d.txt", dir, i)
            printf "Title: Story %d of the day, as the wires had it\n%s\n", i, head > f
            for (k = 0; k < np; k++)
                printf "%s\n\n", para[(i - 1 + k) % np + 1] > f
            close(f)
        }
    }' samples/seed.txt
cc -std=c17 -D_GNU_SOURCE -O2 -o "$T/listen" tests/bench/listen.c || exit 1
paths=()
for f in "$T"/articles/*.txt; do paths+=("/audio/$(basename "$f" .txt).mp3"); done

echo "cold clicks: $CLICKS listeners at once, $CLICKS different articles ($(wc -w <"$T/articles/story01.txt") words each), default settings, serve ${WORKERS:+--workers $WORKERS }on $(nproc) cores"
for run in $(seq "$RUNS"); do
    rm -rf "$NARRATE_CACHE"
    "$BUILD/narrate" serve --listen 127.0.0.1:0 --articles "$T/articles" ${WORKERS:+--workers "$WORKERS"} \
        2>"$T/serve.log" &
    pid=$!
    port=$(listening_port "$T/serve.log" $pid)
    [ -n "$port" ] || { echo "narrate serve did not start"; cat "$T/serve.log"; exit 1; }
    curl -sf -o /dev/null "http://127.0.0.1:$port/healthz"
    echo "run $run: load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
    "$T/listen" "$port" 64 "${paths[@]}" | sed 's/^/  /'
    echo "run $run: load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
    kill -TERM $pid
    wait $pid 2>/dev/null
done
