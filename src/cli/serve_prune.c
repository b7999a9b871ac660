/* serve_prune.c - `narrate serve --cache-max-size/--cache-max-age`: the cache pruned in the background, least recently used first. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "serve.h"

/*
** A thread prunes the cache with the library's narrate_cache_prune (least
** recently used first: a hit touches its entry) after renders, at most once
** every few seconds, and once a minute regardless (for --cache-max-age).
** The library skips an entry being written (it holds the entry's lock).  A
** reader of an entry holds the read side of a lock between its lookup and its
** open, which a prune takes for writing: so no entry is removed between a
** lookup that found it and the open that makes it the reader's (an open file
** stays readable when removed).  Renders between two prunes may take the
** cache past the bound by what they wrote.
*/

#define PRUNE_MIN_GAP_S 2
#define PRUNE_EVERY_S 60

struct serve_pruner {
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t cond;
    int poked, quit;
};

static pthread_rwlock_t readers = PTHREAD_RWLOCK_INITIALIZER;

void serve_cache_read_begin(nr_server *s)
{
    if (s->pruner)
        pthread_rwlock_rdlock(&readers);
}

void serve_cache_read_end(nr_server *s)
{
    if (s->pruner)
        pthread_rwlock_unlock(&readers);
}

static void prune_once(nr_server *s)
{
    uint64_t removed = 0;
    narrate_error err;
    pthread_rwlock_wrlock(&readers);
    int rc = narrate_cache_prune(s->cache, atomic_load(&s->cache_max_size),
                                 atomic_load(&s->cache_max_age), &removed, &err);
    pthread_rwlock_unlock(&readers);
    if (rc < 0) {
        serve_log_msg("warning: cache prune: %s", err.message);
        return;
    }
    if (removed)
        serve_timings_sweep(s); /* the timings of entries gone go too */
    narrate_cache_stats st;
    if (narrate_cache_stats_get(s->cache, &st, NULL) == NARRATE_OK)
        serve_metrics_evicted(removed, st.bytes);
}

static void *run(void *arg)
{
    nr_server *s = arg;
    serve_pruner *p = s->pruner;
    pthread_mutex_lock(&p->lock);
    while (!p->quit) {
        pthread_mutex_unlock(&p->lock);
        prune_once(s);
        pthread_mutex_lock(&p->lock);
        /* A pause between prunes, then until poked or a minute is over. */
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_sec += PRUNE_MIN_GAP_S;
        while (!p->quit && pthread_cond_timedwait(&p->cond, &p->lock, &until) == 0)
            ;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_sec += PRUNE_EVERY_S - PRUNE_MIN_GAP_S;
        while (!p->quit && !p->poked && pthread_cond_timedwait(&p->cond, &p->lock, &until) == 0)
            ;
        p->poked = 0;
    }
    pthread_mutex_unlock(&p->lock);
    return NULL;
}

int serve_prune_start(nr_server *s)
{
    if (!atomic_load(&s->cache_max_size) && !atomic_load(&s->cache_max_age))
        return 0;
    serve_pruner *p = calloc(1, sizeof *p);
    if (!p)
        return -1;
    pthread_mutex_init(&p->lock, NULL);
    pthread_cond_init(&p->cond, NULL);
    s->pruner = p;
    if (pthread_create(&p->thread, NULL, run, s) != 0) {
        s->pruner = NULL;
        free(p);
        return -1;
    }
    return 0;
}

void serve_prune_poke(nr_server *s)
{
    serve_pruner *p = s->pruner;
    if (!p)
        return;
    pthread_mutex_lock(&p->lock);
    p->poked = 1;
    pthread_cond_signal(&p->cond);
    pthread_mutex_unlock(&p->lock);
}

void serve_prune_stop(nr_server *s)
{
    serve_pruner *p = s->pruner;
    if (!p)
        return;
    pthread_mutex_lock(&p->lock);
    p->quit = 1;
    pthread_cond_signal(&p->cond);
    pthread_mutex_unlock(&p->lock);
    pthread_join(p->thread, NULL);
    /* Once more, so that what the last renders wrote is in the bound. */
    prune_once(s);
    s->pruner = NULL;
    pthread_mutex_destroy(&p->lock);
    pthread_cond_destroy(&p->cond);
    free(p);
}
