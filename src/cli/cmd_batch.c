/* cmd_batch.c - `narrate batch`: many articles into a directory, in parallel, resumable, shardable. */
#include <errno.h>
#include <getopt.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "batch.h"
#include "cli.h"

/*
** One process, N render threads sharing one engine of N workers: each
** thread takes the next item and renders it with jobs = 1, so N articles
** are synthesized at once, one per worker process.  The main thread only
** draws progress and watches for signals.
**
** SIGINT and SIGTERM ask for a stop: no item starts any more, renders in
** flight are abandoned at their next sentence (nothing partial is left: the
** library removes its temporary files), the summary and report are written,
** then the process dies of that same signal (exit status 130 or 143 in a
** shell), so that a calling script or loop stops too.  A second signal
** ends it at once; the next run clears what that leaves.
*/

#define USAGE                                                                                       \
    "usage: narrate batch INPUT... [options]\n"                                                     \
    "INPUT is a JSONL manifest (an article object with \"id\" per line), a directory of\n"          \
    ".txt/.html/.json articles, an article file, or '-' for a manifest on standard input.\n"         \
    "  --out DIR               where <id>.mp3 go (default: the current directory)\n"               \
    "  -j, --jobs N            articles at once, 1..256 (default: the usable CPUs)\n"               \
    "  --timings vtt|json|both also write <id>.vtt and/or <id>.json (default: none)\n"             \
    "  --report FILE.json      a JSON report, '-' for standard output (default: none)\n"           \
    "  --feed FILE.xml         a podcast feed, with --base-url URL where the MP3s are served\n"    \
    "                          (default: none); --feed-title TEXT (default \"Narrated articles\"),\n" \
    "                          --feed-description TEXT, --feed-author NAME, --feed-image URL,\n"   \
    "                          --feed-link URL (default: --base-url)\n"                             \
    "  --shard K/N             only shard K of N, 0 <= K < N (default: every item)\n"              \
    "  --voice NAME|PATH       a voice profile (default: each article's, as for render)\n"        \
    "  --lexicon FILE          more pronunciations (default: the voice's only)\n"                  \
    "  --rate WPM              words per minute, 80..450 (default: the voice's)\n"                 \
    "  --bitrate KBPS          56, 64, 80, 96, 112, 128, 144, 160 (default 64)\n"                  \
    "  --no-chapters           no MP3 chapters (default: chapters from headings)\n"                \
    "  --interval SECONDS      between progress lines off a terminal (default 10)\n"               \
    "  --timeout SECONDS       each article's render deadline, 0: none (default 600)\n"            \
    "  --max-input BYTES       the largest article, with K, M or G; a larger one fails its\n"     \
    "                          item (default 64M)\n"                                                \
    "  --max-duration SECONDS  the longest article in seconds of speech, estimated before\n"     \
    "                          synthesis, with s, m or h; 0: none; a longer one fails its\n"     \
    "                          item (default 4h)\n"                                                 \
    "  --cache-max-size SIZE   once the items are out, prune the cache to SIZE (K, M or G),\n"    \
    "                          least recently used first (default 0: no bound)\n"                 \
    "  --cache-max-age AGE     then also entries unused for AGE (s, m, h, d or w) (default 0)\n"   \
    "  -q, --quiet             only errors (default: a progress line, then a summary)\n"          \
    "  --cache DIR             the cache, which batch renders through (default\n"                  \
    "                          $NARRATE_CACHE, else $XDG_CACHE_HOME/narrate, else ~/.cache/narrate)"

/* Set by the signal handler, read by the render threads: a lock-free atomic,
** which a handler may store to and other threads may read (volatile
** sig_atomic_t is for a handler and the thread it interrupted only). */
atomic_int batch_stop;
_Static_assert(ATOMIC_INT_LOCK_FREE == 2, "batch_stop must be lock-free to be set in a handler");

static void on_signal(int signo)
{
    if (atomic_load(&batch_stop)) { /* the second one: stop now */
        signal(signo, SIG_DFL);
        raise(signo);
    }
    atomic_store(&batch_stop, signo);
}

/* The CPUs this process may run on (taskset, cgroup cpusets), not all online ones. */
static int usable_cpus(void)
{
    cpu_set_t set;
    if (sched_getaffinity(0, sizeof set, &set) == 0 && CPU_COUNT(&set) > 0)
        return CPU_COUNT(&set);
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (int)n : 1;
}

static void parse_shard(const char *s, batch_options *o)
{
    char *end;
    errno = 0;
    unsigned long k = strtoul(s, &end, 10), n = 0;
    if (end != s && *end == '/' && s[0] >= '0' && s[0] <= '9') {
        const char *ns = end + 1;
        n = ns[0] >= '0' && ns[0] <= '9' ? strtoul(ns, &end, 10) : 0;
    }
    if (errno || *end || n < 1 || n > 1000000 || k >= n)
        die_usage("--shard wants K/N with 0 <= K < N, e.g. 0/4 '%s'", s);
    o->shard_k = (unsigned)k;
    o->shard_n = (unsigned)n;
}

static int parse_timings(const char *s)
{
    if (strcmp(s, "vtt") == 0)
        return TIMINGS_VTT;
    if (strcmp(s, "json") == 0)
        return TIMINGS_JSON;
    if (strcmp(s, "both") == 0)
        return TIMINGS_VTT | TIMINGS_JSON;
    die_usage("--timings wants vtt, json or both '%s'", s);
}

static void parse_options(int argc, char **argv, batch_options *o)
{
    static const struct option longopts[] = {
        { "out", required_argument, NULL, 'o' },      { "jobs", required_argument, NULL, 'j' },
        { "timings", required_argument, NULL, 't' },  { "report", required_argument, NULL, 'R' },
        { "feed", required_argument, NULL, 'F' },     { "base-url", required_argument, NULL, 'B' },
        { "feed-title", required_argument, NULL, 'T' }, { "feed-description", required_argument, NULL, 'D' },
        { "feed-author", required_argument, NULL, 'A' }, { "feed-image", required_argument, NULL, 'I' },
        { "feed-link", required_argument, NULL, 'L' }, { "shard", required_argument, NULL, 'S' },
        { "voice", required_argument, NULL, 'v' },    { "lexicon", required_argument, NULL, 'l' },
        { "rate", required_argument, NULL, 'r' },     { "bitrate", required_argument, NULL, 'b' },
        { "no-chapters", no_argument, NULL, 'C' },    { "interval", required_argument, NULL, 'i' },
        { "quiet", no_argument, NULL, 'q' },          { "help", no_argument, NULL, 'h' },
        { "timeout", required_argument, NULL, 'X' },  { "max-input", required_argument, NULL, 'M' },
        { "max-duration", required_argument, NULL, 'U' },
        { "cache-max-size", required_argument, NULL, 'Z' },
        { "cache-max-age", required_argument, NULL, 'G' },
        { NULL, 0, NULL, 0 },
    };
    batch_feed_options *f = &o->feed;
    int c;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":o:j:qh", longopts, NULL)) != -1) {
        switch (c) {
        case 'o': o->out = optarg; break;
        case 'j':
            if ((o->jobs = parse_int(optarg, "--jobs")) < 1 || o->jobs > 256)
                die_usage("--jobs out of range 1..256 '%s'", optarg);
            break;
        case 't': o->timings = parse_timings(optarg); break;
        case 'R': o->report = optarg; break;
        case 'F': f->path = optarg; break;
        case 'B': f->base_url = optarg; break;
        case 'T': f->title = optarg; break;
        case 'D': f->description = optarg; break;
        case 'A': f->author = optarg; break;
        case 'I': f->image = optarg; break;
        case 'L': f->link = optarg; break;
        case 'S': parse_shard(optarg, o); break;
        case 'v': o->voice = optarg; break;
        case 'l': o->lexicon = optarg; break;
        case 'r': o->rate = parse_int(optarg, "--rate"); break;
        case 'b': o->bitrate = parse_int(optarg, "--bitrate"); break;
        case 'C': o->no_chapters = 1; break;
        case 'i':
            if ((o->interval = parse_int(optarg, "--interval")) < 1)
                die_usage("--interval wants whole seconds, at least 1 '%s'", optarg);
            break;
        case 'q': o->quiet = 1; break;
        case 'X': o->limits.render_s = parse_timeout(optarg, "--timeout"); break;
        case 'M': o->limits.article_bytes = parse_max_input(optarg, "--max-input"); break;
        case 'U': o->limits.duration_s = parse_duration(optarg, "--max-duration"); break;
        case 'Z': o->cache_max_size = parse_scaled(optarg, "--cache-max-size", CLI_SIZE_UNITS, cli_size_scale); break;
        case 'G': o->cache_max_age = parse_scaled(optarg, "--cache-max-age", CLI_AGE_UNITS, cli_age_scale); break;
        case 'h': puts(USAGE); exit(0);
        case ':': die_usage("option needs a value '%s'", argv[optind - 1]);
        default: die_usage("unknown option '%s'", argv[optind - 1]);
        }
    }
    o->inputs = argv + optind;
    o->ninputs = argc - optind;
}

static int is_http_url(const char *s)
{
    return (strncmp(s, "http://", 7) == 0 || strncmp(s, "https://", 8) == 0) && !strpbrk(s, " \t\r\n");
}

/* Everything that can be wrong before any item is read is a usage error. */
static void check_options(batch_options *o)
{
    const batch_feed_options *f = &o->feed;
    if (o->ninputs == 0)
        die_usage("no input given (a manifest, a directory, an article or '-') '%s'", "batch");
    for (int i = 0, stdin_seen = 0; i < o->ninputs; i++)
        if (strcmp(o->inputs[i], "-") == 0 && stdin_seen++)
            die_usage("standard input given twice '%s'", "-");
    if (f->path && !f->base_url)
        die_usage("--feed needs --base-url, where the MP3s will be served '%s'", f->path);
    if (!f->path && (f->base_url || f->title || f->description || f->author || f->image || f->link))
        die_usage("feed options need --feed FILE '%s'", f->base_url ? "--base-url" : "--feed-*");
    const char *urls[] = { f->base_url, f->image, f->link };
    for (size_t i = 0; i < sizeof urls / sizeof urls[0]; i++)
        if (urls[i] && !is_http_url(urls[i]))
            die_usage("feed URLs must be http:// or https:// '%s'", urls[i]);
    if (o->rate && (o->rate < NARRATE_RATE_MIN || o->rate > NARRATE_RATE_MAX))
        die_usage("rate out of range %d..%d wpm '%d'", NARRATE_RATE_MIN, NARRATE_RATE_MAX, o->rate);
    if (!o->out)
        o->out = ".";
    if (!o->jobs)
        o->jobs = usable_cpus();
    if (!o->interval)
        o->interval = 10;
}

/* A file written at the end must not fail after hours of work for want of its directory. */
static void check_writable(const char *path, const char *what)
{
    if (!path || strcmp(path, "-") == 0)
        return;
    const char *slash = strrchr(path, '/');
    char *dir = slash ? strndup(path, (size_t)(slash - path)) : strdup(".");
    if (dir && !*dir) {
        free(dir);
        dir = strdup("/");
    }
    if (!dir || access(dir, W_OK) < 0)
        die("cannot write %s '%s': %s", what, path, strerror(dir ? errno : ENOMEM));
    free(dir);
}

/* The voice, rate and bitrate, tried once on a probe article: a bad value is
** one error now, not the same error for every item. */
static void probe(batch *b)
{
    narrate_error err;
    narrate_article *a = narrate_article_parse("Probe.", 6, &err);
    narrate_voice v;
    if (!a || narrate_voice_for_article(b->engine, a, b->o->voice, &v, &err) < 0)
        die_lib(&err);
    if (b->o->rate)
        v.rate = b->o->rate;
    narrate_render_options ro = { &v, NARRATE_FORMAT_MP3, b->o->bitrate, b->lexicon, NULL, 1,
                                  NULL, NULL, NULL, b->o->no_chapters, 0, NULL, NULL };
    char key[NARRATE_KEY_LEN + 1];
    if (narrate_key(b->engine, a, &ro, key, &err) < 0)
        die_lib(&err);
    narrate_article_free(a);
}

static void open_batch(batch *b, const batch_options *o)
{
    memset(b, 0, sizeof *b);
    b->o = o;
    narrate_error err;
    if (o->lexicon && !(b->lexicon = narrate_lexicon_load(o->lexicon, &err)))
        die_lib(&err);
    b->engine = cli_engine_limited(o->jobs, &o->limits);
    probe(b);
    b->cache = cli_cache(1);
    batch_read_inputs(o->inputs, o->ninputs, &b->list);
    size_t read = b->list.n;
    batch_select_shard(&b->list, o->shard_k, o->shard_n);
    batch_mark_duplicates(&b->list);
    batch_state_open(&b->state, o->out);
    check_writable(o->report, "report");
    check_writable(o->feed.path, "feed");
    progress_init(&b->progress, b->list.n, o->quiet, o->interval);
    if (o->quiet)
        return;
    fprintf(stderr, "narrate: batch: %zu item%s", b->list.n, b->list.n == 1 ? "" : "s");
    if (o->shard_n)
        fprintf(stderr, " (shard %u/%u of %zu)", o->shard_k, o->shard_n, read);
    fprintf(stderr, ", %d job%s, into %s", o->jobs, o->jobs == 1 ? "" : "s", o->out);
    if (b->state.cleaned)
        fprintf(stderr, " (removed %u leftover%s of a killed run)", b->state.cleaned,
                b->state.cleaned == 1 ? "" : "s");
    fputc('\n', stderr);
}

/* After the items are delivered (copied out of the cache), nothing of the
** cache is being written or read by this run: the bound is kept then. */
static void prune_cache(batch *b)
{
    const batch_options *o = b->o;
    if (!o->cache_max_size && !o->cache_max_age)
        return;
    uint64_t removed = 0;
    narrate_error err;
    if (narrate_cache_prune(b->cache, o->cache_max_size, (int64_t)o->cache_max_age, &removed, &err) < 0)
        fprintf(stderr, "narrate: warning: cache prune: %s\n", err.message);
    else if (!o->quiet && removed)
        fprintf(stderr, "narrate: batch: cache pruned, %llu entr%s removed\n",
                (unsigned long long)removed, removed == 1 ? "y" : "ies");
}

static void close_batch(batch *b)
{
    prune_cache(b);
    narrate_cache_close(b->cache);
    narrate_engine_destroy(b->engine);
    narrate_lexicon_free(b->lexicon);
    batch_list_free(&b->list);
    pthread_mutex_destroy(&b->progress.lock);
}

static atomic_int running;

static void *render_thread(void *arg)
{
    batch *b = arg;
    while (!atomic_load(&batch_stop)) {
        size_t i = atomic_fetch_add(&b->next, 1);
        if (i >= b->list.n)
            break;
        batch_render_item(b, &b->list.items[i]);
        progress_item(&b->progress, &b->list.items[i]);
    }
    atomic_fetch_sub(&running, 1);
    return NULL;
}

/* From the start: a stop while the inputs are read still gets a summary and report. */
static void catch_signals(void)
{
    struct sigaction sa = { .sa_handler = on_signal, .sa_flags = SA_RESTART };
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
}

/* Render threads never see the signals: the handler's flag is all they need. */
static void run_threads(batch *b)
{
    int n = (size_t)b->o->jobs < b->list.n ? b->o->jobs : (int)b->list.n;
    pthread_t *t = calloc((size_t)(n ? n : 1), sizeof *t);
    sigset_t stop, old;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop, &old);
    int started = 0, rc = t ? 0 : ENOMEM;
    atomic_store(&running, n);
    for (; rc == 0 && started < n; started++)
        if ((rc = pthread_create(&t[started], NULL, render_thread, b)) != 0)
            break;
    atomic_fetch_sub(&running, n - started);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    if (n > 0 && started == 0)
        die("cannot start render threads '%d': %s", n, strerror(rc));
    const struct timespec tick = { 0, 100 * 1000 * 1000 };
    while (atomic_load(&running) > 0) {
        progress_tick(&b->progress);
        nanosleep(&tick, NULL);
    }
    for (int i = 0; i < started; i++)
        pthread_join(t[i], NULL);
    free(t);
}

/* Report and feed; 0, or -1 after saying what failed. */
static int write_outputs(batch *b, int signo)
{
    const batch_options *o = b->o;
    char *why = NULL;
    int rc = 0;
    if (o->report &&
        batch_report_write(o->report, o, &b->progress, b->list.items, b->list.n, signo, &why) < 0) {
        fprintf(stderr, "narrate: error: %s\n", why ? why : "cannot write the report");
        free(why);
        why = NULL;
        rc = -1;
    }
    /* A stopped run would replace a complete feed with part of one. */
    if (o->feed.path && signo && !o->quiet)
        fprintf(stderr, "narrate: batch: feed not written: the batch was stopped '%s'\n", o->feed.path);
    if (o->feed.path && !signo && batch_feed_write(o, b->list.items, b->list.n, &why) < 0) {
        fprintf(stderr, "narrate: error: %s\n", why ? why : "cannot write the feed");
        free(why);
        rc = -1;
    }
    return rc;
}

int cmd_batch(int argc, char **argv)
{
    batch_options o = { 0 };
    parse_options(argc, argv, &o);
    check_options(&o);
    catch_signals();
    batch b;
    open_batch(&b, &o);
    run_threads(&b);
    int signo = atomic_load(&batch_stop);
    progress_summary(&b.progress, b.list.items, b.list.n, signo);
    int failed = write_outputs(&b, signo) < 0 || b.progress.count[ST_FAILED] > 0;
    close_batch(&b);
    if (signo) {
        fflush(stdout);
        signal(signo, SIG_DFL);
        raise(signo);
        return 128 + signo;
    }
    return failed ? EXIT_RUNTIME : 0;
}
