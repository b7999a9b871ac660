/* proto.h - the framed messages between the library and narrate-worker processes. */
#ifndef NR_PROTO_H
#define NR_PROTO_H

#include <stddef.h>
#include <stdint.h>

/* Bump when any message layout changes: the library refuses other workers. */
#define NR_PROTO_VERSION 2
#define NR_PROTO_MAGIC 0x4e415252u /* "NARR" */

/* Largest payload either side accepts. */
#define NR_PROTO_MAX (4u << 20)

enum nr_msg_type {
    NR_MSG_HELLO = 1, /* worker -> library: nr_hello, once at start */
    NR_MSG_SYNTH,     /* library -> worker: nr_synth_req + UTF-8 text */
    NR_MSG_PCM,       /* worker -> library: int16 samples at the hello's rate */
    NR_MSG_DONE,      /* worker -> library: end of one SYNTH's PCM, no payload */
    NR_MSG_FAIL       /* worker -> library: a message; the SYNTH produced nothing usable */
};

typedef struct nr_hello {
    uint32_t magic;
    uint32_t version;
    uint32_t sample_rate;
} nr_hello;

typedef struct nr_synth_req {
    char voice[96]; /* espeak-ng voice name, "+variant" appended, NUL-terminated */
    int32_t rate, pitch, pitch_range;
    int32_t phonemes; /* the text holds [[phonemes]] from a trusted lexicon */
} nr_synth_req;

/* Send one message made of two parts (either may be empty).  Never raises
** SIGPIPE.  Returns 0, or -1 with errno set. */
int nr_msg_send(int fd, uint32_t type, const void *a, size_t alen, const void *b, size_t blen);

/* A receive buffer that grows as needed. */
typedef struct nr_msg {
    uint32_t type;
    uint32_t len;
    unsigned char *data;
    size_t cap;
} nr_msg;

/* Receive one message into m, waiting at most timeout_ms (-1: forever).
** Returns 0; -1 with errno set on error (0 errno: end of stream; EMSGSIZE:
** oversized; ETIMEDOUT: timed out). */
int nr_msg_recv(int fd, nr_msg *m, int timeout_ms);

void nr_msg_free(nr_msg *m);

#endif
