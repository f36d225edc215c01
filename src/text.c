/* text.c - finding line ends and validating text (UTF-8, control bytes). */
#include "internal.h"

/* Most news text is printable ASCII with a multi-byte character every
 * few dozen bytes, so the scanner works a block at a time: 16 bytes with
 * SSE2 where the compiler targets it (unless NEWS_NO_SIMD), where whole
 * blocks of ASCII and of common two- and three-byte sequences pass
 * without a branch per character; elsewhere a machine word of ASCII at
 * a time. Anything unusual (control bytes, rare lead bytes, errors) is
 * left to the byte-by-byte path, which is the reference. */
#if defined(__SSE2__) && !defined(NEWS_NO_SIMD)
#include <emmintrin.h>
#define NEWS__SSE2 1
#endif

#if UINTPTR_MAX > 0xFFFFFFFFu
typedef uint64_t word_t;
#define ONES ((word_t)0x0101010101010101u)
#else
typedef uint32_t word_t;
#define ONES ((word_t)0x01010101u)
#endif

#define CONT(b) (((b) & 0xC0u) == 0x80u)

size_t news__utf8_len(const unsigned char *s, size_t n)
{
    unsigned c = s[0];
    unsigned lo = 0x80, hi = 0xBF; /* allowed range of the second byte */
    size_t len, i;

    if (c < 0xC2)
        return 0; /* continuation byte, or overlong 2-byte lead */
    if (c < 0xE0) {
        len = 2;
    } else if (c < 0xF0) {
        len = 3;
        if (c == 0xE0)
            lo = 0xA0; /* overlong */
        else if (c == 0xED)
            hi = 0x9F; /* surrogates */
    } else if (c < 0xF5) {
        len = 4;
        if (c == 0xF0)
            lo = 0x90; /* overlong */
        else if (c == 0xF4)
            hi = 0x8F; /* above U+10FFFF */
    } else {
        return 0;
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
#ifndef NEWS__SSE2
        if (c >= 0x20u && c < 0x80u) {
            while (n - i >= sizeof(word_t)) {
                word_t w;
                news__memcpy(&w, s + i, sizeof w);
                /* any byte >= 0x80, or < 0x20 (the borrow of w - 0x20) */
                if ((w | ((w - ONES * 0x20u) & ~w)) & (ONES * 0x80u))
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
/* Scan 16-byte blocks from 0 as far as they hold only printable ASCII
 * and the common multi-byte sequences (led by C2-DF, E1-EC or EE: none
 * needs a check beyond its continuation bytes). The bytes outside
 * printable ASCII of a block are visited through its bit mask, without
 * reloading the block. Returns the index of an LF (*lf set), or where
 * the byte path must take over: an unusual byte, or fewer than 16 bytes
 * left. */
static size_t scan_blocks(const unsigned char *s, size_t n, int *lf)
{
    const __m128i space = _mm_set1_epi8(0x20);
    size_t i = 0;

    *lf = 0;
    while (n - i >= 34) { /* 32 bytes, and the 2 a sequence may run over */
        /* signed compares: bytes >= 0x80 are negative, so below 0x20 too */
        const __m128i *p = (const __m128i *)(const void *)(s + i);
        unsigned long m =
            (unsigned long)(unsigned)_mm_movemask_epi8(_mm_cmplt_epi8(_mm_loadu_si128(p), space)) |
            (unsigned long)(unsigned)_mm_movemask_epi8(
                _mm_cmplt_epi8(_mm_loadu_si128(p + 1), space))
                << 16;
        size_t next = i + 32;
        while (m != 0) {
            size_t j = i + (size_t)__builtin_ctzl(m), k;
            unsigned c = s[j];
            if (c - 0xC2u < 0x1Eu && CONT(s[j + 1])) {
                k = j + 2;
            } else if (c - 0xE1u < 0x0Eu && c != 0xEDu && CONT(s[j + 1]) && CONT(s[j + 2])) {
                k = j + 3;
            } else {
                *lf = c == '\n';
                return j;
            }
            if (k - i >= 32) { /* the sequence ends in the next block */
                next = k;
                break;
            }
            m &= ~0ul << (k - i);
        }
        i = next;
    }
    return i;
}
#endif

size_t news__scan_line(const unsigned char *s, size_t n, int *code, size_t *at)
{
    size_t i = 0;
    const unsigned char *nl;

    for (;;) {
#ifdef NEWS__SSE2
        int lf;
        i += scan_blocks(s + i, n - i, &lf);
        if (lf) {
            *code = NEWS_OK;
            return i;
        }
        /* One unusual character byte by byte (then blocks again), or the
         * tail shorter than a block. */
        i = scan_bytes(s, n, i, n - i < 34 ? n : i + 1, code, at);
#else
        i = scan_bytes(s, n, i, n, code, at);
#endif
        if (*code != NEWS_OK)
            break;
        if (i == n || s[i] == '\n')
            return i;
    }
    nl = (const unsigned char *)news__memchr(s + i, '\n', n - i);
    return nl != NULL ? (size_t)(nl - s) : n;
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
