/* test_language.c - espeak-ng's voice for any language, and telling the language from the text. */
#include <criterion/criterion.h>
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

