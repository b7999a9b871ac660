/* article.h - the parsed article (private layout of narrate_article). */
#ifndef NR_ARTICLE_H
#define NR_ARTICLE_H

#include "narrate.h"

struct narrate_article {
    char *id;          /* NULL when absent */
    char *title;
    char *author;
    char *language;    /* the language it is read in: declared, or detected (see langid.h) */
    narrate_language_source language_source;
    char *voice;
    char **paragraphs; /* whitespace-folded, non-empty */
    int *levels;       /* per paragraph: 0 body text, 1..6 a heading of that level */
    size_t count, cap;
    narrate_note *notes; /* HTML: how the body was chosen */
    size_t nnotes, notes_cap;
};

/* Building an article from any input format (text, HTML, JSON). */

narrate_article *nr_article_new(void);

/* Set "id", "title", "author", "language" or "voice" (case-insensitive) from
** len bytes of valid UTF-8, whitespace-folded; an empty value unsets it.
** NARRATE_EINVAL for another key. */
int nr_article_set(narrate_article *a, const char *key, const char *value, size_t len);

/* Add a paragraph (level 0) or heading (1..6) from len bytes of valid UTF-8,
** whitespace-folded; nothing is added if it is blank. */
int nr_article_add(narrate_article *a, const char *text, size_t len, int level);

/* Add a note; text[0..len) is folded and cut to its start.  The strings are
** copied. */
int nr_article_note(narrate_article *a, narrate_note_kind kind, const char *element,
                    const char *reason, const char *text, size_t len);

/* Check the finished article (a body, a sane language tag); on failure fill
** err naming the article as `name` and free it. */
narrate_article *nr_article_finish(narrate_article *a, const char *name, narrate_error *err);

/* Settle a finished article's language (langid.h): input.c does, once the
** parser is done, with the classifier's answers remembered under memo_dir
** (a cache directory; NULL: none).  NARRATE_OK or NARRATE_ENOMEM. */
int nr_article_identify(narrate_article *a, const char *memo_dir);

/* A finished article from plain text: valid UTF-8 with LF line ends (input.c
** repairs it first), or NULL with err filled; name: the input's, for messages. */
narrate_article *nr_parse_text(const char *text, size_t len, const char *name, narrate_error *err);

#endif
