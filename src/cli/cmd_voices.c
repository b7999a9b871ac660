/* cmd_voices.c - `narrate voices`: the voice profiles and what they sound like. */
#include <stdio.h>
#include <string.h>

#include "cli.h"

static int show(const narrate_voice *v, const narrate_error *problem, void *userdata)
{
    int *bad = userdata;
    if (!v) {
        fflush(stdout);
        fprintf(stderr, "narrate: error: %s\n", problem->message);
        (*bad)++;
        return 0;
    }
    char espeak[100];
    snprintf(espeak, sizeof espeak, "%s%s%s", v->espeak_voice, v->variant[0] ? "+" : "",
             v->variant);
    printf("%-14s %-6s %-12s %3d wpm  %s\n", v->name, v->language, espeak, v->rate,
           v->description);
    return 0;
}

int cmd_voices(int argc, char **argv)
{
    if (argc > 1 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
        puts("usage: narrate voices\nLists the profiles: name, language, espeak-ng voice, "
             "rate, description.");
        return 0;
    }
    if (argc > 1)
        die_usage("unexpected argument '%s'", argv[1]);
    narrate_engine *eng = cli_engine();
    narrate_error err;
    int bad = 0;
    int rc = narrate_voice_list(eng, show, &bad, &err);
    narrate_engine_destroy(eng);
    if (rc < 0)
        die_lib(&err);
    return bad ? EXIT_RUNTIME : 0;
}
