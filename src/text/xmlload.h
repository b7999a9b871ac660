/* xmlload.h - libxml2 loaded on first use (dlopen), not linked; its functions looked up by name. */
#ifndef NR_XMLLOAD_H
#define NR_XMLLOAD_H

#include <stddef.h>

/* A libxml2 function to look up: where its address goes, and its name. */
typedef struct {
    void *slot; /* points to a function pointer */
    const char *name;
} nr_xml_sym;

/* Load libxml2 (once per process, thread-safe; xmlInitParser run) and fill
** each of the n slots.  NULL when done, else why not (a string that stays
** valid in this thread).  Self-contained: the CLI's feed writer uses it
** too, linked from libnarrate.a. */
const char *nr_xml_load(const nr_xml_sym *syms, size_t n);

#endif
