/* schedule.h - rendering a script as pieces across several workers, delivered in order. */
#ifndef NR_SCHEDULE_H
#define NR_SCHEDULE_H

#include <stdint.h>

#include "key.h"
#include "pool.h"
#include "proto.h"

/* Where the ordered output of the pieces goes. */
typedef struct nr_consumer {
    int (*data)(void *userdata, const void *buf, size_t n, narrate_error *err);
    void (*piece_done)(void *userdata, const nr_piece_done *done, const void *tag);
    void *userdata;
} nr_consumer;

/* Synthesize (and for MP3 encode) the script with up to jobs workers from
** pool.  *samples gets the length of the audio as designed. */
int nr_schedule(nr_pool *pool, const narrate_script *script, const nr_plan *plan, int jobs,
                const nr_consumer *consumer, uint64_t *samples, narrate_error *err);

#endif
