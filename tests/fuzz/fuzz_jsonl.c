/* fuzz_jsonl.c - libFuzzer target: `narrate batch` JSONL manifests: lines, ids, articles, dates. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "batch.h"
#include "fuzz.h"

/* What the feed makes of a "published" value: parsed, then printed both ways. */
static void check_date(const char *data, size_t len)
{
    json_t *root = json_loadb(data, len, 0, NULL);
    const char *pub = json_string_value(json_object_get(root, "published"));
    int64_t t;
    if (pub && batch_parse_date(pub, &t) == 0) {
        char rfc[40], iso[32];
        batch_rfc822(t, rfc);
        batch_iso8601(t, iso);
        int64_t back;
        if (batch_parse_date(iso, &back) < 0 || back != t)
            fuzz_fail("a printed date does not read back", iso);
    }
    json_decref(root);
}

static void check_item(const batch_list *l, batch_item *it)
{
    if (!it->source || (!it->id && !it->error))
        fuzz_fail("manifest item without a source, or an id or an error", "");
    if (it->error) {
        fuzz_check_utf8(it->error, it->error);
        return;
    }
    char *data;
    size_t len;
    if (batch_load(l, it, 0, &data, &len) < 0)
        return;
    narrate_error err;
    narrate_article *a = narrate_article_parse_as(data, len, it->format, &err);
    fuzz_check_article(a, &err);
    narrate_article_free(a);
    check_date(data, len);
    free(data);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *inputs[] = { (char *)fuzz_file("manifest.jsonl", data, size) };
    batch_list l = { 0 };
    batch_read_inputs(inputs, 1, &l);
    batch_mark_duplicates(&l);
    for (size_t i = 0; i < l.n; i++)
        check_item(&l, &l.items[i]);
    batch_list_free(&l);
    return 0;
}
