#!/usr/bin/env bash
# valgrind.sh - the CLI suites with every narrate run under valgrind memcheck
# (tests/valgrind-wrap.sh through NARRATE_WRAP, see tests/lib.sh): each process's log is
# read at the end, and any error or definite leak fails the run.
# Usage: tests/valgrind.sh [BUILD] [SUITE...]   (default: batch cli cache serve)
#
# The narrate-worker processes the library spawns are not traced (valgrind's default
# --trace-children=no): they run natively. Processes the suites kill -9 leave a log
# without a summary; those logs are still searched for error reports. (cache.sh runs its
# kill -9 loop natively: valgrind cannot check a killed process.)
#
# memcheck makes each narrate run 1 to 3 s longer (most of it valgrind's start-up), so
# the suites run in VALGRIND_LANES (default 2) parallel lanes, suites dealt out in turn;
# each lane's output is printed when it is done.
set -u
BUILD=${1:-build}
shift
cd "$(dirname "$0")/.."
SUITES=(${*:-batch cli cache serve})
LANES=${VALGRIND_LANES:-2}
LOGS=$(mktemp -d "${TMPDIR:-/tmp}/narrate-valgrind-XXXXXX")
trap 'kill $(jobs -p) 2>/dev/null; rm -rf "$LOGS"' EXIT
command -v valgrind >/dev/null || { echo "valgrind: not installed (make deps)"; exit 1; }
export NARRATE_WRAP=$PWD/tests/valgrind-wrap.sh
# Time limits in the suites stretch by this factor (see tests/lib.sh).
export NARRATE_SLOW=${NARRATE_SLOW:-10}

# lane I: its suites in turn, each with its own log directory; exit status 1 if one failed.
lane() {
    local rc=0 i suite start
    for ((i = $1; i < ${#SUITES[@]}; i += LANES)); do
        suite=${SUITES[i]}
        mkdir -p "$LOGS/$suite"
        start=$(date +%s)
        VALGRIND_LOGS=$LOGS/$suite "tests/$suite.sh" "$BUILD" || rc=1
        echo "valgrind: $suite.sh took $(( $(date +%s) - start )) s"
    done
    return $rc
}

echo "valgrind: ${SUITES[*]} in $LANES lanes"
status=0
pids=()
for ((l = 0; l < LANES && l < ${#SUITES[@]}; l++)); do
    lane $l >"$LOGS/lane$l.out" 2>&1 &
    pids+=($!)
done
for ((l = 0; l < ${#pids[@]}; l++)); do
    wait "${pids[l]}" || status=1
    cat "$LOGS/lane$l.out"
done

# An error report in a log starts with one of these (memcheck's messages).
errors='(Invalid (read|write|free)|Mismatched free|Conditional jump|Use of uninitialised|Syscall param|Source and destination overlap|Argument .* of function|[0-9,]+ bytes in [0-9,]+ blocks are definitely lost)'
echo
all_runs=0 all_bad=0 total=0 contexts=0 supp=0 suppctx=0
for suite in "${SUITES[@]}"; do
    runs=0 spawns=0 killed=0 bad=0 errs=0
    for log in "$LOGS/$suite"/vg.*.log; do
        [ -e "$log" ] || continue
        line=$(grep -E '== ERROR SUMMARY: ' "$log" | tail -1)
        if [ -n "$line" ]; then
            runs=$((runs + 1))
            read -r n c sn sc < <(sed -E 's/.*ERROR SUMMARY: ([0-9,]+) errors? from ([0-9,]+) contexts? \(suppressed: ([0-9,]+) from ([0-9,]+)\).*/\1 \2 \3 \4/' <<<"$line" | tr -d ,)
            contexts=$((contexts + c)) supp=$((supp + sn)) suppctx=$((suppctx + sc))
        else
            # No summary: the child side of the library's posix_spawn of narrate-worker
            # (its parent is a narrate here; the exec leaves valgrind), or a kill -9.
            parent=$(sed -n -E '1,10s/^==[0-9]+== Parent PID: ([0-9]+)$/\1/p' "$log")
            if [ -e "$LOGS/$suite/vg.$parent.log" ]; then
                spawns=$((spawns + 1))
            else
                runs=$((runs + 1)) killed=$((killed + 1))
            fi
            n=$(grep -cE "^==[0-9]+== $errors" "$log")
        fi
        errs=$((errs + n))
        if [ "$n" -ne 0 ]; then
            bad=$((bad + 1))
            echo "valgrind: $suite/${log##*/}: ${line:-no summary, $n error reports}"
            grep -m1 -E '== Command: ' "$log"
            sed -n -E "/^==[0-9]+== $errors/,/^==[0-9]+== \$/p" "$log" | head -40
        fi
    done
    echo "valgrind: $suite.sh: $runs narrate runs ($killed killed before their summary)," \
         "$spawns worker spawns (native); $errs errors in $bad logs"
    all_runs=$((all_runs + runs)) all_bad=$((all_bad + bad)) total=$((total + errs))
done
echo "valgrind: $all_runs narrate runs; ERROR SUMMARY totals: $total errors from $contexts contexts" \
     "(suppressed: $supp from $suppctx)"
[ "$all_runs" -gt 0 ] && [ "$all_bad" -eq 0 ] || status=1
exit $status
