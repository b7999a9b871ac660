/* text.c - UTF-8 repair and whitespace cleanup, on top of utf8proc. */
#include "text.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#define REPLACEMENT 0xFFFD

char *nr_strndup(const char *s, size_t len)
{
    char *d = malloc(len + 1);
    if (d) {
        memcpy(d, s, len);
        d[len] = '\0';
    }
    return d;
}

void nr_snippet(const char *s, char *buf, size_t size)
{
    size_t len = strlen(s), ellipsis = sizeof "\xE2\x80\xA6" - 1;
    if (len < size) {
        memcpy(buf, s, len + 1);
        return;
    }
    size_t keep = nr_utf8_floor(s, size - 1 - ellipsis);
    memcpy(buf, s, keep);
    memcpy(buf + keep, "\xE2\x80\xA6", ellipsis + 1);
}

size_t nr_utf8_len(const char *s)
{
    unsigned char c = (unsigned char)s[0];
    if (c >= 0xF0) return 4;
    if (c >= 0xE0) return 3;
    if (c >= 0xC0) return 2;
    return 1;
}

size_t nr_utf8_floor(const char *s, size_t max)
{
    while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80)
        max--;
    return max;
}

int nr_utf8_valid(const char *s, size_t len)
{
    while (len > 0) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, &cp);
        if (n <= 0)
            return 0;
        s += n;
        len -= (size_t)n;
    }
    return 1;
}

/* Append code point cp to out (which has room for 4 bytes). */
static size_t put(char *out, utf8proc_int32_t cp)
{
    return (size_t)utf8proc_encode_char(cp, (utf8proc_uint8_t *)out);
}

char *nr_utf8_repair(const char *s, size_t len, size_t *outlen)
{
    /* Each bad byte becomes at most 3 bytes of U+FFFD. */
    if (len > (SIZE_MAX - 1) / 3)
        return NULL;
    char *out = malloc(len * 3 + 1);
    if (!out)
        return NULL;
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
    size_t i = 0, o = 0;
    if (len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    while (i < len) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t n = utf8proc_iterate(p + i, (utf8proc_ssize_t)(len - i), &cp);
        if (n < 1) {
            o += put(out + o, REPLACEMENT);
            i++;
            continue;
        }
        i += (size_t)n;
        if (cp == '\r') {
            out[o++] = '\n';
            if (i < len && s[i] == '\n')
                i++;
        } else {
            o += put(out + o, cp);
        }
    }
    out[o] = '\0';
    if (outlen)
        *outlen = o;
    return out;
}

int nr_is_space(int32_t cp)
{
    if (cp == ' ' || (cp >= '\t' && cp <= '\r'))
        return 1;
    utf8proc_category_t cat = utf8proc_category(cp);
    return cat == UTF8PROC_CATEGORY_ZS || cat == UTF8PROC_CATEGORY_ZL ||
           cat == UTF8PROC_CATEGORY_ZP;
}

static int is_unspeakable(utf8proc_int32_t cp)
{
    utf8proc_category_t cat = utf8proc_category(cp);
    return cp == REPLACEMENT || cat == UTF8PROC_CATEGORY_CC || cat == UTF8PROC_CATEGORY_CF ||
           cat == UTF8PROC_CATEGORY_CS || cat == UTF8PROC_CATEGORY_CO ||
           cat == UTF8PROC_CATEGORY_CN;
}

char *nr_speakable(const char *s, size_t len)
{
    char *out = malloc(len + 1);
    if (!out)
        return NULL;
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
    size_t i = 0, o = 0;
    int pending_space = 0;
    while (i < len) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t n = utf8proc_iterate(p + i, (utf8proc_ssize_t)(len - i), &cp);
        if (n < 1) { /* callers pass repaired text; skip defensively */
            i++;
            continue;
        }
        if (nr_is_space(cp)) {
            pending_space = o > 0;
        } else if (!is_unspeakable(cp)) {
            if (pending_space)
                out[o++] = ' ';
            pending_space = 0;
            memcpy(out + o, s + i, (size_t)n);
            o += (size_t)n;
        }
        i += (size_t)n;
    }
    out[o] = '\0';
    return out;
}
