/* mp3join.h - one MP3 file from independently encoded pieces: ID3v2, Info tag, CRCs. */
#ifndef NR_MP3JOIN_H
#define NR_MP3JOIN_H

#include <stdint.h>

#include "chapters.h"
#include "encoder.h"
#include "proto.h"
#include "sink.h"

typedef struct nr_mp3join {
    nr_sink *sink;
    nr_meta meta;
    size_t id3_len;          /* bytes reserved for the ID3v2 tag */
    uint64_t info_at;        /* where the first piece's Info placeholder frame sits */
    size_t info_left;        /* placeholder bytes still to pass (not in the music CRC) */
    int seen_first;
    uint16_t crc;            /* CRC-16 of the music after the Info frame */
    uint64_t music;          /* bytes of music after the Info frame */
    uint32_t frames;         /* music frames */
    uint32_t padding;        /* the last piece's */
    unsigned char tag[2880]; /* the first piece's Info frame */
    size_t tag_len;
    nr_chapters *chapters;   /* NULL: none */
} nr_mp3join;

/* Write the ID3v2 tag, sized for the longest length it may have to carry
** and for the chapters (may be NULL), whose times come at the end. */
int nr_mp3join_begin(nr_mp3join *j, nr_sink *sink, const nr_meta *meta, nr_chapters *chapters,
                     narrate_error *err);

/* Pass on the bytes of the pieces, in order. */
int nr_mp3join_data(nr_mp3join *j, const void *buf, size_t n, narrate_error *err);

/* A piece ended (tag: the Info frame LAME made for the first piece). */
void nr_mp3join_piece(nr_mp3join *j, const nr_piece_done *done, const void *tag);

/* Rewrite the ID3v2 length, the chapters' times and the Info frame for the whole file. */
int nr_mp3join_end(nr_mp3join *j, uint64_t samples, narrate_error *err);

#endif
