/* common.c - rules the languages share, each driven by its language's tables (src/lang/xx.c). */
#include <stdio.h>
#include <string.h>

#include "lang.h"
#include "norm.h"

/* Is a one of the rules' word endings ("Hauptstr." ends in "str."), not a whole word?
** (A language may have none: no pointer arithmetic on an absent table.) */
static int is_suffix(const nr_lang_rules *r, const nr_abbr *a)
{
    return a && r->suffix_count && a >= r->suffixes && a < r->suffixes + r->suffix_count;
}

/* May a be said here?  Its flags: period, a number or a name after it. */
static int allowed(nr_ctx *c, const nr_abbr *a, int period, int next_at)
{
    const nr_tok *next = nr_peek(c, next_at);
    if (!a || !a->spoken)
        return 0;
    if (!period && !(a->flags & NR_AB_BARE) &&
        !((a->flags & NR_AB_BARE_NAME) && nr_is_name(c, next)))
        return 0;
    if ((a->flags & NR_AB_DIGIT) && (!next || next->ln || !is_digit(CORE(next)[0])))
        return 0;
    return !(a->flags & NR_AB_NAME) || nr_is_name(c, next);
}

int nr_say_abbreviation(nr_ctx *c)
{
    const nr_tok *t = nr_peek(c, 0), *t1 = nr_peek(c, 1);
    if (t->cn == 0 || t->cn > 32)
        return 0;
    const nr_abbr *a = NULL;
    int used = 1, period = nr_has_period(t);
    if (period && t1 && TLEN(t) == 1 && !t1->ln && nr_has_period(t1) && t1->cn <= 32) {
        char key[70]; /* two tokens: "p. ej." */
        memcpy(key, CORE(t), t->cn);
        memcpy(key + t->cn, ". ", 2);
        memcpy(key + t->cn + 2, CORE(t1), t1->cn);
        a = nr_rules_abbr(c->rules, key, t->cn + 2 + t1->cn);
        if (is_suffix(c->rules, a) || !allowed(c, a, 1, 2)) /* "z. Hauptstr.": the next token's */
            a = NULL;
        else
            used = 2;
    }
    size_t elided = 0;
    if (!a) {
        a = nr_rules_abbr(c->rules, CORE(t), t->cn);
        const char *q = a ? NULL : memchr(CORE(t), '\'', t->cn);
        if (q && q + 1 < CORE(t) + t->cn) { /* "L'Avv.": the article stays */
            elided = (size_t)(q - CORE(t)) + 1;
            a = nr_rules_abbr(c->rules, CORE(t) + elided, t->cn - elided);
            if (is_suffix(c->rules, a))
                a = NULL;
        }
        /* "Dott.ssa", "n°": abbreviated without a final period */
        int inside = memchr(CORE(t), '.', t->cn) || memmem(CORE(t), t->cn, "\xC2\xBA", 2) ||
                     memmem(CORE(t), t->cn, "\xC2\xB0", 2);
        if (!allowed(c, a, period || inside, 1))
            return 0;
    }
    const nr_tok *last = used == 2 ? t1 : t;
    int may_end = a->kind == NR_ABBR_END || a->kind == NR_ABBR_MAYBE;
    nr_begin(c, t);
    if (elided) {
        nr_word_n(c, CORE(t), elided);
        c->out->glue = 1;
    }
    if (is_suffix(c->rules, a)) {
        size_t stem = t->cn - strlen(a->key); /* "Hauptstr." -> "Hauptstraße" */
        nr_word_n(c, CORE(t), stem);
        nr_buf_puts(c->out, a->spoken);
    } else {
        nr_word(c, a->spoken);
    }
    nr_finish(c, last, !(may_end ? nr_keeps_period(c, used - 1) : nr_peek(c, used) == NULL));
    return used;
}

/* ================================================================ initials */

/* "U.S", "U.S.", "I.M.F": single letters joined by periods. */
int nr_is_initialism(const char *s, size_t n)
{
    if (n < 3)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (i % 2 == 0 ? !is_alpha(s[i]) : s[i] != '.')
            return 0;
    return 1;
}

/* "U.S" -> "U S". */
void nr_say_initialism(nr_ctx *c, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i += 2) {
        char u = to_upper(s[i]);
        nr_word_n(c, &u, 1);
    }
}

/* Dotted initialisms ("U.S.") and initials ("J."): no period left inside. */
int nr_say_initials(nr_ctx *c)
{
    const nr_tok *t = nr_peek(c, 0);
    const char *s = CORE(t);
    size_t n = t->cn;
    if (n == 1 && is_upper(s[0]) && nr_has_period(t)) {
        nr_begin(c, t);
        nr_word_n(c, s, 1);
        nr_finish(c, t, !nr_keeps_period(c, 0));
        return 1;
    }
    if (nr_is_initialism(s, n)) {
        nr_begin(c, t);
        nr_say_initialism(c, s, n);
        nr_finish(c, t, !nr_keeps_period(c, 0));
        return 1;
    }
    return 0;
}

/* ================================================================ numbers */

/* Roman numerals [IVXL] up to 89 in canonical form; 0 if not one. */
int nr_roman_value(const char *s, size_t n)
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

int nr_small_number(const nr_tok *t, long max)
{
    if (!t || t->ln || t->cn == 0 || t->cn > 9 || !all_digits(CORE(t), t->cn))
        return -1;
    long v = nr_num_value(CORE(t), t->cn);
    return v <= max ? (int)v : -1;
}

size_t nr_amount_len(const char *s, size_t n)
{
    size_t i = n > 1 && s[0] == '-' && is_digit(s[1]) ? 1 : 0;
    if (i >= n || !is_digit(s[i]))
        return 0;
    while (i < n && (is_digit(s[i]) || ((s[i] == '.' || s[i] == ',') && i + 1 < n &&
                                        is_digit(s[i + 1]))))
        i++;
    return i;
}

/* Words are built in fixed buffers: a number too long for one is cut, never overrun. */
void nr_cat(char *w, size_t cap, const char *s)
{
    size_t n = strlen(w);
    snprintf(w + n, cap - n, "%s", s);
}

void nr_cat_word(char *w, size_t cap, const char *s)
{
    size_t n = strlen(w);
    snprintf(w + n, cap - n, "%s%s", n && w[n - 1] != ' ' ? " " : "", s);
}

/* Nine digits at most: the value fits a long everywhere and the words a buffer. */
long nr_dotted_value(const char *s, size_t n)
{
    long v = 0;
    size_t group = 0, digits = 0;
    int dots = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '.') {
            if ((dots ? group != 3 : group == 0 || group > 3) || i + 1 == n)
                return -1;
            dots = 1;
            group = 0;
            continue;
        }
        if (!is_digit(s[i]) || ++digits > 9)
            return -1;
        group++;
        v = v * 10 + (s[i] - '0');
    }
    return (dots && group != 3) || digits == 0 || (s[0] == '0' && n > 1) ? -1 : v;
}

long nr_decimal_value(const char *s, size_t n, int zero_decimals, int *minus, long *decimals)
{
    const char *comma = memchr(s, ',', n);
    size_t whole = comma ? (size_t)(comma - s) : n;
    *minus = whole > 1 && s[0] == '-';
    *decimals = -1;
    long v = nr_dotted_value(s + *minus, whole - (size_t)*minus);
    if (comma && (n - whole - 1 > 9 || !all_digits(comma + 1, n - whole - 1) ||
                  (!zero_decimals && comma[1] == '0')))
        v = -1;
    else if (comma)
        *decimals = nr_num_value(comma + 1, n - whole - 1);
    return v;
}

int nr_amount_percent(nr_ctx *c, size_t *n, const nr_tok **last)
{
    const nr_tok *t = nr_peek(c, 0), *t1 = nr_peek(c, 1);
    const char *s = CORE(t);
    *n = t->cn;
    if (t->ln || !nr_amount_len(s, *n))
        return -1;
    int percent = *n > 1 && s[*n - 1] == '%';
    if (percent)
        (*n)--;
    if (nr_amount_len(s, *n) != *n)
        return -1;
    *last = t;
    if (!percent && !TLEN(t) && t1 && !t1->ln && eq(CORE(t1), t1->cn, "%"))
        percent = 1, *last = t1;
    return percent;
}

int nr_feminine_a(const nr_tok *t, const char *const *masculine, size_t count)
{
    if (!t || t->ln || t->cn < 2 || !is_lower(CORE(t)[0]))
        return 0;
    const char *w = CORE(t);
    size_t n = t->cn;
    int a = w[n - 1] == 'a' || (n > 2 && w[n - 2] == 'a' && w[n - 1] == 's');
    return a && !in_list(masculine, count, w, n, 0);
}

/* The unit whose key is all of s[0..n). */
static const nr_unit *unit_of(const nr_unit *u, size_t count, const char *s, size_t n)
{
    for (size_t i = 0; n > 0 && i < count; i++)
        if (eq(s, n, u[i].key))
            return &u[i];
    return NULL;
}

int nr_say_unit(nr_ctx *c, const nr_unit *units, size_t count, const char *one_m,
                const char *one_f, nr_say_number_fn *number)
{
    const nr_tok *t = nr_peek(c, 0), *t1 = nr_peek(c, 1), *last = t;
    const char *s = CORE(t);
    size_t len = t->ln ? 0 : nr_amount_len(s, t->cn);
    const nr_unit *u = NULL;
    if (!len)
        return 0;
    if (len < t->cn) {
        u = unit_of(units, count, s + len, t->cn - len); /* "20km" */
    } else if (t1 && !TLEN(t) && !t1->ln) {
        u = unit_of(units, count, CORE(t1), t1->cn);
        last = t1;
    }
    if (!u)
        return 0;
    int one = len == 1 && s[0] == '1';
    nr_begin(c, t);
    if (one)
        nr_word(c, u->feminine ? one_f : one_m);
    else if (number)
        number(c, s, len);
    else
        nr_word_n(c, s, len);
    nr_word(c, one ? u->one : u->many);
    nr_finish(c, last, last == t1 && !nr_keeps_period(c, 1));
    return last == t1 ? 2 : 1;
}

/* ================================================================ money */

static int currency_at(const nr_money *m, const char *s, size_t n, size_t *len)
{
    for (size_t i = 0; i < m->count; i++) {
        size_t k = strlen(m->currencies[i].sym);
        if (k <= n && memcmp(s, m->currencies[i].sym, k) == 0) {
            *len = k;
            return (int)i;
        }
    }
    return -1;
}

/* Digits with . , separators (as written), no sign: the amount's length, or 0. */
static size_t amount_at(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n && (is_digit(s[i]) || ((s[i] == '.' || s[i] == ',') && i > 0 && i + 1 < n &&
                                        is_digit(s[i + 1]))))
        i++;
    return n > 0 && is_digit(s[0]) ? i : 0;
}

/* A scale word after an amount ("millones", "Mio."): its spoken form, or NULL. */
static const char *scale_word(nr_ctx *c, const nr_money *m, const nr_tok *t, size_t *len)
{
    if (!t || t->ln || (TLEN(t) && !(TLEN(t) == 1 && nr_has_period(t))) ||
        !nr_words_has(&m->scales, CORE(t), t->cn))
        return NULL;
    const nr_abbr *a = nr_rules_abbr(c->rules, CORE(t), t->cn); /* "Mio.", "mln" */
    if (a && a->spoken) {
        *len = strlen(a->spoken);
        return a->spoken;
    }
    *len = t->cn;
    return CORE(t);
}

/* The amount: "1" as the language's "one" in the currency's gender, whole
** units and cents ("3,50 €": "3 euros con 50"), else the digits for espeak-ng. */
static void say_amount(nr_ctx *c, const nr_money *m, const nr_currency *cu, const char *s,
                       size_t n, const char *scale, size_t scale_len)
{
    const char *comma = m->decimal_point ? memchr(s, m->decimal_point, n) : NULL;
    size_t whole = comma ? (size_t)(comma - s) : n, cents = comma ? n - whole - 1 : 0;
    int one = whole == 1 && s[0] == '1';
    int zero = whole == 1 && s[0] == '0';
    if (comma && (cents != 2 || scale)) {
        nr_word_n(c, s, n); /* "2,5 millones": a decimal amount */
        one = 0;
    } else if (zero && comma && m->cent) {
        nr_word_n(c, comma + 1, cents);
        nr_word(c, m->cent);
        return;
    } else if (one && !scale) {
        nr_word(c, cu->feminine ? m->one_f : m->one_m);
    } else if (m->number) {
        m->number(c, s, whole);
    } else {
        nr_word_n(c, s, whole);
    }
    if (scale) {
        nr_word_n(c, scale, scale_len);
        if (m->of && !(m->no_of && eq(scale, scale_len, m->no_of))) {
            int vowel = m->of_vowel && strchr("aeiouAEIOU", cu->many[0]);
            nr_word(c, vowel ? m->of_vowel : m->of);
            if (vowel)
                c->out->glue = 1;
        }
    }
    nr_word(c, one && !scale ? cu->one : cu->many);
    if (comma && cents == 2 && !scale && !(comma[1] == '0' && comma[2] == '0')) {
        if (m->cents_link && *m->cents_link)
            nr_word(c, m->cents_link);
        const char *cd = comma[1] == '0' ? comma + 2 : comma + 1;
        if (m->number)
            m->number(c, cd, comma[1] == '0' ? 1 : 2);
        else
            nr_word_n(c, cd, comma[1] == '0' ? 1 : 2);
    }
}

/* "€45", "45 €", "45€", "$3 millones", "3 Mio. €" -> the amount, then the currency word. */
int nr_say_money(nr_ctx *c, const nr_money *m)
{
    const nr_tok *t = nr_peek(c, 0), *t1 = nr_peek(c, 1);
    const char *s = CORE(t);
    size_t n = t->cn, k = 0, at = 0, len, scale_len = 0;
    int cur = currency_at(m, s, n, &k), used = 1;
    const nr_tok *last = t;
    if (cur >= 0) {
        at = k;
        len = amount_at(s + k, n - k);
        if (k == n && t1 && !TLEN(t) && !t1->ln && amount_at(CORE(t1), t1->cn) == t1->cn) {
            s = CORE(t1); /* "R$ 50" */
            at = 0;
            len = t1->cn;
            last = t1;
            used = 2;
        } else if (!len || k + len != n) {
            return 0;
        }
    } else {
        len = amount_at(s, n);
        if (!len)
            return 0;
        if (len < n) {
            cur = currency_at(m, s + len, n - len, &k);
            if (cur < 0 || len + k != n)
                return 0;
        } else {
            if (!t1 || TLEN(t) || t1->ln)
                return 0;
            cur = currency_at(m, CORE(t1), t1->cn, &k);
            if (cur >= 0 && k != t1->cn)
                return 0;
            if (cur >= 0) {
                last = t1;
                used = 2;
            }
        }
    }
    /* a scale word after the amount: "€3 Mio." / "$3 millones" / "5 milliards $" */
    const char *scale = NULL;
    if (cur < 0) {
        const nr_tok *t2 = nr_peek(c, 2);
        if (TLEN(t) || !(scale = scale_word(c, m, t1, &scale_len)) || !t2 || t2->ln ||
            (cur = currency_at(m, CORE(t2), t2->cn, &k)) < 0 || k != t2->cn)
            return 0;
        last = t2;
        used = 3;
    } else if (last == t && TLEN(t) == 0 && (scale = scale_word(c, m, t1, &scale_len)) != NULL) {
        last = t1;
        used = 2;
    }
    nr_begin(c, t);
    say_amount(c, m, &m->currencies[cur], s + at, len, scale, scale_len);
    nr_finish(c, last, nr_has_period(last) && used == 2 && scale && !nr_keeps_period(c, 1));
    return used;
}

/* "&" as the language's "and". */
int nr_say_word(nr_ctx *c, const char *and)
{
    int k;
    if ((k = nr_say_abbreviation(c)) != 0 || (k = nr_say_initials(c)) != 0 ||
        (k = nr_say_ampersand(c, and)) != 0)
        return k;
    nr_emit_raw(c, nr_peek(c, 0));
    return 1;
}

int nr_say_ampersand(nr_ctx *c, const char *and)
{
    const nr_tok *t = nr_peek(c, 0);
    const char *s = CORE(t);
    size_t n = t->cn;
    if (!memchr(s, '&', n))
        return 0;
    nr_begin(c, t);
    size_t start = 0;
    for (size_t i = 0; i <= n; i++) {
        if (i < n && s[i] != '&')
            continue;
        if (i > start)
            nr_word_n(c, s + start, i - start);
        if (i < n)
            nr_word(c, and);
        start = i + 1;
    }
    nr_finish(c, t, 0);
    return 1;
}

/* ================================================================ ordinals, ranges, durations */

long nr_ordinal_mark(const char *s, size_t n, int *feminine, int *apocope)
{
    size_t d = 0;
    while (d < n && d < 4 && is_digit(s[d]))
        d++;
    if (d == 0 || d > 3 || s[0] == '0')
        return 0;
    size_t i = d + (d < n && s[d] == '.');
    const char *m = s + i;
    size_t mn = n - i;
    *feminine = *apocope = 0;
    if (eq(m, mn, "\xC2\xAA") || eq(m, mn, "a") || eq(m, mn, "\xC2\xAA" "s"))
        *feminine = 1;
    else if (eq(m, mn, "er"))
        *apocope = 1;
    else if (!eq(m, mn, "\xC2\xBA") && !eq(m, mn, "\xC2\xB0") && !eq(m, mn, "o") &&
             !eq(m, mn, "\xC2\xBA" "s"))
        return 0;
    if ((eq(m, mn, "a") || eq(m, mn, "o")) && i == d)
        return 0; /* "2a", "3o": only with the period ("2.a") */
    return nr_num_value(s, d);
}

/* The word w (of n bytes) with its final "o" made "a", or cut ("primer"). */
static void ordinal_word(nr_ctx *c, const char *w, int feminine, int apocope)
{
    size_t n = strlen(w);
    nr_word_n(c, w, n);
    if (n > 0 && w[n - 1] == 'o' && (feminine || apocope)) {
        c->out->len--;
        if (feminine)
            nr_buf_putc(c->out, 'a');
        else
            c->out->s[c->out->len] = '\0';
    }
}

int nr_say_ordinal(nr_ctx *c, const nr_ordinals *o, long v, int feminine, int apocope)
{
    if (v < 1 || v > 100)
        return 0;
    if (v == 100) {
        ordinal_word(c, o->hundred, feminine, 0);
        return 1;
    }
    int t = (int)(v / 10), u = (int)(v % 10);
    if (t == 1 && u && o->teens) {
        ordinal_word(c, o->teens[u - 1], feminine, apocope && (u == 1 || u == 3));
        return 1;
    }
    if (t)
        ordinal_word(c, o->tens[t - 1], feminine, 0);
    if (u)
        ordinal_word(c, o->ones[u - 1], feminine, apocope && (u == 1 || u == 3));
    return 1;
}

/* "2010-2015", "3-1", "12-15": two numbers joined by a hyphen. */
int nr_say_regnal(nr_ctx *c, const char *const century[2], const nr_ordinals *o,
                  const char *const *queens, size_t queen_count, nr_say_value_fn *cardinal)
{
    const nr_tok *t = nr_peek(c, 0), *prev = nr_prev(c);
    int v = t->ln ? 0 : nr_roman_value(CORE(t), t->cn);
    if (!v || !prev || TLEN(prev))
        return 0;
    int centuries = in_list(century, 2, CORE(prev), prev->cn, 1);
    if (!centuries && !nr_is_name(c, prev))
        return 0;
    nr_begin(c, t);
    if (centuries || v > 10)
        cardinal(c, v);
    else
        nr_say_ordinal(c, o, v, in_list(queens, queen_count, CORE(prev), prev->cn, 0), 0);
    nr_finish(c, t, 0);
    return 1;
}

int nr_say_range(nr_ctx *c, const char *to, nr_say_number_fn *number)
{
    const nr_tok *t = nr_peek(c, 0);
    const char *s = CORE(t), *dash = t->ln ? NULL : memchr(s, '-', t->cn);
    if (!dash || dash == s)
        return 0;
    size_t a = (size_t)(dash - s), b = t->cn - a - 1;
    if (a > 6 || b == 0 || b > 6 || !all_digits(s, a) || !all_digits(dash + 1, b) ||
        (s[0] == '0' && a > 1) || (dash[1] == '0' && b > 1))
        return 0;
    char full[8];
    const char *e = dash + 1;
    if (a == 4 && b == 2) { /* "2014-15": "2014 to 2015" */
        memcpy(full, s, 2);
        memcpy(full + 2, dash + 1, 2);
        e = full;
        b = 4;
    }
    nr_begin(c, t);
    if (number) {
        number(c, s, a);
        nr_word(c, to);
        number(c, e, b);
    } else {
        nr_word_n(c, s, a);
        nr_word(c, to);
        nr_word_n(c, e, b);
    }
    nr_finish(c, t, 0);
    return 1;
}

int nr_say_duration(nr_ctx *c, const nr_duration *w)
{
    const nr_tok *t = nr_peek(c, 0);
    const char *s = CORE(t);
    size_t n = t->cn;
    if (t->ln || n < 7 || n > 8 || s[n - 3] != ':' || s[n - 6] != ':' || !all_digits(s, n - 6) ||
        !all_digits(s + n - 5, 2) || !all_digits(s + n - 2, 2))
        return 0;
    long part[3] = { nr_num_value(s, n - 6), nr_num_value(s + n - 5, 2), nr_num_value(s + n - 2, 2) };
    if (part[1] > 59 || part[2] > 59)
        return 0;
    const char *one[3] = { w->hour, w->minute, w->second };
    const char *many[3] = { w->hours, w->minutes, w->seconds };
    int count = (part[0] > 0) + (part[1] > 0) + (part[2] > 0), said = 0;
    nr_begin(c, t);
    for (int i = 0; i < 3; i++) {
        if (!part[i])
            continue;
        if (said && said == count - 1)
            nr_word(c, w->and);
        else if (said)
            nr_buf_putc(c->out, ',');
        char d[24];
        snprintf(d, sizeof d, "%ld", part[i]);
        nr_word(c, part[i] > 1 ? d : i == 0 && w->hour_feminine ? w->one_f : w->one_m);
        nr_word(c, part[i] == 1 ? one[i] : many[i]);
        said++;
    }
    nr_finish(c, t, 0);
    return 1;
}

int nr_numeric_date(const char *s, size_t n, char sep, long *d, long *m, long *y)
{
    size_t a = 0, b;
    if (n == 10 && all_digits(s, 4) && s[4] == '-' && all_digits(s + 5, 2) && s[7] == '-' &&
        all_digits(s + 8, 2)) { /* "2024-03-12" */
        *y = nr_num_value(s, 4);
        *m = nr_num_value(s + 5, 2);
        *d = nr_num_value(s + 8, 2);
    } else {
        while (a < n && a < 3 && is_digit(s[a]))
            a++;
        if (a == 0 || a > 2 || a >= n || s[a] != sep)
            return 0;
        b = a + 1;
        while (b < n && b - a - 1 < 3 && is_digit(s[b]))
            b++;
        if (b - a - 1 == 0 || b - a - 1 > 2 || b >= n || s[b] != sep || n - b - 1 != 4 ||
            !all_digits(s + b + 1, 4))
            return 0;
        *d = nr_num_value(s, a);
        *m = nr_num_value(s + a + 1, b - a - 1);
        *y = nr_num_value(s + b + 1, 4);
    }
    return *d >= 1 && *d <= 31 && *m >= 1 && *m <= 12 && *y >= 1000;
}

int nr_say_phone(nr_ctx *c, const char *const digits[10], nr_say_number_fn *pairs)
{
    const nr_tok *t = nr_peek(c, 0), *prev = nr_prev(c);
    static const char *const cues[] = { "Tel", "tel", "Telefon", "teléfono", "Tél", "tél", "al" };
    if (t->ln || TLEN(t) || t->cn < 2 || t->cn > 4 || !all_digits(CORE(t), t->cn))
        return 0;
    int cue = prev && !prev->ln && in_list(cues, N_ELEMS(cues), CORE(prev), prev->cn, 0);
    if (!(CORE(t)[0] == '0' || cue))
        return 0;
    int k = 1;
    for (const nr_tok *g; k < NR_WIN && (g = nr_peek(c, k)) != NULL && !g->ln && g->cn >= 2 &&
                          g->cn <= 4 && all_digits(CORE(g), g->cn);
         k++)
        if (TLEN(nr_peek(c, k))) {
            k++;
            break;
        }
    if (k < 3 && !(k == 2 && cue))
        return 0; /* "0800 123 456", "01 23 45 67 89": three groups, or two after "Tel." */
    nr_begin(c, nr_peek(c, 0));
    for (int i = 0; i < k; i++) {
        const nr_tok *g = nr_peek(c, i);
        if (i)
            nr_buf_putc(c->out, ',');
        if (pairs && g->cn == 2)
            pairs(c, CORE(g), 2);
        else
            for (size_t j = 0; j < g->cn; j++)
                nr_word(c, digits[CORE(g)[j] - '0']);
    }
    nr_finish(c, nr_peek(c, k - 1), 0);
    return k;
}
