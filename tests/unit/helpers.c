/* helpers.c - fixtures for the unit tests. */
#include "helpers.h"

#include <criterion/criterion.h>
#include <ftw.h>
#include <mpg123.h>
#include <sndfile.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

narrate_engine *test_engine(int max_workers)
{
    narrate_engine_options o = { NR_TEST_BUILDDIR "/narrate-worker", NR_TEST_SRCDIR "/voices",
                                 max_workers, { 0 } };
    narrate_error err;
    narrate_engine *e = narrate_engine_create(&o, &err);
    cr_assert_not_null(e, "%s", err.message);
    return e;
}

char *test_tmpdir(void)
{
    const char *base = getenv("TMPDIR");
    char *tmpl;
    cr_assert(asprintf(&tmpl, "%s/narrate-test-XXXXXX", base && *base ? base : "/tmp") > 0);
    cr_assert_not_null(mkdtemp(tmpl));
    return tmpl;
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    return remove(path);
}

void test_rmdir(char *dir)
{
    nftw(dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
    free(dir);
}

char *test_path(const char *dir, const char *name)
{
    char *p;
    cr_assert(asprintf(&p, "%s/%s", dir, name) > 0);
    return p;
}

int test_exists(const char *path)
{
    return access(path, F_OK) == 0;
}

int16_t *test_read_pcm(const char *path, size_t *n, int *rate)
{
    SF_INFO info = { 0 };
    SNDFILE *sf = sf_open(path, SFM_READ, &info);
    cr_assert_not_null(sf, "%s: %s", path, sf_strerror(NULL));
    cr_assert_eq(info.channels, 1);
    int16_t *pcm = malloc(sizeof *pcm * (size_t)(info.frames + 1));
    *n = (size_t)sf_read_short(sf, pcm, info.frames);
    *rate = info.samplerate;
    sf_close(sf);
    return pcm;
}

static char *id3_text(mpg123_string *s)
{
    return s && s->fill ? strndup(s->p, s->fill) : NULL;
}

int16_t *test_decode_mp3(const char *path, size_t *n, int *rate, char **title, char **artist)
{
    int rc;
    mpg123_handle *h = mpg123_new(NULL, &rc);
    cr_assert_not_null(h);
    mpg123_param(h, MPG123_ADD_FLAGS, MPG123_GAPLESS | MPG123_QUIET, 0);
    cr_assert_eq(mpg123_open(h, path), MPG123_OK, "%s", mpg123_strerror(h));
    long r;
    int ch, enc;
    cr_assert_eq(mpg123_getformat(h, &r, &ch, &enc), MPG123_OK);
    cr_assert_eq(ch, 1);
    size_t cap = 1 << 20, len = 0, done;
    unsigned char *buf = malloc(cap);
    while ((rc = mpg123_read(h, buf + len, cap - len, &done)) == MPG123_OK || rc == MPG123_NEW_FORMAT) {
        len += done;
        if (cap - len < 65536)
            buf = realloc(buf, cap *= 2);
    }
    len += done;
    cr_assert_eq(rc, MPG123_DONE, "%s", mpg123_strerror(h));
    mpg123_id3v1 *v1;
    mpg123_id3v2 *v2 = NULL;
    mpg123_id3(h, &v1, &v2);
    *title = v2 ? id3_text(v2->title) : NULL;
    *artist = v2 ? id3_text(v2->artist) : NULL;
    mpg123_close(h);
    mpg123_delete(h);
    *n = len / 2;
    *rate = (int)r;
    return (int16_t *)buf;
}

size_t test_silences(const int16_t *pcm, size_t n, int level, int min_ms, size_t *start,
                     size_t *len, size_t max)
{
    size_t found = 0, run = 0;
    size_t min = (size_t)min_ms * 22050 / 1000;
    for (size_t i = 0; i <= n; i++) {
        if (i < n && abs(pcm[i]) < level) {
            run++;
            continue;
        }
        if (run >= min && found < max) {
            start[found] = i - run;
            len[found] = run;
            found++;
        }
        run = 0;
    }
    return found;
}

narrate_lexicon *test_crash_lexicon(void)
{
    narrate_error err;
    narrate_lexicon *lex = narrate_lexicon_load(NR_TEST_SRCDIR "/tests/hostile/crash.lex", &err);
    cr_assert_not_null(lex, "%s", err.message);
    return lex;
}

static narrate_article *borrowed;

narrate_script *test_script(const char *text, const narrate_voice *v, const narrate_lexicon *lex)
{
    narrate_error err;
    narrate_article_free(borrowed);
    borrowed = narrate_article_parse(text, strlen(text), &err);
    cr_assert_not_null(borrowed, "%s", err.message);
    narrate_script *s = narrate_script_create(borrowed, v, lex, &err);
    cr_assert_not_null(s, "%s", err.message);
    return s;
}

void test_script_free(narrate_script *s)
{
    narrate_script_free(s);
    narrate_article_free(borrowed);
    borrowed = NULL;
}
