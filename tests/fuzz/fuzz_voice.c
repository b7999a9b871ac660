/* fuzz_voice.c - libFuzzer target: voice profiles (INI through inih, then our keys and ranges). */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    narrate_voice v;
    narrate_error err;
    const char *path = fuzz_file("fuzz.ini", data, size);
    if (narrate_voice_load(path, &v, &err) < 0) {
        fuzz_check_error(&err);
        return 0;
    }
    if (narrate_voice_validate(&v, &err) < 0)
        fuzz_fail("a loaded profile does not validate", err.message);
    return 0;
}
