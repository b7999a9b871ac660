#!/usr/bin/env bash
# install.sh - installs into a temporary prefix and builds an outside program with pkg-config.
set -eu
cd "$(dirname "$0")/.."
TMP=$(mktemp -d "${TMPDIR:-/tmp}/narrate-install-XXXXXX")
trap 'rm -rf "$TMP"' EXIT
passed=0 failed=0
check() { if eval "$2"; then passed=$((passed + 1)); echo "ok   $1"; else failed=$((failed + 1)); echo "FAIL $1"; fi; }

# A tree of its own, unsanitized, with the library's paths pointing into the prefix.
make -s BUILD="$TMP/build" PREFIX="$TMP/prefix" SANITIZE= install >"$TMP/make.log" 2>&1 ||
    { cat "$TMP/make.log"; exit 1; }
P=$TMP/prefix
check "library, header, pc, CLI, worker, server, voices, man page installed" \
    '[ -f $P/lib/libnarrate.a ] && [ -L $P/lib/libnarrate.so ] && [ -f $P/include/narrate.h ] &&
     [ -f $P/lib/pkgconfig/narrate.pc ] && [ -x $P/bin/narrate ] &&
     [ -x $P/libexec/narrate/narrate-worker ] && [ -x $P/libexec/narrate/narrate-serve ] && [ -f $P/share/narrate/voices/default.ini ] &&
     [ -f $P/share/man/man1/narrate.1 ]'
check "soname is libnarrate.so.0" \
    'objdump -p $P/lib/libnarrate.so | grep -q "SONAME *libnarrate.so.0"'
# nm prints a versioned symbol as name@@NARRATE_0 (binutils 2.37 on) or as name.
check "exports the narrate_ API and nothing else, in version node NARRATE_0" \
    'nm -D --defined-only $P/lib/libnarrate.so | grep -Eq " T narrate_render_file(@@NARRATE_0)?$" &&
     objdump -T $P/lib/libnarrate.so | grep -E "NARRATE_0 +narrate_render_file$" | grep -q " DF .text" &&
     ! nm -D --defined-only $P/lib/libnarrate.so | awk "\$2 == \"T\" {sub(/@.*/, \"\", \$3); print \$3}" | grep -v "^narrate_" | grep -q .'
export PKG_CONFIG_PATH=$P/lib/pkgconfig
check "outside program compiles with pkg-config" \
    'cc -std=c17 -Wall -Wextra -Werror tests/external/prog.c $(pkg-config --cflags --libs narrate) -o $TMP/prog'
check "outside program renders an MP3 with the installed worker and voices" \
    'env -u NARRATE_WORKER -u NARRATE_VOICES LD_LIBRARY_PATH=$P/lib $TMP/prog samples/short.txt $TMP/out.mp3 &&
     ffprobe -v error -show_entries format=format_name -of csv=p=0 $TMP/out.mp3 | grep -qx mp3'
check "static library links too" \
    'cc -std=c17 tests/external/prog.c $(pkg-config --cflags narrate) $P/lib/libnarrate.a \
        $(pkg-config --static --libs narrate | sed "s/-lnarrate//") -o $TMP/prog-static &&
     ! ldd $TMP/prog-static | grep -q libnarrate &&
     env -u NARRATE_WORKER -u NARRATE_VOICES $TMP/prog-static samples/short.txt $TMP/static.mp3 >/dev/null'
check "installed CLI renders" \
    'env -u NARRATE_WORKER -u NARRATE_VOICES $P/bin/narrate render samples/short.txt -o $TMP/cli.mp3 -q && [ -s $TMP/cli.mp3 ]'
check "man page is a section 1 page" 'grep -q "^\.TH NARRATE 1" $P/share/man/man1/narrate.1'
# First-hour papercuts (issue 22): a prefix the dynamic linker does not search.
check "outside program starts without LD_LIBRARY_PATH (narrate.pc's rpath)" \
    'pkg-config --libs narrate | grep -qF -- "-Wl,-rpath,$P/lib" &&
     env -u LD_LIBRARY_PATH -u NARRATE_WORKER -u NARRATE_VOICES $TMP/prog samples/short.txt $TMP/rpath.mp3 >/dev/null'
check "a system prefix: no rpath, ldconfig as root" \
    'make -n -s BUILD="$TMP/build" PREFIX=/usr/local SANITIZE= install 2>/dev/null >$TMP/sys.n &&
     grep -q "ldconfig" $TMP/sys.n && grep -qF "s|@RPATH@||" $TMP/sys.n &&
     make -n -s BUILD="$TMP/build" PREFIX="$TMP/prefix" SANITIZE= install 2>/dev/null | { ! grep -q ldconfig; }'
check "samples installed; serve --help names them, absolute" \
    '[ -f $P/share/narrate/samples/short.txt ] &&
     (cd / && env -u NARRATE_WORKER -u NARRATE_VOICES $P/bin/narrate serve --help) | grep -qF "(default $P/share/narrate/samples)"'
mkdir -p "$TMP/elsewhere"
(cd "$TMP/elsewhere" && exec env -u NARRATE_WORKER -u NARRATE_VOICES NARRATE_CACHE="$TMP/cache" \
    $P/bin/narrate serve --listen 127.0.0.1:0) 2>"$TMP/serve.log" &
SERVER=$!
for _ in $(seq 1200); do grep -q "http://" "$TMP/serve.log" && break; kill -0 $SERVER 2>/dev/null || break; sleep 0.1; done  # polled; bound: a hang
check "installed serve from another directory serves the installed samples" \
    'grep -qF "serving $P/share/narrate/samples on http://127.0.0.1:" "$TMP/serve.log"' "$(cat "$TMP/serve.log")"
kill -TERM $SERVER 2>/dev/null || true; wait $SERVER 2>/dev/null || true
echo
echo "install: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
