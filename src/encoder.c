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

int nr_write_all(int fd, const void *buf, size_t len)
{
    const char *p = buf;
    while (len > 0) {
        ssize_t n = write(fd, p, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return -1;
        p += n;
        len -= (size_t)n;
    }
    return 0;
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
