/* test_cache.c - cache keys, single-flight entries, corruption, full disks, maintenance. */
#include <criterion/criterion.h>
#include <pthread.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "helpers.h"

static const char story[] = "Title: Bridge reopens\nAuthor: Ann Lee\n\n"
                            "The bridge reopened on Monday. Traffic flowed again.\n\n"
                            "Repairs took six weeks.\n";

static void key_of(narrate_engine *e, const char *text, const narrate_render_options *o, char *key)
{
    narrate_error err;
    narrate_article *a = narrate_article_parse(text, strlen(text), &err);
    cr_assert_not_null(a, "%s", err.message);
    cr_assert_eq(narrate_key(e, a, o, key, &err), 0, "%s", err.message);
    cr_assert_eq(strlen(key), NARRATE_KEY_LEN);
    narrate_article_free(a);
}

Test(cache, keys_follow_what_is_audible)
{
    narrate_engine *e = test_engine(1);
    char k[NARRATE_KEY_LEN + 1], same[NARRATE_KEY_LEN + 1], other[NARRATE_KEY_LEN + 1];
    key_of(e, story, NULL, k);
    key_of(e, "Title:  Bridge reopens\r\nAuthor: Ann Lee\r\n\r\nThe bridge reopened on Monday.\n"
              "Traffic flowed again.\n\n\n\nRepairs took six weeks.", NULL, same);
    cr_assert_str_eq(k, same, "re-saving the same text changed the key");
    key_of(e, "Title: Bridge reopens\nAuthor: Ann Leigh\n\nThe bridge reopened on Monday. "
              "Traffic flowed again.\n\nRepairs took six weeks.\n", NULL, other);
    cr_assert_str_neq(k, other, "a byline edit kept the key");
    key_of(e, "Title: Bridge reopens\nAuthor: Ann Lee\n\nThe bridge reopened on Monday. "
              "Traffic flowed again.\n\nRepairs took seven weeks.\n", NULL, other);
    cr_assert_str_neq(k, other, "a paragraph edit kept the key");
    narrate_render_options o = NARRATE_RENDER_OPTIONS_INIT;
    o.bitrate_kbps = 96;
    key_of(e, story, &o, other);
    cr_assert_str_neq(k, other, "the bitrate is audible");
    o.bitrate_kbps = 0;
    o.format = NARRATE_FORMAT_FLAC;
    key_of(e, story, &o, other);
    cr_assert_str_neq(k, other, "the format is part of the key");
    narrate_voice v;
    narrate_voice_find(e, "default", &v, NULL);
    v.rate += 10;
    o.format = NARRATE_FORMAT_AUTO;
    o.voice = &v;
    key_of(e, story, &o, other);
    cr_assert_str_neq(k, other, "the rate is audible");
    narrate_engine_destroy(e);
}

static narrate_cache *open_cache(const char *dir)
{
    narrate_error err;
    narrate_cache *c = narrate_cache_open(dir, &err);
    cr_assert_not_null(c, "%s", err.message);
    return c;
}

static int render_cached(narrate_engine *e, narrate_cache *c, const char *text, narrate_cache_entry *ce)
{
    narrate_article *a = narrate_article_parse(text, strlen(text), NULL);
    narrate_error err;
    int rc = narrate_render_cached(e, c, a, NULL, ce, &err);
    cr_assert_eq(rc, 0, "%s", err.message);
    narrate_article_free(a);
    return rc;
}

Test(cache, hits_start_no_worker_and_corruption_is_repaired, .timeout = 60)
{
    narrate_engine *e = test_engine(1);
    char *dir = test_tmpdir();
    narrate_cache *c = open_cache(dir);
    narrate_cache_entry first, again;
    render_cached(e, c, story, &first);
    cr_assert_eq(first.renders, 1);
    cr_assert_str_eq(first.title, "Bridge reopens");
    cr_assert_str_eq(first.voice, "default");
    cr_assert_gt(first.duration_s, 1.0);
    render_cached(e, c, story, &again);
    narrate_engine_stats st;
    narrate_engine_stats_get(e, &st);
    cr_assert_eq(st.spawned, 1, "a hit started a worker");
    cr_assert_str_eq(again.path, first.path);

    /* Same size, different bytes: caught by the checksum when copied out. */
    int fd = open(first.path, O_WRONLY);
    cr_assert(pwrite(fd, "XXXX", 4, 2000) == 4);
    close(fd);
    char *out = test_path(dir, "copy.mp3");
    narrate_article *a = narrate_article_parse(story, strlen(story), NULL);
    narrate_render_options o = NARRATE_RENDER_OPTIONS_INIT;
    o.cache = c;
    narrate_error err;
    cr_assert_eq(narrate_render_file(e, a, &o, out, NULL, &err), 0, "%s", err.message);
    char head[4] = "";
    fd = open(out, O_RDONLY);
    cr_assert(pread(fd, head, 4, 2000) == 4);
    close(fd);
    cr_assert(memcmp(head, "XXXX", 4) != 0, "the corrupt entry was served");
    uint64_t checked, removed;
    cr_assert_eq(narrate_cache_verify(c, &checked, &removed, NULL), 0);
    cr_assert_eq(checked, 1);
    cr_assert_eq(removed, 0, "the entry was not rendered again");
    cr_assert_eq(narrate_cache_lookup(c, first.key, &again, NULL), 0);

    /* Truncated: caught by the size on lookup, and removed. */
    cr_assert_eq(truncate(again.path, 1000), 0);
    cr_assert_eq(narrate_cache_lookup(c, first.key, &again, &err), NARRATE_ENOTFOUND);
    cr_assert(!test_exists(again.path), "a truncated entry was kept");
    narrate_article_free(a);
    free(out);
    narrate_cache_close(c);
    test_rmdir(dir);
    narrate_engine_destroy(e);
}

/* A file size limit makes the output itself unwritable: a clear error, no
** partial cache entry, and the entries already there untouched. */
Test(cache, file_size_limit_leaves_no_partial_entry, .timeout = 60)
{
    char *dir = test_tmpdir(), *out = test_path(dir, "out.mp3");
    narrate_engine *e = test_engine(1);
    narrate_cache *c = open_cache(dir);
    narrate_cache_entry small;
    render_cached(e, c, "Tiny.", &small);
    pid_t pid = fork();
    if (pid == 0) {
        signal(SIGXFSZ, SIG_IGN);
        struct rlimit lim = { 20000, 20000 };
        setrlimit(RLIMIT_FSIZE, &lim);
        narrate_engine *child = test_engine(1);
        narrate_article *a = narrate_article_parse(story, strlen(story), NULL);
        narrate_render_options o = NARRATE_RENDER_OPTIONS_INIT;
        o.cache = c;
        narrate_error err;
        int rc = narrate_render_file(child, a, &o, out, NULL, &err);
        if (rc != NARRATE_EIO || !strstr(err.message, "too large"))
            fprintf(stderr, "render: %d %s\n", rc, err.message);
        _exit(rc == NARRATE_EIO && strstr(err.message, "too large") ? 0 : 1);
    }
    int status;
    waitpid(pid, &status, 0);
    cr_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0, "expected a clear EIO error");
    cr_assert(!test_exists(out));
    uint64_t checked, removed;
    cr_assert_eq(narrate_cache_verify(c, &checked, &removed, NULL), 0);
    cr_assert_eq(checked, 1, "only the earlier entry");
    cr_assert_eq(removed, 0);
    narrate_cache_stats s;
    narrate_cache_stats_get(c, &s, NULL);
    cr_assert_eq(s.entries, 1);
    free(out);
    narrate_cache_close(c);
    test_rmdir(dir);
    narrate_engine_destroy(e);
}

/* A cache on a full (or read-only) filesystem: the output is still delivered. */
static void deliver_despite(const char *mount_opts)
{
    char *dir = test_tmpdir(), *cdir = test_path(dir, "cache"), *out = test_path(dir, "out.mp3");
    mkdir(cdir, 0755);
    if (geteuid() != 0 || mount("tmpfs", cdir, "tmpfs", 0, mount_opts) != 0) {
        free(cdir);
        free(out);
        test_rmdir(dir);
        cr_skip_test("cannot mount a small tmpfs here (needs root)");
    }
    narrate_engine *e = test_engine(1);
    narrate_cache *c = open_cache(cdir);
    narrate_article *a = narrate_article_parse(story, strlen(story), NULL);
    narrate_render_options o = NARRATE_RENDER_OPTIONS_INIT;
    o.cache = c;
    narrate_error err;
    narrate_render_info info;
    cr_assert_eq(narrate_render_file(e, a, &o, out, &info, &err), 0, "%s", err.message);
    cr_assert(test_exists(out));
    narrate_cache_stats s;
    narrate_cache_stats_get(c, &s, NULL);
    cr_assert_eq(s.entries, 0, "a partial entry was kept");
    narrate_cache_close(c);
    narrate_article_free(a);
    narrate_engine_destroy(e);
    umount(cdir);
    free(cdir);
    free(out);
    test_rmdir(dir);
}

Test(cache, full_disk_still_delivers, .timeout = 60) { deliver_despite("size=64k"); }
Test(cache, read_only_cache_still_delivers, .timeout = 60) { deliver_despite("ro,size=1m"); }

Test(cache, prune_clear_and_stats, .timeout = 60)
{
    narrate_engine *e = test_engine(1);
    char *dir = test_tmpdir();
    narrate_cache *c = open_cache(dir);
    narrate_cache_entry a1, a2, a3;
    render_cached(e, c, "First story here.", &a1);
    render_cached(e, c, "Second story here.", &a2);
    render_cached(e, c, "Third story here.", &a3);
    /* a1 used long ago, a3 recently. */
    struct timespec old[2] = { { 1000, 0 }, { 1000, 0 } }, mid[2] = { { 2000, 0 }, { 2000, 0 } };
    utimensat(AT_FDCWD, a1.path, old, 0);
    utimensat(AT_FDCWD, a2.path, mid, 0);
    narrate_cache_stats s;
    cr_assert_eq(narrate_cache_stats_get(c, &s, NULL), 0);
    cr_assert_eq(s.entries, 3);
    uint64_t removed;
    cr_assert_eq(narrate_cache_prune(c, s.bytes - 1, 0, &removed, NULL), 0);
    cr_assert_eq(removed, 1);
    cr_assert(!test_exists(a1.path), "the least recently used entry stays");
    cr_assert(test_exists(a3.path));
    cr_assert_eq(narrate_cache_prune(c, 0, 3600, &removed, NULL), 0);
    cr_assert_eq(removed, 1, "the entry unused since 1970 stays");
    cr_assert_eq(narrate_cache_clear(c, &removed, NULL), 0);
    cr_assert_eq(removed, 1);
    cr_assert_eq(narrate_cache_stats_get(c, &s, NULL), 0);
    cr_assert_eq(s.entries, 0);
    narrate_cache_close(c);
    test_rmdir(dir);
    narrate_engine_destroy(e);
}

typedef struct {
    narrate_engine *engine;
    narrate_cache *cache;
    narrate_cache_entry entry;
    int rc;
} racer;

static void *race(void *arg)
{
    racer *r = arg;
    narrate_article *a = narrate_article_parse(story, strlen(story), NULL);
    narrate_render_options o = NARRATE_RENDER_OPTIONS_INIT;
    o.jobs = 1; /* so that one render is one worker */
    r->rc = narrate_render_cached(r->engine, r->cache, a, &o, &r->entry, NULL);
    narrate_article_free(a);
    return NULL;
}

Test(cache, threads_render_a_key_once, .timeout = 60)
{
    narrate_engine *e = test_engine(4);
    char *dir = test_tmpdir();
    narrate_cache *c = open_cache(dir);
    pthread_t t[6];
    racer r[6];
    for (int i = 0; i < 6; i++) {
        r[i] = (racer){ e, c, { .renders = 0 }, -100 };
        pthread_create(&t[i], NULL, race, &r[i]);
    }
    for (int i = 0; i < 6; i++)
        pthread_join(t[i], NULL);
    for (int i = 0; i < 6; i++) {
        cr_assert_eq(r[i].rc, 0);
        cr_assert_eq(r[i].entry.renders, 1);
    }
    narrate_engine_stats st;
    narrate_engine_stats_get(e, &st);
    cr_assert_eq(st.spawned, 1, "more than one render of one key");
    narrate_cache_close(c);
    test_rmdir(dir);
    narrate_engine_destroy(e);
}
