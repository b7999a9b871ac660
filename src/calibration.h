/* calibration.h - the built-in articles voice profiles are calibrated on. */
#ifndef NR_CALIBRATION_H
#define NR_CALIBRATION_H

/* A news article (plain text with a header block) in language's primary
** subtag ("es" for "es-MX"), or in English when none is shipped for it.
** Static: never freed. */
const char *nr_calibration_text(const char *language);

#endif
