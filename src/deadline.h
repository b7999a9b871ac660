/* deadline.h - a render's wall-clock deadline (narrate_limits.render_s, narrate_render_options.deadline_s). */
#ifndef NR_DEADLINE_H
#define NR_DEADLINE_H

#include "narrate.h"

typedef struct nr_deadline {
    long long at_ms;     /* on the CLOCK_MONOTONIC clock, in ms; -1: none */
    int seconds;         /* as configured, for the message */
    const char *subject; /* the article's title or id, for the message (borrowed) */
} nr_deadline;

/* Milliseconds on the CLOCK_MONOTONIC clock. */
long long nr_now_ms(void);

/* A deadline seconds from now (NARRATE_LIMIT_NONE: none). */
void nr_deadline_start(nr_deadline *d, int seconds, const char *subject);

/* Has it passed?  Never for a NULL deadline or none. */
int nr_deadline_passed(const nr_deadline *d);

/* cap_ms, or less if the deadline comes first (0 once it has passed). */
int nr_deadline_wait_ms(const nr_deadline *d, int cap_ms);

/* Fill err with the deadline's NARRATE_ELIMIT message; returns NARRATE_ELIMIT. */
int nr_deadline_fail(const nr_deadline *d, narrate_error *err);

#endif
