/* lexicon.c - pronunciation lexicon files and whole-word, case-aware replacement. */
#include "lexicon.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

#include "error.h"
#include "infile.h"
#include "text.h"

#define LINE_MAX_BYTES 1024

typedef struct {
    char *phrase;
    char *replacement;
    size_t len;      /* of phrase */
    int exact_case;  /* the phrase has a capital letter */
} entry;

struct narrate_lexicon {
    entry *entries;  /* sorted by first byte (folded), then longest first */
    size_t count, cap;
};

narrate_lexicon *nr_lexicon_new(void)
{
    return calloc(1, sizeof(narrate_lexicon));
}

void narrate_lexicon_free(narrate_lexicon *lex)
{
    if (!lex)
        return;
    for (size_t i = 0; i < lex->count; i++) {
        free(lex->entries[i].phrase);
        free(lex->entries[i].replacement);
    }
    free(lex->entries);
    free(lex);
}

size_t narrate_lexicon_count(const narrate_lexicon *lex)
{
    return lex ? lex->count : 0;
}

static int has_capital(const char *s)
{
    for (; *s; s++)
        if (isupper((unsigned char)*s))
            return 1;
    return 0;
}

/* Phoneme replacements are passed to espeak-ng verbatim: allow only what
** its phoneme mnemonics use, so a lexicon cannot smuggle in markup. */
static int valid_phonemes(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x21 || c > 0x7e || c == '[' || c == ']' || c == '<' || c == '>')
            if (c != ' ')
                return 0;
    }
    return len > 0;
}

static int add_entry(narrate_lexicon *lex, const char *phrase, const char *replacement)
{
    for (size_t i = 0; i < lex->count; i++)
        if (strcmp(lex->entries[i].phrase, phrase) == 0) {
            char *r = strdup(replacement);
            if (!r)
                return NARRATE_ENOMEM;
            free(lex->entries[i].replacement);
            lex->entries[i].replacement = r;
            return NARRATE_OK;
        }
    if (lex->count == lex->cap) {
        size_t ncap = lex->cap ? lex->cap * 2 : 32;
        entry *ne = realloc(lex->entries, ncap * sizeof *ne);
        if (!ne)
            return NARRATE_ENOMEM;
        lex->entries = ne;
        lex->cap = ncap;
    }
    entry *e = &lex->entries[lex->count];
    e->phrase = strdup(phrase);
    e->replacement = strdup(replacement);
    if (!e->phrase || !e->replacement) {
        free(e->phrase);
        free(e->replacement);
        return NARRATE_ENOMEM;
    }
    e->len = strlen(phrase);
    e->exact_case = has_capital(phrase);
    lex->count++;
    return NARRATE_OK;
}

static int fold(unsigned char c)
{
    return tolower(c);
}

static int by_first_then_longest(const void *a, const void *b)
{
    const entry *x = a, *y = b;
    int fx = fold((unsigned char)x->phrase[0]), fy = fold((unsigned char)y->phrase[0]);
    if (fx != fy)
        return fx - fy;
    return x->len < y->len ? 1 : x->len > y->len ? -1 : 0;
}

/* Parse "phrase = replacement" (or phrase TAB replacement); # starts a comment. */
static int parse_line(narrate_lexicon *lex, char *line, const char *path, int lineno,
                      narrate_error *err)
{
    line[strcspn(line, "\r\n")] = '\0';
    char *p = line + strspn(line, " \t");
    if (*p == '\0' || *p == '#')
        return NARRATE_OK;
    char *sep = strstr(p, " = ");
    size_t skip = 3;
    if (!sep && (sep = strchr(p, '\t')))
        skip = 1;
    if (!sep)
        return nr_fail(err, NARRATE_EINVAL, "expected 'phrase = replacement' on line %d of lexicon '%s'",
                       lineno, path);
    *sep = '\0';
    char *phrase = nr_speakable(p, strlen(p));
    char *replacement = nr_speakable(sep + skip, strlen(sep + skip));
    int rc = phrase && replacement ? NARRATE_OK : NARRATE_ENOMEM;
    size_t rlen = replacement ? strlen(replacement) : 0;
    int is_phonemes = rlen >= 4 && strncmp(replacement, "[[", 2) == 0 &&
                      strcmp(replacement + rlen - 2, "]]") == 0;
    if (rc == NARRATE_OK && (!*phrase || !*replacement))
        rc = nr_fail(err, NARRATE_EINVAL, "empty phrase or replacement on line %d of lexicon '%s'",
                     lineno, path);
    else if (rc == NARRATE_OK && is_phonemes && !valid_phonemes(replacement + 2, rlen - 4))
        rc = nr_fail(err, NARRATE_EINVAL, "bad phonemes on line %d of lexicon '%s'", lineno, path);
    else if (rc == NARRATE_OK && !is_phonemes && (strstr(replacement, "[[") || strstr(replacement, "]]")))
        rc = nr_fail(err, NARRATE_EINVAL, "stray [[ or ]] on line %d of lexicon '%s'", lineno, path);
    else if (rc == NARRATE_OK)
        rc = add_entry(lex, phrase, replacement);
    if (rc == NARRATE_ENOMEM)
        nr_fail(err, rc, "out of memory reading lexicon '%s'", path);
    free(phrase);
    free(replacement);
    return rc;
}

int nr_lexicon_load_into(narrate_lexicon *lex, const char *path, narrate_error *err)
{
    FILE *f = nr_fopen_regular(path, NARRATE_EIO, "lexicon", err);
    if (!f)
        return NARRATE_EIO;
    char line[LINE_MAX_BYTES];
    int lineno = 0, rc = NARRATE_OK;
    while (rc == NARRATE_OK && fgets(line, sizeof line, f)) {
        lineno++;
        if (!strchr(line, '\n') && !feof(f))
            rc = nr_fail(err, NARRATE_EINVAL, "line %d longer than %d bytes in lexicon '%s'", lineno,
                         LINE_MAX_BYTES - 2, path);
        else if (lineno == 1 && strncmp(line, "\xEF\xBB\xBF", 3) == 0)
            rc = parse_line(lex, line + 3, path, lineno, err);
        else
            rc = parse_line(lex, line, path, lineno, err);
    }
    if (rc == NARRATE_OK && ferror(f))
        rc = nr_fail_errno(err, NARRATE_EIO, errno, "cannot read lexicon '%s'", path);
    fclose(f);
    /* Sorted once here, so that applying never writes: lexicons are shared by threads. */
    if (lex->count)
        qsort(lex->entries, lex->count, sizeof *lex->entries, by_first_then_longest);
    return rc;
}

int nr_lexicon_add_all(narrate_lexicon *dst, const narrate_lexicon *src)
{
    int rc = NARRATE_OK;
    for (size_t i = 0; src && i < src->count && rc == NARRATE_OK; i++)
        rc = add_entry(dst, src->entries[i].phrase, src->entries[i].replacement);
    if (dst->count)
        qsort(dst->entries, dst->count, sizeof *dst->entries, by_first_then_longest);
    return rc;
}

narrate_lexicon *narrate_lexicon_load(const char *path, narrate_error *err)
{
    narrate_lexicon *lex = nr_lexicon_new();
    if (!lex) {
        nr_fail(err, NARRATE_ENOMEM, "out of memory reading lexicon '%s'", path ? path : "(null)");
        return NULL;
    }
    if (!path) {
        nr_fail(err, NARRATE_EINVAL, "no lexicon path '%s'", "(null)");
    } else if (nr_lexicon_load_into(lex, path, err) == NARRATE_OK) {
        return lex;
    }
    narrate_lexicon_free(lex);
    return NULL;
}

/* Is the byte at s (or the character ending just before it) part of a word? */
static int word_char_at(const char *s)
{
    utf8proc_int32_t cp;
    if (utf8proc_iterate((const utf8proc_uint8_t *)s, 4, &cp) < 1)
        return 0;
    utf8proc_category_t c = utf8proc_category(cp);
    return cp == '\'' || (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO) ||
           c == UTF8PROC_CATEGORY_ND || c == UTF8PROC_CATEGORY_MN;
}

static int word_char_before(const char *start, const char *s)
{
    if (s == start)
        return 0;
    const char *p = s - 1;
    while (p > start && ((unsigned char)*p & 0xC0) == 0x80)
        p--;
    return word_char_at(p);
}

/* The entry matching whole-word at s, or NULL. */
static const entry *match_at(const narrate_lexicon *lex, const char *start, const char *s,
                             size_t first, size_t last)
{
    if (word_char_before(start, s))
        return NULL;
    for (size_t i = first; i < last; i++) {
        const entry *e = &lex->entries[i];
        int same = e->exact_case ? strncmp(s, e->phrase, e->len) == 0
                                 : strncasecmp(s, e->phrase, e->len) == 0;
        if (same && !word_char_at(s + e->len))
            return e;
    }
    return NULL;
}

char *nr_lexicon_apply(const narrate_lexicon *lex, const char *text, int *phonemes)
{
    if (!lex || lex->count == 0)
        return strdup(text);
    size_t first[257] = { 0 };
    for (size_t i = 0, c = 0; c < 257; c++) {
        while (i < lex->count && fold((unsigned char)lex->entries[i].phrase[0]) < (int)c)
            i++;
        first[c] = i;
    }
    size_t cap = strlen(text) + 1, len = 0;
    char *out = malloc(cap);
    for (const char *s = text; out && *s;) {
        int c = fold((unsigned char)*s);
        const entry *e = match_at(lex, text, s, first[c], first[c + 1]);
        const char *add = e ? e->replacement : s;
        size_t n = e ? strlen(e->replacement) : 1;
        if (len + n + 1 > cap) {
            char *no = realloc(out, cap = (len + n + 1) * 2);
            if (!no) {
                free(out);
                return NULL;
            }
            out = no;
        }
        memcpy(out + len, add, n);
        len += n;
        if (e && phonemes && e->replacement[0] == '[')
            *phonemes = 1;
        s += e ? e->len : 1;
    }
    if (out)
        out[len] = '\0';
    return out;
}
