/* sink.c - writing encoded bytes to a file, a stream callback and a cache copy at once. */
#include "sink.h"

#include <errno.h>

#include "error.h"
#include "fsutil.h"

nr_sink nr_sink_of(int fd, narrate_write_fn fn, void *userdata, const char *name)
{
    return (nr_sink){ .fd = fd, .fn = fn, .userdata = userdata, .tee = -1, .name = name };
}

int nr_sink_write(nr_sink *s, const void *buf, size_t n, narrate_error *err)
{
    if (s->fd >= 0 && nr_pwrite_all(s->fd, buf, n, (off_t)s->pos) < 0)
        return nr_fail_errno(err, NARRATE_EIO, errno, "cannot write output '%s'", s->name);
    if (s->fn && n && s->fn(buf, n, s->userdata) != 0)
        return nr_fail(err, NARRATE_EIO, "the stream stopped taking data '%s'", s->name);
    if (s->hash)
        nr_hasher_add(s->hash, buf, n);
    if (s->tee >= 0 && nr_pwrite_all(s->tee, buf, n, (off_t)s->pos) < 0)
        s->tee = -2; /* the cache copy failed: carry on without it */
    s->pos += n;
    return NARRATE_OK;
}

int nr_sink_patch(nr_sink *s, const void *buf, size_t n, uint64_t at, narrate_error *err)
{
    if (s->fd >= 0 && nr_pwrite_all(s->fd, buf, n, (off_t)at) < 0)
        return nr_fail_errno(err, NARRATE_EIO, errno, "cannot write output '%s'", s->name);
    if (s->tee >= 0 && nr_pwrite_all(s->tee, buf, n, (off_t)at) < 0)
        s->tee = -2;
    return NARRATE_OK;
}
