/* article.h - the parsed article (private layout of narrate_article). */
#ifndef NR_ARTICLE_H
#define NR_ARTICLE_H

#include "narrate.h"

struct narrate_article {
    char *title;       /* NULL when absent */
    char *author;
    char *language;
    char *voice;
    char **paragraphs; /* whitespace-folded, non-empty */
    size_t count;
};

#endif
