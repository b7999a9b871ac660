/* json.c - JSON articles through jansson: one object of strings, the body as text or HTML. */
#include "json.h"

#include <stdlib.h>
#include <string.h>

#include "article.h"
#include "error.h"
#include "html.h"

/* JSON keys that become article fields; "language" is a synonym of "lang". */
enum { K_ID, K_TITLE, K_AUTHOR, K_LANG, K_LANGUAGE, K_VOICE, NKEYS };

static const struct {
    const char *key, *field;
} keys[NKEYS] = {
    [K_ID] = { "id", "id" },
    [K_TITLE] = { "title", "title" },
    [K_AUTHOR] = { "author", "author" },
    [K_LANG] = { "lang", "language" },
    [K_LANGUAGE] = { "language", "language" },
    [K_VOICE] = { "voice", "voice" },
};

typedef struct {
    const char *text; /* NULL when absent (or null) */
    size_t len;
} value;

static const char *type_name(const json_t *v)
{
    switch (json_typeof(v)) {
    case JSON_OBJECT: return "an object";
    case JSON_ARRAY: return "an array";
    case JSON_STRING: return "a string";
    case JSON_INTEGER:
    case JSON_REAL: return "a number";
    case JSON_TRUE:
    case JSON_FALSE: return "a boolean";
    default: return "null";
    }
}

/* The string at key: absent and null leave *out empty; other types are errors. */
static int get_string(json_t *object, const char *key, value *out, const char *name,
                      narrate_error *err)
{
    json_t *v = json_object_get(object, key);
    out->text = NULL;
    out->len = 0;
    if (!v || json_is_null(v))
        return NARRATE_OK;
    if (!json_is_string(v))
        return nr_fail(err, NARRATE_EINPUT, "wrong type for key '%s' (expected a string) in '%s'",
                       key, name);
    out->text = json_string_value(v);
    out->len = json_string_length(v);
    return NARRATE_OK;
}

/* Plain-text paragraphs, by the text format's own rules (blank lines, skip
** markers): a leading blank line tells nr_parse_text there is no header
** block, and CR LF / CR become LF as input.c does for text files. */
static narrate_article *parse_body(const value *body, const char *name, narrate_error *err)
{
    char *buf = malloc(body->len + 2);
    if (!buf) {
        nr_fail(err, NARRATE_ENOMEM, "out of memory reading article '%s'", name);
        return NULL;
    }
    size_t n = 0;
    buf[n++] = '\n';
    for (size_t i = 0; i < body->len; i++) {
        char c = body->text[i];
        if (c == '\r' && i + 1 < body->len && body->text[i + 1] == '\n')
            continue;
        buf[n++] = c == '\r' ? '\n' : c;
    }
    buf[n] = '\0';
    narrate_article *a = nr_parse_text(buf, n, name, err);
    free(buf);
    return a;
}

narrate_article *nr_article_from_json(json_t *object, const char *name, narrate_error *err)
{
    if (!object || !json_is_object(object)) {
        nr_fail(err, NARRATE_EINPUT, "not a JSON object (got %s) in '%s'",
                object ? type_name(object) : "nothing", name);
        return NULL;
    }
    value fields[NKEYS], body, html;
    for (size_t i = 0; i < NKEYS; i++)
        if (get_string(object, keys[i].key, &fields[i], name, err) < 0)
            return NULL;
    if (get_string(object, "body", &body, name, err) < 0 ||
        get_string(object, "html", &html, name, err) < 0)
        return NULL;
    if (fields[K_LANG].text && fields[K_LANGUAGE].text) {
        nr_fail(err, NARRATE_EINPUT, "conflicting keys 'lang' and 'language' in '%s'", name);
        return NULL;
    }
    if (body.text && html.text) {
        nr_fail(err, NARRATE_EINPUT, "conflicting keys 'body' and 'html' in '%s'", name);
        return NULL;
    }
    const value *text = body.text ? &body : &html;
    if (!text->text) {
        nr_fail(err, NARRATE_EINPUT, "article has no body text '%s'", name);
        return NULL;
    }
    /* Only objects loaded with JSON_ALLOW_NUL can hold these. */
    if (memchr(text->text, '\0', text->len)) {
        nr_fail(err, NARRATE_EINPUT, "binary data (NUL bytes) in key '%s' in '%s'",
                body.text ? "body" : "html", name);
        return NULL;
    }

    narrate_article *a = body.text ? parse_body(&body, name, err) : nr_article_new();
    if (!a) {
        if (!body.text)
            nr_fail(err, NARRATE_ENOMEM, "out of memory reading article '%s'", name);
        return NULL;
    }
    for (size_t i = 0; i < NKEYS; i++) {
        if (fields[i].text && nr_article_set(a, keys[i].field, fields[i].text, fields[i].len) < 0) {
            narrate_article_free(a);
            nr_fail(err, NARRATE_ENOMEM, "out of memory reading article '%s'", name);
            return NULL;
        }
    }
    /* The JSON keys were set first: the page only fills in what they leave unset. */
    if (html.text && nr_html_fill(a, html.text, html.len, name, err) < 0) {
        narrate_article_free(a);
        return NULL;
    }
    return nr_article_finish(a, name, err);
}

narrate_article *nr_parse_json(const char *text, size_t len, const char *name, narrate_error *err)
{
    json_error_t jerr;
    json_t *root = json_loadb(text, len, JSON_REJECT_DUPLICATES | JSON_DECODE_ANY, &jerr);
    if (!root) {
        if (json_error_code(&jerr) == json_error_out_of_memory)
            nr_fail(err, NARRATE_ENOMEM, "out of memory reading article '%s'", name);
        else
            nr_fail(err, NARRATE_EINPUT, "invalid JSON at line %d, column %d (%s) in '%s'",
                    jerr.line, jerr.column, jerr.text, name);
        return NULL;
    }
    narrate_article *a = nr_article_from_json(root, name, err);
    json_decref(root);
    return a;
}
