/* error.c - error codes, their names, and filling narrate_error. */
#include "error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <utf8proc.h>

const char *narrate_strerror(int code)
{
    switch (code) {
    case NARRATE_OK:      return "no error";
    case NARRATE_ENOMEM:  return "out of memory";
    case NARRATE_EINVAL:  return "invalid argument";
    case NARRATE_EIO:     return "input/output error";
    case NARRATE_EINPUT:  return "unusable article";
    case NARRATE_EVOICE:  return "bad voice profile";
    case NARRATE_EWORKER: return "synthesis worker failed";
    case NARRATE_EENCODE: return "encoder failed";
    case NARRATE_EFORMAT: return "unsupported output format";
    case NARRATE_ENOTFOUND: return "no such cache entry";
    case NARRATE_ELIMIT:  return "limit exceeded";
    default:              return "unknown error";
    }
}

const char *narrate_version(void)
{
    return NARRATE_VERSION_STRING;
}

int narrate_version_number(void)
{
    return NARRATE_VERSION_NUMBER;
}

/* Messages quote their subject, which may be hostile input: keep them valid
** UTF-8 without control characters (a bad byte or control becomes '?'; a
** character cut off by the buffer's end is dropped), so that they are safe to
** print to a terminal, log or put in a JSON reply. */
static void clean_message(char *m)
{
    size_t len = strlen(m), out = 0;
    for (size_t i = 0; i < len;) {
        utf8proc_int32_t c;
        utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)m + i,
                                              (utf8proc_ssize_t)(len - i), &c);
        if (n < 1 && len - i < 4 && (unsigned char)m[i] >= 0xc0)
            break; /* truncated at the end */
        if (n < 1 || c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
            m[out++] = '?';
            i += n < 1 ? 1 : (size_t)n;
            continue;
        }
        memmove(m + out, m + i, (size_t)n);
        out += (size_t)n;
        i += (size_t)n;
    }
    m[out] = '\0';
}

static int vfail(narrate_error *err, int code, int errnum, const char *fmt, va_list ap)
{
    if (!err)
        return code;
    err->code = code;
    int n = vsnprintf(err->message, sizeof err->message, fmt, ap);
    if (n < 0)
        snprintf(err->message, sizeof err->message, "%s", narrate_strerror(code));
    else if (errnum && (size_t)n < sizeof err->message)
        snprintf(err->message + n, sizeof err->message - (size_t)n, ": %s", strerror(errnum));
    clean_message(err->message);
    return code;
}

int nr_fail(narrate_error *err, int code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vfail(err, code, 0, fmt, ap);
    va_end(ap);
    return code;
}

int nr_fail_errno(narrate_error *err, int code, int errnum, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vfail(err, code, errnum, fmt, ap);
    va_end(ap);
    return code;
}
