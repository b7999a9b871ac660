/* es.c - Spanish: abbreviations (how they split, how they are said), money. */
#include <stdio.h>
#include <string.h>

#include "lang.h"
#include "norm.h"

static const nr_abbr es_abbrs[] = {
    { "a. C", NR_ABBR_MAYBE, 0, "antes de Cristo" },
    { "a. m", NR_ABBR_AMPM, 0, NULL },
    { "a.C", NR_ABBR_MAYBE, 0, "antes de Cristo" },
    { "a.m", NR_ABBR_AMPM, 0, NULL },
    { "abr", NR_ABBR_NUM, 0, "abril" },
    { "ago", NR_ABBR_NUM, 0, "agosto" },
    { "Alm", NR_ABBR_PRE, 0, NULL },
    { "aprox", NR_ABBR_PRE, 0, "aproximadamente" },
    { "Arq", NR_ABBR_PRE, 0, "arquitecto" },
    { "art", NR_ABBR_NUM, 0, "artículo" },
    { "Av", NR_ABBR_PRE, 0, "avenida" },
    { "Avda", NR_ABBR_PRE, 0, "avenida" },
    { "Blvr", NR_ABBR_PRE, 0, "bulevar" },
    { "Cap", NR_ABBR_PRE, 0, "capitán" },
    { "Cmdte", NR_ABBR_PRE, 0, "comandante" },
    { "Cnel", NR_ABBR_PRE, 0, "coronel" },
    { "col", NR_ABBR_NUM, 0, "columna" },
    { "Corp", NR_ABBR_MAYBE, 0, NULL },
    { "Cra", NR_ABBR_NUM, 0, "carrera" },
    { "Cía", NR_ABBR_MAYBE, 0, "compañía" },
    { "d. C", NR_ABBR_MAYBE, 0, "después de Cristo" },
    { "d.C", NR_ABBR_MAYBE, 0, "después de Cristo" },
    { "D.ª", NR_ABBR_PRE, 0, "doña" },
    { "Depto", NR_ABBR_NUM, 0, "departamento" },
    { "dic", NR_ABBR_NUM, 0, "diciembre" },
    { "Dom", NR_ABBR_NUM, 0, "domingo" },
    { "Dr", NR_ABBR_PRE, 0, "doctor" },
    { "Dra", NR_ABBR_PRE, 0, "doctora" },
    { "Dras", NR_ABBR_PRE, 0, "doctoras" },
    { "Dres", NR_ABBR_PRE, 0, "doctores" },
    { "Dña", NR_ABBR_PRE, 0, "doña" },
    { "EE", NR_ABBR_PRE, 0, NULL },
    { "EE. UU", NR_ABBR_MAYBE, 0, "Estados Unidos" },
    { "EE.UU", NR_ABBR_MAYBE, 0, "Estados Unidos" },
    { "ej", NR_ABBR_PRE, 0, "ejemplo" },
    { "ene", NR_ABBR_NUM, 0, "enero" },
    { "etc", NR_ABBR_END, 0, "etcétera" },
    { "Excma", NR_ABBR_PRE, 0, "excelentísima" },
    { "Excmo", NR_ABBR_PRE, 0, "excelentísimo" },
    { "Ext", NR_ABBR_NUM, 0, "extensión" },
    { "feb", NR_ABBR_NUM, 0, "febrero" },
    { "fig", NR_ABBR_NUM, 0, "figura" },
    { "Fr", NR_ABBR_PRE, 0, "fray" },
    { "Gob", NR_ABBR_PRE, 0, "gobernador" },
    { "Gral", NR_ABBR_PRE, 0, "general" },
    { "Hnos", NR_ABBR_MAYBE, 0, "hermanos" },
    { "Ilma", NR_ABBR_PRE, 0, "ilustrísima" },
    { "Ilmo", NR_ABBR_PRE, 0, "ilustrísimo" },
    { "Inc", NR_ABBR_MAYBE, 0, NULL },
    { "Ing", NR_ABBR_PRE, 0, "ingeniero" },
    { "Jr", NR_ABBR_MAYBE, 0, NULL },
    { "Jue", NR_ABBR_NUM, 0, "jueves" },
    { "jul", NR_ABBR_NUM, 0, "julio" },
    { "jun", NR_ABBR_NUM, 0, "junio" },
    { "Lcda", NR_ABBR_PRE, 0, "licenciada" },
    { "Lcdo", NR_ABBR_PRE, 0, "licenciado" },
    { "Lic", NR_ABBR_PRE, 0, "licenciado" },
    { "Ltda", NR_ABBR_MAYBE, 0, NULL },
    { "Lun", NR_ABBR_NUM, 0, "lunes" },
    { "mar", NR_ABBR_NUM, 0, "marzo" },
    { "Mill", NR_ABBR_MAYBE, 0, "millones" },
    { "Mié", NR_ABBR_NUM, 0, "miércoles" },
    { "Mons", NR_ABBR_PRE, 0, "monseñor" },
    { "Mt", NR_ABBR_PRE, 0, "monte" },
    { "Mtra", NR_ABBR_PRE, 0, "maestra" },
    { "Mtro", NR_ABBR_PRE, 0, "maestro" },
    { "No", NR_ABBR_NUM, 1, "número" },
    { "nov", NR_ABBR_NUM, 0, "noviembre" },
    { "nro", NR_ABBR_NUM, 0, "número" },
    { "n°", NR_ABBR_NUM, 0, NULL },
    { "nº", NR_ABBR_NUM, 0, NULL },
    { "núm", NR_ABBR_NUM, 0, "número" },
    { "oct", NR_ABBR_NUM, 0, "octubre" },
    { "p. ej", NR_ABBR_PRE, 0, "por ejemplo" },
    { "p. m", NR_ABBR_AMPM, 0, NULL },
    { "p.ej", NR_ABBR_PRE, 0, "por ejemplo" },
    { "p.m", NR_ABBR_AMPM, 0, NULL },
    { "Pdte", NR_ABBR_PRE, 0, "presidente" },
    { "pp", NR_ABBR_NUM, 0, "páginas" },
    { "Prof", NR_ABBR_PRE, 0, "profesor" },
    { "Profa", NR_ABBR_PRE, 0, "profesora" },
    { "Pza", NR_ABBR_PRE, 0, "plaza" },
    { "pág", NR_ABBR_NUM, 0, "página" },
    { "págs", NR_ABBR_NUM, 0, "páginas" },
    { "párr", NR_ABBR_NUM, 0, "párrafo" },
    { "párrf", NR_ABBR_NUM, 0, "párrafo" },
    { "sep", NR_ABBR_NUM, 0, "septiembre" },
    { "sept", NR_ABBR_NUM, 0, "septiembre" },
    { "Sgto", NR_ABBR_PRE, 0, "sargento" },
    { "Sr", NR_ABBR_PRE, 0, "señor" },
    { "Sra", NR_ABBR_PRE, 0, "señora" },
    { "Sras", NR_ABBR_PRE, 0, "señoras" },
    { "Sres", NR_ABBR_PRE, 0, "señores" },
    { "Srta", NR_ABBR_PRE, 0, "señorita" },
    { "Srtas", NR_ABBR_PRE, 0, "señoritas" },
    { "Sta", NR_ABBR_PRE, 0, "santa" },
    { "Sto", NR_ABBR_PRE, 0, "santo" },
    { "Sáb", NR_ABBR_NUM, 0, "sábado" },
    { "tel", NR_ABBR_NUM, 0, "teléfono" },
    { "Tte", NR_ABBR_PRE, 0, "teniente" },
    { "Ud", NR_ABBR_MAYBE, 0, "usted" },
    { "Uds", NR_ABBR_MAYBE, 0, "ustedes" },
    { "Vd", NR_ABBR_MAYBE, 0, "usted" },
    { "Vds", NR_ABBR_MAYBE, 0, "ustedes" },
    { "Vie", NR_ABBR_NUM, 0, "viernes" },
    { "vol", NR_ABBR_NUM, 0, "volumen" },
    { "vs", NR_ABBR_PRE, 0, NULL },
};

static const char *const es_starters[] = {
    "A", "Además", "Ahora", "Al", "Allí", "Antes", "Aquí", "Así", "Aunque", "Ayer", "Cada",
    "Como", "Con", "Cuando", "Cuándo", "Cómo", "De", "Del", "Desde", "Después", "Donde",
    "Durante", "Dónde", "El", "Ella", "Ellas", "Ellos", "En", "Entonces", "Entre", "Es", "Esa",
    "Esas", "Ese", "Eso", "Esos", "Esta", "Estas", "Este", "Esto", "Estos", "Fue", "Ha", "Han",
    "Hay", "Hoy", "La", "Las", "Le", "Les", "Lo", "Los", "Luego", "Mañana", "Mi", "Mientras",
    "Muchos", "No", "Nos", "Nosotros", "Para", "Pero", "Por", "Quién", "Qué", "Se", "Según",
    "Si", "Sin", "Sobre", "Su", "Sus", "Sí", "También", "Tras", "Un", "Una", "Unas", "Unos",
    "Y", "Ya", "Yo", "Él",
};

static const char *const es_time_intro[] = {
    "A", "Alrededor", "Antes", "Cerca", "Desde", "Después", "Hacia", "Hasta", "Pasadas",
    "Sobre", "Tras",
};

static const char *const es_time_after[] = {
    "AEDT", "AEST", "AKDT", "AKST", "BST", "CDT", "Central", "CEST", "CET", "CST", "CT",
    "Eastern", "EDT", "EEST", "EET", "EST", "ET", "GMT", "HKT", "HST", "IST", "JST", "KST",
    "Local", "MDT", "Mountain", "MST", "MT", "Pacific", "PDT", "PST", "PT", "SGT", "UTC", "WET",
};

static const nr_currency es_currencies[] = {
    { "US$", "dólar estadounidense", "dólares estadounidenses", 0 },
    { "$", "dólar", "dólares", 0 }, { "\xE2\x82\xAC", "euro", "euros", 0 },
    { "\xC2\xA3", "libra", "libras", 1 }, { "\xC2\xA5", "yen", "yenes", 0 },
};

/* Spanish of the Americas: "$" is pesos. */
static const nr_currency es_currencies_pesos[] = {
    { "US$", "dólar estadounidense", "dólares estadounidenses", 0 },
    { "$", "peso", "pesos", 0 }, { "\xE2\x82\xAC", "euro", "euros", 0 },
    { "\xC2\xA3", "libra", "libras", 1 }, { "\xC2\xA5", "yen", "yenes", 0 },
};

static const char *const es_scales[] = { "billones", "billón", "mil", "millones", "millón" };

static void es_number(nr_ctx *c, const char *s, size_t n);

static const nr_money es_money = {
    es_currencies, N_ELEMS(es_currencies), "un", "una", ',', "con", "céntimos",
    WORDS(es_scales), "de", NULL, "mil", es_number,
};

static const nr_money es_money_pesos = {
    es_currencies_pesos, N_ELEMS(es_currencies_pesos), "un", "una", ',', "con", "centavos",
    WORDS(es_scales), "de", NULL, "mil", es_number,
};

/* Is the tag one of a country where "$" is the peso ("es-MX")? */
static int pesos(const char *tag)
{
    static const char *const regions[] = { "mx", "ar", "co", "cl", "uy", "do", "cu", "ph" };
    size_t n = strlen(tag);
    return n == 5 && (tag[2] == '-' || tag[2] == '_') && in_list(regions, N_ELEMS(regions), tag + 3, 2, 1);
}

/* ---------------------------------------------------------------- number words */

static const char *const es_units[30] = {
    "cero", "uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve", "diez",
    "once", "doce", "trece", "catorce", "quince", "dieciséis", "diecisiete", "dieciocho",
    "diecinueve", "veinte", "veintiuno", "veintidós", "veintitrés", "veinticuatro",
    "veinticinco", "veintiséis", "veintisiete", "veintiocho", "veintinueve",
};
static const char *const es_tens[10] = {
    "", "", "", "treinta", "cuarenta", "cincuenta", "sesenta", "setenta", "ochenta", "noventa",
};
static const char *const es_hundreds[10] = {
    "", "ciento", "doscientos", "trescientos", "cuatrocientos", "quinientos", "seiscientos",
    "setecientos", "ochocientos", "novecientos",
};

/* A final "uno": "un" before a noun (short), "una" feminine, else "uno". */
static void es_one_word(char *w, size_t cap, const char *word, int fem, int short_form)
{
    size_t k = strlen(word);
    char buf[24];
    snprintf(buf, sizeof buf, "%s", word);
    if (k >= 3 && strcmp(buf + k - 3, "uno") == 0 && (fem || short_form)) {
        if (fem)
            buf[k - 1] = 'a';
        else if (k == 9) /* "veintiuno" -> "veintiún" */
            snprintf(buf + k - 3, sizeof buf - (k - 3), "ún");
        else
            buf[k - 1] = '\0';
    }
    nr_cat_word(w, cap, buf);
}

/* 1..999 (nothing for 0). */
static void es_below_1000(char *w, size_t cap, int v, int fem, int short_form)
{
    int h = v / 100, r = v % 100;
    if (v == 100) {
        nr_cat_word(w, cap, "cien");
        return;
    }
    if (h) {
        char hw[24];
        snprintf(hw, sizeof hw, "%s", es_hundreds[h]);
        if (fem && h > 1)
            hw[strlen(hw) - 2] = 'a'; /* "doscientas" */
        nr_cat_word(w, cap, hw);
    }
    if (r == 0)
        return;
    if (r < 30) {
        es_one_word(w, cap, es_units[r], fem, short_form);
        return;
    }
    nr_cat_word(w, cap, es_tens[r / 10]);
    if (r % 10) {
        nr_cat_word(w, cap, "y");
        es_one_word(w, cap, es_units[r % 10], fem, short_form);
    }
}

/* Cardinal words for 0..999999999: "mil doscientas cincuenta" (fem), "veintiún mil". */
static void es_cardinal(char *w, size_t cap, long v, int fem, int short_form)
{
    w[0] = '\0';
    if (v == 0) {
        nr_cat_word(w, cap, "cero");
        return;
    }
    long m = v / 1000000, th = v / 1000 % 1000, r = v % 1000;
    if (m) {
        if (m == 1) {
            nr_cat_word(w, cap, "un millón");
        } else {
            es_below_1000(w, cap, (int)m, 0, 1);
            nr_cat_word(w, cap, "millones");
        }
    }
    if (th) {
        if (th > 1)
            es_below_1000(w, cap, (int)th, fem, 1);
        nr_cat_word(w, cap, "mil");
    }
    if (r)
        es_below_1000(w, cap, (int)r, fem, short_form);
}

/* Words for an amount ("2,5": "dos coma cinco"), in a noun's gender and short before it. */
static void es_amount(nr_ctx *c, const char *s, size_t n, int fem, int short_form)
{
    int minus;
    long f, v = nr_decimal_value(s, n, 1, &minus, &f);
    if (v < 0) {
        nr_word_n(c, s, n);
        return;
    }
    char w[320];
    if (minus)
        nr_word(c, "menos");
    es_cardinal(w, sizeof w, v, fem && f < 0, short_form && f < 0);
    nr_word(c, w);
    if (f >= 0) {
        nr_word(c, "coma");
        const char *comma = memchr(s, ',', n);
        for (const char *z = comma + 1; z + 1 < s + n && *z == '0'; z++)
            nr_word(c, "cero");
        es_cardinal(w, sizeof w, f, 0, 0);
        nr_word(c, w);
    }
}

/* Before a noun ("veintiún euros"), and alone ("tres a uno"). */
static void es_number(nr_ctx *c, const char *s, size_t n)
{
    es_amount(c, s, n, 0, 1);
}

static void es_number_alone(nr_ctx *c, const char *s, size_t n)
{
    es_amount(c, s, n, 0, 0);
}

/* ---------------------------------------------------------------- numbers */

static const char *const es_ord_ones[] = {
    "primero", "segundo", "tercero", "cuarto", "quinto", "sexto", "séptimo", "octavo", "noveno",
};
static const char *const es_ord_tens[] = {
    "décimo", "vigésimo", "trigésimo", "cuadragésimo", "quincuagésimo", "sexagésimo",
    "septuagésimo", "octogésimo", "nonagésimo",
};
static const char *const es_ord_teens[] = {
    "undécimo", "duodécimo", "decimotercero", "decimocuarto", "decimoquinto", "decimosexto",
    "decimoséptimo", "decimoctavo", "decimonoveno",
};
static const nr_ordinals es_ordinals = { es_ord_ones, es_ord_tens, es_ord_teens, "centésimo" };

/* "2.º piso", "3.ª posición", "1.er ministro", "llegó 4°" (° only up to 10: "30°" is hot). */
static int es_ordinal(nr_ctx *c)
{
    const nr_tok *t = nr_peek(c, 0);
    int feminine, apocope;
    long v = t->ln ? 0 : nr_ordinal_mark(CORE(t), t->cn, &feminine, &apocope);
    if (!v || (memmem(CORE(t), t->cn, "\xC2\xB0", 2) && v > 10))
        return 0;
    nr_begin(c, t);
    if (!nr_say_ordinal(c, &es_ordinals, v, feminine, apocope))
        nr_word_n(c, CORE(t), t->cn);
    nr_finish(c, t, 0);
    return 1;
}

/* Names of queens: their numeral is feminine ("Isabel II": segunda). */
static const char *const es_queens[] = {
    "Ana", "Beatriz", "Berenguela", "Catalina", "Cristina", "Isabel", "Juana", "Leonor",
    "María", "Urraca", "Victoria",
};

static void es_say_cardinal(nr_ctx *c, long v)
{
    char w[64];
    es_cardinal(w, sizeof w, v, 0, 0);
    nr_word(c, w);
}

/* "Felipe VI" (sexto), "Alfonso XIII" (trece), "siglo XXI" (veintiuno): a
** numeral after a name is an ordinal up to ten, a cardinal beyond; after
** "siglo" a cardinal. */
static int es_roman(nr_ctx *c)
{
    static const char *const century[2] = { "siglo", "siglos" };
    return nr_say_regnal(c, century, &es_ordinals, es_queens, N_ELEMS(es_queens), es_say_cardinal);
}

/* "14:30 h", "20:15" -> "14 y 30"; "9:00 h" -> "9 en punto"; "10 h" -> "10 horas";
** "1" is "una". */
static int es_time(nr_ctx *c)
{
    const nr_tok *t = nr_peek(c, 0), *t1 = nr_peek(c, 1), *last = t;
    const char *s = CORE(t);
    size_t n = t->cn, h = 0;
    while (h < n && h < 2 && is_digit(s[h]))
        h++;
    if (t->ln || h == 0)
        return 0;
    long hour = nr_num_value(s, h), minute = -1;
    int hours_word = 0;
    if (h + 3 == n && s[h] == ':' && all_digits(s + h + 1, 2))
        minute = nr_num_value(s + h + 1, 2);
    else if (h == n && !TLEN(t) && t1 && !t1->ln && eq(CORE(t1), t1->cn, "h"))
        minute = 0, hours_word = 1;
    else
        return 0;
    if (hour > 24 || minute > 59)
        return 0;
    if (!TLEN(t) && t1 && !t1->ln && eq(CORE(t1), t1->cn, "h"))
        last = t1;
    char w[64];
    nr_begin(c, t);
    es_cardinal(w, sizeof w, hour, 1, 0);
    nr_word(c, w);
    if (hours_word) {
        nr_word(c, hour == 1 ? "hora" : "horas");
    } else if (minute == 0) {
        nr_word(c, "en punto");
    } else {
        es_cardinal(w, sizeof w, minute, 0, 0);
        nr_word(c, "y");
        nr_word(c, w);
    }
    nr_finish(c, last, last == t1 && !nr_keeps_period(c, 1));
    return last == t1 ? 2 : 1;
}

static const nr_duration es_duration = {
    "hora", "horas", "minuto", "minutos", "segundo", "segundos", "y", "un", "una", 1,
};

static const nr_unit es_unit_words[] = {
    { "km", "kilómetro", "kilómetros", 0 }, { "km/h", "kilómetro por hora", "kilómetros por hora", 0 },
    { "kg", "kilo", "kilos", 0 }, { "g", "gramo", "gramos", 0 }, { "m", "metro", "metros", 0 },
    { "cm", "centímetro", "centímetros", 0 }, { "mm", "milímetro", "milímetros", 0 },
    { "m\xC2\xB2", "metro cuadrado", "metros cuadrados", 0 },
    { "km\xC2\xB2", "kilómetro cuadrado", "kilómetros cuadrados", 0 },
    { "l", "litro", "litros", 0 }, { "ml", "mililitro", "mililitros", 0 },
    { "min", "minuto", "minutos", 0 }, { "\xC2\xB0" "C", "grado", "grados", 0 },
    { "\xC2\xB0", "grado", "grados", 0 }, { "ha", "hectárea", "hectáreas", 1 },
    { "GB", "giga", "gigas", 0 }, { "MB", "mega", "megas", 0 }, { "t", "tonelada", "toneladas", 1 },
    { "rpm", "revolución por minuto", "revoluciones por minuto", 1 },
    { "kW", "kilovatio", "kilovatios", 0 }, { "MW", "megavatio", "megavatios", 0 },
    { "kWh", "kilovatio hora", "kilovatios hora", 0 },
};

/* Nouns in -a that are masculine: "un problema". */
static const char *const es_masculine_a[] = {
    "clima", "día", "días", "drama", "idioma", "mapa", "planeta", "problema", "problemas",
    "programa", "sistema", "tema",
};

/* Is the word after a number a feminine noun ("personas", "casa")? */
static int es_feminine(const nr_tok *t)
{
    return nr_feminine_a(t, es_masculine_a, N_ELEMS(es_masculine_a));
}

/* Plain numbers in words, agreeing with their noun: "1 casa" (una), "21 candidatos"
** (veintiún), "1.250 personas" (mil doscientas cincuenta); "5 %" (por ciento). */
static int es_plain_number(nr_ctx *c)
{
    const nr_tok *t = nr_peek(c, 0), *t1 = nr_peek(c, 1), *last;
    const char *s = CORE(t);
    size_t n;
    int percent = nr_amount_percent(c, &n, &last);
    if (percent < 0)
        return 0;
    static const char *const not_nouns[] = { "de", "del", "por", "y", "o", "a", "al", "en", "con", "que" };
    int noun = !percent && !TLEN(t) && t1 && !t1->ln && t1->cn > 1 && is_lower(CORE(t1)[0]) &&
               !in_list(not_nouns, N_ELEMS(not_nouns), CORE(t1), t1->cn, 0);
    nr_begin(c, t);
    es_amount(c, s, n, noun && es_feminine(t1), noun || (t1 && !TLEN(t) && eq(CORE(t1), t1->cn, "millones")));
    if (percent)
        nr_word(c, eq(s, n, "100") ? "por cien" : "por ciento"); /* "cien por cien" */
    nr_finish(c, last, 0);
    return last == t ? 1 : 2;
}

/* "12/03/2024", "2024-03-12" -> "doce de marzo de dos mil veinticuatro"; "-5 °C" ->
** "cinco grados bajo cero". */
static int es_date_or_cold(nr_ctx *c)
{
    static const char *const months[12] = {
        "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
        "septiembre", "octubre", "noviembre", "diciembre",
    };
    const nr_tok *t = nr_peek(c, 0), *t1 = nr_peek(c, 1);
    long d, m, y;
    char w[128];
    if (t->ln)
        return 0;
    if (nr_numeric_date(CORE(t), t->cn, '/', &d, &m, &y)) {
        nr_begin(c, t);
        es_cardinal(w, sizeof w, d, 0, 0);
        nr_word(c, d == 1 ? "primero" : w);
        nr_word(c, "de");
        nr_word(c, months[m - 1]);
        nr_word(c, "de");
        es_cardinal(w, sizeof w, y, 0, 0);
        nr_word(c, w);
        nr_finish(c, t, 0);
        return 1;
    }
    if (t->cn > 1 && CORE(t)[0] == '-' && !TLEN(t) && t1 && !t1->ln &&
        (eq(CORE(t1), t1->cn, "\xC2\xB0" "C") || eq(CORE(t1), t1->cn, "\xC2\xB0")) &&
        nr_amount_len(CORE(t), t->cn) == t->cn) {
        nr_begin(c, t);
        es_amount(c, CORE(t) + 1, t->cn - 1, 0, 1);
        nr_word(c, eq(CORE(t), t->cn, "-1") ? "grado bajo cero" : "grados bajo cero");
        nr_finish(c, t1, 0);
        return 2;
    }
    return 0;
}

static int es_normalize(nr_ctx *c)
{
    int k;
    static const char *const digits[10] = { "cero", "uno", "dos", "tres", "cuatro", "cinco",
                                            "seis", "siete", "ocho", "nueve" };
    if ((k = nr_say_phone(c, digits, NULL)) != 0 || (k = es_date_or_cold(c)) != 0)
        return k;
    if ((k = es_ordinal(c)) != 0 || (k = es_time(c)) != 0 || (k = nr_say_duration(c, &es_duration)) != 0)
        return k;
    if ((k = nr_say_unit(c, es_unit_words, N_ELEMS(es_unit_words), "un", "una", es_number)) != 0)
        return k;
    if ((k = es_roman(c)) != 0 || (k = nr_say_range(c, "a", es_number_alone)) != 0)
        return k;
    if ((k = nr_say_money(c, pesos(c->tag) ? &es_money_pesos : &es_money)) != 0)
        return k;
    if ((k = es_plain_number(c)) != 0)
        return k;
    return nr_say_word(c, "y");
}

const nr_lang_rules nr_lang_es = {
    "es", es_abbrs, sizeof es_abbrs / sizeof es_abbrs[0],
    6, 6, /* the longest key, the longest several-word key */
    NO_ABBRS,
    WORDS(es_starters), WORDS(es_time_intro),
    WORDS(es_time_after), NO_WORDS, NO_WORDS,
    NR_QUOTES_EN, es_normalize, NULL,
};
