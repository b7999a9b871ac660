/* html.c - HTML articles through libxml2's HTML parser: charset, page chrome, reading order. */
#include "json.h"

#include <errno.h>
#include <iconv.h>
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include "article.h"
#include "error.h"
#include "input.h"
#include "text.h"

/*
** The page is decoded to UTF-8 here (declared charset, else UTF-8 with bad
** bytes replaced), parsed by libxml2 into a tree, and read in three passes,
** each an iterative walk of the whole tree (no recursion, so no C stack
** depth to exhaust):
**
**   1. survey: the body root (first <article>, else <main>, else <body>),
**      <title>, <meta name="author">, <meta name="narrate:voice">;
**   2. find: the title <h1> and the byline, first inside the body root, then
**      anywhere;
**   3. read: the body root's paragraphs, without the title <h1>, the byline,
**      its <header>/<footer>, and the page chrome dropped everywhere.
**
** All three follow <!-- narrate:skip --> ... <!-- /narrate:skip --> in
** document order, so the two comments need not be siblings after libxml2's
** error recovery has moved them.
*/

#define SKIP_BEGIN "narrate:skip"
#define SKIP_END "/narrate:skip"

#define BYLINE_MAX 200       /* folded bytes: longer "author" elements are bios, not bylines */
#define BYLINE_RAW_MAX 2048  /* raw text bytes looked at per byline candidate */
#define CHARSET_SCAN 65536   /* bytes searched for <meta charset> */
#define MAX_ATTRIBUTES 256   /* per tag: libxml2 2.9 checks duplicates in quadratic time */

/* ---------------------------------------------------------------- libxml2 */

static pthread_once_t xml_once = PTHREAD_ONCE_INIT;

static void xml_init(void)
{
    xmlInitParser();
}

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

/* What the element table says about n (all zero for inline elements). */
static element lookup(const xmlNode *n)
{
    static const element inline_element = { "", 0, 0 };
    const element *e = n->name ? bsearch(n->name, elements, sizeof elements / sizeof elements[0],
                                         sizeof elements[0], element_cmp)
                               : NULL;
    return e ? *e : inline_element;
}

static int is_named(const xmlNode *n, const char *name)
{
    return n->name && strcmp((const char *)n->name, name) == 0;
}

/* The value of attribute name ("" when it has none), or NULL when absent.
** libxml2's HTML parser lowercases names and keeps a value as one text node. */
static const char *prop(const xmlNode *n, const char *name)
{
    for (const xmlAttr *a = n->properties; a; a = a->next) {
        if (!a->name || strcmp((const char *)a->name, name) != 0)
            continue;
        const xmlNode *v = a->children;
        return v && v->type == XML_TEXT_NODE && v->content ? (const char *)v->content : "";
    }
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
    size_t n = 0, len = strlen(style);
    char *flat = malloc(len + 1);
    if (!flat)
        return 0;
    for (const char *p = style; *p; p++)
        if (!is_space(*p))
            flat[n++] = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
    flat[n] = '\0';
    int hides = strstr(flat, "display:none") || strstr(flat, "visibility:hidden");
    free(flat);
    return hides;
}

/* E_DROP and E_CHROME from attributes: hidden, aria-hidden, style, role. */
static int attribute_flags(const xmlNode *n)
{
    static const char *const drop_roles[] = { "navigation", "complementary", "search", "button",
                                              "dialog", "alertdialog", "menu", "menubar",
                                              "toolbar" };
    const char *v;
    if (!n->properties)
        return 0;
    if (prop(n, "hidden"))
        return E_DROP;
    if ((v = prop(n, "aria-hidden")) && is_word(v, "true"))
        return E_DROP;
    if ((v = prop(n, "style")) && style_hides(v))
        return E_DROP;
    if (!(v = prop(n, "role")))
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

/* A byline: <address>, or class, rel or itemprop naming a byline or author. */
static int is_byline(const xmlNode *n)
{
    static const char *const attrs[] = { "class", "rel", "itemprop" };
    if (is_named(n, "address"))
        return 1;
    for (size_t i = 0; i < sizeof attrs / sizeof attrs[0]; i++) {
        const char *v = prop(n, attrs[i]);
        if (v && (contains_ci(v, "byline") || contains_ci(v, "author")))
            return 1;
    }
    return 0;
}

/* ---------------------------------------------------------------- walking */

typedef struct walker walker;
struct walker {
    /* An element: its table entry with attribute flags or'ed in; returns 1
    ** to walk its children (then leave is called). */
    int (*enter)(walker *w, xmlNode *n, element e);
    void (*leave)(walker *w, xmlNode *n, element e);
    void (*text)(walker *w, const char *s, size_t len); /* outside skipped parts */
    int skipping; /* between <!-- narrate:skip --> and <!-- /narrate:skip --> */
    int stop;     /* set by a callback to end the walk */
};

/* Walk the whole document in order without recursion: down through
** children, along siblings, and back up through parents. */
static void walk(walker *w, xmlDoc *doc)
{
    xmlNode *top = (xmlNode *)doc, *n = doc->children;
    while (n && !w->stop) {
        int open = 0;
        element e = { "", 0, 0 };
        if (n->type == XML_ELEMENT_NODE) {
            e = lookup(n);
            e.flags |= attribute_flags(n);
            open = w->enter(w, n, e);
        } else if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) &&
                   n->content && !w->skipping) {
            size_t len = strlen((const char *)n->content);
            if (len)
                w->text(w, (const char *)n->content, len);
        } else if (n->type == XML_COMMENT_NODE && n->content) {
            if (is_word((const char *)n->content, SKIP_BEGIN))
                w->skipping = 1;
            else if (is_word((const char *)n->content, SKIP_END))
                w->skipping = 0;
        }
        if (open && n->children) {
            n = n->children;
            continue;
        }
        if (open)
            w->leave(w, n, e);
        while (!n->next) {
            n = n->parent;
            if (!n || n == top || w->stop)
                return;
            w->leave(w, n, lookup(n));
        }
        n = n->next;
    }
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

typedef struct {
    walker w;
    xmlNode *article, *main, *body;
    xmlNode *title_open; /* the <title> being read */
    int title_done;
    sink title;
    const char *meta_author, *meta_voice; /* owned by the tree */
} survey;

static int survey_enter(walker *w, xmlNode *n, element e)
{
    survey *s = (survey *)w;
    if (e.flags & E_DROP)
        return 0;
    if (is_named(n, "body") && !s->body)
        s->body = n;
    if (w->skipping)
        return 1;
    if (is_named(n, "article") && !s->article)
        s->article = n;
    else if (is_named(n, "main") && !s->main)
        s->main = n;
    else if (is_named(n, "title") && !s->title_done && !s->title_open)
        s->title_open = n;
    else if (is_named(n, "meta")) {
        const char *name = prop(n, "name"), *content = prop(n, "content");
        if (name && content && *content) {
            if (!s->meta_author && is_word(name, "author"))
                s->meta_author = content;
            else if (!s->meta_voice && is_word(name, "narrate:voice"))
                s->meta_voice = content;
        }
    }
    return 1;
}

static void survey_leave(walker *w, xmlNode *n, element e)
{
    survey *s = (survey *)w;
    (void)e;
    if (n == s->title_open) {
        s->title_open = NULL;
        s->title_done = 1;
    }
}

static void survey_text(walker *w, const char *text, size_t len)
{
    survey *s = (survey *)w;
    if (s->title_open)
        sink_put(&s->title, text, len);
}

/* ---------------------------------------------------------------- pass 2: title and byline */

typedef struct {
    xmlNode *el;
    size_t len, raw;
    int over; /* too long to be a byline */
    char buf[BYLINE_MAX + 1];
} candidate;

typedef struct {
    walker w;
    xmlNode *scope; /* search inside it (NULL: everywhere) */
    int in_scope;
    int want_title, want_byline;
    /* The title: the first <h1> with speakable text. */
    xmlNode *h1_open, *h1;
    sink h1_text;
    char *title;
    /* The byline: the first candidate element to close with short, speakable
    ** text gives the author; the outermost short candidate around it is the
    ** byline element left out of the body. */
    candidate *stack;
    size_t depth, cap;
    xmlNode *byline;
    char author[BYLINE_MAX + 1];
    int byline_done, oom;
} finder;

/* Append text to the open byline candidates that still take it: the outer
** ones fill first, so those are the top of the stack down to the first full
** one.  Folds white space; each candidate looks at BYLINE_RAW_MAX bytes at
** most, which keeps this linear however deep the candidates nest. */
static void candidates_put(finder *f, const char *text, size_t len)
{
    for (size_t k = f->depth; k-- > 0 && !f->stack[k].over;) {
        candidate *c = &f->stack[k];
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

static int finder_enter(walker *w, xmlNode *n, element e)
{
    finder *f = (finder *)w;
    if (n == f->scope)
        f->in_scope = 1;
    if (e.flags & (E_DROP | E_CHROME)) {
        /* Skip chrome, but <header> holds the title and byline of most pages. */
        if ((e.flags & E_DROP) || !is_named(n, "header"))
            return 0;
    }
    if (f->in_scope && (e.flags & (E_BLOCK | E_BREAK | E_CELL))) {
        if (f->h1_open)
            sink_put(&f->h1_text, " ", 1);
        candidates_put(f, " ", 1);
    }
    if (!f->in_scope || w->skipping)
        return !(e.flags & E_BREAK);
    if (f->want_title && !f->h1 && !f->h1_open && is_named(n, "h1")) {
        f->h1_open = n;
        f->h1_text.len = 0;
    }
    if (f->want_byline && !f->byline && !f->h1_open && is_byline(n)) {
        if (f->depth == f->cap) {
            size_t cap = f->cap ? f->cap * 2 : 8;
            candidate *s = realloc(f->stack, cap * sizeof *s);
            if (!s) {
                f->oom = w->stop = 1;
                return 0;
            }
            f->stack = s;
            f->cap = cap;
        }
        candidate *c = &f->stack[f->depth++];
        c->el = n;
        c->len = c->raw = 0;
        c->over = 0;
    }
    return !(e.flags & E_BREAK);
}

static void finder_leave(walker *w, xmlNode *n, element e)
{
    finder *f = (finder *)w;
    if (f->in_scope && (e.flags & (E_BLOCK | E_CELL))) {
        if (f->h1_open)
            sink_put(&f->h1_text, " ", 1);
        candidates_put(f, " ", 1);
    }
    if (n == f->h1_open) {
        f->h1_open = NULL;
        char *t = f->h1_text.oom ? NULL : nr_speakable(f->h1_text.buf ? f->h1_text.buf : "",
                                                      f->h1_text.len);
        if (!t)
            f->oom = w->stop = 1;
        else if (*t) {
            f->h1 = n;
            f->title = t;
        } else
            free(t);
    }
    if (f->depth && f->stack[f->depth - 1].el == n) {
        candidate *c = &f->stack[--f->depth];
        const char *a = c->over ? "" : byline_author(c);
        if (*a && !f->byline) {
            f->byline = n;
            snprintf(f->author, sizeof f->author, "%s", a);
        } else if (*a && f->byline)
            f->byline = n; /* a short byline around the author's name */
        else if (f->byline)
            f->depth = 0;  /* a long element around it: not the byline */
        if (f->byline && f->depth == 0)
            f->byline_done = 1;
    }
    if (n == f->scope) {
        f->in_scope = 0;
        w->stop = 1;
    }
    if ((!f->want_title || f->h1) && (!f->want_byline || f->byline_done))
        w->stop = 1;
}

static void finder_text(walker *w, const char *text, size_t len)
{
    finder *f = (finder *)w;
    if (!f->in_scope)
        return;
    if (f->h1_open)
        sink_put(&f->h1_text, text, len);
    candidates_put(f, text, len);
}

static void find(finder *f, xmlDoc *doc, xmlNode *scope, int want_title, int want_byline)
{
    f->w = (walker){ finder_enter, finder_leave, finder_text, 0, 0 };
    f->scope = scope;
    f->in_scope = scope == NULL;
    f->want_title = want_title;
    f->want_byline = want_byline;
    f->h1_open = NULL;
    f->depth = 0;
    walk(&f->w, doc);
    if (f->byline)
        f->byline_done = 1;
}

/* ---------------------------------------------------------------- pass 3: the body */

typedef struct {
    walker w;
    narrate_article *a;
    xmlNode *root, *title, *byline;
    int in_scope;
    int level, heading_depth; /* the open heading's level, and how many are open */
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

static int reader_enter(walker *w, xmlNode *n, element e)
{
    reader *r = (reader *)w;
    if (n == r->root)
        r->in_scope = 1;
    if (!r->in_scope)
        return !(e.flags & E_DROP); /* on towards the root, following skip comments */
    if ((e.flags & E_DROP) || ((e.flags & E_CHROME) && n != r->root) || n == r->title ||
        n == r->byline || (e.flags & E_BREAK)) {
        if (e.flags & (E_BLOCK | E_BREAK))
            flush(r);
        else
            sink_put(&r->para, " ", 1);
        return 0;
    }
    if (e.flags & E_BLOCK)
        flush(r);
    if (e.level && r->heading_depth++ == 0)
        r->level = e.level;
    if (e.flags & E_CELL)
        sink_put(&r->para, " ", 1);
    return 1;
}

static void reader_leave(walker *w, xmlNode *n, element e)
{
    reader *r = (reader *)w;
    if (!r->in_scope)
        return;
    if (e.flags & E_BLOCK)
        flush(r);
    if (e.level && r->heading_depth && --r->heading_depth == 0)
        r->level = 0;
    if (e.flags & E_CELL)
        sink_put(&r->para, " ", 1);
    if (n == r->root) {
        flush(r);
        r->in_scope = 0;
        w->stop = 1;
    }
}

static void reader_text(walker *w, const char *text, size_t len)
{
    reader *r = (reader *)w;
    if (r->in_scope)
        sink_put(&r->para, text, len);
}

/* ---------------------------------------------------------------- the article */

/* The language of n: its lang, else its nearest ancestor's. */
static const char *language_of(const xmlNode *n)
{
    for (; n && n->type == XML_ELEMENT_NODE; n = n->parent) {
        const char *v = prop(n, "lang");
        if (!v || !*v)
            v = prop(n, "xml:lang");
        if (v && *v)
            return v;
    }
    return NULL;
}

/* Set field key of a from s unless a already has it. */
static int set_default(narrate_article *a, const char *key, char *const *slot, const char *s)
{
    if (*slot || !s)
        return NARRATE_OK;
    return nr_article_set(a, key, s, strlen(s));
}

/* Read a parsed page into a. */
static int read_document(narrate_article *a, xmlDoc *doc, const char *name, narrate_error *err)
{
    survey s = { .w = { survey_enter, survey_leave, survey_text, 0, 0 } };
    walk(&s.w, doc);
    xmlNode *root = s.article ? s.article : s.main ? s.main : s.body;
    if (!root) {
        free(s.title.buf);
        return nr_fail(err, NARRATE_EINPUT, "no <body> in HTML article '%s'", name);
    }

    finder f = { .byline = NULL };
    find(&f, doc, root, 1, 1);
    if (!f.oom && (!f.h1 || (!f.byline && !s.meta_author)))
        find(&f, doc, NULL, !f.h1, !f.byline && !s.meta_author);

    int rc = f.oom || s.title.oom ? NARRATE_ENOMEM : NARRATE_OK;
    const char *title = f.title ? f.title : s.title.buf;
    const char *author = s.meta_author ? s.meta_author : f.byline ? f.author : NULL;
    if (rc == NARRATE_OK)
        rc = set_default(a, "title", &a->title, title);
    if (rc == NARRATE_OK)
        rc = set_default(a, "author", &a->author, author);
    if (rc == NARRATE_OK)
        rc = set_default(a, "language", &a->language, language_of(root));
    if (rc == NARRATE_OK)
        rc = set_default(a, "voice", &a->voice, s.meta_voice);

    reader r = { .w = { reader_enter, reader_leave, reader_text, 0, 0 },
                 .a = a, .root = root, .title = f.h1, .byline = f.byline, .rc = rc };
    if (rc == NARRATE_OK)
        walk(&r.w, doc);
    rc = r.rc;

    free(s.title.buf);
    free(f.h1_text.buf);
    free(f.title);
    free(f.stack);
    free(r.para.buf);
    if (rc < 0)
        return nr_fail(err, rc, "out of memory reading HTML article '%s'", name);
    return NARRATE_OK;
}

#define PARSE_OPTIONS (HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | \
                       HTML_PARSE_NONET | HTML_PARSE_IGNORE_ENC)

/* Parse len bytes of HTML (decoded by its declared charset if sniff) into a. */
static int read_html(narrate_article *a, const char *data, size_t len, int sniff, const char *name,
                     narrate_error *err)
{
    pthread_once(&xml_once, xml_init);
    size_t ulen = 0;
    char *utf8 = decode(data, len, sniff, &ulen);
    if (!utf8)
        return nr_fail(err, NARRATE_ENOMEM, "out of memory reading HTML article '%s'", name);
    if (ulen > INT_MAX) {
        free(utf8);
        return nr_fail(err, NARRATE_EINPUT, "HTML article too large '%s'", name);
    }
    if (too_many_attributes(utf8, ulen)) {
        free(utf8);
        return nr_fail(err, NARRATE_EINPUT, "HTML tag with more than %d attributes in '%s'",
                       MAX_ATTRIBUTES, name);
    }

    /* HTML_PARSE_NOERROR silences this context's messages.  libxml2 also
    ** reports a few problems (allocation failures) outside any context; the
    ** structured handler catches those.  It is per thread in libxml2, so it
    ** is swapped around this parse only and put back as found. */
    xmlStructuredErrorFunc saved = xmlStructuredError;
    void *saved_ctx = xmlStructuredErrorContext;
    xmlSetStructuredErrorFunc(NULL, ignore_xml_error);
    htmlParserCtxtPtr ctxt = htmlNewParserCtxt();
    xmlDoc *doc = ctxt ? htmlCtxtReadMemory(ctxt, utf8, (int)ulen, NULL, "UTF-8", PARSE_OPTIONS)
                       : NULL;
    xmlSetStructuredErrorFunc(saved_ctx, saved);
    free(utf8);

    int rc = NARRATE_OK;
    if (!ctxt || (ctxt->disableSAX && ctxt->errNo == XML_ERR_NO_MEMORY)) {
        /* Also how libxml2 refuses one text node over XML_MAX_TEXT_LENGTH. */
        const char *why = ctxt ? ctxt->lastError.message : NULL;
        if (why && strstr(why, "huge text node"))
            rc = nr_fail(err, NARRATE_EINPUT, "HTML text run longer than %d bytes in '%s'",
                         XML_MAX_TEXT_LENGTH, name);
        else
            rc = nr_fail(err, NARRATE_ENOMEM, "out of memory parsing HTML article '%s'", name);
    } else if (ctxt->disableSAX) {
        /* libxml2 stops at its depth limit rather than drop what follows silently. */
        rc = nr_fail(err, NARRATE_EINPUT, "HTML nested more than %u elements deep in '%s'",
                     xmlParserMaxDepth, name);
    } else if (!doc) {
        rc = nr_fail(err, NARRATE_EINPUT, "no <body> in HTML article '%s'", name);
    }
    if (rc == NARRATE_OK)
        rc = read_document(a, doc, name, err);
    xmlFreeDoc(doc);
    if (ctxt)
        htmlFreeParserCtxt(ctxt);
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
