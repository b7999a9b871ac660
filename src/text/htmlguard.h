/* htmlguard.h - a linear bound of the attributes libxml2 can see in any tag, before it parses the page. */
#ifndef NR_HTMLGUARD_H
#define NR_HTMLGUARD_H

#include <stddef.h>

/* Could any tag libxml2 reads in s[0..len) have more than bound attributes?
** An upper bound over every '<' of markup (not of script, style or
** comments), in linear time. */
int nr_html_attr_bound_exceeded(const char *s, size_t len, int bound);

#endif
