/* test_render.c - end to end through workers: pauses, formats, tags, crashes, threads. */
#include <criterion/criterion.h>
#include <locale.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "helpers.h"
#include "proto.h"

static narrate_article *article(const char *text)
{
    narrate_error err;
    narrate_article *a = narrate_article_parse(text, strlen(text), &err);
    cr_assert_not_null(a, "%s", err.message);
    return a;
}

static narrate_render_info render(narrate_engine *e, const char *text, const char *path)
{
    narrate_article *a = article(text);
    narrate_render_info info;
    narrate_error err;
    int rc = narrate_render_file(e, a, NULL, path, &info, &err);
    cr_assert_eq(rc, 0, "%s", err.message);
    narrate_article_free(a);
    return info;
}

/* Sentences without commas, so the only long silences are the designed ones. */
static const char pause_article[] =
    "Title: Pause test\n\n"
    "The council met on Monday. The vote passed easily.\n\n"
    "Work starts next spring. Residents seem pleased.\n";

Test(render, pauses_match_the_profile, .timeout = 60)
{
    narrate_engine *e = test_engine(1);
    char *dir = test_tmpdir(), *wav = test_path(dir, "pauses.wav");
    render(e, pause_article, wav);
    size_t n, start[16], len[16];
    int rate;
    int16_t *pcm = test_read_pcm(wav, &n, &rate);
    cr_assert_eq(rate, 22050);
    narrate_voice v;
    narrate_voice_find(e, "default", &v, NULL);
    int expect[] = { v.title_pause_ms, v.sentence_pause_ms, v.paragraph_pause_ms,
                     v.sentence_pause_ms };
    size_t found = test_silences(pcm, n, 64, 250, start, len, 16);
    cr_assert_eq(found, 4, "found %zu long silences", found);
    for (size_t i = 0; i < 4; i++) {
        double ms = len[i] * 1000.0 / rate;
        cr_assert(fabs(ms - expect[i]) <= 20, "pause %zu: %.1f ms, designed %d", i, ms, expect[i]);
    }
    cr_assert(abs(pcm[0]) >= 64 && abs(pcm[n - 1]) >= 64, "leading/trailing silence kept");
    free(pcm);
    free(wav);
    test_rmdir(dir);
    narrate_engine_destroy(e);
}

Test(render, mp3_tags_and_duration, .timeout = 60)
{
    narrate_engine *e = test_engine(1);
    char *dir = test_tmpdir(), *mp3 = test_path(dir, "t.mp3"), *wav = test_path(dir, "t.wav");
    const char *text = "Title: Café talks — “phase two”\nAuthor: Zoë Brontë\n\n"
                       "Talks resumed in Doha today. A deal may follow.\n";
    narrate_render_info im = render(e, text, mp3), iw = render(e, text, wav);
    size_t n, nw;
    int rate, wrate;
    char *title, *artist;
    int16_t *pcm = test_decode_mp3(mp3, &n, &rate, &title, &artist);
    int16_t *wpcm = test_read_pcm(wav, &nw, &wrate);
    cr_assert_eq(rate, 22050);
    cr_assert_str_eq(title, "Café talks — “phase two”");
    cr_assert_str_eq(artist, "Zoë Brontë");
    /* espeak-ng varies slightly between runs: compare durations, not samples. */
    cr_assert(fabs((double)n - (double)nw) <= 0.01 * nw, "mp3 %zu vs wav %zu samples", n, nw);
    cr_assert(fabs(im.duration_s - iw.duration_s) <= 0.01 * iw.duration_s);
    struct stat st;
    stat(mp3, &st);
    cr_assert_eq((uint64_t)st.st_size, im.bytes);
    cr_assert_eq(im.sentences, 4);
    free(pcm);
    free(wpcm);
    free(title);
    free(artist);
    free(mp3);
    free(wav);
    test_rmdir(dir);
    narrate_engine_destroy(e);
}

Test(render, flac_and_opus, .timeout = 60)
{
    narrate_engine *e = test_engine(1);
    char *dir = test_tmpdir(), *flac = test_path(dir, "t.flac"), *opus = test_path(dir, "t.opus");
    narrate_render_info fi = render(e, pause_article, flac);
    narrate_render_info oi = render(e, pause_article, opus);
    size_t n;
    int rate;
    int16_t *pcm = test_read_pcm(flac, &n, &rate);
    cr_assert_eq(rate, 22050);
    cr_assert_eq(n, fi.samples);
    free(pcm);
    pcm = test_read_pcm(opus, &n, &rate);
    cr_assert_eq(rate, 48000);
    cr_assert(fabs(n / 48000.0 - oi.duration_s) < 0.05 * oi.duration_s, "opus %zu samples", n);
    free(pcm);
    free(flac);
    free(opus);
    test_rmdir(dir);
    narrate_engine_destroy(e);
}

Test(render, crash_is_contained_and_worker_replaced, .timeout = 60)
{
    narrate_engine *e = test_engine(1);
    char *dir = test_tmpdir(), *out = test_path(dir, "crash.mp3");
    narrate_lexicon *crash = test_crash_lexicon();
    narrate_render_options ro = NARRATE_RENDER_OPTIONS_INIT;
    ro.lexicon = crash;
    narrate_article *a = article("Title: Hostile\n\n" TEST_CRASH_WORD "\n");
    narrate_error err;
    const char *before = setlocale(LC_CTYPE, NULL);
    char *locale = strdup(before);
    cr_assert_eq(narrate_render_file(e, a, &ro, out, NULL, &err), NARRATE_EWORKER);
    cr_assert(strstr(err.message, "signal"), "%s", err.message);
    cr_assert(!test_exists(out), "a failed render left a file");
    narrate_engine_stats st;
    narrate_engine_stats_get(e, &st);
    cr_assert_eq(st.crashed, 1);
    cr_assert_eq(st.busy, 0);
    render(e, pause_article, out); /* a fresh worker takes over */
    narrate_engine_stats_get(e, &st);
    cr_assert_eq(st.spawned, 2);
    cr_assert_str_eq(setlocale(LC_CTYPE, NULL), locale, "the caller's locale changed");
    free(locale);
    narrate_lexicon_free(crash);
    free(out);
    test_rmdir(dir);
    narrate_article_free(a);
    narrate_engine_destroy(e);
}

/* A shell "worker" that says HELLO, then announces a message over the
** protocol's limit and stays alive: the render fails at once, it does not
** wait for the worker to die (found by make fault-test, malloc:205: the
** library waited in waitpid for a worker that had no reason to exit). */
Test(render, oversized_message_fails_without_waiting, .timeout = 20)
{
    char *dir = test_tmpdir(), *worker = test_path(dir, "worker.sh");
    uint32_t msgs[] = { NR_MSG_HELLO, sizeof(nr_hello), NR_PROTO_MAGIC, NR_PROTO_VERSION, 22050,
                        NR_MSG_DATA, NR_PROTO_MAX + 1 };
    FILE *f = fopen(worker, "w");
    fputs("#!/bin/sh\nprintf '", f);
    for (size_t i = 0; i < sizeof msgs; i++)
        fprintf(f, "\\%03o", ((unsigned char *)msgs)[i]);
    fputs("' >&3\nexec sleep 60\n", f);
    fclose(f);
    chmod(worker, 0755);
    narrate_engine_options o = { .worker_path = worker, .voices_dir = NR_TEST_SRCDIR "/voices",
                                 .max_workers = 1 };
    narrate_error err;
    narrate_engine *e = narrate_engine_create(&o, &err);
    narrate_article *a = article("Title: T\n\nSome text.");
    char *out = test_path(dir, "x.mp3");
    time_t t0 = time(NULL);
    cr_assert_eq(narrate_render_file(e, a, NULL, out, NULL, &err), NARRATE_EWORKER);
    cr_assert(strstr(err.message, "oversized"), "%s", err.message);
    cr_assert_lt(time(NULL) - t0, 10);
    cr_assert(!test_exists(out));
    narrate_engine_stats st;
    narrate_engine_stats_get(e, &st);
    cr_assert_eq(st.workers, 0, "the worker was not killed");
    narrate_article_free(a);
    narrate_engine_destroy(e);
    free(out);
    free(worker);
    test_rmdir(dir);
}

Test(render, failures_leave_no_file, .timeout = 60)
{
    narrate_engine *e = test_engine(1);
    char *dir = test_tmpdir(), *out = test_path(dir, "keep.mp3");
    FILE *f = fopen(out, "w");
    fputs("previous", f);
    fclose(f);
    narrate_article *a = article("Title: T\n\nSome text.");
    narrate_error err;
    narrate_render_options bad = NARRATE_RENDER_OPTIONS_INIT;
    bad.bitrate_kbps = 70;
    cr_assert_eq(narrate_render_file(e, a, &bad, out, NULL, &err), NARRATE_EINVAL);
    cr_assert(strstr(err.message, "'70'"), "%s", err.message);
    char *txt = test_path(dir, "x.txt");
    cr_assert_eq(narrate_render_file(e, a, NULL, txt, NULL, &err), NARRATE_EFORMAT);
    cr_assert(!test_exists(txt));
    char *nodir = test_path(dir, "missing/x.mp3");
    cr_assert_eq(narrate_render_file(e, a, NULL, nodir, NULL, &err), NARRATE_EIO);
    cr_assert(strstr(err.message, nodir), "%s", err.message);
    /* A broken worker path fails the render, keeps the old file intact. */
    narrate_engine_options o = { "/nonexistent/narrate-worker", NR_TEST_SRCDIR "/voices", 1, { 0 } };
    narrate_engine *broken = narrate_engine_create(&o, &err);
    cr_assert_eq(narrate_render_file(broken, a, NULL, out, NULL, &err), NARRATE_EWORKER);
    cr_assert(strstr(err.message, "/nonexistent/narrate-worker"), "%s", err.message);
    f = fopen(out, "r");
    char buf[32] = "";
    cr_assert_not_null(fgets(buf, sizeof buf, f));
    fclose(f);
    cr_assert_str_eq(buf, "previous");
    narrate_engine_destroy(broken);
    narrate_article_free(a);
    free(out);
    free(txt);
    free(nodir);
    test_rmdir(dir);
    narrate_engine_destroy(e);
}

static pthread_barrier_t start_together;

typedef struct {
    narrate_engine *engine;
    const char *dir;
    int index;
    int rc;
    double duration;
    char message[NARRATE_ERROR_MAX];
} job;

static void *render_job(void *arg)
{
    job *j = arg;
    char path[512];
    snprintf(path, sizeof path, "%s/thread%d.mp3", j->dir, j->index);
    narrate_article *a = narrate_article_parse(pause_article, strlen(pause_article), NULL);
    narrate_render_info info;
    narrate_error err = { 0 };
    pthread_barrier_wait(&start_together);
    j->rc = narrate_render_file(j->engine, a, NULL, path, &info, &err);
    j->duration = info.duration_s;
    memcpy(j->message, err.message, sizeof j->message);
    narrate_article_free(a);
    return NULL;
}

/* One engine, eight threads rendering at once, each in its own worker. */
Test(render, eight_threads_share_one_engine, .timeout = 120)
{
    narrate_engine *e = test_engine(8);
    char *dir = test_tmpdir();
    pthread_t t[8];
    job jobs[8];
    pthread_barrier_init(&start_together, NULL, 8);
    for (int i = 0; i < 8; i++) {
        jobs[i] = (job){ e, dir, i, -100, 0, "" };
        pthread_create(&t[i], NULL, render_job, &jobs[i]);
    }
    for (int i = 0; i < 8; i++)
        pthread_join(t[i], NULL);
    pthread_barrier_destroy(&start_together);
    for (int i = 0; i < 8; i++) {
        cr_assert_eq(jobs[i].rc, 0, "thread %d: %s", i, jobs[i].message);
        cr_assert(fabs(jobs[i].duration - jobs[0].duration) < 0.05 * jobs[0].duration);
    }
    narrate_engine_stats st;
    narrate_engine_stats_get(e, &st);
    cr_assert_gt(st.spawned, 1, "renders did not run in parallel workers");
    cr_assert_leq(st.spawned, 8);
    cr_assert_eq(st.crashed, 0);
    cr_assert_eq(st.busy, 0);
    test_rmdir(dir);
    narrate_engine_destroy(e);
}

/* MP3 pieces are encoded apart and joined in pauses: the decoded file must
** keep every designed pause (within 20 ms) and the whole length (within 1%). */
Test(render, mp3_joints_keep_the_pauses, .timeout = 120)
{
    narrate_engine *e = test_engine(2);
    char *dir = test_tmpdir(), *mp3 = test_path(dir, "j.mp3"), *wav = test_path(dir, "j.wav");
    char text[8192] = "Title: Joints\n\n";
    const char *lines[] = { "The river rose all night.", "Crews worked until dawn.",
                            "Schools stayed closed.", "Buses ran late again." };
    for (int p = 0; p < 6; p++) {
        for (int s = 0; s < 8; s++) {
            strcat(text, lines[(p + s) % 4]);
            strcat(text, " ");
        }
        strcat(text, "\n\n");
    }
    narrate_article *a = article(text);
    narrate_render_options o = NARRATE_RENDER_OPTIONS_INIT;
    o.jobs = 2;
    narrate_render_info im, iw;
    narrate_error err;
    cr_assert_eq(narrate_render_file(e, a, &o, mp3, &im, &err), 0, "%s", err.message);
    cr_assert_eq(narrate_render_file(e, a, &o, wav, &iw, &err), 0, "%s", err.message);
    size_t n, nw, ms[64], ml[64], ws[64], wl[64];
    int rate;
    char *title, *artist;
    int16_t *pcm = test_decode_mp3(mp3, &n, &rate, &title, &artist);
    int16_t *wpcm = test_read_pcm(wav, &nw, &rate);
    /* A level above MP3's quantization noise at speech edges, the same for both. */
    size_t fm = test_silences(pcm, n, 400, 250, ms, ml, 64);
    size_t fw = test_silences(wpcm, nw, 400, 250, ws, wl, 64);
    narrate_voice v;
    narrate_voice_find(e, "default", &v, NULL);
    cr_assert_eq(fw, 1 + 5 + 6 * 7, "wav: %zu long silences", fw); /* title, paragraphs, sentences */
    cr_assert_eq(fm, fw, "mp3 has %zu long silences, wav %zu", fm, fw);
    for (size_t i = 0; i < fm; i++) {
        double dm = ml[i] * 1000.0 / rate, dw = wl[i] * 1000.0 / rate;
        if (getenv("NR_TEST_VERBOSE"))
            fprintf(stderr, "pause %zu: mp3 %.1f ms, wav %.1f ms\n", i, dm, dw);
    }
    for (size_t i = 0; i < fm; i++) {
        double dm = ml[i] * 1000.0 / rate, dw = wl[i] * 1000.0 / rate;
        cr_assert(fabs(dm - dw) <= 20, "pause %zu: mp3 %.1f ms, wav %.1f ms", i, dm, dw);
    }
    cr_assert(fabs((double)n - (double)nw) <= 0.01 * nw, "mp3 %zu vs wav %zu samples", n, nw);
    cr_assert(fabs(im.duration_s * rate - (double)n) <= 0.002 * n, "reported %.3f s, decoded %zu", im.duration_s, n);
    free(pcm);
    free(wpcm);
    free(title);
    free(artist);
    narrate_article_free(a);
    free(mp3);
    free(wav);
    test_rmdir(dir);
    narrate_engine_destroy(e);
}
