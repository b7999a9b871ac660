/* it.c - Italian: abbreviations (how they split, how they are said), money. */
#include <stdio.h>
#include <string.h>

#include "lang.h"
#include "norm.h"

static const nr_abbr it_abbrs[] = {
    { "a.C", NR_ABBR_MAYBE, 0, "avanti Cristo" },
    { "ad es", NR_ABBR_PRE, 0, "ad esempio" },
    { "ago", NR_ABBR_NUM, 0, "agosto" },
    { "apr", NR_ABBR_NUM, 0, "aprile" },
    { "Arch", NR_ABBR_PRE, 0, "architetto" },
    { "art", NR_ABBR_NUM, 0, "articolo" },
    { "artt", NR_ABBR_NUM, 0, "articoli" },
    { "Avv", NR_ABBR_PRE, 0, "avvocato" },
    { "c.so", NR_ABBR_PRE, 0, "corso" },
    { "ca", NR_ABBR_PRE, 0, "circa" },
    { "cap", NR_ABBR_NUM, 0, "capitolo" },
    { "cfr", NR_ABBR_PRE, 0, "confronta" },
    { "Col", NR_ABBR_PRE, 0, "colonnello" },
    { "d.C", NR_ABBR_MAYBE, 0, "dopo Cristo" },
    { "dic", NR_ABBR_NUM, 0, "dicembre" },
    { "Dott", NR_ABBR_PRE, 0, "dottor" },
    { "Dott.ssa", NR_ABBR_PRE, 0, "dottoressa" },
    { "Dr", NR_ABBR_PRE, 0, "dottor" },
    { "ecc", NR_ABBR_END, 0, "eccetera" },
    { "ecc.mo", NR_ABBR_PRE, 0, "eccellentissimo" },
    { "Egr", NR_ABBR_PRE, 0, "egregio" },
    { "es", NR_ABBR_PRE, 1, "esempio" },
    { "feb", NR_ABBR_NUM, 0, "febbraio" },
    { "fig", NR_ABBR_NUM, 0, "figura" },
    { "gen", NR_ABBR_NUM, 1, "gennaio" },
    { "Gent", NR_ABBR_PRE, 0, "gentile" },
    { "Gent.ma", NR_ABBR_PRE, 0, "gentilissima" },
    { "Gent.mo", NR_ABBR_PRE, 0, "gentilissimo" },
    { "Geom", NR_ABBR_PRE, 0, "geometra" },
    { "giu", NR_ABBR_NUM, 0, "giugno" },
    { "Ill", NR_ABBR_PRE, 0, "illustre" },
    { "Ill.mo", NR_ABBR_PRE, 0, "illustrissimo" },
    { "Ing", NR_ABBR_PRE, 0, "ingegner" },
    { "lug", NR_ABBR_NUM, 0, "luglio" },
    { "mag", NR_ABBR_NUM, 0, "maggio" },
    { "Magg", NR_ABBR_PRE, 0, "maggiore" },
    { "mar", NR_ABBR_NUM, 1, "marzo" },
    { "min", NR_ABBR_NUM, 0, "minuti" },
    { "mld", NR_ABBR_MAYBE, NR_AB_BARE, "miliardi" },
    { "mln", NR_ABBR_MAYBE, NR_AB_BARE, "milioni" },
    { "Mons", NR_ABBR_PRE, 0, "monsignor" },
    { "n", NR_ABBR_NUM, 1, "numero" },
    { "nov", NR_ABBR_NUM, 0, "novembre" },
    { "nr", NR_ABBR_NUM, 0, "numero" },
    { "On", NR_ABBR_PRE, 1, "onorevole" },
    { "ott", NR_ABBR_NUM, 0, "ottobre" },
    { "p.es", NR_ABBR_PRE, 0, "per esempio" },
    { "P.zza", NR_ABBR_PRE, 0, "piazza" },
    { "pag", NR_ABBR_NUM, 0, "pagina" },
    { "pagg", NR_ABBR_NUM, 0, "pagine" },
    { "Prof", NR_ABBR_PRE, 0, "professor" },
    { "Prof.ssa", NR_ABBR_PRE, 0, "professoressa" },
    { "Rag", NR_ABBR_PRE, 0, "ragionier" },
    { "rispett", NR_ABBR_PRE, 0, "rispettivamente" },
    { "S", NR_ABBR_PRE, 1, "San" },
    { "S.E", NR_ABBR_PRE, 0, "Sua Eccellenza" },
    { "S.p.A", NR_ABBR_MAYBE, 0, "esse pi a" },
    { "S.r.l", NR_ABBR_MAYBE, 0, "esse erre elle" },
    { "sec", NR_ABBR_NUM, 0, "secolo" },
    { "Sen", NR_ABBR_PRE, 1, "senatore" },
    { "set", NR_ABBR_NUM, 0, "settembre" },
    { "sett", NR_ABBR_NUM, 0, "settembre" },
    { "Sig", NR_ABBR_PRE, 0, "signor" },
    { "Sig.na", NR_ABBR_PRE, 0, "signorina" },
    { "Sig.ra", NR_ABBR_PRE, 0, "signora" },
    { "Sigg", NR_ABBR_PRE, 0, "signori" },
    { "Spett", NR_ABBR_PRE, 0, "spettabile" },
    { "Ss", NR_ABBR_PRE, 1, "santi" },
    { "tel", NR_ABBR_NUM, 0, "telefono" },
    { "v", NR_ABBR_PRE, 1, "vedi" },
    { "V.le", NR_ABBR_PRE, 0, "viale" },
    { "vol", NR_ABBR_NUM, 0, "volume" },
    { "vs", NR_ABBR_PRE, 0, "contro" },
};

static const char *const it_starters[] = {
    "A", "Al", "Alla", "Alle", "Allora", "Anche", "Ancora", "Che", "Chi", "Ci", "Come",
    "Con", "Così", "Da", "Dal", "Dalla", "Del", "Della", "Di", "Dopo", "Dove", "E", "Ecco",
    "Era", "Gli", "I", "Il", "In", "Infatti", "Inoltre", "Intanto", "Invece", "Io", "La", "Le",
    "Lei", "Li", "Lo", "Lui", "Ma", "Mentre", "Nel", "Nella", "Noi", "Non", "Ora", "Per",
    "Perché", "Però", "Poi", "Quando", "Quello", "Questa", "Questo", "Se", "Secondo", "Si",
    "Sono", "Su", "Sul", "Sulla", "Tra", "Tutti", "Un", "Una", "Uno", "È",
};

/* ---------------------------------------------------------------- number words */

static const char *const it_units[20] = {
    "zero", "uno", "due", "tre", "quattro", "cinque", "sei", "sette", "otto", "nove", "dieci",
    "undici", "dodici", "tredici", "quattordici", "quindici", "sedici", "diciassette", "diciotto",
    "diciannove",
};
static const char *const it_tens[10] = {
    "", "", "venti", "trenta", "quaranta", "cinquanta", "sessanta", "settanta", "ottanta", "novanta",
};

/* 1..999 (nothing for 0): "ventuno", "ventotto", "centoventi". */
static void it_below_1000(char *w, size_t cap, int v)
{
    if (v >= 100) {
        if (v >= 200)
            nr_cat(w, cap, it_units[v / 100]);
        nr_cat(w, cap, "cento");
    }
    int r = v % 100;
    if (r == 0)
        return;
    if (r < 20) {
        nr_cat(w, cap, it_units[r]);
        return;
    }
    size_t n = strlen(w);
    nr_cat(w, cap, it_tens[r / 10]);
    if (r % 10 == 1 || r % 10 == 8) /* "ventuno", "trentotto" */
        w[strlen(w) - 1] = '\0';
    if (r % 10)
        nr_cat(w, cap, it_units[r % 10]);
    (void)n;
}

/* Cardinal words for 0..999999999; a final "tre" of a compound is "tré". */
static void it_cardinal(char *w, size_t cap, long v)
{
    w[0] = '\0';
    if (v == 0) {
        nr_cat(w, cap, "zero");
        return;
    }
    long m = v / 1000000, th = v / 1000 % 1000, r = v % 1000;
    if (m) {
        if (m == 1) {
            nr_cat(w, cap, "un milione");
        } else {
            it_below_1000(w, cap, (int)m);
            nr_cat(w, cap, " milioni");
        }
        if (th || r)
            nr_cat(w, cap, " ");
    }
    if (th == 1)
        nr_cat(w, cap, "mille");
    else if (th) {
        it_below_1000(w, cap, (int)th);
        nr_cat(w, cap, "mila");
    }
    it_below_1000(w, cap, (int)r);
    size_t n = strlen(w);
    if (v > 10 && r % 10 == 3 && r % 100 != 13 && n >= 3 && strcmp(w + n - 3, "tre") == 0)
        snprintf(w + n - 3, cap - (n - 3), "tré");
}

static void it_say_cardinal(nr_ctx *c, long v)
{
    char w[256];
    it_cardinal(w, sizeof w, v);
    nr_word(c, w);
}

/* An amount in words ("2,5": "due virgola cinque"); what is no number as written. */
static void it_number(nr_ctx *c, const char *s, size_t n)
{
    int minus;
    long f, v = nr_decimal_value(s, n, 0, &minus, &f);
    if (v < 0) {
        nr_word_n(c, s, n);
        return;
    }
    if (minus)
        nr_word(c, "meno");
    it_say_cardinal(c, v);
    if (f >= 0) {
        nr_word(c, "virgola");
        it_say_cardinal(c, f);
    }
}

static const char *const it_ord[10] = {
    "primo", "secondo", "terzo", "quarto", "quinto", "sesto", "settimo", "ottavo", "nono", "decimo",
};

/* "terzo", "ventunesimo", "ventitreesimo"; feminine ends in "a". */
static void it_ordinal(nr_ctx *c, long v, int feminine)
{
    char w[256];
    if (v >= 1 && v <= 10) {
        snprintf(w, sizeof w, "%s", it_ord[v - 1]);
    } else {
        it_cardinal(w, sizeof w - 8, v);
        size_t n = strlen(w);
        if (n >= 4 && strcmp(w + n - 4, "tré") == 0)
            snprintf(w + n - 4, sizeof w - (n - 4), "tre");
        else if (!(n >= 3 && strcmp(w + n - 3, "sei") == 0))
            w[n - 1] = '\0';
        nr_cat(w, sizeof w, "esimo");
    }
    if (feminine)
        w[strlen(w) - 1] = 'a';
    nr_word(c, w);
}

/* ---------------------------------------------------------------- rules */

/* "2°", "3ª", "1°": ordinals. */
static int it_ordinal_token(nr_ctx *c)
{
    const nr_tok *t = nr_peek(c, 0);
    int feminine, apocope;
    long v = t->ln ? 0 : nr_ordinal_mark(CORE(t), t->cn, &feminine, &apocope);
    if (!v || apocope)
        return 0;
    nr_begin(c, t);
    it_ordinal(c, v, feminine);
    nr_finish(c, t, 0);
    return 1;
}

/* "XXI secolo", "Carlo III", "Papa Giovanni XXIII": ordinals. */
static int it_roman(nr_ctx *c)
{
    const nr_tok *t = nr_peek(c, 0), *prev = nr_prev(c), *next = nr_peek(c, 1);
    int v = t->ln ? 0 : nr_roman_value(CORE(t), t->cn);
    int century = next && !TLEN(t) && !next->ln && (eq(CORE(next), next->cn, "secolo") || eq(CORE(next), next->cn, "secoli"));
    if (!v || (!century && (!prev || TLEN(prev) || !nr_is_name(c, prev))))
        return 0;
    nr_begin(c, t);
    it_ordinal(c, v, 0);
    nr_finish(c, t, 0);
    return 1;
}

/* "14:30", "ore 20.15" -> "quattordici e trenta"; "18:00" -> "diciotto". */
static int it_time(nr_ctx *c)
{
    const nr_tok *t = nr_peek(c, 0), *prev = nr_prev(c);
    const char *s = CORE(t);
    size_t n = t->cn, h = 0;
    while (h < n && h < 2 && is_digit(s[h]))
        h++;
    if (t->ln || h == 0 || h + 3 != n || !all_digits(s + h + 1, 2))
        return 0;
    int dot_ok = prev && !TLEN(prev) && (eq_nocase(CORE(prev), prev->cn, "ore") || eq_nocase(CORE(prev), prev->cn, "alle"));
    if (s[h] != ':' && !(s[h] == '.' && dot_ok))
        return 0;
    long hour = nr_num_value(s, h), minute = nr_num_value(s + h + 1, 2);
    if (hour > 24 || minute > 59)
        return 0;
    nr_begin(c, t);
    it_say_cardinal(c, hour);
    if (minute) {
        nr_word(c, "e");
        it_say_cardinal(c, minute);
    }
    nr_finish(c, t, 0);
    return 1;
}

/* "12/03/2024" -> "dodici marzo duemilaventiquattro". */
static int it_date(nr_ctx *c)
{
    static const char *const months[12] = {
        "gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto",
        "settembre", "ottobre", "novembre", "dicembre",
    };
    const nr_tok *t = nr_peek(c, 0);
    const char *s = CORE(t);
    size_t n = t->cn;
    long d, m, y;
    if (t->ln || !nr_numeric_date(s, n, '/', &d, &m, &y))
        return 0;
    nr_begin(c, t);
    if (d == 1)
        nr_word(c, "primo");
    else
        it_say_cardinal(c, d);
    nr_word(c, months[m - 1]);
    it_say_cardinal(c, y);
    nr_finish(c, t, 0);
    return 1;
}

/* Masculine nouns in -a: "un problema". */
static const char *const it_masculine_a[] = {
    "clima", "cinema", "dramma", "problema", "programma", "sistema", "tema", "pianeta", "papa",
};

/* Plain numbers in words: "1 figlia" (una), "1.250", "5 %" (per cento). */
static int it_plain_number(nr_ctx *c)
{
    const nr_tok *t = nr_peek(c, 0), *t1 = nr_peek(c, 1), *last;
    const char *s = CORE(t);
    size_t n;
    int percent = nr_amount_percent(c, &n, &last);
    if (percent < 0)
        return 0;
    nr_begin(c, t);
    if (eq(s, n, "1") && !percent && t1 && !TLEN(t) && !t1->ln && t1->cn > 1 && is_lower(CORE(t1)[0])) {
        const char *w = CORE(t1);
        int fem = w[t1->cn - 1] == 'a' && !in_list(it_masculine_a, N_ELEMS(it_masculine_a), w, t1->cn, 0);
        nr_word(c, fem ? "una" : "un");
    } else {
        it_number(c, s, n);
    }
    if (percent)
        nr_word(c, "per cento");
    nr_finish(c, last, 0);
    return last == t ? 1 : 2;
}

/* "1/2 ora" (mezz'ora), "3/4" (tre quarti), "1/3" (un terzo). */
static int it_fraction(nr_ctx *c)
{
    const nr_tok *t = nr_peek(c, 0), *prev = nr_prev(c), *next = nr_peek(c, 1);
    const char *s = CORE(t);
    if (t->ln || t->cn != 3 || !is_digit(s[0]) || s[1] != '/' || !is_digit(s[2]))
        return 0;
    int a = s[0] - '0', b = s[2] - '0';
    if (a < 1 || a >= b || b > 5)
        return 0;
    int article = prev && !TLEN(prev) && (eq_nocase(CORE(prev), prev->cn, "un") || eq_nocase(CORE(prev), prev->cn, "una"));
    nr_begin(c, t);
    if (b == 2) {
        if (!TLEN(t) && next && !next->ln && eq(CORE(next), next->cn, "ora")) {
            nr_word(c, "mezz'ora");
            nr_finish(c, next, 0);
            return 2;
        }
        nr_word(c, "mezzo");
    } else {
        if (!(a == 1 && article))
            nr_word(c, a == 1 ? "un" : it_units[a]);
        nr_word(c, b == 3 ? (a == 1 ? "terzo" : "terzi") : b == 4 ? (a == 1 ? "quarto" : "quarti")
                          : (a == 1 ? "quinto" : "quinti"));
    }
    nr_finish(c, t, 0);
    return 1;
}

static const nr_unit it_units_words[] = {
    { "km", "chilometro", "chilometri", 0 }, { "km/h", "chilometro orario", "chilometri orari", 0 },
    { "kg", "chilo", "chili", 0 }, { "g", "grammo", "grammi", 0 }, { "m", "metro", "metri", 0 },
    { "cm", "centimetro", "centimetri", 0 }, { "mm", "millimetro", "millimetri", 0 },
    { "m\xC2\xB2", "metro quadrato", "metri quadrati", 0 }, { "l", "litro", "litri", 0 },
    { "min", "minuto", "minuti", 0 }, { "\xC2\xB0" "C", "grado", "gradi", 0 },
    { "\xC2\xB0", "grado", "gradi", 0 }, { "ha", "ettaro", "ettari", 0 },
    { "GB", "gigabyte", "gigabyte", 0 }, { "t", "tonnellata", "tonnellate", 1 },
};

static const nr_currency it_currencies[] = {
    { "US$", "dollaro statunitense", "dollari statunitensi", 0 },
    { "$", "dollaro", "dollari", 0 }, { "\xE2\x82\xAC", "euro", "euro", 0 },
    { "\xC2\xA3", "sterlina", "sterline", 1 }, { "\xC2\xA5", "yen", "yen", 0 },
};

static const char *const it_scales[] = { "miliardi", "miliardo", "milione", "milioni", "mld", "mln" };

static const nr_money it_money = {
    it_currencies, N_ELEMS(it_currencies), "un", "una", ',', "e", "centesimi",
    WORDS(it_scales), "di", NULL, NULL, it_number,
};

static int it_normalize(nr_ctx *c)
{
    int k;
    if ((k = it_ordinal_token(c)) != 0 || (k = it_time(c)) != 0 || (k = it_date(c)) != 0 ||
        (k = it_fraction(c)) != 0)
        return k;
    if ((k = nr_say_money(c, &it_money)) != 0 ||
        (k = nr_say_unit(c, it_units_words, N_ELEMS(it_units_words), "un", "una", it_number)) != 0)
        return k;
    if ((k = it_plain_number(c)) != 0 || (k = it_roman(c)) != 0)
        return k;
    return nr_say_word(c, "e");
}

const nr_lang_rules nr_lang_it = {
    "it", it_abbrs, sizeof it_abbrs / sizeof it_abbrs[0],
    8, 5, /* the longest key, the longest several-word key */
    NO_ABBRS,
    WORDS(it_starters), NO_WORDS,
    NO_WORDS, NO_WORDS, NO_WORDS,
    NR_QUOTES_FR, it_normalize, NULL,
};
