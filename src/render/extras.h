/* extras.h - what a render delivers besides the audio: timings, their cache copy, chapters. */
#ifndef NR_EXTRAS_H
#define NR_EXTRAS_H

#include "narrate.h"
#include "outfile.h"
#include "proto.h" /* nr_mark */
#include "sink.h"
#include "timeline.h"
#include "timings_file.h"

typedef struct nr_extras {
    nr_timeline timeline;
    nr_timings_file *file;   /* options' timings_path, or NULL */
    int file_done;           /* committed: undone if the audio fails after all */
    nr_outfile marks;        /* the cache's copy of the marks; fd -1 when none */
    nr_sink marks_out;       /* into marks, hashed as written */
    int marks_failed;
    char key[NARRATE_KEY_LEN + 1]; /* the render's, for the timings file; "" if none */
} nr_extras;

/* Set up what opts asks for (timings callback and file); key: the render's
** (may be NULL). */
int nr_extras_open(nr_extras *x, const narrate_script *script, const narrate_render_options *opts,
                   const char *key, narrate_error *err);

/* Whether a timings file is wanted (and so the audio's identity). */
int nr_extras_want_file(const nr_extras *x);

/* Whether anyone wants sentence timings. */
int nr_extras_want_timings(const nr_extras *x);

/* Also keep the marks in a new file at path (the cache's), best effort. */
void nr_extras_keep_marks(nr_extras *x, const char *path);

/* One mark from the render, in order. */
int nr_extras_mark(nr_extras *x, const nr_mark *m, narrate_error *err);

/* Timings from a cache entry's marks file (open at its start) instead of a render. */
int nr_extras_replay(nr_extras *x, int marks_fd, narrate_error *err);

/* The audio is complete (samples long): send the last timing and commit
** the timings file, which names the audio: id when known, else the bytes
** of audio_fd (from its start). */
int nr_extras_finish(nr_extras *x, uint64_t samples, int audio_fd, const nr_audio_id *id,
                     narrate_error *err);

/* Rename the marks into place; 0 and their sum, or -1 if they were not kept whole. */
int nr_extras_commit_marks(nr_extras *x, nr_sum *sum);

/* Free; with failed set, also undo a timings file already committed (its
** audio did not follow): the previous file is back, or none if there was none. */
void nr_extras_free(nr_extras *x, int failed);

#endif
