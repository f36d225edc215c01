/* time.c - RFC 3339 date-time values. */
#include "internal.h"

/* The codes of the pattern in news_time_parse: a digit, the digit that
 * ends a field (below n), and the stops after the fixed part, after "Z"
 * and after an offset. Other codes are separators. */
#define NEWS__T_DIGIT 0x80u
#define NEWS__T_END(n) (0x80u | (n))
#define NEWS__T_FIXED 1u
#define NEWS__T_ZONE 2u
#define NEWS__T_OFFSET 3u

#ifndef __OPTIMIZE_SIZE__
/* Speed builds: the usual shape, "YYYY-MM-DDThh:mm:ssZ", tested 8
 * bytes at a time (bytes 0-7, 8-15 and 12-19). By word: 0x80 where a
 * digit goes; 0xFF where a fixed byte goes; that byte, lower case for
 * T and Z; bit 5 where the case is free (T and Z, not '-' and ':',
 * which have it set). Byte arrays, so that memcpy gives the words in
 * the machine's order. */
static const unsigned char usual[4][3][8] = {
    {{0x80, 0x80, 0x80, 0x80, 0, 0x80, 0x80, 0},
     {0x80, 0x80, 0, 0x80, 0x80, 0, 0x80, 0x80},
     {0x80, 0, 0x80, 0x80, 0, 0x80, 0x80, 0}},
    {{0, 0, 0, 0, 0xFF, 0, 0, 0xFF},
     {0, 0, 0xFF, 0, 0, 0xFF, 0, 0},
     {0, 0xFF, 0, 0, 0xFF, 0, 0, 0xFF}},
    {{0, 0, 0, 0, '-', 0, 0, '-'}, {0, 0, 't', 0, 0, ':', 0, 0}, {0, ':', 0, 0, ':', 0, 0, 'z'}},
    {{0}, {0, 0, 0x20, 0, 0, 0, 0, 0}, {0, 0, 0, 0, 0, 0, 0, 0x20}}};
#define ONES8 0x0101010101010101u

/* 1 if the 20 bytes at q have the usual shape. Bytes below 0x80 only,
 * so that the adds below carry into no other byte: one >= '0' gives
 * bit 7 to itself + 0x50, one > '9' to itself + 0x46. */
static int usual_shape(const unsigned char *q)
{
    static const unsigned char at[3] = {0, 8, 12};
    uint64_t bad = 0, w, d, keep, want, fold;
    int i;

    for (i = 0; i < 3; i++) {
        news__memcpy(&w, q + at[i], 8);
        news__memcpy(&d, usual[0][i], 8);
        news__memcpy(&keep, usual[1][i], 8);
        news__memcpy(&want, usual[2][i], 8);
        news__memcpy(&fold, usual[3][i], 8);
        bad |= w & ONES8 * 0x80u;
        bad |= (~(w + ONES8 * 0x50u) | (w + ONES8 * 0x46u)) & d;
        bad |= ((w | fold) ^ want) & keep;
    }
    return bad == 0;
}
#undef ONES8
#endif

int news_time_parse(news_str s, news_time *t)
{
    return news__time(s.ptr, s.len, t);
}

int news__time(const char *p, size_t n, news_time *t)
{
    /* Days per month (0 for month 0, so that every day fails), then
     * "YYYY-MM-DDThh:mm:ss", "Z" and "hh:mm" read by one loop, which
     * costs less code than a test per field. The year is two fields, as
     * the leap rule needs its last two digits. The day's bound is the
     * month's length, checked after the loop. */
#define D NEWS__T_DIGIT
#define E NEWS__T_END
    static const unsigned char pat[] = {
        0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31,
        D, E(100), D, E(100), '-', D, E(13), '-', D, E(100), 'T',
        D, E(24), ':', D, E(60), ':', D, E(61), NEWS__T_FIXED,
        'Z', NEWS__T_ZONE, D, E(24), ':', D, E(60), NEWS__T_OFFSET};
#undef D
#undef E
    const unsigned char *q = (const unsigned char *)p, *end, *b = pat + 13;
    unsigned char v[9], *w = v; /* the fields, in order */
    unsigned acc = 0, c;
    /* the fraction after a leading 1, so that its digits can be counted
     * by its size: 10 digits (1 and nine) reach 1e9 */
    unsigned long ns = 1;
    int offset = 0;

    if (q == NULL)
        return NEWS_ERR_DATE;
    end = q + n;
#ifndef __OPTIMIZE_SIZE__
    /* The fields of the usual shape straight into v; the checks that
     * follow the loop are then the same. */
    if (n == 20 && usual_shape(q)) {
#define TWO(i) (unsigned char)((q[i] - '0') * 10 + (q[(i) + 1] - '0'))
        v[0] = TWO(0);
        v[1] = TWO(2);
        v[2] = TWO(5);
        v[3] = TWO(8);
        v[4] = TWO(11);
        v[5] = TWO(14);
        v[6] = TWO(17);
#undef TWO
        if (v[2] - 1u < 12u && v[4] < 24u && v[5] < 60u && v[6] < 61u) {
            c = NEWS__T_ZONE;
            ns = 1000000000ul; /* no fraction */
            goto fields;
        }
        return NEWS_ERR_DATE;
    }
#endif
next:
    for (; (c = *b) > NEWS__T_OFFSET; b++) {
        unsigned x;
        if (q == end)
            return NEWS_ERR_DATE;
        x = *q++;
        if (c < 0x80u) {
            /* "T" and "Z" may be lower case; '-' and ':' have bit 5 set */
            if (x != c && x != (c | 0x20u))
                return NEWS_ERR_DATE;
            continue;
        }
        x -= '0';
        if (x > 9)
            return NEWS_ERR_DATE;
        acc = acc * 10 + x;
        if (c != NEWS__T_DIGIT) {
            if (acc >= c - 0x80u)
                return NEWS_ERR_DATE;
            *w++ = (unsigned char)acc;
            acc = 0;
        }
    }
    b++;
    if (c == NEWS__T_FIXED) {
        if (q < end && *q == '.') {
            q++;
            while (q < end && (c = *q - '0') < 10) {
                if (ns < 1000000000ul) /* the first nine digits count */
                    ns = ns * 10 + c;
                q++;
            }
            if (ns == 1)
                return NEWS_ERR_DATE;
        }
        while (ns < 1000000000ul)
            ns *= 10;
        if (q == end)
            return NEWS_ERR_DATE;
        if (*q == '+' || *q == '-') {
            q++;
            b += 2; /* past "Z" to the offset */
        }
        goto next;
    }
    if (q != end)
        return NEWS_ERR_DATE;
#ifndef __OPTIMIZE_SIZE__
fields:
#endif
    if (c == NEWS__T_OFFSET)
        offset = (int)(v[7] * 60 + v[8]) * (end[-6] == '-' ? -1 : 1);
    /* A leap year: the last two digits divisible by 4, or when they are
     * 00, the first two (year % 400 without division). */
    c = pat[v[2]] + (v[2] == 2 && ((uint32_t)(v[1] ? v[1] : v[0]) << 30) == 0);
    if (v[3] - 1u >= c)
        return NEWS_ERR_DATE;
    if (t != NULL) {
        t->year = (int)(v[0] * 100 + v[1]);
        t->month = (int)v[2];
        t->day = (int)v[3];
        t->hour = (int)v[4];
        t->minute = (int)v[5];
        t->second = (int)v[6];
        t->nanosecond = ns - 1000000000ul;
        t->offset = offset;
    }
    return NEWS_OK;
}

#undef NEWS__T_DIGIT
#undef NEWS__T_END
#undef NEWS__T_FIXED
#undef NEWS__T_ZONE
#undef NEWS__T_OFFSET
