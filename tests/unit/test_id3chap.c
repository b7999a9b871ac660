/* test_id3chap.c - ID3v2 chapter frames parsed back byte by byte, then read by ffprobe and mpg123. */
#include <criterion/criterion.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "encoder.h"
#include "helpers.h"
#include "id3chap.h"

/* ------------------------------------------------------------ a tiny ID3v2 reader */

typedef struct {
    char id[5];
    const unsigned char *body;
    size_t size;
} frame;

static uint32_t be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static uint32_t syncsafe(const unsigned char *p)
{
    cr_assert(!((p[0] | p[1] | p[2] | p[3]) & 0x80), "syncsafe integer with a top bit set");
    return (uint32_t)p[0] << 21 | (uint32_t)p[1] << 14 | (uint32_t)p[2] << 7 | p[3];
}

/* The frames in p[0..len) (a tag's, or a CHAP's sub-frames) up to padding. */
static size_t frames_in(const unsigned char *p, size_t len, int version, frame *f, size_t max)
{
    size_t n = 0, o = 0;
    while (len - o >= 10 && p[o] != 0) {
        cr_assert_lt(n, max, "more than %zu frames", max);
        memcpy(f[n].id, p + o, 4);
        f[n].id[4] = '\0';
        f[n].size = version == 4 ? syncsafe(p + o + 4) : be32(p + o + 4);
        cr_assert_eq(p[o + 8] | p[o + 9], 0, "frame %s has flags", f[n].id);
        cr_assert_leq(f[n].size, len - o - 10, "frame %s overruns", f[n].id);
        f[n].body = p + o + 10;
        o += 10 + f[n].size;
        n++;
    }
    for (; o < len; o++)
        cr_assert_eq(p[o], 0, "padding byte %zu is not zero", o);
    return n;
}

/* The tag's frames, after checking its header: version 3 or 4, no flags, size len. */
static size_t tag_frames(const unsigned char *tag, size_t len, frame *f, size_t max)
{
    cr_assert_eq(memcmp(tag, "ID3", 3), 0);
    cr_assert(tag[3] == 3 || tag[3] == 4);
    cr_assert_eq(tag[5], 0, "tag flags 0x%02x", tag[5]);
    cr_assert_eq(syncsafe(tag + 6), len - 10, "header says %u, tag has %zu", syncsafe(tag + 6),
                 len - 10);
    return frames_in(tag + 10, len - 10, tag[3], f, max);
}

static void put_utf8(char **o, uint32_t cp)
{
    *o += utf8proc_encode_char((utf8proc_int32_t)cp, (utf8proc_uint8_t *)*o);
}

/* A text frame's string as UTF-8 (malloc'd); *enc gets its encoding byte. */
static char *text_of(const frame *f, int *enc)
{
    cr_assert_geq(f->size, 1);
    const unsigned char *b = f->body + 1;
    size_t n = f->size - 1;
    char *s = malloc(n * 2 + 1), *o = s;
    *enc = f->body[0];
    if (*enc == 0) {
        for (size_t i = 0; i < n; i++)
            put_utf8(&o, b[i]);
    } else {
        cr_assert_eq(*enc, 1, "text encoding %d", *enc);
        cr_assert(n >= 2 && n % 2 == 0 && b[0] == 0xFF && b[1] == 0xFE, "no little-endian BOM");
        for (size_t i = 2; i < n; i += 2) {
            uint32_t u = b[i] | (uint32_t)b[i + 1] << 8;
            if (u >= 0xD800 && u < 0xDC00) {
                cr_assert_lt(i + 3, n, "lone high surrogate");
                uint32_t lo = b[i + 2] | (uint32_t)b[i + 3] << 8;
                u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
                i += 2;
            }
            put_utf8(&o, u);
        }
    }
    *o = '\0';
    return s;
}

typedef struct {
    char id[16];
    uint32_t start, end, start_offset, end_offset;
    char *title; /* NULL: no TIT2 */
    int enc;
} chap;

static void parse_chap(const frame *f, int version, chap *c)
{
    size_t idlen = strnlen((const char *)f->body, f->size);
    cr_assert(idlen > 0 && idlen < sizeof c->id && idlen + 1 + 16 <= f->size);
    memcpy(c->id, f->body, idlen + 1);
    const unsigned char *t = f->body + idlen + 1;
    c->start = be32(t);
    c->end = be32(t + 4);
    c->start_offset = be32(t + 8);
    c->end_offset = be32(t + 12);
    frame sub[4];
    size_t rest = f->size - idlen - 1 - 16;
    size_t n = frames_in(t + 16, rest, version, sub, 4);
    c->title = NULL;
    if (n) {
        cr_assert_eq(n, 1);
        cr_assert_str_eq(sub[0].id, "TIT2");
        c->title = text_of(&sub[0], &c->enc);
    }
}

typedef struct {
    char id[16];
    int flags;
    size_t count;
    char children[NR_ID3_MAX_CHAPTERS][8];
} ctoc;

static void parse_ctoc(const frame *f, ctoc *c)
{
    const char *b = (const char *)f->body, *end = b + f->size;
    size_t idlen = strnlen(b, f->size);
    cr_assert(idlen < sizeof c->id && idlen + 3 <= f->size);
    memcpy(c->id, b, idlen + 1);
    b += idlen + 1;
    c->flags = (unsigned char)*b++;
    c->count = (unsigned char)*b++;
    for (size_t i = 0; i < c->count; i++) {
        size_t l = strnlen(b, (size_t)(end - b));
        cr_assert(l < sizeof c->children[i] && b + l < end);
        memcpy(c->children[i], b, l + 1);
        b += l + 1;
    }
    cr_assert_eq(b, end, "CTOC has sub-frames or trailing bytes");
}

/* ------------------------------------------------------------ fixtures */

static const nr_meta meta = { "Bike lane approved", "Rachel Donovan", "en", 64, "t.mp3" };

static const nr_chapter four[] = {
    { "Council votes", 0, 4000 },
    { "Café — “two”", 4000, 9000 },
    { "Zoë", 9000, 12345 },
    { "Launch \xF0\x9F\x9A\x80 day", 12345, 20000 }, /* U+1F680, beyond the BMP */
};

/* Check the chapter frames of a tag against ch[0..n); returns frames before them. */
static size_t check_chapters(const unsigned char *tag, size_t len, const nr_chapter *ch, size_t n)
{
    frame f[NR_ID3_MAX_CHAPTERS + 16];
    size_t nf = tag_frames(tag, len, f, sizeof f / sizeof f[0]);
    size_t first = 0;
    while (first < nf && strcmp(f[first].id, "CTOC") != 0)
        cr_assert_str_neq(f[first++].id, "CHAP", "CHAP before the CTOC");
    cr_assert_eq(nf - first, 1 + n, "%zu frames after the tag's own %zu", nf - first, first);
    ctoc toc;
    parse_ctoc(&f[first], &toc);
    cr_assert_str_eq(toc.id, "toc");
    cr_assert_eq(toc.flags, 0x03, "CTOC flags 0x%02x: top-level and ordered", toc.flags);
    cr_assert_eq(toc.count, n);
    for (size_t i = 0; i < n; i++) {
        chap c;
        const frame *cf = &f[first + 1 + i];
        cr_assert_str_eq(cf->id, "CHAP");
        parse_chap(cf, tag[3], &c);
        cr_assert_str_eq(c.id, toc.children[i]);
        char want[16];
        snprintf(want, sizeof want, "ch%zu", i);
        cr_assert_str_eq(c.id, want);
        cr_assert_eq(c.start, ch[i].start_ms);
        cr_assert_eq(c.end, ch[i].end_ms);
        cr_assert_eq(c.start_offset, 0xFFFFFFFFu);
        cr_assert_eq(c.end_offset, 0xFFFFFFFFu);
        if (ch[i].title) {
            cr_assert_not_null(c.title, "chapter %zu has no TIT2", i);
            cr_assert_str_eq(c.title, ch[i].title);
            int ascii = 1;
            for (const char *s = ch[i].title; *s; s++)
                ascii &= (unsigned char)*s < 0x80;
            cr_assert_eq(c.enc, ascii ? 0 : 1, "'%s' in encoding %d", c.title, c.enc);
        } else {
            cr_assert_null(c.title, "untitled chapter %zu has a TIT2", i);
        }
        free(c.title);
    }
    return first;
}

/* ------------------------------------------------------------ ID3 frames */

Test(id3chap, frames_parse_back)
{
    unsigned char buf[8192], before[8192];
    size_t base = nr_mp3_id3(&meta, 20000, 0, buf, sizeof buf);
    cr_assert_gt(base, 10);
    cr_assert_eq(buf[3], 3, "LAME 3.100 writes ID3v2.3");
    memcpy(before, buf, base);
    size_t size = nr_id3_chapters_size(four, 4);
    narrate_error err;
    size_t n = nr_id3_add_chapters(buf, base, sizeof buf, four, 4, 0, &err);
    cr_assert_eq(n, base + size, "%s", err.message);
    size_t own = check_chapters(buf, n, four, 4);
    cr_assert_eq(own, 5, "TSSE, TIT2, TPE1, TLAN, TLEN kept");
    cr_assert_eq(memcmp(buf + 10, before + 10, base - 10), 0, "the tag's own frames changed");
    /* By hand: CTOC 10 + "toc\0" 4 + flags, count 2 + 4 x "chN\0" 16 = 32 bytes; CHAP 10 +
    ** id 4 + times 16; TIT2 10 + 1 + Latin-1, or + BOM 2 + UTF-16. */
    size_t c = 10 + 4 + 16 + 10 + 1;
    cr_assert_eq(size, 32 + (c + 13) + (c + 2 + 2 * 12) + (c + 2 + 2 * 3) + (c + 2 + 2 * 13));
}

Test(id3chap, size_ignores_times_so_a_reserved_tag_is_patched_in_place)
{
    /* As mp3join would: reserve with the widest TLEN and unknown times, fill in at the end. */
    nr_chapter ch[4];
    memcpy(ch, four, sizeof ch);
    for (size_t i = 0; i < 4; i++)
        ch[i].start_ms = ch[i].end_ms = 0;
    unsigned char buf[8192];
    narrate_error err;
    size_t reserve = nr_mp3_id3(&meta, 4294967295u, 0, buf, sizeof buf) +
                     nr_id3_chapters_size(ch, 4);
    size_t n = nr_id3_add_chapters(buf, nr_mp3_id3(&meta, 4294967295u, 0, buf, sizeof buf),
                                   sizeof buf, ch, 4, reserve, &err);
    cr_assert_eq(n, reserve, "%s", err.message);
    n = nr_id3_add_chapters(buf, nr_mp3_id3(&meta, 20000, 0, buf, sizeof buf), sizeof buf, four,
                            4, reserve, &err);
    cr_assert_eq(n, reserve, "%s", err.message);
    check_chapters(buf, n, four, 4); /* also checks the padding is zeros */
    /* A tag that comes padded loses or keeps its padding as asked. */
    size_t exact = nr_mp3_id3(&meta, 20000, 0, buf, sizeof buf) + nr_id3_chapters_size(four, 4);
    size_t padded = nr_mp3_id3(&meta, 20000, 4096, buf, sizeof buf);
    cr_assert_eq(padded, 4096);
    cr_assert_eq(nr_id3_add_chapters(buf, padded, sizeof buf, four, 4, 0, &err), exact);
    check_chapters(buf, exact, four, 4);
    nr_mp3_id3(&meta, 20000, 4096, buf, sizeof buf);
    cr_assert_eq(nr_id3_add_chapters(buf, padded, sizeof buf, four, 4, 4096, &err), 4096);
    check_chapters(buf, 4096, four, 4);
}

Test(id3chap, chapters_replace_earlier_ones)
{
    unsigned char buf[8192];
    narrate_error err;
    size_t base = nr_mp3_id3(&meta, 20000, 0, buf, sizeof buf);
    size_t n = nr_id3_add_chapters(buf, base, sizeof buf, four, 4, 0, &err);
    cr_assert_gt(n, base);
    n = nr_id3_add_chapters(buf, n, sizeof buf, four + 1, 2, 0, &err);
    cr_assert_eq(n, base + nr_id3_chapters_size(four + 1, 2), "%s", err.message);
    nr_chapter shifted[2] = { four[1], four[2] };
    check_chapters(buf, n, shifted, 2); /* one CTOC, ids from ch0 again */
}

Test(id3chap, refusals_leave_the_tag_alone)
{
    unsigned char buf[4096], copy[4096];
    size_t base = nr_mp3_id3(&meta, 20000, 0, buf, sizeof buf);
    memcpy(copy, buf, sizeof buf);
    size_t size = nr_id3_chapters_size(four, 4);
    nr_chapter many[NR_ID3_MAX_CHAPTERS + 1];
    for (size_t i = 0; i < NR_ID3_MAX_CHAPTERS + 1; i++)
        many[i] = (nr_chapter){ "x", (uint32_t)i, (uint32_t)i + 1 };
    nr_chapter backwards[] = { { "a", 5000, 4000 } }, unordered[] = { { "a", 5000, 6000 },
                                                                       { "b", 4000, 7000 } };
    struct {
        const nr_chapter *ch;
        size_t n, len, cap, pad_to;
        int code;
        const char *says;
    } cases[] = {
        { four, 0, base, sizeof buf, 0, NARRATE_EINVAL, "'0'" },
        { many, NR_ID3_MAX_CHAPTERS + 1, base, sizeof buf, 0, NARRATE_EINVAL, "'256'" },
        { backwards, 1, base, sizeof buf, 0, NARRATE_EINVAL, "ends before it starts 'a'" },
        { unordered, 2, base, sizeof buf, 0, NARRATE_EINVAL, "starts before the one before it 'b'" },
        { four, 4, base, sizeof buf, base + size - 1, NARRATE_EENCODE, "needs" },
        { four, 4, base, base + size - 1, 0, NARRATE_EENCODE, "needs" },
        { four, 4, 9, sizeof buf, 0, NARRATE_EENCODE, "not an ID3v2.3" },
        { four, 4, base - 1, sizeof buf, 0, NARRATE_EENCODE, "beyond its buffer" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        narrate_error err = { 0, "" };
        size_t n = nr_id3_add_chapters(buf, cases[i].len, cases[i].cap, cases[i].ch, cases[i].n,
                                       cases[i].pad_to, &err);
        cr_assert_eq(n, 0, "case %zu accepted", i);
        cr_assert_eq(err.code, cases[i].code, "case %zu: %d %s", i, err.code, err.message);
        cr_assert(strstr(err.message, cases[i].says), "case %zu: %s", i, err.message);
        cr_assert_eq(memcmp(buf, copy, sizeof buf), 0, "case %zu changed the buffer", i);
    }
    cr_assert_eq(nr_id3_chapters_size(four, 0), 0);
    cr_assert_eq(nr_id3_chapters_size(many, NR_ID3_MAX_CHAPTERS + 1), 0);
    cr_assert_gt(nr_id3_chapters_size(many, NR_ID3_MAX_CHAPTERS), 0);
    /* Tags this cannot extend: ID3v2.2, unsynchronised, a frame running past the end. */
    const struct {
        size_t at;
        unsigned char value;
    } bad[] = { { 3, 2 }, { 5, 0x80 }, { 10 + 4, 0xFF } }; /* version, flags, first frame's size */
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        memcpy(buf, copy, sizeof buf);
        buf[bad[i].at] = bad[i].value;
        narrate_error err;
        cr_assert_eq(nr_id3_add_chapters(buf, base, sizeof buf, four, 4, 0, &err), 0, "bad %zu", i);
        cr_assert_eq(err.code, NARRATE_EENCODE, "%s", err.message);
    }
}

Test(id3chap, many_and_untitled_chapters)
{
    static unsigned char buf[65536];
    nr_chapter ch[NR_ID3_MAX_CHAPTERS];
    char titles[NR_ID3_MAX_CHAPTERS][32];
    for (size_t i = 0; i < NR_ID3_MAX_CHAPTERS; i++) {
        snprintf(titles[i], sizeof titles[i], "Part %zu", i + 1);
        ch[i] = (nr_chapter){ i % 10 == 3 ? NULL : titles[i], (uint32_t)i * 1000,
                              (uint32_t)i * 1000 + 1000 };
    }
    narrate_error err;
    size_t base = nr_mp3_id3(&meta, 0, 0, buf, sizeof buf);
    size_t n = nr_id3_add_chapters(buf, base, sizeof buf, ch, NR_ID3_MAX_CHAPTERS, 0, &err);
    cr_assert_eq(n, base + nr_id3_chapters_size(ch, NR_ID3_MAX_CHAPTERS), "%s", err.message);
    check_chapters(buf, n, ch, NR_ID3_MAX_CHAPTERS);
    ch[0].title = "   \n\t ";
    base = nr_mp3_id3(&meta, 0, 0, buf, sizeof buf);
    n = nr_id3_add_chapters(buf, base, sizeof buf, ch, 1, 0, &err); /* blank: no TIT2 */
    cr_assert_eq(n, base + 10 + 4 + 2 + 4 + 10 + 4 + 16, "%s", err.message);
    check_chapters(buf, n, (nr_chapter[]){ { NULL, 0, 1000 } }, 1);
}

/* A title's TIT2, written and read back. */
static char *written_title(const char *title, int *enc)
{
    unsigned char buf[4096];
    nr_chapter c = { title, 0, 1000 };
    narrate_error err;
    size_t base = nr_mp3_id3(&meta, 0, 0, buf, sizeof buf);
    size_t n = nr_id3_add_chapters(buf, base, sizeof buf, &c, 1, 0, &err);
    cr_assert_eq(n, base + nr_id3_chapters_size(&c, 1), "%s", err.message);
    frame f[16];
    size_t nf = tag_frames(buf, n, f, 16);
    chap ch;
    parse_chap(&f[nf - 1], buf[3], &ch);
    cr_assert_not_null(ch.title);
    *enc = ch.enc;
    return ch.title;
}

Test(id3chap, titles_are_folded_and_cut)
{
    int enc;
    char *t = written_title("Line one\nline\ttwo  ", &enc);
    cr_assert_str_eq(t, "Line one line two");
    cr_assert_eq(enc, 0);
    free(t);
    char longer[1024] = "";
    for (int i = 0; i < 40; i++)
        strcat(longer, "word ");
    t = written_title(longer, &enc); /* 199 characters: 20 words, then "…" */
    cr_assert_eq(strlen(t), 20 * 5 - 1 + 3, "%s", t);
    cr_assert_str_eq(t + strlen(t) - 3, "…");
    cr_assert_eq(enc, 1);
    free(t);
    longer[0] = '\0';
    for (int i = 0; i < 120; i++)
        strcat(longer, "é");
    t = written_title(longer, &enc); /* one long word: cut between characters */
    cr_assert_eq(strlen(t), 99 * 2 + 3);
    cr_assert_str_eq(t + 99 * 2, "…");
    free(t);
}

Test(id3chap, id3v2_4_sizes_are_syncsafe)
{
    /* ID3v2.4 (not what LAME writes, but taggers do): frame sizes are syncsafe. */
    unsigned char buf[4096] = { 'I', 'D', '3', 4, 0, 0, 0, 0, 0, 11, 'T', 'I', 'T', '2',
                                0,   0,   0,   1, 0, 0, 0 };
    char title[256] = "";
    for (int i = 0; i < 90; i++)
        strcat(title, "ü"); /* TIT2 body 1 + 2 + 180 bytes: 0x01 0x37 syncsafe, 0xB7 plain */
    nr_chapter c = { title, 100, 200 };
    narrate_error err;
    size_t n = nr_id3_add_chapters(buf, 21, sizeof buf, &c, 1, 0, &err);
    cr_assert_eq(n, 21 + nr_id3_chapters_size(&c, 1), "%s", err.message);
    cr_assert_eq(buf[3], 4);
    check_chapters(buf, n, &c, 1);
}

/* ------------------------------------------------------------ end to end */

static unsigned char *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    cr_assert_not_null(f, "%s", path);
    fseek(f, 0, SEEK_END);
    *len = (size_t)ftell(f);
    rewind(f);
    unsigned char *b = malloc(*len + 1);
    cr_assert_eq(fread(b, 1, *len, f), *len);
    fclose(f);
    b[*len] = '\0';
    return b;
}

static int have(const char *tool)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "command -v %s >/dev/null 2>&1", tool);
    return system(cmd) == 0;
}

/* Run cmd; its standard output (malloc'd); its standard error must be empty. */
static char *run(const char *cmd, const char *dir)
{
    char *errpath = test_path(dir, "stderr.txt"), *full;
    cr_assert(asprintf(&full, "%s 2>'%s'", cmd, errpath) > 0);
    FILE *p = popen(full, "r");
    cr_assert_not_null(p);
    size_t cap = 1 << 16, len = 0;
    char *out = malloc(cap);
    for (size_t k; (k = fread(out + len, 1, cap - 1 - len, p)) > 0;)
        len += k;
    out[len] = '\0';
    cr_assert_eq(pclose(p), 0, "%s failed", cmd);
    size_t elen;
    unsigned char *e = read_all(errpath, &elen);
    cr_assert_eq(elen, 0, "%s said: %s", cmd, e);
    free(e);
    free(full);
    free(errpath);
    return out;
}

Test(id3chap, ffprobe_and_mpg123_read_the_chapters, .timeout = 60)
{
    if (!have("ffprobe") || !have("mpg123"))
        cr_skip_test("ffprobe or mpg123 not installed: chapters not checked against a reader");
    narrate_engine *e = test_engine(1);
    narrate_error err;
    narrate_article *a = narrate_article_read(NR_TEST_SRCDIR "/samples/short.txt", &err);
    cr_assert_not_null(a, "%s", err.message);
    char *dir = test_tmpdir(), *plain = test_path(dir, "short.mp3"), *out = test_path(dir, "ch.mp3");
    narrate_render_info info;
    cr_assert_eq(narrate_render_file(e, a, NULL, plain, &info, &err), 0, "%s", err.message);
    size_t len;
    unsigned char *mp3 = read_all(plain, &len);
    size_t tag = 10 + syncsafe(mp3 + 6);
    uint32_t end_ms = (uint32_t)(info.samples * 1000 / NR_RATE);
    nr_chapter ch[] = {
        { "City Council Approves New Bike Lane", 0, 7000 },
        { "Café — “two”", 7000, 15000 },
        { "Zoë", 15000, end_ms },
    };
    size_t pad_to = tag + nr_id3_chapters_size(ch, 3) + 100; /* padding, as a reserved tag has */
    unsigned char *buf = malloc(pad_to);
    memcpy(buf, mp3, tag);
    cr_assert_eq(nr_id3_add_chapters(buf, tag, pad_to, ch, 3, pad_to, &err), pad_to, "%s",
                 err.message);
    FILE *f = fopen(out, "wb");
    fwrite(buf, 1, pad_to, f);
    fwrite(mp3 + tag, 1, len - tag, f);
    fclose(f);

    char *cmd;
    cr_assert(asprintf(&cmd, "ffprobe -v error -show_chapters -of json '%s'", out) > 0);
    char *json = run(cmd, dir);
    if (getenv("NR_TEST_VERBOSE"))
        fprintf(stderr, "%s\n", json);
    json_t *root = json_loads(json, 0, NULL);
    cr_assert_not_null(root, "%s", json);
    json_t *chapters = json_object_get(root, "chapters");
    cr_assert_eq(json_array_size(chapters), 3, "%s", json);
    for (size_t i = 0; i < 3; i++) {
        json_t *c = json_array_get(chapters, i);
        const char *title = json_string_value(json_object_get(json_object_get(c, "tags"), "title"));
        cr_assert_str_eq(title ? title : "(none)", ch[i].title);
        double start = atof(json_string_value(json_object_get(c, "start_time")));
        double end = atof(json_string_value(json_object_get(c, "end_time")));
        cr_assert(fabs(start - ch[i].start_ms / 1000.0) < 1e-6, "chapter %zu starts %f", i, start);
        cr_assert(fabs(end - ch[i].end_ms / 1000.0) < 1e-6, "chapter %zu ends %f", i, end);
    }
    json_decref(root);
    free(json);
    free(cmd);

    /* mpg123 skips the frames silently and decodes the same audio. */
    cr_assert(asprintf(&cmd, "mpg123 -t '%s' 2>&1", out) > 0);
    FILE *p = popen(cmd, "r");
    char line[512];
    while (fgets(line, sizeof line, p))
        cr_assert(!strcasestr(line, "warning") && !strcasestr(line, "error") &&
                      !strcasestr(line, "note:"),
                  "mpg123: %s", line);
    cr_assert_eq(pclose(p), 0);
    free(cmd);
    size_t n0, n1;
    int rate;
    char *title, *artist;
    int16_t *pcm0 = test_decode_mp3(plain, &n0, &rate, &title, &artist);
    free(title);
    free(artist);
    int16_t *pcm1 = test_decode_mp3(out, &n1, &rate, &title, &artist);
    cr_assert_eq(n1, n0);
    cr_assert_eq(memcmp(pcm0, pcm1, n0 * sizeof *pcm0), 0);
    cr_assert_str_eq(title, "City Council Approves New Bike Lane on Main Street");
    cr_assert_str_eq(artist, "Rachel Donovan");
    free(title);
    free(artist);
    free(pcm0);
    free(pcm1);
    free(buf);
    free(mp3);
    free(plain);
    free(out);
    test_rmdir(dir);
    narrate_article_free(a);
    narrate_engine_destroy(e);
}
