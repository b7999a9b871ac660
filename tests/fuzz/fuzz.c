/* fuzz.c - what the libFuzzer targets share: invariant checks, temporary files, paths. */
#include "fuzz.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <utf8proc.h>

/* Where fuzz_fail reports: stderr, or a copy of it kept before libFuzzer's
** -close_fd_mask=2 closes it (fuzz_keep_stderr). */
static int report_fd = 2;

void fuzz_keep_stderr(void)
{
    int fd = fcntl(2, F_DUPFD_CLOEXEC, 3);
    if (fd >= 0)
        report_fd = fd;
}

void fuzz_fail(const char *what, const char *detail)
{
    dprintf(report_fd, "fuzz: invariant broken: %s '%s'\n", what, detail ? detail : "");
    abort();
}

void fuzz_check_error(const narrate_error *err)
{
    if (err->code >= 0)
        fuzz_fail("error without a negative code", err->message);
    if (!memchr(err->message, '\0', sizeof err->message) || !err->message[0])
        fuzz_fail("error without a message", "");
    fuzz_check_utf8(err->message, "error message");
}

void fuzz_check_utf8(const char *s, const char *what)
{
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
    utf8proc_int32_t c;
    for (utf8proc_ssize_t n; *p; p += n)
        if ((n = utf8proc_iterate(p, -1, &c)) < 1)
            fuzz_fail("invalid UTF-8", what);
}

/* Whitespace-folded: no leading, trailing or doubled space, no other space characters. */
static void check_folded(const char *s, const char *what)
{
    size_t n = strlen(s);
    if (n == 0 || s[0] == ' ' || s[n - 1] == ' ' || strstr(s, "  ") || strpbrk(s, "\t\n\r\v\f"))
        fuzz_fail("not whitespace-folded", what);
    fuzz_check_utf8(s, what);
}

static void check_header(const char *s, const char *what)
{
    if (s)
        check_folded(s, what);
}

static void check_entry(const narrate_sentence *e)
{
    size_t n = strlen(e->spoken);
    if (n > NARRATE_SPOKEN_MAX)
        fuzz_fail("spoken text longer than NARRATE_SPOKEN_MAX", e->spoken);
    fuzz_check_utf8(e->spoken, "spoken text");
    if (!e->phonemes && strstr(e->spoken, "[["))
        fuzz_fail("phoneme switch in spoken text", e->spoken);
    if (strpbrk(e->spoken, "<>{}"))
        fuzz_fail("markup characters in spoken text", e->spoken);
    for (const unsigned char *p = (const unsigned char *)e->spoken; *p; p++)
        if (*p < 0x20)
            fuzz_fail("control character in spoken text", e->spoken);
    if (e->pause_ms < 0)
        fuzz_fail("negative pause", e->spoken);
}

static void check_script(const narrate_article *a)
{
    narrate_voice v;
    narrate_voice_defaults(&v);
    narrate_error err;
    narrate_script *s = narrate_script_create(a, &v, NULL, &err);
    if (!s) {
        fuzz_check_error(&err);
        return;
    }
    for (size_t i = 0; i < narrate_script_count(s); i++) {
        const narrate_sentence *e = narrate_script_sentence(s, i);
        check_entry(e);
        if (e->part == NARRATE_PART_BODY) {
            const char *p = narrate_article_paragraph(a, e->article_paragraph);
            if (!p || e->offset + e->source_len > strlen(p) || e->source != p + e->offset)
                fuzz_fail("sentence source outside its paragraph", e->spoken);
        }
    }
    narrate_script_free(s);
}

void fuzz_check_article(narrate_article *a, const narrate_error *err)
{
    if (!a) {
        fuzz_check_error(err);
        return;
    }
    check_header(narrate_article_title(a), "title");
    check_header(narrate_article_author(a), "author");
    check_header(narrate_article_id(a), "id");
    check_header(narrate_article_language(a), "language");
    check_header(narrate_article_voice(a), "voice");
    size_t n = narrate_article_paragraph_count(a);
    if (n == 0)
        fuzz_fail("article without a paragraph", "");
    for (size_t i = 0; i < n; i++) {
        check_folded(narrate_article_paragraph(a, i), "paragraph");
        int level = narrate_article_heading_level(a, i);
        if (level < 0 || level > 6)
            fuzz_fail("heading level out of 0..6", narrate_article_paragraph(a, i));
    }
    /* Notes (HTML): valid UTF-8 throughout, a known kind, text at most 80 bytes. */
    for (size_t i = 0; i < narrate_article_note_count(a); i++) {
        const narrate_note *note = narrate_article_note(a, i);
        if (note->kind < NARRATE_NOTE_CONTAINER || note->kind > NARRATE_NOTE_METADATA)
            fuzz_fail("note of an unknown kind", note->element);
        fuzz_check_utf8(note->element, "note element");
        fuzz_check_utf8(note->reason, "note reason");
        fuzz_check_utf8(note->text, "note text");
        if (strlen(note->text) > 80)
            fuzz_fail("note text longer than 80 bytes", note->text);
    }
    check_script(a);
}

static char dir[64];

static int remove_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st, (void)flag, (void)ftw;
    return remove(path);
}

static void remove_dir(void)
{
    nftw(dir, remove_one, 16, FTW_DEPTH | FTW_PHYS);
}

const char *fuzz_dir(void)
{
    if (!dir[0]) {
        const char *t = getenv("TMPDIR");
        snprintf(dir, sizeof dir, "%s/narrate-fuzz-XXXXXX", t && strlen(t) < 32 ? t : "/tmp");
        if (!mkdtemp(dir))
            fuzz_fail("cannot create a temporary directory", strerror(errno));
        atexit(remove_dir);
    }
    return dir;
}

const char *fuzz_file(const char *name, const uint8_t *data, size_t size)
{
    static char path[256];
    snprintf(path, sizeof path, "%s/%s", fuzz_dir(), name);
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0)
        fuzz_fail("cannot write a temporary file", path);
    for (size_t off = 0; off < size;) {
        ssize_t w = write(fd, data + off, size - off);
        if (w < 0)
            fuzz_fail("cannot write a temporary file", path);
        off += (size_t)w;
    }
    close(fd);
    return path;
}

void fuzz_use_tree(void)
{
    setenv("NARRATE_WORKER", NR_FUZZ_SRCDIR "/build/narrate-worker", 0);
    setenv("NARRATE_VOICES", NR_FUZZ_SRCDIR "/voices", 0);
}
