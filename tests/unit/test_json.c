/* test_json.c - JSON articles: keys, types, body or html, malformed JSON, JSONL objects. */
#include <criterion/criterion.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "json.h"

static narrate_article *json(const char *text, narrate_error *err)
{
    return narrate_article_parse_as(text, strlen(text), NARRATE_INPUT_JSON, err);
}

static narrate_article *json_ok(const char *text)
{
    narrate_error err;
    narrate_article *a = json(text, &err);
    cr_assert_not_null(a, "%s", err.message);
    return a;
}

static void expect_error(const char *text, const char *message)
{
    narrate_error err;
    narrate_article *a = json(text, &err);
    cr_assert_null(a, "parsed, wanted '%s'", message);
    cr_assert_eq(err.code, NARRATE_EINPUT, "%s", err.message);
    cr_assert(strstr(err.message, message), "'%s' lacks '%s'", err.message, message);
}

Test(json, all_keys)
{
    narrate_article *a = json_ok("{\"id\": \"story-42\", \"title\": \" A  title \", "
                                 "\"author\": \"Jo Smith\", \"lang\": \"en-GB\", "
                                 "\"voice\": \"anchor\", \"body\": \"First line\\nsame paragraph."
                                 "\\n\\n\\nSecond \\u00e9t\\u00e9.\\n\"}");
    cr_assert_str_eq(narrate_article_id(a), "story-42");
    cr_assert_str_eq(narrate_article_title(a), "A title");
    cr_assert_str_eq(narrate_article_author(a), "Jo Smith");
    cr_assert_str_eq(narrate_article_language(a), "en-GB");
    cr_assert_str_eq(narrate_article_voice(a), "anchor");
    cr_assert_eq(narrate_article_paragraph_count(a), 2);
    cr_assert_str_eq(narrate_article_paragraph(a, 0), "First line same paragraph.");
    cr_assert_str_eq(narrate_article_paragraph(a, 1), "Second \xC3\xA9t\xC3\xA9.");
    narrate_article_free(a);
}

Test(json, body_follows_the_text_rules)
{
    /* No header block in a body; CR LF and CR are line ends; skip markers work. */
    narrate_article *a = json_ok("{\"body\": \"Title: not a header\\r\\n\\r\\nTwo\\r\\rThree\\n"
                                 "<!-- narrate:skip -->\\nSkipped.\\n<!-- /narrate:skip -->\\n"
                                 "Four.\"}");
    const char *want[] = { "Title: not a header", "Two", "Three", "Four." };
    cr_assert_eq(narrate_article_paragraph_count(a), 4);
    for (size_t i = 0; i < 4; i++)
        cr_assert_str_eq(narrate_article_paragraph(a, i), want[i]);
    cr_assert_null(narrate_article_title(a));
    narrate_article_free(a);
}

Test(json, language_is_a_synonym_of_lang)
{
    narrate_article *a = json_ok("{\"language\": \"de\", \"body\": \"Hallo.\"}");
    cr_assert_str_eq(narrate_article_language(a), "de");
    narrate_article_free(a);
    expect_error("{\"lang\": \"de\", \"language\": \"de\", \"body\": \"x\"}",
                 "conflicting keys 'lang' and 'language' in '(text)'");
    expect_error("{\"lang\": \"en;rm -rf\", \"body\": \"x\"}", "bad language tag");
}

Test(json, wrong_types_name_the_key)
{
    const char *keys[] = { "id", "title", "author", "lang", "language", "voice", "body", "html" };
    const char *values[] = { "42", "true", "[\"a\"]", "{\"a\": \"b\"}", "1.5" };
    for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++) {
        for (size_t v = 0; v < sizeof values / sizeof values[0]; v++) {
            char text[256], want[128];
            snprintf(text, sizeof text, "{\"body\": \"x\", \"%s\": %s}", keys[k], values[v]);
            if (strcmp(keys[k], "body") == 0)
                snprintf(text, sizeof text, "{\"body\": %s}", values[v]);
            snprintf(want, sizeof want, "wrong type for key '%s' (expected a string) in '(text)'",
                     keys[k]);
            expect_error(text, want);
        }
    }
}

Test(json, null_is_absent)
{
    narrate_article *a = json_ok("{\"title\": null, \"author\": null, \"html\": null, "
                                 "\"body\": \"Text.\"}");
    cr_assert_null(narrate_article_title(a));
    cr_assert_null(narrate_article_author(a));
    narrate_article_free(a);
}

Test(json, unknown_keys_are_ignored)
{
    narrate_article *a = json_ok("{\"section\": \"World\", \"tags\": [\"a\", {\"b\": 1}], "
                                 "\"meta\": {\"title\": 5}, \"Title\": 7, \"body\": \"Text.\", "
                                 "\"published\": 1715678000}");
    cr_assert_null(narrate_article_title(a));
    cr_assert_str_eq(narrate_article_paragraph(a, 0), "Text.");
    narrate_article_free(a);
}

Test(json, duplicate_keys_are_rejected)
{
    expect_error("{\"title\": \"a\", \"body\": \"x\", \"title\": \"b\"}", "duplicate object key");
    expect_error("{\"body\": \"x\", \"extra\": {\"k\": 1, \"k\": 2}}", "duplicate object key");
}

Test(json, malformed_json_gives_line_and_column)
{
    expect_error("{\n  \"title\": \"cut off\",\n  \"body\": \"Some text",
                 "invalid JSON at line 3, column");
    expect_error("{\"title\": \"x\",\n\"body\": \"y\"", "at line 2, column");
    expect_error("{\"body\": \"x\",}", "invalid JSON at line 1");
    expect_error("{\"body\": \"x\"} trailing", "invalid JSON at line 1");
    expect_error("{\"body\": 'single quotes'}", "invalid JSON");
}

Test(json, not_an_object)
{
    expect_error("[{\"body\": \"x\"}]", "not a JSON object (got an array) in '(text)'");
    expect_error("\"just a string\"", "not a JSON object (got a string)");
    expect_error("42", "not a JSON object (got a number)");
    expect_error("null", "not a JSON object (got null)");
}

Test(json, body_or_html_but_not_both)
{
    expect_error("{\"body\": \"x\", \"html\": \"<p>y</p>\"}",
                 "conflicting keys 'body' and 'html' in '(text)'");
    expect_error("{\"title\": \"No body\"}", "article has no body text '(text)'");
    expect_error("{\"title\": \"Blank\", \"body\": \" \\n\\n \"}", "article has no body text");
    expect_error("{\"html\": \"<html><head><title>x</title></head></html>\"}", "no <body>");
}

Test(json, html_body_with_json_keys_winning)
{
    const char *page =
        "{\"title\": \"JSON title\", \"lang\": \"fr\", \"html\": "
        "\"<html lang=\\\"en\\\"><head><meta charset=\\\"iso-8859-1\\\">"
        "<meta name=\\\"author\\\" content=\\\"Page Author\\\">"
        "<meta name=\\\"narrate:voice\\\" content=\\\"anchor\\\"></head><body><article>"
        "<h1>Page title</h1><nav>Menu</nav><p>Caf\\u00e9 &amp; cr\\u00e8me.</p>"
        "<button>Listen to Article</button><p>Second.</p></article></body></html>\"}";
    narrate_article *a = json_ok(page);
    cr_assert_str_eq(narrate_article_title(a), "JSON title");
    cr_assert_str_eq(narrate_article_language(a), "fr");
    cr_assert_str_eq(narrate_article_author(a), "Page Author"); /* not in the JSON */
    cr_assert_str_eq(narrate_article_voice(a), "anchor");
    /* The page's <h1> is its title, so it is not read even though the JSON's wins; the
    ** JSON text is Unicode already, so the page's charset declaration is ignored. */
    cr_assert_eq(narrate_article_paragraph_count(a), 2);
    cr_assert_str_eq(narrate_article_paragraph(a, 0), "Caf\xC3\xA9 & cr\xC3\xA8me.");
    cr_assert_str_eq(narrate_article_paragraph(a, 1), "Second.");
    narrate_article_free(a);

    a = json_ok("{\"author\": \"JSON Author\", \"voice\": \"es\", \"html\": "
                "\"<meta name=author content='Page Author'><p class=byline>By X</p><p>Text.</p>\"}");
    cr_assert_str_eq(narrate_article_author(a), "JSON Author");
    cr_assert_str_eq(narrate_article_voice(a), "es");
    cr_assert_eq(narrate_article_paragraph_count(a), 1);
    narrate_article_free(a);
}

Test(json, deep_nesting_is_an_error)
{
    size_t depth = 100000;
    char *text = malloc(depth * 2 + 32);
    strcpy(text, "{\"body\": \"x\", \"deep\": ");
    size_t n = strlen(text);
    memset(text + n, '[', depth);
    memset(text + n + depth, ']', depth);
    strcpy(text + n + 2 * depth, "}");
    expect_error(text, "invalid JSON");
    free(text);
}

Test(json, from_a_jansson_object)
{
    narrate_error err;
    json_t *o = json_pack("{s:s, s:s, s:s}", "id", "line-1", "title", "From JSONL", "body",
                          "One.\n\nTwo.");
    narrate_article *a = nr_article_from_json(o, "batch.jsonl:1", &err);
    cr_assert_not_null(a, "%s", err.message);
    cr_assert_str_eq(narrate_article_id(a), "line-1");
    cr_assert_eq(narrate_article_paragraph_count(a), 2);
    narrate_article_free(a);
    json_decref(o);

    o = json_pack("{s:i}", "title", 3);
    cr_assert_null(nr_article_from_json(o, "batch.jsonl:2", &err));
    cr_assert_str_eq(err.message,
                     "wrong type for key 'title' (expected a string) in 'batch.jsonl:2'");
    json_decref(o);

    o = json_array();
    cr_assert_null(nr_article_from_json(o, "batch.jsonl:3", &err));
    cr_assert_str_eq(err.message, "not a JSON object (got an array) in 'batch.jsonl:3'");
    json_decref(o);
    cr_assert_null(nr_article_from_json(NULL, "batch.jsonl:4", &err));
    cr_assert_eq(err.code, NARRATE_EINPUT);

    /* NUL characters only get this far through JSON_ALLOW_NUL. */
    json_error_t jerr;
    o = json_loads("{\"body\": \"a\\u0000b\"}", JSON_ALLOW_NUL, &jerr);
    cr_assert_not_null(o, "%s", jerr.text);
    cr_assert_null(nr_article_from_json(o, "nul", &err));
    cr_assert(strstr(err.message, "NUL"), "%s", err.message);
    json_decref(o);
}

Test(json, short_json_matches_short_txt)
{
    narrate_error err;
    narrate_article *j = narrate_article_read(NR_TEST_SRCDIR "/samples/short.json", &err);
    cr_assert_not_null(j, "%s", err.message);
    narrate_article *t = narrate_article_read(NR_TEST_SRCDIR "/samples/short.txt", &err);
    cr_assert_not_null(t, "%s", err.message);
    cr_assert_str_eq(narrate_article_title(j), narrate_article_title(t));
    cr_assert_str_eq(narrate_article_author(j), narrate_article_author(t));
    cr_assert_str_eq(narrate_article_language(j), narrate_article_language(t));
    cr_assert_eq(narrate_article_paragraph_count(j), narrate_article_paragraph_count(t));
    for (size_t i = 0; i < narrate_article_paragraph_count(t); i++)
        cr_assert_str_eq(narrate_article_paragraph(j, i), narrate_article_paragraph(t, i));
    narrate_article_free(j);
    narrate_article_free(t);
}

Test(json, read_json_files)
{
    char *dir = test_tmpdir();
    char *path = test_path(dir, "story.json");
    FILE *f = fopen(path, "w");
    fputs("\xEF\xBB\xBF[\"an array in a .json file\"]", f);
    fclose(f);
    narrate_error err;
    cr_assert_null(narrate_article_read(path, &err));
    cr_assert(strstr(err.message, "not a JSON object"), "%s", err.message);
    cr_assert(strstr(err.message, path), "%s", err.message);

    f = fopen(path, "w");
    fputs("\xEF\xBB\xBF{\"title\": \"From a file\", \"body\": \"Caf\xE9 text.\"}\r\n", f);
    fclose(f);
    narrate_article *a = narrate_article_read(path, &err);
    cr_assert_not_null(a, "%s", err.message);
    cr_assert_str_eq(narrate_article_title(a), "From a file");
    cr_assert_str_eq(narrate_article_paragraph(a, 0), "Caf text."); /* invalid UTF-8 dropped */
    narrate_article_free(a);

    /* Detected by its first character, whatever the name. */
    char *other = test_path(dir, "story.txt");
    f = fopen(other, "w");
    fputs("  {\"body\": \"Detected.\"}", f);
    fclose(f);
    a = narrate_article_read(other, &err);
    cr_assert_not_null(a, "%s", err.message);
    cr_assert_str_eq(narrate_article_paragraph(a, 0), "Detected.");
    narrate_article_free(a);
    free(other);
    free(path);
    test_rmdir(dir);
}
