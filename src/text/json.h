/* json.h - JSON articles: building one from a parsed jansson object (a file or a JSONL line). */
#ifndef NR_JSON_H
#define NR_JSON_H

#include <jansson.h>
#include <stddef.h>

#include "narrate.h"

/*
** An article from one JSON object: string keys "id", "title", "author",
** "lang" (or its synonym "language"), "voice", and exactly one of "body"
** (plain text: paragraphs separated by blank lines, as in text articles) or
** "html" (an HTML page or fragment; its title, byline and lang fill in what
** the JSON keys leave unset).  Unknown keys are ignored and null counts as
** absent; any other non-string value is an error naming the key.  object is
** borrowed, not stolen.  Returns a finished article or NULL with err filled
** (NARRATE_EINPUT, naming the article as `name`).
*/
narrate_article *nr_article_from_json(json_t *object, const char *name, narrate_error *err);

/* A finished article from one JSON object in valid UTF-8 (input.c repairs it
** first), or NULL with err filled; name: the input's, for messages. */
narrate_article *nr_parse_json(const char *text, size_t len, const char *name, narrate_error *err);

#endif
