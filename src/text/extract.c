/* extract.c - the story of a parsed HTML page: which element holds it, which of its blocks are read. */
#include "extract.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "error.h"
#include "meta.h"
#include "text.h"

/*
** In the manner of Mozilla's Readability and trafilatura:
**
**   1. drop what is never the story, by structure: code and media, hidden
**      elements, navigation and dialog roles, <nav>/<aside>/<footer>/<figure>,
**      collapsed <details>, data-narrate="skip", and elements whose class or
**      id names page furniture (share, related, newsletter, comments...)
**      unless they hold most of the page's text;
**   2. score every paragraph (its length and commas) into its ancestors,
**      weighted by their class names and discounted by their link density;
**      the best one, widened to an ancestor that several good candidates
**      share, plus siblings that score close to it, hold the story;
**   3. read its blocks in order, without the title, the byline, link lists,
**      repeated blocks and short blocks whose wording is page chrome
**      ("Updated ...", "5 min read", "Photo: ...", "Sign up ...").
**
** data-narrate="read" elements, when a page has them, are the story;
** itemprop="articleBody" is taken as it when it holds text.  Nothing here
** names a site.
*/

#define PARA_MIN 25        /* bytes of text for a paragraph to score */
#define SHORT_BLOCK 160    /* bytes: blocks this short may be chrome by their wording */
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
    float *score;
    unsigned char *scored;
    unsigned char *keep;  /* never dropped: <body>, its ancestors, what holds the story */
    int kept_for_story;   /* the outermost element kept for holding the story, or -1 */
    const char **why;    /* R_CLASS, R_ROLE: the word that decided */
    int rc;
} ex;

static int is_block_tag(unsigned t)
{
    switch (t) {
    case NR_T_ADDRESS: case NR_T_ARTICLE: case NR_T_ASIDE: case NR_T_BLOCKQUOTE: case NR_T_BODY:
    case NR_T_CAPTION: case NR_T_DD: case NR_T_DETAILS: case NR_T_DIALOG: case NR_T_DIV:
    case NR_T_DL: case NR_T_DT: case NR_T_FIGCAPTION: case NR_T_FIGURE: case NR_T_FOOTER:
    case NR_T_FORM: case NR_T_H1: case NR_T_H2: case NR_T_H3: case NR_T_H4: case NR_T_H5:
    case NR_T_H6: case NR_T_HEADER: case NR_T_HTML: case NR_T_LI: case NR_T_MAIN: case NR_T_NAV:
    case NR_T_OL: case NR_T_P: case NR_T_PRE: case NR_T_SECTION: case NR_T_SUMMARY:
    case NR_T_TABLE: case NR_T_TR: case NR_T_UL: case NR_T_BLOCK: case NR_T_TITLE:
        return 1;
    default:
        return 0;
    }
}

/* ---------------------------------------------------------------- class and id names */

/*
** Class and id names are read word by word: a name is split into parts at
** every character that is not a letter or digit, and at a lower-to-upper
** case change ("shareBar" is share + Bar).  A BEM modifier (after "--")
** says how an element looks, not what it is ("section--has-ads" is a
** section), so furniture words there are not read.  Furniture words come
** in two strengths: strong ones drop the element, weak ones (names that
** widget frameworks and themes put on everything) only lower its score.
** Short words (ad, nav, tag, meta...) name the element only as the head of
** a name: the last part, or followed only by parts that say where or what
** kind of box it is ("ad-slot-top", "post-tags"), never "heading-tag-switch"
** or WordPress's "tag-<name>" of a post's tags.  A word after "no", "non",
** "has" or "with" names a state ("has-comments", "non-paywall").
*/
static const char *const strong_prefix[] = {
    "comment", "share", "sharing", "social", "related", "promo", "newsletter", "cookie",
    "consent", "breadcrumb", "subscri", "signup", "popup", "modal", "sponsor", "advert",
    "banner", "footer", "menu", "navbar", "navigation", "masthead", "recommend", "trending",
    "mostread", "pagination", "pager", "toolbar", "byline", "author", "journalist", "caption", "credit",
    "disclaimer", "disclosure", "listen", "player", "audio", "speech", "newsfeed",
    "login", "overlay", "gdpr", "rating", "paywall",
};
static const char *const weak_prefix[] = { "sidebar", "widget", "teaser", "popular",
                                           "podcast", "community" };
static const char *const strong_head[] = {
    "nav", "ad", "ads", "adv", "bio", "tts", "tags", "tag", "taglist", "tagcloud", "keywords",
    "meta", "print", "skip", "search", "sr", "rail", "aside", "follow", "feedback", "vote",
};
static const char *const weak_head[] = { "more", "date", "extra", "supplemental" };
/* Parts that may follow a short furniture word in a name it heads. */
static const char *const box_words[] = {
    "wrapper", "wrap", "container", "cont", "box", "slot", "block", "area", "list", "holder",
    "unit", "section", "item", "items", "links", "link", "bar", "inner", "outer", "module",
    "region", "zone", "label", "labels", "info", "data", "cloud", "line", "row", "top",
    "bottom", "left", "right", "mobile", "desktop", "wide", "small", "large", "header",
    "title", "icon", "icons", "btn", "button", "buttons", "group", "space", "placeholder",
    "frame", "spot", "inline", "sticky", "widget", "panel", "ui",
};
static const char *const pos_prefix[] = {
    "article", "story", "content", "post", "entry", "body", "text", "main", "blog", "hentry",
    "prose", "richtext", "abstract", "lead", "intro", "standfirst",
};

typedef struct {
    const char *s;
    size_t n;
} part;

static int is_alnum(char c)
{
    return ((c | 32) >= 'a' && (c | 32) <= 'z') || (c >= '0' && c <= '9');
}

/* Is the part one of words (exactly, or as a prefix when prefix)? */
static const char *part_in(part w, const char *const *words, size_t count, int prefix)
{
    for (size_t k = 0; k < count; k++) {
        size_t l = strlen(words[k]);
        if ((prefix ? w.n >= l : w.n == l) && strncasecmp(w.s, words[k], l) == 0)
            return words[k];
    }
    return NULL;
}

#define IN(w, list, prefix) part_in(w, list, sizeof list / sizeof list[0], prefix)

/* Split name[0..len) into parts (at most max); their count.  *modifier is
** set to the index of the first part of a BEM modifier (count if none). */
static size_t split_name(const char *name, size_t len, part *parts, size_t max, size_t *modifier)
{
    size_t n = 0;
    *modifier = SIZE_MAX;
    for (size_t o = 0; o < len && n < max;) {
        if (!is_alnum(name[o])) {
            if (o + 1 < len && name[o] == '-' && name[o + 1] == '-' && *modifier == SIZE_MAX)
                *modifier = n;
            o++;
            continue;
        }
        size_t l = 1;
        while (o + l < len && is_alnum(name[o + l]) &&
               !(name[o + l] >= 'A' && name[o + l] <= 'Z' && name[o + l - 1] >= 'a' &&
                 name[o + l - 1] <= 'z'))
            l++;
        parts[n++] = (part){ name + o, l };
        o += l;
    }
    if (*modifier > n)
        *modifier = n;
    return n;
}

enum { HINT_STRONG = -2, HINT_WEAK = -1, HINT_NONE = 0, HINT_STORY = 1 };

/* What one class name says: furniture (strong or weak, *word set), a story
** word (*word set), or nothing. */
static int name_hint(const char *name, size_t len, const char **word)
{
    part parts[16];
    size_t modifier, n = split_name(name, len, parts, 16, &modifier);
    const char *strong = NULL, *weak = NULL, *pos = NULL;
    for (size_t k = 0; k < n; k++) {
        part w = parts[k];
        /* "commentary" is an opinion piece, not the comments under it. */
        int commentary = w.n >= 10 && strncasecmp(w.s, "commentary", 10) == 0;
        const char *hit;
        if (!pos && (hit = IN(w, pos_prefix, 1)))
            pos = hit;
        /* "no-sidebar", "non-paywall", "has-comments", "with-ads": a state, not the thing. */
        static const char *const states[] = { "no", "non", "not", "without", "has", "with", "hide",
                                              "show", "is" };
        if (k >= modifier || (k > 0 && IN(parts[k - 1], states, 0)))
            continue;
        if (!strong && !commentary && (hit = IN(w, strong_prefix, 1)))
            strong = hit;
        if (!weak && (hit = IN(w, weak_prefix, 1)))
            weak = hit;
        int head = 1;
        for (size_t j = k + 1; j < modifier && head; j++)
            head = IN(parts[j], box_words, 0) != NULL ||
                   (parts[j].n <= 2 && parts[j].s[0] >= '0' && parts[j].s[0] <= '9');
        if (head && !strong && (hit = IN(w, strong_head, 0)))
            strong = hit;
        if (head && !weak && (hit = IN(w, weak_head, 0)))
            weak = hit;
    }
    if (strong) {
        *word = strong;
        return HINT_STRONG;
    }
    /* "entry-content-read-more" is content. */
    if (pos) {
        *word = pos;
        return HINT_STORY;
    }
    if (weak) {
        *word = weak;
        return HINT_WEAK;
    }
    return HINT_NONE;
}

/* What element i's class and id names say (HINT_*): strong furniture
** first, then a story word, then weak furniture; a story word anywhere
** outweighs weak furniture ("widget post-body").  *word gets the word. */
static int class_hint(const ex *x, int i, const char **word)
{
    int best = HINT_NONE;
    const char *pos = NULL, *weak = NULL;
    for (int a = NR_A_CLASS; a <= NR_A_ID; a++) {
        const char *v = nr_attr(x->d, i, a);
        for (const char *p = v; p && *p;) {
            while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\f')
                p++;
            size_t len = strcspn(p, " \t\n\r\f");
            const char *w = NULL;
            int h = len ? name_hint(p, len, &w) : HINT_NONE;
            if (h == HINT_STRONG) {
                *word = w;
                return HINT_STRONG;
            }
            if (h == HINT_STORY && !pos)
                pos = w;
            if (h == HINT_WEAK && !weak)
                weak = w;
            p += len;
        }
    }
    if (pos) {
        *word = pos;
        best = HINT_STORY;
    } else if (weak) {
        *word = weak;
        best = HINT_WEAK;
    }
    return best;
}

/* ---------------------------------------------------------------- 1. structure */

/* The reason element i is never read, from its tag and attributes alone. */
static int own_reason(ex *x, int i)
{
    static const char *const roles[] = { "navigation", "complementary", "search", "button",
                                         "dialog", "alertdialog", "menu", "menubar", "toolbar",
                                         "banner", "contentinfo", "tablist", "tooltip" };
    const nr_node *n = &x->d->nodes[i];
    switch (n->tag) {
    case NR_T_DROP: case NR_T_SCRIPT: case NR_T_BUTTON: case NR_T_TITLE: case NR_T_META:
    case NR_T_LINK:
        return R_CODE;
    case NR_T_NAV: case NR_T_ASIDE: case NR_T_FOOTER: case NR_T_FIGURE: case NR_T_FIGCAPTION:
    case NR_T_DIALOG: case NR_T_FORM: case NR_T_NOSCRIPT:
        return R_TAG;
    case NR_T_HEADER: {
        /* The page's header; an article's own holds its headline and standfirst. */
        int p = n->parent;
        while (p >= 0 && x->d->nodes[p].tag != NR_T_ARTICLE && x->d->nodes[p].tag != NR_T_MAIN)
            p = x->d->nodes[p].parent;
        if (p < 0)
            return R_TAG;
        break;
    }
    default:
        break;
    }
    const char *v = nr_attr(x->d, i, NR_A_NARRATE);
    if (v && strcasecmp(v, "read") == 0)
        return R_NONE;
    if (v && strcasecmp(v, "skip") == 0)
        return R_SKIP;
    if (n->flags & NR_N_HIDDEN)
        return R_HIDDEN;
    if (n->tag == NR_T_DETAILS && !(n->flags & NR_N_OPEN))
        return R_DETAILS;
    const char *role = nr_attr(x->d, i, NR_A_ROLE);
    for (size_t k = 0; role && k < sizeof roles / sizeof roles[0]; k++)
        if (nr_has_token(role, roles[k])) {
            x->why[i] = roles[k];
            return R_ROLE;
        }
    return R_NONE;
}

/* Text bytes other than white space. */
static unsigned visible(const char *s, unsigned len)
{
    unsigned n = 0;
    for (unsigned k = 0; k < len; k++)
        n += !(s[k] == ' ' || s[k] == '\n' || s[k] == '\t' || s[k] == '\r' || s[k] == '\f');
    return n;
}

static unsigned count_commas(const char *s, unsigned len)
{
    unsigned n = 0;
    for (unsigned k = 0; k < len; k++)
        n += s[k] == ',' || (k + 2 < len && (unsigned char)s[k] == 0xEF &&
                             (unsigned char)s[k + 1] == 0xBC && (unsigned char)s[k + 2] == 0x8C);
    return n;
}

/* Propagate drops to descendants; then sum text, links, commas and
** paragraphs bottom-up over what is left. */
static void measure(ex *x)
{
    const nr_dom *d = x->d;
    for (int i = 0; i < x->n; i++) {
        int p = d->nodes[i].parent;
        x->dead[i] = x->drop[i] || (p >= 0 && x->dead[p]);
    }
    memset(x->text, 0, (size_t)x->n * sizeof *x->text);
    memset(x->links, 0, (size_t)x->n * sizeof *x->links);
    memset(x->commas, 0, (size_t)x->n * sizeof *x->commas);
    memset(x->paras, 0, (size_t)x->n * sizeof *x->paras);
    memset(x->ptext, 0, (size_t)x->n * sizeof *x->ptext);
    memset(x->loose, 0, (size_t)x->n * sizeof *x->loose);
    memset(x->loose_links, 0, (size_t)x->n * sizeof *x->loose_links);
    memset(x->loose_commas, 0, (size_t)x->n * sizeof *x->loose_commas);
    memset(x->blocky, 0, (size_t)x->n);
    for (int i = x->n - 1; i >= 0; i--) {
        const nr_node *n = &d->nodes[i];
        if (x->dead[i])
            continue;
        if (n->flags & NR_N_TEXT) {
            if (!(n->flags & NR_N_SKIPPED)) {
                x->text[i] = visible(d->pool + n->text, n->len);
                x->commas[i] = count_commas(d->pool + n->text, n->len);
            }
        } else {
            if (n->tag == NR_T_A && (n->flags & NR_N_HREF))
                x->links[i] = x->text[i];
            if ((n->tag == NR_T_P || n->tag == NR_T_PRE || (n->tag == NR_T_DIV && !x->blocky[i])) &&
                x->text[i] >= PARA_MIN) {
                x->paras[i]++;
                x->ptext[i] = x->text[i] - x->links[i];
            }
            /* Text written straight into a block that also holds blocks ("a<br>b<div>")
            ** is a paragraph of it, as in Readability. */
            if (x->blocky[i] && n->tag != NR_T_P && x->loose[i] >= PARA_MIN) {
                x->paras[i]++;
                x->ptext[i] += x->loose[i] - x->loose_links[i];
            } else {
                x->loose[i] = 0;
            }
        }
        int p = n->parent;
        if (p >= 0) {
            x->text[p] += x->text[i];
            x->links[p] += x->links[i];
            x->commas[p] += x->commas[i];
            x->paras[p] += x->paras[i];
            x->ptext[p] += x->ptext[i];
            x->blocky[p] |= x->blocky[i] || (!(n->flags & NR_N_TEXT) && is_block_tag(n->tag));
            if ((n->flags & NR_N_TEXT) || (!is_block_tag(n->tag) && !x->blocky[i])) {
                x->loose[p] += x->text[i];
                x->loose_links[p] += x->links[i];
                x->loose_commas[p] += x->commas[i];
            }
        }
    }
}

/* Drop furniture named by class or id, unless it holds most of the page. */
static void drop_by_class(ex *x)
{
    const nr_dom *d = x->d;
    unsigned total = d->body >= 0 ? x->text[d->body] : 0;
    for (int i = 0; i < x->n; i++) {
        const nr_node *n = &d->nodes[i];
        if ((n->flags & NR_N_TEXT) || x->dead[i] || x->drop[i] || x->keep[i])
            continue;
        /* WordPress and others put tag and category names on these. */
        if (n->tag == NR_T_HTML || n->tag == NR_T_BODY || n->tag == NR_T_MAIN ||
            n->tag == NR_T_ARTICLE || n->tag == NR_T_A)
            continue;
        const char *narrate = nr_attr(d, i, NR_A_NARRATE);
        if (narrate && strcasecmp(narrate, "read") == 0)
            continue;
        const char *word = NULL;
        if ((nr_has_token(nr_attr(d, i, NR_A_ITEMPROP), "author") ||
             nr_has_token(nr_attr(d, i, NR_A_REL), "author") || n->tag == NR_T_ADDRESS) &&
            x->text[i] <= BYLINE_MAX) {
            x->drop[i] = R_BYLINE;
            word = "author";
        } else if (class_hint(x, i, &word) != HINT_STRONG) {
            continue;
        }
        if (nr_has_token(nr_attr(d, i, NR_A_ITEMPROP), "articleBody"))
            continue;
        int big = x->text[i] * 10 >= total * 4 && x->text[i] >= BIG_MIN;
        if (big)
            continue;
        int byline = strcmp(word, "byline") == 0 || strcmp(word, "author") == 0 ||
                     strcmp(word, "journalist") == 0;
        if (!x->drop[i])
            x->drop[i] = byline && x->text[i] <= BYLINE_MAX ? R_BYLINE : R_CLASS;
        x->why[i] = word;
        int end = nr_subtree_end(d, i);
        for (int k = i + 1; k < end; k++)
            x->dead[k] = 1;
        x->dead[i] = 1;
    }
}

/* ---------------------------------------------------------------- 2. scoring */

static float link_density(const ex *x, int i)
{
    return x->text[i] ? (float)x->links[i] / (float)x->text[i] : 0.0f;
}

static void init_candidate(ex *x, int i)
{
    static const struct {
        unsigned tag;
        float base;
    } bases[] = { { NR_T_DIV, 5 },      { NR_T_ARTICLE, 10 }, { NR_T_MAIN, 5 },
                  { NR_T_SECTION, 3 },  { NR_T_PRE, 3 },      { NR_T_TD, 3 },
                  { NR_T_BLOCKQUOTE, 3 }, { NR_T_ADDRESS, -3 }, { NR_T_OL, -3 },
                  { NR_T_UL, -3 },      { NR_T_DL, -3 },      { NR_T_DD, -3 },
                  { NR_T_DT, -3 },      { NR_T_LI, -3 },      { NR_T_FORM, -3 },
                  { NR_T_TH, -5 },      { NR_T_H1, -5 },      { NR_T_H2, -5 },
                  { NR_T_H3, -5 },      { NR_T_H4, -5 },      { NR_T_H5, -5 },
                  { NR_T_H6, -5 } };
    float s = 0;
    for (size_t k = 0; k < sizeof bases / sizeof bases[0]; k++)
        if (bases[k].tag == x->d->nodes[i].tag)
            s = bases[k].base;
    const char *word;
    int hint = class_hint(x, i, &word);
    s += hint == HINT_STORY ? 25.0f : hint == HINT_NONE ? 0.0f : -25.0f;
    if (nr_has_token(nr_attr(x->d, i, NR_A_ITEMPROP), "articleBody"))
        s += 50.0f;
    x->score[i] = s;
    x->scored[i] = 1;
}

static int is_paragraph(const ex *x, int i)
{
    const nr_node *n = &x->d->nodes[i];
    if ((n->flags & NR_N_TEXT) || x->dead[i] || x->text[i] < PARA_MIN)
        return 0;
    switch (n->tag) {
    case NR_T_P: case NR_T_PRE: case NR_T_TD:
        return 1;
    case NR_T_DIV: case NR_T_SECTION: case NR_T_BLOCKQUOTE: case NR_T_ARTICLE: case NR_T_MAIN:
    case NR_T_DD:
        return !x->blocky[i];
    default:
        return 0;
    }
}

static int is_ancestor(const nr_dom *d, int a, int i)
{
    for (; i >= 0; i = d->nodes[i].parent)
        if (i == a)
            return 1;
    return 0;
}

/* The element that best holds the story, -1 if none scored. */
static int top_candidate(ex *x)
{
    const nr_dom *d = x->d;
    for (int i = 0; i < x->n; i++) {
        int loose = !x->dead[i] && x->loose[i] >= PARA_MIN;
        if (!loose && !is_paragraph(x, i))
            continue;
        unsigned len = loose ? x->loose[i] : x->text[i];
        unsigned commas = loose ? x->loose_commas[i] : x->commas[i];
        float s = 1.0f + (float)commas + (float)(len / 100 < 3 ? len / 100 : 3);
        int a = loose ? i : d->nodes[i].parent; /* the run's paragraph is the element itself */
        for (int level = 0; a >= 0 && level < 5; level++, a = d->nodes[a].parent) {
            if (d->nodes[a].tag == NR_T_HTML)
                break;
            if (!x->scored[a])
                init_candidate(x, a);
            x->score[a] += s / (level == 0 ? 1.0f : level == 1 ? 2.0f : (float)level * 3.0f);
        }
    }
    int top = -1;
    int best[5] = { -1, -1, -1, -1, -1 };
    for (int i = 0; i < x->n; i++) {
        if (!x->scored[i] || x->dead[i])
            continue;
        x->score[i] *= 1.0f - link_density(x, i);
        for (int k = 0; k < 5; k++)
            if (best[k] < 0 || x->score[i] > x->score[best[k]]) {
                memmove(best + k + 1, best + k, (size_t)(4 - k) * sizeof *best);
                best[k] = i;
                break;
            }
    }
    top = best[0];
    if (top < 0)
        return -1;
    /* Several good candidates under one ancestor: the story is split. */
    int alts = 0;
    for (int k = 1; k < 5; k++)
        alts += best[k] >= 0 && x->score[best[k]] >= x->score[top] * 0.75f;
    if (alts >= 2) {
        for (int p = d->nodes[top].parent; p >= 0 && d->nodes[p].tag != NR_T_HTML;
             p = d->nodes[p].parent) {
            int inside = 0;
            for (int k = 1; k < 5; k++)
                inside += best[k] >= 0 && x->score[best[k]] >= x->score[top] * 0.75f &&
                          is_ancestor(d, p, best[k]);
            if (inside >= 2) {
                top = p;
                break;
            }
        }
    }
    /* A parent that scores better still holds more of it. */
    float last = x->score[top], threshold = last / 3;
    for (int p = d->nodes[top].parent; p >= 0 && d->nodes[p].tag != NR_T_BODY &&
                                       d->nodes[p].tag != NR_T_HTML;
         p = d->nodes[p].parent) {
        if (!x->scored[p])
            continue;
        if (x->score[p] < threshold)
            break;
        if (x->score[p] > last) {
            top = p;
            break;
        }
        last = x->score[p];
    }
    /* A parent holding much more paragraph text, with few links, holds the
    ** rest of a story split into blocks (CMS content elements, sections). */
    for (int p = d->nodes[top].parent; p >= 0 && d->nodes[p].tag != NR_T_BODY &&
                                       d->nodes[p].tag != NR_T_HTML;
         p = d->nodes[p].parent) {
        if (x->ptext[p] * 4 < x->ptext[top] * 5 + 400 || link_density(x, p) > 0.25f)
            break;
        top = p;
    }
    /* An only child stands for its parent. */
    for (int p = d->nodes[top].parent; p >= 0 && d->nodes[p].tag != NR_T_BODY &&
                                       d->nodes[p].tag != NR_T_HTML;
         p = d->nodes[p].parent) {
        int elements = 0;
        for (int c = d->nodes[p].first; c >= 0; c = d->nodes[c].next)
            elements += !(d->nodes[c].flags & NR_N_TEXT) && !x->dead[c];
        if (elements != 1)
            break;
        top = p;
    }
    return top;
}

/* ---------------------------------------------------------------- 3. blocks */

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

static void put(reader *r, const char *s, size_t len)
{
    if (r->x->rc < 0)
        return;
    if (r->cap - r->len < len + 1) {
        size_t cap = r->cap ? r->cap : 4096;
        while (cap - r->len < len + 1)
            cap *= 2;
        char *b = realloc(r->buf, cap);
        if (!b) {
            r->x->rc = NARRATE_ENOMEM;
            return;
        }
        r->buf = b;
        r->cap = cap;
    }
    memcpy(r->buf + r->len, s, len);
    r->len += len;
    r->buf[r->len] = '\0';
}

static void flush(reader *r)
{
    if (r->x->rc < 0)
        return;
    /* len > start first: an empty reader has no buffer to point into. */
    if (r->len > r->start && visible(r->buf + r->start, (unsigned)(r->len - r->start)) > 0) {
        if (r->count == r->bcap) {
            size_t cap = r->bcap ? r->bcap * 2 : 64;
            block *b = realloc(r->blocks, cap * sizeof *b);
            if (!b) {
                r->x->rc = NARRATE_ENOMEM;
                return;
            }
            r->blocks = b;
            r->bcap = cap;
        }
        r->blocks[r->count++] = (block){ r->start, r->len - r->start, r->link_bytes,
                                         r->time_bytes, r->level, r->owner, r->root };
        put(r, "", 0);
        r->start = r->len;
    } else {
        r->len = r->start;
    }
    r->link_bytes = r->time_bytes = 0;
}

/* The nearest block element at or above i. */
static int block_owner(const nr_dom *d, int i)
{
    for (; i >= 0; i = d->nodes[i].parent)
        if (is_block_tag(d->nodes[i].tag))
            return i;
    return -1;
}

/* Append at most max bytes of s to buf[*n..size), cut on a character boundary. */
static void append(char *buf, size_t size, size_t *n, const char *s, size_t max)
{
    size_t len = strlen(s), room = size - 1 - *n;
    if (len > max)
        len = max;
    if (len > room)
        len = room;
    if (len < strlen(s))
        len = nr_utf8_floor(s, len);
    memcpy(buf + *n, s, len);
    *n += len;
    buf[*n] = '\0';
}

/* "div.share-row#top": how notes name an element. */
static void describe(const nr_dom *d, int i, char *buf, size_t size)
{
    const char *cls = nr_attr(d, i, NR_A_CLASS), *id = nr_attr(d, i, NR_A_ID);
    size_t n = 0;
    buf[0] = '\0';
    append(buf, size, &n, nr_name(d, i), 24);
    if (cls && *cls) {
        append(buf, size, &n, ".", 1);
        append(buf, size, &n, cls, 48);
    }
    if (id && *id) {
        append(buf, size, &n, "#", 1);
        append(buf, size, &n, id, 40);
    }
    /* Class lists become dotted; no control byte reaches a terminal or log. */
    for (size_t k = 0; k < n; k++)
        if ((unsigned char)buf[k] <= ' ' || buf[k] == 0x7F)
            buf[k] = '.';
}

static void note(ex *x, narrate_note_kind kind, const char *element, const char *reason,
                 const char *text, size_t len)
{
    if (x->rc == NARRATE_OK)
        x->rc = nr_article_note(x->a, kind, element, reason, text, len);
}

static void note_dropped(ex *x, int i)
{
    const nr_dom *d = x->d;
    char el[128], why[96], text[NOTE_RAW];
    size_t len = nr_dom_text(d, i, text, sizeof text);
    if (visible(text, (unsigned)len) == 0)
        return;
    describe(d, i, el, sizeof el);
    switch (x->drop[i]) {
    case R_HIDDEN: snprintf(why, sizeof why, "hidden"); break;
    case R_ROLE: snprintf(why, sizeof why, "role %s", x->why[i]); break;
    case R_TAG: snprintf(why, sizeof why, "<%s> is not the story", nr_name(d, i)); break;
    case R_CLASS: snprintf(why, sizeof why, "class or id names %s", x->why[i]); break;
    case R_SKIP: snprintf(why, sizeof why, "data-narrate=\"skip\""); break;
    case R_DETAILS: snprintf(why, sizeof why, "collapsed <details>"); break;
    case R_BYLINE: snprintf(why, sizeof why, "byline (read as the author)"); break;
    default: snprintf(why, sizeof why, "code or media"); break;
    }
    note(x, NARRATE_NOTE_DROPPED, el, why, text, len);
}

/* Read the blocks of the subtree at root into r. */
static void read_blocks(reader *r, int root)
{
    ex *x = r->x;
    const nr_dom *d = x->d;
    int i = root;
    r->root = root;
    r->owner = block_owner(d, root);
    while (x->rc == NARRATE_OK) {
        const nr_node *n = &d->nodes[i];
        int descend = 0;
        if (n->flags & NR_N_TEXT) {
            if (!(n->flags & NR_N_SKIPPED) && !x->dead[i]) {
                put(r, d->pool + n->text, n->len);
                unsigned v = visible(d->pool + n->text, n->len);
                if (r->link)
                    r->link_bytes += v;
                if (r->time)
                    r->time_bytes += v;
            }
        } else if (x->dead[i]) {
            if (x->drop[i] && x->drop[i] != R_CODE)
                note_dropped(x, i);
            if (is_block_tag(n->tag) || n->tag == NR_T_BR)
                flush(r);
            else
                put(r, " ", 1);
        } else {
            descend = 1;
            if (is_block_tag(n->tag) || n->tag == NR_T_BR) {
                flush(r);
                if (is_block_tag(n->tag))
                    r->owner = i;
            }
            if (nr_is_heading(n->tag))
                r->level = n->tag - NR_T_H1 + 1;
            if (n->tag == NR_T_TD || n->tag == NR_T_TH)
                put(r, " ", 1);
            r->link += n->tag == NR_T_A && (n->flags & NR_N_HREF);
            r->time += n->tag == NR_T_TIME;
        }
        if (descend && n->first >= 0) {
            i = n->first;
            continue;
        }
        /* Leave i (if entered) and every ancestor finished with it. */
        for (;;) {
            const nr_node *m = &d->nodes[i];
            if (!(m->flags & NR_N_TEXT) && !x->dead[i]) {
                if (is_block_tag(m->tag)) {
                    flush(r);
                    r->owner = block_owner(d, m->parent);
                }
                if (nr_is_heading(m->tag))
                    r->level = 0;
                if (m->tag == NR_T_TD || m->tag == NR_T_TH)
                    put(r, " ", 1);
                r->link -= m->tag == NR_T_A && (m->flags & NR_N_HREF);
                r->time -= m->tag == NR_T_TIME;
            }
            if (i == root) {
                flush(r);
                return;
            }
            if (m->next >= 0) {
                i = m->next;
                break;
            }
            i = m->parent;
        }
    }
}

/* ---------------------------------------------------------------- wording */

/* ASCII-lowercased copy of s (UTF-8 untouched), at most size - 1 bytes. */
static void lower(const char *s, size_t len, char *out, size_t size)
{
    size_t n = len < size - 1 ? len : size - 1;
    for (size_t k = 0; k < n; k++)
        out[k] = (char)(s[k] >= 'A' && s[k] <= 'Z' ? s[k] + 32 : s[k]);
    out[n] = '\0';
}

/* Chrome by its wording: a short block starting with or containing one of
** these, in the languages of the corpus pages.  NULL if none. */
static const char *chrome_wording(const char *text, size_t len)
{
    static const char *const starts[] = {
        "updated", "last updated", "published", "posted on", "aktualisiert", "veröffentlicht",
        "stand:", "zaktualizowano", "opublikowano", "mis à jour", "publié le", "photo:",
        "photo by", "photos:", "foto:", "fotos:", "fot.", "bild:", "image:", "picture:",
        "credit:", "credits:", "source:", "quelle:", "źródło:", "share", "teilen",
        "udostępnij", "partager", "follow us", "folgen sie", "sign up", "subscribe",
        "abonnieren", "newsletter", "advertisement", "anzeige", "werbung", "reklama",
        "publicité", "sponsored", "listen to", "click play", "read more", "weiterlesen",
        "czytaj także", "czytaj też", "czytaj więcej", "lire aussi", "lire la suite", "see also",
        "related:", "related articles", "related stories", "mehr zum thema", "tags:", "tagi:",
        "schlagwörter", "themen:", "topics:", "ai journalist", "editorial perspective",
        "all rights reserved", "copyright", "©", "(c) ", "leave a comment", "kommentare",
        "komentarze", "back to top", "skip to", "we use cookies", "this website uses cookies",
        "this site uses cookies", "diese website verwendet cookies", "download the app",
    };
    static const char *const anywhere[] = {
        "min read", "minute read", "minutes read", "min. lesezeit", "minuten lesezeit",
        "lesezeit:", "reading time", "czas czytania", "temps de lecture", "getty images",
        "all rights reserved", "alle rechte vorbehalten", "click play",
        "generate audio", "listen to this article", "listen to article",
        "this article was generated", "ai-generated", "generated by ai", "written with ai",
        "sign up for", "subscribe to", "zum newsletter",
    };
    static const char *const alone[] = { "share", "print", "email", "e-mail", "tweet",
                                         "previous", "next", "comments", "menu", "home",
                                         "advertisement", "anzeige", "werbung", "reklama",
                                         "more", "mehr", "close", "schließen", "top" };
    if (len > SHORT_BLOCK)
        return NULL;
    char low[SHORT_BLOCK + 1];
    lower(text, len, low, sizeof low);
    for (size_t k = 0; k < sizeof starts / sizeof starts[0]; k++)
        if (strncmp(low, starts[k], strlen(starts[k])) == 0)
            return starts[k];
    for (size_t k = 0; k < sizeof anywhere / sizeof anywhere[0]; k++)
        if (strstr(low, anywhere[k]))
            return anywhere[k];
    size_t n = strlen(low);
    while (n && strchr(" .:!|>»", low[n - 1]))
        n--;
    for (size_t k = 0; k < sizeof alone / sizeof alone[0]; k++)
        if (strlen(alone[k]) == n && strncmp(low, alone[k], n) == 0)
            return alone[k];
    return NULL;
}

/* Is the block element owner an item of a list of links inside the story
** element root (not a list that broken markup has put round the page)? */
static int in_list_of_links(const ex *x, int owner, int root)
{
    const nr_dom *d = x->d;
    for (int p = owner; p >= 0 && p != root; p = d->nodes[p].parent) {
        unsigned t = d->nodes[p].tag;
        if (t == NR_T_UL || t == NR_T_OL || t == NR_T_DL)
            return x->text[p] && x->links[p] * 2 > x->text[p];
        if (t != NR_T_LI && t != NR_T_DD && t != NR_T_DT && t != NR_T_DIV && t != NR_T_P &&
            !nr_is_heading(t))
            return 0;
    }
    return 0;
}

/* ---------------------------------------------------------------- the article */

/* What is done with a block: read (why NULL) or dropped, and why. */
typedef struct {
    char *text;       /* folded */
    const char *why;  /* a static string or reason */
    char reason[96];
} verdict;

/* FNV-1a: the hash of a block's folded text. */
static size_t text_hash(const char *s)
{
    unsigned long long h = 14695981039346656037ULL;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return (size_t)h;
}

static int same_text(const char *a, const char *b)
{
    return a && b && strcasecmp(a, b) == 0;
}

/* A valid language tag from s ("en_US" becomes "en-US"), or NULL. */
static const char *language_tag(char *s)
{
    if (!s)
        return NULL;
    for (char *p = s; *p; p++)
        if (*p == '_')
            *p = '-';
    size_t n = strlen(s);
    if (n == 0 || n > 15 || strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-") != n)
        return NULL;
    return s;
}

static void set_default(ex *x, const char *key, char *const *slot, const char *value,
                        const char *from)
{
    if (x->rc < 0 || *slot || !value || !*value)
        return;
    x->rc = nr_article_set(x->a, key, value, strlen(value));
    if (from)
        note(x, NARRATE_NOTE_METADATA, key, from, value, strlen(value));
}

/* Decide which of the blocks read into r are spoken, add those to the
** article and note the others; the bytes added. */
static size_t read_verdicts(ex *x, reader *r, int title_h1, const char *title, char **author)
{
    /* Which blocks are read. */
    verdict *v = calloc(r->count ? r->count : 1, sizeof *v);
    const nr_dom *d = x->d;
    char el[128];
    size_t kept = 0, tcap = 64;
    while (tcap < 2 * r->count)
        tcap *= 2;
    size_t *table = calloc(tcap, sizeof *table);
    if ((!v || !table) && x->rc == NARRATE_OK)
        x->rc = NARRATE_ENOMEM;
    for (size_t k = 0; k < r->count && x->rc == NARRATE_OK; k++) {
        block *b = &r->blocks[k];
        const char *text = r->buf + b->start;
        char *folded = nr_speakable(text, b->len);
        if (!folded) {
            x->rc = NARRATE_ENOMEM;
            break;
        }
        v[k].text = folded;
        size_t flen = strlen(folded);
        unsigned vis = visible(text, (unsigned)b->len);
        const char *why = NULL, *word;
        char *buf = v[k].reason;
        size_t size = sizeof v[k].reason;
        nr_meta probe = { 0 };
        if (b->level && same_text(folded, title))
            why = "the title (read before the body)";
        else if (b->owner == title_h1 && title_h1 >= 0)
            why = "the title (read before the body)";
        else if (b->owner >= 0 && d->nodes[b->owner].tag == NR_T_ADDRESS)
            why = "byline (read as the author)";
        else if (!b->level && (vis < 400 ? b->links * 2 > vis : b->links * 10 > vis * 7)) {
            snprintf(buf, size, "link text %u of %u bytes", b->links, vis);
            why = buf;
        } else if (b->level && vis < 200 && b->links * 2 > vis)
            why = "a linked heading (a teaser)";
        else if (in_list_of_links(x, b->owner, b->root))
            why = "a list of links";
        else if (b->time * 2 > vis)
            why = "a date";
        else if ((word = chrome_wording(folded, flen))) {
            snprintf(buf, size, "wording of page chrome (\"%s\")", word);
            why = buf;
        } else if (flen <= 120 && nr_meta_skip_label(folded) != folded) {
            x->rc = nr_meta_add_byline(&probe, folded, flen);
            if (probe.nauthors) {
                why = "byline (read as the author)";
                if (!x->meta.nauthors && !*author)
                    *author = nr_meta_authors(&probe, NULL);
            }
            nr_meta_free(&probe);
        }
        /* Repeats, through a hash table of the blocks read (open addressing). */
        size_t slot = text_hash(folded) & (tcap - 1);
        for (; !why && table && table[slot]; slot = (slot + 1) & (tcap - 1))
            if (flen >= 10 && strcmp(v[table[slot] - 1].text, folded) == 0)
                why = "repeated";
        v[k].why = why;
        if (!why && table)
            table[slot] = k + 1;
    }
    /* A heading with nothing read under it heads what was dropped: a list
    ** of links, teasers, a promo ("Most read", "Related"). */
    int body_after[7] = { 0 }, any_body = 0;
    for (size_t k = 0; k < r->count; k++)
        any_body |= !v[k].why && !r->blocks[k].level;
    /* (A page of headings alone, a live blog's, keeps them.) */
    for (size_t k = r->count; any_body && k-- > 0 && x->rc == NARRATE_OK;) {
        int level = r->blocks[k].level;
        if (v[k].why)
            continue;
        if (!level) {
            for (int l = 0; l < 7; l++)
                body_after[l] = 1;
            continue;
        }
        if (!body_after[level]) {
            v[k].why = "a heading with nothing read under it";
            continue;
        }
        for (int l = level; l < 7; l++)
            body_after[l] = 0;
    }
    for (size_t k = 0; k < r->count && x->rc == NARRATE_OK; k++) {
        block *b = &r->blocks[k];
        size_t flen = strlen(v[k].text);
        if (v[k].why) {
            if (b->owner >= 0)
                describe(d, b->owner, el, sizeof el);
            else
                snprintf(el, sizeof el, "text");
            note(x, NARRATE_NOTE_DROPPED, el, v[k].why, v[k].text, flen);
        } else {
            x->rc = nr_article_add(x->a, v[k].text, flen, b->level);
            kept += flen;
        }
    }
    for (size_t k = 0; v && k < r->count; k++)
        free(v[k].text);
    free(v);
    free(table);

    return kept;
}

enum {
    DROP_ALL,       /* by structure and by class names */
    DROP_STRUCTURE, /* by structure only, a <form> round the page kept */
    DROP_CODE,      /* only code and data-narrate="skip" */
};

/* Drop what is not the story, as far as mode says.  An element that broken
** markup has made hold most of the page (an unclosed <aside>, a hidden
** wrapper) is not dropped by structure. */
static void drop_furniture(ex *x, int mode)
{
    const nr_dom *d = x->d;
    memset(x->drop, 0, (size_t)x->n);
    measure(x);
    unsigned total = x->text[d->body];
    for (int i = 0; i < x->n; i++) {
        if ((d->nodes[i].flags & NR_N_TEXT) || x->keep[i])
            continue;
        int why = own_reason(x, i);
        if (why != R_CODE && why != R_SKIP &&
            (mode == DROP_CODE || (mode == DROP_STRUCTURE && d->nodes[i].tag == NR_T_FORM) ||
             (x->text[i] * 10 >= total * 4 && x->text[i] >= BIG_MIN)))
            why = R_NONE;
        x->drop[i] = (unsigned char)why;
    }
    measure(x);
    if (mode == DROP_ALL) {
        drop_by_class(x);
        measure(x);
    }
}

/* Score the page; the top candidate, or -1.  When the page scored with no
** furniture dropped finds a much better story inside an element that was
** dropped (a "sidebar" or "widget" wrapper, a <form> round the page, an
** <aside> holding the article), that element and its ancestors are kept
** and the page is scored again. */
static int choose(ex *x)
{
    const nr_dom *d = x->d;
    size_t n = (size_t)x->n;
    drop_furniture(x, DROP_ALL);
    int top = top_candidate(x);
    unsigned best = top >= 0 ? x->ptext[top] : 0;
    unsigned char *was = malloc(n ? n : 1);
    if (!was) {
        x->rc = NARRATE_ENOMEM;
        return top;
    }
    memcpy(was, x->drop, n);
    memset(x->scored, 0, n);
    memset(x->score, 0, n * sizeof *x->score);
    drop_furniture(x, DROP_CODE);
    int alt = top_candidate(x);
    int held = 0;
    for (int p = alt; p >= 0 && alt != top; p = d->nodes[p].parent)
        held |= was[p] && was[p] != R_CODE && was[p] != R_SKIP;
    /* Compared by the text of their paragraphs: class names weigh in scores. */
    if (alt >= 0 && held && x->ptext[alt] >= RESCUE_MIN && x->ptext[alt] > 2 * best) {
        for (int p = alt; p >= 0; p = d->nodes[p].parent)
            if (was[p] && was[p] != R_CODE && was[p] != R_SKIP) {
                x->keep[p] = 1;
                x->kept_for_story = p;
            }
    }
    free(was);
    memset(x->scored, 0, n);
    memset(x->score, 0, n * sizeof *x->score);
    memset(x->why, 0, n * sizeof *x->why);
    drop_furniture(x, DROP_ALL);
    return top_candidate(x);
}

/* The story from JSON-LD articleBody: one paragraph per line. */
static void body_from_jsonld(ex *x)
{
    const char *b = x->meta.body;
    while (*b && x->rc == NARRATE_OK) {
        size_t n = strcspn(b, "\n");
        x->rc = nr_article_add(x->a, b, n, 0);
        b += n + (b[n] != '\0');
    }
}



int nr_extract(const nr_dom *d, narrate_article *a, const char *name, narrate_error *err)
{
    if (d->body < 0 || (d->nodes[d->body].flags & NR_N_HIDDEN))
        return nr_fail(err, NARRATE_EINPUT, "no <body> in HTML article '%s'", name);
    ex x = { .d = d, .a = a, .n = (int)d->count, .kept_for_story = -1 };
    size_t n = d->count ? d->count : 1;
    x.drop = calloc(n, 1);
    x.dead = calloc(n, 1);
    x.blocky = calloc(n, 1);
    x.scored = calloc(n, 1);
    x.text = calloc(n, sizeof *x.text);
    x.links = calloc(n, sizeof *x.links);
    x.commas = calloc(n, sizeof *x.commas);
    x.paras = calloc(n, sizeof *x.paras);
    x.ptext = calloc(n, sizeof *x.ptext);
    x.loose = calloc(n, sizeof *x.loose);
    x.loose_links = calloc(n, sizeof *x.loose_links);
    x.loose_commas = calloc(n, sizeof *x.loose_commas);
    x.score = calloc(n, sizeof *x.score);
    x.why = calloc(n, sizeof *x.why);
    x.keep = calloc(n, 1);
    reader r = { .x = &x };
    int top = -1;
    int *roots = calloc(n, sizeof *roots);
    size_t nroots = 0;
    char el[128], *author = NULL;
    if (!x.drop || !x.dead || !x.blocky || !x.scored || !x.text || !x.links || !x.commas ||
        !x.paras || !x.ptext || !x.loose || !x.loose_links || !x.loose_commas || !x.score || !x.why || !x.keep || !roots)
        x.rc = NARRATE_ENOMEM;
    if (x.rc == NARRATE_OK)
        x.rc = nr_meta_read(d, &x.meta);
    if (x.rc == NARRATE_OK) {
        for (int p = d->body; p >= 0; p = d->nodes[p].parent)
            x.keep[p] = 1;
        top = choose(&x);
    }
    if (x.rc == NARRATE_OK && x.kept_for_story >= 0) {
        describe(d, x.kept_for_story, el, sizeof el);
        note(&x, NARRATE_NOTE_CONTAINER, el, "kept although named or tagged like page furniture: "
             "the page's best story is inside", "", 0);
    }

    /* The story's elements, in document order. */
    const char *chosen_by = NULL;
    for (int i = 0; x.rc == NARRATE_OK && i < x.n; i++) {
        const char *v = nr_attr(d, i, NR_A_NARRATE);
        if (v && strcasecmp(v, "read") == 0 && !x.dead[i] &&
            (nroots == 0 || !is_ancestor(d, roots[nroots - 1], i))) {
            roots[nroots++] = i;
            chosen_by = "data-narrate=\"read\"";
        }
    }
    if (x.rc == NARRATE_OK && nroots == 0) {
        int best = -1;
        for (int i = 0; i < x.n; i++)
            if (!x.dead[i] && nr_has_token(nr_attr(d, i, NR_A_ITEMPROP), "articleBody") &&
                x.text[i] >= 250 && (best < 0 || x.text[i] > x.text[best]))
                best = i;
        if (best >= 0) {
            roots[nroots++] = best;
            chosen_by = "itemprop=\"articleBody\"";
        }
    }
    if (x.rc == NARRATE_OK && nroots == 0) {
        if (top < 0) {
            /* Too little text to score: the first <article>, else <main>, else <body>. */
            static const unsigned order[] = { NR_T_ARTICLE, NR_T_MAIN };
            int pick = -1;
            for (size_t k = 0; k < sizeof order / sizeof order[0] && pick < 0; k++)
                for (int i = 0; i < x.n && pick < 0; i++)
                    if (d->nodes[i].tag == order[k] && !x.dead[i] && x.text[i])
                        pick = i;
            roots[nroots++] = pick >= 0 ? pick : d->body;
            chosen_by = "too little text to score: the first <article>, else <main>, else <body>";
        } else {
            /* Siblings that score close to it, and plain paragraphs beside it. */
            int parent = d->nodes[top].parent;
            float threshold = x.score[top] * 0.2f > 10.0f ? x.score[top] * 0.2f : 10.0f;
            const char *tcls = nr_attr(d, top, NR_A_CLASS);
            for (int s = parent >= 0 ? d->nodes[parent].first : top; s >= 0; s = d->nodes[s].next) {
                const nr_node *sn = &d->nodes[s];
                if (s != top && ((sn->flags & NR_N_TEXT) || x.dead[s]))
                    continue;
                int take = s == top;
                float bonus = tcls && *tcls && same_text(tcls, nr_attr(d, s, NR_A_CLASS))
                            ? x.score[top] * 0.2f : 0.0f;
                if (!take && x.scored[s] && x.score[s] + bonus >= threshold)
                    take = 1;
                if (!take && sn->tag == NR_T_P) {
                    float ld = link_density(&x, s);
                    take = (x.text[s] > 80 && ld < 0.25f) || (x.text[s] > 0 && ld == 0.0f &&
                                                              x.commas[s] + 1 > 1);
                }
                /* A block of paragraphs beside it: a standfirst, the rest of the story. */
                if (!take && !(sn->flags & NR_N_TEXT) && x.paras[s] && x.text[s] >= PARA_MIN &&
                    x.ptext[s] * 2 >= x.text[s] && link_density(&x, s) < 0.2f)
                    take = 1;
                if (take)
                    roots[nroots++] = s;
                if (parent < 0)
                    break;
            }
            char why[160];
            snprintf(why, sizeof why, "score %.1f: %u paragraphs, %u bytes of text, link density %.2f%s",
                     (double)x.score[top], x.paras[top], x.text[top], (double)link_density(&x, top),
                     nroots > 1 ? ", with siblings" : "");
            describe(d, top, el, sizeof el);
            note(&x, NARRATE_NOTE_CONTAINER, el, why, "", 0);
            /* What was dropped beside the story, so that it shows in the notes too. */
            for (int sib = parent >= 0 ? d->nodes[parent].first : -1; sib >= 0; sib = d->nodes[sib].next)
                if (x.drop[sib] && x.drop[sib] != R_CODE)
                    note_dropped(&x, sib);
        }
    }
    if (chosen_by && x.rc == NARRATE_OK) {
        describe(d, roots[0], el, sizeof el);
        note(&x, NARRATE_NOTE_CONTAINER, el, chosen_by, "", 0);
    }

    /* Title: the story's <h1>, else the page's headline, else any <h1>, else <title>. */
    int title_h1 = -1;
    for (size_t k = 0; k < nroots && title_h1 < 0; k++)
        for (int i = roots[k], end = nr_subtree_end(d, roots[k]); i < end; i++)
            if (d->nodes[i].tag == NR_T_H1 && !x.dead[i] && x.text[i]) {
                title_h1 = i;
                break;
            }
    const char *title_from = "the story's <h1>";
    if (title_h1 < 0 && !x.meta.headline) {
        for (int i = 0; i < x.n; i++)
            if (d->nodes[i].tag == NR_T_H1 && !x.dead[i] && x.text[i]) {
                title_h1 = i;
                title_from = "the page's first <h1>";
                break;
            }
    }
    char *h1 = NULL;
    if (title_h1 >= 0) {
        char buf[1024];
        size_t len = nr_dom_text(d, title_h1, buf, sizeof buf);
        h1 = nr_speakable(buf, len);
        if (!h1)
            x.rc = NARRATE_ENOMEM;
    }

    for (size_t k = 0; k < nroots && x.rc == NARRATE_OK; k++)
        read_blocks(&r, roots[k]);
    const char *title = h1 ? h1 : x.meta.headline ? x.meta.headline : d->title;

    size_t kept = x.rc == NARRATE_OK ? read_verdicts(&x, &r, title_h1, title, &author) : 0;

    /* Nothing read: the page again with only its structure dropped (a story
    ** that class names took for furniture, a <form> round it), before giving up. */
    if (x.rc == NARRATE_OK && a->count == 0 && !x.meta.body) {
        memset(x.scored, 0, n);
        memset(x.score, 0, n * sizeof *x.score);
        memset(x.keep, 0, n);
        for (int p = d->body; p >= 0; p = d->nodes[p].parent)
            x.keep[p] = 1;
        drop_furniture(&x, DROP_STRUCTURE);
        int again = top_candidate(&x);
        if (again < 0)
            again = d->body;
        free(r.buf);
        free(r.blocks);
        r = (reader){ .x = &x };
        read_blocks(&r, again);
        describe(d, again, el, sizeof el);
        note(&x, NARRATE_NOTE_CONTAINER, el, "nothing was read: the page again with structure only",
             "", 0);
        kept = x.rc == NARRATE_OK ? read_verdicts(&x, &r, title_h1, title, &author) : 0;
    }

    /* The page's own text of the story, when the markup holds much less. */
    if (x.rc == NARRATE_OK && x.meta.body) {
        size_t blen = visible(x.meta.body, (unsigned)strlen(x.meta.body));
        if (blen >= 100 && kept * 2 < blen) {
            for (size_t i = 0; i < a->count; i++)
                free(a->paragraphs[i]);
            a->count = 0;
            body_from_jsonld(&x);
            note(&x, NARRATE_NOTE_CONTAINER, "JSON-LD articleBody",
                 "the page's markup holds less than half of it", "", 0);
        }
    }

    /* No author in the metadata: the byline, in the story first (marked 2 in scored). */
    if (x.rc == NARRATE_OK && !x.meta.nauthors && !author) {
        for (size_t k = 0; k < nroots; k++)
            for (int i = roots[k], end = nr_subtree_end(d, roots[k]); i < end; i++)
                x.scored[i] = 2;
        nr_meta byl = { 0 };
        for (int pass = 0; pass < 2 && !byl.nauthors && x.rc == NARRATE_OK; pass++)
            for (int i = 0; i < x.n && !byl.nauthors && x.rc == NARRATE_OK; i++) {
                int inside = x.scored[i] == 2;
                if ((pass == 0) != inside || (x.drop[i] != R_BYLINE && x.drop[i] != R_CLASS))
                    continue;
                if (x.drop[i] == R_CLASS && strcmp(x.why[i], "author") && strcmp(x.why[i], "byline") &&
                    strcmp(x.why[i], "journalist"))
                    continue;
                /* A labelled name in it ("AI Journalist: ..."), else all its text. */
                for (int k = i + 1, end = nr_subtree_end(d, i); k < end && !byl.nauthors; k++) {
                    const nr_node *t = &d->nodes[k];
                    if (!(t->flags & NR_N_TEXT) || t->len > 120)
                        continue;
                    char *f = nr_speakable(d->pool + t->text, t->len);
                    if (!f) {
                        x.rc = NARRATE_ENOMEM;
                        break;
                    }
                    if (nr_meta_skip_label(f) != f)
                        x.rc = nr_meta_add_byline(&byl, f, strlen(f));
                    free(f);
                }
                if (!byl.nauthors && x.rc == NARRATE_OK && x.drop[i] == R_BYLINE) {
                    char buf[BYLINE_MAX * 2];
                    size_t len = nr_dom_text(d, i, buf, sizeof buf);
                    x.rc = nr_meta_add_byline(&byl, buf, len);
                }
            }
        if (byl.nauthors)
            author = nr_meta_authors(&byl, NULL);
        nr_meta_free(&byl);
    }

    /* Header fields the caller has not set. */
    if (x.rc == NARRATE_OK) {
        set_default(&x, "title", &a->title, title,
                    h1 ? title_from : x.meta.headline ? x.meta.headline_from : "<title>");
        int lang_el = roots[0];
        const char *lang = NULL;
        for (int i = lang_el; i >= 0 && !lang; i = d->nodes[i].parent)
            lang = nr_attr(d, i, NR_A_LANG);
        char *lang_copy = lang ? strdup(lang) : NULL;
        const char *tag = language_tag(lang_copy), *from = "lang attribute";
        if (!tag) {
            tag = language_tag(x.meta.language);
            from = x.meta.language_from;
        }
        char *authors = x.meta.nauthors ? nr_meta_authors(&x.meta, tag) : NULL;
        if (authors)
            set_default(&x, "author", &a->author, authors, x.meta.authors_from);
        else
            set_default(&x, "author", &a->author, author, "the byline");
        set_default(&x, "language", &a->language, tag, from);
        set_default(&x, "voice", &a->voice, x.meta.voice, NULL);
        free(authors);
        free(lang_copy);
    }

    int rc = x.rc;
    if (rc < 0)
        nr_fail(err, rc, "out of memory reading HTML article '%s'", name);
    free(h1);
    free(author);
    free(r.buf);
    free(r.blocks);
    free(roots);
    nr_meta_free(&x.meta);
    free(x.drop);
    free(x.dead);
    free(x.blocky);
    free(x.scored);
    free(x.text);
    free(x.links);
    free(x.commas);
    free(x.paras);
    free(x.ptext);
    free(x.loose);
    free(x.loose_links);
    free(x.loose_commas);
    free(x.score);
    free(x.why);
    free(x.keep);
    return rc;
}
