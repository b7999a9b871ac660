/* input.h - article input formats: plain text, HTML and JSON, each to a narrate_article. */
#ifndef NR_INPUT_H
#define NR_INPUT_H

#include "narrate.h"

/* Each parser takes the whole input and a name for error messages, and
** returns a finished article (see nr_article_finish) or NULL with err filled. */

/* Plain text: valid UTF-8 with LF line ends (input.c repairs it first). */
narrate_article *nr_parse_text(const char *text, size_t len, const char *name, narrate_error *err);

/* HTML, any encoding libxml2 detects (UTF-8 when undeclared). */
narrate_article *nr_parse_html(const char *data, size_t len, const char *name, narrate_error *err);

/* One JSON object: valid UTF-8 (input.c repairs it first). */
narrate_article *nr_parse_json(const char *text, size_t len, const char *name, narrate_error *err);

#endif
