/* probe.c - does raw espeak-ng crash on a text?  Each file is spoken, as is (no
** normalization, no length cut), by espeak-ng in a child process of its own;
** prints one line per file: "crash SIGNAL", "ok" or "error", and exits 0.
** Usage: espeak-probe [--voice NAME] FILE...
** A test tool: narrate itself only ever speaks through narrate-worker. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "synth.h"

static int discard(const int16_t *pcm, size_t n, void *userdata)
{
    (void)pcm, (void)n, (void)userdata;
    return 0;
}

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *buf = malloc(1 << 20);
    size_t n = buf ? fread(buf, 1, (1 << 20) - 1, f) : 0;
    fclose(f);
    if (buf)
        buf[n] = '\0';
    return buf;
}

/* In the child: speak the file and exit 0, or 2 if espeak-ng refused it. */
static void speak(const char *path, const char *voice)
{
    struct rlimit no_core = { 0, 0 };
    setrlimit(RLIMIT_CORE, &no_core);
    alarm(60);
    char msg[256], *text = slurp(path);
    nr_synth_req req = { .rate = 175, .pitch = 50, .pitch_range = 50 };
    snprintf(req.voice, sizeof req.voice, "%s", voice);
    if (!text || nr_synth_init(msg, sizeof msg) < 0 ||
        nr_synth_speak(&req, text, discard, NULL, NULL, msg, sizeof msg) < 0)
        _exit(2);
    _exit(0);
}

int main(int argc, char **argv)
{
    const char *voice = "en";
    int i = 1;
    if (argc > 2 && strcmp(argv[1], "--voice") == 0)
        voice = argv[2], i = 3;
    for (; i < argc; i++) {
        fflush(stdout);
        pid_t pid = fork();
        if (pid == 0)
            speak(argv[i], voice);
        int status = 0;
        if (pid < 0 || waitpid(pid, &status, 0) < 0)
            return perror("fork"), 1;
        if (WIFSIGNALED(status))
            printf("crash %s %s\n", sigabbrev_np(WTERMSIG(status)), argv[i]);
        else
            printf("%s %s\n", WEXITSTATUS(status) == 0 ? "ok" : "error", argv[i]);
    }
    return 0;
}
