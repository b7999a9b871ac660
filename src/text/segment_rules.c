/* segment_rules.c - which language's word lists apply, and looking words up in them.
**
** The lists themselves are in src/lang/, one file per language (English in
** depth, Spanish, French, German, Italian, Portuguese); a language without
** one gets an empty fallback (punctuation and shape rules only).  Adding a
** language is adding its file and a row to tags[] below.
**
** Every table is sorted by nr_rules_cmp (ASCII case folded, then bytes) and
** searched by bisection; tests/unit/test_segment.c checks the order, so keep
** it when adding entries.  Several-word keys are written one space apart,
** as in the text ("z. B" matches "z. B.").  The kinds are documented in
** segment_rules.h. */
#include "segment_rules.h"

#include <string.h>

#include "lang/lang.h"

/* ------------------------------------------------------ fallback */
static const nr_lang_rules rules_fallback = {
    "", NO_ABBRS, 0, 0, NO_ABBRS, NO_WORDS, NO_WORDS, NO_WORDS, NO_WORDS, NO_WORDS, NR_QUOTES_EN, NULL, NULL,
};

const nr_lang_rules *const nr_all_rules[] = {
    &nr_lang_en, &nr_lang_es, &nr_lang_fr, &nr_lang_de, &nr_lang_it, &nr_lang_pt, &rules_fallback, NULL,
};

static int fold(unsigned char c)
{
    return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

static inline int cmp(const char *s, size_t n, const char *key)
{
    for (size_t i = 0; i < n; i++) {
        if (!key[i])
            return 1;
        int d = fold((unsigned char)s[i]) - fold((unsigned char)key[i]);
        if (d)
            return d;
    }
    return key[n] ? -1 : 0;
}

/* Language tags: ISO 639-1 and the 639-2 codes espeak-ng voices also use. */
static const struct {
    const char *tag;
    const nr_lang_rules *rules;
} tags[] = {
    { "de", &nr_lang_de }, { "deu", &nr_lang_de }, { "en", &nr_lang_en }, { "eng", &nr_lang_en },
    { "es", &nr_lang_es }, { "fr", &nr_lang_fr }, { "fra", &nr_lang_fr }, { "fre", &nr_lang_fr },
    { "ger", &nr_lang_de }, { "it", &nr_lang_it }, { "ita", &nr_lang_it }, { "por", &nr_lang_pt },
    { "pt", &nr_lang_pt }, { "spa", &nr_lang_es },
};

const nr_lang_rules *nr_rules_for(const char *language)
{
    if (!language || !*language)
        return &nr_lang_en;
    size_t n = strcspn(language, "-_");
    for (size_t i = 0; i < sizeof tags / sizeof tags[0]; i++)
        if (cmp(language, n, tags[i].tag) == 0)
            return tags[i].rules;
    return &rules_fallback;
}

int nr_rules_cmp(const char *s, size_t n, const char *key)
{
    return cmp(s, n, key);
}

/* "MAR" for "Mar": a capitalized key in the capitals of a headline (three letters or more). */
static int shouted(const char *s, size_t n, const char *key)
{
    if (n < 3 || !(key[0] >= 'A' && key[0] <= 'Z'))
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!(s[i] >= 'A' && s[i] <= 'Z'))
            return 0;
    return 1;
}

const nr_abbr *nr_rules_abbr(const nr_lang_rules *r, const char *s, size_t n)
{
    for (size_t i = 0; i < r->suffix_count; i++) {
        const nr_abbr *a = &r->suffixes[i];
        size_t k = strlen(a->key);
        if (n > k && cmp(s + n - k, k, a->key) == 0)
            return a;
    }
    if (n > r->key_max)
        return NULL;
    size_t lo = 0, hi = r->abbr_count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = cmp(s, n, r->abbrs[mid].key);
        if (c == 0) {
            const nr_abbr *a = &r->abbrs[mid];
            return (a->flags & NR_AB_EXACT) && memcmp(s, a->key, n) != 0 && !shouted(s, n, a->key)
                       ? NULL
                       : a;
        }
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return NULL;
}

int nr_words_has(const nr_words *list, const char *s, size_t n)
{
    size_t lo = 0, hi = list->count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = cmp(s, n, list->words[mid]);
        if (c == 0)
            return 1;
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return 0;
}
