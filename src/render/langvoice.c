/* langvoice.c - espeak-ng's own voice for a language tag, from the list a worker reports. */
#include "langvoice.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"
#include "error.h"
#include "pool.h"

typedef struct {
    char language[24];
    int priority;
    char voice[48];
} voice_entry;

struct nr_voice_list {
    voice_entry *items;
    size_t count;
};

struct nr_voice_cache {
    pthread_mutex_t lock;
    nr_voice_list *list; /* NULL until a worker was asked */
};

nr_voice_list *nr_voice_list_parse(const char *data, size_t len)
{
    size_t lines = 0;
    for (size_t i = 0; i < len; i++)
        lines += data[i] == '\n';
    nr_voice_list *l = calloc(1, sizeof *l);
    if (l && !(l->items = calloc(lines ? lines : 1, sizeof *l->items))) {
        free(l);
        return NULL;
    }
    for (size_t at = 0; l && at < len;) {
        const char *nl = memchr(data + at, '\n', len - at);
        size_t n = nl ? (size_t)(nl - (data + at)) : len - at;
        char line[128];
        voice_entry e;
        if (n < sizeof line) {
            memcpy(line, data + at, n);
            line[n] = '\0';
            if (sscanf(line, "%23s %d %47s", e.language, &e.priority, e.voice) == 3)
                l->items[l->count++] = e;
        }
        at += n + 1;
    }
    return l;
}

void nr_voice_list_free(nr_voice_list *l)
{
    if (l)
        free(l->items);
    free(l);
}

size_t nr_voice_list_count(const nr_voice_list *l)
{
    return l ? l->count : 0;
}

/* Tags espeak-ng knows by another name: whole tags first, then languages. */
static const struct {
    const char *tag, *as;
} aliases[] = {
    { "zh-hk", "yue" }, { "zh-yue", "yue" }, { "zh-mo", "yue" },
    { "zh", "cmn" },    { "no", "nb" },      { "iw", "he" },   { "in", "id" },
    { "eng", "en" },    { "deu", "de" },     { "ger", "de" },  { "fra", "fr" },
    { "fre", "fr" },    { "spa", "es" },     { "ita", "it" },  { "por", "pt" },
    { "nld", "nl" },    { "dut", "nl" },     { "rus", "ru" },  { "zho", "cmn" },
    { "chi", "cmn" },   { "jpn", "ja" },     { "kor", "ko" },  { "ara", "ar" },
    { "hin", "hi" },    { "tur", "tr" },     { "pol", "pl" },  { "swe", "sv" },
};

/* tag lower-cased, '_' as '-', a known alias replacing its head. */
static void canonical(const char *tag, char *out, size_t size)
{
    char t[64];
    size_t n = 0;
    for (; tag[n] && n < sizeof t - 1; n++)
        t[n] = (char)(tag[n] == '_' ? '-' : tag[n] >= 'A' && tag[n] <= 'Z' ? tag[n] + 32 : tag[n]);
    t[n] = '\0';
    for (size_t i = 0; i < sizeof aliases / sizeof aliases[0]; i++) {
        size_t k = strlen(aliases[i].tag);
        if (strncmp(t, aliases[i].tag, k) == 0 && (t[k] == '\0' || t[k] == '-')) {
            snprintf(out, size, "%s%s", aliases[i].as, t + k);
            return;
        }
    }
    snprintf(out, size, "%s", t);
}

const char *nr_voice_list_pick(const nr_voice_list *l, const char *tag, int *exact)
{
    char want[64];
    if (exact)
        *exact = 0;
    if (!l || !tag || !*tag)
        return NULL;
    canonical(tag, want, sizeof want);
    for (int whole = 1;; whole = 0) {
        const voice_entry *best = NULL;
        for (size_t i = 0; i < l->count; i++)
            if (strcmp(l->items[i].language, want) == 0 &&
                (!best || l->items[i].priority < best->priority))
                best = &l->items[i];
        if (best) {
            if (exact)
                *exact = whole;
            return best->voice;
        }
        char *dash = strrchr(want, '-');
        if (!dash)
            return NULL;
        *dash = '\0';
    }
}

nr_voice_cache *nr_voice_cache_new(void)
{
    nr_voice_cache *c = calloc(1, sizeof *c);
    if (c && pthread_mutex_init(&c->lock, NULL) != 0) {
        free(c);
        return NULL;
    }
    return c;
}

void nr_voice_cache_free(nr_voice_cache *c)
{
    if (!c)
        return;
    pthread_mutex_destroy(&c->lock);
    nr_voice_list_free(c->list);
    free(c);
}

/* One VOICES exchange with a worker of the pool. */
static int ask_worker(nr_pool *pool, nr_voice_list **out, narrate_error *err)
{
    nr_worker *w;
    int rc = nr_pool_acquire(pool, &w, NULL, err);
    if (rc < 0)
        return rc;
    if (nr_msg_send(w->fd, NR_MSG_VOICES, NULL, 0, NULL, 0) < 0) {
        w->broken = 1;
        rc = nr_fail_errno(err, NARRATE_EWORKER, errno, "cannot ask a synthesis worker '%s'",
                           "voices");
    }
    if (rc == NARRATE_OK)
        rc = nr_worker_recv(w, "voices", NULL, err);
    if (rc == NARRATE_OK && w->msg.type != NR_MSG_VOICES)
        rc = nr_worker_unexpected(w, "voices", err);
    if (rc == NARRATE_OK && !(*out = nr_voice_list_parse((const char *)w->msg.data, w->msg.len)))
        rc = nr_fail(err, NARRATE_ENOMEM, "out of memory for espeak-ng's voices '%u bytes'",
                     w->msg.len);
    nr_pool_release(pool, w);
    return rc;
}

int nr_engine_espeak_voices(const narrate_engine *e, const nr_voice_list **list,
                            narrate_error *err)
{
    nr_voice_cache *c = e->espeak_voices;
    int rc = NARRATE_OK;
    pthread_mutex_lock(&c->lock);
    if (!c->list)
        rc = ask_worker(e->pool, &c->list, err);
    *list = c->list;
    pthread_mutex_unlock(&c->lock);
    return rc;
}
