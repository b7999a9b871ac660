/* key.h - cache keys: a SHA-256 over everything audible in a render. */
#ifndef NR_KEY_H
#define NR_KEY_H

#include "narrate.h"
#include "schedule.h" /* nr_plan */

/* The key of rendering script (built from article) with plan: 64 hex digits;
** 0, or -1 when there is no memory for it (key untouched). */
int nr_key_compute(const narrate_script *script, const narrate_article *article,
                    const nr_plan *plan, char key[NARRATE_KEY_LEN + 1]);

/* SHA-256 helpers on top of libsodium. */
typedef struct nr_sha256 nr_sha256;
nr_sha256 *nr_sha256_new(void);
void nr_sha256_update(nr_sha256 *h, const void *data, size_t len);
void nr_sha256_hex(nr_sha256 *h, char hex[NARRATE_KEY_LEN + 1]); /* finishes and frees h */

#endif
