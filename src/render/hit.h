/* hit.h - the hit path: whole audio (a cache entry, or a miss just made) delivered with its timings. */
#ifndef NR_HIT_H
#define NR_HIT_H

#include <stdint.h>

#include "cache.h"
#include "extras.h"
#include "narrate.h"

/* Audio ready to deliver. */
typedef struct nr_audio {
    narrate_cache_entry ce; /* ce.path "" when the audio is in no entry (a miss whose entry failed) */
    int fd;                 /* open on the audio, or -1 until needed */
    nr_sum sum;             /* a hit: what the sidecar records, checked as the audio is read;
                            ** a miss: the audio as written */
    int fresh;              /* a miss made by this render: nothing to check, its timings made */
    int marks;              /* a hit's marks (checked), replayed for timings; or -1 */
    uint64_t samples;
} nr_audio;

/* The entry for key and, when timings are wanted, its marks; NARRATE_ENOTFOUND
** on a miss (or a corrupt entry, now removed). */
int nr_hit_find(narrate_cache *c, const char *key, const nr_extras *x, nr_audio *au,
                narrate_error *err);

/* Deliver au to path atomically: a hard link to the entry (no copy, no
** fsync: it is durable already), else a copy; the timings before the rename.
** *bytes: the file's size.  NARRATE_ENOTFOUND if the entry turned out corrupt. */
int nr_hit_to_file(narrate_cache *c, nr_audio *au, const char *path, nr_extras *x,
                   uint64_t *bytes, narrate_error *err);

/* Send au to a stream: checked whole first (a stream cannot take bytes
** back), then its timings, then the bytes. */
int nr_hit_to_stream(narrate_cache *c, nr_audio *au, narrate_write_fn fn, void *userdata,
                     nr_extras *x, narrate_error *err);

/* The entry itself is what is wanted (narrate_render_cached): its timings. */
int nr_hit_to_caller(narrate_cache *c, nr_audio *au, nr_extras *x, narrate_error *err);

void nr_audio_close(nr_audio *au);

#endif
