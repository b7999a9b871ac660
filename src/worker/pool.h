/* pool.h - a thread-safe pool of narrate-worker processes, and talking to one. */
#ifndef NR_POOL_H
#define NR_POOL_H

#include <stdint.h>
#include <sys/types.h>

#include "deadline.h"
#include "narrate.h"
#include "proto.h"

typedef struct nr_pool nr_pool;

typedef struct nr_worker {
    pid_t pid;
    int fd;          /* our end of the socket pair; the worker's is its fd 3 */
    int broken;      /* set when the worker died or misbehaved: never reuse it */
    int abandoned;   /* broken by us (a render failed or ran out of time), not a crash */
    int reaped;      /* its exit status was collected: its pid may be reused */
    int cpu_s;       /* its CPU limit per piece, for messages (0: none) */
    int memory_mb;   /* its address-space limit, for messages (0: none) */
    nr_msg msg;      /* receive buffer, reused across requests */
    struct nr_worker *next;
} nr_worker;

/* Seconds one synthesis request may take before the worker is killed. */
#define NR_SYNTH_TIMEOUT_MS 60000

/* limits: the engine's, resolved (worker_cpu_s and worker_memory_mb are passed to workers). */
nr_pool *nr_pool_create(const char *worker_path, int max_workers, const narrate_limits *limits);
void nr_pool_destroy(nr_pool *pool);
void nr_pool_stats(nr_pool *pool, narrate_engine_stats *stats);

/*
** The pool is the engine's one queue of pieces: every render in flight asks
** for a worker a piece at a time with a wish, and a worker given back goes
** to the most urgent wish (first pieces of streams, then streams by when
** their listener runs out of audio, then files and batch in turn), or is
** idle only when nobody wishes.  So a new listener's first piece overtakes
** the later pieces of renders already playing, and no worker idles while a
** render has work.
*/
typedef enum {
    NR_WISH_FIRST,  /* a stream's first piece (or a short exchange): before any other */
    NR_WISH_STREAM, /* due_ms: when its listener will have played what it was given */
    NR_WISH_FILE    /* no listener: fills what the others leave, in turn */
} nr_wish_class;

typedef struct nr_wish {
    nr_wish_class klass;
    long long due_ms;     /* NR_WISH_STREAM: on the CLOCK_MONOTONIC clock */
    int bell;             /* rung (an eventfd, written) when granted; -1: none */
    /* the pool's, under its lock */
    uint64_t seq;         /* order of posting: among equals, first come first served */
    int queued, granted;
    nr_worker *worker;    /* granted: the worker, or NULL: a slot to start one in */
    struct nr_wish *next;
} nr_wish;

/* Post a wish (klass, due_ms and bell set): 1 if granted at once, 0 if
** queued (its bell rings when granted). */
int nr_pool_wish(nr_pool *pool, nr_wish *wish);

/* The worker a granted wish won (starting it if the grant was a slot):
** NARRATE_OK, NARRATE_ENOTFOUND if not granted (yet), or why the worker
** could not start.  Drains the bell. */
int nr_pool_claim(nr_pool *pool, nr_wish *wish, nr_worker **worker, narrate_error *err);

/* Withdraw a wish, queued or granted and unclaimed (its grant goes on to
** the next wish); nothing if neither. */
void nr_pool_unwish(nr_pool *pool, nr_wish *wish);

/* How many wishes wait for a worker. */
int nr_pool_waiting(nr_pool *pool);

/* A wish of class FIRST, waited for, but not past deadline (may be NULL). */
int nr_pool_acquire(nr_pool *pool, nr_worker **worker, const nr_deadline *deadline,
                    narrate_error *err);

/* Give a worker back (to the most urgent wish, if any); a broken one is
** killed and reaped instead, and its slot granted. */
void nr_pool_release(nr_pool *pool, nr_worker *worker);

/* Send a piece: req (count set) and the script's sentences from first on. */
int nr_worker_send_piece(nr_worker *w, const nr_piece_req *req, const narrate_script *script,
                         size_t first, narrate_error *err);

/* Receive the worker's next message into w->msg, waiting at most
** NR_SYNTH_TIMEOUT_MS and not past deadline (may be NULL).  text is the
** sentence it is working on, for messages.  With w->broken set:
** NARRATE_EWORKER when it died, stayed silent or sent an oversized message,
** NARRATE_ENOMEM when there is no memory for the message, NARRATE_ELIMIT
** when it ran out of CPU time or the deadline passed (then also w->abandoned). */
int nr_worker_recv(nr_worker *w, const char *text, const nr_deadline *deadline,
                   narrate_error *err);

/* Report a FAIL, a LIMIT or an out-of-place message in w->msg (marking w
** broken for the latter two). */
int nr_worker_unexpected(nr_worker *w, const char *text, narrate_error *err);

#endif
