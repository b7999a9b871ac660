/* failinject.c - fault injection for narrate-fault: fails the Nth allocation, write, fsync,
** rename, link or close made by our own code.
**
** Linked with ld's --wrap (see FAULT_WRAP in the Makefile), so that every call
** to malloc, write, ... in the library's and the CLI's objects reaches
** __wrap_malloc, __wrap_write, ... here, and only those: calls made inside
** shared libraries (libc's own, LAME's, ...) are not counted.  jansson's
** allocations are routed here too (json_set_alloc_funcs), as a kind of their
** own, so that its failures, as our code sees them, can be swept apart from
** ours.  Works under ASan: __real_malloc is the sanitizer's malloc.
**
**   NARRATE_FAIL=KIND:N[+][:ERRNO]   fail the Nth call of KIND (1-based); with
**                                    '+', that call and every later one
**   NARRATE_FAIL_REPORT=FILE         at exit, write "KIND calls" lines, then
**                                    "fired N" (failures injected) and
**                                    "fired_loading N" (of which inside
**                                    jansson's json_loadb, json_load_file)
**   NARRATE_FAIL_TRACE=1             print a stack trace where a failure is
**                                    injected (sanitized builds)
**
** KIND: malloc (malloc, calloc, realloc, strdup, strndup, asprintf,
** vasprintf, fopen, fdopen, opendir: NULL with ENOMEM), jansson (the
** allocations jansson makes for our calls: NULL), write (write, pwrite: -1
** with ENOSPC), fsync (fsync, fdatasync: EIO), rename (rename, renameat,
** renameat2: EIO), link (link: EXDEV, as across filesystems), close (close: the
** descriptor is closed, then -1 with EIO, as NFS can).  ERRNO overrides the
** default: ENOSPC, EIO, EDQUOT, EROFS, EXDEV,
** ENOMEM, EACCES, EMFILE.
**
** Reading the configuration allocates nothing (getenv, strtoul), so the
** count is exact from the first call.
*/
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

enum { K_MALLOC, K_JANSSON, K_WRITE, K_FSYNC, K_RENAME, K_LINK, K_CLOSE, NKINDS };

static const struct {
    const char *name;
    int err;
} kinds[NKINDS] = {
    [K_MALLOC] = { "malloc", ENOMEM }, [K_JANSSON] = { "jansson", ENOMEM },
    [K_WRITE] = { "write", ENOSPC },
    [K_FSYNC] = { "fsync", EIO },      [K_RENAME] = { "rename", EIO },
    [K_LINK] = { "link", EXDEV },      [K_CLOSE] = { "close", EIO },
};

static const struct {
    const char *name;
    int value;
} errnos[] = {
    { "ENOSPC", ENOSPC }, { "EIO", EIO },     { "EDQUOT", EDQUOT }, { "EROFS", EROFS },
    { "EXDEV", EXDEV },   { "ENOMEM", ENOMEM }, { "EACCES", EACCES }, { "EMFILE", EMFILE },
};

static uint64_t calls[NKINDS];
static uint64_t fired, fired_loading;
static _Thread_local int loading; /* inside jansson's json_loadb or json_load_file */
static int configured, fail_kind = -1, fail_errno, fail_on, trace;
static uint64_t fail_at;

/* From ASan or UBSan, when linked in. */
void __sanitizer_print_stack_trace(void) __attribute__((weak));

ssize_t __real_write(int fd, const void *buf, size_t n);

static void configure(void)
{
    const char *spec = getenv("NARRATE_FAIL"), *t = getenv("NARRATE_FAIL_TRACE");
    trace = t && *t && *t != '0';
    configured = 1;
    if (!spec || !*spec)
        return;
    const char *colon = strchr(spec, ':');
    for (int k = 0; colon && k < NKINDS; k++)
        if (strlen(kinds[k].name) == (size_t)(colon - spec) &&
            strncmp(spec, kinds[k].name, (size_t)(colon - spec)) == 0)
            fail_kind = k;
    char *end = NULL;
    fail_at = colon ? strtoull(colon + 1, &end, 10) : 0;
    if (fail_kind < 0 || fail_at == 0) {
        static const char msg[] = "failinject: NARRATE_FAIL wants KIND:N[+][:ERRNO]\n";
        __real_write(2, msg, sizeof msg - 1);
        _exit(2);
    }
    fail_on = *end == '+';
    end += fail_on;
    fail_errno = kinds[fail_kind].err;
    for (size_t i = 0; *end == ':' && i < sizeof errnos / sizeof errnos[0]; i++)
        if (strcmp(end + 1, errnos[i].name) == 0)
            fail_errno = errnos[i].value;
}

/* Count a call of kind k: nonzero if it is to fail (errno then set). */
static int fails(int k)
{
    if (!__atomic_load_n(&configured, __ATOMIC_ACQUIRE))
        configure(); /* before main: one thread, so no race */
    uint64_t n = __atomic_add_fetch(&calls[k], 1, __ATOMIC_RELAXED);
    if (k != fail_kind || n < fail_at || (n > fail_at && !fail_on))
        return 0;
    __atomic_add_fetch(&fired, 1, __ATOMIC_RELAXED);
    if (loading)
        __atomic_add_fetch(&fired_loading, 1, __ATOMIC_RELAXED);
    if (trace && __sanitizer_print_stack_trace) {
        fprintf(stderr, "failinject: failing %s call %llu\n", kinds[k].name, (unsigned long long)n);
        __sanitizer_print_stack_trace();
    }
    errno = fail_errno;
    return 1;
}

/* ---------------------------------------------------------------- memory */

void *__real_malloc(size_t n);
void *__real_calloc(size_t count, size_t n);
void *__real_realloc(void *p, size_t n);
char *__real_strdup(const char *s);
char *__real_strndup(const char *s, size_t n);
int __real_vasprintf(char **out, const char *fmt, va_list ap);
FILE *__real_fopen(const char *path, const char *mode);
FILE *__real_fdopen(int fd, const char *mode);
DIR *__real_opendir(const char *path);

void *__wrap_malloc(size_t n)
{
    return fails(K_MALLOC) ? NULL : __real_malloc(n);
}

void *__wrap_calloc(size_t count, size_t n)
{
    return fails(K_MALLOC) ? NULL : __real_calloc(count, n);
}

void *__wrap_realloc(void *p, size_t n)
{
    return fails(K_MALLOC) ? NULL : __real_realloc(p, n);
}

char *__wrap_strdup(const char *s)
{
    return fails(K_MALLOC) ? NULL : __real_strdup(s);
}

char *__wrap_strndup(const char *s, size_t n)
{
    return fails(K_MALLOC) ? NULL : __real_strndup(s, n);
}

int __wrap_vasprintf(char **out, const char *fmt, va_list ap)
{
    return fails(K_MALLOC) ? -1 : __real_vasprintf(out, fmt, ap);
}

int __wrap_asprintf(char **out, const char *fmt, ...)
{
    if (fails(K_MALLOC))
        return -1;
    va_list ap;
    va_start(ap, fmt);
    int n = __real_vasprintf(out, fmt, ap);
    va_end(ap);
    return n;
}

FILE *__wrap_fopen(const char *path, const char *mode)
{
    return fails(K_MALLOC) ? NULL : __real_fopen(path, mode);
}

FILE *__wrap_fdopen(int fd, const char *mode)
{
    return fails(K_MALLOC) ? NULL : __real_fdopen(fd, mode);
}

DIR *__wrap_opendir(const char *path)
{
    return fails(K_MALLOC) ? NULL : __real_opendir(path);
}

static void *jansson_malloc(size_t n)
{
    return fails(K_JANSSON) ? NULL : __real_malloc(n);
}

/* jansson 2.14's lexer ignores a failure to grow its token buffer and reads
** on without the byte (akheron/jansson#362): the report tells failures in
** its loaders apart, so that tests can say whose the damage is. */
json_t *__real_json_loadb(const char *buf, size_t len, size_t flags, json_error_t *error);
json_t *__real_json_load_file(const char *path, size_t flags, json_error_t *error);

json_t *__wrap_json_loadb(const char *buf, size_t len, size_t flags, json_error_t *error)
{
    loading++;
    json_t *j = __real_json_loadb(buf, len, flags, error);
    loading--;
    return j;
}

json_t *__wrap_json_load_file(const char *path, size_t flags, json_error_t *error)
{
    loading++;
    json_t *j = __real_json_load_file(path, flags, error);
    loading--;
    return j;
}

/* ---------------------------------------------------------------- files */

ssize_t __real_pwrite(int fd, const void *buf, size_t n, off_t at);
int __real_fsync(int fd);
int __real_fdatasync(int fd);
int __real_rename(const char *from, const char *to);
int __real_renameat(int fromdir, const char *from, int todir, const char *to);
int __real_renameat2(int fromdir, const char *from, int todir, const char *to, unsigned flags);
int __real_link(const char *from, const char *to);
int __real_close(int fd);

ssize_t __wrap_write(int fd, const void *buf, size_t n)
{
    return fails(K_WRITE) ? -1 : __real_write(fd, buf, n);
}

ssize_t __wrap_pwrite(int fd, const void *buf, size_t n, off_t at)
{
    return fails(K_WRITE) ? -1 : __real_pwrite(fd, buf, n, at);
}

int __wrap_fsync(int fd)
{
    return fails(K_FSYNC) ? -1 : __real_fsync(fd);
}

int __wrap_fdatasync(int fd)
{
    return fails(K_FSYNC) ? -1 : __real_fdatasync(fd);
}

int __wrap_rename(const char *from, const char *to)
{
    return fails(K_RENAME) ? -1 : __real_rename(from, to);
}

int __wrap_renameat(int fromdir, const char *from, int todir, const char *to)
{
    return fails(K_RENAME) ? -1 : __real_renameat(fromdir, from, todir, to);
}

int __wrap_renameat2(int fromdir, const char *from, int todir, const char *to, unsigned flags)
{
    return fails(K_RENAME) ? -1 : __real_renameat2(fromdir, from, todir, to, flags);
}

int __wrap_link(const char *from, const char *to)
{
    return fails(K_LINK) ? -1 : __real_link(from, to);
}

int __wrap_close(int fd)
{
    if (!fails(K_CLOSE))
        return __real_close(fd);
    int e = errno;
    __real_close(fd); /* Linux closes the descriptor even when close reports an error */
    errno = e;
    return -1;
}

/* ---------------------------------------------------------------- set-up, report */

__attribute__((constructor)) static void failinject_init(void)
{
    if (!configured)
        configure();
    json_set_alloc_funcs(jansson_malloc, free);
}

__attribute__((destructor)) static void failinject_report(void)
{
    const char *path = getenv("NARRATE_FAIL_REPORT");
    if (!path || !*path)
        return;
    char buf[512];
    size_t len = 0;
    for (int k = 0; k < NKINDS; k++)
        len += (size_t)snprintf(buf + len, sizeof buf - len, "%s %llu\n", kinds[k].name,
                                (unsigned long long)__atomic_load_n(&calls[k], __ATOMIC_RELAXED));
    len += (size_t)snprintf(buf + len, sizeof buf - len, "fired %llu\nfired_loading %llu\n",
                            (unsigned long long)__atomic_load_n(&fired, __ATOMIC_RELAXED),
                            (unsigned long long)__atomic_load_n(&fired_loading, __ATOMIC_RELAXED));
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd >= 0) {
        __real_write(fd, buf, len);
        __real_close(fd);
    }
}
