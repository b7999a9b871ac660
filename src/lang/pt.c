/* pt.c - Portuguese: abbreviations (how they split, how they are said), money. */
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

static const nr_currency pt_currencies[] = {
    { "US$", "dólar americano", "dólares americanos", 0 }, { "R$", "real", "reais", 0 },
    { "$", "dólar", "dólares", 0 }, { "\xE2\x82\xAC", "euro", "euros", 0 },
    { "\xC2\xA3", "libra", "libras", 1 },
};

static const char *const pt_scales[] = { "bilhão", "bilhões", "mil", "milhão", "milhões" };

static const nr_money pt_money = {
    pt_currencies, N_ELEMS(pt_currencies), "um", "uma", ',', "e", "cêntimos",
    WORDS(pt_scales), "de", NULL, "mil", NULL,
};

static int pt_normalize(nr_ctx *c)
{
    const nr_tok *t = nr_peek(c, 0);
    int k;
    if (t->cn == 0) {
        nr_emit_raw(c, t);
        return 1;
    }
    if ((k = nr_say_money(c, &pt_money)) != 0)
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

const nr_lang_rules nr_lang_pt = {
    "pt", pt_abbrs, sizeof pt_abbrs / sizeof pt_abbrs[0],
    5, 5, /* the longest key, the longest several-word key */
    NO_ABBRS,
    WORDS(pt_starters), NO_WORDS,
    NO_WORDS, NO_WORDS, NO_WORDS,
    NR_QUOTES_FR, pt_normalize, NULL,
};
