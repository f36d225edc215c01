/* writer.c - articles out as canonical .news text. */
#include "internal.h"

#include <stddef.h>

/* The writer runs the same walk twice: first only checking (so that a
 * document the format cannot hold is refused before a byte is given to
 * the sink), then only writing. Into news_write_buffer()'s buffer, speed
 * builds walk once, checking as they write, and take the text back on
 * an error: the caller sees the same as after two walks. */
typedef struct out {
    news_sink sink;    /* NULL in the checking pass */
    void *user;
    int rc;            /* first failure: a NEWS_ERR_* code or the sink's value */
    unsigned long line; /* output line being written, from 1 */
    news_error *err;
} out;

static void put(out *o, const char *s, size_t n)
{
    if (o->sink != NULL && o->rc == 0 && n > 0)
        o->rc = o->sink(o->user, s, n);
}

static int to_buffer(void *user, const char *data, size_t n);

/* Whether this walk checks the values (see above). */
#ifdef __OPTIMIZE_SIZE__
#define CHECKING(o) ((o)->sink == NULL)
#else
#define CHECKING(o) ((o)->sink == NULL || (o)->sink == to_buffer)
#endif

static void fail(out *o, int code, size_t col)
{
    if (o->rc == 0) {
        o->rc = code;
        news__set_error(o->err, code, o->line, (unsigned long)col, 0);
    }
}

/* Check v as the text of a line whose first col0 bytes are markup. (The
 * scanner is called directly, not through news__check_text(), to keep
 * a frame off the deepest stack.) */
static void check_text(out *o, const news_str *v, size_t col0)
{
    const unsigned char *s = (const unsigned char *)v->ptr;
    size_t at = 0, end;
    int rc;

    if (!CHECKING(o) || o->rc != 0)
        return;
    end = news__scan_line(s, v->len, &rc, &at);
    if (rc == NEWS_OK && end < v->len) { /* a line break inside the value */
        rc = NEWS_ERR_NEWLINE;
        at = end > 0 && s[end - 1] == '\r' ? end - 1 : end;
    } else if (rc == NEWS_ERR_CR) {
        rc = NEWS_ERR_NEWLINE;
    }
    if (rc != NEWS_OK)
        fail(o, rc, col0 + at + 1);
}

#ifndef __OPTIMIZE_SIZE__
/* Speed builds copy a value into news_write_buffer()'s buffer checking
 * it on the way: copy_text() vouches for printable ASCII and, with
 * SSE2, for the common two- and three-byte characters, and leaves
 * anything else (a tab, a rare character, an error) to the exact check
 * of the general walk. */
#define ONES64 ((uint64_t)0x0101010101010101u)
#define PLAIN64(w) NEWS__PLAIN_WORD(w, ONES64)
#define PLAIN32(w) NEWS__PLAIN_WORD(w, (uint32_t)0x01010101u)

/* s[0..n) with n < 16, when it is all printable ASCII: two overlapping
 * words, or the bytes one by one. */
static NEWS__HOT int copy_short(unsigned char *d, const unsigned char *s, size_t n)
{
    size_t i;

    if (n >= 8) {
        uint64_t a, b;
        news__memcpy(&a, s, 8);
        news__memcpy(&b, s + n - 8, 8);
        if (!PLAIN64(a) || !PLAIN64(b))
            return 0;
        news__memcpy(d, &a, 8);
        news__memcpy(d + n - 8, &b, 8);
        return 1;
    }
    if (n >= 4) {
        uint32_t a, b;
        news__memcpy(&a, s, 4);
        news__memcpy(&b, s + n - 4, 4);
        if (!PLAIN32(a) || !PLAIN32(b))
            return 0;
        news__memcpy(d, &a, 4);
        news__memcpy(d + n - 4, &b, 4);
        return 1;
    }
    for (i = 0; i < n; i++) {
        if (s[i] - 0x20u >= 0x60u)
            return 0;
        d[i] = s[i];
    }
    return 1;
}

#ifdef NEWS__WINDOW
/* With SSE2, copy_text() checks every 16 bytes the same way, with no
 * branch that depends on the text: four masks tell the bytes apart
 * (controls and bytes >= 0x80; continuation bytes; the leads C2-DF;
 * the leads E1-EC), and bit arithmetic finds any byte out of place.
 * (A branch per block on whether it is all ASCII cost more than these
 * instructions do: in prose, about one block in three is not, in no
 * order a CPU can predict.) The rare leads (E0, ED, EE, EF: overlong,
 * surrogate, private use, BOM; F0-F4: four bytes) are left to the
 * exact check, as are the errors. */

/* The masks of the 16 bytes x: sp, the bytes that are not printable
 * ASCII; c, the continuation bytes; l2 and l3, the leads of the common
 * two- and three-byte characters. (x + 0xA0 maps C2-DF, and x + 0x93
 * maps E1-EC, to the top of the signed bytes.) */
#define MASKS(x, sp, c, l2, l3)                                                               \
    do {                                                                                      \
        sp = (unsigned)NEWS__SPECIAL(x);                                                      \
        c = (unsigned)_mm_movemask_epi8(_mm_cmplt_epi8((x), _mm_set1_epi8((char)0xC0)));      \
        l2 = (unsigned)_mm_movemask_epi8(                                                     \
            _mm_cmpgt_epi8(_mm_add_epi8((x), _mm_set1_epi8((char)0xA0)), _mm_set1_epi8(0x61))); \
        l3 = (unsigned)_mm_movemask_epi8(                                                     \
            _mm_cmpgt_epi8(_mm_add_epi8((x), _mm_set1_epi8((char)0x93)), _mm_set1_epi8(0x73))); \
    } while (0)

/* The bytes that must be continuation bytes, given the masks (sp, c,
 * l2, l3) of a span and in: those the span before asks for. Every byte
 * that is neither printable ASCII, a continuation byte nor a common
 * lead asks for itself, which it can never be: a span is good exactly
 * when the result, cut to the span, equals c. (l2 and l3 never share a
 * bit, so their xor is their or: one value for both uses.) */
#define NEED(in, sp, c, l2, l3)                                                               \
    ((in) | ((sp) ^ (c) ^ ((l2) | (l3))) | (((l2) | (l3)) << 1) | ((l3) << 2))

/* The masks of the 32 bytes at s, loaded into x0 and x1 (at s, and at
 * s + off for the second 16; off < 16 overlaps them, which is as good:
 * a byte's bits do not depend on where it is loaded from). */
#define MASKS32(s, off, sp, c, l2, l3)                                                        \
    do {                                                                                      \
        unsigned a_, b_, e_, f_;                                                              \
        x0 = _mm_loadu_si128((const __m128i *)(const void *)(s));                              \
        x1 = _mm_loadu_si128((const __m128i *)(const void *)((s) + (off)));                    \
        MASKS(x0, sp, c, l2, l3);                                                             \
        MASKS(x1, a_, b_, e_, f_);                                                            \
        sp |= (uint64_t)a_ << (off);                                                          \
        c |= (uint64_t)b_ << (off);                                                           \
        l2 |= (uint64_t)e_ << (off);                                                          \
        l3 |= (uint64_t)f_ << (off);                                                          \
    } while (0)
#endif

/* Copy s[0..n) to d (n bytes, no more): 1 when the text is plainly
 * good; 0 when it needs the exact check, d then holding anything. */
static NEWS__HOT int copy_text(char *dst, const char *src, size_t n)
{
    unsigned char *d = (unsigned char *)dst;
    const unsigned char *s = (const unsigned char *)src, *last;
#ifdef NEWS__WINDOW
    uint64_t sp, c, l2, l3, need = 0, err = 0;
    __m128i x0, x1;
    size_t i;

    if (n < 16)
        return copy_short(d, s, n);
    if (n < 32) { /* two loads that overlap; cut sequences fail */
        MASKS32(s, n - 16, sp, c, l2, l3);
        _mm_storeu_si128((__m128i *)(void *)d, x0);
        _mm_storeu_si128((__m128i *)(void *)(d + n - 16), x1);
        if (NEED(0, sp, c, l2, l3) != c)
            return 0;
        return 1;
    }
    for (i = 0; i < n - 32; i += 32) { /* (n - 32 kept: one compare a step) */
        MASKS32(s + i, 16, sp, c, l2, l3);
        need = NEED(need >> 32, sp, c, l2, l3);
        err |= (need ^ c) & 0xFFFFFFFFu;
        _mm_storeu_si128((__m128i *)(void *)(d + i), x0);
        _mm_storeu_si128((__m128i *)(void *)(d + i + 16), x1);
    }
    /* The last 32 bytes, which overlap the span before by 32 - (n - i)
     * bytes: what that span asked of them is its need shifted by n - i
     * (at most 32). Bits from 32 up: a sequence cut by the end. */
    last = s + (n - 32);
    MASKS32(last, 16, sp, c, l2, l3);
    need = NEED(need >> (n - i), sp, c, l2, l3);
    err |= need ^ c;
    d += n - 32;
    _mm_storeu_si128((__m128i *)(void *)d, x0);
    _mm_storeu_si128((__m128i *)(void *)(d + 16), x1);
    if (err != 0) /* (a branch, not a flag the caller tests again) */
        return 0;
    return 1;
#else
    uint64_t w;

    if (n < 16)
        return copy_short(d, s, n);
    for (last = s + (n - 8); s < last; s += 8, d += 8) {
        news__memcpy(&w, s, 8);
        if (!PLAIN64(w))
            return 0;
        news__memcpy(d, &w, 8);
    }
    news__memcpy(&w, last, 8); /* the last 8, overlapping */
    if (!PLAIN64(w))
        return 0;
    news__memcpy(d - (s - last), &w, 8);
    return 1;
#endif
}

/* copy_text() for a value that is nearly always ASCII (a URL, a date):
 * 16 bytes a step, one compare each, and the test once at the end;
 * anything else goes to copy_text() after all. */
static NEWS__HOT int copy_ascii(char *dst, const char *src, size_t n)
{
#ifdef NEWS__WINDOW
    unsigned char *d = (unsigned char *)dst;
    const unsigned char *s = (const unsigned char *)src;
    __m128i x, sp = _mm_setzero_si128();
    size_t i;

    if (n < 16)
        return copy_short(d, s, n);
    for (i = 0; i < n - 16; i += 16) {
        x = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
        sp = _mm_or_si128(sp, _mm_subs_epi8(x, _mm_set1_epi8(0x20)));
        _mm_storeu_si128((__m128i *)(void *)(d + i), x);
    }
    x = _mm_loadu_si128((const __m128i *)(const void *)(s + n - 16));
    sp = _mm_or_si128(sp, _mm_subs_epi8(x, _mm_set1_epi8(0x20)));
    _mm_storeu_si128((__m128i *)(void *)(d + n - 16), x);
    if (_mm_movemask_epi8(sp) == 0)
        return 1;
#endif
    return copy_text(dst, src, n);
}
#endif

typedef struct buffer {
    char *p;
    size_t cap, len;
} buffer;

static int to_buffer(void *user, const char *data, size_t n)
{
    buffer *b = (buffer *)user;
    if (b->len < b->cap) {
        size_t room = b->cap - b->len;
        news__memcpy(b->p + b->len, data, n < room ? n : room);
    }
    b->len = n > NEWS__SIZE_MAX - b->len ? NEWS__SIZE_MAX : b->len + n;
    return 0;
}

/* A line: the markup pre, sep bytes of ": ", then the text v (absent
 * is empty). The caller counts the line before, so that its errors
 * all name it. */
static void text_line(out *o, const news_str *pre, size_t sep, const news_str *v)
{
    news_str t = *v;

#if !defined(__OPTIMIZE_SIZE__) || defined(NEWS__WINDOW)
    /* The copies below and the SSE2 scanner take no NULL, even for no
     * bytes; elsewhere an absent value (no bytes) is never read. */
    if (t.ptr == NULL)
        t.ptr = "";
#endif
#ifndef __OPTIMIZE_SIZE__
    /* Speed builds copy a line that fits news_write_buffer()'s buffer
     * in one go, rather than in four calls through the sink, and check
     * common text as they copy it. */
    if (o->sink == to_buffer && o->rc == 0) {
        buffer *b = (buffer *)o->user;
        size_t n = pre->len + sep, room = b->cap - b->len;

        if (b->len < b->cap && t.len < room && room - t.len > n) {
            char *d = b->p + b->len;

            if (!copy_text(d + n, t.ptr, t.len)) {
                check_text(o, &t, n);
                if (o->rc != 0)
                    return;
                news__memcpy(d + n, t.ptr, t.len);
            }
            news__memcpy(d, pre->ptr, pre->len);
            if (sep > 0) { /* ": ", or ":" when sep is 1 */
                d[n - 1] = ' ';
                d[pre->len] = ':';
            }
            d[n + t.len] = '\n';
            b->len += n + t.len + 1;
            return;
        }
    }
#endif
    check_text(o, &t, pre->len + sep);
    put(o, pre->ptr, pre->len);
    put(o, ": ", sep);
    put(o, t.ptr, t.len);
    put(o, "\n", 1);
}

/* The records whose strings are fields: for each, a byte with the
 * link flag (0x80) and the first field's id + 1 (0 for an extension
 * field, which is its news_field's value), then the offsets of its
 * news_str members, then END. */
#define END 0xFF
#define LINK 0x80
#define A(m) offsetof(news_article, m)
/* where each record's entry starts in groups[] */
enum { G_ARTICLE = 0, G_TAG = 14, G_AUTHOR = 17, G_EXT = 22, G_LINK = 25, G_LINK_EXT = 31 };
static const unsigned char groups[] = {
    NEWS_FIELD_TITLE + 1, A(title), A(dek), A(kicker), A(summary), A(source), A(url), A(id),
    A(language), A(published), A(modified), A(image), A(image_caption), END,
    NEWS_FIELD_TAG + 1, offsetof(news_tag, text), END,
    NEWS_FIELD_AUTHOR + 1, offsetof(news_author, name), offsetof(news_author, url),
    offsetof(news_author, bio), END,
    0, offsetof(news_field, value), END,
    LINK | (NEWS_LINK_TITLE + 1), offsetof(news_link, title), offsetof(news_link, kicker),
    offsetof(news_link, summary), offsetof(news_link, url), END,
    LINK, offsetof(news_field, value), END};
#undef A
/* every offset below END (the article's last is the largest), and the
 * last entry where G_LINK_EXT says */
typedef char offsets_fit[offsetof(news_article, image_caption) < END ? 1 : -1];
typedef char groups_end[sizeof groups == G_LINK_EXT + 3 ? 1 : -1];

/* Out of line: the five arguments of news__set_error() would take
 * stack in the frames of the public functions. */
NEWS__NOINLINE static int set_error(news_error *error, int code)
{
    news__set_error(error, code, 0, 0, 0);
    return code;
}

#define SLOT(base, off) ((const news_str *)(const void *)((const char *)(base) + (off)))

/* The strings of the record at base, described at groups[g], each as
 * "key: value" (or "key:" when the value is empty): the first always
 * (a required value), the others when present. */
static void fields(out *o, const void *base, unsigned g)
{
    const unsigned char *p = groups + g;
    const news_str *v = NULL, *prev; /* prev: NULL for the first */
    int link = *p >> 7, id = (*p & 0x7F) - 2;

    while (*++p != END) {
        news_str k;
        size_t sep;
        int rc = 0, key_id;

        prev = v;
        v = SLOT(base, *p);
        id++;
        if (v->ptr == NULL && prev != NULL) /* absent, and not the first */
            continue;
        sep = 1 + (v->len > 0);
        o->line++;
        if (id == NEWS_FIELD_EXT) {
            k = ((const news_field *)base)->key;
            if (k.ptr == NULL || k.len == 0 ||
                news__key(k.ptr, k.len, link, &key_id) != k.len || key_id != NEWS_FIELD_EXT)
                rc = NEWS_ERR_KEY;
        } else {
            const unsigned char *key = news__key_of(id, link); /* a known id */

            k.len = key[0];
            k.ptr = (const char *)key + 1;
            if (v->ptr == NULL) { /* a required value that is absent */
                rc = id == 0 ? NEWS_ERR_NO_TITLE : 0; /* a title, of either kind */
            } else if (id == NEWS_FIELD_IMAGE_CAPTION && SLOT(base, p[-1])->ptr == NULL) {
                rc = NEWS_ERR_NO_IMAGE; /* (no link field has this id) */
            }
        }
        if (rc != 0)
            fail(o, rc, 1);
        text_line(o, &k, sep, v);
        if (CHECKING(o) && o->rc == 0 && (rc = news__check_field(id, link, v->ptr, v->len)) != NEWS_OK)
            fail(o, rc, k.len + sep + 1);
    }
}

NEWS__NOINLINE static void block(out *o, const news_block *b)
{
    /* the markup of each kind: an escape, "# ", "> " */
    static const char mark[] = "\\ # > ";
    const news_str *t = &b->text;
    news_str pre;
    unsigned kind = (unsigned)b->kind;

    pre.len = 0;
    if (kind == NEWS_BLOCK_PARAGRAPH) {
        /* Escape what would otherwise read as markup or a blank line. */
        pre.len = t->len == 0 || t->ptr[0] == '#' || t->ptr[0] == '>' || t->ptr[0] == '%' ||
                  t->ptr[0] == '\\' || (t->len == 1 && t->ptr[0] == '-') ||
                  news__is_blank(t->ptr, t->len);
    } else if (kind <= NEWS_BLOCK_QUOTE) {
        pre.len = 1 + (t->len > 0);
    } else {
        if (o->rc == 0) /* not a place in the text: no position */
            o->rc = set_error(o->err, NEWS_ERR_ARG);
        kind = 0;
    }
    pre.ptr = mark + 2 * kind;
    o->line += 2; /* a blank line before each block, then its own */
    put(o, "\n", 1);
    text_line(o, &pre, 0, t);
}

static void walk(out *o, const news_article *a)
{
    const news_tag *t;
    const news_author *au;
    const news_field *f;
    const news_block *b;
    const news_link *l;
    size_t n;

    o->line = 1;
    put(o, "%news 1\n", 8);
    fields(o, a, G_ARTICLE);
    for (t = a->tags; t != NULL; t = t->next)
        fields(o, t, G_TAG);
    for (au = a->authors; au != NULL; au = au->next)
        fields(o, au, G_AUTHOR);
    for (f = a->ext; f != NULL; f = f->next)
        fields(o, f, G_EXT);
    for (b = a->body; b != NULL; b = b->next)
        block(o, b);
    /* each link after a "-" line, the first after a blank line too */
    for (l = a->related, n = 3; l != NULL; l = l->next, n = 2) {
        o->line += n - 1;
        put(o, &"\n-\n"[3 - n], n);
        fields(o, l, G_LINK);
        for (f = l->ext; f != NULL; f = f->next)
            fields(o, f, G_LINK_EXT);
    }
}

/* Both passes over a, the sink taken from o->sink; o->err set. */
#define WRITE(o, a)                                                                            \
    do {                                                                                       \
        news_sink sink_ = (o)->sink;                                                           \
        (o)->sink = NULL;                                                                      \
        walk((o), (a));                                                                        \
        if ((o)->rc == 0) {                                                                    \
            (o)->sink = sink_;                                                                 \
            walk((o), (a));                                                                    \
            if ((o)->rc != 0)                                                                  \
                set_error((o)->err, (o)->rc);                                                  \
        }                                                                                      \
    } while (0)

int news_write(const news_article *a, news_sink sink, void *user, news_error *error)
{
    out o;

    if (a == NULL || sink == NULL)
        return set_error(error, NEWS_ERR_ARG);
    o.sink = sink;
    o.rc = 0; /* (o.line is set by walk()) */
    o.user = user;
    o.err = error;
    WRITE(&o, a);
    return o.rc;
}

#ifndef __OPTIMIZE_SIZE__
/* Speed builds first write an article into news_write_buffer()'s buffer
 * in a walk of their own, which knows the usual article and keeps no
 * count of lines: each line is stored straight at a pointer, its key in
 * one 16-byte step. It gives up (NULL) at anything else: an error of
 * any kind, or a buffer that may be too small. write_once() then
 * writes the article again from the start, so that errors, their
 * positions and the text cut at the capacity are exactly its. */

/* The fast walk keeps this many bytes at the end of the buffer free: a
 * line starts before the mark, its value is shorter than the room left
 * before the mark, and the rest of the line (its key store, its LF, the
 * "-" line of a related link after it) takes less than SLACK bytes. */
#define SLACK 64

/* Key lengths by NEWS_FIELD_* id (news__key16_str holds the keys). */
static const unsigned char key_len[NEWS_FIELD_COUNT] = {5, 3, 6, 7, 6, 3, 2, 8,
                                                       9, 8, 5, 13, 3, 6, 10, 10};

/* What copy_text() does not vouch for: the exact check, then a
 * plain copy. */
NEWS__COLD static int copy_rare(char *d, const char *s, size_t n)
{
    size_t at;

    if (news__check_text((const unsigned char *)s, n, &at) != NEWS_OK)
        return 0;
    news__memcpy(d, s, n);
    return 1;
}

/* The text s[0..n) and its LF at d, which has room for them (ascii:
 * text that is nearly always ASCII). */
static NEWS__HOT char *fast_text(char *d, const char *s, size_t n, int ascii)
{
    if (!(ascii ? copy_ascii(d, s, n) : copy_text(d, s, n)) && !copy_rare(d, s, n))
        return NULL;
    d[n] = '\n';
    return d + n + 1;
}

/* The fields whose values are nearly always ASCII: URLs, ids, dates. */
#define ASCII_FIELDS                                                                           \
    ((1u << NEWS_FIELD_URL) | (1u << NEWS_FIELD_ID) | (1u << NEWS_FIELD_LANGUAGE) |           \
     (1u << NEWS_FIELD_PUBLISHED) | (1u << NEWS_FIELD_MODIFIED) | (1u << NEWS_FIELD_IMAGE) |   \
     (1u << NEWS_FIELD_AUTHOR_URL))

/* The line "key: v" (or "key:") of the field id at d; e is the end of
 * the buffer less SLACK. */
static NEWS__HOT char *fast_field(char *d, const char *e, int id, const news_str *v)
{
    size_t k = key_len[id], n = v->len;

    if (d >= e || n >= (size_t)(e - d))
        return NULL;
    news__memcpy(d, news__key16_str[id + 1], 16);
    if (n == 0) {
        d[k + 1] = '\n';
        return d + k + 2;
    }
    return fast_text(d + k + 2, v->ptr, n, (ASCII_FIELDS >> id) & 1u);
}

/* A field that must not be empty (nor absent). */
#define FAST_MUST(d, e, id, v)                                                                 \
    if ((v)->ptr == NULL || (v)->len == 0 || ((d) = fast_field((d), (e), (id), (v))) == NULL)  \
        return NULL
/* A field that may be absent. */
#define FAST_OPT(d, e, id, v)                                                                  \
    if ((v)->ptr != NULL && ((d) = fast_field((d), (e), (id), (v))) == NULL)                    \
        return NULL

/* The fields of the list at f (link: of a related link), each with a
 * key of its own. */
NEWS__COLD static char *fast_ext(char *d, const char *e, const news_field *f, int link)
{
    for (; f != NULL; f = f->next) {
        size_t k = f->key.len, n = f->value.len, room = (size_t)(e - d);
        int id;

        if (d >= e || f->key.ptr == NULL || k == 0 || f->value.ptr == NULL ||
            k >= room || n >= room - k)
            return NULL;
        if (news__key(f->key.ptr, k, link, &id) != k || id != NEWS_FIELD_EXT)
            return NULL;
        news__memcpy(d, f->key.ptr, k);
        d += k;
        *d++ = ':';
        if (n == 0) {
            *d++ = '\n';
            continue;
        }
        *d++ = ' ';
        if ((d = fast_text(d, f->value.ptr, n, 0)) == NULL)
            return NULL;
    }
    return d;
}

/* A block after its blank line. */
static NEWS__HOT char *fast_block(char *d, const char *e, const news_block *b)
{
    /* the blank line and the markup of each kind: an escape, "# ", "> " */
    static const char mark[3][4] = {"\n\\", "\n# ", "\n> "};
    const char *s = b->text.ptr;
    size_t n = b->text.len, m;
    unsigned kind = (unsigned)b->kind;

    if (d >= e || n >= (size_t)(e - d) || kind > NEWS_BLOCK_QUOTE || s == NULL)
        return NULL;
    news__memcpy(d, mark[kind], 4);
    if (kind != NEWS_BLOCK_PARAGRAPH) {
        m = 1 + (n > 0);
    } else {
        /* Escape what would otherwise read as markup or a blank line. */
        unsigned c = n > 0 ? (unsigned char)s[0] : 0;
        m = n == 0 || c == '#' || c == '>' || c == '%' || c == '\\' || (n == 1 && c == '-') ||
            ((c == ' ' || c == '\t') && news__is_blank(s, n));
    }
    d += 1 + m;
    if (n == 0) {
        *d = '\n';
        return d + 1;
    }
    return fast_text(d, s, n, 0);
}

/* The article a at d; NULL to give up. */
static char *fast_article(const news_article *a, char *d, const char *e)
{
    const news_tag *t;
    const news_author *au;
    const news_block *b;
    const news_link *l;

    news__memcpy(d, "%news 1\n", 8);
    d += 8;
    FAST_MUST(d, e, NEWS_FIELD_TITLE, &a->title);
    FAST_OPT(d, e, NEWS_FIELD_DEK, &a->dek);
    FAST_OPT(d, e, NEWS_FIELD_KICKER, &a->kicker);
    FAST_OPT(d, e, NEWS_FIELD_SUMMARY, &a->summary);
    FAST_OPT(d, e, NEWS_FIELD_SOURCE, &a->source);
    FAST_OPT(d, e, NEWS_FIELD_URL, &a->url);
    FAST_OPT(d, e, NEWS_FIELD_ID, &a->id);
    if (a->language.ptr != NULL &&
        news__check_field(NEWS_FIELD_LANGUAGE, 0, a->language.ptr, a->language.len) != NEWS_OK)
        return NULL;
    FAST_OPT(d, e, NEWS_FIELD_LANGUAGE, &a->language);
    if (a->published.ptr != NULL &&
        news__check_field(NEWS_FIELD_PUBLISHED, 0, a->published.ptr, a->published.len) != NEWS_OK)
        return NULL;
    FAST_OPT(d, e, NEWS_FIELD_PUBLISHED, &a->published);
    if (a->modified.ptr != NULL &&
        news__check_field(NEWS_FIELD_MODIFIED, 0, a->modified.ptr, a->modified.len) != NEWS_OK)
        return NULL;
    FAST_OPT(d, e, NEWS_FIELD_MODIFIED, &a->modified);
    FAST_OPT(d, e, NEWS_FIELD_IMAGE, &a->image);
    if (a->image_caption.ptr != NULL && a->image.ptr == NULL)
        return NULL;
    FAST_OPT(d, e, NEWS_FIELD_IMAGE_CAPTION, &a->image_caption);
    for (t = a->tags; t != NULL; t = t->next)
        FAST_MUST(d, e, NEWS_FIELD_TAG, &t->text);
    for (au = a->authors; au != NULL; au = au->next) {
        FAST_MUST(d, e, NEWS_FIELD_AUTHOR, &au->name);
        FAST_OPT(d, e, NEWS_FIELD_AUTHOR_URL, &au->url);
        FAST_OPT(d, e, NEWS_FIELD_AUTHOR_BIO, &au->bio);
    }
    if (a->ext != NULL && (d = fast_ext(d, e, a->ext, 0)) == NULL)
        return NULL;
    for (b = a->body; b != NULL; b = b->next)
        if ((d = fast_block(d, e, b)) == NULL)
            return NULL;
    /* each link after a "-" line, the first after a blank line too */
    if ((l = a->related) != NULL)
        *d++ = '\n';
    for (; l != NULL; l = l->next) {
        d[0] = '-';
        d[1] = '\n';
        d += 2;
        /* a related link's keys are the header's of the same name */
        FAST_MUST(d, e, NEWS_FIELD_TITLE, &l->title);
        FAST_OPT(d, e, NEWS_FIELD_KICKER, &l->kicker);
        FAST_OPT(d, e, NEWS_FIELD_SUMMARY, &l->summary);
        FAST_OPT(d, e, NEWS_FIELD_URL, &l->url);
        if (l->ext != NULL && (d = fast_ext(d, e, l->ext, 1)) == NULL)
            return NULL;
    }
    return d;
}

/* news_write_buffer()'s one walk (speed builds): checking as it writes,
 * the text taken back on an error. */
static NEWS__HOT int write_once(const news_article *a, buffer *b, news_error *error)
{
    out o;

    if (a == NULL)
        return set_error(error, NEWS_ERR_ARG); /* *len 0, buf "" */
    o.sink = to_buffer;
    o.rc = 0;
    o.user = b;
    o.err = error;
    walk(&o, a);
    if (o.rc != 0) /* fail() has told the error */
        b->len = 0; /* what the caller would see after a checking walk */
    return o.rc;
}
#endif

int news_write_buffer(const news_article *a, char *buf, size_t cap, size_t *len,
                      news_error *error)
{
    buffer b;
    int rc;

    if (buf == NULL && cap > 0)
        return set_error(error, NEWS_ERR_ARG);
    b.p = buf;
    b.cap = cap;
    b.len = 0;
#ifdef __OPTIMIZE_SIZE__
    /* the buffer as news_write()'s sink (a NULL: NEWS_ERR_ARG, *len 0) */
    rc = news_write(a, to_buffer, &b, error);
#else
    {
        char *end;

        if (a != NULL && buf != NULL && cap > SLACK &&
            (end = fast_article(a, buf, buf + (cap - SLACK))) != NULL) {
            b.len = (size_t)(end - buf);
            rc = NEWS_OK;
        } else {
            rc = write_once(a, &b, error);
        }
    }
#endif
    if (len != NULL)
        *len = b.len;
    if (b.cap > 0) /* b.p and b.cap rather than buf and cap: fewer values kept */
        b.p[b.len < b.cap ? b.len : b.cap - 1] = '\0';
    if (rc == NEWS_OK && b.p != NULL && b.len >= b.cap)
        return set_error(error, NEWS_ERR_NOMEM);
    return rc;
}
