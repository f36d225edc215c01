/* arena32 - arena use of a full parse on the machine it runs on, built
 * for a 32-bit target (make bench-arena32: ARMv7-A, newlib, run by
 * qemu-arm). It generates the benchmark corpus one article at a time,
 * so it needs little memory, and prints one line that build/bench reads
 * back with --arena32:
 *
 *   arena32 bits=32 articles=N input=B view=V copy=C max_view=X max_copy=Y
 *
 * Usage: arena32 [ARTICLES]  (default 11000, the benchmark's default) */
#include "arena.h"
#include "corpus.h"

#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
    static union {
        void *p;
        size_t z;
        double d;
        char mem[1 << 16];
    } arena;
    news_buf b = {NULL, 0, 0};
    arena_stats st = {0, 0, 0, 0, 0, 0};
    unsigned long n, articles = argc > 1 ? strtoul(argv[1], NULL, 10) : 11000ul;
    int rc;

    corpus_seed(0);
    for (n = 0; n < articles; n++) {
        b.len = 0;
        corpus_article(&b, n);
        rc = arena_measure(b.p, b.len, arena.mem, sizeof arena.mem, &st);
        if (rc != 0) {
            fprintf(stderr, "arena32: article %lu: error %d\n", n, rc);
            return 1;
        }
    }
    printf("arena32 bits=%u articles=%lu input=%llu view=%llu copy=%llu max_view=%lu "
           "max_copy=%lu\n",
           (unsigned)(sizeof(void *) * 8), st.articles, st.input, st.view, st.copy,
           (unsigned long)st.max_view, (unsigned long)st.max_copy);
    free(b.p);
    return 0;
}
