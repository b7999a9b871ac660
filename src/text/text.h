/* text.h - UTF-8 repair and whitespace cleanup shared by the parser and the script. */
#ifndef NR_TEXT_H
#define NR_TEXT_H

#include <stddef.h>
#include <stdint.h>

/* A malloc'd, NUL-terminated copy of s[0..len) with every invalid UTF-8
** sequence replaced by U+FFFD, CR LF and lone CR turned into LF, and a
** leading byte-order mark dropped.  *outlen (if not NULL) gets its length.
** NULL when out of memory. */
char *nr_utf8_repair(const char *s, size_t len, size_t *outlen);

/* A malloc'd copy of valid UTF-8 s[0..len) fit to be spoken: control,
** format (zero-width, soft hyphen) and replacement characters removed, every
** run of white space (including no-break spaces) folded to one ASCII space,
** no leading or trailing space.  NULL when out of memory. */
char *nr_speakable(const char *s, size_t len);

/* Is code point cp white space (ASCII, no-break and other Unicode spaces,
** line and paragraph separators)? */
int nr_is_space(int32_t cp);

/* Length of the UTF-8 sequence starting at s (1 for anything odd). */
size_t nr_utf8_len(const char *s);

/* Is s[0..len) valid UTF-8? */
int nr_utf8_valid(const char *s, size_t len);

/* The largest n <= max such that s[0..n) ends on a character boundary. */
size_t nr_utf8_floor(const char *s, size_t max);

/* Copy the start of s into buf (size >= 8) for an error message: cut on a
** character boundary, with "…" when shortened. */
void nr_snippet(const char *s, char *buf, size_t size);

/* A malloc'd copy of s[0..len) with a terminating NUL, or NULL. */
char *nr_strndup(const char *s, size_t len);

#endif
