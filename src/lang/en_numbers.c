/* en_numbers.c - English: numbers, fractions, units, scales, times and the words around them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "en.h"

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

int en_is_function_word(const char *s, size_t n)
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
static const char *const en_year_cues[] = {
    "in", "since", "by", "until", "till", "from", "before", "after", "during", "of", "year",
    "early", "late", "mid", "circa", "the", "a", "an", "this", "that", "its", "his", "her",
    "their", "our", "my", "your", "between", "through", "spring", "summer", "autumn", "fall",
    "winter", "season", "fiscal", "class", "vintage", "for",
};

int en_year_cue(const char *s, size_t n)
{
    return in_list(en_year_cues, N_ELEMS(en_year_cues), s, n, 1);
}

const char *const en_months[12] = {
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
};

/* The month an English word names (0..11), or -1.  *abbrev: a short form
** ("Oct", "Sept"). */
int en_month(const char *s, size_t n, int *abbrev)
{
    *abbrev = 0;
    if (n < 3 || n > 9 || !strchr("JFMASOND", s[0]))
        return -1;
    if (n <= 4 && is_upper(s[1]) && is_upper(s[n - 1])) { /* "MAR", "SEPT": headline capitals */
        char w[5] = { s[0], to_lower(s[1]), to_lower(s[2]), n == 4 ? to_lower(s[3]) : 0, 0 };
        int m = en_month(w, n, abbrev);
        return *abbrev ? m : -1;
    }
    for (int m = 0; m < 12; m++) {
        const char *full = en_months[m];
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

/* ================================================================ English numbers */

/* Parse a number at s[0..n): [sign] digits [,ddd]... [.digits], or .digits.
** Returns characters consumed (0 if none). */
size_t en_parse_num(const char *s, size_t n, en_num *m, int allow_sign)
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
static size_t int_digits(const en_num *m, char *buf)
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

long en_int_value(const en_num *m)
{
    char buf[NR_NUM_MAX_DIGITS + 1];
    size_t k = int_digits(m, buf);
    return k <= 9 ? nr_num_value(buf, k) : -1;
}

int en_is_one(const en_num *m)
{
    return m->il == 1 && m->ip[0] == '1' && m->fl == 0;
}

/* Cardinal words for the integer part (digit by digit when very long). */
void en_say_int(nr_ctx *c, const en_num *m)
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

static void en_say_fraction_digits(nr_ctx *c, const en_num *m)
{
    if (m->fl) {
        nr_word(c, "point");
        nr_num_digits(c->out, m->fp, m->fl);
    }
}

static void say_sign(nr_ctx *c, const en_num *m)
{
    if (m->sign)
        nr_word(c, m->sign < 0 ? "minus" : "plus");
}

/* "minus three point one four" */
void en_say_num(nr_ctx *c, const en_num *m)
{
    say_sign(c, m);
    if (m->il)
        en_say_int(c, m);
    else if (!m->fl)
        nr_word(c, "zero");
    en_say_fraction_digits(c, m);
}

/* A year for a four-digit 1000..2099, a cardinal otherwise. */
void en_say_year(nr_ctx *c, const char *d, size_t n)
{
    nr_num_year(c->out, d, n);
}

void en_say_ordinal_digits(nr_ctx *c, const char *d, size_t n)
{
    nr_num_ordinal(c->out, d, n);
}

void en_say_ordinal(nr_ctx *c, const en_num *m)
{
    char buf[NR_NUM_MAX_DIGITS + 1];
    size_t k = int_digits(m, buf);
    if (k <= NR_NUM_MAX_DIGITS && !(k > 1 && buf[0] == '0')) {
        nr_num_ordinal(c->out, buf, k);
        return;
    }
    en_say_int(c, m);
}

/* Fractions: "one half", "three quarters"; mixed: "a half", "an eighth". */
int en_say_fraction(nr_ctx *c, long num, long den, int mixed)
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
        nr_word(c, den == 8 || den == 11 ? "an" : "a");
    else {
        char nb[3] = { (char)('0' + num % 10), 0, 0 };
        if (num >= 10) {
            nb[0] = (char)('0' + num / 10);
            nb[1] = (char)('0' + num % 10);
        }
        nr_num_cardinal(c->out, nb, num >= 10 ? 2 : 1);
    }
    if (den == 2)
        nr_word(c, num == 1 ? "half" : "halves");
    else if (den == 4)
        nr_word(c, num == 1 ? "quarter" : "quarters");
    else {
        size_t from = c->out->len;
        en_say_ordinal_digits(c, d, dl);
        if (num > 1)
            nr_num_pluralize(c->out, from);
    }
    return 1;
}

/* Vulgar fraction characters. */
const en_fraction en_vulgar[] = {
    { "\xC2\xBD", 1, 2 }, { "\xC2\xBC", 1, 4 }, { "\xC2\xBE", 3, 4 },
    { "\xE2\x85\x93", 1, 3 }, { "\xE2\x85\x94", 2, 3 }, { "\xE2\x85\x95", 1, 5 },
    { "\xE2\x85\x9B", 1, 8 }, { "\xE2\x85\x9C", 3, 8 }, { "\xE2\x85\x9D", 5, 8 },
    { "\xE2\x85\x9E", 7, 8 },
};

int en_vulgar_at(const char *s, size_t n)
{
    if (n < 2 || ((unsigned char)s[0] != 0xC2 && (unsigned char)s[0] != 0xE2))
        return -1;
    for (size_t i = 0; i < N_ELEMS(en_vulgar); i++) {
        size_t k = strlen(en_vulgar[i].ch);
        if (k <= n && memcmp(s, en_vulgar[i].ch, k) == 0)
            return (int)i;
    }
    return -1;
}

/* Units after a number.  Case matters ("m" is meters, "M" million). */
const en_unit en_units[] = {
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
    for (size_t i = 0; i < N_ELEMS(en_units); i++) {
        if (en_units[i].key[0] != s[0])
            continue;
        size_t k = strlen(en_units[i].key);
        if (k <= n && memcmp(s, en_units[i].key, k) == 0 && (k == n || !is_alpha(s[k]))) {
            *len = k;
            return (int)i;
        }
    }
    return -1;
}

/* unit_at, and in a headline the unit in lower case: title case makes "12 km"
** "12 Km" and "5 ft" "5 Ft" (but a symbol in capitals, "MB", stays as it is). */
int en_unit_in(const nr_ctx *c, const char *s, size_t n, size_t *len)
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
const char *en_scale_at(const char *s, size_t n, size_t *len, int whole, int money)
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
int en_ampm_at(const char *s, size_t n, size_t *len)
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
int en_ampm_tok(const nr_tok *t)
{
    size_t k;
    if (!t || t->ln)
        return 0;
    int kind = en_ampm_at(CORE(t), t->cn, &k);
    return kind && k == t->cn ? kind : 0;
}


size_t en_parse_time(const char *s, size_t n, en_time *t)
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

void en_say_small(nr_ctx *c, long v)
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
static void say_minutes(nr_ctx *c, long v)
{
    if (v < 10)
        nr_word(c, "oh");
    en_say_small(c, v);
}

/* ampm: 0 none, 1 a.m., 2 p.m. */
void en_say_time(nr_ctx *c, const en_time *t, int ampm)
{
    if (ampm && t->h == 12 && t->mm == 0 && t->ss < 0) {
        nr_word(c, ampm == 2 ? "noon" : "midnight");
        return;
    }
    en_say_small(c, t->h);
    if (t->mm || t->ss >= 0)
        say_minutes(c, t->mm);
    else if (!ampm)
        nr_word(c, "o'clock");
    if (t->ss >= 0)
        say_minutes(c, t->ss);
    if (ampm)
        nr_word(c, ampm == 1 ? EN_AM : EN_PM);
}

/* "2014" + "15" / "2015" -> "twenty fourteen to twenty fifteen"; 0 if a is
** not a year from 1100 to 2099 or b does not follow it. */

/* Is the current token after "a" or "an" ("a 500 ml bottle": a unit said in the singular)? */
int en_article_before(const nr_ctx *c)
{
    const nr_tok *p = nr_prev(c);
    return p && TLEN(p) == 0 && (eq_nocase(CORE(p), p->cn, "a") || eq_nocase(CORE(p), p->cn, "an"));
}
