/* extract.c - the story of a parsed HTML page: which element holds it, which of its blocks are read. */
#include "extract_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

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
        nrx_note(x, NARRATE_NOTE_METADATA, key, from, value, strlen(value));
}

/* Decide which of the blocks read into r are spoken, add those to the
** article and note the others; the bytes added. */
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
    x.inlink = calloc(n, 1);
    x.hint = malloc(n);
    x.hint_word = calloc(n, sizeof *x.hint_word);
    if (x.hint)
        memset(x.hint, HINT_UNKNOWN, n);
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
    if (!x.drop || !x.dead || !x.blocky || !x.inlink || !x.hint || !x.hint_word || !x.scored || !x.text || !x.links || !x.commas ||
        !x.paras || !x.ptext || !x.loose || !x.loose_links || !x.loose_commas || !x.score || !x.why || !x.keep || !roots)
        x.rc = NARRATE_ENOMEM;
    if (x.rc == NARRATE_OK)
        x.rc = nr_meta_read(d, &x.meta);
    if (x.rc == NARRATE_OK) {
        for (int p = d->body; p >= 0; p = d->nodes[p].parent)
            x.keep[p] = 1;
        top = nrx_choose(&x);
    }
    if (x.rc == NARRATE_OK && x.kept_for_story >= 0) {
        nrx_describe(d, x.kept_for_story, el, sizeof el);
        nrx_note(&x, NARRATE_NOTE_CONTAINER, el, "kept although named or tagged like page furniture: "
             "the page's best story is inside", "", 0);
    }

    /* The story's elements, in document order. */
    const char *chosen_by = NULL;
    for (int i = 0; x.rc == NARRATE_OK && i < x.n; i++) {
        const char *v = nr_attr(d, i, NR_A_NARRATE);
        if (v && strcasecmp(v, "read") == 0 && !x.dead[i] &&
            (nroots == 0 || !nrx_is_ancestor(d, roots[nroots - 1], i))) {
            roots[nroots++] = i;
            chosen_by = "data-narrate=\"read\"";
        }
    }
    if (x.rc == NARRATE_OK && nroots == 0) {
        /* Pages mark the story's sections, or each of its paragraphs, so:
        ** all of them, once the page has marked enough text. */
        unsigned marked = 0;
        for (int i = 0; i < x.n; i++)
            if (!x.dead[i] && nr_has_token(nr_attr(d, i, NR_A_ITEMPROP), "articleBody") &&
                (nroots == 0 || !nrx_is_ancestor(d, roots[nroots - 1], i))) {
                roots[nroots++] = i;
                marked += x.text[i];
            }
        /* The marked element that is the scored story is read as scored:
        ** with the standfirst and the blocks beside it. */
        if (nroots == 1 && roots[0] == top)
            nroots = 0;
        else if (marked >= 250)
            chosen_by = "itemprop=\"articleBody\"";
        else
            nroots = 0;
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
                float bonus = tcls && *tcls && nrx_same_text(tcls, nr_attr(d, s, NR_A_CLASS))
                            ? x.score[top] * 0.2f : 0.0f;
                if (!take && x.scored[s] && x.score[s] + bonus >= threshold)
                    take = 1;
                if (!take && sn->tag == NR_T_P) {
                    float ld = nrx_link_density(&x, s);
                    take = (x.text[s] > 80 && ld < 0.25f) || (x.text[s] > 0 && ld == 0.0f &&
                                                              x.commas[s] + 1 > 1);
                }
                /* A block of paragraphs beside it: a standfirst, the rest of the story. */
                if (!take && !(sn->flags & NR_N_TEXT) && x.paras[s] && x.text[s] >= PARA_MIN &&
                    x.ptext[s] * 2 >= x.text[s] && nrx_link_density(&x, s) < 0.2f)
                    take = 1;
                if (take)
                    roots[nroots++] = s;
                if (parent < 0)
                    break;
            }
            char why[160];
            snprintf(why, sizeof why, "score %.1f: %u paragraphs, %u bytes of text, link density %.2f%s",
                     (double)x.score[top], x.paras[top], x.text[top], (double)nrx_link_density(&x, top),
                     nroots > 1 ? ", with siblings" : "");
            nrx_describe(d, top, el, sizeof el);
            nrx_note(&x, NARRATE_NOTE_CONTAINER, el, why, "", 0);
            /* What was dropped beside the story, so that it shows in the notes too. */
            for (int sib = parent >= 0 ? d->nodes[parent].first : -1; sib >= 0; sib = d->nodes[sib].next)
                if (x.drop[sib] && x.drop[sib] != R_CODE)
                    nrx_note_dropped(&x, sib);
        }
    }
    if (chosen_by && x.rc == NARRATE_OK) {
        nrx_describe(d, roots[0], el, sizeof el);
        nrx_note(&x, NARRATE_NOTE_CONTAINER, el, chosen_by, "", 0);
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
    if (title_h1 < 0 && !x.meta.headline && x.rc == NARRATE_OK) {
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
        nrx_read_blocks(&r, roots[k]);
    const char *title = h1 ? h1 : x.meta.headline ? x.meta.headline : d->title;

    size_t kept = x.rc == NARRATE_OK ? nrx_read_verdicts(&x, &r, title_h1, title, &author) : 0;

    /* Nothing read: the page again with only its structure dropped (a story
    ** that class names took for furniture, a <form> round it), before giving up. */
    if (x.rc == NARRATE_OK && a->count == 0 && !x.meta.body) {
        memset(x.scored, 0, n);
        memset(x.score, 0, n * sizeof *x.score);
        memset(x.keep, 0, n);
        for (int p = d->body; p >= 0; p = d->nodes[p].parent)
            x.keep[p] = 1;
        nrx_drop_furniture(&x, DROP_STRUCTURE);
        int again = nrx_top_candidate(&x);
        if (again < 0)
            again = d->body;
        free(r.buf);
        free(r.blocks);
        r = (reader){ .x = &x };
        nrx_read_blocks(&r, again);
        nrx_describe(d, again, el, sizeof el);
        nrx_note(&x, NARRATE_NOTE_CONTAINER, el, "nothing was read: the page again with structure only",
             "", 0);
        kept = x.rc == NARRATE_OK ? nrx_read_verdicts(&x, &r, title_h1, title, &author) : 0;
    }

    /* The page's own text of the story, when the markup holds much less. */
    if (x.rc == NARRATE_OK && x.meta.body) {
        size_t blen = nrx_visible(x.meta.body, (unsigned)strlen(x.meta.body));
        if (blen >= 100 && kept * 2 < blen) {
            for (size_t i = 0; i < a->count; i++)
                free(a->paragraphs[i]);
            a->count = 0;
            body_from_jsonld(&x);
            nrx_note(&x, NARRATE_NOTE_CONTAINER, "JSON-LD articleBody",
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
    free(x.inlink);
    free(x.hint);
    free(x.hint_word);
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
