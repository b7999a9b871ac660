/* cmd_serve.c - `narrate serve`: options, start-up, and a clean stop on SIGINT/SIGTERM. */
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <ctype.h>
#include <ini.h>
#include <unistd.h>

#include "serve.h"

static void usage(int cpus)
{
    printf("usage: narrate serve [options]\n"
           "  --config FILE             options as NAME = VALUE lines (INI, [serve] section or none),\n"
           "                            the names of the long options; the command line wins\n"
           "                            (default: none; the systemd unit: /etc/narrate/serve.conf)\n"
           "  --listen HOST:PORT        where to listen (default 127.0.0.1:8080)\n"
           "  --articles DIR            the articles served by id (default %s)\n"
           "  --workers N               synthesis workers, 1..64 (default %d: the online CPUs)\n"
           "  --max-queue N             renders waiting to start, beyond the 32 in flight\n"
           "                            (which share the workers a piece at a time); past\n"
           "                            it 503 (default 64)\n"
           "  --timeout SECONDS         idle connections are closed after it (default 10)\n"
           "  --receive-timeout SECONDS a request's headers and body must arrive within it,\n"
           "                            however slowly they trickle; 0: none (default 30)\n"
           "  --max-connections N       connections in all (default 4096, fewer if file\n"
           "                            descriptors are short)\n"
           "  --max-client-connections N  connections from one address (default 64)\n"
           "  --render-timeout SECONDS  each render's deadline, past it 500; 0: none (default 600)\n"
           "  --max-input BYTES         the largest article, POSTed (above it: 413) or in\n"
           "                            --articles (not served), with K, M or G (default 1M)\n"
           "  --max-duration SECONDS    the longest article in seconds of speech, estimated before\n"
           "                            synthesis (s, m or h; 0: none); longer: 500 at once (default 4h)\n"
           "  --api-keys FILE           Bearer keys needed to start renders and POST (one a line:\n"
           "                            KEY [NAME] [renders_per_minute=N] [concurrent=N]\n"
           "                            [bytes_per_day=SIZE]; re-read on SIGHUP) (default: none,\n"
           "                            anyone may render)\n"
           "  --client-renders-per-minute N  new renders one address may start a minute (default 0:\n"
           "                            no limit)\n"
           "  --client-concurrent N     renders of one address queued or running (default 0: no limit)\n"
           "  --client-bytes-per-day SIZE  article bytes one address may have rendered a day, with\n"
           "                            K, M or G (default 0: no limit)\n"
           "  --cache-max-size SIZE     keep the cache under SIZE (K, M or G), least recently used\n"
           "                            entries pruned in the background (default 0: no bound)\n"
           "  --cache-max-age AGE       prune entries unused for AGE (s, m, h, d or w) (default 0: none)\n"
           "  --log-format FORMAT       the access log on stderr: common or json (default common)\n"
           "  --drain-timeout SECONDS   on SIGTERM, how long streams in flight may take to finish\n"
           "                            (default 30)\n"
           "  --cors-origin ORIGIN      pages of ORIGIN (https://news.example.org, as browsers send\n"
           "                            it) may read audio, timings and the API (CORS); repeatable,\n"
           "                            in --config too (both add up); * allows any page, but only\n"
           "                            cached audio and timings by key (/cache/) (default: none)\n"
           "  --webhook-secret-file FILE  the key (16 to 1024 bytes) under which job callbacks are\n"
           "                            signed, X-Narrate-Signature: sha256=HMAC; without it the API\n"
           "                            refuses callback_url (default: none)\n"
           "  --webhook-allow HOST      a host job callbacks may go to (repeatable; others: 400)\n"
           "                            (default: none)\n"
           "  --cache DIR               the cache, which serve needs (default $NARRATE_CACHE,\n"
           "                            else $XDG_CACHE_HOME/narrate, else ~/.cache/narrate)\n"
           "SIGHUP re-reads --api-keys and, from --config, the client-*, cache-max-* and log-format\n"
           "options.  SIGTERM or SIGINT: no new connections, streams finish (up to --drain-timeout),\n"
           "then exit 0.\n",
           cli_samples_dir(), cpus);
}

typedef struct serve_args {
    const char *listen, *articles, *config, *api_keys, *webhook_secret;
    int workers, max_queue, timeout_s, recv_timeout_s, drain_s, log_json;
    unsigned max_conn, per_client_conn;
    serve_limits client;
    uint64_t cache_max_size, cache_max_age;
    narrate_limits limits;
} serve_args;

static int ranged(const char *value, const char *option, int lo, int hi)
{
    int n = parse_int(value, option);
    if (n < lo || n > hi)
        die_usage("%s out of range %d..%d '%s'", option, lo, hi, value);
    return n;
}


static const struct option longopts[] = {
    { "listen", required_argument, NULL, 'l' },   { "articles", required_argument, NULL, 'a' },
    { "workers", required_argument, NULL, 'w' },  { "max-queue", required_argument, NULL, 'q' },
    { "timeout", required_argument, NULL, 't' },  { "help", no_argument, NULL, 'h' },
    { "render-timeout", required_argument, NULL, 'T' },
    { "max-input", required_argument, NULL, 'M' },
    { "max-duration", required_argument, NULL, 'D' },
    { "config", required_argument, NULL, 'C' },
    { "receive-timeout", required_argument, NULL, 'R' },
    { "max-connections", required_argument, NULL, 'N' },
    { "max-client-connections", required_argument, NULL, 'P' },
    { "api-keys", required_argument, NULL, 'K' },
    { "client-renders-per-minute", required_argument, NULL, 'm' },
    { "client-concurrent", required_argument, NULL, 'c' },
    { "client-bytes-per-day", required_argument, NULL, 'b' },
    { "cache-max-size", required_argument, NULL, 's' },
    { "cache-max-age", required_argument, NULL, 'A' },
    { "log-format", required_argument, NULL, 'F' },
    { "drain-timeout", required_argument, NULL, 'd' },
    { "cache", required_argument, NULL, 'X' },
    { "cors-origin", required_argument, NULL, 'O' },
    { "webhook-secret-file", required_argument, NULL, 'W' },
    { "webhook-allow", required_argument, NULL, 'L' },
    { NULL, 0, NULL, 0 },
};

static void set_option(serve_args *a, int c, const char *v)
{
    switch (c) {
    case 'l': a->listen = v; break;
    case 'a': a->articles = v; break;
    case 'w': a->workers = ranged(v, "--workers", 1, 64); break;
    case 'q': a->max_queue = ranged(v, "--max-queue", 0, 100000); break;
    case 't': a->timeout_s = ranged(v, "--timeout", 1, 3600); break;
    case 'T': a->limits.render_s = parse_timeout(v, "--render-timeout"); break;
    case 'M': a->limits.article_bytes = parse_max_input(v, "--max-input"); break;
    case 'D': a->limits.duration_s = parse_duration(v, "--max-duration"); break;
    case 'C': a->config = v; break;
    case 'R': a->recv_timeout_s = ranged(v, "--receive-timeout", 0, 3600); break;
    case 'N': a->max_conn = (unsigned)ranged(v, "--max-connections", 16, 1000000); break;
    case 'P': a->per_client_conn = (unsigned)ranged(v, "--max-client-connections", 0, 1000000); break;
    case 'K': a->api_keys = v; break;
    case 'm': a->client.renders_per_min = (unsigned)ranged(v, "--client-renders-per-minute", 0, 1000000); break;
    case 'c': a->client.concurrent = (unsigned)ranged(v, "--client-concurrent", 0, 100000); break;
    case 'b': a->client.bytes_per_day = parse_scaled(v, "--client-bytes-per-day", CLI_SIZE_UNITS, cli_size_scale); break;
    case 's': a->cache_max_size = parse_scaled(v, "--cache-max-size", CLI_SIZE_UNITS, cli_size_scale); break;
    case 'A': a->cache_max_age = parse_scaled(v, "--cache-max-age", CLI_AGE_UNITS, cli_age_scale); break;
    case 'F':
        if (strcmp(v, "common") != 0 && strcmp(v, "json") != 0)
            die_usage("--log-format is common or json '%s'", v);
        a->log_json = strcmp(v, "json") == 0;
        break;
    case 'd': a->drain_s = ranged(v, "--drain-timeout", 0, 3600); break;
    case 'X': cli.cache_dir = v; break;
    case 'O':
        if (!serve_cors_valid(v))
            die_usage("--cors-origin needs SCHEME://HOST[:PORT] or * '%s'", v);
        if (serve_cors_add(v) < 0)
            die_usage("too many --cors-origin '%s'", v);
        break;
    case 'W': a->webhook_secret = v; break;
    case 'L':
        if (serve_webhook_allow(v) < 0)
            die_usage("--webhook-allow needs a host name or address (at most 64) '%s'", v);
        break;
    }
}

/* ---- --config FILE: NAME = VALUE, the long options' names (INI, inih) */

typedef struct config_state {
    serve_args *a;
    int reload;                /* only what SIGHUP changes, and never dying */
    char *strings[64];         /* values kept for the server's life */
    int nstrings;
} config_state;

static int config_line(void *user, const char *section, const char *name, const char *value)
{
    config_state *st = user;
    if (*section && strcmp(section, "serve") != 0)
        return 1;
    const struct option *o = longopts;
    while (o->name && strcmp(o->name, name) != 0)
        o++;
    if (!o->name || o->val == 'h' || o->val == 'C') {
        if (!st->reload)
            die_usage("unknown option in --config file '%s'", name);
        return 1;
    }
    if (st->reload) {
        if (!strchr("mcbsAF", o->val))
            return 1; /* read at start only */
        /* Values checked before use: a bad one keeps what is in use. */
        char *end;
        unsigned long long n = strtoull(value, &end, 10);
        uint64_t mul = 1;
        if (end == value)
            return 0;
        if (*end && !end[1]) {
            const char *units = o->val == 'A' ? CLI_AGE_UNITS : CLI_SIZE_UNITS;
            const char *u = strchr(units, tolower((unsigned char)*end));
            if (!u || o->val == 'm' || o->val == 'c')
                return 0;
            mul = o->val == 'A' ? cli_age_scale[u - units] : cli_size_scale[u - units];
        } else if (*end) {
            if (o->val != 'F')
                return 0;
        }
        switch (o->val) {
        case 'm': st->a->client.renders_per_min = (unsigned)n; break;
        case 'c': st->a->client.concurrent = (unsigned)n; break;
        case 'b': st->a->client.bytes_per_day = n * mul; break;
        case 's': st->a->cache_max_size = n * mul; break;
        case 'A': st->a->cache_max_age = n * mul; break;
        }
        if (o->val == 'F') {
            if (strcmp(value, "common") != 0 && strcmp(value, "json") != 0)
                return 0;
            st->a->log_json = strcmp(value, "json") == 0;
        }
        return 1;
    }
    if (st->nstrings == (int)(sizeof st->strings / sizeof *st->strings))
        die_usage("too many options in --config file '%s'", name);
    char *v = strdup(value);
    if (!v)
        die("out of memory '%s'", "--config");
    st->strings[st->nstrings++] = v;
    set_option(st->a, o->val, v);
    return 1;
}

static int read_config(const char *path, serve_args *a, int reload)
{
    static config_state st; /* its strings stay in a */
    st.a = a;
    st.reload = reload;
    int rc = ini_parse(path, config_line, &st);
    if (rc != 0 && !reload) {
        if (rc < 0)
            die("cannot read --config file '%s'", path);
        die_usage("bad line %d in --config file '%s'", rc, path);
    }
    return rc;
}

static void parse_args(int argc, char **argv, serve_args *a)
{
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    *a = (serve_args){ .listen = "127.0.0.1:8080", .articles = cli_samples_dir(),
                       .workers = cpus < 1 ? 1 : (int)cpus, .max_queue = 64, .timeout_s = 10,
                       .recv_timeout_s = 30, .drain_s = 30, .per_client_conn = 64,
                       .limits = { .article_bytes = SERVE_INPUT_DEFAULT } };
    int c;
    /* --config first, so that the command line can override the file. */
    opterr = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--config") == 0 && i + 1 < argc)
            a->config = argv[i + 1];
        else if (strncmp(argv[i], "--config=", 9) == 0)
            a->config = argv[i] + 9;
        else if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
            usage(a->workers), exit(0);
    }
    if (a->config)
        read_config(a->config, a, 0);
    optind = 0;
    while ((c = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
        switch (c) {
        case 'h': usage(a->workers); exit(0);
        case ':': die_usage("option needs a value '%s'", argv[optind - 1]);
        case '?': die_usage("unknown option '%s'", argv[optind - 1]);
        default: set_option(a, c, optarg);
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

/* Wait for SIGINT, SIGTERM or SIGHUP, blocked in every thread (they inherit the mask). */
static int wait_for_signal(const sigset_t *set)
{
    int sig = 0;
    while (sigwait(set, &sig) != 0)
        ;
    return sig;
}

/* SIGHUP: the keys file again, and what --config says of quotas, the cache bound and the log. */
static void reload(nr_server *s, const serve_args *a)
{
    narrate_error err;
    if (s->keys_path) {
        int n = serve_keys_load(s, &err);
        if (n < 0)
            serve_log_msg("warning: SIGHUP: keys kept: %s", err.message);
        else
            serve_log_msg("SIGHUP: %d API keys", n);
    }
    if (!a->config)
        return;
    serve_args now = *a;
    int rc = read_config(a->config, &now, 1);
    if (rc != 0) {
        serve_log_msg("warning: SIGHUP: --config kept as it was: %s at line %d", "a bad value", rc);
        return;
    }
    serve_quota_set_client_limits(s, &now.client);
    atomic_store(&s->cache_max_size, now.cache_max_size);
    atomic_store(&s->cache_max_age, (int64_t)now.cache_max_age);
    serve_log_set_json(now.log_json);
    serve_log_msg("SIGHUP: --config read again");
}

/* Streams in flight finish (the clients read them), up to drain_s seconds. */
static void drain(nr_server *s, int drain_s)
{
    atomic_store(&s->draining, 1);
    for (long i = 0; i < (long)drain_s * 10; i++) {
        serve_queue_stats qs;
        serve_queue_stats_get(s, &qs);
        if (qs.flights == 0 && atomic_load(&s->streams) == 0)
            return;
        usleep(100000);
    }
    serve_log_msg("drain: %d s over, stopping what is left", drain_s);
}

int cmd_serve(int argc, char **argv)
{
    serve_args a;
    parse_args(argc, argv, &a);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGHUP);
    pthread_sigmask(SIG_BLOCK, &set, NULL);
    signal(SIGPIPE, SIG_IGN);

    static nr_server s; /* MHD and the render threads hold pointers to it */
    s.articles_dir = a.articles;
    s.workers = a.workers;
    s.max_queue = a.max_queue;
    s.timeout_s = a.timeout_s;
    s.max_input = a.limits.article_bytes;
    s.recv_deadline_s = a.recv_timeout_s;
    s.max_conn = a.max_conn;
    s.per_client_conn = a.per_client_conn;
    s.keys_path = a.api_keys;
    s.client_limits = a.client;
    atomic_store(&s.cache_max_size, a.cache_max_size);
    atomic_store(&s.cache_max_age, (int64_t)a.cache_max_age);
    serve_log_set_json(a.log_json);
    pthread_mutex_init(&s.keys_lock, NULL);
    narrate_error err;
    if (s.keys_path && serve_keys_load(&s, &err) < 0)
        die_lib(&err);
    if (a.webhook_secret && serve_webhook_secret_file(a.webhook_secret, &err) < 0)
        die_lib(&err);
    if (serve_webhook_start() < 0)
        die("cannot start the webhook sender '%s'", "libcurl");
    if (serve_quota_create(&s) < 0)
        die("out of memory '%s'", "quotas");
    s.cache = cli_cache(1);
    s.engine = cli_engine_limited(a.workers, &a.limits);
    if (!(s.catalog = serve_catalog_create(a.articles, s.max_input)))
        die("out of memory '%s'", a.articles);
    make_tmpdir(&s);
    if (serve_prune_start(&s) < 0)
        die("cannot start the cache pruner '%s'", "--cache-max-size");
    if (serve_queue_start(&s, &err) < 0 || serve_http_start(&s, a.listen, &err) < 0) {
        rmdir(s.tmpdir);
        die_lib(&err);
    }
    fprintf(stderr, "narrate: serving %s on http://%.*s:%u/ (%d workers, queue %d)\n", a.articles,
            (int)(strrchr(a.listen, ':') - a.listen), a.listen, serve_http_port(&s), a.workers,
            a.max_queue);
    int sig;
    while ((sig = wait_for_signal(&set)) == SIGHUP)
        reload(&s, &a);
    fprintf(stderr, "narrate: %s: stopping\n", strsignal(sig));
    /* No new connections; streams in flight finish, up to --drain-timeout;
    ** then renders abandoned (no partial cache entries), waiting connections
    ** answered; then the daemon and the workers. */
    serve_http_quiesce(&s);
    drain(&s, a.drain_s);
    serve_queue_stop(&s);
    serve_http_stop(&s);
    serve_webhook_stop();
    serve_jobs_free();
    serve_queue_free(&s);
    serve_prune_stop(&s);
    serve_quota_free(&s);
    serve_keys_free(&s);
    serve_cors_free();
    rmdir(s.tmpdir);
    serve_catalog_free(s.catalog);
    narrate_engine_destroy(s.engine);
    narrate_cache_close(s.cache);
    fprintf(stderr, "narrate: stopped\n");
    return 0;
}
