/* langid.h - the language an article is written in, told from its text (libexttextcat). */
#ifndef NR_LANGID_H
#define NR_LANGID_H

#include <stddef.h>

/* Text shorter than this, or of fewer words, is never classified: n-gram
** statistics of a few words (or of one endless token) guess wrong too often. */
#define NR_LANGID_MIN_BYTES 160
#define NR_LANGID_MIN_WORDS 12

/* What the classifier made of a text. */
typedef struct nr_langid {
    char language[16]; /* the best candidate espeak-ng speaks: its primary subtag ("es", "zh") */
    int candidates;    /* how many languages scored close to the best: 1 means sure */
} nr_langid;

/* Classify text[0..len) (UTF-8; only the first few KB are read).  Returns 1
** with *out filled, 0 when the text is too short, unlike any language known
** or only like ones espeak-ng cannot speak, or the classifier cannot load its
** models (then never again).
** Thread-safe. */
int nr_langid_classify(const char *text, size_t len, nr_langid *out);

/* Do two primary subtags name one language as far as telling them apart
** from text goes ("nb" and "no"; "sr", "hr" and "bs"; "zh" and "cmn")? */
int nr_langid_same(const char *a, const char *b);

/* Does the classifier have a model for this language (else it cannot tell
** that a text is not in it)? */
int nr_langid_known(const char *lang);

#endif
