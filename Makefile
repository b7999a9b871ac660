# Makefile - builds libnarrate, the narrate CLI, narrate-serve and narrate-worker; tests; installs.
#
#   make                      build/ libnarrate.a, libnarrate.so, narrate, narrate-worker
#   make deps                 install the Debian packages needed to build and test
#   make test                 the unit tests (Criterion) and every shell suite, one summary line
#   make check                what CI runs: test, the same sanitized, fuzz-replay, a short fuzz,
#                             valgrind-test, tsan-test, fault-test, browser-test
#   make browser-test         the embed (/embed.js) in Debian's chromium; make screenshots: the
#                             same, writing docs/embed.png and docs/embed-360.png
#   make test-under-load [LOAD_TARGET=check] [LOAD_HOGS=2]   the same beside CPU hogs
#   make SANITIZE=address,undefined test   the suites in a sanitized tree (build-san/)
#   make fuzz [FUZZ_TIME=600]  libFuzzer targets (clang) for FUZZ_TIME seconds each
#   make SANITIZE=thread      a ThreadSanitizer tree (build-tsan/)
#   make valgrind-test        the CLI, cache, batch and serve suites with narrate under valgrind
#   make tsan-test            the threaded unit tests, batch and serve under ThreadSanitizer
#   make fault-test [FULL=1]  allocation and I/O failures, killed workers, a vanishing cache
#                             (sanitized: build-san/narrate-fault)
#   make install PREFIX=/usr/local [DESTDIR=...]   (with narrate.service and serve.conf)
#   make verify-unit          systemd-analyze verify on narrate.service
#   make demo                 render samples/*.txt to build/samples/*.mp3

# The version is set in one place, include/narrate.h (NARRATE_VERSION_MAJOR/MINOR/PATCH):
# the shared library's file name and soname and narrate.pc follow it.
version_part = $(shell sed -n 's/^\#define NARRATE_VERSION_$(1) \([0-9][0-9]*\)$$/\1/p' include/narrate.h)
VERSION    := $(call version_part,MAJOR).$(call version_part,MINOR).$(call version_part,PATCH)
SOVERSION  := $(call version_part,MAJOR)
PREFIX     ?= /usr/local
BINDIR     ?= $(PREFIX)/bin
LIBDIR     ?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include
LIBEXECDIR ?= $(PREFIX)/libexec
DATADIR    ?= $(PREFIX)/share
MANDIR     ?= $(DATADIR)/man
# /etc for a system-wide install (the systemd unit reads SYSCONFDIR/narrate/serve.conf).
SYSCONFDIR ?= $(if $(filter /usr /usr/local,$(PREFIX)),/etc,$(PREFIX)/etc)
SYSTEMDUNITDIR ?= $(PREFIX)/lib/systemd/system

SANITIZE ?=
ifeq ($(SANITIZE),)
BUILD ?= build
else
# ThreadSanitizer cannot share a tree with ASan: a directory of its own.
BUILD ?= $(if $(filter thread,$(SANITIZE)),build-tsan,build-san)
SANFLAGS := -fsanitize=$(SANITIZE) -fno-omit-frame-pointer -fno-sanitize-recover=all
endif

CC       ?= cc
PKG      ?= pkg-config
CFLAGS   ?= -O2 -g
WARNINGS := -Wall -Wextra -Wshadow -Wstrict-prototypes
ALLCFLAGS = -std=c17 -D_GNU_SOURCE -fPIC $(WARNINGS) $(CFLAGS) $(SANFLAGS) \
            -Iinclude $(SRC_DIRS:%=-I%) -I$(BUILD) -MMD -MP
ALLLDFLAGS = $(LDFLAGS) $(SANFLAGS)

LIB_PKGS    := lame inih libutf8proc jansson libsodium libxxhash libebur128
# Headers only: xmlload.c loads libxml2 on first use (see there), sndload.c libsndfile and
# libsoxr (WAV, FLAC, Opus, loudness), langid.c libexttextcat: a cache hit loads none.
LAZY_PKGS   := libxml-2.0 sndfile soxr libexttextcat
WORKER_PKGS := espeak-ng lame libutf8proc
# The CLI's own: batch manifests and reports (jansson), shard hashes (xxHash);
# batch_feed.c loads libxml2 on first use through the library's xmlload.c.
CLI_PKGS    := jansson libxxhash
TEST_PKGS   := criterion libmpg123 jansson
pkg_cflags = $(shell $(PKG) --cflags $(1))
pkg_libs   = $(shell $(PKG) --libs $(1))

# The library's sources, by the stage folder that holds them (docs/ARCHITECTURE.md);
# objects are named by file, so a file's name is unique across src/.
SRC_DIRS    := src/text src/audio src/worker src/cache src/render src
# src/ last: a dependency file written before a source moved into its folder names it
# at its old place, which then needs no rule (below all:; the object is rebuilt).
vpath %.c $(SRC_DIRS)
COMMON_SRC  := error.c deadline.c infile.c outfile.c checksum.c
TEXT_SRC    := article.c input.c html.c dom.c extract.c extract_blocks.c extract_names.c \
               extract_rules.c extract_score.c meta.c json.c charset.c htmlguard.c \
               xmlload.c text.c title.c langid.c langmemo.c segment.c segment_rules.c normalize.c numbers.c \
               lexicon.c script.c
# One file per language: its abbreviations (how they split, how they are said).
LANG_SRC    := $(addprefix lang/,common.c en.c en_numwords.c en_numbers.c en_words.c en_rules.c es.c fr.c de.c de_rules.c it.c pt.c)
AUDIO_SRC   := encoder.c mp3.c mp3join.c id3chap.c chapters.c sndfile.c sndload.c sink.c \
               loudness.c calibration.c
CACHE_SRC   := cache.c cache_admin.c key.c marks.c
# The render skeleton's parts (render.c: deliver; see docs/ARCHITECTURE.md).
RENDER_SRC  := engine.c voice.c langvoice.c render.c prepare.c produce.c hit.c extras.c \
               timeline.c align.c timings.c timings_file.c
# The library's side of the workers: starting them, speaking to them, handing out pieces.
POOL_SRC    := pool.c proto.c schedule.c
LIB_SRC := $(COMMON_SRC) $(TEXT_SRC) $(LANG_SRC) $(AUDIO_SRC) $(CACHE_SRC) $(RENDER_SRC) $(POOL_SRC)
# What runs in narrate-worker, the crash-isolated synthesis process: the only objects
# that link espeak-ng (synth.c) and, with mp3.c, LAME into a process of their own.
WORKER_SRC := worker.c synth.c proto.c stitch.c limiter.c mp3.c error.c rlimit.c
CLI_SRC := cli/narrate.c cli/cli.c cli/cmd_cache.c cli/cmd_key.c cli/cmd_render.c cli/cmd_script.c \
           cli/cmd_voices.c cli/cmd_batch.c cli/batch_input.c cli/batch_render.c cli/batch_state.c \
           cli/batch_progress.c cli/batch_report.c cli/batch_feed.c cli/batch_date.c cli/atomic.c \
           cli/cmd_check.c
TEST_SRC := $(wildcard tests/unit/*.c)

LIB_OBJ    := $(LIB_SRC:%.c=$(BUILD)/lib/%.o)
WORKER_OBJ := $(WORKER_SRC:%.c=$(BUILD)/worker/%.o)
CLI_OBJ    := $(CLI_SRC:%.c=$(BUILD)/%.o)
TEST_OBJ   := $(TEST_SRC:tests/unit/%.c=$(BUILD)/tests/%.o)

SONAME  := libnarrate.so.$(SOVERSION)
SHARED  := $(BUILD)/libnarrate.so.$(VERSION)
TARGETS := $(BUILD)/libnarrate.a $(SHARED) $(BUILD)/$(SONAME) $(BUILD)/libnarrate.so \
           $(BUILD)/narrate $(BUILD)/narrate-worker $(BUILD)/narrate-serve

DEB_PACKAGES := build-essential pkg-config libespeak-ng-dev libmp3lame-dev libsndfile1-dev \
                libsoxr-dev libinih-dev libutf8proc-dev libxml2-dev libjansson-dev \
                libsodium-dev libxxhash-dev libebur128-dev libcriterion-dev libmpg123-dev \
                mpg123 ffmpeg valgrind espeak-ng lame time libxml2-utils jq parallel strace \
                libexttextcat-dev
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)

.PHONY: all deps test check test-under-load unit-test cli-test install-test install uninstall demo clean FORCE \
        bench bench-segment bench-lang bench-script bench-cache bench-perf bench-timings bench-batch \
        bench-extract bench-fork
all: $(TARGETS)
$(addprefix src/,$(sort $(filter-out lang/%,$(LIB_SRC) $(WORKER_SRC)))): ;

deps:
	$(SUDO) apt-get update
	$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
	    $(DEB_PACKAGES)
	@# The browser test's puppeteer-core (tests/browser/package-lock.json), which drives
	@# Debian's chromium: it downloads no browser.  npm is Debian's, unless nodejs has its own.
	command -v npm >/dev/null || $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y npm
	cd tests/browser && npm ci --no-audit --no-fund

# Installation paths compiled into the library; rewritten only when they change.
$(BUILD)/config.h: FORCE
	@mkdir -p $(@D)
	@printf '/* config.h - generated by make: installation paths. */\n#define NR_WORKER_PATH "%s"\n#define NR_SERVE_PATH "%s"\n#define NR_VOICES_DIR "%s"\n#define NR_SAMPLES_DIR "%s"\n' \
	    "$(LIBEXECDIR)/narrate/narrate-worker" "$(LIBEXECDIR)/narrate/narrate-serve" "$(DATADIR)/narrate/voices" "$(DATADIR)/narrate/samples" > $@.tmp
	@cmp -s $@.tmp $@ && rm -f $@.tmp || mv -f $@.tmp $@

$(BUILD)/lib/engine.o $(BUILD)/cli/cli.o: $(BUILD)/config.h

# libexttextcat's language models (libexttextcat-data).
$(BUILD)/lib/langid.o $(BUILD)/lib/langmemo.o: ALLCFLAGS += -DNR_TEXTCAT_DIR='"$(shell $(PKG) --variable=pkgdatadir libexttextcat)"'

$(BUILD)/lib/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(ALLCFLAGS) $(call pkg_cflags,$(LIB_PKGS) $(LAZY_PKGS)) -c $< -o $@

$(BUILD)/worker/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(ALLCFLAGS) $(call pkg_cflags,$(WORKER_PKGS)) -c $< -o $@

$(BUILD)/cli/%.o: src/cli/%.c
	@mkdir -p $(@D)
	$(CC) $(ALLCFLAGS) $(call pkg_cflags,$(CLI_PKGS) $(LAZY_PKGS)) -c $< -o $@

$(BUILD)/tests/%.o: tests/unit/%.c
	@mkdir -p $(@D)
	$(CC) $(ALLCFLAGS) $(call pkg_cflags,$(TEST_PKGS) $(LIB_PKGS) $(LAZY_PKGS)) \
	    -DNR_TEST_SRCDIR='"$(CURDIR)"' -DNR_TEST_BUILDDIR='"$(abspath $(BUILD))"' -c $< -o $@

$(BUILD)/libnarrate.a: $(LIB_OBJ)
	rm -f $@
	$(AR) rcs $@ $^

$(SHARED): $(LIB_OBJ) src/libnarrate.map
	$(CC) -shared -Wl,-soname,$(SONAME) -Wl,--version-script=src/libnarrate.map \
	    $(ALLLDFLAGS) -o $@ $(LIB_OBJ) $(call pkg_libs,$(LIB_PKGS)) -lpthread -lm

$(BUILD)/$(SONAME) $(BUILD)/libnarrate.so: $(SHARED)
	ln -sf $(notdir $(SHARED)) $@

# Without serve's objects and libmicrohttpd: narrate-serve (below) has them.
$(BUILD)/narrate: $(CLI_OBJ) $(BUILD)/libnarrate.a
	$(CC) $(ALLLDFLAGS) -o $@ $(filter-out $(SERVE_OBJ),$(CLI_OBJ)) $(BUILD)/libnarrate.a \
	    $(call pkg_libs,$(LIB_PKGS) $(filter-out libmicrohttpd libcurl,$(CLI_PKGS))) -lpthread -lm

$(BUILD)/narrate-worker: $(WORKER_OBJ)
	$(CC) $(ALLLDFLAGS) -o $@ $^ $(call pkg_libs,$(WORKER_PKGS)) -lm

# The limiter runs in workers only; its tests link it directly.
$(BUILD)/unit-tests: $(TEST_OBJ) $(BUILD)/libnarrate.a $(BUILD)/worker/limiter.o
	$(CC) $(ALLLDFLAGS) -o $@ $(TEST_OBJ) $(BUILD)/libnarrate.a $(BUILD)/worker/limiter.o \
	    $(call pkg_libs,$(TEST_PKGS) $(LIB_PKGS) $(LAZY_PKGS)) -lpthread -lm

# ---------------------------------------------------------------- serve
# `narrate serve` (libmicrohttpd); the browser test drives Debian's chromium through puppeteer-core.
CLI_PKGS += libmicrohttpd libcurl
SERVE_SRC := cli/cmd_serve.c cli/serve_http.c cli/serve_articles.c cli/serve_queue.c \
             cli/serve_audio.c cli/serve_pages.c cli/serve_api.c cli/serve_log.c cli/serve_auth.c \
             cli/serve_quota.c cli/serve_metrics.c cli/serve_prune.c cli/serve_cors.c \
             cli/serve_jobs.c cli/serve_timings.c cli/serve_webhook.c cli/serve_put.c
SERVE_SRC += cli/serve_embed.c
SERVE_OBJ := $(SERVE_SRC:%.c=$(BUILD)/%.o)
CLI_OBJ += $(SERVE_OBJ)
DEB_PACKAGES += libmicrohttpd-dev libcurl4-openssl-dev curl wrk nginx chromium nodejs systemd
# `narrate serve` execs narrate-serve (cli.c), so that only the server loads
# libmicrohttpd and GnuTLS: a cache hit through narrate maps 10 libraries fewer.
$(BUILD)/narrate-serve: $(CLI_OBJ) $(BUILD)/cli/serve_main.o $(BUILD)/libnarrate.a
	$(CC) $(ALLLDFLAGS) -o $@ $(filter-out $(BUILD)/cli/narrate.o,$(CLI_OBJ)) $(BUILD)/cli/serve_main.o \
	    $(BUILD)/libnarrate.a $(call pkg_libs,$(LIB_PKGS) $(CLI_PKGS)) -lpthread -lm
$(SERVE_OBJ): ALLCFLAGS += $(call pkg_cflags,libmicrohttpd inih libutf8proc libsodium libcurl)
# GET /embed.js: src/cli/embed.js compiled into the server as bytes, its indentation and
# whole-line comments left out, and gzipped beside (for Accept-Encoding: gzip); its ETag a
# hash of what is served (no build step for users).
$(BUILD)/cli/serve_embed.o: $(BUILD)/embed_js.h
$(BUILD)/embed_js.h: src/cli/embed.js Makefile
	@mkdir -p $(@D)
	@sed -e 's/^[[:space:]]*//' -e '/^\/\//d' -e '/^$$/d' $< > $@.js
	@gzip -9n < $@.js > $@.js.gz
	@{ printf '/* embed_js.h - generated by make from src/cli/embed.js. */\n'; \
	   printf '#define EMBED_JS_ETAG "\\"%s\\""\n' "$$(sha256sum < $@.js | cut -c1-32)"; \
	   printf '#define EMBED_JS_GZ_ETAG "\\"%s-gz\\""\n' "$$(sha256sum < $@.js | cut -c1-32)"; \
	   printf 'static const unsigned char embed_js[] = {\n'; \
	   od -An -v -tx1 < $@.js | sed -e 's/ *\([0-9a-f][0-9a-f]\)/0x\1,/g'; \
	   printf '};\nstatic const unsigned char embed_js_gz[] = {\n'; \
	   od -An -v -tx1 < $@.js.gz | sed -e 's/ *\([0-9a-f][0-9a-f]\)/0x\1,/g'; \
	   printf '};\n'; } > $@.tmp
	@rm -f $@.js $@.js.gz
	@mv -f $@.tmp $@
.PHONY: bench-serve
# 20 listeners clicking play at once on 20 cold articles (first audio, streams behind
# playback; CLICKS=, RUNS=, WORKERS=), then wrk on a cached MP3, narrate serve against
# nginx serving the same file.
bench-serve: all
	tests/bench/serve_cold.sh $(BUILD)
	tests/bench/serve.sh $(BUILD)

# ---------------------------------------------------------------- tests
# make test: the contributor's loop, minutes long: the unit tests and every shell suite
# against this build, then one summary line (tests/run.sh). make check: everything CI
# runs. Neither depends on the machine being quiet: deadlines are tested with a worker
# that stalls on demand (tests/stall/), never by racing the clock; `make test-under-load`
# proves it with two CPU hogs running.
TEST_SUITES := unit cli languages cache loudness serve api batch hostile crash sizes $(if $(SANITIZE),,install)
TEST_BINS   := all $(BUILD)/unit-tests $(BUILD)/espeak-probe $(BUILD)/narrate-worker-stall

test: $(TEST_BINS)
	SANITIZE=$(SANITIZE) tests/run.sh $(BUILD) $(TEST_SUITES)

# Each step prints its own summary; the first red one stops the run.
check:
	$(MAKE) --no-print-directory test
	$(MAKE) --no-print-directory SANITIZE=address,undefined test
	$(MAKE) --no-print-directory fuzz-replay
	$(MAKE) --no-print-directory fuzz FUZZ_TIME=$(FUZZ_CI_TIME)
	$(MAKE) --no-print-directory valgrind-test
	$(MAKE) --no-print-directory tsan-test
	$(MAKE) --no-print-directory fault-test
	$(MAKE) --no-print-directory browser-test
	@echo "check: test, test-address-undefined, fuzz-replay, fuzz, valgrind-test, tsan-test, fault-test, browser-test all passed"

# LOAD_TARGET (default test) with LOAD_HOGS busy loops running beside it, stopped by PID.
LOAD_TARGET ?= test
LOAD_HOGS   ?= 2
test-under-load:
	tests/under-load.sh $(LOAD_HOGS) $(MAKE) --no-print-directory $(LOAD_TARGET)

# The embed in Debian's chromium (tests/browser.sh): a minute or more, so in check, not
# in test.  Skips (passing) without chromium or tests/browser/node_modules (make deps).
# screenshots: the same run, its screenshots written to docs/ for the README.
.PHONY: browser-test screenshots
browser-test: all
	tests/run.sh $(BUILD) browser

screenshots: all
	NARRATE_SHOTS=$(CURDIR)/docs tests/run.sh $(BUILD) browser

unit-test: all $(BUILD)/unit-tests $(BUILD)/narrate-worker-stall
	SANITIZE=$(SANITIZE) tests/run.sh $(BUILD) unit

cli-test: $(TEST_BINS)
	SANITIZE=$(SANITIZE) tests/run.sh $(BUILD) $(filter-out unit install,$(TEST_SUITES))

install-test: all
	tests/install.sh "$(SANITIZE)"

# The worker with nr_synth_speak wrapped: a piece holding $$NARRATE_STALL never ends.
$(BUILD)/narrate-worker-stall: $(WORKER_OBJ) $(BUILD)/worker/stall.o
	$(CC) $(ALLLDFLAGS) -Wl,--wrap=nr_synth_speak -o $@ $^ $(call pkg_libs,$(WORKER_PKGS)) -lm

$(BUILD)/worker/stall.o: tests/stall/stall.c
	@mkdir -p $(@D)
	$(CC) $(ALLCFLAGS) $(call pkg_cflags,$(WORKER_PKGS)) -c $< -o $@

# ---------------------------------------------------------------- hostile texts
# tests/hostile/*.txt abort raw espeak-ng (espeak-probe, a test tool, says which);
# hostile.sh checks narrate survives each, CLI and serve (tests/hostile/README.md).
.PHONY: hostile-test
cli-test hostile-test: $(BUILD)/espeak-probe
hostile-test: all
	LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp SANITIZE=$(SANITIZE) tests/hostile.sh $(BUILD)

$(BUILD)/espeak-probe: tests/hostile/probe.c $(BUILD)/worker/synth.o
	$(CC) $(ALLCFLAGS) $(call pkg_cflags,$(WORKER_PKGS)) -o $@ $< $(BUILD)/worker/synth.o \
	    $(ALLLDFLAGS) $(call pkg_libs,espeak-ng)

# ---------------------------------------------------------------- sanitizers, valgrind
# valgrind-test: the CLI suites with every narrate run under valgrind memcheck (build/).
# tsan-test: ThreadSanitizer (build-tsan/) on the unit tests that use threads, run by
# tests/tsan/runner.c as Criterion cannot run under TSan, then on the batch and serve suites.
.PHONY: valgrind-test tsan-test
TSAN_UNIT := helpers test_render test_cache test_html test_timings
TSAN_OBJ  := $(TSAN_UNIT:%=$(BUILD)/tsan/%.o) $(BUILD)/tsan/runner.o
TSAN_ENV  := TSAN_OPTIONS="suppressions=$(CURDIR)/tests/tsan.supp second_deadlock_stack=1 $(TSAN_OPTIONS)"

valgrind-test:
	$(MAKE) --no-print-directory SANITIZE= all build/narrate-worker-stall
	tests/valgrind.sh build

tsan-test:
	$(MAKE) --no-print-directory SANITIZE=thread all build-tsan/tsan-tests build-tsan/narrate-worker-stall
	$(TSAN_ENV) build-tsan/tsan-tests
	$(TSAN_ENV) tests/tsan.sh build-tsan

# narrate-worker is single-threaded, so TSan has nothing to check in it, and it runs under
# RLIMIT_AS (src/rlimit.c), which TSan's terabytes of shadow mappings cannot start in:
# build-tsan's worker is built without TSan.
ifeq ($(SANITIZE),thread)
$(BUILD)/worker/%.o: SANFLAGS :=
$(BUILD)/narrate-worker: SANFLAGS :=
$(BUILD)/narrate-worker-stall: SANFLAGS :=
endif

$(BUILD)/tsan/%.o: tests/unit/%.c
	@mkdir -p $(@D)
	$(CC) $(ALLCFLAGS) -Itests/tsan $(call pkg_cflags,$(TEST_PKGS) $(LIB_PKGS) $(LAZY_PKGS)) \
	    -DNR_TEST_SRCDIR='"$(CURDIR)"' -DNR_TEST_BUILDDIR='"$(abspath $(BUILD))"' -c $< -o $@

$(BUILD)/tsan/runner.o: tests/tsan/runner.c
	@mkdir -p $(@D)
	$(CC) $(ALLCFLAGS) -Itests/tsan -c $< -o $@

$(BUILD)/tsan-tests: $(TSAN_OBJ) $(BUILD)/libnarrate.a
	$(CC) $(ALLLDFLAGS) -o $@ $(TSAN_OBJ) $(BUILD)/libnarrate.a \
	    $(call pkg_libs,$(TEST_PKGS) $(LIB_PKGS) $(LAZY_PKGS)) -lpthread -lm

-include $(TSAN_OBJ:.o=.d)

# ---------------------------------------------------------------- fault injection
# narrate-fault is the CLI with its calls to these functions routed through
# tests/fault/failinject.c, which fails the Nth one when NARRATE_FAIL says so.
FAULT_WRAP := malloc calloc realloc strdup strndup asprintf vasprintf fopen fdopen opendir \
              write pwrite fsync fdatasync rename renameat renameat2 link close json_loadb json_load_file
.PHONY: fault-test
ifeq ($(SANITIZE),)
# Without LeakSanitizer half of it would go unchecked: always the sanitized tree.
fault-test:
	$(MAKE) --no-print-directory SANITIZE=address,undefined fault-test
else
fault-test: all $(BUILD)/narrate-fault
	LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp FULL=$(FULL) tests/fault.sh $(BUILD)
endif

$(BUILD)/fault/%.o: tests/fault/%.c
	@mkdir -p $(@D)
	$(CC) $(ALLCFLAGS) $(call pkg_cflags,jansson) -c $< -o $@

$(BUILD)/narrate-fault: $(CLI_OBJ) $(BUILD)/fault/failinject.o $(BUILD)/libnarrate.a
	$(CC) $(ALLLDFLAGS) $(FAULT_WRAP:%=-Wl,--wrap=%) -o $@ $(CLI_OBJ) $(BUILD)/fault/failinject.o \
	    $(BUILD)/libnarrate.a $(call pkg_libs,$(LIB_PKGS) $(CLI_PKGS)) -lpthread -lm

# ---------------------------------------------------------------- bench
# Benchmarks: each bench-* target prints its own figures.
bench: bench-segment bench-lang bench-script bench-cache bench-perf bench-timings bench-batch bench-extract \
       bench-fork

# HTML extraction: F1, precision, recall and refusals on the shared corpus of
# 990 real pages (skipped without ../shared), then the extraction time of a
# 300 KB page.
EXTRACT_CORPUS := $(CURDIR)/../shared/bench/extract
bench-extract: all $(BUILD)/extract-bench
	@if [ -x $(EXTRACT_CORPUS)/score.py ]; then \
	    $(EXTRACT_CORPUS)/score.py $(BUILD)/narrate --jobs 2 && \
	    rm -rf $(BUILD)/extract-pages && mkdir -p $(BUILD)/extract-pages && \
	    for f in $(EXTRACT_CORPUS)/pages/*.gz; do \
	        gzip -dc "$$f" > $(BUILD)/extract-pages/$$(basename "$$f" .gz) || exit 1; done && \
	    $(BUILD)/extract-bench $(BUILD)/extract-pages/*.html; \
	else echo "bench-extract: skipped ($(EXTRACT_CORPUS) is absent)"; fi

$(BUILD)/extract-bench: tests/bench/extract_bench.c $(BUILD)/libnarrate.a
	$(CC) $(ALLCFLAGS) -O2 -o $@ $< $(BUILD)/libnarrate.a $(ALLLDFLAGS) \
	    $(call pkg_libs,$(LIB_PKGS)) -ldl -lpthread -lm

# The whole text path: parse, split, normalize, lexicon.
bench-script: $(BUILD)/script-bench
	$(BUILD)/script-bench samples/seed.txt voices/correspondent.ini

$(BUILD)/script-bench: tests/bench/script_bench.c $(BUILD)/libnarrate.a
	$(CC) $(ALLCFLAGS) -O2 -o $@ $< $(BUILD)/libnarrate.a $(ALLLDFLAGS) \
	    $(call pkg_libs,$(LIB_PKGS)) -lpthread -lm

# Normalization per language and class: espeak-ng's phonemes of narrate's script
# against those of the text a native reader says, raw espeak-ng beside it
# (tests/bench/lang/*.tsv; LANG_BENCH_FLAGS=-v lists the misses).
bench-lang: $(BUILD)/lang-bench
	$(BUILD)/lang-bench tests/bench/lang $(LANG_BENCH_FLAGS)

$(BUILD)/lang-bench: tests/bench/lang_bench.c $(BUILD)/worker/synth.o $(BUILD)/libnarrate.a
	$(CC) $(ALLCFLAGS) $(call pkg_cflags,$(WORKER_PKGS)) -o $@ $< $(BUILD)/worker/synth.o \
	    $(BUILD)/libnarrate.a $(ALLLDFLAGS) $(call pkg_libs,$(LIB_PKGS) espeak-ng) -lpthread -lm

# Speed, first audio and memory against espeak-ng | lame.
bench-perf: all
	tests/bench/perf.sh $(BUILD)

# Batch: 200 articles on one core vs all cores; kill -9 and resume; poisoned
# lines; the podcast feed checked with xmllint.
bench-batch: all
	tests/bench/batch.sh $(BUILD)

# Cache: CLI hit vs miss on the seed, and the library lookup on a hit.
bench-cache: all $(BUILD)/cache-bench
	tests/bench/cache.sh $(BUILD)

$(BUILD)/cache-bench: tests/bench/cache_bench.c $(BUILD)/libnarrate.a
	$(CC) $(ALLCFLAGS) -O2 -o $@ $< $(BUILD)/libnarrate.a $(ALLLDFLAGS) \
	    $(call pkg_libs,$(LIB_PKGS)) -lpthread -lm

# What the worker's fresh process per piece costs (worker.c: fork from an
# initialized espeak-ng) against a sentence spoken in one long-lived process.
bench-fork: $(BUILD)/fork-bench
	PULSE_SERVER=unix:/nonexistent/narrate-no-audio $(BUILD)/fork-bench

$(BUILD)/fork-bench: tests/bench/fork_bench.c $(BUILD)/worker/synth.o
	$(CC) $(ALLCFLAGS) $(call pkg_cflags,$(WORKER_PKGS)) -O2 -o $@ $< $(BUILD)/worker/synth.o \
	    $(ALLLDFLAGS) $(call pkg_libs,espeak-ng)

# Timings: cue starts against the sound onsets of the decoded MP3.
bench-timings: all $(BUILD)/timings-bench
	$(BUILD)/timings-bench $(BUILD)/narrate-worker voices $(BUILD)/timings-bench.mp3 \
	    samples/seed.txt samples/long.txt

$(BUILD)/timings-bench: tests/bench/timings_bench.c $(BUILD)/libnarrate.a
	$(CC) $(ALLCFLAGS) -O2 $(call pkg_cflags,libmpg123) -o $@ $< $(BUILD)/libnarrate.a $(ALLLDFLAGS) \
	    $(call pkg_libs,$(LIB_PKGS) libmpg123) -lpthread -lm

# Sentence splitter: Golden Rules score (English, and pySBD's Spanish, French and
# German cases), MB/s on 1 MB and 10 MB articles and on hostile input (built -O2
# from the splitter's objects alone).
SEGMENT_SUITES := $(foreach l,es fr de,$(l)=$(CURDIR)/../shared/bench/segment/$(l).jsonl)
bench-segment: $(BUILD)/segment-bench
	$(BUILD)/segment-bench $(CURDIR)/../shared/bench/golden-rules-en.jsonl $(SEGMENT_SUITES)

$(BUILD)/segment-bench: tests/bench/segment_bench.c $(BUILD)/lib/segment.o $(BUILD)/lib/segment_rules.o \
                        $(BUILD)/lib/normalize.o $(BUILD)/lib/numbers.o $(BUILD)/lib/text.o \
                        $(LANG_SRC:%.c=$(BUILD)/lib/%.o)
	$(CC) $(ALLCFLAGS) -O2 $(call pkg_cflags,libutf8proc jansson) -o $@ $(filter %.c %.o,$^) \
	    $(ALLLDFLAGS) $(call pkg_libs,libutf8proc jansson)

# ---------------------------------------------------------------- install
# The directories the dynamic linker searches (Debian's ld.so.conf): a library
# installed there is found after ldconfig, run here as root; anywhere else
# (PREFIX=$$HOME/.local) programs linked through narrate.pc carry an rpath to it.
SYSTEM_LIBDIRS := /lib /lib64 /usr/lib /usr/lib64 /usr/local/lib \
                  $(addsuffix /$(shell $(CC) -print-multiarch 2>/dev/null),/lib /usr/lib /usr/local/lib)
SYSTEM_LIB := $(filter $(patsubst %/,%,$(LIBDIR)),$(SYSTEM_LIBDIRS))
PC_RPATH := $(if $(SYSTEM_LIB),,-Wl,-rpath,$${libdir} )

install: all $(BUILD)/narrate.service
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBDIR)/pkgconfig $(DESTDIR)$(INCLUDEDIR) \
	    $(DESTDIR)$(LIBEXECDIR)/narrate $(DESTDIR)$(DATADIR)/narrate/voices \
	    $(DESTDIR)$(DATADIR)/narrate/samples $(DESTDIR)$(MANDIR)/man1
	install -m 755 $(BUILD)/narrate $(DESTDIR)$(BINDIR)/narrate
	install -m 755 $(BUILD)/narrate-worker $(DESTDIR)$(LIBEXECDIR)/narrate/narrate-worker
	install -m 755 $(BUILD)/narrate-serve $(DESTDIR)$(LIBEXECDIR)/narrate/narrate-serve
	install -m 644 $(BUILD)/libnarrate.a $(DESTDIR)$(LIBDIR)/libnarrate.a
	install -m 755 $(SHARED) $(DESTDIR)$(LIBDIR)/$(notdir $(SHARED))
	ln -sf $(notdir $(SHARED)) $(DESTDIR)$(LIBDIR)/$(SONAME)
	ln -sf $(notdir $(SHARED)) $(DESTDIR)$(LIBDIR)/libnarrate.so
	install -m 644 include/narrate.h $(DESTDIR)$(INCLUDEDIR)/narrate.h
	install -m 644 voices/*.ini voices/*.lex $(DESTDIR)$(DATADIR)/narrate/voices/
	install -m 644 samples/*.txt samples/*.html samples/*.json $(DESTDIR)$(DATADIR)/narrate/samples/
	install -m 644 docs/narrate.1 $(DESTDIR)$(MANDIR)/man1/narrate.1
	sed -e 's|@PREFIX@|$(PREFIX)|; s|@LIBDIR@|$(LIBDIR)|; s|@INCLUDEDIR@|$(INCLUDEDIR)|' \
	    -e 's|@VERSION@|$(VERSION)|; s|@REQUIRES@|$(LIB_PKGS)|; s|@RPATH@|$(PC_RPATH)|' \
	    src/narrate.pc.in > $(DESTDIR)$(LIBDIR)/pkgconfig/narrate.pc
	install -d $(DESTDIR)$(SYSTEMDUNITDIR) $(DESTDIR)$(SYSCONFDIR)/narrate
	install -m 644 $(BUILD)/narrate.service $(DESTDIR)$(SYSTEMDUNITDIR)/narrate.service
	@# The operator's serve.conf is never overwritten.
	[ -e $(DESTDIR)$(SYSCONFDIR)/narrate/serve.conf ] || \
	    install -m 644 dist/serve.conf $(DESTDIR)$(SYSCONFDIR)/narrate/serve.conf
ifneq ($(SYSTEM_LIB),)
	@if [ -z "$(DESTDIR)" ] && [ "$$(id -u)" = 0 ] && command -v ldconfig >/dev/null; then \
	    echo ldconfig; ldconfig; fi
endif

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/narrate $(DESTDIR)$(LIBEXECDIR)/narrate/narrate-worker \
	    $(DESTDIR)$(LIBDIR)/libnarrate.a $(DESTDIR)$(LIBDIR)/libnarrate.so* \
	    $(DESTDIR)$(INCLUDEDIR)/narrate.h $(DESTDIR)$(LIBDIR)/pkgconfig/narrate.pc \
	    $(DESTDIR)$(MANDIR)/man1/narrate.1 $(DESTDIR)$(SYSTEMDUNITDIR)/narrate.service
	rm -rf $(DESTDIR)$(DATADIR)/narrate $(DESTDIR)$(LIBEXECDIR)/narrate

# The systemd unit with this install's paths; verify-unit checks it with
# systemd-analyze (the narrate of this build standing in for the installed one).
.PHONY: verify-unit
$(BUILD)/narrate.service: dist/narrate.service.in FORCE
	@mkdir -p $(@D)
	@sed -e 's|@BINDIR@|$(BINDIR)|g; s|@SYSCONFDIR@|$(SYSCONFDIR)|g' $< > $@.tmp
	@cmp -s $@.tmp $@ && rm -f $@.tmp || mv -f $@.tmp $@

verify-unit: all
	@mkdir -p $(BUILD)/verify
	sed -e 's|@BINDIR@|$(CURDIR)/$(BUILD)|g; s|@SYSCONFDIR@|$(SYSCONFDIR)|g' dist/narrate.service.in \
	    > $(BUILD)/verify/narrate.service
	systemd-analyze verify --man=no $(BUILD)/verify/narrate.service
	@echo "verify-unit: systemd-analyze verify passed"

# ---------------------------------------------------------------- demo
demo: all
	@mkdir -p $(BUILD)/samples
	@for f in samples/*.txt; do \
	    $(BUILD)/narrate render "$$f" -o $(BUILD)/samples/$$(basename "$$f" .txt).mp3 || exit 1; \
	done

clean:
	rm -rf build build-san build-tsan build-fuzz

-include $(LIB_OBJ:.o=.d) $(WORKER_OBJ:.o=.d) $(CLI_OBJ:.o=.d) $(TEST_OBJ:.o=.d) $(BUILD)/cli/serve_main.d \
         $(wildcard $(BUILD)/fuzz-obj/*.d) $(BUILD)/fault/failinject.d $(BUILD)/worker/stall.d

# ---------------------------------------------------------------- fuzz
# libFuzzer targets (tests/fuzz/fuzz_*.c).  `make fuzz` builds them with clang
# in build-fuzz/ (ASan + UBSan) and runs each for FUZZ_TIME seconds on its seed
# corpus tests/fuzz/corpus/<target>/ (new inputs go to build-fuzz/corpus/).
# `make fuzz-replay` (part of `make test`) runs every corpus file, crashers
# included, through the same targets built with $(CC) in the sanitized tree.
FUZZ_TARGETS := text html json jsonl segment voice lexicon sidecar marks http synth
FUZZ_TIME ?= 30
FUZZ_CI_TIME ?= 20
FUZZ_JOBS ?= 2
FUZZ_OBJ := $(BUILD)/fuzz-obj/fuzz.o
FUZZ_CLI_LIB := $(BUILD)/libnarrate-cli.a
FUZZ_LIBS = $(call pkg_libs,$(LIB_PKGS) $(CLI_PKGS) $(LAZY_PKGS)) -lpthread -lm
DEB_PACKAGES += clang libclang-rt-14-dev

.PHONY: fuzz fuzz-build fuzz-replay
fuzz: all
	$(MAKE) --no-print-directory BUILD=build-fuzz CC=clang \
	    SANITIZE=fuzzer-no-link,address,undefined FUZZ_ENGINE=-fsanitize=fuzzer fuzz-build
	tests/fuzz/run.sh build-fuzz $(FUZZ_TIME) $(FUZZ_JOBS) $(FUZZ_TARGETS)

fuzz-build: $(FUZZ_TARGETS:%=$(BUILD)/fuzz/%)

fuzz-replay: all
	$(MAKE) --no-print-directory SANITIZE=address,undefined \
	    FUZZ_ENGINE=build-san/fuzz-obj/replay.o fuzz-build
	tests/fuzz/replay.sh build-san $(FUZZ_TARGETS)

$(BUILD)/fuzz-obj/%.o: tests/fuzz/%.c
	@mkdir -p $(@D)
	$(CC) $(ALLCFLAGS) -Isrc/cli -DNR_FUZZ_SRCDIR='"$(CURDIR)"' \
	    $(call pkg_cflags,$(LIB_PKGS) $(CLI_PKGS) $(LAZY_PKGS)) -c $< -o $@

# The CLI's files without its main(), for the batch and serve targets.
$(FUZZ_CLI_LIB): $(filter-out $(BUILD)/cli/narrate.o,$(CLI_OBJ))
	rm -f $@
	$(AR) rcs $@ $^

$(BUILD)/fuzz/%: $(BUILD)/fuzz-obj/fuzz_%.o $(FUZZ_OBJ) $(FUZZ_CLI_LIB) $(BUILD)/libnarrate.a \
                 $(filter %.o,$(FUZZ_ENGINE))
	@mkdir -p $(@D)
	$(CC) $(ALLLDFLAGS) $(FUZZ_ENGINE) -o $@ $< $(FUZZ_OBJ) $(FUZZ_CLI_LIB) \
	    $(BUILD)/libnarrate.a $(FUZZ_LIBS)
