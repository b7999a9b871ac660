/* en_numwords.c - English number words: cardinals, ordinals, years, digit by digit. */
#include <string.h>

#include "en.h"

/* ---------------------------------------------------------------- words */

static const char *const ones[20] = {
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen",
};

static const char *const tens[10] = {
    "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
};

static const char *const scales[] = {
    "", "thousand", "million", "billion", "trillion", "quadrillion", "quintillion",
};

/* 1..99 as one word: "seven", "forty-two". */
static void below_100(nr_buf *b, unsigned v)
{
    if (v < 20) {
        nr_buf_words(b, ones[v]);
        return;
    }
    char w[24];
    size_t n = strlen(tens[v / 10]);
    memcpy(w, tens[v / 10], n);
    if (v % 10) {
        w[n++] = '-';
        size_t m = strlen(ones[v % 10]);
        memcpy(w + n, ones[v % 10], m);
        n += m;
    }
    nr_buf_word(b, w, n);
}

/* 1..999. */
static void below_1000(nr_buf *b, unsigned v)
{
    if (v >= 100) {
        nr_buf_words(b, ones[v / 100]);
        nr_buf_words(b, "hundred");
    }
    if (v % 100)
        below_100(b, v % 100);
}


void nr_num_digits(nr_buf *b, const char *d, size_t n)
{
    for (size_t i = 0; i < n; i++)
        nr_buf_words(b, ones[d[i] - '0']);
}

void nr_num_cardinal(nr_buf *b, const char *d, size_t n)
{
    if (n > NR_NUM_MAX_DIGITS || (n > 1 && d[0] == '0')) {
        nr_num_digits(b, d, n);
        return;
    }
    if (n == 1 && d[0] == '0') {
        nr_buf_words(b, "zero");
        return;
    }
    /* Groups of three from the left; the first may be shorter. */
    size_t first = n % 3 ? n % 3 : 3;
    size_t groups = (n + 2) / 3;
    for (size_t g = 0, at = 0; g < groups; g++) {
        size_t len = g == 0 ? first : 3;
        unsigned v = (unsigned)nr_num_value(d + at, len);
        at += len;
        if (v) {
            below_1000(b, v);
            if (groups - 1 - g)
                nr_buf_words(b, scales[groups - 1 - g]);
        }
    }
}

void nr_num_ordinal(nr_buf *b, const char *d, size_t n)
{
    size_t from = b->len;
    nr_num_cardinal(b, d, n);
    nr_num_ordinalize(b, from);
}

void nr_num_year(nr_buf *b, const char *d, size_t n)
{
    long y = nr_num_value(d, n);
    if (n != 4 || y < 1000 || y > 2099) {
        nr_num_cardinal(b, d, n);
        return;
    }
    unsigned hi = (unsigned)(y / 100), lo = (unsigned)(y % 100);
    if (y >= 2000 && y <= 2009) {
        nr_buf_words(b, "two thousand");
        if (lo)
            below_100(b, lo);
        return;
    }
    below_100(b, hi);
    if (lo == 0)
        nr_buf_words(b, "hundred");
    else if (lo < 10) {
        nr_buf_words(b, "oh");
        below_100(b, lo);
    } else {
        below_100(b, lo);
    }
}

/* Start of the last word (after a space or hyphen) at or after from. */
static size_t last_word(const nr_buf *b, size_t from)
{
    size_t i = b->len;
    while (i > from && b->s[i - 1] != ' ' && b->s[i - 1] != '-')
        i--;
    return i;
}

void nr_num_ordinalize(nr_buf *b, size_t from)
{
    static const char *const irregular[][2] = {
        { "one", "first" }, { "two", "second" }, { "three", "third" }, { "five", "fifth" },
        { "eight", "eighth" }, { "nine", "ninth" }, { "twelve", "twelfth" },
    };
    if (b->oom || b->len == from)
        return;
    size_t w = last_word(b, from);
    const char *word = b->s + w;
    for (size_t i = 0; i < sizeof irregular / sizeof irregular[0]; i++) {
        if (strcmp(word, irregular[i][0]) == 0) {
            b->len = w;
            nr_buf_puts(b, irregular[i][1]);
            return;
        }
    }
    if (b->s[b->len - 1] == 'y') {
        b->len--;
        nr_buf_puts(b, "ieth");
    } else {
        nr_buf_puts(b, "th");
    }
}

void nr_num_pluralize(nr_buf *b, size_t from)
{
    if (b->oom || b->len == from)
        return;
    char last = b->s[b->len - 1];
    if (last == 'y') {
        b->len--;
        nr_buf_puts(b, "ies");
    } else if (last == 'x') {
        nr_buf_puts(b, "es");
    } else {
        nr_buf_puts(b, "s");
    }
}
