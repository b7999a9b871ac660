/* en_rules.c - English: the token handler and its context rules (dates, money, numbers with neighbours, Roman numerals). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "en.h"

/* ================================================================ English context rules */

static long day_of(const nr_tok *t, int allow_suffix)
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

static int year_tok(const nr_tok *t)
{
    if (!t || t->ln || t->cn != 4 || !all_digits(CORE(t), 4))
        return 0;
    long y = nr_num_value(CORE(t), 4);
    return y >= 1000 && y <= 2099;
}

static void say_day(nr_ctx *c, long d)
{
    char buf[2] = { (char)('0' + d / 10), (char)('0' + d % 10) };
    en_say_ordinal_digits(c, d >= 10 ? buf : buf + 1, d >= 10 ? 2 : 1);
}

/* "Oct. 7", "Jan. 5, 1960", "Jan. 2024", "Oct. 7-8". */
static int en_month_first(nr_ctx *c)
{
    const nr_tok *t = nr_peek(c, 0);
    int abbrev;
    int m = en_month(CORE(t), t->cn, &abbrev);
    if (m < 0)
        return 0;
    const nr_tok *t1 = nr_peek(c, 1);
    int clean = TLEN(t) == 0 || (abbrev && TLEN(t) == 1 && nr_has_period(t));
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
    if (abbrev && !nr_has_period(t) && !day && !year)
        return 0; /* "Jan" alone may be a name */
    nr_begin(c, t);
    nr_word(c, en_months[m]);
    if (!day && !year) {
        nr_finish(c, t, abbrev && !nr_keeps_period(c, 0));
        return 1;
    }
    nr_finish(c, t, 1);
    nr_begin(c, t1);
    if (year) {
        en_say_year(c, CORE(t1), 4);
        nr_finish(c, t1, 0);
        return 2;
    }
    say_day(c, day);
    if (range) {
        nr_word(c, "to");
        say_day(c, range);
    }
    nr_finish(c, t1, 0);
    const nr_tok *t2 = nr_peek(c, 2);
    if ((TLEN(t1) == 0 || (TLEN(t1) == 1 && TRAIL(t1)[0] == ',')) && year_tok(t2)) {
        nr_begin(c, t2);
        en_say_year(c, CORE(t2), 4);
        nr_finish(c, t2, 0);
        return 3;
    }
    return 2;
}

/* "7 October" -> "the seventh of October" (with an optional year). */
static int en_day_first(nr_ctx *c)
{
    const nr_tok *t = nr_peek(c, 0), *t1 = nr_peek(c, 1);
    long day = TLEN(t) == 0 ? day_of(t, 1) : 0;
    int abbrev;
    int m = day && t1 && !t1->ln ? en_month(CORE(t1), t1->cn, &abbrev) : -1;
    if (m < 0)
        return 0;
    const nr_tok *prev = nr_prev(c);
    nr_begin(c, t);
    if (!(prev && TLEN(prev) == 0 && eq_nocase(CORE(prev), prev->cn, "the")))
        nr_word(c, "the");
    say_day(c, day);
    nr_word(c, "of");
    nr_word(c, en_months[m]);
    int clean = TLEN(t1) == 0 || (abbrev && TLEN(t1) == 1 && nr_has_period(t1));
    const nr_tok *t2 = nr_peek(c, 2);
    if (clean && year_tok(t2)) {
        nr_finish(c, t1, 1);
        nr_begin(c, t2);
        en_say_year(c, CORE(t2), 4);
        nr_finish(c, t2, 0);
        return 3;
    }
    nr_finish(c, t1, abbrev && !nr_keeps_period(c, 1));
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
    en_num a, b;        /* b.len == 0: no range */
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
    if (!en_parse_num(s + i, n - i, &mo->a, 0) || mo->a.sign)
        return 0;
    i += mo->a.len;
    const char *sc = en_scale_at(s + i, n - i, &k, 0, 1);
    if (sc) {
        mo->scale = sc;
        i += k;
    }
    if (i + 1 < n && s[i] == '-') {
        size_t j = i + 1, sk;
        if (mo->cur >= 0 && currency_at(s + j, n - j, &sk) == mo->cur)
            j += sk;
        en_num b;
        if (en_parse_num(s + j, n - j, &b, 0)) {
            j += b.len;
            const char *sc2 = en_scale_at(s + j, n - j, &k, 0, 1);
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
static void say_money(nr_ctx *c, const money *mo, const char *scale, int attributive)
{
    const currency *cu = &currencies_en[mo->cur];
    if (mo->b.len) {
        en_say_num(c, &mo->a);
        nr_word(c, "to");
        en_say_num(c, &mo->b);
        if (scale)
            nr_word(c, scale);
        nr_word(c, attributive ? cu->one : cu->many);
        return;
    }
    const en_num *m = &mo->a;
    if (scale || m->fl != 2 || !cu->sub_one) {
        en_say_num(c, m);
        if (scale)
            nr_word(c, scale);
        nr_word(c, attributive || (!scale && en_is_one(m)) ? cu->one : cu->many);
        return;
    }
    long cents = nr_num_value(m->fp, 2);
    int whole = m->il > 0 && !(m->il == 1 && m->ip[0] == '0');
    if (whole) {
        en_say_int(c, m);
        nr_word(c, m->il == 1 && m->ip[0] == '1' ? cu->one : cu->many);
    }
    if (cents) {
        if (whole)
            nr_word(c, "and");
        en_say_small(c, cents);
        nr_word(c, cents == 1 ? cu->sub_one : cu->sub_many);
    } else if (!whole) {
        nr_word(c, "zero");
        nr_word(c, cu->many);
    }
}

/* The rest of a money word: "-a-share" -> "a share", "/month" -> "per month". */
static void say_money_rest(nr_ctx *c, const char *s, size_t n)
{
    if (n == 0)
        return;
    if (s[0] == '/') { /* "/mo": "a month"; "/kg": "per kilogram" */
        static const struct {
            const char *key, *say;
        } per[] = { { "mo", "a month" }, { "month", "a month" }, { "yr", "a year" },
                    { "year", "a year" }, { "hr", "an hour" }, { "hour", "an hour" },
                    { "wk", "a week" }, { "week", "a week" }, { "day", "a day" } };
        for (size_t i = 0; i < N_ELEMS(per); i++)
            if (eq(s + 1, n - 1, per[i].key)) {
                nr_word(c, per[i].say);
                return;
            }
        size_t k;
        int u = en_unit_in(c, s + 1, n - 1, &k);
        nr_word(c, "per");
        if (u >= 0 && k == n - 1) {
            nr_word(c, en_units[u].one);
            return;
        }
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
static int not_a_noun(const nr_tok *t)
{
    static const char *const words[] = {
        "already", "annually", "apiece", "away", "back", "daily", "friday", "instead", "less",
        "monday", "monthly", "off", "overnight", "saturday", "sunday", "thursday", "today",
        "tomorrow", "tonight", "total", "tuesday", "wednesday", "weekly", "yearly", "yesterday",
    };
    return in_list(words, N_ELEMS(words), CORE(t), t->cn, 1);
}

static int en_money(nr_ctx *c)
{
    const nr_tok *t = nr_peek(c, 0), *t1 = nr_peek(c, 1);
    money mo;
    const char *s = CORE(t);
    size_t n = t->cn, k;
    int used = 1;
    if (!is_digit(s[0]) && s[0] != '$' && s[0] != '.' && (unsigned char)s[0] < 0x80 &&
        !(is_upper(s[0]) && memchr(s, '$', n)))
        return 0;
    if (!parse_money(s, n, &mo)) {
        /* "45 €": a number, then the symbol alone */
        en_num m;
        if (!t1 || TLEN(t) || t1->ln || en_parse_num(s, n, &m, 0) != n || m.sign)
            return 0;
        int cur = currency_at(CORE(t1), t1->cn, &k);
        if (cur < 0 || k != t1->cn)
            return 0;
        memset(&mo, 0, sizeof mo);
        mo.cur = cur;
        mo.a = m;
        mo.len = n;
        nr_begin(c, t);
        say_money(c, &mo, NULL, 0);
        nr_finish(c, t1, 0);
        return 2;
    }
    const char *scale = mo.scale;
    const nr_tok *last = t;
    if (!scale && mo.len == n && TLEN(t) == 0 && t1 && !t1->ln) {
        const char *sc = en_scale_at(CORE(t1), t1->cn, &k, 1, 1);
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
    const nr_tok *prev = nr_prev(c), *after = nr_peek(c, used);
    int compound = mo.len < n && s[mo.len] == '-' && mo.len + 1 < n && is_alpha(s[mo.len + 1]);
    int attributive = compound || (mo.len == n && TLEN(last) == 0 &&
                      (c->title_case || (prev && TLEN(prev) == 0 &&
                                         in_list(determiners, N_ELEMS(determiners), CORE(prev), prev->cn, 1))) &&
                      after && !after->ln && after->cn > 0 &&
                      (c->title_case ? is_alpha(CORE(after)[0]) && !not_a_noun(after) : is_lower(CORE(after)[0])) &&
                      !en_is_function_word(CORE(after), after->cn));
    for (size_t i = 0; attributive && !compound && after && i < after->cn; i++)
        attributive = is_alpha(CORE(after)[i]) || CORE(after)[i] == '-';
    nr_begin(c, t);
    say_money(c, &mo, scale, attributive);
    say_money_rest(c, s + mo.len, n - mo.len);
    nr_finish(c, last, 0);
    return used;
}

/* Is the token a plain number ("1,200", "-3.5", "7")? */
static int plain_number(const nr_tok *t, en_num *m)
{
    return t && t->cn > 0 && en_parse_num(CORE(t), t->cn, m, 1) == t->cn;
}

static int en_reads_as_year(nr_ctx *c, const nr_tok *t)
{
    const nr_tok *next = nr_peek(c, 1), *prev = nr_prev(c);
    if (TLEN(t) || !next || next->ln)
        return 1;
    if (prev && TLEN(prev) == 0) {
        int abbrev;
        if (en_year_cue(CORE(prev), prev->cn) ||
            en_month(CORE(prev), prev->cn, &abbrev) >= 0)
            return 1;
    }
    const char *s = CORE(next);
    if (next->cn == 0 || !is_lower(s[0]))
        return 1;
    for (size_t i = 0; i < next->cn; i++)
        if (!is_alpha(s[i]))
            return 1;
    return en_is_function_word(s, next->cn);
}

/* A number token read with its neighbors: units, a.m./p.m., mixed
** fractions, years. */
static int en_number_context(nr_ctx *c)
{
    const nr_tok *t = nr_peek(c, 0), *t1 = nr_peek(c, 1);
    en_num m;
    en_time tm;
    const char *s = CORE(t);
    size_t n = t->cn, k;
    /* "3:30 p.m.", "12:00 p.m." */
    if (TLEN(t) == 0 && en_parse_time(s, n, &tm) == n) {
        int ampm = en_ampm_tok(t1);
        if (!ampm)
            return 0;
        nr_begin(c, t);
        en_say_time(c, &tm, ampm);
        nr_finish(c, t1, !nr_keeps_period(c, 1));
        return 2;
    }
    /* "(555) 123-4567": an area code, its brackets a pause */
    if (t->ln == 1 && t->s[0] == '(' && n == 3 && all_digits(s, 3) && TLEN(t) == 1 &&
        TRAIL(t)[0] == ')' && t1 && !t1->ln && t1->cn == 8 && CORE(t1)[3] == '-' &&
        all_digits(CORE(t1), 3) && all_digits(CORE(t1) + 4, 4)) {
        nr_buf *b = c->out;
        if (b->len > 0 && b->s[b->len - 1] != ' ')
            nr_buf_putc(b, ' ');
        nr_num_digits(b, s, 3);
        nr_buf_putc(b, ',');
        nr_begin(c, t1);
        nr_num_digits(c->out, CORE(t1), 3);
        nr_buf_putc(c->out, ',');
        nr_num_digits(c->out, CORE(t1) + 4, 4);
        nr_finish(c, t1, 0);
        return 2;
    }
    if (!plain_number(t, &m))
        return 0;
    if (eq(s, n, "911")) { /* the emergency number */
        nr_begin(c, t);
        nr_num_digits(c->out, s, n);
        nr_finish(c, t, 0);
        return 1;
    }
    if (TLEN(t) == 0 && t1 && !t1->ln && eq(CORE(t1), t1->cn, "in") && nr_has_period(t1) &&
        nr_peek(c, 2) && !nr_starts_sentence(c, nr_peek(c, 2))) {
        nr_begin(c, t); /* "6 in. long": inches (only with the period: "5 in the box") */
        en_say_num(c, &m);
        nr_word(c, en_is_one(&m) ? "inch" : "inches");
        nr_finish(c, t1, 1);
        return 2;
    }
    if (TLEN(t) == 0 && t1 && !t1->ln) {
        int u = en_unit_in(c, CORE(t1), t1->cn, &k);
        if (u >= 0 && k == t1->cn) {
            const nr_tok *t2 = TLEN(t1) == 0 ? nr_peek(c, 2) : NULL;
            int noun_follows = t2 && !t2->ln && t2->cn > 1 && is_lower(CORE(t2)[0]);
            nr_begin(c, t);
            en_say_num(c, &m);
            if (eq(CORE(t1), t1->cn, "m") && noun_follows && m.fl > 0)
                nr_word(c, "million"); /* "1.2 m people" */
            else
                nr_word(c, en_is_one(&m) || (noun_follows && en_article_before(c)) ? en_units[u].one
                                                                         : en_units[u].many);
            nr_finish(c, t1, !nr_keeps_period(c, 1));
            return 2;
        }
        if (eq(CORE(t1), t1->cn, "%")) {
            nr_begin(c, t);
            en_say_num(c, &m);
            nr_word(c, "percent");
            nr_finish(c, t1, 0);
            return 2;
        }
        int ampm = en_ampm_tok(t1);
        long h = en_int_value(&m);
        long mm = m.fl == 2 ? nr_num_value(m.fp, 2) : m.fl == 0 ? 0 : 99;
        if (ampm && !m.sign && !m.grouped && h >= 1 && h <= 12 && mm <= 59) {
            en_time th = { h, mm, -1, 0 };
            nr_begin(c, t);
            en_say_time(c, &th, ampm);
            nr_finish(c, t1, !nr_keeps_period(c, 1));
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
                nr_begin(c, t);
                en_say_num(c, &m);
                nr_word(c, "and");
                en_say_fraction(c, num, den, 1);
                nr_finish(c, t1, 0);
                return 2;
            }
        }
    }
    if (!m.sign && m.fl == 0 && !m.grouped && m.il == 4) {
        long v = nr_num_value(m.ip, 4);
        if (v >= 1100 && v <= 2099) {
            nr_begin(c, t);
            if (en_reads_as_year(c, t))
                en_say_year(c, m.ip, 4);
            else
                nr_num_cardinal(c->out, m.ip, 4);
            nr_finish(c, t, 0);
            return 1;
        }
    }
    return 0;
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

static int en_roman(nr_ctx *c)
{
    const nr_tok *t = nr_peek(c, 0), *prev = nr_prev(c);
    const char *s = CORE(t);
    size_t n = t->cn;
    int possessive = n > 2 && s[n - 2] == '\'' && s[n - 1] == 's';
    if (possessive)
        n -= 2;
    const char *dash = memchr(s, '-', n), *rest = NULL; /* "II-era" */
    size_t rest_n = 0;
    if (dash && dash > s && dash + 1 < s + n && !possessive) {
        rest = dash + 1;
        rest_n = (size_t)(s + n - rest);
        n = (size_t)(dash - s);
    }
    int v = nr_roman_value(s, n);
    if (!v || !prev || TLEN(prev) || !nr_is_name(c, prev))
        return 0;
    const char *ps = CORE(prev);
    size_t pn = prev->cn;
    int cardinal = in_list(cardinal_before, N_ELEMS(cardinal_before), ps, pn, 0);
    if (n == 1 && !cardinal && !in_list(regnal_names, N_ELEMS(regnal_names), ps, pn, 0))
        return 0; /* "I", "V", "X" only after a known regnal name */
    if (n == 1 && s[0] == 'I' && !cardinal) {
        /* "Elizabeth I" - but not "Then I said": the pronoun has a verb after it */
        const nr_tok *next = nr_peek(c, 1);
        static const char *const after_regnal[] = {
            "of", "and", "or", "who", "whose", "in", "reigned", "ruled", "died", "became",
            "was", "had", "to", "on", "at", "for", "from", "with", "by", "as",
        };
        if (next && TLEN(t) == 0 && !possessive && !rest && is_lower(CORE(next)[0]) &&
            !in_list(after_regnal, N_ELEMS(after_regnal), CORE(next), next->cn, 0))
            return 0;
    }
    char d[2] = { (char)('0' + v / 10), (char)('0' + v % 10) };
    nr_begin(c, t);
    if (cardinal) {
        nr_num_cardinal(c->out, v >= 10 ? d : d + 1, v >= 10 ? 2 : 1);
    } else {
        nr_word(c, "the");
        en_say_ordinal_digits(c, v >= 10 ? d : d + 1, v >= 10 ? 2 : 1);
    }
    if (possessive)
        nr_buf_puts(c->out, "'s");
    if (rest)
        en_core(c, rest, rest_n);
    nr_finish(c, t, 0);
    return 1;
}

/* Four numbers 0..255 joined by periods: an IPv4 address. */
static int en_is_ip(const char *s, size_t n)
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
        nr_tok t;
        nr_make_tok(&t, s + i, j - i);
        const char *w = CORE(&t);
        size_t k = 0;
        while (k < t.cn && (is_alpha(w[k]) || w[k] == '-' || w[k] == '\''))
            k++;
        if (t.cn >= 2 && k == t.cn && is_alpha(w[0]) && !en_is_function_word(w, t.cn)) {
            if (!is_upper(w[0]))
                return 0;
            words++;
        }
        i = j;
    }
    return words >= 2;
}


/* Acronyms espeak-ng would read as a word but a newsreader spells: capitals
** ending in two consonants no English word ends in ("FOMC"). */
static int en_spelled(nr_ctx *c)
{
    const nr_tok *t = nr_peek(c, 0);
    const char *s = CORE(t);
    size_t n = t->cn;
    if (n < 3 || n > 6 || c->title_case)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!is_upper(s[i]))
            return 0;
    static const char *const endings[] = { "CH", "CK", "CT", "LD", "LL", "LT", "MP", "ND",
                                           "NG", "NK", "NS", "NT", "PH", "RD", "RK", "RS",
                                           "RT", "SH", "SK", "SS", "ST", "TH", "TS", "FT" };
    const char *e = s + n - 2;
    if (strchr("AEIOUY", e[0]) || strchr("AEIOUY", e[1]) || in_list(endings, N_ELEMS(endings), e, 2, 0))
        return 0;
    nr_begin(c, t);
    for (size_t i = 0; i < n; i++)
        nr_word_n(c, s + i, 1);
    nr_finish(c, t, 0);
    return 1;
}

/* "Flight 714", "Room 101": numbers that name, said in pairs ("seven fourteen", "one oh one"). */
static int en_named_number(nr_ctx *c)
{
    static const char *const namers[] = { "Flight", "Room", "Gate", "Suite", "Bus", "Train",
                                          "Channel", "Platform", "Apartment", "Apt", "flight",
                                          "room", "gate", "suite" };
    const nr_tok *t = nr_peek(c, 0), *prev = nr_prev(c);
    const char *s = CORE(t);
    size_t n = t->cn;
    int plan = n == 5 && all_digits(s, 3) && s[3] == '(' && is_alpha(s[4]) && TLEN(t) > 0 &&
               TRAIL(t)[0] == ')'; /* "401(k)" */
    if (plan)
        n = 3;
    else if (t->ln || (n != 3 && n != 4) || !all_digits(s, n) || s[0] == '0' || !prev ||
             TLEN(prev) || !in_list(namers, N_ELEMS(namers), CORE(prev), prev->cn, 0))
        return 0;
    size_t head = n - 2;
    nr_begin(c, t);
    if (plan) {
        c->out->glue = 0;
        if (c->out->len && c->out->s[c->out->len - 1] == '(')
            c->out->len--; /* the lead "(" of "(401(k))" stays */
    }
    nr_num_cardinal(c->out, s, head);
    if (s[head] == '0' && s[head + 1] == '0') {
        nr_word(c, "hundred");
    } else {
        if (s[head] == '0')
            nr_word(c, "oh");
        nr_num_cardinal(c->out, s[head] == '0' ? s + head + 1 : s + head, s[head] == '0' ? 1 : 2);
    }
    if (plan) {
        char k = to_upper(s[4]);
        nr_word_n(c, &k, 1);
        nr_buf_put(c->out, TRAIL(t) + 1, TLEN(t) - 1);
        return 1;
    }
    nr_finish(c, t, 0);
    return 1;
}

int en_normalize(nr_ctx *c)
{
    if (c->title_case < 0) {
        static const char *const regions[] = { "gb", "uk", "au", "nz", "ie", "in", "za" };
        size_t tl = strlen(c->tag);
        c->title_case = title_cased(c->text, c->text_len);
        c->day_first = tl == 5 && in_list(regions, N_ELEMS(regions), c->tag + 3, 2, 1);
    }
    const nr_tok *t = nr_peek(c, 0);
    const char *s = CORE(t);
    size_t n = t->cn;
    /* the common case: a lower-case word */
    if (is_lower(s[0]) && !nr_has_period(t)) {
        size_t i = 1;
        while (i < n && is_lower(s[i]))
            i++;
        if (i == n && !eq(s, n, "et") && !eq(s, n, "vs") && !eq(s, n, "aka")) {
            nr_emit_raw(c, t);
            return 1;
        }
    }
    int k;
    if (eq(s, n, "et") && TLEN(t) == 0) {
        const nr_tok *t1 = nr_peek(c, 1);
        if (t1 && !t1->ln && eq(CORE(t1), t1->cn, "al") && nr_has_period(t1)) {
            nr_begin(c, t);
            nr_word(c, "and others");
            nr_finish(c, t1, !nr_keeps_period(c, 1));
            return 2;
        }
    }
    if ((k = en_web(c, t)) != 0)
        return k;
    if (is_digit(s[0]) && en_is_ip(s, n)) { /* "10.0.0.1": ten dot zero dot zero dot one */
        nr_begin(c, t);
        for (size_t i = 0, start = 0; i <= n; i++)
            if (i == n || s[i] == '.') {
                if (start)
                    nr_word(c, "dot");
                nr_num_cardinal(c->out, s + start, i - start);
                start = i + 1;
            }
        nr_finish(c, t, !nr_keeps_period(c, 0));
        return 1;
    }
    if ((k = en_money(c)) != 0 || (k = en_named_number(c)) != 0 || (k = en_spelled(c)) != 0)
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
    if ((k = nr_say_initials(c)) != 0)
        return k;
    nr_begin(c, t);
    en_core(c, s, n);
    nr_finish(c, t, 0);
    return 1;
}

