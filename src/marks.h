/* marks.h - the cache's copy of a render's marks, from which a hit gives timings without synthesis. */
#ifndef NR_MARKS_H
#define NR_MARKS_H

#include "narrate.h"
#include "schedule.h"

/* Start a marks file on fd (empty, at offset 0).  0, or -1 with errno. */
int nr_marks_begin(int fd);

/* Append one mark.  0, or -1 with errno. */
int nr_marks_write(int fd, const nr_mark *m);

/* Read a marks file from fd's current offset and pass each mark to fn, in
** order; fn's error ends the replay.  A malformed file (one that does not
** fit script_count entries) fails with NARRATE_EIO. */
int nr_marks_replay(int fd, size_t script_count,
                    int (*fn)(void *userdata, const nr_mark *m, narrate_error *err), void *userdata,
                    narrate_error *err);

#endif
