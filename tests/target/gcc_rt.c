/* gcc_rt.c - memcpy, memmove, memset and memcmp for the smoke tests
 * linked with -nostdlib. GCC may call these four for struct copies and
 * initialisers even in freestanding code, and expects every freestanding
 * environment to supply them, as a firmware's runtime does. The library
 * itself must not need them: the -nostdlib link of api.c (make cross)
 * checks that without this file. */
#include <stddef.h>

void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);

/* Hides the loops from GCC, which would otherwise make them calls to
 * the very functions defined here. */
#define OPAQUE(p) __asm__("" : "+r"(p))

void *memcpy(void *dst, const void *src, size_t n)
{
    return memmove(dst, src, n);
}

void *memmove(void *dst, const void *src, size_t n)
{
    unsigned char *d = dst;
    const unsigned char *s = src;

    if (d < s) {
        for (; n > 0; n--) {
            OPAQUE(d);
            *d++ = *s++;
        }
    } else {
        for (d += n, s += n; n > 0; n--) {
            OPAQUE(d);
            *--d = *--s;
        }
    }
    return dst;
}

void *memset(void *dst, int c, size_t n)
{
    unsigned char *d = dst;

    for (; n > 0; n--) {
        OPAQUE(d);
        *d++ = (unsigned char)c;
    }
    return dst;
}

int memcmp(const void *a, const void *b, size_t n)
{
    const unsigned char *x = a, *y = b;

    for (; n > 0; n--, x++, y++)
        if (*x != *y)
            return *x < *y ? -1 : 1;
    return 0;
}
