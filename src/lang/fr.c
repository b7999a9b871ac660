/* fr.c - French: abbreviations (how they split, how they are said), money. */
#include <stdio.h>
#include <string.h>

#include "lang.h"
#include "norm.h"

static const nr_abbr fr_abbrs[] = {
    { "apr", NR_ABBR_PRE, 0, "après" },
    { "art", NR_ABBR_NUM, 0, "article" },
    { "av", NR_ABBR_PRE, 0, "avenue" },
    { "avr", NR_ABBR_NUM, 0, "avril" },
    { "bd", NR_ABBR_PRE, NR_AB_BARE_NAME, "boulevard" },
    { "boul", NR_ABBR_PRE, 0, "boulevard" },
    { "c.-à-d", NR_ABBR_PRE, 0, "c'est-à-dire" },
    { "Cdt", NR_ABBR_PRE, 0, "Commandant" },
    { "cf", NR_ABBR_PRE, 0, "confer" },
    { "chap", NR_ABBR_NUM, 0, "chapitre" },
    { "Cie", NR_ABBR_MAYBE, NR_AB_BARE, "Compagnie" },
    { "Col", NR_ABBR_PRE, 0, NULL },
    { "Corp", NR_ABBR_MAYBE, 0, NULL },
    { "Dr", NR_ABBR_PRE, NR_AB_BARE, "Docteur" },
    { "déc", NR_ABBR_NUM, 0, "décembre" },
    { "env", NR_ABBR_PRE, 0, "environ" },
    { "etc", NR_ABBR_END, 0, "et cetera" },
    { "Ets", NR_ABBR_MAYBE, 0, NULL },
    { "ex", NR_ABBR_PRE, 0, "exemple" },
    { "fig", NR_ABBR_NUM, 0, "figure" },
    { "févr", NR_ABBR_NUM, 0, "février" },
    { "Gal", NR_ABBR_PRE, 0, "Général" },
    { "Gén", NR_ABBR_PRE, 0, "Général" },
    { "h", NR_ABBR_END, 0, NULL },
    { "Inc", NR_ABBR_MAYBE, 0, NULL },
    { "janv", NR_ABBR_NUM, 0, "janvier" },
    { "juil", NR_ABBR_NUM, 0, "juillet" },
    { "juill", NR_ABBR_NUM, 0, "juillet" },
    { "Lt", NR_ABBR_PRE, 0, "Lieutenant" },
    { "Ltd", NR_ABBR_MAYBE, 0, NULL },
    { "M", NR_ABBR_PRE, NR_AB_EXACT | NR_AB_NAME, "Monsieur" },
    { "Me", NR_ABBR_PRE, NR_AB_EXACT | NR_AB_BARE_NAME, "Maître" },
    { "Mgr", NR_ABBR_PRE, NR_AB_BARE, "Monseigneur" },
    { "min", NR_ABBR_NUM, 0, "minutes" },
    { "Mlle", NR_ABBR_PRE, NR_AB_BARE, "Mademoiselle" },
    { "Mlles", NR_ABBR_PRE, NR_AB_BARE, "Mesdemoiselles" },
    { "MM", NR_ABBR_PRE, 1, "Messieurs" },
    { "Mme", NR_ABBR_PRE, NR_AB_BARE, "Madame" },
    { "Mmes", NR_ABBR_PRE, NR_AB_BARE, "Mesdames" },
    { "nov", NR_ABBR_NUM, 0, "novembre" },
    { "n°", NR_ABBR_NUM, NR_AB_BARE, "numéro" },
    { "nº", NR_ABBR_NUM, NR_AB_BARE, "numéro" },
    { "oct", NR_ABBR_NUM, 0, "octobre" },
    { "p", NR_ABBR_NUM, 1, "page" },
    { "p. ex", NR_ABBR_PRE, 0, "par exemple" },
    { "p.ex", NR_ABBR_PRE, 0, "par exemple" },
    { "pp", NR_ABBR_NUM, 0, "pages" },
    { "Pr", NR_ABBR_PRE, NR_AB_BARE_NAME, "Professeur" },
    { "sept", NR_ABBR_NUM, 0, "septembre" },
    { "Sgt", NR_ABBR_PRE, 0, "Sergent" },
    { "St", NR_ABBR_PRE, NR_AB_NAME | NR_AB_BARE_NAME, "Saint" },
    { "Ste", NR_ABBR_PRE, NR_AB_NAME | NR_AB_BARE_NAME, "Sainte" },
    { "tél", NR_ABBR_NUM, 0, "téléphone" },
    { "vol", NR_ABBR_NUM, 0, "volume" },
    { "vs", NR_ABBR_PRE, 0, "contre" },
    { "Vve", NR_ABBR_PRE, 0, "veuve" },
    { "éd", NR_ABBR_PRE, 0, "édition" },
};

static const char *const fr_starters[] = {
    "Ainsi", "Alors", "Après", "Au", "Aucun", "Aucune", "Aujourd'", "Aux", "Avant", "Bien",
    "C'", "Car", "Ce", "Cela", "Celui", "Cependant", "Certains", "Ces", "Cet", "Cette",
    "Chaque", "Comme", "Comment", "D'", "Dans", "Demain", "Depuis", "Des", "Donc", "Du", "Déjà",
    "Elle", "Elles", "En", "Encore", "Enfin", "Ensuite", "Et", "Hier", "Il", "Ils", "J'", "Je",
    "L'", "La", "Le", "Les", "Leur", "Leurs", "Lors", "Lorsque", "Ma", "Mais", "Malgré", "Mes",
    "Moins", "Mon", "Même", "N'", "Ne", "Non", "Nos", "Notre", "Nous", "On", "Or", "Ou", "Oui",
    "Où", "Par", "Parmi", "Pendant", "Plus", "Plusieurs", "Pour", "Pourquoi", "Pourtant",
    "Puis", "Qu'", "Quand", "Que", "Quel", "Quelle", "Qui", "S'", "Sa", "Selon", "Ses", "Si",
    "Son", "Sous", "Sur", "Tous", "Tout", "Toutefois", "Toutes", "Tu", "Un", "Une", "Voici",
    "Voilà", "Vos", "Votre", "Vous", "Ça",
};

static const nr_currency fr_currencies[] = {
    { "US$", "dollar américain", "dollars américains", 0 },
    { "$", "dollar", "dollars", 0 }, { "\xE2\x82\xAC", "euro", "euros", 0 },
    { "\xC2\xA3", "livre", "livres", 1 }, { "\xC2\xA5", "yen", "yens", 0 },
};

static const char *const fr_scales[] = { "milliard", "milliards", "million", "millions" };

static void fr_number(nr_ctx *c, const char *s, size_t n);

static const nr_money fr_money = {
    fr_currencies, N_ELEMS(fr_currencies), "un", "une", ',', "", "centimes",
    WORDS(fr_scales), "de", "d'", NULL, fr_number,
};

static const nr_unit fr_unit_words[] = {
    { "km", "kilomètre", "kilomètres", 0 }, { "km/h", "kilomètre heure", "kilomètres heure", 0 },
    { "kg", "kilo", "kilos", 0 }, { "g", "gramme", "grammes", 0 }, { "m", "mètre", "mètres", 0 },
    { "cm", "centimètre", "centimètres", 0 }, { "mm", "millimètre", "millimètres", 0 },
    { "m\xC2\xB2", "mètre carré", "mètres carrés", 0 }, { "km\xC2\xB2", "kilomètre carré", "kilomètres carrés", 0 },
    { "l", "litre", "litres", 0 }, { "ml", "millilitre", "millilitres", 0 },
    { "cl", "centilitre", "centilitres", 0 }, { "min", "minute", "minutes", 1 },
    { "\xC2\xB0" "C", "degré", "degrés", 0 }, { "\xC2\xB0", "degré", "degrés", 0 },
    { "ha", "hectare", "hectares", 0 }, { "Go", "gigaoctet", "gigaoctets", 0 },
    { "Mo", "mégaoctet", "mégaoctets", 0 }, { "To", "téraoctet", "téraoctets", 0 },
    { "t", "tonne", "tonnes", 1 }, { "kW", "kilowatt", "kilowatts", 0 },
    { "MW", "mégawatt", "mégawatts", 0 }, { "kWh", "kilowattheure", "kilowattheures", 0 },
};

/* ---------------------------------------------------------------- numbers */

static const char *const fr_units[20] = {
    "zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix",
    "onze", "douze", "treize", "quatorze", "quinze", "seize", "dix-sept", "dix-huit", "dix-neuf",
};
static const char *const fr_tens[10] = {
    "", "", "vingt", "trente", "quarante", "cinquante", "soixante", "soixante", "quatre-vingt",
    "quatre-vingt",
};

/* French words for v (0..999999) into w (a word list: parts joined by '-' or ' '). */
static void fr_below_100(char *w, size_t cap, int v, int final)
{
    size_t n = strlen(w);
    if (v < 20) {
        snprintf(w + n, cap - n, "%s", fr_units[v]);
        return;
    }
    int t = v / 10, u = v % 10;
    if (t == 7 || t == 9)
        u += 10;
    if (u == 0)
        snprintf(w + n, cap - n, "%s%s", fr_tens[t], t == 8 && final ? "s" : "");
    else if ((u == 1 || u == 11) && t != 8 && t != 9)
        snprintf(w + n, cap - n, "%s et %s", fr_tens[t], fr_units[u]);
    else
        snprintf(w + n, cap - n, "%s-%s", fr_tens[t], fr_units[u]);
}

static void fr_below_1000(char *w, size_t cap, int v, int final)
{
    int h = v / 100, r = v % 100;
    size_t n = strlen(w);
    if (h > 1)
        snprintf(w + n, cap - n, "%s cent%s%s", fr_units[h], r == 0 && final ? "s" : "",
                 r ? " " : "");
    else if (h == 1)
        snprintf(w + n, cap - n, "cent%s", r ? " " : "");
    if (r || h == 0)
        fr_below_100(w, cap, r, final);
}

static void fr_cardinal(char *w, size_t cap, long v)
{
    w[0] = '\0';
    if (v >= 1000000) {
        long m = v / 1000000;
        if (m > 999)
            m %= 1000;
        if (m == 1)
            strncat(w, "un million", cap - 1);
        else {
            fr_below_1000(w, cap, (int)m, 0);
            strncat(w, " millions", cap - strlen(w) - 1);
        }
        v %= 1000000;
        if (!v)
            return;
        strncat(w, " ", cap - strlen(w) - 1);
        char rest[160];
        fr_cardinal(rest, sizeof rest, v);
        strncat(w, rest, cap - strlen(w) - 1);
        return;
    }
    if (v >= 1000) {
        if (v / 1000 > 1) {
            fr_below_1000(w, cap, (int)(v / 1000), 0);
            strncat(w, " ", cap - strlen(w) - 1);
        }
        strncat(w, v % 1000 ? "mille " : "mille", cap - strlen(w) - 1);
        if (v % 1000)
            fr_below_1000(w, cap, (int)(v % 1000), 1);
        return;
    }
    fr_below_1000(w, cap, (int)v, 1);
}

/* "troisième", "vingt et unième"; feminine only changes "premier". */
static void fr_ordinal(nr_ctx *c, long v, int feminine)
{
    if (v == 1) {
        nr_word(c, feminine ? "première" : "premier");
        return;
    }
    char w[160];
    fr_cardinal(w, sizeof w - 8, v);
    size_t n = strlen(w);
    if (n >= 4 && strcmp(w + n - 4, "cinq") == 0)
        strcat(w, "u");
    else if (n >= 4 && strcmp(w + n - 4, "neuf") == 0)
        w[n - 1] = 'v';
    else if (w[n - 1] == 'e' || (w[n - 1] == 's' && n >= 2 && w[n - 2] == 't'))
        w[n - 1] = '\0'; /* "quatrième", "quatre-vingtième"; but "troisième" */
    strcat(w, "ième");
    nr_word(c, w);
}

/* "3e", "3ème", "1er", "1re", "2nd", "XXIe", "Ier": the value, feminine, the
** suffix length; 0 if the core is no ordinal. */
static long fr_ordinal_at(const char *s, size_t n, int *feminine, int *second)
{
    static const struct {
        const char *suffix;
        int feminine, second;
    } suffixes[] = {
        { "ers", 0, 0 }, { "er", 0, 0 }, { "res", 1, 0 }, { "re", 1, 0 }, { "ère", 1, 0 },
        { "ème", 0, 0 }, { "èmes", 0, 0 }, { "e", 0, 0 }, { "es", 0, 0 }, { "è", 0, 0 },
        { "nde", 1, 1 }, { "nd", 0, 1 },
    };
    size_t d = 0;
    while (d < n && (is_digit(s[d]) || s[d] == 'I' || s[d] == 'V' || s[d] == 'X' || s[d] == 'L'))
        d++;
    if (d == 0 || d == n || d > 8 || s[0] == 'L')
        return 0; /* "Le", "Les" */
    long v = is_digit(s[0]) ? (all_digits(s, d) && d <= 6 ? nr_num_value(s, d) : 0)
                            : nr_roman_value(s, d);
    for (size_t i = 0; v > 0 && i < N_ELEMS(suffixes); i++) {
        if (!eq(s + d, n - d, suffixes[i].suffix))
            continue;
        int one = v == 1;
        if ((i <= 4) != one || (suffixes[i].second && v != 2))
            return 0; /* "1er", but "3e"; "2nd" */
        *feminine = suffixes[i].feminine;
        *second = suffixes[i].second;
        return v;
    }
    return 0;
}

static int fr_ordinal_token(nr_ctx *c)
{
    const nr_tok *t = nr_peek(c, 0);
    int feminine = 0, second = 0;
    long v = fr_ordinal_at(CORE(t), t->cn, &feminine, &second);
    if (!v)
        return 0;
    nr_begin(c, t);
    if (second)
        nr_word(c, feminine ? "seconde" : "second");
    else
        fr_ordinal(c, v, feminine);
    const char *s = CORE(t);
    if (t->cn > 1 && s[t->cn - 1] == 's' && v > 1)
        nr_buf_putc(c->out, 's');
    nr_finish(c, t, 0);
    return 1;
}

/* "Louis XIV", "Jean-Paul II": a regnal number after a name, said as a cardinal. */
static int fr_roman(nr_ctx *c)
{
    const nr_tok *t = nr_peek(c, 0), *prev = nr_prev(c);
    int v = nr_roman_value(CORE(t), t->cn);
    if (!v || t->cn < 2 || !prev || TLEN(prev) || !nr_is_name(c, prev))
        return 0;
    char d[4];
    snprintf(d, sizeof d, "%d", v);
    nr_begin(c, t);
    nr_word(c, d);
    nr_finish(c, t, 0);
    return 1;
}

/* Words for the amount s[0..n) ("1 250" joined, "1,85", "-5"); feminine "une". */
static void fr_number_g(nr_ctx *c, const char *s, size_t n, int feminine)
{
    const char *comma = memchr(s, ',', n);
    size_t whole = comma ? (size_t)(comma - s) : n;
    int minus = whole > 1 && s[0] == '-';
    char digits[16];
    size_t k = 0;
    for (size_t i = (size_t)minus; i < whole && k < 9; i++)
        if (is_digit(s[i]))
            digits[k++] = s[i];
        else if (s[i] != ' ')
            k = 99;
    if (k == 0 || k > 9 || (digits[0] == '0' && k > 1) ||
        (comma && (n - whole - 1 > 6 || !all_digits(comma + 1, n - whole - 1)))) {
        nr_word_n(c, s, n);
        return;
    }
    char w[256];
    if (minus)
        nr_word(c, "moins");
    fr_cardinal(w, sizeof w - 2, nr_num_value(digits, k));
    size_t wl = strlen(w);
    if (feminine && !comma && wl >= 2 && strcmp(w + wl - 2, "un") == 0)
        strcat(w, "e"); /* "une fille", "vingt et une voix" */
    nr_word(c, w);
    if (comma) {
        nr_word(c, "virgule");
        for (size_t i = 1; i < n - whole - 1 && comma[i] == '0'; i++)
            nr_word(c, "zéro");
        fr_cardinal(w, sizeof w, nr_num_value(comma + 1, n - whole - 1));
        nr_word(c, w);
    }
}

static void fr_number(nr_ctx *c, const char *s, size_t n)
{
    fr_number_g(c, s, n, 0);
}

/* A pair of a phone number: "01" is "zéro un", "23" "vingt-trois". */
static void fr_pair(nr_ctx *c, const char *s, size_t n)
{
    if (s[0] == '0') {
        nr_word(c, "zéro");
        fr_number(c, s + 1, n - 1);
    } else {
        fr_number(c, s, n);
    }
}

/* Nouns after a number that are feminine: most in -e, and the news' own. */
static int fr_feminine(const nr_tok *t)
{
    static const char *const masculine_e[] = {
        "ans", "an", "euros", "euro", "morts", "mort", "députés", "membres", "exemplaires",
        "kilomètres", "mètres", "litres", "hommes", "homme", "siècles", "siècle", "habitants",
        "salariés", "blessés", "candidats", "trains", "jours", "mois", "points", "degrés",
        "kilos", "millions", "milliards", "mille", "problème", "problèmes", "groupe", "groupes",
        "modèle", "modèles", "chiffre", "chiffres", "livre", "livres", "verre", "verres",
    };
    static const char *const feminine[] = { "fois", "voix", "heure", "heures", "minute", "minutes",
                                            "personne", "personnes", "fille", "filles", "femme",
                                            "femmes", "semaine", "semaines", "tonne", "tonnes" };
    if (!t || t->ln || t->cn < 2 || !is_lower(CORE(t)[0]))
        return 0;
    const char *w = CORE(t);
    size_t n = t->cn;
    if (in_list(feminine, N_ELEMS(feminine), w, n, 0))
        return 1;
    if (in_list(masculine_e, N_ELEMS(masculine_e), w, n, 0))
        return 0;
    return w[n - 1] == 'e' || (n > 2 && w[n - 2] == 'e' && w[n - 1] == 's');
}

/* Plain numbers and percentages in words: "1 fille" (une), "91", "1,85", "5 %". */
static int fr_plain_number(nr_ctx *c)
{
    const nr_tok *t = nr_peek(c, 0), *t1 = nr_peek(c, 1), *last;
    const char *s = CORE(t);
    size_t n;
    int percent = nr_amount_percent(c, &n, &last);
    if (percent < 0 || memchr(s, '.', n)) /* "1.250" is no French amount */
        return 0;
    nr_begin(c, t);
    fr_number_g(c, s, n, !percent && !TLEN(t) && fr_feminine(t1));
    if (percent)
        nr_word(c, "pour cent");
    nr_finish(c, last, 0);
    return last == t ? 1 : 2;
}

/* "2 000", "1 250 000": thousands set apart by spaces, read as one number. */
static int fr_grouped(nr_ctx *c)
{
    const nr_tok *t = nr_peek(c, 0);
    if (t->ln || TLEN(t) || t->cn > 3 || !all_digits(CORE(t), t->cn))
        return 0;
    int k = 1;
    for (const nr_tok *g; k < NR_WIN && (g = nr_peek(c, k)) != NULL && !g->ln && g->cn == 3 &&
                          all_digits(CORE(g), 3);
         k++)
        if (TLEN(g)) {
            k++;
            break;
        }
    if (k == 1)
        return 0;
    const nr_tok *last = nr_peek(c, k - 1), *after = TLEN(last) ? NULL : nr_peek(c, k);
    const char *name = NULL;
    for (size_t i = 0; after && !after->ln && i < N_ELEMS(fr_currencies); i++)
        if (eq(CORE(after), after->cn, fr_currencies[i].sym))
            name = fr_currencies[i].many;
    for (size_t i = 0; after && !after->ln && !name && i < N_ELEMS(fr_unit_words); i++)
        if (eq(CORE(after), after->cn, fr_unit_words[i].key))
            name = fr_unit_words[i].many;
    char digits[24];
    size_t dn = 0;
    for (int i = 0; i < k; i++) {
        const nr_tok *g = nr_peek(c, i);
        if (dn + g->cn < sizeof digits)
            memcpy(digits + dn, CORE(g), g->cn);
        dn += g->cn;
    }
    nr_begin(c, t);
    if (dn < sizeof digits)
        fr_number(c, digits, dn);
    else
        for (int i = 0; i < k; i++)
            nr_word_n(c, CORE(nr_peek(c, i)), nr_peek(c, i)->cn);
    if (name) {
        last = after;
        k++;
        nr_word(c, name);
    }
    nr_finish(c, last, 0);
    return k;
}

/* "15 h 30", "20h15", "9 h", "14:30": hours and minutes, "1" as "une". */
static int fr_time(nr_ctx *c)
{
    const nr_tok *t = nr_peek(c, 0), *t1 = nr_peek(c, 1), *t2 = nr_peek(c, 2), *last = t;
    const char *s = CORE(t);
    size_t n = t->cn, h = 0;
    while (h < n && h < 2 && is_digit(s[h]))
        h++;
    if (t->ln || h == 0)
        return 0;
    long hour = nr_num_value(s, h), minute = -1;
    int used = 1;
    if (h + 3 == n && s[h] == ':' && all_digits(s + h + 1, 2)) {
        minute = nr_num_value(s + h + 1, 2);
    } else if (h < n && s[h] == 'h' && (h + 1 == n || (h + 3 == n && all_digits(s + h + 1, 2)))) {
        minute = h + 1 == n ? 0 : nr_num_value(s + h + 1, 2); /* "20h15", "18h" */
    } else if (h == n && !TLEN(t) && t1 && !t1->ln && eq(CORE(t1), t1->cn, "h")) {
        last = t1;
        used = 2;
        minute = 0;
        if (!TLEN(t1) && t2 && !t2->ln && t2->cn == 2 && all_digits(CORE(t2), 2)) {
            minute = nr_num_value(CORE(t2), 2); /* "15 h 30" */
            last = t2;
            used = 3;
        }
    } else {
        return 0;
    }
    if (hour > 24 || minute > 59)
        return 0;
    char d[24];
    nr_begin(c, t);
    snprintf(d, sizeof d, "%ld", hour);
    fr_number_g(c, d, strlen(d), 1);
    nr_word(c, hour == 1 ? "heure" : "heures");
    if (minute > 0) {
        snprintf(d, sizeof d, "%ld", minute);
        fr_number(c, d, strlen(d));
    }
    nr_finish(c, last, 0);
    return used;
}


static int fr_normalize(nr_ctx *c)
{
    int k;
    static const char *const digits[10] = { "zéro", "un", "deux", "trois", "quatre", "cinq",
                                            "six", "sept", "huit", "neuf" };
    if ((k = nr_say_phone(c, digits, fr_pair)) != 0)
        return k;
    if ((k = fr_ordinal_token(c)) != 0 || (k = fr_time(c)) != 0 || (k = fr_grouped(c)) != 0)
        return k;
    if ((k = nr_say_unit(c, fr_unit_words, N_ELEMS(fr_unit_words), "un", "une", fr_number)) != 0)
        return k;
    if ((k = fr_roman(c)) != 0 || (k = nr_say_money(c, &fr_money)) != 0)
        return k;
    if ((k = nr_say_range(c, "à", fr_number)) != 0 || (k = fr_plain_number(c)) != 0)
        return k;
    return nr_say_word(c, "et");
}

const nr_lang_rules nr_lang_fr = {
    "fr", fr_abbrs, sizeof fr_abbrs / sizeof fr_abbrs[0],
    7, 5, /* the longest key, the longest several-word key */
    NO_ABBRS,
    WORDS(fr_starters), NO_WORDS,
    NO_WORDS, NO_WORDS, NO_WORDS,
    NR_QUOTES_FR, fr_normalize, NULL,
};
