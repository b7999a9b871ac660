/* test_lexicon.c - pronunciation lexicons, intro/outro templates, phoneme safety. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "lexicon.h"

static char *write_file(const char *dir, const char *name, const char *body)
{
    char *path = test_path(dir, name);
    FILE *f = fopen(path, "w");
    fputs(body, f);
    fclose(f);
    return path;
}

static void expect_applied(const narrate_lexicon *lex, const char *in, const char *want, int phon)
{
    int phonemes = 0;
    char *out = nr_lexicon_apply(lex, in, &phonemes);
    cr_assert_str_eq(out, want, "for '%s'", in);
    cr_assert_eq(phonemes, phon, "phoneme flag for '%s'", in);
    free(out);
}

Test(lexicon, whole_word_case_aware_longest_first)
{
    char *dir = test_tmpdir();
    char *path = write_file(dir, "l.lex", "# comment\n\nDoha = DOH-hah\nKhan = KAHN\n"
                                          "Khan Younis = [[k'A:n j'u:nIs]]\nnato = NAY-toe\n"
                                          "café\tka-FAY\n");
    narrate_error err;
    narrate_lexicon *lex = narrate_lexicon_load(path, &err);
    cr_assert_not_null(lex, "%s", err.message);
    cr_assert_eq(narrate_lexicon_count(lex), 5);
    expect_applied(lex, "In Doha, today.", "In DOH-hah, today.", 0);
    expect_applied(lex, "Dohas and doha stay", "Dohas and doha stay", 0);
    expect_applied(lex, "Near Khan Younis now", "Near [[k'A:n j'u:nIs]] now", 1);
    expect_applied(lex, "Mr. Khan said", "Mr. KAHN said", 0);
    expect_applied(lex, "NATO and Nato and nato", "NAY-toe and NAY-toe and NAY-toe", 0);
    expect_applied(lex, "a café, cafés", "a ka-FAY, cafés", 0);
    narrate_lexicon_free(lex);
    free(path);
    test_rmdir(dir);
}

Test(lexicon, later_entries_and_call_lexicons_override)
{
    char *dir = test_tmpdir();
    char *a = write_file(dir, "a.lex", "Doha = one\nDoha = two\n");
    char *b = write_file(dir, "b.lex", "Doha = three\n");
    narrate_lexicon *la = narrate_lexicon_load(a, NULL), *lb = narrate_lexicon_load(b, NULL);
    cr_assert_eq(narrate_lexicon_count(la), 1);
    expect_applied(la, "Doha", "two", 0);
    cr_assert_eq(nr_lexicon_add_all(la, lb), 0);
    expect_applied(la, "Doha", "three", 0);
    narrate_lexicon_free(la);
    narrate_lexicon_free(lb);
    free(a);
    free(b);
    test_rmdir(dir);
}

static void expect_load_error(const char *body, const char *needle)
{
    char *dir = test_tmpdir();
    char *path = write_file(dir, "bad.lex", body);
    narrate_error err;
    cr_assert_null(narrate_lexicon_load(path, &err));
    cr_assert(strstr(err.message, needle), "'%s' lacks '%s'", err.message, needle);
    cr_assert(strstr(err.message, path), "'%s' lacks the path", err.message);
    free(path);
    test_rmdir(dir);
}

Test(lexicon, errors_name_file_and_line)
{
    expect_load_error("Doha = ok\nno separator here\n", "line 2");
    expect_load_error("Doha = [[<audio src=x>]]\n", "bad phonemes on line 1");
    expect_load_error("Doha = say [[this\n", "stray [[");
    expect_load_error("Doha = \n", "empty phrase or replacement");
    narrate_error err;
    cr_assert_null(narrate_lexicon_load("/nonexistent.lex", &err));
    cr_assert_eq(err.code, NARRATE_EIO);
}


Test(lexicon, intro_outro_templates)
{
    narrate_voice v;
    narrate_voice_defaults(&v);
    snprintf(v.intro, sizeof v.intro, "You are listening to {title}, by {author}.");
    snprintf(v.outro, sizeof v.outro, "That was {title}.");
    narrate_script *s = test_script("Title: Rain\nAuthor: Al Bo\n\nIt rained.", &v, NULL);
    cr_assert_eq(narrate_script_count(s), 5);
    cr_assert_str_eq(narrate_script_sentence(s, 0)->spoken, "You are listening to Rain, by Al Bo.");
    cr_assert_eq(narrate_script_sentence(s, 0)->part, NARRATE_PART_INTRO);
    cr_assert_str_eq(narrate_script_sentence(s, 4)->spoken, "That was Rain.");
    cr_assert_eq(narrate_script_sentence(s, 4)->part, NARRATE_PART_OUTRO);
    cr_assert_eq(narrate_script_sentence(s, 3)->pause_ms, v.paragraph_pause_ms);
    cr_assert_eq(narrate_script_sentence(s, 4)->pause_ms, 0);
    test_script_free(s);
    s = test_script("Title: Rain\n\nIt rained.", &v, NULL); /* no author: intro left out */
    cr_assert_eq(narrate_script_count(s), 3);
    cr_assert_str_eq(narrate_script_sentence(s, 0)->spoken, "Rain");
    test_script_free(s);
}

Test(lexicon, article_text_never_becomes_phonemes)
{
    char *dir = test_tmpdir();
    char *path = write_file(dir, "l.lex", "Doha = [[d'oUhA:]]\n");
    narrate_lexicon *lex = narrate_lexicon_load(path, NULL);
    narrate_voice v;
    narrate_voice_defaults(&v);
    narrate_script *s = test_script("Say [[h@l'oU]] in Doha.", &v, lex);
    const narrate_sentence *e = narrate_script_sentence(s, 0);
    cr_assert(strstr(e->spoken, "[[d'oUhA:]]"), "%s", e->spoken);
    cr_assert_null(strstr(e->spoken, "[[h@l"), "article text became phonemes: %s", e->spoken);
    cr_assert(e->phonemes);
    test_script_free(s);
    narrate_lexicon_free(lex);
    free(path);
    test_rmdir(dir);
}

Test(lexicon, voice_profile_lexicon_and_template_checks)
{
    char *dir = test_tmpdir();
    char *lexp = write_file(dir, "names.lex", "Doha = DOH-hah\n");
    char *ini = write_file(dir, "v.ini", "[voice]\nespeak_voice = en\nlexicon = names.lex\n"
                                         "intro = Listen to {title}.\n");
    narrate_voice v;
    narrate_error err;
    cr_assert_eq(narrate_voice_load(ini, &v, &err), 0, "%s", err.message);
    cr_assert_str_eq(v.lexicon, lexp);
    narrate_script *s = test_script("Title: In Doha\n\nText.", &v, NULL);
    cr_assert_str_eq(narrate_script_sentence(s, 1)->spoken, "In DOH-hah");
    test_script_free(s);
    char *bad = write_file(dir, "b.ini", "[voice]\nespeak_voice = en\nintro = Hi {name}\n");
    cr_assert_eq(narrate_voice_load(bad, &v, &err), NARRATE_EVOICE);
    cr_assert(strstr(err.message, "placeholder"), "%s", err.message);
    free(lexp);
    free(ini);
    free(bad);
    test_rmdir(dir);
}

Test(lexicon, phoneme_entries_render, .timeout = 60)
{
    narrate_engine *e = test_engine(1);
    char *dir = test_tmpdir();
    char *path = write_file(dir, "l.lex", "Doha = [[d'oUhA:]]\n");
    char *out = test_path(dir, "p.wav");
    narrate_lexicon *lex = narrate_lexicon_load(path, NULL);
    narrate_article *a = narrate_article_parse("Talks in Doha.", 14, NULL);
    narrate_render_options ro = NARRATE_RENDER_OPTIONS_INIT;
    ro.lexicon = lex;
    narrate_render_info info;
    narrate_error err;
    cr_assert_eq(narrate_render_file(e, a, &ro, out, &info, &err), 0, "%s", err.message);
    cr_assert_gt(info.duration_s, 0.5);
    narrate_article_free(a);
    narrate_lexicon_free(lex);
    free(path);
    free(out);
    test_rmdir(dir);
    narrate_engine_destroy(e);
}
