/* htmlguard.c - a linear bound of the attributes libxml2 can see in any tag, before it parses the page. */
#include "htmlguard.h"

#include <string.h>
#include <strings.h>

/*
** libxml2 2.9's htmlParseStartTag compares each attribute with every earlier
** one of the same tag, so one tag with 100,000 attributes takes minutes:
** the parser's own count (html.c) comes too late to spare that.  Before
** parsing, bound the attributes any tag can have: a start tag may begin at
** any '<' of markup, and from there libxml2's attribute syntax is a small
** automaton (name, '=', quoted or bare value, junk up to a blank).  Running
** one automaton per '<' at once, keeping per state only the largest count,
** gives in linear time an upper bound of the attributes of every tag
** libxml2 will see.  A '<' in script, style or a comment starts none (see
** next_raw): minified JavaScript is not markup.  Counts are in 1/100ths:
** libxml2 reads a name in pieces of at most 100 bytes, each one attribute,
** so a name costs 100 plus one per byte.
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


/*
** Raw text: where libxml2 reads no tags.  Script and style content runs to
** "</script" or "</style" (libxml2 in recovery mode ends it only there),
** a comment to "-->".  Read conservatively: a raw region ends at the
** earliest point libxml2 could end it (any "-->", "--!>", a control byte),
** and markup that this reader may not follow as libxml2 does (a quote
** that does not open a value, '<' inside a tag) ends all trust in it: from
** there on every '<' counts, as before any of this.  So a misread can only
** count more, never hide a tag from the bound.
*/
static int lower_is(const char *s, size_t len, size_t i, const char *word)
{
    size_t n = strlen(word);
    return i + n <= len && strncasecmp(s + i, word, n) == 0;
}

static int control(int c)
{
    return c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f';
}

/* The end of a raw region starting at i that closes with close (or at a
** control byte); len if it never closes. */
static size_t raw_end(const char *s, size_t len, size_t i, const char *close)
{
    for (; i < len; i++) {
        if (control((unsigned char)s[i]))
            return i;
        if (s[i] == '<' && close[0] == '<' && lower_is(s, len, i, close))
            return i;
        if (s[i] == '-' && close[0] == '-' && (lower_is(s, len, i, "-->") || lower_is(s, len, i, "--!>")))
            return i;
    }
    return len;
}

/* The end of the tag at i (the index of its '>'), reading values quoted
** only after '='; 0 if libxml2 might read it otherwise (a quote elsewhere,
** '<' or a control byte inside, no end). */
static size_t tag_end(const char *s, size_t len, size_t i)
{
    char quote = 0, prev = 0;
    for (size_t k = i + 1; k < len; k++) {
        char c = s[k];
        if (quote) {
            if (c == quote)
                quote = 0;
            else if (control((unsigned char)c))
                return 0;
            continue;
        }
        if (c == '>')
            return k;
        if (c == '<' || control((unsigned char)c))
            return 0;
        if (c == '"' || c == '\'') {
            if (prev != '=')
                return 0;
            quote = c;
        }
        if (!blank((unsigned char)c))
            prev = c;
    }
    return 0;
}

/* Read markup from *scanned (never inside raw text) up to the next raw
** region: [*raw_from, *raw_to), with *scanned moved past it.  0 when the
** markup cannot be trusted. */
static int next_raw(const char *s, size_t len, size_t *scanned, size_t *raw_from, size_t *raw_to)
{
    size_t i = *scanned;
    while (i < len) {
        const char *lt = memchr(s + i, '<', len - i);
        if (!lt)
            break;
        i = (size_t)(lt - s);
        if (lower_is(s, len, i, "<!--")) {
            *raw_from = i + 2; /* "<!-->" may close it: the earliest end */
            *raw_to = raw_end(s, len, i + 2, "-->");
            *scanned = *raw_to;
            return 1;
        }
        int next = i + 1 < len ? (unsigned char)s[i + 1] : 0;
        if (!name_start(next) && next != '/' && next != '!' && next != '?') {
            i++; /* text */
            continue;
        }
        size_t end = tag_end(s, len, i);
        if (!end)
            return 0;
        int script = lower_is(s, len, i, "<script"), style = lower_is(s, len, i, "<style");
        size_t name = script ? 7 : style ? 6 : 0;
        if (name && (blank((unsigned char)s[i + name]) || s[i + name] == '>' || s[i + name] == '/')) {
            *raw_from = end + 1;
            *raw_to = raw_end(s, len, end + 1, script ? "</script" : "</style");
            *scanned = *raw_to;
            return 1;
        }
        i = end + 1;
    }
    *raw_from = *raw_to = *scanned = len;
    return 1;
}

int nr_html_attr_bound_exceeded(const char *s, size_t len, int bound)
{
    const long limit = (long)bound * G_UNIT;
    size_t raw_from = 0, raw_to = 0, scanned = 0;
    int trust = 1;
    long st[G_STATES], nx[G_STATES];
    int active = 0;
    for (int k = 0; k < G_STATES; k++)
        st[k] = -1;
    for (size_t i = 0; i < len; i++) {
        /* Inside a quoted value and nothing else: the counts stay as they are
        ** up to its closing quote or a '<' (which may open a tag). */
        if (active && (st[G_DQUOTE] >= 0) != (st[G_SQUOTE] >= 0)) {
            int others = 0;
            for (int k = 0; k < G_STATES; k++)
                others |= k != G_DQUOTE && k != G_SQUOTE && st[k] >= 0;
            if (!others) {
                char q = st[G_DQUOTE] >= 0 ? '"' : '\'';
                while (i < len && s[i] != q && s[i] != '<')
                    i++;
                if (i == len)
                    return 0;
            }
        }
        /* The page's own structure, read ahead of the automaton. */
        while (trust && i >= scanned && scanned < len)
            trust = next_raw(s, len, &scanned, &raw_from, &raw_to);
        if (!active) { /* no tag open: jump to the next '<' outside raw text */
            const char *lt = memchr(s + i, '<', len - i);
            if (!lt)
                return 0;
            i = (size_t)(lt - s);
            while (trust && i >= scanned && scanned < len)
                trust = next_raw(s, len, &scanned, &raw_from, &raw_to);
            if (trust && i >= raw_from && i < raw_to) {
                i = raw_to - 1; /* the loop's i++ resumes at the region's end */
                continue;
            }
        }
        int raw = trust && i >= raw_from && i < raw_to;
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
        if (c == '<' && name_start(next) && !raw)
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
