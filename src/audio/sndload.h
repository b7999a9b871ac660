/* sndload.h - libsndfile and libsoxr, loaded on first use: the loaded functions under their own names. */
#ifndef NR_SNDLOAD_H
#define NR_SNDLOAD_H

#include <sndfile.h>
#include <soxr.h>

#include "error.h"

/* Only WAV, FLAC and Opus output and loudness measurement use them, while
** libsndfile alone brings FLAC, Vorbis, Opus, Ogg and mpg123 and libsoxr
** OpenMP: linked, they cost every narrate process (a cache hit above all)
** their loading.  See sndload.c. */
typedef struct {
    __typeof__(sf_open_fd) *open_fd;
    __typeof__(sf_close) *close;
    __typeof__(sf_strerror) *strerror;
    __typeof__(sf_error) *error;
    __typeof__(sf_write_short) *write_short;
    __typeof__(sf_readf_float) *readf_float;
    __typeof__(sf_set_string) *set_string;
    __typeof__(soxr_create) *soxr_create;
    __typeof__(soxr_delete) *soxr_delete;
    __typeof__(soxr_process) *soxr_process;
    __typeof__(soxr_io_spec) *soxr_io_spec;
    __typeof__(soxr_quality_spec) *soxr_quality_spec;
} nr_snd_api;

extern nr_snd_api nr_snd;

/* Load both libraries once (thread-safe); NARRATE_OK, or an error naming
** what is missing.  Call before any of the names below. */
int nr_snd_load(narrate_error *err);

#ifndef NR_SNDLOAD_SELF
#define sf_open_fd nr_snd.open_fd
#define sf_close nr_snd.close
#define sf_strerror nr_snd.strerror
#define sf_error nr_snd.error
#define sf_write_short nr_snd.write_short
#define sf_readf_float nr_snd.readf_float
#define sf_set_string nr_snd.set_string
#define soxr_create nr_snd.soxr_create
#define soxr_delete nr_snd.soxr_delete
#define soxr_process nr_snd.soxr_process
#define soxr_io_spec nr_snd.soxr_io_spec
#define soxr_quality_spec nr_snd.soxr_quality_spec
#endif

#endif
