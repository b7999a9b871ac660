/* test_chapters.c - chapter titles: folded white space, cuts at words, valid UTF-8 at any size. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "title.h"

static const char *title_of(const char *text, size_t cap)
{
    static char out[NR_CHAPTER_TITLE_SIZE];
    cr_assert_leq(cap, sizeof out);
    memset(out, 'X', sizeof out);
    size_t n = nr_chapter_title(text, strlen(text), out, cap);
    cr_assert_eq(strlen(out), n);
    cr_assert_lt(n, cap);
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)out;
    for (size_t i = 0; i < n;) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate(p + i, (utf8proc_ssize_t)(n - i), &cp);
        cr_assert_gt(k, 0, "invalid UTF-8 at byte %zu of '%s'", i, out);
        i += (size_t)k;
    }
    return out;
}

#define TITLE(text) title_of(text, NR_CHAPTER_TITLE_SIZE)

Test(chapter_title, folds_white_space)
{
    cr_assert_str_eq(TITLE("  Council\n\tvotes  on\xC2\xA0" "budget \r\n"), "Council votes on budget");
    cr_assert_str_eq(TITLE("Two\x01words"), "Two words");
    cr_assert_str_eq(TITLE(" \n\t "), "");
    cr_assert_str_eq(TITLE(""), "");
    cr_assert_str_eq(TITLE("bad \xFF byte"), "bad \xEF\xBF\xBD byte");
    char nul[] = "before\0after";
    char out[32];
    cr_assert_eq(nr_chapter_title(nul, sizeof nul - 1, out, sizeof out), 12);
    cr_assert_str_eq(out, "before after");
}

Test(chapter_title, cut_at_a_word_with_an_ellipsis)
{
    const char *s = "The city council voted on Monday night to build a protected bike lane on Main "
                    "Street.";
    cr_assert_str_eq(TITLE(s), "The city council voted on Monday night to build a protected…");
    /* Exactly 60 characters stay whole. */
    const char *sixty = "Residents of the old harbour district met the mayor on Frida";
    cr_assert_eq(strlen(sixty), 60);
    cr_assert_str_eq(TITLE(sixty), sixty);
    /* No comma or dash left hanging before the ellipsis. */
    cr_assert_str_eq(TITLE("Talks resumed in Doha today between the two delegations, officials "
                           "said"),
                     "Talks resumed in Doha today between the two delegations…");
    cr_assert_str_eq(TITLE("A long and winding headline about the harbour and the city — "
                           "and more"),
                     "A long and winding headline about the harbour and the city…");
}

Test(chapter_title, long_words_and_non_ascii)
{
    char s[512] = "";
    for (int i = 0; i < 80; i++)
        strcat(s, "x");
    const char *t = TITLE(s); /* no word boundary: 59 characters, then "…" */
    cr_assert_eq(strlen(t), 59 + 3);
    cr_assert_str_eq(t + 59, "…");
    s[0] = '\0';
    for (int i = 0; i < 80; i++)
        strcat(s, "e\xCC\x81"); /* e + combining acute: one character, never split */
    t = TITLE(s);
    cr_assert_eq(strlen(t), 59 * 3 + 3);
    cr_assert_str_eq(t + 59 * 3, "…");
    cr_assert_str_eq(TITLE("Café — “two” and Zoë"), "Café — “two” and Zoë");
    s[0] = '\0';
    for (int i = 0; i < 12; i++)
        strcat(s, "Zoë’s café ");
    t = TITLE(s); /* 132 characters: cut after the 5th "Zoë’s café" (54 characters) */
    cr_assert_eq(strncmp(t, s, strlen(t) - 3), 0);
    cr_assert_str_eq(t + strlen(t) - strlen("café…"), "café…");
}

Test(chapter_title, small_buffers_stay_valid)
{
    cr_assert_str_eq(title_of("Hello wonderful world", 10), "Hello…");
    cr_assert_str_eq(title_of("Hello wonderful world", 22), "Hello wonderful world");
    cr_assert_str_eq(title_of("Hello wonderful world", 21), "Hello wonderful…");
    cr_assert_str_eq(title_of("Zoë Zoë", 6), "Zo…");
    cr_assert_str_eq(title_of("Hello", 4), "…");
    cr_assert_str_eq(title_of("Hello", 3), "");
    char one;
    cr_assert_eq(nr_chapter_title("Hello", 5, &one, 1), 0);
    cr_assert_eq(one, '\0');
    cr_assert_eq(nr_chapter_title("Hello", 5, NULL, 0), 0);
}

/* ------------------------------------------------------------- sections */

#include "chapters.h"
#include "helpers.h"

static nr_chapters plan(const char *text, int group)
{
    narrate_voice v;
    narrate_voice_defaults(&v);
    narrate_script *s = test_script(text, &v, NULL);
    nr_chapters c;
    cr_assert_eq(nr_chapters_plan(&c, s, group), NARRATE_OK);
    test_script_free(s);
    return c;
}

Test(chapters, paragraph_groups_without_headings)
{
    nr_chapters c = plan("Title: Big story\n\nOne a. One b.\n\nTwo.\n\nThree.\n\nFour starts here.\n\n"
                         "Five.\n\nSix.\n\nSeven is last.\n", 3);
    cr_assert_eq(c.count, 3);
    cr_assert_str_eq(c.items[0].title, "Big story");
    cr_assert_str_eq(c.items[1].title, "Four starts here.");
    cr_assert_str_eq(c.items[2].title, "Seven is last.");
    cr_assert_eq(c.start[0], 0);
    nr_chapters_free(&c);
}

Test(chapters, one_section_gets_none_and_zero_turns_groups_off)
{
    nr_chapters c = plan("Title: Short\n\nOne.\n\nTwo.\n", 3);
    cr_assert_eq(c.count, 0);
    c = plan("Title: Short\n\nOne.\n\nTwo.\n\nThree.\n\nFour.\n", 0);
    cr_assert_eq(c.count, 0);
}

Test(chapters, headings_open_sections)
{
    nr_chapters c = plan("<html><body><article><h1>Budget</h1><p>Intro text. More.</p>"
                         "<h2>Schools</h2><p>A.</p><p>B.</p><p>C.</p><p>D.</p>"
                         "<h2>Taxes &amp; fees</h2><p>E.</p></article></body></html>", 1);
    cr_assert_eq(c.count, 3, "%zu chapters", c.count);
    cr_assert_str_eq(c.items[1].title, "Schools");
    cr_assert_str_eq(c.items[2].title, "Taxes & fees");
    nr_chapters_free(&c);
}

Test(chapters, times_follow_the_marks)
{
    nr_chapters c = plan("Title: T\n\nA one.\n\nB two.\n\nC three.\n", 1);
    cr_assert_eq(c.count, 3); /* the title's chapter holds "A one." */
    for (size_t i = 0; i < 3; i++) { /* "C three." makes no sound */
        nr_mark m = { i, 22050 * (uint64_t)(2 * i + 1), 22050 * (uint64_t)(2 * i + 2), NULL, 0 };
        nr_chapters_mark(&c, &m);
    }
    nr_chapters_finish(&c, 22050 * 9);
    cr_assert_eq(c.items[0].start_ms, 0);
    cr_assert_eq(c.items[1].start_ms, 5000);
    cr_assert_eq(c.items[0].end_ms, 5000);
    cr_assert_eq(c.items[1].end_ms, 9000);
    cr_assert_eq(c.items[2].start_ms, 9000, "a silent section starts where the audio ends");
    cr_assert_eq(c.items[2].end_ms, 9000);
    nr_chapters_free(&c);
}

Test(chapters, at_most_what_a_table_of_contents_holds)
{
    size_t n = 400;
    char *text = malloc(n * 16 + 32), *p = text;
    p += sprintf(p, "Title: Many\n\n");
    for (size_t i = 0; i < n; i++)
        p += sprintf(p, "Para %zu.\n\n", i);
    nr_chapters c = plan(text, 1);
    cr_assert_eq(c.count, NR_ID3_MAX_CHAPTERS);
    nr_chapters_free(&c);
    free(text);
}
