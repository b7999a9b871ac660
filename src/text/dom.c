/* dom.c - what extraction and metadata read of a parsed page's tree: subtree text, tokens, freeing. */
#include "dom.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "text.h"

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
