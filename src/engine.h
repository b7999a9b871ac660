/* engine.h - the engine's private layout, shared with the renderer. */
#ifndef NR_ENGINE_H
#define NR_ENGINE_H

#include "narrate.h"
#include "pool.h"

struct narrate_engine {
    char *voices_dir;
    char *worker_path;
    nr_pool *pool;
    narrate_limits limits; /* resolved: no 0 left */
};

#endif
