/* sndfile.c - WAV, FLAC and Ogg Opus through libsndfile; Opus resampled to 48 kHz by libsoxr (both loaded by sndload.c). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "encoder.h"
#include "error.h"
#include "sndload.h"

#define OPUS_RATE 48000
#define BLOCK 4096

typedef struct {
    const nr_encoder_ops *ops;
    SNDFILE *sf;
    soxr_t soxr;                                  /* NULL unless resampling */
    const char *path;
    int16_t out[BLOCK * OPUS_RATE / NR_RATE + 64]; /* resampler output */
} sf_encoder;

static int sf_failed(sf_encoder *s, narrate_error *err)
{
    return nr_fail(err, NARRATE_EIO, "cannot write output '%s': %s", s->path, sf_strerror(s->sf));
}

static int put(sf_encoder *s, const int16_t *pcm, size_t n, narrate_error *err)
{
    if (sf_write_short(s->sf, pcm, (sf_count_t)n) != (sf_count_t)n)
        return sf_failed(s, err);
    return NARRATE_OK;
}

/* Push n samples (pcm NULL: flush) through the resampler into the file. */
static int resample(sf_encoder *s, const int16_t *pcm, size_t n, narrate_error *err)
{
    size_t odone;
    do {
        size_t idone = 0;
        soxr_error_t e = soxr_process(s->soxr, pcm, n, &idone, s->out,
                                      sizeof s->out / sizeof s->out[0], &odone);
        if (e)
            return nr_fail(err, NARRATE_EENCODE, "resampler failed '%s'", e);
        int rc = put(s, s->out, odone, err);
        if (rc < 0)
            return rc;
        if (pcm) {
            pcm += idone;
            n -= idone;
        }
    } while (pcm ? n > 0 : odone > 0);
    return NARRATE_OK;
}

static int sf_enc_write(nr_encoder *e, const int16_t *pcm, size_t n, narrate_error *err)
{
    sf_encoder *s = (sf_encoder *)e;
    while (n > 0) {
        size_t block = n < BLOCK ? n : BLOCK;
        int rc = s->soxr ? resample(s, pcm, block, err) : put(s, pcm, block, err);
        if (rc < 0)
            return rc;
        pcm += block;
        n -= block;
    }
    return NARRATE_OK;
}

static int sf_enc_finish(nr_encoder *e, narrate_error *err)
{
    sf_encoder *s = (sf_encoder *)e;
    int rc = s->soxr ? resample(s, NULL, 0, err) : NARRATE_OK;
    if (rc < 0)
        return rc;
    SNDFILE *sf = s->sf;
    s->sf = NULL;
    if (sf_close(sf) != 0)
        return nr_fail(err, NARRATE_EIO, "cannot write output '%s': %s", s->path, sf_strerror(NULL));
    return NARRATE_OK;
}

static void sf_enc_free(nr_encoder *e)
{
    sf_encoder *s = (sf_encoder *)e;
    if (s->sf)
        sf_close(s->sf);
    if (s->soxr)
        soxr_delete(s->soxr);
    free(s);
}

static const nr_encoder_ops sf_ops = { sf_enc_write, sf_enc_finish, sf_enc_free };

static int sf_format_of(narrate_format format)
{
    switch (format) {
    case NARRATE_FORMAT_WAV:  return SF_FORMAT_WAV | SF_FORMAT_PCM_16;
    case NARRATE_FORMAT_FLAC: return SF_FORMAT_FLAC | SF_FORMAT_PCM_16;
    default:                  return SF_FORMAT_OGG | SF_FORMAT_OPUS;
    }
}

static soxr_t make_resampler(narrate_error *err)
{
    soxr_error_t e = NULL;
    soxr_io_spec_t io = soxr_io_spec(SOXR_INT16_I, SOXR_INT16_I);
    soxr_quality_spec_t q = soxr_quality_spec(SOXR_HQ, 0);
    soxr_t r = soxr_create(NR_RATE, OPUS_RATE, 1, &e, &io, &q, NULL);
    if (!r)
        nr_fail(err, NARRATE_EENCODE, "cannot create resampler '%s'", e ? e : "soxr");
    return r;
}

nr_encoder *nr_sndfile_open(narrate_format format, int fd, const nr_meta *meta, narrate_error *err)
{
    if (nr_snd_load(err) < 0)
        return NULL;
    sf_encoder *s = calloc(1, sizeof *s);
    if (!s) {
        nr_fail(err, NARRATE_ENOMEM, "out of memory starting encoder '%s'", "libsndfile");
        return NULL;
    }
    s->ops = &sf_ops;
    s->path = meta->path;
    int opus = format == NARRATE_FORMAT_OPUS;
    SF_INFO info = { .samplerate = opus ? OPUS_RATE : NR_RATE, .channels = 1,
                     .format = sf_format_of(format) };
    if (opus && !(s->soxr = make_resampler(err))) {
        sf_enc_free((nr_encoder *)s);
        return NULL;
    }
    s->sf = sf_open_fd(fd, SFM_WRITE, &info, 0);
    if (!s->sf) {
        nr_fail(err, NARRATE_EENCODE, "libsndfile cannot write this format '%s'", sf_strerror(NULL));
        sf_enc_free((nr_encoder *)s);
        return NULL;
    }
    if (meta->title)
        sf_set_string(s->sf, SF_STR_TITLE, meta->title);
    if (meta->artist)
        sf_set_string(s->sf, SF_STR_ARTIST, meta->artist);
    return (nr_encoder *)s;
}
