/* lang_bench.c - narrate's scripts against what a native reader says, by espeak-ng's phonemes.
**
**     lang-bench DIR [-v]
**
** DIR/xx.tsv (xx: en, es, fr, de, it, pt) holds lines "class<TAB>written<TAB>spoken":
** a written form as it stands in news copy and the words a native newsreader says
** for it.  For each pair, espeak-ng's phonemes (in the language's voice) of
** narrate's script of the written form (sentence splitting and normalization, as
** `narrate script` has it) are compared with those of the spoken form, and so are
** those of the written form as raw espeak-ng gets it.  Prints, per language and
** per class, the share of pairs that sound exactly as the native form: narrate,
** then raw espeak-ng.  -v lists the pairs narrate gets wrong.  Phonemes are
** compared without stress marks, boundaries and glottal stops; a clause break
** counts. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "narrate.h"
#include "synth.h"

#define MAX_CLASSES 32

typedef struct {
    char name[32];
    int n, narrate, raw;
} tally;

static const struct {
    const char *lang, *voice;
} langs[] = { { "en", "en-us" }, { "es", "es" }, { "fr", "fr" },
              { "de", "de" },    { "it", "it" }, { "pt", "pt" } };

/* Phonemes without stress marks, syllable and word boundaries, pauses and
** glottal stops (how a word is articulated, not which word it is); clause
** breaks stay. */
static char *sound(const char *voice, const char *text)
{
    char *p = nr_synth_phonemes(voice, text);
    if (!p)
        return NULL;
    char *o = p;
    for (const char *i = p; *i; i++)
        if (!strchr(" '|,_!", *i))
            *o++ = *i;
    *o = '\0';
    return p;
}

/* narrate's script of a body in lang: its spoken sentences joined by ". ". */
static char *script_of(const char *lang, const char *written)
{
    char *doc = malloc(strlen(written) + 64);
    if (!doc)
        return NULL;
    sprintf(doc, "Language: %s\n\n%s\n", lang, written);
    narrate_error err;
    narrate_article *a = narrate_article_parse(doc, strlen(doc), &err);
    free(doc);
    narrate_voice v;
    narrate_voice_defaults(&v);
    narrate_script *s = a ? narrate_script_create(a, &v, NULL, &err) : NULL;
    size_t cap = 1;
    for (size_t i = 0; i < narrate_script_count(s); i++)
        cap += strlen(narrate_script_sentence(s, i)->spoken) + 2;
    char *out = malloc(cap);
    if (out) {
        out[0] = '\0';
        for (size_t i = 0; i < narrate_script_count(s); i++) {
            if (i)
                strcat(out, ". ");
            strcat(out, narrate_script_sentence(s, i)->spoken);
        }
    }
    narrate_script_free(s);
    narrate_article_free(a);
    return out;
}

static tally *class_of(tally *t, int *nt, const char *name)
{
    for (int i = 0; i < *nt; i++)
        if (strcmp(t[i].name, name) == 0)
            return &t[i];
    if (*nt == MAX_CLASSES)
        return &t[MAX_CLASSES - 1];
    tally *c = &t[(*nt)++];
    snprintf(c->name, sizeof c->name, "%s", name);
    return c;
}

static int pct(int k, int n)
{
    return n ? (int)(100.0 * k / n + 0.5) : 0;
}

static void run(const char *dir, const char *lang, const char *voice, int verbose, tally *all)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s.tsv", dir, lang);
    FILE *f = fopen(path, "r");
    if (!f)
        return;
    tally t[MAX_CLASSES];
    int nt = 0;
    memset(t, 0, sizeof t);
    char *line = NULL;
    size_t cap = 0;
    while (getline(&line, &cap, f) > 0) {
        line[strcspn(line, "\r\n")] = '\0';
        char *written = strchr(line, '\t'), *spoken = written ? strchr(written + 1, '\t') : NULL;
        if (line[0] == '#' || !spoken)
            continue;
        *written++ = '\0';
        *spoken++ = '\0';
        char *script = script_of(lang, written);
        char *want = sound(voice, spoken), *got = script ? sound(voice, script) : NULL,
             *raw = sound(voice, written);
        tally *c = class_of(t, &nt, line);
        c->n++;
        int ok = want && got && strcmp(want, got) == 0;
        c->narrate += ok;
        c->raw += want && raw && strcmp(want, raw) == 0;
        if (verbose && !ok)
            printf("  %s %-10s %s\n      script: %s\n      want:   %s\n      got:    %s\n", lang,
                   line, written, script ? script : "", want ? want : "", got ? got : "");
        free(script);
        free(want);
        free(got);
        free(raw);
    }
    free(line);
    fclose(f);
    tally sum = { "all", 0, 0, 0 };
    printf("%s  %-14s %5s %9s %9s\n", lang, "class", "pairs", "narrate", "espeak-ng");
    for (int i = 0; i < nt; i++) {
        printf("%s  %-14s %5d %8d%% %8d%%\n", lang, t[i].name, t[i].n, pct(t[i].narrate, t[i].n),
               pct(t[i].raw, t[i].n));
        sum.n += t[i].n, sum.narrate += t[i].narrate, sum.raw += t[i].raw;
    }
    printf("%s  %-14s %5d %8d%% %8d%%\n\n", lang, "ALL", sum.n, pct(sum.narrate, sum.n),
           pct(sum.raw, sum.n));
    *all = sum;
    snprintf(all->name, sizeof all->name, "%s", lang);
}

int main(int argc, char **argv)
{
    const char *dir = argc > 1 ? argv[1] : "tests/bench/lang";
    int verbose = argc > 2 && strcmp(argv[2], "-v") == 0;
    char msg[256];
    if (nr_synth_init(msg, sizeof msg) < 0) {
        fprintf(stderr, "lang-bench: %s\n", msg);
        return 1;
    }
    tally all[6];
    memset(all, 0, sizeof all);
    for (size_t i = 0; i < sizeof langs / sizeof langs[0]; i++)
        run(dir, langs[i].lang, langs[i].voice, verbose, &all[i]);
    printf("language  pairs  narrate  espeak-ng\n");
    for (size_t i = 0; i < 6; i++)
        if (all[i].n)
            printf("%-8s %6d %7d%% %9d%%\n", all[i].name, all[i].n, pct(all[i].narrate, all[i].n),
                   pct(all[i].raw, all[i].n));
    return 0;
}
