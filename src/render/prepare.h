/* prepare.h - what a render settles before any synthesis: the plan, the script, chapters, the key. */
#ifndef NR_PREPARE_H
#define NR_PREPARE_H

#include "chapters.h"
#include "narrate.h"
#include "schedule.h" /* nr_plan */

typedef struct nr_prepared {
    nr_plan plan;
    narrate_script *script;
    nr_chapters chapters;
    char key[NARRATE_KEY_LEN + 1]; /* "" unless keyed */
} nr_prepared;

/* Check the options, choose the format (from path when AUTO; NULL for the
** cache and streams), the voice and the workers, start the deadline, build
** the script and its chapters and, when keyed, the cache key.  pr is
** nr_prepared_free's to free, whatever this returns. */
int nr_prepare(narrate_engine *e, const narrate_article *a, const narrate_render_options *o,
               const char *path, int keyed, nr_prepared *pr, narrate_error *err);

void nr_prepared_free(nr_prepared *pr);

#endif
