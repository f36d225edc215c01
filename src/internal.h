/* internal.h - what the library's source files share and users never see. */
#ifndef NEWS_INTERNAL_H
#define NEWS_INTERNAL_H

#include "news.h"

#include <limits.h>
#include <stdint.h>

/* String helpers: the C library's, or small built-in ones when there is
 * no C library (NEWS_FREESTANDING). */
#ifdef NEWS_FREESTANDING
void *news__memchr(const void *s, int c, size_t n);
void *news__memcpy(void *dst, const void *src, size_t n);
void *news__memset(void *dst, int c, size_t n);
int news__memcmp(const void *a, const void *b, size_t n);
#else
#include <string.h>
#define news__memchr memchr
#define news__memcpy memcpy
#define news__memset memset
#define news__memcmp memcmp
#endif

#ifdef NEWS_NO_ERROR_STRINGS
#define NEWS__MSG(s) ""
#else
#define NEWS__MSG(s) s
#endif

#define NEWS__SIZE_MAX ((size_t)-1)

/* Keeps a helper out of its caller, so that the caller's stack frame
 * does not grow by the helper's locals on the deepest call path. */
#if defined(__GNUC__)
#define NEWS__NOINLINE __attribute__((noinline))
#else
#define NEWS__NOINLINE
#endif

/* news_reader.flags */
#define NEWS__F_STREAM 1u
#define NEWS__F_FINISHED 2u

/* Byte classes on unsigned char only (ctype is locale-bound and
 * undefined for negative char values). */
#define NEWS__IS_LOWER(c) ((unsigned)(c) - 'a' < 26u)
#define NEWS__IS_DIGIT(c) ((unsigned)(c) - '0' < 10u)
#define NEWS__IS_ALPHA(c) (((unsigned)(c) | 0x20u) - 'a' < 26u)
#define NEWS__IS_BLANK(c) ((c) == ' ' || (c) == '\t')

/* Scan s[0..n) up to its first LF, checking the text on the way (the
 * rules of news__check_text; a CR right before the LF is accepted).
 * Returns the index of the LF, or n if there is none. *code is NEWS_OK,
 * or the error of the first bad byte, at index *at. */
size_t news__scan_line(const unsigned char *s, size_t n, int *code, size_t *at);

/* Check that s[0..n) is text the format can hold: valid UTF-8 without
 * NUL, control characters other than TAB, or U+FEFF. Returns NEWS_OK or
 * the error code, with *at set to the offset of the offending byte. */
int news__check_text(const unsigned char *s, size_t n, size_t *at);

/* Length of the multi-byte UTF-8 sequence at s[0..n) (s[0] >= 0x80),
 * or 0 if it is not valid (overlong, surrogate, above U+10FFFF,
 * truncated, or a stray continuation byte). */
size_t news__utf8_len(const unsigned char *s, size_t n);

/* 1 if s[0..n) holds only spaces and tabs (or nothing). */
int news__is_blank(const char *s, size_t n);

/* The key at the start of s[0..n): its length (0 if there is none) and,
 * in *id, its NEWS_FIELD_* / NEWS_LINK_* id or NEWS_FIELD_EXT. */
size_t news__key(const char *s, size_t n, int link, int *id);

/* news_field_key() returns keys from one table that keeps each key's
 * length in the byte before it; the writer relies on that. */

/* Look a key up: the NEWS_FIELD_* / NEWS_LINK_* id, or NEWS_FIELD_EXT. */
int news__field_id(const char *key, size_t len, int link);

/* Offsets of the single-valued news_str members of news_article and
 * news_link, by NEWS_FIELD_* / NEWS_LINK_* id. */
extern const unsigned char news__article_slot[NEWS_FIELD_SINGLE];
extern const unsigned char news__link_slot[NEWS_LINK_COUNT];
#define NEWS__ARTICLE_STR(a, id) ((news_str *)(void *)((char *)(a) + news__article_slot[id]))
#define NEWS__LINK_STR(l, id) ((news_str *)(void *)((char *)(l) + news__link_slot[id]))
#define NEWS__ARTICLE_CSTR(a, id)                                                              \
    ((const news_str *)(const void *)((const char *)(a) + news__article_slot[id]))
#define NEWS__LINK_CSTR(l, id)                                                                 \
    ((const news_str *)(const void *)((const char *)(l) + news__link_slot[id]))

/* Validate a language tag value; NEWS_OK or NEWS_ERR_LANGUAGE. */
int news__check_language(news_str s);

/* The checks of a field's value beyond its text (non-empty, date,
 * language) that the reader and the writer share. NEWS_OK or a code. */
int news__check_field(int field, int link, news_str v);

/* Set *err (when not NULL). */
void news__set_error(news_error *err, int code, unsigned long line, unsigned long column,
                     unsigned long offset);

#endif
