/* test_script.c - reading order, sentence splitting, pauses and synthesizer-sized chunks. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "narrate.h"
#include "helpers.h"
#include "segment.h"

static narrate_script *script_of(const char *text, narrate_voice *v)
{
    narrate_voice_defaults(v);
    return test_script(text, v, NULL);
}


Test(script, reading_order_and_pauses)
{
    narrate_voice v;
    narrate_script *s = script_of("Title: Big news\nAuthor: Ann Lee\n\nOne here. Two here!\n\n"
                                  "Three? Four.", &v);
    const char *spoken[] = { "Big news", "By Ann Lee", "One here.", "Two here!", "Three?", "Four." };
    int pauses[] = { v.title_pause_ms, v.title_pause_ms, v.sentence_pause_ms,
                     v.paragraph_pause_ms, v.sentence_pause_ms, 0 };
    narrate_part parts[] = { NARRATE_PART_TITLE, NARRATE_PART_BYLINE, NARRATE_PART_BODY,
                             NARRATE_PART_BODY, NARRATE_PART_BODY, NARRATE_PART_BODY };
    size_t paras[] = { 0, 1, 2, 2, 3, 3 };
    cr_assert_eq(narrate_script_count(s), 6);
    for (size_t i = 0; i < 6; i++) {
        const narrate_sentence *e = narrate_script_sentence(s, i);
        cr_assert_str_eq(e->spoken, spoken[i]);
        cr_assert_eq(e->pause_ms, pauses[i], "entry %zu", i);
        cr_assert_eq(e->part, parts[i]);
        cr_assert_eq(e->paragraph, paras[i]);
        if (parts[i] == NARRATE_PART_BODY)
            cr_assert(strncmp(e->source, spoken[i], e->source_len) == 0 &&
                          strlen(spoken[i]) == e->source_len,
                      "source of entry %zu: '%.*s'", i, (int)e->source_len, e->source);
    }
    cr_assert_null(narrate_script_sentence(s, 6));
    test_script_free(s);
}

static int collect(const char *text, size_t start, size_t len, void *userdata)
{
    char *out = userdata;
    strncat(out, text + start, len);
    strcat(out, "|");
    return 0;
}

static void check_split(const char *para, const char *expected)
{
    char out[1024] = "";
    nr_segment(para, "en", collect, out);
    cr_assert_str_eq(out, expected);
}

Test(segment, plain_rules)
{
    check_split("Hello world. It works.", "Hello world.|It works.|");
    check_split("Mr. Smith met Dr. Jones. Then left.", "Mr. Smith met Dr. Jones.|Then left.|");
    check_split("J. R. R. Tolkien wrote it. Yes.", "J. R. R. Tolkien wrote it.|Yes.|");
    check_split("The U.S. Army said so. Fine.", "The U.S. Army said so.|Fine.|");
    check_split("It cost 3.5 million. Wow?! Really.", "It cost 3.5 million.|Wow?!|Really.|");
    check_split("He said “Stop.” Then he went.", "He said “Stop.”|Then he went.|");
    check_split("No end", "No end|");
}

/* Every chunk of a huge paragraph fits the synthesizer, is valid UTF-8, and
** together they keep every word. */
Test(script, huge_paragraph_is_chunked)
{
    size_t words = 200000;
    char *text = malloc(words * 6 + 1);
    char *p = text;
    for (size_t i = 0; i < words; i++)
        p += sprintf(p, i % 7 ? "word " : "café ");
    narrate_voice v;
    narrate_script *s = script_of(text, &v);
    size_t n = narrate_script_count(s), total = 0;
    cr_assert_gt(n, 2000);
    for (size_t i = 0; i < n; i++) {
        const narrate_sentence *e = narrate_script_sentence(s, i);
        size_t len = strlen(e->spoken);
        cr_assert_leq(len, NARRATE_SPOKEN_MAX);
        cr_assert_geq(utf8proc_iterate((const utf8proc_uint8_t *)e->spoken, -1, &(utf8proc_int32_t){0}), 1);
        for (const char *w = e->spoken; *w; w++)
            total += *w == ' ';
        total++;
        cr_assert_eq(e->pause_ms, i + 1 < n ? 150 : 0);
    }
    cr_assert_eq(total, words);
    test_script_free(s);
    free(text);
}

/* A run of more than 64 characters without a space is no word: cut from the
** spoken text (a megabyte of it would be spelled out for hours); 64 stay. */
Test(script, long_token_without_spaces)
{
    size_t len = 1 << 20;
    char *text = malloc(len * 2 + 256);
    size_t o = (size_t)sprintf(text, "Title: T\n\nBefore ");
    for (size_t i = 0; i < len; i++, o += 2)
        memcpy(text + o, "\xC3\xA9", 2); /* é, two bytes: counted as one character */
    o += (size_t)sprintf(text + o, " after ");
    for (size_t i = 0; i < 64; i++, o += 2)
        memcpy(text + o, "\xC3\xA9", 2);
    strcpy(text + o, " end.");
    narrate_voice v;
    narrate_script *s = script_of(text, &v);
    cr_assert_eq(narrate_script_count(s), 2);
    const char *sp = narrate_script_sentence(s, 1)->spoken;
    cr_assert(strncmp(sp, "Before after ", 13) == 0, "%.40s", sp);
    cr_assert_eq(strlen(sp), 13 + 128 + 5, "%s", sp);
    cr_assert_gt(narrate_script_sentence(s, 1)->source_len, len * 2); /* the source is whole */
    test_script_free(s);
    free(text);
}

Test(script, nothing_speakable)
{
    narrate_voice v;
    narrate_voice_defaults(&v);
    narrate_error err;
    narrate_article *a = narrate_article_parse("\xE2\x80\x8B\xE2\x80\x8B", 6, &err);
    cr_assert_null(a); /* only zero-width spaces: no body */
    cr_assert_eq(err.code, NARRATE_EINPUT);
    cr_assert_null(narrate_script_create(NULL, &v, NULL, &err));
    cr_assert_eq(err.code, NARRATE_EINVAL);
}
