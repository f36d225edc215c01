/* test_layout.c - text layout: code point widths, decoding, wrapping at
 * every width from 1 to 200, truncation with an ellipsis, pixel widths
 * through a callback, and the seed story wrapped at 20, 40 and 80. */
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* An exactly sized heap copy, so that a read past the end shows under
 * the sanitizers and valgrind. Free .ptr. */
static news_str exact(const char *s, size_t n)
{
    news_str v;
    char *copy = malloc(n > 0 ? n : 1);
    ck_assert_ptr_nonnull(copy);
    if (n > 0)
        memcpy(copy, s, n);
    v.ptr = copy;
    v.len = n;
    return v;
}

static void release(news_str v)
{
    free((void *)v.ptr);
}

/* The rule the library uses for marks, restated from the header. */
static int is_extend(unsigned long cp)
{
    return (cp >= 0x300 && cp != 0x200B && news_cp_width(cp) == 0) ||
           (cp >= 0x1F3FB && cp <= 0x1F3FF);
}

/* ---- code point widths ---- */

static const struct {
    unsigned long cp;
    int width;
} cps[] = {
    {'A', 1}, {' ', 1}, {'~', 1}, {'\t', 1}, {0x00, 0}, {0x0A, 0}, {0x1B, 0}, {0x7F, 0},
    {0x80, 0}, {0x85, 0}, {0x9F, 0}, {0xA0, 1}, {0xAD, 1}, {0xE9, 1}, {0xFF, 1},
    {0x2FF, 1}, {0x300, 0}, {0x301, 0}, {0x36F, 0}, {0x370, 1}, {0x483, 0}, {0x5D0, 1},
    {0x5B4, 0}, {0x64B, 0}, {0x627, 1}, {0x901, 0}, {0x903, 1}, {0x915, 1}, {0x94D, 0},
    {0xE01, 1}, {0xE31, 0}, {0xE48, 0}, {0x1100, 2}, {0x115F, 2}, {0x1160, 0}, {0x11FF, 0},
    {0x1200, 1}, {0x1AB0, 0}, {0x1DC0, 0}, {0x2010, 1}, {0x2014, 1}, {0x200B, 0},
    {0x200C, 0}, {0x200D, 0}, {0x200F, 0}, {0x2010, 1}, {0x202E, 0}, {0x2060, 0},
    {0x2064, 0}, {0x20AC, 1}, {0x20D0, 0}, {0x2026, 1}, {0x231A, 2}, {0x2329, 2},
    {0x2600, 1}, {0x2614, 2}, {0x26A1, 2}, {0x2705, 2}, {0x2764, 1}, {0x2E80, 2},
    {0x3000, 2}, {0x3001, 2}, {0x302A, 0}, {0x303E, 2}, {0x303F, 1}, {0x3041, 2},
    {0x3099, 0}, {0x309A, 0}, {0x30A2, 2}, {0x3247, 2}, {0x3248, 1}, {0x3250, 2},
    {0x4DBF, 2}, {0x4DC0, 1}, {0x4E00, 2}, {0x9FFF, 2}, {0xA000, 2}, {0xA4C6, 2},
    {0xA4D0, 1}, {0xA960, 2}, {0xAC00, 2}, {0xD55C, 2}, {0xD7A3, 2}, {0xD7A4, 1},
    {0xE000, 1}, {0xF900, 2}, {0xFAD9, 2}, {0xFB00, 1}, {0xFE00, 0}, {0xFE0F, 0},
    {0xFE10, 2}, {0xFE20, 0}, {0xFE2F, 0}, {0xFE30, 2}, {0xFEFF, 0}, {0xFF01, 2},
    {0xFF21, 2}, {0xFF60, 2}, {0xFF61, 1}, {0xFF9E, 1}, {0xFFE0, 2}, {0xFFE6, 2},
    {0xFFE8, 1}, {0xFFFD, 1}, {0x10000, 1}, {0x16FE0, 2}, {0x17000, 2}, {0x1B000, 2},
    {0x1D400, 1}, {0x1F004, 2}, {0x1F1E6, 1}, {0x1F300, 2}, {0x1F321, 2}, {0x1F3FB, 2},
    {0x1F44D, 2}, {0x1F600, 2}, {0x1F64F, 2}, {0x1F680, 2}, {0x1F90C, 2}, {0x1F9FF, 2},
    {0x1FA70, 2}, {0x20000, 2}, {0x2A6DF, 2}, {0x30000, 2}, {0x3FFFD, 2}, {0x40000, 1},
    {0xE0001, 0}, {0xE0041, 0}, {0xE0100, 0}, {0xE01EF, 0}, {0xF0000, 1}, {0x10FFFF, 1},
    {0x110000, 1}, {0xFFFFFFFFul, 1},
};

START_TEST(test_cp_width)
{
    ck_assert_msg(news_cp_width(cps[_i].cp) == cps[_i].width, "U+%04lX: %d, want %d",
                  cps[_i].cp, news_cp_width(cps[_i].cp), cps[_i].width);
}
END_TEST

/* Every code point of planes 0 and 1 (and a sample beyond) has width 0,
 * 1 or 2, and whole blocks have the width the layout relies on. */
START_TEST(test_cp_width_range)
{
    unsigned long cp;
    for (cp = 0; cp < 0x110000; cp += cp < 0x20000 ? 1 : 0x101) {
        int w = news_cp_width(cp);
        ck_assert_msg(w >= 0 && w <= 2, "U+%04lX: %d", cp, w);
    }
    for (cp = 0x4E00; cp <= 0x9FFF; cp++)
        ck_assert_int_eq(news_cp_width(cp), 2);
    for (cp = 0xAC00; cp <= 0xD7A3; cp++)
        ck_assert_int_eq(news_cp_width(cp), 2);
    for (cp = 0x0300; cp <= 0x036F; cp++)
        ck_assert_int_eq(news_cp_width(cp), 0);
    for (cp = 0x20; cp < 0x7F; cp++)
        ck_assert_int_eq(news_cp_width(cp), 1);
}
END_TEST

/* ---- decoding ---- */

static const struct {
    const char *s;
    size_t len;
    unsigned long cp[6]; /* code points, then 0 (a NUL input uses n) */
    size_t n;
} decodes[] = {
    {"A", 1, {'A'}, 1},
    {"\0", 1, {0}, 1},
    {"\xC3\xA9", 2, {0xE9}, 1},
    {"\xE2\x80\x94", 3, {0x2014}, 1},
    {"\xF0\x9F\x91\x8D", 4, {0x1F44D}, 1},
    {"\xF4\x8F\xBF\xBF", 4, {0x10FFFF}, 1},
    {"\xEF\xBB\xBF", 3, {0xFEFF}, 1},
    /* each bad byte is one U+FFFD and decoding goes on after it */
    {"\xFF", 1, {0xFFFD}, 1},
    {"\x80", 1, {0xFFFD}, 1},
    {"\xC0\xAF", 2, {0xFFFD, 0xFFFD}, 2},
    {"\xC1\xBF", 2, {0xFFFD, 0xFFFD}, 2},
    {"\xE0\x80\xAF", 3, {0xFFFD, 0xFFFD, 0xFFFD}, 3},
    {"\xED\xA0\x80", 3, {0xFFFD, 0xFFFD, 0xFFFD}, 3},
    {"\xF4\x90\x80\x80", 4, {0xFFFD, 0xFFFD, 0xFFFD, 0xFFFD}, 4},
    {"\xF5\x80", 2, {0xFFFD, 0xFFFD}, 2},
    {"\xC3", 1, {0xFFFD}, 1},
    {"\xE2\x80", 2, {0xFFFD, 0xFFFD}, 2},
    {"\xF0\x9F\x91", 3, {0xFFFD, 0xFFFD, 0xFFFD}, 3},
    {"a\xC3(", 3, {'a', 0xFFFD, '('}, 3},
    {"\xE2\x82\xAC\xE2\x82", 5, {0x20AC, 0xFFFD, 0xFFFD}, 3},
};

START_TEST(test_decode)
{
    news_str v = exact(decodes[_i].s, decodes[_i].len);
    size_t i = 0, k = 0;

    while (i < v.len) {
        unsigned long cp = 0xDEAD;
        size_t n = news_utf8_decode(v.ptr + i, v.len - i, &cp);
        ck_assert_uint_ge(n, 1);
        ck_assert_uint_le(n, v.len - i);
        ck_assert_uint_lt(k, decodes[_i].n);
        ck_assert_msg(cp == decodes[_i].cp[k], "case %d, code point %u: U+%04lX", _i,
                      (unsigned)k, cp);
        ck_assert_uint_eq(news_utf8_decode(v.ptr + i, v.len - i, NULL), n);
        i += n;
        k++;
    }
    ck_assert_uint_eq(k, decodes[_i].n);
    release(v);
}
END_TEST

START_TEST(test_decode_edges)
{
    unsigned long cp = 7;
    ck_assert_uint_eq(news_utf8_decode("abc", 0, &cp), 0);
    ck_assert_uint_eq(cp, 7);
    ck_assert_uint_eq(news_utf8_decode(NULL, 3, &cp), 0);
    ck_assert_uint_eq(cp, 7);
}
END_TEST

/* ---- text width ---- */

static const struct {
    const char *s;
    size_t width;
} widths[] = {
    {"", 0},
    {"Harbour", 7},
    {"caf\xC3\xA9", 4},                    /* precomposed */
    {"cafe\xCC\x81", 4},                   /* e + combining acute */
    {"a\xCC\x81\xCC\xA7\xCD\x9C", 1},      /* three marks */
    {"S\xC3\xA3o Paulo", 9},
    {"\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E", 6},       /* 日本語 */
    {"\xED\x95\x9C\xEA\xB5\xAD", 4},                   /* 한국 */
    {"\xE1\x84\x92\xE1\x85\xA1\xE1\x86\xAB", 2},       /* jamo: lead, vowel, final */
    {"\xEF\xBC\xA1\xEF\xBC\xA2", 4},                   /* fullwidth AB */
    {"\xF0\x9F\x91\x8D", 2},                           /* thumbs up */
    {"\xE2\x9D\xA4\xEF\xB8\x8F", 1},                   /* heart + VS16 */
    {"\xE2\x80\x8B", 0},                               /* ZWSP */
    {"a\xE2\x80\x8D" "b", 2},                          /* ZWJ */
    {"\xEF\xBB\xBF" "x", 1},                           /* BOM */
    {"\t", 1},
    {"\x1B[31m", 4},                                   /* ESC counts 0 */
    {"\xC2\x85", 0},                                   /* C1 control */
    {"\xFF", 1},
    {"\xFF\xFE", 2},
    {"\xC3", 1},
    {"\xE2\x82", 2},
    {"ok\xF0\x9F\x91", 5},
    {"\xC0\xAF", 2},
    {"\xED\xA0\x80", 3},
    {"\xE0\xB8\x81\xE0\xB8\xB1\xE0\xB9\x88", 1},       /* Thai ko kai + two marks */
};

START_TEST(test_text_width)
{
    news_str v = exact(widths[_i].s, strlen(widths[_i].s));
    ck_assert_msg(news_text_width(v, NULL, NULL) == widths[_i].width, "case %d: %u", _i,
                  (unsigned)news_text_width(v, NULL, NULL));
    release(v);
}
END_TEST

START_TEST(test_text_width_absent)
{
    news_str none = {NULL, 5};
    ck_assert_uint_eq(news_text_width(none, NULL, NULL), 0);
}
END_TEST

/* ---- wrapping: the invariants, at every width ---- */

/* Offsets where a code point starts when decoding the whole text. */
static unsigned char *boundaries(news_str t)
{
    unsigned char *b = calloc(t.len + 1, 1);
    size_t i = 0;
    ck_assert_ptr_nonnull(b);
    while (i < t.len)
        i += news_utf8_decode(t.ptr + i, t.len - i, NULL), b[i] = 1;
    b[0] = 1;
    return b;
}

/* 1 if s holds a single cluster: a code point and what extends it. */
static int one_cluster(news_str s)
{
    size_t i = news_utf8_decode(s.ptr, s.len, NULL);
    unsigned long cp, prev;
    news_utf8_decode(s.ptr, s.len, &prev);
    while (i < s.len) {
        i += news_utf8_decode(s.ptr + i, s.len - i, &cp);
        if (!is_extend(cp) && !(prev == 0x200D && cp > ' '))
            return 0;
        prev = cp;
    }
    return 1;
}

typedef struct wrap_stats {
    size_t lines, longest;
} wrap_stats;

/* Wrap t at width with fn and check every rule of the header. */
static wrap_stats check_wrap(news_str t, size_t width, news_width_fn fn, void *user)
{
    unsigned char *at = boundaries(t);
    wrap_stats st = {0, 0};
    news_wrap w;
    news_str line;
    size_t lw, pos = 0, guard = t.len + 2;

    news_wrap_init(&w, t, width, fn, user);
    while (news_wrap_next(&w, &line, &lw) == NEWS_OK) {
        size_t off = (size_t)(line.ptr - t.ptr), i, feeds = 0;
        unsigned long cp;

        ck_assert_uint_gt(guard--, 0); /* the iteration ends */
        /* in order, and only break spaces and line feeds between lines */
        ck_assert_uint_ge(off, pos);
        ck_assert_uint_le(off + line.len, t.len);
        for (i = pos; i < off; i++) {
            ck_assert_msg(t.ptr[i] == ' ' || t.ptr[i] == '\t' || t.ptr[i] == '\n',
                          "byte %u lost at width %u", (unsigned)i, (unsigned)width);
            feeds += t.ptr[i] == '\n';
        }
        /* never inside a code point, never before a mark */
        ck_assert(at[off] && at[off + line.len]);
        if (line.len > 0) {
            news_utf8_decode(line.ptr, line.len, &cp);
            ck_assert_msg(off == 0 || !is_extend(cp), "mark cut from its base at %u",
                          (unsigned)off);
            if (line.ptr[0] == ' ' || line.ptr[0] == '\t') { /* only as the base of a mark */
                ck_assert_uint_gt(line.len, 1);
                news_utf8_decode(line.ptr + 1, line.len - 1, &cp);
                ck_assert(is_extend(cp));
            }
            ck_assert(line.ptr[line.len - 1] != ' ' && line.ptr[line.len - 1] != '\t');
            ck_assert_ptr_null(memchr(line.ptr, '\n', line.len));
        } else {
            ck_assert_msg(feeds > 0 || (st.lines == 0 && off < t.len && t.ptr[off] == '\n'),
                          "empty line without a line feed");
        }
        /* it fits, or it is one cluster too wide on its own */
        ck_assert_uint_eq(lw, news_text_width(line, fn, user));
        ck_assert_msg(lw <= width || one_cluster(line), "width %u: line of %u: %.*s",
                      (unsigned)width, (unsigned)lw, (int)line.len, line.ptr);
        if (lw > st.longest)
            st.longest = lw;
        st.lines++;
        pos = off + line.len;
    }
    for (; pos < t.len; pos++)
        ck_assert(t.ptr[pos] == ' ' || t.ptr[pos] == '\t' || t.ptr[pos] == '\n');
    ck_assert_int_eq(news_wrap_next(&w, &line, &lw), NEWS_END);
    free(at);
    return st;
}

static const char *const paragraphs[] = {
    "Residents voted on Sunday night to fund the ferry for another ten years, "
    "settling a question older than the pier itself.",
    "Caf\xC3\xA9s in S\xC3\xA3o Paulo and Z\xC3\xBCrich na\xC3\xAFvely re\xCC\x81sume\xCC\x81 "
    "their \xC2\xAB" "d\xC3\xA9j\xC3\xA0 vu\xC2\xBB menus \xE2\x80\x94 "
    "cre\xCC\x80me bru\xCC\x82le\xCC\x81" "e "
    "for \xE2\x82\xAC" "4,50.",
    "\xE6\x9D\xB1\xE4\xBA\xAC\xE9\x83\xBD\xE3\x81\xAF\xE6\x9C\xAC\xE6\x97\xA5\xE3\x80\x81"
    "\xE6\x96\xB0\xE3\x81\x97\xE3\x81\x84\xE8\xA8\x88\xE7\x94\xBB\xE3\x82\x92\xE7\x99\xBA"
    "\xE8\xA1\xA8\xE3\x81\x97\xE3\x81\x9F\xE3\x80\x82\xE3\x80\x8C\xE5\xB8\x82\xE6\xB0\x91"
    "\xE3\x81\xAE\xE7\x94\x9F\xE6\xB4\xBB\xE3\x80\x8D\xE3\x81\x8C\xE5\xA4\x89\xE3\x82\x8F"
    "\xE3\x82\x8B\xE3\x80\x82 Tokyo \xED\x95\x9C\xEA\xB5\xAD\xEC\x96\xB4 \xED\x85\x8D\xEC"
    "\x8A\xA4\xED\x8A\xB8",
    "Fans cheered \xF0\x9F\x8E\x89\xF0\x9F\x8E\x89 as the \xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD "
    "count rose; a family \xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F"
    "\x91\xA7 waved \xE2\x9D\xA4\xEF\xB8\x8F and \xF0\x9F\x87\xAC\xF0\x9F\x87\xA7 flags.",
    "Read more at https://example.com/news/2024/05/01/harbour-town-votes-to-keep-its-last-"
    "ferry-running?utm_source=feed&utm_medium=rss now.",
    "A state-of-the-art, well-known\xE2\x80\x94if over-hyped\xE2\x80\x94plan: pages 10-20, "
    "-5 degrees, x--y, and \xE2\x80\x9Cquoted\xE2\x80\x9D words (in brackets).",
    "Bad bytes \xFF\xFE here, a cut \xE2\x82 sequence, \xC0\xAF overlong, \xED\xA0\x80 "
    "surrogate and a tail \xF0\x9F\x91",
    "Z\xCC\x8D\xCC\x84\xCC\x92" "a\xCC\x8A\xCC\x8El\xCC\x8B\xCC\x8Cg\xCC\x93o "
    "e\xCC\x81\xCC\x81\xCC\x81\xCC\x81\xCC\x81\xCC\x81 \xCC\x81lone mark after a space, and "
    "\xE0\xB8\x9B\xE0\xB8\xA3\xE0\xB8\xB0\xE0\xB9\x80\xE0\xB8\x97\xE0\xB8\xA8\xE0\xB9\x84"
    "\xE0\xB8\x97\xE0\xB8\xA2 \xE0\xA4\xB9\xE0\xA4\xBF\xE0\xA4\x82\xE0\xA4\xA6\xE0\xA5\x80",
    "  Leading\tand   trailing  spaces\t\tand tabs  ",
    "Lines\nwith a feed\n\nand a blank one\n  indented\n",
    "word\xE2\x80\x8Bwith\xE2\x80\x8Bzero\xE2\x80\x8Bwidth\xE2\x80\x8Bspaces\xE2\x80\x8B"
    "between and a\xE2\x81\xA0joiner",
    "Mixed\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9Etext(\xE6\x8B\xAC\xE5\xBC\xA7)and"
    "\xEF\xBC\x88\xE5\x85\xA8\xE8\xA7\x92\xEF\xBC\x89\xE3\x80\x82",
};
#define NPARAS (sizeof paragraphs / sizeof paragraphs[0])

START_TEST(test_wrap_every_width)
{
    news_str t = exact(paragraphs[_i], strlen(paragraphs[_i]));
    size_t width, prev_lines = 0;

    for (width = 1; width <= 200; width++) {
        wrap_stats st = check_wrap(t, width, NULL, NULL);
        ck_assert_uint_gt(st.lines, 0);
        if (width > 1) /* wider never needs many more */
            ck_assert_uint_le(st.lines, prev_lines + 1);
        prev_lines = st.lines;
    }
    /* width 0: every cluster on its own line, and still it ends */
    check_wrap(t, 0, NULL, NULL);
    release(t);
}
END_TEST

/* Wide enough, a paragraph without line feeds is one line. */
START_TEST(test_wrap_wide)
{
    news_str t = exact(paragraphs[_i], strlen(paragraphs[_i]));
    wrap_stats st = check_wrap(t, 1000, NULL, NULL);
    if (memchr(t.ptr, '\n', t.len) == NULL)
        ck_assert_uint_eq(st.lines, 1);
    release(t);
}
END_TEST

/* news_cp_width() as a callback: the same widths, taken through the
 * general path, which ASCII skips without one. */
static int library_width(void *user, unsigned long cp)
{
    (void)user;
    return news_cp_width(cp);
}

/* The ASCII shortcut gives the lines the general rules give, at every
 * width (the shortcut ends before '-', before non-ASCII, at the width). */
START_TEST(test_wrap_shortcut_same)
{
    news_str t = exact(paragraphs[_i], strlen(paragraphs[_i]));
    size_t width;

    for (width = 0; width <= 120; width++) {
        news_wrap a, b;
        news_str la, lb;
        size_t wa, wb;
        int ra, rb;

        news_wrap_init(&a, t, width, NULL, NULL);
        news_wrap_init(&b, t, width, library_width, NULL);
        do {
            ra = news_wrap_next(&a, &la, &wa);
            rb = news_wrap_next(&b, &lb, &wb);
            ck_assert_int_eq(ra, rb);
            if (ra == NEWS_OK) {
                ck_assert_ptr_eq(la.ptr, lb.ptr);
                ck_assert_uint_eq(la.len, lb.len);
                ck_assert_uint_eq(wa, wb);
            }
        } while (ra == NEWS_OK);
    }
    release(t);
}
END_TEST

/* ---- wrapping: exact lines for the rules ---- */

static const struct {
    const char *text;
    size_t width;
    const char *lines; /* joined with '|' */
} wraps[] = {
    {"", 10, ""},
    {"   ", 10, ""},
    {"one", 10, "one"},
    {"The quick brown fox jumps", 10, "The quick|brown fox|jumps"},
    {"The quick brown fox jumps", 9, "The quick|brown fox|jumps"},
    {"The quick brown fox jumps", 8, "The|quick|brown|fox|jumps"},
    {"  spaced   out  ", 6, "spaced|out"},
    {"a\tb", 10, "a\tb"},
    /* hyphens and dashes */
    {"well-known", 6, "well-|known"},
    {"a state-of-the-art plan", 12, "a state-of-|the-art plan"},
    {"one\xE2\x80\x94two", 5, "one\xE2\x80\x94|two"},
    {"one\xE2\x80\x93two", 4, "one\xE2\x80\x93|two"},
    {"pages 10-20 now", 8, "pages|10-20|now"},
    {"-5 degrees", 3, "-5|deg|ree|s"},
    {"-abc def", 3, "-ab|c|def"}, /* no break after a leading hyphen */
    {"x--y", 3, "x--|y"},
    {"a - b", 3, "a -|b"},
    /* hard breaks */
    {"abcdefghij", 4, "abcd|efgh|ij"},
    {"see https://example.com/a/b", 10, "see|https://ex|ample.com/|a/b"},
    {"abc", 1, "a|b|c"},
    {"abc", 0, "a|b|c"},
    /* code points and marks stay whole */
    {"caf\xC3\xA9 bar", 4, "caf\xC3\xA9|bar"},
    {"cafe\xCC\x81s", 4, "cafe\xCC\x81|s"},
    {"e\xCC\x81\xCC\x82\xCC\x83" "e\xCC\x81", 1, "e\xCC\x81\xCC\x82\xCC\x83|e\xCC\x81"},
    {"a \xCC\x81" "b", 2, "a| \xCC\x81" "b"}, /* a mark keeps the space it follows */
    {"a  \xCC\x81" "b", 2, "a| \xCC\x81" "b"},
    {"\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD!", 2, "\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD|!"},
    {"\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9 x", 3, /* ZWJ joins */
     "\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9|x"},
    /* CJK: between characters, not before closing or after opening marks */
    {"\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E", 4, "\xE6\x97\xA5\xE6\x9C\xAC|\xE8\xAA\x9E"},
    {"\xE6\x97\xA5\xE6\x9C\xAC", 1, "\xE6\x97\xA5|\xE6\x9C\xAC"},
    {"ab\xE6\x97\xA5\xE6\x9C\xAC", 3, "ab|\xE6\x97\xA5|\xE6\x9C\xAC"},
    {"\xE6\x97\xA5\xE6\x9C\xAC\xE3\x80\x82", 4, "\xE6\x97\xA5|\xE6\x9C\xAC\xE3\x80\x82"},
    {"\xE6\x97\xA5\xE3\x80\x8C\xE6\x9C\xAC\xE3\x80\x8D", 6,
     "\xE6\x97\xA5|\xE3\x80\x8C\xE6\x9C\xAC\xE3\x80\x8D"},
    {"\xE6\x97\xA5\xE6\x9C\xAC,", 4, "\xE6\x97\xA5|\xE6\x9C\xAC,"},
    {"\xEF\xBC\x88\xE6\x97\xA5\xEF\xBC\x89", 4, "\xEF\xBC\x88\xE6\x97\xA5|\xEF\xBC\x89"},
    /* zero width space */
    {"long\xE2\x80\x8Bword", 5, "long\xE2\x80\x8B|word"},
    /* invalid bytes are one column each */
    {"\xFF\xFE\xFD", 2, "\xFF\xFE|\xFD"},
    {"ab \xE2\x82", 3, "ab|\xE2\x82"},
    /* line feeds */
    {"a\nb", 10, "a|b"},
    {"a\n\nb", 10, "a||b"},
    {"a  \n  b\n", 10, "a|b"},
    {"\n", 10, ""},
    {"\n\nx", 10, "||x"},
};

START_TEST(test_wrap_table)
{
    news_str t = exact(wraps[_i].text, strlen(wraps[_i].text));
    news_wrap w;
    news_str line;
    util_buf got = {NULL, 0, 0};
    int first = 1;

    news_wrap_init(&w, t, wraps[_i].width, NULL, NULL);
    while (news_wrap_next(&w, &line, NULL) == NEWS_OK) {
        if (!first)
            util_buf_add(&got, "|", 1);
        util_buf_add(&got, line.ptr, line.len);
        first = 0;
    }
    if (first)
        util_buf_add(&got, "", 0);
    ck_assert_msg(strcmp(got.p, wraps[_i].lines) == 0, "case %d: got \"%s\", want \"%s\"", _i,
                  got.p, wraps[_i].lines);
    check_wrap(t, wraps[_i].width, NULL, NULL);
    util_buf_free(&got);
    release(t);
}
END_TEST

START_TEST(test_wrap_value_and_args)
{
    news_str t = {"one two three four", 18}, line, none = {NULL, 4};
    news_wrap w, saved;
    size_t lw = 99;

    news_wrap_init(&w, t, 10, NULL, NULL);
    ck_assert_int_eq(news_wrap_next(&w, &line, &lw), NEWS_OK);
    ck_assert_uint_eq(lw, 7);
    saved = w; /* copying saves the position */
    ck_assert_int_eq(news_wrap_next(&w, &line, NULL), NEWS_OK);
    ck_assert(line.len == 10 && memcmp(line.ptr, "three four", 10) == 0);
    ck_assert_int_eq(news_wrap_next(&w, &line, NULL), NEWS_END);
    ck_assert_int_eq(news_wrap_next(&w, &line, NULL), NEWS_END);
    w = saved;
    ck_assert_int_eq(news_wrap_next(&w, &line, NULL), NEWS_OK);
    ck_assert(line.len == 10 && memcmp(line.ptr, "three four", 10) == 0);

    ck_assert_int_eq(news_wrap_next(NULL, &line, NULL), NEWS_ERR_ARG);
    ck_assert_int_eq(news_wrap_next(&w, NULL, NULL), NEWS_ERR_ARG);
    news_wrap_init(NULL, t, 7, NULL, NULL); /* ignored */
    news_wrap_init(&w, none, 7, NULL, NULL);
    ck_assert_int_eq(news_wrap_next(&w, &line, NULL), NEWS_END);
}
END_TEST

/* ---- pixel widths through the callback ---- */

typedef struct font {
    unsigned long calls;
} font;

/* A made-up proportional font: narrow i, l, j and punctuation, wide m
 * and w, 9 pixels for wide characters, 0 for marks, -3 (counted as 0)
 * for the zero width space. */
static int font_width(void *user, unsigned long cp)
{
    font *f = (font *)user;
    f->calls++;
    if (cp == 0x200B)
        return -3;
    if (cp == 'i' || cp == 'l' || cp == 'j' || cp == '.' || cp == ',' || cp == '\'')
        return 2;
    if (cp == 'm' || cp == 'w' || cp == 'M' || cp == 'W')
        return 6;
    if (cp == ' ')
        return 3;
    switch (news_cp_width(cp)) {
    case 0:
        return 0;
    case 2:
        return 9;
    default:
        return 4;
    }
}

START_TEST(test_pixel_widths)
{
    font f = {0};
    size_t i, px;
    news_str s = {"milk will", 9};

    ck_assert_uint_eq(news_text_width(s, font_width, &f), 6 + 2 + 2 + 4 + 3 + 6 + 2 + 2 + 2);
    ck_assert_uint_gt(f.calls, 0);
    s.ptr = "a\xE2\x80\x8B" "b";
    s.len = 5;
    ck_assert_uint_eq(news_text_width(s, font_width, &f), 8);
    for (i = 0; i < NPARAS; i++) {
        news_str t = exact(paragraphs[i], strlen(paragraphs[i]));
        for (px = 1; px <= 300; px += 7)
            check_wrap(t, px, font_width, &f);
        release(t);
    }
}
END_TEST

START_TEST(test_pixel_wrap_exact)
{
    font f = {0};
    news_str t = {"mmmm iiii mmmm", 14}, line;
    news_wrap w;
    size_t lw;

    /* 24 pixels: "mmmm" is 24, "iiii" 8, with a 3-pixel space 35 */
    news_wrap_init(&w, t, 24, font_width, &f);
    ck_assert_int_eq(news_wrap_next(&w, &line, &lw), NEWS_OK);
    ck_assert(line.len == 4 && lw == 24);
    ck_assert_int_eq(news_wrap_next(&w, &line, &lw), NEWS_OK);
    ck_assert(line.len == 4 && lw == 8 && line.ptr[0] == 'i');
    ck_assert_int_eq(news_wrap_next(&w, &line, &lw), NEWS_OK);
    ck_assert(line.len == 4 && lw == 24);
    ck_assert_int_eq(news_wrap_next(&w, &line, &lw), NEWS_END);
    /* 35 pixels: two words fit */
    news_wrap_init(&w, t, 35, font_width, &f);
    ck_assert_int_eq(news_wrap_next(&w, &line, &lw), NEWS_OK);
    ck_assert(line.len == 9 && lw == 35);
}
END_TEST

/* ---- truncation ---- */

static const struct {
    const char *s;
    size_t width, ellipsis;
    const char *keep;
    int cut;
} truncs[] = {
    {"Harbour town votes", 18, 1, "Harbour town votes", 0},
    {"Harbour town votes", 40, 1, "Harbour town votes", 0},
    {"Harbour town votes", 17, 1, "Harbour town vot", 1},
    {"Harbour town votes", 13, 1, "Harbour town", 1},
    {"Harbour town votes", 14, 1, "Harbour town", 1}, /* no space before the ellipsis */
    {"Harbour town votes", 14, 3, "Harbour tow", 1},
    {"Harbour town votes", 3, 3, "", 1},
    {"Harbour town votes", 2, 3, "", 1},
    {"Harbour town votes", 0, 0, "", 1},
    {"", 0, 1, "", 0},
    {"caf\xC3\xA9s du port", 5, 1, "caf\xC3\xA9", 1},
    {"cafe\xCC\x81s du port", 5, 1, "cafe\xCC\x81", 1},
    {"cafe\xCC\x81\xCC\x81", 4, 1, "cafe\xCC\x81\xCC\x81", 0},
    {"\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E", 5, 1, "\xE6\x97\xA5\xE6\x9C\xAC", 1},
    {"\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E", 4, 1, "\xE6\x97\xA5", 1},
    {"\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E", 6, 1, "\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E", 0},
    {"\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD ok", 4, 1, "", 1},
    {"ab\xFF\xFE\xFD", 4, 1, "ab\xFF", 1},
    {"ab\xE2\x82", 4, 1, "ab\xE2\x82", 0},
};

START_TEST(test_truncate_table)
{
    news_str v = exact(truncs[_i].s, strlen(truncs[_i].s));
    int cut = -1;
    size_t n = news_truncate(v, truncs[_i].width, truncs[_i].ellipsis, NULL, NULL, &cut);

    ck_assert_msg(n == strlen(truncs[_i].keep) && memcmp(v.ptr, truncs[_i].keep, n) == 0,
                  "case %d: kept %u bytes", _i, (unsigned)n);
    ck_assert_int_eq(cut, truncs[_i].cut);
    ck_assert_uint_eq(news_truncate(v, truncs[_i].width, truncs[_i].ellipsis, NULL, NULL, NULL),
                      n);
    release(v);
}
END_TEST

/* At every width, the kept part and the ellipsis fit, end on a cluster
 * boundary without a space, and grow with the width. */
START_TEST(test_truncate_every_width)
{
    news_str t = exact(paragraphs[_i], strlen(paragraphs[_i]));
    unsigned char *at = boundaries(t);
    size_t total = news_text_width(t, NULL, NULL), width, e;

    for (e = 0; e <= 3; e++) {
        size_t prev = 0;
        for (width = 0; width <= total + 2; width++) {
            int cut;
            size_t n = news_truncate(t, width, e, NULL, NULL, &cut);
            news_str kept = {t.ptr, n};
            ck_assert_int_eq(cut, total > width);
            if (!cut) {
                ck_assert_uint_eq(n, t.len);
                continue;
            }
            ck_assert(at[n]);
            ck_assert_uint_le(news_text_width(kept, NULL, NULL) + e, width < e ? e : width);
            if (n > 0) {
                unsigned long cp;
                ck_assert(t.ptr[n - 1] != ' ' && t.ptr[n - 1] != '\t');
                news_utf8_decode(t.ptr + n, t.len - n, &cp);
                ck_assert(!is_extend(cp)); /* marks stay with their base */
            }
            ck_assert_uint_ge(n, prev);
            prev = n;
        }
    }
    free(at);
    release(t);
}
END_TEST

START_TEST(test_truncate_pixels)
{
    font f = {0};
    news_str s = {"milk will", 9};
    int cut;
    /* "milk" is 14 pixels; an ellipsis of 6 leaves 20 of 21 for "milk wi" */
    ck_assert_uint_eq(news_truncate(s, 21, 6, font_width, &f, &cut), 4);
    ck_assert_int_eq(cut, 1);
    ck_assert_uint_eq(news_truncate(s, 28, 6, font_width, &f, &cut), 4);
    ck_assert_int_eq(cut, 1);
    ck_assert_uint_eq(news_truncate(s, 29, 6, font_width, &f, &cut), 9);
    ck_assert_int_eq(cut, 0);
}
END_TEST

/* ---- the seed story ---- */

#define SEED "../shared/seed/000_cf1edc562b42e90a.txt"

/* Append s without its spaces. */
static void unspaced(util_buf *out, const char *s, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t')
            util_buf_add(out, s + i, 1);
}

START_TEST(test_seed)
{
    static const size_t cols[] = {20, 40, 80};
    FILE *f = fopen(SEED, "rb");
    char *data;
    size_t len, k, paras = 0;

    if (f == NULL) {
        printf("note: %s not found; seed wrapping test skipped\n", SEED);
        return;
    }
    fclose(f);
    data = util_read_file(SEED, &len);
    for (k = 0; k < 3; k++) {
        size_t start = 0;
        while (start < len) {
            const char *nl = memchr(data + start, '\n', len - start);
            size_t end = nl != NULL ? (size_t)(nl - data) : len;
            news_str para = exact(data + start, end - start);
            util_buf want = {NULL, 0, 0}, got = {NULL, 0, 0};
            news_wrap w;
            news_str line;
            size_t lw;

            unspaced(&want, para.ptr, para.len);
            news_wrap_init(&w, para, cols[k], NULL, NULL);
            while (news_wrap_next(&w, &line, &lw) == NEWS_OK) {
                ck_assert_uint_le(lw, cols[k]);
                unspaced(&got, line.ptr, line.len);
            }
            util_buf_add(&want, "", 0);
            util_buf_add(&got, "", 0);
            ck_assert_str_eq(got.p, want.p);
            check_wrap(para, cols[k], NULL, NULL);
            paras += para.len > 0;
            util_buf_free(&want);
            util_buf_free(&got);
            release(para);
            start = end + 1;
        }
    }
    ck_assert_uint_gt(paras, 10);
    free(data);
}
END_TEST

Suite *layout_suite(void)
{
    Suite *s = suite_create("layout");
    TCase *tc = tcase_create("width");
    TCase *wr = tcase_create("wrap");
    TCase *tr = tcase_create("truncate");

    tcase_add_loop_test(tc, test_cp_width, 0, (int)(sizeof cps / sizeof cps[0]));
    tcase_add_test(tc, test_cp_width_range);
    tcase_add_loop_test(tc, test_decode, 0, (int)(sizeof decodes / sizeof decodes[0]));
    tcase_add_test(tc, test_decode_edges);
    tcase_add_loop_test(tc, test_text_width, 0, (int)(sizeof widths / sizeof widths[0]));
    tcase_add_test(tc, test_text_width_absent);
    tcase_add_test(tc, test_pixel_widths);
    suite_add_tcase(s, tc);

    tcase_set_timeout(wr, 60);
    tcase_add_loop_test(wr, test_wrap_every_width, 0, (int)NPARAS);
    tcase_add_loop_test(wr, test_wrap_wide, 0, (int)NPARAS);
    tcase_add_loop_test(wr, test_wrap_shortcut_same, 0, (int)NPARAS);
    tcase_add_loop_test(wr, test_wrap_table, 0, (int)(sizeof wraps / sizeof wraps[0]));
    tcase_add_test(wr, test_wrap_value_and_args);
    tcase_add_test(wr, test_pixel_wrap_exact);
    tcase_add_test(wr, test_seed);
    suite_add_tcase(s, wr);

    tcase_add_loop_test(tr, test_truncate_table, 0, (int)(sizeof truncs / sizeof truncs[0]));
    tcase_add_loop_test(tr, test_truncate_every_width, 0, (int)NPARAS);
    tcase_add_test(tr, test_truncate_pixels);
    suite_add_tcase(s, tr);
    return s;
}
