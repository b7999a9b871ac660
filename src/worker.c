/* worker.c - narrate-worker: serves synthesis requests from libnarrate over fd 3. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <unistd.h>

#include "proto.h"
#include "synth.h"

#define CHANNEL_FD 3

static int send_pcm(const int16_t *pcm, size_t n, void *userdata)
{
    int fd = *(int *)userdata;
    return nr_msg_send(fd, NR_MSG_PCM, pcm, n * sizeof *pcm, NULL, 0) < 0;
}

static int send_fail(int fd, const char *msg)
{
    return nr_msg_send(fd, NR_MSG_FAIL, msg, strlen(msg), NULL, 0);
}

/* Answer one SYNTH message; returns -1 when the library is gone. */
static int serve_synth(int fd, nr_msg *m)
{
    nr_synth_req req;
    char msg[256];
    if (m->len <= sizeof req)
        return send_fail(fd, "malformed synthesis request 'SYNTH'");
    memcpy(&req, m->data, sizeof req);
    req.voice[sizeof req.voice - 1] = '\0';
    /* Text follows the request; make it a C string in place of its last byte. */
    char *text = (char *)m->data + sizeof req;
    size_t tlen = m->len - sizeof req;
    if (memchr(text, '\0', tlen) != text + tlen - 1)
        return send_fail(fd, "malformed synthesis text 'SYNTH'");
    if (nr_synth_speak(&req, text, send_pcm, &fd, msg, sizeof msg) < 0)
        return send_fail(fd, msg);
    return nr_msg_send(fd, NR_MSG_DONE, NULL, 0, NULL, 0);
}

/* A crash here must not leave core files in the caller's directory, and the
** worker must not outlive the library process.  espeak-ng 1.51 opens an audio
** device even for synchronous output: keep PulseAudio from connecting to (or
** autospawning) a sound server, and from dying of SIGXFSZ when the caller runs
** under a file size limit and its shared-memory pool cannot grow. */
static void harden(void)
{
    struct rlimit no_core = { 0, 0 };
    setrlimit(RLIMIT_CORE, &no_core);
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    signal(SIGXFSZ, SIG_IGN);
    setenv("PULSE_SERVER", "unix:/nonexistent/narrate-no-audio", 1);
    setenv("PULSE_CLIENTCONFIG", "/dev/null", 1);
}

int main(int argc, char **argv)
{
    (void)argv;
    if (argc != 1) {
        fprintf(stderr, "narrate-worker: started by libnarrate only\n");
        return 2;
    }
    harden();
    int fd = CHANNEL_FD;
    if (getppid() == 1)
        return 1;
    char msg[256];
    int rate = nr_synth_init(msg, sizeof msg);
    if (rate < 0) {
        send_fail(fd, msg);
        return 1;
    }
    nr_hello hello = { NR_PROTO_MAGIC, NR_PROTO_VERSION, (uint32_t)rate };
    if (nr_msg_send(fd, NR_MSG_HELLO, &hello, sizeof hello, NULL, 0) < 0)
        return 1;
    nr_msg m = { 0 };
    while (nr_msg_recv(fd, &m, -1) == 0) {
        if (m.type != NR_MSG_SYNTH || serve_synth(fd, &m) < 0)
            break;
    }
    nr_msg_free(&m);
    return errno == 0 ? 0 : 1;
}
