/* probe.c - the least a program needs to read articles and write them
 * back. make size links it with --gc-sections and counts the library
 * code it keeps: the reader, the article builder and the writer, with
 * the shared helpers they call. */
#include "news.h"

static int sink(void *user, const char *data, size_t len)
{
    (void)user;
    (void)data;
    (void)len;
    return 0;
}

void _start(void);

void _start(void)
{
    static char arena[1024];
    static const char *volatile input; /* unknown to the optimiser */
    static volatile size_t len;
    news_reader r;
    news_event ev;
    news_article a;
    news_arena ar;

    news_reader_init(&r, input, len, NULL);
    while (news_reader_next(&r, &ev) == NEWS_OK)
        ;
    news_reader_init(&r, input, len, NULL);
    news_arena_init(&ar, arena, sizeof arena);
    while (news_read_article(&r, &a, &ar, 0) == NEWS_OK)
        news_write(&a, sink, NULL, NULL);
    for (;;)
        ;
}
