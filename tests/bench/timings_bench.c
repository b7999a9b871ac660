/* timings_bench.c - `make bench`: |cue start - sound onset| in the decoded MP3, median and max. */
#include <math.h>
#include <mpg123.h>
#include <narrate.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MIN_PAUSE (22050 * 150 / 1000) /* samples under the level before an onset */

static int16_t *decode(const char *path, size_t *n)
{
    mpg123_init();
    mpg123_handle *h = mpg123_new(NULL, NULL);
    size_t cap = 1 << 20, got;
    int16_t *pcm = malloc(cap * sizeof *pcm);
    *n = 0;
    if (!h || !pcm || mpg123_open(h, path) != MPG123_OK)
        return NULL;
    unsigned char buf[16384];
    int rc;
    while ((rc = mpg123_read(h, buf, sizeof buf, &got)) == MPG123_OK || rc == MPG123_NEW_FORMAT) {
        if (*n + got / 2 > cap && !(pcm = realloc(pcm, (cap *= 2) * sizeof *pcm)))
            return NULL;
        memcpy(pcm + *n, buf, got);
        *n += got / 2;
    }
    mpg123_delete(h);
    return pcm;
}

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static int measure(narrate_engine *e, const char *article, const char *out)
{
    narrate_error err;
    narrate_article *a = narrate_article_read(article, &err);
    narrate_timings *t = narrate_timings_create();
    narrate_render_options o = NARRATE_RENDER_OPTIONS_INIT;
    o.on_timing = narrate_timings_collect;
    o.timing_userdata = t;
    if (!a || narrate_render_file(e, a, &o, out, NULL, &err) < 0) {
        fprintf(stderr, "timings_bench: %s\n", err.message);
        return 1;
    }
    size_t n, cues = narrate_timings_count(t);
    int16_t *pcm = decode(out, &n);
    double *onset = malloc(n / MIN_PAUSE * sizeof *onset + sizeof *onset), *d = malloc(cues * sizeof *d);
    /* At -54 dBFS (the level the stitcher trims at) an onset includes the
    ** codec's pre-echo, smeared up to a granule (26 ms) before the speech;
    ** at -40 dBFS it is the speech itself. */
    static const int levels[] = { 64, 328 };
    for (int l = 0; l < 2 && pcm; l++) {
        size_t k = 0, quiet = MIN_PAUSE;
        for (size_t i = 0; i < n; i++) {
            if (abs(pcm[i]) >= levels[l] && quiet >= MIN_PAUSE)
                onset[k++] = i * 1000.0 / 22050;
            quiet = abs(pcm[i]) >= levels[l] ? 0 : quiet + 1;
        }
        for (size_t c = 0; c < cues; c++) {
            d[c] = 1e9;
            for (size_t j = 0; j < k; j++)
                d[c] = fmin(d[c], fabs(onset[j] - narrate_timings_sentence(t, c)->start_ms));
        }
        qsort(d, cues, sizeof *d, by_value);
        printf("timings %s: %zu cues, |cue - onset at %.0f dBFS| median %.1f ms, max %.1f ms"
               " (decoded with libmpg123)\n", article, cues, 20 * log10(levels[l] / 32768.0),
               cues ? d[cues / 2] : 0, cues ? d[cues - 1] : 0);
    }
    free(pcm);
    free(onset);
    free(d);
    narrate_timings_free(t);
    narrate_article_free(a);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 5) {
        fprintf(stderr, "usage: timings_bench WORKER VOICES OUT.mp3 ARTICLE...\n");
        return 2;
    }
    narrate_engine_options eo = { argv[1], argv[2], 0, { 0 } };
    narrate_error err;
    narrate_engine *e = narrate_engine_create(&eo, &err);
    int rc = e ? 0 : 1;
    for (int i = 4; i < argc && rc == 0; i++)
        rc = measure(e, argv[i], argv[3]);
    narrate_engine_destroy(e);
    return rc;
}
