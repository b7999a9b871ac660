/* batch_feed.c - the podcast feed: RSS 2.0 with iTunes tags, written by libxml2's xmlTextWriter. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <libxml/xmlwriter.h>

#include "batch.h"
#include "cli.h"
#include "xmlload.h" /* the library's libxml2 loader: self-contained, linked from libnarrate.a */

/*
** libxml2 is loaded when a feed is written, not linked (see src/xmlload.c,
** which HTML articles load it through too).  The writer does the
** escaping and nesting; text given to it is first made XML-clean here
** (libxml2 2.9 writes control characters as they are, which no XML parser
** accepts).
*/

#define ITUNES_NS "http://www.itunes.com/dtds/podcast-1.0.dtd"

static struct {
    xmlOutputBufferPtr (*OutputBufferCreateIO)(xmlOutputWriteCallback, xmlOutputCloseCallback,
                                               void *, xmlCharEncodingHandlerPtr);
    int (*OutputBufferClose)(xmlOutputBufferPtr);
    xmlTextWriterPtr (*NewTextWriter)(xmlOutputBufferPtr);
    void (*FreeTextWriter)(xmlTextWriterPtr);
    int (*SetIndent)(xmlTextWriterPtr, int);
    int (*StartDocument)(xmlTextWriterPtr, const char *, const char *, const char *);
    int (*EndDocument)(xmlTextWriterPtr);
    int (*StartElement)(xmlTextWriterPtr, const xmlChar *);
    int (*EndElement)(xmlTextWriterPtr);
    int (*WriteAttribute)(xmlTextWriterPtr, const xmlChar *, const xmlChar *);
    int (*WriteElement)(xmlTextWriterPtr, const xmlChar *, const xmlChar *);
    int (*WriteString)(xmlTextWriterPtr, const xmlChar *);
} lx;

/* NULL once loaded, else why not. */
static const char *load_libxml2(void)
{
    const nr_xml_sym syms[] = {
        { &lx.OutputBufferCreateIO, "xmlOutputBufferCreateIO" },
        { &lx.OutputBufferClose, "xmlOutputBufferClose" },
        { &lx.NewTextWriter, "xmlNewTextWriter" },
        { &lx.FreeTextWriter, "xmlFreeTextWriter" },
        { &lx.SetIndent, "xmlTextWriterSetIndent" },
        { &lx.StartDocument, "xmlTextWriterStartDocument" },
        { &lx.EndDocument, "xmlTextWriterEndDocument" },
        { &lx.StartElement, "xmlTextWriterStartElement" },
        { &lx.EndElement, "xmlTextWriterEndElement" },
        { &lx.WriteAttribute, "xmlTextWriterWriteAttribute" },
        { &lx.WriteElement, "xmlTextWriterWriteElement" },
        { &lx.WriteString, "xmlTextWriterWriteString" },
    };
    return nr_xml_load(syms, sizeof syms / sizeof syms[0]);
}

/* Length of the UTF-8 sequence at s if it is a character XML 1.0 allows, else 0. */
static size_t xml_char(const unsigned char *s)
{
    unsigned c = s[0];
    size_t n = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
    if (n == 1)
        return c >= 0x20 || c == '\t' || c == '\n' || c == '\r' ? 1 : 0;
    unsigned cp = n ? c & (0x7F >> n) : 0;
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        cp = cp << 6 | (s[i] & 0x3F);
    }
    static const unsigned least[] = { 0, 0, 0x80, 0x800, 0x10000 };
    if (!n || cp < least[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF) || cp == 0xFFFE ||
        cp == 0xFFFF)
        return 0;
    return n;
}

/* s with what XML cannot carry replaced by U+FFFD; malloc'd. */
static char *xml_clean(const char *s)
{
    char *out = malloc(strlen(s) * 3 + 1), *o = out;
    for (const unsigned char *p = (const unsigned char *)s; out && *p;) {
        size_t n = xml_char(p);
        if (n) {
            memcpy(o, p, n);
            o += n;
            p += n;
        } else {
            memcpy(o, "\xEF\xBF\xBD", 3);
            o += 3;
            p++;
        }
    }
    if (out)
        *o = '\0';
    return out;
}

typedef struct feed {
    xmlTextWriterPtr w;
    int failed;
} feed;

static void start(feed *f, const char *name)
{
    if (!f->failed && lx.StartElement(f->w, BAD_CAST name) < 0)
        f->failed = 1;
}

static void end(feed *f)
{
    if (!f->failed && lx.EndElement(f->w) < 0)
        f->failed = 1;
}

static void attr(feed *f, const char *name, const char *value)
{
    char *v = xml_clean(value);
    if (!v || (!f->failed && lx.WriteAttribute(f->w, BAD_CAST name, BAD_CAST v) < 0))
        f->failed = 1;
    free(v);
}

static void string(feed *f, const char *value)
{
    char *v = xml_clean(value);
    if (!v || (!f->failed && lx.WriteString(f->w, BAD_CAST v) < 0))
        f->failed = 1;
    free(v);
}

/* <name>value</name>, left out when value is NULL. */
static void element(feed *f, const char *name, const char *value)
{
    if (!value)
        return;
    char *v = xml_clean(value);
    if (!v || (!f->failed && lx.WriteElement(f->w, BAD_CAST name, BAD_CAST v) < 0))
        f->failed = 1;
    free(v);
}

static void channel_head(feed *f, const batch_options *o, const char *language)
{
    const batch_feed_options *fo = &o->feed;
    char now[40];
    batch_rfc822((int64_t)time(NULL), now);
    element(f, "title", fo->title ? fo->title : "Narrated articles");
    element(f, "link", fo->link ? fo->link : fo->base_url);
    element(f, "description", fo->description ? fo->description : "Articles read aloud by narrate.");
    element(f, "language", language);
    element(f, "lastBuildDate", now);
    element(f, "generator", "narrate " NARRATE_VERSION_STRING);
    element(f, "itunes:author", fo->author);
    if (fo->image) {
        start(f, "itunes:image");
        attr(f, "href", fo->image);
        end(f);
    }
    start(f, "itunes:category");
    attr(f, "text", "News");
    end(f);
    element(f, "itunes:explicit", "false");
}

static void item(feed *f, const batch_options *o, const batch_item *it)
{
    const char *base = o->feed.base_url;
    size_t blen = strlen(base);
    while (blen > 0 && base[blen - 1] == '/')
        blen--;
    char *mp3 = batch_out_path(o->out, it->id, ".mp3"), url[4096], length[32], duration[32],
         date[40], description[2048];
    struct stat st;
    /* Ids are URL-safe by construction ([A-Za-z0-9._-]): no escaping needed. */
    snprintf(url, sizeof url, "%.*s/%s.mp3", (int)blen, base, it->id);
    snprintf(length, sizeof length, "%llu",
             (unsigned long long)(stat(mp3, &st) == 0 ? (uint64_t)st.st_size : it->bytes));
    long s = (long)((it->duration_ms + 500) / 1000);
    snprintf(duration, sizeof duration, "%02ld:%02ld:%02ld", s / 3600, s / 60 % 60, s % 60);
    const char *title = it->title ? it->title : it->id;
    snprintf(description, sizeof description, "%s%s%s", title, it->author ? ", by " : "",
             it->author ? it->author : "");
    start(f, "item");
    element(f, "title", title);
    element(f, "link", it->link);
    element(f, "description", description);
    start(f, "enclosure");
    attr(f, "url", url);
    attr(f, "length", length);
    attr(f, "type", "audio/mpeg");
    end(f);
    start(f, "guid");
    attr(f, "isPermaLink", "false");
    string(f, it->key);
    end(f);
    if (it->has_published) {
        batch_rfc822(it->published, date);
        element(f, "pubDate", date);
    }
    element(f, "itunes:author", it->author);
    element(f, "itunes:duration", duration);
    end(f);
    free(mp3);
}

static int delivered(const batch_item *it)
{
    return it->status == ST_RENDERED || it->status == ST_CACHED || it->status == ST_UP_TO_DATE;
}

/* Newest first; undated items after the dated ones, in input order. */
static int by_date(const void *a, const void *b)
{
    const batch_item *x = *(const batch_item *const *)a, *y = *(const batch_item *const *)b;
    if (x->has_published != y->has_published)
        return y->has_published - x->has_published;
    if (x->has_published && x->published != y->published)
        return x->published < y->published ? 1 : -1;
    return x < y ? -1 : x > y;
}

static int put(void *fd, const char *buf, int len)
{
    return nr_write_all(*(int *)fd, buf, (size_t)len) == 0 ? len : -1;
}

static int write_feed(int fd, const batch_options *o, const batch_item **v, size_t n)
{
    xmlOutputBufferPtr out = lx.OutputBufferCreateIO(put, NULL, &fd, NULL);
    feed f = { out ? lx.NewTextWriter(out) : NULL, 0 };
    if (!f.w) {
        if (out)
            lx.OutputBufferClose(out);
        return -1;
    }
    f.failed = lx.SetIndent(f.w, 1) < 0 || lx.StartDocument(f.w, NULL, "UTF-8", NULL) < 0;
    start(&f, "rss");
    attr(&f, "version", "2.0");
    attr(&f, "xmlns:itunes", ITUNES_NS);
    start(&f, "channel");
    channel_head(&f, o, n ? v[0]->language : NULL);
    for (size_t i = 0; i < n; i++)
        item(&f, o, v[i]);
    if (!f.failed && lx.EndDocument(f.w) < 0) /* closes channel and rss, flushes */
        f.failed = 1;
    lx.FreeTextWriter(f.w);
    return f.failed ? -1 : 0;
}

int batch_feed_write(const batch_options *o, const batch_item *items, size_t n, char **why)
{
    const char *path = o->feed.path, *problem = load_libxml2();
    if (problem) {
        if (asprintf(why, "cannot load libxml2 for the feed '%s'", problem) < 0)
            *why = NULL;
        return -1;
    }
    const batch_item **v = malloc((n ? n : 1) * sizeof *v);
    size_t m = 0;
    for (size_t i = 0; v && i < n; i++)
        if (delivered(&items[i]))
            v[m++] = &items[i];
    if (v)
        qsort(v, m, sizeof *v, by_date);
    atomic_file f;
    int rc = v ? atomic_open(&f, path) : -1;
    if (rc == 0 && write_feed(f.fd, o, v, m) < 0) {
        int e = errno;
        atomic_abort(&f);
        errno = e;
        rc = -1;
    } else if (rc == 0) {
        rc = atomic_commit(&f);
    }
    free(v);
    if (rc < 0 && asprintf(why, "cannot write feed '%s': %s", path, strerror(errno)) < 0)
        *why = NULL;
    return rc;
}
