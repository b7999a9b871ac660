/* html.c - an HTML page parsed by libxml2's HTML parser (SAX) into an nr_dom tree, then extracted. */
#include "html.h"

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
#include "charset.h"
#include "dom.h"
#include "error.h"
#include "extract.h"
#include "htmlguard.h"
#include "text.h"
#include "xmlload.h"

/*
** The page is decoded to UTF-8 (charset.c), checked against the two inputs
** that make libxml2 slow (tags with huge attribute lists, htmlguard.c, and
** deep nesting, counted here), and parsed once by libxml2's HTML parser in
** SAX mode into an nr_dom: extract.c chooses what is read from it.
** <!-- narrate:skip --> ... <!-- /narrate:skip --> marks the text between
** in document order, so the two comments need not stay siblings after
** libxml2's error recovery has moved them.
*/

#define SKIP_BEGIN "narrate:skip"
#define SKIP_END "/narrate:skip"

/* Attributes of one tag, counted by the parser (start-tag events): real
** pages have a few dozen at most. */
#define MAX_ATTRIBUTES 1024
/* The bound found before parsing (htmlguard.c), over markup only: libxml2
** 2.9 checks duplicates in quadratic time, so 2048 bounds its cost to about
** 1.5 s per MB of the worst page. */
#define SCAN_ATTRIBUTES 2048
#define MAX_DEPTH 256        /* open elements, as libxml2's own tree builder allows */

/* ---------------------------------------------------------------- libxml2 */

/* The names below stand for the functions loaded by xmlload.c, so the
** parser code reads as plain libxml2. */
static struct {
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
    const char *error; /* why loading failed, NULL if it did not */
} lx;

static pthread_once_t xml_once = PTHREAD_ONCE_INIT;

static void xml_init(void)
{
    const nr_xml_sym syms[] = {
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
    static char error[200];
    const char *e = nr_xml_load(syms, sizeof syms / sizeof syms[0]);
    if (e) {
        snprintf(error, sizeof error, "%s", e);
        lx.error = error;
    }
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

static int is_space(int c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
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
    int too_many;            /* a tag with more than MAX_ATTRIBUTES attributes */
    char crowded[32];        /* its name */
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
    size_t natts = 0;
    for (const xmlChar **a = atts; a && a[0]; a += 2)
        natts++;
    if (natts > MAX_ATTRIBUTES) {
        b->too_many = 1;
        snprintf(b->crowded, sizeof b->crowded, "%s", name ? (const char *)name : "");
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
    else if (b->too_many)
        rc = nr_fail(err, NARRATE_EINPUT, "HTML tag <%s> with more than %d attributes in '%s'",
                     b->crowded, MAX_ATTRIBUTES, name);
    else if (b->too_deep)
        rc = nr_fail(err, NARRATE_EINPUT, "HTML nested more than %d elements deep in '%s'",
                     MAX_DEPTH, name);
    free(b);
    return rc;
}

/* ---------------------------------------------------------------- the article */

/* s with every NUL as U+FFFD, as browsers read one in a page (libxml2 would
** end the text there); s is freed.  NULL when out of memory. */
static char *nul_to_replacement(char *s, size_t *len)
{
    size_t nuls = 0;
    for (size_t i = 0; i < *len; i++)
        nuls += s[i] == '\0';
    char *out = malloc(*len + 2 * nuls + 1);
    size_t o = 0;
    for (size_t i = 0; out && i < *len; i++) {
        if (s[i])
            out[o++] = s[i];
        else {
            memcpy(out + o, "\xEF\xBF\xBD", 3);
            o += 3;
        }
    }
    free(s);
    if (out) {
        out[o] = '\0';
        *len = o;
    }
    return out;
}

/* Parse len bytes of HTML (decoded by its declared charset if sniff) into a. */
static int read_html(narrate_article *a, const char *data, size_t len, int sniff, const char *name,
                     narrate_error *err)
{
    pthread_once(&xml_once, xml_init);
    if (lx.error)
        return nr_fail(err, NARRATE_EINPUT, "HTML input needs libxml2 (%s) for '%s'", lx.error, name);
    size_t ulen = 0;
    char *utf8 = nr_charset_decode(data, len, sniff, &ulen);
    if (utf8 && memchr(utf8, '\0', ulen))
        utf8 = nul_to_replacement(utf8, &ulen);
    int rc = NARRATE_OK;
    if (!utf8)
        rc = nr_fail(err, NARRATE_ENOMEM, "out of memory reading HTML article '%s'", name);
    else if (ulen > INT_MAX)
        rc = nr_fail(err, NARRATE_EINPUT, "HTML article too large '%s'", name);
    else if (nr_html_attr_bound_exceeded(utf8, ulen, SCAN_ATTRIBUTES))
        rc = nr_fail(err, NARRATE_EINPUT, "HTML markup that could hold a tag of more than %d "
                     "attributes in '%s'", SCAN_ATTRIBUTES, name);
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
