/* html.c - HTML articles through libxml2's HTML parser (placeholder until implemented). */
#include "error.h"
#include "input.h"

narrate_article *nr_parse_html(const char *data, size_t len, const char *name, narrate_error *err)
{
    (void)data;
    (void)len;
    nr_fail(err, NARRATE_EINPUT, "HTML input is not supported yet '%s'", name);
    return NULL;
}
