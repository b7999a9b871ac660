/* cmd_script.c - `narrate script`: the exact text sent to the synthesizer. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"

int cmd_script(int argc, char **argv)
{
    static const struct option longopts[] = {
        { "voice", required_argument, NULL, 'v' },
        { "source", no_argument, NULL, 's' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    const char *voice_name = NULL;
    int source = 0, c;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
        switch (c) {
        case 'v': voice_name = optarg; break;
        case 's': source = 1; break;
        case 'h':
            puts("usage: narrate script ARTICLE [--voice NAME|PATH] [--source]\n"
                 "One sentence per line, a blank line between paragraphs; --source prints\n"
                 "the sentences as they stand in the article instead of as spoken.");
            exit(0);
        case ':': die_usage("option needs a value '%s'", argv[optind - 1]);
        default: die_usage("unknown option '%s'", argv[optind - 1]);
        }
    }
    if (optind == argc)
        die_usage("no article given '%s'", "script");
    if (optind < argc - 1)
        die_usage("one article at a time '%s'", argv[optind + 1]);
    narrate_error err;
    narrate_article *art = narrate_article_read(argv[optind], &err);
    if (!art)
        die_lib(&err);
    narrate_engine *eng = cli_engine();
    narrate_voice voice;
    if (narrate_voice_for_article(eng, art, voice_name, &voice, &err) < 0)
        die_lib(&err);
    narrate_script *script = narrate_script_create(art, &voice, &err);
    if (!script)
        die_lib(&err);
    size_t n = narrate_script_count(script);
    for (size_t i = 0; i < n; i++) {
        const narrate_sentence *s = narrate_script_sentence(script, i);
        if (i > 0 && s->paragraph != narrate_script_sentence(script, i - 1)->paragraph)
            putchar('\n');
        puts(source ? s->source : s->spoken);
    }
    narrate_script_free(script);
    narrate_engine_destroy(eng);
    narrate_article_free(art);
    if (fflush(stdout) != 0 || ferror(stdout))
        die("cannot write '%s'", "standard output");
    return 0;
}
