/* layout.c - measuring, wrapping and truncating text for small screens. */
#include "internal.h"

#define ZWSP 0x200Bu /* zero width space: a break opportunity, not a mark */
#define ZWJ 0x200Du  /* zero width joiner: glues the next code point on */

size_t news_utf8_decode(const char *s, size_t len, unsigned long *cp)
{
    const unsigned char *u = (const unsigned char *)s;
    unsigned long c;
    size_t n = 1, i;

    if (s == NULL || len == 0)
        return 0;
    c = u[0];
    if (c >= 0x80) {
        n = news__utf8_len(u, len);
        if (n == 0) {
            c = 0xFFFD;
            n = 1;
        } else {
            c &= 0x7Fu >> n; /* payload bits of the lead byte */
            for (i = 1; i < n; i++)
                c = c << 6 | (u[i] & 0x3Fu);
        }
    }
    if (cp != NULL)
        *cp = c;
    return n;
}

/* Kept out of line where code size counts (-Os): it is used in several
 * places, each a few instructions. */
#ifdef __OPTIMIZE_SIZE__
#define SMALL_INLINE NEWS__NOINLINE
#else
#define SMALL_INLINE NEWS__HOT
#endif

static SMALL_INLINE size_t add(size_t a, size_t b)
{
    return b > NEWS__SIZE_MAX - a ? NEWS__SIZE_MAX : a + b;
}

static size_t cp_width(const news_wrap *w, unsigned long cp)
{
    int n;

    if (w->fn != NULL)
        n = w->fn(w->user, cp);
#ifndef __OPTIMIZE_SIZE__
    else if (cp < 0x80) /* (speed builds) news_cp_width() without the call */
        return cp == '\t' || (cp >= 0x20 && cp < 0x7F);
#endif
    else
        n = news_cp_width(cp);
    return n > 0 ? (size_t)n : 0;
}

/* Code points that attach to the one before: marks and other zero-width
 * code points, but not controls (below U+0300) nor ZWSP, which is a
 * place to break; and the emoji skin tone modifiers. */
static int extends(unsigned long cp)
{
    return (cp >= 0x300 && cp != ZWSP && news_cp_width(cp) == 0) || cp - 0x1F3FBu < 5;
}

/* The cluster starting at text[i]: returns its end, with its first code
 * point in *base and its width in *cw. */
static size_t cluster(const news_wrap *w, size_t i, unsigned long *base, size_t *cw)
{
    const unsigned char *u = (const unsigned char *)w->text;
    unsigned long cp = u[i];
    size_t j, width;
    int join;

#ifndef __OPTIMIZE_SIZE__
    /* (Speed builds.) Most text is ASCII, and nothing ASCII extends a
     * cluster: an ASCII character followed by ASCII (or by nothing) is
     * one on its own, as the loop below would find. */
    if (cp < 0x80 && (i + 1 == w->len || u[i + 1] < 0x80)) {
        *base = cp;
        *cw = cp_width(w, cp);
        return i + 1;
    }
#endif
    /* The first code point, then those that attach to it. */
    for (j = i, width = 0, join = 0; j < w->len;) {
        size_t n = news_utf8_decode(w->text + j, w->len - j, &cp);
        if (j == i)
            *base = cp;
        else if (!(join && cp > ' ') && !extends(cp))
            break;
        join = cp == ZWJ;
        width = add(width, cp_width(w, cp));
        j += n;
    }
    *cw = width;
    return j;
}

/* The end of the run of break spaces at text[i]. A mark after the run
 * belongs to its last space, which then stays as an ordinary character
 * (so the mark keeps a base). */
static size_t skip_spaces(const news_wrap *w, size_t i)
{
    size_t j = i;
    unsigned long cp;

    while (j < w->len && NEWS__IS_BLANK(w->text[j]))
        j++;
    if (j > i && j < w->len) {
        news_utf8_decode(w->text + j, w->len - j, &cp);
        if (extends(cp))
            j--;
    }
    return j;
}

/* 1 for an opening bracket or quote (no break after it), 2 for closing
 * punctuation (no break before it), 0 for anything else. The fullwidth
 * forms U+FF01-FF5E mirror ASCII; the CJK brackets U+3008-3011 and
 * U+3014-301B alternate opening and closing. */
static int punct(unsigned long c)
{
    static const uint16_t list[] = {'(', '[', '{', 0x2018, 0x201C, /* opening */
                                    '!', ')', ',', '.', ':', ';', '?', ']', '}',
                                    0x2019, 0x201D, 0x2026, 0x3001, 0x3002};
    size_t i;

    if (c >= 0xFF01 && c <= 0xFF5E)
        c -= 0xFEE0;
    if ((c >= 0x3008 && c <= 0x3011) || (c >= 0x3014 && c <= 0x301B))
        return 1 + (int)(c & 1);
    for (i = 0; i < sizeof list / sizeof list[0]; i++)
        if (list[i] == c)
            return i < 5 ? 1 : 2;
    return 0;
}

static int is_dash(unsigned long c)
{
    return c == '-' || c == 0x2010 || (c >= 0x2012 && c <= 0x2014);
}

/* May a line break between clusters a and b with no space between?
 * inside: a is not the first cluster of its word (so "-5" stays whole). */
static int can_break(unsigned long a, int inside, unsigned long b)
{
#ifndef __OPTIMIZE_SIZE__
    if (a < 0x80 && b < 0x80) /* (speed builds) the rules below, for ASCII */
        return a == '-' && inside && b != '-' && !NEWS__IS_DIGIT(b);
#endif
    if (a == ZWSP)
        return 1;
    if (is_dash(a))
        return inside && !is_dash(b) && !(a == '-' && NEWS__IS_DIGIT(b));
    if (news_cp_width(a) == 2 || news_cp_width(b) == 2)
        return punct(a) != 1 && punct(b) != 2;
    return 0;
}

void news_wrap_init(news_wrap *w, news_str text, size_t width, news_width_fn fn, void *user)
{
    if (w == NULL)
        return;
    w->text = text.ptr;
    w->len = text.ptr != NULL ? text.len : 0;
    w->pos = 0;
    w->width = width;
    w->fn = fn;
    w->user = user;
}

int news_wrap_next(news_wrap *w, news_str *line, size_t *line_width)
{
    size_t i, start, end, word, prev_start = 0;
    size_t x = 0, xe = 0;                     /* width so far, and up to end */
    size_t brk = 0, brk_x = 0, brk_next = 0; /* last break: line end, width, next start */
    unsigned long prev = 0;
    int full = 0;

    if (w == NULL || line == NULL)
        return NEWS_ERR_ARG;
    i = skip_spaces(w, w->pos);
    if (i >= w->len) {
        w->pos = w->len;
        return NEWS_END;
    }
    start = end = word = i;
    while (i < w->len && w->text[i] != '\n') {
        unsigned long base;
        size_t cw, j, xj; /* xj: the width up to j */

        if (NEWS__IS_BLANK(w->text[i])) {
            j = skip_spaces(w, i);
            brk = end;
            brk_x = xe;
            brk_next = word = j;
            if (j > i) {
                for (; i < j; i++)
                    x = add(x, cp_width(w, (unsigned char)w->text[i]));
                continue;
            }
        }
        j = cluster(w, i, &base, &cw);
        if (i == end && i > start && can_break(prev, prev_start > word, base)) {
            brk = brk_next = i;
            brk_x = xe;
        }
        xj = add(x, cw);
        if (i > start && xj > w->width) {
            full = 1;
            if (brk > start) { /* else a hard break, at i == end */
                end = brk;
                xe = brk_x;
                i = brk_next;
            }
            break;
        }
        x = xe = xj;
        prev = base;
        prev_start = i;
        end = i = j;
#ifndef __OPTIMIZE_SIZE__
        /* (Speed builds.) What follows an ASCII character other than '-'
         * in a run of printable ASCII, each followed by ASCII, is one
         * column a character (without a width callback) and no place to
         * break: only the width is left to check. */
        while (w->fn == NULL && prev < 0x80 && prev != '-' && i + 1 < w->len &&
               (unsigned char)w->text[i] > ' ' && (unsigned char)w->text[i] < 0x7F &&
               (unsigned char)w->text[i + 1] < 0x80 && x < w->width) {
            prev = (unsigned char)w->text[i];
            prev_start = i;
            xe = ++x;
            end = ++i;
        }
#endif
    }
    line->ptr = w->text + start;
    line->len = end - start;
    if (line_width != NULL)
        *line_width = xe;
    w->pos = !full && i < w->len ? i + 1 : i; /* past the line feed */
    return NEWS_OK;
}

size_t news_text_width(news_str s, news_width_fn width, void *user)
{
    news_wrap w;
    size_t i = 0, x = 0, cw;
    unsigned long base;

    news_wrap_init(&w, s, 0, width, user);
    while (i < w.len) {
        i = cluster(&w, i, &base, &cw);
        x = add(x, cw);
    }
    return x;
}

size_t news_truncate(news_str s, size_t width, size_t ellipsis_width, news_width_fn fn,
                     void *user, int *cut)
{
    news_wrap w;
    size_t i = 0, x = 0, keep = 0;
    int over = 0;

    news_wrap_init(&w, s, width, fn, user);
    while (i < w.len) {
        unsigned long base;
        size_t cw, j = cluster(&w, i, &base, &cw);
        x = add(x, cw);
        if (x > width) {
            over = 1;
            break;
        }
        if (width >= ellipsis_width && x <= width - ellipsis_width)
            keep = j;
        i = j;
    }
    if (cut != NULL)
        *cut = over;
    if (!over)
        return w.len;
    while (keep > 0 && NEWS__IS_BLANK(w.text[keep - 1]))
        keep--;
    return keep;
}
