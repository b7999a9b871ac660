/* serve_log.c - what `narrate serve` writes to its log: one line per request (common or JSON), every string escaped. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <utf8proc.h>

#include "serve.h"

/*
** Every string that reaches the log may come from a client (URL, method,
** version) or from a file name in --articles, so none is written as is: a
** control byte, DEL, a byte that is not part of valid UTF-8, and the quote
** and backslash of the format, are written as \xHH (\" and \\ for the last
** two).  A line can then neither be split nor forged, nor a terminal be
** driven by an escape sequence.  The JSON format writes the same escapes
** inside JSON strings (so "\\x1b" in JSON, one backslash in the value).
*/

static atomic_int log_json; /* SIGHUP may change it */
static pthread_mutex_t log_lock = PTHREAD_MUTEX_INITIALIZER;

void serve_log_set_json(int json)
{
    atomic_store(&log_json, json);
}

void serve_buf_escape(serve_buf *b, const char *s, size_t len, int json)
{
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
    size_t i = 0;
    while (i < len) {
        unsigned char c = p[i];
        if (c >= 0x20 && c < 0x7f) {
            /* In JSON a backslash of the value is written \\\\ (read back: \\),
            ** so that it never reads as the start of one of our escapes. */
            if (c == '\\' && json)
                serve_buf_add(b, "\\\\\\", 3);
            else if (c == '"' || c == '\\')
                serve_buf_add(b, "\\", 1);
            serve_buf_add(b, (const char *)p + i, 1);
            i++;
            continue;
        }
        utf8proc_int32_t cp;
        utf8proc_ssize_t n = c >= 0x80 ? utf8proc_iterate(p + i, (utf8proc_ssize_t)(len - i), &cp) : -1;
        /* Valid, and no C1 control (U+0080..U+009F can drive a terminal too). */
        if (n > 0 && cp >= 0xa0 && cp != 0x2028 && cp != 0x2029) {
            serve_buf_add(b, (const char *)p + i, (size_t)n);
            i += (size_t)n;
            continue;
        }
        serve_buf_printf(b, json ? "\\\\x%02x" : "\\x%02x", c);
        i++;
    }
}

/* The same for a NUL-terminated string. */
static void esc(serve_buf *b, const char *s, int json)
{
    serve_buf_escape(b, s ? s : "", s ? strlen(s) : 0, json);
}

void serve_log_msg(const char *fmt, ...)
{
    char msg[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    serve_buf b = { 0 };
    if (atomic_load(&log_json)) {
        serve_buf_add(&b, "{\"message\":\"", 12);
        esc(&b, msg, 1);
        serve_buf_add(&b, "\"}\n", 3);
    } else {
        serve_buf_add(&b, "narrate: ", 9);
        esc(&b, msg, 0);
        serve_buf_add(&b, "\n", 1);
    }
    if (!b.failed) {
        pthread_mutex_lock(&log_lock);
        fwrite(b.data, 1, b.len, stderr);
        pthread_mutex_unlock(&log_lock);
    }
    free(b.data);
}

/*
** Common log format with four more fields:
**   CLIENT - KEYNAME [TIME] "METHOD URL VERSION" STATUS BYTES SECONDS ROUTE "ERROR"
** KEYNAME is the name of the API key given (never the key), "-" if none;
** BYTES is "-" for a stream; ERROR is "-" or the full message of an error
** reply (which the reply itself gives without file paths).
*/
void serve_access_log(const serve_request *r)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    double took = (double)(now.tv_sec - r->t0.tv_sec) + (double)(now.tv_nsec - r->t0.tv_nsec) / 1e9;
    time_t t = time(NULL);
    struct tm tm;
    char when[64];
    serve_buf b = { 0 };
    const char *route = r->route ? r->route : "none";
    const char *who = r->key_name[0] ? r->key_name : "-";
    if (atomic_load(&log_json)) {
        strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&t, &tm));
        serve_buf_printf(&b, "{\"time\":\"%s\",\"client\":\"", when);
        esc(&b, r->client, 1);
        serve_buf_add(&b, "\",\"key\":\"", 9);
        esc(&b, who, 1);
        serve_buf_add(&b, "\",\"method\":\"", 12);
        esc(&b, r->method, 1);
        serve_buf_add(&b, "\",\"url\":\"", 9);
        esc(&b, r->url, 1);
        serve_buf_add(&b, "\",\"version\":\"", 13);
        esc(&b, r->version, 1);
        serve_buf_printf(&b, "\",\"status\":%u,\"bytes\":", r->status);
        if (r->bytes >= 0)
            serve_buf_printf(&b, "%lld", (long long)r->bytes);
        else
            serve_buf_add(&b, "null", 4);
        serve_buf_printf(&b, ",\"duration_s\":%.3f,\"route\":\"%s\",\"error\":", took, route);
        if (r->error[0]) {
            serve_buf_add(&b, "\"", 1);
            esc(&b, r->error, 1);
            serve_buf_add(&b, "\"", 1);
        } else {
            serve_buf_add(&b, "null", 4);
        }
        serve_buf_add(&b, "}\n", 2);
    } else {
        strftime(when, sizeof when, "%d/%b/%Y:%H:%M:%S %z", localtime_r(&t, &tm));
        esc(&b, r->client, 0);
        serve_buf_add(&b, " - ", 3);
        esc(&b, who, 0);
        serve_buf_printf(&b, " [%s] \"", when);
        esc(&b, r->method, 0);
        serve_buf_add(&b, " ", 1);
        esc(&b, r->url, 0);
        serve_buf_add(&b, " ", 1);
        esc(&b, r->version, 0);
        serve_buf_printf(&b, "\" %u ", r->status);
        if (r->bytes >= 0)
            serve_buf_printf(&b, "%lld", (long long)r->bytes);
        else
            serve_buf_add(&b, "-", 1);
        serve_buf_printf(&b, " %.3f %s \"", took, route);
        esc(&b, r->error[0] ? r->error : "-", 0);
        serve_buf_add(&b, "\"\n", 2);
    }
    if (!b.failed) {
        pthread_mutex_lock(&log_lock);
        fwrite(b.data, 1, b.len, stderr);
        pthread_mutex_unlock(&log_lock);
    }
    free(b.data);
}

/*
** An error message for a reply: the library's messages end in the subject in
** quotes ("cannot use cache directory '/srv/c/d8': Read-only file system"),
** and a subject may be a file: any quoted part holding a '/' is left out, and
** so is any word that starts with '/'.  The full message goes to the log.
*/
void serve_redact(char *out, size_t cap, const char *msg)
{
    size_t o = 0;
    for (const char *p = msg; *p && o + 1 < cap;) {
        if (*p == '\'') {
            const char *end = strchr(p + 1, '\'');
            if (end && memchr(p + 1, '/', (size_t)(end - p - 1))) {
                while (o > 0 && out[o - 1] == ' ')
                    o--;
                p = end + 1;
                continue;
            }
        }
        if (*p == '/' && (p == msg || p[-1] == ' ' || p[-1] == '(' || p[-1] == '"')) {
            while (*p && *p != ' ' && *p != '\'' && *p != ')' && *p != '"')
                p++;
            const char *mark = "[path]";
            for (size_t i = 0; mark[i] && o + 1 < cap; i++)
                out[o++] = mark[i];
            continue;
        }
        out[o++] = *p++;
    }
    out[o] = '\0';
}
