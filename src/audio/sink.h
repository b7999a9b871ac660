/* sink.h - where encoded bytes go: a file, a caller's stream callback, and a cache copy. */
#ifndef NR_SINK_H
#define NR_SINK_H

#include <stdint.h>

#include "checksum.h"
#include "narrate.h"

typedef struct nr_sink {
    int fd;               /* a seekable output file we own, or -1 */
    narrate_write_fn fn;  /* a stream, or NULL */
    void *userdata;
    int tee;              /* a seekable copy (the cache's temporary file), or -1; -2 once it failed */
    const char *name;     /* for messages */
    uint64_t pos;         /* bytes written so far */
    nr_hasher *hash;      /* the bytes as appended, patches not included, or NULL */
} nr_sink;

/* A sink to a file (fd) or a stream (fn); no tee, no hash. */
nr_sink nr_sink_of(int fd, narrate_write_fn fn, void *userdata, const char *name);

/* Append n bytes to every destination. */
int nr_sink_write(nr_sink *s, const void *buf, size_t n, narrate_error *err);

/* Overwrite bytes already written, in the seekable destinations (a stream
** keeps what it was sent, and the hash what it was given: the sum of a
** patched file is read from the file once it is whole). */
int nr_sink_patch(nr_sink *s, const void *buf, size_t n, uint64_t at, narrate_error *err);

#endif
