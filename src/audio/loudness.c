/* loudness.c - measuring loudness (libsndfile, loaded on first use by sndload.c; libebur128). */
#include <ebur128.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "error.h"
#include "sndload.h"

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
    int rc = nr_snd_load(err);
    if (rc < 0)
        return rc;
    /* open() first, for a plain strerror rather than libsndfile's "System error". */
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return nr_fail_errno(err, NARRATE_EIO, errno, "cannot open audio '%s'", path);
    SF_INFO info = { 0 };
    SNDFILE *sf = sf_open_fd(fd, SFM_READ, &info, 1);
    if (!sf) {
        int code = sf_error(NULL) == SF_ERR_UNRECOGNISED_FORMAT ? NARRATE_EFORMAT : NARRATE_EIO;
        rc = nr_fail(err, code, "cannot read audio (%s) '%s'", sf_strerror(NULL), path);
        close(fd);
        return rc;
    }
    ebur128_state *st = ebur128_init((unsigned)info.channels, (unsigned long)info.samplerate,
                                     EBUR128_MODE_I | EBUR128_MODE_TRUE_PEAK);
    sf_count_t frames = st ? feed(sf, info.channels, st) : -1;
    rc = NARRATE_OK;
    if (!st)
        rc = nr_fail(err, NARRATE_EFORMAT, "cannot measure %d channels at %d Hz in '%s'",
                     info.channels, info.samplerate, path);
    else if (frames < 0 || summarize(st, info.channels, (double)frames, info.samplerate, out) < 0)
        rc = nr_fail(err, NARRATE_EIO, "cannot read audio (%s) '%s'", sf_strerror(sf), path);
    ebur128_destroy(&st);
    sf_close(sf);
    return rc;
}
