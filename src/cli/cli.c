/* cli.c - error reporting and engine set-up shared by the subcommands. */
#include "cli.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"

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

uint64_t parse_scaled(const char *value, const char *option, const char *units,
                      const uint64_t *scale)
{
    char *end;
    errno = 0;
    unsigned long long n = strtoull(value, &end, 10);
    const char *unit = *end ? strchr(units, tolower((unsigned char)*end)) : NULL;
    if (end == value || errno || value[0] == '-' || (*end && (!unit || end[1])))
        die_usage("%s needs a number with an optional unit (%s) '%s'", option, units, value);
    uint64_t mult = unit ? scale[unit - units] : 1;
    if (mult && n > UINT64_MAX / mult)
        die_usage("%s too large '%s'", option, value);
    return (uint64_t)n * mult;
}

const uint64_t cli_size_scale[3] = { 1024, 1024 * 1024, 1024 * 1024 * 1024 };
const uint64_t cli_age_scale[5] = { 1, 60, 3600, 86400, 604800 };

size_t parse_max_input(const char *value, const char *option)
{
    uint64_t n = parse_scaled(value, option, CLI_SIZE_UNITS, cli_size_scale);
    if (n < 1 || n > SIZE_MAX - 1)
        die_usage("%s out of range (1 byte or more) '%s'", option, value);
    return (size_t)n;
}

int parse_timeout(const char *value, const char *option)
{
    int n = parse_int(value, option);
    if (n < 0)
        die_usage("%s wants whole seconds, 0 for none '%s'", option, value);
    return n ? n : NARRATE_LIMIT_NONE;
}

int parse_duration(const char *value, const char *option)
{
    static const uint64_t scale[] = { 1, 60, 3600 };
    uint64_t n = parse_scaled(value, option, "smh", scale);
    if (n > INT_MAX)
        die_usage("%s out of range (seconds, or with s, m or h) '%s'", option, value);
    return n ? (int)n : NARRATE_LIMIT_NONE;
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

const char *cli_samples_dir(void)
{
    static char path[PATH_MAX];
    if (path[0])
        return path;
    char tree[4200];
    char *dir = exe_dir();
    /* A build-tree binary (the worker beside it) serves the tree's samples/. */
    if (dir)
        snprintf(tree, sizeof tree, "%s/narrate-worker", dir);
    int in_tree = dir && access(tree, X_OK) == 0;
    if (in_tree)
        snprintf(tree, sizeof tree, "%s/../samples", dir);
    free(dir);
    if (!in_tree || !realpath(tree, path))
        snprintf(path, sizeof path, "%s", NR_SAMPLES_DIR);
    return path;
}

cli_options cli;

void cli_take_global_options(int *argc, char **argv)
{
    int out = 1;
    for (int i = 1; i < *argc; i++) {
        if (strcmp(argv[i], "--no-cache") == 0) {
            cli.no_cache = 1;
        } else if (strcmp(argv[i], "--cache") == 0) {
            if (i + 1 == *argc)
                die_usage("option needs a value '%s'", argv[i]);
            cli.cache_dir = argv[++i];
        } else if (strncmp(argv[i], "--cache=", 8) == 0) {
            cli.cache_dir = argv[i] + 8;
        } else if (strcmp(argv[i], "--") == 0) {
            while (i < *argc)
                argv[out++] = argv[i++];
            break;
        } else {
            argv[out++] = argv[i];
        }
    }
    argv[out] = NULL;
    *argc = out;
}

narrate_cache *cli_cache(int required)
{
    if (cli.no_cache) {
        if (required)
            die_usage("this command needs the cache '%s'", "--no-cache");
        return NULL;
    }
    narrate_error err;
    narrate_cache *c = narrate_cache_open(cli.cache_dir, &err);
    if (!c && required)
        die_lib(&err);
    if (!c)
        fprintf(stderr, "narrate: warning: rendering without the cache: %s\n", err.message);
    return c;
}

narrate_engine *cli_engine(void)
{
    return cli_engine_workers(0);
}

/* `narrate serve` is a program of its own, narrate-serve: only it links
** libmicrohttpd and, through it, GnuTLS and eight more libraries, which every
** other command (a cache hit above all) would otherwise spend most of its
** time loading.  Beside us in the build tree, else where make install put it;
** the global options go with it, the command's own unchanged. */
int cmd_serve_exec(int argc, char **argv)
{
    char path[4200];
    char *dir = exe_dir();
    if (dir)
        snprintf(path, sizeof path, "%s/narrate-serve", dir);
    if (!dir || access(path, X_OK) != 0)
        snprintf(path, sizeof path, "%s", NR_SERVE_PATH);
    free(dir);
    char **args = calloc((size_t)argc + 5, sizeof *args);
    if (!args)
        die("out of memory starting '%s'", path);
    int n = 0;
    args[n++] = path;
    if (cli.no_cache)
        args[n++] = "--no-cache";
    if (cli.cache_dir) {
        args[n++] = "--cache";
        args[n++] = (char *)cli.cache_dir;
    }
    args[n++] = "--";
    for (int i = 0; i < argc; i++)
        args[n++] = argv[i];
    args[n] = NULL;
    fflush(NULL);
    execv(path, args);
    die("cannot run the server program (%s) '%s'", strerror(errno), path);
}

narrate_engine *cli_engine_workers(int max_workers)
{
    return cli_engine_limited(max_workers, NULL);
}

narrate_engine *cli_engine_limited(int max_workers, const narrate_limits *limits)
{
    narrate_engine_options opts = { .max_workers = max_workers };
    if (limits)
        opts.limits = *limits;
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
