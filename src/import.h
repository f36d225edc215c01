/* import.h - what the importer's two files share: import_rules.c tells
 * what one line looks like, import.c walks the text, tries the rules in
 * order and builds the article. Private to them. */
#ifndef NEWS_IMPORT_H
#define NEWS_IMPORT_H

#include "internal.h"

#define NEWS__IMP_SHORT 200u /* longest line the phrase rules look at: prompts are short */
#define NEWS__IMP_LONG 400u  /* longest line that can open the related list */

/* Built-in phrase lists, packed as "one\0two\0\0"; '^' anchors a phrase. */
extern const char news__imp_prompts[]; /* calls to subscribe: may have a blurb */
extern const char news__imp_phrases[];
extern const char news__imp_credits[];

/* Views (inline: they are everywhere, and tiny). */
static inline news_str news__imp_sub(news_str t, size_t from, size_t to)
{
    t.ptr += from;
    t.len = to - from;
    return t;
}

/* Most rules take a line as s[0..len) rather than as a news_str: GCC
 * keeps a news_str argument in the callee's frame, and copies it there
 * again for calls made with it. */

/* From i on: the first index that is not a blank (skip), or that is a
 * blank, the end of a word (end); len if there is none. */
size_t news__imp_skip(const char *s, size_t len, size_t i);
size_t news__imp_end(const char *s, size_t len, size_t i);

size_t news__imp_slen(const char *s);

/* a and b equal in any ASCII case: 1; with typo, 2 when one edit apart. */
int news__imp_near(const char *a, size_t an, const char *b, size_t bn, int typo);

/* A phrase of the packed list, or of the caller's NULL-terminated one,
 * occurs in s (at the start of a word; '^': of the line). */
int news__imp_listed(const char *s, size_t len, const char *packed, const char *const *user);

int news__imp_wordless(const char *s, size_t len); /* no letter or digit */
int news__imp_social(const char *s, size_t len);   /* a follow or share line */
int news__imp_sentence(const char *s, size_t len); /* ends with a full stop */

/* A byline: the number of names (-1: none); name number want to out[0],
 * the date part to out[1] (ptr NULL if none). With want NEWS__IMP_FIND:
 * the number from 1 of the last name that is out[0], or 0. */
#define NEWS__IMP_FIND (-2)
int news__imp_byline(news_str t, int want, news_str *out);

/* A bio: the length of the name that opens it, 0 if t is none. */
size_t news__imp_bio(news_str t);

/* s[i] is a blank, then a word not in lower case. */
int news__imp_opens(const char *s, size_t len, size_t i);

/* A kicker of the dictionary (the caller's, or the built-in one if
 * user is NULL) at the start of s, or with at, one run into the title
 * before it (its offset to *at; not with NEWS_IMPORT_NO_GLUED): twice
 * its length, plus 1 if it took one typo; 0 if none. flags:
 * NEWS_IMPORT_NO_KICKERS, NEWS_IMPORT_NO_TYPOS, NEWS_IMPORT_NO_GLUED. */
size_t news__imp_kicker(const char *s, size_t len, size_t *at, const char *const *user,
                        unsigned flags);

#endif
