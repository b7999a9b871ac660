/* synth.h - speech synthesis with libespeak-ng; used only inside narrate-worker. */
#ifndef NR_SYNTH_H
#define NR_SYNTH_H

#include <stddef.h>
#include <stdint.h>

#include "proto.h"

/* Receives PCM as espeak-ng produces it; non-zero stops the synthesis. */
typedef int (*nr_pcm_fn)(const int16_t *pcm, size_t n, void *userdata);

/* Receives each word espeak-ng speaks: its place in the text, in characters
** (code points, 0-based) and the sample, counted from the start of this
** synthesis, where it begins. */
typedef void (*nr_word_fn)(uint32_t char_pos, uint32_t char_len, uint64_t sample, void *userdata);

/* Initialize espeak-ng once per process.  Returns the sample rate, or -1
** with msg filled. */
int nr_synth_init(char *msg, size_t msglen);

/* Speak UTF-8 text (plain text: never SSML; [[phonemes]] only when the request
** says so, which the library does only for its own lexicon output) with the request's
** voice settings, calling fn with the PCM and word (if not NULL) with each
** word as it starts.  Returns 0, or -1 with msg filled. */
int nr_synth_speak(const nr_synth_req *req, const char *text, nr_pcm_fn fn, nr_word_fn word,
                   void *userdata, char *msg, size_t msglen);

/* The voices espeak-ng has, as NR_MSG_VOICES carries them (malloc'd, *len
** bytes without the NUL), or NULL when out of memory. */
char *nr_synth_voices(size_t *len);

/* espeak-ng's phonemes for text read with voice (benchmarks compare
** them): one clause a line.  malloc'd; NULL when the
** voice is unknown or memory ran out. */
char *nr_synth_phonemes(const char *voice, const char *text);

#endif
