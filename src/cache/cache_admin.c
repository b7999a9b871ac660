/* cache_admin.c - cache maintenance: stats, LRU prune, verify, clear; safe beside live users. */
#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cache.h"
#include "error.h"
#include "langid.h"
#include "outfile.h"

/* Leftover temporary files older than this belong to killed writers. */
#define STALE_TEMP_S 3600

typedef struct {
    char key[NARRATE_KEY_LEN + 1];
    narrate_format format;
    uint64_t bytes;    /* audio + sidecar */
    int64_t created;
    int64_t used;      /* the audio's mtime, touched on every hit */
} item;

typedef struct {
    item *items;
    size_t count, cap;
} item_list;

static int add_item(item_list *l, const item *it)
{
    if (l->count == l->cap) {
        size_t ncap = l->cap ? l->cap * 2 : 256;
        item *ni = realloc(l->items, ncap * sizeof *ni);
        if (!ni)
            return -1;
        l->items = ni;
        l->cap = ncap;
    }
    l->items[l->count++] = *it;
    return 0;
}

static int is_shard(const char *name)
{
    return strlen(name) == 2 && strspn(name, "0123456789abcdef") == 2;
}

/* Look at one file of a shard: a sidecar becomes an item; a stale temp file
** or an audio file without sidecar (a writer killed in between) is removed. */
static void scan_file(const char *shard, const char *name, item_list *l, int *oom)
{
    char path[4200];
    struct stat st;
    if (snprintf(path, sizeof path, "%s/%s", shard, name) >= (int)sizeof path ||
        lstat(path, &st) < 0 || !S_ISREG(st.st_mode))
        return;
    const char *dot = strchr(name, '.');
    if (strncmp(name, NR_TEMP_PREFIX, strlen(NR_TEMP_PREFIX)) == 0) {
        /* A dead writer's (outfile.c); one named the older way, by its age. */
        if (nr_temp_stale(name) || (strlen(name) == strlen(NR_TEMP_PREFIX) + 6 &&
                                    time(NULL) - st.st_mtime > STALE_TEMP_S))
            unlink(path);
        return;
    }
    if (!dot || strcmp(dot, ".json") != 0) {
        char side[4300];
        if (dot && dot - name == NARRATE_KEY_LEN && strcmp(dot, ".lock") != 0 &&
            snprintf(side, sizeof side, "%s/%.64s.json", shard, name) < (int)sizeof side &&
            access(side, F_OK) != 0 && time(NULL) - st.st_mtime > STALE_TEMP_S)
            unlink(path);
        return;
    }
    narrate_cache_entry e;
    char audio[4200];
    if (nr_cache_read_sidecar(path, &e, NULL, NULL) < 0)
        return;
    struct stat ast;
    int have_audio = snprintf(audio, sizeof audio, "%s/%s.%s", shard, e.key,
                              narrate_format_extension(e.format)) < (int)sizeof audio &&
                     stat(audio, &ast) == 0;
    item it = { .format = e.format, .created = e.created };
    memcpy(it.key, e.key, sizeof it.key);
    it.bytes = (uint64_t)st.st_size;
    it.used = e.created;
    if (have_audio) {
        it.bytes += (uint64_t)ast.st_size;
        it.used = ast.st_mtime;
    }
    /* The entry's timings count too: a --max-size bound is on the disk used. */
    struct stat mst;
    if (snprintf(audio, sizeof audio, "%s/%s.marks", shard, e.key) < (int)sizeof audio &&
        stat(audio, &mst) == 0)
        it.bytes += (uint64_t)mst.st_size;
    if (add_item(l, &it) < 0)
        *oom = 1;
}

static int scan(narrate_cache *c, item_list *l, narrate_error *err)
{
    const char *dir = narrate_cache_dir(c);
    DIR *top = opendir(dir);
    if (!top)
        return nr_fail_errno(err, NARRATE_EIO, errno, "cannot read cache directory '%s'", dir);
    int oom = 0;
    struct dirent *d;
    while ((d = readdir(top)) && !oom) {
        if (!is_shard(d->d_name))
            continue;
        char shard[4200];
        if (snprintf(shard, sizeof shard, "%s/%s", dir, d->d_name) >= (int)sizeof shard)
            continue;
        DIR *sd = opendir(shard);
        struct dirent *f;
        while (sd && (f = readdir(sd)) && !oom)
            if (f->d_name[0] != '.' || strncmp(f->d_name, ".narrate-", 9) == 0)
                scan_file(shard, f->d_name, l, &oom);
        if (sd)
            closedir(sd);
    }
    closedir(top);
    return oom ? nr_fail(err, NARRATE_ENOMEM, "out of memory scanning cache '%s'", dir) : NARRATE_OK;
}

/* The language classifier's memos (langmemo.c, DIR/lang/<2 hex>/) last
** touched before `before`, and dead writers' temporary files there.  Memos
** are small and only save a classification: one removed too early costs the
** next read of its article that, never a wrong answer. */
static void prune_memos(narrate_cache *c, int64_t before)
{
    char top[4200];
    if (snprintf(top, sizeof top, "%s/lang", narrate_cache_dir(c)) >= (int)sizeof top)
        return;
    DIR *d = opendir(top);
    struct dirent *e;
    while (d && (e = readdir(d))) {
        char shard[4300];
        if (!is_shard(e->d_name) ||
            snprintf(shard, sizeof shard, "%s/%s", top, e->d_name) >= (int)sizeof shard)
            continue;
        DIR *sd = opendir(shard);
        struct dirent *f;
        while (sd && (f = readdir(sd))) {
            struct stat st;
            int temp = strncmp(f->d_name, NR_TEMP_PREFIX, strlen(NR_TEMP_PREFIX)) == 0;
            if (f->d_name[0] == '.' && !temp)
                continue;
            if (fstatat(dirfd(sd), f->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG(st.st_mode) &&
                (temp ? nr_temp_stale(f->d_name) : st.st_mtime < before))
                unlinkat(dirfd(sd), f->d_name, 0);
        }
        if (sd) {
            closedir(sd);
            rmdir(shard); /* only if empty */
        }
    }
    if (d)
        closedir(d);
}

/* Remove an entry unless a render holds its lock; 1 if removed. */
static int remove_unlocked(narrate_cache *c, const item *it)
{
    char *lock = nr_cache_path(c, it->key, "lock");
    int fd = lock ? open(lock, O_RDWR | O_CREAT | O_CLOEXEC, 0666) : -1;
    int removed = 0;
    if (fd >= 0 && flock(fd, LOCK_EX | LOCK_NB) == 0) {
        nr_cache_remove(c, it->key, it->format);
        unlink(lock);
        removed = 1;
    }
    if (fd >= 0)
        close(fd);
    free(lock);
    return removed;
}

int narrate_cache_stats_get(narrate_cache *c, narrate_cache_stats *s, narrate_error *err)
{
    if (!c || !s)
        return nr_fail(err, NARRATE_EINVAL, "missing %s '(null)'", c ? "stats" : "cache");
    item_list l = { 0 };
    int rc = scan(c, &l, err);
    memset(s, 0, sizeof *s);
    for (size_t i = 0; i < l.count; i++) {
        const item *it = &l.items[i];
        s->entries++;
        s->bytes += it->bytes;
        if (!s->oldest || it->created < s->oldest)
            s->oldest = it->created;
        if (it->created > s->newest)
            s->newest = it->created;
    }
    free(l.items);
    return rc;
}

static int by_use(const void *a, const void *b)
{
    const item *x = a, *y = b;
    return x->used < y->used ? -1 : x->used > y->used;
}

int narrate_cache_prune(narrate_cache *c, uint64_t max_bytes, int64_t max_age_s, uint64_t *removed,
                        narrate_error *err)
{
    if (!c)
        return nr_fail(err, NARRATE_EINVAL, "missing cache '%s'", "(null)");
    item_list l = { 0 };
    int rc = scan(c, &l, err);
    uint64_t total = 0, gone = 0;
    int64_t now = time(NULL);
    for (size_t i = 0; i < l.count; i++)
        total += l.items[i].bytes;
    if (l.count)
        qsort(l.items, l.count, sizeof *l.items, by_use);
    int64_t oldest_kept = INT64_MAX;
    for (size_t i = 0; rc == NARRATE_OK && i < l.count; i++) {
        const item *it = &l.items[i];
        int too_old = max_age_s > 0 && now - it->used > max_age_s;
        int too_big = max_bytes > 0 && total > max_bytes;
        if ((too_old || too_big) && remove_unlocked(c, it)) {
            total -= it->bytes;
            gone++;
        } else if (it->used < oldest_kept) {
            oldest_kept = it->used;
        }
    }
    free(l.items);
    /* A memo in use is touched once a day (langmemo.c): older than a day
    ** before everything kept, it belongs to none of it. */
    if (rc == NARRATE_OK)
        prune_memos(c, oldest_kept == INT64_MAX ? INT64_MAX : oldest_kept - NR_LANGMEMO_TOUCH_S);
    if (removed)
        *removed = gone;
    return rc;
}

int narrate_cache_verify(narrate_cache *c, uint64_t *checked, uint64_t *removed, narrate_error *err)
{
    if (!c)
        return nr_fail(err, NARRATE_EINVAL, "missing cache '%s'", "(null)");
    item_list l = { 0 };
    int rc = scan(c, &l, err);
    uint64_t ok = 0, gone = 0;
    for (size_t i = 0; rc == NARRATE_OK && i < l.count; i++) {
        narrate_cache_entry e;
        nr_sum want, got;
        char *side = nr_cache_path(c, l.items[i].key, "json");
        int good = side && nr_cache_read_sidecar(side, &e, &want, NULL) == 0 &&
                   narrate_cache_lookup(c, l.items[i].key, &e, NULL) == NARRATE_OK;
        free(side);
        int fd = good ? open(e.path, O_RDONLY | O_CLOEXEC) : -1;
        good = fd >= 0 && nr_hash_copy(fd, -1, &got) == 0 && got.bytes == e.bytes &&
               strcmp(want.hex, got.hex) == 0;
        if (fd >= 0)
            close(fd);
        if (good)
            ok++;
        else if (remove_unlocked(c, &l.items[i]))
            gone++;
    }
    free(l.items);
    if (checked)
        *checked = ok + gone;
    if (removed)
        *removed = gone;
    return rc;
}

int narrate_cache_clear(narrate_cache *c, uint64_t *removed, narrate_error *err)
{
    if (!c)
        return nr_fail(err, NARRATE_EINVAL, "missing cache '%s'", "(null)");
    item_list l = { 0 };
    int rc = scan(c, &l, err);
    uint64_t gone = 0;
    for (size_t i = 0; rc == NARRATE_OK && i < l.count; i++)
        gone += (uint64_t)remove_unlocked(c, &l.items[i]);
    free(l.items);
    if (rc == NARRATE_OK)
        prune_memos(c, INT64_MAX);
    if (removed)
        *removed = gone;
    return rc;
}
