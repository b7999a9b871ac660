/* render.c - the pipeline: article -> script -> worker PCM -> stitched -> encoded file. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cache.h"
#include "engine.h"
#include "mp3join.h"
#include "schedule.h"
#include "sink.h"
#include "key.h"
#include "encoder.h"
#include "error.h"
#include "outfile.h"
#include "pool.h"
#include "text.h"

/* Longest title or author carried into tags, in bytes. */
#define META_MAX 1000

static const int mp3_bitrates[] = { 56, 64, 80, 96, 112, 128, 144, 160 };

static int check_bitrate(int kbps, narrate_error *err)
{
    for (size_t i = 0; i < sizeof mp3_bitrates / sizeof mp3_bitrates[0]; i++)
        if (kbps == mp3_bitrates[i])
            return NARRATE_OK;
    return nr_fail(err, NARRATE_EINVAL,
                   "unsupported bitrate (56, 64, 80, 96, 112, 128, 144 or 160 kbps) '%d'", kbps);
}

static int plan(narrate_engine *e, const narrate_article *a, const narrate_render_options *o,
                const char *path, nr_plan *p, narrate_error *err)
{
    p->format = o->format != NARRATE_FORMAT_AUTO ? o->format : narrate_format_from_path(path);
    if (p->format == NARRATE_FORMAT_AUTO) {
        const char *dot = path ? strrchr(path, '.') : NULL;
        if (dot && !strchr(dot, '/'))
            return nr_fail(err, NARRATE_EFORMAT, "unknown output format '%s'", dot + 1);
        p->format = NARRATE_FORMAT_MP3;
    }
    if (p->format < NARRATE_FORMAT_MP3 || p->format > NARRATE_FORMAT_OPUS)
        return nr_fail(err, NARRATE_EFORMAT, "unknown output format '%d'", (int)p->format);
    p->bitrate = o->bitrate_kbps ? o->bitrate_kbps : NARRATE_BITRATE_DEFAULT;
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    p->jobs = o->jobs > 0 ? o->jobs : cpus > 0 ? (int)cpus : 1;
    int rc = check_bitrate(p->bitrate, err);
    if (rc < 0)
        return rc;
    if (o->voice) {
        p->voice = *o->voice;
        return narrate_voice_validate(&p->voice, err);
    }
    return narrate_voice_for_article(e, a, NULL, &p->voice, err);
}

/* Title, author and language for the tags, cut to a sane length. */
typedef struct {
    char title[META_MAX + 1], author[META_MAX + 1];
    nr_meta meta;
} tags;

static void tags_of(const narrate_article *a, const nr_plan *p, const char *path, tags *t)
{
    const char *ti = narrate_article_title(a), *au = narrate_article_author(a);
    if (ti)
        snprintf(t->title, sizeof t->title, "%.*s", (int)nr_utf8_floor(ti, strnlen(ti, META_MAX)), ti);
    if (au)
        snprintf(t->author, sizeof t->author, "%.*s", (int)nr_utf8_floor(au, strnlen(au, META_MAX)), au);
    const char *lang = narrate_article_language(a);
    t->meta = (nr_meta){ ti ? t->title : NULL, au ? t->author : NULL, lang ? lang : p->voice.language,
                         p->bitrate, path };
}

static int mp3_data(void *j, const void *buf, size_t n, narrate_error *err)
{
    return nr_mp3join_data(j, buf, n, err);
}

static void mp3_piece(void *j, const nr_piece_done *done, const void *tag)
{
    nr_mp3join_piece(j, done, tag);
}

static int pcm_data(void *enc, const void *buf, size_t n, narrate_error *err)
{
    return nr_encoder_write(enc, buf, n / sizeof(int16_t), err);
}

static void pcm_piece(void *enc, const nr_piece_done *done, const void *tag)
{
    (void)enc;
    (void)done;
    (void)tag;
}

static int check_audible(uint64_t samples, const tags *t, narrate_error *err)
{
    if (samples == 0)
        return nr_fail(err, NARRATE_EINPUT, "nothing audible in article '%s'",
                       t->meta.title ? t->meta.title : "(untitled)");
    return NARRATE_OK;
}

/* MP3: workers encode pieces; the joiner writes them and the tags to sink. */
static int produce_mp3(narrate_engine *e, const narrate_script *script, const nr_plan *p,
                       const tags *t, nr_sink *sink, uint64_t *samples, narrate_error *err)
{
    nr_mp3join j;
    int rc = nr_mp3join_begin(&j, sink, &t->meta, err);
    nr_consumer out = { mp3_data, mp3_piece, &j };
    if (rc == NARRATE_OK)
        rc = nr_schedule(e->pool, script, p, p->jobs, &out, samples, err);
    if (rc == NARRATE_OK)
        rc = check_audible(*samples, t, err);
    if (rc == NARRATE_OK)
        rc = nr_mp3join_end(&j, *samples, err);
    return rc;
}

/* WAV, FLAC, Opus: workers send stitched PCM; libsndfile encodes it here. */
static int produce_pcm(narrate_engine *e, const narrate_script *script, const nr_plan *p,
                       const tags *t, int fd, uint64_t *samples, narrate_error *err)
{
    nr_encoder *enc = nr_sndfile_open(p->format, fd, &t->meta, err);
    if (!enc)
        return err->code;
    nr_consumer out = { pcm_data, pcm_piece, enc };
    int rc = nr_schedule(e->pool, script, p, p->jobs, &out, samples, err);
    if (rc == NARRATE_OK)
        rc = check_audible(*samples, t, err);
    if (rc == NARRATE_OK)
        rc = nr_encoder_finish(enc, err);
    nr_encoder_free(enc);
    return rc;
}

/* Encode the script into the open output file. */
static int produce(narrate_engine *e, const narrate_article *a, const narrate_script *script,
                   const nr_plan *p, int fd, const char *path, uint64_t *samples, narrate_error *err)
{
    tags t;
    tags_of(a, p, path, &t);
    if (p->format != NARRATE_FORMAT_MP3)
        return produce_pcm(e, script, p, &t, fd, samples, err);
    nr_sink sink = { fd, NULL, NULL, -1, path, 0 };
    return produce_mp3(e, script, p, &t, &sink, samples, err);
}

static void set_info(narrate_render_info *info, uint64_t samples, uint64_t bytes,
                     const narrate_script *script)
{
    *info = (narrate_render_info){ samples, (double)samples / NR_RATE, bytes,
                                   narrate_script_count(script) };
}

/* Synthesize and encode into path, atomically. */
static int render_to(narrate_engine *e, const narrate_article *a, const narrate_script *script,
                     const nr_plan *p, const char *path, narrate_render_info *info,
                     narrate_error *err)
{
    nr_outfile out;
    uint64_t samples = 0, bytes = 0;
    int rc = nr_outfile_open(&out, path, err);
    if (rc == NARRATE_OK)
        rc = produce(e, a, script, p, out.fd, path, &samples, err);
    if (rc == NARRATE_OK)
        rc = nr_outfile_commit(&out, &bytes, err);
    else
        nr_outfile_abort(&out);
    set_info(info, samples, bytes, script);
    return rc;
}

/* What a render needs before synthesis: the plan, the script and the key. */
typedef struct {
    nr_plan plan;
    narrate_script *script;
    char key[NARRATE_KEY_LEN + 1];
} prepared;

/* keyed: compute the cache key too (only cached renders and narrate_key need it). */
static int prepare(narrate_engine *e, const narrate_article *a, const narrate_render_options *o,
                   const char *path, int keyed, prepared *pr, narrate_error *err)
{
    narrate_render_options defaults = NARRATE_RENDER_OPTIONS_INIT;
    if (!e || !a)
        return nr_fail(err, NARRATE_EINVAL, "missing %s '(null)'", !e ? "engine" : "article");
    if (!o)
        o = &defaults;
    int rc = plan(e, a, o, path, &pr->plan, err);
    if (rc < 0)
        return rc;
    pr->script = narrate_script_create(a, &pr->plan.voice, o->lexicon, err);
    if (!pr->script)
        return err->code;
    if (keyed)
        nr_key_compute(pr->script, a, &pr->plan, pr->key);
    return NARRATE_OK;
}

static nr_cache_meta meta_of(const narrate_article *a, const prepared *pr, uint64_t samples)
{
    return (nr_cache_meta){ narrate_article_title(a), narrate_article_author(a),
                            pr->plan.voice.name, pr->plan.format, samples };
}

/* Serve a cache hit into path.  NARRATE_ENOTFOUND on a miss (or a corrupt entry, now removed). */
static int serve_hit(narrate_cache *c, const char *key, const char *path,
                     const narrate_script *script, narrate_render_info *info, narrate_error *err)
{
    narrate_cache_entry ce;
    int rc = narrate_cache_lookup(c, key, &ce, err);
    if (rc < 0)
        return rc;
    nr_outfile out;
    uint64_t bytes = 0;
    rc = nr_outfile_open(&out, path, err);
    /* Verified, the entry is linked (no copy, no fsync: it is durable already);
    ** across filesystems it is copied. */
    if (rc == NARRATE_OK)
        rc = nr_cache_copy_out(c, &ce, -1, err);
    if (rc == NARRATE_OK && nr_outfile_link(&out, ce.path) < 0)
        rc = out.fd >= 0 ? nr_cache_copy_out(c, &ce, out.fd, err)
                         : nr_fail_errno(err, NARRATE_EIO, errno, "cannot write output '%s'", path);
    if (rc == NARRATE_OK)
        rc = nr_outfile_commit(&out, &bytes, err);
    else
        nr_outfile_abort(&out);
    if (rc == NARRATE_OK) {
        nr_cache_touch(&ce);
        set_info(info, (uint64_t)(ce.duration_s * NR_RATE + 0.5), bytes, script);
    }
    return rc;
}

/* A hit is copied; a miss renders once per key (others wait on the lock) and
** the file is then copied into the cache, best effort. */
static int render_file_cached(narrate_engine *e, const narrate_article *a, const prepared *pr,
                              narrate_cache *c, const char *path, narrate_render_info *info,
                              narrate_error *err)
{
    int rc = serve_hit(c, pr->key, path, pr->script, info, err);
    if (rc != NARRATE_ENOTFOUND)
        return rc;
    int lock;
    if (nr_cache_lock(c, pr->key, &lock, err) < 0) /* unusable cache: render without it */
        return render_to(e, a, pr->script, &pr->plan, path, info, err);
    rc = serve_hit(c, pr->key, path, pr->script, info, err);
    if (rc == NARRATE_ENOTFOUND) {
        rc = render_to(e, a, pr->script, &pr->plan, path, info, err);
        nr_cache_meta m = meta_of(a, pr, info->samples);
        if (rc == NARRATE_OK)
            nr_cache_insert(c, pr->key, path, &m, NULL); /* a full cache must not fail the render */
    }
    nr_cache_unlock(lock);
    return rc;
}

int narrate_render_file(narrate_engine *e, const narrate_article *a,
                        const narrate_render_options *opts, const char *path,
                        narrate_render_info *info, narrate_error *err)
{
    narrate_error local;
    narrate_render_info ignored;
    if (!err)
        err = &local;
    if (!info)
        info = &ignored;
    if (!path || !*path)
        return nr_fail(err, NARRATE_EINVAL, "missing output path '%s'", "(null)");
    prepared pr = { .script = NULL };
    int rc = prepare(e, a, opts, path, opts && opts->cache, &pr, err);
    if (rc == NARRATE_OK && opts && opts->cache)
        rc = render_file_cached(e, a, &pr, opts->cache, path, info, err);
    else if (rc == NARRATE_OK)
        rc = render_to(e, a, pr.script, &pr.plan, path, info, err);
    narrate_script_free(pr.script);
    return rc;
}

int narrate_key(narrate_engine *e, const narrate_article *a, const narrate_render_options *opts,
                char key[NARRATE_KEY_LEN + 1], narrate_error *err)
{
    prepared pr = { .script = NULL };
    int rc = prepare(e, a, opts, NULL, 1, &pr, err);
    if (rc == NARRATE_OK)
        memcpy(key, pr.key, sizeof pr.key);
    narrate_script_free(pr.script);
    return rc;
}

/* Render straight into the cache's file for the key, then its sidecar. */
static int render_into_cache(narrate_engine *e, const narrate_article *a, const prepared *pr,
                             narrate_cache *c, narrate_error *err)
{
    char *data = nr_cache_path(c, pr->key, nr_format_ext(pr->plan.format));
    if (!data)
        return nr_fail(err, NARRATE_ENOMEM, "out of memory caching '%s'", pr->key);
    narrate_render_info info;
    int rc = render_to(e, a, pr->script, &pr->plan, data, &info, err);
    nr_cache_meta m = meta_of(a, pr, info.samples);
    if (rc == NARRATE_OK)
        rc = nr_cache_insert(c, pr->key, NULL, &m, err);
    free(data);
    return rc;
}

int narrate_render_cached(narrate_engine *e, narrate_cache *c, const narrate_article *a,
                          const narrate_render_options *opts, narrate_cache_entry *ce,
                          narrate_error *err)
{
    narrate_error local;
    if (!err)
        err = &local;
    if (!c || !ce)
        return nr_fail(err, NARRATE_EINVAL, "missing %s '(null)'", c ? "entry" : "cache");
    prepared pr = { .script = NULL };
    int rc = prepare(e, a, opts, NULL, 1, &pr, err);
    if (rc == NARRATE_OK)
        rc = narrate_cache_lookup(c, pr.key, ce, err);
    if (rc == NARRATE_ENOTFOUND) {
        int lock;
        rc = nr_cache_lock(c, pr.key, &lock, err);
        if (rc == NARRATE_OK) {
            rc = narrate_cache_lookup(c, pr.key, ce, err);
            if (rc == NARRATE_ENOTFOUND)
                rc = render_into_cache(e, a, &pr, c, err);
            if (rc == NARRATE_OK)
                rc = narrate_cache_lookup(c, pr.key, ce, err);
            nr_cache_unlock(lock);
        }
    }
    if (rc == NARRATE_OK)
        nr_cache_touch(ce);
    narrate_script_free(pr.script);
    return rc;
}

/* ------------------------------------------------------------------ streams */

static int stream_render(narrate_engine *e, const narrate_article *a, const prepared *pr,
                         nr_sink *sink, narrate_render_info *info, narrate_error *err)
{
    tags t;
    tags_of(a, &pr->plan, "(stream)", &t);
    uint64_t samples = 0;
    int rc = produce_mp3(e, pr->script, &pr->plan, &t, sink, &samples, err);
    set_info(info, samples, sink->pos, pr->script);
    return rc;
}

/* Stream a miss while the same bytes go to the cache's temporary file,
** which gets the final tags and becomes the entry if all went well. */
static int stream_into_cache(narrate_engine *e, const narrate_article *a, const prepared *pr,
                             narrate_cache *c, nr_sink *sink, narrate_render_info *info,
                             narrate_error *err)
{
    char *data = nr_cache_path(c, pr->key, nr_format_ext(pr->plan.format));
    nr_outfile out;
    int cached = data && nr_outfile_open(&out, data, NULL) == NARRATE_OK;
    sink->tee = cached ? out.fd : -1;
    int rc = stream_render(e, a, pr, sink, info, err);
    if (cached && rc == NARRATE_OK && sink->tee >= 0 && nr_outfile_commit(&out, NULL, NULL) == 0) {
        nr_cache_meta m = meta_of(a, pr, info->samples);
        nr_cache_insert(c, pr->key, NULL, &m, NULL); /* best effort, like any cache write */
    } else if (cached) {
        nr_outfile_abort(&out);
    }
    free(data);
    return rc;
}

/* A hit streams the verified file; NARRATE_ENOTFOUND on a miss. */
static int stream_hit(narrate_cache *c, const prepared *pr, nr_sink *sink,
                      narrate_render_info *info, narrate_error *err)
{
    narrate_cache_entry ce;
    int rc = narrate_cache_lookup(c, pr->key, &ce, err);
    if (rc == NARRATE_OK)
        rc = nr_cache_send(c, &ce, sink->fn, sink->userdata, err);
    if (rc == NARRATE_OK) {
        nr_cache_touch(&ce);
        set_info(info, (uint64_t)(ce.duration_s * NR_RATE + 0.5), ce.bytes, pr->script);
    }
    return rc;
}

int narrate_render_stream(narrate_engine *e, const narrate_article *a,
                          const narrate_render_options *opts, narrate_write_fn write,
                          void *userdata, narrate_render_info *info, narrate_error *err)
{
    narrate_error local;
    narrate_render_info ignored;
    if (!err)
        err = &local;
    if (!info)
        info = &ignored;
    if (!write)
        return nr_fail(err, NARRATE_EINVAL, "missing write callback '%s'", "(null)");
    prepared pr = { .script = NULL };
    int rc = prepare(e, a, opts, NULL, opts && opts->cache, &pr, err);
    if (rc == NARRATE_OK && pr.plan.format != NARRATE_FORMAT_MP3)
        rc = nr_fail(err, NARRATE_EFORMAT, "streams are MP3 only, not '%s'", nr_format_ext(pr.plan.format));
    nr_sink sink = { -1, write, userdata, -1, "(stream)", 0 };
    narrate_cache *c = opts ? opts->cache : NULL;
    if (rc == NARRATE_OK && c) {
        rc = stream_hit(c, &pr, &sink, info, err);
        int lock = -1;
        if (rc == NARRATE_ENOTFOUND && nr_cache_lock(c, pr.key, &lock, NULL) == NARRATE_OK)
            rc = stream_hit(c, &pr, &sink, info, err);
        if (rc == NARRATE_ENOTFOUND)
            rc = lock >= 0 ? stream_into_cache(e, a, &pr, c, &sink, info, err)
                           : stream_render(e, a, &pr, &sink, info, err);
        nr_cache_unlock(lock);
    } else if (rc == NARRATE_OK) {
        rc = stream_render(e, a, &pr, &sink, info, err);
    }
    narrate_script_free(pr.script);
    return rc;
}
