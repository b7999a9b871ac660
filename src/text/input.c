/* input.c - reading articles: size, binary and file-type checks, UTF-8 repair, choosing the format. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "article.h"
#include "error.h"
#include "html.h"
#include "json.h"
#include "text.h"

static int is_blank(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (!strchr(" \t\r\n\f\v", s[i]))
            return 0;
    return 1;
}

/* The format of an input: by the name's extension, else by its first byte. */
static narrate_input detect(const char *data, size_t len, const char *path)
{
    const char *dot = path ? strrchr(path, '.') : NULL;
    if (dot && (strcasecmp(dot, ".html") == 0 || strcasecmp(dot, ".htm") == 0))
        return NARRATE_INPUT_HTML;
    if (dot && strcasecmp(dot, ".json") == 0)
        return NARRATE_INPUT_JSON;
    size_t i = 0;
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    while (i < len && strchr(" \t\r\n", data[i]))
        i++;
    if (i < len && data[i] == '<')
        return NARRATE_INPUT_HTML;
    if (i < len && data[i] == '{')
        return NARRATE_INPUT_JSON;
    return NARRATE_INPUT_TEXT;
}

/* Formats people mistake for articles, known by their first bytes: named in
** the error rather than refused as binary (or, for a PDF without NUL bytes,
** read aloud as "percent PDF one point four"). */
static const struct {
    size_t at, len;
    const char *magic, *what;
} magics[] = {
    { 0, 5, "%PDF-", "PDF document" },
    { 0, 4, "%!PS", "PostScript document" },
    { 0, 5, "{\\rtf", "RTF document" },
    { 0, 8, "\x89PNG\r\n\x1A\n", "PNG image" },
    { 0, 3, "\xFF\xD8\xFF", "JPEG image" },
    { 0, 6, "GIF87a", "GIF image" },
    { 0, 6, "GIF89a", "GIF image" },
    { 0, 4, "II*\0", "TIFF image" },
    { 0, 4, "MM\0*", "TIFF image" },
    { 8, 4, "WEBP", "WebP image" },
    { 8, 4, "WAVE", "WAV audio" },
    { 8, 4, "AVI ", "AVI video" },
    { 0, 4, "OggS", "Ogg audio or video" },
    { 0, 4, "fLaC", "FLAC audio" },
    { 4, 4, "ftyp", "MP4 or QuickTime media" },
    { 0, 4, "\x1A\x45\xDF\xA3", "Matroska or WebM video" },
    { 0, 2, "\x1F\x8B", "gzip compressed data" },
    { 0, 6, "\xFD" "7zXZ\0", "xz compressed data" },
    { 0, 4, "\x28\xB5\x2F\xFD", "Zstandard compressed data" },
    { 0, 6, "7z\xBC\xAF\x27\x1C", "7-Zip archive" },
    { 0, 6, "Rar!\x1A\x07", "RAR archive" },
    { 0, 8, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", "Microsoft Office document" },
    { 0, 16, "SQLite format 3\0", "SQLite database" },
};

/* What a ZIP archive holds, from its first entry's name (offset 30 of the
** local header), as EPUB and OpenDocument require and Office writes. */
static const char *zip_kind(const char *data, size_t len)
{
    static const struct {
        const char *name, *what;
    } kinds[] = {
        { "mimetypeapplication/epub+zip", "EPUB e-book" },
        { "mimetypeapplication/vnd.oasis.opendocument", "OpenDocument file" },
        { "[Content_Types].xml", "Office document (DOCX, XLSX or PPTX)" },
    };
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
        size_t n = strlen(kinds[i].name);
        if (len >= 30 + n && memcmp(data + 30, kinds[i].name, n) == 0)
            return kinds[i].what;
    }
    return "ZIP archive";
}

/* The name of the non-article format data is in, or NULL. */
static const char *not_an_article(const char *data, size_t len)
{
    if (len >= 4 && memcmp(data, "PK", 2) == 0 &&
        (memcmp(data + 2, "\x03\x04", 2) == 0 || memcmp(data + 2, "\x05\x06", 2) == 0))
        return zip_kind(data, len);
    if (len >= 10 && memcmp(data, "BZh", 3) == 0 && data[3] >= '1' && data[3] <= '9' &&
        memcmp(data + 4, "1AY&SY", 6) == 0)
        return "bzip2 compressed data";
    /* An ID3v2 tag: version 2 to 4, then flags. */
    if (len >= 10 && memcmp(data, "ID3", 3) == 0 && data[3] >= 2 && data[3] <= 4)
        return "MP3 audio";
    for (size_t i = 0; i < sizeof magics / sizeof magics[0]; i++)
        if (len >= magics[i].at + magics[i].len &&
            memcmp(data + magics[i].at, magics[i].magic, magics[i].len) == 0 &&
            (magics[i].at != 8 || memcmp(data, "RIFF", 4) == 0) &&
            (magics[i].at != 4 || data[0] == '\0')) /* a box size: "ftyp" in text is not one */
            return magics[i].what;
    return NULL;
}

static size_t nul_count(const char *data, size_t len)
{
    size_t n = 0;
    for (const char *p = data; (p = memchr(p, '\0', len - (size_t)(p - data))); p++)
        n++;
    return n;
}

static narrate_article *too_large(size_t max, const char *name, narrate_error *err)
{
    nr_fail(err, NARRATE_ELIMIT, "article larger than the limit of %zu bytes '%s'", max, name);
    return NULL;
}

static narrate_article *parse_format(const char *data, size_t len, narrate_input format,
                                     size_t max, const char *path, const char *name,
                                     narrate_error *err)
{
    if (len > max)
        return too_large(max, name, err);
    const char *kind = not_an_article(data, len);
    if (kind) {
        nr_fail(err, NARRATE_EINPUT, "not an article (%s) '%s'", kind, name);
        return NULL;
    }
    if (format == NARRATE_INPUT_AUTO)
        format = detect(data, len, path);
    /* Browsers read a NUL in an HTML page as U+FFFD (html.c does too); a page
    ** made mostly of them (UTF-16, a binary file) is not one to read. */
    if (len && memchr(data, '\0', len) && (format != NARRATE_INPUT_HTML || nul_count(data, len) * 16 > len)) {
        nr_fail(err, NARRATE_EINPUT, "binary data (NUL bytes) in article '%s'", name);
        return NULL;
    }
    if (is_blank(data, len)) {
        nr_fail(err, NARRATE_EINPUT, "empty article '%s'", name);
        return NULL;
    }
    if (format == NARRATE_INPUT_HTML)
        return nr_parse_html(data, len, name, err);
    if (format != NARRATE_INPUT_TEXT && format != NARRATE_INPUT_JSON) {
        nr_fail(err, NARRATE_EINVAL, "unknown input format '%d'", (int)format);
        return NULL;
    }
    size_t rlen;
    char *clean = nr_utf8_repair(data, len, &rlen);
    if (!clean) {
        nr_fail(err, NARRATE_ENOMEM, "out of memory reading article '%s'", name);
        return NULL;
    }
    narrate_article *a = format == NARRATE_INPUT_JSON ? nr_parse_json(clean, rlen, name, err)
                                                      : nr_parse_text(clean, rlen, name, err);
    free(clean);
    return a;
}

static narrate_article *parse(const char *data, size_t len, narrate_input format, size_t max,
                              const char *path, const char *name, const narrate_cache *memo,
                              narrate_error *err)
{
    narrate_article *a = parse_format(data, len, format, max, path, name, err);
    if (a && nr_article_identify(a, memo ? narrate_cache_dir(memo) : NULL) < 0) {
        narrate_article_free(a);
        nr_fail(err, NARRATE_ENOMEM, "out of memory reading article '%s'", name);
        return NULL;
    }
    return a;
}

narrate_article *narrate_article_parse_limited(const char *data, size_t len, narrate_input format,
                                               size_t max_bytes, narrate_error *err)
{
    if (!data && len) {
        nr_fail(err, NARRATE_EINVAL, "no text for article '%s'", "(null)");
        return NULL;
    }
    return parse(data ? data : "", len, format, max_bytes ? max_bytes : NARRATE_ARTICLE_MAX, NULL,
                 "(text)", NULL, err);
}

narrate_article *narrate_article_parse_as(const char *data, size_t len, narrate_input format,
                                          narrate_error *err)
{
    return narrate_article_parse_limited(data, len, format, NARRATE_ARTICLE_MAX, err);
}

narrate_article *narrate_article_parse(const char *text, size_t len, narrate_error *err)
{
    return narrate_article_parse_as(text, len, NARRATE_INPUT_AUTO, err);
}

/* Read all of f into a malloc'd buffer, but no more than max + 1 bytes:
** one past the limit tells a file too large, without reading the rest. */
static int slurp(FILE *f, size_t max, char **out, size_t *outlen)
{
    size_t want = max < SIZE_MAX ? max + 1 : max, cap = want < 65536 ? want : 65536, len = 0;
    char *buf = malloc(cap);
    while (buf && len < want) {
        if (len == cap) {
            size_t ncap = cap > want / 2 ? want : cap * 2;
            char *nb = realloc(buf, ncap);
            if (!nb) {
                free(buf);
                return NARRATE_ENOMEM;
            }
            buf = nb;
            cap = ncap;
        }
        size_t n = fread(buf + len, 1, cap - len, f);
        len += n;
        if (n == 0)
            break;
    }
    if (!buf)
        return NARRATE_ENOMEM;
    if (ferror(f) || len > max) {
        free(buf);
        return len > max ? NARRATE_ELIMIT : NARRATE_EIO;
    }
    *out = buf;
    *outlen = len;
    return NARRATE_OK;
}

narrate_article *narrate_article_read_cached(const char *path, narrate_input format,
                                             size_t max_bytes, narrate_cache *cache,
                                             narrate_error *err)
{
    if (!path) {
        nr_fail(err, NARRATE_EINVAL, "no article path '%s'", "(null)");
        return NULL;
    }
    int is_stdin = strcmp(path, "-") == 0;
    const char *name = is_stdin ? "(stdin)" : path;
    FILE *f = is_stdin ? stdin : fopen(path, "rbe");
    if (!f) {
        nr_fail_errno(err, NARRATE_EIO, errno, "cannot open article '%s'", path);
        return NULL;
    }
    char *buf = NULL;
    size_t len = 0, max = max_bytes ? max_bytes : NARRATE_ARTICLE_MAX;
    int rc = slurp(f, max, &buf, &len);
    int saved = errno;
    if (!is_stdin)
        fclose(f);
    if (rc == NARRATE_EIO)
        nr_fail_errno(err, rc, saved, "cannot read article '%s'", name);
    else if (rc == NARRATE_ELIMIT)
        too_large(max, name, err);
    else if (rc < 0)
        nr_fail(err, rc, "out of memory reading article '%s'", name);
    if (rc < 0)
        return NULL;
    narrate_article *a = parse(buf, len, format, max, is_stdin ? NULL : path, name, cache, err);
    free(buf);
    return a;
}

narrate_article *narrate_article_read_limited(const char *path, narrate_input format,
                                              size_t max_bytes, narrate_error *err)
{
    return narrate_article_read_cached(path, format, max_bytes, NULL, err);
}

narrate_article *narrate_article_read_as(const char *path, narrate_input format, narrate_error *err)
{
    return narrate_article_read_limited(path, format, NARRATE_ARTICLE_MAX, err);
}

narrate_article *narrate_article_read(const char *path, narrate_error *err)
{
    return narrate_article_read_as(path, NARRATE_INPUT_AUTO, err);
}
