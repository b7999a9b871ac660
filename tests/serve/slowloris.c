/* slowloris.c - test client: N connections that send request headers a byte per second (or nothing). */
#include <arpa/inet.h>
#include <errno.h>
#include <signal.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

/*
** usage: slowloris PORT N SECONDS [idle|until-closed|hold]
** Opens N connections to 127.0.0.1:PORT, prints "opened N" and, once a second
** for SECONDS or until SIGTERM, sends each the next byte of an endless header
** block.  Then prints how many were opened and how many the server had closed,
** and after how many seconds (monotonic, counted from before the first connect,
** so never less than the server's own count) the first and the last close was
** seen.  With "idle" it sends nothing and stops as soon as all are closed;
** with "until-closed" it sends its bytes and stops as soon as all are closed;
** "hold" (the default) sends until SECONDS or SIGTERM; "reconnect" does too, and
** opens a new connection for each the server closes (counted in "reopened").
*/

static volatile sig_atomic_t stop;
static void on_term(int sig) { (void)sig; stop = 1; }

static int elapsed_s(const struct timespec *t0)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (int)(t.tv_sec - t0->tv_sec - (t.tv_nsec < t0->tv_nsec));
}

static const char header[] = "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ";

int main(int argc, char **argv)
{
    if (argc < 4)
        return 2;
    int port = atoi(argv[1]), n = atoi(argv[2]), secs = atoi(argv[3]);
    int idle = argc > 4 && strcmp(argv[4], "idle") == 0;
    int until_closed = idle || (argc > 4 && strcmp(argv[4], "until-closed") == 0);
    int reconnect = argc > 4 && strcmp(argv[4], "reconnect") == 0;
    int reopened = 0;
    int *fd = calloc((size_t)n, sizeof *fd), opened = 0, closed = 0, first_close = -1, last_close = -1;
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    signal(SIGTERM, on_term);
    struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons((unsigned short)port) };
    inet_pton(AF_INET, "127.0.0.1", &a.sin_addr);
    for (int i = 0; i < n; i++) {
        fd[i] = socket(AF_INET, SOCK_STREAM, 0);
        if (fd[i] >= 0 && connect(fd[i], (struct sockaddr *)&a, sizeof a) == 0) {
            opened++;
        } else {
            if (fd[i] >= 0)
                close(fd[i]);
            fd[i] = -1;
        }
    }
    printf("opened %d\n", opened);
    fflush(stdout);
    for (int t = 0; t < secs && !stop && !(until_closed && closed == opened); t++) {
        sleep(1);
        for (int i = 0; i < n; i++) {
            if (fd[i] < 0)
                continue;
            size_t pos = (size_t)t < sizeof header - 1 ? (size_t)t : sizeof header - 2;
            char c = (size_t)t < sizeof header - 1 ? header[pos] : 'x';
            char buf[256];
            ssize_t r = recv(fd[i], buf, sizeof buf, MSG_DONTWAIT);
            int gone = r == 0 || (r < 0 && errno != EAGAIN && errno != EWOULDBLOCK);
            if (!gone && !idle)
                gone = send(fd[i], &c, 1, MSG_NOSIGNAL) != 1;
            if (gone || r > 0) {
                close(fd[i]);
                fd[i] = -1;
                closed++;
                last_close = elapsed_s(&t0);
                if (first_close < 0)
                    first_close = last_close;
                if (reconnect) {
                    fd[i] = socket(AF_INET, SOCK_STREAM, 0);
                    if (fd[i] >= 0 && connect(fd[i], (struct sockaddr *)&a, sizeof a) == 0) {
                        reopened++;
                    } else if (fd[i] >= 0) {
                        close(fd[i]);
                        fd[i] = -1;
                    }
                }
            }
        }
    }
    printf("opened %d closed %d first_close_s %d last_close_s %d", opened, closed, first_close,
           last_close);
    if (reconnect)
        printf(" reopened %d", reopened);
    printf("\n");
    for (int i = 0; i < n; i++)
        if (fd[i] >= 0)
            close(fd[i]);
    free(fd);
    return 0;
}
