/* extract_bench.c - `make bench-extract`: HTML parse and extraction time per page, and for pages near 300 KB. */
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

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *s = n >= 0 ? malloc((size_t)n + 1) : NULL;
    if (s && fread(s, 1, (size_t)n, f) != (size_t)n) {
        free(s);
        s = NULL;
    }
    fclose(f);
    *len = (size_t)n;
    return s;
}

static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
    double *near = malloc((size_t)argc * sizeof *near), total = 0, worst = 0, bytes = 0;
    size_t nnear = 0, pages = 0;
    const char *slowest_near = NULL;
    double slowest_t = 0;
    /* One parse first: libxml2 is loaded on first use. */
    narrate_article_free(narrate_article_parse_as("<p>x</p>", 8, NARRATE_INPUT_HTML, NULL));
    for (int i = 1; i < argc; i++) {
        size_t len;
        char *html = slurp(argv[i], &len);
        if (!html)
            continue;
        int reps = 5;
        double t0 = now_s();
        for (int r = 0; r < reps; r++)
            narrate_article_free(narrate_article_parse_as(html, len, NARRATE_INPUT_HTML, NULL));
        double t = (now_s() - t0) / reps;
        total += t;
        bytes += (double)len;
        pages++;
        if (t > worst)
            worst = t;
        if (len >= 250000 && len <= 350000) {
            near[nnear++] = t;
            if (t > slowest_t) {
                slowest_t = t;
                slowest_near = argv[i];
            }
        }
        free(html);
    }
    qsort(near, nnear, sizeof *near, cmp);
    printf("extract: %zu pages, %.1f MB, %.2f ms per page on average, slowest %.1f ms\n", pages,
           bytes / 1e6, pages ? total / (double)pages * 1e3 : 0.0, worst * 1e3);
    if (nnear)
        printf("extract: %zu pages of 250-350 KB: median %.1f ms, slowest %.1f ms "
               "(parse and extraction, CPU time; slowest %s)\n",
               nnear, near[nnear / 2] * 1e3, near[nnear - 1] * 1e3, strrchr(slowest_near, '/') ? strrchr(slowest_near, '/') + 1 : slowest_near);
    free(near);
    return 0;
}
