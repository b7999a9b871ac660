/* chapters.c - sections of the script (headings or paragraph groups) and their start times. */
#include "chapters.h"

#include <stdlib.h>
#include <string.h>

#include "encoder.h" /* nr_samples_ms */

#define TITLE_MAX NR_CHAPTER_TITLE_SIZE

static int has_headings(const narrate_script *s)
{
    for (size_t i = 0; i < narrate_script_count(s); i++) {
        const narrate_sentence *e = narrate_script_sentence(s, i);
        if (e->part == NARRATE_PART_BODY && e->heading > 0)
            return 1;
    }
    return 0;
}

/* Entry i opens a body paragraph. */
static int opens_paragraph(const narrate_script *s, size_t i)
{
    const narrate_sentence *e = narrate_script_sentence(s, i), *prev = narrate_script_sentence(s, i - 1);
    return e->part == NARRATE_PART_BODY &&
           (prev->part != NARRATE_PART_BODY || prev->article_paragraph != e->article_paragraph);
}

/* A chapter from entry first, named by a title or heading (kept whole, up
** to what a player shows) or else by a first sentence (shortened). */
static int add(nr_chapters *c, const narrate_sentence *named_by, size_t first)
{
    size_t n = c->count + 1;
    nr_chapter *items = realloc(c->items, n * sizeof *items);
    if (items)
        c->items = items;
    size_t *firsts = items ? realloc(c->first, n * sizeof *firsts) : NULL;
    if (firsts)
        c->first = firsts;
    uint64_t *starts = firsts ? realloc(c->start, n * sizeof *starts) : NULL;
    if (starts)
        c->start = starts;
    char *title = starts ? malloc(TITLE_MAX) : NULL;
    if (!title)
        return NARRATE_ENOMEM;
    if (named_by->part == NARRATE_PART_TITLE || named_by->heading)
        nr_title_clip(named_by->source, named_by->source_len, NR_ID3_TITLE_CHARS, title, TITLE_MAX);
    else
        nr_chapter_title(named_by->source, named_by->source_len, title, TITLE_MAX);
    c->items[c->count] = (nr_chapter){ title, 0, 0 };
    c->first[c->count] = first;
    c->start[c->count] = c->count ? UINT64_MAX : 0;
    c->count = n;
    return NARRATE_OK;
}

/* What names the first chapter: the title if there is one. */
static const narrate_sentence *opening_name(const narrate_script *s)
{
    for (size_t i = 0; i < narrate_script_count(s); i++)
        if (narrate_script_sentence(s, i)->part == NARRATE_PART_TITLE)
            return narrate_script_sentence(s, i);
    return narrate_script_sentence(s, 0);
}

int nr_chapters_plan(nr_chapters *c, const narrate_script *script, int group)
{
    memset(c, 0, sizeof *c);
    size_t n = narrate_script_count(script), paragraphs = 0;
    int headings = has_headings(script), rc = n ? add(c, opening_name(script), 0) : NARRATE_OK;
    for (size_t i = 1; i < n && rc == NARRATE_OK; i++) {
        if (!opens_paragraph(script, i))
            continue;
        const narrate_sentence *e = narrate_script_sentence(script, i);
        int opens = headings ? e->heading > 0 : group > 0 && paragraphs > 0 && paragraphs % (size_t)group == 0;
        paragraphs++;
        if (opens && c->count < NR_ID3_MAX_CHAPTERS)
            rc = add(c, e, i);
    }
    if (rc == NARRATE_OK && c->count >= 2)
        return NARRATE_OK;
    nr_chapters_free(c);
    return rc;
}

void nr_chapters_mark(nr_chapters *c, const nr_mark *m)
{
    while (c->next < c->count && c->first[c->next] <= m->sentence) {
        if (c->start[c->next] == UINT64_MAX)
            c->start[c->next] = m->start;
        c->next++;
    }
}

void nr_chapters_finish(nr_chapters *c, uint64_t total)
{
    uint32_t end = nr_samples_ms(total);
    for (size_t k = c->count; k-- > 0;) {
        uint32_t start = c->start[k] == UINT64_MAX ? end : nr_samples_ms(c->start[k]);
        c->items[k].start_ms = start < end ? start : end;
        c->items[k].end_ms = end;
        end = c->items[k].start_ms;
    }
}

void nr_chapters_free(nr_chapters *c)
{
    for (size_t k = 0; k < c->count; k++)
        free((char *)c->items[k].title);
    free(c->items);
    free(c->first);
    free(c->start);
    memset(c, 0, sizeof *c);
}
