/* extract_int.h - what the extraction files share: the page's measures, the blocks read, their helpers. */
#ifndef NR_EXTRACT_INT_H
#define NR_EXTRACT_INT_H

#include <stddef.h>

#include "extract.h"
#include "error.h"
#include "meta.h"
#include "text.h"

#define PARA_MIN 25        /* bytes of text for a paragraph to score */
#define SHORT_BLOCK 160    /* bytes: blocks this short may be chrome by their wording */
#define WIDEN_PASS 2       /* wrappers passed over looking for the rest of a split story */
#define LEAD_MAX 80        /* bytes: blocks this short may head a promo or related stories */
#define BYLINE_MAX 200     /* bytes: a longer author element is a bio */
#define BIG_MIN 200        /* bytes: a wrapper spared for holding most of the page holds this */
#define RESCUE_MIN 400     /* bytes of paragraphs for a story inside furniture to be read */
#define NOTE_RAW 240       /* bytes of a dropped element's text kept for its note */

enum {
    R_NONE,
    R_CODE,     /* script, style, media, controls: nothing to say */
    R_HIDDEN,
    R_ROLE,
    R_TAG,
    R_CLASS,
    R_SKIP,     /* data-narrate="skip" */
    R_DETAILS,  /* collapsed <details> */
    R_BYLINE,   /* an author element: read as the byline */
};

typedef struct {
    const nr_dom *d;
    narrate_article *a;
    nr_meta meta;
    int n;
    unsigned char *drop; /* own reason per node */
    unsigned char *dead; /* dropped, itself or by an ancestor */
    unsigned *text, *links, *commas, *paras;
    unsigned *ptext;     /* bytes of paragraphs' text outside links */
    unsigned *loose, *loose_links, *loose_commas; /* text beside block children (<br> runs) */
    unsigned char *blocky; /* has block-level descendants */
    unsigned char *inlink; /* inside a link: a teaser card's text is all link */
    signed char *hint;     /* what its class and id names say, HINT_UNKNOWN until read */
    const char **hint_word;
    float *score;
    unsigned char *scored;
    unsigned char *keep;  /* never dropped: <body>, its ancestors, what holds the story */
    int kept_for_story;   /* the outermost element kept for holding the story, or -1 */
    const char **why;    /* R_CLASS, R_ROLE: the word that decided */
    int rc;
} ex;

typedef struct {
    size_t start, len;   /* in the buffer */
    unsigned links, time;
    int level, owner;    /* heading level; the block element holding it */
    int root;            /* the story element it was read from */
} block;

typedef struct {
    ex *x;
    char *buf;
    size_t len, cap;
    block *blocks;
    size_t count, bcap;
    int level, link, time, owner, root;
    size_t start;
    unsigned links_at, time_at;
    unsigned link_bytes, time_bytes;
} reader;

enum {
    DROP_ALL,       /* by structure and by class names */
    DROP_STRUCTURE, /* by structure only, a <form> round the page kept */
    DROP_CODE,      /* only code and data-narrate="skip" */
};

enum { HINT_STRONG = -2, HINT_WEAK = -1, HINT_NONE = 0, HINT_STORY = 1, HINT_UNKNOWN = 9 };

/* extract_names.c: what element i's class and id names say (HINT_*); *word gets the word. */
int nrx_class_hint(const ex *x, int i, const char **word);

/* extract_score.c */
int nrx_is_block_tag(unsigned t);
unsigned nrx_visible(const char *s, unsigned len);   /* text bytes other than white space */
float nrx_link_density(const ex *x, int i);
int nrx_is_ancestor(const nr_dom *d, int a, int i);
void nrx_drop_furniture(ex *x, int mode);
int nrx_top_candidate(ex *x);
int nrx_choose(ex *x);

/* extract_blocks.c */
void nrx_describe(const nr_dom *d, int i, char *buf, size_t size);
void nrx_note(ex *x, narrate_note_kind kind, const char *element, const char *reason,
              const char *text, size_t len);
void nrx_note_dropped(ex *x, int i);
void nrx_read_blocks(reader *r, int root);

/* extract_rules.c */
int nrx_same_text(const char *a, const char *b);
size_t nrx_read_verdicts(ex *x, reader *r, int title_h1, const char *title, char **author);

#endif
