#!/usr/bin/env bash
# replay.sh - runs every corpus file (seeds and past crashers) through each fuzz target once.
#   tests/fuzz/replay.sh BUILD TARGET...
set -u
cd "$(dirname "$0")/../.."
build=$1; shift
export LSAN_OPTIONS=suppressions=$PWD/tests/lsan.supp
passed=0 failed=0
for t in "$@"; do
    files=(tests/fuzz/corpus/"$t"/*)
    if "$build/fuzz/$t" "${files[@]}" >"$build/replay-$t.log" 2>&1; then
        passed=$((passed + 1)); printf 'ok   %s: %d inputs\n' "$t" "${#files[@]}"
    else
        failed=$((failed + 1)); printf 'FAIL %s: see %s\n' "$t" "$build/replay-$t.log"
        tail -5 "$build/replay-$t.log" | sed 's/^/     /'
    fi
done
echo
echo "fuzz-replay: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
