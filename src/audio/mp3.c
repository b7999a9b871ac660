/* mp3.c - the only file that talks to LAME: MP3 pieces (in workers) and ID3v2 tags. */
#include <errno.h>
#include <lame/lame.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "encoder.h"
#include "error.h"

/* LAME quality 5: the measured speed/quality trade-off is in the README,
** "Encoder settings". */
#define LAME_QUALITY 5
#define BLOCK 8192                 /* samples encoded per LAME call */
#define OUTBUF (BLOCK * 5 / 4 + 7200) /* LAME's documented worst case */

typedef struct {
    const nr_encoder_ops *ops;
    lame_t lame;
    nr_bytes_fn out;
    void *userdata;
    int with_info;
    unsigned char buf[OUTBUF];
} mp3_encoder;

static void quiet(const char *format, va_list ap)
{
    (void)format;
    (void)ap;
}

/* A malloc'd UTF-16 copy of UTF-8 s, with byte-order mark and terminator, as
** id3tag_set_textinfo_utf16 wants it. */
static unsigned short *utf16_of(const char *s)
{
    size_t len = strlen(s);
    unsigned short *u = malloc((len * 2 + 2) * sizeof *u);
    if (!u)
        return NULL;
    size_t o = 0;
    u[o++] = 0xFEFF;
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
    while (*p) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t n = utf8proc_iterate(p, -1, &cp);
        if (n < 1) {
            cp = 0xFFFD;
            n = 1;
        }
        if (cp >= 0x10000) {
            cp -= 0x10000;
            u[o++] = (unsigned short)(0xD800 + (cp >> 10));
            u[o++] = (unsigned short)(0xDC00 + (cp & 0x3FF));
        } else {
            u[o++] = (unsigned short)cp;
        }
        p += n;
    }
    u[o] = 0;
    return u;
}

static int is_ascii(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s >= 0x80)
            return 0;
    return 1;
}

/* Set a text frame: Latin-1 when plain ASCII, else UTF-16 (the id3tag_set_*
** shortcuts would mangle anything outside Latin-1). */
static int set_text(lame_t lame, const char *frame, const char *text)
{
    if (!text || !*text)
        return 0;
    if (is_ascii(text))
        return id3tag_set_textinfo_latin1(lame, frame, text);
    unsigned short *u = utf16_of(text);
    if (!u)
        return -1;
    int rc = id3tag_set_textinfo_utf16(lame, frame, u);
    free(u);
    return rc;
}

/* ID3 wants ISO 639-2 codes; map the common two-letter tags. */
static const char *iso639_2(const char *tag)
{
    static const char *const map[][2] = {
        { "en", "eng" }, { "es", "spa" }, { "fr", "fra" }, { "de", "deu" }, { "it", "ita" },
        { "pt", "por" }, { "nl", "nld" }, { "sv", "swe" }, { "da", "dan" }, { "no", "nor" },
        { "nb", "nob" }, { "fi", "fin" }, { "pl", "pol" }, { "cs", "ces" }, { "ru", "rus" },
        { "uk", "ukr" }, { "el", "ell" }, { "tr", "tur" }, { "ar", "ara" }, { "he", "heb" },
        { "hi", "hin" }, { "zh", "zho" }, { "ja", "jpn" }, { "ko", "kor" }, { "ca", "cat" },
    };
    if (!tag)
        return NULL;
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (strncmp(tag, map[i][0], 2) == 0 && (tag[2] == '\0' || tag[2] == '-' || tag[2] == '_'))
            return map[i][1];
    return NULL;
}

/* CBR mono 22050 Hz in and out (LAME would otherwise pick its own output
** rate), silent: LAME prints to stderr unless given handlers. */
static lame_t new_lame(int bitrate, int with_info)
{
    lame_t lame = lame_init();
    if (!lame)
        return NULL;
    lame_set_errorf(lame, quiet);
    lame_set_debugf(lame, quiet);
    lame_set_msgf(lame, quiet);
    lame_set_num_channels(lame, 1);
    lame_set_in_samplerate(lame, NR_RATE);
    lame_set_out_samplerate(lame, NR_RATE);
    lame_set_mode(lame, MONO);
    lame_set_VBR(lame, vbr_off);
    lame_set_brate(lame, bitrate);
    lame_set_quality(lame, LAME_QUALITY);
    lame_set_bWriteVbrTag(lame, with_info);
    lame_set_write_id3tag_automatic(lame, 0);
    return lame;
}

static int emit(mp3_encoder *m, int n, narrate_error *err)
{
    if (n < 0)
        return nr_fail(err, NARRATE_EENCODE, "LAME failed with code %d '%s'", n, "lame_encode");
    if (n > 0 && m->out(m->buf, (size_t)n, m->userdata) != 0)
        return nr_fail(err, NARRATE_EIO, "cannot deliver MP3 data '%d bytes'", n);
    return NARRATE_OK;
}

static int mp3_write(nr_encoder *e, const int16_t *pcm, size_t n, narrate_error *err)
{
    mp3_encoder *m = (mp3_encoder *)e;
    while (n > 0) {
        int block = n < BLOCK ? (int)n : BLOCK;
        int rc = emit(m, lame_encode_buffer(m->lame, pcm, pcm, block, m->buf, sizeof m->buf), err);
        if (rc < 0)
            return rc;
        pcm += block;
        n -= (size_t)block;
    }
    return NARRATE_OK;
}

static int mp3_finish(nr_encoder *e, narrate_error *err)
{
    mp3_encoder *m = (mp3_encoder *)e;
    return emit(m, lame_encode_flush(m->lame, m->buf, sizeof m->buf), err);
}

static void mp3_free(nr_encoder *e)
{
    mp3_encoder *m = (mp3_encoder *)e;
    if (m->lame)
        lame_close(m->lame);
    free(m);
}

static const nr_encoder_ops mp3_ops = { mp3_write, mp3_finish, mp3_free };

nr_encoder *nr_mp3_piece_open(int bitrate, int with_info, nr_bytes_fn out, void *userdata,
                              narrate_error *err)
{
    mp3_encoder *m = calloc(1, sizeof *m);
    if (!m || !(m->lame = new_lame(bitrate, with_info))) {
        free(m);
        nr_fail(err, NARRATE_ENOMEM, "out of memory starting encoder '%s'", "LAME");
        return NULL;
    }
    *m = (mp3_encoder){ &mp3_ops, m->lame, out, userdata, with_info, { 0 } };
    if (lame_init_params(m->lame) < 0) {
        nr_fail(err, NARRATE_EENCODE, "LAME rejected the settings '%d kbps'", bitrate);
        mp3_free((nr_encoder *)m);
        return NULL;
    }
    return (nr_encoder *)m;
}

void nr_mp3_piece_stats_get(nr_encoder *e, nr_mp3_piece_stats *s)
{
    mp3_encoder *m = (mp3_encoder *)e;
    s->frames = (uint32_t)lame_get_frameNum(m->lame);
    s->padding = (uint32_t)lame_get_encoder_padding(m->lame);
    s->tag_len = m->with_info ? lame_get_lametag_frame(m->lame, s->tag, sizeof s->tag) : 0;
    if (s->tag_len > sizeof s->tag)
        s->tag_len = 0;
}

size_t nr_mp3_id3(const nr_meta *meta, uint64_t length_ms, size_t pad_to, unsigned char *buf,
                  size_t size)
{
    lame_t lame = new_lame(meta->bitrate_kbps, 0);
    if (!lame)
        return 0;
    char tlen[24];
    snprintf(tlen, sizeof tlen, "%llu", (unsigned long long)length_ms);
    id3tag_init(lame);
    id3tag_v2_only(lame);
    size_t n = 0;
    if (set_text(lame, "TIT2", meta->title) >= 0 && set_text(lame, "TPE1", meta->artist) >= 0 &&
        set_text(lame, "TLAN", iso639_2(meta->language)) >= 0 &&
        set_text(lame, "TLEN", length_ms ? tlen : NULL) >= 0 && lame_init_params(lame) >= 0)
        n = lame_get_id3v2_tag(lame, buf, size);
    if (n && pad_to > n && n <= size) {
        id3tag_set_pad(lame, pad_to - n);
        n = lame_get_id3v2_tag(lame, buf, size);
    }
    lame_close(lame);
    return n;
}
