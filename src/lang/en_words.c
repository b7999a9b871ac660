/* en_words.c - English: numbers inside words, hyphens, web addresses, states and abbreviations. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "en.h"
#include "text.h"

static int say_year_range(nr_ctx *c, const char *a, size_t al, const char *b, size_t bl)
{
    long ya = nr_num_value(a, al), yb = nr_num_value(b, bl);
    if (al != 4 || ya < 1100 || ya > 2099 || !(bl == 2 || (bl == 4 && yb >= ya)))
        return 0;
    if (bl == 2 && yb + ya / 100 * 100 <= ya % 100 + ya / 100 * 100)
        return 0; /* "2019-15" is no range of years */
    en_say_year(c, a, 4);
    nr_word(c, "to");
    if (bl == 2) { /* "2019-20": "to twenty"; "2008-09": "to oh nine" */
        if (b[0] == '0')
            nr_word(c, "oh");
        nr_num_cardinal(c->out, b[0] == '0' ? b + 1 : b, b[0] == '0' ? 1 : 2);
    } else {
        en_say_year(c, b, 4);
    }
    return 1;
}

/* Digit groups joined by hyphens: years, ranges, scores, ISO dates, IDs. */
static size_t say_dash_groups(nr_ctx *c, const char *s, size_t n)
{
    const char *g[3] = { NULL, NULL, NULL };
    size_t gl[3] = { 0, 0, 0 }, count = 0, i = 0, total = 0;
    for (;;) {
        size_t j = i;
        while (j < n && is_digit(s[j]))
            j++;
        if (count < 3) {
            g[count] = s + i;
            gl[count] = j - i;
        }
        count++;
        total = j;
        if (j + 1 < n && s[j] == '-' && is_digit(s[j + 1]))
            i = j + 1;
        else
            break;
    }
    if (count == 2) {
        if (say_year_range(c, g[0], gl[0], g[1], gl[1]))
            return total;
        int phone = gl[0] == 3 && gl[1] == 4 && g[0][0] >= '2'; /* "555-1234" */
        if (!phone && gl[0] <= 6 && gl[1] <= 6 && (g[0][0] != '0' || gl[0] == 1) &&
            (g[1][0] != '0' || gl[1] == 1)) { /* a score or a range */
            nr_num_cardinal(c->out, g[0], gl[0]);
            nr_word(c, "to");
            nr_num_cardinal(c->out, g[1], gl[1]);
            return total;
        }
    }
    if (count == 3 && gl[0] == 4 && gl[1] == 2 && gl[2] == 2) {
        long y = nr_num_value(g[0], 4), mo = nr_num_value(g[1], 2), d = nr_num_value(g[2], 2);
        if (y >= 1000 && y <= 2099 && mo >= 1 && mo <= 12 && d >= 1 && d <= 31) {
            nr_word(c, en_months[mo - 1]);
            en_say_ordinal_digits(c, g[2][0] == '0' ? g[2] + 1 : g[2], g[2][0] == '0' ? 1 : 2);
            nr_buf_putc(c->out, ',');
            en_say_year(c, g[0], 4);
            return total;
        }
    }
    /* a phone number or an ID: digit by digit, a pause between groups; a
    ** toll-free prefix as said: "1-800": "one, eight hundred" */
    for (size_t k = 0, at = 0; at < total; k++) {
        size_t j = at;
        while (j < total && is_digit(s[j]))
            j++;
        if (k)
            nr_buf_putc(c->out, ',');
        if (k == 1 && count == 4 && j - at == 3 && s[at] == '8' && s[at + 1] == s[at + 2] &&
            gl[0] == 1 && g[0][0] == '1')
            nr_num_cardinal(c->out, s + at, 3);
        else
            nr_num_digits(c->out, s + at, j - at);
        at = j + 1;
    }
    return total;
}

/* Digit groups joined by slashes: fractions, "24/7", "9/11", dates. */
static size_t say_slash_groups(nr_ctx *c, const char *s, size_t n)
{
    size_t i = 0, count = 0, ends[2] = { 0, 0 };
    while (i < n && is_digit(s[i]))
        i++;
    ends[0] = i;
    count = 1;
    size_t total = i;
    while (total + 1 < n && s[total] == '/' && is_digit(s[total + 1])) {
        size_t j = total + 1;
        while (j < n && is_digit(s[j]))
            j++;
        if (count == 1)
            ends[1] = j;
        count++;
        total = j;
    }
    if (count == 2) {
        size_t al = ends[0], bl = ends[1] - ends[0] - 1;
        const char *bs = s + ends[0] + 1;
        long a = nr_num_value(s, al), b = nr_num_value(bs, bl);
        if (s[0] != '0' && bs[0] != '0' && en_say_fraction(c, a, b, 0))
            return total;
        if (say_year_range(c, s, al, bs, bl))
            return total;
        if (al <= 2 && bl <= 2 && a >= 1 && a <= 12 && b > 12 && b <= 31) { /* "3/15" */
            nr_word(c, en_months[a - 1]);
            en_say_ordinal_digits(c, bs, bl);
            return total;
        }
    }
    if (count == 3 && ends[0] <= 2 && ends[1] - ends[0] - 1 <= 2 && total - ends[1] - 1 == 4) {
        /* "12/03/2024": month first, day first in British usage */
        const char *bs = s + ends[0] + 1, *ys = s + ends[1] + 1;
        long a = nr_num_value(s, ends[0]), b = nr_num_value(bs, ends[1] - ends[0] - 1);
        long mo = c->day_first ? b : a, d = c->day_first ? a : b;
        if (mo >= 1 && mo <= 12 && d >= 1 && d <= 31) {
            char dd[3] = { (char)('0' + d / 10), (char)('0' + d % 10), 0 };
            nr_word(c, en_months[mo - 1]);
            en_say_ordinal_digits(c, d >= 10 ? dd : dd + 1, d >= 10 ? 2 : 1);
            nr_buf_putc(c->out, ',');
            en_say_year(c, ys, 4);
            return total;
        }
    }
    for (size_t at = 0; at < total;) {
        size_t j = at;
        while (j < total && is_digit(s[j]))
            j++;
        long v = nr_num_value(s + at, j - at);
        if (j - at == 4 && v >= 1100 && v <= 2099)
            en_say_year(c, s + at, 4);
        else
            nr_num_cardinal(c->out, s + at, j - at);
        at = j + 1;
    }
    return total;
}

/* A number inside a word at s[i]; returns where it ends. */
static size_t en_number(nr_ctx *c, const char *s, size_t n, size_t i, const en_num *m)
{
    size_t j = i + m->len;
    const char *r = s + j;
    size_t rn = n - j, k;
    int plain_int = !m->sign && m->fl == 0 && !m->grouped && m->il > 0;
    if (plain_int && rn >= 2 && r[0] == '-' && is_digit(r[1]))
        return i + say_dash_groups(c, s + i, n - i);
    if (plain_int && rn >= 2 && r[0] == '/' && is_digit(r[1]))
        return i + say_slash_groups(c, s + i, n - i);
    if (plain_int && rn >= 2 && r[0] == ':' && is_digit(r[1])) {
        en_time t;
        if (en_parse_time(s + i, n - i, &t)) {
            size_t e = i + t.len, al = 0;
            int ampm = en_ampm_at(s + e, n - e, &al);
            if (t.ss >= 0 && !ampm) { /* "1:05:30": a duration */
                long part[3] = { t.h, t.mm, t.ss };
                static const char *const unit[3] = { "hour", "minute", "second" };
                int count = (t.h > 0) + (t.mm > 0) + (t.ss > 0), said = 0;
                for (int p = 0; p < 3; p++) {
                    if (!part[p])
                        continue;
                    if (said && said == count - 1)
                        nr_word(c, "and");
                    else if (said)
                        nr_buf_putc(c->out, ',');
                    en_say_small(c, part[p]);
                    nr_word(c, unit[p]);
                    if (part[p] > 1)
                        nr_buf_putc(c->out, 's');
                    said++;
                }
                return e;
            }
            en_say_time(c, &t, ampm);
            return e + al;
        }
        /* a ratio "3:1", else each group */
        size_t e = j + 1;
        while (e < n && is_digit(s[e]))
            e++;
        nr_num_cardinal(c->out, m->ip, m->il);
        if (m->il <= 3 && e - j - 1 <= 3)
            nr_word(c, "to");
        nr_num_cardinal(c->out, r + 1, e - j - 1);
        return e;
    }
    if (m->fl == 0 && m->il > 0 && rn >= 2 && !m->sign) {
        char a = to_lower(r[0]), b = to_lower(r[1]);
        if (((a == 's' && b == 't') || (a == 'n' && b == 'd') || (a == 'r' && b == 'd') ||
             (a == 't' && b == 'h')) &&
            (rn == 2 || !is_alpha(r[2]))) {
            en_say_ordinal(c, m);
            return j + 2;
        }
    }
    if (m->fl == 0 && m->il > 0 && !m->sign && m->ip[m->il - 1] == '0' &&
        ((rn >= 1 && r[0] == 's' && (rn == 1 || !is_alpha(r[1]))) ||
         (rn >= 2 && r[0] == '\'' && r[1] == 's' && (rn == 2 || !is_alpha(r[2]))))) {
        size_t from = c->out->len;
        long v = en_int_value(m);
        if (v == 100 || v == 1000)
            nr_word(c, v == 100 ? "hundreds" : "thousands");
        else {
            if (m->il == 4 && v >= 1100 && v <= 2099)
                en_say_year(c, m->ip, 4);
            else
                en_say_int(c, m);
            nr_num_pluralize(c->out, from);
        }
        return j + (r[0] == 's' ? 1 : 2);
    }
    if (!m->sign && !m->grouped && m->il >= 1 && m->il <= 2 && m->fl == 2 &&
        en_ampm_at(r, rn, &k)) { /* "9.30am" */
        en_time t = { en_int_value(m), nr_num_value(m->fp, 2), -1, 0 };
        if (t.h <= 12 && t.mm <= 59) {
            en_say_time(c, &t, en_ampm_at(r, rn, &k));
            return j + k;
        }
    }
    if (rn >= 1 && r[0] == '%') {
        en_say_num(c, m);
        nr_word(c, "percent");
        return j + 1;
    }
    int ampm = 0;
    if (plain_int && (ampm = en_ampm_at(r, rn, &k)) != 0) {
        en_time t = { en_int_value(m), 0, -1, 0 };
        if (t.h >= 0 && t.h <= 12) {
            en_say_time(c, &t, ampm);
            return j + k;
        }
    }
    if (rn >= 1) {
        int fr = en_vulgar_at(r, rn);
        if (fr >= 0 && m->fl == 0 && !m->grouped) {
            en_say_num(c, m);
            nr_word(c, "and");
            en_say_fraction(c, en_vulgar[fr].num, en_vulgar[fr].den, 1);
            return j + strlen(en_vulgar[fr].ch);
        }
        /* "1.2m" is a million, "100m" meters */
        const char *sc = NULL;
        if (!(r[0] == 'm' && m->fl == 0))
            sc = en_scale_at(r, rn, &k, 0, 0);
        if (sc) {
            en_say_num(c, m);
            nr_word(c, sc);
            return j + k;
        }
        int u = en_unit_in(c, r, rn, &k);
        if (u >= 0) {
            const nr_tok *next = j + k == n ? nr_peek(c, 1) : NULL;
            int attributive = next && !next->ln && next->cn > 1 && is_lower(CORE(next)[0]) &&
                              TLEN(nr_peek(c, 0)) == 0 && en_article_before(c);
            en_say_num(c, m);
            nr_word(c, en_is_one(m) || attributive ? en_units[u].one : en_units[u].many);
            return j + k;
        }
    }
    if (plain_int && i > 0 && is_alpha(s[i - 1]) && m->il >= 4) {
        /* "BA2490", "News2024": a year-like or digit-by-digit code */
        long v = nr_num_value(m->ip, m->il);
        if (m->il == 4 && v >= 1100 && v <= 2099)
            en_say_year(c, m->ip, 4);
        else
            nr_num_digits(c->out, m->ip, m->il);
        return j;
    }
    en_say_num(c, m);
    return j;
}

/* Is s[i] the start of a number?  A sign only at the start of the word. */
static size_t number_at(const char *s, size_t n, size_t i, en_num *m)
{
    char ch = s[i];
    if (is_digit(ch))
        return en_parse_num(s + i, n - i, m, 0);
    if ((ch == '-' || ch == '+') && i == 0)
        return en_parse_num(s + i, n - i, m, 1);
    if (ch == '.' && i + 1 < n && is_digit(s[i + 1]) && (i == 0 || !is_alnum(s[i - 1])))
        return en_parse_num(s + i, n - i, m, 0);
    return 0;
}

/* Words in a word-part with digits or symbols: "G7" -> "G seven". */
static void en_walk(nr_ctx *c, const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        en_num m;
        if (number_at(s, n, i, &m)) {
            i = en_number(c, s, n, i, &m);
            continue;
        }
        if (s[i] == '&') {
            nr_word(c, "and");
            i++;
            continue;
        }
        if (s[i] == '-' && i > 0 && i + 1 < n && is_digit(s[i - 1]) &&
            (is_digit(s[i + 1]) || s[i + 1] == '.')) {
            nr_word(c, "to"); /* "1,000-2,000", "1.5-2.5" */
            i++;
            continue;
        }
        if (s[i] == '.' && i > 0 && i + 1 < n && is_digit(s[i - 1]) && is_digit(s[i + 1])) {
            nr_word(c, "point"); /* "1.2.3" */
            size_t j = i + 1;
            while (j < n && is_digit(s[j]))
                j++;
            nr_num_digits(c->out, s + i + 1, j - i - 1);
            i = j;
            continue;
        }
        if (s[i] == '%') {
            nr_word(c, "percent");
            i++;
            continue;
        }
        int fr = en_vulgar_at(s + i, n - i);
        if (fr >= 0) {
            en_say_fraction(c, en_vulgar[fr].num, en_vulgar[fr].den, 0);
            i += strlen(en_vulgar[fr].ch);
            continue;
        }
        size_t j = i + nr_utf8_len(s + i);
        while (j < n && !is_digit(s[j]) && s[j] != '&' && s[j] != '%' &&
               en_vulgar_at(s + j, n - j) < 0 &&
               !(s[j] == '.' && j + 1 < n && is_digit(s[j + 1]) && !is_alnum(s[j - 1])))
            j += nr_utf8_len(s + j);
        if (j > n)
            j = n;
        nr_word_n(c, s + i, j - i);
        i = j;
    }
}

/* Does the part need more than copying (digits, symbols)? */
static int needs_walk(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (is_digit((char)ch) || ch == '&' || ch == '%' || ch == 0xC2 || ch == 0xE2)
            return 1;
    }
    return 0;
}

static int plain_word(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!is_alpha(s[i]) && (unsigned char)s[i] < 0x80 && s[i] != '\'')
            return 0;
    return n > 0;
}

void en_part(nr_ctx *c, const char *s, size_t n)
{
    if (n == 0)
        return;
    if (nr_is_initialism(s, n)) {
        nr_say_initialism(c, s, n);
        return;
    }
    if (needs_walk(s, n))
        en_walk(c, s, n);
    else
        nr_word_n(c, s, n);
}

/* Is s[0..n) a day of the week ("Monday")? */
static int day_name(const char *s, size_t n)
{
    static const char *const days[] = { "Friday", "Monday", "Saturday", "Sunday", "Thursday",
                                        "Tuesday", "Wednesday" };
    return in_list(days, N_ELEMS(days), s, n, 0);
}

/* A core without context: split at hyphens (but not between digits). */
void en_core(nr_ctx *c, const char *s, size_t n)
{
    size_t start = 0, prev_start = 0;
    int prev_plain = -1;
    for (size_t i = 0; i <= n; i++) {
        if (i < n && !(s[i] == '-' && i > start && i + 1 < n &&
                       !(is_digit(s[i - 1]) && is_digit(s[i + 1])) && s[i + 1] != '-'))
            continue;
        const char *part = s + start;
        size_t pl = i - start;
        int plain = plain_word(part, pl), u = -1;
        size_t ul;
        int days = start > 0 && day_name(s + prev_start, start - 1 - prev_start) && day_name(part, pl);
        int numbers = start > 0 && (is_digit(s[prev_start]) || s[prev_start] == '$') && pl > 0 &&
                      (is_digit(part[0]) || part[0] == '$');
        if (days || numbers) {
            nr_word(c, "to"); /* "Monday-Friday", "9am-5pm", "1990s-2000s" */
        } else if (prev_plain == 1 && plain) {
            nr_buf_putc(c->out, '-');
            c->out->glue = 1;
        }
        size_t next_end = i + 1;
        while (next_end < n && s[next_end] != '-')
            next_end++;
        if (start > 0 && is_digit(s[start - 2]) && (u = en_unit_in(c, part, pl, &ul)) >= 0 && ul == pl)
            nr_word(c, en_units[u].one); /* "a 3-km run" */
        else if (i < n && pl > 1 && is_digit(part[0]) && part[pl - 1] == '%' && is_digit(s[i + 1]) &&
                 s[next_end - 1] == '%')
            en_part(c, part, pl - 1); /* "2%-3%": "two to three percent" */
        else
            en_part(c, part, pl);
        prev_plain = plain;
        prev_start = start;
        start = i + 1;
    }
}

/* ================================================================ English web */

static const char *const tlds[] = {
    "com", "org", "net", "edu", "gov", "mil", "int", "io", "ai", "co", "uk", "us", "ca",
    "de", "fr", "es", "it", "nl", "eu", "info", "biz", "tv", "me", "ly", "app", "dev",
    "news", "au", "in", "jp", "cn", "ru", "br", "mx", "ch", "se", "no", "be", "at", "ie",
    "nz", "za", "pl", "pt", "gr", "dk", "fi", "kr", "org", "tech", "online", "site", "xyz",
};

/* Is s[0..n) a host name with a known top-level domain? */
static int is_domain(const char *s, size_t n)
{
    size_t labels = 0, start = 0, first = 0;
    for (size_t i = 0; i <= n; i++) {
        if (i < n && s[i] != '.') {
            if (!is_alnum(s[i]) && s[i] != '-')
                return 0;
            continue;
        }
        if (i == start)
            return 0;
        if (labels == 0)
            first = i;
        labels++;
        if (i == n) {
            const char *tld = s + start;
            size_t tl = i - start;
            for (size_t k = 0; k < tl; k++)
                if (!is_lower(tld[k]))
                    return 0;
            static const char *const generic[] = { "com", "org", "net", "io", "ai" };
            return labels >= 2 && in_list(tlds, N_ELEMS(tlds), tld, tl, 0) &&
                   (first >= 2 || in_list(generic, N_ELEMS(generic), tld, tl, 0));
        }
        start = i + 1;
    }
    return 0;
}

/* Speak s[0..n) splitting at . / _ - with the given words for each. */
static void say_address(nr_ctx *c, const char *s, size_t n)
{
    size_t start = 0;
    for (size_t i = 0; i <= n; i++) {
        char ch = i < n ? s[i] : '\0';
        if (i < n && ch != '.' && ch != '/' && ch != '_' && ch != '-' && ch != '+' && ch != '@')
            continue;
        if (i > start)
            en_part(c, s + start, i - start);
        if (i < n) {
            const char *w = ch == '.' ? "dot" : ch == '/' ? "slash" : ch == '+' ? "plus"
                          : ch == '@' ? "at" : NULL;
            if (w)
                nr_word(c, w);
        }
        start = i + 1;
    }
}

/* Split a camel-case tag into words: "BlackLivesMatter" -> "Black Lives Matter". */
static void say_camel(nr_ctx *c, const char *s, size_t n)
{
    size_t start = 0;
    for (size_t i = 1; i <= n; i++) {
        int cut = i == n || s[i] == '_' ||
                  (is_upper(s[i]) && (is_lower(s[i - 1]) ||
                                      (is_upper(s[i - 1]) && i + 1 < n && is_lower(s[i + 1]))));
        if (!cut)
            continue;
        if (i > start)
            en_part(c, s + start, i - start);
        start = s[i] == '_' ? i + 1 : i;
        if (i < n && s[i] == '_')
            i++;
    }
}

static int starts_with_nocase(const char *s, size_t n, const char *lit)
{
    size_t k = strlen(lit);
    return n >= k && eq_nocase(s, k, lit);
}

/* URLs, e-mail addresses, domains, hashtags and handles; 1 if done. */
int en_web(nr_ctx *c, const nr_tok *t)
{
    const char *s = CORE(t);
    size_t n = t->cn;
    if (s[0] != '#' && !memchr(s, '.', n) && !memchr(s, '@', n) && !memchr(s, ':', n))
        return 0;
    if (n >= 2 && s[0] == '#') {
        nr_begin(c, t);
        if (all_digits(s + 1, n - 1)) {
            nr_word(c, "number");
            nr_num_cardinal(c->out, s + 1, n - 1);
        } else {
            nr_word(c, "hashtag");
            say_camel(c, s + 1, n - 1);
        }
        nr_finish(c, t, 0);
        return 1;
    }
    const char *at = memchr(s, '@', n);
    if (at == s && n >= 2 && !memchr(s + 1, '@', n - 1)) {
        nr_begin(c, t);
        nr_word(c, "at");
        say_camel(c, s + 1, n - 1);
        nr_finish(c, t, 0);
        return 1;
    }
    if (at && at > s) {
        const char *dom = at + 1;
        size_t dl = n - (size_t)(dom - s);
        if (!memchr(dom, '@', dl) && is_domain(dom, dl)) {
            nr_begin(c, t);
            say_address(c, s, (size_t)(at - s));
            nr_word(c, "at");
            say_address(c, dom, dl);
            nr_finish(c, t, 0);
            return 1;
        }
        return 0;
    }
    size_t skip = 0;
    if (starts_with_nocase(s, n, "https://"))
        skip = 8;
    else if (starts_with_nocase(s, n, "http://"))
        skip = 7;
    int scheme = skip > 0;
    if (starts_with_nocase(s + skip, n - skip, "www."))
        skip += 4;
    size_t host_end = skip;
    while (host_end < n && s[host_end] != '/' && s[host_end] != '?' && s[host_end] != '#' &&
           s[host_end] != ':')
        host_end++;
    if (!scheme && !(skip > 0) && !is_domain(s, host_end))
        return 0;
    if (!scheme && skip > 0 && !is_domain(s + skip, host_end - skip))
        return 0;
    if (host_end == skip)
        return 0;
    size_t path_end = host_end;
    while (path_end < n && s[path_end] != '?' && s[path_end] != '#')
        path_end++;
    size_t path = host_end;
    if (path < path_end && s[path] == ':') { /* a port: not spoken */
        while (path < path_end && s[path] != '/')
            path++;
    }
    while (path_end > path && s[path_end - 1] == '/')
        path_end--;
    nr_begin(c, t);
    say_address(c, s + skip, host_end - skip);
    if (path < path_end)
        say_address(c, s + path, path_end - path);
    nr_finish(c, t, 0);
    return 1;
}

/* ================================================================ English abbreviations */

/* Doctor or Drive; Saint or Street: after a street name or a house number. */
static const char *place_word(nr_ctx *c, const nr_abbr *a, int *may_end)
{
    const nr_tok *prev = nr_prev(c), *next = nr_peek(c, 1);
    int after_street = prev && TLEN(prev) == 0 &&
                       (nr_is_name(c, prev) || (prev->cn >= 3 && is_digit(CORE(prev)[0])));
    int before_name = nr_is_name(c, next);
    if (eq_nocase(a->key, strlen(a->key), "Dr")) {
        if (after_street && !before_name && prev->cn >= 2 && !is_digit(CORE(prev)[0])) {
            *may_end = 1;
            return "Drive";
        }
        return "Doctor";
    }
    if (before_name)
        return "Saint";
    if (after_street) {
        *may_end = 1;
        return "Street";
    }
    return nr_has_period(nr_peek(c, 0)) ? "Saint" : NULL;
}

/* States written out in full, spoken after a party: "R-Texas". */
static const char *const whole_states[] = {
    "Alaska", "Hawaii", "Idaho", "Iowa", "Maine", "Ohio", "Texas", "Utah",
};

/* "Calif." -> "California"; "(D-Calif.)" -> "(Democrat of California)".  Alone
** only the undotted abbreviations with their period; after a party any. */
int en_state(nr_ctx *c)
{
    const nr_tok *t = nr_peek(c, 0);
    const char *s = CORE(t), *party = NULL;
    size_t n = t->cn;
    int period = nr_has_period(t);
    if (n >= 3 && s[1] == '-' && (s[0] == 'D' || s[0] == 'R' || s[0] == 'I')) {
        party = s[0] == 'D' ? "Democrat" : s[0] == 'R' ? "Republican" : "Independent";
        s += 2;
        n -= 2;
    } else if (!period) {
        return 0;
    }
    const nr_abbr *a = nr_rules_abbr(c->rules, s, n);
    int whole = 0;
    if (a && (a->flags & NR_AB_STATE)) {
        int dotted = memchr(a->key, '.', strlen(a->key)) != NULL;
        if (!(party ? dotted || period : !dotted && period))
            return 0;
    } else if (!(party && in_list(whole_states, N_ELEMS(whole_states), s, n, 0))) {
        return 0;
    } else {
        whole = 1;
    }
    nr_begin(c, t);
    if (party) {
        nr_word(c, party);
        nr_word(c, "of");
    }
    if (whole)
        nr_word_n(c, s, n);
    else
        nr_word(c, a->spoken);
    nr_finish(c, t, !nr_keeps_period(c, 0) || (TLEN(t) > 1 && TRAIL(t)[1] == ')'));
    return 1;
}

/* An abbreviation of the table in en.c, as its flags allow; capitalized keys
** only capitalized ("He sat." is no Saturday). */
int en_abbreviation(nr_ctx *c)
{
    const nr_tok *t = nr_peek(c, 0), *next = nr_peek(c, 1);
    const char *s = CORE(t);
    const nr_abbr *a = nr_rules_abbr(c->rules, s, t->cn);
    if (!a || !a->spoken || (a->flags & NR_AB_STATE) || (is_upper(a->key[0]) && !is_upper(s[0])))
        return 0;
    if (!nr_has_period(t) && !(a->flags & NR_AB_BARE) &&
        !((a->flags & NR_AB_BARE_NAME) && nr_is_name(c, next)))
        return 0;
    if ((a->flags & NR_AB_DIGIT) && (!next || next->ln || !is_digit(CORE(next)[0])))
        return 0;
    if ((a->flags & NR_AB_NAME) && !nr_is_name(c, next))
        return 0;
    int may_end = a->kind == NR_ABBR_END || a->kind == NR_ABBR_MAYBE || a->kind == NR_ABBR_AMPM;
    const char *say = a->flags & NR_AB_PLACE ? place_word(c, a, &may_end) : a->spoken;
    if (!say)
        return 0;
    nr_begin(c, t);
    nr_word(c, say);
    nr_finish(c, t, !(may_end ? nr_keeps_period(c, 0) : next == NULL));
    return 1;
}
