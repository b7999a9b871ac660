/* chapters.h - the article's sections as MP3 chapters: where each starts and what it is called. */
#ifndef NR_CHAPTERS_H
#define NR_CHAPTERS_H

#include <stdint.h>

#include "id3chap.h"
#include "title.h"
#include "narrate.h"
#include "proto.h" /* nr_mark */

typedef struct nr_chapters {
    size_t count;
    nr_chapter *items;   /* titles owned here; times set by nr_chapters_finish */
    size_t *first;       /* each one's first script entry */
    uint64_t *start;     /* the played sample of its first sound, once known */
    size_t next;         /* the first chapter whose start is not known yet */
} nr_chapters;

/*
** One chapter per section: a new one at each heading of the article, or,
** when it has none, every `group` body paragraphs (0: none).  The first
** chapter holds what comes before (intro, title, byline) and is named after
** the title; the others after their heading or first sentence, shortened.
** An article of one section gets no chapters (count 0).  Returns
** NARRATE_OK or NARRATE_ENOMEM.
*/
int nr_chapters_plan(nr_chapters *c, const narrate_script *script, int group);

/* A mark of the render, in order: chapters starting at its entry get its time. */
void nr_chapters_mark(nr_chapters *c, const nr_mark *m);

/* Set every chapter's start and end in ms; the last ends at total samples. */
void nr_chapters_finish(nr_chapters *c, uint64_t total);

void nr_chapters_free(nr_chapters *c);

#endif
