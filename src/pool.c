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
    pthread_cond_t freed;
    char *path;
    int max;
    int alive, busy;
    uint64_t spawned, crashed;
    nr_worker *idle;
};

nr_pool *nr_pool_create(const char *worker_path, int max_workers)
{
    nr_pool *p = calloc(1, sizeof *p);
    if (!p || !(p->path = strdup(worker_path))) {
        free(p);
        return NULL;
    }
    pthread_mutex_init(&p->mu, NULL);
    pthread_cond_init(&p->freed, NULL);
    p->max = max_workers > 0 ? max_workers : 1;
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
    pthread_cond_destroy(&p->freed);
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
** reaches the caller, who decides, rather than the workers). */
static int spawn_process(const char *path, int child_fd, pid_t *pid)
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
    char *argv[] = { "narrate-worker", NULL };
    int rc = posix_spawn(pid, path, &fa, &at, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    posix_spawnattr_destroy(&at);
    return rc;
}

/* Wait for the worker's HELLO and check that it speaks our protocol. */
static int handshake(nr_worker *w, const char *path, narrate_error *err)
{
    if (nr_msg_recv(w->fd, &w->msg, HELLO_TIMEOUT_MS) < 0)
        return nr_fail(err, NARRATE_EWORKER, "synthesis worker did not start '%s'", path);
    if (w->msg.type == NR_MSG_FAIL)
        return nr_fail(err, NARRATE_EWORKER, "%.*s", (int)w->msg.len, (char *)w->msg.data);
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

static int spawn(const char *path, nr_worker **out, narrate_error *err)
{
    int sv[2];
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) < 0)
        return nr_fail_errno(err, NARRATE_EWORKER, errno, "cannot create worker socket '%s'", path);
    nr_worker *w = calloc(1, sizeof *w);
    int rc = w ? spawn_process(path, sv[1], &w->pid) : ENOMEM;
    close(sv[1]);
    if (rc != 0) {
        close(sv[0]);
        free(w);
        return nr_fail_errno(err, NARRATE_EWORKER, rc, "cannot start synthesis worker '%s'", path);
    }
    w->fd = sv[0];
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

/* Take an idle worker or reserve a slot for a new one; with wait, block
** until one of those is possible.  Called and returns with the lock held:
** 1 (*out set), 0 (slot reserved: spawn), -1 (none, not waiting). */
static int take(nr_pool *p, nr_worker **out, int wait)
{
    for (;;) {
        while (p->idle) {
            nr_worker *w = p->idle;
            p->idle = w->next;
            if (idle_worker_alive(w)) {
                p->busy++;
                w->next = NULL;
                *out = w;
                return 1;
            }
            p->alive--;
            reap(w, 1);
        }
        if (p->alive < p->max) {
            p->alive++; /* reserve the slot; the process starts unlocked */
            p->busy++;
            return 0;
        }
        if (!wait)
            return -1;
        pthread_cond_wait(&p->freed, &p->mu);
    }
}

static int acquire(nr_pool *p, nr_worker **out, int wait, narrate_error *err)
{
    pthread_mutex_lock(&p->mu);
    int got = take(p, out, wait);
    pthread_mutex_unlock(&p->mu);
    if (got != 0)
        return got > 0 ? NARRATE_OK : NARRATE_ENOTFOUND;
    int rc = spawn(p->path, out, err);
    pthread_mutex_lock(&p->mu);
    if (rc < 0) {
        p->alive--;
        p->busy--;
        pthread_cond_signal(&p->freed);
    } else {
        p->spawned++;
    }
    pthread_mutex_unlock(&p->mu);
    return rc;
}

int nr_pool_acquire(nr_pool *p, nr_worker **out, narrate_error *err)
{
    return acquire(p, out, 1, err);
}

int nr_pool_try_acquire(nr_pool *p, nr_worker **out, narrate_error *err)
{
    return acquire(p, out, 0, err);
}

void nr_pool_release(nr_pool *p, nr_worker *w)
{
    if (!w)
        return;
    pthread_mutex_lock(&p->mu);
    p->busy--;
    if (w->broken) {
        p->alive--;
        p->crashed++;
    } else {
        w->next = p->idle;
        p->idle = w;
    }
    pthread_cond_signal(&p->freed);
    pthread_mutex_unlock(&p->mu);
    if (w->broken)
        reap(w, 1);
}

/* Describe how a worker that stopped answering ended, then kill and mark it. */
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
    int status;
    pid_t r;
    while ((r = waitpid(w->pid, &status, 0)) < 0 && errno == EINTR)
        ;
    w->reaped = r == w->pid;
    if (r > 0 && WIFSIGNALED(status))
        return nr_fail(err, NARRATE_EWORKER, "synthesis worker killed by signal %d (%s) on '%s'",
                       WTERMSIG(status), strsignal(WTERMSIG(status)), shown);
    return nr_fail(err, NARRATE_EWORKER, "synthesis worker exited on '%s'", shown);
}

/* The worker's answer was not what the exchange expects: say what, about which sentence. */
int nr_worker_unexpected(nr_worker *w, const char *text, narrate_error *err)
{
    char shown[SNIPPET];
    nr_snippet(text, shown, sizeof shown);
    if (w->msg.type == NR_MSG_FAIL)
        return nr_fail(err, NARRATE_EWORKER, "%.*s on '%s'", (int)(w->msg.len > 300 ? 300 : w->msg.len),
                       (char *)w->msg.data, shown);
    w->broken = 1;
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

int nr_worker_recv(nr_worker *w, const char *text, narrate_error *err)
{
    if (nr_msg_recv(w->fd, &w->msg, NR_SYNTH_TIMEOUT_MS) == 0)
        return NARRATE_OK;
    if (errno != ENOMEM && errno != EMSGSIZE)
        return worker_died(w, text, err);
    /* The worker is alive but its message cannot be taken: waiting for it
    ** to die would hang.  Released broken, it is killed. */
    int e = errno;
    char shown[SNIPPET];
    nr_snippet(text, shown, sizeof shown);
    w->broken = 1;
    if (e == ENOMEM)
        return nr_fail(err, NARRATE_ENOMEM, "out of memory receiving from a synthesis worker on '%s'",
                       shown);
    return nr_fail(err, NARRATE_EWORKER, "synthesis worker sent an oversized message on '%s'", shown);
}
