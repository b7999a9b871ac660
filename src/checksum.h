/* checksum.h - XXH3-128 of bytes: the cache's checksums and the audio a timings file names. */
#ifndef NR_CHECKSUM_H
#define NR_CHECKSUM_H

#include <stddef.h>
#include <stdint.h>

/* XXH3-128 guards against corruption at memory speed, so that verifying
** every hit costs next to nothing; keys, which must be collision-resistant
** across inputs, use SHA-256 (key.h). */
#define NR_SUM_HEX 32

/* The identity of some bytes: their size and XXH3-128, in hex. */
typedef struct nr_sum {
    uint64_t bytes;
    char hex[NR_SUM_HEX + 1];
} nr_sum;

/* Hashing bytes as they are written, in order. */
typedef struct nr_hasher nr_hasher;

nr_hasher *nr_hasher_new(void); /* NULL when out of memory */
void nr_hasher_add(nr_hasher *h, const void *buf, size_t n);
void nr_hasher_sum(const nr_hasher *h, nr_sum *sum); /* of everything added so far */
void nr_hasher_free(nr_hasher *h);                   /* NULL is a no-op */

/* Checksum (and, if out >= 0, copy to out at its offset 0 on) all of in
** from its current offset; 0 or -1 with errno. */
int nr_hash_copy(int in, int out, nr_sum *sum);

/* The sum of the whole file open on fd, from its start; 0 or -1 with errno. */
int nr_sum_of_fd(int fd, nr_sum *sum);

#endif
