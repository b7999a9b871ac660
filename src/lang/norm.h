/* norm.h - what normalize.c lends each language's rules: the token window, the output, helpers. */
#ifndef NR_NORM_H
#define NR_NORM_H

/*
** normalize.c cleans a sentence and cuts it at spaces into tokens, each seen
** as lead punctuation + core + trail punctuation.  For each token with a
** core (punctuation alone is copied as it is) it calls
** the language's normalize hook (nr_lang_rules.normalize, src/lang/xx.c),
** which looks ahead at most NR_WIN - 1 tokens (nr_peek) and one behind
** (nr_prev), writes words for one or more tokens (nr_begin, nr_word...,
** nr_finish) and returns how many it used.
*/
#include <stddef.h>
#include <string.h>

#include "numbers.h"
#include "segment_rules.h"

#define N_ELEMS(a) (sizeof(a) / sizeof((a)[0]))

static inline int is_digit(char ch) { return ch >= '0' && ch <= '9'; }
static inline int is_lower(char ch) { return ch >= 'a' && ch <= 'z'; }
static inline int is_upper(char ch) { return ch >= 'A' && ch <= 'Z'; }
static inline int is_alpha(char ch) { return is_lower(ch) || is_upper(ch); }
static inline int is_alnum(char ch) { return is_alpha(ch) || is_digit(ch); }
static inline char to_lower(char ch) { return is_upper(ch) ? (char)(ch - 'A' + 'a') : ch; }
static inline char to_upper(char ch) { return is_lower(ch) ? (char)(ch - 'a' + 'A') : ch; }

static inline int eq(const char *s, size_t n, const char *lit)
{
    size_t m = strlen(lit);
    return m == n && memcmp(s, lit, n) == 0;
}

static inline int eq_nocase(const char *s, size_t n, const char *lit)
{
    if (strlen(lit) != n)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (to_lower(s[i]) != to_lower(lit[i]))
            return 0;
    return 1;
}

static inline int all_digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!is_digit(s[i]))
            return 0;
    return n > 0;
}

/* Is s[0..n) one of list[0..count) (unsorted; small lists)? */
static inline int in_list(const char *const *list, size_t count, const char *s, size_t n,
                          int nocase)
{
    for (size_t i = 0; n > 0 && i < count; i++)
        if (nocase ? eq_nocase(s, n, list[i]) : eq(s, n, list[i]))
            return 1;
    return 0;
}

typedef struct nr_tok {
    const char *s; /* the whole token */
    size_t n;
    size_t ln; /* leading punctuation */
    size_t cn; /* the core, at s + ln; the trail follows it */
} nr_tok;

#define CORE(t) ((t)->s + (t)->ln)
#define TRAIL(t) ((t)->s + (t)->ln + (t)->cn)
#define TLEN(t) ((t)->n - (t)->ln - (t)->cn)

#define NR_WIN 5

typedef struct nr_ctx {
    const nr_lang_rules *rules; /* the language (src/lang/) */
    const char *tag;            /* its tag as given ("es-MX"): regional choices */
    const char *text;           /* the whole cleaned sentence */
    size_t text_len;
    const char *p, *end;
    nr_tok win[NR_WIN];
    int nwin;
    nr_tok prev, prev2;
    int has_prev, has_prev2;
    int day_first;  /* "12/03/2024" is the 12th of March (en-GB and others) */
    int title_case; /* a headline (capitals tell nothing); -1 until a language's rules ask */
    nr_buf *out;
} nr_ctx;

/* s[0..n) (no space) as a token. */
void nr_make_tok(nr_tok *t, const char *s, size_t n);
/* The k-th token from the current one (0), or NULL past the end or the window. */
const nr_tok *nr_peek(nr_ctx *c, int k);
/* The token before the current one, and the one before that, or NULL. */
const nr_tok *nr_prev(const nr_ctx *c);
const nr_tok *nr_prev2(const nr_ctx *c);
/* Does the trail start with one period (not an ellipsis)? */
int nr_has_period(const nr_tok *t);
/* Start a token's output (a space, its lead); end it with its trail, without
** its period when drop_period. */
void nr_begin(nr_ctx *c, const nr_tok *t);
void nr_finish(nr_ctx *c, const nr_tok *t, int drop_period);
/* Words, and a token copied as it is. */
void nr_word(nr_ctx *c, const char *w);
void nr_word_n(nr_ctx *c, const char *w, size_t n);
void nr_emit_raw(nr_ctx *c, const nr_tok *t);
/* Does the token start a new sentence (a capitalized sentence opener)? */
int nr_starts_sentence(const nr_ctx *c, const nr_tok *t);
/* Is the token a capitalized word that may be a name ("Elm", "Charles")? */
int nr_is_name(const nr_ctx *c, const nr_tok *t);
/* Keep an abbreviation's period at token idx?  Only at the end of the
** sentence, or when the next token plainly starts a new one. */
int nr_keeps_period(nr_ctx *c, int idx);

/* Says the amount s[0..n) ([-]digits with the language's separators) in words,
** where espeak-ng would misread its digits; NULL: the digits are left to it. */
typedef void nr_say_number_fn(nr_ctx *c, const char *s, size_t n);

/* Roman numerals [IVXL] up to 89 in canonical form; 0 if not one. */
int nr_roman_value(const char *s, size_t n);
/* The token as a plain number of digits up to max (no lead, any trail), or -1. */
int nr_small_number(const nr_tok *t, long max);
/* The length of an amount at s: [-]digits with "." and "," between digits; 0 if none. */
size_t nr_amount_len(const char *s, size_t n);

/* Append s to the words in w[0..cap): glued ("venti" + "tre", "ein" + "und"), or
** as a word of its own (a space before it unless w is empty or ends in one). */
void nr_cat(char *w, size_t cap, const char *s);
void nr_cat_word(char *w, size_t cap, const char *s);
/* Digits with "." between thousands ("1.250.000"), up to nine digits, no
** leading zero: the value, or -1. */
long nr_dotted_value(const char *s, size_t n);
/* "[-]1.250,5": the whole part's value (-1: no number as written), *minus and
** the decimals' value in *decimals (-1 when none).  zero_decimals: may the
** decimals start with "0" ("2,05"), for a language that says its zeros. */
long nr_decimal_value(const char *s, size_t n, int zero_decimals, int *minus, long *decimals);
/* The current token as an amount, "5%" or "5 %" (no lead): the amount's
** length in *n and the last token used in *last; 1 with a percent sign, 0
** without, -1 when the token is none. */
int nr_amount_percent(nr_ctx *c, size_t *n, const nr_tok **last);
/* Is the word after a number feminine by its "-a"/"-as" (Spanish, Portuguese),
** unless it is one of masculine[0..count)? */
int nr_feminine_a(const nr_tok *t, const char *const *masculine, size_t count);


/* A unit after a number, in a language's words ("km": "kilómetro", "kilómetros"). */
typedef struct nr_unit {
    const char *key, *one, *many; /* key: as written, case exact */
    int feminine;
} nr_unit;

/* "20 km", "20km", "1 km" -> the amount (for "1" the language's "one" in the
** unit's gender), then the unit's word; tokens used, or 0. */
int nr_say_unit(nr_ctx *c, const nr_unit *units, size_t count, const char *one_m,
                const char *one_f, nr_say_number_fn *number);

/* Ordinal words of a language whose ordinals are words of their own
** ("vigésimo primero"): 1..9, 10..90, 11..19 (NULL: tens then ones), 100. */
typedef struct nr_ordinals {
    const char *const *ones, *const *tens, *const *teens;
    const char *hundred;
} nr_ordinals;

/* "2.º", "3.ª", "1.er", "4°", "2º": the value (1..999), *feminine ("ª"),
** *apocope ("er": "primer", "tercer"); 0 if s[0..n) is none. */
long nr_ordinal_mark(const char *s, size_t n, int *feminine, int *apocope);
/* Words for v (1..100), masculine, feminine (final "o" made "a") or cut
** ("primer"); 0 if v is out of range. */
int nr_say_ordinal(nr_ctx *c, const nr_ordinals *o, long v, int feminine, int apocope);

/* A value said in words, in the form a language uses alone (masculine, full). */
typedef void nr_say_value_fn(nr_ctx *c, long v);
/* A Roman numeral after a name or a century word (century[0], its plural
** century[1], any case): "Felipe VI" as an ordinal up to ten, feminine after
** one of queens ("Isabel II"); beyond ten and after a century word a
** cardinal ("Alfonso XIII", "siglo XXI"); 1, or 0 if the token is none. */
int nr_say_regnal(nr_ctx *c, const char *const century[2], const nr_ordinals *o,
                  const char *const *queens, size_t queen_count, nr_say_value_fn *cardinal);

/* "2010-2015", "3-1": "2010 <to> 2015" (numbers said by number, or as
** written); 1, or 0 if the token is none. */
int nr_say_range(nr_ctx *c, const char *to, nr_say_number_fn *number);

/* "1:05:30": hours, minutes and seconds in words. */
typedef struct nr_duration {
    const char *hour, *hours, *minute, *minutes, *second, *seconds, *and;
    const char *one_m, *one_f; /* "1" before them ("un minuto", "una hora") */
    int hour_feminine;
} nr_duration;
int nr_say_duration(nr_ctx *c, const nr_duration *w);

/* A phone number in groups ("0800 123 456"; "555 123" after "Tel."): its
** digits one by one (or pairs, when said in pairs: French), a pause between
** groups; tokens used, or 0. */
int nr_say_phone(nr_ctx *c, const char *const digits[10], nr_say_number_fn *pairs);

/* "12/03/2024" (sep '/'), "12.03.2024" (sep '.'), "2024-03-12": day, month, year; 0 if none. */
int nr_numeric_date(const char *s, size_t n, char sep, long *d, long *m, long *y);

/* Money in a language (its file's table): currencies, how "1" and cents are said. */
typedef struct nr_currency {
    const char *sym, *one, *many; /* "€", "euro", "euros"; longest symbols first */
    int feminine;                 /* "una libra", "une livre" */
} nr_currency;

typedef struct nr_money {
    const nr_currency *currencies;
    size_t count;
    const char *one_m, *one_f; /* "1" before a currency: "un", "una" */
    char decimal_point;        /* ',' */
    const char *cents_link;    /* between units and cents: "con" ("3 euros con 50"); "" none */
    const char *cent;          /* "0,92 €": "92 Cent"; NULL: left as written */
    nr_words scales;           /* scale words after an amount, sorted: "millones", "Mio" */
    const char *of, *of_vowel; /* after a scale: "de", "d'" before a vowel; NULL none */
    const char *no_of;         /* a scale word without it: Spanish "mil" */
    nr_say_number_fn *number;  /* the amount's digits (NULL: as written) */
} nr_money;

/* "€45", "45 €", "$3 millones", "3 Mio. €": the amount, then the currency
** word; tokens used, or 0. */
int nr_say_money(nr_ctx *c, const nr_money *m);
/* "&" as the language's "and"; 1, or 0 when the token has none. */
int nr_say_ampersand(nr_ctx *c, const char *and);
/* What no number rule of a language took: an abbreviation, initials, "&" as
** and, else the token as written; tokens used. */
int nr_say_word(nr_ctx *c, const char *and);

/* "U.S": single letters joined by periods; said as letters ("U S"). */
int nr_is_initialism(const char *s, size_t n);
void nr_say_initialism(nr_ctx *c, const char *s, size_t n);
/* Dotted initialisms ("U.S.") and initials ("J."): letters, no period left
** inside; 1, or 0 when the token is none. */
int nr_say_initials(nr_ctx *c);

/* An abbreviation of the language's table (src/lang/xx.c) at the current
** token (or the two "p. ej."), said as its spoken form when its flags allow;
** tokens used, or 0. */
int nr_say_abbreviation(nr_ctx *c);

#endif
