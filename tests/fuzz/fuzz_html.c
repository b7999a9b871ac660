/* fuzz_html.c - libFuzzer target: HTML articles through libxml2's parser and our walk, then the script. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    narrate_error err;
    narrate_article *a =
        narrate_article_parse_as((const char *)data, size, NARRATE_INPUT_HTML, &err);
    fuzz_check_article(a, &err);
    narrate_article_free(a);
    return 0;
}
