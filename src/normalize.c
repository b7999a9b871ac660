/* normalize.c - one sentence rewritten into exactly the words espeak-ng should speak.
**
** Three passes, each linear in its input:
**   1. cleanup: NFC (utf8proc), punctuation made plain, dashes as breaks,
**      brackets made parentheses, markup characters spaces, spaces folded;
**   2. tokens: the cleaned text split at spaces, each token seen as
**      lead punctuation + core + trail punctuation, rewritten by the rules of
**      the language with a lookahead of at most four tokens and one behind;
**   3. tidy: doubled commas, brackets (again).
** Rules never rescan what they have passed, and each token is examined a
** bounded number of times, so hostile input (a 10 MB token, a 400-digit
** number) costs time and memory in proportion to its size.
*/
#include "normalize.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "numbers.h"
#include "segment_rules.h"
#include "text.h"

/* How "a.m." and "p.m." are written out. */
#define EN_AM "AM" /* espeak-ng reads "a m" as "uh em" */
#define EN_PM "PM"

typedef enum { LANG_OTHER, LANG_EN, LANG_ES, LANG_FR, LANG_DE, LANG_IT, LANG_PT } lang_id;

#define N_ELEMS(a) (sizeof(a) / sizeof((a)[0]))

static int is_digit(char ch) { return ch >= '0' && ch <= '9'; }
static int is_lower(char ch) { return ch >= 'a' && ch <= 'z'; }
static int is_upper(char ch) { return ch >= 'A' && ch <= 'Z'; }
static int is_alpha(char ch) { return is_lower(ch) || is_upper(ch); }
static int is_alnum(char ch) { return is_alpha(ch) || is_digit(ch); }
static char to_lower(char ch) { return is_upper(ch) ? (char)(ch - 'A' + 'a') : ch; }
static char to_upper(char ch) { return is_lower(ch) ? (char)(ch - 'a' + 'A') : ch; }

static int eq(const char *s, size_t n, const char *lit)
{
    if (n == 0 || lit[0] != s[0])
        return n == 0 && lit[0] == '\0';
    size_t m = strlen(lit);
    return m == n && memcmp(s, lit, n) == 0;
}

static int eq_nocase(const char *s, size_t n, const char *lit)
{
    if (n == 0 || to_lower(lit[0]) != to_lower(s[0]))
        return n == 0 && lit[0] == '\0';
    size_t m = strlen(lit);
    if (m != n)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (to_lower(s[i]) != to_lower(lit[i]))
            return 0;
    return 1;
}

static int all_digits(const char *s, size_t n)
{
    if (n == 0)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!is_digit(s[i]))
            return 0;
    return 1;
}

static int in_list(const char *const *list, size_t count, const char *s, size_t n, int nocase)
{
    if (n == 0)
        return 0;
    char first = to_lower(s[0]);
    for (size_t i = 0; i < count; i++) {
        if (to_lower(list[i][0]) != first)
            continue;
        if (nocase ? eq_nocase(s, n, list[i]) : eq(s, n, list[i]))
            return 1;
    }
    return 0;
}

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

static int cp_is_space(utf8proc_int32_t cp)
{
    if (cp == ' ' || (cp >= '\t' && cp <= '\r'))
        return 1;
    utf8proc_category_t cat = utf8proc_category(cp);
    return cat == UTF8PROC_CATEGORY_ZS || cat == UTF8PROC_CATEGORY_ZL ||
           cat == UTF8PROC_CATEGORY_ZP;
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
        if (cp < 0 || cp_is_space(cp)) {
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
            int glued_after = next >= 0 && !cp_is_space(next);
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

typedef struct {
    const char *s; /* the whole token */
    size_t n;
    size_t ln; /* leading punctuation */
    size_t cn; /* the core, at s + ln; the trail follows it */
} tok;

#define CORE(t) ((t)->s + (t)->ln)
#define TRAIL(t) ((t)->s + (t)->ln + (t)->cn)
#define TLEN(t) ((t)->n - (t)->ln - (t)->cn)

static void make_tok(tok *t, const char *s, size_t n)
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
    *t = (tok){ s, n, a, z - a };
}

/* Does the trail start with one period (not an ellipsis)? */
static int has_period(const tok *t)
{
    const char *tr = TRAIL(t);
    size_t tn = TLEN(t);
    return tn > 0 && tr[0] == '.' && !(tn > 1 && tr[1] == '.');
}

#define WIN 5

typedef struct {
    lang_id lang;
    const nr_lang_rules *rules; /* the language's abbreviations (src/lang/) */
    int pesos; /* Spanish of the Americas: "$" is pesos */
    const char *p, *end;
    tok win[WIN];
    int nwin;
    tok prev;
    int has_prev;
    int title_case; /* a headline: every word capitalized, so capitals tell nothing */
    nr_buf *out;
} ctx;

/* The k-th token from the current one (0), or NULL past the end. */
static const tok *peek(ctx *c, int k)
{
    if (k >= WIN)
        return NULL; /* rules look at most WIN - 1 tokens ahead */
    while (c->nwin <= k) {
        while (c->p < c->end && *c->p == ' ')
            c->p++;
        if (c->p >= c->end)
            return NULL;
        const char *e = memchr(c->p, ' ', (size_t)(c->end - c->p));
        if (!e)
            e = c->end;
        make_tok(&c->win[c->nwin++], c->p, (size_t)(e - c->p));
        c->p = e;
    }
    return &c->win[k];
}

static void consume(ctx *c, int k)
{
    c->prev = c->win[k - 1];
    c->has_prev = 1;
    memmove(c->win, c->win + k, (size_t)(c->nwin - k) * sizeof c->win[0]);
    c->nwin -= k;
}

static const tok *prev_tok(const ctx *c)
{
    return c->has_prev ? &c->prev : NULL;
}

/* Is the current token after "a" or "an" ("a 500 ml bottle": a unit said in the singular)? */
static int article_before(const ctx *c)
{
    const tok *p = prev_tok(c);
    return p && TLEN(p) == 0 && (eq_nocase(CORE(p), p->cn, "a") || eq_nocase(CORE(p), p->cn, "an"));
}

/* Start a token's output: a separating space and its lead; the first word
** then attaches to the lead. */
static void begin(ctx *c, const tok *t)
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
static void finish(ctx *c, const tok *t, int drop_period)
{
    const char *tr = TRAIL(t);
    size_t tn = TLEN(t);
    if (drop_period && has_period(t)) {
        tr++;
        tn--;
    }
    c->out->glue = 0;
    nr_buf_put(c->out, tr, tn);
}

static void word(ctx *c, const char *w)
{
    nr_buf_words(c->out, w);
}

static void word_n(ctx *c, const char *w, size_t n)
{
    nr_buf_word(c->out, w, n);
}

static void emit_raw(ctx *c, const tok *t)
{
    begin(c, t);
    word_n(c, CORE(t), t->cn);
    finish(c, t, 0);
}

/* ================================================================ word lists */

/* Function words: after a year they do not make it a count, and capitalized
** after an abbreviation's period they start a new sentence. */
static const char *const function_words[] = { /* sorted (ASCII) */
    "a", "about", "ad", "after", "again", "against", "ago", "all", "along", "also", "although",
    "an", "and", "are", "as", "at", "bc", "bce", "be", "because", "been", "before", "being",
    "between", "both", "but", "by", "can", "ce", "could", "did", "do", "does", "during", "each",
    "either", "even", "for", "from", "had", "has", "have", "he", "her", "here", "his", "how",
    "i", "if", "in", "into", "is", "it", "its", "just", "last", "later", "may", "might", "more",
    "most", "much", "must", "my", "neither", "no", "nor", "not", "now", "of", "on", "once",
    "only", "onward", "onwards", "or", "our", "out", "over", "per", "she", "should", "since",
    "so", "some", "still", "such", "than", "that", "the", "their", "them", "then", "there",
    "these", "they", "this", "those", "though", "through", "thus", "till", "to", "too", "under",
    "until", "up", "upon", "versus", "very", "was", "we", "were", "what", "when", "where",
    "whereas", "whether", "which", "while", "who", "whom", "whose", "why", "will", "with",
    "within", "without", "would", "yet", "you", "your",
};

/* Case-insensitive comparison of s[0..n) with a lower-case word. */
static int cmp_lower(const char *s, size_t n, const char *w)
{
    size_t i = 0;
    for (; i < n && w[i]; i++) {
        int d = (unsigned char)to_lower(s[i]) - (unsigned char)w[i];
        if (d)
            return d;
    }
    return i < n ? 1 : w[i] ? -1 : 0;
}

static int is_function_word(const char *s, size_t n)
{
    if (n == 0 || n > 9)
        return 0;
    size_t lo = 0, hi = N_ELEMS(function_words);
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int d = cmp_lower(s, n, function_words[mid]);
        if (d == 0)
            return 1;
        if (d < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return 0;
}

/* Words before a four-digit number that make it a year. */
static const char *const year_cues[] = {
    "in", "since", "by", "until", "till", "from", "before", "after", "during", "of", "year",
    "early", "late", "mid", "circa", "the", "a", "an", "this", "that", "its", "his", "her",
    "their", "our", "my", "your", "between", "through", "spring", "summer", "autumn", "fall",
    "winter", "season", "fiscal", "class", "vintage", "for",
};

static const char *const months_en[12] = {
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
};

/* The month an English word names (0..11), or -1.  *abbrev: a short form
** ("Oct", "Sept"). */
static int month_en(const char *s, size_t n, int *abbrev)
{
    *abbrev = 0;
    if (n < 3 || n > 9 || !strchr("JFMASOND", s[0]))
        return -1;
    for (int m = 0; m < 12; m++) {
        const char *full = months_en[m];
        if (eq(s, n, full))
            return m;
        if (n == 3 && memcmp(s, full, 3) == 0 && m != 4) {
            *abbrev = 1;
            return m;
        }
    }
    if (eq(s, n, "Sept")) {
        *abbrev = 1;
        return 8;
    }
    return -1;
}

/* Does the token start a new sentence (a capitalized function word)? */
static int starts_sentence(const tok *t)
{
    return t && t->cn > 0 && is_upper(CORE(t)[0]) && is_function_word(CORE(t), t->cn);
}

/* Is the token a capitalized word that may be a name ("Elm", "Charles")? */
static int is_name(const tok *t)
{
    if (!t || t->cn < 2 || !is_upper(CORE(t)[0]))
        return 0;
    const char *s = CORE(t);
    for (size_t i = 1; i < t->cn; i++)
        if (!is_alpha(s[i]) && !(s[i] == '\'' && i + 2 == t->cn && s[i + 1] == 's') &&
            (unsigned char)s[i] < 0x80)
            return 0;
    return !is_function_word(s, t->cn);
}

/* Keep an abbreviation's period?  Only at the end of the sentence, or when
** the next token plainly starts a new one. */
static int keeps_period(ctx *c, int idx)
{
    const tok *next = peek(c, idx + 1);
    return !next || starts_sentence(next);
}

/* ================================================================ English numbers */

typedef struct {
    int sign;        /* -1 "-", +1 "+", 0 none */
    const char *ip;  /* integer digits (with the commas when grouped) */
    size_t il;
    int grouped;     /* thousands separators */
    const char *fp;  /* fraction digits */
    size_t fl;
    size_t len;      /* characters consumed */
} numlit;

/* Parse a number at s[0..n): [sign] digits [,ddd]... [.digits], or .digits.
** Returns characters consumed (0 if none). */
static size_t parse_num(const char *s, size_t n, numlit *m, int allow_sign)
{
    size_t i = 0;
    memset(m, 0, sizeof *m);
    if (allow_sign && n >= 2 && (s[0] == '-' || s[0] == '+') &&
        (is_digit(s[1]) || (s[1] == '.' && n >= 3 && is_digit(s[2])))) {
        m->sign = s[0] == '-' ? -1 : 1;
        i = 1;
    }
    size_t start = i;
    while (i < n && is_digit(s[i]))
        i++;
    size_t first = i - start;
    if (first >= 1 && first <= 3 && s[start] != '0') {
        while (i + 3 < n && s[i] == ',' && is_digit(s[i + 1]) && is_digit(s[i + 2]) &&
               is_digit(s[i + 3]) && (i + 4 == n || !is_digit(s[i + 4]))) {
            m->grouped = 1;
            i += 4;
        }
    }
    m->ip = s + start;
    m->il = i - start;
    if (i + 1 < n && s[i] == '.' && is_digit(s[i + 1])) {
        size_t f = i + 1;
        while (f < n && is_digit(s[f]))
            f++;
        m->fp = s + i + 1;
        m->fl = f - i - 1;
        i = f;
    }
    if (m->il == 0 && m->fl == 0)
        return 0;
    m->len = i;
    return i;
}

/* The integer digits without commas into buf (size > NR_NUM_MAX_DIGITS); the
** digit count, which may exceed what was copied. */
static size_t int_digits(const numlit *m, char *buf)
{
    size_t k = 0;
    for (size_t i = 0; i < m->il; i++) {
        if (m->ip[i] == ',')
            continue;
        if (k < NR_NUM_MAX_DIGITS)
            buf[k] = m->ip[i];
        k++;
    }
    return k;
}

static long int_value(const numlit *m)
{
    char buf[NR_NUM_MAX_DIGITS + 1];
    size_t k = int_digits(m, buf);
    return k <= 9 ? nr_num_value(buf, k) : -1;
}

static int is_one(const numlit *m)
{
    return m->il == 1 && m->ip[0] == '1' && m->fl == 0;
}

/* Cardinal words for the integer part (digit by digit when very long). */
static void say_int(ctx *c, const numlit *m)
{
    char buf[NR_NUM_MAX_DIGITS + 1];
    size_t k = int_digits(m, buf);
    if (k <= NR_NUM_MAX_DIGITS) {
        nr_num_cardinal(c->out, buf, k);
        return;
    }
    for (size_t i = 0; i < m->il; i++)
        if (m->ip[i] != ',')
            nr_num_digits(c->out, m->ip + i, 1);
}

static void say_fraction_digits(ctx *c, const numlit *m)
{
    if (m->fl) {
        word(c, "point");
        nr_num_digits(c->out, m->fp, m->fl);
    }
}

static void say_sign(ctx *c, const numlit *m)
{
    if (m->sign)
        word(c, m->sign < 0 ? "minus" : "plus");
}

/* "minus three point one four" */
static void say_num(ctx *c, const numlit *m)
{
    say_sign(c, m);
    if (m->il)
        say_int(c, m);
    else if (!m->fl)
        word(c, "zero");
    say_fraction_digits(c, m);
}

/* A year for a four-digit 1000..2099, a cardinal otherwise. */
static void say_year_or_int(ctx *c, const char *d, size_t n)
{
    nr_num_year(c->out, d, n);
}

static void say_ordinal_digits(ctx *c, const char *d, size_t n)
{
    nr_num_ordinal(c->out, d, n);
}

static void say_ordinal(ctx *c, const numlit *m)
{
    char buf[NR_NUM_MAX_DIGITS + 1];
    size_t k = int_digits(m, buf);
    if (k <= NR_NUM_MAX_DIGITS && !(k > 1 && buf[0] == '0')) {
        nr_num_ordinal(c->out, buf, k);
        return;
    }
    say_int(c, m);
}

/* Fractions: "one half", "three quarters"; mixed: "a half", "an eighth". */
static int say_fraction(ctx *c, long num, long den, int mixed)
{
    if (num < 1 || num >= den || !(den == 2 || den == 3 || den == 4 || den == 5 || den == 6 ||
                                   den == 8 || den == 10 || den == 16))
        return 0; /* "9/11" is not a fraction */
    char d[4];
    size_t dl = (size_t)(den >= 10 ? 2 : 1);
    if (den >= 10) {
        d[0] = (char)('0' + den / 10);
        d[1] = (char)('0' + den % 10);
    } else {
        d[0] = (char)('0' + den);
    }
    if (num == 1 && mixed)
        word(c, den == 8 || den == 11 ? "an" : "a");
    else {
        char nb[3] = { (char)('0' + num % 10), 0, 0 };
        if (num >= 10) {
            nb[0] = (char)('0' + num / 10);
            nb[1] = (char)('0' + num % 10);
        }
        nr_num_cardinal(c->out, nb, num >= 10 ? 2 : 1);
    }
    if (den == 2)
        word(c, num == 1 ? "half" : "halves");
    else if (den == 4)
        word(c, num == 1 ? "quarter" : "quarters");
    else {
        size_t from = c->out->len;
        say_ordinal_digits(c, d, dl);
        if (num > 1)
            nr_num_pluralize(c->out, from);
    }
    return 1;
}

/* Vulgar fraction characters. */
static const struct {
    const char *ch;
    int num, den;
} vulgar[] = {
    { "\xC2\xBD", 1, 2 }, { "\xC2\xBC", 1, 4 }, { "\xC2\xBE", 3, 4 },
    { "\xE2\x85\x93", 1, 3 }, { "\xE2\x85\x94", 2, 3 }, { "\xE2\x85\x95", 1, 5 },
    { "\xE2\x85\x9B", 1, 8 }, { "\xE2\x85\x9C", 3, 8 }, { "\xE2\x85\x9D", 5, 8 },
    { "\xE2\x85\x9E", 7, 8 },
};

static int vulgar_at(const char *s, size_t n)
{
    if (n < 2 || ((unsigned char)s[0] != 0xC2 && (unsigned char)s[0] != 0xE2))
        return -1;
    for (size_t i = 0; i < N_ELEMS(vulgar); i++) {
        size_t k = strlen(vulgar[i].ch);
        if (k <= n && memcmp(s, vulgar[i].ch, k) == 0)
            return (int)i;
    }
    return -1;
}

/* Units after a number.  Case matters ("m" is meters, "M" million). */
static const struct {
    const char *key, *one, *many;
} units_en[] = {
    { "km/h", "kilometer per hour", "kilometers per hour" },
    { "km\xC2\xB2", "square kilometer", "square kilometers" },
    { "m\xC2\xB2", "square meter", "square meters" },
    { "\xC2\xB0" "C", "degree Celsius", "degrees Celsius" },
    { "\xC2\xB0" "F", "degree Fahrenheit", "degrees Fahrenheit" },
    { "\xC2\xB0", "degree", "degrees" },
    { "kph", "kilometer per hour", "kilometers per hour" },
    { "mph", "mile per hour", "miles per hour" },
    { "km", "kilometer", "kilometers" },
    { "kg", "kilogram", "kilograms" },
    { "KM", "kilometer", "kilometers" }, /* capitals, as in headlines and listings: "40KG" */
    { "KG", "kilogram", "kilograms" },
    { "LBS", "pounds", "pounds" },
    { "min", "minute", "minutes" },
    { "mg", "milligram", "milligrams" },
    { "cm", "centimeter", "centimeters" },
    { "mm", "millimeter", "millimeters" },
    { "ml", "milliliter", "milliliters" },
    { "lbs", "pounds", "pounds" },
    { "lb", "pound", "pounds" },
    { "oz", "ounce", "ounces" },
    { "ft", "foot", "feet" },
    { "yd", "yard", "yards" },
    { "mi", "mile", "miles" },
    { "ha", "hectare", "hectares" },
    { "kWh", "kilowatt hour", "kilowatt hours" },
    { "MWh", "megawatt hour", "megawatt hours" },
    { "GWh", "gigawatt hour", "gigawatt hours" },
    { "TWh", "terawatt hour", "terawatt hours" },
    { "kW", "kilowatt", "kilowatts" },
    { "MW", "megawatt", "megawatts" },
    { "GW", "gigawatt", "gigawatts" },
    { "kHz", "kilohertz", "kilohertz" },
    { "MHz", "megahertz", "megahertz" },
    { "GHz", "gigahertz", "gigahertz" },
    { "Hz", "hertz", "hertz" },
    { "Mbps", "megabit per second", "megabits per second" },
    { "Gbps", "gigabit per second", "gigabits per second" },
    { "KB", "kilobyte", "kilobytes" },
    { "kB", "kilobyte", "kilobytes" },
    { "MB", "megabyte", "megabytes" },
    { "GB", "gigabyte", "gigabytes" },
    { "TB", "terabyte", "terabytes" },
    { "g", "gram", "grams" },
    { "m", "meter", "meters" },
};

/* Scale words after a number (attached "1.2bn", or a token "billion").  The
** one-letter forms only after a currency ("$5K", "$3B"; but "4K", "B2B"). */
static const struct {
    const char *key, *word;
} scales_en[] = {
    { "thousand", "thousand" }, { "million", "million" }, { "billion", "billion" },
    { "trillion", "trillion" }, { "bn", "billion" }, { "bln", "billion" }, { "b", "billion" },
    { "B", "billion" }, { "tn", "trillion" }, { "trn", "trillion" }, { "T", "trillion" },
    { "mn", "million" }, { "mln", "million" }, { "m", "million" }, { "M", "million" },
    { "k", "thousand" }, { "K", "thousand" },
};

/* The unit whose key starts s[0..n) and is followed by a non-letter. */
static int unit_at(const char *s, size_t n, size_t *len)
{
    if (n == 0)
        return -1;
    for (size_t i = 0; i < N_ELEMS(units_en); i++) {
        if (units_en[i].key[0] != s[0])
            continue;
        size_t k = strlen(units_en[i].key);
        if (k <= n && memcmp(s, units_en[i].key, k) == 0 && (k == n || !is_alpha(s[k]))) {
            *len = k;
            return (int)i;
        }
    }
    return -1;
}

/* unit_at, and in a headline the unit in lower case: title case makes "12 km"
** "12 Km" and "5 ft" "5 Ft" (but a symbol in capitals, "MB", stays as it is). */
static int unit_in(const ctx *c, const char *s, size_t n, size_t *len)
{
    int u = unit_at(s, n, len);
    if (u >= 0 || !c->title_case || n < 2 || !is_upper(s[0]))
        return u;
    char low[8];
    size_t k = 0;
    for (; k < n && k < sizeof low && (is_alpha(s[k]) || s[k] == '/' || (unsigned char)s[k] >= 0x80); k++) {
        /* only the word's first letter, and one after a slash ("Km/H"), may be a capital */
        if (k > 0 && is_upper(s[k]) && s[k - 1] != '/')
            return -1;
        low[k] = to_lower(s[k]);
    }
    return k == n || (k < n && !is_alpha(s[k])) ? unit_at(low, k, len) : -1;
}

/* Scale at s (attached, or the whole of s); words are case-insensitive,
** short forms exact. */
static const char *scale_at(const char *s, size_t n, size_t *len, int whole, int money)
{
    if (n == 0)
        return NULL;
    for (size_t i = 0; i < N_ELEMS(scales_en); i++) {
        const char *key = scales_en[i].key;
        if (to_lower(key[0]) != to_lower(s[0]))
            continue;
        size_t k = strlen(key);
        int longword = k > 3;
        if (k > n || (k == 1 && !money && key[0] != 'm'))
            continue;
        int match = longword ? eq_nocase(s, k, key) : memcmp(s, key, k) == 0;
        if (match && (whole ? k == n : (k == n || !is_alpha(s[k])))) {
            *len = k;
            return scales_en[i].word;
        }
    }
    return NULL;
}

/* "a.m." forms; returns 1 for a.m., 2 for p.m., 0 otherwise; *len consumed. */
static int ampm_at(const char *s, size_t n, size_t *len)
{
    if (n < 2)
        return 0;
    char a = to_lower(s[0]);
    if (a != 'a' && a != 'p')
        return 0;
    int kind = a == 'a' ? 1 : 2;
    if (to_lower(s[1]) == 'm' && (n == 2 || !is_alpha(s[2]))) {
        *len = n >= 3 && s[2] == '.' ? 3 : 2;
        return kind;
    }
    if (n >= 3 && s[1] == '.' && to_lower(s[2]) == 'm' && (n == 3 || !is_alpha(s[3]))) {
        *len = n >= 4 && s[3] == '.' ? 4 : 3;
        return kind;
    }
    return 0;
}

/* Is the token an a.m./p.m. marker (the period may be in its trail)? */
static int ampm_tok(const tok *t)
{
    size_t k;
    if (!t || t->ln)
        return 0;
    int kind = ampm_at(CORE(t), t->cn, &k);
    return kind && k == t->cn ? kind : 0;
}

/* Time: hour 0..24, minutes 00..59 (two digits), optional seconds. */
typedef struct {
    long h, mm, ss; /* ss < 0: none */
    size_t len;
} timelit;

static size_t parse_time(const char *s, size_t n, timelit *t)
{
    size_t i = 0;
    while (i < n && is_digit(s[i]))
        i++;
    if (i < 1 || i > 2 || i + 3 > n || s[i] != ':' || !is_digit(s[i + 1]) ||
        !is_digit(s[i + 2]) || (i + 3 < n && is_digit(s[i + 3])))
        return 0;
    t->h = nr_num_value(s, i);
    t->mm = nr_num_value(s + i + 1, 2);
    t->ss = -1;
    if (t->h > 24 || t->mm > 59)
        return 0;
    size_t j = i + 3;
    if (j + 3 <= n && s[j] == ':' && is_digit(s[j + 1]) && is_digit(s[j + 2]) &&
        (j + 3 == n || !is_digit(s[j + 3]))) {
        t->ss = nr_num_value(s + j + 1, 2);
        if (t->ss > 59)
            t->ss = -1;
        else
            j += 3;
    }
    t->len = j;
    return j;
}

static void say_small(ctx *c, long v)
{
    char d[24];
    size_t n = 0;
    if (v == 0)
        d[n++] = '0';
    for (long x = v; x > 0 && n < sizeof d; x /= 10)
        d[n++] = (char)('0' + x % 10);
    for (size_t i = 0; i < n / 2; i++) {
        char t = d[i];
        d[i] = d[n - 1 - i];
        d[n - 1 - i] = t;
    }
    nr_num_cardinal(c->out, d, n);
}

/* Minutes or seconds after the hour: "oh five", "thirty". */
static void say_minutes(ctx *c, long v)
{
    if (v < 10)
        word(c, "oh");
    say_small(c, v);
}

/* ampm: 0 none, 1 a.m., 2 p.m. */
static void say_time(ctx *c, const timelit *t, int ampm)
{
    if (ampm && t->h == 12 && t->mm == 0 && t->ss < 0) {
        word(c, ampm == 2 ? "noon" : "midnight");
        return;
    }
    say_small(c, t->h);
    if (t->mm || t->ss >= 0)
        say_minutes(c, t->mm);
    else if (!ampm)
        word(c, "o'clock");
    if (t->ss >= 0)
        say_minutes(c, t->ss);
    if (ampm)
        word(c, ampm == 1 ? EN_AM : EN_PM);
}

/* "2014" + "15" / "2015" -> "twenty fourteen to twenty fifteen"; 0 if a is
** not a year from 1100 to 2099 or b does not follow it. */
static int say_year_range(ctx *c, const char *a, size_t al, const char *b, size_t bl)
{
    long ya = nr_num_value(a, al), yb = nr_num_value(b, bl);
    if (al != 4 || ya < 1100 || ya > 2099 || !(bl == 2 || (bl == 4 && yb >= ya)))
        return 0;
    if (bl == 2) {
        yb += ya / 100 * 100;
        if (yb < ya)
            yb += 100;
    }
    char d[4] = { (char)('0' + yb / 1000), (char)('0' + yb / 100 % 10),
                  (char)('0' + yb / 10 % 10), (char)('0' + yb % 10) };
    say_year_or_int(c, a, 4);
    word(c, "to");
    say_year_or_int(c, d, 4);
    return 1;
}

/* Digit groups joined by hyphens: years, ranges, scores, ISO dates, IDs. */
static size_t say_dash_groups(ctx *c, const char *s, size_t n)
{
    const char *g[3] = { NULL, NULL, NULL };
    size_t gl[3] = { 0, 0, 0 }, count = 0, i = 0, total = 0;
    for (;;) {
        size_t j = i;
        while (j < n && is_digit(s[j]))
            j++;
        if (count < 3) {
            g[count] = s + i;
            gl[count] = j - i;
        }
        count++;
        total = j;
        if (j + 1 < n && s[j] == '-' && is_digit(s[j + 1]))
            i = j + 1;
        else
            break;
    }
    if (count == 2) {
        if (say_year_range(c, g[0], gl[0], g[1], gl[1]))
            return total;
        int phone = gl[0] == 3 && gl[1] == 4 && g[0][0] >= '2'; /* "555-1234" */
        if (!phone && gl[0] <= 6 && gl[1] <= 6 && (g[0][0] != '0' || gl[0] == 1) &&
            (g[1][0] != '0' || gl[1] == 1)) { /* a score or a range */
            nr_num_cardinal(c->out, g[0], gl[0]);
            word(c, "to");
            nr_num_cardinal(c->out, g[1], gl[1]);
            return total;
        }
    }
    if (count == 3 && gl[0] == 4 && gl[1] == 2 && gl[2] == 2) {
        long y = nr_num_value(g[0], 4), mo = nr_num_value(g[1], 2), d = nr_num_value(g[2], 2);
        if (y >= 1000 && y <= 2099 && mo >= 1 && mo <= 12 && d >= 1 && d <= 31) {
            word(c, months_en[mo - 1]);
            say_ordinal_digits(c, g[2][0] == '0' ? g[2] + 1 : g[2], g[2][0] == '0' ? 1 : 2);
            nr_buf_putc(c->out, ',');
            say_year_or_int(c, g[0], 4);
            return total;
        }
    }
    /* a phone number or an ID: digit by digit, a pause between groups */
    for (size_t k = 0, at = 0; at < total; k++) {
        size_t j = at;
        while (j < total && is_digit(s[j]))
            j++;
        if (k)
            nr_buf_putc(c->out, ',');
        nr_num_digits(c->out, s + at, j - at);
        at = j + 1;
    }
    return total;
}

/* Digit groups joined by slashes: fractions, "24/7", "9/11", dates. */
static size_t say_slash_groups(ctx *c, const char *s, size_t n)
{
    size_t i = 0, count = 0, ends[2] = { 0, 0 };
    while (i < n && is_digit(s[i]))
        i++;
    ends[0] = i;
    count = 1;
    size_t total = i;
    while (total + 1 < n && s[total] == '/' && is_digit(s[total + 1])) {
        size_t j = total + 1;
        while (j < n && is_digit(s[j]))
            j++;
        if (count == 1)
            ends[1] = j;
        count++;
        total = j;
    }
    if (count == 2) {
        size_t al = ends[0], bl = ends[1] - ends[0] - 1;
        const char *bs = s + ends[0] + 1;
        long a = nr_num_value(s, al), b = nr_num_value(bs, bl);
        if (s[0] != '0' && bs[0] != '0' && say_fraction(c, a, b, 0))
            return total;
        if (say_year_range(c, s, al, bs, bl))
            return total;
    }
    for (size_t at = 0; at < total;) {
        size_t j = at;
        while (j < total && is_digit(s[j]))
            j++;
        long v = nr_num_value(s + at, j - at);
        if (j - at == 4 && v >= 1100 && v <= 2099)
            say_year_or_int(c, s + at, 4);
        else
            nr_num_cardinal(c->out, s + at, j - at);
        at = j + 1;
    }
    return total;
}

/* A number inside a word at s[i]; returns where it ends. */
static size_t en_number(ctx *c, const char *s, size_t n, size_t i, const numlit *m)
{
    size_t j = i + m->len;
    const char *r = s + j;
    size_t rn = n - j, k;
    int plain_int = !m->sign && m->fl == 0 && !m->grouped && m->il > 0;
    if (plain_int && rn >= 2 && r[0] == '-' && is_digit(r[1]))
        return i + say_dash_groups(c, s + i, n - i);
    if (plain_int && rn >= 2 && r[0] == '/' && is_digit(r[1]))
        return i + say_slash_groups(c, s + i, n - i);
    if (plain_int && rn >= 2 && r[0] == ':' && is_digit(r[1])) {
        timelit t;
        if (parse_time(s + i, n - i, &t)) {
            size_t e = i + t.len, al = 0;
            int ampm = ampm_at(s + e, n - e, &al);
            say_time(c, &t, ampm);
            return e + al;
        }
        /* a ratio "3:1", else each group */
        size_t e = j + 1;
        while (e < n && is_digit(s[e]))
            e++;
        nr_num_cardinal(c->out, m->ip, m->il);
        if (m->il <= 3 && e - j - 1 <= 3)
            word(c, "to");
        nr_num_cardinal(c->out, r + 1, e - j - 1);
        return e;
    }
    if (m->fl == 0 && m->il > 0 && rn >= 2 && !m->sign) {
        char a = to_lower(r[0]), b = to_lower(r[1]);
        if (((a == 's' && b == 't') || (a == 'n' && b == 'd') || (a == 'r' && b == 'd') ||
             (a == 't' && b == 'h')) &&
            (rn == 2 || !is_alpha(r[2]))) {
            say_ordinal(c, m);
            return j + 2;
        }
    }
    if (m->fl == 0 && m->il > 0 && !m->sign && m->ip[m->il - 1] == '0' &&
        ((rn >= 1 && r[0] == 's' && (rn == 1 || !is_alpha(r[1]))) ||
         (rn >= 2 && r[0] == '\'' && r[1] == 's' && (rn == 2 || !is_alpha(r[2]))))) {
        size_t from = c->out->len;
        long v = int_value(m);
        if (v == 100 || v == 1000)
            word(c, v == 100 ? "hundreds" : "thousands");
        else {
            if (m->il == 4 && v >= 1100 && v <= 2099)
                say_year_or_int(c, m->ip, 4);
            else
                say_int(c, m);
            nr_num_pluralize(c->out, from);
        }
        return j + (r[0] == 's' ? 1 : 2);
    }
    if (!m->sign && !m->grouped && m->il >= 1 && m->il <= 2 && m->fl == 2 &&
        ampm_at(r, rn, &k)) { /* "9.30am" */
        timelit t = { int_value(m), nr_num_value(m->fp, 2), -1, 0 };
        if (t.h <= 12 && t.mm <= 59) {
            say_time(c, &t, ampm_at(r, rn, &k));
            return j + k;
        }
    }
    if (rn >= 1 && r[0] == '%') {
        say_num(c, m);
        word(c, "percent");
        return j + 1;
    }
    int ampm = 0;
    if (plain_int && (ampm = ampm_at(r, rn, &k)) != 0) {
        timelit t = { int_value(m), 0, -1, 0 };
        if (t.h >= 0 && t.h <= 12) {
            say_time(c, &t, ampm);
            return j + k;
        }
    }
    if (rn >= 1) {
        int fr = vulgar_at(r, rn);
        if (fr >= 0 && m->fl == 0 && !m->grouped) {
            say_num(c, m);
            word(c, "and");
            say_fraction(c, vulgar[fr].num, vulgar[fr].den, 1);
            return j + strlen(vulgar[fr].ch);
        }
        /* "1.2m" is a million, "100m" meters */
        const char *sc = NULL;
        if (!(r[0] == 'm' && m->fl == 0))
            sc = scale_at(r, rn, &k, 0, 0);
        if (sc) {
            say_num(c, m);
            word(c, sc);
            return j + k;
        }
        int u = unit_in(c, r, rn, &k);
        if (u >= 0) {
            const tok *next = j + k == n ? peek(c, 1) : NULL;
            int attributive = next && !next->ln && next->cn > 1 && is_lower(CORE(next)[0]) &&
                              TLEN(peek(c, 0)) == 0 && article_before(c);
            say_num(c, m);
            word(c, is_one(m) || attributive ? units_en[u].one : units_en[u].many);
            return j + k;
        }
    }
    if (plain_int && i > 0 && is_alpha(s[i - 1]) && m->il >= 4) {
        /* "BA2490", "News2024": a year-like or digit-by-digit code */
        long v = nr_num_value(m->ip, m->il);
        if (m->il == 4 && v >= 1100 && v <= 2099)
            say_year_or_int(c, m->ip, 4);
        else
            nr_num_digits(c->out, m->ip, m->il);
        return j;
    }
    say_num(c, m);
    return j;
}

/* Is s[i] the start of a number?  A sign only at the start of the word. */
static size_t number_at(const char *s, size_t n, size_t i, numlit *m)
{
    char ch = s[i];
    if (is_digit(ch))
        return parse_num(s + i, n - i, m, 0);
    if ((ch == '-' || ch == '+') && i == 0)
        return parse_num(s + i, n - i, m, 1);
    if (ch == '.' && i + 1 < n && is_digit(s[i + 1]) && (i == 0 || !is_alnum(s[i - 1])))
        return parse_num(s + i, n - i, m, 0);
    return 0;
}

/* Words in a word-part with digits or symbols: "G7" -> "G seven". */
static void en_walk(ctx *c, const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        numlit m;
        if (number_at(s, n, i, &m)) {
            i = en_number(c, s, n, i, &m);
            continue;
        }
        if (s[i] == '&') {
            word(c, "and");
            i++;
            continue;
        }
        if (s[i] == '-' && i > 0 && i + 1 < n && is_digit(s[i - 1]) &&
            (is_digit(s[i + 1]) || s[i + 1] == '.')) {
            word(c, "to"); /* "1,000-2,000", "1.5-2.5" */
            i++;
            continue;
        }
        if (s[i] == '.' && i > 0 && i + 1 < n && is_digit(s[i - 1]) && is_digit(s[i + 1])) {
            word(c, "point"); /* "1.2.3" */
            size_t j = i + 1;
            while (j < n && is_digit(s[j]))
                j++;
            nr_num_digits(c->out, s + i + 1, j - i - 1);
            i = j;
            continue;
        }
        if (s[i] == '%') {
            word(c, "percent");
            i++;
            continue;
        }
        int fr = vulgar_at(s + i, n - i);
        if (fr >= 0) {
            say_fraction(c, vulgar[fr].num, vulgar[fr].den, 0);
            i += strlen(vulgar[fr].ch);
            continue;
        }
        size_t j = i + nr_utf8_len(s + i);
        while (j < n && !is_digit(s[j]) && s[j] != '&' && s[j] != '%' &&
               vulgar_at(s + j, n - j) < 0 &&
               !(s[j] == '.' && j + 1 < n && is_digit(s[j + 1]) && !is_alnum(s[j - 1])))
            j += nr_utf8_len(s + j);
        if (j > n)
            j = n;
        word_n(c, s + i, j - i);
        i = j;
    }
}

/* "U.S", "U.S.", "I.M.F": single letters joined by periods. */
static int is_initialism(const char *s, size_t n)
{
    if (n < 3)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (i % 2 == 0 ? !is_alpha(s[i]) : s[i] != '.')
            return 0;
    return 1;
}

/* "U.S" -> "U S". */
static void say_initialism(ctx *c, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i += 2) {
        char u = to_upper(s[i]);
        word_n(c, &u, 1);
    }
}

/* Does the part need more than copying (digits, symbols)? */
static int needs_walk(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (is_digit((char)ch) || ch == '&' || ch == '%' || ch == 0xC2 || ch == 0xE2)
            return 1;
    }
    return 0;
}

static int plain_word(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!is_alpha(s[i]) && (unsigned char)s[i] < 0x80 && s[i] != '\'')
            return 0;
    return n > 0;
}

static void en_part(ctx *c, const char *s, size_t n)
{
    if (n == 0)
        return;
    if (is_initialism(s, n)) {
        say_initialism(c, s, n);
        return;
    }
    if (needs_walk(s, n))
        en_walk(c, s, n);
    else
        word_n(c, s, n);
}

/* Is s[0..n) a day of the week ("Monday")? */
static int day_name(const char *s, size_t n)
{
    static const char *const days[] = { "Friday", "Monday", "Saturday", "Sunday", "Thursday",
                                        "Tuesday", "Wednesday" };
    return in_list(days, N_ELEMS(days), s, n, 0);
}

/* A core without context: split at hyphens (but not between digits). */
static void en_core(ctx *c, const char *s, size_t n)
{
    size_t start = 0, prev_start = 0;
    int prev_plain = -1;
    for (size_t i = 0; i <= n; i++) {
        if (i < n && !(s[i] == '-' && i > start && i + 1 < n &&
                       !(is_digit(s[i - 1]) && is_digit(s[i + 1])) && s[i + 1] != '-'))
            continue;
        const char *part = s + start;
        size_t pl = i - start;
        int plain = plain_word(part, pl), u = -1;
        size_t ul;
        int days = start > 0 && day_name(s + prev_start, start - 1 - prev_start) && day_name(part, pl);
        if (days) {
            word(c, "to"); /* "Monday-Friday" */
        } else if (prev_plain == 1 && plain) {
            nr_buf_putc(c->out, '-');
            c->out->glue = 1;
        }
        if (start > 0 && is_digit(s[start - 2]) && (u = unit_in(c, part, pl, &ul)) >= 0 && ul == pl)
            word(c, units_en[u].one); /* "a 3-km run" */
        else
            en_part(c, part, pl);
        prev_plain = plain;
        prev_start = start;
        start = i + 1;
    }
}

/* ================================================================ English web */

static const char *const tlds[] = {
    "com", "org", "net", "edu", "gov", "mil", "int", "io", "ai", "co", "uk", "us", "ca",
    "de", "fr", "es", "it", "nl", "eu", "info", "biz", "tv", "me", "ly", "app", "dev",
    "news", "au", "in", "jp", "cn", "ru", "br", "mx", "ch", "se", "no", "be", "at", "ie",
    "nz", "za", "pl", "pt", "gr", "dk", "fi", "kr", "org", "tech", "online", "site", "xyz",
};

/* Is s[0..n) a host name with a known top-level domain? */
static int is_domain(const char *s, size_t n)
{
    size_t labels = 0, start = 0, first = 0;
    for (size_t i = 0; i <= n; i++) {
        if (i < n && s[i] != '.') {
            if (!is_alnum(s[i]) && s[i] != '-')
                return 0;
            continue;
        }
        if (i == start)
            return 0;
        if (labels == 0)
            first = i;
        labels++;
        if (i == n) {
            const char *tld = s + start;
            size_t tl = i - start;
            for (size_t k = 0; k < tl; k++)
                if (!is_lower(tld[k]))
                    return 0;
            static const char *const generic[] = { "com", "org", "net", "io", "ai" };
            return labels >= 2 && in_list(tlds, N_ELEMS(tlds), tld, tl, 0) &&
                   (first >= 2 || in_list(generic, N_ELEMS(generic), tld, tl, 0));
        }
        start = i + 1;
    }
    return 0;
}

/* Speak s[0..n) splitting at . / _ - with the given words for each. */
static void say_address(ctx *c, const char *s, size_t n)
{
    size_t start = 0;
    for (size_t i = 0; i <= n; i++) {
        char ch = i < n ? s[i] : '\0';
        if (i < n && ch != '.' && ch != '/' && ch != '_' && ch != '-' && ch != '+' && ch != '@')
            continue;
        if (i > start)
            en_part(c, s + start, i - start);
        if (i < n) {
            const char *w = ch == '.' ? "dot" : ch == '/' ? "slash" : ch == '+' ? "plus"
                          : ch == '@' ? "at" : NULL;
            if (w)
                word(c, w);
        }
        start = i + 1;
    }
}

/* Split a camel-case tag into words: "BlackLivesMatter" -> "Black Lives Matter". */
static void say_camel(ctx *c, const char *s, size_t n)
{
    size_t start = 0;
    for (size_t i = 1; i <= n; i++) {
        int cut = i == n || s[i] == '_' ||
                  (is_upper(s[i]) && (is_lower(s[i - 1]) ||
                                      (is_upper(s[i - 1]) && i + 1 < n && is_lower(s[i + 1]))));
        if (!cut)
            continue;
        if (i > start)
            en_part(c, s + start, i - start);
        start = s[i] == '_' ? i + 1 : i;
        if (i < n && s[i] == '_')
            i++;
    }
}

static int starts_with_nocase(const char *s, size_t n, const char *lit)
{
    size_t k = strlen(lit);
    return n >= k && eq_nocase(s, k, lit);
}

/* URLs, e-mail addresses, domains, hashtags and handles; 1 if done. */
static int en_web(ctx *c, const tok *t)
{
    const char *s = CORE(t);
    size_t n = t->cn;
    if (s[0] != '#' && !memchr(s, '.', n) && !memchr(s, '@', n) && !memchr(s, ':', n))
        return 0;
    if (n >= 2 && s[0] == '#') {
        begin(c, t);
        if (all_digits(s + 1, n - 1)) {
            word(c, "number");
            nr_num_cardinal(c->out, s + 1, n - 1);
        } else {
            word(c, "hashtag");
            say_camel(c, s + 1, n - 1);
        }
        finish(c, t, 0);
        return 1;
    }
    const char *at = memchr(s, '@', n);
    if (at == s && n >= 2 && !memchr(s + 1, '@', n - 1)) {
        begin(c, t);
        word(c, "at");
        say_camel(c, s + 1, n - 1);
        finish(c, t, 0);
        return 1;
    }
    if (at && at > s) {
        const char *dom = at + 1;
        size_t dl = n - (size_t)(dom - s);
        if (!memchr(dom, '@', dl) && is_domain(dom, dl)) {
            begin(c, t);
            say_address(c, s, (size_t)(at - s));
            word(c, "at");
            say_address(c, dom, dl);
            finish(c, t, 0);
            return 1;
        }
        return 0;
    }
    size_t skip = 0;
    if (starts_with_nocase(s, n, "https://"))
        skip = 8;
    else if (starts_with_nocase(s, n, "http://"))
        skip = 7;
    int scheme = skip > 0;
    if (starts_with_nocase(s + skip, n - skip, "www."))
        skip += 4;
    size_t host_end = skip;
    while (host_end < n && s[host_end] != '/' && s[host_end] != '?' && s[host_end] != '#' &&
           s[host_end] != ':')
        host_end++;
    if (!scheme && !(skip > 0) && !is_domain(s, host_end))
        return 0;
    if (!scheme && skip > 0 && !is_domain(s + skip, host_end - skip))
        return 0;
    if (host_end == skip)
        return 0;
    size_t path_end = host_end;
    while (path_end < n && s[path_end] != '?' && s[path_end] != '#')
        path_end++;
    size_t path = host_end;
    if (path < path_end && s[path] == ':') { /* a port: not spoken */
        while (path < path_end && s[path] != '/')
            path++;
    }
    while (path_end > path && s[path_end - 1] == '/')
        path_end--;
    begin(c, t);
    say_address(c, s + skip, host_end - skip);
    if (path < path_end)
        say_address(c, s + path, path_end - path);
    finish(c, t, 0);
    return 1;
}

/* ================================================================ English abbreviations */

enum {
    AB_DOT = 1,    /* needs its period */
    AB_END = 2,    /* may end a sentence: the period stays before a new one */
    AB_DIGIT = 4,  /* only before a token starting with a digit */
    AB_NAME = 8,   /* only before a capitalized name */
    AB_DR = 16,    /* Doctor, or Drive after a street name */
    AB_ST = 32,    /* Saint before a name, Street after one */
};

typedef struct {
    const char *key, *expansion;
    unsigned flags;
} abbr;

static const abbr abbrs_en[] = {
    { "Dr", "Doctor", AB_DOT | AB_DR },
    { "Dr", "Doctor", AB_NAME },
    { "Mr", "Mister", AB_DOT },
    { "Mr", "Mister", AB_NAME },
    { "Mrs", "Missus", AB_DOT },
    { "Mrs", "Missus", AB_NAME },
    { "Ms", "Miz", AB_DOT },
    { "Ms", "Miz", AB_NAME },
    { "Messrs", "Messieurs", AB_DOT },
    { "St", "Saint", AB_DOT | AB_ST },
    { "St", "Saint", AB_ST },
    { "Gov", "Governor", AB_DOT },
    { "Govs", "Governors", AB_DOT },
    { "Sen", "Senator", AB_DOT },
    { "Sens", "Senators", AB_DOT },
    { "Rep", "Representative", AB_DOT },
    { "Reps", "Representatives", AB_DOT },
    { "Gen", "General", AB_DOT },
    { "Lt", "Lieutenant", AB_DOT },
    { "Col", "Colonel", AB_DOT },
    { "Maj", "Major", AB_DOT },
    { "Capt", "Captain", AB_DOT },
    { "Cmdr", "Commander", AB_DOT },
    { "Sgt", "Sergeant", AB_DOT },
    { "Cpl", "Corporal", AB_DOT },
    { "Pvt", "Private", AB_DOT },
    { "Adm", "Admiral", AB_DOT },
    { "Prof", "Professor", AB_DOT },
    { "Rev", "Reverend", AB_DOT },
    { "Hon", "Honorable", AB_DOT },
    { "Pres", "President", AB_DOT },
    { "Supt", "Superintendent", AB_DOT },
    { "Det", "Detective", AB_DOT },
    { "Insp", "Inspector", AB_DOT },
    { "Atty", "Attorney", AB_DOT },
    { "Fr", "Father", AB_DOT | AB_NAME },
    { "Jr", "Junior", AB_DOT | AB_END },
    { "Sr", "Senior", AB_DOT | AB_END },
    { "Mt", "Mount", AB_DOT },
    { "Ft", "Fort", AB_DOT },
    { "Ave", "Avenue", AB_DOT | AB_END },
    { "Blvd", "Boulevard", AB_DOT | AB_END },
    { "Rd", "Road", AB_DOT | AB_END },
    { "Ln", "Lane", AB_DOT | AB_END },
    { "Hwy", "Highway", AB_DOT },
    { "Pkwy", "Parkway", AB_DOT | AB_END },
    { "Dept", "Department", AB_DOT | AB_END },
    { "Univ", "University", AB_DOT | AB_END },
    { "Inc", "Incorporated", AB_DOT | AB_END },
    { "Corp", "Corporation", AB_DOT | AB_END },
    { "Co", "Company", AB_DOT | AB_END },
    { "Cos", "Companies", AB_DOT | AB_END },
    { "Ltd", "Limited", AB_DOT | AB_END },
    { "Bros", "Brothers", AB_DOT | AB_END },
    { "Assn", "Association", AB_DOT | AB_END },
    { "vs", "versus", AB_DOT },
    { "vs", "versus", 0 },
    { "Vs", "versus", AB_DOT },
    { "v", "versus", AB_DOT },
    { "etc", "et cetera", AB_DOT | AB_END },
    { "approx", "approximately", AB_DOT },
    { "Approx", "approximately", AB_DOT },
    { "Mon", "Monday", AB_DOT },
    { "Tue", "Tuesday", AB_DOT },
    { "Tues", "Tuesday", AB_DOT },
    { "Wed", "Wednesday", AB_DOT },
    { "Thu", "Thursday", AB_DOT },
    { "Thur", "Thursday", AB_DOT },
    { "Thurs", "Thursday", AB_DOT },
    { "Fri", "Friday", AB_DOT },
    { "Sat", "Saturday", AB_DOT },
    { "No", "number", AB_DOT | AB_DIGIT },
    { "No", "number", AB_DIGIT },
    { "no", "number", AB_DOT | AB_DIGIT },
    { "Nos", "numbers", AB_DOT | AB_DIGIT },
    { "p", "page", AB_DOT | AB_DIGIT },
    { "pp", "pages", AB_DOT | AB_DIGIT },
    { "c", "circa", AB_DOT | AB_DIGIT },
    { "ca", "circa", AB_DOT | AB_DIGIT },
    { "b", "born", AB_DOT | AB_DIGIT },
    { "d", "died", AB_DOT | AB_DIGIT },
    { "Fig", "Figure", AB_DOT | AB_DIGIT },
    { "Vol", "Volume", AB_DOT | AB_DIGIT },
    { "e.g", "for example", AB_END },
    { "i.e", "that is", AB_END },
    { "a.k.a", "also known as", 0 },
    { "aka", "also known as", 0 },
    { "a.m", EN_AM, AB_END },
    { "p.m", EN_PM, AB_END },
    { "A.M", EN_AM, AB_END },
    { "P.M", EN_PM, AB_END },
    { "Ph.D", "P H D", AB_END },
    { "Ph.Ds", "P H Ds", AB_END },
};

/* U.S. states as abbreviated in news copy ("Jackson, Miss."; "D-Calif."). */
static const struct {
    const char *abbr, *name;
} states_en[] = {
    { "Ala", "Alabama" },        { "Ariz", "Arizona" },      { "Ark", "Arkansas" },
    { "Calif", "California" },   { "Colo", "Colorado" },     { "Conn", "Connecticut" },
    { "Del", "Delaware" },       { "Fla", "Florida" },       { "Ga", "Georgia" },
    { "Ill", "Illinois" },       { "Ind", "Indiana" },       { "Kan", "Kansas" },
    { "Ky", "Kentucky" },        { "La", "Louisiana" },      { "Md", "Maryland" },
    { "Mass", "Massachusetts" }, { "Mich", "Michigan" },     { "Minn", "Minnesota" },
    { "Miss", "Mississippi" },   { "Mo", "Missouri" },       { "Mont", "Montana" },
    { "Neb", "Nebraska" },       { "Nev", "Nevada" },        { "Okla", "Oklahoma" },
    { "Ore", "Oregon" },         { "Pa", "Pennsylvania" },   { "Tenn", "Tennessee" },
    { "Tex", "Texas" },          { "Vt", "Vermont" },        { "Va", "Virginia" },
    { "Wash", "Washington" },    { "Wis", "Wisconsin" },     { "Wyo", "Wyoming" },
    { "N.H", "New Hampshire" },  { "N.J", "New Jersey" },    { "N.M", "New Mexico" },
    { "N.Y", "New York" },       { "N.C", "North Carolina" }, { "N.D", "North Dakota" },
    { "R.I", "Rhode Island" },   { "S.C", "South Carolina" }, { "S.D", "South Dakota" },
    { "W.Va", "West Virginia" },
    /* never abbreviated, spelled out after a party: "R-Texas" */
    { "Alaska", "Alaska" },      { "Hawaii", "Hawaii" },     { "Idaho", "Idaho" },
    { "Iowa", "Iowa" },          { "Maine", "Maine" },       { "Ohio", "Ohio" },
    { "Texas", "Texas" },        { "Utah", "Utah" },
};

/* The state s[0..n) abbreviates: after a party any entry, alone only the
** undotted abbreviations, and those need their period. */
static const char *state_en(const char *s, size_t n, int party, int period)
{
    for (size_t i = 0; i < N_ELEMS(states_en); i++) {
        const char *a = states_en[i].abbr;
        if (!eq(s, n, a))
            continue;
        int full = strcmp(a, states_en[i].name) == 0, dotted = strchr(a, '.') != NULL;
        if (party ? (full || dotted || period) : (!full && !dotted && period))
            return states_en[i].name;
    }
    return NULL;
}

/* "Calif." -> "California"; "(D-Calif.)" -> "(Democrat of California)". */
static int en_state(ctx *c)
{
    const tok *t = peek(c, 0);
    const char *s = CORE(t);
    size_t n = t->cn;
    const char *party = NULL, *name;
    if (!has_period(t) && !(n >= 3 && s[1] == '-'))
        return 0;
    if (n >= 3 && s[1] == '-' && (s[0] == 'D' || s[0] == 'R' || s[0] == 'I')) {
        party = s[0] == 'D' ? "Democrat" : s[0] == 'R' ? "Republican" : "Independent";
        s += 2;
        n -= 2;
    }
    name = state_en(s, n, party != NULL, has_period(t));
    if (!name)
        return 0;
    begin(c, t);
    if (party) {
        word(c, party);
        word(c, "of");
    }
    word(c, name);
    finish(c, t, !keeps_period(c, 0));
    return 1;
}

/* The abbreviation the token is, or NULL. */
static const abbr *find_abbr(ctx *c, const abbr *table, size_t count)
{
    const tok *t = peek(c, 0);
    const tok *next = peek(c, 1);
    int period = has_period(t);
    const char *s = CORE(t);
    for (size_t i = 0; i < count; i++) {
        const abbr *a = &table[i];
        if (a->key[0] != s[0] || !eq(s, t->cn, a->key))
            continue;
        if ((a->flags & AB_DOT) && !period)
            continue;
        if ((a->flags & AB_DIGIT) && (!next || next->ln || !is_digit(CORE(next)[0])))
            continue;
        if ((a->flags & AB_NAME) && !is_name(next))
            continue;
        return a;
    }
    return NULL;
}

/* Doctor or Drive; Saint or Street. */
static const char *context_expansion(ctx *c, const abbr *a, int *may_end)
{
    const tok *prev = prev_tok(c);
    const tok *next = peek(c, 1);
    int after_street = prev && TLEN(prev) == 0 &&
                       (is_name(prev) || (prev->cn >= 3 && is_digit(CORE(prev)[0])));
    int before_name = is_name(next);
    if (a->flags & AB_DR) {
        if (after_street && !before_name && prev->cn >= 2 && !is_digit(CORE(prev)[0])) {
            *may_end = 1;
            return "Drive";
        }
        return "Doctor";
    }
    if (a->flags & AB_ST) {
        if (before_name)
            return "Saint";
        if (after_street) {
            *may_end = 1;
            return "Street";
        }
        return has_period(peek(c, 0)) ? "Saint" : NULL;
    }
    return a->expansion;
}

static int en_abbreviation(ctx *c)
{
    static const char *const no_period[] = { "Dr", "Mr", "Mrs", "Ms", "St", "No", "vs", "aka" };
    const tok *t0 = peek(c, 0);
    if (!has_period(t0) && !memchr(CORE(t0), '.', t0->cn) &&
        !in_list(no_period, N_ELEMS(no_period), CORE(t0), t0->cn, 0))
        return 0; /* the forms without a period are few */
    const abbr *a = find_abbr(c, abbrs_en, N_ELEMS(abbrs_en));
    if (!a)
        return 0;
    int may_end = (a->flags & AB_END) != 0;
    const char *exp = context_expansion(c, a, &may_end);
    if (!exp)
        return 0;
    const tok *t = peek(c, 0);
    begin(c, t);
    word(c, exp);
    int drop = !(may_end ? keeps_period(c, 0) : peek(c, 1) == NULL);
    finish(c, t, drop);
    return 1;
}

/* ================================================================ English context rules */

static long day_of(const tok *t, int allow_suffix)
{
    if (!t || t->ln)
        return 0;
    const char *s = CORE(t);
    size_t n = t->cn, i = 0;
    while (i < n && is_digit(s[i]))
        i++;
    if (i == 0 || i > 2)
        return 0;
    if (i < n) {
        if (!allow_suffix || n - i != 2)
            return 0;
        char a = to_lower(s[i]), b = to_lower(s[i + 1]);
        if (!((a == 's' && b == 't') || (a == 'n' && b == 'd') || (a == 'r' && b == 'd') ||
              (a == 't' && b == 'h')))
            return 0;
    }
    long d = nr_num_value(s, i);
    return d >= 1 && d <= 31 ? d : 0;
}

static int year_tok(const tok *t)
{
    if (!t || t->ln || t->cn != 4 || !all_digits(CORE(t), 4))
        return 0;
    long y = nr_num_value(CORE(t), 4);
    return y >= 1000 && y <= 2099;
}

static void say_day(ctx *c, long d)
{
    char buf[2] = { (char)('0' + d / 10), (char)('0' + d % 10) };
    say_ordinal_digits(c, d >= 10 ? buf : buf + 1, d >= 10 ? 2 : 1);
}

/* "Oct. 7", "Jan. 5, 1960", "Jan. 2024", "Oct. 7-8". */
static int en_month_first(ctx *c)
{
    const tok *t = peek(c, 0);
    int abbrev;
    int m = month_en(CORE(t), t->cn, &abbrev);
    if (m < 0)
        return 0;
    const tok *t1 = peek(c, 1);
    int clean = TLEN(t) == 0 || (abbrev && TLEN(t) == 1 && has_period(t));
    long day = clean ? day_of(t1, 1) : 0;
    int range = 0;
    if (clean && !day && t1 && !t1->ln) { /* "Oct. 7-8" */
        const char *s = CORE(t1);
        size_t n = t1->cn, dash = 0;
        while (dash < n && is_digit(s[dash]))
            dash++;
        if (dash >= 1 && dash <= 2 && dash + 2 <= n && s[dash] == '-' && n - dash - 1 <= 2 &&
            all_digits(s + dash + 1, n - dash - 1)) {
            long d1 = nr_num_value(s, dash), d2 = nr_num_value(s + dash + 1, n - dash - 1);
            if (d1 >= 1 && d1 < d2 && d2 <= 31) {
                day = d1;
                range = (int)d2;
            }
        }
    }
    int year = clean && !day && year_tok(t1);
    if (abbrev && !has_period(t) && !day && !year)
        return 0; /* "Jan" alone may be a name */
    begin(c, t);
    word(c, months_en[m]);
    if (!day && !year) {
        finish(c, t, abbrev && !keeps_period(c, 0));
        return 1;
    }
    finish(c, t, 1);
    begin(c, t1);
    if (year) {
        say_year_or_int(c, CORE(t1), 4);
        finish(c, t1, 0);
        return 2;
    }
    say_day(c, day);
    if (range) {
        word(c, "to");
        say_day(c, range);
    }
    finish(c, t1, 0);
    const tok *t2 = peek(c, 2);
    if ((TLEN(t1) == 0 || (TLEN(t1) == 1 && TRAIL(t1)[0] == ',')) && year_tok(t2)) {
        begin(c, t2);
        say_year_or_int(c, CORE(t2), 4);
        finish(c, t2, 0);
        return 3;
    }
    return 2;
}

/* "7 October" -> "the seventh of October" (with an optional year). */
static int en_day_first(ctx *c)
{
    const tok *t = peek(c, 0), *t1 = peek(c, 1);
    long day = TLEN(t) == 0 ? day_of(t, 1) : 0;
    int abbrev;
    int m = day && t1 && !t1->ln ? month_en(CORE(t1), t1->cn, &abbrev) : -1;
    if (m < 0)
        return 0;
    const tok *prev = prev_tok(c);
    begin(c, t);
    if (!(prev && TLEN(prev) == 0 && eq_nocase(CORE(prev), prev->cn, "the")))
        word(c, "the");
    say_day(c, day);
    word(c, "of");
    word(c, months_en[m]);
    int clean = TLEN(t1) == 0 || (abbrev && TLEN(t1) == 1 && has_period(t1));
    const tok *t2 = peek(c, 2);
    if (clean && year_tok(t2)) {
        finish(c, t1, 1);
        begin(c, t2);
        say_year_or_int(c, CORE(t2), 4);
        finish(c, t2, 0);
        return 3;
    }
    finish(c, t1, abbrev && !keeps_period(c, 1));
    return 2;
}

/* Currency names. */
typedef struct {
    const char *sym, *one, *many, *sub_one, *sub_many;
} currency;

static const currency currencies_en[] = {
    { "US$", "U S dollar", "U S dollars", "cent", "cents" },
    { "NZ$", "New Zealand dollar", "New Zealand dollars", "cent", "cents" },
    { "HK$", "Hong Kong dollar", "Hong Kong dollars", "cent", "cents" },
    { "C$", "Canadian dollar", "Canadian dollars", "cent", "cents" },
    { "A$", "Australian dollar", "Australian dollars", "cent", "cents" },
    { "S$", "Singapore dollar", "Singapore dollars", "cent", "cents" },
    { "$", "dollar", "dollars", "cent", "cents" },
    { "\xE2\x82\xAC", "euro", "euros", "cent", "cents" },
    { "\xC2\xA3", "pound", "pounds", "penny", "pence" },
    { "\xC2\xA5", "yen", "yen", NULL, NULL },
    { "\xE2\x82\xB9", "rupee", "rupees", NULL, NULL },
};

static int currency_at(const char *s, size_t n, size_t *len)
{
    if (n == 0 || is_digit(s[0]) || is_lower(s[0]))
        return -1;
    for (size_t i = 0; i < N_ELEMS(currencies_en); i++) {
        size_t k = strlen(currencies_en[i].sym);
        if (k <= n && memcmp(s, currencies_en[i].sym, k) == 0) {
            *len = k;
            return (int)i;
        }
    }
    return -1;
}

/* An amount of money in one word: "$3.5bn", "$5-10", "45€". */
typedef struct {
    int cur;
    numlit a, b;        /* b.len == 0: no range */
    const char *scale;  /* attached scale word, or NULL */
    size_t len;         /* characters consumed */
} money;

static int parse_money(const char *s, size_t n, money *mo)
{
    size_t i = 0, k;
    memset(mo, 0, sizeof *mo);
    mo->cur = currency_at(s, n, &k);
    if (mo->cur >= 0)
        i = k;
    if (!parse_num(s + i, n - i, &mo->a, 0) || mo->a.sign)
        return 0;
    i += mo->a.len;
    const char *sc = scale_at(s + i, n - i, &k, 0, 1);
    if (sc) {
        mo->scale = sc;
        i += k;
    }
    if (i + 1 < n && s[i] == '-') {
        size_t j = i + 1, sk;
        if (mo->cur >= 0 && currency_at(s + j, n - j, &sk) == mo->cur)
            j += sk;
        numlit b;
        if (parse_num(s + j, n - j, &b, 0)) {
            j += b.len;
            const char *sc2 = scale_at(s + j, n - j, &k, 0, 1);
            if (sc2 && (!mo->scale || mo->scale == sc2)) {
                mo->scale = sc2;
                j += k;
            }
            if (!sc2 || sc2 == mo->scale) {
                mo->b = b;
                i = j;
            }
        }
    }
    if (mo->cur < 0) {
        mo->cur = currency_at(s + i, n - i, &k);
        if (mo->cur < 0)
            return 0;
        i += k;
    }
    mo->len = i;
    return 1;
}

/* "three point five billion dollars", "twelve dollars and fifty cents";
** attributive ("a $5 million contract"): "five million dollar". */
static void say_money(ctx *c, const money *mo, const char *scale, int attributive)
{
    const currency *cu = &currencies_en[mo->cur];
    if (mo->b.len) {
        say_num(c, &mo->a);
        word(c, "to");
        say_num(c, &mo->b);
        if (scale)
            word(c, scale);
        word(c, attributive ? cu->one : cu->many);
        return;
    }
    const numlit *m = &mo->a;
    if (scale || m->fl != 2 || !cu->sub_one) {
        say_num(c, m);
        if (scale)
            word(c, scale);
        word(c, attributive || (!scale && is_one(m)) ? cu->one : cu->many);
        return;
    }
    long cents = nr_num_value(m->fp, 2);
    int whole = m->il > 0 && !(m->il == 1 && m->ip[0] == '0');
    if (whole) {
        say_int(c, m);
        word(c, m->il == 1 && m->ip[0] == '1' ? cu->one : cu->many);
    }
    if (cents) {
        if (whole)
            word(c, "and");
        say_small(c, cents);
        word(c, cents == 1 ? cu->sub_one : cu->sub_many);
    } else if (!whole) {
        word(c, "zero");
        word(c, cu->many);
    }
}

/* The rest of a money word: "-a-share" -> "a share", "/month" -> "per month". */
static void say_money_rest(ctx *c, const char *s, size_t n)
{
    if (n == 0)
        return;
    if (s[0] == '/') {
        word(c, "per");
        s++;
        n--;
    } else if (s[0] == '-') {
        s++;
        n--;
    }
    size_t start = 0;
    for (size_t i = 0; i <= n; i++) {
        if (i < n && s[i] != '-')
            continue;
        en_part(c, s + start, i - start);
        start = i + 1;
    }
}

/* Capitalized words after an amount in a headline that are no noun it describes:
** "$2 Trillion Overnight", "$5 Million Monday". */
static int not_a_noun(const tok *t)
{
    static const char *const words[] = {
        "already", "annually", "apiece", "away", "back", "daily", "friday", "instead", "less",
        "monday", "monthly", "off", "overnight", "saturday", "sunday", "thursday", "today",
        "tomorrow", "tonight", "total", "tuesday", "wednesday", "weekly", "yearly", "yesterday",
    };
    return in_list(words, N_ELEMS(words), CORE(t), t->cn, 1);
}

static int en_money(ctx *c)
{
    const tok *t = peek(c, 0), *t1 = peek(c, 1);
    money mo;
    const char *s = CORE(t);
    size_t n = t->cn, k;
    int used = 1;
    if (!is_digit(s[0]) && s[0] != '$' && s[0] != '.' && (unsigned char)s[0] < 0x80 &&
        !(is_upper(s[0]) && memchr(s, '$', n)))
        return 0;
    if (!parse_money(s, n, &mo)) {
        /* "45 €": a number, then the symbol alone */
        numlit m;
        if (!t1 || TLEN(t) || t1->ln || parse_num(s, n, &m, 0) != n || m.sign)
            return 0;
        int cur = currency_at(CORE(t1), t1->cn, &k);
        if (cur < 0 || k != t1->cn)
            return 0;
        memset(&mo, 0, sizeof mo);
        mo.cur = cur;
        mo.a = m;
        mo.len = n;
        begin(c, t);
        say_money(c, &mo, NULL, 0);
        finish(c, t1, 0);
        return 2;
    }
    const char *scale = mo.scale;
    const tok *last = t;
    if (!scale && mo.len == n && TLEN(t) == 0 && t1 && !t1->ln) {
        const char *sc = scale_at(CORE(t1), t1->cn, &k, 1, 1);
        if (sc && (k > 2 || !is_upper(CORE(t1)[0]))) {
            scale = sc;
            last = t1;
            used = 2;
        }
    }
    /* "a $5 bill", "the $1.2 trillion plan": after a determiner, before a noun.
    ** Headlines drop determiners and capitalize nouns: "$3.5 Billion Flood Plan". */
    static const char *const determiners[] = { "a", "an", "the", "its", "his", "her", "their",
                                               "our", "this", "that", "each", "every" };
    const tok *prev = prev_tok(c), *after = peek(c, used);
    int attributive = mo.len == n && TLEN(last) == 0 &&
                      (c->title_case || (prev && TLEN(prev) == 0 &&
                                         in_list(determiners, N_ELEMS(determiners), CORE(prev), prev->cn, 1))) &&
                      after && !after->ln && after->cn > 0 &&
                      (c->title_case ? is_alpha(CORE(after)[0]) && !not_a_noun(after) : is_lower(CORE(after)[0])) &&
                      !is_function_word(CORE(after), after->cn);
    for (size_t i = 0; attributive && after && i < after->cn; i++)
        attributive = is_alpha(CORE(after)[i]) || CORE(after)[i] == '-';
    begin(c, t);
    say_money(c, &mo, scale, attributive);
    say_money_rest(c, s + mo.len, n - mo.len);
    finish(c, last, 0);
    return used;
}

/* Is the token a plain number ("1,200", "-3.5", "7")? */
static int plain_number(const tok *t, numlit *m)
{
    return t && t->cn > 0 && parse_num(CORE(t), t->cn, m, 1) == t->cn;
}

static int en_reads_as_year(ctx *c, const tok *t)
{
    const tok *next = peek(c, 1), *prev = prev_tok(c);
    if (TLEN(t) || !next || next->ln)
        return 1;
    if (prev && TLEN(prev) == 0) {
        int abbrev;
        if (in_list(year_cues, N_ELEMS(year_cues), CORE(prev), prev->cn, 1) ||
            month_en(CORE(prev), prev->cn, &abbrev) >= 0)
            return 1;
    }
    const char *s = CORE(next);
    if (next->cn == 0 || !is_lower(s[0]))
        return 1;
    for (size_t i = 0; i < next->cn; i++)
        if (!is_alpha(s[i]))
            return 1;
    return is_function_word(s, next->cn);
}

/* A number token read with its neighbors: units, a.m./p.m., mixed
** fractions, years. */
static int en_number_context(ctx *c)
{
    const tok *t = peek(c, 0), *t1 = peek(c, 1);
    numlit m;
    timelit tm;
    const char *s = CORE(t);
    size_t n = t->cn, k;
    /* "3:30 p.m.", "12:00 p.m." */
    if (TLEN(t) == 0 && parse_time(s, n, &tm) == n) {
        int ampm = ampm_tok(t1);
        if (!ampm)
            return 0;
        begin(c, t);
        say_time(c, &tm, ampm);
        finish(c, t1, !keeps_period(c, 1));
        return 2;
    }
    /* "(555) 123-4567": an area code */
    if (t->ln == 1 && t->s[0] == '(' && n == 3 && all_digits(s, 3) && TLEN(t) == 1 &&
        TRAIL(t)[0] == ')' && t1 && !t1->ln && t1->cn == 8 && CORE(t1)[3] == '-' &&
        all_digits(CORE(t1), 3) && all_digits(CORE(t1) + 4, 4)) {
        begin(c, t);
        nr_num_digits(c->out, s, 3);
        finish(c, t, 0);
        begin(c, t1);
        nr_num_digits(c->out, CORE(t1), 3);
        nr_buf_putc(c->out, ',');
        nr_num_digits(c->out, CORE(t1) + 4, 4);
        finish(c, t1, 0);
        return 2;
    }
    if (!plain_number(t, &m))
        return 0;
    if (eq(s, n, "911")) { /* the emergency number */
        begin(c, t);
        nr_num_digits(c->out, s, n);
        finish(c, t, 0);
        return 1;
    }
    if (TLEN(t) == 0 && t1 && !t1->ln) {
        int u = unit_in(c, CORE(t1), t1->cn, &k);
        if (u >= 0 && k == t1->cn) {
            const tok *t2 = TLEN(t1) == 0 ? peek(c, 2) : NULL;
            int noun_follows = t2 && !t2->ln && t2->cn > 1 && is_lower(CORE(t2)[0]);
            begin(c, t);
            say_num(c, &m);
            if (eq(CORE(t1), t1->cn, "m") && noun_follows && m.fl > 0)
                word(c, "million"); /* "1.2 m people" */
            else
                word(c, is_one(&m) || (noun_follows && article_before(c)) ? units_en[u].one
                                                                         : units_en[u].many);
            finish(c, t1, !keeps_period(c, 1));
            return 2;
        }
        if (eq(CORE(t1), t1->cn, "%")) {
            begin(c, t);
            say_num(c, &m);
            word(c, "percent");
            finish(c, t1, 0);
            return 2;
        }
        int ampm = ampm_tok(t1);
        long h = int_value(&m);
        long mm = m.fl == 2 ? nr_num_value(m.fp, 2) : m.fl == 0 ? 0 : 99;
        if (ampm && !m.sign && !m.grouped && h >= 1 && h <= 12 && mm <= 59) {
            timelit th = { h, mm, -1, 0 };
            begin(c, t);
            say_time(c, &th, ampm);
            finish(c, t1, !keeps_period(c, 1));
            return 2;
        }
        /* "2 1/2" */
        const char *f = CORE(t1);
        size_t slash = 0;
        while (slash < t1->cn && is_digit(f[slash]))
            slash++;
        if (!m.sign && m.fl == 0 && slash >= 1 && slash < t1->cn && f[slash] == '/' &&
            all_digits(f + slash + 1, t1->cn - slash - 1)) {
            long num = nr_num_value(f, slash);
            long den = nr_num_value(f + slash + 1, t1->cn - slash - 1);
            if (num >= 1 && num < den && den <= 16 && f[0] != '0' && den != 11 && den != 12 &&
                den != 7 && den != 9) {
                begin(c, t);
                say_num(c, &m);
                word(c, "and");
                say_fraction(c, num, den, 1);
                finish(c, t1, 0);
                return 2;
            }
        }
    }
    if (!m.sign && m.fl == 0 && !m.grouped && m.il == 4) {
        long v = nr_num_value(m.ip, 4);
        if (v >= 1100 && v <= 2099) {
            begin(c, t);
            if (en_reads_as_year(c, t))
                say_year_or_int(c, m.ip, 4);
            else
                nr_num_cardinal(c->out, m.ip, 4);
            finish(c, t, 0);
            return 1;
        }
    }
    return 0;
}

/* Roman numerals [IVXL] up to 89 in canonical form; 0 if not one. */
static int roman_value(const char *s, size_t n)
{
    if (n == 0 || n > 8)
        return 0;
    int v = 0;
    for (size_t i = 0; i < n; i++) {
        int a = s[i] == 'I' ? 1 : s[i] == 'V' ? 5 : s[i] == 'X' ? 10 : s[i] == 'L' ? 50 : 0;
        if (!a)
            return 0;
        int b = 0;
        if (i + 1 < n)
            b = s[i + 1] == 'I' ? 1 : s[i + 1] == 'V' ? 5 : s[i + 1] == 'X' ? 10 : 50;
        v += a < b ? -a : a;
    }
    if (v < 1 || v > 89)
        return 0;
    static const char *const tens_r[] = { "", "X", "XX", "XXX", "XL", "L", "LX", "LXX", "LXXX" };
    static const char *const ones_r[] = { "", "I", "II", "III", "IV", "V", "VI", "VII", "VIII",
                                          "IX" };
    char canon[16];
    size_t a = strlen(tens_r[v / 10]), b = strlen(ones_r[v % 10]);
    memcpy(canon, tens_r[v / 10], a);
    memcpy(canon + a, ones_r[v % 10], b);
    return a + b == n && memcmp(canon, s, n) == 0 ? v : 0;
}

/* Names that take a regnal number, even a one-letter one ("Elizabeth I"). */
static const char *const regnal_names[] = {
    "Henry", "Edward", "George", "Charles", "James", "William", "Elizabeth", "Mary",
    "Richard", "John", "Louis", "Peter", "Paul", "Pius", "Leo", "Gregory", "Benedict",
    "Clement", "Innocent", "Urban", "Boniface", "Alexander", "Nicholas", "Frederick",
    "Philip", "Ferdinand", "Francis", "Carlos", "Felipe", "Juan", "Napoleon", "Wilhelm",
    "Victor", "Umberto", "Gustav", "Gustaf", "Haakon", "Harald", "Olav", "Christian",
    "Frederik", "Willem", "Albert", "Leopold", "Constantine", "Ivan", "Catherine", "Anne",
    "Edmund", "Stephen", "Sixtus", "Julius", "Alfonso", "Ludwig", "Otto", "Rama",
    "Mohammed", "Hassan", "Abdullah", "Hussein", "Selim", "Suleiman", "Mehmed", "Murad",
    "Pedro", "Manuel", "Casimir", "Sigismund", "Boris", "Simeon", "Michael", "Ramesses",
    "Ptolemy", "Cleopatra", "Thutmose", "Amenhotep", "Darius", "Xerxes", "Cyrus", "Herod",
    "Justinian", "Theodosius", "Basil", "David", "Robert", "Harold", "Canute", "Cnut",
    "Matilda", "Victoria", "Adrian", "Hadrian", "Celestine", "Honorius", "Eugene",
    "Martin", "Sergius", "Marcellus", "Felix", "Lucius", "Silvester", "Sylvester", "Hugh",
};

/* Words after which a numeral is a plain number ("World War II"). */
static const char *const cardinal_before[] = {
    "War", "Bowl", "Vatican", "Apollo", "Title", "Phase", "Chapter", "Part", "Episode",
    "Type", "Class", "Stage", "Grade", "Level", "Volume", "Article", "Act", "Book", "Round",
    "Section", "Schedule", "Gemini", "Mark", "Series", "Category", "Tier", "Division",
    "Appendix", "Annex", "Psalm", "Rocky", "Mania", "WrestleMania", "Clause", "Amendment",
};

static int en_roman(ctx *c)
{
    const tok *t = peek(c, 0), *prev = prev_tok(c);
    const char *s = CORE(t);
    size_t n = t->cn;
    int possessive = n > 2 && s[n - 2] == '\'' && s[n - 1] == 's';
    if (possessive)
        n -= 2;
    int v = roman_value(s, n);
    if (!v || !prev || TLEN(prev) || !is_name(prev))
        return 0;
    const char *ps = CORE(prev);
    size_t pn = prev->cn;
    int cardinal = in_list(cardinal_before, N_ELEMS(cardinal_before), ps, pn, 0);
    if (n == 1 && !cardinal && !in_list(regnal_names, N_ELEMS(regnal_names), ps, pn, 0))
        return 0; /* "I", "V", "X" only after a known regnal name */
    if (n == 1 && s[0] == 'I' && !cardinal) {
        /* "Elizabeth I" - but not "Then I said": the pronoun has a verb after it */
        const tok *next = peek(c, 1);
        static const char *const after_regnal[] = {
            "of", "and", "or", "who", "whose", "in", "reigned", "ruled", "died", "became",
            "was", "had", "to", "on", "at", "for", "from", "with", "by", "as",
        };
        if (next && TLEN(t) == 0 && !possessive && is_lower(CORE(next)[0]) &&
            !in_list(after_regnal, N_ELEMS(after_regnal), CORE(next), next->cn, 0))
            return 0;
    }
    char d[2] = { (char)('0' + v / 10), (char)('0' + v % 10) };
    begin(c, t);
    if (cardinal) {
        nr_num_cardinal(c->out, v >= 10 ? d : d + 1, v >= 10 ? 2 : 1);
    } else {
        word(c, "the");
        say_ordinal_digits(c, v >= 10 ? d : d + 1, v >= 10 ? 2 : 1);
    }
    if (possessive)
        nr_buf_puts(c->out, "'s");
    finish(c, t, 0);
    return 1;
}

/* Dotted initialisms ("U.S.") and initials ("J."): no period left inside. */
static int en_initials(ctx *c)
{
    const tok *t = peek(c, 0);
    const char *s = CORE(t);
    size_t n = t->cn;
    if (n == 1 && is_upper(s[0]) && has_period(t)) {
        begin(c, t);
        word_n(c, s, 1);
        finish(c, t, !keeps_period(c, 0));
        return 1;
    }
    if (is_initialism(s, n)) {
        begin(c, t);
        say_initialism(c, s, n);
        finish(c, t, !keeps_period(c, 0));
        return 1;
    }
    return 0;
}

/* Four numbers 0..255 joined by periods: an IPv4 address. */
static int is_ip(const char *s, size_t n)
{
    int groups = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && is_digit(s[j]))
            j++;
        if (j == i || j - i > 3 || nr_num_value(s + i, j - i) > 255)
            return 0;
        groups++;
        if (j < n && (s[j] != '.' || j + 1 == n))
            return 0;
        i = j + 1;
    }
    return groups == 4;
}

static int handle_en(ctx *c)
{
    const tok *t = peek(c, 0);
    const char *s = CORE(t);
    size_t n = t->cn;
    if (n == 0) {
        emit_raw(c, t);
        return 1;
    }
    /* the common case: a lower-case word */
    if (is_lower(s[0]) && !has_period(t)) {
        size_t i = 1;
        while (i < n && is_lower(s[i]))
            i++;
        if (i == n && !eq(s, n, "et") && !eq(s, n, "vs") && !eq(s, n, "aka")) {
            emit_raw(c, t);
            return 1;
        }
    }
    int k;
    if (eq(s, n, "et") && TLEN(t) == 0) {
        const tok *t1 = peek(c, 1);
        if (t1 && !t1->ln && eq(CORE(t1), t1->cn, "al") && has_period(t1)) {
            begin(c, t);
            word(c, "and others");
            finish(c, t1, !keeps_period(c, 1));
            return 2;
        }
    }
    if ((k = en_web(c, t)) != 0)
        return k;
    if (is_digit(s[0]) && is_ip(s, n)) { /* "10.0.0.1": ten dot zero dot zero dot one */
        begin(c, t);
        for (size_t i = 0, start = 0; i <= n; i++)
            if (i == n || s[i] == '.') {
                if (start)
                    word(c, "dot");
                nr_num_cardinal(c->out, s + start, i - start);
                start = i + 1;
            }
        finish(c, t, !keeps_period(c, 0));
        return 1;
    }
    if ((k = en_money(c)) != 0)
        return k;
    if ((k = en_month_first(c)) != 0)
        return k;
    if ((k = en_day_first(c)) != 0)
        return k;
    if ((k = en_number_context(c)) != 0)
        return k;
    if ((k = en_roman(c)) != 0)
        return k;
    if ((k = en_abbreviation(c)) != 0)
        return k;
    if (is_upper(s[0]) && (k = en_state(c)) != 0)
        return k;
    if ((k = en_initials(c)) != 0)
        return k;
    begin(c, t);
    en_core(c, s, n);
    finish(c, t, 0);
    return 1;
}

/* ================================================================ Spanish, French, German */

static const abbr abbrs_fr[] = {
    { "M", "Monsieur", AB_DOT | AB_NAME },
    { "Mme", "Madame", 0 },
    { "Mmes", "Mesdames", 0 },
    { "Mlle", "Mademoiselle", 0 },
    { "Mlles", "Mesdemoiselles", 0 },
    { "Dr", "Docteur", 0 },
    { "Pr", "Professeur", AB_NAME },
    { "Me", "Maître", AB_NAME },
    { "Mgr", "Monseigneur", 0 },
    { "bd", "boulevard", AB_NAME },
    { "St", "Saint", AB_NAME },
    { "Ste", "Sainte", AB_NAME },
    { "n\xC2\xB0", "numéro", 0 },
    { "N\xC2\xB0", "numéro", 0 },
    { "1er", "premier", 0 },
    { "1re", "première", 0 },
    { "1ère", "première", 0 },
    { "1ers", "premiers", 0 },
    { "Cie", "Compagnie", 0 },
};

static const abbr abbrs_de[] = {
    { "Fr", "Frau", AB_DOT | AB_NAME },
    { "St", "Sankt", AB_DOT | AB_NAME },
    { "Hbf", "Hauptbahnhof", 0 },
};

static const char *const months_de[] = {
    "Januar", "Jänner", "Februar", "März", "April", "Mai", "Juni", "Juli", "August",
    "September", "Oktober", "November", "Dezember",
};
static const char *const months_de_short[] = {
    "Jan", "Feb", "Febr", "Mär", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Okt", "Nov", "Dez",
};

static const char *const ordinal_de[31] = {
    "erst", "zweit", "dritt", "viert", "fünft", "sechst", "siebt", "acht", "neunt", "zehnt",
    "elft", "zwölft", "dreizehnt", "vierzehnt", "fünfzehnt", "sechzehnt", "siebzehnt",
    "achtzehnt", "neunzehnt", "zwanzigst", "einundzwanzigst", "zweiundzwanzigst",
    "dreiundzwanzigst", "vierundzwanzigst", "fünfundzwanzigst", "sechsundzwanzigst",
    "siebenundzwanzigst", "achtundzwanzigst", "neunundzwanzigst", "dreißigst",
    "einunddreißigst",
};

static int is_month_de(const tok *t)
{
    if (!t || t->ln)
        return 0;
    if (in_list(months_de, N_ELEMS(months_de), CORE(t), t->cn, 0))
        return 1;
    return has_period(t) && in_list(months_de_short, N_ELEMS(months_de_short), CORE(t), t->cn, 0);
}

/* "am 3. Oktober" -> "am dritten Oktober"; "der 2. Weltkrieg" -> "der zweite
** Weltkrieg".  The ending follows the word before. */
static int de_ordinal(ctx *c)
{
    const tok *t = peek(c, 0), *t1 = peek(c, 1), *prev = prev_tok(c);
    if (!t1 || t->ln || t->cn > 2 || !all_digits(CORE(t), t->cn) || TLEN(t) != 1 ||
        !has_period(t) || t1->ln || t1->cn == 0 || (unsigned char)CORE(t1)[0] < 'A' ||
        is_lower(CORE(t1)[0]))
        return 0;
    long v = nr_num_value(CORE(t), t->cn);
    if (v < 1 || v > 31)
        return 0;
    static const char *const weak_en[] = { "am", "im", "vom", "zum", "beim", "den", "dem",
                                           "des", "bis", "ins", "ans", "aufs", "zur" };
    static const char *const weak_e[] = { "der", "die", "das" };
    static const char *const strong_em[] = { "seit", "ab", "vor", "nach", "von", "zu", "mit",
                                             "bei", "aus" };
    const char *ending = NULL;
    if (prev && TLEN(prev) == 0) {
        if (in_list(weak_en, N_ELEMS(weak_en), CORE(prev), prev->cn, 1))
            ending = "en";
        else if (in_list(weak_e, N_ELEMS(weak_e), CORE(prev), prev->cn, 1))
            ending = "e";
        else if (in_list(strong_em, N_ELEMS(strong_em), CORE(prev), prev->cn, 1))
            ending = "em";
    }
    int month = is_month_de(t1);
    if (!ending && !month)
        return 0; /* "2. Weltkrieg" without an article: left to espeak-ng */
    if (!ending)
        ending = "er";
    begin(c, t);
    char w[64];
    size_t a = strlen(ordinal_de[v - 1]), b = strlen(ending);
    memcpy(w, ordinal_de[v - 1], a);
    memcpy(w + a, ending, b);
    word_n(c, w, a + b);
    finish(c, t, 1);
    return 1;
}

typedef struct {
    const char *sym, *es_one, *es_many, *fr_one, *fr_many, *de;
} currency_x;

static const currency_x currencies_x[] = {
    { "US$", "dólar estadounidense", "dólares estadounidenses", "dollar américain",
      "dollars américains", "US-Dollar" },
    { "$", "dólar", "dólares", "dollar", "dollars", "Dollar" },
    { "\xE2\x82\xAC", "euro", "euros", "euro", "euros", "Euro" },
    { "\xC2\xA3", "libra", "libras", "livre", "livres", "Pfund" },
    { "\xC2\xA5", "yen", "yenes", "yen", "yens", "Yen" },
};

static int currency_x_at(const char *s, size_t n, size_t *len)
{
    for (size_t i = 0; i < N_ELEMS(currencies_x); i++) {
        size_t k = strlen(currencies_x[i].sym);
        if (k <= n && memcmp(s, currencies_x[i].sym, k) == 0) {
            *len = k;
            return (int)i;
        }
    }
    return -1;
}

/* Digits with . , separators (as written): the amount's length, or 0. */
static size_t amount_x(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n && (is_digit(s[i]) || ((s[i] == '.' || s[i] == ',') && i > 0 && i + 1 < n &&
                                        is_digit(s[i + 1]))))
        i++;
    return is_digit(s[0]) ? i : 0;
}

static const char *const scales_x_es[] = { "mil", "millón", "millones", "billón", "billones" };
static const char *const scales_x_fr[] = { "million", "millions", "milliard", "milliards" };
static const char *const scales_x_de[] = { "Million", "Millionen", "Milliarde", "Milliarden",
                                          "Mio", "Mrd", "Tsd" };

static int x_scale_word(const ctx *c, const tok *t)
{
    const char *const *list = c->lang == LANG_ES ? scales_x_es
                              : c->lang == LANG_FR ? scales_x_fr : scales_x_de;
    size_t count = c->lang == LANG_ES ? N_ELEMS(scales_x_es)
                   : c->lang == LANG_FR ? N_ELEMS(scales_x_fr) : N_ELEMS(scales_x_de);
    return in_list(list, count, CORE(t), t->cn, 0);
}

/* "€45", "45 €", "45€", "$3 millones" -> the amount, then the currency word. */
static int x_money(ctx *c)
{
    const tok *t = peek(c, 0), *t1 = peek(c, 1);
    const char *s = CORE(t);
    size_t n = t->cn, k = 0, amount_at = 0, amount_len;
    int cur = currency_x_at(s, n, &k);
    int used = 1;
    const tok *last = t;
    if (cur >= 0) {
        amount_at = k;
        amount_len = amount_x(s + k, n - k);
        if (!amount_len || k + amount_len != n)
            return 0;
    } else {
        amount_len = amount_x(s, n);
        if (!amount_len)
            return 0;
        if (amount_len < n) {
            cur = currency_x_at(s + amount_len, n - amount_len, &k);
            if (cur < 0 || amount_len + k != n)
                return 0;
        } else {
            if (!t1 || TLEN(t) || t1->ln)
                return 0;
            cur = currency_x_at(CORE(t1), t1->cn, &k);
            if (cur >= 0 && k != t1->cn)
                return 0;
            if (cur >= 0) {
                last = t1;
                used = 2;
            }
        }
    }
    /* a scale word after the amount: "€3 Mio." / "$3 millones" / "5 milliards $" */
    const tok *scale = NULL;
    if (cur < 0) {
        const tok *t2 = peek(c, 2);
        if (!t1 || !t2 || TLEN(t) || (TLEN(t1) && !(TLEN(t1) == 1 && has_period(t1))) ||
            t1->ln || t2->ln ||
            !x_scale_word(c, t1) || (cur = currency_x_at(CORE(t2), t2->cn, &k)) < 0 ||
            k != t2->cn)
            return 0;
        scale = t1;
        last = t2;
        used = 3;
    }
    if (used == 1 && TLEN(t) == 0 && t1 && !t1->ln) {
        if (x_scale_word(c, t1)) {
            scale = t1;
            last = t1;
            used = 2;
        }
    }
    const currency_x *cx = &currencies_x[cur];
    int one = amount_len == 1 && s[amount_at] == '1' && !scale;
    const char *name;
    if (c->lang == LANG_DE)
        name = cx->de;
    else if (c->lang == LANG_ES)
        name = c->pesos && cur == 1 ? (one ? "peso" : "pesos") : one ? cx->es_one : cx->es_many;
    else
        name = one ? cx->fr_one : cx->fr_many;
    begin(c, t);
    if (one) /* "1 dólar" is "un dólar", never "uno dólar" */
        word(c, c->lang == LANG_DE ? "ein" : c->lang == LANG_FR && cur == 3 ? "une" : "un");
    else
        word_n(c, s + amount_at, amount_len);
    if (scale) {
        const char *w = CORE(scale);
        size_t wl = scale->cn;
        if (c->lang == LANG_DE && eq(w, wl, "Mio"))
            word(c, "Millionen");
        else if (c->lang == LANG_DE && eq(w, wl, "Mrd"))
            word(c, "Milliarden");
        else if (c->lang == LANG_DE && eq(w, wl, "Tsd"))
            word(c, "Tausend");
        else
            word_n(c, w, wl);
        if (c->lang == LANG_ES && !eq(w, wl, "mil"))
            word(c, "de");
        else if (c->lang == LANG_FR) {
            unsigned char f = (unsigned char)name[0];
            int vowel = strchr("aeiou", (char)f) != NULL;
            word(c, vowel ? "d'" : "de");
            if (vowel)
                c->out->glue = 1;
        }
    }
    word(c, name);
    finish(c, last, has_period(last) && last == scale && !keeps_period(c, used - 1));
    return used;
}

static int x_abbreviation(ctx *c, const abbr *table, size_t count)
{
    const abbr *a = find_abbr(c, table, count);
    if (!a)
        return 0;
    const tok *t = peek(c, 0);
    begin(c, t);
    word(c, a->expansion);
    int drop = !((a->flags & AB_END) ? keeps_period(c, 0) : peek(c, 1) == NULL);
    finish(c, t, drop);
    return 1;
}

/* Is a one of the rules' word endings ("Hauptstr." ends in "str."), not a whole word?
** (A language may have none: no pointer arithmetic on an absent table.) */
static int is_suffix(const nr_lang_rules *r, const nr_abbr *a)
{
    return a && r->suffix_count && a >= r->suffixes && a < r->suffixes + r->suffix_count;
}

/* An abbreviation with a spoken form in the language's table (src/lang/),
** which the splitter reads too: one token ("Sra.") or two ("p. ej."). */
static int x_table_abbreviation(ctx *c)
{
    const tok *t = peek(c, 0), *t1 = peek(c, 1);
    if (t->cn == 0 || t->cn > 32)
        return 0;
    if (!has_period(t)) { /* "Dott.ssa", "nº": abbreviated without a final period */
        const nr_abbr *a = memchr(CORE(t), '.', t->cn) || memmem(CORE(t), t->cn, "\xC2\xBA", 2) ||
                                   memmem(CORE(t), t->cn, "\xC2\xB0", 2)
                               ? nr_rules_abbr(c->rules, CORE(t), t->cn)
                               : NULL;
        if (!a || !a->spoken)
            return 0;
        begin(c, t);
        word(c, a->spoken);
        finish(c, t, 0);
        return 1;
    }
    const nr_abbr *a = NULL;
    int used = 1;
    if (t1 && TLEN(t) == 1 && !t1->ln && has_period(t1) && t1->cn <= 32) {
        char key[70];
        memcpy(key, CORE(t), t->cn);
        memcpy(key + t->cn, ". ", 2);
        memcpy(key + t->cn + 2, CORE(t1), t1->cn);
        a = nr_rules_abbr(c->rules, key, t->cn + 2 + t1->cn);
        if (is_suffix(c->rules, a)) /* "z. Hauptstr.": the suffix is the next token's */
            a = NULL;
        used = 2;
    }
    if (!a || !a->spoken) {
        a = nr_rules_abbr(c->rules, CORE(t), t->cn);
        used = 1;
    }
    if (!a || !a->spoken)
        return 0;
    const tok *last = used == 2 ? t1 : t;
    int may_end = a->kind == NR_ABBR_END || a->kind == NR_ABBR_MAYBE;
    begin(c, t);
    if (is_suffix(c->rules, a)) {
        size_t stem = t->cn - strlen(a->key); /* "Hauptstr." -> "Hauptstraße" */
        word_n(c, CORE(t), stem);
        nr_buf_puts(c->out, a->spoken);
    } else {
        word(c, a->spoken);
    }
    finish(c, last, !(may_end ? keeps_period(c, used - 1) : peek(c, used) == NULL));
    return used;
}

/* German "08:30 Uhr" / "20.15 Uhr" -> "8 Uhr 30": the hour, "Uhr", then the
** minutes (none for ":00"), as a newsreader says it; espeak-ng reads the
** digits themselves. */
static int de_time(ctx *c)
{
    const tok *t = peek(c, 0), *t1 = peek(c, 1);
    const char *s = CORE(t);
    size_t n = t->cn, h = 0;
    while (h < n && h < 2 && is_digit(s[h]))
        h++;
    if (!t1 || t1->ln || TLEN(t) || !eq(CORE(t1), t1->cn, "Uhr") || h == 0 || h + 3 != n ||
        (s[h] != ':' && s[h] != '.') || !is_digit(s[h + 1]) || !is_digit(s[h + 2]))
        return 0;
    long hour = nr_num_value(s, h), minute = nr_num_value(s + h + 1, 2);
    if (hour > 24 || minute > 59)
        return 0;
    char buf[24];
    begin(c, t);
    snprintf(buf, sizeof buf, "%ld", hour);
    word(c, buf);
    word(c, "Uhr");
    if (minute) {
        snprintf(buf, sizeof buf, "%ld", minute);
        word(c, buf);
    }
    finish(c, t1, !keeps_period(c, 1));
    return 2;
}

static int handle_x(ctx *c)
{
    const tok *t = peek(c, 0);
    const char *s = CORE(t);
    size_t n = t->cn;
    if (n == 0) {
        emit_raw(c, t);
        return 1;
    }
    int k;
    if (c->lang == LANG_DE && (k = de_ordinal(c)) != 0)
        return k;
    if (c->lang == LANG_DE && is_digit(s[0]) && (k = de_time(c)) != 0)
        return k;
    int esfrde = c->lang == LANG_ES || c->lang == LANG_FR || c->lang == LANG_DE;
    if (esfrde && (is_digit(s[0]) || (unsigned char)s[0] >= 0x80 || s[0] == '$' || s[0] == 'U') &&
        (k = x_money(c)) != 0)
        return k;
    /* Forms that need more than the language's table (src/lang/): no period, before a name. */
    if (c->lang == LANG_FR && (k = x_abbreviation(c, abbrs_fr, N_ELEMS(abbrs_fr))) != 0)
        return k;
    if (c->lang == LANG_DE && (k = x_abbreviation(c, abbrs_de, N_ELEMS(abbrs_de))) != 0)
        return k;
    if ((k = x_table_abbreviation(c)) != 0)
        return k;
    if ((k = en_initials(c)) != 0)
        return k;
    const char *amp = memchr(s, '&', n);
    if (amp) {
        const char *and = c->lang == LANG_ES   ? "y"
                          : c->lang == LANG_FR ? "et"
                          : c->lang == LANG_IT ? "e"
                          : c->lang == LANG_PT ? "e"
                                               : "und";
        begin(c, t);
        size_t start = 0;
        for (size_t i = 0; i <= n; i++) {
            if (i < n && s[i] != '&')
                continue;
            if (i > start)
                word_n(c, s + start, i - start);
            if (i < n)
                word(c, and);
            start = i + 1;
        }
        finish(c, t, 0);
        return 1;
    }
    emit_raw(c, t);
    return 1;
}

/* ================================================================ entry */

static lang_id language_of(const char *tag, int *pesos)
{
    *pesos = 0;
    if (!tag || !*tag)
        return LANG_EN;
    char a = to_lower(tag[0]), b = tag[1] ? to_lower(tag[1]) : '\0';
    if (tag[1] == '\0' || (tag[2] != '\0' && tag[2] != '-' && tag[2] != '_'))
        return LANG_OTHER;
    if (a == 'e' && b == 'n')
        return LANG_EN;
    if (a == 'e' && b == 's') {
        static const char *const peso_regions[] = { "mx", "ar", "co", "cl", "uy", "do", "cu",
                                                    "ph" };
        if (tag[2] && tag[3] && tag[4] && !tag[5])
            *pesos = in_list(peso_regions, N_ELEMS(peso_regions), tag + 3, 2, 1);
        return LANG_ES;
    }
    if (a == 'f' && b == 'r')
        return LANG_FR;
    if (a == 'd' && b == 'e')
        return LANG_DE;
    if (a == 'i' && b == 't')
        return LANG_IT;
    if (a == 'p' && b == 't')
        return LANG_PT;
    return LANG_OTHER;
}

/* A headline in title case (or capitals): at least two words besides function
** words, each capitalized.  Such a sentence's capitals say nothing of names or
** symbols, so the English rules that read them read its words in lower case. */
static int title_cased(const char *s, size_t n)
{
    int words = 0;
    for (size_t i = 0; i < n;) {
        while (i < n && s[i] == ' ')
            i++;
        size_t j = i;
        while (j < n && s[j] != ' ')
            j++;
        tok t;
        make_tok(&t, s + i, j - i);
        const char *w = CORE(&t);
        size_t k = 0;
        while (k < t.cn && (is_alpha(w[k]) || w[k] == '-' || w[k] == '\''))
            k++;
        if (t.cn >= 2 && k == t.cn && is_alpha(w[0]) && !is_function_word(w, t.cn)) {
            if (!is_upper(w[0]))
                return 0;
            words++;
        }
        i = j;
    }
    return words >= 2;
}

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
    ctx c;
    memset(&c, 0, sizeof c);
    c.lang = language_of(language, &c.pesos);
    c.rules = nr_rules_for(language);
    c.title_case = c.lang == LANG_EN && title_cased(clean.s ? clean.s : "", clean.len);
    nr_buf out = { 0 };
    c.out = &out;
    if (c.lang == LANG_OTHER || clean.len == 0) {
        nr_buf_put(&out, clean.s ? clean.s : "", clean.len);
    } else {
        c.p = clean.s;
        c.end = clean.s + clean.len;
        while (peek(&c, 0) && !out.oom) {
            int k = c.lang == LANG_EN ? handle_en(&c) : handle_x(&c);
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
