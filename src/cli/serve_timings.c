/* serve_timings.c - timings by key: /cache/{key}.vtt and .json, kept beside the cache for articles the CMS sent. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "serve.h"

/*
** A cache entry keeps where each sentence is (its marks) but not the
** sentences' text, which is the article's: timings need the article.  An
** article POSTed by a CMS is not kept, so when a job's render ends (and when
** the API meets a hit) its WebVTT and JSON timings are written to
** CACHE/timings/KEY.vtt and .json (by the library: temporary file, rename),
** from the entry's marks, without synthesis.  They are served only while
** the audio they describe is in the cache: a pruned entry's timings are
** answered 404 like the audio, and removed after the prune that removed it.
** (They are not counted by --cache-max-size: a few KB an entry.)
*/

#define CACHE_BY_KEY "public, max-age=31536000, immutable"

static int store_path(nr_server *s, const char *key, const char *ext, char *path, size_t cap)
{
    char dir[4096];
    if (snprintf(dir, sizeof dir, "%s/timings", narrate_cache_dir(s->cache)) >= (int)sizeof dir)
        return -1;
    if (mkdir(dir, 0755) != 0 && errno != EEXIST)
        return -1;
    return snprintf(path, cap, "%s/%s.%s", dir, key, ext) >= (int)cap ? -1 : 0;
}

void serve_timings_store(nr_server *s, const narrate_article *a, const narrate_voice *v,
                         const char *key)
{
    static const char *const exts[] = { "vtt", "json" };
    for (int i = 0; i < 2; i++) {
        char path[4200];
        struct stat st;
        if (store_path(s, key, exts[i], path, sizeof path) < 0) {
            serve_log_msg("warning: no timings directory in the cache for '%s'", key);
            return;
        }
        if (stat(path, &st) == 0)
            continue;
        narrate_render_options ro = serve_render_options(s, v);
        ro.timings_path = path;
        narrate_cache_entry e;
        narrate_error err;
        if (narrate_render_cached(s->engine, s->cache, a, &ro, &e, &err) < 0)
            serve_log_msg("warning: timings of '%s' not kept: %s", key, err.message);
    }
}

int serve_timings_have(nr_server *s, const char *key)
{
    char path[4200];
    return store_path(s, key, "json", path, sizeof path) == 0 && access(path, R_OK) == 0;
}

enum MHD_Result serve_cache_timings(nr_server *s, struct MHD_Connection *c, serve_request *r,
                                    const char *key, const char *ext)
{
    narrate_cache_entry e;
    char path[4200];
    int vtt = strcmp(ext, "vtt") == 0;
    serve_cache_read_begin(s);
    int hit = narrate_cache_lookup(s->cache, key, &e, NULL) == NARRATE_OK;
    serve_cache_read_end(s);
    int fd = -1;
    if (store_path(s, key, ext, path, sizeof path) == 0) {
        if (hit)
            fd = open(path, O_RDONLY | O_CLOEXEC);
        else
            unlink(path); /* its audio is gone */
    }
    if (fd < 0)
        return serve_reply_error(c, r, MHD_HTTP_NOT_FOUND, "no timings for this key '%s'", key);
    struct stat st;
    struct MHD_Response *resp = fstat(fd, &st) == 0
                                    ? MHD_create_response_from_fd((uint64_t)st.st_size, fd)
                                    : NULL;
    if (!resp) {
        close(fd);
        return serve_reply_error(c, r, MHD_HTTP_INTERNAL_SERVER_ERROR, "cannot read timings '%s'", key);
    }
    char etag[NARRATE_KEY_LEN + 8], dur[32];
    snprintf(etag, sizeof etag, "\"%s.%s\"", key, ext);
    snprintf(dur, sizeof dur, "%.3f", e.duration_s);
    MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE,
                            vtt ? "text/vtt; charset=utf-8" : "application/json");
    MHD_add_response_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL, CACHE_BY_KEY);
    MHD_add_response_header(resp, MHD_HTTP_HEADER_ETAG, etag);
    MHD_add_response_header(resp, SERVE_DURATION_HEADER, dur);
    r->bytes = (int64_t)st.st_size;
    return serve_reply_response(c, r, MHD_HTTP_OK, resp);
}

void serve_timings_sweep(nr_server *s)
{
    char dir[4096];
    if (snprintf(dir, sizeof dir, "%s/timings", narrate_cache_dir(s->cache)) >= (int)sizeof dir)
        return;
    DIR *d = opendir(dir);
    struct dirent *e;
    while (d && (e = readdir(d))) {
        char key[NARRATE_KEY_LEN + 1];
        narrate_cache_entry ce;
        if (strspn(e->d_name, "0123456789abcdef") != NARRATE_KEY_LEN || e->d_name[NARRATE_KEY_LEN] != '.')
            continue;
        snprintf(key, sizeof key, "%.*s", NARRATE_KEY_LEN, e->d_name);
        if (narrate_cache_lookup(s->cache, key, &ce, NULL) != NARRATE_OK)
            unlinkat(dirfd(d), e->d_name, 0);
    }
    if (d)
        closedir(d);
}
