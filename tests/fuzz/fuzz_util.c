/* fuzz_util.c - helpers of the fuzz targets (see fuzz_util.h). */
#include "fuzz_util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void fz_fail(const char *file, int line, const char *what)
{
    fprintf(stderr, "%s:%d: check failed: %s\n", file, line, what);
    fflush(stderr);
    abort();
}

unsigned fz_byte(fz_in *in)
{
    if (in->n == 0)
        return 0;
    in->n--;
    return *in->p++;
}

unsigned fz_u16(fz_in *in)
{
    unsigned hi = fz_byte(in);
    return hi << 8 | fz_byte(in);
}

char *fz_copy(const void *p, size_t n, size_t spare)
{
    char *c = (char *)malloc(n + spare);

    if (c == NULL && n + spare == 0)
        c = (char *)malloc(1); /* a C library whose malloc(0) is NULL */
    FZ_CHECK(c != NULL);
    if (n > 0)
        memcpy(c, p, n);
    if (spare > 0)
        memset(c + n, 0, spare);
    return c;
}

void fz_buf_add(fz_buf *b, const void *s, size_t n)
{
    if (n > b->cap - b->len) {
        size_t cap = b->cap ? b->cap : 256;
        while (cap - b->len < n)
            cap *= 2;
        b->p = (char *)realloc(b->p, cap);
        FZ_CHECK(b->p != NULL);
        b->cap = cap;
    }
    if (n > 0)
        memcpy(b->p + b->len, s, n);
    b->len += n;
}

void fz_buf_free(fz_buf *b)
{
    free(b->p);
    memset(b, 0, sizeof *b);
}

int fz_sink(void *user, const char *data, size_t len)
{
    fz_buf *b = (fz_buf *)user;

    FZ_CHECK(data != NULL || len == 0);
    if (b->fail_at > 0 && ++b->calls == b->fail_at)
        return b->fail_rc;
    fz_buf_add(b, data, len);
    return 0;
}

/* --- articles ------------------------------------------------------- */

int fz_str_equal(news_str a, news_str b)
{
    if (a.ptr == NULL || b.ptr == NULL)
        return a.ptr == b.ptr;
    return a.len == b.len && (a.len == 0 || memcmp(a.ptr, b.ptr, a.len) == 0);
}

static int fields_equal(const news_field *a, const news_field *b)
{
    for (; a != NULL && b != NULL; a = a->next, b = b->next)
        if (!fz_str_equal(a->key, b->key) || !fz_str_equal(a->value, b->value))
            return 0;
    return a == NULL && b == NULL;
}

static size_t count_fields(const news_field *f)
{
    size_t n = 0;
    for (; f != NULL; f = f->next)
        n++;
    return n;
}

int fz_article_equal(const news_article *a, const news_article *b)
{
    const news_tag *ta = a->tags, *tb = b->tags;
    const news_author *aa = a->authors, *ab = b->authors;
    const news_block *ba = a->body, *bb = b->body;
    const news_link *la = a->related, *lb = b->related;

    if (!fz_str_equal(a->title, b->title) || !fz_str_equal(a->dek, b->dek) ||
        !fz_str_equal(a->kicker, b->kicker) || !fz_str_equal(a->summary, b->summary) ||
        !fz_str_equal(a->source, b->source) || !fz_str_equal(a->url, b->url) ||
        !fz_str_equal(a->id, b->id) || !fz_str_equal(a->language, b->language) ||
        !fz_str_equal(a->published, b->published) ||
        !fz_str_equal(a->modified, b->modified) || !fz_str_equal(a->image, b->image) ||
        !fz_str_equal(a->image_caption, b->image_caption))
        return 0;
    if (a->n_tags != b->n_tags || a->n_authors != b->n_authors ||
        a->n_blocks != b->n_blocks || a->n_related != b->n_related || a->n_ext != b->n_ext)
        return 0;
    for (; ta != NULL && tb != NULL; ta = ta->next, tb = tb->next)
        if (!fz_str_equal(ta->text, tb->text))
            return 0;
    for (; aa != NULL && ab != NULL; aa = aa->next, ab = ab->next)
        if (!fz_str_equal(aa->name, ab->name) || !fz_str_equal(aa->url, ab->url) ||
            !fz_str_equal(aa->bio, ab->bio))
            return 0;
    for (; ba != NULL && bb != NULL; ba = ba->next, bb = bb->next)
        if (ba->kind != bb->kind || !fz_str_equal(ba->text, bb->text))
            return 0;
    for (; la != NULL && lb != NULL; la = la->next, lb = lb->next)
        if (!fz_str_equal(la->title, lb->title) || !fz_str_equal(la->kicker, lb->kicker) ||
            !fz_str_equal(la->summary, lb->summary) || !fz_str_equal(la->url, lb->url) ||
            la->n_ext != lb->n_ext || !fields_equal(la->ext, lb->ext))
            return 0;
    if (ta != NULL || tb != NULL || aa != NULL || ab != NULL || ba != NULL || bb != NULL ||
        la != NULL || lb != NULL)
        return 0;
    return fields_equal(a->ext, b->ext);
}

void fz_check_reads_back(const news_article *a, const char *text, size_t n,
                         const news_limits *limits)
{
    news_reader r;
    news_article b;
    news_arena ar = {NULL, 0, 0};
    char *copy = fz_copy(text, n, 0);

    news_reader_init(&r, copy, n, limits);
    FZ_CHECK(news_read_article_alloc(&r, &b, &ar, 0, NULL) == NEWS_OK);
    FZ_CHECK(fz_article_equal(a, &b));
    FZ_CHECK(news_read_article_alloc(&r, &b, &ar, 0, NULL) == NEWS_END);
    news_free(NULL, ar.base);
    free(copy);
}

void fz_each_str(const news_article *a, void (*fn)(void *user, news_str s), void *user)
{
    const news_str *single[] = {&a->title,     &a->dek,       &a->kicker,  &a->summary,
                                &a->source,    &a->url,       &a->id,      &a->language,
                                &a->published, &a->modified,  &a->image,   &a->image_caption};
    const news_tag *t;
    const news_author *au;
    const news_block *b;
    const news_link *l;
    const news_field *f;
    size_t i;

    for (i = 0; i < sizeof single / sizeof single[0]; i++)
        if (single[i]->ptr != NULL)
            fn(user, *single[i]);
    for (t = a->tags; t != NULL; t = t->next)
        fn(user, t->text);
    for (au = a->authors; au != NULL; au = au->next) {
        fn(user, au->name);
        if (au->url.ptr != NULL)
            fn(user, au->url);
        if (au->bio.ptr != NULL)
            fn(user, au->bio);
    }
    for (f = a->ext; f != NULL; f = f->next) {
        fn(user, f->key);
        fn(user, f->value);
    }
    for (b = a->body; b != NULL; b = b->next)
        fn(user, b->text);
    for (l = a->related; l != NULL; l = l->next) {
        const news_str *ls[] = {&l->title, &l->kicker, &l->summary, &l->url};
        for (i = 0; i < 4; i++)
            if (ls[i]->ptr != NULL)
                fn(user, *ls[i]);
        for (f = l->ext; f != NULL; f = f->next) {
            fn(user, f->key);
            fn(user, f->value);
        }
    }
}

/* --- text ----------------------------------------------------------- */

size_t fz_utf8_len(const unsigned char *s, size_t n)
{
    unsigned long cp;
    size_t len, k;

    if (n == 0)
        return 0;
    if (s[0] < 0x80)
        return 1;
    if ((s[0] & 0xE0) == 0xC0) {
        len = 2;
        cp = s[0] & 0x1Fu;
    } else if ((s[0] & 0xF0) == 0xE0) {
        len = 3;
        cp = s[0] & 0x0Fu;
    } else if ((s[0] & 0xF8) == 0xF0) {
        len = 4;
        cp = s[0] & 0x07u;
    } else {
        return 0; /* continuation byte, or 0xF8-0xFF */
    }
    if (n < len)
        return 0;
    for (k = 1; k < len; k++) {
        if ((s[k] & 0xC0) != 0x80)
            return 0;
        cp = cp << 6 | (s[k] & 0x3Fu);
    }
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
        cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return len;
}

int fz_text_ok(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;

    while (i < n) {
        size_t k = fz_utf8_len(u + i, n - i);
        if (k == 0 || (u[i] < 0x20 && u[i] != '\t'))
            return 0;
        if (k == 3 && u[i] == 0xEF && u[i + 1] == 0xBB && u[i + 2] == 0xBF)
            return 0;
        i += k;
    }
    return 1;
}

/* --- JSON (the validator is shared with the unit tests) ------------- */

#include "../jsonvalid.h"

int fz_json_valid(const char *s, size_t n, int unique_names)
{
    return jv_valid(s, n, unique_names);
}

/* --- a pool, and the reference builder ------------------------------- */

void *fz_pool_alloc(fz_pool *pool, size_t size)
{
    void *p = calloc(1, size > 0 ? size : 1);

    FZ_CHECK(p != NULL);
    if (pool->n == pool->cap) {
        pool->cap = pool->cap ? pool->cap * 2 : 64;
        pool->blocks = (void **)realloc(pool->blocks, pool->cap * sizeof *pool->blocks);
        FZ_CHECK(pool->blocks != NULL);
    }
    pool->blocks[pool->n++] = p;
    return p;
}

void fz_pool_free(fz_pool *pool)
{
    size_t i;
    for (i = 0; i < pool->n; i++)
        free(pool->blocks[i]);
    free(pool->blocks);
    memset(pool, 0, sizeof *pool);
}

/* The member of an article for a single-valued header field, by the
 * names of the format rather than the library's tables. */
static news_str *single_field(news_article *a, int field)
{
    switch (field) {
    case NEWS_FIELD_TITLE: return &a->title;
    case NEWS_FIELD_DEK: return &a->dek;
    case NEWS_FIELD_KICKER: return &a->kicker;
    case NEWS_FIELD_SUMMARY: return &a->summary;
    case NEWS_FIELD_SOURCE: return &a->source;
    case NEWS_FIELD_URL: return &a->url;
    case NEWS_FIELD_ID: return &a->id;
    case NEWS_FIELD_LANGUAGE: return &a->language;
    case NEWS_FIELD_PUBLISHED: return &a->published;
    case NEWS_FIELD_MODIFIED: return &a->modified;
    case NEWS_FIELD_IMAGE: return &a->image;
    case NEWS_FIELD_IMAGE_CAPTION: return &a->image_caption;
    default: return NULL;
    }
}

static news_str *link_field(news_link *l, int field)
{
    switch (field) {
    case NEWS_LINK_TITLE: return &l->title;
    case NEWS_LINK_KICKER: return &l->kicker;
    case NEWS_LINK_SUMMARY: return &l->summary;
    case NEWS_LINK_URL: return &l->url;
    default: return NULL;
    }
}

int fz_reference_article(news_reader *r, news_article *a, fz_pool *pool)
{
    news_tag *tag_end = NULL;
    news_author *author_end = NULL;
    news_block *block_end = NULL;
    news_link *link_end = NULL;
    news_field *ext_end = NULL, *link_ext_end = NULL;
    news_event ev;
    int rc;

    for (;;) {
        rc = news_reader_next(r, &ev);
        if (rc != NEWS_OK)
            return rc;
        switch (ev.type) {
        case NEWS_EV_ARTICLE:
            memset(a, 0, sizeof *a);
            break;
        case NEWS_EV_ARTICLE_END:
            return NEWS_OK;
        case NEWS_EV_FIELD:
            if (single_field(a, ev.field) != NULL) {
                *single_field(a, ev.field) = ev.value;
            } else if (ev.field == NEWS_FIELD_TAG) {
                news_tag *t = (news_tag *)fz_pool_alloc(pool, sizeof *t);
                t->text = ev.value;
                *(tag_end ? &tag_end->next : &a->tags) = t;
                tag_end = t;
                a->n_tags++;
            } else if (ev.field == NEWS_FIELD_AUTHOR) {
                news_author *au = (news_author *)fz_pool_alloc(pool, sizeof *au);
                au->name = ev.value;
                *(author_end ? &author_end->next : &a->authors) = au;
                author_end = au;
                a->n_authors++;
            } else if (ev.field == NEWS_FIELD_AUTHOR_URL || ev.field == NEWS_FIELD_AUTHOR_BIO) {
                FZ_CHECK(author_end != NULL);
                *(ev.field == NEWS_FIELD_AUTHOR_URL ? &author_end->url : &author_end->bio) =
                    ev.value;
            } else {
                news_field *f = (news_field *)fz_pool_alloc(pool, sizeof *f);
                FZ_CHECK(ev.field == NEWS_FIELD_EXT);
                f->key = ev.key;
                f->value = ev.value;
                *(ext_end ? &ext_end->next : &a->ext) = f;
                ext_end = f;
                a->n_ext++;
            }
            break;
        case NEWS_EV_BLOCK: {
            news_block *b = (news_block *)fz_pool_alloc(pool, sizeof *b);
            b->kind = ev.kind;
            b->text = ev.value;
            *(block_end ? &block_end->next : &a->body) = b;
            block_end = b;
            a->n_blocks++;
            break;
        }
        case NEWS_EV_LINK: {
            news_link *l = (news_link *)fz_pool_alloc(pool, sizeof *l);
            *(link_end ? &link_end->next : &a->related) = l;
            link_end = l;
            link_ext_end = NULL;
            a->n_related++;
            break;
        }
        case NEWS_EV_LINK_FIELD:
            FZ_CHECK(link_end != NULL);
            if (link_field(link_end, ev.field) != NULL) {
                *link_field(link_end, ev.field) = ev.value;
            } else {
                news_field *f = (news_field *)fz_pool_alloc(pool, sizeof *f);
                FZ_CHECK(ev.field == NEWS_FIELD_EXT);
                f->key = ev.key;
                f->value = ev.value;
                *(link_ext_end ? &link_ext_end->next : &link_end->ext) = f;
                link_ext_end = f;
                link_end->n_ext++;
            }
            break;
        default:
            FZ_CHECK(!"unknown event type");
        }
    }
}

int fz_counts_ok(const news_article *a)
{
    const news_tag *t;
    const news_author *au;
    const news_block *b;
    const news_link *l;
    size_t n;

    for (n = 0, t = a->tags; t != NULL; t = t->next)
        n++;
    if (n != a->n_tags)
        return 0;
    for (n = 0, au = a->authors; au != NULL; au = au->next)
        n++;
    if (n != a->n_authors)
        return 0;
    for (n = 0, b = a->body; b != NULL; b = b->next)
        n++;
    if (n != a->n_blocks || count_fields(a->ext) != a->n_ext)
        return 0;
    for (n = 0, l = a->related; l != NULL; l = l->next, n++)
        if (count_fields(l->ext) != l->n_ext)
            return 0;
    return n == a->n_related;
}
