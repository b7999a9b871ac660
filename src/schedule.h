/* schedule.h - rendering a script as pieces across several workers, delivered in order. */
#ifndef NR_SCHEDULE_H
#define NR_SCHEDULE_H

#include <stdint.h>

#include "key.h"
#include "pool.h"
#include "proto.h"

/* Where one script entry's speech is in the output as a player plays it:
** samples from the start, MP3 encoder delay and padding accounted for. */
typedef struct nr_mark {
    size_t sentence;            /* script index */
    uint64_t start, end;
    const nr_mark_word *words;  /* positions in the entry's spoken text, times as above */
    uint32_t nwords;
} nr_mark;

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
