/* lexicon.h - pronunciation lexicons: whole-word replacements applied to spoken text. */
#ifndef NR_LEXICON_H
#define NR_LEXICON_H

#include "narrate.h"

/* Append the entries of the lexicon file at path to lex; an entry for a
** phrase already present replaces it.  Errors name the file and line. */
int nr_lexicon_load_into(narrate_lexicon *lex, const char *path, narrate_error *err);

/* Replace every whole-word occurrence of an entry's phrase in text (longest
** match first, case-sensitive when the phrase has a capital letter, else not).
** Returns a malloc'd string, or NULL when out of memory.  *phonemes is set
** when a replacement uses espeak-ng phoneme input [[...]]. */
char *nr_lexicon_apply(const narrate_lexicon *lex, const char *text, int *phonemes);

/* Add (or replace with) every entry of src. */
int nr_lexicon_add_all(narrate_lexicon *dst, const narrate_lexicon *src);

/* An empty lexicon, or NULL when out of memory. */
narrate_lexicon *nr_lexicon_new(void);

#endif
