#!/usr/bin/env bash
# run.sh - runs test suites in turn against one build and closes with a single summary line.
# Usage: tests/run.sh BUILD SUITE...   SUITE: unit (the Criterion tests), install, or the
# name of a shell suite tests/NAME.sh. Every suite runs even when an earlier one failed;
# each one's output is shown as it comes, then its time and its own closing line are
# repeated in the summary, so a red run says at a glance which suite to rerun alone.
set -u
BUILD=$1
shift
cd "$(dirname "$0")/.."
LOG=$(mktemp "${TMPDIR:-/tmp}/narrate-run-XXXXXX")
trap 'rm -f "$LOG"' EXIT
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$PWD/tests/lsan.supp}
# One word before the counts, as test runners' closing lines have: test, test-address-undefined.
label=test${SANITIZE:+-${SANITIZE//,/-}}

passed=0 failed=0 lines=() start_all=$(date +%s)
for suite in "$@"; do
    start=$(date +%s)
    case $suite in
    unit)    "$BUILD/unit-tests" --jobs 2 2>&1 | tee "$LOG" ;;
    install) tests/install.sh "${SANITIZE:-}" 2>&1 | tee "$LOG" ;;
    *)       "tests/$suite.sh" "$BUILD" 2>&1 | tee "$LOG" ;;
    esac
    rc=${PIPESTATUS[0]}
    took=$(( $(date +%s) - start ))
    # Criterion: "Synthesis: Tested: N | Passing: N | Failing: N | Crashing: N";
    # the shell suites: "NAME: N passed, N failed".
    if line=$(grep -E 'Synthesis: Tested: ' "$LOG" | tail -1) && [ -n "$line" ]; then
        p=$(sed -E 's/.*Passing: ([0-9]+).*/\1/' <<<"$line")
        f=$(( $(sed -E 's/.*Failing: ([0-9]+).*/\1/' <<<"$line") + $(sed -E 's/.*Crashing: ([0-9]+).*/\1/' <<<"$line") ))
        line="unit: $p passed, $f failed"
    elif line=$(grep -E '^[a-z-]+: [0-9]+ passed, [0-9]+ failed' "$LOG" | tail -1) && [ -n "$line" ]; then
        p=$(sed -E 's/.*: ([0-9]+) passed.*/\1/' <<<"$line")
        f=$(sed -E 's/.* ([0-9]+) failed.*/\1/' <<<"$line")
    else
        p=0 f=1 line="$suite: no closing line (exit $rc)"
    fi
    # A suite that exits non-zero with nothing failed still counts as one failure.
    [ "$rc" -ne 0 ] && [ "$f" -eq 0 ] && { f=1; line="$line (but exit $rc)"; }
    passed=$((passed + p)) failed=$((failed + f))
    lines+=("$(printf '  %-44s %4d s' "$line" "$took")")
done

echo
echo "$label in $BUILD/, $(( $(date +%s) - start_all )) s:"
printf '%s\n' "${lines[@]}"
echo "$label: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
