/* checksum.c - XXH3-128 checksums of files and of bytes on their way out. */
#include "checksum.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <xxhash.h>

#include "fsutil.h"

struct nr_hasher {
    XXH3_state_t *state;
    uint64_t bytes;
};

nr_hasher *nr_hasher_new(void)
{
    nr_hasher *h = malloc(sizeof *h);
    if (h && (!(h->state = XXH3_createState()) || XXH3_128bits_reset(h->state) != XXH_OK)) {
        XXH3_freeState(h->state);
        free(h);
        return NULL;
    }
    if (h)
        h->bytes = 0;
    return h;
}

void nr_hasher_add(nr_hasher *h, const void *buf, size_t n)
{
    XXH3_128bits_update(h->state, buf, n);
    h->bytes += n;
}

void nr_hasher_sum(const nr_hasher *h, nr_sum *sum)
{
    XXH128_hash_t d = XXH3_128bits_digest(h->state);
    snprintf(sum->hex, sizeof sum->hex, "%016llx%016llx", (unsigned long long)d.high64,
             (unsigned long long)d.low64);
    sum->bytes = h->bytes;
}

void nr_hasher_free(nr_hasher *h)
{
    if (h) {
        XXH3_freeState(h->state);
        free(h);
    }
}

int nr_hash_copy(int in, int out, nr_sum *sum)
{
    enum { BUF = 1 << 16 };
    char *buf = malloc(BUF);
    nr_hasher *h = buf ? nr_hasher_new() : NULL;
    if (!h) {
        free(buf);
        errno = ENOMEM;
        return -1;
    }
    ssize_t n;
    int rc = 0;
    while (rc == 0 && (n = read(in, buf, BUF)) != 0) {
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 || (out >= 0 && nr_pwrite_all(out, buf, (size_t)n, (off_t)h->bytes) < 0))
            rc = -1;
        else
            nr_hasher_add(h, buf, (size_t)n);
    }
    int saved = errno;
    nr_hasher_sum(h, sum);
    nr_hasher_free(h);
    free(buf);
    errno = saved;
    return rc;
}

int nr_sum_of_fd(int fd, nr_sum *sum)
{
    return lseek(fd, 0, SEEK_SET) < 0 ? -1 : nr_hash_copy(fd, -1, sum);
}
