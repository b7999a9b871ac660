/* langmemo.c - the language classifier's answers remembered in the cache directory, so a hit needs no classifier. */
#include "langid.h"

#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <exttextcat-version.h>
#include <xxhash.h>

#include "fsutil.h"
#include "outfile.h"

#ifndef NR_TEXTCAT_DIR
#define NR_TEXTCAT_DIR "/usr/share/libexttextcat"
#endif

/* Loading libexttextcat's models costs about 20 ms, two thirds of a CLI
** cache hit, while what it answers depends on nothing but the sample and the
** models.  So the raw answer is kept under the cache directory, named by
** both: lang/<2 hex>/<32 hex>.  The answer, not the language taken from it,
** so that a later narrate that reads answers differently (langid.c's table
** of speakable languages) still gets the classifier's own words.
**
** A memo is only ever a shortcut: one that is missing, unreadable or not
** an answer is classified again and rewritten, never trusted.  Hence no
** fsync: a crash can lose one, and the next read redoes it. */

/* What identifies the models: the library's version and the model list's
** size and time (libexttextcat-data is a package of its own). */
static void models_id(XXH3_state_t *st)
{
    static const char tag[] = "narrate-langid 1 " EXTTEXTCAT_VERSION;
    struct stat sb;
    int64_t id[3] = { 0, 0, 0 };
    if (stat(NR_TEXTCAT_DIR "/fpdb.conf", &sb) == 0) {
        id[0] = (int64_t)sb.st_size;
        id[1] = (int64_t)sb.st_mtim.tv_sec;
        id[2] = (int64_t)sb.st_mtim.tv_nsec;
    }
    XXH3_128bits_update(st, tag, sizeof tag);
    XXH3_128bits_update(st, id, sizeof id);
}

static char *memo_path(const char *dir, const char *text, size_t len)
{
    XXH3_state_t *st = XXH3_createState();
    if (!st || XXH3_128bits_reset(st) != XXH_OK) {
        XXH3_freeState(st);
        return NULL;
    }
    models_id(st);
    uint64_t n = len;
    XXH3_128bits_update(st, &n, sizeof n);
    XXH3_128bits_update(st, text, len);
    XXH128_hash_t d = XXH3_128bits_digest(st);
    XXH3_freeState(st);
    char hex[33], *path;
    snprintf(hex, sizeof hex, "%016llx%016llx", (unsigned long long)d.high64,
             (unsigned long long)d.low64);
    return asprintf(&path, "%s/lang/%.2s/%s", dir, hex, hex) < 0 ? NULL : path;
}

/* An answer as libexttextcat gives them: "[id]..." of ids in [A-Za-z0-9_-],
** "UNKNOWN" or "SHORT". */
static int is_answer(const char *s)
{
    if (strcmp(s, "UNKNOWN") == 0 || strcmp(s, "SHORT") == 0)
        return 1;
    size_t i = 0;
    while (s[i] == '[') {
        size_t n = strspn(s + i + 1, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-");
        if (n == 0 || s[i + 1 + n] != ']')
            return 0;
        i += n + 2;
    }
    return i > 0 && s[i] == '\0';
}

/* The remembered answer; 0, or -1 when there is none fit to use.  One used
** and older than a day is touched: cache pruning keeps the memos of the
** entries it keeps (cache_admin.c), at one write per memo and day. */
static int recall(const char *path, char answer[NR_LANGID_ANSWER_MAX])
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    ssize_t n = read(fd, answer, NR_LANGID_ANSWER_MAX);
    int ok = n >= 2 && n < NR_LANGID_ANSWER_MAX && answer[n - 1] == '\n';
    if (ok) {
        answer[n - 1] = '\0';
        ok = is_answer(answer);
    }
    struct stat st;
    if (ok && fstat(fd, &st) == 0 && st.st_mtime < time(NULL) - NR_LANGMEMO_TOUCH_S)
        (void)futimens(fd, NULL);
    close(fd);
    return ok ? 0 : -1;
}

/* Written whole or not at all (a temporary file beside it, renamed); a
** failure is only a memo that the next run makes again. */
static void remember(const char *path, const char *answer)
{
    char *shard = strdup(path), *tmp = NULL;
    char *slash = shard ? strrchr(shard, '/') : NULL;
    if (!slash || (*slash = '\0', nr_make_dirs(shard) < 0) ||
        asprintf(&tmp, "%s/" NR_TEMP_PREFIX "%ld-XXXXXX", shard, (long)getpid()) < 0) {
        free(shard);
        return;
    }
    free(shard);
    int fd = mkostemp(tmp, O_CLOEXEC);
    if (fd >= 0) {
        int ok = nr_write_all(fd, answer, strlen(answer)) == 0 && nr_write_all(fd, "\n", 1) == 0;
        ok = fchmod(fd, 0644) == 0 && ok;
        ok = close(fd) == 0 && ok;
        if (!ok || rename(tmp, path) < 0)
            unlink(tmp);
    }
    free(tmp);
}

int nr_langid_classify_memo(const char *text, size_t len, const char *cache_dir, nr_langid *out)
{
    memset(out, 0, sizeof *out);
    if (!cache_dir)
        return nr_langid_classify(text, len, out);
    if (!(len = nr_langid_sample(text, len)))
        return 0;
    char answer[NR_LANGID_ANSWER_MAX];
    char *path = memo_path(cache_dir, text, len);
    if (!path || recall(path, answer) < 0) {
        if (nr_langid_answer(text, len, answer) < 0) {
            free(path);
            return -1;
        }
        if (path)
            remember(path, answer);
    }
    free(path);
    return nr_langid_parse(answer, out);
}
