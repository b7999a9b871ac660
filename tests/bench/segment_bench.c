/* segment_bench.c - the sentence splitter: Golden Rules score and throughput.
**
**     segment-bench [GOLDEN.jsonl] [LANG=CASES.jsonl]...
**
** Prints "golden rules: N/48" (each failing case with what came out), the
** same for each further suite (pySBD's Spanish, French and German cases:
** "es golden rules: N/M (P%)"; a line break in a case separates paragraphs,
** as headings and list items are in an article, and runs of spaces count as
** one, as narrate folds them), then
** the split speed in MB/s (CPU time, best of several runs) on a generated
** 1 MB and 10 MB article, read as one paragraph so that anything worse than
** linear shows in their ratio, and the speed on hostile 10 MB paragraphs. */
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "segment.h"

/* ------------------------------------------------------------- golden rules */

typedef struct got {
    char buf[4096];
    size_t len;
    size_t count;
} got;

/* Sentences joined by '\n'. */
static int collect(const char *text, size_t start, size_t len, void *userdata)
{
    got *g = userdata;
    if (g->len + len + 2 > sizeof g->buf)
        return 1;
    if (g->count++)
        g->buf[g->len++] = '\n';
    memcpy(g->buf + g->len, text + start, len);
    g->len += len;
    g->buf[g->len] = '\0';
    return 0;
}

/* Split text at line breaks into paragraphs, each whitespace-folded, as
** narrate's articles have them, and collect the sentences of all. */
static void split_lines(const char *text, const char *lang, got *g)
{
    char para[4096];
    while (*text) {
        size_t n = strcspn(text, "\n"), k = 0;
        for (size_t i = 0; i < n && k + 1 < sizeof para; i++)
            if (text[i] != ' ' || (k > 0 && para[k - 1] != ' '))
                para[k++] = text[i] == '\t' ? ' ' : text[i];
        while (k && para[k - 1] == ' ')
            k--;
        para[k] = '\0';
        if (k)
            nr_segment(para, lang, collect, g);
        text += n + (text[n] == '\n');
    }
}

/* Returns the number of cases passed and sets *total; -1 if unreadable. */
static int golden(const char *path, const char *lang, int *total)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return -1;
    char *line = NULL;
    size_t cap = 0;
    int passed = 0;
    *total = 0;
    while (getline(&line, &cap, f) > 0) {
        json_error_t jerr;
        json_t *o = json_loads(line, 0, &jerr);
        json_t *text = json_object_get(o, "text"), *want = json_object_get(o, "sentences");
        if (!json_is_string(text) || !json_is_array(want)) {
            json_decref(o);
            continue;
        }
        got g = { .len = 0, .count = 0 };
        g.buf[0] = '\0';
        if (strcmp(lang, "en") == 0)
            nr_segment(json_string_value(text), "en", collect, &g);
        else
            split_lines(json_string_value(text), lang, &g);
        char expect[4096];
        size_t n = 0, i;
        json_t *s;
        json_array_foreach(want, i, s) {
            const char *v = json_string_value(s);
            size_t len = v ? strlen(v) : 0;
            while (len && strchr(" \n", v[len - 1])) /* compare after stripping whitespace */
                len--;
            while (len && strchr(" \n", *v))
                v++, len--;
            if (n + len + 2 > sizeof expect)
                break;
            if (i)
                expect[n++] = '\n';
            for (size_t k = 0; k < len; k++) /* articles are whitespace-folded */
                if (strcmp(lang, "en") == 0 || v[k] != ' ' || (k > 0 && v[k - 1] != ' '))
                    expect[n++] = v[k];
        }
        expect[n] = '\0';
        ++*total;
        if (strcmp(expect, g.buf) == 0) {
            passed++;
        } else {
            printf("  FAIL %lld: %s\n    want: %s\n    got:  %s\n",
                   (long long)json_integer_value(json_object_get(o, "id")), json_string_value(text),
                   expect, g.buf);
        }
        json_decref(o);
    }
    free(line);
    fclose(f);
    return passed;
}

/* --------------------------------------------------------------- throughput */

static int count_fn(const char *text, size_t start, size_t len, void *userdata)
{
    (void)text, (void)start, (void)len;
    ++*(size_t *)userdata;
    return 0;
}

/* CPU time of this thread, so that other load on the machine does not count. */
static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Best time of `runs` splits of text; *sentences from the last. */
static double time_split(const char *text, const char *lang, int runs, size_t *sentences)
{
    double best = 1e30;
    for (int i = 0; i < runs; i++) {
        size_t n = 0;
        double t0 = now();
        nr_segment(text, lang, count_fn, &n);
        double t = now() - t0;
        if (t < best)
            best = t;
        *sentences = n;
    }
    return best;
}

/* News sentences, a third of them plain and the rest the splitter's hard
** cases, picked at random: about twice the abbreviations of real news. */
static const char *const pieces[] = {
    "The deployment, approved by the White House late Monday, is the largest in years.",
    "Regional diplomacy has intensified in recent days, according to officials in the region.",
    "Analysts cautioned that previous rounds had collapsed at the last minute, and that the "
    "sides remained far apart on the sequencing of any withdrawal.",
    "More than 1,200 relatives of hostages have signed an open letter urging a deal.",
    "Egyptian negotiators have proposed a phased approach, while Qatari mediators pressed both "
    "sides to accept a joint monitoring committee.",
    "The outstanding issues include the number of prisoners to be freed in exchange for each "
    "hostage and the pace of any pullback.",
    "Turkish officials said they were prepared to host technical meetings if needed.",
    "Several lawmakers said they wanted stronger conditions on how the money would be spent.",
    "Hamas officials said they were studying the proposal and would respond within 48 hours.",
    "The talks are expected to resume next week in the Egyptian capital.",
    "The U.S. is sending a team of about 40 diplomats to Cairo this week.",
    "Officials said the group would arrive by 3:30 p.m. local time on Wednesday.",
    "It is the largest American presence since the Oct. 7 attack.",
    "\xE2\x80\x9CWe want to make sure nothing stalls,\xE2\x80\x9D said Dr. Laura Whitfield.",
    "Sen. Mark Ellison called the $3.5 billion package "
    "\xE2\x80\x9C" "a serious down payment.\xE2\x80\x9D",
    "Lt. Col. James R. Smith of the U.S. Army declined to comment.",
    "Shares of Acme Inc. rose 4.2% to $101.25 in New York.",
    "Pitt, Briggs & Co. It closed yesterday.",
    "I live in the U.S. How about you?",
    "At 5 a.m. Mr. Smith went to the bank.",
    "He left the bank at 6 P.M. Mr. Smith then went to the store.",
    "Read more at https://www.example.com/news/2024/story.html. Or e-mail jane.doe@example.com.",
    "What happened next?! Nobody knows...",
    "The vote was 52 vs. 48, i.e. a narrow win (see e.g. Smith et al. for details).",
    "J. R. R. Tolkien lived at No. 20 Northmoor Rd. in Oxford.",
    "She said . . . well, nothing. . . . The rest is history.",
    "1. First item 2. Second item",
    "\xE2\x80\xA2 9. A bullet \xE2\x80\xA2 10. Another bullet",
    "Gov. Ellen Marsh (D-Ill.) spoke at St. Mary's on Fifth Ave. near the park.",
    "The results, announced Jan. 6, surprised analysts.",
};

/* About size bytes of article text as one whitespace-folded paragraph. */
static char *article(size_t size)
{
    char *text = malloc(size + 512);
    if (!text)
        return NULL;
    size_t n = 0;
    uint32_t seed = 12345;
    while (n < size) {
        seed = seed * 1103515245u + 12345u;
        const char *p = pieces[(seed >> 16) % (sizeof pieces / sizeof pieces[0])];
        size_t len = strlen(p);
        if (n)
            text[n++] = ' ';
        memcpy(text + n, p, len);
        n += len;
    }
    text[n] = '\0';
    return text;
}

/* size bytes of unit repeated (cut at a whole unit). */
static char *repeat(const char *unit, size_t size)
{
    size_t len = strlen(unit);
    char *text = malloc(size + 1);
    if (!text)
        return NULL;
    size_t n = 0;
    while (n + len <= size) {
        memcpy(text + n, unit, len);
        n += len;
    }
    while (n && text[n - 1] == ' ')
        n--;
    text[n] = '\0';
    return text;
}

int main(int argc, char **argv)
{
    const char *path = argc > 1 ? argv[1] : "../shared/bench/golden-rules-en.jsonl";
    int total = 0, passed = golden(path, "en", &total);
    if (passed < 0)
        printf("golden rules: skipped (cannot read %s)\n", path);
    else
        printf("golden rules: %d/%d\n", passed, total);
    for (int i = 2; i < argc; i++) {
        char lang[8];
        const char *eq = strchr(argv[i], '=');
        if (!eq || eq - argv[i] >= (long)sizeof lang)
            continue;
        snprintf(lang, sizeof lang, "%.*s", (int)(eq - argv[i]), argv[i]);
        passed = golden(eq + 1, lang, &total);
        if (passed < 0)
            printf("%s golden rules: skipped (cannot read %s)\n", lang, eq + 1);
        else
            printf("%s golden rules: %d/%d (%.1f%%)\n", lang, passed, total,
                   total ? 100.0 * passed / total : 0.0);
    }

    const size_t mb = (size_t)1 << 20;
    char *small = article(mb), *large = article(10 * mb);
    if (!small || !large)
        return 1;
    size_t ns, nl;
    double ts = time_split(small, "en", 20, &ns), tl = time_split(large, "en", 5, &nl);
    double rs = (double)strlen(small) / ts / 1e6, rl = (double)strlen(large) / tl / 1e6;
    printf("1 MB article:  %8.1f MB/s  (%zu sentences, %.2f ms)\n", rs, ns, ts * 1e3);
    printf("10 MB article: %8.1f MB/s  (%zu sentences, %.2f ms)\n", rl, nl, tl * 1e3);
    printf("time ratio 10 MB / 1 MB: %.2f (10.00 is linear); throughput ratio %.2f\n", tl / ts,
           rl / rs);
    free(small);
    free(large);

    static const struct {
        const char *name, *unit, *lang;
    } hostile[] = {
        { "token without spaces", "abcdefghij", "en" },
        { "dotted letters", "a.", "en" },
        { "400-digit numbers",
          "12345678901234567890123456789012345678901234567890123456789012345678901234567890"
          "12345678901234567890123456789012345678901234567890123456789012345678901234567890"
          "12345678901234567890123456789012345678901234567890123456789012345678901234567890"
          "12345678901234567890123456789012345678901234567890123456789012345678901234567890"
          "12345678901234567890123456789012345678901234567890123456789012345678901234567890"
          ". ", "en" },
        { "punctuation only", "?!.\xE2\x80\xA6\"')(", "en" },
        { "spaced periods", ". ", "en" },
        { "initials", "A. ", "en" },
        { "list markers", "1. ", "en" },
        { "opening quotes", "\xC2\xAB ", "fr" },
        { "emoji", "\xF0\x9F\x98\x80\xF0\x9F\x8E\x89. ", "en" },
        { "CJK full stops", "\xE4\xBD\xA0\xE5\xA5\xBD\xE3\x80\x82", "zh" },
    };
    for (size_t i = 0; i < sizeof hostile / sizeof hostile[0]; i++) {
        char *text = repeat(hostile[i].unit, 10 * mb);
        if (!text)
            return 1;
        size_t n;
        double t = time_split(text, hostile[i].lang, 3, &n);
        printf("hostile 10 MB, %-21s %8.1f MB/s  (%zu sentences)\n", hostile[i].name,
               (double)strlen(text) / t / 1e6, n);
        free(text);
    }
    return 0;
}
