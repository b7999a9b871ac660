/* batch_date.c - dates: ISO 8601 from manifests, RFC 822 for RSS, ISO 8601 UTC for reports. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "batch.h"

/* n decimal digits at *s, advancing it; -1 if they are not there. */
static int digits(const char **s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++, (*s)++) {
        if (**s < '0' || **s > '9')
            return -1;
        v = v * 10 + (**s - '0');
    }
    return v;
}

static int days_in_month(int y, int m)
{
    static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return days[m - 1] + (m == 2 && leap);
}

/* "Z", "+02:00", "+0200", "-05" or nothing (taken as UTC) at s: seconds east of UTC. */
static int offset(const char *s, int *east)
{
    *east = 0;
    if (!*s || ((s[0] == 'Z' || s[0] == 'z') && !s[1]))
        return 0;
    if (*s != '+' && *s != '-')
        return -1;
    int sign = *s++ == '-' ? -1 : 1;
    int h = digits(&s, 2), m = 0;
    if (*s == ':')
        s++;
    if (*s)
        m = digits(&s, 2);
    if (h < 0 || h > 23 || m < 0 || m > 59 || *s)
        return -1;
    *east = sign * (h * 3600 + m * 60);
    return 0;
}

int batch_parse_date(const char *s, int64_t *t)
{
    int y = digits(&s, 4), mo = -1, d = -1;
    if (*s == '-' && s++)
        mo = digits(&s, 2);
    if (*s == '-' && s++)
        d = digits(&s, 2);
    if (y < 1900 || mo < 1 || mo > 12 || d < 1 || d > days_in_month(y, mo))
        return -1;
    int h = 0, mi = 0, sec = 0;
    if (*s == 'T' || *s == 't' || *s == ' ') {
        s++;
        h = digits(&s, 2);
        mi = -1;
        if (*s == ':' && s++)
            mi = digits(&s, 2);
        if (*s == ':' && s++)
            sec = digits(&s, 2);
        if (*s == '.' || *s == ',') /* fractions of a second: RSS has none */
            for (s++; *s >= '0' && *s <= '9'; s++)
                ;
        if (h < 0 || h > 23 || mi < 0 || mi > 59 || sec < 0 || sec > 60)
            return -1;
    }
    int east;
    if (offset(s, &east) < 0)
        return -1;
    struct tm tm = { .tm_year = y - 1900, .tm_mon = mo - 1, .tm_mday = d,
                     .tm_hour = h, .tm_min = mi, .tm_sec = sec };
    *t = (int64_t)timegm(&tm) - east;
    return 0;
}

/* Names in English whatever the locale: RFC 822 wants these. */
void batch_rfc822(int64_t t, char out[40])
{
    static const char *const wday[] = { "Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat" };
    static const char *const mon[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
    time_t tt = (time_t)t;
    struct tm tm;
    gmtime_r(&tt, &tm);
    snprintf(out, 40, "%s, %02d %s %04d %02d:%02d:%02d +0000", wday[tm.tm_wday], tm.tm_mday,
             mon[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

void batch_iso8601(int64_t t, char out[32])
{
    time_t tt = (time_t)t;
    struct tm tm;
    gmtime_r(&tt, &tm);
    strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}
