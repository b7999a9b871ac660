/* infile.c - opening voice profiles, lexicons and timings for reading: regular files only, never blocking. */
#include "infile.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "error.h"

int nr_open_regular(const char *path, int code, const char *what, narrate_error *err)
{
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
    if (fd < 0)
        return nr_fail_errno(err, code, errno, "cannot open %s '%s'", what, path), -1;
    struct stat st;
    int flags = fcntl(fd, F_GETFL);
    if (fstat(fd, &st) < 0 || flags < 0 || fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) < 0) {
        nr_fail_errno(err, code, errno, "cannot open %s '%s'", what, path);
        close(fd);
        return -1;
    }
    if (!S_ISREG(st.st_mode)) {
        nr_fail(err, code, "%s is not a regular file '%s'", what, path);
        close(fd);
        return -1;
    }
    return fd;
}

FILE *nr_fopen_regular(const char *path, int code, const char *what, narrate_error *err)
{
    int fd = nr_open_regular(path, code, what, err);
    if (fd < 0)
        return NULL;
    FILE *f = fdopen(fd, "r");
    if (!f) {
        nr_fail_errno(err, code, errno, "cannot open %s '%s'",
                      what, path);
        close(fd);
    }
    return f;
}
