/* cache.c - the content-addressed cache directory: layout, sidecars, locks, lookups, inserts. */
#include "cache.h"

#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "encoder.h"
#include "error.h"
#include "fsutil.h"
#include "key.h"
#include "outfile.h"

struct narrate_cache {
    char *dir;
};

int nr_valid_key(const char *key)
{
    return key && strlen(key) == NARRATE_KEY_LEN &&
           strspn(key, "0123456789abcdef") == NARRATE_KEY_LEN;
}

char *nr_cache_path(const narrate_cache *c, const char *key, const char *ext)
{
    char *p;
    if (ext ? asprintf(&p, "%s/%.2s/%s.%s", c->dir, key, key, ext) < 0
            : asprintf(&p, "%s/%.2s", c->dir, key) < 0)
        return NULL;
    return p;
}

/* $NARRATE_CACHE, else $XDG_CACHE_HOME/narrate, else ~/.cache/narrate. */
static char *default_dir(void)
{
    const char *env = getenv("NARRATE_CACHE"), *xdg = getenv("XDG_CACHE_HOME"),
               *home = getenv("HOME");
    char *d = NULL;
    if (env && *env)
        return strdup(env);
    if (xdg && *xdg && asprintf(&d, "%s/narrate", xdg) > 0)
        return d;
    if (home && *home && asprintf(&d, "%s/.cache/narrate", home) > 0)
        return d;
    return NULL;
}

narrate_cache *narrate_cache_open(const char *dir, narrate_error *err)
{
    narrate_cache *c = calloc(1, sizeof *c);
    if (c)
        c->dir = dir && *dir ? strdup(dir) : default_dir();
    if (!c || !c->dir) {
        nr_fail(err, c ? NARRATE_EINVAL : NARRATE_ENOMEM, "no cache directory (set %s)",
                "'NARRATE_CACHE'");
        narrate_cache_close(c);
        return NULL;
    }
    struct stat st;
    if (nr_make_dirs(c->dir) < 0 || stat(c->dir, &st) < 0 || !S_ISDIR(st.st_mode)) {
        nr_fail_errno(err, NARRATE_EIO, errno ? errno : ENOTDIR, "cannot use cache directory '%s'", c->dir);
        narrate_cache_close(c);
        return NULL;
    }
    return c;
}

void narrate_cache_close(narrate_cache *c)
{
    if (c) {
        free(c->dir);
        free(c);
    }
}

const char *narrate_cache_dir(const narrate_cache *c)
{
    return c ? c->dir : NULL;
}

/* ------------------------------------------------------------------ sidecars */

static void copy_str(char *dst, size_t size, json_t *obj, const char *key)
{
    const char *s = json_string_value(json_object_get(obj, key));
    snprintf(dst, size, "%s", s ? s : "");
}

int nr_cache_read_sidecar(const char *path, narrate_cache_entry *e, nr_sum *audio, nr_sum *marks)
{
    json_t *j = json_load_file(path, JSON_REJECT_DUPLICATES, NULL);
    if (!json_is_object(j)) {
        json_decref(j);
        return -1;
    }
    copy_str(e->key, sizeof e->key, j, "key");
    copy_str(e->title, sizeof e->title, j, "title");
    copy_str(e->author, sizeof e->author, j, "author");
    copy_str(e->voice, sizeof e->voice, j, "voice");
    nr_sum a = { 0, "" };
    copy_str(a.hex, sizeof a.hex, j, "xxh3_128");
    e->format = narrate_format_from_name(json_string_value(json_object_get(j, "format")));
    e->duration_s = json_number_value(json_object_get(j, "duration_s"));
    e->bytes = (uint64_t)json_integer_value(json_object_get(j, "bytes"));
    e->created = json_integer_value(json_object_get(j, "created"));
    e->renders = (int)json_integer_value(json_object_get(j, "renders"));
    json_t *mk = json_object_get(j, "marks");
    nr_sum m = { (uint64_t)json_integer_value(json_object_get(mk, "bytes")), "" };
    copy_str(m.hex, sizeof m.hex, mk, "xxh3_128");
    a.bytes = e->bytes;
    if (audio)
        *audio = a;
    if (marks)
        *marks = m;
    json_decref(j);
    return e->format == NARRATE_FORMAT_AUTO || !nr_valid_key(e->key) ? -1 : 0;
}

/* The sidecar's writes, remembering the first failure: jansson 2.14's dumper
** goes on when writing an object's key fails, which would leave the key out. */
typedef struct {
    int fd, error;
} sidecar_out;

static int sidecar_write(const char *buf, size_t n, void *data)
{
    sidecar_out *o = data;
    if (!o->error && nr_write_all(o->fd, buf, n) < 0)
        o->error = errno ? errno : EIO;
    return o->error ? -1 : 0;
}

static int write_sidecar(narrate_cache *c, const char *key, const nr_cache_meta *m,
                         const nr_sum *audio, const nr_sum *marks, int renders, narrate_error *err)
{
    char *path = nr_cache_path(c, key, "json");
    json_t *j = json_pack("{s:s, s:s?, s:s?, s:s?, s:s, s:f, s:I, s:I, s:s, s:{s:I, s:s}, s:I, s:i, s:s}",
                          "key", key, "title", m->title, "author", m->author, "voice", m->voice,
                          "format", narrate_format_extension(m->format), "duration_s",
                          (double)m->samples / NR_RATE, "samples", (json_int_t)m->samples, "bytes",
                          (json_int_t)audio->bytes, "xxh3_128", audio->hex, "marks", "bytes",
                          (json_int_t)marks->bytes, "xxh3_128", marks->hex, "created", (json_int_t)time(NULL),
                          "renders", renders, "narrate", NARRATE_VERSION_STRING);
    nr_outfile out = { .fd = -1 };
    int rc = !path || !j ? nr_fail(err, NARRATE_ENOMEM, "out of memory writing sidecar '%s'", key)
                         : nr_outfile_open(&out, path, err);
    sidecar_out so = { out.fd, 0 };
    if (rc == NARRATE_OK &&
        (json_dump_callback(j, sidecar_write, &so, JSON_INDENT(1)) < 0 || so.error)) {
        rc = nr_fail_errno(err, NARRATE_EIO, so.error ? so.error : ENOMEM,
                           "cannot write cache sidecar '%s'", path);
        nr_outfile_abort(&out);
    } else if (rc == NARRATE_OK) {
        rc = nr_outfile_commit(&out, NULL, err);
    }
    json_decref(j);
    free(path);
    return rc;
}

/* ------------------------------------------------------------------ entries */

/* Remove dir/ab/<key>.<ext>, building the path on the stack: this cleans
** up after failures, out of memory included. */
static void remove_file(const narrate_cache *c, const char *key, const char *ext)
{
    char path[PATH_MAX];
    int n = snprintf(path, sizeof path, "%s/%.2s/%s.%s", c->dir, key, key, ext);
    if (n > 0 && (size_t)n < sizeof path)
        unlink(path);
}

void nr_cache_remove(narrate_cache *c, const char *key, narrate_format f)
{
    remove_file(c, key, "json"); /* sidecar first: readers then see no entry, never a half one */
    remove_file(c, key, narrate_format_extension(f));
    remove_file(c, key, "marks");
}

/* The file at path has the expected size. */
static int sized(const char *path, uint64_t bytes)
{
    struct stat st;
    return path && stat(path, &st) == 0 && (uint64_t)st.st_size == bytes;
}

int narrate_cache_lookup(narrate_cache *c, const char *key, narrate_cache_entry *e,
                         narrate_error *err)
{
    nr_sum audio;
    return nr_cache_find(c, key, e, &audio, err);
}

int nr_cache_find(narrate_cache *c, const char *key, narrate_cache_entry *e, nr_sum *audio,
                  narrate_error *err)
{
    if (!c || !e || !nr_valid_key(key))
        return nr_fail(err, NARRATE_EINVAL, "not a cache key '%s'", key ? key : "(null)");
    nr_sum marks;
    char *side = nr_cache_path(c, key, "json");
    int found = side && nr_cache_read_sidecar(side, e, audio, &marks) == 0 && strcmp(e->key, key) == 0;
    free(side);
    if (!found)
        return nr_fail(err, NARRATE_ENOTFOUND, "no cache entry '%s'", key);
    char *data = nr_cache_path(c, key, narrate_format_extension(e->format)), *mk = nr_cache_path(c, key, "marks");
    int whole = sized(data, e->bytes) && sized(mk, marks.bytes);
    if (!whole && data && mk)
        nr_cache_remove(c, key, e->format); /* truncated, grown or half gone: never serve it */
    if (whole)
        snprintf(e->path, sizeof e->path, "%s", data);
    free(data);
    free(mk);
    return whole ? NARRATE_OK : nr_fail(err, NARRATE_ENOTFOUND, "no cache entry '%s'", key);
}

void nr_cache_touch(const narrate_cache_entry *e)
{
    utimensat(AT_FDCWD, e->path, NULL, 0);
}

void narrate_cache_touch(narrate_cache *c, const char *key, narrate_format format)
{
    char *path = c && nr_valid_key(key) ? nr_cache_path(c, key, narrate_format_extension(format)) : NULL;
    if (path)
        utimensat(AT_FDCWD, path, NULL, 0);
    free(path);
}

int nr_cache_lock(narrate_cache *c, const char *key, int *fd, narrate_error *err)
{
    char *dir = nr_cache_path(c, key, NULL), *path = nr_cache_path(c, key, "lock");
    int rc = dir && path ? NARRATE_OK : NARRATE_ENOMEM;
    if (rc == NARRATE_OK && nr_make_dirs(dir) < 0)
        rc = nr_fail_errno(err, NARRATE_EIO, errno, "cannot use cache directory '%s'", dir);
    /* The lock file may be removed by a prune between our open and our flock:
    ** only a lock on the file still at the path counts. */
    while (rc == NARRATE_OK) {
        int f = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
        if (f < 0) {
            rc = nr_fail_errno(err, NARRATE_EIO, errno, "cannot lock cache entry '%s'", path);
            break;
        }
        struct stat held, now;
        int locked;
        while ((locked = flock(f, LOCK_EX)) < 0 && errno == EINTR)
            ;
        if (locked == 0 && fstat(f, &held) == 0 && stat(path, &now) == 0 &&
            held.st_ino == now.st_ino && held.st_dev == now.st_dev) {
            *fd = f;
            break;
        }
        close(f);
    }
    if (rc == NARRATE_ENOMEM)
        nr_fail(err, rc, "out of memory locking cache entry '%s'", key);
    free(dir);
    free(path);
    return rc;
}

void nr_cache_unlock(int fd)
{
    if (fd >= 0)
        close(fd);
}

int nr_cache_insert(narrate_cache *c, const char *key, const nr_sum *audio, const nr_sum *marks,
                    const nr_cache_meta *m, narrate_error *err)
{
    narrate_cache_entry old;
    char *side = nr_cache_path(c, key, "json");
    int renders = side && nr_cache_read_sidecar(side, &old, NULL, NULL) == 0 ? old.renders + 1 : 1;
    free(side);
    int rc = write_sidecar(c, key, m, audio, marks, renders, err);
    if (rc < 0) /* the audio and marks are in place already */
        nr_cache_remove(c, key, m->format);
    return rc;
}

int nr_cache_check(narrate_cache *c, const narrate_cache_entry *e, const nr_sum *want,
                   const nr_sum *got, narrate_error *err)
{
    if (strcmp(want->hex, got->hex) == 0 && want->bytes == got->bytes)
        return NARRATE_OK;
    nr_cache_remove(c, e->key, e->format);
    return nr_fail(err, NARRATE_ENOTFOUND, "corrupt cache entry removed '%s'", e->key);
}

int nr_cache_open_marks(narrate_cache *c, const narrate_cache_entry *e, int *fd, narrate_error *err)
{
    narrate_cache_entry side_e;
    nr_sum want, got;
    char *side = nr_cache_path(c, e->key, "json"), *path = nr_cache_path(c, e->key, "marks");
    int ok = side && path && nr_cache_read_sidecar(side, &side_e, NULL, &want) == 0;
    int in = ok ? open(path, O_RDONLY | O_CLOEXEC) : -1;
    ok = in >= 0 && nr_hash_copy(in, -1, &got) == 0 && got.bytes == want.bytes &&
         strcmp(got.hex, want.hex) == 0 && lseek(in, 0, SEEK_SET) == 0;
    free(side);
    free(path);
    if (ok) {
        *fd = in;
        return NARRATE_OK;
    }
    if (in >= 0)
        close(in);
    nr_cache_remove(c, e->key, e->format);
    return nr_fail(err, NARRATE_ENOTFOUND, "corrupt cache entry removed '%s'", e->key);
}
