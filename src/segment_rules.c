/* segment_rules.c - the splitter's word lists: English in depth, Spanish, French
** and German, and an empty fallback (punctuation and shape rules only).
**
** Every table is sorted by nr_rules_cmp (ASCII case folded, then bytes) and
** searched by bisection; tests/unit/test_segment.c checks the order, so keep
** it when adding entries.  Several-word keys are written one space apart,
** as in the text ("z. B" matches "z. B.").  The kinds are documented in
** segment_rules.h. */
#include "segment_rules.h"

#include <string.h>

#define WORDS(a) { a, sizeof a / sizeof a[0] }
#define NO_WORDS { NULL, 0 }
#define NO_ABBRS NULL, 0

/* ------------------------------------------------------------ en */
static const nr_abbr en_abbrs[] = {
    { "a.m", NR_ABBR_AMPM, 0 },
    { "Adm", NR_ABBR_PRE, 0 },
    { "Ala", NR_ABBR_MAYBE, 1 },
    { "Amb", NR_ABBR_PRE, 0 },
    { "approx", NR_ABBR_PRE, 0 },
    { "Apr", NR_ABBR_NUM, 0 },
    { "Apt", NR_ABBR_NUM, 0 },
    { "Ariz", NR_ABBR_MAYBE, 1 },
    { "Ark", NR_ABBR_MAYBE, 1 },
    { "Art", NR_ABBR_NUM, 0 },
    { "Assn", NR_ABBR_MAYBE, 0 },
    { "Assoc", NR_ABBR_MAYBE, 0 },
    { "Atty", NR_ABBR_PRE, 0 },
    { "Aug", NR_ABBR_NUM, 0 },
    { "Ave", NR_ABBR_MAYBE, 0 },
    { "Bldg", NR_ABBR_NUM, 0 },
    { "Blvd", NR_ABBR_MAYBE, 0 },
    { "Brig", NR_ABBR_PRE, 0 },
    { "Bros", NR_ABBR_MAYBE, 0 },
    { "ca", NR_ABBR_PRE, 0 },
    { "Calif", NR_ABBR_MAYBE, 1 },
    { "Capt", NR_ABBR_PRE, 0 },
    { "cf", NR_ABBR_PRE, 0 },
    { "Ch", NR_ABBR_NUM, 0 },
    { "Chap", NR_ABBR_NUM, 0 },
    { "Cmdr", NR_ABBR_PRE, 0 },
    { "Co", NR_ABBR_MAYBE, 0 },
    { "Col", NR_ABBR_PRE, 0 },
    { "Colo", NR_ABBR_MAYBE, 1 },
    { "Conn", NR_ABBR_MAYBE, 1 },
    { "Corp", NR_ABBR_MAYBE, 0 },
    { "Cpl", NR_ABBR_PRE, 0 },
    { "Cpt", NR_ABBR_PRE, 0 },
    { "Dec", NR_ABBR_NUM, 0 },
    { "Del", NR_ABBR_MAYBE, 1 },
    { "Dept", NR_ABBR_MAYBE, 0 },
    { "Det", NR_ABBR_PRE, 0 },
    { "Dr", NR_ABBR_PRE, 0 },
    { "Drs", NR_ABBR_PRE, 0 },
    { "e.g", NR_ABBR_PRE, 0 },
    { "Ens", NR_ABBR_PRE, 0 },
    { "Esq", NR_ABBR_MAYBE, 0 },
    { "Est", NR_ABBR_NUM, 0 },
    { "et al", NR_ABBR_MAYBE, 0 },
    { "etc", NR_ABBR_END, 0 },
    { "Ext", NR_ABBR_NUM, 0 },
    { "Feb", NR_ABBR_NUM, 0 },
    { "Fig", NR_ABBR_NUM, 0 },
    { "Figs", NR_ABBR_NUM, 0 },
    { "Fla", NR_ABBR_MAYBE, 1 },
    { "Fr", NR_ABBR_PRE, 0 },
    { "Ft", NR_ABBR_PRE, 1 },
    { "Ga", NR_ABBR_MAYBE, 1 },
    { "Gen", NR_ABBR_PRE, 0 },
    { "Gens", NR_ABBR_PRE, 0 },
    { "Gov", NR_ABBR_PRE, 0 },
    { "Govs", NR_ABBR_PRE, 0 },
    { "Hon", NR_ABBR_PRE, 0 },
    { "Hwy", NR_ABBR_NUM, 0 },
    { "i.e", NR_ABBR_PRE, 0 },
    { "Ill", NR_ABBR_MAYBE, 1 },
    { "Inc", NR_ABBR_MAYBE, 0 },
    { "Ind", NR_ABBR_MAYBE, 1 },
    { "Insp", NR_ABBR_PRE, 0 },
    { "Intl", NR_ABBR_MAYBE, 0 },
    { "Jan", NR_ABBR_NUM, 0 },
    { "Jr", NR_ABBR_MAYBE, 0 },
    { "Jul", NR_ABBR_NUM, 0 },
    { "Jun", NR_ABBR_NUM, 0 },
    { "Kan", NR_ABBR_MAYBE, 1 },
    { "Kans", NR_ABBR_MAYBE, 1 },
    { "Ky", NR_ABBR_MAYBE, 1 },
    { "La", NR_ABBR_MAYBE, 1 },
    { "LLC", NR_ABBR_MAYBE, 0 },
    { "LLP", NR_ABBR_MAYBE, 0 },
    { "Lt", NR_ABBR_PRE, 0 },
    { "Ltd", NR_ABBR_MAYBE, 0 },
    { "Maj", NR_ABBR_PRE, 0 },
    { "Mar", NR_ABBR_NUM, 1 },
    { "Mass", NR_ABBR_MAYBE, 1 },
    { "Md", NR_ABBR_MAYBE, 1 },
    { "Messrs", NR_ABBR_PRE, 0 },
    { "Mfg", NR_ABBR_MAYBE, 0 },
    { "Mich", NR_ABBR_MAYBE, 1 },
    { "Minn", NR_ABBR_MAYBE, 1 },
    { "Miss", NR_ABBR_MAYBE, 1 },
    { "Mme", NR_ABBR_PRE, 0 },
    { "Mmes", NR_ABBR_PRE, 0 },
    { "Mo", NR_ABBR_MAYBE, 1 },
    { "Mont", NR_ABBR_MAYBE, 1 },
    { "Mr", NR_ABBR_PRE, 0 },
    { "Mrs", NR_ABBR_PRE, 0 },
    { "Ms", NR_ABBR_PRE, 0 },
    { "Msgr", NR_ABBR_PRE, 0 },
    { "Mt", NR_ABBR_PRE, 0 },
    { "Mts", NR_ABBR_PRE, 0 },
    { "Mx", NR_ABBR_PRE, 0 },
    { "Natl", NR_ABBR_MAYBE, 0 },
    { "Neb", NR_ABBR_MAYBE, 1 },
    { "Nev", NR_ABBR_MAYBE, 1 },
    { "No", NR_ABBR_NUM, 1 },
    { "Nos", NR_ABBR_NUM, 1 },
    { "Nov", NR_ABBR_NUM, 0 },
    { "n°", NR_ABBR_NUM, 0 },
    { "nº", NR_ABBR_NUM, 0 },
    { "Oct", NR_ABBR_NUM, 0 },
    { "Okla", NR_ABBR_MAYBE, 1 },
    { "Ore", NR_ABBR_MAYBE, 1 },
    { "p.m", NR_ABBR_AMPM, 0 },
    { "Pa", NR_ABBR_MAYBE, 1 },
    { "Para", NR_ABBR_NUM, 0 },
    { "Pfc", NR_ABBR_PRE, 0 },
    { "Pg", NR_ABBR_NUM, 0 },
    { "Plc", NR_ABBR_MAYBE, 0 },
    { "Pp", NR_ABBR_NUM, 0 },
    { "Pres", NR_ABBR_PRE, 0 },
    { "Prof", NR_ABBR_PRE, 0 },
    { "Profs", NR_ABBR_PRE, 0 },
    { "Pty", NR_ABBR_MAYBE, 0 },
    { "Pvt", NR_ABBR_PRE, 0 },
    { "Rd", NR_ABBR_MAYBE, 0 },
    { "Rep", NR_ABBR_PRE, 0 },
    { "Reps", NR_ABBR_PRE, 0 },
    { "Ret", NR_ABBR_MAYBE, 0 },
    { "Rev", NR_ABBR_PRE, 0 },
    { "Revs", NR_ABBR_PRE, 0 },
    { "Rm", NR_ABBR_NUM, 0 },
    { "Rt", NR_ABBR_PRE, 0 },
    { "Rte", NR_ABBR_NUM, 0 },
    { "Sec", NR_ABBR_PRE, 1 },
    { "Sen", NR_ABBR_PRE, 0 },
    { "Sens", NR_ABBR_PRE, 0 },
    { "Sep", NR_ABBR_NUM, 0 },
    { "Sept", NR_ABBR_NUM, 0 },
    { "Sgt", NR_ABBR_PRE, 0 },
    { "Spc", NR_ABBR_PRE, 0 },
    { "Sr", NR_ABBR_MAYBE, 0 },
    { "St", NR_ABBR_MAYBE, 0 },
    { "Ste", NR_ABBR_NUM, 0 },
    { "Supt", NR_ABBR_PRE, 0 },
    { "Tel", NR_ABBR_NUM, 0 },
    { "Tenn", NR_ABBR_MAYBE, 1 },
    { "Tex", NR_ABBR_MAYBE, 1 },
    { "Univ", NR_ABBR_MAYBE, 0 },
    { "v", NR_ABBR_PRE, 1 },
    { "Va", NR_ABBR_MAYBE, 1 },
    { "viz", NR_ABBR_PRE, 0 },
    { "Vol", NR_ABBR_NUM, 0 },
    { "Vols", NR_ABBR_NUM, 0 },
    { "vs", NR_ABBR_PRE, 0 },
    { "Vt", NR_ABBR_MAYBE, 1 },
    { "Wash", NR_ABBR_MAYBE, 1 },
    { "Wis", NR_ABBR_MAYBE, 1 },
    { "Wyo", NR_ABBR_MAYBE, 1 },
};

static const char *const en_starters[] = {
    "A", "About", "According", "After", "Again", "All", "Also", "Although", "Among", "An",
    "And", "Another", "Any", "Are", "As", "At", "Because", "Before", "Being", "Both", "But",
    "By", "Can", "Could", "Despite", "Did", "Do", "Does", "During", "Each", "Even", "Every",
    "Few", "For", "From", "Further", "Has", "Have", "He", "Her", "Here", "His", "How",
    "However", "I", "If", "In", "Indeed", "Instead", "Is", "It", "Its", "Just", "Last", "Later",
    "Let", "Many", "Meanwhile", "More", "Moreover", "Most", "Much", "My", "Neither", "Never",
    "Nevertheless", "Next", "No", "Nor", "Not", "Now", "Of", "On", "Once", "One", "Only", "Or",
    "Other", "Our", "Over", "Perhaps", "Please", "Several", "She", "Since", "So", "Some",
    "Still", "Such", "That", "The", "Their", "Then", "There", "Therefore", "These", "They",
    "This", "Those", "Though", "Thus", "To", "Today", "Tomorrow", "Under", "Unlike", "Until",
    "Was", "We", "Were", "What", "When", "Where", "Whether", "Which", "While", "Who", "Whose",
    "Why", "Will", "With", "Within", "Without", "Would", "Yesterday", "Yet", "You", "Your",
};

static const char *const en_time_intro[] = {
    "About", "After", "Approximately", "Around", "At", "Before", "Beginning", "Between", "By",
    "Early", "From", "Just", "Late", "Near", "On", "Roughly", "Shortly", "Since", "Sometime",
    "Starting", "Till", "Toward", "Towards", "Until",
};

static const char *const en_time_after[] = {
    "AEDT", "AEST", "AKDT", "AKST", "Apr", "April", "Aug", "August", "BST", "CDT", "Central",
    "CEST", "CET", "CST", "CT", "Dec", "December", "Eastern", "EDT", "EEST", "EET", "EST", "ET",
    "Feb", "February", "Fri", "Friday", "GMT", "HKT", "HST", "IST", "Jan", "January", "JST",
    "Jul", "July", "Jun", "June", "KST", "Local", "Mar", "March", "May", "MDT", "Mon", "Monday",
    "Mountain", "MST", "MT", "Nov", "November", "Oct", "October", "Pacific", "PDT", "PST", "PT",
    "Sat", "Saturday", "Sep", "Sept", "September", "SGT", "Sun", "Sunday", "Thu", "Thur",
    "Thurs", "Thursday", "Tue", "Tues", "Tuesday", "UTC", "Wed", "Wednesday", "WET",
};

static const nr_lang_rules rules_en = {
    "en", en_abbrs, sizeof en_abbrs / sizeof en_abbrs[0],
    6, 5, /* the longest key, the longest several-word key */
    NO_ABBRS,
    WORDS(en_starters), WORDS(en_time_intro),
    WORDS(en_time_after), NO_WORDS, NO_WORDS,
    NR_QUOTES_EN,
};

/* ------------------------------------------------------------ es */
static const nr_abbr es_abbrs[] = {
    { "a. C", NR_ABBR_MAYBE, 0 },
    { "a. m", NR_ABBR_AMPM, 0 },
    { "a.C", NR_ABBR_MAYBE, 0 },
    { "a.m", NR_ABBR_AMPM, 0 },
    { "abr", NR_ABBR_NUM, 0 },
    { "ago", NR_ABBR_NUM, 0 },
    { "Alm", NR_ABBR_PRE, 0 },
    { "aprox", NR_ABBR_PRE, 0 },
    { "Arq", NR_ABBR_PRE, 0 },
    { "art", NR_ABBR_NUM, 0 },
    { "Av", NR_ABBR_PRE, 0 },
    { "Avda", NR_ABBR_PRE, 0 },
    { "Cap", NR_ABBR_PRE, 0 },
    { "Cmdte", NR_ABBR_PRE, 0 },
    { "Cnel", NR_ABBR_PRE, 0 },
    { "Corp", NR_ABBR_MAYBE, 0 },
    { "Cía", NR_ABBR_MAYBE, 0 },
    { "d. C", NR_ABBR_MAYBE, 0 },
    { "d.C", NR_ABBR_MAYBE, 0 },
    { "dic", NR_ABBR_NUM, 0 },
    { "Dr", NR_ABBR_PRE, 0 },
    { "Dra", NR_ABBR_PRE, 0 },
    { "Dras", NR_ABBR_PRE, 0 },
    { "Dres", NR_ABBR_PRE, 0 },
    { "Dña", NR_ABBR_PRE, 0 },
    { "EE", NR_ABBR_PRE, 0 },
    { "EE. UU", NR_ABBR_MAYBE, 0 },
    { "ej", NR_ABBR_PRE, 0 },
    { "ene", NR_ABBR_NUM, 0 },
    { "etc", NR_ABBR_END, 0 },
    { "Excma", NR_ABBR_PRE, 0 },
    { "Excmo", NR_ABBR_PRE, 0 },
    { "feb", NR_ABBR_NUM, 0 },
    { "fig", NR_ABBR_NUM, 0 },
    { "Fr", NR_ABBR_PRE, 0 },
    { "Gral", NR_ABBR_PRE, 0 },
    { "Hnos", NR_ABBR_MAYBE, 0 },
    { "Ilma", NR_ABBR_PRE, 0 },
    { "Ilmo", NR_ABBR_PRE, 0 },
    { "Inc", NR_ABBR_MAYBE, 0 },
    { "Ing", NR_ABBR_PRE, 0 },
    { "Jr", NR_ABBR_MAYBE, 0 },
    { "jul", NR_ABBR_NUM, 0 },
    { "jun", NR_ABBR_NUM, 0 },
    { "Lcda", NR_ABBR_PRE, 0 },
    { "Lcdo", NR_ABBR_PRE, 0 },
    { "Lic", NR_ABBR_PRE, 0 },
    { "Ltda", NR_ABBR_MAYBE, 0 },
    { "mar", NR_ABBR_NUM, 0 },
    { "Mons", NR_ABBR_PRE, 0 },
    { "Mtra", NR_ABBR_PRE, 0 },
    { "Mtro", NR_ABBR_PRE, 0 },
    { "nov", NR_ABBR_NUM, 0 },
    { "nro", NR_ABBR_NUM, 0 },
    { "n°", NR_ABBR_NUM, 0 },
    { "nº", NR_ABBR_NUM, 0 },
    { "núm", NR_ABBR_NUM, 0 },
    { "oct", NR_ABBR_NUM, 0 },
    { "p. ej", NR_ABBR_PRE, 0 },
    { "p. m", NR_ABBR_AMPM, 0 },
    { "p.ej", NR_ABBR_PRE, 0 },
    { "p.m", NR_ABBR_AMPM, 0 },
    { "Pdte", NR_ABBR_PRE, 0 },
    { "pp", NR_ABBR_NUM, 0 },
    { "Prof", NR_ABBR_PRE, 0 },
    { "Profa", NR_ABBR_PRE, 0 },
    { "Pza", NR_ABBR_PRE, 0 },
    { "pág", NR_ABBR_NUM, 0 },
    { "págs", NR_ABBR_NUM, 0 },
    { "sep", NR_ABBR_NUM, 0 },
    { "sept", NR_ABBR_NUM, 0 },
    { "Sgto", NR_ABBR_PRE, 0 },
    { "Sr", NR_ABBR_PRE, 0 },
    { "Sra", NR_ABBR_PRE, 0 },
    { "Sras", NR_ABBR_PRE, 0 },
    { "Sres", NR_ABBR_PRE, 0 },
    { "Srta", NR_ABBR_PRE, 0 },
    { "Srtas", NR_ABBR_PRE, 0 },
    { "Sta", NR_ABBR_PRE, 0 },
    { "Sto", NR_ABBR_PRE, 0 },
    { "tel", NR_ABBR_NUM, 0 },
    { "Tte", NR_ABBR_PRE, 0 },
    { "Ud", NR_ABBR_MAYBE, 0 },
    { "Uds", NR_ABBR_MAYBE, 0 },
    { "Vd", NR_ABBR_MAYBE, 0 },
    { "Vds", NR_ABBR_MAYBE, 0 },
    { "vol", NR_ABBR_NUM, 0 },
    { "vs", NR_ABBR_PRE, 0 },
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

static const nr_lang_rules rules_es = {
    "es", es_abbrs, sizeof es_abbrs / sizeof es_abbrs[0],
    6, 6, /* the longest key, the longest several-word key */
    NO_ABBRS,
    WORDS(es_starters), WORDS(es_time_intro),
    WORDS(es_time_after), NO_WORDS, NO_WORDS,
    NR_QUOTES_EN,
};

/* ------------------------------------------------------------ fr */
static const nr_abbr fr_abbrs[] = {
    { "apr", NR_ABBR_PRE, 0 },
    { "art", NR_ABBR_NUM, 0 },
    { "av", NR_ABBR_PRE, 0 },
    { "bd", NR_ABBR_PRE, 0 },
    { "boul", NR_ABBR_PRE, 0 },
    { "c.-à-d", NR_ABBR_PRE, 0 },
    { "Cdt", NR_ABBR_PRE, 0 },
    { "cf", NR_ABBR_PRE, 0 },
    { "chap", NR_ABBR_NUM, 0 },
    { "Cie", NR_ABBR_MAYBE, 0 },
    { "Col", NR_ABBR_PRE, 0 },
    { "Corp", NR_ABBR_MAYBE, 0 },
    { "Dr", NR_ABBR_PRE, 0 },
    { "déc", NR_ABBR_NUM, 0 },
    { "env", NR_ABBR_PRE, 0 },
    { "etc", NR_ABBR_END, 0 },
    { "Ets", NR_ABBR_MAYBE, 0 },
    { "ex", NR_ABBR_PRE, 0 },
    { "fig", NR_ABBR_NUM, 0 },
    { "févr", NR_ABBR_NUM, 0 },
    { "Gén", NR_ABBR_PRE, 0 },
    { "h", NR_ABBR_END, 0 },
    { "Inc", NR_ABBR_MAYBE, 0 },
    { "janv", NR_ABBR_NUM, 0 },
    { "juil", NR_ABBR_NUM, 0 },
    { "juill", NR_ABBR_NUM, 0 },
    { "Lt", NR_ABBR_PRE, 0 },
    { "Ltd", NR_ABBR_MAYBE, 0 },
    { "M", NR_ABBR_PRE, 1 },
    { "Me", NR_ABBR_PRE, 1 },
    { "Mgr", NR_ABBR_PRE, 0 },
    { "Mlle", NR_ABBR_PRE, 0 },
    { "Mlles", NR_ABBR_PRE, 0 },
    { "MM", NR_ABBR_PRE, 1 },
    { "Mme", NR_ABBR_PRE, 0 },
    { "Mmes", NR_ABBR_PRE, 0 },
    { "nov", NR_ABBR_NUM, 0 },
    { "n°", NR_ABBR_NUM, 0 },
    { "nº", NR_ABBR_NUM, 0 },
    { "oct", NR_ABBR_NUM, 0 },
    { "p. ex", NR_ABBR_PRE, 0 },
    { "p.ex", NR_ABBR_PRE, 0 },
    { "pp", NR_ABBR_NUM, 0 },
    { "Pr", NR_ABBR_PRE, 0 },
    { "sept", NR_ABBR_NUM, 0 },
    { "Sgt", NR_ABBR_PRE, 0 },
    { "St", NR_ABBR_PRE, 0 },
    { "Ste", NR_ABBR_PRE, 0 },
    { "tél", NR_ABBR_NUM, 0 },
    { "vol", NR_ABBR_NUM, 0 },
    { "vs", NR_ABBR_PRE, 0 },
    { "éd", NR_ABBR_PRE, 0 },
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

static const nr_lang_rules rules_fr = {
    "fr", fr_abbrs, sizeof fr_abbrs / sizeof fr_abbrs[0],
    7, 5, /* the longest key, the longest several-word key */
    NO_ABBRS,
    WORDS(fr_starters), NO_WORDS,
    NO_WORDS, NO_WORDS, NO_WORDS,
    NR_QUOTES_FR,
};

/* ------------------------------------------------------------ de */
static const nr_abbr de_abbrs[] = {
    { "a. D", NR_ABBR_MAYBE, 0 },
    { "a.D", NR_ABBR_MAYBE, 0 },
    { "Abb", NR_ABBR_NUM, 0 },
    { "Abg", NR_ABBR_PRE, 0 },
    { "Abs", NR_ABBR_NUM, 0 },
    { "Apr", NR_ABBR_NUM, 0 },
    { "Art", NR_ABBR_NUM, 0 },
    { "Aug", NR_ABBR_NUM, 0 },
    { "Bd", NR_ABBR_NUM, 0 },
    { "Bde", NR_ABBR_NUM, 0 },
    { "Bgm", NR_ABBR_PRE, 0 },
    { "bzw", NR_ABBR_PRE, 0 },
    { "ca", NR_ABBR_PRE, 0 },
    { "Co", NR_ABBR_MAYBE, 0 },
    { "d. h", NR_ABBR_PRE, 0 },
    { "d.h", NR_ABBR_PRE, 0 },
    { "Dez", NR_ABBR_NUM, 0 },
    { "Dipl", NR_ABBR_PRE, 0 },
    { "Dir", NR_ABBR_PRE, 0 },
    { "Dr", NR_ABBR_PRE, 0 },
    { "e. V", NR_ABBR_MAYBE, 0 },
    { "e.V", NR_ABBR_MAYBE, 0 },
    { "etc", NR_ABBR_END, 0 },
    { "evtl", NR_ABBR_PRE, 0 },
    { "exkl", NR_ABBR_PRE, 0 },
    { "Feb", NR_ABBR_NUM, 0 },
    { "Fr", NR_ABBR_PRE, 0 },
    { "Fw", NR_ABBR_PRE, 0 },
    { "geb", NR_ABBR_PRE, 0 },
    { "Gebr", NR_ABBR_MAYBE, 0 },
    { "Gen", NR_ABBR_MAYBE, 0 },
    { "gest", NR_ABBR_PRE, 0 },
    { "ggf", NR_ABBR_PRE, 0 },
    { "Hl", NR_ABBR_PRE, 0 },
    { "Hptm", NR_ABBR_PRE, 0 },
    { "Hr", NR_ABBR_PRE, 0 },
    { "Hrn", NR_ABBR_PRE, 0 },
    { "i. d. R", NR_ABBR_PRE, 0 },
    { "i.d.R", NR_ABBR_PRE, 0 },
    { "Ing", NR_ABBR_PRE, 0 },
    { "inkl", NR_ABBR_PRE, 0 },
    { "Jan", NR_ABBR_NUM, 0 },
    { "Jh", NR_ABBR_MAYBE, 0 },
    { "Jhd", NR_ABBR_MAYBE, 0 },
    { "Jul", NR_ABBR_NUM, 0 },
    { "Jun", NR_ABBR_NUM, 0 },
    { "Kap", NR_ABBR_NUM, 0 },
    { "Lt", NR_ABBR_PRE, 0 },
    { "Mag", NR_ABBR_PRE, 0 },
    { "Maj", NR_ABBR_PRE, 0 },
    { "Mio", NR_ABBR_MAYBE, 0 },
    { "Mrd", NR_ABBR_MAYBE, 0 },
    { "Mrz", NR_ABBR_NUM, 0 },
    { "Nov", NR_ABBR_NUM, 0 },
    { "Nr", NR_ABBR_NUM, 0 },
    { "Nrn", NR_ABBR_NUM, 0 },
    { "o. ä", NR_ABBR_MAYBE, 0 },
    { "o.ä", NR_ABBR_MAYBE, 0 },
    { "Oberstlt", NR_ABBR_PRE, 0 },
    { "Oblt", NR_ABBR_PRE, 0 },
    { "Okt", NR_ABBR_NUM, 0 },
    { "Prof", NR_ABBR_PRE, 0 },
    { "Präs", NR_ABBR_PRE, 0 },
    { "s. o", NR_ABBR_MAYBE, 0 },
    { "s. u", NR_ABBR_MAYBE, 0 },
    { "Sep", NR_ABBR_NUM, 0 },
    { "Sept", NR_ABBR_NUM, 0 },
    { "sog", NR_ABBR_PRE, 0 },
    { "St", NR_ABBR_PRE, 0 },
    { "Str", NR_ABBR_NUM, 0 },
    { "Tel", NR_ABBR_NUM, 0 },
    { "Tsd", NR_ABBR_MAYBE, 0 },
    { "u. a", NR_ABBR_PRE, 0 },
    { "u. U", NR_ABBR_PRE, 0 },
    { "u. v. m", NR_ABBR_MAYBE, 0 },
    { "u.a", NR_ABBR_PRE, 0 },
    { "u.U", NR_ABBR_PRE, 0 },
    { "u.v.m", NR_ABBR_MAYBE, 0 },
    { "Uffz", NR_ABBR_PRE, 0 },
    { "usw", NR_ABBR_END, 0 },
    { "v. a", NR_ABBR_PRE, 0 },
    { "v.a", NR_ABBR_PRE, 0 },
    { "verh", NR_ABBR_PRE, 0 },
    { "vgl", NR_ABBR_PRE, 0 },
    { "vs", NR_ABBR_PRE, 0 },
    { "z. B", NR_ABBR_PRE, 0 },
    { "z. T", NR_ABBR_PRE, 0 },
    { "z.B", NR_ABBR_PRE, 0 },
    { "z.T", NR_ABBR_PRE, 0 },
    { "zzgl", NR_ABBR_PRE, 0 },
};

/* Word endings that abbreviate like a whole word. */
static const nr_abbr de_suffixes[] = {
    { "str", NR_ABBR_NUM, 0 },
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

static const nr_lang_rules rules_de = {
    "de", de_abbrs, sizeof de_abbrs / sizeof de_abbrs[0],
    8, 7, /* the longest key, the longest several-word key */
    de_suffixes, sizeof de_suffixes / sizeof de_suffixes[0],
    WORDS(de_starters), NO_WORDS,
    NO_WORDS, WORDS(de_ordinal_before), WORDS(de_ordinal_after),
    NR_QUOTES_DE,
};

/* ------------------------------------------------------ fallback */
static const nr_lang_rules rules_fallback = {
    "", NO_ABBRS, 0, 0, NO_ABBRS, NO_WORDS, NO_WORDS, NO_WORDS, NO_WORDS, NO_WORDS, NR_QUOTES_EN,
};

const nr_lang_rules *const nr_all_rules[] = {
    &rules_en, &rules_es, &rules_fr, &rules_de, &rules_fallback, NULL,
};

static int fold(unsigned char c)
{
    return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

static inline int cmp(const char *s, size_t n, const char *key)
{
    for (size_t i = 0; i < n; i++) {
        if (!key[i])
            return 1;
        int d = fold((unsigned char)s[i]) - fold((unsigned char)key[i]);
        if (d)
            return d;
    }
    return key[n] ? -1 : 0;
}

/* Language tags: ISO 639-1 and the 639-2 codes espeak-ng voices also use. */
static const struct {
    const char *tag;
    const nr_lang_rules *rules;
} tags[] = {
    { "de", &rules_de }, { "deu", &rules_de }, { "en", &rules_en }, { "eng", &rules_en },
    { "es", &rules_es }, { "fr", &rules_fr }, { "fra", &rules_fr }, { "fre", &rules_fr },
    { "ger", &rules_de }, { "spa", &rules_es },
};

const nr_lang_rules *nr_rules_for(const char *language)
{
    if (!language || !*language)
        return &rules_en;
    size_t n = strcspn(language, "-_");
    for (size_t i = 0; i < sizeof tags / sizeof tags[0]; i++)
        if (cmp(language, n, tags[i].tag) == 0)
            return tags[i].rules;
    return &rules_fallback;
}

int nr_rules_cmp(const char *s, size_t n, const char *key)
{
    return cmp(s, n, key);
}

const nr_abbr *nr_rules_abbr(const nr_lang_rules *r, const char *s, size_t n)
{
    for (size_t i = 0; i < r->suffix_count; i++) {
        const nr_abbr *a = &r->suffixes[i];
        size_t k = strlen(a->key);
        if (n > k && cmp(s + n - k, k, a->key) == 0)
            return a;
    }
    if (n > r->key_max)
        return NULL;
    size_t lo = 0, hi = r->abbr_count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = cmp(s, n, r->abbrs[mid].key);
        if (c == 0) {
            const nr_abbr *a = &r->abbrs[mid];
            return a->exact && memcmp(s, a->key, n) != 0 ? NULL : a;
        }
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return NULL;
}

int nr_words_has(const nr_words *list, const char *s, size_t n)
{
    size_t lo = 0, hi = list->count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = cmp(s, n, list->words[mid]);
        if (c == 0)
            return 1;
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return 0;
}
