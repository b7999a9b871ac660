/* test_article.c - parsing plain-text articles: header, paragraphs, bad input. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "narrate.h"

static narrate_article *parse(const char *text, narrate_error *err)
{
    return narrate_article_parse(text, strlen(text), err);
}

Test(article, header_and_paragraphs)
{
    narrate_error err;
    narrate_article *a = parse("Title: A  day\nAuthor: Jo Smith\nLanguage: en-GB\nVoice: anchor\n\n"
                               "First line\nsame paragraph.\n\n\n  Second.  \n", &err);
    cr_assert_not_null(a, "%s", err.message);
    cr_assert_str_eq(narrate_article_title(a), "A day");
    cr_assert_str_eq(narrate_article_author(a), "Jo Smith");
    cr_assert_str_eq(narrate_article_language(a), "en-GB");
    cr_assert_str_eq(narrate_article_voice(a), "anchor");
    cr_assert_eq(narrate_article_paragraph_count(a), 2);
    cr_assert_str_eq(narrate_article_paragraph(a, 0), "First line same paragraph.");
    cr_assert_str_eq(narrate_article_paragraph(a, 1), "Second.");
    cr_assert_null(narrate_article_paragraph(a, 2));
    narrate_article_free(a);
}

Test(article, no_header_keys_case_and_crlf)
{
    narrate_article *a = parse("\xEF\xBB\xBFtitle: X\r\n\r\nBody one.\r\n\r\nBody two.", NULL);
    cr_assert_not_null(a);
    cr_assert_str_eq(narrate_article_title(a), "X");
    cr_assert_eq(narrate_article_paragraph_count(a), 2);
    narrate_article_free(a);
    a = parse("Just a body.\nStill it.", NULL);
    cr_assert_null(narrate_article_title(a));
    cr_assert_eq(narrate_article_paragraph_count(a), 1);
    narrate_article_free(a);
}

Test(article, invalid_utf8_is_replaced)
{
    narrate_article *a = parse("Caf\xE9 \xFF\xFEok \xC3\xA9t\xC3\xA9.", NULL);
    cr_assert_not_null(a);
    cr_assert_str_eq(narrate_article_paragraph(a, 0), "Caf ok \xC3\xA9t\xC3\xA9.");
    narrate_article_free(a);
}

Test(article, unicode_spaces_and_controls)
{
    narrate_article *a = parse("A\xC2\xA0" "b\xE2\x80\x8B" "c\x01\td\xC2\xAD" "e.", NULL);
    cr_assert_str_eq(narrate_article_paragraph(a, 0), "A bc de.");
    narrate_article_free(a);
}

Test(article, rejects_unusable_input)
{
    narrate_error err;
    cr_assert_null(parse("", &err));
    cr_assert_eq(err.code, NARRATE_EINPUT);
    cr_assert(strstr(err.message, "empty article"), "%s", err.message);
    cr_assert_null(parse(" \n\t\n", &err));
    cr_assert_eq(err.code, NARRATE_EINPUT);
    cr_assert_null(parse("Title: Only\nAuthor: Me\n\n\n", &err));
    cr_assert(strstr(err.message, "no body"), "%s", err.message);
    cr_assert_null(narrate_article_parse("a\0b", 3, &err));
    cr_assert(strstr(err.message, "binary"), "%s", err.message);
    cr_assert_null(parse("Language: en;rm -rf\n\nText.", &err));
    cr_assert(strstr(err.message, "language"), "%s", err.message);
    cr_assert_null(narrate_article_parse(NULL, 4, &err));
    cr_assert_eq(err.code, NARRATE_EINVAL);
}

Test(article, read_reports_the_path)
{
    narrate_error err;
    cr_assert_null(narrate_article_read("/nonexistent/story.txt", &err));
    cr_assert_eq(err.code, NARRATE_EIO);
    cr_assert(strstr(err.message, "'/nonexistent/story.txt'"), "%s", err.message);
    cr_assert_null(narrate_article_read("/dev/null", &err));
    cr_assert_eq(err.code, NARRATE_EINPUT);
    cr_assert(strstr(err.message, "'/dev/null'"), "%s", err.message);
}

Test(article, free_null_is_noop)
{
    narrate_article_free(NULL);
    cr_assert_null(narrate_article_title(NULL));
    cr_assert_eq(narrate_article_paragraph_count(NULL), 0);
}

#define BYTES(s) s, sizeof s - 1

Test(article, names_formats_that_are_not_articles)
{
    static const struct {
        const char *data;
        size_t len;
        const char *what;
    } cases[] = {
        { BYTES("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n"), "(PDF document)" },
        { BYTES("%PDF-1.7\n%\xE2\xE3\xCF\xD3\n\0\0"), "(PDF document)" },
        { BYTES("\x89PNG\r\n\x1A\n\0\0\0\rIHDR"), "(PNG image)" },
        { BYTES("\xFF\xD8\xFF\xE0\0\x10JFIF"), "(JPEG image)" },
        { BYTES("GIF89a\x01\0\x01\0"), "(GIF image)" },
        { BYTES("PK\x03\x04\x14\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\x08\0\0\0"
          "mimetypeapplication/epub+zip"), "(EPUB e-book)" },
        { BYTES("PK\x03\x04\x14\0\x06\0\x08\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\x13\0\0\0"
          "[Content_Types].xml"), "(Office document (DOCX, XLSX or PPTX))" },
        { BYTES("PK\x03\x04\x0A\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\x05\0\0\0notes"), "(ZIP archive)" },
        { BYTES("\x1F\x8B\x08\0\0\0\0\0\0\x03"), "(gzip compressed data)" },
        { BYTES("BZh91AY&SY\x01"), "(bzip2 compressed data)" },
        { BYTES("ID3\x04\0\0\0\0\0\x10"), "(MP3 audio)" },
        { BYTES("RIFF\x24\0\0\0WAVEfmt "), "(WAV audio)" },
        { BYTES("\0\0\0\x20" "ftypisom"), "(MP4 or QuickTime media)" },
        { BYTES("{\\rtf1\\ansi Hello}"), "(RTF document)" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        narrate_error err;
        cr_assert_null(narrate_article_parse(cases[i].data, cases[i].len, &err), "case %zu", i);
        cr_assert_eq(err.code, NARRATE_EINPUT, "case %zu", i);
        char want[128];
        snprintf(want, sizeof want, "not an article %s '(text)'", cases[i].what);
        cr_assert_str_eq(err.message, want);
    }
    /* Text that merely starts like one of them is an article. */
    static const char *const texts[] = { "PDF files are everywhere.", "GIF89 is a year.",
                                         "PK, the initials, signed it.", "ID3 tags explained.",
                                         "RIFF raff and WAVE riders.", "BZh9 is no archive." };
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        narrate_article *a = parse(texts[i], NULL);
        cr_assert_not_null(a, "%s", texts[i]);
        narrate_article_free(a);
    }
}
