/* article.c - building articles from reader events in a caller's arena. */
#include "internal.h"

void news_arena_init(news_arena *ar, void *base, size_t cap)
{
    ar->base = (char *)base;
    ar->cap = base == NULL ? 0 : cap;
    ar->used = 0;
}

/* Take n bytes aligned to align (a power of two). Returns NULL when
 * only measuring or when they do not fit; used grows either way, so
 * that it ends as the exact size needed. */
static void *take(news_arena *ar, size_t n, size_t align)
{
    size_t pad = (size_t)(0u - ((uintptr_t)ar->base + ar->used)) & (align - 1), at;

    if (n > NEWS__SIZE_MAX - align || ar->used > NEWS__SIZE_MAX - align - n) {
        ar->used = NEWS__SIZE_MAX; /* cannot be met; stays over any cap */
        return NULL;
    }
    at = ar->used + pad;
    ar->used = at + n;
    if (ar->base == NULL || ar->used > ar->cap)
        return NULL;
    return ar->base + at;
}

#define NODE(ar, type) ((type *)take((ar), sizeof(type), NEWS_ALIGN))

/* Lists are built circular, the list head pointing at the last node,
 * so that appending is O(1) without keeping tail pointers anywhere;
 * CLOSE turns them into NULL-terminated lists from the first node. */
#define APPEND(last, node)                                                                    \
    do {                                                                                      \
        (node)->next = (last) == NULL ? (node) : (last)->next;                                \
        if ((last) != NULL)                                                                   \
            (last)->next = (node);                                                            \
        (last) = (node);                                                                      \
    } while (0)
#define CLOSE(type, last)                                                                     \
    do {                                                                                      \
        if ((last) != NULL) {                                                                 \
            type *first_ = (last)->next;                                                      \
            (last)->next = NULL;                                                              \
            (last) = first_;                                                                  \
        }                                                                                     \
    } while (0)

/* The string to keep for a view: itself, a NUL-terminated copy in the
 * arena, or itself NUL-terminated in place. */
static NEWS__HOT news_str keep(news_arena *ar, news_str v, unsigned flags, int live)
{
    if (flags & NEWS_COPY) {
        char *p = (char *)take(ar, v.len + 1, 1);
        if (p != NULL) {
            news__memcpy(p, v.ptr, v.len);
            p[v.len] = '\0';
            v.ptr = p;
        }
    } else if ((flags & NEWS_INPLACE) && live) {
        ((char *)(uintptr_t)v.ptr)[v.len] = '\0'; /* the caller's input is writable */
    }
    return v;
}

/* Kept out of news_read_article() where stack is scarce (-Os), so that
 * its frame does not add to that of news_reader_next(). */
#ifdef __OPTIMIZE_SIZE__
#define ADD_INLINE NEWS__NOINLINE
#else
#define ADD_INLINE NEWS__HOT
#endif

static ADD_INLINE void add(news_article *a, news_arena *ar, const news_event *ev,
                           unsigned flags)
{
    int live = ar->base != NULL && ar->used <= ar->cap, id = ev->field, type = ev->type;
    news_link *link = live ? a->related : NULL; /* the current link */
    news_str key = ev->key, v = ev->value;
    size_t size = 0, *count = NULL;
    char *node;

    /* Strings first, then the node they go into: the same order in
     * every mode, so that measuring gives the size exactly. */
    if (type == NEWS_EV_BLOCK) {
        size = sizeof(news_block);
        count = &a->n_blocks;
    } else if (type == NEWS_EV_LINK) {
        size = sizeof(news_link);
        count = &a->n_related;
    } else if (id == NEWS_FIELD_EXT) {
        key = keep(ar, key, flags, live);
        size = sizeof(news_field);
        count = type == NEWS_EV_FIELD ? &a->n_ext : link != NULL ? &link->n_ext : NULL;
    } else if (type == NEWS_EV_FIELD && id == NEWS_FIELD_TAG) {
        size = sizeof(news_tag);
        count = &a->n_tags;
    } else if (type == NEWS_EV_FIELD && id == NEWS_FIELD_AUTHOR) {
        size = sizeof(news_author);
        count = &a->n_authors;
    }
    if (type != NEWS_EV_LINK)
        v = keep(ar, v, flags, live);
    if (size == 0) { /* a single-valued field: no node */
        if (type == NEWS_EV_FIELD && id < NEWS_FIELD_SINGLE)
            *NEWS__ARTICLE_STR(a, id) = v; /* measuring too */
        else if (!live || ar->used > ar->cap)
            return;
        else if (type == NEWS_EV_LINK_FIELD)
            *NEWS__LINK_STR(link, id) = v;
        else if (id == NEWS_FIELD_AUTHOR_URL)
            a->authors->url = v;
        else
            a->authors->bio = v;
        return;
    }
    node = (char *)take(ar, size, NEWS_ALIGN);
    if (count != NULL)
        ++*count;
    if (node == NULL) /* measuring, or the arena is full */
        return;
    /* Every member is set: by one call where code size counts, else by
     * stores (a memset of variable size is a call, slow for 24 bytes). */
#ifdef __OPTIMIZE_SIZE__
    news__memset(node, 0, size);
#endif
    if (type == NEWS_EV_BLOCK) {
        news_block *b = (news_block *)(void *)node;
        b->kind = ev->kind;
        b->text = v;
        APPEND(a->body, b);
    } else if (type == NEWS_EV_LINK) {
        news_link *l = (news_link *)(void *)node;
#ifndef __OPTIMIZE_SIZE__
        news__memset(l, 0, sizeof *l);
#endif
        APPEND(a->related, l);
    } else if (id == NEWS_FIELD_EXT) {
        news_field *f = (news_field *)(void *)node;
        f->key = key;
        f->value = v;
        if (type == NEWS_EV_FIELD)
            APPEND(a->ext, f);
        else
            APPEND(link->ext, f);
    } else if (id == NEWS_FIELD_TAG) {
        news_tag *t = (news_tag *)(void *)node;
        t->text = v;
        APPEND(a->tags, t);
    } else {
        news_author *au = (news_author *)(void *)node;
        au->name = v;
#ifndef __OPTIMIZE_SIZE__
        au->url.ptr = au->bio.ptr = NULL;
        au->url.len = au->bio.len = 0;
#endif
        APPEND(a->authors, au);
    }
}

static void close_lists(news_article *a)
{
    news_link *l;

    CLOSE(news_tag, a->tags);
    CLOSE(news_author, a->authors);
    CLOSE(news_block, a->body);
    CLOSE(news_field, a->ext);
    CLOSE(news_link, a->related);
    for (l = a->related; l != NULL; l = l->next)
        CLOSE(news_field, l->ext);
}

int news_read_article(news_reader *r, news_article *a, news_arena *ar, unsigned flags)
{
    news_event ev;
    int rc;

    if (r == NULL || a == NULL || ar == NULL)
        return NEWS_ERR_ARG;
    if (r->flags & NEWS__F_STREAM)
        flags = (flags | NEWS_COPY) & ~(unsigned)NEWS_INPLACE; /* chunks do not last */
    for (;;) {
        rc = news_reader_next(r, &ev);
        if (rc != NEWS_OK)
            return rc;
        if (ev.type == NEWS_EV_ARTICLE) {
            news__memset(a, 0, sizeof *a);
        } else if (ev.type == NEWS_EV_ARTICLE_END) {
            if (ar->base == NULL)
                return NEWS_OK; /* measured: no list was built */
            close_lists(a);
            return ar->used > ar->cap ? NEWS_ERR_NOMEM : NEWS_OK;
        } else {
            add(a, ar, &ev, flags);
        }
    }
}

int news_parse(const char *data, size_t len, news_article *a, news_arena *ar, unsigned flags,
               news_error *error)
{
    news_reader r;
    int rc;

    news_reader_init(&r, data, len, NULL);
    rc = news_read_article(&r, a, ar, flags);
    if (rc == NEWS_ERR_NOMEM || rc == NEWS_ERR_ARG)
        news__set_error(error, rc, 0, 0, 0);
    else if (error != NULL)
        news__memcpy(error, &r.err, sizeof *error);
    return rc;
}
