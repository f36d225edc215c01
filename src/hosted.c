/* hosted.c - conveniences for systems with stdio and a heap. */
#include "internal.h"

#if !defined(NEWS_NO_STDIO) && !defined(NEWS_NO_MALLOC)
#include <stdio.h>
#include <stdlib.h>

static void *heap_alloc(void *ctx, size_t n)
{
    (void)ctx;
    return malloc(n);
}

static void heap_free(void *ctx, void *p)
{
    (void)ctx;
    free(p);
}

static const news_allocator heap = {heap_alloc, heap_free, NULL};

void news_free(const news_allocator *al, void *ptr)
{
    if (al == NULL)
        al = &heap;
    if (ptr != NULL)
        al->free(al->ctx, ptr);
}

int news_file_read(const char *path, const news_allocator *al, char **data, size_t *len,
                   news_error *error)
{
    FILE *f;
    char *buf = NULL;
    size_t cap = 0, n = 0;
    int rc = NEWS_OK;

    if (path == NULL || data == NULL || len == NULL) {
        news__set_error(error, NEWS_ERR_ARG, 0, 0, 0);
        return NEWS_ERR_ARG;
    }
    if (al == NULL)
        al = &heap;
    f = path[0] == '-' && path[1] == '\0' ? stdin : fopen(path, "rb");
    if (f == NULL) {
        news__set_error(error, NEWS_ERR_IO, 0, 0, 0);
        return NEWS_ERR_IO;
    }
    for (;;) {
        if (cap - n < 2) { /* room for one more byte and the NUL */
            size_t ncap = cap < 4096 ? 4096 : cap * 2;
            char *nbuf = ncap > cap ? (char *)al->alloc(al->ctx, ncap) : NULL;
            if (nbuf == NULL) {
                rc = NEWS_ERR_NOMEM;
                break;
            }
            if (n > 0)
                memcpy(nbuf, buf, n);
            news_free(al, buf);
            buf = nbuf;
            cap = ncap;
        }
        n += fread(buf + n, 1, cap - n - 1, f);
        if (ferror(f)) {
            rc = NEWS_ERR_IO;
            break;
        }
        if (feof(f))
            break;
    }
    if (f != stdin && fclose(f) != 0 && rc == NEWS_OK)
        rc = NEWS_ERR_IO;
    if (rc != NEWS_OK) {
        news_free(al, buf);
        news__set_error(error, rc, 0, 0, 0);
        return rc;
    }
    buf[n] = '\0';
    *data = buf;
    *len = n;
    return NEWS_OK;
}

int news_read_article_alloc(news_reader *r, news_article *a, news_arena *ar, unsigned flags,
                            const news_allocator *al)
{
    news_reader saved;
    size_t need;
    int rc;

    if (r == NULL || a == NULL || ar == NULL || (r->flags & NEWS__F_STREAM))
        return NEWS_ERR_ARG; /* a stream cannot be read twice */
    if (al == NULL)
        al = &heap;
    saved = *r;
    ar->used = 0;
    if (ar->base != NULL && !(flags & NEWS_INPLACE)) {
        rc = news_read_article(r, a, ar, flags);
        if (rc != NEWS_ERR_NOMEM)
            return rc;
    } else {
        /* Measure first: with NEWS_INPLACE a failed try would already
         * have changed the input. */
        news_arena probe;
        news_arena_init(&probe, NULL, 0);
        rc = news_read_article(r, a, &probe, flags);
        if (rc != NEWS_OK)
            return rc;
        ar->used = probe.used;
    }
    need = ar->used;
    if (ar->base == NULL || need > ar->cap) {
        size_t ncap = ar->cap <= NEWS__SIZE_MAX / 2 && ar->cap * 2 > need ? ar->cap * 2 : need;
        char *nbase = (char *)al->alloc(al->ctx, ncap > 0 ? ncap : 1);
        if (nbase == NULL) {
            *r = saved; /* nothing lost: the caller may try again */
            return NEWS_ERR_NOMEM;
        }
        news_free(al, ar->base);
        news_arena_init(ar, nbase, ncap > 0 ? ncap : 1);
    }
    *r = saved;
    ar->used = 0;
    return news_read_article(r, a, ar, flags);
}
#else
typedef int news__hosted_unused; /* ISO C wants at least one declaration */
#endif
