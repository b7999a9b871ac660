/* render.c - the pipeline: article -> script -> worker PCM -> stitched -> encoded file. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xxhash.h>

#include "cache.h"
#include "chapters.h"
#include "engine.h"
#include "mp3join.h"
#include "schedule.h"
#include "sink.h"
#include "key.h"
#include "encoder.h"
#include "error.h"
#include "extras.h"
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

/* The clock starts as the call does: waiting for a worker counts. */
static int start_deadline(const narrate_engine *e, const narrate_article *a,
                          const narrate_render_options *o, nr_plan *p, narrate_error *err)
{
    if (o->deadline_s < 0 && o->deadline_s != NARRATE_LIMIT_NONE)
        return nr_fail(err, NARRATE_EINVAL, "invalid deadline %d (0: the engine's, -1: none) '%s'",
                       o->deadline_s, "deadline_s");
    const char *subject = narrate_article_title(a) ? narrate_article_title(a) : narrate_article_id(a);
    nr_deadline_start(&p->deadline, o->deadline_s ? o->deadline_s : e->limits.render_s, subject);
    return NARRATE_OK;
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
    /* A WAV silently written to "x.mp3" is found by whoever plays it, much later. */
    narrate_format implied = narrate_format_from_path(path);
    if (implied != NARRATE_FORMAT_AUTO && implied != p->format)
        return nr_fail(err, NARRATE_EFORMAT, "format %s contradicts the extension %s '%s'",
                       nr_format_ext(p->format), strrchr(path, '.'), path);
    p->bitrate = o->bitrate_kbps ? o->bitrate_kbps : NARRATE_BITRATE_DEFAULT;
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    p->jobs = o->jobs > 0 ? o->jobs : cpus > 0 ? (int)cpus : 1;
    int rc = check_bitrate(p->bitrate, err);
    if (rc == NARRATE_OK)
        rc = start_deadline(e, a, o, p, err);
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

/* Where the ordered output of a render goes: the MP3 joiner or the PCM
** encoder, and the extras (timings, marks). */
typedef struct {
    nr_mp3join *join;
    nr_encoder *enc;
    nr_extras *extras;
} outputs;

static int out_data(void *o, const void *buf, size_t n, narrate_error *err)
{
    outputs *u = o;
    return u->join ? nr_mp3join_data(u->join, buf, n, err)
                   : nr_encoder_write(u->enc, buf, n / sizeof(int16_t), err);
}

static void out_piece(void *o, const nr_piece_done *done, const void *tag)
{
    outputs *u = o;
    if (u->join)
        nr_mp3join_piece(u->join, done, tag);
}

static int out_mark(void *o, const nr_mark *m, narrate_error *err)
{
    outputs *u = o;
    if (u->join && u->join->chapters)
        nr_chapters_mark(u->join->chapters, m);
    return nr_extras_mark(u->extras, m, err);
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
                       const tags *t, nr_sink *sink, nr_extras *x, uint64_t *samples,
                       narrate_error *err)
{
    nr_mp3join j;
    int rc = nr_mp3join_begin(&j, sink, &t->meta, p->chapters, err);
    outputs o = { &j, NULL, x };
    nr_consumer out = { out_data, out_piece, out_mark, &o };
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
                       const tags *t, int fd, nr_extras *x, uint64_t *samples, narrate_error *err)
{
    nr_encoder *enc = nr_sndfile_open(p->format, fd, &t->meta, err);
    if (!enc)
        return err->code;
    outputs o = { NULL, enc, x };
    nr_consumer out = { out_data, out_piece, out_mark, &o };
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
                   const nr_plan *p, int fd, const char *path, nr_extras *x, uint64_t *samples,
                   narrate_error *err)
{
    tags t;
    tags_of(a, p, path, &t);
    if (p->format != NARRATE_FORMAT_MP3)
        return produce_pcm(e, script, p, &t, fd, x, samples, err);
    nr_sink sink = { fd, NULL, NULL, -1, path, 0, NULL };
    return produce_mp3(e, script, p, &t, &sink, x, samples, err);
}

static void set_info(narrate_render_info *info, uint64_t samples, uint64_t bytes,
                     const narrate_script *script)
{
    *info = (narrate_render_info){ samples, (double)samples / NR_RATE, bytes,
                                   narrate_script_count(script) };
}

/* Synthesize and encode into path, atomically (the timings first). */
static int render_to(narrate_engine *e, const narrate_article *a, const narrate_script *script,
                     const nr_plan *p, const char *path, nr_extras *x, narrate_render_info *info,
                     narrate_error *err)
{
    nr_outfile out;
    uint64_t samples = 0, bytes = 0;
    int rc = nr_outfile_open(&out, path, err);
    if (rc == NARRATE_OK)
        rc = produce(e, a, script, p, out.fd, path, x, &samples, err);
    if (rc == NARRATE_OK)
        rc = nr_extras_finish(x, samples, out.fd, NULL, err);
    if (rc == NARRATE_OK)
        rc = nr_outfile_commit(&out, &bytes, err);
    else
        nr_outfile_abort(&out);
    set_info(info, samples, bytes, script);
    return rc;
}

/* What a render needs before synthesis: the plan, the script, the chapters and the key. */
typedef struct {
    nr_plan plan;
    narrate_script *script;
    nr_chapters chapters;
    char key[NARRATE_KEY_LEN + 1];
} prepared;

static void prepared_free(prepared *pr)
{
    nr_chapters_free(&pr->chapters);
    narrate_script_free(pr->script);
}

/* Milliseconds of speech the script should take: its words at the voice's
** rate and its pauses.  Spelled-out numbers and symbols are words already
** (the script is normalized); phonemes count as the words they stand for. */
static uint64_t estimate_ms(const narrate_script *script, int rate_wpm)
{
    uint64_t words = 0, pauses = 0;
    for (size_t i = 0; i < narrate_script_count(script); i++) {
        const narrate_sentence *e = narrate_script_sentence(script, i);
        for (const char *p = e->spoken; *p; p++)
            words += *p != ' ' && (p == e->spoken || p[-1] == ' ');
        pauses += (uint64_t)e->pause_ms;
    }
    return words * 60000 / (uint64_t)(rate_wpm > 0 ? rate_wpm : NARRATE_RATE_MIN) + pauses;
}

/* The duration limit, before any synthesis: an article of days is no article. */
static int check_duration(const narrate_engine *e, const narrate_article *a, const prepared *pr,
                          narrate_error *err)
{
    int limit = e->limits.duration_s;
    if (limit == NARRATE_LIMIT_NONE)
        return NARRATE_OK;
    uint64_t s = estimate_ms(pr->script, pr->plan.voice.rate) / 1000;
    if (s <= (uint64_t)limit)
        return NARRATE_OK;
    const char *subject = narrate_article_title(a) ? narrate_article_title(a) : narrate_article_id(a);
    return nr_fail(err, NARRATE_ELIMIT,
                   "article would take about %llu s to speak, longer than the limit of %d s '%s'",
                   (unsigned long long)s, limit, subject ? subject : "(untitled)");
}

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
    rc = check_duration(e, a, pr, err);
    if (rc < 0)
        return rc;
    if (pr->plan.format == NARRATE_FORMAT_MP3 && !o->no_chapters) {
        if (nr_chapters_plan(&pr->chapters, pr->script, pr->plan.voice.chapter_paragraphs) < 0)
            return nr_fail(err, NARRATE_ENOMEM, "out of memory planning chapters '%zu'",
                           narrate_script_count(pr->script));
        pr->plan.chapters = pr->chapters.count ? &pr->chapters : NULL;
    }
    if (keyed)
        nr_key_compute(pr->script, a, &pr->plan, pr->key);
    return NARRATE_OK;
}

static nr_cache_meta meta_of(const narrate_article *a, const prepared *pr, uint64_t samples)
{
    return (nr_cache_meta){ narrate_article_title(a), narrate_article_author(a),
                            pr->plan.voice.name, pr->plan.format, samples };
}

static uint64_t entry_samples(const narrate_cache_entry *ce)
{
    return (uint64_t)(ce->duration_s * NR_RATE + 0.5);
}

/* A hit's marks, verified, when timings are wanted (else *fd is -1).
** NARRATE_ENOTFOUND if they were corrupt: the entry is gone. */
static int hit_marks(narrate_cache *c, const narrate_cache_entry *ce, const nr_extras *x, int *fd,
                     narrate_error *err)
{
    *fd = -1;
    return nr_extras_want_timings(x) ? nr_cache_open_marks(c, ce, fd, err) : NARRATE_OK;
}

/* Timings of a hit from its marks (fd -1: none wanted); audio_fd: its
** audio, for the timings file to name (-1: the entry's file). */
static int hit_timings(nr_extras *x, int fd, const narrate_cache_entry *ce, int audio_fd,
                       narrate_error *err)
{
    int rc = fd >= 0 ? nr_extras_replay(x, fd, err) : NARRATE_OK;
    if (fd >= 0)
        close(fd);
    int own = rc == NARRATE_OK && audio_fd < 0 && nr_extras_want_file(x);
    if (own && (audio_fd = open(ce->path, O_RDONLY | O_CLOEXEC)) < 0)
        rc = nr_fail_errno(err, NARRATE_EIO, errno, "cannot read cached audio '%s'", ce->key);
    if (rc == NARRATE_OK)
        rc = nr_extras_finish(x, entry_samples(ce), audio_fd, NULL, err);
    if (own && audio_fd >= 0)
        close(audio_fd);
    return rc;
}

/* Serve a cache hit into path.  NARRATE_ENOTFOUND on a miss (or a corrupt entry, now removed). */
static int serve_hit(narrate_cache *c, const char *key, const char *path,
                     const narrate_script *script, nr_extras *x, narrate_render_info *info,
                     narrate_error *err)
{
    narrate_cache_entry ce;
    int marks = -1;
    int rc = narrate_cache_lookup(c, key, &ce, err);
    if (rc == NARRATE_OK)
        rc = hit_marks(c, &ce, x, &marks, err);
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
    if (rc == NARRATE_OK) {
        rc = hit_timings(x, marks, &ce, out.fd, err);
        marks = -1;
    }
    if (rc == NARRATE_OK)
        rc = nr_outfile_commit(&out, &bytes, err);
    else
        nr_outfile_abort(&out);
    if (marks >= 0)
        close(marks);
    if (rc == NARRATE_OK) {
        nr_cache_touch(&ce);
        set_info(info, entry_samples(&ce), bytes, script);
    }
    return rc;
}

/* A hit is copied; a miss renders once per key (others wait on the lock) and
** the file is then copied into the cache, best effort. */
static int render_file_cached(narrate_engine *e, const narrate_article *a, const prepared *pr,
                              narrate_cache *c, const char *path, nr_extras *x,
                              narrate_render_info *info, narrate_error *err)
{
    int rc = serve_hit(c, pr->key, path, pr->script, x, info, err);
    if (rc != NARRATE_ENOTFOUND)
        return rc;
    int lock;
    if (nr_cache_lock(c, pr->key, &lock, err) < 0) /* unusable cache: render without it */
        return render_to(e, a, pr->script, &pr->plan, path, x, info, err);
    rc = serve_hit(c, pr->key, path, pr->script, x, info, err);
    if (rc == NARRATE_ENOTFOUND) {
        char *marks = nr_cache_path(c, pr->key, "marks");
        nr_extras_keep_marks(x, marks);
        rc = render_to(e, a, pr->script, &pr->plan, path, x, info, err);
        nr_cache_meta m = meta_of(a, pr, info->samples);
        if (rc == NARRATE_OK && nr_extras_commit_marks(x) == 0)
            nr_cache_insert(c, pr->key, path, &m, NULL); /* a full cache must not fail the render */
        free(marks);
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
    prepared pr = { .script = NULL, .chapters = { 0 } };
    nr_extras x;
    int rc = prepare(e, a, opts, path, opts && (opts->cache || opts->timings_path), &pr, err);
    int have_x = rc == NARRATE_OK;
    if (have_x)
        rc = nr_extras_open(&x, pr.script, opts, pr.key, err);
    if (rc == NARRATE_OK && opts && opts->cache)
        rc = render_file_cached(e, a, &pr, opts->cache, path, &x, info, err);
    else if (rc == NARRATE_OK)
        rc = render_to(e, a, pr.script, &pr.plan, path, &x, info, err);
    if (have_x)
        nr_extras_free(&x, rc < 0);
    prepared_free(&pr);
    return rc;
}

int narrate_key(narrate_engine *e, const narrate_article *a, const narrate_render_options *opts,
                char key[NARRATE_KEY_LEN + 1], narrate_error *err)
{
    prepared pr = { .script = NULL, .chapters = { 0 } };
    int rc = prepare(e, a, opts, NULL, 1, &pr, err);
    if (rc == NARRATE_OK)
        memcpy(key, pr.key, sizeof pr.key);
    prepared_free(&pr);
    return rc;
}

/* render_into_cache's success, when the entry still needs looking up. */
#define RENDERED 1

/* Render straight into the cache's file for the key, then its sidecar. */
static int render_into_cache(narrate_engine *e, const narrate_article *a, const prepared *pr,
                             narrate_cache *c, nr_extras *x, narrate_error *err)
{
    char *data = nr_cache_path(c, pr->key, nr_format_ext(pr->plan.format));
    char *marks = nr_cache_path(c, pr->key, "marks");
    if (!data || !marks) {
        free(data);
        free(marks);
        return nr_fail(err, NARRATE_ENOMEM, "out of memory caching '%s'", pr->key);
    }
    nr_extras_keep_marks(x, marks);
    narrate_render_info info;
    int rc = render_to(e, a, pr->script, &pr->plan, data, x, &info, err);
    nr_cache_meta m = meta_of(a, pr, info.samples);
    if (rc == NARRATE_OK && nr_extras_commit_marks(x) < 0)
        rc = nr_fail(err, NARRATE_EIO, "cannot write cached timings '%s'", marks);
    if (rc == NARRATE_OK)
        rc = nr_cache_insert(c, pr->key, NULL, &m, err);
    else
        nr_cache_remove(c, pr->key, pr->plan.format);
    free(data);
    free(marks);
    return rc == NARRATE_OK ? RENDERED : rc;
}

/* A hit's timings, if wanted: NARRATE_ENOTFOUND (entry removed) if its marks were corrupt. */
static int cached_timings(narrate_cache *c, const narrate_cache_entry *ce, nr_extras *x,
                          narrate_error *err)
{
    int fd;
    int rc = hit_marks(c, ce, x, &fd, err);
    return rc == NARRATE_OK ? hit_timings(x, fd, ce, -1, err) : rc;
}

/* The entry for key with its timings (if wanted), or NARRATE_ENOTFOUND. */
static int cached_hit(narrate_cache *c, const char *key, narrate_cache_entry *ce, nr_extras *x,
                      narrate_error *err)
{
    int rc = narrate_cache_lookup(c, key, ce, err);
    return rc == NARRATE_OK ? cached_timings(c, ce, x, err) : rc;
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
    prepared pr = { .script = NULL, .chapters = { 0 } };
    nr_extras x;
    int rc = prepare(e, a, opts, NULL, 1, &pr, err);
    int have_x = rc == NARRATE_OK;
    if (have_x)
        rc = nr_extras_open(&x, pr.script, opts, pr.key, err);
    if (rc == NARRATE_OK)
        rc = cached_hit(c, pr.key, ce, &x, err);
    if (rc == NARRATE_ENOTFOUND) {
        int lock;
        rc = nr_cache_lock(c, pr.key, &lock, err);
        if (rc == NARRATE_OK) {
            rc = cached_hit(c, pr.key, ce, &x, err); /* rendered while we waited? */
            if (rc == NARRATE_ENOTFOUND)
                rc = render_into_cache(e, a, &pr, c, &x, err);
            if (rc == RENDERED)
                rc = narrate_cache_lookup(c, pr.key, ce, err);
            nr_cache_unlock(lock);
        }
    }
    if (rc == NARRATE_OK)
        nr_cache_touch(ce);
    if (have_x)
        nr_extras_free(&x, rc < 0);
    prepared_free(&pr);
    return rc;
}

/* ------------------------------------------------------------------ streams */

static int stream_render(narrate_engine *e, const narrate_article *a, const prepared *pr,
                         nr_sink *sink, nr_extras *x, narrate_render_info *info, narrate_error *err)
{
    tags t;
    tags_of(a, &pr->plan, "(stream)", &t);
    uint64_t samples = 0;
    /* The timings file names the bytes the stream sent: hashed on their way. */
    XXH3_state_t *hash = NULL;
    if (nr_extras_want_file(x) && (!(hash = XXH3_createState()) || XXH3_128bits_reset(hash) != XXH_OK)) {
        XXH3_freeState(hash);
        return nr_fail(err, NARRATE_ENOMEM, "out of memory for the stream's checksum '%s'", "(stream)");
    }
    sink->hash = hash;
    int rc = produce_mp3(e, pr->script, &pr->plan, &t, sink, x, &samples, err);
    nr_audio_id id = { .bytes = sink->pos };
    if (hash) {
        XXH128_hash_t h = XXH3_128bits_digest(hash);
        snprintf(id.sum, sizeof id.sum, "%016llx%016llx", (unsigned long long)h.high64,
                 (unsigned long long)h.low64);
    }
    sink->hash = NULL;
    XXH3_freeState(hash);
    if (rc == NARRATE_OK)
        rc = nr_extras_finish(x, samples, -1, &id, err);
    set_info(info, samples, sink->pos, pr->script);
    return rc;
}

/* Stream a miss while the same bytes go to the cache's temporary file,
** which gets the final tags and becomes the entry if all went well. */
static int stream_into_cache(narrate_engine *e, const narrate_article *a, const prepared *pr,
                             narrate_cache *c, nr_sink *sink, nr_extras *x,
                             narrate_render_info *info, narrate_error *err)
{
    char *data = nr_cache_path(c, pr->key, nr_format_ext(pr->plan.format));
    char *marks = nr_cache_path(c, pr->key, "marks");
    nr_outfile out;
    int cached = data && marks && nr_outfile_open(&out, data, NULL) == NARRATE_OK;
    sink->tee = cached ? out.fd : -1;
    if (cached)
        nr_extras_keep_marks(x, marks);
    int rc = stream_render(e, a, pr, sink, x, info, err);
    int marked = cached && rc == NARRATE_OK && sink->tee >= 0 && nr_extras_commit_marks(x) == 0;
    if (marked && nr_outfile_commit(&out, NULL, NULL) == 0) {
        nr_cache_meta m = meta_of(a, pr, info->samples);
        nr_cache_insert(c, pr->key, NULL, &m, NULL); /* best effort, like any cache write */
    } else if (cached) {
        nr_outfile_abort(&out);
        if (marked) /* the marks are in place, the audio is not: no entry */
            nr_cache_remove(c, pr->key, pr->plan.format);
    }
    free(data);
    free(marks);
    return rc;
}

/* A hit streams the verified file, its timings first; NARRATE_ENOTFOUND on a miss. */
static int stream_hit(narrate_cache *c, const prepared *pr, nr_sink *sink, nr_extras *x,
                      narrate_render_info *info, narrate_error *err)
{
    narrate_cache_entry ce;
    int rc = narrate_cache_lookup(c, pr->key, &ce, err);
    if (rc == NARRATE_OK)
        rc = cached_timings(c, &ce, x, err);
    if (rc == NARRATE_OK)
        rc = nr_cache_send(c, &ce, sink->fn, sink->userdata, err);
    if (rc == NARRATE_OK) {
        nr_cache_touch(&ce);
        set_info(info, entry_samples(&ce), ce.bytes, pr->script);
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
    prepared pr = { .script = NULL, .chapters = { 0 } };
    nr_extras x;
    int rc = prepare(e, a, opts, NULL, opts && (opts->cache || opts->timings_path), &pr, err);
    if (rc == NARRATE_OK && pr.plan.format != NARRATE_FORMAT_MP3)
        rc = nr_fail(err, NARRATE_EFORMAT, "streams are MP3 only, not '%s'", nr_format_ext(pr.plan.format));
    int have_x = rc == NARRATE_OK;
    if (have_x)
        rc = nr_extras_open(&x, pr.script, opts, pr.key, err);
    nr_sink sink = { -1, write, userdata, -1, "(stream)", 0, NULL };
    narrate_cache *c = opts ? opts->cache : NULL;
    if (rc == NARRATE_OK && c) {
        rc = stream_hit(c, &pr, &sink, &x, info, err);
        int lock = -1;
        if (rc == NARRATE_ENOTFOUND && nr_cache_lock(c, pr.key, &lock, NULL) == NARRATE_OK)
            rc = stream_hit(c, &pr, &sink, &x, info, err);
        if (rc == NARRATE_ENOTFOUND)
            rc = lock >= 0 ? stream_into_cache(e, a, &pr, c, &sink, &x, info, err)
                           : stream_render(e, a, &pr, &sink, &x, info, err);
        nr_cache_unlock(lock);
    } else if (rc == NARRATE_OK) {
        rc = stream_render(e, a, &pr, &sink, &x, info, err);
    }
    if (have_x)
        nr_extras_free(&x, rc < 0);
    prepared_free(&pr);
    return rc;
}
