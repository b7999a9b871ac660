/* produce.h - synthesizing a prepared render and encoding it into a sink, marks to the extras. */
#ifndef NR_PRODUCE_H
#define NR_PRODUCE_H

#include <stdint.h>

#include "extras.h"
#include "narrate.h"
#include "prepare.h"
#include "sink.h"

/* MP3 goes through sink (a file, a stream, a tee); WAV, FLAC and Opus are
** encoded by libsndfile into sink->fd, a seekable file.  Marks go to x;
** *samples gets the audio's length.  NARRATE_EINPUT if nothing is audible. */
int nr_produce(narrate_engine *e, const narrate_article *a, const nr_prepared *pr, nr_sink *sink,
               nr_extras *x, uint64_t *samples, narrate_error *err);

#endif
