/* batch_report.c - the JSON report: totals, then one line per item (status, key, duration, time, error). */
#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "batch.h"
#include "cli.h"

/*
** The report is written one item per line, each line dumped on its own, so
** that a report of 100,000 items never holds them all as JSON objects (and
** stays greppable):
**
**   {"format":"narrate-batch-report","version":1,...,"items":[
**   {"source":"news.jsonl:1","line":1,"id":"a1","status":"rendered",...},
**   ...
**   ]}
*/

#define DUMP_FLAGS (JSON_COMPACT | JSON_ENSURE_ASCII | JSON_REAL_PRECISION(12))

/* A string as JSON; bytes that are not UTF-8 (a path's, say) become '?'. */
static json_t *text(const char *s)
{
    json_t *j = s ? json_string(s) : json_null();
    if (j || !s)
        return j;
    char *copy = strdup(s);
    for (char *c = copy; c && *c; c++)
        if ((unsigned char)*c >= 0x80)
            *c = '?';
    j = copy ? json_string(copy) : NULL;
    free(copy);
    return j;
}

static json_t *item_json(const batch_options *o, const batch_item *it)
{
    int delivered = it->status == ST_RENDERED || it->status == ST_CACHED || it->status == ST_UP_TO_DATE;
    char *output = delivered ? batch_out_path(o->out, it->id, ".mp3") : NULL;
    json_t *j = json_pack("{s:o, s:o, s:o, s:s, s:o, s:o, s:o, s:o, s:I, s:o}",
                          "source", text(it->source),
                          "line", it->line ? json_integer(it->line) : json_null(),
                          "id", text(it->id),
                          "status", batch_status_names[it->status],
                          "key", it->key[0] ? json_string(it->key) : json_null(),
                          "output", text(output),
                          "duration_ms", delivered ? json_integer(it->duration_ms) : json_null(),
                          "bytes", delivered ? json_integer((json_int_t)it->bytes) : json_null(),
                          "time_ms", (json_int_t)it->time_ms,
                          "error", text(it->error));
    free(output);
    return j;
}

static double hundredths(double x)
{
    return round(x * 100) / 100;
}

static json_t *head_json(const batch_options *o, const batch_progress *p, int signo)
{
    char started[32], finished[32], shard[32];
    double elapsed = progress_now() - p->started;
    batch_iso8601(p->wall_started, started);
    batch_iso8601(p->wall_started + (int64_t)(elapsed + 0.5), finished);
    snprintf(shard, sizeof shard, "%u/%u", o->shard_k, o->shard_n);
    const size_t *c = p->count;
    json_t *counts = json_pack("{s:I, s:I, s:I, s:I, s:I, s:I, s:I}", "total", (json_int_t)p->total,
                               "rendered", (json_int_t)c[ST_RENDERED], "cached", (json_int_t)c[ST_CACHED],
                               "up_to_date", (json_int_t)c[ST_UP_TO_DATE],
                               "failed", (json_int_t)c[ST_FAILED],
                               "interrupted", (json_int_t)c[ST_INTERRUPTED],
                               "not_started", (json_int_t)c[ST_NOT_STARTED]);
    size_t delivered = c[ST_RENDERED] + c[ST_CACHED];
    return json_pack("{s:s, s:i, s:s, s:s, s:f, s:i, s:o, s:o, s:o, s:o, s:f, s:f, s:f}",
                     "format", "narrate-batch-report", "version", 1, "started", started,
                     "finished", finished, "seconds", hundredths(elapsed), "jobs", o->jobs,
                     "out", text(o->out), "shard", o->shard_n ? json_string(shard) : json_null(),
                     "stopped_by", signo ? json_string(signo == SIGINT ? "SIGINT" : "SIGTERM") : json_null(),
                     "counts", counts,
                     "articles_per_min", hundredths(elapsed > 0 ? (double)delivered * 60 / elapsed : 0),
                     "audio_hours_per_hour", hundredths(elapsed > 0 ? p->audio_s / elapsed : 0),
                     "audio_seconds", hundredths(p->audio_s));
}

/* The head object without its closing brace, then ,"items":[ */
static int write_head(int fd, json_t *head)
{
    char *s = json_dumps(head, DUMP_FLAGS);
    int ok = s != NULL;
    if (ok) {
        s[strlen(s) - 1] = '\0';
        ok = nr_write_all(fd, s, strlen(s)) == 0 && nr_write_all(fd, ",\"items\":[\n", 11) == 0;
    }
    free(s);
    return ok ? 0 : -1;
}

static int write_items(int fd, const batch_options *o, const batch_item *items, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        json_t *j = item_json(o, &items[i]);
        char *s = j ? json_dumps(j, DUMP_FLAGS) : NULL;
        const char *sep = i + 1 < n ? ",\n" : "\n";
        json_decref(j);
        int ok = s && nr_write_all(fd, s, strlen(s)) == 0 && nr_write_all(fd, sep, strlen(sep)) == 0;
        free(s);
        if (!ok)
            return -1;
    }
    return nr_write_all(fd, "]}\n", 3);
}

int batch_report_write(const char *path, const batch_options *o, const batch_progress *p,
                       const batch_item *items, size_t n, int signo, char **why)
{
    int to_stdout = strcmp(path, "-") == 0;
    atomic_file f = { NULL, -1 };
    int rc = to_stdout ? 0 : atomic_open(&f, path);
    json_t *head = rc == 0 ? head_json(o, p, signo) : NULL;
    if (rc == 0) {
        int fd = to_stdout ? STDOUT_FILENO : f.fd;
        rc = head && write_head(fd, head) == 0 && write_items(fd, o, items, n) == 0 ? 0 : -1;
    }
    json_decref(head);
    if (!to_stdout && rc == 0) {
        rc = atomic_commit(&f);
    } else if (!to_stdout && f.fd >= 0) {
        int e = errno;
        atomic_abort(&f);
        errno = e;
    }
    if (rc < 0 && asprintf(why, "cannot write report '%s': %s", path, strerror(errno)) < 0)
        *why = NULL;
    return rc;
}
