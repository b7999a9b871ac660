/* script_bench.c - `make bench`: article to script (split, normalize, lexicon) in MB/s at 1 and 10 MB. */
#include <narrate.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Paragraphs of news copy repeated to size bytes. */
static char *article_of(const char *seed, size_t size)
{
    const char *body = strstr(seed, "\n\n");
    body = body ? body + 2 : seed;
    size_t blen = strlen(body);
    char *a = malloc(size + blen + 64);
    size_t n = (size_t)sprintf(a, "Title: Benchmark\n\n");
    while (n < size) {
        memcpy(a + n, body, blen);
        n += blen;
        a[n++] = '\n';
    }
    a[n] = '\0';
    return a;
}

static double mb_per_s(const char *text, const narrate_voice *v, const narrate_lexicon *lex)
{
    double t0 = now_s();
    narrate_error err;
    narrate_article *a = narrate_article_parse(text, strlen(text), &err);
    narrate_script *s = a ? narrate_script_create(a, v, lex, &err) : NULL;
    double t = now_s() - t0;
    if (!s) {
        fprintf(stderr, "script_bench: %s\n", err.message);
        exit(1);
    }
    narrate_script_free(s);
    narrate_article_free(a);
    return strlen(text) / 1e6 / t;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: script_bench SEED.txt VOICE.ini\n");
        return 2;
    }
    FILE *f = fopen(argv[1], "r");
    static char seed[1 << 20];
    size_t n = f ? fread(seed, 1, sizeof seed - 1, f) : 0;
    if (f)
        fclose(f);
    seed[n] = '\0';
    narrate_voice v;
    narrate_error err;
    if (narrate_voice_load(argv[2], &v, &err) < 0) {
        fprintf(stderr, "script_bench: %s\n", err.message);
        return 1;
    }
    narrate_lexicon *lex = v.lexicon[0] ? narrate_lexicon_load(v.lexicon, NULL) : NULL;
    char *one = article_of(seed, 1 << 20), *ten = article_of(seed, 10 << 20);
    double r1 = mb_per_s(one, &v, lex), r10 = mb_per_s(ten, &v, lex);
    printf("article -> script (parse, split, normalize, lexicon): 1 MB %.1f MB/s, 10 MB %.1f MB/s, "
           "time ratio 10 MB / 1 MB = %.2f (10.00 is linear)\n",
           r1, r10, 10.0 * r1 / r10);
    free(one);
    free(ten);
    narrate_lexicon_free(lex);
    return 0;
}
