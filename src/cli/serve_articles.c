/* serve_articles.c - the --articles directory of `narrate serve`: safe ids, the listing, keys per article. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>

#include "serve.h"

/*
** Ids are looked up in a listing made by reading the directory, never joined
** into a path: a request can only name a file the directory listing already
** holds.  The listing is read again when the directory's mtime changes (a file
** added, removed or saved by rename).  A new reading parses only files whose
** name, size or mtime are new (the rest keep their description), and runs
** without the lock: requests meanwhile use the listing before it, and only
** one reading runs at a time.  An article's key is memoized with its file's
** size and mtime, so a cache hit needs no parse.
**
** What changed is learnt from inotify where it can be: a request then reads
** the (non-blocking) event queue, which the kernel fills within the call that
** changes the directory, instead of stat()ing the directory and the article.
** A file that is a symbolic link may change where no watch sees it: its key
** is checked against a stat on every request, as everything is without
** inotify (or once the directory itself is moved or removed).
*/

typedef struct item {
    serve_listing l;
    char name[256];                  /* the file's name in the directory */
    int rank;                        /* extension preference when two files share an id */
    struct timespec file_mtime;      /* what the description was made from */
    off_t file_size;
    int have_key;
    int linked;                      /* a symbolic link: stat it (see above) */
    char key[NARRATE_KEY_LEN + 1];
    struct timespec mtime;
    off_t size;
} item;

struct serve_catalog {
    pthread_mutex_t lock;
    char *dir;
    size_t max_input;
    struct timespec dir_mtime;
    int scanned, scanning;
    int watch;                       /* inotify descriptor, -1: stat the directory */
    int dirty;                       /* events came since the last reading began */
    unsigned long events;            /* batches of events read: a key made meanwhile is not kept */
    item *files;                     /* every usable file, sorted by name */
    size_t nfiles;
    item *items;                     /* the listing: by id, one file per id */
    size_t n;
};

static void refresh(serve_catalog *c);

int serve_id_ok(const char *id, size_t len)
{
    if (len == 0 || len > SERVE_ID_MAX || id[0] == '.')
        return 0;
    for (size_t i = 0; i < len; i++) {
        char c = id[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '.' || c == '_' || c == '-'))
            return 0;
    }
    return 1;
}

serve_catalog *serve_catalog_create(const char *dir, size_t max_input)
{
    serve_catalog *c = calloc(1, sizeof *c);
    if (!c || !(c->dir = strdup(dir))) {
        free(c);
        return NULL;
    }
    c->max_input = max_input;
    c->watch = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    if (c->watch >= 0 &&
        inotify_add_watch(c->watch, dir, IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO |
                                             IN_MODIFY | IN_CLOSE_WRITE | IN_ATTRIB |
                                             IN_DELETE_SELF | IN_MOVE_SELF) < 0) {
        close(c->watch);
        c->watch = -1;
    }
    pthread_mutex_init(&c->lock, NULL);
    /* The first reading before any request, so that none sees an empty listing. */
    pthread_mutex_lock(&c->lock);
    refresh(c);
    pthread_mutex_unlock(&c->lock);
    return c;
}

void serve_catalog_free(serve_catalog *c)
{
    if (!c)
        return;
    pthread_mutex_destroy(&c->lock);
    if (c->watch >= 0)
        close(c->watch);
    free(c->items);
    free(c->files);
    free(c->dir);
    free(c);
}

/* 1.. for the article extensions, in order of preference; 0 for other files. */
static int ext_rank(const char *name, size_t *stem)
{
    static const char *const exts[] = { ".txt", ".json", ".html", ".htm" };
    const char *dot = strrchr(name, '.');
    *stem = dot ? (size_t)(dot - name) : strlen(name);
    for (int i = 0; dot && i < 4; i++)
        if (strcmp(dot, exts[i]) == 0)
            return i + 1;
    return 0;
}

/* Fill it from the file (title, a JSON article's own id); 0 if unusable.
** An article over --max-input is said once per scan: it is the operator's. */
static int describe(serve_catalog *c, item *it, const char *path, const char *name, size_t stem)
{
    narrate_error err;
    narrate_article *a = narrate_article_read_limited(path, NARRATE_INPUT_AUTO, c->max_input, &err);
    if (!a && err.code == NARRATE_ELIMIT)
        serve_log_msg("warning: not served: %s", err.message);
    if (!a)
        return 0;
    const char *id = narrate_article_id(a);
    if (id && serve_id_ok(id, strlen(id)))
        snprintf(it->l.id, sizeof it->l.id, "%s", id);
    else if (serve_id_ok(name, stem))
        snprintf(it->l.id, sizeof it->l.id, "%.*s", (int)stem, name);
    const char *title = narrate_article_title(a);
    snprintf(it->l.title, sizeof it->l.title, "%s", title ? title : "");
    snprintf(it->l.path, sizeof it->l.path, "%s", path);
    narrate_article_free(a);
    return it->l.id[0] != '\0';
}

static int by_id_only(const void *a, const void *b)
{
    return strcmp(((const item *)a)->l.id, ((const item *)b)->l.id);
}

static int by_id(const void *a, const void *b)
{
    const item *x = a, *y = b;
    int d = strcmp(x->l.id, y->l.id);
    return d ? d : x->rank - y->rank;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(((const item *)a)->name, ((const item *)b)->name);
}

/* Sorted by id; of several files with one id the preferred extension stays. */
static void dedupe(item *items, size_t *n)
{
    qsort(items, *n, sizeof *items, by_id);
    size_t out = 0;
    for (size_t i = 0; i < *n; i++)
        if (out == 0 || strcmp(items[out - 1].l.id, items[i].l.id) != 0)
            items[out++] = items[i];
    *n = out;
}

/* The files of the directory, described; old (sorted by name) gives the
** descriptions of files unchanged since.  Without the lock. */
static item *scan(serve_catalog *c, const item *old, size_t nold, size_t *count)
{
    DIR *d = opendir(c->dir);
    item *files = NULL;
    size_t n = 0, cap = 0;
    struct dirent *de;
    while (d && (de = readdir(d))) {
        size_t stem;
        int rank = ext_rank(de->d_name, &stem);
        char path[4096];
        struct stat st;
        if (!rank || de->d_name[0] == '.' || strlen(de->d_name) >= sizeof files->name ||
            snprintf(path, sizeof path, "%s/%s", c->dir, de->d_name) >= (int)sizeof path ||
            stat(path, &st) != 0 || !S_ISREG(st.st_mode))
            continue;
        struct stat lst;
        int linked = lstat(path, &lst) != 0 || S_ISLNK(lst.st_mode);
        if (n == cap) {
            item *p = realloc(files, (cap = cap ? 2 * cap : 16) * sizeof *p);
            if (!p)
                break;
            files = p;
        }
        item *it = memset(&files[n], 0, sizeof *it);
        snprintf(it->name, sizeof it->name, "%s", de->d_name);
        const item *was = nold ? bsearch(it, old, nold, sizeof *old, by_name) : NULL;
        if (was && was->file_size == st.st_size && was->file_mtime.tv_sec == st.st_mtim.tv_sec &&
            was->file_mtime.tv_nsec == st.st_mtim.tv_nsec) {
            *it = *was;
            it->linked = linked;
            n++;
            continue;
        }
        it->linked = linked;
        it->rank = rank;
        it->file_mtime = st.st_mtim;
        it->file_size = st.st_size;
        if (describe(c, it, path, de->d_name, stem))
            n++;
    }
    if (d)
        closedir(d);
    if (n)
        qsort(files, n, sizeof *files, by_name);
    *count = n;
    return files;
}

/* Read the directory again if it changed, unless another thread is at it
** (the listing before stays in use meanwhile); with c->lock held, which is
** let go while reading. */
/* A listed file written or touched in place: its key is made again at the
** next request, as a stat would have told; the listing stands until the
** directory changes, as its mtime would have told. */
static int forget_key(serve_catalog *c, const char *name)
{
    int listed = 0;
    for (size_t i = 0; i < c->n; i++)
        if (strcmp(c->items[i].name, name) == 0) {
            c->items[i].have_key = 0;
            listed = 1;
        }
    return listed;
}

/* Read the watch's events; 1 if the listing must be read again.  The
** directory itself moved or gone ends the watch: from then on, stat it. */
static int drain(serve_catalog *c)
{
    char buf[4096] __attribute__((aligned(__alignof__(struct inotify_event))));
    int any = 0;
    for (;;) {
        ssize_t n = read(c->watch, buf, sizeof buf);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        c->events++;
        for (ssize_t i = 0; i < n;) {
            const struct inotify_event *ev = (const struct inotify_event *)(buf + i);
            if (ev->mask & (IN_DELETE_SELF | IN_MOVE_SELF | IN_IGNORED | IN_UNMOUNT)) {
                close(c->watch);
                c->watch = -1;
                return 1;
            }
            /* In place: a listed file's key; a file not listed yet may now be
            ** whole (created, then written). */
            if (!(ev->mask & (IN_MODIFY | IN_CLOSE_WRITE | IN_ATTRIB)) || !ev->len ||
                !forget_key(c, ev->name))
                any = 1;
            i += (ssize_t)(sizeof *ev + ev->len);
        }
    }
    return any;
}

static void refresh(serve_catalog *c)
{
    struct stat st = { 0 };
    if (c->watch >= 0 && drain(c))
        c->dirty = 1;
    if (c->watch >= 0) {
        if (c->scanning || (c->scanned && !c->dirty))
            return;
        c->dirty = 0;
    } else {
        if (stat(c->dir, &st) != 0)
            st.st_mtim = (struct timespec){ 0, 0 };
        if (c->scanning || (c->scanned && !c->dirty && st.st_mtim.tv_sec == c->dir_mtime.tv_sec &&
                            st.st_mtim.tv_nsec == c->dir_mtime.tv_nsec))
            return;
        c->dirty = 0;
    }
    c->scanning = 1;
    size_t nold = c->nfiles;
    item *old = nold ? malloc(nold * sizeof *old) : NULL;
    if (old)
        memcpy(old, c->files, nold * sizeof *old);
    else
        nold = 0;
    pthread_mutex_unlock(&c->lock);
    size_t nfiles;
    item *files = scan(c, old, nold, &nfiles);
    item *items = malloc((nfiles ? nfiles : 1) * sizeof *items);
    size_t n = items ? nfiles : 0;
    if (items && nfiles)
        memcpy(items, files, nfiles * sizeof *items);
    if (items)
        dedupe(items, &n);
    free(old);
    pthread_mutex_lock(&c->lock);
    /* Keys memoized meanwhile are kept: they are checked against the file anyway. */
    for (size_t i = 0; i < n; i++) {
        item key = { 0 };
        snprintf(key.l.id, sizeof key.l.id, "%s", items[i].l.id);
        item *was = c->n ? bsearch(&key, c->items, c->n, sizeof *c->items, by_id_only) : NULL;
        if (was && was->have_key && strcmp(was->l.path, items[i].l.path) == 0 &&
            was->size == items[i].file_size && was->mtime.tv_sec == items[i].file_mtime.tv_sec &&
            was->mtime.tv_nsec == items[i].file_mtime.tv_nsec) {
            items[i].have_key = 1;
            memcpy(items[i].key, was->key, sizeof items[i].key);
            items[i].mtime = was->mtime;
            items[i].size = was->size;
        }
    }
    free(c->files);
    free(c->items);
    c->files = files;
    c->nfiles = nfiles;
    c->items = items;
    c->n = n;
    c->dir_mtime = st.st_mtim;
    c->scanned = 1;
    c->scanning = 0;
}

static item *find(serve_catalog *c, const char *id)
{
    item key;
    snprintf(key.l.id, sizeof key.l.id, "%s", id);
    return c->n ? bsearch(&key, c->items, c->n, sizeof *c->items, by_id_only) : NULL;
}

size_t serve_article_bytes(nr_server *s, const char *id)
{
    serve_catalog *c = s->catalog;
    pthread_mutex_lock(&c->lock);
    item *it = find(c, id);
    size_t n = it ? (size_t)it->file_size : 0;
    pthread_mutex_unlock(&c->lock);
    return n;
}

serve_listing *serve_catalog_list(nr_server *s, size_t *n)
{
    serve_catalog *c = s->catalog;
    pthread_mutex_lock(&c->lock);
    refresh(c);
    serve_listing *out = malloc((c->n ? c->n : 1) * sizeof *out);
    *n = out ? c->n : 0;
    for (size_t i = 0; out && i < c->n; i++)
        out[i] = c->items[i].l;
    pthread_mutex_unlock(&c->lock);
    return out;
}

narrate_render_options serve_render_options(nr_server *s, const narrate_voice *v)
{
    narrate_render_options ro = NARRATE_RENDER_OPTIONS_INIT;
    ro.voice = v;
    ro.format = NARRATE_FORMAT_MP3;
    ro.cache = s->cache;
    return ro;
}

int serve_key_of(nr_server *s, const narrate_article *a, narrate_voice *v,
                 char key[NARRATE_KEY_LEN + 1], narrate_error *err)
{
    int rc = narrate_voice_for_article(s->engine, a, NULL, v, err);
    if (rc < 0)
        return rc;
    narrate_render_options ro = serve_render_options(s, v);
    return narrate_key(s->engine, a, &ro, key, err);
}

static int not_found(const char *id, narrate_error *err)
{
    err->code = NARRATE_ENOTFOUND;
    snprintf(err->message, sizeof err->message, "no such article '%s'", id);
    return NARRATE_ENOTFOUND;
}

/* Remember key for id's file as it was when read (st), unless the watch
** saw the directory change since the read began (events). */
static void memo(serve_catalog *c, const char *id, const struct stat *st, const char *key,
                 unsigned long events)
{
    pthread_mutex_lock(&c->lock);
    if (c->watch >= 0 && drain(c))
        c->dirty = 1;
    item *it = c->events == events ? find(c, id) : NULL;
    if (it) {
        memcpy(it->key, key, sizeof it->key);
        it->mtime = st->st_mtim;
        it->size = st->st_size;
        it->have_key = 1;
    }
    pthread_mutex_unlock(&c->lock);
}

narrate_article *serve_article_load(nr_server *s, const char *id, narrate_voice *v,
                                    char key[NARRATE_KEY_LEN + 1], narrate_error *err)
{
    serve_catalog *c = s->catalog;
    char path[4096];
    pthread_mutex_lock(&c->lock);
    refresh(c);
    item *it = find(c, id);
    unsigned long events = c->events;
    if (it)
        memcpy(path, it->l.path, sizeof path);
    pthread_mutex_unlock(&c->lock);
    struct stat st;
    if (!it || stat(path, &st) != 0) {
        not_found(id, err);
        return NULL;
    }
    narrate_article *a = narrate_article_read_limited(path, NARRATE_INPUT_AUTO, s->max_input, err);
    if (a && serve_key_of(s, a, v, key, err) < 0) {
        narrate_article_free(a);
        return NULL;
    }
    if (a)
        memo(c, id, &st, key, events);
    return a;
}

int serve_article_key(nr_server *s, const char *id, char key[NARRATE_KEY_LEN + 1],
                      narrate_error *err)
{
    serve_catalog *c = s->catalog;
    pthread_mutex_lock(&c->lock);
    refresh(c);
    item *it = find(c, id);
    struct stat st;
    /* Watched, an item's key was checked against its file when it was read. */
    int watched = c->watch >= 0 && it && !it->linked;
    int fresh = it && it->have_key &&
                (watched || (stat(it->l.path, &st) == 0 && st.st_size == it->size &&
                             st.st_mtim.tv_sec == it->mtime.tv_sec &&
                             st.st_mtim.tv_nsec == it->mtime.tv_nsec));
    if (fresh)
        memcpy(key, it->key, NARRATE_KEY_LEN + 1);
    pthread_mutex_unlock(&c->lock);
    if (fresh)
        return NARRATE_OK;
    if (!it)
        return not_found(id, err);
    narrate_voice v;
    narrate_article *a = serve_article_load(s, id, &v, key, err);
    if (!a)
        return err->code;
    narrate_article_free(a);
    return NARRATE_OK;
}

int serve_article_path(nr_server *s, const char *id, char *path, size_t cap)
{
    serve_catalog *c = s->catalog;
    pthread_mutex_lock(&c->lock);
    refresh(c);
    item *it = find(c, id);
    int rc = it && snprintf(path, cap, "%s", it->l.path) < (int)cap ? 0 : -1;
    pthread_mutex_unlock(&c->lock);
    return rc;
}

/* Replace or insert it into the sorted array (*a, *n) by cmp; 0, -1 out of memory. */
static int upsert(item **a, size_t *n, const item *it, int (*cmp)(const void *, const void *))
{
    item *was = *n ? bsearch(it, *a, *n, sizeof **a, cmp) : NULL;
    if (was) {
        *was = *it;
        return 0;
    }
    item *p = realloc(*a, (*n + 1) * sizeof *p);
    if (!p)
        return -1;
    p[(*n)++] = *it;
    *a = p;
    qsort(*a, *n, sizeof **a, cmp);
    return 0;
}

int serve_catalog_install(nr_server *s, const char *tmp, const char *target, const char *name)
{
    serve_catalog *c = s->catalog;
    item it;
    memset(&it, 0, sizeof it);
    size_t stem;
    int rank = ext_rank(name, &stem);
    /* Parsed before the lock, from the temporary file: the same bytes. */
    int described = rank && strlen(name) < sizeof it.name && describe(c, &it, tmp, name, stem);
    struct stat before, after, st;
    pthread_mutex_lock(&c->lock);
    int have_before = stat(c->dir, &before) == 0;
    int rc = rename(tmp, target);
    if (rc == 0 && described && have_before && c->scanned && !c->scanning &&
        before.st_mtim.tv_sec == c->dir_mtime.tv_sec && before.st_mtim.tv_nsec == c->dir_mtime.tv_nsec &&
        stat(c->dir, &after) == 0 && stat(target, &st) == 0) {
        /* Nothing else changed the directory since it was read: this file is
        ** the only change, so the listing takes it without reading the rest. */
        snprintf(it.name, sizeof it.name, "%s", name);
        snprintf(it.l.path, sizeof it.l.path, "%s", target);
        it.rank = rank;
        it.file_mtime = st.st_mtim;
        it.file_size = st.st_size;
        if (upsert(&c->files, &c->nfiles, &it, by_name) == 0 &&
            upsert(&c->items, &c->n, &it, by_id_only) == 0)
            c->dir_mtime = after.st_mtim;
    }
    pthread_mutex_unlock(&c->lock);
    return rc;
}
