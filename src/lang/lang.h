/* lang.h - what each language's file (src/lang/xx.c) defines, and the macros they share. */
#ifndef NR_LANG_H
#define NR_LANG_H

#include "segment_rules.h"

#define WORDS(a) { a, sizeof a / sizeof a[0] }
#define NO_WORDS { NULL, 0 }
#define NO_ABBRS NULL, 0

extern const nr_lang_rules nr_lang_en, nr_lang_es, nr_lang_fr, nr_lang_de, nr_lang_it, nr_lang_pt;

struct nr_ctx;
/* The normalize hook of a language whose rules fill a file of their own. */
int de_normalize(struct nr_ctx *c);
int en_normalize(struct nr_ctx *c);

#endif
