#!/usr/bin/env bash
# serve.sh - `narrate serve` over loopback HTTP: endpoints, ranges, bad ids, limits, crashes, shared renders, slow clients, load.
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
check "article page: title, byline, paragraphs, the embed's two lines" \
    'grep -q "<h1 data-part=\"title\">U.S. Sends Reinforcements" "$TMP/seed.html" && grep -q "By James Thompson" "$TMP/seed.html" && grep -q "data-p=\"3\"" "$TMP/seed.html" && grep -q "<div data-narrate-article=\"seed\"" "$TMP/seed.html" && grep -q "<script src=\"/embed.js\" async>" "$TMP/seed.html"'
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
post() { curl -s -o "$TMP/post" -w '%{http_code}' -H 'Content-Type: application/json' "$@" "$URL/api/v1/audio?wait=1"; }
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
# 200 slow connections from 127.0.0.1, held until slowloris is told to stop, so every
# request below is made while they are open; the other client is 127.0.0.2 (the whole
# of 127/8 is loopback). Past --max-client-connections (64 by default) the server closes
# the slow address's connections at once; the other client's requests keep succeeding,
# however long they take on a loaded machine (curl's -m is generous).
"$TMP/slowloris" "${URL##*:}" 200 600 >"$TMP/slow.out" &
slow=$!
for _ in $(seq 600); do grep -q '^opened' "$TMP/slow.out" && break; sleep 0.1; done
good=0 bad=0
for _ in $(seq 12); do
    if [ "$(curl -s -m 60 --interface 127.0.0.2 -o /dev/null -w '%{http_code}' "$URL/audio/short.mp3")" = 200 ] &&
       [ "$(curl -s -m 60 --interface 127.0.0.2 -o /dev/null -w '%{http_code}' "$URL/healthz")" = 200 ] &&
       kill -0 "$slow" 2>/dev/null; then
        good=$((good + 1)); else bad=$((bad + 1)); fi
    sleep 0.2
done
kill -TERM "$slow"; wait "$slow"
# Once they have gone, the slow address is served again (waited for: a bound of a minute).
back=000
for _ in $(seq 600); do back=$(curl -s -m 10 -o /dev/null -w '%{http_code}' "$URL/healthz"); [ "$back" = 200 ] && break; sleep 0.1; done
check "200 slow connections from one address: another address's requests keep succeeding" '[ "$bad" = 0 ]' "good $good bad $bad"
check "the slow address, its connections closed, is served again" '[ "$back" = 200 ]' "$back"
check "one address holds at most --max-client-connections (64): the rest closed" \
    'grep -qE "^opened 200 closed (13[6-9]|1[4-9][0-9]|200) " "$TMP/slow.out"' "$(tail -1 "$TMP/slow.out")"
echo "     slowloris: $(tail -1 "$TMP/slow.out"); meanwhile $good/$((good + bad)) requests from 127.0.0.2 200"
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
# A byte a second keeps MHD's idle timeout from ever firing: --receive-timeout is
# absolute. A generous --timeout, a 2 s receive deadline: all closed, none before 2 s.
"$NARRATE" serve --listen 127.0.0.1:0 --articles "$ART" --timeout 600 --receive-timeout 2 2>"$TMP/trickle.log" &
trickle_server=$!
"$TMP/slowloris" "$(listening_port "$TMP/trickle.log" $trickle_server)" 5 120 until-closed >"$TMP/trickle.out"
kill -TERM $trickle_server; wait $trickle_server
check "headers trickling a byte a second: closed at --receive-timeout" \
    'grep -qE "opened 5 closed 5 first_close_s ([2-9]|[1-9][0-9]+) " "$TMP/trickle.out"' "$(cat "$TMP/trickle.out")"

# ---------------------------------------------------------------- load
if command -v wrk >/dev/null; then
    wrk -t2 -c16 -d2s --timeout 60s "$URL/audio/short.mp3" >"$TMP/wrk" 2>&1
    check "wrk on a cached MP3: no errors" \
        'grep -q "Requests/sec" "$TMP/wrk" && ! grep -qE "Non-2xx|Socket errors" "$TMP/wrk"' "$(cat "$TMP/wrk")"
    echo "     wrk: $(grep Requests/sec "$TMP/wrk")"
else
    echo "skip wrk: not installed (make deps)"
fi

# The browser (the embed and this page in chromium): tests/browser.sh.
check "the article page names no audio or timings URL (nothing renders on view)" \
    '! grep -qE "/(audio|cache)/" "$TMP/seed.html"'

# ---------------------------------------------------------------- clean stop
kill -TERM "$SERVER"; wait "$SERVER"
mv "$TMP/server.log" "$TMP/main.log"
# A server whose worker stalls once the stream has begun (lib.sh: stalled): the render
# can never end, so a server that waited for it would never exit; it drains for 1 s.
printf 'Title: Cut short\n\nThis much is spoken. Then comes Molasses, which never is.\n' >"$ART/stop.txt"
lkey=$("$NARRATE" key "$ART/stop.txt")
# The library cannot interrupt a piece in synthesis (it waits for a worker up to its
# synthesis timeout), so the server's stop would wait for the stalled piece that long:
# a render deadline measured in this run bounds the wait instead.
stall_on Molasses
start_server --workers 2 --drain-timeout 1 --render-timeout "$(short_deadline)"
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

# ---------------------------------------------------------------- in production (issue 20)
# Logs and replies that cannot be abused: URLs with control bytes, non-UTF-8, quotes and
# a forged log line; every reply body collected; one log line per request.
FZ=$TMP/fuzz
mkdir -p "$FZ"
start_server --workers 2
: >"$FZ/bodies"
urls=('/nope%0a10.0.0.1%20-%20-%20%5b01/Jan/2026:00:00:00%20+0000%5d%20%22GET%20/admin%20HTTP/1.1%22%20200%201%1b[31m'
      '/audio/%1b%5d0;pwned%07.mp3' '/articles/%0d%0aX-Injected:%201' '/%ff%fe%c2%85%e2%80%a8' '/%22%5c%22'
      '/audio/..%2f..%2f..%2fetc%2fpasswd.mp3' '/articles/%00' '/cache/%7f.mp3' '/%c0%af' '/%08%08%08%08200')
for i in $(seq 40); do urls+=("/x$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n' | sed 's/../%&/g')"); done
for u in "${urls[@]}"; do
    curl -s -g --path-as-is "$URL$u" >>"$FZ/bodies"; echo >>"$FZ/bodies"
done
n=${#urls[@]}
kill -TERM "$SERVER"; wait "$SERVER"
lines=$(grep -c '^127\.0\.0\.1 - - \[' "$TMP/server.log")
check "log fuzz: $n requests, $n access log lines, none forged" \
    '[ "$lines" = "$n" ] && ! grep -q "^10\.0\.0\.1" "$TMP/server.log"' "lines $lines of $n"
check "log fuzz: no raw control byte in the log" '! LC_ALL=C grep -q "[[:cntrl:]]" <(tr -d "\n" <"$TMP/server.log")' \
    "$(LC_ALL=C grep -n "[[:cntrl:]]" <(tr -d "\n" <"$TMP/server.log") | head -3 | od -c | head)"
check "log fuzz: escaped as \\x1b, \\x0a, \\xff" \
    'grep -qF "\\x0a10.0.0.1" "$TMP/server.log" && grep -qF "\\x1b[31m" "$TMP/server.log" && grep -qF "\\xff\\xfe\\xc2\\x85" "$TMP/server.log"'
check "log fuzz: the log is valid UTF-8" 'iconv -f UTF-8 -t UTF-8 "$TMP/server.log" >/dev/null 2>&1'
check "log fuzz: no reply body names a directory of this machine" \
    '! grep -qE "$TMP|$PWD|/(tmp|etc|home|root|usr|var|srv|work|proc)/" "$FZ/bodies"' "$(grep -E "/(tmp|etc|work)/" "$FZ/bodies" | head -3)"

# An error with a file in it: an article listed while good, then rewritten in place with a
# NUL byte (the directory's mtime unchanged, so the listing stands) fails to load with
# "binary data ... '<its path>'": the reply names the problem, never the path; the log
# has the path.
printf 'Title: Unlucky\n\nGood at first.\n' >"$ART/unlucky.txt"
start_server --workers 2 --log-format json
printf 'Title: Unlucky\n\nA NUL \0 now.\n' >"$ART/unlucky.txt"
c=$(curl -s -o "$TMP/unlucky" -w '%{http_code}' "$URL/audio/unlucky.mp3")
kill -TERM "$SERVER"; wait "$SERVER"
rm -f "$ART/unlucky.txt"
check "an error about a file: a JSON error without the path" \
    '[ "$c" = 400 ] && grep -q "\"error\":\"binary data" "$TMP/unlucky" && ! grep -qF "$ART" "$TMP/unlucky" && ! grep -qE "/(tmp|work)/" "$TMP/unlucky"' \
    "$c $(cat "$TMP/unlucky")"
check "--log-format json: one JSON object a line, the path in its error" \
    'grep -v "^narrate: " "$TMP/server.log" | jq -e -s "length >= 1 and all(.status != null and .route != null)" >/dev/null &&
     grep "unlucky" "$TMP/server.log" | grep -qF "$ART/unlucky.txt"' "$(cat "$TMP/server.log")"

# ---------------------------------------------------------------- keys and quotas
KEYS=$TMP/api-keys
printf '# name and quotas after the key\nsecret-key-for-the-cms-0001 cms\nsecret-key-small-quota-0002 small renders_per_minute=1\n' >"$KEYS"
printf 'secret-key-for-the-other-0003 other\n' >"$TMP/key3"
printf 'Title: Keyed\n\nOnly a key starts this render.\n' >"$ART/keyed.txt"
start_server --workers 2 --api-keys "$KEYS"
renders0=$(field renders)
for i in $(seq 100); do
    printf '{"title":"Anonymous %d","body":"Render me for free, number %d."}' "$i" "$i" >"$TMP/anon.json"
    curl -s -o /dev/null -w '%{http_code}\n' -H 'Content-Type: application/json' --data-binary @"$TMP/anon.json" "$URL/api/v1/audio"
done >"$TMP/anon.codes"
check "100 unauthenticated POSTs: 100 x 401" '[ "$(grep -cx 401 "$TMP/anon.codes")" = 100 ]' "$(sort "$TMP/anon.codes" | uniq -c)"
check "100 unauthenticated POSTs: 0 renders" '[ "$(field renders)" = "$renders0" ]' "renders $(field renders) (was $renders0)"
curl -s -D "$TMP/h401" -o /dev/null -H 'Authorization: Bearer wrong-key-but-well-formed-0000' --data-binary @samples/short.json "$URL/api/v1/audio"
check "a wrong key: 401 with WWW-Authenticate: Bearer" \
    'head -1 "$TMP/h401" | grep -q " 401 " && grep -qi "^WWW-Authenticate: Bearer" "$TMP/h401"'
check "a cold article without a key: 401" '[ "$(code "$URL/audio/keyed.mp3")" = 401 ]'
check "a cold article with a key: 200" '[ "$(code -H "Authorization: Bearer secret-key-for-the-cms-0001" "$URL/audio/keyed.mp3")" = 200 ]'
check "cached audio stays public" '[ "$(code "$URL/audio/keyed.mp3")" = 200 ] && [ "$(code "$URL/audio/short.mp3")" = 200 ]'
small() { curl -s -D "$TMP/hq" -o "$TMP/q" -w '%{http_code}' -H 'Authorization: Bearer secret-key-small-quota-0002' \
          -H 'Content-Type: application/json' --data-binary "{\"title\":\"Quota $1\",\"body\":\"Short piece number $1.\"}" "$URL/api/v1/audio?wait=1"; }
q1=$(small 1); q2=$(small 2)
check "a key over its quota (1 render a minute): 429 with Retry-After" \
    '[ "$q1" = 200 ] && [ "$q2" = 429 ] && grep -qiE "^Retry-After: [0-9]+" "$TMP/hq"' "$q1 $q2 $(cat "$TMP/hq" "$TMP/q")"
c=$(curl -s -o /dev/null -w '%{http_code}' -H 'Authorization: Bearer secret-key-for-the-cms-0001' \
    -H 'Content-Type: application/json' --data-binary '{"title":"Other","body":"Another key is not held back."}' "$URL/api/v1/audio?wait=1")
check "another key meanwhile: 200" '[ "$c" = 200 ]' "$c"
check "the other key fails before SIGHUP" \
    '[ "$(code -H "Authorization: Bearer secret-key-for-the-other-0003" --data-binary @samples/short.json "$URL/api/v1/audio")" = 401 ]'
cat "$TMP/key3" >>"$KEYS"
kill -HUP "$SERVER"
for _ in $(seq 600); do grep -q "SIGHUP: 3 API keys" "$TMP/server.log" && break; sleep 0.1; done
check "SIGHUP re-reads the keys" \
    '[ "$(code -H "Authorization: Bearer secret-key-for-the-other-0003" -H "Content-Type: application/json" --data-binary @samples/short.json "$URL/api/v1/audio")" = 200 ]'
curl -s "$URL/metrics" >"$TMP/metrics"
kill -TERM "$SERVER"; wait "$SERVER"
check "keys never reach the log; their names do" \
    '! grep -q "secret-key" "$TMP/server.log" && grep -q " - cms \[" "$TMP/server.log"'
check "/metrics: requests by route and status, quota and 401 counts" \
    'grep -q "^narrate_http_requests_total{route=\"api\",status=\"401\"} 10[0-9]" "$TMP/metrics" &&
     grep -q "^narrate_quota_rejections_total{quota=\"renders_per_minute\"} 1$" "$TMP/metrics" &&
     grep -q "^narrate_unauthorized_total 10[0-9]$" "$TMP/metrics"' "$(grep -E "api|quota|unauth" "$TMP/metrics")"
check "/metrics: histograms, queue, workers, cache" \
    'grep -q "^narrate_render_seconds_bucket{le=\"+Inf\"} [1-9]" "$TMP/metrics" && grep -q "^narrate_audio_ttfb_seconds_count [1-9]" "$TMP/metrics" &&
     grep -q "^narrate_queue_depth 0$" "$TMP/metrics" && grep -q "^narrate_workers_alive " "$TMP/metrics" &&
     grep -q "^narrate_workers_crashed_total 0$" "$TMP/metrics" && grep -q "^narrate_cache_hits_total [1-9]" "$TMP/metrics"' "$(cat "$TMP/metrics")"

# Quotas of an address (no keys): 1 render at once; a second cold article meanwhile is
# 429, a join of the same render is not (it costs nothing).
stall_on Molasses
printf 'Title: Held\n\nThis much is spoken. Then comes Molasses, which never is.\n' >"$ART/held.txt"
# The held render's piece never ends: a deadline measured in this run bounds the
# server's stop (the library cannot interrupt a piece in synthesis).
start_server --workers 2 --client-concurrent 1 --render-timeout "$(short_deadline)" --drain-timeout 1
stall_off
curl -s -o "$TMP/held1" "$URL/audio/held.mp3" &
for _ in $(seq 600); do [ -s "$TMP/held1" ] && break; sleep 0.1; done
printf 'Title: Second at once\n\nNot while the first one runs.\n' >"$ART/second.txt"
c2=$(curl -s -D "$TMP/hc" -o /dev/null -w '%{http_code}' "$URL/audio/second.mp3")
check "an address over --client-concurrent: 429 with Retry-After" \
    '[ -s "$TMP/held1" ] && [ "$c2" = 429 ] && grep -qi "^Retry-After: " "$TMP/hc"' "$c2"
kill -TERM "$SERVER"; wait "$SERVER"
rm -f "$ART/held.txt"

# ---------------------------------------------------------------- a render no one listens to
# Five times samples/long.txt: a render of minutes here; its reader leaves after the
# first bytes, and the render is cancelled at its next ones (no entry left).
{ echo "Title: Nobody listens"; echo; for _ in 1 2 3 4 5; do sed '1,/^$/d' samples/long.txt; done; } >"$ART/nobody.txt"
nkey=$("$NARRATE" key "$ART/nobody.txt")
start_server --workers 2
curl -s -N "$URL/audio/nobody.mp3" | head -c 1000 >/dev/null
cancelled=0
for _ in $(seq 1200); do
    cancelled=$(curl -s "$URL/metrics" | sed -n 's/^narrate_renders_cancelled_total //p')
    [ "$cancelled" = 1 ] && break; sleep 0.1
done
for _ in $(seq 1200); do [ "$(curl -s "$URL/metrics" | sed -n 's/^narrate_workers_busy //p')" = 0 ] && break; sleep 0.1; done
busy=$(curl -s "$URL/metrics" | sed -n 's/^narrate_workers_busy //p')
kill -TERM "$SERVER"; wait "$SERVER"
check "a render whose reader left is cancelled, its worker freed, no entry" \
    '[ "$cancelled" = 1 ] && [ "$busy" = 0 ] && [ ! -e "$NARRATE_CACHE/${nkey:0:2}/$nkey.mp3" ]' "cancelled $cancelled busy $busy"
rm -f "$ART/nobody.txt"

# ---------------------------------------------------------------- the cache bound
# 30 small renders with --cache-max-size 200K: after them (and after the server's
# last prune, at its stop) the cache holds at most 200 KiB; evictions counted.
BND=$TMP/bound
mkdir -p "$BND/articles"
for i in $(seq 30); do printf 'Title: Brief %d\n\nNumber %d.\n' "$i" "$i" >"$BND/articles/b$i.txt"; done
main_cache=$NARRATE_CACHE
export NARRATE_CACHE=$BND/cache
start_server --workers 2 --articles "$BND/articles" --cache-max-size 200K
export NARRATE_CACHE=$main_cache
for i in $(seq 30); do curl -s -o /dev/null "$URL/audio/b$i.mp3"; done
# The pruner runs in the background, at most every 2 s: wait for its pass (bounded).
for _ in $(seq 600); do
    evicted=$(curl -s "$URL/metrics" | sed -n 's/^narrate_cache_evictions_total //p')
    [ "${evicted:-0}" -gt 0 ] && break; sleep 0.1
done
kill -TERM "$SERVER"; wait "$SERVER"
bytes=$(find "$BND/cache" -type f -printf '%s\n' | awk '{ s += $1 } END { print s + 0 }')
check "--cache-max-size 200K after 30 renders: the cache at most 200 KiB" '[ "$bytes" -le 204800 ] && [ "$bytes" -gt 0 ]' "bytes $bytes"
check "--cache-max-size: evictions counted in /metrics" '[ "${evicted:-0}" -gt 0 ]' "evicted $evicted"
echo "     cache after 30 renders: $bytes bytes (bound 204800)"

# ---------------------------------------------------------------- hot path: LRU of plays, edits seen
# A hit marks its entry used (the LRU prunes go by) once per NARRATE_SERVE_TOUCH_S seconds
# (default 60; the clock injected here): so a prune evicts what was played least recently.
HOT=$TMP/hot
mkdir -p "$HOT/articles"
printf 'Title: Played\n\nPlayed often.\n' >"$HOT/articles/played.txt"
printf 'Title: Ignored\n\nNever played again.\n' >"$HOT/articles/ignored.txt"
main_cache=$NARRATE_CACHE
export NARRATE_CACHE=$HOT/cache
pkey=$("$NARRATE" key "$HOT/articles/played.txt") ikey=$("$NARRATE" key "$HOT/articles/ignored.txt")
"$NARRATE" render "$HOT/articles/played.txt" -o "$TMP/p.mp3" -q
"$NARRATE" render "$HOT/articles/ignored.txt" -o "$TMP/i.mp3" -q
paudio=$HOT/cache/${pkey:0:2}/$pkey.mp3 iaudio=$HOT/cache/${ikey:0:2}/$ikey.mp3
touch -d '3 hours ago' "$paudio"; touch -d '2 hours ago' "$iaudio"   # played: the older
NARRATE_SERVE_TOUCH_S=3600 start_server --workers 1 --articles "$HOT/articles"
export NARRATE_CACHE=$main_cache
curl -s -o /dev/null "$URL/audio/played.mp3"
first=$(stat -c %Y "$paudio")
touch -d '3 hours ago' "$paudio"
for _ in 1 2 3 4 5; do curl -s -o /dev/null "$URL/audio/played.mp3"; done
later=$(stat -c %Y "$paudio")
kill -TERM "$SERVER"; wait "$SERVER"
check "a hit marks its entry used, then not again within the interval" \
    '[ "$first" -gt "$(( $(date +%s) - 3600 ))" ] && [ "$later" -lt "$(( $(date +%s) - 3600 ))" ]' "first $first later $later"
NARRATE_CACHE=$HOT/cache NARRATE_SERVE_TOUCH_S=0 start_server --workers 1 --articles "$HOT/articles"
curl -s -o /dev/null "$URL/audio/played.mp3"; curl -s -o /dev/null "$URL/audio/played.mp3"
touch -d '3 hours ago' "$paudio"
curl -s -o /dev/null "$URL/audio/played.mp3"
again=$(stat -c %Y "$paudio")
kill -TERM "$SERVER"; wait "$SERVER"
check "with the interval 0 every hit marks it" '[ "$again" -gt "$(( $(date +%s) - 3600 ))" ]' "again $again"
# Both entries old, the played one older; one play, then a prune that keeps one entry.
touch -d '3 hours ago' "$paudio"; touch -d '2 hours ago' "$iaudio"
NARRATE_CACHE=$HOT/cache start_server --workers 1 --articles "$HOT/articles"
curl -s -o /dev/null "$URL/audio/played.mp3"
keep=$(( $(cat "$HOT/cache/${pkey:0:2}/$pkey".* | wc -c) + 1000 ))
NARRATE_CACHE=$HOT/cache "$NARRATE" cache prune --max-size "$keep" >/dev/null
check "cache prune evicts the entry played least recently, not the most played" \
    '[ -e "$paudio" ] && [ ! -e "$iaudio" ]'
# Edits while serving: the next request has the new text's audio (ETag: its key), a
# removed article is gone, an added one is there; no stat needed when watched (inotify).
printf 'Title: Played\n\nPlayed often, and edited.\n' >>"$HOT/articles/played.txt"
ekey=$(NARRATE_CACHE=$HOT/cache "$NARRATE" key "$HOT/articles/played.txt")
etag=$(curl -s -D - -o /dev/null "$URL/audio/played.mp3" | tr -d '\r' | sed -n 's/^ETag: "\(.*\)"/\1/p')
etag2=$(curl -s -D - -o /dev/null "$URL/audio/played.mp3" | tr -d '\r' | sed -n 's/^ETag: "\(.*\)"/\1/p')
check "an article edited in place while served: its new audio" '[ "$ekey" != "$pkey" ] && [ "$etag2" = "$ekey" ]' "etag $etag / $etag2 want $ekey"
printf 'Title: Fresh\n\nJust added.\n' >"$HOT/fresh.txt"; mv "$HOT/fresh.txt" "$HOT/articles/fresh.txt"
rm -f "$HOT/articles/ignored.txt"
check "an article added while served is listed, a removed one is gone" \
    '[ "$(code "$URL/articles/fresh")" = 200 ] && [ "$(code "$URL/articles/ignored")" = 404 ]'
kill -TERM "$SERVER"; wait "$SERVER"

# ---------------------------------------------------------------- drain on SIGTERM
# A render under way when SIGTERM comes: its stream finishes whole, then exit 0.
sed 's/^Title: .*/Title: Drained/' samples/seed.txt >"$ART/drained.txt"
dkey=$("$NARRATE" key "$ART/drained.txt")
start_server --workers 2 --drain-timeout 600
curl -s -o "$TMP/drained.mp3" "$URL/audio/drained.mp3" & dcurl=$!
for _ in $(seq 600); do [ -s "$TMP/drained.mp3" ] && break; sleep 0.1; done
kill -TERM "$SERVER"
wait "$dcurl"; crc=$?
wait "$SERVER"; rc=$?
check "SIGTERM mid-stream: the stream finishes whole, exit 0, the entry kept" \
    '[ "$crc" = 0 ] && [ "$rc" = 0 ] && [ -e "$NARRATE_CACHE/${dkey:0:2}/$dkey.mp3" ]' "curl $crc server $rc"

# ---------------------------------------------------------------- --config, --help, the unit
cat >"$TMP/serve.conf" <<CONF
# a comment
[serve]
listen = 127.0.0.1:0
articles = $ART
log-format = json
CONF
"$NARRATE" serve --config "$TMP/serve.conf" 2>"$TMP/conf.log" &
SERVER=$!
port=$(listening_port "$TMP/conf.log" "$SERVER")
curl -s -o /dev/null "http://127.0.0.1:$port/healthz"
kill -TERM "$SERVER"; wait "$SERVER"
check "--config: INI options (listen, articles, log-format)" \
    '[ -n "$port" ] && grep "^{" "$TMP/conf.log" | jq -e "select(.route == \"healthz\") | .status == 200" >/dev/null' "$(cat "$TMP/conf.log")"
printf 'nonsense = 1\n' >"$TMP/bad.conf"
check "--config: an unknown option is a usage error" \
    '"$NARRATE" serve --config "$TMP/bad.conf" 2>&1 | grep -qF "unknown option in --config file '"'nonsense'"'"'
"$NARRATE" serve --help >"$TMP/help"
opts=$(grep -oE "^  --[a-z-]+" "$TMP/help" | wc -l)
check "serve --help: a default for each of its $opts options" '[ "$(grep -c "(default" "$TMP/help")" -ge "$opts" ]' "$(cat "$TMP/help")"
if command -v systemd-analyze >/dev/null; then
    mkdir -p "$TMP/unit"
    sed -e "s|@BINDIR@|$PWD/$BUILD|; s|@SYSCONFDIR@|/etc|g" dist/narrate.service.in >"$TMP/unit/narrate.service"
    systemd-analyze verify --man=no "$TMP/unit/narrate.service" 2>"$TMP/unit/err"; vrc=$?
    check "systemd-analyze verify narrate.service" '[ "$vrc" = 0 ] && [ ! -s "$TMP/unit/err" ]' "$(cat "$TMP/unit/err")"
else
    echo "skip systemd-analyze: not installed (make deps)"
fi

finish
