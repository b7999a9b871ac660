/* numbers.h - the growable string words are written to, and the value of a digit string. */
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

/* The value of a digit string of at most 9 digits; -1 if longer or empty. */
long nr_num_value(const char *d, size_t n);

#endif
