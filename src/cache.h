/* cache.h - the cache's internals shared with the renderer: locks, inserts, verified copies. */
#ifndef NR_CACHE_H
#define NR_CACHE_H

#include <stdint.h>

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

/* Store an entry: copy src (or, with src NULL, take the audio already
** renamed into place at nr_cache_path(key, format's extension)), checksum
** the marks file already in place at nr_cache_path(key, "marks"), then
** write the sidecar, which makes the entry.  On failure nothing of the entry
** is left. */
int nr_cache_insert(narrate_cache *c, const char *key, const char *src, const nr_cache_meta *m,
                    narrate_error *err);

/* Copy an entry's audio to fd (-1: only verify), checking its checksum; a
** corrupt entry is removed and NARRATE_ENOTFOUND returned (fd's content is
** then garbage). */
int nr_cache_copy_out(narrate_cache *c, const narrate_cache_entry *e, int fd, narrate_error *err);

/* Send an entry's audio to a stream, after verifying its checksum. */
int nr_cache_send(narrate_cache *c, const narrate_cache_entry *e, narrate_write_fn fn, void *userdata,
                  narrate_error *err);

/* Open an entry's marks file, checksum verified, at its start: *fd is the
** caller's to close.  A corrupt entry is removed: NARRATE_ENOTFOUND. */
int nr_cache_open_marks(narrate_cache *c, const narrate_cache_entry *e, int *fd, narrate_error *err);

/* Mark an entry as just used, for LRU pruning. */
void nr_cache_touch(const narrate_cache_entry *e);

/* Shared with the maintenance commands (cache_admin.c).  Audio files are
** checksummed with XXH3-128, NR_SUM_HEX hex digits. */
#define NR_SUM_HEX 32

/* An entry's marks file (<key>.marks: where each sentence and word is, for
** timings on a hit), as its sidecar records it. */
typedef struct nr_cache_marks {
    uint64_t bytes;
    char sum[NR_SUM_HEX + 1];
} nr_cache_marks;

/* Read a sidecar; marks (may be NULL) gets its marks record (0 bytes in
** entries of an older library, which lookups then remove).  -1 if absent or
** unreadable. */
int nr_cache_read_sidecar(const char *path, narrate_cache_entry *e, char sum[NR_SUM_HEX + 1],
                          nr_cache_marks *marks);
void nr_cache_remove(narrate_cache *c, const char *key, narrate_format f); /* sidecar first */
int nr_hash_copy(int in, int out, char sum[NR_SUM_HEX + 1], uint64_t *bytes); /* out -1: sum only */
int nr_valid_key(const char *key);
int nr_make_dirs(const char *path);

/* File extension of a format ("mp3", "wav", ...). */
const char *nr_format_ext(narrate_format f);

#endif
