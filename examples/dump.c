/* dump - print the outline of every article in a .news store.
 *
 * The smallest complete use of the library: the stream reader fed from
 * stdin in 4 KB chunks, articles built one at a time in a fixed 16 KB
 * arena, so memory stays the same whatever the size of the store.
 *
 *   dump < store.news
 */
#include "news.h"

#include <stdio.h>

static void show(const char *label, news_str s)
{
    if (s.ptr != NULL)
        printf("  %-8s %.*s\n", label, (int)s.len, s.ptr);
}

int main(void)
{
    static char arena_mem[16384], line[8192], chunk[4096];
    news_reader r;
    news_article a;
    news_arena arena;
    const news_author *au;
    const news_link *l;
    unsigned long count = 0;
    int rc;

    news_reader_init_stream(&r, line, sizeof line, NULL);
    news_arena_init(&arena, arena_mem, sizeof arena_mem);
    for (;;) {
        rc = news_read_article(&r, &a, &arena, NEWS_COPY);
        if (rc == NEWS_MORE) {
            size_t n = fread(chunk, 1, sizeof chunk, stdin);
            if (n > 0)
                news_reader_feed(&r, chunk, n);
            else
                news_reader_finish(&r);
            continue;
        }
        if (rc != NEWS_OK)
            break;
        printf("article %lu: %.*s\n", ++count, (int)a.title.len, a.title.ptr);
        show("kicker", a.kicker);
        show("date", a.published);
        for (au = a.authors; au != NULL; au = au->next)
            show("author", au->name);
        printf("  %-8s %lu blocks, %lu related\n", "body", (unsigned long)a.n_blocks,
               (unsigned long)a.n_related);
        for (l = a.related; l != NULL; l = l->next)
            show("related", l->title);
        arena.used = 0; /* the next article reuses the arena */
    }
    if (rc == NEWS_END)
        return 0;
    if (rc == NEWS_ERR_NOMEM) {
        fprintf(stderr, "dump: article %lu needs %lu bytes of arena\n", count + 1,
                (unsigned long)arena.used);
    } else {
        const news_error *e = news_reader_error(&r);
        fprintf(stderr, "dump: <stdin>:%lu:%lu: %s\n", e->line, e->column, e->message);
    }
    return 1;
}
