/* timings_file.h - sentence timings written out as WebVTT cues or JSON, streamed, atomically. */
#ifndef NR_TIMINGS_FILE_H
#define NR_TIMINGS_FILE_H

#include <stdint.h>

#include "checksum.h"
#include "narrate.h"

typedef struct nr_timings_file nr_timings_file;

/* The audio a timings file belongs to, recorded at its end: the XXH3-128
** (as the cache checksums files) and size of the audio's bytes, and the
** render's key ("" if none). */
typedef struct nr_audio_id {
    char sum[NR_SUM_HEX + 1];
    uint64_t bytes;
    char key[NARRATE_KEY_LEN + 1];
} nr_audio_id;

/* The identity of the bytes of fd, read from its start (id->key untouched).
** 0, or -1 with errno. */
int nr_audio_id_of_fd(int fd, nr_audio_id *id);

/* Start a timings file at path, WebVTT for ".vtt" and JSON for ".json"
** (NARRATE_EFORMAT otherwise), in a temporary file beside it. */
nr_timings_file *nr_timings_file_open(const char *path, narrate_error *err);

/* Append one sentence (a narrate_timing_fn with the file as userdata).  Memory
** stays bounded however long the article: the text goes out as it comes. */
int nr_timings_file_add(const narrate_sentence_timing *t, void *file);

/* Finish the file (duration_ms: the whole audio, id: its identity) and
** rename it into place, keeping the file it replaces aside until
** nr_timings_file_free. */
int nr_timings_file_commit(nr_timings_file *f, uint32_t duration_ms, const nr_audio_id *id,
                           narrate_error *err);

/* After a commit, when the audio failed after all: put back the file that
** was there before (or remove the new one if there was none). */
void nr_timings_file_undo(nr_timings_file *f);

/* Drop the file (or, after commit, the one it replaced) and free f; NULL is a no-op. */
void nr_timings_file_free(nr_timings_file *f);

#endif
