/* stitch.c - trimming, pauses and gain between synthesized sentences. */
#include "stitch.h"

#include <math.h>
#include <stdlib.h>

#include "limiter.h"

static const int16_t zeros[2048];

void nr_stitch_init(nr_stitch *s, nr_encoder *encoder, double gain_db)
{
    s->encoder = encoder;
    s->gain = pow(10.0, gain_db / 20.0);
    s->pending_pause_ms = 0;
    s->started = 0;
    s->samples = 0;
    s->placed_start = s->placed_end = 0;
    s->placed_trim = 0;
}

static int audible(int16_t x)
{
    return abs(x) >= NR_SILENCE_LEVEL;
}

int nr_stitch_silence(nr_stitch *s, uint64_t n, narrate_error *err)
{
    while (n > 0) {
        size_t block = n < sizeof zeros / sizeof zeros[0] ? (size_t)n : sizeof zeros / sizeof zeros[0];
        int rc = nr_encoder_write(s->encoder, zeros, block, err);
        if (rc < 0)
            return rc;
        s->samples += block;
        n -= block;
    }
    return 0;
}

int nr_stitch_add(nr_stitch *s, int16_t *pcm, size_t n, int pause_ms, narrate_error *err)
{
    size_t first = 0, end = n;
    while (first < end && !audible(pcm[first]))
        first++;
    while (end > first && !audible(pcm[end - 1]))
        end--;
    s->placed_start = s->placed_end = s->samples;
    s->placed_trim = first;
    if (first == end) {
        if (pause_ms > s->pending_pause_ms)
            s->pending_pause_ms = pause_ms;
        return 0;
    }
    if (s->started) {
        int rc = nr_stitch_silence(s, (uint64_t)s->pending_pause_ms * NR_RATE / 1000, err);
        if (rc < 0)
            return rc;
    }
    s->placed_start = s->samples;
    nr_limit(pcm + first, end - first, s->gain, NR_LIMIT_CEILING_DB);
    int rc = nr_encoder_write(s->encoder, pcm + first, end - first, err);
    if (rc < 0)
        return rc;
    s->samples += end - first;
    s->placed_end = s->samples;
    s->started = 1;
    s->pending_pause_ms = pause_ms;
    return 0;
}
