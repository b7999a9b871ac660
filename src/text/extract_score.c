/* extract_score.c - which element holds the story: furniture dropped by structure and names, paragraphs scored into their ancestors. */
#include "extract_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

int nrx_is_block_tag(unsigned t)
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
unsigned nrx_visible(const char *s, unsigned len)
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
static void nrx_measure(ex *x)
{
    const nr_dom *d = x->d;
    for (int i = 0; i < x->n; i++) {
        int p = d->nodes[i].parent;
        x->dead[i] = x->drop[i] || (p >= 0 && x->dead[p]);
        x->inlink[i] = p >= 0 && (x->inlink[p] || (d->nodes[p].tag == NR_T_A &&
                                                    (d->nodes[p].flags & NR_N_HREF)));
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
                x->text[i] = nrx_visible(d->pool + n->text, n->len);
                x->commas[i] = count_commas(d->pool + n->text, n->len);
            }
        } else {
            if ((n->tag == NR_T_A && (n->flags & NR_N_HREF)) || x->inlink[i])
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
            x->blocky[p] |= x->blocky[i] || (!(n->flags & NR_N_TEXT) && nrx_is_block_tag(n->tag));
            if ((n->flags & NR_N_TEXT) || (!nrx_is_block_tag(n->tag) && !x->blocky[i])) {
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
        } else if (nrx_class_hint(x, i, &word) != HINT_STRONG) {
            continue;
        }
        if (nr_has_token(nr_attr(d, i, NR_A_ITEMPROP), "articleBody"))
            continue;
        /* (A menu holding as much is still a menu: its text is links.) */
        int big = x->text[i] * 10 >= total * 4 && x->text[i] >= BIG_MIN && x->links[i] * 5 < x->text[i] * 2;
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

float nrx_link_density(const ex *x, int i)
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
    int hint = nrx_class_hint(x, i, &word);
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

int nrx_is_ancestor(const nr_dom *d, int a, int i)
{
    for (; i >= 0; i = d->nodes[i].parent)
        if (i == a)
            return 1;
    return 0;
}

/* The element that best holds the story, -1 if none scored. */
int nrx_top_candidate(ex *x)
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
        x->score[i] *= 1.0f - nrx_link_density(x, i);
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
                          nrx_is_ancestor(d, p, best[k]);
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
    /* An ancestor holding much more paragraph text, with few links, holds the
    ** rest of a story split into blocks (CMS content elements, sections,
    ** entries); the wrappers between that add nothing are passed over. */
    int passed = 0;
    for (int p = d->nodes[top].parent; p >= 0 && d->nodes[p].tag != NR_T_BODY &&
                                       d->nodes[p].tag != NR_T_HTML && passed <= WIDEN_PASS;
         p = d->nodes[p].parent) {
        if (nrx_link_density(x, p) > 0.25f)
            break;
        if (x->ptext[p] * 4 < x->ptext[top] * 5 + 400) {
            passed++;
            continue;
        }
        top = p;
        passed = 0;
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


/* Drop what is not the story, as far as mode says.  An element that broken
** markup has made hold most of the page (an unclosed <aside>, a hidden
** wrapper) is not dropped by structure. */
void nrx_drop_furniture(ex *x, int mode)
{
    const nr_dom *d = x->d;
    memset(x->drop, 0, (size_t)x->n);
    nrx_measure(x);
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
    nrx_measure(x);
    if (mode == DROP_ALL) {
        drop_by_class(x);
        nrx_measure(x);
    }
}

/* Score the page; the top candidate, or -1.  When the page scored with no
** furniture dropped finds a much better story inside an element that was
** dropped (a "sidebar" or "widget" wrapper, a <form> round the page, an
** <aside> holding the article), that element and its ancestors are kept
** and the page is scored again. */
int nrx_choose(ex *x)
{
    const nr_dom *d = x->d;
    size_t n = (size_t)x->n;
    /* Scored with only code dropped first, so that the usual verdict (all
    ** furniture dropped) is what stays measured unless a story is rescued. */
    nrx_drop_furniture(x, DROP_CODE);
    int alt = nrx_top_candidate(x);
    unsigned alt_text = alt >= 0 ? x->ptext[alt] : 0;
    memset(x->scored, 0, n);
    memset(x->score, 0, n * sizeof *x->score);
    memset(x->why, 0, n * sizeof *x->why);
    nrx_drop_furniture(x, DROP_ALL);
    int top = nrx_top_candidate(x);
    unsigned best = top >= 0 ? x->ptext[top] : 0;
    int held = 0;
    for (int p = alt; p >= 0 && alt != top; p = d->nodes[p].parent)
        held |= x->drop[p] && x->drop[p] != R_CODE && x->drop[p] != R_SKIP;
    /* Compared by the text of their paragraphs: class names weigh in scores. */
    if (!(alt >= 0 && held && alt_text >= RESCUE_MIN && alt_text > 2 * best))
        return top;
    for (int p = alt; p >= 0; p = d->nodes[p].parent)
        if (x->drop[p] && x->drop[p] != R_CODE && x->drop[p] != R_SKIP) {
            x->keep[p] = 1;
            x->kept_for_story = p;
        }
    memset(x->scored, 0, n);
    memset(x->score, 0, n * sizeof *x->score);
    memset(x->why, 0, n * sizeof *x->why);
    nrx_drop_furniture(x, DROP_ALL);
    return nrx_top_candidate(x);
}
