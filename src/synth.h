/* synth.h - speech synthesis with libespeak-ng; used only inside narrate-worker. */
#ifndef NR_SYNTH_H
#define NR_SYNTH_H

#include <stddef.h>
#include <stdint.h>

#include "proto.h"

/* Receives PCM as espeak-ng produces it; non-zero stops the synthesis. */
typedef int (*nr_pcm_fn)(const int16_t *pcm, size_t n, void *userdata);

/* Initialize espeak-ng once per process.  Returns the sample rate, or -1
** with msg filled. */
int nr_synth_init(char *msg, size_t msglen);

/* Speak UTF-8 text (plain text: never SSML; [[phonemes]] only when the request
** says so, which the library does only for its own lexicon output) with the request's
** voice settings, calling fn with the PCM.  Returns 0, or -1 with msg filled. */
int nr_synth_speak(const nr_synth_req *req, const char *text, nr_pcm_fn fn, void *userdata,
                   char *msg, size_t msglen);

#endif
