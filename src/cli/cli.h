/* cli.h - what the narrate subcommands share: exit codes, messages, the engine. */
#ifndef NR_CLI_H
#define NR_CLI_H

#include <stdint.h>

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
/* The same with at most max_workers worker processes (0: online CPUs). */
narrate_engine *cli_engine_workers(int max_workers);
/* The same with limits (NULL: the library's defaults). */
narrate_engine *cli_engine_limited(int max_workers, const narrate_limits *limits);

/* nr_write_all, nr_make_dirs: the library's own, shared without being its API. */
#include "fsutil.h"

/* Parse a whole decimal number or die_usage naming the option. */
int parse_int(const char *value, const char *option);

/* A number with an optional unit, one of the letters of units (either
** case), each with its multiplier in scale; or die_usage. */
uint64_t parse_scaled(const char *value, const char *option, const char *units,
                      const uint64_t *scale);

/* Units of sizes (K, M, G: powers of 1024) and of ages (s, m, h, d, w), for
** parse_scaled. */
#define CLI_SIZE_UNITS "kmg"
#define CLI_AGE_UNITS "smhdw"
extern const uint64_t cli_size_scale[3], cli_age_scale[5];

/* --max-input BYTES: at least 1, with K, M or G (powers of 1024). */
size_t parse_max_input(const char *value, const char *option);

/* --timeout SECONDS and the like: 0 means none (NARRATE_LIMIT_NONE). */
int parse_timeout(const char *value, const char *option);

/* The sample articles, an absolute path: samples/ of the source tree for a
** build-tree binary, else where make install put them. */
const char *cli_samples_dir(void);
/* --max-duration: seconds of speech, or with s, m or h; 0 means none. */
int parse_duration(const char *value, const char *option);

/* --cache DIR and --no-cache, accepted anywhere on every command. */
typedef struct cli_options {
    const char *cache_dir;
    int no_cache;
} cli_options;

extern cli_options cli;

/* Remove the global options from argv (updating *argc). */
void cli_take_global_options(int *argc, char **argv);

/* The cache to use, or NULL with --no-cache.  If it cannot be opened: die
** when required, else warn and carry on without it. */
narrate_cache *cli_cache(int required);

/* The options that decide what a render sounds like (render and key), and
** its limits (--timeout, --max-input). */
typedef struct render_args {
    const char *article, *output, *voice, *lexicon, *timings;
    int rate, bitrate, quiet, jobs, no_chapters;
    narrate_format format;
    narrate_limits limits;
} render_args;

void parse_render_args(int argc, char **argv, render_args *a, const char *usage);

/* Everything a render needs, loaded from render_args (dies on errors). */
typedef struct render_setup {
    narrate_article *article;
    narrate_lexicon *lexicon;
    narrate_engine *engine;
    narrate_cache *cache;
    narrate_voice voice;
    narrate_render_options options;
} render_setup;

void render_setup_open(const render_args *a, render_setup *s);
void render_setup_close(render_setup *s);

int cmd_render(int argc, char **argv);
int cmd_key(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_script(int argc, char **argv);
int cmd_voices(int argc, char **argv);
int cmd_cache(int argc, char **argv);
int cmd_serve(int argc, char **argv);
/* Runs cmd_serve in narrate-serve (execv; returns only by exiting on failure). */
int cmd_serve_exec(int argc, char **argv);
int cmd_batch(int argc, char **argv);

#endif
