/* test_language.c - espeak-ng's voice for any language, and telling the language from the text. */
#include <criterion/criterion.h>
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "langid.h"
#include "langvoice.h"
#include "narrate.h"
#include "normalize.h"

/* What a worker reports, in part (espeak-ng 1.51's own voice files). */
static const char voices[] = "pt 5 roa/pt\npt-pt 5 roa/pt\npt-br 5 roa/pt-BR\npt 6 roa/pt-BR\n"
                             "cmn 5 sit/cmn\nzh-cmn 5 sit/cmn\nzh 5 sit/cmn\nyue 5 sit/yue\n"
                             "en-gb 2 gmw/en\nen 2 gmw/en\nen-us 2 gmw/en-US\nen 3 gmw/en-US\n"
                             "nb 5 gmq/nb\nno 5 gmq/nb\nes-419 5 roa/es-419\nes-mx 6 roa/es-419\n"
                             "es 5 roa/es\nbroken line\n";

Test(language, picks_espeak_voices_for_tags)
{
    nr_voice_list *l = nr_voice_list_parse(voices, strlen(voices));
    cr_assert_eq(nr_voice_list_count(l), 17);
    int exact;
    const struct {
        const char *tag, *voice;
        int exact;
    } cases[] = {
        { "pt", "roa/pt", 1 },        { "pt-BR", "roa/pt-BR", 1 }, { "pt_br", "roa/pt-BR", 1 },
        { "pt-AO", "roa/pt", 0 },     { "zh", "sit/cmn", 1 },      { "zh-Hans-CN", "sit/cmn", 0 },
        { "zh-HK", "sit/yue", 1 },    { "en-GB", "gmw/en", 1 },    { "en-US", "gmw/en-US", 1 },
        { "no", "gmq/nb", 1 },        { "es-MX", "roa/es-419", 1 }, { "es-AR", "roa/es", 0 },
        { "por", "roa/pt", 1 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *got = nr_voice_list_pick(l, cases[i].tag, &exact);
        cr_assert(got && strcmp(got, cases[i].voice) == 0, "%s: %s", cases[i].tag, got);
        cr_expect_eq(exact, cases[i].exact, "%s", cases[i].tag);
    }
    cr_assert_null(nr_voice_list_pick(l, "xx", NULL));
    cr_assert_null(nr_voice_list_pick(l, "", NULL));
    nr_voice_list_free(l);
}

static narrate_article *parse(const char *text)
{
    narrate_error err;
    narrate_article *a = narrate_article_parse(text, strlen(text), &err);
    cr_assert_not_null(a, "%s", err.message);
    return a;
}

static void expect_voice(narrate_engine *e, const char *text, const char *name, const char *espeak)
{
    narrate_article *a = parse(text);
    narrate_voice v;
    narrate_error err;
    cr_assert_eq(narrate_voice_for_article(e, a, NULL, &v, &err), 0, "%s", err.message);
    cr_expect_str_eq(v.name, name, "%s", text);
    cr_expect_str_eq(v.espeak_voice, espeak, "%s", text);
    narrate_article_free(a);
}

Test(language, every_language_gets_its_own_voice)
{
    narrate_engine *e = test_engine(1);
    expect_voice(e, "Language: it\n\nCiao.", "it", "roa/it");
    expect_voice(e, "Language: pt-BR\n\nOlá.", "pt-br", "roa/pt-BR");
    expect_voice(e, "Language: pt\n\nOlá.", "pt", "roa/pt");
    expect_voice(e, "Language: zh\n\n你好。", "zh", "sit/cmn");
    expect_voice(e, "Language: en-GB\n\nHello.", "default", "gmw/en");
    expect_voice(e, "Language: en\n\nHello.", "default", "en-us");
    expect_voice(e, "Language: es-MX\n\nHola.", "es", "roa/es-419");
    expect_voice(e, "Language: es\n\nHola.", "es", "es");
    /* The default profile's settings, without its English lexicon. */
    narrate_article *a = parse("Language: ar\n\nمرحبا");
    narrate_voice v, d;
    narrate_error err;
    cr_assert_eq(narrate_voice_for_article(e, a, NULL, &v, &err), 0, "%s", err.message);
    cr_assert_eq(narrate_voice_find(e, "default", &d, &err), 0, "%s", err.message);
    cr_expect_eq(v.rate, d.rate);
    cr_expect_float_eq(v.gain_db, d.gain_db, 1e-9);
    cr_expect_str_eq(v.lexicon, "");
    cr_expect_str_eq(v.language, "ar");
    narrate_article_free(a);
    narrate_engine_destroy(e);
}

Test(language, unspeakable_language_is_an_error)
{
    narrate_engine *e = test_engine(1);
    narrate_article *a = parse("Title: Zut\nLanguage: xx\n\nText.");
    narrate_voice v;
    narrate_error err;
    cr_assert_eq(narrate_voice_for_article(e, a, NULL, &v, &err), NARRATE_EVOICE);
    cr_assert_str_eq(err.message, "no voice for language 'xx' 'Zut'");
    narrate_article_free(a);
    narrate_engine_destroy(e);
}

#define IT "Il governo ha approvato ieri sera la nuova legge di bilancio, che prevede un aumento " \
           "della spesa per la sanità e per l'istruzione pubblica. Le opposizioni hanno criticato " \
           "duramente il provvedimento, definendolo insufficiente. Il ministro dell'economia ha " \
           "difeso la manovra, spiegando che i conti pubblici restano sotto controllo e che la " \
           "crescita del paese dovrebbe accelerare nel corso del prossimo anno."
#define ES "El Gobierno aprobó anoche el nuevo presupuesto, que prevé un aumento del gasto en " \
           "sanidad y en educación pública. La oposición criticó con dureza la medida y la " \
           "calificó de insuficiente. El ministro de Economía defendió las cuentas y explicó que " \
           "el crecimiento del país debería acelerarse a lo largo del próximo año."

static void expect_language(const char *text, const char *lang, narrate_language_source src)
{
    narrate_article *a = parse(text);
    const char *got = narrate_article_language(a);
    if (lang)
        cr_expect(got && strcmp(got, lang) == 0, "%s: %s", text, got ? got : "NULL");
    else
        cr_expect_null(got, "%s", text);
    cr_expect_eq(narrate_article_language_source(a), src, "%.40s", text);
    narrate_article_free(a);
}

Test(language, identified_from_the_text)
{
    expect_language("Title: Bilancio\n\n" IT, "it", NARRATE_LANGUAGE_DETECTED);
    expect_language("Title: Presupuesto\n\n" ES, "es", NARRATE_LANGUAGE_DETECTED);
    /* Declared and plainly another language: the text wins. */
    expect_language("Language: en\n\n" IT, "it", NARRATE_LANGUAGE_DETECTED);
    /* Declared and agreeing, or too short to tell: the declared one stays. */
    expect_language("Language: it-CH\n\n" IT, "it-CH", NARRATE_LANGUAGE_DECLARED);
    expect_language("Language: en\n\nIl governo ha approvato la legge.", "en",
                    NARRATE_LANGUAGE_DECLARED);
    expect_language("Il governo ha approvato la legge.", NULL, NARRATE_LANGUAGE_DEFAULT);
    /* A language the models do not know cannot be contradicted. */
    expect_language("Language: yue\n\n" IT, "yue", NARRATE_LANGUAGE_DECLARED);
    cr_expect(nr_langid_same("nb", "no-NO"));
    cr_expect(nr_langid_same("zh-Hans", "cmn"));
    cr_expect(!nr_langid_same("es", "pt"));
}

/* The one memo file under dir/lang/, or NULL. */
static char *only_memo(const char *dir)
{
    char pattern[4200];
    snprintf(pattern, sizeof pattern, "%s/lang/*/*", dir);
    glob_t g;
    char *path = glob(pattern, 0, NULL, &g) == 0 && g.gl_pathc == 1 ? strdup(g.gl_pathv[0]) : NULL;
    globfree(&g);
    return path;
}

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    cr_assert_not_null(f);
    fputs(text, f);
    fclose(f);
}

/* The classifier's verdict remembered in a cache directory: the same verdict
** as without, read back from the memo, and a memo that is not an answer
** never trusted. */
Test(language, verdicts_remembered)
{
    char *dir = test_tmpdir();
    const char *texts[] = { IT, ES, "Too short." };
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        nr_langid plain, first, again;
        int want = nr_langid_classify(texts[i], strlen(texts[i]), &plain);
        cr_expect_eq(nr_langid_classify_memo(texts[i], strlen(texts[i]), dir, &first), want);
        cr_expect_eq(nr_langid_classify_memo(texts[i], strlen(texts[i]), dir, &again), want);
        cr_expect_str_eq(first.language, plain.language);
        cr_expect_str_eq(again.language, plain.language);
        cr_expect_eq(again.candidates, plain.candidates);
    }
    /* IT and ES have one memo each; a text too short to classify has none. */
    char pattern[4200];
    snprintf(pattern, sizeof pattern, "%s/lang/*/*", dir);
    glob_t g;
    cr_assert_eq(glob(pattern, 0, NULL, &g), 0);
    cr_expect_eq(g.gl_pathc, 2);
    globfree(&g);
    test_rmdir(dir);

    dir = test_tmpdir();
    nr_langid id;
    cr_assert_eq(nr_langid_classify_memo(IT, strlen(IT), dir, &id), 1);
    char *memo = only_memo(dir);
    cr_assert_not_null(memo);
    /* What is remembered is what is used: the classifier is not asked again. */
    write_file(memo, "[pt--utf8][it--utf8]\n");
    cr_assert_eq(nr_langid_classify_memo(IT, strlen(IT), dir, &id), 1);
    cr_expect_str_eq(id.language, "pt");
    cr_expect_eq(id.candidates, 2);
    /* Anything else is classified again, and rewritten. */
    const char *bad[] = { "", "[it--utf8]", "[it--utf8]\n\n", "[it/../x]\n", "it\n", "[]\n" };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        write_file(memo, bad[i]);
        cr_assert_eq(nr_langid_classify_memo(IT, strlen(IT), dir, &id), 1, "%s", bad[i]);
        cr_expect_str_eq(id.language, "it", "%s", bad[i]);
        FILE *f = fopen(memo, "r");
        char line[64] = "";
        cr_assert_not_null(f);
        cr_expect_not_null(fgets(line, sizeof line, f));
        fclose(f);
        cr_expect_eq(strncmp(line, "[it", 3), 0, "%s -> %s", bad[i], line);
    }
    free(memo);
    test_rmdir(dir);
}

/* An article read through a cache is the article read without one. */
Test(language, read_cached_is_read)
{
    char *dir = test_tmpdir();
    char path[4200];
    snprintf(path, sizeof path, "%s/a.txt", dir);
    write_file(path, "Language: en\n\n" IT);
    narrate_error err;
    narrate_cache *c = narrate_cache_open(dir, &err);
    cr_assert_not_null(c, "%s", err.message);
    for (int round = 0; round < 2; round++) {
        narrate_article *a = narrate_article_read_cached(path, NARRATE_INPUT_AUTO, 0, c, &err);
        cr_assert_not_null(a, "%s", err.message);
        cr_expect_str_eq(narrate_article_language(a), "it", "round %d", round);
        cr_expect_eq(narrate_article_language_source(a), NARRATE_LANGUAGE_DETECTED);
        narrate_article_free(a);
    }
    char *memo = only_memo(dir);
    cr_expect_not_null(memo);
    free(memo);
    narrate_cache_close(c);
    test_rmdir(dir);
}

Test(language, script_follows_the_detected_language)
{
    narrate_engine *e = test_engine(1);
    narrate_article *a = parse("Title: Presupuesto\n\nEl Sr. Gómez llegó. " ES);
    narrate_voice v;
    narrate_error err;
    cr_assert_eq(narrate_voice_for_article(e, a, NULL, &v, &err), 0, "%s", err.message);
    cr_assert_str_eq(v.name, "es");
    narrate_script *s = narrate_script_create(a, &v, NULL, &err);
    cr_assert_not_null(s, "%s", err.message);
    cr_expect_str_eq(narrate_script_sentence(s, 1)->spoken, "El señor Gómez llegó.");
    narrate_script_free(s);
    narrate_article_free(a);
    narrate_engine_destroy(e);
}

/* The abbreviation tables of src/lang/ serve the splitter and the normalizer alike;
** and the classes of each language's normalization. */
Test(language, normalization)
{
    const struct {
        const char *lang, *in, *want;
    } cases[] = {
        { "it", "Il Sig. Bianchi è arrivato.", "Il signor Bianchi è arrivato." },
        { "it", "La Dott.ssa Rossi, ecc.", "La dottoressa Rossi, eccetera." },
        { "it", "Vedi p.es. il cap. 3.", "Vedi per esempio il capitolo tre." },
        { "pt-BR", "O Sr. Souza chegou.", "O senhor Souza chegou." },
        { "pt", "A Dra. Lima, nº 5, etc.", "A doutora Lima, número cinco, etcétera." },
        { "es", "Cuesta 1 $.", "Cuesta un dólar." },
        { "es", "Lun. 15, párrf. 5", "lunes quince, párrafo cinco" },
        { "de", "in der Hauptstr. 5", "in der Hauptstraße 5" },
        { "de", "eine kath. Kirche, z. B. heute", "eine katholische Kirche, zum Beispiel heute" },
        { "fr", "Mme Dupont, p. ex. hier", "Madame Dupont, par exemple hier" },
        { "de", "Um 08:30 Uhr und um 20.00 Uhr.", "Um acht Uhr dreißig und um zwanzig Uhr." },
        /* English classes the issue listed as missing */
        { "en", "It weighs 40KG.", "It weighs forty kilograms." },
        { "en", "A 500 ml bottle.", "A five hundred milliliter bottle." },
        { "en", "A 4GB card.", "A four gigabyte card." },
        { "en", "The 1.2 m people affected.", "The one point two million people affected." },
        { "en", "It took 15 min.", "It took fifteen minutes." },
        { "en", "Approx. 200 came.", "approximately two hundred came." },
        { "en", "On Sat. the rally began.", "On Saturday the rally began." },
        { "en", "From Monday-Friday.", "From Monday to Friday." },
        { "en", "The IP is 10.0.0.1.", "The IP is ten dot zero dot zero dot one." },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *got = nr_normalize(cases[i].in, cases[i].lang);
        cr_expect_str_eq(got, cases[i].want, "[%s] %s", cases[i].lang, cases[i].in);
        free(got);
    }
}

