#!/usr/bin/env bash
# batch.sh - `narrate batch`: inputs, bad items, exit codes, report, resuming after kill -9 and signals, shards, feed.
set -u
. "$(dirname "$0")/lib.sh" batch "${1:-build}"

count() { jq -r ".counts.$1" "$2"; }                       # count NAME REPORT
ids() { jq -r '.items[] | "\(.source) \(.id) \(.status)"' "$@" | sort; }
renders() { cat "$NARRATE_CACHE"/*/*.json | jq -s 'map(.renders) | add'; }
entries() { ls "$NARRATE_CACHE"/*/*.json 2>/dev/null | wc -l; }
mp3s() { ls "$1" | grep -c '\.mp3$'; }
temps() { find "$1" -name '.narrate-*' | wc -l; }
# Wait until DIR holds at least N MP3s (or the process PID ended): 1 if it ended first.
wait_for() {
    local dir=$1 n=$2 pid=$3
    until [ "$(ls "$dir" 2>/dev/null | grep -c '\.mp3$')" -ge "$n" ]; do
        kill -0 "$pid" 2>/dev/null || return 1
        sleep 0.02
    done
}

MAN=$TMP/news.jsonl
crash_voices                       # "voice": "crash" with Kaboom kills a worker (lib.sh)
tests/manifest.sh 12 2 >"$MAN"     # 12 short articles: a title, a byline, three sentences

# ---------------------------------------------------------------- usage
expect "no input" 2 "no input given" -- "$NARRATE" batch
expect "unknown option" 2 "unknown option '--frob'" -- "$NARRATE" batch "$MAN" --frob
expect "--shard K must be below N" 2 "--shard wants K/N with 0 <= K < N, e.g. 0/4 '3/3'" -- \
    "$NARRATE" batch "$MAN" --shard 3/3
expect "--shard needs K/N" 2 "'x'" -- "$NARRATE" batch "$MAN" --shard x
expect "--jobs 0" 2 "--jobs out of range 1..256 '0'" -- "$NARRATE" batch "$MAN" -j 0
expect "--timings wants vtt, json or both" 2 "--timings wants vtt, json or both 'srt'" -- \
    "$NARRATE" batch "$MAN" --timings srt
expect "--feed needs --base-url" 2 "--feed needs --base-url" -- "$NARRATE" batch "$MAN" --feed "$TMP/f.xml"
expect "--base-url must be http(s)" 2 "feed URLs must be http:// or https:// 'ftp://x'" -- \
    "$NARRATE" batch "$MAN" --feed "$TMP/f.xml" --base-url ftp://x
expect "--base-url needs --feed" 2 "feed options need --feed FILE" -- "$NARRATE" batch "$MAN" --base-url https://x
expect "stdin twice" 2 "standard input given twice" -- "$NARRATE" batch - -
expect "--no-cache" 2 "this command needs the cache '--no-cache'" -- "$NARRATE" batch "$MAN" --no-cache
expect "bad bitrate" 2 "'70'" -- "$NARRATE" batch "$MAN" --bitrate 70
expect "rate out of range" 2 "rate out of range 80..450 wpm '900'" -- "$NARRATE" batch "$MAN" --rate 900
expect "unknown voice" 1 "unknown voice 'robot'" -- "$NARRATE" batch "$MAN" --voice robot
expect "missing manifest" 1 "cannot open input '$TMP/nope.jsonl': No such file or directory" -- \
    "$NARRATE" batch "$TMP/nope.jsonl"
expect "report directory missing" 1 "cannot write report '$TMP/no/r.json'" -- \
    "$NARRATE" batch "$MAN" --out "$TMP/u" --report "$TMP/no/r.json"
check "usage errors render nothing" '[ "$(entries)" = 0 ]'

# ---------------------------------------------------------------- a manifest
OUT=$TMP/news
expect "12 articles: exit 0" 0 "12 items in" -- \
    "$NARRATE" batch "$MAN" --out "$OUT" --report "$TMP/r1.json" --timings both -j 2
check "12 MP3s, 12 WebVTT and 12 JSON timings" \
    '[ "$(mp3s "$OUT")" = 12 ] && [ "$(ls "$OUT"/*.vtt | wc -l)" = 12 ] && [ "$(ls "$OUT"/*.json | wc -l)" = 12 ]'
check "report: 12 rendered" '[ "$(count rendered "$TMP/r1.json")" = 12 ] && [ "$(count total "$TMP/r1.json")" = 12 ]'
check "report items: key, duration, bytes = file size, time, no error" \
    '[ "$(jq -r ".items[] | select((.key | test(\"^[0-9a-f]{64}$\")) and .duration_ms > 1000 and .time_ms >= 0 and .error == null) | \"\(.output) \(.bytes)\"" "$TMP/r1.json" |
          while read f b; do [ "$(stat -c %s "$f")" = "$b" ] && echo y; done | wc -l)" = 12 ]'
check "report items name their manifest line" \
    '[ "$(jq -r ".items[3] | \"\(.source) \(.line) \(.id)\"" "$TMP/r1.json")" = "$MAN:4 4 art-0004" ]'
check "outputs decode" 'mpg123 -t -q "$OUT/art-0001.mp3" 2>/dev/null && mpg123 -t -q "$OUT/art-0012.mp3" 2>/dev/null'
check "WebVTT cues" '[ "$(head -1 "$OUT/art-0005.vtt")" = WEBVTT ] && grep -q -- " --> " "$OUT/art-0005.vtt"'
check "one synthesis per article" '[ "$(renders)" = 12 ] && [ "$(entries)" = 12 ]'
head -1 "$MAN" >"$TMP/one.json"
check "the same key as narrate render, the same bytes" \
    '[ "$("$NARRATE" key "$TMP/one.json")" = "$(jq -r ".items[0].key" "$TMP/r1.json")" ] &&
     "$NARRATE" render "$TMP/one.json" -o "$TMP/one.mp3" -q && cmp -s "$TMP/one.mp3" "$OUT/art-0001.mp3"'

# ---------------------------------------------------------------- re-runs render nothing
expect "re-run: exit 0" 0 "12 up to date" -- "$NARRATE" batch "$MAN" --out "$OUT" --report "$TMP/r2.json" --timings both
check "re-run: all up to date, no synthesis" '[ "$(count up_to_date "$TMP/r2.json")" = 12 ] && [ "$(renders)" = 12 ]'
"$NARRATE" batch "$MAN" --out "$TMP/second" --report "$TMP/r3.json" -q
check "another batch over the same cache: all from the cache, no synthesis" \
    '[ "$(count cached "$TMP/r3.json")" = 12 ] && [ "$(renders)" = 12 ] && [ "$(mp3s "$TMP/second")" = 12 ]'
rm "$OUT/art-0003.mp3" "$OUT/art-0007.vtt"
"$NARRATE" batch "$MAN" --out "$OUT" --report "$TMP/r4.json" --timings both -q
check "a deleted MP3 or timings file is delivered again from the cache" \
    '[ "$(count cached "$TMP/r4.json")" = 2 ] && [ "$(count up_to_date "$TMP/r4.json")" = 10 ] &&
     [ -s "$OUT/art-0003.mp3" ] && [ -s "$OUT/art-0007.vtt" ] && [ "$(renders)" = 12 ]'
sed '5s/bulletin number 5\./bulletin number 5, corrected./' "$MAN" >"$TMP/edited.jsonl"
"$NARRATE" batch "$TMP/edited.jsonl" --out "$OUT" --report "$TMP/r5.json" -q
check "an edited article is rendered again, its stale timings removed" \
    '[ "$(count rendered "$TMP/r5.json")" = 1 ] && [ "$(jq -r ".items[4].status" "$TMP/r5.json")" = rendered ] &&
     [ ! -e "$OUT/art-0005.vtt" ] && [ -e "$OUT/art-0006.vtt" ]'

# ---------------------------------------------------------------- directories, files, stdin
mkdir "$TMP/articles"
cp samples/short.txt "$TMP/articles/short.txt"
cp samples/short.json "$TMP/articles/same-as-short.json"
printf '<html lang="en"><body><article><h1>Tiny</h1><p>One small page.</p></article></body></html>' >"$TMP/articles/page.html"
printf 'not an article' >"$TMP/articles/README.md"
printf 'Hidden.\n' >"$TMP/articles/.hidden.txt"
expect "a directory: .txt, .html, .json" 0 "3 items" -- \
    "$NARRATE" batch "$TMP/articles" --out "$TMP/dir" --report "$TMP/d.json"
check "a directory: ids are file names without extension" \
    '[ "$(ls "$TMP/dir" | tr "\n" " ")" = "page.mp3 same-as-short.mp3 short.mp3 " ]'
check "the same article as text and JSON is rendered once" '[ "$(jq -r "[.items[].key] | unique | length" "$TMP/d.json")" = 2 ]'
expect "an article file" 0 "1 item" -- "$NARRATE" batch samples/short.txt --out "$TMP/file"
check "an article file: <name>.mp3" '[ -s "$TMP/file/short.mp3" ]'
head -3 "$MAN" >"$TMP/three.jsonl"
"$NARRATE" batch - --out "$TMP/stdin" --report "$TMP/s.json" <"$TMP/three.jsonl" 2>/dev/null
check "standard input: a manifest" '[ "$(mp3s "$TMP/stdin")" = 3 ] && [ "$(jq -r ".items[2].source" "$TMP/s.json")" = stdin:3 ]'
"$NARRATE" batch "$MAN" --out "$TMP/q" -q 2>"$TMP/q.err"
check "--quiet prints nothing" '[ ! -s "$TMP/q.err" ]'
"$NARRATE" batch "$MAN" --out "$TMP/rep" --report - -q >"$TMP/stdout.json"
check "--report - writes the report to standard output" '[ "$(count total "$TMP/stdout.json")" = 12 ]'

# ---------------------------------------------------------------- limits
# The long item stalls (lib.sh: stalled), so only its deadline can end it; the deadline
# is ten times what the short item's render takes here and now (at least 2 s), so the
# short one is rendered under it however loaded the machine or slow the build.
mkdir "$TMP/limdir"
cp samples/short.txt samples/long.txt "$TMP/limdir/"
deadline=$(short_deadline)
expect "--timeout: the long item fails, exit 1" 1 "1 failed" -- \
    stalled Halloran "$NARRATE" --cache "$TMP/limcache" batch "$TMP/limdir" --out "$TMP/lim1" --report "$TMP/lim1.json" --timeout $deadline
check "--timeout: the failure names the deadline, the short item is rendered" \
    '[ "$(jq -r ".items[] | select(.id == \"long\") | .error" "$TMP/lim1.json")" = "render took longer than the deadline of $deadline s '"'"'The Water Is Already Here: How Port Halloran Is Learning to Live With the Sea'"'"'" ] &&
     [ "$(ls "$TMP/lim1")" = short.mp3 ] && [ "$(temps "$TMP/lim1")" = 0 ]' "$(cat "$TMP/lim1.json")"
check "--timeout: nothing of the long item in the cache" \
    '[ "$(cat "$TMP/limcache"/*/*.json | jq -rs "map(.title) | tostring")" = "[\"$(sed -n "s/^Title: //p" samples/short.txt)\"]" ]'
long_line="{\"id\": \"big\", \"body\": \"$(head -c 3000 /dev/zero | tr '\0' a)\"}"
{ echo '{"id": "small", "body": "A small one."}'; echo "$long_line"; } >"$TMP/lim.jsonl"
expect "--max-input: larger items fail, exit 1" 1 "2 failed" -- \
    "$NARRATE" --cache "$TMP/limcache" batch "$TMP/limdir" "$TMP/lim.jsonl" --out "$TMP/lim2" --report "$TMP/lim2.json" --max-input 1K
jq -r '.items[] | select(.status == "failed") | .error' "$TMP/lim2.json" >"$TMP/lim2.reasons"
check "--max-input: an article file, named by its path" \
    'grep -qxF "article larger than the limit of 1024 bytes '"'$TMP/limdir/long.txt'"'" "$TMP/lim2.reasons"' "$(cat "$TMP/lim2.reasons")"
check "--max-input: a manifest line, named by its line" \
    'grep -qxF "article larger than the limit of 1024 bytes '"'$TMP/lim.jsonl:2'"'" "$TMP/lim2.reasons"' "$(cat "$TMP/lim2.reasons")"
check "--max-input: the others are delivered" '[ "$(ls "$TMP/lim2" | tr "\n" " ")" = "short.mp3 small.mp3 " ]'

# ---------------------------------------------------------------- poisoned lines
# 10 bad items among 20 good ones: each fails alone, with its line and reason.
POISON=$TMP/poison.jsonl
long=$(printf 'x%.0s' $(seq 250))
tests/manifest.sh 20 2 good >"$TMP/good.jsonl"
{
    sed -n 1,3p "$TMP/good.jsonl"
    echo '{"id": "broken", "body": "no closing brace"'                     # 4: bad JSON
    echo '{"id": "empty", "title": "Only a title"}'                         # 5: no body
    sed -n 4,8p "$TMP/good.jsonl"
    echo '{"id": "../x", "body": "Escape attempt."}'                       # 11: path
    echo '{"id": "/tmp/abs", "body": "Absolute path."}'                    # 12: absolute
    echo "{\"id\": \"$long\", \"body\": \"Long id.\"}"                     # 13: too long
    echo '{"id": "nul\u0000id", "body": "NUL in the id."}'                 # 14: NUL
    echo '{"id": "crash", "title": "Hostile", "voice": "crash", "body": "Kaboom"}' # 15: espeak-ng aborts
    sed -n 9,16p "$TMP/good.jsonl"
    echo '{"id": "good-0001", "body": "Same id again."}'                   # 24: duplicate
    echo '{"id": "dated", "body": "A date.", "published": "yesterday"}'    # 25: bad date
    echo '["not", "an", "object"]'                                          # 26: not an object
    echo                                                                    # blank lines are not items
    sed -n 17,20p "$TMP/good.jsonl"
} >"$POISON"
expect "poisoned manifest: exit 1" 1 "10 failed" -- \
    "$NARRATE" batch "$POISON" --out "$TMP/poison" --report "$TMP/p.json" -j 2
# (the good lines are the texts of news.jsonl under other ids: the first 12 come from the cache)
check "poisoned manifest: 20 outputs, 10 failures" \
    '[ "$(mp3s "$TMP/poison")" = 20 ] && [ "$(count failed "$TMP/p.json")" = 10 ] &&
     [ $(( $(count rendered "$TMP/p.json") + $(count cached "$TMP/p.json") )) = 20 ]'
jq -r '.items[] | select(.status == "failed") | "\(.line) \(.error)"' "$TMP/p.json" >"$TMP/reasons"
for want in "4 invalid JSON at column" "5 article has no body text '$POISON:5'" \
            "11 id has characters outside A-Z a-z 0-9 . _ - '../x'" "12 id has characters outside" \
            "13 id longer than 200 bytes" "14 id has characters outside A-Z a-z 0-9 . _ - 'nul?id'" \
            "15 synthesis worker killed by signal 6" "24 duplicate id, first at $POISON:1 'good-0001'" \
            "25 \"published\" is not an ISO 8601 date" "26 manifest line is not a JSON object"; do
    check "reported: line ${want%% *}" 'grep -qF -- "$want" "$TMP/reasons"' "$(grep "^${want%% *} " "$TMP/reasons")"
done
check "failures are listed on stderr with their line" \
    'grep -qF "narrate: error: $POISON:15: synthesis worker killed" "$TMP/err" && grep -qF "$POISON:4" "$TMP/err"'
check "no id wrote outside --out" '[ ! -e "$TMP/x.mp3" ] && [ ! -e /tmp/abs.mp3 ] && [ "$(ls "$TMP/poison" | grep -vc "^good-")" = 0 ]'
check "a failed item leaves no file and no temporary" '[ "$(temps "$TMP/poison")" = 0 ] && [ ! -e "$TMP/poison/crash.mp3" ]'

# ---------------------------------------------------------------- shards
# Shards 0..2, into one directory and into separate ones, cover the poisoned
# manifest's items exactly once, failures included.
for k in 0 1 2; do
    "$NARRATE" batch "$POISON" --out "$TMP/shared" --shard $k/3 --report "$TMP/sh$k.json" -q 2>/dev/null
    NARRATE_CACHE=$TMP/cache$k "$NARRATE" batch "$POISON" --out "$TMP/apart$k" --shard $k/3 --report "$TMP/ap$k.json" -q 2>/dev/null
done
ids "$TMP/p.json" | awk '{ print $1, $2 }' >"$TMP/all.ids"
check "shards 0..2 together: exactly the items of the unsharded run" \
    '[ "$(ids "$TMP"/sh?.json | awk "{ print \$1, \$2 }" | sort)" = "$(cat "$TMP/all.ids")" ]' \
    "$(diff <(ids "$TMP"/sh?.json | awk '{ print $1, $2 }') "$TMP/all.ids" | head -5)"
check "shards with separate caches: the same split" \
    '[ "$(ids "$TMP"/ap?.json | awk "{ print \$1, \$2 }" | sort)" = "$(cat "$TMP/all.ids")" ]'
check "each shard has a part of the work" \
    '[ "$(count total "$TMP/sh0.json")" -gt 0 ] && [ "$(count total "$TMP/sh1.json")" -gt 0 ] && [ "$(count total "$TMP/sh2.json")" -gt 0 ]'
check "shards in one directory: the 20 MP3s of the unsharded run" \
    '[ "$(ls "$TMP/shared" | grep "\.mp3$")" = "$(ls "$TMP/poison" | grep "\.mp3$")" ]'
check "the shards' failures add up to the 10" \
    '[ $(( $(count failed "$TMP/sh0.json") + $(count failed "$TMP/sh1.json") + $(count failed "$TMP/sh2.json") )) = 10 ]'
"$NARRATE" batch "$POISON" --out "$TMP/shared" --report "$TMP/after-shards.json" -q 2>/dev/null
check "after the shards, an unsharded run finds everything done" '[ "$(count up_to_date "$TMP/after-shards.json")" = 20 ]'

# ---------------------------------------------------------------- the README's cluster recipes
# Run as written in README.md, with this machine for the hosts and temporary
# directories for the shared paths: together they cover the manifest.
block() { awk -v pat="$1" 'BEGIN { RS = "```" } $0 ~ pat { sub(/^[a-z]*\n/, ""); print; exit }' README.md; }
recipe_ids() { cat "$@" | jq -r '.items[] | "\(.id) \(.status)"' | sort; }
want=$(jq -r '"\(.id) rendered"' "$MAN" | sort)
export PATH="$(dirname "$NARRATE"):$PATH"
R=$TMP/recipes
mkdir -p "$R/srv/reports" "$R/data/reports" "$R/shared/news/reports"
cp "$MAN" "$R/srv/2024-10-07.jsonl"; cp "$MAN" "$R/data/2024-10-07.jsonl"; cp "$MAN" "$R/shared/news/2024-10-07.jsonl"
block "parallel --will-cite" | sed -e "s|host1,host2,host3,host4|:|" -e "s|/srv/news|$R/srv|g" >"$R/parallel.sh"
(cd "$R" && bash parallel.sh >/dev/null 2>&1)
check "README: GNU parallel, 4 shards" '[ "$(recipe_ids "$R"/srv/reports/shard-?.json)" = "$want" ]' "$(ls "$R/srv/reports")"
block "--feed /srv/news/audio/feed.xml" | sed "s|/srv/news|$R/srv|g" >"$R/feed.sh"
(cd "$R" && NARRATE_CACHE=$R/srv/cache bash feed.sh 2>"$R/feed.err")
rc=$?
check "README: the unsharded run after the shards writes the feed, renders nothing" \
    '[ $rc = 0 ] && grep -q "12 up to date" "$R/feed.err" && xmllint --noout "$R/srv/audio/feed.xml"' "$(cat "$R/feed.err")"
k8s=$(block "kind: Job" | awk '/args:/ { on = 1; next } /env:/ { on = 0 } on { sub(/^ *- /, ""); sub(/^ */, ""); printf "%s ", $0 }')
for i in 0 1 2 3 4 5 6 7; do
    JOB_COMPLETION_INDEX=$i NARRATE_CACHE=$R/data/cache sh -c "${k8s//\/data/$R/data}" 2>/dev/null
done
check "README: Kubernetes Indexed Job command, 8 indexes" '[ "$(recipe_ids "$R"/data/reports/shard-?.json)" = "$want" ]'
block "SBATCH --array" | sed "s|/shared|$R/shared|g" >"$R/slurm.sh"
for i in 0 1 2 3 4 5 6 7; do
    SLURM_ARRAY_TASK_ID=$i SLURM_ARRAY_TASK_COUNT=8 SLURM_CPUS_PER_TASK=2 bash "$R/slurm.sh" 2>/dev/null
done
check "README: Slurm job array script, 8 tasks" '[ "$(recipe_ids "$R"/shared/news/reports/shard-?.json)" = "$want" ]'

# ---------------------------------------------------------------- kill -9, then resume
KILL=$TMP/kill.jsonl
tests/manifest.sh 40 6 kill >"$KILL"
export NARRATE_CACHE=$TMP/kcache
"$NARRATE" batch "$KILL" --out "$TMP/k" --timings vtt -j 2 -q 2>/dev/null &
pid=$!
if wait_for "$TMP/k" 15 $pid; then
    kill -9 $pid
    wait $pid 2>/dev/null
    present=$(mp3s "$TMP/k")
    ok "kill -9 with $present of 40 done"
else
    wait $pid
    present=$(mp3s "$TMP/k")
    fail "kill -9 with about half done" "the batch finished first"
fi
# Every MP3 there is whole (renamed into place complete); a leftover of a
# killed writer is planted too, in case the kill fell between renders.
whole=1
for f in "$TMP"/k/*.mp3; do mpg123 -t -q "$f" 2>/dev/null || whole=0; done
check "after kill -9: every MP3 in --out decodes" '[ $whole = 1 ]'
# Done = the MP3 and its record (DIR/.narrate/<id>.key, written last); a kill
# between the two leaves an MP3 that the resume delivers again (from the cache).
done=$(cd "$TMP/k" && for f in *.mp3; do [ "$(tail -c1 ".narrate/${f%.mp3}.key" 2>/dev/null | od -An -c | tr -d " ")" = '\n' ] && echo; done | wc -l)
head -c 1000 "$TMP/k/$(ls "$TMP/k" | grep mp3 | head -1)" >"$TMP/k/.narrate-$(sh -c 'echo $$')-Ab12Cd"  # a dead writer's
expect "resume after kill -9: exit 0" 0 "removed" -- \
    "$NARRATE" batch "$KILL" --out "$TMP/k" --timings vtt --report "$TMP/k.json"
check "resume: exactly the missing items rendered or taken from the cache" \
    '[ $(( $(count rendered "$TMP/k.json") + $(count cached "$TMP/k.json") )) = $((40 - done)) ] &&
     [ "$(count up_to_date "$TMP/k.json")" = "$done" ]' \
    "mp3s=$present recorded=$done $(jq -c .counts "$TMP/k.json")"
check "resume: 40 MP3s, 40 cues files, no temporary files left" \
    '[ "$(mp3s "$TMP/k")" = 40 ] && [ "$(ls "$TMP"/k/*.vtt | wc -l)" = 40 ] && [ "$(temps "$TMP/k")" = 0 ]'
check "resume: each article synthesized once" \
    '[ "$(cat "$NARRATE_CACHE"/*/*.json | jq -rs "map(.renders) | unique | tostring")" = "[1]" ]'
"$NARRATE" cache verify >"$TMP/verify"
check "resume: the cache verifies" 'grep -q "removed 0 bad" "$TMP/verify"' "$(cat "$TMP/verify")"

# ---------------------------------------------------------------- SIGTERM and SIGINT
for sig in TERM INT; do
    export NARRATE_CACHE=$TMP/scache-$sig
    "$NARRATE" batch "$KILL" --out "$TMP/s-$sig" --report "$TMP/s-$sig.json" 2>"$TMP/s-$sig.err" &
    pid=$!
    wait_for "$TMP/s-$sig" 10 $pid
    kill -$sig $pid
    wait $pid
    rc=$?
    want=$([ $sig = TERM ] && echo 143 || echo 130)
    check "SIG$sig: stops with exit $want, prints the summary" \
        '[ $rc = $want ] && grep -q "stopped by SIG$sig" "$TMP/s-$sig.err" && grep -q "40 items in" "$TMP/s-$sig.err"' \
        "exit $rc: $(tail -3 "$TMP/s-$sig.err")"
    check "SIG$sig: the report says so, no temporary file left" \
        '[ "$(jq -r .stopped_by "$TMP/s-$sig.json")" = SIG$sig ] && [ "$(count not_started "$TMP/s-$sig.json")" -gt 0 ] &&
         [ "$(temps "$TMP/s-$sig")" = 0 ]'
done
done_before=$(mp3s "$TMP/s-TERM")
"$NARRATE" batch "$KILL" --out "$TMP/s-TERM" --report "$TMP/s2.json" -q
check "after SIGTERM, a re-run finishes the rest" \
    '[ "$(mp3s "$TMP/s-TERM")" = 40 ] && [ "$(count up_to_date "$TMP/s2.json")" = "$done_before" ]'
export NARRATE_CACHE=$TMP/cache

# ---------------------------------------------------------------- progress
"$NARRATE" batch "$KILL" --out "$TMP/p1" --interval 1 -j 1 2>"$TMP/log.err"
check "off a terminal: plain progress lines" \
    'grep -qE "^narrate: batch: [0-9]+/40 \([0-9]+%\), ETA ([0-9hms]+|--), 0 failed, [0-9.]+ articles/min, [0-9.]+ audio-h/h$" "$TMP/log.err"' \
    "$(head -3 "$TMP/log.err")"
check "summary: counts, articles/min, audio-hours/hour" \
    'grep -q "40 items in .*: 40 rendered" "$TMP/log.err" && grep -qE "[0-9.]+ articles/min, [0-9.]+ audio-hours/hour" "$TMP/log.err"'
script -qfec "'$NARRATE' batch '$MAN' --out '$TMP/tty'" /dev/null >"$TMP/tty.log" 2>&1
check "on a terminal: a progress bar redrawn in place" \
    'grep -qF "$(printf "\r\033[K[")" "$TMP/tty.log" && grep -q "ETA" "$TMP/tty.log" && grep -q "12 items in" "$TMP/tty.log"'

# ---------------------------------------------------------------- podcast feed
export NARRATE_CACHE=$TMP/cache
"$NARRATE" batch "$POISON" --out "$TMP/poison" --report "$TMP/f.json" -q \
    --feed "$TMP/poison/feed.xml" --base-url https://cdn.example.org/audio/ \
    --feed-title "Morning <News> & more" --feed-author "Desk" --feed-image https://cdn.example.org/logo.png 2>/dev/null
F=$TMP/poison/feed.xml
xp() { xmllint --xpath "$1" "$F" 2>/dev/null; }
check "feed: well-formed (xmllint --noout)" 'xmllint --noout "$F"' "$(xmllint --noout "$F" 2>&1 | head -3)"
check "feed: RSS 2.0 with the iTunes namespace" \
    '[ "$(xp "string(/rss/@version)")" = 2.0 ] && grep -q "xmlns:itunes=\"http://www.itunes.com/dtds/podcast-1.0.dtd\"" "$F"'
check "feed: channel title (escaped), link, description, language, author, image, category, explicit" \
    '[ "$(xp "string(/rss/channel/title)")" = "Morning <News> & more" ] &&
     [ "$(xp "string(/rss/channel/link)")" = https://cdn.example.org/audio/ ] &&
     [ -n "$(xp "string(/rss/channel/description)")" ] && [ "$(xp "string(/rss/channel/language)")" = en ] &&
     [ "$(xp "string(/rss/channel/*[name()=\"itunes:author\"])")" = Desk ] &&
     [ "$(xp "string(/rss/channel/*[name()=\"itunes:image\"]/@href)")" = https://cdn.example.org/logo.png ] &&
     [ -n "$(xp "string(/rss/channel/*[name()=\"itunes:category\"]/@text)")" ] &&
     [ "$(xp "string(/rss/channel/*[name()=\"itunes:explicit\"])")" = false ]'
check "feed: one item per delivered article, none for failures" '[ "$(xp "count(/rss/channel/item)")" = 20 ]'
good=1
for i in $(seq 20); do
    id=$(jq -r "[.items[] | select(.status != \"failed\")][$((i - 1))].id" "$TMP/f.json")
    key=$(jq -r "[.items[] | select(.status != \"failed\")][$((i - 1))].key" "$TMP/f.json")
    item="/rss/channel/item[guid=\"$key\"]"
    [ "$(xp "string($item/enclosure/@url)")" = "https://cdn.example.org/audio/$id.mp3" ] || good=0
    [ "$(xp "string($item/enclosure/@length)")" = "$(stat -c %s "$TMP/poison/$id.mp3")" ] || good=0
    [ "$(xp "string($item/enclosure/@type)")" = audio/mpeg ] || good=0
    [ "$(xp "string($item/guid/@isPermaLink)")" = false ] || good=0
    [ -n "$(xp "string($item/title)")" ] || good=0
    [[ "$(xp "string($item/*[name()=\"itunes:duration\"])")" =~ ^[0-9]{2}:[0-5][0-9]:[0-5][0-9]$ ]] || good=0
    [[ "$(xp "string($item/pubDate)")" =~ ^(Mon|Tue|Wed|Thu|Fri|Sat|Sun),\ [0-9]{2}\ [A-Z][a-z]{2}\ 2024\ [0-9]{2}:[0-9]{2}:[0-9]{2}\ \+0000$ ]] || good=0
done
check "feed items: enclosure URL, byte length and type, GUID = key, title, duration, RFC 822 pubDate" '[ $good = 1 ]'
# good-0001 is published 2024-10-02T01:01:00Z, good-0020 2024-10-21T20:20:00Z
check "feed: pubDate from the manifest, newest first" \
    '[ "$(xp "string(/rss/channel/item[1]/pubDate)")" = "Mon, 21 Oct 2024 20:20:00 +0000" ] &&
     [ "$(xp "string(/rss/channel/item[last()]/pubDate)")" = "Wed, 02 Oct 2024 01:01:00 +0000" ]'
printf '{"id":"ctl","title":"Bell \\u0007 and \\u001b escape","body":"Control characters in a title."}\n' >"$TMP/ctl.jsonl"
"$NARRATE" batch "$TMP/ctl.jsonl" --out "$TMP/ctl" --feed "$TMP/ctl/feed.xml" --base-url https://x.example -q
check "feed: control characters in a title still give well-formed XML" 'xmllint --noout "$TMP/ctl/feed.xml"'

# ---------------------------------------------------------------- first-hour papercuts (issue 22)
# One style for every failure line, FILE:LINE: message; joined paths with one slash.
PC=$TMP/papercuts
mkdir -p "$PC/arts"
{ sed -n 1p "$MAN"; echo '{"id": "broken", "body": "no closing brace"'; echo '{"id": "empty", "title": "T"}'
  echo '{"id": "art-0001", "body": "Same id again."}'; } >"$PC/style.jsonl"
printf '%%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n' >"$PC/arts/report.txt"
sed -n 1p "$MAN" | jq -r .body >"$PC/arts/fine.txt"
(cd "$PC" && "$NARRATE" batch style.jsonl arts/ --out out/ --report r.json -j 1) >/dev/null 2>"$TMP/style.err"
grep '^narrate: error: ' "$TMP/style.err" >"$TMP/style.lines"
check "batch failure lines: FILE:LINE: message, the location once" \
    'grep -qE "^narrate: error: style.jsonl:2: invalid JSON at column [0-9]+ \(.*\)$" "$TMP/style.lines" &&
     grep -qxF "narrate: error: style.jsonl:3: article has no body text" "$TMP/style.lines"' "$(cat "$TMP/style.lines")"
check "batch failure lines: no location at the end, every line located" \
    '[ "$(wc -l <"$TMP/style.lines")" = 4 ] && ! grep -qE "'"'"'(style.jsonl:[0-9]+|arts/report.txt)'"'"'$" "$TMP/style.err" &&
     [ "$(grep -cE "^narrate: error: (style.jsonl:[0-9]+|arts/report.txt): " "$TMP/style.lines")" = 4 ]' "$(cat "$TMP/style.err")"
check "batch: a PDF among the articles fails as one" \
    'grep -qxF "narrate: error: arts/report.txt: not an article (PDF document)" "$TMP/style.lines"' "$(cat "$TMP/style.lines")"
check "batch --out DIR/: report paths with one slash" \
    '[ "$(jq -r ".items[] | select(.id == \"art-0001\" and .line == 1) | .output" "$PC/r.json")" = out/art-0001.mp3 ] &&
     [ "$(jq -r ".items[] | select(.id == \"fine\") | \"\(.source) \(.output)\"" "$PC/r.json")" = "arts/fine.txt out/fine.mp3" ] &&
     [ -s "$PC/out/art-0001.mp3" ] && ! jq -r ".out, (.items[] | .source, .output)" "$PC/r.json" | grep -q "//"' "$(jq -c ".items[]" "$PC/r.json")"

# ---------------------------------------------------------------- valgrind
# Threads, a crashing worker, timings, the report and the feed (libxml2 loaded) in one run.
# (make valgrind-test runs the whole suite under valgrind.)
if [ -z "${SANITIZE:-}" ] && [ -z "${NARRATE_WRAP:-}" ] && [ "$BUILD" = build ] && command -v valgrind >/dev/null; then
    export NARRATE_CACHE=$TMP/vgcache
    { head -3 "$MAN"; echo '{"id": "crash", "voice": "crash", "body": "Kaboom"}'; } >"$TMP/vg.jsonl"
    valgrind --leak-check=full --error-exitcode=99 --errors-for-leak-kinds=definite \
        "$NARRATE" batch "$TMP/vg.jsonl" --out "$TMP/vg" --timings both --report "$TMP/vg/r.json" \
        --feed "$TMP/vg/feed.xml" --base-url https://x.example -j 2 >"$TMP/vg.log" 2>&1
    rc=$?
    check "valgrind: no errors, no definite leaks" '[ $rc = 1 ] && grep -q "ERROR SUMMARY: 0 errors" "$TMP/vg.log"' \
        "exit $rc: $(grep -E 'SUMMARY|definitely' "$TMP/vg.log")"
fi

finish
