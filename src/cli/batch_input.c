/* batch_input.c - what a batch reads: JSONL manifests, article files and directories, shards. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xxhash.h>

#include "batch.h"
#include "cli.h"

/*
** Reading is a first pass that keeps only where each item is: a manifest
** line's offset and length (the manifest stays open for pread), or an
** article file's path.  Items are loaded again by the render threads, so a
** manifest of 100,000 articles costs memory for its ids, not its bodies.
*/

static batch_item *new_item(batch_list *l)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 256;
        batch_item *items = realloc(l->items, cap * sizeof *items);
        if (!items)
            die("out of memory reading inputs '%zu items'", l->n);
        l->items = items;
        l->cap = cap;
    }
    batch_item *it = &l->items[l->n++];
    memset(it, 0, sizeof *it);
    it->manifest = -1;
    return it;
}

static char *xstrdup(const char *s)
{
    char *d = strdup(s);
    if (!d)
        die("out of memory reading inputs '%s'", s);
    return d;
}

static char *xprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static char *xprintf(const char *fmt, ...)
{
    va_list ap;
    char *s;
    va_start(ap, fmt);
    int n = vasprintf(&s, fmt, ap);
    va_end(ap);
    if (n < 0)
        die("out of memory reading inputs '%s'", fmt);
    return s;
}

/* An id as it may be shown: control bytes (NUL included) as '?', cut at 60
** bytes, back to a character boundary (ids are UTF-8: they come from JSON). */
static char *printable(const char *id, size_t len)
{
    size_t n = len > 60 ? 60 : len;
    while (n > 0 && n < len && ((unsigned char)id[n] & 0xc0) == 0x80)
        n--;
    char *p = malloc(n + 4);
    if (!p)
        die("out of memory reading inputs '%zu'", len);
    for (size_t i = 0; i < n; i++)
        p[i] = (unsigned char)id[i] < 0x20 || id[i] == 0x7f ? '?' : id[i];
    strcpy(p + n, len > n ? "..." : "");
    return p;
}

/* Why an id cannot name a file in the output directory, or NULL if it can:
** the alphabet keeps out '/', NUL, spaces and anything a shell or URL would
** need quoted; no leading '.' keeps out "..", hidden files and .narrate/. */
static const char *id_problem(const char *id, size_t len)
{
    if (len == 0)
        return "empty id";
    if (len > BATCH_ID_MAX)
        return "id longer than 200 bytes";
    for (size_t i = 0; i < len; i++)
        if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-", id[i]) ||
            id[i] == '\0')
            return "id has characters outside A-Z a-z 0-9 . _ -";
    if (id[0] == '.')
        return "id starts with '.'";
    return NULL;
}

/* Give the item its id, or the reason it has none usable. */
static void set_id(batch_item *it, const char *id, size_t len)
{
    it->hash = XXH64(id, len, 0);
    const char *why = id_problem(id, len);
    it->id = printable(id, len);
    if (why)
        it->error = xprintf("%s '%s'", why, it->id);
}

/* jansson quotes the bytes near a syntax error, which may be any bytes: keep
** printable ASCII only, so that the message is safe on a terminal and in the
** JSON report. */
static void ascii_only(char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s < 0x20 || (unsigned char)*s >= 0x7f)
            *s = '?';
}

/* One manifest line: its id, or why it has none. */
static void read_line(batch_item *it, const char *line, size_t len)
{
    json_error_t jerr;
    /* NUL is allowed here so that an id holding one is reported as unsafe. */
    json_t *root = json_loadb(line, len, JSON_ALLOW_NUL, &jerr);
    json_t *id = root && json_is_object(root) ? json_object_get(root, "id") : NULL;
    it->hash = XXH64(line, len, 0);
    ascii_only(jerr.text);
    if (!root)
        it->error = xprintf("invalid JSON at column %d (%s) '%s'", jerr.column, jerr.text, it->source);
    else if (!json_is_object(root))
        it->error = xprintf("manifest line is not a JSON object '%s'", it->source);
    else if (!id || json_is_null(id))
        it->error = xprintf("manifest line has no \"id\" '%s'", it->source);
    else if (!json_is_string(id))
        it->error = xprintf("\"id\" is not a string '%s'", it->source);
    else
        set_id(it, json_string_value(id), json_string_length(id));
    json_decref(root);
}

static int blank(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (!strchr(" \t\r\n", s[i]))
            return 0;
    return 1;
}

/* Standard input, copied to an unlinked temporary file so that it can be read twice. */
static int spool_stdin(void)
{
    FILE *tmp = tmpfile();
    if (!tmp)
        die("cannot spool standard input '%s': %s", "-", strerror(errno));
    char buf[1 << 16];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, stdin)) > 0)
        if (fwrite(buf, 1, n, tmp) != n)
            die("cannot spool standard input '%s': %s", "-", strerror(errno));
    if (ferror(stdin) || fflush(tmp) != 0)
        die("cannot read standard input '%s': %s", "-", strerror(errno));
    int fd = fcntl(fileno(tmp), F_DUPFD_CLOEXEC, 0); /* kept from the worker processes */
    fclose(tmp);
    if (fd < 0)
        die("cannot spool standard input '%s': %s", "-", strerror(errno));
    return fd;
}

static void read_manifest(batch_list *l, const char *path)
{
    int fd = strcmp(path, "-") == 0 ? spool_stdin() : open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        die("cannot open manifest '%s': %s", path, strerror(errno));
    int *fds = realloc(l->fds, (size_t)(l->nfds + 1) * sizeof *fds);
    if (!fds)
        die("out of memory reading inputs '%s'", path);
    l->fds = fds;
    l->fds[l->nfds] = fd;
    int copy = fcntl(fd, F_DUPFD_CLOEXEC, 0);
    FILE *f = copy >= 0 ? fdopen(copy, "r") : NULL;
    if (!f || lseek(fd, 0, SEEK_SET) < 0)
        die("cannot read manifest '%s': %s", path, strerror(errno));
    const char *name = strcmp(path, "-") == 0 ? "stdin" : path;
    char *line = NULL;
    size_t cap = 0;
    ssize_t got;
    off_t offset = 0;
    for (unsigned lineno = 1; (got = getline(&line, &cap, f)) >= 0; lineno++, offset += got) {
        size_t len = (size_t)got, skip = 0;
        while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            len--;
        if (lineno == 1 && len >= 3 && memcmp(line, "\xEF\xBB\xBF", 3) == 0)
            skip = 3; /* a byte order mark, as editors on some systems write */
        if (blank(line + skip, len - skip))
            continue;
        batch_item *it = new_item(l);
        it->source = xprintf("%s:%u", name, lineno);
        it->line = lineno;
        it->manifest = l->nfds;
        it->offset = offset + (off_t)skip;
        it->len = len - skip;
        it->format = NARRATE_INPUT_JSON;
        read_line(it, line + skip, len - skip);
    }
    if (ferror(f))
        die("cannot read manifest '%s': %s", path, strerror(errno));
    free(line);
    fclose(f);
    l->nfds++;
}

/* The format of an article file by its extension; AUTO if it is not one. */
static narrate_input article_format(const char *name)
{
    const char *dot = strrchr(name, '.');
    if (!dot)
        return NARRATE_INPUT_AUTO;
    if (strcasecmp(dot, ".txt") == 0)
        return NARRATE_INPUT_TEXT;
    if (strcasecmp(dot, ".html") == 0 || strcasecmp(dot, ".htm") == 0)
        return NARRATE_INPUT_HTML;
    if (strcasecmp(dot, ".json") == 0)
        return NARRATE_INPUT_JSON;
    return NARRATE_INPUT_AUTO;
}

/* An article file: its id is its name without the extension. */
static void add_file(batch_list *l, const char *path, narrate_input format)
{
    batch_item *it = new_item(l);
    it->source = xstrdup(path);
    it->format = format;
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    set_id(it, base, (size_t)(strrchr(base, '.') - base));
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The article files directly in dir, by name; hidden files and others are not articles. */
static void read_dir(batch_list *l, const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        die("cannot open directory '%s': %s", dir, strerror(errno));
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.' || article_format(e->d_name) == NARRATE_INPUT_AUTO)
            continue;
        char *path = xprintf("%.*s/%s", (int)batch_dir_len(dir), dir, e->d_name);
        struct stat st;
        if (stat(path, &st) < 0 || !S_ISREG(st.st_mode)) {
            free(path);
            continue;
        }
        if (n == cap && !(names = realloc(names, (cap = cap ? cap * 2 : 64) * sizeof *names)))
            die("out of memory reading directory '%s'", dir);
        names[n++] = path;
    }
    closedir(d);
    qsort(names, n, sizeof *names, by_name);
    for (size_t i = 0; i < n; i++) {
        add_file(l, names[i], article_format(names[i]));
        free(names[i]);
    }
    free(names);
}

void batch_read_inputs(char **inputs, int n, batch_list *l)
{
    memset(l, 0, sizeof *l);
    for (int i = 0; i < n; i++) {
        struct stat st;
        const char *in = inputs[i];
        if (strcmp(in, "-") != 0 && stat(in, &st) < 0)
            die("cannot open input '%s': %s", in, strerror(errno));
        if (strcmp(in, "-") != 0 && S_ISDIR(st.st_mode))
            read_dir(l, in);
        else if (strcmp(in, "-") != 0 && article_format(in) != NARRATE_INPUT_AUTO)
            add_file(l, in, article_format(in));
        else
            read_manifest(l, in);
    }
}

void batch_select_shard(batch_list *l, unsigned k, unsigned n)
{
    if (n == 0)
        return;
    size_t kept = 0;
    for (size_t i = 0; i < l->n; i++) {
        batch_item *it = &l->items[i];
        if (it->hash % n == k) {
            l->items[kept++] = *it;
            continue;
        }
        free(it->id);
        free(it->source);
        free(it->error);
    }
    l->n = kept;
}

static int by_id(const void *a, const void *b)
{
    const batch_item *x = *(batch_item *const *)a, *y = *(batch_item *const *)b;
    int c = strcmp(x->id, y->id);
    return c ? c : (x < y ? -1 : x > y);
}

/* Two items with one id would write one file: the later ones fail. */
void batch_mark_duplicates(batch_list *l)
{
    batch_item **v = malloc((l->n ? l->n : 1) * sizeof *v);
    if (!v)
        die("out of memory checking ids '%zu'", l->n);
    size_t n = 0;
    for (size_t i = 0; i < l->n; i++)
        if (!l->items[i].error)
            v[n++] = &l->items[i];
    qsort(v, n, sizeof *v, by_id);
    for (size_t i = 1, first = 0; i < n; i++) {
        if (strcmp(v[i]->id, v[first]->id) != 0)
            first = i;
        else
            v[i]->error = xprintf("duplicate id, first at %s '%s'", v[first]->source, v[i]->id);
    }
    free(v);
}

/* Read at most max + 1 bytes: enough for the library to refuse the rest. */
static int read_file(const char *path, size_t max, char **data, size_t *len)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    ssize_t got = 0;
    while (buf && n <= max) {
        if (n == cap) {
            char *nb = realloc(buf, cap *= 2);
            if (!nb)
                break;
            buf = nb;
        }
        got = read(fd, buf + n, cap - n);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0)
            break;
        n += (size_t)got;
    }
    int e = errno;
    close(fd);
    if (!buf || got < 0) {
        free(buf);
        errno = buf ? e : ENOMEM;
        return -1;
    }
    *data = buf;
    *len = n;
    return 0;
}

int batch_load(const batch_list *l, batch_item *it, size_t max, char **data, size_t *len)
{
    if (it->manifest < 0) {
        if (read_file(it->source, max ? max : NARRATE_ARTICLE_MAX, data, len) == 0)
            return 0;
        it->error = xprintf("cannot read article '%s': %s", it->source, strerror(errno));
        return -1;
    }
    *data = malloc(it->len ? it->len : 1);
    ssize_t got = *data ? pread(l->fds[it->manifest], *data, it->len, it->offset) : -1;
    if (got == (ssize_t)it->len) {
        *len = it->len;
        return 0;
    }
    it->error = xprintf("cannot read manifest line '%s': %s", it->source,
                        got < 0 ? strerror(errno) : "it changed while the batch ran");
    free(*data);
    return -1;
}

void batch_list_free(batch_list *l)
{
    for (size_t i = 0; i < l->n; i++) {
        batch_item *it = &l->items[i];
        free(it->id);
        free(it->source);
        free(it->error);
        free(it->title);
        free(it->author);
        free(it->language);
        free(it->link);
    }
    for (int i = 0; i < l->nfds; i++)
        close(l->fds[i]);
    free(l->items);
    free(l->fds);
    memset(l, 0, sizeof *l);
}
