/* pt.c - Portuguese: abbreviations (how they split, how they are said), money. */
#include <stdio.h>
#include <string.h>

#include "lang.h"
#include "norm.h"

static const nr_abbr pt_abbrs[] = {
    { "a.C", NR_ABBR_MAYBE, 0, "antes de Cristo" },
    { "abr", NR_ABBR_NUM, 0, "abril" },
    { "ago", NR_ABBR_NUM, 0, "agosto" },
    { "aprox", NR_ABBR_PRE, 0, "aproximadamente" },
    { "art", NR_ABBR_NUM, 0, "artigo" },
    { "Av", NR_ABBR_PRE, 0, "avenida" },
    { "cap", NR_ABBR_NUM, 0, "capítulo" },
    { "Cel", NR_ABBR_PRE, 0, "coronel" },
    { "Cia", NR_ABBR_MAYBE, 0, "companhia" },
    { "D", NR_ABBR_PRE, 1, "dom" },
    { "d.C", NR_ABBR_MAYBE, 0, "depois de Cristo" },
    { "Dep", NR_ABBR_PRE, 0, "deputado" },
    { "Des", NR_ABBR_PRE, 0, "desembargador" },
    { "dez", NR_ABBR_NUM, 0, "dezembro" },
    { "Dr", NR_ABBR_PRE, 0, "doutor" },
    { "Dra", NR_ABBR_PRE, 0, "doutora" },
    { "Drs", NR_ABBR_PRE, 0, "doutores" },
    { "Eng", NR_ABBR_PRE, 0, "engenheiro" },
    { "Est", NR_ABBR_PRE, 0, "estrada" },
    { "etc", NR_ABBR_END, 0, "etcétera" },
    { "Exma", NR_ABBR_PRE, 0, "excelentíssima" },
    { "Exmo", NR_ABBR_PRE, 0, "excelentíssimo" },
    { "fev", NR_ABBR_NUM, 0, "fevereiro" },
    { "fig", NR_ABBR_NUM, 0, "figura" },
    { "Fr", NR_ABBR_PRE, 1, "frei" },
    { "Gen", NR_ABBR_PRE, 1, "general" },
    { "Gov", NR_ABBR_PRE, 0, "governador" },
    { "Ilma", NR_ABBR_PRE, 0, "ilustríssima" },
    { "Ilmo", NR_ABBR_PRE, 0, "ilustríssimo" },
    { "jan", NR_ABBR_NUM, 0, "janeiro" },
    { "Jr", NR_ABBR_MAYBE, 0, NULL },
    { "jul", NR_ABBR_NUM, 0, "julho" },
    { "jun", NR_ABBR_NUM, 0, "junho" },
    { "Ltda", NR_ABBR_MAYBE, 0, "limitada" },
    { "mai", NR_ABBR_NUM, 0, "maio" },
    { "mar", NR_ABBR_NUM, 1, "março" },
    { "min", NR_ABBR_NUM, 0, "minutos" },
    { "n.º", NR_ABBR_NUM, 0, "número" },
    { "nov", NR_ABBR_NUM, 0, "novembro" },
    { "n°", NR_ABBR_NUM, 0, "número" },
    { "nº", NR_ABBR_NUM, 0, "número" },
    { "núm", NR_ABBR_NUM, 0, "número" },
    { "obs", NR_ABBR_PRE, 0, "observação" },
    { "out", NR_ABBR_NUM, 1, "outubro" },
    { "p", NR_ABBR_NUM, 1, "página" },
    { "p. ex", NR_ABBR_PRE, 0, "por exemplo" },
    { "p.ex", NR_ABBR_PRE, 0, "por exemplo" },
    { "Pe", NR_ABBR_PRE, 1, "padre" },
    { "pp", NR_ABBR_NUM, 0, "páginas" },
    { "Pres", NR_ABBR_PRE, 0, "presidente" },
    { "Prof", NR_ABBR_PRE, 0, "professor" },
    { "Profa", NR_ABBR_PRE, 0, "professora" },
    { "pág", NR_ABBR_NUM, 0, "página" },
    { "págs", NR_ABBR_NUM, 0, "páginas" },
    { "Pç", NR_ABBR_PRE, 0, "praça" },
    { "Pça", NR_ABBR_PRE, 0, "praça" },
    { "R", NR_ABBR_PRE, 1, "rua" },
    { "Rod", NR_ABBR_PRE, 0, "rodovia" },
    { "S.A", NR_ABBR_MAYBE, 0, NULL },
    { "Sen", NR_ABBR_PRE, 1, "senador" },
    { "set", NR_ABBR_NUM, 0, "setembro" },
    { "Sgt", NR_ABBR_PRE, 0, "sargento" },
    { "Sr", NR_ABBR_PRE, 0, "senhor" },
    { "Sra", NR_ABBR_PRE, 0, "senhora" },
    { "Sras", NR_ABBR_PRE, 0, "senhoras" },
    { "Srs", NR_ABBR_PRE, 0, "senhores" },
    { "Srta", NR_ABBR_PRE, 0, "senhorita" },
    { "Sta", NR_ABBR_PRE, 0, "santa" },
    { "Sto", NR_ABBR_PRE, 0, "santo" },
    { "séc", NR_ABBR_NUM, 0, "século" },
    { "tel", NR_ABBR_NUM, 0, "telefone" },
    { "Ten", NR_ABBR_PRE, 0, "tenente" },
    { "V.Exa", NR_ABBR_PRE, 0, "Vossa Excelência" },
    { "Ver", NR_ABBR_PRE, 1, "vereador" },
    { "vol", NR_ABBR_NUM, 0, "volume" },
    { "vs", NR_ABBR_PRE, 0, "contra" },
};

static const char *const pt_starters[] = {
    "A", "Ainda", "Ao", "Aos", "Apesar", "Após", "As", "Assim", "Até", "Com", "Como", "Da",
    "Das", "De", "Depois", "Desde", "Do", "Dos", "E", "Ela", "Elas", "Ele", "Eles", "Em",
    "Enquanto", "Entre", "Essa", "Esse", "Esta", "Este", "Eu", "Foi", "Hoje", "Isso", "Já",
    "Mas", "Na", "Nas", "No", "Nos", "Não", "Nós", "O", "Onde", "Ontem", "Os", "Ou", "Para",
    "Pela", "Pelo", "Por", "Porque", "Porém", "Quando", "Que", "Quem", "Se", "Segundo", "Sem",
    "Sobre", "Também", "Um", "Uma", "É",
};

/* ---------------------------------------------------------------- number words */

static const char *const pt_units[20] = {
    "zero", "um", "dois", "três", "quatro", "cinco", "seis", "sete", "oito", "nove", "dez",
    "onze", "doze", "treze", "catorze", "quinze", "dezasseis", "dezassete", "dezoito", "dezanove",
};
static const char *const pt_units_br[3] = { "dezesseis", "dezessete", "dezenove" };
static const char *const pt_tens[10] = {
    "", "", "vinte", "trinta", "quarenta", "cinquenta", "sessenta", "setenta", "oitenta", "noventa",
};
static const char *const pt_hundreds[10] = {
    "", "cento", "duzentos", "trezentos", "quatrocentos", "quinhentos", "seiscentos",
    "setecentos", "oitocentos", "novecentos",
};

/* Brazilian Portuguese ("pt-BR"): "dezesseis", "quilômetro". */
static int pt_brazil(const nr_ctx *c)
{
    size_t n = strlen(c->tag);
    return n == 5 && (c->tag[2] == '-' || c->tag[2] == '_') && eq_nocase(c->tag + 3, 2, "br");
}

static void pt_unit(char *w, size_t cap, int v, int fem, int br)
{
    if (fem && (v == 1 || v == 2))
        nr_cat_word(w, cap, v == 1 ? "uma" : "duas");
    else if (br && (v == 16 || v == 17 || v == 19))
        nr_cat_word(w, cap, pt_units_br[v == 19 ? 2 : v - 16]);
    else
        nr_cat_word(w, cap, pt_units[v]);
}

/* 1..999 (nothing for 0): "cento e vinte", "duzentas e cinquenta". */
static void pt_below_1000(char *w, size_t cap, int v, int fem, int br)
{
    int h = v / 100, r = v % 100;
    if (v == 100) {
        nr_cat_word(w, cap, "cem");
        return;
    }
    if (h) {
        char hw[24];
        snprintf(hw, sizeof hw, "%s", pt_hundreds[h]);
        size_t k = strlen(hw);
        if (fem && h > 1)
            hw[k - 2] = 'a'; /* "duzentas" */
        nr_cat_word(w, cap, hw);
        if (r)
            nr_cat_word(w, cap, "e");
    }
    if (r == 0)
        return;
    if (r < 20) {
        pt_unit(w, cap, r, fem, br);
        return;
    }
    nr_cat_word(w, cap, pt_tens[r / 10]);
    if (r % 10) {
        nr_cat_word(w, cap, "e");
        pt_unit(w, cap, r % 10, fem, br);
    }
}

/* Cardinal words for 0..999999999: "mil novecentos e noventa e oito". */
static void pt_cardinal(char *w, size_t cap, long v, int fem, int br)
{
    w[0] = '\0';
    if (v == 0) {
        nr_cat_word(w, cap, "zero");
        return;
    }
    long m = v / 1000000, th = v / 1000 % 1000, r = v % 1000;
    if (m) {
        if (m == 1) {
            nr_cat_word(w, cap, "um milhão");
        } else {
            pt_below_1000(w, cap, (int)m, 0, br);
            nr_cat_word(w, cap, "milhões");
        }
    }
    if (th) {
        if (m)
            nr_cat_word(w, cap, r == 0 ? "e" : "");
        if (th > 1)
            pt_below_1000(w, cap, (int)th, fem, br);
        nr_cat_word(w, cap, "mil");
    }
    if (r) {
        if ((m || th) && (r < 100 || r % 100 == 0))
            nr_cat_word(w, cap, "e");
        pt_below_1000(w, cap, (int)r, fem, br);
    }
}

static void pt_say(nr_ctx *c, long v, int fem)
{
    char w[320];
    pt_cardinal(w, sizeof w, v, fem, pt_brazil(c));
    nr_word(c, w);
}

/* An amount in words ("2,5": "dois vírgula cinco"), in the gender given. */
static void pt_amount(nr_ctx *c, const char *s, size_t n, int fem)
{
    int minus;
    long f, v = nr_decimal_value(s, n, 0, &minus, &f);
    if (v < 0) {
        nr_word_n(c, s, n);
        return;
    }
    if (minus)
        nr_word(c, "menos");
    pt_say(c, v, fem && f < 0);
    if (f >= 0) {
        nr_word(c, "vírgula");
        pt_say(c, f, 0);
    }
}

static void pt_number(nr_ctx *c, const char *s, size_t n)
{
    pt_amount(c, s, n, 0);
}

/* ---------------------------------------------------------------- rules */

static const char *const pt_ord_ones[] = {
    "primeiro", "segundo", "terceiro", "quarto", "quinto", "sexto", "sétimo", "oitavo", "nono",
};
static const char *const pt_ord_tens[] = {
    "décimo", "vigésimo", "trigésimo", "quadragésimo", "quinquagésimo", "sexagésimo",
    "septuagésimo", "octogésimo", "nonagésimo",
};
static const nr_ordinals pt_ordinals = { pt_ord_ones, pt_ord_tens, NULL, "centésimo" };

/* "2.º lugar", "1.ª vez", "10º ano". */
static int pt_ordinal(nr_ctx *c)
{
    const nr_tok *t = nr_peek(c, 0);
    int feminine, apocope;
    long v = t->ln ? 0 : nr_ordinal_mark(CORE(t), t->cn, &feminine, &apocope);
    if (!v || apocope || (memmem(CORE(t), t->cn, "\xC2\xB0", 2) && v > 10))
        return 0;
    nr_begin(c, t);
    if (!nr_say_ordinal(c, &pt_ordinals, v, feminine, 0))
        nr_word_n(c, CORE(t), t->cn);
    nr_finish(c, t, 0);
    return 1;
}

static const char *const pt_queens[] = { "Amélia", "Beatriz", "Isabel", "Leonor", "Maria", "Teresa" };

static void pt_say_cardinal(nr_ctx *c, long v)
{
    pt_say(c, v, 0);
}

/* "D. João VI" (sexto), "Papa Bento XVI" (dezasseis), "século XXI" (vinte e um). */
static int pt_roman(nr_ctx *c)
{
    static const char *const century[2] = { "século", "séculos" };
    return nr_say_regnal(c, century, &pt_ordinals, pt_queens, N_ELEMS(pt_queens), pt_say_cardinal);
}

/* "14h30", "20:15" -> "catorze e trinta"; "9h" -> "nove horas"; hours are feminine. */
static int pt_time(nr_ctx *c)
{
    const nr_tok *t = nr_peek(c, 0);
    const char *s = CORE(t);
    size_t n = t->cn, h = 0;
    while (h < n && h < 2 && is_digit(s[h]))
        h++;
    if (t->ln || h == 0 || h == n || (s[h] != ':' && s[h] != 'h'))
        return 0;
    long hour = nr_num_value(s, h), minute = 0;
    if (h + 3 == n && all_digits(s + h + 1, 2))
        minute = nr_num_value(s + h + 1, 2);
    else if (!(s[h] == 'h' && h + 1 == n))
        return 0;
    if (hour > 24 || minute > 59)
        return 0;
    nr_begin(c, t);
    pt_say(c, hour, 1);
    if (minute) {
        nr_word(c, "e");
        pt_say(c, minute, 0);
    } else if (s[h] == 'h') {
        nr_word(c, hour == 1 ? "hora" : "horas");
    }
    nr_finish(c, t, 0);
    return 1;
}

/* "12/03/2024" -> "doze de março de dois mil e vinte e quatro". */
static int pt_date(nr_ctx *c)
{
    static const char *const months[12] = {
        "janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto",
        "setembro", "outubro", "novembro", "dezembro",
    };
    const nr_tok *t = nr_peek(c, 0);
    long d, m, y;
    if (t->ln || !nr_numeric_date(CORE(t), t->cn, '/', &d, &m, &y))
        return 0;
    nr_begin(c, t);
    pt_say(c, d, 0);
    nr_word(c, "de");
    nr_word(c, months[m - 1]);
    nr_word(c, "de");
    pt_say(c, y, 0);
    nr_finish(c, t, 0);
    return 1;
}

/* Masculine nouns in -a: "um problema". */
static const char *const pt_masculine_a[] = {
    "clima", "dia", "dias", "drama", "idioma", "mapa", "planeta", "problema", "problemas",
    "programa", "sistema", "tema",
};

/* Is the word after a number feminine ("pessoas", "filha")? */
static int pt_feminine(const nr_tok *t)
{
    return nr_feminine_a(t, pt_masculine_a, N_ELEMS(pt_masculine_a));
}

/* Plain numbers in words, agreeing with a feminine noun: "1 filha" (uma),
** "1.250 pessoas" (mil duzentas e cinquenta); "5 %" (por cento). */
static int pt_plain_number(nr_ctx *c)
{
    const nr_tok *t = nr_peek(c, 0), *t1 = nr_peek(c, 1), *last;
    const char *s = CORE(t);
    size_t n;
    int percent = nr_amount_percent(c, &n, &last);
    if (percent < 0)
        return 0;
    nr_begin(c, t);
    pt_amount(c, s, n, !percent && !TLEN(t) && pt_feminine(t1));
    if (percent)
        nr_word(c, "por cento");
    nr_finish(c, last, 0);
    return last == t ? 1 : 2;
}

/* "1/2 hora" (meia), "3/4" (três quartos), "1/3" (um terço). */
static int pt_fraction(nr_ctx *c)
{
    const nr_tok *t = nr_peek(c, 0), *prev = nr_prev(c);
    const char *s = CORE(t);
    if (t->ln || t->cn != 3 || !is_digit(s[0]) || s[1] != '/' || !is_digit(s[2]))
        return 0;
    int a = s[0] - '0', b = s[2] - '0';
    if (a < 1 || a >= b || b > 4)
        return 0;
    int article = prev && !TLEN(prev) && (eq_nocase(CORE(prev), prev->cn, "um") || eq_nocase(CORE(prev), prev->cn, "uma"));
    nr_begin(c, t);
    if (b == 2) {
        const nr_tok *next = nr_peek(c, 1);
        int hora = next && !next->ln && eq(CORE(next), next->cn, "hora");
        nr_word(c, pt_feminine(next) || hora ? "meia" : "meio");
    } else {
        if (!(a == 1 && article))
            nr_word(c, a == 1 ? "um" : pt_units[a]);
        nr_word(c, b == 3 ? (a == 1 ? "terço" : "terços") : (a == 1 ? "quarto" : "quartos"));
    }
    nr_finish(c, t, 0);
    return 1;
}

static const nr_unit pt_units_words[] = {
    { "km", "quilómetro", "quilómetros", 0 }, { "km/h", "quilómetro por hora", "quilómetros por hora", 0 },
    { "kg", "quilo", "quilos", 0 }, { "g", "grama", "gramas", 0 }, { "m", "metro", "metros", 0 },
    { "cm", "centímetro", "centímetros", 0 }, { "mm", "milímetro", "milímetros", 0 },
    { "m\xC2\xB2", "metro quadrado", "metros quadrados", 0 }, { "l", "litro", "litros", 0 },
    { "min", "minuto", "minutos", 0 }, { "\xC2\xB0" "C", "grau", "graus", 0 },
    { "\xC2\xB0", "grau", "graus", 0 }, { "ha", "hectare", "hectares", 0 },
    { "GB", "gigabyte", "gigabytes", 0 }, { "t", "tonelada", "toneladas", 1 },
};

static const nr_currency pt_currencies[] = {
    { "US$", "dólar americano", "dólares americanos", 0 }, { "R$", "real", "reais", 0 },
    { "$", "dólar", "dólares", 0 }, { "\xE2\x82\xAC", "euro", "euros", 0 },
    { "\xC2\xA3", "libra", "libras", 1 },
};

static const char *const pt_scales[] = { "bilhão", "bilhões", "mil", "milhão", "milhões" };

static const nr_money pt_money = {
    pt_currencies, N_ELEMS(pt_currencies), "um", "uma", ',', "e", "cêntimos",
    WORDS(pt_scales), "de", NULL, "mil", pt_number,
};

static int pt_normalize(nr_ctx *c)
{
    int k;
    if ((k = pt_ordinal(c)) != 0 || (k = pt_time(c)) != 0 || (k = pt_date(c)) != 0 ||
        (k = pt_fraction(c)) != 0)
        return k;
    if ((k = nr_say_money(c, &pt_money)) != 0 ||
        (k = nr_say_unit(c, pt_units_words, N_ELEMS(pt_units_words), "um", "uma", pt_number)) != 0)
        return k;
    if ((k = pt_plain_number(c)) != 0 || (k = pt_roman(c)) != 0)
        return k;
    return nr_say_word(c, "e");
}

const nr_lang_rules nr_lang_pt = {
    "pt", pt_abbrs, sizeof pt_abbrs / sizeof pt_abbrs[0],
    5, 5, /* the longest key, the longest several-word key */
    NO_ABBRS,
    WORDS(pt_starters), NO_WORDS,
    NO_WORDS, NO_WORDS, NO_WORDS,
    NR_QUOTES_FR, pt_normalize, NULL,
};
