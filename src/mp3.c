/* mp3.c - the MP3 encoder: LAME, CBR mono 22050 Hz, ID3v2 tag and LAME Info tag. */
#include <errno.h>
#include <lame/lame.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "encoder.h"
#include "error.h"

/* LAME quality 5: measured as transparent for espeak-ng speech at 64 kbps and
** clearly faster than the default 3 (see README, "Encoder settings"). */
#define LAME_QUALITY 5
#define BLOCK 8192                 /* samples encoded per LAME call */
#define OUTBUF (BLOCK * 5 / 4 + 7200) /* LAME's documented worst case */
#define TLEN_WIDEST "4294967295"   /* reserve room for the longest length */

typedef struct {
    const nr_encoder_ops *ops;
    lame_t lame;
    int fd;
    const char *path;
    off_t audio_at; /* the first MP3 frame (LAME's Info tag) starts here */
    off_t pos;
    uint64_t samples;
    unsigned char out[OUTBUF];
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

static int configure(lame_t lame, const nr_meta *meta)
{
    lame_set_errorf(lame, quiet);
    lame_set_debugf(lame, quiet);
    lame_set_msgf(lame, quiet);
    lame_set_num_channels(lame, 1);
    lame_set_in_samplerate(lame, NR_RATE);
    lame_set_out_samplerate(lame, NR_RATE);
    lame_set_mode(lame, MONO);
    lame_set_VBR(lame, vbr_off);
    lame_set_brate(lame, meta->bitrate_kbps);
    lame_set_quality(lame, LAME_QUALITY);
    lame_set_bWriteVbrTag(lame, 1);
    lame_set_write_id3tag_automatic(lame, 0);
    id3tag_init(lame);
    id3tag_v2_only(lame);
    if (set_text(lame, "TIT2", meta->title) < 0 || set_text(lame, "TPE1", meta->artist) < 0 ||
        set_text(lame, "TLAN", iso639_2(meta->language)) < 0 ||
        set_text(lame, "TLEN", TLEN_WIDEST) < 0)
        return -1;
    return lame_init_params(lame);
}

static int write_out(mp3_encoder *m, int n, narrate_error *err)
{
    if (n < 0)
        return nr_fail(err, NARRATE_EENCODE, "LAME failed with code %d '%s'", n, "lame_encode");
    if (nr_pwrite_all(m->fd, m->out, (size_t)n, m->pos) < 0)
        return nr_fail_errno(err, NARRATE_EIO, errno, "cannot write output '%s'", m->path);
    m->pos += n;
    return NARRATE_OK;
}

static int mp3_write(nr_encoder *e, const int16_t *pcm, size_t n, narrate_error *err)
{
    mp3_encoder *m = (mp3_encoder *)e;
    while (n > 0) {
        int block = n < BLOCK ? (int)n : BLOCK;
        int out = lame_encode_buffer(m->lame, pcm, pcm, block, m->out, sizeof m->out);
        int rc = write_out(m, out, err);
        if (rc < 0)
            return rc;
        m->samples += (uint64_t)block;
        pcm += block;
        n -= (size_t)block;
    }
    return NARRATE_OK;
}

/* Rewrite the reserved head: the ID3v2 tag with the real length, padded to
** exactly the reserved size, then LAME's Info tag over its placeholder frame. */
static int write_tags(mp3_encoder *m, narrate_error *err)
{
    char tlen[24];
    snprintf(tlen, sizeof tlen, "%llu", (unsigned long long)(m->samples * 1000 / NR_RATE));
    if (id3tag_set_textinfo_latin1(m->lame, "TLEN", tlen) < 0)
        return nr_fail(err, NARRATE_EENCODE, "cannot set ID3 frame '%s'", "TLEN");
    size_t bare = lame_get_id3v2_tag(m->lame, m->out, sizeof m->out);
    if (bare > (size_t)m->audio_at)
        return nr_fail(err, NARRATE_EENCODE, "ID3 tag outgrew its room '%zu bytes'", bare);
    id3tag_set_pad(m->lame, (size_t)m->audio_at - bare);
    size_t tag = lame_get_id3v2_tag(m->lame, m->out, sizeof m->out);
    if (tag != (size_t)m->audio_at)
        return nr_fail(err, NARRATE_EENCODE, "ID3 tag size %zu, expected '%lld'", tag,
                       (long long)m->audio_at);
    if (nr_pwrite_all(m->fd, m->out, tag, 0) < 0)
        return nr_fail_errno(err, NARRATE_EIO, errno, "cannot write output '%s'", m->path);
    size_t info = lame_get_lametag_frame(m->lame, m->out, sizeof m->out);
    if (info == 0 || info > sizeof m->out)
        return nr_fail(err, NARRATE_EENCODE, "LAME gave no Info tag '%d kbps'", lame_get_brate(m->lame));
    if (nr_pwrite_all(m->fd, m->out, info, m->audio_at) < 0)
        return nr_fail_errno(err, NARRATE_EIO, errno, "cannot write output '%s'", m->path);
    return NARRATE_OK;
}

static int mp3_finish(nr_encoder *e, narrate_error *err)
{
    mp3_encoder *m = (mp3_encoder *)e;
    int rc = write_out(m, lame_encode_flush(m->lame, m->out, sizeof m->out), err);
    return rc < 0 ? rc : write_tags(m, err);
}

static void mp3_free(nr_encoder *e)
{
    mp3_encoder *m = (mp3_encoder *)e;
    if (m->lame)
        lame_close(m->lame);
    free(m);
}

static const nr_encoder_ops mp3_ops = { mp3_write, mp3_finish, mp3_free };

nr_encoder *nr_mp3_open(int fd, const nr_meta *meta, narrate_error *err)
{
    mp3_encoder *m = calloc(1, sizeof *m);
    if (!m || !(m->lame = lame_init())) {
        free(m);
        nr_fail(err, NARRATE_ENOMEM, "out of memory starting encoder '%s'", "LAME");
        return NULL;
    }
    m->ops = &mp3_ops;
    m->fd = fd;
    m->path = meta->path;
    if (configure(m->lame, meta) < 0) {
        nr_fail(err, NARRATE_EENCODE, "LAME rejected the settings '%d kbps'", meta->bitrate_kbps);
        mp3_free((nr_encoder *)m);
        return NULL;
    }
    size_t tag = lame_get_id3v2_tag(m->lame, m->out, sizeof m->out);
    if (tag > sizeof m->out) {
        nr_fail(err, NARRATE_EENCODE, "ID3 tag too large '%zu bytes'", tag);
        mp3_free((nr_encoder *)m);
        return NULL;
    }
    m->audio_at = m->pos = (off_t)tag;
    return (nr_encoder *)m;
}
