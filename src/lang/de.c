/* de.c - German: abbreviations (how they split, how they are said), ordinals, times, money. */
#include <stdio.h>
#include <string.h>

#include "lang.h"
#include "norm.h"

static const nr_abbr de_abbrs[] = {
    { "a. D", NR_ABBR_MAYBE, 0, "außer Dienst" },
    { "a.D", NR_ABBR_MAYBE, 0, "außer Dienst" },
    { "Abb", NR_ABBR_NUM, 0, "Abbildung" },
    { "Abg", NR_ABBR_PRE, 0, "Abgeordneter" },
    { "Abs", NR_ABBR_NUM, 0, "Absatz" },
    { "allg", NR_ABBR_PRE, 0, "allgemein" },
    { "Apr", NR_ABBR_NUM, 0, "April" },
    { "Art", NR_ABBR_NUM, 0, "Artikel" },
    { "Aug", NR_ABBR_NUM, 0, "August" },
    { "Bd", NR_ABBR_NUM, 0, "Band" },
    { "Bde", NR_ABBR_NUM, 0, "Bände" },
    { "Bgm", NR_ABBR_PRE, 0, "Bürgermeister" },
    { "Bhf", NR_ABBR_MAYBE, 0, "Bahnhof" },
    { "bspw", NR_ABBR_PRE, 0, "beispielsweise" },
    { "bzw", NR_ABBR_PRE, 0, "beziehungsweise" },
    { "ca", NR_ABBR_PRE, 0, "circa" },
    { "Co", NR_ABBR_MAYBE, 0, NULL },
    { "d. h", NR_ABBR_PRE, 0, "das heißt" },
    { "d.h", NR_ABBR_PRE, 0, "das heißt" },
    { "Dez", NR_ABBR_NUM, 0, "Dezember" },
    { "Di", NR_ABBR_NUM, 1, "Dienstag" },
    { "Dipl", NR_ABBR_PRE, 0, "Diplom" },
    { "Dir", NR_ABBR_PRE, 0, "Direktor" },
    { "Do", NR_ABBR_NUM, 1, "Donnerstag" },
    { "Dr", NR_ABBR_PRE, 0, "Doktor" },
    { "e. V", NR_ABBR_MAYBE, 0, "eingetragener Verein" },
    { "e.V", NR_ABBR_MAYBE, 0, "eingetragener Verein" },
    { "etc", NR_ABBR_END, 0, NULL },
    { "ev", NR_ABBR_PRE, 0, "evangelische" },
    { "evang", NR_ABBR_PRE, 0, "evangelische" },
    { "evtl", NR_ABBR_PRE, 0, "eventuell" },
    { "exkl", NR_ABBR_PRE, 0, "exklusive" },
    { "Feb", NR_ABBR_NUM, 0, "Februar" },
    { "Febr", NR_ABBR_NUM, 0, "Februar" },
    { "Fr", NR_ABBR_PRE, NR_AB_NAME, "Frau" },
    { "Fw", NR_ABBR_PRE, 0, "Feldwebel" },
    { "geb", NR_ABBR_PRE, 0, "geboren" },
    { "Gebr", NR_ABBR_MAYBE, 0, "Gebrüder" },
    { "Gen", NR_ABBR_MAYBE, 0, "General" },
    { "gest", NR_ABBR_PRE, 0, "gestorben" },
    { "ggf", NR_ABBR_PRE, 0, "gegebenenfalls" },
    { "Hbf", NR_ABBR_MAYBE, NR_AB_BARE, "Hauptbahnhof" },
    { "Hl", NR_ABBR_PRE, 0, NULL },
    { "Hptm", NR_ABBR_PRE, 0, "Hauptmann" },
    { "Hr", NR_ABBR_PRE, 0, "Herr" },
    { "Hrn", NR_ABBR_PRE, 0, "Herrn" },
    { "i. d. R", NR_ABBR_PRE, 0, "in der Regel" },
    { "i.d.R", NR_ABBR_PRE, 0, "in der Regel" },
    { "Ing", NR_ABBR_PRE, 0, "Ingenieur" },
    { "inkl", NR_ABBR_PRE, 0, "inklusive" },
    { "Jan", NR_ABBR_NUM, 0, "Januar" },
    { "Jh", NR_ABBR_MAYBE, 0, "Jahrhundert" },
    { "Jhd", NR_ABBR_MAYBE, 0, "Jahrhundert" },
    { "Jul", NR_ABBR_NUM, 0, "Juli" },
    { "Jun", NR_ABBR_NUM, 0, "Juni" },
    { "Kap", NR_ABBR_NUM, 0, "Kapitel" },
    { "kath", NR_ABBR_PRE, 0, "katholische" },
    { "Lt", NR_ABBR_PRE, 0, "Leutnant" },
    { "Mag", NR_ABBR_PRE, 0, NULL },
    { "Maj", NR_ABBR_PRE, 0, "Major" },
    { "med", NR_ABBR_PRE, 0, NULL },
    { "Mi", NR_ABBR_NUM, 1, "Mittwoch" },
    { "Min", NR_ABBR_NUM, 0, "Minuten" },
    { "Mio", NR_ABBR_MAYBE, 0, "Millionen" },
    { "Mo", NR_ABBR_NUM, 1, "Montag" },
    { "Mrd", NR_ABBR_MAYBE, 0, "Milliarden" },
    { "Mrz", NR_ABBR_NUM, 0, "März" },
    { "Nov", NR_ABBR_NUM, 0, "November" },
    { "Nr", NR_ABBR_NUM, 0, "Nummer" },
    { "Nrn", NR_ABBR_NUM, 0, "Nummern" },
    { "o. ä", NR_ABBR_MAYBE, 0, "oder Ähnliches" },
    { "o.ä", NR_ABBR_MAYBE, 0, "oder Ähnliches" },
    { "Oberstlt", NR_ABBR_PRE, 0, NULL },
    { "Oblt", NR_ABBR_PRE, 0, "Oberleutnant" },
    { "Okt", NR_ABBR_NUM, 0, "Oktober" },
    { "Pkt", NR_ABBR_NUM, 0, "Punkt" },
    { "Prof", NR_ABBR_PRE, 0, "Professor" },
    { "Präs", NR_ABBR_PRE, 0, "Präsident" },
    { "s. o", NR_ABBR_MAYBE, 0, "siehe oben" },
    { "s. u", NR_ABBR_MAYBE, 0, "siehe unten" },
    { "s.o", NR_ABBR_MAYBE, 0, "siehe oben" },
    { "s.u", NR_ABBR_MAYBE, 0, "siehe unten" },
    { "Sa", NR_ABBR_NUM, 1, "Samstag" },
    { "sen", NR_ABBR_PRE, 1, "senior" },
    { "Sep", NR_ABBR_NUM, 0, "September" },
    { "Sept", NR_ABBR_NUM, 0, "September" },
    { "So", NR_ABBR_NUM, 1, "Sonntag" },
    { "sog", NR_ABBR_PRE, 0, "sogenannte" },
    { "St", NR_ABBR_PRE, NR_AB_NAME, "Sankt" },
    { "Std", NR_ABBR_NUM, 0, "Stunden" },
    { "Str", NR_ABBR_NUM, 0, "Straße" },
    { "Tel", NR_ABBR_NUM, 0, "Telefon" },
    { "Tsd", NR_ABBR_MAYBE, 0, "Tausend" },
    { "u. a", NR_ABBR_PRE, 0, "unter anderem" },
    { "u. U", NR_ABBR_PRE, 0, "unter Umständen" },
    { "u. v. m", NR_ABBR_MAYBE, 0, "und vieles mehr" },
    { "u.a", NR_ABBR_PRE, 0, "unter anderem" },
    { "u.U", NR_ABBR_PRE, 0, "unter Umständen" },
    { "u.v.m", NR_ABBR_MAYBE, 0, "und vieles mehr" },
    { "Uffz", NR_ABBR_PRE, 0, "Unteroffizier" },
    { "usf", NR_ABBR_END, 0, "und so fort" },
    { "usw", NR_ABBR_END, 0, "und so weiter" },
    { "v. a", NR_ABBR_PRE, 0, "vor allem" },
    { "v.a", NR_ABBR_PRE, 0, "vor allem" },
    { "verh", NR_ABBR_PRE, 0, "verheiratet" },
    { "vgl", NR_ABBR_PRE, 0, "vergleiche" },
    { "vs", NR_ABBR_PRE, 0, "gegen" },
    { "z. B", NR_ABBR_PRE, 0, "zum Beispiel" },
    { "z. T", NR_ABBR_PRE, 0, "zum Teil" },
    { "z.B", NR_ABBR_PRE, 0, "zum Beispiel" },
    { "z.T", NR_ABBR_PRE, 0, "zum Teil" },
    { "Ziff", NR_ABBR_NUM, 0, "Ziffer" },
    { "zzgl", NR_ABBR_PRE, 0, "zuzüglich" },
};

/* Word endings that abbreviate like a whole word. */
static const nr_abbr de_suffixes[] = {
    { "str", NR_ABBR_NUM, 0, "straße" },
};

static const char *const de_starters[] = {
    "Aber", "Allerdings", "Als", "Am", "Auch", "Auf", "Aus", "Außerdem", "Bei", "Bereits",
    "Bis", "Da", "Dabei", "Daher", "Damit", "Danach", "Dann", "Darauf", "Das", "Dass", "Dem",
    "Den", "Der", "Des", "Deshalb", "Die", "Dies", "Diese", "Diesem", "Diesen", "Dieser",
    "Dieses", "Doch", "Dort", "Du", "Durch", "Ein", "Eine", "Einem", "Einen", "Einer", "Eines",
    "Er", "Es", "Für", "Gegen", "Gestern", "Heute", "Ich", "Ihr", "Ihre", "Im", "In",
    "Inzwischen", "Jetzt", "Kein", "Keine", "Laut", "Man", "Mit", "Morgen", "Nach", "Nachdem",
    "Nicht", "Noch", "Nun", "Ob", "Obwohl", "Oder", "Schon", "Seit", "Sie", "So", "Trotz",
    "Trotzdem", "Um", "Und", "Unter", "Viele", "Vom", "Von", "Vor", "Was", "Weil", "Wenn",
    "Wer", "Wie", "Wir", "Wo", "Während", "Zudem", "Zum", "Zur", "Zwar",
};

static const char *const de_ordinal_before[] = {
    "am", "beim", "das", "dem", "den", "der", "des", "die", "diese", "diesem", "diesen",
    "dieser", "dieses", "ein", "eine", "einem", "einen", "einer", "eines", "ihr", "ihre",
    "ihrem", "ihren", "ihrer", "ihres", "im", "jedem", "jeden", "jeder", "jedes", "sein",
    "seine", "seinem", "seinen", "seiner", "seines", "unser", "unsere", "unserem", "unseren",
    "unserer", "vom", "zum", "zur",
};

static const char *const de_ordinal_after[] = {
    "Advent", "Apr", "April", "Auflage", "Aug", "August", "Ausgabe", "Bundesliga", "Dez",
    "Dezember", "Etage", "FC", "Feb", "Februar", "Geburtstag", "Jahrestag", "Jahrhundert",
    "Jahrhunderts", "Jahrtausend", "Jan", "Januar", "Jh", "Jhd", "Jul", "Juli", "Jun", "Juni",
    "Klasse", "Lauf", "Liga", "Mai", "Mal", "Mrz", "März", "Nov", "November", "Okt", "Oktober",
    "Parteitag", "Platz", "Quartal", "Runde", "Sep", "Sept", "September", "Sinfonie",
    "Spieltag", "Stock", "Symphonie", "Tag", "Todestag", "Weltkrieg", "Weltkriegs", "Woche",
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

static int is_month_de(const nr_tok *t)
{
    if (!t || t->ln)
        return 0;
    if (in_list(months_de, N_ELEMS(months_de), CORE(t), t->cn, 0))
        return 1;
    return nr_has_period(t) && in_list(months_de_short, N_ELEMS(months_de_short), CORE(t), t->cn, 0);
}

/* "am 3. Oktober" -> "am dritten Oktober"; "der 2. Weltkrieg" -> "der zweite
** Weltkrieg".  The ending follows the word before. */
static int de_ordinal(nr_ctx *c)
{
    const nr_tok *t = nr_peek(c, 0), *t1 = nr_peek(c, 1), *prev = nr_prev(c);
    if (!t1 || t->ln || t->cn > 2 || !all_digits(CORE(t), t->cn) || TLEN(t) != 1 ||
        !nr_has_period(t) || t1->ln || t1->cn == 0 || (unsigned char)CORE(t1)[0] < 'A' ||
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
    nr_begin(c, t);
    char w[64];
    size_t a = strlen(ordinal_de[v - 1]), b = strlen(ending);
    memcpy(w, ordinal_de[v - 1], a);
    memcpy(w + a, ending, b);
    nr_word_n(c, w, a + b);
    nr_finish(c, t, 1);
    return 1;
}

/* German "08:30 Uhr" / "20.15 Uhr" -> "8 Uhr 30": the hour, "Uhr", then the
** minutes (none for ":00"), as a newsreader says it; espeak-ng reads the
** digits themselves. */
static int de_time(nr_ctx *c)
{
    const nr_tok *t = nr_peek(c, 0), *t1 = nr_peek(c, 1);
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
    nr_begin(c, t);
    snprintf(buf, sizeof buf, "%ld", hour);
    nr_word(c, buf);
    nr_word(c, "Uhr");
    if (minute) {
        snprintf(buf, sizeof buf, "%ld", minute);
        nr_word(c, buf);
    }
    nr_finish(c, t1, !nr_keeps_period(c, 1));
    return 2;
}

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
    WORDS(de_scales), NULL, NULL, NULL,
};

static int de_normalize(nr_ctx *c)
{
    const nr_tok *t = nr_peek(c, 0);
    const char *s = CORE(t);
    int k;
    if (t->cn == 0) {
        nr_emit_raw(c, t);
        return 1;
    }
    if ((k = de_ordinal(c)) != 0)
        return k;
    if (is_digit(s[0]) && (k = de_time(c)) != 0)
        return k;
    if ((k = nr_say_money(c, &de_money)) != 0)
        return k;
    if ((k = nr_say_abbreviation(c)) != 0)
        return k;
    if ((k = nr_say_initials(c)) != 0)
        return k;
    if ((k = nr_say_ampersand(c, "und")) != 0)
        return k;
    nr_emit_raw(c, t);
    return 1;
}

const nr_lang_rules nr_lang_de = {
    "de", de_abbrs, sizeof de_abbrs / sizeof de_abbrs[0],
    8, 7, /* the longest key, the longest several-word key */
    de_suffixes, sizeof de_suffixes / sizeof de_suffixes[0],
    WORDS(de_starters), NO_WORDS,
    NO_WORDS, WORDS(de_ordinal_before), WORDS(de_ordinal_after),
    NR_QUOTES_DE, de_normalize, NULL,
};
