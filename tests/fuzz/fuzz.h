/* fuzz.h - what the libFuzzer targets share: invariant checks, temporary files, paths. */
#ifndef NR_FUZZ_H
#define NR_FUZZ_H

#include <stddef.h>
#include <stdint.h>

#include "narrate.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* A broken invariant: print what and abort, so that libFuzzer keeps the input. */
void fuzz_fail(const char *what, const char *detail) __attribute__((noreturn));
/* For a target run with -close_fd_mask=2: fuzz_fail still reports to the
** stderr libFuzzer was started with.  Call from LLVMFuzzerInitialize. */
void fuzz_keep_stderr(void);

/* An error as the library promises it: a negative code and a message. */
void fuzz_check_error(const narrate_error *err);

/* NUL-terminated valid UTF-8. */
void fuzz_check_utf8(const char *s, const char *what);

/* A parsed article (or the error that came instead), then its script. */
void fuzz_check_article(narrate_article *a, const narrate_error *err);

/* Write size bytes to `name` in this process's own temporary directory and
** return its path (valid until the next call with the same name). */
const char *fuzz_file(const char *name, const uint8_t *data, size_t size);

/* This process's temporary directory (removed at exit). */
const char *fuzz_dir(void);

/* Point NARRATE_WORKER and NARRATE_VOICES at the source tree's build and
** voices unless they are set. */
void fuzz_use_tree(void);

#endif
