/* produce.c - the audio of a render: the schedule's ordered output through the MP3 joiner or an encoder. */
#include "produce.h"

#include <stdio.h>
#include <string.h>

#include "chapters.h"
#include "encoder.h"
#include "engine.h"
#include "error.h"
#include "mp3join.h"
#include "schedule.h"
#include "text.h"

/* Longest title or author carried into tags, in bytes. */
#define META_MAX 1000

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

int nr_produce(narrate_engine *e, const narrate_article *a, const nr_prepared *pr, nr_sink *sink,
               nr_extras *x, uint64_t *samples, narrate_error *err)
{
    tags t;
    tags_of(a, &pr->plan, sink->name, &t);
    *samples = 0;
    if (pr->plan.format != NARRATE_FORMAT_MP3)
        return produce_pcm(e, pr->script, &pr->plan, &t, sink->fd, x, samples, err);
    return produce_mp3(e, pr->script, &pr->plan, &t, sink, x, samples, err);
}
