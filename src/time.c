/* time.c - RFC 3339 date-time values. */
#include "internal.h"

/* Does p start with the shape? '0' stands for a digit, '+' for a sign;
 * letters match in either case. */
static int match(const char *p, const char *shape)
{
    for (; *shape != '\0'; p++, shape++) {
        unsigned c = (unsigned char)*p, k = (unsigned char)*shape;
        if (k == '0' ? !NEWS__IS_DIGIT(c)
                     : k == '+' ? c != '+' && c != '-' : (k >= 'A' ? c | 0x20u : c) != (k | 0x20u))
            return 0;
    }
    return 1;
}

static int two(const char *p)
{
    return (p[0] - '0') * 10 + (p[1] - '0');
}

int news_time_parse(news_str s, news_time *t)
{
    /* Positions of month, day, hour, minute, second; their largest
     * values (the day is checked against its month below). */
    static const unsigned char at[5] = {5, 8, 11, 14, 17}, most[5] = {12, 31, 23, 59, 60};
    const char *p = s.ptr;
    size_t n = s.len, i = 19;
    int f[5], k, leap;
    unsigned long ns = 0, scale = 100000000ul;

    if (p == NULL || n < 20 || !match(p, "0000-00-00T00:00:00"))
        return NEWS_ERR_DATE;
    for (k = 0; k < 5; k++) {
        f[k] = two(p + at[k]);
        if (f[k] > most[k] || (k < 2 && f[k] == 0))
            return NEWS_ERR_DATE;
    }
    k = two(p) * 100 + two(p + 2); /* year */
    leap = k % 4 == 0 && (k % 100 != 0 || k % 400 == 0);
    /* 31 days in odd months to July and in even months from August. */
    if (f[1] > (f[0] == 2 ? 28 + leap : 30 + ((f[0] + (f[0] > 7)) & 1)))
        return NEWS_ERR_DATE;
    if (p[i] == '.') {
        if (++i == n || !NEWS__IS_DIGIT((unsigned char)p[i]))
            return NEWS_ERR_DATE;
        for (; i < n && NEWS__IS_DIGIT((unsigned char)p[i]); i++, scale /= 10)
            ns += (unsigned long)(p[i] - '0') * scale; /* scale is 0 after 9 digits */
    }
    if (i + 1 == n && (p[i] | 0x20) == 'z') {
        leap = 0; /* the offset, from here on */
    } else if (i + 6 == n && match(p + i, "+00:00") && two(p + i + 1) < 24 &&
               two(p + i + 4) < 60) {
        leap = (two(p + i + 1) * 60 + two(p + i + 4)) * (p[i] == '-' ? -1 : 1);
    } else {
        return NEWS_ERR_DATE;
    }
    if (t != NULL) {
        t->year = k;
        t->month = f[0];
        t->day = f[1];
        t->hour = f[2];
        t->minute = f[3];
        t->second = f[4];
        t->nanosecond = ns;
        t->offset = leap;
    }
    return NEWS_OK;
}
