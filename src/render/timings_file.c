/* timings_file.c - WebVTT and JSON timings, written as the sentences arrive. */
#include "timings_file.h"

#include <errno.h>
#include <inttypes.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "checksum.h"
#include "encoder.h"
#include "fsutil.h"
#include "error.h"
#include "infile.h"
#include "outfile.h"
#include "text.h"

#define FLUSH_AT (1 << 16)

struct nr_timings_file {
    nr_outfile out;
    int json;
    char *buf;
    size_t len, cap;
    uint64_t written;
    int failed;     /* errno of a failed write, or ENOMEM */
    size_t cues;
};

static void flush(nr_timings_file *f)
{
    if (!f->failed && f->len && nr_pwrite_all(f->out.fd, f->buf, f->len, (off_t)f->written) < 0)
        f->failed = errno ? errno : EIO;
    f->written += f->len;
    f->len = 0;
}

static void put(nr_timings_file *f, const char *s, size_t n)
{
    if (f->failed)
        return;
    if (f->len + n > f->cap) {
        size_t ncap = f->cap ? f->cap : FLUSH_AT * 2;
        while (ncap < f->len + n)
            ncap *= 2;
        char *nb = realloc(f->buf, ncap);
        if (!nb) {
            f->failed = ENOMEM;
            return;
        }
        f->buf = nb;
        f->cap = ncap;
    }
    memcpy(f->buf + f->len, s, n);
    f->len += n;
    if (f->len >= FLUSH_AT)
        flush(f);
}

static void puts_(nr_timings_file *f, const char *s)
{
    put(f, s, strlen(s));
}

nr_timings_file *nr_timings_file_open(const char *path, narrate_error *err)
{
    const char *dot = strrchr(path, '.');
    int json = dot && strcmp(dot, ".json") == 0;
    if (!json && !(dot && strcmp(dot, ".vtt") == 0)) {
        nr_fail(err, NARRATE_EFORMAT, "unknown timings format (.vtt or .json) '%s'", path);
        return NULL;
    }
    nr_timings_file *f = calloc(1, sizeof *f);
    if (!f) {
        nr_fail(err, NARRATE_ENOMEM, "out of memory for timings '%s'", path);
        return NULL;
    }
    f->json = json;
    if (nr_outfile_open(&f->out, path, err) < 0) {
        free(f);
        return NULL;
    }
    puts_(f, json ? "{\"format\":\"narrate-timings\",\"version\":1,\"sentences\":[" : "WEBVTT\n");
    return f;
}

/* ------------------------------------------------------------------ WebVTT */

static void vtt_time(nr_timings_file *f, uint32_t ms)
{
    char t[32];
    snprintf(t, sizeof t, "%02u:%02u:%02u.%03u", ms / 3600000, ms / 60000 % 60, ms / 1000 % 60,
             ms % 1000);
    puts_(f, t);
}

/* Cue text may hold no "-->" and no markup: "<", ">" and "&" become
** character references, and any run of white space one space, so that no
** line break (which would end the cue early) gets through. */
static void vtt_text(nr_timings_file *f, const char *s, size_t n)
{
    int space = 0, any = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
            space = any;
            continue;
        }
        if (space)
            put(f, " ", 1);
        space = 0;
        any = 1;
        if (c == '<')
            puts_(f, "&lt;");
        else if (c == '>')
            puts_(f, "&gt;");
        else if (c == '&')
            puts_(f, "&amp;");
        else
            put(f, s + i, 1);
    }
}

static void vtt_add(nr_timings_file *f, const narrate_sentence_timing *t)
{
    char id[32];
    snprintf(id, sizeof id, "\n%zu\n", t->index + 1);
    puts_(f, id);
    vtt_time(f, t->start_ms);
    puts_(f, " --> ");
    vtt_time(f, t->end_ms);
    puts_(f, "\n");
    vtt_text(f, t->text, t->text_len);
    puts_(f, "\n");
}

/* -------------------------------------------------------------------- JSON */

static const char *part_name(narrate_part p)
{
    static const char *names[] = { "intro", "title", "byline", "body", "outro" };
    return p <= NARRATE_PART_OUTRO ? names[p] : "body";
}

/* A text slice as a JSON string ("" if it is not valid UTF-8, which the
** article's repaired text always is); NULL when out of memory. */
static json_t *slice(const char *s, size_t n)
{
    return nr_utf8_valid(s, n) ? json_stringn(s, n) : json_string("");
}

static json_t *word_json(const narrate_sentence_timing *t, const narrate_word_timing *w)
{
    return json_pack("{s:I, s:I, s:I, s:I, s:I, s:I, s:o}", "start_ms", (json_int_t)w->start_ms,
                     "end_ms", (json_int_t)w->end_ms, "begin", (json_int_t)w->begin, "end",
                     (json_int_t)w->end, "char_begin", (json_int_t)w->char_begin, "char_end",
                     (json_int_t)w->char_end, "text",
                     slice(t->text + (w->begin - t->begin), w->end - w->begin));
}

static json_t *sentence_json(const narrate_sentence_timing *t)
{
    json_t *words = json_array();
    for (size_t i = 0; words && i < t->nwords; i++)
        if (json_array_append_new(words, word_json(t, &t->words[i])) < 0) {
            json_decref(words);
            words = NULL;
        }
    json_t *j = json_pack("{s:I, s:I, s:I, s:s, s:I, s:I, s:I, s:I, s:o, s:o}", "index",
                          (json_int_t)t->index, "start_ms", (json_int_t)t->start_ms, "end_ms",
                          (json_int_t)t->end_ms, "part", part_name(t->part), "begin",
                          (json_int_t)t->begin, "end", (json_int_t)t->end, "char_begin",
                          (json_int_t)t->char_begin, "char_end", (json_int_t)t->char_end, "text",
                          slice(t->text, t->text_len), "words", words);
    if (j && t->part == NARRATE_PART_BODY &&
        json_object_set_new(j, "paragraph", json_integer((json_int_t)t->paragraph)) < 0) {
        json_decref(j);
        j = NULL;
    }
    return j;
}

/* jansson's dumper goes on when writing an object's key fails (2.14 does
** not check it): the text goes straight into our buffer, whose failures stick. */
static int dump_put(const char *buffer, size_t size, void *file)
{
    nr_timings_file *f = file;
    put(f, buffer, size);
    return f->failed ? -1 : 0;
}

static void json_add(nr_timings_file *f, const narrate_sentence_timing *t)
{
    json_t *j = sentence_json(t);
    puts_(f, f->cues ? ",\n" : "\n");
    if (!j || json_dump_callback(j, dump_put, f, JSON_COMPACT | JSON_PRESERVE_ORDER) < 0)
        f->failed = f->failed ? f->failed : ENOMEM;
    json_decref(j);
}

int nr_timings_file_add(const narrate_sentence_timing *t, void *file)
{
    nr_timings_file *f = file;
    if (f->json)
        json_add(f, t);
    else
        vtt_add(f, t);
    f->cues++;
    return f->failed ? -1 : 0;
}

/* ------------------------------------------------------------ the audio */

/*
** The last line of every timings file names the audio it belongs to:
**
**     NOTE narrate-audio xxh3_128=<32 hex> bytes=<n> key=<64 hex or ->
**     ],"duration_ms":<n>,"audio":{"xxh3_128":"<32 hex>","bytes":<n>,"key":"<64 hex or ->"}}
**
** (a WebVTT comment block after the last cue; the JSON's last members).
*/
#define VTT_AUDIO "NOTE narrate-audio xxh3_128=%32[0-9a-f] bytes=%" SCNu64 " key=%64[0-9a-f-]%c"
#define JSON_AUDIO "\"audio\":{\"xxh3_128\":\"%32[0-9a-f]\",\"bytes\":%" SCNu64 ",\"key\":\"%64[0-9a-f-]\"}}%c"

int nr_audio_id_of_fd(int fd, nr_audio_id *id)
{
    nr_sum s;
    if (nr_sum_of_fd(fd, &s) < 0)
        return -1;
    memcpy(id->sum, s.hex, sizeof id->sum);
    id->bytes = s.bytes;
    return 0;
}

int nr_timings_file_commit(nr_timings_file *f, uint32_t duration_ms, const nr_audio_id *id,
                           narrate_error *err)
{
    char tail[256];
    const char *key = id->key[0] ? id->key : "-";
    if (f->json)
        snprintf(tail, sizeof tail,
                 "\n],\"duration_ms\":%u,\"audio\":{\"xxh3_128\":\"%s\",\"bytes\":%" PRIu64
                 ",\"key\":\"%s\"}}\n",
                 duration_ms, id->sum, id->bytes, key);
    else
        snprintf(tail, sizeof tail, "\nNOTE narrate-audio xxh3_128=%s bytes=%" PRIu64 " key=%s\n",
                 id->sum, id->bytes, key);
    puts_(f, tail);
    flush(f);
    if (f->failed == ENOMEM)
        return nr_fail(err, NARRATE_ENOMEM, "out of memory writing timings '%s'", f->out.path);
    if (f->failed)
        return nr_fail_errno(err, NARRATE_EIO, f->failed, "cannot write timings '%s'", f->out.path);
    return nr_outfile_commit_undoable(&f->out, NULL, err);
}

/* The identity the timings file open on fd records, from its last line. */
static int recorded_id(int fd, nr_audio_id *id)
{
    struct stat st;
    char buf[512];
    if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode))
        return -1;
    off_t at = st.st_size > (off_t)sizeof buf - 1 ? st.st_size - (off_t)sizeof buf + 1 : 0;
    ssize_t n = pread(fd, buf, sizeof buf - 1, at);
    if (n < 2 || buf[n - 1] != '\n')
        return -1;
    buf[n - 1] = '\0';
    char *line = strrchr(buf, '\n');
    if (!line)
        return -1;
    line++;
    char *json = strstr(line, "\"audio\":{");
    char extra;
    int got = json ? sscanf(json, JSON_AUDIO, id->sum, &id->bytes, id->key, &extra)
                   : sscanf(line, VTT_AUDIO, id->sum, &id->bytes, id->key, &extra);
    /* %c matching means something follows the record: not ours. */
    return got == 3 && strlen(id->sum) == 32 ? 0 : -1;
}

int narrate_timings_match(const char *audio, const char *timings, narrate_error *err)
{
    if (!audio || !timings)
        return nr_fail(err, NARRATE_EINVAL, "missing %s '(null)'", audio ? "timings" : "audio");
    nr_audio_id want, have;
    int tf = nr_open_regular(timings, NARRATE_EIO, "timings", err);
    if (tf < 0)
        return NARRATE_EIO;
    int rec = recorded_id(tf, &want);
    close(tf);
    if (rec < 0)
        return nr_fail(err, NARRATE_ENOTFOUND, "timings name no audio (not narrate's, or older) '%s'",
                       timings);
    int af = nr_open_regular(audio, NARRATE_EIO, "audio", err);
    if (af < 0)
        return NARRATE_EIO;
    int rc = nr_audio_id_of_fd(af, &have) == 0
                 ? NARRATE_OK
                 : nr_fail_errno(err, NARRATE_EIO, errno, "cannot read audio '%s'", audio);
    close(af);
    if (rc == NARRATE_OK && (have.bytes != want.bytes || strcmp(have.sum, want.sum) != 0))
        rc = nr_fail(err, NARRATE_ENOTFOUND, "timings belong to other audio than '%s'", audio);
    return rc;
}

void nr_timings_file_undo(nr_timings_file *f)
{
    nr_outfile_undo(&f->out);
}

void nr_timings_file_free(nr_timings_file *f)
{
    if (!f)
        return;
    nr_outfile_abort(&f->out);
    free(f->buf);
    free(f);
}
