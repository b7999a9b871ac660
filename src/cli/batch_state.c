/* batch_state.c - the output directory's state: leftovers cleared, delivery records checked. */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "batch.h"
#include "cli.h"

/*
** DIR/.narrate/ holds what lets a batch resume:
**
**   <id>.key    "narrate-batch 1 <key> <bytes> <duration_ms>\n", written after
**               <id>.mp3 and its timings are in place: an item whose record
**               names its current key and whose files are there is done.
**
** A record is written in place, not renamed: one cut short by a kill does
** not parse, which only means "not done", and leaves no temporary behind.
** Ids never start with '.', so none can name .narrate itself.
*/

#define STATE_DIR ".narrate"
#define RECORD_TAG "narrate-batch 1"

size_t batch_dir_len(const char *dir)
{
    size_t n = strlen(dir);
    while (n > 0 && dir[n - 1] == '/')
        n--;
    return n;
}

char *batch_out_path(const char *out, const char *id, const char *ext)
{
    char *p;
    if (asprintf(&p, "%.*s/%s%s", (int)batch_dir_len(out), out, id, ext) < 0)
        die("out of memory '%s'", id);
    return p;
}

void batch_state_open(batch_state *s, const char *out)
{
    memset(s, 0, sizeof *s);
    s->out = out;
    char *dir = batch_out_path(out, STATE_DIR, "");
    if (nr_make_dirs(dir) < 0)
        die("cannot create output directory '%s': %s", dir, strerror(errno));
    free(dir);
    /* What killed runs left; other batches' files stay (their PIDs live). */
    s->cleaned = narrate_temp_sweep(out);
}

typedef struct {
    char key[NARRATE_KEY_LEN + 1];
    uint64_t bytes;
    int64_t duration_ms;
} record;

static char *record_path(const batch_state *s, const char *id)
{
    char *path;
    if (asprintf(&path, "%.*s/" STATE_DIR "/%s.key", (int)batch_dir_len(s->out), s->out, id) < 0)
        die("out of memory '%s'", id);
    return path;
}

static int read_record(const batch_state *s, const char *id, record *r)
{
    char *path = record_path(s, id);
    FILE *f = fopen(path, "re");
    free(path);
    if (!f)
        return -1;
    char line[256], nl = 0;
    int ok = fgets(line, sizeof line, f) &&
             sscanf(line, RECORD_TAG " %64s %" SCNu64 " %" SCNd64 "%c", r->key, &r->bytes,
                    &r->duration_ms, &nl) == 4 &&
             nl == '\n' && strlen(r->key) == NARRATE_KEY_LEN;
    fclose(f);
    return ok ? 0 : -1;
}

static const struct {
    int bit;
    const char *ext;
} timings_files[] = { { TIMINGS_VTT, ".vtt" }, { TIMINGS_JSON, ".json" } };

int batch_state_current(const batch_state *s, batch_item *it, int timings)
{
    record r;
    struct stat st;
    if (read_record(s, it->id, &r) < 0 || strcmp(r.key, it->key) != 0)
        return 0;
    char *mp3 = batch_out_path(s->out, it->id, ".mp3");
    int there = stat(mp3, &st) == 0 && S_ISREG(st.st_mode) && (uint64_t)st.st_size == r.bytes;
    /* A kill between the renames of timings and audio leaves timings naming
    ** other audio: delivered again, never taken for done. */
    for (size_t i = 0; there && i < sizeof timings_files / sizeof timings_files[0]; i++) {
        char *path = batch_out_path(s->out, it->id, timings_files[i].ext);
        there = !(timings & timings_files[i].bit) || narrate_timings_match(mp3, path, NULL) == NARRATE_OK;
        free(path);
    }
    free(mp3);
    if (there) {
        it->bytes = r.bytes;
        it->duration_ms = r.duration_ms;
    }
    return there;
}

int batch_state_record(const batch_state *s, const batch_item *it, int timings)
{
    record old;
    /* Timings of the article's previous version would contradict its new audio. */
    if (read_record(s, it->id, &old) == 0 && strcmp(old.key, it->key) != 0)
        for (size_t i = 0; i < sizeof timings_files / sizeof timings_files[0]; i++) {
            char *path = batch_out_path(s->out, it->id, timings_files[i].ext);
            if (!(timings & timings_files[i].bit))
                unlink(path);
            free(path);
        }
    char line[256];
    int n = snprintf(line, sizeof line, RECORD_TAG " %s %" PRIu64 " %" PRId64 "\n", it->key,
                     it->bytes, it->duration_ms);
    char *path = record_path(s, it->id);
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    free(path);
    int rc = fd >= 0 && nr_write_all(fd, line, (size_t)n) == 0 ? 0 : -1;
    if (fd >= 0 && close(fd) < 0)
        rc = -1;
    return rc;
}
