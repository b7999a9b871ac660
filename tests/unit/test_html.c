/* test_html.c - HTML articles: page chrome, reading order, metadata, charsets, hostile pages. */
#include <criterion/criterion.h>
#include <fcntl.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "helpers.h"

static narrate_article *html(const char *text, narrate_error *err)
{
    return narrate_article_parse_as(text, strlen(text), NARRATE_INPUT_HTML, err);
}

static narrate_article *html_ok(const char *text)
{
    narrate_error err;
    narrate_article *a = html(text, &err);
    cr_assert_not_null(a, "%s", err.message);
    return a;
}

/* The paragraphs joined with " | ". */
static char *joined(const narrate_article *a)
{
    size_t n = narrate_article_paragraph_count(a), len = 1;
    for (size_t i = 0; i < n; i++)
        len += strlen(narrate_article_paragraph(a, i)) + 3;
    char *s = malloc(len);
    s[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        if (i)
            strcat(s, " | ");
        strcat(s, narrate_article_paragraph(a, i));
    }
    return s;
}

static void expect_body(const char *page, const char *want)
{
    narrate_article *a = html_ok(page);
    char *got = joined(a);
    cr_assert_str_eq(got, want);
    free(got);
    narrate_article_free(a);
}

static void expect_error(const char *page, int code, const char *needle)
{
    narrate_error err;
    narrate_article *a = html(page, &err);
    cr_assert_null(a, "parsed, wanted an error with '%s'", needle);
    cr_assert_eq(err.code, code, "%s", err.message);
    cr_assert(strstr(err.message, needle), "'%s' lacks '%s'", err.message, needle);
}

/* This process's CPU time, not the wall clock: other processes on a loaded machine
** cannot stretch it, so a bound on it catches quadratic work and nothing else. */
static double seconds(void)
{
    struct timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    cr_assert_not_null(f, "%s", path);
    char *buf = malloc(1 << 20);
    *len = fread(buf, 1, (1 << 20) - 1, f);
    buf[*len] = '\0';
    fclose(f);
    return buf;
}

static const char news_page[] =
    "<!DOCTYPE html><html lang=\"en-US\"><head><meta charset=\"utf-8\">"
    "<title>Storm Hits Coast | Daily News</title>"
    "<script>var ads = \"<p>Buy now</p>\"; if (a < b && c > d) track();</script>"
    "<style>.x { color: red }</style></head><body>"
    "<header><a href=\"/\">Daily News</a><nav><ul><li><a href=\"/world\">World</a></li>"
    "<li><a href=\"/sports\">Sports</a></li></ul></nav></header>"
    "<main><article><header><h1>Storm Hits Coast</h1>"
    "<p class=\"byline\">By <a rel=\"author\" href=\"/by/ann\">Ann Lee</a></p></header>"
    "<button class=\"listen\">Listen to Article \xE2\x80\x94 Click play to generate audio</button>"
    "<div class=\"share\"><button>Share on Facebook</button><button>Share on X</button></div>"
    "<figure><img src=\"storm.jpg\" alt=\"Waves\"><figcaption>Waves on the pier. "
    "Photo: AP</figcaption></figure>"
    "<p>The storm reached the coast on Tuesday.</p>"
    "<aside><h2>Related stories</h2><ul><li><a href=\"/a\">Last year's storm</a></li></ul></aside>"
    "<p>Thousands lost power.</p><noscript>Enable JavaScript</noscript>"
    "<iframe src=\"/video\">Your browser cannot show this video.</iframe>"
    "<form><label>Email</label><input name=e><button>Sign up</button></form>"
    "<footer>Tags: weather</footer></article></main>"
    "<footer><p>&copy; 2024 Daily News</p></footer></body></html>";

Test(html, news_page_reads_only_the_story)
{
    narrate_article *a = html_ok(news_page);
    cr_assert_str_eq(narrate_article_title(a), "Storm Hits Coast");
    cr_assert_str_eq(narrate_article_author(a), "Ann Lee");
    cr_assert_str_eq(narrate_article_language(a), "en-US");
    char *body = joined(a);
    cr_assert_str_eq(body, "The storm reached the coast on Tuesday. | Thousands lost power.");
    const char *never[] = { "Listen", "Share", "Related", "Photo", "World", "Buy now", "color",
                            "JavaScript", "video", "Email", "Tags", "2024", "Ann Lee" };
    for (size_t i = 0; i < sizeof never / sizeof never[0]; i++)
        cr_assert_null(strstr(body, never[i]), "'%s' was read: %s", never[i], body);
    free(body);
    narrate_article_free(a);
}

Test(html, entities_are_decoded)
{
    expect_body("<p>Fish &amp; chips &lt;b&gt; &quot;caf&eacute;&quot; it&#8217;s &#x2014; a&nbsp;b "
                "&copy; &bogus; 5 &lt; 6</p>",
                "Fish & chips <b> \"caf\xC3\xA9\" it\xE2\x80\x99s \xE2\x80\x94 a b \xC2\xA9 "
                "&bogus; 5 < 6");
}

Test(html, br_breaks_paragraphs)
{
    expect_body("<p>One<br>Two<br/>Three</p><div>Four<br><br>Five</div>",
                "One | Two | Three | Four | Five");
}

Test(html, text_directly_in_containers)
{
    expect_body("<body><div>Loose text in a div.</div><div>Before <p>inside</p> after "
                "<span>still</span> here</div><section>Section text<ul><li>item</li></ul>"
                "</section><table><tr><td>cell one</td><td>cell two</td></tr></table>"
                "<blockquote>A quote.</blockquote>Body text.</body>",
                "Loose text in a div. | Before | inside | after still here | Section text | "
                "item | cell one cell two | A quote. | Body text.");
}

Test(html, inline_markup_joins_words)
{
    expect_body("<p>Wash<b>ing</b>ton <em>said</em> <a href=x>so</a>.</p>", "Washington said so.");
}

Test(html, headings_have_levels)
{
    narrate_article *a = html_ok("<article><h1>Title</h1><p>Intro.</p><h2>Part <i>two</i></h2>"
                                 "<p>Text.</p><h3>Three</h3><h4>Four</h4><h5>Five</h5>"
                                 "<h6>Six</h6><p>Deep.</p><h1>Another top heading</h1>"
                                 "<p>End.</p></article>");
    cr_assert_str_eq(narrate_article_title(a), "Title");
    const char *want[] = { "Intro.", "Part two", "Text.", "Three", "Four", "Five", "Six",
                           "Deep.", "Another top heading", "End." };
    int levels[] = { 0, 2, 0, 3, 4, 5, 6, 0, 1, 0 };
    cr_assert_eq(narrate_article_paragraph_count(a), 10);
    for (size_t i = 0; i < 10; i++) {
        cr_assert_str_eq(narrate_article_paragraph(a, i), want[i]);
        cr_assert_eq(narrate_article_heading_level(a, i), levels[i], "paragraph %zu", i);
    }
    narrate_article_free(a);
}

Test(html, title_falls_back_to_title_element)
{
    narrate_article *a = html_ok("<html><head><title> Page  title </title></head>"
                                 "<body><h2>Not a title</h2><p>Text.</p></body></html>");
    cr_assert_str_eq(narrate_article_title(a), "Page title");
    cr_assert_str_eq(narrate_article_paragraph(a, 0), "Not a title");
    cr_assert_eq(narrate_article_heading_level(a, 0), 2);
    narrate_article_free(a);
    /* An empty <h1> (a logo) is passed over. */
    a = html_ok("<body><h1><img src=logo.png></h1><h1>Real</h1><p>Text.</p></body>");
    cr_assert_str_eq(narrate_article_title(a), "Real");
    narrate_article_free(a);
}

Test(html, body_root_article_then_main_then_body)
{
    expect_body("<body><p>Page</p><main><p>Main</p><article><p>Story</p></article></main></body>",
                "Story");
    expect_body("<body><p>Page</p><main><p>Main</p></main></body>", "Main");
    expect_body("<body><header>Site</header><p>Page</p><footer>Foot</footer></body>", "Page");
    /* An <article> in dropped chrome is not the story. */
    expect_body("<body><aside><article><p>Teaser</p></article></aside><main><p>Main</p></main></body>",
                "Main");
    /* The title <h1> may sit outside the story's <article>. */
    narrate_article *a = html_ok("<body><h1>Outside</h1><article><p>Story</p></article></body>");
    cr_assert_str_eq(narrate_article_title(a), "Outside");
    narrate_article_free(a);
}

Test(html, hidden_elements_are_dropped)
{
    expect_body("<p>Shown.</p><p hidden>a</p><div hidden=\"hidden\"><p>b</p></div>"
                "<p aria-hidden=\"true\">c</p><p aria-hidden=\" TRUE \">d</p>"
                "<p aria-hidden=\"false\">Also shown.</p><p style=\"color:red; Display : None\">e</p>"
                "<p style=\"visibility:hidden\">f</p><p style=\"display:block\">Block shown.</p>"
                "<p>In <span style=\"display:none\">g</span>line.</p>"
                "<div role=\"navigation\">h</div><div role=\"button\">i</div>",
                "Shown. | Also shown. | Block shown. | In line.");
}

Test(html, dropped_elements)
{
    expect_body("<p>Keep.</p><script>s</script><style>t</style><noscript>u</noscript>"
                "<template><p>v</p></template><nav>w</nav><aside>x</aside><form>y</form>"
                "<button>z</button><figure><figcaption>cap</figcaption></figure><svg><text>svg</text>"
                "</svg><iframe>if</iframe><p>Also keep.</p>",
                "Keep. | Also keep.");
}

Test(html, header_and_footer_dropped_inside_body)
{
    expect_body("<body><header><p>Site header</p></header><p>Text.</p>"
                "<div><footer>Inner footer</footer></div><footer>Site footer</footer></body>",
                "Text.");
}

Test(html, skip_comments)
{
    /* Siblings, at any level. */
    expect_body("<p>a</p><!-- narrate:skip --><p>b</p><div><p>c</p></div><!-- /narrate:skip -->"
                "<p>d</p><div><p>e</p><!--narrate:skip--><p>f</p><!--/narrate:skip--><p>g</p></div>",
                "a | d | e | g");
    /* Inside a paragraph. */
    expect_body("<p>Keep <!-- narrate:skip -->drop<!-- /narrate:skip --> this.</p>", "Keep this.");
    /* Moved apart by error recovery (the <p>s close implicitly): still document order. */
    expect_body("<p>one<!-- narrate:skip --><p>two<p>three<!-- /narrate:skip --><p>four",
                "one | four");
    /* Unterminated: skips to the end, as in text articles. */
    expect_body("<p>one</p><div><!-- narrate:skip --><p>two</p></div><p>three</p>", "one");
}

Test(html, language_from_lang)
{
    narrate_article *a = html_ok("<html lang=\"es-MX\"><body><p>Hola.</p></body></html>");
    cr_assert_str_eq(narrate_article_language(a), "es-MX");
    narrate_article_free(a);
    a = html_ok("<html lang=\"en\"><body><article lang=\"fr\"><p>Bonjour.</p></article></body></html>");
    cr_assert_str_eq(narrate_article_language(a), "fr");
    narrate_article_free(a);
    a = html_ok("<html><body><article><p>No language.</p></article></body></html>");
    cr_assert_null(narrate_article_language(a));
    narrate_article_free(a);
    /* A lang that is no language tag is not taken (and the page still read). */
    a = html_ok("<html lang=\"en;rm -rf\"><p>x</p></html>");
    cr_assert_null(narrate_article_language(a));
    narrate_article_free(a);
    a = html_ok("<html lang=\"en_GB\"><p>x</p></html>");
    cr_assert_str_eq(narrate_article_language(a), "en-GB");
    narrate_article_free(a);
}

Test(html, voice_from_meta)
{
    narrate_article *a = html_ok("<head><meta name=\"narrate:voice\" content=\"anchor\"></head>"
                                 "<body><p>x</p></body>");
    cr_assert_str_eq(narrate_article_voice(a), "anchor");
    narrate_article_free(a);
}

Test(html, author_from_meta_or_byline)
{
    /* The meta wins; the byline element is still not read. */
    narrate_article *a = html_ok("<head><meta name=\"Author\" content=\"Meta Name\"></head><body>"
                                 "<div class=\"byline\">By Someone Else</div><p>Text.</p></body>");
    cr_assert_str_eq(narrate_article_author(a), "Meta Name");
    cr_assert_eq(narrate_article_paragraph_count(a), 1);
    narrate_article_free(a);

    struct {
        const char *page, *author, *body;
    } cases[] = {
        { "<p class=\"byline\">By Jo Smith</p><p>Text.</p>", "Jo Smith", "Text." },
        { "<div class=\"c-byline\"><span>BY</span> <a rel=\"author\">Jo Smith</a> \xC2\xB7 "
          "<time>May 1</time></div><p>Text.</p>",
          "Jo Smith", "Text." },
        { "<p><span itemprop=\"author\"><span itemprop=\"name\">Jo Smith</span></span></p>"
          "<p>Text.</p>",
          "Jo Smith", "Text." },
        { "<address>By: Jo Smith</address><p>Text.</p>", "Jo Smith", "Text." },
        { "<p class=\"post-author\">Jo Smith</p><p class=\"byline\">Second</p><p>Text.</p>",
          "Jo Smith", "Text." },
        /* A container is not a byline, however it is classed. */
        { "<article class=\"post author-7\"><p>Short story.</p></article>", NULL, "Short story." },
        /* Nor a long bio (in a footer, or long). */
        { "<p>Text.</p><footer><div class=\"author\">Jo</div></footer>", NULL, "Text." },
        /* A long author box is a bio: neither the author nor read. */
        { "<div class=\"author-note\">This is a long editor's note about the author that runs well "
          "past any byline length, with detail after detail after detail after detail, "
          "and then some more detail after that, so that it cannot be a name at all.</div>"
          "<p>Text.</p>",
          NULL, "Text." },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        a = html_ok(cases[i].page);
        if (cases[i].author)
            cr_assert_str_eq(narrate_article_author(a), cases[i].author, "case %zu", i);
        else
            cr_assert_null(narrate_article_author(a), "case %zu: %s", i,
                           narrate_article_author(a));
        char *body = joined(a);
        if (cases[i].body)
            cr_assert_str_eq(body, cases[i].body, "case %zu", i);
        else
            cr_assert(strstr(body, "editor's note"), "case %zu: %s", i, body);
        free(body);
        narrate_article_free(a);
    }
}

Test(html, malformed_html_still_yields_text)
{
    expect_body("<p>one<p>two <b><i>bold</b> italic</i></span></x> <a href=x>link</a>"
                "<div>in div</p><p class=unquoted title='a>b'>three</p><p>4 < 5 and 6 > 5</p>"
                "<td>stray cell</td><li>stray item",
                "one | two bold italic link | in div | three | 4 < 5 and 6 > 5 | stray cell | "
                "stray item");
    /* No <html>, <head> or <body> at all. */
    expect_body("Just text, no tags.", "Just text, no tags.");
}

Test(html, html_without_body_is_an_error)
{
    expect_error("<html><head><title>Only a head</title></head></html>", NARRATE_EINPUT,
                 "no <body> in HTML article '(text)'");
    expect_error("<html><body><script>only code</script><nav>menu</nav></body></html>",
                 NARRATE_EINPUT, "article has no body text '(text)'");
    expect_error("<html><body hidden><p>x</p></body></html>", NARRATE_EINPUT, "no <body>");
}

static char *nested(int depth, const char *tag)
{
    size_t tl = strlen(tag);
    char *s = malloc((size_t)depth * (2 * tl + 5) + 64), *p = s;
    p += sprintf(p, "<p>before</p>");
    for (int i = 0; i < depth; i++)
        p += sprintf(p, "<%s>", tag);
    p += sprintf(p, "deep");
    for (int i = 0; i < depth; i++)
        p += sprintf(p, "</%s>", tag);
    sprintf(p, "<p>after</p>");
    return s;
}

Test(html, deep_nesting_is_refused_quickly, .timeout = 30)
{
    const char *tags[] = { "div", "span", "b", "table" };
    for (size_t i = 0; i < sizeof tags / sizeof tags[0]; i++) {
        char *page = nested(10000, tags[i]);
        double t0 = seconds();
        expect_error(page, NARRATE_EINPUT, "nested more than 256 elements deep");
        cr_assert_lt(seconds() - t0, 5.0, "<%s> x 10000 took %.2f s", tags[i], seconds() - t0);
        free(page);
    }
    /* Deep, but within the limit, is read. */
    char *page = nested(200, "div");
    expect_body(page, "before | deep | after");
    free(page);
}

Test(html, attribute_bomb_is_refused_quickly, .timeout = 30)
{
    size_t n = 100000;
    char *page = malloc(n * 12 + 64), *p = page;
    p += sprintf(p, "<p ");
    for (size_t i = 0; i < n; i++)
        p += sprintf(p, "a%zu=1 ", i);
    sprintf(p, ">x</p>");
    double t0 = seconds();
    expect_error(page, NARRATE_EINPUT, "could hold a tag of more than 2048 attributes");
    cr_assert_lt(seconds() - t0, 5.0);
    /* A big but sane tag is fine. */
    p = page + sprintf(page, "<p ");
    for (size_t i = 0; i < 1000; i++)
        p += sprintf(p, "data-a%zu=\"x y\" ", i);
    sprintf(p, ">fine</p>");
    expect_body(page, "fine");
    free(page);
}

Test(html, declared_charset_is_honoured)
{
    expect_body("<html><head><meta charset=\"ISO-8859-1\"></head><body><p>Caf\xE9 \x80 "
                "na\xEFve</p></body></html>",
                "Caf\xC3\xA9 \xE2\x82\xAC na\xC3\xAFve");
    expect_body("<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; "
                "charset=windows-1251\"></head><body><p>\xCF\xF0\xE8\xE2\xE5\xF2</p></body></html>",
                "\xD0\x9F\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82");
    expect_body("<meta charset=shift_jis><p>\x82\xA0 ok</p>", "\xE3\x81\x82 ok");
    /* Undeclared: UTF-8, invalid bytes dropped, the rest still UTF-8 (no Latin-1 guess). */
    expect_body("<p>caf\xE9 and \xC3\xA9t\xC3\xA9</p>", "caf and \xC3\xA9t\xC3\xA9");
    /* Unknown or unusable labels mean UTF-8 too. */
    expect_body("<meta charset=\"x-no-such-charset\"><p>\xC3\xA9t\xC3\xA9</p>", "\xC3\xA9t\xC3\xA9");
    expect_body("<meta charset=\"utf-16\"><p>\xC3\xA9t\xC3\xA9</p>", "\xC3\xA9t\xC3\xA9");
    /* Bytes the declared charset cannot decode are dropped, not the rest of the page. */
    expect_body("<meta charset=\"shift_jis\"><p>\x82\xA0 \xFF\xFF tail</p>", "\xE3\x81\x82 tail");
}

Test(html, nothing_is_printed)
{
    char *dir = test_tmpdir(), *path = test_path(dir, "stderr");
    int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
    cr_assert_geq(fd, 0);
    fflush(stderr);
    int saved = dup(2);
    dup2(fd, 2);
    const char *pages[] = {
        "<meta charset=\"shift_jis\"><p>\x82\xA0 \xFF\xFF\x80 tail</p>",
        "<meta charset=\"us-ascii\"><p>caf\xE9</p>",
        "<p>bad utf-8 \xFF\xFE</p>",
        "<html><body><p a=1 a=2 <<>></x></y><!-- unterminated",
        "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0//EN\" \"http://example.com/x.dtd\">"
        "<p>&#0; &#xD800; &#99999999; &unknown</p>",
    };
    for (size_t i = 0; i < sizeof pages / sizeof pages[0]; i++)
        narrate_article_free(html(pages[i], NULL));
    char *deep = nested(10000, "div");
    narrate_article_free(html(deep, NULL));
    free(deep);
    fflush(stderr);
    dup2(saved, 2);
    close(saved);
    off_t size = lseek(fd, 0, SEEK_END);
    close(fd);
    free(path);
    test_rmdir(dir);
    cr_assert_eq(size, 0, "the library wrote %lld bytes to stderr", (long long)size);
}

static void host_handler(void *ctx, xmlErrorPtr e)
{
    (void)e;
    (*(int *)ctx)++;
}

Test(html, host_libxml2_error_handler_is_untouched)
{
    int calls = 0;
    xmlSetStructuredErrorFunc(&calls, host_handler);
    narrate_article_free(html("<p a=1 a=2>x</p></nope>", NULL));
    cr_assert_eq((void *)xmlStructuredError, (void *)host_handler);
    cr_assert_eq(xmlStructuredErrorContext, &calls);
    cr_assert_eq(calls, 0, "our parse errors reached the host's handler");
    xmlSetStructuredErrorFunc(NULL, NULL);
}

static void expect_same_as_seed_txt(const narrate_article *h)
{
    narrate_error err;
    narrate_article *t = narrate_article_read(NR_TEST_SRCDIR "/samples/seed.txt", &err);
    cr_assert_not_null(t, "%s", err.message);
    cr_assert_str_eq(narrate_article_title(h), narrate_article_title(t));
    cr_assert_str_eq(narrate_article_author(h), narrate_article_author(t));
    cr_assert_str_eq(narrate_article_language(h), narrate_article_language(t));
    cr_assert_str_eq(narrate_article_voice(h), narrate_article_voice(t));
    cr_assert_eq(narrate_article_paragraph_count(h), narrate_article_paragraph_count(t));
    cr_assert_eq(narrate_article_paragraph_count(t), 7);
    for (size_t i = 0; i < 7; i++) {
        cr_assert_str_eq(narrate_article_paragraph(h, i), narrate_article_paragraph(t, i),
                         "paragraph %zu", i);
        cr_assert_eq(narrate_article_heading_level(h, i), 0);
    }
    narrate_article_free(t);
}

Test(html, seed_html_reads_like_seed_txt)
{
    narrate_error err;
    narrate_article *h = narrate_article_read(NR_TEST_SRCDIR "/samples/seed.html", &err);
    cr_assert_not_null(h, "%s", err.message);
    expect_same_as_seed_txt(h);
    narrate_article_free(h);

    /* Without its <meta name="author">, the byline gives the same author. */
    size_t len;
    char *page = read_file(NR_TEST_SRCDIR "/samples/seed.html", &len);
    char *meta = strstr(page, "<meta name=\"author\"");
    cr_assert_not_null(meta);
    memset(meta, ' ', (size_t)(strchr(meta, '>') + 1 - meta));
    h = narrate_article_parse(page, len, &err);
    cr_assert_not_null(h, "%s", err.message);
    expect_same_as_seed_txt(h);
    narrate_article_free(h);
    free(page);
}

static void *parse_seed(void *arg)
{
    const char *page = arg;
    for (int i = 0; i < 20; i++) {
        narrate_article *a = narrate_article_parse_as(page, strlen(page), NARRATE_INPUT_HTML, NULL);
        if (!a || narrate_article_paragraph_count(a) != 7)
            return (void *)1;
        narrate_article_free(a);
    }
    return NULL;
}

Test(html, threads_parse_at_once)
{
    size_t len;
    char *page = read_file(NR_TEST_SRCDIR "/samples/seed.html", &len);
    pthread_t t[8];
    for (int i = 0; i < 8; i++)
        cr_assert_eq(pthread_create(&t[i], NULL, parse_seed, page), 0);
    for (int i = 0; i < 8; i++) {
        void *rc;
        pthread_join(t[i], &rc);
        cr_assert_null(rc, "thread %d", i);
    }
    free(page);
}

Test(html, read_html_files)
{
    char *dir = test_tmpdir();
    const char *names[] = { "story.html", "story.HTM" };
    for (size_t i = 0; i < 2; i++) {
        char *path = test_path(dir, names[i]);
        FILE *f = fopen(path, "w");
        fputs("<title>From a file</title><p>One.</p><p>Two.</p>", f);
        fclose(f);
        narrate_error err;
        narrate_article *a = narrate_article_read(path, &err);
        cr_assert_not_null(a, "%s", err.message);
        cr_assert_str_eq(narrate_article_title(a), "From a file");
        cr_assert_eq(narrate_article_paragraph_count(a), 2);
        narrate_article_free(a);
        free(path);
    }
    /* Errors name the file. */
    char *path = test_path(dir, "head.html");
    FILE *f = fopen(path, "w");
    fputs("<html><head><title>x</title></head></html>", f);
    fclose(f);
    narrate_error err;
    cr_assert_null(narrate_article_read(path, &err));
    cr_assert(strstr(err.message, path), "%s", err.message);
    free(path);
    test_rmdir(dir);
}

Test(html, detected_by_content)
{
    const char *page = "\n  <!DOCTYPE html><p>Detected.</p>";
    narrate_article *a = narrate_article_parse(page, strlen(page), NULL);
    cr_assert_not_null(a);
    cr_assert_str_eq(narrate_article_paragraph(a, 0), "Detected.");
    narrate_article_free(a);
}
