/* mp3join.c - joining MP3 pieces: frame bookkeeping and the whole file's LAME Info tag. */
#include "mp3join.h"

#include <stdlib.h>
#include <string.h>

#include "bytes.h"
#include "error.h"

/* The LAME Info tag, at offsets from its "Info" identifier (LAME 3.100's
** layout, also documented as the "LAME tag" format). */
enum {
    INFO_FLAGS = 4, INFO_FRAMES = 8, INFO_BYTES = 12, INFO_TOC = 16,
    INFO_DELAY_PAD = 141, INFO_MUSIC_LEN = 148, INFO_MUSIC_CRC = 152, INFO_TAG_CRC = 154,
};
#define INFO_ALL_FIELDS 0x0F /* frames, bytes, TOC and quality present */

/* CRC-16/ARC, as LAME computes its music and tag CRCs. */
static uint16_t crc16(const unsigned char *p, size_t n, uint16_t crc)
{
    for (size_t i = 0; i < n; i++) {
        crc ^= p[i];
        for (int k = 0; k < 8; k++)
            crc = (crc & 1) ? (uint16_t)((crc >> 1) ^ 0xA001) : (uint16_t)(crc >> 1);
    }
    return crc;
}

/* Length of the MPEG-2 Layer III frame whose header is at h, or 0. */
static size_t frame_len(const unsigned char *h)
{
    static const int kbps[16] = { 0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160, 0 };
    static const int rates[4] = { 22050, 24000, 16000, 0 };
    if (h[0] != 0xFF || (h[1] & 0xFE) != 0xF2) /* sync, MPEG-2, Layer III */
        return 0;
    int rate = rates[(h[2] >> 2) & 3], k = kbps[h[2] >> 4];
    return rate && k ? (size_t)(72000 * k / rate + ((h[2] >> 1) & 1)) : 0;
}

/* Room for the base tag (title, author, language, length) and the chapters. */
#define BASE_TAG_MAX 16384

/* The ID3v2 tag for a length in ms, with the chapters' frames, padded to
** pad_to (0: as small as it comes) into a malloc'd *out.  Its size, or 0
** with err filled. */
static size_t build_tag(const nr_mp3join *j, uint64_t length_ms, size_t pad_to,
                        unsigned char **out, narrate_error *err)
{
    const nr_chapters *c = j->chapters;
    size_t chapters = c ? nr_id3_chapters_size(c->items, c->count) : 0;
    size_t cap = BASE_TAG_MAX + chapters + pad_to;
    unsigned char *buf = *out = malloc(cap);
    if (!buf) {
        nr_fail(err, NARRATE_ENOMEM, "out of memory for the ID3 tag '%zu bytes'", cap);
        return 0;
    }
    /* Padded, the tag without chapters is as large as the one with them
    ** (a stream's, see nr_mp3join_begin): the whole buffer is its room. */
    size_t n = nr_mp3_id3(&j->meta, length_ms, c ? 0 : pad_to, buf, cap);
    if (n == 0 || n > cap) {
        nr_fail(err, NARRATE_EENCODE, "cannot build the ID3 tag '%s'",
                j->meta.title ? j->meta.title : "(untitled)");
        return 0;
    }
    return c ? nr_id3_add_chapters(buf, n, cap, c->items, c->count, pad_to, err) : n;
}

int nr_mp3join_begin(nr_mp3join *j, nr_sink *sink, const nr_meta *meta, nr_chapters *chapters,
                     narrate_error *err)
{
    memset(j, 0, sizeof *j);
    j->sink = sink;
    j->meta = *meta;
    j->chapters = chapters && chapters->count ? chapters : NULL;
    unsigned char *buf = NULL;
    /* The widest length a TLEN frame can hold, so the final tag fits in place. */
    j->id3_len = build_tag(j, 4294967295u, 0, &buf, err);
    if (j->id3_len && sink->fn && j->chapters) {
        /* A stream cannot be patched: it gets padding where the chapters
        ** go, rather than chapters all at 0; the cache's copy gets them. */
        nr_chapters *c = j->chapters;
        free(buf);
        j->chapters = NULL;
        size_t n = build_tag(j, 4294967295u, j->id3_len, &buf, err);
        j->chapters = c;
        if (n && n != j->id3_len)
            nr_fail(err, NARRATE_EENCODE, "ID3 tag size %zu, expected '%zu'", n, j->id3_len);
        j->id3_len = n == j->id3_len ? n : 0;
    }
    int rc = j->id3_len ? nr_sink_write(sink, buf, j->id3_len, err) : err->code;
    free(buf);
    return rc;
}

int nr_mp3join_data(nr_mp3join *j, const void *buf, size_t n, narrate_error *err)
{
    const unsigned char *p = buf;
    if (!j->seen_first && n >= 4) {
        j->seen_first = 1;
        j->info_at = j->sink->pos;
        j->info_left = frame_len(p);
    }
    size_t info = n < j->info_left ? n : j->info_left;
    j->info_left -= info;
    j->crc = crc16(p + info, n - info, j->crc);
    j->music += n - info;
    return nr_sink_write(j->sink, buf, n, err);
}

void nr_mp3join_piece(nr_mp3join *j, const nr_piece_done *done, const void *tag)
{
    j->frames += done->frames;
    j->padding = done->padding;
    if (done->tag_len && done->tag_len <= sizeof j->tag) {
        memcpy(j->tag, tag, done->tag_len);
        j->tag_len = done->tag_len;
    }
}

/* Where the Info identifier sits in the tag frame, or -1. */
static int info_id(const unsigned char *tag, size_t len)
{
    for (size_t i = 4; i + INFO_TAG_CRC + 2 <= len && i < 48; i++)
        if (memcmp(tag + i, "Info", 4) == 0 || memcmp(tag + i, "Xing", 4) == 0)
            return (int)i;
    return -1;
}

/* Turn the first piece's Info frame into the whole file's. */
static int fill_info(nr_mp3join *j, narrate_error *err)
{
    unsigned char *t = j->tag;
    int x = info_id(t, j->tag_len);
    uint32_t flags = x < 0 ? 0 : (uint32_t)t[x + INFO_FLAGS + 3];
    if (x < 0 || (flags & INFO_ALL_FIELDS) != INFO_ALL_FIELDS)
        return nr_fail(err, NARRATE_EENCODE, "unexpected LAME Info frame '%zu bytes'", j->tag_len);
    uint64_t total = j->tag_len + j->music;
    nr_put_be32(t + x + INFO_FRAMES, j->frames);
    nr_put_be32(t + x + INFO_BYTES, (uint32_t)total);
    for (int i = 0; i < 100; i++) { /* CBR: seek points fall evenly */
        uint64_t at = j->tag_len + j->music * (uint64_t)i / 100;
        uint64_t v = 256 * at / total;
        t[x + INFO_TOC + i] = (unsigned char)(v > 255 ? 255 : v);
    }
    unsigned char *dp = t + x + INFO_DELAY_PAD; /* 12 bits delay, 12 bits padding */
    dp[1] = (unsigned char)((dp[1] & 0xF0) | ((j->padding >> 8) & 0x0F));
    dp[2] = (unsigned char)(j->padding & 0xFF);
    nr_put_be32(t + x + INFO_MUSIC_LEN, (uint32_t)total);
    nr_put_be16(t + x + INFO_MUSIC_CRC, j->crc);
    nr_put_be16(t + x + INFO_TAG_CRC, crc16(t, (size_t)x + INFO_TAG_CRC, 0));
    return NARRATE_OK;
}

int nr_mp3join_end(nr_mp3join *j, uint64_t samples, narrate_error *err)
{
    if (j->tag_len == 0)
        return nr_fail(err, NARRATE_EENCODE, "no LAME Info frame from the first piece '%s'",
                       j->sink->name);
    int rc = fill_info(j, err);
    if (rc == NARRATE_OK)
        rc = nr_sink_patch(j->sink, j->tag, j->tag_len, j->info_at, err);
    if (j->chapters)
        nr_chapters_finish(j->chapters, samples);
    unsigned char *buf = NULL;
    size_t n = rc == NARRATE_OK ? build_tag(j, samples * 1000 / NR_RATE, j->id3_len, &buf, err) : 0;
    if (rc == NARRATE_OK && n == 0)
        rc = err->code;
    else if (rc == NARRATE_OK && n != j->id3_len)
        rc = nr_fail(err, NARRATE_EENCODE, "ID3 tag size %zu, expected '%zu'", n, j->id3_len);
    if (rc == NARRATE_OK)
        rc = nr_sink_patch(j->sink, buf, n, 0, err);
    free(buf);
    return rc;
}
