/* fuzz_layout.c - text layout (news.h layer 7): decoding, widths,
 * wrapping and truncation over arbitrary bytes.
 *
 * Input: 4 parameter bytes, then the text.
 *   [0]  bits 0-1 width callback: none (terminal columns), cp % 4, a
 *        hash from -5 to 10 (negative counts as 0), or INT_MAX for odd
 *        code points and 1 for even ones; bit 7: a huge line width
 *   [1]  line width
 *   [2]  ellipsis width for news_truncate
 *   [3]  the line at which a copy of the wrap state is taken and
 *        restored
 *
 * Widths are recomputed here from news.h's rules (the callback, or
 * news_cp_width), with UTF-8 decoded by fuzz_util.c; clusters follow the
 * header's definition (a code point and the following ones of default
 * width 0 from U+0300 up other than U+200B, emoji skin tone modifiers,
 * and the code point after a ZERO WIDTH JOINER unless it is a space or
 * a control).
 *
 * Checks, news_utf8_decode: every offset decodes to 1-4 bytes, the same
 * sequence and code point as an independent decoder, or U+FFFD for one
 * byte. news_wrap_next: lines come in order inside the text; what lies
 * between them is spaces, TABs and at most one line feed, so joining
 * lines and gaps gives the text back (no byte lost); no line holds a
 * line feed, starts with a space (unless a mark follows it) or ends
 * with one; an empty line sits on a line feed; the reported width is
 * the line's width; a line wider than the width is a single cluster;
 * lines are greedy (a plain word that went to the next line did not fit,
 * a word cut in two was cut as late as possible); the iteration ends
 * and stays ended; copying the state and assigning it back replays the
 * same lines. news_truncate: the bytes kept are whole clusters without
 * trailing spaces, fit in width - ellipsis, and the next cluster would
 * not; when nothing is cut, all of it fits. */
#include "fuzz_util.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

static int sentinel;

static int w_mod(void *user, unsigned long cp)
{
    FZ_CHECK(user == &sentinel);
    return (int)(cp % 4);
}

static int w_hash(void *user, unsigned long cp)
{
    FZ_CHECK(user == &sentinel);
    return (int)((cp * 2654435761u) >> 7 & 15u) - 5;
}

static int w_big(void *user, unsigned long cp)
{
    FZ_CHECK(user == &sentinel);
    return cp & 1 ? INT_MAX : 1;
}

typedef struct layout {
    const char *s;
    size_t len;
    news_width_fn fn;
} layout;

/* Decode at s[i] independently: the code point and its length (U+FFFD
 * and 1 for a byte that starts no valid sequence). */
static size_t decode(const layout *L, size_t i, unsigned long *cp)
{
    const unsigned char *u = (const unsigned char *)L->s + i;
    size_t k = fz_utf8_len(u, L->len - i), j;

    if (k == 0) {
        *cp = 0xFFFD;
        return 1;
    }
    if (k == 1) {
        *cp = u[0];
        return 1;
    }
    *cp = u[0] & (0x7Fu >> k);
    for (j = 1; j < k; j++)
        *cp = *cp << 6 | (u[j] & 0x3Fu);
    return k;
}

static size_t cp_width(const layout *L, unsigned long cp)
{
    int w = L->fn != NULL ? L->fn(&sentinel, cp) : news_cp_width(cp);
    return w > 0 ? (size_t)w : 0;
}

static size_t add(size_t a, size_t b)
{
    return b > (size_t)-1 - a ? (size_t)-1 : a + b;
}

/* Width of s[from..to). */
static size_t width_of(const layout *L, size_t from, size_t to)
{
    size_t x = 0;
    unsigned long cp;
    while (from < to) {
        from += decode(L, from, &cp);
        x = add(x, cp_width(L, cp));
    }
    return x;
}

static int extends(unsigned long cp)
{
    return (cp >= 0x300 && cp != 0x200B && news_cp_width(cp) == 0) ||
           (cp >= 0x1F3FB && cp <= 0x1F3FF); /* emoji skin tones */
}

/* End of the cluster that starts at s[i]. */
static size_t cluster_end(const layout *L, size_t i)
{
    unsigned long cp;
    int join;

    i += decode(L, i, &cp);
    join = cp == 0x200D;
    while (i < L->len) {
        size_t n = decode(L, i, &cp);
        if (!(join && cp > ' ') && !extends(cp))
            break;
        join = cp == 0x200D;
        i += n;
    }
    return i;
}

static int blank(char c)
{
    return c == ' ' || c == '\t';
}

static int alnum(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

static void check_decode(const layout *L)
{
    unsigned long cp = 12345;
    size_t i;

    FZ_CHECK(news_utf8_decode(NULL, 3, &cp) == 0 && cp == 12345);
    FZ_CHECK(news_utf8_decode(L->s, 0, &cp) == 0 && cp == 12345);
    for (i = 0; i < L->len; i++) {
        unsigned long want, got = 0;
        size_t n = news_utf8_decode(L->s + i, L->len - i, &got), k = decode(L, i, &want);
        int w = news_cp_width(got);
        FZ_CHECK(n == k && got == want);
        FZ_CHECK(news_utf8_decode(L->s + i, L->len - i, NULL) == n);
        FZ_CHECK(w >= 0 && w <= 2);
    }
}

typedef struct line {
    size_t off, len, width;
} line;

static void check_line(const layout *L, size_t width, const line *ln)
{
    const char *p = L->s + ln->off;
    unsigned long cp;

    FZ_CHECK(memchr(p, '\n', ln->len) == NULL);
    if (ln->len == 0) {
        FZ_CHECK(ln->off < L->len && *p == '\n');
    } else {
        FZ_CHECK(!blank(p[ln->len - 1]));
        if (blank(p[0])) { /* only as the base of a mark */
            FZ_CHECK(ln->len > 1);
            decode(L, ln->off + 1, &cp);
            FZ_CHECK(extends(cp));
        }
    }
    FZ_CHECK(ln->width == width_of(L, ln->off, ln->off + ln->len));
    if (ln->width > width)
        FZ_CHECK(cluster_end(L, ln->off) == ln->off + ln->len);
}

/* The bytes between two lines (or before the first, after the last). */
static size_t check_gap(const layout *L, size_t from, size_t to)
{
    size_t i, lf = 0;
    for (i = from; i < to; i++) {
        FZ_CHECK(blank(L->s[i]) || L->s[i] == '\n');
        lf += L->s[i] == '\n';
    }
    FZ_CHECK(lf <= 1);
    return lf;
}

/* Greedy lines: what went to the next line did not fit on this one. */
static void check_greedy(const layout *L, size_t width, const line *a, const line *b)
{
    size_t end = a->off + a->len, i;

    if (b->len == 0 || check_gap(L, end, b->off) > 0)
        return;
    if (b->off > end) { /* broken at spaces: a plain word did not fit */
        for (i = b->off; i < L->len && alnum(L->s[i]); i++)
            ;
        if (i > b->off && (i == L->len || blank(L->s[i]) || L->s[i] == '\n'))
            FZ_CHECK(add(add(a->width, width_of(L, end, b->off)), width_of(L, b->off, i)) >
                     width);
    } else if (a->len > 0 && alnum(L->s[end])) {
        /* a word cut in two, between two clusters based on ASCII letters
         * or digits (no break opportunity there): as late as possible */
        size_t last = a->off;
        for (i = a->off; i < end; i = cluster_end(L, i))
            last = i;
        if (alnum(L->s[last]))
            FZ_CHECK(add(a->width, width_of(L, end, cluster_end(L, end))) > width);
    }
}

static void check_wrap(const layout *L, size_t width, unsigned save_at)
{
    news_wrap w, saved;
    news_str text, s;
    line *lines = (line *)calloc(L->len + 2, sizeof *lines);
    size_t n = 0, k, prev_end = 0, lw = 0;
    int rc;

    FZ_CHECK(lines != NULL);
    text.ptr = L->s;
    text.len = L->len;
    news_wrap_init(&w, text, width, L->fn, &sentinel);
    while ((rc = news_wrap_next(&w, &s, &lw)) == NEWS_OK) {
        line *ln = &lines[n];
        FZ_CHECK(n++ <= L->len); /* every line takes a byte, or a line feed */
        FZ_CHECK(s.ptr != NULL && s.ptr >= L->s && s.len <= L->len);
        ln->off = (size_t)(s.ptr - L->s);
        ln->len = s.len;
        ln->width = lw;
        FZ_CHECK(ln->off >= prev_end && ln->len <= L->len - ln->off);
        check_gap(L, prev_end, ln->off);
        check_line(L, width, ln);
        if (n > 1)
            check_greedy(L, width, &lines[n - 2], ln);
        prev_end = ln->off + ln->len;
    }
    FZ_CHECK(rc == NEWS_END);
    check_gap(L, prev_end, L->len);
    FZ_CHECK(news_wrap_next(&w, &s, NULL) == NEWS_END);
    FZ_CHECK(news_wrap_next(NULL, &s, NULL) == NEWS_ERR_ARG);
    FZ_CHECK(news_wrap_next(&w, NULL, NULL) == NEWS_ERR_ARG);

    /* Again, saving the state at one line and going back to it. */
    news_wrap_init(&w, text, width, L->fn, &sentinel);
    save_at = n > 0 ? save_at % (unsigned)n : 0;
    saved = w;
    for (k = 0; k <= n; k++) {
        if (k == save_at) {
            size_t j;
            saved = w;
            for (j = k; j < k + 2 && j < n; j++)
                FZ_CHECK(news_wrap_next(&w, &s, NULL) == NEWS_OK &&
                         s.ptr == L->s + lines[j].off && s.len == lines[j].len);
            w = saved;
        }
        rc = news_wrap_next(&w, &s, &lw);
        if (k == n) {
            FZ_CHECK(rc == NEWS_END);
        } else {
            FZ_CHECK(rc == NEWS_OK && s.ptr == L->s + lines[k].off && s.len == lines[k].len &&
                     lw == lines[k].width);
        }
    }
    free(lines);
}

static void check_truncate(const layout *L, size_t from, size_t to, size_t width, size_t ell)
{
    layout T = *L;
    news_str s;
    size_t n, total, i, k;
    int cut = -1;

    T.s = L->s + from;
    T.len = to - from;
    s.ptr = T.s;
    s.len = T.len;
    n = news_truncate(s, width, ell, T.fn, &sentinel, &cut);
    FZ_CHECK(news_truncate(s, width, ell, T.fn, &sentinel, NULL) == n);
    total = width_of(&T, 0, T.len);
    FZ_CHECK(cut == 0 || cut == 1);
    FZ_CHECK(n <= T.len);
    if (!cut) {
        FZ_CHECK(n == T.len && total <= width);
        return;
    }
    FZ_CHECK(total > width);
    for (i = 0; i < n; i = cluster_end(&T, i))
        ;
    FZ_CHECK(i == n); /* whole clusters */
    FZ_CHECK(n == 0 || !blank(T.s[n - 1]));
    if (width < ell) {
        FZ_CHECK(n == 0);
        return;
    }
    FZ_CHECK(width_of(&T, 0, n) <= width - ell);
    for (k = n; k < T.len && blank(T.s[k]); k++)
        ;
    if (k < T.len)
        FZ_CHECK(width_of(&T, 0, cluster_end(&T, k)) > width - ell);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const news_width_fn fns[4] = {NULL, w_mod, w_hash, w_big};
    fz_in in = {data, size};
    unsigned h0 = fz_byte(&in), wb = fz_byte(&in), eb = fz_byte(&in), save_at = fz_byte(&in);
    size_t width = (h0 & 0x80) ? (size_t)-1 - wb : wb, x;
    news_str s, none = {NULL, 5};
    layout L;
    char *text = fz_copy(in.p, in.n, 0);

    L.s = text;
    L.len = in.n;
    L.fn = fns[h0 & 3];
    s.ptr = text;
    s.len = in.n;
    check_decode(&L);

    x = news_text_width(s, L.fn, &sentinel);
    FZ_CHECK(x == width_of(&L, 0, L.len));
    FZ_CHECK(news_text_width(none, L.fn, &sentinel) == 0);

    check_wrap(&L, width, save_at);
    check_truncate(&L, 0, L.len, width, eb);
    if (L.len > 2) /* and a piece from the middle, ending anywhere */
        check_truncate(&L, L.len / 3, L.len - L.len / 4, width, eb % 4);
    free(text);
    return 0;
}
