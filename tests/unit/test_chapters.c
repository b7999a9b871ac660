/* test_chapters.c - chapter titles: folded white space, cuts at words, valid UTF-8 at any size. */
#include <criterion/criterion.h>
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
