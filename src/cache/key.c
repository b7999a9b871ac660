/* key.c - cache keys and SHA-256 (libsodium): what must change when the audio would. */
#include "key.h"

#include "chapters.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* libsodium rather than libcrypto: OpenSSL 3's provider start-up alone costs
** about a millisecond per process, which is most of a cache hit. */
struct nr_sha256 {
    crypto_hash_sha256_state state;
};

nr_sha256 *nr_sha256_new(void)
{
    if (sodium_init() < 0)
        return NULL;
    nr_sha256 *h = malloc(sizeof *h);
    if (h)
        crypto_hash_sha256_init(&h->state);
    return h;
}

void nr_sha256_update(nr_sha256 *h, const void *data, size_t len)
{
    crypto_hash_sha256_update(&h->state, data, len);
}

void nr_sha256_hex(nr_sha256 *h, char hex[NARRATE_KEY_LEN + 1])
{
    unsigned char md[crypto_hash_sha256_BYTES];
    crypto_hash_sha256_final(&h->state, md);
    free(h);
    sodium_bin2hex(hex, NARRATE_KEY_LEN + 1, md, sizeof md);
}

/* Fields are length-prefixed so that no two different inputs concatenate
** to the same bytes. */
static void put_str(nr_sha256 *h, const char *s)
{
    uint64_t n = s ? strlen(s) + 1 : 0; /* NULL and "" differ */
    nr_sha256_update(h, &n, sizeof n);
    if (s)
        nr_sha256_update(h, s, n - 1);
}

static void put_int(nr_sha256 *h, int64_t v)
{
    nr_sha256_update(h, &v, sizeof v);
}

int nr_key_compute(const narrate_script *script, const narrate_article *a, const nr_plan *p,
                   char key[NARRATE_KEY_LEN + 1])
{
    /* No key rather than a made-up one: renders that shared it would hit each other's audio. */
    nr_sha256 *h = nr_sha256_new();
    if (!h)
        return -1;
    put_str(h, "narrate-cache");
    put_int(h, NARRATE_CACHE_FORMAT);
    put_int(h, p->format);
    put_int(h, p->format == NARRATE_FORMAT_MP3 ? p->bitrate : 0);
    const narrate_voice *v = &p->voice;
    put_str(h, v->espeak_voice);
    put_str(h, v->variant);
    put_int(h, v->rate);
    put_int(h, v->pitch);
    put_int(h, v->pitch_range);
    put_int(h, (int64_t)(v->gain_db * 1000)); /* millibels: exact enough, no float bytes */
    /* Tags written into the file. */
    put_str(h, narrate_article_title(a));
    put_str(h, narrate_article_author(a));
    put_str(h, narrate_article_language(a) ? narrate_article_language(a) : v->language);
    /* Chapters: their titles (as written, not spoken) and where they start. */
    size_t nch = p->chapters ? p->chapters->count : 0;
    put_int(h, (int64_t)nch);
    for (size_t i = 0; i < nch; i++) {
        put_str(h, p->chapters->items[i].title);
        put_int(h, (int64_t)p->chapters->first[i]);
    }
    /* The script: exactly what is spoken, and the silences between. */
    size_t n = narrate_script_count(script);
    put_int(h, (int64_t)n);
    for (size_t i = 0; i < n; i++) {
        const narrate_sentence *s = narrate_script_sentence(script, i);
        put_str(h, s->spoken);
        put_int(h, s->pause_ms);
        put_int(h, s->phonemes);
    }
    nr_sha256_hex(h, key);
    return 0;
}
