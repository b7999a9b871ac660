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
** or only like ones espeak-ng cannot speak, -1 when the classifier cannot load
** its models (then never again).
** Thread-safe. */
int nr_langid_classify(const char *text, size_t len, nr_langid *out);

/* How much of text[0..len) the classifier reads: 0 when it is too short to
** be classified at all (NR_LANGID_MIN_BYTES, NR_LANGID_MIN_WORDS). */
size_t nr_langid_sample(const char *text, size_t len);

/* The classifier's own answer for text[0..len) (a sample: see above), e.g.
** "[en--utf8][sco--utf8]", "UNKNOWN" or "SHORT", into answer; 0, or -1 when
** the classifier cannot load its models. */
#define NR_LANGID_ANSWER_MAX 1024 /* libexttextcat's MAXOUTPUTSIZE */
int nr_langid_answer(const char *text, size_t len, char answer[NR_LANGID_ANSWER_MAX]);

/* What an answer says: 1 with *out filled when one of its languages is one
** espeak-ng speaks, else 0 (*out->candidates still counted). */
int nr_langid_parse(const char *answer, nr_langid *out);

/* nr_langid_classify, with its verdict remembered in cache_dir (a cache
** directory, under lang/; NULL: nothing remembered) so that a text seen
** before needs no classifier: loading its 160 models takes longer than the
** rest of a cache hit (langmemo.c).  The answer is the same either way. */
int nr_langid_classify_memo(const char *text, size_t len, const char *cache_dir, nr_langid *out);

/* A memo in use is touched once in this long: cache pruning removes those
** untouched for this long before the least recently used entry it keeps. */
#define NR_LANGMEMO_TOUCH_S 86400

/* Do two primary subtags name one language as far as telling them apart
** from text goes ("nb" and "no"; "sr", "hr" and "bs"; "zh" and "cmn")? */
int nr_langid_same(const char *a, const char *b);

/* Does the classifier have a model for this language (else it cannot tell
** that a text is not in it)? */
int nr_langid_known(const char *lang);

#endif
