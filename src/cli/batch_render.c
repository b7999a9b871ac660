/* batch_render.c - one item of a batch: parse, key, skip if done, render into the cache, deliver. */
#include <errno.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "batch.h"
#include "cli.h"

/*
** An item is rendered into the cache first (narrate_render_cached: once per
** key across threads, processes and machines sharing the cache), then
** delivered from it (narrate_render_file with the cache: a hit, checksum
** verified, hard-linked or copied into DIR, timings replayed from the
** entry's marks).  So the audio is in the cache before it is in DIR: a kill
** in between leaves a cache entry that the next run delivers without
** synthesis, never an output the cache lacks.  The record in DIR/.narrate
** comes last.
*/

static char *fmt(const char *f, ...) __attribute__((format(printf, 1, 2)));
static char *fmt(const char *f, ...)
{
    va_list ap;
    char *s;
    va_start(ap, f);
    int n = vasprintf(&s, f, ap);
    va_end(ap);
    if (n < 0)
        die("out of memory '%s'", f);
    return s;
}

/* Fill err like the library does; returns code. */
static int set_error(narrate_error *err, int code, const char *f, ...)
    __attribute__((format(printf, 3, 4)));
static int set_error(narrate_error *err, int code, const char *f, ...)
{
    va_list ap;
    va_start(ap, f);
    vsnprintf(err->message, sizeof err->message, f, ap);
    va_end(ap);
    return err->code = code;
}

/* A library message about "(text)", the name narrate_article_parse gives,
** names the item's source instead. */
static void fail_lib(batch_item *it, const narrate_error *err)
{
    const char *m = err->message, *anon = "'(text)'";
    size_t len = strlen(m), alen = strlen(anon);
    if (len >= alen && strcmp(m + len - alen, anon) == 0)
        it->error = fmt("%.*s'%s'", (int)(len - alen), m, it->source);
    else
        it->error = fmt("%s", m);
}

/* A render's timings pass through here: returning non-zero abandons the
** render at the next sentence once a stop is asked for (the library then
** removes its temporary files and the busy worker). */
static int stop_requested(const narrate_sentence_timing *t, void *userdata)
{
    (void)t;
    (void)userdata;
    return atomic_load(&batch_stop) != 0;
}

static char *dup_or_null(const char *s)
{
    return s ? fmt("%s", s) : NULL;
}

/* What a JSON article carries for the feed besides the article: "published"
** (ISO 8601) and "url".  A present but unusable value fails the item, so
** that a broken export is seen rather than a feed quietly missing dates. */
static int json_extras(batch_item *it, const char *data, size_t len)
{
    json_t *root = json_loadb(data, len, 0, NULL);
    json_t *pub = json_object_get(root, "published"), *url = json_object_get(root, "url");
    if (pub && !json_is_null(pub)) {
        if (!json_is_string(pub) || batch_parse_date(json_string_value(pub), &it->published) < 0)
            it->error = fmt("\"published\" is not an ISO 8601 date (2024-10-07T14:30:00Z) '%s'",
                            json_is_string(pub) ? json_string_value(pub) : it->source);
        it->has_published = !it->error;
    }
    if (!it->error && url && json_is_string(url))
        it->link = dup_or_null(json_string_value(url));
    json_decref(root);
    return it->error ? -1 : 0;
}

/* Parse the item, keep what the feed and report need about it. */
static narrate_article *article_of(batch *b, batch_item *it)
{
    char *data;
    size_t len;
    size_t max = b->o->limits.article_bytes;
    if (batch_load(&b->list, it, max, &data, &len) < 0)
        return NULL;
    narrate_error err;
    narrate_article *a = narrate_article_parse_limited(data, len, it->format, max, &err);
    if (!a)
        fail_lib(it, &err);
    if (a && it->format == NARRATE_INPUT_JSON && json_extras(it, data, len) < 0) {
        narrate_article_free(a);
        a = NULL;
    }
    free(data);
    if (a) {
        it->title = dup_or_null(narrate_article_title(a));
        it->author = dup_or_null(narrate_article_author(a));
    }
    return a;
}

/* An article file in DIR itself would be replaced by its own JSON timings. */
static int overwrites_source(const batch_item *it, const char *json)
{
    struct stat a, t;
    return it->manifest < 0 && stat(it->source, &a) == 0 && stat(json, &t) == 0 &&
           a.st_dev == t.st_dev && a.st_ino == t.st_ino;
}

/* Audio and timings into DIR, from the cache entry just made or found. */
static int deliver(batch *b, batch_item *it, const narrate_article *a, narrate_render_options *ro,
                   narrate_error *err)
{
    int timings = b->o->timings;
    char *mp3 = batch_out_path(b->o->out, it->id, ".mp3");
    char *vtt = batch_out_path(b->o->out, it->id, ".vtt");
    char *json = batch_out_path(b->o->out, it->id, ".json");
    narrate_render_info info;
    ro->timings_path = timings & TIMINGS_VTT ? vtt : timings & TIMINGS_JSON ? json : NULL;
    int rc = (timings & TIMINGS_JSON) && overwrites_source(it, json)
                 ? set_error(err, NARRATE_EINVAL, "JSON timings would replace the article '%s'", json)
                 : narrate_render_file(b->engine, a, ro, mp3, &info, err);
    if (rc == NARRATE_OK && timings == (TIMINGS_VTT | TIMINGS_JSON)) {
        narrate_cache_entry ce; /* the second format from the same entry's marks */
        ro->timings_path = json;
        rc = narrate_render_cached(b->engine, b->cache, a, ro, &ce, err);
    }
    if (rc == NARRATE_OK) {
        it->bytes = info.bytes;
        it->duration_ms = (int64_t)(info.duration_s * 1000 + 0.5);
    }
    free(mp3);
    free(vtt);
    free(json);
    return rc;
}

static void render(batch *b, batch_item *it, const narrate_article *a)
{
    narrate_error err;
    narrate_voice v;
    if (narrate_voice_for_article(b->engine, a, b->o->voice, &v, &err) < 0) {
        fail_lib(it, &err);
        return;
    }
    if (b->o->rate)
        v.rate = b->o->rate;
    it->language = dup_or_null(narrate_article_language(a) ? narrate_article_language(a) : v.language);
    narrate_render_options ro = { &v, NARRATE_FORMAT_MP3, b->o->bitrate, b->lexicon, b->cache,
                                  1, NULL, stop_requested, NULL, b->o->no_chapters, 0, NULL, NULL };
    int rc = narrate_key(b->engine, a, &ro, it->key, &err);
    if (rc == NARRATE_OK && batch_state_current(&b->state, it, b->o->timings)) {
        it->status = ST_UP_TO_DATE;
        return;
    }
    narrate_cache_entry ce;
    int cached = rc == NARRATE_OK && narrate_cache_lookup(b->cache, it->key, &ce, NULL) == NARRATE_OK;
    if (rc == NARRATE_OK)
        rc = narrate_render_cached(b->engine, b->cache, a, &ro, &ce, &err);
    if (rc == NARRATE_OK)
        rc = deliver(b, it, a, &ro, &err);
    if (rc == NARRATE_OK && batch_state_record(&b->state, it, b->o->timings) < 0)
        rc = set_error(&err, NARRATE_EIO, "cannot record delivery in %s/.narrate '%s': %s",
                       b->o->out, it->id, strerror(errno));
    if (rc == NARRATE_OK)
        it->status = cached ? ST_CACHED : ST_RENDERED;
    else if (atomic_load(&batch_stop))
        it->status = ST_INTERRUPTED;
    else
        fail_lib(it, &err);
}

void batch_render_item(batch *b, batch_item *it)
{
    double t0 = progress_now();
    narrate_article *a = it->error ? NULL : article_of(b, it);
    if (a)
        render(b, it, a);
    narrate_article_free(a);
    if (it->status == ST_NOT_STARTED)
        it->status = ST_FAILED;
    it->time_ms = (int64_t)((progress_now() - t0) * 1000 + 0.5);
}
