/* encoder.h - turning 22050 Hz mono PCM into a file format, behind one interface. */
#ifndef NR_ENCODER_H
#define NR_ENCODER_H

#include <stdint.h>
#include <sys/types.h>

#include "narrate.h"

#define NR_RATE 22050

typedef struct nr_meta {
    const char *title;    /* UTF-8 or NULL */
    const char *artist;
    const char *language; /* a language tag such as "en" or NULL */
    int bitrate_kbps;     /* MP3 only */
    const char *path;     /* where the output goes, for messages; must outlive the encoder */
} nr_meta;

typedef struct nr_encoder nr_encoder;

/* What each format implements; an implementation's struct starts with
** `const nr_encoder_ops *ops`. */
typedef struct nr_encoder_ops {
    int (*write)(nr_encoder *e, const int16_t *pcm, size_t n, narrate_error *err);
    int (*finish)(nr_encoder *e, narrate_error *err);
    void (*free)(nr_encoder *e);
} nr_encoder_ops;

struct nr_encoder {
    const nr_encoder_ops *ops;
};

/* Start encoding into fd, an empty seekable file we own, at offset 0.  The
** encoder never closes fd. */
nr_encoder *nr_encoder_open(narrate_format format, int fd, const nr_meta *meta, narrate_error *err);

int nr_encoder_write(nr_encoder *e, const int16_t *pcm, size_t n, narrate_error *err);

/* Flush and write trailers and tags; the file is complete afterwards. */
int nr_encoder_finish(nr_encoder *e, narrate_error *err);

/* Free; NULL is a no-op.  Without finish, the file's content is undefined. */
void nr_encoder_free(nr_encoder *e);

/* Format-specific constructors, dispatched by nr_encoder_open. */
nr_encoder *nr_mp3_open(int fd, const nr_meta *meta, narrate_error *err);
nr_encoder *nr_sndfile_open(narrate_format format, int fd, const nr_meta *meta, narrate_error *err);

/* Write all of buf at offset; 0 or -1 with errno. */
int nr_pwrite_all(int fd, const void *buf, size_t len, off_t offset);

#endif
