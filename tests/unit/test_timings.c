/* test_timings.c - sentence and word timings: alignment, onsets in the decoded audio, files, cache. */
#include <criterion/criterion.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "align.h"
#include "helpers.h"
#include "timeline.h"
#include "timings_file.h"

/* ------------------------------------------------------------- alignment */

/* Align spoken (space-separated words) to src; spans as "word|word|...". */
static void aligned(const char *src, const char *spoken, char *out, size_t cap)
{
    nr_text w[64];
    size_t n = 0;
    for (const char *p = spoken; *p;) {
        size_t len = strcspn(p, " ");
        w[n++] = (nr_text){ p, len };
        p += len + (p[len] == ' ');
    }
    nr_span s[64];
    cr_assert_eq(nr_align(src, strlen(src), w, n, s), 0);
    out[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        cr_assert(s[i].begin < s[i].end && s[i].end <= strlen(src), "span %zu out of bounds", i);
        if (i)
            cr_assert(s[i].begin >= s[i - 1].begin, "span %zu goes back", i);
        snprintf(out + strlen(out), cap - strlen(out), "%s%.*s", i ? "|" : "",
                 (int)(s[i].end - s[i].begin), src + s[i].begin);
    }
}

Test(align, expansions_map_to_what_they_stand_for)
{
    char got[1024];
    aligned("pledged $3.5 billion in aid.", "pledged three point five billion dollars in aid", got,
            sizeof got);
    cr_assert_str_eq(got, "pledged|$3.5|$3.5|$3.5|billion|billion|in|aid");
    aligned("after the Oct. 7 attack.", "after the October seventh attack", got, sizeof got);
    cr_assert_str_eq(got, "after|the|Oct. 7|Oct. 7|attack");
    aligned("Sen. Bernie Sanders (I-Vt.) said", "Senator Bernie Sanders (Independent of Vermont) said",
            got, sizeof got);
    cr_assert_str_eq(got, "Sen|Bernie|Sanders|I-Vt|I-Vt|I-Vt|said");
    aligned("“We want,” said Dr. Laura Whitfield.", "We want, said Doctor Laura Whitfield", got,
            sizeof got);
    cr_assert_str_eq(got, "We|want|said|Dr|Laura|Whitfield");
}

Test(align, lexicon_phonemes_take_the_word_between_anchors)
{
    char got[1024];
    aligned("Egyptian and Qatari mediators", "Egyptian and [[k@t'A@ri]] mediators", got, sizeof got);
    cr_assert_str_eq(got, "Egyptian|and|Qatari|mediators");
}

Test(align, nothing_in_common_still_stays_in_bounds)
{
    char got[1024];
    aligned("12 345", "twelve three hundred forty-five", got, sizeof got);
    cr_assert_str_eq(got, "12 345|12 345|12 345|12 345");
    aligned("—", "pause", got, sizeof got);
    cr_assert_str_eq(got, "—");
}

Test(align, a_common_word_far_ahead_is_not_an_anchor)
{
    char got[1024];
    /* "of" (from the expansion) must not jump to the "of" six words on. */
    aligned("the I-Vt. senator and head of the panel", "the Independent of Vermont senator and head of the panel",
            got, sizeof got);
    cr_assert_str_eq(got, "the|I-Vt|I-Vt|I-Vt|senator|and|head|of|the|panel");
}

/* ------------------------------------------------------ through the audio */

static narrate_article *read_sample(const char *name)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/samples/%s", NR_TEST_SRCDIR, name);
    narrate_error err;
    narrate_article *a = narrate_article_read(path, &err);
    cr_assert_not_null(a, "%s", err.message);
    return a;
}

static narrate_timings *render_timed(narrate_engine *e, const narrate_article *a, const char *path,
                                     narrate_cache *c, const char *timings_path)
{
    narrate_timings *t = narrate_timings_create();
    narrate_render_options o = NARRATE_RENDER_OPTIONS_INIT;
    o.on_timing = narrate_timings_collect;
    o.timing_userdata = t;
    o.cache = c;
    o.timings_path = timings_path;
    narrate_error err;
    cr_assert_eq(narrate_render_file(e, a, &o, path, NULL, &err), 0, "%s", err.message);
    return t;
}

/* Sound onsets after a pause (at least 150 ms under level), in ms.  In an
** MP3, the codec's pre-echo reaches -54 dBFS (the stitcher's trim level) up
** to a granule (26 ms) before the speech; -40 dBFS finds the speech. */
#define ONSET_LEVEL 328

static size_t onsets(const int16_t *pcm, size_t n, double *at, size_t max)
{
    size_t found = 0, quiet = 22050 * 150 / 1000;
    for (size_t i = 0; i < n && found < max; i++) {
        if (abs(pcm[i]) < ONSET_LEVEL) {
            quiet++;
            continue;
        }
        if (quiet >= 22050 * 150 / 1000)
            at[found++] = i * 1000.0 / 22050;
        quiet = 0;
    }
    return found;
}

/* Largest distance from a cue's start to the nearest onset in the audio. */
static double worst_cue_error(const narrate_timings *t, const int16_t *pcm, size_t n)
{
    static double at[4096];
    size_t k = onsets(pcm, n, at, 4096);
    double worst = 0;
    for (size_t i = 0; i < narrate_timings_count(t); i++) {
        double start = narrate_timings_sentence(t, i)->start_ms, best = 1e9;
        for (size_t j = 0; j < k; j++)
            best = fmin(best, fabs(at[j] - start));
        worst = fmax(worst, best);
    }
    return worst;
}

Test(timings, cues_start_at_the_sound_in_the_decoded_mp3, .timeout = 120)
{
    narrate_engine *e = test_engine(2);
    narrate_article *a = read_sample("seed.txt");
    char *dir = test_tmpdir(), *mp3 = test_path(dir, "seed.mp3");
    narrate_timings *t = render_timed(e, a, mp3, NULL, NULL);
    size_t n;
    int rate;
    char *title, *artist;
    int16_t *pcm = test_decode_mp3(mp3, &n, &rate, &title, &artist);
    free(title);
    free(artist);
    cr_assert_geq(narrate_timings_count(t), 20);
    double worst = worst_cue_error(t, pcm, n);
    cr_assert(worst <= 30, "a cue is %.1f ms from its onset", worst);
    const narrate_sentence_timing *last = narrate_timings_sentence(t, narrate_timings_count(t) - 1);
    cr_assert(fabs(last->end_ms - n * 1000.0 / rate) < 50, "last cue ends at %u of %zu samples",
              last->end_ms, n);
    free(pcm);
    narrate_timings_free(t);
    narrate_article_free(a);
    free(mp3);
    test_rmdir(dir);
    narrate_engine_destroy(e);
}

Test(timings, cues_start_at_the_sound_in_a_wav, .timeout = 60)
{
    narrate_engine *e = test_engine(2);
    narrate_article *a = read_sample("short.txt");
    char *dir = test_tmpdir(), *wav = test_path(dir, "short.wav");
    narrate_timings *t = render_timed(e, a, wav, NULL, NULL);
    size_t n;
    int rate;
    int16_t *pcm = test_read_pcm(wav, &n, &rate);
    double worst = worst_cue_error(t, pcm, n);
    cr_assert(worst <= 2, "a cue is %.1f ms from its onset", worst);
    free(pcm);
    narrate_timings_free(t);
    narrate_article_free(a);
    free(wav);
    test_rmdir(dir);
    narrate_engine_destroy(e);
}

static size_t code_points(const char *s, size_t n)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++)
        c += ((unsigned char)s[i] & 0xC0) != 0x80;
    return c;
}

/* The text a timing's offsets point at, and the timing's own text, agree. */
static void check_offsets(const narrate_article *a, const narrate_sentence_timing *s)
{
    const char *block = s->part == NARRATE_PART_BODY ? narrate_article_paragraph(a, s->paragraph)
                        : s->part == NARRATE_PART_TITLE ? narrate_article_title(a)
                                                          : NULL;
    cr_assert_eq(s->end - s->begin, s->text_len);
    if (block) {
        cr_assert(memcmp(block + s->begin, s->text, s->text_len) == 0, "sentence %zu misplaced", s->index);
        cr_assert_eq(s->char_begin, code_points(block, s->begin));
        cr_assert_eq(s->char_end, code_points(block, s->end));
    }
    for (size_t i = 0; i < s->nwords; i++) {
        const narrate_word_timing *w = &s->words[i];
        cr_assert(w->begin >= s->begin && w->end <= s->end && w->begin < w->end);
        cr_assert(w->start_ms >= s->start_ms && w->end_ms <= s->end_ms && w->start_ms < w->end_ms,
                  "word %zu of sentence %zu at %u..%u outside %u..%u", i, s->index, w->start_ms,
                  w->end_ms, s->start_ms, s->end_ms);
        if (i)
            cr_assert(w->start_ms >= s->words[i - 1].end_ms, "words overlap");
        if (block)
            cr_assert_eq(w->char_end - w->char_begin, code_points(block + w->begin, w->end - w->begin));
    }
}

Test(timings, offsets_point_into_the_article, .timeout = 60)
{
    narrate_engine *e = test_engine(2);
    narrate_article *a = read_sample("seed.txt");
    char *dir = test_tmpdir(), *mp3 = test_path(dir, "seed.mp3");
    narrate_timings *t = render_timed(e, a, mp3, NULL, NULL);
    uint32_t prev_end = 0;
    for (size_t i = 0; i < narrate_timings_count(t); i++) {
        const narrate_sentence_timing *s = narrate_timings_sentence(t, i);
        cr_assert_eq(s->index, i);
        cr_assert(s->start_ms >= prev_end && s->end_ms > s->start_ms, "cue %zu overlaps", i);
        cr_assert_gt(s->nwords, 0);
        check_offsets(a, s);
        prev_end = s->end_ms;
    }
    narrate_timings_free(t);
    narrate_article_free(a);
    free(mp3);
    test_rmdir(dir);
    narrate_engine_destroy(e);
}

Test(timings, a_cache_hit_gives_the_same_timings_without_synthesis, .timeout = 60)
{
    char *dir = test_tmpdir(), *cdir = test_path(dir, "cache"), *a1 = test_path(dir, "a.mp3"),
         *a2 = test_path(dir, "b.mp3");
    narrate_error err;
    narrate_cache *c = narrate_cache_open(cdir, &err);
    narrate_article *a = read_sample("short.txt");
    narrate_engine *e1 = test_engine(2);
    narrate_timings *t1 = render_timed(e1, a, a1, c, NULL);
    narrate_engine_destroy(e1);
    narrate_engine *e2 = test_engine(2);
    narrate_timings *t2 = render_timed(e2, a, a2, c, NULL);
    narrate_engine_stats st;
    narrate_engine_stats_get(e2, &st);
    cr_assert_eq(st.spawned, 0, "the hit started %llu workers", (unsigned long long)st.spawned);
    cr_assert_eq(narrate_timings_count(t1), narrate_timings_count(t2));
    for (size_t i = 0; i < narrate_timings_count(t1); i++) {
        const narrate_sentence_timing *x = narrate_timings_sentence(t1, i),
                                      *y = narrate_timings_sentence(t2, i);
        cr_assert(x->start_ms == y->start_ms && x->end_ms == y->end_ms && x->nwords == y->nwords);
        cr_assert(x->text_len == y->text_len && memcmp(x->text, y->text, x->text_len) == 0);
    }
    narrate_timings_free(t1);
    narrate_timings_free(t2);
    narrate_engine_destroy(e2);
    narrate_article_free(a);
    narrate_cache_close(c);
    free(a1);
    free(a2);
    free(cdir);
    test_rmdir(dir);
}

/* ------------------------------------------------------------ the files */

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    cr_assert_not_null(f, "%s", path);
    static char buf[1 << 20];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = '\0';
    fclose(f);
    return buf;
}

static unsigned parse_time(const char *s)
{
    unsigned h, m, sec, ms;
    cr_assert_eq(sscanf(s, "%u:%u:%u.%u", &h, &m, &sec, &ms), 4, "bad time '%.12s'", s);
    cr_assert(m < 60 && sec < 60 && ms < 1000);
    return ((h * 60 + m) * 60 + sec) * 1000 + ms;
}

/* WebVTT as the spec wants it: the header, then cues of an id line, a
** timing line and text lines, separated by blank lines; times monotonic and
** not overlapping; no "-->" nor raw markup in the text. */
static size_t check_vtt(char *v)
{
    cr_assert(strncmp(v, "WEBVTT\n\n", 8) == 0, "header");
    size_t cues = 0;
    unsigned prev = 0;
    for (char *cue = strtok(v + 8, "\n"); cue; cue = strtok(NULL, "\n")) {
        if (strncmp(cue, "NOTE narrate-audio ", 19) == 0 && !strtok(NULL, "\n"))
            break; /* the last line: the audio these timings belong to */
        char *timing = strtok(NULL, "\n"), *text = strtok(NULL, "\n");
        cr_assert(timing && text, "cue %s incomplete", cue);
        cr_assert_eq((size_t)atoi(cue), cues + 1);
        cr_assert(strlen(timing) == 29 && strncmp(timing + 12, " --> ", 5) == 0, "timing '%s'", timing);
        unsigned a = parse_time(timing), b = parse_time(timing + 17);
        cr_assert(a >= prev && b > a, "cue %zu at %u..%u after %u", cues + 1, a, b, prev);
        prev = b;
        cr_assert_null(strstr(text, "-->"));
        cr_assert_null(strchr(text, '<'));
        for (char *amp = strchr(text, '&'); amp; amp = strchr(amp + 1, '&'))
            cr_assert(strncmp(amp, "&amp;", 5) == 0 || strncmp(amp, "&lt;", 4) == 0 ||
                      strncmp(amp, "&gt;", 4) == 0, "raw & in '%s'", text);
        cues++;
    }
    return cues;
}

static const char hostile_article[] =
    "Title: Tom & Jerry <b>return</b>\n\n"
    "The studio said A --> B would be the plan. !!! ... ?!\n\n"
    "Fans wrote <script>alert(1)</script> & more.\n";

Test(timings, webvtt_is_valid_escaped_and_has_no_empty_cues, .timeout = 60)
{
    narrate_engine *e = test_engine(2);
    narrate_error err;
    narrate_article *a = narrate_article_parse(hostile_article, strlen(hostile_article), &err);
    char *dir = test_tmpdir(), *mp3 = test_path(dir, "h.mp3"), *vtt = test_path(dir, "h.vtt");
    narrate_timings *t = render_timed(e, a, mp3, NULL, vtt);
    size_t cues = check_vtt(slurp(vtt));
    cr_assert_eq(cues, narrate_timings_count(t));
    cr_assert_geq(cues, 3);
    cr_assert(strstr(slurp(vtt), "A --&gt; B") && strstr(slurp(vtt), "Tom &amp; Jerry &lt;b&gt;"));
    for (size_t i = 0; i < cues; i++) {
        const narrate_sentence_timing *s = narrate_timings_sentence(t, i);
        cr_assert(s->end_ms > s->start_ms);
        cr_assert(strspn(s->text, "!.? ") < s->text_len, "a cue for punctuation only: %.*s",
                  (int)s->text_len, s->text);
    }
    narrate_timings_free(t);
    narrate_article_free(a);
    free(mp3);
    free(vtt);
    test_rmdir(dir);
    narrate_engine_destroy(e);
}

Test(timings, json_holds_sentences_and_words, .timeout = 60)
{
    narrate_engine *e = test_engine(2);
    narrate_article *a = read_sample("short.txt");
    char *dir = test_tmpdir(), *mp3 = test_path(dir, "s.mp3"), *js = test_path(dir, "s.json");
    narrate_timings *t = render_timed(e, a, mp3, NULL, js);
    json_error_t je;
    json_t *j = json_load_file(js, 0, &je);
    cr_assert_not_null(j, "%s", je.text);
    json_t *ss = json_object_get(j, "sentences");
    cr_assert_eq(json_array_size(ss), narrate_timings_count(t));
    cr_assert_gt(json_integer_value(json_object_get(j, "duration_ms")), 1000);
    json_t *first = json_array_get(ss, 0), *w = json_array_get(json_object_get(first, "words"), 0);
    cr_assert_str_eq(json_string_value(json_object_get(first, "part")), "title");
    cr_assert_not_null(json_object_get(w, "start_ms"));
    cr_assert_not_null(json_string_value(json_object_get(w, "text")));
    json_decref(j);
    narrate_timings_free(t);
    narrate_article_free(a);
    free(mp3);
    free(js);
    test_rmdir(dir);
    narrate_engine_destroy(e);
}

Test(timings, a_bad_timings_path_leaves_no_audio)
{
    narrate_engine *e = test_engine(1);
    narrate_article *a = read_sample("short.txt");
    char *dir = test_tmpdir(), *mp3 = test_path(dir, "s.mp3"), *bad = test_path(dir, "none/s.vtt");
    narrate_render_options o = NARRATE_RENDER_OPTIONS_INIT;
    narrate_error err;
    o.timings_path = bad;
    cr_assert_eq(narrate_render_file(e, a, &o, mp3, NULL, &err), NARRATE_EIO);
    cr_assert(!test_exists(mp3));
    o.timings_path = mp3; /* not .vtt or .json */
    cr_assert_eq(narrate_render_file(e, a, &o, mp3, NULL, &err), NARRATE_EFORMAT);
    cr_assert(!test_exists(mp3));
    narrate_article_free(a);
    free(mp3);
    free(bad);
    test_rmdir(dir);
    narrate_engine_destroy(e);
}

/* 50,000 words of timings go through the timeline into a file with memory
** bounded by the longest sentence, not the article (marks made up here:
** the synthesis is not what is measured). */
Test(timings, a_long_article_streams_in_bounded_memory, .timeout = 60)
{
    enum { WORDS = 50000 };
    char *text = malloc(WORDS * 8 + 64), *p = text;
    p += sprintf(p, "Title: Long\n\n");
    for (int i = 0; i < WORDS; i++)
        p += sprintf(p, i % 12 == 0 ? "Word%d " : i % 12 == 11 ? "word%d.%s" : "word%d ", i % 1000,
                     i % 120 == 119 ? "\n\n" : " ");
    narrate_voice v;
    narrate_voice_defaults(&v);
    narrate_script *s = test_script(text, &v, NULL);
    char *dir = test_tmpdir(), *js = test_path(dir, "long.json");
    narrate_error err;
    nr_timings_file *f = nr_timings_file_open(js, &err);
    nr_timeline tl;
    nr_timeline_init(&tl, s);
    nr_timeline_add_sink(&tl, nr_timings_file_add, f);
    uint64_t at = 0;
    size_t most = 0, words = 0;
    for (size_t i = 0; i < narrate_script_count(s); i++) {
        const char *sp = narrate_script_sentence(s, i)->spoken;
        nr_mark_word w[64];
        uint32_t n = 0;
        for (const char *q = sp; *q && n < 64; q += strcspn(q, " "), q += *q == ' ') {
            uint32_t len = (uint32_t)strcspn(q, " ");
            w[n++] = (nr_mark_word){ (uint32_t)(q - sp), len, at, at + 5000 };
            at += 5000;
        }
        nr_mark m = { i, w[0].start, at, w, n };
        cr_assert_eq(nr_timeline_mark(&tl, &m, &err), 0, "%s", err.message);
        at += 10000;
        words += n;
        most = tl.cap > most ? tl.cap : most;
    }
    cr_assert_eq(nr_timeline_flush(&tl, &err), 0);
    cr_assert_eq(nr_timings_file_commit(f, nr_samples_ms(at), &(nr_audio_id){ .bytes = 0 }, &err), 0, "%s", err.message);
    cr_assert_geq(words, WORDS);
    cr_assert_leq(most, 64, "the timeline held %zu words at once", most);
    json_error_t je;
    json_t *j = json_load_file(js, 0, &je);
    cr_assert_not_null(j, "%s", je.text);
    cr_assert_eq(json_array_size(json_object_get(j, "sentences")), narrate_script_count(s));
    json_decref(j);
    nr_timings_file_free(f);
    nr_timeline_free(&tl);
    test_script_free(s);
    free(js);
    free(text);
    test_rmdir(dir);
}

Test(timings, render_cached_gives_timings_on_a_miss_and_a_hit, .timeout = 60)
{
    char *dir = test_tmpdir();
    narrate_error err;
    narrate_cache *c = narrate_cache_open(dir, &err);
    narrate_article *a = read_sample("short.txt");
    narrate_engine *e = test_engine(2);
    size_t counts[2];
    for (int i = 0; i < 2; i++) {
        narrate_timings *t = narrate_timings_create();
        narrate_render_options o = NARRATE_RENDER_OPTIONS_INIT;
        o.on_timing = narrate_timings_collect;
        o.timing_userdata = t;
        narrate_cache_entry ce;
        cr_assert_eq(narrate_render_cached(e, c, a, &o, &ce, &err), 0, "%s", err.message);
        counts[i] = narrate_timings_count(t);
        narrate_timings_free(t);
    }
    cr_assert_geq(counts[0], 3);
    cr_assert_eq(counts[0], counts[1]);
    narrate_engine_destroy(e);
    narrate_article_free(a);
    narrate_cache_close(c);
    test_rmdir(dir);
}
