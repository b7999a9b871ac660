/* serve_webhook.c - a job's end POSTed to its callback_url: signed (HMAC-SHA256), retried with backoff, off the request threads. */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <curl/curl.h>
#include <sodium.h>

#include "serve.h"

/*
** A callback is a request our server makes to a URL a client chose: left
** open, it would let any API caller reach the server's own network (SSRF).
** So callbacks go only to hosts the operator listed (--webhook-allow HOST,
** compared with the URL's host as written: no DNS at check time), over
** http or https only, never following a redirect (which could point
** anywhere), with bounded connect and total timeouts, and only when a
** secret is configured (--webhook-secret-file), under which every body is
** signed: X-Narrate-Signature: sha256=<hex HMAC-SHA256 of the body>.
**
** Deliveries wait in a bounded queue for one thread of their own, so no
** request thread ever waits on a remote host.  A delivery that fails (no
** connection, a timeout, a status other than 2xx) is tried again after
** 1, 2, 4, 8 s (at most WEBHOOK_TRIES tries in all), then dropped and
** counted.  On shutdown what is still queued is dropped (counted too).
*/

#define WEBHOOK_TRIES 5
#define WEBHOOK_QUEUE_MAX 1024
#define WEBHOOK_CONNECT_S 5L
#define WEBHOOK_TOTAL_S 10L
#define WEBHOOK_HOSTS_MAX 64

typedef struct delivery {
    struct delivery *next;
    char *url;
    char *body;
    size_t len;
    int tries;
    struct timespec due;       /* CLOCK_MONOTONIC */
} delivery;

static char *hosts[WEBHOOK_HOSTS_MAX];
static int nhosts;
static unsigned char *secret;
static size_t secret_len;

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t wake;      /* on CLOCK_MONOTONIC, as the due times are */
static delivery *queue;
static size_t queued;
static int quit, running;
static pthread_t thread;
static atomic_uint_fast64_t delivered, retried, failed, dropped;

int serve_webhook_allow(const char *host)
{
    if (!*host || strlen(host) > 253 || nhosts == WEBHOOK_HOSTS_MAX ||
        strspn(host, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-:[]") != strlen(host))
        return -1;
    if (!(hosts[nhosts] = strdup(host)))
        return -1;
    nhosts++;
    return 0;
}

int serve_webhook_secret_file(const char *path, narrate_error *err)
{
    FILE *f = fopen(path, "rb");
    unsigned char buf[1025];
    size_t n = f ? fread(buf, 1, sizeof buf, f) : 0;
    if (f)
        fclose(f);
    while (n && (buf[n - 1] == '\n' || buf[n - 1] == '\r'))
        n--;
    if (!f || n < 16 || n > 1024) {
        err->code = NARRATE_EINVAL;
        snprintf(err->message, sizeof err->message,
                 "%s (--webhook-secret-file: 16 to 1024 bytes, a final newline ignored) '%s'",
                 !f ? "cannot read the webhook secret" : "bad webhook secret", path);
        return -1;
    }
    free(secret);
    if (!(secret = malloc(n))) {
        err->code = NARRATE_ENOMEM;
        snprintf(err->message, sizeof err->message, "out of memory '%s'", "webhook secret");
        return -1;
    }
    memcpy(secret, buf, n);
    secret_len = n;
    sodium_memzero(buf, sizeof buf);
    return 0;
}

int serve_webhook_url_ok(const char *url, char *why, size_t cap)
{
    if (!secret) {
        snprintf(why, cap, "webhooks are off on this server (no --webhook-secret-file)");
        return -1;
    }
    CURLU *u = curl_url();
    char *scheme = NULL, *host = NULL, *user = NULL;
    int ok = 0;
    if (!u || curl_url_set(u, CURLUPART_URL, url, 0) != CURLUE_OK ||
        curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) != CURLUE_OK ||
        curl_url_get(u, CURLUPART_HOST, &host, 0) != CURLUE_OK) {
        snprintf(why, cap, "not an absolute URL");
    } else if (strcasecmp(scheme, "http") != 0 && strcasecmp(scheme, "https") != 0) {
        snprintf(why, cap, "only http and https");
    } else if (curl_url_get(u, CURLUPART_USER, &user, 0) == CURLUE_OK) {
        snprintf(why, cap, "no user or password in the URL");
    } else {
        for (int i = 0; i < nhosts && !ok; i++)
            ok = strcasecmp(hosts[i], host) == 0;
        if (!ok)
            snprintf(why, cap, "host not in --webhook-allow");
    }
    curl_free(scheme);
    curl_free(host);
    curl_free(user);
    curl_url_cleanup(u);
    return ok ? 0 : -1;
}

/* "sha256=" and 64 hex digits of HMAC-SHA256(secret, body). */
static void sign(const char *body, size_t len, char out[8 + 2 * crypto_auth_hmacsha256_BYTES + 1])
{
    unsigned char mac[crypto_auth_hmacsha256_BYTES];
    crypto_auth_hmacsha256_state st;
    crypto_auth_hmacsha256_init(&st, secret, secret_len);
    crypto_auth_hmacsha256_update(&st, (const unsigned char *)body, len);
    crypto_auth_hmacsha256_final(&st, mac);
    memcpy(out, "sha256=", 7);
    sodium_bin2hex(out + 7, 2 * sizeof mac + 1, mac, sizeof mac);
}

static size_t discard(char *ptr, size_t size, size_t n, void *user)
{
    (void)ptr;
    (void)user;
    return size * n;
}

/* One try: 0 when the receiver answered 2xx. */
static int post(const delivery *d, char *error, size_t cap)
{
    char sig[8 + 2 * crypto_auth_hmacsha256_BYTES + 1], header[sizeof sig + 32];
    sign(d->body, d->len, sig);
    snprintf(header, sizeof header, "X-Narrate-Signature: %s", sig);
    CURL *h = curl_easy_init();
    if (!h) {
        snprintf(error, cap, "out of memory");
        return -1;
    }
    struct curl_slist *hl = curl_slist_append(NULL, "Content-Type: application/json");
    hl = curl_slist_append(hl, header);
    hl = curl_slist_append(hl, "Expect:");
    char ua[64];
    snprintf(ua, sizeof ua, "narrate/%d.%d.%d", NARRATE_VERSION_MAJOR, NARRATE_VERSION_MINOR,
             NARRATE_VERSION_PATCH);
    curl_easy_setopt(h, CURLOPT_URL, d->url);
    curl_easy_setopt(h, CURLOPT_POST, 1L);
    curl_easy_setopt(h, CURLOPT_POSTFIELDS, d->body);
    curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)d->len);
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, hl);
    curl_easy_setopt(h, CURLOPT_USERAGENT, ua);
    curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, WEBHOOK_CONNECT_S);
    curl_easy_setopt(h, CURLOPT_TIMEOUT, WEBHOOK_TOTAL_S);
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, discard);
    CURLcode rc = curl_easy_perform(h);
    long status = 0;
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
    curl_easy_cleanup(h);
    curl_slist_free_all(hl);
    if (rc != CURLE_OK) {
        snprintf(error, cap, "%s", curl_easy_strerror(rc));
        return -1;
    }
    if (status < 200 || status > 299) {
        snprintf(error, cap, "HTTP status %ld", status);
        return -1;
    }
    return 0;
}

static void free_delivery(delivery *d)
{
    free(d->url);
    free(d->body);
    free(d);
}

/* The earliest due delivery, taken off the queue; with lock held. */
static delivery *take_due(struct timespec *next)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    delivery **best = NULL;
    for (delivery **p = &queue; *p; p = &(*p)->next)
        if (!best || (*p)->due.tv_sec < (*best)->due.tv_sec ||
            ((*p)->due.tv_sec == (*best)->due.tv_sec && (*p)->due.tv_nsec < (*best)->due.tv_nsec))
            best = p;
    if (!best)
        return NULL;
    delivery *d = *best;
    if (d->due.tv_sec > now.tv_sec || (d->due.tv_sec == now.tv_sec && d->due.tv_nsec > now.tv_nsec)) {
        *next = d->due;
        return NULL;
    }
    *best = d->next;
    queued--;
    return d;
}

static void *deliver(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&lock);
    while (!quit) {
        struct timespec next = { 0, 0 };
        delivery *d = take_due(&next);
        if (!d) {
            if (next.tv_sec)
                pthread_cond_timedwait(&wake, &lock, &next);
            else
                pthread_cond_wait(&wake, &lock);
            continue;
        }
        pthread_mutex_unlock(&lock);
        char error[CURL_ERROR_SIZE + 64];
        int ok = post(d, error, sizeof error) == 0;
        d->tries++;
        pthread_mutex_lock(&lock);
        if (ok) {
            atomic_fetch_add(&delivered, 1);
            free_delivery(d);
        } else if (d->tries >= WEBHOOK_TRIES || quit) {
            atomic_fetch_add(&failed, 1);
            serve_log_msg("warning: webhook given up after %d tries: %s", d->tries, error);
            free_delivery(d);
        } else {
            atomic_fetch_add(&retried, 1);
            clock_gettime(CLOCK_MONOTONIC, &d->due);
            d->due.tv_sec += 1L << (d->tries - 1); /* 1, 2, 4, 8 s */
            d->next = queue;
            queue = d;
            queued++;
        }
    }
    pthread_mutex_unlock(&lock);
    return NULL;
}

int serve_webhook_start(void)
{
    if (!secret)
        return 0;
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
        return -1;
    pthread_condattr_t ca;
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    pthread_cond_init(&wake, &ca);
    pthread_condattr_destroy(&ca);
    quit = 0;
    running = pthread_create(&thread, NULL, deliver, NULL) == 0;
    return running ? 0 : -1;
}

void serve_webhook_send(const char *url, const char *body, size_t len)
{
    delivery *d = calloc(1, sizeof *d);
    if (d) {
        d->url = strdup(url);
        d->body = malloc(len + 1);
    }
    if (!d || !d->url || !d->body || !running) {
        if (d)
            free_delivery(d);
        atomic_fetch_add(&dropped, 1);
        return;
    }
    memcpy(d->body, body, len);
    d->body[len] = '\0';
    d->len = len;
    clock_gettime(CLOCK_MONOTONIC, &d->due);
    pthread_mutex_lock(&lock);
    if (queued >= WEBHOOK_QUEUE_MAX) {
        pthread_mutex_unlock(&lock);
        free_delivery(d);
        atomic_fetch_add(&dropped, 1);
        serve_log_msg("warning: webhook queue full (%d): one dropped", WEBHOOK_QUEUE_MAX);
        return;
    }
    d->next = queue;
    queue = d;
    queued++;
    pthread_cond_signal(&wake);
    pthread_mutex_unlock(&lock);
}

void serve_webhook_stop(void)
{
    if (running) {
        pthread_mutex_lock(&lock);
        quit = 1;
        pthread_cond_signal(&wake);
        pthread_mutex_unlock(&lock);
        pthread_join(thread, NULL);
        running = 0;
        while (queue) {
            delivery *d = queue;
            queue = d->next;
            free_delivery(d);
            atomic_fetch_add(&dropped, 1);
        }
        queued = 0;
        pthread_cond_destroy(&wake);
        curl_global_cleanup();
    }
    for (int i = 0; i < nhosts; i++)
        free(hosts[i]);
    nhosts = 0;
    if (secret)
        sodium_memzero(secret, secret_len);
    free(secret);
    secret = NULL;
}

void serve_webhook_stats(serve_webhook_counts *c)
{
    c->delivered = atomic_load(&delivered);
    c->retried = atomic_load(&retried);
    c->failed = atomic_load(&failed);
    c->dropped = atomic_load(&dropped);
}
