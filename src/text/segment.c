/* segment.c - news-grade sentence splitting: rules, no regular expressions.
**
** A paragraph is read once, left to right, as words: runs of non-space bytes,
** except that a token made only of opening marks ("«", "•", "(") joins the
** word after it, one made only of closing marks or ?/! ("»", "”", "?!") joins
** the word before it ("« Oui ! »" reads like "«Oui!»"), and a run of lone
** periods (". . .") is one word.  A sentence ends only between two words, or
** inside one right after a CJK full stop (no space follows those).  Whether it
** ends is decided from the word before the gap (L), the word after it (R),
** the two words before L and a little sentence state: constant work per
** word.  Every scan over a word's bytes runs once, forward from its start or
** backward from its end, and the two never cross; so the split is linear in
** the paragraph whatever it holds, and nothing is allocated.
**
** The decision at a gap, in order:
**   1. R opens a list item: a bullet ("•", "⁃"), or the next marker of the
**      list in progress ("2." after "1.", "b)" after "a)") -> end.
**   2. L is a list marker opening its item, at the start of the sentence or
**      after a colon ("1.", "• 9.", "a.", "Steps: 1.") -> no.
**   3. L is a run of lone periods: three are an ellipsis inside the sentence
**      ("is . . . I"), four end it ("a period . . . . Next").  A word's own
**      period before three of them ends the sentence before them
**      ("compounds. . . . The practice").
**   4. L ends in ?, !, an ellipsis or another script's full stop (after any
**      closing quotes and brackets) -> end if R can open a sentence: a
**      capital, a digit, a caseless letter, a symbol, ¿ ¡, or an opening mark
**      before one of those.  A bracketed "[...]" or "(!)" -> no.
**   5. L ends in one period.  The word before it decides:
**      - an abbreviation in the language's table (segment_rules.c):
**        PRE never ends ("Dr.", "Gen.", "vs.", "z. B."); NUM does not end
**        before a number ("No. 5", "Oct. 7", "Nr. 3"); MAYBE ends only before
**        a sentence-starter word ("Co. It closed" but "Co. Kilkenny"); AMPM
**        ends before a capital unless the time goes on ("5 p.m. EST", "9 a.m.
**        Monday") or opens the sentence ("At 5 a.m. Mr. Smith");
**      - a dotted initialism ("U.S", "E.U", "Ph.D", "J.-C") or a single
**        letter ("J", "I"): like MAYBE ("the U.S. Army", "the U.S. How");
**      - German: an ordinal ("am 3. Oktober", "der 2. Weltkrieg") -> no;
**      - anything else (words, numbers, "$100.00", URLs, e-mail addresses)
**        -> end if R can open a sentence.
**   6. CJK full stops (。！？) always end a sentence.
** Languages without tables (anything but en, es, fr, de) get the same
** punctuation and shape rules with empty word lists. */
#include "segment.h"
#include "segment_rules.h"

#include <string.h>
#include <utf8proc.h>

/* Longest word before a period worth classifying: no abbreviation, initialism
** or ordinal is longer, and it bounds the work per word. */
#define CORE_MAX 48
/* Longest word looked up in a word list. */
#define WORD_MAX 32
/* Longest standalone token that can be made only of opening or closing marks. */
#define MARKS_MAX 24
/* An a.m./p.m. within this many words of a sentence that opens with "At" keeps going. */
#define TIME_INTRO_WORDS 6

typedef enum term_kind { T_NONE, T_PERIOD, T_ELLIPSIS, T_STRONG, T_CJK } term_kind;

/* List marker styles: digit or letter, then the punctuation around it. */
enum { M_DOT = 1, M_DOTPAREN, M_PAREN, M_PARENS, M_LETTER = 8 };

typedef struct word {
    size_t b, e;        /* the word: text[b..e), may span tokens ("« Oui") */
    size_t lead;        /* after leading spaces, bullets, quotes, brackets, ¿ ¡ */
    size_t ts, te;      /* terminal punctuation text[ts..te); closers follow to e */
    term_kind term;
    unsigned char bullet;   /* opens with a bullet */
    unsigned char opened;   /* has a leading quote or bracket */
    unsigned char inverted; /* has a leading ¿ or ¡ */
    unsigned char closed;   /* has a trailing quote or bracket */
    unsigned char glued;    /* follows a CJK full stop with no space between */
    unsigned dots;          /* a run of lone periods (". . ."): how many */
    unsigned char mstyle;   /* list marker style, 0 if not a marker */
    unsigned marker;        /* list marker value: 1 for "1." and "a." */
} word;

typedef struct seg {
    const unsigned char *u;
    size_t n;
    const nr_lang_rules *rules;
    /* tokenizer */
    size_t pos;
    int glue_next;
    int peeked;
    size_t pb, pe;
    int pglued;
    /* the sentence being built */
    size_t start;          /* its first byte */
    size_t words;          /* its words so far */
    int time_intro;        /* its first word is an introductory "At", "By"... */
    int item;              /* its last word is a list marker opening an item */
    unsigned char list_style; /* the list in progress: style of its last marker */
    unsigned list_last;       /* and that marker's value */
} seg;

/* ------------------------------------------------------------ characters */

/* ASCII bytes that may be a mark the rules look at: a quote, a bracket, a
** terminal or a space.  Every other ASCII byte is "plain" and lets a word's
** start or end be read without decoding (most words). */
static const unsigned char ascii_marks[128] = {
    [' '] = 1, ['"'] = 1, ['\''] = 1, ['('] = 1, [')'] = 1, ['['] = 1, [']'] = 1,
    ['{'] = 1, ['}'] = 1, ['.'] = 1, ['!'] = 1, ['?'] = 1,
};

static int is_plain(unsigned char c)
{
    return c < 0x80 && !ascii_marks[c];
}

/* Decode the character at u[i] (i < end).  Bad UTF-8 reads as -1, one byte. */
static int32_t decode(const unsigned char *u, size_t i, size_t end, size_t *len)
{
    if (u[i] < 0x80) {
        *len = 1;
        return u[i];
    }
    utf8proc_int32_t cp;
    utf8proc_ssize_t k = utf8proc_iterate(u + i, (utf8proc_ssize_t)(end - i), &cp);
    if (k < 1) {
        *len = 1;
        return -1;
    }
    *len = (size_t)k;
    return cp;
}

/* Decode the character that ends just before u[j] (j > lo); *at is its start. */
static int32_t decode_back(const unsigned char *u, size_t j, size_t lo, size_t *at)
{
    size_t i = j - 1;
    for (int k = 0; k < 3 && i > lo && (u[i] & 0xC0) == 0x80; k++)
        i--;
    size_t len;
    int32_t cp = decode(u, i, j, &len);
    if (i + len != j) { /* bad UTF-8: step back one byte */
        *at = j - 1;
        return -1;
    }
    *at = i;
    return cp;
}

static int is_letter(int32_t cp)
{
    if (cp < 0x80)
        return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_MN:
        return 1;
    default:
        return 0;
    }
}

static int is_upper(int32_t cp)
{
    if (cp < 0x80)
        return cp >= 'A' && cp <= 'Z';
    utf8proc_category_t c = utf8proc_category(cp);
    return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT;
}

static int is_bullet(int32_t cp)
{
    switch (cp) {
    case 0x2022: case 0x2023: case 0x2043: case 0x25E6: case 0x25AA: case 0x25AB:
    case 0x25CF: case 0x25CB: case 0x25A0: case 0x25A1: case 0x25BA: case 0x25B8:
    case 0x25B6: case 0x27A2: case 0x27A4: case 0x2714: case 0x2713: case 0x25C6:
    case 0x25C7: case 0x2756: case 0x29BF: case 0x204C: case 0x204D:
        return 1;
    default:
        return 0;
    }
}

/* Opening marks at the start of a word: any quote, bracket, ¿ or ¡. */
static int is_opener(int32_t cp)
{
    switch (cp) {
    case '"': case '\'': case '(': case '[': case '{':
    case 0x201C: case 0x2018: case 0x201E: case 0x201A: case 0xAB: case 0xBB: case 0x2039:
    case 0x203A: case 0xBF: case 0xA1: case 0x300C: case 0x300E: case 0xFF08: case 0x3010:
    case 0x3014: case 0x3008: case 0x300A: case 0xFF02: case 0xFF07: case 0xFF3B: case 0xFF5B:
        return 1;
    default:
        return 0;
    }
}

/* Closing marks at the end of a word: any quote or bracket. */
static int is_closer(int32_t cp)
{
    switch (cp) {
    case '"': case '\'': case ')': case ']': case '}':
    case 0x201D: case 0x2019: case 0x201C: case 0x2018: case 0xBB: case 0xAB: case 0x203A:
    case 0x2039: case 0x300D: case 0x300F: case 0xFF09: case 0x3011: case 0x3015: case 0x3009:
    case 0x300B: case 0xFF02: case 0xFF07: case 0xFF3D: case 0xFF5D:
        return 1;
    default:
        return 0;
    }
}

/* Marks that end a sentence as ? and ! do: no abbreviation can own them. */
static int is_strong(int32_t cp)
{
    switch (cp) {
    case '?': case '!': case 0x203C: case 0x203D: case 0x2047: case 0x2048: case 0x2049:
    case 0x061F: case 0x06D4: case 0x0964: case 0x0965: case 0x1362: case 0x1367: case 0x0589:
    case 0x104B: case 0x17D4: case 0x037E: case 0x0F0D:
        return 1;
    default:
        return 0;
    }
}

/* CJK full stops, which need no space after them. */
static int is_cjk_stop(int32_t cp)
{
    return cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F || cp == 0xFF61;
}

/* Does a standalone token made of cp join the word after it (an opening mark
** or bullet) or the word before it (a closing mark)?  By the language's
** quotation style: "«" opens in French and closes in German. */
static int opens_alone(const nr_lang_rules *r, int32_t cp)
{
    if (is_bullet(cp))
        return 1;
    switch (cp) {
    case '"': case '\'': case '(': case '[': case '{': case 0xBF: case 0xA1:
    case 0x300C: case 0x300E: case 0xFF08:
        return 1;
    case 0x201C: case 0x2018: case 0xAB: case 0x2039:
        return r->quotes != NR_QUOTES_DE;
    case 0x201E: case 0x201A: case 0xBB: case 0x203A:
        return r->quotes == NR_QUOTES_DE;
    default:
        return 0;
    }
}

static int closes_alone(const nr_lang_rules *r, int32_t cp)
{
    if (is_strong(cp))
        return 1;
    switch (cp) {
    case '"': case '\'': case ')': case ']': case '}': case 0x201D: case 0x2019:
    case 0x300D: case 0x300F: case 0xFF09:
        return 1;
    case 0xBB: case 0x203A:
        return r->quotes != NR_QUOTES_DE;
    case 0x201C: case 0x2018: case 0xAB: case 0x2039:
        return r->quotes == NR_QUOTES_DE;
    default:
        return 0;
    }
}

/* Is the short token u[b..e) made only of characters accepted by pred? */
static int only(const seg *s, size_t b, size_t e, int (*pred)(const nr_lang_rules *, int32_t))
{
    if (e - b > MARKS_MAX || is_plain(s->u[b]))
        return 0;
    while (b < e) {
        size_t len;
        int32_t cp = decode(s->u, b, e, &len);
        if (!pred(s->rules, cp))
            return 0;
        b += len;
    }
    return 1;
}

/* ------------------------------------------------------------- tokens */

/* Length of the CJK full stops and closing marks at u[i], or 0 if none. */
static size_t cjk_stop_at(const unsigned char *u, size_t i, size_t n)
{
    size_t j = i, len;
    while (j < n && (u[j] == 0xE3 || u[j] == 0xEF) && is_cjk_stop(decode(u, j, n, &len)))
        j += len;
    if (j == i)
        return 0;
    while (j < n && u[j] != ' ') {
        int32_t cp = decode(u, j, n, &len);
        if (!is_closer(cp))
            break;
        j += len;
    }
    return j - i;
}

/* The next token: a run of non-spaces, cut after a CJK full stop. */
static int raw_token(seg *s, size_t *b, size_t *e, int *glued)
{
    const unsigned char *u = s->u;
    size_t i = s->pos, n = s->n;
    *glued = s->glue_next;
    s->glue_next = 0;
    while (i < n && u[i] == ' ')
        i++;
    if (i >= n)
        return 0;
    *b = i;
    while (i < n && u[i] != ' ') {
        if (u[i] == 0xE3 || u[i] == 0xEF) {
            size_t k = cjk_stop_at(u, i, n);
            if (k) {
                i += k;
                if (i < n && u[i] != ' ') {
                    s->glue_next = 1;
                    break;
                }
                continue;
            }
        }
        i++;
    }
    *e = i;
    s->pos = i;
    return 1;
}

static int peek_token(seg *s, size_t *b, size_t *e, int *glued)
{
    if (!s->peeked) {
        if (!raw_token(s, &s->pb, &s->pe, &s->pglued))
            return 0;
        s->peeked = 1;
    }
    *b = s->pb;
    *e = s->pe;
    *glued = s->pglued;
    return 1;
}

static int take_token(seg *s, size_t *b, size_t *e, int *glued)
{
    if (!peek_token(s, b, e, glued))
        return 0;
    s->peeked = 0;
    return 1;
}

/* -------------------------------------------------------------- words */

/* Is u[m..e) a list marker: "1." "1.)" "1)" "(1)" "a." "a)" "(a)"? */
static void find_marker(const unsigned char *u, size_t m, size_t e, word *w)
{
    size_t p = m;
    int parens = p < e && u[p] == '(';
    p += (size_t)parens;
    unsigned value = 0;
    int letter = 0;
    if (p < e && u[p] >= '0' && u[p] <= '9') {
        size_t d = p;
        while (p < e && u[p] >= '0' && u[p] <= '9' && p - d < 4)
            value = value * 10 + (unsigned)(u[p++] - '0');
        if (p - d > 3 || value == 0)
            return;
    } else if (p < e && u[p] >= 'a' && u[p] <= 'z') {
        value = (unsigned)(u[p++] - 'a') + 1;
        letter = M_LETTER;
    } else {
        return;
    }
    size_t rest = e - p;
    int style = 0;
    if (parens)
        style = rest == 1 && u[p] == ')' ? M_PARENS : 0;
    else if (rest == 1 && u[p] == '.')
        style = M_DOT;
    else if (rest == 2 && u[p] == '.' && u[p + 1] == ')')
        style = M_DOTPAREN;
    else if (rest == 1 && u[p] == ')')
        style = M_PAREN;
    if (style) {
        w->mstyle = (unsigned char)(style | letter);
        w->marker = value;
    }
}

/* Fill in what the rules need to know about w->b..w->e. */
static void analyze(const seg *s, word *w)
{
    const unsigned char *u = s->u;
    size_t i = w->b, e = w->e, len;
    int32_t cp;
    /* leading spaces (inside merged words), bullets and opening marks */
    size_t m = e; /* where a list marker would start: after bullets and spaces */
    while (i < e && !is_plain(u[i])) {
        if (u[i] == ' ') {
            i++;
            continue;
        }
        cp = decode(u, i, e, &len);
        if (is_bullet(cp)) {
            w->bullet |= i == w->b;
        } else if (is_opener(cp)) {
            if (m == e)
                m = i;
            if (cp == 0xBF || cp == 0xA1)
                w->inverted = 1;
            else
                w->opened = 1;
        } else {
            break;
        }
        i += len;
    }
    w->lead = i;
    if (m == e)
        m = i;
    find_marker(u, m, e, w);
    /* trailing closing marks (and spaces inside merged words) */
    size_t j = e, at;
    if (is_plain(u[e - 1])) { /* no closing mark, no terminal */
        w->ts = w->te = e;
        w->term = T_NONE;
        return;
    }
    while (j > w->lead) {
        if (u[j - 1] == ' ') {
            j--;
            continue;
        }
        cp = decode_back(u, j, w->lead, &at);
        if (!is_closer(cp))
            break;
        w->closed = 1;
        j = at;
    }
    w->te = j;
    /* the terminal run before them */
    unsigned dots = 0, strong = 0, ellipsis = 0, cjk = 0;
    while (j > w->lead) {
        cp = decode_back(u, j, w->lead, &at);
        if (cp == '.')
            dots++;
        else if (cp == 0x2026)
            ellipsis++;
        else if (is_strong(cp))
            strong++;
        else if (is_cjk_stop(cp))
            cjk++;
        else
            break;
        j = at;
    }
    w->ts = j;
    if (w->ts == w->te)
        w->term = T_NONE;
    else if (cjk)
        w->term = T_CJK;
    else if (strong)
        w->term = T_STRONG;
    else if (ellipsis || dots > 1)
        w->term = T_ELLIPSIS;
    else
        w->term = T_PERIOD;
}

/* Is u[b..e) a lone period, perhaps with closing marks: ".", ".”"? */
static int is_dot_token(const seg *s, size_t b, size_t e)
{
    if (s->u[b] != '.' || e - b > MARKS_MAX)
        return 0;
    for (size_t i = b + 1, len; i < e; i += len)
        if (!is_closer(decode(s->u, i, e, &len)))
            return 0;
    return 1;
}

/* The next word, with standalone opening marks joined forward and closing
** marks joined backward, and a run of lone periods (". . .") read as one. */
static int next_word(seg *s, word *w)
{
    size_t b, e, b2, e2;
    int glued, g2;
    if (!take_token(s, &b, &e, &glued))
        return 0;
    memset(w, 0, sizeof *w);
    w->b = b;
    w->glued = (unsigned char)glued;
    if (!glued && is_dot_token(s, b, e)) {
        w->dots = 1;
        while (peek_token(s, &b2, &e2, &g2) && !g2 && is_dot_token(s, b2, e2)) {
            take_token(s, &b2, &e, &g2);
            w->dots++;
        }
    } else {
        while (only(s, b, e, opens_alone) && peek_token(s, &b2, &e2, &g2) && !g2)
            take_token(s, &b, &e, &g2);
    }
    while (peek_token(s, &b2, &e2, &g2) && !g2 && only(s, b2, e2, closes_alone))
        take_token(s, &b2, &e, &g2);
    w->e = e;
    analyze(s, w);
    if (w->dots) { /* no word before the periods, whatever follows them */
        w->lead = w->ts = w->b;
        w->term = w->dots == 1 ? T_PERIOD : T_ELLIPSIS;
        w->mstyle = 0;
    }
    return 1;
}

/* ----------------------------------------------------------- the rules */

/* End of the run of letters at u[i..e), or i if there is none or it is too
** long to be a listed word. */
static size_t letters(const unsigned char *u, size_t i, size_t e)
{
    size_t j = i, len;
    while (j < e && j - i <= WORD_MAX && is_letter(decode(u, j, e, &len)))
        j += len;
    return j - i > WORD_MAX ? i : j;
}

/* Is the word at w's lead in list?  A word followed by a period ("A.", "No.")
** is an initial or abbreviation, not the word, unless dot_ok.  A word before
** an apostrophe is also tried with it ("C'est" finds "C'", "It's" finds "It"). */
static int lead_word_in(const seg *s, const word *w, const nr_words *list, int dot_ok)
{
    const unsigned char *u = s->u;
    size_t b = w->lead, e = letters(u, b, w->e);
    if (e == b || !list->count)
        return 0;
    if (e < w->e && u[e] == '.' && !dot_ok)
        return 0;
    int apostrophe = e < w->e && (u[e] == '\'' ||
                                  (e + 2 < w->e && memcmp(u + e, "\xE2\x80\x99", 3) == 0));
    if (apostrophe) {
        char buf[WORD_MAX + 2];
        memcpy(buf, u + b, e - b);
        buf[e - b] = '\'';
        if (nr_words_has(list, buf, e - b + 1))
            return 1;
    }
    return nr_words_has(list, (const char *)u + b, e - b);
}

/* Can R open a sentence?  A capital, digit, caseless letter (CJK, Arabic),
** currency or other symbol, ¿ ¡, or a camel-case word ("iPhone"). */
static int can_open(const seg *s, const word *r)
{
    if (r->glued || r->inverted)
        return 1;
    size_t i = r->lead, len;
    if (i >= r->e)
        return 0;
    int32_t cp = decode(s->u, i, r->e, &len);
    if (cp < 0)
        return 0;
    if (cp < 0x80) {
        if ((cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9') || cp == '$' || cp == '#')
            return 1;
        if (!(cp >= 'a' && cp <= 'z'))
            return 0;
    } else {
        switch (utf8proc_category(cp)) {
        case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LT: case UTF8PROC_CATEGORY_LO:
        case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_ND: case UTF8PROC_CATEGORY_SC:
        case UTF8PROC_CATEGORY_SO:
            return 1;
        case UTF8PROC_CATEGORY_LL:
            break;
        default:
            return 0;
        }
    }
    /* lower case: only a camel-case brand opens a sentence */
    i += len;
    return i < r->e && is_upper(decode(s->u, i, r->e, &len));
}

/* Does R start with a number ("5", "#1") for "No." or "Oct." to take? */
static int starts_with_digit(const seg *s, const word *r)
{
    unsigned char c = r->lead < r->e ? s->u[r->lead] : 0;
    return (c >= '0' && c <= '9') || c == '#';
}

/* Does R start a sentence after an abbreviation that may end one? */
static int is_starter(const seg *s, const word *r)
{
    return can_open(s, r) && lead_word_in(s, r, &s->rules->starters, 0);
}

typedef enum core_class {
    C_WORD, C_NUMBER, C_LETTER, C_INITIALISM, C_PRE, C_NUM, C_MAYBE, C_AMPM
} core_class;

/* The text of a word that may begin a several-word abbreviation ("z." of
** "z. B.", "et" of "et al."): from its lead through its period, no closers. */
static int chain_text(const word *w, size_t *b, size_t *n)
{
    if (!w || w->e != w->te || w->opened || w->term > T_PERIOD || w->te - w->lead > 8)
        return 0;
    *b = w->lead;
    *n = w->te - w->lead;
    return *n > 0;
}

/* Is u[b..e) letters in groups of one or two, joined by "." or ".-":
** "U.S", "E.U", "Ph.D", "EE.UU", "J.-C"?  A French elision may precede it
** ("l'O.N.U"). */
static int is_initialism(const unsigned char *u, size_t b, size_t e)
{
    size_t len;
    if (e - b > 3 && is_letter(decode(u, b, e, &len)) && len == 1 && u[b + 1] == '\'')
        b += 2;
    unsigned group = 0, groups = 0;
    for (size_t i = b; i < e;) {
        if (u[i] == '.') {
            if (group == 0 || group > 2)
                return 0;
            groups++;
            group = 0;
            i += i + 1 < e && u[i + 1] == '-' ? 2 : 1; /* ".-" in "J.-C" */
            continue;
        }
        if (!is_letter(decode(u, i, e, &len)))
            return 0;
        group++;
        i += len;
    }
    return group >= 1 && group <= 2 && groups >= 1;
}

/* Classify the word before L's period; p and pp are the two words before L. */
static core_class classify(const seg *s, const word *pp, const word *p, const word *l)
{
    const unsigned char *u = s->u;
    size_t b = l->lead, n = l->ts - l->lead, len;
    if (n > CORE_MAX)
        return C_WORD;
    const nr_abbr *a = NULL;
    size_t pb, pn, ppb, ppn;
    if (chain_text(p, &pb, &pn) && pn + 1 + n <= s->rules->chain_max) {
        char buf[3 * (CORE_MAX + 1)];
        if (chain_text(pp, &ppb, &ppn) && ppn + pn + 2 + n <= s->rules->chain_max) {
            memcpy(buf, u + ppb, ppn);
            buf[ppn] = ' ';
            memcpy(buf + ppn + 1, u + pb, pn);
            buf[ppn + 1 + pn] = ' ';
            memcpy(buf + ppn + pn + 2, u + b, n);
            a = nr_rules_abbr(s->rules, buf, ppn + pn + 2 + n);
        }
        if (!a) {
            memcpy(buf, u + pb, pn);
            buf[pn] = ' ';
            memcpy(buf + pn + 1, u + b, n);
            a = nr_rules_abbr(s->rules, buf, pn + 1 + n);
        }
    }
    if (!a)
        a = nr_rules_abbr(s->rules, (const char *)u + b, n);
    const unsigned char *elided = a ? NULL : memchr(u + b, '\'', n);
    if (elided && elided + 1 < u + b + n) /* "L'Avv.", "dell'art.": the word after the article */
        a = nr_rules_abbr(s->rules, (const char *)elided + 1, (size_t)(u + b + n - elided - 1));
    if (a) {
        switch ((nr_abbr_kind)a->kind) {
        case NR_ABBR_PRE: return C_PRE;
        case NR_ABBR_NUM: return C_NUM;
        case NR_ABBR_MAYBE: return C_MAYBE;
        case NR_ABBR_AMPM: return C_AMPM;
        case NR_ABBR_END: return C_WORD;
        }
    }
    if (is_letter(decode(u, b, b + n, &len)) && len == n)
        return C_LETTER;
    /* The end of a range counts as its number: "1.-3. Jahrhundert", also
    ** written as one word ("1.–3."). */
    size_t from = 0;
    while (from < n && u[b + from] >= '0' && u[b + from] <= '9')
        from++;
    from = from > 0 && from < 4 && from + 2 < n && u[b + from] == '.' ? from + 1 : 0;
    size_t d = n > from + 1 && u[b + from] == '-' ? from + 1
             : n > from + 3 && memcmp(u + b + from, "\xE2\x80\x93", 3) == 0 ? from + 3 : from ? n + 1 : 0;
    size_t digits = d;
    while (d < n && u[b + d] >= '0' && u[b + d] <= '9')
        d++;
    if (d == n && d > digits)
        return d - digits <= 3 ? C_NUMBER : C_WORD;
    return is_initialism(u, b, b + n) ? C_INITIALISM : C_WORD;
}

/* German: is the number before L's period an ordinal ("am 3. Oktober")? */
static int is_ordinal(const seg *s, const word *p, const word *r)
{
    const nr_lang_rules *rules = s->rules;
    if (!rules->ordinal_after.count && !rules->ordinal_before.count)
        return 0;
    if (lead_word_in(s, r, &rules->ordinal_after, 1))
        return 1;
    return p && p->term == T_NONE && !p->closed && letters(s->u, p->lead, p->e) == p->e &&
           lead_word_in(s, p, &rules->ordinal_before, 0);
}

/* After "a.m."/"p.m." and a word that can open a sentence. */
static int time_ends(const seg *s, const word *r)
{
    if (!can_open(s, r) || starts_with_digit(s, r))
        return 0;
    if (lead_word_in(s, r, &s->rules->time_after, 1))
        return 0;
    return !(s->time_intro && s->words <= TIME_INTRO_WORDS);
}

typedef enum gap { G_NONE, G_END, G_LIST } gap;

/* L ends in one period: does the sentence end before R? */
static gap after_period(const seg *s, const word *pp, const word *p, const word *l, const word *r)
{
    if (l->ts == l->lead) /* a lone period: "(.)" is not an end */
        return !(l->opened && l->closed) && can_open(s, r) ? G_END : G_NONE;
    switch (classify(s, pp, p, l)) {
    case C_PRE:
        return G_NONE;
    case C_NUM:
        if (starts_with_digit(s, r))
            return G_NONE;
        break;
    case C_MAYBE:
    case C_INITIALISM:
    case C_LETTER:
        return is_starter(s, r) ? G_END : G_NONE;
    case C_AMPM:
        return time_ends(s, r) ? G_END : G_NONE;
    case C_NUMBER:
        if (is_ordinal(s, p, r))
            return G_NONE;
        break;
    case C_WORD:
        break;
    }
    return can_open(s, r) ? G_END : G_NONE;
}

/* Does a list item start at R? */
static int opens_item(const seg *s, const word *r)
{
    return r->bullet ||
           (s->list_style && r->mstyle == s->list_style && r->marker == s->list_last + 1);
}

/* The decision at the gap between L and R. */
static gap decide(const seg *s, const word *pp, const word *p, const word *l, const word *r)
{
    if (r->glued)
        return G_END;
    if (opens_item(s, r))
        return G_LIST;
    if (s->item)
        return G_NONE; /* "1. The first item": the marker belongs to its item */
    if (l->dots) /* ". . ." is an ellipsis; ". . . ." ends a sentence */
        return s->words > 1 && l->dots != 3 && can_open(s, r) ? G_END : G_NONE;
    switch (l->term) {
    case T_NONE:
        return G_NONE;
    case T_CJK:
        return G_END;
    case T_STRONG:
    case T_ELLIPSIS:
        if (l->ts == l->lead && l->opened && l->closed)
            return G_NONE; /* "[...]", "(!)" */
        return can_open(s, r) ? G_END : G_NONE;
    case T_PERIOD:
        return after_period(s, pp, p, l, r);
    }
    return G_NONE;
}

/* ----------------------------------------------------------- the split */

/* A slot none of the live words is in. */
static word *free_slot(word *slot, const word *a, const word *b, const word *c, const word *d)
{
    word *w = slot;
    while (w == a || w == b || w == c || w == d)
        w++;
    return w;
}

/* Count w, which follows prev, into the current sentence.  A list marker
** opens an item at the start of a sentence if it is a number, an "a" or the
** next marker of the list in progress, and after a colon if it is the first
** ("Steps: 1. Mix" but "Death toll: 12. The"). */
static void add_word(seg *s, const word *prev, const word *w)
{
    s->words++;
    s->item = 0;
    if (s->words == 1)
        s->time_intro = lead_word_in(s, w, &s->rules->time_intro, 0);
    if (!w->mstyle)
        return;
    if (s->words > 1) {
        if (w->marker != 1 || !prev || s->u[prev->e - 1] != ':')
            return;
    } else if ((w->mstyle & M_LETTER) && w->marker != 1 &&
               !(w->mstyle == s->list_style && w->marker == s->list_last + 1)) {
        return;
    }
    s->list_style = w->mstyle;
    s->list_last = w->marker;
    s->item = 1;
}

int nr_segment(const char *paragraph, const char *language, nr_sentence_fn fn, void *userdata)
{
    if (!paragraph || !fn)
        return 0;
    seg s;
    memset(&s, 0, sizeof s);
    s.u = (const unsigned char *)paragraph;
    s.n = strlen(paragraph);
    s.rules = nr_rules_for(language);

    /* pp, p: the words before L; ahead: R's successor when R is a run of dots */
    word slot[5];
    word *pp = NULL, *p = NULL, *l = NULL, *r = NULL, *ahead = NULL;
    for (;;) {
        r = free_slot(slot, pp, p, l, ahead);
        if (ahead) {
            r = ahead;
            ahead = NULL;
        } else if (!next_word(&s, r)) {
            break;
        }
        if (!l)
            s.start = r->b;
        gap g = G_NONE;
        if (l && r->dots) {
            /* "compounds. . . . The": the period ends the sentence, the
            ** ellipsis opens the next one.  That needs the word after. */
            ahead = free_slot(slot, pp, p, l, r);
            if (!next_word(&s, ahead))
                ahead = NULL;
            if (r->dots == 3 && ahead && l->term != T_NONE && decide(&s, pp, p, l, ahead) == G_END)
                g = G_END;
        } else if (l) {
            g = decide(&s, pp, p, l, r);
        }
        if (g != G_NONE) {
            int rc = fn(paragraph, s.start, l->e - s.start, userdata);
            if (rc)
                return rc;
            s.start = r->b;
            s.words = 0;
            if (g != G_LIST)
                s.list_style = 0;
        }
        add_word(&s, l, r);
        pp = p;
        p = l;
        l = r;
    }
    return l ? fn(paragraph, s.start, l->e - s.start, userdata) : 0;
}
