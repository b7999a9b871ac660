/* fuzz_http.c - libFuzzer target: raw requests to `narrate serve` (request line, headers, bodies). */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fuzz.h"
#include "serve.h"

static nr_server server; /* MHD and the render threads hold pointers to it */

static const char article_a[] =
    "Title: Fuzzing the server\nAuthor: The Desk\n\nThe cat sat on the mat. It was warm.\n";
static const char article_b[] =
    "<html lang=\"en\"><head><title>Second page</title></head><body><h1>Second page</h1>"
    "<p>One short paragraph, read aloud.</p></body></html>";

static int connect_server(void)
{
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    struct sockaddr_in sa = { .sin_family = AF_INET, .sin_port = htons((uint16_t)serve_http_port(&server)) };
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (fd < 0 || connect(fd, (struct sockaddr *)&sa, sizeof sa) < 0)
        fuzz_fail("cannot connect to the server", strerror(errno));
    return fd;
}

/* Send a request, close our side and read the answer: -1 if none came within
** wait_ms, else 1 if it began "HTTP/1." (0 if not).  The server usually closes
** at once; when libmicrohttpd misses the half-close (edge-triggered epoll sees
** the request and the FIN as one event) it keeps the connection until its
** idle timeout, so an answer that pauses for 50 ms counts as complete.
** With half_close 0 our side stays open and the answer is read to the
** server's close: a render takes the FIN of a half-closed client for a
** listener who left and is cancelled, so requests that must render use that. */
static int exchange_mode(const void *req, size_t len, int wait_ms, int half_close)
{
    int fd = connect_server();
    for (size_t off = 0; off < len;) {
        ssize_t w = send(fd, (const char *)req + off, len - off, MSG_NOSIGNAL);
        if (w <= 0)
            break; /* the server may answer and close early (400, 413) */
        off += (size_t)w;
    }
    if (half_close)
        shutdown(fd, SHUT_WR);
    char buf[65536], head[8] = "";
    size_t got = 0;
    for (;;) {
        struct pollfd p = { fd, POLLIN, 0 };
        if (poll(&p, 1, got && half_close ? 50 : wait_ms) != 1)
            break;
        ssize_t r = recv(fd, buf, sizeof buf, 0);
        if (r <= 0)
            break;
        if (got < 7)
            memcpy(head + got, buf, (size_t)r < 7 - got ? (size_t)r : 7 - got);
        got += (size_t)r;
    }
    close(fd);
    return got == 0 ? -1 : strncmp(head, "HTTP/1.", 7) == 0;
}

static int exchange(const void *req, size_t len, int wait_ms)
{
    return exchange_mode(req, len, wait_ms, 1);
}

/* The invariant: whatever came before, the server answers the next request. */
static void check_alive(void)
{
    static const char health[] = "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n";
    if (exchange(health, sizeof health - 1, 10000) != 1)
        fuzz_fail("the server no longer answers", "GET /healthz");
}

static void write_article(const char *dir, const char *name, const char *text)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    if (!f || fputs(text, f) < 0 || fclose(f) != 0)
        fuzz_fail("cannot write an article", path);
}

/* Render both articles once, so that hits (ranges, ETags) are reachable; then
** refuse every further render: fuzzed bodies would otherwise each start one. */
static void warm_cache(void)
{
    static const char get_a[] = "GET /audio/a.mp3 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
    static const char get_b[] = "GET /audio/b.mp3 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
    if (exchange_mode(get_a, sizeof get_a - 1, 60000, 0) != 1 ||
        exchange_mode(get_b, sizeof get_b - 1, 60000, 0) != 1)
        fuzz_fail("cannot render the articles", "");
    server.max_queue = 0;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    signal(SIGPIPE, SIG_IGN);
    fuzz_keep_stderr();
    fuzz_use_tree();
    static char articles[256], cache_dir[256];
    snprintf(articles, sizeof articles, "%s/articles", fuzz_dir());
    snprintf(cache_dir, sizeof cache_dir, "%s/cache", fuzz_dir());
    mkdir(articles, 0700);
    write_article(articles, "a.txt", article_a);
    write_article(articles, "b.html", article_b);
    narrate_error err;
    narrate_engine_options eo = { 0 };
    eo.max_workers = 1;
    server.articles_dir = articles;
    server.workers = 1;
    server.max_queue = 4;
    server.timeout_s = 2;
    server.max_input = 1 << 20; /* serve's default --max-input */
    snprintf(server.tmpdir, sizeof server.tmpdir, "%s", fuzz_dir());
    if (!(server.cache = narrate_cache_open(cache_dir, &err)) ||
        !(server.engine = narrate_engine_create(&eo, &err)))
        fuzz_fail("cannot set up the server", err.message);
    if (!(server.catalog = serve_catalog_create(articles, server.max_input)))
        fuzz_fail("cannot list the articles", articles);
    /* As cmd_serve sets it up: the quota table every render request passes. */
    pthread_mutex_init(&server.keys_lock, NULL);
    if (serve_quota_create(&server) < 0)
        fuzz_fail("cannot set up the quotas", "out of memory");
    if (serve_queue_start(&server, &err) < 0 || serve_http_start(&server, "127.0.0.1:0", &err) < 0)
        fuzz_fail("cannot start the server", err.message);
    warm_cache();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* An incomplete request may get no answer: then check the server is fine. */
    if (exchange(data, size, 200) < 0)
        check_alive();
    return 0;
}
