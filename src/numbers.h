/* numbers.h - English number words, and the growable string they are written to. */
#ifndef NR_NUMBERS_H
#define NR_NUMBERS_H

#include <stddef.h>

/* A growable NUL-terminated string.  Zero-initialize it.  After an allocation
** failure oom is set and further writes are dropped, so callers check once at
** the end.  Words are separated by one space unless glue is set: the next
** word then attaches to what precedes it (after an opening quote, say). */
typedef struct nr_buf {
    char *s;
    size_t len, cap;
    int oom;
    int glue;
} nr_buf;

/* Append n bytes as they are. */
void nr_buf_put(nr_buf *b, const char *s, size_t n);
void nr_buf_puts(nr_buf *b, const char *s);
void nr_buf_putc(nr_buf *b, char c);

/* Append a word: a space first unless the buffer is empty, ends in a space,
** or glue is set (glue is then cleared). */
void nr_buf_word(nr_buf *b, const char *s, size_t n);
void nr_buf_words(nr_buf *b, const char *s);

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

/* The value of a digit string of at most 9 digits; -1 if longer or empty. */
long nr_num_value(const char *d, size_t n);

#endif
