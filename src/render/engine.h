/* engine.h - the engine's private layout, shared with the renderer. */
#ifndef NR_ENGINE_H
#define NR_ENGINE_H

#include "narrate.h"
#include "langvoice.h"
#include "pool.h"

struct narrate_engine {
    char *voices_dir;
    char *worker_path;
    nr_pool *pool;
    narrate_limits limits; /* resolved: no 0 left */
    nr_voice_cache *espeak_voices; /* espeak-ng's voices, asked of a worker once */
};

#endif
