/* sndload.c - loads libsndfile and libsoxr on first use (dlopen), for the encoders of WAV, FLAC and Opus and for loudness. */
#define NR_SNDLOAD_SELF
#include "sndload.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

/* The sonames the build linked against (Debian 12: libsndfile1, libsoxr0). */
#define LIBSNDFILE "libsndfile.so.1"
#define LIBSOXR "libsoxr.so.0"

nr_snd_api nr_snd;
static char load_error[300]; /* why loading failed, "" if it did not */
static pthread_once_t snd_once = PTHREAD_ONCE_INIT;

static void *open_lib(const char *name)
{
    void *h = dlopen(name, RTLD_NOW | RTLD_LOCAL);
    if (!h && !load_error[0])
        snprintf(load_error, sizeof load_error, "%s", dlerror());
    return h;
}

static void snd_init(void)
{
    void *sf = open_lib(LIBSNDFILE), *sx = open_lib(LIBSOXR);
    nr_snd_api api;
    struct {
        void *handle, *slot;
        const char *lib, *name;
    } syms[] = {
        { sf, &api.open_fd, LIBSNDFILE, "sf_open_fd" },
        { sf, &api.close, LIBSNDFILE, "sf_close" },
        { sf, &api.strerror, LIBSNDFILE, "sf_strerror" },
        { sf, &api.error, LIBSNDFILE, "sf_error" },
        { sf, &api.write_short, LIBSNDFILE, "sf_write_short" },
        { sf, &api.readf_float, LIBSNDFILE, "sf_readf_float" },
        { sf, &api.set_string, LIBSNDFILE, "sf_set_string" },
        { sx, &api.soxr_create, LIBSOXR, "soxr_create" },
        { sx, &api.soxr_delete, LIBSOXR, "soxr_delete" },
        { sx, &api.soxr_process, LIBSOXR, "soxr_process" },
        { sx, &api.soxr_io_spec, LIBSOXR, "soxr_io_spec" },
        { sx, &api.soxr_quality_spec, LIBSOXR, "soxr_quality_spec" },
    };
    if (!sf || !sx)
        return;
    for (size_t i = 0; i < sizeof syms / sizeof syms[0]; i++) {
        void *f = dlsym(syms[i].handle, syms[i].name);
        if (!f) {
            snprintf(load_error, sizeof load_error, "%s lacks %s", syms[i].lib, syms[i].name);
            return;
        }
        memcpy(syms[i].slot, &f, sizeof f);
    }
    nr_snd = api;
}

int nr_snd_load(narrate_error *err)
{
    pthread_once(&snd_once, snd_init);
    if (load_error[0])
        return nr_fail(err, NARRATE_EENCODE, "cannot load libsndfile and libsoxr '%s'", load_error);
    return NARRATE_OK;
}
