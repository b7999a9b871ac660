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
    int undo;    /* after nr_outfile_commit_undoable: NR_UNDO_* */
} nr_outfile;

enum { NR_UNDO_NONE, NR_UNDO_REMOVE, NR_UNDO_RESTORE };

/* Temporary files are named NR_TEMP_PREFIX "<pid>-XXXXXX" (the CLI writes
** its own through narrate_file_create, so likewise): see outfile.c. */
#define NR_TEMP_PREFIX ".narrate-"

/* Whether a file name is one of our temporary files whose process is gone. */
int nr_temp_stale(const char *name);

/* Remove the temporary files in dir whose process is gone; how many. */
unsigned nr_temp_sweep(const char *dir);

/* nr_temp_sweep, the first time this process asks for dir (or
** narrate_temp_sweep did it). */
void nr_temp_sweep_once(const char *dir);

/* Create a temporary file in path's directory, after sweeping it once
** (nr_temp_sweep_once). */
int nr_outfile_open(nr_outfile *o, const char *path, narrate_error *err);

/* Make the output a hard link to src instead of a new file (same filesystem
** only).  0, or -1 with errno and the temporary file back, empty, for writing. */
int nr_outfile_link(nr_outfile *o, const char *src);

/* fsync, give it the permissions a new file would get, rename it over path,
** and fsync the directory; *bytes (if not NULL) gets the file's size.  On
** failure the temporary file is removed. */
int nr_outfile_commit(nr_outfile *o, uint64_t *bytes, narrate_error *err);

/* nr_outfile_commit for a file that goes with another one (timings with
** their audio): what path held before is kept aside (swapped into the
** temporary name) until nr_outfile_undo, which puts it back if the other
** file fails, or nr_outfile_abort, which drops it. */
int nr_outfile_commit_undoable(nr_outfile *o, uint64_t *bytes, narrate_error *err);

/* Undo nr_outfile_commit_undoable: the previous file back at path, or no
** file if there was none.  Then free like nr_outfile_abort. */
void nr_outfile_undo(nr_outfile *o);

/* Remove the temporary file; safe after commit or a failed open. */
void nr_outfile_abort(nr_outfile *o);

#endif
