/* serve_cors.c - `narrate serve --cors-origin`: which other sites' pages may read audio, timings and the API. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "serve.h"

/*
** A newsroom's pages live on another origin than the server, so a browser
** lets their scripts read our replies only if we say so.  Only listed
** origins are told (the reply echoes the request's Origin, with Vary:
** Origin so that a CDN keeps one copy per origin); any other origin gets no
** Access-Control-* header at all and the browser keeps the reply from it.
** "*" opens only what is public and immutable: cached audio and timings by
** key (/cache/).  Renders by id and the API stay with the listed origins,
** since "*" there would let any page on the web start renders in visitors'
** browsers.  No credentials (cookies) are ever allowed: the API takes a
** Bearer key, which a page sends as a header, not as a credential.
*/

#define CORS_MAX 64

static char *origins[CORS_MAX];
static int norigins;
static int any_for_cache;      /* "*" was given */

/* Headers the player reads from audio and timings, and the API's Location. */
#define CORS_EXPOSE "Content-Length, Content-Range, Accept-Ranges, ETag, Location, Retry-After, " \
                    SERVE_DURATION_HEADER ", " SERVE_DURATION_ESTIMATE_HEADER
#define CORS_METHODS "GET, HEAD, POST, PUT, DELETE, OPTIONS"
#define CORS_HEADERS "Authorization, Content-Type, Range, If-None-Match, If-Range"
#define CORS_MAX_AGE "600"

/* "*" or scheme://host[:port], as a browser sends it in Origin: no path, no slash at the end. */
int serve_cors_valid(const char *origin)
{
    if (strcmp(origin, "*") == 0)
        return 1;
    const char *p = strstr(origin, "://");
    if (!p || p == origin || (strncasecmp(origin, "http", 4) != 0))
        return 0;
    for (const char *q = origin; q < p; q++)
        if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+.-", *q))
            return 0;
    p += 3;
    if (!*p)
        return 0;
    for (; *p; p++)
        if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-:[]", *p))
            return 0;
    return 1;
}

int serve_cors_add(const char *origin)
{
    if (!serve_cors_valid(origin) || norigins == CORS_MAX)
        return -1;
    if (strcmp(origin, "*") == 0) {
        any_for_cache = 1;
        return 0;
    }
    for (int i = 0; i < norigins; i++)
        if (strcasecmp(origins[i], origin) == 0)
            return 0;
    if (!(origins[norigins] = strdup(origin)))
        return -1;
    norigins++;
    return 0;
}

void serve_cors_free(void)
{
    for (int i = 0; i < norigins; i++)
        free(origins[i]);
    norigins = 0;
    any_for_cache = 0;
}

int serve_cors_enabled(void)
{
    return norigins > 0 || any_for_cache;
}

/* Replies that page scripts may read: audio, timings, the API (not pages, metrics, health). */
static int eligible(const serve_request *r)
{
    return r->route && (strcmp(r->route, "audio") == 0 || strcmp(r->route, "cache") == 0 ||
                        strcmp(r->route, "api") == 0);
}

/* The Access-Control-Allow-Origin value for r, or NULL for none. */
static const char *allowed(struct MHD_Connection *c, const serve_request *r)
{
    if (!eligible(r))
        return NULL;
    const char *origin = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Origin");
    if (!origin)
        return NULL;
    for (int i = 0; i < norigins; i++)
        if (strcasecmp(origins[i], origin) == 0)
            return origin;
    if (any_for_cache && strcmp(r->route, "cache") == 0)
        return "*";
    return NULL;
}

void serve_cors_apply(struct MHD_Connection *c, const serve_request *r, struct MHD_Response *resp)
{
    if (!serve_cors_enabled() || !eligible(r))
        return;
    /* Even a refused origin's reply differs from an allowed one's: caches must key on it. */
    MHD_add_response_header(resp, MHD_HTTP_HEADER_VARY, "Origin");
    const char *value = allowed(c, r);
    if (!value)
        return;
    MHD_add_response_header(resp, MHD_HTTP_HEADER_ACCESS_CONTROL_ALLOW_ORIGIN, value);
    MHD_add_response_header(resp, MHD_HTTP_HEADER_ACCESS_CONTROL_EXPOSE_HEADERS, CORS_EXPOSE);
}

/* The metrics label of a URL, for a preflight, which is answered before any route. */
static const char *label_of(const char *url)
{
    if (strncmp(url, "/api/v1/", 8) == 0)
        return "api";
    if (strncmp(url, "/audio/", 7) == 0)
        return "audio";
    if (strncmp(url, "/cache/", 7) == 0)
        return "cache";
    return "other";
}

/* OPTIONS: 204 always (no render, no key needed: a preflight never carries
** one); the Access-Control-Allow-* headers only for an allowed origin. */
enum MHD_Result serve_cors_preflight(struct MHD_Connection *c, serve_request *r)
{
    r->route = label_of(r->url);
    struct MHD_Response *resp = MHD_create_response_from_buffer(0, NULL, MHD_RESPMEM_PERSISTENT);
    if (!resp)
        return MHD_NO;
    r->bytes = 0;
    MHD_add_response_header(resp, MHD_HTTP_HEADER_ALLOW, CORS_METHODS);
    const char *value = serve_cors_enabled() ? allowed(c, r) : NULL;
    if (value) {
        /* "*" (cached audio by key) is read-only. */
        int any = strcmp(value, "*") == 0;
        MHD_add_response_header(resp, MHD_HTTP_HEADER_ACCESS_CONTROL_ALLOW_METHODS,
                                any ? "GET, HEAD, OPTIONS" : CORS_METHODS);
        MHD_add_response_header(resp, MHD_HTTP_HEADER_ACCESS_CONTROL_ALLOW_HEADERS,
                                any ? "Range, If-None-Match, If-Range" : CORS_HEADERS);
        MHD_add_response_header(resp, MHD_HTTP_HEADER_ACCESS_CONTROL_MAX_AGE, CORS_MAX_AGE);
    }
    /* Allow-Origin and Vary: serve_reply_response, as for every reply. */
    return serve_reply_response(c, r, MHD_HTTP_NO_CONTENT, resp);
}
