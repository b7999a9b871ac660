/* marks.h - the cache's copy of a render's marks, from which a hit gives timings without synthesis. */
#ifndef NR_MARKS_H
#define NR_MARKS_H

#include "narrate.h"
#include "proto.h" /* nr_mark */
#include "sink.h"

/* Start a marks file in s (empty: a file, hashed as it is written).  0, or -1. */
int nr_marks_begin(nr_sink *s);

/* Append one mark.  0, or -1. */
int nr_marks_write(nr_sink *s, const nr_mark *m);

/* Read a marks file from fd's current offset and pass each mark to fn, in
** order; fn's error ends the replay.  A malformed file (one that does not
** fit script_count entries) fails with NARRATE_EIO. */
int nr_marks_replay(int fd, size_t script_count,
                    int (*fn)(void *userdata, const nr_mark *m, narrate_error *err), void *userdata,
                    narrate_error *err);

#endif
