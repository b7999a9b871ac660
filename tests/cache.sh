#!/usr/bin/env bash
# cache.sh - the cache through the CLI: hits, keys, races between processes, kill -9, prune under load.
set -u
. "$(dirname "$0")/lib.sh" cache "${1:-build}"
renders() { grep -h '"renders"' "$NARRATE_CACHE"/*/"$1".json | tr -dc 0-9; }
now() { date +%s%N; }

# ---------------------------------------------------------------- hits and keys
t0=$(now); "$NARRATE" render samples/seed.txt -o "$TMP/miss.mp3" -q; t1=$(now)
"$NARRATE" render samples/seed.txt -o "$TMP/hit.mp3" -q; t2=$(now)
check "a hit is byte-identical to the miss" 'cmp -s "$TMP/miss.mp3" "$TMP/hit.mp3"'
echo "     miss $(( (t1 - t0) / 1000000 )) ms, hit $(( (t2 - t1) / 1000000 )) ms"
key=$("$NARRATE" key samples/seed.txt)
check "key is 64 hex digits" '[[ $key =~ ^[0-9a-f]{64}$ ]]'
check "entry laid out as DIR/ab/<key>.mp3 + .json" \
    '[ -f "$NARRATE_CACHE/${key:0:2}/$key.mp3" ] && [ -f "$NARRATE_CACHE/${key:0:2}/$key.json" ]'
sed 's/$/\r/' samples/seed.txt >"$TMP/resaved.txt"
check "re-saving the article keeps the key" '[ "$("$NARRATE" key "$TMP/resaved.txt")" = "$key" ]'
sed 's/^Author: James Thompson/Author: James Thomson/' samples/seed.txt >"$TMP/byline.txt"
check "editing the byline changes the key" '[ "$("$NARRATE" key "$TMP/byline.txt")" != "$key" ]'
check "the rate changes the key" '[ "$("$NARRATE" key samples/seed.txt --rate 200)" != "$key" ]'
check "the format changes the key" '[ "$("$NARRATE" key samples/seed.txt -o x.wav)" != "$key" ]'
check "--no-cache writes no entry" \
    '"$NARRATE" render samples/short.txt -o "$TMP/nc.mp3" -q --no-cache && [ "$("$NARRATE" cache stats | sed -n "s/^entries *//p")" = 1 ]'
check "--cache DIR is used" \
    '"$NARRATE" --cache "$TMP/other" render samples/short.txt -o "$TMP/o.mp3" -q && [ -n "$(ls "$TMP/other")" ]'
check "an unusable cache directory still delivers the output" \
    '"$NARRATE" render samples/short.txt -o "$TMP/u.mp3" -q --cache /proc/narrate 2>"$TMP/warn" && [ -s "$TMP/u.mp3" ] && grep -q "warning" "$TMP/warn"'

# ---------------------------------------------------------------- the language classifier
# The language classifier's verdict is remembered in the cache, so a hit maps no
# libexttextcat (narrate key, which takes no cache, shows the check can see it).
LD_DEBUG=files "$NARRATE_BIN" render samples/seed.txt -o "$TMP/hit2.mp3" -q 2>"$TMP/ld-hit"
LD_DEBUG=files "$NARRATE_BIN" key samples/seed.txt >/dev/null 2>"$TMP/ld-key"
check "a hit loads no language classifier" \
    'grep -q libexttextcat "$TMP/ld-key" && ! grep -q libexttextcat "$TMP/ld-hit" && cmp -s "$TMP/miss.mp3" "$TMP/hit2.mp3"'
# Declared English, plainly Italian: the text wins on the miss and on the hit alike,
# and the key is the one computed without any memo.
{ printf 'Title: Bilancio\nLanguage: en\n\n'
  printf 'Il governo ha approvato ieri sera la nuova legge di bilancio, che prevede un aumento della spesa per la sanità e per l'"'"'istruzione pubblica. '
  printf 'Le opposizioni hanno criticato duramente il provvedimento, definendolo insufficiente. Il ministro dell'"'"'economia ha difeso la manovra, '
  printf 'spiegando che i conti pubblici restano sotto controllo e che la crescita del paese dovrebbe accelerare nel corso del prossimo anno.\n'; } >"$TMP/it.txt"
itkey=$("$NARRATE" key "$TMP/it.txt")
"$NARRATE" render "$TMP/it.txt" -o "$TMP/it1.mp3" -q
memo=$(ls "$NARRATE_CACHE"/lang/*/* 2>/dev/null | xargs grep -l "it--" 2>/dev/null | head -1)
echo garbage >"${memo:-$TMP/none}"
"$NARRATE" render "$TMP/it.txt" -o "$TMP/it2.mp3" -q
"$NARRATE" render "$TMP/it.txt" -o "$TMP/it3.mp3" -q
check "a mislabelled article: one entry, under the key computed without memo" \
    '[ -f "$NARRATE_CACHE/${itkey:0:2}/$itkey.mp3" ] && [ "$(renders "$itkey")" = 1 ] && cmp -s "$TMP/it1.mp3" "$TMP/it2.mp3" && cmp -s "$TMP/it1.mp3" "$TMP/it3.mp3"'
check "a memo that is not an answer is redone" '[ -n "$memo" ] && grep -q "^\[it--" "$memo"'

# ---------------------------------------------------------------- 8 processes, one key
sed 's/^Title: .*/Title: Race day/' samples/short.txt >"$TMP/race.txt"
for i in 1 2 3 4 5 6 7 8; do "$NARRATE" render "$TMP/race.txt" -o "$TMP/race$i.mp3" -q & done
wait
rkey=$("$NARRATE" key "$TMP/race.txt")
identical=1
for i in 2 3 4 5 6 7 8; do cmp -s "$TMP/race1.mp3" "$TMP/race$i.mp3" || identical=0; done
check "8 racing processes: all outputs identical" '[ $identical = 1 ]'
check "8 racing processes: one synthesis (renders = 1)" '[ "$(renders "$rkey")" = 1 ]' "renders=$(renders "$rkey")"

# ---------------------------------------------------------------- kill -9 at random moments
# Run natively even under NARRATE_WRAP: valgrind cannot check a process killed by SIGKILL
# (no exit, no leak check), and the kills should fall inside renders, not its start-up.
killed=$NARRATE
[ -n "${NARRATE_WRAP:-}" ] && { killed=$NARRATE_BIN; echo "     (kill -9 loop without NARRATE_WRAP: a killed process cannot be checked)"; }
for i in $(seq 50); do
    sed "s/^Title: .*/Title: Killed $i/" samples/short.txt >"$TMP/k.txt"
    "$killed" render "$TMP/k.txt" -o "$TMP/k.mp3" -q 2>/dev/null &
    pid=$!
    sleep "0.$(printf '%03d' $((RANDOM % 200)))"
    kill -9 "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
done
"$NARRATE" cache verify >"$TMP/verify"
check "after 50 kill -9: no corrupt entry" 'grep -q "removed 0 bad" "$TMP/verify"' "$(cat "$TMP/verify")"
partial=0
for side in "$NARRATE_CACHE"/*/*.json; do
    audio=${side%.json}.mp3
    [ -f "$audio" ] || partial=1
done
check "after 50 kill -9: every sidecar has its audio" '[ $partial = 0 ]'
check "after 50 kill -9: the next render succeeds" '"$NARRATE" render "$TMP/k.txt" -o "$TMP/k.mp3" -q && [ -s "$TMP/k.mp3" ]'

# ---------------------------------------------------------------- corruption
ckey=$("$NARRATE" key samples/short.txt)
caudio=$NARRATE_CACHE/${ckey:0:2}/$ckey.mp3
"$NARRATE" render samples/short.txt -o "$TMP/good.link.mp3" -q
cat "$TMP/good.link.mp3" >"$TMP/good.mp3" # the output is a link to the entry corrupted below
printf 'XXXX' | dd of="$caudio" bs=1 seek=5000 conv=notrunc 2>/dev/null
"$NARRATE" render samples/short.txt -o "$TMP/after.mp3" -q
check "a corrupt entry is never served" 'cmp -s "$TMP/good.mp3" "$TMP/after.mp3"'
truncate -s 1000 "$caudio"
"$NARRATE" render samples/short.txt -o "$TMP/after2.mp3" -q
check "a truncated entry is never served" 'cmp -s "$TMP/good.mp3" "$TMP/after2.mp3"'

# ---------------------------------------------------------------- prune while readers loop
# A reader gets either the cached file or a fresh render (espeak-ng varies a
# little between renders): complete either way, so it decodes whole.
"$NARRATE" render samples/seed.txt -o "$TMP/ref.mp3" -q
refdur=$(ffprobe -v error -show_entries format=duration -of csv=p=0 "$TMP/ref.mp3")
readers=()
for r in 1 2 3 4; do
    ( bad=0
      for i in $(seq 12); do
          out=$TMP/reader$r-$i.mp3
          "$NARRATE" render samples/seed.txt -o "$out" -q || bad=1
          cmp -s "$TMP/ref.mp3" "$out" && { rm -f "$out"; continue; }
          mpg123 -t -q "$out" 2>/dev/null || bad=1
          d=$(ffprobe -v error -show_entries format=duration -of csv=p=0 "$out")
          awk -v a="$d" -v b="$refdur" 'BEGIN { exit !(a > 0.99 * b && a < 1.01 * b) }' || bad=1
          rm -f "$out"
      done
      echo $bad >"$TMP/reader$r.status" ) &
    readers+=($!)
done
# At least 15 prunes, and more until the last reader is done (kill -0: any alive).
prunes=0
while [ $prunes -lt 15 ] || kill -0 "${readers[@]}" 2>/dev/null; do
    "$NARRATE" cache prune --max-size 1K >/dev/null; sleep 0.05; prunes=$((prunes + 1))
done
wait
echo "     $prunes prunes during the readers"
check "prune during 4 looping readers: every read complete and identical" \
    '[ "$(cat "$TMP"/reader*.status | sort -u)" = 0 ]'

# ---------------------------------------------------------------- a crash leaves nothing
# A word that aborts espeak-ng 1.51, from a trusted lexicon (tests/hostile/README.md).
printf 'Title: Hostile\n\nKaboom\n' >"$TMP/crash.txt"
crashlex=tests/hostile/crash.lex
before=$("$NARRATE" cache stats | sed -n 's/^entries *//p')
"$NARRATE" render "$TMP/crash.txt" -o "$TMP/crash.mp3" --lexicon $crashlex -q 2>/dev/null; rc=$?
check "a worker crash fails the render, leaves no output and no cache entry" \
    '[ $rc = 1 ] && [ ! -e "$TMP/crash.mp3" ] && [ "$("$NARRATE" cache stats | sed -n "s/^entries *//p")" = "$before" ]'
# (killed writers above may have left temporary files; this render must add none)
temps() { find "$NARRATE_CACHE" -name '.narrate-*' | sort; }
temps >"$TMP/temps.before"
"$NARRATE" render "$TMP/crash.txt" -o - --lexicon $crashlex -q >"$TMP/crash-stream.mp3" 2>/dev/null; rc=$?
temps >"$TMP/temps.after"
check "a crash while streaming leaves no cache entry or temporary file either" \
    '[ $rc = 1 ] && [ "$("$NARRATE" cache stats | sed -n "s/^entries *//p")" = "$before" ] && cmp -s "$TMP/temps.before" "$TMP/temps.after"'
check "a streamed miss leaves a complete, tagged entry" \
    '"$NARRATE" render samples/short.txt -o - -q >"$TMP/st.mp3" && k=$("$NARRATE" key samples/short.txt) &&
     f=$NARRATE_CACHE/${k:0:2}/$k.mp3 && [ -f "$f" ] && mpg123 -t -q "$f" 2>/dev/null &&
     ffprobe -v error -show_entries format_tags=TLEN -of csv=p=0 "$f" | grep -q "[0-9]"'

# ---------------------------------------------------------------- maintenance
"$NARRATE" render samples/seed.txt -o "$TMP/m.mp3" -q
check "cache stats" '"$NARRATE" cache stats | grep -q "^entries *[1-9]"'
memos() { find "$NARRATE_CACHE/lang" -type f 2>/dev/null | wc -l; }
check "prune --max-age keeps recent entries, and their language memos" \
    '"$NARRATE" cache prune --max-age 30d | grep -q "removed 0" && [ "$(memos)" -gt 0 ]'
check "prune --max-size 1K empties it, memos too" \
    '"$NARRATE" cache prune --max-size 1K >/dev/null && "$NARRATE" cache stats | grep -q "^entries *0" && [ "$(memos)" = 0 ]'
"$NARRATE" render samples/seed.txt -o "$TMP/m.mp3" -q
check "cache clear, memos too" \
    '[ "$(memos)" = 1 ] && "$NARRATE" cache clear | grep -q "removed 1" && "$NARRATE" cache stats | grep -q "^entries *0" && [ "$(memos)" = 0 ]'
for bad in "--max-size 5X" "--max-size -1" "--max-age soon" ""; do
    "$NARRATE" cache prune $bad >/dev/null 2>"$TMP/err"; rc=$?
    check "prune ${bad:-(no limits)} is a usage error" '[ $rc = 2 ]'
done
"$NARRATE" cache prune --max-size 5X 2>"$TMP/err"; rc=$?
check "bad size: exit 2 and a message naming it" '[ $rc = 2 ] && grep -q "narrate: error: --max-size needs a number" "$TMP/err"'
"$NARRATE" cache frob 2>/dev/null; rc=$?
check "unknown cache command: exit 2" '[ $rc = 2 ]'

finish
