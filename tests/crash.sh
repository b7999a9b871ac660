#!/usr/bin/env bash
# crash.sh - kill -9 at seeded random moments (and, with strace, at each rename) of render --timings,
# a stream, a batch and serve; after each kill and one rerun every audio/timings pair matches.
#
#   tests/crash.sh build                      CRASH_KILLS random kills per scenario (default 5)
#   CRASH_SEED=N CRASH_KILLS=N tests/crash.sh build    replay a run (the seed is printed), or widen it
#
# Each kill hits a render of a new version of the article ("Report N"), so that the files it
# would replace differ from the ones it writes.  After the rerun that follows, each pair must
# be whole: `narrate check` finds the timings naming the audio's bytes (checksum and size), the
# last cue ends within the audio, the timings' title is the audio's ID3 title, and the key the
# timings record is `narrate key` of the article that title names.  No .narrate-* file may be
# left anywhere (nor a killed server's directory), and `narrate cache verify` removes nothing.
# The delays are drawn from 0 to 1.25 times an uninterrupted run measured in the same run.
set -u
. "$(dirname "$0")/lib.sh" crash "${1:-build}"
SEED=${CRASH_SEED:-$((RANDOM * 32768 + RANDOM))}
KILLS=${CRASH_KILLS:-5}
RANDOM=$SEED
echo "crash: seed $SEED, $KILLS kills per scenario (replay: CRASH_SEED=$SEED CRASH_KILLS=$KILLS)"
kills=0 landed=0 pairs=0 mismatches=0 leftovers=0
unset NARRATE_WORKER

# ---------------------------------------------------------------- articles and checks
mkdir -p "$TMP/v"
version=0
next_article() { # sets ART to a new version's file
    version=$((version + 1))
    ART=$TMP/v/$version.txt
    printf 'Title: Report %d\nAuthor: Desk %d\n\nThe council met for session %d on Friday. It approved the plan.\n\nResidents vote on it in %d weeks.\n' \
        $version $version $version $((version % 9 + 2)) >"$ART"
}
declare -A keys
key_of() { # N: the key of version N's render (the options every scenario uses)
    [ -n "${keys[$1]:-}" ] || keys[$1]=$("$NARRATE" --no-cache key "$TMP/v/$1.txt")
    echo "${keys[$1]}"
}
ms_of() { awk -F: '{ printf "%d", ($1 * 3600 + $2 * 60 + $3) * 1000 + 0.5 }'; }
now_ms() { echo $(($(date +%s%N) / 1000000)); }

# What is wrong with one audio/timings pair, a line each.
pair_problems() { # AUDIO TIMINGS
    local a=$1 t=$2 title dur end tt key n
    if [ ! -s "$a" ] || [ ! -s "$t" ]; then echo "missing: $a or $t"; return; fi
    "$NARRATE" check "$a" "$t" 2>&1 | sed 's/^/check: /'
    title=$(ffprobe -v error -show_entries format_tags=title -of default=nw=1:nk=1 "$a")
    dur=$(ffprobe -v error -show_entries format=duration -of default=nw=1:nk=1 "$a")
    case $t in
    *.json)
        end=$(jq '.sentences[-1].end_ms' "$t")
        tt=$(jq -r '.sentences[] | select(.part == "title") | .text' "$t")
        key=$(jq -r .audio.key "$t") ;;
    *)
        end=$(grep -- ' --> ' "$t" | tail -1 | cut -d' ' -f3 | ms_of)
        tt=$(sed -n 5p "$t")
        key=$(sed -n 's/^NOTE narrate-audio .* key=//p' "$t") ;;
    esac
    awk -v e="$end" -v d="$dur" 'BEGIN { exit !(e > 0 && e <= d * 1000 + 60) }' ||
        echo "$t: last cue ends at $end ms, $a lasts $dur s"
    [ "$tt" = "$title" ] || echo "$t: title '$tt', $a's '$title'"
    n=${title#Report }
    [ -f "$TMP/v/$n.txt" ] && [ "$key" = "$(key_of "$n")" ] || echo "$t: key $key is not that of '$title'"
}

# Check pairs, the directory tree W for temporary files, and W/cache.
judge() { # W AUDIO TIMINGS [AUDIO TIMINGS...]
    local w=$1 p
    shift
    while [ $# -ge 2 ]; do
        pairs=$((pairs + 1))
        p=$(pair_problems "$1" "$2")
        if [ -n "$p" ]; then
            mismatches=$((mismatches + 1))
            fail "after kill $kills ($scenario): $1 and $2" "$p"
        fi
        shift 2
    done
    p=$(find "$w" -name '.narrate-*' -o -name 'narrate-serve-*')
    if [ -n "$p" ]; then
        leftovers=$((leftovers + $(echo "$p" | wc -l)))
        fail "after kill $kills ($scenario): temporary files left" "$p"
    fi
    if [ -d "$w/cache" ] && ! "$NARRATE" --cache "$w/cache" cache verify | grep -q 'removed 0 bad'; then
        mismatches=$((mismatches + 1))
        fail "after kill $kills ($scenario): the cache verifies"
    fi
}

# A delay of 0..1.25 * SPAN ms, in seconds, drawn from the seed.
delay_in() { # SPAN-MS
    local d=$((RANDOM * 32768 + RANDOM))
    awk -v d=$((d % ($1 * 5 / 4 + 1))) 'BEGIN { printf "%.3f", d / 1000 }'
}

# Run "$@" in the background and kill -9 it after delay_in SPAN.
kill_after() { # SPAN-MS COMMAND...
    local delay
    delay=$(delay_in "$1")
    shift
    "$@" &
    local pid=$!
    sleep "$delay"
    kill -9 $pid 2>/dev/null
    wait $pid 2>/dev/null
    [ $? = 137 ] && landed=$((landed + 1))
    kills=$((kills + 1))
}

# The span of an uninterrupted run of "$@", in ms (at least 50).
span_of() {
    local t0
    t0=$(now_ms)
    "$@"
    local d=$(($(now_ms) - t0))
    echo $((d < 50 ? 50 : d))
}

# ---------------------------------------------------------------- render --timings
scenario=render
W=$TMP/render
mkdir -p "$W/out"
render() { "$NARRATE" $1 render "$ART" -o "$W/out/x.mp3" --timings "$W/out/x.vtt" -q -j 1 2>/dev/null; }
next_article
span=$(span_of render "--cache $W/cache")
for i in $(seq "$KILLS"); do
    next_article
    how="--cache $W/cache"
    [ $((i % 2)) = 0 ] && how=--no-cache
    kill_after "$span" render "$how"
    render "$how"
    judge "$W" "$W/out/x.mp3" "$W/out/x.vtt"
done

# Between the renames too: a random kill rarely falls there, strace's fault injection
# kills the process as it enters one.  With the pair in place, a render renames the
# cache's marks, audio and sidecar (rename 1 to 3), then swaps the timings in
# (renameat2) and renames the audio, a link to the entry (rename 4; strace counts each
# system call apart).
if command -v strace >/dev/null && [ -z "${NARRATE_WRAP:-}" ]; then
    scenario=rename
    for at in renameat2:1 rename:1 rename:2 rename:3 rename:4; do
        next_article
        (strace -f -qq -o /dev/null -e trace=rename,renameat2 -e inject=${at%:*}:signal=KILL:when=${at#*:} \
            "$NARRATE_BIN" --cache "$W/cache" render "$ART" -o "$W/out/x.mp3" --timings "$W/out/x.vtt" \
            -q -j 1 >/dev/null 2>&1; :) 2>/dev/null
        kills=$((kills + 1)) landed=$((landed + 1))
        # Killed between its two renames: new timings, old audio, told apart.
        [ $at = rename:4 ] && "$NARRATE" check "$W/out/x.mp3" "$W/out/x.vtt" 2>/dev/null &&
            fail "killed between the renames of timings and audio: the pair passes the check"
        render "--cache $W/cache"
        judge "$W" "$W/out/x.mp3" "$W/out/x.vtt"
    done
else
    echo "     (no strace: kills at each rename skipped)"
fi

# ---------------------------------------------------------------- a stream
scenario=stream
W=$TMP/stream
mkdir -p "$W/out"
stream() { "$NARRATE" --cache "$W/cache" render "$ART" -o - --timings "$W/out/s.json" -q -j 1 >"$W/out/s.mp3" 2>/dev/null; }
next_article
span=$(span_of stream)
for i in $(seq "$KILLS"); do
    next_article
    kill_after "$span" stream
    stream
    judge "$W" "$W/out/s.mp3" "$W/out/s.json"
done

# ---------------------------------------------------------------- batch
scenario=batch
W=$TMP/batch
mkdir -p "$W/in" "$W/out"
new_batch() { for id in a b c; do next_article; cp "$ART" "$W/in/$id.txt"; done; }
batch() { "$NARRATE" --cache "$W/cache" batch "$W/in" --out "$W/out" --timings both -j 2 -q 2>/dev/null; }
new_batch
span=$(span_of batch)
for i in $(seq "$KILLS"); do
    new_batch
    kill_after "$span" batch
    batch
    judge "$W" "$W/out/a.mp3" "$W/out/a.vtt" "$W/out/a.mp3" "$W/out/a.json" "$W/out/b.mp3" "$W/out/b.vtt" \
        "$W/out/b.mp3" "$W/out/b.json" "$W/out/c.mp3" "$W/out/c.vtt" "$W/out/c.mp3" "$W/out/c.json"
done

# ---------------------------------------------------------------- serve
# A reader asks for the audio (which starts the render: timings never do), the server is
# killed; a new one renders the audio again (or has it), then serves its timings and the
# audio, which must belong together.
scenario=serve
W=$TMP/serve
mkdir -p "$W/articles" "$W/out" "$W/tmp"
serve_start() { # sets URL and SERVER
    rm -f "$W/server.log"   # never read the address of the server before
    TMPDIR=$W/tmp "$NARRATE" --cache "$W/cache" serve --listen 127.0.0.1:0 --articles "$W/articles" \
        --workers 1 2>"$W/server.log" &
    SERVER=$!
    URL=http://127.0.0.1:$(listening_port "$W/server.log" "$SERVER")
}
serve_read() { # the pair, into out/: the audio first renders it (a stream's bytes are not the entry's), then both are hits
    curl -s --max-time $((60 * SLOW)) -o /dev/null "$URL/audio/story.mp3" &&
        curl -s --max-time $((60 * SLOW)) -o "$W/out/story.json" "$URL/audio/story.json" &&
        curl -s --max-time $((60 * SLOW)) -o "$W/out/story.mp3" "$URL/audio/story.mp3"
}
next_article
cp "$ART" "$W/articles/story.txt"
serve_start
span=$(span_of serve_read)
kill -TERM $SERVER
wait $SERVER
for i in $(seq "$KILLS"); do
    next_article
    cp "$ART" "$W/articles/story.txt"
    serve_start
    delay=$(delay_in "$span")
    curl -s --max-time $((60 * SLOW)) -o /dev/null "$URL/audio/story.mp3" &
    reader=$!
    sleep "$delay"
    { kill -9 $SERVER; wait $SERVER; } 2>/dev/null
    wait $reader
    [ $? != 0 ] && landed=$((landed + 1)) # the reader got no whole audio
    kills=$((kills + 1))
    serve_start
    serve_read
    kill -TERM $SERVER
    wait $SERVER
    judge "$W" "$W/out/story.mp3" "$W/out/story.json"
done

echo "     $kills kills ($landed before the end), $pairs pairs checked, $mismatches mismatches, $leftovers leftovers (seed $SEED)"
check "kill -9 loop: every pair matches, nothing left over" '[ $mismatches = 0 ] && [ $leftovers = 0 ] && [ $pairs -gt 0 ]'
finish
