/* json.c - JSON articles through jansson (placeholder until implemented). */
#include "error.h"
#include "input.h"

narrate_article *nr_parse_json(const char *text, size_t len, const char *name, narrate_error *err)
{
    (void)text;
    (void)len;
    nr_fail(err, NARRATE_EINPUT, "JSON input is not supported yet '%s'", name);
    return NULL;
}
