/* meta.c - what a page says about itself: schema.org JSON-LD, OpenGraph, <meta>, rel and itemprop. */
#include "meta.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "narrate.h"
#include "text.h"

#define AUTHOR_MAX 100  /* bytes: a longer "author" is a bio or a sentence */
#define JSONLD_DEPTH 32 /* nesting searched for the article object */

static int set_once(char **slot, const char *s, size_t len, int fold)
{
    if (*slot || !s)
        return NARRATE_OK;
    char *v = fold ? nr_speakable(s, len) : nr_strndup(s, len);
    if (!v)
        return NARRATE_ENOMEM;
    if (!*v)
        free(v);
    else
        *slot = v;
    return NARRATE_OK;
}

/* Labels that introduce a name in a byline, lowercase, longest first. */
static const char *const labels[] = {
    "ai journalist", "written by", "reported by", "journalist", "reporter", "autorin", "author",
    "autor", "auteur", "texte", "text", "from", "von", "par", "por", "door", "przez", "di", "by",
};

/* Skip a byline label ("By", "Von:", "AI Journalist:") at the start of s. */
const char *nr_meta_skip_label(const char *s)
{
    while (*s == ' ')
        s++;
    for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++) {
        size_t n = strlen(labels[i]);
        if (strncasecmp(s, labels[i], n) == 0 && (s[n] == ' ' || s[n] == ':')) {
            s += n;
            while (*s == ' ' || *s == ':')
                s++;
            return s;
        }
    }
    return s;
}

int nr_meta_add_author(nr_meta *m, const char *s, size_t len)
{
    char *folded = nr_speakable(s, len);
    if (!folded)
        return NARRATE_ENOMEM;
    const char *name = nr_meta_skip_label(folded);
    size_t n = strlen(name);
    while (n && strchr(" ,;|", name[n - 1]))
        n--;
    int keep = n > 0 && n <= AUTHOR_MAX && m->nauthors < NR_AUTHORS_MAX &&
               strncasecmp(name, "http", 4) != 0 && !memchr(name, '@', n);
    for (size_t i = 0; keep && i < m->nauthors; i++)
        keep = !(strlen(m->authors[i]) == n && strncasecmp(m->authors[i], name, n) == 0);
    int rc = NARRATE_OK;
    if (keep) {
        char *copy = nr_strndup(name, n);
        if (copy)
            m->authors[m->nauthors++] = copy;
        else
            rc = NARRATE_ENOMEM;
    }
    free(folded);
    return rc;
}

/* Does word w (len bytes) look like part of a name: a capital or a
** non-ASCII letter first, or a particle (van, de, von...)? */
static int name_word(const char *w, size_t len)
{
    static const char *const particles[] = { "van", "von", "de", "der", "den", "da", "di",
                                             "del", "du", "la", "le", "bin", "al", "ten", "zu" };
    unsigned char c = (unsigned char)w[0];
    if ((c >= 'A' && c <= 'Z') || c >= 0x80)
        return 1;
    for (size_t i = 0; i < sizeof particles / sizeof particles[0]; i++)
        if (strlen(particles[i]) == len && strncmp(w, particles[i], len) == 0)
            return 1;
    return 0;
}

/* Conjunctions and separators between the names of a byline. */
static const char *const joins[] = { " and ", " & ", " und ", " et ", " y ", " i ", " e ",
                                     " en ", " och ", " og ", " a ", "," };

int nr_meta_add_byline(nr_meta *m, const char *s, size_t len)
{
    char *folded = nr_speakable(s, len);
    if (!folded)
        return NARRATE_ENOMEM;
    /* The names end where the date, the desk or the source begins. */
    char *p = (char *)nr_meta_skip_label(folded);
    static const char *const ends[] = { "\xE2\x80\x94", "\xE2\x80\x93", "\xC2\xB7", "\xE2\x80\xA2",
                                        " - " };
    p[strcspn(p, "|/(0123456789")] = '\0';
    for (size_t i = 0; i < sizeof ends / sizeof ends[0]; i++) {
        char *e = strstr(p, ends[i]);
        if (e)
            *e = '\0';
    }
    int rc = NARRATE_OK;
    while (*p && rc == NARRATE_OK) {
        size_t cut = strlen(p), skip = 0;
        for (size_t i = 0; i < sizeof joins / sizeof joins[0]; i++) {
            char *j = strstr(p, joins[i]);
            if (j && (size_t)(j - p) < cut) {
                cut = (size_t)(j - p);
                skip = strlen(joins[i]);
            }
        }
        /* A name is one to five words that look like one. */
        const char *w = p;
        size_t words = 0;
        int ok = 1;
        while (w < p + cut) {
            while (w < p + cut && *w == ' ')
                w++;
            size_t wl = 0;
            while (w + wl < p + cut && w[wl] != ' ')
                wl++;
            if (wl) {
                ok &= name_word(w, wl);
                words++;
            }
            w += wl;
        }
        if (ok && words >= 1 && words <= 5)
            rc = nr_meta_add_author(m, p, cut);
        p += cut + skip;
    }
    free(folded);
    return rc;
}

char *nr_meta_authors(const nr_meta *m, const char *language)
{
    static const struct {
        const char *lang, *and;
    } ands[] = { { "de", "und" }, { "fr", "et" }, { "es", "y" },  { "it", "e" },   { "pt", "e" },
                 { "pl", "i" },   { "nl", "en" }, { "sv", "och" }, { "da", "og" }, { "nb", "og" },
                 { "no", "og" },  { "cs", "a" },  { "sk", "a" } };
    if (m->nauthors == 0)
        return NULL;
    const char *and = "and";
    for (size_t i = 0; language && i < sizeof ands / sizeof ands[0]; i++)
        if (strncasecmp(language, ands[i].lang, 2) == 0 && !((language[2] | 32) >= 'a' && (language[2] | 32) <= 'z'))
            and = ands[i].and;
    size_t len = 1;
    for (size_t i = 0; i < m->nauthors; i++)
        len += strlen(m->authors[i]) + strlen(and) + 3;
    char *s = malloc(len), *p = s;
    if (!s)
        return NULL;
    for (size_t i = 0; i < m->nauthors; i++) {
        const char *sep = i == 0 ? "" : i + 1 < m->nauthors ? ", " : NULL;
        if (sep)
            p += sprintf(p, "%s%s", sep, m->authors[i]);
        else
            p += sprintf(p, " %s %s", and, m->authors[i]);
    }
    return s;
}

/* ---------------------------------------------------------------- JSON-LD */

static int is_article_type(json_t *type)
{
    static const char *const types[] = { "Article", "BlogPosting", "LiveBlogPosting", "Report",
                                         "SocialMediaPosting", "DiscussionForumPosting" };
    if (json_is_array(type)) {
        size_t i;
        json_t *t;
        json_array_foreach(type, i, t)
            if (is_article_type(t))
                return 1;
        return 0;
    }
    const char *s = json_string_value(type);
    if (!s)
        return 0;
    const char *colon = strrchr(s, '/');
    s = colon ? colon + 1 : s;
    size_t n = strlen(s);
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++) {
        size_t tl = strlen(types[i]);
        /* NewsArticle, ReportageNewsArticle, TechArticle... end in "Article". */
        if (n >= tl && strcmp(s + n - tl, types[i]) == 0)
            return 1;
    }
    return 0;
}

/* The authors of an "author" value: a name, a Person or Organization with a
** name, or an array of those. */
static int add_json_authors(nr_meta *m, json_t *v)
{
    int rc = NARRATE_OK;
    if (json_is_array(v)) {
        size_t i;
        json_t *x;
        json_array_foreach(v, i, x)
            if (!json_is_array(x) && rc == NARRATE_OK)
                rc = add_json_authors(m, x);
        return rc;
    }
    if (json_is_object(v))
        v = json_object_get(v, "name");
    if (json_is_array(v))
        v = json_array_get(v, 0);
    const char *s = json_string_value(v);
    return s ? nr_meta_add_author(m, s, json_string_length(v)) : NARRATE_OK;
}

/* Take what an article object says. */
static int from_article(nr_meta *m, json_t *o)
{
    json_t *h = json_object_get(o, "headline");
    if (!json_is_string(h))
        h = json_object_get(o, "name");
    int rc = NARRATE_OK;
    if (json_is_string(h) && !m->headline) {
        rc = set_once(&m->headline, json_string_value(h), json_string_length(h), 1);
        m->headline_from = "JSON-LD headline";
    }
    if (rc == NARRATE_OK && m->nauthors == 0) {
        rc = add_json_authors(m, json_object_get(o, "author"));
        if (m->nauthors)
            m->authors_from = "JSON-LD author";
    }
    json_t *b = json_object_get(o, "articleBody");
    if (rc == NARRATE_OK && json_is_string(b))
        rc = set_once(&m->body, json_string_value(b), json_string_length(b), 0);
    json_t *l = json_object_get(o, "inLanguage");
    if (json_is_object(l))
        l = json_object_get(l, "alternateName");
    if (rc == NARRATE_OK && json_is_string(l) && !m->language) {
        rc = set_once(&m->language, json_string_value(l), json_string_length(l), 1);
        m->language_from = "JSON-LD inLanguage";
    }
    return rc;
}

/* Search one JSON-LD block for article objects, breadth first (the page's
** own article is near the top; others are in "mentions", "hasPart"...). */
static int read_jsonld(nr_meta *m, const char *text, size_t len)
{
    /* Some pages wrap the JSON in comments or CDATA markers. */
    const char *open = text, *end = text + len;
    while (open < end && *open != '{' && *open != '[')
        open++;
    while (end > open && end[-1] != '}' && end[-1] != ']')
        end--;
    if (open >= end)
        return NARRATE_OK;
    json_t *root = json_loadb(open, (size_t)(end - open), JSON_DISABLE_EOF_CHECK, NULL);
    if (!root)
        return NARRATE_OK;
    json_t *queue[256];
    size_t head = 0, tail = 0;
    queue[tail++] = root;
    int rc = NARRATE_OK, found = 0;
    while (head < tail && !found && rc == NARRATE_OK) {
        json_t *v = queue[head++];
        if (json_is_object(v) && is_article_type(json_object_get(v, "@type"))) {
            rc = from_article(m, v);
            found = 1;
            break;
        }
        const char *key;
        size_t i;
        json_t *x;
        if (json_is_object(v)) {
            json_object_foreach(v, key, x)
                if ((json_is_object(x) || json_is_array(x)) && tail < 256)
                    queue[tail++] = x;
        } else if (json_is_array(v)) {
            json_array_foreach(v, i, x)
                if ((json_is_object(x) || json_is_array(x)) && tail < 256)
                    queue[tail++] = x;
        }
    }
    json_decref(root);
    return rc;
}

/* ---------------------------------------------------------------- the page */

int nr_meta_read(const nr_dom *d, nr_meta *m)
{
    memset(m, 0, sizeof *m);
    int rc = NARRATE_OK;
    char *og_title = NULL, *og_locale = NULL, *meta_author = NULL;
    /* JSON-LD first: it names every author. */
    for (size_t i = 0; i < d->count && rc == NARRATE_OK; i++) {
        const nr_node *n = &d->nodes[i];
        if (n->tag != NR_T_SCRIPT || n->first < 0)
            continue;
        const nr_node *t = &d->nodes[n->first];
        if (t->flags & NR_N_TEXT)
            rc = read_jsonld(m, d->pool + t->text, t->len);
    }
    for (size_t i = 0; i < d->count && rc == NARRATE_OK; i++) {
        const nr_node *n = &d->nodes[i];
        if (n->tag != NR_T_META)
            continue;
        const char *name = nr_attr(d, (int)i, NR_A_NAME), *prop = nr_attr(d, (int)i, NR_A_PROPERTY),
                   *content = nr_attr(d, (int)i, NR_A_CONTENT);
        if (!content || !*content)
            continue;
        size_t cl = strlen(content);
        if (prop && strcasecmp(prop, "og:title") == 0)
            rc = set_once(&og_title, content, cl, 1);
        else if (prop && strcasecmp(prop, "og:locale") == 0)
            rc = set_once(&og_locale, content, cl, 1);
        else if (name && strcasecmp(name, "author") == 0)
            rc = set_once(&meta_author, content, cl, 1);
        else if (name && strcasecmp(name, "narrate:voice") == 0)
            rc = set_once(&m->voice, content, cl, 1);
    }
    if (rc == NARRATE_OK && !m->headline && og_title) {
        m->headline = og_title;
        og_title = NULL;
        m->headline_from = "og:title";
    }
    if (rc == NARRATE_OK && !m->language && og_locale) {
        for (char *p = og_locale; *p; p++)
            if (*p == '_')
                *p = '-';
        m->language = og_locale;
        og_locale = NULL;
        m->language_from = "og:locale";
    }
    if (rc == NARRATE_OK && m->nauthors == 0 && meta_author) {
        rc = nr_meta_add_byline(m, meta_author, strlen(meta_author));
        if (rc == NARRATE_OK && m->nauthors == 0)
            rc = nr_meta_add_author(m, meta_author, strlen(meta_author));
        if (m->nauthors)
            m->authors_from = "<meta name=\"author\">";
    }
    /* rel="author" links and itemprop="author" elements, all of them. */
    for (size_t i = 0; i < d->count && rc == NARRATE_OK && m->authors_from == NULL; i++) {
        const nr_node *n = &d->nodes[i];
        const char *rel = nr_attr(d, (int)i, NR_A_REL), *ip = nr_attr(d, (int)i, NR_A_ITEMPROP);
        if ((n->flags & NR_N_TEXT) || n->tag == NR_T_LINK || n->tag == NR_T_META ||
            !(nr_has_token(rel, "author") || nr_has_token(ip, "author")))
            continue;
        int src = (int)i;
        /* itemprop="author" itemscope: its itemprop="name". */
        for (int k = (int)i + 1, end = nr_subtree_end(d, (int)i); k < end; k++)
            if (nr_has_token(nr_attr(d, (int)k, NR_A_ITEMPROP), "name")) {
                src = k;
                break;
            }
        char buf[AUTHOR_MAX * 2];
        size_t len = nr_dom_text(d, src, buf, sizeof buf);
        rc = nr_meta_add_author(m, buf, len);
    }
    if (rc == NARRATE_OK && m->nauthors && !m->authors_from)
        m->authors_from = "rel=\"author\" / itemprop=\"author\"";
    free(og_title);
    free(og_locale);
    free(meta_author);
    return rc;
}

void nr_meta_free(nr_meta *m)
{
    free(m->headline);
    for (size_t i = 0; i < m->nauthors; i++)
        free(m->authors[i]);
    free(m->body);
    free(m->language);
    free(m->voice);
    memset(m, 0, sizeof *m);
}
