/* fork_bench.c - what narrate-worker's fresh process per piece costs: fork, voice load, against a piece's synthesis. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "proto.h"
#include "synth.h"

#define ROUNDS 200

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int sink(const int16_t *pcm, size_t n, void *userdata)
{
    (void)pcm;
    *(size_t *)userdata += n;
    return 0;
}

static const char SENTENCE[] = "The council voted on Tuesday to close the old bridge for repairs.";

static int speak(const nr_synth_req *req, const char *text)
{
    char msg[256];
    size_t samples = 0;
    return nr_synth_speak(req, text, sink, NULL, &samples, msg, sizeof msg);
}

/* Minimum over ROUNDS of one fork whose child runs what (0: nothing) and the wait for it. */
static double fork_ms(const nr_synth_req *req, const char *what)
{
    double best = 1e9;
    for (int i = 0; i < ROUNDS; i++) {
        double t = now_ms();
        pid_t pid = fork();
        if (pid == 0)
            _exit(what && speak(req, what) < 0 ? 1 : 0);
        int status;
        if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status) || WEXITSTATUS(status))
            return -1;
        double d = now_ms() - t;
        best = d < best ? d : best;
    }
    return best;
}

int main(void)
{
    char msg[256];
    if (nr_synth_init(msg, sizeof msg) < 0) {
        fprintf(stderr, "fork-bench: %s\n", msg);
        return 1;
    }
    nr_synth_req req = { .voice = "en-gb", .rate = 160, .pitch = 50, .pitch_range = 50 };
    double bare = fork_ms(&req, NULL);
    double child = fork_ms(&req, SENTENCE); /* fresh state: the voice is loaded in the child */
    double warm = 1e9;
    for (int i = 0; i < ROUNDS; i++) { /* the old way: one process, voice kept */
        double t = now_ms();
        if (speak(&req, SENTENCE) < 0)
            return 1;
        double d = now_ms() - t;
        warm = d < warm ? d : warm;
    }
    printf("fork-bench: minimum of %d, espeak-ng initialized, one %zu-character sentence\n", ROUNDS,
           strlen(SENTENCE));
    printf("  fork + exit + wait:              %7.3f ms\n", bare);
    printf("  sentence in a forked child:      %7.3f ms (voice loaded, state fresh)\n", child);
    printf("  sentence in-process, voice kept: %7.3f ms\n", warm);
    printf("  per-piece cost of a fresh child: %7.3f ms (%.1f%% of this one-sentence piece)\n",
           child - warm, 100 * (child - warm) / warm);
    return 0;
}
