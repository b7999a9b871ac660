/* render.c - one render skeleton: prepare, key, a locked lookup, a miss made into the entry, then delivered. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cache.h"
#include "encoder.h"
#include "error.h"
#include "extras.h"
#include "hit.h"
#include "outfile.h"
#include "prepare.h"
#include "produce.h"

/* Where a render goes: a file, a stream, or (narrate_render_cached) the
** cache entry itself, for the caller to read. */
typedef struct dest {
    const char *path;
    narrate_write_fn fn;
    void *userdata;
    narrate_cache_entry *entry;
    const narrate_render_options *opts; /* what the render was asked with */
} dest;

static void set_info(narrate_render_info *info, uint64_t samples, uint64_t bytes,
                     const narrate_script *script)
{
    *info = (narrate_render_info){ samples, (double)samples / NR_RATE, bytes,
                                   narrate_script_count(script) };
}

static int nomem(narrate_error *err, const char *key)
{
    return nr_fail(err, NARRATE_ENOMEM, "out of memory caching '%s'", key);
}

/* The hit path, for a hit and for a miss just made: link or copy into a
** file, send to a stream, or hand the entry over. */
static int deliver_audio(narrate_cache *c, nr_audio *au, const dest *d, nr_extras *x,
                         const nr_prepared *pr, narrate_render_info *info, narrate_error *err)
{
    uint64_t bytes = au->ce.bytes;
    int rc = d->path ? nr_hit_to_file(c, au, d->path, x, &bytes, err)
             : d->fn ? nr_hit_to_stream(c, au, d->fn, d->userdata, x, err)
                     : nr_hit_to_caller(c, au, x, err);
    if (rc == NARRATE_OK && au->ce.path[0])
        nr_cache_touch(&au->ce);
    if (rc == NARRATE_OK && d->entry)
        *d->entry = au->ce;
    if (rc == NARRATE_OK)
        set_info(info, au->samples, bytes, pr->script);
    return rc;
}

/* A hit delivered; NARRATE_ENOTFOUND on a miss (or a corrupt entry, now removed). */
static int hit(narrate_cache *c, const nr_prepared *pr, const dest *d, nr_extras *x,
               narrate_render_info *info, narrate_error *err)
{
    nr_audio au;
    int rc = nr_hit_find(c, pr->key, x, &au, err);
    if (rc == NARRATE_OK)
        rc = deliver_audio(c, &au, d, x, pr, info, err);
    nr_audio_close(&au);
    return rc;
}

static nr_cache_meta meta_of(const narrate_article *a, const nr_prepared *pr, uint64_t samples)
{
    return (nr_cache_meta){ narrate_article_title(a), narrate_article_author(a),
                            pr->plan.voice.name, pr->plan.format, samples };
}

/* Make the entry from its audio, complete in out (sum: as written), and
** the marks kept beside it: both renamed into place, then the sidecar.
** On failure nothing of the entry is left (out is aborted). */
static int commit_entry(narrate_cache *c, const narrate_article *a, const nr_prepared *pr,
                        nr_outfile *out, nr_extras *x, const nr_sum *sum, uint64_t samples,
                        narrate_error *err)
{
    nr_sum marks;
    int rc = nr_extras_commit_marks(x, &marks) == 0
                 ? NARRATE_OK
                 : nr_fail(err, NARRATE_EIO, "cannot write cached timings '%s'", pr->key);
    if (rc == NARRATE_OK)
        rc = nr_outfile_commit(out, NULL, err);
    else
        nr_outfile_abort(out);
    nr_cache_meta m = meta_of(a, pr, samples);
    if (rc == NARRATE_OK)
        rc = nr_cache_insert(c, pr->key, sum, &marks, &m, err);
    else /* the marks may be in place, the audio is not: no entry */
        nr_cache_remove(c, pr->key, pr->plan.format);
    return rc;
}

/* Synthesize into out, a seekable temporary file; *samples: the audio's length. */
static int render_into(narrate_engine *e, const narrate_article *a, const nr_prepared *pr,
                       nr_outfile *out, const char *name, nr_extras *x, uint64_t *samples,
                       narrate_error *err)
{
    nr_sink sink = nr_sink_of(out->fd, NULL, NULL, name);
    return nr_produce(e, a, pr, &sink, x, samples, err);
}

/* A file rendered without the cache, atomically, its timings first. */
static int miss_file(narrate_engine *e, const narrate_article *a, const nr_prepared *pr,
                     const char *path, nr_extras *x, narrate_render_info *info,
                     narrate_error *err)
{
    nr_outfile out;
    uint64_t samples = 0, bytes = 0;
    int rc = nr_outfile_open(&out, path, err);
    if (rc < 0)
        return rc;
    rc = render_into(e, a, pr, &out, path, x, &samples, err);
    if (rc == NARRATE_OK)
        rc = nr_extras_finish(x, samples, out.fd, NULL, err);
    if (rc == NARRATE_OK)
        rc = nr_outfile_commit(&out, &bytes, err);
    else
        nr_outfile_abort(&out);
    set_info(info, samples, bytes, pr->script);
    return rc;
}

/* A miss rendered into the cache's temporary file for the key and made the
** entry, then delivered as a hit is: the bytes are written once, and read
** once, to be checksummed (their head is patched last: see sink.h).  The
** entry is best effort for a file (its audio is then copied from the
** temporary file), the point for narrate_render_cached. */
static int miss_cached(narrate_engine *e, const narrate_article *a, const nr_prepared *pr,
                       narrate_cache *c, const dest *d, nr_extras *x,
                       narrate_render_info *info, narrate_error *err)
{
    char *data = nr_cache_path(c, pr->key, narrate_format_extension(pr->plan.format));
    char *marks = nr_cache_path(c, pr->key, "marks");
    nr_audio au = { .fd = -1, .marks = -1, .fresh = 1 };
    nr_outfile out;
    int rc = data && marks ? nr_outfile_open(&out, data, err) : nomem(err, pr->key);
    if (rc == NARRATE_EIO && d->path) { /* a shard that cannot be written: a file does without */
        free(data);
        free(marks);
        return miss_file(e, a, pr, d->path, x, info, err);
    }
    if (rc == NARRATE_OK) {
        nr_extras_keep_marks(x, marks);
        rc = render_into(e, a, pr, &out, data, x, &au.samples, err);
        if (rc == NARRATE_EIO && d->path && !(d->opts && d->opts->on_timing)) {
            /* Only writing the cache's file fails so: the cache filled up.  A file
            ** does without it, rendered again (timings afresh: a callback cannot
            ** take them back, so a render with one fails instead). */
            nr_outfile_abort(&out);
            free(data);
            free(marks);
            nr_extras_free(x, 0);
            rc = nr_extras_open(x, pr->script, d->opts, pr->key, err);
            return rc == NARRATE_OK ? miss_file(e, a, pr, d->path, x, info, err) : rc;
        }
        if (rc == NARRATE_OK && nr_sum_of_fd(out.fd, &au.sum) < 0)
            rc = nr_fail_errno(err, NARRATE_EIO, errno, "cannot read back the audio '%s'", data);
        if (rc == NARRATE_OK && (au.fd = dup(out.fd)) < 0) /* the hit path's, whatever becomes of out */
            rc = nr_fail_errno(err, NARRATE_EIO, errno, "cannot read back the audio '%s'", data);
        if (rc < 0)
            nr_outfile_abort(&out);
    }
    if (rc == NARRATE_OK) {
        narrate_error local;
        int made = commit_entry(c, a, pr, &out, x, &au.sum, au.samples, d->entry ? err : &local);
        if (made == NARRATE_OK)
            made = nr_cache_find(c, pr->key, &au.ce, &(nr_sum){ 0, "" }, d->entry ? err : &local);
        if (made < 0 && d->entry)
            rc = made;
        if (made < 0)
            au.ce = (narrate_cache_entry){ .bytes = au.sum.bytes }; /* copied from au.fd */
    }
    if (rc == NARRATE_OK)
        rc = deliver_audio(c, &au, d, x, pr, info, err);
    nr_audio_close(&au);
    free(data);
    free(marks);
    return rc;
}

/* A stream rendered as it goes, and (c not NULL) teed into the cache's
** temporary file, which gets the final head and becomes the entry if all
** went well.  The timings file names the bytes sent: hashed on their way. */
static int miss_stream(narrate_engine *e, const narrate_article *a, const nr_prepared *pr,
                       narrate_cache *c, const dest *d, nr_extras *x,
                       narrate_render_info *info, narrate_error *err)
{
    char *data = c ? nr_cache_path(c, pr->key, narrate_format_extension(pr->plan.format)) : NULL;
    char *marks = c ? nr_cache_path(c, pr->key, "marks") : NULL;
    nr_outfile out;
    int teed = data && marks && nr_outfile_open(&out, data, NULL) == NARRATE_OK;
    nr_sink sink = nr_sink_of(-1, d->fn, d->userdata, "(stream)");
    sink.tee = teed ? out.fd : -1;
    if (teed)
        nr_extras_keep_marks(x, marks);
    uint64_t samples = 0;
    int rc = NARRATE_OK;
    if (nr_extras_want_file(x) && !(sink.hash = nr_hasher_new()))
        rc = nr_fail(err, NARRATE_ENOMEM, "out of memory for the stream's checksum '%s'", "(stream)");
    if (rc == NARRATE_OK)
        rc = nr_produce(e, a, pr, &sink, x, &samples, err);
    nr_audio_id id = { .bytes = sink.pos };
    nr_sum sent;
    if (sink.hash) {
        nr_hasher_sum(sink.hash, &sent);
        memcpy(id.sum, sent.hex, sizeof id.sum);
    }
    nr_hasher_free(sink.hash);
    if (rc == NARRATE_OK)
        rc = nr_extras_finish(x, samples, -1, &id, err);
    set_info(info, samples, sink.pos, pr->script);
    nr_sum sum;
    if (teed && rc == NARRATE_OK && sink.tee >= 0 && nr_sum_of_fd(out.fd, &sum) == 0)
        commit_entry(c, a, pr, &out, x, &sum, samples, NULL); /* best effort, like any cache write */
    else if (teed)
        nr_outfile_abort(&out);
    free(data);
    free(marks);
    return rc;
}

static int miss(narrate_engine *e, const narrate_article *a, const nr_prepared *pr,
                narrate_cache *c, const dest *d, nr_extras *x, narrate_render_info *info,
                narrate_error *err)
{
    if (d->fn)
        return miss_stream(e, a, pr, c, d, x, info, err);
    return c ? miss_cached(e, a, pr, c, d, x, info, err) : miss_file(e, a, pr, d->path, x, info, err);
}

/* A hit, else the key's lock (others rendering it wait), a hit again (made
** while we waited?), else a miss made into the entry.  A cache that cannot
** be locked is rendered around, except when its entry is what is wanted. */
static int cached(narrate_engine *e, const narrate_article *a, const nr_prepared *pr,
                  narrate_cache *c, const dest *d, nr_extras *x, narrate_render_info *info,
                  narrate_error *err)
{
    int rc = hit(c, pr, d, x, info, err);
    if (rc != NARRATE_ENOTFOUND)
        return rc;
    int lock;
    if (nr_cache_lock(c, pr->key, &lock, d->entry ? err : NULL) < 0)
        return d->entry ? err->code : miss(e, a, pr, NULL, d, x, info, err);
    rc = hit(c, pr, d, x, info, err);
    if (rc == NARRATE_ENOTFOUND)
        rc = miss(e, a, pr, c, d, x, info, err);
    nr_cache_unlock(lock);
    return rc;
}

/* The skeleton every render goes through: prepare, key, then a hit or a miss. */
static int deliver(narrate_engine *e, const narrate_article *a, const narrate_render_options *opts,
                   narrate_cache *c, const dest *d, narrate_render_info *info, narrate_error *err)
{
    nr_prepared pr = { .script = NULL, .chapters = { 0 } };
    nr_extras x;
    int keyed = c || (opts && opts->timings_path);
    int rc = nr_prepare(e, a, opts, d->path, keyed, &pr, err);
    pr.plan.listener = d->fn != NULL;
    if (rc == NARRATE_OK && d->fn && pr.plan.format != NARRATE_FORMAT_MP3)
        rc = nr_fail(err, NARRATE_EFORMAT, "streams are MP3 only, not '%s'",
                     narrate_format_extension(pr.plan.format));
    int have_x = rc == NARRATE_OK;
    if (have_x)
        rc = nr_extras_open(&x, pr.script, opts, pr.key, err);
    if (rc == NARRATE_OK)
        rc = c ? cached(e, a, &pr, c, d, &x, info, err) : miss(e, a, &pr, NULL, d, &x, info, err);
    if (have_x)
        nr_extras_free(&x, rc < 0);
    nr_prepared_free(&pr);
    return rc;
}

int narrate_render_file(narrate_engine *e, const narrate_article *a,
                        const narrate_render_options *opts, const char *path,
                        narrate_render_info *info, narrate_error *err)
{
    narrate_error local;
    narrate_render_info ignored;
    if (!path || !*path)
        return nr_fail(err ? err : &local, NARRATE_EINVAL, "missing output path '%s'", "(null)");
    return deliver(e, a, opts, opts ? opts->cache : NULL, &(dest){ .path = path, .opts = opts },
                   info ? info : &ignored, err ? err : &local);
}

int narrate_render_stream(narrate_engine *e, const narrate_article *a,
                          const narrate_render_options *opts, narrate_write_fn write,
                          void *userdata, narrate_render_info *info, narrate_error *err)
{
    narrate_error local;
    narrate_render_info ignored;
    if (!write)
        return nr_fail(err ? err : &local, NARRATE_EINVAL, "missing write callback '%s'", "(null)");
    return deliver(e, a, opts, opts ? opts->cache : NULL,
                   &(dest){ .fn = write, .userdata = userdata, .opts = opts }, info ? info : &ignored,
                   err ? err : &local);
}

int narrate_render_cached(narrate_engine *e, narrate_cache *c, const narrate_article *a,
                          const narrate_render_options *opts, narrate_cache_entry *ce,
                          narrate_error *err)
{
    narrate_error local;
    narrate_render_info ignored;
    if (!c || !ce)
        return nr_fail(err ? err : &local, NARRATE_EINVAL, "missing %s '(null)'", c ? "entry" : "cache");
    return deliver(e, a, opts, c, &(dest){ .entry = ce, .opts = opts }, &ignored, err ? err : &local);
}
