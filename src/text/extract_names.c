/* extract_names.c - what an element's class and id names say: page furniture, strong or weak, or the story. */
#include "extract_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>


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

/* Read once per element: every scoring pass asks again. */
int nrx_class_hint(const ex *x, int i, const char **word)
{
    if (x->hint[i] == HINT_UNKNOWN) {
        const char *w = NULL;
        x->hint[i] = (signed char)class_hint(x, i, &w);
        x->hint_word[i] = w;
    }
    *word = x->hint_word[i];
    return x->hint[i];
}
