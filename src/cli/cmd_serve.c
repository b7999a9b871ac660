/* cmd_serve.c - `narrate serve`: options, start-up, and a clean stop on SIGINT/SIGTERM. */
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "serve.h"

static void usage(int cpus)
{
    printf("usage: narrate serve [options]\n"
           "  --listen HOST:PORT        where to listen (default 127.0.0.1:8080)\n"
           "  --articles DIR            the articles served by id (default %s)\n"
           "  --workers N               synthesis workers, 1..64 (default %d: the online CPUs)\n"
           "  --max-queue N             renders waiting for a worker, past it 503 (default 64)\n"
           "  --timeout SECONDS         idle connections are closed after it (default 10)\n"
           "  --render-timeout SECONDS  each render's deadline, past it 500; 0: none (default 600)\n"
           "  --max-input BYTES         the largest article, POSTed (above it: 413) or in\n"
           "                            --articles (not served), with K, M or G (default 1M)\n"
           "  --max-duration SECONDS    the longest article in seconds of speech, estimated before\n"
           "                            synthesis (s, m or h; 0: none); longer: 500 at once (default 4h)\n"
           "  --cache DIR               the cache, which serve needs (default $NARRATE_CACHE,\n"
           "                            else $XDG_CACHE_HOME/narrate, else ~/.cache/narrate)\n",
           cli_samples_dir(), cpus);
}

typedef struct serve_args {
    const char *listen, *articles;
    int workers, max_queue, timeout_s;
    narrate_limits limits;
} serve_args;

static int ranged(const char *value, const char *option, int lo, int hi)
{
    int n = parse_int(value, option);
    if (n < lo || n > hi)
        die_usage("%s out of range %d..%d '%s'", option, lo, hi, value);
    return n;
}

static void parse_args(int argc, char **argv, serve_args *a)
{
    static const struct option longopts[] = {
        { "listen", required_argument, NULL, 'l' },   { "articles", required_argument, NULL, 'a' },
        { "workers", required_argument, NULL, 'w' },  { "max-queue", required_argument, NULL, 'q' },
        { "timeout", required_argument, NULL, 't' },  { "help", no_argument, NULL, 'h' },
        { "render-timeout", required_argument, NULL, 'T' },
        { "max-input", required_argument, NULL, 'M' },
        { "max-duration", required_argument, NULL, 'D' },
        { NULL, 0, NULL, 0 },
    };
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    *a = (serve_args){ "127.0.0.1:8080", cli_samples_dir(), cpus < 1 ? 1 : (int)cpus, 64, 10,
                       { .article_bytes = SERVE_INPUT_DEFAULT } };
    int c;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
        switch (c) {
        case 'l': a->listen = optarg; break;
        case 'a': a->articles = optarg; break;
        case 'w': a->workers = ranged(optarg, "--workers", 1, 64); break;
        case 'q': a->max_queue = ranged(optarg, "--max-queue", 0, 100000); break;
        case 't': a->timeout_s = ranged(optarg, "--timeout", 1, 3600); break;
        case 'T': a->limits.render_s = parse_timeout(optarg, "--render-timeout"); break;
        case 'M': a->limits.article_bytes = parse_max_input(optarg, "--max-input"); break;
        case 'D': a->limits.duration_s = parse_duration(optarg, "--max-duration"); break;
        case 'h': usage(a->workers); exit(0);
        case ':': die_usage("option needs a value '%s'", argv[optind - 1]);
        default: die_usage("unknown option '%s'", argv[optind - 1]);
        }
    }
    if (optind < argc)
        die_usage("serve takes no arguments '%s'", argv[optind]);
    struct stat st;
    if (stat(a->articles, &st) != 0)
        die("cannot read articles directory (--articles DIR) '%s': %s", a->articles, strerror(errno));
    if (!S_ISDIR(st.st_mode))
        die("articles must be a directory '%s'", a->articles);
}

#define TMPDIR_PREFIX "narrate-serve-"

/* The temporary directory of a server that was killed: its files (timings
** being read back, the library's .narrate-<pid>-* temporaries) and itself. */
static void remove_dead_tmpdir(const char *parent, const char *name)
{
    char *end;
    long pid = strtol(name + strlen(TMPDIR_PREFIX), &end, 10);
    char dir[512];
    if (pid <= 0 || *end != '-' || kill((pid_t)pid, 0) == 0 || errno != ESRCH ||
        snprintf(dir, sizeof dir, "%s/%s", parent, name) >= (int)sizeof dir)
        return;
    DIR *d = opendir(dir);
    struct dirent *e;
    while (d && (e = readdir(d)))
        if (e->d_name[0] != '.' || strncmp(e->d_name, ".narrate-", 9) == 0)
            unlinkat(dirfd(d), e->d_name, 0);
    if (d)
        closedir(d);
    rmdir(dir);
}

/* Named after this process, so that the next server removes it if this
** one is killed (as the library does its temporary files, narrate.h). */
static void make_tmpdir(nr_server *s)
{
    const char *t = getenv("TMPDIR");
    const char *parent = t && *t ? t : "/tmp";
    DIR *d = opendir(parent);
    struct dirent *e;
    while (d && (e = readdir(d)))
        if (strncmp(e->d_name, TMPDIR_PREFIX, strlen(TMPDIR_PREFIX)) == 0)
            remove_dead_tmpdir(parent, e->d_name);
    if (d)
        closedir(d);
    snprintf(s->tmpdir, sizeof s->tmpdir, "%s/" TMPDIR_PREFIX "%ld-XXXXXX", parent, (long)getpid());
    if (!mkdtemp(s->tmpdir))
        die("cannot create a temporary directory '%s': %s", s->tmpdir, strerror(errno));
}

/* Wait for SIGINT or SIGTERM, blocked in every thread (they inherit the mask). */
static int wait_for_signal(const sigset_t *set)
{
    int sig = 0;
    while (sigwait(set, &sig) != 0)
        ;
    return sig;
}

int cmd_serve(int argc, char **argv)
{
    serve_args a;
    parse_args(argc, argv, &a);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set, NULL);
    signal(SIGPIPE, SIG_IGN);

    static nr_server s; /* MHD and the render threads hold pointers to it */
    s.articles_dir = a.articles;
    s.workers = a.workers;
    s.max_queue = a.max_queue;
    s.timeout_s = a.timeout_s;
    s.max_input = a.limits.article_bytes;
    narrate_error err;
    s.cache = cli_cache(1);
    s.engine = cli_engine_limited(a.workers, &a.limits);
    if (!(s.catalog = serve_catalog_create(a.articles, s.max_input)))
        die("out of memory '%s'", a.articles);
    make_tmpdir(&s);
    if (serve_queue_start(&s, &err) < 0 || serve_http_start(&s, a.listen, &err) < 0) {
        rmdir(s.tmpdir);
        die_lib(&err);
    }
    fprintf(stderr, "narrate: serving %s on http://%.*s:%u/ (%d workers, queue %d)\n", a.articles,
            (int)(strrchr(a.listen, ':') - a.listen), a.listen, serve_http_port(&s), a.workers,
            a.max_queue);
    int sig = wait_for_signal(&set);
    fprintf(stderr, "narrate: %s: stopping\n", strsignal(sig));
    /* No new connections; renders abandoned (no partial cache entries);
    ** waiting connections answered; then the daemon and the workers. */
    serve_http_quiesce(&s);
    serve_queue_stop(&s);
    serve_http_stop(&s);
    serve_queue_free(&s);
    rmdir(s.tmpdir);
    serve_catalog_free(s.catalog);
    narrate_engine_destroy(s.engine);
    narrate_cache_close(s.cache);
    fprintf(stderr, "narrate: stopped\n");
    return 0;
}
