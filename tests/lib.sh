# lib.sh - what the shell test suites share: set-up, ok/fail counting, the closing line.
# Source with the suite's name as $1 and the build directory as $2.
SUITE=$1
BUILD=${2:-build}
cd "$(dirname "${BASH_SOURCE[0]}")/.."
NARRATE_BIN=$PWD/$BUILD/narrate  # the executable itself
TMP=$(mktemp -d "${TMPDIR:-/tmp}/narrate-$SUITE-XXXXXX")
trap 'kill $(jobs -p) 2>/dev/null; rm -rf "$TMP"' EXIT
# NARRATE_WRAP=COMMAND runs every narrate as "COMMAND BINARY ARGS..." (valgrind: see
# tests/valgrind.sh) through $TMP/bin/narrate, so "$NARRATE" args and PATH lookups of
# narrate both go through it. NARRATE_SLOW multiplies the suites' time limits.
NARRATE=$NARRATE_BIN
SLOW=${NARRATE_SLOW:-1}
if [ -n "${NARRATE_WRAP:-}" ]; then
    mkdir "$TMP/bin"
    printf '#!/usr/bin/env bash\nexec %q %q "$@"\n' "$NARRATE_WRAP" "$NARRATE_BIN" >"$TMP/bin/narrate"
    chmod +x "$TMP/bin/narrate"
    NARRATE=$TMP/bin/narrate
fi
export NARRATE_CACHE=$TMP/cache   # never the user's cache
passed=0 failed=0

ok()   { passed=$((passed + 1)); printf 'ok   %s\n' "$1"; }
fail() { failed=$((failed + 1)); printf 'FAIL %s\n' "$1"; [ -n "${2:-}" ] && printf '     %s\n' "$2"; }
check() { if eval "$2"; then ok "$1"; else fail "$1" "${3:-}"; fi; }

# expect NAME CODE STDERR-SUBSTRING -- COMMAND...: exit code and message.
expect() {
    local name=$1 code=$2 msg=$3; shift 4
    "$@" >"$TMP/out" 2>"$TMP/err"
    local rc=$?
    if [ "$rc" -ne "$code" ]; then
        fail "$name" "exit $rc, wanted $code: $(head -c 300 "$TMP/err")"
    elif [ -n "$msg" ] && ! grep -qF -- "$msg" "$TMP/err"; then
        fail "$name" "stderr lacks [$msg]: $(head -c 300 "$TMP/err")"
    else
        ok "$name"
    fi
}

# A worker crash on demand, now that article text cannot cause one: copies
# voices/ to $TMP/voices with crash.ini, the default voice with the lexicon
# tests/hostile/crash.lex (trusted, so "Kaboom" reaches espeak-ng as a word that
# aborts it), and points NARRATE_VOICES there.  An article with "Voice: crash"
# (JSON "voice": "crash") and the word Kaboom kills its worker.
crash_voices() {
    mkdir -p "$TMP/voices" && cp voices/*.ini voices/*.lex "$TMP/voices/" &&
    sed -e '1s/.*/; crash.ini - default.ini with tests\/hostile\/crash.lex: "Kaboom" aborts espeak-ng./' \
        -e "s|^lexicon = .*|lexicon = $PWD/tests/hostile/crash.lex|" voices/default.ini >"$TMP/voices/crash.ini" &&
    export NARRATE_VOICES=$TMP/voices
}

# stall_on WORD: from now on narrate uses the worker that never finishes a piece whose
# text holds WORD (tests/stall/stall.c, built by make test), until stall_off. A render of
# such a text can end only through its deadline, so a deadline test asserts the
# outcome, never a wall time. stalled WORD COMMAND...: the same for one command.
stall_on() {
    export NARRATE_STALL=$1 NARRATE_WORKER=$PWD/$BUILD/narrate-worker-stall
    export NARRATE_VOICES=${NARRATE_VOICES:-$PWD/voices}
}
stall_off() { unset NARRATE_STALL NARRATE_WORKER; }
stalled() { (stall_on "$1"; shift; "$@"); }

# short_deadline: a deadline, in whole seconds, that a render of samples/short.txt meets
# here and now: ten times what one takes in this run, on this machine, under this load
# (at least 2 s). A suite sets it where a short item must pass a deadline that a
# stalled one cannot.
short_deadline() {
    local t0=$(date +%s%N) s
    "$NARRATE" --no-cache render samples/short.txt -o "$TMP/short-baseline.mp3" -q >/dev/null 2>&1
    s=$(( ($(date +%s%N) - t0 + 999999999) / 1000000000 * 10 ))
    echo $(( s > 2 ? s : 2 ))
}

# wait_gone PID [SECONDS]: waits for PID to end, polling; a generous bound (default
# 120 s) only so that a hang fails the test instead of the run. 1 if it is still alive.
wait_gone() {
    local pid=$1 i
    for ((i = 0; i < ${2:-120} * 10; i++)); do
        kill -0 "$pid" 2>/dev/null || return 0
        sleep 0.1
    done
    return 1
}

# poll_until COMMAND...: runs COMMAND until it succeeds, polling; the bound (2 minutes)
# is only there so that a hang fails the test instead of the run. 1 if it never did.
poll_until() {
    local i
    for ((i = 0; i < 1200; i++)); do
        "$@" && return 0
        sleep 0.1
    done
    return 1
}

. "$(dirname "${BASH_SOURCE[0]}")/port.sh"

# The closing line test runners read, and the exit status.
finish() {
    echo
    echo "$SUITE: $passed passed, $failed failed"
    [ "$failed" -eq 0 ]
}
