/* infile.h - opening the files a render reads besides the article: regular files only, never blocking. */
#ifndef NR_INFILE_H
#define NR_INFILE_H

#include <stdio.h>

#include "narrate.h"

/* Open path for reading.  It is opened with O_NONBLOCK, so that a FIFO or
** a device with no writer cannot block the call (--timeout does not cover
** loading), then required to be a regular file; blocking I/O afterwards.
** Returns the fd, or -1 with err filled with code: "cannot open <what>
** '<path>': <reason>" or "<what> is not a regular file '<path>'". */
int nr_open_regular(const char *path, int code, const char *what, narrate_error *err);

/* The same as a stdio stream ("r"), or NULL. */
FILE *nr_fopen_regular(const char *path, int code, const char *what, narrate_error *err);

#endif
