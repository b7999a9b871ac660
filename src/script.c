/* script.c - the article in reading order as synthesizer-ready entries with pauses. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "article.h"
#include "error.h"
#include "segment.h"
#include "text.h"

/* Silence between the pieces of a sentence too long to synthesize at once. */
#define CHUNK_PAUSE_MS 150

struct narrate_script {
    narrate_sentence *items;
    size_t count, cap;
};

typedef struct {
    narrate_script *script;
    narrate_part part;
    size_t paragraph;
    int pause_ms;        /* after a sentence inside the block */
    const char *language;
} block;

static int push(narrate_script *s, const block *b, const char *source, size_t slen,
                const char *spoken, size_t plen, int pause_ms)
{
    if (s->count == s->cap) {
        size_t ncap = s->cap ? s->cap * 2 : 64;
        narrate_sentence *ni = realloc(s->items, ncap * sizeof *ni);
        if (!ni)
            return NARRATE_ENOMEM;
        s->items = ni;
        s->cap = ncap;
    }
    narrate_sentence *e = &s->items[s->count];
    e->source = nr_strndup(source, slen);
    e->spoken = nr_strndup(spoken, plen);
    e->part = b->part;
    e->paragraph = b->paragraph;
    e->pause_ms = pause_ms;
    if (!e->source || !e->spoken) {
        free((char *)e->source);
        free((char *)e->spoken);
        return NARRATE_ENOMEM;
    }
    s->count++;
    return NARRATE_OK;
}

/* Where to cut text[0..len) (len > NARRATE_SPOKEN_MAX): after a clause mark in
** the second half of the window, else at its last space, else mid-word. */
static size_t chunk_cut(const char *text, size_t len)
{
    size_t max = NARRATE_SPOKEN_MAX < len ? NARRATE_SPOKEN_MAX : len;
    size_t space = 0;
    for (size_t i = max; i > max / 2; i--) {
        if (text[i] != ' ')
            continue;
        if (strchr(",;:", text[i - 1]))
            return i;
        if (!space)
            space = i;
    }
    return space ? space : nr_utf8_floor(text, max);
}

/* Add one sentence, split into synthesizer-sized pieces.  A piece's source is
** the sentence itself when it needs no split, else the piece. */
static int add_sentence(const char *text, size_t start, size_t len, void *userdata)
{
    const block *b = userdata;
    char *spoken = nr_speakable(text + start, len);
    if (!spoken)
        return NARRATE_ENOMEM;
    int rc = NARRATE_OK;
    const char *p = spoken;
    size_t left = strlen(spoken);
    int whole = left <= NARRATE_SPOKEN_MAX;
    int short_pause = b->pause_ms < CHUNK_PAUSE_MS ? b->pause_ms : CHUNK_PAUSE_MS;
    while (left > NARRATE_SPOKEN_MAX && rc == NARRATE_OK) {
        size_t cut = chunk_cut(p, left);
        rc = push(b->script, b, p, cut, p, cut, short_pause);
        for (p += cut, left -= cut; *p == ' '; p++, left--)
            ;
    }
    if (rc == NARRATE_OK && left)
        rc = push(b->script, b, whole ? text + start : p, whole ? len : left, p, left, b->pause_ms);
    free(spoken);
    return rc;
}

/* Add a block (title, byline or paragraph) ending in block_pause_ms. */
static int add_block(block *b, const char *text, int block_pause_ms)
{
    size_t before = b->script->count;
    int rc = nr_segment(text, b->language, add_sentence, b);
    if (rc == NARRATE_OK && b->script->count > before) {
        b->script->items[b->script->count - 1].pause_ms = block_pause_ms;
        b->paragraph++;
    }
    return rc;
}

static int build(narrate_script *s, const narrate_article *a, const narrate_voice *v)
{
    block b = { s, NARRATE_PART_TITLE, 0, v->title_pause_ms, a->language };
    int rc = NARRATE_OK;
    if (a->title)
        rc = add_block(&b, a->title, v->title_pause_ms);
    if (rc == NARRATE_OK && a->author) {
        char *byline = malloc(strlen(a->author) + 4);
        if (!byline)
            return NARRATE_ENOMEM;
        sprintf(byline, "By %s", a->author);
        b.part = NARRATE_PART_BYLINE;
        rc = add_block(&b, byline, v->title_pause_ms);
        free(byline);
    }
    b.part = NARRATE_PART_BODY;
    b.pause_ms = v->sentence_pause_ms;
    for (size_t i = 0; i < a->count && rc == NARRATE_OK; i++)
        rc = add_block(&b, a->paragraphs[i], v->paragraph_pause_ms);
    if (rc == NARRATE_OK && s->count)
        s->items[s->count - 1].pause_ms = 0;
    return rc;
}

narrate_script *narrate_script_create(const narrate_article *a, const narrate_voice *v,
                                      narrate_error *err)
{
    if (!a || !v) {
        nr_fail(err, NARRATE_EINVAL, "missing %s '(null)'", a ? "voice" : "article");
        return NULL;
    }
    narrate_script *s = calloc(1, sizeof *s);
    int rc = s ? build(s, a, v) : NARRATE_ENOMEM;
    if (rc == NARRATE_OK && s->count == 0)
        rc = nr_fail(err, NARRATE_EINPUT, "nothing to speak in article '%s'",
                     a->title ? a->title : "(untitled)");
    else if (rc == NARRATE_ENOMEM)
        nr_fail(err, rc, "out of memory building script '%s'", a->title ? a->title : "(untitled)");
    if (rc < 0) {
        narrate_script_free(s);
        return NULL;
    }
    return s;
}

void narrate_script_free(narrate_script *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->count; i++) {
        free((char *)s->items[i].source);
        free((char *)s->items[i].spoken);
    }
    free(s->items);
    free(s);
}

size_t narrate_script_count(const narrate_script *s)
{
    return s ? s->count : 0;
}

const narrate_sentence *narrate_script_sentence(const narrate_script *s, size_t i)
{
    return s && i < s->count ? &s->items[i] : NULL;
}
