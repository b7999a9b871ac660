/* de_rules.c - German: number words, ordinals, dates, times, Roman numerals, units, money. */
#include <stdio.h>
#include <string.h>

#include "lang.h"
#include "norm.h"

/* ---------------------------------------------------------------- number words */

static const char *const de_ones[20] = {
    "null", "ein", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun", "zehn",
    "elf", "zwölf", "dreizehn", "vierzehn", "fünfzehn", "sechzehn", "siebzehn", "achtzehn",
    "neunzehn",
};
static const char *const de_tens[10] = {
    "", "", "zwanzig", "dreißig", "vierzig", "fünfzig", "sechzig", "siebzig", "achtzig", "neunzig",
};

/* 1..99 as in a compound ("ein", "einund-"); nothing for 0. */
static void below_100(char *w, size_t cap, int v)
{
    if (v == 0)
        return;
    if (v < 20) {
        nr_cat(w, cap, de_ones[v]);
        return;
    }
    if (v % 10) {
        nr_cat(w, cap, de_ones[v % 10]);
        nr_cat(w, cap, "und");
    }
    nr_cat(w, cap, de_tens[v / 10]);
}

static void below_1000(char *w, size_t cap, int v)
{
    if (v >= 100) {
        if (v >= 200)
            nr_cat(w, cap, de_ones[v / 100]);
        nr_cat(w, cap, "hundert"); /* "hundert", as a newsreader says it, not "einhundert" */
    }
    below_100(w, cap, v % 100);
}

/* Cardinal words for 0..999999999: "tausendzweihundertfünfzig", "zwei Millionen
** fünfhunderttausend"; a final one is "eins". */
static void de_cardinal(char *w, size_t cap, long v)
{
    w[0] = '\0';
    if (v == 0) {
        nr_cat(w, cap, "null");
        return;
    }
    long m = v / 1000000, th = v / 1000 % 1000, r = v % 1000;
    if (m) {
        if (m == 1) {
            nr_cat(w, cap, "eine Million");
        } else {
            below_1000(w, cap, (int)m);
            nr_cat(w, cap, " Millionen");
        }
        if (th || r)
            nr_cat(w, cap, " ");
    }
    if (th) {
        if (th > 1)
            below_1000(w, cap, (int)th);
        nr_cat(w, cap, "tausend");
    }
    below_1000(w, cap, (int)r);
    if (r % 100 == 1)
        nr_cat(w, cap, "s");
}

/* A year 1100..1999: "neunzehnhundertachtundneunzig". */
static void de_year(char *w, size_t cap, long v)
{
    w[0] = '\0';
    below_100(w, cap, (int)(v / 100));
    nr_cat(w, cap, "hundert");
    below_100(w, cap, (int)(v % 100));
    if (v % 100 == 1)
        nr_cat(w, cap, "s");
}

/* The ordinal stem: "erst", "dritt", "zwanzigst", "hundertst". */
static void de_ordinal_stem(char *w, size_t cap, long v)
{
    de_cardinal(w, cap, v);
    size_t n = strlen(w);
    int r = (int)(v % 100);
    if (r == 1 && n >= 4)
        snprintf(w + n - 4, cap - (n - 4), "erst");
    else if (r == 3 && n >= 4)
        snprintf(w + n - 4, cap - (n - 4), "dritt");
    else if (r == 7 && n >= 6)
        snprintf(w + n - 6, cap - (n - 6), "siebt");
    else if (r != 8)
        nr_cat(w, cap, r >= 2 && r < 20 ? "t" : "st");
}

/* An amount in words where espeak-ng misreads the digits (from a hundred,
** thousands set apart by periods); smaller numbers and decimals as written. */
static void de_number(nr_ctx *c, const char *s, size_t n)
{
    int minus = n > 1 && s[0] == '-';
    long v = nr_dotted_value(s + minus, n - (size_t)minus);
    if (v < 100) {
        nr_word_n(c, s, n);
        return;
    }
    char w[256];
    de_cardinal(w, sizeof w, v);
    if (minus)
        nr_word(c, "minus");
    nr_word(c, w);
}

/* ---------------------------------------------------------------- ordinals, dates */

static const char *const months_de[] = {
    "Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September",
    "Oktober", "November", "Dezember",
};
static const char *const months_de_short[] = {
    "Jan", "Feb", "Mär", "Apr", "Mai", "Jun", "Jul", "Aug", "Sep", "Okt", "Nov", "Dez",
};

static int is_month_de(const nr_tok *t)
{
    if (!t || t->ln)
        return 0;
    if (in_list(months_de, N_ELEMS(months_de), CORE(t), t->cn, 0) || eq(CORE(t), t->cn, "Jänner"))
        return 1;
    return nr_has_period(t) && (in_list(months_de_short, N_ELEMS(months_de_short), CORE(t), t->cn, 0) ||
                                eq(CORE(t), t->cn, "Febr") || eq(CORE(t), t->cn, "Sept"));
}

/* The adjective ending after the word before: "am" -> "en", "der" -> "e". */
static const char *de_ending(const nr_tok *prev)
{
    static const char *const weak_en[] = { "am", "im", "vom", "zum", "beim", "den", "dem",
                                           "des", "bis", "ins", "ans", "aufs", "zur" };
    static const char *const weak_e[] = { "der", "die", "das" };
    static const char *const strong_em[] = { "seit", "ab", "vor", "nach", "von", "zu", "mit",
                                             "bei", "aus" };
    static const char *const days[] = { "Mo", "Di", "Mi", "Do", "Fr", "Sa", "So", "Montag",
                                        "Dienstag", "Mittwoch", "Donnerstag", "Freitag",
                                        "Samstag", "Sonntag" };
    if (prev && !prev->ln && in_list(days, N_ELEMS(days), CORE(prev), prev->cn, 0))
        return "en"; /* "am Mo., 15. März" */
    if (!prev || TLEN(prev))
        return NULL;
    if (in_list(weak_en, N_ELEMS(weak_en), CORE(prev), prev->cn, 1))
        return "en";
    if (in_list(weak_e, N_ELEMS(weak_e), CORE(prev), prev->cn, 1))
        return "e";
    if (in_list(strong_em, N_ELEMS(strong_em), CORE(prev), prev->cn, 1))
        return "em";
    return NULL;
}

static void say_ordinal(nr_ctx *c, long v, const char *ending, int capital)
{
    char w[256];
    de_ordinal_stem(w, sizeof w - 4, v);
    nr_cat(w, sizeof w, ending);
    if (capital && is_lower(w[0]))
        w[0] = to_upper(w[0]);
    nr_word(c, w);
}

/* "1." .. "999.": the value, or 0. */
static long ordinal_value(const nr_tok *t)
{
    if (!t || t->ln || t->cn > 3 || !all_digits(CORE(t), t->cn) || TLEN(t) < 1 ||
        !nr_has_period(t) || CORE(t)[0] == '0')
        return 0;
    return nr_num_value(CORE(t), t->cn);
}

/* Does the token start with a capital (a noun, a month, "FC")? */
static int capitalized(const nr_tok *t)
{
    return t && !t->ln && t->cn > 0 && ((unsigned char)CORE(t)[0] >= 0x80 || is_upper(CORE(t)[0]));
}

/* "am 3. Oktober" -> "am dritten Oktober"; "der 2. Weltkrieg" -> "der zweite
** Weltkrieg"; "vom 1. bis 3. Juni", "im 1.-3. Jahrhundert".  The ending
** follows the word before; a month also takes one without it ("3. Oktober"). */
static int de_ordinal(nr_ctx *c)
{
    const nr_tok *t = nr_peek(c, 0), *prev = nr_prev(c);
    const char *ending = de_ending(prev);
    long v = ordinal_value(t), v2 = 0;
    int used = 1;
    if (v && TLEN(t) == 1) {
        const nr_tok *t1 = nr_peek(c, 1), *t2 = nr_peek(c, 2), *t3 = nr_peek(c, 3);
        if (t1 && !t1->ln && eq(CORE(t1), t1->cn, "bis") && !TLEN(t1) && (v2 = ordinal_value(t2)) &&
            TLEN(t2) == 1 && capitalized(t3))
            used = 3; /* "1. bis 3. Jahrhundert" */
        else if (!capitalized(t1) || nr_starts_sentence(c, t1))
            return 0; /* "am 3. Es regnete": a sentence ends */
        const nr_tok *noun = used == 3 ? t3 : t1;
        if (!ending && !is_month_de(noun) && !nr_words_has(&c->rules->ordinal_after, CORE(noun), noun->cn))
            return 0; /* "2. Weltkrieg" without an article: left to espeak-ng */
    } else if (!t->ln && TLEN(t) == 1 && nr_has_period(t)) { /* "1.-3." */
        const char *s = CORE(t), *dash = memchr(s, '-', t->cn);
        if (!dash || dash - s < 2 || dash - s > 4 || dash[-1] != '.' || !all_digits(s, (size_t)(dash - s - 1)) ||
            !all_digits(dash + 1, t->cn - (size_t)(dash - s) - 1) || !capitalized(nr_peek(c, 1)))
            return 0;
        v = nr_num_value(s, (size_t)(dash - s - 1));
        v2 = nr_num_value(dash + 1, t->cn - (size_t)(dash - s) - 1);
        if (v < 1 || v2 <= v || v2 > 999)
            return 0;
        used = 0;
    } else {
        return 0;
    }
    if (!ending)
        ending = "er";
    nr_begin(c, t);
    say_ordinal(c, v, ending, 0);
    if (v2) {
        nr_word(c, "bis");
        say_ordinal(c, v2, ending, 0);
    }
    const nr_tok *last = used == 3 ? nr_peek(c, 2) : t;
    nr_finish(c, last, 1);
    return used ? used : 1;
}

/* "12.03.2024", "9.11.1989" -> "zwölften März zweitausendvierundzwanzig". */
static int de_date(nr_ctx *c)
{
    const nr_tok *t = nr_peek(c, 0);
    const char *s = CORE(t);
    size_t n = t->cn, a = 0, b;
    if (t->ln)
        return 0;
    while (a < n && a < 3 && is_digit(s[a]))
        a++;
    if (a == 0 || a > 2 || a >= n || s[a] != '.')
        return 0;
    b = a + 1;
    while (b < n && b - a - 1 < 3 && is_digit(s[b]))
        b++;
    size_t ml = b - a - 1;
    if (ml == 0 || ml > 2 || b >= n || s[b] != '.' || n - b - 1 != 4 || !all_digits(s + b + 1, 4))
        return 0;
    long d = nr_num_value(s, a), m = nr_num_value(s + a + 1, ml), y = nr_num_value(s + b + 1, 4);
    if (d < 1 || d > 31 || m < 1 || m > 12)
        return 0;
    const char *ending = de_ending(nr_prev(c));
    char w[256];
    nr_begin(c, t);
    say_ordinal(c, d, ending ? ending : "er", 0);
    nr_word(c, months_de[m - 1]);
    if (y >= 1100 && y < 2000)
        de_year(w, sizeof w, y);
    else
        de_cardinal(w, sizeof w, y);
    nr_word(c, w);
    nr_finish(c, t, 0);
    return 1;
}

/* Names of queens and empresses: "Elisabeth II." is "die Zweite". */
static const char *const de_queens[] = {
    "Beatrix", "Christina", "Elisabeth", "Juliana", "Katharina", "Margarethe", "Maria",
    "Viktoria", "Wilhelmina",
};

/* "Ludwig XIV." -> "Ludwig der Vierzehnte"; "unter Friedrich II." -> "unter
** Friedrich dem Zweiten". */
static int de_roman(nr_ctx *c)
{
    const nr_tok *t = nr_peek(c, 0), *prev = nr_prev(c), *before = nr_prev2(c);
    int v = t->ln ? 0 : nr_roman_value(CORE(t), t->cn);
    if (!v || !nr_has_period(t) || !prev || TLEN(prev) || !nr_is_name(c, prev))
        return 0;
    static const char *const dative[] = { "unter", "von", "mit", "nach", "bei", "seit", "zu",
                                          "aus", "vor" };
    int queen = in_list(de_queens, N_ELEMS(de_queens), CORE(prev), prev->cn, 0);
    int dat = before && !TLEN(before) && in_list(dative, N_ELEMS(dative), CORE(before), before->cn, 1);
    nr_begin(c, t);
    nr_word(c, dat ? (queen ? "der" : "dem") : (queen ? "die" : "der"));
    say_ordinal(c, v, dat ? "en" : "e", 1);
    nr_finish(c, t, !nr_keeps_period(c, 0));
    return 1;
}

/* ---------------------------------------------------------------- times, numbers */

static void say_cardinal(nr_ctx *c, long v)
{
    char w[256];
    de_cardinal(w, sizeof w, v);
    nr_word(c, w);
}

/* "08:30 Uhr", "20.15 Uhr", "um 14:30" -> "acht Uhr dreißig"; "3:1" -> "drei zu eins". */
static int de_time(nr_ctx *c)
{
    const nr_tok *t = nr_peek(c, 0), *t1 = nr_peek(c, 1), *prev = nr_prev(c);
    const char *s = CORE(t);
    size_t n = t->cn, h = 0;
    while (h < n && h < 2 && is_digit(s[h]))
        h++;
    if (!t->ln && h > 0 && h + 2 == n && s[h] == ':' && is_digit(s[h + 1])) {
        nr_begin(c, t); /* a score: "3:1" */
        say_cardinal(c, nr_num_value(s, h));
        nr_word(c, "zu");
        say_cardinal(c, s[h + 1] - '0');
        nr_finish(c, t, 0);
        return 1;
    }
    if (t->ln || h == 0 || h + 3 != n || (s[h] != ':' && s[h] != '.') || !all_digits(s + h + 1, 2))
        return 0;
    long hour = nr_num_value(s, h), minute = nr_num_value(s + h + 1, 2);
    int uhr = !TLEN(t) && t1 && !t1->ln && eq(CORE(t1), t1->cn, "Uhr");
    static const char *const at[] = { "um", "gegen", "ab", "bis", "von", "seit", "vor", "nach" };
    int cue = prev && !TLEN(prev) && in_list(at, N_ELEMS(at), CORE(prev), prev->cn, 1);
    if (hour > 24 || minute > 59 || (!uhr && !(cue && s[h] == ':'))) {
        if (s[h] != ':' || h > 2 || uhr)
            return 0;
        nr_begin(c, t); /* a score */
        say_cardinal(c, hour);
        nr_word(c, "zu");
        say_cardinal(c, nr_num_value(s + h + 1, 2));
        nr_finish(c, t, 0);
        return 1;
    }
    nr_begin(c, t);
    say_cardinal(c, hour == 1 ? 1 : hour);
    if (hour == 1)
        c->out->len--, c->out->s[c->out->len] = '\0'; /* "ein Uhr" */
    nr_word(c, "Uhr");
    if (minute)
        say_cardinal(c, minute);
    nr_finish(c, uhr ? t1 : t, uhr && !nr_keeps_period(c, 1));
    return uhr ? 2 : 1;
}

/* Nouns' endings that are feminine: "eine Million", "eine Stunde". */
static int feminine_noun(const char *s, size_t n)
{
    static const char *const endings[] = { "e", "ung", "heit", "keit", "schaft", "ion", "tät", "ei", "ik", "in" };
    for (size_t i = 0; i < N_ELEMS(endings); i++) {
        size_t k = strlen(endings[i]);
        if (n > k && memcmp(s + n - k, endings[i], k) == 0)
            return 1;
    }
    return eq(s, n, "Tochter") || eq(s, n, "Mutter") || eq(s, n, "Frau") || eq(s, n, "Stadt");
}

/* Plain numbers: "1 Kind" (ein), "1 Tochter" (eine), "1.250", "100", "1998" (a year
** before no noun), "5 %" (Prozent). */
static int de_plain_number(nr_ctx *c)
{
    const nr_tok *t = nr_peek(c, 0), *t1 = nr_peek(c, 1);
    const char *s = CORE(t);
    size_t n = t->cn;
    int percent = n > 1 && s[n - 1] == '%';
    if (percent)
        n--;
    int minus = n > 1 && s[0] == '-';
    long v = t->ln ? -1 : nr_dotted_value(s + minus, n - (size_t)minus);
    if (v < 0 || (TLEN(t) && TRAIL(t)[0] == '.' && t1))
        return 0; /* "3." is an ordinal: left to espeak-ng */
    const nr_tok *last = t;
    if (!percent && !TLEN(t) && t1 && !t1->ln && eq(CORE(t1), t1->cn, "%"))
        percent = 1, last = t1;
    int noun = !TLEN(t) && t1 && !t1->ln && t1->cn > 1 && (capitalized(t1) || percent);
    if (v == 1 && !minus && (noun || percent)) {
        nr_begin(c, t);
        nr_word(c, !percent && feminine_noun(CORE(t1), t1->cn) ? "eine" : "ein");
    } else if (v >= 1100 && v < 2000 && n == 4 && !percent && !noun) {
        char w[256];
        de_year(w, sizeof w, v);
        nr_begin(c, t);
        nr_word(c, w);
    } else if (v >= 100 || percent || memchr(s, '.', n)) {
        nr_begin(c, t);
        if (minus)
            nr_word(c, "minus");
        say_cardinal(c, v);
    } else {
        return 0;
    }
    if (percent)
        nr_word(c, "Prozent");
    nr_finish(c, last, 0);
    return last == t ? 1 : 2;
}

/* "1/2", "3/4", "½": "eine halbe", "drei Viertel". */
static int de_fraction(nr_ctx *c)
{
    const nr_tok *t = nr_peek(c, 0), *prev = nr_prev(c);
    const char *s = CORE(t);
    size_t n = t->cn;
    long a, b;
    if (t->ln)
        return 0;
    if (eq(s, n, "\xC2\xBD")) a = 1, b = 2;
    else if (eq(s, n, "\xC2\xBC")) a = 1, b = 4;
    else if (eq(s, n, "\xC2\xBE")) a = 3, b = 4;
    else if (n == 3 && is_digit(s[0]) && s[1] == '/' && is_digit(s[2])) a = s[0] - '0', b = s[2] - '0';
    else return 0;
    static const char *const parts[] = { NULL, NULL, NULL, "Drittel", "Viertel", "Fünftel", "Sechstel", NULL, "Achtel", NULL };
    if (a < 1 || a >= b || (b != 2 && !parts[b]))
        return 0;
    static const char *const article[] = { "ein", "eine", "einen", "Ein", "Eine", "Einen" };
    int after_article = prev && !TLEN(prev) && in_list(article, N_ELEMS(article), CORE(prev), prev->cn, 0);
    nr_begin(c, t);
    if (b == 2) {
        nr_word(c, after_article ? "halbe" : "eine halbe");
    } else {
        if (!(a == 1 && after_article))
            say_cardinal(c, a);
        if (a == 1 && !after_article)
            c->out->len--, c->out->s[c->out->len] = '\0'; /* "ein Drittel" */
        nr_word(c, parts[b]);
    }
    nr_finish(c, t, 0);
    return 1;
}

static const nr_unit de_units[] = {
    { "km", "Kilometer", "Kilometer", 0 }, { "km/h", "Kilometer pro Stunde", "Kilometer pro Stunde", 0 },
    { "kg", "Kilogramm", "Kilogramm", 0 }, { "g", "Gramm", "Gramm", 0 }, { "m", "Meter", "Meter", 0 },
    { "cm", "Zentimeter", "Zentimeter", 0 }, { "mm", "Millimeter", "Millimeter", 0 },
    { "m\xC2\xB2", "Quadratmeter", "Quadratmeter", 0 }, { "km\xC2\xB2", "Quadratkilometer", "Quadratkilometer", 0 },
    { "l", "Liter", "Liter", 0 }, { "ml", "Milliliter", "Milliliter", 0 },
    { "\xC2\xB0" "C", "Grad", "Grad", 0 }, { "\xC2\xB0", "Grad", "Grad", 0 },
    { "ha", "Hektar", "Hektar", 0 }, { "GB", "Gigabyte", "Gigabyte", 0 }, { "MB", "Megabyte", "Megabyte", 0 },
    { "t", "Tonne", "Tonnen", 1 }, { "kW", "Kilowatt", "Kilowatt", 0 }, { "MW", "Megawatt", "Megawatt", 0 },
    { "kWh", "Kilowattstunde", "Kilowattstunden", 1 }, { "PS", "PS", "PS", 0 },
};

static const nr_duration de_duration = {
    "Stunde", "Stunden", "Minute", "Minuten", "Sekunde", "Sekunden", "und", "eine", "eine", 1,
};

/* ---------------------------------------------------------------- money */

static const nr_currency de_currencies[] = {
    { "US$", "US-Dollar", "US-Dollar", 0 }, { "$", "Dollar", "Dollar", 0 },
    { "\xE2\x82\xAC", "Euro", "Euro", 0 }, { "\xC2\xA3", "Pfund", "Pfund", 0 },
    { "\xC2\xA5", "Yen", "Yen", 0 },
};

static const char *const de_scales[] = {
    "Milliarde", "Milliarden", "Million", "Millionen", "Mio", "Mrd", "Tsd",
};

static const nr_money de_money = {
    de_currencies, N_ELEMS(de_currencies), "ein", "eine", ',', "", "Cent",
    WORDS(de_scales), NULL, NULL, NULL, de_number,
};

int de_normalize(nr_ctx *c)
{
    const nr_tok *t = nr_peek(c, 0);
    int k;
    static const char *const digits[10] = { "null", "eins", "zwei", "drei", "vier", "fünf",
                                            "sechs", "sieben", "acht", "neun" };
    if (is_digit(CORE(t)[0]) || (unsigned char)CORE(t)[0] >= 0x80 || CORE(t)[0] == '-') {
        if ((k = nr_say_phone(c, digits, NULL)) != 0 || (k = de_ordinal(c)) != 0 || (k = de_date(c)) != 0 || (k = de_time(c)) != 0 ||
            (k = nr_say_duration(c, &de_duration)) != 0 || (k = de_fraction(c)) != 0)
            return k;
        if ((k = nr_say_money(c, &de_money)) != 0 ||
            (k = nr_say_unit(c, de_units, N_ELEMS(de_units), "ein", "eine", de_number)) != 0)
            return k;
        if ((k = de_plain_number(c)) != 0 || (k = nr_say_range(c, "bis", de_number)) != 0)
            return k;
    }
    if ((k = nr_say_money(c, &de_money)) != 0 || (k = de_roman(c)) != 0)
        return k;
    return nr_say_word(c, "und");
}
