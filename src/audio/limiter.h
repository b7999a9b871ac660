/* limiter.h - gain and a look-ahead true-peak limiter for one sentence's PCM (in workers). */
#ifndef NR_LIMITER_H
#define NR_LIMITER_H

#include <stddef.h>
#include <stdint.h>

/* The ceiling every render is limited to, in dBTP: the limiter looks at
** the waveform between samples too (4x interpolation, as BS.1770 meters
** do).  LAME at 64 kbps adds peaks of its own, mostly in fricatives, whose
** coding noise replaces the limited waveform.  Measured with ffmpeg on every
** shipped sample and voice at 1 to 4 jobs (48 MP3s), each voice calibrated
** to -16 LUFS, the highest MP3 true peak was -1.4 dBTP at -2.0, -1.7 at
** -2.5, -1.0 at -3.0 and -1.7 at -3.5: lower ceilings need more gain, and
** harder limiting makes LAME overshoot more.  -2.5 leaves the most margin. */
#define NR_LIMIT_CEILING_DB -2.5

/* Look-ahead (the attack) and release time constant, in milliseconds. */
#define NR_LIMIT_LOOKAHEAD_MS 5
#define NR_LIMIT_RELEASE_MS 60

/* Multiply n samples at NR_RATE by gain (linear) and hold them, and the
** waveform between them, under ceiling_db (dBFS), in place.  The gain
** reduction is smooth: it ramps down over the look-ahead before a peak and
** recovers over the release after it, so speech is not clipped.  Audio that
** stays under the ceiling anyway is untouched (exactly, at gain 1); the
** length never changes. */
void nr_limit(int16_t *pcm, size_t n, double gain, double ceiling_db);

#endif
