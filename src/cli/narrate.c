/* narrate.c - the narrate command: option handling and the table of subcommands. */
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

static const struct command {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
} commands[] = {
    { "render", cmd_render, "turn an article into an audio file" },
    { "script", cmd_script, "show the text that will be spoken" },
    { "voices", cmd_voices, "list the voice profiles; calibrate their loudness" },
    { "key", cmd_key, "print the cache key of a render" },
    { "cache", cmd_cache, "cache stats, prune, verify, clear" },
    { "serve", cmd_serve_exec, "HTTP server: article pages with a player, audio, timings" },
    { "batch", cmd_batch, "render many articles into a directory, in parallel" },
    { "check", cmd_check, "check that timings files belong to an audio file" },
};

static void usage(FILE *out)
{
    fputs("usage: narrate <command> [options]\n"
          "       narrate --help | --version\n\ncommands:\n", out);
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(out, "  %-8s %s\n", commands[i].name, commands[i].summary);
    fputs("\nnarrate render ARTICLE [-o OUT] [--voice NAME|PATH] [--lexicon FILE] [--rate WPM]\n"
          "               [--bitrate KBPS] [--format mp3|wav|flac|opus] [-q]\n"
          "               [--timeout SECONDS] [--max-input BYTES]\n"
          "narrate script ARTICLE [--voice NAME|PATH] [--lexicon FILE] [--source|--json]\n"
          "narrate voices | voices calibrate [NAME|PATH...] [--dry-run]\n"
          "narrate key ARTICLE [render options]\n"
          "narrate cache stats | prune [--max-size SIZE] [--max-age AGE] | verify | clear\n"
          "narrate serve [--listen HOST:PORT] [--articles DIR] [--workers N] [--max-queue N]\n"
          "              [--timeout SECONDS] [--render-timeout SECONDS] [--max-input BYTES]\n"
          "narrate batch INPUT... [--out DIR] [-j N] [--timings vtt|json|both] [--report FILE.json]\n"
          "              [--feed FILE.xml --base-url URL] [--shard K/N] [--voice NAME] [-q]\n"
          "              [--timeout SECONDS] [--max-input BYTES]\n"
          "narrate check AUDIO TIMINGS...\n"
          "Every command takes --cache DIR (default $NARRATE_CACHE, else\n"
          "$XDG_CACHE_HOME/narrate, else ~/.cache/narrate); render, script, key and voices\n"
          "also take --no-cache.  batch, serve and cache need the cache.\n"
          "narrate COMMAND --help lists each option with its default.\n\n"
          "Limits: --timeout (render) and --render-timeout (serve) give each render a deadline\n"
          "in seconds (default 600, 0 for none); --max-input is the largest article read, in\n"
          "bytes with K, M or G (default 64M; serve: 1M, POST bodies included).  A limit hit\n"
          "is an error naming the limit; narrate exits 1.  --max-duration (render, batch,\n"
          "serve) is the longest article in seconds of speech, estimated before synthesis\n"
          "(s, m or h; default 4h; 0 for none).\n\n"
          "ARTICLE is a text, HTML or JSON file, or '-' for standard input.  See narrate(1).\n", out);
}

int main(int argc, char **argv)
{
    /* Past a file size limit, report "File too large" rather than die. */
    signal(SIGXFSZ, SIG_IGN);
    cli_take_global_options(&argc, argv);
    if (argc < 2)
        die_usage("no command given");
    const char *name = argv[1];
    if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0 || strcmp(name, "help") == 0) {
        usage(stdout);
        return 0;
    }
    if (strcmp(name, "--version") == 0) {
        printf("narrate %s\n", narrate_version());
        return 0;
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (strcmp(name, commands[i].name) == 0)
            return commands[i].run(argc - 1, argv + 1);
    die_usage("unknown command '%s'", name);
}
