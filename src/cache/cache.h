/* cache.h - the cache's internals shared with the renderer: locks, lookups, inserts, checks. */
#ifndef NR_CACHE_H
#define NR_CACHE_H

#include <stdint.h>

#include "checksum.h"
#include "narrate.h"

/* What the renderer knows about a new entry. */
typedef struct nr_cache_meta {
    const char *title, *author, *voice;
    narrate_format format;
    uint64_t samples;
} nr_cache_meta;

/* dir/ab/<key>.<ext>, malloc'd. */
char *nr_cache_path(const narrate_cache *c, const char *key, const char *ext);

/* Take the key's lock, waiting for whoever holds it; *fd gets the lock to
** pass to nr_cache_unlock.  The kernel drops it if this process dies. */
int nr_cache_lock(narrate_cache *c, const char *key, int *fd, narrate_error *err);
void nr_cache_unlock(int fd);

/* The entry for key, as narrate_cache_lookup, and the checksum its sidecar
** records for the audio (unverified: see nr_cache_check). */
int nr_cache_find(narrate_cache *c, const char *key, narrate_cache_entry *e, nr_sum *audio,
                  narrate_error *err);

/* Make the entry for key whose audio and marks have been renamed into place
** (nr_cache_path(key, format's extension) and (key, "marks")), sized and
** checksummed as they were written: write the sidecar.  On failure nothing
** of the entry is left. */
int nr_cache_insert(narrate_cache *c, const char *key, const nr_sum *audio, const nr_sum *marks,
                    const nr_cache_meta *m, narrate_error *err);

/* NARRATE_OK if the audio read (got) is what the sidecar records (want); else
** the corrupt entry is removed and NARRATE_ENOTFOUND returned. */
int nr_cache_check(narrate_cache *c, const narrate_cache_entry *e, const nr_sum *want,
                   const nr_sum *got, narrate_error *err);

/* Open an entry's marks file, checksum verified, at its start: *fd is the
** caller's to close.  A corrupt entry is removed: NARRATE_ENOTFOUND. */
int nr_cache_open_marks(narrate_cache *c, const narrate_cache_entry *e, int *fd, narrate_error *err);

/* Mark an entry as just used, for LRU pruning. */
void nr_cache_touch(const narrate_cache_entry *e);

/* Read a sidecar: audio and marks (either may be NULL) get the size and
** checksum it records for each (marks 0 bytes in entries of an older
** library, which lookups then remove).  -1 if absent or unreadable. */
int nr_cache_read_sidecar(const char *path, narrate_cache_entry *e, nr_sum *audio, nr_sum *marks);
void nr_cache_remove(narrate_cache *c, const char *key, narrate_format f); /* sidecar first */
int nr_valid_key(const char *key);

#endif
