/* langid.c - the language an article is written in, told from its text (libexttextcat, loaded on first use). */
#include "langid.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <textcat.h>
#include <unistd.h>

#include "text.h"

#ifndef NR_TEXTCAT_DIR
#define NR_TEXTCAT_DIR "/usr/share/libexttextcat"
#endif

/* The soname the build linked against (Debian 12: libexttextcat-2.0-0). */
#define LIBTEXTCAT "libexttextcat-2.0.so.0"

/* n-gram profiles need a few hundred bytes; more only costs time. */
#define SAMPLE_MAX 4096

/* One classifier for the process: loading its 160 models takes a while,
** and textcat_Classify writes its answer into the handle, hence the lock.
** The library is opened here rather than linked: a process that never
** classifies (a cache hit whose verdict is remembered, langmemo.c) maps
** none of it. */
static pthread_once_t once = PTHREAD_ONCE_INIT;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static void *handle;
static const char *(*classify)(void *, const char *, size_t);

static void load(void)
{
    void *lib = dlopen(LIBTEXTCAT, RTLD_NOW | RTLD_LOCAL);
    void *init = lib ? dlsym(lib, "special_textcat_Init") : NULL;
    void *cls = lib ? dlsym(lib, "textcat_Classify") : NULL;
    if (!init || !cls)
        return;
    /* Typed by the header's prototypes, which dlsym cannot check. */
    __typeof__(&special_textcat_Init) init_fn;
    memcpy(&init_fn, &init, sizeof init);
    memcpy(&classify, &cls, sizeof cls);
    handle = init_fn(NR_TEXTCAT_DIR "/fpdb.conf", NR_TEXTCAT_DIR "/");
}

/* Languages the models tell apart that are one as far as a voice goes. */
static const char *const groups[][4] = {
    { "sr", "hr", "bs", "sh" }, { "nb", "nn", "no", NULL }, { "zh", "cmn", NULL, NULL },
    { "ms", "id", NULL, NULL },
};

static int group_of(const char *lang)
{
    for (size_t g = 0; g < sizeof groups / sizeof groups[0]; g++)
        for (size_t i = 0; i < 4 && groups[g][i]; i++)
            if (strcasecmp(lang, groups[g][i]) == 0)
                return (int)g;
    return -1;
}

int nr_langid_same(const char *a, const char *b)
{
    size_t na = strcspn(a, "-_"), nb = strcspn(b, "-_");
    if (na == nb && strncasecmp(a, b, na) == 0)
        return 1;
    char pa[16], pb[16];
    snprintf(pa, sizeof pa, "%.*s", (int)na, a);
    snprintf(pb, sizeof pb, "%.*s", (int)nb, b);
    int g = group_of(pa);
    return g >= 0 && g == group_of(pb);
}

/* The models' languages that espeak-ng (1.51) also speaks: a text the models
** take for another (Scots, Low German, Frisian...), which no voice could
** read, is not told from its text at all.  Sorted. */
static const char *const speakable[] = {
    "af", "am", "ar", "az", "be", "bg", "bn", "bs", "ca", "cs", "cy", "da", "de", "el", "en",
    "eo", "es", "et", "eu", "fa", "fi", "fr", "ga", "gd", "gu", "he", "hi", "hr", "hu", "hy",
    "ia", "id", "is", "it", "ja", "ka", "kk", "kl", "kn", "ko", "ky", "la", "lb", "lt", "lv",
    "mi", "mk", "ml", "mr", "ms", "mt", "my", "nb", "ne", "nl", "om", "pa", "pl", "pt", "ro",
    "ru", "sd", "si", "sk", "sl", "sq", "sr", "sv", "sw", "ta", "te", "th", "tk", "tn", "tr",
    "tt", "ug", "uk", "ur", "uz", "vi", "zh",
};

static int is_speakable(const char *lang, size_t n)
{
    for (size_t i = 0; i < sizeof speakable / sizeof speakable[0]; i++)
        if (strlen(speakable[i]) == n && strncmp(speakable[i], lang, n) == 0)
            return 1;
    return 0;
}

/* The answer is "[es--utf8][pt--utf8]...": best first, each id a language,
** a country and an encoding.  The best speakable one is kept. */
int nr_langid_parse(const char *answer, nr_langid *out)
{
    memset(out, 0, sizeof *out);
    if (answer[0] != '[')
        return 0;
    for (const char *p = answer; (p = strchr(p, '[')); p++) {
        size_t n = strcspn(p + 1, "-]");
        out->candidates++;
        if (!out->language[0] && n > 0 && n < sizeof out->language && is_speakable(p + 1, n)) {
            memcpy(out->language, p + 1, n);
            out->language[n] = '\0';
        }
    }
    return out->language[0] != '\0';
}

size_t nr_langid_sample(const char *text, size_t len)
{
    if (len < NR_LANGID_MIN_BYTES)
        return 0;
    if (len > SAMPLE_MAX)
        len = nr_utf8_floor(text, SAMPLE_MAX);
    int words = 0;
    for (size_t i = 1; i < len; i++)
        words += (text[i] == ' ' || text[i] == '\n') && text[i - 1] != ' ' && text[i - 1] != '\n';
    return words < NR_LANGID_MIN_WORDS ? 0 : len;
}

int nr_langid_answer(const char *text, size_t len, char answer[NR_LANGID_ANSWER_MAX])
{
    pthread_once(&once, load);
    if (!handle)
        return -1;
    char sample[SAMPLE_MAX + 1]; /* textcat reads up to a NUL, whatever the size says */
    len = len < SAMPLE_MAX ? len : SAMPLE_MAX;
    memcpy(sample, text, len);
    sample[len] = '\0';
    pthread_mutex_lock(&lock);
    const char *got = classify(handle, sample, len);
    snprintf(answer, NR_LANGID_ANSWER_MAX, "%s", got ? got : TEXTCAT_RESULT_UNKNOWN_STR);
    pthread_mutex_unlock(&lock);
    return 0;
}

int nr_langid_classify(const char *text, size_t len, nr_langid *out)
{
    char answer[NR_LANGID_ANSWER_MAX];
    memset(out, 0, sizeof *out);
    if (!(len = nr_langid_sample(text, len)))
        return 0;
    if (nr_langid_answer(text, len, answer) < 0)
        return -1;
    return nr_langid_parse(answer, out);
}

int nr_langid_known(const char *lang)
{
    char path[sizeof NR_TEXTCAT_DIR + 32];
    size_t n = strcspn(lang, "-_");
    if (n == 0 || n > 8)
        return 0;
    if (nr_langid_same(lang, "zh"))
        return 1;
    snprintf(path, sizeof path, "%s/%.*s.lm", NR_TEXTCAT_DIR, (int)n, lang);
    return access(path, R_OK) == 0;
}
