/* marks.c - marks files: a header, then per audible script entry its head and its words. */
#include "marks.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "error.h"

/* Native byte order: a cache is shared by machines of one architecture;
** another one sees a different magic and renders afresh. */
static const uint32_t MAGIC = 0x4b4d524eu; /* "NRMK" little-endian */
#define VERSION 1u

int nr_marks_begin(nr_sink *s)
{
    uint32_t head[2] = { MAGIC, VERSION };
    return nr_sink_write(s, head, sizeof head, NULL);
}

int nr_marks_write(nr_sink *s, const nr_mark *m)
{
    nr_mark_head h = { (uint32_t)m->sentence, m->nwords, m->start, m->end };
    if (nr_sink_write(s, &h, sizeof h, NULL) < 0)
        return -1;
    return nr_sink_write(s, m->words, m->nwords * sizeof *m->words, NULL);
}

/* Read exactly n bytes: 1, 0 at a clean end, -1 on error or a short read. */
static int read_exact(FILE *f, void *buf, size_t n)
{
    size_t got = fread(buf, 1, n, f);
    return got == n ? 1 : got == 0 && feof(f) ? 0 : -1;
}

int nr_marks_replay(int fd, size_t script_count,
                    int (*fn)(void *userdata, const nr_mark *m, narrate_error *err), void *userdata,
                    narrate_error *err)
{
    int dup_fd = dup(fd);
    FILE *f = dup_fd >= 0 ? fdopen(dup_fd, "rb") : NULL;
    if (!f) {
        if (dup_fd >= 0)
            close(dup_fd);
        return nr_fail_errno(err, NARRATE_EIO, errno, "cannot read cached timings '%d'", fd);
    }
    uint32_t head[2];
    int malformed = !(read_exact(f, head, sizeof head) == 1 && head[0] == MAGIC && head[1] == VERSION);
    int rc = NARRATE_OK, more = 0;
    nr_mark_word *words = NULL;
    size_t cap = 0;
    nr_mark_head h;
    size_t next = 0; /* entries come once each, in script order */
    while (!malformed && rc == NARRATE_OK && (more = read_exact(f, &h, sizeof h)) == 1) {
        if (h.index >= script_count || h.index < next || h.words > (1u << 20)) {
            malformed = 1;
            break;
        }
        if (h.words > cap) {
            nr_mark_word *nw = realloc(words, h.words * sizeof *nw);
            if (!nw) {
                rc = nr_fail(err, NARRATE_ENOMEM, "out of memory reading timings '%u words'", h.words);
                break;
            }
            words = nw;
            cap = h.words;
        }
        if (h.words && read_exact(f, words, h.words * sizeof *words) != 1) {
            malformed = 1;
            break;
        }
        next = (size_t)h.index + 1;
        nr_mark m = { h.index, h.start, h.end, words, h.words };
        rc = fn(userdata, &m, err);
    }
    if (malformed || (rc == NARRATE_OK && more < 0))
        rc = nr_fail(err, NARRATE_EIO, "malformed cached timings '%s'", "marks");
    free(words);
    fclose(f);
    return rc;
}
