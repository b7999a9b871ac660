/* fuzz_marks.c - libFuzzer target: a cache entry's marks file, replayed into timings. */
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>

#include "fuzz.h"
#include "marks.h"

typedef struct replay {
    size_t count, next; /* the script's length; the least index the next mark may have */
} replay;

static int on_mark(void *userdata, const nr_mark *m, narrate_error *err)
{
    (void)err;
    replay *r = userdata;
    if (m->sentence >= r->count || m->sentence < r->next)
        fuzz_fail("mark outside the script or out of order", "");
    r->next = m->sentence + 1;
    volatile uint64_t sum = m->start + m->end;
    for (uint32_t i = 0; i < m->nwords; i++)
        sum += m->words[i].start + m->words[i].pos; /* ASan checks the array's length */
    (void)sum;
    return 0;
}

/* The first byte is the script's length; the rest is the file. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    int fd = memfd_create("marks", MFD_CLOEXEC);
    if (fd < 0 || (size > 1 && write(fd, data + 1, size - 1) != (ssize_t)(size - 1)) ||
        lseek(fd, 0, SEEK_SET) != 0)
        fuzz_fail("cannot fill a memfd", "");
    replay r = { data[0], 0 };
    narrate_error err;
    if (nr_marks_replay(fd, r.count, on_mark, &r, &err) < 0)
        fuzz_check_error(&err);
    close(fd);
    return 0;
}
