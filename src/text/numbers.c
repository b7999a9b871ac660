/* numbers.c - the growable string words are written to, and the value of a digit string. */
#include "numbers.h"

#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------- nr_buf */

static int reserve(nr_buf *b, size_t extra)
{
    if (b->oom)
        return 0;
    if (b->len + extra + 1 <= b->cap)
        return 1;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < b->len + extra + 1) {
        if (cap > ((size_t)-1) / 2) {
            b->oom = 1;
            return 0;
        }
        cap *= 2;
    }
    char *s = realloc(b->s, cap);
    if (!s) {
        b->oom = 1;
        return 0;
    }
    b->s = s;
    b->cap = cap;
    return 1;
}

void nr_buf_put(nr_buf *b, const char *s, size_t n)
{
    if (!reserve(b, n))
        return;
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
}

void nr_buf_puts(nr_buf *b, const char *s)
{
    nr_buf_put(b, s, strlen(s));
}

void nr_buf_putc(nr_buf *b, char c)
{
    nr_buf_put(b, &c, 1);
}

void nr_buf_word(nr_buf *b, const char *s, size_t n)
{
    if (!b->glue && b->len > 0 && b->s[b->len - 1] != ' ')
        nr_buf_putc(b, ' ');
    b->glue = 0;
    nr_buf_put(b, s, n);
}

void nr_buf_words(nr_buf *b, const char *s)
{
    nr_buf_word(b, s, strlen(s));
}

long nr_num_value(const char *d, size_t n)
{
    if (n == 0 || n > 9)
        return -1;
    long v = 0;
    for (size_t i = 0; i < n; i++)
        v = v * 10 + (d[i] - '0');
    return v;
}
