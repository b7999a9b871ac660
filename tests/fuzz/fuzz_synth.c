/* fuzz_synth.c - libFuzzer target: text all the way through normalize -> synthesize -> encode in
** narrate-worker processes, proving that a crashing espeak-ng is contained: the render fails with
** NARRATE_EWORKER, the host lives on, and the next render gets a fresh worker.  With
** $NARRATE_HOSTILE_OUT set, each text that crashed a worker is saved there (see tests/hostile/). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fuzz.h"

static narrate_engine *engine;
static char out[256];

static const char good[] = "Title: Still here\n\nThe next article renders as usual.\n";

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    fuzz_use_tree();
    narrate_engine_options eo = { 0 };
    eo.max_workers = 1;
    narrate_error err;
    if (!(engine = narrate_engine_create(&eo, &err)))
        fuzz_fail("cannot create an engine", err.message);
    snprintf(out, sizeof out, "%s/out.wav", fuzz_dir());
    return 0;
}

static int render(const char *text, size_t len, narrate_error *err)
{
    narrate_article *a = narrate_article_parse_as(text, len, NARRATE_INPUT_TEXT, err);
    if (!a)
        return err->code;
    narrate_render_options ro = NARRATE_RENDER_OPTIONS_INIT;
    ro.jobs = 1;
    int rc = narrate_render_file(engine, a, &ro, out, NULL, err);
    narrate_article_free(a);
    return rc;
}

static void keep(const uint8_t *data, size_t size)
{
    const char *dir = getenv("NARRATE_HOSTILE_OUT");
    if (!dir)
        return;
    mkdir(dir, 0777);
    char path[512];
    static unsigned n;
    snprintf(path, sizeof path, "%s/crash-%d-%u.txt", dir, (int)getpid(), n++);
    FILE *f = fopen(path, "wb");
    if (f) {
        fwrite(data, 1, size, f);
        fclose(f);
    }
}

/* Short texts only: a sentence or a paragraph is where espeak-ng breaks. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 2048)
        return 0;
    narrate_error err;
    int rc = render((const char *)data, size, &err);
    /* A language espeak-ng cannot speak is refused, never read in another voice. */
    if (rc == NARRATE_OK || rc == NARRATE_EINPUT ||
        (rc == NARRATE_EVOICE && strncmp(err.message, "no voice for language", 21) == 0))
        return 0;
    fuzz_check_error(&err);
    if (rc != NARRATE_EWORKER)
        fuzz_fail("a render failed other than by its worker", err.message);
    keep(data, size);
    if (render(good, sizeof good - 1, &err) != NARRATE_OK)
        fuzz_fail("the render after a worker crash failed", err.message);
    return 0;
}
