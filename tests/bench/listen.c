/* listen.c - bench client: N listeners click play at once; first audio and whether each stream kept ahead of playback. */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

/*
** usage: listen PORT KBPS PATH...
** Opens one connection per PATH to 127.0.0.1:PORT, all before any is read,
** sends each "GET PATH HTTP/1.0" (so the body ends with the connection, never
** chunked), and reads them all in one poll loop until every one has ended.
** A stream's audio starts after its ID3v2 tag and its LAME Info frame (both
** written before any synthesis); from its first audio byte a player of KBPS
** kbit/s consumes KBPS * 125 bytes a second.  Before each read the player has
** consumed (now - first audio) * rate: if that is more than the audio received
** so far, the stream has fallen behind playback (the player would stall).
** Prints a line per stream (status, bytes, time to first audio byte, least
** slack: audio buffered ahead of the player, in seconds, at its worst), then
** "first audio: p50 X s, p95 Y s, max Z s" and "behind playback: N of M".
*/

typedef struct {
    const char *path;
    int fd, status, done;
    unsigned char head[8192]; /* response headers, then the start of the body */
    size_t hlen;
    size_t total, body;       /* bytes received: all, the body's */
    size_t audio_at;          /* where the audio starts in the body; 0: not known yet */
    double first;             /* seconds to the first audio byte; -1: none yet */
    double slack;             /* least audio ahead of the player, seconds */
    int behind;
} stream;

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The size of the MPEG audio frame whose header is at p (0: not one). */
static size_t frame_size(const unsigned char *p)
{
    static const int kbps[2][16] = { { 0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 0 },
                                     { 0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160, 0 } };
    static const int rates[3] = { 44100, 48000, 32000 };
    if (p[0] != 0xff || (p[1] & 0xe0) != 0xe0 || ((p[1] >> 1) & 3) != 1)
        return 0; /* Layer III only */
    int version = (p[1] >> 3) & 3; /* 3: MPEG-1, 2: MPEG-2, 0: MPEG-2.5 */
    int bi = p[2] >> 4, ri = (p[2] >> 2) & 3, pad = (p[2] >> 1) & 1;
    if (version == 1 || bi == 0 || bi == 15 || ri == 3)
        return 0;
    int rate = rates[ri] >> (version == 3 ? 0 : version == 2 ? 1 : 2);
    int mpeg1 = version == 3;
    return (size_t)((mpeg1 ? 144 : 72) * kbps[!mpeg1][bi] * 1000 / rate + pad);
}

/* Where the audio starts in a body beginning with b (n bytes): 0 while unknown. */
static size_t audio_start(const unsigned char *b, size_t n)
{
    size_t at = 0;
    if (n >= 10 && memcmp(b, "ID3", 3) == 0)
        at = 10 + ((size_t)(b[6] & 0x7f) << 21 | (size_t)(b[7] & 0x7f) << 14 |
                   (size_t)(b[8] & 0x7f) << 7 | (size_t)(b[9] & 0x7f)) + (b[5] & 0x10 ? 10 : 0);
    if (n < at + 200)
        return 0;
    size_t fs = frame_size(b + at);
    if (fs && (memmem(b + at, 64, "Info", 4) || memmem(b + at, 64, "Xing", 4)))
        at += fs;
    return at ? at : 1;
}

static void got(stream *s, const unsigned char *buf, size_t n, double t, double rate)
{
    if (s->hlen < sizeof s->head) {
        size_t k = n < sizeof s->head - s->hlen ? n : sizeof s->head - s->hlen;
        memcpy(s->head + s->hlen, buf, k);
        s->hlen += k;
    }
    size_t before = s->total;
    s->total += n;
    unsigned char *eoh = memmem(s->head, s->hlen, "\r\n\r\n", 4);
    if (!eoh) /* headers longer than the buffer count as none */
        return;
    if (!s->status)
        sscanf((char *)s->head, "HTTP/%*s %d", &s->status);
    size_t hsize = (size_t)(eoh + 4 - s->head);
    s->body = s->total - hsize;
    if (!s->audio_at)
        s->audio_at = audio_start(eoh + 4, s->hlen - hsize);
    if (!s->audio_at || s->body <= s->audio_at)
        return;
    if (s->first < 0) {
        s->first = t;
        s->slack = 1e9;
        return;
    }
    /* Before this read, the player had played (t - first) seconds of the audio received before it. */
    size_t had = before > hsize + s->audio_at ? before - hsize - s->audio_at : 0;
    double slack = (double)had / rate - (t - s->first);
    if (slack < s->slack)
        s->slack = slack;
    if (slack < 0)
        s->behind = 1;
}

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double pct(const double *v, int n, int p)
{
    int i = (n * p + 99) / 100;
    return v[i < 1 ? 0 : i - 1];
}

int main(int argc, char **argv)
{
    if (argc < 4) {
        fprintf(stderr, "usage: listen PORT KBPS PATH...\n");
        return 2;
    }
    int port = atoi(argv[1]), n = argc - 3;
    double rate = atof(argv[2]) * 125;
    stream *s = calloc((size_t)n, sizeof *s);
    struct pollfd *pfd = calloc((size_t)n, sizeof *pfd);
    if (!s || !pfd)
        return 1;
    struct sockaddr_in sa = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port) };
    inet_pton(AF_INET, "127.0.0.1", &sa.sin_addr);
    double t0 = now_s();
    for (int i = 0; i < n; i++) {
        s[i].path = argv[3 + i];
        s[i].first = -1;
        s[i].fd = socket(AF_INET, SOCK_STREAM, 0);
        if (s[i].fd < 0 || connect(s[i].fd, (struct sockaddr *)&sa, sizeof sa) < 0) {
            perror("connect");
            return 1;
        }
    }
    for (int i = 0; i < n; i++) {
        char req[1024];
        int len = snprintf(req, sizeof req, "GET %s HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n", s[i].path);
        if (write(s[i].fd, req, (size_t)len) != len) {
            perror("write");
            return 1;
        }
    }
    int open = n;
    unsigned char buf[65536];
    while (open > 0) {
        for (int i = 0; i < n; i++)
            pfd[i] = (struct pollfd){ s[i].done ? -1 : s[i].fd, POLLIN, 0 };
        if (poll(pfd, (nfds_t)n, 600 * 1000) <= 0)
            break; /* ten minutes without a byte: give up */
        double t = now_s() - t0;
        for (int i = 0; i < n; i++) {
            if (!(pfd[i].revents & (POLLIN | POLLHUP | POLLERR)))
                continue;
            ssize_t r = read(s[i].fd, buf, sizeof buf);
            if (r > 0) {
                got(&s[i], buf, (size_t)r, t, rate);
            } else if (r == 0 || errno != EINTR) {
                s[i].done = 1;
                close(s[i].fd);
                open--;
            }
        }
    }
    double *firsts = calloc((size_t)n, sizeof *firsts);
    int behind = 0, failed = 0, m = 0;
    for (int i = 0; i < n; i++) {
        printf("  %-24s %d %8zu bytes  first audio %6.2f s  least slack %7.2f s%s\n", s[i].path,
               s[i].status, s[i].body, s[i].first, s[i].first < 0 ? 0 : s[i].slack,
               s[i].behind ? "  BEHIND" : "");
        behind += s[i].behind;
        if (s[i].status != 200 || s[i].first < 0 || !s[i].done)
            failed++;
        else
            firsts[m++] = s[i].first;
    }
    qsort(firsts, (size_t)m, sizeof *firsts, by_value);
    if (m)
        printf("first audio: p50 %.2f s, p95 %.2f s, max %.2f s (%d streams)\n", pct(firsts, m, 50),
               pct(firsts, m, 95), firsts[m - 1], m);
    printf("behind playback (%g kbps player): %d of %d streams; failed: %d\n", rate / 125, behind, n,
           failed);
    free(firsts);
    free(pfd);
    free(s);
    return failed ? 1 : 0;
}
