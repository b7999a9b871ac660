/* html.c - HTML articles through libxml2's HTML parser: charset, page chrome, reading order. */
#include "json.h"

#include <dlfcn.h>
#include <errno.h>
#include <iconv.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlerror.h>

#include "article.h"
#include "error.h"
#include "input.h"
#include "text.h"

/*
** The page is decoded to UTF-8 here (its declared charset, else UTF-8 with
** bad bytes replaced) and parsed twice by libxml2's HTML parser in SAX mode:
** no tree is built, so memory stays proportional to the nesting depth (at
** most MAX_DEPTH) and the current paragraph, and nothing recurses.
** Elements are told apart by their ordinal (the count of start tags so far),
** which is the same in both passes.
**
**   1. survey: the body root (first <article>, else <main>, else <body>),
**      <title>, <meta name="author">, <meta name="narrate:voice">, and for
**      each possible root the first <h1> and the first byline inside it;
**   2. read: the root's paragraphs, without the title <h1>, the byline, the
**      root's <header>/<footer>, and the page chrome dropped everywhere.
**
** Both follow <!-- narrate:skip --> ... <!-- /narrate:skip --> in document
** order, so the two comments need not stay siblings after libxml2's error
** recovery has moved them.
*/

#define SKIP_BEGIN "narrate:skip"
#define SKIP_END "/narrate:skip"

#define BYLINE_MAX 200       /* folded bytes: longer "author" elements are bios, not bylines */
#define BYLINE_RAW_MAX 2048  /* raw text bytes looked at per byline candidate */
#define CHARSET_SCAN 65536   /* bytes searched for <meta charset> */
#define MAX_ATTRIBUTES 256   /* per tag: libxml2 2.9 checks duplicates in quadratic time */
#define MAX_DEPTH 256        /* open elements, as libxml2's own tree builder allows */

/* ---------------------------------------------------------------- libxml2 */

/* libxml2 is loaded on first use, not linked: it brings ICU, whose start-up
** alone would cost every narrate process about 2 ms (most of a cache hit),
** while only HTML articles need it.  The names below stand for the loaded
** functions, so the parser code reads as plain libxml2. */
static struct {
    void (*InitParser)(void);
    void (*StopParser)(xmlParserCtxtPtr);
    void (*SetStructuredErrorFunc)(void *, xmlStructuredErrorFunc);
    xmlStructuredErrorFunc *(*StructuredError)(void);
    void **(*StructuredErrorContext)(void);
    htmlParserCtxtPtr (*CreateMemoryParserCtxt)(const char *, int);
    int (*CtxtUseOptions)(htmlParserCtxtPtr, int);
    int (*SwitchEncoding)(xmlParserCtxtPtr, xmlCharEncoding);
    int (*ParseDocument)(htmlParserCtxtPtr);
    void (*FreeDoc)(xmlDocPtr);
    void (*FreeParserCtxt)(htmlParserCtxtPtr);
    xmlFreeFunc *Free;
    char error[200]; /* why loading failed, "" if it did not */
} lx;

#define LIBXML2 "libxml2.so.2"

static pthread_once_t xml_once = PTHREAD_ONCE_INIT;

static void xml_init(void)
{
    void *h = dlopen(LIBXML2, RTLD_NOW | RTLD_LOCAL);
    struct {
        void *slot;
        const char *name;
    } syms[] = {
        { &lx.InitParser, "xmlInitParser" },
        { &lx.StopParser, "xmlStopParser" },
        { &lx.SetStructuredErrorFunc, "xmlSetStructuredErrorFunc" },
        { &lx.StructuredError, "__xmlStructuredError" },
        { &lx.StructuredErrorContext, "__xmlStructuredErrorContext" },
        { &lx.CreateMemoryParserCtxt, "htmlCreateMemoryParserCtxt" },
        { &lx.CtxtUseOptions, "htmlCtxtUseOptions" },
        { &lx.SwitchEncoding, "xmlSwitchEncoding" },
        { &lx.ParseDocument, "htmlParseDocument" },
        { &lx.FreeDoc, "xmlFreeDoc" },
        { &lx.FreeParserCtxt, "htmlFreeParserCtxt" },
        { &lx.Free, "xmlFree" },
    };
    for (size_t i = 0; h && i < sizeof syms / sizeof syms[0]; i++) {
        void *f = dlsym(h, syms[i].name);
        if (!f) {
            snprintf(lx.error, sizeof lx.error, "%s lacks %s", LIBXML2, syms[i].name);
            return;
        }
        memcpy(syms[i].slot, &f, sizeof f);
    }
    if (!h)
        snprintf(lx.error, sizeof lx.error, "%s", dlerror());
    else
        lx.InitParser();
}

#undef xmlStructuredError
#undef xmlStructuredErrorContext
#undef xmlFree
#define xmlStopParser lx.StopParser
#define xmlSetStructuredErrorFunc lx.SetStructuredErrorFunc
#define xmlStructuredError (*lx.StructuredError())
#define xmlStructuredErrorContext (*lx.StructuredErrorContext())
#define htmlCreateMemoryParserCtxt lx.CreateMemoryParserCtxt
#define htmlCtxtUseOptions lx.CtxtUseOptions
#define xmlSwitchEncoding lx.SwitchEncoding
#define htmlParseDocument lx.ParseDocument
#define xmlFreeDoc lx.FreeDoc
#define htmlFreeParserCtxt lx.FreeParserCtxt
#define xmlFree (*lx.Free)

#if LIBXML_VERSION >= 21200
typedef const xmlError *xml_error_arg;
#else
typedef xmlErrorPtr xml_error_arg;
#endif

static void ignore_xml_error(void *data, xml_error_arg e)
{
    (void)data;
    (void)e;
}

/* ---------------------------------------------------------------- charset */

static int is_space(int c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* Copy an attribute value at s (quoted or not) into out; returns the end. */
static const char *attr_value(const char *s, const char *end, char *out, size_t size)
{
    char quote = 0;
    size_t n = 0;
    if (s < end && (*s == '"' || *s == '\''))
        quote = *s++;
    while (s < end && (quote ? *s != quote : !is_space(*s) && *s != '>')) {
        if (n + 1 < size)
            out[n++] = *s;
        s++;
    }
    out[n] = '\0';
    return quote && s < end ? s + 1 : s;
}

/* The "charset=" parameter of a Content-Type value, copied into out. */
static void content_charset(const char *content, char *out, size_t size)
{
    out[0] = '\0';
    for (const char *p = content; *p; p++) {
        if (strncasecmp(p, "charset", 7) != 0)
            continue;
        p += 7;
        while (is_space(*p))
            p++;
        if (*p != '=')
            continue;
        p++;
        while (is_space(*p))
            p++;
        attr_value(p, p + strlen(p), out, size);
        out[strcspn(out, "; \t\r\n\"'")] = '\0';
        return;
    }
}

/* The charset declared by the first <meta charset> or <meta http-equiv
** content-type> in the first CHARSET_SCAN bytes (a simplified form of the
** HTML standard's prescan), lowercased into label; 0 if none. */
static int declared_charset(const char *s, size_t len, char *label, size_t size)
{
    const char *end = s + (len < CHARSET_SCAN ? len : CHARSET_SCAN);
    for (const char *p = s; p < end; p++) {
        if (*p != '<')
            continue;
        if (end - p >= 4 && memcmp(p, "<!--", 4) == 0) {
            const char *close = memmem(p + 4, (size_t)(end - p - 4), "-->", 3);
            if (!close)
                return 0;
            p = close + 2;
            continue;
        }
        if (end - p < 6 || strncasecmp(p + 1, "meta", 4) != 0 || !(is_space(p[5]) || p[5] == '/'))
            continue;
        char charset[256] = "", content[256] = "", name[16], value[256];
        int equiv = 0;
        p += 5;
        while (p < end && *p != '>') {
            if (is_space(*p) || *p == '/') {
                p++;
                continue;
            }
            size_t n = 0;
            while (p < end && !is_space(*p) && *p != '=' && *p != '>' && *p != '/') {
                if (n + 1 < sizeof name)
                    name[n++] = *p;
                p++;
            }
            name[n] = '\0';
            while (p < end && is_space(*p))
                p++;
            value[0] = '\0';
            if (p < end && *p == '=') {
                p++;
                while (p < end && is_space(*p))
                    p++;
                p = attr_value(p, end, value, sizeof value);
            }
            if (strcasecmp(name, "charset") == 0)
                snprintf(charset, sizeof charset, "%s", value);
            else if (strcasecmp(name, "http-equiv") == 0)
                equiv = strcasecmp(value, "content-type") == 0;
            else if (strcasecmp(name, "content") == 0)
                snprintf(content, sizeof content, "%s", value);
        }
        if (!*charset && equiv)
            content_charset(content, charset, sizeof charset);
        /* Trim, lowercase and vet: a label reaches iconv_open, so no "//" suffixes. */
        const char *b = charset;
        while (is_space(*b))
            b++;
        size_t n = strlen(b);
        while (n && is_space(b[n - 1]))
            n--;
        if (n == 0)
            continue;
        if (n >= size || strspn(b, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                   "0123456789._:-") < n)
            return 0;
        for (size_t i = 0; i < n; i++)
            label[i] = (char)(b[i] >= 'A' && b[i] <= 'Z' ? b[i] + 32 : b[i]);
        label[n] = '\0';
        return 1;
    }
    return 0;
}

/* The iconv name for a declared label, or NULL to read the page as UTF-8.
** As in browsers, Latin-1 and ASCII labels mean windows-1252, and labels of
** encodings that are not ASCII-compatible (a <meta> that could be read
** as ASCII cannot be in them) mean UTF-8. */
static const char *iconv_charset(const char *label)
{
    static const char *const latin1[] = { "iso-8859-1", "iso8859-1", "iso_8859-1", "latin1",
                                          "l1", "us-ascii", "ascii", "cp1252", "x-cp1252",
                                          "cp819", "ibm819", "windows-1252" };
    static const char *const utf8_prefixes[] = { "utf", "ucs", "unicode", "x-unicode",
                                                 "csunicode", "iso-10646" };
    for (size_t i = 0; i < sizeof latin1 / sizeof latin1[0]; i++)
        if (strcmp(label, latin1[i]) == 0)
            return "WINDOWS-1252";
    for (size_t i = 0; i < sizeof utf8_prefixes / sizeof utf8_prefixes[0]; i++)
        if (strncmp(label, utf8_prefixes[i], strlen(utf8_prefixes[i])) == 0)
            return NULL;
    return label;
}

/* Double out's capacity; 0 when out of memory (out is then freed). */
static int grow(char **out, size_t *cap)
{
    char *grown = realloc(*out, *cap * 2);
    if (!grown) {
        free(*out);
        *out = NULL;
        return 0;
    }
    *out = grown;
    *cap *= 2;
    return 1;
}

/* Convert with cd to UTF-8, each undecodable byte becoming U+FFFD.  NULL
** when out of memory. */
static char *convert(iconv_t cd, const char *data, size_t len, size_t *outlen)
{
    size_t cap = len + len / 2 + 64, used = 0, left = len;
    char *out = malloc(cap), *in = (char *)data;
    while (out) {
        if (cap - used < 16 && !grow(&out, &cap))
            break;
        char *op = out + used;
        size_t room = cap - used - 4; /* keeps room for a U+FFFD and the NUL */
        int flushing = left == 0;     /* all read: end any shift state */
        size_t rc = flushing ? iconv(cd, NULL, NULL, &op, &room) : iconv(cd, &in, &left, &op, &room);
        int e = errno;
        used = (size_t)(op - out);
        if (rc != (size_t)-1) {
            if (flushing) {
                out[used] = '\0';
                *outlen = used;
                return out;
            }
        } else if (e == E2BIG) {
            if (!grow(&out, &cap))
                break;
        } else if (flushing) {
            out[used] = '\0'; /* a shift state that cannot end: keep what was read */
            *outlen = used;
            return out;
        } else { /* EILSEQ, EINVAL: a bad or cut-off sequence */
            memcpy(out + used, "\xEF\xBF\xBD", 3);
            used += 3;
            in++;
            left--;
        }
    }
    return NULL;
}

/* The page as valid UTF-8 (malloc'd): in its declared charset if sniff and
** one is declared, else UTF-8 with invalid sequences replaced.  NULL when
** out of memory. */
static char *decode(const char *data, size_t len, int sniff, size_t *outlen)
{
    char label[40];
    int bom = len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0;
    const char *charset = NULL;
    if (sniff && !bom && declared_charset(data, len, label, sizeof label))
        charset = iconv_charset(label);
    if (charset) {
        iconv_t cd = iconv_open("UTF-8", charset);
        if (cd != (iconv_t)-1) {
            char *out = convert(cd, data, len, outlen);
            iconv_close(cd);
            return out;
        }
    }
    return nr_utf8_repair(data, len, outlen);
}

/* ---------------------------------------------------------------- attribute guard */

/*
** libxml2 2.9's htmlParseStartTag compares each attribute with every earlier
** one of the same tag, so one tag with 100,000 attributes takes minutes.
** Before parsing, bound the attributes any tag can have: a start tag may
** begin at any '<', and from there libxml2's attribute syntax is a small
** automaton (name, '=', quoted or bare value, junk up to a blank).  Running
** one automaton per '<' at once, keeping per state only the largest count,
** gives in linear time an upper bound of the attributes of every tag
** libxml2 will see, whatever the context (script, comment, attribute value).
** Counts are in 1/100ths: libxml2 reads a name in pieces of at most 100
** bytes, each one attribute, so a name costs 100 plus one per byte.
*/
enum {
    G_TAG,        /* in the tag name */
    G_NAME,       /* in an attribute name */
    G_AFTER_NAME, /* blanks after a name */
    G_EQUALS,     /* blanks after '=' */
    G_ATTRS,      /* between attributes */
    G_BARE,       /* an unquoted value */
    G_DQUOTE,     /* a "value" */
    G_SQUOTE,     /* a 'value' */
    G_JUNK,       /* not an attribute: skipped up to a blank */
    G_STATES
};

#define G_UNIT 100

static int name_start(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':' || c == '.';
}

static int name_char(int c)
{
    return name_start(c) || (c >= '0' && c <= '9') || c == '-';
}

static int blank(int c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static void g_put(long *st, int state, long count)
{
    if (count > st[state])
        st[state] = count;
}

static void g_move(long *st, int from, int to)
{
    g_put(st, to, st[from]);
    st[from] = -1;
}

static int too_many_attributes(const char *s, size_t len)
{
    const long limit = (long)MAX_ATTRIBUTES * G_UNIT;
    long st[G_STATES], nx[G_STATES];
    int active = 0;
    for (int k = 0; k < G_STATES; k++)
        st[k] = -1;
    for (size_t i = 0; i < len; i++) {
        if (!active) { /* no tag open: jump to the next '<' */
            const char *lt = memchr(s + i, '<', len - i);
            if (!lt)
                return 0;
            i = (size_t)(lt - s);
        }
        int c = (unsigned char)s[i], next = i + 1 < len ? (unsigned char)s[i + 1] : -1;
        /* States that hand this character on to another. */
        if (!name_char(c)) {
            g_move(st, G_NAME, G_AFTER_NAME);
            g_move(st, G_TAG, G_ATTRS);
        }
        if (!blank(c) && c != '=')
            g_move(st, G_AFTER_NAME, G_ATTRS);
        if (!blank(c) && c != '"' && c != '\'')
            g_move(st, G_EQUALS, G_BARE);
        for (int k = 0; k < G_STATES; k++)
            nx[k] = -1;
        int ends = c == '>' || (c == '/' && next == '>');
        if (st[G_TAG] >= 0)
            g_put(nx, G_TAG, st[G_TAG] + 1);
        if (st[G_NAME] >= 0)
            g_put(nx, G_NAME, st[G_NAME] + 1);
        if (st[G_AFTER_NAME] >= 0)
            g_put(nx, c == '=' ? G_EQUALS : G_AFTER_NAME, st[G_AFTER_NAME]);
        if (st[G_EQUALS] >= 0)
            g_put(nx, c == '"' ? G_DQUOTE : c == '\'' ? G_SQUOTE : G_EQUALS, st[G_EQUALS]);
        if (st[G_ATTRS] >= 0 && !ends) {
            if (blank(c))
                g_put(nx, G_ATTRS, st[G_ATTRS]);
            else if (name_start(c))
                g_put(nx, G_NAME, st[G_ATTRS] + G_UNIT + 1);
            else
                g_put(nx, G_JUNK, st[G_ATTRS]);
        }
        if (st[G_BARE] >= 0 && c != '>')
            g_put(nx, blank(c) ? G_ATTRS : G_BARE, st[G_BARE]);
        if (st[G_DQUOTE] >= 0)
            g_put(nx, c == '"' ? G_ATTRS : G_DQUOTE, st[G_DQUOTE]);
        if (st[G_SQUOTE] >= 0)
            g_put(nx, c == '\'' ? G_ATTRS : G_SQUOTE, st[G_SQUOTE]);
        if (st[G_JUNK] >= 0 && !ends)
            g_put(nx, blank(c) ? G_ATTRS : G_JUNK, st[G_JUNK]);
        if (c == '<' && name_start(next))
            g_put(nx, G_TAG, 0);
        active = 0;
        for (int k = 0; k < G_STATES; k++) {
            st[k] = nx[k];
            if (st[k] > limit)
                return 1;
            active |= st[k] >= 0;
        }
    }
    return 0;
}

/* ---------------------------------------------------------------- elements */

enum {
    E_BLOCK = 1,  /* a paragraph boundary */
    E_DROP = 2,   /* never read: code, chrome, media, forms, hidden */
    E_CHROME = 4, /* page header and footer: dropped inside the body */
    E_BREAK = 8,  /* <br> */
    E_CELL = 16,  /* a table cell: its words stay apart, in the row's paragraph */
};

typedef struct {
    const char *name;
    unsigned char flags, level;
} element;

/* Sorted by name (strcmp) for bsearch. */
static const element elements[] = {
    { "address", E_BLOCK, 0 },     { "applet", E_DROP, 0 },
    { "article", E_BLOCK, 0 },     { "aside", E_BLOCK | E_DROP, 0 },
    { "audio", E_DROP, 0 },        { "blockquote", E_BLOCK, 0 },
    { "body", E_BLOCK, 0 },        { "br", E_BREAK, 0 },
    { "button", E_DROP, 0 },       { "canvas", E_DROP, 0 },
    { "caption", E_BLOCK, 0 },     { "center", E_BLOCK, 0 },
    { "dd", E_BLOCK, 0 },          { "details", E_BLOCK, 0 },
    { "dialog", E_BLOCK | E_DROP, 0 }, { "dir", E_BLOCK, 0 },
    { "div", E_BLOCK, 0 },         { "dl", E_BLOCK, 0 },
    { "dt", E_BLOCK, 0 },          { "embed", E_DROP, 0 },
    { "fieldset", E_BLOCK, 0 },    { "figcaption", E_BLOCK | E_DROP, 0 },
    { "figure", E_BLOCK | E_DROP, 0 }, { "footer", E_BLOCK | E_CHROME, 0 },
    { "form", E_BLOCK | E_DROP, 0 }, { "frameset", E_BLOCK | E_DROP, 0 },
    { "h1", E_BLOCK, 1 },          { "h2", E_BLOCK, 2 },
    { "h3", E_BLOCK, 3 },          { "h4", E_BLOCK, 4 },
    { "h5", E_BLOCK, 5 },          { "h6", E_BLOCK, 6 },
    { "header", E_BLOCK | E_CHROME, 0 }, { "hgroup", E_BLOCK, 0 },
    { "hr", E_BLOCK, 0 },          { "html", E_BLOCK, 0 },
    { "iframe", E_DROP, 0 },       { "legend", E_BLOCK, 0 },
    { "li", E_BLOCK, 0 },          { "listing", E_BLOCK, 0 },
    { "main", E_BLOCK, 0 },        { "menu", E_BLOCK, 0 },
    { "nav", E_BLOCK | E_DROP, 0 }, { "noembed", E_DROP, 0 },
    { "noframes", E_DROP, 0 },     { "noscript", E_DROP, 0 },
    { "object", E_DROP, 0 },       { "ol", E_BLOCK, 0 },
    { "optgroup", E_BLOCK, 0 },    { "option", E_BLOCK, 0 },
    { "p", E_BLOCK, 0 },           { "pre", E_BLOCK, 0 },
    { "script", E_DROP, 0 },       { "section", E_BLOCK, 0 },
    { "select", E_DROP, 0 },       { "style", E_DROP, 0 },
    { "summary", E_BLOCK, 0 },     { "svg", E_DROP, 0 },
    { "table", E_BLOCK, 0 },       { "tbody", E_BLOCK, 0 },
    { "td", E_CELL, 0 },           { "template", E_DROP, 0 },
    { "textarea", E_DROP, 0 },     { "tfoot", E_BLOCK, 0 },
    { "th", E_CELL, 0 },           { "thead", E_BLOCK, 0 },
    { "title", E_BLOCK, 0 },       { "tr", E_BLOCK, 0 },
    { "ul", E_BLOCK, 0 },          { "video", E_DROP, 0 },
    { "xmp", E_BLOCK, 0 },
};

static int element_cmp(const void *key, const void *e)
{
    return strcmp(key, ((const element *)e)->name);
}

/* What the element table says about a tag (all zero for inline elements).
** libxml2's HTML parser lowercases tag and attribute names. */
static element lookup(const xmlChar *name)
{
    static const element inline_element = { "", 0, 0 };
    const element *e = name ? bsearch(name, elements, sizeof elements / sizeof elements[0],
                                      sizeof elements[0], element_cmp)
                            : NULL;
    return e ? *e : inline_element;
}

static int is_named(const xmlChar *tag, const char *name)
{
    return tag && strcmp((const char *)tag, name) == 0;
}

/* The value of attribute name in a start tag's name/value list ("" for one
** without a value), or NULL when absent. */
static const char *att(const xmlChar **atts, const char *name)
{
    for (; atts && atts[0]; atts += 2)
        if (strcmp((const char *)atts[0], name) == 0)
            return atts[1] ? (const char *)atts[1] : "";
    return NULL;
}

static int contains_ci(const char *hay, const char *needle)
{
    size_t n = strlen(needle);
    for (; *hay; hay++)
        if (strncasecmp(hay, needle, n) == 0)
            return 1;
    return 0;
}

/* Is s, trimmed, equal to word (case-insensitive)? */
static int is_word(const char *s, const char *word)
{
    while (is_space(*s))
        s++;
    size_t n = strlen(word);
    if (strncasecmp(s, word, n) != 0)
        return 0;
    for (s += n; is_space(*s); s++)
        ;
    return *s == '\0';
}

/* Does an inline style hide the element (display:none, visibility:hidden)? */
static int style_hides(const char *style)
{
    static const char *const hiding[] = { "display:none", "visibility:hidden" };
    for (size_t k = 0; k < sizeof hiding / sizeof hiding[0]; k++) {
        /* Match ignoring case and white space, restarting after each mismatch:
        ** the patterns have no repeated prefix, so that finds every match. */
        const char *pat = hiding[k], *m = pat;
        for (const char *p = style; *p; p++) {
            if (is_space(*p))
                continue;
            char c = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
            m = c == *m ? m + 1 : c == *pat ? pat + 1 : pat;
            if (!*m)
                return 1;
        }
    }
    return 0;
}

/* E_DROP and E_CHROME from attributes: hidden, aria-hidden, style, role. */
static int attribute_flags(const xmlChar **atts)
{
    static const char *const drop_roles[] = { "navigation", "complementary", "search", "button",
                                              "dialog", "alertdialog", "menu", "menubar",
                                              "toolbar" };
    const char *v;
    if (!atts)
        return 0;
    if (att(atts, "hidden"))
        return E_DROP;
    if ((v = att(atts, "aria-hidden")) && is_word(v, "true"))
        return E_DROP;
    if ((v = att(atts, "style")) && style_hides(v))
        return E_DROP;
    if (!(v = att(atts, "role")))
        return 0;
    int flags = 0;
    while (*v) {
        while (is_space(*v))
            v++;
        size_t len = 0;
        while (v[len] && !is_space(v[len]))
            len++;
        for (size_t i = 0; i < sizeof drop_roles / sizeof drop_roles[0]; i++)
            if (len == strlen(drop_roles[i]) && strncasecmp(v, drop_roles[i], len) == 0)
                flags |= E_DROP;
        if ((len == 6 && strncasecmp(v, "banner", 6) == 0) ||
            (len == 11 && strncasecmp(v, "contentinfo", 11) == 0))
            flags |= E_CHROME;
        v += len;
    }
    return flags;
}

/* Elements that hold a page's or an article's content, never its byline. */
static int is_container(const xmlChar *tag)
{
    return is_named(tag, "html") || is_named(tag, "body") || is_named(tag, "main") ||
           is_named(tag, "article") || is_named(tag, "section");
}

/* A byline: <address>, or class, rel or itemprop naming a byline or author
** (on anything but a container: <article class="post author-12"> is not). */
static int is_byline(const xmlChar *tag, const xmlChar **atts)
{
    static const char *const names[] = { "class", "rel", "itemprop" };
    if (is_container(tag))
        return 0;
    if (is_named(tag, "address"))
        return 1;
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        const char *v = att(atts, names[i]);
        if (v && (contains_ci(v, "byline") || contains_ci(v, "author")))
            return 1;
    }
    return 0;
}

/* ---------------------------------------------------------------- walking */

/*
** A pass sees the page as enter/leave/text events.  The walker hides what no
** pass reads (E_DROP subtrees: nothing inside them counts, not even skip
** comments) and what a pass chooses not to read (a muted subtree: only its
** skip comments still count), so both passes agree on what is skipped.
*/
typedef struct walker walker;
struct walker {
    /* An element, with attribute flags or'ed into e.  Returns 1 to see its
    ** contents (then leave follows), 0 to mute them.  E_DROP elements are
    ** shown too, so a pass can mark their place; their contents are hidden. */
    int (*enter)(walker *w, const xmlChar *tag, const xmlChar **atts, element e);
    void (*leave)(walker *w, element e);
    void (*text)(walker *w, const char *s, size_t len); /* outside skipped parts */
    htmlParserCtxtPtr ctxt;
    long ordinal;   /* of the latest start tag, from 1 */
    int depth;      /* open elements, the current one included */
    int drop_depth; /* inside an E_DROP subtree opened at this depth */
    int mute_depth; /* inside a muted subtree opened at this depth */
    int skipping;   /* between <!-- narrate:skip --> and <!-- /narrate:skip --> */
    int too_deep, oom, stop;
};

static void halt(walker *w)
{
    w->stop = 1;
    xmlStopParser(w->ctxt);
}

static void on_start(void *ctx, const xmlChar *tag, const xmlChar **atts)
{
    walker *w = ((htmlParserCtxtPtr)ctx)->_private;
    if (w->stop)
        return;
    w->ordinal++;
    if (++w->depth > MAX_DEPTH) {
        w->too_deep = 1;
        halt(w);
        return;
    }
    if (w->drop_depth)
        return;
    element e = lookup(tag);
    e.flags |= attribute_flags(atts);
    if (e.flags & E_DROP) {
        w->drop_depth = w->depth;
        if (!w->mute_depth)
            w->enter(w, tag, atts, e);
    } else if (!w->mute_depth && !w->enter(w, tag, atts, e)) {
        w->mute_depth = w->depth;
    }
    if (w->stop)
        halt(w);
}

static void on_end(void *ctx, const xmlChar *tag)
{
    walker *w = ((htmlParserCtxtPtr)ctx)->_private;
    if (w->stop || w->depth == 0)
        return;
    if (w->drop_depth || w->mute_depth) {
        if (w->depth == w->drop_depth)
            w->drop_depth = 0;
        else if (w->depth == w->mute_depth && !w->drop_depth)
            w->mute_depth = 0;
    } else {
        w->leave(w, lookup(tag));
    }
    w->depth--;
    if (w->stop)
        halt(w);
}

static void on_text(void *ctx, const xmlChar *s, int len)
{
    walker *w = ((htmlParserCtxtPtr)ctx)->_private;
    if (w->stop || w->drop_depth || w->mute_depth || w->skipping || len <= 0)
        return;
    w->text(w, (const char *)s, (size_t)len);
    if (w->stop)
        halt(w);
}

static void on_comment(void *ctx, const xmlChar *value)
{
    walker *w = ((htmlParserCtxtPtr)ctx)->_private;
    if (w->stop || w->drop_depth || !value)
        return;
    if (is_word((const char *)value, SKIP_BEGIN))
        w->skipping = 1;
    else if (is_word((const char *)value, SKIP_END))
        w->skipping = 0;
}

#define PARSE_OPTIONS (HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | \
                       HTML_PARSE_NONET | HTML_PARSE_IGNORE_ENC)

/* Run one pass over len bytes of UTF-8 HTML.  NARRATE_OK, or a negative code
** with err filled. */
static int walk(walker *w, const char *html, size_t len, const char *name, narrate_error *err)
{
    if (len == 0)
        return NARRATE_OK;
    htmlSAXHandler sax;
    memset(&sax, 0, sizeof sax);
    sax.startElement = on_start;
    sax.endElement = on_end;
    sax.characters = on_text;
    sax.ignorableWhitespace = on_text;
    sax.cdataBlock = on_text; /* <script> and <style>: dropped, but counted the same way */
    sax.comment = on_comment;

    /* HTML_PARSE_NOERROR silences this context's messages.  libxml2 also
    ** reports a few problems (allocation failures) outside any context: the
    ** structured handler catches those.  libxml2 keeps it per thread, so it
    ** is swapped around this parse only and put back as found. */
    xmlStructuredErrorFunc saved = xmlStructuredError;
    void *saved_ctx = xmlStructuredErrorContext;
    xmlSetStructuredErrorFunc(NULL, ignore_xml_error);
    htmlParserCtxtPtr ctxt = htmlCreateMemoryParserCtxt(html, (int)len);
    int nomem = ctxt == NULL;
    if (ctxt) {
        xmlFree(ctxt->sax);
        ctxt->sax = &sax;
        ctxt->userData = ctxt;
        ctxt->_private = w;
        w->ctxt = ctxt;
        htmlCtxtUseOptions(ctxt, PARSE_OPTIONS);
        /* The text is UTF-8 (decode() made sure): without this, libxml2
        ** guesses Latin-1 at the first non-ASCII byte. */
        xmlSwitchEncoding(ctxt, XML_CHAR_ENCODING_UTF8);
        htmlParseDocument(ctxt);
        nomem = ctxt->errNo == XML_ERR_NO_MEMORY;
        ctxt->sax = NULL; /* ours, on the stack */
        if (ctxt->myDoc)
            xmlFreeDoc(ctxt->myDoc);
        htmlFreeParserCtxt(ctxt);
        w->ctxt = NULL;
    }
    xmlSetStructuredErrorFunc(saved_ctx, saved);

    if (nomem || w->oom)
        return nr_fail(err, NARRATE_ENOMEM, "out of memory reading HTML article '%s'", name);
    if (w->too_deep)
        return nr_fail(err, NARRATE_EINPUT, "HTML nested more than %d elements deep in '%s'",
                       MAX_DEPTH, name);
    return NARRATE_OK;
}

/* A growable text buffer. */
typedef struct {
    char *buf;
    size_t len, cap;
    int oom;
} sink;

static void sink_put(sink *s, const char *text, size_t len)
{
    if (s->oom)
        return;
    if (s->cap - s->len < len + 1) {
        size_t cap = s->cap ? s->cap : 256;
        while (cap - s->len < len + 1)
            cap *= 2;
        char *b = realloc(s->buf, cap);
        if (!b) {
            s->oom = 1;
            return;
        }
        s->buf = b;
        s->cap = cap;
    }
    memcpy(s->buf + s->len, text, len);
    s->len += len;
    s->buf[s->len] = '\0';
}

/* ---------------------------------------------------------------- pass 1: survey */

/* Where the title and byline are looked for: inside each possible body
** root, and anywhere (the fallback). */
enum { S_ARTICLE, S_MAIN, S_BODY, S_ANY, SCOPES };

typedef struct {
    int open;      /* inside it now */
    int depth;     /* its element's depth */
    long ordinal;  /* its element's ordinal; 0: none in the page */
    char *lang;    /* its language: its own lang or its nearest ancestor's */
    long h1;       /* the title <h1>'s ordinal, 0 if none yet */
    const char *title;
    long byline;   /* the byline element's ordinal, 0 if none yet */
    char author[BYLINE_MAX + 1];
    size_t chosen; /* stack index of the byline element */
    int growing;   /* its ancestors on the stack may still widen it */
} scope;

/* An element that may be the byline, with the start of its text. */
typedef struct {
    long ordinal;
    int depth;
    size_t len, raw;
    int over; /* too long to be a byline */
    char buf[BYLINE_MAX + 1];
} candidate;

typedef struct {
    walker w;
    scope scopes[SCOPES];
    char *lang[MAX_DEPTH + 1];  /* lang attribute of the open element at each depth */
    int footer;                 /* depth of the <footer> the walk is in, 0 if none */
    /* The first <title>, and <meta name="author"> and <meta name="narrate:voice">. */
    int title_depth, title_done;
    sink title;
    char *meta_author, *meta_voice;
    /* The <h1> being read: the first to close with speakable text is the title. */
    int h1_depth;
    long h1_ordinal;
    sink h1_text;
    char *titles[SCOPES]; /* h1 texts handed to scopes (owned; each fills one at least) */
    int ntitles;
    /* Open byline candidates, outermost first.  The first to close with
    ** short, speakable text gives a scope its author, and the outermost short
    ** candidate around it becomes the byline element left out of the body. */
    candidate *stack;
    size_t depth;
} survey;

static int scope_wants(const survey *s, int title)
{
    for (int k = 0; k < SCOPES; k++)
        if (s->scopes[k].open && !(title ? s->scopes[k].h1 : s->scopes[k].byline))
            return 1;
    return 0;
}

/* The language at the current depth: the nearest lang attribute. */
static const char *current_lang(const survey *s)
{
    for (int d = s->w.depth; d > 0; d--)
        if (s->lang[d])
            return s->lang[d];
    return NULL;
}

/* Append text to the open byline candidates that still take it: the outer
** ones fill first, so those are the top of the stack down to the first full
** one.  Folds white space; each candidate looks at BYLINE_RAW_MAX bytes at
** most, which keeps this linear however deep the candidates nest. */
static void candidates_put(survey *s, const char *text, size_t len)
{
    for (size_t k = s->depth; k-- > 0 && !s->stack[k].over;) {
        candidate *c = &s->stack[k];
        for (size_t i = 0; i < len; i++) {
            char ch = text[i];
            if (++c->raw > BYLINE_RAW_MAX) {
                c->over = 1;
                break;
            }
            if (is_space(ch)) {
                if (c->len == 0 || c->buf[c->len - 1] == ' ')
                    continue;
                ch = ' ';
            }
            if (c->len == BYLINE_MAX) {
                c->over = 1;
                break;
            }
            c->buf[c->len++] = ch;
        }
    }
}

/* A byline's author: trimmed, without a leading "By". */
static const char *byline_author(candidate *c)
{
    while (c->len && c->buf[c->len - 1] == ' ')
        c->len--;
    c->buf[c->len] = '\0';
    const char *a = c->buf;
    if (strncasecmp(a, "by", 2) == 0 && (a[2] == ' ' || a[2] == ':' || a[2] == '\0')) {
        a += 2;
        while (*a == ' ' || *a == ':')
            a++;
    }
    return a;
}

/* A word break in the title and byline being read. */
static void survey_break(survey *s)
{
    if (s->h1_depth)
        sink_put(&s->h1_text, " ", 1);
    candidates_put(s, " ", 1);
}

static int survey_enter(walker *w, const xmlChar *tag, const xmlChar **atts, element e)
{
    survey *s = (survey *)w;
    int d = w->depth;
    if (e.flags & E_DROP) {
        survey_break(s);
        return 0;
    }
    const char *lang = att(atts, "lang");
    if (!lang || !*lang)
        lang = att(atts, "xml:lang");
    if (lang && *lang && !(s->lang[d] = strdup(lang)))
        w->oom = w->stop = 1;
    int root = is_named(tag, "article") ? S_ARTICLE : is_named(tag, "main") ? S_MAIN
             : is_named(tag, "body") ? S_BODY : -1;
    /* <body> is the root of last resort even when skipped; the others not. */
    if (root >= 0 && !s->scopes[root].ordinal && (root == S_BODY || !w->skipping)) {
        scope *sc = &s->scopes[root];
        sc->open = 1;
        sc->depth = d;
        sc->ordinal = w->ordinal;
        const char *l = current_lang(s);
        if (l && !(sc->lang = strdup(l)))
            w->oom = w->stop = 1;
    }
    /* A byline holds neither the title nor the article. */
    if (is_container(tag) || is_named(tag, "h1"))
        for (size_t k = 0; k < s->depth; k++)
            s->stack[k].over = 1;
    if ((e.flags & E_CHROME) && !is_named(tag, "header") && !s->footer)
        s->footer = d; /* no title or byline in footers; <header> holds most */
    if (e.flags & (E_BLOCK | E_BREAK | E_CELL))
        survey_break(s);
    if (w->skipping)
        return 1;
    if (is_named(tag, "title") && !s->title_done && !s->title_depth)
        s->title_depth = d;
    if (is_named(tag, "meta")) {
        const char *name = att(atts, "name"), *content = att(atts, "content");
        char **slot = !name || !content || !*content ? NULL
                    : is_word(name, "author") ? &s->meta_author
                    : is_word(name, "narrate:voice") ? &s->meta_voice : NULL;
        if (slot && !*slot && !(*slot = strdup(content)))
            w->oom = w->stop = 1;
    }
    if (s->footer)
        return 1;
    if (is_named(tag, "h1") && !s->h1_depth && scope_wants(s, 1)) {
        s->h1_depth = d;
        s->h1_ordinal = w->ordinal;
        s->h1_text.len = 0;
    }
    if (!s->h1_depth && is_byline(tag, atts) && scope_wants(s, 0)) {
        candidate *c = &s->stack[s->depth++]; /* depth <= MAX_DEPTH: room for all */
        c->ordinal = w->ordinal;
        c->depth = d;
        c->len = c->raw = 0;
        c->over = 0;
    }
    return 1;
}

/* A candidate closed: give its author to the scopes that lack one, or widen
** a scope's byline element to it when it is a short byline around it. */
static void candidate_closed(survey *s, candidate *c, size_t index)
{
    const char *a = c->over ? "" : byline_author(c);
    for (int k = 0; k < SCOPES; k++) {
        scope *sc = &s->scopes[k];
        if (!sc->open)
            continue;
        if (!sc->byline && *a) {
            sc->byline = c->ordinal;
            snprintf(sc->author, sizeof sc->author, "%s", a);
            sc->chosen = index;
            sc->growing = 1;
        } else if (sc->byline && sc->growing && index < sc->chosen) {
            if (*a) {
                sc->byline = c->ordinal;
                sc->chosen = index;
            } else {
                sc->growing = 0;
            }
        }
    }
    if (index == 0)
        for (int k = 0; k < SCOPES; k++)
            s->scopes[k].growing = 0;
}

static void survey_leave(walker *w, element e)
{
    survey *s = (survey *)w;
    int d = w->depth;
    if (e.flags & (E_BLOCK | E_CELL))
        survey_break(s);
    if (d == s->title_depth) {
        s->title_depth = 0;
        s->title_done = 1;
    }
    if (d == s->h1_depth) {
        s->h1_depth = 0;
        char *t = s->h1_text.oom ? NULL : nr_speakable(s->h1_text.buf ? s->h1_text.buf : "",
                                                      s->h1_text.len);
        int used = 0;
        for (int k = 0; t && *t && k < SCOPES; k++) {
            scope *sc = &s->scopes[k];
            if (sc->open && !sc->h1) {
                sc->h1 = s->h1_ordinal;
                sc->title = t;
                used = 1;
            }
        }
        if (!t)
            w->oom = w->stop = 1;
        else if (used)
            s->titles[s->ntitles++] = t;
        else
            free(t);
    }
    if (s->depth && s->stack[s->depth - 1].depth == d) {
        s->depth--;
        candidate_closed(s, &s->stack[s->depth], s->depth);
    }
    if (d == s->footer)
        s->footer = 0;
    for (int k = 0; k < S_ANY; k++)
        if (s->scopes[k].open && s->scopes[k].depth == d)
            s->scopes[k].open = 0;
    free(s->lang[d]);
    s->lang[d] = NULL;
}

static void survey_text(walker *w, const char *text, size_t len)
{
    survey *s = (survey *)w;
    if (s->title_depth)
        sink_put(&s->title, text, len);
    if (s->h1_depth)
        sink_put(&s->h1_text, text, len);
    candidates_put(s, text, len);
}

static void survey_free(survey *s)
{
    for (int k = 0; k < SCOPES; k++) {
        free(s->scopes[k].lang);
        free(s->titles[k]);
    }
    for (int d = 0; d <= MAX_DEPTH; d++)
        free(s->lang[d]);
    free(s->title.buf);
    free(s->h1_text.buf);
    free(s->meta_author);
    free(s->meta_voice);
    free(s->stack);
}

/* ---------------------------------------------------------------- pass 2: the body */

typedef struct {
    walker w;
    narrate_article *a;
    long root, title, byline; /* ordinals */
    int root_depth;           /* while inside the root */
    int level, headings;      /* the open heading's level, and how many are open */
    sink para;
    int rc;
} reader;

static void flush(reader *r)
{
    if (r->para.oom)
        r->rc = NARRATE_ENOMEM;
    if (r->rc == NARRATE_OK && r->para.len)
        r->rc = nr_article_add(r->a, r->para.buf, r->para.len, r->level);
    r->para.len = 0;
    if (r->rc < 0)
        r->w.stop = 1;
}

static int reader_enter(walker *w, const xmlChar *tag, const xmlChar **atts, element e)
{
    reader *r = (reader *)w;
    (void)tag;
    (void)atts;
    if (w->ordinal == r->root)
        r->root_depth = w->depth;
    if (!r->root_depth)
        return 1; /* on towards the root, following skip comments */
    if ((e.flags & (E_DROP | E_BREAK)) || ((e.flags & E_CHROME) && w->ordinal != r->root) ||
        w->ordinal == r->title || w->ordinal == r->byline) {
        if (e.flags & (E_BLOCK | E_BREAK))
            flush(r);
        else
            sink_put(&r->para, " ", 1);
        return 0;
    }
    if (e.flags & E_BLOCK)
        flush(r);
    if (e.level && r->headings++ == 0)
        r->level = e.level;
    if (e.flags & E_CELL)
        sink_put(&r->para, " ", 1);
    return 1;
}

static void reader_leave(walker *w, element e)
{
    reader *r = (reader *)w;
    if (!r->root_depth)
        return;
    if (e.flags & E_BLOCK)
        flush(r);
    if (e.level && r->headings && --r->headings == 0)
        r->level = 0;
    if (e.flags & E_CELL)
        sink_put(&r->para, " ", 1);
    if (w->depth == r->root_depth) {
        flush(r);
        r->root_depth = 0;
        w->stop = 1; /* nothing after the root is read */
    }
}

static void reader_text(walker *w, const char *text, size_t len)
{
    reader *r = (reader *)w;
    if (r->root_depth)
        sink_put(&r->para, text, len);
}

/* ---------------------------------------------------------------- the article */

/* Set field key of a from s unless a already has it. */
static int set_default(narrate_article *a, const char *key, char *const *slot, const char *s)
{
    if (*slot || !s)
        return NARRATE_OK;
    return nr_article_set(a, key, s, strlen(s));
}

/* Read len bytes of UTF-8 HTML into a. */
static int read_page(narrate_article *a, const char *html, size_t len, const char *name,
                     narrate_error *err)
{
    survey s = { .w = { .enter = survey_enter, .leave = survey_leave, .text = survey_text } };
    s.scopes[S_ANY].open = 1;
    s.stack = malloc((MAX_DEPTH + 1) * sizeof *s.stack);
    int rc = s.stack ? walk(&s.w, html, len, name, err)
                     : nr_fail(err, NARRATE_ENOMEM, "out of memory reading HTML article '%s'", name);
    int root = s.scopes[S_ARTICLE].ordinal ? S_ARTICLE : s.scopes[S_MAIN].ordinal ? S_MAIN : S_BODY;
    const scope *sc = &s.scopes[root], *any = &s.scopes[S_ANY];
    if (rc == NARRATE_OK && !sc->ordinal)
        rc = nr_fail(err, NARRATE_EINPUT, "no <body> in HTML article '%s'", name);
    if (rc == NARRATE_OK && (s.title.oom || s.h1_text.oom))
        rc = nr_fail(err, NARRATE_ENOMEM, "out of memory reading HTML article '%s'", name);

    /* Fields the caller has not set: title from the first <h1> in the root,
    ** else anywhere, else <title>; author from the meta, else the byline. */
    if (rc == NARRATE_OK) {
        const char *title = sc->h1 ? sc->title : any->h1 ? any->title : s.title.buf;
        const char *author = s.meta_author ? s.meta_author
                           : sc->byline ? sc->author : any->byline ? any->author : NULL;
        rc = set_default(a, "title", &a->title, title);
        if (rc == NARRATE_OK)
            rc = set_default(a, "author", &a->author, author);
        if (rc == NARRATE_OK)
            rc = set_default(a, "language", &a->language, sc->lang);
        if (rc == NARRATE_OK)
            rc = set_default(a, "voice", &a->voice, s.meta_voice);
        if (rc < 0)
            nr_fail(err, rc, "out of memory reading HTML article '%s'", name);
    }
    if (rc == NARRATE_OK) {
        reader r = { .w = { .enter = reader_enter, .leave = reader_leave, .text = reader_text },
                     .a = a, .root = sc->ordinal, .title = sc->h1, .byline = sc->byline };
        rc = walk(&r.w, html, len, name, err);
        if (rc == NARRATE_OK && r.rc < 0)
            rc = nr_fail(err, r.rc, "out of memory reading HTML article '%s'", name);
        free(r.para.buf);
    }
    survey_free(&s);
    return rc;
}

/* Parse len bytes of HTML (decoded by its declared charset if sniff) into a. */
static int read_html(narrate_article *a, const char *data, size_t len, int sniff, const char *name,
                     narrate_error *err)
{
    pthread_once(&xml_once, xml_init);
    if (lx.error[0])
        return nr_fail(err, NARRATE_EINPUT, "HTML input needs libxml2 (%s) for '%s'", lx.error, name);
    size_t ulen = 0;
    char *utf8 = decode(data, len, sniff, &ulen);
    int rc = NARRATE_OK;
    if (!utf8)
        rc = nr_fail(err, NARRATE_ENOMEM, "out of memory reading HTML article '%s'", name);
    else if (ulen > INT_MAX)
        rc = nr_fail(err, NARRATE_EINPUT, "HTML article too large '%s'", name);
    else if (too_many_attributes(utf8, ulen))
        rc = nr_fail(err, NARRATE_EINPUT, "HTML tag with more than %d attributes in '%s'",
                     MAX_ATTRIBUTES, name);
    else
        rc = read_page(a, utf8, ulen, name, err);
    free(utf8);
    return rc;
}

int nr_html_fill(narrate_article *a, const char *html, size_t len, const char *name,
                 narrate_error *err)
{
    return read_html(a, html, len, 0, name, err);
}

narrate_article *nr_parse_html(const char *data, size_t len, const char *name, narrate_error *err)
{
    narrate_article *a = nr_article_new();
    if (!a) {
        nr_fail(err, NARRATE_ENOMEM, "out of memory reading HTML article '%s'", name);
        return NULL;
    }
    if (read_html(a, data, len, 1, name, err) < 0) {
        narrate_article_free(a);
        return NULL;
    }
    return nr_article_finish(a, name, err);
}
