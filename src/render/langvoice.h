/* langvoice.h - espeak-ng's own voice for a language tag, from the list a worker reports. */
#ifndef NR_LANGVOICE_H
#define NR_LANGVOICE_H

#include <stddef.h>

#include "narrate.h"

/* The (language, priority, voice) lines of an NR_MSG_VOICES answer. */
typedef struct nr_voice_list nr_voice_list;

/* Parse len bytes of "language priority identifier\n" lines; NULL when out
** of memory.  Malformed lines are skipped. */
nr_voice_list *nr_voice_list_parse(const char *data, size_t len);
void nr_voice_list_free(nr_voice_list *list);

/* Lines kept (for tests). */
size_t nr_voice_list_count(const nr_voice_list *list);

/* The identifier of espeak-ng's voice for a BCP 47 tag ("pt-BR", "zh",
** "en_GB", "deu"), or NULL when espeak-ng speaks no such language.  The
** whole tag is tried first, then without its last subtag, and so on; of the
** voices that list a language, the one espeak-ng ranks best wins ("pt" is
** European, "pt-br" Brazilian).  A few tags are known by another name:
** "zh" is Mandarin ("cmn"), "zh-HK" Cantonese, "no" Bokmål, "iw" Hebrew.
** *exact (may be NULL) is set when the whole tag matched. */
const char *nr_voice_list_pick(const nr_voice_list *list, const char *tag, int *exact);

/* The engine's copy of the list, asked of a worker on first use (then
** kept).  NARRATE_OK and *list set, or a worker's error. */
int nr_engine_espeak_voices(const narrate_engine *engine, const nr_voice_list **list,
                            narrate_error *err);

/* The engine's cache of the list; created with the engine. */
typedef struct nr_voice_cache nr_voice_cache;
nr_voice_cache *nr_voice_cache_new(void);
void nr_voice_cache_free(nr_voice_cache *cache);

#endif
