/* reader.h - what the reader (reader.c) shares with the article
 * builder's own line loop (article.c): the states, the bits of
 * news_reader.seen, the line rules, and the look-ahead windows. */
#ifndef NEWS_READER_H
#define NEWS_READER_H

#include "internal.h"

/* The states in which lines are read come first, so that one compare
 * tells them from the others. */
enum { S_START, S_HEADER, S_BODY, S_LINKS, S_PENDING, S_DONE, S_ERROR };

/* Bits of r->seen: header fields use their NEWS_FIELD_* number (tag
 * and author, which repeat, never set theirs), link fields sit above
 * them. */
#define SEEN(id) (1ul << (id))
#define SEEN_AUTHOR_URL SEEN(NEWS_FIELD_AUTHOR_URL)
#define SEEN_AUTHOR_BIO SEEN(NEWS_FIELD_AUTHOR_BIO)
#define SEEN_LINK(id) (1ul << (16 + (id)))
#define SEEN_LINKS (0xFul << 16)

/* Header fields whose value has a rule of its own (news__check_field):
 * not empty, or a syntax. */
#define CHECKED                                                                                \
    ((1u << NEWS_FIELD_TITLE) | (1u << NEWS_FIELD_TAG) | (1u << NEWS_FIELD_AUTHOR) |          \
     (1u << NEWS_FIELD_LANGUAGE) | (1u << NEWS_FIELD_PUBLISHED) | (1u << NEWS_FIELD_MODIFIED))

/* Shortcuts that cost code (speed builds only; under -Os every line
 * takes the full path): the lines that can only be a field or a
 * paragraph, given the state and first byte c; the fields whose value
 * has a rule; a blank line (empty, or only spaces and tabs) told
 * without a call from most others. */
#ifndef __OPTIMIZE_SIZE__
#define COMMON(state, c)                                                                       \
    ((state) == S_BODY ? (c) > '>' && (c) != '\\' : NEWS__IS_LOWER(c) && (state) != S_START)
#define HAS_RULE(id, link)                                                                     \
    ((id) >= 0 && ((link) ? (id) == NEWS_LINK_TITLE : (CHECKED >> (id)) & 1u))
#define BLANK(s, n, c) ((n) == 0 || (NEWS__IS_BLANK(c) && news__is_blank(s, n)))
#else
#define COMMON(state, c) 0
#define HAS_RULE(id, link) 1
#define BLANK(s, n, c) news__is_blank(s, n)
#endif

/* A pointer as a number, for offsets (news_reader.org). */
#define OFF(p) ((unsigned long)(uintptr_t)(p))

/* news_reader.carry before the first window is made. */
#define NO_WINDOW 0xFFu

#ifdef NEWS__WINDOW
/* A line the window vouches for has been taken: p[0..) of the buffer,
 * the next line at next. The caller checks its length. */
static NEWS__ALWAYS_INLINE void line_taken(news_reader *r, const char *p, const char *next)
{
    r->p = next;
    r->line++;
    r->skip = 0;
    r->line_off = r->org + OFF(p);
}

/* The line at p as the window sees it (buffer mode): where the next
 * line begins (past the LF, or the end of the input), with *ln the
 * line's length, when the masks vouch for it; NULL when it needs a new window or the byte path. Windows
 * move on under a line that runs past one. Nothing else of *r changes,
 * so a caller may leave the line to news_reader_next(). */
static NEWS__ALWAYS_INLINE const char *window_peek(news_reader *r, const char *p, size_t *ln)
{
    const char *at = r->u.w.at;
    size_t off = (size_t)(p - at), m, b;

    if (off >= NEWS__W)
        return NULL;
    for (;;) {
        m = r->u.w.ctrl >> off;
        b = r->u.w.bad >> off;
        if (m != 0) { /* the first control byte: the end of the line if an LF */
            size_t n = (size_t)(at - p) + off + NEWS__CTZ(m);
            if ((b & (m ^ (m - 1))) != 0 || p[n] != '\n')
                return NULL;
            *ln = n;
            return p + n + 1;
        }
        if (b != 0)
            return NULL;
        if ((size_t)(r->end - at) >= 2 * NEWS__W) { /* a whole window next: one compare */
            at += NEWS__W;
            r->u.w.at = at;
            r->carry = (unsigned char)news__window_full((const unsigned char *)at, r->carry,
                                                        &r->u.w.ctrl, &r->u.w.bad);
            off = 0;
            continue;
        }
        if ((size_t)(r->end - at) <= NEWS__W) { /* the last line, without LF */
            if (p == r->end || ((size_t)(r->end - at) == NEWS__W && r->carry != 0))
                return NULL; /* no line, or a sequence cut short */
            *ln = (size_t)(r->end - p);
            return r->end;
        }
        at += NEWS__W;
        r->u.w.at = at;
        r->carry = (unsigned char)news__window((const unsigned char *)at, (size_t)(r->end - at),
                                               r->carry, &r->u.w.ctrl, &r->u.w.bad);
        off = 0;
    }
}

/* A new window where the line at p begins, when p is past the window
 * (or there is none yet) and not at the end: 1 if one was made. After
 * a line the byte path read, the window still holds for the bytes past
 * it, as a valid line ends with no sequence open. */
static NEWS__ALWAYS_INLINE int window_renew(news_reader *r, const char *p)
{
    if (p != r->end &&
        (r->carry == NO_WINDOW || (p >= r->u.w.at && (size_t)(p - r->u.w.at) >= NEWS__W))) {
        r->u.w.at = p;
        r->carry = (unsigned char)news__window((const unsigned char *)p, (size_t)(r->end - p), 0,
                                               &r->u.w.ctrl, &r->u.w.bad);
        return 1;
    }
    return 0;
}
#endif

#endif
