/* timings_file.h - sentence timings written out as WebVTT cues or JSON, streamed, atomically. */
#ifndef NR_TIMINGS_FILE_H
#define NR_TIMINGS_FILE_H

#include <stdint.h>

#include "narrate.h"

typedef struct nr_timings_file nr_timings_file;

/* Start a timings file at path, WebVTT for ".vtt" and JSON for ".json"
** (NARRATE_EFORMAT otherwise), in a temporary file beside it. */
nr_timings_file *nr_timings_file_open(const char *path, narrate_error *err);

/* Append one sentence (a narrate_timing_fn with the file as userdata).  Memory
** stays bounded however long the article: the text goes out as it comes. */
int nr_timings_file_add(const narrate_sentence_timing *t, void *file);

/* Finish the file (duration_ms: the whole audio) and rename it into place. */
int nr_timings_file_commit(nr_timings_file *f, uint32_t duration_ms, narrate_error *err);

/* Drop the file and free f (also after commit); NULL is a no-op. */
void nr_timings_file_free(nr_timings_file *f);

#endif
