/* serve_put.c - PUT and DELETE /api/v1/articles/{id}: a CMS registers, updates and removes articles in --articles. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "serve.h"

/*
** An article the CMS sends is stored as ARTICLES/{id}.json, the body as
** sent once it parses as `narrate render` reads a JSON article: written to a
** temporary file beside it (".narrate-PID-XXXXXX", which the listing skips),
** flushed, renamed into place, so that a reader sees the old file or the new
** one, never a part.  The listing takes the file as it is renamed, without
** reading the directory again (serve_catalog_install; if anything else
** changed the directory meanwhile, the next request reads it as usual).
** Only files the API would write are replaced or removed: an id served from
** another file (story.txt, or a JSON file holding another id) is 409, and
** the id is checked against the safe alphabet before it names any file.
** The audio of an earlier version stays in the cache under its own key.
*/

static int target_path(nr_server *s, const char *id, char *path, size_t cap)
{
    return snprintf(path, cap, "%s/%s.json", s->articles_dir, id) < (int)cap ? 0 : -1;
}

/* 0 if id is free or served from its own API file; else a reply was made. */
static int managed(nr_server *s, const char *id, const char *target, char *cur, size_t cap)
{
    struct stat st;
    if (serve_article_path(s, id, cur, cap) == 0)
        return strcmp(cur, target) == 0 ? 1 : -1;
    cur[0] = '\0';
    /* A file by that name that serves another id (or none): not ours to replace. */
    return lstat(target, &st) == 0 ? -1 : 0;
}

static int write_atomic(nr_server *s, const char *dir, const char *target, const char *name,
                        const char *data, size_t len, char *why, size_t cap)
{
    char tmp[4200];
    snprintf(tmp, sizeof tmp, "%s/.narrate-%ld-XXXXXX", dir, (long)getpid());
    int fd = mkstemp(tmp);
    if (fd < 0) {
        snprintf(why, cap, "%s", strerror(errno));
        return -1;
    }
    size_t off = 0;
    while (off < len) {
        ssize_t n = write(fd, data + off, len - off);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        off += (size_t)n;
    }
    int bad = off < len || fchmod(fd, 0644) != 0 || fsync(fd) != 0;
    if (bad)
        snprintf(why, cap, "%s", strerror(errno ? errno : EIO));
    if (close(fd) != 0 && !bad) {
        bad = 1;
        snprintf(why, cap, "%s", strerror(errno));
    }
    if (!bad && serve_catalog_install(s, tmp, target, name) != 0) {
        bad = 1;
        snprintf(why, cap, "%s", strerror(errno));
    }
    if (bad)
        unlink(tmp);
    return bad ? -1 : 0;
}

enum MHD_Result serve_put_article(nr_server *s, struct MHD_Connection *c, serve_request *r,
                                  const char *id)
{
    char target[4200], cur[4200], body_id[SERVE_ID_MAX + 2], why[256];
    if (!serve_id_ok(id, strlen(id)) || target_path(s, id, target, sizeof target) < 0)
        return serve_reply_error(c, r, MHD_HTTP_BAD_REQUEST,
                                 "bad article id (1 to %d of A-Z a-z 0-9 . _ -, not first .) '%s'",
                                 SERVE_ID_MAX, "id");
    narrate_error err;
    narrate_article *a = narrate_article_parse_limited(r->body ? r->body : "", r->body_len,
                                                       NARRATE_INPUT_JSON, s->max_input, &err);
    if (!a)
        return serve_reply_error(c, r, MHD_HTTP_BAD_REQUEST, "%s", err.message);
    const char *aid = narrate_article_id(a);
    if (serve_body_string(r->body, r->body_len, "id", body_id, sizeof body_id) < 0 ||
        (aid && strcmp(aid, id) != 0)) {
        narrate_article_free(a);
        return serve_reply_error(c, r, MHD_HTTP_BAD_REQUEST, "the body's id is not the URL's '%s'", id);
    }
    narrate_voice v;
    char key[NARRATE_KEY_LEN + 1], old_key[NARRATE_KEY_LEN + 1] = "";
    int rc = serve_key_of(s, a, &v, key, &err);
    narrate_article_free(a);
    if (rc < 0)
        return serve_reply_error(c, r, serve_status_of(err.code), "%s", err.message);
    int m = managed(s, id, target, cur, sizeof cur);
    if (m < 0)
        return serve_reply_error(c, r, MHD_HTTP_CONFLICT,
                                 "article served from a file the API does not manage '%s'", id);
    if (m > 0 && serve_article_key(s, id, old_key, &err) < 0)
        old_key[0] = '\0';
    char name[SERVE_ID_MAX + 8];
    snprintf(name, sizeof name, "%s.json", id);
    if (write_atomic(s, s->articles_dir, target, name, r->body, r->body_len, why, sizeof why) < 0)
        return serve_reply_error(c, r, MHD_HTTP_INTERNAL_SERVER_ERROR,
                                 "cannot store the article (%s) '%s'", why, target);
    serve_buf b = { 0 };
    serve_buf_add(&b, "{\"id\":", 6);
    serve_buf_json(&b, id);
    serve_buf_printf(&b, ",\"key\":\"%s\",\"url\":\"/audio/%s.mp3\",\"page\":\"/articles/%s\"", key, id, id);
    if (old_key[0])
        serve_buf_printf(&b, ",\"previous_key\":\"%s\",\"changed\":%s", old_key,
                         strcmp(old_key, key) ? "true" : "false");
    serve_buf_add(&b, "}\n", 2);
    enum MHD_Result ok = b.failed ? MHD_NO
                                  : serve_reply(c, r, m > 0 ? MHD_HTTP_OK : MHD_HTTP_CREATED,
                                                "application/json", b.data, b.len);
    free(b.data);
    return ok;
}

enum MHD_Result serve_delete_article(nr_server *s, struct MHD_Connection *c, serve_request *r,
                                     const char *id)
{
    char target[4200], cur[4200];
    if (!serve_id_ok(id, strlen(id)) || target_path(s, id, target, sizeof target) < 0)
        return serve_reply_error(c, r, MHD_HTTP_NOT_FOUND, "no such article '%s'", "id");
    int m = managed(s, id, target, cur, sizeof cur);
    if (m == 0)
        return serve_reply_error(c, r, MHD_HTTP_NOT_FOUND, "no such article '%s'", id);
    if (m < 0)
        return serve_reply_error(c, r, MHD_HTTP_CONFLICT,
                                 "article served from a file the API does not manage '%s'", id);
    if (unlink(target) != 0 && errno != ENOENT)
        return serve_reply_error(c, r, MHD_HTTP_INTERNAL_SERVER_ERROR,
                                 "cannot remove the article (%s) '%s'", strerror(errno), target);
    struct MHD_Response *resp = MHD_create_response_from_buffer(0, NULL, MHD_RESPMEM_PERSISTENT);
    r->bytes = 0;
    return serve_reply_response(c, r, MHD_HTTP_NO_CONTENT, resp);
}
