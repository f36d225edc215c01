/* api.c - a program that keeps every public function of the library.
 * Linked with -nostdlib against a NEWS_FREESTANDING build it is the
 * freestanding link check: no symbol may be left undefined. The stack
 * analysis (tools/stack.py) reads its disassembly. api.h is made from
 * the library's symbol table and lists NEWS_API_FN(name) per function. */
#include "news.h"

typedef void (*api_fn)(void);

#define NEWS_API_FN(name) (api_fn)name,
const api_fn news_api_table[] = {
#include "api.h"
    (api_fn)0
};

void _start(void);

void _start(void)
{
    const api_fn *volatile p = news_api_table;
    (void)p;
    for (;;)
        ;
}
