/* test_lang_rules.c - each language's normalization rules, class by class, on representative
** news sentences: the exact words espeak-ng is given (src/lang/xx.c). */
#include <criterion/criterion.h>
#include <stdlib.h>

#include "normalize.h"

typedef struct {
    const char *source, *spoken;
} pair;

static void check(const char *language, const pair *p, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char *got = nr_normalize(p[i].source, language);
        cr_assert_not_null(got);
        cr_expect_str_eq(got, p[i].spoken, "[%s] \"%s\"", language, p[i].source);
        free(got);
    }
}

#define CHECK(language, ...)                                          \
    do {                                                              \
        static const pair pairs[] = { __VA_ARGS__ };                  \
        check(language, pairs, sizeof pairs / sizeof pairs[0]);       \
    } while (0)

Test(lang_en, range)
{
    CHECK("en",
          { "From 9am-5pm.", "From nine AM to five PM." },
          { "Up 2%-3%.", "Up two to three percent." },
          { "The 1990s-2000s.", "The nineteen nineties to two thousands." },
          { "The 2019-20 season.", "The twenty nineteen to twenty season." });
}

Test(lang_en, date)
{
    CHECK("en",
          { "On 12/03/2024.", "On December third, twenty twenty-four." },
          { "On MAR. 3.", "On March third." },
          { "Due 3/15.", "Due March fifteenth." },
          { "On 2024-03-12.", "On March twelfth, twenty twenty-four." });
}

Test(lang_en, phone)
{
    CHECK("en",
          { "Call (555) 123-4567.", "Call five five five, one two three, four five six seven." },
          { "Call 1-800-555-0199.", "Call one, eight hundred, five five five, zero one nine nine." });
}

Test(lang_en, number)
{
    CHECK("en",
          { "Server 10.0.0.1 failed.", "Server ten dot zero dot zero dot one failed." },
          { "The 401(k) plan.", "The four oh one K plan." },
          { "Flight 714.", "Flight seven fourteen." },
          { "Room 101.", "Room one oh one." });
}

Test(lang_en, unit)
{
    CHECK("en",
          { "Lift 40KG daily.", "Lift forty kilograms daily." },
          { "It costs $5/kg.", "It costs five dollars per kilogram." },
          { "Rent is $2,000/mo.", "Rent is two thousand dollars a month." },
          { "Plans at 100 Mbps.", "Plans at one hundred megabits per second." },
          { "It is 6 in. long.", "It is six inches long." });
}

Test(lang_en, time)
{
    CHECK("en",
          { "He ran it in 1:05:30.", "He ran it in one hour, five minutes and thirty seconds." });
}

Test(lang_en, acronym)
{
    CHECK("en",
          { "The FOMC met.", "The F O M C met." },
          { "NATO met.", "NATO met." });
}

Test(lang_en, roman)
{
    CHECK("en",
          { "A World War II\xE2\x80\x93" "era plane.", "A World War two era plane." });
}

Test(lang_en, abbreviation)
{
    CHECK("en",
          { "Sen. Tim Kaine (D-Va.)", "Senator Tim Kaine (Democrat of Virginia)" },
          { "He sat.", "He sat." },
          { "Approx. 5 people.", "approximately five people." });
}

Test(lang_es, ordinal)
{
    CHECK("es",
          { "Vive en el 2.\xC2\xBA piso.", "Vive en el segundo piso." },
          { "Qued\xC3\xB3 en 3.\xC2\xAA posici\xC3\xB3n.", "Qued\xC3\xB3 en tercera posici\xC3\xB3n." },
          { "El 1.er ministro.", "El primer ministro." },
          { "Celebr\xC3\xB3 su 50.\xC2\xBA aniversario.", "Celebr\xC3\xB3 su quincuag\xC3\xA9simo aniversario." });
}

Test(lang_es, roman)
{
    CHECK("es",
          { "Felipe VI visit\xC3\xB3 Sevilla.", "Felipe sexto visit\xC3\xB3 Sevilla." },
          { "Isabel II muri\xC3\xB3.", "Isabel segunda muri\xC3\xB3." },
          { "Ocurri\xC3\xB3 en el siglo XXI.", "Ocurri\xC3\xB3 en el siglo veintiuno." });
}

Test(lang_es, time)
{
    CHECK("es",
          { "Empieza a las 14:30 h.", "Empieza a las catorce y treinta." },
          { "A las 9:00 h.", "A las nueve en punto." },
          { "A las 10 h.", "A las diez horas." },
          { "Tard\xC3\xB3 1:05:30.", "Tard\xC3\xB3 una hora, 5 minutos y 30 segundos." });
}

Test(lang_es, currency)
{
    CHECK("es",
          { "Cuesta 1 $.", "Cuesta un d\xC3\xB3lar." },
          { "Pidi\xC3\xB3 21 \xE2\x82\xAC.", "Pidi\xC3\xB3 veinti\xC3\xBAn euros." },
          { "Vale 3,50 \xE2\x82\xAC.", "Vale tres euros con cincuenta." },
          { "Invirti\xC3\xB3 $5 millones.", "Invirti\xC3\xB3 cinco millones de d\xC3\xB3lares." });
}

Test(lang_es, cardinal)
{
    CHECK("es",
          { "Compr\xC3\xB3 1 casa.", "Compr\xC3\xB3 una casa." },
          { "Hay 1 problema.", "Hay un problema." },
          { "Votaron 1.250 personas.", "Votaron mil doscientas cincuenta personas." });
}

Test(lang_es, unit)
{
    CHECK("es",
          { "Iba a 120 km/h.", "Iba a ciento veinte kil\xC3\xB3metros por hora." },
          { "Dispone de 1 min. para responder.", "Dispone de un minuto para responder." });
}

Test(lang_es, percent)
{
    CHECK("es",
          { "Subi\xC3\xB3 un 5 %.", "Subi\xC3\xB3 un cinco por ciento." });
}

Test(lang_es, range)
{
    CHECK("es",
          { "Gan\xC3\xB3 3-1.", "Gan\xC3\xB3 tres a uno." });
}

Test(lang_es, abbreviation)
{
    CHECK("es",
          { "La Sra. G\xC3\xB3mez lleg\xC3\xB3.", "La se\xC3\xB1ora G\xC3\xB3mez lleg\xC3\xB3." });
}

Test(lang_fr, ordinal)
{
    CHECK("fr",
          { "Le 1er mai.", "Le premier mai." },
          { "Il est arriv\xC3\xA9 3e.", "Il est arriv\xC3\xA9 troisi\xC3\xA8me." },
          { "La 21e journ\xC3\xA9" "e.", "La vingt et uni\xC3\xA8me journ\xC3\xA9" "e." },
          { "La 2nde guerre.", "La seconde guerre." });
}

Test(lang_fr, roman)
{
    CHECK("fr",
          { "Au XXIe si\xC3\xA8" "cle.", "Au vingt et uni\xC3\xA8me si\xC3\xA8" "cle." },
          { "Louis XIV r\xC3\xA9gnait.", "Louis 14 r\xC3\xA9gnait." },
          { "Le pape Jean-Paul II.", "Le pape Jean-Paul 2." },
          { "Fran\xC3\xA7ois Ier.", "Fran\xC3\xA7ois premier." });
}

Test(lang_fr, time)
{
    CHECK("fr",
          { "\xC3\x80 15 h 30.", "\xC3\x80 quinze heures trente." },
          { "\xC3\x80 20h15.", "\xC3\x80 vingt heures quinze." },
          { "\xC3\x80 1 h du matin.", "\xC3\x80 une heure du matin." });
}

Test(lang_fr, cardinal)
{
    CHECK("fr",
          { "Il a 1 fille.", "Il a une fille." },
          { "1 250 personnes ont vot\xC3\xA9.", "mille deux cent cinquante personnes ont vot\xC3\xA9." },
          { "Il y a 80 d\xC3\xA9put\xC3\xA9s.", "Il y a quatre-vingts d\xC3\xA9put\xC3\xA9s." });
}

Test(lang_fr, currency)
{
    CHECK("fr",
          { "Il a d\xC3\xA9pens\xC3\xA9 2 000 \xE2\x82\xAC.", "Il a d\xC3\xA9pens\xC3\xA9 deux mille euros." },
          { "\xC3\x87" "a vaut 1 \xC2\xA3.", "\xC3\x87" "a vaut une livre." });
}

Test(lang_fr, unit)
{
    CHECK("fr",
          { "Un appartement de 90 m\xC2\xB2.", "Un appartement de quatre-vingt-dix m\xC3\xA8tres carr\xC3\xA9s." });
}

Test(lang_fr, percent)
{
    CHECK("fr",
          { "Une hausse de 2,5 %.", "Une hausse de deux virgule cinq pour cent." });
}

Test(lang_fr, abbreviation)
{
    CHECK("fr",
          { "Mme Dupont a parl\xC3\xA9.", "Madame Dupont a parl\xC3\xA9." },
          { "M. Martin est arriv\xC3\xA9.", "Monsieur Martin est arriv\xC3\xA9." },
          { "Le n\xC2\xB0 5.", "Le num\xC3\xA9ro cinq." });
}

Test(lang_de, ordinal)
{
    CHECK("de",
          { "Am 3. Oktober feiern wir.", "Am dritten Oktober feiern wir." },
          { "Im 1.\xE2\x80\x93" "3. Jahrhundert.", "Im ersten bis dritten Jahrhundert." },
          { "Aus dem 1. bis 3. Jahrhundert.", "Aus dem ersten bis dritten Jahrhundert." },
          { "Zum 50. Geburtstag.", "Zum f\xC3\xBCnfzigsten Geburtstag." },
          { "Er kam am 3. Es regnete.", "Er kam am 3. Es regnete." });
}

Test(lang_de, date)
{
    CHECK("de",
          { "Geboren am 12.03.2024.", "Geboren am zw\xC3\xB6lften M\xC3\xA4rz zweitausendvierundzwanzig." },
          { "Seit 1998.", "Seit neunzehnhundertachtundneunzig." });
}

Test(lang_de, roman)
{
    CHECK("de",
          { "Ludwig XIV. regierte.", "Ludwig der Vierzehnte regierte." },
          { "Unter Friedrich II.", "Unter Friedrich dem Zweiten." },
          { "Elisabeth II. starb.", "Elisabeth die Zweite starb." });
}

Test(lang_de, time)
{
    CHECK("de",
          { "Um 14:30 Uhr.", "Um vierzehn Uhr drei\xC3\x9Fig." },
          { "Um 1:30 Uhr.", "Um ein Uhr drei\xC3\x9Fig." },
          { "Er lief 1:05:30.", "Er lief eine Stunde, 5 Minuten und 30 Sekunden." });
}

Test(lang_de, score)
{
    CHECK("de",
          { "Bayern gewann 3:1.", "Bayern gewann drei zu eins." });
}

Test(lang_de, cardinal)
{
    CHECK("de",
          { "Es stimmten 1.250 Menschen ab.", "Es stimmten tausendzweihundertf\xC3\xBCnfzig Menschen ab." },
          { "Sie hat 1 Tochter.", "Sie hat eine Tochter." },
          { "Es waren 1 Million Menschen.", "Es waren eine Million Menschen." });
}

Test(lang_de, percent)
{
    CHECK("de",
          { "Zu 100 % sicher.", "Zu hundert Prozent sicher." });
}

Test(lang_de, fraction)
{
    CHECK("de",
          { "Eine 1/2 Stunde.", "Eine halbe Stunde." },
          { "Es sind 3/4 der Stimmen.", "Es sind drei Viertel der Stimmen." });
}

Test(lang_de, currency)
{
    CHECK("de",
          { "Er verdient 1.500 Dollar.", "Er verdient tausendf\xC3\xBCnfhundert Dollar." },
          { "Er investierte 5 Mio. Euro.", "Er investierte 5 Millionen Euro." });
}

Test(lang_de, abbreviation)
{
    CHECK("de",
          { "Dr. med. Weber kam.", "Doktor med Weber kam." },
          { "Die kath. Kirche.", "Die katholische Kirche." });
}

Test(lang_it, ordinal)
{
    CHECK("it",
          { "Il 50\xC2\xB0 anniversario.", "Il cinquantesimo anniversario." },
          { "La 1\xC2\xAA volta.", "La prima volta." });
}

Test(lang_it, roman)
{
    CHECK("it",
          { "Nel XXI secolo.", "Nel ventunesimo secolo." },
          { "Papa Giovanni XXIII.", "Papa Giovanni ventitreesimo." },
          { "Vittorio Emanuele II.", "Vittorio Emanuele secondo." });
}

Test(lang_it, cardinal)
{
    CHECK("it",
          { "Ci sono 21 candidati.", "Ci sono ventuno candidati." },
          { "Ha 1 figlia.", "Ha una figlia." },
          { "Hanno votato 1.250 persone.", "Hanno votato milleduecentocinquanta persone." });
}

Test(lang_it, date)
{
    CHECK("it",
          { "Il 12/03/2024.", "Il dodici marzo duemilaventiquattro." });
}

Test(lang_it, time)
{
    CHECK("it",
          { "Alle ore 20.15.", "Alle ore venti e quindici." },
          { "Alle 18:00.", "Alle diciotto." });
}

Test(lang_it, currency)
{
    CHECK("it",
          { "Costa 3,50 \xE2\x82\xAC.", "Costa tre euro e cinquanta." });
}

Test(lang_it, fraction)
{
    CHECK("it",
          { "Una 1/2 ora.", "Una mezz'ora." });
}

Test(lang_it, abbreviation)
{
    CHECK("it",
          { "Il Sig. Bianchi \xC3\xA8 arrivato.", "Il signor Bianchi \xC3\xA8 arrivato." },
          { "L'Avv. Ghedini.", "L'avvocato Ghedini." });
}

Test(lang_pt, ordinal)
{
    CHECK("pt",
          { "Chegou em 2.\xC2\xBA lugar.", "Chegou em segundo lugar." },
          { "A 1.\xC2\xAA vez.", "A primeira vez." });
}

Test(lang_pt, roman)
{
    CHECK("pt",
          { "D. Jo\xC3\xA3o VI.", "dom Jo\xC3\xA3o sexto." },
          { "Papa Bento XVI.", "Papa Bento dezasseis." },
          { "No s\xC3\xA9" "culo XXI.", "No s\xC3\xA9" "culo vinte e um." });
}

Test(lang_pt, cardinal)
{
    CHECK("pt",
          { "Votaram 1.250 pessoas.", "Votaram mil duzentas e cinquenta pessoas." },
          { "Tem 1 filha.", "Tem uma filha." },
          { "Desde 1998.", "Desde mil novecentos e noventa e oito." });
}

Test(lang_pt, time)
{
    CHECK("pt",
          { "\xC3\x80s 14h30.", "\xC3\x80s catorze e trinta." },
          { "\xC3\x80s 9h.", "\xC3\x80s nove horas." });
}

Test(lang_pt, date)
{
    CHECK("pt",
          { "Em 12/03/2024.", "Em doze de mar\xC3\xA7o de dois mil e vinte e quatro." });
}

Test(lang_pt, currency)
{
    CHECK("pt",
          { "Custa R$ 50.", "Custa cinquenta reais." },
          { "Custa 3,50 \xE2\x82\xAC.", "Custa tr\xC3\xAAs euros e cinquenta." });
}

Test(lang_pt, abbreviation)
{
    CHECK("pt",
          { "O Sr. Souza chegou.", "O senhor Souza chegou." });
}
