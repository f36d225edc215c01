/* internal.h - what the library's source files share and users never see. */
#ifndef NEWS_INTERNAL_H
#define NEWS_INTERNAL_H

#include "news.h"

#include <limits.h>
#include <stdint.h>

/* String helpers: the C library's, or small built-in ones when there is
 * no C library (NEWS_FREESTANDING). */
#ifdef NEWS_FREESTANDING
void *news__memchr(const void *s, int c, size_t n);
void *news__memcpy(void *dst, const void *src, size_t n);
void *news__memset(void *dst, int c, size_t n);
int news__memcmp(const void *a, const void *b, size_t n);
#else
#include <string.h>
#define news__memchr memchr
#define news__memcpy memcpy
#define news__memset memset
#define news__memcmp memcmp
#endif

#ifdef NEWS_NO_ERROR_STRINGS
#define NEWS__MSG(s) ""
#else
#define NEWS__MSG(s) s
#endif

#define NEWS__SIZE_MAX ((size_t)-1)

/* Keeps a helper out of its caller, so that the caller's stack frame
 * does not grow by the helper's locals on the deepest call path. */
#if defined(__GNUC__)
#define NEWS__NOINLINE __attribute__((noinline))
#else
#define NEWS__NOINLINE
#endif

/* Inlined in every build, -Os too. */
#if defined(__GNUC__)
#define NEWS__ALWAYS_INLINE __attribute__((always_inline)) inline
#else
#define NEWS__ALWAYS_INLINE
#endif

/* Tables that one source file of the library defines and others read:
 * hidden, so that position-independent code reaches them directly
 * rather than through the GOT. */
#if defined(__GNUC__) && !defined(_WIN32)
#define NEWS__HIDDEN __attribute__((visibility("hidden")))
#else
#define NEWS__HIDDEN
#endif

/* In speed builds, NEWS__HOT puts a helper of a hot path into its
 * caller, and NEWS__COLD keeps a rare path out of it (so that the hot
 * one needs fewer registers). Under -Os (GCC defines __OPTIMIZE_SIZE__)
 * the compiler decides both, and keeps one copy. */
#if defined(__GNUC__) && !defined(__OPTIMIZE_SIZE__)
#define NEWS__HOT __attribute__((always_inline)) inline
#define NEWS__COLD __attribute__((noinline))
#else
#define NEWS__HOT
#define NEWS__COLD
#endif

/* news_reader.flags */
#define NEWS__F_STREAM 1u
#define NEWS__F_FINISHED 2u

/* Byte classes on unsigned char only (ctype is locale-bound and
 * undefined for negative char values). */
#define NEWS__IS_LOWER(c) ((unsigned)(c) - 'a' < 26u)
#define NEWS__IS_DIGIT(c) ((unsigned)(c) - '0' < 10u)
#define NEWS__IS_ALPHA(c) (((unsigned)(c) | 0x20u) - 'a' < 26u)
#define NEWS__IS_BLANK(c) ((c) == ' ' || (c) == '\t')

/* No byte of the word w is >= 0x80, or < 0x20 (the borrow of w - 0x20);
 * ones: the word with 1 in every byte. */
#define NEWS__PLAIN_WORD(w, ones)                                                              \
    ((((w) | (((w) - (ones) * 0x20u) & ~(w))) & ((ones) * 0x80u)) == 0)

/* Scan s[0..n) up to its first LF, checking the text on the way (the
 * rules of news__check_text; a CR right before the LF is accepted).
 * Returns the index of the LF, or n if there is none. *code is NEWS_OK,
 * or the error of the first bad byte, at index *at. */
size_t news__scan_line(const unsigned char *s, size_t n, int *code, size_t *at);

/* Where the compiler targets SSE2 (unless NEWS_NO_SIMD), a reader in
 * buffer mode checks its input a window of NEWS__W bytes ahead of the
 * lines (news_reader.u.w), with one bit per byte. */
#if defined(__SSE2__) && !defined(NEWS_NO_SIMD)
#include <emmintrin.h>
#define NEWS__WINDOW 1
#define NEWS__W (sizeof(size_t) * CHAR_BIT)
#if SIZE_MAX > 0xFFFFFFFFu && defined(__GNUC__) && defined(__x86_64__) && !defined(__OPTIMIZE_SIZE__)
/* x != 0. The builtin's int result costs a sign extension and a
 * dependency-breaking xor at every use (per line and per lead byte);
 * this gives the 64-bit index directly. tzcnt, which is bsf (the same
 * result for x != 0) where the CPU lacks BMI1: bsf is slow on some. */
static inline size_t news__ctz(size_t x)
{
    size_t i;
    __asm__("tzcnt %1, %0" : "=r"(i) : "rm"(x) : "cc");
    return i;
}
#define NEWS__CTZ(x) news__ctz(x)
#elif SIZE_MAX > 0xFFFFFFFFu
#define NEWS__CTZ(x) ((unsigned)__builtin_ctzll(x))
#else
#define NEWS__CTZ(x) ((unsigned)__builtin_ctz(x))
#endif

/* For a lead byte 0xC0 + i, the bits of the bytes it makes continuation
 * bytes, from bit 0 for itself (see text.c). */
extern NEWS__HIDDEN const unsigned char news__lead_need[64];

/* news__window() for fewer than NEWS__W bytes left (text.c). */
unsigned news__window_end(const unsigned char *s, size_t n, unsigned carry, size_t *ctrl,
                          size_t *bad);

/* Bit i set when byte i of x is not printable ASCII: the saturating
 * x - 0x20 is negative for bytes below 0x20 and for those >= 0x80. */
#define NEWS__SPECIAL(x) ((unsigned)_mm_movemask_epi8(_mm_subs_epi8((x), _mm_set1_epi8(0x20))))

/* Two masks of the 16 bytes at s + k, shifted to their place: h, the
 * bytes >= 0x80, and cl, the control bytes (< 0x20) and the lead bytes
 * (>= 0xC0). Two bits tell the four classes apart, so two masks do
 * rather than three: cl is the sign of the saturating (x + 0xC0) + 32,
 * as x + 0xC0 (wrapping) is below -32 exactly for those bytes. */
#define NEWS__MASKS(s, k, h, cl)                                                              \
    do {                                                                                      \
        __m128i x_ = _mm_loadu_si128((const __m128i *)(const void *)((s) + (k)));              \
        h |= (size_t)(unsigned)_mm_movemask_epi8(x_) << (k);                                  \
        cl |= (size_t)(unsigned)_mm_movemask_epi8(_mm_adds_epi8(                              \
                  _mm_add_epi8(x_, _mm_set1_epi8((char)0xC0)), _mm_set1_epi8(32)))            \
              << (k);                                                                         \
    } while (0)

/* Speed builds for x86-64 with GCC or Clang that do not target AVX2
 * themselves (unless NEWS_NO_DISPATCH): the article builder's line loop
 * has a second copy, compiled for AVX2, BMI1 and BMI2 (NEWS__WIDE), for
 * the CPUs that have them (NEWS__HAS_WIDE(), at run time, from the CPU
 * model that libgcc's start-up code fills in: not in freestanding
 * builds, which may not run it). */
#if !defined(__AVX2__) && defined(__x86_64__) && SIZE_MAX > 0xFFFFFFFFu &&                   \
    !defined(__OPTIMIZE_SIZE__) && !defined(NEWS_NO_DISPATCH) &&                              \
    !defined(NEWS_FREESTANDING) &&                                                            \
    ((defined(__GNUC__) && __GNUC__ >= 5) || defined(__clang__))
#define NEWS__DISPATCH 1
#define NEWS__WIDE __attribute__((target("avx2,bmi,bmi2")))
#define NEWS__HAS_WIDE()                                                                       \
    (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("bmi") &&                       \
     __builtin_cpu_supports("bmi2"))
#endif

/* Windows 32 bytes a step (news__window_wide()): where the compiler
 * targets AVX2 on a 64-bit target, or in the NEWS__WIDE copy. */
#if (defined(__AVX2__) || defined(NEWS__DISPATCH)) && SIZE_MAX > 0xFFFFFFFFu
#include <immintrin.h>
#define NEWS__WIDE_WINDOW 1
#ifndef NEWS__DISPATCH
#define NEWS__WIDE
#endif
#endif

/* The window s[0..min(n, NEWS__W)): *ctrl gets a bit for each control
 * byte (LF, TAB, ...), *bad one for each byte that needs the byte path
 * (news__scan_line): a rare or invalid lead byte, a continuation byte
 * out of place, or a byte that should have been one, given carry (bits
 * 0 and 1: continuation bytes a sequence of the window before still
 * needs); when n < NEWS__W, a sequence cut by the end also sets a bit
 * at n or above. Returns the carry into the next window.
 * news__window_full() is news__window() for n >= NEWS__W, for callers
 * that know it; news__window_leads() its second half, from the masks h
 * and cl (NEWS__MASKS) of the whole window. */
#if defined(__GNUC__) && !defined(__OPTIMIZE_SIZE__)
__attribute__((always_inline))
#endif
static inline unsigned news__window_leads(const unsigned char *s, size_t h, size_t cl,
                                          unsigned carry, size_t *ctrl, size_t *bad)
{
    size_t l, need = carry;
    unsigned out = 0;

    l = h & cl; /* lead bytes */
    h ^= l;     /* now the continuation bytes */
    cl ^= l;    /* now the control bytes */
    if ((l >> (NEWS__W - 2)) != 0) { /* what the last two need of the next window */
        if ((l >> (NEWS__W - 1)) != 0)
            out = news__lead_need[s[NEWS__W - 1] & 0x3Fu] >> 1;
        if (((l >> (NEWS__W - 2)) & 1u) != 0)
            out |= news__lead_need[s[NEWS__W - 2] & 0x3Fu] >> 2;
    }
    while (l != 0) { /* (s[j] >= 0xC0: no mask, the offset goes into the load) */
        size_t j = NEWS__CTZ(l);
        need |= (size_t)news__lead_need[(size_t)s[j] - 0xC0u] << j;
        l &= l - 1;
    }
    *ctrl = cl;
    *bad = need ^ h;
    return out;
}

#ifdef NEWS__WIDE_WINDOW
/* The constants of news__window_wide(), 32 bytes each (fields.c): in
 * another file, so that their values are not known where they are used
 * and are read as operands, not built again in every window. */
extern NEWS__HIDDEN const unsigned char news__wide_k[6][32];

/* news__window_full() where the compiler targets AVX2, and for NEWS__WIDE
 * callers: 32 bytes a step and no loop over the lead bytes. Four masks:
 * h and cl as NEWS__MASKS gives them, g2 and g3 the lead bytes of the
 * common sequences of two bytes (C2-DF) and of three (E1-EC), each the
 * sign of a saturating (x + a) + b that is negative for its range alone.
 * Those leads give the continuation bytes they need by shifts of their
 * masks; any other lead byte is bad, as news__lead_need has it (but for
 * EE, which goes to the byte path here). No branch on the bytes: in text
 * with a multi-byte character every few dozen bytes, a loop over them
 * is often left at a mispredicted branch. With run-time dispatch not
 * forced inline, which the other copy's callers could not take: a
 * NEWS__WIDE caller has it inlined by attribute flatten. */
#if defined(__AVX2__) && defined(__GNUC__) && !defined(__OPTIMIZE_SIZE__)
__attribute__((always_inline))
#endif
static inline NEWS__WIDE unsigned news__window_wide(const unsigned char *s, unsigned carry,
                                                   size_t *ctrl, size_t *bad)
{
    size_t h = 0, cl = 0, g2 = 0, g3 = 0, l, g;

#define NEWS__K(j) _mm256_loadu_si256((const __m256i *)(const void *)news__wide_k[j])
#define NEWS__MASKS32_WIDE(s, i)                                                              \
    do {                                                                                      \
        __m256i y_ = _mm256_loadu_si256((const __m256i *)(const void *)((s) + (i)));           \
        h |= (size_t)(uint32_t)_mm256_movemask_epi8(y_) << (i);                               \
        cl |= (size_t)(uint32_t)_mm256_movemask_epi8(                                         \
                  _mm256_adds_epi8(_mm256_add_epi8(y_, NEWS__K(0)), NEWS__K(1)))              \
              << (i);                                                                         \
        g2 |= (size_t)(uint32_t)_mm256_movemask_epi8(                                         \
                  _mm256_adds_epi8(_mm256_add_epi8(y_, NEWS__K(2)), NEWS__K(3)))              \
              << (i);                                                                         \
        g3 |= (size_t)(uint32_t)_mm256_movemask_epi8(                                         \
                  _mm256_adds_epi8(_mm256_add_epi8(y_, NEWS__K(4)), NEWS__K(5)))              \
              << (i);                                                                         \
    } while (0)
    NEWS__MASKS32_WIDE(s, 0);
    NEWS__MASKS32_WIDE(s, 32);
#undef NEWS__MASKS32_WIDE
#undef NEWS__K
    l = h & cl; /* lead bytes */
    h ^= l;     /* now the continuation bytes */
    *ctrl = cl ^ l;
    g = g2 | g3; /* (within l) */
    *bad = (((size_t)carry | g << 1 | g3 << 2) ^ h) | (l ^ g);
    return (unsigned)(g >> (NEWS__W - 1) | g3 >> (NEWS__W - 2));
}
#endif

#if defined(__GNUC__) && !defined(__OPTIMIZE_SIZE__)
__attribute__((always_inline))
#endif
static inline unsigned news__window_full(const unsigned char *s, unsigned carry, size_t *ctrl,
                                         size_t *bad)
{
#if defined(__AVX2__) && SIZE_MAX > 0xFFFFFFFFu
    return news__window_wide(s, carry, ctrl, bad);
#else
    size_t h = 0, cl = 0;

    NEWS__MASKS(s, 0, h, cl);
    NEWS__MASKS(s, 16, h, cl);
#if SIZE_MAX > 0xFFFFFFFFu
    NEWS__MASKS(s, 32, h, cl);
    NEWS__MASKS(s, 48, h, cl);
#endif
    return news__window_leads(s, h, cl, carry, ctrl, bad);
#endif
}

#if defined(__GNUC__) && !defined(__OPTIMIZE_SIZE__)
__attribute__((always_inline))
#endif
static inline unsigned news__window(const unsigned char *s, size_t n, unsigned carry,
                                    size_t *ctrl, size_t *bad)
{
    if (n < NEWS__W)
        return news__window_end(s, n, carry, ctrl, bad);
    return news__window_full(s, carry, ctrl, bad);
}
#endif

/* Check that s[0..n) is text the format can hold: valid UTF-8 without
 * NUL, control characters other than TAB, or U+FEFF. Returns NEWS_OK or
 * the error code, with *at set to the offset of the offending byte. */
int news__check_text(const unsigned char *s, size_t n, size_t *at);

/* Length of the multi-byte UTF-8 sequence at s[0..n) (s[0] >= 0x80),
 * or 0 if it is not valid (overlong, surrogate, above U+10FFFF,
 * truncated, or a stray continuation byte). */
size_t news__utf8_len(const unsigned char *s, size_t n);

/* 1 if s[0..n) holds only spaces and tabs (or nothing). */
int news__is_blank(const char *s, size_t n);

/* The key at the start of s[0..n): its length (0 if there is none) and,
 * in *id, its NEWS_FIELD_* / NEWS_LINK_* id or NEWS_FIELD_EXT. */
size_t news__key(const char *s, size_t n, int link, int *id);

/* The key hash of speed builds (fields.c): key s[0..k) goes to slot
 * NEWS__KEY_HASH(s, k) of news__key_hash, which holds its id + 1 if it
 * is a known key. */
#if !defined(__OPTIMIZE_SIZE__) || defined(NEWS__WINDOW)
extern NEWS__HIDDEN const unsigned char news__key_hash[32];
#define NEWS__KEY_HASH(s, k)                                                                   \
    (((unsigned char)(s)[0] * 8u + (unsigned char)(s)[(k) - 1] + (k) * 4u) & 31u)
#endif

/* Each key with its colon and a space, padded to 16 bytes, at its
 * NEWS_FIELD_* id + 1 (fields.c); the related links' keys are the
 * header's of the same name. */
#if !defined(__OPTIMIZE_SIZE__) || defined(NEWS__WINDOW)
extern NEWS__HIDDEN const char news__key16_str[NEWS_FIELD_COUNT + 1][16];
#endif

/* The same when room (>= n) bytes from s may be read: with SSE2, a
 * known key is then found without a loop. */
#ifdef NEWS__WINDOW
size_t news__key_at(const char *s, size_t n, size_t room, int link, int *id);

extern NEWS__HIDDEN const signed char news__key16_id[2][NEWS_FIELD_COUNT + 1];

/* A known key and its colon in the 16 bytes at s, which must all be
 * readable, followed by a space when sp is 1 (0: anything): the key's
 * length, with *id (as news__key() gives it); 0, *id unchanged, when
 * there is none (an extension key, one longer than 13 bytes, no colon,
 * or no space asked for). The colon is compared too, so that a match
 * also means the lengths agree, and, as no key holds an LF, that the
 * colon (and the space) is on the line. */
#if defined(__GNUC__) && !defined(__OPTIMIZE_SIZE__)
__attribute__((always_inline))
#endif
static inline size_t news__key16(const char *s, int link, unsigned sp, int *id)
{
    __m128i x = _mm_loadu_si128((const __m128i *)(const void *)s);
    /* colons at 1 to 14: where a known key can end */
    unsigned m = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(x, _mm_set1_epi8(':'))) & 0x7FFEu;
    unsigned k, i;

    if (m == 0)
        return 0;
    k = (unsigned)__builtin_ctz(m);
    i = news__key_hash[NEWS__KEY_HASH(s, k)];
    m = (unsigned)_mm_movemask_epi8(
        _mm_cmpeq_epi8(x, _mm_loadu_si128((const __m128i *)(const void *)news__key16_str[i])));
    if ((~m & ((2u << (k + sp)) - 1)) != 0)
        return 0;
    *id = news__key16_id[link != 0][i];
    return k;
}
#else
#define news__key_at(s, n, room, link, id) ((void)(room), news__key(s, n, link, id))
#endif

/* The length byte of a field id's key, then the key (news_field_key());
 * NULL for an unknown id. */
const unsigned char *news__key_of(int field, int link);

/* Offsets of the single-valued news_str members of news_article and
 * news_link, by NEWS_FIELD_* / NEWS_LINK_* id. */
extern NEWS__HIDDEN const unsigned char news__article_slot[NEWS_FIELD_SINGLE];
extern NEWS__HIDDEN const unsigned char news__link_slot[NEWS_LINK_COUNT];
#define NEWS__ARTICLE_STR(a, id) ((news_str *)(void *)((char *)(a) + news__article_slot[id]))
#define NEWS__LINK_STR(l, id) ((news_str *)(void *)((char *)(l) + news__link_slot[id]))
#define NEWS__ARTICLE_CSTR(a, id)                                                              \
    ((const news_str *)(const void *)((const char *)(a) + news__article_slot[id]))
#define NEWS__LINK_CSTR(l, id)                                                                 \
    ((const news_str *)(const void *)((const char *)(l) + news__link_slot[id]))

/* The checks of a field's value beyond its text (non-empty, date,
 * language) that the reader and the writer share. NEWS_OK or a code. */
int news__check_field(int field, int link, const char *p, size_t n);

/* The fields whose value must not be empty, by id bit, of the header
 * and of a related link; that is their only rule in
 * news__check_field(), which a caller may skip for a non-empty value. */
#define NEWS__MUST_FILL ((1u << NEWS_FIELD_TITLE) | (1u << NEWS_FIELD_TAG) | (1u << NEWS_FIELD_AUTHOR))
#define NEWS__MUST_FILL_LINK (1u << NEWS_LINK_TITLE)

/* news_time_parse() of p[0..n): pointer and length rather than a
 * news_str, which GCC spills to the stack on Thumb-1 (this is under
 * news_parse(), the deepest reading call). */
int news__time(const char *p, size_t n, news_time *t);

/* The default limits (news_limits_default()). */
extern NEWS__HIDDEN const news_limits news__limits;

/* An error of code NEWS_OK, the others 0 and NULL. */
extern NEWS__HIDDEN const news_error news__no_error;

/* The article builder (article.c), which news_read_article() drives
 * and the importer too. news__add() adds what event ev describes to *a
 * (any event but NEWS_EV_ARTICLE_END: ev->field must be NEWS_FIELD_EXT
 * unless the event is a field), taking nodes and, with NEWS_COPY, strings
 * from ar; a link's field goes into the newest link that was built.
 * The counts grow even when a node does not fit (those of a link's
 * fields only in a link that was built). Lists are circular, their
 * heads at the newest node, until news__close_lists() ends them
 * (NULL-terminated, the oldest first). */
void news__add(news_article *a, news_arena *ar, news_event *ev, unsigned flags);
void news__close_lists(news_article *a);

/* news_parse()'s *error (when not NULL) after rc from reading with r:
 * the reader's error, or rc's own for NEWS_ERR_NOMEM and NEWS_ERR_ARG. */
void news__parse_error(const news_reader *r, int rc, news_error *error);

/* Set *err (when not NULL). */
void news__set_error(news_error *err, int code, unsigned long line, unsigned long column,
                     unsigned long offset);

#endif
