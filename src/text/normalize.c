/* normalize.c - one sentence rewritten into exactly the words espeak-ng should speak.
**
** Three passes, each linear in its input:
**   1. cleanup: NFC (utf8proc), punctuation made plain, dashes as breaks,
**      brackets made parentheses, markup characters spaces, spaces folded;
**   2. tokens: the cleaned text split at spaces, each token seen as
**      lead punctuation + core + trail punctuation, rewritten by the rules of
**      its language (src/lang/xx.c, through src/lang/norm.h) with a lookahead
**      of at most four tokens and one behind;
**   3. tidy: doubled commas, brackets (again).
** Only the language-independent passes are here; every word, number and
** abbreviation rule belongs to a language's file.  Rules never rescan what
** they have passed, and each token is examined a bounded number of times, so
** hostile input (a 10 MB token, a 400-digit number) costs time and memory in
** proportion to its size.
*/
#include "normalize.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "lang/norm.h"
#include "text.h"

/* ================================================================ cleanup */

/* Bytes of the UTF-8 sequence at s[i] (valid input), at least 1. */
static size_t seq_len(const char *s, size_t i, size_t n)
{
    size_t k = nr_utf8_len(s + i);
    return i + k <= n ? k : n - i;
}

/* The code point at s[i], or -1 past the end. */
static utf8proc_int32_t cp_at(const char *s, size_t i, size_t n)
{
    if (i >= n)
        return -1;
    utf8proc_int32_t cp;
    utf8proc_ssize_t k =
        utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &cp);
    return k < 1 ? -1 : cp;
}

static int cp_is_dropped(utf8proc_int32_t cp)
{
    utf8proc_category_t cat = utf8proc_category(cp);
    return cp == 0xFFFD || cp == 0x2122 || cp == 0xAE || cp == 0xA9 ||
           cat == UTF8PROC_CATEGORY_CC || cat == UTF8PROC_CATEGORY_CF ||
           cat == UTF8PROC_CATEGORY_CS || cat == UTF8PROC_CATEGORY_CO ||
           cat == UTF8PROC_CATEGORY_CN;
}

/* A dash used as a break: ", " (or nothing after other punctuation). */
static void put_break(nr_buf *b)
{
    while (b->len > 0 && b->s[b->len - 1] == ' ')
        b->len--;
    if (b->len > 0 && !strchr(",;:.!?(\"", b->s[b->len - 1]))
        nr_buf_putc(b, ',');
    else if (b->s)
        b->s[b->len] = '\0';
}

/* Could NFC change text holding this code point?  Conservative: marks,
** anything that composes as a second character or has a canonical
** decomposition, Hangul jamo. */
static int nfc_sensitive(utf8proc_int32_t cp)
{
    if (cp < 0x300)
        return 0;
    const utf8proc_property_t *p = utf8proc_get_property(cp);
    return p->combining_class != 0 || (p->comb_index != UINT16_MAX && p->comb_index >= 0x8000) ||
           (p->decomp_seqindex != UINT16_MAX && p->decomp_type == 0) || p->comp_exclusion ||
           (cp >= 0x1100 && cp <= 0x11FF) || p->category == UTF8PROC_CATEGORY_MN ||
           p->category == UTF8PROC_CATEGORY_MC || p->category == UTF8PROC_CATEGORY_ME;
}

/* The NFC form of s[0..n) as a malloc'd string (a repaired copy when s is
** not valid UTF-8), or NULL when out of memory. */
static char *nfc(const char *s, size_t n, size_t *outlen)
{
    size_t i = 0;
    int sensitive = 0;
    while (i < n && !sensitive) {
        if ((unsigned char)s[i] < 0x80) {
            i++;
            continue;
        }
        utf8proc_int32_t cp;
        utf8proc_ssize_t k =
            utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &cp);
        if (k < 1)
            break; /* invalid: repair, then map */
        sensitive = nfc_sensitive(cp);
        i += (size_t)k;
    }
    if (i == n && !sensitive) { /* already NFC (ASCII, most text) */
        *outlen = n;
        return nr_strndup(s, n);
    }
    size_t rlen;
    char *repaired = nr_utf8_repair(s, n, &rlen);
    if (!repaired)
        return NULL;
    utf8proc_uint8_t *mapped = NULL;
    utf8proc_ssize_t m = utf8proc_map((const utf8proc_uint8_t *)repaired, (utf8proc_ssize_t)rlen,
                                      &mapped, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
    if (m < 0) {
        if (m == UTF8PROC_ERROR_NOMEM) {
            free(repaired);
            return NULL;
        }
        *outlen = rlen; /* cannot happen for repaired text; keep it as is */
        return repaired;
    }
    free(repaired);
    *outlen = (size_t)m;
    return (char *)mapped;
}

/* ASCII characters that pass 1 copies as they are. */
static const unsigned char plain_ascii[128] = {
    ['!'] = 1, ['"'] = 1, ['#'] = 1, ['$'] = 1, ['%'] = 1, ['&'] = 1, ['\''] = 1, ['('] = 1,
    [')'] = 1, ['*'] = 1, ['+'] = 1, [','] = 1, ['.'] = 1, ['/'] = 1, ['0'] = 1, ['1'] = 1,
    ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1, ['6'] = 1, ['7'] = 1, ['8'] = 1, ['9'] = 1,
    [':'] = 1, [';'] = 1, ['='] = 1, ['?'] = 1, ['@'] = 1, ['A'] = 1, ['B'] = 1, ['C'] = 1,
    ['D'] = 1, ['E'] = 1, ['F'] = 1, ['G'] = 1, ['H'] = 1, ['I'] = 1, ['J'] = 1, ['K'] = 1,
    ['L'] = 1, ['M'] = 1, ['N'] = 1, ['O'] = 1, ['P'] = 1, ['Q'] = 1, ['R'] = 1, ['S'] = 1,
    ['T'] = 1, ['U'] = 1, ['V'] = 1, ['W'] = 1, ['X'] = 1, ['Y'] = 1, ['Z'] = 1, ['\\'] = 1,
    ['^'] = 1, ['_'] = 1, ['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1,
    ['g'] = 1, ['h'] = 1, ['i'] = 1, ['j'] = 1, ['k'] = 1, ['l'] = 1, ['m'] = 1, ['n'] = 1,
    ['o'] = 1, ['p'] = 1, ['q'] = 1, ['r'] = 1, ['s'] = 1, ['t'] = 1, ['u'] = 1, ['v'] = 1,
    ['w'] = 1, ['x'] = 1, ['y'] = 1, ['z'] = 1, ['|'] = 1, ['~'] = 1,
};

/* Pass 1: punctuation made plain, breaks, spaces folded.  Writes into b. */
static void cleanup(nr_buf *b, const char *s, size_t n)
{
    int space = 0; /* a space is due before the next visible character */
    size_t i = 0;
#define VISIBLE()                                   \
    do {                                            \
        if (space && b->len > 0)                    \
            nr_buf_putc(b, ' ');                    \
        space = 0;                                  \
    } while (0)
    while (i < n) {
        unsigned char ch = (unsigned char)s[i];
        if (ch < 0x80 && plain_ascii[ch]) {
            size_t j = i + 1;
            while (j < n && (unsigned char)s[j] < 0x80 && plain_ascii[(unsigned char)s[j]])
                j++;
            VISIBLE();
            nr_buf_put(b, s + i, j - i);
            i = j;
            continue;
        }
        if (ch < 0x80) {
            if (ch == ' ' || (ch >= '\t' && ch <= '\r')) {
                space = 1;
                i++;
            } else if (ch < 0x20 || ch == 0x7F) {
                i++;
            } else if (ch == '[' || ch == ']') {
                VISIBLE(); /* never "[[": espeak-ng's phoneme switch */
                nr_buf_putc(b, ch == '[' ? '(' : ')');
                i++;
            } else if (strchr("<>{}", ch)) {
                i++; /* markup: a space, unless punctuation follows */
                if (i == n || !strchr(",;:.!?)", s[i]))
                    space = 1;
            } else if (ch == '-') {
                size_t j = i;
                while (j < n && s[j] == '-')
                    j++;
                int before = space || b->len == 0;
                int after = j == n || s[j] == ' ';
                if (j - i >= 2 || (before && after)) {
                    put_break(b);
                    space = 1;
                } else {
                    VISIBLE();
                    nr_buf_putc(b, '-');
                }
                i = j;
            } else if (ch == '`') {
                VISIBLE();
                nr_buf_putc(b, '\'');
                i++;
            } else {
                VISIBLE();
                nr_buf_putc(b, (char)ch);
                i++;
            }
            continue;
        }
        size_t k = seq_len(s, i, n);
        utf8proc_int32_t cp = cp_at(s, i, n);
        if (cp < 0 || nr_is_space(cp)) {
            space = space || cp >= 0;
        } else if (cp == 0x2018 || cp == 0x2019 || cp == 0x201A || cp == 0x201B ||
                   cp == 0x2032 || cp == 0x02BC || cp == 0x00B4) {
            VISIBLE();
            nr_buf_putc(b, '\'');
        } else if (cp == 0x201C || cp == 0x201D || cp == 0x201E || cp == 0x201F ||
                   cp == 0x00AB || cp == 0x00BB || cp == 0x2033 || cp == 0x2039 ||
                   cp == 0x203A) {
            VISIBLE();
            nr_buf_putc(b, '"');
        } else if (cp == 0x2014 || cp == 0x2015 || cp == 0x2E3A || cp == 0x2E3B) {
            put_break(b);
            space = 1;
        } else if (cp == 0x2013) { /* en dash: a range between digits, else a break */
            utf8proc_int32_t next = cp_at(s, i + k, n);
            int glued_before = !space && b->len > 0;
            int glued_after = next >= 0 && !nr_is_space(next);
            if (glued_before && glued_after) {
                nr_buf_putc(b, '-');
            } else {
                put_break(b);
                space = 1;
            }
        } else if (cp == 0x2010 || cp == 0x2011 || cp == 0x2012 || cp == 0x2212 ||
                   cp == 0xFE63 || cp == 0xFF0D) {
            VISIBLE();
            nr_buf_putc(b, '-');
        } else if (cp == 0x2044 || cp == 0x2215) {
            VISIBLE();
            nr_buf_putc(b, '/');
        } else if (cp == 0x2103 || cp == 0x2109) {
            VISIBLE();
            nr_buf_puts(b, cp == 0x2103 ? "\xC2\xB0" "C" : "\xC2\xB0" "F");
        } else if (cp == 0xFF3B || cp == 0xFF3D || cp == 0xFF1C || cp == 0xFF1E) {
            space = 1; /* full-width brackets: neutral like the ASCII ones */
        } else if (cp_is_dropped(cp)) {
            /* zero-width characters, soft hyphens, controls, U+FFFD: nothing */
        } else {
            VISIBLE();
            nr_buf_put(b, s + i, k);
        }
        i += k;
    }
#undef VISIBLE
}

/* espeak-ng 1.51 overflows a buffer (and aborts) on one "word" that stacks
** many suffixes ("s's's's...") or spells many dotted letters ("A.A.A...",
** "U.S.U.S..."); see tests/hostile/.  Once numbers, URLs and initialisms are
** read out, no real word has more than a few apostrophes or dots, so in a
** word with more, they are read as spaces: the letters are still spoken.
** The crashes need 67 stacked suffixes or 85 dotted letters (probe.c,
** tests/hostile/README.md); the limits leave a wide margin. */
#define WORD_APOSTROPHES_MAX 4
#define WORD_DOTS_MAX 8

static int stacked_word(const char *s, size_t n)
{
    size_t apostrophes = 0, dots = 0;
    for (size_t i = 0; i < n && s[i] != ' '; i++) {
        apostrophes += s[i] == '\'';
        dots += s[i] == '.';
    }
    return apostrophes > WORD_APOSTROPHES_MAX || dots > WORD_DOTS_MAX;
}

/* Pass 3: doubled, leading and trailing commas (and the space before a
** comma); brackets once more, so the result can never switch espeak-ng to
** phoneme input; stacked words taken apart (above).  Other spacing is left
** as written. */
static char *tidy(const char *s, size_t n)
{
    char *out = malloc(n + 1);
    if (!out)
        return NULL;
    size_t o = 0;
    int space = 0, stacked = 0;
    for (size_t i = 0; i < n; i++) {
        char ch = s[i];
        if (i == 0 || s[i - 1] == ' ')
            stacked = stacked_word(s + i, n - i);
        if (ch == ' ' || ch == '[' || ch == ']' || ch == '<' || ch == '>' ||
            (stacked && (ch == '\'' || ch == '.'))) {
            space = 1;
            continue;
        }
        if (ch == ',' && (i + 1 == n || s[i + 1] == ' ')) {
            if (o == 0 || strchr(",;:", out[o - 1]) || (space && strchr(".!?", out[o - 1])))
                continue; /* ", ," or a leading comma */
            space = 0;
        }
        if (space && o > 0)
            out[o++] = ' ';
        space = 0;
        out[o++] = ch;
    }
    while (o > 0 && (out[o - 1] == ',' || out[o - 1] == ' '))
        o--;
    out[o] = '\0';
    return out;
}

/* ================================================================ tokens */

void nr_make_tok(nr_tok *t, const char *s, size_t n)
{
    size_t a = 0;
    for (;;) {
        if (a < n && (s[a] == '"' || s[a] == '\'' || s[a] == '('))
            a++;
        else if (a + 1 < n && (unsigned char)s[a] == 0xC2 &&
                 ((unsigned char)s[a + 1] == 0xBF || (unsigned char)s[a + 1] == 0xA1))
            a += 2; /* ¿ ¡ */
        else
            break;
    }
    size_t z = n;
    for (;;) {
        char ch = z > a ? s[z - 1] : '\0';
        if (ch == '.' || ch == ',' || ch == ';' || ch == ':' || ch == '!' || ch == '?' ||
            ch == '"' || ch == '\'' || ch == ')')
            z--;
        else if ((unsigned char)ch == 0xA6 && z >= a + 3 && (unsigned char)s[z - 2] == 0x80 &&
                 (unsigned char)s[z - 3] == 0xE2)
            z -= 3; /* … */
        else
            break;
    }
    *t = (nr_tok){ s, n, a, z - a };
}

/* Does the trail start with one period (not an ellipsis)? */
int nr_has_period(const nr_tok *t)
{
    const char *tr = TRAIL(t);
    size_t tn = TLEN(t);
    return tn > 0 && tr[0] == '.' && !(tn > 1 && tr[1] == '.');
}

/* The k-th token from the current one (0), or NULL past the end. */
const nr_tok *nr_peek(nr_ctx *c, int k)
{
    if (k >= NR_WIN)
        return NULL; /* rules look at most NR_WIN - 1 tokens ahead */
    while (c->nwin <= k) {
        while (c->p < c->end && *c->p == ' ')
            c->p++;
        if (c->p >= c->end)
            return NULL;
        const char *e = memchr(c->p, ' ', (size_t)(c->end - c->p));
        if (!e)
            e = c->end;
        nr_make_tok(&c->win[c->nwin++], c->p, (size_t)(e - c->p));
        c->p = e;
    }
    return &c->win[k];
}

static void consume(nr_ctx *c, int k)
{
    c->prev2 = k >= 2 ? c->win[k - 2] : c->prev;
    c->has_prev2 = k >= 2 || c->has_prev;
    c->prev = c->win[k - 1];
    c->has_prev = 1;
    memmove(c->win, c->win + k, (size_t)(c->nwin - k) * sizeof c->win[0]);
    c->nwin -= k;
}

const nr_tok *nr_prev(const nr_ctx *c)
{
    return c->has_prev ? &c->prev : NULL;
}

const nr_tok *nr_prev2(const nr_ctx *c)
{
    return c->has_prev2 ? &c->prev2 : NULL;
}

/* Start a token's output: a separating space and its lead; the first word
** then attaches to the lead. */
void nr_begin(nr_ctx *c, const nr_tok *t)
{
    nr_buf *b = c->out;
    if (b->len > 0 && b->s[b->len - 1] != ' ')
        nr_buf_putc(b, ' ');
    size_t ln = t->ln;
    if (ln > 0 && t->s[ln - 1] == '\'' && t->cn > 0 && is_digit(t->s[ln]))
        ln--; /* '90s: the apostrophe only marks the missing century */
    nr_buf_put(b, t->s, ln);
    b->glue = 1;
}

/* End a token's output with its trail, without its period when drop_period. */
void nr_finish(nr_ctx *c, const nr_tok *t, int drop_period)
{
    const char *tr = TRAIL(t);
    size_t tn = TLEN(t);
    if (drop_period && nr_has_period(t)) {
        tr++;
        tn--;
    }
    c->out->glue = 0;
    nr_buf_put(c->out, tr, tn);
}

void nr_word(nr_ctx *c, const char *w)
{
    nr_buf_words(c->out, w);
}

void nr_word_n(nr_ctx *c, const char *w, size_t n)
{
    nr_buf_word(c->out, w, n);
}

void nr_emit_raw(nr_ctx *c, const nr_tok *t)
{
    nr_begin(c, t);
    nr_word_n(c, CORE(t), t->cn);
    nr_finish(c, t, 0);
}


/* A capitalized word of the language's openers ("The", "Die"). */
static int opener(const nr_ctx *c, const char *s, size_t n)
{
    const nr_lang_rules *r = c->rules;
    return r->function_word ? r->function_word(s, n) : nr_words_has(&r->starters, s, n);
}

int nr_starts_sentence(const nr_ctx *c, const nr_tok *t)
{
    return t && t->cn > 0 && is_upper(CORE(t)[0]) && opener(c, CORE(t), t->cn);
}

int nr_is_name(const nr_ctx *c, const nr_tok *t)
{
    if (!t || t->cn < 2 || !is_upper(CORE(t)[0]))
        return 0;
    const char *s = CORE(t);
    for (size_t i = 1; i < t->cn; i++)
        if (!is_alpha(s[i]) && !(s[i] == '\'' && i + 2 == t->cn && s[i + 1] == 's') &&
            !(s[i] == '-' && i + 1 < t->cn && is_upper(s[i + 1])) && (unsigned char)s[i] < 0x80)
            return 0;
    return !opener(c, s, t->cn);
}

int nr_keeps_period(nr_ctx *c, int idx)
{
    const nr_tok *next = nr_peek(c, idx + 1);
    return !next || nr_starts_sentence(c, next);
}

/* ================================================================ entry */

char *nr_normalize(const char *sentence, const char *language)
{
    if (!sentence)
        sentence = "";
    size_t len = strlen(sentence), nlen;
    char *composed = nfc(sentence, len, &nlen);
    if (!composed)
        return NULL;
    nr_buf clean = { 0 };
    cleanup(&clean, composed, nlen);
    free(composed);
    if (clean.oom) {
        free(clean.s);
        return NULL;
    }
    nr_ctx c;
    memset(&c, 0, sizeof c);
    c.rules = nr_rules_for(language);
    c.tag = language ? language : "";
    c.title_case = -1; /* not yet known: a language's rules may ask  */
    c.text = c.p = clean.s;
    c.text_len = clean.len;
    c.end = clean.s ? clean.s + clean.len : NULL; /* an empty sentence has no buffer */
    nr_buf out = { 0 };
    c.out = &out;
    if (!c.rules->normalize || clean.len == 0) {
        nr_buf_put(&out, clean.s ? clean.s : "", clean.len);
    } else {
        while (nr_peek(&c, 0) && !out.oom) {
            /* Punctuation alone ("--", a lone quote) is no language's to say. */
            const nr_tok *t = nr_peek(&c, 0);
            int k = t->cn == 0 ? (nr_emit_raw(&c, t), 1) : c.rules->normalize(&c);
            if (k < 1 || k > c.nwin) { /* a broken hook: never loop, never lose a word */
                nr_emit_raw(&c, nr_peek(&c, 0));
                k = 1;
            }
            consume(&c, k);
        }
    }
    free(clean.s);
    if (out.oom) {
        free(out.s);
        return NULL;
    }
    char *result = tidy(out.s ? out.s : "", out.len);
    free(out.s);
    return result;
}
