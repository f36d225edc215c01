/* app.c - parse a story, write it back, compare: the CMake builds of
 * libnews work. Prints the error string of NEWS_ERR_DATE, which is empty
 * when NEWS_NO_ERROR_STRINGS reached the library through the options. */
#include "news.h"

#include <stdio.h>
#include <string.h>

static const char story[] = "%news 1\n"
                            "title: Tide tables: what changes this winter\n"
                            "kicker: Speed Read\n"
                            "\n"
                            "The harbour office published new tables after the storm season.\n";

int main(void)
{
    static char arena[512], out[512];
    news_article a;
    news_arena ar;
    size_t len = 0;

    news_arena_init(&ar, arena, sizeof arena);
    if (news_parse(story, sizeof story - 1, &a, &ar, 0, NULL) != NEWS_OK ||
        news_write_buffer(&a, out, sizeof out, &len, NULL) != NEWS_OK ||
        len != sizeof story - 1 || memcmp(out, story, len) != 0) {
        puts("round trip: FAILED");
        return 1;
    }
    printf("round trip: ok, %lu bytes; strerror: \"%s\"\n", (unsigned long)len,
           news_strerror(NEWS_ERR_DATE));
    return 0;
}
