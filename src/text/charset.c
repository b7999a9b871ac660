/* charset.c - an HTML page's bytes as UTF-8: its declared charset, else UTF-8 or windows-1252. */
#include "charset.h"

#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "text.h"

#define CHARSET_SCAN 65536   /* bytes searched for <meta charset> */


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

char *nr_charset_decode(const char *data, size_t len, int sniff, size_t *outlen)
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
