/* extras.c - timings, the cache's marks and chapters, fed by each mark of a render or a cache hit. */
#include "extras.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "error.h"
#include "marks.h"

int nr_extras_open(nr_extras *x, const narrate_script *script, const narrate_render_options *opts,
                   const char *key, narrate_error *err)
{
    memset(x, 0, sizeof *x);
    x->marks.fd = -1;
    if (key)
        snprintf(x->key, sizeof x->key, "%s", key);
    nr_timeline_init(&x->timeline, script);
    if (!opts)
        return NARRATE_OK;
    nr_timeline_add_sink(&x->timeline, opts->on_timing, opts->timing_userdata);
    if (opts->timings_path) {
        x->file = nr_timings_file_open(opts->timings_path, err);
        if (!x->file)
            return err ? err->code : NARRATE_EIO;
        nr_timeline_add_sink(&x->timeline, nr_timings_file_add, x->file);
    }
    return NARRATE_OK;
}

int nr_extras_want_file(const nr_extras *x)
{
    return x->file != NULL;
}

int nr_extras_want_timings(const nr_extras *x)
{
    return x->timeline.nsinks > 0;
}

void nr_extras_keep_marks(nr_extras *x, const char *path)
{
    if (!path || nr_outfile_open(&x->marks, path, NULL) != NARRATE_OK)
        return;
    x->marks_out = nr_sink_of(x->marks.fd, NULL, NULL, path);
    x->marks_out.hash = nr_hasher_new();
    if (!x->marks_out.hash || nr_marks_begin(&x->marks_out) < 0)
        x->marks_failed = 1;
}

int nr_extras_mark(nr_extras *x, const nr_mark *m, narrate_error *err)
{
    if (x->marks.fd >= 0 && !x->marks_failed && nr_marks_write(&x->marks_out, m) < 0)
        x->marks_failed = 1; /* the cache is best effort; the render goes on */
    return nr_timeline_mark(&x->timeline, m, err);
}

static int replay_one(void *x, const nr_mark *m, narrate_error *err)
{
    return nr_timeline_mark(&((nr_extras *)x)->timeline, m, err);
}

int nr_extras_replay(nr_extras *x, int marks_fd, narrate_error *err)
{
    return nr_marks_replay(marks_fd, narrate_script_count(x->timeline.script), replay_one, x, err);
}

int nr_extras_finish(nr_extras *x, uint64_t samples, int audio_fd, const nr_audio_id *id,
                     narrate_error *err)
{
    int rc = nr_timeline_flush(&x->timeline, err);
    if (rc < 0 || !x->file)
        return rc;
    nr_audio_id a;
    if (id)
        a = *id;
    else if (audio_fd < 0 || nr_audio_id_of_fd(audio_fd, &a) < 0)
        return nr_fail_errno(err, NARRATE_EIO, audio_fd < 0 ? EBADF : errno,
                             "cannot read back the audio for its timings '%s'", x->key);
    memcpy(a.key, x->key, sizeof a.key);
    rc = nr_timings_file_commit(x->file, nr_samples_ms(samples), &a, err);
    x->file_done = rc == NARRATE_OK;
    return rc;
}

int nr_extras_commit_marks(nr_extras *x, nr_sum *sum)
{
    if (x->marks.fd < 0 || x->marks_failed)
        return -1;
    nr_hasher_sum(x->marks_out.hash, sum);
    return nr_outfile_commit(&x->marks, NULL, NULL) == NARRATE_OK ? 0 : -1;
}

void nr_extras_free(nr_extras *x, int failed)
{
    if (failed && x->file_done)
        nr_timings_file_undo(x->file); /* the previous timings back, as the audio stays */
    nr_timings_file_free(x->file);
    nr_outfile_abort(&x->marks); /* a no-op once committed */
    nr_hasher_free(x->marks_out.hash);
    nr_timeline_free(&x->timeline);
}
