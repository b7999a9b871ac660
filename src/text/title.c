/* title.c - chapter titles: folded, cut at a word with "…", valid UTF-8 at any size. */
#include "title.h"

#include <string.h>
#include <utf8proc.h>

#include "text.h"

#define ELLIPSIS "\xE2\x80\xA6"
#define ELLIPSIS_LEN (sizeof ELLIPSIS - 1)

/* A title being written, and where it could be cut with room for "…". */
typedef struct {
    char *out;
    size_t cap, max;       /* bytes (with the NUL), characters */
    size_t o, chars;       /* written so far */
    size_t fit, space_fit; /* the last cut that leaves room for "…"; the last at a space */
    utf8proc_int32_t prev, state;
} clip;

/* Append cp; 0 when it does not fit and the title must be cut. */
static int emit(clip *c, utf8proc_int32_t cp)
{
    /* Characters are grapheme clusters: a cut never strips an accent or
    ** splits an emoji sequence. */
    int starts = c->o == 0 || utf8proc_grapheme_break_stateful(c->prev, cp, &c->state);
    if (starts) {
        if (c->chars < c->max && c->o + ELLIPSIS_LEN < c->cap) {
            c->fit = c->o;
            if (cp == ' ')
                c->space_fit = c->o;
        }
        if (c->chars == c->max)
            return 0;
        c->chars++;
    }
    utf8proc_uint8_t b[4];
    size_t n = (size_t)utf8proc_encode_char(cp, b);
    if (c->o + n >= c->cap)
        return 0;
    memcpy(c->out + c->o, b, n);
    c->o += n;
    c->prev = cp;
    return 1;
}

/* Does out[0..at) end in a space or a mark that should not precede "…"? */
static size_t trailing_mark(const char *out, size_t at)
{
    if (at >= 1 && out[at - 1] && strchr(" ,;:-", out[at - 1]))
        return 1;
    if (at >= 3 && (memcmp(out + at - 3, "\xE2\x80\x93", 3) == 0 || /* en dash */
                    memcmp(out + at - 3, "\xE2\x80\x94", 3) == 0))  /* em dash */
        return 3;
    return 0;
}

/* End the title at a word when one ends in its second half, else at the
** last character that leaves room; then "…". */
static size_t cut(clip *c)
{
    size_t at = c->space_fit > 0 && c->space_fit * 2 >= c->fit ? c->space_fit : c->fit;
    for (size_t k; (k = trailing_mark(c->out, at)) > 0;)
        at -= k;
    if (c->cap < ELLIPSIS_LEN + 1) {
        if (c->cap)
            c->out[0] = '\0';
        return 0;
    }
    memcpy(c->out + at, ELLIPSIS, ELLIPSIS_LEN + 1);
    return at + ELLIPSIS_LEN;
}

size_t nr_title_clip(const char *text, size_t len, size_t max_chars, char *out, size_t cap)
{
    if (cap == 0)
        return 0;
    clip c = { out, cap, max_chars, 0, 0, 0, 0, 0, 0 };
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)text;
    int space = 0;
    for (size_t i = 0; i < len;) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t n = utf8proc_iterate(p + i, (utf8proc_ssize_t)(len - i), &cp);
        if (n < 1) {
            cp = 0xFFFD;
            n = 1;
        }
        i += (size_t)n;
        if (nr_is_space(cp) || utf8proc_category(cp) == UTF8PROC_CATEGORY_CC) {
            space = c.o > 0;
            continue;
        }
        if ((space && !emit(&c, ' ')) || !emit(&c, cp))
            return cut(&c);
        space = 0;
    }
    out[c.o] = '\0';
    return c.o;
}

size_t nr_chapter_title(const char *text, size_t len, char *out, size_t cap)
{
    return nr_title_clip(text, len, NR_CHAPTER_TITLE_CHARS, out, cap);
}
