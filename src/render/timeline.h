/* timeline.h - sentence and word timings made from the workers' marks. */
#ifndef NR_TIMELINE_H
#define NR_TIMELINE_H

#include "align.h"
#include "encoder.h" /* NR_RATE, nr_samples_ms */
#include "narrate.h"
#include "proto.h" /* nr_mark */

#define NR_TIMELINE_SINKS 2

typedef struct nr_timeline {
    const narrate_script *script;
    narrate_timing_fn sink[NR_TIMELINE_SINKS];
    void *sink_data[NR_TIMELINE_SINKS];
    int nsinks;
    size_t index;                  /* timings given so far */
    /* The sentence being gathered (one or more script entries, one source). */
    const narrate_sentence *cur;
    uint64_t start, end;
    nr_text *spoken;               /* its words as spoken */
    uint64_t *times;               /* start, end of each */
    size_t n, cap;
    nr_span *spans;
    narrate_word_timing *words;
    /* A place in a paragraph in both bytes and characters, to count on from. */
    const char *cblock;
    size_t cbyte, cchar;
} nr_timeline;

void nr_timeline_init(nr_timeline *t, const narrate_script *script);

/* Send the timings to fn too (at most NR_TIMELINE_SINKS). */
void nr_timeline_add_sink(nr_timeline *t, narrate_timing_fn fn, void *userdata);

/* Take the next mark, in script order; a sentence goes out when the next
** one starts.  A sink's refusal fails with NARRATE_EIO. */
int nr_timeline_mark(nr_timeline *t, const nr_mark *m, narrate_error *err);

/* Send out the last sentence. */
int nr_timeline_flush(nr_timeline *t, narrate_error *err);

void nr_timeline_free(nr_timeline *t);

#endif
