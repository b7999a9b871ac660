/* serve_quota.c - quotas of `narrate serve`: renders per minute, renders at once, article bytes per day, per key and per client address. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "serve.h"

/*
** Only a new render is charged: joining a render already under way, or a
** cache hit, costs nothing.  Each key (by name) and each client address has
** an entry with a one-minute and a one-day window (fixed windows, starting at
** the first render in them) and a count of its renders queued or running,
** which the render's end gives back.  A render is charged to its key and its
** address together, or to neither.  Idle entries are dropped when the table
** grows past its bound, so that many addresses cannot grow it without end.
*/

#define TABLE_MAX 65536

struct serve_quota_entry {
    serve_quota_entry *next;
    char who[80];              /* "k:NAME" or "a:ADDRESS" */
    int64_t min_start, day_start;
    unsigned min_count, running;
    uint64_t day_bytes;
};

struct serve_quota {
    pthread_mutex_t lock;
    serve_quota_entry *buckets[4096];
    size_t n;
};

static int64_t now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (int64_t)t.tv_sec;
}

int serve_quota_create(nr_server *s)
{
    if (!(s->quota = calloc(1, sizeof *s->quota)))
        return -1;
    pthread_mutex_init(&s->quota->lock, NULL);
    return 0;
}

void serve_quota_set_client_limits(nr_server *s, const serve_limits *l)
{
    pthread_mutex_lock(&s->quota->lock);
    s->client_limits = *l;
    pthread_mutex_unlock(&s->quota->lock);
}

void serve_quota_free(nr_server *s)
{
    serve_quota *q = s->quota;
    if (!q)
        return;
    for (size_t i = 0; i < sizeof q->buckets / sizeof *q->buckets; i++)
        for (serve_quota_entry *e = q->buckets[i], *next; e; e = next) {
            next = e->next;
            free(e);
        }
    pthread_mutex_destroy(&q->lock);
    free(q);
    s->quota = NULL;
}

static size_t hash(const char *s)
{
    size_t h = 5381;
    while (*s)
        h = h * 33 + (unsigned char)*s++;
    return h % 4096;
}

static int idle(const serve_quota_entry *e, int64_t now)
{
    return e->running == 0 && now - e->min_start >= 60 && now - e->day_start >= 86400;
}

static void drop_idle(serve_quota *q, int64_t now)
{
    for (size_t i = 0; i < sizeof q->buckets / sizeof *q->buckets; i++)
        for (serve_quota_entry **p = &q->buckets[i]; *p;) {
            if (idle(*p, now)) {
                serve_quota_entry *e = *p;
                *p = e->next;
                free(e);
                q->n--;
            } else {
                p = &(*p)->next;
            }
        }
}

static serve_quota_entry *entry(serve_quota *q, const char *who, int64_t now)
{
    size_t h = hash(who);
    for (serve_quota_entry *e = q->buckets[h]; e; e = e->next)
        if (strcmp(e->who, who) == 0)
            return e;
    if (q->n >= TABLE_MAX)
        drop_idle(q, now);
    serve_quota_entry *e = q->n < TABLE_MAX ? calloc(1, sizeof *e) : NULL;
    if (!e)
        return NULL;
    snprintf(e->who, sizeof e->who, "%s", who);
    e->min_start = e->day_start = now - 86400; /* both windows over */
    e->next = q->buckets[h];
    q->buckets[h] = e;
    q->n++;
    return e;
}

/* 0 if one more render of bytes fits e's limits, else the seconds to wait and *why. */
static unsigned over(serve_quota_entry *e, const serve_limits *l, uint64_t bytes, int64_t now,
                     const char **why)
{
    if (now - e->min_start >= 60) {
        e->min_start = now;
        e->min_count = 0;
    }
    if (now - e->day_start >= 86400) {
        e->day_start = now;
        e->day_bytes = 0;
    }
    if (l->concurrent && e->running >= l->concurrent)
        return *why = "concurrent", 5;
    if (l->renders_per_min && e->min_count >= l->renders_per_min)
        return *why = "renders_per_minute", (unsigned)(60 - (now - e->min_start));
    if (l->bytes_per_day && e->day_bytes + bytes > l->bytes_per_day)
        return *why = "bytes_per_day", (unsigned)(86400 - (now - e->day_start));
    return 0;
}

int serve_quota_take(nr_server *s, serve_request *r, uint64_t bytes, serve_quota_entry *holds[2])
{
    serve_quota *q = s->quota;
    holds[0] = holds[1] = NULL;
    int64_t now = now_s();
    char who[80];
    const char *why = NULL;
    unsigned wait = 0;
    pthread_mutex_lock(&q->lock);
    if (r->key_name[0]) {
        snprintf(who, sizeof who, "k:%s", r->key_name);
        holds[0] = entry(q, who, now);
    }
    snprintf(who, sizeof who, "a:%s", r->client);
    holds[1] = entry(q, who, now);
    if ((r->key_name[0] && !holds[0]) || !holds[1])
        why = "clients", wait = 60; /* the table is full of busy entries */
    const char *whose = "address";
    if (!wait && holds[0] && (wait = over(holds[0], &r->key_limits, bytes, now, &why)))
        whose = "key";
    if (!wait)
        wait = over(holds[1], &s->client_limits, bytes, now, &why);
    if (!wait)
        for (int i = 0; i < 2; i++)
            if (holds[i]) {
                holds[i]->min_count++;
                holds[i]->running++;
                holds[i]->day_bytes += bytes;
            }
    pthread_mutex_unlock(&q->lock);
    if (!wait)
        return 0;
    holds[0] = holds[1] = NULL;
    r->retry_after = wait ? wait : 1;
    snprintf(r->error, sizeof r->error, "%s of the %s", why, whose);
    serve_metrics_quota_rejected(why);
    return -1;
}

void serve_quota_release(nr_server *s, serve_quota_entry *holds[2])
{
    serve_quota *q = s->quota;
    pthread_mutex_lock(&q->lock);
    for (int i = 0; i < 2; i++)
        if (holds[i] && holds[i]->running)
            holds[i]->running--;
    pthread_mutex_unlock(&q->lock);
    holds[0] = holds[1] = NULL;
}
