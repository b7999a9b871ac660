/* extract_blocks.c - the story element's text read into blocks, and the notes that say what was dropped. */
#include "extract_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>


static void put(reader *r, const char *s, size_t len)
{
    if (r->x->rc < 0)
        return;
    if (r->cap - r->len < len + 1) {
        size_t cap = r->cap ? r->cap : 4096;
        while (cap - r->len < len + 1)
            cap *= 2;
        char *b = realloc(r->buf, cap);
        if (!b) {
            r->x->rc = NARRATE_ENOMEM;
            return;
        }
        r->buf = b;
        r->cap = cap;
    }
    memcpy(r->buf + r->len, s, len);
    r->len += len;
    r->buf[r->len] = '\0';
}

static void flush(reader *r)
{
    if (r->x->rc < 0)
        return;
    /* len > start first: an empty reader has no buffer to point into. */
    if (r->len > r->start && nrx_visible(r->buf + r->start, (unsigned)(r->len - r->start)) > 0) {
        if (r->count == r->bcap) {
            size_t cap = r->bcap ? r->bcap * 2 : 64;
            block *b = realloc(r->blocks, cap * sizeof *b);
            if (!b) {
                r->x->rc = NARRATE_ENOMEM;
                return;
            }
            r->blocks = b;
            r->bcap = cap;
        }
        r->blocks[r->count++] = (block){ r->start, r->len - r->start, r->link_bytes,
                                         r->time_bytes, r->level, r->owner, r->root };
        put(r, "", 0);
        r->start = r->len;
    } else {
        r->len = r->start;
    }
    r->link_bytes = r->time_bytes = 0;
}

/* The nearest block element at or above i. */
static int block_owner(const nr_dom *d, int i)
{
    for (; i >= 0; i = d->nodes[i].parent)
        if (nrx_is_block_tag(d->nodes[i].tag))
            return i;
    return -1;
}

/* Append at most max bytes of s to buf[*n..size), cut on a character boundary. */
static void append(char *buf, size_t size, size_t *n, const char *s, size_t max)
{
    size_t len = strlen(s), room = size - 1 - *n;
    if (len > max)
        len = max;
    if (len > room)
        len = room;
    if (len < strlen(s))
        len = nr_utf8_floor(s, len);
    memcpy(buf + *n, s, len);
    *n += len;
    buf[*n] = '\0';
}

/* "div.share-row#top": how notes name an element. */
void nrx_describe(const nr_dom *d, int i, char *buf, size_t size)
{
    const char *cls = nr_attr(d, i, NR_A_CLASS), *id = nr_attr(d, i, NR_A_ID);
    size_t n = 0;
    buf[0] = '\0';
    append(buf, size, &n, nr_name(d, i), 24);
    if (cls && *cls) {
        append(buf, size, &n, ".", 1);
        append(buf, size, &n, cls, 48);
    }
    if (id && *id) {
        append(buf, size, &n, "#", 1);
        append(buf, size, &n, id, 40);
    }
    /* Class lists become dotted; no control byte reaches a terminal or log. */
    for (size_t k = 0; k < n; k++)
        if ((unsigned char)buf[k] <= ' ' || buf[k] == 0x7F)
            buf[k] = '.';
}

void nrx_note(ex *x, narrate_note_kind kind, const char *element, const char *reason,
                 const char *text, size_t len)
{
    if (x->rc == NARRATE_OK)
        x->rc = nr_article_note(x->a, kind, element, reason, text, len);
}

void nrx_note_dropped(ex *x, int i)
{
    const nr_dom *d = x->d;
    char el[128], why[96], text[NOTE_RAW];
    size_t len = nr_dom_text(d, i, text, sizeof text);
    if (nrx_visible(text, (unsigned)len) == 0)
        return;
    nrx_describe(d, i, el, sizeof el);
    switch (x->drop[i]) {
    case R_HIDDEN: snprintf(why, sizeof why, "hidden"); break;
    case R_ROLE: snprintf(why, sizeof why, "role %s", x->why[i]); break;
    case R_TAG: snprintf(why, sizeof why, "<%s> is not the story", nr_name(d, i)); break;
    case R_CLASS: snprintf(why, sizeof why, "class or id names %s", x->why[i]); break;
    case R_SKIP: snprintf(why, sizeof why, "data-narrate=\"skip\""); break;
    case R_DETAILS: snprintf(why, sizeof why, "collapsed <details>"); break;
    case R_BYLINE: snprintf(why, sizeof why, "byline (read as the author)"); break;
    default: snprintf(why, sizeof why, "code or media"); break;
    }
    nrx_note(x, NARRATE_NOTE_DROPPED, el, why, text, len);
}

/* Read the blocks of the subtree at root into r. */
void nrx_read_blocks(reader *r, int root)
{
    ex *x = r->x;
    const nr_dom *d = x->d;
    int i = root;
    r->root = root;
    r->owner = block_owner(d, root);
    while (x->rc == NARRATE_OK) {
        const nr_node *n = &d->nodes[i];
        int descend = 0;
        if (n->flags & NR_N_TEXT) {
            if (!(n->flags & NR_N_SKIPPED) && !x->dead[i]) {
                put(r, d->pool + n->text, n->len);
                unsigned v = nrx_visible(d->pool + n->text, n->len);
                if (r->link)
                    r->link_bytes += v;
                if (r->time)
                    r->time_bytes += v;
            }
        } else if (x->dead[i]) {
            if (x->drop[i] && x->drop[i] != R_CODE)
                nrx_note_dropped(x, i);
            if (nrx_is_block_tag(n->tag) || n->tag == NR_T_BR)
                flush(r);
            else
                put(r, " ", 1);
        } else {
            descend = 1;
            if (nrx_is_block_tag(n->tag) || n->tag == NR_T_BR) {
                flush(r);
                if (nrx_is_block_tag(n->tag))
                    r->owner = i;
            }
            if (nr_is_heading(n->tag))
                r->level = n->tag - NR_T_H1 + 1;
            if (n->tag == NR_T_TD || n->tag == NR_T_TH)
                put(r, " ", 1);
            r->link += n->tag == NR_T_A && (n->flags & NR_N_HREF);
            r->time += n->tag == NR_T_TIME;
        }
        if (descend && n->first >= 0) {
            i = n->first;
            continue;
        }
        /* Leave i (if entered) and every ancestor finished with it. */
        for (;;) {
            const nr_node *m = &d->nodes[i];
            if (!(m->flags & NR_N_TEXT) && !x->dead[i]) {
                if (nrx_is_block_tag(m->tag)) {
                    flush(r);
                    r->owner = block_owner(d, m->parent);
                }
                if (nr_is_heading(m->tag))
                    r->level = 0;
                if (m->tag == NR_T_TD || m->tag == NR_T_TH)
                    put(r, " ", 1);
                r->link -= m->tag == NR_T_A && (m->flags & NR_N_HREF);
                r->time -= m->tag == NR_T_TIME;
            }
            if (i == root) {
                flush(r);
                return;
            }
            if (m->next >= 0) {
                i = m->next;
                break;
            }
            i = m->parent;
        }
    }
}
