/* test_loudness.c - loudness measurement against known signals; calibrating a voice. */
#include <criterion/criterion.h>
#include <dirent.h>
#include <math.h>
#include <sndfile.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"

/* Ten seconds of a 1 kHz sine whose peak is at peak_db dBFS, in every channel. */
static char *write_sine(const char *dir, int rate, int channels, double peak_db)
{
    char *path = test_path(dir, "sine.wav");
    SF_INFO info = { .samplerate = rate, .channels = channels,
                     .format = SF_FORMAT_WAV | SF_FORMAT_PCM_16 };
    SNDFILE *sf = sf_open(path, SFM_WRITE, &info);
    cr_assert_not_null(sf, "%s", sf_strerror(NULL));
    size_t frames = (size_t)rate * 10;
    float *buf = malloc(frames * (size_t)channels * sizeof *buf);
    double amplitude = pow(10.0, peak_db / 20.0);
    for (size_t i = 0; i < frames; i++) {
        float x = (float)(amplitude * sin(2 * M_PI * 1000.0 * i / rate));
        for (int c = 0; c < channels; c++)
            buf[i * (size_t)channels + (size_t)c] = x;
    }
    cr_assert_eq(sf_writef_float(sf, buf, (sf_count_t)frames), (sf_count_t)frames);
    sf_close(sf);
    free(buf);
    return path;
}

static void expect(int rate, int channels, double peak_db, double lufs)
{
    char *dir = test_tmpdir();
    char *path = write_sine(dir, rate, channels, peak_db);
    narrate_loudness l;
    narrate_error err;
    cr_assert_eq(narrate_loudness_measure(path, &l, &err), 0, "%s", err.message);
    cr_assert_float_eq(l.integrated_lufs, lufs, 0.05, "%d Hz x%d: %.3f LUFS", rate, channels,
                       l.integrated_lufs);
    cr_assert_float_eq(l.true_peak_dbtp, peak_db, 0.05, "%.3f dBTP", l.true_peak_dbtp);
    cr_assert_float_eq(l.duration_s, 10.0, 1e-9);
    free(path);
    test_rmdir(dir);
}

/* BS.1770: a full-scale 1 kHz sine in one channel reads -3.01 LKFS (its
** power is half of full scale, and K-weighting is 0 dB at 1 kHz once its
** -0.691 offset is counted), so a sine peaking at -20 dBFS reads -23.0; two
** channels add their powers, +3 dB.  ffmpeg's ebur128 filter agrees. */
Test(loudness, sine_at_a_known_level)
{
    expect(48000, 1, -20.0, -23.01);
    expect(22050, 1, -20.0, -23.01);
    expect(48000, 2, -20.0, -20.0);
    expect(48000, 1, -6.0, -9.01);
}

Test(loudness, silence_has_no_loudness)
{
    char *dir = test_tmpdir();
    char *path = write_sine(dir, 22050, 1, -200.0);
    narrate_loudness l;
    cr_assert_eq(narrate_loudness_measure(path, &l, NULL), 0);
    cr_assert(isinf(l.integrated_lufs) && l.integrated_lufs < 0);
    free(path);
    test_rmdir(dir);
}

Test(loudness, errors_name_the_file)
{
    char *dir = test_tmpdir();
    char *missing = test_path(dir, "nope.wav");
    narrate_loudness l;
    narrate_error err;
    cr_assert_eq(narrate_loudness_measure(missing, &l, &err), NARRATE_EIO);
    cr_assert(strstr(err.message, "cannot open audio '") && strstr(err.message, missing) &&
                  strstr(err.message, "No such file or directory"),
              "%s", err.message);
    char *text = test_path(dir, "text.wav");
    FILE *f = fopen(text, "w");
    fputs("not audio at all, just some words in a file\n", f);
    fclose(f);
    cr_assert_eq(narrate_loudness_measure(text, &l, &err), NARRATE_EFORMAT);
    cr_assert(strstr(err.message, text), "%s", err.message);
    free(missing);
    free(text);
    test_rmdir(dir);
}

/* libsndfile decodes MP3 (through mpg123): a render measures like its WAV
** twin, less what LAME's quantization takes away at 64 kbps. */
Test(loudness, mp3_renders_are_measured)
{
    narrate_engine *e = test_engine(2);
    narrate_error err;
    narrate_article *a = narrate_article_read(NR_TEST_SRCDIR "/samples/short.txt", &err);
    cr_assert_not_null(a, "%s", err.message);
    char *dir = test_tmpdir();
    char *mp3 = test_path(dir, "short.mp3"), *wav = test_path(dir, "short.wav");
    /* Two renders of one text differ by a few tens of ms (espeak-ng keeps
    ** state between utterances): each file is compared with its own render. */
    narrate_render_info mi, wi;
    cr_assert_eq(narrate_render_file(e, a, NULL, mp3, &mi, &err), 0, "%s", err.message);
    cr_assert_eq(narrate_render_file(e, a, NULL, wav, &wi, &err), 0, "%s", err.message);
    narrate_loudness m, w;
    cr_assert_eq(narrate_loudness_measure(mp3, &m, &err), 0, "%s", err.message);
    cr_assert_eq(narrate_loudness_measure(wav, &w, &err), 0, "%s", err.message);
    cr_assert_float_eq(m.duration_s, mi.duration_s, 0.05, "MP3 %.3f s, rendered %.3f s",
                       m.duration_s, mi.duration_s);
    cr_assert_float_eq(w.duration_s, wi.duration_s, 0.005, "WAV %.3f s, rendered %.3f s",
                       w.duration_s, wi.duration_s);
    cr_assert_float_eq(m.integrated_lufs, w.integrated_lufs, 1.0, "%.2f vs %.2f",
                       m.integrated_lufs, w.integrated_lufs);
    free(mp3);
    free(wav);
    test_rmdir(dir);
    narrate_article_free(a);
    narrate_engine_destroy(e);
}

static int entries(const char *path)
{
    DIR *d = opendir(path);
    cr_assert_not_null(d);
    int n = 0;
    for (struct dirent *de; (de = readdir(d));)
        n += strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") != 0;
    closedir(d);
    return n;
}

/* Calibrating to a target other than the default: the found gain reaches it
** on the calibration text, and on another article within the 1 LU the text
** may cost; the temporary renders are gone. */
Test(loudness, calibrate_reaches_the_target, .timeout = 120)
{
    char *tmp = test_tmpdir();
    setenv("TMPDIR", tmp, 1);
    narrate_engine *e = test_engine(2);
    narrate_voice v;
    narrate_error err;
    cr_assert_eq(narrate_voice_find(e, "anchor", &v, &err), 0, "%s", err.message);
    v.gain_db = -7; /* ignored: calibration starts from 0 */
    v.loudness_lufs = -18;
    double gain;
    narrate_loudness before, after;
    cr_assert_eq(narrate_voice_calibrate(e, &v, &gain, &before, &after, &err), 0, "%s",
                 err.message);
    cr_assert_float_eq(after.integrated_lufs, -18.0, 0.5, "%.2f LUFS", after.integrated_lufs);
    cr_assert_lt(before.integrated_lufs, -19.0, "%.2f LUFS at gain 0", before.integrated_lufs);
    cr_assert_gt(gain, 0.5);
    cr_assert_leq(after.true_peak_dbtp, -1.0);
    cr_assert_eq(entries(tmp), 0, "calibration left files in %s", tmp);

    narrate_article *a = narrate_article_read(NR_TEST_SRCDIR "/samples/seed.txt", &err);
    cr_assert_not_null(a, "%s", err.message);
    char *mp3 = test_path(tmp, "seed.mp3");
    v.gain_db = gain;
    narrate_render_options ro = NARRATE_RENDER_OPTIONS_INIT;
    ro.voice = &v;
    cr_assert_eq(narrate_render_file(e, a, &ro, mp3, NULL, &err), 0, "%s", err.message);
    narrate_loudness l;
    cr_assert_eq(narrate_loudness_measure(mp3, &l, &err), 0, "%s", err.message);
    cr_assert_float_eq(l.integrated_lufs, -18.0, 1.0, "%.2f LUFS", l.integrated_lufs);
    cr_assert_leq(l.true_peak_dbtp, -1.0);
    free(mp3);
    narrate_article_free(a);
    narrate_engine_destroy(e);
    test_rmdir(tmp);
}

Test(loudness, calibrate_checks_its_arguments)
{
    narrate_engine *e = test_engine(1);
    narrate_voice v;
    narrate_voice_defaults(&v);
    double gain;
    narrate_error err;
    cr_assert_eq(narrate_voice_calibrate(e, NULL, &gain, NULL, NULL, &err), NARRATE_EINVAL);
    v.loudness_lufs = 3;
    cr_assert_eq(narrate_voice_calibrate(e, &v, &gain, NULL, NULL, &err), NARRATE_EVOICE);
    cr_assert(strstr(err.message, "loudness_lufs"), "%s", err.message);
    narrate_engine_destroy(e);
}
