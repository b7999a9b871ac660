/* proto.h - the framed messages between the library and narrate-worker processes. */
#ifndef NR_PROTO_H
#define NR_PROTO_H

#include <stddef.h>
#include <stdint.h>

/* Bump when any message layout or the worker's arguments change: the
** library refuses other workers.  5: limits in argv, NR_MSG_LIMIT.
** 6: NR_MSG_VOICES. */
#define NR_PROTO_VERSION 6
#define NR_PROTO_MAGIC 0x4e415252u /* "NARR" */

/* Largest payload either side accepts. */
#define NR_PROTO_MAX (4u << 20)

enum nr_msg_type {
    NR_MSG_HELLO = 1, /* worker -> library: nr_hello, once at start */
    NR_MSG_PIECE,     /* library -> worker: nr_piece_req, then count x (nr_piece_sentence + text) */
    NR_MSG_PROGRESS,  /* worker -> library: uint32 index of the sentence it starts */
    NR_MSG_DATA,      /* worker -> library: encoded bytes (MP3) or int16 samples (PCM) */
    NR_MSG_PIECE_DONE,/* worker -> library: nr_piece_done, then tag_len bytes of LAME Info frame */
    NR_MSG_FAIL,      /* worker -> library: a message; the piece produced nothing usable */
    NR_MSG_MARK,      /* worker -> library: nr_mark_head, then words x nr_mark_word */
    NR_MSG_LIMIT,     /* worker -> library: a message, like FAIL; a configured limit was hit
                         and the worker exits (sent at start-up instead of HELLO, too) */
    NR_MSG_VOICES     /* library -> worker: empty; worker -> library: espeak-ng's voices,
                         one line per language a voice speaks: "language priority identifier\n"
                         (a lower priority is a better match, as espeak-ng ranks them) */
};

/*
** The worker's arguments carry its limits, set before espeak-ng starts:
**
**     narrate-worker --cpu-s N --memory-mb N
**
** N 0 for none.  CPU seconds are per piece (RLIMIT_CPU, raised before each
** one); memory is the address space (RLIMIT_AS, not set under
** AddressSanitizer).  A worker past its CPU limit exits with
** NR_WORKER_EXIT_CPU from its SIGXCPU handler: no core dump, and a status
** the library can tell from a crash.
*/
#define NR_WORKER_EXIT_CPU 86

/* A worker that crashes (SIGSEGV, SIGBUS, SIGABRT) with no address space
** left under its limit exits with this instead of dying of the signal: an
** allocation inside espeak-ng failed, and espeak-ng used it anyway. */
#define NR_WORKER_EXIT_MEMORY 87

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

/* A piece: consecutive sentences that a worker synthesizes, stitches and
** (for MP3) encodes on its own, so that pieces render in parallel. */
enum { NR_PIECE_PCM = 0, NR_PIECE_MP3 = 1 };

typedef struct nr_piece_req {
    nr_synth_req voice;  /* phonemes is per sentence, below */
    int32_t gain_mdb;    /* gain in millibels */
    int32_t format;      /* NR_PIECE_PCM or NR_PIECE_MP3 */
    int32_t bitrate;     /* kbps, MP3 */
    int32_t first;       /* MP3: start with LAME's Info frame placeholder */
    int32_t last;        /* no trailing pause */
    uint32_t count;      /* sentences that follow */
} nr_piece_req;

typedef struct nr_piece_sentence {
    int32_t pause_ms;
    int32_t phonemes;
    uint32_t len;        /* bytes of UTF-8 text that follow (no NUL) */
} nr_piece_sentence;

typedef struct nr_piece_done {
    uint64_t samples;    /* PCM samples the piece stands for, trailing pause included */
    uint32_t frames;     /* MP3 frames, the Info placeholder not counted */
    uint32_t padding;    /* MP3 encoder padding of the piece */
    uint32_t tag_len;    /* bytes of final Info frame that follow (first piece) */
} nr_piece_done;

/* Where a sentence's speech landed in its piece, sent once it is stitched
** (sentences with nothing audible get none).  Sample positions count from
** the piece's first sample; words are in the order spoken, each ending where
** the next begins (the last at the sentence's end), none empty. */
typedef struct nr_mark_head {
    uint32_t index;      /* sentence within the piece */
    uint32_t words;      /* nr_mark_word records that follow */
    uint64_t start, end; /* the speech, trimmed of silence */
} nr_mark_head;

typedef struct nr_mark_word {
    uint32_t pos, len;   /* bytes of the sentence's spoken text */
    uint64_t start, end;
} nr_mark_word;

/* A mark as the library holds it once received (not on the wire): where one
** script entry's speech is in the output as a player plays it, samples from
** the start, MP3 encoder delay and padding accounted for. */
typedef struct nr_mark {
    size_t sentence;            /* script index */
    uint64_t start, end;
    const nr_mark_word *words;  /* positions in the entry's spoken text, times as above */
    uint32_t nwords;
} nr_mark;

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
** oversized; ENOMEM: no memory for it; ETIMEDOUT: timed out). */
int nr_msg_recv(int fd, nr_msg *m, int timeout_ms);

void nr_msg_free(nr_msg *m);

#endif
