/* cmd_render.c - `narrate render`: an article to an audio file. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "cli.h"

/* The timings format is known from the name before anything is rendered. */
static const char *check_timings_path(const char *path)
{
    const char *dot = strrchr(path, '.');
    if (!dot || (strcmp(dot, ".vtt") != 0 && strcmp(dot, ".json") != 0))
        die_usage("timings file must end in .vtt or .json '%s'", path);
    return path;
}

void parse_render_args(int argc, char **argv, render_args *a, const char *usage)
{
    static const struct option longopts[] = {
        { "output", required_argument, NULL, 'o' }, { "voice", required_argument, NULL, 'v' },
        { "rate", required_argument, NULL, 'r' },   { "bitrate", required_argument, NULL, 'b' },
        { "format", required_argument, NULL, 'f' }, { "quiet", no_argument, NULL, 'q' },
        { "lexicon", required_argument, NULL, 'l' }, { "jobs", required_argument, NULL, 'j' },
        { "timings", required_argument, NULL, 't' }, { "no-chapters", no_argument, NULL, 'C' },
        { "timeout", required_argument, NULL, 'T' }, { "max-input", required_argument, NULL, 'M' },
        { "max-duration", required_argument, NULL, 'D' }, { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    int c;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":o:j:qh", longopts, NULL)) != -1) {
        switch (c) {
        case 'o': a->output = optarg; break;
        case 'v': a->voice = optarg; break;
        case 'l': a->lexicon = optarg; break;
        case 'r': a->rate = parse_int(optarg, "--rate"); break;
        case 'b': a->bitrate = parse_int(optarg, "--bitrate"); break;
        case 'q': a->quiet = 1; break;
        case 'C': a->no_chapters = 1; break;
        case 't': a->timings = check_timings_path(optarg); break;
        case 'T': a->limits.render_s = parse_timeout(optarg, "--timeout"); break;
        case 'M': a->limits.article_bytes = parse_max_input(optarg, "--max-input"); break;
        case 'D': a->limits.duration_s = parse_duration(optarg, "--max-duration"); break;
        case 'j':
            if ((a->jobs = parse_int(optarg, "--jobs")) < 1 || a->jobs > 64)
                die_usage("--jobs out of range 1..64 '%s'", optarg);
            break;
        case 'f':
            if ((a->format = narrate_format_from_name(optarg)) == NARRATE_FORMAT_AUTO)
                die_usage("unknown format (mp3, wav, flac, opus) '%s'", optarg);
            break;
        case 'h':
            puts(usage);
            exit(0);
        case ':': die_usage("option needs a value '%s'", argv[optind - 1]);
        default: die_usage("unknown option '%s'", argv[optind - 1]);
        }
    }
    if (optind == argc)
        die_usage("no article given '%s'", argv[0]);
    if (optind < argc - 1)
        die_usage("one article at a time '%s'", argv[optind + 1]);
    a->article = argv[optind];
    if (a->rate && (a->rate < NARRATE_RATE_MIN || a->rate > NARRATE_RATE_MAX))
        die_usage("rate out of range %d..%d wpm '%d'", NARRATE_RATE_MIN, NARRATE_RATE_MAX, a->rate);
}

/* Without -o: the article's file name with the format's extension, here. */
static char *default_output(const render_args *a)
{
    if (strcmp(a->article, "-") == 0)
        die_usage("reading standard input needs -o '%s'", "-");
    const char *base = strrchr(a->article, '/');
    base = base ? base + 1 : a->article;
    size_t stem = strcspn(base, ".");
    if (stem == 0)
        stem = strlen(base);
    const char *ext = narrate_format_extension(a->format);
    char *out = malloc(stem + strlen(ext) + 2);
    if (!out)
        die("out of memory '%s'", a->article);
    sprintf(out, "%.*s.%s", (int)stem, base, ext);
    return out;
}

static void report(const char *path, const narrate_render_info *info)
{
    int secs = (int)(info->duration_s + 0.5);
    fprintf(stderr, "narrate: wrote %s (%d:%02d, %.1f kB, %zu sentence%s)\n", path, secs / 60,
            secs % 60, (double)info->bytes / 1000.0, info->sentences, info->sentences == 1 ? "" : "s");
}

void render_setup_open(const render_args *a, render_setup *s)
{
    narrate_error err;
    memset(s, 0, sizeof *s);
    /* The cache first: it remembers what the language classifier said. */
    s->cache = cli_cache(0);
    s->article = narrate_article_read_cached(a->article, NARRATE_INPUT_AUTO,
                                             a->limits.article_bytes, s->cache, &err);
    if (!s->article)
        die_lib(&err);
    if (a->lexicon && !(s->lexicon = narrate_lexicon_load(a->lexicon, &err)))
        die_lib(&err);
    s->engine = cli_engine_limited(0, &a->limits);
    if (narrate_voice_for_article(s->engine, s->article, a->voice, &s->voice, &err) < 0)
        die_lib(&err);
    if (a->rate)
        s->voice.rate = a->rate;
    s->options = (narrate_render_options){ &s->voice, a->format, a->bitrate, s->lexicon, s->cache,
                                           a->jobs, a->timings, NULL, NULL, a->no_chapters, 0,
                                           NULL, NULL };
}

void render_setup_close(render_setup *s)
{
    narrate_cache_close(s->cache);
    narrate_engine_destroy(s->engine);
    narrate_article_free(s->article);
    narrate_lexicon_free(s->lexicon);
}

static int write_stdout(const void *data, size_t len, void *userdata)
{
    (void)userdata;
    return nr_write_all(STDOUT_FILENO, data, len);
}

/* -o -: MP3 to standard output as it is encoded. */
static int render_to_stdout(const render_args *a)
{
    if (isatty(STDOUT_FILENO))
        die_usage("refusing to write audio to a terminal '%s'", "-o -");
    if (a->format && a->format != NARRATE_FORMAT_MP3)
        die_usage("standard output takes mp3 only '%s'", "--format");
    render_setup s;
    render_setup_open(a, &s);
    narrate_render_info info;
    narrate_error err;
    int rc = narrate_render_stream(s.engine, s.article, &s.options, write_stdout, NULL, &info, &err);
    render_setup_close(&s);
    if (rc < 0)
        die_lib(&err);
    if (!a->quiet)
        report("(stdout)", &info);
    return 0;
}

/* A progress line on a terminal: where the render is in the article's script,
** as each sentence's audio is written (the library's timings say so in order). */
typedef struct progress {
    const char *name;
    narrate_script *script;
    size_t at, count;
    int width, drawn;
} progress;

static void draw(progress *p, uint32_t audio_ms)
{
    char line[512];
    int secs = (int)(audio_ms / 1000);
    snprintf(line, sizeof line, "narrate: %zu%% (%zu/%zu sentences, %d:%02d of audio) rendering %s",
             p->count ? 100 * p->at / p->count : 100, p->at, p->count, secs / 60, secs % 60, p->name);
    /* never wrap: \r could not take a wrapped line back */
    fprintf(stderr, "\r\033[K%.*s", p->width, line);
    fflush(stderr);
    p->drawn = 1;
}

static int on_sentence(const narrate_sentence_timing *t, void *userdata)
{
    progress *p = userdata;
    /* The render's script is its own, built the same way: the sentence with this place. */
    for (size_t i = p->at; i < p->count; i++) {
        const narrate_sentence *s = narrate_script_sentence(p->script, i);
        if (s->part == t->part && s->article_paragraph == t->paragraph && s->offset == t->begin) {
            p->at = i + 1;
            break;
        }
    }
    draw(p, t->end_ms);
    return 0;
}

/* Only for a person watching: standard error a terminal and no -q.  NULL otherwise. */
static progress *progress_start(progress *p, const render_args *a, render_setup *s)
{
    struct winsize ws;
    if (a->quiet || !isatty(STDERR_FILENO) ||
        !(p->script = narrate_script_create(s->article, &s->voice, s->lexicon, NULL)))
        return NULL;
    p->name = a->article;
    p->count = narrate_script_count(p->script);
    p->width = ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 20 ? ws.ws_col - 1 : 79;
    s->options.on_timing = on_sentence;
    s->options.timing_userdata = p;
    draw(p, 0);
    return p;
}

static void progress_end(progress *p)
{
    if (p && p->drawn)
        fputs("\r\033[K", stderr);
    if (p)
        narrate_script_free(p->script);
}

int cmd_render(int argc, char **argv)
{
    render_args a = { 0 };
    parse_render_args(argc, argv, &a,
                      "usage: narrate render ARTICLE [options]   (ARTICLE '-': standard input)\n"
                      "  -o, --output OUT        the audio file, '-' for MP3 on standard output\n"
                      "                          (default: ARTICLE's name with the format's extension, here)\n"
                      "  --format FORMAT         mp3, wav, flac or opus; must agree with OUT's extension\n"
                      "                          (default: from OUT's extension, else mp3)\n"
                      "  --voice NAME|PATH       a voice profile (default: the article's Voice:, else the\n"
                      "                          profile for its Language:, else default)\n"
                      "  --lexicon FILE          more pronunciations (default: the voice's only)\n"
                      "  --rate WPM              words per minute, 80..450 (default: the voice's)\n"
                      "  --bitrate KBPS          MP3: 56, 64, 80, 96, 112, 128, 144, 160 (default 64)\n"
                      "  --timings FILE          also write cues: FILE.vtt or FILE.json (default: none)\n"
                      "  --no-chapters           no MP3 chapters (default: chapters from headings)\n"
                      "  -j, --jobs N            workers for this article, 1..64 (default: online CPUs)\n"
                      "  --timeout SECONDS       the render's deadline, 0: none (default 600)\n"
                      "  --max-input BYTES       the largest article read, with K, M or G (default 64M)\n"
                      "  --max-duration SECONDS  the longest article, in seconds of speech estimated before\n"
                      "                          synthesis, with s, m or h; 0: none (default 4h)\n"
                      "  -q, --quiet             nothing on standard error but errors (default: progress\n"
                      "                          on a terminal, then a summary line)\n"
                      "  --cache DIR | --no-cache  the cache (default $NARRATE_CACHE, else\n"
                      "                          $XDG_CACHE_HOME/narrate, else ~/.cache/narrate)");
    if (a.output && strcmp(a.output, "-") == 0)
        return render_to_stdout(&a);
    char *owned = a.output ? NULL : default_output(&a);
    const char *out = a.output ? a.output : owned;
    render_setup s;
    render_setup_open(&a, &s);
    progress p = { 0 };
    progress *shown = progress_start(&p, &a, &s);
    narrate_render_info info;
    narrate_error err;
    int rc = narrate_render_file(s.engine, s.article, &s.options, out, &info, &err);
    progress_end(shown);
    render_setup_close(&s);
    if (rc < 0)
        die_lib(&err);
    if (!a.quiet)
        report(out, &info);
    free(owned);
    return 0;
}
