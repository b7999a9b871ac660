/* id3chap.h - chapters in an ID3v2 tag (CHAP + CTOC frames), sized before the times are known. */
#ifndef NR_ID3CHAP_H
#define NR_ID3CHAP_H

#include <stddef.h>
#include <stdint.h>

#include "narrate.h"

#define NR_ID3_MAX_CHAPTERS 255 /* the table of contents counts its entries in one byte */
#define NR_ID3_TITLE_CHARS 100  /* longer titles are cut with "…" (nr_title_clip) */

typedef struct nr_chapter {
    const char *title; /* UTF-8, NUL-terminated; NULL or blank: an untitled chapter */
    uint32_t start_ms, end_ms;
} nr_chapter;

/* Bytes the chapter frames for ch[0..n) take in a tag: one CTOC listing them
** and a CHAP each, with a TIT2 sub-frame for its title.  Only the titles
** count, not the times or the ID3v2 version, so a tag can be reserved before
** the times are known.  0 when n is 0 or above NR_ID3_MAX_CHAPTERS. */
size_t nr_id3_chapters_size(const nr_chapter *ch, size_t n);

/* Give the ID3v2.3 or 2.4 tag at the start of buf (len bytes, as nr_mp3_id3
** makes it, padding included) the chapter frames for ch[0..n), in place of
** any it has, and make it exactly pad_to bytes (0: no padding) within cap;
** the header's size follows.  Returns the new size, or 0 with err filled
** (nothing changed in buf): n is 0 or too large, a chapter ends before it
** starts or starts before the previous one, the tag is not one this can edit
** (ID3v2.2, unsynchronised, extended header, footer), or the frames do not fit.
** Calling it again with the same titles and pad_to gives the same size: the
** tag can be patched in place once the times are known. */
size_t nr_id3_add_chapters(unsigned char *buf, size_t len, size_t cap, const nr_chapter *ch,
                           size_t n, size_t pad_to, narrate_error *err);

#endif
