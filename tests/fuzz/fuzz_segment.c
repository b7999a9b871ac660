/* fuzz_segment.c - libFuzzer target: the sentence splitter and the normalizer on one paragraph. */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "normalize.h"
#include "segment.h"

typedef struct split {
    const char *text;
    const char *language;
    size_t end;      /* where the previous sentence ended */
} split;

static int is_space(char c)
{
    return c == ' ';
}

/* Spans in order, trimmed, not overlapping, and nothing but spaces between them. */
static int on_sentence(const char *text, size_t start, size_t len, void *userdata)
{
    split *s = userdata;
    if (text != s->text || len == 0 || start < s->end)
        fuzz_fail("sentence span out of order or empty", text + start);
    if (is_space(text[start]) || is_space(text[start + len - 1]))
        fuzz_fail("sentence span not trimmed", text + start);
    for (size_t i = s->end; i < start; i++)
        if (!is_space(text[i]))
            fuzz_fail("a byte left out of every sentence", text + i);
    s->end = start + len;
    char *sentence = strndup(text + start, len);
    char *spoken = sentence ? nr_normalize(sentence, s->language) : NULL;
    if (spoken) {
        fuzz_check_utf8(spoken, "normalized text");
        if (strstr(spoken, "[[") || strpbrk(spoken, "<>{}"))
            fuzz_fail("markup in normalized text", spoken);
        /* Linear output: "a small constant times the input" (header). */
        if (strlen(spoken) > 64 * len + 256)
            fuzz_fail("normalized text out of proportion", sentence);
    }
    free(spoken);
    free(sentence);
    return 0;
}

/* The first byte picks the language; the rest is the paragraph, folded as articles fold it. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const languages[] = { NULL, "en", "en-GB", "es", "fr", "de", "ja", "es-MX",
                                              "it", "pt", "pt-BR" };
    if (size < 1)
        return 0;
    narrate_error err;
    narrate_article *a = narrate_article_parse_as((const char *)data + 1, size - 1,
                                                  NARRATE_INPUT_TEXT, &err);
    if (!a)
        return 0;
    const char *language = languages[data[0] % (sizeof languages / sizeof *languages)];
    for (size_t i = 0; i < narrate_article_paragraph_count(a); i++) {
        split s = { narrate_article_paragraph(a, i), language, 0 };
        nr_segment(s.text, language, on_sentence, &s);
        for (size_t j = s.end; s.text[j]; j++)
            if (!is_space(s.text[j]))
                fuzz_fail("the paragraph's end left out of every sentence", s.text + j);
    }
    narrate_article_free(a);
    return 0;
}
