#!/usr/bin/env bash
# browser.sh - the newsroom embed (/embed.js) in Debian's chromium through puppeteer-core, on a host page of another origin.
# The page's and the server's request counts before the click, play, read-along, seeks, keys,
# CORS and the demo page (tests/browser/embed.mjs); screenshots at 1280 and 360 px to
# $NARRATE_SHOTS (default BUILD/test-artifacts; `make screenshots` writes docs/).
set -u
. "$(dirname "$0")/lib.sh" browser "${1:-build}"

if [ -n "${SANITIZE:-}" ]; then
    echo "skip browser: the plain build runs it"
    finish; exit
fi
CHROMIUM=${CHROMIUM:-$(command -v chromium || true)}
if [ -z "$CHROMIUM" ] || ! command -v node >/dev/null || [ ! -d tests/browser/node_modules/puppeteer-core ]; then
    echo "skip browser: chromium, node or tests/browser/node_modules absent (make deps)"
    finish; exit
fi
export CHROMIUM
SHOTS=${NARRATE_SHOTS:-$PWD/$BUILD/test-artifacts}
mkdir -p "$SHOTS"

ART=$TMP/articles
mkdir -p "$ART"
cp samples/seed.txt samples/short.txt "$ART/"

# The newsroom: two origins (ports) of a static server of its own; the first is listed
# in --cors-origin, the second is not.
node tests/browser/host.mjs samples/seed.txt >"$TMP/hosts" 2>&1 &
HOSTS=$!
for _ in $(seq 600); do [ -s "$TMP/hosts" ] && break; kill -0 $HOSTS 2>/dev/null || break; sleep 0.1; done
read -r ALLOWED OTHER <"$TMP/hosts"
check "host pages on two other origins" '[[ "${ALLOWED:-}" == http://127.0.0.1:* && "${OTHER:-}" == http://127.0.0.1:* ]]' "$(cat "$TMP/hosts")"

"$NARRATE" serve --listen 127.0.0.1:0 --articles "$ART" --cors-origin "$ALLOWED" 2>"$TMP/server.log" &
SERVER=$!
port=$(listening_port "$TMP/server.log" "$SERVER")
URL=http://127.0.0.1:$port
check "server starts" '[ -n "$port" ]' "$(cat "$TMP/server.log")"

# ---------------------------------------------------------------- /embed.js itself
curl -s -D "$TMP/h" -o "$TMP/embed.js" "$URL/embed.js"
tr -d '\r' <"$TMP/h" >"$TMP/embed.h"
etag=$(sed -n 's/^ETag: //p' "$TMP/embed.h")
check "GET /embed.js: 200 text/javascript, ETag, Cache-Control" \
    'head -1 "$TMP/embed.h" | grep -q " 200" && grep -qx "Content-Type: text/javascript; charset=utf-8" "$TMP/embed.h" && [ -n "$etag" ] && grep -qx "Cache-Control: public, max-age=3600" "$TMP/embed.h"' \
    "$(cat "$TMP/embed.h")"
size=$(stat -c %s "$TMP/embed.js")
check "embed.js is small ($size bytes) and loads nothing from elsewhere" \
    '[ "$size" -lt 32768 ] && ! grep -qE "(https?:)?//[a-z0-9.-]+\.[a-z]{2,}/" "$TMP/embed.js"'
curl -s --compressed -D "$TMP/hz" -o "$TMP/embed-gz.js" "$URL/embed.js"
check "gzipped for a browser (Content-Encoding, its own ETag, Vary), the same script" \
    'tr -d "\r" <"$TMP/hz" | grep -qx "Content-Encoding: gzip" && tr -d "\r" <"$TMP/hz" | grep -qx "Vary: Accept-Encoding" && ! tr -d "\r" <"$TMP/hz" | grep -qx "ETag: $etag" && cmp -s "$TMP/embed.js" "$TMP/embed-gz.js"' \
    "$(cat "$TMP/hz")"
gzsize=$(curl -s -H "Accept-Encoding: gzip" "$URL/embed.js" | wc -c)
echo "     embed.js: $size bytes, $gzsize gzipped"
check "If-None-Match with its ETag: 304" \
    '[ "$(curl -s -o /dev/null -w "%{http_code}" -H "If-None-Match: $etag" "$URL/embed.js")" = 304 ]'
if command -v node >/dev/null; then
    check "embed.js parses" 'node --check "$TMP/embed.js"' "$(node --check "$TMP/embed.js" 2>&1 | head -5)"
fi

# ---------------------------------------------------------------- the browser
node tests/browser/embed.mjs "$URL" "$ALLOWED" "$OTHER" "$SHOTS" >"$TMP/browser" 2>&1
rc=$?
while IFS= read -r line; do
    case $line in
    ok\ *) ok "${line#ok }" ;;
    FAIL\ *) fail "${line#FAIL }" ;;
    *) echo "     $line" ;;
    esac
done <"$TMP/browser"
[ $rc -eq 0 ] || grep -q '^FAIL' "$TMP/browser" || fail "embed.mjs exited $rc"
key=$("$NARRATE" key "$ART/seed.txt")
check "the download link's URL saves the file (Content-Disposition: attachment)" \
    'curl -s -I "$URL/cache/$key.mp3?download=1" | tr -d "\r" | grep -qx "Content-Disposition: attachment; filename=\"narrate-${key:0:12}.mp3\""'

kill -TERM "$SERVER" 2>/dev/null; wait "$SERVER" 2>/dev/null
kill "$HOSTS" 2>/dev/null; wait "$HOSTS" 2>/dev/null
finish
