/* it.c - Italian: abbreviations (how they split, how they are said), money. */
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
    { "mld", NR_ABBR_MAYBE, 0, "miliardi" },
    { "mln", NR_ABBR_MAYBE, 0, "milioni" },
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

static const nr_currency it_currencies[] = {
    { "US$", "dollaro statunitense", "dollari statunitensi", 0 },
    { "$", "dollaro", "dollari", 0 }, { "\xE2\x82\xAC", "euro", "euro", 0 },
    { "\xC2\xA3", "sterlina", "sterline", 1 }, { "\xC2\xA5", "yen", "yen", 0 },
};

static const char *const it_scales[] = { "miliardi", "miliardo", "milione", "milioni", "mld", "mln" };

static const nr_money it_money = {
    it_currencies, N_ELEMS(it_currencies), "un", "una", ',', "e", "centesimi",
    WORDS(it_scales), "di", NULL, NULL, NULL,
};

static int it_normalize(nr_ctx *c)
{
    const nr_tok *t = nr_peek(c, 0);
    int k;
    if (t->cn == 0) {
        nr_emit_raw(c, t);
        return 1;
    }
    if ((k = nr_say_money(c, &it_money)) != 0)
        return k;
    if ((k = nr_say_abbreviation(c)) != 0)
        return k;
    if ((k = nr_say_initials(c)) != 0)
        return k;
    if ((k = nr_say_ampersand(c, "e")) != 0)
        return k;
    nr_emit_raw(c, t);
    return 1;
}

const nr_lang_rules nr_lang_it = {
    "it", it_abbrs, sizeof it_abbrs / sizeof it_abbrs[0],
    8, 5, /* the longest key, the longest several-word key */
    NO_ABBRS,
    WORDS(it_starters), NO_WORDS,
    NO_WORDS, NO_WORDS, NO_WORDS,
    NR_QUOTES_FR, it_normalize, NULL,
};
