#!/usr/bin/env bash
# serve.sh - `narrate serve` over loopback HTTP: endpoints, ranges, bad ids, limits, crashes, shared renders, slow clients, load, browser.
set -u
. "$(dirname "$0")/lib.sh" serve "${1:-build}"
ARTIFACTS=$PWD/$BUILD/test-artifacts
mkdir -p "$ARTIFACTS"

# ---------------------------------------------------------------- set-up
ART=$TMP/articles
mkdir -p "$ART"
cp samples/short.txt samples/seed.txt samples/short.json samples/long.txt "$ART/"
# Kaboom aborts espeak-ng 1.51 in the crash voice (lib.sh): first, so no byte is out
# before it, and after a title, when the stream has begun.
crash_voices
printf 'Voice: crash\n\nKaboom\n' >"$ART/crash.txt"
printf 'Title: Crash\nVoice: crash\n\nKaboom\n' >"$ART/crashlate.txt"
for i in $(seq 20); do sed "s/^Title: .*/Title: Cold story $i/" samples/short.txt >"$ART/cold$i.txt"; done
sed 's/^Title: .*/Title: One story, fifty readers/' samples/seed.txt >"$ART/same.txt"
cc -std=c17 -D_GNU_SOURCE -O2 -o "$TMP/slowloris" tests/serve/slowloris.c

# start_server [options]: runs it in the background on a free port; sets URL, SERVER.
start_server() {
    rm -f "$TMP/server.log"   # never read the address of the server before
    "$NARRATE" serve --listen 127.0.0.1:0 --articles "$ART" "$@" 2>"$TMP/server.log" &
    SERVER=$!
    local port=$(listening_port "$TMP/server.log" "$SERVER")
    URL=http://127.0.0.1:$port
}
field() { curl -s "$URL/healthz" | sed -n "s/.*\"$1\":\([0-9]*\).*/\1/p"; }
code() { curl -s --path-as-is -o /dev/null -w '%{http_code}' "$@"; }
pct() { sort -n | awk -v p="$1" '{ v[NR] = $1 } END { i = int(NR * p / 100 + 0.999); if (i < 1) i = 1; print v[i] }'; }

start_server --workers 4 --max-queue 64 --timeout 120
check "server starts and prints its address" '[ "$URL" != "http://127.0.0.1:" ]' "$(cat "$TMP/server.log")"

# ---------------------------------------------------------------- pages
curl -s "$URL/" >"$TMP/index.html"
check "GET / lists the articles" \
    'grep -q "href=\"/articles/short\"" "$TMP/index.html" && grep -q "href=\"/articles/city-council-bike-lane\"" "$TMP/index.html"'
curl -s "$URL/articles/seed" >"$TMP/seed.html"
check "article page: title, byline, paragraphs, player" \
    'grep -q "<h1 data-part=\"title\">U.S. Sends Reinforcements" "$TMP/seed.html" && grep -q "By James Thompson" "$TMP/seed.html" && grep -q "data-p=\"3\"" "$TMP/seed.html" && grep -q "Listen to Article" "$TMP/seed.html" && grep -q "<audio id=\"nr-audio\"" "$TMP/seed.html"'
check "article page loads nothing from elsewhere" '! grep -qiE "(src|href)=\"(https?:)?//" "$TMP/seed.html"'
check "a JSON article is found by its id" '[ "$(code "$URL/articles/city-council-bike-lane")" = 200 ]'

# ---------------------------------------------------------------- audio: miss, hit, ranges
key=$("$NARRATE" key "$ART/short.txt")
r=$(curl -s -o "$TMP/miss.mp3" -w '%{http_code} %{content_type} %{time_starttransfer}' "$URL/audio/short.mp3")
check "cold MP3 streams: 200 audio/mpeg" '[ "${r% *}" = "200 audio/mpeg" ] && [ -s "$TMP/miss.mp3" ]' "$r"
echo "     cold MP3 time to first byte ${r##* } s"
curl -s -D "$TMP/h" -o "$TMP/hit.mp3" "$URL/audio/short.mp3"
tr -d '\r' <"$TMP/h" >"$TMP/hit.h"
check "hit: Content-Length, ETag is the key, Accept-Ranges" \
    'grep -qx "Content-Length: $(stat -c %s "$TMP/hit.mp3")" "$TMP/hit.h" && grep -qx "ETag: \"$key\"" "$TMP/hit.h" && grep -qx "Accept-Ranges: bytes" "$TMP/hit.h"'
check "hit: the cache entry's bytes" 'cmp -s "$TMP/hit.mp3" "$NARRATE_CACHE/${key:0:2}/$key.mp3"'
curl -s -H 'Range: bytes=1000-1999' -D "$TMP/h" -o "$TMP/part" "$URL/audio/short.mp3"
check "Range: 206, Content-Range, the right bytes" \
    'head -1 "$TMP/h" | grep -q " 206 " && grep -qi "^Content-Range: bytes 1000-1999/$(stat -c %s "$TMP/hit.mp3")" "$TMP/h" && cmp -s "$TMP/part" <(tail -c +1001 "$TMP/hit.mp3" | head -c 1000)'
curl -s -H 'Range: bytes=-500' -o "$TMP/tail" "$URL/audio/short.mp3"
check "suffix Range: the last 500 bytes" 'cmp -s "$TMP/tail" <(tail -c 500 "$TMP/hit.mp3")'
check "Range past the end: 416" '[ "$(code -H "Range: bytes=99999999-" "$URL/audio/short.mp3")" = 416 ]'
check "If-None-Match with the key: 304" '[ "$(code -H "If-None-Match: \"$key\"" "$URL/audio/short.mp3")" = 304 ]'
check "HEAD: headers only" '[ "$(curl -s -I "$URL/audio/short.mp3" | tr -d "\r" | grep -c "^ETag")" = 1 ]'
check "key URL: long Cache-Control" \
    'curl -s -D- -o /dev/null "$URL/cache/$key.mp3" | tr -d "\r" | grep -qx "Cache-Control: public, max-age=31536000, immutable"'
curl -s "$URL/audio/short.vtt" >"$TMP/t.vtt"
curl -s "$URL/audio/short.json" >"$TMP/t.json"
check "timings: WebVTT and JSON" 'head -1 "$TMP/t.vtt" | grep -q WEBVTT && grep -q "\"sentences\"" "$TMP/t.json"'

# ---------------------------------------------------------------- ids and paths
for u in /audio/nope.mp3 /articles/nope /audio/short.wav /audio/.hidden.mp3 /audio/../../etc/passwd.mp3 \
         '/audio/%2e%2e%2f%2e%2e%2fetc%2fpasswd.mp3' '/audio/..%2f..%2fetc%2fpasswd.mp3' \
         '/audio/%2e%2e.mp3' '/articles/..%2fMakefile' '/articles/%2e%2e' '/audio/a%00b.mp3' \
         "/audio/$(head -c 129 /dev/zero | tr '\0' a).mp3" /cache/../../etc/passwd.mp3 /nope; do
    c=$(code "$URL$u")
    [ "$c" = 404 ] || fail "404 for $u" "got $c"
done
ok "404 for unknown ids, traversal and encoded variants"
check "404 answers are JSON" 'curl -s "$URL/audio/nope.mp3" | grep -q "\"error\":\"no such article '"'nope'"'\""'

# ---------------------------------------------------------------- API and limits
post() { curl -s -o "$TMP/post" -w '%{http_code}' -H 'Content-Type: application/json' "$@" "$URL/api/v1/audio"; }
c=$(post --data-binary @samples/short.json)
check "POST a JSON article: key, url, duration" \
    '[ "$c" = 200 ] && grep -q "\"key\":\"$(cut -c1-8 <<<"$key")" "$TMP/post" && grep -q "\"url\":\"/cache/" "$TMP/post" && grep -q "\"duration_s\":3" "$TMP/post"' \
    "$c $(cat "$TMP/post")"
c=$(post --data-binary '{"title": "x", "body": "unterminated')
check "malformed JSON: 400 with a JSON error" '[ "$c" = 400 ] && grep -q "\"error\"" "$TMP/post"' "$c $(cat "$TMP/post")"
head -c 2000000 /dev/zero | tr '\0' a >"$TMP/big"
c=$(post --data-binary @"$TMP/big")
check "oversized body: 413" '[ "$c" = 413 ] && grep -q "too large" "$TMP/post"' "$c"
check "GET on the API: 405" '[ "$(code "$URL/api/v1/audio")" = 405 ]'

# ---------------------------------------------------------------- a crashing worker
crashed0=$(field crashed)
r=$(curl -s -o "$TMP/crash" -w '%{http_code}' "$URL/audio/crash.mp3")
check "espeak-ng crash: 500 with a JSON error" '[ "$r" = 500 ] && grep -q "\"error\":\".*worker" "$TMP/crash"' "$r $(cat "$TMP/crash")"
curl -s -o /dev/null "$URL/audio/crashlate.mp3"; r=$?
check "a crash after streaming began: the response is cut short, not completed" '[ "$r" = 18 ]' "curl exit $r"
check "the crash is counted in /healthz" '[ "$(field crashed)" -gt "$crashed0" ]'
check "the next request still renders" '[ "$(code "$URL/audio/cold1.mp3")" = 200 ]'
c=$(post --data-binary '{"title":"Crash","voice":"crash","body":"Kaboom"}')
check "crash through the API: 500 JSON" '[ "$c" = 500 ] && grep -q "\"error\"" "$TMP/post"' "$c $(cat "$TMP/post")"

# ---------------------------------------------------------------- 20 cold articles at once
r0=$(field renders)
# cold1 was rendered above: cold2..cold21 are the 20 cold ones.
sed "s/^Title: .*/Title: Cold story 21/" samples/short.txt >"$ART/cold21.txt"
for i in $(seq 2 21); do
    curl -s -o "$TMP/cold$i.mp3" -w "%{http_code} %{time_starttransfer}\n" "$URL/audio/cold$i.mp3" >"$TMP/cold$i.r" &
done
wait_curls() { for p in $(jobs -p); do [ "$p" = "$SERVER" ] || wait "$p"; done; }
wait_curls
cat "$TMP"/cold*.r >"$TMP/cold.all"
check "20 cold requests: all 200" '[ "$(grep -c "^200 " "$TMP/cold.all")" = 20 ]' "$(sort "$TMP/cold.all" | uniq -c | head)"
check "20 cold requests: 20 renders" '[ $(( $(field renders) - r0 )) = 20 ]' "renders $(( $(field renders) - r0 ))"
echo "     20 cold: TTFB p50 $(cut -d' ' -f2 "$TMP/cold.all" | pct 50) s, p95 $(cut -d' ' -f2 "$TMP/cold.all" | pct 95) s"

# ---------------------------------------------------------------- 50 requests, one cold article
r0=$(field renders)
for i in $(seq 50); do curl -s -o "$TMP/same$i.mp3" -w '%{http_code}\n' "$URL/audio/same.mp3" >"$TMP/same$i.r" & done
wait_curls
check "50 same-article requests: all 200" '[ "$(cat "$TMP"/same*.r | grep -c 200)" = 50 ]'
check "50 same-article requests: exactly one render" '[ $(( $(field renders) - r0 )) = 1 ]' "renders $(( $(field renders) - r0 ))"
# Readers who joined the render get its stream; on a slow machine (valgrind) some arrive
# after it ended and get the cache entry, whose tag is whole: two bodies at most then,
# one of them the entry's bytes, never those of a second render.
skey=$("$NARRATE" key "$ART/same.txt")
bodies=$(sha256sum "$TMP"/same*.mp3 | cut -d" " -f1 | sort -u)
check "50 same-article requests: identical bodies (the stream's, or the entry's)" \
    '[ "$(wc -l <<<"$bodies")" = 1 ] || { [ "$(wc -l <<<"$bodies")" = 2 ] &&
      grep -qx "$(sha256sum "$NARRATE_CACHE/${skey:0:2}/$skey.mp3" | cut -d" " -f1)" <<<"$bodies"; }' "$bodies"

# ---------------------------------------------------------------- slow clients
# The slow connections are held until slowloris is told to stop, so every request below
# is made while all 200 are open, however long the requests take on a loaded machine;
# a server locked out by them would leave curl waiting out its generous -m.
"$TMP/slowloris" "${URL##*:}" 200 600 >"$TMP/slow.out" &
slow=$!
for _ in $(seq 600); do grep -q '^opened' "$TMP/slow.out" && break; sleep 0.1; done
good=0 bad=0
for _ in $(seq 12); do
    if [ "$(curl -s -m 60 -o /dev/null -w '%{http_code}' "$URL/audio/short.mp3")" = 200 ] && kill -0 "$slow" 2>/dev/null; then
        good=$((good + 1)); else bad=$((bad + 1)); fi
    sleep 0.5
done
kill -TERM "$slow"; wait "$slow"
check "200 slow-header connections: normal requests keep succeeding" '[ "$bad" = 0 ]' "good $good bad $bad"
echo "     slowloris: $(tail -1 "$TMP/slow.out"); meanwhile $good/$((good + bad)) requests 200"
# Idle connections, on a server of their own whose --timeout is 3 s (the main one's is
# generous, so that a request queued behind cold renders on a slow machine, or one
# under valgrind, is never taken for idle): all closed by the server (waited for, up to
# 2 minutes), none before 3 s (a lower bound: a loaded machine can only make it later).
"$NARRATE" serve --listen 127.0.0.1:0 --articles "$ART" --timeout 3 2>"$TMP/idle.log" &
idle_server=$!
"$TMP/slowloris" "$(listening_port "$TMP/idle.log" $idle_server)" 5 120 idle >"$TMP/idle.out"
kill -TERM $idle_server; wait $idle_server
check "idle connections are closed after --timeout" \
    'grep -qE "opened 5 closed 5 first_close_s ([3-9]|[1-9][0-9]+) " "$TMP/idle.out"' "$(cat "$TMP/idle.out")"

# ---------------------------------------------------------------- load
if command -v wrk >/dev/null; then
    wrk -t2 -c16 -d2s --timeout 60s "$URL/audio/short.mp3" >"$TMP/wrk" 2>&1
    check "wrk on a cached MP3: no errors" \
        'grep -q "Requests/sec" "$TMP/wrk" && ! grep -qE "Non-2xx|Socket errors" "$TMP/wrk"' "$(cat "$TMP/wrk")"
    echo "     wrk: $(grep Requests/sec "$TMP/wrk")"
else
    echo "skip wrk: not installed (make deps)"
fi

# ---------------------------------------------------------------- the browser
if [ -n "${SANITIZE:-}" ]; then
    echo "skip browser test: the plain run has it"
elif ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null || ! command -v node >/dev/null; then
    echo "skip browser test: chromium, chromedriver or node not installed (make deps)"
else
    dport=$((20000 + RANDOM % 20000))
    chromedriver --port=$dport >"$TMP/chromedriver.log" 2>&1 &
    driver=$!
    for _ in $(seq 600); do curl -s "http://127.0.0.1:$dport/status" | grep -q '"ready":true' && break; sleep 0.1; done
    node tests/browser/article.mjs "http://127.0.0.1:$dport" "$URL/articles/seed" "$ARTIFACTS/article.png" >"$TMP/browser" 2>&1
    while IFS= read -r line; do
        case $line in
        ok\ *) ok "browser: ${line#ok }" ;;
        FAIL\ *) fail "browser: ${line#FAIL }" ;;
        *) echo "     $line" ;;
        esac
    done <"$TMP/browser"
    kill "$driver" 2>/dev/null; wait "$driver" 2>/dev/null
fi

# ---------------------------------------------------------------- clean stop
kill -TERM "$SERVER"; wait "$SERVER"
mv "$TMP/server.log" "$TMP/main.log"
# A server whose worker stalls once the stream has begun (lib.sh: stalled): the render
# can never end, so a server that waited for it would never exit.
printf 'Title: Cut short\n\nThis much is spoken. Then comes Molasses, which never is.\n' >"$ART/stop.txt"
lkey=$("$NARRATE" key "$ART/stop.txt")
stall_on Molasses
start_server --workers 2
stall_off
curl -s -o "$TMP/long.part" "$URL/audio/stop.mp3" &
for _ in $(seq 600); do [ -s "$TMP/long.part" ] && break; sleep 0.1; done
kill -TERM "$SERVER"
wait_gone "$SERVER"; gone=$?
wait "$SERVER"; rc=$?
check "SIGTERM mid-render (a render that cannot end): exit 0" '[ -s "$TMP/long.part" ] && [ $gone = 0 ] && [ "$rc" = 0 ]' \
    "bytes $(stat -c %s "$TMP/long.part") gone $gone rc $rc"
[ $gone = 0 ] || kill -9 "$SERVER" 2>/dev/null
check "an abandoned render leaves no cache entry" \
    '[ ! -e "$NARRATE_CACHE/${lkey:0:2}/$lkey.mp3" ] && [ -z "$(find "$NARRATE_CACHE" -name "*.tmp*" -o -name ".*$lkey*")" ]' \
    "$(ls -a "$NARRATE_CACHE/${lkey:0:2}/" 2>&1)"
check "access log in common log format" \
    'grep -qE "^127\.0\.0\.1 - - \[[0-9]{2}/[A-Z][a-z]{2}/[0-9]{4}:[0-9:]{8} [-+][0-9]{4}\] \"GET /audio/short.mp3 HTTP/1.1\" 200 [0-9]+" "$TMP/main.log"'
check "usage error: bad --workers" '"$NARRATE" serve --workers 0 2>&1 | grep -q "narrate: error: --workers out of range 1..64 '"'0'"'"'
check "runtime error: an address not ours" \
    '"$NARRATE" serve --listen 192.0.2.1:8080 2>&1 | grep -q "narrate: error: cannot listen on '"'192.0.2.1:8080'"'"'

# ---------------------------------------------------------------- limits
LIM=$TMP/limits
mkdir "$LIM"
cp samples/short.txt "$LIM/"
{ printf 'Title: Too big\n\n'; for _ in $(seq 5000); do printf 'words are many '; done; echo; } >"$LIM/big.txt"
# The long POST stalls (lib.sh: stalled), so only the deadline ends it; the deadline is
# ten times a short render here and now (at least 2 s), so short.mp3 renders under it.
deadline=$(short_deadline)
stall_on Halloran
start_server --articles "$LIM" --render-timeout $deadline --max-input 40K --workers 2
stall_off
check "--max-input: a larger article file is not served" \
    '[ "$(code "$URL/audio/big.mp3")" = 404 ] && [ "$(code "$URL/audio/short.mp3")" = 200 ]'
check "--max-input: the server log says why" \
    'grep -qF "narrate: warning: not served: article larger than the limit of 40960 bytes '"'$LIM/big.txt'"'" "$TMP/server.log"' \
    "$(grep warning "$TMP/server.log")"
jq -Rs '{title: "Long", body: .}' samples/long.txt >"$TMP/long.json"
c=$(post --data-binary @"$TMP/long.json")
check "--render-timeout: past the deadline, 500 with a JSON error naming it" \
    '[ "$c" = 500 ] && grep -qF "\"error\":\"render took longer than the deadline of $deadline s '"'Long'"'\"" "$TMP/post"' "$c $(cat "$TMP/post")"
check "--render-timeout: abandoned workers are not counted as crashes" '[ "$(field crashed)" = 0 ]'
head -c 41000 /dev/zero | tr '\0' a >"$TMP/41k"
c=$(post --data-binary @"$TMP/41k")
check "--max-input: a larger POST body, 413 naming the limit" \
    '[ "$c" = 413 ] && grep -qF "limit 40960 bytes" "$TMP/post"' "$c $(cat "$TMP/post")"
kill -TERM "$SERVER"
wait "$SERVER"

# ---------------------------------------------------------------- first-hour papercuts (issue 22)
start_server
printf '%%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n' >"$TMP/report.pdf"
c=$(curl -s -o "$TMP/post" -w '%{http_code}' -H 'Content-Type: application/pdf' --data-binary @"$TMP/report.pdf" "$URL/api/v1/audio")
check "a POSTed PDF: 400 naming the format" \
    '[ "$c" = 400 ] && grep -qF "not an article (PDF document)" "$TMP/post"' "$c $(cat "$TMP/post")"
kill -TERM "$SERVER"
wait "$SERVER"
"$NARRATE" serve --help >"$TMP/serve-help"
check "serve --help: the default articles directory, absolute" \
    'grep -qF "(default $PWD/samples)" "$TMP/serve-help"' "$(cat "$TMP/serve-help")"
(cd / && exec "$NARRATE" serve --listen 127.0.0.1:0) 2>"$TMP/default.log" &
SERVER=$!
port=$(listening_port "$TMP/default.log" "$SERVER")
check "serve from another directory: the samples by absolute path" \
    '[ -n "$port" ] && grep -qF "serving $PWD/samples on" "$TMP/default.log" &&
     [ "$(code "http://127.0.0.1:$port/articles/short")" = 200 ]' "$(cat "$TMP/default.log")"
kill -TERM "$SERVER"
wait "$SERVER"
check "no --articles directory: the error names the option" \
    '(cd / && "$NARRATE" serve --listen 127.0.0.1:0 --articles nowhere 2>&1) | grep -qF "cannot read articles directory (--articles DIR) '"'nowhere'"'"'

finish
