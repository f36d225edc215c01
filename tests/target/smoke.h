/* smoke.h - the parse-write-parse smoke test run on every target.
 *
 * smoke_run() exercises the reader, the builder (buffer and stream
 * modes), the writer, JSON export, dates and word wrapping with static
 * memory only, and reports through out(): one line per call, without
 * the line feed. The transcript is the same on every target, so one
 * file (smoke.expected) checks them all; lines starting with '#' are
 * facts about the target (type sizes, memory) and are not compared.
 * Returns 0 when every step gave what it should.
 *
 * It needs nothing from a C library: it builds with NEWS_FREESTANDING
 * and -nostdlib. */
#ifndef NEWS_SMOKE_H
#define NEWS_SMOKE_H

#include <stddef.h>

typedef void (*smoke_out)(const char *line, size_t len);

int smoke_run(smoke_out out);

#endif
