#!/usr/bin/env bash
# fault.sh - fault injection, sanitized: every allocation, write, fsync, rename, link and close of
# a render failed in turn (narrate-fault, tests/fault/failinject.c); workers killed at random
# moments; a cache directory removed, unusable or unwritable mid-run.
#
#   tests/fault.sh build-san         a deterministic stride of each sweep (a few minutes)
#   FULL=1 tests/fault.sh build-san  every N of every sweep
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
# come in the same order every time), into $w/out and, with a cache, $w/cache;
# standard output goes to $w/stream.mp3.
scenario() { # NAME WORKDIR: sets args
    local w=$2
    case $1 in
    text)   args=(--no-cache render samples/short.txt -o "$w/out/a.mp3") ;;
    html)   args=(--no-cache render "$TMP/sections.html" -o "$w/out/a.mp3") ;;
    json)   args=(--no-cache render samples/short.json -o "$w/out/a.mp3") ;;
    wav)    args=(--no-cache render samples/short.txt -o "$w/out/a.wav" --timings "$w/out/a.vtt") ;;
    miss)   args=(--cache "$w/cache" render samples/short.txt -o "$w/out/a.mp3" --timings "$w/out/a.json") ;;
    hit)    args=(--cache "$w/cache" render samples/short.txt -o "$w/out/a.mp3" --timings "$w/out/a.vtt") ;;
    stream) args=(--cache "$w/cache" render samples/short.txt -o -) ;;
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
cached() { case $1 in miss | hit | stream) return 0 ;; esac; return 1; }

# A fresh work directory: out/ (with the previous outputs, "old"), and the
# warm cache for a hit.
prepare() { # SCENARIO WORKDIR OLD
    rm -rf "$2"
    mkdir -p "$2/out"
    [ "$1" = hit ] && [ -d "$TMP/ref/hit/cache" ] && cp -a "$TMP/ref/hit/cache" "$2/cache"
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
    if [ "$s" = stream ] && [ "$rc" = 0 ] && [ "$old" != next ] && ! cmp -s "$w/stream.mp3" "$TMP/ref/$s/stream.mp3"; then
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
for s in text html json wav miss hit stream; do
    reference "$s" && echo "     $s: $(tr '\n' ' ' <"$TMP/ref/$s/report")"
done

echo "# allocation failures: the Nth, then the Nth and all after it"
budget=${FAULT_BUDGET:-40}
for s in text html json wav miss hit stream; do sweep "$s" malloc "$budget" new no; done
for s in json miss hit; do sweep "$s" jansson "$budget" new no; done
for s in text miss; do sweep "$s" malloc+ $((budget / 2)) new no; done

# ---------------------------------------------------------------- I/O
echo "# write, fsync, rename, link and close failures, over existing outputs"
for s in miss hit stream; do
    for kind in write fsync rename link close; do sweep "$s" "$kind" 25 old next; done
done
sweep wav fsync 25 old next
sweep wav rename 25 old next

echo
echo "fault: $(($(date +%s) - started)) s"
finish
