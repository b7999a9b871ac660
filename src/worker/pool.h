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

/* Take an idle worker, start one if fewer than max_workers are alive, else
** wait for one to be released, but not past deadline (may be NULL). */
int nr_pool_acquire(nr_pool *pool, nr_worker **worker, const nr_deadline *deadline,
                    narrate_error *err);

/* Give a worker back; a broken one is killed and reaped instead. */
void nr_pool_release(nr_pool *pool, nr_worker *worker);

/* Like nr_pool_acquire, but never waits: NARRATE_ENOTFOUND if every worker is busy. */
int nr_pool_try_acquire(nr_pool *pool, nr_worker **worker, narrate_error *err);

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
