/* align.h - which words of a sentence as written each spoken word stands for. */
#ifndef NR_ALIGN_H
#define NR_ALIGN_H

#include <stddef.h>

typedef struct nr_text {
    const char *s;
    size_t len;
} nr_text;

typedef struct nr_span {
    size_t begin, end; /* bytes of the source */
} nr_span;

/*
** Map n spoken words, in order, to spans of the source sentence src (len
** bytes).  Spoken words that appear in the source (compared by letters and
** digits, ignoring case and punctuation) anchor the alignment; the words
** between two anchors ("three point five" between "pledged" and "billion")
** share the source words between them ("$3.5").  Spans never go backwards,
** lie within src and, when src holds any word, are never empty.  Linear in
** len + n.  Returns 0, or -1 when out of memory.
*/
int nr_align(const char *src, size_t len, const nr_text *words, size_t n, nr_span *out);

#endif
