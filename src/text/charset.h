/* charset.h - an HTML page's bytes as UTF-8: its declared charset, else UTF-8 or windows-1252. */
#ifndef NR_CHARSET_H
#define NR_CHARSET_H

#include <stddef.h>

/* The page as valid UTF-8 (malloc'd, NUL-terminated, length in *outlen):
** when sniff, in the charset its first <meta charset> or <meta http-equiv>
** declares (as browsers read labels: Latin-1 means windows-1252), else, if
** most of its bytes above ASCII are not UTF-8, windows-1252 (what browsers
** assume of an undeclared Western page); otherwise UTF-8 with invalid
** sequences replaced by U+FFFD.  NULL when out of memory. */
char *nr_charset_decode(const char *data, size_t len, int sniff, size_t *outlen);

#endif
