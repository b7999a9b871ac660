/* error.c - error codes, their names, and filling narrate_error. */
#include "error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

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
