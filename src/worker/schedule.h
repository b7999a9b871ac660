/* schedule.h - rendering a script as pieces across several workers, delivered in order. */
#ifndef NR_SCHEDULE_H
#define NR_SCHEDULE_H

#include <stdint.h>

#include "deadline.h"
#include "pool.h"
#include "proto.h"

/* What a render will produce, settled before any synthesis (prepare.c):
** what the schedule needs to have it synthesized, and what the key hashes. */
typedef struct nr_plan {
    narrate_format format;
    int bitrate;
    narrate_voice voice;
    int jobs;             /* workers; not audible, so not in the key */
    struct nr_chapters *chapters; /* MP3 chapters to write (times set by the render), or NULL */
    nr_deadline deadline; /* of the whole render; not audible either */
    int listener;         /* a stream: someone plays it as it comes (see pool.h's wishes) */
    int (*cancelled)(void *userdata); /* narrate_render_options': NULL, or asked in every wait */
    void *cancel_userdata;
} nr_plan;

/* Where the ordered output of the pieces goes.  mark (may be NULL) gets
** each audible entry, in script order, interleaved with the data. */
typedef struct nr_consumer {
    int (*data)(void *userdata, const void *buf, size_t n, narrate_error *err);
    void (*piece_done)(void *userdata, const nr_piece_done *done, const void *tag);
    int (*mark)(void *userdata, const nr_mark *mark, narrate_error *err);
    void *userdata;
} nr_consumer;

/* Synthesize (and for MP3 encode) the script with up to jobs workers from
** pool.  *samples gets the length of the audio as designed. */
int nr_schedule(nr_pool *pool, const narrate_script *script, const nr_plan *plan, int jobs,
                const nr_consumer *consumer, uint64_t *samples, narrate_error *err);

#endif
