/* test_voice.c - voice profiles: shipped files, range errors, lookup and resolution. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"

static int count_voice(const narrate_voice *v, const narrate_error *problem, void *userdata)
{
    cr_assert_not_null(v, "%s", problem ? problem->message : "");
    (*(int *)userdata)++;
    return 0;
}

Test(voice, shipped_profiles_are_valid)
{
    narrate_engine *e = test_engine(1);
    int n = 0;
    cr_assert_eq(narrate_voice_list(e, count_voice, &n, NULL), 0);
    cr_assert_geq(n, 4);
    narrate_voice v;
    cr_assert_eq(narrate_voice_find(e, "correspondent", &v, NULL), 0);
    cr_assert_str_eq(v.name, "correspondent");
    cr_assert_str_eq(v.espeak_voice, "en-gb");
    narrate_engine_destroy(e);
}

static const char *write_profile(const char *dir, const char *body)
{
    static char path[512];
    snprintf(path, sizeof path, "%s/custom.ini", dir);
    FILE *f = fopen(path, "w");
    fprintf(f, "[voice]\n%s\n", body);
    fclose(f);
    return path;
}

static void expect_error(const char *body, const char *needle)
{
    char *dir = test_tmpdir();
    const char *path = write_profile(dir, body);
    narrate_voice v;
    narrate_error err;
    cr_assert_eq(narrate_voice_load(path, &v, &err), NARRATE_EVOICE, "%s", body);
    cr_assert(strstr(err.message, needle), "'%s' lacks '%s'", err.message, needle);
    cr_assert(strstr(err.message, path), "'%s' lacks the path", err.message);
    test_rmdir(dir);
}

Test(voice, errors_name_file_key_and_range)
{
    expect_error("rate = 900", "out of range 80..450 for key 'rate'");
    expect_error("pitch = -1", "out of range 0..100 for key 'pitch'");
    expect_error("sentence_pause_ms = 99999", "0..5000 for key 'sentence_pause_ms'");
    expect_error("gain_db = 40", "-20..20 for key 'gain_db'");
    expect_error("gain_db = nan", "out of range -20..20 for key 'gain_db'");
    expect_error("loudness_lufs = -5", "out of range -40..-10 for key 'loudness_lufs'");
    expect_error("rate = fast", "not a whole number 'fast' for key 'rate'");
    expect_error("volume = 3", "unknown key 'volume'");
    expect_error("espeak_voice = ../../etc/passwd", "bad value");
    expect_error("this is not ini", "syntax error on line 2");
}

Test(voice, loads_custom_values)
{
    char *dir = test_tmpdir();
    const char *path = write_profile(dir, "espeak_voice = en-gb\nrate = 200 ; fast\ngain_db = -3.5");
    narrate_voice v;
    narrate_error err;
    cr_assert_eq(narrate_voice_load(path, &v, &err), 0, "%s", err.message);
    cr_assert_str_eq(v.name, "custom");
    cr_assert_eq(v.rate, 200);
    cr_assert_float_eq(v.gain_db, -3.5, 1e-9);
    cr_assert_eq(v.pitch, 50); /* default kept */
    cr_assert_float_eq(v.loudness_lufs, NARRATE_LOUDNESS_DEFAULT, 1e-9);
    path = write_profile(dir, "espeak_voice = en\nloudness_lufs = -23");
    cr_assert_eq(narrate_voice_load(path, &v, &err), 0, "%s", err.message);
    cr_assert_float_eq(v.loudness_lufs, -23.0, 1e-9);
    test_rmdir(dir);
}

static void expect_voice(narrate_engine *e, const char *text, const char *name, const char *want)
{
    narrate_article *a = narrate_article_parse(text, strlen(text), NULL);
    narrate_voice v;
    narrate_error err;
    cr_assert_eq(narrate_voice_for_article(e, a, name, &v, &err), 0, "%s", err.message);
    cr_assert_str_eq(v.name, want);
    narrate_article_free(a);
}

Test(voice, resolution_order)
{
    narrate_engine *e = test_engine(1);
    expect_voice(e, "Text.", NULL, "default");
    expect_voice(e, "Language: es-MX\n\nHola.", NULL, "es");
    expect_voice(e, "Language: it\n\nCiao.", NULL, "it"); /* no profile: espeak-ng's voice */
    expect_voice(e, "Voice: anchor\nLanguage: es\n\nText.", NULL, "anchor");
    expect_voice(e, "Voice: anchor\n\nText.", "correspondent", "correspondent");
    narrate_article *a = narrate_article_parse("Voice: ../secret\n\nText.", 23, NULL);
    narrate_voice v;
    narrate_error err;
    cr_assert_eq(narrate_voice_for_article(e, a, NULL, &v, &err), NARRATE_EVOICE);
    cr_assert_eq(narrate_voice_find(e, "robot", &v, &err), NARRATE_EVOICE);
    cr_assert_str_eq(err.message, "unknown voice 'robot'");
    narrate_article_free(a);
    narrate_engine_destroy(e);
}
