/* text.c - finding line ends and validating text (UTF-8, control bytes). */
#include "internal.h"

/* Most news text is printable ASCII with a multi-byte character every
 * few dozen bytes. Where the compiler targets SSE2 (unless NEWS_NO_SIMD)
 * the scanner works 16 bytes at a time: a block of printable ASCII costs
 * one compare, and a block with common two- and three-byte sequences is
 * checked through bit masks, one table lookup per lead byte and no
 * branch per character. Anything unusual (control bytes, rare lead
 * bytes, errors) is left to the byte-by-byte path, which is the
 * reference; on other targets a machine word of ASCII goes at a time
 * in speed builds, and a byte at a time under -Os (76 bytes less code
 * on Cortex-M0). */
#ifdef NEWS__WINDOW
#define NEWS__SSE2 1 /* SSE2, and not NEWS_NO_SIMD */
#endif

#if UINTPTR_MAX > 0xFFFFFFFFu
typedef uint64_t word_t;
#define ONES ((word_t)0x0101010101010101u)
#else
typedef uint32_t word_t;
#define ONES ((word_t)0x01010101u)
#endif

#define CONT(b) (((b) & 0xC0u) == 0x80u)

#define PLAIN_WORD(w, ones) NEWS__PLAIN_WORD(w, ones)

/* A word from an aligned address: one load, even on cores without
 * unaligned access (where memcpy of unknown alignment is a call). */
#ifdef __GNUC__
#define LOAD_ALIGNED(w, p) __builtin_memcpy(&(w), __builtin_assume_aligned((p), sizeof(w)), sizeof(w))
#else
#define LOAD_ALIGNED(w, p) news__memcpy(&(w), (p), sizeof(w))
#endif
#define ALIGNED(p) (((uintptr_t)(p) & (sizeof(word_t) - 1u)) == 0)

size_t news__utf8_len(const unsigned char *s, size_t n)
{
    unsigned c = s[0];
    unsigned lo = 0x80, hi = 0xBF; /* allowed range of the second byte */
    size_t len = 2, i;

    if (c < 0xC2 || c > 0xF4)
        return 0; /* continuation byte, overlong 2-byte lead, or too high */
    if (c >= 0xE0) { /* bit 4 tells the 4-byte leads from the 3-byte ones */
        len = 3 + ((c >> 4) & 1u);
        if ((c & 0x0Fu) == 0)
            lo = 0xA0 - (c & 0x10u); /* E0, F0: overlong */
        else if (c == 0xED || c == 0xF4)
            hi = 0x9F - (c & 0x10u); /* ED: surrogates; F4: above U+10FFFF */
    }
    if (n < len || s[1] < lo || s[1] > hi)
        return 0;
    for (i = 2; i < len; i++)
        if (!CONT(s[i]))
            return 0;
    return len;
}

/* The byte-by-byte scan from i, which must be at a character boundary:
 * up to the first LF (returned, with *code NEWS_OK), the first error
 * (*code, *at), the end n, or the first character boundary at or after
 * stop, whichever comes first. */
static size_t scan_bytes(const unsigned char *s, size_t n, size_t i, size_t stop, int *code,
                         size_t *at)
{
    *code = NEWS_OK;
    while (i < n && i < stop) {
        unsigned c = s[i];
#if !defined(NEWS__SSE2) && !defined(__OPTIMIZE_SIZE__)
        if (c >= 0x20u && c < 0x80u) {
            do /* printable ASCII up to a word boundary */
                i++;
            while (i < n && !ALIGNED(s + i) && s[i] >= 0x20u && s[i] < 0x80u);
            while (n - i >= sizeof(word_t) && ALIGNED(s + i)) {
                word_t w;
                LOAD_ALIGNED(w, s + i);
                if (!PLAIN_WORD(w, ONES))
                    break;
                i += sizeof w;
            }
            while (i < n && s[i] >= 0x20u && s[i] < 0x80u)
                i++;
            continue;
        }
#else
        if (c >= 0x20u && c < 0x80u) {
            i++;
            continue;
        }
#endif
        if (c >= 0x80u) {
            size_t len = news__utf8_len(s + i, n - i);
            if (len == 0 || (c == 0xEF && s[i + 1] == 0xBB && s[i + 2] == 0xBF)) {
                *code = len == 0 ? NEWS_ERR_UTF8 : NEWS_ERR_BOM;
                *at = i;
                return i;
            }
            i += len;
        } else if (c == '\n') {
            return i;
        } else if (c == '\t' || (c == '\r' && n - i > 1 && s[i + 1] == '\n')) {
            i++;
        } else {
            *code = c == 0 ? NEWS_ERR_NUL : c == '\r' ? NEWS_ERR_CR : NEWS_ERR_CTRL;
            *at = i;
            return i;
        }
    }
    return i;
}

#ifdef NEWS__SSE2
/* For a lead byte 0xC0 + i, the bits of the bytes it makes continuation
 * bytes, from bit 0 for itself: 2 for C2-DF, 6 for E1-EC and EE. The
 * leads with more rules (E0, ED, EF: overlong, surrogate, BOM; F0-F4:
 * four bytes) and the invalid ones get 1, which marks the lead itself
 * as wrong, so that the byte path looks at it. */
const unsigned char news__lead_need[64] = {
    1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 1, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6,
    6, 1, 6, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1};

#define SPECIAL(x) NEWS__SPECIAL(x)

/* A block x of 16 bytes at s holding something other than printable
 * ASCII (sp, its SPECIAL mask), or whose first bytes must continue a
 * sequence of the block before (carry: bits 0 and 1). Returns a bit for
 * each byte the masks cannot vouch for (they vouch for printable ASCII
 * and whole common sequences): a control byte (such as the LF), a rare
 * or invalid lead, a misplaced continuation byte, or a byte that should
 * have been one. *need gets the bits of the bytes that must be
 * continuation bytes; bits 16 and 17 fall in the next block. */
#ifdef __GNUC__
__attribute__((always_inline))
#endif
static inline unsigned bad_bytes(const unsigned char *s, __m128i x, unsigned sp, unsigned carry,
                                 unsigned *need)
{
    unsigned h = (unsigned)_mm_movemask_epi8(x);
    unsigned c = (unsigned)_mm_movemask_epi8(_mm_cmpgt_epi8(_mm_set1_epi8((char)0xC0), x));
    unsigned l = h ^ c, nd = carry; /* lead bytes (c, the continuation bytes, is in h) */

    while (l != 0) {
        unsigned j = (unsigned)__builtin_ctz(l);
        nd |= (unsigned)news__lead_need[s[j] & 0x3Fu] << j;
        l &= l - 1;
    }
    *need = nd;
    /* the bytes that are misplaced, or control bytes (h is in sp) */
    return ((nd ^ c) | (sp ^ h)) & 0xFFFFu;
}

/* The first byte bad_bytes() cannot vouch for, or 16. */
#define BLOCK(s, x, sp, carry, need)                                                          \
    ((unsigned)__builtin_ctz(bad_bytes((s), (x), (sp), (carry), (need)) | 0x10000u))

/* The general scan from i, a character boundary, with nothing known:
 * blocks while they pass, the last bytes through a padded copy, and
 * one character bytewise wherever the masks stop. */
NEWS__NOINLINE static size_t scan_rest(const unsigned char *s, size_t n, size_t i, int *code,
                                       size_t *at)
{
    const unsigned char *nl;

    for (;;) {
        unsigned carry = 0, need = 0, f;
        size_t b, k;

        for (;;) {
            __m128i x;
            unsigned char tail[16];
            size_t left = n - i;

            if (left >= 16) {
                x = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
            } else { /* the last bytes, padded with spaces: no read past n */
                news__memset(tail, ' ', sizeof tail);
                news__memcpy(tail, s + i, left);
                x = _mm_loadu_si128((const __m128i *)(const void *)tail);
            }
            f = 16;
            need = 0;
            if ((SPECIAL(x) | carry) != 0)
                f = BLOCK(s + i, x, SPECIAL(x), carry, &need);
            if (left < 16) {
                if (f >= left) {
                    if ((need >> left) == 0) {
                        *code = NEWS_OK;
                        return n;
                    }
                    f = (unsigned)left; /* a sequence cut short by the end */
                }
                break;
            }
            if (f < 16)
                break;
            carry = need >> 16;
            i += 16;
        }
        b = i + f;
        /* An LF ends the line unless a sequence wanted it as a
         * continuation byte. */
        if (b < n && s[b] == '\n' && !((need >> f) & 1u)) {
            *code = NEWS_OK;
            return b;
        }
        /* Otherwise one character bytewise, from the start of the one
         * holding byte b (the bytes before b are good, so the sequence
         * before it is whole, or cut short at b), then blocks again. */
        k = b;
        while (k > 0 && CONT(s[k - 1]))
            k--;
        if (k > 0 && s[k - 1] >= 0xC0u && k - 1 + (s[k - 1] >= 0xE0u ? 3u : 2u) > b)
            b = k - 1;
        i = scan_bytes(s, n, b, b + 1, code, at);
        if (*code != NEWS_OK)
            break;
        if (i == n || s[i] == '\n')
            return i;
    }
    nl = (const unsigned char *)news__memchr(s + i, '\n', n - i);
    return nl != NULL ? (size_t)(nl - s) : n;
}
#endif

#ifdef NEWS__WINDOW
unsigned news__window_end(const unsigned char *s, size_t n, unsigned carry, size_t *ctrl,
                          size_t *bad)
{
    unsigned char pad[NEWS__W];

    /* padded with spaces: no read past n, and nothing to mark */
    news__memset(pad, ' ', sizeof pad);
    news__memcpy(pad, s, n);
    return news__window(pad, NEWS__W, carry, ctrl, bad);
}
#endif

size_t news__scan_line(const unsigned char *s, size_t n, int *code, size_t *at)
{
#ifdef NEWS__SSE2
    /* The common case: whole blocks up to an LF, with no call. */
    const unsigned char *p = s, *last = n >= 16 ? s + (n - 16) : s;
    unsigned carry = 0;

    if (n >= 16) {
        do {
            __m128i x = _mm_loadu_si128((const __m128i *)(const void *)p);
            unsigned sp = SPECIAL(x), need, f;

            if ((sp | carry) != 0) {
                f = BLOCK(p, x, sp, carry, &need);
                if (f < 16) {
                    if (p[f] == '\n' && !((need >> f) & 1u)) {
                        *code = NEWS_OK;
                        return (size_t)(p - s) + f;
                    }
                    break;
                }
                carry = need >> 16;
            }
            p += 16;
        } while (p <= last);
    }
    /* Anything else starts again at the last character boundary: the
     * lead of a sequence the block continues, if any. */
    if (carry != 0)
        do
            p--;
        while (*p < 0xC0u);
    return scan_rest(s, n, (size_t)(p - s), code, at);
#else
    const unsigned char *nl;
    size_t i = scan_bytes(s, n, 0, n, code, at);

    if (*code == NEWS_OK)
        return i;
    nl = (const unsigned char *)news__memchr(s + i, '\n', n - i);
    return nl != NULL ? (size_t)(nl - s) : n;
#endif
}

int news__check_text(const unsigned char *s, size_t n, size_t *at)
{
    int code;
    size_t end = news__scan_line(s, n, &code, at);

    if (code == NEWS_OK && end < n) { /* a line break inside the text */
        *at = end > 0 && s[end - 1] == '\r' ? end - 1 : end;
        code = s[*at] == '\r' ? NEWS_ERR_CR : NEWS_ERR_CTRL;
    }
    return code;
}

int news__is_blank(const char *s, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
        if (!NEWS__IS_BLANK(s[i]))
            return 0;
    return 1;
}
