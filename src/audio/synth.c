/* synth.c - the only file that talks to libespeak-ng: voice settings and synthesis. */
#include "synth.h"

#include <espeak-ng/speak_lib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static struct {
    nr_pcm_fn fn;
    nr_word_fn word;
    void *userdata;
    int stopped;
    nr_synth_req current; /* settings in force, to skip redundant voice loads */
    int have_current;
} synth;

/* Word events carry a 1-based character position; zero-length ones mark
** nothing a listener hears. */
static void on_events(const espeak_EVENT *ev)
{
    for (; ev && ev->type != espeakEVENT_LIST_TERMINATED; ev++)
        if (ev->type == espeakEVENT_WORD && ev->length > 0 && ev->text_position > 0 && ev->sample >= 0)
            synth.word((uint32_t)ev->text_position - 1, (uint32_t)ev->length, (uint64_t)ev->sample,
                       synth.userdata);
}

static int on_samples(short *wav, int numsamples, espeak_EVENT *events)
{
    if (synth.word && !synth.stopped)
        on_events(events);
    if (synth.stopped)
        return 1;
    if (wav && numsamples > 0 && synth.fn((const int16_t *)wav, (size_t)numsamples, synth.userdata))
        synth.stopped = 1;
    return synth.stopped;
}

/* SSML <audio> would make espeak-ng open files and run sox: always refuse. */
static int refuse_uri(int type, const char *uri, const char *base)
{
    (void)type;
    (void)uri;
    (void)base;
    return 1;
}

int nr_synth_init(char *msg, size_t msglen)
{
    int rate = espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 0, NULL, espeakINITIALIZE_DONT_EXIT);
    if (rate <= 0) {
        snprintf(msg, msglen, "cannot initialize espeak-ng '%s'", "espeak-ng-data");
        return -1;
    }
    espeak_SetSynthCallback(on_samples);
    espeak_SetUriCallback(refuse_uri);
    return rate;
}

/* Voice settings differ from the current ones (the phoneme flag is per text). */
static int same_voice(const nr_synth_req *a, const nr_synth_req *b)
{
    return strcmp(a->voice, b->voice) == 0 && a->rate == b->rate && a->pitch == b->pitch &&
           a->pitch_range == b->pitch_range;
}

/* espeak-ng silently ignores an unknown variant: look for its file. */
static int variant_exists(const char *variant)
{
    const char *data = NULL;
    espeak_Info(&data);
    char path[512];
    snprintf(path, sizeof path, "%s/voices/!v/%s", data ? data : "", variant);
    return access(path, R_OK) == 0;
}

/* Select "name[+variant]" where name is an espeak-ng voice name or, failing
** that, a language tag such as "en-gb" (as the espeak-ng program accepts). */
static int select_voice(const char *voice)
{
    char language[96];
    snprintf(language, sizeof language, "%s", voice);
    char *plus = strchr(language, '+');
    if (plus)
        *plus++ = '\0';
    if (plus && !variant_exists(plus))
        return -1;
    if (espeak_SetVoiceByName(voice) == EE_OK)
        return 0;
    espeak_VOICE wanted = { .languages = language };
    if (espeak_SetVoiceByProperties(&wanted) != EE_OK)
        return -1;
    espeak_VOICE *chosen = espeak_GetCurrentVoice();
    if (!plus || !chosen || !chosen->identifier)
        return 0;
    char full[200];
    snprintf(full, sizeof full, "%s+%s", chosen->identifier, plus);
    return espeak_SetVoiceByName(full) == EE_OK ? 0 : -1;
}

static int set_voice(const nr_synth_req *req, char *msg, size_t msglen)
{
    if (synth.have_current && same_voice(&synth.current, req))
        return 0;
    synth.have_current = 0;
    if (select_voice(req->voice) < 0) {
        snprintf(msg, msglen, "unknown espeak-ng voice or variant '%s'", req->voice);
        return -1;
    }
    if (espeak_SetParameter(espeakRATE, req->rate, 0) != EE_OK ||
        espeak_SetParameter(espeakPITCH, req->pitch, 0) != EE_OK ||
        espeak_SetParameter(espeakRANGE, req->pitch_range, 0) != EE_OK) {
        snprintf(msg, msglen, "espeak-ng refused the settings of voice '%s'", req->voice);
        return -1;
    }
    synth.current = *req;
    synth.have_current = 1;
    return 0;
}

int nr_synth_speak(const nr_synth_req *req, const char *text, nr_pcm_fn fn, nr_word_fn word,
                   void *userdata, char *msg, size_t msglen)
{
    if (set_voice(req, msg, msglen) < 0)
        return -1;
    synth.fn = fn;
    synth.word = word;
    synth.userdata = userdata;
    synth.stopped = 0;
    unsigned flags = espeakCHARS_UTF8 | (req->phonemes ? espeakPHONEMES : 0);
    espeak_ERROR rc = espeak_Synth(text, strlen(text) + 1, 0, POS_CHARACTER, 0, flags, NULL, NULL);
    if (rc != EE_OK) {
        snprintf(msg, msglen, "espeak-ng failed with code %d", (int)rc);
        return -1;
    }
    if (synth.stopped) {
        snprintf(msg, msglen, "synthesis worker cannot deliver audio");
        return -1;
    }
    return 0;
}

/* espeak_ListVoices' languages field: a priority byte then a NUL-terminated
** name, repeated, ended by a zero priority byte. */
char *nr_synth_voices(size_t *len)
{
    const espeak_VOICE **list = espeak_ListVoices(NULL);
    size_t cap = 1;
    for (size_t i = 0; list && list[i]; i++)
        for (const char *l = list[i]->languages; l && *l; l += strlen(l + 1) + 2)
            cap += strlen(l + 1) + strlen(list[i]->identifier ? list[i]->identifier : "") + 8;
    char *out = malloc(cap), *o = out;
    for (size_t i = 0; out && list && list[i]; i++) {
        const char *id = list[i]->identifier;
        for (const char *l = list[i]->languages; id && l && *l; l += strlen(l + 1) + 2)
            o += sprintf(o, "%s %d %s\n", l + 1, (unsigned char)*l, id);
    }
    if (out)
        *o = '\0';
    *len = out ? (size_t)(o - out) : 0;
    return out;
}

char *nr_synth_phonemes(const char *voice, const char *text)
{
    if (select_voice(voice) < 0)
        return NULL;
    synth.have_current = 0;
    size_t cap = 2 * strlen(text) + 64, len = 0;
    char *out = malloc(cap);
    const void *at = text;
    while (out && at) {
        const char *ph = espeak_TextToPhonemes(&at, espeakCHARS_UTF8, 0);
        size_t n = ph ? strlen(ph) : 0;
        if (len + n + 4 > cap) {
            char *grown = realloc(out, cap = 2 * (len + n + 4));
            if (!grown) {
                free(out);
                return NULL;
            }
            out = grown;
        }
        if (len)
            out[len++] = '\n';
        memcpy(out + len, ph ? ph : "", n);
        len += n;
    }
    if (out)
        out[len] = '\0';
    return out;
}
