/* test_schedule.c - pieces across renders: the pool's wishes in order of urgency; a new listener's first piece first. */
#include <criterion/criterion.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "engine.h"
#include "helpers.h"
#include "pool.h"

#define LONG_SAMPLE NR_TEST_SRCDIR "/samples/long.txt"

static void pause_a_little(void)
{
    nanosleep(&(struct timespec){ 0, 5 * 1000 * 1000 }, NULL);
}

/* ---------------------------------------------------------------- the pool's order */

static nr_wish wish_of(nr_wish_class klass, long long due_ms)
{
    return (nr_wish){ .klass = klass, .due_ms = due_ms, .bell = -1 };
}

/* One worker, held; wishes of every class queue behind it.  Each release
** goes to the most urgent: first pieces, then streams by due time, then
** files in the order they came.  No clock: due times are given. */
Test(schedule, pool_grants_the_most_urgent_wish_first, .timeout = 60)
{
    narrate_limits limits = { 0 };
    nr_pool *pool = nr_pool_create(NR_TEST_BUILDDIR "/narrate-worker", 1, &limits);
    cr_assert_not_null(pool);
    narrate_error err;
    nr_worker *w;
    nr_wish holder = wish_of(NR_WISH_FILE, 0);
    cr_assert_eq(nr_pool_wish(pool, &holder), 1, "an empty pool grants at once");
    cr_assert_eq(nr_pool_claim(pool, &holder, &w, &err), NARRATE_OK, "%s", err.message);

    nr_wish file1 = wish_of(NR_WISH_FILE, 0), late = wish_of(NR_WISH_STREAM, 9000),
            soon = wish_of(NR_WISH_STREAM, 100), first = wish_of(NR_WISH_FIRST, 0),
            file2 = wish_of(NR_WISH_FILE, 0), gone = wish_of(NR_WISH_STREAM, 0);
    nr_wish *posted[] = { &file1, &late, &soon, &gone, &first, &file2 };
    for (size_t i = 0; i < sizeof posted / sizeof *posted; i++)
        cr_assert_eq(nr_pool_wish(pool, posted[i]), 0, "wish %zu granted while the worker is held", i);
    cr_assert_eq(nr_pool_waiting(pool), 6);
    nr_pool_unwish(pool, &gone); /* withdrawn: never granted */
    cr_assert_eq(nr_pool_waiting(pool), 5);

    nr_wish *expect[] = { &first, &soon, &late, &file1, &file2 };
    for (size_t i = 0; i < sizeof expect / sizeof *expect; i++) {
        nr_pool_release(pool, w);
        for (size_t k = 0; k < sizeof posted / sizeof *posted; k++)
            cr_assert_eq(posted[k]->granted, posted[k] == expect[i],
                         "release %zu: wish %zu %s", i, k, posted[k]->granted ? "granted" : "not granted");
        w = NULL;
        cr_assert_eq(nr_pool_claim(pool, expect[i], &w, &err), NARRATE_OK, "%s", err.message);
        cr_assert_not_null(w);
    }
    cr_assert_eq(gone.granted, 0);
    cr_assert_eq(nr_pool_waiting(pool), 0);
    nr_pool_release(pool, w);
    nr_pool_destroy(pool);
}

/* A granted wish that is withdrawn passes its worker on to the next one. */
Test(schedule, withdrawn_grant_goes_to_the_next_wish, .timeout = 60)
{
    narrate_limits limits = { 0 };
    nr_pool *pool = nr_pool_create(NR_TEST_BUILDDIR "/narrate-worker", 1, &limits);
    narrate_error err;
    nr_worker *w;
    nr_wish a = wish_of(NR_WISH_FIRST, 0), b = wish_of(NR_WISH_STREAM, 0), c = wish_of(NR_WISH_FILE, 0);
    cr_assert_eq(nr_pool_wish(pool, &a), 1);
    cr_assert_eq(nr_pool_claim(pool, &a, &w, &err), NARRATE_OK, "%s", err.message);
    cr_assert_eq(nr_pool_wish(pool, &b), 0);
    cr_assert_eq(nr_pool_wish(pool, &c), 0);
    nr_pool_release(pool, w);
    cr_assert(b.granted && !c.granted);
    nr_pool_unwish(pool, &b);
    cr_assert(c.granted, "the withdrawn grant was not passed on");
    cr_assert_eq(nr_pool_claim(pool, &b, &w, &err), NARRATE_ENOTFOUND);
    cr_assert_eq(nr_pool_claim(pool, &c, &w, &err), NARRATE_OK, "%s", err.message);
    narrate_engine_stats st;
    nr_pool_stats(pool, &st);
    cr_assert_eq(st.workers, 1, "the one worker was reused, not a second started");
    cr_assert_eq(st.busy, 1);
    nr_pool_release(pool, w);
    nr_pool_destroy(pool);
}

/* ---------------------------------------------------------------- across renders */

/* A stream whose callback says when its first audio came, and stops when told. */
typedef struct {
    narrate_engine *engine;
    narrate_article *article;
    atomic_int *cancel;   /* the render's cancelled() answer; NULL: none */
    atomic_int started, *stop;
    int rc;
    narrate_error err;
} listener;

static int heard(const void *data, size_t len, void *userdata)
{
    (void)data;
    (void)len;
    listener *l = userdata;
    atomic_store(&l->started, 1);
    return atomic_load(l->stop);
}

static int is_cancelled(void *userdata)
{
    return atomic_load((atomic_int *)userdata);
}

static void *listen_to(void *arg)
{
    listener *l = arg;
    narrate_render_options ro = NARRATE_RENDER_OPTIONS_INIT;
    ro.jobs = 1;
    ro.cancelled = l->cancel ? is_cancelled : NULL;
    ro.cancel_userdata = l->cancel;
    l->rc = narrate_render_stream(l->engine, l->article, &ro, heard, l, NULL, &l->err);
    return NULL;
}

static narrate_article *titled(const char *title, const char *body_path)
{
    char *body = NULL;
    size_t n = 0;
    FILE *f = body_path ? fopen(body_path, "r") : NULL;
    if (f) {
        cr_assert_eq(getdelim(&body, &n, '\0', f) > 0, 1);
        fclose(f);
    }
    /* The sample's own header lines are kept after ours: the first Title wins. */
    char *text;
    cr_assert(asprintf(&text, "Title: %s\n\n%s", title,
                       body ? strstr(body, "\n\n") + 2 : "A short story follows. It ends here.\n") > 0);
    narrate_error err;
    narrate_article *a = narrate_article_parse(text, strlen(text), &err);
    cr_assert_not_null(a, "%s", err.message);
    free(text);
    free(body);
    return a;
}

/* Lines of the stall worker's log (every sentence, in the order spoken). */
static char **log_lines(const char *path, size_t *n)
{
    char **lines = NULL, *line = NULL;
    size_t cap = 0;
    *n = 0;
    FILE *f = fopen(path, "r");
    if (!f)
        return NULL;
    while (getline(&line, &cap, f) > 0) {
        lines = realloc(lines, (*n + 1) * sizeof *lines);
        line[strcspn(line, "\n")] = '\0';
        lines[(*n)++] = strdup(line);
    }
    free(line);
    fclose(f);
    return lines;
}

static long find_line(char **lines, size_t n, const char *text, size_t from)
{
    for (size_t i = from; i < n; i++)
        if (strstr(lines[i], text))
            return (long)i;
    return -1;
}

static void free_lines(char **lines, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(lines[i]);
    free(lines);
}

/* One worker.  Two streams are playing (their first audio out, later pieces
** to come); a third render holds the worker (its first piece stalls, so that
** what follows queues deterministically); a new listener clicks.  When the
** holder is cancelled (its piece killed), the new listener's first piece is
** the next one spoken, before any remaining piece of the two already playing.
** The stall worker's log of sentences is the dispatch order: no clock. */
Test(schedule, new_listeners_first_piece_goes_before_others_later_pieces, .timeout = 120)
{
    char *dir = test_tmpdir(), *logpath = test_path(dir, "spoken.log");
    setenv("NARRATE_STALL", "Zanzibar", 1);
    setenv("NARRATE_STALL_LOG", logpath, 1);
    narrate_engine_options o = { NR_TEST_BUILDDIR "/narrate-worker-stall", NR_TEST_SRCDIR "/voices", 1,
                                 { 0 } };
    narrate_error err;
    narrate_engine *e = narrate_engine_create(&o, &err);
    cr_assert_not_null(e, "%s", err.message);
    atomic_int stop = 0, let_go = 0;
    listener a = { e, titled("Playing one", LONG_SAMPLE), NULL, 0, &stop, -100, { 0, "" } },
             b = { e, titled("Playing two", LONG_SAMPLE), NULL, 0, &stop, -100, { 0, "" } },
             holder = { e, titled("Held in Zanzibar", NULL), &let_go, 0, &stop, -100, { 0, "" } },
             fresh = { e, titled("Breaking news arrives", NULL), NULL, 0, &stop, -100, { 0, "" } };
    pthread_t ta, tb, th, tf;
    pthread_create(&ta, NULL, listen_to, &a);
    pthread_create(&tb, NULL, listen_to, &b);
    while (!atomic_load(&a.started) || !atomic_load(&b.started))
        pause_a_little();
    pthread_create(&th, NULL, listen_to, &holder);
    size_t n;
    char **lines;
    for (;;) { /* until the holder's stalling title is being spoken */
        lines = log_lines(logpath, &n);
        if (find_line(lines, n, "Zanzibar", 0) >= 0)
            break;
        free_lines(lines, n);
        pause_a_little();
    }
    free_lines(lines, n);
    pthread_create(&tf, NULL, listen_to, &fresh);
    while (nr_pool_waiting(e->pool) < 3) /* both playing streams and the new listener */
        pause_a_little();
    atomic_store(&let_go, 1);
    pthread_join(th, NULL);
    cr_assert_eq(holder.rc, NARRATE_EIO, "%s", holder.err.message);
    cr_assert_str_eq(holder.err.message, "render cancelled 'Held in Zanzibar'");
    pthread_join(tf, NULL);
    cr_assert_eq(fresh.rc, NARRATE_OK, "%s", fresh.err.message);
    atomic_store(&stop, 1); /* the long renders end at their next bytes */
    pthread_join(ta, NULL);
    pthread_join(tb, NULL);
    narrate_engine_stats st;
    narrate_engine_stats_get(e, &st);
    cr_assert_eq(st.crashed, 0, "a cancelled piece's worker counted as a crash");

    lines = log_lines(logpath, &n);
    long held = find_line(lines, n, "Zanzibar", 0);
    cr_assert(held >= 0 && (size_t)held + 1 < n, "nothing spoken after the holder");
    cr_assert(strstr(lines[held + 1], "Breaking news arrives"),
              "after the holder, '%s' was spoken before the new listener's first piece", lines[held + 1]);
    free_lines(lines, n);
    narrate_article_free(a.article);
    narrate_article_free(b.article);
    narrate_article_free(holder.article);
    narrate_article_free(fresh.article);
    narrate_engine_destroy(e);
    unsetenv("NARRATE_STALL_LOG");
    free(logpath);
    test_rmdir(dir);
}
