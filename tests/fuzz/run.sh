#!/usr/bin/env bash
# run.sh - runs libFuzzer targets for SECONDS each, JOBS at a time; prints execs, coverage, crashes.
#   tests/fuzz/run.sh BUILD SECONDS JOBS TARGET...
set -u
cd "$(dirname "$0")/../.."
build=$1 secs=$2 jobs=$3; shift 3
export LSAN_OPTIONS=suppressions=$PWD/tests/lsan.supp
export UBSAN_OPTIONS=print_stacktrace=1

one() {
    local t=$1 build=$2 secs=$3
    local work=$build/corpus/$t crashes=$build/crashes/$t log=$build/fuzz-$t.log
    mkdir -p "$work" "$crashes"
    local stamp=$build/fuzz-$t.start
    : >"$stamp"
    local opts=(-max_total_time="$secs" -print_final_stats=1 -timeout=30 -rss_limit_mb=4096
                -artifact_prefix="$crashes/")
    [ -f "tests/fuzz/$t.dict" ] && opts+=(-dict="tests/fuzz/$t.dict")
    # The server logs every request to stderr: keep libFuzzer's own report only.
    [ "$t" = http ] && opts+=(-close_fd_mask=2)
    "$build/fuzz/$t" "${opts[@]}" "$work" "tests/fuzz/corpus/$t" >"$log" 2>&1
    local rc=$?
    local execs cov ft corp n
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
    ft=$(grep -o 'ft: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
    corp=$(grep -o 'corp: [0-9]*/[0-9]*[a-zA-Z]*' "$log" | tail -1 | cut -d' ' -f2)
    n=$(find "$crashes" -type f -newer "$stamp" | wc -l)
    printf 'fuzz %-8s %10s execs in %ss, cov %s ft %s, corpus %s, crashes %s%s\n' \
        "$t" "${execs:-?}" "$secs" "${cov:-?}" "${ft:-?}" "${corp:-?}" "$n" \
        "$([ $rc = 0 ] || echo " (exit $rc, see $log)")"
    # CI shows only the end of make's output: say why here.
    [ $rc = 0 ] || grep -E 'invariant broken|ERROR: |SUMMARY: |Test unit written|^==[0-9]+==' "$log" |
        head -12 | sed "s/^/    $t: /"
    [ $rc = 0 ] && [ "$n" = 0 ]
}
export -f one

printf '%s\n' "$@" | xargs -P "$jobs" -I{} bash -c 'one "$@"' _ {} "$build" "$secs"
