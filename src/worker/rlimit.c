/* rlimit.c - narrate-worker's limits: address space from the start, CPU time per piece. */
#include "rlimit.h"

#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <unistd.h>

#include "proto.h"

/* AddressSanitizer reserves terabytes of address space for its shadow
** memory at start-up: any useful RLIMIT_AS would make it fail. */
#if defined(__SANITIZE_ADDRESS__)
#define UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UNDER_ASAN 1
#endif
#endif
#ifndef UNDER_ASAN
#define UNDER_ASAN 0
#endif

/* A whole number in 0..INT_MAX (any limit the library takes), or -1. */
static int number(const char *s)
{
    char *end;
    errno = 0;
    long n = strtol(s, &end, 10);
    return end == s || *end || errno || n < 0 || n > INT_MAX ? -1 : (int)n;
}

int nr_rlimits_parse(int argc, char **argv, nr_rlimits *l)
{
    memset(l, 0, sizeof *l);
    if (argc != 5 || strcmp(argv[1], "--cpu-s") != 0 || strcmp(argv[3], "--memory-mb") != 0)
        return -1;
    l->cpu_s = number(argv[2]);
    l->memory_mb = number(argv[4]);
    return l->cpu_s < 0 || l->memory_mb < 0 ? -1 : 0;
}

/* No core dump, no handler of the caller's: a status the library knows. */
static void on_sigxcpu(int signo)
{
    (void)signo;
    _exit(NR_WORKER_EXIT_CPU);
}

/* What counts as address space left: a thread's default stack, a large
** mapping for the libraries in a worker to ask for (espeak-ng's start-up
** under 20 to 24 MiB aborts with 1 MiB still free). */
#define ROOM ((size_t)8 << 20)

/* Is there ROOM left?  Asked of the kernel: a malloc could come from free
** heap, and compilers may assume it succeeds.  (mmap is a plain system
** call, safe in the crash handler below.) */
static int space_left(void)
{
    void *p = mmap(NULL, ROOM, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p == MAP_FAILED)
        return 0;
    munmap(p, ROOM);
    return 1;
}

/* espeak-ng does not check every allocation: under the limit it may crash
** on a NULL.  A crash with the address space used up says so by its exit
** status; any other crash goes on to die of its signal (the handler is
** reset on entry, and a fault repeats once it returns). */
static void on_crash(int signo)
{
    if (!space_left())
        _exit(NR_WORKER_EXIT_MEMORY);
    raise(signo);
}

/* On a stack of its own: a stack that could not grow is one way to crash. */
static void catch_crashes(void)
{
    static char stack[64 * 1024];
    stack_t ss = { .ss_sp = stack, .ss_size = sizeof stack };
    struct sigaction sa = { .sa_handler = on_crash, .sa_flags = SA_RESETHAND | SA_ONSTACK };
    sigemptyset(&sa.sa_mask);
    if (sigaltstack(&ss, NULL) < 0)
        return;
    sigaction(SIGSEGV, &sa, NULL);
    sigaction(SIGBUS, &sa, NULL);
    sigaction(SIGABRT, &sa, NULL);
}

/* Lower both soft and hard limits: nothing in the worker may raise them
** again.  A lower limit inherited from the caller stays, and is reported. */
static void limit_memory(nr_rlimits *l)
{
    rlim_t want = (rlim_t)l->memory_mb << 20;
    struct rlimit rl;
    if (getrlimit(RLIMIT_AS, &rl) < 0)
        return;
    if (rl.rlim_max != RLIM_INFINITY && rl.rlim_max < want)
        want = rl.rlim_max;
    rl.rlim_cur = rl.rlim_max = want;
    if (setrlimit(RLIMIT_AS, &rl) == 0) {
        l->memory_set = 1;
        l->memory_mb = (int)(want >> 20);
        catch_crashes();
    }
}

void nr_rlimits_apply(nr_rlimits *l)
{
    struct sigaction sa = { .sa_handler = on_sigxcpu };
    sigemptyset(&sa.sa_mask);
    sigaction(SIGXCPU, &sa, NULL);
    if (l->memory_mb > 0 && !UNDER_ASAN)
        limit_memory(l);
}

/* Only the soft limit moves (an unprivileged process cannot raise its hard
** limit once lowered), and it stays under a hard one the caller set, so
** that SIGXCPU, not the hard limit's SIGKILL, ends the worker. */
void nr_rlimits_piece(const nr_rlimits *l)
{
    struct rusage ru;
    struct rlimit rl;
    if (l->cpu_s <= 0 || getrusage(RUSAGE_SELF, &ru) < 0 || getrlimit(RLIMIT_CPU, &rl) < 0)
        return;
    long long us = (long long)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1000000 +
                   ru.ru_utime.tv_usec + ru.ru_stime.tv_usec;
    rlim_t soft = (rlim_t)((us + 999999) / 1000000) + (rlim_t)l->cpu_s;
    if (rl.rlim_max != RLIM_INFINITY && soft >= rl.rlim_max)
        soft = rl.rlim_max > 1 ? rl.rlim_max - 1 : rl.rlim_max;
    rl.rlim_cur = soft;
    setrlimit(RLIMIT_CPU, &rl);
}

int nr_rlimits_out_of_memory(const nr_rlimits *l, int seen, char *msg, size_t msglen)
{
    if (!l->memory_set || (!seen && space_left()))
        return 0;
    snprintf(msg, msglen, "synthesis worker ran out of its address-space limit of %d MiB",
             l->memory_mb);
    return 1;
}
