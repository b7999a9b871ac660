/* serve_audio.c - `narrate serve` audio: cache hits with Range/ETag/304, misses streamed from a shared render, timings. */
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "serve.h"

/* An id-addressed URL must be revalidated (the article may be edited, which
** changes its key); a key-addressed one never changes. */
#define CACHE_BY_ID "no-cache"
#define CACHE_BY_KEY "public, max-age=31536000, immutable"

/* ------------------------------------------------------------ hits */

/* "bytes=A-B", "bytes=A-", "bytes=-N": 1 and the span, 0 to send it all
** (absent, malformed or several ranges), -1 when unsatisfiable. */
static int parse_range(const char *h, uint64_t size, uint64_t *off, uint64_t *len)
{
    if (!h || strncmp(h, "bytes=", 6) != 0 || strchr(h, ','))
        return 0;
    const char *p = h + 6;
    char *end;
    if (*p == '-') {
        if (p[1] < '0' || p[1] > '9')
            return 0;
        uint64_t n = strtoull(p + 1, &end, 10);
        if (*end)
            return 0;
        if (n == 0 || size == 0)
            return -1;
        *len = n < size ? n : size;
        *off = size - *len;
        return 1;
    }
    if (*p < '0' || *p > '9')
        return 0;
    uint64_t a = strtoull(p, &end, 10), b = UINT64_MAX;
    if (*end != '-')
        return 0;
    if (end[1]) {
        if (end[1] < '0' || end[1] > '9')
            return 0;
        b = strtoull(end + 1, &end, 10);
        if (*end)
            return 0;
    }
    if (b < a)
        return 0;
    if (a >= size)
        return -1;
    if (b >= size)
        b = size - 1;
    *off = a;
    *len = b - a + 1;
    return 1;
}

static void audio_headers(struct MHD_Response *resp, const char *etag, const char *cache_control)
{
    MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, "audio/mpeg");
    MHD_add_response_header(resp, MHD_HTTP_HEADER_ETAG, etag);
    MHD_add_response_header(resp, MHD_HTTP_HEADER_ACCEPT_RANGES, "bytes");
    MHD_add_response_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL, cache_control);
}

/*
** Hits remembered: key -> the audio's path and size as the sidecar gave them,
** and when the entry was last marked used.  A hit then costs an open and an
** fstat, not a sidecar read and three stats; the size is checked on the open
** file, so an entry pruned, replaced or cut short since is looked up again
** (narrate_cache_lookup removes a bad one).  Marking used (the LRU that
** --cache-max-size and `cache prune` go by) is a write to the disk: once a
** minute per entry is enough for an order that prunes keep by the hour.
** Direct-mapped on the key's first digits: a collision forgets the older.
*/
#define HITS 1024
#define TOUCH_DEFAULT_S 60

typedef struct hit_slot {
    char key[NARRATE_KEY_LEN + 1];
    char *path;
    uint64_t bytes;
    double duration_s; /* the sidecar's, for the duration header */
    int64_t touched; /* CLOCK_MONOTONIC seconds; 0: never */
} hit_slot;

static hit_slot hits[HITS];
static pthread_mutex_t hits_lock = PTHREAD_MUTEX_INITIALIZER;
static int64_t touch_every = -1;

/* NARRATE_SERVE_TOUCH_S: the tests' knob (0: every hit), else a minute. */
static int64_t touch_interval(void)
{
    if (touch_every < 0) {
        const char *e = getenv("NARRATE_SERVE_TOUCH_S");
        touch_every = e && *e >= '0' && *e <= '9' ? strtoll(e, NULL, 10) : TOUCH_DEFAULT_S;
    }
    return touch_every;
}

static int64_t now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (int64_t)t.tv_sec + 1; /* never 0 */
}

static hit_slot *slot_of(const char *key)
{
    return &hits[strtoul((char[]){ key[0], key[1], key[2], key[3], 0 }, NULL, 16) % HITS];
}

/* The remembered path of key, opened and of the remembered size: 1, else 0. */
static int hit_open(const char *key, int *fd, uint64_t *bytes, double *duration_s)
{
    char path[4096];
    hit_slot *h = slot_of(key);
    pthread_mutex_lock(&hits_lock);
    int known = h->path && strcmp(h->key, key) == 0;
    if (known) {
        snprintf(path, sizeof path, "%s", h->path);
        *bytes = h->bytes;
        *duration_s = h->duration_s;
    }
    pthread_mutex_unlock(&hits_lock);
    struct stat st;
    if (!known || (*fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
        return 0;
    if (fstat(*fd, &st) == 0 && (uint64_t)st.st_size == *bytes)
        return 1;
    close(*fd);
    return 0;
}

static void hit_remember(const char *key, const char *path, uint64_t bytes, double duration_s)
{
    hit_slot *h = slot_of(key);
    char *copy = strdup(path);
    pthread_mutex_lock(&hits_lock);
    if (copy && !(h->path && strcmp(h->key, key) == 0 && strcmp(h->path, copy) == 0)) {
        free(h->path);
        h->path = copy;
        copy = NULL;
        snprintf(h->key, sizeof h->key, "%s", key);
        h->touched = 0;
    }
    if (h->path && strcmp(h->key, key) == 0) {
        h->bytes = bytes;
        h->duration_s = duration_s;
    }
    pthread_mutex_unlock(&hits_lock);
    free(copy);
}

/* Whether key's entry is due to be marked used (and so no longer due). */
static int touch_due(const char *key)
{
    int64_t now = now_s(), every = touch_interval();
    hit_slot *h = slot_of(key);
    pthread_mutex_lock(&hits_lock);
    int due = strcmp(h->key, key) != 0 || !h->touched || now - h->touched >= every;
    if (due && strcmp(h->key, key) == 0)
        h->touched = now;
    pthread_mutex_unlock(&hits_lock);
    return due;
}

/* The entry of key, opened (fd), *bytes its size: a prune cannot come
** between the lookup and the open, and once open the file is ours whatever
** a prune does. */
static int lookup_open(nr_server *s, const char *key, int *fd, uint64_t *bytes, double *duration_s)
{
    narrate_cache_entry e;
    serve_cache_read_begin(s);
    int hit = hit_open(key, fd, bytes, duration_s);
    if (!hit && narrate_cache_lookup(s->cache, key, &e, NULL) == NARRATE_OK &&
        (*fd = open(e.path, O_RDONLY | O_CLOEXEC)) >= 0) {
        hit = 1;
        *bytes = e.bytes;
        *duration_s = e.duration_s;
        hit_remember(key, e.path, e.bytes, e.duration_s);
    }
    serve_cache_read_end(s);
    if (hit && touch_due(key))
        narrate_cache_touch(s->cache, key, NARRATE_FORMAT_MP3);
    serve_metrics_cache(hit);
    return hit;
}

static enum MHD_Result send_entry(struct MHD_Connection *c, serve_request *r, const char *key,
                                  int fd, uint64_t size, double duration_s,
                                  const char *cache_control)
{
    char etag[NARRATE_KEY_LEN + 3];
    snprintf(etag, sizeof etag, "\"%s\"", key);
    const char *inm = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_IF_NONE_MATCH);
    if (inm && (strstr(inm, key) || strcmp(inm, "*") == 0)) {
        struct MHD_Response *resp = MHD_create_response_from_buffer(0, NULL, MHD_RESPMEM_PERSISTENT);
        if (resp) {
            MHD_add_response_header(resp, MHD_HTTP_HEADER_ETAG, etag);
            MHD_add_response_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL, cache_control);
        }
        r->bytes = 0;
        close(fd);
        return serve_reply_response(c, r, MHD_HTTP_NOT_MODIFIED, resp);
    }
    uint64_t off = 0, len = size;
    const char *range = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_RANGE);
    const char *if_range = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_IF_RANGE);
    int ranged = if_range && strcmp(if_range, etag) != 0 ? 0 : parse_range(range, size, &off, &len);
    char cr[96];
    if (ranged < 0) {
        close(fd);
        struct MHD_Response *resp = MHD_create_response_from_buffer(0, NULL, MHD_RESPMEM_PERSISTENT);
        snprintf(cr, sizeof cr, "bytes */%" PRIu64, size);
        if (resp)
            MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_RANGE, cr);
        r->bytes = 0;
        return serve_reply_response(c, r, MHD_HTTP_RANGE_NOT_SATISFIABLE, resp);
    }
    /* MHD sends the file with sendfile() and closes fd with the response. */
    struct MHD_Response *resp = MHD_create_response_from_fd_at_offset64(len, fd, off);
    if (!resp) {
        close(fd);
        return MHD_NO;
    }
    audio_headers(resp, etag, cache_control);
    char dur[32];
    snprintf(dur, sizeof dur, "%.3f", duration_s);
    MHD_add_response_header(resp, SERVE_DURATION_HEADER, dur);
    if (ranged) {
        snprintf(cr, sizeof cr, "bytes %" PRIu64 "-%" PRIu64 "/%" PRIu64, off, off + len - 1, size);
        MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_RANGE, cr);
    }
    /* The embed's download link (?download=1): saved as a file, not played in a tab. */
    if (MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "download")) {
        char cd[96];
        snprintf(cd, sizeof cd, "attachment; filename=\"narrate-%.12s.mp3\"", key);
        MHD_add_response_header(resp, "Content-Disposition", cd);
    }
    r->bytes = (int64_t)len;
    serve_metrics_ttfb_of(r);
    return serve_reply_response(c, r, ranged ? MHD_HTTP_PARTIAL_CONTENT : MHD_HTTP_OK, resp);
}

/* ------------------------------------------------------------ timings */

static int slurp(const char *path, serve_buf *b)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    char chunk[16384];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        serve_buf_add(b, chunk, n);
    int bad = ferror(f) || b->failed;
    fclose(f);
    return bad ? -1 : 0;
}

/* The library writes timings files; a hit reads them from the entry's marks
** without synthesis.  Written to our temporary directory, read, removed. */
static enum MHD_Result send_timings(nr_server *s, struct MHD_Connection *c, serve_request *r,
                                    const char *id, const char *ext)
{
    narrate_error err;
    narrate_voice v;
    char key[NARRATE_KEY_LEN + 1], path[512];
    narrate_article *a = serve_article_load(s, id, &v, key, &err);
    if (!a)
        return serve_reply_error(c, r, serve_status_of(err.code), "%s", err.message);
    snprintf(path, sizeof path, "%s/%" PRIuFAST64 ".%s", s->tmpdir,
             (uint_fast64_t)atomic_fetch_add(&s->tmp_seq, 1), ext);
    narrate_render_options ro = serve_render_options(s, &v);
    ro.timings_path = path;
    narrate_cache_entry e;
    int rc = narrate_render_cached(s->engine, s->cache, a, &ro, &e, &err);
    narrate_article_free(a);
    serve_buf b = { 0 };
    if (rc == NARRATE_OK && slurp(path, &b) < 0)
        rc = NARRATE_EIO, snprintf(err.message, sizeof err.message, "cannot read timings '%s'", id);
    unlink(path);
    enum MHD_Result ok;
    if (rc < 0) {
        ok = serve_reply_error(c, r, serve_status_of(err.code), "%s", err.message);
    } else {
        struct MHD_Response *resp = MHD_create_response_from_buffer(b.len, b.data, MHD_RESPMEM_MUST_COPY);
        if (resp) {
            MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE,
                                    strcmp(ext, "vtt") == 0 ? "text/vtt; charset=utf-8"
                                                            : "application/json");
            MHD_add_response_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL, CACHE_BY_ID);
            char dur[32];
            snprintf(dur, sizeof dur, "%.3f", e.duration_s);
            MHD_add_response_header(resp, SERVE_DURATION_HEADER, dur);
        }
        r->bytes = (int64_t)b.len;
        ok = serve_reply_response(c, r, MHD_HTTP_OK, resp);
    }
    free(b.data);
    return ok;
}

/* ------------------------------------------------------------ misses */

/* A joined render: MP3 answers at its first bytes, timings when it is done. */
static enum MHD_Result wait_miss(nr_server *s, struct MHD_Connection *c, serve_request *r,
                                 const char *id, const char *ext)
{
    int mp3 = strcmp(ext, "mp3") == 0;
    serve_flight_state st;
    serve_flight_state_get(r->flight, &st);
    /* Headers wait for the first audio, not just the tag written ahead of
    ** it: a worker crash on the first sentence still gets a 500. */
    if (!st.done && (!mp3 || st.writes < 2) &&
        serve_flight_park(r->flight, c, st.len, !mp3)) {
        r->parked = 1;
        return MHD_YES;
    }
    serve_flight_state_get(r->flight, &st); /* bytes may have come since the look */
    if (st.done && st.rc < 0 && (st.writes < 2 || !mp3)) {
        unsigned status = atomic_load(&s->stopping) ? MHD_HTTP_SERVICE_UNAVAILABLE
                                                    : serve_status_of(st.rc);
        return serve_reply_error(c, r, status, "%s", st.err.message);
    }
    if (!mp3)
        return send_timings(s, c, r, id, ext);
    /* The bytes of a stream differ from the finished entry (no length in
    ** its tags yet), so no ETag or length: they come with the hit. */
    struct MHD_Response *resp = serve_flight_response(r->flight, c);
    if (!resp)
        return MHD_NO;
    MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, "audio/mpeg");
    MHD_add_response_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
    if (st.estimate_s > 0) {
        char est[32];
        snprintf(est, sizeof est, "%.1f", st.estimate_s);
        MHD_add_response_header(resp, SERVE_DURATION_ESTIMATE_HEADER, est);
    }
    serve_metrics_ttfb_of(r);
    return serve_reply_response(c, r, MHD_HTTP_OK, resp);
}

/* "ID.EXT" with a safe id and a known extension. */
static int split_name(const char *rest, char id[SERVE_ID_MAX + 1], const char **ext)
{
    const char *dot = strrchr(rest, '.');
    if (!dot || !serve_id_ok(rest, (size_t)(dot - rest)))
        return 0;
    *ext = dot + 1;
    if (strcmp(*ext, "mp3") != 0 && strcmp(*ext, "vtt") != 0 && strcmp(*ext, "json") != 0)
        return 0;
    snprintf(id, SERVE_ID_MAX + 1, "%.*s", (int)(dot - rest), rest);
    return 1;
}

enum MHD_Result serve_audio(nr_server *s, struct MHD_Connection *c, serve_request *r,
                            const char *rest)
{
    char id[SERVE_ID_MAX + 1], key[NARRATE_KEY_LEN + 1];
    const char *ext;
    narrate_error err;
    uint64_t bytes;
    double duration_s;
    if (!split_name(rest, id, &ext))
        return serve_reply_error(c, r, MHD_HTTP_NOT_FOUND, "no such audio '%s'", "name");
    if (r->flight)
        return wait_miss(s, c, r, id, ext);
    if (serve_article_key(s, id, key, &err) < 0)
        return serve_reply_error(c, r, serve_status_of(err.code), "%s", err.message);
    int fd;
    int hit = lookup_open(s, key, &fd, &bytes, &duration_s);
    if (hit && strcmp(ext, "mp3") == 0)
        return send_entry(c, r, key, fd, bytes, duration_s, CACHE_BY_ID);
    if (hit) {
        close(fd);
        return send_timings(s, c, r, id, ext);
    }
    /* Never render on view: timings, or a HEAD, only wait for a render
    ** someone started by asking for the audio itself (or the API). */
    if (strcmp(ext, "mp3") != 0 || strcmp(r->method, "HEAD") == 0) {
        if ((r->flight = serve_flight_find(s, key)))
            return wait_miss(s, c, r, id, ext);
        return serve_reply_error(c, r, MHD_HTTP_NOT_FOUND,
                                 "not rendered yet: a GET of its audio renders it '%s'", id);
    }
    narrate_voice v;
    narrate_article *a = serve_article_load(s, id, &v, key, &err);
    if (!a)
        return serve_reply_error(c, r, serve_status_of(err.code), "%s", err.message);
    switch (serve_flight_join(s, r, key, a, serve_article_bytes(s, id), &v, &r->flight)) {
    case SERVE_HIT:
        if (strcmp(ext, "mp3") == 0 && lookup_open(s, key, &fd, &bytes, &duration_s))
            return send_entry(c, r, key, fd, bytes, duration_s, CACHE_BY_ID);
        return send_timings(s, c, r, id, ext);
    case SERVE_UNAUTHORIZED: return serve_reply_unauthorized(c, r);
    case SERVE_QUOTA: return serve_reply_quota(c, r);
    case SERVE_BUSY:
        return serve_reply_error(c, r, MHD_HTTP_SERVICE_UNAVAILABLE, "render queue full '%d'",
                                 s->max_queue);
    default:
        return wait_miss(s, c, r, id, ext);
    }
}

enum MHD_Result serve_cache_audio(nr_server *s, struct MHD_Connection *c, serve_request *r,
                                  const char *rest)
{
    uint64_t bytes;
    double duration_s;
    size_t n = strspn(rest, "0123456789abcdef");
    char key[NARRATE_KEY_LEN + 1];
    if (n != NARRATE_KEY_LEN || (strcmp(rest + n, ".mp3") != 0 && strcmp(rest + n, ".vtt") != 0 &&
                                 strcmp(rest + n, ".json") != 0))
        return serve_reply_error(c, r, MHD_HTTP_NOT_FOUND, "no such audio '%s'", "key");
    snprintf(key, sizeof key, "%.*s", (int)n, rest);
    if (strcmp(rest + n, ".mp3") != 0)
        return serve_cache_timings(s, c, r, key, rest + n + 1);
    int fd;
    if (!lookup_open(s, key, &fd, &bytes, &duration_s))
        return serve_reply_error(c, r, MHD_HTTP_NOT_FOUND, "no such audio '%s'", key);
    return send_entry(c, r, key, fd, bytes, duration_s, CACHE_BY_KEY);
}
