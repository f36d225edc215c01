/* time.c - RFC 3339 date-time values. */
#include "internal.h"

/* The two digits at p as a number, or 100 if either is not a digit. */
static unsigned two(const char *p)
{
    unsigned a = (unsigned char)p[0] - '0', b = (unsigned char)p[1] - '0';
    return a < 10 && b < 10 ? a * 10 + b : 100;
}

int news_time_parse(news_str s, news_time *t)
{
    /* The fixed part "YYYY-MM-DDThh:mm:ss": separators by position, then
     * the largest value of month, day, hour, minute and second (the day
     * is checked against its month below). */
    static const char sep[] = "--T::";
    static const unsigned char most[5] = {12, 31, 23, 59, 60};
    const char *p = s.ptr;
    size_t n = s.len, i;
    unsigned char f[5];
    unsigned year, k, leap, digits = 0;
    unsigned long ns = 0;
    int offset = 0;

    if (p == NULL || n < 20 || two(p) > 99 || two(p + 2) > 99)
        return NEWS_ERR_DATE;
    year = two(p) * 100 + two(p + 2);
    for (k = 0; k < 5; k++) {
        unsigned c = (unsigned char)p[4 + 3 * k];
        f[k] = (unsigned char)two(p + 5 + 3 * k);
        if ((k == 2 ? (c | 0x20u) != 't' : c != (unsigned char)sep[k]) || f[k] > most[k] ||
            (k < 2 && f[k] == 0))
            return NEWS_ERR_DATE;
    }
    /* year % 4, % 100 and % 400 without division: year = 100 hi + lo */
    leap = (year & 3u) == 0 && (two(p + 2) != 0 || (two(p) & 3u) == 0);
    /* 31 days in odd months to July and in even months from August. */
    if (f[1] > (f[0] == 2 ? 28 + leap : 30u + ((f[0] + (f[0] > 7u)) & 1u)))
        return NEWS_ERR_DATE;
    i = 19;
    if (p[i] == '.') {
        if (++i == n || !NEWS__IS_DIGIT((unsigned char)p[i]))
            return NEWS_ERR_DATE;
        for (; i < n && NEWS__IS_DIGIT((unsigned char)p[i]); i++)
            if (digits < 9) { /* nanoseconds: the first nine digits count */
                ns = ns * 10 + (unsigned long)(p[i] - '0');
                digits++;
            }
        for (; digits < 9; digits++)
            ns *= 10;
    }
    if (i + 6 == n && (p[i] == '+' || p[i] == '-') && p[i + 3] == ':' && two(p + i + 1) < 24 &&
        two(p + i + 4) < 60)
        offset = (int)(two(p + i + 1) * 60 + two(p + i + 4)) * (p[i] == '-' ? -1 : 1);
    else if (i + 1 != n || (p[i] | 0x20) != 'z')
        return NEWS_ERR_DATE;
    if (t != NULL) {
        t->year = (int)year;
        t->month = (int)f[0];
        t->day = (int)f[1];
        t->hour = (int)f[2];
        t->minute = (int)f[3];
        t->second = (int)f[4];
        t->nanosecond = ns;
        t->offset = offset;
    }
    return NEWS_OK;
}
