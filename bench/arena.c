/* arena.c - how many bytes of arena a full parse takes: the sum, over
 * the articles of a store, of ar.used after news_read_article() with
 * the arena reset for each article. Plain C99 over the public API, so
 * that it runs on the host and, unchanged, on a 32-bit target. */
#include "arena.h"

#include "news.h"

static int pass(const char *text, size_t len, void *mem, size_t cap, unsigned flags,
                unsigned long long *sum, size_t *max, unsigned long *articles)
{
    news_reader r;
    news_article a;
    news_arena ar;
    int rc;

    news_reader_init(&r, text, len, NULL);
    news_arena_init(&ar, mem, cap);
    while ((rc = news_read_article(&r, &a, &ar, flags)) == NEWS_OK) {
        *sum += ar.used;
        if (ar.used > *max)
            *max = ar.used;
        if (articles != NULL)
            ++*articles;
        ar.used = 0;
    }
    return rc == NEWS_END ? 0 : rc;
}

int arena_measure(const char *text, size_t len, void *mem, size_t cap, arena_stats *st)
{
    int rc = pass(text, len, mem, cap, 0, &st->view, &st->max_view, &st->articles);

    if (rc == 0)
        rc = pass(text, len, mem, cap, NEWS_COPY, &st->copy, &st->max_copy, NULL);
    if (rc == 0)
        st->input += len;
    return rc;
}
