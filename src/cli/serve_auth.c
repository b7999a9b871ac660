/* serve_auth.c - `narrate serve --api-keys FILE`: keys, their names and quotas, Bearer tokens checked in constant time. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sodium.h>

#include "serve.h"

/*
** The keys file has one key a line: KEY [NAME] [renders_per_minute=N]
** [concurrent=N] [bytes_per_day=SIZE]; '#' starts a comment.  A key is 16 to
** 256 characters of [A-Za-z0-9._~+/=-] (what a Bearer token may hold).
** Only a hash of each key is kept (BLAKE2b, libsodium): a presented token is
** hashed and compared with every key's hash by sodium_memcmp, so neither the
** comparison nor the number of keys compared depends on how much of a key an
** attacker has guessed.  Keys never reach the log; their names do.
** SIGHUP reads the file again; a file that fails to read leaves the keys in use.
*/

#define KEY_MIN 16
#define KEY_MAX 256

typedef struct key_rec {
    unsigned char hash[crypto_generichash_BYTES];
    char name[64];
    serve_limits limits;
} key_rec;

struct serve_keys {
    int refs;                  /* under s->keys_lock */
    size_t n;
    key_rec k[];
};

static int token_ok(const char *t, size_t len)
{
    if (len < KEY_MIN || len > KEY_MAX)
        return 0;
    for (size_t i = 0; i < len; i++)
        if (!strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._~+/=-", t[i]))
            return 0;
    return 1;
}

static void hash_token(const char *t, size_t len, unsigned char out[crypto_generichash_BYTES])
{
    crypto_generichash(out, crypto_generichash_BYTES, (const unsigned char *)t, len, NULL, 0);
}

static int bad_line(narrate_error *err, unsigned line, const char *what)
{
    err->code = NARRATE_EINVAL;
    /* Never the line itself: it holds a key. */
    snprintf(err->message, sizeof err->message, "API keys file, line %u: %s '%s'", line, what,
             "--api-keys");
    return -1;
}

/* "name" or "field=value" into k. */
static int parse_field(key_rec *k, const char *w, int *named)
{
    const char *eq = strchr(w, '=');
    if (!eq) {
        if (*named || strlen(w) >= sizeof k->name)
            return -1;
        snprintf(k->name, sizeof k->name, "%s", w);
        *named = 1;
        return 0;
    }
    char *end;
    errno = 0;
    unsigned long long v = strtoull(eq + 1, &end, 10);
    if (end == eq + 1 || errno)
        return -1;
    if (*end == 'K' || *end == 'k')
        v <<= 10, end++;
    else if (*end == 'M')
        v <<= 20, end++;
    else if (*end == 'G')
        v <<= 30, end++;
    if (*end)
        return -1;
    size_t n = (size_t)(eq - w);
    if (n == 18 && strncmp(w, "renders_per_minute", n) == 0 && v <= 1000000)
        k->limits.renders_per_min = (unsigned)v;
    else if (n == 10 && strncmp(w, "concurrent", n) == 0 && v <= 100000)
        k->limits.concurrent = (unsigned)v;
    else if (n == 13 && strncmp(w, "bytes_per_day", n) == 0)
        k->limits.bytes_per_day = v;
    else
        return -1;
    return 0;
}

static serve_keys *read_keys(const char *path, narrate_error *err)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        err->code = NARRATE_EIO;
        snprintf(err->message, sizeof err->message, "cannot read API keys file '%s': %s", path,
                 strerror(errno));
        return NULL;
    }
    serve_keys *ks = calloc(1, sizeof *ks);
    size_t cap = 0;
    char line[1024];
    unsigned no = 0;
    int bad = !ks;
    while (!bad && fgets(line, sizeof line, f)) {
        no++;
        char *hash = strchr(line, '#');
        if (hash)
            *hash = '\0';
        char *save, *w = strtok_r(line, " \t\r\n", &save);
        if (!w)
            continue;
        if (!token_ok(w, strlen(w))) {
            bad = bad_line(err, no, "a key is 16 to 256 characters of A-Z a-z 0-9 . _ ~ + / = -");
            break;
        }
        if (ks->n == cap) {
            cap = cap ? 2 * cap : 16;
            serve_keys *p = realloc(ks, sizeof *ks + cap * sizeof *ks->k);
            if (!p) {
                bad = 1;
                break;
            }
            ks = p;
        }
        key_rec *k = memset(&ks->k[ks->n], 0, sizeof *k);
        hash_token(w, strlen(w), k->hash);
        snprintf(k->name, sizeof k->name, "key%u", no);
        int named = 0;
        while ((w = strtok_r(NULL, " \t\r\n", &save)))
            if (parse_field(k, w, &named) < 0) {
                bad = bad_line(err, no, "expected NAME, renders_per_minute=N, concurrent=N or bytes_per_day=SIZE");
                break;
            }
        ks->n++;
    }
    sodium_memzero(line, sizeof line);
    fclose(f);
    if (bad) {
        if (!ks || err->message[0] == '\0' || err->code != NARRATE_EINVAL) {
            err->code = NARRATE_ENOMEM;
            snprintf(err->message, sizeof err->message, "out of memory '%s'", "--api-keys");
        }
        free(ks);
        return NULL;
    }
    return ks;
}

static void keys_unref_locked(serve_keys *ks)
{
    if (ks && --ks->refs == 0) {
        sodium_memzero(ks->k, ks->n * sizeof *ks->k);
        free(ks);
    }
}

int serve_keys_load(nr_server *s, narrate_error *err)
{
    if (!s->keys_path)
        return 0;
    if (sodium_init() < 0) {
        err->code = NARRATE_EIO;
        snprintf(err->message, sizeof err->message, "cannot initialise libsodium '%s'", "--api-keys");
        return -1;
    }
    err->code = NARRATE_OK;
    err->message[0] = '\0';
    serve_keys *ks = read_keys(s->keys_path, err);
    if (!ks)
        return -1;
    ks->refs = 1;
    pthread_mutex_lock(&s->keys_lock);
    serve_keys *old = s->keys;
    s->keys = ks;
    keys_unref_locked(old);
    pthread_mutex_unlock(&s->keys_lock);
    return (int)ks->n;
}

void serve_keys_free(nr_server *s)
{
    pthread_mutex_lock(&s->keys_lock);
    keys_unref_locked(s->keys);
    s->keys = NULL;
    pthread_mutex_unlock(&s->keys_lock);
}

void serve_auth_check(nr_server *s, struct MHD_Connection *c, serve_request *r)
{
    if (!s->keys_path) {
        r->authorized = 1;
        return;
    }
    const char *h = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_AUTHORIZATION);
    if (!h || strncasecmp(h, "Bearer ", 7) != 0)
        return;
    const char *t = h + 7;
    while (*t == ' ')
        t++;
    size_t len = strlen(t);
    while (len && (t[len - 1] == ' ' || t[len - 1] == '\t'))
        len--;
    if (!token_ok(t, len))
        return;
    unsigned char want[crypto_generichash_BYTES];
    hash_token(t, len, want);
    pthread_mutex_lock(&s->keys_lock);
    serve_keys *ks = s->keys;
    if (ks)
        ks->refs++;
    pthread_mutex_unlock(&s->keys_lock);
    const key_rec *found = NULL;
    for (size_t i = 0; ks && i < ks->n; i++)
        if (sodium_memcmp(want, ks->k[i].hash, sizeof want) == 0 && !found)
            found = &ks->k[i];
    if (found) {
        r->authorized = 1;
        snprintf(r->key_name, sizeof r->key_name, "%s", found->name);
        r->key_limits = found->limits;
    }
    pthread_mutex_lock(&s->keys_lock);
    keys_unref_locked(ks);
    pthread_mutex_unlock(&s->keys_lock);
}
