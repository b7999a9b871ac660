/* article.c - the article object, its builder, and plain-text articles (header block, paragraphs). */
#include "article.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "error.h"
#include "langid.h"
#include "text.h"

/* Lines that bracket text which is not read aloud, in text and HTML alike. */
#define SKIP_BEGIN "<!-- narrate:skip -->"
#define SKIP_END "<!-- /narrate:skip -->"

static const struct {
    const char *key;
    size_t offset;
} fields[] = {
    { "id", offsetof(narrate_article, id) },
    { "title", offsetof(narrate_article, title) },
    { "author", offsetof(narrate_article, author) },
    { "language", offsetof(narrate_article, language) },
    { "voice", offsetof(narrate_article, voice) },
};

narrate_article *nr_article_new(void)
{
    return calloc(1, sizeof(narrate_article));
}

static char **field_slot(narrate_article *a, const char *key, size_t klen)
{
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
        if (strlen(fields[i].key) == klen && strncasecmp(key, fields[i].key, klen) == 0)
            return (char **)((char *)a + fields[i].offset);
    return NULL;
}

int nr_article_set(narrate_article *a, const char *key, const char *value, size_t len)
{
    char **slot = field_slot(a, key, strlen(key));
    if (!slot)
        return NARRATE_EINVAL;
    char *v = nr_speakable(value, len);
    if (!v)
        return NARRATE_ENOMEM;
    free(*slot);
    *slot = *v ? v : NULL;
    if (!*v)
        free(v);
    return NARRATE_OK;
}

int nr_article_add(narrate_article *a, const char *text, size_t len, int level)
{
    char *p = nr_speakable(text, len);
    if (!p)
        return NARRATE_ENOMEM;
    if (!*p) {
        free(p);
        return NARRATE_OK;
    }
    if (a->count == a->cap) {
        size_t ncap = a->cap ? a->cap * 2 : 16;
        char **np = realloc(a->paragraphs, ncap * sizeof *np);
        int *nl = np ? realloc(a->levels, ncap * sizeof *nl) : NULL;
        if (np)
            a->paragraphs = np;
        if (!nl) {
            free(p);
            return NARRATE_ENOMEM;
        }
        a->levels = nl;
        a->cap = ncap;
    }
    a->paragraphs[a->count] = p;
    a->levels[a->count++] = level;
    return NARRATE_OK;
}

/* Evidence that a declared language is wrong must be stronger than a
** guess where none is declared. */
#define OVERRIDE_MIN_BYTES 400

/* The title and the first paragraphs, for the classifier. */
static size_t sample(const narrate_article *a, char *buf, size_t size)
{
    size_t n = 0;
    for (size_t i = 0; i <= a->count && n + 1 < size; i++) {
        const char *t = i == 0 ? a->title : a->paragraphs[i - 1];
        if (!t)
            continue;
        size_t k = strlen(t) < size - n - 1 ? strlen(t) : size - n - 1;
        memcpy(buf + n, t, k);
        n += k;
        buf[n++] = '\n';
    }
    return n;
}

/* Declared when the text agrees or cannot tell, detected when nothing is
** declared or the text is plainly another language, else the voice's. */
int nr_article_identify(narrate_article *a, const char *memo_dir)
{
    char buf[4096];
    size_t n = sample(a, buf, sizeof buf);
    nr_langid id;
    int found = nr_langid_classify_memo(buf, n, memo_dir, &id) > 0;
    a->language_source = a->language ? NARRATE_LANGUAGE_DECLARED : NARRATE_LANGUAGE_DEFAULT;
    if (!found || (a->language && (id.candidates > 1 || n < OVERRIDE_MIN_BYTES ||
                                   nr_langid_same(a->language, id.language) ||
                                   !nr_langid_known(a->language))))
        return NARRATE_OK;
    if (!a->language && id.candidates > 3)
        return NARRATE_OK;
    char *detected = strdup(id.language);
    if (!detected)
        return NARRATE_ENOMEM;
    free(a->language);
    a->language = detected;
    a->language_source = NARRATE_LANGUAGE_DETECTED;
    return NARRATE_OK;
}

#define NOTE_TEXT_MAX 80

int nr_article_note(narrate_article *a, narrate_note_kind kind, const char *element,
                    const char *reason, const char *text, size_t len)
{
    if (a->nnotes == a->notes_cap) {
        size_t ncap = a->notes_cap ? a->notes_cap * 2 : 16;
        narrate_note *n = realloc(a->notes, ncap * sizeof *n);
        if (!n)
            return NARRATE_ENOMEM;
        a->notes = n;
        a->notes_cap = ncap;
    }
    char *folded = nr_speakable(text ? text : "", text ? len : 0);
    if (!folded)
        return NARRATE_ENOMEM;
    char snippet[NOTE_TEXT_MAX + 1];
    nr_snippet(folded, snippet, sizeof snippet);
    free(folded);
    /* One allocation: element, reason and text one after the other. */
    size_t el = strlen(element) + 1, rl = strlen(reason) + 1, tl = strlen(snippet) + 1;
    char *block = malloc(el + rl + tl);
    if (!block)
        return NARRATE_ENOMEM;
    memcpy(block, element, el);
    memcpy(block + el, reason, rl);
    memcpy(block + el + rl, snippet, tl);
    a->notes[a->nnotes++] = (narrate_note){ kind, block, block + el, block + el + rl };
    return NARRATE_OK;
}

narrate_article *nr_article_finish(narrate_article *a, const char *name, narrate_error *err)
{
    int rc = NARRATE_OK;
    if (a->count == 0)
        rc = nr_fail(err, NARRATE_EINPUT, "article has no body text '%s'", name);
    else if (a->language) {
        size_t n = strlen(a->language);
        if (n > 15 || strspn(a->language, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                          "0123456789-_") != n)
            rc = nr_fail(err, NARRATE_EINPUT, "bad language tag '%s'", a->language);
    }
    if (rc == NARRATE_OK)
        return a;
    narrate_article_free(a);
    return NULL;
}

/* ---------------------------------------------------------------- plain text */

typedef struct {
    const char *at;
    size_t len;
} line;

/* The line starting at text[*pos], advancing *pos past its newline. */
static line next_line(const char *text, size_t len, size_t *pos)
{
    const char *start = text + *pos;
    const char *nl = memchr(start, '\n', len - *pos);
    line l = { start, nl ? (size_t)(nl - start) : len - *pos };
    *pos += l.len + (nl != NULL);
    return l;
}

static int is_blank(line l)
{
    for (size_t i = 0; i < l.len; i++)
        if (!strchr(" \t\f\v", l.at[i]))
            return 0;
    return 1;
}

static int is_marker(line l, const char *marker)
{
    while (l.len && strchr(" \t", *l.at))
        l.at++, l.len--;
    while (l.len && strchr(" \t", l.at[l.len - 1]))
        l.len--;
    return l.len == strlen(marker) && memcmp(l.at, marker, l.len) == 0;
}

/* Parse the header block; returns where the body starts (0 if no header). */
static int parse_header(narrate_article *a, const char *text, size_t len, size_t *body)
{
    size_t pos = 0;
    int seen = 0;
    *body = 0;
    while (pos < len) {
        size_t here = pos;
        line l = next_line(text, len, &pos);
        const char *colon = memchr(l.at, ':', l.len);
        size_t klen = colon ? (size_t)(colon - l.at) : 0;
        if (!colon || (klen == 2 && strncasecmp(l.at, "id", 2) == 0) || !field_slot(a, l.at, klen)) {
            if (seen)
                *body = is_blank(l) ? pos : here;
            return NARRATE_OK;
        }
        char key[16];
        snprintf(key, sizeof key, "%.*s", (int)klen, l.at);
        int rc = nr_article_set(a, key, colon + 1, l.len - klen - 1);
        if (rc < 0)
            return rc;
        seen = 1;
        *body = pos;
    }
    return NARRATE_OK;
}

/* Paragraphs are separated by blank lines; skip markers drop what they bracket. */
static int parse_body(narrate_article *a, const char *text, size_t len)
{
    size_t pos = 0, para = 0;
    int skipping = 0, rc = NARRATE_OK;
    while (pos < len && rc == NARRATE_OK) {
        size_t here = pos;
        line l = next_line(text, len, &pos);
        int begin = is_marker(l, SKIP_BEGIN), end = is_marker(l, SKIP_END);
        if (!is_blank(l) && !begin && !end && !skipping)
            continue;
        if (!skipping)
            rc = nr_article_add(a, text + para, here - para, 0);
        if (begin)
            skipping = 1;
        else if (end)
            skipping = 0;
        para = pos;
    }
    if (rc == NARRATE_OK && !skipping)
        rc = nr_article_add(a, text + para, len - para, 0);
    return rc;
}

/* Parse plain text that is valid UTF-8 with LF line ends. */
narrate_article *nr_parse_text(const char *text, size_t len, const char *name, narrate_error *err)
{
    narrate_article *a = nr_article_new();
    size_t body = 0;
    int rc = a ? parse_header(a, text, len, &body) : NARRATE_ENOMEM;
    if (rc == NARRATE_OK)
        rc = parse_body(a, text + body, len - body);
    if (rc < 0) {
        narrate_article_free(a);
        nr_fail(err, rc, "out of memory parsing article '%s'", name);
        return NULL;
    }
    return nr_article_finish(a, name, err);
}

/* ---------------------------------------------------------------- public API */

void narrate_article_free(narrate_article *a)
{
    if (!a)
        return;
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
        free(*(char **)((char *)a + fields[i].offset));
    for (size_t i = 0; i < a->count; i++)
        free(a->paragraphs[i]);
    free(a->paragraphs);
    free(a->levels);
    for (size_t i = 0; i < a->nnotes; i++)
        free((char *)a->notes[i].element);
    free(a->notes);
    free(a);
}

const char *narrate_article_id(const narrate_article *a) { return a ? a->id : NULL; }
const char *narrate_article_title(const narrate_article *a) { return a ? a->title : NULL; }
const char *narrate_article_author(const narrate_article *a) { return a ? a->author : NULL; }
const char *narrate_article_language(const narrate_article *a) { return a ? a->language : NULL; }
narrate_language_source narrate_article_language_source(const narrate_article *a)
{
    return a ? a->language_source : NARRATE_LANGUAGE_DEFAULT;
}

const char *narrate_language_source_name(narrate_language_source source)
{
    return source == NARRATE_LANGUAGE_DECLARED   ? "declared"
           : source == NARRATE_LANGUAGE_DETECTED ? "detected"
                                                 : "default";
}

const char *narrate_article_voice(const narrate_article *a) { return a ? a->voice : NULL; }
size_t narrate_article_paragraph_count(const narrate_article *a) { return a ? a->count : 0; }

const char *narrate_article_paragraph(const narrate_article *a, size_t i)
{
    return a && i < a->count ? a->paragraphs[i] : NULL;
}

int narrate_article_heading_level(const narrate_article *a, size_t i)
{
    return a && i < a->count ? a->levels[i] : 0;
}

size_t narrate_article_note_count(const narrate_article *a) { return a ? a->nnotes : 0; }

const narrate_note *narrate_article_note(const narrate_article *a, size_t i)
{
    return a && i < a->nnotes ? &a->notes[i] : NULL;
}
