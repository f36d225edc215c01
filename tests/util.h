/* util.h - helpers shared by the test suites. */
#ifndef NEWS_TEST_UTIL_H
#define NEWS_TEST_UTIL_H

#include "news.h"

#include <check.h>
#include <stddef.h>

/* Check marks every assertion that passes with a write to its message
 * pipe, so that a test that crashes can be placed. The sweeps make
 * millions of assertions: that was most of the suite's time, and four
 * fifths of it under valgrind. Only a failing assertion reports here;
 * a crash is placed by its test's name (and by the sanitizers' stack). */
#ifdef CHECK_MAJOR_VERSION
#undef ck_assert_msg
#define ck_assert_msg(expr, ...)                                                               \
    ((expr) ? (void)0                                                                          \
            : _ck_assert_failed(__FILE__, __LINE__, "Assertion '" #expr "' failed", __VA_ARGS__))
#endif

/* The suites, one per module (tests/main.c runs them all). */
Suite *reader_suite(void);
Suite *article_suite(void);
Suite *writer_suite(void);
Suite *json_suite(void);
Suite *time_suite(void);
Suite *vectors_suite(void);
Suite *hosted_suite(void);
Suite *property_suite(void);
Suite *import_suite(void);
Suite *layout_suite(void);
Suite *bad_suite(void);

/* Chunk sizes every reader test is repeated at; 0 means the whole
 * buffer in buffer mode. */
extern const size_t util_chunks[];
extern const size_t util_nchunks;

/* A growable byte buffer (malloc; the tests may use the heap). */
typedef struct util_buf {
    char *p;
    size_t len, cap;
} util_buf;
void util_buf_add(util_buf *b, const char *s, size_t n);
void util_buf_printf(util_buf *b, const char *fmt, ...);
void util_buf_free(util_buf *b);
/* A news_sink that appends to a util_buf. */
int util_sink(void *user, const char *data, size_t len);

/* Read a whole file (relative to the project root); aborts the test if
 * it cannot. The result is NUL-terminated; free() it. */
char *util_read_file(const char *path, size_t *len);

/* Run the reader over data[0..len) fed in chunks of chunk bytes (0: one
 * buffer-mode reader) and render every event as a line, then the final
 * status ("END", or "ERROR code line column offset"). Comparing traces
 * shows that chunking changes nothing. The line buffer has linecap
 * bytes (0: len + 2). Returns the final status code. */
int util_trace(const char *data, size_t len, size_t chunk, size_t linecap,
               const news_limits *lim, util_buf *out);

/* Parse every article of data with the builder in the given mode
 * (chunk as above; stream mode always copies) and render each article
 * canonically with news_write into out. Returns the final status. */
int util_rewrite(const char *data, size_t len, size_t chunk, unsigned flags, util_buf *out);

/* Deep comparison of two articles (strings by content; absent differs
 * from empty). */
int util_article_equal(const news_article *a, const news_article *b);

/* A strict JSON validator (RFC 8259, UTF-8 checked). 1 if valid. */
int util_json_valid(const char *s, size_t n);

/* Error-code names as used in tests/vectors ("NEWS_ERR_DUPLICATE"). */
const char *util_code_name(int code);
int util_code_value(const char *name);

#endif
