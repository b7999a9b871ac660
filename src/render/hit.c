/* hit.c - delivering whole audio, a cache entry's or a miss's just made: link, copy or send, and timings. */
#include "hit.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "encoder.h"
#include "error.h"
#include "outfile.h"

int nr_hit_find(narrate_cache *c, const char *key, const nr_extras *x, nr_audio *au,
                narrate_error *err)
{
    *au = (nr_audio){ .fd = -1, .marks = -1 };
    int rc = nr_cache_find(c, key, &au->ce, &au->sum, err);
    if (rc == NARRATE_OK)
        au->samples = (uint64_t)(au->ce.duration_s * NR_RATE + 0.5);
    if (rc == NARRATE_OK && nr_extras_want_timings(x))
        rc = nr_cache_open_marks(c, &au->ce, &au->marks, err);
    return rc;
}

void nr_audio_close(nr_audio *au)
{
    if (au->fd >= 0)
        close(au->fd);
    if (au->marks >= 0)
        close(au->marks);
    au->fd = au->marks = -1;
}

static int open_audio(nr_audio *au, narrate_error *err)
{
    if (au->fd < 0 && (au->fd = open(au->ce.path, O_RDONLY | O_CLOEXEC)) < 0)
        return nr_fail(err, NARRATE_ENOTFOUND, "no cache entry '%s'", au->ce.key);
    return NARRATE_OK;
}

/* Read the whole audio to check it against its sidecar (a hit) and leave
** au->fd at its start. */
static int check_audio(narrate_cache *c, nr_audio *au, narrate_error *err)
{
    nr_sum got;
    int rc = open_audio(au, err);
    if (rc == NARRATE_OK && !au->fresh && nr_sum_of_fd(au->fd, &got) < 0)
        rc = nr_fail_errno(err, NARRATE_EIO, errno, "cannot read cache entry '%s'", au->ce.key);
    if (rc == NARRATE_OK && !au->fresh)
        rc = nr_cache_check(c, &au->ce, &au->sum, &got, err);
    if (rc == NARRATE_OK && lseek(au->fd, 0, SEEK_SET) < 0)
        rc = nr_fail_errno(err, NARRATE_EIO, errno, "cannot read cache entry '%s'", au->ce.key);
    return rc;
}

/* The timings of the audio: a hit's replayed from its marks (a miss sent
** its own as it was made), then the timings file, naming the audio by the
** sum checked or written. */
static int timings(nr_audio *au, nr_extras *x, narrate_error *err)
{
    int rc = au->marks >= 0 ? nr_extras_replay(x, au->marks, err) : NARRATE_OK;
    nr_audio_id id = { .bytes = au->sum.bytes };
    memcpy(id.sum, au->sum.hex, sizeof id.sum);
    return rc == NARRATE_OK ? nr_extras_finish(x, au->samples, -1, &id, err) : rc;
}

int nr_hit_to_file(narrate_cache *c, nr_audio *au, const char *path, nr_extras *x,
                   uint64_t *bytes, narrate_error *err)
{
    nr_outfile out;
    int rc = open_audio(au, err);
    if (rc == NARRATE_OK)
        rc = nr_outfile_open(&out, path, err);
    if (rc < 0)
        return rc;
    nr_sum got;
    int linked = au->ce.path[0] && nr_outfile_link(&out, au->ce.path) == 0;
    if (!linked && out.fd < 0)
        rc = nr_fail_errno(err, NARRATE_EIO, errno, "cannot write output '%s'", path);
    else if (!linked && (lseek(au->fd, 0, SEEK_SET) < 0 || nr_hash_copy(au->fd, out.fd, &got) < 0))
        rc = nr_fail_errno(err, NARRATE_EIO, errno, "cannot write output '%s'", path);
    else if (linked && !au->fresh && nr_sum_of_fd(au->fd, &got) < 0)
        rc = nr_fail_errno(err, NARRATE_EIO, errno, "cannot read cache entry '%s'", au->ce.key);
    if (rc == NARRATE_OK && !au->fresh)
        rc = nr_cache_check(c, &au->ce, &au->sum, &got, err);
    if (rc == NARRATE_OK)
        rc = timings(au, x, err);
    if (rc == NARRATE_OK)
        return nr_outfile_commit(&out, bytes, err);
    nr_outfile_abort(&out);
    return rc;
}

int nr_hit_to_stream(narrate_cache *c, nr_audio *au, narrate_write_fn fn, void *userdata,
                     nr_extras *x, narrate_error *err)
{
    int rc = check_audio(c, au, err);
    if (rc == NARRATE_OK)
        rc = timings(au, x, err);
    char buf[1 << 15];
    ssize_t n;
    while (rc == NARRATE_OK && (n = read(au->fd, buf, sizeof buf)) != 0) {
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            rc = nr_fail_errno(err, NARRATE_EIO, errno, "cannot read cache entry '%s'", au->ce.key);
        else if (fn(buf, (size_t)n, userdata) != 0)
            rc = nr_fail(err, NARRATE_EIO, "the stream stopped taking data '%s'", au->ce.key);
    }
    return rc;
}

int nr_hit_to_caller(narrate_cache *c, nr_audio *au, nr_extras *x, narrate_error *err)
{
    /* The caller reads the entry itself; a timings file names it checked. */
    int rc = nr_extras_want_file(x) ? check_audio(c, au, err) : NARRATE_OK;
    return rc == NARRATE_OK ? timings(au, x, err) : rc;
}
