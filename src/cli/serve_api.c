/* serve_api.c - `narrate serve` JSON endpoints: POST /api/v1/audio (answered at once, or ?wait=1) and GET /healthz. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "serve.h"

/* 200: the entry, with where its timings are and its duration. */
static enum MHD_Result reply_entry(struct MHD_Connection *c, serve_request *r,
                                   const narrate_cache_entry *e)
{
    serve_buf b = { 0 };
    serve_jobs_done_body(&b, e->key, e->duration_s);
    enum MHD_Result ok = b.failed ? MHD_NO
                                  : serve_reply(c, r, MHD_HTTP_OK, "application/json", b.data, b.len);
    free(b.data);
    return ok;
}

/* The entry for r->key, now that it should be in the cache. */
static enum MHD_Result reply_key(nr_server *s, struct MHD_Connection *c, serve_request *r)
{
    narrate_cache_entry e;
    narrate_error err;
    if (narrate_cache_lookup(s->cache, r->key, &e, &err) < 0)
        return serve_reply_error(c, r, MHD_HTTP_INTERNAL_SERVER_ERROR, "%s", err.message);
    return reply_entry(c, r, &e);
}

/* 202 Accepted: where to ask how the job goes. */
static enum MHD_Result reply_accepted(struct MHD_Connection *c, serve_request *r)
{
    serve_buf b = { 0 };
    serve_jobs_pending_body(&b, r->key);
    struct MHD_Response *resp =
        b.failed ? NULL : MHD_create_response_from_buffer(b.len, b.data, MHD_RESPMEM_MUST_COPY);
    free(b.data);
    if (!resp)
        return MHD_NO;
    char loc[32 + NARRATE_KEY_LEN];
    snprintf(loc, sizeof loc, "/api/v1/jobs/%s", r->key);
    MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, "application/json");
    MHD_add_response_header(resp, MHD_HTTP_HEADER_LOCATION, loc);
    MHD_add_response_header(resp, MHD_HTTP_HEADER_X_CONTENT_TYPE_OPTIONS, "nosniff");
    r->bytes = (int64_t)b.len;
    return serve_reply_response(c, r, MHD_HTTP_ACCEPTED, resp);
}

/* ?wait=1: the answer comes when the render is done, as before jobs. */
static enum MHD_Result wait_render(nr_server *s, struct MHD_Connection *c, serve_request *r)
{
    if (serve_flight_park(r->flight, c, 0, 1)) {
        r->parked = 1;
        return MHD_YES;
    }
    serve_flight_state st;
    serve_flight_state_get(r->flight, &st);
    if (st.rc < 0)
        return serve_reply_error(c, r,
                                 atomic_load(&s->stopping) ? MHD_HTTP_SERVICE_UNAVAILABLE
                                                           : serve_status_of(st.rc),
                                 "%s", st.err.message);
    return reply_key(s, c, r);
}

static int wants_wait(struct MHD_Connection *c)
{
    const char *w = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "wait");
    return w && strcmp(w, "0") != 0 && strcmp(w, "false") != 0;
}

/* POST /api/v1/audio: a JSON article (as `narrate render` reads it), with an
** optional "callback_url".  200 at once when cached; else the render is
** started (or joined) as a job and answered 202, or with ?wait=1 when done. */
enum MHD_Result serve_api_audio(nr_server *s, struct MHD_Connection *c, serve_request *r)
{
    if (r->flight)
        return wait_render(s, c, r);
    narrate_error err;
    char callback[2048] = "";
    char why[256];
    if (serve_body_string(r->body, r->body_len, "callback_url", callback, sizeof callback) < 0)
        return serve_reply_error(c, r, MHD_HTTP_BAD_REQUEST, "bad callback_url '%s'",
                                 "a string of at most 2047 bytes");
    if (callback[0] && serve_webhook_url_ok(callback, why, sizeof why) < 0)
        return serve_reply_error(c, r, MHD_HTTP_BAD_REQUEST, "callback_url refused: %s '%s'", why,
                                 "callback_url");
    narrate_article *a = narrate_article_parse_limited(r->body ? r->body : "", r->body_len,
                                                       NARRATE_INPUT_JSON, s->max_input, &err);
    if (!a)
        return serve_reply_error(c, r, MHD_HTTP_BAD_REQUEST, "%s", err.message);
    narrate_voice v;
    if (serve_key_of(s, a, &v, r->key, &err) < 0) {
        narrate_article_free(a);
        return serve_reply_error(c, r, serve_status_of(err.code), "%s", err.message);
    }
    narrate_cache_entry e;
    int hit = narrate_cache_lookup(s->cache, r->key, &e, NULL) == NARRATE_OK;
    serve_metrics_cache(hit);
    if (hit) {
        /* Timings by key for an entry rendered before this server kept them. */
        if (!serve_timings_have(s, r->key))
            serve_timings_store(s, a, &v, r->key);
        narrate_article_free(a);
        return reply_entry(c, r, &e);
    }
    /* The job is known before its render can end, so that its end finds it. */
    if (serve_jobs_add(r->key, callback[0] ? callback : NULL) < 0) {
        narrate_article_free(a);
        return serve_reply_error(c, r, MHD_HTTP_SERVICE_UNAVAILABLE, "out of memory '%s'", "jobs");
    }
    int rc = serve_flight_join(s, r, r->key, a, r->body_len, &v, &r->flight);
    if (rc != SERVE_JOINED) {
        narrate_error none = { NARRATE_OK, "" };
        if (rc == SERVE_HIT)
            serve_jobs_done(s, r->key, NARRATE_OK, &none);
        else
            serve_jobs_forget(r->key);
    }
    switch (rc) {
    case SERVE_HIT: return reply_key(s, c, r);
    case SERVE_UNAUTHORIZED: return serve_reply_unauthorized(c, r);
    case SERVE_QUOTA: return serve_reply_quota(c, r);
    case SERVE_BUSY:
        return serve_reply_error(c, r, MHD_HTTP_SERVICE_UNAVAILABLE, "render queue full '%d'",
                                 s->max_queue);
    default:
        serve_flight_keep(r->flight);
        if (wants_wait(c))
            return wait_render(s, c, r);
        return reply_accepted(c, r);
    }
}

/* /api/v1/REST: what is not a GET is authorized by now (serve_http.c). */
enum MHD_Result serve_api_route(nr_server *s, struct MHD_Connection *c, serve_request *r,
                                const char *rest)
{
    const char *m = r->method;
    int get = strcmp(m, "GET") == 0 || strcmp(m, "HEAD") == 0;
    if (strcmp(rest, "audio") == 0) {
        if (strcmp(m, "POST") == 0)
            return serve_api_audio(s, c, r);
    } else if (strncmp(rest, "jobs/", 5) == 0) {
        if (get)
            return serve_jobs_get(s, c, r, rest + 5);
    } else if (strncmp(rest, "articles/", 9) == 0) {
        if (strcmp(m, "PUT") == 0)
            return serve_put_article(s, c, r, rest + 9);
        if (strcmp(m, "DELETE") == 0)
            return serve_delete_article(s, c, r, rest + 9);
    } else {
        return serve_reply_error(c, r, MHD_HTTP_NOT_FOUND, "not found '%s'", "path");
    }
    return serve_reply_error(c, r, MHD_HTTP_METHOD_NOT_ALLOWED, "method not allowed '%s'", m);
}

enum MHD_Result serve_healthz(nr_server *s, struct MHD_Connection *c, serve_request *r)
{
    narrate_engine_stats es;
    serve_queue_stats qs;
    narrate_engine_stats_get(s->engine, &es);
    serve_queue_stats_get(s, &qs);
    int stopping = atomic_load(&s->stopping);
    serve_buf b = { 0 };
    serve_buf_printf(&b,
                     "{\"status\":\"%s\",\"workers\":{\"alive\":%d,\"busy\":%d,\"spawned\":%llu,"
                     "\"crashed\":%llu},\"queue\":{\"queued\":%d,\"running\":%d,\"threads\":%d,"
                     "\"max\":%d,\"rejected\":%llu},\"flights\":%d,\"renders\":%llu,"
                     "\"renders_failed\":%llu}\n",
                     stopping ? "stopping" : "ok", es.workers, es.busy,
                     (unsigned long long)es.spawned, (unsigned long long)es.crashed, qs.queued,
                     qs.running, qs.threads, qs.max_queue, (unsigned long long)qs.rejected,
                     qs.flights, (unsigned long long)qs.renders, (unsigned long long)qs.failed);
    enum MHD_Result ok =
        b.failed ? MHD_NO
                 : serve_reply(c, r, stopping ? MHD_HTTP_SERVICE_UNAVAILABLE : MHD_HTTP_OK,
                               "application/json", b.data, b.len);
    free(b.data);
    return ok;
}

int serve_body_string(const char *body, size_t len, const char *name, char *out, size_t cap)
{
    out[0] = '\0';
    json_t *root = json_loadb(body ? body : "", len, 0, NULL);
    if (!root)
        return 0; /* not JSON: the article parser says what is wrong */
    json_t *v = json_object_get(root, name);
    int rc = 0;
    if (v && !json_is_null(v)) {
        if (!json_is_string(v) || json_string_length(v) >= cap ||
            memchr(json_string_value(v), '\0', json_string_length(v)))
            rc = -1;
        else
            snprintf(out, cap, "%s", json_string_value(v));
    }
    json_decref(root);
    return rc;
}
