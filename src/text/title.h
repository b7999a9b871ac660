/* title.h - chapter titles from headings and paragraphs, short enough for a player's list. */
#ifndef NR_TITLE_H
#define NR_TITLE_H

#include <stddef.h>

#define NR_CHAPTER_TITLE_CHARS 60 /* characters (grapheme clusters), "…" included */
#define NR_CHAPTER_TITLE_SIZE 256 /* a buffer only pathological text fills before 60 */

/* Fit text[0..len) into out (cap bytes with the NUL) as one line of at most
** max_chars characters: white space and control characters folded to single
** spaces, none at the ends, invalid UTF-8 replaced by U+FFFD.  Text that does
** not fit is cut at a word boundary (in a very long word, between characters)
** and ends in "…".  The result is always valid UTF-8; returns its length, 0
** when nothing is left (or cap < 4 and text had to be cut). */
size_t nr_title_clip(const char *text, size_t len, size_t max_chars, char *out, size_t cap);

/* A chapter title from a section heading or from the first sentence of a
** paragraph group (passing the whole group gives its first 60 characters). */
size_t nr_chapter_title(const char *text, size_t len, char *out, size_t cap);

#endif
