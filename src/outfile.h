/* outfile.h - writing a file so that it appears whole or not at all. */
#ifndef NR_OUTFILE_H
#define NR_OUTFILE_H

#include <stdint.h>

#include "narrate.h"

typedef struct nr_outfile {
    char *path; /* the final name */
    char *tmp;  /* the temporary file beside it */
    int fd;     /* open on tmp */
    int created; /* tmp exists and is ours to remove */
    int linked;  /* tmp is a hard link to an existing file (nr_outfile_link) */
} nr_outfile;

/* Create a temporary file in path's directory. */
int nr_outfile_open(nr_outfile *o, const char *path, narrate_error *err);

/* Make the output a hard link to src instead of a new file (same filesystem
** only).  0, or -1 with errno and the temporary file back, empty, for writing. */
int nr_outfile_link(nr_outfile *o, const char *src);

/* fsync, give it the permissions a new file would get, rename it over path,
** and fsync the directory; *bytes (if not NULL) gets the file's size.  On
** failure the temporary file is removed. */
int nr_outfile_commit(nr_outfile *o, uint64_t *bytes, narrate_error *err);

/* Remove the temporary file; safe after commit or a failed open. */
void nr_outfile_abort(nr_outfile *o);

#endif
