/* test_segment.c - the sentence splitter: each rule class in English, Spanish,
** French and German, other languages, the Golden Rules, hostile input. */
#include <criterion/criterion.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "segment.h"
#include "segment_rules.h"

/* ------------------------------------------------------------- helpers */

/* What nr_segment reported, checked against its contract on the way: spans
** in order, not overlapping, not empty, with no space at either end and only
** spaces between them. */
typedef struct split {
    const char *text;
    size_t next;     /* end of the previous span */
    char *out;       /* sentences joined by '|', or NULL to only count them */
    size_t cap, len;
    size_t count;
    const char *bad; /* the first broken promise */
    int stop_after;  /* return non-zero after this many sentences (0: never) */
} split;

static int collect(const char *text, size_t start, size_t len, void *userdata)
{
    split *s = userdata;
    if (!s->bad && text != s->text)
        s->bad = "span of another text";
    if (!s->bad && start < s->next)
        s->bad = "span overlaps or goes back";
    if (!s->bad && len == 0)
        s->bad = "empty span";
    if (!s->bad && (text[start] == ' ' || text[start + len - 1] == ' '))
        s->bad = "span not trimmed";
    for (size_t i = s->next; !s->bad && i < start; i++)
        if (text[i] != ' ')
            s->bad = "non-space byte left out";
    s->next = start + len;
    s->count++;
    if (s->out && s->len + len + 2 <= s->cap) {
        memcpy(s->out + s->len, text + start, len);
        s->len += len;
        s->out[s->len++] = '|';
        s->out[s->len] = '\0';
    }
    return s->stop_after && (int)s->count >= s->stop_after ? 7 : 0;
}

/* Run the splitter and check the contract, including the tail. */
static int run(const char *lang, const char *para, split *s)
{
    s->text = para;
    int rc = nr_segment(para, lang, collect, s);
    if (rc == 0)
        for (size_t i = s->next; !s->bad && para[i]; i++)
            if (para[i] != ' ')
                s->bad = "non-space byte left out at the end";
    return rc;
}

/* para in lang must split into expected: sentences each followed by '|'. */
static void check(const char *lang, const char *para, const char *expected)
{
    char out[4096] = "";
    split s = { .out = out, .cap = sizeof out };
    cr_assert_eq(run(lang, para, &s), 0);
    cr_assert_null(s.bad, "[%s] %s: %s", lang ? lang : "NULL", para, s.bad);
    cr_expect_str_eq(out, expected, "[%s] %s\n  got:  %s\n  want: %s", lang ? lang : "NULL", para,
                     out, expected);
}

/* ------------------------------------------------------------ rule classes */

Test(segment, titles_and_honorifics)
{
    check("en", "Mr. Smith met Mrs. Lee, Ms. Park and Prof. Ng. Dr. Jones came too.",
          "Mr. Smith met Mrs. Lee, Ms. Park and Prof. Ng.|Dr. Jones came too.|");
    check("en", "The Rev. Al Green and the Hon. Jane Doe spoke.",
          "The Rev. Al Green and the Hon. Jane Doe spoke.|");
    check("es", "El Sr. García y la Sra. López llegaron. La Dra. Ruiz y la Srta. Gil no.",
          "El Sr. García y la Sra. López llegaron.|La Dra. Ruiz y la Srta. Gil no.|");
    check("fr", "M. Dupont et Mme. Martin sont arrivés. Le Dr. Petit et Mlle. Roy aussi.",
          "M. Dupont et Mme. Martin sont arrivés.|Le Dr. Petit et Mlle. Roy aussi.|");
    check("fr", "M. Le Pen a parlé. Mme Durand aussi.", "M. Le Pen a parlé.|Mme Durand aussi.|");
    check("fr", "La tour mesure 300 m. Elle est haute.", "La tour mesure 300 m.|Elle est haute.|");
    check("en", "The wall is 10 ft. The gate is at Ft. Worth.",
          "The wall is 10 ft.|The gate is at Ft. Worth.|");
    check("de", "Dr. Müller und Prof. Schmidt kamen. Hr. Meier und Fr. Weber nicht.",
          "Dr. Müller und Prof. Schmidt kamen.|Hr. Meier und Fr. Weber nicht.|");
}

Test(segment, months_and_ordinals)
{
    check("en", "The attack came on Oct. 7. The talks began Jan. 6, 2024. Sept. 11 followed.",
          "The attack came on Oct. 7.|The talks began Jan. 6, 2024.|Sept. 11 followed.|");
    check("en", "It was Mar. 3. We marched. Then we left.",
          "It was Mar. 3.|We marched.|Then we left.|");
    check("es", "Llegó el 5 de sept. 2023. Salió el 3 de oct. 2024. Nada más.",
          "Llegó el 5 de sept. 2023.|Salió el 3 de oct. 2024.|Nada más.|");
    check("fr", "Il est né le 3 janv. 1990. Elle le 5 févr. 1992. Voilà.",
          "Il est né le 3 janv. 1990.|Elle le 5 févr. 1992.|Voilà.|");
    check("de", "Am 3. Oktober 2023 war Feiertag. Der 2. Weltkrieg endete 1945.",
          "Am 3. Oktober 2023 war Feiertag.|Der 2. Weltkrieg endete 1945.|");
    check("de", "Am 3. Okt. 2023 und zum 5. Mal gewann er. Er wurde 3. Die anderen nicht.",
          "Am 3. Okt. 2023 und zum 5. Mal gewann er.|Er wurde 3.|Die anderen nicht.|");
    check("de", "Im 19. Jahrhundert lebte er am 1. Mai in Berlin. Dann zog er um.",
          "Im 19. Jahrhundert lebte er am 1. Mai in Berlin.|Dann zog er um.|");
}

Test(segment, military_and_political_ranks)
{
    check("en", "Lt. Col. John Smith and Gen. Mark Milley met Sgt. Maj. Ray Lee. Gov. Ellen Marsh, "
                "Sen. Ted Cruz and Rep. Adam Schiff agreed. Capt. Ng and Adm. Ko did not.",
          "Lt. Col. John Smith and Gen. Mark Milley met Sgt. Maj. Ray Lee.|Gov. Ellen Marsh, "
          "Sen. Ted Cruz and Rep. Adam Schiff agreed.|Capt. Ng and Adm. Ko did not.|");
    check("es", "El Gral. Pérez y el Cnel. Gómez llegaron. El Tte. Ruiz no.",
          "El Gral. Pérez y el Cnel. Gómez llegaron.|El Tte. Ruiz no.|");
    check("fr", "Le Gén. Dupont et le Lt. Martin sont là. Le Sgt. Roy aussi.",
          "Le Gén. Dupont et le Lt. Martin sont là.|Le Sgt. Roy aussi.|");
    check("de", "Gen. Weber und Maj. Koch sprachen mit Abg. Braun. Hptm. Schulz schwieg.",
          "Gen. Weber und Maj. Koch sprachen mit Abg. Braun.|Hptm. Schulz schwieg.|");
}

Test(segment, company_and_name_suffixes)
{
    check("en", "They closed the deal with Pitt, Briggs & Co. at noon. Apple Inc. said so.",
          "They closed the deal with Pitt, Briggs & Co. at noon.|Apple Inc. said so.|");
    check("en", "They hired Pitt, Briggs & Co. It closed yesterday. Acme Corp. Chief Jo Lee "
                "agreed.",
          "They hired Pitt, Briggs & Co.|It closed yesterday.|Acme Corp. Chief Jo Lee agreed.|");
    check("en", "Martin Luther King Jr. The leader spoke. John Smith Sr. Smith agreed.",
          "Martin Luther King Jr.|The leader spoke.|John Smith Sr. Smith agreed.|");
    check("es", "Trabaja en López Hnos. La empresa crece. Telefónica Cía. Ltda. Madrid lo confirmó.",
          "Trabaja en López Hnos.|La empresa crece.|Telefónica Cía. Ltda. Madrid lo confirmó.|");
    check("fr", "Il travaille chez Dupont Cie. Le groupe grandit. Renault Cie. Paris a confirmé.",
          "Il travaille chez Dupont Cie.|Le groupe grandit.|Renault Cie. Paris a confirmé.|");
    check("de", "Die Müller GmbH & Co. KG zahlte. Sie gehört Schmidt & Co. Die Firma wächst.",
          "Die Müller GmbH & Co. KG zahlte.|Sie gehört Schmidt & Co.|Die Firma wächst.|");
}

Test(segment, places)
{
    check("en", "St. Michael's Church is on 5th st. near the light. I can see Mt. Fuji from here.",
          "St. Michael's Church is on 5th st. near the light.|I can see Mt. Fuji from here.|");
    check("en", "He lives on Fifth Ave. The Justice Dept. Office is on Elm St. It is old.",
          "He lives on Fifth Ave.|The Justice Dept. Office is on Elm St.|It is old.|");
    check("es", "Vive en la Av. Juárez y en la Avda. de Mayo. Sta. Fe es grande.",
          "Vive en la Av. Juárez y en la Avda. de Mayo.|Sta. Fe es grande.|");
    check("fr", "Il habite au 12 av. Foch, près du bd. Haussmann. St. Denis est loin.",
          "Il habite au 12 av. Foch, près du bd. Haussmann.|St. Denis est loin.|");
    check("de", "Er wohnt in der Hauptstr. 5 in St. Gallen. Die Str. 7 ist neu.",
          "Er wohnt in der Hauptstr. 5 in St. Gallen.|Die Str. 7 ist neu.|");
}

Test(segment, number_signs)
{
    check("en", "He is the No. 1 seed. No. 2 is next. He said no. The end.",
          "He is the No. 1 seed.|No. 2 is next.|He said no.|The end.|");
    check("en", "You can find it at N°. 1026.253.553. That is where the treasure is.",
          "You can find it at N°. 1026.253.553.|That is where the treasure is.|");
    check("es", "Vive en el núm. 5 y trabaja en el nº. 7. Es cerca.",
          "Vive en el núm. 5 y trabaja en el nº. 7.|Es cerca.|");
    check("fr", "C’est le n°. 5 de la liste, p. 12. C’est tout.",
          "C’est le n°. 5 de la liste, p. 12.|C’est tout.|");
    check("de", "Er wohnt in Nr. 5, siehe S. 12 und Abs. 3. Das reicht.",
          "Er wohnt in Nr. 5, siehe S. 12 und Abs. 3.|Das reicht.|");
}

Test(segment, versus)
{
    check("en", "The vote was 5 vs. 4. It passed in Roe v. Wade. Smith vs. The State followed.",
          "The vote was 5 vs. 4.|It passed in Roe v. Wade.|Smith vs. The State followed.|");
    check("es", "El Madrid vs. Barcelona terminó. El Betis vs. El Sevilla no.",
          "El Madrid vs. Barcelona terminó.|El Betis vs. El Sevilla no.|");
    check("fr", "Le match Lyon vs. Marseille est fini. Le Paris vs. Le Havre aussi.",
          "Le match Lyon vs. Marseille est fini.|Le Paris vs. Le Havre aussi.|");
    check("de", "Das Spiel Bayern vs. Dortmund endete. Der HSV vs. Der Club auch.",
          "Das Spiel Bayern vs. Dortmund endete.|Der HSV vs. Der Club auch.|");
}

Test(segment, latin_and_listing_abbreviations)
{
    check("en", "Fruit, e.g. Apples and i.e. Pears, is good. See Smith et al. for more. "
                "They said so, etc. The end.",
          "Fruit, e.g. Apples and i.e. Pears, is good.|See Smith et al. for more.|"
          "They said so, etc.|The end.|");
    check("en", "It was shown by Smith et al. The study was large.",
          "It was shown by Smith et al.|The study was large.|");
    check("es", "Hay frutas, p. ej. Manzanas, y otras cosas, etc. El resto no.",
          "Hay frutas, p. ej. Manzanas, y otras cosas, etc.|El resto no.|");
    check("fr", "Des fruits, p. ex. Pommes, c.-à-d. Bons, etc. Le reste non.",
          "Des fruits, p. ex. Pommes, c.-à-d. Bons, etc.|Le reste non.|");
    check("de", "Es gibt z. B. Äpfel, d. h. Obst, u. a. Birnen, usw. Das ist gut.",
          "Es gibt z. B. Äpfel, d. h. Obst, u. a. Birnen, usw.|Das ist gut.|");
    check("de", "Es gibt z.B. Äpfel und i. d. R. Birnen. Das reicht.",
          "Es gibt z.B. Äpfel und i. d. R. Birnen.|Das reicht.|");
}

Test(segment, initialisms)
{
    check("en", "I live in the U.S. How about you?", "I live in the U.S.|How about you?|");
    check("en", "The U.S. Army and the U.N. Security Council met the I.M.F. It was tense.",
          "The U.S. Army and the U.N. Security Council met the I.M.F.|It was tense.|");
    check("en", "I visited the U.S.A. last year. The E.U. Commission agreed in Washington, D.C. "
                "The Ph.D. student left.",
          "I visited the U.S.A. last year.|The E.U. Commission agreed in Washington, D.C.|"
          "The Ph.D. student left.|");
    check("es", "Viven en EE. UU. desde 2010. Los EE. UU. El presidente habló. EE.UU. Lo niega.",
          "Viven en EE. UU. desde 2010.|Los EE. UU.|El presidente habló.|EE.UU.|Lo niega.|");
    check("fr", "Il vit aux É.-U. depuis 2010. Il travaille à l’O.N.U. Le conseil a voté.",
          "Il vit aux É.-U. depuis 2010.|Il travaille à l’O.N.U.|Le conseil a voté.|");
    check("de", "Sie lebt in den U.S.A. Das ist weit. Die U.S.A. Regierung schwieg.",
          "Sie lebt in den U.S.A.|Das ist weit.|Die U.S.A. Regierung schwieg.|");
}

Test(segment, single_initials)
{
    check("en", "J. R. R. Tolkien wrote it. We make a good team, you and I. Did you see Albert I. "
                "Jones yesterday?",
          "J. R. R. Tolkien wrote it.|We make a good team, you and I.|Did you see Albert I. "
          "Jones yesterday?|");
    check("en", "George W. Bush spoke. Vitamin C. It helps.",
          "George W. Bush spoke.|Vitamin C.|It helps.|");
    check("es", "José M. Aznar habló. Lo dijo J. García. El resto calló.",
          "José M. Aznar habló.|Lo dijo J. García.|El resto calló.|");
    check("fr", "J.-P. Sartre a écrit. Je cite J. Dupont. Le reste suit.",
          "J.-P. Sartre a écrit.|Je cite J. Dupont.|Le reste suit.|");
    check("de", "Johann S. Bach komponierte. Das sagte A. Merkel. Die Presse schwieg.",
          "Johann S. Bach komponierte.|Das sagte A. Merkel.|Die Presse schwieg.|");
}

Test(segment, am_pm)
{
    check("en", "At 5 a.m. Mr. Smith went to the bank. He left the bank at 6 P.M. Mr. Smith then "
                "went to the store.",
          "At 5 a.m. Mr. Smith went to the bank.|He left the bank at 6 P.M.|Mr. Smith then "
          "went to the store.|");
    check("en", "It starts at 9 a.m. EST. It ends at 5 p.m. Monday. We met at 3 p.m. in Rome.",
          "It starts at 9 a.m. EST.|It ends at 5 p.m. Monday.|We met at 3 p.m. in Rome.|");
    check("en", "It was 5 a.m. Nobody was awake.", "It was 5 a.m.|Nobody was awake.|");
    check("es", "A las 5 p. m. Juan llegó. Salió a las 9 p. m. El resto se quedó.",
          "A las 5 p. m. Juan llegó.|Salió a las 9 p. m.|El resto se quedó.|");
    check("fr", "Il arrive à 17 h. Jean l’attend à 18 h 30. Le train part.",
          "Il arrive à 17 h.|Jean l’attend à 18 h 30.|Le train part.|");
    check("de", "Er kam um 17 Uhr. Danach ging er um 9 a.m. Ortszeit.",
          "Er kam um 17 Uhr.|Danach ging er um 9 a.m. Ortszeit.|");
}

Test(segment, decimals)
{
    check("en", "It cost 3.5 million. Pi is 3.14159. The rate fell 0.25 points.",
          "It cost 3.5 million.|Pi is 3.14159.|The rate fell 0.25 points.|");
    check("es", "Costó 3,5 millones. Son 1.000.000 de personas. El 2.5 también.",
          "Costó 3,5 millones.|Son 1.000.000 de personas.|El 2.5 también.|");
    check("fr", "Il a payé 3,5 millions. La hausse est de 0,25 point. Le taux est 2.5.",
          "Il a payé 3,5 millions.|La hausse est de 0,25 point.|Le taux est 2.5.|");
    check("de", "Es kostete 3,5 Mio. Euro. Am 3.10.2023 stieg der Kurs um 1.5 Punkte.",
          "Es kostete 3,5 Mio. Euro.|Am 3.10.2023 stieg der Kurs um 1.5 Punkte.|");
}

Test(segment, money)
{
    check("en", "She has $100.00 in her bag. She has $100.00. It is in her bag. It costs £5.",
          "She has $100.00 in her bag.|She has $100.00.|It is in her bag.|It costs £5.|");
    check("en", "He paid $5. 10 people came. The $3.5 billion deal closed.",
          "He paid $5.|10 people came.|The $3.5 billion deal closed.|");
    check("es", "Costó 100 €. El precio subió a 3,5 millones de US$. Nadie pagó.",
          "Costó 100 €.|El precio subió a 3,5 millones de US$.|Nadie pagó.|");
    check("fr", "Cela coûte 100 €. Le prix est de 2,50 €. C’est cher.",
          "Cela coûte 100 €.|Le prix est de 2,50 €.|C’est cher.|");
    check("de", "Es kostet 100 €. Der Preis liegt bei 5 Mio. Euro. Das war viel.",
          "Es kostet 100 €.|Der Preis liegt bei 5 Mio. Euro.|Das war viel.|");
}

Test(segment, ellipses)
{
    check("en", "I never meant that.... She left the store. Wait… What? He said...and left.",
          "I never meant that....|She left the store.|Wait…|What?|He said...and left.|");
    check("en", "One habit was weakened . . . was that of compounds. . . . The practice was not "
                "abandoned. . . .",
          "One habit was weakened . . . was that of compounds.|. . . The practice was not "
          "abandoned. . . .|");
    check("en", "It ends with a period . . . . Next sentence. "
                "\"Bohr [...] used it [...]\" (Smith 55).",
          "It ends with a period . . . .|Next sentence.|\"Bohr [...] used it [...]\" (Smith 55).|");
    check("es", "Bueno… No sé. Y entonces . . . nada.", "Bueno…|No sé.|Y entonces . . . nada.|");
    check("fr", "Eh bien… Je ne sais pas. Et puis . . . rien.",
          "Eh bien…|Je ne sais pas.|Et puis . . . rien.|");
    check("de", "Na ja... Ich weiß nicht. Und dann . . . nichts.",
          "Na ja...|Ich weiß nicht.|Und dann . . . nichts.|");
}

Test(segment, quotes_and_brackets)
{
    check("en", "She turned to him, \"This is great.\" she said. "
                "She turned to him, 'This is great.' "
                "She held the book out.",
          "She turned to him, \"This is great.\" she said.|She turned to him, 'This is great.'|"
          "She held the book out.|");
    check("en", "He teaches science (He previously worked for 5 years as an engineer.) at the "
                "local University. (He left.) “Why?” he asked.",
          "He teaches science (He previously worked for 5 years as an engineer.) at the "
          "local University.|(He left.)|“Why?” he asked.|");
    check("es", "«Hola», dijo. «¿Vienes?» Ella no. “Ya voy.” Él sí.",
          "«Hola», dijo.|«¿Vienes?»|Ella no.|“Ya voy.”|Él sí.|");
    check("fr", "« C’est fini. » Puis il est parti. Il a dit : « Non ! » Ensuite il part.",
          "« C’est fini. »|Puis il est parti.|Il a dit : « Non ! »|Ensuite il part.|");
    check("de", "„Das ist gut.“ Er ging. »Wirklich?« Sie lachte. (Das stimmt.) Ja.",
          "„Das ist gut.“|Er ging.|»Wirklich?«|Sie lachte.|(Das stimmt.)|Ja.|");
}

Test(segment, question_and_exclamation_runs)
{
    check("en", "Hello!! Long time no see. Hello?? Who is there? Hello!? Is that you? Hello?! Yes.",
          "Hello!!|Long time no see.|Hello??|Who is there?|Hello!?|Is that you?|Hello?!|Yes.|");
    check("en", "She works at Yahoo! in the accounting department. Really?‼ Yes.",
          "She works at Yahoo! in the accounting department.|Really?‼|Yes.|");
    check("es", "¿Qué pasó? ¡No lo sé! ¿¡En serio!? Sí.", "¿Qué pasó?|¡No lo sé!|¿¡En serio!?|Sí.|");
    check("fr", "Vraiment ?! Oui. Quoi ?? Rien ! Bon.", "Vraiment ?!|Oui.|Quoi ??|Rien !|Bon.|");
    check("de", "Wirklich?! Ja. Was?? Nichts! Gut.", "Wirklich?!|Ja.|Was??|Nichts!|Gut.|");
}

/* Lists read the same in every language. */
Test(segment, numbered_and_bulleted_lists)
{
    static const char *const langs[] = { "en", "es", "fr", "de" };
    for (size_t i = 0; i < 4; i++) {
        const char *l = langs[i];
        check(l, "1.) The first item 2.) The second item",
              "1.) The first item|2.) The second item|");
        check(l, "1.) The first item. 2.) The second item.",
              "1.) The first item.|2.) The second item.|");
        check(l, "1) The first item 2) The second item", "1) The first item|2) The second item|");
        check(l, "1. The first item 2. The second item", "1. The first item|2. The second item|");
        check(l, "1. The first item. 2. The second item.",
              "1. The first item.|2. The second item.|");
        check(l, "• 9. The first item • 10. The second item",
              "• 9. The first item|• 10. The second item|");
        check(l, "⁃9. The first item ⁃10. The second item", "⁃9. The first item|⁃10. The second item|");
        check(l, "a. The first item b. The second item c. The third list item",
              "a. The first item|b. The second item|c. The third list item|");
        check(l, "(1) first (2) second (3) third", "(1) first|(2) second|(3) third|");
        check(l, "• one • two", "• one|• two|");
    }
    /* a marker needs a list in progress: not initials, not a stray number */
    check("en", "A. Smith and B. Jones went home. C. Brown stayed.",
          "A. Smith and B. Jones went home.|C. Brown stayed.|");
    check("en", "The score was 2. Then it was 3.", "The score was 2.|Then it was 3.|");
    check("de", "1. FC Köln gewann. Bayern wurde 2. Die Saison endete.",
          "1. FC Köln gewann.|Bayern wurde 2.|Die Saison endete.|");
    check("es", "Pasos: 1. Mezclar. 2. Hornear. 3. Comer.",
          "Pasos: 1. Mezclar.|2. Hornear.|3. Comer.|");
    check("fr", "Étapes : a) mélanger b) cuire", "Étapes : a) mélanger|b) cuire|");
    check("en", "He won 2. Then he won a. b. c.", "He won 2.|Then he won a. b. c.|");
    check("en", "Death toll: 12. The rest fled.", "Death toll: 12.|The rest fled.|");
}

Test(segment, urls_and_email)
{
    check("en", "Her email is Jane.Doe@example.com. I sent her an email.",
          "Her email is Jane.Doe@example.com.|I sent her an email.|");
    check("en", "The site is: https://www.example.50.com/new-site/awesome_content.html. "
                "Please check "
                "it out. Visit www.example.co. It is free.",
          "The site is: https://www.example.50.com/new-site/awesome_content.html.|Please check "
          "it out.|Visit www.example.co.|It is free.|");
    check("es", "Escriba a info@ejemplo.es. Más datos en https://ejemplo.es/a.html. Gracias.",
          "Escriba a info@ejemplo.es.|Más datos en https://ejemplo.es/a.html.|Gracias.|");
    check("fr", "Écrivez à contact@exemple.fr. Le site est https://exemple.fr/p?id=3. Merci.",
          "Écrivez à contact@exemple.fr.|Le site est https://exemple.fr/p?id=3.|Merci.|");
    check("de", "Schreiben Sie an info@beispiel.de. Mehr unter www.beispiel.de/z.B. Danke.",
          "Schreiben Sie an info@beispiel.de.|Mehr unter www.beispiel.de/z.B.|Danke.|");
}

/* ---------------------------------------------------------- other languages */

Test(segment, language_tags)
{
    /* NULL and "" are English; regions and ISO 639-2 codes select the tables */
    check(NULL, "I live in the U.S. How about you?", "I live in the U.S.|How about you?|");
    check("", "Dr. Jones came. He left.", "Dr. Jones came.|He left.|");
    check("en-GB", "Mr. Smith came. He left.", "Mr. Smith came.|He left.|");
    check("EN_us", "Mr. Smith came. He left.", "Mr. Smith came.|He left.|");
    check("es-MX", "El Sr. García llegó. Él habló.", "El Sr. García llegó.|Él habló.|");
    check("deu", "Am 3. Oktober kam Dr. Müller. Er blieb.", "Am 3. Oktober kam Dr. Müller.|Er blieb.|");
    check("fr-CA", "M. Tremblay est arrivé. Il a parlé.", "M. Tremblay est arrivé.|Il a parlé.|");
}

Test(segment, italian_and_portuguese)
{
    check("it", "Il Sig. Bianchi è arrivato. Poi è partito!", "Il Sig. Bianchi è arrivato.|Poi è partito!|");
    check("it-CH", "La Dott.ssa Rossi e il Sen. Verdi, ecc. Il giorno dopo.",
          "La Dott.ssa Rossi e il Sen. Verdi, ecc.|Il giorno dopo.|");
    check("it", "Vedi pag. 5 e art. 3 della legge. Fine.", "Vedi pag. 5 e art. 3 della legge.|Fine.|");
    check("pt", "O Sr. Souza chegou. Depois saiu.", "O Sr. Souza chegou.|Depois saiu.|");
    check("pt-BR", "A Dra. Lima falou com o Prof. Dias na Av. Paulista, nº 5. Ele saiu.",
          "A Dra. Lima falou com o Prof. Dias na Av. Paulista, nº 5.|Ele saiu.|");
}

Test(segment, more_spanish_and_german)
{
    check("es", "El corredor No. 103 llegó 4°. Lun. 15 de mar. fue el día.",
          "El corredor No. 103 llegó 4°.|Lun. 15 de mar. fue el día.|");
    check("de", "Wir trafen Dr. med. Meyer. Sie besucht eine kath. Schule.",
          "Wir trafen Dr. med. Meyer.|Sie besucht eine kath. Schule.|");
    check("de", "Funde aus dem 1. -3. Jahrhundert und dem 4. –5. Jahrhundert. Ende.",
          "Funde aus dem 1. -3. Jahrhundert und dem 4. –5. Jahrhundert.|Ende.|");
}

Test(segment, punctuation_only_fallback)
{
    /* no word lists: every period before a capital ends a sentence... */
    check("ro", "Dl. Popescu a sosit. Apoi a plecat!", "Dl.|Popescu a sosit.|Apoi a plecat!|");
    /* ...but shapes still count: decimals, initials, lower case, ellipses, lists */
    check("pt", "Custou 3.5 milhões. J. Silva disse... nada. Ele saiu.",
          "Custou 3.5 milhões.|J. Silva disse... nada.|Ele saiu.|");
    check("nl", "1. Eerste punt 2. Tweede punt", "1. Eerste punt|2. Tweede punt|");
    check("ru", "Он пришёл. Она ушла из г. Москва. Всё.", "Он пришёл.|Она ушла из г. Москва.|Всё.|");
    check("ar", "هل أنت بخير؟ نعم أنا بخير.", "هل أنت بخير؟|نعم أنا بخير.|");
    check("hi", "मैं ठीक हूँ। तुम कैसे हो?", "मैं ठीक हूँ।|तुम कैसे हो?|");
    check("el", "Τι κάνεις; Καλά. Εσύ;", "Τι κάνεις; Καλά.|Εσύ;|");
}

Test(segment, cjk_full_stops)
{
    check("zh", "我爱你。你好吗？我很好！「他说。」然后走了。",
          "我爱你。|你好吗？|我很好！|「他说。」|然后走了。|");
    check("ja", "東京は晴れ。 Hello there.", "東京は晴れ。|Hello there.|");
    check("en", "He wrote 你好。 Then left.", "He wrote 你好。|Then left.|");
}

/* ------------------------------------------------------------- contract */

Test(segment, empty_and_odd_spacing)
{
    check("en", "", "");
    check("en", "x", "x|");
    check("en", ".", ".|");
    check("en", "   Hello.    World.  ", "Hello.|World.|");
    check("en", "“ ” ( ) • • •", "“ ” ( )|• • •|");
    check("en", "?!?! ... !!", "?!?! ... !!|");
    check("en", "😀😀. 🎉 Party. ok", "😀😀.|🎉 Party. ok|");
    cr_assert_eq(nr_segment(NULL, "en", collect, NULL), 0);
}

Test(segment, callback_return_stops_the_split)
{
    split s = { .stop_after = 2 };
    cr_assert_eq(run("en", "One. Two. Three. Four.", &s), 7);
    cr_assert_eq(s.count, 2);
}

/* Invalid UTF-8 reaches the splitter only by mistake; it must still hold. */
Test(segment, invalid_utf8)
{
    static const char *const bad[] = {
        "\xE2\x80. \xC3 Next", "\x80\x80\x80\x80. A", "a\xE2. \xE3\x80 b", "\xEF\xBC. \xF0\x9F\x98",
        "\xC2\xAB \xE2\x80\xA2", "Word\xE2\x80\x9D. \xE2\x80\x9CNext",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        split s = { 0 };
        cr_assert_eq(run("en", bad[i], &s), 0);
        cr_assert_null(s.bad, "case %zu: %s", i, s.bad);
    }
}

/* CPU time of this thread: what the split costs, whatever else the machine runs. */
static double cpu_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* size bytes of unit repeated, trailing spaces cut. */
static char *repeat(const char *unit, size_t size)
{
    size_t len = strlen(unit), n = 0;
    char *text = malloc(size + 1);
    cr_assert_not_null(text);
    while (n + len <= size) {
        memcpy(text + n, unit, len);
        n += len;
    }
    while (n && text[n - 1] == ' ')
        n--;
    text[n] = '\0';
    return text;
}

/* Split a hostile paragraph; the contract must hold.  Returns the CPU time. */
static double split_hostile(const char *unit, const char *lang, size_t size)
{
    char *text = repeat(unit, size);
    split s = { 0 };
    double t0 = cpu_seconds();
    cr_assert_eq(run(lang, text, &s), 0);
    double t = cpu_seconds() - t0;
    cr_assert_null(s.bad, "%s x %zu: %s", unit, size, s.bad);
    cr_assert_geq(s.count, 1);
    free(text);
    return t;
}

/* Hostile paragraphs: no crash, the contract holds, and the time is linear:
** 16 times the input may take 16 times as long, with 4x slack for noise and
** sanitizers (anything quadratic would take 256 times as long). */
Test(segment, hostile_input_is_linear, .timeout = 120)
{
    static const struct {
        const char *unit, *lang;
    } cases[] = {
        { "abcdefghij", "en" },                              /* one token, no spaces */
        { "a.", "en" },                                      /* dotted letters */
        { "1234567890", "en" },                              /* one huge number */
        { "1234567890123456789012345678901234567890123456789012345678901234567890"
          "1234567890123456789012345678901234567890123456789012345678901234567890"
          "1234567890123456789012345678901234567890123456789012345678901234567890"
          "1234567890123456789012345678901234567890123456789012345678901234567890"
          "1234567890123456789012345678901234567890123456789012345678901234567890"
          "12345678901234567890123456789012345678901234567890. ", "en" }, /* 400 digits */
        { "?!.\xE2\x80\xA6\"')(", "en" },                     /* punctuation only */
        { "(((", "en" },
        { "...", "en" },
        { ". ", "en" },                                      /* spaced periods */
        { "? ", "fr" },                                      /* standalone marks */
        { "\xC2\xAB ", "fr" },
        { "\xC2\xBB ", "fr" },
        { "A. ", "en" },
        { "z. B. ", "de" },
        { "1. ", "en" },
        { "a) ", "en" },
        { "\xE2\x80\xA2 ", "en" },
        { "\xF0\x9F\x98\x80\xF0\x9F\x8E\x89. ", "en" },       /* emoji */
        { "\xE4\xBD\xA0\xE3\x80\x82", "zh" },                 /* CJK full stops, no spaces */
        { "\xE3\x80\x82", "zh" },
        { "U.S. ", "en" },
    };
    const size_t small = (size_t)256 << 10, large = 16 * small;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        double t_small = split_hostile(cases[i].unit, cases[i].lang, small);
        double again = split_hostile(cases[i].unit, cases[i].lang, small);
        if (again < t_small)
            t_small = again;
        double t_large = split_hostile(cases[i].unit, cases[i].lang, large);
        cr_expect_leq(t_large, 64 * t_small + 0.05, "case %zu (%s): %.4f s for 256 KB, %.4f s "
                      "for 4 MB", i, cases[i].unit, t_small, t_large);
    }
    /* the sizes of the issue: a 10 MB token, 10 MB of 400-digit numbers */
    split_hostile(cases[0].unit, "en", (size_t)10 << 20);
    split_hostile(cases[3].unit, "en", (size_t)10 << 20);
}

/* --------------------------------------------------------------- tables */

Test(segment, rule_tables_are_sorted)
{
    for (const nr_lang_rules *const *r = nr_all_rules; *r; r++) {
        const nr_lang_rules *L = *r;
        for (size_t i = 1; i < L->abbr_count; i++) {
            const char *a = L->abbrs[i - 1].key, *b = L->abbrs[i].key;
            cr_expect_lt(nr_rules_cmp(a, strlen(a), b), 0, "[%s] abbreviations: %s before %s",
                         L->name, a, b);
        }
        const nr_words *lists[] = { &L->starters, &L->time_intro, &L->time_after,
                                    &L->ordinal_before, &L->ordinal_after };
        for (size_t k = 0; k < sizeof lists / sizeof lists[0]; k++)
            for (size_t i = 1; i < lists[k]->count; i++) {
                const char *a = lists[k]->words[i - 1], *b = lists[k]->words[i];
                cr_expect_lt(nr_rules_cmp(a, strlen(a), b), 0, "[%s] list %zu: %s before %s",
                             L->name, k, a, b);
            }
        /* every abbreviation is found by its own key, within the recorded lengths */
        for (size_t i = 0; i < L->abbr_count; i++) {
            const char *k = L->abbrs[i].key;
            cr_expect_eq(nr_rules_abbr(L, k, strlen(k)), &L->abbrs[i], "[%s] %s", L->name, k);
            if (strchr(k, ' '))
                cr_expect_leq(strlen(k), L->chain_max, "[%s] %s: raise chain_max", L->name, k);
        }
    }
    cr_assert_str_eq(nr_rules_for(NULL)->name, "en");
    cr_assert_str_eq(nr_rules_for("es-419")->name, "es");
    cr_assert_str_eq(nr_rules_for("xx")->name, "");
}

/* ---------------------------------------------------------- golden rules */

/* The English Golden Rules (Pragmatic Segmenter, pySBD): all 48. */
Test(segment, golden_rules)
{
    const char *path = NR_TEST_SRCDIR "/../shared/bench/golden-rules-en.jsonl";
    if (access(path, R_OK) != 0)
        cr_skip_test("%s not found", path);
    FILE *f = fopen(path, "r");
    cr_assert_not_null(f);
    char *line = NULL;
    size_t cap = 0, total = 0, passed = 0;
    while (getline(&line, &cap, f) > 0) {
        json_error_t jerr;
        json_t *o = json_loads(line, 0, &jerr);
        cr_assert_not_null(o, "%s: %s", path, jerr.text);
        json_t *text = json_object_get(o, "text"), *want = json_object_get(o, "sentences");
        cr_assert(json_is_string(text) && json_is_array(want));
        char expect[4096] = "", out[4096] = "";
        size_t i;
        json_t *sentence;
        json_array_foreach(want, i, sentence) {
            const char *v = json_string_value(sentence);
            size_t len = strlen(v);
            while (len && v[len - 1] == ' ')
                len--;
            while (len && *v == ' ')
                v++, len--;
            cr_assert_lt(strlen(expect) + len + 2, sizeof expect);
            strncat(expect, v, len);
            strcat(expect, "|");
        }
        split s = { .out = out, .cap = sizeof out };
        run("en", json_string_value(text), &s);
        long long id = (long long)json_integer_value(json_object_get(o, "id"));
        cr_expect_null(s.bad, "case %lld: %s", id, s.bad);
        total++;
        if (strcmp(out, expect) == 0)
            passed++;
        else
            cr_log_warn("golden rule %lld:\n  got:  %s\n  want: %s", id, out, expect);
        json_decref(o);
    }
    free(line);
    fclose(f);
    cr_assert_eq(total, 48);
    cr_assert_eq(passed, 48, "golden rules: %zu/48", passed);
}
