/* article.c - plain-text articles: the header block and blank-line paragraphs. */
#include "article.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "error.h"
#include "text.h"

typedef struct {
    const char *key;
    size_t offset;
} header_field;

static const header_field header_fields[] = {
    { "title", offsetof(narrate_article, title) },
    { "author", offsetof(narrate_article, author) },
    { "language", offsetof(narrate_article, language) },
    { "voice", offsetof(narrate_article, voice) },
};

/* Where a "Key: value" header line's key is stored, or NULL if it is none. */
static char **header_slot(narrate_article *a, const char *line, size_t len, size_t *value_at)
{
    const char *colon = memchr(line, ':', len);
    if (!colon)
        return NULL;
    size_t klen = (size_t)(colon - line);
    for (size_t i = 0; i < sizeof header_fields / sizeof header_fields[0]; i++) {
        const header_field *f = &header_fields[i];
        if (strlen(f->key) == klen && strncasecmp(line, f->key, klen) == 0) {
            *value_at = klen + 1;
            return (char **)((char *)a + f->offset);
        }
    }
    return NULL;
}

static int is_blank(const char *line, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (line[i] != ' ' && line[i] != '\t' && line[i] != '\f' && line[i] != '\v')
            return 0;
    return 1;
}

/* Store a header value (whitespace-folded); an empty value stays NULL. */
static int set_header(char **slot, const char *value, size_t len)
{
    char *v = nr_speakable(value, len);
    if (!v)
        return NARRATE_ENOMEM;
    free(*slot);
    *slot = NULL;
    if (*v)
        *slot = v;
    else
        free(v);
    return NARRATE_OK;
}

/* Parse the header block at *pos; leaves *pos at the first body line. */
static int parse_header(narrate_article *a, const char *text, size_t len, size_t *pos)
{
    size_t at = 0;
    int seen = 0;
    while (at < len) {
        const char *nl = memchr(text + at, '\n', len - at);
        size_t llen = nl ? (size_t)(nl - text - at) : len - at;
        size_t next = at + llen + (nl != NULL);
        size_t value_at;
        char **slot = header_slot(a, text + at, llen, &value_at);
        if (!slot) {
            if (seen && is_blank(text + at, llen))
                at = next; /* the blank line ending the header */
            break;
        }
        int rc = set_header(slot, text + at + value_at, llen - value_at);
        if (rc < 0)
            return rc;
        seen = 1;
        at = next;
    }
    *pos = seen ? at : 0;
    return NARRATE_OK;
}

static int add_paragraph(narrate_article *a, const char *start, size_t len, size_t *cap)
{
    char *p = nr_speakable(start, len);
    if (!p)
        return NARRATE_ENOMEM;
    if (!*p) {
        free(p);
        return NARRATE_OK;
    }
    if (a->count == *cap) {
        size_t ncap = *cap ? *cap * 2 : 16;
        char **np = realloc(a->paragraphs, ncap * sizeof *np);
        if (!np) {
            free(p);
            return NARRATE_ENOMEM;
        }
        a->paragraphs = np;
        *cap = ncap;
    }
    a->paragraphs[a->count++] = p;
    return NARRATE_OK;
}

/* Split the body into paragraphs at blank lines. */
static int parse_body(narrate_article *a, const char *text, size_t len)
{
    size_t cap = 0, at = 0, para = 0;
    while (at < len) {
        const char *nl = memchr(text + at, '\n', len - at);
        size_t llen = nl ? (size_t)(nl - text - at) : len - at;
        if (is_blank(text + at, llen)) {
            int rc = add_paragraph(a, text + para, at - para, &cap);
            if (rc < 0)
                return rc;
            para = at + llen;
        }
        at += llen + (nl != NULL);
    }
    return add_paragraph(a, text + para, len - para, &cap);
}

static int check_language(const char *lang, narrate_error *err)
{
    size_t n = strlen(lang);
    if (n > 15 || strspn(lang, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") != n)
        return nr_fail(err, NARRATE_EINPUT, "bad language tag '%s'", lang);
    return NARRATE_OK;
}

/* Parse text; name is how errors refer to the article. */
static narrate_article *parse_named(const char *text, size_t len, const char *name,
                                    narrate_error *err)
{
    if (len > NARRATE_ARTICLE_MAX) {
        nr_fail(err, NARRATE_EINPUT, "article larger than %zu bytes '%s'", NARRATE_ARTICLE_MAX, name);
        return NULL;
    }
    if (len && memchr(text, '\0', len)) {
        nr_fail(err, NARRATE_EINPUT, "binary data (NUL bytes) in article '%s'", name);
        return NULL;
    }
    size_t rlen;
    char *clean = nr_utf8_repair(text ? text : "", len, &rlen);
    narrate_article *a = calloc(1, sizeof *a);
    int rc = (clean && a) ? NARRATE_OK : NARRATE_ENOMEM;
    size_t body = 0;
    if (rc == NARRATE_OK)
        rc = parse_header(a, clean, rlen, &body);
    if (rc == NARRATE_OK)
        rc = parse_body(a, clean + body, rlen - body);
    free(clean);
    if (rc == NARRATE_ENOMEM)
        nr_fail(err, rc, "out of memory parsing article '%s'", name);
    else if (a->count == 0)
        rc = nr_fail(err, NARRATE_EINPUT, "%s '%s'",
                     body ? "article has no body text" : "empty article", name);
    else if (a->language)
        rc = check_language(a->language, err);
    if (rc < 0) {
        narrate_article_free(a);
        return NULL;
    }
    return a;
}

narrate_article *narrate_article_parse(const char *text, size_t len, narrate_error *err)
{
    if (!text && len) {
        nr_fail(err, NARRATE_EINVAL, "no text for article '%s'", "(null)");
        return NULL;
    }
    return parse_named(text, len, "(text)", err);
}

/* Read all of f into a malloc'd buffer, refusing more than NARRATE_ARTICLE_MAX. */
static int slurp(FILE *f, char **out, size_t *outlen)
{
    size_t cap = 65536, len = 0;
    char *buf = malloc(cap);
    if (!buf)
        return NARRATE_ENOMEM;
    for (;;) {
        if (len == cap) {
            if (cap > NARRATE_ARTICLE_MAX) {
                free(buf);
                return NARRATE_EINPUT;
            }
            char *nb = realloc(buf, cap * 2);
            if (!nb) {
                free(buf);
                return NARRATE_ENOMEM;
            }
            buf = nb;
            cap *= 2;
        }
        size_t n = fread(buf + len, 1, cap - len, f);
        len += n;
        if (n == 0)
            break;
    }
    if (ferror(f)) {
        free(buf);
        return NARRATE_EIO;
    }
    *out = buf;
    *outlen = len;
    return NARRATE_OK;
}

narrate_article *narrate_article_read(const char *path, narrate_error *err)
{
    if (!path) {
        nr_fail(err, NARRATE_EINVAL, "no article path '(null)'");
        return NULL;
    }
    int is_stdin = strcmp(path, "-") == 0;
    const char *shown = is_stdin ? "(stdin)" : path;
    FILE *f = is_stdin ? stdin : fopen(path, "rb");
    if (!f) {
        nr_fail_errno(err, NARRATE_EIO, errno, "cannot open article '%s'", path);
        return NULL;
    }
    char *buf = NULL;
    size_t len = 0;
    int rc = slurp(f, &buf, &len);
    int saved = errno;
    if (!is_stdin)
        fclose(f);
    if (rc == NARRATE_EIO)
        nr_fail_errno(err, rc, saved, "cannot read article '%s'", shown);
    else if (rc == NARRATE_EINPUT)
        nr_fail(err, rc, "article larger than %zu bytes '%s'", NARRATE_ARTICLE_MAX, shown);
    else if (rc < 0)
        nr_fail(err, rc, "out of memory reading article '%s'", shown);
    if (rc < 0)
        return NULL;
    narrate_article *a = parse_named(buf, len, shown, err);
    free(buf);
    return a;
}

void narrate_article_free(narrate_article *a)
{
    if (!a)
        return;
    free(a->title);
    free(a->author);
    free(a->language);
    free(a->voice);
    for (size_t i = 0; i < a->count; i++)
        free(a->paragraphs[i]);
    free(a->paragraphs);
    free(a);
}

const char *narrate_article_title(const narrate_article *a) { return a ? a->title : NULL; }
const char *narrate_article_author(const narrate_article *a) { return a ? a->author : NULL; }
const char *narrate_article_language(const narrate_article *a) { return a ? a->language : NULL; }
const char *narrate_article_voice(const narrate_article *a) { return a ? a->voice : NULL; }
size_t narrate_article_paragraph_count(const narrate_article *a) { return a ? a->count : 0; }

const char *narrate_article_paragraph(const narrate_article *a, size_t i)
{
    return a && i < a->count ? a->paragraphs[i] : NULL;
}
