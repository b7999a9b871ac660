/* serve_http.c - the HTTP side of `narrate serve`: libmicrohttpd set-up, routing, replies, access log. */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "serve.h"

/*
** One internal epoll thread per core (MHD's thread pool), never a thread per
** connection: 200 clients trickling their headers in cost 200 sockets, not
** 200 threads.  Work that waits (a render) suspends its connection.  Idle
** connections are closed after --timeout seconds.
**
** Slow and many clients: MHD's idle timeout restarts on every byte, so a
** client sending a header byte every few seconds would hold its connection
** for ever.  Each connection is therefore also on a list with the time its
** current request began (its first connect, or the end of the previous
** request on the connection); a sweeper thread shuts down the socket of any
** whose request has not been wholly received (headers and body) within
** --receive-timeout, and MHD closes it.  One address may hold at most
** --max-client-connections connections (MHD's per-IP limit), so that it
** cannot take the --max-connections of everyone.
*/

static int listen_fd = -1;

/* ------------------------------------------------------------ buffers */

void serve_buf_add(serve_buf *b, const char *s, size_t len)
{
    if (b->failed)
        return;
    if (b->len + len + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 4096;
        while (cap < b->len + len + 1)
            cap *= 2;
        char *d = realloc(b->data, cap);
        if (!d) {
            b->failed = 1;
            return;
        }
        b->data = d;
        b->cap = cap;
    }
    memcpy(b->data + b->len, s, len);
    b->len += len;
    b->data[b->len] = '\0';
}

void serve_buf_printf(serve_buf *b, const char *fmt, ...)
{
    char small[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if ((size_t)n < sizeof small) {
        serve_buf_add(b, small, (size_t)n);
        return;
    }
    char *big = malloc((size_t)n + 1);
    if (!big) {
        b->failed = 1;
        return;
    }
    va_start(ap, fmt);
    vsnprintf(big, (size_t)n + 1, fmt, ap);
    va_end(ap);
    serve_buf_add(b, big, (size_t)n);
    free(big);
}

void serve_buf_json(serve_buf *b, const char *s)
{
    serve_buf_add(b, "\"", 1);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\')
            serve_buf_printf(b, "\\%c", *p);
        else if (*p < 0x20)
            serve_buf_printf(b, "\\u%04x", *p);
        else
            serve_buf_add(b, (const char *)p, 1);
    }
    serve_buf_add(b, "\"", 1);
}

void serve_buf_html(serve_buf *b, const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        switch (s[i]) {
        case '&': serve_buf_add(b, "&amp;", 5); break;
        case '<': serve_buf_add(b, "&lt;", 4); break;
        case '>': serve_buf_add(b, "&gt;", 4); break;
        case '"': serve_buf_add(b, "&quot;", 6); break;
        case '\'': serve_buf_add(b, "&#39;", 5); break;
        default: serve_buf_add(b, s + i, 1);
        }
    }
}

/* ------------------------------------------------------------ replies */

/* A limit hit while rendering (the deadline, a worker's CPU or memory) is
** 500 like a crash, and without Retry-After: the same article would hit it
** again.  (Input over --max-input is 413 before any parsing, or, for a file
** in --articles, not listed.) */
unsigned serve_status_of(int code)
{
    switch (code) {
    case NARRATE_ENOTFOUND: return MHD_HTTP_NOT_FOUND;
    case NARRATE_EINPUT:
    case NARRATE_EVOICE:
    case NARRATE_EINVAL: return MHD_HTTP_BAD_REQUEST;
    case NARRATE_ELIMIT:
    default: return MHD_HTTP_INTERNAL_SERVER_ERROR;
    }
}

enum MHD_Result serve_reply_response(struct MHD_Connection *c, serve_request *r, unsigned status,
                                     struct MHD_Response *resp)
{
    if (!resp)
        return MHD_NO;
    serve_cors_apply(c, r, resp);
    r->status = status;
    enum MHD_Result ok = MHD_queue_response(c, status, resp);
    MHD_destroy_response(resp);
    return ok;
}

enum MHD_Result serve_reply(struct MHD_Connection *c, serve_request *r, unsigned status,
                            const char *type, const char *body, size_t len)
{
    struct MHD_Response *resp =
        MHD_create_response_from_buffer(len, (void *)body, MHD_RESPMEM_MUST_COPY);
    if (!resp)
        return MHD_NO;
    MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, type);
    MHD_add_response_header(resp, MHD_HTTP_HEADER_X_CONTENT_TYPE_OPTIONS, "nosniff");
    if (status == MHD_HTTP_SERVICE_UNAVAILABLE)
        MHD_add_response_header(resp, MHD_HTTP_HEADER_RETRY_AFTER, SERVE_RETRY_AFTER);
    if (status == MHD_HTTP_METHOD_NOT_ALLOWED)
        MHD_add_response_header(resp, MHD_HTTP_HEADER_ALLOW, "GET, HEAD, POST, OPTIONS");
    if (status == MHD_HTTP_UNAUTHORIZED)
        MHD_add_response_header(resp, MHD_HTTP_HEADER_WWW_AUTHENTICATE,
                                "Bearer realm=\"narrate\"");
    if (status == MHD_HTTP_TOO_MANY_REQUESTS) {
        char ra[16];
        snprintf(ra, sizeof ra, "%u", r->retry_after ? r->retry_after : 1);
        MHD_add_response_header(resp, MHD_HTTP_HEADER_RETRY_AFTER, ra);
    }
    r->bytes = (int64_t)len;
    return serve_reply_response(c, r, status, resp);
}

enum MHD_Result serve_reply_error(struct MHD_Connection *c, serve_request *r, unsigned status,
                                  const char *fmt, ...)
{
    char full[NARRATE_ERROR_MAX + 64], msg[NARRATE_ERROR_MAX + 64];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(full, sizeof full, fmt, ap);
    va_end(ap);
    /* The log gets the whole message; the client no file path. */
    snprintf(r->error, sizeof r->error, "%s", full);
    serve_redact(msg, sizeof msg, full);
    serve_buf b = { 0 };
    serve_buf_add(&b, "{\"error\":", 9);
    serve_buf_json(&b, msg);
    serve_buf_printf(&b, ",\"status\":%u}\n", status);
    enum MHD_Result ok = b.failed ? MHD_NO
                                  : serve_reply(c, r, status, "application/json", b.data, b.len);
    free(b.data);
    return ok;
}

enum MHD_Result serve_reply_liberr(struct MHD_Connection *c, serve_request *r, unsigned status,
                                   const char *message)
{
    return serve_reply_error(c, r, status, "%s", message);
}

enum MHD_Result serve_reply_unauthorized(struct MHD_Connection *c, serve_request *r)
{
    serve_metrics_unauthorized();
    return serve_reply_error(c, r, MHD_HTTP_UNAUTHORIZED, "an API key is needed '%s'",
                             "Authorization: Bearer KEY");
}

enum MHD_Result serve_reply_quota(struct MHD_Connection *c, serve_request *r)
{
    return serve_reply_error(c, r, MHD_HTTP_TOO_MANY_REQUESTS, "over quota, retry after %u s '%s'",
                             r->retry_after, r->error[0] ? r->error : "renders");
}

/* ------------------------------------------------------------ slow clients */

typedef struct conn_slot {
    struct conn_slot *prev, *next;
    int fd;
    int receiving;             /* a request is being received (or awaited) */
    int cut;                   /* shut down by the sweeper */
    struct timespec since;
} conn_slot;

static pthread_mutex_t conns_lock = PTHREAD_MUTEX_INITIALIZER;
static conn_slot *conns;
static pthread_t sweeper;
static int sweeper_running;
static pthread_mutex_t sweep_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t sweep_cond = PTHREAD_COND_INITIALIZER;
static int sweep_quit;

static void notify_connection(void *cls, struct MHD_Connection *c, void **socket_context,
                              enum MHD_ConnectionNotificationCode code)
{
    (void)cls;
    if (code == MHD_CONNECTION_NOTIFY_STARTED) {
        conn_slot *slot = calloc(1, sizeof *slot);
        const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD);
        if (!slot || !ci) {
            free(slot);
            return;
        }
        slot->fd = ci->connect_fd;
        slot->receiving = 1;
        clock_gettime(CLOCK_MONOTONIC, &slot->since);
        pthread_mutex_lock(&conns_lock);
        slot->next = conns;
        if (conns)
            conns->prev = slot;
        conns = slot;
        pthread_mutex_unlock(&conns_lock);
        *socket_context = slot;
        return;
    }
    /* Closed: off the list before MHD closes the descriptor, which may then be reused. */
    conn_slot *slot = *socket_context;
    if (!slot)
        return;
    pthread_mutex_lock(&conns_lock);
    if (slot->prev)
        slot->prev->next = slot->next;
    else
        conns = slot->next;
    if (slot->next)
        slot->next->prev = slot->prev;
    pthread_mutex_unlock(&conns_lock);
    free(slot);
    *socket_context = NULL;
}

/* The connection's request is received (receiving 0) or a new one is awaited (1). */
static void conn_receiving(struct MHD_Connection *c, int receiving)
{
    const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
    conn_slot *slot = ci ? ci->socket_context : NULL;
    if (!slot)
        return;
    pthread_mutex_lock(&conns_lock);
    slot->receiving = receiving;
    if (receiving)
        clock_gettime(CLOCK_MONOTONIC, &slot->since);
    pthread_mutex_unlock(&conns_lock);
}

static void *sweep(void *arg)
{
    nr_server *s = arg;
    pthread_mutex_lock(&sweep_lock);
    while (!sweep_quit) {
        struct timespec wake;
        clock_gettime(CLOCK_REALTIME, &wake);
        wake.tv_sec += 1;
        pthread_cond_timedwait(&sweep_cond, &sweep_lock, &wake);
        if (sweep_quit)
            break;
        struct timespec now;
        clock_gettime(CLOCK_MONOTONIC, &now);
        unsigned cut = 0;
        pthread_mutex_lock(&conns_lock);
        for (conn_slot *slot = conns; slot; slot = slot->next) {
            if (!slot->receiving || slot->cut)
                continue;
            /* A client that closed while its headers were coming in: libmicrohttpd
            ** 0.9.75 does not always see that end (the connection stays in
            ** CLOSE-WAIT, counted against its address, until --timeout); a
            ** shutdown makes it.  The descriptor is open: MHD closes it only
            ** after the CLOSED notification, which waits for conns_lock. */
            struct pollfd pfd = { .fd = slot->fd, .events = POLLRDHUP };
            int gone = poll(&pfd, 1, 0) == 1 && (pfd.revents & (POLLRDHUP | POLLHUP | POLLERR));
            if (gone || (s->recv_deadline_s > 0 && now.tv_sec - slot->since.tv_sec >= s->recv_deadline_s)) {
                shutdown(slot->fd, SHUT_RDWR);
                slot->cut = 1;
                cut += !gone;
            }
        }
        pthread_mutex_unlock(&conns_lock);
        if (cut)
            serve_metrics_deadline_cut(cut);
    }
    pthread_mutex_unlock(&sweep_lock);
    return NULL;
}

/* ------------------------------------------------------------ requests */

static serve_request *request_new(struct MHD_Connection *c, const char *method, const char *url,
                                  const char *version)
{
    serve_request *r = calloc(1, sizeof *r);
    if (!r || !(r->url = strdup(url))) {
        free(r);
        return NULL;
    }
    clock_gettime(CLOCK_MONOTONIC, &r->t0);
    snprintf(r->method, sizeof r->method, "%s", method);
    snprintf(r->version, sizeof r->version, "%s", version);
    r->bytes = -1;
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    const struct sockaddr *sa = ci ? ci->client_addr : NULL;
    snprintf(r->client, sizeof r->client, "-");
    if (sa && sa->sa_family == AF_INET)
        inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr, r->client, sizeof r->client);
    else if (sa && sa->sa_family == AF_INET6)
        inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)sa)->sin6_addr, r->client,
                  sizeof r->client);
    return r;
}

static void completed(void *cls, struct MHD_Connection *c, void **con_cls,
                      enum MHD_RequestTerminationCode toe)
{
    (void)toe;
    serve_request *r = *con_cls;
    if (!r)
        return;
    conn_receiving(c, 1);
    if (r->parked)
        atomic_fetch_sub(&((nr_server *)cls)->parked, 1);
    if (!r->status)
        snprintf(r->error, sizeof r->error, "%s", "connection closed before a reply");
    serve_access_log(r);
    serve_metrics_request(r);
    serve_flight_release(r->flight);
    narrate_article_free(r->article);
    free(r->body);
    free(r->url);
    free(r);
    *con_cls = NULL;
}

static enum MHD_Result route(nr_server *s, struct MHD_Connection *c, serve_request *r)
{
    const char *url = r->url;
    int get = strcmp(r->method, "GET") == 0 || strcmp(r->method, "HEAD") == 0;
    if (strcmp(r->method, "OPTIONS") == 0)
        return serve_cors_preflight(c, r);
    if (strncmp(url, "/api/v1/", 8) == 0) {
        r->route = "api";
        /* What costs CPU or changes anything needs a key, before anything of it is looked at. */
        if (!get && !r->authorized)
            return serve_reply_unauthorized(c, r);
        return serve_api_route(s, c, r, url + 8);
    }
    if (!get) {
        r->route = "other";
        return serve_reply_error(c, r, MHD_HTTP_METHOD_NOT_ALLOWED, "method not allowed '%s'",
                                 r->method);
    }
    if (strcmp(url, "/") == 0)
        return r->route = "index", serve_index(s, c, r);
    if (strcmp(url, "/embed.js") == 0)
        return r->route = "embed", serve_embed_js(c, r);
    if (strcmp(url, "/healthz") == 0)
        return r->route = "healthz", serve_healthz(s, c, r);
    if (strcmp(url, "/metrics") == 0)
        return r->route = "metrics", serve_metrics(s, c, r);
    if (strncmp(url, "/articles/", 10) == 0)
        return r->route = "article", serve_article_page(s, c, r, url + 10);
    if (strncmp(url, "/audio/", 7) == 0)
        return r->route = "audio", serve_audio(s, c, r, url + 7);
    if (strncmp(url, "/cache/", 7) == 0)
        return r->route = "cache", serve_cache_audio(s, c, r, url + 7);
    r->route = "other";
    return serve_reply_error(c, r, MHD_HTTP_NOT_FOUND, "not found '%s'", "path");
}

/* A POST body arrives in pieces; past --max-input it is dropped and answered 413. */
static void take_body(const nr_server *s, serve_request *r, const char *data, size_t len)
{
    if (r->too_large || r->body_len + len > s->max_input) {
        r->too_large = 1;
        return;
    }
    char *b = realloc(r->body, r->body_len + len + 1);
    if (!b) {
        r->too_large = 1;
        return;
    }
    memcpy(b + r->body_len, data, len);
    r->body = b;
    r->body_len += len;
    r->body[r->body_len] = '\0';
}

static enum MHD_Result handle(void *cls, struct MHD_Connection *c, const char *url,
                              const char *method, const char *version, const char *upload,
                              size_t *upload_size, void **con_cls)
{
    nr_server *s = cls;
    serve_request *r = *con_cls;
    if (!r) {
        if (!(r = request_new(c, method, url, version)))
            return MHD_NO;
        *con_cls = r;
        serve_auth_check(s, c, r);
        /* Refuse a declared oversized body before reading any of it. */
        const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
        if (cl && strtoull(cl, NULL, 10) > s->max_input)
            return serve_reply_error(c, r, MHD_HTTP_CONTENT_TOO_LARGE,
                                     "request body too large (limit %zu bytes) '%s'",
                                     s->max_input, cl);
        /* Without a key, a POST, PUT or DELETE to the API is refused before its body is read. */
        if (!r->authorized && strncmp(url, "/api/v1/", 8) == 0 && strcmp(method, "GET") != 0 &&
            strcmp(method, "HEAD") != 0 && strcmp(method, "OPTIONS") != 0) {
            r->route = "api";
            return serve_reply_unauthorized(c, r);
        }
        /* Answer from the next call: MHD keeps a connection alive only for
        ** responses queued once the request has been read. */
        return MHD_YES;
    }
    if (r->parked) {
        r->parked = 0;
        atomic_fetch_sub(&s->parked, 1);
    }
    if (*upload_size) {
        take_body(s, r, upload, *upload_size);
        *upload_size = 0;
        return MHD_YES;
    }
    if (!r->route)
        conn_receiving(c, 0); /* all of the request is in: the receive deadline is met */
    if (r->too_large)
        return serve_reply_error(c, r, MHD_HTTP_CONTENT_TOO_LARGE,
                                 "request body too large (limit %zu bytes) '%s'", s->max_input,
                                 "body");
    return route(s, c, r);
}

/* ------------------------------------------------------------ the daemon */

/* "HOST:PORT" (or "[V6]:PORT") to a bound, listening socket. */
static int open_listener(const char *listen_addr, unsigned *port, narrate_error *err)
{
    char host[256];
    const char *colon = strrchr(listen_addr, ':');
    char *end;
    long p = colon ? strtol(colon + 1, &end, 10) : -1;
    if (!colon || colon == listen_addr || *end || p < 0 || p > 65535 ||
        (size_t)(colon - listen_addr) >= sizeof host) {
        err->code = NARRATE_EINVAL;
        snprintf(err->message, sizeof err->message, "--listen needs HOST:PORT '%s'", listen_addr);
        return -1;
    }
    snprintf(host, sizeof host, "%.*s", (int)(colon - listen_addr), listen_addr);
    struct sockaddr_storage ss = { 0 };
    socklen_t sl;
    size_t hl = strlen(host);
    if (host[0] == '[' && host[hl - 1] == ']') {
        struct sockaddr_in6 *a6 = (struct sockaddr_in6 *)&ss;
        host[hl - 1] = '\0';
        a6->sin6_family = AF_INET6;
        a6->sin6_port = htons((uint16_t)p);
        sl = inet_pton(AF_INET6, host + 1, &a6->sin6_addr) == 1 ? sizeof *a6 : 0;
    } else {
        struct sockaddr_in *a4 = (struct sockaddr_in *)&ss;
        a4->sin_family = AF_INET;
        a4->sin_port = htons((uint16_t)p);
        sl = inet_pton(AF_INET, host, &a4->sin_addr) == 1 ? sizeof *a4 : 0;
    }
    if (!sl) {
        err->code = NARRATE_EINVAL;
        snprintf(err->message, sizeof err->message, "--listen needs a numeric address '%s'", listen_addr);
        return -1;
    }
    int fd = socket(ss.ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
    int one = 1;
    if (fd >= 0)
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (fd < 0 || bind(fd, (struct sockaddr *)&ss, sl) != 0 || listen(fd, 1024) != 0) {
        err->code = NARRATE_EIO;
        snprintf(err->message, sizeof err->message, "cannot listen on '%s': %s", listen_addr,
                 strerror(errno));
        if (fd >= 0)
            close(fd);
        return -1;
    }
    sl = sizeof ss;
    getsockname(fd, (struct sockaddr *)&ss, &sl);
    *port = ntohs(ss.ss_family == AF_INET6 ? ((struct sockaddr_in6 *)&ss)->sin6_port
                                           : ((struct sockaddr_in *)&ss)->sin_port);
    return fd;
}

/* As many connections as file descriptors allow, within reason (or --max-connections). */
static unsigned connection_limit(int workers, unsigned want)
{
    struct rlimit rl;
    if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
        rl.rlim_cur = rl.rlim_max;
        setrlimit(RLIMIT_NOFILE, &rl);
        getrlimit(RLIMIT_NOFILE, &rl);
    }
    rlim_t spare = 64 + 8 * (rlim_t)workers; /* cache files, worker sockets, logs */
    rlim_t n = rl.rlim_cur > spare + 16 ? rl.rlim_cur - spare : 16;
    rlim_t cap = want ? want : 4096;
    return n > cap ? (unsigned)cap : (unsigned)n;
}

static unsigned bound_port;

int serve_http_start(nr_server *s, const char *listen_addr, narrate_error *err)
{
    if ((listen_fd = open_listener(listen_addr, &bound_port, err)) < 0)
        return -1;
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    unsigned pool = cpus < 1 ? 1 : cpus > 4 ? 4 : (unsigned)cpus;
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_ALLOW_SUSPEND_RESUME;
    s->daemon = MHD_start_daemon(flags, 0, NULL, NULL, handle, s,
                                 MHD_OPTION_LISTEN_SOCKET, listen_fd,
                                 MHD_OPTION_THREAD_POOL_SIZE, pool,
                                 MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)s->timeout_s,
                                 MHD_OPTION_CONNECTION_LIMIT, connection_limit(s->workers, s->max_conn),
                                 MHD_OPTION_PER_IP_CONNECTION_LIMIT, s->per_client_conn,
                                 MHD_OPTION_NOTIFY_COMPLETED, completed, s,
                                 MHD_OPTION_NOTIFY_CONNECTION, notify_connection, s,
                                 MHD_OPTION_END);
    if (!s->daemon) {
        err->code = NARRATE_EIO;
        snprintf(err->message, sizeof err->message, "cannot start the HTTP server on '%s'", listen_addr);
        close(listen_fd);
        listen_fd = -1;
        return -1;
    }
    sweep_quit = 0;
    sweeper_running = pthread_create(&sweeper, NULL, sweep, s) == 0;
    return 0;
}

unsigned serve_http_port(nr_server *s)
{
    (void)s;
    return bound_port;
}

void serve_http_quiesce(nr_server *s)
{
    if (s->daemon)
        MHD_quiesce_daemon(s->daemon);
}

void serve_http_stop(nr_server *s)
{
    /* Suspended connections must all be resumed before MHD may stop. */
    for (int i = 0; i < 300 && atomic_load(&s->parked) > 0; i++)
        usleep(10000);
    if (sweeper_running) {
        pthread_mutex_lock(&sweep_lock);
        sweep_quit = 1;
        pthread_cond_signal(&sweep_cond);
        pthread_mutex_unlock(&sweep_lock);
        pthread_join(sweeper, NULL);
        sweeper_running = 0;
    }
    if (s->daemon)
        MHD_stop_daemon(s->daemon);
    s->daemon = NULL;
    if (listen_fd >= 0)
        close(listen_fd);
    listen_fd = -1;
}
