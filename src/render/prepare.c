/* prepare.c - a render's plan: format, bitrate, voice, workers, deadline, script, chapters, key. */
#include "prepare.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "engine.h"
#include "encoder.h"
#include "error.h"
#include "key.h"

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
                       narrate_format_extension(p->format), strrchr(path, '.'), path);
    p->bitrate = o->bitrate_kbps ? o->bitrate_kbps : NARRATE_BITRATE_DEFAULT;
    p->cancelled = o->cancelled;
    p->cancel_userdata = o->cancel_userdata;
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

void narrate_render_options_init(narrate_render_options *opts)
{
    if (opts)
        *opts = (narrate_render_options)NARRATE_RENDER_OPTIONS_INIT;
}

void nr_prepared_free(nr_prepared *pr)
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
static int check_duration(const narrate_engine *e, const narrate_article *a, const nr_prepared *pr,
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

int nr_prepare(narrate_engine *e, const narrate_article *a, const narrate_render_options *o,
               const char *path, int keyed, nr_prepared *pr, narrate_error *err)
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
    if (keyed && nr_key_compute(pr->script, a, &pr->plan, pr->key) < 0)
        return nr_fail(err, NARRATE_ENOMEM, "out of memory computing the cache key '%s'", "SHA-256");
    return NARRATE_OK;
}

int narrate_key(narrate_engine *e, const narrate_article *a, const narrate_render_options *opts,
                char key[NARRATE_KEY_LEN + 1], narrate_error *err)
{
    nr_prepared pr = { .script = NULL, .chapters = { 0 } };
    int rc = nr_prepare(e, a, opts, NULL, 1, &pr, err);
    if (rc == NARRATE_OK)
        memcpy(key, pr.key, sizeof pr.key);
    nr_prepared_free(&pr);
    return rc;
}
