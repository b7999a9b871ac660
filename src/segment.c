/* segment.c - sentence splitting: terminal punctuation minus known abbreviations. */
#include "segment.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

/* Words that end in a period without ending the sentence. */
static const char *const abbreviations[] = {
    "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "mt", "gen", "gov", "sen", "rep",
    "lt", "col", "capt", "sgt", "rev", "hon", "pres", "inc", "co", "corp", "ltd", "vs",
    "etc", "no", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
    "nov", "dec", "ave", "dept", "fig", "approx",
};

static int is_closer(unsigned char c)
{
    return c == '"' || c == '\'' || c == ')' || c == ']';
}

/* Length of a UTF-8 closing quote (” ’ » ) at s, or 0. */
static size_t closing_quote(const char *s)
{
    if (strncmp(s, "\xE2\x80\x9D", 3) == 0 || strncmp(s, "\xE2\x80\x99", 3) == 0)
        return 3;
    if (strncmp(s, "\xC2\xBB", 2) == 0)
        return 2;
    return is_closer((unsigned char)*s) ? 1 : 0;
}

/* Does the word ending just before the period at p look like an abbreviation? */
static int is_abbreviation(const char *text, const char *p)
{
    const char *w = p;
    while (w > text && (isalpha((unsigned char)w[-1]) || w[-1] == '.'))
        w--;
    size_t n = (size_t)(p - w);
    if (n == 1 && isupper((unsigned char)*w))
        return 1; /* an initial: "J. Smith" */
    if (memchr(w, '.', n))
        return 1; /* "U.S.", "e.g." */
    for (size_t i = 0; i < sizeof abbreviations / sizeof abbreviations[0]; i++)
        if (strlen(abbreviations[i]) == n && strncasecmp(w, abbreviations[i], n) == 0)
            return 1;
    return 0;
}

/* Can a sentence start at s?  Plain rule: an upper-case letter, a digit, an
** opening quote or bracket, or any non-ASCII character (other scripts). */
static int starts_sentence(const char *s)
{
    unsigned char c = (unsigned char)*s;
    return isupper(c) || isdigit(c) || c == '"' || c == '\'' || c == '(' || c == '[' || c >= 0x80;
}

/* If a sentence ends at i (at terminal punctuation), return the index just past
** it (after any closing quotes); else 0. */
static size_t sentence_end(const char *text, size_t i)
{
    size_t j = i;
    while (text[j] == '.' || text[j] == '!' || text[j] == '?')
        j++;
    size_t q;
    while ((q = closing_quote(text + j)) > 0)
        j += q;
    if (text[j] != ' ')
        return 0;
    if (text[i] == '.' && j == i + 1 && is_abbreviation(text, text + i))
        return 0;
    return starts_sentence(text + j + 1) ? j : 0;
}

int nr_segment(const char *text, const char *language, nr_sentence_fn fn, void *userdata)
{
    (void)language;
    size_t start = 0;
    for (size_t i = 0; text[i]; i++) {
        if (text[i] != '.' && text[i] != '!' && text[i] != '?')
            continue;
        size_t end = sentence_end(text, i);
        if (!end) {
            while (text[i + 1] == '.' || text[i + 1] == '!' || text[i + 1] == '?')
                i++;
            continue;
        }
        int rc = fn(text, start, end - start, userdata);
        if (rc)
            return rc;
        start = end + 1;
        i = end;
    }
    size_t len = strlen(text + start);
    return len ? fn(text, start, len, userdata) : 0;
}
