/* cmd_key.c - `narrate key`: the cache key of a render, without rendering. */
#include <stdio.h>

#include "cli.h"

int cmd_key(int argc, char **argv)
{
    render_args a = { 0 };
    parse_render_args(argc, argv, &a,
                      "usage: narrate key ARTICLE [-o OUT] [--voice NAME|PATH] [--lexicon FILE]\n"
                      "          [--rate WPM] [--bitrate KBPS] [--format mp3|wav|flac|opus]\n"
                      "          [--max-input BYTES] [--max-duration SECONDS]\n"
                      "Prints the 64-hex-digit cache key the same render options would use; each\n"
                      "option and its default as for render (narrate render --help).");
    if (!a.format && a.output)
        a.format = narrate_format_from_path(a.output);
    cli.no_cache = 1; /* the key needs no cache */
    render_setup s;
    render_setup_open(&a, &s);
    char key[NARRATE_KEY_LEN + 1];
    narrate_error err;
    int rc = narrate_key(s.engine, s.article, &s.options, key, &err);
    render_setup_close(&s);
    if (rc < 0)
        die_lib(&err);
    puts(key);
    return 0;
}
