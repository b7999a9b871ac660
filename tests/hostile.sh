#!/usr/bin/env bash
# hostile.sh - tests/hostile/*.txt abort raw espeak-ng; narrate renders each (CLI and serve),
# and a crash it cannot prevent (tests/hostile/crash.lex) fails one render and nothing else.
set -u
. "$(dirname "$0")/lib.sh" hostile "${1:-build}"

PROBE=$PWD/$BUILD/espeak-probe
TEXTS=(tests/hostile/*.txt)
name() { basename "$1" .txt; }
duration() { ffprobe -v error -show_entries format=duration -of csv=p=0 "$1" 2>/dev/null; }
positive() { [ -n "$1" ] && awk -v d="$1" 'BEGIN { exit !(d > 0) }'; }
# Spoken words (of `narrate script` output) with more than 4 apostrophes or 8 dots.
stacked() {
    LC_ALL=C awk '{ for (i = 1; i <= NF; i++) { w = $i
        if (gsub(/\047|\342\200\231/, "", w) > 4 || gsub(/\./, "", w) > 8) print $i } }' "$1"
}

# ---------------------------------------------------------------- raw espeak-ng
# Informational: a fixed espeak-ng may stop crashing on some; the probe must run.
"$PROBE" "${TEXTS[@]}" >"$TMP/probe" 2>"$TMP/probe.err"; rc=$?
if [ $rc -ne 0 ] || [ "$(grep -cE '^(crash [A-Z0-9]+|ok|error) ' "$TMP/probe")" -ne ${#TEXTS[@]} ]; then
    fail "espeak-probe runs on every hostile text" "exit $rc: $(head -c 300 "$TMP/probe.err")"
else
    ok "raw espeak-ng aborts on $(grep -c '^crash ' "$TMP/probe") of ${#TEXTS[@]} hostile texts"
    grep -v '^crash ' "$TMP/probe" | sed 's/^/     no crash: /'
fi

# ---------------------------------------------------------------- CLI: the normalizer
# Every class is neutralized: each text renders, and no spoken word stacks.
mkdir -p "$TMP/cli"
for f in "${TEXTS[@]}"; do
    n=$(name "$f")
    "$NARRATE" --no-cache render "$f" -o "$TMP/cli/$n.mp3" -q 2>"$TMP/err"; rc=$?
    d=$(duration "$TMP/cli/$n.mp3")
    check "render $n: exit 0, an MP3 that decodes (${d:-no} s)" '[ $rc = 0 ] && positive "$d"' \
        "exit $rc: $(head -c 300 "$TMP/err")"
    "$NARRATE" --no-cache script "$f" >"$TMP/script" 2>"$TMP/err"; rc=$?
    check "script $n: no spoken word with more than 4 apostrophes or 8 dots" \
        '[ $rc = 0 ] && [ -s "$TMP/script" ] && [ -z "$(stacked "$TMP/script")" ]' \
        "exit $rc: $(head -c 200 "$TMP/err")$(stacked "$TMP/script" | head -3 | cut -c1-100)"
done

# ---------------------------------------------------------------- CLI: isolation
# Kaboom after each text, spoken through the trusted crash lexicon: the worker
# dies, the render fails cleanly, and nothing is left behind.
for f in "${TEXTS[@]}"; do
    n=$(name "$f")
    { cat "$f"; printf '\n\nKaboom\n'; } >"$TMP/kaboom.txt"
    mkdir "$TMP/iso-$n"
    "$NARRATE" --no-cache render "$TMP/kaboom.txt" -o "$TMP/iso-$n/out.mp3" \
        --lexicon tests/hostile/crash.lex 2>"$TMP/err" >/dev/null; rc=$?
    check "$n + Kaboom (crash.lex): exit 1, worker killed, no output or temporary file" \
        '[ $rc = 1 ] && grep -qF "narrate: error: synthesis worker killed by signal" "$TMP/err" &&
         [ -z "$(ls -A "$TMP/iso-$n")" ]' \
        "exit $rc: $(head -c 300 "$TMP/err") files: $(ls -A "$TMP/iso-$n")"
done
"$NARRATE" --no-cache render samples/short.txt -o "$TMP/after.mp3" -q 2>"$TMP/err"; rc=$?
d=$(duration "$TMP/after.mp3")
check "then a normal render succeeds (${d:-no} s)" '[ $rc = 0 ] && positive "$d"' "exit $rc: $(head -c 300 "$TMP/err")"

# ---------------------------------------------------------------- serve
# Every hostile text under its file name, a good article and a crashing one
# (the crash voice, lib.sh), requested in turn; the crash three times.
crash_voices
ART=$TMP/articles
mkdir -p "$ART"
cp "${TEXTS[@]}" "$ART/"
cp samples/short.txt "$ART/good.txt"
printf 'Voice: crash\n\nKaboom\n' >"$ART/crash.txt"   # no title: no byte is out before the crash
"$NARRATE" serve --listen 127.0.0.1:0 --articles "$ART" --workers 2 2>"$TMP/server.log" &
SERVER=$!
port=$(listening_port "$TMP/server.log" "$SERVER")
URL=http://127.0.0.1:$port
check "server starts and prints its address" '[ -n "$port" ]' "$(head -c 300 "$TMP/server.log")"
field() { curl -s "$URL/healthz" | sed -n "s/.*\"$1\":\([0-9]*\).*/\1/p"; }
code() { curl -s -o /dev/null -w '%{http_code}' "$@"; }

half=$(( ${#TEXTS[@]} / 2 ))
ids=(crash)
for f in "${TEXTS[@]:0:half}"; do ids+=("$(name "$f")"); done
ids+=(crash)
for f in "${TEXTS[@]:half}"; do ids+=("$(name "$f")"); done
ids+=(crash)
crashes=0
for id in "${ids[@]}"; do
    r=$(curl -s -o "$TMP/body" -w '%{http_code} %{content_type}' "$URL/audio/$id.mp3")
    after="then /healthz $(code "$URL/healthz"), /audio/good.mp3 $(code "$URL/audio/good.mp3")"
    if [ "$id" = crash ]; then
        crashes=$((crashes + 1))
        check "GET /audio/crash.mp3: 500 with a JSON error; $after" \
            '[ "${r%% *}" = 500 ] && grep -q "\"error\":\".*worker" "$TMP/body" && [ "$after" = "then /healthz 200, /audio/good.mp3 200" ]' \
            "$r $(head -c 200 "$TMP/body" | tr -cd '[:print:]')"
    else
        d=$(duration "$TMP/body")
        check "GET /audio/$id.mp3: 200 audio/mpeg (${d:-no} s); $after" \
            '[ "$r" = "200 audio/mpeg" ] && positive "$d" && [ "$after" = "then /healthz 200, /audio/good.mp3 200" ]' \
            "$r $(head -c 200 "$TMP/body" | tr -cd '[:print:]')"
    fi
done
c=$(field crashed)
check "/healthz counts $crashes crashed workers, one per crashing request" '[ "$c" = "$crashes" ]' "crashed ${c:-?}"
check "the server is still running" 'kill -0 "$SERVER" 2>/dev/null'
kill -TERM "$SERVER"
wait_gone "$SERVER"; gone=$?
[ $gone = 0 ] || kill -9 "$SERVER"
wait "$SERVER"; rc=$?
check "SIGTERM: exit 0" '[ $gone = 0 ] && [ "$rc" = 0 ]' "rc $rc: $(tail -3 "$TMP/server.log")"

finish
