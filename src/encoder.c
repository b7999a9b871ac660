/* encoder.c - format names and dispatch to the MP3 and libsndfile encoders. */
#include "encoder.h"

#include <errno.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "error.h"

static const struct {
    const char *name;
    narrate_format format;
} format_names[] = {
    { "mp3", NARRATE_FORMAT_MP3 },   { "wav", NARRATE_FORMAT_WAV },
    { "flac", NARRATE_FORMAT_FLAC }, { "ogg", NARRATE_FORMAT_OPUS },
    { "opus", NARRATE_FORMAT_OPUS },
};

narrate_format narrate_format_from_name(const char *name)
{
    for (size_t i = 0; name && i < sizeof format_names / sizeof format_names[0]; i++)
        if (strcasecmp(name, format_names[i].name) == 0)
            return format_names[i].format;
    return NARRATE_FORMAT_AUTO;
}

narrate_format narrate_format_from_path(const char *path)
{
    const char *dot = path ? strrchr(path, '.') : NULL;
    const char *slash = path ? strrchr(path, '/') : NULL;
    if (!dot || (slash && dot < slash))
        return NARRATE_FORMAT_AUTO;
    return narrate_format_from_name(dot + 1);
}

nr_encoder *nr_encoder_open(narrate_format format, int fd, const nr_meta *meta, narrate_error *err)
{
    switch (format) {
    case NARRATE_FORMAT_MP3:
        return nr_mp3_open(fd, meta, err);
    case NARRATE_FORMAT_WAV:
    case NARRATE_FORMAT_FLAC:
    case NARRATE_FORMAT_OPUS:
        return nr_sndfile_open(format, fd, meta, err);
    default:
        nr_fail(err, NARRATE_EFORMAT, "unsupported output format '%d'", (int)format);
        return NULL;
    }
}

int nr_encoder_write(nr_encoder *e, const int16_t *pcm, size_t n, narrate_error *err)
{
    return n ? e->ops->write(e, pcm, n, err) : NARRATE_OK;
}

int nr_encoder_finish(nr_encoder *e, narrate_error *err)
{
    return e->ops->finish(e, err);
}

void nr_encoder_free(nr_encoder *e)
{
    if (e)
        e->ops->free(e);
}

int nr_pwrite_all(int fd, const void *buf, size_t len, off_t offset)
{
    const char *p = buf;
    while (len > 0) {
        ssize_t n = pwrite(fd, p, len, offset);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return -1;
        p += n;
        len -= (size_t)n;
        offset += n;
    }
    return 0;
}
