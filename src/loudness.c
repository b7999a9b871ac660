/* loudness.c - measuring loudness (libsndfile, libebur128) and calibrating voice profiles. */
#include <ebur128.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <sndfile.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "calibration.h"
#include "error.h"

#define BLOCK 4096 /* frames per read */

/* Feed every frame of sf to st; returns the frame count or -1. */
static sf_count_t feed(SNDFILE *sf, int channels, ebur128_state *st)
{
    float *buf = malloc(sizeof *buf * BLOCK * (size_t)channels);
    sf_count_t total = 0, got;
    if (!buf)
        return -1;
    while ((got = sf_readf_float(sf, buf, BLOCK)) > 0) {
        if (ebur128_add_frames_float(st, buf, (size_t)got) != EBUR128_SUCCESS)
            break;
        total += got;
    }
    free(buf);
    return got == 0 && sf_error(sf) == SF_ERR_NO_ERROR ? total : -1;
}

static int summarize(ebur128_state *st, int channels, double frames, double rate,
                     narrate_loudness *out)
{
    double lufs, peak = 0, p;
    if (ebur128_loudness_global(st, &lufs) != EBUR128_SUCCESS)
        return -1;
    for (int c = 0; c < channels; c++) {
        if (ebur128_true_peak(st, (unsigned)c, &p) != EBUR128_SUCCESS)
            return -1;
        if (p > peak)
            peak = p;
    }
    out->integrated_lufs = lufs; /* libebur128 gives -HUGE_VAL for silence */
    out->true_peak_dbtp = peak > 0 ? 20 * log10(peak) : -INFINITY;
    out->duration_s = frames / rate;
    return 0;
}

int narrate_loudness_measure(const char *path, narrate_loudness *out, narrate_error *err)
{
    if (!path || !out)
        return nr_fail(err, NARRATE_EINVAL, "missing audio path '%s'", "(null)");
    /* open() first, for a plain strerror rather than libsndfile's "System error". */
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return nr_fail_errno(err, NARRATE_EIO, errno, "cannot open audio '%s'", path);
    SF_INFO info = { 0 };
    SNDFILE *sf = sf_open_fd(fd, SFM_READ, &info, 1);
    if (!sf) {
        int code = sf_error(NULL) == SF_ERR_UNRECOGNISED_FORMAT ? NARRATE_EFORMAT : NARRATE_EIO;
        int rc = nr_fail(err, code, "cannot read audio (%s) '%s'", sf_strerror(NULL), path);
        close(fd);
        return rc;
    }
    ebur128_state *st = ebur128_init((unsigned)info.channels, (unsigned long)info.samplerate,
                                     EBUR128_MODE_I | EBUR128_MODE_TRUE_PEAK);
    sf_count_t frames = st ? feed(sf, info.channels, st) : -1;
    int rc = NARRATE_OK;
    if (!st)
        rc = nr_fail(err, NARRATE_EFORMAT, "cannot measure %d channels at %d Hz in '%s'",
                     info.channels, info.samplerate, path);
    else if (frames < 0 || summarize(st, info.channels, (double)frames, info.samplerate, out) < 0)
        rc = nr_fail(err, NARRATE_EIO, "cannot read audio (%s) '%s'", sf_strerror(sf), path);
    ebur128_destroy(&st);
    sf_close(sf);
    return rc;
}

/* ---------------------------------------------------------------- calibration */

#define TOLERANCE_LU 0.1
#define MAX_RENDERS 4
#define GIVE_UP_LU 1.0

typedef struct {
    narrate_engine *engine;
    narrate_article *article;
    narrate_voice voice;
    char dir[4096];
    char path[4200];
} calibration;

static int calibration_open(calibration *c, narrate_engine *e, const narrate_voice *v,
                            narrate_error *err)
{
    const char *text = nr_calibration_text(v->language);
    const char *tmp = getenv("TMPDIR");
    c->engine = e;
    c->voice = *v;
    c->dir[0] = '\0';
    c->article = narrate_article_parse(text, strlen(text), err);
    if (!c->article)
        return err ? err->code : NARRATE_EINPUT;
    snprintf(c->dir, sizeof c->dir, "%s/narrate-calibrate-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(c->dir)) {
        int rc = nr_fail_errno(err, NARRATE_EIO, errno, "cannot create directory '%s'", c->dir);
        c->dir[0] = '\0';
        return rc;
    }
    snprintf(c->path, sizeof c->path, "%s/calibration.mp3", c->dir);
    return NARRATE_OK;
}

static void calibration_close(calibration *c)
{
    if (c->dir[0]) {
        unlink(c->path);
        rmdir(c->dir);
    }
    narrate_article_free(c->article);
}

/* Render the text with the voice at gain_db and measure the result. */
static int try_gain(calibration *c, double gain_db, narrate_loudness *out, narrate_error *err)
{
    c->voice.gain_db = gain_db;
    narrate_render_options ro = NARRATE_RENDER_OPTIONS_INIT;
    ro.voice = &c->voice;
    ro.format = NARRATE_FORMAT_MP3;
    int rc = narrate_render_file(c->engine, c->article, &ro, c->path, NULL, err);
    if (rc == NARRATE_OK)
        rc = narrate_loudness_measure(c->path, out, err);
    unlink(c->path);
    if (rc == NARRATE_OK && !isfinite(out->integrated_lufs))
        rc = nr_fail(err, NARRATE_EVOICE, "no audible speech from voice '%s'", c->voice.name);
    return rc;
}

static double clamp_gain(double g)
{
    return g > NARRATE_GAIN_MAX_DB ? NARRATE_GAIN_MAX_DB
           : g < -NARRATE_GAIN_MAX_DB ? -NARRATE_GAIN_MAX_DB : g;
}

/* The next gain to try: a Newton step on the loudness-by-gain curve.  The
** first step assumes 1 LU per dB.  The limiter flattens the curve as the
** gain grows, so later steps take the slope at the last gain from the last
** two or three renders (a parabola through three bends with the curve,
** where a secant would undershoot every time), bounded so that one noisy
** step cannot fling the gain. */
static double next_gain(double target, const double *g, const double *lufs, int k)
{
    double slope = 1.0;
    if (k >= 1 && g[k] != g[k - 1])
        slope = (lufs[k] - lufs[k - 1]) / (g[k] - g[k - 1]);
    if (k >= 2 && g[k] != g[k - 2] && g[k - 1] != g[k - 2]) {
        double older = (lufs[k - 1] - lufs[k - 2]) / (g[k - 1] - g[k - 2]);
        slope += (slope - older) / (g[k] - g[k - 2]) * (g[k] - g[k - 1]);
    }
    slope = slope < 0.1 ? 0.1 : slope > 1.5 ? 1.5 : slope;
    return clamp_gain(g[k] + (target - lufs[k]) / slope);
}

static int search(calibration *c, double target, double *gain_db, narrate_loudness *before,
                  narrate_loudness *after, narrate_error *err)
{
    double g[MAX_RENDERS], lufs[MAX_RENDERS];
    narrate_loudness m[MAX_RENDERS];
    int best = 0, k = 0, rc = try_gain(c, 0.0, &m[0], err);
    g[0] = 0.0;
    lufs[0] = rc == NARRATE_OK ? m[0].integrated_lufs : target;
    while (rc == NARRATE_OK && fabs(target - lufs[best]) > TOLERANCE_LU && k + 1 < MAX_RENDERS) {
        double next = next_gain(target, g, lufs, k);
        if (next == g[k])
            break; /* pinned at the gain limit */
        k++;
        g[k] = next;
        rc = try_gain(c, g[k], &m[k], err);
        if (rc != NARRATE_OK)
            break;
        lufs[k] = m[k].integrated_lufs;
        if (fabs(target - lufs[k]) < fabs(target - lufs[best]))
            best = k;
    }
    if (rc != NARRATE_OK)
        return rc;
    if (fabs(target - lufs[best]) > GIVE_UP_LU)
        return nr_fail(err, NARRATE_EVOICE,
                       "%.1f LUFS out of reach (%.1f LUFS at %+.2f dB) for voice '%s'", target,
                       lufs[best], g[best], c->voice.name);
    *gain_db = g[best];
    if (before)
        *before = m[0];
    if (after)
        *after = m[best];
    return NARRATE_OK;
}

int narrate_voice_calibrate(narrate_engine *e, const narrate_voice *v, double *gain_db,
                            narrate_loudness *before, narrate_loudness *after, narrate_error *err)
{
    if (!e || !v || !gain_db)
        return nr_fail(err, NARRATE_EINVAL, "missing argument to '%s'", "narrate_voice_calibrate");
    int rc = narrate_voice_validate(v, err);
    if (rc < 0)
        return rc;
    calibration c;
    rc = calibration_open(&c, e, v, err);
    if (rc == NARRATE_OK)
        rc = search(&c, v->loudness_lufs, gain_db, before, after, err);
    calibration_close(&c);
    return rc;
}
