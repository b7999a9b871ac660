/* html.h - HTML articles: a page's body and metadata into a narrate_article. */
#ifndef NR_HTML_H
#define NR_HTML_H

#include <stddef.h>

#include "narrate.h"

/* A finished article (see nr_article_finish) from len bytes of HTML in any
** encoding libxml2 detects (UTF-8 when undeclared), or NULL with err filled;
** name: the input's, for messages. */
narrate_article *nr_parse_html(const char *data, size_t len, const char *name, narrate_error *err);

/*
** Shared with json.c: read len bytes of UTF-8 HTML (any <meta charset> is
** ignored) into the unfinished article a, setting title, author, language
** and voice only where a has none yet, and adding the body's paragraphs.
** Returns NARRATE_OK or a negative code with err filled; a is not freed.
*/
int nr_html_fill(narrate_article *a, const char *html, size_t len, const char *name,
                 narrate_error *err);

#endif
