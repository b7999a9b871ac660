/* proto.c - sending and receiving framed messages over a socket, EINTR- and SIGPIPE-safe. */
#include "proto.h"

#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <time.h>

typedef struct {
    uint32_t type;
    uint32_t len;
} header;

int nr_msg_send(int fd, uint32_t type, const void *a, size_t alen, const void *b, size_t blen)
{
    if (alen + blen > NR_PROTO_MAX) {
        errno = EMSGSIZE;
        return -1;
    }
    header h = { type, (uint32_t)(alen + blen) };
    struct iovec iov[3] = {
        { &h, sizeof h }, { (void *)a, alen }, { (void *)b, blen },
    };
    struct msghdr mh = { .msg_iov = iov, .msg_iovlen = 3 };
    size_t left = sizeof h + alen + blen;
    while (left > 0) {
        ssize_t n = sendmsg(fd, &mh, MSG_NOSIGNAL);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        left -= (size_t)n;
        while (n > 0 && mh.msg_iovlen > 0) { /* advance past what was sent */
            size_t used = (size_t)n < mh.msg_iov->iov_len ? (size_t)n : mh.msg_iov->iov_len;
            mh.msg_iov->iov_base = (char *)mh.msg_iov->iov_base + used;
            mh.msg_iov->iov_len -= used;
            n -= (ssize_t)used;
            if (mh.msg_iov->iov_len == 0) {
                mh.msg_iov++;
                mh.msg_iovlen--;
            }
        }
    }
    return 0;
}

static long long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Read exactly len bytes before the deadline (-1: none). */
static int read_full(int fd, void *buf, size_t len, long long deadline)
{
    char *p = buf;
    while (len > 0) {
        if (deadline >= 0) {
            long long wait = deadline - now_ms();
            struct pollfd pfd = { fd, POLLIN, 0 };
            int r = wait > 0 ? poll(&pfd, 1, (int)(wait > 60000 ? 60000 : wait)) : 0;
            if (r < 0 && errno == EINTR)
                continue;
            if (r < 0)
                return -1;
            if (r == 0) {
                if (now_ms() < deadline)
                    continue;
                errno = ETIMEDOUT;
                return -1;
            }
        }
        ssize_t n = recv(fd, p, len, 0);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return -1;
        if (n == 0) {
            errno = 0;
            return -1;
        }
        p += n;
        len -= (size_t)n;
    }
    return 0;
}

int nr_msg_recv(int fd, nr_msg *m, int timeout_ms)
{
    long long deadline = timeout_ms < 0 ? -1 : now_ms() + timeout_ms;
    header h;
    if (read_full(fd, &h, sizeof h, deadline) < 0)
        return -1;
    if (h.len > NR_PROTO_MAX) {
        errno = EMSGSIZE;
        return -1;
    }
    if (h.len > m->cap) {
        unsigned char *nd = realloc(m->data, h.len);
        if (!nd) {
            errno = ENOMEM;
            return -1;
        }
        m->data = nd;
        m->cap = h.len;
    }
    m->type = h.type;
    m->len = h.len;
    return read_full(fd, m->data, h.len, deadline);
}

void nr_msg_free(nr_msg *m)
{
    free(m->data);
    m->data = NULL;
    m->cap = 0;
}
