/* serve_queue.c - renders for `narrate serve`: one flight per key, shared by its requests, on a bounded queue. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "serve.h"

/*
** A flight is one render of one key.  Every request for the key while it
** runs reads the same bytes from its buffer, from the start, at its own pace:
** so 50 requests for a cold article cost one render and get identical bodies,
** and a slow reader never holds the render up.  The buffer lives as long as
** someone references the flight; the cache keeps the finished entry.
** Connections waiting for bytes are suspended (never a blocked thread) and
** resumed by the render thread when bytes arrive or the flight ends.
**
** A render whose every listener has gone (only the queue's reference is
** left) is cancelled: unlisted at once, so that a new request starts afresh,
** never started if still queued, and aborted within 100 ms if running (the
** library asks abandoned(); its running pieces are killed), which frees its
** workers.  (A connection suspended while it waits cannot be
** seen to go: it counts as a listener until resumed.)  A new render is
** charged to its requester's quotas (serve_quota.c), given back at its end.
*/
struct serve_flight {
    char key[NARRATE_KEY_LEN + 1];
    serve_queue *queue;
    narrate_article *article;
    narrate_voice voice;
    pthread_mutex_t lock;      /* data, done, parked */
    unsigned char *data;
    size_t len, cap;
    unsigned writes;           /* the first is the ID3 tag, before any synthesis */
    int done, rc;
    narrate_error err;
    struct MHD_Connection **parked;
    size_t nparked, capparked;
    int refs;                  /* under the queue's lock */
    atomic_int cancelled;
    atomic_int kept;           /* a job asked for it: never cancelled for want of listeners */
    int started;               /* taken by a render thread (under lock) */
    double estimate_s;         /* seconds of speech expected, once the render began; 0: not yet */
    serve_quota_entry *holds[2];
    serve_flight *next_queued;
    serve_flight *next_live;
};

struct serve_queue {
    pthread_mutex_t lock;
    pthread_cond_t work;
    serve_flight *head, *tail; /* waiting for a render thread */
    serve_flight *live;        /* every unfinished flight: the single-flight table */
    int queued, running, nthreads, nlive, quit;
    uint64_t renders, failed, rejected, cancelled;
    pthread_t *threads;
    nr_server *server;
};

static void flight_unref_locked(serve_flight *f)
{
    if (--f->refs > 0)
        return;
    narrate_article_free(f->article);
    pthread_mutex_destroy(&f->lock);
    free(f->data);
    free(f->parked);
    free(f);
}

static void unlist(serve_queue *q, serve_flight *f);
static serve_flight *find_live(serve_queue *q, const char *key);

void serve_flight_release(serve_flight *f)
{
    if (!f)
        return;
    serve_queue *q = f->queue;
    pthread_mutex_lock(&q->lock);
    int one_left = f->refs == 2; /* else f may be freed now */
    flight_unref_locked(f);
    if (one_left && !atomic_load(&f->cancelled) && !atomic_load(&f->kept)) {
        pthread_mutex_lock(&f->lock);
        int done = f->done;
        pthread_mutex_unlock(&f->lock);
        /* Not done, so the one reference left is the queue's: nobody listens. */
        if (!done) {
            atomic_store(&f->cancelled, 1);
            unlist(q, f);
            q->cancelled++;
        }
    }
    pthread_mutex_unlock(&q->lock);
}

/* Wake every parked connection; with f->lock held. */
static void resume_parked(serve_flight *f)
{
    for (size_t i = 0; i < f->nparked; i++)
        MHD_resume_connection(f->parked[i]);
    f->nparked = 0;
}

int serve_flight_park(serve_flight *f, struct MHD_Connection *conn, size_t have, int until_done)
{
    pthread_mutex_lock(&f->lock);
    int ready = f->done || (!until_done && f->len > have);
    if (!ready && f->nparked == f->capparked) {
        size_t cap = f->capparked ? 2 * f->capparked : 8;
        struct MHD_Connection **p = realloc(f->parked, cap * sizeof *p);
        if (p) {
            f->parked = p;
            f->capparked = cap;
        } else {
            ready = 1; /* out of memory: poll rather than hang */
        }
    }
    if (!ready) {
        atomic_fetch_add(&f->queue->server->parked, 1);
        f->parked[f->nparked++] = conn;
        MHD_suspend_connection(conn);
    }
    pthread_mutex_unlock(&f->lock);
    return !ready;
}

void serve_flight_state_get(serve_flight *f, serve_flight_state *st)
{
    pthread_mutex_lock(&f->lock);
    st->len = f->len;
    st->writes = f->writes;
    st->done = f->done;
    st->rc = f->rc;
    st->err = f->err;
    st->started = f->started;
    st->estimate_s = f->estimate_s;
    pthread_mutex_unlock(&f->lock);
}

void serve_flight_keep(serve_flight *f)
{
    atomic_store(&f->kept, 1);
}

serve_flight *serve_flight_find(nr_server *s, const char *key)
{
    serve_queue *q = s->queue;
    pthread_mutex_lock(&q->lock);
    serve_flight *f = find_live(q, key);
    if (f)
        f->refs++;
    pthread_mutex_unlock(&q->lock);
    return f;
}

/* ------------------------------------------------------------ streaming reader */

typedef struct reader {
    serve_flight *flight;
    struct MHD_Connection *conn;
    int parked;
} reader;

static ssize_t read_flight(void *cls, uint64_t pos, char *buf, size_t max)
{
    reader *rd = cls;
    serve_flight *f = rd->flight;
    ssize_t n;
    if (rd->parked) {
        rd->parked = 0;
        atomic_fetch_sub(&f->queue->server->parked, 1);
    }
    pthread_mutex_lock(&f->lock);
    if (pos < f->len) {
        size_t avail = f->len - (size_t)pos;
        n = (ssize_t)(avail < max ? avail : max);
        memcpy(buf, f->data + pos, (size_t)n);
    } else if (f->done) {
        n = f->rc == NARRATE_OK ? MHD_CONTENT_READER_END_OF_STREAM
                                : MHD_CONTENT_READER_END_WITH_ERROR;
    } else {
        n = 0;
    }
    pthread_mutex_unlock(&f->lock);
    /* Nothing yet: sleep on the flight rather than spin (MHD calls again on resume). */
    if (n == 0)
        rd->parked = serve_flight_park(f, rd->conn, (size_t)pos, 0);
    return n;
}

static void free_reader(void *cls)
{
    reader *rd = cls;
    if (rd->parked)
        atomic_fetch_sub(&rd->flight->queue->server->parked, 1);
    atomic_fetch_sub(&rd->flight->queue->server->streams, 1);
    serve_flight_release(rd->flight);
    free(rd);
}

struct MHD_Response *serve_flight_response(serve_flight *f, struct MHD_Connection *conn)
{
    reader *rd = malloc(sizeof *rd);
    if (!rd)
        return NULL;
    rd->flight = f;
    rd->conn = conn;
    rd->parked = 0;
    atomic_fetch_add(&f->queue->server->streams, 1);
    pthread_mutex_lock(&f->queue->lock);
    f->refs++;
    pthread_mutex_unlock(&f->queue->lock);
    struct MHD_Response *resp =
        MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, 32 * 1024, read_flight, rd, free_reader);
    if (!resp)
        free_reader(rd);
    return resp;
}

/* ------------------------------------------------------------ joining */

static serve_flight *find_live(serve_queue *q, const char *key)
{
    for (serve_flight *f = q->live; f; f = f->next_live)
        if (strcmp(f->key, key) == 0)
            return f;
    return NULL;
}

static serve_flight *flight_new(serve_queue *q, const char *key, narrate_article *article,
                                const narrate_voice *v)
{
    serve_flight *f = calloc(1, sizeof *f);
    if (!f)
        return NULL;
    memcpy(f->key, key, sizeof f->key);
    f->queue = q;
    f->article = article;
    f->voice = *v;
    f->refs = 1; /* the caller's; the live table holds none (the renderer unlists it) */
    pthread_mutex_init(&f->lock, NULL);
    return f;
}

int serve_flight_join(nr_server *s, serve_request *r, const char *key, narrate_article *article,
                      size_t article_bytes, const narrate_voice *v, serve_flight **out)
{
    serve_quota_entry *holds[2] = { NULL, NULL };
    serve_queue *q = s->queue;
    narrate_cache_entry e;
    int rc = SERVE_JOINED;
    *out = NULL;
    pthread_mutex_lock(&q->lock);
    serve_flight *f = find_live(q, key);
    if (f) {
        f->refs++;
    } else if (narrate_cache_lookup(s->cache, key, &e, NULL) == NARRATE_OK) {
        /* Finished between the caller's lookup and now: flights leave the
        ** table only after their entry is committed, so this is definitive. */
        rc = SERVE_HIT;
    } else if (!r->authorized) {
        rc = SERVE_UNAUTHORIZED;
    } else if (q->quit || atomic_load(&s->draining) || q->queued >= s->max_queue) {
        q->rejected++;
        rc = SERVE_BUSY;
    } else if (serve_quota_take(s, r, article_bytes, holds) < 0) {
        rc = SERVE_QUOTA;
    } else if (!(f = flight_new(q, key, article, v))) {
        serve_quota_release(s, holds);
        rc = SERVE_BUSY;
    } else {
        article = NULL; /* the flight's now */
        f->holds[0] = holds[0];
        f->holds[1] = holds[1];
        f->next_live = q->live;
        q->live = f;
        q->nlive++;
        if (q->tail)
            q->tail->next_queued = f;
        else
            q->head = f;
        q->tail = f;
        q->queued++;
        f->refs++; /* the queue's, until rendered */
        pthread_cond_signal(&q->work);
    }
    pthread_mutex_unlock(&q->lock);
    narrate_article_free(article);
    *out = f;
    return rc;
}

/* ------------------------------------------------------------ rendering */

static int append(const void *data, size_t len, void *userdata)
{
    serve_flight *f = userdata;
    pthread_mutex_lock(&f->lock);
    int rc = 0;
    if (f->len + len > f->cap) {
        size_t cap = f->cap ? f->cap : 64 * 1024;
        while (cap < f->len + len)
            cap *= 2;
        unsigned char *d = realloc(f->data, cap);
        if (d) {
            f->data = d;
            f->cap = cap;
        } else {
            rc = 1;
        }
    }
    if (rc == 0) {
        memcpy(f->data + f->len, data, len);
        f->len += len;
        f->writes++;
        resume_parked(f);
    }
    pthread_mutex_unlock(&f->lock);
    /* On shutdown, or with no one listening, the render is abandoned: the
    ** library keeps no partial entry. */
    return rc || atomic_load(&f->queue->server->stopping) || atomic_load(&f->cancelled);
}

static void finish(serve_flight *f, int rc, const narrate_error *err)
{
    pthread_mutex_lock(&f->lock);
    f->done = 1;
    f->rc = rc;
    if (rc < 0)
        f->err = *err;
    resume_parked(f);
    pthread_mutex_unlock(&f->lock);
}

/* Leave the single-flight table: after the entry is committed (see join). */
static void unlist(serve_queue *q, serve_flight *f)
{
    for (serve_flight **p = &q->live; *p; p = &(*p)->next_live)
        if (*p == f) {
            *p = f->next_live;
            q->nlive--;
            break;
        }
}

/* Seconds the script should take to speak: its words at the voice's rate and
** its pauses (as the library estimates it for --max-duration), so that a
** player knows the length of a stream before its end. */
static double estimate_s(const serve_flight *f)
{
    narrate_error err;
    narrate_script *sc = narrate_script_create(f->article, &f->voice, NULL, &err);
    if (!sc)
        return 0;
    uint64_t words = 0, pauses = 0;
    for (size_t i = 0; i < narrate_script_count(sc); i++) {
        const narrate_sentence *e = narrate_script_sentence(sc, i);
        for (const char *p = e->spoken; *p; p++)
            words += *p != ' ' && (p == e->spoken || p[-1] == ' ');
        pauses += (uint64_t)e->pause_ms;
    }
    narrate_script_free(sc);
    int rate = f->voice.rate > 0 ? f->voice.rate : NARRATE_RATE_MIN;
    return (double)words * 60.0 / rate + (double)pauses / 1000.0;
}

/* Asked by the library while it waits: a piece in synthesis is killed at
** once rather than finished for nobody (or for a server stopping). */
static int abandoned(void *userdata)
{
    serve_flight *f = userdata;
    return atomic_load(&f->queue->server->stopping) || atomic_load(&f->cancelled);
}

static void render(serve_queue *q, serve_flight *f)
{
    nr_server *s = q->server;
    narrate_render_options ro = serve_render_options(s, &f->voice);
    ro.cancelled = abandoned;
    ro.cancel_userdata = f;
    narrate_error err = { NARRATE_EIO, "" };
    int rc = NARRATE_EIO;
    struct timespec t0, t1;
    /* Before the first byte, which is when a stream's headers are sent. */
    double est = estimate_s(f);
    pthread_mutex_lock(&f->lock);
    f->started = 1;
    f->estimate_s = est;
    pthread_mutex_unlock(&f->lock);
    clock_gettime(CLOCK_MONOTONIC, &t0);
    if (!atomic_load(&s->stopping) && !atomic_load(&f->cancelled))
        rc = narrate_render_stream(s->engine, f->article, &ro, append, f, NULL, &err);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    /* A job's timings by key (/cache/KEY.vtt) exist before anyone is told it is done. */
    if (rc == NARRATE_OK && atomic_load(&f->kept))
        serve_timings_store(s, f->article, &f->voice, f->key);
    if (rc < 0 && atomic_load(&s->stopping))
        snprintf(err.message, sizeof err.message, "server shutting down '%s'", f->key);
    else if (rc < 0 && atomic_load(&f->cancelled))
        snprintf(err.message, sizeof err.message, "render cancelled: no one listening '%s'", f->key);
    else
        serve_metrics_render((double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9,
                             rc == NARRATE_OK);
    serve_quota_release(s, f->holds);
    if (rc == NARRATE_OK)
        serve_prune_poke(s);
    pthread_mutex_lock(&q->lock);
    if (rc < 0 && !atomic_load(&f->cancelled))
        q->failed++;
    unlist(q, f);
    pthread_mutex_unlock(&q->lock);
    finish(f, rc, &err);
    serve_jobs_done(s, f->key, rc, &err);
}

static void *render_thread(void *arg)
{
    serve_queue *q = arg;
    pthread_mutex_lock(&q->lock);
    for (;;) {
        while (!q->head && !q->quit)
            pthread_cond_wait(&q->work, &q->lock);
        if (!q->head)
            break;
        serve_flight *f = q->head;
        if (!(q->head = f->next_queued))
            q->tail = NULL;
        q->queued--;
        q->running++;
        q->renders++;
        pthread_mutex_unlock(&q->lock);
        render(q, f);
        pthread_mutex_lock(&q->lock);
        q->running--;
        flight_unref_locked(f);
    }
    pthread_mutex_unlock(&q->lock);
    return NULL;
}

int serve_queue_start(nr_server *s, narrate_error *err)
{
    serve_queue *q = calloc(1, sizeof *q);
    int n = s->workers > SERVE_RENDERS ? s->workers : SERVE_RENDERS;
    if (!q || !(q->threads = calloc((size_t)n, sizeof *q->threads))) {
        free(q);
        err->code = NARRATE_ENOMEM;
        snprintf(err->message, sizeof err->message, "out of memory '%s'", "render threads");
        return -1;
    }
    pthread_mutex_init(&q->lock, NULL);
    pthread_cond_init(&q->work, NULL);
    q->server = s;
    s->queue = q;
    for (int i = 0; i < n; i++) {
        if (pthread_create(&q->threads[i], NULL, render_thread, q) != 0)
            break;
        q->nthreads++;
    }
    if (q->nthreads == 0) {
        err->code = NARRATE_ENOMEM;
        snprintf(err->message, sizeof err->message, "cannot start render threads '%d'", n);
        return -1;
    }
    return 0;
}

void serve_queue_stop(nr_server *s)
{
    serve_queue *q = s->queue;
    if (!q)
        return;
    atomic_store(&s->stopping, 1);
    pthread_mutex_lock(&q->lock);
    q->quit = 1;
    /* Queued renders never start: their requests get the error now. */
    serve_flight *f;
    while ((f = q->head)) {
        q->head = f->next_queued;
        q->queued--;
        unlist(q, f);
        narrate_error err = { NARRATE_EIO, "" };
        snprintf(err.message, sizeof err.message, "server shutting down '%s'", f->key);
        finish(f, NARRATE_EIO, &err);
        serve_jobs_done(s, f->key, NARRATE_EIO, &err);
        serve_quota_release(s, f->holds);
        flight_unref_locked(f);
    }
    q->tail = NULL;
    pthread_cond_broadcast(&q->work);
    pthread_mutex_unlock(&q->lock);
    for (int i = 0; i < q->nthreads; i++)
        pthread_join(q->threads[i], NULL);
}

void serve_queue_free(nr_server *s)
{
    serve_queue *q = s->queue;
    if (!q)
        return;
    pthread_mutex_destroy(&q->lock);
    pthread_cond_destroy(&q->work);
    free(q->threads);
    free(q);
    s->queue = NULL;
}

void serve_queue_stats_get(nr_server *s, serve_queue_stats *st)
{
    serve_queue *q = s->queue;
    pthread_mutex_lock(&q->lock);
    *st = (serve_queue_stats){ q->queued, q->running, q->nthreads, s->max_queue, q->nlive,
                               q->renders, q->failed, q->rejected, q->cancelled };
    pthread_mutex_unlock(&q->lock);
}
