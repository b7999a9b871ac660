#!/usr/bin/env bash
# tsan.sh - the threaded CLI suites (batch: -j 2 render threads on one engine; serve:
# libmicrohttpd's threads, render threads, shared flights) on a ThreadSanitizer build.
# Every narrate process writes its reports to a log of its own (the suites redirect
# stderr): any report fails the run. Usage: tests/tsan.sh [BUILD] [SUITE...]
set -u
BUILD=${1:-build-tsan}
shift
cd "$(dirname "$0")/.."
SUITES=${*:-batch serve}
LOGS=$(mktemp -d "${TMPDIR:-/tmp}/narrate-tsan-XXXXXX")
trap 'rm -rf "$LOGS"' EXIT
# log_path: reports go to LOGS/tsan.<pid>, created only when there is one.
export TSAN_OPTIONS="${TSAN_OPTIONS:-} log_path=$LOGS/tsan"

status=0
for suite in $SUITES; do
    start=$(date +%s)
    SANITIZE=thread "tests/$suite.sh" "$BUILD" || status=1
    echo "tsan: $suite.sh took $(( $(date +%s) - start )) s"
done

echo
reports=0
for log in "$LOGS"/tsan.*; do
    [ -e "$log" ] || continue
    n=$(grep -c '^WARNING: ThreadSanitizer' "$log")
    reports=$((reports + n))
    echo "tsan: ${log##*/}: $n report(s); the first:"
    sed -n '/^WARNING: ThreadSanitizer/,/^SUMMARY/p' "$log" | head -60
    grep -q '^WARNING: ThreadSanitizer' "$log" || head -20 "$log"
    status=1
done
echo "tsan: $reports reports from $(ls "$LOGS" | wc -l) processes"
exit $status
