/* xmlload.c - libxml2 loaded on first use (dlopen), not linked; its functions looked up by name. */
#include "xmlload.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

/*
** libxml2 brings ICU, whose start-up alone would cost every narrate process
** about 2 ms (most of a cache hit), while only HTML articles and podcast
** feeds need it: it is opened once, on first use, and never closed.
*/

#define LIBXML2 "libxml2.so.2"

static pthread_once_t once = PTHREAD_ONCE_INIT;
static void *handle;
static char open_error[200];

static void open_libxml2(void)
{
    handle = dlopen(LIBXML2, RTLD_NOW | RTLD_LOCAL);
    if (!handle) {
        const char *e = dlerror();
        snprintf(open_error, sizeof open_error, "%s", e ? e : LIBXML2 " not found");
        return;
    }
    void (*init)(void);
    void *f = dlsym(handle, "xmlInitParser");
    if (!f) {
        snprintf(open_error, sizeof open_error, "%s lacks xmlInitParser", LIBXML2);
        handle = NULL;
        return;
    }
    memcpy(&init, &f, sizeof f);
    init();
}

const char *nr_xml_load(const nr_xml_sym *syms, size_t n)
{
    static _Thread_local char missing[200];
    pthread_once(&once, open_libxml2);
    if (!handle)
        return open_error;
    for (size_t i = 0; i < n; i++) {
        void *f = dlsym(handle, syms[i].name);
        if (!f) {
            snprintf(missing, sizeof missing, "%s lacks %s", LIBXML2, syms[i].name);
            return missing;
        }
        memcpy(syms[i].slot, &f, sizeof f);
    }
    return NULL;
}
