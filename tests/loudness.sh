#!/usr/bin/env bash
# loudness.sh - MP3s of every sample (its own voice) and every voice (on the seed): -16 LUFS +-1 LU, true peak <= -1 dBTP.
set -u
. "$(dirname "$0")/lib.sh" loudness "${1:-build}"

# ffmpeg's EBU R 128 meter, independent of libnarrate's libebur128: "I PEAK"
# (integrated LUFS, true peak in dBTP).
measure() {
    ffmpeg -nostdin -hide_banner -i "$1" -af ebur128=peak=true -f null - 2>&1 |
        awk '$1 == "I:" { i = $2 } $1 == "Peak:" { p = $2 } END { print i, p }'
}

# expect_loudness NAME FILE: within 1 LU of -16 LUFS, true peak at most -1.0 dBTP.
expect_loudness() {
    local i p
    read -r i p < <(measure "$2")
    if [ -n "$i" ] && [ -n "$p" ] &&
       awk -v i="$i" -v p="$p" 'BEGIN { d = i + 16; exit !(d <= 1 && d >= -1 && p <= -1.0) }'; then
        ok "$1: $i LUFS, $p dBTP"
    else
        fail "$1: ${i:-?} LUFS, ${p:-?} dBTP" "wanted -16 +-1 LUFS and at most -1.0 dBTP"
    fi
}

for f in samples/*.txt; do
    name=$(basename "$f" .txt)
    if "$NARRATE" --no-cache render "$f" -o "$TMP/$name.mp3" -q; then
        expect_loudness "$name.txt, its own voice" "$TMP/$name.mp3"
    else
        fail "render $f"
    fi
done

for v in voices/*.ini; do
    voice=$(basename "$v" .ini)
    if "$NARRATE" --no-cache render samples/seed.txt --voice "$voice" -o "$TMP/seed-$voice.mp3" -q; then
        expect_loudness "seed.txt, voice $voice" "$TMP/seed-$voice.mp3"
    else
        fail "render samples/seed.txt --voice $voice"
    fi
done

# A stream gets the same gain: no second pass is needed.
"$NARRATE" --no-cache render samples/seed.txt -o - -q >"$TMP/stream.mp3" &&
    expect_loudness "seed.txt streamed" "$TMP/stream.mp3"

finish
