/* timeline.c - the workers' marks (script entries, spoken words, samples) as timings of the text as written. */
#include "timeline.h"

#include <stdlib.h>
#include <string.h>

#include "encoder.h"
#include "error.h"

void nr_timeline_init(nr_timeline *t, const narrate_script *script)
{
    memset(t, 0, sizeof *t);
    t->script = script;
}

void nr_timeline_add_sink(nr_timeline *t, narrate_timing_fn fn, void *userdata)
{
    if (fn && t->nsinks < NR_TIMELINE_SINKS) {
        t->sink[t->nsinks] = fn;
        t->sink_data[t->nsinks++] = userdata;
    }
}

/* Characters before byte `byte` of block, counted on (or back) from the
** last answer: words and sentences come in order, so this stays linear. */
static size_t char_at(nr_timeline *t, const char *block, size_t byte)
{
    if (block != t->cblock) {
        t->cblock = block;
        t->cbyte = t->cchar = 0;
    }
    for (; t->cbyte < byte; t->cbyte++)
        t->cchar += ((unsigned char)block[t->cbyte] & 0xC0) != 0x80;
    for (; t->cbyte > byte; t->cbyte--)
        t->cchar -= ((unsigned char)block[t->cbyte - 1] & 0xC0) != 0x80;
    return t->cchar;
}

static int grow(nr_timeline *t, size_t need)
{
    if (need <= t->cap)
        return 0;
    size_t ncap = t->cap ? t->cap : 64;
    while (ncap < need)
        ncap *= 2;
    nr_text *ns = realloc(t->spoken, ncap * sizeof *ns);
    if (ns)
        t->spoken = ns;
    uint64_t *nt = ns ? realloc(t->times, ncap * 2 * sizeof *nt) : NULL;
    if (nt)
        t->times = nt;
    nr_span *np = nt ? realloc(t->spans, ncap * sizeof *np) : NULL;
    if (np)
        t->spans = np;
    narrate_word_timing *nw = np ? realloc(t->words, ncap * sizeof *nw) : NULL;
    if (!nw)
        return -1;
    t->words = nw;
    t->cap = ncap;
    return 0;
}

/* Words to written spans, in milliseconds; words too short to last a
** millisecond are left out. */
static size_t word_timings(nr_timeline *t, const narrate_sentence *s, const char *block)
{
    size_t n = 0;
    for (size_t i = 0; i < t->n; i++) {
        narrate_word_timing w = { nr_samples_ms(t->times[2 * i]), nr_samples_ms(t->times[2 * i + 1]),
                                  s->offset + t->spans[i].begin, s->offset + t->spans[i].end, 0, 0 };
        if (w.end_ms <= w.start_ms || w.end <= w.begin)
            continue;
        w.char_begin = char_at(t, block, w.begin);
        w.char_end = char_at(t, block, w.end);
        t->words[n++] = w;
    }
    return n;
}

static int emit(nr_timeline *t, narrate_error *err)
{
    const narrate_sentence *s = t->cur;
    t->cur = NULL;
    uint32_t start = nr_samples_ms(t->start), end = nr_samples_ms(t->end);
    if (!s || end <= start)
        return NARRATE_OK; /* no zero-length cues */
    if (nr_align(s->source, s->source_len, t->spoken, t->n, t->spans) < 0)
        return nr_fail(err, NARRATE_ENOMEM, "out of memory timing '%zu bytes'", s->source_len);
    const char *block = s->source - s->offset;
    narrate_sentence_timing st = { t->index, start, end, s->part, s->article_paragraph, s->source,
                                   s->source_len, s->offset, s->offset + s->source_len, 0, 0,
                                   t->words, 0 };
    st.char_begin = char_at(t, block, st.begin);
    st.nwords = word_timings(t, s, block);
    st.char_end = char_at(t, block, st.end);
    t->index++;
    for (int i = 0; i < t->nsinks; i++)
        if (t->sink[i](&st, t->sink_data[i]) != 0)
            return nr_fail(err, NARRATE_EIO, "timings not taken at sentence '%zu'", st.index + 1);
    return NARRATE_OK;
}

int nr_timeline_mark(nr_timeline *t, const nr_mark *m, narrate_error *err)
{
    const narrate_sentence *s = narrate_script_sentence(t->script, m->sentence);
    if (!t->nsinks || !s)
        return NARRATE_OK;
    if (t->cur && t->cur->source != s->source) {
        int rc = emit(t, err);
        if (rc < 0)
            return rc;
    }
    if (!t->cur) {
        t->cur = s;
        t->start = m->start;
        t->n = 0;
    }
    t->end = m->end;
    if (grow(t, t->n + m->nwords) < 0)
        return nr_fail(err, NARRATE_ENOMEM, "out of memory timing '%u words'", m->nwords);
    size_t spoken_len = strlen(s->spoken);
    for (uint32_t i = 0; i < m->nwords; i++) {
        const nr_mark_word *w = &m->words[i];
        if (w->pos > spoken_len || w->len > spoken_len - w->pos)
            continue; /* a worker's word outside the text it was given */
        t->spoken[t->n] = (nr_text){ s->spoken + w->pos, w->len };
        t->times[2 * t->n] = w->start;
        t->times[2 * t->n + 1] = w->end;
        t->n++;
    }
    return NARRATE_OK;
}

int nr_timeline_flush(nr_timeline *t, narrate_error *err)
{
    return t->cur ? emit(t, err) : NARRATE_OK;
}

void nr_timeline_free(nr_timeline *t)
{
    free(t->spoken);
    free(t->times);
    free(t->spans);
    free(t->words);
    memset(t, 0, sizeof *t);
}
