/* cmd_render.c - `narrate render`: an article to an audio file. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

static const char *const extensions[] = { "mp3", "mp3", "wav", "flac", "opus" };

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
    const char *ext = extensions[a->format];
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
    s->article = narrate_article_read_limited(a->article, NARRATE_INPUT_AUTO,
                                              a->limits.article_bytes, &err);
    if (!s->article)
        die_lib(&err);
    if (a->lexicon && !(s->lexicon = narrate_lexicon_load(a->lexicon, &err)))
        die_lib(&err);
    s->engine = cli_engine_limited(0, &a->limits);
    if (narrate_voice_for_article(s->engine, s->article, a->voice, &s->voice, &err) < 0)
        die_lib(&err);
    if (a->rate)
        s->voice.rate = a->rate;
    s->cache = cli_cache(0);
    s->options = (narrate_render_options){ &s->voice, a->format, a->bitrate, s->lexicon, s->cache,
                                           a->jobs, a->timings, NULL, NULL, a->no_chapters, 0 };
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
    return write_all(STDOUT_FILENO, data, len);
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

int cmd_render(int argc, char **argv)
{
    render_args a = { 0 };
    parse_render_args(argc, argv, &a,
                      "usage: narrate render ARTICLE [-o OUT] [--voice NAME|PATH] [--lexicon FILE]\n"
                      "          [--rate WPM] [--bitrate KBPS] [--format mp3|wav|flac|opus] [-q]\n"
                      "          [--timings FILE.vtt|FILE.json] [--no-chapters]\n"
                      "          [-j|--jobs N] [--timeout SECONDS] [--max-input BYTES]\n"
                      "          [--max-duration SECONDS] [--cache DIR | --no-cache]\n"
                      "--timeout: the render's deadline (default 600; 0: none).  --max-input: the\n"
                      "largest article read, with K, M or G (default 64M).  --max-duration: the\n"
                      "longest article, in seconds of speech estimated before synthesis, with s, m\n"
                      "or h (default 4h; 0: none).");
    if (a.output && strcmp(a.output, "-") == 0)
        return render_to_stdout(&a);
    char *owned = a.output ? NULL : default_output(&a);
    const char *out = a.output ? a.output : owned;
    render_setup s;
    render_setup_open(&a, &s);
    narrate_render_info info;
    narrate_error err;
    int rc = narrate_render_file(s.engine, s.article, &s.options, out, &info, &err);
    render_setup_close(&s);
    if (rc < 0)
        die_lib(&err);
    if (!a.quiet)
        report(out, &info);
    free(owned);
    return 0;
}
