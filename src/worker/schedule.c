/* schedule.c - pieces of the script farmed out to workers; their output put back in order. */
#include "schedule.h"

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include "encoder.h" /* NR_RATE */
#include "error.h"

/* Pieces join only where there is room for LAME's delay and padding. */
#define MIN_JOINT_MS 100
/* Spoken bytes per piece: the first piece is one sentence (fast first audio),
** the second about as long, then they double up to a cap that bounds what
** waits in memory.  Each piece is then about as long as all before it: it has
** their playing time to be made in, the same share of it however short the
** first sentence (a title) was, so that many streams starting at once keep
** ahead of their listeners if the machine can speak for all of them. */
#define SECOND_MIN 32
#define MAX_TARGET 1200 /* about 75 s of speech: an MP3 piece under 0.6 MB */
#define MAX_WORKERS 64
/* How often a render that can be cancelled looks whether it is. */
#define CANCEL_POLL_MS 100
/* A stream's next piece is due this long before its listener would run out
** of audio: room for the piece's own synthesis and the network. */
#define STREAM_MARGIN_MS 3000

typedef struct {
    size_t first, count;
    nr_worker *worker;    /* while running */
    int done;
    uint32_t progress;    /* sentence being synthesized, within the piece */
    unsigned char *buf;   /* output that arrived before its turn */
    size_t len, cap;
    unsigned char *marks; /* MARK messages that arrived before its turn, each after its length */
    size_t mlen, mcap;
    nr_piece_done result;
    unsigned char tag[2880];
} piece;

typedef struct {
    nr_pool *pool;
    const narrate_script *script;
    const nr_plan *plan;
    const nr_consumer *out;
    piece *pieces;
    size_t npieces, next, head;
    int jobs;             /* pieces in flight at most */
    nr_wish wish;         /* for the next piece's worker */
    int wishing;
    long long first_ms;   /* when the first audio was passed on; -1: not yet */
    long long heard_ms;   /* when a worker last spoke (or the render started) */
    uint64_t samples;
    uint64_t base;        /* where the head piece starts as played */
} run;

/* Cut the script into pieces at sentences followed by a real pause. */
static int split(run *r)
{
    size_t n = narrate_script_count(r->script), cap = 16, target = 0, bytes = 0;
    r->pieces = calloc(cap, sizeof *r->pieces);
    for (size_t i = 0, start = 0; r->pieces && i < n; i++) {
        const narrate_sentence *s = narrate_script_sentence(r->script, i);
        bytes += strlen(s->spoken);
        int can_cut = s->pause_ms >= MIN_JOINT_MS || i + 1 == n;
        if (!can_cut || (bytes < target && i + 1 < n))
            continue;
        if (r->npieces == cap) {
            piece *np = realloc(r->pieces, (cap *= 2) * sizeof *np);
            if (!np)
                break;
            r->pieces = np;
        }
        r->pieces[r->npieces++] = (piece){ .first = start, .count = i + 1 - start };
        start = i + 1;
        target = target ? (target * 2 > MAX_TARGET ? MAX_TARGET : target * 2)
                        : (bytes > SECOND_MIN ? bytes : SECOND_MIN);
        bytes = 0;
    }
    if (!r->pieces || (n && r->pieces[r->npieces - 1].first + r->pieces[r->npieces - 1].count != n))
        return NARRATE_ENOMEM;
    return NARRATE_OK;
}

static const char *current_text(const run *r, const piece *p)
{
    size_t i = p->first + (p->progress < p->count ? p->progress : 0);
    return narrate_script_sentence(r->script, i)->spoken;
}

static int start_piece(run *r, nr_worker *w, narrate_error *err)
{
    piece *p = &r->pieces[r->next];
    const nr_plan *plan = r->plan;
    nr_piece_req req = { .gain_mdb = (int32_t)(plan->voice.gain_db * 1000),
                         .format = plan->format == NARRATE_FORMAT_MP3 ? NR_PIECE_MP3 : NR_PIECE_PCM,
                         .bitrate = plan->bitrate, .first = r->next == 0,
                         .last = r->next + 1 == r->npieces, .count = (uint32_t)p->count };
    const narrate_voice *v = &plan->voice;
    snprintf(req.voice.voice, sizeof req.voice.voice, "%s%s%s", v->espeak_voice,
             v->variant[0] ? "+" : "", v->variant);
    req.voice.rate = v->rate;
    req.voice.pitch = v->pitch;
    req.voice.pitch_range = v->pitch_range;
    p->worker = w;
    r->next++;
    return nr_worker_send_piece(w, &req, r->script, p->first, err);
}

static piece *piece_of(run *r, nr_worker *w)
{
    for (size_t i = r->head; i < r->next; i++)
        if (r->pieces[i].worker == w && !r->pieces[i].done)
            return &r->pieces[i];
    return NULL;
}

/* Append n bytes to a growing buffer. */
static int append(unsigned char **buf, size_t *len, size_t *cap, const void *data, size_t n)
{
    if (*len + n > *cap) {
        size_t ncap = *cap ? *cap : 65536;
        while (ncap < *len + n)
            ncap *= 2;
        unsigned char *nb = realloc(*buf, ncap);
        if (!nb)
            return NARRATE_ENOMEM;
        *buf = nb;
        *cap = ncap;
    }
    memcpy(*buf + *len, data, n);
    *len += n;
    return NARRATE_OK;
}

static int keep(piece *p, const void *buf, size_t n)
{
    return append(&p->buf, &p->len, &p->cap, buf, n);
}

static int keep_mark(piece *p, const void *msg, uint32_t n)
{
    int rc = append(&p->marks, &p->mlen, &p->mcap, &n, sizeof n);
    return rc < 0 ? rc : append(&p->marks, &p->mlen, &p->mcap, msg, n);
}

/* Pass audio of the head piece on; the first marks when the listener starts. */
static int pass_data(run *r, const void *buf, size_t n, narrate_error *err)
{
    if (r->first_ms < 0)
        r->first_ms = nr_now_ms();
    return r->out->data(r->out->userdata, buf, n, err);
}

/* Pass a MARK of the head piece on, its times made absolute. */
static int pass_mark(run *r, const piece *p, unsigned char *msg, size_t n, narrate_error *err)
{
    nr_mark_head h;
    if (n < sizeof h)
        return NARRATE_EWORKER;
    memcpy(&h, msg, sizeof h);
    if (h.index >= p->count || (n - sizeof h) / sizeof(nr_mark_word) != h.words ||
        (n - sizeof h) % sizeof(nr_mark_word))
        return NARRATE_EWORKER;
    nr_mark_word *w = (nr_mark_word *)(void *)(msg + sizeof h); /* nr_msg data is malloc'd: aligned */
    for (uint32_t i = 0; i < h.words; i++) {
        w[i].start += r->base;
        w[i].end += r->base;
    }
    nr_mark m = { p->first + h.index, r->base + h.start, r->base + h.end, w, h.words };
    return r->out->mark ? r->out->mark(r->out->userdata, &m, err) : NARRATE_OK;
}

/* Handle one message from a busy worker. */
static int receive(run *r, nr_worker *w, narrate_error *err)
{
    piece *p = piece_of(r, w);
    int rc = nr_worker_recv(w, current_text(r, p), &r->plan->deadline, err);
    if (rc < 0)
        return rc;
    nr_msg *m = &w->msg;
    if (m->type == NR_MSG_PROGRESS && m->len == sizeof p->progress) {
        memcpy(&p->progress, m->data, sizeof p->progress);
    } else if (m->type == NR_MSG_DATA) {
        int head = p == &r->pieces[r->head] && p->len == 0;
        rc = head ? pass_data(r, m->data, m->len, err) : keep(p, m->data, m->len);
        if (rc == NARRATE_ENOMEM)
            nr_fail(err, rc, "out of memory holding a piece '%zu bytes'", p->len);
    } else if (m->type == NR_MSG_MARK) {
        int head = p == &r->pieces[r->head] && p->mlen == 0;
        rc = head ? pass_mark(r, p, m->data, m->len, err) : keep_mark(p, m->data, m->len);
        if (rc == NARRATE_ENOMEM)
            nr_fail(err, rc, "out of memory holding timings '%zu bytes'", p->mlen);
        else if (rc == NARRATE_EWORKER)
            return nr_worker_unexpected(w, current_text(r, p), err);
    } else if (m->type == NR_MSG_PIECE_DONE && m->len >= sizeof p->result) {
        memcpy(&p->result, m->data, sizeof p->result);
        size_t tag = m->len - sizeof p->result;
        if (tag > sizeof p->tag || tag != p->result.tag_len)
            return nr_worker_unexpected(w, current_text(r, p), err);
        memcpy(p->tag, m->data + sizeof p->result, tag);
        p->done = 1;
        p->worker = NULL;
        nr_pool_release(r->pool, w); /* to the most urgent wish of any render */
    } else {
        return nr_worker_unexpected(w, current_text(r, p), err);
    }
    return rc;
}

/* Replay the marks a piece received before its turn. */
static int deliver_marks(run *r, piece *p, narrate_error *err)
{
    int rc = NARRATE_OK;
    for (size_t at = 0; rc == NARRATE_OK && at < p->mlen;) {
        uint32_t n;
        memcpy(&n, p->marks + at, sizeof n);
        unsigned char *msg = malloc(n ? n : 1); /* aligned for the word records */
        if (!msg)
            return nr_fail(err, NARRATE_ENOMEM, "out of memory replaying timings '%u bytes'", n);
        memcpy(msg, p->marks + at + sizeof n, n);
        rc = pass_mark(r, p, msg, n, err);
        free(msg);
        at += sizeof n + n;
    }
    if (rc == NARRATE_EWORKER)
        rc = nr_fail(err, rc, "malformed timings from a synthesis worker '%zu'", p->first);
    free(p->marks);
    p->marks = NULL;
    p->mlen = p->mcap = 0;
    return rc;
}

/* Where the piece after p starts as played.  An MPEG-2 Layer III frame
** holds 576 samples, and a gapless decoder drops only the first piece's
** delay (taken from the Info tag), so a piece's sample s plays at
** (frames before it) x 576 + s. */
#define MP3_FRAME_SAMPLES 576

static uint64_t piece_length(const run *r, const piece *p)
{
    return r->plan->format == NARRATE_FORMAT_MP3 ? (uint64_t)p->result.frames * MP3_FRAME_SAMPLES
                                                 : p->result.samples;
}

/* Deliver the head piece's held output, and finish it if it is done. */
static int deliver(run *r, narrate_error *err)
{
    while (r->head < r->npieces) {
        piece *p = &r->pieces[r->head];
        int rc = p->mlen ? deliver_marks(r, p, err) : NARRATE_OK;
        if (rc < 0)
            return rc;
        if (p->len) {
            rc = pass_data(r, p->buf, p->len, err);
            if (rc < 0)
                return rc;
            free(p->buf);
            p->buf = NULL;
            p->len = p->cap = 0;
        }
        if (!p->done)
            return NARRATE_OK;
        r->out->piece_done(r->out->userdata, &p->result, p->tag);
        r->samples += p->result.samples;
        r->base += piece_length(r, p);
        r->head++;
    }
    return NARRATE_OK;
}

/* The wish was granted (or its bell rang): start the next piece on the worker. */
static int claimed(run *r, narrate_error *err)
{
    nr_worker *w;
    int rc = nr_pool_claim(r->pool, &r->wish, &w, err);
    if (rc == NARRATE_ENOTFOUND)
        return NARRATE_OK; /* not yet */
    r->wishing = 0;
    if (rc < 0)
        return rc;
    return start_piece(r, w, err); /* on failure the piece holds w, broken: released at the end */
}

static int in_flight(const run *r)
{
    int n = 0;
    for (size_t i = r->head; i < r->next; i++)
        n += r->pieces[i].worker != NULL;
    return n;
}

/* How urgent the next piece is.  A stream's first piece goes before every
** later piece; then each stream's next piece is due when its listener will
** have played what it was given, less a margin (the time since the first
** audio was passed on stands for the listener's playback); a render
** without a listener (a file, batch) has no due time and fills idle workers. */
static void rank(run *r)
{
    r->wish.klass = NR_WISH_FILE;
    if (!r->plan->listener)
        return;
    if (r->next == 0) {
        r->wish.klass = NR_WISH_FIRST;
        return;
    }
    long long start = r->first_ms >= 0 ? r->first_ms : nr_now_ms();
    r->wish.klass = NR_WISH_STREAM;
    r->wish.due_ms = start + (long long)(r->base * 1000 / NR_RATE) - STREAM_MARGIN_MS;
}

/* Wish for a worker for each piece that may start, starting those granted
** at once; at most one wish stays queued, its bell in step()'s poll. */
static int dispatch(run *r, narrate_error *err)
{
    while (!r->wishing && r->next < r->npieces && in_flight(r) < r->jobs) {
        rank(r);
        r->wishing = 1;
        if (!nr_pool_wish(r->pool, &r->wish))
            return NARRATE_OK;
        int rc = claimed(r, err);
        if (rc < 0)
            return rc;
    }
    return NARRATE_OK;
}

/* Has the caller cancelled the render?  Then it ends now: the busy workers
** are killed on release (their pieces can be abandoned at any point). */
static int cancelled(const run *r, narrate_error *err)
{
    if (!r->plan->cancelled || !r->plan->cancelled(r->plan->cancel_userdata))
        return NARRATE_OK;
    return nr_fail(err, NARRATE_EIO, "render cancelled '%s'",
                   r->plan->deadline.subject ? r->plan->deadline.subject : "(untitled)");
}

/* Wait for whichever busy worker speaks first, or the wish's grant, and
** handle that.  A wait cut short by the deadline ends in receive(), which
** then says so (or, with no worker busy, in the caller's deadline check).
** A render that can be cancelled waits in short turns, and only a worker
** silent for NR_SYNTH_TIMEOUT_MS in all counts as timed out. */
static int step(run *r, narrate_error *err)
{
    struct pollfd fds[MAX_WORKERS + 1];
    nr_worker *who[MAX_WORKERS];
    int n = 0;
    for (size_t i = r->head; i < r->next && n < MAX_WORKERS; i++)
        if (r->pieces[i].worker) {
            fds[n] = (struct pollfd){ r->pieces[i].worker->fd, POLLIN, 0 };
            who[n++] = r->pieces[i].worker;
        }
    fds[n] = (struct pollfd){ r->wishing ? r->wish.bell : -1, POLLIN, 0 };
    if (n == 0)
        r->heard_ms = nr_now_ms(); /* nobody to hear from: no synthesis timing out */
    long long quiet = nr_now_ms() - r->heard_ms;
    int wait = nr_deadline_wait_ms(&r->plan->deadline,
                                   quiet < NR_SYNTH_TIMEOUT_MS ? NR_SYNTH_TIMEOUT_MS - (int)quiet : 0);
    int turn = r->plan->cancelled && wait > CANCEL_POLL_MS;
    int ready = poll(fds, (nfds_t)n + 1, turn ? CANCEL_POLL_MS : wait);
    int rc = cancelled(r, err);
    if (rc < 0 || (ready < 0 && errno == EINTR) || (ready == 0 && turn))
        return rc;
    if (ready > 0)
        r->heard_ms = nr_now_ms();
    if (fds[n].revents & POLLIN) {
        rc = claimed(r, err);
        if (rc < 0)
            return rc;
    }
    for (int i = 0; i < n; i++)
        if (ready == 0 || (fds[i].revents & (POLLIN | POLLHUP | POLLERR)))
            return receive(r, who[i], err); /* on timeout, the receive times out and says so */
    return NARRATE_OK;
}

int nr_schedule(nr_pool *pool, const narrate_script *script, const nr_plan *plan, int jobs,
                const nr_consumer *consumer, uint64_t *samples, narrate_error *err)
{
    run r = { .pool = pool, .script = script, .plan = plan, .out = consumer,
              .jobs = jobs < 1 ? 1 : jobs > MAX_WORKERS ? MAX_WORKERS : jobs, .first_ms = -1,
              .heard_ms = nr_now_ms() };
    r.wish.bell = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    int rc = r.wish.bell < 0 ? nr_fail_errno(err, NARRATE_ENOMEM, errno, "cannot wait for a worker '%s'",
                                             "eventfd")
                             : split(&r);
    if (rc == NARRATE_ENOMEM && r.wish.bell >= 0)
        nr_fail(err, rc, "out of memory planning pieces '%zu sentences'", narrate_script_count(script));
    while (rc == NARRATE_OK && r.head < r.npieces) {
        rc = dispatch(&r, err);
        if (rc == NARRATE_OK)
            rc = step(&r, err);
        if (rc == NARRATE_OK)
            rc = deliver(&r, err);
        /* Busy workers keep poll() from timing out: look at the clock too. */
        if (rc == NARRATE_OK && r.head < r.npieces && nr_deadline_passed(&plan->deadline))
            rc = nr_deadline_fail(&plan->deadline, err);
    }
    if (r.wishing)
        nr_pool_unwish(pool, &r.wish);
    for (size_t i = r.head; i < r.next; i++) {
        nr_worker *w = r.pieces[i].worker;
        if (!w)
            continue;
        if (!w->broken)
            w->broken = w->abandoned = 1; /* its answer is unread: never reuse it */
        nr_pool_release(pool, w);
    }
    for (size_t i = 0; i < r.npieces; i++) {
        free(r.pieces[i].buf);
        free(r.pieces[i].marks);
    }
    free(r.pieces);
    if (r.wish.bell >= 0)
        close(r.wish.bell);
    *samples = r.samples;
    return rc;
}
