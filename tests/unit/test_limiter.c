/* test_limiter.c - the workers' peak limiter: under its ceiling, quiet input untouched, length kept. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "limiter.h"

#define RATE 22050
#define GUARD 64       /* sentinel samples after the sentence */
#define SENTINEL 12345

static double ceiling_of(double db)
{
    return floor(32768.0 * pow(10.0, db / 20.0));
}

/* n samples of a sine (phase in radians), followed by GUARD sentinels. */
static int16_t *sine(size_t n, double hz, double amplitude, double phase)
{
    int16_t *pcm = malloc((n + GUARD) * sizeof *pcm);
    for (size_t i = 0; i < n; i++)
        pcm[i] = (int16_t)lrint(amplitude * sin(2 * M_PI * hz * i / RATE + phase));
    for (size_t i = n; i < n + GUARD; i++)
        pcm[i] = SENTINEL;
    return pcm;
}

static void assert_sentinels(const int16_t *pcm, size_t n)
{
    for (size_t i = n; i < n + GUARD; i++)
        cr_assert_eq(pcm[i], SENTINEL, "sample %zu past the end was written", i - n);
}

static int peak(const int16_t *pcm, size_t from, size_t to)
{
    int most = 0;
    for (size_t i = from; i < to; i++)
        most = abs(pcm[i]) > most ? abs(pcm[i]) : most;
    return most;
}

Test(limiter, quiet_input_is_untouched)
{
    size_t n = RATE;
    int16_t *pcm = sine(n, 440, ceiling_of(-8.0), 0);
    int16_t *copy = malloc(n * sizeof *copy);
    memcpy(copy, pcm, n * sizeof *copy);
    nr_limit(pcm, n, 1.0, -2.5);
    cr_assert_eq(memcmp(pcm, copy, n * sizeof *pcm), 0);
    assert_sentinels(pcm, n);
    free(copy);
    free(pcm);
}

Test(limiter, gain_below_the_ceiling_is_exact)
{
    size_t n = RATE / 2;
    int16_t *pcm = sine(n, 300, 4000, 0.3);
    int16_t *copy = malloc(n * sizeof *copy);
    memcpy(copy, pcm, n * sizeof *copy);
    nr_limit(pcm, n, 2.0, -2.5);
    for (size_t i = 0; i < n; i++)
        cr_assert_eq(pcm[i], 2 * copy[i], "sample %zu", i);
    assert_sentinels(pcm, n);
    free(copy);
    free(pcm);
}

Test(limiter, every_sample_stays_under_the_ceiling)
{
    size_t n = 2 * RATE;
    double ceiling = ceiling_of(-2.5);
    for (double gain = 1.0; gain <= 16.0; gain *= 2) {
        int16_t *pcm = sine(n, 1000, 32767, 0);
        srand(7);
        for (size_t i = n / 2; i < n; i++) /* then full-scale noise */
            pcm[i] = (int16_t)(rand() % 65535 - 32767);
        nr_limit(pcm, n, gain, -2.5);
        cr_assert_leq(peak(pcm, 0, n), ceiling, "gain %g", gain);
        assert_sentinels(pcm, n);
        free(pcm);
    }
}

/* A limiter turns the level down; a clipper would flatten the tops. */
Test(limiter, peaks_are_turned_down_not_clipped)
{
    size_t n = RATE;
    double ceiling = ceiling_of(-2.5);
    int16_t *pcm = sine(n, 200, 32767, 0);
    nr_limit(pcm, n, 1.0, -2.5);
    size_t at_ceiling = 0;
    for (size_t i = RATE / 10; i < n; i++)
        at_ceiling += abs(pcm[i]) >= ceiling;
    cr_assert_lt(at_ceiling, n / 100, "%zu samples at the ceiling", at_ceiling);
    /* ...and not further down than it must. */
    cr_assert_geq(peak(pcm, RATE / 10, n), ceiling * 0.95);
    free(pcm);
}

Test(limiter, a_sentence_opening_on_a_peak_is_caught)
{
    size_t n = RATE / 10;
    int16_t *pcm = sine(n, 100, 2000, 0);
    pcm[0] = 32767;
    pcm[1] = -32768;
    nr_limit(pcm, n, 1.0, -2.5);
    cr_assert_leq(peak(pcm, 0, n), ceiling_of(-2.5));
    free(pcm);
}

/* A quarter-rate sine sampled 45 degrees off its crests: every sample is at
** 0.707 of the peak, which the reconstructed waveform still reaches. */
Test(limiter, peaks_between_samples_count)
{
    size_t n = RATE / 2;
    double ceiling = ceiling_of(-2.5);
    int16_t *pcm = sine(n, RATE / 4.0, 32000, M_PI / 4);
    cr_assert_lt(peak(pcm, 0, n), ceiling); /* no sample over it */
    nr_limit(pcm, n, 1.0, -2.5);
    cr_assert_leq(peak(pcm, RATE / 10, n), ceiling * M_SQRT1_2 * 1.03);
    free(pcm);
}
