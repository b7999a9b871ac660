/* en.h - what the English files (en.c, en_numbers.c, en_words.c, en_rules.c) share. */
#ifndef NR_LANG_EN_H
#define NR_LANG_EN_H

#include "lang.h"
#include "norm.h"

/* How "a.m." and "p.m." are written out: espeak-ng reads "a m" as "uh em" (en.c has the same). */
#define EN_AM "AM"
#define EN_PM "PM"

/* en_numwords.c: English number words (nr_num_*). */
/* Cardinals read in full up to this many digits (999 quintillion). */
#define NR_NUM_MAX_DIGITS 21

/*
** Each function below appends words for the ASCII digit string d[0..n) (n > 0,
** digits only).  Digit strings longer than NR_NUM_MAX_DIGITS, and those with a
** leading zero (other than "0" itself), are read digit by digit ("zero zero
** seven"): linear in n, no arithmetic, so no overflow.
*/

/* "1200" -> "one thousand two hundred"; "21" -> "twenty-one"; "0" -> "zero". */
void nr_num_cardinal(nr_buf *b, const char *d, size_t n);

/* "102" -> "one hundred second"; "21" -> "twenty-first". */
void nr_num_ordinal(nr_buf *b, const char *d, size_t n);

/* One word per digit: "314" -> "three one four". */
void nr_num_digits(nr_buf *b, const char *d, size_t n);

/* A year: "1945" -> "nineteen forty-five", "2000" -> "two thousand",
** "2005" -> "two thousand five", "2024" -> "twenty twenty-four", "1900" ->
** "nineteen hundred", "1905" -> "nineteen oh five".  Numbers that are not
** four digits from 1000 to 2099 are read as cardinals. */
void nr_num_year(nr_buf *b, const char *d, size_t n);

/* The last word written at or after b->s[from] made ordinal ("one" ->
** "first", "twenty" -> "twentieth") or plural ("nineties", "hundreds"). */
void nr_num_ordinalize(nr_buf *b, size_t from);
void nr_num_pluralize(nr_buf *b, size_t from);

/* A number as written: [sign] digits [,ddd]... [.digits], or .digits. */
typedef struct {
    int sign;        /* -1 "-", +1 "+", 0 none */
    const char *ip;  /* integer digits (with the commas when grouped) */
    size_t il;
    int grouped;     /* thousands separators */
    const char *fp;  /* fraction digits */
    size_t fl;
    size_t len;      /* characters consumed */
} en_num;

/* A time: hour 0..24, minutes 00..59 (two digits), optional seconds. */
typedef struct {
    long h, mm, ss; /* ss < 0: none */
    size_t len;
} en_time;

typedef struct {
    const char *key, *one, *many;
} en_unit;

typedef struct {
    const char *ch;
    int num, den;
} en_fraction;

extern const en_unit en_units[];
extern const en_fraction en_vulgar[];
extern const char *const en_months[12];

/* en_numbers.c */
int en_is_function_word(const char *s, size_t n);
int en_year_cue(const char *s, size_t n);
int en_month(const char *s, size_t n, int *abbrev);
size_t en_parse_num(const char *s, size_t n, en_num *m, int allow_sign);
long en_int_value(const en_num *m);
int en_is_one(const en_num *m);
void en_say_int(nr_ctx *c, const en_num *m);
void en_say_num(nr_ctx *c, const en_num *m);
void en_say_year(nr_ctx *c, const char *d, size_t n);
void en_say_ordinal_digits(nr_ctx *c, const char *d, size_t n);
void en_say_ordinal(nr_ctx *c, const en_num *m);
int en_say_fraction(nr_ctx *c, long num, long den, int mixed);
int en_vulgar_at(const char *s, size_t n);
int en_unit_in(const nr_ctx *c, const char *s, size_t n, size_t *len);
const char *en_scale_at(const char *s, size_t n, size_t *len, int whole, int money);
int en_ampm_at(const char *s, size_t n, size_t *len);
int en_ampm_tok(const nr_tok *t);
size_t en_parse_time(const char *s, size_t n, en_time *t);
void en_say_small(nr_ctx *c, long v);
void en_say_time(nr_ctx *c, const en_time *t, int ampm);
int en_article_before(const nr_ctx *c);

/* en_words.c */
void en_part(nr_ctx *c, const char *s, size_t n);
void en_core(nr_ctx *c, const char *s, size_t n);
int en_web(nr_ctx *c, const nr_tok *t);
int en_state(nr_ctx *c);
int en_abbreviation(nr_ctx *c);

/* en_rules.c: the language's normalize hook */
int en_normalize(nr_ctx *c);

#endif
