/* encoder.h - turning 22050 Hz mono PCM into a file format, behind one interface. */
#ifndef NR_ENCODER_H
#define NR_ENCODER_H

#include <stdint.h>
#include <sys/types.h>

#include "narrate.h"

#define NR_RATE 22050

/* Milliseconds, rounded, of a sample position at NR_RATE. */
static inline uint32_t nr_samples_ms(uint64_t samples)
{
    return (uint32_t)((samples * 1000 + NR_RATE / 2) / NR_RATE);
}

typedef struct nr_meta {
    const char *title;    /* UTF-8 or NULL */
    const char *artist;
    const char *language; /* a language tag such as "en" or NULL */
    int bitrate_kbps;     /* MP3 only */
    const char *path;     /* where the output goes, for messages; must outlive the encoder */
} nr_meta;

typedef struct nr_encoder nr_encoder;

/* What each format implements; an implementation's struct starts with
** `const nr_encoder_ops *ops`. */
typedef struct nr_encoder_ops {
    int (*write)(nr_encoder *e, const int16_t *pcm, size_t n, narrate_error *err);
    int (*finish)(nr_encoder *e, narrate_error *err);
    void (*free)(nr_encoder *e);
} nr_encoder_ops;

struct nr_encoder {
    const nr_encoder_ops *ops;
};


static inline int nr_encoder_write(nr_encoder *e, const int16_t *pcm, size_t n, narrate_error *err)
{
    return n ? e->ops->write(e, pcm, n, err) : NARRATE_OK;
}

/* Flush and write trailers and tags; the output is complete afterwards. */
static inline int nr_encoder_finish(nr_encoder *e, narrate_error *err)
{
    return e->ops->finish(e, err);
}

/* Free; NULL is a no-op.  Without finish, the output is undefined. */
static inline void nr_encoder_free(nr_encoder *e)
{
    if (e)
        e->ops->free(e);
}

/* WAV, FLAC and Opus (parent side), into fd: an empty seekable file we own,
** at offset 0, never closed by the encoder. */
nr_encoder *nr_sndfile_open(narrate_format format, int fd, const nr_meta *meta, narrate_error *err);

/* MP3 pieces (worker side): CBR mono, no ID3; with_info starts the piece
** with LAME's Info frame placeholder.  Encoded bytes go to out. */
typedef int (*nr_bytes_fn)(const void *buf, size_t n, void *userdata);
nr_encoder *nr_mp3_piece_open(int bitrate, int with_info, nr_bytes_fn out, void *userdata,
                              narrate_error *err);

/* After finish: frames (Info placeholder excluded), encoder padding, and
** (with_info) the final Info frame of the piece, to be patched for the file. */
typedef struct nr_mp3_piece_stats {
    uint32_t frames, padding;
    unsigned char tag[2880];
    size_t tag_len;
} nr_mp3_piece_stats;
void nr_mp3_piece_stats_get(nr_encoder *e, nr_mp3_piece_stats *stats);

/* The ID3v2 tag for meta and a length in ms (0: none), padded to exactly
** pad_to bytes when pad_to is not 0.  Returns its size (0 on failure; more
** than size when buf is too small, nothing written then). */
size_t nr_mp3_id3(const nr_meta *meta, uint64_t length_ms, size_t pad_to, unsigned char *buf,
                  size_t size);

#endif
