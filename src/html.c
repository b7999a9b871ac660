/* html.c - HTML pages through libxml2's HTML parser: charset, guards, the page as an nr_dom tree. */
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
#include "dom.h"
#include "error.h"
#include "extract.h"
#include "input.h"
#include "text.h"

/*
** The page is decoded to UTF-8 here (its declared charset, else UTF-8 with
** bad bytes replaced), checked against the two inputs that make libxml2
** slow (tags with huge attribute lists, deep nesting), and parsed once by
** libxml2's HTML parser in SAX mode into an nr_dom: extract.c chooses what
** is read from it.  <!-- narrate:skip --> ... <!-- /narrate:skip --> marks
** the text between in document order, so the two comments need not stay
** siblings after libxml2's error recovery has moved them.
*/

#define SKIP_BEGIN "narrate:skip"
#define SKIP_END "/narrate:skip"

#define CHARSET_SCAN 65536   /* bytes searched for <meta charset> */
/* An upper bound of the attributes any tag can have, found without knowing
** where tags are (see too_many_attributes): libxml2 2.9 checks duplicates
** in quadratic time, so 2048 bounds its cost to about 1.5 s per MB of the
** worst page, while minified JavaScript, which the bound counts as tags,
** stays below it (at most 600 on the 990 pages of the extraction corpus). */
#define MAX_ATTRIBUTES 2048
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

/* Are more of the bytes above ASCII in valid UTF-8 sequences than not? */
static int mostly_utf8(const char *data, size_t len)
{
    const unsigned char *s = (const unsigned char *)data;
    size_t good = 0, bad = 0;
    for (size_t i = 0; i < len;) {
        unsigned c = s[i];
        size_t n = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 && c >= 0xC2 ? 2 : (c & 0xF0) == 0xE0 ? 3
                 : (c & 0xF8) == 0xF0 && c <= 0xF4 ? 4 : 0;
        if (n == 1) {
            i++;
            continue;
        }
        size_t k = 1;
        while (n && k < n && i + k < len && (s[i + k] & 0xC0) == 0x80)
            k++;
        if (n && k == n) {
            good += n;
            i += n;
        } else {
            bad++;
            i++;
        }
    }
    return good >= bad;
}

/* The page as valid UTF-8 (malloc'd): in its declared charset if sniff and
** one is declared, else UTF-8 with invalid sequences replaced (windows-1252 when most bytes above ASCII are not UTF-8).  NULL when
** out of memory. */
static char *decode(const char *data, size_t len, int sniff, size_t *outlen)
{
    char label[40];
    int bom = len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0;
    const char *charset = NULL;
    if (sniff && !bom && declared_charset(data, len, label, sizeof label))
        charset = iconv_charset(label);
    else if (sniff && !bom && !mostly_utf8(data, len))
        charset = "WINDOWS-1252"; /* what browsers assume of an undeclared Western page */
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

/* ---------------------------------------------------------------- the tree */

typedef struct {
    const char *name;
    unsigned short tag;
} tag_name;

/* Sorted by name (strcmp) for bsearch. */
static const tag_name tags[] = {
    { "a", NR_T_A },           { "address", NR_T_ADDRESS }, { "applet", NR_T_DROP },
    { "article", NR_T_ARTICLE }, { "aside", NR_T_ASIDE },   { "audio", NR_T_DROP },
    { "blockquote", NR_T_BLOCKQUOTE }, { "body", NR_T_BODY }, { "br", NR_T_BR },
    { "button", NR_T_BUTTON }, { "canvas", NR_T_DROP },     { "caption", NR_T_CAPTION },
    { "center", NR_T_BLOCK },  { "dd", NR_T_DD },           { "details", NR_T_DETAILS },
    { "dialog", NR_T_DIALOG }, { "dir", NR_T_BLOCK },       { "div", NR_T_DIV },
    { "dl", NR_T_DL },         { "dt", NR_T_DT },           { "embed", NR_T_DROP },
    { "fieldset", NR_T_BLOCK }, { "figcaption", NR_T_FIGCAPTION }, { "figure", NR_T_FIGURE },
    { "footer", NR_T_FOOTER }, { "form", NR_T_FORM },       { "frameset", NR_T_DROP },
    { "h1", NR_T_H1 },         { "h2", NR_T_H2 },           { "h3", NR_T_H3 },
    { "h4", NR_T_H4 },         { "h5", NR_T_H5 },           { "h6", NR_T_H6 },
    { "header", NR_T_HEADER }, { "hgroup", NR_T_BLOCK },    { "hr", NR_T_BLOCK },
    { "html", NR_T_HTML },     { "iframe", NR_T_DROP },     { "input", NR_T_DROP },
    { "legend", NR_T_BLOCK },  { "li", NR_T_LI },           { "link", NR_T_LINK },
    { "listing", NR_T_BLOCK }, { "main", NR_T_MAIN },       { "math", NR_T_DROP },
    { "menu", NR_T_BLOCK },    { "meta", NR_T_META },       { "nav", NR_T_NAV },
    { "noembed", NR_T_DROP },  { "noframes", NR_T_DROP },   { "noscript", NR_T_NOSCRIPT },
    { "object", NR_T_DROP },   { "ol", NR_T_OL },           { "optgroup", NR_T_BLOCK },
    { "option", NR_T_BLOCK },  { "p", NR_T_P },             { "pre", NR_T_PRE },
    { "script", NR_T_SCRIPT }, { "section", NR_T_SECTION }, { "select", NR_T_DROP },
    { "style", NR_T_DROP },    { "summary", NR_T_SUMMARY }, { "svg", NR_T_DROP },
    { "table", NR_T_TABLE },   { "tbody", NR_T_BLOCK },     { "td", NR_T_TD },
    { "template", NR_T_DROP }, { "textarea", NR_T_DROP },   { "tfoot", NR_T_BLOCK },
    { "th", NR_T_TH },         { "thead", NR_T_BLOCK },     { "time", NR_T_TIME },
    { "title", NR_T_TITLE },   { "tr", NR_T_TR },           { "ul", NR_T_UL },
    { "video", NR_T_DROP },    { "xmp", NR_T_BLOCK },
};

static int tag_cmp(const void *key, const void *t)
{
    return strcmp(key, ((const tag_name *)t)->name);
}

/* libxml2's HTML parser lowercases tag and attribute names. */
static unsigned short lookup(const xmlChar *name)
{
    const tag_name *t = name ? bsearch(name, tags, sizeof tags / sizeof tags[0], sizeof tags[0],
                                       tag_cmp)
                             : NULL;
    return t ? t->tag : NR_T_OTHER;
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

/* The attributes kept, by NR_A_* index. */
static const char *const kept[NR_A_COUNT] = {
    [NR_A_CLASS] = "class",       [NR_A_ID] = "id",           [NR_A_ROLE] = "role",
    [NR_A_ITEMPROP] = "itemprop", [NR_A_ITEMTYPE] = "itemtype", [NR_A_REL] = "rel",
    [NR_A_LANG] = "lang",         [NR_A_NARRATE] = "data-narrate", [NR_A_NAME] = "name",
    [NR_A_PROPERTY] = "property", [NR_A_CONTENT] = "content", [NR_A_TYPE] = "type",
};

/*
** The parse builds an nr_dom from libxml2's SAX events: no libxml2 tree, so
** libxml2 holds only its parser state; our nodes keep the few attributes
** extraction reads, and text except that of code (a JSON-LD <script> is
** kept: it is metadata).  The tree is built without recursion, and nothing
** that reads it recurses.
*/
typedef struct {
    htmlParserCtxtPtr ctxt;
    nr_dom *dom;
    int stack[MAX_DEPTH + 1]; /* open elements; stack[0] is the document (-1) */
    int depth;
    int drop_depth;  /* inside code whose text is not kept, opened at this depth */
    int skipping;    /* between <!-- narrate:skip --> and <!-- /narrate:skip --> */
    int title_depth; /* inside the first <title> */
    long title_start;
    int too_deep, oom;
} builder;

static void halt(builder *b)
{
    xmlStopParser(b->ctxt);
}

/* Append len bytes and a NUL to the pool; offset + 1 of the copy, 0 when out of memory. */
static unsigned pool_put(builder *b, const char *s, size_t len, int nul)
{
    nr_dom *d = b->dom;
    if (d->pool_cap - d->pool_len < len + 1) {
        size_t cap = d->pool_cap ? d->pool_cap : 4096;
        while (cap - d->pool_len < len + 1)
            cap *= 2;
        if (cap > UINT_MAX) {
            b->oom = 1;
            return 0;
        }
        char *p = realloc(d->pool, cap);
        if (!p) {
            b->oom = 1;
            return 0;
        }
        d->pool = p;
        d->pool_cap = cap;
    }
    memcpy(d->pool + d->pool_len, s, len);
    unsigned off = (unsigned)d->pool_len + 1;
    d->pool_len += len;
    if (nul)
        d->pool[d->pool_len++] = '\0';
    return off;
}

/* A new last child of the open element; -1 when out of memory. */
static int add_node(builder *b)
{
    nr_dom *d = b->dom;
    if (d->count == d->cap) {
        size_t cap = d->cap ? d->cap * 2 : 256;
        nr_node *n = cap < INT_MAX / 2 ? realloc(d->nodes, cap * sizeof *n) : NULL;
        if (!n) {
            b->oom = 1;
            return -1;
        }
        d->nodes = n;
        d->cap = cap;
    }
    int i = (int)d->count++, parent = b->stack[b->depth];
    nr_node *n = &d->nodes[i];
    memset(n, 0, sizeof *n);
    n->parent = parent;
    n->first = n->last = n->next = -1;
    if (parent >= 0) {
        nr_node *p = &d->nodes[parent];
        if (p->last >= 0)
            d->nodes[p->last].next = i;
        else
            p->first = i;
        p->last = i;
    }
    return i;
}

static void on_start(void *ctx, const xmlChar *name, const xmlChar **atts)
{
    builder *b = ((htmlParserCtxtPtr)ctx)->_private;
    if (b->depth + 1 > MAX_DEPTH) {
        b->too_deep = 1;
        halt(b);
        return;
    }
    unsigned short tag = lookup(name);
    int i = add_node(b);
    if (i < 0) {
        halt(b);
        return;
    }
    b->stack[++b->depth] = i;
    nr_node *n = &b->dom->nodes[i];
    n->tag = tag;
    n->name = pool_put(b, (const char *)name, strlen((const char *)name), 1);
    for (; atts && atts[0]; atts += 2) {
        const char *an = (const char *)atts[0], *v = atts[1] ? (const char *)atts[1] : "";
        if (strcmp(an, "hidden") == 0 || (strcmp(an, "aria-hidden") == 0 && is_word(v, "true")) ||
            (strcmp(an, "style") == 0 && style_hides(v)))
            n->flags |= NR_N_HIDDEN;
        else if (strcmp(an, "href") == 0)
            n->flags |= NR_N_HREF;
        else if (strcmp(an, "open") == 0)
            n->flags |= NR_N_OPEN;
        for (int k = 0; k < NR_A_COUNT; k++)
            if (!n->attr[k] && strcmp(an, kept[k]) == 0)
                n->attr[k] = pool_put(b, v, strlen(v), 1);
    }
    if (tag == NR_T_BODY && b->dom->body < 0)
        b->dom->body = i;
    if (tag == NR_T_TITLE && !b->dom->title && !b->title_depth) {
        b->title_depth = b->depth;
        b->title_start = (long)b->dom->pool_len;
    }
    const char *type = nr_attr(b->dom, i, NR_A_TYPE);
    if (!b->drop_depth && (tag == NR_T_DROP || (tag == NR_T_SCRIPT && !(type && strstr(type, "ld+json")))))
        b->drop_depth = b->depth;
    if (b->oom)
        halt(b);
}

static void on_end(void *ctx, const xmlChar *name)
{
    builder *b = ((htmlParserCtxtPtr)ctx)->_private;
    (void)name;
    if (b->depth == 0)
        return;
    if (b->depth == b->drop_depth)
        b->drop_depth = 0;
    if (b->depth == b->title_depth) {
        b->title_depth = 0;
        nr_dom *d = b->dom;
        d->title = nr_speakable(d->pool + b->title_start, d->pool_len - (size_t)b->title_start);
        if (!d->title)
            b->oom = 1;
    }
    b->depth--;
    if (b->oom)
        halt(b);
}

static void on_text(void *ctx, const xmlChar *s, int len)
{
    builder *b = ((htmlParserCtxtPtr)ctx)->_private;
    if (b->drop_depth || len <= 0)
        return;
    nr_dom *d = b->dom;
    int parent = b->stack[b->depth];
    unsigned short flags = NR_N_TEXT | (b->skipping ? NR_N_SKIPPED : 0);
    int last = parent >= 0 ? d->nodes[parent].last : -1;
    /* libxml2 hands text over in pieces: one node for the run. */
    if (last >= 0 && last == (int)d->count - 1 && d->nodes[last].flags == flags &&
        d->nodes[last].text + d->nodes[last].len == d->pool_len) {
        if (pool_put(b, (const char *)s, (size_t)len, 0))
            d->nodes[last].len += (unsigned)len;
    } else {
        int i = add_node(b);
        unsigned off = i >= 0 ? pool_put(b, (const char *)s, (size_t)len, 0) : 0;
        if (off) {
            d->nodes[i].flags = flags;
            d->nodes[i].text = off - 1;
            d->nodes[i].len = (unsigned)len;
        }
    }
    if (b->oom)
        halt(b);
}

static void on_comment(void *ctx, const xmlChar *value)
{
    builder *b = ((htmlParserCtxtPtr)ctx)->_private;
    if (b->drop_depth || !value)
        return;
    if (is_word((const char *)value, SKIP_BEGIN))
        b->skipping = 1;
    else if (is_word((const char *)value, SKIP_END))
        b->skipping = 0;
}

#define PARSE_OPTIONS (HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | \
                       HTML_PARSE_NONET | HTML_PARSE_IGNORE_ENC)

size_t nr_dom_text(const nr_dom *d, int i, char *buf, size_t size)
{
    size_t n = 0;
    int end = nr_subtree_end(d, i);
    for (int k = i + 1; k < end && n + 2 < size; k++) {
        const nr_node *t = &d->nodes[k];
        if (!(t->flags & NR_N_TEXT))
            continue;
        size_t room = size - 2 - n, take = t->len;
        if (take > room) /* cut at a character's start: the source holds the byte after */
            take = nr_utf8_floor(d->pool + t->text, room);
        memcpy(buf + n, d->pool + t->text, take);
        n += take;
        buf[n++] = ' ';
        if (take < t->len)
            break;
    }
    buf[n] = '\0';
    return n;
}

int nr_has_token(const char *list, const char *word)
{
    size_t n = strlen(word);
    for (const char *p = list; p && *p;) {
        while (*p == ' ')
            p++;
        size_t len = strcspn(p, " ");
        if (len == n && strncasecmp(p, word, n) == 0)
            return 1;
        p += len;
    }
    return 0;
}

void nr_dom_free(nr_dom *d)
{
    free(d->nodes);
    free(d->pool);
    free(d->title);
    memset(d, 0, sizeof *d);
}

/* Parse len bytes of UTF-8 HTML into d.  NARRATE_OK, or a negative code
** with err filled. */
static int build(nr_dom *d, const char *html, size_t len, const char *name, narrate_error *err)
{
    memset(d, 0, sizeof *d);
    d->body = -1;
    if (len == 0)
        return NARRATE_OK;
    builder *b = calloc(1, sizeof *b);
    if (!b)
        return nr_fail(err, NARRATE_ENOMEM, "out of memory reading HTML article '%s'", name);
    b->dom = d;
    b->stack[0] = -1;
    htmlSAXHandler sax;
    memset(&sax, 0, sizeof sax);
    sax.startElement = on_start;
    sax.endElement = on_end;
    sax.characters = on_text;
    sax.ignorableWhitespace = on_text;
    sax.cdataBlock = on_text; /* <script> and <style> */
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
        ctxt->_private = b;
        b->ctxt = ctxt;
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
    }
    xmlSetStructuredErrorFunc(saved_ctx, saved);
    int rc = NARRATE_OK;
    if (nomem || b->oom)
        rc = nr_fail(err, NARRATE_ENOMEM, "out of memory reading HTML article '%s'", name);
    else if (b->too_deep)
        rc = nr_fail(err, NARRATE_EINPUT, "HTML nested more than %d elements deep in '%s'",
                     MAX_DEPTH, name);
    free(b);
    return rc;
}

/* ---------------------------------------------------------------- the article */

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
        rc = nr_fail(err, NARRATE_EINPUT, "HTML markup that could hold a tag of more than %d "
                     "attributes in '%s'", MAX_ATTRIBUTES, name);
    else {
        nr_dom dom;
        rc = build(&dom, utf8, ulen, name, err);
        if (rc == NARRATE_OK)
            rc = nr_extract(&dom, a, name, err);
        nr_dom_free(&dom);
    }
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
