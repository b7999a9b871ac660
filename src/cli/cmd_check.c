/* cmd_check.c - `narrate check`: do timings files belong to an audio file (after a crash, say)? */
#include <stdio.h>
#include <string.h>

#include "cli.h"

int cmd_check(int argc, char **argv)
{
    if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
        puts("usage: narrate check AUDIO TIMINGS...\n"
             "Exits 0 when every timings file (.vtt or .json, as render --timings writes\n"
             "them) names AUDIO's bytes as its audio; else 1, naming the first that does not.");
        return 0;
    }
    if (argc < 3)
        die_usage("check wants an audio file and its timings '%s'", argc < 2 ? "AUDIO" : "TIMINGS");
    for (int i = 2; i < argc; i++) {
        narrate_error err;
        if (narrate_timings_match(argv[1], argv[i], &err) < 0)
            die_lib(&err);
    }
    return 0;
}
