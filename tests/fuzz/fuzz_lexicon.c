/* fuzz_lexicon.c - libFuzzer target: pronunciation lexicons, loaded and then applied. */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "lexicon.h"

/* Text the lexicon is applied to: fixed news words, then the fuzzed file itself. */
static const char sample[] =
    "Zelenskyy met Netanyahu and Macron in Kyiv; the NASA and NATO chiefs, Ms. Nguyen and "
    "Dr. Okonkwo, spoke at 3 p.m. about GIF files, gif and Gif.";

static void apply(const narrate_lexicon *lex, const char *text)
{
    int phonemes = 0;
    char *out = nr_lexicon_apply(lex, text, &phonemes);
    if (out)
        fuzz_check_utf8(out, "lexicon output");
    free(out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    narrate_error err;
    narrate_lexicon *lex = narrate_lexicon_load(fuzz_file("fuzz.lex", data, size), &err);
    if (!lex) {
        fuzz_check_error(&err);
        return 0;
    }
    apply(lex, sample);
    char *text = strndup((const char *)data, size);
    if (text) {
        narrate_error ignored;
        narrate_article *a = narrate_article_parse_as(text, strlen(text), NARRATE_INPUT_TEXT, &ignored);
        for (size_t i = 0; a && i < narrate_article_paragraph_count(a); i++)
            apply(lex, narrate_article_paragraph(a, i));
        narrate_article_free(a);
    }
    free(text);
    narrate_lexicon_free(lex);
    return 0;
}
