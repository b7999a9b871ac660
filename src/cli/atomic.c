/* atomic.c - the batch's own files (report, feed) appear whole or not at all. */
#include <errno.h>

#include "batch.h"

/* The library writes them as it writes audio (narrate_file_*: a temporary
** file beside the target, swept after a kill, fsync, rename); this keeps the
** batch's errno-style callers. */
int atomic_open(atomic_file *f, const char *path)
{
    narrate_error err;
    f->file = narrate_file_create(path, &err);
    f->fd = f->file ? narrate_file_fd(f->file) : -1;
    return f->file ? 0 : -1;
}

int atomic_commit(atomic_file *f)
{
    narrate_error err;
    int rc = narrate_file_commit(f->file, &err) == NARRATE_OK ? 0 : -1;
    f->file = NULL;
    f->fd = -1;
    return rc;
}

void atomic_abort(atomic_file *f)
{
    int e = errno;
    narrate_file_abort(f->file);
    f->file = NULL;
    f->fd = -1;
    errno = e;
}
