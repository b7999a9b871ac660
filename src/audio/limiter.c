/* limiter.c - gain and a look-ahead true-peak limiter: loud speech without clipped peaks. */
#include "limiter.h"

#include <math.h>

#include "encoder.h"

#define LOOKAHEAD ((NR_RATE * NR_LIMIT_LOOKAHEAD_MS + 999) / 1000)
#define RING 128 /* a power of two above LOOKAHEAD, for the deque */
#define TAPS 12  /* per phase of the 4x interpolator, as in BS.1770's true-peak meter */
#define MID (TAPS / 2 - 1)

_Static_assert(LOOKAHEAD < RING, "the look-ahead must fit the deque");
_Static_assert(LOOKAHEAD > TAPS, "the interpolator must read only samples not yet written");

/*
** The gain at sample i is the mean of r over the LOOKAHEAD samples up to i,
** where r[j] is at most the gain that every sample in j..j+LOOKAHEAD-1 needs.
** Each of those windows contains i, so the mean never exceeds what sample i
** needs: peaks are caught without clipping, and the mean makes the attack a
** ramp instead of a step.  r itself falls at once and recovers exponentially
** (the release), so the gain does not flutter between syllables.
*/
typedef struct {
    /* Sliding minimum of the needed gain over the window ahead: indices
    ** with increasing needs (a monotonic deque). */
    long at[RING];
    double need[RING];
    unsigned head, tail;
    /* The last LOOKAHEAD values of r, the oldest at r[oldest], and their sum. */
    double r[LOOKAHEAD];
    unsigned oldest;
    double sum;
    double last_r, release;
    /* The interpolator and the most it can amplify (the sum of its |taps|). */
    float h[3][TAPS];
    float bound;
} limiter;

/* Phases 1/4, 2/4 and 3/4 of a 4x interpolator: Hann-windowed sinc over
** the samples k-5..k+6 around the points between k and k+1. */
static void interpolator(limiter *l)
{
    l->bound = 0;
    for (int p = 0; p < 3; p++) {
        float sum = 0;
        for (int j = 0; j < TAPS; j++) {
            double d = (p + 1) / 4.0 - (j - MID);
            double hann = 0.5 + 0.5 * cos(M_PI * d / (MID + 1));
            l->h[p][j] = (float)(sin(M_PI * d) / (M_PI * d) * hann);
            sum += fabsf(l->h[p][j]);
        }
        l->bound = sum > l->bound ? sum : l->bound;
    }
}

/* The gain sample k needs so that neither it nor the waveform between it
** and the next sample rises above the ceiling: decoders reconstruct those
** in-between peaks, which on limited speech stand up to 0.6 dB above the
** samples.  Most windows are too quiet to need the interpolation at all. */
static double needed(const limiter *l, const int16_t *pcm, long n, long k, double gain,
                     double ceiling)
{
    float x[TAPS], most = 0;
    long first = k - MID;
    for (int j = 0; j < TAPS; j++) {
        x[j] = first + j >= 0 && first + j < n ? pcm[first + j] : 0;
        most = fabsf(x[j]) > most ? fabsf(x[j]) : most;
    }
    if (most * l->bound * gain <= ceiling)
        return 1.0;
    float peak = fabsf(x[MID]);
    for (int p = 0; p < 3; p++) {
        float y = 0;
        for (int j = 0; j < TAPS; j++)
            y += l->h[p][j] * x[j];
        peak = fabsf(y) > peak ? fabsf(y) : peak;
    }
    double top = peak * gain;
    return top > ceiling ? ceiling / top : 1.0;
}

static void look_at(limiter *l, long k, double need)
{
    while (l->head != l->tail && l->need[(l->tail - 1) % RING] >= need)
        l->tail--;
    l->at[l->tail % RING] = k;
    l->need[l->tail % RING] = need;
    l->tail++;
}

/* The gain for sample i, once sample i + LOOKAHEAD - 1 has been looked at. */
static double gain_at(limiter *l, long i)
{
    while (l->at[l->head % RING] < i)
        l->head++;
    double r = l->last_r + (1.0 - l->last_r) * l->release;
    if (r > 1.0 - 1e-9) /* recovered: keep the gain exactly 1 */
        r = 1.0;
    if (l->need[l->head % RING] < r)
        r = l->need[l->head % RING];
    l->last_r = r;
    l->sum += r - l->r[l->oldest];
    l->r[l->oldest] = r;
    l->oldest = (l->oldest + 1) % LOOKAHEAD;
    return l->sum >= LOOKAHEAD ? 1.0 : l->sum / LOOKAHEAD;
}

void nr_limit(int16_t *pcm, size_t len, double gain, double ceiling_db)
{
    /* A whole number, so that rounding cannot take a sample over it. */
    double ceiling = floor(32768.0 * pow(10.0, ceiling_db / 20.0));
    if (ceiling > 32767.0)
        ceiling = 32767.0;
    limiter l = { .head = 0, .tail = 0, .oldest = 0, .sum = LOOKAHEAD, .last_r = 1.0,
                  .release = 1.0 - exp(-1000.0 / (NR_LIMIT_RELEASE_MS * (double)NR_RATE)) };
    for (int k = 0; k < LOOKAHEAD; k++)
        l.r[k] = 1.0;
    interpolator(&l);
    long n = (long)len;
    /* Start LOOKAHEAD - 1 samples early, on silence, so that the gain can
    ** already be down when a sentence opens on a peak. */
    for (long i = -(LOOKAHEAD - 1); i < n; i++) {
        long ahead = i + LOOKAHEAD - 1;
        look_at(&l, ahead, needed(&l, pcm, n, ahead, gain, ceiling));
        double g = gain_at(&l, i);
        if (i < 0)
            continue;
        double y = pcm[i] * gain * g;
        /* Rounding error in the running sum may not push a sample over. */
        y = y > ceiling ? ceiling : y < -ceiling ? -ceiling : y;
        pcm[i] = (int16_t)lrint(y);
    }
}
