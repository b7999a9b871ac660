/* segment_rules.h - per-language word lists for the sentence splitter (segment.c). */
#ifndef NR_SEGMENT_RULES_H
#define NR_SEGMENT_RULES_H

#include <stddef.h>

struct nr_ctx;

/* What a word followed by a period means for the sentence. */
typedef enum nr_abbr_kind {
    NR_ABBR_PRE = 1, /* never ends a sentence: titles, ranks, "vs.", "e.g.", "z. B." */
    NR_ABBR_NUM,     /* takes a number: no end before a digit ("No. 5", "Oct. 7", "Nr. 3") */
    NR_ABBR_MAYBE,   /* may end a sentence: "Inc.", "Jr.", "EE. UU."; ends one only
                        before a sentence-starter word ("Co. It closed") */
    NR_ABBR_AMPM,    /* "a.m."/"p.m.": ends before a capital unless the time continues
                        ("5 p.m. EST", "9 a.m. Monday") or opens the sentence ("At 5 a.m. Mr.") */
    NR_ABBR_END      /* an ordinary word that looks like an abbreviation: "etc.", French "h." */
} nr_abbr_kind;

/* One abbreviation: the word before its final period.  Several words are
** written as they appear, one space apart ("z. B", "et al", "EE. UU").  Keys
** match ignoring ASCII case unless NR_AB_EXACT is set ("No" is a number sign,
** "no." is a word).  The splitter reads kind; the normalizer says spoken
** instead of the abbreviation and its period, when set and the flags allow.
** One table per language serves both (src/lang/xx.c). */
typedef struct nr_abbr {
    const char *key;
    unsigned char kind;  /* nr_abbr_kind */
    unsigned char flags; /* NR_AB_* */
    const char *spoken;  /* its words ("señora" for "Sra"), NULL: left as written */
} nr_abbr;

/* nr_abbr flags.  Without NR_AB_BARE an abbreviation is said only with its period. */
#define NR_AB_EXACT 1  /* match case exactly */
#define NR_AB_BARE 2   /* said also without its period ("Mme", "vs") */
#define NR_AB_DIGIT 4  /* said only before a number ("No. 5", "p. 12") */
#define NR_AB_NAME 8   /* said only before a capitalized name ("M. Dupont") */
#define NR_AB_BARE_NAME 16 /* without its period, said before a name ("Dr Smith") */
#define NR_AB_PLACE 32 /* after a street name or house number another word: the
                          language's hook decides ("St." Saint or Street) */
#define NR_AB_STATE 64 /* a U.S. state ("Calif."): also after a party ("D-Calif.") */

/* A sorted word list (see nr_rules_cmp). */
typedef struct nr_words {
    const char *const *words;
    size_t count;
} nr_words;

/* Which standalone quote marks open and which close ("« Oui »", „Ja“). */
typedef enum nr_quote_style {
    NR_QUOTES_EN, /* “ ‘ « open, ” ’ » close */
    NR_QUOTES_FR, /* « “ ‘ open, » ” ’ close */
    NR_QUOTES_DE  /* „ ‚ » open, “ ‘ « close */
} nr_quote_style;

typedef struct nr_lang_rules {
    const char *name;      /* "en", "es", "fr", "de", "it", "pt"; "" for the fallback */
    const nr_abbr *abbrs;  /* sorted by key */
    size_t abbr_count;
    size_t key_max;        /* longest key, in bytes */
    size_t chain_max;      /* longest several-word key ("i. d. R") */
    const nr_abbr *suffixes; /* word endings: German "Hauptstr." is an abbreviation like "Str." */
    size_t suffix_count;
    nr_words starters;     /* words that begin sentences: "The", "It", "El", "Der" */
    nr_words time_intro;   /* a sentence opening with these keeps its a.m./p.m.: "At" */
    nr_words time_after;   /* words that continue a time: "EST", "Monday" */
    nr_words ordinal_before; /* German: "am 3. Oktober" - words before an ordinal */
    nr_words ordinal_after;  /* German: months and nouns after one ("3. Oktober", "2. Liga") */
    nr_quote_style quotes;
    /* Normalization (src/normalize.c, src/lang/norm.h): rewrite the token at
    ** the window's start, return the tokens used (at least 1); NULL: the
    ** language gets the cleanup only. */
    int (*normalize)(struct nr_ctx *c);
    /* Words that, capitalized, open a sentence and are no name ("The", "Die");
    ** NULL: the starters above. */
    int (*function_word)(const char *s, size_t n);
} nr_lang_rules;

/* The rules for a language tag ("en", "en-GB", "es_MX", "deu"); NULL or ""
** is English; a language without tables gets the punctuation-only fallback. */
const nr_lang_rules *nr_rules_for(const char *language);

/* Every rule set, fallback last, NULL-terminated (for tests). */
extern const nr_lang_rules *const nr_all_rules[];

/* Compare s[0..n) with a NUL-terminated key, ASCII letters folded to lower
** case, other bytes as unsigned: the order the tables are sorted in. */
int nr_rules_cmp(const char *s, size_t n, const char *key);

/* The abbreviation s[0..n) in r (a whole key, or a word ending in a suffix
** key), or NULL. */
const nr_abbr *nr_rules_abbr(const nr_lang_rules *r, const char *s, size_t n);

/* Is s[0..n) in the list (ASCII case folded)? */
int nr_words_has(const nr_words *list, const char *s, size_t n);

#endif
