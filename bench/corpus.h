/* corpus.h - the benchmark corpus (see corpus.c). */
#ifndef NEWS_BENCH_CORPUS_H
#define NEWS_BENCH_CORPUS_H

#include <stddef.h>

typedef struct news_buf {
    char *p;
    size_t len, cap;
} news_buf;

/* Append n bytes (the buffer stays NUL-terminated; exits on no memory). */
void news_buf_add(news_buf *b, const char *s, size_t n);

/* Append a canonical .news store of the given number of articles. The
 * same seed always gives the same bytes (0: the default seed). */
void corpus_store(news_buf *b, unsigned long articles, unsigned long long seed);

/* The same store one article at a time, for a generator that never holds
 * the whole store: corpus_seed(seed), then corpus_article(b, n) for n =
 * 0, 1, 2, ... appends exactly the bytes corpus_store() would. */
void corpus_seed(unsigned long long seed);
void corpus_article(news_buf *b, unsigned long n);

#endif
