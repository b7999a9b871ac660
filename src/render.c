/* render.c - the pipeline: article -> script -> worker PCM -> stitched -> encoded file. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cache.h"
#include "engine.h"
#include "key.h"
#include "encoder.h"
#include "error.h"
#include "outfile.h"
#include "pool.h"
#include "stitch.h"
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

static void synth_request(const narrate_voice *v, nr_synth_req *req)
{
    memset(req, 0, sizeof *req);
    if (v->variant[0])
        snprintf(req->voice, sizeof req->voice, "%s+%s", v->espeak_voice, v->variant);
    else
        snprintf(req->voice, sizeof req->voice, "%s", v->espeak_voice);
    req->rate = v->rate;
    req->pitch = v->pitch;
    req->pitch_range = v->pitch_range;
}

static int send_sentence(nr_worker *w, nr_synth_req *req, const narrate_sentence *s,
                         narrate_error *err)
{
    req->phonemes = s->phonemes;
    return nr_worker_send(w, req, s->spoken, err);
}

/* Speak every script entry through one worker, keeping one request in
** flight ahead so the worker synthesizes while we encode. */
static int speak(nr_worker *w, const narrate_script *script, const narrate_voice *v,
                 nr_stitch *st, narrate_error *err)
{
    nr_synth_req req;
    nr_pcm pcm = { 0 };
    narrate_error ahead_err;
    size_t n = narrate_script_count(script);
    synth_request(v, &req);
    int rc = send_sentence(w, &req, narrate_script_sentence(script, 0), err);
    for (size_t i = 0; i < n && rc == NARRATE_OK; i++) {
        const narrate_sentence *s = narrate_script_sentence(script, i);
        /* If sending ahead fails the worker is gone; receiving the current
        ** answer then tells how it died, and on which sentence. */
        int ahead = i + 1 < n ? send_sentence(w, &req, narrate_script_sentence(script, i + 1), &ahead_err)
                              : NARRATE_OK;
        pcm.len = 0;
        rc = nr_worker_recv(w, &pcm, s->spoken, err);
        if (rc == NARRATE_OK && ahead < 0) {
            *err = ahead_err;
            rc = ahead;
        }
        if (rc == NARRATE_OK)
            rc = nr_stitch_add(st, pcm.samples, pcm.len, s->pause_ms, err);
    }
    if (rc < 0 && n > 1)
        w->broken = 1; /* an answer to a request sent ahead may still be unread */
    nr_pcm_free(&pcm);
    return rc;
}

static int speak_pooled(narrate_engine *e, const narrate_script *script, const narrate_voice *v,
                        nr_stitch *st, narrate_error *err)
{
    nr_worker *w;
    int rc = nr_pool_acquire(e->pool, &w, err);
    if (rc < 0)
        return rc;
    rc = speak(w, script, v, st, err);
    nr_pool_release(e->pool, w);
    return rc;
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
    int rc = check_bitrate(p->bitrate, err);
    if (rc < 0)
        return rc;
    if (o->voice) {
        p->voice = *o->voice;
        return narrate_voice_validate(&p->voice, err);
    }
    return narrate_voice_for_article(e, a, NULL, &p->voice, err);
}

/* Encode the script into the open output file. */
static int produce(narrate_engine *e, const narrate_article *a, const narrate_script *script,
                   const nr_plan *p, int fd, const char *path, uint64_t *samples, narrate_error *err)
{
    char title[META_MAX + 1], author[META_MAX + 1];
    const char *t = narrate_article_title(a), *au = narrate_article_author(a);
    if (t)
        snprintf(title, sizeof title, "%.*s", (int)nr_utf8_floor(t, strnlen(t, META_MAX)), t);
    if (au)
        snprintf(author, sizeof author, "%.*s", (int)nr_utf8_floor(au, strnlen(au, META_MAX)), au);
    nr_meta meta = { t ? title : NULL, au ? author : NULL, narrate_article_language(a), p->bitrate,
                     path };
    if (!meta.language)
        meta.language = p->voice.language;
    nr_encoder *enc = nr_encoder_open(p->format, fd, &meta, err);
    if (!enc)
        return err->code;
    nr_stitch st;
    nr_stitch_init(&st, enc, p->voice.gain_db);
    int rc = speak_pooled(e, script, &p->voice, &st, err);
    if (rc == NARRATE_OK && st.samples == 0)
        rc = nr_fail(err, NARRATE_EINPUT, "nothing audible in article '%s'", t ? title : "(untitled)");
    if (rc == NARRATE_OK)
        rc = nr_encoder_finish(enc, err);
    nr_encoder_free(enc);
    *samples = st.samples;
    return rc;
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
    info->samples = samples;
    info->duration_s = (double)samples / NR_RATE;
    info->bytes = bytes;
    info->sentences = narrate_script_count(script);
    return rc;
}

/* What a render needs before synthesis: the plan, the script and the key. */
typedef struct {
    nr_plan plan;
    narrate_script *script;
    char key[NARRATE_KEY_LEN + 1];
} prepared;

static int prepare(narrate_engine *e, const narrate_article *a, const narrate_render_options *o,
                   const char *path, prepared *pr, narrate_error *err)
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
    nr_key_compute(pr->script, a, &pr->plan, pr->key);
    return NARRATE_OK;
}

static nr_cache_meta meta_of(const narrate_article *a, const prepared *pr, uint64_t samples)
{
    return (nr_cache_meta){ narrate_article_title(a), narrate_article_author(a),
                            pr->plan.voice.name, pr->plan.format, samples };
}

/* Serve a cache hit into path.  NARRATE_ENOTFOUND on a miss (or a corrupt entry, now removed). */
static int serve_hit(narrate_cache *c, const char *key, const char *path, size_t sentences,
                     narrate_render_info *info, narrate_error *err)
{
    narrate_cache_entry ce;
    int rc = narrate_cache_lookup(c, key, &ce, err);
    if (rc < 0)
        return rc;
    nr_outfile out;
    uint64_t bytes = 0;
    rc = nr_outfile_open(&out, path, err);
    if (rc == NARRATE_OK)
        rc = nr_cache_copy_out(c, &ce, out.fd, err);
    if (rc == NARRATE_OK)
        rc = nr_outfile_commit(&out, &bytes, err);
    else
        nr_outfile_abort(&out);
    if (rc == NARRATE_OK) {
        nr_cache_touch(&ce);
        info->samples = (uint64_t)(ce.duration_s * NR_RATE + 0.5);
        info->duration_s = ce.duration_s;
        info->bytes = bytes;
        info->sentences = sentences;
    }
    return rc;
}

/* A hit is copied; a miss renders once per key (others wait on the lock) and
** the file is then copied into the cache, best effort. */
static int render_file_cached(narrate_engine *e, const narrate_article *a, const prepared *pr,
                              narrate_cache *c, const char *path, narrate_render_info *info,
                              narrate_error *err)
{
    size_t n = narrate_script_count(pr->script);
    int rc = serve_hit(c, pr->key, path, n, info, err);
    if (rc != NARRATE_ENOTFOUND)
        return rc;
    int lock;
    if (nr_cache_lock(c, pr->key, &lock, err) < 0) /* unusable cache: render without it */
        return render_to(e, a, pr->script, &pr->plan, path, info, err);
    rc = serve_hit(c, pr->key, path, n, info, err);
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
    int rc = prepare(e, a, opts, path, &pr, err);
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
    int rc = prepare(e, a, opts, NULL, &pr, err);
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
    int rc = prepare(e, a, opts, NULL, &pr, err);
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
