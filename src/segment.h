/* segment.h - splitting a paragraph into sentences. */
#ifndef NR_SEGMENT_H
#define NR_SEGMENT_H

#include <stddef.h>

/* Called for each sentence: text[start..start+len) of the paragraph. */
typedef int (*nr_sentence_fn)(const char *text, size_t start, size_t len, void *userdata);

/* Split a whitespace-folded paragraph into sentences and call fn for each, in
** order.  A non-zero return from fn stops the split and is returned.  The
** rules are plain for now (terminal punctuation, a short abbreviation list,
** single initials); the language tag selects rule tables where they exist. */
int nr_segment(const char *paragraph, const char *language, nr_sentence_fn fn, void *userdata);

#endif
