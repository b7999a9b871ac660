/* criterion/criterion.h - the part of Criterion's API the unit tests use, for
** the ThreadSanitizer build only (make tsan-test): found before the real header
** through -Itests/tsan, with tests/tsan/runner.c as main.
**
** Criterion itself cannot run under TSan: its runner maps a shared arena at a
** random fixed address between 0x2000'0000'0000 and 0x5fff'0000'0000, and TSan
** reserves almost all of that range for its shadow memory, so every run aborts
** with "Could not initialize inheritable arena" (Snaipe/Criterion#274, open).
** The test sources are the same; only the runner differs. Each test runs in a
** forked child of a single-threaded runner, as Criterion isolates them. */
#ifndef NR_TSAN_CRITERION_H
#define NR_TSAN_CRITERION_H

#include <math.h>
#include <stddef.h>
#include <string.h>

typedef struct nr_test {
    const char *suite, *name;
    void (*fn)(void);
    double timeout; /* seconds, before the runner's TSan factor; 0: the default */
    int disabled;
    int sentinel_;
    struct nr_test *next;
} nr_test;

void nr_test_register(nr_test *t);
void nr_test_fail(int fatal, const char *file, int line, const char *what, const char *fmt, ...);
_Noreturn void nr_test_skip(const char *fmt, ...);
void nr_test_log(const char *level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#define Test(...) NR_TEST_(__VA_ARGS__, .sentinel_ = 0)
#define NR_TEST_(S, N, ...)                                                               \
    static void S##__##N(void);                                                           \
    static nr_test S##__##N##__test = { .suite = #S, .name = #N, .fn = S##__##N, __VA_ARGS__ }; \
    __attribute__((constructor)) static void S##__##N##__register(void)                   \
    {                                                                                     \
        nr_test_register(&S##__##N##__test);                                              \
    }                                                                                     \
    static void S##__##N(void)

/* The message, when given, is a format string literal and its arguments. */
#define NR_CHECK_(fatal, ok, what, ...) \
    ((ok) ? (void)0 : nr_test_fail(fatal, __FILE__, __LINE__, what, "" __VA_ARGS__))

#define cr_assert(c, ...) NR_CHECK_(1, (c), #c, __VA_ARGS__)
#define cr_assert_eq(a, b, ...) NR_CHECK_(1, (a) == (b), #a " == " #b, __VA_ARGS__)
#define cr_assert_neq(a, b, ...) NR_CHECK_(1, (a) != (b), #a " != " #b, __VA_ARGS__)
#define cr_assert_lt(a, b, ...) NR_CHECK_(1, (a) < (b), #a " < " #b, __VA_ARGS__)
#define cr_assert_leq(a, b, ...) NR_CHECK_(1, (a) <= (b), #a " <= " #b, __VA_ARGS__)
#define cr_assert_gt(a, b, ...) NR_CHECK_(1, (a) > (b), #a " > " #b, __VA_ARGS__)
#define cr_assert_geq(a, b, ...) NR_CHECK_(1, (a) >= (b), #a " >= " #b, __VA_ARGS__)
#define cr_assert_null(a, ...) NR_CHECK_(1, (a) == NULL, #a " == NULL", __VA_ARGS__)
#define cr_assert_not_null(a, ...) NR_CHECK_(1, (a) != NULL, #a " != NULL", __VA_ARGS__)
#define cr_assert_str_eq(a, b, ...) NR_CHECK_(1, strcmp((a), (b)) == 0, #a " eq " #b, __VA_ARGS__)
#define cr_assert_str_neq(a, b, ...) NR_CHECK_(1, strcmp((a), (b)) != 0, #a " neq " #b, __VA_ARGS__)
#define cr_assert_float_eq(a, b, eps, ...) \
    NR_CHECK_(1, fabs((double)(a) - (double)(b)) <= (eps), #a " ~ " #b, __VA_ARGS__)

#define cr_expect_eq(a, b, ...) NR_CHECK_(0, (a) == (b), #a " == " #b, __VA_ARGS__)
#define cr_expect_lt(a, b, ...) NR_CHECK_(0, (a) < (b), #a " < " #b, __VA_ARGS__)
#define cr_expect_leq(a, b, ...) NR_CHECK_(0, (a) <= (b), #a " <= " #b, __VA_ARGS__)
#define cr_expect_null(a, ...) NR_CHECK_(0, (a) == NULL, #a " == NULL", __VA_ARGS__)
#define cr_expect_str_eq(a, b, ...) NR_CHECK_(0, strcmp((a), (b)) == 0, #a " eq " #b, __VA_ARGS__)

#define cr_skip_test(...) nr_test_skip("" __VA_ARGS__)
#define cr_log_info(...) nr_test_log("info", __VA_ARGS__)
#define cr_log_warn(...) nr_test_log("warn", __VA_ARGS__)
#define cr_log_error(...) nr_test_log("error", __VA_ARGS__)

#endif
