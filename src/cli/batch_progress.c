/* batch_progress.c - where a batch stands: a progress line on a terminal, log lines elsewhere, the summary. */
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include "batch.h"

const char *const batch_status_names[ST_COUNT] = {
    [ST_NOT_STARTED] = "not_started", [ST_RENDERED] = "rendered", [ST_CACHED] = "cached",
    [ST_UP_TO_DATE] = "up_to_date",   [ST_FAILED] = "failed",     [ST_INTERRUPTED] = "interrupted",
};

#define BAR 24          /* characters of the bar */
#define RECAP_MAX 20    /* failures listed again in the summary */

double progress_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void progress_init(batch_progress *p, size_t total, int quiet, double interval)
{
    memset(p, 0, sizeof *p);
    pthread_mutex_init(&p->lock, NULL);
    p->total = total;
    p->count[ST_NOT_STARTED] = total;
    p->quiet = quiet;
    p->interval = interval;
    p->tty = isatty(STDERR_FILENO);
    p->started = p->last = progress_now();
    p->wall_started = (int64_t)time(NULL);
}

static size_t finished(const batch_progress *p)
{
    return p->total - p->count[ST_NOT_STARTED];
}

/* "42s", "3m07s", "2h05m". */
static void span(double s, char *out, size_t size)
{
    long t = (long)(s + 0.5);
    if (t < 60)
        snprintf(out, size, "%lds", t);
    else if (t < 3600)
        snprintf(out, size, "%ldm%02lds", t / 60, t % 60);
    else
        snprintf(out, size, "%ldh%02ldm", t / 3600, t % 3600 / 60);
}

/* Delivered articles per minute and audio hours per hour of wall time. */
static void rates(const batch_progress *p, double elapsed, double *per_min, double *audio_per_h)
{
    size_t delivered = p->count[ST_RENDERED] + p->count[ST_CACHED];
    *per_min = elapsed > 0 ? (double)delivered * 60.0 / elapsed : 0;
    *audio_per_h = elapsed > 0 ? p->audio_s / elapsed : 0;
}

/* "97/200 (48%), ETA 3m17s, 3 failed, 31.5 articles/min, 5.20 audio-h/h": what
** matters most first, as a narrow terminal cuts the line's end. */
static void status_line(const batch_progress *p, char *out, size_t size)
{
    double elapsed = progress_now() - p->started, per_min, audio;
    rates(p, elapsed, &per_min, &audio);
    size_t done = finished(p), worked = done - p->count[ST_UP_TO_DATE];
    char eta[32] = "--";
    /* Items already up to date take no time: they would make the rest look quick. */
    if (worked > 0 && done < p->total)
        span(elapsed * (double)(p->total - done) / (double)worked, eta, sizeof eta);
    snprintf(out, size, "%zu/%zu (%d%%), ETA %s, %zu failed, %.1f articles/min, %.2f audio-h/h",
             done, p->total, p->total ? (int)(100 * done / p->total) : 100,
             done < p->total ? eta : "0s", p->count[ST_FAILED], per_min, audio);
}

static int columns(void)
{
    struct winsize ws;
    return ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 20 ? ws.ws_col : 80;
}

static void clear_bar(batch_progress *p)
{
    if (p->drawn)
        fputs("\r\033[K", stderr);
    p->drawn = 0;
}

static void draw(batch_progress *p)
{
    char line[256], bar[BAR + 1];
    status_line(p, line, sizeof line);
    size_t fill = p->total ? BAR * finished(p) / p->total : BAR;
    memset(bar, '#', fill);
    memset(bar + fill, '.', BAR - fill);
    bar[BAR] = '\0';
    int room = columns() - 1 - (BAR + 3); /* never wrap: \r could not take a wrapped line back */
    fprintf(stderr, "\r\033[K[%s] %.*s", bar, room > 0 ? room : 0, line);
    fflush(stderr);
    p->drawn = 1;
}

/* "news.jsonl:7: <message>", as compilers and git put it; a message that ends
** by naming the source ("... 'news.jsonl:7'") leaves that out. */
static void print_failure(const batch_item *it, const char *prefix)
{
    const char *why = it->error ? it->error : "failed";
    size_t wl = strlen(why), sl = strlen(it->source);
    if (wl > sl + 3 && why[wl - sl - 3] == ' ' && why[wl - sl - 2] == '\'' && why[wl - 1] == '\'' &&
        memcmp(why + wl - sl - 1, it->source, sl) == 0)
        wl -= sl + 3;
    fprintf(stderr, "%s%s: %.*s\n", prefix, it->source, (int)wl, why);
}

void progress_item(batch_progress *p, const batch_item *it)
{
    pthread_mutex_lock(&p->lock);
    p->count[ST_NOT_STARTED]--;
    p->count[it->status]++;
    if (it->status == ST_RENDERED || it->status == ST_CACHED)
        p->audio_s += (double)it->duration_ms / 1000.0;
    if (it->status == ST_FAILED) {
        clear_bar(p);
        print_failure(it, "narrate: error: ");
    }
    pthread_mutex_unlock(&p->lock);
}

void progress_tick(batch_progress *p)
{
    pthread_mutex_lock(&p->lock);
    double now = progress_now();
    if (!p->quiet && p->tty) {
        draw(p);
    } else if (!p->quiet && now - p->last >= p->interval) {
        char line[256];
        status_line(p, line, sizeof line);
        fprintf(stderr, "narrate: batch: %s\n", line);
        p->last = now;
    }
    pthread_mutex_unlock(&p->lock);
}

void progress_summary(batch_progress *p, const batch_item *items, size_t n, int signo)
{
    pthread_mutex_lock(&p->lock);
    clear_bar(p);
    double elapsed = progress_now() - p->started, per_min, audio;
    rates(p, elapsed, &per_min, &audio);
    char took[32], heard[32];
    span(elapsed, took, sizeof took);
    span(p->audio_s, heard, sizeof heard);
    const size_t *c = p->count;
    if (!p->quiet) {
        fprintf(stderr, "narrate: batch: %zu item%s in %s: %zu rendered, %zu from the cache, "
                "%zu up to date, %zu failed\n", p->total, p->total == 1 ? "" : "s", took,
                c[ST_RENDERED], c[ST_CACHED], c[ST_UP_TO_DATE], c[ST_FAILED]);
        fprintf(stderr, "narrate: batch: %.1f articles/min, %.2f audio-hours/hour (%s of audio)\n",
                per_min, audio, heard);
    }
    if (!p->quiet && signo)
        fprintf(stderr, "narrate: batch: stopped by %s: %zu abandoned, %zu not started; "
                "run it again to finish\n", signo == SIGINT ? "SIGINT" : "SIGTERM",
                c[ST_INTERRUPTED], c[ST_NOT_STARTED]);
    if (!p->quiet && c[ST_FAILED]) {
        fprintf(stderr, "narrate: batch: %zu failed:\n", c[ST_FAILED]);
        size_t shown = 0;
        for (size_t i = 0; i < n && shown < RECAP_MAX; i++)
            if (items[i].status == ST_FAILED && ++shown)
                print_failure(&items[i], "  ");
        if (c[ST_FAILED] > shown)
            fprintf(stderr, "  ... and %zu more (see --report)\n", c[ST_FAILED] - shown);
    }
    pthread_mutex_unlock(&p->lock);
}
