#!/usr/bin/env bash
# sizes.sh - any article length plays or fails at once: 1,000 chapters streamed and to a file, an
# 8 MB word, 100 hours of text; FIFOs as lexicon or voice; leftovers of dead and live writers.
set -u
. "$(dirname "$0")/lib.sh" sizes "${1:-build}"
ms_now() { echo $(($(date +%s%N) / 1000000)); }
# A fast voice without pauses keeps the audio of 1,000 sections short.
mkdir -p "$TMP/voices" && cp voices/*.ini voices/*.lex "$TMP/voices/"
sed -e 's/^rate = .*/rate = 450/' -e 's/_pause_ms = .*/_pause_ms = 0/' voices/default.ini >"$TMP/voices/fast.ini"
export NARRATE_VOICES=$TMP/voices

# ---------------------------------------------------------------- 1,000 chapters
# Each heading has 90 letters without a space: not read (a run over 64 characters
# is no word), but part of the chapter's title, so that the titles take about 60 kB:
# far beyond the 16 kB a tag without chapters has.  Past 255 (the table of contents
# counts in one byte) the last chapter runs to the end.
long=$(printf 'Ż%.0s' $(seq 90))
{
    printf '<html lang="en"><body><article><h1>Live blog</h1>'
    for i in $(seq 1000); do printf '<h2>Go %s %d</h2>' "$long" "$i"; done
    printf '</article></body></html>\n'
} >"$TMP/chapters.html"
id3_size() { od -An -tu1 -j6 -N4 "$1" | awk '{ print $1 * 2097152 + $2 * 16384 + $3 * 128 + $4 + 10 }'; }
decodes() { # FILE: ffmpeg and libmpg123 (mpg123) decode it without a complaint
    [ -z "$(ffmpeg -v error -i "$1" -f null - 2>&1)" ] && mpg123 -t -q "$1" 2>/dev/null &&
        [ -z "$(mpg123 -t "$1" 2>&1 | grep -iE 'error|warning|junk')" ]
}
expect "1,000 chapters streamed: exit 0" 0 "" -- \
    "$NARRATE" render "$TMP/chapters.html" --voice fast -o - -q
mv "$TMP/out" "$TMP/stream.mp3"
check "the stream decodes (ffmpeg, libmpg123); its tag is padded to the chapters' size" \
    'decodes "$TMP/stream.mp3" && [ "$(id3_size "$TMP/stream.mp3")" -gt 50000 ]' "tag $(id3_size "$TMP/stream.mp3")"
key=$("$NARRATE" key "$TMP/chapters.html" --voice fast)
entry=$NARRATE_CACHE/${key:0:2}/$key.mp3
chapters() { ffprobe -v error -show_chapters -of csv=p=0 "$1" | wc -l; }
check "its cache entry: 255 chapters, the same tag size, decodes" \
    '[ "$(chapters "$entry")" = 255 ] && [ "$(id3_size "$entry")" = "$(id3_size "$TMP/stream.mp3")" ] && decodes "$entry"' \
    "$(chapters "$entry") chapters"
expect "1,000 chapters to a file: exit 0" 0 "" -- \
    "$NARRATE" --no-cache render "$TMP/chapters.html" --voice fast -o "$TMP/chapters.mp3" -q
last_end=$(ffprobe -v error -show_chapters -of csv=p=0 "$TMP/chapters.mp3" | tail -1 | cut -d, -f6)
duration=$(ffprobe -v error -show_entries format=duration -of csv=p=0 "$TMP/chapters.mp3")
check "the file: 255 chapters, the last to the end, decodes" \
    '[ "$(chapters "$TMP/chapters.mp3")" = 255 ] && decodes "$TMP/chapters.mp3" &&
     awk -v e="$last_end" -v d="$duration" "BEGIN { exit !(e <= d && d - e < 0.1) }"' \
    "$(chapters "$TMP/chapters.mp3") chapters, last ends at $last_end of $duration s"
check "stream and file: the same audio after the tag" \
    'cmp -s <(tail -c +$(($(id3_size "$TMP/chapters.mp3") + 2000)) "$TMP/chapters.mp3") <(tail -c +$(($(id3_size "$TMP/stream.mp3") + 2000)) "$TMP/stream.mp3")'

# ---------------------------------------------------------------- an 8 MB word
# A run of characters without a space is cut when over 64: nothing of it is spelled
# out.  A worker that cannot start shows that nothing reaches synthesis.
{ printf 'Title: Word\n\nBefore '; head -c 8388608 /dev/zero | tr '\0' A; printf ' after.\n'; } >"$TMP/word.txt"
t0=$(ms_now)
expect "8 MB word: exit 0" 0 "" -- "$NARRATE" --no-cache render "$TMP/word.txt" -o "$TMP/word.mp3" -q
echo "     8 MB word rendered in $(($(ms_now) - t0)) ms"
check "8 MB word: the script reads 'Before after.', the audio is seconds long" \
    '"$NARRATE" script "$TMP/word.txt" | grep -qx "Before after." &&
     awk -v d="$(ffprobe -v error -show_entries format=duration -of csv=p=0 "$TMP/word.mp3")" "BEGIN { exit !(d < 10) }"'
{ head -c 8388608 /dev/zero | tr '\0' A; echo; } >"$TMP/onlyword.txt"
expect "an article of one 8 MB word: nothing to speak, before any worker" 1 "nothing to speak in article" -- \
    env NARRATE_WORKER=/nonexistent "$NARRATE" --no-cache render "$TMP/onlyword.txt" -o "$TMP/w.mp3"

# ---------------------------------------------------------------- 100 hours
yes 'The council approved the budget after a long night of debate.' | head -n 120000 |
    sed '1i Title: Endless\n' >"$TMP/endless.txt"
expect "100 hours of text: the duration limit, before any worker" 1 "longer than the limit of 14400 s 'Endless'" -- \
    env NARRATE_WORKER=/nonexistent "$NARRATE" --no-cache render "$TMP/endless.txt" -o "$TMP/e.mp3"
grep -q "narrate: error: article would take about [0-9]* s to speak" "$TMP/err"
check "the message names the estimate" '[ $? = 0 ]' "$(cat "$TMP/err")"
check "no output, no temporary file" '[ ! -e "$TMP/e.mp3" ] && [ -z "$(ls -A "$TMP" | grep "^\.narrate-")" ]'
expect "--max-duration 0: no limit (the worker is next)" 1 "cannot start synthesis worker" -- \
    env NARRATE_WORKER=/nonexistent "$NARRATE" --no-cache render "$TMP/endless.txt" -o "$TMP/e.mp3" --max-duration 0
expect "--max-duration 1m: a short article over it fails" 1 "longer than the limit of 60 s" -- \
    "$NARRATE" --no-cache render samples/seed.txt -o "$TMP/e.mp3" --max-duration 1m
expect "--max-duration 2h: usage checked" 2 "--max-duration needs" -- \
    "$NARRATE" render samples/short.txt --max-duration 2x
expect "key: the same limit" 1 "longer than the limit" -- "$NARRATE" key "$TMP/endless.txt"
mkdir -p "$TMP/bin" && cp "$TMP/endless.txt" samples/short.txt "$TMP/bin/"
expect "batch: the endless item fails, the other is rendered" 1 "1 failed" -- \
    env NARRATE_CACHE="$TMP/bcache" "$NARRATE" batch "$TMP/bin" --out "$TMP/bout"
check "batch: the failure names the limit" \
    'grep -q "endless.txt: article would take about" "$TMP/err" && [ -f "$TMP/bout/short.mp3" ]' "$(cat "$TMP/err")"

# ---------------------------------------------------------------- FIFOs
mkfifo "$TMP/fifo.lex" "$TMP/fifo.ini"
expect "a FIFO as --lexicon fails at once" 1 "lexicon is not a regular file" -- \
    timeout 60 "$NARRATE" --no-cache render samples/short.txt -o "$TMP/f.mp3" --lexicon "$TMP/fifo.lex"
expect "a FIFO as a voice profile fails at once" 1 "voice profile is not a regular file" -- \
    timeout 60 "$NARRATE" --no-cache render samples/short.txt -o "$TMP/f.mp3" --voice "$TMP/fifo.ini"
sed "s|^lexicon = .*|lexicon = $TMP/fifo.lex|" voices/default.ini >"$TMP/voices/fifolex.ini"
expect "a FIFO as a profile's lexicon fails at once" 1 "lexicon is not a regular file" -- \
    timeout 60 "$NARRATE" --no-cache render samples/short.txt -o "$TMP/f.mp3" --voice fifolex

# ---------------------------------------------------------------- leftovers and check
mkdir -p "$TMP/o"
dead=$(sh -c 'echo $$')
sleep 600 &
live=$!
for p in $dead $live; do echo x >"$TMP/o/.narrate-$p-AbCdEf"; done
echo x >"$TMP/o/.narrate-QwErTy" # an older version's: whose, nobody knows
"$NARRATE" --no-cache render samples/short.txt -o "$TMP/o/a.mp3" --timings "$TMP/o/a.vtt" -q
check "a render removes a dead writer's temporary file, keeps a live one's and unknown ones" \
    '[ ! -e "$TMP/o/.narrate-$dead-AbCdEf" ] && [ -e "$TMP/o/.narrate-$live-AbCdEf" ] && [ -e "$TMP/o/.narrate-QwErTy" ]'
kill $live
"$NARRATE" --no-cache render samples/seed.txt -o "$TMP/o/b.mp3" --timings "$TMP/o/b.json" -q
check "narrate check: each pair matches" '"$NARRATE" check "$TMP/o/a.mp3" "$TMP/o/a.vtt" && "$NARRATE" check "$TMP/o/b.mp3" "$TMP/o/b.json"'
expect "narrate check: timings of other audio" 1 "timings belong to other audio than" -- \
    "$NARRATE" check "$TMP/o/a.mp3" "$TMP/o/b.json"
printf 'WEBVTT\n\n1\n00:00:00.000 --> 00:00:01.000\nHello\n' >"$TMP/o/plain.vtt"
expect "narrate check: timings naming no audio" 1 "timings name no audio" -- \
    "$NARRATE" check "$TMP/o/a.mp3" "$TMP/o/plain.vtt"
expect "narrate check: a FIFO is refused at once" 1 "not a regular file" -- \
    timeout 60 "$NARRATE" check "$TMP/o/a.mp3" "$TMP/fifo.lex"

finish
