/* fuzz_sidecar.c - libFuzzer target: a cache entry's JSON sidecar, read by lookup, marks, stats and verify. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cache.h"
#include "fuzz.h"

#define KEY "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

static narrate_cache *cache;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    char dir[256];
    snprintf(dir, sizeof dir, "%s/cache", fuzz_dir());
    narrate_error err;
    if (!(cache = narrate_cache_open(dir, &err)))
        fuzz_fail("cannot open a cache", err.message);
    return 0;
}

static void put(const char *ext, const void *data, size_t size)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%.2s", narrate_cache_dir(cache), KEY);
    mkdir(path, 0700);
    snprintf(path, sizeof path, "%s/%.2s/%s.%s", narrate_cache_dir(cache), KEY, KEY, ext);
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(data, 1, size, f) != size || fclose(f) != 0)
        fuzz_fail("cannot write a cache file", path);
}

/* The entry's files: the fuzzed sidecar beside a 100-byte MP3 and an empty marks file. */
static void plant(const uint8_t *data, size_t size)
{
    static const char audio[100] = "ID3";
    static const unsigned char marks[8] = { 'N', 'R', 'M', 'K', 1, 0, 0, 0 };
    put("mp3", audio, sizeof audio);
    put("marks", marks, sizeof marks);
    put("json", data, size);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    narrate_error err;
    narrate_cache_entry e;
    plant(data, size);
    if (narrate_cache_lookup(cache, KEY, &e, &err) == NARRATE_OK) {
        if (strcmp(e.key, KEY) != 0 || e.format == NARRATE_FORMAT_AUTO)
            fuzz_fail("lookup returned another entry", e.key);
        int fd;
        if (nr_cache_open_marks(cache, &e, &fd, &err) == NARRATE_OK)
            close(fd);
        else
            fuzz_check_error(&err);
    } else {
        fuzz_check_error(&err);
    }
    plant(data, size);
    narrate_cache_stats st;
    if (narrate_cache_stats_get(cache, &st, &err) < 0)
        fuzz_check_error(&err);
    uint64_t checked, removed;
    if (narrate_cache_verify(cache, &checked, &removed, &err) < 0)
        fuzz_check_error(&err);
    return 0;
}
