/* time.c - RFC 3339 date-time values. */
#include "internal.h"

/* Read n digits at s; -1 if any is not a digit. */
static int digits(const char *s, int n)
{
    int v = 0;
    while (n-- > 0) {
        unsigned c = (unsigned char)*s++;
        if (!NEWS__IS_DIGIT(c))
            return -1;
        v = v * 10 + (int)(c - '0');
    }
    return v;
}

static int days_in_month(int year, int month)
{
    static const unsigned char days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month == 2 && year % 4 == 0 && (year % 100 != 0 || year % 400 == 0))
        return 29;
    return days[month - 1];
}

/* date-time = YYYY "-" MM "-" DD "T" hh ":" mm ":" ss ["." 1*DIGIT]
 *             ("Z" / ("+" / "-") hh ":" mm), T and Z in either case. */
int news_time_parse(news_str s, news_time *t)
{
    const char *p = s.ptr;
    size_t n = s.len, i = 19;
    news_time v;
    unsigned long scale = 100000000ul;

    if (p == NULL || n < 20 || p[4] != '-' || p[7] != '-' || (p[10] | 0x20) != 't' ||
        p[13] != ':' || p[16] != ':')
        return NEWS_ERR_DATE;
    v.year = digits(p, 4);
    v.month = digits(p + 5, 2);
    v.day = digits(p + 8, 2);
    v.hour = digits(p + 11, 2);
    v.minute = digits(p + 14, 2);
    v.second = digits(p + 17, 2);
    if (v.year < 0 || v.month < 1 || v.month > 12 || v.day < 1 ||
        v.day > days_in_month(v.year, v.month) || v.hour < 0 || v.hour > 23 || v.minute < 0 ||
        v.minute > 59 || v.second < 0 || v.second > 60)
        return NEWS_ERR_DATE;
    v.nanosecond = 0;
    if (p[i] == '.') {
        if (++i == n || !NEWS__IS_DIGIT((unsigned char)p[i]))
            return NEWS_ERR_DATE;
        for (; i < n && NEWS__IS_DIGIT((unsigned char)p[i]); i++, scale /= 10)
            v.nanosecond += (unsigned long)(p[i] - '0') * scale; /* scale hits 0 after 9 */
    }
    if (i + 1 == n && (p[i] | 0x20) == 'z') {
        v.offset = 0;
    } else if (i + 6 == n && (p[i] == '+' || p[i] == '-') && p[i + 3] == ':') {
        int h = digits(p + i + 1, 2), m = digits(p + i + 4, 2);
        if (h < 0 || h > 23 || m < 0 || m > 59)
            return NEWS_ERR_DATE;
        v.offset = (h * 60 + m) * (p[i] == '-' ? -1 : 1);
    } else {
        return NEWS_ERR_DATE;
    }
    if (t != NULL)
        *t = v;
    return NEWS_OK;
}
