/* align.c - spoken words mapped back onto the sentence as written, by anchors and gaps. */
#include "align.h"

#include <stdlib.h>
#include <string.h>

/* How far ahead (in source words) a spoken word may find its match: short
** words ("the", "of") are common enough to match the wrong place if allowed
** to look far. */
#define WINDOW_LONG 8
#define WINDOW_SHORT 2
/* A gap of more source words than this is shared out in proportion. */
#define WHOLE_GAP 4

static int is_space(const char *p, size_t left)
{
    return *p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' ||
           (left >= 2 && (unsigned char)p[0] == 0xC2 && (unsigned char)p[1] == 0xA0);
}

/* Letters and digits count; ASCII punctuation does not; other characters
** (accented letters...) count byte for byte. */
static int counts(unsigned char c)
{
    return c >= 0x80 || (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

/* Punctuation that is not part of a word when it stands at its edge:
** sentence and quote marks, brackets, and U+2000..U+206F (dashes, curly
** quotes).  "$", "%", "#" and "@" stay: "$3.5" is what "three point five
** billion dollars" stands for. */
static int edge_ascii(unsigned char c)
{
    return c && strchr(".,;:!?\"'()[]{}*_-/", c) != NULL;
}

static size_t edge_punct(const char *p, size_t left)
{
    const unsigned char *u = (const unsigned char *)p;
    if (left >= 3 && u[0] == 0xE2 && (u[1] == 0x80 || u[1] == 0x81))
        return 3;
    return left && edge_ascii(u[0]) ? 1 : 0;
}

static size_t edge_punct_back(const char *p, size_t len)
{
    const unsigned char *u = (const unsigned char *)p;
    if (len >= 3 && u[len - 3] == 0xE2 && (u[len - 2] == 0x80 || u[len - 2] == 0x81))
        return 3;
    return len && edge_ascii(u[len - 1]) ? 1 : 0;
}

/* Source words: runs between spaces, punctuation trimmed off both ends;
** pure punctuation is not a word. */
static size_t tokenize(const char *src, size_t len, nr_span *tok)
{
    size_t n = 0, i = 0;
    while (i < len) {
        while (i < len && is_space(src + i, len - i))
            i += (unsigned char)src[i] == 0xC2 ? 2 : 1;
        size_t b = i;
        while (i < len && !is_space(src + i, len - i))
            i++;
        size_t e = i, k;
        while (b < e && (k = edge_punct(src + b, e - b)))
            b += k;
        while (e > b && (k = edge_punct_back(src + b, e - b)))
            e -= k;
        if (e > b)
            tok[n++] = (nr_span){ b, e };
    }
    return n;
}

/* Letters and digits of a and b agree, case aside, and there are some. */
static int same_word(const char *a, size_t alen, const char *b, size_t blen)
{
    size_t i = 0, j = 0, seen = 0;
    for (;;) {
        while (i < alen && !counts((unsigned char)a[i]))
            i++;
        while (j < blen && !counts((unsigned char)b[j]))
            j++;
        if (i == alen || j == blen)
            return i == alen && j == blen && seen;
        unsigned char x = (unsigned char)a[i++], y = (unsigned char)b[j++];
        if (x < 0x80)
            x = (unsigned char)(x | 0x20), y = y < 0x80 ? (unsigned char)(y | 0x20) : y;
        if (x != y)
            return 0;
        seen++;
    }
}

static size_t letters(const nr_text *w)
{
    size_t n = 0;
    for (size_t i = 0; i < w->len; i++)
        n += counts((unsigned char)w->s[i]);
    return n;
}

typedef struct {
    const char *src;
    const nr_span *tok;
    size_t ntok;
    nr_span last; /* the latest span given */
    int have_last;
} state;

/* Give words [from, to) the source words [g, gend). */
static void fill_gap(state *st, nr_span *out, size_t from, size_t to, size_t g, size_t gend,
                     size_t next_tok)
{
    size_t k = to - from, width = gend - g;
    for (size_t m = 0; m < k; m++) {
        nr_span s;
        if (width == 0)
            s = st->have_last ? st->last : next_tok < st->ntok ? st->tok[next_tok] : (nr_span){ 0, 0 };
        else if (width <= WHOLE_GAP)
            s = (nr_span){ st->tok[g].begin, st->tok[gend - 1].end };
        else {
            size_t a = g + m * width / k, b = g + (m + 1) * width / k;
            s = (nr_span){ st->tok[a].begin, st->tok[b > a ? b - 1 : a].end };
        }
        out[from + m] = s;
    }
    if (k && width) {
        st->last = out[to - 1];
        st->have_last = 1;
    }
}

int nr_align(const char *src, size_t len, const nr_text *words, size_t n, nr_span *out)
{
    nr_span *tok = malloc((len / 2 + 1) * sizeof *tok); /* a word and a space at least */
    if (!tok)
        return -1;
    state st = { src, tok, tokenize(src, len, tok), { 0, 0 }, 0 };
    size_t cur = 0, pending = 0;
    for (size_t i = 0; i < n; i++) {
        size_t window = letters(&words[i]) <= 3 ? WINDOW_SHORT : WINDOW_LONG, j;
        for (j = cur; j < st.ntok && j < cur + window; j++)
            if (same_word(words[i].s, words[i].len, src + tok[j].begin, tok[j].end - tok[j].begin))
                break;
        if (j == st.ntok || j == cur + window)
            continue;
        fill_gap(&st, out, pending, i, cur, j, j);
        out[i] = tok[j];
        st.last = tok[j];
        st.have_last = 1;
        cur = j + 1;
        pending = i + 1;
    }
    fill_gap(&st, out, pending, n, cur, st.ntok, st.ntok);
    if (st.ntok == 0)
        for (size_t i = 0; i < n; i++)
            out[i] = (nr_span){ 0, len };
    free(tok);
    return 0;
}
