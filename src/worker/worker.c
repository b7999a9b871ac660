/* worker.c - narrate-worker: synthesizes, stitches and encodes pieces for libnarrate over fd 3. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "encoder.h"
#include "error.h"
#include "proto.h"
#include "rlimit.h"
#include "stitch.h"
#include "synth.h"

#define CHANNEL_FD 3

static int send_fail(int fd, const char *msg)
{
    return nr_msg_send(fd, NR_MSG_FAIL, msg, strlen(msg), NULL, 0);
}

/* A failure that came from the address-space limit is told as such (oom:
** an allocation of ours failed); the worker then ends (-1), its memory
** spent.  Any other failure is a FAIL, and the worker goes on. */
static int send_failure(int fd, const nr_rlimits *lim, int oom, const char *msg)
{
    char limit[160];
    if (!nr_rlimits_out_of_memory(lim, oom, limit, sizeof limit))
        return send_fail(fd, msg);
    nr_msg_send(fd, NR_MSG_LIMIT, limit, strlen(limit), NULL, 0);
    return -1;
}

/* A word as espeak-ng reports it: characters of the text, and the sample
** of the sentence's raw (untrimmed) PCM where it starts. */
typedef struct {
    uint32_t pos, len;
    uint64_t sample;
} word_event;

/* The piece being served: its socket, its encoder, one sentence's PCM and words. */
typedef struct {
    int fd;
    nr_encoder *mp3;     /* NULL for PCM pieces */
    int16_t *pcm;
    size_t len, cap;
    uint64_t sent;       /* samples passed on */
    word_event *words;
    size_t nwords, wcap;
    int oom;             /* an allocation failed: audio or a word was lost */
} piece;

static int collect(const int16_t *pcm, size_t n, void *userdata)
{
    piece *p = userdata;
    if (p->len + n > p->cap) {
        size_t ncap = p->cap ? p->cap * 2 : 1 << 16;
        while (ncap < p->len + n)
            ncap *= 2;
        int16_t *np = realloc(p->pcm, ncap * sizeof *np);
        if (!np)
            return p->oom = 1;
        p->pcm = np;
        p->cap = ncap;
    }
    memcpy(p->pcm + p->len, pcm, n * sizeof *pcm);
    p->len += n;
    return 0;
}

static void on_word(uint32_t pos, uint32_t len, uint64_t sample, void *userdata)
{
    piece *p = userdata;
    if (p->nwords == p->wcap) {
        size_t ncap = p->wcap ? p->wcap * 2 : 64;
        word_event *nw = realloc(p->words, ncap * sizeof *nw);
        if (!nw) {
            p->oom = 1;
            return;
        }
        p->words = nw;
        p->wcap = ncap;
    }
    p->words[p->nwords++] = (word_event){ pos, len, sample };
}

static int send_bytes(const void *buf, size_t n, void *userdata)
{
    return nr_msg_send(*(int *)userdata, NR_MSG_DATA, buf, n, NULL, 0);
}

/* The stitcher's output: LAME for MP3 pieces, else the PCM itself. */
static int out_write(nr_encoder *e, const int16_t *pcm, size_t n, narrate_error *err);
static int out_finish(nr_encoder *e, narrate_error *err) { (void)e; (void)err; return 0; }
static void out_free(nr_encoder *e) { (void)e; }
static const nr_encoder_ops out_ops = { out_write, out_finish, out_free };

typedef struct {
    const nr_encoder_ops *ops;
    piece *p;
} piece_out;

static int out_write(nr_encoder *e, const int16_t *pcm, size_t n, narrate_error *err)
{
    piece *p = ((piece_out *)e)->p;
    p->sent += n;
    if (p->mp3)
        return nr_encoder_write(p->mp3, pcm, n, err);
    if (send_bytes(pcm, n * sizeof *pcm, &p->fd) < 0)
        return nr_fail(err, NARRATE_EIO, "cannot send audio '%zu samples'", n);
    return 0;
}

/* Between MP3 pieces the decoder plays this piece's padding and the next
** one's encoder delay: 576 each when a piece spans whole frames.  So the
** trailing pause is shortened by both and rounded to whole frames (the
** rounding moves a joint by at most 13 ms). */
#define MP3_FRAME 576
#define MP3_JOINT (2 * MP3_FRAME)

static uint64_t tail_samples(const nr_piece_req *req, const nr_stitch *st)
{
    uint64_t pause = (uint64_t)st->pending_pause_ms * NR_RATE / 1000;
    if (req->last)
        return 0;
    if (req->format != NR_PIECE_MP3)
        return pause;
    uint64_t joint = pause > MP3_JOINT ? pause - MP3_JOINT : 0;
    uint64_t end = (st->samples + joint + MP3_FRAME / 2) / MP3_FRAME * MP3_FRAME;
    return end > st->samples ? end - st->samples : 0;
}

/* Byte offset of character pos in text (its length if past the end),
** walking on from a previous answer when pos has not gone back. */
typedef struct {
    const char *text;
    size_t byte;
    uint32_t chr;
} char_cursor;

static size_t byte_of(char_cursor *c, uint32_t pos)
{
    if (pos < c->chr)
        c->byte = c->chr = 0;
    while (c->chr < pos && c->text[c->byte]) {
        c->byte++;
        while ((c->text[c->byte] & 0xC0) == 0x80)
            c->byte++;
        c->chr++;
    }
    return c->byte;
}

/* Output sample of a word starting at raw sample raw: trimmed, placed, kept
** inside the sentence's speech. */
static uint64_t place(const nr_stitch *st, uint64_t raw, uint64_t floor)
{
    uint64_t at = st->placed_start + (raw > st->placed_trim ? raw - st->placed_trim : 0);
    if (at > st->placed_end)
        at = st->placed_end;
    return at < floor ? floor : at;
}

/* Tell the library where sentence index of the piece landed, and its words. */
static int send_mark(piece *p, const nr_stitch *st, uint32_t index, const char *text)
{
    nr_mark_word *w = calloc(p->nwords ? p->nwords : 1, sizeof *w);
    if (!w)
        return p->oom = 1, -1;
    char_cursor cur = { text, 0, 0 };
    uint32_t n = 0;
    uint64_t last = st->placed_start;
    for (size_t i = 0; i < p->nwords; i++) {
        uint64_t start = place(st, p->words[i].sample, last);
        uint64_t end = i + 1 < p->nwords ? place(st, p->words[i + 1].sample, start) : st->placed_end;
        size_t b = byte_of(&cur, p->words[i].pos), e = byte_of(&cur, p->words[i].pos + p->words[i].len);
        cur.byte = b, cur.chr = p->words[i].pos; /* words may overlap: step back to this one */
        if (end > start && e > b)
            w[n++] = (nr_mark_word){ (uint32_t)b, (uint32_t)(e - b), start, end };
        last = start;
    }
    nr_mark_head head = { index, n, st->placed_start, st->placed_end };
    int rc = nr_msg_send(p->fd, NR_MSG_MARK, &head, sizeof head, w, n * sizeof *w);
    free(w);
    return rc;
}

/* Synthesize and stitch the sentences of a PIECE message. */
static int speak_piece(piece *p, const nr_piece_req *req, const unsigned char *at,
                       const unsigned char *end, char *msg, size_t msglen)
{
    narrate_error err = { 0 };
    piece_out out = { &out_ops, p };
    nr_stitch st;
    nr_stitch_init(&st, (nr_encoder *)&out, req->gain_mdb / 1000.0);
    for (uint32_t i = 0; i < req->count; i++) {
        nr_piece_sentence s;
        if ((size_t)(end - at) < sizeof s)
            return snprintf(msg, msglen, "malformed piece '%s'", "sentence"), -1;
        memcpy(&s, at, sizeof s);
        at += sizeof s;
        if ((size_t)(end - at) < s.len)
            return snprintf(msg, msglen, "malformed piece '%s'", "text"), -1;
        char *text = strndup((const char *)at, s.len);
        at += s.len;
        if (!text) {
            p->oom = 1;
            return snprintf(msg, msglen, "out of memory in synthesis worker '%s'", "text"), -1;
        }
        nr_synth_req voice = req->voice;
        voice.phonemes = s.phonemes;
        p->len = p->nwords = 0;
        uint32_t index = i;
        int rc = nr_msg_send(p->fd, NR_MSG_PROGRESS, &index, sizeof index, NULL, 0) < 0
                     ? -1
                     : nr_synth_speak(&voice, text, collect, on_word, p, msg, msglen);
        if (rc == 0 && nr_stitch_add(&st, p->pcm, p->len, s.pause_ms, &err) < 0) {
            snprintf(msg, msglen, "%s", err.message);
            p->oom |= err.code == NARRATE_ENOMEM;
            rc = -1;
        }
        if (rc == 0 && p->oom) {
            snprintf(msg, msglen, "out of memory in synthesis worker '%s'", "words");
            rc = -1;
        }
        if (rc == 0 && st.placed_end > st.placed_start && send_mark(p, &st, index, text) < 0) {
            snprintf(msg, msglen, "cannot send timings '%u'", index);
            rc = -1;
        }
        free(text);
        if (rc < 0)
            return -1;
    }
    if (nr_stitch_silence(&st, tail_samples(req, &st), &err) < 0)
        return snprintf(msg, msglen, "%s", err.message), -1;
    return 0;
}

/* Answer one PIECE message; returns -1 when the library is gone or the
** worker must end. */
static int serve_piece(int fd, nr_msg *m, const nr_rlimits *lim)
{
    nr_piece_req req;
    char msg[NARRATE_ERROR_MAX + 64] = "";
    if (m->len < sizeof req)
        return send_fail(fd, "malformed piece 'PIECE'");
    memcpy(&req, m->data, sizeof req);
    req.voice.voice[sizeof req.voice.voice - 1] = '\0';
    piece p = { .fd = fd };
    narrate_error err = { 0 };
    nr_rlimits_piece(lim);
    if (req.format == NR_PIECE_MP3 &&
        !(p.mp3 = nr_mp3_piece_open(req.bitrate, req.first, send_bytes, &p.fd, &err)))
        return send_failure(fd, lim, err.code == NARRATE_ENOMEM, err.message);
    int rc = speak_piece(&p, &req, m->data + sizeof req, m->data + m->len, msg, sizeof msg);
    /* MP3 joints add the padding and delay taken out of the pause back in. */
    uint64_t joint = req.format == NR_PIECE_MP3 && !req.last ? MP3_JOINT : 0;
    nr_piece_done done = { p.sent + joint, 0, 0, 0 };
    nr_mp3_piece_stats stats = { 0 };
    if (rc == 0 && p.mp3 && nr_encoder_finish(p.mp3, &err) < 0) {
        snprintf(msg, sizeof msg, "%s", err.message);
        p.oom |= err.code == NARRATE_ENOMEM;
        rc = -1;
    }
    if (rc == 0 && p.mp3) {
        nr_mp3_piece_stats_get(p.mp3, &stats);
        done.frames = stats.frames;
        done.padding = stats.padding;
        done.tag_len = (uint32_t)stats.tag_len;
    }
    nr_encoder_free(p.mp3);
    free(p.pcm);
    free(p.words);
    if (rc < 0)
        return send_failure(fd, lim, p.oom, msg);
    return nr_msg_send(fd, NR_MSG_PIECE_DONE, &done, sizeof done, stats.tag, stats.tag_len);
}

/* Answer a VOICES message: which languages espeak-ng speaks, with which voice. */
static int serve_voices(int fd, const nr_rlimits *lim)
{
    size_t len;
    char *list = nr_synth_voices(&len);
    if (!list)
        return send_failure(fd, lim, 1, "out of memory in synthesis worker 'voices'");
    int rc = nr_msg_send(fd, NR_MSG_VOICES, list, len, NULL, 0);
    free(list);
    return rc;
}

/* A child's exit status when this process must end after it (the library
** is gone, or the child said LIMIT); distinct from proto.h's statuses. */
#define CHILD_ENDS 3

/* End the way the child ended, so that the library sees what it saw when
** the worker spoke itself: the same signal, the same exit status. */
static void end_like(int status)
{
    if (WIFSIGNALED(status)) {
        int sig = WTERMSIG(status);
        signal(sig, SIG_DFL);
        sigset_t one;
        sigemptyset(&one);
        sigaddset(&one, sig);
        sigprocmask(SIG_UNBLOCK, &one, NULL);
        raise(sig);
        kill(getpid(), SIGKILL); /* a signal that did not end us: end all the same */
    }
    _exit(WIFEXITED(status) ? WEXITSTATUS(status) : 1);
}

/* espeak-ng keeps state from one utterance to the next (its wave generator's
** phase among others), so a piece sounded a little different after another,
** and which worker spoke which piece depends on timing: renders were not
** byte-identical.  This process only initializes espeak-ng (once: a second
** espeak_Initialize hangs); each message is answered by a child forked from
** it, so every piece starts from the same state, at any -j.  The child dies
** with this process (PR_SET_PDEATHSIG: the library kills the worker at a
** deadline), and a child that crashes or hits a limit ends this process the
** same way.  Returns -1 when the worker must end. */
static int serve_forked(int fd, nr_msg *m, const nr_rlimits *lim)
{
    pid_t parent = getpid();
    pid_t pid = fork();
    if (pid < 0)
        return send_failure(fd, lim, errno == ENOMEM, "cannot start a synthesis process 'fork'");
    if (pid == 0) {
        if (prctl(PR_SET_PDEATHSIG, SIGKILL) < 0 || getppid() != parent)
            _exit(CHILD_ENDS);
        int rc = m->type == NR_MSG_VOICES ? serve_voices(fd, lim) : serve_piece(fd, m, lim);
        _exit(rc < 0 ? CHILD_ENDS : 0);
    }
    int status;
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR)
            _exit(1);
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
        return 0;
    if (WIFEXITED(status) && WEXITSTATUS(status) == CHILD_ENDS)
        return -1;
    end_like(status);
    return -1;
}

/* A crash here must not leave core files in the caller's directory.  (The
** worker ends when the library's end of the socket closes, which includes the
** library's process dying; PR_SET_PDEATHSIG would be wrong here, as it fires
** when the spawning *thread* exits while the pooled worker serves others.)
** espeak-ng 1.51 opens an audio
** device even for synchronous output: keep PulseAudio from connecting to (or
** autospawning) a sound server, and from dying of SIGXFSZ when the caller runs
** under a file size limit and its shared-memory pool cannot grow. */
static void harden(void)
{
    struct rlimit no_core = { 0, 0 };
    setrlimit(RLIMIT_CORE, &no_core);
    signal(SIGXFSZ, SIG_IGN);
    setenv("PULSE_SERVER", "unix:/nonexistent/narrate-no-audio", 1);
    setenv("PULSE_CLIENTCONFIG", "/dev/null", 1);
}

int main(int argc, char **argv)
{
    nr_rlimits lim;
    if (nr_rlimits_parse(argc, argv, &lim) < 0) {
        fprintf(stderr, "narrate-worker: started by libnarrate only\n");
        return 2;
    }
    harden();
    nr_rlimits_apply(&lim);
    int fd = CHANNEL_FD;
    if (getppid() == 1)
        return 1;
    char msg[256];
    int rate = nr_synth_init(msg, sizeof msg);
    if (rate < 0) {
        send_failure(fd, &lim, 0, msg);
        return 1;
    }
    nr_hello hello = { NR_PROTO_MAGIC, NR_PROTO_VERSION, (uint32_t)rate };
    if (nr_msg_send(fd, NR_MSG_HELLO, &hello, sizeof hello, NULL, 0) < 0)
        return 1;
    nr_msg m = { 0 };
    int rc;
    while ((rc = nr_msg_recv(fd, &m, -1)) == 0) {
        if ((m.type != NR_MSG_VOICES && m.type != NR_MSG_PIECE) || serve_forked(fd, &m, &lim) < 0)
            break;
    }
    if (rc < 0 && errno == ENOMEM) /* no room for the piece itself */
        send_failure(fd, &lim, 1, "out of memory receiving a piece 'PIECE'");
    nr_msg_free(&m);
    return errno == 0 ? 0 : 1;
}
