/* outfile.c - temp file in the target directory, fsync, rename: no partial outputs. */
#include "outfile.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "error.h"

/* The directory part of path ("." if none), malloc'd. */
static char *dir_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return strdup(".");
    if (slash == path)
        return strdup("/");
    return strndup(path, (size_t)(slash - path));
}

/* The process umask, read without changing it (umask() is not thread-safe). */
static mode_t current_umask(void)
{
    mode_t mask = 022;
    FILE *f = fopen("/proc/self/status", "re");
    if (!f)
        return mask;
    char line[128];
    while (fgets(line, sizeof line, f))
        if (strncmp(line, "Umask:", 6) == 0) {
            mask = (mode_t)strtoul(line + 6, NULL, 8);
            break;
        }
    fclose(f);
    return mask;
}

/* ------------------------------------------------------- leftovers
** A temporary file is named .narrate-<pid>-XXXXXX after the process that
** writes it, from its creation (mkostemp) to its rename or removal, and so
** is the previous file an undoable commit keeps aside under that name.  A
** file whose process is gone (kill() says ESRCH) can belong to no live
** writer: it is the leftover of a killed one.  A live process, or one of
** another user (EPERM), keeps its files; so does a dead one whose PID has
** been reused, until that process ends too. */

/* The PID in a temporary file's name, or 0 if it is not one of ours. */
static pid_t temp_owner(const char *name)
{
    if (strncmp(name, NR_TEMP_PREFIX, strlen(NR_TEMP_PREFIX)) != 0)
        return 0;
    const char *p = name + strlen(NR_TEMP_PREFIX);
    char *end;
    errno = 0;
    long pid = strtol(p, &end, 10);
    if (errno || end == p || *p < '1' || *p > '9' || pid > INT32_MAX || *end != '-' ||
        strlen(end + 1) != 6)
        return 0;
    return (pid_t)pid;
}

static int owner_gone(pid_t pid)
{
    return pid != getpid() && kill(pid, 0) < 0 && errno == ESRCH;
}

int nr_temp_stale(const char *name)
{
    pid_t pid = temp_owner(name);
    return pid && owner_gone(pid);
}

unsigned nr_temp_sweep(const char *dir)
{
    DIR *d = opendir(dir);
    unsigned n = 0;
    struct dirent *e;
    while (d && (e = readdir(d))) {
        struct stat st;
        if (nr_temp_stale(e->d_name) && fstatat(dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
            S_ISREG(st.st_mode) && unlinkat(dirfd(d), e->d_name, 0) == 0)
            n++;
    }
    if (d)
        closedir(d);
    return n;
}

/* The directories this process has swept: each once, before its first
** temporary file there.  Bounded: past SWEPT_MAX directories the rest go
** unswept until the next process (a long-running server writes into the
** output directories it knows, and the cache's 256 shards). */
#define SWEPT_MAX 1024
static pthread_mutex_t swept_lock = PTHREAD_MUTEX_INITIALIZER;
static char *swept[SWEPT_MAX];
static size_t nswept;
static pid_t swept_pid; /* a forked child sweeps afresh */

/* Note dir as swept; 1 if it was not yet. */
static int mark_swept(const char *dir)
{
    int first = 0;
    pthread_mutex_lock(&swept_lock);
    if (swept_pid != getpid()) {
        nswept = 0; /* the parent's strings leak in a forked child: few and small */
        swept_pid = getpid();
    }
    size_t i = 0;
    while (i < nswept && strcmp(swept[i], dir) != 0)
        i++;
    if (i == nswept && nswept < SWEPT_MAX && (swept[nswept] = strdup(dir)) != NULL) {
        nswept++;
        first = 1;
    }
    pthread_mutex_unlock(&swept_lock);
    return first;
}

void nr_temp_sweep_once(const char *dir)
{
    if (mark_swept(dir))
        nr_temp_sweep(dir);
}

unsigned narrate_temp_sweep(const char *dir)
{
    if (!dir)
        return 0;
    mark_swept(dir);
    return nr_temp_sweep(dir);
}

int nr_outfile_open(nr_outfile *o, const char *path, narrate_error *err)
{
    memset(o, 0, sizeof *o);
    o->fd = -1;
    char *dir = dir_of(path);
    o->path = strdup(path);
    if (dir)
        nr_temp_sweep_once(dir);
    if (dir && o->path &&
        asprintf(&o->tmp, "%s/" NR_TEMP_PREFIX "%ld-XXXXXX", dir, (long)getpid()) < 0)
        o->tmp = NULL;
    free(dir);
    if (!o->path || !o->tmp) {
        nr_outfile_abort(o);
        return nr_fail(err, NARRATE_ENOMEM, "out of memory opening output '%s'", path);
    }
    o->fd = mkostemp(o->tmp, O_CLOEXEC);
    if (o->fd < 0) {
        int e = errno;
        nr_outfile_abort(o);
        return nr_fail_errno(err, NARRATE_EIO, e, "cannot write output '%s'", path);
    }
    o->created = 1;
    return NARRATE_OK;
}

static void sync_dir(const char *path)
{
    char *dir = dir_of(path);
    int fd = dir ? open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC) : -1;
    if (fd >= 0) {
        fsync(fd);
        close(fd);
    }
    free(dir);
}

int nr_outfile_link(nr_outfile *o, const char *src)
{
    /* The temporary name is ours (mkostemp made it); swap the empty file for a link. */
    if (unlink(o->tmp) < 0)
        return -1;
    if (link(src, o->tmp) == 0) {
        close(o->fd);
        o->fd = open(o->tmp, O_RDONLY | O_CLOEXEC);
        o->linked = o->fd >= 0;
        if (o->linked)
            return 0;
        unlink(o->tmp);
    }
    int saved = errno;
    if (o->fd >= 0)
        close(o->fd);
    o->fd = open(o->tmp, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    o->created = o->fd >= 0;
    errno = saved;
    return -1;
}

/* Rename the temporary file over path; undoable: swap the two when path
** holds a file, else note that undoing means removing the new one. */
static int put_in_place(nr_outfile *o, int undoable)
{
    struct stat st;
    int existed = undoable && lstat(o->path, &st) == 0 && (S_ISREG(st.st_mode) || S_ISLNK(st.st_mode));
    if (existed && renameat2(AT_FDCWD, o->tmp, AT_FDCWD, o->path, RENAME_EXCHANGE) == 0) {
        o->undo = NR_UNDO_RESTORE;
        return 0;
    }
    /* No previous file, or a filesystem that cannot swap: undoing removes the new file. */
    if (rename(o->tmp, o->path) < 0)
        return -1;
    o->undo = undoable ? NR_UNDO_REMOVE : NR_UNDO_NONE;
    return 0;
}

static int commit(nr_outfile *o, int undoable, uint64_t *bytes, narrate_error *err)
{
    int rc = NARRATE_OK;
    struct stat st;
    /* A linked file is someone else's durable data: leave its mode and sync alone. */
    int prepared = o->linked ? fstat(o->fd, &st) == 0
                             : fchmod(o->fd, 0666 & ~current_umask()) == 0 && fsync(o->fd) == 0 &&
                                   fstat(o->fd, &st) == 0;
    if (!prepared)
        rc = nr_fail_errno(err, NARRATE_EIO, errno, "cannot write output '%s'", o->path);
    if (close(o->fd) < 0 && rc == NARRATE_OK)
        rc = nr_fail_errno(err, NARRATE_EIO, errno, "cannot write output '%s'", o->path);
    o->fd = -1;
    if (rc == NARRATE_OK && put_in_place(o, undoable) < 0)
        rc = nr_fail_errno(err, NARRATE_EIO, errno, "cannot write output '%s'", o->path);
    if (rc == NARRATE_OK && o->linked)
        unlink(o->tmp); /* rename() keeps both names when the target is already the same file */
    if (rc == NARRATE_OK) {
        o->created = 0;
        if (bytes)
            *bytes = (uint64_t)st.st_size;
        sync_dir(o->path);
    }
    if (o->undo == NR_UNDO_NONE)
        nr_outfile_abort(o);
    return rc;
}

int nr_outfile_commit(nr_outfile *o, uint64_t *bytes, narrate_error *err)
{
    return commit(o, 0, bytes, err);
}

int nr_outfile_commit_undoable(nr_outfile *o, uint64_t *bytes, narrate_error *err)
{
    return commit(o, 1, bytes, err);
}

void nr_outfile_undo(nr_outfile *o)
{
    if (o->undo == NR_UNDO_RESTORE && rename(o->tmp, o->path) == 0)
        o->undo = NR_UNDO_NONE;
    else if (o->undo == NR_UNDO_REMOVE)
        unlink(o->path);
    nr_outfile_abort(o);
}

void nr_outfile_abort(nr_outfile *o)
{
    if (o->fd >= 0)
        close(o->fd);
    if (o->created || o->undo == NR_UNDO_RESTORE)
        unlink(o->tmp); /* ours, or the file the commit replaced */
    free(o->tmp);
    free(o->path);
    memset(o, 0, sizeof *o);
    o->fd = -1;
}

/* ------------------------------------------------------- public wrapper */

struct narrate_file {
    nr_outfile o;
};

narrate_file *narrate_file_create(const char *path, narrate_error *err)
{
    narrate_file *f = malloc(sizeof *f);
    if (!f) {
        nr_fail(err, NARRATE_ENOMEM, "out of memory opening output '%s'", path);
        return NULL;
    }
    if (nr_outfile_open(&f->o, path, err) != NARRATE_OK) {
        int e = errno;
        free(f);
        errno = e;
        return NULL;
    }
    return f;
}

int narrate_file_fd(const narrate_file *f)
{
    return f->o.fd;
}

int narrate_file_commit(narrate_file *f, narrate_error *err)
{
    int rc = nr_outfile_commit(&f->o, NULL, err);
    int e = errno;
    free(f);
    errno = e;
    return rc;
}

void narrate_file_abort(narrate_file *f)
{
    if (!f)
        return;
    nr_outfile_abort(&f->o);
    free(f);
}
