/* id3chap.c - CHAP and CTOC frames (ID3v2 Chapter Frame Addendum 1.0) in a LAME-made tag. */
#include "id3chap.h"

#include <stdio.h>
#include <string.h>
#include <utf8proc.h>

#include "bytes.h"
#include "error.h"
#include "text.h"
#include "title.h"

#define HEADER 10                  /* tag and frame headers alike */
#define TITLE_SIZE 256             /* a clipped title's bytes, with the NUL */
#define SYNCSAFE_MAX 0x0FFFFFFFu   /* 28 bits */
#define CTOC_TOP_LEVEL 0x02
#define CTOC_ORDERED 0x01
#define NO_OFFSET 0xFFFFFFFFu      /* byte offsets unused: players go by the times */
#define ID_SIZE 8                  /* "ch254" and its NUL, with room */
static const char toc_id[] = "toc"; /* chapters are "ch0", "ch1", ...: all unique */

/* A chapter title as written: clipped, and how it will be encoded. */
typedef struct {
    char text[TITLE_SIZE];
    size_t len, units; /* bytes of UTF-8; UTF-16 code units */
    int ascii;
} title;

static void title_of(const char *s, title *t)
{
    t->len = s ? nr_title_clip(s, strlen(s), NR_ID3_TITLE_CHARS, t->text, sizeof t->text) : 0;
    t->units = 0;
    t->ascii = 1;
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)t->text;
    for (size_t i = 0; i < t->len;) { /* valid UTF-8: nr_title_clip made it */
        utf8proc_int32_t cp;
        i += (size_t)utf8proc_iterate(p + i, (utf8proc_ssize_t)(t->len - i), &cp);
        t->ascii &= cp < 0x80;
        t->units += cp >= 0x10000 ? 2 : 1;
    }
}

/* TIT2 body: ISO-8859-1 (0) for ASCII, else UTF-16 with a byte-order mark (1),
** as LAME writes its own frames: ID3v2.3 has no UTF-8.  No terminator. */
static size_t title_body(const title *t)
{
    return t->ascii ? 1 + t->len : 1 + 2 + 2 * t->units;
}

static size_t title_frame(const title *t)
{
    return t->len ? HEADER + title_body(t) : 0;
}

/* Chapter i's element id, "ch<i>", with its NUL into id; returns its size. */
static size_t chap_id(size_t i, char id[ID_SIZE])
{
    return (size_t)snprintf(id, ID_SIZE, "ch%zu", i) + 1;
}

static size_t id_size(size_t i)
{
    char id[ID_SIZE];
    return chap_id(i, id);
}

static size_t chap_size(size_t i, const title *t)
{
    return HEADER + id_size(i) + 16 + title_frame(t);
}

static size_t ctoc_size(size_t n)
{
    size_t s = HEADER + sizeof toc_id + 2;
    for (size_t i = 0; i < n; i++)
        s += id_size(i);
    return s;
}

size_t nr_id3_chapters_size(const nr_chapter *ch, size_t n)
{
    if (n == 0 || n > NR_ID3_MAX_CHAPTERS)
        return 0;
    size_t s = ctoc_size(n);
    for (size_t i = 0; i < n; i++) {
        title t;
        title_of(ch[i].title, &t);
        s += chap_size(i, &t);
    }
    return s;
}

static void put_syncsafe(unsigned char *p, uint32_t v)
{
    nr_put_be32(p, (v & 0x7F) | (v & 0x3F80) << 1 | (v & 0x1FC000) << 2 | (v & 0xFE00000) << 3);
}

/* A syncsafe integer, or UINT32_MAX when a byte has its top bit set. */
static uint32_t get_syncsafe(const unsigned char *p)
{
    if ((p[0] | p[1] | p[2] | p[3]) & 0x80)
        return UINT32_MAX;
    return (uint32_t)p[0] << 21 | (uint32_t)p[1] << 14 | (uint32_t)p[2] << 7 | p[3];
}

/* A frame header: ID3v2.4 sizes are syncsafe, ID3v2.3 sizes plain. */
static size_t put_header(unsigned char *p, const char *id, size_t body, int version)
{
    memcpy(p, id, 4);
    if (version == 4)
        put_syncsafe(p + 4, (uint32_t)body);
    else
        nr_put_be32(p + 4, (uint32_t)body);
    p[8] = p[9] = 0; /* no flags: no compression, encryption or unsynchronisation */
    return HEADER;
}

static size_t put_title(unsigned char *p, const title *t, int version)
{
    if (!t->len)
        return 0;
    size_t o = put_header(p, "TIT2", title_body(t), version);
    p[o++] = t->ascii ? 0 : 1;
    if (t->ascii) {
        memcpy(p + o, t->text, t->len);
        return o + t->len;
    }
    p[o++] = 0xFF; /* little-endian, like LAME's frames */
    p[o++] = 0xFE;
    const utf8proc_uint8_t *s = (const utf8proc_uint8_t *)t->text;
    for (size_t i = 0; i < t->len;) {
        utf8proc_int32_t cp;
        i += (size_t)utf8proc_iterate(s + i, (utf8proc_ssize_t)(t->len - i), &cp);
        uint32_t u[2] = { (uint32_t)cp, 0 };
        size_t k = 1;
        if (cp >= 0x10000) { /* a surrogate pair */
            u[0] = 0xD800 + (((uint32_t)cp - 0x10000) >> 10);
            u[1] = 0xDC00 + (((uint32_t)cp - 0x10000) & 0x3FF);
            k = 2;
        }
        for (size_t j = 0; j < k; j++) {
            p[o++] = (unsigned char)u[j];
            p[o++] = (unsigned char)(u[j] >> 8);
        }
    }
    return o;
}

static size_t put_id(unsigned char *p, size_t i)
{
    char id[ID_SIZE];
    size_t n = chap_id(i, id);
    memcpy(p, id, n);
    return n;
}

/* CTOC: the top-level, ordered table of contents, listing every chapter. */
static size_t put_ctoc(unsigned char *p, size_t n, int version)
{
    size_t o = put_header(p, "CTOC", ctoc_size(n) - HEADER, version);
    memcpy(p + o, toc_id, sizeof toc_id);
    o += sizeof toc_id;
    p[o++] = CTOC_TOP_LEVEL | CTOC_ORDERED;
    p[o++] = (unsigned char)n;
    for (size_t i = 0; i < n; i++)
        o += put_id(p + o, i);
    return o;
}

static size_t put_chap(unsigned char *p, size_t i, const nr_chapter *c, int version)
{
    title t;
    title_of(c->title, &t);
    size_t o = put_header(p, "CHAP", chap_size(i, &t) - HEADER, version);
    o += put_id(p + o, i);
    nr_put_be32(p + o, c->start_ms);
    nr_put_be32(p + o + 4, c->end_ms);
    nr_put_be32(p + o + 8, NO_OFFSET);
    nr_put_be32(p + o + 12, NO_OFFSET);
    o += 16;
    return o + put_title(p + o, &t, version);
}

static int check_chapters(const nr_chapter *ch, size_t n, narrate_error *err)
{
    if (n == 0 || n > NR_ID3_MAX_CHAPTERS)
        return nr_fail(err, NARRATE_EINVAL, "chapters must number 1 to %d, not '%zu'",
                       NR_ID3_MAX_CHAPTERS, n);
    for (size_t i = 0; i < n; i++) {
        const char *what = NULL;
        if (ch[i].end_ms < ch[i].start_ms)
            what = "chapter ends before it starts";
        else if (i > 0 && ch[i].start_ms < ch[i - 1].start_ms)
            what = "chapter starts before the one before it";
        if (what) {
            char name[64];
            nr_snippet(ch[i].title ? ch[i].title : "(untitled)", name, sizeof name);
            return nr_fail(err, NARRATE_EINVAL, "%s '%s'", what, name);
        }
    }
    return NARRATE_OK;
}

static int is_chapter_frame(const unsigned char *f)
{
    return memcmp(f, "CHAP", 4) == 0 || memcmp(f, "CTOC", 4) == 0;
}

/* What the tag holds: its version, where its frames end (padding follows),
** and the bytes of the frames that stay. */
typedef struct {
    int version;
    size_t frames_end, kept;
} tag_info;

static size_t frame_size(const unsigned char *f, int version)
{
    return version == 4 ? get_syncsafe(f + 4) : nr_get_be32(f + 4);
}

static int read_tag(const unsigned char *buf, size_t len, tag_info *t, narrate_error *err)
{
    if (len < HEADER || memcmp(buf, "ID3", 3) != 0 || (buf[3] != 3 && buf[3] != 4))
        return nr_fail(err, NARRATE_EENCODE, "not an ID3v2.3 or ID3v2.4 tag '%zu bytes'", len);
    if (buf[5] != 0) /* chapter frames written into it would need the same treatment */
        return nr_fail(err, NARRATE_EENCODE, "ID3 tag with flags not supported '0x%02x'", buf[5]);
    uint32_t size = get_syncsafe(buf + 6);
    if (size == UINT32_MAX || size > len - HEADER)
        return nr_fail(err, NARRATE_EENCODE, "ID3 tag size beyond its buffer '%zu bytes'", len);
    *t = (tag_info){ buf[3], HEADER, 0 };
    size_t end = HEADER + size, p = HEADER;
    while (end - p >= HEADER && buf[p] != 0) { /* a zero byte starts the padding */
        size_t fs = frame_size(buf + p, t->version);
        if (fs > end - p - HEADER)
            return nr_fail(err, NARRATE_EENCODE, "ID3 frame overruns its tag '%.4s'",
                           (const char *)buf + p);
        if (!is_chapter_frame(buf + p))
            t->kept += HEADER + fs;
        p += HEADER + fs;
    }
    t->frames_end = p;
    return NARRATE_OK;
}

/* Drop the old chapter frames, moving the others down; returns their end. */
static size_t compact(unsigned char *buf, const tag_info *t)
{
    size_t o = HEADER;
    for (size_t p = HEADER; p < t->frames_end;) {
        size_t fs = HEADER + frame_size(buf + p, t->version);
        if (!is_chapter_frame(buf + p)) {
            memmove(buf + o, buf + p, fs);
            o += fs;
        }
        p += fs;
    }
    return o;
}

size_t nr_id3_add_chapters(unsigned char *buf, size_t len, size_t cap, const nr_chapter *ch,
                           size_t n, size_t pad_to, narrate_error *err)
{
    tag_info t = { 0, 0, 0 };
    if (check_chapters(ch, n, err) < 0 || read_tag(buf, len, &t, err) < 0)
        return 0;
    size_t need = HEADER + t.kept + nr_id3_chapters_size(ch, n);
    size_t total = pad_to ? pad_to : need;
    if (need > total || total > cap || total - HEADER > SYNCSAFE_MAX) {
        nr_fail(err, NARRATE_EENCODE, "ID3 tag with chapters needs %zu bytes, has '%zu'", need,
                total > cap ? cap : total);
        return 0;
    }
    size_t o = compact(buf, &t);
    o += put_ctoc(buf + o, n, t.version);
    for (size_t i = 0; i < n; i++)
        o += put_chap(buf + o, i, &ch[i], t.version);
    memset(buf + o, 0, total - o);
    put_syncsafe(buf + 6, (uint32_t)(total - HEADER));
    return total;
}
