/* text.c - validation of text the format can hold (UTF-8, control bytes). */
#include "internal.h"

/* The fast path tests a machine word of bytes at once: a word with no
 * byte >= 0x80 and none < 0x20 is plain printable ASCII, which is most
 * of any news text. Words are 8 bytes where that is native. */
#if UINTPTR_MAX > 0xFFFFFFFFu
typedef uint64_t word_t;
#define ONES ((word_t)0x0101010101010101u)
#else
typedef uint32_t word_t;
#define ONES ((word_t)0x01010101u)
#endif

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
        if ((s[i] & 0xC0u) != 0x80u)
            return 0;
    return len;
}

int news__check_text(const unsigned char *s, size_t n, size_t *at)
{
    size_t i = 0;

    while (i < n) {
        size_t stop;
        while (n - i >= sizeof(word_t)) {
            word_t w;
            news__memcpy(&w, s + i, sizeof w);
            /* high bit set, or byte < 0x20 (borrow trick) */
            if ((w | ((w - ONES * 0x20u) & ~w)) & (ONES * 0x80u))
                break;
            i += sizeof w;
        }
        /* Byte by byte over one word's worth, then back to words. */
        stop = n - i < sizeof(word_t) ? n : i + sizeof(word_t);
        while (i < stop) {
            unsigned c = s[i];
            if (c >= 0x20u && c < 0x80u) {
                i++;
            } else if (c < 0x80u) {
                if (c == '\t') {
                    i++;
                    continue;
                }
                *at = i;
                return c == 0 ? NEWS_ERR_NUL : c == '\r' ? NEWS_ERR_CR : NEWS_ERR_CTRL;
            } else {
                size_t len = news__utf8_len(s + i, n - i);
                if (len == 0) {
                    *at = i;
                    return NEWS_ERR_UTF8;
                }
                if (len == 3 && c == 0xEF && s[i + 1] == 0xBB && s[i + 2] == 0xBF) {
                    *at = i;
                    return NEWS_ERR_BOM;
                }
                i += len;
            }
        }
    }
    return NEWS_OK;
}

int news__is_blank(const char *s, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
        if (!NEWS__IS_BLANK(s[i]))
            return 0;
    return 1;
}

size_t news__key_len(const char *s, size_t n)
{
    size_t i;
    if (n == 0 || !NEWS__IS_LOWER((unsigned char)s[0]))
        return 0;
    for (i = 1; i < n; i++) {
        unsigned c = (unsigned char)s[i];
        if (!NEWS__IS_LOWER(c) && !NEWS__IS_DIGIT(c) && c != '-')
            break;
    }
    return i;
}
