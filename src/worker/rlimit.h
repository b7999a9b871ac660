/* rlimit.h - narrate-worker's limits: address space from the start, CPU time per piece. */
#ifndef NR_RLIMIT_H
#define NR_RLIMIT_H

#include <stddef.h>

typedef struct nr_rlimits {
    int cpu_s;        /* CPU seconds per piece; 0: none */
    int memory_mb;    /* address space in MiB; 0: none */
    int memory_set;   /* RLIMIT_AS is in force (never under AddressSanitizer) */
} nr_rlimits;

/* Read the arguments the library starts workers with (see proto.h):
** 0, or -1 if they are anything else. */
int nr_rlimits_parse(int argc, char **argv, nr_rlimits *l);

/* Limit the address space, and make SIGXCPU end the worker at once with
** NR_WORKER_EXIT_CPU.  Called before espeak-ng starts. */
void nr_rlimits_apply(nr_rlimits *l);

/* Before each piece: the CPU limit becomes what the worker has used so far
** plus cpu_s, rounded up to a whole second (RLIMIT_CPU counts seconds). */
void nr_rlimits_piece(const nr_rlimits *l);

/* Did a failure come from the address-space limit?  Yes if under our limit
** an allocation was seen to fail (seen), or a 1 MiB one fails now; then msg
** gets the message for NR_MSG_LIMIT. */
int nr_rlimits_out_of_memory(const nr_rlimits *l, int seen, char *msg, size_t msglen);

#endif
