/* cmd_voices.c - `narrate voices [calibrate]`: the voice profiles, and setting their loudness. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

static const char usage[] =
    "usage: narrate voices\n"
    "       narrate voices calibrate [NAME|PATH...] [--dry-run]\n"
    "Lists the profiles: name, language, espeak-ng voice, rate, description.\n"
    "calibrate measures each profile (default: all) and rewrites its gain_db so that it\n"
    "reads at its loudness_lufs (default -16 LUFS); --dry-run only prints (default: rewrite).\n"
    "Profiles are in $NARRATE_VOICES, else the installed voices directory.";

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

/* ---------------------------------------------------------------- calibrate */

/* One profile to calibrate: its file and its values. */
typedef struct {
    char path[4200];
    narrate_voice voice;
} profile;

typedef struct {
    profile *items;
    size_t n, cap;
    int bad; /* profiles that failed to load */
} profile_list;

static profile *add_profile(profile_list *l)
{
    if (l->n == l->cap) {
        profile *np = realloc(l->items, (l->cap = l->cap ? l->cap * 2 : 8) * sizeof *np);
        if (!np)
            die("out of memory listing voices '%s'", "calibrate");
        l->items = np;
    }
    return &l->items[l->n++];
}

/* The file narrate_voice_find reads for name. */
static void profile_path(const narrate_engine *eng, const char *name, char *path, size_t size)
{
    size_t n = strlen(name);
    if (strchr(name, '/') || (n > 4 && strcmp(name + n - 4, ".ini") == 0))
        snprintf(path, size, "%s", name);
    else
        snprintf(path, size, "%s/%s.ini", narrate_engine_voices_dir(eng), name);
}

typedef struct {
    const narrate_engine *eng;
    profile_list *list;
} collect_state;

static int collect(const narrate_voice *v, const narrate_error *problem, void *userdata)
{
    collect_state *st = userdata;
    if (!v)
        return show(v, problem, &st->list->bad);
    profile *p = add_profile(st->list);
    p->voice = *v;
    profile_path(st->eng, v->name, p->path, sizeof p->path);
    return 0;
}

/* The named profiles (all loaded before any is calibrated, so that a typo
** costs nothing), or every profile in the voices directory. */
static void find_profiles(narrate_engine *eng, char **names, int count, profile_list *l)
{
    narrate_error err;
    for (int i = 0; i < count; i++) {
        profile *p = add_profile(l);
        if (narrate_voice_find(eng, names[i], &p->voice, &err) < 0)
            die_lib(&err);
        profile_path(eng, names[i], p->path, sizeof p->path);
    }
    collect_state st = { eng, l };
    if (count == 0 && narrate_voice_list(eng, collect, &st, &err) < 0)
        die_lib(&err);
}

/* Is line a "gain_db = ..." (or "gain_db: ...") entry?  *key gets where the key starts. */
static int is_gain_line(const char *line, const char **key)
{
    const char *p = line + strspn(line, " \t");
    *key = p;
    if (strncmp(p, "gain_db", 7) != 0)
        return 0;
    p += 7;
    p += strspn(p, " \t");
    return *p == '=' || *p == ':';
}

/* Where the value of an entry ends: at an inline comment (";" after
** whitespace, as inih reads it, with the whitespace before it) or the line end. */
static const char *value_end(const char *line)
{
    for (const char *p = strchr(line, ';'); p; p = strchr(p + 1, ';'))
        if (p > line && (p[-1] == ' ' || p[-1] == '\t')) {
            while (p > line && (p[-1] == ' ' || p[-1] == '\t'))
                p--;
            return p;
        }
    return line + strcspn(line, "\r\n");
}

/* Copy in to out with every gain_db entry set to gain (indentation, comment
** and line end kept), adding one at the end if there is none. */
static int copy_with_gain(FILE *in, FILE *out, double gain)
{
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    int found = 0, newline = 1;
    while ((len = getline(&line, &cap, in)) > 0) {
        const char *key;
        if (is_gain_line(line, &key)) {
            fprintf(out, "%.*sgain_db = %+.2f%s", (int)(key - line), line, gain, value_end(line));
            found = 1;
        } else {
            fwrite(line, 1, (size_t)len, out);
        }
        newline = line[len - 1] == '\n';
    }
    free(line);
    if (ferror(in))
        return -1;
    if (!found)
        fprintf(out, "%sgain_db = %+.2f\n", newline ? "" : "\n", gain);
    return 0;
}

/* Write real's content with the new gain to a temporary file made from the
** template tmp (mkstemp); -1 with errno on failure, leaving no file. */
static int write_copy(const char *real, char *tmp, double gain)
{
    FILE *in = fopen(real, "r");
    struct stat st;
    int fd = in && fstat(fileno(in), &st) == 0 ? mkstemp(tmp) : -1;
    FILE *out = fd >= 0 ? fdopen(fd, "w") : NULL;
    int ok = out && fchmod(fd, st.st_mode & 07777) == 0 && copy_with_gain(in, out, gain) == 0 &&
             fflush(out) == 0 && fsync(fd) == 0;
    int saved = errno;
    if (out ? fclose(out) != 0 : fd >= 0 && close(fd) != 0)
        ok = 0;
    if (in)
        fclose(in);
    if (!ok && fd >= 0)
        unlink(tmp);
    errno = saved;
    return ok ? 0 : -1;
}

/* Rewrite the profile at path with the new gain, atomically: a temporary
** file beside it (beside the target of a symbolic link), then rename. */
static void write_gain(const char *path, double gain)
{
    char *real = realpath(path, NULL);
    const char *slash = real ? strrchr(real, '/') : NULL;
    char *tmp = NULL;
    int ok = slash && asprintf(&tmp, "%.*s/.%s.XXXXXX", (int)(slash - real), real, slash + 1) > 0 &&
             write_copy(real, tmp, gain) == 0;
    if (ok && rename(tmp, real) != 0) {
        int saved = errno;
        unlink(tmp);
        errno = saved;
        ok = 0;
    }
    if (!ok)
        die("cannot write voice profile '%s': %s", path, strerror(errno));
    free(tmp);
    free(real);
}

static int calibrate_one(narrate_engine *eng, const profile *p, int dry_run)
{
    double gain;
    narrate_loudness before, after;
    narrate_error err;
    if (narrate_voice_calibrate(eng, &p->voice, &gain, &before, &after, &err) < 0) {
        fflush(stdout);
        fprintf(stderr, "narrate: error: %s\n", err.message);
        return 1;
    }
    printf("%s: %.1f LUFS %.1f dBTP -> %.1f LUFS %.1f dBTP, gain_db = %+.2f\n", p->voice.name,
           before.integrated_lufs, before.true_peak_dbtp, after.integrated_lufs,
           after.true_peak_dbtp, gain);
    fflush(stdout);
    if (!dry_run)
        write_gain(p->path, gain);
    return 0;
}

static int cmd_calibrate(int argc, char **argv)
{
    static const struct option longopts[] = {
        { "dry-run", no_argument, NULL, 'n' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    int dry_run = 0, opt;
    opterr = 0;
    while ((opt = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
        if (opt == 'n')
            dry_run = 1;
        else if (opt == 'h')
            return puts(usage), 0;
        else
            die_usage("unknown option '%s'", argv[optind - 1]);
    }
    narrate_engine *eng = cli_engine();
    profile_list l = { 0 };
    find_profiles(eng, argv + optind, argc - optind, &l);
    int bad = l.bad;
    for (size_t i = 0; i < l.n; i++)
        bad += calibrate_one(eng, &l.items[i], dry_run);
    free(l.items);
    narrate_engine_destroy(eng);
    return bad ? EXIT_RUNTIME : 0;
}

/* ---------------------------------------------------------------- list */

int cmd_voices(int argc, char **argv)
{
    if (argc > 1 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
        puts(usage);
        return 0;
    }
    if (argc > 1 && strcmp(argv[1], "calibrate") == 0)
        return cmd_calibrate(argc - 1, argv + 1);
    if (argc > 1)
        die_usage("unknown voices command '%s'", argv[1]);
    narrate_engine *eng = cli_engine();
    narrate_error err;
    int bad = 0;
    int rc = narrate_voice_list(eng, show, &bad, &err);
    narrate_engine_destroy(eng);
    if (rc < 0)
        die_lib(&err);
    return bad ? EXIT_RUNTIME : 0;
}
