/* script.c - the article in reading order as synthesizer-ready entries with pauses. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "article.h"
#include "error.h"
#include "lexicon.h"
#include "normalize.h"
#include "segment.h"
#include "text.h"

/* Silence between the pieces of a sentence too long to synthesize at once. */
#define CHUNK_PAUSE_MS 150

struct narrate_script {
    narrate_sentence *items;
    size_t count, cap;
    char **owned;   /* texts made here (byline, intro, outro) that sources point into */
    size_t nowned;
};

/* What the sentences of one block (intro, title, byline, a paragraph...) share. */
typedef struct {
    narrate_script *script;
    const narrate_lexicon *lexicon;
    const char *language;
    narrate_part part;
    size_t paragraph;
    int pause_ms; /* after a sentence inside the block */
    size_t article_paragraph; /* body blocks */
    int heading;
} block;

static int push(narrate_script *s, const block *b, const char *source, size_t slen,
                size_t offset, const char *spoken, size_t plen, int pause_ms, int phonemes)
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
    /* The source is borrowed, not copied: for long articles it would double
    ** the text held in memory. */
    int body = b->part == NARRATE_PART_BODY;
    *e = (narrate_sentence){ source, slen, nr_strndup(spoken, plen), b->part, b->paragraph,
                             pause_ms, phonemes, offset, body ? b->article_paragraph : 0,
                             body ? b->heading : 0 };
    if (!e->spoken)
        return NARRATE_ENOMEM;
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

/* The longest run of characters without a space that is read: no word is
** longer (German compounds reach about 60 letters), and a longer run (a
** hash, a base64 blob, "AAAA..." for megabytes) would be spelled out for
** minutes or hours.  Such runs are cut from the spoken text; the timings
** still show the sentence they stood in. */
#define TOKEN_MAX_CHARS 64

/* Remove the runs longer than TOKEN_MAX_CHARS characters from s, in place. */
static void cut_long_tokens(char *s)
{
    char *o = s;
    for (char *p = s; *p;) {
        if (*p == ' ') {
            if (o > s && o[-1] != ' ')
                *o++ = ' ';
            p++;
            continue;
        }
        char *end = p;
        size_t chars = 0;
        for (; *end && *end != ' '; end++)
            chars += ((unsigned char)*end & 0xC0) != 0x80;
        if (chars <= TOKEN_MAX_CHARS) {
            memmove(o, p, (size_t)(end - p));
            o += end - p;
        }
        p = end;
    }
    while (o > s && o[-1] == ' ')
        o--;
    *o = '\0';
}

/* The words to synthesize for source text: cleaned, normalized, then the lexicon. */
static char *spoken_form(const block *b, const char *text, size_t len, int *phonemes)
{
    char *speakable = nr_speakable(text, len);
    char *clean = speakable ? nr_normalize(speakable, b->language) : NULL;
    free(speakable);
    if (!clean)
        return NULL;
    /* Article text is untrusted: it must never reach espeak-ng as [[phonemes]],
    ** which only the lexicon may produce. */
    for (char *p = clean; *p; p++)
        if (*p == '[' || *p == ']')
            *p = *p == '[' ? '(' : ')';
    cut_long_tokens(clean);
    *phonemes = 0;
    char *spoken = nr_lexicon_apply(b->lexicon, clean, phonemes);
    free(clean);
    return spoken;
}

/* Add one sentence, split into synthesizer-sized pieces, each of which has
** the whole sentence as its source. */
static int add_sentence(const char *text, size_t start, size_t len, void *userdata)
{
    const block *b = userdata;
    int phonemes;
    char *spoken = spoken_form(b, text + start, len, &phonemes);
    if (!spoken)
        return NARRATE_ENOMEM;
    int rc = NARRATE_OK;
    const char *p = spoken;
    size_t left = strlen(spoken);
    int short_pause = b->pause_ms < CHUNK_PAUSE_MS ? b->pause_ms : CHUNK_PAUSE_MS;
    while (left > NARRATE_SPOKEN_MAX && rc == NARRATE_OK) {
        size_t cut = chunk_cut(p, left);
        rc = push(b->script, b, text + start, len, start, p, cut, short_pause, phonemes);
        for (p += cut, left -= cut; *p == ' '; p++, left--)
            ;
    }
    if (rc == NARRATE_OK && left)
        rc = push(b->script, b, text + start, len, start, p, left, b->pause_ms, phonemes);
    free(spoken);
    return rc;
}

/* Keep text (made here) alive as long as the script, for sources to point into. */
static const char *own(narrate_script *s, char *text)
{
    char **no = text ? realloc(s->owned, (s->nowned + 1) * sizeof *no) : NULL;
    if (!no) {
        free(text);
        return NULL;
    }
    s->owned = no;
    s->owned[s->nowned++] = text;
    return text;
}

/* Add a block of text ending in block_pause_ms. */
static int add_block(block *b, narrate_part part, const char *text, int block_pause_ms)
{
    size_t before = b->script->count;
    b->part = part;
    int rc = nr_segment(text, b->language, add_sentence, b);
    if (rc == NARRATE_OK && b->script->count > before) {
        b->script->items[b->script->count - 1].pause_ms = block_pause_ms;
        b->paragraph++;
    }
    return rc;
}

/* Fill an intro/outro template; NULL (and *rc OK) when it names a missing field. */
static char *fill_template(const char *t, const narrate_article *a, int *rc)
{
    *rc = NARRATE_OK;
    if ((strstr(t, "{title}") && !a->title) || (strstr(t, "{author}") && !a->author))
        return NULL;
    size_t longest = a->title ? strlen(a->title) : 0, an = a->author ? strlen(a->author) : 0;
    if (an > longest)
        longest = an;
    size_t cap = strlen(t) + (strlen(t) / 7 + 1) * longest + 1; /* each "{title}" is 7+ bytes */
    char *out = malloc(cap), *o = out;
    for (const char *p = t; out && *p;) {
        const char *field = strncmp(p, "{title}", 7) == 0    ? a->title
                            : strncmp(p, "{author}", 8) == 0 ? a->author
                                                             : NULL;
        if (field) {
            o += sprintf(o, "%s", field);
            p += field == a->title ? 7 : 8;
        } else {
            *o++ = *p++;
        }
    }
    if (out)
        *o = '\0';
    else
        *rc = NARRATE_ENOMEM;
    return out;
}

static int add_template(block *b, narrate_part part, const char *t, const narrate_article *a,
                        int pause_ms)
{
    int rc;
    char *text = *t ? fill_template(t, a, &rc) : NULL;
    if (!text)
        return *t ? rc : NARRATE_OK;
    const char *kept = own(b->script, text);
    return kept ? add_block(b, part, kept, pause_ms) : NARRATE_ENOMEM;
}

static int build(narrate_script *s, const narrate_article *a, const narrate_voice *v,
                 const narrate_lexicon *lex)
{
    block b = { s, lex, a->language ? a->language : v->language, NARRATE_PART_INTRO, 0,
                v->sentence_pause_ms, 0, 0 };
    int rc = add_template(&b, NARRATE_PART_INTRO, v->intro, a, v->title_pause_ms);
    if (rc == NARRATE_OK && a->title)
        rc = add_block(&b, NARRATE_PART_TITLE, a->title, v->title_pause_ms);
    if (rc == NARRATE_OK && a->author) {
        char *byline = malloc(strlen(a->author) + 4);
        if (byline)
            sprintf(byline, "By %s", a->author);
        const char *kept = own(s, byline);
        rc = kept ? add_block(&b, NARRATE_PART_BYLINE, kept, v->title_pause_ms) : NARRATE_ENOMEM;
    }
    for (size_t i = 0; i < a->count && rc == NARRATE_OK; i++) {
        b.article_paragraph = i;
        b.heading = narrate_article_heading_level(a, i);
        rc = add_block(&b, NARRATE_PART_BODY, a->paragraphs[i], v->paragraph_pause_ms);
    }
    if (rc == NARRATE_OK)
        rc = add_template(&b, NARRATE_PART_OUTRO, v->outro, a, 0);
    if (rc == NARRATE_OK && s->count)
        s->items[s->count - 1].pause_ms = 0;
    return rc;
}

/* The voice's lexicon with the caller's on top, or NULL with err filled. */
static narrate_lexicon *merged_lexicon(const narrate_voice *v, const narrate_lexicon *extra,
                                       narrate_error *err)
{
    narrate_lexicon *lex = nr_lexicon_new();
    int rc = lex ? NARRATE_OK : nr_fail(err, NARRATE_ENOMEM, "out of memory for lexicon '%s'", v->name);
    if (rc == NARRATE_OK && v->lexicon[0])
        rc = nr_lexicon_load_into(lex, v->lexicon, err);
    if (rc == NARRATE_OK && nr_lexicon_add_all(lex, extra) < 0)
        rc = nr_fail(err, NARRATE_ENOMEM, "out of memory for lexicon '%s'", v->name);
    if (rc == NARRATE_OK)
        return lex;
    narrate_lexicon_free(lex);
    return NULL;
}

narrate_script *narrate_script_create(const narrate_article *a, const narrate_voice *v,
                                      const narrate_lexicon *lexicon, narrate_error *err)
{
    if (!a || !v) {
        nr_fail(err, NARRATE_EINVAL, "missing %s '(null)'", a ? "voice" : "article");
        return NULL;
    }
    narrate_lexicon *lex = merged_lexicon(v, lexicon, err);
    if (!lex)
        return NULL;
    const char *name = a->title ? a->title : "(untitled)";
    narrate_script *s = calloc(1, sizeof *s);
    int rc = s ? build(s, a, v, lex) : NARRATE_ENOMEM;
    narrate_lexicon_free(lex);
    if (rc == NARRATE_OK && s->count == 0)
        rc = nr_fail(err, NARRATE_EINPUT, "nothing to speak in article '%s'", name);
    else if (rc == NARRATE_ENOMEM)
        nr_fail(err, rc, "out of memory building script '%s'", name);
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
    for (size_t i = 0; i < s->count; i++)
        free((char *)s->items[i].spoken);
    for (size_t i = 0; i < s->nowned; i++)
        free(s->owned[i]);
    free(s->owned);
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
