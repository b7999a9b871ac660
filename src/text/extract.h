/* extract.h - the story of a parsed HTML page: which element holds it, which of its blocks are read. */
#ifndef NR_EXTRACT_H
#define NR_EXTRACT_H

#include "article.h"
#include "dom.h"

/* Fill a from the page d: the body paragraphs of its story, and the title,
** author, language and voice fields a lacks; notes say what was chosen and
** dropped.  NARRATE_OK, or a negative code with err filled (naming the
** article `name`). */
int nr_extract(const nr_dom *d, narrate_article *a, const char *name, narrate_error *err);

#endif
