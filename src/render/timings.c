/* timings.c - narrate_timings: a collection of sentence timings that owns its copies. */
#include <stdlib.h>
#include <string.h>

#include "narrate.h"

struct narrate_timings {
    narrate_sentence_timing *items;
    size_t count, cap;
};

narrate_timings *narrate_timings_create(void)
{
    return calloc(1, sizeof(narrate_timings));
}

static int copy_into(narrate_sentence_timing *dst, const narrate_sentence_timing *src)
{
    char *text = malloc(src->text_len ? src->text_len : 1);
    narrate_word_timing *words = malloc((src->nwords ? src->nwords : 1) * sizeof *words);
    if (!text || !words) {
        free(text);
        free(words);
        return -1;
    }
    memcpy(text, src->text, src->text_len);
    memcpy(words, src->words, src->nwords * sizeof *words);
    *dst = *src;
    dst->text = text;
    dst->words = words;
    return 0;
}

int narrate_timings_collect(const narrate_sentence_timing *timing, void *timings)
{
    narrate_timings *t = timings;
    if (!t || !timing)
        return -1;
    if (t->count == t->cap) {
        size_t ncap = t->cap ? t->cap * 2 : 64;
        narrate_sentence_timing *ni = realloc(t->items, ncap * sizeof *ni);
        if (!ni)
            return -1;
        t->items = ni;
        t->cap = ncap;
    }
    if (copy_into(&t->items[t->count], timing) < 0)
        return -1;
    t->count++;
    return 0;
}

size_t narrate_timings_count(const narrate_timings *t)
{
    return t ? t->count : 0;
}

const narrate_sentence_timing *narrate_timings_sentence(const narrate_timings *t, size_t i)
{
    return t && i < t->count ? &t->items[i] : NULL;
}

void narrate_timings_free(narrate_timings *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < t->count; i++) {
        free((char *)t->items[i].text);
        free((narrate_word_timing *)t->items[i].words);
    }
    free(t->items);
    free(t);
}
