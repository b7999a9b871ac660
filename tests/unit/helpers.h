/* helpers.h - shared fixtures for the unit tests: engines, temp files, decoding. */
#ifndef NR_TEST_HELPERS_H
#define NR_TEST_HELPERS_H

#include <stddef.h>
#include <stdint.h>

#include "narrate.h"

/* An engine using this tree's worker and voices. */
narrate_engine *test_engine(int max_workers);

/* A fresh empty directory under $TMPDIR (malloc'd path). */
char *test_tmpdir(void);

/* Remove a test_tmpdir() directory and everything in it, and free the path. */
void test_rmdir(char *dir);

/* dir + "/" + name, malloc'd. */
char *test_path(const char *dir, const char *name);

/* Does path exist? */
int test_exists(const char *path);

/* Read a 16-bit mono file (WAV/FLAC/Opus) with libsndfile: samples, rate. */
int16_t *test_read_pcm(const char *path, size_t *n, int *rate);

/* Decode an MP3 with libmpg123: samples (gapless), sample rate, ID3v2 title
** and artist (malloc'd, may be NULL). */
int16_t *test_decode_mp3(const char *path, size_t *n, int *rate, char **title, char **artist);

/* Silent runs (|x| < level) of at least min_ms, as start/length in samples;
** returns how many were found, up to max. */
size_t test_silences(const int16_t *pcm, size_t n, int level, int min_ms, size_t *start,
                     size_t *len, size_t max);

/* A script of text (an article) read with v and lex; the article it borrows
** from lives until test_script_free. */
narrate_script *test_script(const char *text, const narrate_voice *v, const narrate_lexicon *lex);
void test_script_free(narrate_script *s);

/* tests/hostile/crash.lex: a trusted lexicon that turns the word "Kaboom" into
** one that aborts espeak-ng 1.51 (article text no longer can: the normalizer
** takes such words apart, see tests/hostile/README.md). */
#define TEST_CRASH_WORD "Kaboom"
narrate_lexicon *test_crash_lexicon(void);

#endif
