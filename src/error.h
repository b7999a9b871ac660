/* error.h - filling narrate_error: the library's only way to report problems. */
#ifndef NR_ERROR_H
#define NR_ERROR_H

#include "narrate.h"

/* Fill err (if not NULL) with code and a printf-style message; returns code. */
int nr_fail(narrate_error *err, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* nr_fail with ": strerror(errnum)" appended. */
int nr_fail_errno(narrate_error *err, int code, int errnum, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));


#endif
