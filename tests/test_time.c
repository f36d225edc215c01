/* test_time.c - news_time_parse: RFC 3339 date-times split into fields,
 * leap years, month lengths, leap seconds, and what is refused. */
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static news_str S(const char *s)
{
    news_str v;
    v.ptr = s;
    v.len = s == NULL ? 0 : strlen(s);
    return v;
}

/* Parse from an exactly sized heap copy, so that a read past the end
 * shows under valgrind and the sanitizers. */
static int parse_exact(const char *s, size_t n, news_time *t)
{
    char *copy = malloc(n > 0 ? n : 1);
    news_str v;
    int rc;
    ck_assert_ptr_nonnull(copy);
    memcpy(copy, s, n);
    v.ptr = copy;
    v.len = n;
    rc = news_time_parse(v, t);
    free(copy);
    return rc;
}

static const struct valid {
    const char *s;
    int year, month, day, hour, minute, second;
    unsigned long ns;
    int offset;
} valid[] = {
    {"2024-05-01T07:30:00Z", 2024, 5, 1, 7, 30, 0, 0, 0},
    {"2024-05-01t07:30:00z", 2024, 5, 1, 7, 30, 0, 0, 0},
    {"2024-05-01T07:30:00z", 2024, 5, 1, 7, 30, 0, 0, 0},
    {"2024-05-01t07:30:00Z", 2024, 5, 1, 7, 30, 0, 0, 0},
    {"2024-05-01t07:30:00.25+02:00", 2024, 5, 1, 7, 30, 0, 250000000ul, 120},
    {"1999-12-31T23:59:59-05:30", 1999, 12, 31, 23, 59, 59, 0, -330},
    {"2024-01-02T03:04:05+00:00", 2024, 1, 2, 3, 4, 5, 0, 0},
    {"2024-01-02T03:04:05-00:00", 2024, 1, 2, 3, 4, 5, 0, 0},
    {"2024-01-02T03:04:05+23:59", 2024, 1, 2, 3, 4, 5, 0, 1439},
    {"2024-01-02T03:04:05-23:59", 2024, 1, 2, 3, 4, 5, 0, -1439},
    {"2024-01-02T03:04:05+00:01", 2024, 1, 2, 3, 4, 5, 0, 1},
    {"2024-01-02T03:04:05-01:00", 2024, 1, 2, 3, 4, 5, 0, -60},
    {"2024-01-02T03:04:05+14:00", 2024, 1, 2, 3, 4, 5, 0, 840},
    {"0000-01-01T00:00:00Z", 0, 1, 1, 0, 0, 0, 0, 0},
    {"9999-12-31T23:59:59Z", 9999, 12, 31, 23, 59, 59, 0, 0},
    {"2016-12-31T23:59:60Z", 2016, 12, 31, 23, 59, 60, 0, 0},
    {"2015-06-30T23:59:60+01:00", 2015, 6, 30, 23, 59, 60, 0, 60},
    /* fractions of 1 to 12 digits: the first 9 make the nanoseconds */
    {"2024-05-01T07:30:00.1Z", 2024, 5, 1, 7, 30, 0, 100000000ul, 0},
    {"2024-05-01T07:30:00.12Z", 2024, 5, 1, 7, 30, 0, 120000000ul, 0},
    {"2024-05-01T07:30:00.123Z", 2024, 5, 1, 7, 30, 0, 123000000ul, 0},
    {"2024-05-01T07:30:00.1234Z", 2024, 5, 1, 7, 30, 0, 123400000ul, 0},
    {"2024-05-01T07:30:00.12345Z", 2024, 5, 1, 7, 30, 0, 123450000ul, 0},
    {"2024-05-01T07:30:00.123456Z", 2024, 5, 1, 7, 30, 0, 123456000ul, 0},
    {"2024-05-01T07:30:00.1234567Z", 2024, 5, 1, 7, 30, 0, 123456700ul, 0},
    {"2024-05-01T07:30:00.12345678Z", 2024, 5, 1, 7, 30, 0, 123456780ul, 0},
    {"2024-05-01T07:30:00.123456789Z", 2024, 5, 1, 7, 30, 0, 123456789ul, 0},
    {"2024-05-01T07:30:00.1234567891Z", 2024, 5, 1, 7, 30, 0, 123456789ul, 0},
    {"2024-05-01T07:30:00.12345678912Z", 2024, 5, 1, 7, 30, 0, 123456789ul, 0},
    {"2024-05-01T07:30:00.123456789123Z", 2024, 5, 1, 7, 30, 0, 123456789ul, 0},
    {"2024-05-01T07:30:00.999999999999+01:00", 2024, 5, 1, 7, 30, 0, 999999999ul, 60},
    {"2024-05-01T07:30:00.0Z", 2024, 5, 1, 7, 30, 0, 0, 0},
    {"2024-05-01T07:30:00.000000001Z", 2024, 5, 1, 7, 30, 0, 1, 0},
    {"2024-05-01T07:30:00.0000000009Z", 2024, 5, 1, 7, 30, 0, 0, 0},
    {"2024-05-01T07:30:00.5-03:00", 2024, 5, 1, 7, 30, 0, 500000000ul, -180},
    /* leap years */
    {"2000-02-29T00:00:00Z", 2000, 2, 29, 0, 0, 0, 0, 0},
    {"2024-02-29T12:00:00Z", 2024, 2, 29, 12, 0, 0, 0, 0},
    {"1600-02-29T00:00:00Z", 1600, 2, 29, 0, 0, 0, 0, 0},
    {"2023-02-28T00:00:00Z", 2023, 2, 28, 0, 0, 0, 0, 0},
    {"1900-02-28T00:00:00Z", 1900, 2, 28, 0, 0, 0, 0, 0},
    {"0000-02-29T00:00:00Z", 0, 2, 29, 0, 0, 0, 0, 0},
    {"0004-02-29T00:00:00Z", 4, 2, 29, 0, 0, 0, 0, 0},
    /* largest of every field */
    {"2024-12-31T23:59:60.999999999-23:59", 2024, 12, 31, 23, 59, 60, 999999999ul, -1439},
};

START_TEST(test_valid)
{
    const struct valid *c = &valid[_i];
    news_time t;

    memset(&t, 0x7f, sizeof t);
    ck_assert_msg(news_time_parse(S(c->s), &t) == NEWS_OK, "%s refused", c->s);
    ck_assert_int_eq(t.year, c->year);
    ck_assert_int_eq(t.month, c->month);
    ck_assert_int_eq(t.day, c->day);
    ck_assert_int_eq(t.hour, c->hour);
    ck_assert_int_eq(t.minute, c->minute);
    ck_assert_int_eq(t.second, c->second);
    ck_assert_msg(t.nanosecond == c->ns, "%s: nanosecond %lu, expected %lu", c->s, t.nanosecond,
                  c->ns);
    ck_assert_int_eq(t.offset, c->offset);
    /* t may be NULL to only validate */
    ck_assert_int_eq(news_time_parse(S(c->s), NULL), NEWS_OK);
    /* nothing beyond len is read */
    ck_assert_int_eq(parse_exact(c->s, strlen(c->s), NULL), NEWS_OK);
}
END_TEST

/* The last day of every month is valid, the day after it is not. */
START_TEST(test_month_lengths)
{
    static const int days[2][12] = {{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31},
                                    {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}};
    static const int years[] = {2023, 2024, 1900, 2000, 2100, 2400, 1, 4, 100, 400};
    size_t y;
    int m;

    for (y = 0; y < sizeof years / sizeof years[0]; y++) {
        int yr = years[y];
        int leap = yr % 4 == 0 && (yr % 100 != 0 || yr % 400 == 0);
        for (m = 1; m <= 12; m++) {
            char s[40];
            news_time t;
            int last = days[leap][m - 1];

            snprintf(s, sizeof s, "%04d-%02d-%02dT00:00:00Z", yr, m, last);
            ck_assert_msg(news_time_parse(S(s), &t) == NEWS_OK, "%s refused", s);
            ck_assert_int_eq(t.year, yr);
            ck_assert_int_eq(t.month, m);
            ck_assert_int_eq(t.day, last);
            snprintf(s, sizeof s, "%04d-%02d-%02dT00:00:00Z", yr, m, last + 1);
            ck_assert_msg(news_time_parse(S(s), &t) == NEWS_ERR_DATE, "%s accepted", s);
            snprintf(s, sizeof s, "%04d-%02d-01T00:00:00Z", yr, m);
            ck_assert_int_eq(news_time_parse(S(s), NULL), NEWS_OK);
            snprintf(s, sizeof s, "%04d-%02d-00T00:00:00Z", yr, m);
            ck_assert_int_eq(news_time_parse(S(s), NULL), NEWS_ERR_DATE);
        }
    }
}
END_TEST

/* Every hour, minute and second: 0..23, 0..59, 0..60. */
START_TEST(test_time_ranges)
{
    char s[40];
    int v;

    for (v = 0; v <= 99; v++) {
        snprintf(s, sizeof s, "2024-05-01T%02d:00:00Z", v);
        ck_assert_int_eq(news_time_parse(S(s), NULL), v <= 23 ? NEWS_OK : NEWS_ERR_DATE);
        snprintf(s, sizeof s, "2024-05-01T00:%02d:00Z", v);
        ck_assert_int_eq(news_time_parse(S(s), NULL), v <= 59 ? NEWS_OK : NEWS_ERR_DATE);
        snprintf(s, sizeof s, "2024-05-01T00:00:%02dZ", v);
        ck_assert_int_eq(news_time_parse(S(s), NULL), v <= 60 ? NEWS_OK : NEWS_ERR_DATE);
        snprintf(s, sizeof s, "2024-%02d-01T00:00:00Z", v);
        ck_assert_int_eq(news_time_parse(S(s), NULL),
                         v >= 1 && v <= 12 ? NEWS_OK : NEWS_ERR_DATE);
        snprintf(s, sizeof s, "2024-05-01T00:00:00+%02d:00", v);
        ck_assert_int_eq(news_time_parse(S(s), NULL), v <= 23 ? NEWS_OK : NEWS_ERR_DATE);
        snprintf(s, sizeof s, "2024-05-01T00:00:00-00:%02d", v);
        ck_assert_int_eq(news_time_parse(S(s), NULL), v <= 59 ? NEWS_OK : NEWS_ERR_DATE);
    }
}
END_TEST

static const char *const invalid[] = {
    /* leap years */
    "1900-02-29T00:00:00Z",
    "2023-02-29T00:00:00Z",
    "2100-02-29T00:00:00Z",
    "2024-02-30T00:00:00Z",
    /* fields out of range */
    "2024-00-01T00:00:00Z",
    "2024-13-01T00:00:00Z",
    "2024-05-00T00:00:00Z",
    "2024-05-32T00:00:00Z",
    "2024-04-31T00:00:00Z",
    "2024-06-31T00:00:00Z",
    "2024-09-31T00:00:00Z",
    "2024-11-31T00:00:00Z",
    "2024-05-01T24:00:00Z",
    "2024-05-01T00:60:00Z",
    "2024-05-01T00:00:61Z",
    "2024-05-01T00:00:99Z",
    "2024-05-01T00:00:00+24:00",
    "2024-05-01T00:00:00-24:00",
    "2024-05-01T00:00:00+00:60",
    "2024-05-01T00:00:00+99:99",
    /* wrong separators */
    "2024/05/01T07:30:00Z",
    "2024-05/01T07:30:00Z",
    "2024.05.01T07:30:00Z",
    "2024-05-01 07:30:00Z",
    "2024-05-01_07:30:00Z",
    "2024-05-01X07:30:00Z",
    "2024-05-01T07-30-00Z",
    "2024-05-01T07:30.00Z",
    "2024-05-01T07.30:00Z",
    "2024-05-01T07:30:00,5Z",
    "2024-05-01T07:30:00+02-00",
    "2024-05-01T07:30:00+0200",
    "2024-05-01T07:30:00 +02:00",
    "2024-05-01T07:30:00UTC",
    "2024-05-01T07:30:00GMT",
    "2024-05-01T07:30:00A",
    /* missing parts */
    "",
    "2024",
    "2024-05-01",
    "2024-05-01T",
    "2024-05-01T07:30",
    "2024-05-01T07:30Z",
    "2024-05-01T07:30:00",
    "2024-05-01T07:30:00+02",
    "2024-05-01T07:30:00+02:",
    "2024-05-01T07:30:00+02:0",
    "2024-05-01T07:30:00+",
    "2024-05-01T07:30:00-",
    "T07:30:00Z",
    "24-05-01T07:30:00Z",
    "2024-5-01T07:30:00Z",
    "2024-05-1T07:30:00Z",
    "2024-05-01T7:30:00Z",
    "2024-05-01T07:3:00Z",
    "2024-05-01T07:30:0Z",
    "02024-05-01T07:30:00Z",
    /* trailing garbage */
    "2024-05-01T07:30:00Zx",
    "2024-05-01T07:30:00ZZ",
    "2024-05-01T07:30:00Z ",
    "2024-05-01T07:30:00+02:00 ",
    "2024-05-01T07:30:00+02:000",
    "2024-05-01T07:30:00+02:00Z",
    "2024-05-01T07:30:00Z\n",
    /* leading garbage */
    " 2024-05-01T07:30:00Z",
    "+2024-05-01T07:30:00Z",
    "-2024-05-01T07:30:00Z",
    /* fraction without digits, or with something else */
    "2024-05-01T07:30:00.Z",
    "2024-05-01T07:30:00.",
    "2024-05-01T07:30:00.+02:00",
    "2024-05-01T07:30:00..5Z",
    "2024-05-01T07:30:00.5.5Z",
    "2024-05-01T07:30:00.5",
    "2024-05-01T07:30:00.5aZ",
    "2024-05-01T07:30:00.-5Z",
    /* not digits where digits go */
    "2O24-05-01T07:30:00Z",
    "2024-0a-01T07:30:00Z",
    "2024-05-0 T07:30:00Z",
    "2024-05-01T0 :30:00Z",
    "2024-05-01T07:+3:00Z",
    "2024-05-01T07:30:-1Z",
    "2024-05-01T07:30:00+a2:00",
    "2024-05-01T07:30:00+02:b0",
    "2024-05-01T07:30:00+-2:00",
    "-024-05-01T07:30:00Z",
    "2024--5-01T07:30:00Z",
    "20-4-05-01T07:30:00Z",
    "199x-05-01T07:30:00Z",
    "\xef\xbc\x92\xef\xbc\x90\xef\xbc\x92\xef\xbc\x94-05-01T07:30:00Z", /* full-width digits */
};

START_TEST(test_invalid)
{
    const char *s = invalid[_i];
    news_time t;
    ck_assert_msg(news_time_parse(S(s), &t) == NEWS_ERR_DATE, "\"%s\" accepted", s);
    ck_assert_int_eq(news_time_parse(S(s), NULL), NEWS_ERR_DATE);
    ck_assert_int_eq(parse_exact(s, strlen(s), NULL), NEWS_ERR_DATE);
}
END_TEST

/* A NULL pointer is refused whatever the length; the length is what
 * counts, not a NUL. */
START_TEST(test_pointer_and_length)
{
    static const char text[] = "2024-05-01T07:30:00Zjunk";
    news_str v;
    news_time t;

    v.ptr = NULL;
    v.len = 0;
    ck_assert_int_eq(news_time_parse(v, &t), NEWS_ERR_DATE);
    ck_assert_int_eq(news_time_parse(v, NULL), NEWS_ERR_DATE);
    v.len = 20;
    ck_assert_int_eq(news_time_parse(v, &t), NEWS_ERR_DATE);

    v.ptr = text;
    v.len = 20;
    ck_assert_int_eq(news_time_parse(v, &t), NEWS_OK);
    ck_assert_int_eq(t.offset, 0);
    v.len = 19;
    ck_assert_int_eq(news_time_parse(v, &t), NEWS_ERR_DATE);
    v.len = 21;
    ck_assert_int_eq(news_time_parse(v, &t), NEWS_ERR_DATE);
    v.len = sizeof text - 1;
    ck_assert_int_eq(news_time_parse(v, &t), NEWS_ERR_DATE);

    /* a NUL inside the length is not an end */
    v.ptr = "2024-05-01T07:30:00Z\0";
    v.len = 21;
    ck_assert_int_eq(news_time_parse(v, &t), NEWS_ERR_DATE);
    v.ptr = "2024-05-01T07:30:00\0Z";
    v.len = 21;
    ck_assert_int_eq(news_time_parse(v, &t), NEWS_ERR_DATE);

    /* every proper prefix of a valid date is invalid (read from an
     * exactly sized copy) */
    {
        static const char full[] = "2024-05-01T07:30:00.123+02:00";
        size_t n;
        for (n = 0; n < sizeof full - 1; n++)
            ck_assert_msg(parse_exact(full, n, NULL) == NEWS_ERR_DATE, "prefix %zu accepted", n);
        ck_assert_int_eq(parse_exact(full, sizeof full - 1, &t), NEWS_OK);
        ck_assert_uint_eq(t.nanosecond, 123000000ul);
        ck_assert_int_eq(t.offset, 120);
    }
}
END_TEST

/* Dates in documents follow the same rule (the reader's check), and
 * the writer refuses what the parser refuses. */
START_TEST(test_reader_and_writer_agree)
{
    static const char *const dates[] = {"2024-02-29T00:00:00Z", "2023-02-29T00:00:00Z",
                                        "2016-12-31T23:59:60z", "2024-05-01T07:30:00.Z",
                                        "2024-05-01t07:30:00.25+02:00"};
    static char mem[4096];
    size_t i;

    for (i = 0; i < sizeof dates / sizeof dates[0]; i++) {
        int want = news_time_parse(S(dates[i]), NULL);
        util_buf doc = {NULL, 0, 0};
        news_article a;
        news_arena ar;
        news_error err;
        size_t len;
        int rc;

        util_buf_printf(&doc, "%%news 1\ntitle: t\npublished: %s\n", dates[i]);
        news_arena_init(&ar, mem, sizeof mem);
        rc = news_parse(doc.p, doc.len, &a, &ar, 0, &err);
        ck_assert_int_eq(rc, want);
        if (want == NEWS_ERR_DATE) {
            ck_assert_uint_eq(err.line, 3);
            ck_assert_uint_eq(err.column, 12);
        }
        memset(&a, 0, sizeof a);
        a.title = S("t");
        a.modified = S(dates[i]);
        ck_assert_int_eq(news_write_buffer(&a, NULL, 0, &len, &err), want);
        util_buf_free(&doc);
    }
}
END_TEST

/* Speed builds read "YYYY-MM-DDThh:mm:ssZ" without the general loop:
 * every byte value at every place of such a date (and of one on the
 * last day of February in a leap year) must give what this checker of
 * the test's own says, and the fields when it is valid. */
static int two(const unsigned char *q)
{
    return (q[0] - '0') * 10 + (q[1] - '0');
}

static int usual_valid(const unsigned char *q)
{
    static const char shape[] = "dddd-dd-ddTdd:dd:ddZ";
    static const int days[13] = {0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int i, year, month, last;

    for (i = 0; i < 20; i++) {
        int c = q[i];
        if (shape[i] == 'd' ? c < '0' || c > '9'
                            : c != shape[i] && !((shape[i] == 'T' || shape[i] == 'Z') &&
                                                 c == shape[i] + 32))
            return 0;
    }
    year = two(q) * 100 + two(q + 2);
    month = two(q + 5);
    if (month < 1 || month > 12 || two(q + 11) > 23 || two(q + 14) > 59 || two(q + 17) > 60)
        return 0;
    last = days[month] + (month == 2 && year % 4 == 0 && (year % 100 != 0 || year % 400 == 0));
    return two(q + 8) >= 1 && two(q + 8) <= last;
}

START_TEST(test_usual_every_byte)
{
    static const char *const base[] = {"2024-05-01T07:30:00Z", "2000-02-29T23:59:60z"};
    unsigned char d[20];
    size_t b, i;
    unsigned c;

    for (b = 0; b < 2; b++)
        for (i = 0; i < 20; i++)
            for (c = 0; c < 256; c++) {
                news_time t;
                int rc;

                memcpy(d, base[b], 20);
                d[i] = (unsigned char)c;
                rc = parse_exact((const char *)d, 20, &t);
                ck_assert_msg((rc == NEWS_OK) == usual_valid(d), "%.20s: %d", d, rc);
                if (rc == NEWS_OK) {
                    ck_assert_int_eq(t.year, two(d) * 100 + two(d + 2));
                    ck_assert_int_eq(t.month, two(d + 5));
                    ck_assert_int_eq(t.day, two(d + 8));
                    ck_assert_int_eq(t.hour, two(d + 11));
                    ck_assert_int_eq(t.minute, two(d + 14));
                    ck_assert_int_eq(t.second, two(d + 17));
                    ck_assert_uint_eq(t.nanosecond, 0);
                    ck_assert_int_eq(t.offset, 0);
                } else {
                    ck_assert_int_eq(rc, NEWS_ERR_DATE);
                }
            }
}
END_TEST

Suite *time_suite(void)
{
    Suite *s = suite_create("time");
    TCase *tc = tcase_create("parse");

    tcase_add_loop_test(tc, test_valid, 0, (int)(sizeof valid / sizeof valid[0]));
    tcase_add_test(tc, test_month_lengths);
    tcase_add_test(tc, test_time_ranges);
    tcase_add_test(tc, test_usual_every_byte);
    tcase_add_loop_test(tc, test_invalid, 0, (int)(sizeof invalid / sizeof invalid[0]));
    tcase_add_test(tc, test_pointer_and_length);
    tcase_add_test(tc, test_reader_and_writer_agree);
    suite_add_tcase(s, tc);
    return s;
}
