/* voice.c - voice profiles: defaults, INI loading (inih) and range checks. */
#include <errno.h>
#include <ini.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "infile.h"

typedef enum { T_TEXT, T_INT, T_DOUBLE } key_type;

typedef struct {
    const char *key;
    key_type type;
    size_t offset, size; /* size: buffer size for T_TEXT */
    double min, max;
} voice_key;

#define TEXT(k, f) { k, T_TEXT, offsetof(narrate_voice, f), sizeof(((narrate_voice *)0)->f), 0, 0 }
#define INT(k, f, lo, hi) { k, T_INT, offsetof(narrate_voice, f), 0, lo, hi }
#define DOUBLE(k, f, lo, hi) { k, T_DOUBLE, offsetof(narrate_voice, f), 0, lo, hi }

static const voice_key voice_keys[] = {
    TEXT("description", description),
    TEXT("espeak_voice", espeak_voice),
    TEXT("variant", variant),
    TEXT("language", language),
    INT("rate", rate, NARRATE_RATE_MIN, NARRATE_RATE_MAX),
    INT("pitch", pitch, 0, 100),
    INT("pitch_range", pitch_range, 0, 100),
    INT("sentence_pause_ms", sentence_pause_ms, 0, NARRATE_PAUSE_MAX_MS),
    INT("paragraph_pause_ms", paragraph_pause_ms, 0, NARRATE_PAUSE_MAX_MS),
    INT("title_pause_ms", title_pause_ms, 0, NARRATE_PAUSE_MAX_MS),
    DOUBLE("gain_db", gain_db, -NARRATE_GAIN_MAX_DB, NARRATE_GAIN_MAX_DB),
    TEXT("lexicon", lexicon),
    TEXT("intro", intro),
    TEXT("outro", outro),
    DOUBLE("loudness_lufs", loudness_lufs, NARRATE_LOUDNESS_MIN, NARRATE_LOUDNESS_MAX),
    INT("chapter_paragraphs", chapter_paragraphs, 0, 1000),
};

#define NKEYS (sizeof voice_keys / sizeof voice_keys[0])

/* Characters allowed in the names handed to espeak-ng, which opens voice
** files by name: no "..", no absolute paths. */
#define NAME_CHARS "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_/"

void narrate_voice_defaults(narrate_voice *v)
{
    memset(v, 0, sizeof *v);
    snprintf(v->name, sizeof v->name, "default");
    snprintf(v->description, sizeof v->description, "built-in defaults");
    snprintf(v->espeak_voice, sizeof v->espeak_voice, "en-us");
    snprintf(v->language, sizeof v->language, "en");
    v->rate = 170;
    v->pitch = 50;
    v->pitch_range = 50;
    v->sentence_pause_ms = 400;
    v->paragraph_pause_ms = 800;
    v->title_pause_ms = 1000;
    v->gain_db = 0;
    v->loudness_lufs = NARRATE_LOUDNESS_DEFAULT;
    v->chapter_paragraphs = 3;
}

static int check_name(const char *value, const char *key, const char *where, int allow_empty,
                      narrate_error *err)
{
    size_t n = strlen(value);
    if ((n == 0 && !allow_empty) || strspn(value, NAME_CHARS) != n || value[0] == '/' ||
        strstr(value, ".."))
        return nr_fail(err, NARRATE_EVOICE,
                       "bad value '%s' for key '%s' (letters, digits, '-', '_', '/') in '%s'",
                       value, key, where);
    return NARRATE_OK;
}

static int check_range(const narrate_voice *v, const voice_key *k, const char *where,
                       narrate_error *err)
{
    const char *field = (const char *)v + k->offset;
    double value = k->type == T_INT ? *(const int *)field : *(const double *)field;
    if (!(value >= k->min && value <= k->max)) /* NaN too: strtod takes "nan" */
        return nr_fail(err, NARRATE_EVOICE, "value %g out of range %g..%g for key '%s' in '%s'",
                       value, k->min, k->max, k->key, where);
    return NARRATE_OK;
}

/* Templates may name {title} and {author}, nothing else. */
static int check_template(const char *t, const char *key, const char *where, narrate_error *err)
{
    for (const char *p = strchr(t, '{'); p; p = strchr(p + 1, '{'))
        if (strncmp(p, "{title}", 7) != 0 && strncmp(p, "{author}", 8) != 0)
            return nr_fail(err, NARRATE_EVOICE,
                           "unknown placeholder (use {title} or {author}) for key '%s' in '%s'", key,
                           where);
    return NARRATE_OK;
}

static int validate_at(const narrate_voice *v, const char *where, narrate_error *err)
{
    int rc = check_name(v->espeak_voice, "espeak_voice", where, 0, err);
    if (rc == NARRATE_OK)
        rc = check_template(v->intro, "intro", where, err);
    if (rc == NARRATE_OK)
        rc = check_template(v->outro, "outro", where, err);
    if (rc == NARRATE_OK)
        rc = check_name(v->variant, "variant", where, 1, err);
    if (rc == NARRATE_OK)
        rc = check_name(v->language, "language", where, 1, err);
    for (size_t i = 0; i < NKEYS && rc == NARRATE_OK; i++)
        if (voice_keys[i].type != T_TEXT)
            rc = check_range(v, &voice_keys[i], where, err);
    return rc;
}

int narrate_voice_validate(const narrate_voice *v, narrate_error *err)
{
    if (!v)
        return nr_fail(err, NARRATE_EINVAL, "missing voice '%s'", "(null)");
    return validate_at(v, v->name[0] ? v->name : "(voice)", err);
}

typedef struct {
    narrate_voice *voice;
    const char *path;
    narrate_error *err;
    int rc;
} load_state;

/* Store one "key = value" into the voice; number syntax is checked here,
** ranges after the whole file is read. */
static int set_key(narrate_voice *v, const voice_key *k, const char *value, const char *path,
                   narrate_error *err)
{
    char *field = (char *)v + k->offset;
    char *end;
    errno = 0;
    if (k->type == T_TEXT) {
        if (strlen(value) >= k->size)
            return nr_fail(err, NARRATE_EVOICE, "value longer than %zu bytes for key '%s' in '%s'",
                           k->size - 1, k->key, path);
        memcpy(field, value, strlen(value) + 1);
        return NARRATE_OK;
    }
    if (k->type == T_INT) {
        long n = strtol(value, &end, 10);
        if (end == value || *end || errno || n < INT_MIN || n > INT_MAX)
            return nr_fail(err, NARRATE_EVOICE, "not a whole number '%s' for key '%s' in '%s'",
                           value, k->key, path);
        *(int *)field = (int)n;
        return NARRATE_OK;
    }
    double d = strtod(value, &end);
    if (end == value || *end || errno)
        return nr_fail(err, NARRATE_EVOICE, "not a number '%s' for key '%s' in '%s'", value,
                       k->key, path);
    *(double *)field = d;
    return NARRATE_OK;
}

static int on_ini(void *user, const char *section, const char *name, const char *value)
{
    load_state *st = user;
    if (st->rc != NARRATE_OK)
        return 0;
    if (strcmp(section, "voice") != 0) {
        st->rc = nr_fail(st->err, NARRATE_EVOICE, "unknown section [%s] in '%s'", section, st->path);
        return 0;
    }
    for (size_t i = 0; i < NKEYS; i++)
        if (strcmp(name, voice_keys[i].key) == 0) {
            st->rc = set_key(st->voice, &voice_keys[i], value, st->path, st->err);
            return st->rc == NARRATE_OK;
        }
    st->rc = nr_fail(st->err, NARRATE_EVOICE, "unknown key '%s' in '%s'", name, st->path);
    return 0;
}

/* The profile name: the file name without directory and ".ini". */
static void name_from_path(narrate_voice *v, const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    size_t n = strlen(base);
    if (n > 4 && strcmp(base + n - 4, ".ini") == 0)
        n -= 4;
    if (n >= sizeof v->name)
        n = sizeof v->name - 1;
    memcpy(v->name, base, n);
    v->name[n] = '\0';
}

/* Make a relative file name in a profile relative to the profile's directory. */
static int resolve_beside(char *name, size_t size, const char *profile, narrate_error *err)
{
    const char *slash = strrchr(profile, '/');
    if (!slash)
        return NARRATE_OK;
    char full[512];
    int n = snprintf(full, sizeof full, "%.*s/%s", (int)(slash - profile), profile, name);
    if (n < 0 || (size_t)n >= size)
        return nr_fail(err, NARRATE_EVOICE, "lexicon path too long for key 'lexicon' in '%s'", profile);
    memcpy(name, full, (size_t)n + 1);
    return NARRATE_OK;
}

int narrate_voice_load(const char *path, narrate_voice *v, narrate_error *err)
{
    if (!path || !v)
        return nr_fail(err, NARRATE_EINVAL, "missing voice path '%s'", "(null)");
    narrate_voice tmp;
    narrate_voice_defaults(&tmp);
    tmp.description[0] = '\0';
    name_from_path(&tmp, path);
    load_state st = { &tmp, path, err, NARRATE_OK };
    FILE *f = nr_fopen_regular(path, NARRATE_EVOICE, "voice profile", err);
    if (!f)
        return NARRATE_EVOICE;
    int line = ini_parse_file(f, on_ini, &st);
    fclose(f);
    if (st.rc != NARRATE_OK)
        return st.rc;
    if (line == -2)
        return nr_fail(err, NARRATE_ENOMEM, "out of memory reading voice profile '%s'", path);
    if (line > 0)
        return nr_fail(err, NARRATE_EVOICE, "syntax error on line %d of voice profile '%s'", line,
                       path);
    int rc = validate_at(&tmp, path, err);
    if (rc == NARRATE_OK && tmp.lexicon[0] && tmp.lexicon[0] != '/')
        rc = resolve_beside(tmp.lexicon, sizeof tmp.lexicon, path, err);
    if (rc == NARRATE_OK)
        *v = tmp;
    return rc;
}
