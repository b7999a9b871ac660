/* stitch.h - joining sentence audio: trim the synthesizer's silence, add designed pauses, gain. */
#ifndef NR_STITCH_H
#define NR_STITCH_H

#include <stdint.h>

#include "encoder.h"

/* Samples quieter than this (about -54 dBFS) count as silence when trimming. */
#define NR_SILENCE_LEVEL 64

typedef struct nr_stitch {
    nr_encoder *encoder;
    double gain;          /* linear */
    int pending_pause_ms; /* silence owed before the next speech */
    int started;          /* any speech written yet */
    uint64_t samples;     /* written so far */
    /* Where the last nr_stitch_add put its sentence: the speech is samples
    ** [placed_start, placed_end) of the output (equal when nothing was
    ** audible), after cutting placed_trim leading samples of silence. */
    uint64_t placed_start, placed_end;
    size_t placed_trim;
} nr_stitch;

void nr_stitch_init(nr_stitch *s, nr_encoder *encoder, double gain_db);

/* Add one sentence's PCM (modified in place), followed by pause_ms of
** silence once more speech follows.  A sentence with no audible sample adds
** nothing but still owes its pause. */
int nr_stitch_add(nr_stitch *s, int16_t *pcm, size_t n, int pause_ms, narrate_error *err);

/* Append n samples of silence now. */
int nr_stitch_silence(nr_stitch *s, uint64_t n, narrate_error *err);

#endif
