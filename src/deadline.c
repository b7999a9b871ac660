/* deadline.c - a render's wall-clock deadline: when it is, how long to wait, what to say. */
#include "deadline.h"

#include <time.h>

#include "error.h"

long long nr_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void nr_deadline_start(nr_deadline *d, int seconds, const char *subject)
{
    d->seconds = seconds;
    d->subject = subject;
    d->at_ms = seconds > 0 ? nr_now_ms() + (long long)seconds * 1000 : -1;
}

int nr_deadline_passed(const nr_deadline *d)
{
    return d && d->at_ms >= 0 && nr_now_ms() >= d->at_ms;
}

int nr_deadline_wait_ms(const nr_deadline *d, int cap_ms)
{
    if (!d || d->at_ms < 0)
        return cap_ms;
    long long left = d->at_ms - nr_now_ms();
    return left <= 0 ? 0 : left < cap_ms ? (int)left : cap_ms;
}

int nr_deadline_fail(const nr_deadline *d, narrate_error *err)
{
    return nr_fail(err, NARRATE_ELIMIT, "render took longer than the deadline of %d s '%s'",
                   d->seconds, d->subject && *d->subject ? d->subject : "(untitled)");
}
