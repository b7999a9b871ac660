/* serve_main.c - narrate-serve: `narrate serve` run by narrate (cli.c: cmd_serve_exec), so that only it loads libmicrohttpd. */
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

/* Started as: narrate-serve [--cache DIR] [--no-cache] -- serve ARGS... */
int main(int argc, char **argv)
{
    /* Past a file size limit, report "File too large" rather than die. */
    signal(SIGXFSZ, SIG_IGN);
    cli_take_global_options(&argc, argv);
    if (argc < 3 || strcmp(argv[1], "--") != 0 || strcmp(argv[2], "serve") != 0) {
        fprintf(stderr, "narrate-serve: started by 'narrate serve' only\n");
        return 2;
    }
    return cmd_serve(argc - 2, argv + 2);
}
