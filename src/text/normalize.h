/* normalize.h - one sentence rewritten into exactly the words espeak-ng should speak. */
#ifndef NR_NORMALIZE_H
#define NR_NORMALIZE_H

/*
** Rewrite one sentence (valid UTF-8, whitespace folded to single spaces,
** no leading/trailing space) into exactly the words espeak-ng should speak.
** language: a tag like "en", "en-GB", "es", "de", "fr", or NULL (= English).
** Returns a malloc'd string, or NULL only when out of memory.
**
** Every language: Unicode NFC; curly quotes made plain; an em dash, a spaced
** en dash or a spaced hyphen used as a break becomes ", "; no-break and other
** spaces folded; zero-width characters and soft hyphens removed; "…" kept as
** a pause; "[" and "]" become "(" and ")", and "<", ">", "{", "}" spaces,
** so the result never holds "[[" (espeak-ng's phoneme switch) nor markup.
** Invalid UTF-8 is repaired first.
**
** English (and NULL): numbers are written out as words (cardinals up to 21
** digits, longer strings digit by digit), with currency, percentages,
** decimals, ordinals, dates, years and decades, times, scores and ranges,
** units, fractions, Roman numerals after names, abbreviations (no period is
** left after one: espeak-ng would end a clause there), initialisms, hashtags,
** handles, e-mail addresses and URLs.  A four-digit number from 1100 to 2099
** reads as a year unless it is followed by a lower-case word that is not a
** function word ("1945 people" is a count) and not preceded by a year cue
** ("in", "since", "the", a month...: "the 2024 election" is a year).
**
** Spanish, French, German, Italian, Portuguese: numbers become words where
** espeak-ng misreads their digits (agreeing with the noun: "una casa",
** "veintiún candidatos", "eine Tochter"), with ordinals ("2.º", "3e", "3.
** Oktober", "2°"), Roman numerals of rulers and centuries, numeric dates,
** times ("14:30 Uhr", "15 h 30"), durations, money in the currency's gender,
** percentages, fractions, units, ranges, scores, phone numbers and the
** language's abbreviations.  Each language's rules are in src/lang/xx.c
** (src/lang/norm.h); other languages: only the cleanup above.
**
** Linear time, output at most a small constant times the input, safe on any
** input.  Thread-safe (no global state).
*/
char *nr_normalize(const char *sentence, const char *language);

#endif
