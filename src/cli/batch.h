/* batch.h - what the files of `narrate batch` share: options, items and their outcomes. */
#ifndef NR_BATCH_H
#define NR_BATCH_H

#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <sys/types.h>

#include "narrate.h"

/* Longest id: <id>.mp3 and <id>.json must fit a file name (255 bytes). */
#define BATCH_ID_MAX 200

enum { TIMINGS_VTT = 1, TIMINGS_JSON = 2 }; /* bits of batch_options.timings */

typedef struct batch_feed_options {
    const char *path, *base_url, *title, *description, *author, *image, *link;
} batch_feed_options;

typedef struct batch_options {
    const char *out, *report, *voice, *lexicon;
    int jobs, rate, bitrate, no_chapters, timings, quiet;
    unsigned shard_k, shard_n; /* shard_n 0: every item */
    double interval;           /* seconds between progress lines off a terminal */
    batch_feed_options feed;
    narrate_limits limits;     /* --timeout, --max-input */
    uint64_t cache_max_size, cache_max_age; /* pruned to these once the items are out */
    char **inputs;
    int ninputs;
} batch_options;

typedef enum item_status {
    ST_NOT_STARTED, /* a stop came first */
    ST_RENDERED,    /* synthesized by this run */
    ST_CACHED,      /* delivered from the cache, no synthesis */
    ST_UP_TO_DATE,  /* already in the output directory under its current key */
    ST_FAILED,
    ST_INTERRUPTED, /* abandoned by a stop, nothing written */
    ST_COUNT
} item_status;

extern const char *const batch_status_names[ST_COUNT];

typedef struct batch_item {
    /* Where it comes from (batch_input.c). */
    char *id;          /* NULL when the line has none usable; printable if unsafe */
    char *source;      /* "news.jsonl:12" or the article's path, for messages */
    unsigned line;     /* manifest line, 0 for an article file */
    int manifest;      /* index into batch_list.fds, -1 for an article file */
    off_t offset;      /* the manifest line's bytes */
    size_t len;
    narrate_input format;
    uint64_t hash;     /* of the id's bytes (else the line's): picks the shard */
    char *error;       /* why it fails: set when read (bad JSON, unsafe id) or rendered */
    /* What became of it (batch_render.c). */
    item_status status;
    char key[NARRATE_KEY_LEN + 1];
    int64_t duration_ms, time_ms;
    uint64_t bytes;
    char *title, *author, *language, *link;
    int64_t published; /* Unix time, when has_published */
    int has_published;
} batch_item;

typedef struct batch_list {
    batch_item *items;
    size_t n, cap;
    int *fds; /* manifests, kept open for pread (standard input spooled to a temporary file) */
    int nfds;
} batch_list;

/* batch_input.c: read every input (dies on an unreadable one), keep shard
** k of n (n 0: all), fail repeated ids; load one item's bytes (of an
** article file, no more than max + 1: enough to refuse it; 0: the default). */
void batch_read_inputs(char **inputs, int n, batch_list *l);
void batch_select_shard(batch_list *l, unsigned k, unsigned n);
void batch_mark_duplicates(batch_list *l);
int batch_load(const batch_list *l, batch_item *it, size_t max, char **data, size_t *len);
void batch_list_free(batch_list *l);

/* batch_date.c: ISO 8601 ("2024-10-07", "2024-10-07T14:30:00+02:00") to
** Unix time, 0 or -1; RFC 822 dates for RSS; ISO 8601 UTC for reports. */
int batch_parse_date(const char *s, int64_t *t);
void batch_rfc822(int64_t t, char out[40]);
void batch_iso8601(int64_t t, char out[32]);

/* batch_state.c: the output directory's own state: killed runs' leftovers
** cleared at start, and per-item records (DIR/.narrate/) of what was
** delivered under which key. */
typedef struct batch_state {
    const char *out;
    unsigned cleaned; /* leftovers removed at start */
} batch_state;

void batch_state_open(batch_state *s, const char *out);
/* 1 when <id>.mp3 (and the timings asked for, naming it) are there under
** key; fills it->duration_ms and it->bytes from the record. */
int batch_state_current(const batch_state *s, batch_item *it, int timings);
/* Record a delivery; timings files of an older key not rewritten now are removed. */
int batch_state_record(const batch_state *s, const batch_item *it, int timings);
char *batch_out_path(const char *out, const char *id, const char *ext); /* malloc'd */
/* dir's length without its trailing slashes: joined paths get one ("audio/" and
** "x.mp3" make "audio/x.mp3"; "/" and "x.mp3" make "/x.mp3"). */
size_t batch_dir_len(const char *dir);

/* batch_progress.c: counts, the progress line or log lines, the summary. */
typedef struct batch_progress {
    pthread_mutex_t lock;
    size_t total, count[ST_COUNT];
    double audio_s;  /* delivered this run (rendered or cached) */
    double started;  /* monotonic seconds */
    int64_t wall_started; /* Unix time */
    double last;     /* of the last log line */
    double interval;
    int tty, quiet, drawn;
} batch_progress;

void progress_init(batch_progress *p, size_t total, int quiet, double interval);
void progress_item(batch_progress *p, const batch_item *it); /* from any thread */
void progress_tick(batch_progress *p);
void progress_summary(batch_progress *p, const batch_item *items, size_t n, int signo);
double progress_now(void);

/* batch_report.c / batch_feed.c: written at the end; -1 with *why (malloc'd) on failure. */
int batch_report_write(const char *path, const batch_options *o, const batch_progress *p,
                       const batch_item *items, size_t n, int signo, char **why);
int batch_feed_write(const batch_options *o, const batch_item *items, size_t n, char **why);

/* atomic.c: a file that appears whole or not at all (temporary, fsync, rename). */
typedef struct atomic_file {
    narrate_file *file;
    int fd; /* narrate_file_fd(file), or -1 */
} atomic_file;

int atomic_open(atomic_file *f, const char *path);
int atomic_commit(atomic_file *f); /* -1 with errno; the temporary is gone either way */
void atomic_abort(atomic_file *f);

/* batch_render.c: everything one item needs, shared by the render threads. */
typedef struct batch {
    const batch_options *o;
    batch_list list;
    narrate_engine *engine;
    narrate_cache *cache;
    narrate_lexicon *lexicon;
    batch_state state;
    batch_progress progress;
    atomic_size_t next; /* the next item to take */
} batch;

/* The signal that asked the batch to stop, 0 while none has. */
extern atomic_int batch_stop;

void batch_render_item(batch *b, batch_item *it);

#endif
