/* dom.h - an HTML page as a compact tree in document order: what extraction and metadata read. */
#ifndef NR_DOM_H
#define NR_DOM_H

#include <stddef.h>

/* Attributes kept from each element (the rest are dropped while parsing). */
enum {
    NR_A_CLASS,
    NR_A_ID,
    NR_A_ROLE,
    NR_A_ITEMPROP,
    NR_A_ITEMTYPE,
    NR_A_REL,
    NR_A_LANG,
    NR_A_NARRATE, /* data-narrate */
    NR_A_NAME,
    NR_A_PROPERTY,
    NR_A_CONTENT,
    NR_A_TYPE,
    NR_A_COUNT
};

/* Node flags. */
enum {
    NR_N_TEXT = 1,    /* a text node (else an element) */
    NR_N_SKIPPED = 2, /* text between <!-- narrate:skip --> and <!-- /narrate:skip --> */
    NR_N_HIDDEN = 4,  /* hidden, aria-hidden="true", display:none, visibility:hidden */
    NR_N_HREF = 8,    /* an element with an href */
    NR_N_OPEN = 16,   /* an element with the open attribute (<details open>) */
};

/* The elements extraction tells apart; every other tag is NR_T_OTHER. */
typedef enum {
    NR_T_OTHER,
    NR_T_A, NR_T_ADDRESS, NR_T_ARTICLE, NR_T_ASIDE, NR_T_BLOCKQUOTE, NR_T_BODY, NR_T_BR,
    NR_T_BUTTON, NR_T_CAPTION, NR_T_DD, NR_T_DETAILS, NR_T_DIALOG, NR_T_DIV, NR_T_DL, NR_T_DT,
    NR_T_FIGCAPTION, NR_T_FIGURE, NR_T_FOOTER, NR_T_FORM, NR_T_H1, NR_T_H2, NR_T_H3, NR_T_H4,
    NR_T_H5, NR_T_H6, NR_T_HEADER, NR_T_HTML, NR_T_LI, NR_T_LINK, NR_T_MAIN, NR_T_META, NR_T_NAV,
    NR_T_OL, NR_T_P, NR_T_PRE, NR_T_SCRIPT, NR_T_SECTION, NR_T_SUMMARY, NR_T_TABLE, NR_T_TD,
    NR_T_TH, NR_T_TIME, NR_T_TITLE, NR_T_TR, NR_T_UL,
    NR_T_NOSCRIPT, /* kept in the tree: libxml2 leaves one open to the end when it holds an open <div> */
    NR_T_DROP,   /* never read: code, media, controls (script's text is kept for JSON-LD) */
    NR_T_BLOCK,  /* another block element: a paragraph boundary */
} nr_tag;

typedef struct {
    int parent, first, last, next; /* node indices, -1 for none */
    unsigned short tag;            /* nr_tag */
    unsigned short flags;          /* NR_N_* */
    unsigned text, len;            /* a text node's bytes in the pool */
    unsigned attr[NR_A_COUNT];     /* pool offset + 1 of a NUL-terminated value, 0 if absent */
    unsigned name;                 /* pool offset + 1 of the tag name (elements) */
} nr_node;

/* A page: nodes in document order (a parent comes before its children), so
** a forward loop visits parents first and a backward loop children first. */
typedef struct {
    nr_node *nodes;
    size_t count, cap;
    char *pool;
    size_t pool_len, pool_cap;
    int body;            /* the <body> element, -1 if none */
    char *title;         /* the first <title>'s text, malloc'd, or NULL */
} nr_dom;

/* An attribute value of node i, or NULL. */
static inline const char *nr_attr(const nr_dom *d, int i, int a)
{
    unsigned off = d->nodes[i].attr[a];
    return off ? d->pool + off - 1 : NULL;
}

/* The tag name of element i ("" for a text node). */
static inline const char *nr_name(const nr_dom *d, int i)
{
    unsigned off = d->nodes[i].name;
    return off ? d->pool + off - 1 : "";
}

/* The index just past node i's subtree (its descendants follow it). */
static inline int nr_subtree_end(const nr_dom *d, int i)
{
    for (; i >= 0; i = d->nodes[i].parent)
        if (d->nodes[i].next >= 0)
            return d->nodes[i].next;
    return (int)d->count;
}

static inline int nr_is_heading(unsigned tag)
{
    return tag >= NR_T_H1 && tag <= NR_T_H6;
}

/* The text inside element i (its text nodes in order, a space after each),
** cut on a character boundary to fit size; its length. */
size_t nr_dom_text(const nr_dom *d, int i, char *buf, size_t size);

/* Is word one of the space-separated words of list (case-insensitive)? */
int nr_has_token(const char *list, const char *word);

void nr_dom_free(nr_dom *d);

#endif
