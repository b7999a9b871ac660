/* atomic.c - the batch's own files (report, feed) appear whole or not at all. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "batch.h"

/* The temporary file is named like the library's (.narrate-<pid>-XXXXXX,
** narrate.h), so that whoever writes into its directory after a kill
** removes it; this sweeps the directory likewise. */
int atomic_open(atomic_file *f, const char *path)
{
    const char *slash = strrchr(path, '/');
    int dirlen = slash ? (int)(slash - path) : 1;
    f->fd = -1;
    f->path = strdup(path);
    if (f->path) {
        *(slash ? f->path + dirlen : f->path) = '\0';
        narrate_temp_sweep(slash ? (dirlen ? f->path : "/") : ".");
        strcpy(f->path, path);
    }
    if (!f->path || asprintf(&f->tmp, "%.*s/.narrate-%ld-XXXXXX", dirlen, slash ? path : ".",
                             (long)getpid()) < 0) {
        free(f->path);
        f->path = f->tmp = NULL;
        errno = ENOMEM;
        return -1;
    }
    f->fd = mkostemp(f->tmp, O_CLOEXEC);
    if (f->fd < 0) {
        int e = errno;
        atomic_abort(f);
        errno = e;
        return -1;
    }
    return 0;
}

int atomic_commit(atomic_file *f)
{
    mode_t mask = umask(0); /* the batch is single-threaded by the time it writes these */
    umask(mask);
    int rc = fchmod(f->fd, 0666 & ~mask) == 0 && fsync(f->fd) == 0 ? 0 : -1;
    int e = errno;
    if (close(f->fd) < 0 && rc == 0) {
        rc = -1;
        e = errno;
    }
    f->fd = -1;
    if (rc == 0 && rename(f->tmp, f->path) < 0) {
        rc = -1;
        e = errno;
    }
    if (rc < 0)
        unlink(f->tmp);
    free(f->tmp);
    free(f->path);
    f->tmp = f->path = NULL;
    errno = e;
    return rc;
}

void atomic_abort(atomic_file *f)
{
    if (f->fd >= 0) {
        close(f->fd);
        unlink(f->tmp);
    }
    free(f->tmp);
    free(f->path);
    f->tmp = f->path = NULL;
    f->fd = -1;
}
