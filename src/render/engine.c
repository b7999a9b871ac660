/* engine.c - the engine: where workers and voices live, and finding voice profiles. */
#include "engine.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "article.h"
#include "config.h"
#include "error.h"

/* First non-empty of the option, the environment variable, the default. */
static char *choose(const char *option, const char *env, const char *fallback)
{
    const char *e = getenv(env);
    if (option && *option)
        return strdup(option);
    return strdup(e && *e ? e : fallback);
}

/* A time or memory limit: 0 is the default, NARRATE_LIMIT_NONE stays. */
static int limit(int value, int fallback, const char *name, int *out, narrate_error *err)
{
    if (value < 0 && value != NARRATE_LIMIT_NONE)
        return nr_fail(err, NARRATE_EINVAL, "invalid limit %d (0: the default, -1: none) '%s'",
                       value, name);
    *out = value ? value : fallback;
    return NARRATE_OK;
}

static int resolve_limits(const narrate_limits *in, narrate_limits *out, narrate_error *err)
{
    out->article_bytes = in->article_bytes ? in->article_bytes : NARRATE_ARTICLE_MAX;
    int rc = limit(in->worker_cpu_s, NARRATE_WORKER_CPU_S_DEFAULT, "worker_cpu_s",
                   &out->worker_cpu_s, err);
    if (rc == NARRATE_OK)
        rc = limit(in->worker_memory_mb, NARRATE_WORKER_MEMORY_MB_DEFAULT, "worker_memory_mb",
                   &out->worker_memory_mb, err);
    if (rc == NARRATE_OK)
        rc = limit(in->render_s, NARRATE_RENDER_S_DEFAULT, "render_s", &out->render_s, err);
    if (rc == NARRATE_OK)
        rc = limit(in->duration_s, NARRATE_DURATION_S_DEFAULT, "duration_s", &out->duration_s, err);
    return rc;
}

narrate_engine *narrate_engine_create(const narrate_engine_options *opts, narrate_error *err)
{
    narrate_engine_options none = { 0 };
    narrate_limits limits;
    if (!opts)
        opts = &none;
    if (opts->max_workers < 0) {
        nr_fail(err, NARRATE_EINVAL, "negative worker count '%d'", opts->max_workers);
        return NULL;
    }
    if (resolve_limits(&opts->limits, &limits, err) < 0)
        return NULL;
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    int max = opts->max_workers ? opts->max_workers : (cpus > 0 ? (int)cpus : 1);
    narrate_engine *e = calloc(1, sizeof *e);
    if (e) {
        e->voices_dir = choose(opts->voices_dir, "NARRATE_VOICES", NR_VOICES_DIR);
        e->worker_path = choose(opts->worker_path, "NARRATE_WORKER", NR_WORKER_PATH);
        e->limits = limits;
    }
    if (e && e->voices_dir && e->worker_path)
        e->pool = nr_pool_create(e->worker_path, max, &limits);
    if (e && e->pool)
        e->espeak_voices = nr_voice_cache_new();
    if (!e || !e->espeak_voices) {
        narrate_engine_destroy(e);
        nr_fail(err, NARRATE_ENOMEM, "out of memory creating engine '%s'", "narrate");
        return NULL;
    }
    return e;
}

void narrate_engine_destroy(narrate_engine *e)
{
    if (!e)
        return;
    nr_pool_destroy(e->pool);
    nr_voice_cache_free(e->espeak_voices);
    free(e->voices_dir);
    free(e->worker_path);
    free(e);
}

void narrate_engine_stats_get(narrate_engine *e, narrate_engine_stats *stats)
{
    memset(stats, 0, sizeof *stats);
    if (e)
        nr_pool_stats(e->pool, stats);
}

void narrate_engine_limits(const narrate_engine *e, narrate_limits *limits)
{
    narrate_limits none = { 0 };
    if (e)
        *limits = e->limits;
    else
        resolve_limits(&none, limits, NULL);
}

const char *narrate_engine_voices_dir(const narrate_engine *e)
{
    return e ? e->voices_dir : NULL;
}

static int is_profile_name(const char *name)
{
    size_t n = strlen(name);
    return n > 0 && n < 64 &&
           strspn(name, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_") == n;
}

int narrate_voice_find(const narrate_engine *e, const char *name, narrate_voice *v,
                       narrate_error *err)
{
    if (!e || !name || !v)
        return nr_fail(err, NARRATE_EINVAL, "missing voice name '%s'", "(null)");
    size_t n = strlen(name);
    if (strchr(name, '/') || (n > 4 && strcmp(name + n - 4, ".ini") == 0))
        return narrate_voice_load(name, v, err);
    if (!is_profile_name(name))
        return nr_fail(err, NARRATE_EVOICE, "unknown voice '%s'", name);
    char path[4096];
    snprintf(path, sizeof path, "%s/%s.ini", e->voices_dir, name);
    if (access(path, F_OK) != 0)
        return nr_fail(err, NARRATE_EVOICE, "unknown voice '%s'", name);
    return narrate_voice_load(path, v, err);
}

/* Does a profile with this plain name exist? */
static int have_profile(const narrate_engine *e, const char *name)
{
    char path[4096];
    if (!is_profile_name(name))
        return 0;
    snprintf(path, sizeof path, "%s/%s.ini", e->voices_dir, name);
    return access(path, F_OK) == 0;
}

/* A profile's settings for a language it was not written for: espeak-ng's
** voice for it, the default profile's rate, pauses and gain (its lexicon and
** any intro or outro are English). */
static int espeak_voice_for(const narrate_engine *e, const char *lang, const char *voice,
                            narrate_voice *v)
{
    narrate_error ignored;
    if (narrate_voice_find(e, "default", v, &ignored) < 0)
        narrate_voice_defaults(v);
    v->lexicon[0] = v->intro[0] = v->outro[0] = v->variant[0] = '\0';
    snprintf(v->name, sizeof v->name, "%s", lang);
    snprintf(v->description, sizeof v->description, "espeak-ng's voice %s", voice);
    snprintf(v->espeak_voice, sizeof v->espeak_voice, "%s", voice);
    snprintf(v->language, sizeof v->language, "%s", lang);
    return NARRATE_OK;
}

/* The voice for a language tag (lower case, '-' separated): its profile;
** else espeak-ng's voice for it, with the settings of the profile for its
** language (a regional voice such as "pt-br" or "en-gb" replacing the
** profile's) or of the default profile. */
static int voice_for_language(const narrate_engine *e, const narrate_article *a, const char *lang,
                              narrate_voice *v, narrate_error *err)
{
    if (have_profile(e, lang))
        return narrate_voice_find(e, lang, v, err);
    char base[16];
    snprintf(base, sizeof base, "%.*s", (int)strcspn(lang, "-"), lang);
    narrate_voice profile;
    int have_base = 1;
    if (have_profile(e, base)) {
        int rc = narrate_voice_find(e, base, &profile, err);
        if (rc < 0)
            return rc;
    } else if (have_profile(e, "default")) {
        /* No default profile is an answer; failing to read one (memory, I/O) is not. */
        int rc = narrate_voice_find(e, "default", &profile, err);
        if (rc < 0)
            return rc;
        have_base = strcmp(profile.language, base) == 0;
    } else {
        have_base = 0;
    }
    if (have_base && strcmp(base, lang) == 0) {
        *v = profile;
        return NARRATE_OK;
    }
    const nr_voice_list *list;
    int rc = nr_engine_espeak_voices(e, &list, err);
    if (rc < 0)
        return rc;
    int exact;
    const char *voice = nr_voice_list_pick(list, lang, &exact);
    if (have_base) {
        /* The profile's own voice unless espeak-ng has one for this very region. */
        const char *own = nr_voice_list_pick(list, profile.espeak_voice, NULL);
        *v = profile;
        if (voice && exact && !(own && strcmp(own, voice) == 0)) {
            snprintf(v->espeak_voice, sizeof v->espeak_voice, "%s", voice);
            snprintf(v->language, sizeof v->language, "%s", lang);
        }
        return NARRATE_OK;
    }
    if (!voice)
        return nr_fail(err, NARRATE_EVOICE, "no voice for language '%s' '%s'", a->language,
                       a->title ? a->title : "(untitled)");
    return espeak_voice_for(e, lang, voice, v);
}

int narrate_voice_for_article(const narrate_engine *e, const narrate_article *a,
                              const char *name, narrate_voice *v, narrate_error *err)
{
    if (!e || !a || !v)
        return nr_fail(err, NARRATE_EINVAL, "missing %s '(null)'", e ? "article" : "engine");
    if (name)
        return narrate_voice_find(e, name, v, err);
    if (a->voice) {
        /* Articles are untrusted: they may name a profile, never a path. */
        if (!is_profile_name(a->voice))
            return nr_fail(err, NARRATE_EVOICE, "unknown voice '%s'", a->voice);
        return narrate_voice_find(e, a->voice, v, err);
    }
    if (a->language) {
        char lang[16];
        snprintf(lang, sizeof lang, "%s", a->language);
        for (char *p = lang; *p; p++)
            *p = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p == '_' ? '-' : *p);
        return voice_for_language(e, a, lang, v, err);
    }
    return narrate_voice_find(e, "default", v, err);
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The sorted "*.ini" names in dir, malloc'd; NULL with *n == 0 if none. */
static char **profile_files(const char *dir, size_t *n, int *rc)
{
    *n = 0;
    *rc = NARRATE_OK;
    DIR *d = opendir(dir);
    if (!d) {
        *rc = NARRATE_EVOICE;
        return NULL;
    }
    char **names = NULL;
    size_t cap = 0;
    struct dirent *de;
    while ((de = readdir(d))) {
        size_t len = strlen(de->d_name);
        if (len <= 4 || de->d_name[0] == '.' || strcmp(de->d_name + len - 4, ".ini") != 0)
            continue;
        if (*n == cap) {
            char **nn = realloc(names, (cap = cap ? cap * 2 : 16) * sizeof *nn);
            if (!nn)
                break;
            names = nn;
        }
        if (!(names[*n] = strdup(de->d_name)))
            break;
        (*n)++;
    }
    if (de)
        *rc = NARRATE_ENOMEM;
    closedir(d);
    if (*n)
        qsort(names, *n, sizeof *names, by_name);
    return names;
}

int narrate_voice_list(const narrate_engine *e, narrate_voice_fn fn, void *userdata,
                       narrate_error *err)
{
    if (!e || !fn)
        return nr_fail(err, NARRATE_EINVAL, "missing %s '(null)'", e ? "callback" : "engine");
    size_t n;
    int rc;
    char **names = profile_files(e->voices_dir, &n, &rc);
    if (rc == NARRATE_EVOICE)
        nr_fail_errno(err, rc, errno, "cannot read voices directory '%s'", e->voices_dir);
    else if (rc == NARRATE_ENOMEM)
        nr_fail(err, rc, "out of memory listing voices '%s'", e->voices_dir);
    for (size_t i = 0; i < n; i++) {
        char path[4096];
        narrate_voice v;
        narrate_error problem = { 0 };
        snprintf(path, sizeof path, "%s/%s", e->voices_dir, names[i]);
        int ok = rc == NARRATE_OK && narrate_voice_load(path, &v, &problem) == NARRATE_OK;
        if (rc == NARRATE_OK)
            rc = fn(ok ? &v : NULL, ok ? NULL : &problem, userdata);
        free(names[i]);
    }
    free(names);
    return rc;
}
