#!/usr/bin/env bash
# cli.sh - runs the built narrate binary on samples/ and bad input; prints "N passed, N failed".
set -u
. "$(dirname "$0")/lib.sh" cli "${1:-build}"

absent() { if [ -e "$1" ]; then fail "$2" "$1 exists"; else ok "$2"; fi; }

duration() { ffprobe -v error -show_entries format=duration -of csv=p=0 "$1"; }
tag() { ffprobe -v error -show_entries "format_tags=$2" -of csv=p=0 "$1"; }
within() { [ -n "$1" ] && [ -n "$2" ] && awk -v a="$1" -v b="$2" -v t="$3" 'BEGIN { d = a - b; if (d < 0) d = -d; exit !(d <= t * b) }'; }

# ---------------------------------------------------------------- usage
expect "--help" 0 "" -- "$NARRATE" --help
"$NARRATE" --version | grep -qx 'narrate [0-9.]*' && ok "--version" || fail "--version"
expect "no command" 2 "narrate: error: no command given" -- "$NARRATE"
expect "unknown command" 2 "narrate: error: unknown command 'frob'" -- "$NARRATE" frob
expect "unknown option" 2 "unknown option '--loud'" -- "$NARRATE" render samples/short.txt --loud
expect "rate out of range" 2 "rate out of range 80..450 wpm '900'" -- \
    "$NARRATE" render samples/short.txt --rate 900 -o "$TMP/r.mp3"
expect "rate not a number" 2 "--rate needs a whole number 'fast'" -- \
    "$NARRATE" render samples/short.txt --rate fast -o "$TMP/r.mp3"
expect "bad bitrate" 2 "'70'" -- "$NARRATE" render samples/short.txt --bitrate 70 -o "$TMP/r.mp3"
expect "bad format" 2 "unknown format (mp3, wav, flac, opus) 'aac'" -- \
    "$NARRATE" render samples/short.txt --format aac -o "$TMP/r.mp3"
expect "bad extension" 2 "unknown output format 'txt'" -- \
    "$NARRATE" render samples/short.txt -o "$TMP/r.txt"
absent "$TMP/r.mp3" "usage errors write nothing"
expect "stdin needs -o" 2 "reading standard input needs -o" -- "$NARRATE" render -

# ---------------------------------------------------------------- bad input
expect "missing file" 1 "narrate: error: cannot open article '$TMP/nope.txt': No such file or directory" -- \
    "$NARRATE" render "$TMP/nope.txt" -o "$TMP/nope.mp3"
absent "$TMP/nope.mp3" "missing file: no output"
: >"$TMP/empty.txt"
expect "empty file" 1 "narrate: error: empty article '$TMP/empty.txt'" -- \
    "$NARRATE" render "$TMP/empty.txt" -o "$TMP/empty.mp3"
absent "$TMP/empty.mp3" "empty file: no output"
printf 'Title: Only a title\nAuthor: Nobody\n\n' >"$TMP/header.txt"
expect "header only" 1 "article has no body text '$TMP/header.txt'" -- \
    "$NARRATE" render "$TMP/header.txt" -o "$TMP/header.mp3"
absent "$TMP/header.mp3" "header only: no output"
head -c 3000 "$NARRATE_BIN" >"$TMP/binary.txt"
expect "binary data" 1 "binary data (NUL bytes) in article" -- \
    "$NARRATE" render "$TMP/binary.txt" -o "$TMP/binary.mp3"
absent "$TMP/binary.mp3" "binary: no output"
printf 'Title: Caf\xe9\n\nBad \xff\xfe bytes \xc3 here. Still spoken.\n' >"$TMP/badutf8.txt"
expect "invalid UTF-8 renders" 0 "" -- "$NARRATE" render "$TMP/badutf8.txt" -o "$TMP/badutf8.mp3" -q
"$NARRATE" script "$TMP/badutf8.txt" >"$TMP/badutf8.script"
if iconv -f UTF-8 -t UTF-8 "$TMP/badutf8.script" >/dev/null 2>&1 && ! grep -q $'\xef\xbf\xbd' "$TMP/badutf8.script"; then
    ok "invalid UTF-8 never reaches the synthesizer"
else
    fail "invalid UTF-8 never reaches the synthesizer" "$(cat "$TMP/badutf8.script")"
fi
expect "unknown voice" 1 "narrate: error: unknown voice 'robot'" -- \
    "$NARRATE" render samples/short.txt --voice robot -o "$TMP/voice.mp3"
absent "$TMP/voice.mp3" "unknown voice: no output"
printf '[voice]\nespeak_voice = en\nvariant = nosuch\n' >"$TMP/variant.ini"
expect "unknown espeak-ng variant" 1 "unknown espeak-ng voice or variant 'en+nosuch'" -- \
    "$NARRATE" render samples/short.txt --voice "$TMP/variant.ini" -o "$TMP/variant.mp3"
absent "$TMP/variant.mp3" "unknown variant: no output"
expect "missing -o directory" 1 "cannot write output '$TMP/no/such/dir.mp3'" -- \
    "$NARRATE" render samples/short.txt -o "$TMP/no/such/dir.mp3"
mkdir "$TMP/ro" && chmod 555 "$TMP/ro"
if [ "$(id -u)" -ne 0 ]; then
    expect "unwritable -o directory" 1 "cannot write output '$TMP/ro/x.mp3': Permission denied" -- \
        "$NARRATE" render samples/short.txt -o "$TMP/ro/x.mp3"
else
    expect "unwritable -o directory" 1 "cannot write output '/proc/x.mp3'" -- \
        "$NARRATE" render samples/short.txt -o /proc/x.mp3
fi
absent "$TMP/ro/x.mp3" "unwritable: no output"
echo previous >"$TMP/keep.mp3"
"$NARRATE" render samples/short.txt --voice robot -o "$TMP/keep.mp3" 2>/dev/null
[ "$(cat "$TMP/keep.mp3")" = previous ] && ok "failed render keeps the old file" || fail "failed render keeps the old file"
ls -a "$TMP" | grep -q '^\.narrate-' && fail "no temp files left" "$(ls -a "$TMP")" || ok "no temp files left"

# A paragraph of 1 MB with no punctuation: every piece fits espeak-ng's clause buffer.
awk 'BEGIN { split("alpha bravo charlie delta echo foxtrot golf hotel", w, " ");
            for (i = 0; i < 150000; i++) printf "%s ", w[i % 8 + 1]; print "" }' >"$TMP/huge.txt"
if "$NARRATE" script "$TMP/huge.txt" >"$TMP/huge.script" &&
   awk 'length($0) > 400 { bad = 1 } END { exit bad }' "$TMP/huge.script" &&
   [ "$(wc -w <"$TMP/huge.script")" -eq 150000 ]; then
    ok "1 MB paragraph split into synthesizer-sized pieces"
else
    fail "1 MB paragraph split into synthesizer-sized pieces"
fi
head -c 12000 "$TMP/huge.txt" >"$TMP/long.txt"
expect "render of an unpunctuated paragraph" 0 "" -- "$NARRATE" render "$TMP/long.txt" -o "$TMP/long.mp3" -q

# A word that aborts espeak-ng 1.51, from a trusted lexicon (article text can no
# longer produce one: tests/hostile/README.md): contained in the worker.
printf 'Title: Hostile\n\nKaboom\n' >"$TMP/crash.txt"
expect "espeak-ng crash is contained" 1 "synthesis worker killed by signal 6" -- \
    "$NARRATE" render "$TMP/crash.txt" -o "$TMP/crash.mp3" --lexicon tests/hostile/crash.lex
absent "$TMP/crash.mp3" "crash: no output"

# ---------------------------------------------------------------- limits
# With the stalling worker (lib.sh) a piece naming Halloran never ends: only the
# deadline can end the render, however fast or loaded the machine.
mkdir "$TMP/dlcache"
expect "--timeout: past the deadline, exit 1 naming it" 1 \
    "narrate: error: render took longer than the deadline of 1 s 'The Water Is Already Here: How Port Halloran" -- \
    stalled Halloran "$NARRATE" --cache "$TMP/dlcache" render samples/long.txt --timeout 1 -o "$TMP/dl.mp3"
absent "$TMP/dl.mp3" "--timeout: no output"
check "--timeout: no temporary file, no cache entry" \
    '[ -z "$(ls -A "$TMP" | grep "^\.narrate-")" ] && [ -z "$(find "$TMP/dlcache" -type f -name "*.mp3")" ]' \
    "$(ls -A "$TMP"; find "$TMP/dlcache" -type f)"
expect "--timeout with -o -: exit 1 naming the deadline" 1 "render took longer than the deadline of 1 s" -- \
    stalled Halloran sh -c "'$NARRATE' --no-cache render samples/long.txt --timeout 1 -o - >'$TMP/dl.stream'"
expect "--timeout 0: no deadline" 0 "" -- "$NARRATE" render samples/short.txt --timeout 0 -o "$TMP/t0.mp3" -q
expect "--timeout: negative is a usage error" 2 "--timeout wants whole seconds, 0 for none '-1'" -- \
    "$NARRATE" render samples/short.txt --timeout -1 -o "$TMP/t1.mp3"
expect "--timeout: not a number" 2 "--timeout needs a whole number '10m'" -- \
    "$NARRATE" render samples/short.txt --timeout 10m -o "$TMP/t1.mp3"
absent "$TMP/t1.mp3" "--timeout usage errors: no output"
expect "--max-input: a larger article, exit 1 naming the limit" 1 \
    "narrate: error: article larger than the limit of 1024 bytes 'samples/long.txt'" -- \
    "$NARRATE" render samples/long.txt --max-input 1K -o "$TMP/mi.mp3"
absent "$TMP/mi.mp3" "--max-input: no output"
expect "--max-input: standard input too" 1 "article larger than the limit of 600 bytes '(stdin)'" -- \
    sh -c "'$NARRATE' render - --max-input 600 -o '$TMP/mi.mp3' < samples/short.txt"
expect "--max-input: an article within it renders" 0 "" -- \
    "$NARRATE" render samples/short.txt --max-input 1k -o "$TMP/mi.mp3" -q
expect "--max-input with G: the key too" 0 "" -- "$NARRATE" key samples/long.txt --max-input 1G
expect "--max-input 0 is a usage error" 2 "--max-input out of range (1 byte or more) '0'" -- \
    "$NARRATE" render samples/short.txt --max-input 0 -o "$TMP/m0.mp3"
expect "--max-input: a unit it does not know" 2 "--max-input needs a number with an optional unit (kmg) '64T'" -- \
    "$NARRATE" render samples/short.txt --max-input 64T -o "$TMP/m0.mp3"
absent "$TMP/m0.mp3" "--max-input usage errors: no output"
expect "batch --timeout: usage error" 2 "--timeout wants whole seconds, 0 for none '-5'" -- \
    "$NARRATE" batch samples/short.txt --out "$TMP/b0" --timeout -5
expect "batch --max-input: usage error" 2 "--max-input needs a number with an optional unit (kmg) 'lots'" -- \
    "$NARRATE" batch samples/short.txt --out "$TMP/b0" --max-input lots
expect "serve --render-timeout: usage error" 2 "--render-timeout needs a whole number 'soon'" -- \
    "$NARRATE" serve --render-timeout soon
expect "serve --max-input: usage error" 2 "--max-input out of range (1 byte or more) '0'" -- \
    "$NARRATE" serve --max-input 0
"$NARRATE" --help | grep -q -- '--render-timeout SECONDS' && "$NARRATE" render --help | grep -q -- '--max-input BYTES' &&
    ok "--help shows the limits" || fail "--help shows the limits"

# ---------------------------------------------------------------- the seed
expect "render seed mp3" 0 "narrate: wrote $TMP/seed.mp3" -- "$NARRATE" render samples/seed.txt -o "$TMP/seed.mp3"
expect "render seed wav" 0 "" -- "$NARRATE" render samples/seed.txt -o "$TMP/seed.wav" -q
if within "$(duration "$TMP/seed.mp3")" "$(duration "$TMP/seed.wav")" 0.01; then
    ok "seed mp3 duration within 1% of wav"
else
    fail "seed mp3 duration within 1% of wav" "$(duration "$TMP/seed.mp3") vs $(duration "$TMP/seed.wav")"
fi
mpg123 -t "$TMP/seed.mp3" >"$TMP/mpg123.log" 2>&1
if [ $? -eq 0 ] && ! grep -qiE 'warn|error|problem' "$TMP/mpg123.log"; then
    ok "mpg123 -t decodes without warnings"
else
    fail "mpg123 -t decodes without warnings" "$(grep -iE 'warn|error|problem' "$TMP/mpg123.log" | head -3)"
fi
[ "$(tag "$TMP/seed.mp3" title)" = "U.S. Sends Reinforcements to Cairo for Israel-Hamas Negotiations" ] &&
    ok "seed title tag" || fail "seed title tag" "$(tag "$TMP/seed.mp3" title)"
[ "$(tag "$TMP/seed.mp3" artist)" = "James Thompson" ] && ok "seed artist tag" || fail "seed artist tag"
ffprobe -v error -show_streams "$TMP/seed.mp3" | grep -q 'sample_rate=22050' && ok "22050 Hz" || fail "22050 Hz"
ffmpeg -v warning -nostdin -i "$TMP/seed.mp3" -f null - >"$TMP/ffmpeg.log" 2>&1 && [ ! -s "$TMP/ffmpeg.log" ] &&
    ok "ffmpeg decodes without warnings" || fail "ffmpeg decodes without warnings" "$(head -3 "$TMP/ffmpeg.log")"
# Byte-identical renders: every piece is spoken by a fresh process forked from
# one initialized espeak-ng (worker.c), so neither -j nor which worker took which
# piece changes a byte.  The seed and the long sample's first paragraphs: several
# pieces each, more pieces than workers.
awk 'length(out) + length($0) > 9000 { exit } { out = out $0 "\n" } END { printf "%s", out }' \
    samples/long.txt >"$TMP/multi.txt"
for a in seed multi; do
    src=samples/seed.txt
    [ $a = multi ] && src=$TMP/multi.txt
    "$NARRATE" render "$src" -o "$TMP/$a-j1.mp3" -q --no-cache --jobs 1
    "$NARRATE" render "$src" -o "$TMP/$a-j2.mp3" -q --no-cache --jobs 2
    "$NARRATE" render "$src" -o "$TMP/$a-j2b.mp3" -q --no-cache --jobs 2
    sums=$(cd "$TMP" && sha256sum "$a-j1.mp3" "$a-j2.mp3" "$a-j2b.mp3")
    check "$a: --jobs 1, --jobs 2 and --jobs 2 again give the same bytes" \
        '[ "$(awk "{ print \$1 }" <<<"$sums" | sort -u | wc -l)" = 1 ] && [ -s "$TMP/$a-j1.mp3" ]' "$sums"
done
"$NARRATE" render samples/seed.txt -o - -q --no-cache >"$TMP/stream.mp3"
mpg123 -t "$TMP/stream.mp3" >"$TMP/stream.log" 2>&1 && ! grep -qiE 'warn|error|problem' "$TMP/stream.log" &&
    within "$(duration "$TMP/stream.mp3")" "$(duration "$TMP/seed-j1.mp3")" 0.01 &&
    ok "-o - streams a valid MP3 of the same length" || fail "-o - streams a valid MP3 of the same length"
expect "-o - refuses a format other than mp3" 2 "standard output takes mp3 only" -- \
    sh -c "'$NARRATE' render samples/short.txt -o - --format wav > /dev/null"
printf 'Title: Café talks — “phase two”\nAuthor: Zoë Brontë\n\nTalks resumed.\n' >"$TMP/utf.txt"
"$NARRATE" render "$TMP/utf.txt" -o "$TMP/utf.mp3" -q
[ "$(tag "$TMP/utf.mp3" title)" = "Café talks — “phase two”" ] && [ "$(tag "$TMP/utf.mp3" artist)" = "Zoë Brontë" ] &&
    ok "non-ASCII title and artist read back" || fail "non-ASCII title and artist read back" "$(tag "$TMP/utf.mp3" title)"
expect "render from stdin" 0 "" -- sh -c "'$NARRATE' render - -o '$TMP/stdin.mp3' -q < samples/short.txt"
(cd "$TMP" && "$NARRATE" render "$OLDPWD/samples/short.txt" --format wav -q) && [ -s "$TMP/short.wav" ] &&
    ok "default output name from the article" || fail "default output name from the article"
"$NARRATE" script samples/seed.txt --source | head -4 >"$TMP/head"
printf 'U.S. Sends Reinforcements to Cairo for Israel-Hamas Negotiations\n\nBy James Thompson\n\n' |
    cmp -s - "$TMP/head" && ok "script reads title, then byline, a blank line between" ||
    fail "script reads title, then byline, a blank line between" "$(cat "$TMP/head")"

# ---------------------------------------------------------------- HTML and JSON
"$NARRATE" script samples/seed.txt >"$TMP/seed.script"
"$NARRATE" script samples/seed.html >"$TMP/seedhtml.script"
cmp -s "$TMP/seed.script" "$TMP/seedhtml.script" && ok "seed.html reads exactly like seed.txt" ||
    fail "seed.html reads exactly like seed.txt" "$(diff "$TMP/seed.script" "$TMP/seedhtml.script" | head -5)"
grep -qi 'listen to article\|click play' "$TMP/seedhtml.script" && fail "page chrome is not read" || ok "page chrome is not read"
expect "render a JSON article" 0 "" -- "$NARRATE" render samples/short.json -o "$TMP/json.mp3" -q
"$NARRATE" script samples/short.json --json >"$TMP/json.out" && grep -q '"spoken"' "$TMP/json.out" &&
    ok "script --json" || fail "script --json"
printf '{"title": 5, "body": "x"}' >"$TMP/bad.json"
expect "JSON with a wrong type names the key" 1 "'title'" -- "$NARRATE" render "$TMP/bad.json" -o "$TMP/bad.mp3"

# ---------------------------------------------------------------- voices
"$NARRATE" voices >"$TMP/voices" && [ "$(wc -l <"$TMP/voices")" -ge 4 ] && ok "voices lists profiles" || fail "voices lists profiles"
mkdir "$TMP/voices.d" && printf '[voice]\nespeak_voice = en\nrate = 1000\n' >"$TMP/voices.d/fast.ini"
expect "voices reports a bad profile" 1 "value 1000 out of range 80..450 for key 'rate' in '$TMP/voices.d/fast.ini'" -- \
    env NARRATE_VOICES="$TMP/voices.d" "$NARRATE" voices
expect "voices: unknown subcommand" 2 "unknown voices command 'frob'" -- "$NARRATE" voices frob
expect "calibrate: unknown option" 2 "unknown option '--loud'" -- "$NARRATE" voices calibrate --loud
expect "calibrate: unknown voice" 1 "narrate: error: unknown voice 'robot'" -- "$NARRATE" voices calibrate robot

# calibrate rewrites gain_db in place (comment kept) or adds it, and nothing else.
mkdir "$TMP/cal.d" && cp voices/news-en.lex "$TMP/cal.d/"
sed 's/^gain_db = .*/gain_db = 0   ; set by calibrate/' voices/anchor.ini >"$TMP/cal.d/anchor.ini"
printf '; no gain yet\n[voice]\nespeak_voice = en-us\nloudness_lufs = -20' >"$TMP/cal.d/quiet.ini"
chmod 640 "$TMP/cal.d/quiet.ini"
cp -p "$TMP/cal.d/anchor.ini" "$TMP/cal.d/quiet.ini" "$TMP/"
line='^%s: -[0-9.]+ LUFS -[0-9.]+ dBTP -> %s LUFS -[0-9.]+ dBTP, gain_db = [+-][0-9]+\.[0-9][0-9]$'
NARRATE_VOICES="$TMP/cal.d" "$NARRATE" voices calibrate --dry-run quiet >"$TMP/cal.out" 2>&1
grep -qE "$(printf "$line" quiet '-(19\.9|20\.[01])')" "$TMP/cal.out" && cmp -s "$TMP/quiet.ini" "$TMP/cal.d/quiet.ini" &&
    ok "calibrate --dry-run prints before and after, writes nothing" ||
    fail "calibrate --dry-run prints before and after, writes nothing" "$(cat "$TMP/cal.out")"
NARRATE_VOICES="$TMP/cal.d" "$NARRATE" voices calibrate >"$TMP/cal.out" 2>&1
gain=$(sed -n 's/^anchor: .*gain_db = //p' "$TMP/cal.out")
[ "$(grep -c '' "$TMP/cal.out")" -eq 2 ] && grep -qE "$(printf "$line" anchor '-(15\.9|16\.[01])')" "$TMP/cal.out" &&
    diff "$TMP/anchor.ini" "$TMP/cal.d/anchor.ini" | grep -qxF "> gain_db = $gain   ; set by calibrate" &&
    [ "$(diff "$TMP/anchor.ini" "$TMP/cal.d/anchor.ini" | grep -c '^[<>]')" -eq 2 ] &&
    ok "calibrate sets gain_db in place, comment and other lines kept" ||
    fail "calibrate sets gain_db in place, comment and other lines kept" "$(cat "$TMP/cal.out"; diff "$TMP/anchor.ini" "$TMP/cal.d/anchor.ini")"
gain=$(sed -n 's/^quiet: .*gain_db = //p' "$TMP/cal.out")
{ cat "$TMP/quiet.ini"; printf '\ngain_db = %s\n' "$gain"; } | cmp -s - "$TMP/cal.d/quiet.ini" &&
    [ "$(stat -c %a "$TMP/cal.d/quiet.ini")" = 640 ] && [ "$(ls -A "$TMP/cal.d" | wc -l)" -eq 3 ] &&
    ok "calibrate adds a missing gain_db, keeps the mode, leaves no temporary file" ||
    fail "calibrate adds a missing gain_db, keeps the mode, leaves no temporary file" "$(ls -lA "$TMP/cal.d"; cat "$TMP/cal.d/quiet.ini")"

# ---------------------------------------------------------------- timings
expect "--timings .vtt" 0 "" -- "$NARRATE" render samples/short.txt -o "$TMP/t.mp3" --timings "$TMP/t.vtt" -q
check "WebVTT header and cues" '[ "$(head -1 "$TMP/t.vtt")" = WEBVTT ] && [ "$(grep -c -- " --> " "$TMP/t.vtt")" -ge 3 ]'
expect "--timings .json" 0 "" -- "$NARRATE" render samples/short.txt -o "$TMP/t.mp3" --timings "$TMP/t.json" -q
check "JSON timings have sentences and words" 'grep -q "\"sentences\"" "$TMP/t.json" && grep -q "\"words\":\[{" "$TMP/t.json"'
expect "--timings with another extension" 2 "timings file must end in .vtt or .json '$TMP/t.srt'" -- \
    "$NARRATE" render samples/short.txt -o "$TMP/t2.mp3" --timings "$TMP/t.srt"
expect "--timings in a missing directory" 1 "cannot write output '$TMP/none/t.vtt'" -- \
    "$NARRATE" render samples/short.txt -o "$TMP/t2.mp3" --timings "$TMP/none/t.vtt"
absent "$TMP/t2.mp3" "failed timings: no audio either"
"$NARRATE" render samples/short.txt -o "$TMP/c1.mp3" --timings "$TMP/c1.vtt" -q &&
    "$NARRATE" render samples/short.txt -o "$TMP/c2.mp3" --timings "$TMP/c2.vtt" -q
check "a cache hit gives the same timings" 'cmp -s "$TMP/c1.vtt" "$TMP/c2.vtt"'
"$NARRATE" --no-cache render samples/short.txt -o - --timings "$TMP/s.vtt" -q >"$TMP/s.mp3"
check "timings with -o -" '[ "$(grep -c -- " --> " "$TMP/s.vtt")" -ge 3 ] && [ -s "$TMP/s.mp3" ]'

# ---------------------------------------------------------------- chapters
chapters() { ffprobe -v error -show_chapters -of csv=p=0 "$1"; }
"$NARRATE" --no-cache render samples/seed.txt -o "$TMP/ch.mp3" --timings "$TMP/ch.json" -q
chapters "$TMP/ch.mp3" >"$TMP/ch.csv" 2>"$TMP/ch.err"
check "seed: three chapters of three paragraphs" '[ "$(wc -l <"$TMP/ch.csv")" -eq 3 ] && [ ! -s "$TMP/ch.err" ]' "$(cat "$TMP/ch.csv" "$TMP/ch.err")"
check "the first chapter is the title" 'grep -q "^0,.*,U.S. Sends Reinforcements to Cairo for Israel-Hamas Negotiations$" "$TMP/ch.csv"' "$(head -1 "$TMP/ch.csv")"
second=$(sed -n 2p "$TMP/ch.csv" | cut -d, -f4)
check "a chapter starts with its first sentence's cue" 'grep -q "\"start_ms\":$(awk -v s="$second" "BEGIN { printf \"%d\", s * 1000 + 0.5 }")," "$TMP/ch.json"' "chapter at $second s"
check "the last chapter ends with the audio" 'within "$(tail -1 "$TMP/ch.csv" | cut -d, -f6)" "$(duration "$TMP/ch.mp3")" 0.001'
mpg123 -t "$TMP/ch.mp3" 2>&1 | grep -qiE "warning|error" && fail "mpg123 reads chapters cleanly" || ok "mpg123 reads chapters cleanly"
"$NARRATE" --no-cache render samples/seed.txt -o "$TMP/nch.mp3" --no-chapters -q
check "--no-chapters" '[ -z "$(chapters "$TMP/nch.mp3")" ]'
"$NARRATE" --cache "$TMP/chcache" render samples/seed.txt -o - -q >"$TMP/chs.mp3"
check "a stream has no chapters, its cache entry has them" '[ -z "$(chapters "$TMP/chs.mp3")" ] && [ "$(chapters "$TMP"/chcache/*/*.mp3 | wc -l)" -eq 3 ]'
cat >"$TMP/sections.html" <<'HTML'
<html lang="en"><head><meta name="author" content="Ana Ruiz"></head><body><article>
<h1>City budget passes</h1><p>The council approved the budget on Friday. It was a long night.</p>
<h2>What changes for schools</h2><p>Schools get more money.</p><p>Class sizes should fall.</p>
<h2>Taxes &amp; fees</h2><p>Property taxes rise by 2%. Fees stay flat.</p>
</article></body></html>
HTML
"$NARRATE" --no-cache render "$TMP/sections.html" -o "$TMP/sections.mp3" -q
check "HTML headings make the chapters" '[ "$(chapters "$TMP/sections.mp3" | cut -d, -f7 | tr "\n" "|")" = "City budget passes|What changes for schools|Taxes & fees|" ]' "$(chapters "$TMP/sections.mp3")"

# ---------------------------------------------------------------- no shell
# Our own objects call no shell and start no program but narrate-worker: the
# only process call is posix_spawn (by path, no PATH search) in pool.c, the
# worker forks itself (no exec) for a fresh espeak-ng state per piece, and
# `narrate serve` execv's narrate-serve by its path (cli.c).
spawners=$(cd "$BUILD" && nm -A -u lib/*.o worker/*.o cli/*.o 2>/dev/null |
    grep -wE 'system|popen|execl|execlp|execle|execv|execvp|execvpe|fexecve|posix_spawnp|posix_spawn|fork|vfork|clone' |
    awk '{ print $1 $NF }')
check "no shell: the only process calls are pool.c's posix_spawn, worker.c's fork, cli.c's execv" \
    '[ "$spawners" = "$(printf "lib/pool.o:posix_spawn\nworker/worker.o:fork\ncli/cli.o:execv")" ]' "$spawners"
check "no shell in the sources" '! grep -rnE "\b(system|popen)\s*\(|/bin/sh|execvp|posix_spawnp" src/' \
    "$(grep -rnE '\b(system|popen)\s*\(|/bin/sh|execvp|posix_spawnp' src/ | head -3)"

# ---------------------------------------------------------------- folders
# A stage includes headers of its own stage and of earlier ones, never of a later one
# (docs/ARCHITECTURE.md): src, then text and lang, audio and worker, cache, render, cli.
backward=$({ ls src/*.h src/*/*.h | sed 's/^/H /'; grep -H '^#include "' src/*.[ch] src/*/*.[ch]; } | awk '
    function rank(d) { return d ~ /^(text|lang)$/ ? 1 : d ~ /^(audio|worker)$/ ? 2 : d == "cache" ? 3 : d == "render" ? 4 : d == "cli" ? 5 : 0 }
    function stage(path,   n, a) { n = split(path, a, "/"); return n > 2 ? a[n - 1] : "src" }
    $1 == "H" { n = split($2, a, "/"); home[a[n]] = rank(stage($2)); next }
    { split($0, p, ":"); h = $0; sub(/.*#include "/, "", h); sub(/".*/, "", h)
      n = split(h, a, "/"); if ((a[n] in home) && home[a[n]] > rank(stage(p[1]))) print p[1] ": " h }')
check "no include points back up the pipeline" '[ -z "$backward" ]' "$backward"

# ---------------------------------------------------------------- first-hour papercuts (issue 22)
expect "--format against the extension: usage error naming both" 2 "format wav contradicts the extension .mp3 '$TMP/fx.mp3'" -- \
    "$NARRATE" --no-cache render samples/short.txt --format wav -o "$TMP/fx.mp3"
absent "$TMP/fx.mp3" "--format against the extension: no output"
expect "--format that agrees with the extension" 0 "" -- \
    "$NARRATE" --no-cache render samples/short.txt --format opus -o "$TMP/fx.ogg" -q
printf '%%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n' >"$TMP/report.pdf"
expect "a PDF is not an article" 1 "narrate: error: not an article (PDF document) '$TMP/report.pdf'" -- \
    "$NARRATE" render "$TMP/report.pdf" -o "$TMP/report.mp3"
{ printf 'PK\003\004\024\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\010\0\0\0'
  printf 'mimetypeapplication/epub+zip'; } >"$TMP/book.txt"
expect "an EPUB is not an article, whatever its name" 1 "not an article (EPUB e-book) '$TMP/book.txt'" -- \
    "$NARRATE" script "$TMP/book.txt"
printf '\211PNG\r\n\032\n\0\0\0\rIHDR' | gzip >"$TMP/img.gz"
expect "gzip on standard input" 1 "not an article (gzip compressed data) '(stdin)'" -- \
    sh -c "'$NARRATE' script - <'$TMP/img.gz'"
"$NARRATE" --help >"$TMP/help"
check "--help: which commands take --no-cache, which need the cache" \
    'grep -qF "render, script, key and voices" "$TMP/help" && grep -qF "batch, serve and cache need the cache" "$TMP/help" &&
     ! grep -q "Every command takes --cache DIR or --no-cache" "$TMP/help"'
for cmd in render batch serve; do
    "$NARRATE" $cmd --help >"$TMP/help-$cmd"
    check "$cmd --help: a default for every option" \
        '[ "$(grep -c "^  -" "$TMP/help-$cmd")" -ge 5 ] &&
         awk "/^  -/ { if (o && !d) bad = 1; o = 1; d = 0 } /default/ { d = 1 } END { exit bad || !d }" "$TMP/help-$cmd"' \
        "$(cat "$TMP/help-$cmd")"
done

# render's progress line: on a terminal (script(1) gives it a pty), never when piped or -q.
script -qec "'$NARRATE' --no-cache render samples/short.txt -o '$TMP/tty.mp3'" /dev/null >"$TMP/tty.out" 2>&1
check "render on a terminal: a progress line, cleared before the summary" \
    'grep -qF "narrate: 0% (0/" "$TMP/tty.out" && grep -qE "narrate: 100% \(([0-9]+)/\1 sentences" "$TMP/tty.out" &&
     grep -qF "$(printf "\r\033[K")narrate: wrote $TMP/tty.mp3" "$TMP/tty.out"' "$(cat -v "$TMP/tty.out")"
script -qec "'$NARRATE' --no-cache render samples/short.txt -o '$TMP/ttyq.mp3' -q" /dev/null >"$TMP/ttyq.out" 2>&1
check "render -q on a terminal: silent" '[ ! -s "$TMP/ttyq.out" ] && [ -s "$TMP/ttyq.mp3" ]' "$(cat -v "$TMP/ttyq.out")"
"$NARRATE" --no-cache render samples/short.txt -o "$TMP/piped.mp3" 2>"$TMP/piped.err" | cat
check "render piped: no progress line, the summary alone" \
    '[ "$(wc -l <"$TMP/piped.err")" = 1 ] && grep -q "^narrate: wrote" "$TMP/piped.err" && ! grep -q "$(printf "\r")" "$TMP/piped.err"' \
    "$(cat -v "$TMP/piped.err")"

# ---------------------------------------------------------------- valgrind
# (make valgrind-test runs the whole suite under valgrind.)
if [ -z "${SANITIZE:-}" ] && [ -z "${NARRATE_WRAP:-}" ] && [ "$BUILD" = build ] && command -v valgrind >/dev/null; then
    valgrind --leak-check=full --error-exitcode=99 --errors-for-leak-kinds=definite \
        "$NARRATE" --no-cache render samples/short.txt -o "$TMP/vg.mp3" --timings "$TMP/vg.json" -q \
        >"$TMP/vg.log" 2>&1
    rc=$?
    if [ $rc -eq 0 ] && grep -q 'ERROR SUMMARY: 0 errors' "$TMP/vg.log"; then
        ok "valgrind: no errors, no definite leaks"
    else
        fail "valgrind: no errors, no definite leaks" "$(grep -E 'SUMMARY|definitely' "$TMP/vg.log")"
    fi
fi

finish
