/* meta.h - what a page says about itself: schema.org JSON-LD, OpenGraph, <meta>, rel and itemprop. */
#ifndef NR_META_H
#define NR_META_H

#include "dom.h"

#define NR_AUTHORS_MAX 8

typedef struct {
    char *headline;       /* JSON-LD headline, else og:title (malloc'd, folded) */
    const char *headline_from;
    char *authors[NR_AUTHORS_MAX]; /* every author, in the page's order, no repeats */
    size_t nauthors;
    const char *authors_from;
    char *body;           /* JSON-LD articleBody, as written */
    char *language;       /* JSON-LD inLanguage, else og:locale, as a language tag */
    const char *language_from;
    char *voice;          /* <meta name="narrate:voice"> */
} nr_meta;

/* Read d's metadata into m (zeroed first).  NARRATE_OK or NARRATE_ENOMEM. */
int nr_meta_read(const nr_dom *d, nr_meta *m);

/* Add an author from s[0..len): folded, "By" and similar labels dropped,
** ignored when empty, a link or a repeat.  NARRATE_OK or NARRATE_ENOMEM. */
int nr_meta_add_author(nr_meta *m, const char *s, size_t len);

/* s after a byline label ("By", "Von:", "AI Journalist:"), or s itself. */
const char *nr_meta_skip_label(const char *s);

/* Add every name of a byline ("By A, B and C"). */
int nr_meta_add_byline(nr_meta *m, const char *s, size_t len);

/* The authors as spoken, "A", "A and B", "A, B and C" (the conjunction in
** language when known), malloc'd; NULL when none or out of memory. */
char *nr_meta_authors(const nr_meta *m, const char *language);

void nr_meta_free(nr_meta *m);

#endif
