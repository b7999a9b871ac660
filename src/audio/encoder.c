/* encoder.c - format names and dispatch to the MP3 and libsndfile encoders. */
#include "encoder.h"

#include <string.h>
#include <strings.h>

#include "error.h"

/* Every name a format goes by; the first of each is its extension. */
static const struct {
    const char *name;
    narrate_format format;
} format_names[] = {
    { "mp3", NARRATE_FORMAT_MP3 },   { "wav", NARRATE_FORMAT_WAV },
    { "flac", NARRATE_FORMAT_FLAC }, { "opus", NARRATE_FORMAT_OPUS },
    { "ogg", NARRATE_FORMAT_OPUS },
};

const char *narrate_format_extension(narrate_format format)
{
    for (size_t i = 0; i < sizeof format_names / sizeof format_names[0]; i++)
        if (format_names[i].format == format)
            return format_names[i].name;
    return "mp3"; /* AUTO: MP3, as renders decide */
}

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
