/* test_normalize.c - sentences rewritten for espeak-ng: numbers, dates, abbreviations,
** per-language rules, Unicode cleanup, and hostile input within a time bound. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "normalize.h"

typedef struct {
    const char *language; /* NULL: English */
    const char *source;
    const char *expected;
} norm_case;

static const norm_case cases[] = {
    /* ---- English: currency */
    { "en", "It raised $3.5 billion.", "It raised three point five billion dollars." },
    { "en", "$5", "five dollars" },
    { "en", "$1", "one dollar" },
    { "en", "$12.50", "twelve dollars and fifty cents" },
    { "en", "$0.99", "ninety-nine cents" },
    { "en", "$1.01 and $0.01", "one dollar and one cent and one cent" },
    { "en", "€20m", "twenty million euros" },
    { "en", "£1.2bn", "one point two billion pounds" },
    { "en", "£0.50", "fifty pence" },
    { "en", "US$5 million", "five million U S dollars" },
    { "en", "$1 million", "one million dollars" },
    { "en", "$5K bonus", "five thousand dollars bonus" },
    { "en", "$1,945 was paid", "one thousand nine hundred forty-five dollars was paid" },
    { "en", "$5-10 each", "five to ten dollars each" },
    { "en", "$5/month", "five dollars a month" },
    { "en", "45 € or 45€", "forty-five euros or forty-five euros" },
    { "en", "¥500", "five hundred yen" },
    { "en", "the $1.2 trillion bill", "the one point two trillion dollar bill" },
    { "en", "a $5 bill, paid $5 million today", "a five dollar bill, paid five million dollars today" },
    /* ---- English: percentages, decimals, separators, negatives */
    { "en", "12%", "twelve percent" },
    { "en", "3.5%", "three point five percent" },
    { "en", "10-12%", "ten to twelve percent" },
    { "en", "3.14", "three point one four" },
    { "en", "0.5 and .5", "zero point five and point five" },
    { "en", "1,200 people", "one thousand two hundred people" },
    { "en", "2,000,000 viewers", "two million viewers" },
    { "en", "-5 degrees", "minus five degrees" },
    { "en", "+4 and −3", "plus four and minus three" },
    { "en", "Version 1.2.3", "Version one point two point three" },
    /* ---- English: cardinals and ordinals */
    { "en", "0 and 7 and 13", "zero and seven and thirteen" },
    { "en", "999,999,999,999,999",
      "nine hundred ninety-nine trillion nine hundred ninety-nine billion nine hundred "
      "ninety-nine million nine hundred ninety-nine thousand nine hundred ninety-nine" },
    { "en", "105 and 1,000,001", "one hundred five and one million one" },
    { "en", "007", "zero zero seven" },
    { "en", "1st 2nd 3rd 4th", "first second third fourth" },
    { "en", "21st and 102nd", "twenty-first and one hundred second" },
    { "en", "11th and 5th and 12th and 20th",
      "eleventh and fifth and twelfth and twentieth" },
    { "en", "the 14th-century church", "the fourteenth century church" },
    /* ---- English: dates, years, decades */
    { "en", "Oct. 7", "October seventh" },
    { "en", "Jan. 5, 1960", "January fifth, nineteen sixty" },
    { "en", "Jan. 2024", "January twenty twenty-four" },
    { "en", "on 7 October", "on the seventh of October" },
    { "en", "the 7 October attacks", "the seventh of October attacks" },
    { "en", "Sept. 11", "September eleventh" },
    { "en", "From Jan. 1 to Dec. 31, 2024.",
      "From January first to December thirty-first, twenty twenty-four." },
    { "en", "On July 4th, 1776.", "On July fourth, seventeen seventy-six." },
    { "en", "Oct. 7-8", "October seventh to eighth" },
    { "en", "in Jan. and Feb.", "in January and February." },
    { "en", "1945", "nineteen forty-five" },
    { "en", "2024", "twenty twenty-four" },
    { "en", "2000", "two thousand" },
    { "en", "2005", "two thousand five" },
    { "en", "1905 and 1900", "nineteen oh five and nineteen hundred" },
    { "en", "the 1990s", "the nineteen nineties" },
    { "en", "the '90s", "the nineties" },
    { "en", "the 1900s and 2000s", "the nineteen hundreds and two thousands" },
    { "en", "2014-2015", "twenty fourteen to twenty fifteen" },
    { "en", "2014–15", "twenty fourteen to fifteen" },
    { "en", "1939-45", "nineteen thirty-nine to forty-five" },
    { "en", "1945 people", "one thousand nine hundred forty-five people" },
    { "en", "in 1945 the war ended", "in nineteen forty-five the war ended" },
    { "en", "the 2024 election", "the twenty twenty-four election" },
    { "en", "About 2000 troops", "About two thousand troops" },
    { "en", "in 2100", "in two thousand one hundred" },
    { "en", "2024-01-15", "January fifteenth, twenty twenty-four" },
    /* ---- English: times */
    { "en", "3:30 p.m.", "three thirty PM." },
    { "en", "at 3:30 p.m. today", "at three thirty PM today" },
    { "en", "11:45 a.m. sharp", "eleven forty-five AM sharp" },
    { "en", "9 a.m. start", "nine AM start" },
    { "en", "12:05", "twelve oh five" },
    { "en", "at 10:00", "at ten o'clock" },
    { "en", "12 p.m. and 12:00 a.m.", "noon and midnight." },
    { "en", "9am and 10:30pm", "nine AM and ten thirty PM" },
    { "en", "It was noon.", "It was noon." },
    /* ---- English: scores, ranges, phone numbers, IDs */
    { "en", "52-48", "fifty-two to forty-eight" },
    { "en", "13-0", "thirteen to zero" },
    { "en", "1000-2000 and 1,000-2,000", "one thousand to two thousand and one thousand to two thousand" },
    { "en", "3:1", "three to one" },
    { "en", "555-123-4567", "five five five, one two three, four five six seven" },
    { "en", "(555) 123-4567", "five five five, one two three, four five six seven" },
    { "en", "Call 911", "Call nine one one" },
    { "en", "COVID-19 and the F-35", "COVID nineteen and the F thirty-five" },
    { "en", "a 5G network", "a five G network" },
    /* ---- English: units */
    { "en", "5 km", "five kilometers" },
    { "en", "1 kg", "one kilogram" },
    { "en", "30°C", "thirty degrees Celsius" },
    { "en", "-10 °C and 98.6°F", "minus ten degrees Celsius and ninety-eight point six degrees Fahrenheit" },
    { "en", "5 mph and 100 km/h", "five miles per hour and one hundred kilometers per hour" },
    { "en", "3 cm, 4 mm, 10 m", "three centimeters, four millimeters, ten meters" },
    { "en", "2 lb, 6 ft, 3 mi", "two pounds, six feet, three miles" },
    { "en", "8 GB and 500 MB", "eight gigabytes and five hundred megabytes" },
    { "en", "a 3-km run", "a three kilometer run" },
    { "en", "m and km alone", "m and km alone" },
    /* ---- English: Roman numerals */
    { "en", "Charles III", "Charles the third" },
    { "en", "Pope Leo XIV", "Pope Leo the fourteenth" },
    { "en", "Elizabeth II's reign", "Elizabeth the second's reign" },
    { "en", "World War II", "World War two" },
    { "en", "Super Bowl LVIII", "Super Bowl fifty-eight" },
    { "en", "Elizabeth I of England", "Elizabeth the first of England" },
    { "en", "I said you and I agree", "I said you and I agree" },
    { "en", "Then I left", "Then I left" },
    { "en", "MIX the CIVIL DIV", "MIX the CIVIL DIV" },
    { "en", "Malcolm X spoke", "Malcolm X spoke" },
    /* ---- English: titles and addresses */
    { "en", "Dr. Smith", "Doctor Smith" },
    { "en", "He lives on Elm Dr. in Dallas.", "He lives on Elm Drive in Dallas." },
    { "en", "She lives on Elm Dr.", "She lives on Elm Drive." },
    { "en", "Gov. Newsom and Sen. Warren", "Governor Newsom and Senator Warren" },
    { "en", "Rep. Pelosi and Gen. Milley", "Representative Pelosi and General Milley" },
    { "en", "Lt. Col. Vindman", "Lieutenant Colonel Vindman" },
    { "en", "Col. Maj. Capt. Sgt. Adm. Prof. X",
      "Colonel Major Captain Sergeant Admiral Professor X" },
    { "en", "Mr. and Mrs. Smith met Ms. Jones", "Mister and Missus Smith met Miz Jones" },
    { "en", "John Smith Jr. and Sr. staff", "John Smith Junior and Senior staff" },
    { "en", "St. Louis and St. Michael's", "Saint Louis and Saint Michael's" },
    { "en", "on Main St. in town", "on Main Street in town" },
    { "en", "Mt. Everest on 5th Ave.", "Mount Everest on fifth Avenue." },
    { "en", "Sunset Blvd. and Abbey Rd. and the Dept. of Justice",
      "Sunset Boulevard and Abbey Road and the Department of Justice" },
    { "en", "No. 5 on the list", "number five on the list" },
    { "en", "No. Not now.", "No. Not now." },
    { "en", "Acme Inc., Globex Corp. and Smith Co. and Foo Ltd.",
      "Acme Incorporated, Globex Corporation and Smith Company and Foo Limited." },
    { "en", "works for Acme Inc. The firm", "works for Acme Incorporated. The firm" },
    { "en", "Roe vs. Wade", "Roe versus Wade" },
    { "en", "e.g. this, i.e. that, etc. and Smith et al. said",
      "for example this, that is that, et cetera and Smith and others said" },
    { "en", "AT&T & more", "AT and T and more" },
    { "en", "Jan. Feb. Mar. Apr. Aug. Sept. Oct. Nov. Dec. events",
      "January February March April August September October November December events" },
    { "en", "the U.S. and the U.N. and the I.M.F.", "the U S and the U N and the I M F." },
    { "en", "the U.S.A. team", "the U S A team" },
    { "en", "born in the U.S.", "born in the U S." },
    { "en", "the U.S.-led force", "the U S led force" },
    { "en", "John F. Kennedy", "John F Kennedy" },
    { "en", "Rep. Nancy Pelosi, D-Calif., said", "Representative Nancy Pelosi, Democrat of California, said" },
    { "en", "Jackson, Miss., police", "Jackson, Mississippi, police" },
    /* ---- English: fractions */
    { "en", "1/2 cup", "one half cup" },
    { "en", "3/4 cup", "three quarters cup" },
    { "en", "2 1/2 cups", "two and a half cups" },
    { "en", "½ and ¼ and ¾", "one half and one quarter and three quarters" },
    { "en", "2½ hours", "two and a half hours" },
    { "en", "9/11 and 24/7", "nine eleven and twenty-four seven" },
    /* ---- English: web */
    { "en", "#MeToo", "hashtag Me Too" },
    { "en", "#1 seed", "number one seed" },
    { "en", "@handle", "at handle" },
    { "en", "https://www.example.com/path", "example dot com slash path" },
    { "en", "jane.doe@example.com", "jane dot doe at example dot com" },
    { "en", "Visit bbc.co.uk/news.", "Visit bbc dot co dot uk slash news." },
    /* ---- every language: Unicode cleanup, brackets, markup */
    { "en", "\xE2\x80\x9C" "Curly\xE2\x80\x9D and \xE2\x80\x98single\xE2\x80\x99 it\xE2\x80\x99s",
      "\"Curly\" and 'single' it's" },
    { "en", "word \xE2\x80\x94 word", "word, word" },
    { "en", "word\xE2\x80\x94word", "word, word" },
    { "en", "word \xE2\x80\x93 word", "word, word" },
    { "en", "Paris\xE2\x80\x93London", "Paris-London" },
    { "en", "He said -- no", "He said, no" },
    { "en", "non\xC2\xA0" "breaking", "non breaking" },
    { "en", "zero\xE2\x80\x8Bwidth", "zerowidth" },
    { "en", "soft\xC2\xAD" "hyphen", "softhyphen" },
    { "en", "Wait\xE2\x80\xA6 what", "Wait\xE2\x80\xA6 what" },
    { "en", "Cafe\xCC\x81", "Caf\xC3\xA9" },
    { "en", "Never [[h@l]] or <b>bold</b>", "Never ((h@l)) or b bold /b" },
    { "es", "Nunca [[x]] <i>", "Nunca ((x)) i" },
    { "ru", "\xD0\x9C\xD0\xB8\xD1\x80 [[x]] \xE2\x80\x94 2024", "\xD0\x9C\xD0\xB8\xD1\x80 ((x)), 2024" },
    { "ja", "Dr. Smith $5", "Dr. Smith $5" },
    { NULL, "Dr. Smith paid $5.", "Doctor Smith paid five dollars." },
    { "en-GB", "Dr Smith paid \xC2\xA3" "5.", "Doctor Smith paid five pounds." },
    /* ---- German */
    { "de", "Das ist z. B. gut.", "Das ist zum Beispiel gut." },
    { "de", "z.B. hier", "zum Beispiel hier" },
    { "de", "Dr. M\xC3\xBCller", "Doktor M\xC3\xBCller" },
    { "de", "Nr. 5", "Nummer 5" },
    { "de", "d. h. sofort", "das hei\xC3\x9Ft sofort" },
    { "de", "Brot, Butter usw.", "Brot, Butter und so weiter." },
    { "de", "Brot usw. und mehr", "Brot und so weiter und mehr" },
    { "de", "bzw. ca. 3 km", "beziehungsweise circa 3 Kilometer" },
    { "de", "am 3. Oktober", "am dritten Oktober" },
    { "de", "Am 1. September 1939", "Am ersten September neunzehnhundertneununddrei\xC3\x9Fig" },
    { "de", "der 2. Weltkrieg", "der zweite Weltkrieg" },
    { "de", "seit 1. Januar", "seit erstem Januar" },
    { "de", "3. Oktober 1990", "dritter Oktober neunzehnhundertneunzig" },
    { "de", "bis 31. Dez. 2024", "bis einunddrei\xC3\x9Figsten Dezember zweitausendvierundzwanzig" },
    { "de", "45 \xE2\x82\xAC und \xE2\x82\xAC" "45", "45 Euro und 45 Euro" },
    { "de", "$30 und \xC2\xA3" "20", "30 Dollar und 20 Pfund" },
    { "de", "20 Mio. Euro", "20 Millionen Euro" },
    { "de", "ca. 20 Mio. \xE2\x82\xAC.", "circa 20 Millionen Euro." },
    { "de", "\xE2\x82\xAC" "3 Mrd. Gewinn", "3 Milliarden Euro Gewinn" },
    { "de", "in der Hauptstr. 5", "in der Hauptstra\xC3\x9F" "e 5" },
    /* ---- Spanish */
    { "es", "El Sr. Garc\xC3\xAD" "a", "El se\xC3\xB1or Garc\xC3\xAD" "a" },
    { "es", "la Sra. L\xC3\xB3pez", "la se\xC3\xB1ora L\xC3\xB3pez" },
    { "es", "el Dr. P\xC3\xA9rez", "el doctor P\xC3\xA9rez" },
    { "es", "p. ej. Espa\xC3\xB1" "a", "por ejemplo Espa\xC3\xB1" "a" },
    { "es", "los EE. UU. y EE.UU.", "los Estados Unidos y Estados Unidos." },
    { "es", "frutas, etc.", "frutas, etc\xC3\xA9tera." },
    { "es", "45 \xE2\x82\xAC y \xE2\x82\xAC" "1", "cuarenta y cinco euros y un euro" },
    { "es", "$30 y \xC2\xA3" "20", "treinta d\xC3\xB3lares y veinte libras" },
    { "es", "$3 millones", "tres millones de d\xC3\xB3lares" },
    { "es-MX", "$45", "cuarenta y cinco pesos" },
    /* ---- French */
    { "fr", "M. Macron", "Monsieur Macron" },
    { "fr", "Mme Dupont et Mlle Martin", "Madame Dupont et Mademoiselle Martin" },
    { "fr", "le Dr Lef\xC3\xA8vre", "le Docteur Lef\xC3\xA8vre" },
    { "fr", "pommes, etc.", "pommes, et cetera." },
    { "fr", "45 \xE2\x82\xAC ou \xE2\x82\xAC" "45", "quarante-cinq euros ou quarante-cinq euros" },
    { "fr", "$30", "trente dollars" },
    { "fr", "\xE2\x82\xAC" "3 millions", "trois millions d'euros" },
    { "fr", "le 1er janvier", "le premier janvier" },
    { "fr", "\xC2\xAB Bonjour \xC2\xBB", "\" Bonjour \"" },
};

Test(normalize, table)
{
    size_t n = sizeof cases / sizeof cases[0];
    cr_assert_geq(n, 100);
    int failures = 0;
    for (size_t i = 0; i < n; i++) {
        char *got = nr_normalize(cases[i].source, cases[i].language);
        cr_assert_not_null(got);
        if (strcmp(got, cases[i].expected) != 0) {
            cr_log_error("[%s] \"%s\"\n     got: \"%s\"\nexpected: \"%s\"",
                         cases[i].language ? cases[i].language : "NULL", cases[i].source, got,
                         cases[i].expected);
            failures++;
        }
        free(got);
    }
    cr_expect_eq(failures, 0, "%d of %zu cases differ", failures, n);
}

/* No output may keep an abbreviation's period before more words, nor "[[". */
Test(normalize, no_clause_breaks_after_abbreviations)
{
    const char *src = "Dr. Gov. Sen. Rep. Gen. Lt. Col. Maj. Capt. Sgt. Adm. Prof. Mr. Mrs. "
                      "Ms. Jr. Sr. St. Mt. Ave. Blvd. Rd. Dept. Inc. Corp. Co. Ltd. vs. e.g. "
                      "i.e. etc. Jan. Feb. Aug. Sept. Oct. Nov. Dec. a.m. p.m. U.S. U.N. end";
    char *got = nr_normalize(src, "en");
    cr_assert_not_null(got);
    cr_assert_null(strchr(got, '.'), "%s", got);
    free(got);
}

Test(normalize, empty_and_whitespace)
{
    const char *inputs[] = { "", " ", "\xE2\x80\x94", "< > { }", "\xC2\xAD", "\xE2\x80\x8B" };
    for (size_t i = 0; i < sizeof inputs / sizeof inputs[0]; i++) {
        char *got = nr_normalize(inputs[i], "en");
        cr_assert_not_null(got);
        cr_assert_str_eq(got, "", "input %zu", i);
        free(got);
    }
    char *got = nr_normalize("[[ ]]", "en"); /* never espeak-ng's phoneme switch */
    cr_assert_str_eq(got, "(( ))");
    free(got);
}

/* ---------------------------------------------------------------- hostile */

/* Time bounds are on this process's CPU time, which other processes on a loaded
** machine cannot stretch, and generous (sanitizers are slow): they catch quadratic
** behavior, which would take minutes here, not a slow run. */
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define SLOWDOWN 6.0
#else
#define SLOWDOWN 1.0
#endif

static double seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static char *repeat(const char *unit, size_t total)
{
    size_t k = strlen(unit), n = 0;
    char *s = malloc(total + k + 1);
    cr_assert_not_null(s);
    while (n + k <= total) {
        memcpy(s + n, unit, k);
        n += k;
    }
    s[n] = '\0';
    return s;
}

/* Normalize, check the output is sane and bounded, and return the time taken. */
static double check(const char *s, const char *language)
{
    double t0 = seconds();
    char *got = nr_normalize(s, language);
    double dt = seconds() - t0;
    cr_assert_not_null(got);
    size_t in = strlen(s), out = strlen(got);
    cr_assert_leq(out, 16 * in + 64, "output %zu bytes for %zu", out, in);
    cr_assert_null(strstr(got, "[["));
    cr_assert_null(strstr(got, "]]"));
    cr_assert_null(strchr(got, '<'));
    cr_assert_null(strchr(got, '>'));
    free(got);
    return dt;
}

Test(normalize, hostile_ten_megabyte_token, .timeout = 300)
{
    /* one token of 10 MB with no spaces; variants of 1 MB */
    const char *big[] = { "a", "7", "$1", "U.S." };
    const char *units[] = { "1,", "1-", "1/", "1:", "1.", "$", "-", ".", "[[", "<>", "#",
                            "@", "\xF0\x9F\x98\x80", "e\xCC\x81", "http://", "I" };
    for (size_t i = 0; i < sizeof big / sizeof big[0]; i++) {
        char *s = repeat(big[i], (size_t)10 << 20);
        double dt = check(s, "en");
        cr_expect_lt(dt, 5.0 * SLOWDOWN, "%.2f s for 10 MB of '%s'", dt, big[i]);
        free(s);
    }
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++) {
        char *s = repeat(units[i], (size_t)1 << 20);
        double dt = check(s, "en");
        cr_expect_lt(dt, 1.0 * SLOWDOWN, "%.2f s for 1 MB of '%s'", dt, units[i]);
        free(s);
    }
}

Test(normalize, hostile_many_tokens, .timeout = 300)
{
    const char *units[] = { "I ", "II ", "7 ", "$1 ", "1 1/2 ", "Oct. 7 ", "Dr. ", "z. B. ",
                            "am 3. Oktober ", "\xE2\x80\x94 ", "... ", "e.g. " };
    const char *langs[] = { "en", "de", "es", "fr", "ru" };
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++) {
        for (size_t l = 0; l < sizeof langs / sizeof langs[0]; l++) {
            char *s = repeat(units[i], (size_t)1 << 19);
            double dt = check(s, langs[l]);
            cr_expect_lt(dt, 1.0 * SLOWDOWN, "%.2f s for 512 KB of '%s' in %s", dt, units[i],
                         langs[l]);
            free(s);
        }
    }
}

Test(normalize, linear_time, .timeout = 120)
{
    /* the same news-like text at 1 MB and 8 MB: time grows about eightfold
    ** (quadratic would be 64-fold); the best of two runs each */
    const char *unit = "On Oct. 7, 2023, Gov. Smith said 1,200 people paid $3.5 billion, "
                       "up 12% from the 1990s, at 3:30 p.m. in St. Louis \xE2\x80\x94 "
                       "see https://www.example.com/news #news. ";
    char *small = repeat(unit, (size_t)1 << 20);
    char *large = repeat(unit, (size_t)8 << 20);
    double a = check(small, "en"), b = check(large, "en");
    double a2 = check(small, "en"), b2 = check(large, "en");
    a = a2 < a ? a2 : a;
    b = b2 < b ? b2 : b;
    cr_expect_lt(b, 8 * 3 * a + 0.5, "1 MB %.3f s, 8 MB %.3f s", a, b);
    free(small);
    free(large);
}

Test(normalize, long_numbers_digit_by_digit, .timeout = 10)
{
    char *digits = repeat("9", 400);
    char *got = nr_normalize(digits, "en");
    cr_assert_not_null(got);
    size_t words = 0;
    for (const char *p = got; (p = strstr(p, "nine")) != NULL; p += 4)
        words++;
    cr_assert_eq(words, 400, "%s", got);
    free(got);
    free(digits);
    /* 22 digits: past the cardinal range */
    got = nr_normalize("1234567890123456789012", "en");
    cr_assert_str_eq(got, "one two three four five six seven eight nine zero one two three "
                          "four five six seven eight nine zero one two");
    free(got);
}

Test(normalize, invalid_and_odd_input, .timeout = 10)
{
    const char *inputs[] = {
        "\xFF\xFE bad \xC3 bytes \xED\xA0\x80 here",
        "!!! ??? ... ,,, ;;; :::",
        "\xF0\x9F\x98\x80\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA7",
        "\xCC\x81\xCC\x81\xCC\x81",
        "'''''' \"\"\"\" ((((",
        "$ $$ $. .$ 1$ $1$ US$ US$$",
        "1/0 0/0 99999999999/3 1:99 25:00 0:00",
        "2099-99-99 1999-12-31 0000-00-00",
        "I. II. III. XL. LXXXIX. LXXXX",
        "#. @. #@ @# a@ @a@",
        "http:// https://www. www. .com a..com",
        "St. St St. St. Dr. Dr. No. No.",
        "z. z. B. B. d. h. h.",
        "1.2.3.4.5.6.7.8.9.0.1.2.3.4.5.6.7.8.9",
        "\xC2\xBD\xC2\xBD\xC2\xBD 1\xC2\xBD\xC2\xBD",
    };
    const char *langs[] = { "en", "de", "es", "fr", "pt", NULL };
    for (size_t i = 0; i < sizeof inputs / sizeof inputs[0]; i++)
        for (size_t l = 0; l < sizeof langs / sizeof langs[0]; l++)
            check(inputs[i], langs[l]);
}

/* Title case capitalizes every word, so capitals say nothing about names or unit
** symbols there: a headline reads its money, units and numbers as the same
** words in a sentence of the body do (issue 22). */
Test(normalize, title_case_headlines_read_like_the_body)
{
    static const struct {
        const char *headline, *body;
    } pairs[] = {
        { "$3.5 Billion Flood Plan", "the $3.5 billion flood plan" },
        { "Council Approves $3.5 Billion Flood Plan", "a $3.5 billion flood plan" },
        { "City Faces $20M Budget Gap", "the $20M budget gap" },
        { "Storm Brings 12 Km Of Flooding", "storm brings 12 km of flooding" },
        { "Rain: 25 Mm Overnight", "rain: 25 mm overnight" },
        { "Up 5 Kg In 2 Hours", "up 5 kg in 2 hours" },
        { "A 3-Km Walk In The Park", "a 3-km walk in the park" },
        { "20 Km/H Winds Hit Coast", "20 km/h winds hit coast" },
        { "New 40 Km\xC2\xB2 Park Opens", "new 40 km\xC2\xB2 park opens" },
        { "Sea Wall Rises 5 Ft Higher", "sea wall rises 5 ft higher" },
    };
    for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
        char *h = nr_normalize(pairs[i].headline, "en"), *b = nr_normalize(pairs[i].body, "en");
        cr_assert(h && b);
        for (char *p = h; *p; p++) /* the words, not their capitals */
            *p = (char)(*p >= 'A' && *p <= 'Z' ? *p - 'A' + 'a' : *p);
        const char *body = b, *head = h;
        /* "the", "a": the body's determiner is not in the headline */
        if (strncmp(body, "the ", 4) == 0 && strncmp(head, "the ", 4) != 0)
            body += 4;
        else if (strncmp(body, "a ", 2) == 0 && strncmp(head, "a ", 2) != 0)
            body += 2;
        const char *tail = strstr(head, body);
        cr_expect(tail && strcmp(tail, body) == 0, "\"%s\" -> \"%s\", body \"%s\"",
                  pairs[i].headline, h, b);
        free(h);
        free(b);
    }
    /* What capitals still mean, and what a headline's amount is not attached to. */
    static const norm_case kept[] = {
        { "en", "Stocks Lose $2 Trillion Overnight", "Stocks Lose two trillion dollars Overnight" },
        { "en", "Firm Fined $5 Million Over Leak", "Firm Fined five million dollars Over Leak" },
        { "en", "Disk Quota Of 120 MB Set", "Disk Quota Of one hundred twenty megabytes Set" },
        { "en", "He paid $5 million today.", "He paid five million dollars today." },
        { "en", "It covers 12 Miles of Coast.", "It covers twelve Miles of Coast." },
    };
    for (size_t i = 0; i < sizeof kept / sizeof kept[0]; i++) {
        char *got = nr_normalize(kept[i].source, kept[i].language);
        cr_expect_str_eq(got, kept[i].expected);
        free(got);
    }
}
