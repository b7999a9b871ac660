/* cmd_script.c - `narrate script`: the exact text sent to the synthesizer, as lines or JSON. */
#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"

typedef enum { SHOW_SPOKEN, SHOW_SOURCE, SHOW_JSON, SHOW_EXPLAIN } show_mode;

static const char *const part_names[] = { "intro", "title", "byline", "body", "outro" };

/* One sentence per line, a blank line between paragraphs. */
static void print_lines(const narrate_script *script, show_mode mode)
{
    size_t n = narrate_script_count(script);
    for (size_t i = 0; i < n; i++) {
        const narrate_sentence *s = narrate_script_sentence(script, i);
        if (i > 0 && s->paragraph != narrate_script_sentence(script, i - 1)->paragraph)
            putchar('\n');
        if (mode == SHOW_SOURCE)
            printf("%.*s\n", (int)s->source_len, s->source);
        else
            puts(s->spoken);
    }
}

static const char *const note_kinds[] = { "container", "dropped", "metadata" };

/* How an HTML article was read: one line per note, then the body's paragraphs. */
static void print_explain(const narrate_article *art)
{
    size_t n = narrate_article_note_count(art);
    for (size_t i = 0; i < n; i++) {
        const narrate_note *note = narrate_article_note(art, i);
        printf("%-9s %s: %s", note_kinds[note->kind], note->element, note->reason);
        if (*note->text)
            printf(" \"%s\"", note->text);
        putchar('\n');
    }
    size_t np = narrate_article_paragraph_count(art);
    for (size_t i = 0; i < np; i++) {
        int level = narrate_article_heading_level(art, i);
        printf(level ? "read      h%d: %s\n" : "read      %.0d%s\n", level,
               narrate_article_paragraph(art, i));
    }
}

/* {"title", "author", "language", "language_source", "voice", "espeak_voice",
** "paragraphs": [{"index", "part", "sentences": [{"source", "spoken", "pause_ms"}]}],
** "notes": [{"kind", "element", "reason", "text"}]}; "language" is the one read in:
** the article's, else the voice's (source "default"). */
static void print_json(const narrate_article *art, const narrate_voice *voice,
                       const narrate_script *script)
{
    json_t *root = json_object(), *paras = json_array(), *para = NULL, *sentences = NULL;
    json_object_set_new(root, "title", json_string(narrate_article_title(art)));
    json_object_set_new(root, "author", json_string(narrate_article_author(art)));
    const char *lang = narrate_article_language(art);
    json_object_set_new(root, "language", json_string(lang ? lang : voice->language));
    json_object_set_new(root, "language_source", json_string(narrate_language_source_name(
                                                     narrate_article_language_source(art))));
    json_object_set_new(root, "voice", json_string(voice->name));
    json_object_set_new(root, "espeak_voice", json_string(voice->espeak_voice));
    size_t n = narrate_script_count(script);
    for (size_t i = 0; i < n; i++) {
        const narrate_sentence *s = narrate_script_sentence(script, i);
        if (!para || s->paragraph != narrate_script_sentence(script, i - 1)->paragraph) {
            para = json_pack("{s:I, s:s}", "index", (json_int_t)s->paragraph, "part",
                             part_names[s->part]);
            sentences = json_array();
            json_object_set_new(para, "sentences", sentences);
            json_array_append_new(paras, para);
        }
        json_array_append_new(sentences, json_pack("{s:s%, s:s, s:i}", "source", s->source,
                                                   s->source_len, "spoken", s->spoken, "pause_ms",
                                                   s->pause_ms));
    }
    json_object_set_new(root, "paragraphs", paras);
    json_t *notes = json_array();
    for (size_t i = 0; i < narrate_article_note_count(art); i++) {
        const narrate_note *note = narrate_article_note(art, i);
        json_array_append_new(notes, json_pack("{s:s, s:s, s:s, s:s}", "kind",
                                               note_kinds[note->kind], "element", note->element,
                                               "reason", note->reason, "text", note->text));
    }
    json_object_set_new(root, "notes", notes);
    if (json_dumpf(root, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER) < 0)
        die("cannot write '%s'", "standard output");
    putchar('\n');
    json_decref(root);
}

int cmd_script(int argc, char **argv)
{
    static const struct option longopts[] = {
        { "voice", required_argument, NULL, 'v' }, { "lexicon", required_argument, NULL, 'l' },
        { "source", no_argument, NULL, 's' },      { "json", no_argument, NULL, 'j' },
        { "explain", no_argument, NULL, 'e' },
        { "help", no_argument, NULL, 'h' },        { NULL, 0, NULL, 0 },
    };
    const char *voice_name = NULL, *lexicon_path = NULL;
    show_mode mode = SHOW_SPOKEN;
    int c;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
        switch (c) {
        case 'v': voice_name = optarg; break;
        case 'l': lexicon_path = optarg; break;
        case 's': mode = SHOW_SOURCE; break;
        case 'j': mode = SHOW_JSON; break;
        case 'e': mode = SHOW_EXPLAIN; break;
        case 'h':
            puts("usage: narrate script ARTICLE [--voice NAME|PATH] [--lexicon FILE] "
                 "[--source|--json|--explain]\n"
                 "One sentence per line, a blank line between paragraphs; --source prints\n"
                 "the sentences as they stand in the article; --json prints both forms\n"
                 "(default: the spoken text).  --voice (default: the article's Voice:, else\n"
                 "the profile for its Language:, else default); --lexicon (default: the voice's).\n"
                 "--explain shows how an HTML page was read: the element chosen as the\n"
                 "story, every block dropped and why, where title and author came from.");
            exit(0);
        case ':': die_usage("option needs a value '%s'", argv[optind - 1]);
        default: die_usage("unknown option '%s'", argv[optind - 1]);
        }
    }
    if (optind == argc)
        die_usage("no article given '%s'", "script");
    if (optind < argc - 1)
        die_usage("one article at a time '%s'", argv[optind + 1]);
    narrate_error err;
    narrate_article *art = narrate_article_read(argv[optind], &err);
    if (!art)
        die_lib(&err);
    if (mode == SHOW_EXPLAIN) {
        print_explain(art);
        narrate_article_free(art);
        if (fflush(stdout) != 0 || ferror(stdout))
            die("cannot write '%s'", "standard output");
        return 0;
    }
    narrate_lexicon *lex = lexicon_path ? narrate_lexicon_load(lexicon_path, &err) : NULL;
    if (lexicon_path && !lex)
        die_lib(&err);
    narrate_engine *eng = cli_engine();
    narrate_voice voice;
    if (narrate_voice_for_article(eng, art, voice_name, &voice, &err) < 0)
        die_lib(&err);
    narrate_script *script = narrate_script_create(art, &voice, lex, &err);
    if (!script)
        die_lib(&err);
    if (mode == SHOW_JSON)
        print_json(art, &voice, script);
    else
        print_lines(script, mode);
    narrate_script_free(script);
    narrate_lexicon_free(lex);
    narrate_engine_destroy(eng);
    narrate_article_free(art);
    if (fflush(stdout) != 0 || ferror(stdout))
        die("cannot write '%s'", "standard output");
    return 0;
}
