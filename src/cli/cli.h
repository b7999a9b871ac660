/* cli.h - what the narrate subcommands share: exit codes, messages, the engine. */
#ifndef NR_CLI_H
#define NR_CLI_H

#include "narrate.h"

#define EXIT_RUNTIME 1
#define EXIT_USAGE 2

/* Print "narrate: error: ..." and exit 1. */
_Noreturn void die(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Print "narrate: error: ...", a hint to see --help, and exit 2. */
_Noreturn void die_usage(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Exit for a library error: 2 for bad option values, 1 otherwise. */
_Noreturn void die_lib(const narrate_error *err);

/* An engine that finds narrate-worker and voices/ beside a build-tree binary. */
narrate_engine *cli_engine(void);

/* Parse a whole decimal number or die_usage naming the option. */
int parse_int(const char *value, const char *option);

int cmd_render(int argc, char **argv);
int cmd_script(int argc, char **argv);
int cmd_voices(int argc, char **argv);

#endif
