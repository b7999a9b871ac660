/* serve_metrics.c - GET /metrics of `narrate serve`: counters and histograms in the Prometheus text format. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "serve.h"

/*
** Counters are atomics bumped where things happen; the page reads them and
** the engine's and queue's own statistics.  Requests are counted by route (a
** fixed set of labels, never the URL, so a client cannot grow the page) and
** status.  Histograms use Prometheus's cumulative buckets.
*/

static const char *const routes[] = { "index", "healthz", "metrics", "article", "audio",
                                      "cache", "api", "embed", "other", "none" };
#define NROUTES (sizeof routes / sizeof *routes)
static const unsigned statuses[] = { 200, 201, 202, 204, 206, 304, 400, 401, 404, 405, 409, 413, 416, 429, 500, 503, 0 };
#define NSTATUSES (sizeof statuses / sizeof *statuses)

static atomic_uint_fast64_t requests[NROUTES][NSTATUSES];

static const double buckets[] = { 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300 };
#define NBUCKETS (sizeof buckets / sizeof *buckets)

typedef struct histogram {
    atomic_uint_fast64_t le[NBUCKETS + 1]; /* the last: +Inf */
    atomic_uint_fast64_t sum_us;
} histogram;

static histogram render_hist, ttfb_hist;
static atomic_uint_fast64_t renders_ok, renders_failed, cache_hits, cache_misses, evictions,
    cache_bytes, unauthorized, deadline_cuts;
static atomic_uint_fast64_t quota[4]; /* concurrent, renders_per_minute, bytes_per_day, clients */

static void observe(histogram *h, double s)
{
    for (size_t i = 0; i < NBUCKETS; i++)
        if (s <= buckets[i])
            atomic_fetch_add(&h->le[i], 1);
    atomic_fetch_add(&h->le[NBUCKETS], 1);
    atomic_fetch_add(&h->sum_us, (uint_fast64_t)(s * 1e6));
}

static double since(const struct timespec *t0)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)(t.tv_sec - t0->tv_sec) + (double)(t.tv_nsec - t0->tv_nsec) / 1e9;
}

void serve_metrics_request(const serve_request *r)
{
    size_t i = 0, j = 0;
    const char *route = r->route ? r->route : "none";
    while (i < NROUTES - 1 && strcmp(routes[i], route) != 0)
        i++;
    while (j < NSTATUSES - 1 && statuses[j] != r->status)
        j++;
    atomic_fetch_add(&requests[i][j], 1);
}

void serve_metrics_render(double seconds, int ok)
{
    atomic_fetch_add(ok ? &renders_ok : &renders_failed, 1);
    if (ok)
        observe(&render_hist, seconds);
}

void serve_metrics_ttfb_of(const serve_request *r)
{
    observe(&ttfb_hist, since(&r->t0));
}

void serve_metrics_cache(int hit)
{
    atomic_fetch_add(hit ? &cache_hits : &cache_misses, 1);
}

void serve_metrics_evicted(uint64_t n, uint64_t bytes)
{
    atomic_fetch_add(&evictions, n);
    atomic_store(&cache_bytes, bytes);
}

void serve_metrics_quota_rejected(const char *why)
{
    int i = strcmp(why, "concurrent") == 0           ? 0
            : strcmp(why, "renders_per_minute") == 0 ? 1
            : strcmp(why, "bytes_per_day") == 0      ? 2
                                                     : 3;
    atomic_fetch_add(&quota[i], 1);
}

void serve_metrics_unauthorized(void)
{
    atomic_fetch_add(&unauthorized, 1);
}

void serve_metrics_deadline_cut(unsigned n)
{
    atomic_fetch_add(&deadline_cuts, n);
}

static void hist(serve_buf *b, const char *name, const char *help, histogram *h)
{
    serve_buf_printf(b, "# HELP %s %s\n# TYPE %s histogram\n", name, help, name);
    for (size_t i = 0; i < NBUCKETS; i++)
        serve_buf_printf(b, "%s_bucket{le=\"%g\"} %llu\n", name, buckets[i],
                         (unsigned long long)atomic_load(&h->le[i]));
    unsigned long long n = atomic_load(&h->le[NBUCKETS]);
    serve_buf_printf(b, "%s_bucket{le=\"+Inf\"} %llu\n%s_sum %.6f\n%s_count %llu\n", name, n, name,
                     (double)atomic_load(&h->sum_us) / 1e6, name, n);
}

static void counter(serve_buf *b, const char *name, const char *help, const char *type,
                    unsigned long long v)
{
    serve_buf_printf(b, "# HELP %s %s\n# TYPE %s %s\n%s %llu\n", name, help, name, type, name, v);
}

enum MHD_Result serve_metrics(nr_server *s, struct MHD_Connection *c, serve_request *r)
{
    narrate_engine_stats es;
    serve_queue_stats qs;
    narrate_engine_stats_get(s->engine, &es);
    serve_queue_stats_get(s, &qs);
    serve_buf b = { 0 };
    serve_buf_printf(&b, "# HELP narrate_http_requests_total HTTP requests answered, by route and status.\n"
                      "# TYPE narrate_http_requests_total counter\n");
    for (size_t i = 0; i < NROUTES; i++)
        for (size_t j = 0; j < NSTATUSES; j++) {
            unsigned long long v = atomic_load(&requests[i][j]);
            if (!v)
                continue;
            if (statuses[j])
                serve_buf_printf(&b, "narrate_http_requests_total{route=\"%s\",status=\"%u\"} %llu\n",
                                 routes[i], statuses[j], v);
            else
                serve_buf_printf(&b, "narrate_http_requests_total{route=\"%s\",status=\"other\"} %llu\n",
                                 routes[i], v);
        }
    hist(&b, "narrate_render_seconds", "Time a successful render took, queue wait excluded.", &render_hist);
    hist(&b, "narrate_audio_ttfb_seconds", "From a request for audio to its reply's headers.", &ttfb_hist);
    counter(&b, "narrate_renders_total", "Renders finished successfully.", "counter",
            (unsigned long long)atomic_load(&renders_ok));
    counter(&b, "narrate_renders_failed_total", "Renders that failed.", "counter",
            (unsigned long long)atomic_load(&renders_failed));
    counter(&b, "narrate_renders_cancelled_total", "Renders cancelled as no one listened any more.",
            "counter", (unsigned long long)qs.cancelled);
    counter(&b, "narrate_queue_depth", "Renders waiting for a render thread.", "gauge",
            (unsigned long long)qs.queued);
    counter(&b, "narrate_queue_running", "Renders running.", "gauge", (unsigned long long)qs.running);
    counter(&b, "narrate_queue_rejected_total", "Renders refused as the queue was full (503).",
            "counter", (unsigned long long)qs.rejected);
    counter(&b, "narrate_workers_alive", "Synthesis worker processes alive.", "gauge",
            (unsigned long long)es.workers);
    counter(&b, "narrate_workers_busy", "Synthesis workers busy.", "gauge", (unsigned long long)es.busy);
    counter(&b, "narrate_workers_crashed_total", "Synthesis workers that crashed.", "counter",
            (unsigned long long)es.crashed);
    counter(&b, "narrate_cache_hits_total", "Audio requests answered from the cache.", "counter",
            (unsigned long long)atomic_load(&cache_hits));
    counter(&b, "narrate_cache_misses_total", "Audio requests the cache did not have.", "counter",
            (unsigned long long)atomic_load(&cache_misses));
    counter(&b, "narrate_cache_bytes", "Cache size at the last prune (0 before the first, or without --cache-max-size/--cache-max-age).",
            "gauge", (unsigned long long)atomic_load(&cache_bytes));
    counter(&b, "narrate_cache_evictions_total", "Cache entries removed by pruning.", "counter",
            (unsigned long long)atomic_load(&evictions));
    serve_buf_printf(&b, "# HELP narrate_quota_rejections_total Renders refused over a quota (429), by quota.\n"
                      "# TYPE narrate_quota_rejections_total counter\n");
    static const char *const qn[] = { "concurrent", "renders_per_minute", "bytes_per_day", "clients" };
    for (int i = 0; i < 4; i++)
        serve_buf_printf(&b, "narrate_quota_rejections_total{quota=\"%s\"} %llu\n", qn[i],
                         (unsigned long long)atomic_load(&quota[i]));
    counter(&b, "narrate_unauthorized_total", "Requests refused for want of a valid API key (401).",
            "counter", (unsigned long long)atomic_load(&unauthorized));
    counter(&b, "narrate_receive_deadline_cuts_total",
            "Connections closed as their request was not received within --receive-timeout.", "counter",
            (unsigned long long)atomic_load(&deadline_cuts));
    serve_webhook_counts wc;
    serve_webhook_stats(&wc);
    serve_buf_printf(&b, "# HELP narrate_webhook_deliveries_total Job callbacks, by outcome: delivered (2xx), "
                      "retried (a try failed, another is due), failed (every try failed), dropped (queue "
                      "full or shutdown).\n# TYPE narrate_webhook_deliveries_total counter\n");
    serve_buf_printf(&b, "narrate_webhook_deliveries_total{outcome=\"delivered\"} %llu\n"
                      "narrate_webhook_deliveries_total{outcome=\"retried\"} %llu\n"
                      "narrate_webhook_deliveries_total{outcome=\"failed\"} %llu\n"
                      "narrate_webhook_deliveries_total{outcome=\"dropped\"} %llu\n",
                     (unsigned long long)wc.delivered, (unsigned long long)wc.retried,
                     (unsigned long long)wc.failed, (unsigned long long)wc.dropped);
    enum MHD_Result ok = b.failed ? MHD_NO
                                  : serve_reply(c, r, MHD_HTTP_OK, "text/plain; version=0.0.4; charset=utf-8",
                                                b.data, b.len);
    free(b.data);
    return ok;
}
