/* serve_api.c - `narrate serve` JSON endpoints: POST /api/v1/audio and GET /healthz. */
#include <stdlib.h>
#include <string.h>

#include "serve.h"

static enum MHD_Result reply_entry(struct MHD_Connection *c, serve_request *r,
                                   const narrate_cache_entry *e)
{
    serve_buf b = { 0 };
    serve_buf_printf(&b, "{\"key\":\"%s\",\"url\":\"/cache/%s.mp3\",\"duration_s\":%.3f}\n", e->key,
                     e->key, e->duration_s);
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

/* Waiting for the render this request joined: the answer comes when it is done. */
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

enum MHD_Result serve_api_audio(nr_server *s, struct MHD_Connection *c, serve_request *r)
{
    if (r->flight)
        return wait_render(s, c, r);
    narrate_error err;
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
        narrate_article_free(a);
        return reply_entry(c, r, &e);
    }
    switch (serve_flight_join(s, r, r->key, a, r->body_len, &v, &r->flight)) {
    case SERVE_HIT: return reply_key(s, c, r);
    case SERVE_UNAUTHORIZED: return serve_reply_unauthorized(c, r);
    case SERVE_QUOTA: return serve_reply_quota(c, r);
    case SERVE_BUSY:
        return serve_reply_error(c, r, MHD_HTTP_SERVICE_UNAVAILABLE, "render queue full '%d'",
                                 s->max_queue);
    default: return wait_render(s, c, r);
    }
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
