/* freestanding.c - the string helpers the library needs when there is no
 * C library at all (NEWS_FREESTANDING). Without that option this file
 * holds nothing and the C library's memchr, memcpy, memset and memcmp
 * are used instead (see internal.h). */
#include "internal.h"

#ifdef NEWS_FREESTANDING

/* GCC recognises a byte-copy or byte-fill loop and may replace it with a
 * call to memcpy or memset, even with -ffreestanding, and there is no
 * memcpy here. An empty asm that claims to change the destination
 * pointer on every turn hides the pattern at no cost in code. Other
 * compilers get the plain loop. */
#if defined(__GNUC__)
#define NEWS__OPAQUE(p) __asm__("" : "+r"(p))
#else
#define NEWS__OPAQUE(p) ((void)0)
#endif

void *news__memchr(const void *s, int c, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    unsigned char b = (unsigned char)c;

    for (; n > 0; n--, p++)
        if (*p == b)
            return (void *)(uintptr_t)p;
    return NULL;
}

void *news__memcpy(void *dst, const void *src, size_t n)
{
    unsigned char *d = (unsigned char *)dst;
    const unsigned char *s = (const unsigned char *)src;

    for (; n > 0; n--) {
        NEWS__OPAQUE(d);
        *d++ = *s++;
    }
    return dst;
}

void *news__memset(void *dst, int c, size_t n)
{
    unsigned char *d = (unsigned char *)dst;
    unsigned char b = (unsigned char)c;

    for (; n > 0; n--) {
        NEWS__OPAQUE(d);
        *d++ = b;
    }
    return dst;
}

int news__memcmp(const void *a, const void *b, size_t n)
{
    const unsigned char *x = (const unsigned char *)a, *y = (const unsigned char *)b;

    for (; n > 0; n--, x++, y++)
        if (*x != *y)
            return *x < *y ? -1 : 1;
    return 0;
}

#else
typedef int news__freestanding_unused; /* ISO C wants at least one declaration */
#endif
