/* narrate.h - public API of libnarrate: news articles to spoken audio files. */
#ifndef NARRATE_H
#define NARRATE_H

/*
** libnarrate turns an article into speech:
**
**     article -> script (sentences, spoken text, pauses) -> PCM -> encoded file
**
** Everything public is prefixed narrate_ / NARRATE_.  This header is the
** contract; each function says who owns what it returns.
**
** ERRORS.  Functions that can fail return a negative NARRATE_E* code (or NULL)
** and, when the caller passes a non-NULL narrate_error, fill it with the code
** and a one-line message of the form "<what> '<subject>'", e.g.
** "cannot open article 'x.txt': No such file or directory".  The library never
** prints, never exits and never aborts on bad input.
**
** THREADS.  A narrate_engine may be shared by any number of threads: every
** engine function is thread-safe, and concurrent renders run in parallel in
** separate worker processes (up to max_workers; further renders wait for a
** free worker).  narrate_article and narrate_script objects are immutable once
** created and may be read from several threads at once; freeing one while
** another thread uses it is the caller's bug.  narrate_voice is a plain value.
**
** PROCESSES.  Speech synthesis (libespeak-ng) runs in narrate-worker helper
** processes, never in the caller: espeak-ng keeps process-global state, changes
** LC_CTYPE and can crash on crafted text.  A crashed worker makes the render
** fail with NARRATE_EWORKER and is replaced on the next render; the caller's
** process, locale and signal handlers are untouched (the library uses send()
** with MSG_NOSIGNAL, so a dead worker never raises SIGPIPE).  Create engines
** after fork(), not before: a forked child must not use its parent's engine.
** A host that runs under a file size limit (RLIMIT_FSIZE) should ignore
** SIGXFSZ, as the narrate command does, to get NARRATE_EIO instead of dying.
**
** LIMITS.  Articles are untrusted, so every render runs under limits with
** safe defaults (see narrate_limits): article size, CPU time and address
** space of each worker, and a wall-clock deadline per render.  Hitting any
** of them fails the call with NARRATE_ELIMIT and a message naming the limit
** and its value.
**
** Worked example (error handling shortened):
**
**     narrate_error err;
**     narrate_engine *eng = narrate_engine_create(NULL, &err);
**     narrate_article *art = narrate_article_read("story.txt", &err);
**     narrate_voice voice;
**     narrate_voice_for_article(eng, art, NULL, &voice, &err);
**     narrate_render_options ro = NARRATE_RENDER_OPTIONS_INIT;
**     ro.voice = &voice;
**     if (narrate_render_file(eng, art, &ro, "story.mp3", NULL, &err) < 0)
**         fprintf(stderr, "error: %s\n", err.message);
**     narrate_article_free(art);
**     narrate_engine_destroy(eng);
*/

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The version of this header: the one place it is set (the Makefile reads it
** for the shared library's name and narrate.pc).  narrate_version() and
** narrate_version_number() give the library's, which may differ from the
** header's a program was compiled with. */
#define NARRATE_VERSION_MAJOR 0
#define NARRATE_VERSION_MINOR 1
#define NARRATE_VERSION_PATCH 0
#define NARRATE_VERSION_NUMBER \
    (NARRATE_VERSION_MAJOR * 1000000 + NARRATE_VERSION_MINOR * 1000 + NARRATE_VERSION_PATCH)
#define NARRATE_VERSION_STR_(x) #x
#define NARRATE_VERSION_STR(x) NARRATE_VERSION_STR_(x)
#define NARRATE_VERSION_STRING                                                            \
    NARRATE_VERSION_STR(NARRATE_VERSION_MAJOR) "." NARRATE_VERSION_STR(NARRATE_VERSION_MINOR) "." \
    NARRATE_VERSION_STR(NARRATE_VERSION_PATCH)

/* Functions returning something to free or check: the compiler warns when
** the result is dropped. */
#if defined(__GNUC__) || defined(__clang__)
#define NARRATE_WARN_UNUSED __attribute__((warn_unused_result))
#else
#define NARRATE_WARN_UNUSED
#endif

/* ---------------------------------------------------------------- errors */

#define NARRATE_OK        0
#define NARRATE_ENOMEM   -1 /* out of memory */
#define NARRATE_EINVAL   -2 /* invalid argument or option value */
#define NARRATE_EIO      -3 /* reading or writing a file failed */
#define NARRATE_EINPUT   -4 /* the article is unusable: empty, binary, no body */
#define NARRATE_EVOICE   -5 /* voice profile unknown or invalid, or no voice at all for
                               the article's language ("no voice for language 'xx' ...") */
#define NARRATE_EWORKER  -6 /* a synthesis worker failed, crashed or is missing */
#define NARRATE_EENCODE  -7 /* the audio encoder failed */
#define NARRATE_EFORMAT  -8 /* unknown or unsupported output format */
#define NARRATE_ENOTFOUND -9 /* no such cache entry */
#define NARRATE_ELIMIT  -10 /* a configured limit was hit (see narrate_limits) */
/* New error codes may be added in later versions (negative, below the last):
** handle an unknown one as a failure, and narrate_strerror names every code. */

#define NARRATE_ERROR_MAX 512

/* Filled by failing calls.  Caller-owned, so one per thread needs no locking. */
typedef struct narrate_error {
    int code;                        /* a NARRATE_E* value, NARRATE_OK if none */
    char message[NARRATE_ERROR_MAX]; /* "<what> '<subject>'", NUL-terminated */
} narrate_error;

/* A static string naming an error code ("out of memory", ...).  Never NULL. */
const char *narrate_strerror(int code);

/* The library version, e.g. "0.1.0", and as NARRATE_VERSION_NUMBER counts it
** (1002003 for 1.2.3). */
const char *narrate_version(void);
int narrate_version_number(void);

/* ---------------------------------------------------------------- limits */

/*
** What one article may cost.  Every field's 0 means its default, below; the
** time and memory limits also take NARRATE_LIMIT_NONE for none at all.  A
** limit that is hit fails the call with NARRATE_ELIMIT and a message naming
** the limit and its value, e.g.
**
**     article larger than the limit of 67108864 bytes 'story.txt'
**     render took longer than the deadline of 600 s 'City budget passes'
**     synthesis worker exceeded its CPU limit of 60 s on 'The council approved…'
**     synthesis worker ran out of its address-space limit of 1024 MiB on '…'
**
** article_bytes     The largest article narrate_article_read_limited and
**                   narrate_article_parse_limited accept.  The engine reads
**                   no articles: it keeps the value for its host, which gets
**                   it back from narrate_engine_limits().
**
** worker_cpu_s      CPU seconds (RLIMIT_CPU) a worker may spend on one piece
**                   of a render (at most about 1200 bytes of text: 75 s of
**                   speech at 165 words a minute).  Workers are reused, so
**                   each piece gets what the worker has used so far plus
**                   this, rounded up to a whole second: a piece gets at least
**                   worker_cpu_s and less than one second more.  A worker past
**                   it ends at once (SIGXCPU) and is replaced.
**
** worker_memory_mb  Address space (RLIMIT_AS) of each worker, in MiB, set
**                   when it starts, before espeak-ng does.  The message above
**                   comes when the worker can tell: one of its own
**                   allocations failed, or it crashed (espeak-ng does not
**                   check all of its allocations) with less than 8 MiB of
**                   address space left.  Any other crash is reported as one
**                   (NARRATE_EWORKER, "killed by signal ...").  A limit too
**                   small for espeak-ng to start (16 MiB is) fails every
**                   render at once.  Not applied in builds with
**                   AddressSanitizer, whose shadow memory needs terabytes of
**                   address space.
**
** render_s          Wall-clock seconds from the start of a render call to the
**                   last piece synthesized, waiting for a free worker
**                   included; narrate_render_options.deadline_s overrides it
**                   per render.  When it passes, the workers still busy are
**                   killed (never reused) and the call fails: no output file
**                   is left and the cache keeps nothing.  A stream may have
**                   delivered part of the audio by then.  Not checked while
**                   the caller's write callback runs, nor while the render
**                   waits on the cache for a render of the same key in
**                   another thread or process, which has a deadline of its
**                   own.
**
** duration_s        Seconds of speech an article may last, estimated from
**                   its script before any synthesis (its words at the
**                   voice's rate, plus every pause; real renders come within
**                   about a fifth of it): a longer one fails at once, e.g.
**                   "article would take about 360000 s to speak, longer than
**                   the limit of 14400 s 'Live blog'", and so does
**                   narrate_key for it.  Nothing is synthesized.
*/
#define NARRATE_LIMIT_NONE (-1)

/* The defaults: */
#define NARRATE_ARTICLE_MAX ((size_t)64 << 20)   /* article_bytes: 64 MiB */
#define NARRATE_WORKER_CPU_S_DEFAULT 60          /* worker_cpu_s: per piece */
#define NARRATE_WORKER_MEMORY_MB_DEFAULT 1024    /* worker_memory_mb: 1 GiB per worker */
#define NARRATE_RENDER_S_DEFAULT 600             /* render_s: 10 minutes per render */
#define NARRATE_DURATION_S_DEFAULT 14400         /* duration_s: 4 hours of speech */

typedef struct narrate_limits {
    size_t article_bytes;   /* 0: NARRATE_ARTICLE_MAX */
    int worker_cpu_s;       /* 0: NARRATE_WORKER_CPU_S_DEFAULT; NARRATE_LIMIT_NONE: none */
    int worker_memory_mb;   /* 0: NARRATE_WORKER_MEMORY_MB_DEFAULT; NARRATE_LIMIT_NONE: none */
    int render_s;           /* 0: NARRATE_RENDER_S_DEFAULT; NARRATE_LIMIT_NONE: none */
    int duration_s;         /* 0: NARRATE_DURATION_S_DEFAULT; NARRATE_LIMIT_NONE: none */
} narrate_limits;

/* --------------------------------------------------------------- article */

/*
** An article: optional id, title, author, language and voice name, then
** paragraphs (some of which may be headings).  Three input formats:
**
** - Plain text, UTF-8: an optional header block of "Title:", "Author:",
**   "Language:" and "Voice:" lines ended by a blank line, then paragraphs
**   separated by blank lines.  Lines inside a paragraph are joined.
** - HTML: the body from the element that holds the story (scored by its
**   text, paragraphs, links, class names and roles: see README, "HTML
**   extraction"), without menus, share rows, promos, captions, bylines and
**   other page chrome; title, authors and language from the page's JSON-LD,
**   OpenGraph and <meta> tags, its <h1>, byline and lang attributes.
** - JSON: one object {"id","title","author","lang","voice","body"} with "html"
**   instead of "body" for an HTML body.  Unknown keys are ignored.
**
** In text and HTML, everything between the lines (or comments)
** <!-- narrate:skip --> and <!-- /narrate:skip --> is not read.  Invalid
** UTF-8 is replaced by U+FFFD (never spoken); input containing NUL bytes is
** rejected as binary.
*/
typedef struct narrate_article narrate_article;
typedef struct narrate_cache narrate_cache; /* the cache directory: see narrate_cache_open */

typedef enum narrate_input {
    NARRATE_INPUT_AUTO = 0, /* by file extension (.html .htm .json), else by first character */
    NARRATE_INPUT_TEXT,
    NARRATE_INPUT_HTML,
    NARRATE_INPUT_JSON
} narrate_input;

/* Parse len bytes.  Returns a new article (free it with narrate_article_free)
** or NULL with err filled: NARRATE_EINPUT when the input is empty, binary,
** malformed or has no body, NARRATE_ELIMIT when it is larger than
** NARRATE_ARTICLE_MAX. */
NARRATE_WARN_UNUSED
narrate_article *narrate_article_parse_as(const char *data, size_t len, narrate_input format,
                                          narrate_error *err);

/* narrate_article_parse_as with NARRATE_INPUT_AUTO. */
NARRATE_WARN_UNUSED
narrate_article *narrate_article_parse(const char *data, size_t len, narrate_error *err);

/* Read and parse a file; path "-" reads standard input. */
NARRATE_WARN_UNUSED
narrate_article *narrate_article_read_as(const char *path, narrate_input format,
                                         narrate_error *err);

/* narrate_article_read_as with NARRATE_INPUT_AUTO. */
NARRATE_WARN_UNUSED
narrate_article *narrate_article_read(const char *path, narrate_error *err);

/* The same with a size limit of max_bytes (0: NARRATE_ARTICLE_MAX, which the
** functions above apply): a larger article fails with NARRATE_ELIMIT, e.g.
** "article larger than the limit of 1048576 bytes 'story.txt'".  A file is
** read no further than the limit, so a huge one costs no more memory than
** that. */
NARRATE_WARN_UNUSED
narrate_article *narrate_article_parse_limited(const char *data, size_t len,
                                               narrate_input format, size_t max_bytes,
                                               narrate_error *err);
NARRATE_WARN_UNUSED
narrate_article *narrate_article_read_limited(const char *path, narrate_input format,
                                              size_t max_bytes, narrate_error *err);

/* narrate_article_read_limited, with what the language classifier made of
** the text remembered in cache (NULL: nothing is), so that reading an
** article again loads no classifier: its models take longer to load than
** the rest of a cache hit.  The article is the same either way. */
NARRATE_WARN_UNUSED
narrate_article *narrate_article_read_cached(const char *path, narrate_input format,
                                             size_t max_bytes, narrate_cache *cache,
                                             narrate_error *err);

/* Free an article.  NULL is a no-op. */
void narrate_article_free(narrate_article *article);

/* Header fields, or NULL when absent.  Owned by the article. */
const char *narrate_article_id(const narrate_article *article);
const char *narrate_article_title(const narrate_article *article);
const char *narrate_article_author(const narrate_article *article);
const char *narrate_article_voice(const narrate_article *article);

/*
** LANGUAGE.  The language an article is read in (a BCP 47 tag such as "en",
** "pt-BR", "zh"), or NULL when it is unknown and the voice's is used.  It
** is the one declared (Language:, lang, "lang") unless the text plainly is
** another; with none declared it is told from the text (libexttextcat's
** n-gram models, on the title and the first paragraphs).  A text of less than
** about 160 bytes is never classified, and a declared language is replaced
** only on a confident verdict over at least 400 bytes of text: short
** articles keep the declared language, or the voice's.
*/
typedef enum narrate_language_source {
    NARRATE_LANGUAGE_DEFAULT = 0, /* none declared, none detected: the voice's */
    NARRATE_LANGUAGE_DECLARED,    /* as the article declares it */
    NARRATE_LANGUAGE_DETECTED     /* told from the text (a primary subtag: "es") */
} narrate_language_source;

const char *narrate_article_language(const narrate_article *article);
narrate_language_source narrate_article_language_source(const narrate_article *article);

/* "default", "declared" or "detected". */
const char *narrate_language_source_name(narrate_language_source source);

/* Body paragraphs: count, and the i-th (0-based), owned by the article. */
size_t narrate_article_paragraph_count(const narrate_article *article);
const char *narrate_article_paragraph(const narrate_article *article, size_t i);

/* 0 for body text, 1..6 when the i-th paragraph is a heading of that level. */
int narrate_article_heading_level(const narrate_article *article, size_t i);

/*
** How an HTML article was read: the element its body came from, every block
** of it that was not read and why, and where the title, author and language
** came from (`narrate script --explain`).  Text and JSON articles have none.
*/
typedef enum narrate_note_kind {
    NARRATE_NOTE_CONTAINER, /* the element the body was read from */
    NARRATE_NOTE_DROPPED,   /* an element or block not read */
    NARRATE_NOTE_METADATA   /* where a header field came from */
} narrate_note_kind;

typedef struct narrate_note {
    narrate_note_kind kind;
    const char *element; /* the element, e.g. "div.share-row", or the field: "author" */
    const char *reason;  /* why, e.g. "class names share", or the source: "JSON-LD" */
    const char *text;    /* the start of its text (at most 80 bytes), "" if none */
} narrate_note;

/* Notes: count, and the i-th (0-based), owned by the article. */
size_t narrate_article_note_count(const narrate_article *article);
const narrate_note *narrate_article_note(const narrate_article *article, size_t i);

/* --------------------------------------------------------------- lexicon */

/*
** A pronunciation lexicon: a UTF-8 file, one entry per line,
**
**     Qatari = KAH-tuh-ree          # a respelling, spoken as written
**     Ankara = [['aNk@r@]]          # espeak-ng phonemes
**
** (phrase and replacement separated by " = " or a tab; # starts a comment).
** Matching is whole-word and case-aware: a phrase with a capital letter
** matches only as written, an all-lowercase phrase matches in any case; the
** longest phrase wins.  Lexicons are immutable once loaded and may be shared
** by threads.
*/
typedef struct narrate_lexicon narrate_lexicon;

/* Load a lexicon file.  Errors name the file and line.  Free with
** narrate_lexicon_free (NULL is a no-op). */
NARRATE_WARN_UNUSED
narrate_lexicon *narrate_lexicon_load(const char *path, narrate_error *err);
void narrate_lexicon_free(narrate_lexicon *lexicon);

/* Number of entries. */
size_t narrate_lexicon_count(const narrate_lexicon *lexicon);

/* ---------------------------------------------------------------- engine */

/*
** The engine owns the pool of synthesis workers and knows where the voice
** profiles are.  Create one per process and share it between threads.
*/
typedef struct narrate_engine narrate_engine;

typedef struct narrate_engine_options {
    const char *worker_path; /* NULL: $NARRATE_WORKER, else the installed narrate-worker */
    const char *voices_dir;  /* NULL: $NARRATE_VOICES, else the installed voices/ */
    int max_workers;         /* worker processes at most; 0: online CPUs */
    narrate_limits limits;   /* all 0: the defaults (see narrate_limits) */
} narrate_engine_options;

/* Create an engine; opts may be NULL for all defaults.  Workers start lazily,
** so this does not fail when the worker program is missing: the first render
** does.  Returns NULL with err filled on failure (NARRATE_EINVAL for a
** negative limit other than NARRATE_LIMIT_NONE). */
NARRATE_WARN_UNUSED
narrate_engine *narrate_engine_create(const narrate_engine_options *opts, narrate_error *err);

/* The engine's limits with the defaults filled in (NARRATE_LIMIT_NONE stays). */
void narrate_engine_limits(const narrate_engine *engine, narrate_limits *limits);

/* Stop the workers and free the engine.  No render may be running.  NULL is a no-op. */
void narrate_engine_destroy(narrate_engine *engine);

/* Worker figures, for health checks and tests. */
typedef struct narrate_engine_stats {
    int workers;        /* worker processes alive now */
    int busy;           /* of which serving a render */
    uint64_t spawned;   /* worker processes started since creation */
    uint64_t crashed;   /* workers that died while serving a render (not those
                           killed at a deadline or when a render was abandoned) */
} narrate_engine_stats;

void narrate_engine_stats_get(narrate_engine *engine, narrate_engine_stats *stats);

/* The voices directory in use.  Owned by the engine. */
const char *narrate_engine_voices_dir(const narrate_engine *engine);

/* ----------------------------------------------------------------- voice */

/*
** A voice profile: an INI file in the voices directory, e.g.
**
**     [voice]
**     description = British male, measured; for correspondents
**     espeak_voice = en-gb        ; an espeak-ng voice name
**     variant = m3                ; an espeak-ng variant, optional
**     language = en
**     rate = 165                  ; words per minute, 80..450
**     pitch = 45                  ; 0..100
**     pitch_range = 50            ; 0..100
**     sentence_pause_ms = 450     ; 0..5000, silence between sentences
**     paragraph_pause_ms = 900    ; 0..5000, between paragraphs
**     title_pause_ms = 1200       ; 0..5000, after the title and byline
**     gain_db = 0                 ; -20..20, applied to the speech
**     loudness_lufs = -16         ; -40..-10, the target of `narrate voices calibrate`
**     lexicon = names.txt         ; pronunciation lexicon, relative to the profile
**     intro = You are listening to {title}, by {author}.
**     outro = This article was written by {author}.
**     chapter_paragraphs = 3      ; 0..1000, MP3 chapters: a new one every N body
**                                 ; paragraphs when the article has no headings (0: none)
**
** intro is spoken first and outro last; a template naming a field the article
** lacks ({title}, {author}) is left out.  Missing keys keep the defaults of
** narrate_voice_defaults().
**
** Loudness: renders apply gain_db, then a look-ahead peak limiter that keeps
** the true peak at or under -1 dBTP (MP3 included).  loudness_lufs is not
** applied at render time (a stream cannot wait for the whole article to be
** measured): calibration (narrate_voice_calibrate) finds the gain_db that
** brings the voice to it, once, and the profile stores that gain.
*/
typedef struct narrate_voice {
    char name[64];          /* profile name: the file name without ".ini" */
    char description[128];
    char espeak_voice[64];
    char variant[32];       /* "" for none */
    char language[16];
    int rate;
    int pitch;
    int pitch_range;
    int sentence_pause_ms;
    int paragraph_pause_ms;
    int title_pause_ms;
    double gain_db;
    char lexicon[256];      /* path of the profile's lexicon, "" for none */
    char intro[256];        /* template, "" for none */
    char outro[256];
    double loudness_lufs;   /* integrated loudness calibration aims at (EBU R 128) */
    int chapter_paragraphs; /* body paragraphs per chapter without headings; 0: none */
} narrate_voice;

#define NARRATE_RATE_MIN 80
#define NARRATE_RATE_MAX 450
#define NARRATE_PAUSE_MAX_MS 5000
#define NARRATE_GAIN_MAX_DB 20.0
#define NARRATE_LOUDNESS_DEFAULT -16.0 /* LUFS: spoken word for mobile listening */
#define NARRATE_LOUDNESS_MIN -40.0
#define NARRATE_LOUDNESS_MAX -10.0

/* Fill v with the built-in defaults (American English, 170 wpm). */
void narrate_voice_defaults(narrate_voice *v);

/* Check every value against its range.  NARRATE_EVOICE names the key. */
int narrate_voice_validate(const narrate_voice *v, narrate_error *err);

/* Load and validate a profile file.  Errors name the file, key and range. */
int narrate_voice_load(const char *path, narrate_voice *v, narrate_error *err);

/* The engine's voices (narrate_voice_calibrate: see loudness). */

/* Find a profile by name (in the voices directory) or by path (anything with
** a '/' or ending in ".ini").  NARRATE_EVOICE if unknown or invalid. */
int narrate_voice_find(const narrate_engine *engine, const char *name_or_path,
                       narrate_voice *v, narrate_error *err);

/* The voice an article is read with: `name` if not NULL, else the article's
** Voice: header, else the one for its language (narrate_article_language):
** the profile named after it ("pt-br", then "pt"); for a regional tag for
** which espeak-ng has a voice of its own ("pt-BR", "en-GB", "es-MX"), that
** voice with the settings of the language's profile (or the default
** profile's when that is the same language); for a language without a
** profile, espeak-ng's voice for it with the default profile's rate, pauses
** and gain (no lexicon, intro or outro), named after the tag; with no
** language, "default".  espeak-ng's list of voices is asked of a worker
** once per engine, and only when a profile does not settle the question.
** A language espeak-ng cannot speak fails with NARRATE_EVOICE, "no voice
** for language 'xx' '<title>'": never another language's voice. */
int narrate_voice_for_article(const narrate_engine *engine, const narrate_article *article,
                              const char *name, narrate_voice *v, narrate_error *err);

/* Call fn for every profile in the voices directory, sorted by name.  For a
** profile that fails to load, voice is NULL and problem says why.  A non-zero
** return from fn stops the walk and is returned. */
typedef int (*narrate_voice_fn)(const narrate_voice *voice, const narrate_error *problem,
                                void *userdata);
int narrate_voice_list(const narrate_engine *engine, narrate_voice_fn fn, void *userdata,
                       narrate_error *err);

/* ---------------------------------------------------------------- script */

/*
** The script is what will be spoken: the title, "By <author>", then each body
** sentence, each with the exact text sent to the synthesizer and the silence
** that follows it.  Sentences too long for the synthesizer's clause buffer are
** split into several entries at spaces (or, failing that, characters).
*/
typedef struct narrate_script narrate_script;

typedef enum narrate_part {
    NARRATE_PART_INTRO,
    NARRATE_PART_TITLE,
    NARRATE_PART_BYLINE,
    NARRATE_PART_BODY,
    NARRATE_PART_OUTRO
} narrate_part;

typedef struct narrate_sentence {
    const char *source;  /* the sentence as it stands in the article: source_len bytes, */
    size_t source_len;   /* not NUL-terminated, pointing into the article's own text */
    const char *spoken;  /* exactly what the synthesizer receives (NUL-terminated) */
    narrate_part part;
    size_t paragraph;    /* 0-based index in reading order: title, byline, body... */
    int pause_ms;        /* silence after this sentence */
    int phonemes;        /* spoken holds espeak-ng [[phonemes]] from a lexicon */
    size_t offset;       /* bytes from the start of its paragraph's text (or the title,
                            byline, intro or outro) to source */
    size_t article_paragraph; /* BODY: its index for narrate_article_paragraph(); else 0 */
    int heading;         /* BODY: the paragraph's heading level, 0 for body text */
} narrate_sentence;

/* Longest spoken text of one script entry, in bytes. */
#define NARRATE_SPOKEN_MAX 400

/* Build the script of an article read with voice v (which sets the pauses,
** the intro and outro, and a lexicon).  The script borrows the article's
** text (see narrate_sentence.source): free the script before the article.
** lexicon (may be NULL) is applied on
** top of the voice's: its entries win.  Returns NULL with err filled on
** failure (NARRATE_EINPUT: nothing speakable; NARRATE_EIO: the voice's
** lexicon is unreadable). */
NARRATE_WARN_UNUSED
narrate_script *narrate_script_create(const narrate_article *article, const narrate_voice *v,
                                      const narrate_lexicon *lexicon, narrate_error *err);

/* Free a script.  NULL is a no-op. */
void narrate_script_free(narrate_script *script);

/* Entries: count, and the i-th, owned by the script. */
size_t narrate_script_count(const narrate_script *script);
const narrate_sentence *narrate_script_sentence(const narrate_script *script, size_t i);

/* ---------------------------------------------------------------- render */

typedef enum narrate_format {
    NARRATE_FORMAT_AUTO = 0, /* from the output path's extension; MP3 if none */
    NARRATE_FORMAT_MP3,      /* LAME, mono 22050 Hz CBR, ID3v2 + Info tag */
    NARRATE_FORMAT_WAV,      /* 16-bit PCM, 22050 Hz mono */
    NARRATE_FORMAT_FLAC,     /* 16-bit, 22050 Hz mono */
    NARRATE_FORMAT_OPUS      /* Ogg Opus, resampled to 48 kHz */
} narrate_format;

/* The format named by a name or extension ("mp3", "wav", "flac", "ogg",
** "opus"), or NARRATE_FORMAT_AUTO if unknown. */
narrate_format narrate_format_from_name(const char *name);

/* The format a path's extension implies; NARRATE_FORMAT_AUTO if none. */
narrate_format narrate_format_from_path(const char *path);

/* A format's file extension, without the dot: "mp3", "wav", "flac" or
** "opus" ("mp3" for NARRATE_FORMAT_AUTO and unknown values). */
const char *narrate_format_extension(narrate_format format);

#define NARRATE_BITRATE_DEFAULT 64 /* kbps: the smallest CBR rate that keeps the Info tag */
#define NARRATE_BITRATE_MIN 56
#define NARRATE_BITRATE_MAX 160

/*
** TIMINGS.  Where each sentence and word is in the audio, as a player plays
** it (MP3 encoder delay and padding accounted for: a cue starts within a few
** milliseconds of its sentence's first sound).  One entry per sentence as
** written (a sentence the synthesizer took in several parts is one entry);
** sentences with nothing audible have none.  Offsets locate the text in the
** paragraph it belongs to: narrate_article_paragraph(a, paragraph) for body
** text, else the title, "By <author>" or the voice's intro/outro.  Words are
** what the synthesizer spoke, each mapped to the written words it stands for
** ("three", "point", "five" all map to "$3.5").  Times never go backwards,
** words lie within their sentence and none is empty.
*/
typedef struct narrate_word_timing {
    uint32_t start_ms, end_ms;
    size_t begin, end;           /* UTF-8 bytes of the paragraph's text */
    size_t char_begin, char_end; /* the same in characters (Unicode code points) */
} narrate_word_timing;

typedef struct narrate_sentence_timing {
    size_t index;                /* 0-based, in reading order */
    uint32_t start_ms, end_ms;   /* its first and last sound */
    narrate_part part;
    size_t paragraph;            /* BODY: index for narrate_article_paragraph(); else 0 */
    const char *text;            /* the sentence as written: text_len bytes, not NUL-terminated */
    size_t text_len;
    size_t begin, end;           /* where text is in its paragraph, in bytes */
    size_t char_begin, char_end; /* and in characters */
    const narrate_word_timing *words;
    size_t nwords;
} narrate_sentence_timing;

/* Receives each sentence's timing in order while the render runs (or, on a
** cache hit, from the cache).  The pointers are valid during the call only.
** Return non-zero to abort the render. */
typedef int (*narrate_timing_fn)(const narrate_sentence_timing *timing, void *userdata);

/* A ready-made narrate_timing_fn that keeps every timing, e.g.
**
**     narrate_timings *t = narrate_timings_create();
**     ro.on_timing = narrate_timings_collect;
**     ro.timing_userdata = t;
**     narrate_render_file(eng, art, &ro, "story.mp3", NULL, &err);
**     for (size_t i = 0; i < narrate_timings_count(t); i++)
**         printf("%u %.*s\n", narrate_timings_sentence(t, i)->start_ms, ...);
**     narrate_timings_free(t);
**
** The collection owns copies of the texts: it may outlive the article.  A
** failed render may leave some timings in it. */
typedef struct narrate_timings narrate_timings;

NARRATE_WARN_UNUSED
narrate_timings *narrate_timings_create(void); /* NULL when out of memory */
int narrate_timings_collect(const narrate_sentence_timing *timing, void *timings);
size_t narrate_timings_count(const narrate_timings *timings);
const narrate_sentence_timing *narrate_timings_sentence(const narrate_timings *timings, size_t i);
void narrate_timings_free(narrate_timings *timings); /* NULL is a no-op */

/*
** A timings file (timings_path) ends by naming the audio it belongs to: the
** XXH3-128 checksum and size of the audio's bytes (the file as written, or
** the bytes a stream sent) and the render's key, as its last line:
**
**     NOTE narrate-audio xxh3_128=<32 hex> bytes=<n> key=<64 hex>     (WebVTT)
**     ],"duration_ms":<n>,"audio":{"xxh3_128":"…","bytes":<n>,"key":"…"}}  (JSON)
**
** Audio and timings are two files, and no filesystem renames two at once:
** a process killed between the two renames (timings first, then audio)
** leaves new timings beside the old audio.  A reader that checks the pair
** (narrate_timings_match) never uses such timings; the next render of the
** pair replaces both.
*/

/* NARRATE_OK if the timings file at timings names the audio file at audio
** (checksum and size); NARRATE_ENOTFOUND if it names other audio or none
** (not written by narrate, or by an older version); NARRATE_EIO if either
** cannot be read (neither may be a FIFO or device: regular files only).
** Reads the whole audio file. */
int narrate_timings_match(const char *audio, const char *timings, narrate_error *err);

typedef struct narrate_render_options {
    const narrate_voice *voice;       /* NULL: narrate_voice_for_article(engine, article, NULL) */
    narrate_format format;            /* AUTO: from the path (MP3 for the cache and streams);
                                         another than the path's extension names is
                                         NARRATE_EFORMAT */
    int bitrate_kbps;                 /* MP3 only; 0: NARRATE_BITRATE_DEFAULT */
    const narrate_lexicon *lexicon;   /* NULL: only the voice's */
    narrate_cache *cache;             /* NULL: no cache */
    int jobs;                         /* workers for this render; 0: online CPUs */
    const char *timings_path;         /* also write the timings: ".vtt" WebVTT (a cue per
                                         sentence) or ".json" (sentences and words) */
    narrate_timing_fn on_timing;      /* NULL: none */
    void *timing_userdata;
    int no_chapters;                  /* MP3: no ID3 chapters (see narrate_voice's
                                         chapter_paragraphs; streams never have them,
                                         their cache entries do) */
    int deadline_s;                   /* wall-clock seconds for this render; 0: the
                                         engine's limits.render_s; NARRATE_LIMIT_NONE:
                                         none (see narrate_limits) */
    int (*cancelled)(void *userdata); /* NULL: none.  Asked while the render waits for a
                                         worker or a piece, at least every 100 ms:
                                         non-zero stops it within that time, its running
                                         pieces killed (no need to wait for a sentence to
                                         end), with NARRATE_EIO "render cancelled" */
    void *cancel_userdata;
} narrate_render_options;

/* The defaults: every field 0 or NULL, format NARRATE_FORMAT_AUTO.  Fields
** may be added at the end in later versions; start from these and set what
** you need.  The macro initializes a declaration (C99 designated
** initializers, C++20); narrate_render_options_init fills an existing one. */
#define NARRATE_RENDER_OPTIONS_INIT { .voice = NULL, .format = NARRATE_FORMAT_AUTO }
void narrate_render_options_init(narrate_render_options *opts);

/*
** How a render runs: the script is cut into pieces at pauses (the first piece
** is the first sentence alone, so that audio starts at once; the second is
** about as long, later pieces double).  Up to `jobs` workers synthesize,
** stitch and encode pieces at the same time; the library writes them out in
** order, holding at most one piece per worker, so memory does not grow with
** the article.  MP3 pieces are encoded independently and joined in the
** silence between sentences, with LAME's encoder delay and padding taken
** out of the pause, and one LAME Info tag for the whole file.
**
** Concurrent renders on one engine share its workers a piece at a time: a
** worker that finishes a piece goes to the most urgent piece of any render.
** A stream's (narrate_render_stream) first piece goes first, so a new
** listener waits only for the pieces already running and the first pieces
** of listeners who came before, never for whole renders; then
** each stream's next piece is due when its listener will have played the
** audio already delivered, less a margin of 3 s (earliest due first); file
** and cache renders have no listener and take what the streams leave, in
** turn.  No worker idles while a render has a piece to start, and renders
** never deadlock on the pool.
*/

/* Receives encoded bytes in order; return non-zero to abort the render. */
typedef int (*narrate_write_fn)(const void *data, size_t len, void *userdata);

/* What a successful render produced. */
typedef struct narrate_render_info {
    uint64_t samples;       /* PCM samples at 22050 Hz, pauses included */
    double duration_s;      /* samples / 22050 */
    uint64_t bytes;         /* size of the written file */
    size_t sentences;       /* script entries spoken */
} narrate_render_info;

/* Render an article to the file at path.  The file is written to a temporary
** file in the same directory and renamed into place only on success: on any
** error no file is left at path (an existing file there is kept unchanged).
** info may be NULL.  Returns NARRATE_OK or a negative error code.
**
** With opts->cache, a cache hit is copied (checksum verified) without any
** synthesis; a miss renders once per key across threads and processes (see
** narrate_render_cached): it is rendered into the cache's entry, which is
** then linked (or, across filesystems, copied) to path, so that its bytes
** are written once.  If the cache cannot be written (full disk, read-only),
** the file is still delivered and the cache keeps no partial entry (a cache
** that fills up mid-render means rendering again, straight into path; with
** an on_timing callback, which cannot take timings back, the call fails). */
int narrate_render_file(narrate_engine *engine, const narrate_article *article,
                        const narrate_render_options *opts, const char *path,
                        narrate_render_info *info, narrate_error *err);

/* Render an article as an MP3 stream: bytes reach write as soon as the first
** piece is encoded, in order.  A stream cannot be rewritten, so its ID3 tag
** has no length and LAME's Info frame stays a silent placeholder; with
** opts->cache the same bytes also go to the cache entry, completed with both
** and committed at the end (a hit streams the cached file, checksum verified
** first).  Formats other than MP3 are refused with NARRATE_EFORMAT. */
int narrate_render_stream(narrate_engine *engine, const narrate_article *article,
                          const narrate_render_options *opts, narrate_write_fn write,
                          void *userdata, narrate_render_info *info, narrate_error *err);

/* -------------------------------------------------------------- loudness */

/*
** Loudness as EBU R 128 / ITU-R BS.1770 measures it (libebur128).  Renders
** are not measured: a voice profile is calibrated once, and its gain_db
** brings every article read with it close to the profile's loudness_lufs
** (within about 1 LU: the text matters a little), streams included.
*/
typedef struct narrate_loudness {
    double integrated_lufs;  /* gated integrated loudness; -INFINITY for silence */
    double true_peak_dbtp;   /* highest true peak of any channel (4x oversampled) */
    double duration_s;
} narrate_loudness;

/* Measure an audio file that libsndfile reads: WAV, FLAC, Ogg Opus and MP3
** (libsndfile >= 1.1 built with mpg123, as Debian's is), at any rate;
** channels in WAV order L, R, C, LFE, Ls, Rs (LFE and any further channels
** are not counted; mono counts as one channel, not two).  NARRATE_EIO if the
** file cannot be read, NARRATE_EFORMAT if it is not audio libsndfile knows. */
int narrate_loudness_measure(const char *path, narrate_loudness *out, narrate_error *err);

/* Find the gain_db that brings voice v to v->loudness_lufs.  Renders a
** built-in news article (in v's language for en, es, de and fr, else
** English) as MP3 at the default bitrate (what streams and the cache
** deliver; WAV and FLAC come out about 0.4 LU louder) with gain 0, measures
** it, then renders again at the gain that should reach the target, limiter
** included, until the result is within 0.1 LU (at most 4 renders).
** *gain_db gets the gain whose render came closest, *before the render at
** gain 0 and *after that closest one (before and after may be NULL).  The
** renders go to a temporary directory ($TMPDIR, else /tmp) that is always
** removed, without any cache.  v itself is not changed: storing the gain is
** the caller's (`narrate voices calibrate` rewrites the profile).
** NARRATE_EVOICE if the target is out of reach within +-NARRATE_GAIN_MAX_DB
** by more than 1 LU.  Takes a few seconds; thread-safe like any render. */
int narrate_voice_calibrate(narrate_engine *engine, const narrate_voice *v, double *gain_db,
                            narrate_loudness *before, narrate_loudness *after,
                            narrate_error *err);

/* ------------------------------------------------------- temporary files */

/*
** Every file the library writes (outputs, timings, cache entries) is first
** written to a temporary file ".narrate-<pid>-XXXXXX" in the same directory
** (<pid>: the writing process), then renamed into place.  A process killed
** with kill -9 leaves its temporary files behind; the first time a process
** writes into a directory, it removes the temporary files there whose
** process no longer exists.  A live process's files are never touched
** (a PID in use by another process, or by another user's, counts as live).
** Directories shared between machines or PID namespaces hold files whose
** PID means nothing here: keep their writers on one host.
*/

/* Remove the temporary files in dir whose process has ended, now (and not
** again when this process writes there).  Returns how many; a directory
** that cannot be read has none. */
unsigned narrate_temp_sweep(const char *dir);

/* A file of the caller's written the same way: created as a temporary file
** beside path, which only narrate_file_commit() renames into place (after
** fsync, with the mode the umask gives a new file).  Until then path is
** untouched; narrate_file_abort() removes the temporary file.  One thread
** at a time per object.  NULL on error (err set; errno too, as the failing
** call left it). */
typedef struct narrate_file narrate_file;
NARRATE_WARN_UNUSED
narrate_file *narrate_file_create(const char *path, narrate_error *err);
/* The descriptor to write to (owned by the object: never close it). */
int narrate_file_fd(const narrate_file *f);
/* Put the file in place and free f, whatever the outcome (on error the
** temporary file is gone and path untouched; errno as for create). */
int narrate_file_commit(narrate_file *f, narrate_error *err);
/* Remove the temporary file and free f; NULL is allowed. */
void narrate_file_abort(narrate_file *f);

/* ----------------------------------------------------------------- cache */

/*
** A content-addressed cache directory shared by every process that renders:
**
**     DIR/ab/abcdef...(64 hex digits).mp3    the audio
**     DIR/ab/abcdef....marks                 where each sentence and word is (timings)
**     DIR/ab/abcdef....json                  its metadata sidecar
**     DIR/ab/abcdef....lock                  taken (flock) while rendering
**     DIR/lang/cd/cdef...(32 hex digits)     the language classifier's answer for a
**                                            text (narrate_article_read_cached)
**
** The key is a SHA-256 over everything audible: the spoken script (after
** normalization and lexicons, with every pause), the voice's effective
** values, the title, author and language written into the tags, the output
** format and encoder settings, and NARRATE_CACHE_FORMAT, which changes when
** the library's audible behaviour does.  The same text saved again, or as
** HTML instead of plain text, has the same key; editing a byline or a
** paragraph changes it.
**
** Entries appear only complete (temporary file, fsync, rename, then the
** sidecar).  Renders of one key are single-flight across threads and
** processes: others wait on the entry's lock (flock, released by the kernel
** if its holder dies) and take the finished entry.  A truncated or corrupt
** entry is removed and rendered again, never served.  One narrate_cache may
** be shared by threads.
*/

#define NARRATE_CACHE_FORMAT 3 /* 2: timings (marks) kept; 3: a true-peak limiter */
#define NARRATE_KEY_LEN 64

typedef struct narrate_cache_entry {
    char key[NARRATE_KEY_LEN + 1];
    char path[4096];      /* the audio file */
    char title[256];      /* "" when absent; truncated to fit */
    char author[256];
    char voice[64];
    narrate_format format;
    double duration_s;
    uint64_t bytes;
    int64_t created;      /* Unix time */
    int renders;          /* times this key was synthesized into the cache: 1 unless repaired */
} narrate_cache_entry;

/* Open (creating it if needed) the cache at dir; dir NULL means
** $NARRATE_CACHE, else $XDG_CACHE_HOME/narrate, else ~/.cache/narrate. */
NARRATE_WARN_UNUSED
narrate_cache *narrate_cache_open(const char *dir, narrate_error *err);

/* Close a cache.  NULL is a no-op. */
void narrate_cache_close(narrate_cache *cache);

/* The cache's directory.  Owned by the cache. */
const char *narrate_cache_dir(const narrate_cache *cache);

/* The key a render of article with opts would have; key gets 64 hex digits
** and a NUL.  Builds the script but synthesizes nothing. */
int narrate_key(narrate_engine *engine, const narrate_article *article,
                const narrate_render_options *opts, char key[NARRATE_KEY_LEN + 1],
                narrate_error *err);

/* Find an entry without rendering: NARRATE_OK and e filled, or
** NARRATE_ENOTFOUND.  Checks the file's size against the sidecar (a
** mismatching entry is removed and reported as not found); the checksum is
** verified when the file is copied out. */
int narrate_cache_lookup(narrate_cache *cache, const char *key, narrate_cache_entry *e,
                         narrate_error *err);

/* Mark key's entry (of that format) used now, for narrate_cache_prune's
** "least recently used": the render functions do on every hit.  A server
** that sends entries itself (narrate_cache_lookup) should too; once a
** minute per entry is plenty. */
void narrate_cache_touch(narrate_cache *cache, const char *key, narrate_format format);

/* Render into the cache unless the key is there already; either way e
** describes the entry.  Single-flight per key across threads and processes. */
int narrate_render_cached(narrate_engine *engine, narrate_cache *cache,
                          const narrate_article *article, const narrate_render_options *opts,
                          narrate_cache_entry *e, narrate_error *err);

/* Maintenance.  Each is safe while other processes read and write the cache:
** entries are removed sidecar first, under their lock (an entry being
** rendered is skipped), and a reader that already opened a file keeps it. */
typedef struct narrate_cache_stats {
    uint64_t entries;
    uint64_t bytes;  /* audio and sidecars */
    int64_t oldest;  /* creation times (Unix), 0 when empty */
    int64_t newest;
} narrate_cache_stats;

int narrate_cache_stats_get(narrate_cache *cache, narrate_cache_stats *stats, narrate_error *err);

/* Remove least recently used entries until at most max_bytes remain (0: no
** limit), and entries unused for more than max_age_s seconds (0: no limit);
** also leftovers of killed writers.  *removed (may be NULL) counts entries. */
int narrate_cache_prune(narrate_cache *cache, uint64_t max_bytes, int64_t max_age_s,
                        uint64_t *removed, narrate_error *err);

/* Check every entry's size and checksum, removing bad ones. */
int narrate_cache_verify(narrate_cache *cache, uint64_t *checked, uint64_t *removed,
                         narrate_error *err);

/* Remove every entry. */
int narrate_cache_clear(narrate_cache *cache, uint64_t *removed, narrate_error *err);

#ifdef __cplusplus
}
#endif

#endif /* NARRATE_H */
