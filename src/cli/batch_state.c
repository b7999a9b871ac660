/* batch_state.c - the output directory's state: a lock for clearing leftovers, delivery records. */
#include <errno.h>
#include <fcntl.h>
#include <dirent.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "batch.h"
#include "cli.h"

/*
** DIR/.narrate/ holds what lets a batch resume:
**
**   lock        every batch using DIR holds it shared; the one that gets it
**               exclusively (nobody else running) first removes what killed
**               runs left: temporary files (.narrate-XXXXXX), never complete
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
#define TEMP_PREFIX ".narrate-"
#define TEMP_NAME_LEN 15 /* ".narrate-XXXXXX", as mkstemp names them */

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

/* mkdir -p. */
static int make_dirs(const char *path)
{
    char *p = strdup(path);
    if (!p)
        return -1;
    for (char *s = p + 1; *s; s++) {
        if (*s != '/')
            continue;
        *s = '\0';
        if (mkdir(p, 0777) < 0 && errno != EEXIST) {
            free(p);
            return -1;
        }
        *s = '/';
    }
    int rc = mkdir(p, 0777) < 0 && errno != EEXIST ? -1 : 0;
    free(p);
    return rc;
}

/* Temporary files of killed renders and of killed batches' reports and feeds. */
static unsigned clear_leftovers(const char *out)
{
    DIR *d = opendir(out);
    unsigned n = 0;
    struct dirent *e;
    while (d && (e = readdir(d))) {
        struct stat st;
        char *path = batch_out_path(out, e->d_name, "");
        if (strncmp(e->d_name, TEMP_PREFIX, strlen(TEMP_PREFIX)) == 0 &&
            strlen(e->d_name) == TEMP_NAME_LEN && lstat(path, &st) == 0 && S_ISREG(st.st_mode) &&
            unlink(path) == 0)
            n++;
        free(path);
    }
    if (d)
        closedir(d);
    return n;
}

static int lock(int fd, int how)
{
    int rc;
    while ((rc = flock(fd, how)) < 0 && errno == EINTR)
        ;
    return rc;
}

void batch_state_open(batch_state *s, const char *out)
{
    memset(s, 0, sizeof *s);
    s->out = out;
    char *dir = batch_out_path(out, STATE_DIR, "");
    char *path = batch_out_path(dir, "lock", "");
    if (make_dirs(dir) < 0)
        die("cannot create output directory '%s': %s", dir, strerror(errno));
    s->lock = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
    if (s->lock < 0)
        die("cannot lock output directory '%s': %s", path, strerror(errno));
    /* Converting the lock to shared is not atomic, which is harmless: a batch
    ** slipping in between finds no temporary file of ours yet. */
    if (lock(s->lock, LOCK_EX | LOCK_NB) == 0)
        s->cleaned = clear_leftovers(out);
    if (lock(s->lock, LOCK_SH) < 0)
        die("cannot lock output directory '%s': %s", path, strerror(errno));
    free(path);
    free(dir);
}

void batch_state_close(batch_state *s)
{
    if (s->lock >= 0)
        close(s->lock);
    s->lock = -1;
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
    free(mp3);
    for (size_t i = 0; there && i < sizeof timings_files / sizeof timings_files[0]; i++) {
        char *path = batch_out_path(s->out, it->id, timings_files[i].ext);
        there = !(timings & timings_files[i].bit) || access(path, F_OK) == 0;
        free(path);
    }
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
    int rc = fd >= 0 && write_all(fd, line, (size_t)n) == 0 ? 0 : -1;
    if (fd >= 0 && close(fd) < 0)
        rc = -1;
    return rc;
}
