/* fuzz_json.c - libFuzzer target: JSON articles (body or html), then the script. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    narrate_error err;
    narrate_article *a =
        narrate_article_parse_as((const char *)data, size, NARRATE_INPUT_JSON, &err);
    fuzz_check_article(a, &err);
    narrate_article_free(a);
    return 0;
}
