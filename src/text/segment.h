/* segment.h - splitting a paragraph into sentences. */
#ifndef NR_SEGMENT_H
#define NR_SEGMENT_H

#include <stddef.h>

/* Called for each sentence: text[start..start+len) of the paragraph. */
typedef int (*nr_sentence_fn)(const char *text, size_t start, size_t len, void *userdata);

/* Split a whitespace-folded paragraph into sentences and call fn for each, in
** order: spans trimmed of spaces, not overlapping, together covering every
** non-space byte.  A non-zero return from fn stops the split and is returned.
** The rules (segment.c) know abbreviations, initialisms, numbers, ellipses,
** quotes, lists, URLs and CJK full stops; the language tag ("en", "es-MX",
** NULL for English) selects the word lists of English, Spanish, French or
** German, and any other language gets the punctuation and shape rules alone.
** Linear time, no allocation, safe on any NUL-terminated input. */
int nr_segment(const char *paragraph, const char *language, nr_sentence_fn fn, void *userdata);

#endif
