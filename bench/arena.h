/* arena.h - arena use of a full parse (see arena.c). */
#ifndef NEWS_BENCH_ARENA_H
#define NEWS_BENCH_ARENA_H

#include <stddef.h>

typedef struct arena_stats {
    unsigned long articles;
    unsigned long long input;      /* .news bytes read */
    unsigned long long view, copy; /* sum of ar.used after each article */
    size_t max_view, max_copy;     /* largest single article */
} arena_stats;

/* Read every article of the store text[0..len) twice, in view mode and
 * with NEWS_COPY, into an arena over mem[0..cap) that is reset for each
 * article, and add the arena bytes each article used to *st. Returns
 * 0, or the library's error code. */
int arena_measure(const char *text, size_t len, void *mem, size_t cap, arena_stats *st);

#endif
