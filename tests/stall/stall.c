/* stall.c - narrate-worker-stall: the worker, stalling on demand, so that tests of deadlines need no race against the clock. */
/*
 * Linked into the worker's objects with -Wl,--wrap=nr_synth_speak: a piece whose text
 * holds the string in NARRATE_STALL never finishes (the worker waits in pause() until
 * it is killed, using no CPU), every other piece is spoken as usual. A render that
 * stalls can only end through its deadline, on a quiet machine or a loaded one, so a
 * test of a deadline asserts what happened rather than how long it took.
 *
 * With NARRATE_STALL_LOG set, every sentence is first appended to that file, a line each:
 * with one worker, the file is the order in which pieces were dispatched (test_schedule.c).
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "synth.h"

int __real_nr_synth_speak(const nr_synth_req *req, const char *text, nr_pcm_fn fn,
                          nr_word_fn word, void *userdata, char *msg, size_t msglen);
int __wrap_nr_synth_speak(const nr_synth_req *req, const char *text, nr_pcm_fn fn,
                          nr_word_fn word, void *userdata, char *msg, size_t msglen);

int __wrap_nr_synth_speak(const nr_synth_req *req, const char *text, nr_pcm_fn fn,
                          nr_word_fn word, void *userdata, char *msg, size_t msglen)
{
    const char *log = getenv("NARRATE_STALL_LOG");
    int fd = log && *log ? open(log, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600) : -1;
    if (fd >= 0) {
        dprintf(fd, "%.200s\n", text); /* one write: whole lines, even from several processes */
        close(fd);
    }
    const char *stall = getenv("NARRATE_STALL");
    if (stall && *stall && strstr(text, stall))
        for (;;)
            pause();
    return __real_nr_synth_speak(req, text, fn, word, userdata, msg, msglen);
}
