/* runner.c - runs the unit tests built against tests/tsan/criterion/criterion.h
** (the ThreadSanitizer build, where Criterion cannot run; see that header).
**
**   tsan-tests [SUITE | SUITE/NAME]...    glob patterns (fnmatch); none: all
**
** Each test runs in a child forked from this single-threaded process, under a
** timeout of the test's own (or 60 s) times NR_TSAN_TIMEOUT_SCALE (default
** 10: TSan makes code 5 to 15 times slower). A test fails when an assertion
** fails, it dies of a signal, times out, or exits non-zero: TSan makes a
** process that reported a race exit 66. Prints Criterion's closing line. */
#include "criterion/criterion.h"

#include <fnmatch.h>
#include <signal.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

enum { SKIPPED = 77 };

static nr_test *first, **last = &first;
static atomic_int expect_failed;

void nr_test_register(nr_test *t)
{
    t->next = NULL;
    *last = t;
    last = &t->next;
}

void nr_test_fail(int fatal, const char *file, int line, const char *what, const char *fmt, ...)
{
    fprintf(stderr, "%s:%d: %s failed: %s", file, line, fatal ? "assertion" : "expectation", what);
    if (*fmt) {
        va_list ap;
        va_start(ap, fmt);
        fputs(": ", stderr);
        vfprintf(stderr, fmt, ap);
        va_end(ap);
    }
    fputc('\n', stderr);
    if (fatal) {
        fflush(NULL);
        _exit(1);
    }
    atomic_store(&expect_failed, 1);
}

void nr_test_skip(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("skipped: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    fflush(NULL);
    _exit(SKIPPED);
}

void nr_test_log(const char *level, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "[%s] ", level);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

static int chosen(const nr_test *t, int argc, char **argv)
{
    if (argc < 2)
        return 1;
    char full[512];
    snprintf(full, sizeof full, "%s/%s", t->suite, t->name);
    for (int i = 1; i < argc; i++)
        if (fnmatch(argv[i], t->suite, 0) == 0 || fnmatch(argv[i], full, 0) == 0)
            return 1;
    return 0;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    const char *s = getenv("NR_TSAN_TIMEOUT_SCALE");
    double scale = s && atof(s) > 0 ? atof(s) : 10.0;
    int tested = 0, passed = 0, failed = 0, crashed = 0, skipped = 0;
    for (nr_test *t = first; t; t = t->next) {
        if (t->disabled || !chosen(t, argc, argv))
            continue;
        tested++;
        fflush(NULL);
        double t0 = now();
        pid_t pid = fork();
        if (pid < 0) {
            perror("fork");
            return 1;
        }
        if (pid == 0) {
            alarm((unsigned)((t->timeout > 0 ? t->timeout : 60) * scale));
            t->fn();
            fflush(NULL);
            exit(atomic_load(&expect_failed) ? 1 : 0);
        }
        int st;
        while (waitpid(pid, &st, 0) < 0)
            ;
        double dt = now() - t0;
        if (WIFEXITED(st) && WEXITSTATUS(st) == 0) {
            passed++;
            printf("[PASS] %s::%s: (%.2fs)\n", t->suite, t->name, dt);
        } else if (WIFEXITED(st) && WEXITSTATUS(st) == SKIPPED) {
            skipped++;
            printf("[SKIP] %s::%s\n", t->suite, t->name);
        } else if (WIFEXITED(st)) {
            failed++;
            printf("[FAIL] %s::%s: exit %d%s (%.2fs)\n", t->suite, t->name, WEXITSTATUS(st),
                   WEXITSTATUS(st) == 66 ? ", ThreadSanitizer reported" : "", dt);
        } else {
            crashed++;
            printf("[FAIL] %s::%s: %s (%.2fs)\n", t->suite, t->name,
                   WTERMSIG(st) == SIGALRM ? "timed out" : strsignal(WTERMSIG(st)), dt);
        }
    }
    printf("[====] Synthesis: Tested: %d | Passing: %d | Failing: %d | Crashing: %d | Skipped: %d\n",
           tested, passed, failed, crashed, skipped);
    return failed || crashed || tested == 0;
}
