/* pool.c - starting, reusing and reaping narrate-worker processes; the synthesis exchange. */
#include "pool.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "error.h"
#include "text.h"

/* How much of a sentence error messages quote. */
#define SNIPPET 64

extern char **environ;

#define HELLO_TIMEOUT_MS 10000
#define WORKER_FD 3

struct nr_pool {
    pthread_mutex_t mu;
    pthread_cond_t granted; /* on CLOCK_MONOTONIC, as deadlines are */
    char *path;
    int max;
    int cpu_s, memory_mb; /* workers' limits; 0: none */
    int alive, busy;
    uint64_t spawned, crashed;
    nr_worker *idle;
    nr_wish *wishes;      /* waiting for a worker, unordered (see most_urgent) */
    uint64_t seq;
};

nr_pool *nr_pool_create(const char *worker_path, int max_workers, const narrate_limits *limits)
{
    nr_pool *p = calloc(1, sizeof *p);
    if (!p || !(p->path = strdup(worker_path))) {
        free(p);
        return NULL;
    }
    pthread_mutex_init(&p->mu, NULL);
    pthread_condattr_t ca;
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    pthread_cond_init(&p->granted, &ca);
    pthread_condattr_destroy(&ca);
    p->max = max_workers > 0 ? max_workers : 1;
    p->cpu_s = limits->worker_cpu_s > 0 ? limits->worker_cpu_s : 0;
    p->memory_mb = limits->worker_memory_mb > 0 ? limits->worker_memory_mb : 0;
    return p;
}

/* Close, kill and reap a worker; returns its wait status (-1 if unknown). */
static int reap(nr_worker *w, int kill_first)
{
    int status = -1;
    if (w->fd >= 0)
        close(w->fd);
    if (!w->reaped) {
        if (kill_first)
            kill(w->pid, SIGKILL);
        while (waitpid(w->pid, &status, 0) < 0 && errno == EINTR)
            ;
    }
    nr_msg_free(&w->msg);
    free(w);
    return status;
}

void nr_pool_destroy(nr_pool *p)
{
    if (!p)
        return;
    while (p->idle) {
        nr_worker *w = p->idle;
        p->idle = w->next;
        reap(w, 1);
    }
    pthread_mutex_destroy(&p->mu);
    pthread_cond_destroy(&p->granted);
    free(p->path);
    free(p);
}

void nr_pool_stats(nr_pool *p, narrate_engine_stats *s)
{
    pthread_mutex_lock(&p->mu);
    s->workers = p->alive;
    s->busy = p->busy;
    s->spawned = p->spawned;
    s->crashed = p->crashed;
    pthread_mutex_unlock(&p->mu);
}

/* Start the worker program with our socket as its fd 3, nothing else open, a
** clean signal state and its own process group (so a terminal's Ctrl-C
** reaches the caller, who decides, rather than the workers).  Its limits go
** in its arguments: the address space must be limited before espeak-ng
** starts (see proto.h). */
static int spawn_process(const nr_pool *p, int child_fd, pid_t *pid)
{
    posix_spawn_file_actions_t fa;
    posix_spawnattr_t at;
    sigset_t none, all;
    sigemptyset(&none);
    sigfillset(&all);
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, child_fd, WORKER_FD);
    posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
#if defined(__GLIBC__) && (__GLIBC__ > 2 || __GLIBC_MINOR__ >= 34)
    posix_spawn_file_actions_addclosefrom_np(&fa, WORKER_FD + 1);
#endif
    posix_spawnattr_init(&at);
    posix_spawnattr_setflags(&at, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF |
                                      POSIX_SPAWN_SETPGROUP);
    posix_spawnattr_setsigmask(&at, &none);
    posix_spawnattr_setsigdefault(&at, &all);
    posix_spawnattr_setpgroup(&at, 0);
    char cpu[16], mem[16];
    snprintf(cpu, sizeof cpu, "%d", p->cpu_s);
    snprintf(mem, sizeof mem, "%d", p->memory_mb);
    char *argv[] = { "narrate-worker", "--cpu-s", cpu, "--memory-mb", mem, NULL };
    int rc = posix_spawn(pid, p->path, &fa, &at, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    posix_spawnattr_destroy(&at);
    return rc;
}

/* Collect a worker's exit status (it closed its end: it is ending). */
static int wait_worker(nr_worker *w, int *status)
{
    pid_t r;
    while ((r = waitpid(w->pid, status, 0)) < 0 && errno == EINTR)
        ;
    w->reaped = r == w->pid;
    return w->reaped ? 0 : -1;
}

/* Say how a worker ended, `where` ("on", "while starting") `subject`.  Its
** limits have exit statuses of their own (see proto.h and rlimit.c); a bare
** SIGXCPU is a CPU limit the caller started it with. */
static int ended(const nr_worker *w, int status, const char *where, const char *subject,
                 narrate_error *err)
{
    int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    int sig = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
    if ((code == NR_WORKER_EXIT_CPU || sig == SIGXCPU) && w->cpu_s > 0)
        return nr_fail(err, NARRATE_ELIMIT, "synthesis worker exceeded its CPU limit of %d s %s '%s'",
                       w->cpu_s, where, subject);
    if (code == NR_WORKER_EXIT_CPU || sig == SIGXCPU)
        return nr_fail(err, NARRATE_ELIMIT, "synthesis worker exceeded the CPU time limit "
                       "(RLIMIT_CPU) it was started with %s '%s'", where, subject);
    if (code == NR_WORKER_EXIT_MEMORY)
        return nr_fail(err, NARRATE_ELIMIT,
                       "synthesis worker ran out of its address-space limit of %d MiB %s '%s'",
                       w->memory_mb, where, subject);
    if (sig)
        return nr_fail(err, NARRATE_EWORKER, "synthesis worker killed by signal %d (%s) %s '%s'",
                       sig, strsignal(sig), where, subject);
    return nr_fail(err, NARRATE_EWORKER, "synthesis worker exited %s '%s'", where, subject);
}

/* Wait for the worker's HELLO and check that it speaks our protocol. */
static int handshake(nr_worker *w, const char *path, narrate_error *err)
{
    if (nr_msg_recv(w->fd, &w->msg, HELLO_TIMEOUT_MS) < 0) {
        int status, closed = errno == 0 || errno == ECONNRESET;
        if (closed && wait_worker(w, &status) == 0)
            return ended(w, status, "while starting", path, err);
        return nr_fail(err, NARRATE_EWORKER, "synthesis worker did not start '%s'", path);
    }
    if (w->msg.type == NR_MSG_FAIL)
        return nr_fail(err, NARRATE_EWORKER, "%.*s", (int)w->msg.len, (char *)w->msg.data);
    if (w->msg.type == NR_MSG_LIMIT)
        return nr_fail(err, NARRATE_ELIMIT, "%.*s while starting '%s'",
                       (int)(w->msg.len > 300 ? 300 : w->msg.len), (char *)w->msg.data, path);
    nr_hello h;
    if (w->msg.type != NR_MSG_HELLO || w->msg.len != sizeof h)
        return nr_fail(err, NARRATE_EWORKER, "not a narrate worker '%s'", path);
    memcpy(&h, w->msg.data, sizeof h);
    if (h.magic != NR_PROTO_MAGIC || h.version != NR_PROTO_VERSION)
        return nr_fail(err, NARRATE_EWORKER, "synthesis worker of another version '%s'", path);
    if (h.sample_rate != 22050)
        return nr_fail(err, NARRATE_EWORKER, "synthesis worker rate %u Hz, not 22050 '%s'",
                       h.sample_rate, path);
    return NARRATE_OK;
}

static int spawn(const nr_pool *p, nr_worker **out, narrate_error *err)
{
    const char *path = p->path;
    int sv[2];
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) < 0)
        return nr_fail_errno(err, NARRATE_EWORKER, errno, "cannot create worker socket '%s'", path);
    nr_worker *w = calloc(1, sizeof *w);
    int rc = w ? spawn_process(p, sv[1], &w->pid) : ENOMEM;
    close(sv[1]);
    if (rc != 0) {
        close(sv[0]);
        free(w);
        return nr_fail_errno(err, NARRATE_EWORKER, rc, "cannot start synthesis worker '%s'", path);
    }
    w->fd = sv[0];
    w->cpu_s = p->cpu_s;
    w->memory_mb = p->memory_mb;
    rc = handshake(w, path, err);
    if (rc < 0) {
        reap(w, 1);
        return rc;
    }
    *out = w;
    return NARRATE_OK;
}

/* An idle worker has nothing to say: readable means it died. */
static int idle_worker_alive(nr_worker *w)
{
    struct pollfd pfd = { w->fd, POLLIN, 0 };
    return poll(&pfd, 1, 0) == 0;
}

/* Is a before b?  Class, then due time (streams), then order of posting. */
static int more_urgent(const nr_wish *a, const nr_wish *b)
{
    if (a->klass != b->klass)
        return a->klass < b->klass;
    if (a->klass == NR_WISH_STREAM && a->due_ms != b->due_ms)
        return a->due_ms < b->due_ms;
    return a->seq < b->seq;
}

/* Take the most urgent queued wish off the queue (NULL if none).  A linear
** scan: the wishes are the renders in flight, tens at most. */
static nr_wish *most_urgent(nr_pool *p)
{
    nr_wish **best = NULL;
    for (nr_wish **at = &p->wishes; *at; at = &(*at)->next)
        if (!best || more_urgent(*at, *best))
            best = at;
    if (!best)
        return NULL;
    nr_wish *w = *best;
    *best = w->next;
    w->next = NULL;
    w->queued = 0;
    return w;
}

/* Hand a worker (or, NULL, a slot to start one in) to a wish; with the lock. */
static void grant(nr_pool *p, nr_wish *w, nr_worker *worker)
{
    w->granted = 1;
    w->worker = worker;
    p->busy++;
    if (!worker)
        p->alive++;
    if (w->bell >= 0) {
        uint64_t one = 1;
        while (write(w->bell, &one, sizeof one) < 0 && errno == EINTR)
            ;
    }
    pthread_cond_broadcast(&p->granted);
}

/* A worker is free (or, NULL, a slot): to the most urgent wish, else idle.
** With the lock. */
static void pass_on(nr_pool *p, nr_worker *worker)
{
    nr_wish *w = most_urgent(p);
    if (w)
        grant(p, w, worker);
    else if (worker) {
        worker->next = p->idle;
        p->idle = worker;
    }
}

int nr_pool_wish(nr_pool *p, nr_wish *w)
{
    nr_worker *dead = NULL;
    pthread_mutex_lock(&p->mu);
    w->seq = p->seq++;
    w->granted = w->queued = 0;
    w->worker = NULL;
    w->next = NULL;
    /* Idle workers and free slots exist only while nobody wishes. */
    while (!p->wishes && p->idle && !w->granted) {
        nr_worker *k = p->idle;
        p->idle = k->next;
        k->next = NULL;
        if (idle_worker_alive(k)) {
            grant(p, w, k);
        } else {
            p->alive--;
            k->next = dead;
            dead = k;
        }
    }
    if (!w->granted && !p->wishes && p->alive < p->max)
        grant(p, w, NULL);
    if (!w->granted) {
        w->queued = 1;
        w->next = p->wishes;
        p->wishes = w;
    }
    int granted = w->granted;
    pthread_mutex_unlock(&p->mu);
    while (dead) {
        nr_worker *k = dead;
        dead = k->next;
        reap(k, 1);
    }
    return granted;
}

static void drain_bell(const nr_wish *w)
{
    uint64_t n;
    if (w->bell >= 0)
        while (read(w->bell, &n, sizeof n) < 0 && errno == EINTR)
            ;
}

int nr_pool_claim(nr_pool *p, nr_wish *w, nr_worker **out, narrate_error *err)
{
    pthread_mutex_lock(&p->mu);
    int granted = w->granted;
    nr_worker *worker = w->worker;
    w->granted = 0;
    w->worker = NULL;
    pthread_mutex_unlock(&p->mu);
    drain_bell(w);
    if (!granted)
        return NARRATE_ENOTFOUND;
    if (worker) {
        *out = worker;
        return NARRATE_OK;
    }
    int rc = spawn(p, out, err);
    pthread_mutex_lock(&p->mu);
    if (rc < 0) {
        p->alive--;
        p->busy--;
        pass_on(p, NULL); /* the slot: perhaps another wish starts one */
    } else {
        p->spawned++;
    }
    pthread_mutex_unlock(&p->mu);
    return rc;
}

void nr_pool_unwish(nr_pool *p, nr_wish *w)
{
    pthread_mutex_lock(&p->mu);
    if (w->queued) {
        for (nr_wish **at = &p->wishes; *at; at = &(*at)->next)
            if (*at == w) {
                *at = w->next;
                break;
            }
        w->queued = 0;
    } else if (w->granted) {
        p->busy--;
        if (!w->worker)
            p->alive--;
        pass_on(p, w->worker);
        w->granted = 0;
        w->worker = NULL;
    }
    pthread_mutex_unlock(&p->mu);
    drain_bell(w);
}

int nr_pool_waiting(nr_pool *p)
{
    int n = 0;
    pthread_mutex_lock(&p->mu);
    for (const nr_wish *w = p->wishes; w; w = w->next)
        n++;
    pthread_mutex_unlock(&p->mu);
    return n;
}

int nr_pool_acquire(nr_pool *p, nr_worker **out, const nr_deadline *d, narrate_error *err)
{
    nr_wish w = { .klass = NR_WISH_FIRST, .bell = -1 };
    if (!nr_pool_wish(p, &w)) {
        pthread_mutex_lock(&p->mu);
        int late = 0;
        while (!w.granted && !late) {
            if (!d || d->at_ms < 0) {
                pthread_cond_wait(&p->granted, &p->mu);
            } else {
                struct timespec until = { (time_t)(d->at_ms / 1000), (long)(d->at_ms % 1000) * 1000000 };
                late = pthread_cond_timedwait(&p->granted, &p->mu, &until) == ETIMEDOUT;
            }
        }
        pthread_mutex_unlock(&p->mu);
        if (late && !w.granted) {
            nr_pool_unwish(p, &w);
            pthread_mutex_lock(&p->mu);
            late = !w.granted; /* granted as the wait ended: take it after all */
            pthread_mutex_unlock(&p->mu);
            if (late)
                return nr_deadline_fail(d, err);
        }
    }
    return nr_pool_claim(p, &w, out, err);
}

void nr_pool_release(nr_pool *p, nr_worker *w)
{
    if (!w)
        return;
    pthread_mutex_lock(&p->mu);
    p->busy--;
    if (w->broken) {
        p->alive--;
        p->crashed += !w->abandoned;
        pass_on(p, NULL);
    } else {
        pass_on(p, w);
    }
    pthread_mutex_unlock(&p->mu);
    if (w->broken)
        reap(w, 1);
}

/* Describe how a worker that stopped answering ended, then kill and mark it
** (errno from nr_msg_recv: 0 or ECONNRESET when it closed its end). */
static int worker_died(nr_worker *w, const char *text, narrate_error *err)
{
    int timed_out = errno == ETIMEDOUT;
    char shown[SNIPPET];
    nr_snippet(text, shown, sizeof shown);
    w->broken = 1;
    if (timed_out) {
        kill(w->pid, SIGKILL);
        return nr_fail(err, NARRATE_EWORKER, "synthesis timed out after %d s on '%s'",
                       NR_SYNTH_TIMEOUT_MS / 1000, shown);
    }
    int e = errno, status;
    if (e != 0 && e != ECONNRESET) { /* alive but talking nonsense: never wait for it */
        kill(w->pid, SIGKILL);
        if (e == EMSGSIZE)
            return nr_fail(err, NARRATE_EWORKER, "synthesis worker sent an oversized message on '%s'",
                           shown);
        return nr_fail_errno(err, NARRATE_EWORKER, e, "bad message from synthesis worker on '%s'",
                             shown);
    }
    if (wait_worker(w, &status) == 0)
        return ended(w, status, "on", shown, err);
    return nr_fail(err, NARRATE_EWORKER, "synthesis worker exited on '%s'", shown);
}

/* The worker's answer was not what the exchange expects: say what, about which sentence. */
int nr_worker_unexpected(nr_worker *w, const char *text, narrate_error *err)
{
    char shown[SNIPPET];
    nr_snippet(text, shown, sizeof shown);
    int len = (int)(w->msg.len > 300 ? 300 : w->msg.len);
    if (w->msg.type == NR_MSG_FAIL)
        return nr_fail(err, NARRATE_EWORKER, "%.*s on '%s'", len, (char *)w->msg.data, shown);
    w->broken = 1;
    if (w->msg.type == NR_MSG_LIMIT) /* the worker exits after saying so */
        return nr_fail(err, NARRATE_ELIMIT, "%.*s on '%s'", len, (char *)w->msg.data, shown);
    return nr_fail(err, NARRATE_EWORKER, "synthesis worker sent message %u on '%s'", w->msg.type,
                   shown);
}

int nr_worker_send_piece(nr_worker *w, const nr_piece_req *req, const narrate_script *script,
                         size_t first, narrate_error *err)
{
    size_t bytes = sizeof *req;
    for (size_t i = 0; i < req->count; i++)
        bytes += sizeof(nr_piece_sentence) + strlen(narrate_script_sentence(script, first + i)->spoken);
    unsigned char *buf = malloc(bytes), *at = buf;
    if (!buf)
        return nr_fail(err, NARRATE_ENOMEM, "out of memory sending a piece '%zu bytes'", bytes);
    memcpy(at, req, sizeof *req);
    at += sizeof *req;
    for (size_t i = 0; i < req->count; i++) {
        const narrate_sentence *s = narrate_script_sentence(script, first + i);
        nr_piece_sentence ps = { s->pause_ms, s->phonemes, (uint32_t)strlen(s->spoken) };
        memcpy(at, &ps, sizeof ps);
        memcpy(at + sizeof ps, s->spoken, ps.len);
        at += sizeof ps + ps.len;
    }
    int rc = nr_msg_send(w->fd, NR_MSG_PIECE, buf, bytes, NULL, 0);
    int e = errno;
    free(buf);
    if (rc == 0)
        return NARRATE_OK;
    char shown[SNIPPET];
    nr_snippet(narrate_script_sentence(script, first)->spoken, shown, sizeof shown);
    w->broken = 1;
    return nr_fail_errno(err, e == EMSGSIZE ? NARRATE_EINPUT : NARRATE_EWORKER, e,
                         "cannot send a piece to a synthesis worker at '%s'", shown);
}

int nr_worker_recv(nr_worker *w, const char *text, const nr_deadline *d, narrate_error *err)
{
    int wait = nr_deadline_wait_ms(d, NR_SYNTH_TIMEOUT_MS);
    if (nr_msg_recv(w->fd, &w->msg, wait) == 0)
        return NARRATE_OK;
    if (errno == ETIMEDOUT && wait < NR_SYNTH_TIMEOUT_MS) {
        w->broken = w->abandoned = 1; /* killed on release: its answer is unread */
        return nr_deadline_fail(d, err);
    }
    if (errno == ENOMEM) { /* alive, but its message cannot be taken: released broken, it is killed */
        char shown[SNIPPET];
        nr_snippet(text, shown, sizeof shown);
        w->broken = 1;
        return nr_fail(err, NARRATE_ENOMEM, "out of memory receiving from a synthesis worker on '%s'",
                       shown);
    }
    return worker_died(w, text, err);
}
