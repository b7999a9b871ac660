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
#include "key.h"
#include <xxhash.h>
#include "outfile.h"

struct narrate_cache {
    char *dir;
};

const char *nr_format_ext(narrate_format f)
{
    static const char *const ext[] = { "mp3", "mp3", "wav", "flac", "opus" };
    return f >= NARRATE_FORMAT_AUTO && f <= NARRATE_FORMAT_OPUS ? ext[f] : "mp3";
}

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

/* mkdir -p, tolerating what exists. */
int nr_make_dirs(const char *path)
{
    char *p = strdup(path);
    if (!p)
        return -1;
    for (char *s = p + 1; *s; s++)
        if (*s == '/') {
            *s = '\0';
            if (mkdir(p, 0777) < 0 && errno != EEXIST) {
                free(p);
                return -1;
            }
            *s = '/';
        }
    int rc = mkdir(p, 0777) < 0 && errno != EEXIST ? -1 : 0;
    free(p);
    return rc;
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

int nr_cache_read_sidecar(const char *path, narrate_cache_entry *e, char sum[NR_SUM_HEX + 1],
                          nr_cache_marks *marks)
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
    copy_str(sum, NR_SUM_HEX + 1, j, "xxh3_128");
    e->format = narrate_format_from_name(json_string_value(json_object_get(j, "format")));
    e->duration_s = json_number_value(json_object_get(j, "duration_s"));
    e->bytes = (uint64_t)json_integer_value(json_object_get(j, "bytes"));
    e->created = json_integer_value(json_object_get(j, "created"));
    e->renders = (int)json_integer_value(json_object_get(j, "renders"));
    json_t *mk = json_object_get(j, "marks");
    nr_cache_marks m = { (uint64_t)json_integer_value(json_object_get(mk, "bytes")), "" };
    copy_str(m.sum, sizeof m.sum, mk, "xxh3_128");
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

static int write_sidecar(narrate_cache *c, const char *key, const nr_cache_meta *m, uint64_t bytes,
                         const char *sum, const nr_cache_marks *marks, int renders,
                         narrate_error *err)
{
    char *path = nr_cache_path(c, key, "json");
    json_t *j = json_pack("{s:s, s:s?, s:s?, s:s?, s:s, s:f, s:I, s:I, s:s, s:{s:I, s:s}, s:I, s:i, s:s}",
                          "key", key, "title", m->title, "author", m->author, "voice", m->voice,
                          "format", nr_format_ext(m->format), "duration_s",
                          (double)m->samples / NR_RATE, "samples", (json_int_t)m->samples, "bytes",
                          (json_int_t)bytes, "xxh3_128", sum, "marks", "bytes",
                          (json_int_t)marks->bytes, "xxh3_128", marks->sum, "created", (json_int_t)time(NULL),
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
    remove_file(c, key, nr_format_ext(f));
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
    if (!c || !e || !nr_valid_key(key))
        return nr_fail(err, NARRATE_EINVAL, "not a cache key '%s'", key ? key : "(null)");
    char sum[NR_SUM_HEX + 1];
    nr_cache_marks marks;
    char *side = nr_cache_path(c, key, "json");
    int found = side && nr_cache_read_sidecar(side, e, sum, &marks) == 0 && strcmp(e->key, key) == 0;
    free(side);
    if (!found)
        return nr_fail(err, NARRATE_ENOTFOUND, "no cache entry '%s'", key);
    char *data = nr_cache_path(c, key, nr_format_ext(e->format)), *mk = nr_cache_path(c, key, "marks");
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

/* Checksum (and, if out >= 0, copy to out) all of in; 0 or -1 with errno.
** XXH3-128 guards against corruption at memory speed, so that verifying
** every hit costs next to nothing; keys, which must be collision-resistant
** across inputs, use SHA-256. */
int nr_hash_copy(int in, int out, char sum[NR_SUM_HEX + 1], uint64_t *bytes)
{
    enum { BUF = 1 << 16 };
    char *buf = malloc(BUF);
    XXH3_state_t *st = buf ? XXH3_createState() : NULL;
    if (!st || XXH3_128bits_reset(st) != XXH_OK) {
        free(buf);
        XXH3_freeState(st);
        errno = ENOMEM;
        return -1;
    }
    uint64_t total = 0;
    ssize_t n;
    int rc = 0;
    while (rc == 0 && (n = read(in, buf, BUF)) != 0) {
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 || (out >= 0 && nr_pwrite_all(out, buf, (size_t)n, (off_t)total) < 0))
            rc = -1;
        else
            XXH3_128bits_update(st, buf, (size_t)n);
        total += n > 0 ? (uint64_t)n : 0;
    }
    int saved = errno;
    XXH128_hash_t h = XXH3_128bits_digest(st);
    snprintf(sum, NR_SUM_HEX + 1, "%016llx%016llx", (unsigned long long)h.high64,
             (unsigned long long)h.low64);
    XXH3_freeState(st);
    free(buf);
    *bytes = total;
    errno = saved;
    return rc;
}

static int hash_marks(narrate_cache *c, const char *key, nr_cache_marks *marks, narrate_error *err)
{
    char *path = nr_cache_path(c, key, "marks");
    int fd = path ? open(path, O_RDONLY | O_CLOEXEC) : -1;
    int rc = fd >= 0 && nr_hash_copy(fd, -1, marks->sum, &marks->bytes) == 0
                 ? NARRATE_OK
                 : nr_fail_errno(err, NARRATE_EIO, errno, "cannot read cached timings '%s'", path ? path : key);
    if (fd >= 0)
        close(fd);
    free(path);
    return rc;
}

int nr_cache_insert(narrate_cache *c, const char *key, const char *src, const nr_cache_meta *m,
                    narrate_error *err)
{
    char *data = nr_cache_path(c, key, nr_format_ext(m->format));
    char sum[NR_SUM_HEX + 1];
    uint64_t bytes = 0;
    int rc = data ? NARRATE_OK : nr_fail(err, NARRATE_ENOMEM, "out of memory caching '%s'", key);
    int in = rc == NARRATE_OK ? open(src ? src : data, O_RDONLY | O_CLOEXEC) : -1;
    if (rc == NARRATE_OK && in < 0)
        rc = nr_fail_errno(err, NARRATE_EIO, errno, "cannot read '%s'", src ? src : data);
    nr_outfile out = { .fd = -1 };
    if (rc == NARRATE_OK && src)
        rc = nr_outfile_open(&out, data, err);
    if (rc == NARRATE_OK && nr_hash_copy(in, src ? out.fd : -1, sum, &bytes) < 0)
        rc = nr_fail_errno(err, NARRATE_EIO, errno, "cannot write cache entry '%s'", data);
    if (rc == NARRATE_OK && src)
        rc = nr_outfile_commit(&out, NULL, err);
    else if (src)
        nr_outfile_abort(&out);
    if (in >= 0)
        close(in);
    nr_cache_marks marks = { 0, "" };
    if (rc == NARRATE_OK)
        rc = hash_marks(c, key, &marks, err);
    narrate_cache_entry old;
    char old_sum[NR_SUM_HEX + 1];
    char *side = nr_cache_path(c, key, "json");
    int renders = side && nr_cache_read_sidecar(side, &old, old_sum, NULL) == 0 ? old.renders + 1 : 1;
    free(side);
    if (rc == NARRATE_OK)
        rc = write_sidecar(c, key, m, bytes, sum, &marks, renders, err);
    if (rc < 0) /* even without data: the audio or marks may be in place already */
        nr_cache_remove(c, key, m->format);
    free(data);
    return rc;
}

int nr_cache_send(narrate_cache *c, const narrate_cache_entry *e, narrate_write_fn fn, void *userdata,
                  narrate_error *err)
{
    /* A stream cannot take bytes back: verify the whole file first, then
    ** send it (the second read comes from the page cache). */
    int rc = nr_cache_copy_out(c, e, -1, err);
    int fd = rc == NARRATE_OK ? open(e->path, O_RDONLY | O_CLOEXEC) : -1;
    if (rc == NARRATE_OK && fd < 0)
        rc = nr_fail(err, NARRATE_ENOTFOUND, "no cache entry '%s'", e->key);
    char buf[1 << 15];
    ssize_t n;
    while (rc == NARRATE_OK && (n = read(fd, buf, sizeof buf)) != 0) {
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            rc = nr_fail_errno(err, NARRATE_EIO, errno, "cannot read cache entry '%s'", e->path);
        else if (fn(buf, (size_t)n, userdata) != 0)
            rc = nr_fail(err, NARRATE_EIO, "the stream stopped taking data '%s'", e->key);
    }
    if (fd >= 0)
        close(fd);
    return rc;
}

int nr_cache_copy_out(narrate_cache *c, const narrate_cache_entry *e, int fd, narrate_error *err)
{
    char want[NR_SUM_HEX + 1], got[NR_SUM_HEX + 1];
    narrate_cache_entry side_e;
    char *side = nr_cache_path(c, e->key, "json");
    int ok = side && nr_cache_read_sidecar(side, &side_e, want, NULL) == 0;
    free(side);
    int in = ok ? open(e->path, O_RDONLY | O_CLOEXEC) : -1;
    if (in < 0)
        return nr_fail(err, NARRATE_ENOTFOUND, "no cache entry '%s'", e->key);
    uint64_t bytes;
    int rc = nr_hash_copy(in, fd, got, &bytes);
    int saved = errno;
    close(in);
    if (rc < 0)
        return nr_fail_errno(err, NARRATE_EIO, saved, "cannot copy cache entry '%s'", e->path);
    if (strcmp(want, got) != 0 || bytes != e->bytes) {
        nr_cache_remove(c, e->key, e->format);
        return nr_fail(err, NARRATE_ENOTFOUND, "corrupt cache entry removed '%s'", e->key);
    }
    return NARRATE_OK;
}

int nr_cache_open_marks(narrate_cache *c, const narrate_cache_entry *e, int *fd, narrate_error *err)
{
    narrate_cache_entry side_e;
    char sum[NR_SUM_HEX + 1], got[NR_SUM_HEX + 1];
    nr_cache_marks want;
    char *side = nr_cache_path(c, e->key, "json"), *path = nr_cache_path(c, e->key, "marks");
    int ok = side && path && nr_cache_read_sidecar(side, &side_e, sum, &want) == 0;
    int in = ok ? open(path, O_RDONLY | O_CLOEXEC) : -1;
    uint64_t bytes = 0;
    ok = in >= 0 && nr_hash_copy(in, -1, got, &bytes) == 0 && bytes == want.bytes &&
         strcmp(got, want.sum) == 0 && lseek(in, 0, SEEK_SET) == 0;
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
