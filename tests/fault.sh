#!/usr/bin/env bash
# fault.sh - fault injection, sanitized: every allocation, write, fsync, rename, link and close of
# a render failed in turn (narrate-fault, tests/fault/failinject.c); workers killed at random
# moments; a cache directory removed, unusable or unwritable mid-run.
#
#   tests/fault.sh build-san         a deterministic stride of each sweep (640 runs, about 4 minutes)
#   FULL=1 tests/fault.sh build-san  every N of every sweep (6,034 runs, about 25 minutes)
#   FAULT_JOBS=N                     runs at once (default: online CPUs)
#   FAULT_ONLY=REGEX                 only the sweeps (e.g. malloc-miss) and sections
#                                    (workers, vanish, unwritable) it matches
#
# A run passes when it exits 0 with the same files as a run without faults, or exits 1 with a
# "narrate: error:" line and leaves no output (an existing output unchanged): never a signal, a
# hang or a sanitizer report (LeakSanitizer included, the workers' too), no temporary file in
# the output or cache directory, and a cache that `narrate cache verify` finds whole.
set -u
. "$(dirname "$0")/lib.sh" fault "${1:-build-san}"
FAULT=$PWD/$BUILD/narrate-fault
FULL=${FULL:-}
JOBS=${FAULT_JOBS:-$(nproc)}
ONLY=${FAULT_ONLY:-}
RES=$PWD/$BUILD/fault-results   # one file per run: "N EXIT FIRED", then its problems
rm -rf "$RES"
mkdir -p "$RES"
wanted() { [ -z "$ONLY" ] || [[ $1 =~ $ONLY ]]; }
LIMIT=120   # seconds a faulted run may take: a sanitized render of short.txt takes well under 1
if [ ! -x "$FAULT" ]; then
    echo "fault: no $FAULT (make SANITIZE=address,undefined $BUILD/narrate-fault)"
    exit 1
fi
export ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}exitcode=86
export UBSAN_OPTIONS=${UBSAN_OPTIONS:+$UBSAN_OPTIONS:}exitcode=87:print_stacktrace=1
unset NARRATE_FAIL NARRATE_FAIL_REPORT NARRATE_FAIL_TRACE
started=$(date +%s)

cat >"$TMP/sections.html" <<'HTML'
<html lang="en"><head><title>Budget | City News</title><meta name="author" content="Ana Ruiz"></head>
<body><nav><a href="/">Home</a></nav><article>
<h1>City budget passes</h1><p>The council approved the budget on Friday. It was a long night.</p>
<h2>What changes for schools</h2><p>Schools get more money.</p>
<h2>Taxes &amp; fees</h2><p>Property taxes rise by 2%. Fees stay flat.</p>
</article></body></html>
HTML

# ---------------------------------------------------------------- scenarios
# Each renders a small article one way, with one worker (so that the calls
# come in the same order every time), into $w/out and, with a cache, $w/cache
# (hit, streamhit: a copy of a warm one); standard output goes to $w/stream.mp3.
scenario() { # NAME WORKDIR: sets args
    local w=$2
    case $1 in
    text)   args=(--no-cache render samples/short.txt -o "$w/out/a.mp3") ;;
    html)   args=(--no-cache render "$TMP/sections.html" -o "$w/out/a.mp3") ;;
    json)   args=(--no-cache render samples/short.json -o "$w/out/a.mp3") ;;
    wav)    args=(--no-cache render samples/short.txt -o "$w/out/a.wav" --timings "$w/out/a.vtt") ;;
    miss)   args=(--cache "$w/cache" render samples/short.txt -o "$w/out/a.mp3" --timings "$w/out/a.json") ;;
    hit)    args=(--cache "$w/cache" render samples/short.txt -o "$w/out/a.mp3" --timings "$w/out/a.vtt") ;;
    stream | streamhit) args=(--cache "$w/cache" render samples/short.txt -o -) ;;
    esac
    args+=(-q -j 1)
}
run() { # SCENARIO WORKDIR COMMAND-PREFIX...: runs the scenario, stderr to $w/err
    local s=$1 w=$2 args
    shift 2
    scenario "$s" "$w"
    "$@" "${args[@]}" >"$w/stream.mp3" 2>"$w/err"
}
outputs() { # the files a scenario writes into out/
    case $1 in
    text | html | json) echo a.mp3 ;;
    wav) echo a.wav a.vtt ;;
    miss) echo a.mp3 a.json ;;
    hit) echo a.mp3 a.vtt ;;
    esac
}
cached() { case $1 in miss | hit | stream | streamhit) return 0 ;; esac; return 1; }

# A fresh work directory: out/ (with the previous outputs, "old"), and the
# warm cache for a hit.
prepare() { # SCENARIO WORKDIR OLD
    rm -rf "$2"
    mkdir -p "$2/out"
    case $1 in hit | streamhit) [ -d "$TMP/ref/hit/cache" ] && cp -a "$TMP/ref/hit/cache" "$2/cache" ;; esac
    if [ "$3" = old ]; then
        for f in $(outputs "$1"); do printf 'previous %s\n' "$f" >"$2/out/$f"; done
    fi
    return 0
}

# The cache is whole: no temporary file, every sidecar with its audio and
# marks and no audio or marks without a sidecar, and verify removes nothing.
cache_problems() { # CACHEDIR
    local c=$1 f
    [ -d "$c" ] || return 0
    find "$c" -name '.narrate-*' | sed 's/^/temporary file left: /'
    for f in "$c"/??/*; do
        [ -e "$f" ] || continue
        case $f in
        *.json) [ -f "${f%.json}.mp3" ] && [ -f "${f%.json}.marks" ] || echo "sidecar without its files: $f" ;;
        *.mp3 | *.marks) [ -f "${f%.*}.json" ] || echo "no sidecar: $f" ;;
        esac
    done
    "$NARRATE" --cache "$c" cache verify 2>&1 | grep -v 'removed 0 bad' | sed 's/^/cache verify: /'
}

# Everything wrong with a finished run, one line each; nothing if it passed.
# OLD: "old" if the outputs existed before, "new" if not, "next" for the
# render after a faulted one (whose stream may be a cache hit's bytes).
judge() { # SCENARIO WORKDIR RC OLD
    local s=$1 w=$2 rc=$3 old=$4 f
    case $rc in
    0 | 1) ;;
    124 | 137) echo "hung: killed after ${LIMIT}s" ;;
    *) echo "exit $rc" ;;
    esac
    for f in "$w"/san.*; do [ -e "$f" ] && echo "sanitizer: $(grep -m1 -E 'ERROR|SUMMARY' "$f")"; done
    grep -m1 -E 'Sanitizer|runtime error' "$w/err" | sed 's/^/sanitizer: /'
    if [ "$rc" = 1 ] && ! grep -q '^narrate: error: ' "$w/err"; then
        echo "exit 1 without an error line: $(head -c 200 "$w/err")"
    fi
    grep -m1 -E 'synthesis worker (killed|exited|sent)' "$w/err" | sed 's/^/a worker failed: /'
    for f in $(outputs "$s"); do
        if [ "$rc" = 0 ]; then
            cmp -s "$w/out/$f" "$TMP/ref/$s/out/$f" || echo "exit 0 but $f differs from a run without faults"
        elif [ "$old" = old ]; then
            [ "$(cat "$w/out/$f" 2>/dev/null)" = "previous $f" ] || echo "the existing $f changed"
        elif [ -e "$w/out/$f" ]; then
            echo "$f left behind"
        fi
    done
    ls -A "$w/out" | grep '^\.narrate-' | sed 's/^/temporary file left in the output directory: /'
    # A hit that could not be used (no memory to open the cache) streams a
    # miss's bytes: those of the stream scenario.
    if [ "${s#stream}" != "$s" ] && [ "$rc" = 0 ] && [ "$old" != next ] &&
        ! cmp -s "$w/stream.mp3" "$TMP/ref/$s/stream.mp3" && ! cmp -s "$w/stream.mp3" "$TMP/ref/stream/stream.mp3"; then
        echo "exit 0 but the stream differs from a run without faults"
    fi
    if cached "$s"; then cache_problems "$w/cache"; fi
}

# One faulted run: prints "N RC FIRED" and its problems to $RES/SWEEP.N.
fault_run() { # SWEEP SCENARIO KIND N OLD NEXT
    local sweep=$1 s=$2 kind=$3 n=$4 old=$5 next=$6
    local w=$TMP/w/$sweep.$n rc fired loading
    prepare "$s" "$w" "$old"
    local spec=$kind:$n
    [ "${kind%+}" != "$kind" ] && spec=${kind%+}:$n+ # malloc+: the Nth and every later one
    run "$s" "$w" timeout -k 5 "$LIMIT" env ASAN_OPTIONS="$ASAN_OPTIONS:log_path=$w/san" \
        NARRATE_FAIL="$spec" NARRATE_FAIL_REPORT="$w/report" "$FAULT"
    rc=$?
    fired=$(sed -n 's/^fired //p' "$w/report" 2>/dev/null)
    loading=$(sed -n 's/^fired_loading //p' "$w/report" 2>/dev/null)
    {
        echo "$n $rc ${fired:-0} ${loading:-0}"
        judge "$s" "$w" "$rc" "$old"
        # The next render, without faults, succeeds and gives what it should.
        if [ "$next" = next ]; then
            run "$s" "$w" env ASAN_OPTIONS="$ASAN_OPTIONS:log_path=$w/san" "$NARRATE"
            rc=$?
            judge "$s" "$w" "$rc" next | sed 's/^/the next render: /'
            [ "$rc" = 0 ] || echo "the next render: exit $rc: $(head -c 200 "$w/err")"
        fi
    } >"$RES/$sweep.$n" 2>&1
    rm -rf "$w"
}

# The reference run of a scenario: its outputs and how many calls of each kind it makes.
reference() { # SCENARIO
    local w=$TMP/ref/$1 rc problems
    prepare "$1" "$w" new
    [ "$1" = hit ] && run hit "$w" "$NARRATE"
    run "$1" "$w" env ASAN_OPTIONS="$ASAN_OPTIONS:log_path=$w/san" NARRATE_FAIL_REPORT="$w/report" "$FAULT"
    rc=$?
    problems=$(judge "$1" "$w" "$rc" new)
    if [ "$rc" != 0 ] || [ -n "$problems" ]; then
        fail "reference run of $1" "exit $rc: $problems $(head -c 300 "$w/err")"
        return 1
    fi
}
calls() { sed -n "s/^$2 //p" "$TMP/ref/$1/report" 2>/dev/null; } # SCENARIO KIND

# The Ns to try out of 1..COUNT: all of them with FULL=1 (or when there are at
# most BUDGET), else every STRIDEth from 1, and the last.
choose() { # COUNT BUDGET
    local count=$1 budget=$2
    if [ -n "$FULL" ] || [ "$count" -le "$budget" ]; then
        seq 1 "$count"
    else
        { seq 1 $(((count + budget - 1) / budget)) "$count"; echo "$count"; } | sort -nu
    fi
}

# Fail each chosen N of KIND in turn, JOBS runs at once; one ok/FAIL line for the sweep.
sweep() { # SCENARIO KIND BUDGET OLD NEXT
    local s=$1 kind=$2 budget=$3 old=$4 next=$5 base=${2%+}
    local count name=$2-$1 t0=$SECONDS running=0 n
    wanted "$name" || return 0
    count=$(calls "$s" "$base")
    if [ -z "$count" ] || [ "$count" -eq 0 ]; then
        echo "     ($name: no $base calls)"
        return
    fi
    mkdir -p "$TMP/w"
    rm -f "$RES/$name".*
    local ns
    ns=$(choose "$count" "$budget")
    for n in $ns; do
        fault_run "$name" "$s" "$kind" "$n" "$old" "$next" &
        if ((++running >= JOBS)); then wait -n; running=$((running - 1)); fi
    done
    wait
    local runs=0 exit0=0 exit1=0 unfired=0 bad=0 lossy=0 first=""
    local -a examples=()
    for n in $ns; do
        f=$RES/$name.$n
        read -r n rc fired loading <"$f"
        runs=$((runs + 1))
        [ "$rc" = 0 ] && exit0=$((exit0 + 1))
        [ "$rc" = 1 ] && exit1=$((exit1 + 1))
        [ "$fired" = 0 ] && unfired=$((unfired + 1))
        # jansson's lexer, not ours: it reads on without the byte it had no
        # room for (akheron/jansson#362); such a run differs, and only so.
        if [ "$loading" != 0 ] && grep -q 'differs from a run without faults' "$f" &&
            [ "$(sed 1d "$f" | grep -vc 'differs from a run without faults')" = 0 ]; then
            lossy=$((lossy + 1))
        elif [ "$(wc -l <"$f")" -gt 1 ]; then
            bad=$((bad + 1))
            [ "${#examples[@]}" -lt 5 ] && examples+=("$kind:$n: $(sed -n 2p "$f")")
        elif [ "$fired" = 0 ]; then
            [ "${#examples[@]}" -lt 5 ] && examples+=("$kind:$n: not reached (exit $rc)")
        fi
    done
    first=$(printf '%s\n     ' "${examples[@]}")
    local line="$name: $runs of $count calls failed in turn: $exit1 exit 1, $exit0 exit 0, $unfired not reached, $bad bad"
    [ "$lossy" -gt 0 ] && line+=" ($lossy of the exit 0 read a byte short in jansson's lexer, jansson#362)"
    line+=" ($((SECONDS - t0)) s)"
    if [ "$bad" -eq 0 ] && [ "$unfired" -eq 0 ]; then ok "$line"; else fail "$line" "$first"; fi
}

# ---------------------------------------------------------------- allocations
echo "# references (calls made by one run without faults)"
mkdir -p "$TMP/ref"
for s in text html json wav miss hit stream streamhit; do
    reference "$s" && echo "     $s: $(tr '\n' ' ' <"$TMP/ref/$s/report")"
done

echo "# allocation failures: the Nth, then the Nth and all after it"
budget=${FAULT_BUDGET:-40}
for s in text html json wav miss hit stream streamhit; do sweep "$s" malloc "$budget" new no; done
for s in json miss hit stream streamhit; do sweep "$s" jansson "$budget" new no; done
for s in text miss; do sweep "$s" malloc+ $((budget / 2)) new no; done

# ---------------------------------------------------------------- I/O
echo "# write, fsync, rename, link and close failures, over existing outputs"
for s in miss hit stream streamhit; do
    for kind in write fsync rename link close; do sweep "$s" "$kind" 25 old next; done
done
sweep wav fsync 25 old next
sweep wav rename 25 old next

# ---------------------------------------------------------------- killed workers
SEED=${FAULT_SEED:-$$}
RANDOM=$SEED
ms() { echo "$((RANDOM % $1))"; }            # a random number of milliseconds below $1
nap() { sleep "$(printf '%d.%03d' $(($1 / 1000)) $(($1 % 1000)))"; }
decodes() { [ -s "$1" ] && mpg123 -t -q "$1" 2>/dev/null; }
sanitizer_reports() { cat "$1"/san.* 2>/dev/null | grep -m1 -E 'ERROR|SUMMARY'; grep -m1 -E 'Sanitizer|runtime error' "$1/err"; }

# Render the long sample with 3 workers and kill -9 one of them, chosen at
# random, at a random moment: the render either succeeds with a whole MP3 or
# fails (exit 1) naming the synthesis worker, leaves no partial file nor
# cache entry, and the next render succeeds.
if wanted workers; then
    echo "# workers killed at random moments (FAULT_SEED=$SEED)"
    w=$TMP/kill
    ok_runs=0 failed_runs=0 problems=""
    t0=$SECONDS
    for i in $(seq 20); do
        rm -rf "$w" && mkdir -p "$w/out"
        cache=(--no-cache)
        [ $((i % 2)) = 0 ] && cache=(--cache "$w/cache")
        delay=$(ms 2500)
        ASAN_OPTIONS=$ASAN_OPTIONS:log_path=$w/san \
            "$NARRATE" "${cache[@]}" render samples/long.txt -o "$w/out/k.mp3" -q -j 3 2>"$w/err" &
        pid=$!
        for _ in $(seq 500); do [ -n "$(pgrep -P $pid)" ] && break; sleep 0.01; done
        nap "$delay"
        victim=$(pgrep -P $pid | shuf -n 1 --random-source=<(yes $i))
        [ -n "$victim" ] && kill -9 "$victim" 2>/dev/null
        wait $pid
        rc=$?
        p=$(sanitizer_reports "$w")
        if [ "$rc" = 0 ]; then
            ok_runs=$((ok_runs + 1))
            decodes "$w/out/k.mp3" || p+=" exit 0 but the MP3 does not decode;"
        elif [ "$rc" = 1 ]; then
            failed_runs=$((failed_runs + 1))
            grep -q '^narrate: error: .*synthesis worker' "$w/err" || p+=" exit 1 without a synthesis worker error: $(head -c 200 "$w/err");"
            [ -e "$w/out/k.mp3" ] && p+=" k.mp3 left behind;"
        else
            p+=" exit $rc;"
        fi
        p+=$(ls -A "$w/out" | grep '^\.narrate-' | sed 's/^/ temporary file left: /')
        [ "${cache[0]}" = --cache ] && p+=$(cache_problems "$w/cache" | tr '\n' ' ')
        "$NARRATE" "${cache[@]}" render samples/short.txt -o "$w/out/next.mp3" -q 2>"$w/err" && decodes "$w/out/next.mp3" ||
            p+=" the next render failed: $(head -c 200 "$w/err");"
        [ -n "$p" ] && problems+="run $i (kill after $delay ms, exit $rc):$p"$'\n'
    done
    line="20 renders of samples/long.txt -j 3, a worker killed at 0-2.5 s: $failed_runs failed cleanly, $ok_runs succeeded ($((SECONDS - t0)) s)"
    if [ -z "$problems" ]; then ok "$line"; else fail "$line" "$problems"; fi
    echo "     skip: a stopped (SIGSTOP) worker is only given up after NR_SYNTH_TIMEOUT_MS, 60 s, not configurable yet"
fi

# ---------------------------------------------------------------- a vanishing cache
# rm -rf the cache directory while a render uses it, at several moments: the
# render succeeds (the output whole) or fails with an error line, never
# leaves a partial output, and the next render recreates the cache.
vanish() { # NAME DELAY-MS COMMAND...: runs COMMAND in the background and removes $w/cache after DELAY
    local name=$1 delay=$2
    shift 2
    ASAN_OPTIONS=$ASAN_OPTIONS:log_path=$w/san "$@" 2>"$w/err" &
    local pid=$!
    nap "$delay"
    rm -rf "$w/cache" 2>/dev/null || rm -rf "$w/cache" 2>/dev/null
    wait $pid
    rc=$?
    p=$(sanitizer_reports "$w")
    case $rc in
    0 | 1) ;;
    *) p+=" exit $rc;" ;;
    esac
    [ "$rc" = 1 ] && ! grep -q '^narrate: error: ' "$w/err" && p+=" exit 1 without an error line: $(head -c 200 "$w/err");"
    p+=$(find "$w/out" -name '.narrate-*' | sed 's/^/ temporary file left: /')
}
if wanted vanish; then
    echo "# a cache directory removed while renders use it"
    w=$TMP/vanish
    problems="" outcomes=""
    t0=$SECONDS
    for delay in 0 50 150 300 600 1000 1500 2500; do
        for how in file stream; do
            rm -rf "$w" && mkdir -p "$w/out"
            if [ $how = file ]; then
                vanish "$how" "$delay" "$NARRATE" --cache "$w/cache" render samples/seed.txt -o "$w/out/v.mp3" -q -j 2
                [ "$rc" = 0 ] && ! decodes "$w/out/v.mp3" && p+=" exit 0 but v.mp3 does not decode;"
                [ "$rc" = 1 ] && [ -e "$w/out/v.mp3" ] && p+=" v.mp3 left behind;"
            else
                vanish "$how" "$delay" sh -c "exec '$NARRATE' --cache '$w/cache' render samples/seed.txt -o - -q -j 2 >'$w/out/v.mp3'"
                [ "$rc" = 0 ] && ! decodes "$w/out/v.mp3" && p+=" exit 0 but the stream does not decode;"
            fi
            outcomes+=" $how@${delay}ms:$rc"
            cache_problems "$w/cache" >"$w/cp"
            p+=$(tr '\n' ' ' <"$w/cp")
            key=$("$NARRATE" key samples/seed.txt)
            "$NARRATE" --cache "$w/cache" render samples/seed.txt -o "$w/out/next.mp3" -q -j 2 2>"$w/err" &&
                decodes "$w/out/next.mp3" && [ -f "$w/cache/${key:0:2}/$key.json" ] ||
                p+=" the next render did not recreate the entry: $(head -c 200 "$w/err");"
            [ -n "$p" ] && problems+="$how, cache removed after $delay ms (exit $rc):$p"$'\n'
        done
    done
    line="renders and streams of samples/seed.txt, cache removed at 0-2.5 s: exit status$outcomes ($((SECONDS - t0)) s)"
    if [ -z "$problems" ]; then ok "$line"; else fail "$line" "$problems"; fi

    # narrate batch renders into the cache first: items may fail (naming the
    # cache file they could not write), none is left half written, and a
    # re-run (which recreates the cache) delivers them all.
    problems="" outcomes=""
    t0=$SECONDS
    mkdir -p "$TMP/articles"
    for i in 1 2 3 4 5 6; do sed "s/^Title: .*/Title: Vanishing $i/" samples/short.txt >"$TMP/articles/a$i.txt"; done
    for delay in 100 400 800 1500; do
        rm -rf "$w" && mkdir -p "$w/out"
        vanish batch "$delay" "$NARRATE" --cache "$w/cache" batch "$TMP/articles" --out "$w/out" -j 2 -q
        outcomes+=" ${delay}ms:$rc"
        for f in "$w"/out/*.mp3; do [ -e "$f" ] && ! decodes "$f" && p+=" $f does not decode;"; done
        "$NARRATE" --cache "$w/cache" batch "$TMP/articles" --out "$w/out" -j 2 -q 2>"$w/err" &&
            [ "$(ls "$w/out" | grep -c '\.mp3$')" = 6 ] ||
            p+=" the next batch did not finish the job: $(head -c 200 "$w/err");"
        for f in "$w"/out/*.mp3; do decodes "$f" || p+=" $f does not decode after the re-run;"; done
        [ -n "$p" ] && problems+="batch, cache removed after $delay ms (exit $rc):$p"$'\n'
    done
    line="batches of 6 articles -j 2, cache removed at 0.1-1.5 s: exit status$outcomes, then a re-run delivers all ($((SECONDS - t0)) s)"
    if [ -z "$problems" ]; then ok "$line"; else fail "$line" "$problems"; fi
fi

# ---------------------------------------------------------------- unusable caches and outputs
# The cache is best effort: a cache that cannot be used never fails a render.
delivers() { # NAME CACHE-DIR [WARNING]: a render with that cache exits 0 with its output
    local out=$TMP/unw/out.mp3
    rm -f "$out"
    "$NARRATE" --cache "$2" render samples/short.txt -o "$out" -q 2>"$TMP/unw/err"
    local rc=$?
    if [ $rc = 0 ] && decodes "$out" && { [ -z "${3:-}" ] || grep -q "$3" "$TMP/unw/err"; } &&
        ! grep -qE 'Sanitizer|runtime error' "$TMP/unw/err"; then
        ok "$1"
    else
        fail "$1" "exit $rc: $(head -c 300 "$TMP/unw/err")"
    fi
}
if wanted unwritable; then
    echo "# caches and outputs that cannot be written"
    mkdir -p "$TMP/unw"
    : >"$TMP/unw/file"
    delivers "a cache path that is a file: delivered, with a warning" "$TMP/unw/file" "narrate: warning: rendering without the cache"
    delivers "a cache path under a file: delivered, with a warning" "$TMP/unw/file/sub" "narrate: warning: rendering without the cache"
    key=$("$NARRATE" key samples/short.txt)
    mkdir -p "$TMP/unw/shardfile" && : >"$TMP/unw/shardfile/${key:0:2}"
    delivers "a cache whose shard directory is a file: delivered" "$TMP/unw/shardfile"
    ro=$TMP/unw/ro
    mkdir -p "$ro"
    if [ "$(id -u)" != 0 ]; then
        "$NARRATE" --cache "$ro" render samples/short.txt -o "$TMP/unw/warm.mp3" -q && chmod -R a-w "$ro"
        how="chmod a-w"
    elif mount -t tmpfs -o size=4m tmpfs "$ro" 2>/dev/null; then
        "$NARRATE" --cache "$ro" render samples/short.txt -o "$TMP/unw/warm.mp3" -q && mount -o remount,ro "$ro"
        how="a read-only tmpfs"
    else
        how=""
        echo "     skip: read-only cache: running as root (permissions do not apply) and cannot mount a read-only tmpfs"
    fi
    if [ -n "$how" ]; then
        delivers "a read-only cache ($how): a hit is served" "$ro"
        check "a read-only cache: the hit is the entry" 'cmp -s "$TMP/unw/out.mp3" "$TMP/unw/warm.mp3"'
        sed 's/^Title: .*/Title: Not in the read-only cache/' samples/short.txt >"$TMP/unw/other.txt"
        "$NARRATE" --cache "$ro" render "$TMP/unw/other.txt" -o "$TMP/unw/other.mp3" -q 2>"$TMP/unw/err"
        check "a read-only cache: a miss is rendered and delivered" '[ $? = 0 ] && decodes "$TMP/unw/other.mp3"' "$(cat "$TMP/unw/err")"
        check "a read-only cache: still whole" '[ -z "$(cache_problems "$ro")" ]' "$(cache_problems "$ro")"
        [ "$(id -u)" = 0 ] && umount "$ro" || chmod -R u+w "$ro"
    fi
    # A full output filesystem, for real (root only: a 64 KiB tmpfs).
    full=$TMP/unw/full
    mkdir -p "$full"
    if [ "$(id -u)" = 0 ] && mount -t tmpfs -o size=64k tmpfs "$full" 2>/dev/null; then
        for f in a.mp3 a.wav; do
            echo previous >"$full/$f"
            expect "a full output filesystem: $f: exit 1, No space left on device" 1 "No space left on device" -- \
                "$NARRATE" --no-cache render samples/short.txt -o "$full/$f" -q
            check "a full output filesystem: $f: the existing output unchanged, no temporary file" \
                '[ "$(cat "$full/$f")" = previous ] && [ -z "$(ls -A "$full" | grep "^\.narrate-")" ]' "$(ls -lA "$full")"
        done
        umount "$full"
    else
        echo "     skip: a full output filesystem needs root to mount a small tmpfs"
    fi
fi

echo
echo "fault: $(($(date +%s) - started)) s"
finish
