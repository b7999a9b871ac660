/* cli.c - error reporting and engine set-up shared by the subcommands. */
#include "cli.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void vreport(const char *fmt, va_list ap)
{
    fflush(stdout);
    fputs("narrate: error: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
}

void die(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vreport(fmt, ap);
    va_end(ap);
    exit(EXIT_RUNTIME);
}

void die_usage(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vreport(fmt, ap);
    va_end(ap);
    fputs("see 'narrate --help'\n", stderr);
    exit(EXIT_USAGE);
}

void die_lib(const narrate_error *err)
{
    if (err->code == NARRATE_EINVAL || err->code == NARRATE_EFORMAT)
        die_usage("%s", err->message);
    die("%s", err->message);
}

int parse_int(const char *value, const char *option)
{
    char *end;
    errno = 0;
    long n = strtol(value, &end, 10);
    if (end == value || *end || errno || n < INT_MIN || n > INT_MAX)
        die_usage("%s needs a whole number '%s'", option, value);
    return (int)n;
}

/* The directory holding this executable, malloc'd, or NULL. */
static char *exe_dir(void)
{
    char buf[4096];
    ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
    if (n <= 0)
        return NULL;
    buf[n] = '\0';
    char *slash = strrchr(buf, '/');
    if (!slash)
        return NULL;
    *slash = '\0';
    return strdup(buf);
}

narrate_engine *cli_engine(void)
{
    narrate_engine_options opts = { 0 };
    char worker[4200], voices[4200];
    char *dir = exe_dir();
    /* In the build tree the worker sits beside us and voices/ one level up;
    ** installed, the library's compiled-in paths apply. */
    if (dir) {
        snprintf(worker, sizeof worker, "%s/narrate-worker", dir);
        snprintf(voices, sizeof voices, "%s/../voices", dir);
        if (!getenv("NARRATE_WORKER") && access(worker, X_OK) == 0) {
            opts.worker_path = worker;
            if (!getenv("NARRATE_VOICES") && access(voices, F_OK) == 0)
                opts.voices_dir = voices;
        }
    }
    narrate_error err;
    narrate_engine *e = narrate_engine_create(&opts, &err);
    free(dir);
    if (!e)
        die_lib(&err);
    return e;
}
