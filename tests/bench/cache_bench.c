/* cache_bench.c - `make bench`: library cache lookup on a hit, median microseconds. */
#include <narrate.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define RUNS 2000

static double now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
    if (argc != 5) {
        fprintf(stderr, "usage: cache_bench WORKER VOICES CACHE ARTICLE\n");
        return 2;
    }
    narrate_engine_options eo = { argv[1], argv[2], 1, { 0 } };
    narrate_error err;
    narrate_engine *e = narrate_engine_create(&eo, &err);
    narrate_cache *c = e ? narrate_cache_open(argv[3], &err) : NULL;
    narrate_article *a = c ? narrate_article_read(argv[4], &err) : NULL;
    narrate_cache_entry entry;
    if (!a || narrate_render_cached(e, c, a, NULL, &entry, &err) < 0) {
        fprintf(stderr, "cache_bench: %s\n", err.message);
        return 1;
    }
    static double t[RUNS];
    char key[NARRATE_KEY_LEN + 1];
    double k0 = now_us();
    narrate_key(e, a, NULL, key, NULL);
    double key_us = now_us() - k0;
    for (int i = 0; i < RUNS; i++) {
        double t0 = now_us();
        if (narrate_cache_lookup(c, entry.key, &entry, &err) < 0) {
            fprintf(stderr, "cache_bench: %s\n", err.message);
            return 1;
        }
        t[i] = now_us() - t0;
    }
    qsort(t, RUNS, sizeof t[0], by_value);
    printf("cache lookup on a hit: median %.1f us, p99 %.1f us (%d runs); key of the article: %.0f us\n",
           t[RUNS / 2], t[RUNS * 99 / 100], RUNS, key_us);
    narrate_article_free(a);
    narrate_cache_close(c);
    narrate_engine_destroy(e);
    return 0;
}
