/* fuzz_util.h - what the fuzz targets share: reading parameters from
 * the input, exact-size copies, an output buffer, and checks written
 * apart from the library (article equality, a strict JSON validator, a
 * UTF-8 and text checker), so that a target never judges the library
 * by the library's own code.
 *
 * Every target defines LLVMFuzzerTestOneInput(). Built with
 * -fsanitize=fuzzer it is a libFuzzer target; built with replay.c it
 * is a plain program that runs the files it is given (for gcc,
 * valgrind and the regression inputs). A failed check prints where and
 * why, then aborts, which both drivers report as a crash. */
#ifndef NEWS_FUZZ_UTIL_H
#define NEWS_FUZZ_UTIL_H

#include "news.h"

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Abort with a message when cond is false. */
#define FZ_CHECK(cond) ((cond) ? (void)0 : fz_fail(__FILE__, __LINE__, #cond))
void fz_fail(const char *file, int line, const char *what);

/* Parameters at the start of the input: each call takes one byte, 0
 * once the input is used up. The rest is the document. */
typedef struct fz_in {
    const uint8_t *p;
    size_t n;
} fz_in;
unsigned fz_byte(fz_in *in);
unsigned fz_u16(fz_in *in);

/* A copy of p[0..n) in a heap block of exactly n + spare bytes (the
 * spare bytes zeroed), so that ASan and valgrind see any read past the
 * end. Never NULL. free() it. */
char *fz_copy(const void *p, size_t n, size_t spare);

/* A growable output buffer and a news_sink that appends to it. With
 * fail_at > 0 the sink returns fail_rc on its fail_at-th call instead
 * of taking the data. */
typedef struct fz_buf {
    char *p;
    size_t len, cap;
    unsigned long calls, fail_at;
    int fail_rc;
} fz_buf;
void fz_buf_add(fz_buf *b, const void *s, size_t n);
void fz_buf_free(fz_buf *b);
int fz_sink(void *user, const char *data, size_t len);

/* Deep equality of two articles: strings by content, absent differs
 * from empty, lists by order and length, counts included. */
int fz_str_equal(news_str a, news_str b);
int fz_article_equal(const news_article *a, const news_article *b);

/* text[0..n) (any buffer; it is copied to a block of exactly n bytes)
 * reads back, under limits (NULL: the defaults), as one article equal
 * to *a and nothing more. */
void fz_check_reads_back(const news_article *a, const char *text, size_t n,
                         const news_limits *limits);

/* 1 if every count of the article (n_tags, ..., a link's n_ext) is
 * the length of its list. */
int fz_counts_ok(const news_article *a);

/* Length of the valid UTF-8 sequence at s[0..n) (RFC 3629: no
 * overlong form, surrogate or value above U+10FFFF), 1 for ASCII, 0 if
 * none starts there. */
size_t fz_utf8_len(const unsigned char *s, size_t n);

/* 1 if s[0..n) is text a .news value may hold: valid UTF-8, no C0
 * control other than TAB (so no NUL, CR or LF), no U+FEFF. */
int fz_text_ok(const char *s, size_t n);

/* A strict JSON validator (RFC 8259: one value, UTF-8 checked, no
 * leading zeros, escapes checked, depth at most 64). With unique_names,
 * an object that names a member twice is refused too. 1 if valid. */
int fz_json_valid(const char *s, size_t n, int unique_names);

/* A pool of heap blocks freed together (for articles built by hand). */
typedef struct fz_pool {
    void **blocks;
    size_t n, cap;
} fz_pool;
void *fz_pool_alloc(fz_pool *pool, size_t size); /* zeroed; never NULL */
void fz_pool_free(fz_pool *pool);

/* The article a reader's events describe, built here without the
 * library's builder: reads from r up to the end of the next article.
 * Returns what news_read_article would return in buffer mode without
 * flags (NEWS_OK, NEWS_END or the reader's error); strings are views
 * into the reader's input; nodes come from pool. */
int fz_reference_article(news_reader *r, news_article *a, fz_pool *pool);

/* Call fn(user, s) for every present string of an article (fields,
 * keys, tags, authors, blocks, links), in writing order. */
void fz_each_str(const news_article *a, void (*fn)(void *user, news_str s), void *user);

#endif
