/* serve_jobs.c - render jobs of the API: their state by key (GET /api/v1/jobs/{key}) and their end (webhooks). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "serve.h"

/*
** A job is a render the API asked for, named by its cache key.  Its state
** comes from wherever it is known: the render itself while it runs (queued
** or rendering, with progress), the table below once it ended (done or
** failed, and its error), and the cache for a key rendered before (done),
** so a job outlives neither its audio nor the server's memory: the table
** keeps the last JOBS_MAX ended jobs, which is what is needed to report a
** failure.  A job's render is kept running without listeners
** (serve_flight_keep); its callback_url, if any, is POSTed the final state
** by serve_webhook.c when it ends.
*/

#define JOBS_MAX 4096

typedef struct job {
    struct job *next;
    char key[NARRATE_KEY_LEN + 1];
    int ended, ok;
    char error[NARRATE_ERROR_MAX + 64];
    char *callback_url;        /* NULL: none */
    uint64_t seq;              /* order of the last change, for the bound */
} job;

static pthread_mutex_t jobs_lock = PTHREAD_MUTEX_INITIALIZER;
static job *jobs;
static size_t njobs;
static uint64_t jobs_seq;

static job *find(const char *key)
{
    for (job *j = jobs; j; j = j->next)
        if (strcmp(j->key, key) == 0)
            return j;
    return NULL;
}

/* The oldest ended job goes when the table is full (running ones stay). */
static void trim(void)
{
    while (njobs > JOBS_MAX) {
        job **oldest = NULL;
        for (job **p = &jobs; *p; p = &(*p)->next)
            if ((*p)->ended && (!oldest || (*p)->seq < (*oldest)->seq))
                oldest = p;
        if (!oldest)
            return;
        job *j = *oldest;
        *oldest = j->next;
        free(j->callback_url);
        free(j);
        njobs--;
    }
}

int serve_jobs_add(const char *key, const char *callback_url)
{
    char *cb = callback_url ? strdup(callback_url) : NULL;
    if (callback_url && !cb)
        return -1;
    pthread_mutex_lock(&jobs_lock);
    job *j = find(key);
    if (!j && (j = calloc(1, sizeof *j))) {
        snprintf(j->key, sizeof j->key, "%s", key);
        j->next = jobs;
        jobs = j;
        njobs++;
    }
    if (j) {
        j->ended = j->ok = 0;
        j->error[0] = '\0';
        j->seq = ++jobs_seq;
        if (cb) {
            /* A second POST of the same article while it renders: the last callback wins. */
            free(j->callback_url);
            j->callback_url = cb;
            cb = NULL;
        }
        trim();
    }
    pthread_mutex_unlock(&jobs_lock);
    free(cb);
    return j ? 0 : -1;
}

/* The JSON every job answer shares: key, where its audio and timings will be. */
static void common(serve_buf *b, const char *key)
{
    serve_buf_printf(b,
                     "{\"key\":\"%s\",\"url\":\"/cache/%s.mp3\",\"timings\":{\"vtt\":\"/cache/%s.vtt\","
                     "\"json\":\"/cache/%s.json\"}",
                     key, key, key, key);
}

/* A finished job: done with its duration, or failed with its error. */
static void ended(serve_buf *b, const char *key, int ok, const char *error, double duration_s)
{
    common(b, key);
    if (ok) {
        serve_buf_printf(b, ",\"status\":\"done\",\"progress\":1,\"duration_s\":%.3f}\n", duration_s);
    } else {
        serve_buf_add(b, ",\"status\":\"failed\",\"progress\":1,\"error\":", 39);
        serve_buf_json(b, error);
        serve_buf_add(b, "}\n", 2);
    }
}

void serve_jobs_done(nr_server *s, const char *key, int rc, const narrate_error *err)
{
    pthread_mutex_lock(&jobs_lock);
    job *j = find(key);
    char *cb = NULL;
    if (j && !j->ended) {
        j->ended = 1;
        j->ok = rc == NARRATE_OK;
        j->seq = ++jobs_seq;
        if (rc < 0)
            serve_redact(j->error, sizeof j->error, err->message);
        cb = j->callback_url;
        j->callback_url = NULL;
    }
    char error[sizeof j->error];
    snprintf(error, sizeof error, "%s", j ? j->error : "");
    pthread_mutex_unlock(&jobs_lock);
    if (!cb)
        return;
    narrate_cache_entry e = { .duration_s = 0 };
    if (rc == NARRATE_OK && narrate_cache_lookup(s->cache, key, &e, NULL) != NARRATE_OK)
        e.duration_s = 0;
    serve_buf b = { 0 };
    ended(&b, key, rc == NARRATE_OK, error, e.duration_s);
    if (!b.failed)
        serve_webhook_send(cb, b.data, b.len);
    free(b.data);
    free(cb);
}

void serve_jobs_free(void)
{
    pthread_mutex_lock(&jobs_lock);
    while (jobs) {
        job *j = jobs;
        jobs = j->next;
        free(j->callback_url);
        free(j);
    }
    njobs = 0;
    pthread_mutex_unlock(&jobs_lock);
}

void serve_jobs_pending_body(serve_buf *b, const char *key)
{
    common(b, key);
    serve_buf_add(b, "}\n", 2);
}

void serve_jobs_done_body(serve_buf *b, const char *key, double duration_s)
{
    common(b, key);
    serve_buf_printf(b, ",\"duration_s\":%.3f}\n", duration_s);
}

/* GET /api/v1/jobs/{key} */
enum MHD_Result serve_jobs_get(nr_server *s, struct MHD_Connection *c, serve_request *r,
                               const char *key)
{
    if (strspn(key, "0123456789abcdef") != NARRATE_KEY_LEN || key[NARRATE_KEY_LEN])
        return serve_reply_error(c, r, MHD_HTTP_NOT_FOUND, "no such job '%s'", "key");
    serve_buf b = { 0 };
    serve_flight *f = serve_flight_find(s, key);
    if (f) {
        serve_flight_state st;
        serve_flight_state_get(f, &st);
        serve_flight_release(f);
        /* The bytes so far as seconds at the stream's bitrate, against the estimate. */
        double p = 0;
        if (st.started && st.estimate_s > 0)
            p = (double)st.len * 8.0 / (NARRATE_BITRATE_DEFAULT * 1000.0) / st.estimate_s;
        if (p > 0.99)
            p = 0.99;
        common(&b, key);
        serve_buf_printf(&b, ",\"status\":\"%s\",\"progress\":%.2f", st.started ? "rendering" : "queued", p);
        if (st.estimate_s > 0)
            serve_buf_printf(&b, ",\"duration_estimate_s\":%.1f", st.estimate_s);
        serve_buf_add(&b, "}\n", 2);
    } else {
        pthread_mutex_lock(&jobs_lock);
        job *j = find(key);
        int known = j && j->ended, ok = known && j->ok;
        char error[sizeof j->error];
        snprintf(error, sizeof error, "%s", known ? j->error : "");
        pthread_mutex_unlock(&jobs_lock);
        narrate_cache_entry e;
        int hit = narrate_cache_lookup(s->cache, key, &e, NULL) == NARRATE_OK;
        if (hit)
            ended(&b, key, 1, "", e.duration_s);
        else if (known && !ok)
            ended(&b, key, 0, error, 0);
        else if (known)
            ended(&b, key, 0, "rendered, but no longer in the cache", 0);
        else
            return serve_reply_error(c, r, MHD_HTTP_NOT_FOUND, "no such job '%s'", key);
    }
    enum MHD_Result ok = b.failed ? MHD_NO
                                  : serve_reply(c, r, MHD_HTTP_OK, "application/json", b.data, b.len);
    free(b.data);
    return ok;
}

void serve_jobs_forget(const char *key)
{
    pthread_mutex_lock(&jobs_lock);
    for (job **p = &jobs; *p; p = &(*p)->next)
        if (strcmp((*p)->key, key) == 0 && !(*p)->ended) {
            job *j = *p;
            *p = j->next;
            free(j->callback_url);
            free(j);
            njobs--;
            break;
        }
    pthread_mutex_unlock(&jobs_lock);
}
