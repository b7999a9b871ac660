/* serve.h - what the files of `narrate serve` share: the server, articles, renders, replies. */
#ifndef NR_SERVE_H
#define NR_SERVE_H

#include <microhttpd.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>

#include "cli.h"

#define SERVE_ID_MAX 128            /* article ids: [A-Za-z0-9._-]{1,128}, no leading '.' */
#define SERVE_INPUT_DEFAULT ((size_t)1 << 20) /* --max-input: POST bodies (above: 413) and
                                                article files (above: not listed) */
#define SERVE_RETRY_AFTER "5"       /* seconds, with 503 when the render queue is full */
/* Seconds of audio (decimal): exact on cached audio, estimated from the script (its
** words at the voice's rate, and its pauses) on a stream, before its first byte. */
#define SERVE_DURATION_HEADER "X-Narrate-Duration"
#define SERVE_DURATION_ESTIMATE_HEADER "X-Narrate-Duration-Estimate"
#define SERVE_RENDERS 32            /* renders in flight at once (threads), sharing the
                                       workers a piece at a time (the engine's wishes):
                                       a new listener's first audio never waits for
                                       whole renders, only for pieces */

typedef struct serve_catalog serve_catalog;
typedef struct serve_queue serve_queue;
typedef struct serve_flight serve_flight;
typedef struct serve_keys serve_keys;
typedef struct serve_quota serve_quota;
typedef struct serve_quota_entry serve_quota_entry;
typedef struct serve_pruner serve_pruner;

/* Quotas of a key or of a client address; 0: no limit. */
typedef struct serve_limits {
    unsigned renders_per_min;  /* new renders started in a minute */
    unsigned concurrent;       /* renders queued or running at once */
    uint64_t bytes_per_day;    /* article bytes rendered in a day */
} serve_limits;

typedef struct nr_server {
    const char *articles_dir;
    int workers, max_queue, timeout_s;
    size_t max_input;          /* largest article, POSTed or in articles_dir */
    narrate_engine *engine;
    narrate_cache *cache;
    serve_catalog *catalog;
    serve_queue *queue;
    struct MHD_Daemon *daemon;
    char tmpdir[256];          /* timings files are written here, read back and removed */
    atomic_uint_fast64_t tmp_seq;
    atomic_int stopping;       /* set on SIGINT/SIGTERM: renders abort, nothing new starts */
    atomic_int parked;         /* connections suspended on a flight (MHD may stop only at 0) */
    atomic_int draining;       /* SIGTERM: no new renders, streams finish */
    atomic_int streams;        /* responses streaming a flight */
    /* Slow and many clients (serve_http.c) */
    unsigned max_conn;         /* all connections; 0: as file descriptors allow */
    unsigned per_client_conn;  /* connections from one address */
    int recv_deadline_s;       /* a request's headers and body, from its first byte */
    /* Keys and quotas (serve_auth.c, serve_quota.c) */
    const char *keys_path;     /* --api-keys: NULL, every request is anonymous */
    pthread_mutex_t keys_lock;
    serve_keys *keys;
    serve_quota *quota;
    serve_limits client_limits; /* per client address; under the quota table's lock */
    /* The cache bound (serve_prune.c); SIGHUP may change it while the pruner reads it */
    atomic_uint_fast64_t cache_max_size;
    atomic_int_fast64_t cache_max_age;
    serve_pruner *pruner;
} nr_server;

/* ---- serve_articles.c: ids, the --articles directory, keys */

/* Non-zero when id is in the safe alphabet: the only ids ever looked up. */
int serve_id_ok(const char *id, size_t len);

/* Articles in dir of at most max_input bytes; larger ones are left out (with a warning). */
serve_catalog *serve_catalog_create(const char *dir, size_t max_input);
void serve_catalog_free(serve_catalog *c);

/* One listed article: id, title ("" if none) and its file. */
typedef struct serve_listing {
    char id[SERVE_ID_MAX + 1];
    char title[256];
    char path[4096];
} serve_listing;

/* A snapshot of the directory, sorted by id: *n entries, free() it. */
serve_listing *serve_catalog_list(nr_server *s, size_t *n);

/* The article for id, its voice and cache key; NULL (and err) if there is
** none (NARRATE_ENOTFOUND) or it does not load. */
narrate_article *serve_article_load(nr_server *s, const char *id, narrate_voice *v,
                                    char key[NARRATE_KEY_LEN + 1], narrate_error *err);

/* Only the key: memoized per file (size and mtime), so cache hits skip parsing. */
int serve_article_key(nr_server *s, const char *id, char key[NARRATE_KEY_LEN + 1],
                      narrate_error *err);

/* The file id is served from (path, cap), 0; -1 if none. */
int serve_article_path(nr_server *s, const char *id, char *path, size_t cap);
/* rename(tmp, target) (name: target's file name), and the listing updated with
** that file alone unless the directory changed otherwise since it was read. */
int serve_catalog_install(nr_server *s, const char *tmp, const char *target, const char *name);

/* The size of id's file as last read (0: not known). */
size_t serve_article_bytes(nr_server *s, const char *id);

/* The voice and key of any article (POSTed ones too). */
int serve_key_of(nr_server *s, const narrate_article *a, narrate_voice *v,
                 char key[NARRATE_KEY_LEN + 1], narrate_error *err);

/* Render options for a, as keys and renders must agree on them. */
narrate_render_options serve_render_options(nr_server *s, const narrate_voice *v);

/* ---- serve_queue.c: flights (one render per key, shared) and the bounded queue */

enum { SERVE_JOINED = 0, SERVE_HIT = 1, SERVE_BUSY = 2, SERVE_UNAUTHORIZED = 3, SERVE_QUOTA = 4 };

int serve_queue_start(nr_server *s, narrate_error *err);
/* Abort renders, fail queued ones, wake every parked connection, join the threads. */
void serve_queue_stop(nr_server *s);
void serve_queue_free(nr_server *s);

/* Join the render of key, starting one (taking article) if there is none:
** SERVE_JOINED with *f referenced, SERVE_HIT if the cache has the key by now,
** SERVE_BUSY when the queue is full; a new render needs r authorized
** (SERVE_UNAUTHORIZED) and within its quotas, charged article_bytes
** (SERVE_QUOTA, r->retry_after set).  article is freed unless a new flight took it. */
struct serve_request;
int serve_flight_join(nr_server *s, struct serve_request *r, const char *key,
                      narrate_article *article, size_t article_bytes, const narrate_voice *v,
                      serve_flight **f);
void serve_flight_release(serve_flight *f);

/* Park conn (suspend it) until f has more than `have` bytes (or, with
** until_done, until f is done): returns 1 if parked (counted in the server's
** `parked`: the caller takes it off when resumed), 0 if that is already so. */
int serve_flight_park(serve_flight *f, struct MHD_Connection *conn, size_t have, int until_done);

/* A flight's state: bytes so far, done, and if done its result. */
typedef struct serve_flight_state {
    size_t len;
    unsigned writes;
    int done, rc;
    narrate_error err;
    int started;               /* a render thread has it (else queued) */
    double estimate_s;         /* seconds of speech expected; 0: not known yet */
} serve_flight_state;
void serve_flight_state_get(serve_flight *f, serve_flight_state *st);

/* A job asked for f: it runs to its end even when no one listens. */
void serve_flight_keep(serve_flight *f);
/* The unfinished render of key, referenced (serve_flight_release it), or NULL: never starts one. */
serve_flight *serve_flight_find(nr_server *s, const char *key);

/* A response that streams f's bytes to conn as they come (f stays referenced by it). */
struct MHD_Response *serve_flight_response(serve_flight *f, struct MHD_Connection *conn);

typedef struct serve_queue_stats {
    int queued, running, threads, max_queue, flights;
    uint64_t renders, failed, rejected, cancelled;
} serve_queue_stats;
void serve_queue_stats_get(nr_server *s, serve_queue_stats *st);

/* ---- serve_http.c: the daemon, routing, replies, access log */

int serve_http_start(nr_server *s, const char *listen, narrate_error *err);
void serve_http_quiesce(nr_server *s);
void serve_http_stop(nr_server *s);
unsigned serve_http_port(nr_server *s);

/* Per-request state, kept across the handler's calls for one request. */
typedef struct serve_request {
    const char *route;         /* a metrics label, static */
    char error[NARRATE_ERROR_MAX + 64]; /* an error reply's full message, for the log */
    char key_name[64];         /* the API key's name (never the key) */
    serve_limits key_limits;
    int authorized;            /* a valid key, or keys are off */
    unsigned retry_after;      /* with 429 */
    struct timespec t0;
    char client[64];
    char method[16];
    char version[16];
    char *url;
    unsigned status;
    int64_t bytes;             /* -1: not known (streams) */
    char *body;
    size_t body_len;
    int too_large;
    serve_flight *flight;      /* a render this request waits for */
    narrate_article *article;  /* a POSTed article, until handed to a flight */
    char key[NARRATE_KEY_LEN + 1];
    int parked;
} serve_request;

/* Queue a reply and note its status for the log.  Each returns an MHD result. */
enum MHD_Result serve_reply(struct MHD_Connection *c, serve_request *r, unsigned status,
                            const char *type, const char *body, size_t len);
enum MHD_Result serve_reply_error(struct MHD_Connection *c, serve_request *r, unsigned status,
                                  const char *fmt, ...) __attribute__((format(printf, 4, 5)));
enum MHD_Result serve_reply_response(struct MHD_Connection *c, serve_request *r, unsigned status,
                                     struct MHD_Response *resp);
/* The HTTP status for a library error. */
unsigned serve_status_of(int code);
/* A library error: the reply names the problem without paths, the log has it all. */
enum MHD_Result serve_reply_liberr(struct MHD_Connection *c, serve_request *r, unsigned status,
                                   const char *message);
/* 401 with WWW-Authenticate. */
enum MHD_Result serve_reply_unauthorized(struct MHD_Connection *c, serve_request *r);
/* 429 with Retry-After: r->retry_after. */
enum MHD_Result serve_reply_quota(struct MHD_Connection *c, serve_request *r);

/* Append a JSON string literal (quoted, escaped) of s to a malloc'd buffer. */
typedef struct serve_buf {
    char *data;
    size_t len, cap;
    int failed;
} serve_buf;
void serve_buf_add(serve_buf *b, const char *s, size_t len);
void serve_buf_printf(serve_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void serve_buf_json(serve_buf *b, const char *s);
void serve_buf_html(serve_buf *b, const char *s, size_t len);

/* ---- serve_log.c: the access log and messages, escaped */

void serve_log_set_json(int json);
/* Control bytes, DEL, C1, non-UTF-8, '"' and '\\' escaped (\\xHH), for a log. */
void serve_buf_escape(serve_buf *b, const char *s, size_t len, int json);
void serve_log_msg(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void serve_access_log(const serve_request *r);
/* msg without quoted subjects holding '/' nor words starting with '/'. */
void serve_redact(char *out, size_t cap, const char *msg);

/* ---- serve_auth.c: --api-keys, Bearer tokens compared in constant time */

/* (Re)read s->keys_path; on failure the keys in use stay. */
int serve_keys_load(nr_server *s, narrate_error *err);
void serve_keys_free(nr_server *s);
/* Sets r->authorized, key_name and key_limits from the Authorization header. */
void serve_auth_check(nr_server *s, struct MHD_Connection *c, serve_request *r);

/* ---- serve_quota.c: renders per minute, at once and bytes per day, per key and address */

int serve_quota_create(nr_server *s);
/* The per-address quotas, changed while requests use them (SIGHUP). */
void serve_quota_set_client_limits(nr_server *s, const serve_limits *l);
void serve_quota_free(nr_server *s);
/* Charge one new render of bytes to r's key and address: 0 and holds[0..1]
** (NULL or entries to release when the render ends), or -1 with r->retry_after. */
int serve_quota_take(nr_server *s, serve_request *r, uint64_t bytes, serve_quota_entry *holds[2]);
void serve_quota_release(nr_server *s, serve_quota_entry *holds[2]);

/* ---- serve_metrics.c: GET /metrics (Prometheus text format) */

void serve_metrics_request(const serve_request *r);
void serve_metrics_render(double seconds, int ok);
void serve_metrics_ttfb_of(const serve_request *r);
void serve_metrics_deadline_cut(unsigned n);
void serve_metrics_cache(int hit);
void serve_metrics_evicted(uint64_t n, uint64_t cache_bytes);
void serve_metrics_quota_rejected(const char *why);
void serve_metrics_unauthorized(void);
enum MHD_Result serve_metrics(nr_server *s, struct MHD_Connection *c, serve_request *r);

/* ---- serve_prune.c: the cache kept under --cache-max-size/--cache-max-age */

/* Readers of a cache entry hold this between lookup and open: a prune never runs then. */
void serve_cache_read_begin(nr_server *s);
void serve_cache_read_end(nr_server *s);
int serve_prune_start(nr_server *s);
/* A render finished: prune soon. */
void serve_prune_poke(nr_server *s);
void serve_prune_stop(nr_server *s);

/* ---- serve_audio.c: /audio/{id}.mp3|.vtt|.json and /cache/{key}.mp3 */

enum MHD_Result serve_audio(nr_server *s, struct MHD_Connection *c, serve_request *r,
                            const char *rest);
enum MHD_Result serve_cache_audio(nr_server *s, struct MHD_Connection *c, serve_request *r,
                                  const char *rest);

/* ---- serve_pages.c: the index and the article page */

enum MHD_Result serve_index(nr_server *s, struct MHD_Connection *c, serve_request *r);
enum MHD_Result serve_article_page(nr_server *s, struct MHD_Connection *c, serve_request *r,
                                   const char *id);

/* ---- serve_embed.c: GET /embed.js, the newsroom's player (src/cli/embed.js) */

enum MHD_Result serve_embed_js(struct MHD_Connection *c, serve_request *r);

/* ---- serve_cors.c: --cors-origin, Access-Control-* on audio, timings and the API */

/* "*" or scheme://host[:port]. */
int serve_cors_valid(const char *origin);
/* Allow origin ("*": cached audio and timings by key only); -1 if not an origin. */
int serve_cors_add(const char *origin);
void serve_cors_free(void);
int serve_cors_enabled(void);
/* Vary and Access-Control-Allow-Origin/-Expose-Headers on resp, if r's route and Origin allow. */
void serve_cors_apply(struct MHD_Connection *c, const serve_request *r, struct MHD_Response *resp);
/* OPTIONS (a preflight): 204, with Access-Control-Allow-* for an allowed origin. */
enum MHD_Result serve_cors_preflight(struct MHD_Connection *c, serve_request *r);

/* ---- serve_api.c: POST /api/v1/audio and /healthz */

enum MHD_Result serve_api_audio(nr_server *s, struct MHD_Connection *c, serve_request *r);
/* Everything under /api/v1/ (rest: what follows it). */
enum MHD_Result serve_api_route(nr_server *s, struct MHD_Connection *c, serve_request *r,
                                const char *rest);
/* The string name of a JSON object body into out: 0 (out "" when absent or the
** body is not JSON), -1 if it is not a string or does not fit. */
int serve_body_string(const char *body, size_t len, const char *name, char *out, size_t cap);

/* ---- serve_jobs.c: API render jobs by key, GET /api/v1/jobs/{key} */

/* A job for key (callback_url may be NULL), before its render is joined. */
int serve_jobs_add(const char *key, const char *callback_url);
/* Its render could not start: the job is not. */
void serve_jobs_forget(const char *key);
/* A render of key ended (any render: only jobs care); sends the job's webhook. */
void serve_jobs_done(nr_server *s, const char *key, int rc, const narrate_error *err);
void serve_jobs_free(void);
/* The bodies of 202 (key, url, timings) and 200 (the same and duration_s). */
void serve_jobs_pending_body(serve_buf *b, const char *key);
void serve_jobs_done_body(serve_buf *b, const char *key, double duration_s);
enum MHD_Result serve_jobs_get(nr_server *s, struct MHD_Connection *c, serve_request *r,
                               const char *key);

/* ---- serve_timings.c: CACHE/timings/KEY.vtt|json, GET /cache/{key}.vtt|.json */

/* Write a's timings for key from its cache entry (no synthesis), unless there. */
void serve_timings_store(nr_server *s, const narrate_article *a, const narrate_voice *v,
                         const char *key);
int serve_timings_have(nr_server *s, const char *key);
/* Remove the timings whose audio is no longer in the cache (after a prune). */
void serve_timings_sweep(nr_server *s);
enum MHD_Result serve_cache_timings(nr_server *s, struct MHD_Connection *c, serve_request *r,
                                    const char *key, const char *ext);

/* ---- serve_webhook.c: callbacks signed and retried, on a thread of their own */

int serve_webhook_allow(const char *host);
int serve_webhook_secret_file(const char *path, narrate_error *err);
/* 0 if url may be called back (why: the reason not). */
int serve_webhook_url_ok(const char *url, char *why, size_t cap);
int serve_webhook_start(void);
/* Queue a POST of body to url (copied). */
void serve_webhook_send(const char *url, const char *body, size_t len);
void serve_webhook_stop(void);
typedef struct serve_webhook_counts {
    uint64_t delivered, retried, failed, dropped;
} serve_webhook_counts;
void serve_webhook_stats(serve_webhook_counts *c);

/* ---- serve_put.c: PUT and DELETE /api/v1/articles/{id} */

enum MHD_Result serve_put_article(nr_server *s, struct MHD_Connection *c, serve_request *r,
                                  const char *id);
enum MHD_Result serve_delete_article(nr_server *s, struct MHD_Connection *c, serve_request *r,
                                     const char *id);
enum MHD_Result serve_healthz(nr_server *s, struct MHD_Connection *c, serve_request *r);

#endif
