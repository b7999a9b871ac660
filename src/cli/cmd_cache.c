/* cmd_cache.c - `narrate cache stats|prune|verify|clear`: looking after the cache directory. */
#include <errno.h>
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"

static const char usage[] =
    "usage: narrate cache stats\n"
    "       narrate cache prune [--max-size SIZE] [--max-age AGE]\n"
    "       narrate cache verify\n"
    "       narrate cache clear\n"
    "SIZE takes K, M or G (powers of 1024); AGE takes s, m, h, d or w (default: no limit\n"
    "on either, but prune needs one).\n"
    "The cache is --cache DIR, else $NARRATE_CACHE, $XDG_CACHE_HOME/narrate, ~/.cache/narrate.";

static void print_time(const char *label, int64_t t)
{
    char buf[64] = "-";
    time_t tt = (time_t)t;
    if (t)
        strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", localtime(&tt));
    printf("%-8s %s\n", label, buf);
}

static int do_stats(narrate_cache *c)
{
    narrate_cache_stats s;
    narrate_error err;
    if (narrate_cache_stats_get(c, &s, &err) < 0)
        die_lib(&err);
    printf("%-8s %s\n%-8s %llu\n%-8s %llu (%.1f MB)\n", "cache", narrate_cache_dir(c), "entries",
           (unsigned long long)s.entries, "bytes", (unsigned long long)s.bytes, s.bytes / 1e6);
    print_time("oldest", s.oldest);
    print_time("newest", s.newest);
    return 0;
}

static int do_prune(narrate_cache *c, int argc, char **argv)
{
    static const struct option longopts[] = {
        { "max-size", required_argument, NULL, 's' },
        { "max-age", required_argument, NULL, 'a' },
        { NULL, 0, NULL, 0 },
    };
    uint64_t max_size = 0, max_age = 0;
    int opt;
    opterr = 0;
    while ((opt = getopt_long(argc, argv, ":", longopts, NULL)) != -1) {
        if (opt == 's')
            max_size = parse_scaled(optarg, "--max-size", CLI_SIZE_UNITS, cli_size_scale);
        else if (opt == 'a')
            max_age = parse_scaled(optarg, "--max-age", CLI_AGE_UNITS, cli_age_scale);
        else if (opt == ':')
            die_usage("option needs a value '%s'", argv[optind - 1]);
        else
            die_usage("unknown option '%s'", argv[optind - 1]);
    }
    if (optind < argc)
        die_usage("unexpected argument '%s'", argv[optind]);
    if (!max_size && !max_age)
        die_usage("prune needs --max-size or --max-age '%s'", "prune");
    uint64_t removed;
    narrate_error err;
    if (narrate_cache_prune(c, max_size, (int64_t)max_age, &removed, &err) < 0)
        die_lib(&err);
    printf("removed %llu entries\n", (unsigned long long)removed);
    return 0;
}

int cmd_cache(int argc, char **argv)
{
    if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        puts(usage);
        return argc < 2 ? EXIT_USAGE : 0;
    }
    const char *what = argv[1];
    int known = !strcmp(what, "stats") || !strcmp(what, "prune") || !strcmp(what, "verify") ||
                !strcmp(what, "clear");
    if (!known)
        die_usage("unknown cache command '%s'", what);
    if (strcmp(what, "prune") != 0 && argc > 2)
        die_usage("unexpected argument '%s'", argv[2]);
    narrate_cache *c = cli_cache(1);
    narrate_error err;
    uint64_t checked = 0, removed = 0;
    int rc = 0;
    if (!strcmp(what, "stats"))
        rc = do_stats(c);
    else if (!strcmp(what, "prune"))
        rc = do_prune(c, argc - 1, argv + 1);
    else if (!strcmp(what, "verify")) {
        if (narrate_cache_verify(c, &checked, &removed, &err) < 0)
            die_lib(&err);
        printf("checked %llu entries, removed %llu bad\n", (unsigned long long)checked,
               (unsigned long long)removed);
    } else {
        if (narrate_cache_clear(c, &removed, &err) < 0)
            die_lib(&err);
        printf("removed %llu entries\n", (unsigned long long)removed);
    }
    narrate_cache_close(c);
    return rc;
}
