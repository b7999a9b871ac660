#!/usr/bin/env bash
# api.sh - `narrate serve` for a newsroom's CMS and pages: CORS, no render on view, async jobs, timings by key, webhooks, PUT/DELETE articles.
set -u
. "$(dirname "$0")/lib.sh" api "${1:-build}"

# ---------------------------------------------------------------- set-up
ART=$TMP/articles
mkdir -p "$ART" "$TMP/hooks"
cp samples/short.txt "$ART/"
sed 's/^Title: .*/Title: Never on view/' samples/short.txt >"$ART/viewed.txt"
printf 'a-webhook-secret-of-the-newsroom\n' >"$TMP/secret"
cc -std=c17 -D_GNU_SOURCE -O2 -o "$TMP/receiver" tests/serve/webhook_receiver.c \
    $(pkg-config --cflags --libs libsodium) || fail "the webhook receiver builds"

start_server() {
    rm -f "$TMP/server.log"
    "$NARRATE" serve --listen 127.0.0.1:0 --articles "$ART" "$@" 2>"$TMP/server.log" &
    SERVER=$!
    local port=$(listening_port "$TMP/server.log" "$SERVER")
    URL=http://127.0.0.1:$port
}
# stop_server: SIGTERM, and the server must exit 0 (a sanitizer's report makes it fail).
stop_server() {
    kill -TERM "$SERVER"; wait "$SERVER"
    check "the server stops cleanly (exit 0)" "[ $? = 0 ]" "$(grep -v '^127.0.0.1 ' "$TMP/server.log" | tail -20)"
}
field() { curl -s "$URL/healthz" | sed -n "s/.*\"$1\":\([0-9]*\).*/\1/p"; }
code() { curl -s --path-as-is -o /dev/null -w '%{http_code}' "$@"; }
# headers URL [curl options]: the reply's headers, CR removed, into $TMP/h.
headers() { local u=$1; shift; curl -s --path-as-is -o "$TMP/body" -D - "$@" "$u" | tr -d '\r' >"$TMP/h"; }
status() { head -1 "$TMP/h" | cut -d' ' -f2; }
has() { grep -qi "^$1" "$TMP/h"; }
# job_until KEY: polls the job until done or failed (poll_until's bound: a hang).
job_until() { poll_until job_ended "$1"; }
job_ended() {
    curl -s "$URL/api/v1/jobs/$1" >"$TMP/job"
    grep -q '"status":"\(done\|failed\)"' "$TMP/job" && return 0
    cat "$TMP/job" >>"$TMP/job.seen"; echo >>"$TMP/job.seen"
    return 1
}

"$TMP/receiver" "$TMP/secret" "$TMP/hook.port" "$TMP/hooks" 1 &
RECEIVER=$!
poll_until test -s "$TMP/hook.port"
HOOK=http://127.0.0.1:$(cat "$TMP/hook.port")/narrate-done

start_server --workers 2 --cors-origin https://news.example.org --cors-origin '*' \
    --webhook-secret-file "$TMP/secret" --webhook-allow 127.0.0.1
check "server starts" '[ "$URL" != "http://127.0.0.1:" ]' "$(cat "$TMP/server.log")"

# ---------------------------------------------------------------- CORS
headers "$URL/api/v1/audio" -X OPTIONS -H 'Origin: https://news.example.org' \
    -H 'Access-Control-Request-Method: POST' -H 'Access-Control-Request-Headers: authorization, content-type'
check "preflight from a listed origin: 204, its origin, methods, headers" \
    '[ "$(status)" = 204 ] && has "Access-Control-Allow-Origin: https://news.example.org$" &&
     grep -i "^Access-Control-Allow-Methods:" "$TMP/h" | grep -q POST &&
     grep -i "^Access-Control-Allow-Headers:" "$TMP/h" | grep -q Authorization &&
     grep -i "^Access-Control-Allow-Headers:" "$TMP/h" | grep -q Range && has "Vary: Origin"' "$(cat "$TMP/h")"
headers "$URL/api/v1/audio" -X OPTIONS -H 'Origin: https://evil.example' -H 'Access-Control-Request-Method: POST'
check "preflight from another origin: 204 without any Access-Control header" \
    '[ "$(status)" = 204 ] && ! grep -qi "^Access-Control-" "$TMP/h"' "$(cat "$TMP/h")"
headers "$URL/audio/short.mp3" -H 'Origin: https://news.example.org'
check "audio for a listed origin: Allow-Origin, Vary, exposed headers" \
    '[ "$(status)" = 200 ] && has "Access-Control-Allow-Origin: https://news.example.org$" && has "Vary: Origin" &&
     grep -i "^Access-Control-Expose-Headers:" "$TMP/h" | grep -q "Content-Range" &&
     grep -i "^Access-Control-Expose-Headers:" "$TMP/h" | grep -q "X-Narrate-Duration-Estimate"' "$(cat "$TMP/h")"
check "a stream (first play) carries X-Narrate-Duration-Estimate" \
    'grep -qiE "^X-Narrate-Duration-Estimate: [0-9]+\.[0-9]$" "$TMP/h"' "$(cat "$TMP/h")"
headers "$URL/audio/short.mp3" -H 'Origin: https://evil.example'
check "audio for another origin: no Access-Control header" \
    '[ "$(status)" = 200 ] && ! grep -qi "^Access-Control-" "$TMP/h"' "$(cat "$TMP/h")"
check "cached audio carries X-Narrate-Duration" 'grep -qiE "^X-Narrate-Duration: [0-9]+\.[0-9]{3}$" "$TMP/h"' "$(cat "$TMP/h")"
key=$("$NARRATE" key "$ART/short.txt")
headers "$URL/cache/$key.mp3" -H 'Origin: https://anyone.example'
check "* opens cached audio by key to any origin" \
    '[ "$(status)" = 200 ] && has "Access-Control-Allow-Origin: \*$"' "$(cat "$TMP/h")"
headers "$URL/api/v1/jobs/$key" -H 'Origin: https://anyone.example'
check "* does not open the API" '! grep -qi "^Access-Control-Allow-Origin" "$TMP/h"' "$(cat "$TMP/h")"
check "pages get no CORS headers" \
    '[ -z "$(curl -s -D - -o /dev/null -H "Origin: https://news.example.org" "$URL/" | grep -i "^Access-Control-")" ]'

# ---------------------------------------------------------------- never render on view
renders0=$(field renders)
c1=$(code -I "$URL/audio/viewed.json"); c2=$(code "$URL/audio/viewed.json")
c3=$(code -I "$URL/audio/viewed.vtt"); c4=$(code "$URL/audio/viewed.vtt"); c5=$(code -I "$URL/audio/viewed.mp3")
c6=$(code "$URL/articles/viewed")
check "HEAD/GET of uncached timings, HEAD of uncached audio: 404, the page 200" \
    '[ "$c1 $c2 $c3 $c4 $c5 $c6" = "404 404 404 404 404 200" ]' "$c1 $c2 $c3 $c4 $c5 $c6"
check "... and no render started (/healthz)" \
    '[ "$(field renders)" = "$renders0" ] && [ "$(field flights)" = 0 ]' "renders $(field renders), was $renders0"
curl -s "$URL/articles/viewed" >"$TMP/page.html"
check "the article page is the embed's two lines and names no audio or timings URL" \
    'grep -q "<div data-narrate-article=\"viewed\"" "$TMP/page.html" && ! grep -qE "/(audio|cache)/" "$TMP/page.html"'

# ---------------------------------------------------------------- async API, jobs, webhook
printf '{"title":"Council Budget","body":"The council passed the budget on Tuesday. It adds two new bus lines. The vote was close.","callback_url":"%s"}' "$HOOK" >"$TMP/a1.json"
key1=$("$NARRATE" key "$TMP/a1.json")
headers "$URL/api/v1/audio" -H 'Content-Type: application/json' --data-binary @"$TMP/a1.json"
check "POST an uncached article: 202, Location, key, url, timings, no duration" \
    '[ "$(status)" = 202 ] && has "Location: /api/v1/jobs/$key1$" &&
     jq -e --arg k "$key1" ".key == \$k and .url == \"/cache/\(\$k).mp3\" and .timings.vtt == \"/cache/\(\$k).vtt\" and .timings.json == \"/cache/\(\$k).json\" and (has(\"duration_s\") | not)" "$TMP/body" >/dev/null' \
    "$(cat "$TMP/h" "$TMP/body")"
job_until "$key1"
check "the job ends done, progress 1, with its duration (the POST had gone: no listener)" \
    'jq -e ".status == \"done\" and .progress == 1 and .duration_s > 0" "$TMP/job" >/dev/null' "$(cat "$TMP/job")"
check "while it ran: queued or rendering, progress within 0..1" \
    '[ ! -s "$TMP/job.seen" ] || jq -e -s "all(.status == \"queued\" or .status == \"rendering\") and all(.progress >= 0 and .progress <= 1)" "$TMP/job.seen" >/dev/null' \
    "$(cat "$TMP/job.seen" 2>/dev/null)"
headers "$URL/cache/$key1.vtt" -H 'Origin: https://news.example.org'
check "timings by key: WebVTT, immutable, CORS" \
    '[ "$(status)" = 200 ] && head -c 6 "$TMP/body" | grep -q WEBVTT && has "Cache-Control: public, max-age=31536000, immutable" &&
     has "Access-Control-Allow-Origin: https://news.example.org$"' "$(cat "$TMP/h")"
check "timings by key: JSON with sentences and duration" \
    'curl -s "$URL/cache/$key1.json" | jq -e "(.sentences | length) >= 3 and .duration_ms > 0" >/dev/null'
check "timings of an unknown key: 404" '[ "$(code "$URL/cache/$(printf %064d 0).vtt")" = 404 ]'
c=$(curl -s -o "$TMP/post" -w '%{http_code}' --data-binary @"$TMP/a1.json" "$URL/api/v1/audio")
check "the same POST again: 200 with duration_s" '[ "$c" = 200 ] && jq -e ".duration_s > 0" "$TMP/post" >/dev/null' "$c $(cat "$TMP/post")"
wait_gone "$RECEIVER" 60
check "the webhook came, was refused once (500), came again: both signed right" \
    '! kill -0 "$RECEIVER" 2>/dev/null && [ "$(cat "$TMP/hooks/0.sig" "$TMP/hooks/1.sig")" = "$(printf "ok\nok")" ]' \
    "$(ls "$TMP/hooks"; cat "$TMP/hooks"/*.sig 2>/dev/null)"
check "the webhook's body is the final job" \
    'jq -e --arg k "$key1" ".key == \$k and .status == \"done\" and .duration_s > 0" "$TMP/hooks/1.body" >/dev/null' \
    "$(cat "$TMP/hooks/1.body" 2>/dev/null)"
delivered() { curl -s "$URL/metrics" >"$TMP/metrics"; grep -q 'outcome="delivered"} 1' "$TMP/metrics"; }
poll_until delivered
check "/metrics counts the delivery and the retry" \
    'grep -q "^narrate_webhook_deliveries_total{outcome=\"delivered\"} 1$" "$TMP/metrics" &&
     grep -q "^narrate_webhook_deliveries_total{outcome=\"retried\"} 1$" "$TMP/metrics" &&
     grep -q "^narrate_renders_cancelled_total 0$" "$TMP/metrics"' "$(grep -E "webhook|cancelled" "$TMP/metrics")"

printf '{"title":"Wait For It","body":"This one is answered when it is done. Not before."}' >"$TMP/a2.json"
c=$(curl -s -o "$TMP/post" -w '%{http_code}' --data-binary @"$TMP/a2.json" "$URL/api/v1/audio?wait=1")
check "?wait=1 blocks as before: 200 with duration_s" '[ "$c" = 200 ] && jq -e ".duration_s > 0" "$TMP/post" >/dev/null' "$c $(cat "$TMP/post")"
c=$(curl -s -o "$TMP/post" -w '%{http_code}' --data-binary '{"title":"x","body":"y.","callback_url":"http://169.254.169.254/latest"}' "$URL/api/v1/audio")
check "a callback to a host not allowed: 400" '[ "$c" = 400 ] && grep -q "webhook-allow" "$TMP/post"' "$c $(cat "$TMP/post")"
c=$(curl -s -o "$TMP/post" -w '%{http_code}' --data-binary '{"title":"x","body":"y.","callback_url":"file:///etc/passwd"}' "$URL/api/v1/audio")
check "a callback that is not http(s): 400" '[ "$c" = 400 ]' "$c $(cat "$TMP/post")"
check "an unknown job: 404" '[ "$(code "$URL/api/v1/jobs/$(printf %064d 1)")" = 404 ] && [ "$(code "$URL/api/v1/jobs/..%2f")" = 404 ]'

# ---------------------------------------------------------------- PUT / DELETE articles
put() { curl -s -o "$TMP/put" -w '%{http_code}' -X PUT -H 'Content-Type: application/json' "$@"; }
c=$(put --data-binary '{"title":"From the CMS","body":"Registered by the newsroom. Named by id."}' "$URL/api/v1/articles/cms-101")
check "PUT a new article: 201, its key" '[ "$c" = 201 ] && jq -e ".id == \"cms-101\" and (.key | length) == 64" "$TMP/put" >/dev/null' "$c $(cat "$TMP/put")"
k1=$(jq -r .key "$TMP/put")
check "the embed can name it at once" '[ "$(code "$URL/articles/cms-101")" = 200 ] && [ -f "$ART/cms-101.json" ]'
check "... and viewing it renders nothing" '[ "$(code "$URL/audio/cms-101.json")" = 404 ] && [ "$(field flights)" = 0 ]'
c=$(put --data-binary '{"title":"From the CMS","body":"Registered by the newsroom. Then corrected."}' "$URL/api/v1/articles/cms-101")
check "PUT a changed article: 200, a new key, the previous one named" \
    '[ "$c" = 200 ] && jq -e --arg k "$k1" ".previous_key == \$k and .key != \$k and .changed == true" "$TMP/put" >/dev/null' "$c $(cat "$TMP/put")"
check "no temporary file left in the articles directory" '[ -z "$(ls -A "$ART" | grep "^\.")" ]' "$(ls -A "$ART")"
c=$(put --data-binary '{"id":"other","title":"x","body":"y."}' "$URL/api/v1/articles/cms-102")
check "PUT with another id in the body: 400" '[ "$c" = 400 ]' "$c $(cat "$TMP/put")"
c=$(put --data-binary '{"title":"x","body":"y."}' "$URL/api/v1/articles/short")
check "PUT over an article the API did not write (short.txt): 409" '[ "$c" = 409 ] && cmp -s "$ART/short.txt" samples/short.txt' "$c"
c1=$(put --path-as-is --data-binary '{"title":"x","body":"y."}' "$URL/api/v1/articles/..%2fescape")
c2=$(put --path-as-is --data-binary '{"title":"x","body":"y."}' "$URL/api/v1/articles/.hidden")
c3=$(put --data-binary 'not json' "$URL/api/v1/articles/cms-103")
check "PUT with a path trick, a dot id, a bad body: 400, nothing written" \
    '[ "$c1 $c2 $c3" = "400 400 400" ] && [ ! -e "$TMP/escape.json" ] && [ ! -e "$ART/cms-103.json" ]' "$c1 $c2 $c3"
c=$(code -X DELETE "$URL/api/v1/articles/cms-101")
check "DELETE: 204, gone from the listing" '[ "$c" = 204 ] && [ "$(code "$URL/articles/cms-101")" = 404 ] && [ ! -e "$ART/cms-101.json" ]' "$c"
check "DELETE again: 404; DELETE short.txt's id: 409" \
    '[ "$(code -X DELETE "$URL/api/v1/articles/cms-101")" = 404 ] && [ "$(code -X DELETE "$URL/api/v1/articles/short")" = 409 ]'
stop_server

# ---------------------------------------------------------------- with --api-keys, from --config
printf 'key-of-the-cms-for-the-api-test cms\n' >"$TMP/keys"
printf '[serve]\ncors-origin = https://cfg.example.org\napi-keys = %s\n' "$TMP/keys" >"$TMP/serve.conf"
start_server --config "$TMP/serve.conf"
AUTH='Authorization: Bearer key-of-the-cms-for-the-api-test'
c1=$(put --data-binary '{"title":"x","body":"y."}' "$URL/api/v1/articles/cms-201")
c2=$(put -H "$AUTH" --data-binary '{"title":"Keyed","body":"A key was sent."}' "$URL/api/v1/articles/cms-201")
c3=$(code -X DELETE "$URL/api/v1/articles/cms-201")
c4=$(code -X DELETE -H "$AUTH" "$URL/api/v1/articles/cms-201")
check "keys on: PUT and DELETE need one (401, then 201 and 204)" '[ "$c1 $c2 $c3 $c4" = "401 201 401 204" ]' "$c1 $c2 $c3 $c4"
headers "$URL/api/v1/audio" -X OPTIONS -H 'Origin: https://cfg.example.org' -H 'Access-Control-Request-Method: POST'
check "keys on: a preflight needs none; cors-origin read from --config" \
    '[ "$(status)" = 204 ] && has "Access-Control-Allow-Origin: https://cfg.example.org$"' "$(cat "$TMP/h")"
c=$(code -H 'Content-Type: application/json' --data-binary '{"title":"x","body":"y.","callback_url":"http://127.0.0.1/"}' -H "$AUTH" "$URL/api/v1/audio")
check "without --webhook-secret-file a callback_url is refused: 400" '[ "$c" = 400 ]' "$c"
stop_server

# ---------------------------------------------------------------- a render in progress
# Its piece with Molasses never ends (lib.sh: stall_on), so the render is still running
# when the HEAD comes, whatever the machine's speed; the deadline, measured in this run,
# ends it at the stop.
stall_on Molasses
printf 'Title: Held\n\nThis much is spoken. Then comes Molasses, which never is.\n' >"$ART/held.txt"
start_server --workers 2 --render-timeout "$(short_deadline)" --drain-timeout 1
stall_off
curl -s -o "$TMP/held" "$URL/audio/held.mp3" &
HELD=$!
poll_until test -s "$TMP/held"
headers "$URL/audio/held.mp3" -I
check "HEAD while the audio renders: joins it, with X-Narrate-Duration-Estimate" \
    '[ "$(status)" = 200 ] && grep -qiE "^X-Narrate-Duration-Estimate: [0-9]+\.[0-9]$" "$TMP/h"' "$(cat "$TMP/h")"
check "... and starts no render of its own" '[ "$(field renders)" = 1 ] && [ "$(field flights)" = 1 ]' "$(curl -s "$URL/healthz")"
stop_server
wait "$HELD"
rm -f "$ART/held.txt"

expect "--cors-origin with a path: usage error" 2 "--cors-origin" -- "$NARRATE" serve --cors-origin https://a.example/path
"$NARRATE" serve --help >"$TMP/help"
check "serve --help lists the new options" \
    'grep -q -- "--cors-origin ORIGIN" "$TMP/help" && grep -q -- "--webhook-secret-file FILE" "$TMP/help" && grep -q -- "--webhook-allow HOST" "$TMP/help"'

finish
